/* test_coref.c — descriptions and pronouns (src/discourse/coref.c) on the small fixture list of
 * test_names (tests/unit/gaz-names/) and the Dutch language data (models/nl): the memo of the
 * genders of the canonical names a document asks (NAMES_SEEN slots, direct mapped: a document
 * with more people than slots puts names out and works them out again), and the mentions a
 * description may end in ("de VVD-leider"), which the stage's walk of the mentions lists for
 * find_articles; and the worker's table of what the language says of a pronoun, by its fold.
 * Runs from the repository root. */
#include "check.h"

#include "core/utf8.h"
#include "feit.h"
#include "context.h"
#include "worker.h" /* (the worker's table of pronouns: discourse_tokens.pronouns) */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static feit_worker *w;

/* The pronouns and descriptions found in text, as "word>canonical" joined by "; ". */
static const char *anaphors(const char *text)
{
    static char buf[1 << 16];
    const feit_result *r = feit_process(w, "t", text, strlen(text));
    buf[0] = '\0';
    if (!r)
        return "(failed)";
    for (size_t n = 0, k = 0; n < r->nentities; n++) {
        const feit_entity *e = &r->entities[n];
        if (e->form != FEIT_FORM_PRONOUN && e->form != FEIT_FORM_DESCRIPTION)
            continue;
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s>%s", k ? "; " : "", (int)(e->end - e->start), text + e->start,
                              e->canonical);
    }
    return buf;
}

/* 100 people of one document found by rule, a man and a woman by turns, each followed by a
 * pronoun of their gender: each pronoun stands for the person of the sentence before it (the
 * nearest sentence first), which it fits only when the memo gives each name its own gender
 * (a slot that answered for another name would give a man's to a woman or none), also for a
 * name put out of its slot and asked again (each is asked again by the next two pronouns). */
static void many_people(void)
{
    static char text[1 << 14], want[1 << 16];
    size_t t = 0, k = 0;
    for (int i = 0; i < 100; i++) {
        const char *first = i % 2 ? "Fatima" : "Jan", *pron = i % 2 ? "Zij" : "Hij";
        char name[32];
        snprintf(name, sizeof name, "%s Bos%c%c", first, 'a' + i / 26, 'a' + i % 26);
        t += (size_t)snprintf(text + t, sizeof text - t, "%s%s kwam. %s lachte.", t ? " " : "", name, pron);
        k += (size_t)snprintf(want + k, sizeof want - k, "%s%s>%s", k ? "; " : "", pron, name);
    }
    CHECK_STR(anaphors(text), want);
}

/* A description that ends in a mention ("de nieuwe VVD-leider": an organisation glued to a role
 * noun, the role word too far from the article to find it) opens at the article before the
 * mention, also with mentions before and after it: the person tied to the party in the text
 * ("VVD-leider Jan Bosman"). */
static void head_mentions(void)
{
    CHECK_STR(anaphors("VVD-leider Jan Bosman sprak met Fatima Kooi. Het regende. De nieuwe VVD-leider zweeg. Fatima Kooi niet."),
              "De nieuwe VVD-leider>Jan Bosman");
    CHECK_STR(anaphors("Fatima Kooi van het CDA sprak. VVD-leider Jan Bosman sprak ook. Het CDA zweeg. De nieuwe VVD-leider niet."),
              "De nieuwe VVD-leider>Jan Bosman");
}

/* The worker keeps lang_pronoun's answer by the fold (discourse_tokens.pronouns) for its later
 * documents: a slot is asked (a "zij" written there as a man's pronoun makes it stand for a
 * man), and only for its own fold (a longer fold in the slot is no answer for "zij"). */
static void pronouns_kept(void)
{
    const char *woman = "Fatima Kooi kwam. Zij lachte.", *man = "Jan Bos kwam. Zij lachte.";
    CHECK_STR(anaphors(woman), "Zij>Fatima Kooi");
    CHECK_STR(anaphors(man), "");
    discourse_tokens *dt = &w->disc;
    if (!CHECK(dt->pronouns != NULL))
        return;
    discourse_pronoun *slot = &dt->pronouns[utf8_hash("zij", 3, UTF8_HASH_INIT) % DISCOURSE_PRONOUNS];
    CHECK(slot->len == 3 && !memcmp(slot->fold, "zij", 3) && slot->is && slot->gender == 'f');
    slot->gender = 'm';
    CHECK_STR(anaphors(man), "Zij>Jan Bos");
    memcpy(slot->fold, "zijn", 4), slot->len = 4;
    CHECK_STR(anaphors(woman), "Zij>Fatima Kooi");
    CHECK(slot->len == 3 && slot->gender == 'f'); /* (asked again and kept) */
}

int main(void)
{
    feit_context *ctx = fixture_context("tests/unit/gaz-names", "tests/unit/gaz-names-words.txt");
    if (!ctx)
        return 1;
    w = feit_worker_new(ctx);
    many_people();
    head_mentions();
    pronouns_kept();
    feit_worker_free(w);
    feit_context_free(ctx);
    CHECK_DONE();
}
