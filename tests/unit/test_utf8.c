/* test_utf8.c — utf8_fold against utf8proc itself: every character of the ranges its fast path
 * covers (and their neighbours), alone and in pairs, must fold exactly as utf8proc_map with
 * CASEFOLD | COMPOSE folds it (typographic apostrophes then become '); invalid and truncated
 * sequences still come out as U+FFFD. */
#include "check.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* utf8proc's fold of valid s[0..n), with ’ ‘ as ' (what utf8.h promises); its length or -1. */
static long reference_fold(const char *s, size_t n, char *out)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (k < 0)
        return -1;
    long o = 0;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        if (m[j] == 0xE2 && j + 2 < k && m[j + 1] == 0x80 && (m[j + 2] == 0x98 || m[j + 2] == 0x99)) {
            out[o++] = '\'';
            j += 2;
        } else {
            out[o++] = (char)m[j];
        }
    }
    free(m);
    return o;
}

/* 1 when utf8_fold(s) equals the reference; prints the first few that do not. */
static int same_fold(feit_arena *a, const char *s, size_t n)
{
    static int shown;
    char want[64];
    uint32_t got_len;
    long want_len = reference_fold(s, n, want);
    const char *got = utf8_fold(a, s, n, &got_len);
    int ok = got && want_len >= 0 && got_len == (uint32_t)want_len && !memcmp(got, want, got_len) && !got[got_len];
    if (!ok && shown++ < 5) {
        printf("# fold mismatch on");
        for (size_t i = 0; i < n; i++)
            printf(" %02X", (unsigned char)s[i]);
        printf("\n");
    }
    return ok;
}

/* The code points tried: Latin-1, Latin Extended-A (outside the fast path: case pairs) and the
 * punctuation, currency and letterlike blocks, with their edges. */
static size_t code_points(int32_t *cps)
{
    static const int32_t ranges[][2] = {
        {0x20, 0x7E}, {0x80, 0x17F}, {0x300, 0x304}, {0x1FFE, 0x2150},
    };
    size_t n = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int32_t c = ranges[r][0]; c <= ranges[r][1]; c++)
            cps[n++] = c;
    return n;
}

static void fold_matches_utf8proc(void)
{
    static int32_t cps[2048];
    size_t n = code_points(cps);
    feit_arena a;
    arena_init(&a);
    int bad_one = 0, bad_two = 0;
    for (size_t x = 0; x < n; x++) {
        char s[8];
        size_t lx = (size_t)utf8proc_encode_char(cps[x], (utf8proc_uint8_t *)s);
        bad_one += !same_fold(&a, s, lx);
        for (size_t y = 0; y < n; y++) {
            size_t ly = (size_t)utf8proc_encode_char(cps[y], (utf8proc_uint8_t *)s + lx);
            bad_two += !same_fold(&a, s, lx + ly);
        }
        arena_reset(&a);
    }
    CHECK_INT(bad_one, 0);
    CHECK_INT(bad_two, 0);
    /* words as they come */
    static const char *words[] = {
        "OEKRA\xC3\x8FNE", "Citro\xC3\xABn", "Curu\xC3\xA7" "ao", "Xi\xE2\x80\x99s", "\xE2\x80\x9C", "\xE2\x80\x93",
        "STRA\xC3\x9F" "E", "\xC2\xB5g", "Erdo\xC4\x9F" "an", "Oekrai\xCC\x88ne", "\xC3\x89\xC3\x89N", "\xE2\x82\xAC",
    };
    int bad_words = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        bad_words += !same_fold(&a, words[i], strlen(words[i]));
    CHECK_INT(bad_words, 0);
    arena_free(&a);
}

static void fold_invalid(void)
{
    feit_arena a;
    arena_init(&a);
    uint32_t n;
    /* truncated sequences of the fast path's lead bytes, at the end and inside */
    CHECK_STR(utf8_fold(&a, "Praag\xC3", 6, &n), "praag\xEF\xBF\xBD");
    CHECK_STR(utf8_fold(&a, "Praag\xE2\x80", 7, &n), "praag\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_STR(utf8_fold(&a, "Mos\xC3kou", 7, &n), "mos\xEF\xBF\xBDkou");
    CHECK_STR(utf8_fold(&a, "\xC2\xC3\x89", 3, &n), "\xEF\xBF\xBD\xC3\xA9");
    CHECK_INT(n, 5);
    arena_free(&a);
}

/* utf8_valid as utf8proc reads the whole string: 1 when every code point decodes. */
static int reference_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* ASCII runs of 0-70 bytes (the sixteen- and eight-byte steps and the bytes after them) with
 * one character or bad byte at every position: utf8_valid must say what utf8proc says. */
static void valid_at_every_position(void)
{
    static const char *const odd[] = {"\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\xC3", "\xE2\x80", "\x80",
                                      "\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"};
    char buf[96];
    int wrong = 0, cases = 0;
    for (size_t len = 0; len <= 70; len++)
        for (size_t k = 0; k < sizeof odd / sizeof *odd; k++)
            for (size_t at = 0; at <= len; at++) {
                size_t m = strlen(odd[k]);
                memset(buf, 'a', len);
                memmove(buf + at + m, buf + at, len - at);
                memcpy(buf + at, odd[k], m);
                cases++;
                wrong += utf8_valid(buf, len + m) != reference_valid(buf, len + m);
                wrong += utf8_valid(buf, len) != reference_valid(buf, len); /* (cut inside) */
            }
    CHECK(cases > 20000);
    CHECK_INT(wrong, 0);
    CHECK(utf8_valid("", 0));
    CHECK(!utf8_valid("0123456789abcdef0123456789abcde\xC3", 32));
    CHECK(utf8_valid("0123456789abcdef0123456789abcd\xC3\xA9", 32));
}

/* utf8_decode_slow's fast paths answer as utf8proc_iterate does: every lead byte with every
 * second byte, third bytes at and around the continuation range, and every length up to 4. */
static void decode_matches_utf8proc(void)
{
    static const unsigned char thirds[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x99, 0xBE, 0xBF, 0xC0, 0xE2, 0xFF};
    int bad = 0;
    for (int b0 = 0; b0 < 256; b0++)
        for (int b1 = 0; b1 < 256; b1++)
            for (size_t t = 0; t < sizeof thirds; t++)
                for (size_t n = 1; n <= 4; n++) {
                    unsigned char s[4] = {(unsigned char)b0, (unsigned char)b1, thirds[t], 0x80};
                    utf8proc_int32_t want;
                    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &want);
                    int want_len = k <= 0 ? 1 : (int)k;
                    if (k <= 0)
                        want = UTF8_INVALID;
                    int len;
                    int32_t got = utf8_decode_slow((const char *)s, n, &len);
                    if ((got != want || len != want_len) && bad++ < 5)
                        printf("# decode mismatch on %02X %02X %02X (n %zu): %X/%d, utf8proc %X/%d\n", b0, b1, thirds[t],
                               n, (unsigned)got, len, (unsigned)want, want_len);
                }
    CHECK_INT(bad, 0);
}

/* The class functions' Latin-1 answers (and their neighbours') are utf8proc's categories. */
static void classes_match_utf8proc(void)
{
    int bad = 0;
    for (int32_t c = 0x70; c < 0x180; c++) {
        utf8proc_category_t k = utf8proc_category(c);
        int letter = k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME;
        int upper = k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
        int space = k == UTF8PROC_CATEGORY_ZS || (c >= 0x09 && c <= 0x0D);
        int ok = !utf8_is_letter_slow(c) == !letter && !utf8_is_upper_slow(c) == !upper &&
                 !utf8_is_lower_slow(c) == !(k == UTF8PROC_CATEGORY_LL) &&
                 !utf8_is_digit_slow(c) == !(k == UTF8PROC_CATEGORY_ND) && !utf8_is_space_slow(c) == !space;
        if (!ok && bad++ < 5)
            printf("# class mismatch on U+%04X\n", (unsigned)c);
    }
    CHECK_INT(bad, 0);
}

/* utf8_hash: the same value from the halves of a word of up to 16 bytes (the tokenizer's SSE
 * path, utf8_hash16) as from its bytes; every byte counts, none past the end is read into it;
 * its low bits (the tables' index, the rules' 64-bit filters) spread over distinct words. */
static void hash_words(void)
{
    unsigned char buf[64];
    uint32_t x = 12345;
    int bad_halves = 0, bad_bytes = 0, bad_tail = 0;
    for (int round = 0; round < 200; round++) {
        for (size_t k = 0; k < sizeof buf; k++)
            x = x * 1103515245u + 12345u, buf[k] = (unsigned char)(x >> 16);
        for (size_t n = 0; n <= 40; n++) {
            const char *s = (const char *)buf;
            uint32_t h = utf8_hash(s, n, UTF8_HASH_INIT);
            if (n <= 16) {
                uint64_t lo = 0, hi = 0;
                for (size_t k = 0; k < n; k++)
                    *(k < 8 ? &lo : &hi) |= (uint64_t)buf[k] << (8 * (k % 8));
                bad_halves += utf8_hash16(lo, hi, n) != h;
            }
            for (size_t k = 0; k < n; k++) {
                buf[k] ^= 0x01;
                bad_bytes += utf8_hash(s, n, UTF8_HASH_INIT) == h;
                buf[k] ^= 0x01;
            }
            unsigned char keep = buf[n];
            buf[n] ^= 0x5A;
            bad_tail += utf8_hash(s, n, UTF8_HASH_INIT) != h;
            buf[n] = keep;
        }
    }
    CHECK_INT(bad_halves, 0);
    CHECK_INT(bad_bytes, 0);
    CHECK_INT(bad_tail, 0);
    /* 4096 short words, 64 buckets of the low six bits and of bits 15..20: about 64 each */
    int low[64] = {0}, mid[64] = {0};
    for (int w = 0; w < 4096; w++) {
        char word[24]; /* (8 would do: GCC's -Warray-bounds cannot see that n < 8 here) */
        int n = snprintf(word, 8, "%c%c%d", 'a' + w % 26, 'a' + w / 26 % 26, w / 676);
        uint32_t h = utf8_hash(word, (size_t)n, UTF8_HASH_INIT);
        low[h & 63]++, mid[(h >> 15) & 63]++;
    }
    int worst = 0;
    for (int b = 0; b < 64; b++) {
        worst = abs(low[b] - 64) > worst ? abs(low[b] - 64) : worst;
        worst = abs(mid[b] - 64) > worst ? abs(mid[b] - 64) : worst;
    }
    CHECK(worst < 32);
}

/* utf8_mum: the halves of the 128-bit product xored, as from the 32-bit halves of its factors
 * (utf8.h's portable form; x86-64 multiplies in one instruction), and two words' hashes as the
 * compiled gazetteers and caches made before that have them. */
static void mum_product(void)
{
    uint64_t x = 0x9E3779B97F4A7C15ull;
    int bad = 0;
    for (int k = 0; k < 1000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t a = x, b = x * 0xD6E8FEB86659FD93ull + (uint64_t)k;
        if (k < 4) /* (the extremes: 0 or all ones times 2^63 or all ones) */
            a = k & 1 ? ~0ull : 0, b = k & 2 ? ~0ull : 1ull << 63;
        uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
        uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
        uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
        uint64_t lo = (mid << 32) | (uint32_t)ll, hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
        bad += utf8_mum(a, b) != (lo ^ hi);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(utf8_hash("de", 2, UTF8_HASH_INIT), 0x9d36f9b8u);
    CHECK_INT(utf8_hash("verenigde staten", 16, UTF8_HASH_INIT), 0xa5605f37u);
}

int main(void)
{
    hash_words();
    mum_product();
    valid_at_every_position();
    fold_matches_utf8proc();
    fold_invalid();
    decode_matches_utf8proc();
    classes_match_utf8proc();
    CHECK_DONE();
}
