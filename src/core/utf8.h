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

/* The word hash: every token carries it (feit_token.hash) and the gazetteer's keys, the rules'
 * words and the language data are indexed by it, so every caller hashes a word the same way
 * (seed: UTF8_HASH_INIT; another seed gives another hash of the same bytes). A word is taken
 * sixteen bytes at a time: a block's two 64-bit halves (little-endian; the last block's zero
 * past the end), one xored with the state, are multiplied into 128 bits and the halves of the
 * product xored (wyhash's "mum": every bit of either half moves the low bits too, which the
 * tables index by). A word of up to 16 bytes, most of them, is one multiply, not one a byte
 * as FNV-1a was, and the tokenizer hashes it from the register it folds it in (utf8_hash16).
 * A cache of something made from these hashes (the compiled gazetteer, the rules cache) carries
 * a format version that changes with them. Not for anything written out for others to read. */
#define UTF8_HASH_INIT 2166136261u
#define UTF8_HASH_K1 0xa0761d6478bd642full
#define UTF8_HASH_K2 0xe7037ed1a0b428dbull

static inline uint64_t utf8_mum(uint64_t a, uint64_t b)
{
#if defined(__x86_64__) && defined(__GNUC__)
    /* one mul into rdx:rax and an xor of the two: GCC takes the __int128 product's halves
     * through the stack in the tokenizer's loops (three moves a word) */
    uint64_t lo, hi;
    __asm__("mulq %3" : "=a"(lo), "=d"(hi) : "a"(a), "rm"(b) : "cc");
    return lo ^ hi;
#elif defined(__SIZEOF_INT128__)
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
#else /* (the same product from 32-bit halves) */
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    uint64_t lo = (mid << 32) | (uint32_t)ll, hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return lo ^ hi;
#endif
}

/* One block (lo, hi) into the state h. */
static inline uint64_t utf8_hash_step(uint64_t h, uint64_t lo, uint64_t hi)
{
    return utf8_mum(lo ^ h ^ UTF8_HASH_K1, hi ^ UTF8_HASH_K2);
}

/* utf8_hash of a word of n <= 16 bytes given as its two halves, zero past its end. */
static inline uint32_t utf8_hash16(uint64_t lo, uint64_t hi, size_t n)
{
    return (uint32_t)utf8_hash_step(UTF8_HASH_INIT ^ (uint64_t)n, lo, hi);
}

/* s[0..n) for n <= 8 as a little-endian number, zero above: loads that stay inside s (two
 * overlapping ones for 4 bytes or more; where they overlap they hold the same bytes). */
static inline uint64_t utf8_load_le(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 4) {
        uint64_t a = (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24;
        const unsigned char *e = u + n - 4;
        uint64_t b = (uint64_t)e[0] | (uint64_t)e[1] << 8 | (uint64_t)e[2] << 16 | (uint64_t)e[3] << 24;
        return a | b << (8 * (n - 4));
    }
    if (!n)
        return 0;
    return (uint64_t)u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
}

/* The last block, s[0..n) for 0 <= n <= 16, into the state h. */
static inline uint32_t utf8_hash_last(uint64_t h, const char *s, size_t n)
{
    uint64_t lo = n > 8 ? utf8_load_le(s, 8) : utf8_load_le(s, n);
    uint64_t hi = n > 8 ? utf8_load_le(s + n - 8, 8) >> (8 * (16 - n)) : 0;
    return (uint32_t)utf8_hash_step(h, lo, hi);
}

/* utf8_hash of a word longer than 16 bytes (utf8.c: the block loop, out of line). */
uint32_t utf8_hash_long(const char *s, size_t n, uint32_t seed);

/* (A word of up to 16 bytes, most, inline: a load or two and a multiply.) */
static inline uint32_t utf8_hash(const char *s, size_t n, uint32_t seed)
{
    return n > 16 ? utf8_hash_long(s, n, seed) : utf8_hash_last(seed ^ (uint64_t)n, s, n);
}

#endif
