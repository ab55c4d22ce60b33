/*
 * export.h — the internals of the knowledge-graph export (kg/export.c) beyond feit_export.h:
 * one fact as read from a record, and the escaping helpers.
 */
#ifndef FEIT_EXPORT_H
#define FEIT_EXPORT_H

#include "feit_export.h"

#include <jansson.h>
#include <stddef.h>

/* One fact as read from a triple record. NULL means absent (kb, wikidata, qualifier). (Not
 * the fact index's feit_fact of factdb.h, which is a fact as stored.) */
typedef struct feit_export_fact {
    const char *subject, *subject_type, *subject_kb;
    const char *predicate, *wikidata, *qualifier;
    const char *object, *object_type, *object_kb;
    const char *doc, *evidence, *rule;
    const char *time, *date; /* time status and the document's date, NULL when absent */
    long long sentence;
    double confidence;
    long long count; /* 0 when absent */
} feit_export_fact;

/*
 * Fills f from a triple record (borrowing the record's strings: valid while rec lives).
 * Returns 0, or FEIT_EFORMAT with a reason in why (e.g. "missing field \"subject\"").
 */
int feit_export_fact_from_json(const json_t *rec, feit_export_fact *f, char *why, size_t whylen);

/* Writes one fact. Returns 0, FEIT_ENOMEM or FEIT_EIO (a write failed). */
int feit_exporter_write(feit_exporter *x, const feit_export_fact *f);

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
