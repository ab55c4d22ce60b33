/* query.c — `feit query -d DB [OPTIONS] [TERM]`: asks the fact index (factdb.h) and prints
 * an aligned table (display widths counted in terminal cells, so "Pezeshkian" and "Oekraïne"
 * line up) or JSON Lines. Exit status: 0 facts found, 1 none found, 2 usage or index error. */
#include "cli.h"
#include "feit_index.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: feit query -d DB [OPTIONS] [TERM]\n"
            "\n"
            "TERM is an entity by any name seen in the news (\"Poetin\" finds Vladimir Poetin),\n"
            "its canonical name, the last word of it, or its Wikidata id (Q7747); failing\n"
            "those, any whole word of the canonical name (\"Greta\" finds Greta Thunberg).\n"
            "  -d, --db DB            the index made by `feit index` (required)\n"
            "  --between A B          facts between two entities\n"
            "  --predicate P          only facts with predicate P (sancties, overleg, president ...)\n"
            "  --since DATE           only documents dated DATE or later (YYYY-MM-DD, meta.date)\n"
            "  --until DATE           only documents dated DATE or earlier (--from/--to: the same)\n"
            "  --time STATUS          only facts that are current, former (\"oud-premier\") or\n"
            "                         designate (\"beoogd premier\")\n"
            "  --text WORDS           free text over the evidence sentences (all words)\n"
            "  --top                  top connections of TERM, with counts\n"
            "  --limit N              at most N rows\n"
            "  --json                 JSON Lines: one fact (or connection) per line\n"
            "Exit status: 0 something found, 1 nothing found, 2 usage or index error.\n");
}

/* ---- aligned table -------------------------------------------------------------------- */

/* Cells taken by the character at p (at most n bytes); *len gets its length (1 when invalid,
 * which counts as one cell). */
static size_t char_width(const char *p, ptrdiff_t n, size_t *len)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, n, &c);
    if (k <= 0) {
        *len = 1;
        return 1;
    }
    *len = (size_t)k;
    int cw = utf8proc_charwidth(c);
    return cw > 0 ? (size_t)cw : 0;
}

/* Terminal cells taken by a UTF-8 string (invalid bytes count as one cell). */
static size_t display_width(const char *s)
{
    size_t w = 0, len;
    for (; *s; s += len)
        w += char_width(s, -1, &len);
    return w;
}

/* Cells taken by s[0..n). */
static size_t display_width_n(const char *s, size_t n)
{
    size_t w = 0, len;
    for (const char *p = s; p < s + n; p += len)
        w += char_width(p, s + n - p, &len);
    return w;
}

/* The evidence of a free-text hit (matches between \x01 and \x02): starts a few words before
 * the first match when it lies far in, so the cut table cell still shows it; markers removed.
 * Returns a malloc'ed string or NULL. */
static char *snippet(const char *marked)
{
    const char *hit = strchr(marked, '\x01'), *from = marked;
    size_t w = hit ? display_width_n(marked, (size_t)(hit - marked)) : 0, len;
    if (w > 40) {
        const char *p = marked;
        for (; p < hit && w > 30; p += len) /* drop characters until 30 cells are left */
            w -= char_width(p, hit - p, &len);
        const char *sp = memchr(p, ' ', (size_t)(hit - p));
        from = sp ? sp + 1 : p;
    }
    char *out = malloc(strlen(from) + 4), *o = out;
    if (!out)
        return NULL;
    if (from != marked) {
        memcpy(o, "\xe2\x80\xa6", 3);
        o += 3;
    }
    for (const char *p = from; *p; p++)
        if (*p != '\x01' && *p != '\x02')
            *o++ = *p;
    *o = '\0';
    return out;
}

/* A copy of s cut to at most max cells, with "…" when cut; control characters become spaces. */
static char *clip(const char *s, size_t max)
{
    size_t len = strlen(s), w = 0;
    char *out = malloc(len + 4);
    if (!out)
        return NULL;
    char *o = out;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    int cut = display_width(s) > max;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        int bad = n <= 0; /* an invalid byte is shown as '?' */
        if (bad)
            c = '?', n = 1;
        int cw = utf8proc_charwidth(c);
        if (cw < 0)
            cw = 0;
        if (cut && w + (size_t)cw > max - 1)
            break;
        if (bad || c < 0x20 || c == 0x7f) {
            *o++ = bad ? '?' : ' ';
            w++;
        } else {
            memcpy(o, p, (size_t)n);
            o += n;
            w += (size_t)cw;
        }
        p += n;
    }
    if (cut) {
        memcpy(o, "\xe2\x80\xa6", 3); /* … */
        o += 3;
    }
    *o = '\0';
    return out;
}

/* A copy of s cut at the front to at most max cells ("…/seed/anp-buitenland.txt"): for ids
 * and paths, whose end tells most. */
static char *clip_left(const char *s, size_t max)
{
    size_t w = display_width(s), len;
    if (w <= max)
        return clip(s, max);
    const char *p = s;
    for (; *p && w > max - 1; p += len) /* drop characters until max - 1 cells are left */
        w -= char_width(p, -1, &len);
    char *rest = clip(p, max), *out = rest ? malloc(strlen(rest) + 4) : NULL;
    if (out) {
        memcpy(out, "\xe2\x80\xa6", 3);
        strcpy(out + 3, rest);
    }
    free(rest);
    return out;
}

#define MAXCOLS 9

typedef struct table {
    int ncols;
    const char *head[MAXCOLS];
    size_t maxw[MAXCOLS]; /* cut cells wider than this (0: no limit) */
    int right[MAXCOLS];   /* right-align (numbers) */
    int left_cut[MAXCOLS]; /* cut at the front (ids, paths) */
    int optional[MAXCOLS]; /* left out when empty in every row */
    char **cells;         /* rows * ncols, owned */
    size_t nrows, cap;
    int oom;
} table;

static void table_add(table *t, const char *const *vals)
{
    if (t->oom)
        return;
    if (t->nrows == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        char **nc = realloc(t->cells, ncap * (size_t)t->ncols * sizeof *nc);
        if (!nc) {
            t->oom = 1;
            return;
        }
        t->cells = nc;
        t->cap = ncap;
    }
    char **row = t->cells + t->nrows * (size_t)t->ncols;
    for (int i = 0; i < t->ncols; i++) {
        size_t max = t->maxw[i] ? t->maxw[i] : (size_t)-1 / 2;
        row[i] = (t->left_cut[i] ? clip_left : clip)(vals[i] ? vals[i] : "", max);
        if (!row[i])
            t->oom = 1;
    }
    t->nrows++;
}

static void table_print(table *t, FILE *out)
{
    size_t w[MAXCOLS];
    int show[MAXCOLS], last = 0;
    for (int i = 0; i < t->ncols; i++) {
        w[i] = display_width(t->head[i]);
        show[i] = !t->optional[i];
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (int i = 0; i < t->ncols; i++) {
            const char *c = t->cells[r * (size_t)t->ncols + i];
            size_t cw = display_width(c);
            if (cw > w[i])
                w[i] = cw;
            if (*c)
                show[i] = 1;
        }
    for (int i = 0; i < t->ncols; i++)
        if (show[i])
            last = i;
    for (size_t r = 0; r <= t->nrows; r++) {
        for (int i = 0; i < t->ncols; i++) {
            if (!show[i])
                continue;
            const char *s = r == 0 ? t->head[i] : t->cells[(r - 1) * (size_t)t->ncols + i];
            size_t pad = w[i] - display_width(s);
            if (t->right[i])
                fprintf(out, "%*s%s", (int)pad, "", s);
            else
                fprintf(out, "%s%*s", s, i == last ? 0 : (int)pad, "");
            fputs(i == last ? "\n" : "  ", out);
        }
    }
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* ---- callbacks ------------------------------------------------------------------------ */

typedef struct qstate {
    int json;
    long n;
    table t;
    FILE *out;
} qstate;

static void set_opt(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

static int print_json(FILE *out, json_t *o)
{
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6));
    fputc('\n', out);
    json_decref(o);
    return rc ? -1 : 0;
}

static int on_fact(void *ud, const feit_fact *f)
{
    qstate *q = ud;
    q->n++;
    if (q->json) {
        json_t *o = feit_fact_to_json(f);
        if (!o)
            return FEIT_ENOMEM;
        return print_json(q->out, o);
    }
    char conf[16], count[24];
    snprintf(conf, sizeof conf, "%.2f", f->confidence);
    snprintf(count, sizeof count, "%lld", (long long)f->count);
    char pred[256];
    if (f->qualifier)
        snprintf(pred, sizeof pred, "%s (%s)", f->predicate, f->qualifier);
    else
        snprintf(pred, sizeof pred, "%s", f->predicate);
    char *snip = f->marked ? snippet(f->marked) : NULL;
    if (f->marked && !snip)
        return FEIT_ENOMEM;
    /* the time status only when it is not current: a former or designate fact stands out */
    const char *time = f->time && strcmp(f->time, "current") ? f->time : "";
    const char *row[] = {f->subject.canonical, pred, f->object.canonical, time, count, conf,
                         f->date ? f->date : "", f->doc, snip ? snip : f->evidence};
    table_add(&q->t, row);
    free(snip);
    return q->t.oom ? FEIT_ENOMEM : 0;
}

static int on_connection(void *ud, const feit_connection *c)
{
    qstate *q = ud;
    q->n++;
    if (q->json) {
        json_t *o = json_object(), *preds = json_array();
        if (!o || !preds)
            return FEIT_ENOMEM;
        json_object_set_new(o, "entity", json_string(c->entity.canonical));
        json_object_set_new(o, "type", json_string(c->entity.type));
        set_opt(o, "kb", c->entity.kb);
        json_object_set_new(o, "facts", json_integer(c->entity.facts));
        json_object_set_new(o, "documents", json_integer(c->entity.documents));
        for (const char *p = c->predicates; *p;) {
            size_t n = strcspn(p, ",");
            json_array_append_new(preds, json_stringn(p, n));
            for (p += n; *p == ',' || *p == ' ';)
                p++;
        }
        json_object_set_new(o, "predicates", preds);
        return print_json(q->out, o);
    }
    char facts[24], docs[24];
    snprintf(facts, sizeof facts, "%lld", (long long)c->entity.facts);
    snprintf(docs, sizeof docs, "%lld", (long long)c->entity.documents);
    const char *row[] = {c->entity.canonical, c->entity.type, c->entity.kb ? c->entity.kb : "",
                         facts, docs, c->predicates};
    table_add(&q->t, row);
    return q->t.oom ? FEIT_ENOMEM : 0;
}

typedef struct names_acc {
    char buf[512];
    size_t len;
    const char *skip; /* the canonical name: not repeated */
} names_acc;

static int on_name(void *ud, const char *name, int64_t times)
{
    (void)times;
    names_acc *a = ud;
    if (!strcmp(name, a->skip))
        return 0;
    int n = snprintf(a->buf + a->len, sizeof a->buf - a->len, "%s%s", a->len ? ", " : "", name);
    if (n < 0 || (size_t)n >= sizeof a->buf - a->len)
        return 1; /* enough names */
    a->len += (size_t)n;
    return 0;
}

typedef struct find_state {
    feit_factdb *db;
    FILE *out;
    long n;
} find_state;

/* Terminal header: which entities the term was taken to mean, with the names seen. */
static int on_entity(void *ud, const feit_fact_entity *e)
{
    find_state *s = ud;
    names_acc a = {.len = 0, .skip = e->canonical};
    a.buf[0] = '\0';
    feit_factdb_names(s->db, e->id, on_name, &a);
    fprintf(s->out, "%s (%s%s%s): %lld facts, %lld documents%s%s\n", e->canonical, e->type,
            e->kb ? ", " : "", e->kb ? e->kb : "", (long long)e->facts, (long long)e->documents,
            a.len ? "; also written " : "", a.buf);
    s->n++;
    return 0;
}

/* ---- main ----------------------------------------------------------------------------- */

/* Names gathered for the message about a predicate the index or the vocabulary does not hold:
 * whether `want` was among them, and the list. */
typedef struct name_list {
    const char *want;
    int found;
    char list[2048];
    size_t len;
} name_list;

/* The predicates the index holds. */

static int on_pred(void *ud, const char *name, int64_t times)
{
    name_list *pl = ud;
    if (!strcmp(name, pl->want))
        pl->found = 1;
    if (pl->len + strlen(name) + 32 < sizeof pl->list)
        pl->len += (size_t)snprintf(pl->list + pl->len, sizeof pl->list - pl->len, "%s%s (%lld)", pl->len ? ", " : "",
                                    name, (long long)times);
    return 0;
}

/* The relation vocabulary. */

static int on_vocab(void *ud, const char *name)
{
    name_list *vl = ud;
    if (!strcmp(name, vl->want))
        vl->found = 1;
    char key[80];
    snprintf(key, sizeof key, " %s,", name);
    if (!strstr(vl->list, key) && vl->len + strlen(key) + 1 < sizeof vl->list)
        vl->len += (size_t)snprintf(vl->list + vl->len, sizeof vl->list - vl->len, "%s", key);
    return 0;
}

/* A --predicate that is neither in the relation vocabulary nor in the index is a mistake (a
 * typo would find nothing): exit 2, listing the vocabulary and what the index holds. 0 when
 * the name is known (a known predicate without facts finds nothing: exit 1 later). */
static int check_predicate(feit_factdb *db, const char *pred)
{
    feit_fact_query all = {0};
    name_list pl = {.want = pred};
    if (feit_factdb_predicates(db, &all, on_pred, &pl)) {
        fprintf(stderr, "feit query: %s\n", feit_factdb_errmsg(db));
        feit_factdb_close(db);
        return 2;
    }
    name_list vl = {.want = pred};
    feit_error err;
    int have_vocab = feit_vocabulary(NULL, on_vocab, &vl, &err) == 0;
    if (pl.found || vl.found)
        return 0;
    if (vl.len && vl.list[vl.len - 1] == ',')
        vl.list[--vl.len] = '\0';
    fprintf(stderr, "feit query: unknown predicate '%s'\n", pred);
    if (have_vocab)
        fprintf(stderr, "  the relation vocabulary:%s\n", vl.list);
    fprintf(stderr, "  in this index: %s\n", pl.len ? pl.list : "no facts");
    feit_factdb_close(db);
    return 2;
}

int cmd_query(int argc, char **argv)
{
    const char *dbpath = NULL;
    feit_fact_query q = {0};
    int json = 0, top = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(a, "-d") || !strcmp(a, "--db")) && more) {
            dbpath = argv[++i];
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--top")) {
            top = 1;
        } else if (!strcmp(a, "--predicate") && more) {
            q.predicate = argv[++i];
        } else if (!strcmp(a, "--between") && i + 2 < argc) {
            q.term = argv[++i];
            q.other = argv[++i];
        } else if ((!strcmp(a, "--since") || !strcmp(a, "--from")) && more) {
            q.from = argv[++i];
        } else if ((!strcmp(a, "--until") || !strcmp(a, "--to")) && more) {
            q.to = argv[++i];
        } else if (!strcmp(a, "--time") && more) {
            q.time = argv[++i];
            if (!feit_factdb_valid_time(q.time)) {
                fprintf(stderr, "feit query: bad --time '%s': current, former or designate\n", q.time);
                return 2;
            }
        } else if (!strcmp(a, "--text") && more) {
            q.text = argv[++i];
        } else if (!strcmp(a, "--limit") && more) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v <= 0 || v > 100000000) {
                fprintf(stderr, "feit query: bad --limit '%s'\n", argv[i]);
                return 2;
            }
            q.limit = (int)v;
        } else if (a[0] == '-' && a[1] && strcmp(a, "--")) {
            fprintf(stderr, "feit query: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            if (!strcmp(a, "--")) {
                if (!more)
                    break;
                a = argv[++i];
            }
            if (q.term) {
                fprintf(stderr, "feit query: one TERM only (quote names with spaces)\n");
                return 2;
            }
            q.term = a;
        }
    }
    if (!dbpath) {
        fprintf(stderr, "feit query: -d DB is required\n");
        usage(stderr);
        return 2;
    }
    if (!q.term && !q.predicate && !q.text && !q.from && !q.to && !q.time) {
        fprintf(stderr, "feit query: nothing to look for: give a TERM or a filter\n");
        usage(stderr);
        return 2;
    }
    if ((q.from && !feit_factdb_valid_date(q.from)) || (q.to && !feit_factdb_valid_date(q.to))) {
        fprintf(stderr, "feit query: '%s' is not a date: dates are YYYY-MM-DD, a day of the calendar\n",
                q.from && !feit_factdb_valid_date(q.from) ? q.from : q.to);
        return 2;
    }
    if (top && (!q.term || q.other)) {
        fprintf(stderr, "feit query: --top needs one TERM\n");
        return 2;
    }

    feit_error err;
    feit_factdb *db = feit_factdb_open(dbpath, FEIT_FACTDB_READONLY, &err);
    if (!db) {
        cli_print_error(stderr, "feit query", &err);
        return 2;
    }
    if (feit_factdb_schema_found(db) < FEIT_FACTDB_SCHEMA)
        fprintf(stderr,
                "feit query: %s: an index of schema version %d: its facts have no time status%s; "
                "`feit index -d %s FILE...` upgrades it\n",
                dbpath, feit_factdb_schema_found(db), q.time ? " (--time finds nothing)" : "", dbpath);
    qstate st = {.json = json, .out = stdout};
    int rc;
    if (q.predicate && (rc = check_predicate(db, q.predicate)))
        return rc;
    if (!json && q.term && !q.other) {
        find_state fs = {.db = db, .out = stdout};
        if ((rc = feit_factdb_find(db, q.term, on_entity, &fs)))
            goto fail;
        if (!fs.n) {
            fprintf(stderr, "feit query: no entity is known as '%s'\n", q.term);
            feit_factdb_close(db);
            return 1;
        }
        putchar('\n');
    }
    if (top) {
        st.t = (table){.ncols = 6,
                       .head = {"CONNECTION", "TYPE", "KB", "FACTS", "DOCS", "PREDICATES"},
                       .right = {0, 0, 0, 1, 1, 0}};
        rc = feit_factdb_top(db, &q, on_connection, &st);
    } else {
        st.t = (table){.ncols = 9,
                       .head = {"SUBJECT", "PREDICATE", "OBJECT", "TIME", "N", "CONF", "DATE",
                                "DOC", "EVIDENCE"},
                       .maxw = {40, 40, 40, 0, 0, 0, 0, 40, 70},
                       .right = {0, 0, 0, 0, 1, 1, 0, 0, 0},
                       .left_cut = {0, 0, 0, 0, 0, 0, 0, 1, 0},
                       .optional = {0, 0, 0, 1, 0, 0, 1, 0, 0}};
        rc = feit_factdb_facts(db, &q, on_fact, &st);
    }
    if (rc)
        goto fail;
    if (!json && st.n)
        table_print(&st.t, stdout);
    table_free(&st.t);
    feit_factdb_close(db);
    if (!st.n)
        fprintf(stderr, "feit query: no facts found\n");
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "feit query: write error\n");
        return 2;
    }
    return st.n ? 0 : 1;
fail:
    fprintf(stderr, "feit query: %s: %s\n", dbpath,
            rc == FEIT_ENOMEM ? "out of memory" : feit_factdb_errmsg(db));
    table_free(&st.t);
    feit_factdb_close(db);
    return 2;
}
