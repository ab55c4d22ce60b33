/*
 * lexicon.h — a worker's cache of what the shared, read-only resources say about one word: its
 * gazetteer index slot, what its language's lists say of it, its relation word sets and its
 * role-lexicon entry, kept as the word's record (feit_wordinfo); and the pipeline stage that
 * hands these to every word token of a document (lexicon_doc). News repeats its words (a few
 * thousand types make most of the tokens), so a word is looked up in the 20 MB gazetteer
 * index, stemmed and probed in the rules' stem index once per worker, and after that costs one
 * probe of a table that stays in the core's cache and a pointer to its record.
 *
 * Keyed by the folded form (a gazetteer span key, "verenigde staten", is one such form too).
 * Four-way set associative: a new word evicts the word of its set met longest ago, so callers copy
 * the values out (a pointer to an entry is valid until the next lexicon_get). Words longer than
 * LEX_WORD bytes are not cached (lexicon_get returns NULL). Each value is filled by the caller
 * the first time it is asked for (the `known` bits), since each comes from a different stage.
 * Owned by one worker (lexicon_new / lexicon_free); not shared between threads.
 */
#ifndef FEIT_LEXICON_H
#define FEIT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/doc.h"

struct rrole;

#define LEX_WORD 22 /* longest cached fold, bytes; an entry with its record is one cache line */

enum {
    LEX_SLOT = 1, /* the record's word holds the gazetteer lookup */
    LEX_LANG = 2, /* the record's lang holds what the lists of the lexicon's language say */
    LEX_FULL = 4, /* the record's role, sets and tok_flags[1] are filled (what a word token needs) */
    LEX_ALL = LEX_SLOT | LEX_LANG | LEX_FULL,
};

/* A word and its record in one cache line: the walk of every token reads the record of each
 * token's word after comparing its fold, and a record of its own elsewhere was a second line at
 * random for each token (the set's is prefetched; the record's, which the set names, was not,
 * and perf put half of lexicon_doc's samples on its load). The record's held
 * (feit_wordinfo.held) is the document (lexicon.gen) that last handed it to its tokens. */
typedef struct lex_entry {
    feit_wordinfo rec; /* the word's record (its tokens point here: it moves only when not held) */
    uint8_t len;       /* of fold; 0 = empty entry (the hash picks the set: it is not kept) */
    uint8_t known;     /* LEX_* */
    char fold[LEX_WORD];
} lex_entry;

typedef struct lexicon lexicon;

lexicon *lexicon_new(void);
void lexicon_free(lexicon *lx);

/* The entry of a folded word (hash: utf8_hash of it, as in feit_token). A word not in the
 * cache gets an entry with nothing known and an emptied record. NULL for words longer than
 * LEX_WORD or the empty word, and for a new word whose set holds LEX_WAYS words whose records the
 * tokens of the document lexicon_doc is on point to (such a record is kept till it is done). */
static inline lex_entry *lexicon_get(lexicon *lx, const char *fold, size_t len, uint32_t hash);

/* What a later stage knows of a word, asked once per word type and cached with it: the
 * relation rules' role entry and word sets. The stage above (the pipeline) passes the relation
 * layer's answers in as this callback, so this stage needs to know nothing of rules. */
typedef struct lex_hook {
    const void *ctx; /* passed back to the functions */
    /* role entry of the folded word (NULL: none); *names_role: the entry names a role (not
     * "oud-premier"), which the name finders ask (TF_ROLEWORD) */
    const struct rrole *(*role)(const void *ctx, const char *fold, size_t len, bool *names_role);
    /* the word sets of token i in 64 bits (the relation layer's code: bit k for set k when
     * there are 64 sets or fewer); false when the rules give none for this word */
    bool (*sets)(const void *ctx, struct feit_doc *d, size_t i, uint64_t *sets);
    /* the record's rel bits (feit_wordinfo.rel) for a token of it like token i of d, a word
     * (then its role, sets and tok_flags[1] are filled) or another token; NULL: none (0) */
    uint8_t (*rel)(const void *ctx, const struct feit_doc *d, size_t i, bool word, const feit_wordinfo *w);
} lex_hook;

/* Tokens the stages above act at, listed by the lexicon stage in its walk of every token (it
 * holds each token's record there already), so that no later stage walks every token again;
 * token indices in order:
 *   caps:  the word tokens with TF_CAP (names.c narrows it for the discourse layer);
 *   opens: the tokens whose record's lang has a bit of open_bits (the caller's, as the words
 *          that may open an anaphor or end a description), the role words (TF_ROLEWORD: the
 *          heads of "de premier"; a flag, not a caller's choice, so that the test stays one
 *          mask), and the quote marks and paragraph starts.
 * The tests read only a token's kind, flags and record, which the stages after this one leave
 * alone. The owner keeps the lists across documents (grown a block of tokens ahead, not per
 * token, and reused) and frees them; zeroed is empty. */
typedef struct lex_lists {
    uint32_t open_bits;
    uint32_t *caps;
    size_t ncaps, ccaps;
    uint32_t *opens;
    size_t nopens, copens;
    /* names_doc's scratch (its token and sentence lists), one block kept for the next
     * document while it is at most SCRATCH_KEEP bytes (core/arena.h) (a long document's is given back at the
     * stage's end, before the relation stage); NULL: none. The owner frees it too. */
    void *scratch;
    size_t nscratch; /* its size in bytes */
} lex_lists;


/* The lexicon stage: gives every token its word type's record (feit_token.info) with its
 * gazetteer slot (TF_SLOT) and what d's language's lists say of it (feit_wordinfo.lang), and
 * every word token its role entry and word sets (TF_ROLE/TF_ROLEWORD/TF_SETS), from d->lex where
 * it knows them and filling it where not. The tokens of a fold share the record d->lex keeps of
 * it (borrowed: valid until the next lexicon_doc with the same lexicon, which gives no record
 * d's tokens hold to another word before then); a word the lexicon cannot hold gets a record of
 * its own in d's arena. Works without a lexicon (d->lex NULL) too,
 * looking everything up (a record per token). hook may be NULL (no roles, no sets). 0, or
 * FEIT_ENOMEM (then tokens may lack their record: no result can be given). lists: NULL, or the
 * caller's, its lists replaced by d's (above; open_bits read). */
struct feit_doc;
struct feit_gazetteer;
int lexicon_doc(struct feit_doc *d, const struct feit_gazetteer *g, const lex_hook *hook, lex_lists *lists);

/* What the gazetteer index says of one folded word or span key ("verenigde staten" hashes as
 * one word with a space in it), through the lexicon where it can hold it; lx may be NULL. */
gaz_word lexicon_word(lexicon *lx, const struct feit_gazetteer *g, const char *fold, size_t len, uint32_t hash);

/* ------------------------------------------------------------------------------------------ */
/* The table is visible here only so that the probe inlines into the per-token loops. */

/* 32,768 sets of four ways (8 MiB in all, a way a cache line), not 65,536 of two: as many
 * words, but a set holds the words of a few documents that share it: with two ways some 700 word
 * types per 2 MB of news were put out by a third word of their set and filled again (their word
 * sets and role: thousands of instructions each) when they came back. The ways are kept in the
 * order they were met (the last at [0]; within a document, as far as its held records let them
 * move: lexicon_rest), so the frequent words are found at once. */
#define LEX_WAYS 4
#define LEX_SETS_N 32768 /* power of two */

/* The words of one byte (",", ".", "(", "a": one token in eight) are not in the sets: each
 * byte has an entry of its own, never evicted, found by the byte without a set's probe and
 * compare. */
struct lexicon {
    lex_entry e[LEX_SETS_N][LEX_WAYS];         /* [0] the entry of its set met last */
    lex_entry one[256];                        /* the word of each byte (len 1) */
    uint16_t gen;                              /* of the document lexicon_doc works on (never
                                                  an empty entry's 0; counted modulo 2^16) */
    const struct feit_lang *lang;              /* the language LEX_LANG speaks of (a worker's
                                                  documents all have its context's: it changes
                                                  at most once) */
    bool begun;                                /* lexicon_doc has begun a document */
};

/* The set of a word: the low bits of its hash as they are (utf8_hash's low bits hold its
 * product's high half: FNV-1a's needed its high bits mixed in first). */
static inline size_t lexicon_index(uint32_t hash) { return hash & (LEX_SETS_N - 1); }

/* Asks the memory system for the set of hash ahead of its lexicon_get (a loop over tokens
 * prefetches a few tokens ahead, so the misses of a cold table overlap): the cache lines of the
 * set's first two ways with their records, where a word met before mostly is (one token in
 * sixteen finds its word behind the first: with the first way's line alone lexicon_rest went
 * from 0.7% to 2.2% of the run's samples). */
static inline void lexicon_prefetch(const lexicon *lx, uint32_t hash)
{
    const lex_entry *set = lx->e[lexicon_index(hash)];
    __builtin_prefetch(&set[0]), __builtin_prefetch(&set[1]);
}

/* a[0, n) == b[0, n) for the short strings of words (n >= 1), with loads that stay inside both
 * (two overlapping loads cover 2..4, 4..8 or the last 8 bytes) and one branch for the result:
 * fewer branches than a byte loop or a call to memcmp. The shortest come first: most tokens are
 * marks and words of two or three bytes ("de", "het", ","). */
static inline int lexicon_same(const char *a, const char *b, size_t n)
{
    uint64_t x, y, u, v;
    uint32_t p, q, s, t;
    uint16_t m, o, r, w;
    if (n < 4) {
        if (n == 1)
            return a[0] == b[0];
        memcpy(&m, a, 2), memcpy(&o, b, 2), memcpy(&r, a + n - 2, 2), memcpy(&w, b + n - 2, 2);
        return ((m ^ o) | (r ^ w)) == 0;
    }
    if (n < 8) {
        memcpy(&p, a, 4), memcpy(&q, b, 4), memcpy(&s, a + n - 4, 4), memcpy(&t, b + n - 4, 4);
        return ((p ^ q) | (s ^ t)) == 0;
    }
    for (size_t k = 0; k + 8 < n; k += 8) {
        memcpy(&x, a + k, 8), memcpy(&y, b + k, 8);
        if (x != y)
            return 0;
    }
    memcpy(&u, a + n - 8, 8), memcpy(&v, b + n - 8, 8);
    return u == v;
}

static inline int lexicon_is(const lex_entry *e, const char *fold, size_t len, uint32_t hash)
{
    (void)hash; /* (the set is the hash's: words of a set are told apart by length and bytes) */
    return e->len == len && lexicon_same(e->fold, fold, len);
}

/* The entry of fold in set when it is not the first way (lexicon_get): found in a later way it
 * moves to the front, the ways before it one back (so that a new word evicts the word met
 * longest ago, not the one let in earliest: a frequent word was put out by rare ones and filled
 * again, its word sets and role, thousands of instructions, each time it came back); not found,
 * a new entry at the front, NULL when every way's record is in the document's tokens. A record
 * moves with its entry, so the ways do not move while one of them is held (the document's
 * tokens point to its record): the word stays where it is found or let in until the next
 * document. */
lex_entry *lexicon_rest(lexicon *lx, lex_entry *set, const char *fold, size_t len);

/* (always inlined: the per-token loops are what it is in this header for) */
__attribute__((always_inline)) static inline lex_entry *lexicon_get(lexicon *lx, const char *fold, size_t len, uint32_t hash)
{
    if (len - 2 < LEX_WORD - 1) { /* 2..LEX_WORD bytes (one test: len 0 and 1 wrap around) */
        lex_entry *set = lx->e[lexicon_index(hash)];
        if (lexicon_is(&set[0], fold, len, hash))
            return &set[0];
        return lexicon_rest(lx, set, fold, len);
    }
    return len == 1 ? &lx->one[(unsigned char)fold[0]] : NULL;
}


#endif
