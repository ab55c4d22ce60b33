/*
 * fuzz_reader.c — libFuzzer harness over the reader (src/reader.c) and then the pipeline: the
 * input is written to a file and read back as `feit extract` reads it; every document is run
 * through fuzz_common.h's fz_run_doc (spans, JSON Lines checked).
 *
 * Byte 0 chooses how: bits 0-1 the format (0: auto on a .jsonl name, 1: text, 2: jsonl,
 * 3: auto on a .jsonl.gz name), bit 2 gzip the payload, bit 3 then cut the gzip stream at
 * byte 1 / 256 of its length, bit 4 name the file twice (duplicate ids), bit 5 a 1 MiB
 * --max-doc-bytes instead of a small one (16 + 16 * byte 1). The rest is the payload.
 * Checks: the reader ends; a skip message names the file; a document has id, meta (a JSON
 * object), where, and at most max_doc bytes; a plain UTF-8 text file comes back byte for byte.
 * Differential: every line of the payload also goes through jsonl_parse (src/jsonl.c: a
 * hand-written fast path with a jansson fallback) and through fz_ref_line below (jansson
 * only, the reference semantics); both must accept or reject it alike and give the same id,
 * text bytes and meta.
 */
#include "fuzz_common.h"
#include "feit.h"
#include "core/utf8.h"
#include "io/encoding.h"
#include "io/jsonl.h"

#include <stdint.h>
#include <unistd.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_dir[64];

static void fz_rmdir(void)
{
    if (fz_dir[0])
        rmdir(fz_dir);
}

/* The reference: one line parsed by jansson alone. 1 document (id, text, meta filled, owned),
 * -1 a bad line. */
static int fz_ref_line(const char *line, size_t n, const char *where, size_t max_doc, char **id, char **text,
                       size_t *len, char **meta)
{
    json_error_t je;
    json_t *o = json_loadb(line, n, JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    if (!o)
        return -1;
    json_t *t = json_object_get(o, "text"), *i = json_object_get(o, "id");
    int rc = -1;
    if (json_is_object(o) && json_is_string(t) && json_string_length(t) <= max_doc &&
        (!i || json_is_string(i) || json_is_integer(i) || json_is_real(i) || json_is_null(i))) {
        char buf[64];
        if (json_is_string(i))
            *id = strdup(json_string_value(i));
        else if (json_is_integer(i))
            snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(i)), *id = strdup(buf);
        else if (json_is_real(i))
            snprintf(buf, sizeof buf, "%.17g", json_real_value(i)), *id = strdup(buf);
        else
            *id = strdup(where);
        *len = json_string_length(t);
        *text = malloc(*len + 1);
        FZ_CHECK(*id && *text, "out of memory");
        memcpy(*text, json_string_value(t), *len);
        json_object_del(o, "text");
        json_object_del(o, "id");
        *meta = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        rc = 1;
    }
    json_decref(o);
    return rc;
}

/* Each line of p[0..n), trimmed as reader.c trims it, through jsonl_parse and fz_ref_line. */
static void fz_diff_lines(const char *p, size_t n, size_t max_doc)
{
    size_t ln = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n, k = e, s = i;
        ln++;
        while (k > s && (p[k - 1] == '\r' || p[k - 1] == ' ' || p[k - 1] == '\t'))
            k--;
        while (s < k && (p[s] == ' ' || p[s] == '\t'))
            s++;
        if (s < k) {
            char where[32];
            snprintf(where, sizeof where, "in:%zu", ln);
            feit_input_doc d;
            feit_error err;
            memset(&err, 0, sizeof err);
            char *id = NULL, *text = NULL, *meta = NULL;
            size_t len = 0;
            int got = jsonl_parse(p + s, k - s, "in", (long)ln, max_doc, &d, &err);
            int want = fz_ref_line(p + s, k - s, where, max_doc, &id, &text, &len, &meta);
            if (want == -1)
                want = FEIT_ESKIP;
            FZ_CHECK(got == want, "line %zu: jsonl_parse gives %d, jansson %d: %.*s", ln, got, want,
                     (int)(k - s > 200 ? 200 : k - s), p + s);
            if (got == 1) {
                FZ_CHECK(!strcmp(d.id, id), "line %zu: id '%s', jansson '%s'", ln, d.id, id);
                FZ_CHECK(d.len == len && !memcmp(d.text, text, len), "line %zu: text differs from jansson's", ln);
                FZ_CHECK(meta && !strcmp(d.meta, meta), "line %zu: meta %s, jansson %s", ln, d.meta, meta ? meta : "-");
                feit_input_doc_free(&d);
            } else {
                FZ_CHECK(!strcmp(err.file, "in") && err.line == (int)ln && err.text[0], "line %zu: report without its place: %s:%d: %s", ln,
                         err.file, err.line, err.text);
            }
            free(id), free(text), free(meta);
        }
        i = e + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    fz_setup();
    if (!fz_dir[0]) {
        snprintf(fz_dir, sizeof fz_dir, "/tmp/feit-fuzz-reader.XXXXXX");
        FZ_CHECK(mkdtemp(fz_dir), "mkdtemp");
        atexit(fz_rmdir);
    }
    unsigned mode = data[0], arg = data[1];
    data += 2, size -= 2;
    static const char *const names[] = {"in.jsonl", "in.txt", "in.dat", "in.jsonl.gz"};
    char path[128];
    snprintf(path, sizeof path, "%s/%s", fz_dir, names[mode & 3]);
    if (mode & 4) {
        gzFile gz = gzopen(path, "wb");
        FZ_CHECK(gz, "gzopen");
        FZ_CHECK(size == 0 || gzwrite(gz, data, (unsigned)size) == (int)size, "gzwrite");
        FZ_CHECK(gzclose(gz) == Z_OK, "gzclose");
        if (mode & 8) {
            FILE *f = fopen(path, "rb");
            FZ_CHECK(f && !fseek(f, 0, SEEK_END), "size");
            long n = ftell(f);
            fclose(f);
            FZ_CHECK(truncate(path, n * (long)arg / 256) == 0, "truncate");
        }
    } else {
        FILE *f = fopen(path, "wb");
        FZ_CHECK(f, "fopen");
        FZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size, "fwrite");
        FZ_CHECK(fclose(f) == 0, "fclose");
    }
    fz_diff_lines((const char *)data, size, (mode & 32) ? (size_t)1 << 20 : 16 + (size_t)arg * 16);
    feit_read_format fmt = (mode & 3) == 1 ? FEIT_READ_TEXT : (mode & 3) == 2 ? FEIT_READ_JSONL : FEIT_READ_AUTO;
    size_t max_doc = (mode & 32) ? (size_t)1 << 20 : 16 + (size_t)arg * 16;
    char *paths[2] = {path, path};
    size_t npaths = (mode & 16) ? 2 : 1;
    feit_read_options ro = feit_read_options_default();
    ro.format = fmt, ro.max_doc = max_doc;
    feit_reader *r = feit_reader_new(paths, npaths, &ro);
    FZ_CHECK(r, "feit_reader_new");
    /* a plain UTF-8 text file comes back byte for byte (one with a byte-order mark, in UTF-16
     * or with invalid bytes is converted; control bytes may make it a binary file) */
    const char *bom_cs;
    int textual = 1;
    for (size_t k = 0; k < size && k < 4096; k++)
        textual &= data[k] >= 0x20 || (data[k] >= '\t' && data[k] <= '\r') || data[k] == 0x1B;
    int text_plain = !(mode & 4) && fmt == FEIT_READ_TEXT;
    int byte_exact = text_plain && textual && utf8_valid((const char *)data, size) && !enc_bom((const char *)data, size, &bom_cs) &&
                     !enc_guess_utf16((const char *)data, size) && !(size >= 2 && data[0] == '%' && data[1] == '!');
    size_t docs = 0, skips = 0, bound = npaths * (size + 2) + 4; /* at most one item a line */
    feit_error err;
    for (;;) {
        feit_input_doc doc;
        memset(&err, 0, sizeof err);
        int rc = feit_reader_next(r, &doc, &err);
        if (rc == 0)
            break;
        FZ_CHECK(rc == 1 || rc == FEIT_ESKIP, "feit_reader_next returned %d", rc);
        FZ_CHECK(docs + skips < bound, "more than %zu items from %zu bytes: the reader does not end", bound, size);
        if (rc == FEIT_ESKIP) {
            skips++;
            FZ_CHECK(!strncmp(err.file, path, strlen(path)) && err.text[0], "skip report does not name the file: '%s: %s'", err.file, err.text);
            continue;
        }
        docs++;
        FZ_CHECK(doc.id && doc.text && doc.meta && doc.where, "incomplete document");
        FZ_CHECK(doc.len <= max_doc, "document of %zu bytes over max_doc %zu", doc.len, max_doc);
        FZ_CHECK(doc.text[doc.len] == '\0', "text not terminated");
        json_error_t je;
        json_t *meta = json_loads(doc.meta, 0, &je);
        FZ_CHECK(json_is_object(meta), "meta is not a JSON object: %s", doc.meta);
        json_decref(meta);
        if (byte_exact)
            FZ_CHECK(doc.len == size && !memcmp(doc.text, data, size), "text file not read back byte for byte");
        fz_run_doc(doc.id, doc.text, doc.len, doc.meta);
        feit_input_doc_free(&doc);
    }
    if (text_plain)
        FZ_CHECK(docs + skips == npaths, "%zu documents and %zu skips from %zu text files", docs, skips, npaths);
    feit_reader_free(r);
    unlink(path);
    return 0;
}
