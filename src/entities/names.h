/*
 * names.h — names the gazetteer does not list, found by their shape and context (source
 * "rule"), and short forms of names the document gives in full (source "coref", form
 * "partial"): the stage after the gazetteer matcher (match.h). The order of its rules and
 * their confidences are documented at the top of names.c.
 */
#ifndef FEIT_NAMES_H
#define FEIT_NAMES_H

#include "core/doc.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"

/* A full name that lends short forms (rule 2 of names.c): the form (a person's last word as
 * folded, an organisation's acronym of its capitalised words) and what a short form takes of
 * the full name. Strings borrowed from whoever made the record. */
typedef struct names_form {
    const char *fold;
    uint32_t len;
    int acronym;              /* an acronym (CBO) is matched only by an all-caps token */
    feit_type type;
    int32_t entry;            /* gazetteer entry, -1 for a name found by rule */
    const char *canonical, *kb, *country, *role;
} names_form;

/* The full names of a long document's earlier sections, carried to the later ones
 * (docs/architecture.md, "Sections"; pipeline.c fills it from section.h's accumulator).
 * in[0, nin): the earlier sections' forms, each (fold, acronym) once, with its latest naming;
 * read only, borrowed for the call. A short form of the run with no full name before it in its
 * own text takes the carried one, as it would take the latest naming before it in the whole
 * document; one with none carried takes the first after it, as before. out: set by names_doc
 * to this run's full names (their forms, in text order, the latest last; out is names_doc's
 * array, grown as needed and freed by names_carry_free; its strings are the run's, d's arena
 * and tokens: to be copied before d is reset). */
typedef struct names_carry {
    const names_form *in;
    size_t nin;
    names_form *out;
    size_t nout, cout;
} names_carry;

void names_carry_free(names_carry *c);

/* The tokens the stages after this one act at (the discourse layer's, discourse.h): the
 * lexicon stage's lists (lexicon.h: lex_lists, made in its walk of every token, so that no
 * later stage walks them all again), with caps narrowed by names_doc to the capitalised
 * words that are neither all capitals nor a dateline's place or agency (TF_ALLCAPS,
 * TF_DATELINE, TF_AGENCY). */
typedef lex_lists names_tokens;

/* Adds the names it finds to d->ments (mentions the gazetteer matcher made may be taken over:
 * their confidence is set negative; mentions_finish drops them). Reads the word classes of
 * the gazetteer index (names_mark_words) and each token's TF_ROLEWORD (the lexicon stage).
 * carry: NULL for a document run whole (the short forms know only its own full names), else
 * the section's in and out (above). lists: the lists lexicon_doc made for d (caps
 * narrowed here). Returns 0 or FEIT_ENOMEM. */
int names_doc(const feit_gazetteer *g, feit_doc *d, names_carry *carry, names_tokens *lists);

#endif
