/* section.c — cutting a long document into sections and gathering what the output needs of
 * the sections' runs (section.h). */
#include "section.h"

#include "core/arena.h"
#include "core/hash.h"
#include "relations/facts.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- where to cut ---- */

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

/* The last i in [lo, hi] (a section text[0, i)) after which a blank line ends: text[i - 1] is a
 * line feed and the line before it holds only white space; 0 when none. */
static size_t cut_paragraph(const char *t, size_t lo, size_t hi)
{
    for (size_t i = hi; i > lo && i >= 2; i--) {
        if (t[i - 1] != '\n')
            continue;
        size_t j = i - 1; /* the line feed ending the candidate blank line */
        while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == '\t' || t[j - 1] == '\r'))
            j--;
        if (j > 0 && t[j - 1] == '\n')
            return i;
    }
    return 0;
}

static size_t cut_line(const char *t, size_t lo, size_t hi)
{
    for (size_t i = hi; i > lo; i--)
        if (t[i - 1] == '\n')
            return i;
    return 0;
}

/* after ". " with an upper-case ASCII letter next (the letter opens the next section) */
static size_t cut_sentence(const char *t, size_t len, size_t lo, size_t hi)
{
    for (size_t i = hi; i > lo && i >= 2; i--)
        if (i < len && t[i - 1] == ' ' && t[i - 2] == '.' && t[i] >= 'A' && t[i] <= 'Z')
            return i;
    return 0;
}

static size_t cut_space(const char *t, size_t lo, size_t hi)
{
    for (size_t i = hi; i > lo; i--)
        if (is_space((unsigned char)t[i - 1]))
            return i;
    return 0;
}

size_t section_cut(const char *text, size_t len, size_t size)
{
    if (!size || len <= size)
        return len;
    size_t lo = size - SECTION_LOOKBACK(size), at;
    if ((at = cut_paragraph(text, lo, size)) || (at = cut_line(text, lo, size)) ||
        (at = cut_sentence(text, len, lo, size)) || (at = cut_space(text, lo, size)))
        return at;
    /* no white space: before the character that holds byte size (at most 3 continuation bytes
     * back; invalid UTF-8 is cut where it is) */
    at = size;
    for (int k = 0; k < 3 && at > 1 && ((unsigned char)text[at] & 0xC0) == 0x80; k++)
        at--;
    return ((unsigned char)text[at] & 0xC0) == 0x80 ? size : at;
}

/* ---- gathering ---- */

struct section_acc {
    feit_arena strings; /* the interned strings, and the fact index */
    const char **slots; /* open addressing, cslots a power of two */
    size_t nslots, cslots;
    feit_entity *ents;
    size_t nents, cents;
    feit_triple *triples;
    size_t ntriples, ctriples;
    feit_dateline *dls;
    size_t ndls, cdls;
    facts_index facts; /* the triples gathered so far, by their facts (relations/facts.h) */
    /* the full names carried to later sections (names_carry): one record per (form,
     * acronym), its latest naming; found through an open-addressed table of index + 1 */
    names_form *forms;
    size_t nforms, cforms;
    uint32_t *fslots;
    size_t cfslots;
};

section_acc *section_acc_new(void)
{
    section_acc *a = calloc(1, sizeof *a);
    if (a) {
        arena_init(&a->strings);
        facts_init(&a->facts, &a->strings);
    }
    return a;
}

void section_acc_free(section_acc *a)
{
    if (!a)
        return;
    arena_free(&a->strings);
    free(a->slots);
    free(a->ents);
    free(a->triples);
    free(a->dls);
    free(a->forms);
    free(a->fslots);
    free(a);
}

void section_acc_reset(section_acc *a)
{
    arena_reset(&a->strings);
    facts_init(&a->facts, &a->strings);
    if (a->cslots)
        memset(a->slots, 0, a->cslots * sizeof *a->slots);
    a->nslots = a->nents = a->ntriples = a->ndls = a->nforms = 0;
    if (a->cfslots)
        memset(a->fslots, 0, a->cfslots * sizeof *a->fslots);
}

/* s as a string of a (the same pointer for equal strings); NULL stays NULL; *ok = 0 when out
 * of memory. */
static const char *intern(section_acc *a, const char *s, int *ok)
{
    if (!s)
        return NULL;
    if (2 * (a->nslots + 1) > a->cslots) {
        size_t nc = a->cslots ? 2 * a->cslots : 1024;
        const char **ns = calloc(nc, sizeof *ns);
        if (!ns)
            return *ok = 0, NULL;
        for (size_t i = 0; i < a->cslots; i++)
            if (a->slots[i]) {
                size_t b = hash_str64(a->slots[i], 0) & (nc - 1);
                while (ns[b])
                    b = (b + 1) & (nc - 1);
                ns[b] = a->slots[i];
            }
        free(a->slots);
        a->slots = ns, a->cslots = nc;
    }
    size_t b = hash_str64(s, 0) & (a->cslots - 1);
    for (; a->slots[b]; b = (b + 1) & (a->cslots - 1))
        if (!strcmp(a->slots[b], s))
            return a->slots[b];
    char *copy = arena_strndup(&a->strings, s, strlen(s));
    if (!copy)
        return *ok = 0, NULL;
    a->nslots++;
    return a->slots[b] = copy;
}

static int intern_arg(section_acc *a, feit_arg *x)
{
    int ok = 1;
    x->canonical = intern(a, x->canonical, &ok);
    x->kb = intern(a, x->kb, &ok);
    return ok ? 0 : FEIT_ENOMEM;
}

/* Merges t (strings of a section's run) with the triples gathered so far, as the relation stage
 * merges a document's (relations/facts.h), its strings interned first. */
static int add_triple(section_acc *a, const feit_rules *r, feit_triple t)
{
    int pi = r ? rules_pred(r, t.predicate) : -1;
    bool symmetric = pi >= 0 && r->preds[pi].symmetric;
    int ok = 1;
    if (intern_arg(a, &t.subject) || intern_arg(a, &t.object) || (t.qualifier && !(t.qualifier = intern(a, t.qualifier, &ok))))
        return FEIT_ENOMEM;
    int64_t found = facts_find(&a->facts, a->triples, &t, symmetric);
    if (found >= 0) {
        int rc = facts_merge(&a->facts, a->triples, (uint32_t)found, &t);
        return rc < 0 ? rc : 0;
    }
    feit_triple *slot = DOC_PUSH(a->triples, a->ntriples, a->ctriples);
    if (!slot)
        return FEIT_ENOMEM;
    *slot = t;
    return facts_file(&a->facts, a->triples, (uint32_t)(a->ntriples - 1));
}

int section_acc_add(section_acc *a, const feit_rules *r, const feit_doc *d, uint32_t off, uint32_t sent_base)
{
    int ok = 1;
    if (a->nents + d->nments > a->cents) {
        size_t nc = a->cents ? a->cents : 1024;
        while (nc < a->nents + d->nments)
            nc *= 2;
        feit_entity *ne = realloc(a->ents, nc * sizeof *ne);
        if (!ne)
            return FEIT_ENOMEM;
        a->ents = ne, a->cents = nc;
    }
    for (size_t i = 0; i < d->nments; i++) {
        feit_entity e = d->ments[i].e;
        e.start += off, e.end += off;
        e.sentence += sent_base;
        if (e.antecedent >= 0)
            e.antecedent += off;
        e.canonical = intern(a, e.canonical, &ok);
        e.kb = intern(a, e.kb, &ok);
        if (!ok)
            return FEIT_ENOMEM;
        a->ents[a->nents++] = e;
    }
    for (size_t i = 0; i < d->ndls; i++) {
        feit_dateline *dl = DOC_PUSH(a->dls, a->ndls, a->cdls);
        if (!dl)
            return FEIT_ENOMEM;
        *dl = d->dls[i];
        dl->start += off, dl->end += off;
        dl->place_start += off, dl->place_end += off;
        for (uint32_t k = 0; k < dl->nagencies && k < 8; k++)
            dl->agency_start[k] += off, dl->agency_end[k] += off;
        dl->place = intern(a, dl->place, &ok);
        if (!ok)
            return FEIT_ENOMEM;
    }
    for (size_t i = 0; i < d->ntriples; i++) {
        feit_triple t = d->triples[i];
        t.sentence += sent_base;
        t.ev_start += off, t.ev_end += off;
        int rc = add_triple(a, r, t);
        if (rc)
            return rc;
    }
    return 0;
}

static uint64_t form_key(const char *fold, size_t len, int acronym)
{
    uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)acronym;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)fold[k]) * 0x100000001b3ull;
    return hash_mix64(h);
}

/* The slot of form (fold, len, acronym) in a's table: its record's index + 1, or the empty
 * slot where it goes (0). */
static uint32_t *form_slot(section_acc *a, const char *fold, size_t len, int acronym)
{
    size_t mask = a->cfslots - 1;
    for (size_t b = form_key(fold, len, acronym) & mask;; b = (b + 1) & mask) {
        uint32_t i = a->fslots[b];
        if (!i)
            return &a->fslots[b];
        const names_form *f = &a->forms[i - 1];
        if (f->len == len && f->acronym == acronym && !memcmp(f->fold, fold, len))
            return &a->fslots[b];
    }
}

int section_acc_carry(section_acc *a, const names_form *forms, size_t n)
{
    int ok = 1;
    for (size_t k = 0; k < n; k++) {
        if (2 * (a->nforms + 1) > a->cfslots) {
            size_t nc = a->cfslots ? 2 * a->cfslots : 256;
            uint32_t *ns = calloc(nc, sizeof *ns);
            if (!ns)
                return FEIT_ENOMEM;
            free(a->fslots);
            a->fslots = ns, a->cfslots = nc;
            for (size_t i = 0; i < a->nforms; i++)
                *form_slot(a, a->forms[i].fold, a->forms[i].len, a->forms[i].acronym) = (uint32_t)i + 1;
        }
        const names_form *f = &forms[k];
        uint32_t *slot = form_slot(a, f->fold, f->len, f->acronym);
        names_form *to;
        if (*slot)
            to = &a->forms[*slot - 1];
        else if (a->nforms >= SECTION_CARRY_MAX)
            continue;
        else {
            if (!(to = DOC_PUSH(a->forms, a->nforms, a->cforms)))
                return FEIT_ENOMEM;
            char *fold = arena_strndup(&a->strings, f->fold, f->len);
            if (!fold)
                return FEIT_ENOMEM;
            *to = (names_form){fold, f->len, f->acronym, 0, -1, NULL, NULL, NULL, NULL};
            *slot = (uint32_t)a->nforms;
        }
        /* the latest naming: its record, with its strings interned */
        to->type = f->type, to->entry = f->entry;
        to->canonical = intern(a, f->canonical, &ok);
        to->kb = intern(a, f->kb, &ok);
        to->country = intern(a, f->country, &ok);
        to->role = intern(a, f->role, &ok);
        if (!ok)
            return FEIT_ENOMEM;
    }
    return 0;
}

const names_form *section_acc_carried(const section_acc *a, size_t *n) { return *n = a->nforms, a->forms; }

typedef struct order_rec {
    uint32_t sentence;
    uint32_t i;
} order_rec;

static int cmp_order(const void *pa, const void *pb)
{
    const order_rec *x = pa, *y = pb;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

int section_acc_finish(section_acc *a)
{
    size_t n = a->ntriples;
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = a->triples[i - 1].sentence <= a->triples[i].sentence;
    if (sorted)
        return 0;
    order_rec *v = malloc(n * sizeof *v);
    feit_triple *t = malloc(n * sizeof *t);
    if (!v || !t) {
        free(v), free(t);
        return FEIT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (order_rec){a->triples[i].sentence, (uint32_t)i};
    qsort(v, n, sizeof *v, cmp_order);
    for (size_t i = 0; i < n; i++)
        t[i] = a->triples[v[i].i];
    memcpy(a->triples, t, n * sizeof *t);
    free(v), free(t);
    facts_init(&a->facts, &a->strings); /* (the index names the old order: finished) */
    return 0;
}

const feit_entity *section_acc_entities(const section_acc *a, size_t *n) { return *n = a->nents, a->ents; }
const feit_triple *section_acc_triples(const section_acc *a, size_t *n) { return *n = a->ntriples, a->triples; }
const feit_dateline *section_acc_datelines(const section_acc *a, size_t *n) { return *n = a->ndls, a->dls; }
