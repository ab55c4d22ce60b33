/*
 * utf8.h — the little Unicode the tokenizer needs, on top of utf8proc: decoding that never
 * fails (an invalid byte decodes as U+FFFD, one byte long, so offsets always index the
 * original bytes), character classes, and case folding to NFC (OEKRAÏNE -> oekraïne).
 */
#ifndef FEIT_UTF8_H
#define FEIT_UTF8_H

#include "arena.h"
#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID 0xFFFD

/* Decodes the character at s[0..n); sets *len to its byte length (1 for an invalid byte). */
int32_t utf8_decode(const char *s, size_t n, int *len);

int utf8_is_letter(int32_t c); /* L* and M* (combining marks stay inside words) */
int utf8_is_digit(int32_t c);  /* Nd */
int utf8_is_upper(int32_t c);  /* Lu, Lt */
int utf8_is_lower(int32_t c);  /* Ll */
int utf8_is_space(int32_t c);  /* Zs, tab, newlines, NBSP, zero-width space */

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
