/* test_arena.c — the worker's huge-page block (core/arena.h): it is one 2 MiB block on a 2 MiB
 * boundary (else it would straddle two huge pages, and a table two TLB entries), it gives zeroed
 * 64-byte aligned pieces that do not overlap until it is full, and it says which pointers are
 * its own (the tables' frees leave those alone). */
#include "core/arena.h"
#include "check.h"

#include <stdint.h>

int main(void)
{
    feit_huge h;
    CHECK_INT(huge_init(&h), 0);
    CHECK(h.base && ((uintptr_t)h.base & (HUGE_BLOCK - 1)) == 0);
    unsigned char *a = huge_alloc(&h, 100), *b = huge_alloc(&h, 1);
    CHECK(a == h.base && b == a + 128); /* (100 bytes take two lines) */
    CHECK(((uintptr_t)b & 63) == 0 && b[0] == 0 && a[99] == 0);
    CHECK(huge_holds(&h, a) && huge_holds(&h, b) && huge_holds(&h, h.base + HUGE_BLOCK - 1));
    CHECK(!huge_holds(&h, h.base + HUGE_BLOCK) && !huge_holds(&h, &h));
    unsigned char *rest = huge_alloc(&h, HUGE_BLOCK - 192);
    CHECK(rest == b + 64 && huge_alloc(&h, 1) == NULL); /* full */
    if (rest)
        rest[HUGE_BLOCK - 193] = 1; /* (its last byte is mapped) */
    /* a table where the block is full, or without one: its own memory, zeroed and aligned,
     * which huge_table_free frees (ASan: a block's table freed, or one leaked, fails) */
    unsigned char *t1 = huge_table(&h, 100), *t2 = huge_table(NULL, 100);
    CHECK(t1 && t2 && !huge_holds(&h, t1) && ((uintptr_t)t1 & 63) == 0 && ((uintptr_t)t2 & 63) == 0 && t1[99] == 0 && t2[0] == 0);
    huge_table_free(&h, t1), huge_table_free(NULL, t2), huge_table_free(&h, NULL);
    huge_table_free(&h, a); /* (the block's: left to huge_free) */
    huge_free(&h);
    CHECK(!h.base && huge_alloc(&h, 1) == NULL && !huge_holds(&h, a)); /* unmapped: holds nothing */
    feit_huge none = {0};
    CHECK(huge_alloc(&none, 64) == NULL);
    huge_free(&none);
    return check_failed != 0;
}
