/*
 * match.h — finds the gazetteer's names in a tokenised document: leftmost-longest over tokens,
 * case guards, genitive -s, ALL-CAPS datelines. The names the lists lack come after, from
 * names.h; mentions_finish (mention.h) then sorts them all.
 *
 * Priorities, when one span has several entries: an entry the document already mentioned wins;
 * then the static score (gazetteer.c: the type's score from core/types.h, capital and big
 * cities above other cities by population; tier-2 bulk lists -100; adjective and inhabitant
 * forms -3). Longer spans always beat shorter ones.
 */
#ifndef FEIT_MATCH_H
#define FEIT_MATCH_H

#include "core/arena.h"
#include "core/doc.h"
#include "entities/gazetteer.h"

/* Per-worker scratch: the entries the current document has mentioned, and the memo of pairs
 * of words, in h's block (borrowed, core/arena.h; NULL: none) while it has room. */
typedef struct match_scratch match_scratch;

match_scratch *match_scratch_new(feit_huge *h);
void match_scratch_free(match_scratch *s);

/* Appends the gazetteer mentions of every sentence to d->ments (in text order). d has been
 * through lexicon_doc (every token's record, TF_SLOT, is read). Returns 0 or FEIT_ENOMEM. */
int match_doc(const feit_gazetteer *g, match_scratch *s, feit_doc *d);

#endif
