/* test_match.c — the matching semantics on a small fixture list (tests/unit/gaz-match/):
 * longest match, priorities, case guards, sentence starts, genitives, compounds, partial
 * names, adjectives and inhabitants, names by rule. Runs from the repository root. */
#include "check.h"

#include "feit.h"
#include "context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static feit_worker *w;

/* The n-th entity of text, described as "text|canonical|type|form|source". */
static const char *ent(const char *text, size_t n)
{
    static char buf[512];
    const feit_result *r = feit_process(w, "t", text, strlen(text));
    if (!r || n >= r->nentities)
        return "(none)";
    const feit_entity *e = &r->entities[n];
    snprintf(buf, sizeof buf, "%.*s|%s|%s|%s|%s", (int)(e->end - e->start), text + e->start,
             e->canonical, feit_type_name(e->type), feit_form_name(e->form), feit_source_name(e->source));
    return buf;
}

static size_t count(const char *text)
{
    const feit_result *r = feit_process(w, "t", text, strlen(text));
    return r ? r->nentities : 0;
}

int main(void)
{
    feit_context *ctx = fixture_context("tests/unit/gaz-match", "tests/unit/gaz-match-words.txt");
    if (!ctx)
        return 1;
    w = feit_worker_new(ctx);

    /* longest match wins over its parts */
    CHECK_STR(ent("Hij woont in de Verenigde Staten van Amerika.", 0), "Verenigde Staten van Amerika|Verenigde Staten|country|name|gazetteer");
    CHECK_INT(count("Hij woont in de Verenigde Staten van Amerika."), 1);
    CHECK_STR(ent("Zij vloog naar Mexico-Stad.", 0), "Mexico-Stad|Mexico-Stad|city|name|gazetteer");
    CHECK_STR(ent("Zij vloog naar Mexico.", 0), "Mexico|Mexico|country|name|gazetteer");
    CHECK_STR(ent("Het Congressional Budget Office rekende het na.", 0), "Congressional Budget Office|Congressional Budget Office|organisation|name|gazetteer");

    /* priorities: the capital city beats the state of the same name */
    CHECK_STR(ent("Zij sprak in Washington met senatoren.", 0), "Washington|Washington|city|name|gazetteer");
    /* ... and an entity the document already mentions wins an ambiguous name */
    CHECK_STR(ent("Georgia kiest. Het is koud in Georgia.", 1), "Georgia|Georgia|location|name|gazetteer");

    /* case: acronyms only in capitals, names only capitalised */
    CHECK_STR(ent("De EU en de VS praten.", 0), "EU|Europese Unie|organisation|name|gazetteer");
    CHECK_STR(ent("De EU en de VS praten.", 1), "VS|Verenigde Staten|country|name|gazetteer");
    CHECK_INT(count("de eu en de vs praten over rusland."), 0);
    /* a name that opens with a lower-case word (the lower-case start filter lets it be tried) */
    CHECK_STR(ent("Zij woont in 's-Hertogenbosch.", 0), "'s-Hertogenbosch|'s-Hertogenbosch|city|name|gazetteer");
    /* ... of two words, also in the genitive (a span opening in lower case that cannot go on to
     * the next word is given up at once, unless that word is a genitive) */
    CHECK_STR(ent("Hij leest de Kwartelkrant.", 0), "de Kwartelkrant|de Kwartelkrant|organisation|name|gazetteer");
    CHECK_STR(ent("Hij leest de Kwartelkrants bijlage.", 0), "de Kwartelkrants|de Kwartelkrant|organisation|name|gazetteer");
    /* a name opening with a number: a span opens at a token other than a word too
     * (feit_wordinfo.tok_flags[0]: TF_OPENS_LOWER) */
    CHECK_STR(ent("Zij werkt bij 12 Kwartelbrug.", 0), "12 Kwartelbrug|12 Kwartelbrug|organisation|name|gazetteer");
    CHECK_INT(count("Hij leest de krant van de Kwartel."), 0);
    CHECK_STR(ent("OEKRAÏNE en RUSLAND praten.", 0), "RUSLAND|Rusland|country|name|gazetteer");
    CHECK_STR(ent("MOSKOU (ANP) - Het regent.", 0), "MOSKOU|Moskou|city|name|gazetteer");

    /* a common word at the start of a sentence is no name; elsewhere it is */
    CHECK_INT(count("Bergen zijn hoog."), 0);
    CHECK_STR(ent("Hij woont in Bergen.", 0), "Bergen|Bergen|city|name|gazetteer");
    /* (what the document before named is not this one's: the set of names seen is emptied) */
    CHECK_INT(count("Bergen zijn hoog."), 0);
    CHECK_INT(count("Groen is de kleur van hoop."), 0);
    CHECK_STR(ent("Hij stemt op Groen.", 0), "Groen|Groen|organisation|name|gazetteer");
    /* ... unless the document names that entry elsewhere, before or after */
    CHECK_INT(count("Groen wint de verkiezingen. Hij stemt op Groen."), 2);
    CHECK_STR(ent("Groen wint de verkiezingen. Hij stemt op Groen.", 0), "Groen|Groen|organisation|name|gazetteer");
    CHECK_INT(count("Hij stemt op Groen. Groen wint."), 2);
    CHECK_INT(count("Groen wint. Bergen zijn hoog. Hij woont in Bergen."), 2);

    /* genitive -s on names */
    CHECK_STR(ent("Hij steunt Donald Trumps plan.", 0), "Donald Trumps|Donald Trump|person|name|gazetteer");
    /* ... of a name of one word: the genitive is no name and no name's prefix of its own, yet a
     * span opens at it (gaz_word.opens); so does a member of a party ("NAVO'ers") */
    CHECK_STR(ent("Zij las Groens programma.", 0), "Groens|Groen|organisation|name|gazetteer");
    CHECK_STR(ent("Twee NAVO'ers spraken.", 0), "NAVO|NAVO|organisation|name|gazetteer");

    /* a span opening with a capitalised word that is no name of its own, only a name's first
     * word, is given up at once where it cannot go on (match.c: cap_dead_end), but not before a
     * word a name may end inside ("Tweede Kamerlid"), a genitive ("Donald Trumps", above) or a
     * glued part of the name */
    CHECK_STR(ent("Het Tweede Kamerlid sprak.", 0), "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer");
    CHECK_STR(ent("Zij woont in Noord-Kwartholland.", 0), "Noord-Kwartholland|Noord-Kwartholland|location|name|gazetteer");
    CHECK_STR(ent("Zij zag Tweede Kamer.", 0), "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer");
    CHECK_INT(count("Zij zag Noord. Tweede Noord."), 0);
    CHECK_STR(ent("Een NAVO'er sprak.", 0), "NAVO|NAVO|organisation|name|gazetteer");
    CHECK_STR(ent("Zij las Bas Kwaks boek.", 0), "Bas Kwaks|Bas Kwak|person|name|gazetteer");

    /* hyphenated compounds: the name part stays addressable */
    CHECK_STR(ent("NAVO-chef sprak.", 0), "NAVO|NAVO|organisation|name|gazetteer");
    CHECK_STR(ent("De EU-leiders vergaderen.", 0), "EU|Europese Unie|organisation|name|gazetteer");

    /* adjectives and inhabitants resolve to their country */
    CHECK_STR(ent("De Russische president sprak.", 0), "Russische|Rusland|country|adjective|gazetteer");
    CHECK_STR(ent("Iran helpt de Russen.", 0), "Russen|Rusland|country|inhabitants|gazetteer");
    CHECK_STR(ent("De Amerikaanse regering.", 0), "Amerikaanse|Verenigde Staten|country|adjective|gazetteer");

    /* partial names: a surname after the full name, also with a genitive */
    const char *doc = "Vladimir Poetin ontving Masoud Pezeshkian. Poetin sprak. Het is Pezeshkians eerste bezoek.";
    CHECK_STR(ent(doc, 2), "Poetin|Vladimir Poetin|person|partial|coref");
    CHECK_STR(ent(doc, 3), "Pezeshkians|Masoud Pezeshkian|person|partial|coref");
    /* a lone surname of one listed person still resolves */
    CHECK_STR(ent("Gisteren sprak Poetin.", 0), "Poetin|Vladimir Poetin|person|partial|gazetteer");
    /* an acronym of an organisation named before */
    CHECK_STR(ent("Het Congressional Budget Office rekende. Het CBO zegt nee.", 1), "CBO|Congressional Budget Office|organisation|partial|coref");

    /* unknown names by rule */
    CHECK_STR(ent("Dat zei Andrew Puzder woensdag.", 0), "Andrew Puzder|Andrew Puzder|person|name|rule");
    CHECK_STR(ent("Dat zei de Amerikaanse ambassadeur Joe Smith.", 1), "Joe Smith|Joe Smith|person|name|rule");
    CHECK_STR(ent("Het Ministerie van Defensie meldt het.", 0), "Ministerie van Defensie|Ministerie van Defensie|organisation|name|rule");
    CHECK_STR(ent("Een kantoor in Fulton County, Georgia.", 0), "Fulton County|Fulton County|location|name|rule");

    /* places from context, with a lower confidence and source rule */
    CHECK_STR(ent("Het dorp Xylderbroek ligt aan zee.", 0), "Xylderbroek|Xylderbroek|city|name|rule");
    CHECK_STR(ent("Zij woont in de provincie Kwartland.", 0), "Kwartland|Kwartland|location|name|rule");
    CHECK_STR(ent("In de stad Sint-Morvaan viel regen.", 0), "Sint-Morvaan|Sint-Morvaan|city|name|rule");

    /* tier 2 loses ties, and matches still */
    CHECK_STR(ent("Het bedrijf Jansen Groep groeit.", 0), "Jansen Groep|Jansen Groep|organisation|name|gazetteer");

    /* invalid UTF-8 does not shift offsets */
    CHECK_STR(ent("\xff\xfe Rusland \xc3", 0), "Rusland|Rusland|country|name|gazetteer");

    /* a word longer than the worker's lexicon holds (lexicon.h: LEX_WORD) is looked up all the
     * same, every time it occurs */
    const char *lng = "Zwartewaterkwartierstad groeit. Rusland kijkt naar Zwartewaterkwartierstad.";
    CHECK_STR(ent(lng, 0), "Zwartewaterkwartierstad|Zwartewaterkwartierstad|city|name|gazetteer");
    CHECK_STR(ent(lng, 2), "Zwartewaterkwartierstad|Zwartewaterkwartierstad|city|name|gazetteer");

    /* the records of a document's word types (lexicon_doc) are its own: a worker that has done
     * many documents since finds the same entities in a text as the first time */
    const char *again = "Zij vloog van Moskou naar Mexico-Stad. De VS en Rusland praten in Georgia.";
    char first[2048] = "", later[2048] = "";
    for (size_t i = 0; i < count(again); i++)
        strncat(first, ent(again, i), sizeof first - strlen(first) - 2), strcat(first, ";");
    for (int k = 0; k < 300; k++) {
        char other[160];
        snprintf(other, sizeof other, "Woord%d en ander%d: Rusland, Zwartewaterkwartierstad en de %d VS. Mexico%d?", k, k * 7, k, k);
        count(other);
    }
    for (size_t i = 0; i < count(again); i++)
        strncat(later, ent(again, i), sizeof later - strlen(later) - 2), strcat(later, ";");
    CHECK(count(again) == 5);
    CHECK_STR(later, first);

    /* a pair of words the worker has met (match.c's pair_memo: "Tweede Kamer", "Bas Kwak")
     * answers as the first time, also after other pairs have gone through its lines, and a pair
     * the index has not ("Tweede Noord") is no listed name though its first word opens one (the
     * name rules take it) */
    const char *pairs = "Donald Trump sprak met Vladimir Poetin. Tweede Kamer en Tweede Noord. Bas Kwak ook.";
    first[0] = later[0] = '\0';
    for (size_t i = 0; i < count(pairs); i++)
        strncat(first, ent(pairs, i), sizeof first - strlen(first) - 2), strcat(first, ";");
    CHECK_STR(first, "Donald Trump|Donald Trump|person|name|gazetteer;Vladimir Poetin|Vladimir Poetin|person|name|gazetteer;"
                     "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer;Tweede Noord|Tweede Noord|organisation|name|rule;"
                     "Bas Kwak|Bas Kwak|person|name|gazetteer;");
    for (int k = 0; k < 300; k++) {
        char other[200];
        snprintf(other, sizeof other, "Tweede Noord%d, Bas Kwaks%d, Donald Trumps en Masoud Pezeshkian%d. Vladimir %d.", k, k, k, k);
        count(other);
    }
    for (size_t i = 0; i < count(pairs); i++)
        strncat(later, ent(pairs, i), sizeof later - strlen(later) - 2), strcat(later, ";");
    CHECK_STR(later, first);

    feit_worker_free(w);
    feit_context_free(ctx);

    /* an entity the document mentions wins an ambiguous name also after the document has named
     * more entities than the matcher's set of them first holds (match.c: SEEN_MIN; the set
     * grows, and what it held is still in it): "Zandam" alone is the city, after "Zandamgebied"
     * the area */
    char dir[] = "/tmp/feit-test-match-XXXXXX", path[300];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/firstnames.txt", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL && fputs("Maria\n", f) >= 0 && fclose(f) == 0);
    snprintf(path, sizeof path, "%s/fixture.tsv", dir);
    f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("Zandam\tcity\tcountry=NL\tpop=90000\nZandam\tlocation\tcountry=NL\talias=Zandamgebied\n", f);
    char text[4096] = "Het Zandamgebied kijkt naar";
    for (int k = 0; k < 100; k++) { /* (names of letters only: a digit would be a token of its own) */
        char name[32];
        snprintf(name, sizeof name, "Plaats%c%c", 'a' + k / 10, 'a' + k % 10);
        fprintf(f, "%s\tcity\tcountry=NL\tpop=5000\n", name);
        strcat(text, " "), strcat(text, name), strcat(text, ",");
    }
    CHECK(fclose(f) == 0);
    strcat(text, " en Zandam. Zandam groeit.");
    ctx = fixture_context(dir, "tests/unit/gaz-match-words.txt");
    if (ctx) {
        w = feit_worker_new(ctx);
        CHECK_STR(ent("Zandam groeit.", 0), "Zandam|Zandam|city|name|gazetteer");
        CHECK_INT(count(text), 103);
        CHECK_STR(ent(text, 0), "Zandamgebied|Zandam|location|name|gazetteer");
        CHECK_STR(ent(text, 50), "Plaatsej|Plaatsej|city|name|gazetteer");
        CHECK_STR(ent(text, 101), "Zandam|Zandam|location|name|gazetteer");
        CHECK_STR(ent(text, 102), "Zandam|Zandam|location|name|gazetteer");
        feit_worker_free(w);
        feit_context_free(ctx);
    }
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    CHECK_DONE();
}
