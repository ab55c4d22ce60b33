/* reader.c — streaming input (see feit.h, feit_reader_new). Every input goes through zlib's gzread, which
 * reads gzip and plain files alike, so .gz needs no separate path. */
#include "feit.h"

#include "core/error.h"
#include "io/jsonl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

typedef struct input {
    char *path; /* as opened */
    char *id;   /* document id for text input: path relative to the directory given */
    const char *bad; /* robustness: set by walk() for an entry that must not be opened (a FIFO
                      * would block open() forever, a symlink loop would recurse without end);
                      * open_next reports it as a skip. NULL for normal files. */
} input;

/* A directory on the path from the walk's root, to detect symbolic-link cycles. */
typedef struct walk_dir {
    dev_t dev;
    ino_t ino;
    const struct walk_dir *up;
} walk_dir;

struct feit_reader {
    char *const *paths;
    size_t npaths, next_path;
    feit_read_format fmt;
    size_t max_doc;
    /* the expanded list of the current path (a directory gives many files) */
    input *files;
    size_t nfiles, next_file;
    /* the open file */
    gzFile gz;
    const char *cur_path;
    int cur_jsonl;
    long line;
    char *buf; /* read buffer */
    size_t blen, bpos, bcap;
    int eof;
    uint64_t consumed_done, total;
    int stdin_used;
    /* robustness: ids handed out so far, as 64-bit hashes in an open-addressing set (0 = empty),
     * so that a duplicate id is reported and skipped instead of silently merged downstream.
     * 8 bytes a document; a false duplicate needs a 64-bit hash collision. */
    uint64_t *seen;
    size_t nseen, cseen;
};

static int cmp_input(const void *a, const void *b) { return strcmp(((const input *)a)->path, ((const input *)b)->path); }

static int push_file(feit_reader *r, size_t *cap, const char *path, const char *id, const char *bad)
{
    if (r->nfiles == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        input *p = realloc(r->files, c * sizeof *p);
        if (!p)
            return FEIT_ENOMEM;
        r->files = p, *cap = c;
    }
    input *in = &r->files[r->nfiles];
    in->path = strdup(path);
    in->id = strdup(id);
    in->bad = bad;
    if (!in->path || !in->id) {
        free(in->path), free(in->id);
        return FEIT_ENOMEM;
    }
    r->nfiles++;
    return 0;
}

/* Walks a directory recursively; unreadable entries are kept so that opening them reports.
 * anc: the directories above (symlink cycles are reported, not followed); FIFOs, sockets and
 * devices inside a directory are reported, not opened (open() on a FIFO blocks forever). */
static int walk(feit_reader *r, size_t *cap, const char *dir, const char *rel, const walk_dir *anc)
{
    DIR *d = opendir(dir);
    if (!d)
        return push_file(r, cap, dir, rel[0] ? rel : dir, NULL);
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue; /* ., .., hidden files */
        size_t pl = strlen(dir) + strlen(de->d_name) + 2, rl = strlen(rel) + strlen(de->d_name) + 2;
        char *path = malloc(pl), *r2 = malloc(rl);
        if (!path || !r2) {
            free(path), free(r2);
            rc = FEIT_ENOMEM;
            break;
        }
        snprintf(path, pl, "%s/%s", dir, de->d_name);
        snprintf(r2, rl, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            const walk_dir *a = anc;
            while (a && !(a->dev == st.st_dev && a->ino == st.st_ino))
                a = a->up;
            walk_dir here = {st.st_dev, st.st_ino, anc};
            rc = a ? push_file(r, cap, path, r2, "directory cycle (symbolic link loop)")
                   : walk(r, cap, path, r2, &here);
        } else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            rc = push_file(r, cap, path, r2, "not a regular file (FIFO, socket or device)");
        } else {
            rc = push_file(r, cap, path, r2, NULL);
        }
        free(path), free(r2);
    }
    closedir(d);
    return rc;
}

static void free_files(feit_reader *r)
{
    for (size_t i = 0; i < r->nfiles; i++)
        free(r->files[i].path), free(r->files[i].id);
    free(r->files);
    r->files = NULL;
    r->nfiles = r->next_file = 0;
}

feit_read_options feit_read_options_default(void) { return (feit_read_options){FEIT_READ_AUTO, 16u << 20}; }

feit_reader *feit_reader_new(char *const *paths, size_t npaths, const feit_read_options *opt)
{
    feit_read_options o = opt ? *opt : feit_read_options_default();
    feit_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->paths = paths, r->npaths = npaths, r->fmt = o.format, r->max_doc = o.max_doc;
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") && stat(paths[i], &st) == 0 && S_ISREG(st.st_mode))
            r->total += (uint64_t)st.st_size;
        else if (!strcmp(paths[i], "-"))
            r->total = UINT64_MAX; /* unknown */
    }
    if (r->total == UINT64_MAX)
        r->total = 0;
    return r;
}

static void close_current(feit_reader *r)
{
    if (r->gz) {
        r->consumed_done += (uint64_t)gzoffset(r->gz);
        gzclose(r->gz);
    }
    r->gz = NULL;
    r->blen = r->bpos = 0;
    r->eof = 0;
}

void feit_reader_free(feit_reader *r)
{
    if (!r)
        return;
    close_current(r);
    free_files(r);
    free(r->buf);
    free(r->seen);
    free(r);
}

uint64_t feit_reader_consumed(const feit_reader *r) { return r->consumed_done + (r->gz ? (uint64_t)gzoffset(r->gz) : 0); }
uint64_t feit_reader_total(const feit_reader *r) { return r->total; }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int is_jsonl_name(const char *p)
{
    return ends_with(p, ".jsonl") || ends_with(p, ".ndjson") || ends_with(p, ".jsonl.gz") || ends_with(p, ".ndjson.gz");
}

/* robustness: the zlib error of the open file ("unexpected end of file", "incorrect data
 * check"), without zlib's "<fd:N>: " prefix, or NULL when the stream ended cleanly. */
static const char *gz_problem(feit_reader *r)
{
    int z = Z_OK;
    const char *msg = gzerror(r->gz, &z);
    if (z == Z_OK || z == Z_STREAM_END)
        return NULL;
    if (msg && msg[0] == '<' && strstr(msg, ">: "))
        msg = strstr(msg, ">: ") + 3;
    return msg && *msg ? msg : "read error";
}

/* Fills the buffer; returns bytes available from bpos, 0 at end, -1 on a read error. */
static long fill(feit_reader *r)
{
    if (r->bpos > 0 && r->bpos < r->blen) {
        memmove(r->buf, r->buf + r->bpos, r->blen - r->bpos);
        r->blen -= r->bpos;
        r->bpos = 0;
    } else if (r->bpos >= r->blen) {
        r->blen = r->bpos = 0;
    }
    if (r->eof)
        return (long)(r->blen - r->bpos);
    if (r->bcap - r->blen < 65536) {
        size_t c = r->bcap ? r->bcap * 2 : 1 << 20;
        char *p = realloc(r->buf, c);
        if (!p)
            return -1;
        r->buf = p, r->bcap = c;
    }
    int n = gzread(r->gz, r->buf + r->blen, (unsigned)(r->bcap - r->blen > (1u << 30) ? (1u << 30) : r->bcap - r->blen));
    if (n < 0)
        return -1;
    if (n == 0)
        r->eof = 1;
    r->blen += (size_t)n;
    return (long)(r->blen - r->bpos);
}

/* Opens the next input file. Returns 1 opened, 0 no more inputs, FEIT_ESKIP one input failed
 * (err), FEIT_ENOMEM. */
static int open_next(feit_reader *r, feit_error *err)
{
    for (;;) {
        if (r->next_file < r->nfiles) {
            input *in = &r->files[r->next_file++];
            r->cur_path = in->path;
            if (in->bad) {
                feit_error_set(err, in->path, 0, 0, "%s: skipped", in->bad);
                return FEIT_ESKIP;
            }
            int fd = open(in->path, O_RDONLY);
            if (fd < 0 || !(r->gz = gzdopen(fd, "rb"))) {
                feit_error_set(err, in->path, 0, 0, "cannot open: %s", strerror(errno ? errno : EIO));
                if (fd >= 0)
                    close(fd);
                return FEIT_ESKIP;
            }
            gzbuffer(r->gz, 1 << 17);
            r->line = 0;
            r->cur_jsonl = r->fmt == FEIT_READ_JSONL || (r->fmt == FEIT_READ_AUTO && is_jsonl_name(in->path));
            return 1;
        }
        free_files(r);
        if (r->next_path >= r->npaths)
            return 0;
        const char *p = r->paths[r->next_path++];
        size_t cap = 0;
        if (!strcmp(p, "-")) {
            r->cur_path = "-";
            int fd = dup(0);
            if (fd < 0 || !(r->gz = gzdopen(fd, "rb"))) {
                feit_error_set(err, "-", 0, 0, "cannot read standard input");
                return FEIT_ESKIP;
            }
            r->line = 0;
            r->cur_jsonl = r->fmt == FEIT_READ_JSONL;
            if (r->fmt == FEIT_READ_AUTO) { /* sniff: a JSON object first means JSON Lines */
                if (fill(r) < 0) {
                    feit_error_set(err, "-", 0, 0, "read error");
                    return FEIT_ESKIP;
                }
                size_t i = r->bpos;
                while (i < r->blen && strchr(" \t\r\n", r->buf[i]))
                    i++;
                r->cur_jsonl = i < r->blen && r->buf[i] == '{';
            }
            return 1;
        }
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_dir root = {st.st_dev, st.st_ino, NULL};
            /* ids are paths relative to the directory; with several inputs they keep the
             * directory as given in front, so a/x.txt and b/x.txt stay two documents */
            char prefix[1024] = "";
            if (r->npaths > 1) {
                snprintf(prefix, sizeof prefix, "%s", p);
                for (size_t k = strlen(prefix); k > 1 && prefix[k - 1] == '/'; k--)
                    prefix[k - 1] = '\0';
            }
            if (walk(r, &cap, p, prefix, &root))
                return FEIT_ENOMEM;
            if (r->nfiles)
                qsort(r->files, r->nfiles, sizeof *r->files, cmp_input);
        } else if (push_file(r, &cap, p, p, NULL)) {
            return FEIT_ENOMEM;
        }
    }
}

/* Reports the current file as skipped ("file: reason"), closes it; returns FEIT_ESKIP. */
static int skip_file(feit_reader *r, feit_error *err, const char *reason)
{
    feit_error_set(err, r->cur_path, 0, 0, "%s", reason);
    close_current(r);
    return FEIT_ESKIP;
}

static int text_doc(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    /* stdin has no files[] entry (files may be NULL: no pointer arithmetic on it) */
    const char *id = r->nfiles && r->next_file >= 1 ? r->files[r->next_file - 1].id : "-";
    long n;
    while ((n = fill(r)) > 0 && !r->eof) {
        if ((size_t)n > r->max_doc)
            break;
    }
    /* robustness: a truncated or corrupt .gz ends like a short file; zlib only tells in
     * gzerror, and the partial text must not pass for the document */
    const char *zp = r->gz ? gz_problem(r) : NULL;
    if (n < 0 || zp) {
        char why[256];
        snprintf(why, sizeof why, "%s (truncated or corrupt file?): skipped", zp ? zp : "read error");
        return skip_file(r, err, why);
    }
    if ((size_t)n > r->max_doc) {
        char why[128];
        snprintf(why, sizeof why, "document larger than the maximum of %zu bytes (--max-doc-bytes): skipped", r->max_doc);
        return skip_file(r, err, why);
    }
    if (n == 0)
        return skip_file(r, err, "empty file: skipped");
    /* binary files in a directory: many NUL bytes at the start */
    size_t probe = (size_t)n < 4096 ? (size_t)n : 4096, nul = 0;
    for (size_t i = 0; i < probe; i++)
        nul += r->buf[r->bpos + i] == '\0';
    if (probe && nul * 10 > probe)
        return skip_file(r, err, "binary file (NUL bytes): skipped");
    doc->text = malloc((size_t)n + 1);
    doc->id = strdup(id);
    doc->meta = strdup("{}");
    doc->where = strdup(r->cur_path);
    if (!doc->text || !doc->id || !doc->meta || !doc->where) {
        feit_input_doc_free(doc);
        return FEIT_ENOMEM;
    }
    memcpy(doc->text, r->buf + r->bpos, (size_t)n);
    doc->text[n] = '\0';
    doc->len = (size_t)n;
    close_current(r);
    return 1;
}

/* One JSON Lines document. Returns 1 doc, 0 blank line, FEIT_ESKIP skipped (err), FEIT_ENOMEM,
 * 2 end of file. */
static int jsonl_doc(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    size_t limit = r->max_doc + r->max_doc / 2 + 4096; /* escapes make lines longer than text */
    char *nl = NULL;
    long n;
    for (;;) {
        n = (long)(r->blen - r->bpos);
        if (n > 0 && (nl = memchr(r->buf + r->bpos, '\n', (size_t)n)))
            break;
        if (r->eof)
            break;
        if ((size_t)n > limit) { /* drop the rest of an over-long line */
            r->line++;
            long skip_line = r->line;
            for (;;) {
                r->bpos = r->blen;
                if ((n = fill(r)) <= 0)
                    break;
                if ((nl = memchr(r->buf + r->bpos, '\n', (size_t)n))) {
                    r->bpos = (size_t)(nl - r->buf) + 1;
                    break;
                }
            }
            feit_error_set(err, r->cur_path, skip_line, 0, "line longer than the maximum document size (--max-doc-bytes %zu): skipped", r->max_doc);
            return FEIT_ESKIP;
        }
        if (fill(r) < 0) {
            /* robustness: one report for the rest of the file (it used to be reported again
             * as a zlib error at the end) */
            const char *zp = gz_problem(r);
            feit_error_set(err, r->cur_path, r->line + 1, 0, "%s (truncated or corrupt file?): rest of the file skipped", zp ? zp : "read error");
            close_current(r);
            return FEIT_ESKIP;
        }
    }
    n = (long)(r->blen - r->bpos);
    if (n == 0 && r->eof)
        return 2;
    if (!nl && r->eof) {
        /* robustness: a last line cut by a truncated .gz is reported once, as the truncation,
         * not also as invalid JSON */
        const char *zp = gz_problem(r);
        if (zp) {
            feit_error_set(err, r->cur_path, r->line + 1, 0, "%s (truncated or corrupt file?): skipped", zp);
            close_current(r);
            return FEIT_ESKIP;
        }
    }
    char *line = r->buf + r->bpos;
    size_t len = nl ? (size_t)(nl - line) : (size_t)n;
    r->bpos += len + (nl ? 1 : 0);
    r->line++;
    size_t k = len;
    while (k && (line[k - 1] == '\r' || line[k - 1] == ' ' || line[k - 1] == '\t'))
        k--;
    size_t s = 0;
    while (s < k && (line[s] == ' ' || line[s] == '\t'))
        s++;
    if (s == k)
        return 0;
    return jsonl_parse(line + s, k - s, r->cur_path, r->line, r->max_doc, doc, err);
}

/* Adds id to the set of ids seen. Returns 1 when new, 0 when seen before, -1 out of memory. */
/* Duplicate ids are looked for among the first ID_CHECK_MAX documents (a 64 MB set): memory
 * stays bounded on archives of any size. */
#define ID_CHECK_MAX (4u << 20)

static int id_first_use(feit_reader *r, const char *id)
{
    if (r->nseen >= ID_CHECK_MAX)
        return 1;
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    h ^= h >> 29, h *= 0xbf58476d1ce4e5b9ull, h ^= h >> 32; /* spread FNV's low bits */
    if (!h)
        h = 1;
    if (2 * (r->nseen + 1) > r->cseen) {
        size_t c = r->cseen ? r->cseen * 2 : 1024;
        uint64_t *t = calloc(c, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < r->cseen; i++)
            if (r->seen[i]) {
                size_t j = (size_t)r->seen[i] & (c - 1);
                while (t[j])
                    j = (j + 1) & (c - 1);
                t[j] = r->seen[i];
            }
        free(r->seen);
        r->seen = t, r->cseen = c;
    }
    size_t j = (size_t)h & (r->cseen - 1);
    while (r->seen[j]) {
        if (r->seen[j] == h)
            return 0;
        j = (j + 1) & (r->cseen - 1);
    }
    r->seen[j] = h;
    r->nseen++;
    return 1;
}

/* One document, with its id checked for duplicates (reported and skipped: downstream tools key
 * facts by document id, so a second document under the same id would be merged into the
 * first). */
static int next_unique(feit_reader *r, feit_input_doc *doc, feit_error *err);

int feit_reader_next(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    int rc = next_unique(r, doc, err);
    if (rc != 1)
        return rc;
    int u = id_first_use(r, doc->id);
    if (u == 1)
        return 1;
    if (u == 0)
        feit_error_set(err, doc->where, 0, 0, "duplicate id '%.200s' (an earlier document has it): skipped", doc->id);
    feit_input_doc_free(doc);
    return u == 0 ? FEIT_ESKIP : FEIT_ENOMEM;
}

static int next_unique(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    memset(doc, 0, sizeof *doc);
    for (;;) {
        if (!r->gz) {
            int o = open_next(r, err);
            if (o <= 0)
                return o;
        }
        if (!r->cur_jsonl)
            return text_doc(r, doc, err);
        int rc = jsonl_doc(r, doc, err);
        if (rc == 2) {
            const char *msg = gz_problem(r);
            if (msg) {
                feit_error_set(err, r->cur_path, r->line + 1, 0, "%s (truncated or corrupt file?)", msg);
                close_current(r);
                return FEIT_ESKIP;
            }
            close_current(r);
            continue;
        }
        if (rc == 0)
            continue;
        return rc;
    }
}
