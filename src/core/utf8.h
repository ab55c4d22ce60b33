/*
 * utf8.h — the little Unicode the tokenizer needs, on top of utf8proc: decoding that never
 * fails (an invalid byte decodes as U+FFFD, one byte long, so offsets always index the
 * original bytes), character classes, and case folding to NFC (OEKRAÏNE -> oekraïne).
 */
#ifndef FEIT_UTF8_H
#define FEIT_UTF8_H

#include "core/arena.h"
#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID 0xFFFD

/* Decodes the character at s[0..n); sets *len to its byte length (1 for an invalid byte). */
int32_t utf8_decode_slow(const char *s, size_t n, int *len);
static inline int32_t utf8_decode(const char *s, size_t n, int *len)
{
    if ((unsigned char)s[0] < 0x80) {
        *len = 1;
        return (unsigned char)s[0];
    }
    return utf8_decode_slow(s, n, len);
}

/* Character classes; ASCII is answered inline, the rest by utf8proc's tables. */
int utf8_is_letter_slow(int32_t c);
int utf8_is_digit_slow(int32_t c);
int utf8_is_upper_slow(int32_t c);
int utf8_is_lower_slow(int32_t c);
int utf8_is_space_slow(int32_t c);
/* L* and M* (combining marks stay inside words) */
static inline int utf8_is_letter(int32_t c) { return c < 0x80 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : utf8_is_letter_slow(c); }
/* Nd */
static inline int utf8_is_digit(int32_t c) { return c < 0x80 ? (c >= '0' && c <= '9') : utf8_is_digit_slow(c); }
/* Lu, Lt */
static inline int utf8_is_upper(int32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : utf8_is_upper_slow(c); }
/* Ll */
static inline int utf8_is_lower(int32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : utf8_is_lower_slow(c); }
/* Zs, tab, newlines, NBSP, zero-width space */
static inline int utf8_is_space(int32_t c)
{
    return c < 0x80 ? (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') : utf8_is_space_slow(c);
}

/* Case-folded NFC copy of s[0..n) in the arena, NUL-terminated; typographic apostrophes become
 * ASCII "'" so Xi’s and Xi's meet. Invalid bytes are copied as U+FFFD. *out_len gets the length.
 * Returns NULL when out of memory. */
char *utf8_fold(feit_arena *a, const char *s, size_t n, uint32_t *out_len);

/* 1 when s[0..n) is valid UTF-8. */
int utf8_valid(const char *s, size_t n);

/* 32-bit FNV-1a. */
static inline uint32_t utf8_hash(const char *s, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}
#define UTF8_HASH_INIT 2166136261u

#endif
