/* coref.c — descriptions and pronouns resolved to an entity named before them (see coref.h). */
#include "discourse/coref.h"

#include "core/lang.h"
#include "core/types.h"
#include "discourse/gender.h"
#include "entities/mention.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ADJ 2 /* adjectives between the article and the head: "de grote Britse bank" */

typedef struct context {
    const feit_gazetteer *g;
    const discourse_hook *hook;
    feit_doc *d;
    int32_t *first; /* per sentence: its first mention (the subject, roughly), or -1 */
    const gender_names *genders;
    char *gender;   /* per mention named before coref: its person's gender, '-' unknown, 0 not yet */
    size_t ngender;
} context;

/* What an anaphor asks of its antecedent. */
typedef struct want {
    unsigned types;
    const char *const *kinds; /* organisation kinds, NULL: any */
    const char *role;         /* a person in this role, or NULL */
    const char *country;      /* ISO code the antecedent must belong to, or NULL */
    char gender;              /* 'm', 'f' or 0 */
    bool pronoun;
    int32_t exclude;          /* a mention that cannot be the antecedent (-1 none) */
} want;

static const char *role_at(const context *c, size_t i)
{
    if (!c->hook || i >= c->d->ntoks || c->d->toks[i].kind != TOK_WORD)
        return NULL;
    return c->hook->role(c->hook->ctx, c->d, i);
}

static int fn_is(const feit_doc *d, size_t i, int fn) { return lang_is_fn(d->lang, fn, d->toks[i].fold, d->toks[i].fold_len, d->toks[i].hash); }

/* The role a person holds in the document or the gazetteer: the role word right before the
 * name ("premier Schoof", "PVV-leider Wilders"), else the gazetteer's. */
static int holds_role(const context *c, const feit_mention *m, const char *role)
{
    if (m->tok_start > 0) {
        const char *r = role_at(c, m->tok_start - 1);
        if (r && !strcmp(r, role))
            return 1;
    }
    return m->role && !strcmp(m->role, role);
}

static int kind_fits(const feit_mention *m, const char *const *kinds, int *unknown)
{
    *unknown = 0;
    if (!kinds)
        return 1;
    const char *kind = m->kind;
    if (!kind) {
        *unknown = 1;
        return 1;
    }
    for (size_t k = 0; kinds[k]; k++)
        if (!strcmp(kinds[k], kind))
            return 1;
    return 0;
}

/* The gender of the person mention mi stands for, by the first name of its canonical name: 'm',
 * 'f' or 0 (unknown). */
static char person_gender(const context *c, size_t mi)
{
    if (mi < c->ngender && c->gender[mi])
        return c->gender[mi] == '-' ? 0 : c->gender[mi];
    char g = gender_of_person(c->genders, c->d->ments[mi].e.canonical);
    if (mi < c->ngender)
        c->gender[mi] = g ? g : '-';
    return g;
}

/* The antecedent of an anaphor at tokens [a, b) of sentence s: a mention index, or -1. */
static int32_t resolve(const context *c, const want *w, size_t a, uint32_t s)
{
    const feit_doc *d = c->d;
    int32_t best = -1;
    long best_score = -1000000;
    int best_ties = 0;
    for (size_t mi = 0; mi < d->nments; mi++) {
        const feit_mention *m = &d->ments[mi];
        if (m->tok_start >= a)
            break; /* mentions are sorted: the rest are later */
        if (m->e.sentence + COREF_WINDOW < s || (int32_t)mi == w->exclude || m->e.confidence < 0)
            continue;
        /* descriptions look across sentences: in their own sentence the nearer entity is
         * usually another one ("Ajax versloeg de ploeg uit Rotterdam") */
        if (!w->pronoun && m->e.sentence == s)
            continue;
        if (!(w->types & (1u << m->e.type)))
            continue;
        int score = 0;
        if (m->e.type == FEIT_PERSON && m->e.form == FEIT_FORM_ADJECTIVE)
            continue;
        if (m->e.form == FEIT_FORM_ADJECTIVE || m->e.form == FEIT_FORM_INHABITANTS)
            score -= 1; /* "het land" after "de Russische regering": possible, a name is better */
        int unknown;
        if (m->e.type == FEIT_ORGANISATION && !kind_fits(m, w->kinds, &unknown))
            continue;
        if (m->e.type == FEIT_ORGANISATION && w->kinds && unknown)
            score -= 2;
        if (w->role && !holds_role(c, m, w->role))
            continue;
        if (w->country && (!m->country || strcmp(m->country, w->country)))
            continue;
        /* "hij" never stands for a known woman, "zij" never for a known man */
        if (w->gender && m->e.type == FEIT_PERSON) {
            char g = person_gender(c, mi);
            if (g && g != w->gender)
                continue;
        }
        /* the nearest sentence first, then its subject, then the nearest mention */
        long sc = (long)(score - 10 * (int)(s - m->e.sentence)) * 1000;
        if (c->first[m->e.sentence] == (int32_t)mi)
            sc += 500;
        sc += (long)(m->tok_start % 500);
        if (sc > best_score)
            best = (int32_t)mi, best_score = sc, best_ties = 0;
        else if (sc == best_score)
            best_ties++;
    }
    return best_ties ? -1 : best;
}

/* Where the entity the antecedent stands for is named: a coref mention passes on its own. */
static int64_t named_at(const feit_mention *m) { return m->e.antecedent >= 0 ? m->e.antecedent : (int64_t)m->e.start; }

static int add(const context *c, size_t a, size_t b, int32_t ante, feit_form form, float conf)
{
    feit_doc *d = c->d;
    /* an adjective inside the description ("de Britse bank") only said which entity: the
     * description takes its tokens (mentions_finish drops the adjective's mention) */
    for (size_t i = a; i < b; i++)
        if (d->toks[i].mention >= 0)
            d->ments[d->toks[i].mention].e.confidence = -1.0f;
    const feit_mention copy = d->ments[ante]; /* mention_add may move the array */
    if (mention_add(d, c->g, a, b, copy.entry, copy.e.type, form, FEIT_SRC_COREF, copy.e.canonical, conf))
        return FEIT_ENOMEM;
    feit_mention *m = &d->ments[d->nments - 1];
    m->e.canonical = copy.e.canonical, m->e.kb = copy.e.kb;
    m->country = copy.country, m->role = copy.role, m->kind = copy.kind;
    m->e.antecedent = named_at(&copy);
    return 0;
}

/* A description at token a (an article): "het land", "de Britse bank", "de Amerikaanse
 * president". Fills w and *end (the token after the head); 0 when there is none. */
static int description(const context *c, size_t a, const feit_sentence *se, want *w, size_t *end)
{
    const feit_doc *d = c->d;
    if (!fn_is(d, a, LANG_FN_ARTICLE) && !fn_is(d, a, LANG_FN_DETERMINER))
        return 0;
    size_t j = a + 1;
    const char *country = NULL;
    int adj = 0;
    while (j < se->tok_end && adj < MAX_ADJ) {
        const feit_token *t = &d->toks[j];
        if (t->mention >= 0 && d->ments[t->mention].e.form == FEIT_FORM_ADJECTIVE && d->ments[t->mention].tok_end == j + 1) {
            country = d->ments[t->mention].country;
            j++, adj++;
        } else if (t->kind == TOK_WORD && t->mention < 0 && (t->flags & TF_LOWER) && t->fold_len > 3 &&
                   t->fold[t->fold_len - 1] == 'e' && !role_at(c, j) && !lang_description_of(d->lang, t->fold, t->fold_len, t->hash)) {
            j++, adj++; /* an inflected adjective: grote, nieuwe, grootste */
        } else {
            break;
        }
    }
    if (j >= se->tok_end)
        return 0;
    const feit_token *h = &d->toks[j];
    if (h->kind != TOK_WORD || h->mention >= 0)
        return 0;
    memset(w, 0, sizeof *w);
    w->exclude = -1;
    const char *role = role_at(c, j);
    const lang_description *ds = role ? NULL : lang_description_of(d->lang, h->fold, h->fold_len, h->hash);
    if (!role && !ds)
        return 0;
    /* not an apposition ("de club Ajax", "premier Schoof") nor a role of something named
     * after it ("de premier van België"): those are names with a role, not descriptions */
    size_t k = j + 1;
    if (k < se->tok_end && d->toks[k].mention >= 0)
        return 0;
    if (k + 1 < se->tok_end && fn_is(d, k, LANG_FN_ROLELINK))
        return 0;
    if (k < se->tok_end && d->toks[k].kind == TOK_PUNCT && d->toks[k].fold_len == 1 && d->toks[k].fold[0] == ',' && k + 1 < se->tok_end &&
        d->toks[k + 1].mention >= 0)
        return 0;
    if (role) {
        /* "de Amerikaanse president": the relation rules' describe rules find that person
         * and state the role (models/README.md); here only "de premier", "de trainer" */
        if (country)
            return 0;
        w->types = 1u << FEIT_PERSON;
        w->role = role;
    } else {
        /* "de Mexicaanse hoofdstad": the place rules state what the adjective says */
        if (country && !(ds->types & ~TYPES_PLACE))
            return 0;
        w->types = ds->types;
        w->kinds = (const char *const *)ds->kinds;
    }
    w->country = country;
    *end = j + 1;
    return 1;
}

int coref_doc(const feit_gazetteer *g, const discourse_hook *hook, const gender_names *genders, feit_doc *d)
{
    if (!d->nsents)
        return 0;
    int32_t *first = arena_alloc(&d->arena, d->nsents * sizeof *first);
    if (!first)
        return FEIT_ENOMEM;
    for (size_t s = 0; s < d->nsents; s++)
        first[s] = -1;
    for (size_t m = d->nments; m-- > 0;)
        first[d->ments[m].e.sentence] = (int32_t)m;
    char *pgender = arena_alloc(&d->arena, d->nments + 1);
    if (!pgender)
        return FEIT_ENOMEM;
    memset(pgender, 0, d->nments + 1);
    context c = {g, hook, d, first, genders, pgender, d->nments};
    size_t before = d->nments, small = lang_small_word_max(d->lang);
    for (size_t s = 0; s < d->nsents; s++) {
        const feit_sentence *se = &d->sents[s];
        for (size_t i = se->tok_start; i < se->tok_end; i++) {
            const feit_token *t = &d->toks[i];
            /* an anaphor opens with a pronoun, an article or a determiner: short words */
            if (t->kind != TOK_WORD || t->mention >= 0 || t->fold_len > small)
                continue;
            want w;
            size_t end = i + 1;
            char gender;
            bool possessive;
            feit_form form;
            float conf;
            if (lang_pronoun(d->lang, t->fold, t->fold_len, t->hash, &gender, &possessive)) {
                if (possessive)
                    continue;
                memset(&w, 0, sizeof w);
                w.types = 1u << FEIT_PERSON, w.gender = gender, w.pronoun = true, w.exclude = -1;
                form = FEIT_FORM_PRONOUN, conf = 0.6f;
            } else if (description(&c, i, se, &w, &end)) {
                form = FEIT_FORM_DESCRIPTION, conf = 0.7f;
            } else {
                continue;
            }
            int32_t ante = resolve(&c, &w, i, (uint32_t)s);
            if (ante < 0)
                continue;
            /* the pipeline's order: mentions are sorted by start; one added here lies after
             * every mention resolve() may pick for a later anaphor only once re-sorted, so
             * anaphors resolve against names (and earlier anaphors) as of their place */
            if (add(&c, i, end, ante, form, conf))
                return FEIT_ENOMEM;
            i = end - 1;
        }
    }
    if (d->nments != before)
        mentions_finish(d);
    return 0;
}
