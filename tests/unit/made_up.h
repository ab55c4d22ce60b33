/* Made-up words for the unit tests that check a shortcut against the linked Snowball stemmer
 * (test_stem, test_rules): Dutch-like runs of letters, each followed by one of the caller's
 * endings (Snowball's, or what it undoubles or changes before them; "" for none) and up to two
 * letters more, separated by spaces. Many words, made the same way on every run. */
#ifndef FEIT_TEST_MADE_UP_H
#define FEIT_TEST_MADE_UP_H

#include <stdint.h>
#include <string.h>

/* Fills text (cap bytes, at least 64) with such words from the xorshift state *x (left where it
 * ends, so that a caller may ask for more); returns the bytes written. */
static inline size_t made_up_words(char *text, size_t cap, uint64_t *x, const char *const *ends, size_t nends)
{
    static const char vowels[] = "aeiouyaeioueeaai", consonants[] = "bcdfghjklmnpqrstvwxzdnrstlkg";
#define RND() (*x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17)
    size_t o = 0;
    while (o + 64 < cap) {
        int len = 1 + (int)(RND() % 14);
        for (int i = 0; i < len; i++) {
            uint64_t r = RND();
            text[o++] = r % 10 < 4 ? vowels[(r >> 8) % 16] : consonants[(r >> 8) % 28];
        }
        const char *e = ends[RND() % nends];
        memcpy(text + o, e, strlen(e)), o += strlen(e);
        for (int i = (int)(RND() % 3); i > 0; i--) {
            uint64_t r = RND();
            text[o++] = r % 3 == 0 ? vowels[(r >> 8) % 16] : consonants[(r >> 8) % 28];
        }
        text[o++] = ' ';
    }
#undef RND
    return o;
}

#endif
