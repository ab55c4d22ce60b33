/*
 * factdb.c — the SQLite fact index behind `feit index`, `feit query` and `feit serve`: the
 * schema, opening and checking an index, and loading, which streams `documents` records one
 * at a time inside batched transactions. The queries are in factdb_query.c.
 */
#include "feit_index.h"
#include "store/factdb_private.h"
#include "io/lines.h"

#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>
#include <zlib.h>

#define FACTDB_SCHEMA_VERSION "1"

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS feit_index(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "INSERT OR IGNORE INTO feit_index(key, value) VALUES ('schema', '" FACTDB_SCHEMA_VERSION "');\n"
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc TEXT NOT NULL UNIQUE,\n"
    "  date TEXT,\n"
    "  title TEXT, url TEXT, publisher TEXT,\n"
    "  meta TEXT NOT NULL DEFAULT '{}',\n"
    "  datelines TEXT NOT NULL DEFAULT '[]',\n"
    "  sentences INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX IF NOT EXISTS documents_date ON documents(date);\n"
    "CREATE TABLE IF NOT EXISTS entities(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  canonical TEXT NOT NULL,\n"
    "  type TEXT NOT NULL,\n"
    "  kb TEXT NOT NULL DEFAULT '',\n"
    "  fold TEXT NOT NULL,\n"
    "  last_fold TEXT NOT NULL,\n"
    "  UNIQUE(canonical, type, kb));\n"
    "CREATE INDEX IF NOT EXISTS entities_fold ON entities(fold);\n"
    "CREATE INDEX IF NOT EXISTS entities_last_fold ON entities(last_fold);\n"
    "CREATE INDEX IF NOT EXISTS entities_kb ON entities(kb);\n"
    "CREATE TABLE IF NOT EXISTS mentions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id),\n"
    "  text TEXT NOT NULL,\n"
    "  fold TEXT NOT NULL,\n"
    "  start INTEGER, end INTEGER, sentence INTEGER,\n"
    "  form TEXT, source TEXT);\n"
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);\n"
    "CREATE INDEX IF NOT EXISTS mentions_fold ON mentions(fold);\n"
    "CREATE VIEW IF NOT EXISTS names AS\n"
    "  SELECT entity_id, text, fold, count(*) AS times, count(DISTINCT doc_id) AS documents\n"
    "  FROM mentions GROUP BY entity_id, text;\n"
    "CREATE TABLE IF NOT EXISTS evidence(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  sentence INTEGER NOT NULL DEFAULT -1,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE(doc_id, sentence, text));\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(text, content='evidence',\n"
    "  content_rowid='id', tokenize='unicode61 remove_diacritics 2');\n"
    "CREATE TRIGGER IF NOT EXISTS evidence_ai AFTER INSERT ON evidence BEGIN\n"
    "  INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text); END;\n"
    "CREATE TRIGGER IF NOT EXISTS evidence_ad AFTER DELETE ON evidence BEGIN\n"
    "  INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);\n"
    "END;\n"
    "CREATE TABLE IF NOT EXISTS facts(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  subject_id INTEGER NOT NULL REFERENCES entities(id),\n"
    "  predicate TEXT NOT NULL,\n"
    "  object_id INTEGER NOT NULL REFERENCES entities(id),\n"
    "  evidence_id INTEGER REFERENCES evidence(id),\n"
    "  confidence REAL NOT NULL DEFAULT 0,\n"
    "  count INTEGER NOT NULL DEFAULT 1,\n"
    "  sentence INTEGER NOT NULL DEFAULT -1,\n"
    "  rule TEXT, wikidata TEXT, qualifier TEXT);\n"
    "CREATE INDEX IF NOT EXISTS facts_doc ON facts(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject_id, predicate);\n"
    "CREATE INDEX IF NOT EXISTS facts_object ON facts(object_id, predicate);\n"
    "CREATE INDEX IF NOT EXISTS facts_predicate ON facts(predicate);\n"
    "CREATE INDEX IF NOT EXISTS facts_evidence ON facts(evidence_id);\n";

/* ---------------------------------------------------------------------------------------- */
/* helpers */

static void set_err(feit_error *err, const char *file, int line, const char *fmt, ...)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
}

char *feit_factdb_fold(const char *s)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    char *src;
    if (n < 0) { /* invalid UTF-8: keep the bytes, fold ASCII only */
        src = strdup(s);
        if (!src)
            return NULL;
        for (char *p = src; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    } else {
        src = (char *)mapped;
    }
    /* collapse ASCII white space in place: "  Vladimir\tPoetin " -> "vladimir poetin" */
    char *w = src;
    int space = 0;
    for (const char *r = src; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f' || *r == '\v') {
            space = w != src;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = 0;
        *w++ = *r;
    }
    *w = '\0';
    return src;
}


static int prepare(feit_factdb *db, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK
               ? 0
               : -1;
}

static int exec(feit_factdb *db, const char *sql)
{
    return sqlite3_exec(db->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waiting for a lock another connection holds: poll every millisecond or two (SQLite's own
 * handler sleeps up to 100 ms between tries, and so would miss the moment between another
 * loader's COMMIT and its next BEGIN), up to FACTDB_BUSY_MS in all. */
#define FACTDB_BUSY_MS 60000
static int on_busy(void *ud, int tries)
{
    (void)ud;
    if ((long)tries * 2 >= FACTDB_BUSY_MS)
        return 0;
    sleep_ms(tries < 10 ? 1 : 2);
    return 1;
}

const char *feit_factdb_errmsg(feit_factdb *db)
{
    return db && db->db ? sqlite3_errmsg(db->db) : "no database";
}

/* ---------------------------------------------------------------------------------------- */
/* open / close */

static int prepare_load(feit_factdb *db)
{
    if (prepare(db, &db->doc_find, "SELECT id FROM documents WHERE doc = ?1") ||
        prepare(db, &db->doc_insert,
                "INSERT INTO documents(doc, date, title, url, publisher, meta, datelines, "
                "sentences) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") ||
        prepare(db, &db->doc_update,
                "UPDATE documents SET date = ?2, title = ?3, url = ?4, publisher = ?5, meta = ?6, "
                "datelines = ?7, sentences = ?8 WHERE id = ?1") ||
        prepare(db, &db->del_facts, "DELETE FROM facts WHERE doc_id = ?1") ||
        prepare(db, &db->del_mentions, "DELETE FROM mentions WHERE doc_id = ?1") ||
        prepare(db, &db->del_evidence, "DELETE FROM evidence WHERE doc_id = ?1") ||
        prepare(db, &db->ent_upsert,
                "INSERT INTO entities(canonical, type, kb, fold, last_fold) "
                "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(canonical, type, kb) "
                "DO UPDATE SET fold = excluded.fold RETURNING id") ||
        prepare(db, &db->mention_insert,
                "INSERT INTO mentions(doc_id, entity_id, text, fold, start, end, sentence, form, "
                "source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)") ||
        prepare(db, &db->ev_find,
                "SELECT id FROM evidence WHERE doc_id = ?1 AND sentence = ?2 AND text = ?3") ||
        prepare(db, &db->ev_insert,
                "INSERT INTO evidence(doc_id, sentence, text) VALUES (?1, ?2, ?3)") ||
        prepare(db, &db->fact_insert,
                "INSERT INTO facts(doc_id, subject_id, predicate, object_id, evidence_id, "
                "confidence, count, sentence, rule, wikidata, qualifier) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"))
        return -1;
    return 0;
}

feit_factdb *feit_factdb_open(const char *path, int mode, feit_error *err)
{
    feit_factdb *db = calloc(1, sizeof *db);
    if (!db) {
        set_err(err, path, 0, "out of memory");
        return NULL;
    }
    int flags = mode == FEIT_FACTDB_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                          : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, &db->db, flags, NULL) != SQLITE_OK) {
        set_err(err, path, 0, "cannot open: %s", db->db ? sqlite3_errmsg(db->db) : "no memory");
        goto fail;
    }
    db->max_line = FEIT_MAX_RECORD_BYTES;
    if (mode == FEIT_FACTDB_WRITE)
        sqlite3_busy_handler(db->db, on_busy, NULL);
    else
        sqlite3_busy_timeout(db->db, 5000);
    if (mode == FEIT_FACTDB_WRITE) {
        /* WAL lets `feit serve` keep answering while an index run is loading. Switching the
         * journal mode and creating the schema can meet another writer that is doing the same
         * (SQLite then answers SQLITE_BUSY without calling the busy handler): try again. */
        int rc = -1;
        for (long waited = 0; waited < FACTDB_BUSY_MS; waited += 5) {
            rc = exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                          " PRAGMA cache_size = -65536;");
            if (!rc)
                rc = exec(db, schema_sql);
            if (!rc || (sqlite3_errcode(db->db) & 0xff) != SQLITE_BUSY)
                break;
            sleep_ms(5);
        }
        if (rc) {
            set_err(err, path, 0, "cannot create the index: %s", sqlite3_errmsg(db->db));
            goto fail;
        }
    }
    /* Check it is our index and our schema version. */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT value FROM feit_index WHERE key = 'schema'", -1, &st,
                           NULL) != SQLITE_OK) {
        set_err(err, path, 0, "not a feit fact index (%s)", sqlite3_errmsg(db->db));
        goto fail;
    }
    int ok = sqlite3_step(st) == SQLITE_ROW &&
             !strcmp((const char *)sqlite3_column_text(st, 0), FACTDB_SCHEMA_VERSION);
    sqlite3_finalize(st);
    if (!ok) {
        set_err(err, path, 0, "fact index schema version is not %s; re-index",
                FACTDB_SCHEMA_VERSION);
        goto fail;
    }
    if (mode == FEIT_FACTDB_WRITE && prepare_load(db)) {
        set_err(err, path, 0, "cannot prepare statements: %s", sqlite3_errmsg(db->db));
        goto fail;
    }
    return db;
fail:
    feit_factdb_close(db);
    return NULL;
}

void feit_factdb_close(feit_factdb *db)
{
    if (!db)
        return;
    sqlite3_stmt *all[] = {db->doc_find,     db->doc_insert,   db->doc_update, db->del_facts,
                           db->del_mentions, db->del_evidence, db->ent_upsert, db->mention_insert,
                           db->ev_find,      db->ev_insert,    db->fact_insert};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(db->db);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* loading */

void factdb_bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* step a statement that returns no row (or whose row we ignore) and reset it */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* step a statement returning one integer (an id) */
static int step_id(sqlite3_stmt *st, int64_t *id)
{
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW;
    if (found)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (found)
        return 1;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Optional string member: absent or null -> NULL (ok); another type -> error. */
static int opt_str(json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = json_string_value(v);
    return 0;
}

static int opt_int(json_t *o, const char *key, int64_t dflt, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    *out = dflt;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return -1;
    *out = json_integer_value(v);
    return 0;
}

/* Does s start with YYYY-MM-DD? (A NUL before the tenth byte fails the test.) */
static int starts_with_day(const char *s)
{
    for (int i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

int feit_factdb_valid_date(const char *s)
{
    if (!starts_with_day(s) || s[10] != '\0')
        return 0;
    /* a day of the calendar: 2020-13-45 and 2023-02-29 are not */
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

/* "2024-06-13T10:00:00Z" -> "2024-06-13"; anything not starting with YYYY-MM-DD -> 0 */
static int iso_day(const char *s, char out[11])
{
    if (!s || !starts_with_day(s))
        return 0;
    memcpy(out, s, 10);
    out[10] = '\0';
    return 1;
}

/* Inserts (or finds) an entity and returns its id in *id. */
static int entity_id(feit_factdb *db, const char *canonical, const char *type, const char *kb,
                     int64_t *id)
{
    char *fold = feit_factdb_fold(canonical);
    if (!fold)
        return FEIT_ENOMEM;
    const char *last = strrchr(fold, ' ');
    last = last ? last + 1 : fold;
    sqlite3_stmt *st = db->ent_upsert;
    factdb_bind_str(st, 1, canonical);
    factdb_bind_str(st, 2, type);
    factdb_bind_str(st, 3, kb ? kb : "");
    factdb_bind_str(st, 4, fold);
    factdb_bind_str(st, 5, last);
    int rc = step_id(st, id);
    free(fold);
    return rc == 1 ? 0 : FEIT_EIO;
}

/* Loads one parsed record. Returns 0, FEIT_EFORMAT (why in *why) or FEIT_EIO / FEIT_ENOMEM. */
static int load_doc(feit_factdb *db, json_t *rec, const char **why)
{
    char idbuf[32];
    const char *doc;
    json_t *jdoc = json_object_get(rec, "doc");
    if (json_is_string(jdoc)) {
        doc = json_string_value(jdoc);
    } else if (json_is_integer(jdoc)) {
        snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jdoc));
        doc = idbuf;
    } else {
        *why = "missing or non-string \"doc\"";
        return FEIT_EFORMAT;
    }
    if ((*why = factdb_not_documents(rec)))
        return FEIT_EFORMAT;
    json_t *meta = json_object_get(rec, "meta");
    if (meta && !json_is_object(meta) && !json_is_null(meta)) {
        *why = "\"meta\" is not an object";
        return FEIT_EFORMAT;
    }
    json_t *dls = json_object_get(rec, "datelines");
    json_t *ents = json_object_get(rec, "entities");
    json_t *trs = json_object_get(rec, "triples");
    if ((dls && !json_is_array(dls)) || (ents && !json_is_array(ents)) ||
        (trs && !json_is_array(trs))) {
        *why = "\"datelines\", \"entities\" or \"triples\" is not a list";
        return FEIT_EFORMAT;
    }
    int64_t nsent;
    if (opt_int(rec, "sentences", 0, &nsent)) {
        *why = "\"sentences\" is not an integer";
        return FEIT_EFORMAT;
    }
    const char *date = NULL, *title = NULL, *url = NULL, *publisher = NULL;
    if (json_is_object(meta)) {
        /* meta fields are whatever the input carried: use them only when they are strings */
        json_t *v;
        if ((v = json_object_get(meta, "date")) && json_is_string(v))
            date = json_string_value(v);
        if ((v = json_object_get(meta, "title")) && json_is_string(v))
            title = json_string_value(v);
        if ((v = json_object_get(meta, "url")) && json_is_string(v))
            url = json_string_value(v);
        if ((v = json_object_get(meta, "publisher")) && json_is_string(v))
            publisher = json_string_value(v);
    }
    char day[11];
    int has_day = iso_day(date, day);

    char *meta_txt = json_dumps(json_is_object(meta) ? meta : json_object(),
                                JSON_COMPACT | JSON_SORT_KEYS);
    char *dls_txt = dls ? json_dumps(dls, JSON_COMPACT | JSON_SORT_KEYS) : strdup("[]");
    int rc = FEIT_EIO;
    if (!meta_txt || !dls_txt) {
        rc = FEIT_ENOMEM;
        goto done;
    }

    /* Replace: an id already indexed loses its old rows; the row id stays the same. */
    int64_t did = 0;
    factdb_bind_str(db->doc_find, 1, doc);
    int found = step_id(db->doc_find, &did);
    if (found < 0)
        goto done;
    sqlite3_stmt *st = found ? db->doc_update : db->doc_insert;
    if (found) {
        sqlite3_bind_int64(st, 1, did);
        sqlite3_stmt *dels[] = {db->del_facts, db->del_mentions, db->del_evidence};
        for (int i = 0; i < 3; i++) {
            sqlite3_bind_int64(dels[i], 1, did);
            if (step_done(dels[i]))
                goto done;
        }
    } else {
        factdb_bind_str(st, 1, doc);
    }
    factdb_bind_str(st, 2, has_day ? day : NULL);
    factdb_bind_str(st, 3, title);
    factdb_bind_str(st, 4, url);
    factdb_bind_str(st, 5, publisher);
    factdb_bind_str(st, 6, meta_txt);
    factdb_bind_str(st, 7, dls_txt);
    sqlite3_bind_int64(st, 8, nsent);
    if (step_done(st))
        goto done;
    if (!found)
        did = sqlite3_last_insert_rowid(db->db);

    size_t i;
    json_t *e;
    json_array_foreach(ents, i, e) {
        const char *canonical, *type, *kb, *text, *form, *source;
        int64_t start, end, sentence;
        if (!json_is_object(e) || opt_str(e, "canonical", &canonical) || !canonical ||
            opt_str(e, "type", &type) || !type || opt_str(e, "kb", &kb) ||
            opt_str(e, "text", &text) || opt_str(e, "form", &form) ||
            opt_str(e, "source", &source) || opt_int(e, "start", -1, &start) ||
            opt_int(e, "end", -1, &end) || opt_int(e, "sentence", -1, &sentence)) {
            *why = "bad entity record (needs string canonical and type; integer offsets)";
            rc = FEIT_EFORMAT;
            goto done;
        }
        int64_t eid;
        if ((rc = entity_id(db, canonical, type, kb, &eid)))
            goto done;
        rc = FEIT_EIO;
        if (!text)
            text = canonical;
        char *fold = feit_factdb_fold(text);
        if (!fold) {
            rc = FEIT_ENOMEM;
            goto done;
        }
        st = db->mention_insert;
        sqlite3_bind_int64(st, 1, did);
        sqlite3_bind_int64(st, 2, eid);
        factdb_bind_str(st, 3, text);
        factdb_bind_str(st, 4, fold);
        sqlite3_bind_int64(st, 5, start);
        sqlite3_bind_int64(st, 6, end);
        sqlite3_bind_int64(st, 7, sentence);
        factdb_bind_str(st, 8, form);
        factdb_bind_str(st, 9, source);
        int bad = step_done(st);
        free(fold);
        if (bad)
            goto done;
    }

    json_array_foreach(trs, i, e) {
        const char *subj, *subj_type, *subj_kb, *obj, *obj_type, *obj_kb, *pred, *evidence;
        const char *rule, *wikidata, *qualifier;
        int64_t sentence, count;
        json_t *conf = json_is_object(e) ? json_object_get(e, "confidence") : NULL;
        if (!json_is_object(e) || opt_str(e, "subject", &subj) || !subj ||
            opt_str(e, "object", &obj) || !obj || opt_str(e, "predicate", &pred) || !pred ||
            opt_str(e, "subject_type", &subj_type) || opt_str(e, "object_type", &obj_type) ||
            opt_str(e, "subject_kb", &subj_kb) || opt_str(e, "object_kb", &obj_kb) ||
            opt_str(e, "evidence", &evidence) || opt_str(e, "rule", &rule) ||
            opt_str(e, "wikidata", &wikidata) || opt_str(e, "qualifier", &qualifier) ||
            opt_int(e, "sentence", -1, &sentence) || opt_int(e, "count", 1, &count) ||
            (conf && !json_is_number(conf))) {
            *why = "bad triple record (needs string subject, predicate and object)";
            rc = FEIT_EFORMAT;
            goto done;
        }
        int64_t sid, oid, evid = 0;
        if ((rc = entity_id(db, subj, subj_type ? subj_type : "", subj_kb, &sid)) ||
            (rc = entity_id(db, obj, obj_type ? obj_type : "", obj_kb, &oid)))
            goto done;
        rc = FEIT_EIO;
        if (evidence) {
            sqlite3_bind_int64(db->ev_find, 1, did);
            sqlite3_bind_int64(db->ev_find, 2, sentence);
            factdb_bind_str(db->ev_find, 3, evidence);
            int got = step_id(db->ev_find, &evid);
            if (got < 0)
                goto done;
            if (!got) {
                sqlite3_bind_int64(db->ev_insert, 1, did);
                sqlite3_bind_int64(db->ev_insert, 2, sentence);
                factdb_bind_str(db->ev_insert, 3, evidence);
                if (step_done(db->ev_insert))
                    goto done;
                evid = sqlite3_last_insert_rowid(db->db);
            }
        }
        st = db->fact_insert;
        sqlite3_bind_int64(st, 1, did);
        sqlite3_bind_int64(st, 2, sid);
        factdb_bind_str(st, 3, pred);
        sqlite3_bind_int64(st, 4, oid);
        if (evid)
            sqlite3_bind_int64(st, 5, evid);
        else
            sqlite3_bind_null(st, 5);
        sqlite3_bind_double(st, 6, conf ? json_number_value(conf) : 0.0);
        sqlite3_bind_int64(st, 7, count);
        sqlite3_bind_int64(st, 8, sentence);
        factdb_bind_str(st, 9, rule);
        factdb_bind_str(st, 10, wikidata);
        factdb_bind_str(st, 11, qualifier);
        if (step_done(st))
            goto done;
    }
    rc = 0;
done:
    free(meta_txt);
    free(dls_txt);
    return rc;
}

int feit_factdb_load(feit_factdb *db, const char *path, int batch, feit_factdb_error_fn on_error,
                     void *ud, long *loaded, long *skipped, feit_error *err)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    errno = 0;
    feit_lines *lr = lines_open(path, db->max_line);
    if (!lr) {
        set_err(err, name, 0, "cannot open: %s", strerror(errno ? errno : ENOMEM));
        return FEIT_EIO;
    }
    if (batch <= 0)
        batch = 1000;
    char *buf;
    long n, lineno = 0, nload = 0, nskip = 0, pending = 0; /* pending: loaded, not committed */
    int in_tx = 0, rc = 0, keep = 0; /* keep: commit what was read before a read error */
    double tx_start = 0;
    while ((n = lines_next(lr, &buf)) >= 0 || n == LINES_TOO_LONG) {
        lineno++;
        if (n == LINES_TOO_LONG) {
            nskip++;
            if (on_error) {
                feit_error e;
                set_err(&e, name, (int)lineno, "line longer than %zu bytes (--max-doc-bytes)", db->max_line);
                on_error(ud, &e);
            }
            continue;
        }
        if (n == 0 || strspn(buf, " \t") == (size_t)n)
            continue; /* blank lines are allowed */
        if (!in_tx) {
            /* IMMEDIATE: the write lock now, waiting for another loader's transaction to end
             * (on_busy); a deferred BEGIN would fail at its first write instead */
            if (exec(db, "BEGIN IMMEDIATE")) {
                set_err(err, name, (int)lineno, "%s", sqlite3_errmsg(db->db));
                rc = FEIT_EIO;
                break;
            }
            in_tx = 1;
            tx_start = factdb_now();
        }
        json_error_t jerr;
        json_t *rec = json_loadb(buf, (size_t)n, 0, &jerr);
        const char *why = NULL;
        char whybuf[256];
        int drc;
        if (!rec) {
            snprintf(whybuf, sizeof whybuf, "invalid JSON at column %d: %s", jerr.column,
                     jerr.text);
            why = whybuf;
            drc = FEIT_EFORMAT;
        } else if (!json_is_object(rec)) {
            why = "not a JSON object";
            drc = FEIT_EFORMAT;
        } else {
            /* a savepoint per document: a bad record leaves nothing behind */
            if (exec(db, "SAVEPOINT doc")) {
                json_decref(rec);
                set_err(err, name, (int)lineno, "%s", sqlite3_errmsg(db->db));
                rc = FEIT_EIO;
                break;
            }
            drc = load_doc(db, rec, &why);
            if (drc == 0) {
                exec(db, "RELEASE doc");
            } else {
                /* the rollback resets the error: keep the one that made the record fail */
                if (drc != FEIT_EFORMAT)
                    snprintf(whybuf, sizeof whybuf, "%s", drc == FEIT_ENOMEM ? "out of memory" : sqlite3_errmsg(db->db));
                exec(db, "ROLLBACK TO doc; RELEASE doc");
            }
        }
        json_decref(rec);
        if (drc == FEIT_EFORMAT) {
            nskip++;
            if (on_error) {
                feit_error e;
                set_err(&e, name, (int)lineno, "%s", why);
                on_error(ud, &e);
            }
        } else if (drc) {
            set_err(err, name, (int)lineno, "%s", whybuf);
            rc = drc;
            break;
        } else if (++pending >= batch) {
            in_tx = 0;
            if (exec(db, "COMMIT")) {
                set_err(err, name, (int)lineno, "%s", sqlite3_errmsg(db->db));
                rc = FEIT_EIO;
                exec(db, "ROLLBACK");
                pending = 0;
                break;
            }
            nload += pending;
            pending = 0;
            /* after a long transaction, a pause before the next BEGIN, so that a loader waiting
             * for the lock (on_busy polls every 2 ms) takes its turn rather than waiting for
             * this whole run (short ones leave it gaps enough; a pause each would slow them) */
            if (factdb_now() - tx_start > 0.05)
                sleep_ms(4);
        }
    }
    if (n == -2 && !rc) {
        set_err(err, name, (int)lineno + 1, "out of memory");
        rc = FEIT_ENOMEM;
    } else if (!rc) {
        /* a read error, or the end of a truncated gzip stream (Z_BUF_ERROR) */
        const char *msg;
        int gzerr = lines_gzerror(lr, &msg);
        if (n == -3 || (gzerr != Z_OK && gzerr != Z_STREAM_END)) {
            set_err(err, name, (int)lineno + 1, "read error: %s",
                    gzerr == Z_ERRNO ? strerror(errno)
                    : gzerr == Z_BUF_ERROR ? "unexpected end of compressed data" : msg);
            rc = FEIT_EIO;
            keep = 1; /* the lines before it were whole and are kept */
        }
    }
    if (in_tx) {
        if (rc && !keep) {
            exec(db, "ROLLBACK");
        } else if (exec(db, "COMMIT")) {
            if (!rc)
                set_err(err, name, (int)lineno, "%s", sqlite3_errmsg(db->db));
            rc = FEIT_EIO;
            exec(db, "ROLLBACK");
        } else {
            nload += pending;
        }
    }
    lines_close(lr);
    if (loaded)
        *loaded = nload;
    if (skipped)
        *skipped = nskip;
    return rc;
}

void feit_factdb_set_max_line(feit_factdb *db, size_t max) { db->max_line = max; }

double factdb_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Processor time of the calling thread: what a query costs, whatever else the machine does
 * (wall time would cut off a cheap query on a busy machine). */
static double thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Called every few thousand SQLite instructions: non-zero interrupts the statement. */
static int past_deadline(void *ud)
{
    const feit_factdb *db = ud;
    return db->deadline > 0 && thread_cpu() > db->deadline;
}

void feit_factdb_set_time_limit(feit_factdb *db, double seconds)
{
    db->deadline = seconds > 0 ? thread_cpu() + seconds : 0;
    sqlite3_progress_handler(db->db, seconds > 0 ? 4000 : 0, seconds > 0 ? past_deadline : NULL, db);
}

int feit_factdb_prune(feit_factdb *db)
{
    return exec(db, "DELETE FROM entities WHERE"
                    " NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)"
                    " AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.subject_id = entities.id)"
                    " AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.object_id = entities.id)")
               ? FEIT_EIO
               : 0;
}

int feit_factdb_counts_get(feit_factdb *db, feit_factdb_counts *c)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),"
        " (SELECT count(*) FROM (SELECT DISTINCT entity_id, fold FROM mentions)),"
        " (SELECT count(*) FROM mentions), (SELECT count(*) FROM facts),"
        " (SELECT count(*) FROM evidence)";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return FEIT_EIO;
    int rc = FEIT_EIO;
    int s = sqlite3_step(st);
    if (s == SQLITE_INTERRUPT)
        rc = FEIT_ETIME;
    if (s == SQLITE_ROW) {
        c->documents = sqlite3_column_int64(st, 0);
        c->entities = sqlite3_column_int64(st, 1);
        c->names = sqlite3_column_int64(st, 2);
        c->mentions = sqlite3_column_int64(st, 3);
        c->facts = sqlite3_column_int64(st, 4);
        c->evidence = sqlite3_column_int64(st, 5);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The state of the index: PRAGMA data_version (what other connections committed). */
static int64_t data_version(feit_factdb *db)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db->db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int feit_factdb_counts_cached(feit_factdb *db, double max_age, feit_factdb_counts *c)
{
    int64_t v = data_version(db), ch = sqlite3_total_changes64(db->db);
    double now = factdb_now();
    if (db->have_counts && v >= 0 &&
        ((v == db->counts_version && ch == db->counts_changes) || now - db->counts_at < max_age)) {
        *c = db->counts;
        return 0;
    }
    int rc = feit_factdb_counts_get(db, c);
    if (!rc) {
        db->counts = *c, db->counts_at = now, db->counts_version = v, db->counts_changes = ch;
        db->have_counts = 1;
    }
    return rc;
}
