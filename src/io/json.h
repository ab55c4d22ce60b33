/*
 * json.h — the values of a JSON file, one at a time, for the reader (reader.c): the elements
 * of a top-level array, or a sequence of top-level values (one object, or objects one after
 * another). Streams: only the value being read is in memory, so a 10 GB array costs no more
 * than one of its elements. Finds where each value ends (brackets, strings, escapes); what a
 * value holds is jsonl.c's business.
 */
#ifndef FEIT_JSON_H
#define FEIT_JSON_H

#include "feit.h"
#include "io/stream.h"

typedef struct json_in {
    int state;
    int array;     /* the file is an array */
    long line;     /* line of s->buf[s->bpos] */
    long count;    /* values handed out so far, skipped ones included */
    size_t limit;  /* longer values are skipped (reported) */
    /* the value being scanned: s->buf[bpos .. bpos + vlen) so far */
    size_t vlen;
    long vlines;   /* newlines in it */
    int depth, in_str, esc, scalar;
    uint64_t dropped; /* bytes of an over-long value let go */
    int single;    /* the first value is the only one (known once it is handed out) */
} json_in;

/* Starts reading a JSON file from s (at its first byte); values longer than limit bytes are
 * reported and skipped. */
void json_begin(json_in *j, size_t limit);

/*
 * The next value: 1 with *p, *n (in s's buffer, valid until the next call), *line (its first
 * line) and j->count its number (1-based); 0 at the end of the file; FEIT_ESKIP with err
 * (file, line, reason) for a value that was skipped (too long) or a file that is not JSON
 * from some point on (the rest of it is then skipped: the next call gives 0); -1 on a read
 * error or when out of memory.
 */
int json_next(json_in *j, in_stream *s, const char *file, const char **p, size_t *n, long *line, feit_error *err);

#endif
