/* rules.c — loads a relation rule set: the rule file (models/relations.rules), the predicate
 * vocabulary and the role lexicon it names, into the flat read-only form of rules.h. Every
 * error names its file:line:column. The language is documented in models/README.md. */
#include "rules.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <libstemmer.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* growable arrays of the rule set (int32 counts) */

static int grow(void **items, int32_t *cap, int32_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    int32_t ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, (size_t)ncap * elem);
    if (!p)
        return FEIT_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}
#define RPUSH(arr, n, cap) (grow((void **)&(arr), &(cap), (n), sizeof *(arr)) ? NULL : &(arr)[(n)++])

/* ------------------------------------------------------------------------------------------ */
/* loader state and errors */

typedef struct lex {
    const char *s; /* not NUL-terminated */
    int len;
    int line, col;
    bool quoted; /* "..." or '...': always a literal */
    bool qopt;   /* a quoted literal directly followed by ? */
} lex;

typedef struct loader {
    feit_rules *r;
    feit_error *err;
    const char *file; /* the file being read (for errors) */
    char dir[512];    /* directory of the main rule file */
    struct sb_stemmer *stemmer;
    lex *lx; /* lexemes of the current statement */
    int nlx, clx;
    int pos;
    bool failed;
    struct macro *macros; /* define NAME = ...: lexemes point into the rules arena */
    int nmacros, cmacros;
} loader;

typedef struct macro {
    const char *name;
    lex *lx;
    int n;
} macro;

static int fail(loader *L, int line, int col, const char *fmt, ...)
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

static int failx(loader *L, const lex *x, const char *fmt, const char *what)
{
    return fail(L, x->line, x->col, fmt, what);
}

/* character column (1-based) of byte offset off in line */
static int column(const char *line, size_t off)
{
    int c = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static char *dupn(feit_rules *r, const char *s, size_t n)
{
    return arena_strndup(&r->arena, s, n);
}

static char *foldn(feit_rules *r, const char *s, size_t n)
{
    uint32_t len;
    return utf8_fold(&r->arena, s, n, &len);
}

static bool lex_is(const lex *x, const char *w)
{
    return !x->quoted && (size_t)x->len == strlen(w) && !memcmp(x->s, w, (size_t)x->len);
}

/* ------------------------------------------------------------------------------------------ */
/* the type vocabulary */

static const struct {
    const char *name;
    unsigned mask;
} rule_types[] = {
    {"PERSON", 1u << FEIT_PERSON},
    {"COUNTRY", 1u << FEIT_COUNTRY},
    {"CITY", 1u << FEIT_CITY},
    {"LOCATION", 1u << FEIT_LOCATION},
    {"ORG", 1u << FEIT_ORGANISATION},
    {"PLACE", RT_PLACE},
    {"ANY", RT_ANY},
};

static const struct {
    const char *name;
    unsigned mask;
} tsv_types[] = {
    {"person", 1u << FEIT_PERSON},
    {"country", 1u << FEIT_COUNTRY},
    {"city", 1u << FEIT_CITY},
    {"location", 1u << FEIT_LOCATION},
    {"organisation", 1u << FEIT_ORGANISATION},
    {"place", RT_PLACE},
    {"any", RT_ANY},
};

static const struct {
    const char *name;
    unsigned mask;
} rule_forms[] = {
    {"name", (1u << FEIT_FORM_NAME) | (1u << FEIT_FORM_PARTIAL)},
    {"partial", 1u << FEIT_FORM_PARTIAL},
    {"adj", 1u << FEIT_FORM_ADJECTIVE},
    {"inh", 1u << FEIT_FORM_INHABITANTS},
    {"all", RF_ALL},
};

/* ------------------------------------------------------------------------------------------ */
/* lookups (also used by relate.c) */

int rules_pred(const feit_rules *r, const char *name)
{
    for (int32_t i = 0; i < r->npreds; i++)
        if (!strcmp(r->preds[i].name, name))
            return i;
    return -1;
}

static int rolecmp(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen;
}

const rrole *rules_role_entry(const feit_rules *r, const char *fold, size_t len)
{
    uint32_t h = rules_stem_hash(fold, len) & 4095;
    if (r->stem_index && !((r->role_bloom[h >> 6] >> (h & 63)) & 1))
        return NULL; /* the filter is built with the stem index, at the end of loading */
    int32_t lo = 0, hi = r->nroles;
    while (lo < hi) {
        int32_t mid = (lo + hi) / 2;
        int c = rolecmp(fold, len, r->roles[mid].word);
        if (!c)
            return &r->roles[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *rules_role(const feit_rules *r, const char *fold)
{
    if (!r || !fold)
        return NULL;
    const rrole *e = rules_role_entry(r, fold, strlen(fold));
    if (!e || (e->pred < 0 && !e->inherit))
        return NULL;
    return e->inherit ? e->word : r->preds[e->pred].name;
}

/* ------------------------------------------------------------------------------------------ */
/* reading files line by line */

typedef struct reader {
    FILE *f;
    char *buf;
    size_t cap;
    int line;
    int bad;              /* robustness: column of a NUL byte or invalid UTF-8 in line, else 0 */
    const char *bad_what; /* what it was */
} reader;

/* next line without its newline (and \r), or NULL at end of file */
static char *read_line(reader *rd)
{
    ssize_t n = getline(&rd->buf, &rd->cap, rd->f);
    if (n < 0)
        return NULL;
    rd->line++;
    while (n > 0 && (rd->buf[n - 1] == '\n' || rd->buf[n - 1] == '\r'))
        rd->buf[--n] = '\0';
    /* robustness: a NUL byte used to cut the line silently (the error then named a later,
     * innocent place) and invalid UTF-8 was taken as a word; stop reading, the caller reports
     * file:line:column (as the gazetteer loader does) */
    size_t len = strlen(rd->buf);
    if (len < (size_t)n) {
        rd->bad = column(rd->buf, len), rd->bad_what = "NUL byte";
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        int k;
        if (utf8_decode(rd->buf + i, len - i, &k) == UTF8_INVALID && k == 1) {
            rd->bad = column(rd->buf, i), rd->bad_what = "invalid UTF-8";
            return NULL;
        }
        i += (size_t)k;
    }
    return rd->buf;
}

static void path_join(char *out, size_t n, const char *dir, const char *name, int len)
{
    if (name[0] == '/' || !dir[0])
        snprintf(out, n, "%.*s", len, name);
    else
        snprintf(out, n, "%s/%.*s", dir, len, name);
}

/* splits a TSV line in place; returns the number of fields (at most max) */
static int split_tabs(char *line, char **f, int *off, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n] = p;
        off[n] = (int)(p - line);
        n++;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static bool blank_or_comment(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return !*s || *s == '#';
}

/* "person|country" or "person,country" -> mask; 0 on an unknown name (sets *bad to its offset) */
static unsigned parse_tsv_types(const char *s, int *bad)
{
    unsigned mask = 0;
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, "|,");
        unsigned m = 0;
        for (size_t i = 0; i < sizeof tsv_types / sizeof tsv_types[0]; i++)
            if (strlen(tsv_types[i].name) == n && !strncmp(tsv_types[i].name, p, n))
                m = tsv_types[i].mask;
        if (!m) {
            *bad = (int)(p - s);
            return 0;
        }
        mask |= m;
        p += n;
        if (*p)
            p++;
    }
    return mask;
}

static int type_index(const char *s, size_t n)
{
    for (int t = 0; t < FEIT_NTYPES; t++)
        if (strlen(tsv_types[t].name) == n && !strncmp(tsv_types[t].name, s, n))
            return t;
    return -1;
}

/* predicates.tsv: name, symmetric (yes/no), wikidata (- | P35 | country=P17,location=P131),
 * subject types, object types */
static int load_predicates(loader *L, const char *path)
{
    feit_rules *r = L->r;
    const char *saved = L->file;
    L->file = path;
    reader rd = {0};
    int rc = 0;
    rd.f = fopen(path, "r");
    if (!rd.f) {
        rc = fail(L, 0, 0, "cannot open: %s", strerror(errno));
        goto out;
    }
    char *line;
    while ((line = read_line(&rd))) {
        if (blank_or_comment(line))
            continue;
        char *f[6];
        int off[6];
        int n = split_tabs(line, f, off, 6);
        if (n < 5) {
            rc = fail(L, rd.line, column(line, strlen(line)) + 1,
                      "expected 5 tab-separated fields (predicate, symmetric, wikidata, subject types, object types), got %d", n);
            goto out;
        }
        if (rules_pred(r, f[0]) >= 0) {
            rc = fail(L, rd.line, 1, "predicate '%s' defined twice", f[0]);
            goto out;
        }
        rpred *p = RPUSH(r->preds, r->npreds, r->cpreds);
        if (!p) {
            rc = FEIT_ENOMEM;
            goto out;
        }
        memset(p, 0, sizeof *p);
        p->name = dupn(r, f[0], strlen(f[0]));
        if (!strcmp(f[1], "yes"))
            p->symmetric = true;
        else if (strcmp(f[1], "no")) {
            rc = fail(L, rd.line, column(line, (size_t)off[1]), "symmetric must be 'yes' or 'no', not '%s'", f[1]);
            goto out;
        }
        if (strcmp(f[2], "-")) {
            if (!strchr(f[2], '=')) {
                if (f[2][0] != 'P') {
                    rc = fail(L, rd.line, column(line, (size_t)off[2]), "bad Wikidata property '%s' (want P123 or -)", f[2]);
                    goto out;
                }
                p->wikidata = dupn(r, f[2], strlen(f[2]));
            } else {
                /* type=Pxx,type=Pyy */
                char *q = f[2];
                while (*q) {
                    size_t len = strcspn(q, ",");
                    char *eq = memchr(q, '=', len);
                    int t = eq ? type_index(q, (size_t)(eq - q)) : -1;
                    if (t < 0 || eq[1] != 'P') {
                        rc = fail(L, rd.line, column(line, (size_t)(q - line)), "bad 'type=Pxx' mapping '%.*s'", (int)len, q);
                        goto out;
                    }
                    p->wd_by_type[t] = dupn(r, eq + 1, len - (size_t)(eq + 1 - q));
                    if (!p->wikidata)
                        p->wikidata = p->wd_by_type[t];
                    q += len;
                    if (*q)
                        q++;
                }
            }
        }
        int bad = 0;
        p->subj_types = (uint8_t)parse_tsv_types(f[3], &bad);
        if (!p->subj_types) {
            rc = fail(L, rd.line, column(line, (size_t)(off[3] + bad)), "unknown entity type in '%s'", f[3]);
            goto out;
        }
        p->obj_types = (uint8_t)parse_tsv_types(f[4], &bad);
        if (!p->obj_types) {
            rc = fail(L, rd.line, column(line, (size_t)(off[4] + bad)), "unknown entity type in '%s'", f[4]);
            goto out;
        }
        if (!p->name) {
            rc = FEIT_ENOMEM;
            goto out;
        }
    }
    if (rd.bad) {
        rc = fail(L, rd.line, rd.bad, "%s", rd.bad_what);
        goto out;
    }
out:
    if (rd.f)
        fclose(rd.f);
    free(rd.buf);
    if (!rc)
        L->file = saved;
    return rc;
}

static int cmp_roles(const void *a, const void *b)
{
    return strcmp(((const rrole *)a)->word, ((const rrole *)b)->word);
}

/* roles.tsv: variant, role (a predicate | = inherit | - not a role), qualifier (optional) */
static int load_roles(loader *L, const char *path)
{
    feit_rules *r = L->r;
    const char *saved = L->file;
    L->file = path;
    reader rd = {0};
    int rc = 0;
    rd.f = fopen(path, "r");
    if (!rd.f) {
        rc = fail(L, 0, 0, "cannot open: %s", strerror(errno));
        goto out;
    }
    char *line;
    while ((line = read_line(&rd))) {
        if (blank_or_comment(line))
            continue;
        char *f[4];
        int off[4];
        int n = split_tabs(line, f, off, 4);
        if (n < 2 || !f[0][0]) {
            rc = fail(L, rd.line, column(line, strlen(line)) + 1, "expected: variant <TAB> role [<TAB> qualifier]");
            goto out;
        }
        rrole *e = RPUSH(r->roles, r->nroles, r->croles);
        if (!e) {
            rc = FEIT_ENOMEM;
            goto out;
        }
        memset(e, 0, sizeof *e);
        e->word = foldn(r, f[0], strlen(f[0]));
        e->pred = -1;
        if (!strcmp(f[1], "="))
            e->inherit = true;
        else if (strcmp(f[1], "-")) {
            e->pred = rules_pred(r, f[1]);
            if (e->pred < 0) {
                rc = fail(L, rd.line, column(line, (size_t)off[1]), "unknown predicate '%s' (roles must be listed in the predicate vocabulary)", f[1]);
                goto out;
            }
            r->preds[e->pred].role = true;
        }
        if (n > 2 && f[2][0])
            e->qualifier = dupn(r, f[2], strlen(f[2]));
        if (!e->word) {
            rc = FEIT_ENOMEM;
            goto out;
        }
    }
    if (rd.bad) {
        rc = fail(L, rd.line, rd.bad, "%s", rd.bad_what);
        goto out;
    }
    qsort(r->roles, (size_t)r->nroles, sizeof *r->roles, cmp_roles);
    for (int32_t i = 1; i < r->nroles; i++)
        if (!strcmp(r->roles[i].word, r->roles[i - 1].word)) {
            rc = fail(L, 0, 0, "role variant '%s' listed twice", r->roles[i].word);
            goto out;
        }
out:
    if (rd.f)
        fclose(rd.f);
    free(rd.buf);
    if (!rc)
        L->file = saved;
    return rc;
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
        int col = col_base + column(line + col_off, i - col_off) - 1;
        col_off = i, col_base = col;
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < n && line[j] != c)
                j++;
            if (j >= n)
                return fail(L, lineno, col, "unterminated quoted literal");
            if (j == i + 1)
                return fail(L, lineno, col, "empty quoted literal");
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
        /* a lexeme of only prefixes (! ^) before a group */
        if (push_lex(L, line + i, (int)(j - i), lineno, col, false))
            return FEIT_ENOMEM;
        i = j;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* word sets */

static int find_set(const feit_rules *r, const char *name, size_t n)
{
    for (int32_t i = 0; i < r->nsets; i++)
        if (strlen(r->sets[i].name) == n && !memcmp(r->sets[i].name, name, n))
            return i;
    return -1;
}

/* one set word: [*]word[*] -> stem entry */
static int add_stem(loader *L, const lex *x, const char *s, int len)
{
    feit_rules *r = L->r;
    bool head = false, lead = false;
    if (len > 0 && s[0] == '*')
        head = true, s++, len--;
    if (len > 0 && s[len - 1] == '*')
        lead = true, len--;
    if (len <= 0)
        return failx(L, x, "empty word in word set%s", "");
    char *f = foldn(r, s, (size_t)len);
    if (!f)
        return FEIT_ENOMEM;
    const sb_symbol *st = sb_stemmer_stem(L->stemmer, (const sb_symbol *)f, (int)strlen(f));
    if (!st)
        return FEIT_ENOMEM;
    rstem *e = RPUSH(r->stems, r->nstems, r->cstems);
    if (!e)
        return FEIT_ENOMEM;
    e->len = (uint32_t)sb_stemmer_length(L->stemmer);
    e->stem = dupn(r, (const char *)st, e->len);
    e->head = head, e->lead = lead;
    return e->stem ? 0 : FEIT_ENOMEM;
}

/* words NAME = w1 w2 ... */
static int parse_words(loader *L)
{
    feit_rules *r = L->r;
    if (L->nlx < 3 || !lex_is(&L->lx[2], "="))
        return failx(L, L->nlx > 1 ? &L->lx[1] : &L->lx[0], "expected: words NAME = word word ...%s", "");
    lex *nm = &L->lx[1];
    for (int i = 0; i < nm->len; i++)
        if (!isalnum((unsigned char)nm->s[i]) && nm->s[i] != '_' && nm->s[i] != '-')
            return failx(L, nm, "bad word set name (letters, digits, - and _ only)%s", "");
    if (find_set(r, nm->s, (size_t)nm->len) >= 0)
        return fail(L, nm->line, nm->col, "word set '%.*s' defined twice", nm->len, nm->s);
    if (L->nlx < 4)
        return failx(L, &L->lx[2], "empty word set%s", "");
    rset *set = RPUSH(r->sets, r->nsets, r->csets);
    if (!set)
        return FEIT_ENOMEM;
    set->name = dupn(r, nm->s, (size_t)nm->len);
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

static int parse_cues(loader *L, bool hedge)
{
    feit_rules *r = L->r;
    float factor = 0.0f;
    int i = 1;
    if (hedge) {
        if (L->nlx < 2 || !parse_conf(&L->lx[1], &factor) || factor >= 1.0f)
            return failx(L, L->nlx > 1 ? &L->lx[1] : &L->lx[0], "expected: hedge FACTOR word ... (FACTOR between 0 and 1)%s", "");
        i = 2;
    }
    if (i >= L->nlx)
        return failx(L, &L->lx[0], "no cue words%s", "");
    for (; i < L->nlx; i++) {
        rcue *c = RPUSH(r->cues, r->ncues, r->ccues);
        if (!c)
            return FEIT_ENOMEM;
        c->word = foldn(r, L->lx[i].s, (size_t)L->lx[i].len);
        c->factor = factor;
        if (!c->word)
            return FEIT_ENOMEM;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* rules: pattern parsing (recursive descent over the statement's lexemes) */

typedef struct rctx {
    rrule *rule;
    int32_t ridx;
} rctx;

static int new_node(feit_rules *r, rnode_kind kind, int32_t *out)
{
    rnode *n = RPUSH(r->nodes, r->nnodes, r->cnodes);
    if (!n)
        return FEIT_ENOMEM;
    memset(n, 0, sizeof *n);
    n->kind = (uint8_t)kind;
    n->capture = -1;
    n->next = -1;
    *out = r->nnodes - 1;
    return 0;
}

static int set_word(feit_rules *r, int32_t id, const char *s, int len)
{
    char *w = foldn(r, s, (size_t)len);
    if (!w)
        return FEIT_ENOMEM;
    r->nodes[id].word = w;
    r->nodes[id].wlen = (uint32_t)strlen(w);
    r->nodes[id].hash = utf8_hash(w, strlen(w), UTF8_HASH_INIT);
    return 0;
}

/* What the compiled rule needs, found from its top-level sequence: where a match can start
 * (an entity, after any zero-width look-around) and which words the sentence must contain. */
static void rule_prefilter(feit_rules *r, rrule *ru)
{
    bool first = true;
    ru->nreqs = 0;
    ru->anchor_types = 0;
    ru->anchor = -1;
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
        if (n->optional || n->kind == RN_NOT || ru->nreqs >= RULES_MAX_REQS)
            continue;
        rreq q = {.word = -1, .nsets = 0};
        if (n->kind == RN_WORD)
            q.word = id;
        else if (n->kind == RN_STEMS)
            q.sets[q.nsets++] = n->arg;
        else if (n->kind == RN_GROUP && !n->behind) {
            /* every alternative must bring a word set of its own */
            for (int32_t a = 0; a < n->nalts; a++) {
                int32_t set = -1;
                for (int32_t x = r->alts[n->arg + a]; x >= 0 && set < 0; x = r->nodes[x].next)
                    if (r->nodes[x].kind == RN_STEMS && !r->nodes[x].optional && !r->nodes[x].behind)
                        set = r->nodes[x].arg;
                if (set < 0 || q.nsets >= RULES_REQ_SETS) {
                    q.nsets = 0;
                    break;
                }
                q.sets[q.nsets++] = set;
            }
        }
        if (q.word >= 0 || q.nsets > 0)
            ru->reqs[ru->nreqs++] = q;
    }
}

static int find_capture(const rrule *ru, const char *s, int n)
{
    for (int i = 0; i < ru->ncaptures; i++)
        if ((int)strlen(ru->capture_names[i]) == n && !memcmp(ru->capture_names[i], s, (size_t)n))
            return i;
    return -1;
}

static bool is_end(const lex *x) { return lex_is(x, "|") || lex_is(x, ")") || lex_is(x, ")?") || lex_is(x, "->"); }

static int parse_seq(loader *L, rctx *c, int depth, int32_t *head, int *mandatory_ments);

/* parses the element at L->pos into a node; *ments gets the mentions it needs for sure */
static int parse_elem(loader *L, rctx *c, int depth, int32_t *out, int *ments)
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
        if (L->pos >= L->nlx || !lex_is(&L->lx[L->pos], "("))
            return failx(L, x, "'!', '<' or '^' standing alone must be followed by a group '('%s", "");
        x = &L->lx[L->pos];
        s = x->s, len = x->len;
    }
    if (!x->quoted && len == 1 && s[0] == '(') {
        lex *open = x;
        if (depth > 16)
            return failx(L, x, "groups nested too deeply%s", "");
        if ((rc = new_node(r, negate ? RN_NOT : RN_GROUP, &id)))
            return rc;
        L->pos++;
        int32_t first_alt = -1, nalts = 0;
        int best = -1;
        /* alternatives are collected first (nested groups push their own alts meanwhile) */
        int32_t heads[64];
        for (;;) {
            int32_t h;
            int m;
            if ((rc = parse_seq(L, c, depth + 1, &h, &m)))
                return rc;
            if (nalts >= 64)
                return failx(L, open, "too many alternatives in group%s", "");
            heads[nalts++] = h;
            if (best < 0 || m < best)
                best = m;
            if (L->pos >= L->nlx)
                return failx(L, open, "unterminated group: '(' is never closed%s", "");
            lex *y = &L->lx[L->pos];
            if (lex_is(y, "|")) {
                L->pos++;
                continue;
            }
            if (lex_is(y, ")") || lex_is(y, ")?")) {
                if (lex_is(y, ")?"))
                    optional = true;
                L->pos++;
                break;
            }
            return failx(L, open, "unterminated group: '(' is never closed (found '->' first)%s", "");
        }
        first_alt = r->nalts;
        for (int i = 0; i < nalts; i++) {
            int32_t *a = RPUSH(r->alts, r->nalts, r->calts);
            if (!a)
                return FEIT_ENOMEM;
            *a = heads[i];
        }
        rnode *n = &r->nodes[id];
        n->arg = first_alt;
        n->nalts = nalts;
        n->optional = optional;
        n->glued = glued;
        n->behind = behind;
        if (negate && optional)
            return failx(L, open, "a negative look-ahead !( ) cannot be optional%s", "");
        if (behind && optional)
            return failx(L, open, "a look-behind <( ) cannot be optional%s", "");
        *ments = (optional || negate || behind) ? 0 : best;
        *out = id;
        return 0;
    }
    if (negate && !x->quoted && len >= 3 && !memcmp(s, "...", 3))
        return failx(L, x, "a gap cannot be negated%s", "");
    L->pos++;
    if (x->quoted) {
        if ((rc = new_node(r, RN_WORD, &id)))
            return rc;
        if ((rc = set_word(r, id, s, len)))
            return rc;
    } else if ((len >= 3 && !memcmp(s, "...", 3)) || s[0] == '_') {
        bool strict = s[0] == '_';
        int skip = strict ? 1 : 3;
        int max = strict ? 4 : 8;
        if (len > skip) {
            max = 0;
            for (int i = skip; i < len; i++) {
                if (s[i] < '0' || s[i] > '9' || max > 100)
                    return fail(L, x->line, x->col, "bad gap '%.*s' (want ...N or _N, N at most 100)", len, s);
                max = max * 10 + (s[i] - '0');
            }
        }
        if (optional)
            return failx(L, x, "a gap is optional already%s", "");
        if ((rc = new_node(r, RN_GAP, &id)))
            return rc;
        r->nodes[id].gap_max = (uint16_t)max;
        r->nodes[id].strict = strict;
    } else if (s[0] == '@') {
        int set = find_set(r, s + 1, (size_t)(len - 1));
        if (set < 0)
            return fail(L, x->line, x->col, "unknown word set '%.*s' (define it with 'words' before the rule)", len, s);
        if ((rc = new_node(r, RN_STEMS, &id)))
            return rc;
        r->nodes[id].arg = set;
    } else if (s[0] == '~') {
        /* an inline one-word set */
        rset *set = RPUSH(r->sets, r->nsets, r->csets);
        if (!set)
            return FEIT_ENOMEM;
        set->name = dupn(r, s, (size_t)len);
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
                    return fail(L, x->line, x->col, "bad capture name '%.*s' (capitals and digits)", nlen, s);
            if (find_capture(c->rule, s, nlen) >= 0)
                return fail(L, x->line, x->col, "capture '%.*s' used twice in one rule", nlen, s);
            if (c->rule->ncaptures >= RULES_MAX_CAPTURES)
                return failx(L, x, "too many captures in one rule%s", "");
            cap = c->rule->ncaptures++;
            c->rule->capture_names[cap] = dupn(r, s, (size_t)nlen);
            spec = colon + 1;
            speclen = len - nlen - 1;
            upper = true;
        }
        int speccol = x->col + (int)(spec - x->s);
        if (!upper) {
            if ((rc = new_node(r, RN_WORD, &id)))
                return rc;
            if ((rc = set_word(r, id, s, len)))
                return rc;
        } else if (speclen == 4 && !memcmp(spec, "ROLE", 4)) {
            if ((rc = new_node(r, RN_ROLE, &id)))
                return rc;
            if (cap >= 0)
                c->rule->capture_is_role[cap] = true;
        } else {
            unsigned types = 0, forms = RF_DEFAULT;
            const char *p = spec, *end = spec + speclen;
            const char *slash = memchr(spec, '/', (size_t)speclen);
            const char *tend = slash ? slash : end;
            while (p < tend) {
                const char *q = memchr(p, '|', (size_t)(tend - p));
                if (!q)
                    q = tend;
                unsigned m = 0;
                for (size_t i = 0; i < sizeof rule_types / sizeof rule_types[0]; i++)
                    if ((size_t)(q - p) == strlen(rule_types[i].name) && !memcmp(rule_types[i].name, p, (size_t)(q - p)))
                        m = rule_types[i].mask;
                if (!m)
                    return fail(L, x->line, speccol + (int)(p - spec),
                                "unknown entity type '%.*s' (PERSON COUNTRY CITY LOCATION ORG PLACE ANY ROLE; literal words are written in lower case)",
                                (int)(q - p), p);
                types |= m;
                p = q + 1;
            }
            if (slash) {
                forms = 0;
                p = slash + 1;
                while (p < end) {
                    const char *q = memchr(p, '|', (size_t)(end - p));
                    if (!q)
                        q = end;
                    unsigned m = 0;
                    for (size_t i = 0; i < sizeof rule_forms / sizeof rule_forms[0]; i++)
                        if ((size_t)(q - p) == strlen(rule_forms[i].name) && !memcmp(rule_forms[i].name, p, (size_t)(q - p)))
                            m = rule_forms[i].mask;
                    if (!m)
                        return fail(L, x->line, speccol + (int)(p - spec), "unknown form '%.*s' (name partial adj inh all)",
                                    (int)(q - p), p);
                    forms |= m;
                    p = q + 1;
                }
            }
            if ((rc = new_node(r, RN_ENT, &id)))
                return rc;
            r->nodes[id].types = (uint8_t)types;
            r->nodes[id].forms = (uint8_t)forms;
            if (!optional && !negate)
                *ments = 1;
        }
        r->nodes[id].capture = (int8_t)cap;
        if (cap >= 0 && negate)
            return failx(L, x, "a negated element cannot capture%s", "");
    }
    rnode *n = &r->nodes[id];
    n->optional = optional;
    n->glued = glued;
    n->behind = behind;
    if (behind && n->kind != RN_WORD && n->kind != RN_STEMS)
        return failx(L, x, "'<' (the word before) works on a literal word or a word set only%s", "");
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

static int parse_seq(loader *L, rctx *c, int depth, int32_t *head, int *ments)
{
    int32_t prev = -1;
    *head = -1;
    *ments = 0;
    while (L->pos < L->nlx && !is_end(&L->lx[L->pos])) {
        int32_t id;
        int m;
        int rc = parse_elem(L, c, depth, &id, &m);
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
static int parse_emit(loader *L, rctx *c)
{
    feit_rules *r = L->r;
    lex *arrow = &L->lx[L->pos++];
    if (L->pos + 3 > L->nlx)
        return failx(L, arrow, "expected: -> SUBJECT PREDICATE OBJECT [confidence] [\"qualifier\"]%s", "");
    remit *e = RPUSH(r->emits, r->nemits, r->cemits);
    if (!e)
        return FEIT_ENOMEM;
    memset(e, 0, sizeof *e);
    e->confidence = -1.0f;
    e->pred_capture = -1;
    e->pred = -1;
    lex *a[3] = {&L->lx[L->pos], &L->lx[L->pos + 1], &L->lx[L->pos + 2]};
    L->pos += 3;
    int8_t *slot[2] = {&e->subj, &e->obj};
    for (int k = 0; k < 2; k++) {
        lex *x = a[k == 0 ? 0 : 2];
        if (lex_is(x, "DOC")) {
            *slot[k] = RULES_DOC;
            continue;
        }
        if (lex_is(x, "WHO")) {
            if (!c->rule->describe)
                return failx(L, x, "WHO (the person described) needs the rule option 'describe'%s", "");
            *slot[k] = RULES_WHO;
            continue;
        }
        int cap = find_capture(c->rule, x->s, x->len);
        if (cap < 0 || x->quoted)
            return fail(L, x->line, x->col, "unknown capture '%.*s' (name it in the pattern as %.*s:TYPE, or use DOC)", x->len, x->s,
                        x->len, x->s);
        if (c->rule->capture_is_role[cap])
            return fail(L, x->line, x->col, "'%.*s' captures a role noun, not an entity", x->len, x->s);
        *slot[k] = (int8_t)cap;
    }
    lex *p = a[1];
    if (p->len > 1 && p->s[0] == '$') {
        int cap = find_capture(c->rule, p->s + 1, p->len - 1);
        if (cap < 0 || !c->rule->capture_is_role[cap])
            return fail(L, p->line, p->col, "'%.*s' must name a ROLE capture of the pattern", p->len, p->s);
        e->pred_capture = (int8_t)cap;
    } else {
        char buf[128];
        snprintf(buf, sizeof buf, "%.*s", p->len, p->s);
        e->pred = rules_pred(r, buf);
        if (e->pred < 0)
            return fail(L, p->line, p->col, "unknown predicate '%s' (not in the predicate vocabulary)", buf);
    }
    while (L->pos < L->nlx && !lex_is(&L->lx[L->pos], "->")) {
        lex *x = &L->lx[L->pos++];
        if (x->quoted) {
            e->qualifier = dupn(r, x->s, (size_t)x->len);
            if (!e->qualifier)
                return FEIT_ENOMEM;
        } else if (!parse_conf(x, &e->confidence))
            return fail(L, x->line, x->col, "bad confidence '%.*s' (a number in (0, 1])", x->len, x->s);
    }
    return 0;
}

/* define NAME = lexemes: a named piece of pattern, used in rules as %NAME */
static int parse_define(loader *L)
{
    if (L->nlx < 4 || !lex_is(&L->lx[2], "="))
        return failx(L, L->nlx > 1 ? &L->lx[1] : &L->lx[0], "expected: define NAME = PATTERN%s", "");
    lex *nm = &L->lx[1];
    for (int i = 0; i < nm->len; i++)
        if (!isalnum((unsigned char)nm->s[i]) && nm->s[i] != '_' && nm->s[i] != '-')
            return failx(L, nm, "bad name for define (letters, digits, - and _ only)%s", "");
    for (int i = 0; i < L->nmacros; i++)
        if ((int)strlen(L->macros[i].name) == nm->len && !memcmp(L->macros[i].name, nm->s, (size_t)nm->len))
            return fail(L, nm->line, nm->col, "'%.*s' defined twice", nm->len, nm->s);
    if (L->nmacros == L->cmacros) {
        int ncap = L->cmacros ? L->cmacros * 2 : 8;
        macro *p = realloc(L->macros, (size_t)ncap * sizeof *p);
        if (!p)
            return FEIT_ENOMEM;
        L->macros = p, L->cmacros = ncap;
    }
    macro *m = &L->macros[L->nmacros];
    m->name = dupn(L->r, nm->s, (size_t)nm->len);
    m->n = L->nlx - 3;
    m->lx = arena_alloc(&L->r->arena, (size_t)m->n * sizeof *m->lx);
    if (!m->name || !m->lx)
        return FEIT_ENOMEM;
    for (int i = 0; i < m->n; i++) {
        m->lx[i] = L->lx[3 + i];
        m->lx[i].s = dupn(L->r, L->lx[3 + i].s, (size_t)L->lx[3 + i].len); /* outlives the line */
        if (!m->lx[i].s)
            return FEIT_ENOMEM;
    }
    L->nmacros++;
    return 0;
}

/* replaces every %NAME lexeme of the statement by the lexemes of its definition */
static int expand_macros(loader *L)
{
    for (int i = 0; i < L->nlx; i++) {
        lex *x = &L->lx[i];
        if (x->quoted || x->len < 2 || x->s[0] != '%')
            continue;
        int k;
        for (k = 0; k < L->nmacros; k++)
            if ((int)strlen(L->macros[k].name) == x->len - 1 && !memcmp(L->macros[k].name, x->s + 1, (size_t)(x->len - 1)))
                break;
        if (k == L->nmacros)
            return fail(L, x->line, x->col, "unknown name '%.*s' (define it before the rule)", x->len, x->s);
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
        i += m->n - 1;
    }
    return 0;
}

/* rule ID CONFIDENCE [nocue] PATTERN -> ... [-> ...] */
static int parse_rule(loader *L)
{
    feit_rules *r = L->r;
    if (L->nlx < 3)
        return failx(L, &L->lx[0], "expected: rule ID CONFIDENCE PATTERN -> SUBJECT PREDICATE OBJECT%s", "");
    lex *idx = &L->lx[1];
    for (int32_t i = 0; i < r->nrules; i++)
        if ((int)strlen(r->rules[i].id) == idx->len && !memcmp(r->rules[i].id, idx->s, (size_t)idx->len))
            return fail(L, idx->line, idx->col, "rule id '%.*s' used twice", idx->len, idx->s);
    rrule *ru = RPUSH(r->rules, r->nrules, r->crules);
    if (!ru)
        return FEIT_ENOMEM;
    memset(ru, 0, sizeof *ru);
    ru->id = dupn(r, idx->s, (size_t)idx->len);
    if (!parse_conf(&L->lx[2], &ru->confidence))
        return fail(L, L->lx[2].line, L->lx[2].col, "bad confidence '%.*s' (a number in (0, 1])", L->lx[2].len, L->lx[2].s);
    L->pos = 3;
    for (; L->pos < L->nlx; L->pos++) {
        if (lex_is(&L->lx[L->pos], "nocue"))
            ru->nocue = true;
        else if (lex_is(&L->lx[L->pos], "fallback"))
            ru->fallback = true;
        else if (lex_is(&L->lx[L->pos], "samecountry"))
            ru->samecountry = true;
        else if (lex_is(&L->lx[L->pos], "describe"))
            ru->describe = true;
        else
            break;
    }
    rctx c = {ru, r->nrules - 1};
    int32_t head;
    int m;
    lex *start = L->pos < L->nlx ? &L->lx[L->pos] : &L->lx[0];
    int rc = parse_seq(L, &c, 0, &head, &m);
    ru = &r->rules[c.ridx];
    c.rule = ru;
    if (rc)
        return rc;
    if (head < 0)
        return failx(L, start, "empty pattern%s", "");
    if (L->pos < L->nlx && !lex_is(&L->lx[L->pos], "->")) {
        lex *x = &L->lx[L->pos];
        return fail(L, x->line, x->col, "unexpected '%.*s' (no group is open here)", x->len, x->s);
    }
    if (L->pos >= L->nlx)
        return failx(L, &L->lx[L->nlx - 1], "rule has no '->' SUBJECT PREDICATE OBJECT%s", "");
    ru->head = head;
    ru->min_ments = m;
    rule_prefilter(r, ru);
    ru->first_emit = r->nemits;
    while (L->pos < L->nlx) {
        if ((rc = parse_emit(L, &c)))
            return rc;
    }
    ru->nemits = r->nemits - ru->first_emit;
    if (ru->describe) {
        bool who = false;
        for (int32_t i = 0; i < ru->nemits; i++)
            who = who || r->emits[ru->first_emit + i].subj == RULES_WHO;
        if (!who)
            return failx(L, &L->lx[1], "a 'describe' rule must emit WHO as a subject%s", "");
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* the rule file */

static int statement(loader *L)
{
    if (!L->nlx)
        return 0;
    lex *k = &L->lx[0];
    if (lex_is(k, "rule")) {
        if (!L->r->npreds)
            return failx(L, k, "rules need the predicate vocabulary first ('predicates FILE')%s", "");
        int rc = expand_macros(L);
        return rc ? rc : parse_rule(L);
    }
    if (lex_is(k, "words"))
        return parse_words(L);
    if (lex_is(k, "negate"))
        return parse_cues(L, false);
    if (lex_is(k, "hedge"))
        return parse_cues(L, true);
    if (lex_is(k, "cue-window") || lex_is(k, "cue-after")) {
        if (L->nlx != 2 || L->lx[1].len > 2 || !isdigit((unsigned char)L->lx[1].s[0]) ||
            (L->lx[1].len == 2 && !isdigit((unsigned char)L->lx[1].s[1])))
            return failx(L, k, "expected: %s N (0..99)", lex_is(k, "cue-after") ? "cue-after" : "cue-window");
        *(lex_is(k, "cue-after") ? &L->r->cue_after : &L->r->cue_window) = atoi(L->lx[1].s);
        return 0;
    }
    if (lex_is(k, "define"))
        return parse_define(L);
    if (lex_is(k, "predicates") || lex_is(k, "roles")) {
        if (L->nlx != 2)
            return failx(L, k, "expected: %s FILE", lex_is(k, "roles") ? "roles" : "predicates");
        char path[1024];
        path_join(path, sizeof path, L->dir, L->lx[1].s, L->lx[1].len);
        char *p = dupn(L->r, path, strlen(path)); /* error messages keep pointing at it */
        if (!p)
            return FEIT_ENOMEM;
        if (lex_is(k, "roles")) {
            if (!L->r->npreds)
                return failx(L, k, "the role lexicon needs the predicate vocabulary first%s", "");
            return load_roles(L, p);
        }
        if (L->r->npreds)
            return failx(L, k, "predicates loaded twice%s", "");
        return load_predicates(L, p);
    }
    return fail(L, k->line, k->col,
                "unknown statement '%.*s' (rule, define, words, negate, hedge, cue-window, cue-after, predicates, roles)", k->len, k->s);
}

/* The lines of one statement must stay alive while it is parsed: keep them in a list. */
typedef struct linebuf {
    char **lines;
    int n, cap;
} linebuf;

static void lines_clear(linebuf *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->lines[i]);
    b->n = 0;
}

static int lines_add(linebuf *b, const char *s)
{
    if (b->n == b->cap) {
        int ncap = b->cap ? b->cap * 2 : 16;
        char **p = realloc(b->lines, (size_t)ncap * sizeof *p);
        if (!p)
            return FEIT_ENOMEM;
        b->lines = p, b->cap = ncap;
    }
    b->lines[b->n] = strdup(s);
    return b->lines[b->n++] ? 0 : FEIT_ENOMEM;
}

static int load_rule_file(loader *L, const char *path)
{
    reader rd = {0};
    linebuf lb = {0};
    int rc = 0;
    L->file = path;
    rd.f = fopen(path, "r");
    if (!rd.f) {
        rc = fail(L, 0, 0, "cannot open: %s", strerror(errno));
        goto out;
    }
    char *line;
    for (;;) {
        line = read_line(&rd);
        if (!line && rd.bad) { /* before the pending statement, which the bad line may cut */
            rc = fail(L, rd.line, rd.bad, "%s", rd.bad_what);
            goto out;
        }
        bool cont = line && (line[0] == ' ' || line[0] == '\t');
        bool blank = line && !line[strspn(line, " \t")];
        if (line && !blank && blank_or_comment(line))
            continue; /* a comment line does not end a statement; a blank line does */
        if (blank)
            cont = false;
        if (!cont && L->nlx) {
            if ((rc = statement(L)))
                goto out;
            L->nlx = 0;
            lines_clear(&lb);
        }
        if (!line)
            break;
        if (blank)
            continue;
        if (cont && !L->nlx) {
            rc = fail(L, rd.line, 1, "indented line continues no statement");
            goto out;
        }
        if ((rc = lines_add(&lb, line)))
            goto out;
        if ((rc = lex_line(L, lb.lines[lb.n - 1], rd.line)))
            goto out;
    }
    if (!L->r->nrules)
        rc = fail(L, rd.line, 0, "no rules");
out:
    if (rd.f)
        fclose(rd.f);
    free(rd.buf);
    lines_clear(&lb);
    free(lb.lines);
    return rc;
}

uint32_t rules_stem_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static rstem_slot *stem_slot(rstem_slot *tab, uint32_t size, const char *s, size_t n, int create)
{
    uint32_t h = rules_stem_hash(s, n);
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

/* Builds r->stem_index (see rules.h). */
static int index_stems(feit_rules *r)
{
    if (r->nsets > 64)
        return 0; /* relate.c then compares stems one by one */
    uint32_t size = 16;
    while (size < 2 * (uint32_t)r->nstems + 2)
        size *= 2;
    r->stem_index = calloc(size, sizeof *r->stem_index);
    if (!r->stem_index)
        return FEIT_ENOMEM;
    r->stem_index_size = size;
    for (int32_t i = 0; i < r->nroles; i++) {
        uint32_t h = rules_stem_hash(r->roles[i].word, strlen(r->roles[i].word)) & 4095;
        r->role_bloom[h >> 6] |= 1ull << (h & 63);
    }
    r->head_min = r->lead_min = UINT32_MAX;
    for (int32_t k = 0; k < r->nsets; k++) {
        const rset *set = &r->sets[k];
        for (int32_t i = 0; i < set->n; i++) {
            const rstem *e = &r->stems[set->first + i];
            rstem_slot *sl = stem_slot(r->stem_index, size, e->stem, e->len, 1);
            sl->exact |= 1ull << k;
            if (e->head) {
                sl->head |= 1ull << k;
                r->head_min = e->len < r->head_min ? e->len : r->head_min;
                r->head_max = e->len > r->head_max ? e->len : r->head_max;
            }
            if (e->lead) {
                sl->lead |= 1ull << k;
                r->lead_min = e->len < r->lead_min ? e->len : r->lead_min;
                r->lead_max = e->len > r->lead_max ? e->len : r->lead_max;
            }
        }
    }
    return 0;
}

void rules_free(feit_rules *r)
{
    if (!r)
        return;
    free(r->stem_index);
    free(r->nodes);
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

static int index_stems(feit_rules *r);

feit_rules *rules_load(const char *path, feit_error *err)
{
    feit_error dummy;
    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    loader L = {0};
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
    L.stemmer = sb_stemmer_new("dutch", NULL);
    int rc;
    if (!L.stemmer)
        rc = FEIT_ENOMEM;
    else
        rc = load_rule_file(&L, path);
    if (!rc)
        rc = index_stems(r);
    if (!rc) {
        r->min_ments = INT32_MAX;
        for (int32_t i = 0; i < r->nrules; i++)
            if (r->rules[i].min_ments < r->min_ments)
                r->min_ments = r->rules[i].min_ments;
    }
    sb_stemmer_delete(L.stemmer);
    free(L.lx);
    free(L.macros);
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
