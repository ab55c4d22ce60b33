/* test_stem.c — doc_stem with a worker's stem cache, which stems a word that fits Latin-1 by
 * Snowball's ISO-8859-1 module: every stem must be the one the UTF-8 module gives the fold,
 * for ASCII words, words with Latin-1 letters after their third byte, words that open with
 * one (the UTF-8 module counts "at least three letters" in bytes: "ève" -> "èv"), words past
 * Latin-1, a long word, and bytes that are no character; and the words doc_stem takes as their
 * own stem without asking (by their ending) must be, on made-up words. The words are written
 * or made for this test. */
#include "core/lang.h"
#include "check.h"
#include "made_up.h"
#include "core/doc.h"
#include "text/token.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Stems every word token of text through doc_stem (with the worker's cache, or none) and
 * compares each with the UTF-8 module's stem of its fold; the number that differ, or -1. */
static int differ_in(struct sb_stemmer *st, stem_cache *cache, const char *text, size_t *asked)
{
    feit_doc e;
    doc_init(&e, st);
    e.lang = check_lang();
    e.stems = cache;
    doc_reset(&e, "s", text, strlen(text));
    int bad = token_split(&e) ? -1 : 0;
    for (size_t i = 0; i < e.ntoks && bad >= 0; i++) {
        if (e.toks[i].kind != TOK_WORD)
            continue;
        char got[256];
        snprintf(got, sizeof got, "%s", doc_stem(&e, i));
        const sb_symbol *w = sb_stemmer_stem(st, (const sb_symbol *)e.toks[i].fold, (int)e.toks[i].fold_len);
        int n = sb_stemmer_length(st);
        (*asked)++;
        if (!w || strlen(got) != (size_t)n || memcmp(got, w, (size_t)n)) {
            printf("FAIL %s:%d: '%s': doc_stem '%s', UTF-8 module '%.*s'\n", __FILE__, __LINE__, e.toks[i].fold, got, n,
                   w ? (const char *)w : "");
            bad++;
        }
    }
    doc_free(&e);
    return bad;
}

static const char words[] =
    "Partijen samenwerkingen mogelijkheden regeringen bestuurders lopen gelopen heid "
    /* Latin-1 letters after the third byte */
    "geëerd ideeën coördinatie reünie café cafés financiële naïeve knieën beëindigd "
    "zeeën ruïnes Curaçao Curaçaose señores hôtels Straße cliënten efficiënt "
    "faillissementsaanvraagën überrascht wereldkampioenschappën "
    /* a Latin-1 letter in the first three bytes: the UTF-8 module */
    "ève èze één élan öre áño naïef oké "
    /* past Latin-1: the UTF-8 module */
    "łódź şehirlerde œuvres "
    /* longer than the Latin-1 buffer */
    "hogesnelheidslijnverbindingsmogelijkhedenonderzoekscommissieleden "
    "hogesnelheidslijnverbindingsmogelijkhedenonderzoekscommissieleïden "
    /* bytes that are no character (a lead without its continuation) */
    "café\xC3 cafe\xC3\xC3s ";

static void latin1_module_agrees(void)
{
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    stem_cache *cache = stem_cache_new();
    CHECK(st != NULL && cache != NULL);
    if (!st || !cache) {
        sb_stemmer_delete(st);
        stem_cache_free(cache);
        return;
    }
    size_t asked = 0;
    CHECK_INT(differ_in(st, cache, words, &asked), 0);
    CHECK(asked > 40);
    /* again: now from the cache (and the words it could not hold, from the modules again) */
    CHECK_INT(differ_in(st, cache, words, &asked), 0);
    /* no cache: the UTF-8 module alone */
    CHECK_INT(differ_in(st, NULL, words, &asked), 0);
    stem_cache_free(cache);
    sb_stemmer_delete(st);
}

/* Made-up words (letters in Dutch-like runs, then a common ending or none, then up to two more
 * letters): doc_stem takes the ones stem_is_fold passes as their own stem without asking
 * Snowball; the UTF-8 module must agree on every one. */
static void own_stems(void)
{
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    CHECK(st != NULL);
    if (!st)
        return;
    static const char *const ends[] = {"heid", "heden", "en", "ene", "se", "s", "e", "end", "ing", "ig", "lijk",
                                       "baar", "bar", "ij", "ie", "aa", "ee", "oo", "uu", "tt", "kk", "dd",
                                       "gem", "", "", ""};
    static char text[1 << 21];
    uint64_t x = 88172645463325252ull;
    long own = 0, wrong = 0, made = 0;
    for (int round = 0; round < 4; round++) {
        size_t o = made_up_words(text, sizeof text, &x, ends, sizeof ends / sizeof *ends);
        feit_doc e;
        doc_init(&e, st);
        e.lang = check_lang();
        doc_reset(&e, "own", text, o);
        if (token_split(&e))
            wrong++;
        for (size_t i = 0; i < e.ntoks; i++) {
            const feit_token *t = &e.toks[i];
            if (t->kind != TOK_WORD)
                continue;
            made++;
            if (doc_stem(&e, i) != t->fold || t->fold_len <= 3)
                continue;
            own++;
            const sb_symbol *w = sb_stemmer_stem(st, (const sb_symbol *)t->fold, (int)t->fold_len);
            if (!w || (uint32_t)sb_stemmer_length(st) != t->fold_len || memcmp(w, t->fold, t->fold_len)) {
                if (!wrong)
                    printf("FAIL %s:%d: '%s' is taken as its own stem, Snowball says '%.*s'\n", __FILE__, __LINE__,
                           t->fold, sb_stemmer_length(st), w ? (const char *)w : "");
                wrong++;
            }
        }
        doc_free(&e);
    }
    CHECK_INT(wrong, 0);
    CHECK(made > 400000 && own > made / 4);
    sb_stemmer_delete(st);
}

int main(void)
{
    latin1_module_agrees();
    own_stems();
    CHECK_DONE();
}
