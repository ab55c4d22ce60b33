/*
 * people.h — known people by their surname: "Wilders", "premier Schoof", "president Trump",
 * "bondscoach Koeman", "De Wever" link to the curated person of the gazetteer who bears that
 * surname (form "partial", source "gazetteer"), when one fits: a role before the name, the
 * party, club or country of the person named in the document, and prominence decide between
 * namesakes. A full name earlier in the document wins (the short forms of names.h took those
 * tokens already); when nothing decides, the name stays an unlinked person.
 */
#ifndef FEIT_PEOPLE_H
#define FEIT_PEOPLE_H

#include "core/doc.h"
#include "discourse/discourse.h"
#include "entities/gazetteer.h"

/* Links the surnames of d (after the name stages, before mentions_finish). hook may be NULL (no
 * roles). dt: the tokens of d that names_doc listed (discourse.h; borrowed: its capitalised
 * words). Returns 0 or FEIT_ENOMEM. */
int people_doc(const feit_gazetteer *g, const discourse_hook *hook, feit_doc *d, const discourse_tokens *dt);

#endif
