/*
 * doc.h — the per-document working model that the stages fill in turn:
 * dateline -> token -> sentence -> match (gazetteer, names, coref) -> relate.
 *
 * A feit_doc lives in a worker and is reset for every document; all strings it points at are
 * either borrowed from the document text, from the context (gazetteer, rules), or allocated in
 * the doc's arena (valid until the next doc_reset). Internal header: not installed.
 */
#ifndef FEIT_DOC_H
#define FEIT_DOC_H

#include "feit.h"
#include "core/arena.h"
#include <stdbool.h>

struct sb_stemmer;

typedef enum {
    TOK_WORD = 1, /* letters (and digits/apostrophes inside) */
    TOK_NUM,      /* 12, 3,5, 10.35, 1.000, 2-1 */
    TOK_PUNCT,    /* . , ; : ! ? ( ) - / ... */
    TOK_QUOTE,    /* " „ “ ” ' ‘ ’ « » */
    TOK_URL,
    TOK_EMAIL,
    TOK_HANDLE, /* @name, #tag */
    TOK_OTHER,  /* symbols, invalid bytes */
} tok_kind;

enum {
    TF_CAP = 1u << 0,      /* first letter upper case */
    TF_ALLCAPS = 1u << 1,  /* all letters upper case, at least two letters */
    TF_LOWER = 1u << 2,    /* first letter lower case */
    TF_GLUED = 1u << 3,    /* no white space between this token and the previous one */
    TF_NEWLINE = 1u << 4,  /* a line break between this token and the previous one */
    TF_PARA = 1u << 5,     /* a blank line (or a forced break: dateline, item) before it */
    TF_ABBREV = 1u << 6,   /* word with its abbreviation/initial full stop(s) (dr., J.F.) */
    TF_SSTART = 1u << 7,   /* first token of its sentence */
    TF_DATELINE = 1u << 8, /* the place of a dateline (MOSKOU in MOSKOU (ANP) -) */
    TF_INVALID = 1u << 9,  /* contains invalid UTF-8 */
    TF_AGENCY = 1u << 10,  /* inside a dateline's agency bracket: (ANP/AFP) names each agency apart */
    TF_SLOT = 1u << 11,    /* `info->word` holds the gazetteer lookup of this one token (lexicon_doc) */
    TF_SETS = 1u << 12,    /* `info->sets` holds the token's relation word sets (lexicon_doc) */
    TF_ROLE = 1u << 13,    /* `info->role` holds the token's role-lexicon entry (lexicon_doc) */
    TF_ROLEWORD = 1u << 14, /* that entry names a role ("premier"; not "oud-premier") */
    TF_OPENS_LOWER = 1u << 15, /* a name may open at the word written in lower case (its record's
                                  gaz_word.opens, lexicon_doc): the matcher's walk reads the record
                                  of a token with it or TF_CAP only */
};

/* What the gazetteer index says about a token's folded form, copied out of the index (its slot:
 * gazetteer.h) so that the token and the worker's lexicon hold it without touching the 20 MB
 * table again. */
#define GAZ_FLAG_BITS 22 /* SLOT_* and WC_* bits (gazetteer.h) */
typedef struct gaz_word {
    uint32_t hits;                     /* first hit of the key, 0 none */
    uint32_t surname;                  /* gaz_slot.surname */
    uint32_t flags : GAZ_FLAG_BITS;    /* SLOT_* and WC_* (gazetteer.h) */
    uint32_t found : 1;                /* 1: the key is in the index; 0: all of the above are 0 */
    uint32_t follows : 1;              /* 1: the word may be a name's token after its first
                                          (GAZ_FOLLOWS of gazetteer_may_follow; the lexicon fills it, also when
                                          found is 0); 0: no span can go on to it */
    uint32_t follows_lower : 1;        /* the same of the names that may start with a lower-case
                                          token (GAZ_FOLLOWS_LOWER of gazetteer_may_follow): 0, no span
                                          opening in lower case ("de", "van") goes on to it */
    uint32_t opens : 2;                /* GAZ_OPENS_* (gazetteer.h): whether a span may open at a
                                          lower-case token of the word (bit 0) and at a
                                          capitalised one (bit 1); the lexicon fills it */
} gaz_word;

/* What the shared resources say of one word type of a document: one record for all the
 * tokens of the same fold (the lexicon stage makes them: lexicon.h), so that a token carries a
 * pointer, not the 28 bytes (a long document has millions of tokens and some ten thousand
 * word types). The worker's lexicon's (lexicon.h), or in the doc's arena. */
/* Bits of feit_wordinfo.rel (and so of feit_token.rel) above relate_match.h's REL_* (bits 0-2),
 * which the lexicon stage sets from the record's word classes: whether the fold is a word of
 * WC_SPORT or WC_SPORTVERB (gazetteer.h), so that names' walk of a sentence for its sport words
 * reads the token's line, not its record's, a line at random per lower-case word. */
enum { REL_WORD_SPORT = 1u << 6, REL_WORD_SPORTVERB = 1u << 7 };

typedef struct feit_wordinfo {
    gaz_word word;            /* the index on the fold (valid with the token's TF_SLOT) */
    uint8_t rel;              /* what the relation stage may pass a token of the record by
                                 (lex_hook.rel: relations/relate_match.h, REL_*), true of
                                 every kind of token the record is filled for; 0: nothing;
                                 and REL_WORD_SPORT*, the record's sport classes (above) */
    uint16_t held;            /* the worker's lexicon's own (lexicon.h): the number of the
                                 document whose tokens it last handed the record to, in what
                                 would be padding; 0 in a record of a document's arena */
    const struct rrole *role; /* role entry of the fold (valid with TF_ROLE), may be NULL */
    uint64_t sets;            /* relation word sets of the word (valid with TF_SETS) */
    uint32_t lang;            /* lang_word_bits of the fold in the document's language (0: in no
                                 list and no LANG_W_SFX_* suffix, or no language): what
                                 coreference and the name finders ask of a token */
    uint16_t tok_flags[2];    /* the TF_* flags the lexicon stage gives a token of this
                                 record: [1] a word token's (TF_SLOT, TF_ROLE, TF_SETS,
                                 TF_ROLEWORD, TF_OPENS_LOWER), [0] another's (TF_SLOT,
                                 TF_OPENS_LOWER: "'s", a number); taken by the kind without
                                 a branch */
} feit_wordinfo;

typedef struct feit_token {
    uint32_t start, end; /* bytes [start, end) of the document text */
    uint16_t kind;       /* tok_kind */
    uint16_t flags;      /* TF_* */
    uint32_t sentence;  /* index of its sentence (sentence_split: every token; not set before) */
    const char *fold; /* NUL-terminated case-folded NFC form (arena) */
    uint32_t fold_len;
    uint32_t hash;      /* hash of fold (match.c uses it to build span keys) */
    int32_t mention;    /* index of the mention that covers this token, or -1 */
    uint8_t rel;        /* its record's rel (feit_wordinfo.rel) as lexicon_doc handed it the
                           record (set with info), in what was padding: the relation stage's
                           walks of a sentence's tokens ask it of every token and so read the
                           token's line only, not the record's, a line at random */
    const feit_wordinfo *info; /* its word type's record (lexicon_doc: every token; not set before) */
} feit_token;

typedef struct feit_sentence {
    uint32_t tok_start, tok_end; /* tokens [tok_start, tok_end) */
    uint32_t start, end;         /* bytes, from the first token's start to the last's end */
} feit_sentence;

/* A mention: the public feit_entity plus where it sits among the tokens. */
typedef struct feit_mention {
    feit_entity e;
    uint32_t tok_start, tok_end; /* tokens [tok_start, tok_end) */
    int32_t entry;               /* gazetteer entry id, -1 for names found by rules */
    char cc[2];                  /* country's two letters when it is two capitals A-Z (as
                                    nearly every code is), else both 0; kept with it by
                                    mention_add, mention_link and mention_set_country
                                    (entities/mention.h), in what was padding: a reader of the
                                    code (setting_doc's votes) reads the mention's line, not
                                    the string's, a line of the gazetteer's pool at random */
    uint8_t minor;               /* 1: the entry is a bulk-list (tier 2) name or a small place
                                    (a city or location, no capital, under a million people),
                                    which a name of the document may take over; else 0. Set
                                    with the entry by mention_add and mention_link (and people's
                                    link) and good for a mention of source FEIT_SRC_GAZETTEER: a
                                    reader (names' and people's `overridable`) tests it, not the
                                    entry, a line at random in 12 MB. In what was padding. */
    const char *country;         /* ISO 3166 alpha-2 of the entity's country, or NULL */
    const char *role;            /* role noun of a person in the gazetteer, or NULL */
    const char *kind;            /* kind of an organisation in the gazetteer ("club"), or NULL */
} feit_mention;

typedef struct feit_doc {
    const char *id;
    const char *text;
    size_t len;

    feit_token *toks;
    size_t ntoks, ctoks;
    feit_sentence *sents;
    size_t nsents, csents;
    feit_mention *ments; /* ordered by start offset after the match stage */
    size_t nments, cments;
    feit_dateline *dls;
    size_t ndls, cdls;
    feit_triple *triples;
    size_t ntriples, ctriples;

    /* Byte offsets where the tokenizer must start a new token and a new sentence (dateline
     * starts on scraped pages: "geledenMEXICO-STAD (ANP) -"). Sorted. */
    uint32_t *breaks;
    size_t nbreaks, cbreaks;

    /* Where a sentence may end (token_split notes them, sentence_split asks only these):
     * ascending token indices, each token with a line break before it and each after a token
     * that may end one: not after a word or a number (unless it took its abbreviation's stop),
     * nor after a mark that is no terminal or closer (token.c's B_END: . ! ? ) ]); after an
     * abbreviation, a quote, a non-ASCII mark, yes. Elsewhere a sentence ends only at the
     * length cut. */
    uint32_t *ends;
    size_t nends, cends;

    /* The document's country when the text implies one (the first dateline's place, or the
     * country most mentioned): relation rules use it, with lower confidence, when a sentence
     * names a role without its country ("premier Dick Schoof"). */
    feit_arg doc_country;
    const char *doc_iso; /* its ISO 3166 alpha-2 code */
    bool has_doc_country;

    const struct feit_lang *lang; /* the language data (core/lang.h): the context's */
    struct relate_trace *trace;   /* `feit explain` only: what the relation stage writes down
                                     (relations/relate.h), else NULL */
    feit_arena arena;
    struct sb_stemmer *stemmer; /* the worker's; used by doc_stem */
    struct stem_cache *stems;   /* the worker's cache of recent stems, or NULL */
    /* the stems doc_stem made for this document (few tokens are asked: a token has no slot
     * of its own): open addressing, token index + 1 -> stem, in the arena; cstemmed a power
     * of two or 0 */
    struct doc_stem_slot *stemmed;
    size_t nstemmed, cstemmed;
    struct lexicon *lex;        /* the worker's per-word cache (lexicon.h), or NULL */
    struct mention_links *links; /* the worker's memo of gazetteer entries' strings (mention.h), or NULL */
} feit_doc;

/* A direct-mapped cache of fold -> stem, kept by a worker across documents: news repeats its
 * words, and Snowball is the costliest call per word. Owned by the worker. */
typedef struct stem_cache stem_cache;
stem_cache *stem_cache_new(void);
void stem_cache_free(stem_cache *c);

/* Growable-array helper: makes room for one more element; returns 0 or FEIT_ENOMEM. */
int doc_grow(void **items, size_t *cap, size_t n, size_t elem);
#define DOC_PUSH(arr, n, cap) \
    (doc_grow((void **)&(arr), &(cap), (n), sizeof *(arr)) ? NULL : &(arr)[(n)++])

void doc_init(feit_doc *d, struct sb_stemmer *stemmer);
void doc_reset(feit_doc *d, const char *id, const char *text, size_t len);
void doc_free(feit_doc *d);

/* Snowball stem of token i (computed on first use, then kept for the document); the fold for
 * non-words. Owned by the document (its arena). */
const char *doc_stem(feit_doc *d, size_t i);

/* Text of token i as written (not NUL-terminated: use with the token's length). */
static inline const char *doc_tok_text(const feit_doc *d, size_t i) { return d->text + d->toks[i].start; }
static inline size_t doc_tok_len(const feit_doc *d, size_t i) { return d->toks[i].end - d->toks[i].start; }

/* The first of the mentions [lo, hi) in sentence sent or later (mentions sorted by position,
 * so by sentence, within the range): a binary search. */
static inline size_t doc_mention_from(const feit_doc *d, size_t lo, size_t hi, uint32_t sent)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ments[mid].e.sentence < sent)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif
