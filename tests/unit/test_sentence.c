/* test_sentence.c — the sentence splitter on Dutch news: full stops after abbreviations and
 * initials, quotes and brackets that close after the stop, headlines without a stop, blank
 * lines, line breaks, datelines as sentences of their own. The texts are written for these
 * tests. */
#include "core/lang.h"
#include "check.h"
#include "text/dateline.h"
#include "core/doc.h"
#include "text/sentence.h"
#include "text/token.h"

#include <string.h>

static feit_doc d;
static char joined[8192];

/* The sentences of text as written, joined with " || ". */
static const char *sents(const char *text)
{
    doc_reset(&d, "t", text, strlen(text));
    if (dateline_find(&d) || token_split(&d) || sentence_split(&d))
        printf("FAIL %s:%d: out of memory\n", __FILE__, __LINE__);
    size_t o = 0;
    joined[0] = 0;
    for (size_t i = 0; i < d.nsents; i++) {
        size_t n = d.sents[i].end - d.sents[i].start;
        if (o + n + 5 >= sizeof joined)
            break;
        if (i) {
            memcpy(joined + o, " || ", 4);
            o += 4;
        }
        memcpy(joined + o, d.text + d.sents[i].start, n);
        o += n;
    }
    joined[o] = 0;
    return joined;
}

/* The sentence bookkeeping agrees with the tokens: contiguous token ranges covering all
 * tokens, byte spans from first to last token, each token's index, TF_SSTART on firsts only. */
static int consistent(void)
{
    size_t next = 0;
    for (size_t s = 0; s < d.nsents; s++) {
        const feit_sentence *st = &d.sents[s];
        if (st->tok_start != next || st->tok_end <= st->tok_start)
            return 0;
        if (st->start != d.toks[st->tok_start].start || st->end != d.toks[st->tok_end - 1].end)
            return 0;
        for (size_t i = st->tok_start; i < st->tok_end; i++) {
            if (d.toks[i].sentence != s)
                return 0;
            if (!!(d.toks[i].flags & TF_SSTART) != (i == st->tok_start))
                return 0;
        }
        next = st->tok_end;
    }
    return next == d.ntoks;
}

static void plain(void)
{
    CHECK_STR(sents("Het kabinet is gevallen. De premier biedt zijn ontslag aan."),
              "Het kabinet is gevallen. || De premier biedt zijn ontslag aan.");
    CHECK(consistent());
    CHECK_INT(d.nsents, 2);
    CHECK_STR(sents("Waarom nu? Niemand weet het! Toch gaat het door."),
              "Waarom nu? || Niemand weet het! || Toch gaat het door.");
    CHECK_STR(sents("Er vielen 12 doden. De politie onderzoekt de zaak."),
              "Er vielen 12 doden. || De politie onderzoekt de zaak.");
    CHECK_STR(sents("Hij twijfelde lang... Toen besloot hij te gaan."),
              "Hij twijfelde lang... || Toen besloot hij te gaan.");
    CHECK_STR(sents("Het bleef onrustig\xE2\x80\xA6 Pas 's nachts werd het stil."),
              "Het bleef onrustig\xE2\x80\xA6 || Pas 's nachts werd het stil.");
    CHECK_STR(sents("Trump reisde naar de VS. Daar sprak hij."),
              "Trump reisde naar de VS. || Daar sprak hij.");
    /* a sentence may start with a number, a quote or a bracket */
    CHECK_STR(sents("Het vliegtuig stortte neer. 150 mensen kwamen om."),
              "Het vliegtuig stortte neer. || 150 mensen kwamen om.");
    CHECK_STR(sents(""), "");
    CHECK_INT(d.nsents, 0);
    CHECK_STR(sents("Slechts een woord"), "Slechts een woord");
    CHECK_INT(d.nsents, 1);
}

static void abbreviations(void)
{
    CHECK_STR(sents("Volgens o.a. minister Jansen gaat het goed. Hij is tevreden."),
              "Volgens o.a. minister Jansen gaat het goed. || Hij is tevreden.");
    CHECK_STR(sents("De zaak werd bepleit door mr. Jansen en dr. Pieters."),
              "De zaak werd bepleit door mr. Jansen en dr. Pieters.");
    CHECK_STR(sents("Het proces begon. Mr. Jansen voerde het woord."),
              "Het proces begon. || Mr. Jansen voerde het woord.");
    CHECK_STR(sents("Er waren ca. 300 betogers bij prof. De Groot."),
              "Er waren ca. 300 betogers bij prof. De Groot.");
    CHECK_STR(sents("Hij sprak met drs. Bakker en ir. Lely m.b.t. de dijken."),
              "Hij sprak met drs. Bakker en ir. Lely m.b.t. de dijken.");
    CHECK_STR(sents("Het gaat om tanks, munitie enz. Daarna volgt meer."),
              "Het gaat om tanks, munitie enz. || Daarna volgt meer.");
    CHECK_STR(sents("Dat werd op 3 maart jl. Besloten is er niets."),
              "Dat werd op 3 maart jl. || Besloten is er niets.");
    CHECK_STR(sents("Zie bijv. Duitsland en Frankrijk."), "Zie bijv. Duitsland en Frankrijk.");
    /* abbreviations that are also ordinary words still end a sentence before a capital */
    CHECK_STR(sents("Dat zei hij tegen mij. Daarna vertrok hij."), "Dat zei hij tegen mij. || Daarna vertrok hij.");
    CHECK_STR(sents("Zij is zijn ex. Ze wonen apart."), "Zij is zijn ex. || Ze wonen apart.");
    CHECK_STR(sents("Zijn vader heet Jan. Hij is boer."), "Zijn vader heet Jan. || Hij is boer.");
    CHECK_STR(sents("De boete is max. 500 euro."), "De boete is max. 500 euro.");
    CHECK(consistent());
}

static void initials(void)
{
    CHECK_STR(sents("J.F. Kennedy werd in 1963 vermoord. Zijn moordenaar werd zelf doodgeschoten."),
              "J.F. Kennedy werd in 1963 vermoord. || Zijn moordenaar werd zelf doodgeschoten.");
    CHECK_STR(sents("De winnaar is W. Jansen uit Utrecht."), "De winnaar is W. Jansen uit Utrecht.");
    CHECK_STR(sents("Minister H.J. de Jonge reageerde."), "Minister H.J. de Jonge reageerde.");
    /* one capital after a lower-case word, then a subject pronoun: the end of a sentence */
    CHECK_STR(sents("Dat schreef de minister op X. Hij was boos."), "Dat schreef de minister op X. || Hij was boos.");
    CHECK_STR(sents("Het ging om groep B. Ze wonnen alles."), "Het ging om groep B. || Ze wonnen alles.");
}

static void quotes(void)
{
    CHECK_STR(sents("\xE2\x80\x9EWij gaan door.\xE2\x80\x9D Daarna vertrok hij."),
              "\xE2\x80\x9EWij gaan door.\xE2\x80\x9D || Daarna vertrok hij.");
    CHECK_STR(sents("Hij zei: \"Dat klopt.\" Toen ging hij weg."),
              "Hij zei: \"Dat klopt.\" || Toen ging hij weg.");
    CHECK_STR(sents("Ze noemde het 'een schande.' Niemand reageerde."),
              "Ze noemde het 'een schande.' || Niemand reageerde.");
    CHECK_STR(sents("(Dat bleek later.) Het onderzoek loopt nog."),
              "(Dat bleek later.) || Het onderzoek loopt nog.");
    /* the quote opening the next sentence goes with it */
    CHECK_STR(sents("Het is voorbij. \xE2\x80\x9EWe zijn blij\xE2\x80\x9D, zei hij."),
              "Het is voorbij. || \xE2\x80\x9EWe zijn blij\xE2\x80\x9D, zei hij.");
    CHECK_STR(sents("De rebellen rukken op. \xC2\xAB" "Nooit meer oorlog" "\xC2\xBB, riepen ze."),
              "De rebellen rukken op. || \xC2\xAB" "Nooit meer oorlog" "\xC2\xBB, riepen ze.");
    /* a question or exclamation inside a quote, then ", said X": one sentence */
    CHECK_STR(sents("\xE2\x80\x9EWaarom nu?\xE2\x80\x9D, vroeg de minister."),
              "\xE2\x80\x9EWaarom nu?\xE2\x80\x9D, vroeg de minister.");
    CHECK_STR(sents("\"Nooit!\", riep de menigte."), "\"Nooit!\", riep de menigte.");
    CHECK_STR(sents("\xE2\x80\x9EWe gaan door\xE2\x80\x9D, zegt ze. \xE2\x80\x9E" "Altijd.\xE2\x80\x9D"),
              "\xE2\x80\x9EWe gaan door\xE2\x80\x9D, zegt ze. || \xE2\x80\x9E" "Altijd.\xE2\x80\x9D");
    CHECK(consistent());
}

static void lines(void)
{
    /* a headline without a full stop, then the article */
    CHECK_STR(sents("Poetin bezoekt China\nDe Russische president reist morgen af."),
              "Poetin bezoekt China || De Russische president reist morgen af.");
    /* blank lines end a sentence */
    CHECK_STR(sents("Eerste alinea zonder punt\n\nTweede alinea."),
              "Eerste alinea zonder punt || Tweede alinea.");
    CHECK_STR(sents("Eerste alinea\r\n\r\nTweede alinea"), "Eerste alinea || Tweede alinea");
    /* a line that clearly goes on does not */
    CHECK_STR(sents("De minister zei dat hij\nniet naar de top komt."),
              "De minister zei dat hij\nniet naar de top komt.");
    CHECK_STR(sents("Rusland, Iran,\nturkse en andere delegaties"),
              "Rusland, Iran,\nturkse en andere delegaties");
    /* a list of headlines, one per line */
    CHECK_STR(sents("Meer uit Buitenland\nBrand in Athene\nStaking in Parijs"),
              "Meer uit Buitenland || Brand in Athene || Staking in Parijs");
    CHECK(consistent());
}

/* Whether token j is in the tokenizer's list of where a sentence may end (d.ends). */
static bool noted(size_t j)
{
    for (size_t c = 0; c < d.nends; c++)
        if (d.ends[c] == j)
            return true;
    return false;
}

/* A word of the tokenizer's general path (a non-ASCII letter, an apostrophe) notes no end after
 * it on its line, as a plain word does; a line break or a stop after it still ends the sentence. */
static void general_words(void)
{
    CHECK_STR(sents("Hij woont in Belgi\xC3\xAB Daarna niet."), "Hij woont in Belgi\xC3\xAB Daarna niet.");
    CHECK(!noted(4));
    CHECK_STR(sents("Dat zijn auto's Daarna niet."), "Dat zijn auto's Daarna niet.");
    CHECK(!noted(3));
    CHECK_STR(sents("Hij woont in Belgi\xC3\xAB\nDaarna niet."), "Hij woont in Belgi\xC3\xAB || Daarna niet.");
    CHECK(noted(4));
    CHECK_STR(sents("Hij woont in Belgi\xC3\xAB. Daarna niet."), "Hij woont in Belgi\xC3\xAB. || Daarna niet.");
    CHECK(noted(5));
    CHECK_STR(sents("Ze zag de caf\xC3\xA9's enz. Daarna niet."), "Ze zag de caf\xC3\xA9's enz. || Daarna niet.");
    CHECK(consistent());
}

static void datelines(void)
{
    /* title line, dateline, body: three sentences, the dateline on its own */
    CHECK_STR(sents("Poetin ontvangt Xi\nMOSKOU (ANP/AFP) - De Russische president Vladimir Poetin ontvangt Xi. Ze praten over handel."),
              "Poetin ontvangt Xi || MOSKOU (ANP/AFP) - || De Russische president Vladimir Poetin ontvangt Xi. || Ze praten over handel.");
    CHECK(consistent());
    /* a dateline in the middle of a line (scraped pages) still opens its own item */
    CHECK_STR(sents("Dat zei hij. WASHINGTON (ANP) - Biden tekent de wet."),
              "Dat zei hij. || WASHINGTON (ANP) - || Biden tekent de wet.");
    CHECK_STR(sents("Vorige week 7 minuten geledenMEXICO-STAD (ANP) - Een aardbeving trof de stad."),
              "Vorige week 7 minuten geleden || MEXICO-STAD (ANP) - || Een aardbeving trof de stad.");
    CHECK(consistent());
}

static void long_sentence(void)
{
    /* no full stop at all: the splitter cuts at SENTENCE_MAX_TOKENS */
    static char buf[8 * 1000 + 1];
    size_t o = 0;
    for (int i = 0; i < 1000; i++) {
        memcpy(buf + o, "en nog  ", 8);
        o += 8;
    }
    buf[o] = 0;
    sents(buf);
    CHECK_INT(d.ntoks, 2000);
    CHECK_INT(d.nsents, (2000 + SENTENCE_MAX_TOKENS - 1) / SENTENCE_MAX_TOKENS);
    int ok = 1;
    for (size_t s = 0; s < d.nsents; s++)
        ok &= d.sents[s].tok_end - d.sents[s].tok_start <= SENTENCE_MAX_TOKENS;
    CHECK(ok);
    CHECK(consistent());
}

/* words tokens of "en" (words separated by a space), then tail: the sentences' token counts */
static const char *counts_after(int words, const char *tail)
{
    static char buf[3 * 1000 + 64], out[128];
    size_t o = 0;
    for (int i = 0; i < words; i++)
        memcpy(buf + o, "en ", 3), o += 3;
    o -= words > 0 && tail[0] == '.'; /* (a stop glued to the last word) */
    strcpy(buf + o, tail);
    sents(buf);
    size_t w = 0;
    out[0] = 0;
    for (size_t s = 0; s < d.nsents && w + 12 < sizeof out; s++)
        w += (size_t)snprintf(out + w, sizeof out - w, "%s%u", s ? " " : "", d.sents[s].tok_end - d.sents[s].tok_start);
    return out;
}

static void cut_then_stop(void)
{
    /* the splitter asks only where the tokenizer noted a possible end (after a mark, an
     * abbreviation, a quote, at a line break) and cuts at SENTENCE_MAX_TOKENS between them: a
     * stop after the cut still ends the sentence the cut opened */
    CHECK_STR(counts_after(450, ". Dat was het."), "400 51 4");
    CHECK(consistent());
    /* the cut on a stop: the stop opens a sentence of its own, as before */
    CHECK_STR(counts_after(400, ". Zo."), "400 1 2");
    CHECK(consistent());
    CHECK_STR(counts_after(399, ". Zo."), "400 2");
    CHECK(consistent());
    /* a comma or a number notes nothing: the cut still comes at 400 */
    CHECK_STR(counts_after(420, ", 12 en\nnog\nMeer."), "400 24 2");
    CHECK(consistent());
    CHECK_STR(counts_after(800, " en?"), "400 400 2");
    CHECK(consistent());
}

int main(void)
{
    doc_init(&d, NULL);
    d.lang = check_lang();
    plain();
    abbreviations();
    initials();
    quotes();
    lines();
    general_words();
    datelines();
    long_sentence();
    cut_then_stop();
    doc_free(&d);
    CHECK_DONE();
}
