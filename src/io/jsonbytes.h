/*
 * jsonbytes.h — which bytes of a JSON string need more than a copy: '"', '\\', a control
 * character, or a byte of 0x80 and up (checked as UTF-8 by the caller). The reader (jsonl.c)
 * and the writer (output.c) both copy runs of such plain bytes a block at a time and stop at
 * the first byte that is not. Internal header: not installed.
 */
#ifndef FEIT_JSONBYTES_H
#define FEIT_JSONBYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether any of the eight bytes of w needs more than a copy. */
static inline int json_special8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | (w - ones * 0x20) | w) & highs ? 1 : 0;
}

#ifdef __SSE2__
/* The bytes of v that need more than a copy, each 0xff. As signed bytes, a control character
 * and a byte of 0x80 and up are both below 0x20: one compare takes them. */
static inline __m128i json_special_bytes(__m128i v)
{
    return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                        _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
}

/* The same as a bit per byte (bit k: byte k). */
static inline unsigned json_special16(__m128i v) { return (unsigned)_mm_movemask_epi8(json_special_bytes(v)); }
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(FEIT_NO_AVX2)
#include <immintrin.h>
#define JSON_AVX2 1
/* The same of 32 bytes, for a function built for AVX2 (target("avx2"), chosen where the CPU
 * has it: jsonl.c fj_copy_avx2). */
__attribute__((target("avx2"))) static inline unsigned json_special32(__m256i v)
{
    __m256i h = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                                 _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))),
                                _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v));
    return (unsigned)_mm256_movemask_epi8(h);
}
#endif

/* How many bytes of s[0..n), from the first, need no more than a copy: sixteen at a time where
 * SSE2 is (every x86-64), then eight, then one. */
static inline size_t json_plain_len(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        unsigned m = json_special16(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (json_special8(w))
            break;
    }
    while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

#endif
