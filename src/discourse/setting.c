/* setting.c — the document's country by the votes of its mentions (see setting.h). */
#include "discourse/setting.h"

#include <stdint.h>

void setting_doc(const feit_gazetteer *g, feit_doc *d)
{
    if (d->has_doc_country)
        return;
    /* ISO codes are two capitals: a 26 x 26 table of votes, of which a count is set to zero
     * when its code first votes (a bit a code): clearing the 2.7 KB table was most of the
     * stage for a document with few places */
    unsigned votes[26 * 26];
    uint64_t voted[(26 * 26 + 63) / 64] = {0};
    unsigned total = 0;
    /* the most votes, and the first code in the table's order that has them, kept as the
     * votes come in (a walk of the 676 counts per document was most of the stage) */
    unsigned best = 0;
    int at = -1;
    /* (a mention's code from its own line, cc: the string `country` points at is a line of
     * the gazetteer's pool at random, on whose first byte perf put 43% of the stage's time) */
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *x = &d->ments[m];
        if (x->e.confidence < 0 || !x->cc[0])
            continue;
        int v = (x->cc[0] - 'A') * 26 + (x->cc[1] - 'A');
        if (!((voted[v / 64] >> (v % 64)) & 1)) {
            voted[v / 64] |= 1ull << (v % 64);
            votes[v] = 0;
        }
        votes[v]++;
        total++;
        if (votes[v] > best || (votes[v] == best && v < at))
            best = votes[v], at = v;
    }
    if (at < 0 || best < SETTING_MIN_VOTES || (double)best < SETTING_SHARE * total)
        return;
    char iso[3] = {(char)('A' + at / 26), (char)('A' + at % 26), '\0'};
    setting_country(g, d, iso);
}

void setting_country(const feit_gazetteer *g, feit_doc *d, const char *iso)
{
    int32_t c = gazetteer_country(g, iso);
    if (c < 0)
        return;
    const gaz_entry *en = gazetteer_entry(g, (uint32_t)c);
    d->doc_country.canonical = gazetteer_str(g, en->canonical);
    d->doc_country.kb = gazetteer_str(g, en->kb);
    d->doc_country.type = FEIT_COUNTRY;
    d->doc_iso = gazetteer_str(g, en->iso);
    d->has_doc_country = true;
}
