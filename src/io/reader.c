/* reader.c — streaming input (see feit.h, feit_reader_new): the inputs (files, directories
 * walked in order, stdin), what each file is (its encoding, whether it is text at all, its
 * format), and the documents of each format: text, JSON Lines, JSON (json.c finds the values)
 * and HTML (html.c takes the article out). The bytes come through stream.c. */
#include "feit.h"

#include "core/error.h"
#include "core/utf8.h"
#include "io/encoding.h"
#include "io/filetype.h"
#include "io/html.h"
#include "io/json.h"
#include "io/jsonl.h"
#include "io/stream.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What the open file is read as (CUR_UNREAD: not yet decided, its first bytes are awaited). */
enum { CUR_UNREAD = -1, CUR_TEXT, CUR_JSONL, CUR_JSON, CUR_HTML };

#define PROBE_BYTES 65536

struct feit_reader {
    char *const *paths;
    size_t npaths, next_path;
    feit_read_options o;
    /* the expanded list of the current path (a directory gives many files) */
    input *files;
    size_t nfiles, next_file;
    /* the open file */
    in_stream st;
    const char *cur_path;
    int cur;      /* CUR_* */
    int is_stdin;
    long line;    /* JSON Lines: the last line read */
    json_in js;   /* JSON */
    char legacy[64];    /* JSON records of this file not in UTF-8 are read in it ("": not yet seen) */
    char detected[64];  /* what uchardet said of them */
    uint64_t total;
    filetype *ft;
    /* robustness: ids handed out so far, as 64-bit hashes, so that a duplicate id is reported
     * and skipped instead of silently merged downstream (a false duplicate needs a 64-bit hash
     * collision): the older ones in one sorted array, the latest in a small ordered hash set
     * (0 = empty) that is merged into it when half full (see id_first_use). */
    uint64_t *sorted, *recent;
    size_t nsorted, nrecent, crecent; /* (recent has ID_PAD slots beyond its crecent) */
    int recent_bits;                  /* crecent is 1 << recent_bits */
};

static void note(feit_reader *r, const char *file, long line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void note(feit_reader *r, const char *file, long line, const char *fmt, ...)
{
    if (!r->o.note)
        return;
    feit_error e;
    va_list ap;
    va_start(ap, fmt);
    feit_error_vset(&e, file, line, 0, fmt, ap);
    va_end(ap);
    r->o.note(r->o.note_user, &e);
}

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

static int matches(const char *const *pats, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (pats[i] && fnmatch(pats[i], name, 0) == 0)
            return 1;
    return 0;
}

/* The output file (-o) as it is now: it may have been created after the reader. */
static int is_output(const feit_reader *r, const struct stat *st)
{
    struct stat os;
    return r->o.output && stat(r->o.output, &os) == 0 && os.st_dev == st->st_dev && os.st_ino == st->st_ino;
}

/* Walks a directory recursively; unreadable entries are kept so that opening them reports.
 * anc: the directories above (symlink cycles are reported, not followed); FIFOs, sockets and
 * devices inside a directory are reported, not opened (open() on a FIFO blocks forever).
 * Hidden names, the output file and what --include/--exclude leave out are passed over. */
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
        if (matches(r->o.exclude, r->o.nexclude, de->d_name))
            continue;
        size_t pl = strlen(dir) + strlen(de->d_name) + 2, rl = strlen(rel) + strlen(de->d_name) + 2;
        char *path = malloc(pl), *r2 = malloc(rl);
        if (!path || !r2) {
            free(path), free(r2);
            rc = FEIT_ENOMEM;
            break;
        }
        size_t dl = strlen(dir);
        snprintf(path, pl, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", de->d_name); /* "map/" + "x": "map/x" */
        snprintf(r2, rl, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
        struct stat st;
        int ok = stat(path, &st) == 0;
        if (ok && S_ISDIR(st.st_mode)) {
            const walk_dir *a = anc;
            while (a && !(a->dev == st.st_dev && a->ino == st.st_ino))
                a = a->up;
            walk_dir here = {st.st_dev, st.st_ino, anc};
            rc = a ? push_file(r, cap, path, r2, "directory cycle (symbolic link loop)")
                   : walk(r, cap, path, r2, &here);
        } else if (r->o.ninclude && !matches(r->o.include, r->o.ninclude, de->d_name)) {
            /* not asked for */
        } else if (ok && is_output(r, &st)) {
            /* the output being written */
        } else if (ok && !S_ISREG(st.st_mode)) {
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

feit_read_options feit_read_options_default(void)
{
    feit_read_options o;
    memset(&o, 0, sizeof o);
    o.format = FEIT_READ_AUTO;
    o.max_doc = 16u << 20;
    return o;
}

int feit_read_options_check(const feit_read_options *o, feit_error *err)
{
    if (o->encoding && !enc_known(o->encoding)) {
        feit_error_set(err, NULL, 0, 0, "unknown encoding '%s' (`iconv -l` lists the names)", o->encoding);
        return FEIT_EFORMAT;
    }
    const char *fields[2] = {o->text_field, o->id_field};
    for (int k = 0; k < 2; k++) {
        const char *f = fields[k];
        if (f && (!*f || f[0] == '.' || f[strlen(f) - 1] == '.' || strstr(f, "..") || strlen(f) > 200)) {
            feit_error_set(err, NULL, 0, 0, "bad field path '%s' (names joined by dots: body.text)", f);
            return FEIT_EFORMAT;
        }
    }
    return 0;
}

feit_reader *feit_reader_new(char *const *paths, size_t npaths, const feit_read_options *opt)
{
    feit_read_options o = opt ? *opt : feit_read_options_default();
    feit_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->paths = paths, r->npaths = npaths, r->o = o;
    r->st.stop = o.stop;
    r->st.tell_wait = o.tell_wait;
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

static void close_current(feit_reader *r) { stream_close(&r->st); }

/* What feit_reader_next says of a wait for input that did not happen: a stop was asked for
 * (STREAM_STOP), or the caller is told before it (STREAM_AGAIN). */
static int no_wait(long rc) { return rc == STREAM_STOP ? FEIT_EINTR : FEIT_EAGAIN; }

void feit_reader_free(feit_reader *r)
{
    if (!r)
        return;
    close_current(r);
    stream_free(&r->st);
    free_files(r);
    filetype_free(r->ft);
    free(r->sorted);
    free(r->recent);
    free(r);
}

uint64_t feit_reader_consumed(const feit_reader *r) { return stream_consumed(&r->st); }
uint64_t feit_reader_total(const feit_reader *r) { return r->total; }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* The format a file name says (.gz aside), or -1. */
static int format_of_name(const char *p)
{
    static const struct {
        const char *ext;
        int cur;
    } ext[] = {{".jsonl", CUR_JSONL}, {".ndjson", CUR_JSONL}, {".json", CUR_JSON},
               {".html", CUR_HTML},   {".htm", CUR_HTML},     {".xhtml", CUR_HTML}};
    char name[4096];
    snprintf(name, sizeof name, "%s", p);
    if (ends_with(name, ".gz"))
        name[strlen(name) - 3] = '\0';
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ends_with(name, ext[i].ext))
            return ext[i].cur;
    return -1;
}

/* Reports the current file as skipped ("file: reason"), closes it; returns FEIT_ESKIP. */
static int skip_file(feit_reader *r, feit_error *err, const char *reason)
{
    feit_error_set(err, r->cur_path, 0, 0, "%s", reason);
    close_current(r);
    return FEIT_ESKIP;
}

/* The file just opened: its encoding (a byte-order mark, UTF-16, or --encoding), whether it is
 * text at all, and its format. 1 ready, FEIT_ESKIP (the file is skipped, err). */
static int prepare(feit_reader *r, feit_error *err)
{
    in_stream *s = &r->st;
    r->legacy[0] = r->detected[0] = '\0';
    r->cur = CUR_UNREAD;
    s->tell_wait = r->o.tell_wait;
    long n = stream_probe(s, PROBE_BYTES);
    if (n <= STREAM_STOP)
        return no_wait(n); /* the next call looks at the same bytes again */
    if (n < 0)
        n = 0; /* a file broken from its first byte: the format's reader reports it */
    const char *raw = s->raw + s->rpos, *bom_cs;
    size_t bom = enc_bom(raw, (size_t)n, &bom_cs);
    stream_skip(s, bom);
    raw += bom, n -= (long)bom;
    if (r->o.encoding) {
        if (!enc_is_utf8(r->o.encoding) && stream_convert(s, r->o.encoding))
            return skip_file(r, err, "cannot convert from the encoding given (--encoding): skipped");
    } else {
        const char *cs = bom_cs;
        const char *how = "byte-order mark";
        if (!cs && (cs = enc_guess_utf16(raw, (size_t)n)))
            how = "detected, no byte-order mark";
        if (cs) {
            if (stream_convert(s, cs))
                return skip_file(r, err, "cannot convert from UTF-16: skipped");
            note(r, r->cur_path, 0, "note: %s text (%s): converted to UTF-8", cs, how);
        }
    }
    char why[256];
    if (!s->conv && filetype_refuse(&r->ft, raw, (size_t)n, why, sizeof why)) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s: skipped", why);
        return skip_file(r, err, msg);
    }
    int cur = r->o.format == FEIT_READ_TEXT ? CUR_TEXT
              : r->o.format == FEIT_READ_JSONL ? CUR_JSONL
              : r->o.format == FEIT_READ_JSON ? CUR_JSON
              : r->o.format == FEIT_READ_HTML ? CUR_HTML
              : r->is_stdin ? -1 : format_of_name(r->cur_path);
    if (cur < 0) { /* by content */
        long f = stream_fill(s);
        if (f <= STREAM_STOP)
            return no_wait(f);
        if (f < 0)
            return skip_file(r, err, "read error: skipped");
        size_t i = s->bpos;
        while (i < s->blen && strchr(" \t\r\n", s->buf[i]))
            i++;
        if (html_sniff(s->buf + s->bpos, s->blen - s->bpos))
            cur = CUR_HTML;
        else if (r->is_stdin && i < s->blen && s->buf[i] == '{')
            cur = CUR_JSONL; /* objects on stdin are JSON Lines (--input-format json for others) */
        else if (r->is_stdin && i < s->blen && s->buf[i] == '[')
            cur = CUR_JSON;
        else
            cur = CUR_TEXT;
    }
    r->cur = cur;
    r->line = 0;
    s->tell_wait = r->o.tell_wait && cur != CUR_JSON; /* (json.c reads a value through) */
    if (cur == CUR_JSON)
        json_begin(&r->js, r->o.max_doc + r->o.max_doc / 2 + 4096);
    return 1;
}

/* Opens the next input file. Returns 1 opened, 0 no more inputs, FEIT_ESKIP one input failed
 * (err), FEIT_ENOMEM. */
static int open_next(feit_reader *r, feit_error *err)
{
    for (;;) {
        if (r->next_file < r->nfiles) {
            input *in = &r->files[r->next_file++];
            r->cur_path = in->path;
            r->is_stdin = 0;
            if (in->bad) {
                feit_error_set(err, in->path, 0, 0, "%s: skipped", in->bad);
                return FEIT_ESKIP;
            }
            struct stat st;
            if (r->o.output && stat(in->path, &st) == 0 && is_output(r, &st)) {
                feit_error_set(err, in->path, 0, 0, "the output file (-o): not read");
                return FEIT_ESKIP;
            }
            errno = 0;
            int fd = open(in->path, O_RDONLY);
            if (fd < 0 || stream_open(&r->st, fd)) {
                feit_error_set(err, in->path, 0, 0, "cannot open: %s", strerror(errno ? errno : EIO));
                return FEIT_ESKIP;
            }
            return prepare(r, err);
        }
        free_files(r);
        if (r->next_path >= r->npaths)
            return 0;
        const char *p = r->paths[r->next_path++];
        size_t cap = 0;
        if (!strcmp(p, "-")) {
            r->cur_path = "-";
            r->is_stdin = 1;
            /* closed, or held write-only by feit's main so that no file takes its number */
            int fl = fcntl(0, F_GETFL);
            int fd = fl < 0 || (fl & O_ACCMODE) == O_WRONLY ? -1 : dup(0);
            if (fd < 0 || stream_open(&r->st, fd)) {
                feit_error_set(err, "-", 0, 0, "cannot read standard input");
                return FEIT_ESKIP;
            }
            return prepare(r, err);
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

/* The line of byte `at` of p (1-based). */
static long line_of(const char *p, size_t at)
{
    long line = 1;
    for (const char *q = p; (q = memchr(q, '\n', at - (size_t)(q - p))); q++)
        line++;
    return line;
}

/* A whole document (text or page) into UTF-8: converted from a legacy encoding when it looks
 * like one (a page's own declaration first), else its stray invalid bytes replaced. *text is
 * replaced by the new buffer. 0 or FEIT_ENOMEM. */
static int to_utf8(feit_reader *r, char **text, size_t *len, int page)
{
    in_stream *s = &r->st;
    if (s->conv) {
        if (s->conv_bad)
            note(r, r->cur_path, 0, "note: %zu byte%s not valid in the input's encoding replaced by U+FFFD", s->conv_bad,
                 s->conv_bad == 1 ? "" : "s");
        return 0;
    }
    if (utf8_valid(*text, *len))
        return 0;
    enc_scan sc;
    enc_scan_utf8(*text, *len, 1, &sc);
    size_t nlen, nbad;
    char *fixed;
    if (!r->o.encoding && enc_looks_legacy(&sc)) {
        char declared[64], detected[64];
        const char *cs = page ? html_declared_charset(*text, *len, declared, sizeof declared) : NULL;
        const char *how = "declared by the page";
        /* as browsers do (the WHATWG encoding labels): Latin-1 and ASCII pages are Windows-1252 */
        if (cs && (!strcasecmp(cs, "iso-8859-1") || !strcasecmp(cs, "latin1") || !strcasecmp(cs, "us-ascii") ||
                   !strcasecmp(cs, "ascii") || !strcasecmp(cs, "iso8859-1") || !strcasecmp(cs, "l1")))
            cs = "WINDOWS-1252";
        if (!cs || enc_is_utf8(cs) || !enc_known(cs)) {
            cs = enc_guess_legacy(*text, *len, detected, sizeof detected);
            how = detected[0] ? detected : "no guess";
        }
        if (!(fixed = enc_convert(cs, *text, *len, &nlen, &nbad)))
            return FEIT_ENOMEM;
        note(r, r->cur_path, 0, "note: not UTF-8: read as %s (%s%s)", cs, how == detected ? "uchardet: " : "", how);
    } else {
        if (!(fixed = enc_fix_utf8(*text, *len, &nlen, &nbad)))
            return FEIT_ENOMEM;
        note(r, r->cur_path, line_of(*text, sc.first_bad), "note: %zu invalid UTF-8 sequence%s replaced by U+FFFD", nbad,
             nbad == 1 ? "" : "s");
    }
    free(*text);
    *text = fixed, *len = nlen;
    return 0;
}

/* One text file or web page: one document. */
static int whole_doc(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    in_stream *s = &r->st;
    /* stdin has no files[] entry (files may be NULL: no pointer arithmetic on it) */
    const char *id = r->nfiles && r->next_file >= 1 ? r->files[r->next_file - 1].id : "-";
    long n;
    while ((n = stream_fill(s)) > 0 && !s->eof) {
        if ((size_t)n > r->o.max_doc)
            break;
    }
    if (n <= STREAM_STOP)
        return no_wait(n); /* what was read stays buffered */
    /* robustness: a truncated or corrupt .gz ends like a short file; zlib only tells in
     * gzerror, and the partial text must not pass for the document */
    const char *zp = stream_problem(s);
    if (n < 0 || zp) {
        char why[256];
        snprintf(why, sizeof why, "%s (truncated or corrupt file?): skipped", zp ? zp : "read error");
        return skip_file(r, err, why);
    }
    if ((size_t)n > r->o.max_doc) {
        char why[128];
        snprintf(why, sizeof why, "document larger than the maximum of %zu bytes (--max-doc-bytes): skipped", r->o.max_doc);
        return skip_file(r, err, why);
    }
    if (n == 0)
        return skip_file(r, err, "empty file: skipped");
    /* binary files in a directory: many NUL bytes at the start */
    size_t probe = (size_t)n < 4096 ? (size_t)n : 4096, nul = 0;
    for (size_t i = 0; i < probe; i++)
        nul += s->buf[s->bpos + i] == '\0';
    if (probe && nul * 10 > probe)
        return skip_file(r, err, "binary file (NUL bytes): skipped");
    char *text = malloc((size_t)n + 1);
    size_t len = (size_t)n;
    if (!text)
        return FEIT_ENOMEM;
    memcpy(text, s->buf + s->bpos, len);
    text[len] = '\0';
    int page = r->cur == CUR_HTML;
    if (to_utf8(r, &text, &len, page)) {
        free(text);
        return FEIT_ENOMEM;
    }
    if (len > r->o.max_doc) { /* a conversion (U+FFFD is 3 bytes) made it larger than allowed */
        free(text);
        char why[160];
        snprintf(why, sizeof why, "document larger than the maximum of %zu bytes (--max-doc-bytes) once in UTF-8: skipped", r->o.max_doc);
        return skip_file(r, err, why);
    }
    char *meta = NULL;
    if (page) {
        char *body;
        size_t blen;
        int rc = html_extract(text, len, &body, &blen, &meta);
        free(text);
        if (rc == FEIT_ETOOBIG)
            return skip_file(r, err, "page too complex to parse in bounded memory: skipped");
        if (rc)
            return FEIT_ENOMEM;
        if (!blen) {
            free(body), free(meta);
            return skip_file(r, err, "no article text in the page: skipped");
        }
        text = body, len = blen;
    }
    doc->text = text, doc->len = len;
    doc->id = strdup(id);
    doc->meta = meta ? meta : strdup("{}");
    doc->where = strdup(r->cur_path);
    if (!doc->text || !doc->id || !doc->meta || !doc->where) {
        feit_input_doc_free(doc);
        return FEIT_ENOMEM;
    }
    close_current(r);
    return 1;
}

/* A JSON record that is not valid UTF-8 (so not valid JSON), made valid: converted when it
 * looks like a legacy encoding (one guess per file, told once), else its invalid bytes
 * replaced. NULL when it is valid already (or out of memory). */
static char *fix_record(feit_reader *r, const char *p, size_t n, long line, size_t *out_len)
{
    if (r->st.conv || utf8_valid(p, n))
        return NULL;
    enc_scan sc;
    enc_scan_utf8(p, n, 1, &sc);
    size_t nbad;
    if (!r->o.encoding && enc_looks_legacy(&sc)) {
        if (!r->legacy[0]) {
            const char *cs = enc_guess_legacy(p, n, r->detected, sizeof r->detected);
            snprintf(r->legacy, sizeof r->legacy, "%s", cs);
            note(r, r->cur_path, line, "note: not UTF-8: read as %s (uchardet: %s), and so are the records after it that are not UTF-8",
                 r->legacy, r->detected[0] ? r->detected : "no guess");
        }
        return enc_convert(r->legacy, p, n, out_len, &nbad);
    }
    char *fixed = enc_fix_utf8(p, n, out_len, &nbad);
    if (fixed)
        note(r, r->cur_path, line + line_of(p, sc.first_bad) - 1, "note: %zu invalid UTF-8 sequence%s replaced by U+FFFD", nbad,
             nbad == 1 ? "" : "s");
    return fixed;
}

/* One JSON record through jsonl_parse_src; a record that fails for its bytes is fixed and
 * parsed again (no document is lost for its bytes). */
static int parse_record(feit_reader *r, const char *p, size_t n, const jsonl_src *src, feit_input_doc *doc, feit_error *err)
{
    int rc = jsonl_parse_src(p, n, src, doc, err);
    if (rc != FEIT_ESKIP)
        return rc;
    size_t fl;
    char *fixed = fix_record(r, p, n, src->line, &fl);
    if (!fixed)
        return rc;
    rc = jsonl_parse_src(fixed, fl, src, doc, err);
    free(fixed);
    return rc;
}

/* One JSON Lines document. Returns 1 doc, 0 blank line, FEIT_ESKIP skipped (err), FEIT_ENOMEM,
 * 2 end of file. */
static int jsonl_doc(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    in_stream *s = &r->st;
    size_t limit = r->o.max_doc + r->o.max_doc / 2 + 4096; /* escapes make lines longer than text */
    char *nl = NULL;
    long n;
    for (;;) {
        n = (long)(s->blen - s->bpos);
        if (n > 0 && (nl = memchr(s->buf + s->bpos, '\n', (size_t)n)))
            break;
        if (s->eof)
            break;
        if ((size_t)n > limit) { /* drop the rest of an over-long line */
            r->line++;
            long skip_line = r->line;
            for (;;) {
                s->bpos = s->blen;
                if ((n = stream_fill(s)) == STREAM_AGAIN)
                    continue; /* (the next fill waits) */
                if (n <= 0)
                    break;
                if ((nl = memchr(s->buf + s->bpos, '\n', (size_t)n))) {
                    s->bpos = (size_t)(nl - s->buf) + 1;
                    break;
                }
            }
            feit_error_set(err, r->cur_path, skip_line, 0, "line longer than the maximum document size (--max-doc-bytes %zu): skipped",
                           r->o.max_doc);
            return FEIT_ESKIP;
        }
        long f = stream_fill(s);
        if (f <= STREAM_STOP)
            return no_wait(f); /* the line so far stays buffered */
        if (f < 0) {
            /* robustness: one report for the rest of the file (it used to be reported again
             * as a zlib error at the end) */
            const char *zp = stream_problem(s);
            feit_error_set(err, r->cur_path, r->line + 1, 0, "%s (truncated or corrupt file?): rest of the file skipped", zp ? zp : "read error");
            close_current(r);
            return FEIT_ESKIP;
        }
    }
    n = (long)(s->blen - s->bpos);
    if (n == 0 && s->eof)
        return 2;
    if (!nl && s->eof) {
        /* robustness: a last line cut by a truncated .gz is reported once, as the truncation,
         * not also as invalid JSON */
        const char *zp = stream_problem(s);
        if (zp) {
            feit_error_set(err, r->cur_path, r->line + 1, 0, "%s (truncated or corrupt file?): skipped", zp);
            close_current(r);
            return FEIT_ESKIP;
        }
    }
    char *line = s->buf + s->bpos;
    size_t len = nl ? (size_t)(nl - line) : (size_t)n;
    s->bpos += len + (nl ? 1 : 0);
    r->line++;
    size_t k = len;
    while (k && (line[k - 1] == '\r' || line[k - 1] == ' ' || line[k - 1] == '\t'))
        k--;
    size_t b = 0;
    while (b < k && (line[b] == ' ' || line[b] == '\t'))
        b++;
    if (b == k)
        return 0;
    jsonl_src src = {r->cur_path, r->line, NULL, r->o.text_field, r->o.id_field, r->o.max_doc, 0};
    return parse_record(r, line + b, k - b, &src, doc, err);
}

/* A first line that is a whole object by its look ("{" ... "}"): JSON Lines, also when the
 * object is broken inside (its brackets would make the scanner take the lines after it in). */
static int first_line_is_object(const in_stream *s)
{
    const char *p = s->buf + s->bpos, *e = s->buf + s->blen;
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    if (!nl)
        return 0;
    while (p < nl && strchr(" \t\r", *p))
        p++;
    const char *q = nl;
    while (q > p && strchr(" \t\r", q[-1]))
        q--;
    if (q - p < 2 || *p != '{' || q[-1] != '}')
        return 0;
    for (const char *k = nl + 1; k < e; k++) /* and more after it */
        if (!strchr(" \t\r\n", *k))
            return 1;
    return 0;
}

/* One value of a JSON file as a document. Returns as jsonl_doc. A file whose first object fits
 * on its first line and has more after it is JSON Lines: it goes on as that (a bad line then
 * costs one line, not the rest of the file). */
static int json_doc(feit_reader *r, feit_input_doc *doc, feit_error *err)
{
    const char *p;
    size_t n;
    long line;
    int first = r->js.count == 0;
    if (first && r->js.line == 1 && r->st.bpos == 0 && stream_fill(&r->st) > 0 && first_line_is_object(&r->st)) {
        r->cur = CUR_JSONL;
        return jsonl_doc(r, doc, err);
    }
    int rc = json_next(&r->js, &r->st, r->cur_path, &p, &n, &line, err);
    if (rc == 0)
        return 2;
    if (rc == -1 && r->o.stop && *r->o.stop)
        return FEIT_EINTR; /* (the value under way is not taken up again: the run stops) */
    if (rc == -1) {
        const char *zp = stream_problem(&r->st);
        feit_error_set(err, r->cur_path, r->js.line, 0, "%s (truncated or corrupt file?): rest of the file skipped", zp ? zp : "read error");
        close_current(r);
        return FEIT_ESKIP;
    }
    if (rc != 1)
        return rc;
    if (first && !r->js.array && !r->js.vlines && (!r->js.single || r->is_stdin) && r->st.buf[r->st.bpos] == '{') {
        r->cur = CUR_JSONL; /* nothing consumed yet: the line reader starts at the same byte */
        r->line = r->js.line - 1;
        return jsonl_doc(r, doc, err);
    }
    char defid[1100];
    const char *def = NULL;
    if (r->js.array)
        snprintf(defid, sizeof defid, "%s#%ld", r->cur_path, r->js.count), def = defid;
    else if (r->js.single)
        def = r->cur_path;
    jsonl_src src = {r->cur_path, line, def, r->o.text_field, r->o.id_field, r->o.max_doc, 1};
    return parse_record(r, p, n, &src, doc, err);
}

/* Duplicate ids are looked for among the first ID_CHECK_MAX documents (at most 36 MB of
 * hashes): memory stays bounded on archives of any size. The hashes take 8 bytes a document
 * in the sorted array and 1 or 2 in the set of the latest, with nothing held twice while
 * either grows: a set kept half full and doubled held 16 to 32 bytes a document, and 48
 * while it doubled (96 MB for 4M documents). The array grows by realloc, which moves a large
 * block's pages without copying them, and takes the set's hashes merged from its end.
 *
 * The set is an ordered hash table: a hash's home slot is its top bits, and a run of full
 * slots is kept in ascending order (a new hash goes before the first larger one, the rest of
 * the run moving up a slot), so the whole table reads in ascending order and is merged with
 * no sort. A run does not wrap around: it may go on into ID_PAD slots beyond the table, and
 * one that would go further has the set merged first. */
#define ID_CHECK_MAX (4u << 20)
#define ID_PAD 64

/* The slots of the set of the latest ids beside n sorted, as a power of two: at least n / 8
 * (so the array is merged into once every n / 16 documents or more: 16 moves a document). */
static int id_recent_bits(size_t n)
{
    int b = 11;
    while (((size_t)1 << b) < n / 8)
        b++;
    return b;
}

static int id_in_sorted(const uint64_t *a, size_t n, uint64_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && a[lo] == h;
}

/* The set of the latest ids merged into the sorted array, and emptied (made anew at its new
 * size). 0, or -1 out of memory (then no id is lost: the set is kept, or is merged already). */
static int id_merge(feit_reader *r)
{
    if (r->nrecent) {
        uint64_t *a = realloc(r->sorted, (r->nsorted + r->nrecent) * sizeof *a);
        if (!a)
            return -1;
        r->sorted = a;
        size_t k = 0;
        for (size_t i = 0; i < r->crecent + ID_PAD; i++) /* (in ascending order) */
            if (r->recent[i])
                r->recent[k++] = r->recent[i];
        size_t i = r->nsorted, o = r->nsorted + k;
        while (k) { /* from the back: the array's own hashes move at most k places up */
            o--;
            if (i && a[i - 1] > r->recent[k - 1])
                a[o] = a[--i];
            else
                a[o] = r->recent[--k];
        }
        r->nsorted += r->nrecent;
        r->nrecent = 0;
    }
    int b = id_recent_bits(r->nsorted);
    if (r->recent && b == r->recent_bits) {
        memset(r->recent, 0, (r->crecent + ID_PAD) * sizeof *r->recent);
        return 0;
    }
    free(r->recent);
    r->recent = calloc(((size_t)1 << b) + ID_PAD, sizeof *r->recent);
    r->crecent = r->recent ? (size_t)1 << b : 0;
    r->recent_bits = b;
    return r->recent ? 0 : -1;
}

/* Adds id to the set of ids seen. Returns 1 when new, 0 when seen before, -1 out of memory. */
static int id_first_use(feit_reader *r, const char *id)
{
    if (r->nsorted + r->nrecent >= ID_CHECK_MAX)
        return 1;
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    h ^= h >> 29, h *= 0xbf58476d1ce4e5b9ull, h ^= h >> 32; /* spread FNV's low bits */
    if (!h)
        h = 1;
    if (id_in_sorted(r->sorted, r->nsorted, h))
        return 0;
    for (int tries = 0;; tries++) {
        size_t end = r->crecent + ID_PAD, at = end, free_at = end;
        if (r->recent) {
            /* where h is or would go (the first slot from its home that is empty or holds a
             * larger hash), and the first empty slot from there */
            at = (size_t)(h >> (64 - r->recent_bits));
            while (at < end && r->recent[at] && r->recent[at] < h)
                at++;
            if (at < end && r->recent[at] == h)
                return 0;
            for (free_at = at; free_at < end && r->recent[free_at]; free_at++)
                ;
        }
        if (free_at < end && 2 * (r->nrecent + 1) <= r->crecent) {
            memmove(r->recent + at + 1, r->recent + at, (free_at - at) * sizeof *r->recent);
            r->recent[at] = h;
            r->nrecent++;
            return 1;
        }
        if (tries || id_merge(r))
            return -1;
    }
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
        if (!stream_is_open(&r->st)) {
            int o = open_next(r, err);
            if (o <= 0)
                return o;
        } else if (r->cur == CUR_UNREAD) { /* its first bytes were awaited when a stop came */
            int p = prepare(r, err);
            if (p <= 0)
                return p;
        }
        if (r->cur == CUR_TEXT || r->cur == CUR_HTML)
            return whole_doc(r, doc, err);
        int rc = r->cur == CUR_JSON ? json_doc(r, doc, err) : jsonl_doc(r, doc, err);
        if (rc == 2) {
            const char *msg = stream_problem(&r->st);
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
