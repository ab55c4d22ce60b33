/*
 * stream.h — the bytes of one open input for the reader (reader.c, json.c): read through
 * zlib (gzip and plain files alike), converted to UTF-8 when the input is in another encoding
 * (encoding.h), and buffered so that a parser can look at whole lines or values.
 *
 * The first bytes can be looked at raw (stream_probe) before anything is decided: a
 * byte-order mark is then skipped (stream_skip) and a conversion chosen (stream_convert).
 * The fields are read by the parsers: buf[bpos..blen) is the data not yet consumed.
 */
#ifndef FEIT_STREAM_H
#define FEIT_STREAM_H

#include "io/encoding.h"

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

typedef struct in_stream {
    gzFile gz;                /* NULL: no input open */
    char *buf;                /* UTF-8 data; owned, kept from one input to the next (unless it
                                 grew past 4 MB for one: stream_close frees it) */
    size_t blen, bpos, bcap;
    int eof;                  /* nothing more after buf[blen] */
    char *raw;                /* bytes as read, before conversion */
    size_t rlen, rpos, rcap;
    int raw_eof;
    enc_stream *conv;         /* NULL: the bytes are UTF-8 already */
    size_t conv_bad;          /* bytes the conversion could not read (each became U+FFFD) */
    uint64_t nread;           /* bytes zlib has handed out (uncompressed) */
    uint64_t done;            /* input bytes of the inputs already closed */
} in_stream;

/* Opens fd (the stream owns it from then on, also on failure). 0, or -1. */
int stream_open(in_stream *s, int fd);
/* Closes the open input (if any); buffers are kept for the next, but for a data buffer that
 * grew past 4 MB (a large file read whole). */
void stream_close(in_stream *s);
/* Frees the buffers (after stream_close). */
void stream_free(in_stream *s);

/* Reads raw bytes until `want` are buffered or the input ends; returns the raw bytes
 * available (s->raw + s->rpos), -1 on a read error before any byte (a later one is met by
 * stream_fill). Only before the first stream_fill. */
long stream_probe(in_stream *s, size_t want);
/* Drops n raw bytes (a byte-order mark). */
void stream_skip(in_stream *s, size_t n);
/* Converts everything from now on from charset. 0, or -1 (unknown charset, no memory). */
int stream_convert(in_stream *s, const char *charset);

/* Moves the unconsumed data to the front and reads more. Returns the bytes available
 * (blen - bpos), 0 at the end, -1 on a read error or when out of memory. */
long stream_fill(in_stream *s);

/* zlib's problem with the input ("unexpected end of file", without zlib's "<fd:N>: "), or
 * NULL when it ended cleanly. */
const char *stream_problem(in_stream *s);

/* Input bytes consumed so far over all inputs: compressed bytes of a .gz file, the bytes read
 * where the offset cannot be asked (a pipe). */
uint64_t stream_consumed(const in_stream *s);

#endif
