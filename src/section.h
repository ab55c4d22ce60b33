/*
 * section.h — a long document as consecutive sections (docs/architecture.md, "Sections"):
 * where to cut it, and what the output needs of the whole document gathered from the sections'
 * runs: the entities and datelines with their offsets and sentence indices shifted to the whole
 * text, and the triples merged as the relation stage merges them within a document. Internal;
 * pipeline.c runs the stages on each section and hands every section's document here.
 */
#ifndef FEIT_SECTION_H
#define FEIT_SECTION_H

#include "feit.h"

#include "core/doc.h"
#include "entities/names.h"
#include "relations/rules.h"

/* How far back from the section size a cut is looked for, at most: a section is at least
 * size - SECTION_LOOKBACK(size) bytes long (half the size, at most 64 KiB back). */
#define SECTION_LOOKBACK(size) ((size) / 2 < 65536 ? (size) / 2 : 65536)

/* The length of the first section of text[0, len) for a section size (size > 0): len when
 * len <= size, else the last cut point at or before size, searched back at most
 * SECTION_LOOKBACK(size) bytes, in this order of preference: after a blank line (a paragraph
 * break), after a line break, after ". " before an upper-case ASCII letter, after white space;
 * failing all, the last UTF-8 character boundary at or before size (a text without white space
 * is cut inside a word, never inside a character). Always at least 1. */
size_t section_cut(const char *text, size_t len, size_t size);

/* What the sections of one document add up to. Owned by a worker; the arrays and the strings
 * they point at live until the next section_acc_reset. */
typedef struct section_acc section_acc;
section_acc *section_acc_new(void);
void section_acc_free(section_acc *a);
void section_acc_reset(section_acc *a);

/* Adds the result of one section's run (d, whose text starts at byte off of the whole text;
 * its sentence 0 is the whole document's sentence sent_base): its mentions' public entities
 * and its datelines with offsets and sentence indices shifted, their strings copied (interned)
 * into a so that they outlive d's reset; its triples merged with the earlier sections' by the
 * relation stage's index and policy (relations/facts.h): by its key (predicate, time,
 * subject and object by id or by type and name; either order for a symmetric predicate of r);
 * counts add, a strictly higher confidence takes over the spelling of the arguments, rule,
 * sentence and evidence (and the qualifier, when it has one), a missing qualifier is filled.
 * 0 or FEIT_ENOMEM. */
int section_acc_add(section_acc *a, const feit_rules *r, const feit_doc *d, uint32_t off, uint32_t sent_base);

/* Orders the gathered triples by the sentence of their best evidence (as the relation stage
 * orders a document's), ties in the order they were first stated; after the last
 * section_acc_add. 0 or FEIT_ENOMEM. */
int section_acc_finish(section_acc *a);

/* At most this many forms are carried (a bound on a document's memory: some 5 MB; a 10 MB
 * document of news has some 500): when full, a form not carried yet is not added, while those
 * carried still take their latest naming. */
#define SECTION_CARRY_MAX 65536

/* Adds a section's full names (names_carry.out of its run: forms[0, n), in text order) to the
 * names carried to the later sections: one record per (fold, acronym), the latest naming
 * replacing an earlier one's record (up to SECTION_CARRY_MAX records), strings interned into
 * a. 0 or FEIT_ENOMEM. */
int section_acc_carry(section_acc *a, const names_form *forms, size_t n);

/* The names carried so far (for names_carry.in of the next section's run); borrowed from a,
 * valid until the next section_acc_carry or section_acc_reset. */
const names_form *section_acc_carried(const section_acc *a, size_t *n);

/* The gathered records, for feit_result. Borrowed from a. */
const feit_entity *section_acc_entities(const section_acc *a, size_t *n);
const feit_triple *section_acc_triples(const section_acc *a, size_t *n);
const feit_dateline *section_acc_datelines(const section_acc *a, size_t *n);

#endif
