/* test_relate_ments.c — the mentions of each sentence as the relation stage counts them
 * (relate_match.h: relate_sent_ments): the runs of tokens of one mention that start in a
 * sentence, listed for the sentences that have any. The counts read off the mention list must be those of the tokens: mentions side by
 * side, one running into the next sentence, and the cases where the list does not say it (a
 * mention inside another, two from one token, an empty one, one whose tokens point elsewhere, a
 * list out of order), each against the tokens' own count and a number written out. */
#include "check.h"
#include <string.h>
#include "relations/relate_match.h"

#define NTOKS 20

/* three sentences: tokens [0, 6), [6, 12), [12, 20) */
static const feit_sentence SENTS[3] = {{0, 6, 0, 0}, {6, 12, 0, 0}, {12, 20, 0, 0}};

/* the count of the tokens: a run of one mention's tokens starting in the sentence */
static uint32_t runs(const feit_doc *d, uint32_t s)
{
    uint32_t n = 0;
    for (uint32_t t = d->sents[s].tok_start; t < d->sents[s].tok_end; t++)
        n += d->toks[t].mention >= 0 && (t == 0 || d->toks[t - 1].mention != d->toks[t].mention);
    return n;
}

/* A document of the tokens' mentions tm (NTOKS of them, -1 none) and the mention list
 * (ranges [2 * i], [2 * i + 1], n of them, in that order); checks the three counts against
 * the tokens' and against want. */
static void check_doc(const char *what, const int32_t *tm, const uint32_t *ranges, size_t n, const uint32_t want[3])
{
    feit_token toks[NTOKS];
    feit_mention ments[8];
    memset(toks, 0, sizeof toks);
    memset(ments, 0, sizeof ments);
    for (int i = 0; i < NTOKS; i++)
        toks[i].mention = tm[i];
    for (size_t i = 0; i < n; i++)
        ments[i].tok_start = ranges[2 * i], ments[i].tok_end = ranges[2 * i + 1];
    feit_doc d;
    memset(&d, 0, sizeof d);
    d.toks = toks, d.ntoks = NTOKS;
    d.sents = (feit_sentence *)SENTS, d.nsents = 3;
    d.ments = ments, d.nments = n;
    /* the list: the sentences with a mention, in order, each once, with its count */
    uint32_t listed[3] = {99, 99, 99}, counts[3] = {99, 99, 99}, count[3] = {0, 0, 0};
    uint32_t nl = relate_sent_ments(&d, listed, counts);
    CHECK(nl <= 3);
    for (uint32_t k = 0; k < nl && k < 3; k++) {
        CHECK(listed[k] < 3 && (k == 0 || listed[k] > listed[k - 1]));
        CHECK(counts[k] > 0);
        if (listed[k] < 3)
            count[listed[k]] = counts[k];
    }
    for (uint32_t s = 0; s < 3; s++) {
        if (count[s] != runs(&d, s) || count[s] != want[s])
            printf("  (%s: sentence %u)\n", what, s);
        CHECK_INT(count[s], runs(&d, s));
        CHECK_INT(count[s], want[s]);
    }
}

int main(void)
{
    /* apart: two side by side, one in the second sentence, one from the second into the third
     * (counted where it starts), one in the third */
    {
        const int32_t tm[NTOKS] = {-1, 0, 0, 1, -1, -1, -1, 2, -1, -1, 3, 3, 3, 3, -1, 4, -1, -1, -1, -1};
        const uint32_t r[] = {1, 3, 3, 4, 7, 8, 10, 14, 15, 16};
        check_doc("apart", tm, r, 5, (const uint32_t[3]){2, 2, 1});
    }
    /* one inside another: the outer one's tokens go on after the inner one (three runs) */
    {
        const int32_t tm[NTOKS] = {-1, 0, 1, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        const uint32_t r[] = {1, 5, 2, 3};
        check_doc("nested", tm, r, 2, (const uint32_t[3]){3, 0, 0});
    }
    /* two from one token, the later over the first's: the second sentence as the tokens say */
    {
        const int32_t tm[NTOKS] = {-1, -1, -1, -1, -1, -1, -1, 1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        const uint32_t r[] = {7, 9, 7, 8};
        check_doc("same start", tm, r, 2, (const uint32_t[3]){0, 2, 0});
    }
    /* an empty mention (no token is its) beside one of a token */
    {
        const int32_t tm[NTOKS] = {-1, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        const uint32_t r[] = {3, 3, 4, 5};
        check_doc("empty", tm, r, 2, (const uint32_t[3]){1, 0, 0});
    }
    /* a mention whose tokens point elsewhere (none covers them) */
    {
        const int32_t tm[NTOKS] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1};
        const uint32_t r[] = {1, 3, 13, 14};
        check_doc("not its tokens", tm, r, 2, (const uint32_t[3]){0, 0, 1});
    }
    /* the list out of order: the second sentence's mention before the first's */
    {
        const int32_t tm[NTOKS] = {-1, 1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        const uint32_t r[] = {7, 8, 1, 2};
        check_doc("out of order", tm, r, 2, (const uint32_t[3]){1, 1, 0});
    }
    /* one running into the next sentence where a mention of that sentence starts inside it */
    {
        const int32_t tm[NTOKS] = {-1, -1, -1, -1, 0, 0, 0, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        const uint32_t r[] = {4, 8, 7, 9};
        check_doc("overlap across", tm, r, 2, (const uint32_t[3]){1, 1, 0});
    }
    /* no mentions */
    {
        int32_t tm[NTOKS];
        for (int i = 0; i < NTOKS; i++)
            tm[i] = -1;
        check_doc("none", tm, NULL, 0, (const uint32_t[3]){0, 0, 0});
    }
    return check_failed != 0;
}
