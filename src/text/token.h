/*
 * token.h — the tokenizer for news text (Dutch: its abbreviations and quotes are d->lang's). Splits a document into tokens with byte offsets into
 * the original text (invalid UTF-8 and NUL bytes included: they never shift offsets).
 *
 * Kept whole: abbreviations with their full stops (o.a., dr., m.b.t.), initials (J.F.),
 * numbers and scores (3,5  10.35  1.000  2-1), apostrophe words (zo'n, Xi's, 's), URLs,
 * e-mail addresses, @handles. Split into glued parts (TF_GLUED, no space between): hyphenated
 * compounds (NAVO-chef -> NAVO - chef), so the gazetteer can still match Mexico-Stad over the
 * parts while NAVO stays addressable. Every quote style is its own token.
 */
#ifndef FEIT_TOKEN_H
#define FEIT_TOKEN_H

#include "core/doc.h"

/* Tokenizes d->text into d->toks, honouring d->breaks (forced token+sentence starts).
 * Returns 0 or FEIT_ENOMEM. */
int token_split(feit_doc *d);

#endif
