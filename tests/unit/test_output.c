/* test_output.c — feit_result_write's records: a triple's "date" comes from the meta's "date"
 * (else "published") string, read by a scan for the usual flat, compact meta and through
 * jansson for any other; both ways must give what jansson reads (the last of repeated keys,
 * no date from invalid JSON, nested or escaped members). Also the numbers written by hand. */
#include "check.h"
#include "feit.h"

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

int main(void)
{
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
    return check_failed != 0;
}
