/* utf8.c — decoding, classes and folding (see utf8.h). ASCII takes a fast path everywhere:
 * it is most of the bytes of Dutch news. */
#include "core/utf8.h"
#include "feit.h" /* feit_utf8_valid, exported */

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static inline int utf8_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

int32_t utf8_decode_slow(const char *s, size_t n, int *len)
{
    /* the two- and three-byte characters of news text (é, ë, ’, “, –) without utf8proc_iterate's
     * call and checks; the same answers (tests/unit/test_utf8.c compares them): no overlong
     * form, no surrogate */
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && utf8_cont(u[1])) {
        *len = 2;
        return (int32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    }
    if (n >= 3 && u[0] >= 0xE0 && u[0] < 0xF0 && utf8_cont(u[1]) && utf8_cont(u[2])) {
        int32_t c = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
            *len = 3;
            return c;
        }
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
    if (k <= 0) {
        *len = 1;
        return UTF8_INVALID;
    }
    *len = (int)k;
    return cp;
}

/* The classes of U+0080..U+00FF, where Dutch news has its accented letters, without asking
 * utf8proc (tests/unit/test_utf8.c checks each against its categories): the letters from U+00C0
 * but for × and ÷, upper case before ß; µ a lower-case letter, ª and º letters of no case; the
 * no-break space; no digit. */
enum { LATIN1_LETTER = 1, LATIN1_UPPER = 2, LATIN1_LOWER = 4, LATIN1_SPACE = 8 };
static unsigned latin1_class(int32_t c)
{
    if (c >= 0xC0 && c != 0xD7 && c != 0xF7)
        return LATIN1_LETTER | (c < 0xDF ? LATIN1_UPPER : LATIN1_LOWER);
    if (c == 0xB5)
        return LATIN1_LETTER | LATIN1_LOWER;
    if (c == 0xAA || c == 0xBA)
        return LATIN1_LETTER;
    return c == 0xA0 ? LATIN1_SPACE : 0;
}

int utf8_is_letter_slow(int32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c < 0x100)
        return latin1_class(c) & LATIN1_LETTER;
    if (c == UTF8_INVALID)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME;
}

int utf8_is_digit_slow(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    if (c < 0x100)
        return 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

int utf8_is_upper_slow(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c < 0x100)
        return (latin1_class(c) & LATIN1_UPPER) != 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int utf8_is_lower_slow(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    if (c < 0x100)
        return (latin1_class(c) & LATIN1_LOWER) != 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

int utf8_is_space_slow(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c < 0x100)
        return (latin1_class(c) & LATIN1_SPACE) != 0;
    if (c == 0x200B || c == 0xFEFF || c == 0x2028 || c == 0x2029)
        return 1;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* The fold of s[0..n) into p when every character is ASCII or one of the non-ASCII characters
 * of Dutch news that case folding and NFC leave alone or lower by 0x20: U+0080..U+00FF but for µ
 * and ß, the General Punctuation U+2010..U+206F (’ “ – …), the currency signs U+20A0..U+20BF
 * and ™. None combines with a neighbour, so the fold goes character by character without
 * utf8proc_map, which costs a thousand instructions a word. Returns the length written (at
 * most n), or -1 when s holds anything else. tests/unit/test_utf8.c checks the set, alone and
 * in pairs, against utf8proc. */
static long fold_simple(const char *s, size_t n, char *p)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char b = u[i];
        if (b < 0x80) {
            p[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
        } else if (b == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0xBF && u[i + 1] != 0xB5) {
            p[o++] = (char)b, p[o++] = (char)u[i + 1]; /* U+0080..U+00BF */
            i += 2;
        } else if (b == 0xC3 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0xBF && u[i + 1] != 0x9F) {
            unsigned char c = u[i + 1]; /* U+00C0..U+00FF: À..Þ but × lower to à..þ */
            p[o++] = (char)b, p[o++] = (char)(c <= 0x9E && c != 0x97 ? c + 0x20 : c);
            i += 2;
        } else if (b == 0xE2 && i + 2 < n && u[i + 2] >= 0x80 && u[i + 2] <= 0xBF &&
                   ((u[i + 1] == 0x80 && u[i + 2] >= 0x90) || (u[i + 1] == 0x81 && u[i + 2] <= 0xAF) ||
                    (u[i + 1] == 0x82 && u[i + 2] >= 0xA0) || (u[i + 1] == 0x84 && u[i + 2] == 0xA2))) {
            if (u[i + 1] == 0x80 && (u[i + 2] == 0x98 || u[i + 2] == 0x99)) {
                p[o++] = '\''; /* ’ ‘ -> ', as below */
            } else {
                memcpy(p + o, s + i, 3);
                o += 3;
            }
            i += 3;
        } else {
            return -1;
        }
    }
    return (long)o;
}

char *utf8_fold(feit_arena *a, const char *s, size_t n, uint32_t *out_len)
{
    size_t i;
    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == n) { /* ASCII */
        char *p = arena_alloc(a, n + 1);
        if (!p)
            return NULL;
        for (i = 0; i < n; i++)
            p[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        p[n] = '\0';
        *out_len = (uint32_t)n;
        return p;
    }
    {
        /* the common accents and quotes; the n + 1 bytes are left unused in the arena when
         * s holds something else */
        char *p = arena_alloc(a, n + 1);
        if (!p)
            return NULL;
        long k = fold_simple(s, n, p);
        if (k >= 0) {
            p[k] = '\0';
            *out_len = (uint32_t)k;
            return p;
        }
    }
    /* utf8proc_map rejects invalid input, so copy with U+FFFD in place of bad bytes first */
    char *clean = NULL;
    const char *src = s;
    size_t srclen = n;
    if (!utf8_valid(s, n)) {
        clean = malloc(n * 3 + 1);
        if (!clean)
            return NULL;
        size_t o = 0;
        for (i = 0; i < n;) {
            int len;
            int32_t c = utf8_decode(s + i, n - i, &len);
            if (c == UTF8_INVALID && len == 1 && (unsigned char)s[i] >= 0x80) {
                memcpy(clean + o, "\xEF\xBF\xBD", 3), o += 3;
            } else {
                memcpy(clean + o, s + i, (size_t)len), o += (size_t)len;
            }
            i += (size_t)len;
        }
        src = clean, srclen = o;
    }
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)srclen, &m,
                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    free(clean);
    if (k < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)k + 1);
    if (!p) {
        free(m);
        return NULL;
    }
    /* ’ ‘ (U+2019, U+2018) -> ' */
    size_t o = 0;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        if (m[j] == 0xE2 && j + 2 < k && m[j + 1] == 0x80 && (m[j + 2] == 0x99 || m[j + 2] == 0x98)) {
            p[o++] = '\'';
            j += 2;
        } else {
            p[o++] = (char)m[j];
        }
    }
    p[o] = '\0';
    free(m);
    *out_len = (uint32_t)o;
    return p;
}

uint32_t utf8_hash_long(const char *s, size_t n, uint32_t seed)
{
    uint64_t h = seed ^ (uint64_t)n;
    for (; n > 16; s += 16, n -= 16)
        h = utf8_hash_step(h, utf8_load_le(s, 8), utf8_load_le(s + 8, 8));
    return utf8_hash_last(h, s, n);
}

int utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
#ifdef __SSE2__
        /* sixteen ASCII bytes at a time where SSE2 is (every x86-64): no byte has its top bit */
        while (i + 16 <= n && !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i))))
            i += 16;
#endif
        /* eight ASCII bytes at a time: the common case in news text (and the rest of a run) */
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull)))
            i += 8;
        if (i >= n)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int len;
        if (utf8_decode(s + i, n - i, &len) == UTF8_INVALID && len == 1)
            return 0;
        i += (size_t)len;
    }
    return 1;
}

int feit_utf8_valid(const char *s, size_t n) { return utf8_valid(s, n); }
