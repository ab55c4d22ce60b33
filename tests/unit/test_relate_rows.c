/* test_relate_rows.c — the rows of requirement bitsets that relate.c ORs for a sentence with
 * fewer mentions than some rule needs (rules.h: rs_few): for each such mention count, each
 * row's words are rs_req's, each with just the bits of the rules that need at most that many
 * mentions (rs_pass, either pass), in order, and none left without bits. */
#include "check.h"
#include "relations/rules.h"

#include <stdio.h>

/* Does row k of rs_few for m mentions hold what rs_req and rs_pass say it should? *dropped
 * counts rs_req's nonzero words that it rightly leaves out. */
static bool few_row_ok(const feit_rules *r, size_t m, size_t k, size_t *dropped)
{
    size_t w = (size_t)r->rs_words, kw = (size_t)RULES_MAX_REQS * w, rows = (size_t)r->rs_rows;
    const uint64_t *p0 = r->rs_pass + m * w, *p1 = r->rs_pass + ((size_t)r->ment_cap + 1 + m) * w;
    uint32_t i = r->rs_few_first[m * (rows + 1) + k], e = r->rs_few_first[m * (rows + 1) + k + 1];
    for (size_t x = 0; x < kw; x++) {
        uint64_t all = r->rs_req[k * kw + x], want = all & (p0[x % w] | p1[x % w]);
        if (all && !want)
            ++*dropped;
        if (!want)
            continue;
        if (i == e || r->rs_few[i].at != x || r->rs_few[i].bits != want)
            return false;
        i++;
    }
    return i == e;
}

int main(void)
{
    feit_error err;
    feit_rules *r = rules_load("models/relations.rules", "dutch", &err);
    if (!r) {
        printf("FAIL %s:%d: models/relations.rules: %s:%d:%d: %s\n", __FILE__, __LINE__, err.file, err.line, err.column,
               err.text);
        return 1;
    }
    CHECK(r->rs_req && r->rs_few_first && r->rs_few);
    CHECK(r->ment_cap >= 2); /* (rules that need two mentions, so a sentence of one has rows to drop) */
    if (r->rs_req && r->rs_few_first) {
        for (size_t m = 0; m < (size_t)r->ment_cap; m++) {
            size_t bad = 0, dropped = 0;
            for (size_t k = 0; k < (size_t)r->rs_rows; k++)
                bad += !few_row_ok(r, m, k, &dropped);
            CHECK_INT(bad, 0);
            CHECK(dropped > 0); /* (each count leaves out some rule's words) */
        }
    }
    rules_free(r);
    CHECK_DONE();
}
