/* rules.c — loads a relation rule set into the flat read-only form of rules.h: the shared
 * loader plumbing (errors with file:line:column, growable arrays, line reading), the rule file
 * driver, and the stem index built at the end. The language is parsed in rules_parse.c, the
 * predicate vocabulary and role lexicon are read in rules_vocab.c (models/README.md). */
#include "relations/rules.h"

#include "core/datafile.h"
#include "core/types.h"
#include "relations/relate_match.h"
#include "core/utf8.h"

#include <errno.h>
#include <libstemmer.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* growable arrays of the rule set (int32 counts) */

int rules_grow(void **items, int32_t *cap, int32_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    int32_t ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, (size_t)ncap * elem);
    if (!p)
        return FEIT_ENOMEM;
    /* zeroed: the padding of the elements too, which the rules cache writes out as it is */
    memset((char *)p + (size_t)*cap * elem, 0, (size_t)(ncap - *cap) * elem);
    *items = p;
    *cap = ncap;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* errors and small helpers */

int rules_fail(loader *L, int line, int col, const char *fmt, ...)
{
    if (L->failed)
        return FEIT_EFORMAT;
    L->failed = true;
    snprintf(L->err->file, sizeof L->err->file, "%s", L->file);
    L->err->line = line;
    L->err->column = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err->text, sizeof L->err->text, fmt, ap);
    va_end(ap);
    return FEIT_EFORMAT;
}

int rules_failx(loader *L, const lex *x, const char *fmt, const char *what)
{
    return rules_fail(L, x->line, x->col, fmt, what);
}

char *rules_dupn(feit_rules *r, const char *s, size_t n)
{
    return arena_strndup(&r->arena, s, n);
}

char *rules_foldn(feit_rules *r, const char *s, size_t n)
{
    uint32_t len;
    return utf8_fold(&r->arena, s, n, &len);
}

bool rules_lex_is(const lex *x, const char *w)
{
    return !x->quoted && rules_name_is(w, x->s, (size_t)x->len);
}

/* ------------------------------------------------------------------------------------------ */
/* lexing one statement (a line plus its indented continuation lines) */

static int push_lex(loader *L, const char *s, int len, int line, int col, bool quoted)
{
    lex *x = RPUSH(L->lx, L->nlx, L->clx);
    if (!x)
        return FEIT_ENOMEM;
    x->s = s, x->len = len, x->line = line, x->col = col, x->quoted = quoted, x->qopt = false;
    return 0;
}

/* Lexes one physical line (kept alive by the caller) and appends its lexemes. ( ) | are their
 * own lexemes, except that | stays inside a word that starts with a capital or holds a colon
 * (COUNTRY|ORG, A:PERSON|ORG); ")?" is one lexeme; "..." and '...' are quoted literals. */
static int lex_line(loader *L, const char *line, int lineno)
{
    size_t i = 0, n = strlen(line);
    /* robustness: the column is counted on from the previous lexeme, not from the start of
     * the line for each one (quadratic: a 1 MB line took over a minute) */
    size_t col_off = 0;
    int col_base = 1;
    while (i < n) {
        char c = line[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
            break; /* comment to the end of the line */
        int col = col_base + datafile_column(line + col_off, i - col_off) - 1;
        col_off = i, col_base = col;
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < n && line[j] != c)
                j++;
            if (j >= n)
                return rules_fail(L, lineno, col, "unterminated quoted literal");
            if (j == i + 1)
                return rules_fail(L, lineno, col, "empty quoted literal");
            if (push_lex(L, line + i + 1, (int)(j - i - 1), lineno, col, true))
                return FEIT_ENOMEM;
            i = j + 1;
            if (i < n && line[i] == '?')
                L->lx[L->nlx - 1].qopt = true, i++;
            continue;
        }
        if (c == '(' || c == '|') {
            if (push_lex(L, line + i, 1, lineno, col, false))
                return FEIT_ENOMEM;
            i++;
            continue;
        }
        if (c == ')') {
            int len = (i + 1 < n && line[i + 1] == '?') ? 2 : 1;
            if (push_lex(L, line + i, len, lineno, col, false))
                return FEIT_ENOMEM;
            i += (size_t)len;
            continue;
        }
        size_t j = i;
        bool keep_bar = (c >= 'A' && c <= 'Z');
        while (j < n && line[j] != ' ' && line[j] != '\t' && line[j] != '(' && line[j] != ')') {
            if (line[j] == ':')
                keep_bar = true;
            if (line[j] == '|' && !keep_bar)
                break;
            j++;
        }
        /* a lexeme may be prefixes alone (! < ^) before a group: parse_elem joins them */
        if (push_lex(L, line + i, (int)(j - i), lineno, col, false))
            return FEIT_ENOMEM;
        i = j;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* the rule file: statements are lines plus their indented continuation lines */

/* The lines of one statement must stay alive while it is parsed: keep them in a list. */
typedef struct linebuf {
    char **lines;
    int32_t n, cap;
} linebuf;

static void lines_clear(linebuf *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->lines[i]);
    b->n = 0;
}

static int lines_add(linebuf *b, const char *s)
{
    char **p = RPUSH(b->lines, b->n, b->cap);
    if (!p)
        return FEIT_ENOMEM;
    *p = strdup(s);
    return *p ? 0 : FEIT_ENOMEM;
}

static int load_rule_file(loader *L, const char *path)
{
    datafile rd;
    linebuf lb = {0};
    int rc = 0;
    L->file = path;
    if ((rc = datafile_open(&rd, path, L->err))) {
        L->failed = true;
        goto out;
    }
    char *line;
    for (;;) {
        line = datafile_line(&rd);
        if (!line && rd.bad) { /* before the pending statement, which the bad line may cut */
            rc = rules_fail(L, rd.line, rd.bad, "%s", rd.bad_what);
            goto out;
        }
        bool cont = line && (line[0] == ' ' || line[0] == '\t');
        bool blank = line && !line[strspn(line, " \t")];
        if (line && !blank && datafile_blank(line))
            continue; /* a comment line does not end a statement; a blank line does */
        if (blank)
            cont = false;
        if (!cont && L->nlx) {
            if ((rc = rules_statement(L)))
                goto out;
            L->nlx = 0;
            lines_clear(&lb);
        }
        if (!line)
            break;
        if (blank)
            continue;
        if (cont && !L->nlx) {
            rc = rules_fail(L, rd.line, 1, "indented line continues no statement");
            goto out;
        }
        if ((rc = lines_add(&lb, line)))
            goto out;
        if ((rc = lex_line(L, lb.lines[lb.n - 1], rd.line)))
            goto out;
    }
    if (!L->r->nrules)
        rc = rules_fail(L, rd.line, 0, "no rules");
out:
    datafile_close(&rd);
    lines_clear(&lb);
    free(lb.lines);
    return rc;
}

static rstem_slot *stem_slot(rstem_slot *tab, uint32_t size, const char *s, size_t n, int create)
{
    uint32_t h = utf8_hash(s, n, UTF8_HASH_INIT);
    for (uint32_t j = h & (size - 1);; j = (j + 1) & (size - 1)) {
        rstem_slot *e = &tab[j];
        if (!e->stem) {
            if (!create)
                return NULL;
            e->stem = s, e->len = (uint32_t)n, e->hash = h;
            return e;
        }
        if (e->hash == h && e->len == n && !memcmp(e->stem, s, n))
            return e;
    }
}

const rstem_slot *rules_stem_find(const feit_rules *r, const char *s, size_t n)
{
    return r->stem_index ? stem_slot(r->stem_index, r->stem_index_size, s, n, 0) : NULL;
}

bool rules_is_stem(void *probe, const char *cut, size_t n)
{
    const rules_stem_cut_probe *p = probe;
    return n == p->len && !memcmp(cut, p->stem, n);
}

/* Sets the length bit of stem s[0 .. n) in a length filter (rules.h: edge_lens) under the
 * key of its last three bytes, or of its first three (start); a stem of fewer than three
 * bytes under every key a longer word's three bytes there may have (each value v of the
 * bytes it lacks, in turn). */
static void mark_len(uint32_t *lens, const char *s, size_t n, bool start)
{
    uint32_t bit = rules_len_bit(n);
    size_t known = n < 3 ? n : 3;
    for (uint32_t v = 0; v < 1u << (8 * (3 - known)); v++) {
        unsigned char e[3];
        uint32_t rest = v;
        for (size_t i = 0; i < 3; i++) {
            if (start ? i < known : i >= 3 - known)
                e[i] = (unsigned char)(start ? s[i] : s[n - 3 + i]);
            else
                e[i] = (unsigned char)(rest & 255), rest >>= 8;
        }
        lens[rules_byte_key(e[0], e[1], e[2])] |= bit;
    }
}

/* Builds r->stem_index and the rules' first sets as bitsets (see rules.h). */
static int index_stems(feit_rules *r)
{
    if (r->nsets > RULES_INDEX_SETS)
        return 0; /* too many sets for the bitsets: relate_match.c then compares stems one by one */
    size_t w = r->nsets > 64 ? ((size_t)r->nsets + 63) / 64 : 1;
    uint32_t size = 16;
    while (size < 2 * (uint32_t)r->nstems + 2)
        size *= 2;
    r->stem_index = calloc(size, sizeof *r->stem_index);
    /* (the distinct stems are at most nstems: three bitsets each) */
    r->stem_masks = calloc(3 * w * ((size_t)r->nstems + 1), sizeof *r->stem_masks);
    r->first_masks = calloc(w * ((size_t)r->nrules + 1), sizeof *r->first_masks);
    r->edge_lens = calloc(3 * RULES_EDGE_KEYS, sizeof *r->edge_lens);
    if (!r->stem_index || !r->stem_masks || !r->first_masks || !r->edge_lens)
        return FEIT_ENOMEM;
    r->stem_index_size = size;
    r->set_words = (int32_t)w;
    for (int32_t i = 0; i < r->nrules; i++)
        for (int32_t x = 0; x < r->rules[i].nfirst_sets; x++) {
            int32_t k = r->first_set_ids[r->rules[i].first_set + x];
            r->first_masks[(size_t)i * w + (size_t)(k >> 6)] |= 1ull << (k & 63);
            if (w == 1)
                r->rules[i].first_bits |= 1ull << k;
        }
    uint32_t nslots = 0;
    for (int32_t k = 0; k < r->nsets; k++) {
        const rset *set = &r->sets[k];
        size_t at = (size_t)(k >> 6);
        uint64_t bit = 1ull << (k & 63);
        for (int32_t i = 0; i < set->n; i++) {
            const rstem *e = &r->stems[set->first + i];
            rstem_slot *sl = stem_slot(r->stem_index, size, e->stem, e->len, 1);
            if (!sl->masks) /* a new slot (offset 0 stays unused: it marks "none yet") */
                sl->masks = (uint32_t)(3 * w * ++nslots);
            uint64_t *exact = r->stem_masks + sl->masks, *head = exact + w, *lead = head + w;
            exact[at] |= bit;
            mark_len(r->edge_lens + RULES_LENS_WHOLE, e->stem, e->len, false);
            if (e->head) {
                head[at] |= bit;
                mark_len(r->edge_lens + RULES_LENS_HEAD, e->stem, e->len, false);
            }
            if (e->lead) {
                lead[at] |= bit;
                mark_len(r->edge_lens + RULES_LENS_LEAD, e->stem, e->len, true);
            }
        }
    }
    return 0;
}

/* The filter of first-token hashes of the sequence starting at node (see rules.h alt_first):
 * literal words give their hash bit; optional parts add what may follow them; anything else
 * (entities, word sets, gaps, a sequence that may match nothing) gives RULES_FIRST_ANY. */
static uint64_t first_words(const feit_rules *r, int32_t node, int depth)
{
    if (node < 0 || depth > 32)
        return RULES_FIRST_ANY;
    const rnode *n = &r->nodes[node];
    uint64_t f = 0;
    if (n->kind == RN_WORD && !n->behind) {
        f = 1ull << (n->hash & 63);
    } else if (n->kind == RN_GROUP && !n->behind) {
        for (int32_t a = 0; a < n->nalts && f != RULES_FIRST_ANY; a++)
            f |= first_words(r, r->alts[n->arg + a], depth + 1);
    } else {
        return RULES_FIRST_ANY;
    }
    if (n->optional && f != RULES_FIRST_ANY)
        f |= first_words(r, n->next, depth + 1);
    return f;
}

/* What the first token of the sequence from node can be (rrule.after_anchor): literals into
 * *bits, entity types into *types; RULES_FIRST_ANY in *bits for anything else (a set, a role, a
 * gap, a look-around, a sequence that may match nothing). */
static void follow(const feit_rules *r, int32_t node, int depth, uint64_t *bits, uint8_t *types)
{
    if (*bits == RULES_FIRST_ANY)
        return;
    if (node < 0 || depth > 32) {
        *bits = RULES_FIRST_ANY;
        return;
    }
    const rnode *n = &r->nodes[node];
    if (n->kind == RN_WORD && !n->behind)
        *bits |= 1ull << (n->hash & 63);
    else if (n->kind == RN_ENT && !n->behind)
        *types |= n->types;
    else if (n->kind == RN_GROUP && !n->behind)
        for (int32_t a = 0; a < n->nalts; a++)
            follow(r, r->alts[n->arg + a], depth + 1, bits, types);
    else
        *bits = RULES_FIRST_ANY;
    if (n->optional)
        follow(r, n->next, depth + 1, bits, types);
}

/* Does every match of the sequence from node start by consuming a word, a role or a word of a
 * set (never an entity, nor nothing)? */
static bool word_first(const feit_rules *r, int32_t node, int depth)
{
    if (node < 0 || depth > 32)
        return false;
    const rnode *n = &r->nodes[node];
    if (n->behind)
        return false;
    if (n->kind == RN_GROUP) {
        for (int32_t a = 0; a < n->nalts; a++)
            if (!word_first(r, r->alts[n->arg + a], depth + 1))
                return false;
    } else if (n->kind != RN_WORD && n->kind != RN_STEMS && n->kind != RN_ROLE) {
        return false;
    }
    return !n->optional || word_first(r, n->next, depth + 1);
}

/* Is every alternative of group node n (the first element of a rule with no anchor) a lone
 * entity or word_first? Then a match that starts at a mention goes on right after it (the
 * matcher takes no word, role or word of a set inside a mention). */
static bool lone_ents(const feit_rules *r, const rnode *n)
{
    if (n->kind != RN_GROUP || n->optional || n->behind)
        return false;
    for (int32_t a = 0; a < n->nalts; a++) {
        const rnode *h = &r->nodes[r->alts[n->arg + a]];
        bool lone = h->kind == RN_ENT && !h->optional && !h->behind && h->next < 0;
        if (!lone && !word_first(r, r->alts[n->arg + a], 0))
            return false;
    }
    return true;
}

static int index_first_words(feit_rules *r)
{
    r->alt_first = malloc(((size_t)r->nalts + 1) * sizeof *r->alt_first);
    if (!r->alt_first)
        return FEIT_ENOMEM;
    for (int32_t a = 0; a < r->nalts; a++)
        r->alt_first[a] = first_words(r, r->alts[a], 0);
    for (int32_t i = 0; i < r->nrules; i++) {
        rrule *ru = &r->rules[i];
        const rnode *n = ru->body >= 0 ? &r->nodes[ru->body] : NULL;
        bool ent = n && n->kind == RN_ENT && !n->optional && !n->behind;
        ru->after_anchor = RULES_FIRST_ANY, ru->after_types = 0;
        int32_t first = ru->anchor_types && ent ? ru->body : ru->anchor;
        if (first >= 0 && (ru->anchor_types ? ent : true)) {
            ru->after_anchor = 0;
            follow(r, r->nodes[first].next, 0, &ru->after_anchor, &ru->after_types);
        } else if (!ru->anchor_types && ru->anchor < 0 && n && lone_ents(r, n)) {
            ru->after_anchor = 0; /* (what follows the group, after one of its entities) */
            follow(r, n->next, 0, &ru->after_anchor, &ru->after_types);
        }
    }
    return 0;
}

/* Numbers the distinct literals of the requirements (r->lit_index, r->nlits). */
static int index_lits(feit_rules *r)
{
    if (!r->nreq_lits)
        return 0;
    uint32_t size = 16;
    while (size < 2 * (uint32_t)r->nreq_lits + 2)
        size *= 2;
    r->lit_index = calloc(size, sizeof *r->lit_index);
    if (!r->lit_index)
        return FEIT_ENOMEM;
    r->lit_index_size = size;
    for (int32_t i = 0; i < r->nreq_lits; i++) {
        const rnode *n = &r->nodes[r->req_lits[i]];
        for (uint32_t j = n->hash & (size - 1);; j = (j + 1) & (size - 1)) {
            rlit_slot *e = &r->lit_index[j];
            if (!e->word) {
                *e = (rlit_slot){n->word, n->wlen, n->hash, r->nlits++};
                break;
            }
            if (e->hash == n->hash && e->len == n->wlen && !memcmp(e->word, n->word, n->wlen))
                break;
        }
    }
    return 0;
}

/* The packed tests of the rules (rtest). */
static int index_tests(feit_rules *r)
{
    r->tests = calloc((size_t)r->nrules + 1, sizeof *r->tests);
    r->by_pass = calloc((size_t)r->nrules + 1, sizeof *r->by_pass);
    if (!r->tests || !r->by_pass)
        return FEIT_ENOMEM;
    int32_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        r->pass_start[pass] = k;
        for (int32_t i = 0; i < r->nrules; i++)
            if (r->rules[i].describe == (pass == 0))
                r->by_pass[k++] = i;
    }
    r->pass_start[2] = k;
    for (int32_t i = 0; i < r->nrules; i++) {
        const rrule *ru = &r->rules[i];
        rtest *t = &r->tests[i];
        t->min_ments = ru->min_ments;
        t->describe = ru->describe;
        t->nreqs = (uint8_t)ru->nreqs;
    }
    if (!r->stem_index || !r->nrules)
        return 0;
    int32_t w = (r->nrules + 63) / 64, cap = 0;
    for (int32_t i = 0; i < r->nrules; i++)
        cap = r->rules[i].min_ments > cap ? r->rules[i].min_ments : cap;
    r->rs_pass = calloc((size_t)2 * (size_t)(cap + 1) * (size_t)w, sizeof *r->rs_pass);
    size_t nk = (size_t)r->nsets, rows = nk + 1 + (size_t)r->nlits;
    r->rs_req = calloc((size_t)RULES_MAX_REQS * rows * (size_t)w, sizeof *r->rs_req);
    if (!r->rs_pass || !r->rs_req)
        return FEIT_ENOMEM;
    r->rs_words = w, r->ment_cap = cap, r->rs_rows = (int32_t)rows;
    for (int32_t i = 0; i < r->nrules; i++) {
        const rrule *ru = &r->rules[i];
        uint64_t bit = 1ull << (i % 64);
        size_t at = (size_t)(i / 64);
        for (int32_t m = ru->min_ments < 0 ? 0 : ru->min_ments; m <= cap; m++)
            r->rs_pass[((size_t)(ru->describe ? 0 : 1) * (size_t)(cap + 1) + (size_t)m) * (size_t)w + at] |= bit;
        for (int32_t q = 0; q < RULES_MAX_REQS; q++) {
            uint64_t *row = r->rs_req + (size_t)q * (size_t)w + at; /* row k: row[k * RULES_MAX_REQS * w] */
            size_t kw = (size_t)RULES_MAX_REQS * (size_t)w;
            if (q >= ru->nreqs) {
                row[nk * kw] |= bit;
                continue;
            }
            const rreq *rq = &ru->reqs[q];
            for (int32_t x = 0; x < rq->nsets; x++)
                row[(size_t)rq->sets[x] * kw] |= bit;
            for (int32_t x = 0; x < rq->nlits; x++) {
                const rnode *n = &r->nodes[r->req_lits[rq->lit_first + x]];
                int32_t li = rules_lit_find(r, n->word, n->wlen, n->hash);
                row[(nk + 1 + (size_t)li) * kw] |= bit;
            }
        }
    }
    return 0;
}

/* A sequence's continuation while follow_first walks into a group's alternative: where the
 * alternative's end goes on. */
typedef struct fcont {
    int32_t node;
    const struct fcont *up;
} fcont;

/* What the first token of the sequence from node (going on at k where it ends) can be, added
 * to *f (rules.h: rfollow); sets: the set_words words of f's sets, or NULL when the sets are no
 * bitsets (then a set is anything). The end of the outermost sequence is anything: the
 * continuation there is the matcher's. */
static void follow_first(const feit_rules *r, int32_t node, const fcont *k, int depth, rfollow *f, uint64_t *sets)
{
    if (f->any)
        return;
    if (depth > 32) {
        f->any = true;
        return;
    }
    if (node < 0) {
        if (k)
            follow_first(r, k->node, k->up, depth + 1, f, sets);
        else
            f->any = true;
        return;
    }
    const rnode *n = &r->nodes[node];
    if (n->behind || n->kind == RN_NOT) { /* zero width */
        follow_first(r, n->next, k, depth + 1, f, sets);
        return;
    }
    switch ((rnode_kind)n->kind) {
    case RN_WORD:
        f->bits |= 1ull << (n->hash & 63);
        break;
    case RN_ENT:
        f->types |= n->types;
        break;
    case RN_STEMS:
        if (!sets) {
            f->any = true;
            return;
        }
        sets[n->arg >> 6] |= 1ull << (n->arg & 63);
        f->sets = 0; /* (has sets: index_gaps gives the real offset) */
        break;
    case RN_GROUP: {
        fcont c = {n->next, k};
        for (int32_t a = 0; a < n->nalts && !f->any; a++)
            follow_first(r, r->alts[n->arg + a], &c, depth + 1, f, sets);
        break;
    }
    default: /* a role, a gap */
        f->any = true;
        return;
    }
    if (n->optional)
        follow_first(r, n->next, k, depth + 1, f, sets);
}

/* r->gap_next and r->gap_sets (rules.h) */
static int index_gaps(feit_rules *r)
{
    size_t w = r->stem_index ? (size_t)r->set_words : 0, ngaps = 0;
    for (int32_t i = 0; i < r->nnodes; i++)
        ngaps += r->nodes[i].kind == RN_GAP;
    r->gap_next = arena_alloc(&r->arena, ((size_t)r->nnodes + 1) * sizeof *r->gap_next);
    r->gap_sets = arena_alloc(&r->arena, (ngaps * w + 1) * sizeof *r->gap_sets);
    if (!r->gap_next || !r->gap_sets)
        return FEIT_ENOMEM;
    memset(r->gap_next, 0, ((size_t)r->nnodes + 1) * sizeof *r->gap_next); /* (its padding goes into the rules cache) */
    size_t at = 0;
    for (int32_t i = 0; i < r->nnodes; i++) {
        rfollow *f = &r->gap_next[i];
        *f = (rfollow){0, RULES_NO_SETS, 0, true};
        if (r->nodes[i].kind != RN_GAP)
            continue;
        f->any = false;
        uint64_t *sets = w ? r->gap_sets + at : NULL;
        if (w)
            memset(sets, 0, w * sizeof *sets);
        follow_first(r, r->nodes[i].next, NULL, 0, f, sets);
        if (f->any)
            f->sets = RULES_NO_SETS;
        else if (f->sets != RULES_NO_SETS)
            f->sets = (uint32_t)at, at += w;
    }
    r->ngap_sets = (uint32_t)at;
    return 0;
}

/* r->later (rules.h) */
static int index_later(feit_rules *r)
{
    r->later = arena_alloc(&r->arena, ((size_t)r->nrules + 1) * sizeof *r->later);
    if (!r->later)
        return FEIT_ENOMEM;
    memset(r->later, 0, ((size_t)r->nrules + 1) * sizeof *r->later); /* (as gap_next) */
    for (int32_t i = 0; i < r->nrules; i++) {
        rlater *lt = &r->later[i];
        const rrule *ru = &r->rules[i];
        *lt = (rlater){-1, 0, false, false, ru->anchor_types, false, RULES_START_ANY, ru->after_types, ru->after_anchor};
        if (ru->anchor_types)
            lt->start = RULES_START_ENT;
        else if (ru->anchor >= 0 && r->nodes[ru->anchor].kind == RN_ROLE)
            lt->start = RULES_START_ROLE;
        int32_t body = ru->body;
        if (body < 0)
            continue;
        const rnode *f = &r->nodes[body];
        bool consumes = !f->optional && !f->behind && (f->kind == RN_WORD || f->kind == RN_STEMS || f->kind == RN_ROLE || f->kind == RN_ENT);
        for (int32_t x = body; x >= 0; x = r->nodes[x].next) {
            const rnode *n = &r->nodes[x];
            if (n->optional || n->behind)
                continue;
            int32_t id = n->kind == RN_WORD ? rules_lit_find(r, n->word, n->wlen, n->hash) : -1;
            if (id >= 0)
                lt->lit = id, lt->lit_after = consumes && x != body;
            if (n->kind == RN_ENT)
                lt->types = n->types, lt->types_after = consumes && x != body;
            lt->role = lt->role || n->kind == RN_ROLE;
        }
    }
    return 0;
}

/* The words of row k of rs_nz (set k, or literal k - nsets - 1): how many words of the bitsets
 * the set or literal is in a requirement of, a measure of how many rules ask for it. */
static uint32_t row_words(const feit_rules *r, size_t k) { return r->rs_nz_first[k + 1] - r->rs_nz_first[k]; }

/* r->gate_ments, gate_role, gate_lits, gate_sets (rules.h), from later and the requirements:
 * of a rule, the one text holds least often (gate_q, rules_choose_reqs) */
static int index_gate(feit_rules *r, const int8_t *gate_q)
{
    /* the gate holds below the fewest mentions a rule with neither a role, a later literal nor
     * a requirement needs, and for one mention at most */
    int32_t open = 2;
    for (int32_t i = 0; i < r->nrules; i++)
        if (!r->later[i].role && r->later[i].lit < 0 && !r->rules[i].nreqs && r->rules[i].min_ments < open)
            open = r->rules[i].min_ments;
    if (open <= 1) /* (a sentence with no mention is not tried at all) */
        return 0;
    size_t lw = ((size_t)r->nlits + 63) / 64 + 1, sw = (size_t)r->set_words;
    r->gate_lits = arena_alloc(&r->arena, lw * sizeof *r->gate_lits);
    r->gate_sets = arena_alloc(&r->arena, (sw + 1) * sizeof *r->gate_sets);
    if (!r->gate_lits || !r->gate_sets)
        return FEIT_ENOMEM;
    memset(r->gate_lits, 0, lw * sizeof *r->gate_lits);
    memset(r->gate_sets, 0, (sw + 1) * sizeof *r->gate_sets);
    r->gate_ments = open - 1;
    for (int32_t i = 0; i < r->nrules; i++) {
        const rlater *lt = &r->later[i];
        const rrule *ru = &r->rules[i];
        if (ru->min_ments > r->gate_ments)
            continue;
        if (lt->role) { /* (a role, rarer than most literals, decides for a rule with both) */
            r->gate_role = true;
        } else if (!ru->nreqs) {
            r->gate_lits[lt->lit >> 6] |= 1ull << (lt->lit & 63);
        } else {
            const rreq *q = &ru->reqs[gate_q[i]];
            for (int32_t x = 0; x < q->nlits; x++) {
                const rnode *n = &r->nodes[r->req_lits[q->lit_first + x]];
                int32_t li = rules_lit_find(r, n->word, n->wlen, n->hash);
                r->gate_lits[li >> 6] |= 1ull << (li & 63);
            }
            for (int32_t x = 0; x < q->nsets; x++)
                r->gate_sets[q->sets[x] >> 6] |= 1ull << (q->sets[x] & 63);
        }
    }
    return 0;
}

/* few_ments, rs_few_first and rs_few from rs_nz (rules.h): twice over the rows, counting (and
 * ending at the first mention count whose rows keep more than half of the words), then
 * filling. */
static int index_few_rows(feit_rules *r)
{
    size_t w = (size_t)r->rs_words, rows = (size_t)r->rs_rows, cap = (size_t)r->ment_cap, n = 0;
    for (int fill = 0; fill < 2; fill++) {
        if (fill) {
            cap = (size_t)r->few_ments;
            r->rs_few_first = arena_alloc(&r->arena, (cap * (rows + 1) + 1) * sizeof *r->rs_few_first);
            r->rs_few = arena_alloc(&r->arena, (n + 1) * sizeof *r->rs_few);
            if (!r->rs_few_first || !r->rs_few)
                return FEIT_ENOMEM;
            n = 0;
        }
        for (size_t m = 0; m < cap; m++) {
            const uint64_t *p0 = r->rs_pass + m * w, *p1 = r->rs_pass + ((size_t)r->ment_cap + 1 + m) * w;
            size_t start = n;
            for (size_t k = 0; k < rows; k++) {
                if (fill)
                    r->rs_few_first[m * (rows + 1) + k] = (uint32_t)n;
                for (uint32_t i = r->rs_nz_first[k]; i < r->rs_nz_first[k + 1]; i++) {
                    size_t x = r->rs_nz[i].at % w; /* (the rule word of the row's word) */
                    uint64_t bits = r->rs_nz[i].bits & (p0[x] | p1[x]);
                    if (bits && fill)
                        r->rs_few[n] = (rrow_word){bits, r->rs_nz[i].at};
                    n += bits != 0;
                }
            }
            if (fill) {
                r->rs_few_first[m * (rows + 1) + rows] = (uint32_t)n;
            } else if (2 * (n - start) > (size_t)r->rs_nz_first[rows]) {
                n = start; /* (its words are not kept, nor those of more mentions: they only grow) */
                break;
            } else {
                r->few_ments = (int32_t)m + 1;
            }
        }
    }
    return 0;
}

/* lit_top, ntop and rs_top from the rows (rules.h) */
static int index_top(feit_rules *r)
{
    size_t w = (size_t)r->rs_words, kw = (size_t)RULES_MAX_REQS * w, nk = (size_t)r->nsets;
    int32_t top[RULES_TOP_LITS], nt = 0;
    for (int32_t li = 0; li < r->nlits; li++) { /* (kept with the most words first) */
        uint32_t n = row_words(r, nk + 1 + (size_t)li);
        int32_t j = nt < RULES_TOP_LITS ? nt++ : RULES_TOP_LITS;
        for (; j > 0 && row_words(r, nk + 1 + (size_t)top[j - 1]) < n; j--)
            if (j < RULES_TOP_LITS)
                top[j] = top[j - 1];
        if (j < RULES_TOP_LITS)
            top[j] = li;
    }
    /* (a block per set of them: a rule file of many rules, whose rows are long, takes fewer
     * literals, or none) */
    while (nt > 0 && ((size_t)1 << nt) * kw * sizeof *r->rs_top > RULES_TOP_BYTES)
        nt--;
    if (!nt)
        return 0;
    r->ntop = nt;
    r->lit_top = arena_alloc(&r->arena, (size_t)r->nlits + 1);
    r->rs_top = arena_alloc(&r->arena, ((size_t)1 << nt) * kw * sizeof *r->rs_top);
    if (!r->lit_top || !r->rs_top)
        return FEIT_ENOMEM;
    memset(r->lit_top, -1, (size_t)r->nlits + 1);
    for (int32_t j = 0; j < nt; j++)
        r->lit_top[top[j]] = (int8_t)j;
    const uint32_t *first = r->rs_nz_first;
    const rrow_word *nz = r->rs_nz;
    for (size_t set = 0; set < (size_t)1 << nt; set++) {
        uint64_t *b = r->rs_top + set * kw;
        memcpy(b, r->rs_req + nk * kw, kw * sizeof *b); /* (no requirement q) */
        for (int32_t j = 0; j < nt; j++)
            if ((set >> j) & 1)
                for (uint32_t i = first[nk + 1 + (size_t)top[j]]; i < first[nk + 2 + (size_t)top[j]]; i++)
                    b[nz[i].at] |= nz[i].bits;
    }
    return 0;
}

/* Builds what rules.h says is made with the rows (rs_nz, rs_few, rs_top, gap_next, later,
 * rs_types, the gate, cue_bits, lit_byte) from rs_req, the nodes and the cues; 0 or
 * FEIT_ENOMEM. Once, at parsing: the rules cache keeps what it makes (rules_cache.c). */
static int rules_index_rows(feit_rules *r, const int8_t *gate_q)
{
    r->rs_nz_first = NULL, r->rs_nz = NULL;
    r->rs_few_first = NULL, r->rs_few = NULL, r->few_ments = 0;
    memset(r->cue_bits, 0, sizeof r->cue_bits);
    for (int32_t c = 0; c < r->ncues; c++)
        r->cue_bits[r->cues[c].time != 0][(r->cues[c].hash & 4095) >> 6] |= 1ull << (r->cues[c].hash & 63);
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        r->lit_byte[b] = rules_lit_find(r, &c, 1, utf8_hash(&c, 1, UTF8_HASH_INIT));
    }
    int rc = index_gaps(r);
    if (!rc)
        rc = index_later(r);
    if (rc)
        return rc;
    r->rs_types = NULL;
    r->gate_ments = -1, r->gate_role = false, r->gate_lits = NULL;
    r->lit_top = NULL, r->ntop = 0, r->rs_top = NULL;
    if (!r->rs_req)
        return 0;
    size_t w = (size_t)r->rs_words;
    size_t half = ((size_t)TYPES_ALL + 1) * w; /* (rules.h: the rows without a role, then with) */
    r->rs_types = arena_alloc(&r->arena, 2 * half * sizeof *r->rs_types);
    if (!r->rs_types)
        return FEIT_ENOMEM;
    memset(r->rs_types, 0, 2 * half * sizeof *r->rs_types);
    uint64_t *with_role = r->rs_types + half;
    for (uint32_t p = 0; p <= TYPES_ALL; p++) {
        uint32_t may = p | 1u << FEIT_PERSON;
        for (int32_t i = 0; i < r->nrules; i++) {
            const rlater *lt = &r->later[i];
            if ((!lt->types || (lt->types & may)) && (!lt->anchor_types || (lt->anchor_types & may))) {
                with_role[p * w + (size_t)i / 64] |= 1ull << (i % 64);
                if (!lt->role)
                    r->rs_types[p * w + (size_t)i / 64] |= 1ull << (i % 64);
            }
        }
    }
    size_t kw = (size_t)RULES_MAX_REQS * (size_t)r->rs_words, rows = (size_t)r->rs_rows, n = 0;
    for (size_t i = 0; i < rows * kw; i++)
        n += r->rs_req[i] != 0;
    r->rs_nz_first = arena_alloc(&r->arena, (rows + 1) * sizeof *r->rs_nz_first);
    r->rs_nz = arena_alloc(&r->arena, (n + 1) * sizeof *r->rs_nz);
    if (!r->rs_nz_first || !r->rs_nz)
        return FEIT_ENOMEM;
    n = 0;
    for (size_t k = 0; k < rows; k++) {
        r->rs_nz_first[k] = (uint32_t)n;
        for (size_t x = 0; x < kw; x++)
            if (r->rs_req[k * kw + x])
                r->rs_nz[n++] = (rrow_word){r->rs_req[k * kw + x], (uint32_t)x};
    }
    r->rs_nz_first[rows] = (uint32_t)n;
    if ((rc = index_gate(r, gate_q)) || (rc = index_few_rows(r)))
        return rc;
    return r->nlits ? index_top(r) : 0;
}

void rules_free(feit_rules *r)
{
    if (!r)
        return;
    if (r->image) { /* read from the cache: one block */
        if (r->image_map)
            munmap(r->image_map, r->image_map_len);
        else
            free(r->image);
        arena_free(&r->arena);
        free(r);
        return;
    }
    free(r->alt_first);
    free(r->tests);
    free(r->rs_pass);
    free(r->rs_req);
    free(r->req_lits);
    free(r->first_lits);
    free(r->lit_index);
    free(r->by_pass);
    free(r->stem_index);
    free(r->stem_masks);
    free(r->first_masks);
    free(r->edge_lens);
    free(r->first_set_ids);
    free(r->nodes);
    free(r->node_src);
    free(r->alts);
    free(r->stems);
    free(r->sets);
    free(r->preds);
    free(r->roles);
    free(r->emits);
    free(r->rules);
    free(r->cues);
    arena_free(&r->arena);
    free(r);
}


feit_rules *rules_load(const char *path, const char *stemmer, feit_error *err)
{
    feit_error dummy;
    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    loader L = {0};
    arena_init(&L.rank_arena);
    L.err = err;
    L.file = path;
    feit_rules *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err->file, sizeof err->file, "%s", path);
        snprintf(err->text, sizeof err->text, "out of memory");
        return NULL;
    }
    arena_init(&r->arena);
    r->cue_window = 3;
    r->cue_after = 2;
    L.r = r;
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(L.dir, sizeof L.dir, "%.*s", (int)(slash - path), path);
    L.stemmer = sb_stemmer_new(stemmer, NULL);
    int rc;
    if (!L.stemmer) /* libstemmer returns NULL for an unknown algorithm as for no memory */
        rc = rules_fail(&L, 0, 0, "no Snowball stemmer '%s'", stemmer);
    else
        rc = load_rule_file(&L, path);
    if (!rc) /* (the stem index first: rules_choose_reqs weighs the sets through it) */
        rc = index_stems(r);
    if (!rc)
        rc = rules_choose_reqs(r, &L);
    if (!rc)
        rc = index_first_words(r);
    if (!rc)
        rc = index_lits(r);
    if (!rc)
        rc = index_tests(r);
    if (!rc)
        rc = rules_index_rows(r, L.gate_q);
    /* the set words' stems, and a few of each shape (participles, "-heden", a double vowel,
     * consonant or both), must be cuts of their words: a stemmer of another algorithm than
     * the one rules_stem_cuts knows (Snowball 3's Dutch takes "ge-" off) leaves stem_cuts
     * false, and every word is stemmed */
    static const char *const probes[] = {"gelopen", "gewerkt", "opgestaan", "mogelijkheden", "maan", "bedden",
                                         "lichamelijk", "eerbaar", "vrijheid", "kinderen", "pakken", "zoete"};
    bool cuts = !rc && r->stem_index && !strcmp(stemmer, "dutch") && !L.cuts_differ;
    for (size_t i = 0; cuts && i < sizeof probes / sizeof *probes; i++) {
        const sb_symbol *st = sb_stemmer_stem(L.stemmer, (const sb_symbol *)probes[i], (int)strlen(probes[i]));
        rules_stem_cut_probe p = {(const char *)st, st ? (size_t)sb_stemmer_length(L.stemmer) : 0};
        cuts = st && rules_stem_cuts(probes[i], strlen(probes[i]), rules_is_stem, &p) == 1;
    }
    r->stem_cuts = cuts;
    if (!rc) {
        r->min_ments = INT32_MAX;
        for (int32_t i = 0; i < r->nrules; i++)
            if (r->rules[i].min_ments < r->min_ments)
                r->min_ments = r->rules[i].min_ments;
    }
    sb_stemmer_delete(L.stemmer);
    free(L.lx);
    free(L.macros);
    free(L.ids);
    free(L.rank_words);
    free(L.gate_q);
    arena_free(&L.rank_arena);
    if (rc) {
        if (!L.failed) {
            snprintf(err->file, sizeof err->file, "%s", L.file);
            snprintf(err->text, sizeof err->text, "out of memory");
        }
        rules_free(r);
        return NULL;
    }
    return r;
}
