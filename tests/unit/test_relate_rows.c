/* test_relate_rows.c — the rows of requirement bitsets that relate.c ORs for a sentence with
 * fewer mentions than some rule needs (rules.h: rs_few): for each such mention count below
 * few_ments, each row's words are rs_req's, each with just the bits of the rules that need at
 * most that many mentions (rs_pass, either pass), in order, and none left without bits, and
 * few_ments is the first count whose rows would keep more than half the words; and the blocks that
 * stand for the most asked literals' rows ORed (rs_top, lit_top); and the rows of rules by
 * mention types without the rules that need a role (rs_types). */
#include "check.h"
#include "core/types.h"
#include "relations/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

/* How many words the rows for m mentions keep: rs_req's nonzero words with a bit of a rule that
 * needs at most m (rs_pass, either pass), counted from rs_req itself */
static size_t few_words(const feit_rules *r, size_t m)
{
    size_t w = (size_t)r->rs_words, kw = (size_t)RULES_MAX_REQS * w, n = 0;
    const uint64_t *p0 = r->rs_pass + m * w, *p1 = r->rs_pass + ((size_t)r->ment_cap + 1 + m) * w;
    for (size_t k = 0; k < (size_t)r->rs_rows; k++)
        for (size_t x = 0; x < kw; x++)
            n += (r->rs_req[k * kw + x] & (p0[x % w] | p1[x % w])) != 0;
    return n;
}

/* Is the block of rs_top for the set `set` of top literals the row of the rules with no
 * requirement q ORed with those literals' rows (rs_nz: of all the rules)? */
static bool top_block_ok(const feit_rules *r, const int32_t *top, size_t set)
{
    size_t w = (size_t)r->rs_words, kw = (size_t)RULES_MAX_REQS * w, nk = (size_t)r->nsets;
    uint64_t want[RULES_MAX_REQS * 256] = {0}; /* (up to 16,384 rules) */
    if (kw > sizeof want / sizeof *want)
        return false;
    for (size_t x = 0; x < kw; x++)
        want[x] = r->rs_req[nk * kw + x];
    for (int32_t j = 0; j < r->ntop; j++)
        if ((set >> j) & 1)
            for (uint32_t i = r->rs_nz_first[nk + 1 + (size_t)top[j]]; i < r->rs_nz_first[nk + 2 + (size_t)top[j]]; i++)
                want[r->rs_nz[i].at] |= r->rs_nz[i].bits;
    const uint64_t *b = r->rs_top + set * kw;
    for (size_t x = 0; x < kw; x++)
        if (b[x] != want[x])
            return false;
    return true;
}

/* Does each row of rs_types for a sentence where no role may start hold the rules of its row
 * for one where a role may, less just those that need a role (rlater.role)? The count of rules
 * it leaves out goes to *dropped. */
static bool role_rows_ok(const feit_rules *r, size_t *dropped)
{
    size_t w = (size_t)r->rs_words, half = ((size_t)TYPES_ALL + 1) * w;
    for (size_t p = 0; p <= TYPES_ALL; p++)
        for (int32_t i = 0; i < r->nrules; i++) {
            size_t x = p * w + (size_t)i / 64;
            bool with = (r->rs_types[half + x] >> (i % 64)) & 1, without = (r->rs_types[x] >> (i % 64)) & 1;
            if (without != (with && !r->later[i].role))
                return false;
            *dropped += with && !without;
        }
    return true;
}

/* The words of literal li's row (rs_nz). */
static uint32_t lit_words(const feit_rules *r, int32_t li)
{
    size_t k = (size_t)r->nsets + 1 + (size_t)li;
    return r->rs_nz_first[k + 1] - r->rs_nz_first[k];
}

/* Do the blocks of rs_top in r (lit_top, ntop of its literals) hold what the rows say, and
 * are its literals those with the most row words? 0 when they do. */
static int top_errors(const feit_rules *r)
{
    int32_t top[RULES_TOP_LITS] = {0}, nt = 0;
    uint32_t least = UINT32_MAX, most_left = 0;
    for (int32_t li = 0; li < r->nlits; li++) {
        if (r->lit_top[li] < 0) {
            most_left = lit_words(r, li) > most_left ? lit_words(r, li) : most_left;
            continue;
        }
        if (nt == RULES_TOP_LITS || r->lit_top[li] >= r->ntop)
            return 1;
        top[r->lit_top[li]] = li, nt++;
        least = lit_words(r, li) < least ? lit_words(r, li) : least;
    }
    int bad = (nt != r->ntop) + (least < most_left);
    for (size_t set = 0; set < (size_t)1 << nt && !bad; set++)
        bad += !top_block_ok(r, top, set);
    return bad;
}

/* A rule file of 9,000 rules (two mentions, "van" and a word of its own each): its blocks
 * would take more than RULES_TOP_BYTES with RULES_TOP_LITS literals, so it takes fewer. */
static void many_rules(void)
{
    char dir[] = "/tmp/test_relate_rows.XXXXXX", path[256];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    snprintf(path, sizeof path, "%s/preds.tsv", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        exit(2);
    fputs("bezoek\tno\t-\tperson|organisation\tplace|organisation\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/many.rules", dir);
    if (!(f = fopen(path, "w")))
        exit(2);
    fputs("predicates preds.tsv\n", f);
    for (int i = 0; i < 9000; i++)
        fprintf(f, "rule r%d 0.5\n    A:PERSON woord%d van B:COUNTRY\n    -> A bezoek B\n", i, i);
    fclose(f);
    feit_error err;
    feit_rules *r = rules_load(path, "dutch", &err);
    CHECK(r != NULL);
    if (r) {
        size_t kw = (size_t)RULES_MAX_REQS * (size_t)r->rs_words;
        CHECK(r->rs_top && r->lit_top);
        CHECK(r->ntop > 0 && r->ntop < RULES_TOP_LITS);
        CHECK(((size_t)1 << r->ntop) * kw * sizeof *r->rs_top <= RULES_TOP_BYTES);
        CHECK(((size_t)1 << (r->ntop + 1)) * kw * sizeof *r->rs_top > RULES_TOP_BYTES);
        if (r->rs_top && r->lit_top)
            CHECK_INT(top_errors(r), 0);
    }
    rules_free(r);
    remove(path);
    snprintf(path, sizeof path, "%s/preds.tsv", dir);
    remove(path);
    rmdir(dir);
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
    /* (one mention keeps 89 of the 2,741 words, two 2,640: those ORs rs_nz) */
    CHECK(r->few_ments >= 1 && r->few_ments < r->ment_cap);
    if (r->rs_req && r->rs_few_first) {
        size_t all = r->rs_nz_first[r->rs_rows];
        for (size_t m = 0; m < (size_t)r->ment_cap; m++) {
            size_t kept = few_words(r, m), bad = 0, dropped = 0;
            if (m >= (size_t)r->few_ments) { /* the first count past few_ments keeps too many */
                CHECK(m > (size_t)r->few_ments || 2 * kept > all);
                continue;
            }
            CHECK(2 * kept <= all);
            for (size_t k = 0; k < (size_t)r->rs_rows; k++)
                bad += !few_row_ok(r, m, k, &dropped);
            CHECK_INT(bad, 0);
            CHECK(dropped > 0); /* (each count leaves out some rule's words) */
        }
    }
    /* rs_types: the rows for a sentence with no role leave out the rules that need one */
    CHECK(r->rs_types != NULL);
    if (r->rs_types) {
        size_t dropped = 0;
        CHECK(role_rows_ok(r, &dropped));
        CHECK(dropped > 0); /* (the bundled rules have rules that need a role) */
    }
    /* rs_top: the RULES_TOP_LITS literals with the most words in their rows, each block the
     * rows it stands for ORed */
    CHECK(r->rs_top && r->lit_top);
    CHECK_INT(r->ntop, RULES_TOP_LITS);
    if (r->rs_top && r->lit_top)
        CHECK_INT(top_errors(r), 0);
    rules_free(r);
    many_rules();
    CHECK_DONE();
}
