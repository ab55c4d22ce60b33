/*
 * datafile.h — reading the project's text data files (rules, predicate and role lexicons,
 * language data) line by line, with errors that name file:line:column. Every loader of a
 * human-edited file goes through here, so they all refuse the same things the same way: a file
 * that is not a regular file (a FIFO would hang the load), a NUL byte, invalid UTF-8, a line
 * longer than DATAFILE_MAX_LINE.
 */
#ifndef FEIT_DATAFILE_H
#define FEIT_DATAFILE_H

#include "feit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DATAFILE_MAX_LINE (1u << 20)

typedef struct datafile {
    FILE *f;
    char *buf; /* the current line (scratch until the next datafile_line) */
    size_t cap;
    int line;             /* 1-based number of the current line */
    int bad;              /* column of what made datafile_line stop early, else 0 */
    const char *bad_what; /* what it was ("NUL byte", "invalid UTF-8", ...) */
} datafile;

/* Reads one line of f into *buf (grown as needed, up to max + 2 bytes; the newline kept) and
 * its length into *len: 1, 0 at the end of the file, FEIT_ETOOBIG when the line is longer than
 * max bytes (found before more than max + 1 bytes are held, whatever the line's length),
 * FEIT_ENOMEM, or FEIT_EIO on a read error. NUL bytes are kept (use *len). */
int datafile_getline(FILE *f, char **buf, size_t *cap, size_t max, size_t *len);

/* Opens path for reading; on failure fills err (file, reason) and returns FEIT_EIO. */
int datafile_open(datafile *df, const char *path, feit_error *err);
/* The next line without its newline (and \r), or NULL at end of file or at a bad line (then
 * df->bad is its column and df->bad_what the reason). */
char *datafile_line(datafile *df);
void datafile_close(datafile *df);

/* The whole of path mapped read-only, for a long list read at start-up, where a line at a time
 * costs too much: *text (not NUL-terminated: the file may end without a newline) and its length
 * *len; free with datafile_unmap. Refuses what datafile_line refuses (not a regular file, a NUL
 * byte, invalid UTF-8, a line longer than DATAFILE_MAX_LINE), with file:line:column. Returns 0,
 * FEIT_EIO or FEIT_EFORMAT. The file must not change while it is mapped (as with any data file
 * a context holds). */
int datafile_map(const char *path, const char **text, size_t *len, feit_error *err);
void datafile_unmap(const char *text, size_t len);

/* A 64-bit checksum of p[0..n): sixteen lanes over 8-byte words, each step a bijection of its
 * lane (any change of one word changes the sum; datafile.c), seeded so sums can be chained. The one
 * checksum of the project: gazetteer.bin's chunks, the caches' keys and bodies, the stamps. */
uint64_t datafile_sum(uint64_t seed, const void *p, size_t n);
/* h chained with the size and modification time of the file at path ("-" when there is none). */
uint64_t datafile_stat_sum(uint64_t h, const char *path);

/* Fills err with file:line:column and the message; returns FEIT_EFORMAT. */
int datafile_error(feit_error *err, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Character column (1-based) of byte offset off in line. */
int datafile_column(const char *line, size_t off);
/* Is s blank or a # comment? */
bool datafile_blank(const char *s);
/* out = dir/name[0..len) (name alone when it is absolute or dir is empty). */
void datafile_path_join(char *out, size_t n, const char *dir, const char *name, int len);

#endif
