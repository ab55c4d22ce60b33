/*
 * match.h — finds entity mentions in a tokenised document: the gazetteer (leftmost-longest over
 * tokens, case guards, genitive -s, ALL-CAPS datelines), then names.c's rules for unknown names
 * and in-document coreference. Leaves d->ments sorted by start, each token's `mention` set.
 *
 * Priorities, when one span has several entries: an entry the document already mentioned wins;
 * then the static score (type: country 60 > capital city 58 > organisation 45 > location 35-45
 * > person 40 > other cities 15-50 by population; tier-2 bulk lists -100; adjective and
 * inhabitant forms -3). Longer spans always beat shorter ones.
 */
#ifndef FEIT_MATCH_H
#define FEIT_MATCH_H

#include "core/doc.h"
#include "entities/gazetteer.h"
#include "relations/relate.h"

typedef struct match_scratch match_scratch;

match_scratch *match_scratch_new(void);
void match_scratch_free(match_scratch *s);

/* rules may be NULL (then no role-based names). Returns 0 or FEIT_ENOMEM. */
int match_doc(const feit_gazetteer *g, const feit_rules *rules, match_scratch *s, feit_doc *d);

/* Shared with names.c. */
int match_add(feit_doc *d, const feit_gazetteer *g, size_t tok_start, size_t tok_end, int32_t entry,
              feit_type type, feit_form form, feit_source source, const char *canonical, float confidence);
/* 1 when token i begins a sentence or a quotation (a capital there is no evidence of a name). */
int match_at_start(const feit_doc *d, size_t i);
/* 1 when the folded token is a common lower-case Dutch word. */
int match_is_common(const feit_gazetteer *g, const feit_token *t);
/* What the gazetteer index says of the token's folded form (NULL: not in it), looked up once
 * per token; the pointer is into the token. */
const gaz_word *match_token_slot(const feit_gazetteer *g, const feit_token *t);

/* names.c: unknown names by rule, then in-document short forms (Poetin -> Vladimir Poetin). */
int names_doc(const feit_gazetteer *g, const feit_rules *rules, feit_doc *d);
/* names.c: puts the word classes the rules ask about (WC_*) into a freshly loaded index, and a
 * stamp of those word lists for the compiled gazetteer's stamp. */
int names_mark_words(feit_gazetteer *g);
uint64_t names_words_stamp(void);

#endif
