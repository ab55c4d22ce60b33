/*
 * dateline.h — finds news datelines in raw text: `MOSKOU (ANP/AFP) -`, `DEN HAAG (ANP) -`,
 * `FORT LAUDERDALE (ANP) -`, also when a scraped page glued the previous item's age stamp to
 * it (`7 minuten geledenMEXICO-STAD (ANP) -`). Runs before the tokenizer: each dateline adds
 * forced breaks at its start and end, so it is a sentence of its own and no sentence runs
 * across two news items.
 */
#ifndef FEIT_DATELINE_H
#define FEIT_DATELINE_H

#include "core/doc.h"

/* Fills d->dls (spans only; place canonical names are set after matching) and d->breaks.
 * Returns 0 or FEIT_ENOMEM. */
int dateline_find(feit_doc *d);

#endif
