/* out.c — where a subcommand's JSON Lines records go (cli.h): whole records or nothing. A named
 * regular file is written as a temporary file beside it and renamed over it at the end, so a
 * run that fails leaves the old file as it was; records go out with write(2) at record
 * boundaries, and a failed write of a regular file is cut back to the last whole record. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUT_BUF (256u << 10)

struct cli_out {
    int fd;
    int own;            /* fd is ours to close */
    int regular;        /* a regular file: a failed write is cut back to good */
    off_t good;         /* where the last whole record ends (regular files) */
    char *path;         /* the file named (NULL: stdout) */
    char *tmp;          /* the temporary file beside it, renamed to path at the end */
    char *buf;
    size_t len;
    int err;            /* errno of the first failed write, 0 while all is well */
};

cli_out *cli_out_open(const char *path, const char *prog)
{
    cli_out *o = calloc(1, sizeof *o);
    if (!o || !(o->buf = malloc(OUT_BUF))) {
        fprintf(stderr, "%s: out of memory\n", prog);
        free(o);
        return NULL;
    }
    o->fd = 1;
    struct stat st;
    if (path && strcmp(path, "-")) {
        /* a name that is a symbolic link: the file it points to is the one replaced */
        char real[PATH_MAX];
        const char *target = path;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real))
            target = real;
        int exists = stat(target, &st) == 0;
        if (exists && !S_ISREG(st.st_mode)) {
            /* a device or a FIFO (-o /dev/null) is written as it is: it cannot be replaced */
            o->fd = open(target, O_WRONLY | O_CLOEXEC);
            o->own = o->fd >= 0;
        } else {
            size_t n = strlen(target) + 16;
            if (!(o->path = strdup(target)) || !(o->tmp = malloc(n))) {
                fprintf(stderr, "%s: out of memory\n", prog);
                cli_out_finish(o, 0);
                return NULL;
            }
            /* hidden (".name.part-XXXXXX"), so a walk of the directory never reads it */
            const char *base = strrchr(target, '/');
            base = base ? base + 1 : target;
            snprintf(o->tmp, n, "%.*s.%s.part-XXXXXX", (int)(base - target), target, base);
            o->fd = mkostemp(o->tmp, O_CLOEXEC);
            if (o->fd >= 0) {
                o->own = 1;
                mode_t um = umask(0);
                umask(um);
                /* the mode the file has, or a new file's (mkstemp makes it 0600) */
                if (fchmod(o->fd, exists ? st.st_mode & 07777 : 0666 & ~um)) {
                    /* (not worth failing the run for) */
                }
                cli_stop_cleanup(o->tmp);
            } else {
                free(o->tmp), o->tmp = NULL;
            }
        }
        if (o->fd < 0) {
            fprintf(stderr, "%s: %s: cannot write: %s\n", prog, path, strerror(errno));
            free(o->path), o->path = NULL;
            cli_out_finish(o, 0);
            return NULL;
        }
    }
    if (fstat(o->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        /* where our records start: the offset, or the end for a file opened to append (>>),
         * whose offset means nothing until the first write */
        int fl = fcntl(o->fd, F_GETFL);
        o->good = lseek(o->fd, 0, fl >= 0 && (fl & O_APPEND) ? SEEK_END : SEEK_CUR);
        o->regular = o->good >= 0;
    }
    return o;
}

/* Writes all of s[0..n), going on after a short write (a signal may cut a write to a pipe). */
static int write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t k = write(fd, s, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += k, n -= (size_t)k;
    }
    return 0;
}

/* s[0..n), whole records, out to the file; on failure a regular file is cut back to its last
 * whole record (O_APPEND writes land at the end whatever the offset: the cut is there too). */
static int put(cli_out *o, const char *s, size_t n)
{
    if (write_all(o->fd, s, n)) {
        o->err = errno ? errno : EIO;
        if (o->regular && ftruncate(o->fd, o->good) == 0)
            lseek(o->fd, o->good, SEEK_SET);
        errno = o->err;
        return -1;
    }
    if (o->regular)
        o->good += (off_t)n;
    return 0;
}

static int flush(cli_out *o)
{
    if (o->err)
        return errno = o->err, -1;
    size_t n = o->len;
    o->len = 0;
    return n ? put(o, o->buf, n) : 0;
}

int cli_out_flush(cli_out *o) { return flush(o); }

int cli_out_write(cli_out *o, const char *s, size_t n)
{
    if (o->err)
        return errno = o->err, -1;
    if (!n) /* (a document without records: s may be NULL) */
        return 0;
    if (o->len + n > OUT_BUF && flush(o))
        return -1;
    if (n >= OUT_BUF) /* a big document's records: straight out, still whole */
        return put(o, s, n);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    return 0;
}

int cli_out_finish(cli_out *o, int keep)
{
    if (!o)
        return 0;
    int rc = 0, err = 0;
    /* what went to standard output (or a device) stays: whole records, written so far */
    if ((keep || !o->tmp) && flush(o))
        rc = -1, err = errno;
    if (keep && !rc && o->tmp && fsync(o->fd)) /* the data is on disk before the name is */
        rc = -1, err = errno;
    if (o->own && close(o->fd) && keep && !rc)
        rc = -1, err = errno;
    if (o->tmp) {
        if (keep && !rc && rename(o->tmp, o->path))
            rc = -1, err = errno;
        if (!keep || rc)
            unlink(o->tmp);
        cli_stop_cleanup(NULL);
    }
    free(o->tmp);
    free(o->path);
    free(o->buf);
    free(o);
    errno = err;
    return rc;
}
