/* json.c — the values of a JSON file, one at a time (see json.h). The scanner keeps its state
 * between reads, so a value is looked at once however many reads it takes. */
#include "io/json.h"

#include "core/error.h"

#include <string.h>

enum { J_START, J_FIRST, J_NEXT, J_VALUES, J_AFTER, J_DONE };

void json_begin(json_in *j, size_t limit)
{
    memset(j, 0, sizeof *j);
    j->state = J_START;
    j->line = 1;
    j->limit = limit;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Skips white space (counting lines). Returns the next byte, -1 at the end, -2 on an error. */
static int peek(json_in *j, in_stream *s)
{
    for (;;) {
        while (s->bpos < s->blen && is_ws(s->buf[s->bpos]))
            j->line += s->buf[s->bpos++] == '\n';
        if (s->bpos < s->blen)
            return (unsigned char)s->buf[s->bpos];
        long k = stream_fill(s);
        if (k < 0)
            return -2;
        if (k == 0)
            return -1;
    }
}

/* Scans the value at s->buf[bpos] from where it stopped. 1 complete (vlen), 0 more needed, -1
 * cannot start a value, -2 cut by the end of the file. */
static int scan(json_in *j, const char *p, size_t n, int at_end)
{
    size_t i = j->vlen;
    if (i == 0 && !j->dropped) {
        if (n == 0)
            return at_end ? -2 : 0;
        char c = p[0];
        if (c == '}' || c == ']' || c == ',' || c == ':')
            return -1;
        j->scalar = c != '{' && c != '[' && c != '"';
    }
    for (; i < n; i++) {
        char c = p[i];
        if (j->in_str) {
            if (j->esc)
                j->esc = 0;
            else if (c == '\\')
                j->esc = 1;
            else if (c == '"') {
                j->in_str = 0;
                if (!j->depth && !j->scalar) {
                    j->vlen = i + 1;
                    return 1;
                }
            } else if (c == '\n')
                j->vlines++;
            continue;
        }
        if (j->scalar) { /* a number, true, false, null (or junk): up to a delimiter */
            if (is_ws(c) || c == ',' || c == ']' || c == '}' || c == '{' || c == '[' || c == '"') {
                j->vlen = i;
                return 1;
            }
            continue;
        }
        if (c == '"') {
            j->in_str = 1;
        } else if (c == '{' || c == '[') {
            j->depth++;
        } else if (c == '}' || c == ']') {
            if (--j->depth == 0) {
                j->vlen = i + 1;
                return 1;
            }
        } else if (c == '\n') {
            j->vlines++;
        }
    }
    j->vlen = n;
    if (at_end)
        return j->scalar && n > 0 ? 1 : -2;
    return 0;
}

/* Scans one value (its first byte at bpos, not white space). */
static int value(json_in *j, in_stream *s, const char *file, const char **p, size_t *n, long *line, feit_error *err)
{
    long first = j->line;
    j->vlen = 0, j->vlines = 0, j->depth = j->in_str = j->esc = 0, j->dropped = 0;
    for (;;) {
        int r = scan(j, s->buf + s->bpos, s->blen - s->bpos, s->eof);
        if (r == 1)
            break;
        if (r == -1) {
            feit_error_set(err, file, first, 0, "not JSON: '%c' where a value should start (value %ld): rest of the file skipped",
                           s->buf[s->bpos], j->count + 1);
            j->state = J_DONE;
            return FEIT_ESKIP;
        }
        if (r == -2) {
            feit_error_set(err, file, first, 0, "value %ld is cut off by the end of the file (truncated?): skipped", j->count + 1);
            j->line += j->vlines;
            s->bpos = s->blen;
            j->state = J_DONE;
            return FEIT_ESKIP;
        }
        if (j->vlen > j->limit) { /* too long: let it go as it is scanned, memory stays bounded */
            j->dropped += j->vlen;
            s->bpos += j->vlen;
            j->vlen = 0;
        }
        if (stream_fill(s) < 0)
            return -1;
    }
    j->count++;
    if (j->dropped) {
        s->bpos += j->vlen;
        j->line += j->vlines;
        feit_error_set(err, file, first, 0, "value %ld longer than the maximum document size (--max-doc-bytes): skipped", j->count);
        return FEIT_ESKIP;
    }
    *p = s->buf + s->bpos, *n = j->vlen, *line = first;
    return 1;
}

/* Consumes the value handed out last time. */
static void consume(json_in *j, in_stream *s)
{
    if (j->vlen && !j->dropped) {
        s->bpos += j->vlen;
        j->line += j->vlines;
    }
    j->vlen = 0, j->dropped = 0;
}

int json_next(json_in *j, in_stream *s, const char *file, const char **p, size_t *n, long *line, feit_error *err)
{
    consume(j, s);
    for (;;) {
        int c = j->state == J_DONE ? -1 : peek(j, s);
        if (c == -2)
            return -1;
        switch (j->state) {
        case J_START:
            if (c == -1) {
                feit_error_set(err, file, 0, 0, "empty file: skipped");
                j->state = J_DONE;
                return FEIT_ESKIP;
            }
            if (c == '[') {
                j->array = 1;
                s->bpos++;
                j->state = J_FIRST;
                continue;
            }
            j->state = J_VALUES;
            {
                int r = value(j, s, file, p, n, line, err);
                if (r != 1)
                    return r;
                /* the only value? look past it without consuming it */
                size_t k = s->bpos + j->vlen;
                for (;;) {
                    while (k < s->blen && is_ws(s->buf[k]))
                        k++;
                    if (k < s->blen || s->eof)
                        break;
                    size_t off = k - s->bpos;
                    if (stream_fill(s) < 0)
                        return -1;
                    k = s->bpos + off;
                    *p = s->buf + s->bpos; /* the buffer may have moved */
                }
                j->single = k >= s->blen;
                return 1;
            }
        case J_FIRST:
        case J_NEXT:
            if (c == -1) {
                feit_error_set(err, file, j->line, 0, "the array is not closed (truncated file?)");
                j->state = J_DONE;
                return FEIT_ESKIP;
            }
            if (c == ']') {
                s->bpos++;
                j->state = J_AFTER;
                continue;
            }
            if (j->state == J_NEXT) {
                if (c != ',') {
                    feit_error_set(err, file, j->line, 0, "not JSON: '%c' after value %ld where ',' or ']' should be: rest of the file skipped",
                                   c, j->count);
                    j->state = J_DONE;
                    return FEIT_ESKIP;
                }
                s->bpos++;
                c = peek(j, s);
                if (c == -2)
                    return -1;
                if (c == ']') { /* a trailing comma: let it be */
                    s->bpos++;
                    j->state = J_AFTER;
                    continue;
                }
                if (c == -1)
                    continue; /* reported as an unclosed array */
            }
            j->state = J_NEXT;
            return value(j, s, file, p, n, line, err);
        case J_VALUES:
            if (c == -1) {
                j->state = J_DONE;
                return 0;
            }
            return value(j, s, file, p, n, line, err);
        case J_AFTER:
            j->state = J_DONE;
            if (c == -1)
                return 0;
            feit_error_set(err, file, j->line, 0, "data after the end of the array: ignored");
            return FEIT_ESKIP;
        default:
            return 0;
        }
    }
}
