/*
 * discourse.h — what the discourse stages (people.c, coref.c) learn from the stage above them:
 * the relation rules know the role lexicon ("premier", "minister-president" -> premier,
 * "PVV-leider" -> leider). The pipeline passes their answer in as this callback, so this layer
 * never calls the relation layer.
 */
#ifndef FEIT_DISCOURSE_H
#define FEIT_DISCOURSE_H

#include "core/doc.h"
#include "core/lang.h"

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

/* The tokens of a document that the stages of this layer act at, as token indices in order,
 * listed by people_doc in the one walk of every token, so that firstname_doc and coref_doc
 * walk lists, not every token again:
 *   caps:  the capitalised words (people, firstname): word tokens with TF_CAP, neither all
 *          capitals nor a dateline's place or agency (TF_ALLCAPS, TF_DATELINE, TF_AGENCY);
 *          about one token in seven;
 *   opens: the tokens whose record has a DISCOURSE_OPENERS bit, and the quote marks and
 *          paragraph starts (coref follows quotations): about one token in nine.
 * The caller owns it: a worker keeps one across documents (the lists grow and are reused;
 * discourse_tokens_free at the end); zeroed is empty. */
typedef struct discourse_gender discourse_gender;
typedef struct discourse_tokens {
    uint32_t *caps;
    size_t ncaps, ccaps;
    uint32_t *opens;
    size_t nopens, copens;
    /* With the lists, the worker keeps what coref_doc learnt of the people of the gazetteer
     * across its documents: a person's gender by their entry (coref.c; the same people are
     * in the news day after day). DISCOURSE_GENDERS slots (open addressing), allocated at
     * the first use and emptied when half full; NULL: none yet. Valid for one gazetteer,
     * language and first-name list: a worker's context's. */
    discourse_gender *genders;
    size_t ngenders; /* slots in use */
} discourse_tokens;

#define DISCOURSE_GENDERS 4096

/* A slot of discourse_tokens.genders: the gender ('m', 'f', '-' unknown) of the person of
 * gazetteer entry `entry`, by canonical, that entry's canonical name (borrowed from the
 * gazetteer's pool; NULL: an empty slot). */
struct discourse_gender {
    const char *canonical;
    int32_t entry;
    char gender;
};

/* Frees the lists and the table of t (not t); t is empty after it. */
static inline void discourse_tokens_free(discourse_tokens *t)
{
    free(t->caps), free(t->opens), free(t->genders);
    *t = (discourse_tokens){0};
}

#endif
