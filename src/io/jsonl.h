/*
 * jsonl.h — one JSON Lines line into a document: an object with "text" (string) and "id"
 * (string or number; absent: the line's place is the id); every other member becomes the
 * document's meta (compact JSON, sorted keys). Used by reader.c, which finds the lines.
 */
#ifndef FEIT_JSONL_H
#define FEIT_JSONL_H

#include "feit.h"

#include <stddef.h>

/* Parses line[0..n) (trimmed, not blank), line lineno of file ("file:line" is the default id).
 * Returns 1 with *doc filled (owned by the caller: feit_input_doc_free), FEIT_ESKIP for a bad
 * line (err: file, line and reason), FEIT_ENOMEM. Documents whose text is longer than max_doc
 * bytes are bad lines. */
int jsonl_parse(const char *line, size_t n, const char *file, long lineno, size_t max_doc, feit_input_doc *doc, feit_error *err);

#endif
