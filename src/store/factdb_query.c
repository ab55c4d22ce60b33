/*
 * factdb_query.c — the queries of the fact index (factdb.h): a handful of constant, prepared
 * statements whose optional filters are bound parameters (a NULL parameter switches its filter
 * off), so no SQL is ever built from user input; and the JSON form of a fact.
 */
#include "feit_index.h"
#include "store/factdb_private.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------- */
/* helpers */

char *feit_factdb_fts_query(const char *text)
{
    size_t len = strlen(text);
    /* worst case: every byte a quote (doubled) plus two quotes and a space per word */
    char *out = malloc(len * 4 + 1);
    if (!out)
        return NULL;
    char *w = out;
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (w != out)
            *w++ = ' ';
        *w++ = '"';
        for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
            if (*p == '"')
                *w++ = '"';
            *w++ = *p;
        }
        *w++ = '"';
    }
    *w = '\0';
    return out;
}

/* ---------------------------------------------------------------------------------------- */
/* the statements */

/* The entities a folded name (:a / :b) or a Wikidata id (:ak / :bk) refers to: a text it was
 * mentioned with, its canonical name or that name's last word, its kb id; and only when none
 * of those matches, any whole word of its canonical name ("Greta" -> Greta Thunberg). N names
 * the CTE that holds the strict matches. */
#define MATCH_ENTITY(N, F, K)                                                                 \
    N "0(id) AS (SELECT id FROM entities WHERE fold = " F " OR last_fold = " F                 \
    " OR (kb <> '' AND kb = " K ") UNION SELECT entity_id FROM mentions WHERE fold = " F "), " \
    N "(id) AS (SELECT id FROM " N "0 UNION SELECT id FROM entities"                          \
    " WHERE " F " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " N "0)"                          \
    " AND instr(' ' || fold || ' ', ' ' || " F " || ' ') > 0"

/* Common head of the fact queries: a = the term's entities (plus :eid), b = the other's,
 * ev = the evidence rows matching the free text. */
#define QUERY_CTES                                                                             \
    "WITH " MATCH_ENTITY("a", ":a", ":ak") " UNION SELECT :eid WHERE :eid > 0),"               \
    MATCH_ENTITY("b", ":b", ":bk") "),"                                                        \
    " ev(id) AS (SELECT rowid FROM evidence_fts WHERE :text IS NOT NULL AND evidence_fts MATCH " \
    ":text) "

/* cand = the ids of the facts worth looking at, found through an index: the term's facts,
 * else the free-text hits, else the predicate's facts, else those of the time status, else
 * all. The conditions on bound
 * parameters alone are evaluated once, so only one branch runs. */
#define CANDIDATES                                                                             \
    ", cand(id) AS (SELECT id FROM facts WHERE :sel > 0 AND subject_id IN a"                   \
    " UNION SELECT id FROM facts WHERE :sel > 0 AND object_id IN a"                            \
    " UNION SELECT id FROM facts WHERE :sel = 0 AND :text IS NOT NULL AND evidence_id IN ev"   \
    " UNION SELECT id FROM facts WHERE :sel = 0 AND :text IS NULL AND predicate = :pred"       \
    " UNION SELECT id FROM facts WHERE :sel = 0 AND :text IS NULL AND :pred IS NULL"           \
    "   AND time = :time"                                                                      \
    " UNION SELECT id FROM facts WHERE :sel = 0 AND :text IS NULL AND :pred IS NULL"           \
    "   AND :time IS NULL) "

#define FACT_FILTERS                                                                           \
    " (:sel < 2 OR (f.subject_id IN a AND f.object_id IN b)"                                   \
    "           OR (f.subject_id IN b AND f.object_id IN a))"                                  \
    " AND (:pred IS NULL OR f.predicate = :pred)"                                              \
    " AND (:from IS NULL OR d.date >= :from) AND (:to IS NULL OR d.date <= :to)"               \
    " AND (:text IS NULL OR f.evidence_id IN ev)"                                              \
    " AND (:time IS NULL OR f.time = :time)"

static const char facts_sql[] =
    QUERY_CTES CANDIDATES
    "SELECT f.id, s.id, s.canonical, s.type, s.kb, o.id, o.canonical, o.type, o.kb,"
    " f.predicate, f.qualifier, f.wikidata, f.rule, f.confidence, f.count, f.sentence,"
    " e.text, d.doc, coalesce(f.date, d.date), d.title, d.url,"
    " CASE WHEN :text IS NULL THEN NULL ELSE (SELECT highlight(evidence_fts, 0, char(1), char(2))"
    "   FROM evidence_fts WHERE evidence_fts MATCH :text AND rowid = f.evidence_id) END,"
    " f.time"
    " FROM cand CROSS JOIN facts f ON f.id = cand.id"
    " JOIN entities s ON s.id = f.subject_id JOIN entities o ON o.id = f.object_id"
    " JOIN documents d ON d.id = f.doc_id LEFT JOIN evidence e ON e.id = f.evidence_id"
    " WHERE" FACT_FILTERS
    " ORDER BY s.canonical, f.predicate, o.canonical, d.date, d.doc, f.sentence, f.id"
    " LIMIT :limit";

static const char top_sql[] =
    QUERY_CTES CANDIDATES
    ", sel(fid, doc_id, predicate, other) AS (SELECT f.id, f.doc_id, f.predicate,"
    "   CASE WHEN f.subject_id IN a THEN f.object_id ELSE f.subject_id END"
    "   FROM cand CROSS JOIN facts f ON f.id = cand.id JOIN documents d ON d.id = f.doc_id"
    "   WHERE" FACT_FILTERS ")"
    " SELECT e.id, e.canonical, e.type, e.kb, count(*), count(DISTINCT sel.doc_id),"
    "  (SELECT group_concat(p, ', ') FROM (SELECT DISTINCT predicate AS p FROM sel s2"
    "   WHERE s2.other = e.id ORDER BY p))"
    " FROM sel JOIN entities e ON e.id = sel.other"
    " GROUP BY e.id ORDER BY count(*) DESC, count(DISTINCT sel.doc_id) DESC, e.canonical"
    " LIMIT :limit";

static const char predicates_sql[] =
    QUERY_CTES CANDIDATES
    "SELECT f.predicate, count(*) FROM cand CROSS JOIN facts f ON f.id = cand.id"
    " JOIN documents d ON d.id = f.doc_id"
    " WHERE" FACT_FILTERS
    " GROUP BY f.predicate ORDER BY f.predicate LIMIT :limit";

static const char find_sql[] =
    "WITH " MATCH_ENTITY("a", ":a", ":ak") ")"
    " SELECT e.id, e.canonical, e.type, e.kb,"
    "  (SELECT count(*) FROM facts f WHERE f.subject_id = e.id OR f.object_id = e.id),"
    "  (SELECT count(DISTINCT doc_id) FROM mentions m WHERE m.entity_id = e.id)"
    " FROM entities e WHERE e.id IN a ORDER BY 5 DESC, 6 DESC, e.canonical";

static const char entity_sql[] =
    "SELECT e.id, e.canonical, e.type, e.kb,"
    "  (SELECT count(*) FROM facts f WHERE f.subject_id = e.id OR f.object_id = e.id),"
    "  (SELECT count(DISTINCT doc_id) FROM mentions m WHERE m.entity_id = e.id)"
    " FROM entities e WHERE e.id = :eid";

static const char names_sql[] =
    "SELECT text, sum(times) FROM names WHERE entity_id = :eid"
    " GROUP BY text ORDER BY 2 DESC, text";

static void bind_named_str(sqlite3_stmt *st, const char *name, const char *s)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i)
        factdb_bind_str(st, i, s);
}

static void bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i)
        sqlite3_bind_int64(st, i, v);
}

static const char *col_str(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s && *s ? s : NULL;
}

static void col_entity(sqlite3_stmt *st, int i, feit_fact_entity *e)
{
    e->id = sqlite3_column_int64(st, i);
    e->canonical = (const char *)sqlite3_column_text(st, i + 1);
    e->type = (const char *)sqlite3_column_text(st, i + 2);
    e->kb = col_str(st, i + 3);
}

/* Prepares sql and binds the query's parameters. The folded term and other and the FTS5 form
 * of the free text are malloc'ed into fold[0..2] (NULL when not given); query_done frees them. */
static int query_prepare(feit_factdb *db, const char *sql, const feit_fact_query *q,
                         sqlite3_stmt **out, char *fold[3])
{
    fold[0] = fold[1] = fold[2] = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return FEIT_EIO;
    if (q->term && !(fold[0] = feit_factdb_fold(q->term)))
        goto nomem;
    if (q->other && !(fold[1] = feit_factdb_fold(q->other)))
        goto nomem;
    if (q->text && !(fold[2] = feit_factdb_fts_query(q->text)))
        goto nomem;
    int sel = q->term || q->entity_id > 0 ? (q->other ? 2 : 1) : 0;
    bind_named_str(st, ":a", fold[0]);
    bind_named_str(st, ":ak", q->term);
    bind_named_str(st, ":b", fold[1]);
    bind_named_str(st, ":bk", q->other);
    bind_named_int(st, ":eid", q->entity_id);
    bind_named_str(st, ":text", fold[2]);
    bind_named_int(st, ":sel", sel);
    bind_named_str(st, ":pred", q->predicate);
    bind_named_str(st, ":from", q->from);
    bind_named_str(st, ":to", q->to);
    bind_named_str(st, ":time", q->time);
    bind_named_int(st, ":limit", q->limit > 0 ? q->limit : -1);
    *out = st;
    return 0;
nomem:
    sqlite3_finalize(st);
    for (int i = 0; i < 3; i++)
        free(fold[i]);
    return FEIT_ENOMEM;
}

static void query_done(sqlite3_stmt *st, char *fold[3])
{
    sqlite3_finalize(st);
    for (int i = 0; i < 3; i++)
        free(fold[i]);
}

/* A query's callback and its user data, as the row functions below get them. */
typedef struct row_ctx {
    union {
        feit_fact_fn fact;
        feit_connection_fn connection;
        feit_fact_entity_fn entity;
        feit_fact_name_fn name;
    } cb;
    void *ud;
} row_ctx;

/* Runs sql with q's parameters and hands every row to row(st, ctx), which returns 0 to go on.
 * *nrows (when not NULL) counts the rows handed over. Returns 0, row's non-zero value or a
 * FEIT_ code. */
static int query_rows(feit_factdb *db, const char *sql, const feit_fact_query *q,
                      int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, int *nrows)
{
    sqlite3_stmt *st;
    char *fold[3];
    int unused;
    if (!nrows)
        nrows = &unused;
    *nrows = 0;
    int rc = query_prepare(db, sql, q, &st, fold);
    if (rc)
        return rc;
    /* free text without a single word can match nothing */
    if (fold[2] && !*fold[2]) {
        query_done(st, fold);
        return 0;
    }
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        ++*nrows;
        if ((rc = row(st, ctx)))
            break;
    }
    if (!rc && s != SQLITE_DONE)
        rc = s == SQLITE_INTERRUPT ? FEIT_ETIME : FEIT_EIO;
    query_done(st, fold);
    return rc;
}

static int fact_row(sqlite3_stmt *st, void *ctx)
{
    const row_ctx *c = ctx;
    feit_fact f;
    memset(&f, 0, sizeof f);
    f.id = sqlite3_column_int64(st, 0);
    col_entity(st, 1, &f.subject);
    col_entity(st, 5, &f.object);
    f.predicate = (const char *)sqlite3_column_text(st, 9);
    f.qualifier = col_str(st, 10);
    f.wikidata = col_str(st, 11);
    f.rule = col_str(st, 12);
    f.confidence = sqlite3_column_double(st, 13);
    f.count = sqlite3_column_int64(st, 14);
    f.sentence = sqlite3_column_int64(st, 15);
    f.evidence = (const char *)sqlite3_column_text(st, 16);
    if (!f.evidence)
        f.evidence = "";
    f.doc = (const char *)sqlite3_column_text(st, 17);
    f.date = col_str(st, 18);
    f.title = col_str(st, 19);
    f.url = col_str(st, 20);
    f.marked = col_str(st, 21);
    f.time = col_str(st, 22);
    return c->cb.fact(c->ud, &f);
}

int feit_factdb_facts(feit_factdb *db, const feit_fact_query *q, feit_fact_fn cb, void *ud)
{
    row_ctx c = {.cb.fact = cb, .ud = ud};
    return query_rows(db, facts_sql, q, fact_row, &c, NULL);
}

static int connection_row(sqlite3_stmt *st, void *ctx)
{
    const row_ctx *cc = ctx;
    feit_connection c;
    col_entity(st, 0, &c.entity);
    c.entity.facts = sqlite3_column_int64(st, 4);
    c.entity.documents = sqlite3_column_int64(st, 5);
    c.predicates = (const char *)sqlite3_column_text(st, 6);
    if (!c.predicates)
        c.predicates = "";
    return cc->cb.connection(cc->ud, &c);
}

int feit_factdb_top(feit_factdb *db, const feit_fact_query *q, feit_connection_fn cb, void *ud)
{
    if (!q->term && q->entity_id <= 0)
        return 0; /* connections of nobody */
    row_ctx c = {.cb.connection = cb, .ud = ud};
    return query_rows(db, top_sql, q, connection_row, &c, NULL);
}

static int entity_row(sqlite3_stmt *st, void *ctx)
{
    const row_ctx *c = ctx;
    feit_fact_entity e;
    col_entity(st, 0, &e);
    e.facts = sqlite3_column_int64(st, 4);
    e.documents = sqlite3_column_int64(st, 5);
    return c->cb.entity(c->ud, &e);
}

int feit_factdb_find(feit_factdb *db, const char *term, feit_fact_entity_fn cb, void *ud)
{
    feit_fact_query q = {.term = term};
    row_ctx c = {.cb.entity = cb, .ud = ud};
    return query_rows(db, find_sql, &q, entity_row, &c, NULL);
}

int feit_factdb_entity(feit_factdb *db, int64_t id, feit_fact_entity_fn cb, void *ud)
{
    feit_fact_query q = {.entity_id = id};
    row_ctx c = {.cb.entity = cb, .ud = ud};
    int n;
    int rc = query_rows(db, entity_sql, &q, entity_row, &c, &n);
    return rc ? rc : n ? 0 : 1;
}

static int name_row(sqlite3_stmt *st, void *ctx)
{
    const row_ctx *c = ctx;
    return c->cb.name(c->ud, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
}

int feit_factdb_names(feit_factdb *db, int64_t id, feit_fact_name_fn cb, void *ud)
{
    feit_fact_query q = {.entity_id = id};
    row_ctx c = {.cb.name = cb, .ud = ud};
    return query_rows(db, names_sql, &q, name_row, &c, NULL);
}

int feit_factdb_predicates(feit_factdb *db, const feit_fact_query *q, feit_fact_name_fn cb,
                           void *ud)
{
    row_ctx c = {.cb.name = cb, .ud = ud};
    return query_rows(db, predicates_sql, q, name_row, &c, NULL);
}

/* ---------------------------------------------------------------------------------------- */
/* JSON */

static void set_opt(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

json_t *feit_fact_to_json(const feit_fact *f)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= json_object_set_new(o, "subject", json_string(f->subject.canonical));
    set_opt(o, "subject_kb", f->subject.kb);
    bad |= json_object_set_new(o, "subject_type", json_string(f->subject.type));
    bad |= json_object_set_new(o, "predicate", json_string(f->predicate));
    bad |= json_object_set_new(o, "object", json_string(f->object.canonical));
    set_opt(o, "object_kb", f->object.kb);
    bad |= json_object_set_new(o, "object_type", json_string(f->object.type));
    bad |= json_object_set_new(o, "evidence", json_string(f->evidence));
    bad |= json_object_set_new(o, "doc", json_string(f->doc));
    set_opt(o, "date", f->date);
    set_opt(o, "title", f->title);
    set_opt(o, "qualifier", f->qualifier);
    set_opt(o, "wikidata", f->wikidata);
    set_opt(o, "rule", f->rule);
    set_opt(o, "time", f->time);
    bad |= json_object_set_new(o, "confidence", json_real(f->confidence));
    bad |= json_object_set_new(o, "count", json_integer(f->count));
    bad |= json_object_set_new(o, "sentence", json_integer(f->sentence));
    if (bad) { /* out of memory, or a string that is not UTF-8 */
        json_decref(o);
        return NULL;
    }
    return o;
}
