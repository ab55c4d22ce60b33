/* test_lexicon.c — the worker's word cache (entities/lexicon.h): a table on a cache-line (and,
 * for huge pages, 2 MiB) boundary, one entry per fold found again by its fold, no entry for the
 * empty word or one longer than LEX_WORD, and LEX_WAYS ways per set: a word of a full set evicts
 * the one met longest ago, the words of a set do not evict each other. And the stage (lexicon_doc):
 * every token of a fold shares one record, with what the language's lists say of the word, the
 * hook is asked once per word type and worker, a later document gets the worker's same records,
 * LEX_WAYS + 1 words of one set in a document (the first ones hold the set for it) and a document of
 * more word types than the lexicon holds get every word's own answers, and without a lexicon
 * the same answers; and the lists of tokens it makes for the stages above (lex_lists).
 * And the follow filter the matcher reads from the records (gaz_word.follows): the tokens of
 * names after their first are in it, a word that only opens a name is not, and a compiled copy
 * of the index says the same; and its lower-case half (gaz_word.follows_lower): the later
 * tokens of names that may start in lower case only. */
#include "core/lang.h"
#include "check.h"
#include "core/utf8.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "text/token.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static lex_entry *get(lexicon *lx, const char *w)
{
    return lexicon_get(lx, w, strlen(w), utf8_hash(w, strlen(w), UTF8_HASH_INIT));
}

/* the sets the hook gives a word: its own (its hash and length), so that a record holding
 * another word's shows */
static uint64_t sets_value(const feit_token *t) { return (uint64_t)t->hash << 8 | t->fold_len; }

/* a hook that counts its questions: "premier" names a role; a word of even length has sets */
static int role_calls, sets_calls;
static const char role_mark[] = "role";

static const struct rrole *role_of(const void *ctx, const char *fold, size_t len, bool *names_role)
{
    (void)ctx;
    role_calls++;
    *names_role = len == 7 && !memcmp(fold, "premier", 7);
    return *names_role ? (const struct rrole *)(const void *)role_mark : NULL;
}

static bool sets_of(const void *ctx, struct feit_doc *d, size_t i, uint64_t *sets)
{
    (void)ctx;
    sets_calls++;
    *sets = sets_value(&d->toks[i]);
    return d->toks[i].fold_len % 2 == 0;
}

/* the hook's rel bits: one set for a word and one for another token, and one for both (so
 * that a record shows which kinds it was filled for) */
static uint8_t rel_of(const void *ctx, const struct feit_doc *d, size_t i, bool word, const feit_wordinfo *w)
{
    (void)ctx, (void)d, (void)i, (void)w;
    return word ? 0x5 : 0x6;
}

/* lexicon_doc over text with lx (may be NULL); 0 or the failing step */
static int stage(feit_doc *d, lexicon *lx, const feit_gazetteer *g, const lex_hook *h, const char *text)
{
    doc_reset(d, "t", text, strlen(text));
    d->lex = lx;
    return token_split(d) ? 1 : lexicon_doc(d, g, h, NULL) ? 2 : 0;
}

/* every token: its record, TF_SLOT, and for words the flags that follow from the hook; the
 * tokens of one fold share one record (SHARED), have one each (APART), or either (ANY: a
 * lexicon thrashed by more words than it holds) */
enum { APART, SHARED, ANY };
static bool tokens_ok(const feit_gazetteer *g, const feit_doc *d, int shared)
{
    bool ok = d->ntoks > 0;
    for (size_t i = 0; i < d->ntoks; i++) {
        const feit_token *t = &d->toks[i];
        bool word = t->kind == TOK_WORD, premier = t->fold_len == 7 && !memcmp(t->fold, "premier", 7);
        unsigned want = TF_SLOT | (word ? TF_ROLE | (t->fold_len % 2 == 0 ? TF_SETS : 0) | (premier ? TF_ROLEWORD : 0) : 0);
        ok &= t->info != NULL && (t->flags & (TF_SLOT | TF_ROLE | TF_SETS | TF_ROLEWORD)) == want;
        if (word && t->info)
            ok &= (t->info->tok_flags[1] & TF_ROLE) && (t->info->role != NULL) == premier && t->info->sets == sets_value(t);
        if (t->fold_len == 7 && !memcmp(t->fold, "rusland", 7))
            ok &= t->info && t->info->word.found; /* in the fixture list */
        /* what the language's lists say of the word, asked for its record */
        if (t->info)
            ok &= t->info->lang == (d->lang ? lang_word_bits(d->lang, t->fold, t->fold_len, t->hash) : 0) &&
                  t->info->word.follows == ((gazetteer_may_follow(g, t->hash) & GAZ_FOLLOWS) != 0);
        if (t->info && d->lang && t->fold_len == 2 && !memcmp(t->fold, "de", 2))
            ok &= (t->info->lang >> LANG_FN_ARTICLE) & 1;
        for (size_t j = 0; j < i && t->info && shared != ANY; j++) /* one record per fold, or one per token */
            if (d->toks[j].fold_len == t->fold_len && !memcmp(d->toks[j].fold, t->fold, t->fold_len))
                ok &= shared ? d->toks[j].info == t->info : d->toks[j].info != t->info;
    }
    return ok;
}

/* every token carries its record's rel (feit_token.rel: the relation stage reads it there, not
 * in the record), and rel of each kind: a word's and a number's */
static bool rels_ok(const feit_doc *d, uint8_t word, uint8_t other)
{
    bool ok = d->ntoks > 3;
    for (size_t i = 0; i < d->ntoks; i++) {
        const feit_token *t = &d->toks[i];
        ok &= t->info && t->rel == t->info->rel;
        if (t->kind == TOK_WORD || t->kind == TOK_NUM)
            ok &= t->rel == (t->kind == TOK_WORD ? word : other);
    }
    return ok;
}

static int may_follow_as(const feit_gazetteer *g, const char *w, bool lower)
{
    return (gazetteer_may_follow(g, w ? utf8_hash(w, strlen(w), UTF8_HASH_INIT) : 0) & (lower ? GAZ_FOLLOWS_LOWER : GAZ_FOLLOWS)) != 0;
}
static int may_follow(const feit_gazetteer *g, const char *w) { return may_follow_as(g, w, false); }

/* The lower-case filter (gaz_word.follows_lower) of g: the later tokens of the fixture's one
 * name that may start in lower case ('s-Hertogenbosch) are in it, the later tokens of names
 * that start with a capital are not (in the lower-case filter only: in the other they are), and
 * every record of a document holds its word's answer. */
/* Checks that every token's record holds its word's answer from the follow filter `bit`
 * (GAZ_FOLLOWS or GAZ_FOLLOWS_LOWER), found in the index or not; returns how many say yes. */
static int records_follow(const feit_gazetteer *g, const feit_doc *d, unsigned bit)
{
    int seen = 0;
    for (size_t i = 0; i < d->ntoks; i++) {
        const feit_token *t = &d->toks[i];
        bool rec = t->info && (bit == GAZ_FOLLOWS ? t->info->word.follows : t->info->word.follows_lower);
        CHECK(t->info && rec == ((gazetteer_may_follow(g, t->hash) & bit) != 0));
        seen += rec;
    }
    return seen;
}

static void follow_lower_tests(const feit_gazetteer *g, lexicon *lx, feit_doc *d)
{
    CHECK_INT(stage(d, lx, g, NULL, "'s-Hertogenbosch"), 0);
    CHECK(d->ntoks >= 2);
    for (size_t i = 1; i < d->ntoks; i++) {
        CHECK(gazetteer_may_follow(g, d->toks[i].hash) & GAZ_FOLLOWS_LOWER);
        CHECK(d->toks[i].info && d->toks[i].info->word.follows_lower && d->toks[i].info->word.follows);
    }
    const char *capital_later[] = {"staten", "amerika", "stad", "budget", "office", "poetin", "trump", "unie"};
    for (size_t k = 0; k < sizeof capital_later / sizeof *capital_later; k++)
        CHECK(may_follow(g, capital_later[k]) && !may_follow_as(g, capital_later[k], true));
    CHECK_INT(stage(d, lx, g, NULL, "In de Verenigde Staten van Amerika, niet in 's-Hertogenbosch."), 0);
    CHECK(records_follow(g, d, GAZ_FOLLOWS_LOWER) >= 1);
}

static void follow_tests(const feit_gazetteer *g, lexicon *lx, feit_doc *d)
{
    /* later tokens of the fixture's names (Mexico-Stad: "-" and "stad" glued) */
    const char *later[] = {"staten", "van", "amerika", "-", "stad", "budget", "office", "poetin", "trump", "unie"};
    for (size_t k = 0; k < sizeof later / sizeof *later; k++)
        CHECK(may_follow(g, later[k]));
    /* only ever the first token of a name, or of none (a filter: these are not false positives) */
    const char *first[] = {"verenigde", "congressional", "vladimir", "mexico", "rusland", "hij"};
    for (size_t k = 0; k < sizeof first / sizeof *first; k++)
        CHECK(!may_follow(g, first[k]));
    /* every record holds its word's answer, found in the index or not */
    CHECK_INT(stage(d, lx, g, NULL, "Hij woont in de Verenigde Staten van Amerika, niet in Mexico-Stad."), 0);
    CHECK(records_follow(g, d, GAZ_FOLLOWS) >= 5); /* staten van amerika - stad */
    follow_lower_tests(g, lx, d);
    /* the compiled file keeps the filter */
    char path[] = "/tmp/test_lexicon_gaz_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    close(fd);
    feit_error err;
    CHECK_INT(gazetteer_save(g, path, 1, 2, &err), 0);
    uint64_t stamp = 1;
    feit_gazetteer *c = gazetteer_open(path, &stamp, 2, &err);
    CHECK(c != NULL);
    for (size_t k = 0; c && k < sizeof later / sizeof *later; k++)
        CHECK(may_follow(c, later[k]));
    for (size_t k = 0; c && k < sizeof first / sizeof *first; k++)
        CHECK(!may_follow(c, first[k]));
    if (c) /* and the lower-case one (no lexicon: its records are the built index's) */
        follow_lower_tests(c, NULL, d);
    CHECK(c && gazetteer_verify(c, &err) == 0);
    gazetteer_free(c);
    unlink(path);
}

/* LEX_WAYS + 1 words PREFIX<k> whose hashes fall in one set of the lexicon's table, into w; how
 * many were found (all unless the first million numbers hold fewer). */
#define SAME (LEX_WAYS + 1)
static int same_set_words(const char *prefix, char w[SAME][16])
{
    int found = 0;
    size_t set = 0;
    for (int k = 0; k < 1000000 && found < SAME; k++) {
        char b[16];
        int n = snprintf(b, sizeof b, "%s%d", prefix, k);
        size_t s = lexicon_index(utf8_hash(b, (size_t)n, UTF8_HASH_INIT));
        if (!found)
            set = s;
        if (s == set)
            memcpy(w[found++], b, (size_t)n + 1);
    }
    return found;
}

/* A new lexicon, and SAME words of one of its sets in w (same_set_words); NULL after a failed
 * check. */
static lexicon *new_with_set(const char *prefix, char w[SAME][16])
{
    lexicon *lx = lexicon_new();
    CHECK(lx != NULL);
    CHECK(same_set_words(prefix, w) == SAME);
    return lx;
}

/* The words of one byte have entries of their own: each byte's is found again by the byte,
 * holds that word, is no other byte's, and takes no way of a set (LEX_WAYS words of one set are
 * all kept after all 256 of them were asked for); in the stage, the tokens of a one-byte word
 * share its record, and what the language's lists say of it is asked again after a document of
 * no language, as for the words in the sets ("u" is in the pronouns list). */
static void one_byte_tests(const feit_gazetteer *g, const lex_hook *h, feit_doc *d, const feit_lang *lang)
{
    char w[SAME][16];
    lexicon *lx = new_with_set("o", w);
    if (!lx)
        return;
    for (int k = 0; k < LEX_WAYS; k++) {
        lex_entry *x = get(lx, w[k]);
        if (x)
            x->known = (uint8_t)(k + 1);
    }
    lex_entry *seen[256];
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        seen[b] = lexicon_get(lx, &c, 1, utf8_hash(&c, 1, UTF8_HASH_INIT));
        CHECK(seen[b] && seen[b]->len == 1 && seen[b]->fold[0] == c);
        CHECK(seen[b] && lexicon_get(lx, &c, 1, 0) == seen[b]); /* (by the byte, not the hash) */
        bool apart = seen[b] != NULL; /* (one check a byte, not one a pair) */
        for (int a = 0; a < b && apart; a++)
            apart = seen[a] != seen[b] && seen[a] && &seen[a]->rec != &seen[b]->rec;
        CHECK(apart);
    }
    for (int k = 0; k < LEX_WAYS; k++)
        CHECK(get(lx, w[k]) && get(lx, w[k])->known == k + 1);
    CHECK(lang_word_bits(lang, "u", 1, utf8_hash("u", 1, UTF8_HASH_INIT)) != 0);
    const char *text = "Hij zei: 'ja, u ook' (en nee), a. En u?";
    d->lang = lang;
    CHECK_INT(stage(d, lx, g, h, text), 0);
    CHECK(tokens_ok(g, d, SHARED));
    doc_reset(d, "t", text, strlen(text));
    CHECK_INT(token_split(d), 0);
    d->lang = NULL;
    CHECK_INT(lexicon_doc(d, g, h, NULL), 0);
    CHECK(tokens_ok(g, d, SHARED));
    d->lang = lang;
    CHECK_INT(stage(d, lx, g, h, text), 0);
    CHECK(tokens_ok(g, d, SHARED));
    lexicon_free(lx);
}

/* LEX_WAYS + 1 words of one set of the lexicon in one document, twice: the first ones hold
 * their set for the document (their tokens point to their records), so the last gets a record
 * of its own, and every token's record is its own word's (a record shared with another word of
 * the set fails: its sets are that word's), in three documents running; a new word of the set
 * is not let in before the document is done, the next document lets it in. */
static void collision_tests(const feit_gazetteer *g, const lex_hook *h, feit_doc *d)
{
    char w[SAME][16];
    lexicon *lx = new_with_set("x", w);
    if (!lx)
        return;
    char text[256];
    size_t n = 0;
    for (int twice = 0; twice < 2; twice++)
        for (int k = 0; k < SAME; k++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", w[k], k + 1 < SAME ? " " : twice ? "." : ", ");
    for (int round = 0; round < 3; round++) {
        CHECK_INT(stage(d, lx, g, h, text), 0);
        CHECK(tokens_ok(g, d, ANY));
        CHECK(d->ntoks >= SAME && d->toks[0].fold_len == strlen(w[0]) && d->toks[SAME - 1].fold_len == strlen(w[SAME - 1]));
        for (int a = 0; a < SAME; a++)
            for (int b = 0; b < a; b++)
                CHECK(d->toks[a].info != d->toks[b].info);
        CHECK(get(lx, w[SAME - 1]) == NULL && tokens_ok(g, d, ANY));
    }
    CHECK_INT(stage(d, lx, g, h, "anders"), 0);
    CHECK(get(lx, w[SAME - 1]) != NULL);
    lexicon_free(lx);
}

/* Is way k of lx's set of word w that word? */
static bool in_way(lexicon *lx, const char *w, int k)
{
    const lex_entry *e = &lx->e[lexicon_index(utf8_hash(w, strlen(w), UTF8_HASH_INIT))][k];
    return e->len == strlen(w) && !memcmp(e->fold, w, e->len);
}

/* A record is its entry's own, so an entry does not move while the document's tokens point to
 * its record or to the record of a way it would pass: a word found behind a held way stays
 * where it is, and every token keeps its own word's record (a record moved under a token would
 * give it another word's sets); in the next document the word found behind moves to the front. */
static void held_tests(const feit_gazetteer *g, const lex_hook *h, feit_doc *d)
{
    char w[SAME][16];
    lexicon *lx = new_with_set("h", w);
    if (!lx)
        return;
    char text[256];
    /* w[3] first takes way 0; the others, let in behind it while it is held, stay behind it */
    snprintf(text, sizeof text, "%s %s %s %s", w[3], w[2], w[1], w[0]);
    CHECK_INT(stage(d, lx, g, h, text), 0);
    CHECK(tokens_ok(g, d, SHARED));
    CHECK(in_way(lx, w[3], 0) && in_way(lx, w[0], 1) && in_way(lx, w[1], 2) && in_way(lx, w[2], 3));
    /* w[2] moves to the front (nothing held yet), then holds it: w[0] and w[1] stay */
    snprintf(text, sizeof text, "%s %s %s %s %s %s %s", w[2], w[0], w[2], w[0], w[1], w[3], w[2]);
    CHECK_INT(stage(d, lx, g, h, text), 0);
    CHECK(tokens_ok(g, d, SHARED));
    CHECK(in_way(lx, w[2], 0) && in_way(lx, w[3], 1) && in_way(lx, w[0], 2) && in_way(lx, w[1], 3));
    CHECK(d->ntoks == 7 && d->toks[0].info == &lx->e[lexicon_index(d->toks[0].hash)][0].rec);
    snprintf(text, sizeof text, "%s", w[1]);
    CHECK_INT(stage(d, lx, g, h, text), 0);
    CHECK(tokens_ok(g, d, SHARED) && in_way(lx, w[1], 0) && in_way(lx, w[2], 1));
    lexicon_free(lx);
}

/* Are ways 0..3 of the set of the words in w the words a, b, c, d of w (-1: an empty way)? */
static bool ways_are(lexicon *lx, char w[SAME][16], int a, int b, int c, int e)
{
    int want[LEX_WAYS] = {a, b, c, e};
    for (int k = 0; k < LEX_WAYS; k++)
        if (want[k] < 0 ? lx->e[lexicon_index(utf8_hash(w[0], strlen(w[0]), UTF8_HASH_INIT))][k].len != 0
                        : !in_way(lx, w[want[k]], k))
            return false;
    return true;
}

/* The ways of a set in the order they were met, one word a document (so that none is held):
 * a new word goes to the front, the ways before the one it takes one back; a word found in way
 * 1, 2 or 3 moves to the front, the ways before it one back; a fifth word puts out the word
 * met longest ago. Each move of lexicon_rest (move_back) of one, two and three ways. */
static void order_tests(const feit_gazetteer *g, const lex_hook *h, feit_doc *d)
{
    char w[SAME][16];
    lexicon *lx = new_with_set("o", w);
    if (!lx)
        return;
    static const int met[] = {0, 1, 2, 3, 2, 1, 0, 4};
    static const int order[][LEX_WAYS] = {
        {0, -1, -1, -1}, {1, 0, -1, -1}, {2, 1, 0, -1}, {3, 2, 1, 0},
        {2, 3, 1, 0},    {1, 2, 3, 0},   {0, 1, 2, 3},  {4, 0, 1, 2},
    };
    for (size_t k = 0; k < sizeof met / sizeof *met; k++) {
        CHECK_INT(stage(d, lx, g, h, w[met[k]]), 0);
        CHECK(tokens_ok(g, d, SHARED));
        CHECK(ways_are(lx, w, order[k][0], order[k][1], order[k][2], order[k][3]));
    }
    lexicon_free(lx);
}

/* A document with more word types (140,000) than the lexicon holds (131,072), each twice, and
 * again in a second document: every token's record is its own word's. */
static void many_types_tests(const feit_gazetteer *g, const lex_hook *h, feit_doc *d)
{
    enum { TYPES = 140000 };
    lexicon *lx = lexicon_new();
    char *text = malloc((size_t)TYPES * 2 * 8 + 1);
    CHECK(lx && text);
    if (lx && text) {
        size_t n = 0;
        for (int half = 0; half < 2; half++)
            for (int k = 0; k < TYPES; k++)
                n += (size_t)sprintf(text + n, "y%d ", k);
        text[n] = 0;
        for (int round = 0; round < 2; round++) {
            CHECK_INT(stage(d, lx, g, h, text), 0);
            CHECK_INT(d->ntoks, 2 * TYPES);
            CHECK(tokens_ok(g, d, ANY));
        }
    }
    free(text);
    lexicon_free(lx);
}

/* the lists (lex_lists) of d as a walk of its tokens would make them, compared with l's */
static bool lists_ok(const feit_doc *d, const lex_lists *l)
{
    size_t nc = 0, no = 0;
    bool ok = true;
    for (size_t i = 0; i < d->ntoks; i++) {
        const feit_token *t = &d->toks[i];
        if (t->kind == TOK_WORD && (t->flags & TF_CAP))
            ok &= nc < l->ncaps && l->caps[nc++] == i;
        if ((t->info->lang & l->open_bits) || t->kind == TOK_QUOTE || (t->flags & (TF_PARA | TF_ROLEWORD)))
            ok &= no < l->nopens && l->opens[no++] == i;
    }
    return ok && nc == l->ncaps && no == l->nopens;
}

/* The lists the stage makes for the stages above: the capitalised words and the openers (here
 * the pronouns), quote marks and paragraph starts, in order, across blocks of tokens, with and
 * without a lexicon; the lists of a document replace the last one's. */
static void lists_tests(const feit_gazetteer *g, lexicon *lx, feit_doc *d, const feit_lang *lang)
{
    char text[8192];
    size_t n = 0;
    for (int k = 0; k < 60; k++) /* 60 * 8 tokens: past two blocks of 256 */
        n += (size_t)snprintf(text + n, sizeof text - n, "%s Hij zei \"het\" tegen Jan Peters.", k % 7 ? "" : "\n\n");
    lex_lists l = {0};
    l.open_bits = LANG_W_PRONOUN;
    for (int pass = 0; pass < 2; pass++) {
        doc_reset(d, "t", text, n);
        d->lex = pass ? NULL : lx;
        d->lang = lang;
        CHECK_INT(token_split(d), 0);
        CHECK_INT(lexicon_doc(d, g, NULL, &l), 0);
        CHECK(l.ncaps >= 180 && l.nopens >= 180); /* Hij Jan Peters a sentence; hij, quotes */
        CHECK(lists_ok(d, &l));
    }
    doc_reset(d, "t", "een kat", 7);
    d->lex = lx;
    CHECK_INT(token_split(d), 0);
    CHECK_INT(lexicon_doc(d, g, NULL, &l), 0);
    CHECK(l.ncaps == 0 && l.nopens == 0);
    free(l.caps), free(l.opens);
}

static void stage_tests(void)
{
    feit_error err;
    const feit_lang *lang = check_lang();
    const char *dirs[] = {"tests/unit/gaz-match"};
    feit_gazetteer *g = lang ? gazetteer_load(dirs, 1, lang, NULL, &err) : NULL;
    CHECK(g != NULL);
    lexicon *lx = lexicon_new();
    CHECK(lx != NULL);
    if (!g || !lx) {
        gazetteer_free(g);
        lexicon_free(lx);
        return;
    }
    lex_hook h = {.ctx = NULL, .role = role_of, .sets = sets_of}; /* no rel: the record keeps 0 */
    feit_doc d;
    doc_init(&d, NULL);
    d.lang = lang;
    const char *text = "De premier van Rusland sprak. De premier van Rusland zweeg, zei de premier. 2020 2020";
    CHECK_INT(stage(&d, lx, g, &h, text), 0);
    CHECK(tokens_ok(g, &d, SHARED));
    /* asked once per word type: de premier van rusland sprak zweeg zei */
    CHECK_INT(role_calls, 7);
    CHECK_INT(sets_calls, 7);
    const feit_wordinfo *before = d.toks[1].info, *rusland = d.toks[3].info;
    /* the next document: the worker's records of the words again, nothing asked again */
    CHECK_INT(stage(&d, lx, g, &h, "Rusland: de premier sprak."), 0);
    CHECK(tokens_ok(g, &d, SHARED));
    CHECK_INT(role_calls, 7);
    CHECK_INT(sets_calls, 7);
    CHECK(d.ntoks > 3 && d.toks[3].info == before && d.toks[0].info == rusland);
    /* a document of no language: no list says anything; then the language's answers again
     * (what the records held of the lists is forgotten between, each time) */
    lex_entry *zweeg = get(lx, "zweeg"), *de = get(lx, "de");
    CHECK(zweeg && (zweeg->known & LEX_LANG) && zweeg->rec.lang == 0);
    CHECK(de && (de->known & LEX_LANG) && de->rec.lang != 0);
    doc_reset(&d, "t", text, strlen(text));
    CHECK_INT(token_split(&d), 0); /* (the tokenizer needs the language) */
    d.lang = NULL;
    CHECK_INT(lexicon_doc(&d, g, &h, NULL), 0);
    CHECK(tokens_ok(g, &d, SHARED));
    CHECK(de && (de->known & LEX_LANG) && de->rec.lang == 0);
    d.lang = lang;
    CHECK_INT(stage(&d, lx, g, &h, text), 0);
    CHECK(tokens_ok(g, &d, SHARED));
    CHECK_INT(role_calls, 7);
    /* no lexicon: a record per token, the same answers */
    role_calls = sets_calls = 0;
    CHECK_INT(stage(&d, NULL, g, &h, text), 0);
    CHECK(tokens_ok(g, &d, APART));
    CHECK_INT(sets_calls, 13);
    lists_tests(g, lx, &d, lang);
    follow_tests(g, lx, &d);
    collision_tests(g, &h, &d);
    held_tests(g, &h, &d);
    order_tests(g, &h, &d);
    one_byte_tests(g, &h, &d, lang);
    many_types_tests(g, &h, &d);
    /* the hook's rel: a word's record holds what holds of both kinds (it may serve a token of
     * either), a number's the other kind's; the records filled without it say nothing */
    lex_hook hr = {NULL, role_of, sets_of, rel_of};
    lexicon *lr = lexicon_new();
    CHECK(lr != NULL);
    if (lr) {
        CHECK_INT(stage(&d, lr, g, &hr, text), 0);
        CHECK(d.ntoks > 3 && d.toks[1].kind == TOK_WORD && d.toks[1].info->rel == 0x4);
        CHECK(d.toks[d.ntoks - 1].kind == TOK_NUM && d.toks[d.ntoks - 1].info->rel == 0x6);
        CHECK(rels_ok(&d, 0x4, 0x6));
        CHECK_INT(stage(&d, lr, g, &hr, text), 0); /* (a later document: the records known) */
        CHECK(rels_ok(&d, 0x4, 0x6));
        CHECK_INT(stage(&d, NULL, g, &hr, text), 0);
        CHECK(d.toks[1].info->rel == 0x4 && d.toks[d.ntoks - 1].info->rel == 0x6);
        CHECK(rels_ok(&d, 0x4, 0x6));
        lexicon_free(lr);
    }
    CHECK_INT(stage(&d, lx, g, &h, text), 0);
    CHECK(d.toks[1].info->rel == 0 && d.toks[d.ntoks - 1].info->rel == 0);
    CHECK(rels_ok(&d, 0, 0));
    doc_free(&d);
    lexicon_free(lx);
    gazetteer_free(g);
}

/* lexicon_same at every length a word can have in the table (its loads overlap differently
 * for 1, 2-3, 4-7 and 8 or more bytes): equal words are the same, and a word that differs from
 * another in any one byte is not (the strings end where the test's buffers do not). */
static void same_tests(void)
{
    char a[LEX_WORD + 8], b[LEX_WORD + 8];
    for (size_t n = 1; n <= LEX_WORD; n++) {
        for (size_t k = 0; k < sizeof a; k++)
            a[k] = b[k] = (char)('a' + k % 26);
        CHECK(lexicon_same(a, b, n));
        b[n] = 'X'; /* (past the word: not compared) */
        CHECK(lexicon_same(a, b, n));
        for (size_t at = 0; at < n; at++) {
            b[at] = 'X';
            CHECK(!lexicon_same(a, b, n));
            b[at] = a[at];
        }
    }
}

int main(void)
{
    same_tests();
    stage_tests();
    lexicon_free(NULL);
    lexicon *lx = lexicon_new();
    CHECK(lx != NULL);
    if (!lx)
        CHECK_DONE();
    CHECK(((uintptr_t)lx & ((2u << 20) - 1)) == 0);
    /* a new entry knows nothing; asked again it is the same entry, with what was filled in */
    lex_entry *e = get(lx, "kamer");
    CHECK(e && e->len == 5 && e->known == 0 && !memcmp(e->fold, "kamer", 5));
    if (e)
        e->known = LEX_SLOT;
    CHECK(get(lx, "kamer") == e && e && e->known == LEX_SLOT);
    CHECK(get(lx, "") == NULL);
    char longw[LEX_WORD + 2];
    memset(longw, 'a', sizeof longw - 1);
    longw[LEX_WORD + 1] = 0;
    CHECK(get(lx, longw) == NULL);
    longw[LEX_WORD] = 0;
    CHECK(get(lx, longw) != NULL);
    /* LEX_WAYS + 1 words of one set: the last evicts the one met longest ago, the others keep
     * each other (each keeps what it was given: its k + 1 as its known bits) */
    char w[SAME][16];
    CHECK(same_set_words("w", w) == SAME);
    for (int k = 0; k < LEX_WAYS; k++) {
        lex_entry *x = get(lx, w[k]);
        if (x)
            x->known = (uint8_t)(k + 1);
    }
    for (int k = 0; k < LEX_WAYS; k++) /* all held: asking for any finds what it was given */
        CHECK(get(lx, w[k]) && get(lx, w[k])->known == k + 1);
    get(lx, w[SAME - 1]); /* evicts w[0], met longest ago */
    for (int k = 1; k < LEX_WAYS; k++)
        CHECK(get(lx, w[k]) && get(lx, w[k])->known == k + 1);
    lex_entry *lost = get(lx, w[0]); /* (a new entry: it evicts w[SAME - 1], met longest ago now) */
    CHECK(lost && lost->known == 0);
    CHECK(get(lx, w[SAME - 1]) && get(lx, w[SAME - 1])->known == 0);
    lexicon_free(lx);
    /* the word met last stays: w[0] let in first but met again after the others, the last word
     * puts out w[1] (met longest ago), not w[0] */
    lexicon *lr = lexicon_new();
    CHECK(lr != NULL);
    if (lr) {
        for (int k = 0; k < LEX_WAYS; k++) {
            lex_entry *x = get(lr, w[k]);
            if (x)
                x->known = (uint8_t)(k + 1);
        }
        get(lr, w[0]), get(lr, w[SAME - 1]);
        lex_entry *kept = get(lr, w[0]);
        CHECK(kept && kept->known == 1);
        lex_entry *out = get(lr, w[1]);
        CHECK(out && out->known == 0);
    }
    lexicon_free(lr);
    CHECK_DONE();
}
