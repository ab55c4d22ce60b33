/*
 * hash.h — 64-bit keys of strings for the hash tables that merge facts (relations/facts.c: a
 * document's triples, within it and across its sections) and interned strings (section.c).
 * Not the tokenizer's word hash (utf8_hash, 32 bits, which the compiled gazetteer and the
 * rules cache store): changing these changes no file format.
 */
#ifndef FEIT_HASH_H
#define FEIT_HASH_H

#include <stdint.h>

/* A 64-bit finaliser (the murmur3 one): every input bit moves every output bit. */
static inline uint64_t hash_mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

/* The key of the NUL-terminated string s under seed (64-bit FNV-1a, then mixed): different
 * seeds give independent keys of the same string (a name as a person and as a place). */
static inline uint64_t hash_str64(const char *s, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 0x100000001b3ull;
    return hash_mix64(h);
}

#endif
