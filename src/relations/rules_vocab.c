/* rules_vocab.c — the vocabularies a rule file names: the predicate vocabulary
 * (predicates.tsv) and the role lexicon (roles.tsv), their loaders and the lookups the parser
 * and the matcher (relate.c, relate_match.c, the lexicon stage through relate_lex_hook) use. */
#include "core/types.h"
#include "relations/rules.h"
#include "core/datafile.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* lookups (also used by the matcher) */

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
    uint32_t h = utf8_hash(fold, len, UTF8_HASH_INIT) & 4095;
    if (!((r->role_bloom[h >> 6] >> (h & 63)) & 1))
        return NULL;
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
/* "person|country" or "person,country" -> mask; 0 on an unknown name (sets *bad to its offset) */
static unsigned parse_tsv_types(const char *s, int *bad)
{
    unsigned mask = 0;
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, "|,");
        unsigned m = 0;
        int t = types_find(p, n);
        if (t >= 0)
            m = 1u << t;
        else if (rules_name_is("place", p, n))
            m = TYPES_PLACE;
        else if (rules_name_is("any", p, n))
            m = TYPES_ALL;
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

/* One line of a TSV file, split in place. */
typedef struct tsv_row {
    const char *line;
    int lineno;
    int n;          /* fields */
    char *f[6];     /* the fields, NUL-terminated */
    int off[6];     /* their byte offsets in line */
} tsv_row;

/* Reads a TSV file, skipping blank and comment lines, and hands each line, split into at most
 * max fields, to row; then calls done (if any). L->file names path while it is read, and keeps
 * naming it when this fails (error messages point at it). */
static int load_tsv(loader *L, const char *path, int max, int (*row)(loader *L, tsv_row *t), int (*done)(loader *L))
{
    const char *saved = L->file;
    L->file = path;
    datafile rd;
    int rc = 0;
    if ((rc = datafile_open(&rd, path, L->err))) {
        L->failed = true;
        goto out;
    }
    char *line;
    while ((line = datafile_line(&rd))) {
        if (datafile_blank(line))
            continue;
        tsv_row t = {.line = line, .lineno = rd.line};
        t.n = split_tabs(line, t.f, t.off, max);
        if ((rc = row(L, &t)))
            goto out;
    }
    if (rd.bad) {
        rc = rules_fail(L, rd.line, rd.bad, "%s", rd.bad_what);
        goto out;
    }
    if (done)
        rc = done(L);
out:
    datafile_close(&rd);
    if (!rc)
        L->file = saved;
    return rc;
}

/* predicates.tsv: name, symmetric (yes/no), wikidata (- | P35 | country=P17,location=P131),
 * subject types, object types */
static int predicate_row(loader *L, tsv_row *t)
{
    feit_rules *r = L->r;
    const char *line = t->line;
    char **f = t->f;
    if (t->n < 5)
        return rules_fail(L, t->lineno, datafile_column(line, strlen(line)) + 1,
                          "expected 5 tab-separated fields (predicate, symmetric, wikidata, subject types, object types), got %d", t->n);
    if (rules_pred(r, f[0]) >= 0)
        return rules_fail(L, t->lineno, 1, "predicate '%s' defined twice", f[0]);
    rpred *p = RPUSH(r->preds, r->npreds, r->cpreds);
    if (!p)
        return FEIT_ENOMEM;
    memset(p, 0, sizeof *p);
    p->name = rules_dupn(r, f[0], strlen(f[0]));
    if (!strcmp(f[1], "yes"))
        p->symmetric = true;
    else if (strcmp(f[1], "no"))
        return rules_fail(L, t->lineno, datafile_column(line, (size_t)t->off[1]), "symmetric must be 'yes' or 'no', not '%s'", f[1]);
    if (strcmp(f[2], "-")) {
        if (!strchr(f[2], '=')) {
            if (f[2][0] != 'P')
                return rules_fail(L, t->lineno, datafile_column(line, (size_t)t->off[2]), "bad Wikidata property '%s' (want P123 or -)", f[2]);
            p->wikidata = rules_dupn(r, f[2], strlen(f[2]));
        } else {
            /* type=Pxx,type=Pyy */
            char *q = f[2];
            while (*q) {
                size_t len = strcspn(q, ",");
                char *eq = memchr(q, '=', len);
                int ty = eq ? types_find(q, (size_t)(eq - q)) : -1;
                if (ty < 0 || eq[1] != 'P')
                    return rules_fail(L, t->lineno, datafile_column(line, (size_t)(q - line)), "bad 'type=Pxx' mapping '%.*s'", (int)len, q);
                p->wd_by_type[ty] = rules_dupn(r, eq + 1, len - (size_t)(eq + 1 - q));
                if (!p->wikidata)
                    p->wikidata = p->wd_by_type[ty];
                q += len;
                if (*q)
                    q++;
            }
        }
    }
    int bad = 0;
    p->subj_types = (uint8_t)parse_tsv_types(f[3], &bad);
    if (!p->subj_types)
        return rules_fail(L, t->lineno, datafile_column(line, (size_t)(t->off[3] + bad)), "unknown entity type in '%s'", f[3]);
    p->obj_types = (uint8_t)parse_tsv_types(f[4], &bad);
    if (!p->obj_types)
        return rules_fail(L, t->lineno, datafile_column(line, (size_t)(t->off[4] + bad)), "unknown entity type in '%s'", f[4]);
    return p->name ? 0 : FEIT_ENOMEM;
}

int rules_load_predicates(loader *L, const char *path)
{
    return load_tsv(L, path, 6, predicate_row, NULL);
}

/* word-ranks: one word a line, commonest first */
static int rank_row(loader *L, tsv_row *t)
{
    if (!t->f[0][0] || strpbrk(t->f[0], " \t"))
        return rules_fail(L, t->lineno, 1, "expected: one word a line (commonest first)");
    const char **slot = RPUSH(L->rank_words, L->nranks, L->cranks);
    uint32_t len;
    if (!slot || !(*slot = utf8_fold(&L->rank_arena, t->f[0], strlen(t->f[0]), &len)))
        return FEIT_ENOMEM;
    return 0;
}

int rules_load_ranks(loader *L, const char *path)
{
    return load_tsv(L, path, 1, rank_row, NULL);
}

/* roles.tsv: variant, role (a predicate | = inherit | - not a role), qualifier (optional, - for
 * none), body (optional: the organisation the position is in) */
static int role_row(loader *L, tsv_row *t)
{
    feit_rules *r = L->r;
    char **f = t->f;
    if (t->n < 2 || !f[0][0])
        return rules_fail(L, t->lineno, datafile_column(t->line, strlen(t->line)) + 1, "expected: variant <TAB> role [<TAB> qualifier]");
    rrole *e = RPUSH(r->roles, r->nroles, r->croles);
    if (!e)
        return FEIT_ENOMEM;
    memset(e, 0, sizeof *e);
    e->word = rules_foldn(r, f[0], strlen(f[0]));
    e->pred = -1;
    if (!strcmp(f[1], "="))
        e->inherit = true;
    else if (strcmp(f[1], "-")) {
        e->pred = rules_pred(r, f[1]);
        if (e->pred < 0)
            return rules_fail(L, t->lineno, datafile_column(t->line, (size_t)t->off[1]),
                              "unknown predicate '%s' (roles must be listed in the predicate vocabulary)", f[1]);
        r->preds[e->pred].role = true;
    }
    if (t->n > 2 && f[2][0] && strcmp(f[2], "-") && !(e->qualifier = rules_dupn(r, f[2], strlen(f[2]))))
        return FEIT_ENOMEM;
    if (t->n > 3 && f[3][0]) {
        if (e->pred < 0)
            return rules_fail(L, t->lineno, datafile_column(t->line, (size_t)t->off[3]), "a body needs a role ('%s' is none)", f[1]);
        if (t->n > 4)
            return rules_fail(L, t->lineno, datafile_column(t->line, (size_t)t->off[4]), "expected: variant <TAB> role [<TAB> qualifier [<TAB> body]]");
        if (!(e->body = rules_dupn(r, f[3], strlen(f[3]))))
            return FEIT_ENOMEM;
    }
    return e->word ? 0 : FEIT_ENOMEM;
}

static int cmp_roles(const void *a, const void *b)
{
    return strcmp(((const rrole *)a)->word, ((const rrole *)b)->word);
}

/* sorts the lexicon for rules_role_entry's binary search and fills its filter */
static int roles_done(loader *L)
{
    feit_rules *r = L->r;
    qsort(r->roles, (size_t)r->nroles, sizeof *r->roles, cmp_roles);
    for (int32_t i = 1; i < r->nroles; i++)
        if (!strcmp(r->roles[i].word, r->roles[i - 1].word))
            return rules_fail(L, 0, 0, "role variant '%s' listed twice", r->roles[i].word);
    for (int32_t i = 0; i < r->nroles; i++) {
        uint32_t h = utf8_hash(r->roles[i].word, strlen(r->roles[i].word), UTF8_HASH_INIT) & 4095;
        r->role_bloom[h >> 6] |= 1ull << (h & 63);
    }
    return 0;
}

int rules_load_roles(loader *L, const char *path)
{
    return load_tsv(L, path, 5, role_row, roles_done);
}

int32_t rules_nroles(const feit_rules *r)
{
    return r->nroles;
}

const char *rules_role_body(const feit_rules *r, int32_t i)
{
    return r->roles[i].body;
}

void rules_bind_body(feit_rules *r, int32_t i, feit_arg body)
{
    r->roles[i].body_arg = body;
}
