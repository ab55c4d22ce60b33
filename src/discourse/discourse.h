/*
 * discourse.h — what the discourse stages (people.c, coref.c) learn from the stage above them:
 * the relation rules know the role lexicon ("premier", "minister-president" -> premier,
 * "PVV-leider" -> leider). The pipeline passes their answer in as this callback, so this layer
 * never calls the relation layer.
 */
#ifndef FEIT_DISCOURSE_H
#define FEIT_DISCOURSE_H

#include "core/arena.h"
#include "core/doc.h"
#include "core/lang.h"
#include "entities/names.h"

#include <stdlib.h>

typedef struct discourse_hook {
    const void *ctx;
    /* The role predicate token i names, with the glued compound it ends ("minister-president"
     * -> "premier", "NAVO-chef" -> "secretaris-generaal"); NULL when none (also for words that
     * take another person's role, "ambtgenoot"). Borrowed from ctx. */
    const char *(*role)(const void *ctx, const feit_doc *d, size_t i);
} discourse_hook;

/* A word that may open an anaphor (coref.h): a pronoun, an article or a determiner, by the
 * language bits of its record (feit_wordinfo.lang). */
#define DISCOURSE_OPENERS (LANG_W_PRONOUN | 1u << LANG_FN_ARTICLE | 1u << LANG_FN_DETERMINER)
/* A word that ends a description or says there may be one (coref.c: find_articles): a
 * description noun ("land", "spits"), "oud-"/"ex-", the age word of "32-jarige"; with the role
 * words (the lexicon lists a TF_ROLEWORD token in its openers: "premier", "trainer"), the words
 * the articles that may open a description come just before. */
#define DISCOURSE_HEADS (LANG_W_DESCRIPTION | 1u << LANG_FN_FORMER | 1u << LANG_FN_AGE)

/* The tokens of a document that the stages of this layer act at, as token indices in order,
 * listed by the lexicon stage in its walk of every token and narrowed by names_doc
 * (names_tokens, names.h: the worker's lists, which pipeline.c passes both with
 * discourse_lists), so that people_doc, firstname_doc and coref_doc walk lists, not every
 * token again:
 *   lists.caps:  the capitalised words (people, firstname): word tokens with TF_CAP, neither
 *                all capitals nor a dateline's place or agency (TF_ALLCAPS, TF_DATELINE,
 *                TF_AGENCY); about one token in seven;
 *   lists.opens: the pronouns (LANG_W_PRONOUN), the words of DISCOURSE_HEADS and the role
 *                words (TF_ROLEWORD), the indefinites ("iemand": a pronoun after one stands for
 *                it), and the quote marks and paragraph starts (coref follows quotations):
 *                about one token in eighteen. Not the articles (one token in
 *                thirteen, most before a plain word): coref looks for those before the heads.
 * The caller owns it: a worker keeps one across documents (the lists grow and are reused;
 * discourse_tokens_free at the end); zeroed is empty. */
typedef struct discourse_gender discourse_gender;
typedef struct discourse_inhabitant discourse_inhabitant;
typedef struct discourse_first discourse_first;
typedef struct discourse_firstof discourse_firstof;
typedef struct discourse_pronoun discourse_pronoun;
/* A worker's table of gazetteer people (open addressing, DISCOURSE_GENDERS slots that begin with
 * a discourse_person), emptied when half full; slots: discourse_tokens_place's. */
typedef struct discourse_people {
    void *slots;
    size_t used; /* slots in use */
} discourse_people;

typedef struct discourse_tokens {
    names_tokens lists;
    /* With the lists, the worker keeps what coref_doc learnt of the people of the gazetteer
     * across its documents: a person's gender by their entry (coref.c; the same people are
     * in the news day after day). DISCOURSE_GENDERS slots (open addressing), emptied when
     * half full. Valid for one gazetteer,
     * language and first-name list: a worker's context's. */
    discourse_people genders; /* of discourse_gender */
    /* The same of the first names of the people it found by rule (no entry): the gender of a
     * first name, DISCOURSE_FIRSTS slots, emptied as genders is.
     * Valid for one first-name list. */
    discourse_first *firsts;
    size_t nfirsts;
    /* What firstname_doc found of the canonical names of the people of the gazetteer: their
     * first names, by entry (firstname.c; each was a search of the name for its first word
     * and title, and two hashes, per person and document). DISCOURSE_GENDERS slots,
     * emptied as genders is. Valid for one gazetteer and
     * language. */
    discourse_people firstofs; /* of discourse_firstof */
    /* What coref_doc found of the inhabitant nouns ("de Deen": one person, "de Denen": a
     * group): each was up to three probes of the gazetteer's index a plural suffix, at random
     * in a table of tens of MB, for the few words the news uses again and again.
     * DISCOURSE_INHABITANTS slots, direct-mapped by the fold's hash and the entry. Valid for
     * one gazetteer and language. */
    discourse_inhabitant *inhabitants;
    /* What coref_doc learnt of the pronouns (lang_pronoun: a probe of the language's table,
     * once per word type and document before), by the fold: DISCOURSE_PRONOUNS slots,
     * direct-mapped by the fold's hash. Valid for one language. */
    discourse_pronoun *pronouns;
    /* coref_doc's scratch (per sentence, per mention, per token), one block kept for the
     * next document while it is small (SCRATCH_KEEP bytes at most: core/arena.h; a larger one is given
     * back at the stage's end); NULL: none. */
    void *scratch;
    size_t nscratch; /* its size in bytes */
    /* The worker's huge-page block (core/arena.h) that discourse_tokens_place put the tables
     * above in while it had room (borrowed; NULL: none). */
    const feit_huge *huge;
} discourse_tokens;

#define DISCOURSE_GENDERS 4096
#define DISCOURSE_FIRSTS 1024
#define DISCOURSE_INHABITANTS 64
#define DISCOURSE_PRONOUNS 64

/* What the worker's tables of gazetteer people (genders, firstofs) are keyed by, the first
 * member of their slots: gazetteer entry `entry` and canonical, that entry's own canonical name
 * (borrowed from the gazetteer's pool, so compared by pointer; NULL: an empty slot). */
typedef struct discourse_person {
    const char *canonical;
    int32_t entry;
} discourse_person;

/* A slot of discourse_tokens.genders: the gender ('m', 'f', '-' unknown) of the person. */
struct discourse_gender {
    discourse_person key;
    char gender;
};

/* A slot of discourse_tokens.firstofs: the first name of the person's canonical name as
 * firstname.c finds it (first: inside key.canonical, len bytes; NULL: none), its first byte
 * (lead: firstname's filter of first bytes asks it of every person of a document, and the
 * name's own byte is a line of the gazetteer's pool read at random), and the bits of
 * firstname's filter it sets (bits; all: it fills the filter). */
struct discourse_firstof {
    discourse_person key;
    const char *first;
    uint16_t len;
    uint16_t bits[2];
    bool all;
    unsigned char lead;
};

/* A slot of discourse_tokens.inhabitants: the fold of an inhabitant noun (NUL-padded; "" an
 * empty slot) of the country of gazetteer entry `entry`, and whether it names one person. */
struct discourse_inhabitant {
    char fold[43];
    bool one;
    int32_t entry;
};

/* A slot of discourse_tokens.pronouns: a pronoun's fold (len bytes, NUL-padded; len 0: an empty
 * slot) and what lang_pronoun says of it (is, gender, flags). */
struct discourse_pronoun {
    char fold[15];
    uint8_t len;
    unsigned flags;
    char gender;
    bool is;
};

/* A slot of discourse_tokens.firsts: a first name as a person's name opens (its bytes up to the
 * first space, NUL-padded; "" an empty slot) and the gender gender_of_person gives a name of
 * two words or more that opens so ('m', 'f', '-' unknown). */
struct discourse_first {
    char name[23];
    char gender;
};

/* The slot of the person of gazetteer entry `entry` named `name` in table t, whose slots are
 * `size` bytes. *found says whether the slot holds the person already; when it does not, the
 * slot is empty and the caller fills it (key and value) and counts it in t->used. NULL: nothing
 * to keep (no name or entry, another name for the entry, a name that is not the entry's own
 * string): the caller works the answer out and keeps it nowhere. */
void *discourse_person_slot(const feit_gazetteer *g, discourse_people *t, size_t size, int32_t entry,
                            const char *name, bool *found);

/* Where discourse_person_slot looks first for entry (a slot's index in a table of
 * DISCOURSE_GENDERS). */
static inline size_t discourse_person_home(int32_t entry) { return ((uint32_t)entry * 2654435761u) & (DISCOURSE_GENDERS - 1); }

/* Asks for the line of that slot of entry in t (of slots `size` bytes) ahead of
 * discourse_person_slot: the table is read once per person and document, at random, and its
 * lines are mostly out of the caches by the next document (perf: the slot's first load was
 * nine tenths of discourse_person_slot's samples). entry is one (>= 0). */
static inline void discourse_person_prefetch(const discourse_people *t, size_t size, int32_t entry)
{
    __builtin_prefetch((const char *)t->slots + discourse_person_home(entry) * size);
}

/* t's lists, for lexicon_doc and names_doc to fill: the openers are this layer's pronouns,
 * DISCOURSE_HEADS and the indefinites (and the lexicon's role words). */
static inline names_tokens *discourse_lists(discourse_tokens *t)
{
    t->lists.open_bits = LANG_W_PRONOUN | DISCOURSE_HEADS | 1u << LANG_FN_INDEFINITE;
    return &t->lists;
}

/* Makes the empty tables of the empty t (people, first names, inhabitant nouns, pronouns), in
 * h's block (borrowed; t keeps it; NULL: none) while it has room, else in memory of their own
 * (huge_table): each is read at random a few times a document, the person tables mostly a line
 * out of cache whose page was out of the TLB too (perf: nine tenths of discourse_person_slot's
 * samples on the slot's first load), and in the block they share one huge page with the
 * worker's other such tables. The discourse stages need them: 0, or FEIT_ENOMEM (t is then
 * empty). */
int discourse_tokens_place(discourse_tokens *t, feit_huge *h);

/* Frees the lists and the tables of t (not t; not those in its block); t is empty after it. */
static inline void discourse_tokens_free(discourse_tokens *t)
{
    void *tables[] = {t->genders.slots, t->firsts, t->firstofs.slots, t->inhabitants, t->pronouns};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        huge_table_free(t->huge, tables[i]);
    free(t->lists.caps), free(t->lists.opens), free(t->lists.scratch), free(t->scratch);
    *t = (discourse_tokens){0};
}

#endif
