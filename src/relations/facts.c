/* facts.c — each fact of a document once: the index that finds a repeat, and the merge policy
 * (facts.h). */
#include "relations/facts.h"

#include "core/hash.h"

#include <string.h>

void facts_init(facts_index *x, feit_arena *a) { *x = (facts_index){.arena = a}; }

bool facts_same_arg(const feit_arg *a, const feit_arg *b)
{
    if (a->kb && b->kb)
        return !strcmp(a->kb, b->kb);
    return a->type == b->type && !strcmp(a->canonical, b->canonical);
}

/* An argument's keys: [0] by type and name, [1] by knowledge-base id (0: none). */
static void arg_keys(const feit_arg *a, uint64_t k[2])
{
    k[0] = hash_str64(a->canonical, 1 + (uint64_t)a->type);
    k[1] = a->kb ? hash_str64(a->kb, 0x6b62) : 0;
}

/* The key of a triple of predicate pred (by address: one string per predicate) and time tm whose
 * subject has argument key sk and object ok. */
static uint64_t fact_key(const char *pred, feit_time tm, uint64_t sk, uint64_t ok)
{
    return hash_mix64((uint64_t)(uintptr_t)pred ^ hash_mix64(sk + 0x9e3779b97f4a7c15ull * (uint64_t)(tm + 1)) ^ (ok * 0x2545f4914f6cdd1dull));
}

/* Files triple i under key; 0 or FEIT_ENOMEM. */
static int fact_put(facts_index *x, uint64_t key, uint32_t i)
{
    if (x->nents == x->cents) {
        size_t nc = x->cents ? 2 * x->cents : 64;
        facts_ent *ne = arena_alloc(x->arena, nc * sizeof *ne);
        if (!ne)
            return FEIT_ENOMEM;
        if (x->nents)
            memcpy(ne, x->ents, x->nents * sizeof *ne);
        x->ents = ne, x->cents = nc;
    }
    if (x->nents >= x->nheads) { /* at most one entry a chain on average: twice the heads */
        size_t nh = x->nheads ? 2 * x->nheads : 64;
        uint32_t *h = arena_alloc(x->arena, nh * sizeof *h);
        if (!h)
            return FEIT_ENOMEM;
        memset(h, 0, nh * sizeof *h);
        for (size_t e = 0; e < x->nents; e++) {
            size_t b = x->ents[e].key & (nh - 1);
            x->ents[e].next = h[b];
            h[b] = (uint32_t)e + 1;
        }
        x->heads = h, x->nheads = nh;
    }
    size_t b = key & (x->nheads - 1);
    x->ents[x->nents] = (facts_ent){key, i, x->heads[b]};
    x->heads[b] = (uint32_t)++x->nents;
    return 0;
}

int facts_file(facts_index *x, const feit_triple *ts, uint32_t i)
{
    const feit_triple *t = &ts[i];
    uint64_t sk[2], ok[2];
    arg_keys(&t->subject, sk), arg_keys(&t->object, ok);
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            if ((a == 0 || t->subject.kb) && (b == 0 || t->object.kb)) {
                int rc = fact_put(x, fact_key(t->predicate, t->time, sk[a], ok[b]), i);
                if (rc)
                    return rc;
            }
    return 0;
}

int64_t facts_find(const facts_index *x, const feit_triple *ts, const feit_triple *t, bool symmetric)
{
    if (!x->nents)
        return -1;
    int64_t best = -1;
    for (int dir = 0; dir < (symmetric ? 2 : 1); dir++) {
        const feit_arg *s = dir ? &t->object : &t->subject, *o = dir ? &t->subject : &t->object;
        uint64_t sk[2], ok[2];
        arg_keys(s, sk), arg_keys(o, ok);
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++) {
                if ((a && !s->kb) || (b && !o->kb))
                    continue;
                uint64_t key = fact_key(t->predicate, t->time, sk[a], ok[b]);
                for (uint32_t e = x->heads[key & (x->nheads - 1)]; e; e = x->ents[e - 1].next) {
                    const facts_ent *en = &x->ents[e - 1];
                    if (en->key != key || (best >= 0 && en->triple >= best))
                        continue;
                    const feit_triple *u = &ts[en->triple];
                    if (u->predicate == t->predicate && u->time == t->time && facts_same_arg(&u->subject, s) &&
                        facts_same_arg(&u->object, o))
                        best = en->triple;
                }
            }
    }
    return best;
}

int facts_merge(facts_index *x, feit_triple *ts, uint32_t i, const feit_triple *t)
{
    feit_triple *u = &ts[i];
    u->count += t->count;
    if (t->confidence > u->confidence) {
        u->subject = t->subject, u->object = t->object;
        u->rule = t->rule;
        u->confidence = t->confidence;
        if (t->qualifier)
            u->qualifier = t->qualifier;
        u->sentence = t->sentence;
        u->ev_start = t->ev_start, u->ev_end = t->ev_end;
        int rc = facts_file(x, ts, i); /* (its arguments may be spelt otherwise now) */
        return rc ? rc : 1;
    }
    if (!u->qualifier)
        u->qualifier = t->qualifier;
    return 0;
}
