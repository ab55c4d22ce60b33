/* doc.c — the per-document model's storage (see doc.h). Arrays grow and are kept between
 * documents, so a worker stops allocating once it has seen its largest document. */
#include "core/doc.h"

#include "core/lang.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

int doc_grow(void **items, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, ncap * elem);
    if (!p)
        return FEIT_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}

void doc_init(feit_doc *d, struct sb_stemmer *stemmer)
{
    memset(d, 0, sizeof *d);
    arena_init(&d->arena);
    d->stemmer = stemmer;
}

void doc_reset(feit_doc *d, const char *id, const char *text, size_t len)
{
    d->id = id;
    d->text = text;
    d->len = len;
    d->ntoks = d->nsents = d->nments = d->ndls = d->ntriples = d->nbreaks = d->nends = 0;
    memset(&d->doc_country, 0, sizeof d->doc_country);
    d->has_doc_country = false;
    d->doc_iso = NULL;
    d->stemmed = NULL, d->nstemmed = d->cstemmed = 0; /* (in the arena) */
    arena_reset(&d->arena);
}

void doc_free(feit_doc *d)
{
    if (!d)
        return;
    free(d->toks);
    free(d->sents);
    free(d->ments);
    free(d->dls);
    free(d->triples);
    free(d->breaks);
    free(d->ends);
    arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

#define STEM_CACHE_SLOTS 16384 /* power of two */
#define STEM_CACHE_WORD 28      /* longer words are not cached */
#define STEM_LATIN1_WORD 64     /* longer words are stemmed in UTF-8 */

struct stem_cache {
    struct {
        uint32_t hash;
        uint8_t fold_len, stem_len;
        char fold[STEM_CACHE_WORD], stem[STEM_CACHE_WORD];
    } slot[STEM_CACHE_SLOTS];
    /* Snowball's Dutch for ISO-8859-1, made at the first stem asked (NULL when the language's
     * algorithm is another or the library has no such module): the UTF-8 module decodes a
     * character at every step, the Latin-1 one reads a byte, for a third fewer instructions a
     * word. Both are generated from the same algorithm, but the UTF-8 module's "at least three
     * letters before R1" (`hop 3`) counts bytes ("ève": "èv" in UTF-8, "ève" in Latin-1), so
     * only a word whose first three bytes are ASCII and whose every character is in Latin-1
     * goes to the Latin-1 module. On those the two agreed on every word type of the bench
     * corpora, the gazetteers, models/ and 1.7 million of them with Latin-1 letters put past
     * the third (CHANGELOG, issue 17); tests/unit/test_stem.c checks a list of such words. */
    struct sb_stemmer *latin1;
    bool asked; /* dutch and latin1 are set (at the first word stemmed) */
    bool dutch; /* the language's algorithm is Snowball's Dutch (stem_is_fold's rule holds) */
};

stem_cache *stem_cache_new(void) { return calloc(1, sizeof(stem_cache)); }
void stem_cache_free(stem_cache *c)
{
    if (c)
        sb_stemmer_delete(c->latin1);
    free(c);
}

struct doc_stem_slot {
    uint32_t tok; /* token index + 1; 0 = empty */
    const char *stem;
};

static size_t stem_slot_of(size_t i, size_t cap) { return ((uint32_t)i * 2654435761u) & (cap - 1); }

/* Keeps stem for token i (doc_stem); false when out of memory (then it is only not kept). */
static bool keep_stem(feit_doc *d, size_t i, const char *stem)
{
    if (2 * (d->nstemmed + 1) > d->cstemmed) {
        size_t ncap = d->cstemmed ? 2 * d->cstemmed : 64;
        struct doc_stem_slot *n = arena_alloc(&d->arena, ncap * sizeof *n);
        if (!n)
            return false;
        memset(n, 0, ncap * sizeof *n);
        for (size_t k = 0; k < d->cstemmed; k++) /* (the old table stays in the arena till reset) */
            if (d->stemmed[k].tok) {
                size_t j = stem_slot_of(d->stemmed[k].tok - 1, ncap);
                while (n[j].tok)
                    j = (j + 1) & (ncap - 1);
                n[j] = d->stemmed[k];
            }
        d->stemmed = n, d->cstemmed = ncap;
    }
    size_t j = stem_slot_of(i, d->cstemmed);
    while (d->stemmed[j].tok)
        j = (j + 1) & (d->cstemmed - 1);
    d->stemmed[j] = (struct doc_stem_slot){(uint32_t)i + 1, stem};
    d->nstemmed++;
    return true;
}

/* Does a word of four bytes or more end in what Snowball's Dutch takes off or changes, each by
 * the shortest ending that covers it? Its lists are "ene", "se", "en", "heden", "s" (step 1),
 * "e" (2), "heid" (3a) and "end", "ig", "ing", "lijk", "baar", "bar" (3b); what is left is
 * undoubled only after one of them went. */
static bool stem_ending(const unsigned char *f, uint32_t n)
{
    switch (f[n - 1]) {
    case 'e':
    case 's':
        return true;
    case 'n':
        return f[n - 2] == 'e';
    case 'd':
        return !memcmp(f + n - 3, "end", 3) || !memcmp(f + n - 4, "heid", 4);
    case 'g': /* "ig", "ing" */
        return f[n - 2] == 'i' || (f[n - 2] == 'n' && f[n - 3] == 'i');
    case 'k':
        return !memcmp(f + n - 4, "lijk", 4);
    case 'r':
        return !memcmp(f + n - 3, "bar", 3) || !memcmp(f + n - 4, "baar", 4);
    }
    return false;
}

/* Whether Snowball's Dutch leaves the fold as it is, known without asking it (a third of the
 * new words). Besides taking off or changing those endings it only takes a vowel out of a
 * double "aa", "ee", "oo", "uu" before the last letter ("maan" -> "man"); its prelude's marks
 * (I, Y) its postlude takes back, and the letters its prelude changes are not ASCII. So a word
 * is its own stem when it is ASCII without upper case, ends in none of them (stem_ending) and
 * has no such double before its last letter; and a word of at most three ASCII lower-case
 * letters and digits is (its suffixes come off only after the third letter;
 * tests/unit/test_token.c asks the linked stemmer about every such word, tests/unit/test_stem.c
 * about 450k made-up words the rule passes, CHANGELOG about the corpora). Other algorithms are
 * always asked. */
/* Is the language's algorithm Snowball's Dutch? Asked of the language once per stem cache
 * (a worker's), when the Latin-1 module is made for it too; each time without a cache. */
static bool stems_dutch(feit_doc *d)
{
    stem_cache *c = d->stems;
    if (c && c->asked)
        return c->dutch;
    bool dutch = d->lang && !strcmp(lang_stemmer(d->lang), "dutch");
    if (c) {
        c->dutch = dutch, c->asked = true;
        c->latin1 = dutch ? sb_stemmer_new("dutch", "ISO_8859_1") : NULL;
    }
    return dutch;
}

static bool stem_is_fold(feit_doc *d, const feit_token *t)
{
    if (!stems_dutch(d))
        return false;
    const unsigned char *f = (const unsigned char *)t->fold;
    uint32_t n = t->fold_len;
    if (n <= 3) {
        for (uint32_t k = 0; k < n; k++)
            if (!((f[k] >= 'a' && f[k] <= 'z') || (f[k] >= '0' && f[k] <= '9')))
                return false;
    } else {
        unsigned char v = f[n - 2];
        if (v == f[n - 3] && (v == 'a' || v == 'e' || v == 'o' || v == 'u'))
            return false;
        if (stem_ending(f, n))
            return false;
        for (uint32_t k = 0; k < n; k++)
            if (f[k] >= 0x80 || (f[k] >= 'A' && f[k] <= 'Z'))
                return false;
    }
    return true;
}

/* Has s[0..n) no byte past ASCII? (Eight at a time: most words are ASCII, and then the fold
 * and the stem need no conversion.) */
static bool ascii_only(const unsigned char *s, size_t n)
{
    uint64_t any = 0;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        uint64_t w;
        memcpy(&w, s + j, 8);
        any |= w;
    }
    for (; j < n; j++)
        any |= s[j];
    return !(any & 0x8080808080808080ull);
}

/* fold[0..len) in ISO-8859-1 into out (room for len bytes); its length, or -1 when a character
 * is past U+00FF (or a byte is no part of a character: the UTF-8 module takes that word). */
static int latin1_of(const char *fold, size_t len, unsigned char *out)
{
    size_t k = 0;
    for (size_t j = 0; j < len; j++) {
        unsigned char c = (unsigned char)fold[j];
        if (c < 0x80)
            out[k++] = c;
        else if ((c == 0xC2 || c == 0xC3) && j + 1 < len && ((unsigned char)fold[j + 1] & 0xC0) == 0x80)
            out[k++] = (unsigned char)(((c & 3) << 6) | ((unsigned char)fold[++j] & 0x3F));
        else
            return -1;
    }
    return (int)k;
}

/* Latin-1 s[0..n) in UTF-8, in the arena (NUL-terminated; its length in *len); NULL when out
 * of memory. */
static char *utf8_of_latin1(feit_arena *a, const unsigned char *s, size_t n, size_t *len)
{
    *len = n;
    if (ascii_only(s, n))
        return arena_strndup(a, (const char *)s, n);
    size_t high = 0;
    for (size_t j = 0; j < n; j++)
        high += s[j] >> 7;
    *len = n + high;
    char *p = arena_alloc(a, n + high + 1), *o = p;
    if (!p)
        return NULL;
    for (size_t j = 0; j < n; j++)
        if (s[j] < 0x80)
            *o++ = (char)s[j];
        else
            *o++ = (char)(0xC0 | (s[j] >> 6)), *o++ = (char)(0x80 | (s[j] & 0x3F));
    *o = '\0';
    return p;
}

/* Snowball's stem of t in the arena (the stemmer's buffer is scratch until its next call), its
 * length in *len, by the Latin-1 module when the word fits it (stem_cache.latin1: an ASCII
 * word as it is); NULL when the stemmer or the arena fails. */
static char *snowball(feit_doc *d, const feit_token *t, size_t *len)
{
    stem_cache *c = d->stems; /* (its latin1 made by stem_is_fold's stems_dutch) */
    unsigned char lat[STEM_LATIN1_WORD];
    const unsigned char *in = (const unsigned char *)t->fold;
    int ln = -1;
    if (c && c->latin1) {
        if (ascii_only(in, t->fold_len))
            ln = (int)t->fold_len;
        else if (t->fold_len <= sizeof lat && t->fold_len >= 3 && ascii_only(in, 3) &&
                 (ln = latin1_of(t->fold, t->fold_len, lat)) >= 0)
            in = lat;
    }
    if (ln >= 0) {
        const sb_symbol *s = sb_stemmer_stem(c->latin1, in, ln);
        return s ? utf8_of_latin1(&d->arena, s, (size_t)sb_stemmer_length(c->latin1), len) : NULL;
    }
    const sb_symbol *s = sb_stemmer_stem(d->stemmer, (const sb_symbol *)t->fold, (int)t->fold_len);
    if (!s)
        return NULL;
    *len = (size_t)sb_stemmer_length(d->stemmer);
    return arena_strndup(&d->arena, (const char *)s, *len);
}

const char *doc_stem(feit_doc *d, size_t i)
{
    feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD || !d->stemmer || stem_is_fold(d, t))
        return t->fold;
    if (d->cstemmed)
        for (size_t j = stem_slot_of(i, d->cstemmed); d->stemmed[j].tok; j = (j + 1) & (d->cstemmed - 1))
            if (d->stemmed[j].tok == i + 1)
                return d->stemmed[j].stem;
    const char *stem = t->fold;
    stem_cache *c = d->stems;
    __typeof__(&c->slot[0]) e = c ? &c->slot[t->hash & (STEM_CACHE_SLOTS - 1)] : NULL;
    if (e && e->hash == t->hash && e->fold_len == t->fold_len && t->fold_len && !memcmp(e->fold, t->fold, t->fold_len)) {
        char *p = arena_strndup(&d->arena, e->stem, e->stem_len);
        stem = p ? p : t->fold;
    } else {
        size_t n;
        char *p = snowball(d, t, &n);
        if (p) {
            stem = p;
            if (e && t->fold_len < STEM_CACHE_WORD && n < STEM_CACHE_WORD) {
                e->hash = t->hash, e->fold_len = (uint8_t)t->fold_len, e->stem_len = (uint8_t)n;
                memcpy(e->fold, t->fold, t->fold_len);
                memcpy(e->stem, p, n);
            }
        }
    }
    keep_stem(d, i, stem);
    return stem;
}
