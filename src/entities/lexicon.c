/* lexicon.c — a worker's per-word cache (see lexicon.h) and the stage that fills each word
 * token from it. */
#include "entities/lexicon.h"

#include "core/arena.h"
#include "core/doc.h"
#include "core/lang.h"
#include "entities/gazetteer_private.h" /* (the walk's prefetches inlined: gaz_prefetch_hit, gaz_prefetch_span) */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

_Static_assert(sizeof(lex_entry) == 64, "a lexicon entry with its record is one cache line");

/* Mapped, not allocated: aligned (an entry per cache line), and zero pages come on first touch.
 * The table is probed at random, one set per token: in 4 KiB pages that is a TLB miss on most
 * probes of a cold word and a page fault (a read, then the copy of the zero page on the first
 * write) on each of its pages, so it asks for huge pages, on a 2 MiB boundary: a fault and a
 * TLB entry per 2 MiB. (Without transparent huge pages madvise fails and changes nothing.) */

lexicon *lexicon_new(void)
{
    char *a = huge_map(sizeof(lexicon)); /* (core/arena.h; lexicon_free unmaps sizeof *lx) */
    if (!a)
        return NULL;
    lexicon *lx = (lexicon *)a;
    for (size_t b = 0; b < 256; b++)
        lx->one[b].len = 1, lx->one[b].fold[0] = (char)b;
    lx->gen = 1; /* (not an empty entry's 0: no entry is held for a document before the first) */
    return lx;
}

void lexicon_free(lexicon *lx)
{
    if (lx)
        munmap(lx, sizeof *lx);
}

/* May ways [0, k] of set move: is none of their records held (the document's tokens point to
 * it)? */
static bool may_move(const lexicon *lx, const lex_entry *set, size_t k)
{
    for (size_t j = 0; j <= k; j++)
        if (set[j].rec.held == lx->gen)
            return false;
    return true;
}

/* Moves ways [0, k) of set one back (k < LEX_WAYS), as entry copies the compiler inlines: a
 * memmove call of 64 to 192 bytes cost some 40 instructions a move (a move in a later way of
 * 18k words per 2 MB) for what four 16-byte loads and stores a way do. */
static inline void move_back(lex_entry *set, size_t k)
{
    _Static_assert(LEX_WAYS == 4, "a case per way");
    switch (k) {
    case 3:
        set[3] = set[2];
        /* fall through */
    case 2:
        set[2] = set[1];
        /* fall through */
    case 1:
        set[1] = set[0];
    }
}

lex_entry *lexicon_rest(lexicon *lx, lex_entry *set, const char *fold, size_t len)
{
    size_t k = 1;
    while (k < LEX_WAYS && set[k].len && !lexicon_is(&set[k], fold, len, 0))
        k++;
    if (k < LEX_WAYS && set[k].len) {
        if (!may_move(lx, set, k))
            return &set[k];
        lex_entry met = set[k];
        move_back(set, k);
        set[0] = met;
        return &set[0];
    }
    /* A new word: it takes the way met longest ago (the ways are in the order they were met;
     * empty ones last) of those whose record no token of the document points to (such a record
     * stays till the document is done), with an emptied record; at the front, unless a way
     * before it is held. */
    size_t v = LEX_WAYS;
    while (v-- > 0)
        if (set[v].rec.held != lx->gen) /* (an empty way's is 0) */
            break;
    if (v >= LEX_WAYS)
        return NULL;
    lex_entry *e = &set[v];
    if (may_move(lx, set, v))
        move_back(set, v), e = &set[0];
    e->rec = (feit_wordinfo){0};
    e->len = (uint8_t)len, e->known = 0;
    memcpy(e->fold, fold, len);
    return e;
}

gaz_word lexicon_word(lexicon *lx, const feit_gazetteer *g, const char *fold, size_t len, uint32_t hash)
{
    lex_entry *e = lx ? lexicon_get(lx, fold, len, hash) : NULL;
    if (!e)
        return gazetteer_word(g, fold, len, hash);
    feit_wordinfo *w = &e->rec;
    if (!(e->known & LEX_SLOT))
        w->word = gazetteer_word(g, fold, len, hash), e->known |= LEX_SLOT;
    return w->word;
}

/* Fills what token i of d needs (word: a word token) and record w does not hold yet (known, the
 * LEX_* bits of what it holds, updated). */
static void fill(feit_doc *d, size_t i, const feit_gazetteer *g, const lex_hook *hook, bool word, feit_wordinfo *w,
                 uint8_t *known)
{
    const feit_token *t = &d->toks[i];
    if (!(*known & LEX_SLOT))
        w->word = gazetteer_word(g, t->fold, t->fold_len, t->hash), *known |= LEX_SLOT;
    /* (a record handed to a token has been here: LEX_LANG is set here only) */
    uint16_t opens = w->word.opens & GAZ_OPENS_LOWER ? TF_OPENS_LOWER : 0;
    w->tok_flags[0] = (uint16_t)(TF_SLOT | opens);
    if (!(*known & LEX_LANG))
        w->lang = d->lang ? lang_word_bits(d->lang, t->fold, t->fold_len, t->hash) : 0, *known |= LEX_LANG;
    if (word && !(*known & LEX_FULL)) {
        bool names_role = false;
        w->role = hook ? hook->role(hook->ctx, t->fold, t->fold_len, &names_role) : NULL;
        bool sets = hook && hook->sets(hook->ctx, d, i, &w->sets);
        w->tok_flags[1] = (uint16_t)(TF_SLOT | TF_ROLE | (sets ? TF_SETS : 0) | (names_role ? TF_ROLEWORD : 0) | opens);
        *known |= LEX_FULL;
    }
    /* what holds of a token of the record of either kind, once it is filled for words too (a
     * word's token finds LEX_FULL; another's, LEX_SLOT and LEX_LANG) */
    w->rel = hook && hook->rel ? hook->rel(hook->ctx, d, i, false, w) &
                                     (*known & LEX_FULL ? hook->rel(hook->ctx, d, i, true, w) : 0xff)
                               : 0;
    /* (in the byte the walk copies to the token anyway: names' sport_sentence asks it of every
     * lower-case word; a store of its own per token costs the walk more than it saves) */
    w->rel |= (w->word.flags & WC_SPORT ? REL_WORD_SPORT : 0) | (w->word.flags & WC_SPORTVERB ? REL_WORD_SPORTVERB : 0);
}

/* Records of words the lexicon cannot hold are taken from the arena RECORDS at a time. */
#define RECORDS 64
typedef struct pool {
    feit_wordinfo *next;
    size_t left;
} pool;

static feit_wordinfo *pool_record(feit_doc *d, pool *p)
{
    if (!p->left) {
        if (!(p->next = arena_alloc(&d->arena, RECORDS * sizeof *p->next)))
            return NULL;
        p->left = RECORDS;
    }
    p->left--;
    *p->next = (feit_wordinfo){0};
    return p->next++;
}

/* A new document: its number, and the language its records' lang speaks of. */
static void lexicon_begin(lexicon *lx, const feit_lang *lang)
{
    if (!++lx->gen) { /* (after 2^16 documents: no entry may count as held for this one) */
        for (size_t k = 0; k < LEX_SETS_N; k++)
            for (size_t w = 0; w < LEX_WAYS; w++)
                lx->e[k][w].rec.held = 0;
        lx->gen = 1;
    }
    /* (before the first document no entry knows LEX_LANG: its language clears nothing, and
     * touches none of the table's 8 MiB) */
    if (lx->lang != lang && lx->begun) {
        for (size_t k = 0; k < LEX_SETS_N; k++)
            for (size_t w = 0; w < LEX_WAYS; w++)
                lx->e[k][w].known &= (uint8_t)~LEX_LANG;
        for (size_t b = 0; b < 256; b++)
            lx->one[b].known &= (uint8_t)~LEX_LANG;
    }
    lx->lang = lang, lx->begun = true;
}

/* A record of token i's own (a word the lexicon cannot hold, or no lexicon); NULL when out of
 * memory. */
static feit_wordinfo *own_record(feit_doc *d, pool *p, size_t i, const feit_gazetteer *g, const lex_hook *hook, bool word)
{
    uint8_t known = 0;
    feit_wordinfo *w = pool_record(d, p);
    if (w)
        fill(d, i, g, hook, word, w, &known);
    return w;
}

/* The lists (lex_lists) are grown LIST_BLOCK tokens ahead: they grow by what a document holds,
 * not by its length, and no token waits on a call to grow them. */
#define LIST_BLOCK 256

/* Makes room in list *a (capacity *cap) for need entries. */
static int reserve(uint32_t **a, size_t *cap, size_t need)
{
    while (*cap < need)
        if (doc_grow((void **)a, cap, *cap, sizeof **a))
            return FEIT_ENOMEM;
    return 0;
}

/* The lists as the loops fill them: in locals, which no store to a token can change (the
 * compiler would read lex_lists' fields again after each one). */
typedef struct lister {
    lex_lists *l;
    uint32_t *caps, *opens;
    size_t nc, no;
    uint32_t open_bits;
} lister;

/* Room in the lists for n more tokens. */
static int lister_room(lister *ls, size_t n)
{
    lex_lists *l = ls->l;
    if (reserve(&l->caps, &l->ccaps, ls->nc + n) || reserve(&l->opens, &l->copens, ls->no + n))
        return FEIT_ENOMEM;
    ls->caps = l->caps, ls->opens = l->opens;
    return 0;
}

/* Lists token i (kind, its flags f, its record's lang) where it belongs, in room made for it.
 * Most tokens (a lower-case word that opens nothing, a number, a mark) belong in neither list:
 * one test of what they have tells them apart, and only the others pay for the rest. */
__attribute__((always_inline)) static inline void list_token(lister *ls, size_t i, unsigned kind, unsigned f, uint32_t lang)
{
    bool open = (lang & ls->open_bits) || kind == TOK_QUOTE || (f & (TF_PARA | TF_ROLEWORD));
    if (!open && !(f & TF_CAP))
        return;
    if (kind == TOK_WORD && (f & TF_CAP))
        ls->caps[ls->nc++] = (uint32_t)i;
    if (open)
        ls->opens[ls->no++] = (uint32_t)i;
}

static void lister_end(const lister *ls) { ls->l->ncaps = ls->nc, ls->l->nopens = ls->no; }

/* lexicon_doc without a lexicon: every token looks everything up. */
static int records_apart(feit_doc *d, const feit_gazetteer *g, const lex_hook *hook, lister *ls)
{
    pool p = {NULL, 0};
    for (size_t i = 0; i < d->ntoks; i++) {
        feit_token *t = &d->toks[i];
        bool word = t->kind == TOK_WORD;
        if (i % LIST_BLOCK == 0 && lister_room(ls, LIST_BLOCK))
            return FEIT_ENOMEM;
        if (!(t->info = own_record(d, &p, i, g, hook, word)))
            return FEIT_ENOMEM;
        t->rel = t->info->rel;
        t->flags |= t->info->tok_flags[word];
        list_token(ls, i, t->kind, t->flags, t->info->lang);
    }
    lister_end(ls);
    return 0;
}

static int records_kept(feit_doc *d, const feit_gazetteer *g, const lex_hook *hook, lister *ls)
{
    lexicon *lx = d->lex;
    lexicon_begin(lx, d->lang);
    pool p = {NULL, 0};
    feit_token *toks = d->toks; /* (in locals: the stores to tokens would have them read again) */
    size_t n = d->ntoks;
    for (size_t i0 = 0; i0 < n; i0 += LIST_BLOCK) {
        size_t i1 = n - i0 < LIST_BLOCK ? n : i0 + LIST_BLOCK;
        if (lister_room(ls, i1 - i0))
            return FEIT_ENOMEM;
        for (size_t i = i0; i < i1; i++) {
            feit_token *t = &toks[i];
            /* the misses of a cold table overlap; 16 tokens ahead: a token takes some 80
             * instructions here, so 8 (fewer cycles than a miss to memory) left the set of
             * most tokens still on its way (perf on the 200 MB corpus: lexicon_doc 10.8% ->
             * 10.1% of the run; 32 ahead did no better) */
            if (i + 16 < n)
                lexicon_prefetch(lx, toks[i + 16].hash);
            unsigned kind = t->kind;
            bool word = kind == TOK_WORD;
            lex_entry *e = lexicon_get(lx, t->fold, t->fold_len, t->hash);
            feit_wordinfo *w;
            if (e) {
                w = &e->rec;
                w->held = lx->gen; /* (held for the document: see lexicon_rest) */
                /* the first time the worker meets the word, mostly (a word met before knows
                 * all: one test; a number or a mark needs less than all) */
                if (e->known != LEX_ALL && (e->known & (LEX_SLOT | LEX_LANG | (word ? LEX_FULL : 0))) != (LEX_SLOT | LEX_LANG | (word ? LEX_FULL : 0)))
                    fill(d, i, g, hook, word, w, &e->known);
            } else if (!(w = own_record(d, &p, i, g, hook, word)))
                return FEIT_ENOMEM;
            t->info = w, t->rel = w->rel;
            unsigned f = t->flags | w->tok_flags[word];
            t->flags = f;
            /* a capitalised word with names of its own: the matcher will read its first hit,
             * a line of a table of tens of MB, after this walk (match.c: best_hit); one that
             * is a name's prefix: the span filter's word of it and the next token, a line of
             * 512 KiB read at random (match.c: cap_dead_end) */
            if (__builtin_expect(f & TF_CAP, 0)) {
                if (w->word.hits)
                    gaz_prefetch_hit(g, w->word.hits);
                if ((w->word.flags & SLOT_PREFIX) && i + 1 < n)
                    gaz_prefetch_span(g, gazetteer_key_join(t->hash, toks[i + 1].hash));
            }
            list_token(ls, i, kind, f, w->lang);
        }
    }
    lister_end(ls);
    return 0;
}

int lexicon_doc(feit_doc *d, const feit_gazetteer *g, const lex_hook *hook, lex_lists *lists)
{
    lex_lists own = {0}; /* (no caller's lists: made all the same, and given back) */
    lex_lists *l = lists ? lists : &own;
    lister ls = {l, NULL, NULL, 0, 0, l->open_bits};
    int rc = d->lex ? records_kept(d, g, hook, &ls) : records_apart(d, g, hook, &ls);
    free(own.caps), free(own.opens);
    return rc;
}
