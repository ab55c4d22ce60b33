/*
 * fuzz_html.c — libFuzzer harness over the HTML and encoding path (issue 14): src/io/html.c
 * (gumbo and the article extraction), src/io/encoding.c (scan, repair, conversion) and the
 * reader on the same bytes as a saved page and as an auto-detected file (byte-order marks,
 * UTF-16, legacy 8-bit text, file types), every document then through fuzz_common.h's checks.
 *
 * Byte 0 chooses: bits 0-2 a charset for the conversion checks, bits 3-4 how the reader reads
 * the file (.html name, .txt name with auto, --input-format html, --encoding of bits 0-2), bit
 * 5 a small --max-doc-bytes. Byte 1 is the chunk size for the streaming conversion. The rest
 * is the payload.
 * Checks: html_extract returns 0 with valid UTF-8 text ending in a newline (or empty) and a
 * JSON object as meta, or FEIT_ETOOBIG / FEIT_ENOMEM; enc_fix_utf8 gives valid UTF-8 that
 * keeps valid input as it is; enc_convert gives valid UTF-8, and converting in chunks of any
 * size gives the same bytes; enc_scan_utf8 agrees with utf8_valid; the reader ends, and its
 * documents are valid UTF-8 with id, meta and at most max_doc bytes of input behind them.
 */
#include "fuzz_common.h"
#include "feit.h"
#include "core/utf8.h"
#include "io/encoding.h"
#include "io/html.h"

#include <stdint.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_dir[64];

static void fz_rmdir(void)
{
    if (fz_dir[0])
        rmdir(fz_dir);
}

static const char *const charsets[8] = {"WINDOWS-1252", "UTF-16LE", "UTF-16BE", "UTF-32LE",
                                        "ISO-8859-5",   "UTF-8",    "SHIFT_JIS", "ISO-8859-15"};

static void check_html(const char *p, size_t n)
{
    char *text, *meta;
    size_t len;
    int rc = html_extract(p, n, &text, &len, &meta);
    FZ_CHECK(rc == 0 || rc == FEIT_ETOOBIG || rc == FEIT_ENOMEM, "html_extract returned %d", rc);
    if (rc)
        return;
    FZ_CHECK(text && meta && text[len] == '\0', "html_extract: no text or meta");
    FZ_CHECK(utf8_valid(text, len), "html_extract: text is not valid UTF-8");
    FZ_CHECK(len == 0 || text[len - 1] == '\n', "html_extract: text does not end with a newline");
    FZ_CHECK(len == 0 || (text[0] != ' ' && text[0] != '\n'), "html_extract: text starts with a blank");
    FZ_CHECK(!strstr(text, "\n\n\n"), "html_extract: more than one blank line");
    json_error_t je;
    json_t *m = json_loads(meta, 0, &je);
    FZ_CHECK(json_is_object(m), "html_extract: meta is not a JSON object: %s", meta);
    json_decref(m);
    if (len)
        fz_run_doc("page", text, len, meta);
    free(text), free(meta);
}

static void check_encoding(const char *p, size_t n, const char *cs, size_t chunk)
{
    size_t len, bad;
    char *fixed = enc_fix_utf8(p, n, &len, &bad);
    FZ_CHECK(fixed, "enc_fix_utf8: out of memory");
    FZ_CHECK(utf8_valid(fixed, len), "enc_fix_utf8: not valid UTF-8");
    int valid = utf8_valid(p, n);
    FZ_CHECK(valid == (bad == 0), "enc_fix_utf8: %zu replacements on %s input", bad, valid ? "valid" : "invalid");
    FZ_CHECK(!valid || (len == n && !memcmp(fixed, p, n)), "enc_fix_utf8 changed valid UTF-8");
    enc_scan sc;
    enc_scan_utf8(p, n, 1, &sc);
    FZ_CHECK((sc.invalid == 0) == valid, "enc_scan_utf8: %zu invalid sequences, utf8_valid %d", sc.invalid, valid);
    FZ_CHECK(sc.invalid == bad, "enc_scan_utf8 counts %zu, enc_fix_utf8 replaced %zu", sc.invalid, bad);
    FZ_CHECK(sc.shaped <= sc.invalid && (sc.invalid ? sc.first_bad < n : sc.first_bad == n), "enc_scan_utf8 counts");
    free(fixed);

    char *conv = enc_convert(cs, p, n, &len, &bad);
    FZ_CHECK(conv, "enc_convert %s: NULL", cs);
    FZ_CHECK(utf8_valid(conv, len), "enc_convert %s: not valid UTF-8", cs);
    /* the same in chunks, as the reader converts a stream */
    enc_stream *s = enc_stream_new(cs);
    FZ_CHECK(s, "enc_stream_new %s", cs);
    char *out = malloc(n * 3 + 64);
    FZ_CHECK(out, "out of memory");
    size_t olen = 0, pos = 0, sbad = 0, held = 0;
    while (pos < n || held) {
        size_t avail = held + (n - pos < chunk ? n - pos : chunk); /* bytes offered this time */
        size_t in = avail;
        int at_end = pos + (avail - held) >= n;
        size_t w = enc_stream_convert(s, p + pos - held, &in, out + olen, n * 3 + 64 - olen, at_end, &sbad);
        olen += w;
        FZ_CHECK(in <= avail, "enc_stream_convert consumed %zu of %zu", in, avail);
        size_t fresh = avail - held;
        pos += fresh;
        held = avail - in;
        FZ_CHECK(!(at_end && held), "enc_stream_convert left %zu bytes at the end", held);
        FZ_CHECK(held <= 8, "enc_stream_convert holds %zu bytes back", held);
    }
    FZ_CHECK(olen == len && !memcmp(out, conv, len) && sbad == bad, "%s: chunks of %zu give %zu bytes (%zu bad), whole %zu (%zu bad)", cs,
             chunk, olen, sbad, len, bad);
    free(out);
    enc_stream_free(s);
    free(conv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    fz_setup();
    if (!fz_dir[0]) {
        snprintf(fz_dir, sizeof fz_dir, "/tmp/feit-fuzz-html.XXXXXX");
        FZ_CHECK(mkdtemp(fz_dir), "mkdtemp");
        atexit(fz_rmdir);
    }
    unsigned mode = data[0], chunk = data[1] ? data[1] : 1;
    const char *p = (const char *)data + 2;
    size_t n = size - 2;
    const char *cs = charsets[mode & 7];

    check_html(p, n);
    check_encoding(p, n, cs, chunk);

    /* the reader, as feit extract reads the file */
    static const char *const names[4] = {"page.html", "page.txt", "page.dat", "page.txt"};
    char path[128];
    snprintf(path, sizeof path, "%s/%s", fz_dir, names[(mode >> 3) & 3]);
    FILE *f = fopen(path, "wb");
    FZ_CHECK(f && (n == 0 || fwrite(p, 1, n, f) == n) && fclose(f) == 0, "writing %s", path);
    feit_read_options ro = feit_read_options_default();
    ro.max_doc = (mode & 32) ? 64 : 1 << 20;
    if (((mode >> 3) & 3) == 2)
        ro.format = FEIT_READ_HTML;
    if (((mode >> 3) & 3) == 3)
        ro.encoding = cs;
    char *paths[1] = {path};
    feit_reader *r = feit_reader_new(paths, 1, &ro);
    FZ_CHECK(r, "feit_reader_new");
    size_t items = 0;
    for (;;) {
        feit_input_doc doc;
        feit_error err;
        memset(&err, 0, sizeof err);
        int rc = feit_reader_next(r, &doc, &err);
        if (rc == 0)
            break;
        FZ_CHECK(rc == 1 || rc == FEIT_ESKIP, "feit_reader_next returned %d", rc);
        FZ_CHECK(++items <= 2, "more than one item from one text file");
        if (rc == FEIT_ESKIP) {
            FZ_CHECK(!strncmp(err.file, path, strlen(path)) && err.text[0], "skip report without the file: '%s: %s'", err.file, err.text);
            continue;
        }
        FZ_CHECK(doc.id && doc.text && doc.meta && doc.where && doc.len > 0, "incomplete document");
        FZ_CHECK(utf8_valid(doc.text, doc.len), "document text is not valid UTF-8");
        fz_run_doc(doc.id, doc.text, doc.len, doc.meta);
        feit_input_doc_free(&doc);
    }
    feit_reader_free(r);
    unlink(path);
    return 0;
}
