/*
 * relate_match.h — the pattern matcher of relate.c: matching one rule's nodes (rules.h) against
 * a sentence's tokens and mentions, with the cheap tests that run before it. Private to
 * relate.c and relate_match.c.
 *
 * Ownership: an mstate borrows the rules, the document and the virtual mentions; it lives on
 * the caller's stack for one match attempt. memo is per-document scratch (d->arena).
 */
#ifndef FEIT_RELATE_MATCH_H
#define FEIT_RELATE_MATCH_H

#include "relations/rules.h"

/* A description that stands for a person named elsewhere ("De Venezolaanse oppositieleider
 * heeft ..." ... "zei María Corina Machado"): later rules see it as that person. */
typedef struct virt {
    uint32_t start, end; /* tokens */
    int32_t person;      /* mention */
} virt;
#define MAX_VIRT 32
/* a capture that holds virtual mention v is stored as VCAP(v) */
#define VCAP(v) (-10 - (int32_t)(v))
#define VIDX(c) (-10 - (c))

/* Per-document answers about tokens, asked over and over while rules are tried. With 64 sets
 * or fewer, word tokens bring their word sets from the lexicon stage (TF_SETS, one word); the
 * others, and all with more sets, get them here: a direct-mapped window of `slots` entries (a
 * power of two, at most MEMO_SLOTS) of r->set_words words, with tags[slot] the token index + 1
 * of the entry's token once known (d->arena, made on first need; relate_token_sets_memo). */
#define MEMO_SLOTS 8192
typedef struct relate_memo {
    uint64_t *sets;
    uint32_t *tags;
    size_t slots;
} relate_memo;

typedef struct mstate {
    const feit_rules *r;
    feit_doc *d;
    const virt *virts;
    int nvirts;
    uint32_t s_start, s_end; /* token range of the sentence */
    int32_t cap[RULES_MAX_CAPTURES];
    uint32_t end;
    uint32_t behind_at; /* where the look-behind being tried must end */
    unsigned steps;
    relate_memo *memo;
    /* `feit explain`: with trace set, the furthest token any element was tried at, and the
     * first element tried there (where a match that failed stopped) */
    bool trace;
    uint32_t far_pos;
    int32_t far_node;
} mstate;


/* Does an entity of one of types (a bit per feit_type) start at token pos: a mention's first
 * token, or for FEIT_PERSON a description's person (virts)? */
bool relate_entity_starts(const feit_doc *d, uint32_t pos, unsigned types, const virt *virts, int nvirts);

/* Does the pattern starting at node match at token pos? On success m->end is where the match
 * ends and m->cap holds the captures (token or mention indexes, VCAP for virtual ones). */
bool relate_match(mstate *m, int32_t node, uint32_t pos);

/* May a hyphenated role ("secretaris-generaal", "G7-voorzitter") start at token p: a hyphen
 * against it, then a token against the hyphen, before token end? The matcher's RN_ROLE tries
 * the compound of p and p + 2 only then; a word with no role entry can open a role no other
 * way. */
static inline bool relate_hyphen_after(const feit_doc *d, uint32_t p, size_t end)
{
    if (p + 2 >= end)
        return false;
    const feit_token *h = &d->toks[p + 1];
    return (h->flags & TF_GLUED) && h->fold_len == 1 && h->fold[0] == '-' && (h[1].flags & TF_GLUED);
}

/* Role entry of token i: the glued compound first (NAVO-chef, oud-premier), then the word.
 * s_start: the first token of i's sentence. */
const rrole *relate_role_at(const feit_rules *r, const feit_doc *d, uint32_t i, uint32_t s_start);

/* Can the rule's first consuming word (a literal, word set or role) be token p? A cheap test
 * before the matcher and its look-arounds run. */
bool relate_anchor_ok(const feit_rules *r, feit_doc *d, const rnode *n, uint32_t p, uint32_t s_start, relate_memo *memo);

/* Can a match of rule ru start at token p, a free token (no mention holds it), by what its
 * first token can be (rrule.first_*: a literal, a word of a set, a role)? Needs r->stem_index
 * when ru->nfirst_sets; entities and descriptions the caller tests. lit_bits: the hash bits
 * (bit hash & 63) of the rule's first literals (relate_first_bits), so that a token with none
 * of them is not compared with each literal. */
bool relate_first_ok(const feit_rules *r, feit_doc *d, const rrule *ru, uint32_t p, uint64_t lit_bits, relate_memo *memo);
/* The hash bits of rule ru's first literals (rrule.first_lit), for relate_first_ok. */
uint64_t relate_first_bits(const feit_rules *r, const rrule *ru);

/* What is known of one sentence's free words (no mention holds them), for the requirements
 * test. relate.c fills it for every sentence. */
typedef struct sent_facts {
    uint64_t words[4]; /* 256-bit filter of the words' hashes: most literal requirements fail here */
    uint64_t *sets;    /* the word sets some word is in, r->set_words words (when the sets are
                          bits: r->stem_index; caller's) */
    uint8_t *present;  /* else: per set, 0 unknown, 1 yes, 2 no (caller's, nsets bytes) */
} sent_facts;

static inline uint32_t sent_word_bit(uint32_t hash) { return (hash ^ (hash >> 17)) & 255; }
static inline void sent_word_add(sent_facts *f, uint32_t hash) { f->words[sent_word_bit(hash) >> 6] |= 1ull << (sent_word_bit(hash) & 63); }

/* What a word's record says a token of it is not (feit_wordinfo.rel, filled by the lexicon
 * stage through relate_lex_hook), so that relate.c's gate_open can pass by a sentence whose
 * tokens all say so, with an AND of their bytes instead of its walk: REL_NO_GATE, the token
 * opens no gate of a sentence of few mentions (none of gate_open's tests: a literal of
 * gate_lits, a word of a set of gate_sets or whose sets the lexicon does not keep, with
 * gate_role a role word of its own); REL_NO_HYPHEN, it is no "-" (before which a hyphenated
 * role may start); REL_PLAIN, a free token of it that is not glued to the token before (a
 * word glued to a hyphen may close a compound role) gives sent_scan's lists nothing but its
 * hash bit: no requirement literal, no word sets, no role of its own, no "-". A record filled
 * without the hook says nothing (0). */
enum { REL_NO_GATE = 1, REL_NO_HYPHEN = 2, REL_PLAIN = 4 };

/* A token's sets in the 64 bits the lexicon stage keeps for it (feit_wordinfo.sets, TF_SETS): with
 * one word of sets (64 sets at most), that word; with more, a list of up to RELATE_PACK_IDS set
 * numbers below 1 << RELATE_PACK_BITS (in bits 0..RELATE_PACK_ROOM - 1, the count in bits
 * 60..62), and after them, when bit 63 is set, the word's number as a requirement literal
 * (rules.h: lit_index) in the rest of those bits (13 after five sets, 49 after one: a rule
 * file has more literals than sets), so the word's literal is known once per word type (bit 63
 * clear: the word is no literal); bit 58 (RELATE_PACK_GATE): the word opens the gate of a
 * sentence of few mentions (rules.h: a literal or set of gate_lits/gate_sets, or with gate_role
 * a role word), so relate.c's gate_open asks one bit of most words. A word in more sets, in a
 * set beyond the list's numbers, or a literal with no room left or a number beyond the room, is
 * not packed: the matcher finds its sets itself (memo), relate.c its literal in lit_index. The
 * helpers below read the list form. */
#define RELATE_PACK_IDS 6
#define RELATE_PACK_BITS 9
#define RELATE_PACK_ROOM 58
#define RELATE_PACK_GATE (1ull << 58)
#define RELATE_PACK_LIT (1ull << 63)
static inline uint32_t relate_packed_count(uint64_t packed) { return (uint32_t)(packed >> 60) & 7; }
static inline int32_t relate_packed_id(uint64_t packed, uint32_t i)
{
    return (int32_t)((packed >> (RELATE_PACK_BITS * i)) & ((1u << RELATE_PACK_BITS) - 1));
}
/* The bits after a list of n sets, where its literal goes (n < RELATE_PACK_IDS) */
static inline uint64_t relate_pack_lit_room(uint32_t n) { return (1ull << (RELATE_PACK_ROOM - RELATE_PACK_BITS * n)) - 1; }
/* The requirement literal of the list's word, or -1 for none. */
static inline int32_t relate_packed_lit(uint64_t packed)
{
    uint32_t n = relate_packed_count(packed);
    return (packed & RELATE_PACK_LIT) ? (int32_t)((packed >> (RELATE_PACK_BITS * n)) & relate_pack_lit_room(n)) : -1;
}
/* Adds literal number li to the list; false when it has no room for it (then the word is not
 * packed). */
static inline bool relate_pack_lit(uint64_t *packed, int32_t li)
{
    uint32_t n = relate_packed_count(*packed);
    if (n == RELATE_PACK_IDS || li < 0 || (uint64_t)li > relate_pack_lit_room(n))
        return false;
    *packed |= (uint64_t)li << (RELATE_PACK_BITS * n) | RELATE_PACK_LIT;
    return true;
}
/* b |= the sets of the list (b: enough words for its numbers) */
static inline void relate_packed_or(uint64_t packed, uint64_t *b)
{
    for (uint32_t i = 0, n = relate_packed_count(packed); i < n; i++) {
        int32_t k = relate_packed_id(packed, i);
        b[k >> 6] |= 1ull << (k & 63);
    }
}
/* Is set k in the list? */
static inline bool relate_packed_has(uint64_t packed, int32_t k)
{
    for (uint32_t i = 0, n = relate_packed_count(packed); i < n; i++)
        if (relate_packed_id(packed, i) == k)
            return true;
    return false;
}
/* Is one of the list's sets in the bitset b? */
static inline bool relate_packed_meets(uint64_t packed, const uint64_t *b)
{
    for (uint32_t i = 0, n = relate_packed_count(packed); i < n; i++) {
        int32_t k = relate_packed_id(packed, i);
        if ((b[k >> 6] >> (k & 63)) & 1)
            return true;
    }
    return false;
}

/* The word sets of token tok as a bitset of r->set_words words (r->stem_index must be there);
 * valid while the document is (the token itself), or (memo) until the sets of a token
 * MEMO_SLOTS or more tokens away are asked: use it before asking further. The memo's half is
 * out of line. */
const uint64_t *relate_token_sets_memo(const feit_rules *r, feit_doc *d, relate_memo *memo, uint32_t tok);
static inline const uint64_t *relate_token_sets(const feit_rules *r, feit_doc *d, relate_memo *memo, uint32_t tok)
{
    const feit_token *t = &d->toks[tok];
    return (t->flags & TF_SETS) && r->set_words == 1 ? &t->info->sets : relate_token_sets_memo(r, d, memo, tok);
}

/* The sentences of d that hold mentions as the relation stage counts them (the runs of tokens
 * of one mention, a token whose mention is not the one of the token before, that start in the
 * sentence), in order, into sents[0 .. n) with their counts in count[0 .. n) (caller's, room
 * for d->nsents each); returns n. Read off the mention list (sorted by start, each mention over
 * its own tokens [tok_start, tok_end): mentions_finish), so a sentence without a mention costs
 * nothing, for a sentence whose mentions lie apart (none empty, none overlapping another or one
 * before it, each its first token's); else, or when the list is not in order, counted from the
 * sentence's tokens. */
uint32_t relate_sent_ments(const feit_doc *d, uint32_t *sents, uint32_t *count);

/* Does the sentence hold a word the requirement asks for: one of its literals or a word of one
 * of its sets? (relate.c asks only when the sets are no bits; else the bitsets rs_req answer.) */
bool relate_sentence_has(const feit_rules *r, feit_doc *d, const feit_sentence *se, const rreq *q, sent_facts *f, relate_memo *memo);

#endif
