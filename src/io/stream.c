/* stream.c — one open input as UTF-8 bytes (see stream.h). Every input goes through zlib's
 * gzread, which reads gzip and plain files alike, so .gz needs no separate path. */
#include "io/stream.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RAW_CHUNK (1u << 16)
/* a buffer grown past this for one input (a large text file: read whole) is not kept for the
 * next: its document has been copied out, and the memory would stay with the reader */
#define KEEP_BUF (4u << 20)

int stream_open(in_stream *s, int fd)
{
    s->gz = gzdopen(fd, "rb");
    if (!s->gz) {
        close(fd);
        return -1;
    }
    gzbuffer(s->gz, 1 << 17);
    s->blen = s->bpos = s->rlen = s->rpos = 0;
    s->eof = s->raw_eof = 0;
    s->conv = NULL;
    s->conv_bad = 0;
    s->nread = 0;
    return 0;
}

/* The offset zlib has read in the file, or the bytes it handed out where the file has no
 * offset to ask (gzoffset is -1 on a pipe). */
static uint64_t offset(const in_stream *s)
{
    z_off_t o = s->gz ? gzoffset(s->gz) : 0;
    return o >= 0 ? (uint64_t)o : s->nread;
}

void stream_close(in_stream *s)
{
    if (s->gz) {
        s->done += offset(s);
        gzclose(s->gz);
    }
    s->gz = NULL;
    enc_stream_free(s->conv);
    s->conv = NULL;
    s->blen = s->bpos = s->rlen = s->rpos = 0;
    s->eof = s->raw_eof = 0;
    if (s->bcap > KEEP_BUF) {
        free(s->buf);
        s->buf = NULL, s->bcap = 0;
    }
}

void stream_free(in_stream *s)
{
    free(s->buf), free(s->raw);
    s->buf = s->raw = NULL;
    s->bcap = s->rcap = 0;
}

uint64_t stream_consumed(const in_stream *s) { return s->done + offset(s); }

const char *stream_problem(in_stream *s)
{
    int z = Z_OK;
    const char *msg = gzerror(s->gz, &z);
    if (z == Z_OK || z == Z_STREAM_END)
        return NULL;
    if (msg && msg[0] == '<' && strstr(msg, ">: "))
        msg = strstr(msg, ">: ") + 3;
    return msg && *msg ? msg : "read error";
}

/* gzread into p[0..n): bytes read, 0 at the end, -1 on an error. */
static long rd(in_stream *s, char *p, size_t n)
{
    int k = gzread(s->gz, p, (unsigned)(n > (1u << 30) ? (1u << 30) : n));
    if (k > 0)
        s->nread += (uint64_t)k;
    return k;
}

/* Reads more raw bytes behind the unread ones. 1 read, 0 at the end, -1 on an error. */
static int raw_more(in_stream *s, size_t want)
{
    if (s->rpos > 0) {
        memmove(s->raw, s->raw + s->rpos, s->rlen - s->rpos);
        s->rlen -= s->rpos, s->rpos = 0;
    }
    if (s->rcap - s->rlen < want) {
        size_t c = s->rlen + want;
        char *p = realloc(s->raw, c);
        if (!p)
            return -1;
        s->raw = p, s->rcap = c;
    }
    long k = rd(s, s->raw + s->rlen, want);
    if (k < 0)
        return -1;
    if (k == 0) {
        s->raw_eof = 1;
        return 0;
    }
    s->rlen += (size_t)k;
    return 1;
}

long stream_probe(in_stream *s, size_t want)
{
    while (!s->raw_eof && s->rlen - s->rpos < want) {
        if (raw_more(s, want - (s->rlen - s->rpos)) < 0) {
            /* a corrupt .gz: what came before the damage is read first, and the damage is
             * reported where the reading reaches it (zlib keeps the error) */
            s->raw_eof = 1;
            if (s->rlen == s->rpos)
                return -1;
        }
    }
    return (long)(s->rlen - s->rpos);
}

void stream_skip(in_stream *s, size_t n) { s->rpos += n < s->rlen - s->rpos ? n : s->rlen - s->rpos; }

int stream_convert(in_stream *s, const char *charset)
{
    enc_stream_free(s->conv);
    s->conv = enc_stream_new(charset);
    return s->conv ? 0 : -1;
}

long stream_fill(in_stream *s)
{
    if (s->bpos > 0 && s->bpos < s->blen) {
        memmove(s->buf, s->buf + s->bpos, s->blen - s->bpos);
        s->blen -= s->bpos;
        s->bpos = 0;
    } else if (s->bpos >= s->blen) {
        s->blen = s->bpos = 0;
    }
    if (s->eof)
        return (long)(s->blen - s->bpos);
    /* room for a raw chunk converted (at most 3 bytes of UTF-8 for each byte) */
    if (s->bcap - s->blen < 4 * (size_t)RAW_CHUNK) {
        size_t c = s->bcap ? s->bcap * 2 : 1 << 20;
        char *p = realloc(s->buf, c);
        if (!p)
            return -1;
        s->buf = p, s->bcap = c;
    }
    size_t room = s->bcap - s->blen;
    if (s->conv) {
        size_t before = s->blen;
        while (s->blen == before && !s->eof) {
            if (s->rpos == s->rlen && !s->raw_eof && raw_more(s, RAW_CHUNK) < 0)
                return -1;
            size_t in = s->rlen - s->rpos;
            s->blen += enc_stream_convert(s->conv, s->raw + s->rpos, &in, s->buf + s->blen, room, s->raw_eof, &s->conv_bad);
            s->rpos += in;
            if (s->raw_eof && s->rpos == s->rlen)
                s->eof = 1;
            else if (!in && s->rpos < s->rlen && !s->raw_eof && raw_more(s, RAW_CHUNK) < 0)
                return -1; /* a character cut by the chunk's end: read its rest */
        }
    } else if (s->rpos < s->rlen) { /* what the probe read comes first */
        size_t k = s->rlen - s->rpos < room ? s->rlen - s->rpos : room;
        memcpy(s->buf + s->blen, s->raw + s->rpos, k);
        s->blen += k, s->rpos += k;
    } else {
        long k = rd(s, s->buf + s->blen, room);
        if (k < 0)
            return -1;
        if (k == 0)
            s->eof = 1;
        s->blen += (size_t)k;
    }
    return (long)(s->blen - s->bpos);
}
