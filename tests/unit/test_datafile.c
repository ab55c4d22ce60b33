/* test_datafile.c — datafile_sum, the checksum of gazetteer.bin's chunks and of the caches: it
 * is the sum its comment defines (sum_ref, one word at a time, against the vector forms the
 * CPU takes), and a change of any one byte, of any two bits of two words of one lane (a
 * multiply-rotate sum let bit 63 of one word and bit 28 of the next cancel), of the length or
 * of the seed changes the sum; where the bytes lie in memory does not; the bytes after the last
 * whole 128-byte block count. */
#include "check.h"
#include "core/datafile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N 700 /* five blocks of 128 bytes and a tail of 60: seven words and four bytes */

/* datafile_sum as datafile.c defines it, a word at a time */
static uint64_t step_ref(uint64_t h, uint64_t w)
{
    h ^= w;
    h += (h & 0xFFFFFFFFu) * 0x9E3779B8u;
    h = (h << 32) | (h >> 32);
    h += (h & 0xFFFFFFFFu) * 0x85EBCA76u;
    return (h << 32) | (h >> 32);
}

static uint64_t sum_ref(uint64_t seed, const unsigned char *b, size_t n)
{
    uint64_t h[16];
    for (int k = 0; k < 16; k++)
        h[k] = seed ^ (0x243F6A8885A308D3ull * (uint64_t)(2 * k + 1));
    size_t i = 0;
    for (int k = 0; i + 8 <= n; i += 8, k = (k + 1) % 16) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        h[k] = step_ref(h[k], w);
    }
    for (; i < n; i++)
        h[0] = (h[0] ^ b[i]) * 0x100000001B3ull;
    uint64_t r = n;
    for (int k = 0; k < 16; k++) {
        r = (r ^ h[k]) * 0x9E3779B97F4A7C15ull;
        r ^= r >> 29;
    }
    return r;
}

static void fill(unsigned char *b, size_t n)
{
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = (unsigned char)(x >> 16);
    }
}

int main(void)
{
    unsigned char b[N], c[N + 1];
    fill(b, N);
    uint64_t s = datafile_sum(7, b, N);
    CHECK(datafile_sum(7, b, N) == s);
    CHECK(datafile_sum(8, b, N) != s);

    /* every byte, its lowest and its highest bit */
    int missed = 0;
    for (size_t i = 0; i < N; i++)
        for (int bit = 0; bit < 8; bit += 7) {
            b[i] ^= (unsigned char)(1u << bit);
            missed += datafile_sum(7, b, N) == s;
            b[i] ^= (unsigned char)(1u << bit);
        }
    CHECK_INT(missed, 0);

    /* the definition, over every length to two blocks and a tail and every alignment mod 8, and
     * over a chunk of the slot table's size */
    static unsigned char big[5120 + 8];
    fill(big, sizeof big);
    int differ = 0;
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 2 * 128 + 127; n++)
            differ += datafile_sum(off, big + off, n) != sum_ref(off, big + off, n);
    differ += datafile_sum(3, big + 1, 5120) != sum_ref(3, big + 1, 5120);
    CHECK_INT(differ, 0);

    /* any bit of a word and any of the next word of its lane (128 bytes on), in the first
     * block and the last; and bit 63 of a word with each bit of every later word of its lane */
    missed = 0;
    long tried = 0;
    for (size_t w = 0; w < 2; w++) {
        size_t i = w ? 3 * 128 + 40 : 0, j = i + 128;
        for (int bi = 0; bi < 64; bi++)
            for (int bj = 0; bj < 64; bj++) {
                b[i + bi / 8] ^= (unsigned char)(1u << (bi % 8)), b[j + bj / 8] ^= (unsigned char)(1u << (bj % 8));
                missed += datafile_sum(7, b, N) == s, tried++;
                b[i + bi / 8] ^= (unsigned char)(1u << (bi % 8)), b[j + bj / 8] ^= (unsigned char)(1u << (bj % 8));
            }
    }
    for (size_t i = 7; i < 128; i += 8)
        for (size_t j = i - 7 + 128; j + 8 <= 640; j += 128)
            for (int bj = 0; bj < 64; bj++) {
                b[i] ^= 0x80, b[j + bj / 8] ^= (unsigned char)(1u << (bj % 8));
                missed += datafile_sum(7, b, N) == s, tried++;
                b[i] ^= 0x80, b[j + bj / 8] ^= (unsigned char)(1u << (bj % 8));
            }
    CHECK_INT(missed, 0);
    CHECK(tried == 2 * 64 * 64 + 16 * 4 * 64);

    /* two words swapped */
    unsigned char t[8];
    memcpy(t, b + 40, 8), memcpy(b + 40, b + 168, 8), memcpy(b + 168, t, 8);
    CHECK(datafile_sum(7, b, N) != s);
    memcpy(t, b + 40, 8), memcpy(b + 40, b + 168, 8), memcpy(b + 168, t, 8);
    CHECK(datafile_sum(7, b, N) == s);

    /* the length counts, also over zeros; an empty input has a sum of its own */
    unsigned char z[64] = {0};
    CHECK(datafile_sum(0, z, 32) != datafile_sum(0, z, 64));
    CHECK(datafile_sum(0, z, 0) != datafile_sum(0, z, 1));
    CHECK(datafile_sum(0, NULL, 0) == datafile_sum(0, z, 0));
    CHECK(datafile_sum(0, b, N - 1) != s);

    /* not aligned: the same bytes one further on give the same sum */
    memcpy(c + 1, b, N);
    CHECK(datafile_sum(7, c + 1, N) == s);

    /* chained: the sum of the second part seeded with the first's is not the first's */
    uint64_t a = datafile_sum(0, b, 300);
    CHECK(datafile_sum(a, b + 300, 400) != a);
    CHECK(datafile_sum(a, b + 300, 400) != datafile_sum(0, b + 300, 400));
    CHECK_DONE();
}
