/*
 * factdb_private.h — what factdb.c (opening, loading) and factdb_query.c (queries) share and
 * nobody else sees: the handle's layout and the string binding both use.
 */
#ifndef FEIT_FACTDB_PRIVATE_H
#define FEIT_FACTDB_PRIVATE_H

#include "feit_index.h"

#include <sqlite3.h>

struct feit_factdb {
    sqlite3 *db;
    /* loading statements, prepared once when opened for writing */
    sqlite3_stmt *doc_find, *doc_insert, *doc_update;
    sqlite3_stmt *del_facts, *del_mentions, *del_evidence;
    sqlite3_stmt *ent_upsert, *mention_insert, *ev_find, *ev_insert, *fact_insert;
    size_t max_line; /* longer input lines are reported and skipped (feit_factdb_set_max_line) */
    double deadline; /* queries stop after it (the thread's processor time; 0: never);
                        feit_factdb_set_time_limit */
    /* feit_factdb_counts_cached: the counts, when they were taken and of which state of the
     * index (PRAGMA data_version: commits of other connections; total changes: this one's) */
    feit_factdb_counts counts;
    double counts_at;
    int64_t counts_version, counts_changes;
    int have_counts;
    int schema_found; /* feit_factdb_schema_found */
};

/* Why rec (a JSON object) is not a `documents` record, naming the fix; NULL when it is one.
 * factdb_input.c */
#include <jansson.h>
const char *factdb_not_documents(json_t *rec);
/* Monotonic seconds. */
double factdb_now(void);

/* Binds a string, or NULL when s is NULL. SQLITE_TRANSIENT: s may be freed before step. */
void factdb_bind_str(sqlite3_stmt *st, int i, const char *s);

#endif
