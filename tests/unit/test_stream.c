/* test_stream.c — io/stream.c on a pipe: what has come is handed out without waiting for more,
 * a wait is told (tell_wait) or ended by a stop flag without losing a byte, and a gzip stream
 * (two members, then one cut short) is inflated as gzread has it. The writer is this process:
 * every read finds its bytes already there, or finds none and must not block. */
#include "check.h"
#include "io/stream.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* A gzip member of s, all of it (flushed to its end). */
static size_t gz_member(const char *s, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)(uintptr_t)s, z.avail_in = (uInt)strlen(s);
    z.next_out = out, z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

/* The bytes buffered, as a string (the stream's data is not NUL-terminated). */
static const char *buffered(const in_stream *s)
{
    static char text[256];
    size_t n = s->blen - s->bpos < sizeof text - 1 ? s->blen - s->bpos : sizeof text - 1;
    memcpy(text, s->buf + s->bpos, n);
    text[n] = '\0';
    return text;
}

static void plain_pipe(void)
{
    int fd[2];
    CHECK(pipe(fd) == 0);
    in_stream s;
    memset(&s, 0, sizeof s);
    volatile int stop = 0;
    s.stop = (const volatile int *)&stop;
    s.tell_wait = 1;
    CHECK(stream_open(&s, fd[0]) == 0);
    CHECK_INT(s.kind, IN_PIPE);
    /* nothing written yet: told once, then (stop asked) no wait either */
    CHECK_INT(stream_fill(&s), STREAM_AGAIN);
    stop = 1;
    CHECK_INT(stream_fill(&s), STREAM_STOP);
    stop = 0;
    /* a line: handed out as it is, the writer still open */
    CHECK(write(fd[1], "{\"id\":1}\n{\"id\"", 14) == 14);
    CHECK_INT(stream_fill(&s), 14);
    CHECK_STR(buffered(&s), "{\"id\":1}\n{\"id\"");
    /* nothing more: told (the bytes stay), and after the stop the same */
    CHECK_INT(stream_fill(&s), STREAM_AGAIN);
    stop = 1;
    CHECK_INT(stream_fill(&s), STREAM_STOP);
    CHECK_STR(buffered(&s), "{\"id\":1}\n{\"id\"");
    stop = 0;
    CHECK(write(fd[1], ":2}\n", 4) == 4);
    close(fd[1]);
    CHECK_INT(stream_fill(&s), 18);
    CHECK_INT(stream_fill(&s), 18); /* the end */
    CHECK(s.eof);
    CHECK(stream_problem(&s) == NULL);
    CHECK_INT(stream_consumed(&s), 18);
    stream_close(&s);
    stream_free(&s);
}

static void gzip_pipe(void)
{
    unsigned char a[256], b[256];
    size_t na = gz_member("eerste regel\n", a, sizeof a), nb = gz_member("tweede regel\n", b, sizeof b);
    int fd[2];
    CHECK(pipe(fd) == 0);
    in_stream s;
    memset(&s, 0, sizeof s);
    s.tell_wait = 1;
    CHECK(stream_open(&s, fd[0]) == 0);
    /* the first member, then the second cut inside its compressed data: the first line comes
     * out at once, and the second is whole once the rest of its member has come */
    CHECK(write(fd[1], a, na) == (ssize_t)na);
    CHECK(write(fd[1], b, nb - 12) == (ssize_t)(nb - 12));
    long k;
    while ((k = stream_fill(&s)) > 0)
        ;
    CHECK_INT(s.kind, IN_PIPE_GZ);
    CHECK_INT(k, STREAM_AGAIN);
    CHECK(!strncmp(buffered(&s), "eerste regel\n", 13) && s.blen - s.bpos < 26);
    CHECK(write(fd[1], b + nb - 12, 12) == 12);
    while ((k = stream_fill(&s)) > 0 && s.blen - s.bpos < 26)
        ;
    CHECK_STR(buffered(&s), "eerste regel\ntweede regel\n");
    /* a third member cut short: the end is "unexpected end of file", as gzread says it */
    CHECK(write(fd[1], a, na - 4) == (ssize_t)(na - 4));
    close(fd[1]);
    while ((k = stream_fill(&s)) > 0 && !s.eof)
        ;
    CHECK(s.eof);
    CHECK_STR(stream_problem(&s), "unexpected end of file");
    stream_close(&s);
    stream_free(&s);
}

int main(void)
{
    plain_pipe();
    gzip_pipe();
    return check_failed ? 1 : 0;
}
