/*
 * sentence.h — the sentence splitter. Works on tokens: a sentence ends at . ! ? ... (with the
 * quotes and brackets that close after them) when the next word does not go on in lower case,
 * at a blank line, at a forced break (dateline, news item), and at a line break unless the line
 * clearly goes on (a word or comma, then a lower-case word). Abbreviations and initials carry
 * their stops inside the token, so "dr. Jansen" and "J.F. Kennedy" never split. A sentence
 * longer than SENTENCE_MAX_TOKENS is cut there, which bounds the work of later stages.
 */
#ifndef FEIT_SENTENCE_H
#define FEIT_SENTENCE_H

#include "core/doc.h"

#define SENTENCE_MAX_TOKENS 400

/* Fills d->sents, sets each token's sentence and TF_SSTART. Returns 0 or FEIT_ENOMEM. */
int sentence_split(feit_doc *d);

#endif
