/* rules_parse.c — the rule language of models/relations.rules: lexing a statement, word sets,
 * cue words, define/%NAME, and the recursive-descent parser that turns a rule's pattern and
 * emits into nodes (rules.h). The language is documented in models/README.md. */
#include "core/types.h"
#include "relations/rules.h"
#include "core/datafile.h"
#include "core/utf8.h"

#include <ctype.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct macro {
    const char *name;
    lex *lx;
    int n;
} macro;

/* ------------------------------------------------------------------------------------------ */
/* the type vocabulary of patterns */

/* The type and form vocabulary of patterns comes from src/core/types.h, plus the unions PLACE
 * and ANY and the forms /name (names and shortened names) and /all. */
static unsigned type_bits(const char *s, size_t n)
{
    if (rules_name_is("PLACE", s, n))
        return TYPES_PLACE;
    if (rules_name_is("ANY", s, n))
        return TYPES_ALL;
    int t = types_find_rule(s, n);
    return t < 0 ? 0 : 1u << t;
}

static unsigned form_bits(const char *s, size_t n)
{
    if (rules_name_is("all", s, n))
        return FORMS_ALL;
    if (rules_name_is("name", s, n))
        return FORMS_NAMED;
    int f = types_find_form_rule(s, n);
    return f < 0 ? 0 : 1u << f;
}

/* "TYPE TYPE ..." or "form form ..." of the table, for error messages */
static const char *keywords(char *buf, size_t cap, bool forms)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < (forms ? FEIT_NFORMS : FEIT_NTYPES) && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%s ", forms ? feit_forms[i].rule : feit_types[i].rule);
    if (k < cap)
        snprintf(buf + k, cap - k, forms ? "name all" : "PLACE ANY ROLE");
    return buf;
}

/* "A|B|C" in [p, end) -> the union of their masks in *mask (0 for an empty list); false at an
 * unknown name, which is then *bad (*badlen bytes) */
static bool name_mask(const char *p, const char *end, unsigned (*bits)(const char *, size_t), unsigned *mask, const char **bad, int *badlen)
{
    unsigned all = 0;
    while (p < end) {
        const char *q = memchr(p, '|', (size_t)(end - p));
        if (!q)
            q = end;
        unsigned m = bits(p, (size_t)(q - p));
        if (!m) {
            *bad = p, *badlen = (int)(q - p);
            return false;
        }
        all |= m;
        p = q + 1;
    }
    *mask = all;
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* word sets */

static int find_set(const feit_rules *r, const char *name, size_t n)
{
    for (int32_t i = 0; i < r->nsets; i++)
        if (rules_name_is(r->sets[i].name, name, n))
            return i;
    return -1;
}

/* a name of a word set or a define: letters, digits, - and _ */
static bool good_name(const lex *nm)
{
    for (int i = 0; i < nm->len; i++)
        if (!isalnum((unsigned char)nm->s[i]) && nm->s[i] != '_' && nm->s[i] != '-')
            return false;
    return true;
}

/* one set word: [*]word[*] -> stem entry; and whether its stem is one of its cuts
 * (rules_stem_cuts), as the rules' stem_cuts needs of every set word */
static int add_stem(loader *L, const lex *x, const char *s, int len)
{
    feit_rules *r = L->r;
    bool head = false, lead = false;
    if (len > 0 && s[0] == '*')
        head = true, s++, len--;
    if (len > 0 && s[len - 1] == '*')
        lead = true, len--;
    if (len <= 0)
        return rules_failx(L, x, "empty word in word set%s", "");
    char *f = rules_foldn(r, s, (size_t)len);
    if (!f)
        return FEIT_ENOMEM;
    const sb_symbol *st = sb_stemmer_stem(L->stemmer, (const sb_symbol *)f, (int)strlen(f));
    if (!st)
        return FEIT_ENOMEM;
    int sl = sb_stemmer_length(L->stemmer);
    rules_stem_cut_probe probe = {(const char *)st, (size_t)sl};
    if (!rules_stem_cuts(f, strlen(f), rules_is_stem, &probe))
        L->cuts_differ = true;
    rstem *e = RPUSH(r->stems, r->nstems, r->cstems);
    if (!e)
        return FEIT_ENOMEM;
    e->len = (uint32_t)sl;
    e->stem = rules_dupn(r, (const char *)st, e->len);
    e->head = head, e->lead = lead;
    return e->stem ? 0 : FEIT_ENOMEM;
}

/* words NAME = w1 w2 ... */
static int parse_words(loader *L)
{
    feit_rules *r = L->r;
    if (L->nlx < 3 || !rules_lex_is(&L->lx[2], "="))
        return rules_failx(L, L->nlx > 1 ? &L->lx[1] : &L->lx[0], "expected: words NAME = word word ...%s", "");
    lex *nm = &L->lx[1];
    if (!good_name(nm))
        return rules_failx(L, nm, "bad word set name (letters, digits, - and _ only)%s", "");
    if (find_set(r, nm->s, (size_t)nm->len) >= 0)
        return rules_fail(L, nm->line, nm->col, "word set '%.*s' defined twice", nm->len, nm->s);
    if (L->nlx < 4)
        return rules_failx(L, &L->lx[2], "empty word set%s", "");
    rset *set = RPUSH(r->sets, r->nsets, r->csets);
    if (!set)
        return FEIT_ENOMEM;
    set->name = rules_dupn(r, nm->s, (size_t)nm->len);
    set->first = r->nstems;
    for (int i = 3; i < L->nlx; i++) {
        int rc = add_stem(L, &L->lx[i], L->lx[i].s, L->lx[i].len);
        if (rc)
            return rc;
    }
    r->sets[r->nsets - 1].n = r->nstems - r->sets[r->nsets - 1].first;
    return 0;
}

/* negate w1 w2 ... | hedge 0.6 w1 w2 ... */
static bool parse_conf(const lex *x, float *out)
{
    char buf[32];
    if (x->quoted || x->len <= 0 || x->len >= (int)sizeof buf)
        return false;
    memcpy(buf, x->s, (size_t)x->len);
    buf[x->len] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (*end || !(v > 0.0) || v > 1.0)
        return false;
    *out = (float)v;
    return true;
}

static int parse_cues(loader *L, bool hedge, int time)
{
    feit_rules *r = L->r;
    float factor = time ? 1.0f : 0.0f; /* time -1: a word that voids the time cue before it */
    int i = 1;
    if (hedge) {
        if (L->nlx < 2 || !parse_conf(&L->lx[1], &factor) || factor >= 1.0f)
            return rules_failx(L, L->nlx > 1 ? &L->lx[1] : &L->lx[0], "expected: hedge FACTOR word ... (FACTOR between 0 and 1)%s", "");
        i = 2;
    }
    if (i >= L->nlx)
        return rules_failx(L, &L->lx[0], "no cue words%s", "");
    for (; i < L->nlx; i++) {
        rcue *c = RPUSH(r->cues, r->ncues, r->ccues);
        if (!c)
            return FEIT_ENOMEM;
        c->word = rules_foldn(r, L->lx[i].s, (size_t)L->lx[i].len);
        c->factor = factor;
        c->time = (int8_t)time;
        if (!c->word)
            return FEIT_ENOMEM;
        c->len = (uint32_t)strlen(c->word);
        c->hash = utf8_hash(c->word, c->len, UTF8_HASH_INIT);
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* rules: pattern parsing (recursive descent over the statement's lexemes) */

static int new_node(feit_rules *r, rnode_kind kind, int32_t *out)
{
    rnode *n = RPUSH(r->nodes, r->nnodes, r->cnodes);
    if (!n || rules_grow((void **)&r->node_src, &r->cnode_src, r->nnodes - 1, sizeof *r->node_src))
        return FEIT_ENOMEM;
    r->node_src[r->nnodes - 1] = NULL;
    memset(n, 0, sizeof *n);
    n->kind = (uint8_t)kind;
    n->capture = -1;
    n->next = -1;
    *out = r->nnodes - 1;
    return 0;
}

static int set_word(loader *L, int32_t id, const lex *x, const char *s, int len)
{
    feit_rules *r = L->r;
    char *w = rules_foldn(r, s, (size_t)len);
    if (!w)
        return FEIT_ENOMEM;
    size_t n = strlen(w);
    if (n > RULES_MAX_WORD)
        return rules_fail(L, x->line, x->col, "a literal of more than %d bytes", RULES_MAX_WORD);
    r->nodes[id].word = w;
    r->nodes[id].wlen = (uint16_t)n;
    r->nodes[id].hash = utf8_hash(w, n, UTF8_HASH_INIT);
    return 0;
}

static bool elem_need(feit_rules *r, int32_t id, rreq *q, int depth, int *rc);

/* Adds to q the words one of which every match of the sequence from node consumes: those of its
 * first element that needs any (elem_need). False when no element does; then q is as before. */
static bool seq_need(feit_rules *r, int32_t node, rreq *q, int depth, int *rc)
{
    for (int32_t id = node; id >= 0 && !*rc; id = r->nodes[id].next) {
        const rnode *n = &r->nodes[id];
        if (n->optional || n->kind == RN_NOT)
            continue;
        if (elem_need(r, id, q, depth, rc))
            return true;
    }
    return false;
}

/* Adds to q the words one of which every match of element id consumes: a literal (also <x: the
 * word before the position is a word of the sentence), a word of a set, or for a group a word
 * each alternative needs (also <( ): its alternatives are matched on the sentence's words
 * before the position, as any group's). False (q as before) for an entity, role, gap or
 * look-ahead, or when q would grow past RULES_REQ_LITS / RULES_REQ_SETS. *rc: FEIT_ENOMEM when
 * out of memory. */
static bool elem_need(feit_rules *r, int32_t id, rreq *q, int depth, int *rc)
{
    const rnode *n = &r->nodes[id];
    if (n->kind == RN_WORD) {
        if (q->nlits >= RULES_REQ_LITS)
            return false;
        int32_t *slot = RPUSH(r->req_lits, r->nreq_lits, r->creq_lits);
        if (!slot) {
            *rc = FEIT_ENOMEM;
            return false;
        }
        *slot = id;
        q->nlits++;
        return true;
    }
    if (n->kind == RN_STEMS) {
        for (int32_t i = 0; i < q->nsets; i++)
            if (q->sets[i] == n->arg)
                return true;
        if (q->nsets >= RULES_REQ_SETS)
            return false;
        q->sets[q->nsets++] = n->arg;
        return true;
    }
    if (n->kind != RN_GROUP || depth > 8)
        return false;
    rreq saved = *q;
    int32_t saved_lits = r->nreq_lits;
    for (int32_t a = 0; a < n->nalts; a++)
        if (!seq_need(r, r->alts[n->arg + a], q, depth + 1, rc)) {
            *q = saved;
            r->nreq_lits = saved_lits;
            return false;
        }
    return true;
}

/* first_of: what the first token of a match is */
enum { FIRST_SOME, FIRST_EMPTY, FIRST_ANY };

static int first_elem(feit_rules *r, rrule *ru, int32_t id, int depth, int *rc);

/* Adds to ru's first_* what the first token a match of the sequence from node consumes can
 * be. FIRST_SOME: every match consumes a token so described; FIRST_EMPTY: a match may consume
 * nothing (what follows the sequence may come first); FIRST_ANY: it can be any token. */
static int first_of(feit_rules *r, rrule *ru, int32_t node, int depth, int *rc)
{
    for (int32_t id = node; id >= 0 && !*rc; id = r->nodes[id].next) {
        const rnode *n = &r->nodes[id];
        if (n->kind == RN_NOT || n->behind) /* zero width */
            continue;
        int k = first_elem(r, ru, id, depth, rc);
        if (k == FIRST_ANY)
            return FIRST_ANY;
        if (k == FIRST_SOME && !r->nodes[id].optional)
            return FIRST_SOME;
    }
    return *rc ? FIRST_ANY : FIRST_EMPTY;
}

static int first_elem(feit_rules *r, rrule *ru, int32_t id, int depth, int *rc)
{
    const rnode *n = &r->nodes[id];
    switch ((rnode_kind)n->kind) {
    case RN_ENT:
        ru->first_types |= n->types;
        return FIRST_SOME;
    case RN_ROLE:
        ru->first_role = true;
        return FIRST_SOME;
    case RN_WORD: {
        int32_t *slot = RPUSH(r->first_lits, r->nfirst_lits, r->cfirst_lits);
        if (!slot) {
            *rc = FEIT_ENOMEM;
            return FIRST_ANY;
        }
        *slot = id;
        ru->nfirst_lits++;
        return FIRST_SOME;
    }
    case RN_STEMS: {
        int32_t *slot = RPUSH(r->first_set_ids, r->nfirst_set_ids, r->cfirst_set_ids);
        if (!slot) {
            *rc = FEIT_ENOMEM;
            return FIRST_ANY;
        }
        *slot = n->arg;
        ru->nfirst_sets++;
        return FIRST_SOME;
    }
    case RN_GROUP: {
        if (depth > 8)
            return FIRST_ANY;
        int res = FIRST_SOME;
        for (int32_t a = 0; a < n->nalts; a++) {
            int k = first_of(r, ru, r->alts[n->arg + a], depth + 1, rc);
            if (k == FIRST_ANY)
                return FIRST_ANY;
            if (k == FIRST_EMPTY)
                res = FIRST_EMPTY;
        }
        return res;
    }
    default: /* a gap */
        return FIRST_ANY;
    }
}

/* Does requirement q name a word of the 'common' statement (L->common)? Then most sentences
 * meet it, whatever its other words. */
static bool req_common(const feit_rules *r, const loader *L, const rreq *q)
{
    for (int32_t x = 0; x < q->nlits; x++) {
        const rnode *n = &r->nodes[r->req_lits[q->lit_first + x]];
        for (int i = 0; i < L->ncommon; i++)
            if (strlen(L->common[i]) == n->wlen && !memcmp(L->common[i], n->word, n->wlen))
                return true;
    }
    return false;
}

/* Where a match of the compiled rule can start, found from its top-level sequence: an entity
 * after any zero-width look-around, or what its first token may be (the words the sentence must
 * contain are chosen once every rule is read: rules_choose_reqs). 0 or FEIT_ENOMEM. */
static int rule_prefilter(feit_rules *r, rrule *ru)
{
    bool first = true;
    int rc = 0;
    ru->nreqs = 0;
    ru->anchor_types = 0;
    ru->anchor = -1;
    ru->first_lit = r->nfirst_lits;
    ru->nfirst_lits = 0;
    ru->first_types = 0, ru->first_role = false;
    ru->first_set = r->nfirst_set_ids, ru->nfirst_sets = 0, ru->first_bits = 0; /* (rules.c) */
    ru->first_any = first_of(r, ru, ru->head, 0, &rc) != FIRST_SOME;
    if (rc)
        return rc;
    for (int32_t id = ru->head; id >= 0; id = r->nodes[id].next) {
        const rnode *n = &r->nodes[id];
        bool zero = n->kind == RN_NOT || n->behind;
        if (first && !zero) {
            if (n->kind == RN_ENT && !n->optional)
                ru->anchor_types = n->types;
            if ((n->kind == RN_WORD || n->kind == RN_STEMS || n->kind == RN_ROLE) && !n->optional && !n->glued)
                ru->anchor = id;
            first = false;
        }
    }
    return 0;
}

/* How often text holds a word, a guess to rank a rule's needs by (the lower, the rarer). With
 * a 'word-ranks' list, a word's share of text by its rank (Zipf: 1 / rank; a word not in the
 * list counts as rare, 0), and a set's the sum of the ranked words with one of its stems ("van"
 * rank 10, "hoofdstad" not listed). Without one, how often the rules write the word (every
 * node, the defines' expansions too: "van" is in hundreds of nodes, "leer" in one), a poorer
 * guess ("het" 1,863 nodes, "." 10). */
typedef struct weigher {
    uint32_t *lit;  /* per slot of a table of size (a power of two) by word hash: node + 1 */
    double *wlit;   /* its weight */
    uint32_t size;
    double *wset;   /* per set */
} weigher;

static uint32_t *weigh_slot(const feit_rules *r, const weigher *u, const rnode *n)
{
    for (uint32_t i = n->hash & (u->size - 1);; i = (i + 1) & (u->size - 1)) {
        if (!u->lit[i])
            return &u->lit[i];
        const rnode *o = &r->nodes[u->lit[i] - 1];
        if (o->hash == n->hash && o->wlen == n->wlen && !memcmp(o->word, n->word, n->wlen))
            return &u->lit[i];
    }
}

/* The weight of requirement q: the sum of its words' (any one of them meets it). */
static double req_weight(const feit_rules *r, const weigher *u, const rreq *q)
{
    double sum = 0;
    for (int32_t x = 0; x < q->nlits; x++)
        sum += u->wlit[weigh_slot(r, u, &r->nodes[r->req_lits[q->lit_first + x]]) - u->lit];
    for (int32_t x = 0; x < q->nsets; x++)
        sum += u->wset[q->sets[x]];
    return sum;
}

/* Weighs every literal and set of the rules by L's word ranks (its words stemmed for the sets),
 * or, without them, by how often the rules write each. 0 or FEIT_ENOMEM. */
static int weigh_words(feit_rules *r, const loader *L, weigher *u)
{
    u->size = 16;
    while (u->size < 2 * (uint32_t)r->nnodes + 2)
        u->size *= 2;
    u->lit = calloc(u->size, sizeof *u->lit);
    u->wlit = calloc(u->size, sizeof *u->wlit);
    u->wset = calloc((size_t)r->nsets + 1, sizeof *u->wset);
    if (!u->lit || !u->wlit || !u->wset)
        return FEIT_ENOMEM;
    for (int32_t i = 0; i < r->nnodes; i++) {
        const rnode *n = &r->nodes[i];
        if (n->kind == RN_WORD) {
            uint32_t *slot = weigh_slot(r, u, n);
            if (!*slot)
                *slot = (uint32_t)i + 1;
            if (!L->nranks)
                u->wlit[slot - u->lit]++;
        } else if (n->kind == RN_STEMS && !L->nranks) {
            u->wset[n->arg]++;
        }
    }
    for (int32_t k = 0; k < L->nranks; k++) {
        const char *w = L->rank_words[k];
        double share = 1.0 / (k + 1);
        size_t wl = strlen(w);
        if (wl <= RULES_MAX_WORD) { /* (no literal is longer) */
            rnode probe = {.word = w, .wlen = (uint16_t)wl, .hash = utf8_hash(w, wl, UTF8_HASH_INIT)};
            uint32_t *slot = weigh_slot(r, u, &probe);
            if (*slot && u->wlit[slot - u->lit] == 0) /* (a word listed twice counts once) */
                u->wlit[slot - u->lit] = share;
        }
        const sb_symbol *st = sb_stemmer_stem(L->stemmer, (const sb_symbol *)w, (int)wl);
        if (!st)
            return FEIT_ENOMEM;
        int sl = sb_stemmer_length(L->stemmer);
        if (r->stem_index) { /* the sets with the stem: its slot's bitset of whole stems */
            const rstem_slot *e = rules_stem_find(r, (const char *)st, (size_t)sl);
            for (int32_t s = 0; e && s < r->nsets; s++)
                if (rules_set_has(r->stem_masks + e->masks, s))
                    u->wset[s] += share;
            continue;
        }
        for (int32_t s = 0; s < r->nsets; s++) /* (too many sets for the index) */
            for (int32_t x = r->sets[s].first; x < r->sets[s].first + r->sets[s].n; x++)
                if (r->stems[x].len == (uint32_t)sl && !memcmp(r->stems[x].stem, st, (size_t)sl)) {
                    u->wset[s] += share;
                    break;
                }
    }
    return 0;
}

/* Adds to q, of the words every match of the sequence from node consumes one of, those of the
 * element whose words are the rarest (elem_need's words of each element, weighed by
 * req_weight). False when no element needs any; then q is as before. */
static bool seq_need_rarest(feit_rules *r, const weigher *u, int32_t node, rreq *q, int *rc)
{
    int32_t best = -1;
    double best_w = 0;
    for (int32_t id = node; id >= 0 && !*rc; id = r->nodes[id].next) {
        const rnode *n = &r->nodes[id];
        if (n->optional || n->kind == RN_NOT)
            continue;
        rreq t = {.lit_first = r->nreq_lits};
        int32_t saved = r->nreq_lits;
        if (elem_need(r, id, &t, 1, rc)) {
            double w = req_weight(r, u, &t);
            if (best < 0 || w < best_w)
                best = id, best_w = w;
        }
        r->nreq_lits = saved;
    }
    return best >= 0 && !*rc && elem_need(r, best, q, 1, rc);
}

/* Two requirements ask for the same words (in the same order)? */
static bool req_same(const feit_rules *r, const rreq *a, const rreq *b)
{
    if (a->nlits != b->nlits || a->nsets != b->nsets)
        return false;
    for (int32_t x = 0; x < a->nlits; x++) {
        const rnode *m = &r->nodes[r->req_lits[a->lit_first + x]], *n = &r->nodes[r->req_lits[b->lit_first + x]];
        if (m->hash != n->hash || m->wlen != n->wlen || memcmp(m->word, n->word, n->wlen))
            return false;
    }
    return !memcmp(a->sets, b->sets, (size_t)a->nsets * sizeof *a->sets);
}

#define MAX_NEEDS 32 /* a rule's needs weighed for its requirements, at most */

/* Rule ru's requirements (up to RULES_MAX_REQS, each met by any one of its words, none of them
 * common: req_common): of its needs, the rarest by req_weight, the earlier of two as rare. Its
 * needs are what each element of its top-level sequence consumes (elem_need: of a group, the
 * word each alternative needs first) and, for each group, the rarest word each alternative
 * needs ("(trekt | trok) _2 van leer tegen | (gaat | ging) _4 tekeer tegen": "leer" or
 * "tekeer", not the verbs most sentences hold). */
static int rule_choose_reqs(feit_rules *r, const loader *L, const weigher *u, rrule *ru, int8_t *gate_q)
{
    rreq need[MAX_NEEDS];
    double weight[MAX_NEEDS];
    int nneed = 0, rc = 0;
    int32_t base = r->nreq_lits;
    for (int pass = 0; pass < 2 && !rc; pass++)
        for (int32_t id = ru->head; id >= 0 && nneed < MAX_NEEDS && !rc; id = r->nodes[id].next) {
            const rnode *n = &r->nodes[id];
            if (n->optional || n->kind == RN_NOT || (pass && n->kind != RN_GROUP))
                continue;
            rreq q = {.lit_first = r->nreq_lits};
            bool all = true;
            if (!pass)
                all = elem_need(r, id, &q, 0, &rc);
            for (int32_t a = 0; pass && a < n->nalts && all && !rc; a++)
                all = seq_need_rarest(r, u, r->alts[n->arg + a], &q, &rc);
            bool fresh = all && !rc && !req_common(r, L, &q);
            for (int k = 0; k < nneed && fresh; k++)
                fresh = !req_same(r, &need[k], &q);
            if (fresh)
                weight[nneed] = req_weight(r, u, &q), need[nneed++] = q;
            else /* (its words were the last pushed) */
                r->nreq_lits = q.lit_first;
        }
    if (rc)
        return rc;
    /* the rarest, kept in the order of the needs (the order of the sequence: rules written
     * alike put a word in the same requirement, so its row has fewer words for rules_met to OR;
     * rarest first measured +0.4 M a 2 MB); their words moved down to base */
    bool taken[MAX_NEEDS] = {false};
    for (int k = 0; k < RULES_MAX_REQS && k < nneed; k++) {
        int best = -1;
        for (int x = 0; x < nneed; x++)
            if (!taken[x] && (best < 0 || weight[x] < weight[best]))
                best = x;
        taken[best] = true;
    }
    int32_t at = base;
    ru->nreqs = 0;
    int gate_x = -1;
    *gate_q = 0;
    for (int x = 0; x < nneed; x++) {
        if (!taken[x])
            continue;
        rreq q = need[x];
        if (gate_x < 0 || weight[x] < weight[gate_x])
            gate_x = x, *gate_q = (int8_t)ru->nreqs;
        if (q.nlits) /* (a rule of sets alone may leave req_lits NULL: no memmove of nothing there) */
            memmove(&r->req_lits[at], &r->req_lits[q.lit_first], (size_t)q.nlits * sizeof *r->req_lits);
        q.lit_first = at;
        at += q.nlits;
        ru->reqs[ru->nreqs++] = q;
    }
    r->nreq_lits = at;
    return 0;
}

int rules_choose_reqs(feit_rules *r, loader *L)
{
    weigher u = {0};
    int rc = weigh_words(r, L, &u);
    if (!rc && !(L->gate_q = calloc((size_t)r->nrules + 1, sizeof *L->gate_q)))
        rc = FEIT_ENOMEM;
    for (int32_t i = 0; i < r->nrules && !rc; i++)
        rc = rule_choose_reqs(r, L, &u, &r->rules[i], &L->gate_q[i]);
    free(u.lit);
    free(u.wlit);
    free(u.wset);
    return rc;
}

/* Splits the rule's leading zero-width tests off its pattern (rrule.body, rrule.pre). */
static int rule_split(feit_rules *r, rrule *ru)
{
    ru->body = ru->head;
    ru->pre = -1;
    int32_t last = -1;
    while (ru->body >= 0) {
        const rnode *n = &r->nodes[ru->body];
        bool zero = (n->kind == RN_NOT || n->behind) && !n->optional;
        if (!zero)
            break;
        int32_t id, src = ru->body;
        if (new_node(r, (rnode_kind)n->kind, &id)) /* may move r->nodes */
            return FEIT_ENOMEM;
        r->nodes[id] = r->nodes[src];
        r->node_src[id] = r->node_src[src];
        r->nodes[id].next = -1;
        if (last < 0)
            ru->pre = id;
        else
            r->nodes[last].next = id;
        last = id;
        ru->body = r->nodes[src].next;
    }
    return 0;
}

static int find_capture(const rrule *ru, const char *s, int n)
{
    for (int i = 0; i < ru->ncaptures; i++)
        if (rules_name_is(ru->capture_names[i], s, (size_t)n))
            return i;
    return -1;
}

static bool is_end(const lex *x) { return rules_lex_is(x, "|") || rules_lex_is(x, ")") || rules_lex_is(x, ")?") || rules_lex_is(x, "->"); }

static int parse_seq(loader *L, rrule *ru, int depth, int32_t *head, int *ments);

/* A group ( a | b ), optional as ( ... )?, at the '(' of L->pos, with the prefixes read before
 * it: !( ) a negative look-ahead, <( ) a look-behind, ^( ) glued. *ments: the fewest mentions an
 * alternative needs (0 when the group may match without one). */
static int parse_group(loader *L, rrule *ru, int depth, bool negate, bool glued, bool behind, bool optional, int32_t *out, int *ments)
{
    feit_rules *r = L->r;
    const lex *open = &L->lx[L->pos];
    int32_t id;
    int rc;
    if (depth > 16)
        return rules_failx(L, open, "groups nested too deeply%s", "");
    if ((rc = new_node(r, negate ? RN_NOT : RN_GROUP, &id)))
        return rc;
    L->pos++;
    int32_t nalts = 0;
    int best = -1;
    /* alternatives are collected first (nested groups push their own alts meanwhile) */
    int32_t heads[RULES_MAX_ALTS];
    for (;;) {
        int32_t h;
        int m;
        if ((rc = parse_seq(L, ru, depth + 1, &h, &m)))
            return rc;
        if (nalts >= RULES_MAX_ALTS)
            return rules_failx(L, open, "too many alternatives in group%s", "");
        heads[nalts++] = h;
        if (best < 0 || m < best)
            best = m;
        if (L->pos >= L->nlx)
            return rules_failx(L, open, "unterminated group: '(' is never closed%s", "");
        lex *y = &L->lx[L->pos];
        if (rules_lex_is(y, "|")) {
            L->pos++;
            continue;
        }
        if (rules_lex_is(y, ")") || rules_lex_is(y, ")?")) {
            if (rules_lex_is(y, ")?"))
                optional = true;
            L->pos++;
            break;
        }
        return rules_failx(L, open, "unterminated group: '(' is never closed (found '->' first)%s", "");
    }
    int32_t first_alt = r->nalts;
    for (int i = 0; i < nalts; i++) {
        int32_t *a = RPUSH(r->alts, r->nalts, r->calts);
        if (!a)
            return FEIT_ENOMEM;
        *a = heads[i];
    }
    rnode *n = &r->nodes[id];
    r->node_src[id] = negate ? "!( ... )" : behind ? "<( ... )" : "( ... )";
    n->arg = first_alt;
    n->nalts = (uint8_t)nalts;
    n->optional = optional;
    n->glued = glued;
    n->behind = behind;
    if (negate && optional)
        return rules_failx(L, open, "a negative look-ahead !( ) cannot be optional%s", "");
    if (behind && optional)
        return rules_failx(L, open, "a look-behind <( ) cannot be optional%s", "");
    *ments = (optional || negate || behind) ? 0 : best;
    *out = id;
    return 0;
}

/* parses the element at L->pos into a node; *ments gets the mentions it needs for sure */
static int parse_elem(loader *L, rrule *ru, int depth, int32_t *out, int *ments)
{
    feit_rules *r = L->r;
    lex *x = &L->lx[L->pos];
    const char *s = x->s;
    int len = x->len;
    bool negate = false, glued = false, optional = false, behind = false;
    lex lit;
    *ments = 0;
    int rc;
    if (!x->quoted) {
        while (len > 0 && (s[0] == '!' || s[0] == '^' || s[0] == '<')) {
            if (s[0] == '!')
                negate = true;
            else if (s[0] == '<')
                behind = true;
            else
                glued = true;
            s++, len--;
        }
        if (len > 1 && s[len - 1] == '?')
            optional = true, len--;
        /* a prefix before a quoted literal in the same word: ^"-"  <","  !"," */
        if (len >= 3 && (s[0] == '"' || s[0] == '\'') && s[len - 1] == s[0] && s != x->s) {
            lit.s = s + 1, lit.len = len - 2, lit.line = x->line, lit.col = x->col, lit.quoted = true, lit.qopt = false;
            x = &lit;
            s = lit.s, len = lit.len;
        }
    } else
        optional = x->qopt;
    int32_t id;
    if (len == 0 && !x->quoted) {
        /* prefixes alone: they apply to the group that follows */
        L->pos++;
        if (L->pos >= L->nlx || !rules_lex_is(&L->lx[L->pos], "("))
            return rules_failx(L, x, "'!', '<' or '^' standing alone must be followed by a group '('%s", "");
        x = &L->lx[L->pos];
        s = x->s, len = x->len;
    }
    if (!x->quoted && len == 1 && s[0] == '(')
        return parse_group(L, ru, depth, negate, glued, behind, optional, out, ments);
    if (negate && !x->quoted && len >= 3 && !memcmp(s, "...", 3))
        return rules_failx(L, x, "a gap cannot be negated%s", "");
    L->pos++;
    if (x->quoted) {
        if ((rc = new_node(r, RN_WORD, &id)))
            return rc;
        if ((rc = set_word(L, id, x, s, len)))
            return rc;
    } else if ((len >= 3 && !memcmp(s, "...", 3)) || s[0] == '_') {
        bool strict = s[0] == '_';
        int skip = strict ? 1 : 3;
        int max = strict ? 4 : 8;
        if (len > skip) {
            max = 0;
            for (int i = skip; i < len; i++) {
                if (s[i] < '0' || s[i] > '9' || max > RULES_MAX_GAP)
                    return rules_fail(L, x->line, x->col, "bad gap '%.*s' (want ...N or _N, N at most %d)", len, s, RULES_MAX_GAP);
                max = max * 10 + (s[i] - '0');
            }
            if (max > RULES_MAX_GAP)
                return rules_fail(L, x->line, x->col, "bad gap '%.*s' (want ...N or _N, N at most %d)", len, s, RULES_MAX_GAP);
        }
        if (optional)
            return rules_failx(L, x, "a gap is optional already%s", "");
        if ((rc = new_node(r, RN_GAP, &id)))
            return rc;
        r->nodes[id].gap_max = (uint8_t)max;
        r->nodes[id].strict = strict;
    } else if (s[0] == '@') {
        int set = find_set(r, s + 1, (size_t)(len - 1));
        if (set < 0)
            return rules_fail(L, x->line, x->col, "unknown word set '%.*s' (define it with 'words' before the rule)", len, s);
        if ((rc = new_node(r, RN_STEMS, &id)))
            return rc;
        r->nodes[id].arg = set;
    } else if (s[0] == '~') {
        /* an inline one-word set */
        rset *set = RPUSH(r->sets, r->nsets, r->csets);
        if (!set)
            return FEIT_ENOMEM;
        set->name = rules_dupn(r, s, (size_t)len);
        set->first = r->nstems;
        if ((rc = add_stem(L, x, s + 1, len - 1)))
            return rc;
        r->sets[r->nsets - 1].n = 1;
        if ((rc = new_node(r, RN_STEMS, &id)))
            return rc;
        r->nodes[id].arg = r->nsets - 1;
    } else {
        /* NAME:SPEC, SPEC, or a literal word */
        const char *colon = memchr(s, ':', (size_t)len);
        const char *spec = s;
        int speclen = len;
        int cap = -1;
        bool upper = s[0] >= 'A' && s[0] <= 'Z';
        if (colon && colon > s) {
            int nlen = (int)(colon - s);
            for (int i = 0; i < nlen; i++)
                if (!((s[i] >= 'A' && s[i] <= 'Z') || (i > 0 && s[i] >= '0' && s[i] <= '9')))
                    return rules_fail(L, x->line, x->col, "bad capture name '%.*s' (capitals and digits)", nlen, s);
            if (find_capture(ru, s, nlen) >= 0)
                return rules_fail(L, x->line, x->col, "capture '%.*s' used twice in one rule", nlen, s);
            if (ru->ncaptures >= RULES_MAX_CAPTURES)
                return rules_failx(L, x, "too many captures in one rule%s", "");
            cap = ru->ncaptures++;
            ru->capture_names[cap] = rules_dupn(r, s, (size_t)nlen);
            spec = colon + 1;
            speclen = len - nlen - 1;
            upper = true;
        }
        int speccol = x->col + (int)(spec - x->s);
        if (!upper) {
            if ((rc = new_node(r, RN_WORD, &id)))
                return rc;
            if ((rc = set_word(L, id, x, s, len)))
                return rc;
        } else if (speclen == 4 && !memcmp(spec, "ROLE", 4)) {
            if ((rc = new_node(r, RN_ROLE, &id)))
                return rc;
            if (cap >= 0)
                ru->capture_is_role[cap] = true;
        } else {
            unsigned types = 0, forms = FORMS_DEFAULT;
            char kw[160];
            const char *p, *end = spec + speclen;
            int plen;
            const char *slash = memchr(spec, '/', (size_t)speclen);
            const char *tend = slash ? slash : end;
            /* ORG.party: an organisation of that kind (the gazetteer's kind=) */
            const char *dot = memchr(spec, '.', (size_t)(tend - spec));
            const char *org_kind = NULL;
            if (dot) {
                if (dot + 1 >= tend)
                    return rules_fail(L, x->line, speccol + (int)(dot - spec), "a kind after '.' (ORG.party)%s", "");
                /* ORG.club|company: either kind ("ORG.club|ORG.company" is read the same) */
                char kinds[256];
                size_t kn = 0;
                for (const char *q = dot + 1;;) {
                    if (tend - q >= 4 && !memcmp(q, "ORG.", 4))
                        q += 4;
                    const char *bar = memchr(q, '|', (size_t)(tend - q));
                    const char *e = bar ? bar : tend;
                    if (e == q || kn + (size_t)(e - q) + 2 > sizeof kinds)
                        return rules_fail(L, x->line, speccol + (int)(q - spec), "a kind after '.' or '|' (ORG.club|company)%s", "");
                    memcpy(kinds + kn, q, (size_t)(e - q));
                    kn += (size_t)(e - q);
                    if (!bar)
                        break;
                    kinds[kn++] = '|';
                    q = bar + 1;
                }
                if (!(org_kind = rules_dupn(r, kinds, kn)))
                    return FEIT_ENOMEM;
                tend = dot;
            }
            if (!name_mask(spec, tend, type_bits, &types, &p, &plen))
                return rules_fail(L, x->line, speccol + (int)(p - spec),
                                  "unknown entity type '%.*s' (%s; literal words are written in lower case)", plen, p,
                                  keywords(kw, sizeof kw, false));
            if (slash && !name_mask(slash + 1, end, form_bits, &forms, &p, &plen))
                return rules_fail(L, x->line, speccol + (int)(p - spec), "unknown form '%.*s' (%s)", plen, p, keywords(kw, sizeof kw, true));
            if ((rc = new_node(r, RN_ENT, &id)))
                return rc;
            if (org_kind && types != (1u << FEIT_ORGANISATION))
                return rules_fail(L, x->line, speccol, "a kind (.%s) is for ORG only", org_kind);
            r->nodes[id].types = (uint8_t)types;
            r->nodes[id].forms = (uint8_t)forms;
            r->nodes[id].org_kind = org_kind;
            if (!optional && !negate)
                *ments = 1;
        }
        r->nodes[id].capture = (int8_t)cap;
        if (cap >= 0 && negate)
            return rules_failx(L, x, "a negated element cannot capture%s", "");
    }
    rnode *n = &r->nodes[id];
    if (!(r->node_src[id] = rules_dupn(r, L->lx[L->pos - 1].s, (size_t)L->lx[L->pos - 1].len)))
        return FEIT_ENOMEM;
    n->optional = optional;
    n->glued = glued;
    n->behind = behind;
    if (behind && n->kind != RN_WORD && n->kind != RN_STEMS)
        return rules_failx(L, x, "'<' (the word before) works on a literal word or a word set only%s", "");
    if (negate) {
        /* wrap a single element in a NOT node with one alternative */
        int32_t nid;
        if ((rc = new_node(r, RN_NOT, &nid)))
            return rc;
        int32_t *a = RPUSH(r->alts, r->nalts, r->calts);
        if (!a)
            return FEIT_ENOMEM;
        *a = id;
        r->nodes[id].optional = false;
        r->nodes[nid].arg = r->nalts - 1;
        r->nodes[nid].nalts = 1;
        id = nid;
        *ments = 0;
    }
    *out = id;
    return 0;
}

static int parse_seq(loader *L, rrule *ru, int depth, int32_t *head, int *ments)
{
    int32_t prev = -1;
    *head = -1;
    *ments = 0;
    while (L->pos < L->nlx && !is_end(&L->lx[L->pos])) {
        int32_t id = -1;
        int m;
        int rc = parse_elem(L, ru, depth, &id, &m);
        if (rc)
            return rc;
        *ments += m;
        if (prev < 0)
            *head = id;
        else
            L->r->nodes[prev].next = id;
        prev = id;
    }
    return 0;
}

/* -> SUBJ PRED OBJ [CONFIDENCE] ["qualifier"] */
static int parse_emit(loader *L, rrule *ru)
{
    feit_rules *r = L->r;
    lex *arrow = &L->lx[L->pos++];
    if (L->pos + 3 > L->nlx)
        return rules_failx(L, arrow, "expected: -> SUBJECT PREDICATE OBJECT [confidence] [\"qualifier\"]%s", "");
    remit *e = RPUSH(r->emits, r->nemits, r->cemits);
    if (!e)
        return FEIT_ENOMEM;
    memset(e, 0, sizeof *e);
    e->confidence = -1.0f;
    e->pred_capture = -1;
    e->pred = -1;
    e->time = -1;
    e->country_of[0] = e->country_of[1] = -1;
    lex *a[3] = {&L->lx[L->pos], &L->lx[L->pos + 1], &L->lx[L->pos + 2]};
    L->pos += 3;
    int8_t *slot[2] = {&e->subj, &e->obj};
    for (int k = 0; k < 2; k++) {
        lex *x = a[k == 0 ? 0 : 2];
        if (rules_lex_is(x, "DOC")) {
            *slot[k] = RULES_DOC;
            continue;
        }
        /* A.country: the country of capture A ("De Belgische bond ... bondscoach": België) */
        if (!x->quoted && x->len > 8 && !memcmp(x->s + x->len - 8, ".country", 8)) {
            int cap = find_capture(ru, x->s, x->len - 8);
            if (cap < 0 || ru->capture_is_role[cap])
                return rules_fail(L, x->line, x->col, "'%.*s' must name an entity capture of the pattern", x->len - 8, x->s);
            *slot[k] = RULES_DOC;
            e->country_of[k] = (int8_t)cap;
            continue;
        }
        if (rules_lex_is(x, "WHO")) {
            if (!ru->describe)
                return rules_failx(L, x, "WHO (the person described) needs the rule option 'describe'%s", "");
            *slot[k] = RULES_WHO;
            continue;
        }
        if (rules_lex_is(x, "LAST")) {
            *slot[k] = RULES_LAST;
            continue;
        }
        int cap = find_capture(ru, x->s, x->len);
        if (cap < 0 || x->quoted)
            return rules_fail(L, x->line, x->col, "unknown capture '%.*s' (name it in the pattern as %.*s:TYPE, or use DOC)", x->len, x->s,
                        x->len, x->s);
        if (ru->capture_is_role[cap])
            return rules_fail(L, x->line, x->col, "'%.*s' captures a role noun, not an entity", x->len, x->s);
        *slot[k] = (int8_t)cap;
    }
    lex *p = a[1];
    if (p->len > 1 && p->s[0] == '$') {
        int cap = find_capture(ru, p->s + 1, p->len - 1);
        if (cap < 0 || !ru->capture_is_role[cap])
            return rules_fail(L, p->line, p->col, "'%.*s' must name a ROLE capture of the pattern", p->len, p->s);
        e->pred_capture = (int8_t)cap;
    } else if (rules_lex_is(p, "roles-of") && !p->quoted) {
        /* B roles-of A: two people, both named in the pattern */
        if (e->subj < 0 || e->obj < 0)
            return rules_fail(L, p->line, p->col, "roles-of takes two captures of the pattern (B roles-of A), not DOC, WHO or LAST%s", "");
        e->pred = RULES_ROLES_OF;
    } else {
        char buf[128];
        snprintf(buf, sizeof buf, "%.*s", p->len, p->s);
        e->pred = rules_pred(r, buf);
        if (e->pred < 0)
            return rules_fail(L, p->line, p->col, "unknown predicate '%s' (not in the predicate vocabulary)", buf);
    }
    if ((e->subj == RULES_LAST || e->obj == RULES_LAST) && (e->pred < 0 || (e->subj == RULES_LAST && e->obj == RULES_LAST)))
        return rules_fail(L, p->line, p->col, "LAST takes the argument of an earlier fact of the same predicate: name the predicate, and "
                          "one argument from the pattern%s", "");
    while (L->pos < L->nlx && !rules_lex_is(&L->lx[L->pos], "->")) {
        lex *x = &L->lx[L->pos++];
        int tm = x->quoted ? -1 : types_find_time(x->s, (size_t)x->len);
        if (x->quoted) {
            e->qualifier = rules_dupn(r, x->s, (size_t)x->len);
            if (!e->qualifier)
                return FEIT_ENOMEM;
        } else if (tm >= 0) {
            e->time = (int8_t)tm;
        } else if (!parse_conf(x, &e->confidence))
            return rules_fail(L, x->line, x->col, "bad confidence '%.*s' (a number in (0, 1], or current, former, designate)", x->len, x->s);
    }
    return 0;
}

/* index of the define called s[0..n), or -1 */
static int find_macro(const loader *L, const char *s, size_t n)
{
    for (int i = 0; i < L->nmacros; i++)
        if (rules_name_is(L->macros[i].name, s, n))
            return i;
    return -1;
}

/* define NAME = lexemes: a named piece of pattern, used in rules as %NAME */
static int parse_define(loader *L)
{
    if (L->nlx < 4 || !rules_lex_is(&L->lx[2], "="))
        return rules_failx(L, L->nlx > 1 ? &L->lx[1] : &L->lx[0], "expected: define NAME = PATTERN%s", "");
    lex *nm = &L->lx[1];
    if (!good_name(nm))
        return rules_failx(L, nm, "bad name for define (letters, digits, - and _ only)%s", "");
    if (find_macro(L, nm->s, (size_t)nm->len) >= 0)
        return rules_fail(L, nm->line, nm->col, "'%.*s' defined twice", nm->len, nm->s);
    macro *m = RPUSH(L->macros, L->nmacros, L->cmacros);
    if (!m)
        return FEIT_ENOMEM;
    m->name = rules_dupn(L->r, nm->s, (size_t)nm->len);
    m->n = L->nlx - 3;
    m->lx = arena_alloc(&L->r->arena, (size_t)m->n * sizeof *m->lx);
    if (!m->name || !m->lx)
        return FEIT_ENOMEM;
    for (int i = 0; i < m->n; i++) {
        m->lx[i] = L->lx[3 + i];
        m->lx[i].s = rules_dupn(L->r, L->lx[3 + i].s, (size_t)L->lx[3 + i].len); /* outlives the line */
        if (!m->lx[i].s)
            return FEIT_ENOMEM;
    }
    return 0;
}

/* replaces every %NAME lexeme of the statement by the lexemes of its definition */
#define MAX_EXPANSIONS 1000 /* %NAMEs in one statement, nested ones included */
static int expand_macros(loader *L)
{
    int expansions = 0;
    for (int i = 0; i < L->nlx; i++) {
        lex *x = &L->lx[i];
        if (x->quoted || x->len < 2 || x->s[0] != '%')
            continue;
        int k = find_macro(L, x->s + 1, (size_t)(x->len - 1));
        if (k < 0)
            return rules_fail(L, x->line, x->col, "unknown name '%.*s' (define it before the rule)", x->len, x->s);
        if (++expansions > MAX_EXPANSIONS)
            return rules_fail(L, x->line, x->col, "'%.*s' expands without end (a define that uses itself?)", x->len, x->s);
        const macro *m = &L->macros[k];
        while (L->nlx + m->n >= L->clx) {
            int ncap = L->clx ? L->clx * 2 : 64;
            lex *p = realloc(L->lx, (size_t)ncap * sizeof *p);
            if (!p)
                return FEIT_ENOMEM;
            L->lx = p, L->clx = ncap;
        }
        memmove(&L->lx[i + m->n], &L->lx[i + 1], (size_t)(L->nlx - i - 1) * sizeof *L->lx);
        memcpy(&L->lx[i], m->lx, (size_t)m->n * sizeof *m->lx);
        L->nlx += m->n - 1;
        i--; /* the definition may use other defines: look at its first lexeme again */
    }
    return 0;
}

/* The slot of id s[0..n) in L->ids: the one holding it, or the empty one where it goes. */
static uint32_t id_slot(const loader *L, const char *s, size_t n)
{
    uint32_t mask = L->cids - 1, j = utf8_hash(s, n, UTF8_HASH_INIT) & mask;
    while (L->ids[j] && !rules_name_is(L->r->rules[L->ids[j] - 1].id, s, n))
        j = (j + 1) & mask;
    return j;
}

/* Makes room in L->ids for one more rule; 0 or FEIT_ENOMEM. */
static int ids_reserve(loader *L)
{
    if ((uint32_t)L->r->nrules + 1 <= L->cids / 2)
        return 0;
    uint32_t old = L->cids;
    int32_t *was = L->ids;
    L->cids = old ? old * 2 : 256;
    if (!(L->ids = calloc(L->cids, sizeof *L->ids))) {
        L->ids = was, L->cids = old;
        return FEIT_ENOMEM;
    }
    for (uint32_t i = 0; i < old; i++)
        if (was[i]) {
            const char *id = L->r->rules[was[i] - 1].id;
            L->ids[id_slot(L, id, strlen(id))] = was[i];
        }
    free(was);
    return 0;
}

/* rule ID CONFIDENCE [nocue] PATTERN -> ... [-> ...] */
static int parse_rule(loader *L)
{
    feit_rules *r = L->r;
    if (L->nlx < 3)
        return rules_failx(L, &L->lx[0], "expected: rule ID CONFIDENCE PATTERN -> SUBJECT PREDICATE OBJECT%s", "");
    lex *idx = &L->lx[1];
    if (ids_reserve(L))
        return FEIT_ENOMEM;
    uint32_t slot = id_slot(L, idx->s, (size_t)idx->len);
    if (L->ids[slot])
        return rules_fail(L, idx->line, idx->col, "rule id '%.*s' used twice", idx->len, idx->s);
    rrule *ru = RPUSH(r->rules, r->nrules, r->crules);
    if (!ru)
        return FEIT_ENOMEM;
    memset(ru, 0, sizeof *ru);
    if (!(ru->id = rules_dupn(r, idx->s, (size_t)idx->len)))
        return FEIT_ENOMEM;
    L->ids[slot] = r->nrules; /* index + 1 */
    if (!parse_conf(&L->lx[2], &ru->confidence))
        return rules_fail(L, L->lx[2].line, L->lx[2].col, "bad confidence '%.*s' (a number in (0, 1])", L->lx[2].len, L->lx[2].s);
    L->pos = 3;
    for (; L->pos < L->nlx; L->pos++) {
        if (rules_lex_is(&L->lx[L->pos], "nocue"))
            ru->nocue = true;
        else if (rules_lex_is(&L->lx[L->pos], "fallback"))
            ru->fallback = true;
        else if (rules_lex_is(&L->lx[L->pos], "samecountry"))
            ru->samecountry = true;
        else if (rules_lex_is(&L->lx[L->pos], "describe"))
            ru->describe = true;
        else if (rules_lex_is(&L->lx[L->pos], "nogroup"))
            ru->nogroup = true;
        else if (rules_lex_is(&L->lx[L->pos], "diffcountry"))
            ru->diffcountry = true;
        else
            break;
    }
    int32_t head;
    int m;
    lex *start = L->pos < L->nlx ? &L->lx[L->pos] : &L->lx[0];
    int rc = parse_seq(L, ru, 0, &head, &m); /* adds nodes, not rules: ru stays put */
    if (rc)
        return rc;
    if (head < 0)
        return rules_failx(L, start, "empty pattern%s", "");
    if (L->pos < L->nlx && !rules_lex_is(&L->lx[L->pos], "->")) {
        lex *x = &L->lx[L->pos];
        return rules_fail(L, x->line, x->col, "unexpected '%.*s' (no group is open here)", x->len, x->s);
    }
    if (L->pos >= L->nlx)
        return rules_failx(L, &L->lx[L->nlx - 1], "rule has no '->' SUBJECT PREDICATE OBJECT%s", "");
    ru->head = head;
    ru->min_ments = m;
    if ((rc = rule_prefilter(r, ru)) || (rc = rule_split(r, ru)))
        return rc;
    ru->first_emit = r->nemits;
    while (L->pos < L->nlx) {
        if ((rc = parse_emit(L, ru)))
            return rc;
    }
    ru->nemits = r->nemits - ru->first_emit;
    if (ru->describe) {
        bool who = false;
        for (int32_t i = 0; i < ru->nemits; i++)
            who = who || r->emits[ru->first_emit + i].subj == RULES_WHO;
        if (!who)
            return rules_failx(L, &L->lx[1], "a 'describe' rule must emit WHO as a subject%s", "");
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* statements */

int rules_statement(loader *L)
{
    if (!L->nlx)
        return 0;
    lex *k = &L->lx[0];
    if (rules_lex_is(k, "rule")) {
        if (!L->r->npreds)
            return rules_failx(L, k, "rules need the predicate vocabulary first ('predicates FILE')%s", "");
        int rc = expand_macros(L);
        return rc ? rc : parse_rule(L);
    }
    if (rules_lex_is(k, "words"))
        return parse_words(L);
    if (rules_lex_is(k, "negate"))
        return parse_cues(L, false, 0);
    if (rules_lex_is(k, "hedge"))
        return parse_cues(L, true, 0);
    if (rules_lex_is(k, "former"))
        return parse_cues(L, false, FEIT_TIME_FORMER);
    if (rules_lex_is(k, "designate"))
        return parse_cues(L, false, FEIT_TIME_DESIGNATE);
    if (rules_lex_is(k, "time-void"))
        return parse_cues(L, false, -1);
    if (rules_lex_is(k, "cue-window") || rules_lex_is(k, "cue-after")) {
        if (L->nlx != 2 || L->lx[1].len > 2 || !isdigit((unsigned char)L->lx[1].s[0]) ||
            (L->lx[1].len == 2 && !isdigit((unsigned char)L->lx[1].s[1])))
            return rules_failx(L, k, "expected: %s N (0..99)", rules_lex_is(k, "cue-after") ? "cue-after" : "cue-window");
        *(rules_lex_is(k, "cue-after") ? &L->r->cue_after : &L->r->cue_window) = atoi(L->lx[1].s);
        return 0;
    }
    if (rules_lex_is(k, "own-heads")) {
        if (L->nlx < 2)
            return rules_failx(L, k, "expected: own-heads KIND... (organisation kinds: company bank ...)%s", "");
        for (int i = 1; i < L->nlx; i++) {
            if (L->r->nown_kinds == RULES_MAX_OWN_KINDS)
                return rules_failx(L, &L->lx[i], "too many kinds in 'own-heads' (at most 32)%s", "");
            if (!(L->r->own_kinds[L->r->nown_kinds++] = rules_dupn(L->r, L->lx[i].s, (size_t)L->lx[i].len)))
                return FEIT_ENOMEM;
        }
        return 0;
    }
    if (rules_lex_is(k, "common")) {
        if (L->nlx < 2)
            return rules_failx(L, k, "expected: common WORD... (words most sentences hold: de het ...)%s", "");
        if (L->r->nrules)
            return rules_failx(L, k, "'common' must come before the first rule (it shapes each rule's requirements)%s", "");
        for (int i = 1; i < L->nlx; i++) {
            if (L->ncommon == RULES_MAX_COMMON)
                return rules_failx(L, &L->lx[i], "too many words in 'common' (at most 32)%s", "");
            if (!(L->common[L->ncommon++] = rules_foldn(L->r, L->lx[i].s, (size_t)L->lx[i].len)))
                return FEIT_ENOMEM;
        }
        return 0;
    }
    if (rules_lex_is(k, "team-kind")) {
        if (L->nlx != 2)
            return rules_failx(L, k, "expected: team-kind KIND (the gazetteer's kind of a sports team: club)%s", "");
        return (L->r->team_kind = rules_dupn(L->r, L->lx[1].s, (size_t)L->lx[1].len)) ? 0 : FEIT_ENOMEM;
    }
    if (rules_lex_is(k, "define"))
        return parse_define(L);
    if (rules_lex_is(k, "predicates") || rules_lex_is(k, "roles") || rules_lex_is(k, "word-ranks")) {
        const char *what = rules_lex_is(k, "roles") ? "roles" : rules_lex_is(k, "predicates") ? "predicates" : "word-ranks";
        if (L->nlx != 2)
            return rules_failx(L, k, "expected: %s FILE", what);
        if (rules_lex_is(k, "word-ranks") && (L->r->nrules || L->nranks))
            return rules_failx(L, k, "'word-ranks' must come once, before the first rule (it shapes each rule's requirements)%s", "");
        char path[1024];
        datafile_path_join(path, sizeof path, L->dir, L->lx[1].s, L->lx[1].len);
        char *p = rules_dupn(L->r, path, strlen(path)); /* error messages keep pointing at it */
        if (!p)
            return FEIT_ENOMEM;
        if (L->r->ndeps < RULES_MAX_DEPS)
            L->r->deps[L->r->ndeps] = p;
        L->r->ndeps++;
        if (rules_lex_is(k, "word-ranks"))
            return rules_load_ranks(L, p);
        if (rules_lex_is(k, "roles")) {
            if (!L->r->npreds)
                return rules_failx(L, k, "the role lexicon needs the predicate vocabulary first%s", "");
            return rules_load_roles(L, p);
        }
        if (L->r->npreds)
            return rules_failx(L, k, "predicates loaded twice%s", "");
        return rules_load_predicates(L, p);
    }
    return rules_fail(L, k->line, k->col,
                "unknown statement '%.*s' (rule, define, words, negate, hedge, former, designate, time-void, own-heads, common, word-ranks, cue-window, cue-after, predicates, roles)", k->len, k->s);
}
