/* test_setting.c — setting_doc, the document's country by the votes of its mentions: it reads
 * each mention's code in the mention (feit_mention.cc, set with its country string by
 * mention_set_country), so a mention votes only with a code of two capitals, a dropped one
 * (negative confidence) not at all, and the country wins only with SETTING_MIN_VOTES votes and
 * SETTING_SHARE of them; a dateline's country is left alone. */
#include "discourse/setting.h"
#include "check.h"

#include "entities/gazetteer.h"
#include "entities/mention.h"

#include <string.h>

#define MAX_MENTS 16

/* d's mentions, one a country string of codes (NULL: a mention without a country), with
 * confidence 1 unless dropped[i]; then setting_doc. Returns d->doc_iso (NULL: none chosen). */
static const char *vote(const feit_gazetteer *g, feit_doc *d, feit_mention *ments, const char *const *codes,
                        const int *dropped, size_t n)
{
    memset(d, 0, sizeof *d);
    for (size_t i = 0; i < n; i++) {
        memset(&ments[i], 0, sizeof ments[i]);
        ments[i].e.confidence = dropped && dropped[i] ? -1.0f : 1.0f;
        ments[i].entry = -1;
        mention_set_country(&ments[i], codes[i]);
    }
    d->ments = ments, d->nments = d->cments = n;
    setting_doc(g, d);
    return d->has_doc_country ? d->doc_iso : NULL;
}

int main(void)
{
    feit_error err;
    const feit_lang *lang = check_lang();
    const char *dir[] = {"tests/unit/gaz-match"}; /* (countries RU, US, MX) */
    feit_gazetteer *g = lang ? gazetteer_load(dir, 1, lang, NULL, &err) : NULL;
    CHECK(g != NULL);
    if (!g)
        return 1;
    feit_mention m[MAX_MENTS];
    feit_doc d;

    /* the inline code: two capitals only */
    const char *forms[] = {"RU", "ru", "RUS", "R", "", NULL, "R1", "[U"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        mention_set_country(&m[0], forms[i]);
        CHECK(m[0].country == forms[i]);
        CHECK_INT(m[0].cc[0], i == 0 ? 'R' : 0);
        CHECK_INT(m[0].cc[1], i == 0 ? 'U' : 0);
    }

    /* three of four votes: RU */
    const char *a[] = {"RU", "US", "RU", NULL, "RU"};
    CHECK_STR(vote(g, &d, m, a, NULL, 5), "RU");
    CHECK_STR(d.doc_country.canonical, "Rusland");
    /* two votes are too few */
    CHECK(vote(g, &d, m, a, NULL, 3) == NULL);
    /* a dropped mention does not vote: two of RU left */
    const int drop_one[] = {0, 0, 1, 0, 0};
    CHECK(vote(g, &d, m, a, drop_one, 5) == NULL);
    /* codes that are not two capitals do not vote: RU three of four (60% needed) */
    const char *b[] = {"RU", "ru", "RUS", "MX", "RU", "RU", "", "R"};
    CHECK_STR(vote(g, &d, m, b, NULL, 8), "RU");
    /* three of six is less than the share */
    const char *c[] = {"RU", "US", "RU", "US", "RU", "MX"};
    CHECK(vote(g, &d, m, c, NULL, 6) == NULL);
    /* votes after the winner's: MX three of four */
    const char *e[] = {"US", "MX", "MX", "MX"};
    CHECK_STR(vote(g, &d, m, e, NULL, 4), "MX");
    /* a code the gazetteer has no country for: no country */
    const char *f[] = {"ZZ", "ZZ", "ZZ"};
    CHECK(vote(g, &d, m, f, NULL, 3) == NULL);
    /* a copied link carries the code with the string */
    feit_mention to;
    memset(&to, 0, sizeof to);
    mention_set_country(&m[0], "US");
    mention_copy_link(&to, &m[0]);
    CHECK(to.country == m[0].country && to.cc[0] == 'U' && to.cc[1] == 'S');
    /* a dateline's country is kept */
    vote(g, &d, m, a, NULL, 0);
    setting_country(g, &d, "MX");
    d.ments = m, d.nments = 5;
    for (size_t i = 0; i < 5; i++)
        mention_set_country(&m[i], "RU"), m[i].e.confidence = 1.0f;
    setting_doc(g, &d);
    CHECK_STR(d.doc_iso, "MX");
    gazetteer_free(g);
    CHECK_DONE();
}
