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

struct stem_cache {
    struct {
        uint32_t hash;
        uint8_t fold_len, stem_len;
        char fold[STEM_CACHE_WORD], stem[STEM_CACHE_WORD];
    } slot[STEM_CACHE_SLOTS];
};

stem_cache *stem_cache_new(void) { return calloc(1, sizeof(stem_cache)); }
void stem_cache_free(stem_cache *c) { free(c); }

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

/* Whether Snowball's Dutch leaves the fold as it is, known without asking it: a word of at most
 * three ASCII lower-case letters and digits (its suffixes come off only after the third letter;
 * tests/unit/test_token.c asks the linked stemmer about every such word). Other algorithms are
 * always asked. */
static bool stem_is_fold(const feit_doc *d, const feit_token *t)
{
    if (t->fold_len > 3 || !d->lang || strcmp(lang_stemmer(d->lang), "dutch"))
        return false;
    for (uint32_t k = 0; k < t->fold_len; k++) {
        unsigned char c = (unsigned char)t->fold[k];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
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
        const sb_symbol *s = sb_stemmer_stem(d->stemmer, (const sb_symbol *)t->fold, (int)t->fold_len);
        if (s) {
            /* the stemmer's buffer is scratch until its next call: copy into the doc arena */
            size_t n = (size_t)sb_stemmer_length(d->stemmer);
            char *p = arena_strndup(&d->arena, (const char *)s, n);
            stem = p ? p : t->fold;
            if (e && p && t->fold_len < STEM_CACHE_WORD && n < STEM_CACHE_WORD) {
                e->hash = t->hash, e->fold_len = (uint8_t)t->fold_len, e->stem_len = (uint8_t)n;
                memcpy(e->fold, t->fold, t->fold_len);
                memcpy(e->stem, p, n);
            }
        }
    }
    keep_stem(d, i, stem);
    return stem;
}
