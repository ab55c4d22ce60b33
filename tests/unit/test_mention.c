/* test_mention.c — mentions_sort, the stable sort that ends the mention stages: it must give
 * the order of a stable sort by (start, end) — ties keep the order they came in — for the
 * empty list, one mention, a list in order, a reversed one, two runs (the names and then the
 * anaphors appended), many runs, and lists of random ties. mentions_finish, which visits only
 * the tokens of mentions, must leave what a walk of every token leaves (reference_finish), at
 * the end of the mention stages and again after the discourse stages added and dropped
 * mentions of a finished document (and mentions_finish_added, which visits only what the
 * stage changed, there): the same mentions in the same order, every token the same mention.
 * mention_add through a worker's memo of entries (mention_links) must link each entry as
 * mention_link does, read or remembered, and again after the memo served another gazetteer,
 * the country's inline code (feit_mention.cc) with the string, `minor` as the entry says; the
 * memo is mapped on a 2 MiB boundary (a huge page where the system gives one). */
#include "entities/mention.h"
#include "check.h"

#include "entities/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N 300

static feit_mention at(uint32_t start, uint32_t end, int32_t id)
{
    feit_mention m;
    memset(&m, 0, sizeof m);
    m.e.start = start, m.e.end = end, m.entry = id;
    return m;
}

/* The reference: an insertion sort (stable) by (start, end). */
static void reference(feit_mention *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        feit_mention x = a[i];
        size_t j = i;
        while (j > 0 && (a[j - 1].e.start > x.e.start || (a[j - 1].e.start == x.e.start && a[j - 1].e.end > x.e.end)))
            a[j] = a[j - 1], j--;
        a[j] = x;
    }
}

/* Sorts a copy of a[0..n) both ways; 1 when the orders (ids) agree. */
static int agrees(const feit_mention *a, size_t n)
{
    static feit_mention x[N], y[N];
    memcpy(x, a, n * sizeof *a), memcpy(y, a, n * sizeof *a);
    mentions_sort(x, n);
    reference(y, n);
    for (size_t i = 0; i < n; i++)
        if (x[i].entry != y[i].entry || x[i].e.start != y[i].e.start || x[i].e.end != y[i].e.end)
            return 0;
    return 1;
}

/* The reference end of the mention stages: the live mentions, sorted stably by (start, end),
 * and every token of the document its mention, the later where two overlap, else -1. */
static void reference_finish(feit_doc *d)
{
    size_t live = 0;
    for (size_t m = 0; m < d->nments; m++)
        if (d->ments[m].e.confidence >= 0)
            d->ments[live++] = d->ments[m];
    d->nments = live;
    reference(d->ments, d->nments);
    for (size_t i = 0; i < d->ntoks; i++)
        d->toks[i].mention = -1;
    for (size_t m = 0; m < d->nments; m++)
        for (uint32_t i = d->ments[m].tok_start; i < d->ments[m].tok_end; i++)
            d->toks[i].mention = (int32_t)m;
}

/* A document of nt tokens (one byte each), with nm random mentions (overlapping, nested,
 * some dropped, some grown over the free token after them as names.c's rules grow a name),
 * finished by finish; then a stage's changes: random mentions dropped and others added by
 * mention_add, each over free tokens or over a dropped mention's tokens or beside a live one,
 * as coref and firstname add them. */
static size_t random_stage(feit_doc *d, size_t nt, size_t nm, unsigned seed, void (*finish)(feit_doc *))
{
    srand(seed);
    memset(d, 0, sizeof *d);
    d->ntoks = nt;
    d->toks = calloc(nt, sizeof *d->toks);
    for (size_t i = 0; i < nt; i++)
        d->toks[i].start = (uint32_t)i, d->toks[i].end = (uint32_t)i + 1, d->toks[i].mention = -1;
    for (size_t m = 0; m < nm; m++) {
        size_t a = (size_t)rand() % nt, b = a + 1 + (size_t)rand() % 3;
        if (b > nt)
            b = nt;
        mention_add(d, NULL, a, b, -1, FEIT_PERSON, FEIT_FORM_NAME, FEIT_SRC_RULE, NULL, rand() % 5 ? 0.5f : -1.0f);
        feit_mention *me = &d->ments[d->nments - 1];
        if (rand() % 4 == 0 && me->tok_end < nt && d->toks[me->tok_end].mention < 0) {
            d->toks[me->tok_end].mention = (int32_t)(d->nments - 1);
            me->tok_end++, me->e.end++;
        }
    }
    finish(d);
    size_t named = d->nments;
    for (size_t m = 0; m < d->nments; m++)
        if (rand() % 6 == 0)
            d->ments[m].e.confidence = -1.0f;
    for (size_t k = 0; k < nm / 3; k++) {
        size_t a = (size_t)rand() % nt, b = a + 1 + (size_t)rand() % 2;
        if (b > nt)
            b = nt;
        mention_add(d, NULL, a, b, -1, FEIT_PERSON, FEIT_FORM_PRONOUN, FEIT_SRC_COREF, NULL, 0.25f);
    }
    return named;
}

/* 1 when mentions_finish (added: mentions_finish_added, told where the stage's additions
 * begin) and reference_finish agree on random_stage's document. */
static int finish_agrees(size_t nt, size_t nm, unsigned seed, int added)
{
    feit_doc x, y;
    size_t named = random_stage(&x, nt, nm, seed, mentions_finish);
    random_stage(&y, nt, nm, seed, reference_finish);
    if (added)
        mentions_finish_added(&x, named);
    else
        mentions_finish(&x);
    reference_finish(&y);
    int ok = x.nments == y.nments;
    for (size_t m = 0; ok && m < x.nments; m++)
        ok = x.ments[m].tok_start == y.ments[m].tok_start && x.ments[m].tok_end == y.ments[m].tok_end &&
             x.ments[m].e.form == y.ments[m].e.form && x.ments[m].e.confidence == y.ments[m].e.confidence;
    for (size_t i = 0; ok && i < nt; i++)
        ok = x.toks[i].mention == y.toks[i].mention;
    free(x.toks), free(x.ments), free(y.toks), free(y.ments);
    return ok;
}

/* A long mention over nt tokens, one mention on each of its first nt / 2 tokens after it, all
 * those dropped, and one mention added: more dropped tokens than mentions_finish_added notes,
 * all the long mention's again. 1 when each token is as reference_finish leaves it. */
static int many_dropped(size_t nt)
{
    feit_doc d;
    memset(&d, 0, sizeof d);
    d.ntoks = nt;
    d.toks = calloc(nt, sizeof *d.toks);
    for (size_t i = 0; i < nt; i++)
        d.toks[i].start = (uint32_t)i, d.toks[i].end = (uint32_t)i + 1, d.toks[i].mention = -1;
    mention_add(&d, NULL, 0, nt, -1, FEIT_PERSON, FEIT_FORM_NAME, FEIT_SRC_RULE, NULL, 0.5f);
    for (size_t i = 1; i <= nt / 2; i++)
        mention_add(&d, NULL, i, i + 1, -1, FEIT_PERSON, FEIT_FORM_NAME, FEIT_SRC_RULE, NULL, 0.5f);
    mentions_finish(&d);
    size_t named = d.nments;
    for (size_t m = 1; m < d.nments; m++)
        d.ments[m].e.confidence = -1.0f;
    mention_add(&d, NULL, nt - 1, nt, -1, FEIT_PERSON, FEIT_FORM_PRONOUN, FEIT_SRC_COREF, NULL, 0.25f);
    mentions_finish_added(&d, named);
    int ok = d.nments == 2;
    for (size_t i = 0; ok && i < nt; i++)
        ok = d.toks[i].mention == (i == nt - 1 ? 1 : 0);
    free(d.toks), free(d.ments);
    return ok;
}

static int same_str(const char *x, const char *y) { return x == y || (x && y && !strcmp(x, y)); }

/* 1 when m's inline code is its country string's two capitals, or 0 0 for anything else. */
static int code_agrees(const feit_mention *m)
{
    const char *s = m->country;
    int two = s && strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
    return two ? m->cc[0] == s[0] && m->cc[1] == s[1] : !m->cc[0] && !m->cc[1];
}

static int countries; /* mentions links_differ saw with a code (the fixtures have some) */
static int minors, majors; /* mentions links_differ saw with `minor` set and not (the fixtures have both) */

/* feit_mention.minor of entry e, from the entry itself: a bulk-list name or a small place. */
static int minor_of(const feit_gazetteer *g, int32_t e)
{
    const gaz_entry *en = gazetteer_entry(g, (uint32_t)e);
    return en->tier > 1 || ((en->type == FEIT_CITY || en->type == FEIT_LOCATION) && !en->capital_of && en->pop < 1000000);
}

/* Each entry of g added twice to d (through its memo, if it has one: read, then remembered);
 * the number of mentions linked otherwise than mention_link links them (the country's inline
 * code too, which must be the string's). */
static int links_differ(feit_doc *d, const feit_gazetteer *g)
{
    int bad = 0;
    for (size_t e = 0; e < gazetteer_size(g); e++)
        for (int twice = 0; twice < 2; twice++) {
            d->nments = 0;
            if (mention_add(d, g, 0, 1, (int32_t)e, FEIT_PERSON, FEIT_FORM_NAME, FEIT_SRC_GAZETTEER, NULL, 1.0f)) {
                bad++;
                continue;
            }
            feit_mention want = d->ments[0], *m = &d->ments[0];
            mention_link(&want, g, (int32_t)e);
            bad += !(m->entry == (int32_t)e && same_str(m->e.canonical, want.e.canonical) && same_str(m->e.kb, want.e.kb) &&
                     same_str(m->country, want.country) && same_str(m->role, want.role) && same_str(m->kind, want.kind) &&
                     !memcmp(m->cc, want.cc, sizeof m->cc) && code_agrees(m) && m->minor == want.minor &&
                     m->minor == minor_of(g, (int32_t)e));
            countries += m->cc[0] != 0;
            minors += m->minor != 0, majors += !m->minor;
        }
    return bad;
}

/* The memo against mention_link with two fixture gazetteers, one after the other on the same
 * memo (their entries share ids, not names), and without a memo. */
static void link_tests(void)
{
    feit_error err;
    const feit_lang *lang = check_lang();
    const char *dir1[] = {"tests/unit/gaz-match"}, *dir2[] = {"tests/unit/gaz-names"};
    feit_gazetteer *g1 = lang ? gazetteer_load(dir1, 1, lang, NULL, &err) : NULL;
    feit_gazetteer *g2 = lang ? gazetteer_load(dir2, 1, lang, NULL, &err) : NULL;
    feit_huge h;
    CHECK_INT(huge_init(&h), 0);
    mention_links *c = mention_links_new(&h), *own = mention_links_new(NULL);
    CHECK(g1 && g2 && c && own);
    CHECK((void *)c == (void *)h.base && huge_holds(&h, c)); /* (the block's first table: on a huge page's boundary) */
    CHECK(own && !huge_holds(&h, own) && ((uintptr_t)own & 63) == 0);
    CHECK(c && ((uintptr_t)&c->slot[1] & 63) == 0 && sizeof c->slot[0] == 64); /* (a slot a cache line) */
    if (g1 && g2 && c) {
        CHECK(gazetteer_size(g1) > 1 && gazetteer_size(g2) > 1);
        feit_doc d;
        memset(&d, 0, sizeof d);
        feit_token tok = {.start = 0, .end = 1, .mention = -1};
        d.toks = &tok, d.ntoks = 1;
        CHECK_INT(links_differ(&d, g1), 0); /* no memo */
        d.links = c;
        CHECK_INT(links_differ(&d, g1), 0);
        CHECK_INT(links_differ(&d, g2), 0);
        CHECK_INT(links_differ(&d, g1), 0);
        CHECK(countries > 0);
        CHECK(minors > 0 && majors > 0);
        free(d.ments);
    }
    mention_links_free(c); /* (leaves the block's memo to huge_free) */
    mention_links_free(own);
    mention_links_free(NULL);
    huge_free(&h);
    gazetteer_free(g1);
    gazetteer_free(g2);
}

/* mention_overridable: only a one-word gazetteer name of another type than a person whose
 * entry is minor */
static void overridable_tests(void)
{
    feit_mention m = {.e = {.type = FEIT_CITY, .form = FEIT_FORM_NAME, .source = FEIT_SRC_GAZETTEER},
                      .tok_start = 4, .tok_end = 5, .entry = 7, .minor = 1};
    CHECK(mention_overridable(&m));
    feit_mention x = m;
    x.minor = 0;
    CHECK(!mention_overridable(&x));
    x = m, x.tok_end = 6;
    CHECK(!mention_overridable(&x));
    x = m, x.entry = -1;
    CHECK(!mention_overridable(&x));
    x = m, x.e.source = FEIT_SRC_RULE;
    CHECK(!mention_overridable(&x));
    x = m, x.e.form = FEIT_FORM_ADJECTIVE;
    CHECK(!mention_overridable(&x));
    x = m, x.e.type = FEIT_PERSON;
    CHECK(!mention_overridable(&x));
}

int main(void)
{
    feit_mention a[N];
    link_tests();
    overridable_tests();
    mentions_sort(NULL, 0); /* the empty document: nothing touched */
    a[0] = at(5, 7, 0);
    mentions_sort(a, 1);
    CHECK_INT(a[0].entry, 0);

    /* in order, with ties: unchanged */
    for (int i = 0; i < 10; i++)
        a[i] = at((uint32_t)(i / 2), 9, i);
    mentions_sort(a, 10);
    int same = 1;
    for (int i = 0; i < 10; i++)
        same &= a[i].entry == i;
    CHECK(same);

    /* ties keep their order: three mentions at (3, 4), one before them and one after */
    a[0] = at(3, 4, 1), a[1] = at(9, 10, 4), a[2] = at(3, 4, 2), a[3] = at(1, 2, 0), a[4] = at(3, 4, 3);
    mentions_sort(a, 5);
    for (int i = 0; i < 5; i++)
        CHECK_INT(a[i].entry, i);

    /* the same start: the shorter first */
    a[0] = at(3, 9, 1), a[1] = at(3, 4, 0);
    mentions_sort(a, 2);
    CHECK_INT(a[0].entry, 0);

    /* reversed */
    for (int i = 0; i < N; i++)
        a[i] = at((uint32_t)(N - i), (uint32_t)(N - i + 1), i);
    CHECK(agrees(a, N));
    /* two runs: the names in order, then the anaphors in order among them */
    for (int i = 0; i < 200; i++)
        a[i] = at((uint32_t)(3 * i), (uint32_t)(3 * i + 2), i);
    for (int i = 200; i < N; i++)
        a[i] = at((uint32_t)(6 * (i - 200) + 1), (uint32_t)(6 * (i - 200) + 2), i);
    CHECK(agrees(a, N));
    /* many short runs and random ties, every length up to N */
    srand(17);
    int bad = 0;
    for (size_t n = 2; n <= N; n += 7)
        for (int round = 0; round < 5; round++) {
            for (size_t i = 0; i < n; i++)
                a[i] = at((uint32_t)(rand() % 12), (uint32_t)(rand() % 3), (int32_t)i);
            if (!agrees(a, n))
                bad++;
        }
    CHECK_INT(bad, 0);
    /* a tail after the first run of 31, 32 (sorted by insertion on the stack) and 33 mentions
     * (merged runs in a malloc'd copy), its starts among the run's, with ties inside it and
     * across */
    bad = 0;
    for (size_t k = 31; k <= 33; k++)
        for (int round = 0; round < 20; round++) {
            for (size_t i = 0; i < 10; i++)
                a[i] = at((uint32_t)i, (uint32_t)i + 1, (int32_t)i);
            for (size_t i = 10; i < 10 + k; i++)
                a[i] = at((uint32_t)(rand() % 10), (uint32_t)(rand() % 2) + 10, (int32_t)i);
            if (!agrees(a, 10 + k))
                bad++;
        }
    CHECK_INT(bad, 0);
    /* exactly two runs (merged from the back), with ties inside each run and across them,
     * the second run shorter, as long, longer, or all before or after the first */
    bad = 0;
    for (size_t n = 2; n <= N; n += 5)
        for (int round = 0; round < 5; round++) {
            size_t p = 1 + (size_t)rand() % (n - 1);
            uint32_t s1 = 0, s2 = round == 3 ? 100 : 0;
            for (size_t i = 0; i < n; i++) {
                uint32_t *s = i < p ? &s1 : &s2;
                if (i == p && round == 4)
                    s2 = 0;
                *s += (uint32_t)(rand() % 2);
                a[i] = at(*s, (uint32_t)(rand() % 2) + *s, (int32_t)i);
                if (i && i != p && (a[i].e.start < a[i - 1].e.start || (a[i].e.start == a[i - 1].e.start && a[i].e.end < a[i - 1].e.end)))
                    a[i].e.end = a[i - 1].e.end; /* (each run in order) */
            }
            if (!agrees(a, n))
                bad++;
        }
    CHECK_INT(bad, 0);

    /* mentions_finish: a document with nothing added; a few tokens; many overlapping */
    CHECK(finish_agrees(10, 0, 1, 0));
    CHECK(finish_agrees(1, 3, 2, 0));
    bad = 0;
    for (unsigned seed = 1; seed <= 200; seed++)
        if (!finish_agrees(5 + seed % 60, seed % 40, seed, 0))
            bad++;
    CHECK_INT(bad, 0);
    /* mentions_finish_added, after the discourse stages: the same; long documents too, where
     * more tokens of dropped mentions are left than it notes (it then re-points them all) */
    CHECK(finish_agrees(10, 0, 1, 1));
    CHECK(finish_agrees(1, 3, 2, 1));
    bad = 0;
    for (unsigned seed = 1; seed <= 200; seed++)
        if (!finish_agrees(5 + seed % 60, seed % 40, seed, 1) || !finish_agrees(400 + seed, 150 + seed % 150, seed, 1))
            bad++;
    CHECK_INT(bad, 0);
    CHECK(many_dropped(20));
    CHECK(many_dropped(300));
    CHECK_DONE();
}
