/* mention.c — adding mentions to a document, the token tests the name finders share, and the
 * end of the mention stages (see mention.h). */
#include "entities/mention.h"

#include "entities/gazetteer_private.h" /* (mention_link's entry and strings inlined: gaz_entry_at, gaz_str_at) */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(feit_mention) == 96, "a mention's country code sits in what was padding: a mention stays 96 bytes");

static void links_empty(mention_links *c, const feit_gazetteer *g)
{
    c->g = g;
    for (size_t i = 0; i < LINK_SLOTS; i++)
        c->slot[i].entry = -1;
}

/* The memo is read at random, a slot a mention, among the lexicon's and the gazetteer's
 * random reads: in 4 KiB pages most reads of a slot were a TLB miss too, a page walk before
 * the line, which prefetching the slot did not hide (perf: the wait moved to the instruction
 * after the prefetch). So it lives in the worker's huge-page block (core/arena.h), one TLB
 * entry with the worker's other tables read at random; without one (or without room), in
 * 64-byte aligned memory of its own. */
mention_links *mention_links_new(feit_huge *h)
{
    mention_links *c = huge_table(h, sizeof *c);
    if (!c)
        return NULL;
    c->huge = h;
    links_empty(c, NULL);
    return c;
}

void mention_links_free(mention_links *c)
{
    if (c)
        huge_table_free(c->huge, c);
}

/* mention_link through the memo c (NULL: none), where the memo does not hold the entry: read
 * and kept; returns 0. (Out of line, as mention_add's other rare path, the array's growth,
 * and both called last, as tail calls: mention_add then keeps nothing across a call, and the
 * registers it saves pay for the slot's address it keeps from its start, below.) */
__attribute__((noinline)) static int link_read(feit_mention *m, mention_links *c, const feit_gazetteer *g, int32_t entry)
{
    mention_link(m, g, entry);
    if (!c)
        return 0;
    if (c->g != g)
        links_empty(c, g);
    link_slot *s = &c->slot[(uint32_t)entry & (LINK_SLOTS - 1)];
    *s = (link_slot){entry, {m->cc[0], m->cc[1]}, m->minor, m->e.canonical, m->e.kb, m->country, m->role, m->kind};
    return 0;
}

/* Points tokens [a, b) at mention m. (The bounds and the array in locals: stored through
 * d->toks, a token's field could be d->nments or a mention's end to the compiler, read again
 * after every store.) */
static void point_tokens(feit_token *toks, size_t a, size_t b, int32_t m)
{
    for (size_t i = a; i < b; i++)
        toks[i].mention = m;
}

/* mention_add where d->ments is full: grown, then added. */
__attribute__((noinline)) static int add_grown(feit_doc *d, const feit_gazetteer *g, size_t tok_start, size_t tok_end, int32_t entry,
                                               feit_type type, feit_form form, feit_source source, const char *canonical,
                                               float confidence)
{
    if (doc_grow((void **)&d->ments, &d->cments, d->nments, sizeof *d->ments))
        return FEIT_ENOMEM;
    return mention_add(d, g, tok_start, tok_end, entry, type, form, source, canonical, confidence);
}

int mention_add(feit_doc *d, const feit_gazetteer *g, size_t tok_start, size_t tok_end, int32_t entry,
              feit_type type, feit_form form, feit_source source, const char *canonical, float confidence)
{
    /* (DOC_PUSH without its call where there is room, most times: the matcher and the rules
     * add tens of thousands of mentions per 2 MB; the mention written whole, which the compiler
     * stores as it is, where a memset of it was a string store) */
    if (d->nments == d->cments)
        return add_grown(d, g, tok_start, tok_end, entry, type, form, source, canonical, confidence);
    /* The memo's slot is a line read at random, the most of mention_add's time (perf: two
     * thirds of its samples were on the test of the slot): asked for first, so that writing the
     * mention and pointing its tokens overlap the read. */
    mention_links *c = d->links;
    const link_slot *s = c && entry >= 0 ? &c->slot[(uint32_t)entry & (LINK_SLOTS - 1)] : NULL;
    if (s)
        __builtin_prefetch(s);
    feit_mention *m = &d->ments[d->nments++];
    const feit_token *first = &d->toks[tok_start];
    *m = (feit_mention){.e = {.start = first->start, .end = d->toks[tok_end - 1].end, .sentence = first->sentence, .type = type,
                              .form = form, .source = source, .canonical = canonical, .kb = NULL, .confidence = confidence,
                              .antecedent = -1},
                        .tok_start = (uint32_t)tok_start, .tok_end = (uint32_t)tok_end, .entry = entry,
                        .cc = {0, 0}, .minor = 0, .country = NULL, .role = NULL, .kind = NULL};
    point_tokens(d->toks, tok_start, tok_end, (int32_t)(d->nments - 1));
    if (entry < 0)
        return 0;
    /* canonical, kb, country, role, kind: the entry's, from the worker's memo when it holds it */
    if (s && c->g == g && s->entry == entry) {
        m->e.canonical = s->canonical, m->e.kb = s->kb;
        memcpy(m->cc, s->cc, sizeof m->cc);
        m->minor = s->minor;
        m->country = s->country, m->role = s->role, m->kind = s->kind;
        return 0;
    }
    return link_read(m, c, g, entry);
}

void mention_link(feit_mention *m, const feit_gazetteer *g, int32_t entry)
{
    const gaz_entry *en = gaz_entry_at(g, (uint32_t)entry);
    m->entry = entry;
    m->e.canonical = gaz_str_at(g, en->canonical);
    m->e.kb = gaz_str_at(g, en->kb);
    mention_set_country(m, gaz_str_at(g, en->type == FEIT_COUNTRY ? en->iso : en->country));
    m->role = gaz_str_at(g, en->role);
    m->kind = gaz_str_at(g, en->kind);
    m->minor = mention_entry_minor(en);
}

static int cmp_mention(const void *a, const void *b)
{
    const feit_mention *x = a, *y = b;
    if (x->e.start != y->e.start)
        return x->e.start < y->e.start ? -1 : 1;
    return (x->e.end > y->e.end) - (x->e.end < y->e.end);
}

/* The end of the run in order (by cmp_mention, ties allowed) that starts at i. */
static size_t run_end(const feit_mention *a, size_t n, size_t i)
{
    while (++i < n && cmp_mention(&a[i - 1], &a[i]) <= 0)
        ;
    return i;
}

/* Sorts a[0..n), a list of runs in order, with tmp[0..n) for scratch: pairs of runs merged
 * into one, pass after pass (stable: of two equal mentions the earlier run's first). */
static void merge_runs(feit_mention *a, size_t n, feit_mention *tmp)
{
    for (size_t runs = 2; runs > 1;) {
        runs = 0; /* the runs this pass leaves: each pair merged into one */
        for (size_t i = 0; i < n; runs++) {
            size_t m = run_end(a, n, i);
            if (m < n) {
                size_t e = run_end(a, n, m), x = i, y = m, o = i;
                while (x < m && y < e)
                    tmp[o++] = cmp_mention(&a[y], &a[x]) < 0 ? a[y++] : a[x++];
                memcpy(&tmp[o], &a[x], (m - x) * sizeof *a), o += m - x;
                memcpy(&tmp[o], &a[y], (e - y) * sizeof *a);
                memcpy(&a[i], &tmp[i], (e - i) * sizeof *a);
                m = e;
            }
            i = m;
        }
    }
}

/* Merges tmp[0..n - p), in order, into a[0..p), in order, making a[0..n) (what was in
 * a[p..n) is overwritten): from the back, each of tmp's mentions after the block of a's that
 * goes after it, moved in one memmove, so that only what comes after its first place moves
 * (a tie: tmp's after a's, as the stable order has it). Returns where that is: a[0..x) is as
 * it was. */
static size_t merge_back(feit_mention *a, size_t p, size_t n, const feit_mention *tmp)
{
    size_t x = p, y = n - p; /* a[0..x) and tmp[0..y) left, a[x + y..n) done */
    while (y > 0) {
        size_t e = x;
        while (x > 0 && cmp_mention(&a[x - 1], &tmp[y - 1]) > 0)
            x--;
        /* (most blocks are of no mention or one: a call of memmove costs more than a copy) */
        if (e - x == 1)
            a[x + y] = a[x];
        else if (e > x)
            memmove(&a[x + y], &a[x], (e - x) * sizeof *a);
        y--;
        a[x + y] = tmp[y];
    }
    return x;
}

#define SORT_SMALL 32 /* mentions after the first run sorted with scratch on the stack */

/* Sorts a[0..n) as mentions_sort does, a[0..sorted) known to be in order; returns the first
 * place it changed (n: none). */
static size_t sort_from(feit_mention *a, size_t n, size_t sorted)
{
    /* the list is mostly in order already, or a few runs in order: the gazetteer's matches,
     * the longest, then the names the rules found, then the anaphors. A natural merge sort,
     * linear on a list in order, stable as glibc's qsort (a merge sort) was, so that ties keep
     * their order: what follows the first run is sorted on its own (mostly a run itself, or a
     * few short ones) and then merged into it from the back. */
    if (n < 2)
        return n;
    size_t p = run_end(a, n, sorted > 0 ? sorted - 1 : 0);
    if (p == n)
        return n;
    size_t k = n - p;
    feit_mention small[SORT_SMALL];
    feit_mention *tmp = k <= SORT_SMALL ? small : malloc(k * sizeof *tmp);
    if (!tmp) {
        qsort(a, n, sizeof *a, cmp_mention); /* (the same order: a merge sort while memory lasts) */
        return 0;
    }
    if (tmp == small) {
        /* a short tail (most: the names the rules added, in a few runs) sorted by insertion
         * as it is copied out, stably (a mention goes after those equal to it) */
        for (size_t i = 0; i < k; i++) {
            size_t j = i;
            for (; j > 0 && cmp_mention(&tmp[j - 1], &a[p + i]) > 0; j--)
                tmp[j] = tmp[j - 1];
            tmp[j] = a[p + i];
        }
    } else {
        if (run_end(a, n, p) < n)
            merge_runs(a + p, k, tmp);
        memcpy(tmp, &a[p], k * sizeof *a);
    }
    size_t at = merge_back(a, p, n, tmp);
    if (tmp != small)
        free(tmp);
    return at;
}

void mentions_sort(feit_mention *a, size_t n) { sort_from(a, n, 0); }

void mentions_finish(feit_doc *d) { mentions_finish_added(d, 0); }

void mentions_finish_added(feit_doc *d, size_t named)
{
    /* Every token not covered by a live mention points nowhere (-1) or at a dropped mention that
     * covers it (mention.h: a token points only at a mention that covers it): those now point
     * nowhere, and a live mention covering them sets them again below. So only the tokens of
     * mentions are visited, not every token of the document; and after a later stage only
     * those of the mentions from the first place that changed (a drop, an addition, a mention
     * moved by the sort): the ones before it point their tokens as they did. */
    size_t n = d->nments, m = 0;
    while (m < n && d->ments[m].e.confidence >= 0)
        m++; /* (most have none dropped, and all are where they stay: a mention is 96 bytes) */
    size_t changed = m < named ? m : named, live = m, kept = named;
    for (; m < n; m++) {
        const feit_mention *x = &d->ments[m];
        if (x->e.confidence >= 0) {
            d->ments[live++] = *x;
            continue;
        }
        kept -= m < named;
        /* a token left to no mention may be one's before the first change: all are pointed
         * again (rare: the stage's own mention over the dropped one's tokens took them) */
        for (uint32_t i = x->tok_start; i < x->tok_end; i++)
            if (d->toks[i].mention == (int32_t)m)
                d->toks[i].mention = -1, changed = 0;
    }
    d->nments = live;
    size_t moved = sort_from(d->ments, live, kept);
    if (moved < changed)
        changed = moved;
    /* each token its mention: the later in order where two overlap */
    for (m = changed; m < live; m++)
        point_tokens(d->toks, d->ments[m].tok_start, d->ments[m].tok_end, (int32_t)m);
}
