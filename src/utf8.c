/* utf8.c — decoding, classes and folding (see utf8.h). ASCII takes a fast path everywhere:
 * it is most of the bytes of Dutch news. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int32_t utf8_decode_slow(const char *s, size_t n, int *len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
    if (k <= 0) {
        *len = 1;
        return UTF8_INVALID;
    }
    *len = (int)k;
    return cp;
}

int utf8_is_letter_slow(int32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c == UTF8_INVALID)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME;
}

int utf8_is_digit_slow(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

int utf8_is_upper_slow(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int utf8_is_lower_slow(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

int utf8_is_space_slow(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0x200B || c == 0xFEFF || c == 0x2028 || c == 0x2029)
        return 1;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
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

int utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        /* eight ASCII bytes at a time: the common case in news text */
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
