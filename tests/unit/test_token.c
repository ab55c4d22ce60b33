/* test_token.c — the tokenizer on Dutch news shapes: abbreviations and initials with their
 * stops, numbers and scores, hyphenated compounds as glued parts, apostrophe words, every
 * quote style, URLs, e-mail, handles, case folding, and byte offsets that invalid UTF-8 and NUL
 * bytes never shift. The sentences are written for these tests. */
#include "core/lang.h"
#include "check.h"
#include "text/dateline.h"
#include "core/doc.h"
#include "core/utf8.h"
#include "text/sentence.h"
#include "text/token.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static feit_doc d;
static char joined[8192];

/* Runs the front of the pipeline (as pipeline.c does) on text[0..n). */
static void run_n(const char *text, size_t n)
{
    doc_reset(&d, "t", text, n);
    if (dateline_find(&d) || token_split(&d) || sentence_split(&d))
        printf("FAIL %s:%d: out of memory\n", __FILE__, __LINE__);
}

static void run(const char *text) { run_n(text, strlen(text)); }

/* The tokens of text as written, joined with '|'. */
static const char *toks(const char *text)
{
    run(text);
    size_t o = 0;
    joined[0] = 0;
    for (size_t i = 0; i < d.ntoks && o + doc_tok_len(&d, i) + 2 < sizeof joined; i++) {
        if (i)
            joined[o++] = '|';
        memcpy(joined + o, doc_tok_text(&d, i), doc_tok_len(&d, i));
        o += doc_tok_len(&d, i);
    }
    joined[o] = 0;
    return joined;
}

/* Index of the first token written exactly as s, or -1. */
static long find(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < d.ntoks; i++)
        if (doc_tok_len(&d, i) == n && !memcmp(doc_tok_text(&d, i), s, n))
            return (long)i;
    return -1;
}

/* Kind of the token written as s (run() first), or -1 when there is none. */
static int kind_of(const char *s)
{
    long i = find(s);
    return i < 0 ? -1 : d.toks[i].kind;
}

static unsigned flags_of(const char *s)
{
    long i = find(s);
    return i < 0 ? 0u : d.toks[i].flags;
}

static const char *fold_of(const char *s)
{
    long i = find(s);
    return i < 0 ? NULL : d.toks[i].fold;
}

static void abbreviations(void)
{
    CHECK_STR(toks("Volgens o.a. de VVD is het te laat."), "Volgens|o.a.|de|VVD|is|het|te|laat|.");
    CHECK(flags_of("o.a.") & TF_ABBREV);
    CHECK_STR(toks("Zijn advocaat mr. Jansen ging in beroep."), "Zijn|advocaat|mr.|Jansen|ging|in|beroep|.");
    CHECK(flags_of("mr.") & TF_ABBREV);
    CHECK_STR(toks("Viroloog dr. De Vries en drs. Bakker"), "Viroloog|dr.|De|Vries|en|drs.|Bakker");
    CHECK_STR(toks("ir. Lely en prof. Scherder"), "ir.|Lely|en|prof.|Scherder");
    CHECK_STR(toks("Mevr. Peters"), "Mevr.|Peters");
    CHECK_STR(fold_of("Mevr."), "mevr.");
    CHECK_STR(toks("Er kwamen ca. 300 betogers."), "Er|kwamen|ca.|300|betogers|.");
    CHECK_INT(kind_of("300"), TOK_NUM);
    CHECK_STR(toks("motie nr. 12 op blz. 4"), "motie|nr.|12|op|blz.|4");
    CHECK_STR(toks("buurlanden, bijv. Duitsland"), "buurlanden|,|bijv.|Duitsland");
    CHECK_STR(toks("vragen m.b.t. de begroting, d.w.z. de cijfers"),
              "vragen|m.b.t.|de|begroting|,|d.w.z.|de|cijfers");
    CHECK(flags_of("m.b.t.") & TF_ABBREV);
    CHECK_STR(toks("op 3 maart jl. in Brussel"), "op|3|maart|jl.|in|Brussel");
    CHECK_STR(toks("tanks, drones e.d. en munitie enz."), "tanks|,|drones|e.d.|en|munitie|enz.");
    CHECK(flags_of("enz.") & TF_ABBREV);
    /* an acronym before a full stop ends the sentence; it is no abbreviation */
    CHECK_STR(toks("Hij reist naar de VS."), "Hij|reist|naar|de|VS|.");
    CHECK(!(flags_of("VS") & TF_ABBREV));
    /* a plain word before a full stop keeps it apart */
    CHECK_STR(toks("Het kabinet is gevallen."), "Het|kabinet|is|gevallen|.");
    /* so does a short one after other words, unless the language lists it (in any case but
     * all caps) */
    CHECK_STR(toks("zei ze. Toen zag ze het DNA. Een ir. of een IR. en de top. Of prof. Ja ING. Nee"),
              "zei|ze|.|Toen|zag|ze|het|DNA|.|Een|ir.|of|een|IR|.|en|de|top|.|Of|prof.|Ja|ING|.|Nee");
    CHECK_INT(flags_of("ze") & (TF_ABBREV | TF_LOWER), TF_LOWER);
    CHECK_INT(flags_of("DNA") & (TF_ABBREV | TF_ALLCAPS | TF_CAP), TF_ALLCAPS | TF_CAP);
}

static void initials(void)
{
    CHECK_STR(toks("J.F. Kennedy werd in Dallas vermoord."), "J.F.|Kennedy|werd|in|Dallas|vermoord|.");
    CHECK(flags_of("J.F.") & TF_ABBREV);
    CHECK(flags_of("J.F.") & TF_CAP);
    CHECK_STR(toks("volgens M. Rutte"), "volgens|M.|Rutte");
    CHECK_STR(toks("W.A. (Willem) Jansen"), "W.A.|(|Willem|)|Jansen");
    /* one capital after a lower-case word, then a subject pronoun: a word ending a sentence */
    CHECK_STR(toks("schrijft hij op X. Hij is boos."), "schrijft|hij|op|X|.|Hij|is|boos|.");
    CHECK_STR(toks("in groep B. Ze wonnen."), "in|groep|B|.|Ze|wonnen|.");
    /* an initial before a name, or after a given name, stays one */
    CHECK_STR(toks("door J. Jansen"), "door|J.|Jansen");
    CHECK_STR(toks("door Jeroen K. Hij"), "door|Jeroen|K.|Hij");
    CHECK_STR(toks("op X. het"), "op|X.|het");
    CHECK_STR(toks("schrijft hij op X."), "schrijft|hij|op|X|.");
    CHECK_STR(toks("schrijft hij op X.\nDe minister"), "schrijft|hij|op|X|.|De|minister");
    CHECK_STR(toks("volgens Jeroen K."), "volgens|Jeroen|K.");
}

static void numbers(void)
{
    CHECK_STR(toks("De economie groeide 3,5 procent."), "De|economie|groeide|3,5|procent|.");
    CHECK_INT(kind_of("3,5"), TOK_NUM);
    CHECK_STR(toks("om 10.35 uur"), "om|10.35|uur");
    CHECK_INT(kind_of("10.35"), TOK_NUM);
    CHECK_STR(toks("Ajax won met 2-1, PSV verloor met 0-3."), "Ajax|won|met|2-1|,|PSV|verloor|met|0-3|.");
    CHECK_INT(kind_of("2-1"), TOK_NUM);
    CHECK_INT(kind_of("0-3"), TOK_NUM);
    CHECK_STR(toks("ruim 1.000 doden en 1.250.000 vluchtelingen"), "ruim|1.000|doden|en|1.250.000|vluchtelingen");
    CHECK_STR(toks("Dat was in 2019."), "Dat|was|in|2019|.");
    CHECK_STR(toks("de aftrap om 20:45"), "de|aftrap|om|20:45");
    CHECK_STR(toks("5,-"), "5|,|-");
}

static void compounds(void)
{
    CHECK_STR(toks("NAVO-chef Rutte"), "NAVO|-|chef|Rutte");
    long i = find("NAVO");
    CHECK(i >= 0 && !(d.toks[i].flags & TF_GLUED));
    CHECK(i >= 0 && (d.toks[i + 1].flags & TF_GLUED) && (d.toks[i + 2].flags & TF_GLUED));
    CHECK(!(flags_of("Rutte") & TF_GLUED));
    CHECK(flags_of("NAVO") & TF_ALLCAPS);
    CHECK_STR(toks("de EU-leiders"), "de|EU|-|leiders");
    CHECK_STR(toks("het kabinet-Rutte-IV"), "het|kabinet|-|Rutte|-|IV");
    CHECK_STR(toks("naar Mexico-Stad en Crans-Montana"), "naar|Mexico|-|Stad|en|Crans|-|Montana");
    CHECK(flags_of("Stad") & TF_GLUED);
    CHECK(flags_of("Montana") & TF_GLUED);
    CHECK_STR(toks("een pro-Russische regering"), "een|pro|-|Russische|regering");
    /* a free-standing dash is not glued */
    CHECK_STR(toks("Rusland - Oekraïne"), "Rusland|-|Oekraïne");
    CHECK(!(flags_of("-") & TF_GLUED));
}

static void apostrophes(void)
{
    CHECK_STR(toks("Trumps plan en Xi's antwoord"), "Trumps|plan|en|Xi's|antwoord");
    CHECK_STR(toks("Xi\xE2\x80\x99s bezoek"), "Xi\xE2\x80\x99s|bezoek");
    /* typographic and typewriter apostrophes fold alike */
    CHECK_STR(fold_of("Xi\xE2\x80\x99s"), "xi's");
    CHECK_STR(toks("zo'n 40 auto's"), "zo'n|40|auto's");
    CHECK_INT(kind_of("zo'n"), TOK_WORD);
    CHECK_STR(toks("in 's-Hertogenbosch"), "in|'s|-|Hertogenbosch");
    CHECK_INT(kind_of("'s"), TOK_WORD);
    CHECK_STR(toks("\xE2\x80\x99s avonds"), "\xE2\x80\x99s|avonds");
    CHECK_STR(toks("Gerard 't Hooft"), "Gerard|'t|Hooft");
}

static void quotes(void)
{
    CHECK_STR(toks("\xE2\x80\x9EWij gaan door\xE2\x80\x9D, zei ze."),
              "\xE2\x80\x9E|Wij|gaan|door|\xE2\x80\x9D|,|zei|ze|.");
    CHECK_INT(kind_of("\xE2\x80\x9E"), TOK_QUOTE);
    CHECK_INT(kind_of("\xE2\x80\x9D"), TOK_QUOTE);
    CHECK_STR(toks("\"Dat klopt\", zei hij."), "\"|Dat|klopt|\"|,|zei|hij|.");
    CHECK_INT(kind_of("\""), TOK_QUOTE);
    CHECK_STR(toks("de 'vredesmissie' van Poetin"), "de|'|vredesmissie|'|van|Poetin");
    CHECK_INT(kind_of("'"), TOK_QUOTE);
    CHECK_STR(toks("een \xE2\x80\x98historische\xE2\x80\x99 stap"),
              "een|\xE2\x80\x98|historische|\xE2\x80\x99|stap");
    CHECK_INT(kind_of("\xE2\x80\x99"), TOK_QUOTE);
    CHECK_STR(toks("\xC2\xAB" "Nooit meer" "\xC2\xBB"), "\xC2\xAB|Nooit|meer|\xC2\xBB");
    CHECK_INT(kind_of("\xC2\xAB"), TOK_QUOTE);
    CHECK_INT(kind_of("\xC2\xBB"), TOK_QUOTE);
    CHECK_STR(toks("\xE2\x80\x9C" "Genoeg" "\xE2\x80\x9D"), "\xE2\x80\x9C|Genoeg|\xE2\x80\x9D");
    /* a quote opening on 's' or 't' followed by a letter is a quote, not the article 's/'t */
    CHECK_STR(toks("'Sterk verhaal'"), "'|Sterk|verhaal|'");
    CHECK_STR(toks("'t Is voorbij"), "'t|Is|voorbij");
    /* an ASCII quote or stop met again in the document is the same kind every time (the
     * tokenizer asks the language about each ASCII character once per document) */
    CHECK_STR(toks("\"A\", \"B\"; (\"C\") `D`."), "\"|A|\"|,|\"|B|\"|;|(|\"|C|\"|)|`|D|`|.");
    int quotes = 0, puncts = 0;
    for (size_t i = 0; i < d.ntoks; i++)
        quotes += d.toks[i].kind == TOK_QUOTE, puncts += d.toks[i].kind == TOK_PUNCT;
    CHECK_INT(quotes, 6 + 2 * lang_is_quote(d.lang, '`'));
    CHECK_INT(puncts, 5 + 2 * !lang_is_quote(d.lang, '`'));
    /* a quote of 0x80 and up met again in the document is the token the first one was (the
     * tokenizer keeps the first one's fold and hash), and an apostrophe before s or t met after
     * it as a quote still opens a word */
    CHECK_STR(toks("\xE2\x80\x98Ja\xE2\x80\x99 en \xE2\x80\x98nee\xE2\x80\x99, \xE2\x80\x99s avonds en 't Hooft 'tot' \xE2\x80\x9Cx\xE2\x80\x9D\xE2\x80\x9Cy\xE2\x80\x9D"),
              "\xE2\x80\x98|Ja|\xE2\x80\x99|en|\xE2\x80\x98|nee|\xE2\x80\x99|,|\xE2\x80\x99s|avonds|en|'t|Hooft|'|tot|'|"
              "\xE2\x80\x9C|x|\xE2\x80\x9D|\xE2\x80\x9C|y|\xE2\x80\x9D");
    static const long same[][2] = {{0, 4}, {2, 6}, {16, 19}, {18, 21}, {13, 15}};
    for (size_t k = 0; k < sizeof same / sizeof *same; k++) {
        const feit_token *a = &d.toks[same[k][0]], *b = &d.toks[same[k][1]];
        CHECK_INT(a->kind, TOK_QUOTE);
        CHECK_INT(b->kind, TOK_QUOTE);
        CHECK_INT(b->fold_len, a->fold_len);
        CHECK(!strcmp(b->fold, a->fold));
        CHECK_INT(b->hash, utf8_hash(b->fold, b->fold_len, UTF8_HASH_INIT));
        CHECK_INT(b->flags & (TF_CAP | TF_LOWER | TF_ALLCAPS), 0);
    }
    CHECK_STR(d.toks[2].fold, "'"); /* (’ folds to ') */
    CHECK_INT(d.toks[8].kind, TOK_WORD);
    CHECK_INT(d.toks[19].flags & TF_GLUED, TF_GLUED);
}

static void urls_handles_email(void)
{
    CHECK_STR(toks("Lees meer op https://nos.nl/artikel/2400000-test.html."),
              "Lees|meer|op|https://nos.nl/artikel/2400000-test.html|.");
    CHECK_INT(kind_of("https://nos.nl/artikel/2400000-test.html"), TOK_URL);
    CHECK_STR(toks("(zie www.rijksoverheid.nl)"), "(|zie|www.rijksoverheid.nl|)");
    CHECK_INT(kind_of("www.rijksoverheid.nl"), TOK_URL);
    CHECK_STR(toks("Het account @MinPres meldde #Oekra\xC3\xAFne"), "Het|account|@MinPres|meldde|#Oekra\xC3\xAFne");
    CHECK_INT(kind_of("@MinPres"), TOK_HANDLE);
    CHECK_INT(kind_of("#Oekra\xC3\xAFne"), TOK_HANDLE);
    CHECK_STR(toks("Mail tips naar redactie@voorbeeld.nl."), "Mail|tips|naar|redactie@voorbeeld.nl|.");
    CHECK_INT(kind_of("redactie@voorbeeld.nl"), TOK_EMAIL);
    CHECK_STR(toks("j.de.vries@example.org"), "j.de.vries@example.org");
    /* the prefixes in any case; words on h and w (one letter at the very end too) are words */
    CHECK_STR(toks("HTTPS://NOS.NL/X en Www.Nos.nl, het http wwwx w"), "HTTPS://NOS.NL/X|en|Www.Nos.nl|,|het|http|wwwx|w");
    CHECK_INT(kind_of("HTTPS://NOS.NL/X"), TOK_URL);
    CHECK_INT(kind_of("Www.Nos.nl"), TOK_URL);
    CHECK_INT(kind_of("http"), TOK_WORD);
    CHECK_INT(kind_of("wwwx"), TOK_WORD);
    CHECK_STR(toks("h"), "h");
    CHECK_INT(kind_of("h"), TOK_WORD);
    /* a lone @ is punctuation-like, not a handle */
    CHECK_STR(toks("prijs @ 5"), "prijs|@|5");
    CHECK(kind_of("@") != TOK_HANDLE);
}

/* Words before . - : and @ in a run of plain words, 16 bytes or more before the end (where
 * plain_words takes a word before such a mark itself when it is a token of its own): the
 * abbreviations, initials, e-mail addresses and URLs still take the mark, a long word before a
 * stop or a hyphen does not, and the mark after it is glued punctuation. */
static void words_before_marks(void)
{
    static const char *tail = " en dan nog wat woorden";
    static const struct {
        const char *text, *tokens;
    } cases[] = {
        {"volgens de krant o.a. de VVD", "volgens|de|krant|o.a.|de|VVD"},
        {"de advocaat mr. Jansen ging", "de|advocaat|mr.|Jansen|ging"},
        {"ze gingen naar huis. Daarna", "ze|gingen|naar|huis|.|Daarna"},
        {"het kabinet vergaderde lang. Daarna", "het|kabinet|vergaderde|lang|.|Daarna"},
        {"het kabinet vergaderde urenlang. Daarna", "het|kabinet|vergaderde|urenlang|.|Daarna"},
        {"de premier wees ook J.F. Kennedy", "de|premier|wees|ook|J.F.|Kennedy"},
        {"mail de redactie.nieuws@voorbeeld.nl of", "mail|de|redactie.nieuws@voorbeeld.nl|of"},
        {"mail redactie-nieuws@voorbeeld.nl of", "mail|redactie-nieuws@voorbeeld.nl|of"},
        {"zie daarvoor www.rijksoverheid.nl en", "zie|daarvoor|www.rijksoverheid.nl|en"},
        {"lees meer op https://nos.nl/x en", "lees|meer|op|https://nos.nl/x|en"},
        {"de NAVO-chef sprak gisteren", "de|NAVO|-|chef|sprak|gisteren"},
        {"de tijd: het is laat", "de|tijd|:|het|is|laat"},
        {"de groei was tien procent_en meer", "de|groei|was|tien|procent|_|en|meer"},
        {"de site nieuwsbericht.nl meldt", "de|site|nieuwsbericht|.|nl|meldt"},
    };
    /* (with the long tail the words are taken from plain_words' 64-byte blocks) */
    static const char *long_tail = " en dan nog wat woorden die de tekst langer maken dan een blok";
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char text[200], want[200];
        snprintf(text, sizeof text, "%s%s", cases[k].text, tail);
        snprintf(want, sizeof want, "%s|en|dan|nog|wat|woorden", cases[k].tokens);
        CHECK_STR(toks(text), want);
        snprintf(text, sizeof text, "%s%s", cases[k].text, long_tail);
        snprintf(want, sizeof want, "%s|en|dan|nog|wat|woorden|die|de|tekst|langer|maken|dan|een|blok",
                 cases[k].tokens);
        CHECK_STR(toks(text), want);
    }
    toks("het kabinet vergaderde urenlang. Daarna kwam er nog veel meer");
    CHECK_INT(kind_of("urenlang"), TOK_WORD);
    CHECK_INT(flags_of("urenlang"), TF_LOWER);
    CHECK_STR(fold_of("urenlang"), "urenlang");
    CHECK_INT(d.toks[find("urenlang")].hash, utf8_hash("urenlang", 8, UTF8_HASH_INIT));
    CHECK_INT(kind_of("."), TOK_PUNCT);
    CHECK(flags_of(".") & TF_GLUED);
    toks("de NAVO-chef sprak gisteren met de andere leiders");
    CHECK_INT(flags_of("NAVO"), TF_CAP | TF_ALLCAPS);
    CHECK(flags_of("-") & TF_GLUED);
    CHECK(flags_of("chef") & TF_GLUED);
    CHECK_INT(kind_of("mr."), -1);
}

static void folding_and_shape(void)
{
    toks("OEKRA\xC3\x8FNE en Oekra\xC3\xAFne");
    CHECK_STR(fold_of("OEKRA\xC3\x8FNE"), "oekra\xC3\xAFne");
    CHECK_STR(fold_of("Oekra\xC3\xAFne"), "oekra\xC3\xAFne");
    CHECK(flags_of("OEKRA\xC3\x8FNE") & TF_ALLCAPS);
    CHECK(flags_of("Oekra\xC3\xAFne") & TF_CAP);
    CHECK(!(flags_of("Oekra\xC3\xAFne") & TF_ALLCAPS));
    CHECK(flags_of("en") & TF_LOWER);
    /* decomposed ï (i + U+0308) folds to the same NFC form */
    toks("Oekrai\xCC\x88ne");
    CHECK_INT(d.ntoks, 1);
    CHECK_STR(d.toks[0].fold, "oekra\xC3\xAFne");
    toks("\xC3\x89\xC3\x89N \xC3\x89lys\xC3\xA9" "e");
    CHECK_STR(fold_of("\xC3\x89\xC3\x89N"), "\xC3\xA9\xC3\xA9n");
    CHECK(flags_of("\xC3\x89lys\xC3\xA9" "e") & TF_CAP);
    /* same fold gives the same hash */
    toks("KIEV Kiev");
    CHECK(d.ntoks == 2 && d.toks[0].hash == d.toks[1].hash);
}

static void line_flags(void)
{
    toks("Eerste regel\nTweede regel\n\nNieuwe alinea");
    CHECK(flags_of("Tweede") & TF_NEWLINE);
    CHECK(!(flags_of("Tweede") & TF_PARA));
    CHECK(flags_of("Nieuwe") & TF_PARA);
    CHECK(!(flags_of("regel") & TF_NEWLINE));
    /* \r\n line ends count as line ends */
    toks("Eerste regel\r\n\r\nNieuwe alinea");
    CHECK(flags_of("Nieuwe") & TF_PARA);
    CHECK_STR(toks("Hij twijfelde... en zweeg"), "Hij|twijfelde|...|en|zweeg");
    CHECK_INT(kind_of("..."), TOK_PUNCT);
}

/* Every token's offsets are inside the text and increasing, and the bytes it covers are the
 * bytes of the input (nothing is skipped but white space and NULs). */
static int offsets_sane(const char *text, size_t n)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < d.ntoks; i++) {
        if (d.toks[i].start < prev || d.toks[i].end <= d.toks[i].start || d.toks[i].end > n)
            return 0;
        for (uint32_t k = prev; k < d.toks[i].start; k++)
            if (!strchr(" \n\r\t", text[k]) && text[k] != 0)
                return 0;
        prev = d.toks[i].end;
    }
    return 1;
}

static void invalid_bytes(void)
{
    /* an invalid byte is its own token; the word after it keeps its true offset */
    const char *a = "Kiev\xFF is bezet";
    run(a);
    CHECK(offsets_sane(a, strlen(a)));
    long i = find("is");
    CHECK(i >= 0 && d.toks[i].start == 6 && d.toks[i].end == 8);
    CHECK(d.ntoks >= 2 && (d.toks[1].flags & TF_INVALID));
    CHECK(!(flags_of("Kiev") & TF_INVALID));
    /* a truncated two-byte sequence inside a word */
    const char *b = "Mos\xC3kou en Minsk";
    run(b);
    CHECK(offsets_sane(b, strlen(b)));
    i = find("Minsk");
    CHECK(i >= 0 && d.toks[i].start == 11);
    /* a lone continuation byte and an overlong encoding */
    const char *c = "\x80\xC0\xAF Den Haag \xED\xA0\x80";
    run(c);
    CHECK(offsets_sane(c, strlen(c)));
    i = find("Haag");
    CHECK(i >= 0 && d.toks[i].start == 8);
    /* NUL bytes separate tokens and do not end the text */
    const char e[] = "Parijs\0Berlijn\0\0Rome";
    run_n(e, sizeof e - 1);
    CHECK_INT(d.ntoks, 3);
    CHECK(offsets_sane(e, sizeof e - 1));
    CHECK(d.ntoks == 3 && d.toks[1].start == 7 && d.toks[2].start == 16 && d.toks[2].end == 20);
    /* a truncated sequence at the very end */
    const char *f = "Praag\xE2\x80";
    run(f);
    CHECK(offsets_sane(f, strlen(f)));
    CHECK(d.ntoks >= 1 && d.toks[d.ntoks - 1].end == strlen(f));
}

static void abbrev_lookup(void)
{
    int can_end;
    CHECK(lang_is_abbrev(check_lang(), "prof", 4, &can_end) && !can_end);
    CHECK(lang_is_abbrev(check_lang(), "enz", 3, &can_end) && can_end);
    CHECK(!lang_is_abbrev(check_lang(), "poetin", 6, &can_end));
    /* every abbreviation is found (the table is searched by halves, so this checks its order)
     * and only those in the second list end sentences */
    static const char all[] =
        "|mr|dr|drs|ir|ing|prof|mevr|mw|dhr|hr|ds|mgr|st|sr|jr|ca|nr|blz|pag|bijv|bv|enz|etc|jl|incl|excl|resp|"
        "evt|zgn|vnl|ong|gem|max|min|art|afd|tel|kol|gen|lt|kapt|adm|sgt|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|"
        "nov|dec|vs|vgl|nl|mln|mld|mrd|bln|plm|ged|idem|ibid|vz|wnd|secr|penn|corp|inc|ltd|co|mt|mij|fa|gebr|wed|"
        "inz|ivm|zg|em|ex|ev|";
    static const char ends[] = "|enz|etc|jl|incl|excl|resp|vs|idem|ibid|ltd|inc|corp|co|mij|ex|min|max|jan|tel|gen|";
    int missing = 0, wrong_end = 0, found = 0;
    for (const char *w = all + 1; *w; w = strchr(w, '|') + 1) {
        size_t n = (size_t)(strchr(w, '|') - w);
        char needle[16];
        snprintf(needle, sizeof needle, "|%.*s|", (int)n, w);
        missing += !lang_is_abbrev(check_lang(), w, n, &can_end);
        wrong_end += can_end != (strstr(ends, needle) != NULL);
        found++;
    }
    CHECK_INT(found, 85);
    CHECK_INT(missing, 0);
    CHECK_INT(wrong_end, 0);
    /* prefixes, extensions and neighbours in the order are not */
    CHECK(!lang_is_abbrev(check_lang(), "m", 1, &can_end));
    CHECK(!lang_is_abbrev(check_lang(), "mrs", 3, &can_end));
    CHECK(!lang_is_abbrev(check_lang(), "septe", 5, &can_end));
    CHECK(!lang_is_abbrev(check_lang(), "aaa", 3, &can_end));
    CHECK(!lang_is_abbrev(check_lang(), "zzz", 3, &can_end));
    CHECK(!lang_is_abbrev(check_lang(), "", 0, &can_end));
}

/* Words of ASCII letters and digits take a one-pass path; these leave it half-way and must come
 * out as the general path makes them. */
static void ascii_word_edges(void)
{
    CHECK_STR(toks("Cura\xC3\xA7" "ao en financi\xC3\xABle steun"), "Cura\xC3\xA7" "ao|en|financi\xC3\xABle|steun");
    CHECK_STR(fold_of("Cura\xC3\xA7" "ao"), "cura\xC3\xA7" "ao");
    CHECK(flags_of("Cura\xC3\xA7" "ao") & TF_CAP);
    CHECK_STR(toks("ZO'N auto\xE2\x80\x99s"), "ZO'N|auto\xE2\x80\x99s");
    CHECK(flags_of("ZO'N") & TF_ALLCAPS);
    /* digits first: the case comes from the first letter */
    toks("3D x86 A380 4u 2000");
    CHECK(flags_of("3D") & TF_CAP);
    CHECK(!(flags_of("3D") & TF_ALLCAPS));
    CHECK(flags_of("x86") & TF_LOWER);
    CHECK(flags_of("A380") & TF_CAP);
    CHECK_INT(kind_of("A380"), TOK_WORD);
    CHECK_INT(kind_of("2000"), TOK_NUM);
    CHECK(!(flags_of("2000") & (TF_CAP | TF_LOWER)));
    /* a word longer than the one-pass path takes, and one that ends the text */
    char text[200], fold[200];
    memset(text, 'B', 150);
    memcpy(text + 150, " Einde", 7);
    memset(fold, 'b', 150);
    fold[150] = 0;
    run(text);
    CHECK_INT(d.ntoks, 2);
    CHECK(d.ntoks == 2 && d.toks[0].end == 150 && d.toks[0].fold_len == 150);
    CHECK(d.ntoks == 2 && !strcmp(d.toks[0].fold, fold));
    CHECK(d.ntoks == 2 && (d.toks[0].flags & TF_ALLCAPS));
    toks("KIEV Kiev kiev");
    CHECK(d.ntoks == 3 && d.toks[0].hash == d.toks[2].hash && !strcmp(d.toks[0].fold, "kiev"));
    /* one letter or a known abbreviation before a stop takes the stop in */
    CHECK_STR(toks("Q. en Prof. en prof2."), "Q.|en|Prof.|en|prof2|.");
    CHECK_STR(fold_of("Prof."), "prof.");
}

/* The one-pass ASCII word path (scan_ascii_word: the byte table scans, folds and hashes in one
 * loop) against the general path: on texts with multibyte letters at either edge of a word, Unicode
 * spaces, words at the very end of the buffer and at the length where the fast path hands over,
 * every token's fold is utf8_fold of its text, NUL-terminated, its hash utf8_hash of the fold,
 * and its case flags those of its letters. */
/* A long run of plain words (plain_words takes them in one call) crosses the growth of the token
 * array and the ends of fold chunks: every word is still its own token, with its fold, hash and
 * case shape, whatever room was left when the run began. */
static void plain_run_rooms(void)
{
    static char text[40000];
    size_t o = 0, words = 0;
    for (unsigned k = 0; o + 40 < sizeof text; k++, words++) {
        size_t len = 1 + (k * 7) % 15; /* 1..15 letters */
        for (size_t j = 0; j < len; j++)
            text[o++] = (char)((k % 3 == 0 && j == 0) || k % 11 == 0 ? 'A' + (k + j) % 26 : 'a' + (k + j) % 26);
        text[o++] = k % 97 == 96 ? ',' : ' ';
        if (k % 97 == 96)
            text[o++] = ' ';
    }
    doc_reset(&d, "t", text, o);
    CHECK(!token_split(&d));
    bool ok = d.ntoks == words + words / 97;
    for (size_t i = 0; i < d.ntoks && ok; i++) {
        const feit_token *t = &d.toks[i];
        size_t n = doc_tok_len(&d, i);
        const char *w = doc_tok_text(&d, i);
        bool same = t->fold_len == n && t->fold[n] == 0 && t->hash == utf8_hash(t->fold, n, UTF8_HASH_INIT);
        int uppers = 0;
        for (size_t j = 0; j < n && same; j++) {
            same &= t->fold[j] == (w[j] >= 'A' && w[j] <= 'Z' ? w[j] + 32 : w[j]);
            uppers += w[j] >= 'A' && w[j] <= 'Z';
        }
        if (t->kind == TOK_WORD)
            same &= (t->flags & (TF_CAP | TF_LOWER | TF_ALLCAPS)) ==
                    ((w[0] >= 'A' && w[0] <= 'Z' ? TF_CAP : TF_LOWER) | (n >= 2 && uppers == (int)n ? TF_ALLCAPS : 0));
        else
            same &= n == 1 && w[0] == ',' && t->kind == TOK_PUNCT;
        if (!same)
            printf("FAIL %s:%d: token %zu '%.*s': fold '%s' hash %08x flags %x\n", __FILE__, __LINE__, i, (int)n, w,
                   t->fold, t->hash, t->flags);
        ok &= same;
    }
    CHECK(ok);
}

/* An '@' after a word before a stop or a hyphen makes it part of an e-mail address only when
 * it is less than 64 bytes on: a document's text is searched to its next '@' once, and a word
 * after that '@' searches again (a second address), in plain_words' blocks. */
static void at_signs_ahead(void)
{
    CHECK_STR(toks("schrijf naar de redactie.nieuws@voorbeeld.nl of naar pietje.de.vries@voorbeeld.nl en dan nog "
                   "wat woorden die de tekst langer maken dan een blok"),
              "schrijf|naar|de|redactie.nieuws@voorbeeld.nl|of|naar|pietje.de.vries@voorbeeld.nl|en|dan|nog|wat|woorden|"
              "die|de|tekst|langer|maken|dan|een|blok");
    CHECK_INT(kind_of("pietje.de.vries@voorbeeld.nl"), TOK_EMAIL);
    /* a local part that puts its '@' 63 bytes after the word's stop makes one address; 64, the
     * word and the stop are tokens of their own (the rest is an address by itself) */
    for (int far = 0; far < 2; far++) {
        char text[200], want[200], x[80];
        memset(x, 'x', sizeof x);
        int nx = 62 + far;
        snprintf(text, sizeof text, "schrijf naar pietje.%.*s@voorbeeld.nl en dan nog wat woorden", nx, x);
        snprintf(want, sizeof want, "schrijf|naar|%s%.*s@voorbeeld.nl|en|dan|nog|wat|woorden", far ? "pietje|.|" : "pietje.",
                 nx, x);
        CHECK_STR(toks(text), want);
    }
}

static void fast_path_agrees(void)
{
    static const char *texts[] = {
        "",
        "a",
        "Zo",
        "Oekra\xC3\xAFne \xC3\xA9\xC3\xA9n ge\xC3\xABrgerd caf\xC3\xA9 \xC3\x89" "cole",
        "na\xC3\xAF" "ef\xC3\xA9 NA\xC3\x8F\xC3\x8F" "EF x\xC3\xAB",
        "de\xC2\xA0Kamer\xE2\x80\x89" "en\xE3\x80\x80" "de\xE2\x80\x8BSenaat\xC2\xA0",
        "A380 3D x86 2020s 10.35 3,5 1.000.000 2-1 20:30 IJSSELMEER iJzer",
        "e-mail: jan.de.vries@nos.nl www.nos.nl http://x.nl/a?b=c @NOS #klimaat",
        "zo'n auto's 's-Hertogenbosch 't Hooft Xi\xE2\x80\x99s",
        "einde\n\nNieuwe alinea\r\nregel\tTAB\x01" "ctl\x7F",
        "ongeldig\xFF\xFE" "byte \xC3 half",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl "  /* 64 */
        "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm " /* 65 */
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJK\xC3\x8B",
        "laatste",
        "laatste\xC3\xAB",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        run(texts[k]);
        bool ok = strlen(texts[k]) || d.ntoks == 0;
        for (size_t i = 0; i < d.ntoks; i++) {
            const feit_token *t = &d.toks[i];
            feit_arena a;
            arena_init(&a);
            uint32_t n;
            const char *want = utf8_fold(&a, doc_tok_text(&d, i), doc_tok_len(&d, i), &n);
            bool same = want && t->fold_len == n && !memcmp(t->fold, want, n) && t->fold[n] == 0 &&
                        t->hash == utf8_hash(t->fold, t->fold_len, UTF8_HASH_INIT);
            /* case flags from the letters, decoded */
            int uppers = 0, lowers = 0, first = 0, len;
            for (size_t j = 0; j < doc_tok_len(&d, i); j += (size_t)len) {
                int32_t c = utf8_decode(doc_tok_text(&d, i) + j, doc_tok_len(&d, i) - j, &len);
                if (utf8_is_upper(c))
                    uppers++, first = first ? first : 1;
                else if (utf8_is_lower(c))
                    lowers++, first = first ? first : -1;
            }
            unsigned shape = (first > 0 ? TF_CAP : first < 0 ? TF_LOWER : 0) | (uppers >= 2 && !lowers ? TF_ALLCAPS : 0);
            same &= (t->flags & (TF_CAP | TF_LOWER | TF_ALLCAPS)) == shape;
            if (!same)
                printf("FAIL %s:%d: text %zu token %zu '%.*s': fold '%s' hash %08x flags %x\n", __FILE__, __LINE__, k,
                       i, (int)doc_tok_len(&d, i), doc_tok_text(&d, i), t->fold, t->hash, t->flags);
            ok &= same;
            arena_free(&a);
        }
        /* tokens cover the text in order; the last ends at the buffer's end or before spaces */
        for (size_t i = 1; i < d.ntoks; i++)
            ok &= d.toks[i].start >= d.toks[i - 1].end;
        CHECK(ok);
    }
    /* the Unicode spaces separate words as ASCII space does */
    CHECK_STR(toks("de\xC2\xA0Kamer\xE2\x80\x89" "en\xE3\x80\x80" "de\xE2\x80\x8BSenaat\xC2\xA0"), "de|Kamer|en|de|Senaat");
    CHECK_STR(toks("laatste\xC3\xAB"), "laatste\xC3\xAB");
    CHECK_STR(toks("\xC3\xA9\xC3\xA9n x\xC3\xAB."), "\xC3\xA9\xC3\xA9n|x\xC3\xAB|.");
    run("");
    CHECK_INT(d.ntoks, 0);
}

/* Words of ASCII letters and digits of every length from 1 to 70 (the one-pass path hands words
 * of 64 and more to the general path), at the start of the text, after spaces, or after a word
 * and one space (the loop that takes such words one after another), in five case shapes, each
 * ending the text or followed by a space, a multibyte letter, an apostrophe word, a hyphen, a
 * digit, a comma or a stop: the word's token is the word with what glues to it, its fold the
 * ASCII-lowered text, its hash utf8_hash of the fold, its case flags those of its letters, and no
 * glue or line flag. The text is allocated to its length, so a read past it is an ASan error. */
static void ascii_block_edges(void)
{
    /* (the long tails put 16 bytes or more after every word: the sixteen-byte step takes it) */
    static const char *tails[] = {"",   " x", "\xC3\xAB", "\xC3\xAB" "x", "'s", "-x", "9", ",x", ".",
                                  " en dan nog wat woorden", "\xC3\xAB" "n en nog wat woorden",
                                  "'s en nog wat woorden", "-achtig en nog wat woorden", "9 en nog wat woorden",
                                  ". En nog wat woorden"};
    static const int glued[] = {0, 0, 2, 3, 2, 0, 1, 0, 0, 0, 3, 2, 0, 1, 0}; /* tail bytes in the token */
    static const char *prefixes[] = {"", " ", "  ", "de ", "NU ", "in 2019 ", "zo'n "};
    static const size_t before[] = {0, 0, 0, 1, 1, 2, 1}; /* tokens of the prefix */
    enum { LOWER, CAPITAL, ALLCAPS, DIGIT_INSIDE, DIGIT_FIRST, SHAPES };
    for (int shape = 0; shape < SHAPES; shape++)
        for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
            bool ok = true;
            for (size_t pre = 0; pre < sizeof prefixes / sizeof *prefixes; pre++)
                for (size_t len = shape >= DIGIT_INSIDE ? 2 : 1; len <= 70; len++) {
                    char word[80];
                    for (size_t k = 0; k < len; k++) {
                        char c = (char)('a' + (k * 7 + len) % 26);
                        if (shape == ALLCAPS || (shape == CAPITAL && k == 0))
                            c = (char)(c - 32);
                        if ((shape == DIGIT_INSIDE && k == len / 2) || (shape == DIGIT_FIRST && k == 0))
                            c = (char)('0' + k % 10);
                        word[k] = c;
                    }
                    /* "x." of one letter is an initial; a word of letters before "." is none of
                     * the language's abbreviations when it has a q, x or z in it and is long */
                    if (tails[t][0] == '.' && len < 5)
                        continue;
                    size_t pad = strlen(prefixes[pre]), tl = strlen(tails[t]), n = pad + len + tl;
                    char *text = malloc(n + 1);
                    if (!text) {
                        CHECK(text != NULL);
                        return;
                    }
                    memcpy(text, prefixes[pre], pad);
                    memcpy(text + pad, word, len);
                    memcpy(text + pad + len, tails[t], tl + 1);
                    run_n(text, n);
                    size_t end = pad + len + (size_t)glued[t];
                    char fold[80];
                    int uppers = 0, lowers = 0, first = 0;
                    for (size_t k = pad; k < end; k++) {
                        char c = text[k];
                        if (c >= 'A' && c <= 'Z')
                            uppers++, first = first ? first : 1, c = (char)(c + 32);
                        else if ((c >= 'a' && c <= 'z') || (unsigned char)c == 0xC3)
                            lowers++, first = first ? first : -1; /* ë is one lower-case letter */
                        fold[k - pad] = c;
                    }
                    fold[end - pad] = 0;
                    unsigned shape_flags =
                        (first > 0 ? TF_CAP : first < 0 ? TF_LOWER : 0) | (uppers >= 2 && !lowers ? TF_ALLCAPS : 0);
                    const feit_token *tk = d.ntoks > before[pre] ? &d.toks[before[pre]] : NULL;
                    bool same = tk && tk->start == pad && tk->end == end && tk->kind == TOK_WORD &&
                                tk->fold_len == end - pad && !strcmp(tk->fold, fold) &&
                                tk->hash == utf8_hash(fold, end - pad, UTF8_HASH_INIT) &&
                                (tk->flags & (TF_CAP | TF_LOWER | TF_ALLCAPS | TF_GLUED | TF_NEWLINE | TF_PARA)) ==
                                    shape_flags;
                    if (!same)
                        printf("FAIL %s:%d: shape %d prefix '%s' tail '%s' length %zu: token [%u,%u) fold '%s' "
                               "flags %x\n",
                               __FILE__, __LINE__, shape, prefixes[pre], tails[t], len, tk ? tk->start : 0,
                               tk ? tk->end : 0, tk ? tk->fold : "", tk ? tk->flags : 0);
                    ok &= same;
                    free(text);
                }
            CHECK(ok);
        }
    /* what the loop of words leaves to the general path, after a word and one space */
    CHECK_STR(toks("de http://nos.nl/a en www.nos.nl of HTTPS://x.nl en Hoe het werd"),
              "de|http://nos.nl/a|en|www.nos.nl|of|HTTPS://x.nl|en|Hoe|het|werd");
    CHECK_INT(kind_of("http://nos.nl/a"), TOK_URL);
    CHECK_INT(kind_of("www.nos.nl"), TOK_URL);
    /* words that run into ':' or '.' as a URL's prefix does, and are none (the URL test waits
     * for them); a URL first in the text and one word after another */
    CHECK_STR(toks("zie http: en https:x of www. en wwwx.nl, ftp://a.nl http www"),
              "zie|http|:|en|https|:|x|of|www|.|en|wwwx|.|nl|,|ftp|:|/|/|a.|nl|http|www");
    CHECK_INT(kind_of("https"), TOK_WORD);
    CHECK_STR(toks("www.a.nl https://b.nl/c. Hij"), "www.a.nl|https://b.nl/c|.|Hij");
    CHECK_INT(kind_of("https://b.nl/c"), TOK_URL);
    CHECK_STR(toks("mail jan@nos.nl of bel 3,5 keer dr. Jansen op X. Hij zei"),
              "mail|jan@nos.nl|of|bel|3,5|keer|dr.|Jansen|op|X|.|Hij|zei");
    CHECK_INT(kind_of("jan@nos.nl"), TOK_EMAIL);
    CHECK(flags_of("dr.") & TF_ABBREV);
    CHECK_STR(toks("de  twee\tspaties\nen regel"), "de|twee|spaties|en|regel");
    CHECK(!(flags_of("twee") & (TF_GLUED | TF_NEWLINE)) && (flags_of("en") & TF_NEWLINE));
}

/* Tokenizes text with a forced break (as a dateline leaves) at byte at; false when the break
 * could not be pushed (then a check has failed). */
static bool split_with_break(const char *text, size_t at)
{
    doc_reset(&d, "t", text, strlen(text));
    uint32_t *b = DOC_PUSH(d.breaks, d.nbreaks, d.cbreaks);
    CHECK(b != NULL);
    if (!b)
        return false;
    *b = (uint32_t)at;
    CHECK(token_split(&d) == 0);
    return true;
}

/* White space runs up to a forced break, ends the text, or is one space before a token: the
 * token after it gets the flags of what was skipped (one newline, a blank line, a break). */
static void space_before_break(void)
{
    const char *text = "een  \n twee   drie,vier \t\n\n vijf   ";
    size_t at = (size_t)(strstr(text, "drie") - text) - 2; /* two spaces before "drie" */
    if (!split_with_break(text, at))
        return;
    CHECK_INT(d.ntoks, 6);
    if (d.ntoks != 6)
        return;
    const uint16_t gap = TF_GLUED | TF_NEWLINE | TF_PARA;
    CHECK_INT(d.toks[0].flags & gap, 0);
    CHECK_INT(d.toks[1].flags & gap, TF_NEWLINE);
    CHECK_INT(d.toks[2].flags & gap, TF_NEWLINE | TF_PARA); /* the break */
    CHECK_INT(d.toks[3].flags & gap, TF_GLUED);
    CHECK_INT(d.toks[4].flags & gap, TF_GLUED);
    CHECK_INT(d.toks[5].flags & gap, TF_NEWLINE | TF_PARA);
    CHECK_INT(d.toks[5].end, (long long)strlen(text) - 3);
}

/* A break at each place inside the first word (word bytes) of text: two tokens there. */
static bool check_break_in_word(const char *text, size_t word)
{
    bool ok = true;
    for (size_t at = 1; at < word; at++) {
        if (!split_with_break(text, at))
            return false;
        char head[80], tail[80];
        for (size_t k = 0; k < word; k++)
            (k < at ? head : tail)[k < at ? k : k - at] = (char)(text[k] >= 'A' && text[k] <= 'Z' ? text[k] + 32 : text[k]);
        head[at] = 0, tail[word - at] = 0;
        bool same = d.ntoks >= 3 && d.toks[0].end == at && d.toks[1].start == at && d.toks[1].end == word &&
                    !strcmp(d.toks[0].fold, head) && !strcmp(d.toks[1].fold, tail) &&
                    d.toks[0].hash == utf8_hash(head, at, UTF8_HASH_INIT) &&
                    d.toks[1].hash == utf8_hash(tail, word - at, UTF8_HASH_INIT) && (d.toks[1].flags & TF_PARA);
        if (!same)
            printf("FAIL %s:%d: break at %zu: %zu tokens, first [%u,%u)\n", __FILE__, __LINE__, at, d.ntoks,
                   d.ntoks ? d.toks[0].start : 0, d.ntoks ? d.toks[0].end : 0);
        ok &= same;
    }
    return ok;
}

/* A forced break inside a long ASCII word (a dateline glued to the text before it) ends the
 * word there, whatever the break's place in the one-pass path's 16-byte steps: the two parts are
 * two tokens, folded and hashed apart. */
static void break_inside_ascii_word(void)
{
    static const char *texts[] = {"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij einde",
                                  "Abcdefghijklmn einde en nog wat woorden"};
    bool ok = true;
    for (size_t k = 0; k < 2; k++) {
        const char *text = texts[k];
        size_t word = (size_t)(strchr(text, ' ') - text);
        ok &= check_break_in_word(text, word);
    }
    CHECK(ok);
}

/* A forced break inside a character (no stage puts one there today: dateline_find breaks at
 * character boundaries) still leaves tokens that cover the text, each at least one byte long:
 * the tokenizer used to loop for ever on an empty word there. */
static void break_inside_character(void)
{
    const char *text = "Kiev Oekra\xC3\xAFne en Rusland";
    size_t inside = (size_t)(strchr(text, '\xC3') - text) + 1; /* between the two bytes of "ï" */
    if (!split_with_break(text, inside))
        return;
    int ok = d.ntoks > 0 && d.toks[0].start == 0 && d.toks[d.ntoks - 1].end == strlen(text);
    for (size_t i = 0; i < d.ntoks; i++)
        ok &= d.toks[i].end > d.toks[i].start && (i == 0 || d.toks[i].start >= d.toks[i - 1].end);
    CHECK(ok);
    CHECK(d.ntoks < 12);
}

/* doc_stem: each token's Snowball stem, the same string when asked again, the fold for a
 * non-word; kept per document (a table that grows past 64 stems), and forgotten at the next. */
static void stems(void)
{
    static char text[4096];
    size_t o = 0;
    for (int k = 0; k < 100; k++)
        o += (size_t)snprintf(text + o, sizeof text - o, "samenwerkingen%d partijen, ", k);
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    CHECK(st != NULL);
    if (!st)
        return;
    feit_doc e;
    doc_init(&e, st);
    e.lang = d.lang;
    doc_reset(&e, "s", text, o);
    CHECK(!token_split(&e));
    const char *first[400];
    size_t n = e.ntoks < 400 ? e.ntoks : 400;
    bool ok = n > 200;
    for (size_t i = 0; i < n; i++)
        first[i] = doc_stem(&e, i);
    for (size_t i = 0; i < n && ok; i++) {
        const char *want = e.toks[i].kind != TOK_WORD ? e.toks[i].fold
                           : !strncmp(e.toks[i].fold, "partijen", 8) ? "partij" : NULL;
        if (doc_stem(&e, i) != first[i] || (want && strcmp(first[i], want)))
            ok = false, printf("FAIL %s:%d: stem of token %zu '%s': '%s'\n", __FILE__, __LINE__, i, e.toks[i].fold, first[i]);
    }
    CHECK(ok);
    CHECK(e.nstemmed > 64);
    doc_reset(&e, "s2", "Partijen.", 9);
    CHECK(e.nstemmed == 0 && e.cstemmed == 0);
    CHECK(!token_split(&e));
    CHECK_STR(doc_stem(&e, 0), "partij");
    /* doc_stem does not ask the stemmer about a word of at most three ASCII lower-case letters
     * and digits, taking it to be its own stem: the linked stemmer must agree on every one */
    static const char al[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const size_t na = sizeof al - 1;
    long differ = 0, asked = 0;
    for (size_t len = 1; len <= 3; len++) {
        size_t count = len == 1 ? na : len == 2 ? na * na : na * na * na;
        for (size_t x = 0; x < count; x++) {
            char w[4];
            size_t y = x;
            for (size_t k = 0; k < len; k++, y /= na)
                w[k] = al[y % na];
            const sb_symbol *out = sb_stemmer_stem(st, (const sb_symbol *)w, (int)len);
            asked++;
            if (!out || (size_t)sb_stemmer_length(st) != len || memcmp(out, w, len)) {
                if (!differ)
                    printf("FAIL %s:%d: the stemmer changes '%.*s'\n", __FILE__, __LINE__, (int)len, w);
                differ++;
            }
        }
    }
    CHECK(asked == 36 + 36 * 36 + 36 * 36 * 36 && differ == 0);
    doc_reset(&e, "s3", "de ijs 3e zo'n Fe", 17);
    CHECK(!token_split(&e));
    CHECK(e.ntoks == 5 && doc_stem(&e, 0) == e.toks[0].fold && doc_stem(&e, 1) == e.toks[1].fold &&
          doc_stem(&e, 4) == e.toks[4].fold && e.nstemmed <= 1);
    doc_free(&e);
    sb_stemmer_delete(st);
}

/* A mark glued to a plain word with a space and a word after it is pushed between two runs of
 * plain words: the tokens, their glue and the sentences are what the main loop makes of them. */
static void marks_between_words(void)
{
    CHECK_STR(toks("Hij kwam, zag en won. Toen ging hij (weer) naar huis; dat was het: klaar! Nee? Ja- of nee"),
              "Hij|kwam|,|zag|en|won|.|Toen|ging|hij|(|weer|)|naar|huis|;|dat|was|het|:|klaar|!|Nee|?|Ja|-|of|nee");
    bool ok = true;
    for (size_t i = 0; i < d.ntoks; i++) {
        const feit_token *t = &d.toks[i];
        bool mark = t->kind == TOK_PUNCT;
        /* the marks are glued to the word before them (but "("), the words to no mark (but "weer") */
        bool glued = mark ? d.text[t->start] != '(' : i > 0 && d.text[t->start - 1] == '(';
        ok &= !!(t->flags & TF_GLUED) == glued && (mark ? t->hash == utf8_hash(t->fold, 1, UTF8_HASH_INIT) && t->fold_len == 1 : t->kind == TOK_WORD);
    }
    CHECK(ok);
    /* after . ! ? a sentence ends, after , ; : - and ) it does not */
    CHECK_INT(d.nsents, 4);
    CHECK_INT(d.toks[find("Toen")].sentence, 1);
    CHECK_INT(d.toks[find("Nee")].sentence, 2);
    CHECK_INT(d.toks[find("Ja")].sentence, 3);
    /* the mark's room is taken when it runs out at the end of a fold chunk, as the word's */
    static char many[6 * 2000 + 1];
    for (size_t k = 0; k < 2000; k++)
        memcpy(many + 6 * k, "ab, c ", 6);
    run(many);
    CHECK_INT(d.ntoks, 6000);
    ok = true;
    for (size_t i = 0; i < d.ntoks; i++)
        ok &= d.toks[i].fold_len == doc_tok_len(&d, i) && !memcmp(d.toks[i].fold, doc_tok_text(&d, i), d.toks[i].fold_len);
    CHECK(ok);
}

/* plain_words' block loop takes a comma or stop with a space and a word after it, glued to the
 * word before (", ") or after a space (" , "), and notes the word after a stop as a place a
 * sentence may end; a short word before a stop ("het."), a URL's first word or one with an '@'
 * near is left to word_before_mark (and the mark to token_split), with the same tokens and
 * notes: the ends are the first token and each token after a stop, nothing else. */
static void marks_in_blocks(void)
{
    CHECK_STR(toks("de man zag het, en hij liep weg. Toen kwam de vrouw , die het zag . Daarna ging iedereen "
                   "naar huis, toen was het. Zo ging dat, mail jan@nos.nl. En www. Klaar , zeker . Goed"),
              "de|man|zag|het|,|en|hij|liep|weg|.|Toen|kwam|de|vrouw|,|die|het|zag|.|Daarna|ging|iedereen|naar|huis|,|"
              "toen|was|het|.|Zo|ging|dat|,|mail|jan@nos.nl|.|En|www|.|Klaar|,|zeker|.|Goed");
    /* (and the stop after the address: the general path notes the token after an address) */
    long want[] = {0, find("Toen"), find("Daarna"), find("Zo"), find("jan@nos.nl") + 1, find("En"), find("Klaar"),
                   find("Goed")};
    bool ok = d.nends == sizeof want / sizeof *want;
    for (size_t k = 0; ok && k < sizeof want / sizeof *want; k++)
        ok &= d.ends[k] == (uint32_t)want[k];
    CHECK(ok);
    for (size_t i = 0; i < d.ntoks; i++) {
        const feit_token *t = &d.toks[i];
        bool spaced = d.text[t->start - (i > 0)] == ' ';
        if (t->kind == TOK_PUNCT)
            ok &= !!(t->flags & TF_GLUED) == !spaced && t->fold_len == 1 && t->fold[1] == 0 &&
                  t->hash == utf8_hash(t->fold, 1, UTF8_HASH_INIT);
    }
    CHECK(ok);
    CHECK_INT(d.nsents, 7);
    CHECK_INT(d.toks[find("Daarna")].sentence, 2);
}

/* A comma glued to a word (", ") takes one fold byte more than its text: plain_words' bound on
 * the fold room counts it, so a run of them up to the end of a fold chunk writes nothing past
 * the chunk, where the fold of a word with a letter of two bytes, made before them, may lie
 * ("café": its fold was overwritten with zeros before, for some lengths of the text before the
 * commas). */
static void glued_marks_fold_room(void)
{
    static char text[8192];
    bool ok = true;
    for (size_t pad = 0; pad < 96 && ok; pad++) {
        size_t o = 0;
        o += (size_t)sprintf(text + o, "caf\xC3\xA9 ");
        for (size_t k = 0; k < pad; k++)
            o += (size_t)sprintf(text + o, "woord ");
        while (o + 16 < sizeof text)
            o += (size_t)sprintf(text + o, "ab, ");
        sprintf(text + o, "einde");
        run(text);
        ok &= d.ntoks > 1 && d.toks[0].fold_len == 5 && !memcmp(d.toks[0].fold, "caf\xC3\xA9", 6);
        for (size_t i = 1; i < d.ntoks; i++)
            ok &= d.toks[i].fold_len == doc_tok_len(&d, i) && !memcmp(d.toks[i].fold, doc_tok_text(&d, i), d.toks[i].fold_len) &&
                  d.toks[i].fold[d.toks[i].fold_len] == 0;
        if (!ok)
            printf("FAIL %s:%d: %zu words before the commas: fold '%s'\n", __FILE__, __LINE__, pad, d.toks[0].fold);
    }
    CHECK(ok);
}

/* plain_words takes its words from 64-byte blocks of classified text and keeps a block from one
 * call to the next: words of 1 to 18 letters in three case shapes at every place of the blocks,
 * between spaces, ", ", "; ", " (" and ") ", " - ", ". ", "-", ": ", line breaks, a digit word,
 * a word with a letter of two bytes, and forced breaks at several places. Each token is the
 * piece the text was made of, a word folded, hashed and case-shaped from its letters, with the
 * glue and line flags of what is before it (a break: a paragraph). */
static void plain_blocks(void)
{
    static const char *seps[] = {" ", " ", " ", ", ", "; ", " (", ") ", " - ", "\n", " 2019 ", " caf\xC3\xA9 ",
                                 ". ", "-", ": ", " , ", " . ", ",", "."};
    static char text[12000];
    static uint32_t piece_start[4000], piece_end[4000];
    static unsigned piece_flags[4000];
    for (unsigned round = 0; round < 4; round++) {
        size_t o = 0, np = 0;
        unsigned r = 12345 + round, next_flags = 0;
        while (o + 40 < sizeof text && np + 4 < 4000) {
            r = r * 1103515245u + 12345u;
            const char *sep = seps[(r >> 24) % (sizeof seps / sizeof *seps)];
            /* (a word before a stop is no initial or abbreviation: five letters or more, with an x) */
            size_t len = (*sep == '.' ? 5 : 1) + (r >> 16) % 18;
            unsigned shape = (r >> 8) % 5; /* 0-2 lower, 3 capital, 4 all capitals */
            piece_start[np] = (uint32_t)o;
            for (size_t j = 0; j < len; j++)
                text[o++] = (char)((shape == 4 || (shape == 3 && !j) ? 'A' : 'a') +
                                   (*sep == '.' && j == 1 ? 'x' - 'a' : (r >> (j % 20)) % 26));
            piece_end[np] = (uint32_t)o, piece_flags[np++] = next_flags;
            next_flags = TF_GLUED; /* (after a sep that ends in a mark: "-") */
            for (const char *c = sep; *c; c++) {
                if (*c == ' ' || *c == '\n') {
                    next_flags = *c == '\n' ? TF_NEWLINE : 0;
                    text[o++] = *c;
                    continue;
                }
                /* a mark, or a word of digits or with é, up to the next space */
                size_t n = *c >= 'a' || (unsigned char)*c >= 0x80 || (*c >= '0' && *c <= '9') ? strcspn(c, " ") : 1;
                piece_start[np] = (uint32_t)o;
                piece_flags[np] = next_flags | (text[o - 1] != ' ' && text[o - 1] != '\n' ? TF_GLUED : 0);
                memcpy(text + o, c, n);
                o += n, c += n - 1;
                piece_end[np++] = (uint32_t)o;
                next_flags = TF_GLUED;
            }
        }
        /* forced breaks before some words (as datelines leave them), none in round 0; the text
         * allocated to its length (a read past it is an ASan error) */
        char *exact = malloc(o);
        CHECK(exact != NULL);
        if (!exact)
            return;
        memcpy(exact, text, o);
        doc_reset(&d, "t", exact, o);
        for (size_t p = 7 + round * 13; round && p < np; p += 97 + round * 31) {
            uint32_t *b = DOC_PUSH(d.breaks, d.nbreaks, d.cbreaks);
            CHECK(b != NULL);
            if (!b)
                return;
            *b = piece_start[p];
            piece_flags[p] = TF_NEWLINE | TF_PARA;
        }
        CHECK(!token_split(&d));
        d.text = text; /* (the same bytes: exact is freed) */
        free(exact);
        bool ok = d.ntoks == np;
        for (size_t i = 0; i < d.ntoks && ok; i++) {
            const feit_token *t = &d.toks[i];
            const char *w = text + piece_start[i];
            size_t n = piece_end[i] - piece_start[i];
            bool same = t->start == piece_start[i] && t->end == piece_end[i] && t->fold_len == n && t->fold[n] == 0 &&
                        t->hash == utf8_hash(t->fold, n, UTF8_HASH_INIT) &&
                        (t->flags & (TF_GLUED | TF_NEWLINE | TF_PARA)) == piece_flags[i];
            if (t->kind == TOK_WORD && (unsigned char)w[n - 1] < 0x80) {
                int uppers = 0;
                for (size_t j = 0; j < n; j++) {
                    same &= t->fold[j] == (w[j] >= 'A' && w[j] <= 'Z' ? w[j] + 32 : w[j]);
                    uppers += w[j] >= 'A' && w[j] <= 'Z';
                }
                unsigned shape = (w[0] >= 'A' && w[0] <= 'Z' ? TF_CAP : TF_LOWER) |
                                 (n >= 2 && uppers == (int)n ? TF_ALLCAPS : 0);
                same &= (t->flags & (TF_CAP | TF_LOWER | TF_ALLCAPS)) == shape;
            }
            if (!same)
                printf("FAIL %s:%d: round %u token %zu [%u,%u) '%.*s': fold '%s' hash %08x flags %x\n", __FILE__,
                       __LINE__, round, i, t->start, t->end, (int)n, w, t->fold, t->hash, t->flags);
            ok &= same;
        }
        if (d.ntoks != np)
            printf("FAIL %s:%d: round %u: %zu tokens, not %zu\n", __FILE__, __LINE__, round, d.ntoks, np);
        CHECK(ok);
    }
}

int main(void)
{
    doc_init(&d, NULL);
    d.lang = check_lang();
    abbreviations();
    initials();
    numbers();
    compounds();
    apostrophes();
    quotes();
    urls_handles_email();
    at_signs_ahead();
    words_before_marks();
    folding_and_shape();
    line_flags();
    invalid_bytes();
    abbrev_lookup();
    ascii_word_edges();
    fast_path_agrees();
    marks_between_words();
    plain_run_rooms();
    plain_blocks();
    marks_in_blocks();
    glued_marks_fold_room();
    ascii_block_edges();
    space_before_break();
    break_inside_character();
    break_inside_ascii_word();
    stems();
    doc_free(&d);
    CHECK_DONE();
}
