/* test_section.c — where a long document is cut into sections (section_cut: the preferred cut
 * points in order, the bounded look-back, never inside a UTF-8 character, never an empty
 * section) and how the sections' records add up (section_acc: offsets and sentences shifted,
 * strings kept past the section's reset, triples merged as the relation stage merges them). */
#include "check.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

/* a text of n bytes of c with s written at byte at */
static char *text_with(size_t n, char c, size_t at, const char *s)
{
    char *t = malloc(n + 1);
    memset(t, c, n);
    t[n] = '\0';
    if (s)
        memcpy(t + at, s, strlen(s));
    return t;
}

static int continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

static void test_cut_points(void)
{
    CHECK_INT(section_cut("kort", 4, 100), 4);
    CHECK_INT(section_cut("kort", 4, 0), 4);
    /* a blank line wins over a later line break and later spaces */
    char *t = text_with(3000, 'x', 600, "a.\n\nB");
    memcpy(t + 900, "c\nD e f", 7);
    CHECK_INT(section_cut(t, 3000, 1000), 604);
    /* a blank line with white space on it, CRLF */
    memcpy(t + 600, "a.\r\n \t\r\nB", 9);
    CHECK_INT(section_cut(t, 3000, 1000), 608);
    free(t);
    /* no blank line: the last line break */
    t = text_with(3000, 'x', 700, "a\nb");
    memcpy(t + 800, "c\nd e", 5);
    CHECK_INT(section_cut(t, 3000, 1000), 802);
    free(t);
    /* no line break: after ". " before a capital, not after a later plain space */
    t = text_with(3000, 'x', 700, "zo. De");
    memcpy(t + 900, "en. de z", 8);
    CHECK_INT(section_cut(t, 3000, 1000), 704);
    free(t);
    /* only spaces: the last one at or before the size */
    t = text_with(3000, 'x', 990, " ");
    memcpy(t + 1001, " ", 1);
    CHECK_INT(section_cut(t, 3000, 1000), 991);
    /* a cut right at the size: text[0, size) ends with the space */
    t[999] = ' ';
    CHECK_INT(section_cut(t, 3000, 1000), 1000);
    free(t);
    /* the look-back is bounded: a blank line further back than half the size is not taken */
    t = text_with(3000, 'x', 100, "\n\n");
    memcpy(t + 800, " ", 1);
    CHECK_INT(section_cut(t, 3000, 1000), 801);
    free(t);
}

static void test_cut_characters(void)
{
    /* no white space at all: "ï" (2 bytes) over and over, an odd size falls inside one */
    size_t n = 5000;
    char *t = malloc(n);
    for (size_t i = 0; i < n; i += 2)
        t[i] = (char)0xC3, t[i + 1] = (char)0xAF;
    size_t c = section_cut(t, n, 1001);
    CHECK_INT(c, 1000);
    CHECK(!continuation((unsigned char)t[c]));
    /* four-byte characters, every size from 5 to 40: each cut before a lead byte, at most the
     * size, never empty; cutting the whole text loses and repeats no byte */
    for (size_t i = 0; i + 4 <= n; i += 4)
        memcpy(t + i, "\xF0\x9F\x98\x80", 4);
    int bad = 0;
    for (size_t size = 5; size <= 40; size++) {
        size_t off = 0, total = 0;
        while (off < n) {
            size_t k = section_cut(t + off, n - off, size);
            if (k == 0 || k > size || (off + k < n && continuation((unsigned char)t[off + k])))
                bad++;
            total += k ? k : n; /* (a 0 would loop) */
            off += k ? k : n;
        }
        bad += total != n;
    }
    CHECK_INT(bad, 0);
    /* invalid UTF-8 (continuation bytes only) is cut at the size: progress, no empty section */
    memset(t, 0x80, n);
    CHECK_INT(section_cut(t, n, 10), 10);
    free(t);
    /* "Oekraïne" across the size: cut at the space before it, the name whole in the next */
    t = text_with(2000, 'x', 990, " Oekra\xC3\xAFne ");
    c = section_cut(t, 2000, 997); /* byte 996 is the 0xC3 of ï */
    CHECK_INT(c, 991);
    CHECK(!memcmp(t + c, "Oekra\xC3\xAFne", 9));
    free(t);
}

/* a doc of one section with the given mentions and triples (only what section_acc_add reads) */
static void test_gather(void)
{
    section_acc *a = section_acc_new();
    CHECK(a != NULL);
    char name[32], qual[32];
    feit_mention m[2];
    memset(m, 0, sizeof m);
    feit_triple t[2];
    memset(t, 0, sizeof t);
    feit_doc d;
    memset(&d, 0, sizeof d);
    d.ments = m, d.triples = t;

    /* section 0: a name found by a rule (its string in the section's arena: here name[]) and a
     * fact with a qualifier-less statement */
    strcpy(name, "Jan Modaal");
    m[0].e = (feit_entity){.start = 5, .end = 15, .sentence = 1, .type = FEIT_PERSON, .canonical = name, .antecedent = -1};
    m[1].e = (feit_entity){.start = 30, .end = 32, .sentence = 2, .type = FEIT_PERSON, .form = FEIT_FORM_PRONOUN,
                           .canonical = name, .antecedent = 5};
    d.nments = 2;
    t[0] = (feit_triple){.subject = {name, NULL, FEIT_PERSON}, .object = {"Ajax", "Q81888", FEIT_ORGANISATION},
                         .predicate = "speler", .rule = "r1", .confidence = 0.6f, .sentence = 1, .ev_start = 0, .ev_end = 20,
                         .count = 2, .time = FEIT_TIME_CURRENT};
    d.ntriples = 1;
    CHECK_INT(section_acc_add(a, NULL, &d, 0, 0), 0);

    /* section 1 at byte 1000, sentence 40: the section's strings are gone (overwritten); the
     * same fact with a higher confidence, the object spelt otherwise but with the same id, and a
     * qualifier; and the same pair at another time (not the same fact) */
    strcpy(name, "overschreven");
    char name2[32];
    strcpy(name2, "Jan Modaal");
    strcpy(qual, "aanvaller");
    m[0].e = (feit_entity){.start = 10, .end = 20, .sentence = 3, .type = FEIT_PERSON, .canonical = name2, .antecedent = -1};
    d.nments = 1;
    t[0] = (feit_triple){.subject = {name2, NULL, FEIT_PERSON}, .object = {"AFC Ajax", "Q81888", FEIT_ORGANISATION},
                         .predicate = "speler", .rule = "r2", .qualifier = qual, .confidence = 0.8f, .sentence = 3,
                         .ev_start = 8, .ev_end = 60, .count = 1, .time = FEIT_TIME_CURRENT};
    t[1] = t[0];
    t[1].time = FEIT_TIME_FORMER;
    t[1].sentence = 0, t[1].ev_start = 0;
    d.ntriples = 2;
    CHECK_INT(section_acc_add(a, NULL, &d, 1000, 40), 0);
    strcpy(name2, "weg");
    strcpy(qual, "weg");
    CHECK_INT(section_acc_finish(a), 0);

    size_t ne, nt, nd;
    const feit_entity *e = section_acc_entities(a, &ne);
    const feit_triple *tr = section_acc_triples(a, &nt);
    section_acc_datelines(a, &nd);
    CHECK_INT(ne, 3);
    CHECK_INT(nd, 0);
    if (ne == 3) {
        CHECK_STR(e[0].canonical, "Jan Modaal");
        CHECK_INT(e[0].start, 5);
        CHECK_INT(e[1].antecedent, 5);
        CHECK_INT(e[2].start, 1010);
        CHECK_INT(e[2].end, 1020);
        CHECK_INT(e[2].sentence, 43);
        CHECK_STR(e[2].canonical, "Jan Modaal");
        CHECK(e[0].canonical == e[2].canonical); /* interned: one copy */
    }
    CHECK_INT(nt, 2);
    if (nt == 2) {
        /* ordered by sentence: the former fact (sentence 40) before the merged one (43) */
        CHECK_INT(tr[0].time, FEIT_TIME_FORMER);
        CHECK_INT(tr[0].sentence, 40);
        CHECK_INT(tr[1].count, 3);
        CHECK_STR(tr[1].rule, "r2");
        CHECK_STR(tr[1].object.canonical, "AFC Ajax");
        CHECK_STR(tr[1].subject.canonical, "Jan Modaal");
        CHECK_STR(tr[1].qualifier, "aanvaller");
        CHECK_INT(tr[1].sentence, 43);
        CHECK_INT(tr[1].ev_start, 1008);
        CHECK_INT(tr[1].ev_end, 1060);
    }

    /* a lower confidence adds its count, fills a missing qualifier, takes over nothing else */
    section_acc_reset(a);
    CHECK_INT(section_acc_entities(a, &ne) == NULL || ne == 0, 1);
    d.nments = 0;
    t[0] = (feit_triple){.subject = {"A", NULL, FEIT_PERSON}, .object = {"B", NULL, FEIT_COUNTRY}, .predicate = "minister",
                         .rule = "hoog", .confidence = 0.9f, .sentence = 0, .count = 1};
    d.ntriples = 1;
    CHECK_INT(section_acc_add(a, NULL, &d, 0, 0), 0);
    t[0].rule = "laag", t[0].confidence = 0.5f, t[0].qualifier = "Defensie";
    /* the same name but of another type is another argument */
    t[1] = t[0];
    t[1].object.type = FEIT_CITY;
    d.ntriples = 2;
    CHECK_INT(section_acc_add(a, NULL, &d, 100, 5), 0);
    CHECK_INT(section_acc_finish(a), 0);
    tr = section_acc_triples(a, &nt);
    CHECK_INT(nt, 2);
    if (nt == 2) {
        CHECK_INT(tr[0].count, 2);
        CHECK_STR(tr[0].rule, "hoog");
        CHECK_STR(tr[0].qualifier, "Defensie");
        CHECK_INT(tr[0].sentence, 0);
        CHECK_INT(tr[1].object.type, FEIT_CITY);
    }
    section_acc_free(a);
}

/* the full names carried from section to section (section_acc_carry) */
static void test_carry(void)
{
    section_acc *a = section_acc_new();
    CHECK(a != NULL);
    size_t n;
    CHECK_INT(section_acc_carried(a, &n) == NULL || n == 0, 1);
    /* section 0: Dante Brogno, then the CBO (an acronym of the same letters as no surname) and
     * a surname "cbo"; the strings are the section's (overwritten after the call) */
    char fold[16], canon[32], canon2[32];
    strcpy(fold, "brogno"), strcpy(canon, "Dante Brogno");
    names_form f[3] = {
        {fold, 6, 0, FEIT_PERSON, -1, canon, NULL, "BE", NULL},
        {"cbo", 3, 1, FEIT_ORGANISATION, 7, "Congressional Budget Office", "Q1", "US", NULL},
        {"cbo", 3, 0, FEIT_PERSON, -1, "Jan Cbo", NULL, NULL, NULL},
    };
    CHECK_INT(section_acc_carry(a, f, 3), 0);
    strcpy(fold, "xxxxxx"), strcpy(canon, "overschreven");
    /* section 1: Toni Brogno, named after Dante: the latest naming replaces the record */
    strcpy(canon2, "Toni Brogno");
    names_form g = {"brogno", 6, 0, FEIT_PERSON, 12, canon2, "Q2", NULL, "wethouder"};
    CHECK_INT(section_acc_carry(a, &g, 1), 0);
    strcpy(canon2, "weg");
    const names_form *c = section_acc_carried(a, &n);
    CHECK_INT(n, 3);
    int brogno = 0, acro = 0, surname = 0;
    for (size_t k = 0; k < n; k++) {
        if (c[k].len == 6 && !memcmp(c[k].fold, "brogno", 6)) {
            brogno++;
            CHECK_STR(c[k].canonical, "Toni Brogno");
            CHECK_STR(c[k].kb, "Q2");
            CHECK_STR(c[k].role, "wethouder");
            CHECK(c[k].country == NULL);
            CHECK_INT(c[k].entry, 12);
        } else if (c[k].acronym) {
            acro++;
            CHECK_STR(c[k].canonical, "Congressional Budget Office");
            CHECK_INT(c[k].type, FEIT_ORGANISATION);
        } else {
            surname++;
            CHECK_STR(c[k].canonical, "Jan Cbo");
        }
    }
    CHECK_INT(brogno, 1);
    CHECK_INT(acro, 1);
    CHECK_INT(surname, 1);
    /* a new document carries nothing */
    section_acc_reset(a);
    section_acc_carried(a, &n);
    CHECK_INT(n, 0);
    /* bounded: past SECTION_CARRY_MAX forms a new one is not added, a carried one still
     * takes its latest naming */
    enum { N = SECTION_CARRY_MAX + 10 };
    static char folds[N][8];
    static names_form many[N];
    for (size_t k = 0; k < N; k++) {
        snprintf(folds[k], sizeof folds[k], "f%zu", k);
        many[k] = (names_form){folds[k], (uint32_t)strlen(folds[k]), 0, FEIT_PERSON, -1, "Oud", NULL, NULL, NULL};
    }
    CHECK_INT(section_acc_carry(a, many, N), 0);
    many[0].canonical = "Nieuw";
    CHECK_INT(section_acc_carry(a, many, 1), 0);
    c = section_acc_carried(a, &n);
    CHECK_INT(n, SECTION_CARRY_MAX);
    int found = 0;
    for (size_t k = 0; k < n; k++)
        if (!strcmp(c[k].fold, "f0"))
            found++, CHECK_STR(c[k].canonical, "Nieuw");
    CHECK_INT(found, 1);
    section_acc_free(a);
}

int main(void)
{
    test_cut_points();
    test_cut_characters();
    test_gather();
    test_carry();
    return check_failed != 0;
}
