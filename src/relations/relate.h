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
 * sets in 64 bits (relate_match.c: as bits with 64 sets or fewer, else as a short list of set
 * numbers; none for a word that fits neither, or past RULES_INDEX_SETS sets). r must outlive
 * the hook. */
lex_hook relate_lex_hook(const feit_rules *r);

/* What the rules say of a token, for the discourse stages (discourse/discourse.h): the role
 * predicate it names. r must outlive the hook. */
discourse_hook relate_discourse_hook(const feit_rules *r);

/* What `feit explain` asks the relation stage to write down (d->trace points at one): every
 * rule that fired, with its bindings; and, for one predicate, the rules that can state it but
 * did not fire in a sentence, with how far their best attempt got. Arrays grow with malloc;
 * relate_trace_free releases them. Strings are the rule set's. */
#define RELATE_TRACE_CAPS 8
typedef struct relate_fired {
    const char *rule;
    uint32_t sentence, start, end; /* tokens [start, end) the pattern matched */
    int ncaps;
    const char *cap_name[RELATE_TRACE_CAPS];
    int32_t cap_mention[RELATE_TRACE_CAPS]; /* mention index, or -1 */
    int32_t cap_token[RELATE_TRACE_CAPS];   /* a role capture's token, or -1 */
    bool suppressed;                        /* a negation cue stopped it */
} relate_fired;

typedef struct relate_miss {
    const char *rule;
    uint32_t sentence;
    uint32_t start, far;   /* the best attempt started at token start and got to token far */
    const char *element;   /* the element tried there, as the rule file writes it */
} relate_miss;

typedef struct relate_trace {
    const char *predicate; /* misses of the rules that can state it, or NULL for none */
    bool unknown_predicate; /* set when the rule set has no such predicate */
    relate_fired *fired;
    size_t nfired, cfired;
    relate_miss *misses;
    size_t nmisses, cmisses;
} relate_trace;

void relate_trace_free(relate_trace *t);

/* Extracts the document's triples (all sentences), merging repeats of the same fact (best
 * evidence kept, count incremented) and ordering symmetric predicates' arguments in a fixed way.
 * Thread-safe for distinct docs. Returns 0 or FEIT_ENOMEM. */
int relate_doc(const feit_rules *r, feit_doc *d);

#endif
