/* stream.c — one open input as UTF-8 bytes (see stream.h). A regular file goes through zlib's
 * gzread, which reads gzip and plain files alike, so .gz needs no separate path; a pipe is read
 * as its bytes come (poll and read), and inflated when it starts with gzip's magic number. */
#include "io/stream.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RAW_CHUNK (1u << 16)
#define ZIN_SIZE (1u << 16)
/* a buffer grown past this for one input (a large text file: read whole) is not kept for the
 * next: its document has been copied out, and the memory would stay with the reader */
#define KEEP_BUF (4u << 20)
/* how often a wait for input looks at the stop flag, for a signal that came between the look
 * and the poll (the signal itself ends the poll: EINTR) */
#define STOP_LOOK_MS 200

int stream_open(in_stream *s, int fd)
{
    struct stat st;
    s->blen = s->bpos = s->rlen = s->rpos = 0;
    s->eof = s->raw_eof = 0;
    s->conv = NULL;
    s->conv_bad = 0;
    s->nread = 0;
    s->gz = NULL;
    s->fd = -1;
    s->zpos = s->zlen = 0;
    s->sniffed = s->fd_eof = s->z_member = s->z_done = 0;
    s->problem = NULL;
    s->fdread = 0;
    s->told = 0;
    if (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISCHR(st.st_mode))) {
        s->fd = fd;
        s->kind = IN_PIPE;
        return 0;
    }
    s->gz = gzdopen(fd, "rb");
    if (!s->gz) {
        close(fd);
        return -1;
    }
    gzbuffer(s->gz, 1 << 17);
    s->kind = IN_FILE;
    return 0;
}

/* The offset zlib has read in the file, or the bytes it handed out where the file has no
 * offset to ask; the bytes read from a pipe. */
static uint64_t offset(const in_stream *s)
{
    if (s->kind != IN_FILE)
        return s->fdread;
    z_off_t o = gzoffset(s->gz);
    return o >= 0 ? (uint64_t)o : s->nread;
}

void stream_close(in_stream *s)
{
    if (s->kind != IN_NONE)
        s->done += offset(s);
    if (s->kind == IN_FILE)
        gzclose(s->gz);
    if (s->kind == IN_PIPE_GZ)
        inflateEnd(&s->z);
    if (s->kind == IN_PIPE || s->kind == IN_PIPE_GZ)
        close(s->fd);
    s->kind = IN_NONE;
    s->gz = NULL;
    s->fd = -1;
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
    free(s->buf), free(s->raw), free(s->zin);
    s->buf = s->raw = NULL;
    s->zin = NULL;
    s->bcap = s->rcap = 0;
}

uint64_t stream_consumed(const in_stream *s) { return s->done + offset(s); }

const char *stream_problem(in_stream *s)
{
    if (s->kind != IN_FILE)
        return s->problem;
    int z = Z_OK;
    const char *msg = gzerror(s->gz, &z);
    if (z == Z_OK || z == Z_STREAM_END)
        return NULL;
    if (msg && msg[0] == '<' && strstr(msg, ">: "))
        msg = strstr(msg, ">: ") + 3;
    return msg && *msg ? msg : "read error";
}

/* One read of a pipe into p[0..n): waits (poll) until bytes come or a stop is asked for. Bytes
 * read, 0 at the end, -1 on an error, STREAM_STOP, STREAM_AGAIN (tell_wait: before a wait). */
static long fd_read(in_stream *s, void *p, size_t n)
{
    for (;;) {
        if (s->stop && *s->stop)
            return STREAM_STOP;
        struct pollfd pf = {.fd = s->fd, .events = POLLIN};
        int tell = s->tell_wait && !s->told;
        int k = poll(&pf, 1, tell ? 0 : s->stop ? STOP_LOOK_MS : -1);
        if (k == 0 && tell) {
            s->told = 1;
            return STREAM_AGAIN;
        }
        if (k == 0 || (k < 0 && errno == EINTR))
            continue;
        if (k > 0) {
            ssize_t got = read(s->fd, p, n);
            if (got >= 0) {
                s->told = 0;
                s->fdread += (uint64_t)got;
                return (long)got;
            }
            if (errno == EINTR || errno == EAGAIN)
                continue;
        }
        s->problem = strerror(errno);
        return -1;
    }
}

/* The first bytes of a pipe: gzip's magic number makes it IN_PIPE_GZ. 0, -1, STREAM_STOP. */
static long sniff(in_stream *s)
{
    if (!s->zin && !(s->zin = malloc(ZIN_SIZE))) {
        s->problem = "out of memory";
        return -1;
    }
    while (s->zlen < 2 && !s->fd_eof) {
        long k = fd_read(s, s->zin + s->zlen, ZIN_SIZE - s->zlen);
        if (k < 0)
            return k;
        s->fd_eof = k == 0;
        s->zlen += (size_t)k;
    }
    s->sniffed = 1;
    if (s->zlen >= 2 && s->zin[0] == 0x1f && s->zin[1] == 0x8b) {
        memset(&s->z, 0, sizeof s->z);
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
            s->problem = "out of memory";
            return -1;
        }
        s->kind = IN_PIPE_GZ;
    }
    return 0;
}

/* Inflates what has come of a gzip pipe into p[0..n), reading more only while nothing came
 * out. Members follow one another; bytes after a member that start no other are let go, and a
 * member cut by the end is "unexpected end of file", as gzread has them. */
static long inflate_rd(in_stream *s, char *p, size_t n)
{
    z_stream *z = &s->z;
    z->next_out = (Bytef *)p;
    z->avail_out = (uInt)n;
    while (z->avail_out == n && !s->z_done) {
        if (s->zpos == s->zlen) {
            long k = s->fd_eof ? 0 : fd_read(s, s->zin, ZIN_SIZE);
            if (k < 0)
                return k;
            if (k == 0) {
                s->fd_eof = s->z_done = 1;
                if (s->z_member)
                    s->problem = "unexpected end of file";
                break;
            }
            s->zpos = 0, s->zlen = (size_t)k;
        }
        if (!s->z_member && s->zin[s->zpos] != 0x1f) {
            s->z_done = 1; /* not another member: the rest is let go */
            break;
        }
        s->z_member = 1;
        z->next_in = s->zin + s->zpos;
        z->avail_in = (uInt)(s->zlen - s->zpos);
        int rc = inflate(z, Z_NO_FLUSH);
        s->zpos = s->zlen - z->avail_in;
        if (rc == Z_STREAM_END) {
            inflateReset(z);
            s->z_member = 0;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            s->problem = z->msg ? z->msg : "compressed data error";
            s->z_done = 1;
            return -1;
        }
    }
    return (long)(n - z->avail_out);
}

/* Reads into p[0..n): bytes read, 0 at the end, -1 on an error, STREAM_STOP. */
static long rd(in_stream *s, char *p, size_t n)
{
    long k;
    if (n > (1u << 30))
        n = 1u << 30;
    if (s->kind == IN_FILE) {
        k = gzread(s->gz, p, (unsigned)n);
    } else if (!s->sniffed && (k = sniff(s)) < 0) {
        return k;
    } else if (s->kind == IN_PIPE_GZ) {
        k = inflate_rd(s, p, n);
    } else if (s->zpos < s->zlen) { /* the bytes the sniff read */
        k = (long)(s->zlen - s->zpos < n ? s->zlen - s->zpos : n);
        memcpy(p, s->zin + s->zpos, (size_t)k);
        s->zpos += (size_t)k;
    } else {
        k = s->fd_eof ? 0 : fd_read(s, p, n);
    }
    if (k > 0)
        s->nread += (uint64_t)k;
    return k;
}

/* Reads more raw bytes behind the unread ones. 1 read, 0 at the end, -1 on an error,
 * STREAM_STOP. */
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
        return (int)k;
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
        /* a pipe: a first line is enough to decide on, its document is not kept waiting */
        if (s->kind != IN_FILE && s->rlen > s->rpos && memchr(s->raw + s->rpos, '\n', s->rlen - s->rpos))
            break;
        int m = raw_more(s, want - (s->rlen - s->rpos));
        if (m == STREAM_STOP || m == STREAM_AGAIN)
            return m;
        if (m < 0) {
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
            int m = s->rpos == s->rlen && !s->raw_eof ? raw_more(s, RAW_CHUNK) : 1;
            if (m < 0)
                return m;
            size_t in = s->rlen - s->rpos;
            s->blen += enc_stream_convert(s->conv, s->raw + s->rpos, &in, s->buf + s->blen, room, s->raw_eof, &s->conv_bad);
            s->rpos += in;
            if (s->raw_eof && s->rpos == s->rlen)
                s->eof = 1;
            else if (!in && s->rpos < s->rlen && !s->raw_eof && (m = raw_more(s, RAW_CHUNK)) < 0)
                return m; /* a character cut by the chunk's end: read its rest */
        }
    } else if (s->rpos < s->rlen) { /* what the probe read comes first */
        size_t k = s->rlen - s->rpos < room ? s->rlen - s->rpos : room;
        memcpy(s->buf + s->blen, s->raw + s->rpos, k);
        s->blen += k, s->rpos += k;
    } else {
        long k = rd(s, s->buf + s->blen, room);
        if (k < 0)
            return k;
        if (k == 0)
            s->eof = 1;
        s->blen += (size_t)k;
    }
    return (long)(s->blen - s->bpos);
}
