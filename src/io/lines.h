/*
 * lines.h — reads a file, gzip-compressed or plain (zlib passes plain files through), or stdin,
 * line by line, lines up to a limit (a longer one is skipped, never held). NUL bytes are kept, so a line holding one stays one line
 * and the caller can refuse it. Used by the tools that read JSON Lines records (index, export);
 * extract has its own document reader (reader.c) that also walks directories.
 */
#ifndef FEIT_LINES_H
#define FEIT_LINES_H

#include <stddef.h>

typedef struct feit_lines feit_lines;

/* Opens path, or stdin for "-" (its descriptor is duplicated: closing leaves fd 0 alone).
 * Lines longer than max bytes are read past without being held (a gzip bomb of one 3 GB line
 * costs time, not memory). Returns NULL with errno set when it cannot. Owned: lines_close. */
feit_lines *lines_open(const char *path, size_t max);
void lines_close(feit_lines *r);

/* The next line, without its "\n" and a "\r" before it, NUL-terminated, in *line (scratch:
 * valid until the next call; the caller may change it). Returns its length, -1 at the end of
 * the input, -2 when out of memory, -3 on a read error, LINES_TOO_LONG for a line longer than
 * max (it counts as a line; the next call reads the one after it). */
#define LINES_TOO_LONG (-4)
long lines_next(feit_lines *r, char **line);

/* zlib's error code for the stream (Z_OK when all is well: after -1 a truncated .gz still
 * shows Z_BUF_ERROR), and its message in *msg. */
int lines_gzerror(feit_lines *r, const char **msg);

#endif
