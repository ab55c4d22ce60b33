/*
 * setting.h — where a document is set: its country, when no dateline says it. Domestic news
 * often names no country at all ("asielminister Faber", "de Tweede Kamer", "premier Schoof"):
 * the country most of its people, organisations and places belong to is then the document's
 * country (d->doc_country), which relation rules use for a role without its country (DOC).
 */
#ifndef FEIT_SETTING_H
#define FEIT_SETTING_H

#include "core/doc.h"
#include "entities/gazetteer.h"

/* Votes: every mention with a country in the gazetteer (a country's own mentions too). The
 * country wins with at least SETTING_MIN_VOTES votes and SETTING_SHARE of them. Leaves a
 * dateline's country alone. */
#define SETTING_MIN_VOTES 3
#define SETTING_SHARE 0.6
void setting_doc(const feit_gazetteer *g, feit_doc *d);

/* Makes the country with ISO code iso (when the gazetteer has it) the document's country:
 * d->doc_country and d->doc_iso. The dateline's place (pipeline.c) and the votes use it. */
void setting_country(const feit_gazetteer *g, feit_doc *d, const char *iso);

#endif
