/* doc.c — the per-document model's storage (see doc.h). Arrays grow and are kept between
 * documents, so a worker stops allocating once it has seen its largest document. */
#include "core/doc.h"

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
    d->ntoks = d->nsents = d->nments = d->ndls = d->ntriples = d->nbreaks = 0;
    memset(&d->doc_country, 0, sizeof d->doc_country);
    d->has_doc_country = false;
    d->doc_iso = NULL;
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

const char *doc_stem(feit_doc *d, size_t i)
{
    feit_token *t = &d->toks[i];
    if (t->stem)
        return t->stem;
    if (t->kind != TOK_WORD || !d->stemmer) {
        t->stem = t->fold;
        return t->stem;
    }
    stem_cache *c = d->stems;
    __typeof__(&c->slot[0]) e = c ? &c->slot[t->hash & (STEM_CACHE_SLOTS - 1)] : NULL;
    if (e && e->hash == t->hash && e->fold_len == t->fold_len && t->fold_len && !memcmp(e->fold, t->fold, t->fold_len)) {
        char *p = arena_strndup(&d->arena, e->stem, e->stem_len);
        t->stem = p ? p : t->fold;
        return t->stem;
    }
    const sb_symbol *s = sb_stemmer_stem(d->stemmer, (const sb_symbol *)t->fold, (int)t->fold_len);
    if (!s) {
        t->stem = t->fold;
        return t->stem;
    }
    /* the stemmer's buffer is scratch until its next call: copy into the doc arena */
    size_t n = (size_t)sb_stemmer_length(d->stemmer);
    char *p = arena_strndup(&d->arena, (const char *)s, n);
    t->stem = p ? p : t->fold;
    if (e && p && t->fold_len < STEM_CACHE_WORD && n < STEM_CACHE_WORD) {
        e->hash = t->hash, e->fold_len = (uint8_t)t->fold_len, e->stem_len = (uint8_t)n;
        memcpy(e->fold, t->fold, t->fold_len);
        memcpy(e->stem, p, n);
    }
    return t->stem;
}
