/* test_datafile.c — datafile_sum, the checksum of gazetteer.bin's chunks and of the caches: a
 * change of any one byte, of the top bits of two words of one lane (which a multiply alone lets
 * cancel), of the length or of the seed changes the sum; where the bytes lie in memory does
 * not; the bytes after the last whole 32-byte step count. */
#include "check.h"
#include "core/datafile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N 300 /* nine steps of 32 bytes and a tail of 12 */

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

    /* the top bit (bit 63: byte 7) of two words of the same lane, 32 bytes apart or more */
    missed = 0;
    for (size_t i = 7; i + 32 < 288; i += 8)
        for (size_t j = i + 32; j < 288; j += 32) {
            b[i] ^= 0x80, b[j] ^= 0x80;
            missed += datafile_sum(7, b, N) == s;
            b[i] ^= 0x80, b[j] ^= 0x80;
        }
    CHECK_INT(missed, 0);

    /* two words swapped */
    unsigned char t[8];
    memcpy(t, b + 40, 8), memcpy(b + 40, b + 72, 8), memcpy(b + 72, t, 8);
    CHECK(datafile_sum(7, b, N) != s);
    memcpy(t, b + 40, 8), memcpy(b + 40, b + 72, 8), memcpy(b + 72, t, 8);
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
    uint64_t a = datafile_sum(0, b, 100);
    CHECK(datafile_sum(a, b + 100, 200) != a);
    CHECK(datafile_sum(a, b + 100, 200) != datafile_sum(0, b + 100, 200));
    CHECK_DONE();
}
