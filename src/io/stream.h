/*
 * stream.h — the bytes of one open input for the reader (reader.c, json.c), converted to UTF-8
 * when the input is in another encoding (encoding.h), and buffered so that a parser can look at
 * whole lines or values. A regular file is read through zlib's gzread (gzip and plain files
 * alike). A pipe, FIFO, terminal or socket is read with poll and read, which hand out what has
 * come (a producer's line is not kept waiting for 128 KiB or the end, as gzread would), and
 * whose wait a stop request ends; a gzip stream there (its magic number) goes through inflate.
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

/* stream_probe and stream_fill: a stop was asked for (in_stream.stop) while they waited for
 * input; nothing read is lost, a later call goes on */
#define STREAM_STOP (-2)
/* stream_probe and stream_fill: they would wait for input and in_stream.tell_wait is set;
 * nothing read is lost, the next call waits */
#define STREAM_AGAIN (-3)

enum { IN_NONE, IN_FILE, IN_PIPE, IN_PIPE_GZ };

typedef struct in_stream {
    int kind;                 /* IN_*: how the open input is read; IN_NONE: no input open */
    gzFile gz;                /* IN_FILE: zlib reads it */
    int fd;                   /* IN_PIPE(_GZ): read with poll and read */
    const volatile int *stop; /* set by the owner, kept from one input to the next (NULL: none):
                                 a wait for input on a pipe ends when *stop is nonzero */
    int tell_wait;            /* set by the owner: STREAM_AGAIN once before a wait for input */
    int told;                 /* STREAM_AGAIN was returned, and nothing read since */
    unsigned char *zin;       /* IN_PIPE(_GZ): bytes read, not yet handed out or inflated; owned */
    size_t zpos, zlen;
    int sniffed, fd_eof, z_member, z_done;
    z_stream z;               /* IN_PIPE_GZ */
    const char *problem;      /* IN_PIPE(_GZ): what went wrong (a static string), or NULL */
    uint64_t fdread;          /* IN_PIPE(_GZ): bytes read from fd */
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

/* Reads raw bytes until `want` are buffered, the input ends, or (a pipe) a line has come;
 * returns the raw bytes available (s->raw + s->rpos), -1 on a read error before any byte (a
 * later one is met by stream_fill), STREAM_STOP, STREAM_AGAIN. Only before the first stream_fill. */
long stream_probe(in_stream *s, size_t want);
/* Drops n raw bytes (a byte-order mark). */
void stream_skip(in_stream *s, size_t n);
/* Converts everything from now on from charset. 0, or -1 (unknown charset, no memory). */
int stream_convert(in_stream *s, const char *charset);

/* Moves the unconsumed data to the front and reads more. Returns the bytes available
 * (blen - bpos), 0 at the end, -1 on a read error or when out of memory, STREAM_STOP,
 * STREAM_AGAIN. */
long stream_fill(in_stream *s);

/* What went wrong reading the input (zlib's words: "unexpected end of file", without zlib's
 * "<fd:N>: "), or NULL when it ended cleanly. */
const char *stream_problem(in_stream *s);

/* Input bytes consumed so far over all inputs: compressed bytes of a .gz file, the bytes read
 * where the offset cannot be asked (a pipe). */
uint64_t stream_consumed(const in_stream *s);

static inline int stream_is_open(const in_stream *s) { return s->kind != IN_NONE; }

#endif
