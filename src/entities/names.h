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

/* Adds the names it finds to d->ments (mentions the gazetteer matcher made may be taken over:
 * their confidence is set negative; mentions_finish drops them). Reads the word classes of
 * the gazetteer index (names_mark_words) and each token's TF_ROLEWORD (the lexicon stage).
 * Returns 0 or FEIT_ENOMEM. */
int names_doc(const feit_gazetteer *g, feit_doc *d);

#endif
