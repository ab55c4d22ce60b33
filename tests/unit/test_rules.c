/* test_rules.c — the rule loader: a good load of the bundled rules, and each kind of mistake
 * reported at its file:line:column. */
#include "core/lang.h"
#include "check.h"
#include "made_up.h"
#include "core/doc.h"
#include "relations/relate.h"
#include "relations/relate_match.h"
#include "relations/rules.h"
#include "relations/rules_cache.h"
#include "core/types.h"
#include "core/utf8.h"
#include "text/token.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static const char *PREDS = "# test vocabulary\n"
                           "samenwerking\tyes\t-\tany\tany\n"
                           "president\tno\tP35\tperson\tcountry|organisation\n"
                           "minister\tno\tP39\tperson\tcountry\n"
                           "ligt_in\tno\tcountry=P17,location=P131\tcity|location\tcountry|location\n";
static const char *ROLES = "president\tpresident\n"
                           "buitenlandminister\tminister\tbuitenlandse zaken\n"
                           "NAVO-chef\tpresident\n"
                           "ambtgenoot\t=\n"
                           "oud-president\t-\n";
static const char *HEAD = "predicates preds.tsv\nroles roles.tsv\nwords samen = samenwerken *samenwerking\n";

/* Loads HEAD + body as rules.rules; returns the loaded rules (or NULL with err filled). */
/* The literal index of the word w in r (rules_lit_find with w's length and hash), or -1. */
static int32_t lit_index(const feit_rules *r, const char *w)
{
    return rules_lit_find(r, w, strlen(w), utf8_hash(w, strlen(w), UTF8_HASH_INIT));
}

/* The k-th literal word of requirement q of a rule of r. */
static const char *req_word(const feit_rules *r, const rreq *q, int32_t k)
{
    return r->nodes[r->req_lits[q->lit_first + k]].word;
}

static feit_rules *load(const char *body, feit_error *err)
{
    char text[4096], path[512];
    snprintf(text, sizeof text, "%s%s", HEAD, body);
    write_file("rules.rules", text);
    snprintf(path, sizeof path, "%s/rules.rules", dir);
    return rules_load(path, "dutch", err);
}

/* expects a load error at line:column of file (basename) with text containing `what` */
static void expect_error(const char *body, const char *file, int line, int column, const char *what)
{
    feit_error err;
    feit_rules *r = load(body, &err);
    CHECK(r == NULL);
    rules_free(r);
    const char *base = strrchr(err.file, '/');
    CHECK_STR(base ? base + 1 : err.file, file);
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, column);
    if (!strstr(err.text, what))
        printf("FAIL %s:%d: error text \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, err.text, what), check_failed++;
    else
        printf("PASS %s:%d\n", __FILE__, __LINE__);
}

/* Is stem in set k, compared stem by stem (a whole stem; a head or lead leaving three bytes)? */
static bool in_set_slowly(const feit_rules *r, int32_t k, const char *stem)
{
    size_t n = strlen(stem);
    for (int32_t i = 0; i < r->sets[k].n; i++) {
        const rstem *e = &r->stems[r->sets[k].first + i];
        if ((n == e->len && !memcmp(stem, e->stem, n)) ||
            (n >= e->len + 3 && ((e->head && !memcmp(stem + n - e->len, e->stem, e->len)) ||
                                 (e->lead && !memcmp(stem, e->stem, e->len)))))
            return true;
    }
    return false;
}

/* The sets of every word of text from the stem index (relate_token_sets_memo, which skips the
 * lengths its filters rule out) against in_set_slowly; the number of words that differ. */
static int index_differs(const feit_rules *r, const char *text)
{
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    feit_doc d;
    doc_init(&d, st);
    d.lang = check_lang();
    doc_reset(&d, "s", text, strlen(text));
    int bad = token_split(&d) ? 1 : 0;
    relate_memo memo = {0};
    for (uint32_t i = 0; i < d.ntoks && !bad; i++) {
        if (d.toks[i].kind != TOK_WORD)
            continue;
        const uint64_t *m = relate_token_sets_memo(r, &d, &memo, i);
        for (int32_t k = 0; k < r->nsets; k++)
            if (rules_set_has(m, k) != in_set_slowly(r, k, doc_stem(&d, i))) {
                printf("FAIL %s:%d: '%s' (stem '%s'), set %s\n", __FILE__, __LINE__, d.toks[i].fold, doc_stem(&d, i), r->sets[k].name);
                bad++;
            }
    }
    doc_free(&d);
    sb_stemmer_delete(st);
    return bad;
}

/* Made-up words into text (cap bytes at least 64): Dutch-like runs of letters, one of Snowball's
 * endings (and what it undoubles or changes before them) or none, up to two letters more
 * (made_up.h); returns the length written. */
static size_t made_up(char *text, size_t cap, uint64_t x)
{
    static const char *const ends[] = {"heid", "heden", "en", "ene", "se", "s", "e", "end", "ing", "ig", "lijk",
                                       "baar", "bar", "lijkheden", "ingen", "igen", "tten", "kken", "dden",
                                       "aan", "een", "oon", "uun", "aat", "eet", "oot", "gem", "", "", ""};
    return made_up_words(text, cap, &x, ends, sizeof ends / sizeof *ends);
}

/* rules_stem_cuts: the linked stemmer's stem of each word of text[0 .. n) is one of its cuts.
 * Returns the words where it is not; *asked, the words it could tell (lower-case ASCII). */
static long cuts_miss(const char *text, size_t n, long *asked)
{
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    long miss = 0;
    *asked = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && text[j] != ' ')
            j++;
        const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)text + i, (int)(j - i));
        rules_stem_cut_probe p = {(const char *)s, s ? (size_t)sb_stemmer_length(st) : 0};
        int got = rules_stem_cuts(text + i, j - i, rules_is_stem, &p);
        *asked += got >= 0;
        if (got == 0 && miss++ < 5)
            printf("FAIL %s:%d: '%.*s': Snowball's stem '%.*s' is none of its cuts\n", __FILE__, __LINE__, (int)(j - i),
                   text + i, (int)p.len, p.stem);
        i = j + 1;
    }
    sb_stemmer_delete(st);
    return miss;
}

/* The sets the lexicon's hook gives each word of text (word_sets, which stems no word none of
 * whose cuts is in a set) against in_set_slowly of the word's stem; the number of words that
 * differ. A word the hook keeps no sets for (too many to pack) is not compared. */
static int hook_differs(const feit_rules *r, const char *text, size_t n)
{
    struct sb_stemmer *st = sb_stemmer_new("dutch", NULL);
    feit_doc d;
    doc_init(&d, st);
    d.lang = check_lang();
    doc_reset(&d, "s", text, n);
    int bad = token_split(&d) ? 1 : 0;
    lex_hook h = relate_lex_hook(r);
    for (uint32_t i = 0; i < d.ntoks && bad < 5; i++) {
        uint64_t sets = 0;
        if (d.toks[i].kind != TOK_WORD || !h.sets(h.ctx, &d, i, &sets))
            continue;
        const char *stem = doc_stem(&d, i);
        for (int32_t k = 0; k < r->nsets; k++) {
            bool got = r->set_words == 1 ? (sets >> k) & 1 : relate_packed_has(sets, k);
            if (got != in_set_slowly(r, k, stem)) {
                printf("FAIL %s:%d: '%s' (stem '%s'), set %s\n", __FILE__, __LINE__, d.toks[i].fold, stem, r->sets[k].name);
                bad++;
            }
        }
    }
    doc_free(&d);
    sb_stemmer_delete(st);
    return bad;
}

/* The role a word names, as the name finders and rules see it (relate_lex_hook): the role
 * predicate, the word itself for "ambtgenoot" (it takes another's role), NULL for none. */
static const char *role_of(const feit_rules *r, const char *w)
{
    lex_hook h = relate_lex_hook(r);
    bool names_role = false;
    const rrole *e = h.role(h.ctx, w, strlen(w), &names_role);
    if (!e || !names_role)
        return NULL;
    return e->inherit ? e->word : r->preds[e->pred].name;
}

/* Do the sparse rows (rules.h: rs_nz) give back rs_req, word for word? */
static bool same_rows(const feit_rules *r)
{
    size_t kw = (size_t)RULES_MAX_REQS * (size_t)r->rs_words;
    for (size_t k = 0; k < (size_t)r->rs_rows; k++) {
        uint32_t i = r->rs_nz_first[k], e = r->rs_nz_first[k + 1];
        for (size_t x = 0; x < kw; x++) {
            uint64_t want = r->rs_req[k * kw + x];
            if (!want)
                continue;
            if (i == e || r->rs_nz[i].at != x || r->rs_nz[i].bits != want)
                return false;
            i++;
        }
        if (i != e)
            return false;
    }
    return true;
}

/* Are n elements at a and b the same bytes (both NULL: yes)? */
static bool same_mem(const void *a, const void *b, size_t n)
{
    return a && b ? memcmp(a, b, n) == 0 : a == b;
}

/* Does c, read from the rules cache, hold the rows made from the parsed rules p (rules_index_rows:
 * stored in the cache, not made again at a start) the same? */
static bool same_index(const feit_rules *p, const feit_rules *c)
{
    size_t w = (size_t)p->rs_words, rows = (size_t)p->rs_rows, cap = (size_t)p->few_ments;
    size_t kw = (size_t)RULES_MAX_REQS * w, few = cap * (rows + 1);
    if (!p->rs_nz_first || !c->rs_nz_first || c->rs_rows != p->rs_rows || c->ntop != p->ntop || c->stem_cuts != p->stem_cuts ||
        c->few_ments != p->few_ments)
        return false;
    size_t nz = p->rs_nz_first[rows], nfew = few ? p->rs_few_first[few - 1] : 0;
    /* (of rs_req the cache keeps the rows up to nsets: relate.c reads row nsets) */
    return same_mem(p->edge_lens, c->edge_lens, 3 * (size_t)RULES_EDGE_KEYS * sizeof *p->edge_lens) &&
           same_mem(p->rs_req, c->rs_req, ((size_t)p->nsets + 1) * kw * sizeof *p->rs_req) &&
           same_mem(p->rs_nz_first, c->rs_nz_first, (rows + 1) * sizeof *p->rs_nz_first) &&
           same_mem(p->rs_nz, c->rs_nz, nz * sizeof *p->rs_nz) &&
           same_mem(p->rs_few_first, c->rs_few_first, few * sizeof *p->rs_few_first) &&
           same_mem(p->rs_few, c->rs_few, nfew * sizeof *p->rs_few) &&
           same_mem(p->rs_top, c->rs_top, ((size_t)1 << p->ntop) * kw * sizeof *p->rs_top) &&
           same_mem(p->lit_top, c->lit_top, (size_t)p->nlits + 1) &&
           same_mem(p->rs_types, c->rs_types, 2 * ((size_t)TYPES_ALL + 1) * w * sizeof *p->rs_types) &&
           same_mem(p->later, c->later, (size_t)p->nrules * sizeof *p->later) &&
           same_mem(p->gap_next, c->gap_next, (size_t)p->nnodes * sizeof *p->gap_next) &&
           c->ngap_sets == p->ngap_sets && same_mem(p->gap_sets, c->gap_sets, p->ngap_sets * sizeof *p->gap_sets) &&
           c->gate_ments == p->gate_ments && c->gate_role == p->gate_role &&
           same_mem(p->gate_lits, c->gate_lits, (((size_t)p->nlits + 63) / 64 + 1) * sizeof *p->gate_lits) &&
           same_mem(p->gate_sets, c->gate_sets, ((size_t)p->set_words + 1) * sizeof *p->gate_sets) &&
           !memcmp(p->cue_bits, c->cue_bits, sizeof p->cue_bits) && !memcmp(p->lit_byte, c->lit_byte, sizeof p->lit_byte);
}

/* Does c, read from the rules cache, hold p's nodes (rnode: its string by content) and their
 * elements' text (node_src, for `feit explain`) the same? */
static bool same_nodes(const feit_rules *p, const feit_rules *c)
{
    if (c->nnodes != p->nnodes)
        return false;
    for (int32_t i = 0; i < p->nnodes; i++) {
        rnode a = p->nodes[i], b = c->nodes[i];
        if ((a.word == NULL) != (b.word == NULL) || (a.word && strcmp(a.word, b.word)) ||
            (p->node_src[i] == NULL) != (c->node_src[i] == NULL) || (p->node_src[i] && strcmp(p->node_src[i], c->node_src[i])))
            return false;
        a.word = b.word = NULL;
        if (memcmp(&a, &b, sizeof a))
            return false;
    }
    return true;
}

/* Does rules_lit_of answer each one-byte word (by lit_byte, whatever the hash it is given) as
 * rules_lit_find does with the word's hash, and a longer word as rules_lit_find? */
static bool lit_bytes_ok(const feit_rules *r)
{
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        if (rules_lit_of(r, &c, 1, 0) != rules_lit_find(r, &c, 1, utf8_hash(&c, 1, UTF8_HASH_INIT)))
            return false;
    }
    uint32_t h = utf8_hash("van", 3, UTF8_HASH_INIT);
    return rules_lit_of(r, "van", 3, h) == rules_lit_find(r, "van", 3, h);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/feit-test-rules-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    write_file("preds.tsv", PREDS);
    write_file("roles.tsv", ROLES);

    /* a good load */
    feit_error err;
    feit_rules *r = load("rule coord 0.9\n"
                         "    A:ANY en B:ANY _4 @samen\n"
                         "    -> A samenwerking B\n"
                         "rule role 0.8 nocue\n"
                         "    C:COUNTRY/adj R:ROLE \",\"? P:PERSON   # comment\n"
                         "    -> P $R C\n"
                         "rule doc 0.5 fallback R:ROLE P:PERSON -> P $R DOC 0.4\n",
                         &err);
    CHECK(r != NULL);
    if (r) {
        CHECK_INT(r->nrules, 3);
        CHECK_STR(r->rules[0].id, "coord");
        CHECK_INT(r->rules[0].min_ments, 2);
        CHECK_INT(r->min_ments, 1);
        CHECK(r->rules[1].nocue);
        CHECK(r->rules[2].fallback);
        CHECK_STR(role_of(r, "president"), "president");
        CHECK_STR(role_of(r, "buitenlandminister"), "minister");
        CHECK_STR(role_of(r, "navo-chef"), "president");
        CHECK(role_of(r, "oud-president") == NULL);
        CHECK(role_of(r, "bakker") == NULL);
        const rrole *e = rules_role_entry(r, "buitenlandminister", strlen("buitenlandminister"));
        CHECK(e && e->qualifier && !strcmp(e->qualifier, "buitenlandse zaken"));
        e = rules_role_entry(r, "ambtgenoot", strlen("ambtgenoot"));
        CHECK(e && e->inherit);
        int li = rules_pred(r, "ligt_in");
        CHECK(li >= 0);
        if (li >= 0) {
            CHECK_STR(r->preds[li].wd_by_type[FEIT_COUNTRY], "P17");
            CHECK_STR(r->preds[li].wd_by_type[FEIT_LOCATION], "P131");
        }
        CHECK(r->preds[rules_pred(r, "samenwerking")].symmetric);
    }
    rules_free(r);

    /* the bundled rule set loads */
    r = rules_load("models/relations.rules", "dutch", &err);
    if (!r)
        printf("FAIL %s:%d: models/relations.rules: %s:%d:%d: %s\n", __FILE__, __LINE__, err.file, err.line, err.column,
               err.text), check_failed++;
    else {
        printf("PASS %s:%d\n", __FILE__, __LINE__);
        CHECK(r->nrules >= 50);
        CHECK_STR(role_of(r, "navo-chef"), "secretaris-generaal");
        CHECK(r->rs_req && r->rs_nz_first && same_rows(r));
        CHECK(lit_bytes_ok(r));
        CHECK(rules_lit_of(r, "(", 1, 0) >= 0); /* (a literal of the bundled rules) */
        CHECK(rules_lit_of(r, ",", 1, 0) < 0);  /* (a common word of theirs: no requirement) */
        /* the rules cache: written by the first load, read by the second, the rows as made */
        char cache[300];
        snprintf(cache, sizeof cache, "%s/cache", dir);
        rules_cache_status st[2];
        for (int i = 0; i < 2; i++) {
            feit_rules *c = rules_cache_load("models/relations.rules", "dutch", cache, &st[i], &err);
            CHECK(c && same_index(r, c) && same_nodes(r, c));
            rules_free(c);
        }
        CHECK(st[0] == RULES_CACHE_BUILT && st[1] == RULES_CACHE_HIT);
        /* a word none of whose cuts is in a set is not stemmed: the sets are those of its stem
         * all the same, for words of each of Snowball's shapes ("maan" -> "man", "schoonheden"
         * -> "schoonheid"), compounds of the sets' words and made-up words */
        CHECK(r->stem_cuts);
        static const char words[] = "maan manen schoonheden mogelijkheden samenwerkingsverbanden handelsovereenkomsten "
                                    "vredesakkoorden overleggen ontmoetingen getekend ondertekenden bezoeken "
                                    "staatsbezoek werkbezoeken bedden pakken zoete gelopen opgestaan in op uit ";
        CHECK_INT(hook_differs(r, words, strlen(words)), 0);
        static char text[1 << 20];
        CHECK_INT(hook_differs(r, text, made_up(text, sizeof text, 2463534242ull)), 0);
    }
    rules_free(r);

    /* rules_stem_cuts: the stem of a word of lower-case ASCII is one of its cuts, for words of
     * each shape Snowball's Dutch takes endings off; another stemmer's rules do without */
    {
        static char text[1 << 21];
        long asked = 0;
        CHECK_INT(cuts_miss(text, made_up(text, sizeof text, 88172645463325252ull), &asked), 0);
        CHECK(asked > 150000);
        static const char shapes[] = "maan schoonheden bedden kinderen lichamelijk eerbaar";
        CHECK_INT(cuts_miss(shapes, strlen(shapes), &asked), 0);
        CHECK_INT(asked, 6);
        r = load("rule x 0.9 A:PERSON @samen B:ORG -> A samenwerking B\n", &err);
        CHECK(r && r->stem_cuts);
        rules_free(r);
        char path[512];
        snprintf(path, sizeof path, "%s/rules.rules", dir);
        r = rules_load(path, "english", &err);
        CHECK(r && !r->stem_cuts);
        rules_free(r);
    }

    /* errors: HEAD is 3 lines, so the body starts on line 4 */
    expect_error("rule x 0.9 A:PERSN en B:ANY -> A samenwerking B\n", "rules.rules", 4, 14, "unknown entity type 'PERSN'");
    expect_error("rule x 0.9 A:PERSON|CONTRY -> A samenwerking A\n", "rules.rules", 4, 21, "unknown entity type 'CONTRY'");
    expect_error("rule x 1.5 A:ANY en B:ANY -> A samenwerking B\n", "rules.rules", 4, 8, "bad confidence");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B abc\n", "rules.rules", 4, 47, "bad confidence");
    expect_error("rule x 0.9\n    A:ANY en B:ANY\n    -> A vriendschap B\n", "rules.rules", 6, 10, "unknown predicate 'vriendschap'");
    expect_error("rule x 0.9\n  A:ANY (en | of B:ANY\n  -> A samenwerking B\n", "rules.rules", 5, 9, "unterminated group");
    expect_error("rule x 0.9 A:ANY en ) B:ANY -> A samenwerking B\n", "rules.rules", 4, 21, "unexpected ')'");
    expect_error("rule x 0.9 A:ANY en @nergens B:ANY -> A samenwerking B\n", "rules.rules", 4, 21, "unknown word set");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking C\n", "rules.rules", 4, 45, "unknown capture 'C'");
    expect_error("rule x 0.9 A:ANY en B:ANY\n", "rules.rules", 4, 21, "no '->'");
    expect_error("rule x 0.9 A:ANY en A:ANY -> A samenwerking A\n", "rules.rules", 4, 21, "capture 'A' used twice");
    expect_error("rule x 0.9 A:ANY _x B:ANY -> A samenwerking B\n", "rules.rules", 4, 18, "bad gap");
    /* rnode's narrow fields: a gap of at most RULES_MAX_GAP, a literal of at most RULES_MAX_WORD
     * bytes, each checked at its place */
    expect_error("rule x 0.9 A:ANY _101 B:ANY -> A samenwerking B\n", "rules.rules", 4, 18, "N at most 100");
    expect_error("rule x 0.9 A:ANY ...1000 B:ANY -> A samenwerking B\n", "rules.rules", 4, 18, "N at most 100");
    r = load("rule x 0.9 A:ANY _100 B:ANY -> A samenwerking B\n", &err);
    CHECK(r && r->nodes[r->nodes[r->rules[0].head].next].gap_max == 100);
    rules_free(r);
    /* each node's element as the rule file writes it (node_src), the split-off leading tests'
     * copies (rrule.pre) too */
    r = load("rule x 0.9 !( \"niet\" ) A:ANY (en | of) B:ORG.party -> A samenwerking B\n", &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        CHECK(ru->pre >= 0 && ru->pre != ru->head);
        CHECK_STR(r->node_src[ru->pre], "!( ... )");
        CHECK_STR(r->node_src[ru->body], "A:ANY");
        int32_t g = r->nodes[ru->body].next, e = r->nodes[g].next;
        CHECK_STR(r->node_src[g], "( ... )");
        CHECK_INT(r->nodes[g].nalts, 2);
        CHECK_STR(r->node_src[e], "B:ORG.party");
        CHECK_STR(r->nodes[e].org_kind, "party");
    }
    rules_free(r);
    {
        size_t n = (size_t)RULES_MAX_WORD + 1;
        char *big = malloc(strlen(HEAD) + n + 64);
        CHECK(big != NULL);
        if (big) {
            char *e = big + sprintf(big, "%srule x 0.9 A:ANY \"", HEAD);
            memset(e, 'a', n);
            strcpy(e + n, "\" B:ANY -> A samenwerking B\n");
            write_file("big.rules", big);
            free(big);
            char path[512];
            snprintf(path, sizeof path, "%s/big.rules", dir);
            r = rules_load(path, "dutch", &err);
            CHECK(r == NULL);
            rules_free(r);
            CHECK_INT(err.line, 4);
            CHECK_INT(err.column, 18);
            CHECK(strstr(err.text, "a literal of more than 65535 bytes") != NULL);
        }
    }
    expect_error("rule x 0.9 A:ANY en \"B:ANY -> A samenwerking B\n", "rules.rules", 4, 21, "unterminated quoted");
    expect_error("rule x 0.9 A:COUNTRY/bijv R:ROLE -> A samenwerking A\n", "rules.rules", 4, 22, "unknown form 'bijv'");
    expect_error("rule x 0.9 A:ANY R:ROLE -> A $A A\n", "rules.rules", 4, 30, "must name a ROLE capture");
    expect_error("rul x 0.9 A:ANY -> A samenwerking A\n", "rules.rules", 4, 1, "unknown statement 'rul'");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\nrule x 0.8 A:ANY of B:ANY -> A samenwerking B\n",
                 "rules.rules", 5, 6, "used twice");
    expect_error("hedge 2 zou\n", "rules.rules", 4, 7, "FACTOR");
    expect_error("\n  rule x 0.9 A:ANY -> A samenwerking A\n", "rules.rules", 5, 1, "indented line");

    /* define, look-behind, quoted literals with prefixes */
    r = load("define PREP = (van | bij)\n"
             "rule x 0.9 !<%PREP A:ANY en <\",\" B:ANY !\",\" ^\"-\"? -> A samenwerking B\n",
             &err);
    if (!r)
        printf("FAIL %s:%d: %s:%d:%d: %s\n", __FILE__, __LINE__, err.file, err.line, err.column, err.text), check_failed++;
    else
        printf("PASS %s:%d\n", __FILE__, __LINE__);
    rules_free(r);
    expect_error("rule x 0.9 %NERGENS A:ANY -> A samenwerking A\n", "rules.rules", 4, 12, "unknown name '%NERGENS'");
    expect_error("define PREP = van\ndefine PREP = bij\n", "rules.rules", 5, 8, "'PREP' defined twice");
    expect_error("words samen = samen\n", "rules.rules", 4, 7, "word set 'samen' defined twice");
    expect_error("define X = (a | b\nrule x 0.9 %X A:ANY -> A samenwerking A\n", "rules.rules", 4, 12, "unterminated group");
    expect_error("rule x 0.9 <COUNTRY A:ANY -> A samenwerking A\n", "rules.rules", 4, 12, "the word before");
    expect_error("rule x 0.9 <(de)? A:ANY -> A samenwerking A\n", "rules.rules", 4, 13, "cannot be optional");
    expect_error("rule x 0.9 A:ANY !B:ANY -> A samenwerking A\n", "rules.rules", 4, 18, "cannot capture");
    expect_error("cue-window x\n", "rules.rules", 4, 1, "cue-window N");
    expect_error("rule x 0.9 C:COUNTRY/adj R:ROLE -> WHO $R C\n", "rules.rules", 4, 36, "needs the rule option 'describe'");
    expect_error("rule x 0.9 describe C:COUNTRY/adj R:ROLE -> C $R C\n", "rules.rules", 4, 6, "must emit WHO");
    r = load("rule x 0.6 describe samecountry <(de|het) C:COUNTRY/adj R:ROLE !PERSON -> WHO $R C\n", &err);
    CHECK(r && r->rules[0].describe && r->rules[0].samecountry);
    rules_free(r);

    /* LAST: an argument of the latest fact of a named predicate */
    expect_error("rule x 0.9 R:ROLE A:ORG -> LAST $R A\n", "rules.rules", 4, 33, "LAST takes the argument");
    expect_error("rule x 0.9 A:ORG -> LAST samenwerking LAST\n", "rules.rules", 4, 26, "LAST takes the argument");
    r = load("rule x 0.6 A:ORG kreeg -> LAST samenwerking A\n", &err);
    CHECK(r && r->emits[r->rules[0].first_emit].subj == RULES_LAST && r->emits[r->rules[0].first_emit].obj >= 0);
    rules_free(r);
    expect_error("rule x 0.9 A:PERSON en B:PERSON -> A roles-of DOC\n", "rules.rules", 4, 38, "roles-of takes two captures");
    r = load("rule x 0.9 A:PERSON en B:PERSON -> B roles-of A former\n", &err);
    CHECK(r && r->emits[0].pred == RULES_ROLES_OF && r->emits[0].time == FEIT_TIME_FORMER);
    rules_free(r);

    /* a define may use another define (expanded inside the rule), never itself */
    {
        feit_rules *flat = load("rule x 0.9 A:ANY !<(de) van de B:ANY -> A samenwerking B\n", &err);
        r = load("define P = van\ndefine PD = !<(de) %P de\nrule x 0.9 A:ANY %PD B:ANY -> A samenwerking B\n", &err);
        CHECK(flat && r && r->nnodes == flat->nnodes);
        rules_free(flat);
        rules_free(r);
    }
    expect_error("define X = van %X\nrule x 0.9 A:ANY %X B:ANY -> A samenwerking B\n", "rules.rules", 4, 16, "expands without end");

    /* requirements: a literal, a word set, or a group each of whose alternatives needs a
     * word (literals and sets together); a group with an alternative that needs none (an
     * entity), an optional element and a look-ahead give none; of a group, also the rarest
     * word each alternative needs ("naar": written once, "reis | tocht" twice) */
    r = load("rule x 0.9 A:ANY _3 (rondreis | tournee | @samen over | (reis|tocht) naar) (door|langs)? !(niet) B:ANY\n"
             "    (ORG | voorzitter) en -> A samenwerking B\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        CHECK_INT(ru->nreqs, 3);
        if (ru->nreqs == 3) {
            const rreq *q = &ru->reqs[0];
            CHECK_INT(q->nlits, 4);
            CHECK_INT(q->nsets, 1);
            const char *want[] = {"rondreis", "tournee", "reis", "tocht"};
            for (int i = 0; i < 4 && i < q->nlits; i++)
                CHECK_STR(req_word(r, q, i), want[i]);
            CHECK_STR(r->sets[q->sets[0]].name, "samen");
            q = &ru->reqs[1];
            CHECK_INT(q->nlits, 1);
            CHECK_INT(q->nsets, 0);
            if (q->nlits == 1)
                CHECK_STR(req_word(r, q, 0), "en");
            q = &ru->reqs[2];
            CHECK_INT(q->nlits, 3);
            CHECK_INT(q->nsets, 1);
            if (q->nlits == 3)
                CHECK_STR(req_word(r, q, 2), "naar");
            /* every literal once in the index, and "over" (after the set its alternative needs first) not at all */
            CHECK_INT(r->nlits, 6);
            CHECK(lit_index(r, "tocht") >= 0);
            CHECK(lit_index(r, "over") < 0);
            CHECK(lit_index(r, "door") < 0);
        }
    }
    rules_free(r);

    /* 'common' words are no requirement: a need of one of them (alone, or as one of a group's
     * alternatives: the group is met as often) gives none, and the rule's next elements take
     * their places; a literal only they need is not in the index; 'common' after a rule is an
     * error */
    r = load("common de \",\" het\n"
             "rule x 0.9 A:ANY \",\" de (minister | het) van (de | zijn) B:ANY en heeft gezegd -> A samenwerking B\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        const char *want[] = {"van", "en", "heeft", "gezegd"};
        CHECK_INT(ru->nreqs, 4);
        for (int q = 0; q < ru->nreqs && q < 4; q++) {
            CHECK_INT(ru->reqs[q].nlits, 1);
            CHECK_STR(req_word(r, &ru->reqs[q], 0), want[q]);
        }
        CHECK(lit_index(r, ",") < 0);
        CHECK(lit_index(r, "minister") < 0);
    }
    rules_free(r);
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\ncommon de\n", "rules.rules", 5, 1, "before the first rule");

    /* a rule with requirements to spare also needs, of each group, the rarest word each
     * alternative needs (by how often the rules write it: the verbs and "van" twice here, "leer"
     * and "tekeer" once), not only the first; a group whose rarest words are its first words
     * gives nothing more (the rule before) */
    r = load("rule x 0.9 A:ANY _3 ((trekt | trok) _2 van leer | (gaat | ging) _4 tekeer) B:ANY -> A samenwerking B\n"
             "rule y 0.9 A:ANY (trekt | trok | gaat | ging) van B:ANY -> A samenwerking B\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        CHECK_INT(ru->nreqs, 2);
        if (ru->nreqs == 2) {
            CHECK_INT(ru->reqs[0].nlits, 4); /* trekt, trok, gaat, ging */
            const rreq *q = &ru->reqs[1];
            CHECK_INT(q->nlits, 2);
            CHECK_INT(q->nsets, 0);
            if (q->nlits == 2) {
                CHECK_STR(req_word(r, q, 0), "leer");
                CHECK_STR(req_word(r, q, 1), "tekeer");
            }
        }
    }
    rules_free(r);

    /* with a 'word-ranks' list, a rule's requirements are the four of its needs text holds
     * least often, in the order of its sequence: a word not in the list counts as rare
     * ("hoofdstad"), a group as the sum of its words ("van | in"), a set by the ranked words
     * with one of its stems ("samenwerken", rank 4); 'word-ranks' after a rule, twice, or with
     * a line of two words is an error */
    write_file("ranks.txt", "# commonest first\nde\nvan\nis\nsamenwerken\nin\nheeft\nzegt\n");
    r = load("word-ranks ranks.txt\n"
             "rule x 0.9 A:ANY is (van | in) de heeft @samen hoofdstad zegt B:ANY -> A samenwerking B\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        CHECK_INT(ru->nreqs, 4);
        const char *want[] = {"heeft", "", "hoofdstad", "zegt"}; /* (the second: @samen) */
        for (int q = 0; q < ru->nreqs && q < 4; q++) {
            const rreq *rq = &ru->reqs[q];
            CHECK_INT(rq->nlits, q != 1);
            CHECK_INT(rq->nsets, q == 1);
            if (rq->nlits == 1)
                CHECK_STR(req_word(r, rq, 0), want[q]);
        }
        CHECK(lit_index(r, "is") < 0);
        CHECK(lit_index(r, "van") < 0);
    }
    rules_free(r);
    /* the gate of sentences with few mentions asks a rule for its rarest requirement
     * ("hoofdstad", not in the list; not "zegt", the first, rank 7) */
    r = load("word-ranks ranks.txt\n"
             "rule g 0.9 A:PERSON zegt van hoofdstad -> A samenwerking DOC\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        CHECK_INT(r->gate_ments, 1);
        int32_t hoofd = lit_index(r, "hoofdstad");
        int32_t zegt = lit_index(r, "zegt");
        CHECK(hoofd >= 0 && zegt >= 0 && r->gate_lits);
        if (hoofd >= 0 && zegt >= 0 && r->gate_lits) {
            CHECK((r->gate_lits[hoofd >> 6] >> (hoofd & 63)) & 1);
            CHECK(!((r->gate_lits[zegt >> 6] >> (zegt & 63)) & 1));
        }
    }
    rules_free(r);

    /* a look-behind group needs what its alternatives need, as any group (its words are the
     * sentence's words before the position); a negative one needs nothing */
    r = load("word-ranks ranks.txt\n"
             "rule x 0.9 !<(niet) <(minister | staatssecretaris) van B:ANY A:PERSON -> A samenwerking B\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        CHECK_INT(ru->nreqs, 2);
        if (ru->nreqs == 2) {
            CHECK_INT(ru->reqs[0].nlits, 2);
            if (ru->reqs[0].nlits == 2)
                CHECK_STR(req_word(r, &ru->reqs[0], 1), "staatssecretaris");
            CHECK_INT(ru->reqs[1].nlits, 1);
        }
        CHECK(lit_index(r, "niet") < 0);
    }
    rules_free(r);
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\nword-ranks ranks.txt\n", "rules.rules", 5, 1, "before the first rule");
    expect_error("word-ranks ranks.txt\nword-ranks ranks.txt\n", "rules.rules", 5, 1, "must come once");
    write_file("ranks.txt", "de\nvan is\n");
    expect_error("word-ranks ranks.txt\n", "ranks.txt", 2, 1, "one word a line");

    /* where a match may start when its first element is no entity, literal, set or role:
     * what each alternative's first token can be (optional ones and what follows them); a
     * gap or a pattern that may consume nothing first: anywhere */
    r = load("rule a 0.9 ((tweede)? @samen | ORG | R:ROLE) A:PERSON van B:ORG -> A samenwerking B\n"
             "rule b 0.9 (de)? A:PERSON !(niet) van B:ORG -> A samenwerking B\n"
             "rule c 0.9 _2 A:PERSON van B:ORG -> A samenwerking B\n"
             "rule d 0.9 ((de)? | het) A:PERSON van B:ORG -> A samenwerking B\n",
             &err);
    CHECK(r != NULL);
    if (r) {
        const rrule *ru = &r->rules[0];
        CHECK(!ru->first_any);
        CHECK_INT(ru->first_types, 1u << FEIT_ORGANISATION);
        CHECK_INT(ru->nfirst_sets, 1); /* samen: the only set */
        if (ru->nfirst_sets == 1)
            CHECK_INT(r->first_set_ids[ru->first_set], 0);
        CHECK(r->set_words == 1 && r->first_masks && r->first_masks[0] == 1ull << 0);
        CHECK(ru->first_role);
        CHECK_INT(ru->nfirst_lits, 1);
        if (ru->nfirst_lits == 1)
            CHECK_STR(r->nodes[r->first_lits[ru->first_lit]].word, "tweede");
        ru = &r->rules[1];
        CHECK(!ru->first_any);
        CHECK_INT(ru->first_types, 1u << FEIT_PERSON);
        CHECK(!ru->first_role && !ru->nfirst_sets);
        CHECK_INT(ru->nfirst_lits, 1);
        CHECK(r->rules[2].first_any);
        ru = &r->rules[3];
        CHECK(!ru->first_any);
        CHECK_INT(ru->first_types, 1u << FEIT_PERSON);
        CHECK_INT(ru->nfirst_lits, 2);
    }
    rules_free(r);

    expect_error("team-kind club team\n", "rules.rules", 4, 1, "expected: team-kind KIND");
    r = load("team-kind club\nrule x 0.9 A:ORG en P:PERSON -> P samenwerking A\n", &err);
    CHECK(r && r->team_kind && !strcmp(r->team_kind, "club"));
    rules_free(r);

    /* A.country: the country of a capture */
    expect_error("rule x 0.9 A:ORG en P:PERSON -> P samenwerking B.country\n", "rules.rules", 4, 48, "must name an entity capture");
    r = load("rule x 0.9 A:ORG en P:PERSON -> P samenwerking A.country\n", &err);
    CHECK(r && r->emits[0].obj == RULES_DOC && r->emits[0].country_of[1] == 0 && r->emits[0].country_of[0] == -1);
    rules_free(r);

    /* errors inside the lexicons point at them */
    write_file("roles.tsv", "president\tpresident\nkeizer\tkeizer\n");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\n", "roles.tsv", 2, 8, "unknown predicate 'keizer'");
    /* a body ("eurocommissaris ... Europese Commissie") belongs to a role, and ends the line */
    write_file("roles.tsv", "president\tpresident\noud-x\t-\t-\tEuropese Commissie\n");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\n", "roles.tsv", 2, 11, "a body needs a role");
    write_file("roles.tsv", "president\tpresident\t-\tEuropese Commissie\tmeer\n");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\n", "roles.tsv", 1, 42, "expected: variant");
    write_file("roles.tsv", "president\tpresident\t-\tEuropese Commissie\n");
    r = load("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\n", &err);
    CHECK(r && rules_nroles(r) == 1);
    if (r) {
        CHECK_STR(rules_role_body(r, 0), "Europese Commissie");
        CHECK(r->roles[0].qualifier == NULL && r->roles[0].body_arg.canonical == NULL);
    }
    rules_free(r);
    write_file("roles.tsv", ROLES);
    write_file("preds.tsv", "samenwerking\tyes\t-\tany\tany\nbezoek\tno\t-\tperson\tplace|stad\n");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\n", "preds.tsv", 2, 26, "unknown entity type");
    write_file("preds.tsv", "samenwerking\tmisschien\t-\tany\tany\n");
    expect_error("rule x 0.9 A:ANY en B:ANY -> A samenwerking B\n", "preds.tsv", 1, 14, "symmetric must be");
    write_file("preds.tsv", PREDS);

    /* more than 64 word sets: bitsets of two words; set 70 (after samen and s1..s69) is bit 6
     * of the second word everywhere (the stem index, a rule's first sets, the rule bitsets) */
    {
        char body[8192];
        size_t n = 0;
        for (int i = 1; i <= 69; i++)
            n += (size_t)snprintf(body + n, sizeof body - n, "words s%d = zzqx%da\n", i, i);
        snprintf(body + n, sizeof body - n, "words lof = prijzen *lof\n"
                                            "rule x 0.9 (@lof | eer) A:PERSON van B:ORG -> A samenwerking B\n"
                                            "rule y 0.9 A:PERSON @s69 B:ORG -> A samenwerking B\n");
        r = load(body, &err);
        CHECK(r != NULL);
        if (r) {
            CHECK_INT(r->nsets, 71);
            CHECK_INT(r->set_words, 2);
            CHECK(r->stem_index != NULL);
            CHECK_INT(r->rules[0].nfirst_sets, 1);
            CHECK(r->first_masks[0] == 0 && r->first_masks[1] == 1ull << 6);
            CHECK(r->first_masks[2] == 0 && r->first_masks[3] == 0); /* y starts with a person */
            const rset *lof = &r->sets[70];
            CHECK_INT(lof->n, 2);
            for (int32_t i = 0; i < lof->n; i++) {
                const rstem *e = &r->stems[lof->first + i];
                const rstem_slot *sl = rules_stem_find(r, e->stem, e->len);
                CHECK(sl != NULL);
                if (!sl)
                    continue;
                const uint64_t *m = r->stem_masks + sl->masks; /* exact, head, lead: 2 words each */
                CHECK(m[0] == 0 && m[1] == 1ull << 6 && rules_set_has(m, 70) && !rules_set_has(m, 6));
                CHECK(rules_set_has(m + 2, 70) == e->head && !m[4] && !m[5]);
            }
            const rrule *y = &r->rules[1];
            CHECK(y->nreqs == 1 && y->reqs[0].nsets == 1 && y->reqs[0].sets[0] == 69);
            CHECK_INT(r->rs_rows, r->nsets + 1 + r->nlits);
            /* rule y (bit 1 of its bitset word) meets requirement 0 by set 69, no other set */
            size_t kw = (size_t)RULES_MAX_REQS * (size_t)r->rs_words;
            CHECK((r->rs_req[69 * kw] >> 1) & 1);
            CHECK(!((r->rs_req[68 * kw] >> 1) & 1) && !((r->rs_req[70 * kw] >> 1) & 1));
            /* the rows without their zero words (rs_nz) hold just the nonzero words, in order */
            CHECK(same_rows(r));
            CHECK_INT(r->rs_nz_first[70] - r->rs_nz_first[69], 1); /* set 69: rule y's one word */
            CHECK(r->rs_nz[r->rs_nz_first[69]].at == 0 && r->rs_nz[r->rs_nz_first[69]].bits == 1ull << 1);
            CHECK_INT(r->rs_nz_first[69] - r->rs_nz_first[68], 0); /* set 68: no rule asks */
        }
        rules_free(r);
    }

    /* the stem index's length filters: a word's sets are those of the stems compared one by
     * one, for whole words, heads and leads of one, two, three and many bytes, at and past the
     * lengths they need (a head leaves three bytes of its own) */
    r = load("words t = *x ab* *lof lofzang* *overeenkomst verband zeventienhonderdachtentachtigjarig*\n"
             "words u = *lof *ko lofzang\n"
             "rule x 0.9 A:PERSON @t B:ORG -> A samenwerking B\n"
             "rule y 0.9 A:PERSON @u B:ORG -> A samenwerking B\n",
             &err);
    CHECK(r != NULL && r->stem_index != NULL);
    if (r && r->stem_index)
        CHECK_INT(index_differs(r, "x ax abx abcx ab abc abcd abcdefg lof alof aaalof aaaalof lofzang lofzangen "
                                   "partnerschapsovereenkomst overeenkomst verband verbanden samenwerkingsverband ko "
                                   "kko ekko tekko zeventienhonderdachtentachtigjarig zeventienhonderdachtentachtigjarigwerk "
                                   "zeventienhonderdachtentachtigjarigwerken gewoon woord samenwerken"),
                  0);
    rules_free(r);

    /* a missing file */
    r = rules_load("/nonexistent/relations.rules", "dutch", &err);
    CHECK(r == NULL);
    CHECK_STR(err.file, "/nonexistent/relations.rules");
    rules_free(NULL);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    CHECK_DONE();
}
