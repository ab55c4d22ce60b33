/* test_output.c — feit_result_write's records: a triple's "date" comes from the meta's "date"
 * (else "published") string, read by a scan for the usual flat, compact meta and through
 * jansson for any other; both ways must give what jansson reads (the last of repeated keys,
 * no date from invalid JSON, nested or escaped members). Also the numbers written by hand, and
 * strings escaped as a byte-by-byte escaper does, whatever block of the copy a byte falls in. */
#include "check.h"
#include "feit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char text[] = "Mark Rutte is premier van Nederland.";

static feit_result one_triple(feit_triple *t)
{
    memset(t, 0, sizeof *t);
    t->subject = (feit_arg){"Mark Rutte", "Q57792", FEIT_PERSON};
    t->object = (feit_arg){"Nederland", NULL, FEIT_LOCATION};
    t->predicate = "premier";
    t->rule = "r1";
    t->confidence = 0.85f;
    t->sentence = 4294967295u;
    t->ev_start = 0, t->ev_end = (uint32_t)strlen(text);
    t->count = 12;
    feit_result r = {0};
    r.doc = "d1", r.text = text, r.len = strlen(text);
    r.triples = t, r.ntriples = 1;
    return r;
}

/* The "date" member of the triple written with this meta, or "" when there is none. */
static const char *date_of(const char *meta)
{
    static char got[64];
    feit_triple t;
    feit_result r = one_triple(&t);
    feit_buf b = {0};
    got[0] = '\0';
    if (feit_result_write(&r, FEIT_EMIT_TRIPLES, meta, &b) == 0 && b.data) {
        b.data[b.len - 1] = '\0';
        const char *d = strstr(b.data, ",\"date\":\"");
        if (d) {
            d += 9;
            size_t n = strcspn(d, "\"");
            if (n < sizeof got)
                memcpy(got, d, n), got[n] = '\0';
        }
    }
    feit_buf_free(&b);
    return got;
}

/* The JSON string of s[0..n) as RFC 8259 and output.c's contract have it, a byte at a time
 * (the test's knowledge: the valid sequences used are \xC3\xAB and \xC2\x80, the invalid bytes
 * \xFF and a lone \x85). */
static size_t escape_ref(const char *s, size_t n, char *o)
{
    size_t k = 0;
    o[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            o[k++] = '\\', o[k++] = (char)c;
        else if (c == '\n')
            o[k++] = '\\', o[k++] = 'n';
        else if (c == '\t')
            o[k++] = '\\', o[k++] = 't';
        else if (c < 0x20)
            k += (size_t)sprintf(o + k, "\\u%04x", c);
        else if (c == 0xFF || c == 0x85)
            memcpy(o + k, "\xEF\xBF\xBD", 3), k += 3;
        else
            o[k++] = (char)c; /* (a valid sequence is copied) */
    }
    o[k++] = '"';
    o[k] = '\0';
    return k;
}

/* A subject's name of 0-40 bytes with each kind of special byte at each place (the rest plain,
 * DEL included): the record must hold it as escape_ref writes it. */
static void strings_escaped(void)
{
    static const char *const specials[] = {"\"", "\\", "\n", "\t", "\x01", "\x1f", "\xC3\xAB", "\xC2\x80", "\xFF", "\x85", "\x7f", "~"};
    bool ok = true;
    for (size_t n = 0; n <= 40; n++)
        for (size_t sp = 0; sp < sizeof specials / sizeof *specials; sp++)
            for (size_t at = 0; at <= n; at++) {
                char name[64], want[512];
                for (size_t k = 0; k < n; k++)
                    name[k] = (char)('a' + k % 26);
                size_t sl = strlen(specials[sp]), len = n;
                if (at < n) { /* (at == n: the plain name) */
                    memcpy(name + at, specials[sp], sl);
                    for (size_t k = at + sl; k < n + sl - 1; k++)
                        name[k] = (char)('A' + k % 26);
                    len = n + sl - 1;
                }
                name[len] = '\0';
                escape_ref(name, len, want);
                feit_triple t;
                feit_result r = one_triple(&t);
                t.subject.canonical = name;
                feit_buf b = {0};
                bool same = feit_result_write(&r, FEIT_EMIT_TRIPLES, NULL, &b) == 0 && b.data;
                if (same) {
                    const char *f = strstr(b.data, ",\"subject\":");
                    size_t wl = strlen(want);
                    same = f && !strncmp(f + 11, want, wl) && f[11 + wl] == ',';
                    if (!same)
                        printf("FAIL %s:%d: length %zu, special %zu at %zu: got %.*s\n", __FILE__, __LINE__, len, sp, at,
                               (int)b.len, b.data);
                }
                ok &= same;
                feit_buf_free(&b);
            }
    CHECK(ok);
}

int main(void)
{
    strings_escaped();
    /* the flat, compact shape (the scan) */
    CHECK_STR(date_of("{\"date\":\"2024-06-13\",\"id\":7}"), "2024-06-13");
    CHECK_STR(date_of("{\"a\":null,\"date\":\"2024-06-13T10:00:00Z\",\"z\":true}"), "2024-06-13");
    CHECK_STR(date_of("{\"published\":\"juni 2024\"}"), "juni 2024");
    CHECK_STR(date_of("{\"date\":12,\"published\":\"2020-01-02\"}"), "2020-01-02");
    CHECK_STR(date_of("{\"date\":\"\",\"published\":\"2020-01-02\"}"), "");
    CHECK_STR(date_of("{\"date\":\"2019-01-01\",\"date\":\"2021-03-04\"}"), "2021-03-04");
    CHECK_STR(date_of("{\"date\":\"2019-01-01\",\"date\":false,\"published\":\"x\"}"), "x");
    CHECK_STR(date_of("{\"dates\":\"2019-01-01\",\"xdate\":\"2019\"}"), "");
    CHECK_STR(date_of("{\"n\":-0,\"date\":\"d\"}"), "d");
    CHECK_STR(date_of("{}"), "");
    CHECK_STR(date_of(NULL), "");
    /* other shapes: jansson */
    CHECK_STR(date_of("{ \"date\": \"2024-06-13\" }"), "2024-06-13");
    CHECK_STR(date_of("{\"d\\u0061te\":\"2024-06-13\"}"), "2024-06-13");
    CHECK_STR(date_of("{\"date\":\"2024-06-13\",\"x\":{\"date\":\"1999-01-01\"}}"), "2024-06-13");
    CHECK_STR(date_of("{\"x\":[1,2],\"published\":\"p\"}"), "p");
    CHECK_STR(date_of("{\"x\":1.5,\"date\":\"a\\\"b\"}"), "a\\");
    /* not JSON: no date */
    CHECK_STR(date_of("{\"date\":\"2024-06-13\""), "");
    CHECK_STR(date_of("{\"date\":\"2024-06-13\",}"), "");
    CHECK_STR(date_of("{\"date\":\"2024-06-13\"}x"), "");
    CHECK_STR(date_of("{\"date\":\"2024-06-13\",\"n\":0123}"), "");
    CHECK_STR(date_of("{\"date\":\"2024-06-13\",\"n\":12345678901234567890123}"), "");
    CHECK_STR(date_of("{\"date\":\"\xff\"}"), "");
    CHECK_STR(date_of("{\"date\":\"a\tb\"}"), "");
    /* the scan's sixteen-byte steps: what comes after a first block of plain bytes, and a
     * UTF-8 character across two blocks */
    CHECK_STR(date_of("{\"title\":\"Rutte zegt dat het kabinet \xc3\xa9\xc3\xa9n plan heeft\",\"date\":\"d\"}"), "d");
    CHECK_STR(date_of("{\"title\":\"een titel van zestien bytes \xe2\x80\x99 of meer\",\"date\":\"d\"}"), "d");
    CHECK_STR(date_of("{\"title\":\"een titel van zestien bytes met \xff\",\"date\":\"d\"}"), "");
    CHECK_STR(date_of("{\"title\":\"een titel van zestien bytes met \xc3\",\"date\":\"d\"}"), "");
    CHECK_STR(date_of("{\"title\":\"een titel van zestien bytes met \\\"\",\"date\":\"d\"}"), "d");
    CHECK_STR(date_of("{\"title\":\"een titel van zestien bytes met\x01\",\"date\":\"d\"}"), "");
    CHECK_STR(date_of("{\"date\":\"een datum van meer dan zestien bytes"), "");
    CHECK_STR(date_of("{\"date\":tru}"), "");
    CHECK_STR(date_of("[\"date\",\"2024\"]"), "");

    /* the whole record, numbers included */
    feit_triple t;
    feit_result r = one_triple(&t);
    feit_buf b = {0};
    CHECK(feit_result_write(&r, FEIT_EMIT_TRIPLES, "{\"date\":\"2024-06-13\"}", &b) == 0);
    const char *want = "{\"confidence\":0.85,\"count\":12,\"date\":\"2024-06-13\",\"doc\":\"d1\","
                       "\"evidence\":\"Mark Rutte is premier van Nederland.\",\"object\":\"Nederland\","
                       "\"object_type\":\"location\",\"predicate\":\"premier\",\"rule\":\"r1\",\"sentence\":4294967295,"
                       "\"subject\":\"Mark Rutte\",\"subject_kb\":\"Q57792\",\"subject_type\":\"person\",\"time\":\"current\"}\n";
    CHECK(b.data && b.len == strlen(want) && !memcmp(b.data, want, b.len));
    if (b.data && (b.len != strlen(want) || memcmp(b.data, want, b.len)))
        printf("got %.*s", (int)b.len, b.data);
    feit_buf_free(&b);

    /* a triple's count and sentence of every number of digits, at the edges of each (the
     * digits are written two at a time) */
    bool numbers_ok = true;
    for (unsigned long long p10 = 1; p10 <= 1000000000ull; p10 *= 10) {
        const unsigned long long vs[] = {p10 - 1, p10, p10 + 1, p10 * 2 + 7, p10 * 10 - 1 > 4294967295ull ? 4294967295ull : p10 * 10 - 1};
        for (size_t k = 0; k < sizeof vs / sizeof *vs; k++) {
            feit_triple tn;
            feit_result rn = one_triple(&tn);
            tn.sentence = (uint32_t)vs[k], tn.count = vs[k] ? (uint32_t)vs[k] : 1;
            feit_buf bn = {0};
            char key[64];
            snprintf(key, sizeof key, "\"count\":%u,", tn.count);
            bool ok = feit_result_write(&rn, FEIT_EMIT_TRIPLES, NULL, &bn) == 0 && bn.data && memmem(bn.data, bn.len, key, strlen(key));
            snprintf(key, sizeof key, "\"sentence\":%u,", tn.sentence);
            ok = ok && memmem(bn.data, bn.len, key, strlen(key));
            if (!ok)
                printf("FAIL %s:%d: number %llu: got %.*s", __FILE__, __LINE__, vs[k], bn.data ? (int)bn.len : 0, bn.data ? bn.data : "");
            numbers_ok &= ok;
            feit_buf_free(&bn);
        }
    }
    CHECK(numbers_ok);
    return check_failed != 0;
}
