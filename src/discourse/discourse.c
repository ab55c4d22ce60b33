/* discourse.c — the worker's tables of what the discourse stages learnt of gazetteer people. */
#include "discourse/discourse.h"

#include "core/error.h"
#include "entities/gazetteer.h"

#include <string.h>

int discourse_tokens_place(discourse_tokens *t, feit_huge *h)
{
    /* (zeroed, from the block or not: each table starts empty) */
    t->huge = h;
    t->genders.slots = huge_table(h, DISCOURSE_GENDERS * sizeof(discourse_gender));
    t->firstofs.slots = huge_table(h, DISCOURSE_GENDERS * sizeof(discourse_firstof));
    t->firsts = huge_table(h, DISCOURSE_FIRSTS * sizeof *t->firsts);
    t->inhabitants = huge_table(h, DISCOURSE_INHABITANTS * sizeof *t->inhabitants);
    t->pronouns = huge_table(h, DISCOURSE_PRONOUNS * sizeof *t->pronouns);
    if (t->genders.slots && t->firstofs.slots && t->firsts && t->inhabitants && t->pronouns)
        return 0;
    discourse_tokens_free(t);
    return FEIT_ENOMEM;
}

void *discourse_person_slot(const feit_gazetteer *g, discourse_people *t, size_t size, int32_t entry,
                            const char *name, bool *found)
{
    *found = false;
    if (!name || entry < 0)
        return NULL;
    if (t->used >= DISCOURSE_GENDERS / 2) {
        memset(t->slots, 0, DISCOURSE_GENDERS * size);
        t->used = 0;
    }
    const size_t mask = DISCOURSE_GENDERS - 1;
    for (size_t j = discourse_person_home(entry);; j = (j + 1) & mask) {
        discourse_person *p = (discourse_person *)(void *)((char *)t->slots + j * size);
        if (!p->canonical) /* kept only when name is the entry's own string */
            return gazetteer_str(g, gazetteer_entry(g, (uint32_t)entry)->canonical) == name ? p : NULL;
        if (p->entry == entry) {
            *found = p->canonical == name;
            return *found ? p : NULL; /* (another name for the entry: asked, not kept) */
        }
    }
}
