/*
 * gazetteer_private.h — what gazetteer.c (the index: building it, probing it) and gazbin.c (its
 * compiled form, gazetteer.bin) share: the index's layout, and the lazy, checked reading of a
 * compiled file. The matcher (match.c) includes it too, for the probes it inlines (gaz_hit_at,
 * gaz_entry_at, gaz_may_span), and the lexicon (lexicon.c) for its prefetches ahead of the
 * matcher (gaz_prefetch_hit, gaz_prefetch_span); nobody else sees it.
 *
 * A compiled gazetteer is not mapped: its tables are read into private memory a chunk at a
 * time, when a probe first needs the chunk (a whole read would cost more than the rest of
 * start-up). A chunk is checked against its checksum and its elements against the tables they
 * point into before anything reads it (slots and hits: when a probe takes one, gaz_slot_ok and
 * gaz_hit_ok), so a
 * corrupt or truncated file cannot crash, hang or
 * feed wrong names to a run: a bad chunk reads as empty and marks the gazetteer failed
 * (gazetteer_status), and the pipeline returns no result from then on.
 */
#ifndef FEIT_GAZETTEER_PRIVATE_H
#define FEIT_GAZETTEER_PRIVATE_H

#include "entities/gazetteer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <uthash.h>

#define GAZ_MAGIC "FEITGAZ"
#define GAZ_VERSION 23u /* 18: key hashes joined from word hashes (gazetteer_key_hash); 19, 20: utf8_hash a block at a time; 21: the span filter's bits not mixed again (gaz_span_bits); 22: a hit's entry type, bulk, big_city; 23: datafile_sum in 16 lanes of 128-byte blocks */
#define MAX_NAME_TOKENS 16 /* (gaz_hit.ntok holds up to 31) */
/* The longest string of a compiled pool (names, ids and codes are far shorter): a string read
 * from a compiled file that does not end within it is corrupt. */
#define GAZ_MAX_STR (64u << 10)
#define GAZ_BLOOM_WORDS 1024 /* 65536 bits */
/* The span filter holds some 10^5 keys and prefixes: 2^22 bits (512 KiB) with two bits per key
 * in one 64-bit word answer "no" with one cache line for all but about 1% of the spans that
 * are no key (a 65536-bit filter with one bit per key was nearly full, and passed 4 of 5). */
#define SPAN_BLOOM_WORDS (1u << 16)
/* The spans of names that may start with a lower-case token ("de ...", "'s-..."): the only
 * ones a span opening with a lower-case word can be. Few, so a filter that stays in cache
 * answers for the most frequent word of Dutch text, "de". */
#define LOWER_SPAN_WORDS (1u << 10) /* 8 KiB: the bundled lists have some 400 such keys */
/* The words that are the second token of a name or later (its fold's hash, two bits of one
 * word, as the span filter): a span can go on to a token only when that token's word is one.
 * Asked once per word type (the lexicon keeps the answer: gaz_word.follows), not per span. */
#define FOLLOW_WORDS (1u << 14) /* 128 KiB */
/* The same of the names that may start with a lower-case token ("van der Laan", "de Volkskrant"):
 * a span opening in lower case ("de", "van": a third of all span starts) can go on only to one
 * of these words. Few, so it stays in cache; asked once per word type too
 * (gaz_word.follows_lower). */
#define LOWER_FOLLOW_WORDS (1u << 10) /* 8 KiB */
/* The span table of the compiled file: spans, lower_spans, follow, lower_follow, one after the
 * other. */
#define SPAN_TABLE_WORDS (SPAN_BLOOM_WORDS + LOWER_SPAN_WORDS + FOLLOW_WORDS + LOWER_FOLLOW_WORDS)

typedef struct canon_map {
    char *key; /* "type\tcanonical" */
    uint32_t entry;
    UT_hash_handle hh;
} canon_map;

/* The tables of the index, in the order of the compiled file. */
enum { GT_POOL, GT_ENTRIES, GT_HITS, GT_SLOTS, GT_SPANS, GT_N };
/* log2 of the elements of a table in one chunk (some 4-6 KiB; reads take runs of them) */
static const unsigned gaz_chunk_shift[GT_N] = {12, 7, 8, 8, 9};

/* The advice the message of a bad chunk ends with (a static string; default: run `feit
 * compile`); for a compiled file that is a cache, not something `feit compile` builds. */
void gazbin_set_fix(feit_gazetteer *g, const char *fix);

#define GAZ_LOAD_LOCKS 64
/* chunks read by one pread: the first need of a chunk reads those of its group of this many
 * not read yet around it (their sums are still checked one by one, when each is needed). 64
 * chunks, some 320 KiB: a run of a few MB of text reads nearly the whole file anyway, and a
 * read costs some 10-25 us of kernel time besides its copy (8 chunks: 1,088 reads for 2 MB of
 * text; 64: 153, 11-24 ms less kernel time); an empty input reads 1.6 MB instead of 0.3. */
#define GAZ_READ_RUN 64

/* A compiled file being read lazily (gazbin.c). */
typedef struct gaz_lazy {
    int fd;
    char *path;
    unsigned char *body;         /* private memory the size of the file's body */
    size_t body_len;
    uint64_t body_off;           /* where the body starts in the file */
    uint64_t table_off[GT_N];    /* of each table in the body */
    uint64_t table_n[GT_N];      /* elements of each table */
    uint32_t first_chunk[GT_N + 1];
    uint64_t *sums;              /* per chunk, from the file */
    atomic_uchar *ready;         /* per chunk: read and checked */
    unsigned char *fetched;      /* per chunk: read (under its group's load_mu), maybe not checked */
    /* per chunk of the pool, once it is ready: 1 + the pool offset of its last NUL (0: none),
     * so that a string that ends in the chunk it starts in, as nearly all do, is known to end
     * without a scan (gazetteer_str) */
    uint32_t *pool_end;
    /* chunk c is read and checked under load_mu[c / GAZ_READ_RUN % GAZ_LOAD_LOCKS], the lock of
     * its group (gazbin.c): threads reading different chunks at once (as every worker does at
     * the start of a run) seldom wait for each other (one lock for all had two workers taking
     * turns) */
    pthread_mutex_t load_mu[GAZ_LOAD_LOCKS];
    pthread_mutex_t mu;          /* failed and why (taken after a load_mu, never before) */
    atomic_int failed;           /* a chunk was bad: why says which */
    atomic_bool spans_read;      /* every chunk of the span table is ready (gaz_read_spans) */
    char why[256];
    const char *fix;             /* what the message of a bad chunk tells to do (static) */
} gaz_lazy;

struct feit_gazetteer {
    char *pool;
    uint32_t pool_len, pool_cap;
    gaz_entry *entries;
    uint32_t nentries, centries;
    gaz_hit *hits;
    uint32_t nhits, chits;
    gaz_slot *slots;
    uint32_t nslots, nused; /* nslots is a power of two */
    uint32_t maxtok;
    uint32_t maxprobe;                     /* the longest probe of any key, slots after the first */
    uint32_t country_by_iso[26 * 26];      /* entry+1 */
    uint64_t lower_start[GAZ_BLOOM_WORDS]; /* bloom of first tokens that match in lower case */
    uint64_t *spans;       /* SPAN_BLOOM_WORDS: keys and prefixes of two tokens or more (span_set) */
    uint64_t *lower_spans; /* LOWER_SPAN_WORDS: those of names that may start in lower case */
    uint64_t *follow;      /* FOLLOW_WORDS: the words of names after their first (span_set) */
    uint64_t *lower_follow; /* LOWER_FOLLOW_WORDS: those of names that may start in lower case */
    gaz_lazy *lazy;        /* the compiled file, when opened from it (else NULL: built here) */
    gaz_entry none;        /* what an entry out of range reads as */
    gaz_hit none_hit;      /* what a bad hit reads as (all 0: matches nothing, ends its chain) */
    /* load time only */
    canon_map *canon;
    feit_doc scratch;
    struct person_alias { /* aliases of curated people: set_surnames gives their surnames too */
        uint32_t entry;
        char *name;
    } *palias;
    size_t npalias, cpalias;
};

/* gazbin.c: reads chunk c of the compiled file (the slow path of gaz_need). */
void gazbin_load(const feit_gazetteer *g, uint32_t c);
/* gazbin.c: reads every chunk of the span table not read yet (the slow path of gaz_read_spans). */
void gazbin_load_spans(const feit_gazetteer *g);
/* Writes fresh checksums into a compiled file's image img[0..len) (what a crafted file would
 * carry: tests and the fuzz harness). 0, or -1 when the image is too short or its counts do
 * not fit its length. */
int gazbin_reseal(unsigned char *img, size_t len);
/* Marks the compiled file corrupt (the first reason is kept). */
void gazbin_fail(const feit_gazetteer *g, const char *what);
/* Marks it corrupt for a bad reference in element i of table t. */
void gazbin_bad_ref(const feit_gazetteer *g, int t, uint64_t i);
void gazbin_free(gaz_lazy *z);

/* Element i of table t is read and checked (a no-op for a gazetteer built from text). */
static inline void gaz_need(const feit_gazetteer *g, int t, uint64_t i)
{
    const gaz_lazy *z = g->lazy;
    if (!z)
        return;
    uint32_t c = z->first_chunk[t] + (uint32_t)(i >> gaz_chunk_shift[t]);
    if (!atomic_load_explicit(&z->ready[c], memory_order_acquire))
        gazbin_load(g, c);
}

/* Does slot s point into its tables (key, hits, surname)? Slots are checked here, when a probe
 * takes one (gazetteer_find), not when their chunk is read: a probe takes one slot of the 256
 * of a chunk, and checking them all was a third of the cost of reading the file. A slot a probe
 * only passes over gives nothing but its hash, key length and whether it is empty. */
static inline bool gaz_slot_ok(const feit_gazetteer *g, const gaz_slot *s)
{
    return (uint64_t)s->key + s->key_len < g->pool_len && s->hits < g->nhits &&
           (s->surname == UINT32_MAX || s->surname <= g->nentries);
}

/* Does hit i point into its tables, its chain forward (so that every chain ends), and are its
 * form and token count in range? Checked when a probe takes the hit (gazetteer_hit), as slots
 * are; gazetteer_verify checks them all. */
static inline bool gaz_hit_ok(const feit_gazetteer *g, const gaz_hit *h, uint64_t i)
{
    return h->entry < g->nentries && (!h->next || (h->next > i && h->next < g->nhits)) && h->form < FEIT_NFORMS &&
           h->ntok >= 1 && h->ntok <= g->maxtok && h->type < FEIT_NTYPES;
}

/* Copies into hit h what the matcher asks of its entry e (gaz_hit: type, bulk, big_city). */
static inline void gaz_hit_sum(gaz_hit *h, const gaz_entry *e)
{
    h->type = e->type & 7, h->bulk = e->tier > 1, h->big_city = e->capital_of || e->pop >= 1000000;
}

/* The probes the matcher asks a thousand times a document, inlined there (gazetteer_hit,
 * gazetteer_entry, gazetteer_may_span are these). What they hand out comes from checked chunks
 * (gaz_need), and indexes out of range give nothing (a hit, the end of a chain) or an empty
 * entry. */
static inline const gaz_hit *gaz_hit_at(const feit_gazetteer *g, uint32_t i)
{
    if (!i || i >= g->nhits)
        return NULL;
    gaz_need(g, GT_HITS, i);
    const gaz_hit *h = &g->hits[i];
    if (g->lazy && !gaz_hit_ok(g, h, i)) { /* (a compiled file's; an index built here keeps its chains by score, not forward) */
        gazbin_bad_ref(g, GT_HITS, i);
        return &g->none_hit;
    }
    return h;
}

static inline const gaz_entry *gaz_entry_at(const feit_gazetteer *g, uint32_t i)
{
    if (i >= g->nentries)
        return &g->none;
    gaz_need(g, GT_ENTRIES, i);
    return &g->entries[i];
}

/* The span filter: a blocked bloom filter, two bits of one word per key: the word from the
 * key hash's low 16 bits, the bits from bits 16-27. The hash is not mixed again: a word's
 * utf8_hash is the folded halves of a 128-bit product, whose bits are spread already, and
 * gazetteer_key_join rotates the product of the words before into them (before format 21 the
 * hash was put through a 32-bit mixer here first, from FNV-1a's days). */
static inline uint64_t gaz_span_bits(uint32_t hash, uint32_t *word)
{
    *word = hash & (SPAN_BLOOM_WORDS - 1);
    return (1ull << ((hash >> 16) & 63)) | (1ull << ((hash >> 22) & 63));
}

/* The span filter's word and bits of a key hash (lower: of lower_spans). */
static inline uint32_t gaz_span_word(uint32_t hash, bool lower, uint64_t *m)
{
    uint32_t w;
    *m = gaz_span_bits(hash, &w);
    return lower ? SPAN_BLOOM_WORDS + (w & (LOWER_SPAN_WORDS - 1)) : w & (SPAN_BLOOM_WORDS - 1); /* (lower_spans follow spans) */
}

static inline int gaz_may_span(const feit_gazetteer *g, uint32_t hash, bool lower)
{
    uint64_t m;
    uint32_t w = gaz_span_word(hash, lower, &m);
    gaz_need(g, GT_SPANS, w);
    return (g->spans[w] & m) == m;
}

/* The span table read whole (a no-op for an index built here, and once it is): the matcher asks
 * it some 60k times per 2 MB of text, all over it (the first documents read every chunk of
 * it anyway: 660 KiB), and then asks gaz_spans_read without a check of a chunk a probe. */
static inline void gaz_read_spans(const feit_gazetteer *g)
{
    if (g->lazy && !atomic_load_explicit(&g->lazy->spans_read, memory_order_acquire))
        gazbin_load_spans(g);
}

/* gaz_may_span after gaz_read_spans. */
static inline int gaz_spans_read(const feit_gazetteer *g, uint32_t hash, bool lower)
{
    uint64_t m;
    uint32_t w = gaz_span_word(hash, lower, &m);
    return (g->spans[w] & m) == m;
}

/* What the lexicon's walk asks the memory system for ahead of the matcher (hints: no read, no
 * check), inlined there (a call took the walk's registers): hit i, the first of a capitalised
 * word with names of its own (best_hit reads it), and the span filter's word of key hash (a
 * span of two tokens that does not open in lower case: cap_dead_end reads it). */
static inline void gaz_prefetch_hit(const feit_gazetteer *g, uint32_t i)
{
    if (i < g->nhits)
        __builtin_prefetch(&g->hits[i]);
}

static inline void gaz_prefetch_span(const feit_gazetteer *g, uint32_t hash)
{
    uint64_t m;
    __builtin_prefetch(&g->spans[gaz_span_word(hash, false, &m)]);
}

/* gazetteer_str inlined for what it answers most (mention_link asks five strings a mention): a
 * string of an index built here, or one that ends in the read chunk it starts in; the rest (0,
 * out of range, a chunk not read yet, a string across chunks) is gazetteer_str's, which gives
 * the same answer for these. */
static inline const char *gaz_str_at(const feit_gazetteer *g, uint32_t off)
{
    const gaz_lazy *z = g->lazy;
    if (!off)
        return NULL; /* (none: most of a mention's role, kind and kb) */
    if (off < g->pool_len) {
        if (!z)
            return g->pool + off;
        uint32_t c = off >> gaz_chunk_shift[GT_POOL];
        if (atomic_load_explicit(&z->ready[z->first_chunk[GT_POOL] + c], memory_order_acquire) && z->pool_end[c] > off)
            return g->pool + off;
    }
    return gazetteer_str(g, off);
}

/* The pool's bytes [off, off + n) are read and checked. */
static inline void gaz_need_pool(const feit_gazetteer *g, uint64_t off, uint64_t n)
{
    if (!g->lazy)
        return;
    uint64_t last = (off + (n ? n - 1 : 0)) >> gaz_chunk_shift[GT_POOL];
    for (uint64_t c = off >> gaz_chunk_shift[GT_POOL]; c <= last; c++)
        gaz_need(g, GT_POOL, c << gaz_chunk_shift[GT_POOL]);
}

#endif
