/*
 * feit_export.h — the knowledge-graph export of libfeit (public): turns extracted facts (triple
 * records, docs/format.md) into N-Triples, N-Quads (one named graph per document), Neo4j
 * bulk-import CSV (nodes + relationships, neo4j-admin headers) or one flat CSV for
 * spreadsheets. docs/export.md documents the RDF model (namespaces, IRIs, provenance).
 *
 * Ownership: a feit_exporter owns its copy of the base IRI, its scratch buffers and its
 * seen-entity/vocabulary set; the FILE streams passed to feit_exporter_new are borrowed (the
 * caller opens and closes them). The writers stream: memory grows with the number of distinct
 * entities and predicates only.
 */
#ifndef FEIT_EXPORT_PUBLIC_H
#define FEIT_EXPORT_PUBLIC_H

#include "feit.h"

#include <stdio.h>

#if defined(__GNUC__)
#pragma GCC visibility push(default) /* exported from libfeit.so: see feit.h */
#endif

typedef enum {
    FEIT_EXPORT_NTRIPLES,
    FEIT_EXPORT_NQUADS,
    FEIT_EXPORT_NEO4J,
    FEIT_EXPORT_CSV
} feit_export_format;

/* Default project base IRI; entities without a Wikidata id become BASE "id/TYPE/NAME". */
#define FEIT_EXPORT_BASE "https://feit.example/"

typedef struct feit_exporter feit_exporter;

/*
 * A writer for fmt. base: project base IRI ending in '/' or '#' (NULL: FEIT_EXPORT_BASE).
 * out: the output stream (N-Triples, N-Quads, CSV; for Neo4j the nodes file);
 * rels: the Neo4j relationships file (NULL for the other formats). Headers are written at once.
 * Returns NULL when out of memory.
 */
feit_exporter *feit_exporter_new(feit_export_format fmt, const char *base, FILE *out, FILE *rels);

/* Input lines longer than max bytes (default FEIT_MAX_RECORD_BYTES, feit.h) are reported and
 * skipped without being held in memory. */
void feit_exporter_set_max_line(feit_exporter *x, size_t max);

/* Exports the triple records of one JSON Lines file (path, or "-" for stdin; plain or gzip):
 * `extract` triples, or `--emit documents` records (their "triples" list). A bad line or record
 * is reported to `report` (file, line, reason; may be NULL) and skipped, and counted in
 * *skipped. Returns 0; 1 when the file cannot be read to its end (reported too: go on with the
 * next); or FEIT_ENOMEM / FEIT_EIO from the writers (then stop). */
int feit_export_file(feit_exporter *x, const char *path, void (*report)(void *user, const feit_error *err), void *user,
                     long *skipped);

/* Flushes the streams. Returns 0 or FEIT_EIO when any write failed; errno then holds the first
 * failure's (EPIPE: the reader of a pipe went away). */
int feit_exporter_finish(feit_exporter *x);

void feit_exporter_free(feit_exporter *x);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
