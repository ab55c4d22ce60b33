/*
 * facts.h — each fact of a document once: an index of triples by predicate, time and arguments
 * that finds the fact a new triple states again, and the policy that merges the repeat into it.
 * One module for both merges: the relation stage's within a document (relate.c) and a long
 * document's across its sections (section.c), so that the two cannot merge differently.
 *
 * The index holds positions in the caller's array of triples, which each call is handed (it may
 * move as it grows). A triple's predicate is its rule set's string (rules.h: one per predicate),
 * so predicates are compared and keyed by address. The index's memory is borrowed from an arena.
 */
#ifndef FEIT_FACTS_H
#define FEIT_FACTS_H

#include "feit.h"

#include "core/arena.h"

#include <stdbool.h>
#include <stdint.h>

/* A triple under one of its keys (up to four: each argument by type and name, and by
 * knowledge-base id when it has one). Chained: heads[key & (nheads - 1)] -> entry + 1 ->
 * next (0: end). An entry whose triple's arguments have changed since is stale: every hit is
 * checked against the triple as it is. */
typedef struct facts_ent {
    uint64_t key;
    uint32_t triple; /* position in the caller's array */
    uint32_t next;   /* entry + 1, or 0 */
} facts_ent;

typedef struct facts_index {
    feit_arena *arena; /* where the index grows (borrowed) */
    uint32_t *heads;
    size_t nheads;
    facts_ent *ents;
    size_t nents, cents;
} facts_index;

/* An empty index whose memory comes from a. An arena_reset of a empties it: init it again. */
void facts_init(facts_index *x, feit_arena *a);

/* Are two arguments the same: by id when both have one, else by type and canonical name. */
bool facts_same_arg(const feit_arg *a, const feit_arg *b);

/* The first triple (lowest position) filed in x stating the fact t states: the same predicate
 * and time, the same subject and object (facts_same_arg), either way round when symmetric;
 * -1 when there is none. ts: the triples x's positions are in. */
int64_t facts_find(const facts_index *x, const feit_triple *ts, const feit_triple *t, bool symmetric);

/* Files ts[i] under every key its arguments give it. 0 or FEIT_ENOMEM. */
int facts_file(facts_index *x, const feit_triple *ts, uint32_t i);

/* Merges t, which states the fact ts[i] states (facts_find), into ts[i]: the counts add; a
 * strictly higher confidence takes over the arguments (their spelling), rule, confidence,
 * sentence and evidence, and the qualifier when t has one (then ts[i] is filed again under
 * the keys of its new spelling); else a missing qualifier is filled from t. t's strings must
 * live as long as ts[i]. Returns 1 when t took over, 0 when not, or FEIT_ENOMEM. */
int facts_merge(facts_index *x, feit_triple *ts, uint32_t i, const feit_triple *t);

#endif
