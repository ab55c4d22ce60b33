/*
 * relate.h — rule-based relation extraction: loads the rule set (models/relations.rules and
 * the lexicons it names) and applies it to a document whose tokens, sentences and mentions are
 * filled in, appending triples to doc->triples.
 *
 * Ownership: rules_load returns an owned, immutable object (free with rules_free); it is shared
 * read-only between threads. Strings it hands out (predicates, rule ids, roles) are borrowed and
 * live as long as it.
 */
#ifndef FEIT_RELATE_H
#define FEIT_RELATE_H

#include "core/doc.h"

#include <stdbool.h>

typedef struct feit_rules feit_rules;

/* Loads a rule file (and the lexicons it includes, relative to its directory). On error returns
 * NULL with err->file/line/column set to the offending place. */
feit_rules *rules_load(const char *path, feit_error *err);
void rules_free(feit_rules *r);

/* Role lexicon lookup by case-folded word ("premier", "buitenlandminister", "navo-chef"...):
 * the canonical role noun ("premier", "minister", "leider") or NULL. The name finder (names.c)
 * uses it to find unknown names after a role ("premier X"). */
const char *rules_role(const feit_rules *r, const char *fold);

/* What the rules say of word token i, for the worker's lexicon (lexicon.h): its word sets as
 * bits (false when the rules have 64 sets or more: then they are not given as bits), and the
 * role entry of its folded form (NULL: none). */
bool relate_word_sets(const feit_rules *r, feit_doc *d, size_t i, uint64_t *sets);
const struct rrole *relate_word_role(const feit_rules *r, const char *fold, size_t len);

/* Extracts the document's triples (all sentences), merging repeats of the same fact (best
 * evidence kept, count incremented) and ordering symmetric predicates' arguments in a fixed way.
 * Thread-safe for distinct docs. Returns 0 or FEIT_ENOMEM. */
int relate_doc(const feit_rules *r, feit_doc *d);

#endif
