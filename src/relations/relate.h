/*
 * relate.h — rule-based relation extraction: applies a loaded rule set (rules.h) to a document
 * whose tokens, sentences and mentions are filled in, appending triples to doc->triples.
 * Strings it hands out (predicates, rule ids, roles) are borrowed from the rule set.
 */
#ifndef FEIT_RELATE_H
#define FEIT_RELATE_H

#include "core/doc.h"
#include "discourse/discourse.h"
#include "entities/lexicon.h"

#include <stdbool.h>

typedef struct feit_rules feit_rules; /* rules.h */

/* What the rules say of a word, for the worker's lexicon (entities/lexicon.h): the role entry
 * of its folded form, whether that names a role (the name finders' "premier X"), and its word
 * sets as bits (none when the rules have 64 sets or more). r must outlive the hook. */
lex_hook relate_lex_hook(const feit_rules *r);

/* What the rules say of a token, for the discourse stages (discourse/discourse.h): the role
 * predicate it names. r must outlive the hook. */
discourse_hook relate_discourse_hook(const feit_rules *r);

/* Extracts the document's triples (all sentences), merging repeats of the same fact (best
 * evidence kept, count incremented) and ordering symmetric predicates' arguments in a fixed way.
 * Thread-safe for distinct docs. Returns 0 or FEIT_ENOMEM. */
int relate_doc(const feit_rules *r, feit_doc *d);

#endif
