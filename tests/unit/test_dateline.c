/* test_dateline.c — dateline detection: the place span, the agencies, the forced breaks it
 * leaves for the tokenizer, the glued scraped form, dash variants, and brackets in running
 * text that are no datelines. The texts are written for these tests. */
#include "core/lang.h"
#include "check.h"
#include "text/dateline.h"
#include "core/doc.h"
#include "text/sentence.h"
#include "text/token.h"

#include <string.h>

static feit_doc d;
static char sbuf[256];

static void run(const char *text)
{
    doc_reset(&d, "t", text, strlen(text));
    if (dateline_find(&d) || token_split(&d) || sentence_split(&d))
        printf("FAIL %s:%d: out of memory\n", __FILE__, __LINE__);
}

static const char *span(uint32_t a, uint32_t b)
{
    size_t n = b >= a ? b - a : 0;
    if (n >= sizeof sbuf)
        n = sizeof sbuf - 1;
    memcpy(sbuf, d.text + a, n);
    sbuf[n] = 0;
    return sbuf;
}

/* The place of dateline i as written, or "" when there is no such dateline. */
static const char *place(size_t i)
{
    return i < d.ndls ? span(d.dls[i].place_start, d.dls[i].place_end) : "";
}

/* The whole dateline i as written. */
static const char *whole(size_t i)
{
    return i < d.ndls ? span(d.dls[i].start, d.dls[i].end) : "";
}

/* The agencies of dateline i joined with '/'. */
static const char *agencies(size_t i)
{
    static char buf[128];
    size_t o = 0;
    buf[0] = 0;
    if (i >= d.ndls)
        return buf;
    for (uint32_t k = 0; k < d.dls[i].nagencies; k++) {
        size_t n = d.dls[i].agency_end[k] - d.dls[i].agency_start[k];
        if (o + n + 2 >= sizeof buf)
            break;
        if (k)
            buf[o++] = '/';
        memcpy(buf + o, d.text + d.dls[i].agency_start[k], n);
        o += n;
    }
    buf[o] = 0;
    return buf;
}

/* Index of the token starting at byte b, or -1. */
static long tok_at(uint32_t b)
{
    for (size_t i = 0; i < d.ntoks; i++)
        if (d.toks[i].start == b)
            return (long)i;
    return -1;
}

static void simple(void)
{
    run("MOSKOU (ANP/AFP) - De Russische president ontving zijn Chinese ambtgenoot.");
    CHECK_INT(d.ndls, 1);
    CHECK_STR(place(0), "MOSKOU");
    CHECK_STR(agencies(0), "ANP/AFP");
    CHECK_INT(d.dls[0].nagencies, 2);
    CHECK_STR(whole(0), "MOSKOU (ANP/AFP) -");
    CHECK_INT(d.dls[0].start, 0);
    /* the canonical place is left for the matcher */
    CHECK(d.dls[0].place == NULL);
    /* the body starts a new token and sentence right after the dateline */
    long t = tok_at(d.dls[0].end + 1);
    CHECK(t >= 0 && (d.toks[t].flags & TF_SSTART) && d.toks[t].sentence == 1);

    run("DEN HAAG (ANP) - Het kabinet wil meer geld voor defensie.");
    CHECK_INT(d.ndls, 1);
    CHECK_STR(place(0), "DEN HAAG");
    CHECK_STR(agencies(0), "ANP");

    run("FORT LAUDERDALE (ANP) - Een orkaan nadert de kust van Florida.");
    CHECK_STR(place(0), "FORT LAUDERDALE");

    run("AMSTERDAM (AFN) - De beurs opende hoger.");
    CHECK_STR(place(0), "AMSTERDAM");
    CHECK_STR(agencies(0), "AFN");

    run("GENÈVE (ANP/AFP/DPA) - De onderhandelingen zijn hervat.");
    CHECK_STR(place(0), "GEN\xC3\x88VE");
    CHECK_STR(agencies(0), "ANP/AFP/DPA");
    CHECK_INT(d.dls[0].nagencies, 3);

    run("'S-HERTOGENBOSCH (ANP) - De rechtbank deed uitspraak.");
    CHECK_STR(place(0), "'S-HERTOGENBOSCH");

    run("KYIV (ANP / AFP) - Oekraïne meldt nieuwe aanvallen.");
    CHECK_STR(place(0), "KYIV");
    CHECK_STR(agencies(0), "ANP/AFP");
}

static void dashes(void)
{
    run("BRUSSEL (ANP) \xE2\x80\x93 De Europese Commissie presenteert plannen.");
    CHECK_INT(d.ndls, 1);
    CHECK_STR(whole(0), "BRUSSEL (ANP) \xE2\x80\x93");
    run("PARIJS (AFP) \xE2\x80\x94 Macron reageert.");
    CHECK_STR(whole(0), "PARIJS (AFP) \xE2\x80\x94");
    /* a dash at the end of the line */
    run("UTRECHT (ANP) -\nDe treinen rijden weer.");
    CHECK_STR(whole(0), "UTRECHT (ANP) -");
    /* no dash, or a hyphen glued to the next word: no dateline */
    run("ROME (ANP) De paus sprak.");
    CHECK_INT(d.ndls, 0);
    run("ROME (ANP) -De paus sprak.");
    CHECK_INT(d.ndls, 0);
}

static void glued(void)
{
    const char *text = "Vliegtuig neergestort 7 minuten geledenMEXICO-STAD (ANP) - Een aardbeving trof de stad.";
    run(text);
    CHECK_INT(d.ndls, 1);
    CHECK_STR(place(0), "MEXICO-STAD");
    CHECK_STR(whole(0), "MEXICO-STAD (ANP) -");
    /* forced breaks at the dateline's start and end */
    CHECK(d.nbreaks >= 2 && d.breaks[0] == d.dls[0].start && d.breaks[1] == d.dls[0].end);
    /* "geleden" and "MEXICO" are separate tokens, in separate sentences */
    long g = tok_at((uint32_t)(strstr(text, "geleden") - text));
    long m = tok_at(d.dls[0].start);
    CHECK(g >= 0 && d.toks[g].end == d.dls[0].start);
    CHECK(m >= 0 && (d.toks[m].flags & TF_SSTART) && (d.toks[m].flags & TF_PARA));
    CHECK(g >= 0 && m >= 0 && d.toks[g].sentence != d.toks[m].sentence);

    run("1 uur geledenWASHINGTON (ANP) - Congres stemt in.");
    CHECK_STR(place(0), "WASHINGTON");
    /* after a digit (a scraped time stamp) */
    run("Bijgewerkt 12:05TOKIO (ANP) - Japan kiest.");
    CHECK_STR(place(0), "TOKIO");
}

static void pages(void)
{
    /* a news page: several items, each opened by a dateline */
    const char *text = "Meer uit Buitenland\n"
                       "BERLIJN (ANP) - Duitsland levert tanks.\n"
                       "5 minuten geledenLONDEN (ANP/REUTERS) - Het pond daalt.\n"
                       "Het nieuws. NEW YORK (AP) - De VN vergaderen.\n";
    run(text);
    CHECK_INT(d.ndls, 3);
    CHECK_STR(place(0), "BERLIJN");
    CHECK_STR(place(1), "LONDEN");
    CHECK_STR(agencies(1), "ANP/REUTERS");
    CHECK_STR(place(2), "NEW YORK");
    CHECK_STR(agencies(2), "AP");
    /* breaks are sorted and datelines are in text order */
    int sorted = 1;
    for (size_t i = 1; i < d.nbreaks; i++)
        sorted &= d.breaks[i - 1] < d.breaks[i];
    CHECK(sorted);
    CHECK(d.ndls == 3 && d.dls[0].end <= d.dls[1].start && d.dls[1].end <= d.dls[2].start);
}

/* agencies written as names: (Reuters), (ANP/Belga), (Belga/AFP) */
static void mixed_case(void)
{
    run("AMSTERDAM (Reuters) - De beurs daalde.");
    CHECK_INT(d.ndls, 1);
    CHECK_STR(place(0), "AMSTERDAM");
    CHECK_STR(agencies(0), "Reuters");
    run("BRUSSEL (ANP/Belga) - Het regent.");
    CHECK_STR(agencies(0), "ANP/Belga");
    run("GENT (Belga/AFP) - Het regent.");
    CHECK_STR(agencies(0), "Belga/AFP");
    /* a name in brackets after a lower-case word stays running text, and so does a word with
     * a capital inside ("(ReUters)" is no agency) */
    run("Volgens de krant (Reuters) - is dat onjuist.");
    CHECK_INT(d.ndls, 0);
    run("PARIJS (ReUters) - Macron reageert.");
    CHECK_INT(d.ndls, 0);
}

static void not_datelines(void)
{
    run("Een woordvoerder van de partij (VVD) - zegt dat het niet doorgaat.");
    CHECK_INT(d.ndls, 0);
    run("Volgens de NAVO (ANP) - is dat onjuist.");
    CHECK_INT(d.ndls, 0);
    run("De omzet steeg (ABN) - maar de winst daalde.");
    CHECK_INT(d.ndls, 0);
    /* a bracket without a place */
    run("(ANP) - Het kabinet vergadert.");
    CHECK_INT(d.ndls, 0);
    /* one capital letter is no place */
    run("A (ANP) - Het kabinet vergadert.");
    CHECK_INT(d.ndls, 0);
    /* a lower-case place is no dateline */
    run("Moskou (ANP) - Het Kremlin zweeg.");
    CHECK_INT(d.ndls, 0);
    /* an unclosed bracket, an empty one, a long word */
    run("PARIJS (ANP - Macron reageert.");
    CHECK_INT(d.ndls, 0);
    run("PARIJS () - Macron reageert.");
    CHECK_INT(d.ndls, 0);
    run("PARIJS (ABCDEFGHIJKLMNOP) - Macron reageert.");
    CHECK_INT(d.ndls, 0);
    /* the text ends inside the bracket */
    run("PARIJS (AN");
    CHECK_INT(d.ndls, 0);
    run("");
    CHECK_INT(d.ndls, 0);
}

int main(void)
{
    doc_init(&d, NULL);
    d.lang = check_lang();
    simple();
    mixed_case();
    dashes();
    glued();
    pages();
    not_datelines();
    doc_free(&d);
    CHECK_DONE();
}
