/* test_jsonl.c — the JSON Lines record scanner (io/jsonl.c) where its fast string scan has
 * edges: strings of every length from 0 to 70 with a quote, backslash, control character,
 * DEL or multi-byte UTF-8 character at every position, so each lands before, inside and after
 * a 16- and an 8-byte step of the scan (and of the text's decoding: \u escapes too). Every
 * such record must come out as jansson reads it:
 * the text decoded, or a bad record for a raw control character. */
#include "check.h"
#include "io/jsonl.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static int failures;

/* Parses {"id":"x","text":"<body>"} and compares the text with want (NULL: a bad record). */
static void expect(const char *body, size_t blen, const char *want, size_t wlen)
{
    char line[512];
    int n = snprintf(line, sizeof line, "{\"id\":\"x\",\"text\":\"%.*s\",\"z\":1}", (int)blen, body);
    feit_input_doc doc;
    feit_error err;
    memset(&doc, 0, sizeof doc);
    memset(&err, 0, sizeof err);
    int rc = jsonl_parse(line, (size_t)n, "t.jsonl", 1, 1 << 20, &doc, &err);
    int ok = want ? rc == 1 && doc.len == wlen && !memcmp(doc.text, want, wlen) && !strcmp(doc.meta, "{\"z\":1}")
                  : rc == FEIT_ESKIP;
    if (!ok) {
        failures++;
        if (failures < 10)
            printf("FAIL %s:%d: record %s: rc %d, text \"%.*s\"\n", __FILE__, __LINE__, line, rc,
                   rc == 1 ? (int)doc.len : 0, rc == 1 ? doc.text : "");
    }
    if (rc == 1)
        feit_input_doc_free(&doc);
}

/* Parses line and compares its meta and id with want_meta and want_id (want_meta NULL: a bad
 * record). */
static void expect_meta(const char *line, const char *want_meta, const char *want_id)
{
    feit_input_doc doc;
    feit_error err;
    memset(&doc, 0, sizeof doc);
    int rc = jsonl_parse(line, strlen(line), "t.jsonl", 1, 1 << 20, &doc, &err);
    int ok = want_meta ? rc == 1 && !strcmp(doc.meta, want_meta) && !strcmp(doc.id, want_id) : rc == FEIT_ESKIP;
    if (!ok) {
        failures++;
        if (failures < 10)
            printf("FAIL %s:%d: record %s: rc %d, meta %s, id %s\n", __FILE__, __LINE__, line, rc, rc == 1 ? doc.meta : "",
                   rc == 1 ? doc.id : "");
    }
    if (rc == 1)
        feit_input_doc_free(&doc);
}

/* A meta value, a key and an id with a character of 0x80 and up at every place of its first
 * 40 bytes (the scan's steps of sixteen and eight): é is kept as it is, an invalid byte or a
 * cut sequence makes the record bad, as jansson has it. */
static void meta_utf8(void)
{
    char v[64], line[256], want[256];
    for (size_t len = 1; len <= 40; len++)
        for (size_t k = 0; k + 2 <= len; k++) {
            memset(v, 'm', len), v[len] = '\0', memcpy(v + k, "\xc3\xa9", 2);
            snprintf(line, sizeof line, "{\"a\":\"%s\",\"id\":\"%s\",\"text\":\"t\"}", v, v);
            snprintf(want, sizeof want, "{\"a\":\"%s\"}", v);
            expect_meta(line, want, v);
            snprintf(line, sizeof line, "{\"%s\":1,\"text\":\"t\"}", v);
            snprintf(want, sizeof want, "{\"%s\":1}", v);
            expect_meta(line, want, "t.jsonl:1");
            for (int bad = 0; bad < 2; bad++) {
                memset(v, 'm', len), v[len] = '\0', v[k] = bad ? '\xc3' : '\xff';
                if (bad)
                    v[len - 1] = '\xc3'; /* (also one cut by the closing quote) */
                snprintf(line, sizeof line, "{\"a\":\"%s\",\"text\":\"t\"}", v);
                expect_meta(line, NULL, NULL);
                snprintf(line, sizeof line, "{\"%s\":1,\"text\":\"t\"}", v);
                expect_meta(line, NULL, NULL);
                snprintf(line, sizeof line, "{\"id\":\"%s\",\"text\":\"t\"}", v);
                expect_meta(line, NULL, NULL);
            }
        }
}

/* A meta value with an escape at each place of its first 40 bytes: the record's meta is what
 * jansson makes of the same members (compact, sorted keys), whether the scan writes it
 * itself (\" \\ \b \f \n \r \t, which jansson writes back as they are) or asks jansson
 * (\/ and \u, which it does not). */
static void meta_escapes(void)
{
    static const char *const escapes[] = {"\\\"", "\\\\", "\\b", "\\f", "\\n", "\\r", "\\t", "\\/", "\\u00e9", "\\u0001", "\\ud83d\\ude00"};
    char v[128], line[256], members[256];
    for (size_t e = 0; e < sizeof escapes / sizeof *escapes; e++)
        for (size_t len = 0; len <= 40; len++) {
            memset(v, 'm', len);
            snprintf(v + len, sizeof v - len, "%s%s", escapes[e], len % 2 ? "" : "zz");
            snprintf(line, sizeof line, "{\"a\":\"%s\",\"b\":1,\"text\":\"t\"}", v);
            snprintf(members, sizeof members, "{\"a\":\"%s\",\"b\":1}", v);
            json_t *o = json_loads(members, 0, NULL);
            char *want = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
            if (!want)
                failures++, printf("FAIL %s:%d: jansson reads no %s\n", __FILE__, __LINE__, members);
            else
                expect_meta(line, want, "t.jsonl:1");
            free(want);
            json_decref(o);
        }
}

/* A record's place (doc.where, and the default id): "file:line", "file" for line 0, a long
 * name cut to 1099 bytes in all as snprintf would cut it. */
static void where(void)
{
    static const long lines[] = {1, 9, 10, 655, 1234567890, -3, 0};
    static char file[1200], want[1300];
    for (size_t len = 1; len < sizeof file; len += len < 20 ? 1 : 97)
        for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
            memset(file, 'f', len), file[len] = '\0';
            if (lines[k])
                snprintf(want, sizeof want, "%s:%ld", file, lines[k]);
            else
                snprintf(want, sizeof want, "%s", file);
            want[1099] = '\0'; /* (the reader's buffer holds 1100 bytes) */
            feit_input_doc doc;
            feit_error err;
            memset(&doc, 0, sizeof doc);
            int rc = jsonl_parse("{\"text\":\"t\"}", 12, file, lines[k], 1 << 20, &doc, &err);
            if (rc != 1 || strcmp(doc.where, want) || strcmp(doc.id, want))
                failures++, printf("FAIL %s:%d: where of %zu bytes, line %ld: \"%s\"\n", __FILE__, __LINE__, len, lines[k],
                                   rc == 1 ? doc.where : "");
            if (rc == 1)
                feit_input_doc_free(&doc);
        }
    char got[1100];
    memset(got, 0, sizeof got);
    feit_input_doc doc;
    feit_error err;
    memset(&doc, 0, sizeof doc);
    CHECK_INT(jsonl_parse("{\"text\":\"t\"}", 12, "a.jsonl", 42, 1 << 20, &doc, &err), 1);
    CHECK_STR(doc.where, "a.jsonl:42");
    feit_input_doc_free(&doc);
}

int main(void)
{
    where();
    meta_utf8();
    meta_escapes();
    char body[128], want[128];
    for (size_t len = 0; len <= 70; len++) {
        memset(body, 'a', len);
        expect(body, len, body, len); /* plain */
        for (size_t k = 0; k < len; k++) {
            memset(body, 'a', len), memset(want, 'a', len);
            /* an escaped quote, written as two bytes, is one byte of text */
            body[k] = '\\', body[k + 1 < len ? k + 1 : k] = '"';
            if (k + 1 < len) {
                memcpy(want, body, len), want[k] = '"';
                memmove(want + k + 1, want + k + 2, len - k - 2);
                expect(body, len, want, len - 1);
            }
            /* escapes that do not end the string: \n and \\ */
            if (k + 1 < len) {
                memset(body, 'a', len), memset(want, 'a', len);
                body[k] = '\\', body[k + 1] = 'n', want[k] = '\n';
                expect(body, len, want, len - 1);
                body[k + 1] = '\\', want[k] = '\\';
                expect(body, len, want, len - 1);
            }
            /* a raw control character: a bad record */
            memset(body, 'a', len), body[k] = '\t';
            expect(body, len, NULL, 0);
            body[k] = '\x01';
            expect(body, len, NULL, 0);
            /* DEL and bytes of multi-byte characters are plain */
            body[k] = '\x7f';
            expect(body, len, body, len);
            if (k + 2 <= len) {
                memset(body, 'a', len), memcpy(body + k, "\xc3\xa9", 2); /* é */
                expect(body, len, body, len);
            }
            if (k + 4 <= len) {
                memset(body, 'a', len), memcpy(body + k, "\xf0\x9f\x98\x80", 4); /* U+1F600 */
                expect(body, len, body, len);
            }
            /* invalid UTF-8: jansson's error, a bad record */
            memset(body, 'a', len), body[k] = '\xff';
            expect(body, len, NULL, 0);
            /* a lead byte without its continuation, the last one cut by the closing quote */
            body[k] = '\xc3';
            expect(body, len, NULL, 0);
            /* \u escapes: one character, and a surrogate pair, decoded to UTF-8 */
            if (k + 6 <= len) {
                memset(body, 'a', len), memset(want, 'a', len);
                memcpy(body + k, "\\u00e9", 6), memcpy(want + k, "\xc3\xa9", 2);
                expect(body, len, want, len - 4);
            }
            if (k + 12 <= len) {
                memset(body, 'a', len), memset(want, 'a', len);
                memcpy(body + k, "\\ud83d\\ude00", 12), memcpy(want + k, "\xf0\x9f\x98\x80", 4);
                expect(body, len, want, len - 8);
            }
        }
    }
    /* an unterminated string at every length, and the quote as the record's last byte */
    for (size_t len = 0; len <= 40; len++) {
        char line[128] = "{\"text\":\"";
        memset(line + 9, 'b', len);
        feit_input_doc doc;
        feit_error err;
        memset(&doc, 0, sizeof doc);
        int rc = jsonl_parse(line, 9 + len, "t.jsonl", 1, 1 << 20, &doc, &err);
        if (rc != FEIT_ESKIP)
            failures++, printf("FAIL %s:%d: unterminated string of %zu bytes: rc %d\n", __FILE__, __LINE__, len, rc);
        if (rc == 1)
            feit_input_doc_free(&doc);
    }
    CHECK(failures == 0);
    return check_failed != 0;
}
