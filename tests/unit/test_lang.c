/* test_lang.c — lang_word_bits, the one probe that says everything the small lists of
 * models/nl say of a word: it must agree with the single questions (lang_is_fn, lang_pronoun,
 * lang_is_clause_word, lang_description_of) for listed words, words in several lists, words in
 * none, near misses (a prefix, a longer word, another case), and the empty word. */
#include "core/lang.h"
#include "check.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint32_t bits(const feit_lang *l, const char *w) { return lang_word_bits(l, w, strlen(w), utf8_hash(w, strlen(w), UTF8_HASH_INIT)); }

/* The bits the single questions give for w: what lang_word_bits must return. */
static uint32_t asked(const feit_lang *l, const char *w)
{
    size_t n = strlen(w);
    uint32_t h = utf8_hash(w, n, UTF8_HASH_INIT), b = 0;
    for (int fn = 0; fn < LANG_NFN; fn++)
        if (lang_is_fn(l, fn, w, n, h))
            b |= 1u << fn;
    char g;
    unsigned f;
    if (lang_pronoun(l, w, n, h, &g, &f))
        b |= LANG_W_PRONOUN;
    if (lang_is_clause_word(l, w, n, h))
        b |= LANG_W_CLAUSE;
    if (lang_description_of(l, w, n, h))
        b |= LANG_W_DESCRIPTION;
    static const struct {
        int c;
        uint32_t bit;
    } sfx[] = {{LANG_ORGHEAD, LANG_W_SFX_ORGHEAD}, {LANG_ORGPREFIX, LANG_W_SFX_ORGPREFIX}, {LANG_PLACEHEAD, LANG_W_SFX_PLACEHEAD},
               {LANG_ORGNOUN, LANG_W_SFX_ORGNOUN}};
    for (size_t k = 0; k < sizeof sfx / sizeof *sfx; k++)
        if (lang_class_suffix(l, sfx[k].c, w, n))
            b |= sfx[k].bit;
    return b;
}

/* Loads a copy of models/nl whose city-nouns.txt has 200 made-up words after its own (the
 * list's table of words seen grows past them) and then extra; the error of the load (file's
 * base name, line, column, text), or "ok". */
static const char *load_with(const char *extra, int *line, int *column)
{
    static char text[1200];
    char dir[] = "/tmp/feit-test-lang-XXXXXX", cmd[256], path[300];
    if (!mkdtemp(dir))
        return "no temporary directory";
    snprintf(cmd, sizeof cmd, "cp -r models/nl/. '%s'", dir);
    snprintf(path, sizeof path, "%s/city-nouns.txt", dir);
    FILE *f = system(cmd) == 0 ? fopen(path, "a") : NULL;
    if (!f)
        return "no copy";
    for (int i = 0; i < 200; i++)
        fprintf(f, "zzq%dstad\n", i);
    fputs(extra, f);
    fclose(f);
    feit_error err;
    feit_lang *l = lang_load(dir, &err);
    if (l)
        snprintf(text, sizeof text, "ok");
    else
        snprintf(text, sizeof text, "%s %s", strrchr(err.file, '/') ? strrchr(err.file, '/') + 1 : err.file, err.text);
    *line = l ? 0 : err.line, *column = l ? 0 : err.column;
    lang_free(l);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return text;
}

int main(void)
{
    const feit_lang *l = check_lang();
    if (!l)
        CHECK_DONE();
    /* the roles of known words, and words of several lists */
    CHECK(bits(l, "de") & (1u << LANG_FN_ARTICLE));
    CHECK(bits(l, "deze") & (1u << LANG_FN_DETERMINER));
    CHECK(bits(l, "hij") & LANG_W_PRONOUN);
    CHECK(bits(l, "hij") & (1u << LANG_FN_SUBJECT));
    CHECK(bits(l, "zijn") & LANG_W_PRONOUN);             /* possessive ... */
    CHECK(bits(l, "zijn") & (1u << LANG_FN_PLURAL));     /* ... and a plural verb */
    CHECK(bits(l, "en") & LANG_W_CLAUSE);
    CHECK(bits(l, "en") & (1u << LANG_FN_AND));
    CHECK(bits(l, "van") & (1u << LANG_FN_OF));
    CHECK(bits(l, "van") & (1u << LANG_FN_ROLELINK));
    CHECK(bits(l, "club") & LANG_W_DESCRIPTION);
    CHECK(!(bits(l, "club") & LANG_W_PRONOUN));
    /* no word has the bit a cache keeps for itself */
    const char *words[] = {"de", "het", "deze", "dit", "hij", "hem", "zij", "ze", "zijn", "haar", "en", "of", "maar", "dat",
                           "van", "bij", "uit", "in", "club", "land", "ploeg", "iemand", "heeft", "hebben", "oud",
                           /* near misses and words in no list */
                           "d", "dee", "hijs", "Hij", "HIJ", "clubs", "lan", "fiets", "ë", "zíj", "", "a-b", "x",
                           /* words with a suffix of a class (and the suffix alone, or one byte before it) */
                           "kalverstraat", "rabobank", "gemeenteraad", "supermarktketen", "eredivisie", "straat",
                           "xstraat", "xxstraat", "stadsbestuur", "bank", "zorgverzekeraar", "wegen", "rijksweg"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        uint32_t b = bits(l, words[i]);
        if (!CHECK_INT(b, asked(l, words[i])))
            printf("  word '%s'\n", words[i]);
        CHECK(!(b & (1u << 31)));
    }
    CHECK_INT(bits(l, "fiets"), 0);
    /* the suffixes: a word in no list, and the suffix needs two bytes before it */
    CHECK_INT(bits(l, "kalverstraat"), LANG_W_SFX_PLACEHEAD);
    CHECK_INT(bits(l, "xxstraat"), LANG_W_SFX_PLACEHEAD);
    CHECK_INT(bits(l, "xstraat"), 0);
    CHECK_INT(bits(l, "straat"), 0);
    CHECK(bits(l, "rabobank") & LANG_W_SFX_ORGHEAD);
    CHECK(bits(l, "rabobank") & LANG_W_SFX_ORGNOUN);
    CHECK(!(bits(l, "rabobank") & LANG_W_SFX_PLACEHEAD));
    CHECK(bits(l, "gemeenteraad") & LANG_W_SFX_ORGPREFIX);
    CHECK(bits(l, "supermarktketen") & LANG_W_SFX_ORGNOUN);
    /* every listed word with two bytes before it: the tail bits pass every suffix */
    size_t sbad = 0;
    for (int c = 0; c < LANG_NCLASSES; c++) {
        size_t n;
        const char *const *w = lang_class_words(l, c, &n);
        for (size_t i = 0; i < n; i++) {
            char buf[128];
            snprintf(buf, sizeof buf, "ab%s", w[i]);
            if (bits(l, buf) != asked(l, buf))
                sbad++, printf("  word '%s': %x, asked %x\n", buf, (unsigned)bits(l, buf), (unsigned)asked(l, buf));
        }
    }
    CHECK_INT(sbad, 0);
    CHECK_INT(bits(l, ""), 0);
    CHECK_INT(bits(l, "Hij"), 0); /* the lists are folded: an unfolded word is none of them */
    /* every listed function word and pronoun agrees with the single questions */
    size_t bad = 0, seen = 0;
    for (int fn = 0; fn < LANG_NFN; fn++) {
        size_t n;
        const char *const *w = lang_fn_words(l, fn, &n);
        for (size_t i = 0; i < n; i++, seen++) {
            uint32_t b = bits(l, w[i]);
            if (b != asked(l, w[i]) || !((b >> fn) & 1))
                bad++, printf("  role %d word '%s': %x\n", fn, w[i], (unsigned)b);
        }
    }
    CHECK(seen > 100);
    /* the longest pronoun: "zijn" and "haar" are listed, and none is longer */
    CHECK(lang_pronoun_max(l) >= 4);
    CHECK(lang_pronoun_max(l) <= lang_small_word_max(l));
    const char *prons[] = {"hij", "zij", "ze", "zijn", "haar", "hem"};
    for (size_t i = 0; i < sizeof prons / sizeof *prons; i++)
        CHECK((bits(l, prons[i]) & LANG_W_PRONOUN) && strlen(prons[i]) <= lang_pronoun_max(l));
    CHECK_INT(bad, 0);
    /* the ASCII quotes' bitset (the tokenizer's) says what lang_is_quote says of every byte
     * below 0x80: '"' and '\'' are quotes of Dutch news, ',' and 'a' are not */
    uint64_t q[2];
    lang_ascii_quotes(l, q);
    size_t differ = 0;
    for (int c = 0; c < 0x80; c++)
        differ += (int)(q[c >> 6] >> (c & 63) & 1) != (int)lang_is_quote(l, c);
    CHECK_INT(differ, 0);
    CHECK(q['"' >> 6] >> ('"' & 63) & 1);
    CHECK(q['\'' >> 6] >> ('\'' & 63) & 1);
    CHECK(!(q[',' >> 6] >> (',' & 63) & 1));
    CHECK(!(q['a' >> 6] >> ('a' & 63) & 1));
    /* a word listed twice is an error at its second line and column, also folded, also the
     * list's own word, also after many; a word in another list or only alike is not */
    int line, column;
    CHECK_STR(load_with("zzqextra\n  ZZQ7STAD\n", &line, &column), "city-nouns.txt 'zzq7stad' is listed twice");
    CHECK(line == 17 + 200 + 2 && column == 3);
    CHECK_STR(load_with("Dorp\n", &line, &column), "city-nouns.txt 'dorp' is listed twice");
    CHECK_INT(line, 17 + 200 + 1);
    CHECK_STR(load_with("zzq199stad\n", &line, &column), "city-nouns.txt 'zzq199stad' is listed twice");
    CHECK_INT(line, 17 + 200 + 1);
    CHECK_STR(load_with("zzq19stad9\nzzq1stad\nvan\n", &line, &column), "city-nouns.txt 'zzq1stad' is listed twice");
    CHECK_INT(line, 17 + 200 + 2);
    CHECK_STR(load_with("zzq19stad9\nde\n", &line, &column), "ok");
    CHECK_DONE();
}
