/* test_names.c — the names the lists lack, by shape and context (src/entities/names.c and the
 * compound parts of match.c), on a small fixture list (tests/unit/gaz-names/) and the Dutch
 * language data (models/nl). Each row gives a text and every entity found in it, in order, as
 * "text|canonical|type|form|source" joined by "; " ("" when nothing may be found). Runs from
 * the repository root. */
#include "check.h"

#include "feit.h"
#include "context.h"
#include "worker.h" /* (the document the worker made: its mentions' country codes) */

#include <stdlib.h>
#include <string.h>

static feit_worker *w;

/* 1 when every mention of the worker's document has the code of its country (feit_mention.cc:
 * the string's two capitals, or 0 0), as setting_doc counts it: a stage that gives a mention
 * another country must set both (mention_set_country). */
static int codes_agree(void)
{
    const feit_doc *d = &w->doc;
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *x = &d->ments[m];
        const char *c = x->country;
        int two = c && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && !c[2];
        if (x->cc[0] != (two ? c[0] : 0) || x->cc[1] != (two ? c[1] : 0)) {
            printf("    mention %zu (%s): country %s, code %.2s\n", m, x->e.canonical ? x->e.canonical : "", c ? c : "NULL",
                   x->cc[0] ? x->cc : "00");
            return 0;
        }
    }
    return 1;
}

/* The sport classes the lexicon stage copies into every token's rel (REL_WORD_SPORT*, which
 * names' sport_sentence reads instead of the record) for text: 1 when each token's bits are
 * its record's classes and text holds a word of each class. */
static int sport_bits_agree(const char *text)
{
    if (!CHECK(feit_process(w, "t", text, strlen(text)) != NULL))
        return 0;
    const feit_doc *d = &w->doc;
    unsigned seen = 0;
    for (size_t i = 0; i < d->ntoks; i++) {
        const feit_token *t = &d->toks[i];
        uint32_t c = t->info->word.flags;
        unsigned want = (c & WC_SPORT ? REL_WORD_SPORT : 0) | (c & WC_SPORTVERB ? REL_WORD_SPORTVERB : 0);
        if ((t->rel & (REL_WORD_SPORT | REL_WORD_SPORTVERB)) != want) {
            printf("    token %zu (%s): rel %#x, classes %#x\n", i, t->fold, (unsigned)t->rel, want);
            return 0;
        }
        seen |= want;
    }
    return seen == (REL_WORD_SPORT | REL_WORD_SPORTVERB);
}

/* Every entity of text, described and joined. */
static const char *all(const char *text)
{
    static char buf[4096];
    const feit_result *r = feit_process(w, "t", text, strlen(text));
    buf[0] = '\0';
    if (!r)
        return "(failed)";
    CHECK(codes_agree());
    for (size_t n = 0; n < r->nentities; n++) {
        const feit_entity *e = &r->entities[n];
        size_t k = strlen(buf);
        snprintf(buf + k, sizeof buf - k, "%s%.*s|%s|%s|%s|%s", n ? "; " : "", (int)(e->end - e->start), text + e->start,
                 e->canonical, feit_type_name(e->type), feit_form_name(e->form), feit_source_name(e->source));
    }
    return buf;
}

typedef struct row {
    const char *text, *want;
} row;

static void table(const row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = all(rows[i].text);
        if (!CHECK_STR(got, rows[i].want))
            printf("    text: %s\n", rows[i].text);
    }
}
#define TABLE(rows) table((rows), sizeof(rows) / sizeof *(rows))

/* Courts and public bodies, also inside a compound ("Tweede Kamerlid") and before "van". */
static const row bodies[] = {
    {"De Rechtbank Zwolle deed uitspraak.", "Rechtbank Zwolle|Rechtbank Zwolle|organisation|name|rule"},
    {"Het Gerechtshof Arnhem-Leeuwarden bevestigde het vonnis.",
     "Gerechtshof Arnhem-Leeuwarden|Gerechtshof Arnhem-Leeuwarden|organisation|name|rule"},
    {"Tweede Kamerlid Jan Bosman stelde vragen.",
     "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer; Jan Bosman|Jan Bosman|person|name|rule"},
    {"Na de Tweede Kamerverkiezingen viel het kabinet.", "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer"},
    /* a body the list lacks gives nothing: no "Eerste Kamer" out of "Eerste Kamerlid" */
    {"Het Eerste Kamerlid zweeg.", ""},
    {"De gemeenteraad van Zwolle besloot anders.", "gemeenteraad van Zwolle|gemeenteraad van Zwolle|organisation|name|rule"},
    {"De gemeenteraad van Oosterwolde besloot anders.",
     "gemeenteraad van Oosterwolde|gemeenteraad van Oosterwolde|organisation|name|rule"},
    {"Provinciale Staten van Gelderland stemden in.",
     "Provinciale Staten van Gelderland|Provinciale Staten van Gelderland|organisation|name|rule"},
    /* the ministry is its field; a founding is no body */
    {"Het ministerie van Defensie zweeg.", "Defensie|Defensie|organisation|name|rule"},
    {"Het is zestig jaar na de stichting van Israël.", "Israël|Israël|country|name|gazetteer"},
    /* a member: the party of a CDA'er */
    {"Burgemeester is CDA'er Piet Smit.", "CDA|CDA|organisation|name|gazetteer"},
    {"Een VVD'er zegt nee.", "VVD|VVD|organisation|name|gazetteer"},
    {"Een Xyz'er zegt nee.", ""},
    /* the curly apostrophe works as the straight one (the fold writes it as ') */
    {"Burgemeester is CDA\u2019er Piet Smit.", "CDA|CDA|organisation|name|gazetteer"},
    {"Twee VVD\u2019ers zeggen nee.", "VVD|VVD|organisation|name|gazetteer"},
    {"Een Xyz\u2019er zegt nee.", ""},
};

/* Titles (models/nl/titles.txt) say what someone is; they are no name of their own: not an
 * unknown acronym ("CEO"), not a bulk-list name ("CFO"), not the end of a name found by shape
 * ("Algemeen Directeur") -- but a surname that is also a title stays one ("Herman De Prins"). */
static const row titles[] = {
    {"Volgens CEO Jan Bosman gaat het goed.", "Jan Bosman|Jan Bosman|person|name|rule"},
    {"De CEO zweeg.", ""},
    {"CFO Jan Bosman vertrekt.", "Jan Bosman|Jan Bosman|person|name|rule"},
    {"Jan Bosman, Algemeen Directeur bij de bond, vertrekt.", "Jan Bosman|Jan Bosman|person|name|rule"},
    {"Journalist Jan De Prins vertrekt.", "Jan De Prins|Jan De Prins|person|name|rule"},
    /* an unknown acronym that is no title is still an organisation */
    {"Volgens XQZ gaat het goed.", "XQZ|XQZ|organisation|name|rule"},
};

/* Suspects by the privacy convention. */
static const row initials[] = {
    {"Verdachte Jeroen K. (34) zweeg.", "Jeroen K.|Jeroen K.|person|name|rule"},
    {"De rechter sprak Fatima el A. vrij.", "Fatima el A.|Fatima el A.|person|name|rule"},
    {"Het OM eist straf tegen Martien R. Die is hoofdverdachte.", "Martien R.|Martien R.|person|name|rule"},
    {"Ook Jan Peter van der S. werd gehoord.", "Jan Peter van der S.|Jan Peter van der S.|person|name|rule"},
    /* a common word before the letter is no given name */
    {"Daarna won Groep A. de finale.", ""},
    {"Zo werkt Plan B. niet.", ""},
};

/* Names inside compounds. */
static const row compounds[] = {
    {"Het kabinet-Rutte IV viel.", "Rutte|Mark Rutte|person|partial|gazetteer"},
    {"Mark Rutte trad af. Het kabinet-Rutte IV viel.",
     "Mark Rutte|Mark Rutte|person|name|gazetteer; Rutte|Mark Rutte|person|partial|coref"},
    {"Het kabinet-Schoof begon.", "Schoof|Schoof|person|name|rule"},
    {"VVD-leider Dilan Bos reageerde.", "VVD|VVD|organisation|name|gazetteer; Dilan Bos|Dilan Bos|person|name|rule"},
    {"De Ajax-trainer was blij.", "Ajax|Ajax|organisation|name|gazetteer"},
    {"Jumbo nam de Jan Linders-supermarkten over.", "Jan Linders|Jan Linders|organisation|name|rule"},
    /* the head of a compound that is no organisation noun leaves a person a person */
    {"De Jan Bosman-show was leuk.", "Jan Bosman|Jan Bosman|person|name|rule"},
};

/* Streets, squares, stadiums, palaces and buildings. */
static const row places[] = {
    {"Ze liepen over het Museumplein naar de Kalverstraat.",
     "Museumplein|Museumplein|location|name|rule; Kalverstraat|Kalverstraat|location|name|rule"},
    {"Het restaurant in de Van Kerckhovestraat ging dicht.", "Van Kerckhovestraat|Van Kerckhovestraat|location|name|rule"},
    {"Club Brugge won in het eigen Jan Breydelstadion.", "Jan Breydelstadion|Jan Breydelstadion|location|name|rule"},
    {"Ze werd naar het Sint-Jansziekenhuis gebracht.", "Sint-Jansziekenhuis|Sint-Jansziekenhuis|location|name|rule"},
    {"Het koningspaar was te gast op Windsor Castle.", "Windsor Castle|Windsor Castle|location|name|rule"},
    {"De koning werkt op Paleis Noordeinde.", "Paleis Noordeinde|Paleis Noordeinde|location|name|rule"},
    {"Het gebeurde op Paleis Soestdijk.", "Paleis Soestdijk|Paleis Soestdijk|location|name|gazetteer"},
    /* the word alone, a common word opening the sentence, an English word */
    {"Hij stond op Straat.", ""},
    {"Straat en plein waren leeg.", ""},
    {"Field Marshal sprak.", ""},
};

/* Companies by their heads, teams and agencies. */
static const row companies[] = {
    {"Het bod van NXP Semiconductor kwam laat.", "NXP Semiconductor|NXP|organisation|name|gazetteer"},
    {"Het concern Granada Media groeit.", "Granada Media|Granada Media|organisation|name|rule"},
    {"Daarna kocht Acme Electronics het.", "Acme Electronics|Acme Electronics|organisation|name|rule"},
    {"Het ging om de Eredivisie.", "Eredivisie|Eredivisie|organisation|name|rule"},
    /* a head that also opens a name opens the next one */
    {"Hij kwam van het Belgische FC Maasvallei.",
     "Belgische|België|country|adjective|gazetteer; FC Maasvallei|FC Maasvallei|organisation|name|rule"},
    {"Hij las het in Electronics.", ""},
    {"Team Visma-Lease a Bike won de rit.", "Team Visma-Lease a Bike|Visma-Lease a Bike|organisation|name|gazetteer"},
    {"Hij reed voor Team Lotto-Dstny.", "Team Lotto-Dstny|Team Lotto-Dstny|organisation|name|rule"},
    /* two clubs joined by a hyphen stay two */
    {"Het duel Ajax-Feyenoord eindigde gelijk.", "Ajax|Ajax|organisation|name|gazetteer; Feyenoord|Feyenoord|organisation|name|gazetteer"},
    {"AMSTERDAM (Reuters) - Het regent.", "Reuters|Reuters|organisation|name|gazetteer"},
    /* names after a noun that says they are organisations, and the list it opens */
    {"Het bedrijf Tectrade groeit.", "Tectrade|Tectrade|organisation|name|rule"},
    {"Accell maakt de fietsenmerken Koga, Babboe en Lapierre.",
     "Koga|Koga|organisation|name|rule; Babboe|Babboe|organisation|name|rule; Lapierre|Lapierre|organisation|name|rule"},
    {"Jumbo kan winkels van de supermarktketen Jan Linders overnemen.", "Jan Linders|Jan Linders|organisation|name|rule"},
};

/* Clubs named like their towns, events named after places, a sentence-initial "Van". */
static const row typing[] = {
    {"De spits speelt bij Liverpool.", "Liverpool|Liverpool FC|organisation|name|gazetteer"},
    {"Liverpool is een havenstad.", "Liverpool|Liverpool|city|name|gazetteer"},
    {"Liverpool-aanvoerder Jan Bosman was blij.",
     "Liverpool|Liverpool FC|organisation|name|gazetteer; Jan Bosman|Jan Bosman|person|name|rule"},
    {"De Liverpool-fans waren blij.", "Liverpool|Liverpool|city|name|gazetteer"},
    {"De wedstrijd werd 2-1. Twente won in Enschede. De spits scoorde twee keer.",
     "Twente|FC Twente|organisation|name|gazetteer; Enschede|Enschede|city|name|gazetteer"},
    /* "won" alone, in an article about no sport, is no sport */
    {"Twente won in Enschede.", "Twente|Twente|location|name|gazetteer; Enschede|Enschede|city|name|gazetteer"},
    {"De fabriek staat in Anderlecht.", "Anderlecht|Anderlecht|city|name|gazetteer"},
    {"De trainer speelde met Anderlecht de wedstrijd.", "Anderlecht|RSC Anderlecht|organisation|name|gazetteer"},
    {"Hij won de Ronde van Vlaanderen.", ""},
    {"Hij reed de Tour de France en de Giro d'Italia.", ""},
    {"Hij won de Grand Prix van Monaco.", ""},
    {"Hij woont in Vlaanderen.", "Vlaanderen|Vlaanderen|location|name|gazetteer"},
    {"Van Greta Thunberg is veel bekend.", "Greta Thunberg|Greta Thunberg|person|name|gazetteer"},
    {"Van Diepenbeek naar Hasselt is het ver.",
     "Diepenbeek|Diepenbeek|city|name|gazetteer; Hasselt|Hasselt|city|name|gazetteer"},
    /* inside a sentence a particle makes the place a person's surname (no country of its own) */
    {"Dat zei Van Diepenbeek gisteren.", "Van Diepenbeek|Van Diepenbeek|person|name|rule"},
};

/* Lists, mayors, journalists' initials and unknown pairs of names. */
static const row context[] = {
    {"In de plaatsen Beek, Heerlen en Swalmen is genoeg keuze.",
     "Beek|Beek|city|name|gazetteer; Heerlen|Heerlen|city|name|gazetteer; Swalmen|Swalmen|city|name|rule"},
    {"Bekend zijn Gouden, Zilveren en Bronzen.", ""},
    {"Ze werkte voor de stadsdelen Nieuw-West, Zuidoost en Noord.",
     "Nieuw-West|Nieuw-West|location|name|rule; Zuidoost|Zuidoost|location|name|rule; Noord|Noord|location|name|rule"},
    {"De burgemeester van Westerkwartier zweeg.", "Westerkwartier|Westerkwartier|city|name|gazetteer"},
    {"Burgemeester Ard van der Tuuk van Oldekerk gaat aan het werk.",
     "Ard van der Tuuk|Ard van der Tuuk|person|name|rule; Oldekerk|Oldekerk|city|name|rule"},
    {"Het regent al dagen.\n(GSC)", "GSC|GSC|person|name|rule"},
    {"Het nieuws kwam via Tomasz Wierzbicki.", "Tomasz Wierzbicki|Tomasz Wierzbicki|person|name|rule"},
    /* after a word that is no Dutch ("to"); a possessive is a title's */
    {"Het Committee to Protect Journalists protesteert.", ""},
    {"Hij was te horen in Rob's Tussendoortje op de radio.", ""},
    /* a person after a ministry is no field of it; a list of fields is */
    {"Dat meldde de minister van Binnenlandse Zaken, Oleh Marchenko, woensdag.",
     "Binnenlandse Zaken|Binnenlandse Zaken|organisation|name|rule; Oleh Marchenko|Oleh Marchenko|person|name|rule"},
    {"De minister van Onderwijs, Cultuur en Wetenschap sprak.",
     "Onderwijs, Cultuur en Wetenschap|Onderwijs, Cultuur en Wetenschap|organisation|name|rule"},
    /* the minister right after the field: a listed surname, or a word nothing knows */
    {"De minister van Financiën Rutte sprak.", "Financiën|Financiën|organisation|name|rule; Rutte|Mark Rutte|person|partial|gazetteer"},
    {"De minister van Defensie Pietersma sprak.", "Defensie|Defensie|organisation|name|rule; Pietersma|Pietersma|person|name|rule"},
    {"De minister van Buitenlandse Zaken sprak.", "Buitenlandse Zaken|Buitenlandse Zaken|organisation|name|rule"},
    /* "de provincie Zwolle": the mention is the name, the place the province */
    {"Het regent in de provincie Zwolle.", "Zwolle|provincie Zwolle|location|name|gazetteer"},
    {"Het regent in Zwolle.", "Zwolle|Zwolle|city|name|gazetteer"},
    /* a name of one letter only after a preposition: the platform X */
    {"Ze schreef op X na het debat.", "X|Twitter|organisation|name|gazetteer"},
    {"De letter X staat in het midden.", ""},
    /* "het Belgische ministerie van Defensie": the adjective says whose; the mention is the name */
    {"Het Belgische ministerie van Defensie zweeg.", "ministerie van Defensie|Belgische ministerie van Defensie|organisation|name|gazetteer"},
};

/* Each rule of a sentence acts only where the sentence has its word (names_doc: the classes
 * and suffixes of its capitalised and held words, or-ed): that word as the last of the text,
 * the last of its sentence, after a quote, alone among other capitalised words, by its suffix
 * only, in a name with lower-case words inside; and the same text after one without it
 * (every row is a document of its own on the one worker). */
static const row gates[] = {
    {"Hij woont aan de Kalverstraat", "Kalverstraat|Kalverstraat|location|name|rule"},
    {"\"Kalverstraat is druk\", zei Jan Bosman.",
     "Kalverstraat|Kalverstraat|location|name|rule; Jan Bosman|Jan Bosman|person|name|rule"},
    {"Hij woont aan de Kalverstraat. Pieter Bosman niet.", "Kalverstraat|Kalverstraat|location|name|rule"},
    {"Jan Bosman kwam uit Fulton County",
     "Jan Bosman|Jan Bosman|person|name|rule; Fulton County|Fulton County|location|name|rule"},
    {"Hij bezocht Windsor Castle", "Windsor Castle|Windsor Castle|location|name|rule"},
    {"Hij bezocht Paleis Noordeinde", "Paleis Noordeinde|Paleis Noordeinde|location|name|rule"},
    {"Zij stemt op de Arbeiderspartij", "Arbeiderspartij|Arbeiderspartij|organisation|name|rule"},
    {"Volgens het Congressional Budget Office", "Congressional Budget Office|Congressional Budget Office|organisation|name|rule"},
    {"\"Ministerie van Defensie\" staat erop.", "Ministerie van Defensie|Ministerie van Defensie|organisation|name|rule"},
    {"Het bedrijf heet Granada Media", "Granada Media|Granada Media|organisation|name|rule"},
    /* (the event holds the place: no Vlaanderen) */
    {"Hij won de Ronde van Vlaanderen", ""},
    {"\"Ronde van Vlaanderen\" heet de koers.", ""},
    {"Het gesprek was met Mark Puzder", "Mark Puzder|Mark Puzder|person|name|rule"},
    {"\"Greta Puzder komt\", zei hij.", "Greta Puzder|Greta Puzder|person|name|rule"},
    {"Het onderzoek van de KNVB", "KNVB|KNVB|organisation|name|rule"},
    {"Daar sprak Jan Bosman. Hij woont in Zwolle. Het regent in de Kalverstraat",
     "Jan Bosman|Jan Bosman|person|name|rule; Hij|Jan Bosman|person|pronoun|coref; Zwolle|Zwolle|city|name|gazetteer; "
     "Kalverstraat|Kalverstraat|location|name|rule"},
    /* the rules that act after a word of a class (names_doc: the words before the listed
     * ones, or-ed): an organisation noun, a role, a city noun, "van", in a second sentence,
     * at the text's end */
    {"Het regent. Het bedrijf Tectrade groeit", "Tectrade|Tectrade|organisation|name|rule"},
    {"Het regent. Daar sprak minister Jan Bosman", "Jan Bosman|Jan Bosman|person|name|rule"},
    {"Het regent. Daar sprak dr. Pietersma", "Pietersma|Pietersma|person|name|rule"},
    {"Het regent. Hij woont in de stad Hengeloo", "Hengeloo|Hengeloo|city|name|rule"},
    {"Het regent. De minister van Defensie Pietersma sprak",
     "Defensie|Defensie|organisation|name|rule; Pietersma|Pietersma|person|name|rule"},
    /* and what no rule of these takes, before and after them */
    {"Hij woont in Zwolle. Het regent.", "Zwolle|Zwolle|city|name|gazetteer"},
};

/* Short forms of names the document gives in full (rule_short_forms looks a token up only
 * where its hash is in the filter of the full names' last words and their genitives, "s" and
 * "'s"): at the text's end, after a quote, a genitive, a word of one byte more or another
 * byte, a full name found by rule after a listed one earlier in the text. */
static const row short_forms[] = {
    {"Jan Bosman sprak. Later zei Bosman het", "Jan Bosman|Jan Bosman|person|name|rule; Bosman|Jan Bosman|person|partial|coref"},
    {"Jan Bosman sprak. \"Bosman komt\", zei de krant.",
     "Jan Bosman|Jan Bosman|person|name|rule; Bosman|Jan Bosman|person|partial|coref"},
    {"Mark Puzder sprak. Het is Puzders plan en Puzder's idee.",
     "Mark Puzder|Mark Puzder|person|name|rule; Puzders|Mark Puzder|person|partial|coref; Puzder's|Mark Puzder|person|partial|coref"},
    {"Mark Puzder sprak. Later kwam Puzdor en Puzderx.", "Mark Puzder|Mark Puzder|person|name|rule"},
    /* (the nearest full name before: the listed one, though the rule's came into the list after it) */
    {"Jan Rutte sprak. Mark Rutte zweeg. Daarna kwam Rutte.",
     "Jan Rutte|Jan Rutte|person|name|rule; Mark Rutte|Mark Rutte|person|name|gazetteer; Rutte|Mark Rutte|person|partial|coref"},
    /* (a person's form is looked up by its last token's own hash, its genitives by the hash
     * of their base: a surname with a byte past ASCII, as in the tokenizer's slow path; an
     * organisation's acronym by the hash of its letters) */
    {"Jan Müller sprak. Later zei Müller het, en Müllers plan werkt.",
     "Jan Müller|Jan Müller|person|name|rule; Müller|Jan Müller|person|partial|coref; Müllers|Jan Müller|person|partial|coref"},
    {"De Tweede Kamer stemde. Volgens de TK klopt het.",
     "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer; TK|Tweede Kamer|organisation|partial|coref"},
    /* (an acronym is a short form only as a whole token: no genitive of it is looked up, nor
     * put into the filter) */
    {"De Tweede Kamer stemde. Volgens TKs bode klopt het.", "Tweede Kamer|Tweede Kamer|organisation|name|gazetteer"},
    {"In Zwolle sprak Jan Bosman. Bosman en Zwolle.",
     "Zwolle|Zwolle|city|name|gazetteer; Jan Bosman|Jan Bosman|person|name|rule; Bosman|Jan Bosman|person|partial|coref; "
     "Zwolle|Zwolle|city|name|gazetteer"},
};

/* Lists (rule_lists walks only the words after a separator, and backwards only where the
 * walk forwards added a name): a type lent to the right, to the left (backwards: Gorssel gets
 * it from Epse, which got it from Zwolle), at the text's end, after a quote; no item opens a
 * list. */
static const row lists[] = {
    {"Het regent in Lochem, Gorssel, Epse en Zwolle.",
     "Gorssel|Gorssel|city|name|rule; Epse|Epse|city|name|rule; Zwolle|Zwolle|city|name|gazetteer"},
    {"Het regent in Zwolle, Gorssel en Epse", "Zwolle|Zwolle|city|name|gazetteer; Gorssel|Gorssel|city|name|rule; Epse|Epse|city|name|rule"},
    {"\"Zwolle, Gorssel en Epse\", zei hij.",
     "Zwolle|Zwolle|city|name|gazetteer; Gorssel|Gorssel|city|name|rule; Epse|Epse|city|name|rule"},
    {"Lochem, Gorssel en Epse zijn dorpen.", ""},
};

/* A common word opening a sentence is left out of the names stage's list unless it is a word
 * a rule acts at there (names.c, opener_only): a first name, an event word, an organisation
 * prefix, here common words too (gaz-names-openers.txt). Each row fails when its class is
 * left out with the others. */
static const row openers[] = {
    {"Mark Puzder sprak.", "Mark Puzder|Mark Puzder|person|name|rule"},
    {"Ronde van Vlaanderen is een koers.", ""},
    {"Radio Kootwijk zond uit.", "Radio Kootwijk|Radio Kootwijk|organisation|name|rule"},
    /* (and one left out: nothing here starts at "Het") */
    {"Het Congressional Budget Office zweeg.", "Congressional Budget Office|Congressional Budget Office|organisation|name|rule"},
};

/* A document with more full names than the rule's table and list of forms on the stack hold
 * (64 each): a surname still finds its full name (and none of the others is taken for it). */
static void many_full_names(void)
{
    char text[4096];
    size_t k = 0;
    for (int i = 0; i < 70; i++)
        k += (size_t)snprintf(text + k, sizeof text - k, "Jan Bak%c%c sprak. ", 'a' + i / 20, 'a' + i % 20);
    snprintf(text + k, sizeof text - k, "Later kwam Bakbt.");
    const char *got = all(text);
    const char *last = strrchr(got, ';');
    CHECK_STR(last ? last + 2 : got, "Bakbt|Jan Bakbt|person|partial|coref");
    size_t partial = 0;
    for (const char *p = got; (p = strstr(p, "|partial|")); p++)
        partial++;
    CHECK_INT(partial, 1);
}

int main(void)
{
    feit_context *ctx = fixture_context("tests/unit/gaz-names", "tests/unit/gaz-names-words.txt");
    if (!ctx)
        return 1;
    w = feit_worker_new(ctx);
    TABLE(bodies);
    TABLE(titles);
    TABLE(initials);
    TABLE(compounds);
    TABLE(places);
    TABLE(companies);
    TABLE(typing);
    CHECK(sport_bits_agree("De spits won de wedstrijd met 2-1. Twente speelt in Enschede."));
    CHECK(sport_bits_agree("Twente won. De Spits speelt, WEDSTRIJD."));
    TABLE(context);
    TABLE(gates);
    TABLE(short_forms);
    TABLE(lists);
    many_full_names();
    feit_worker_free(w);
    feit_context_free(ctx);
    if (!(ctx = fixture_context("tests/unit/gaz-names", "tests/unit/gaz-names-openers.txt")))
        return 1;
    w = feit_worker_new(ctx);
    TABLE(openers);
    feit_worker_free(w);
    feit_context_free(ctx);
    CHECK_DONE();
}
