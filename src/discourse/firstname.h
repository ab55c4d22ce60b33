/*
 * firstname.h — a first name alone ("Greta", "Wout", also inside a quotation and with a
 * genitive: "Greta's") as the short form of a person named in full earlier in the document
 * ("Greta Thunberg", "Wout van Aert"; past a title: "Koning Charles" ... "Charles"). It becomes
 * a mention of that person: source "coref", form "partial", the person's canonical name, id,
 * country and role, and `antecedent`, the byte offset where the person is named.
 *
 * Only when exactly one person named before it bears that first name (two Jans: nothing), the
 * word is not followed by another capitalised word or glued into a compound ("Greta Gerwig",
 * "Greta-effect": nothing), is not part of a longer capitalised run nor of a list of
 * capitalised words ("Mohammed, Jezus, Gandhi"), and either is a listed first name (the
 * gazetteer's first-name list) or the person is a gazetteer entry and the word no common word.
 * A word no mention holds is taken, and a one-word person a rule found with no entry
 * ("activiste Greta").
 */
#ifndef FEIT_FIRSTNAME_H
#define FEIT_FIRSTNAME_H

#include "core/doc.h"
#include "discourse/discourse.h"
#include "entities/gazetteer.h"

/* Resolves the lone first names of d (after mentions_finish: mentions sorted) and sorts the
 * mentions again when it added any. dt: the tokens of d that names_doc listed (borrowed; its
 * capitalised words) and the worker's table of the first names of gazetteer people, which this
 * stage fills and asks first (discourse.h; one worker's dt is for one g and language). Returns
 * 0 or FEIT_ENOMEM. */
int firstname_doc(const feit_gazetteer *g, feit_doc *d, discourse_tokens *dt);

#endif
