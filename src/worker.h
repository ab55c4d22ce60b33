/*
 * worker.h — the context and the worker behind feit.h's handles, for the files of the
 * library's top that need their insides (pipeline.c builds and runs them, explain.c reads a
 * worker's document after a run). Internal.
 */
#ifndef FEIT_WORKER_H
#define FEIT_WORKER_H

#include "feit.h"

#include "core/doc.h"
#include "core/lang.h"
#include "discourse/discourse.h"
#include "discourse/gender.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/match.h"
#include "entities/mention.h"
#include "entities/names.h"
#include "relations/rules.h"

struct feit_context {
    feit_lang *lang;
    feit_gazetteer *gaz;
    feit_rules *rules;
    gender_names *genders;   /* first names and their gender, for the pronouns */
    lex_hook hook;           /* what the rules say of a word, for the lexicon stage */
    discourse_hook dhook;    /* ... and of a token, for the discourse stages */
    size_t section_size;     /* feit_options.section_size: longer documents go by sections */
};

struct feit_worker {
    const feit_context *ctx;
    struct sb_stemmer *stemmer;
    stem_cache *stems;
    lexicon *lex;
    mention_links *links;
    match_scratch *match;
    discourse_tokens disc; /* the tokens the discourse stages act at (discourse.h) */
    feit_huge huge;        /* the block of the tables above read at random (core/arena.h):
                              links, match's pair memo, disc's tables of people */
    feit_doc doc;
    feit_entity *ents;
    size_t cents;
    struct section_acc *acc;  /* a long document's records, gathered section by section
                                 (section.h); NULL until the first */
    names_carry carry;        /* a long document's full names, from section to section
                                 (names.h: in is w->acc's, out the worker's array) */
    const char *dateline_iso; /* the country the last run's datelines gave it, or NULL */
    feit_result result;
};

#endif
