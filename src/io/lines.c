/* lines.c — a line reader over zlib (see lines.h). */
#include "io/lines.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

struct feit_lines {
    gzFile f;
    size_t pos, len;
    char *line; /* the current line, owned */
    size_t cap, max;
    char chunk[1 << 16];
};

feit_lines *lines_open(const char *path, size_t max)
{
    feit_lines *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->max = max;
    if (!strcmp(path, "-")) {
        int fd = dup(0);
        r->f = fd >= 0 ? gzdopen(fd, "rb") : NULL;
        if (!r->f && fd >= 0)
            close(fd);
    } else {
        r->f = gzopen(path, "rb");
    }
    if (!r->f) {
        free(r);
        return NULL;
    }
    return r;
}

void lines_close(feit_lines *r)
{
    if (!r)
        return;
    gzclose(r->f);
    free(r->line);
    free(r);
}

long lines_next(feit_lines *r, char **line)
{
    size_t n = 0;
    int any = 0, over = 0; /* over: past max, the rest of the line is read and dropped */
    for (;;) {
        if (r->pos == r->len) {
            int got = gzread(r->f, r->chunk, sizeof r->chunk);
            if (got < 0)
                return -3;
            if (got == 0) {
                if (!any)
                    return -1;
                break;
            }
            r->pos = 0;
            r->len = (size_t)got;
        }
        any = 1;
        const char *nl = memchr(r->chunk + r->pos, '\n', r->len - r->pos);
        size_t take = nl ? (size_t)(nl - (r->chunk + r->pos)) : r->len - r->pos;
        /* a "\r" before the newline is not part of the line: allow for it */
        if (!over && n + take > r->max + 1)
            over = 1;
        if (!over) {
            if (n + take + 1 > r->cap) {
                size_t ncap = r->cap ? r->cap : 65536;
                while (ncap < n + take + 1)
                    ncap *= 2;
                if (ncap > r->max + 2)
                    ncap = r->max + 2;
                char *nb = realloc(r->line, ncap);
                if (!nb)
                    return -2;
                r->line = nb, r->cap = ncap;
            }
            memcpy(r->line + n, r->chunk + r->pos, take);
        }
        n += take;
        r->pos += take + (nl != NULL);
        if (nl)
            break;
    }
    if (over)
        return LINES_TOO_LONG;
    if (n > 0 && r->line[n - 1] == '\r')
        n--;
    if (n > r->max)
        return LINES_TOO_LONG;
    r->line[n] = '\0';
    *line = r->line;
    return (long)n;
}

int lines_gzerror(feit_lines *r, const char **msg)
{
    int code = Z_OK;
    *msg = gzerror(r->f, &code);
    return code;
}
