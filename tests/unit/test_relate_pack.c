/* test_relate_pack.c — the packed word sets of a token (relate_match.h: RELATE_PACK_*), as the
 * relation stage reads them without unpacking: the count in the top bits, set numbers at both
 * ends of their range, an empty list, a bitset of several words, and the requirement literal
 * that may follow the list. */
#include "check.h"
#include <string.h>
#include "relations/relate_match.h"

/* The packed list of n set numbers ids (each below 1 << RELATE_PACK_BITS, n <= RELATE_PACK_IDS). */
static uint64_t pack(const int32_t *ids, uint32_t n)
{
    uint64_t v = (uint64_t)n << 60;
    for (uint32_t i = 0; i < n; i++)
        v |= (uint64_t)ids[i] << (RELATE_PACK_BITS * i);
    return v;
}

int main(void)
{
    const int32_t ids[RELATE_PACK_IDS] = {0, 63, 64, 130, 510, 511};
    uint64_t all = pack(ids, RELATE_PACK_IDS);
    CHECK_INT(relate_packed_count(all), RELATE_PACK_IDS);
    for (uint32_t i = 0; i < RELATE_PACK_IDS; i++) {
        CHECK_INT(relate_packed_id(all, i), ids[i]);
        CHECK(relate_packed_has(all, ids[i]));
    }
    CHECK(!relate_packed_has(all, 1));
    CHECK(!relate_packed_has(all, 65));
    CHECK(!relate_packed_has(all, 509));

    /* the bitset of the list: exactly its sets, over 16 words */
    uint64_t b[16] = {0};
    relate_packed_or(all, b);
    CHECK(b[0] == (1ull | 1ull << 63));
    CHECK(b[1] == 1ull);
    CHECK(b[2] == 1ull << 2);
    CHECK(b[7] == (1ull << 62 | 1ull << 63));
    int other = 0;
    for (int j = 3; j < 16; j++)
        other |= j != 7 && b[j] != 0;
    CHECK(!other);

    /* meets: one shared set is enough; none shared, none */
    uint64_t want[16] = {0};
    want[2] = 1ull << 2; /* set 130 */
    CHECK(relate_packed_meets(all, want));
    want[2] = 1ull << 3; /* set 131 */
    CHECK(!relate_packed_meets(all, want));

    /* a word in no set: an empty list (count 0) has nothing and meets nothing */
    uint64_t none = pack(ids, 0);
    CHECK_INT(relate_packed_count(none), 0);
    CHECK(!relate_packed_has(none, 0));
    uint64_t every[16];
    for (int j = 0; j < 16; j++)
        every[j] = ~0ull;
    CHECK(!relate_packed_meets(none, every));
    uint64_t c[16] = {0};
    relate_packed_or(none, c);
    CHECK(c[0] == 0);

    /* the first id of a one-id list is 0: still a set, not "no sets" */
    uint64_t zero = pack(ids, 1);
    CHECK(relate_packed_has(zero, 0));
    CHECK(relate_packed_meets(zero, every));

    /* a word's requirement literal after its sets: the numbers at both ends, after no set and
     * after five; the sets read as before (the count does not take the literal's flag) */
    CHECK_INT(relate_packed_lit(none), -1);
    CHECK_INT(relate_packed_lit(pack(ids, 5)), -1);
    const int32_t lits[] = {0, 1, 994, 8191};
    for (uint32_t n = 0; n < RELATE_PACK_IDS; n++)
        for (int i = 0; i < 4; i++) {
            uint64_t v = pack(ids, n);
            CHECK(relate_pack_lit(&v, lits[i]));
            CHECK_INT(relate_packed_lit(v), lits[i]);
            CHECK_INT(relate_packed_count(v), n);
            if (n == 0) /* the literal's number is no set */
                CHECK(!relate_packed_has(v, lits[i]));
            for (uint32_t k = 0; k < n; k++)
                CHECK(relate_packed_has(v, ids[k]));
            uint64_t o[16] = {0}, p5[16] = {0};
            relate_packed_or(v, o);
            relate_packed_or(pack(ids, n), p5);
            CHECK(!memcmp(o, p5, sizeof o));
        }
    /* a literal beyond a set's numbers takes the bits the list leaves (58, 49, ... 13 after
     * none to five sets): a number of 512 and more (a rule file has more literals than sets)
     * after up to five sets, one of 20 bits after up to four, of 31 bits after up to three */
    const int32_t far[] = {512, 1049, (1 << 20) - 1, INT32_MAX};
    for (uint32_t n = 0; n < RELATE_PACK_IDS; n++)
        for (int i = 0; i < 4; i++) {
            uint64_t v = pack(ids, n);
            bool room = n <= (far[i] == INT32_MAX ? 3u : far[i] >= 1 << 13 ? 4u : 5u);
            CHECK(relate_pack_lit(&v, far[i]) == room);
            CHECK_INT(relate_packed_lit(v), room ? far[i] : -1);
            CHECK_INT(relate_packed_count(v), n);
            for (uint32_t k = 0; k < n; k++)
                CHECK(relate_packed_has(v, ids[k]));
        }
    /* no room: six sets, or a number beyond the bits after five */
    uint64_t full = all;
    CHECK(!relate_pack_lit(&full, 3));
    CHECK(full == all);
    uint64_t big = pack(ids, 5);
    CHECK(!relate_pack_lit(&big, 1 << 13));
    CHECK_INT(relate_packed_lit(big), -1);
    /* the gate's bit is none of the list's: after five sets and the largest literal they leave
     * room for, the sets and the literal read the same with it */
    uint64_t gated = pack(ids, 5);
    CHECK(relate_pack_lit(&gated, (1 << 13) - 1));
    CHECK(!(gated & RELATE_PACK_GATE));
    uint64_t both = gated | RELATE_PACK_GATE;
    CHECK_INT(relate_packed_lit(both), (1 << 13) - 1);
    CHECK_INT(relate_packed_count(both), 5);
    for (uint32_t k = 0; k < 5; k++)
        CHECK(relate_packed_has(both, ids[k]));
    CHECK_DONE();
}
