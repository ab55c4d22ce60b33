/*
 * reader.h — streams documents out of inputs: text files (one document each; a directory is
 * walked recursively in sorted order and ids are relative paths), JSON Lines (one document per
 * line: "text" string, "id" string or number, or "<file>:<line>" when absent; every other field
 * kept as `meta`), stdin ("-"), and any of these gzip-compressed (zlib reads plain files too).
 * Only one document (or one line) is in memory at a time.
 *
 * Bad input never stops the stream: reader_next reports it (file, line, reason) and moves on.
 * Documents larger than max_doc bytes are reported and skipped, never cut.
 */
#ifndef FEIT_READER_H
#define FEIT_READER_H

#include <stddef.h>
#include <stdint.h>

typedef enum { READ_AUTO, READ_TEXT, READ_JSONL } read_format;

typedef struct feit_reader feit_reader;

/* A document as read. All strings are owned by the caller after reader_next (free with
 * reader_doc_free); `text` may contain NUL bytes (use len). */
typedef struct reader_doc {
    char *id;
    char *text;
    size_t len;
    char *meta;  /* compact JSON object of the other fields (sorted keys), "{}" for text */
    char *where; /* "file" or "file:line", for messages */
} reader_doc;

/* paths: files, directories or "-". The reader keeps pointers to paths (borrowed). */
feit_reader *reader_new(char *const *paths, size_t npaths, read_format fmt, size_t max_doc);
void reader_free(feit_reader *r);

/* 1: *doc filled. 0: end of input. -1: one input item was skipped; err holds
 * "file:line: reason". -2: out of memory. */
int reader_next(feit_reader *r, reader_doc *doc, char *err, size_t errcap);
void reader_doc_free(reader_doc *doc);

/* Input bytes consumed so far (compressed bytes for .gz), and the total when every input is a
 * regular file (0 when unknown, e.g. stdin). */
uint64_t reader_consumed(const feit_reader *r);
uint64_t reader_total(const feit_reader *r);

#endif
