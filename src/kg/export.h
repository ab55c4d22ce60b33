/*
 * export.h — writers that turn extracted facts (the SPEC triple records) into knowledge-graph
 * exchange formats: N-Triples, N-Quads (one named graph per document), Neo4j bulk-import CSV
 * (nodes + relationships, neo4j-admin headers) and one flat CSV for spreadsheets.
 * docs/export.md documents the RDF model (namespaces, IRIs, provenance by reification).
 *
 * Ownership: a feit_exporter owns its copy of the base IRI, its scratch buffers and its
 * seen-entity/vocabulary set; the FILE streams passed to feit_exporter_new are borrowed (the
 * caller opens and closes them). Strings in a feit_export_fact are borrowed for the duration
 * of the call that receives it.
 * The writers stream: memory grows with the number of distinct entities and predicates only.
 */
#ifndef FEIT_EXPORT_H
#define FEIT_EXPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    FEIT_EXPORT_NTRIPLES,
    FEIT_EXPORT_NQUADS,
    FEIT_EXPORT_NEO4J,
    FEIT_EXPORT_CSV
} feit_export_format;

/* Default project base IRI; entities without a Wikidata id become BASE "id/TYPE/NAME". */
#define FEIT_EXPORT_BASE "https://feit.example/"

/* One fact as read from a triple record. NULL means absent (kb, wikidata, qualifier). (Not
 * the fact index's feit_fact of factdb.h, which is a fact as stored.) */
typedef struct feit_export_fact {
    const char *subject, *subject_type, *subject_kb;
    const char *predicate, *wikidata, *qualifier;
    const char *object, *object_type, *object_kb;
    const char *doc, *evidence, *rule;
    long long sentence;
    double confidence;
    long long count; /* 0 when absent */
} feit_export_fact;

/*
 * Fills f from a triple record (borrowing the record's strings: valid while rec lives).
 * Returns 0, or FEIT_EFORMAT with a reason in why (e.g. "missing field \"subject\"").
 */
int feit_export_fact_from_json(const json_t *rec, feit_export_fact *f, char *why, size_t whylen);

typedef struct feit_exporter feit_exporter;

/*
 * A writer for fmt. base: project base IRI ending in '/' or '#' (NULL: FEIT_EXPORT_BASE).
 * out: the output stream (N-Triples, N-Quads, CSV; for Neo4j the nodes file);
 * rels: the Neo4j relationships file (NULL for the other formats). Headers are written at once.
 * Returns NULL when out of memory.
 */
feit_exporter *feit_exporter_new(feit_export_format fmt, const char *base, FILE *out, FILE *rels);

/* Writes one fact. Returns 0, FEIT_ENOMEM or FEIT_EIO (a write failed). */
int feit_exporter_write(feit_exporter *x, const feit_export_fact *f);

/* Flushes the streams. Returns 0 or FEIT_EIO when any write failed. */
int feit_exporter_finish(feit_exporter *x);

void feit_exporter_free(feit_exporter *x);

/*
 * Helpers, exposed for tests and other writers. Both append to a NUL-terminated growing
 * buffer (*buf, *len, *cap; realloc'ed) and return 0 or FEIT_ENOMEM.
 * feit_iri_segment: s as one IRI path segment (RFC 3987): NFC-normalised, RFC 3986 unreserved
 * characters and non-ASCII "ucschar" code points kept, every other byte percent-encoded.
 * feit_nt_string: s as the body of an N-Triples string literal (\" \\ \n \r \t, other
 * control characters as \uXXXX, UTF-8 otherwise verbatim).
 */
int feit_iri_segment(char **buf, size_t *len, size_t *cap, const char *s);
int feit_nt_string(char **buf, size_t *len, size_t *cap, const char *s);

#endif
