/* people.c — known people by their surname (see people.h). The gazetteer gives every curated
 * person a partial hit on its surname ("schoof", "von der leyen"); this stage looks up the
 * capitalised words and unlinked person names of a document among them and scores the
 * candidates against the document:
 *   the person named in full earlier in the document                                 +10
 *   a role word before the name that is the person's role  ("premier Schoof")      +4
 *   ... that is some other role                              ("premier Koeman")     -2
 *   the organisation or country of the person's role named   (PVV ... Wilders)      +2
 *   the person's country named in the document                                      +1
 *   a role in the gazetteer (prominence: the one news means)                        +1
 *   a Wikidata id in the gazetteer                                                  +1/2
 * One candidate is linked when it is the only one and its surname is rare among the bulk
 * list's people (and not a common word opening a sentence), or when the context supports it
 * (a score of 2 or more); several are decided by a margin of at least 1. */
#include "discourse/people.h"

#include "core/lang.h"
#include "core/utf8.h"
#include "entities/mention.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CANDS 16
#define MAX_SPAN 4      /* tokens of a surname span: particles and the name */
#define COMMON_BULK 15  /* bulk-list namesakes from which a surname needs context */

typedef struct context {
    const feit_gazetteer *g;
    const discourse_hook *hook;
    feit_doc *d;
} context;

/* The role token i names (hook), or NULL. */
static const char *role_at(const context *c, size_t i)
{
    if (!c->hook || i >= c->d->ntoks || c->d->toks[i].kind != TOK_WORD)
        return NULL;
    return c->hook->role(c->hook->ctx, c->d, i);
}

/* Is name the canonical name of a mention of the document (other than a person)? */
static int named_in_doc(const feit_doc *d, const char *name)
{
    if (!name)
        return 0;
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *me = &d->ments[m];
        if (me->e.confidence >= 0 && me->e.type != FEIT_PERSON && me->e.canonical && !strcmp(me->e.canonical, name))
            return 1;
    }
    return 0;
}

/* Does the document name the person entry by a name of its own (a full name) before token a? */
static int named_before(const feit_doc *d, uint32_t entry, size_t a)
{
    for (size_t m = 0; m < d->nments; m++) /* (not sorted yet at this stage) */
        if (d->ments[m].tok_start < a && d->ments[m].entry == (int32_t)entry && d->ments[m].e.form == FEIT_FORM_NAME &&
            d->ments[m].e.confidence >= 0)
            return 1;
    return 0;
}

/* Does the document name the country with ISO code iso (in any form)? */
static int country_in_doc(const feit_doc *d, const char *iso)
{
    if (!iso)
        return 0;
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *me = &d->ments[m];
        if (me->e.confidence >= 0 && me->e.type == FEIT_COUNTRY && me->country && !strcmp(me->country, iso))
            return 1;
    }
    return 0;
}

/* The candidates (curated people) among the hits from `first` on (a key's, gaz_slot.hits), into
 * cand; returns how many, and in *bulk the number of bulk-list people of that surname. */
static int candidates_of(const feit_gazetteer *g, uint32_t first, uint32_t *cand, int *bulk)
{
    int k = 0;
    *bulk = 0;
    for (const gaz_hit *hit = gazetteer_hit(g, first); hit && k < MAX_CANDS; hit = gazetteer_hit(g, hit->next)) {
        if (hit->form != FEIT_FORM_PARTIAL)
            continue;
        cand[k++] = hit->entry;
        if (hit->score > *bulk)
            *bulk = hit->score;
    }
    return k;
}

/* The candidates of the surname key[0..n) (candidates_of), the key of `words` tokens. A key of
 * two tokens or more is in the index only when the span filter has its hash (gazetteer.h:
 * gazetteer_may_span; a partial hit's surname is put in as a name is): most such keys here are
 * the full names the rules found ("Marieke de Vries"), no surname of anyone, and the filter
 * refuses them without a probe of the index (a slot read at random, then its key). */
static int candidates(const feit_gazetteer *g, const char *key, size_t n, size_t words, uint32_t *cand, int *bulk)
{
    uint32_t h = gazetteer_key_hash(key, n);
    if (words > 1 && !gazetteer_may_span(g, h, false)) {
        *bulk = 0;
        return 0;
    }
    const gaz_slot *s = gazetteer_find(g, key, n, h);
    return candidates_of(g, s ? s->hits : 0, cand, bulk);
}

/* The length of t's fold without its genitive ending ("Trumps", "Rutte's"), or 0 when it has
 * none. */
__attribute__((always_inline)) static inline size_t genitive_len(const feit_token *t)
{
    return t->fold_len > 3 ? gaz_genitive_base(t->fold, t->fold_len) : 0; /* (a fold of three bytes or fewer: none, here) */
}

/* The key of tokens [a, b) (folded words joined as the gazetteer joins them), its genitive
 * form dropped from the last token when genitive is set; 0 when none. */
static size_t span_key(const feit_doc *d, size_t a, size_t b, int genitive, char *key, size_t cap)
{
    size_t k = 0;
    for (size_t i = a; i < b; i++) {
        const feit_token *t = &d->toks[i];
        size_t n = t->fold_len;
        if (i + 1 == b && genitive && !(n = genitive_len(t)))
            return 0;
        int space = i > a && !(t->flags & TF_GLUED);
        if (k + n + 2 > cap)
            return 0;
        if (space)
            key[k++] = ' ';
        memcpy(key + k, t->fold, n);
        k += n;
    }
    return k;
}

/* Scores the candidates of the span [a, b) against the document; returns the index of the one
 * to link, or -1. */
static int choose(const context *c, size_t a, const uint32_t *cand, int n, int bulk, int weak)
{
    const feit_doc *d = c->d;
    /* the role before the name, skipping a title or an adjective is not needed: news writes
     * the role right before the name ("premier Schoof", "PVV-leider Wilders") */
    const char *role = a > 0 ? role_at(c, a - 1) : NULL;
    /* "PVV-leider Wilders": the organisation the compound names */
    const char *role_org = NULL;
    if (role && a >= 3 && (d->toks[a - 1].flags & TF_GLUED) && d->toks[a - 2].fold_len == 1 && d->toks[a - 2].fold[0] == '-' &&
        d->toks[a - 3].mention >= 0)
        role_org = d->ments[d->toks[a - 3].mention].e.canonical;
    int best = -1, best_score = -1000, second = -1000;
    for (int k = 0; k < n; k++) {
        const gaz_entry *en = gazetteer_entry(c->g, cand[k]);
        const char *crole = gazetteer_str(c->g, en->role), *cof = gazetteer_str(c->g, en->role_of);
        int score = 0; /* in halves */
        if (named_before(d, cand[k], a))
            score += 20; /* a full name earlier in the document wins */
        if (role && crole)
            score += !strcmp(role, crole) ? 8 : -4;
        if (role_org && cof && !strcmp(role_org, cof))
            score += 4;
        else if (named_in_doc(d, cof))
            score += 4;
        if (country_in_doc(d, gazetteer_str(c->g, en->country)))
            score += 2;
        score += (crole ? 2 : 0) + (en->kb ? 1 : 0);
        if (score > best_score)
            second = best_score, best_score = score, best = k;
        else if (score > second)
            second = score;
    }
    if (n == 1)
        return (!weak && bulk < COMMON_BULK) || best_score >= 4 ? best : -1;
    return best_score - second >= 2 && best_score >= 2 ? best : -1;
}

/* m made person `entry`'s partial mention: what the entry gives (mention_link, as mention_add
 * gives a new mention of it below) */
static void link(const context *c, feit_mention *m, uint32_t entry)
{
    mention_link(m, c->g, (int32_t)entry);
    m->e.type = FEIT_PERSON;
    m->e.form = FEIT_FORM_PARTIAL;
    m->e.source = FEIT_SRC_GAZETTEER;
    m->e.confidence = 0.8f;
}

int people_doc(const feit_gazetteer *g, const discourse_hook *hook, feit_doc *d, const discourse_tokens *dt)
{
    context c = {g, hook, d};
    uint32_t cand[MAX_CANDS];
    char key[256];
    size_t nments = d->nments; /* mentions added here are not looked at again */
    /* (the capitalised words: names_doc listed them, discourse.h) */
    const uint32_t *caps = dt->lists.caps;
    size_t ncaps = dt->lists.ncaps;
    size_t next = 0; /* the tokens before it are a name linked here */
    for (size_t ci = 0; ci < ncaps; ci++) {
        size_t i = caps[ci];
        if (i < next)
            continue;
        const feit_token *t = &d->toks[i];
        size_t a = i, b;
        int32_t mi = t->mention;
        feit_mention *m = mi >= 0 ? &d->ments[mi] : NULL;
        if (m) {
            /* an unlinked person of one to four words (premier Schoof, Trump), or a one-word
             * match a surname may take over (Wilders, not the village) */
            if ((size_t)mi >= nments || m->tok_start != i || m->e.confidence < 0)
                continue;
            int unlinked = m->e.type == FEIT_PERSON && m->entry < 0 && m->e.source == FEIT_SRC_RULE && m->e.form == FEIT_FORM_NAME &&
                           m->tok_end - m->tok_start <= MAX_SPAN;
            if (m->e.type == FEIT_PERSON && m->entry >= 0) {
                /* a person of the gazetteer: the stages after this one ask the worker's tables
                 * for them (firstname's first names, coref's genders), a line each at random
                 * that is mostly out of the caches by then: asked for here, they overlap this
                 * walk (perf: one at a time, the slot's first load was 0.6-0.8% of the run's
                 * samples) */
                discourse_person_prefetch(&dt->firstofs, sizeof(discourse_firstof), m->entry);
                discourse_person_prefetch(&dt->genders, sizeof(discourse_gender), m->entry);
                continue;
            }
            if (!unlinked && !mention_overridable(m)) /* (a surname may take it over) */
                continue;
            b = m->tok_end;
        } else {
            /* most free capitalised words (half of them a sentence's first word "De", "In";
             * of the 42k listed per 2 MB, 4.7k free words go on) are no key of the gazetteer,
             * no genitive of one and no particle a name may follow: passed before their span
             * is made. Whether a word is a genitive of a key is its record's (gaz_word.opens:
             * GAZ_OPENS_CAP, which a word with no hits of its own has only as a name's prefix,
             * a party's member or the genitive of a key with hits), so the fold's bytes (a line
             * of the arena) are read only for those few: a genitive whose name has no hits
             * finds no candidate. */
            const gaz_word *w = &t->info->word;
            if ((t->flags & TF_SLOT) && !w->hits && t->fold_len && t->fold_len + 2 <= sizeof key &&
                (t->fold_len <= 3 ? !(w->flags & WC_CAPPARTICLE) : !(w->opens & GAZ_OPENS_CAP) || !genitive_len(t)))
                continue;
            /* a free capitalised word, with the capitalised particles before it (De Wever;
             * the language's list, marked in the gazetteer's index as a word class, which
             * the token's record holds: no look-up) */
            b = i + 1;
            while (b < d->ntoks && b - a < MAX_SPAN && d->toks[b - 1].fold_len <= 3 && d->toks[b].sentence == t->sentence &&
                   word_class(g, &d->toks[b - 1], WC_CAPPARTICLE) && d->toks[b].kind == TOK_WORD &&
                   (d->toks[b].flags & TF_CAP) && d->toks[b].mention < 0 && !(d->toks[b].flags & TF_GLUED))
                b++;
            for (size_t k = a; k < b; k++)
                if (d->toks[k].mention >= 0)
                    b = a + 1;
        }
        size_t n;
        int bulk = 0, nc = 0;
        if (b == a + 1 && (d->toks[a].flags & TF_SLOT) && d->toks[a].fold_len && d->toks[a].fold_len + 2 <= sizeof key) {
            /* one word: its key is its fold, which the lexicon stage has looked up (most
             * capitalised words are no key of the gazetteer: no hits to walk) */
            n = d->toks[a].fold_len;
            if (d->toks[a].info->word.hits)
                nc = candidates_of(g, d->toks[a].info->word.hits, cand, &bulk);
        } else {
            n = span_key(d, a, b, 0, key, sizeof key);
            nc = n ? candidates(g, key, n, b - a, cand, &bulk) : 0;
        }
        /* a genitive (Trumps, Rutte's), never of a common word or at a sentence start */
        if (!nc && genitive_len(&d->toks[b - 1]) && !mention_at_start(d, a) && !mention_is_common(g, &d->toks[b - 1]) &&
            (n = span_key(d, a, b, 1, key, sizeof key)))
            nc = candidates(g, key, n, b - a, cand, &bulk);
        if (!nc)
            continue;
        /* (the role before it asked only of a word with candidates: the hook looks the word
         * up, most capitalised words have none, and what follows does not change them) */
        const char *role = a > 0 ? role_at(&c, a - 1) : NULL;
        if (!m && !role) {
            /* a first name (John, Salah) is someone's first name more often than a surname;
             * a capitalised word after it makes a longer name (Trump Tower) */
            const gaz_word *w = mention_word(g, &d->toks[b - 1]);
            if (w && (w->flags & SLOT_FIRSTNAME))
                continue;
            if (b < d->ntoks && d->toks[b].kind == TOK_WORD && (d->toks[b].flags & TF_CAP) && d->toks[b].sentence == t->sentence)
                continue;
        }
        /* a common word opening a sentence is no evidence of a name ("Bakker" may be one);
         * capitalised inside a sentence, it is */
        int weak = mention_is_common(g, &d->toks[b - 1]) && mention_at_start(d, a);
        int k = choose(&c, a, cand, nc, bulk, weak);
        if (k < 0)
            continue;
        /* a listed place (Borne, the town) is the person of that surname (Élisabeth Borne) only
         * after a role or title, or when the document named the person in full before */
        if (m && m->entry >= 0 && gazetteer_entry(g, (uint32_t)m->entry)->tier == 1 && !role && !named_before(d, cand[k], a))
            continue;
        if (m) {
            link(&c, m, cand[k]);
            for (size_t j = a; j < b; j++)
                d->toks[j].mention = mi;
        } else {
            if (mention_add(d, g, a, b, (int32_t)cand[k], FEIT_PERSON, FEIT_FORM_PARTIAL, FEIT_SRC_GAZETTEER, NULL, 0.8f))
                return FEIT_ENOMEM;
        }
        next = b;
    }
    return 0;
}
