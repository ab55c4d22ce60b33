/* test_discourse.c — the worker's tables of gazetteer people (discourse.h): discourse_person_slot
 * keeps a person by the entry and its own canonical name, and its first probe is the slot that
 * discourse_person_prefetch asks for (discourse_person_home): people.c prefetches that line for
 * firstname and coref, so a slot looked for elsewhere would make the prefetch a wasted read.
 * Every entry of a fixture gazetteer is put in a fresh table, then asked again. */
#include "discourse/discourse.h"
#include "check.h"

#include "entities/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    feit_error err;
    const feit_lang *lang = check_lang();
    const char *dir[] = {"tests/discourse/gaz"};
    feit_gazetteer *g = lang ? gazetteer_load(dir, 1, lang, NULL, &err) : NULL;
    CHECK(g != NULL);
    if (!g)
        return 1;
    size_t n = gazetteer_size(g);
    CHECK(n > 4);
    /* (a table as discourse_tokens_place makes it: zeroed, empty) */
    discourse_people t = {calloc(DISCOURSE_GENDERS, sizeof(discourse_gender)), 0};
    CHECK(t.slots != NULL);
    if (!t.slots)
        return 1;
    bool found;
    /* nothing to keep: no entry, no name */
    CHECK(discourse_person_slot(g, &t, sizeof(discourse_gender), -1, "x", &found) == NULL && !found);
    CHECK(discourse_person_slot(g, &t, sizeof(discourse_gender), 0, NULL, &found) == NULL && !found);
    int at_home = 0, homes_free = 0, kept = 0, again = 0, other_name = 0;
    for (size_t e = 0; e < n; e++) {
        const char *name = gazetteer_str(g, gazetteer_entry(g, (uint32_t)e)->canonical);
        if (!name)
            continue;
        discourse_gender *home = (discourse_gender *)t.slots + discourse_person_home((int32_t)e);
        bool free_home = !home->key.canonical;
        discourse_gender *s = discourse_person_slot(g, &t, sizeof *s, (int32_t)e, name, &found);
        if (!s || found)
            continue;
        kept++;
        homes_free += free_home;
        at_home += free_home && s == home;
        *s = (discourse_gender){{name, (int32_t)e}, 'm'};
        t.used++;
        /* a copy of the name is not the entry's own string: asked, not kept */
        char copy[256];
        if (strlen(name) < sizeof copy) {
            strcpy(copy, name);
            other_name += discourse_person_slot(g, &t, sizeof *s, (int32_t)e, copy, &found) == NULL && !found;
        } else {
            other_name++;
        }
    }
    CHECK_INT(kept, (int)n);
    CHECK(homes_free > 0);
    CHECK_INT(at_home, homes_free);
    CHECK_INT(other_name, kept);
    for (size_t e = 0; e < n; e++) {
        const char *name = gazetteer_str(g, gazetteer_entry(g, (uint32_t)e)->canonical);
        discourse_gender *s = discourse_person_slot(g, &t, sizeof *s, (int32_t)e, name, &found);
        again += s && found && s->key.entry == (int32_t)e && s->gender == 'm';
    }
    CHECK_INT(again, kept);
    free(t.slots);

    /* placed in a worker's huge-page block: the tables are the block's, zeroed (empty), lines
     * of their own, and discourse_tokens_free leaves them to huge_free */
    feit_huge h;
    CHECK_INT(huge_init(&h), 0);
    discourse_tokens dt = {0};
    CHECK_INT(discourse_tokens_place(&dt, &h), 0);
    CHECK(dt.huge == &h && huge_holds(&h, dt.genders.slots) && huge_holds(&h, dt.firstofs.slots) &&
          huge_holds(&h, dt.firsts) && huge_holds(&h, dt.inhabitants) && huge_holds(&h, dt.pronouns));
    CHECK(((uintptr_t)dt.firstofs.slots & 63) == 0 && ((uintptr_t)dt.firsts & 63) == 0);
    const char *name0 = gazetteer_str(g, gazetteer_entry(g, 0)->canonical);
    discourse_gender *s0 = discourse_person_slot(g, &dt.genders, sizeof *s0, 0, name0, &found);
    CHECK(s0 && !found && (void *)s0 == (void *)((discourse_gender *)dt.genders.slots + discourse_person_home(0)));
    discourse_tokens_free(&dt);
    CHECK(!dt.huge && !dt.genders.slots);
    huge_free(&h);
    gazetteer_free(g);
    return check_failed != 0;
}
