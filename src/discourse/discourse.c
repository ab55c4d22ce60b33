/* discourse.c — the worker's tables of what the discourse stages learnt of gazetteer people. */
#include "discourse/discourse.h"

#include "entities/gazetteer.h"

#include <string.h>

void discourse_tokens_place(discourse_tokens *t, feit_huge *h)
{
    /* (the block is zeroed: each table starts empty, as a fresh one is emptied) */
    t->huge = h;
    t->genders.slots = huge_alloc(h, DISCOURSE_GENDERS * sizeof(discourse_gender));
    t->firstofs.slots = huge_alloc(h, DISCOURSE_GENDERS * sizeof(discourse_firstof));
    t->firsts = huge_alloc(h, DISCOURSE_FIRSTS * sizeof *t->firsts);
    t->inhabitants = huge_alloc(h, DISCOURSE_INHABITANTS * sizeof *t->inhabitants);
    t->pronouns = huge_alloc(h, DISCOURSE_PRONOUNS * sizeof *t->pronouns);
}

void *discourse_person_slot(const feit_gazetteer *g, discourse_people *t, size_t size, int32_t entry,
                            const char *name, bool *found)
{
    *found = false;
    if (!name || entry < 0)
        return NULL;
    if (!t->slots || t->used >= DISCOURSE_GENDERS / 2) {
        if (!t->slots)
            t->slots = malloc(DISCOURSE_GENDERS * size);
        if (t->slots)
            memset(t->slots, 0, DISCOURSE_GENDERS * size);
        t->used = 0;
    }
    if (!t->slots) /* (without room, each document asks again) */
        return NULL;
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
