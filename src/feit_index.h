/*
 * feit_index.h — the fact index of libfeit (public): `extract --emit documents` records stored
 * in SQLite so that journalists can ask "what do we know about Poetin?", and the pages that
 * show it (the second half: feit_web_*). Used by `feit index`, `feit query` and `feit serve`;
 * the schema is documented in docs/index.md.
 *
 * Ownership: feit_factdb_open returns an owned handle (feit_factdb_close, NULL is a no-op).
 * Every record handed to a callback (feit_fact, feit_fact_entity, ...) and every string in it
 * is borrowed: valid only during that callback. A callback returns 0 to go on, non-zero to
 * stop early (the query then returns that value).
 *
 * Safety: every statement is prepared with bound parameters; user text never becomes SQL.
 * Free text for the evidence search is turned into quoted FTS5 tokens, so no input can cause
 * an FTS syntax error.
 */
#ifndef FEIT_INDEX_H
#define FEIT_INDEX_H

#include "feit.h"

#include <stdint.h>

#if defined(__GNUC__)
#pragma GCC visibility push(default) /* exported from libfeit.so: see feit.h */
#endif

typedef struct feit_factdb feit_factdb;

enum {
    FEIT_FACTDB_READONLY = 0, /* open an existing index for queries */
    FEIT_FACTDB_WRITE = 1,    /* open or create an index for loading */
};

/* The schema version this library writes: 2 (facts keep their time status and date). */
#define FEIT_FACTDB_SCHEMA 2

/* Opens (and with FEIT_FACTDB_WRITE creates) the index at path. On failure returns NULL and
 * fills err (file = path). Opening a file that is not a feit index, or an index of a schema
 * version newer than FEIT_FACTDB_SCHEMA, fails with the reason in err.
 * An index of version 1 (made before facts kept `time` and `date`) opened with
 * FEIT_FACTDB_WRITE is upgraded in place, in one transaction: its facts keep time NULL
 * (unknown) until their documents are indexed again, and their date is the document's.
 * Opened read-only it is answered as it is (nothing is written), with the same NULLs. */
feit_factdb *feit_factdb_open(const char *path, int mode, feit_error *err);
void feit_factdb_close(feit_factdb *db);

/* The schema version the file had when db was opened: FEIT_FACTDB_SCHEMA, or 1 for a
 * version-1 index (then upgraded, when opened for writing): a caller can say so, and that
 * its facts have no time status until their documents are indexed again. */
int feit_factdb_schema_found(const feit_factdb *db);

/* Loading -------------------------------------------------------------------------------- */

typedef struct feit_factdb_counts {
    int64_t documents, entities, names, mentions, facts, evidence;
} feit_factdb_counts;

/* Called for every bad line: err->file/line say where, err->text why. */
typedef void (*feit_factdb_error_fn)(void *ud, const feit_error *err);

/* Looks at the first record of path (not read for "-"): 0 when it is a `documents` record or
 * the file has none; FEIT_EFORMAT with err (file:line, and the fix) when it is another kind of
 * record, such as the `--emit triples` output of feit extract; FEIT_EIO when it cannot be read. */
int feit_factdb_check_input(const char *path, feit_error *err);

/*
 * Streams one JSON Lines file of `documents` records (path "-" is stdin; gzip input is read
 * transparently) into the index, one document at a time, committing every `batch` documents
 * (<= 0: 1000). Two loaders of one index take turns: each transaction takes the write lock at
 * its start (BEGIN IMMEDIATE), waiting up to a minute for the other's. A document id already
 * in the index is replaced. Bad lines (also records that are not `documents` records: they
 * would load as empty documents) are reported via
 * on_error and skipped; *loaded / *skipped (either may be NULL) count the lines.
 * Returns 0, or FEIT_EIO / FEIT_ENOMEM on a resource error (err filled).
 */
int feit_factdb_load(feit_factdb *db, const char *path, int batch, feit_factdb_error_fn on_error,
                     void *ud, long *loaded, long *skipped, feit_error *err);

/* Input lines longer than max bytes (default FEIT_MAX_RECORD_BYTES, feit.h) are reported to
 * on_error and skipped by feit_factdb_load, without being held in memory. */
void feit_factdb_set_max_line(feit_factdb *db, size_t max);

/* Removes entities no longer referenced by any mention or fact (after replacing documents). */
int feit_factdb_prune(feit_factdb *db);

int feit_factdb_counts_get(feit_factdb *db, feit_factdb_counts *c);

/* Queries -------------------------------------------------------------------------------- */

/*
 * What to look for; every field is optional (NULL / 0) and the given ones are combined (AND).
 * term: an entity by any name seen in the texts ("Poetin"), its canonical name or the last
 * word of it, case- and accent-insensitively, or its Wikidata id (and only when none of these
 * matches, any whole word of the canonical name). other: with term, only the
 * facts between the two. entity_id: an entity by its index id (the web's entity page).
 * from/to: inclusive YYYY-MM-DD bounds on the document date (meta.date, else
 * meta.published: its day); documents without a date are left out when either is given.
 * text: free text over the evidence sentences (all its words must occur). limit: at most
 * this many facts (0: no limit). time: only facts with this time status ("current",
 * "former", "designate"; facts whose status is unknown never match; another value matches
 * nothing: check it with feit_factdb_valid_time).
 */
typedef struct feit_fact_query {
    const char *term;
    const char *other;
    int64_t entity_id;
    const char *predicate;
    const char *from, *to;
    const char *text;
    int limit;
    const char *time;
} feit_fact_query;

typedef struct feit_fact_entity {
    int64_t id;
    const char *canonical, *type, *kb; /* kb NULL when unknown */
    int64_t facts, documents;          /* facts it takes part in; documents mentioning it */
} feit_fact_entity;

typedef struct feit_fact {
    int64_t id;
    feit_fact_entity subject, object; /* facts/documents counts are 0 here */
    const char *predicate;
    const char *qualifier, *wikidata, *rule; /* NULL when absent */
    double confidence;
    int64_t count;    /* times the document states it (1 when the record had no count) */
    int64_t sentence; /* -1 when unknown */
    const char *evidence;
    /* the document; title/url NULL when absent. date: the fact's date as the triple record
     * gave it (SPEC: the document's date, "2024-10-11", or as the input wrote it), else the
     * document's YYYY-MM-DD; NULL when neither is known */
    const char *doc, *date, *title, *url;
    /* with a free-text query: the evidence with each matched word between the bytes \x01 and
     * \x02 (FTS5 highlight), else NULL */
    const char *marked;
    /* the time status: "current", "former" or "designate"; NULL when unknown (a record
     * without `time`, or a fact indexed before schema version 2) */
    const char *time;
} feit_fact;

typedef int (*feit_fact_fn)(void *ud, const feit_fact *f);
typedef int (*feit_fact_entity_fn)(void *ud, const feit_fact_entity *e);

/* Facts matching q, ordered by subject, predicate, object, date, document. Returns 0, the
 * callback's non-zero value, or a negative FEIT_ code (FEIT_ETIME: past the time limit). */
int feit_factdb_facts(feit_factdb *db, const feit_fact_query *q, feit_fact_fn cb, void *ud);

/* Entities a name refers to (same matching as feit_fact_query.term), most facts first. */
int feit_factdb_find(feit_factdb *db, const char *term, feit_fact_entity_fn cb, void *ud);

/* One entity by id; returns 1 when not found. */
int feit_factdb_entity(feit_factdb *db, int64_t id, feit_fact_entity_fn cb, void *ud);

/* The mention texts seen for an entity, most frequent first: cb(ud, text, times). */
typedef int (*feit_fact_name_fn)(void *ud, const char *name, int64_t times);
int feit_factdb_names(feit_factdb *db, int64_t id, feit_fact_name_fn cb, void *ud);

/* The predicates of the facts matching q, sorted (bytewise), with how many facts have each:
 * cb(ud, predicate, facts). q->limit caps the number of predicates. */
int feit_factdb_predicates(feit_factdb *db, const feit_fact_query *q, feit_fact_name_fn cb,
                           void *ud);

/*
 * Top connections of the entities q selects (q->term or q->entity_id; the other filters of q
 * apply to the facts counted): one row per connected entity, most facts first. predicates is
 * the predicates linking them, sorted, separated by ", ", facts the number of facts
 * and documents the number of documents stating them.
 */
typedef struct feit_connection {
    feit_fact_entity entity; /* entity.facts / entity.documents: the counts of this link */
    const char *predicates;
} feit_connection;
typedef int (*feit_connection_fn)(void *ud, const feit_connection *c);
int feit_factdb_top(feit_factdb *db, const feit_fact_query *q, feit_connection_fn cb, void *ud);

struct json_t;
/* The JSON form of a fact, as `feit query --json` and the web API print it: subject, subject_kb,
 * subject_type, predicate, object, object_kb, object_type, evidence, doc, date, title,
 * qualifier, wikidata, rule, confidence, count, sentence, time (absent values left out).
 * Returns a new reference, or NULL when out of memory. */
struct json_t *feit_fact_to_json(const feit_fact *f);

/* Queries on db stop once they have taken seconds of processor time on the calling thread
 * from this call on (0: no limit, the default) and return FEIT_ETIME: a server gives each
 * request a budget, and cuts off the query that would hold it up (sqlite3_progress_handler).
 * Processor time, not wall time: a busy machine slows every query, and must not cut off the
 * cheap ones. The queries must run on the thread that called this. */
void feit_factdb_set_time_limit(feit_factdb *db, double seconds);

/* feit_factdb_counts_get, taken again only when the index changed and the counts held are more
 * than max_age seconds old (counting a big index takes a while: a home page shows these). */
int feit_factdb_counts_cached(feit_factdb *db, double max_age, feit_factdb_counts *c);

/* The last SQLite error message of db (borrowed), for diagnostics. */
const char *feit_factdb_errmsg(feit_factdb *db);

/* Folds a name for lookups the way the index does: NFC, case-folded, marks stripped,
 * white space collapsed. Returns a malloc'ed string or NULL when out of memory. */
char *feit_factdb_fold(const char *s);

/* Is s a date of the form YYYY-MM-DD (what feit_fact_query.from/to compare with)? 1 or 0. */
int feit_factdb_valid_date(const char *s);

/* Is s a time status a fact can have (feit_time_name: current, former, designate)? 1 or 0. */
int feit_factdb_valid_time(const char *s);

/* Turns free text into an FTS5 query that cannot be a syntax error: each word becomes a
 * quoted string ("" doubled inside), joined by spaces (all must match). Returns a malloc'ed
 * string ("" when the text has no words) or NULL when out of memory. */
char *feit_factdb_fts_query(const char *text);

/* ------------------------------------------------------------------------------------------ */
/*
 * The pages of the fact index as `feit serve` shows them: the search page and the
 * entity page (facts grouped by predicate, an inline SVG picture of the neighbourhood) in
 * HTML, their JSON twins, and the HTML "not found" page. No HTTP here: the caller parses the
 * request, calls one of these and sends the result; src/cli/serve.c is that caller.
 *
 * Ownership: every function fills a feit_web_page whose body is owned by the caller (free()
 * it; free(NULL) is fine). type is a static string. The db handle and all strings passed in
 * are borrowed for the call only.
 *
 * Out of memory: the page comes back with body NULL, len 0, status 500 and a plain-text
 * type, i.e. an empty error response (send it as it is).
 *
 * Safety: everything echoed from the request or the index is HTML-escaped (text and
 * attribute values) or percent-encoded (links); type names reach CSS classes only from a
 * fixed list. Pages are rendered on the server and need no JavaScript.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct feit_web_page {
    char *body;       /* owned by the caller; NUL-terminated, len bytes before the NUL */
    size_t len;
    unsigned status;  /* HTTP status code: 200, 400, 404, 500, or 503 when a query ran past
                         the time limit (feit_factdb_set_time_limit) */
    const char *type; /* Content-Type value, static */
} feit_web_page;

/* The search form's fields: NULL when absent. The caller has checked them (valid UTF-8,
 * bounded length, leading spaces dropped, empty = NULL); dates that are not YYYY-MM-DD, and
 * a time that is not current, former or designate, are ignored here with a notice on the
 * page. text searches the evidence only. time: only facts of that time status. */
typedef struct feit_web_search_form {
    const char *q, *predicate, *from, *to, *text;
    const char *time;
} feit_web_search_form;

/* "/" (api 0: HTML) and "/api/search" (api 1: JSON). Without any field the HTML page shows
 * the index's counts (feit_factdb_counts_cached, at most a minute old) and a hint. Returns 0, or non-zero when an index query failed: the page
 * then still says so (HTML, status 500) or is an empty 500, and the caller may report
 * feit_factdb_errmsg(db). */
int feit_web_search(feit_factdb *db, const feit_web_search_form *f, int api,
                    feit_web_page *out);

/* "/entity?id=" (api 0) and "/api/entity?id=" (api 1). id <= 0 means the request had no
 * valid id (400); an id not in the index gives 404. Returns as feit_web_search. */
int feit_web_entity(feit_factdb *db, int64_t id, int api, feit_web_page *out);

/* The HTML page for a path that does not exist (404), naming the path, escaped. */
void feit_web_not_found(const char *path, feit_web_page *out);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
