/*
 * jsonl.h — one JSON Lines line into a document: an object with "text" (string) and "id"
 * (string or number; absent: the line's place is the id); every other member becomes the
 * document's meta (compact JSON, sorted keys). Used by reader.c, which finds the lines.
 */
#ifndef FEIT_JSONL_H
#define FEIT_JSONL_H

#include "feit.h"

#include <stddef.h>

/* Where a record comes from, and where its text and id are. */
typedef struct jsonl_src {
    const char *file;
    long line;              /* its first line; 0: the record is the whole file */
    const char *default_id; /* the id when the record has none; NULL: "file:line" (or "file") */
    const char *text_field; /* dotted path of the text ("body.text"); NULL: "text" */
    const char *id_field;   /* dotted path of the id; NULL: "id" */
    size_t max_doc;         /* longer texts are bad records */
    int strings;            /* a JSON string is a document too (the elements of an array) */
} jsonl_src;

/* One JSON value p[0..n) (trimmed, not blank) into a document: an object with the text at
 * src->text_field (a string) and the id at src->id_field (a string, a number, or null or
 * absent for the default id), the other members kept as meta (compact, keys sorted; a nested
 * text or id is taken out of its object, and an object left empty by that goes too); or,
 * when src->strings, a string, which is the text. Returns 1 with *doc filled (owned by the caller:
 * feit_input_doc_free), FEIT_ESKIP for a bad record (err: file, line and reason),
 * FEIT_ENOMEM. */
int jsonl_parse_src(const char *p, size_t n, const jsonl_src *src, feit_input_doc *doc, feit_error *err);

/* Parses line[0..n) (trimmed, not blank), line lineno of file ("file:line" is the default id).
 * Returns 1 with *doc filled (owned by the caller: feit_input_doc_free), FEIT_ESKIP for a bad
 * line (err: file, line and reason), FEIT_ENOMEM. Documents whose text is longer than max_doc
 * bytes are bad lines. jsonl_parse_src with the default fields, for a line that must be an
 * object. */
int jsonl_parse(const char *line, size_t n, const char *file, long lineno, size_t max_doc, feit_input_doc *doc, feit_error *err);

#endif
