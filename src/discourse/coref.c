/* coref.c — descriptions and pronouns resolved to an entity named before them (see coref.h). */
#include "discourse/coref.h"

#include "core/arena.h"
#include "core/lang.h"
#include "core/utf8.h"
#include "core/types.h"
#include "discourse/gender.h"
#include "entities/mention.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ADJ 2 /* adjectives between the article and the head: "de grote Britse bank" */
#define ORG_WINDOW (3 * COREF_WINDOW) /* "de PVV-leider" names its party: it may look further back */

typedef struct context {
    const feit_gazetteer *g;
    const discourse_hook *hook;
    feit_doc *d;
    int32_t *first; /* per sentence: its first mention (the subject, roughly), or -1 */
    const gender_names *genders;
    char *gender;   /* per mention (the anaphors too: room for named + ntoks): its person's
                     * gender, '-' unknown, 0 not yet */
    size_t named;   /* mentions [0, named) were there before this stage (sorted by start); those
                     * after are the anaphors resolved so far, in the order of the text */
    unsigned char *quoted; /* per quote mark (only those set): a quotation open after it (a
                            * closing quote: 0) */
    struct name_gender *names; /* the genders of the canonical names asked so far: NAMES_SEEN
                                * slots, direct mapped by the name's hash */
    discourse_tokens *dt;      /* the worker's: its genders of gazetteer people (discourse.h) */
    struct pronoun_seen *pronouns; /* what lang_pronoun said of the pronouns met so far, by word
                                    * type: PRONOUNS_SEEN slots, direct mapped */
    /* The start of the last window resolve looked in: the first of the mentions [0, named) of
     * sentence win_sent or a later one (win_named), and the first of the anaphors added since
     * (win_added). The anaphors come in the order of the text, so the next window mostly
     * starts there or a few mentions on (a binary search of each list for each anaphor was a
     * third of resolve's own cost). */
    uint32_t win_sent;
    size_t win_named, win_added;
    /* The last indefinite ("iemand") the walk of coref_doc passed (the lexicon lists them:
     * discourse_lists), SIZE_MAX none: after_indefinite asks it, not every token before the
     * pronoun in its sentence. */
    size_t indefinite;
} context;

/* lang_pronoun's answer for one word type of the document (info: the tokens' record, the same
 * for every token of the word while the document is processed: lexicon.h; NULL: an empty
 * slot). A document says "hij", "ze", "zijn" again and again, and each answer is a look-up of
 * the language's table. */
#define PRONOUNS_SEEN 8
typedef struct pronoun_seen {
    const feit_wordinfo *info;
    unsigned flags;
    char gender;
    bool is;
} pronoun_seen;

/* A canonical name and its person's gender ('m', 'f', '-' unknown); name NULL: an empty slot. A
 * memo of the names a document asks (those the worker's table of gazetteer people does not
 * keep: people found by rule, another name of an entry), direct mapped: a name put out of its
 * slot by another is worked out again when asked again, the same answer. Of a fixed size, so
 * that the stage need not count a document's people first (a walk of every mention, to size
 * a table that held them all); a document names a few such people, mostly. */
#define NAMES_SEEN 64
typedef struct name_gender {
    const char *name;
    uint32_t hash;
    char gender;
} name_gender;

/* What an anaphor asks of its antecedent. */
typedef struct want {
    unsigned types;
    const char *const *kinds; /* organisation kinds, NULL: any */
    const char *role;         /* a person in this role, or NULL */
    const char *country;      /* ISO code the antecedent must belong to, or NULL */
    const char *org;          /* a person tied to this organisation (its canonical name), or NULL */
    const char *prefer;       /* with org: a person in this role is better ("de PVV-leider") */
    char gender;              /* 'm', 'f' or 0 */
    bool soft_country;        /* country: only where the antecedent's is known ("de Deen") */
    bool player;              /* a person in no role ("de spits", "de acteur": no trainer or
                               * president) */
    bool strict;              /* a person description: no other person in the antecedent's
                               * sentence may fit, unless the antecedent is its subject */
    const char *near;         /* "de club uit Brugge": a name holding this is better */
    int32_t apposition;       /* "X, de trainer, ...": the mention it is set beside, or -1 */
    bool pronoun;
    bool quoted;              /* the anaphor is quoted: the quotation's speaker is not it */
    uint32_t window;          /* sentences before its own it looks back */
    int32_t exclude;          /* a mention that cannot be the antecedent (-1 none) */
    uint32_t bound_from;      /* an object pronoun: no person named in its own clause ("Jan
                               * zag hem"): the clause's first token + 1; 0 none */
} want;

/* A word the lexicon found no role entry for names a role only as the end of a glued compound
 * ("NAVO-chef"): most words the stage asks about (every head and adjective after an article)
 * are answered by this test of their record, without the hook (role_at). */
static bool no_role(const feit_token *t) { return (t->flags & TF_ROLE) && !t->info->role && !(t->flags & TF_GLUED); }

/* The shape of an inflected adjective after an article: a lower-case word of four bytes or
 * more ending in e ("grote", "nieuwe", "grootste"). */
static bool adjective_shape(const feit_token *t)
{
    return (t->flags & TF_LOWER) && t->fold_len > 3 && t->fold[t->fold_len - 1] == 'e';
}

static __attribute__((noinline)) const char *role_asked(const context *c, size_t i)
{
    return c->hook ? c->hook->role(c->hook->ctx, c->d, i) : NULL;
}

/* The role token i names (the hook's answer), or NULL. The test of its record is made where it
 * is asked (most words it is asked of are answered by it: every adjective and head after an
 * article); the hook, out of line. */
static inline const char *role_at(const context *c, size_t i)
{
    if (i >= c->d->ntoks || c->d->toks[i].kind != TOK_WORD || no_role(&c->d->toks[i]))
        return NULL;
    return role_asked(c, i);
}

/* What the language's small lists say of token i (lang_word_bits): asked once per word type
 * and document by the lexicon stage (feit_wordinfo.lang), since the stage asks about the same
 * words again and again (every short word opens a possible anaphor, and the words around each
 * are asked about its clause and verb). */
static uint32_t bits_of(const context *c, size_t i) { return c->d->toks[i].info->lang; }
static bool fn_is(const context *c, size_t i, int fn) { return (bits_of(c, i) >> fn) & 1; }
static bool word_is(const context *c, size_t i, int fn) { return c->d->toks[i].kind == TOK_WORD && fn_is(c, i, fn); }
static bool clause_word(const context *c, size_t i) { return (bits_of(c, i) & LANG_W_CLAUSE) != 0; }

/* The role a person holds in the document or the gazetteer: the role word right before the
 * name ("premier Schoof", "PVV-leider Wilders"), else the gazetteer's. */
static int holds_role_here(const context *c, const feit_mention *m, const char *role)
{
    if (m->tok_start > 0) {
        const char *r = role_at(c, m->tok_start - 1);
        if (r && !strcmp(r, role))
            return 1;
    }
    return m->role && !strcmp(m->role, role);
}

/* Whether the person of mention m holds role: named with it there, or in the ROLE_LOOKBACK
 * sentences before ("Minister Wopke Hoekstra ... Hij ... De minister": the pronoun's person
 * holds it too), or in the gazetteer. (Bounded: asked for every candidate of every role
 * description, a walk from the document's start was quadratic in a long document.) */
#define ROLE_LOOKBACK 30
static int holds_role(const context *c, const feit_mention *m, const char *role)
{
    if (holds_role_here(c, m, role))
        return 1;
    if (!m->e.canonical || m->e.type != FEIT_PERSON)
        return 0;
    uint32_t from = m->e.sentence > ROLE_LOOKBACK ? m->e.sentence - ROLE_LOOKBACK : 0;
    for (size_t i = doc_mention_from(c->d, 0, c->named, from); i < c->named && c->d->ments[i].tok_start < m->tok_start; i++) {
        const feit_mention *o = &c->d->ments[i];
        if (o != m && o->e.type == FEIT_PERSON && o->e.canonical && !strcmp(o->e.canonical, m->e.canonical) &&
            holds_role_here(c, o, role))
            return 1;
    }
    return 0;
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

/* gender_of_person(c->genders, name), remembered by the worker for the first word of a name of
 * two words or more, of which alone it depends (discourse_tokens.firsts): the same first
 * names come back document after document, and each is a search of the sorted list. */
static char first_gender(const context *c, const char *name)
{
    discourse_tokens *dt = c->dt;
    size_t n = strcspn(name, " ");
    if (!name[n] || n >= sizeof dt->firsts->name)
        return gender_of_person(c->genders, name);
    if (dt->nfirsts >= DISCOURSE_FIRSTS / 2) {
        memset(dt->firsts, 0, DISCOURSE_FIRSTS * sizeof *dt->firsts);
        dt->nfirsts = 0;
    }
    const size_t mask = DISCOURSE_FIRSTS - 1;
    discourse_first *slot;
    for (size_t j = utf8_hash(name, n, UTF8_HASH_INIT) & mask;; j = (j + 1) & mask) {
        slot = &dt->firsts[j];
        if (!slot->name[0])
            break;
        if (!memcmp(slot->name, name, n) && !slot->name[n])
            return slot->gender == '-' ? 0 : slot->gender;
    }
    char g = gender_of_person(c->genders, name);
    memcpy(slot->name, name, n);
    slot->gender = g ? g : '-';
    dt->nfirsts++;
    return g;
}

/* The gender of the person mention mi stands for, by the first name of its canonical name: 'm',
 * 'f' or 0 (unknown). */
static char person_gender(const context *c, size_t mi)
{
    if (c->gender[mi])
        return c->gender[mi] == '-' ? 0 : c->gender[mi];
    const char *name = c->d->ments[mi].e.canonical;
    int32_t entry = c->d->ments[mi].entry;
    /* a person of the gazetteer: perhaps asked in an earlier document of the worker (its slot
     * in the worker's table, or NULL) */
    bool found;
    discourse_gender *known = discourse_person_slot(c->g, &c->dt->genders, sizeof *known, entry, name, &found);
    if (found) {
        c->gender[mi] = known->gender;
        return known->gender == '-' ? 0 : known->gender;
    }
    char g = 0;
    name_gender *slot = NULL;
    if (name) {
        /* the same person is named again and again: a canonical name is mostly looked up
         * once (names) */
        size_t len = strlen(name);
        uint32_t h = utf8_hash(name, len, UTF8_HASH_INIT);
        slot = &c->names[h % NAMES_SEEN];
        if (slot->name && slot->hash == h && !strcmp(slot->name, name)) {
            c->gender[mi] = slot->gender;
            if (known) {
                *known = (discourse_gender){{name, entry}, slot->gender};
                c->dt->genders.used++;
            }
            return slot->gender == '-' ? 0 : slot->gender;
        }
        slot->name = name, slot->hash = h;
    }
    if (name) {
        /* a title opens some canonical names ("Koning Charles", "Paus Franciscus"): the word
         * after it is the first name, even alone */
        size_t n = strcspn(name, " ");
        char low[32];
        bool title = false;
        if (name[n] && n < sizeof low) {
            for (size_t k = 0; k < n; k++)
                low[k] = (name[k] >= 'A' && name[k] <= 'Z') ? (char)(name[k] + 32) : name[k];
            title = lang_class_has(c->d->lang, LANG_TITLE, low, n, utf8_hash(low, n, UTF8_HASH_INIT));
        }
        if (title)
            g = gender_of_name(c->genders, name + n + 1, strcspn(name + n + 1, " "));
        else
            g = first_gender(c, name);
    }
    c->gender[mi] = g ? g : '-';
    if (slot)
        slot->gender = c->gender[mi];
    if (known) {
        *known = (discourse_gender){{name, entry}, c->gender[mi]};
        c->dt->genders.used++;
    }
    return g;
}

static bool is_punct(const feit_token *t, char ch) { return t->kind == TOK_PUNCT && t->fold_len == 1 && t->fold[0] == ch; }

/* Whether person mention m is the speaker a quotation is attributed to: '"...", zegt X',
 * '"...", aldus de Zweedse X', 'X: "..."', 'X zei: "..."'. A pronoun inside the quotation is
 * someone else: the speaker would say "ik". */
static bool speaker(const context *c, const feit_mention *m)
{
    const feit_doc *d = c->d;
    size_t lo = m->tok_start > 6 ? m->tok_start - 6 : 0;
    for (size_t k = m->tok_start; k-- > lo;) {
        const feit_token *t = &d->toks[k];
        if (t->kind == TOK_QUOTE) {
            /* a closing quote, then the verb: '", zegt', '” aldus' (not '.’ Balkowitsch heeft') */
            size_t v = k + 1 < m->tok_start && is_punct(&d->toks[k + 1], ',') ? k + 2 : k + 1;
            return !c->quoted[k] && v < m->tok_start && d->toks[v].kind == TOK_WORD && (d->toks[v].flags & TF_LOWER);
        }
        if (t->kind == TOK_WORD && (t->mention < 0 || d->ments[t->mention].e.type != FEIT_PERSON))
            continue; /* zegt, aldus, de, Zweedse, PVV-leider */
        if (!is_punct(t, ',') && !is_punct(t, '-'))
            break;
    }
    size_t hi = m->tok_end + 2 < d->ntoks ? m->tok_end + 2 : d->ntoks;
    for (size_t k = m->tok_end; k < hi; k++) {
        const feit_token *t = &d->toks[k];
        if (is_punct(t, ':'))
            return k + 1 < d->ntoks && d->toks[k + 1].kind == TOK_QUOTE;
        if (t->kind != TOK_WORD || !(t->flags & TF_LOWER) || t->mention >= 0)
            break;
    }
    return false;
}

/* Whether person mention m is tied to organisation org in the gazetteer (role_of) or in the
 * text: "PVV-leider Geert Wilders", "VVD'er Mark Rutte", "Geert Wilders (PVV)", or named in a
 * sentence that names org while holding the role prefer ("Erik ten Hag is trainer van Ajax"). */
static bool tied(const context *c, const feit_mention *m, const char *org, const char *prefer)
{
    const feit_doc *d = c->d;
    if (m->entry >= 0) {
        const gaz_entry *en = gazetteer_entry(c->g, (uint32_t)m->entry);
        const char *of = en ? gazetteer_str(c->g, en->role_of) : NULL;
        if (of && !strcmp(of, org))
            return true;
    }
#define ORG_AT(k) (d->toks[k].mention >= 0 && d->ments[d->toks[k].mention].e.type == FEIT_ORGANISATION && \
                   d->ments[d->toks[k].mention].e.canonical && !strcmp(d->ments[d->toks[k].mention].e.canonical, org))
    size_t a = m->tok_start;
    if (a >= 1 && ORG_AT(a - 1))
        return true; /* VVD'er Mark Rutte */
    if (a >= 3 && is_punct(&d->toks[a - 2], '-') && role_at(c, a - 1) && ORG_AT(a - 3))
        return true; /* PVV-leider Geert Wilders */
    size_t b = m->tok_end;
    if (b + 2 < d->ntoks && is_punct(&d->toks[b], '(') && ORG_AT(b + 1) && is_punct(&d->toks[b + 2], ')'))
        return true; /* Geert Wilders (PVV) */
    if (prefer && holds_role(c, m, prefer)) {
        const feit_sentence *se = &d->sents[m->e.sentence];
        for (size_t k = se->tok_start; k < se->tok_end; k++)
            if (ORG_AT(k))
                return true;
    }
#undef ORG_AT
    return false;
}

typedef struct best {
    int32_t mi;
    long score;
    const char *tie; /* another entity as good as mi's, or NULL */
} best;

/* What a description asks of mention m as its antecedent in sentence s (a pronoun asks none of
 * it): false when m does not fit, else what it adds to *score. */
static bool described(const context *c, const want *w, uint32_t s, size_t mi, int *score)
{
    const feit_mention *m = &c->d->ments[mi];
    /* descriptions look across sentences: in their own sentence the nearer entity is
     * usually another one ("Ajax versloeg de ploeg uit Rotterdam"), unless set beside it */
    if (m->e.sentence == s && (int32_t)mi != w->apposition)
        return false;
    int unknown;
    if (m->e.type == FEIT_ORGANISATION && !kind_fits(m, w->kinds, &unknown))
        return false;
    if (m->e.type == FEIT_ORGANISATION && w->kinds && unknown)
        *score -= 2;
    if (w->role && !holds_role(c, m, w->role))
        return false;
    if (w->player && m->e.type == FEIT_PERSON &&
        (m->role || (m->tok_start > 0 && role_at(c, m->tok_start - 1))))
        return false; /* "de spits" is no trainer or minister */
    if (w->country && (!m->country || strcmp(m->country, w->country))) {
        if (!w->soft_country || m->country)
            return false;
        *score -= 1; /* "de Deen": a Dane known as one first */
    }
    if (w->near && m->e.canonical && strstr(m->e.canonical, w->near))
        *score += 10; /* "de landskampioen uit Brugge": Club Brugge before Anderlecht */
    if (w->org) {
        /* "de PVV-leider": a person the text or the gazetteer ties to the party, the one in
         * the role before the others */
        if (!m->e.canonical || !tied(c, m, w->org, w->prefer))
            return false;
        if (w->prefer && holds_role(c, m, w->prefer))
            *score += 20;
    }
    return true;
}

/* Whether mention mi fits w as the antecedent of an anaphor in sentence s, and its score in
 * *out: the nearest sentence first, then its subject, then the nearest mention. (Inlined, with
 * consider, into resolve's walks: 10.3k candidates per 2 MB, each a call of each and its saved
 * registers.) */
__attribute__((always_inline)) static inline bool fits(const context *c, const want *w, uint32_t s, size_t mi, long *out)
{
    const feit_doc *d = c->d;
    const feit_mention *m = &d->ments[mi];
    if ((int32_t)mi == w->exclude || m->e.confidence < 0)
        return false;
    if (!(w->types & (1u << m->e.type)))
        return false;
    int score = 0;
    if (m->e.type == FEIT_PERSON && m->e.form == FEIT_FORM_ADJECTIVE)
        return false;
    if (m->e.form == FEIT_FORM_ADJECTIVE || m->e.form == FEIT_FORM_INHABITANTS)
        score -= 1; /* "het land" after "de Russische regering": possible, a name is better */
    if (!w->pronoun && !described(c, w, s, mi, &score))
        return false;
    /* "hij" never stands for a known woman, "zij" never for a known man */
    if (w->gender && m->e.type == FEIT_PERSON) {
        char g = person_gender(c, mi);
        if (g && g != w->gender)
            return false;
    }
    if (w->quoted && m->e.type == FEIT_PERSON && speaker(c, m))
        return false;
    if (w->bound_from && m->e.sentence == s && m->tok_start + 1 >= w->bound_from)
        return false; /* "X, Y en Z gingen hem voor": hem is none of them */
    long sc = (long)(score - 10 * (int)(s - m->e.sentence)) * 1000;
    if (c->first[m->e.sentence] == (int32_t)mi)
        sc += 500;
    sc += (long)(m->tok_start % 500);
    *out = sc;
    return true;
}

/* Mention mi as the antecedent of an anaphor in sentence s: kept in *b when it fits w and
 * scores better. */
__attribute__((always_inline)) static inline void consider(const context *c, const want *w, uint32_t s, size_t mi, best *b)
{
    long sc;
    if (!fits(c, w, s, mi, &sc))
        return;
    const feit_mention *m = &c->d->ments[mi];
    if (sc > b->score) {
        b->mi = (int32_t)mi, b->score = sc, b->tie = NULL;
    } else if (sc == b->score) {
        const char *x = c->d->ments[b->mi].e.canonical, *y = m->e.canonical;
        if (!x || !y || strcmp(x, y))
            b->tie = y ? y : "";
    }
}

/* A strict description's antecedent b: given up (-1) when another person that fits is named in
 * its sentence and b is not that sentence's subject ("Ajax haalt Jan en Piet. De spits ..."). */
static int32_t rival(const context *c, const want *w, uint32_t s, int32_t b)
{
    const feit_doc *d = c->d;
    uint32_t bs = d->ments[b].e.sentence;
    if (c->first[bs] == b)
        return b;
    const char *name = d->ments[b].e.canonical;
    for (int pass = 0; pass < 2; pass++) {
        size_t lo = pass ? c->named : 0, hi = pass ? d->nments : c->named;
        for (size_t mi = doc_mention_from(d, lo, hi, bs); mi < hi && d->ments[mi].e.sentence == bs; mi++) {
            long sc;
            const char *y = d->ments[mi].e.canonical;
            if ((int32_t)mi != b && fits(c, w, s, mi, &sc) && (!name || !y || strcmp(name, y)))
                return -1;
        }
    }
    return b;
}

/* The antecedent of an anaphor at token a of sentence s: a mention index, or -1. Only the
 * mentions of the window are looked at (from where the last window began): the names, then the anaphors
 * resolved before it, which stand for what they were resolved to ("Thunberg ... Ze ... ze"). */
static int32_t resolve(context *c, const want *w, size_t a, uint32_t s)
{
    const feit_doc *d = c->d;
    if (w->apposition >= 0) {
        long sc;
        return fits(c, w, s, (size_t)w->apposition, &sc) ? w->apposition : -1;
    }
    best b = {-1, -1000000000L, NULL};
    uint32_t from = s > w->window ? s - w->window : 0;
    /* (a mention of a type w does not want fits not: most of the window's, passed over here
     * without the call; fits tests the rest) */
    const feit_mention *ments = d->ments;
    size_t named = c->win_named, added = c->win_added;
    if (from < c->win_sent) { /* (a longer window: "de PVV-leider") */
        named = doc_mention_from(d, 0, c->named, from);
        added = doc_mention_from(d, c->named, d->nments, from);
    } else {
        while (named < c->named && ments[named].e.sentence < from)
            named++;
        while (added < d->nments && ments[added].e.sentence < from)
            added++;
    }
    c->win_sent = from, c->win_named = named, c->win_added = added;
    for (size_t mi = named; mi < c->named && ments[mi].tok_start < a; mi++)
        if (w->types & (1u << ments[mi].e.type))
            consider(c, w, s, mi, &b);
    for (size_t mi = added; mi < d->nments && ments[mi].tok_start < a; mi++)
        if (w->types & (1u << ments[mi].e.type))
            consider(c, w, s, mi, &b);
    if (b.tie)
        return -1;
    return b.mi >= 0 && w->strict ? rival(c, w, s, b.mi) : b.mi;
}

/* Where the entity the antecedent stands for is named: a coref mention passes on its own. */
static int64_t named_at(const feit_mention *m) { return m->e.antecedent >= 0 ? m->e.antecedent : (int64_t)m->e.start; }

static int add(const context *c, size_t a, size_t b, int32_t ante, feit_form form, float conf)
{
    feit_doc *d = c->d;
    /* an adjective inside the description ("de Britse bank") only said which entity: the
     * description takes its tokens (mentions_finish drops the adjective's mention); the party
     * of "de PVV-leider" stays a mention of its own */
    for (size_t i = a; i < b; i++)
        if (d->toks[i].mention >= 0 && (d->ments[d->toks[i].mention].e.form == FEIT_FORM_ADJECTIVE ||
                                        d->ments[d->toks[i].mention].e.form == FEIT_FORM_INHABITANTS))
            d->ments[d->toks[i].mention].e.confidence = -1.0f; /* (and "de Deen": the person) */
    const feit_mention copy = d->ments[ante]; /* mention_add may move the array */
    /* (added as a name found otherwise, entry -1: what its entry would give, the antecedent's
     * strings, is copied from it below, not asked of the gazetteer again) */
    if (mention_add(d, c->g, a, b, -1, copy.e.type, form, FEIT_SRC_COREF, copy.e.canonical, conf))
        return FEIT_ENOMEM;
    feit_mention *m = &d->ments[d->nments - 1];
    m->entry = copy.entry;
    mention_copy_link(m, &copy);
    m->e.antecedent = named_at(&copy);
    c->gender[d->nments - 1] = c->gender[ante]; /* the same canonical name: the same person */
    return 0;
}

/* An age before the head: "32-jarige" (a number, a glued hyphen, a glued age word); the tokens
 * it takes, or 0. */
static size_t age_at(const context *c, size_t j, const feit_sentence *se)
{
    const feit_doc *d = c->d;
    if (j + 3 > se->tok_end || d->toks[j].kind != TOK_NUM || !is_punct(&d->toks[j + 1], '-') || !(d->toks[j + 1].flags & TF_GLUED))
        return 0;
    return (d->toks[j + 2].flags & TF_GLUED) && word_is(c, j + 2, LANG_FN_AGE) ? 3 : 0;
}

/* Is key[0..n) an inhabitant noun of gazetteer entry `entry`? */
static bool inhabitant_of(const context *c, const char *key, size_t n, int32_t entry)
{
    const gaz_slot *sl = gazetteer_lookup(c->g, key, n);
    for (uint32_t h = sl ? sl->hits : 0; h; h = gazetteer_hit(c->g, h)->next) {
        const gaz_hit *hit = gazetteer_hit(c->g, h);
        if (hit->form == FEIT_FORM_INHABITANTS && (int32_t)hit->entry == entry)
            return true;
    }
    return false;
}

/* Whether the inhabitant noun t of entry `entry` names one person ("de Deen", "de Belg"), not
 * a group ("de Denen"): a plural of it is listed for the same country, the word with a plural
 * suffix (function-words.txt `pluralsuffix`) added, after its last letter doubled ("Brit":
 * "Britten") or a doubled vowel before it undoubled ("Deen": "Denen"); or it ends in none of
 * the suffixes ("Pool", where no plural is listed). */
static bool one_inhabitant_of(const context *c, const feit_token *t, int32_t entry)
{
    const char *f = t->fold;
    size_t n = t->fold_len, ns;
    const char *const *suf = lang_fn_words(c->d->lang, LANG_FN_PLURALSUFFIX, &ns);
    bool ends = false;
    char key[64];
    for (size_t k = 0; k < ns; k++) {
        size_t sn = strlen(suf[k]);
        if (sn > 8)
            continue;
        if (n > sn && !memcmp(f + n - sn, suf[k], sn))
            ends = true;
        memcpy(key, f, n), memcpy(key + n, suf[k], sn);
        if (inhabitant_of(c, key, n + sn, entry))
            return true; /* Belgen, Nederlanders */
        key[n] = f[n - 1], memcpy(key + n + 1, suf[k], sn);
        if (inhabitant_of(c, key, n + 1 + sn, entry))
            return true; /* Britten */
        if (f[n - 2] == f[n - 3] && (unsigned char)f[n - 2] < 0x80) {
            memcpy(key, f, n - 2), key[n - 2] = f[n - 1], memcpy(key + n - 1, suf[k], sn);
            if (inhabitant_of(c, key, n - 1 + sn, entry))
                return true; /* Denen, Amerikanen */
        }
    }
    if (entry < 0)
        return false;
    return !ends;
}

/* one_inhabitant_of, remembered by the worker (discourse_tokens.inhabitants) by the word and
 * the entry. */
static bool one_inhabitant(const context *c, const feit_token *t, int32_t entry)
{
    size_t n = t->fold_len;
    if (n < 3 || n > 40)
        return false;
    discourse_tokens *dt = c->dt;
    _Static_assert(sizeof dt->inhabitants->fold > 41, "a slot holds a fold of 40 bytes and its NUL");
    discourse_inhabitant *slot = &dt->inhabitants[(t->hash ^ (uint32_t)entry * 2654435761u) % DISCOURSE_INHABITANTS];
    if (slot->entry == entry && !memcmp(slot->fold, t->fold, n) && !slot->fold[n])
        return slot->one;
    bool one = one_inhabitant_of(c, t, entry);
    memset(slot->fold, 0, sizeof slot->fold);
    memcpy(slot->fold, t->fold, n);
    slot->entry = entry, slot->one = one;
    return one;
}

/* After a description's head at token k: "uit X" restricts the antecedent to X ("de club uit
 * Brugge", "de man uit Zwolle"): an entity of X's country (a person whose country is not known
 * may be it), an organisation whose name holds the town's before others. Returns false when X
 * is named but nothing of it can be checked. */
static bool from_place(const context *c, size_t k, const feit_sentence *se, want *w)
{
    const feit_doc *d = c->d;
    if (k + 1 >= se->tok_end || !word_is(c, k, LANG_FN_ORIGIN))
        return true;
    int32_t pm = d->toks[k + 1].mention;
    if (pm < 0)
        return true;
    const feit_mention *p = &d->ments[pm];
    if (p->e.type != FEIT_COUNTRY && p->e.type != FEIT_CITY)
        return false; /* "de ploeg uit de Eredivisie": not known here */
    if (!p->country)
        return false;
    if (w->country && strcmp(w->country, p->country))
        return false;
    w->country = p->country;
    w->soft_country = (w->types & (1u << FEIT_PERSON)) != 0;
    if (p->e.type == FEIT_CITY)
        w->near = p->e.canonical;
    return true;
}

/* A word with neither a description noun's bit, a "former" or a role, nor a name. */
static inline bool plain_word(const feit_token *t)
{
    return t->kind == TOK_WORD && t->mention < 0 && !(t->info->lang & (LANG_W_DESCRIPTION | 1u << LANG_FN_FORMER)) && no_role(t);
}

/* Whether the article at token a comes before a plain word (plain_word, no adjective's shape
 * unless MAX_ADJ come before it), right after it or after adjectives that are plain words
 * themselves: "de regering", "het jaar", "de grote zaal", where most articles are. No
 * description opens there: description()'s tests end so too (no age; the adjectives taken, the
 * plain word at j); asked first, without their set-up, and by coref_doc's walk before it calls
 * anything. */
__attribute__((always_inline)) static inline bool before_plain(const feit_doc *d, size_t a, const feit_sentence *se)
{
    for (size_t k = a + 1; k < se->tok_end; k++) {
        const feit_token *n = &d->toks[k];
        if (!plain_word(n))
            return false;
        if (k == a + 1 + MAX_ADJ || !adjective_shape(n))
            return true;
    }
    return false;
}

/* A description at token a (an article): "het land", "de Britse bank", "de Amerikaanse
 * president", and of a person: "de 32-jarige spits", "de Deen", "de man uit Zwolle". Fills w
 * and *end (the token after the head); 0 when there is none. */
static int description(const context *c, size_t a, const feit_sentence *se, want *w, size_t *end)
{
    const feit_doc *d = c->d;
    if (!fn_is(c, a, LANG_FN_ARTICLE) && !fn_is(c, a, LANG_FN_DETERMINER))
        return 0;
    if (before_plain(d, a, se))
        return 0;
    size_t j = a + 1;
    const char *country = NULL;
    int adj = 0;
    size_t age = age_at(c, j, se);
    j += age;
    while (j < se->tok_end && adj < MAX_ADJ) {
        const feit_token *t = &d->toks[j];
        if (t->mention >= 0 && d->ments[t->mention].e.form == FEIT_FORM_ADJECTIVE && d->ments[t->mention].tok_end == j + 1) {
            country = d->ments[t->mention].country;
            j++, adj++;
        } else if (t->kind == TOK_WORD && t->mention < 0 && adjective_shape(t) && !role_at(c, j) &&
                   !(bits_of(c, j) & LANG_W_DESCRIPTION)) {
            j++, adj++; /* an inflected adjective */
        } else {
            break;
        }
    }
    if (j >= se->tok_end)
        return 0;
    /* a plain word at j with neither a role nor a description noun's bit ends most: "de
     * regering", "het jaar" (what follows asks the same of it, after setting up w) */
    const feit_token *t = &d->toks[j];
    if (t->kind == TOK_WORD && t->mention < 0 && !age && !(bits_of(c, j) & (LANG_W_DESCRIPTION | 1u << LANG_FN_FORMER)) &&
        !role_at(c, j))
        return 0;
    memset(w, 0, sizeof *w);
    w->exclude = -1, w->window = COREF_WINDOW, w->apposition = -1;
    /* "X, de trainer, ...", "X, de 32-jarige spits": set beside a name, it is that one or none */
    if (a >= se->tok_start + 2 && is_punct(&d->toks[a - 1], ',') && d->toks[a - 2].mention >= 0)
        w->apposition = d->toks[a - 2].mention;
    /* "de PVV-leider", "de VVD-fractievoorzitter", "de Ajax-trainer": an organisation glued to a
     * role noun stands for a person of that organisation, in that role if one is */
    if (!country && !age && j + 3 <= se->tok_end && d->toks[j].mention >= 0 && is_punct(&d->toks[j + 1], '-') &&
        (d->toks[j + 1].flags & TF_GLUED) && (d->toks[j + 2].flags & TF_GLUED)) {
        const feit_mention *o = &d->ments[d->toks[j].mention];
        const char *role = role_at(c, j + 2);
        if (o->e.type != FEIT_ORGANISATION || o->tok_start != j || o->tok_end != j + 1 || !o->e.canonical || !role)
            return 0;
        size_t k = j + 3;
        if (k < se->tok_end && d->toks[k].mention >= 0)
            return 0; /* "PVV-leider Geert Wilders": a name with its role */
        w->types = 1u << FEIT_PERSON;
        w->org = o->e.canonical, w->prefer = role;
        w->window = ORG_WINDOW;
        *end = k;
        return 1;
    }
    /* "de Deen", "de 24-jarige Belg": one inhabitant of a country is a person of it, where
     * the gazetteer knows the person's country */
    if (!country && d->toks[j].mention >= 0) {
        const feit_mention *m = &d->ments[d->toks[j].mention];
        if (m->e.form != FEIT_FORM_INHABITANTS || m->e.type != FEIT_COUNTRY || m->tok_start != j || m->tok_end != j + 1 ||
            !m->country || m->entry < 0 || !fn_is(c, a, LANG_FN_ARTICLE) || !one_inhabitant(c, &d->toks[j], m->entry))
            return 0;
        size_t k = j + 1;
        if (k < se->tok_end && d->toks[k].mention >= 0)
            return 0; /* "de Deen Jens Hansen" */
        w->types = 1u << FEIT_PERSON;
        w->country = m->country, w->soft_country = true;
        w->gender = 'm', w->strict = true;
        if (!from_place(c, k, se, w))
            return 0;
        *end = k;
        return 1;
    }
    /* "oud-international", "ex-international": the head after the prefix */
    size_t hj = j;
    if (j + 3 <= se->tok_end && word_is(c, j, LANG_FN_FORMER) && is_punct(&d->toks[j + 1], '-') && (d->toks[j + 1].flags & TF_GLUED) &&
        (d->toks[j + 2].flags & TF_GLUED) && d->toks[j + 2].kind == TOK_WORD)
        hj = j + 2;
    const feit_token *h = &d->toks[hj];
    if (h->kind != TOK_WORD || h->mention >= 0) {
        /* "de 32-jarige", alone: a person, when a verb, a punctuation mark or a linking word
         * follows (not "de 40-jarige geschiedenis") */
        if (!age || adj || hj != j || h->mention >= 0 || !fn_is(c, a, LANG_FN_ARTICLE) ||
            !(h->kind == TOK_PUNCT && !is_punct(h, '-')))
            return 0;
        goto person;
    }
    const char *role = hj == j ? role_at(c, j) : NULL;
    const lang_description *ds = role || !(bits_of(c, hj) & LANG_W_DESCRIPTION) ? NULL : lang_description_of(d->lang, h->fold, h->fold_len, h->hash);
    if (!role && !ds) {
        if (age && !adj && hj == j && fn_is(c, a, LANG_FN_ARTICLE) &&
            (fn_is(c, j, LANG_FN_SINGULAR) || fn_is(c, j, LANG_FN_ROLELINK) || fn_is(c, j, LANG_FN_AT) || fn_is(c, j, LANG_FN_AND)))
            goto person; /* "De 32-jarige komt over van Burnley", "de 32-jarige uit Zwolle" */
        return 0;
    }
    if (hj != j && (!ds || !(ds->types & (1u << FEIT_PERSON))))
        return 0; /* "oud-" before anything but a person noun */
    /* not an apposition ("de club Ajax", "premier Schoof") nor a role of something named
     * after it ("de premier van België"): those are names with a role, not descriptions */
    size_t k = hj + 1;
    if (k < se->tok_end && d->toks[k].mention >= 0)
        return 0;
    if (k + 1 < se->tok_end && d->toks[k].kind == TOK_WORD && fn_is(c, k, LANG_FN_ROLELINK)) {
        /* "de premier van België", "de club van de Amsterdammers": what is named after "van"
         * says whose; "de club van" with nothing named after it is still the club named
         * before (an article and two adjectives may come between) */
        for (size_t x = k + 1; x < se->tok_end && x <= k + 4; x++) {
            /* "de ploeg van trainer X", "het team van coach X": a person after "van" is
             * the organisation's, and the organisation still the one named before */
            if (d->toks[x].mention >= 0 && !role && ds && (ds->types & (1u << FEIT_ORGANISATION)) &&
                !(ds->types & (1u << FEIT_PERSON)) && d->ments[d->toks[x].mention].e.type == FEIT_PERSON)
                break;
            if (d->toks[x].mention >= 0)
                return 0;
            if (d->toks[x].kind != TOK_WORD)
                break;
        }
    }
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
    } else if (ds->types & (1u << FEIT_PERSON)) {
        /* "de 32-jarige spits", "de man": a person; the kinds say its gender (m, f) and
         * whether it is a player (no trainer or minister) */
        if (!fn_is(c, a, LANG_FN_ARTICLE))
            return 0;
        /* "de enige politicus die ... reageerde": a clause right after it (no comma) says
         * which one, someone not named before */
        if (k < se->tok_end && word_is(c, k, LANG_FN_SUBORD))
            return 0;
        w->types = 1u << FEIT_PERSON;
        for (size_t x = 0; ds->kinds && ds->kinds[x]; x++) {
            if (!strcmp(ds->kinds[x], "m") || !strcmp(ds->kinds[x], "f"))
                w->gender = ds->kinds[x][0];
            else if (!strcmp(ds->kinds[x], "norole"))
                w->player = true;
        }
        w->strict = true;
        w->country = country, w->soft_country = country != NULL;
        if (!from_place(c, k, se, w))
            return 0;
        *end = k;
        return 1;
    } else {
        /* "de Mexicaanse hoofdstad": the place rules state what the adjective says */
        if (age || (country && !(ds->types & ~TYPES_PLACE)))
            return 0;
        w->types = ds->types;
        w->kinds = (const char *const *)ds->kinds;
    }
    w->country = country;
    if (!from_place(c, k, se, w))
        return 0;
    *end = k;
    return 1;
person:
    /* "de 32-jarige": a person named before */
    w->types = 1u << FEIT_PERSON;
    w->strict = true;
    if (!from_place(c, j, se, w))
        return 0;
    *end = j;
    return 1;
}

/* Whether a quotation is open after token t, given whether one was open before it: an opening
 * mark opens, a closing one closes, a straight one does either, and a paragraph ends every
 * quotation. */
static bool quote_after(const feit_doc *d, const feit_token *t, bool open)
{
    if (t->flags & TF_PARA)
        open = false;
    if (t->kind == TOK_QUOTE) {
        int len;
        int32_t ch = utf8_decode(d->text + t->start, t->end - t->start, &len);
        if (ch == 0x201E || ch == 0x201A || ch == 0xAB || ch == 0x2039 || ch == 0x300C)
            open = true; /* „ ‚ « ‹ 「 */
        else if (ch == 0x201D || ch == 0x2019 || ch == 0xBB || ch == 0x203A || ch == 0x300D)
            open = false; /* ” ’ » › 」 */
        else if (ch == 0x201C || ch == 0x2018)
            open = !open; /* “ ‘ open, or close after „ */
        else
            open = !open; /* " ' */
    }
    return open;
}

/* The number the finite verb gives the pronoun at token i: 1 plural ("ze hebben", "willen zij",
 * "omdat ze het niet willen"), -1 singular ("ze heeft", "wist ze"), 0 not known. */
static int verb_number(const context *c, size_t i, const feit_sentence *se)
{
    const feit_doc *d = c->d;
    if (i + 1 < se->tok_end) {
        if (word_is(c, i + 1, LANG_FN_PLURAL))
            return 1;
        if (word_is(c, i + 1, LANG_FN_SINGULAR))
            return -1;
        /* "Ze lachen niet mee", "(ze verschijnen ...)": opening its clause, the pronoun has its
         * finite verb right after it, and one with a plural ending is plural */
        const feit_token *v = &d->toks[i + 1];
        if ((i == se->tok_start || d->toks[i - 1].kind == TOK_QUOTE || is_punct(&d->toks[i - 1], ':') || is_punct(&d->toks[i - 1], '(') ||
             word_is(c, i - 1, LANG_FN_COORD)) &&
            v->kind == TOK_WORD &&
            (v->flags & TF_LOWER) && v->fold_len >= 5) {
            size_t ns;
            const char *const *ends = lang_fn_words(d->lang, LANG_FN_VERBPLURAL, &ns);
            for (size_t k = 0; k < ns; k++) {
                size_t n = strlen(ends[k]);
                /* (a doubled letter before it is no ending: "Ze verdween") */
                if (v->fold_len > n + 2 && !memcmp(v->fold + v->fold_len - n, ends[k], n) && v->fold[v->fold_len - n - 1] != ends[k][0])
                    return 1;
            }
        }
    }
    if (i <= se->tok_start)
        return 0;
    if (word_is(c, i - 1, LANG_FN_PLURAL))
        return 1;
    if (word_is(c, i - 1, LANG_FN_SINGULAR))
        return -1;
    if (!word_is(c, i - 1, LANG_FN_SUBORD))
        return 0;
    /* a subordinate clause: its finite verb comes in the verb group at its end ("omdat ze het
     * niet willen", "als ze zich laten leiden door ..."): the first verb of either list before
     * the clause ends (a comma, a clause word, another subordinator) decides; an infinitive
     * after a finite verb ("dat ze naar huis wil gaan") comes too late to */
    for (size_t j = i + 1; j < se->tok_end && j <= i + 12; j++) {
        const feit_token *t = &d->toks[j];
        if (t->kind == TOK_QUOTE || is_punct(t, '-') || (t->kind == TOK_PUNCT && t->fold_len == 3 && (!memcmp(t->fold, "\xE2\x80\x93", 3) || !memcmp(t->fold, "\xE2\x80\x94", 3))))
            continue; /* a dash or quotes inside the clause: "op de – geheime – lijst staan" */
        if (t->kind != TOK_WORD || clause_word(c, j) || fn_is(c, j, LANG_FN_SUBORD))
            break;
        if (fn_is(c, j, LANG_FN_SINGULAR))
            return -1;
        if (fn_is(c, j, LANG_FN_PLURAL))
            return 1;
    }
    return 0;
}

/* Whether the pronoun at token i ("ze") is the object of its clause, which "ze" mostly is as
 * "them": after a preposition ("met ze", "om ze te helpen"), after a subject in its clause ("dat
 * het ze goed gaat", "hij heeft ze gezien"; an article such as "het" only right before it or
 * opening the clause two words before), or after a name opening the sentence and one verb
 * ("Trump noemde ze"). */
static bool object_pronoun(const context *c, size_t i, const feit_sentence *se)
{
    const feit_doc *d = c->d;
    if (i <= se->tok_start)
        return false;
    if (word_is(c, i - 1, LANG_FN_PREPOSITION))
        return true;
    for (size_t k = i; k-- > se->tok_start;) {
        const feit_token *t = &d->toks[k];
        bool opens = k == se->tok_start || d->toks[k - 1].kind != TOK_WORD || fn_is(c, k - 1, LANG_FN_SUBORD) ||
                     clause_word(c, k - 1);
        if (t->kind != TOK_WORD || fn_is(c, k, LANG_FN_SUBORD) || clause_word(c, k))
            return false; /* the clause began: "Hij zegt dat ze ..." */
        if (fn_is(c, k, LANG_FN_SUBJECT) && (!fn_is(c, k, LANG_FN_ARTICLE) || k + 1 == i || (k + 2 == i && opens)))
            return true;
        if (k + 2 == i && t->mention >= 0 && d->ments[t->mention].tok_end == k + 1 &&
            (d->ments[t->mention].e.type == FEIT_PERSON || d->ments[t->mention].e.type == FEIT_ORGANISATION)) {
            size_t a = d->ments[t->mention].tok_start;
            if (a == se->tok_start || d->toks[a - 1].kind == TOK_QUOTE)
                return true; /* Trump noemde ze, Jan Peters belde ze (not "Dankzij X en Y kon ze") */
        }
        if (opens)
            return false;
    }
    return false;
}

/* Whether an indefinite ("iemand", "niemand") comes before token i in its sentence: a pronoun
 * after it stands for that one ("Als iemand ..., moet hij ..."). The walk has passed every
 * listed token up to i, the indefinites among them (c->indefinite), so the last of those
 * before i decides (asking every token of the sentence before the pronoun read a record a
 * token). */
static bool after_indefinite(const context *c, size_t i, const feit_sentence *se)
{
    return c->indefinite != SIZE_MAX && c->indefinite < i && c->indefinite >= se->tok_start;
}

/* The first token of the clause that token i is in: after a subordinator or clause word
 * ("dat", "die" ... open it), a colon, semicolon or quote, or a comma that does not separate two
 * names of a list ("Toen Jan binnenkwam, zag Piet hem": the clause of hem starts at "zag";
 * "Happel, Beenhakker en Advocaat gingen hem voor": one clause). */
static uint32_t clause_start(const context *c, size_t i, const feit_sentence *se)
{
    const feit_doc *d = c->d;
    for (size_t k = i; k-- > se->tok_start;) {
        const feit_token *t = &d->toks[k];
        /* between two names: a list ("A, B en C"), not a new clause */
        bool list = k > se->tok_start && k + 1 < se->tok_end && d->toks[k - 1].mention >= 0 && d->toks[k + 1].mention >= 0;
        if (t->kind == TOK_WORD) {
            if (!list && (fn_is(c, k, LANG_FN_SUBORD) || clause_word(c, k)))
                return (uint32_t)k;
            continue;
        }
        if (is_punct(t, ',')) {
            if (!list)
                return (uint32_t)k + 1;
        } else if (t->kind == TOK_PUNCT && t->fold_len == 1 && (t->fold[0] == ':' || t->fold[0] == ';' || t->fold[0] == '"'))
            return (uint32_t)k + 1;
    }
    return se->tok_start;
}

/* lang_pronoun of token t, asked once per word type and document (pronoun_seen). */
static bool pronoun_of(const context *c, const feit_token *t, char *gender, unsigned *flags)
{
    pronoun_seen *p = &c->pronouns[((uintptr_t)t->info / sizeof *t->info) % PRONOUNS_SEEN];
    if (p->info != t->info) {
        p->info = t->info;
        discourse_pronoun *w = &c->dt->pronouns[t->hash % DISCOURSE_PRONOUNS];
        if (w->len == t->fold_len && !memcmp(w->fold, t->fold, w->len)) {
            p->gender = w->gender, p->flags = w->flags, p->is = w->is;
        } else {
            p->gender = 0, p->flags = 0;
            p->is = lang_pronoun(c->d->lang, t->fold, t->fold_len, t->hash, &p->gender, &p->flags);
            if (t->fold_len && t->fold_len <= sizeof w->fold) {
                memset(w->fold, 0, sizeof w->fold);
                memcpy(w->fold, t->fold, t->fold_len);
                w->len = (uint8_t)t->fold_len, w->gender = p->gender, w->flags = p->flags, w->is = p->is;
            }
        }
    }
    *gender = p->gender, *flags = p->flags;
    return p->is;
}

/* The anaphor that opens at token i of sentence s, if one does (a word of DISCOURSE_OPENERS no
 * mention holds): a pronoun or a description, added as a mention when resolved. open: a
 * quotation is open at i; *plural: an earlier "ze" of s was plural (this one is the same
 * group), set when this one is; *next: the token after an anaphor added. Returns 0 or
 * FEIT_ENOMEM. */
static int anaphor_at(context *c, size_t i, size_t s, bool open, bool *plural, size_t *next)
{
    const feit_doc *d = c->d;
    const feit_token *t = &d->toks[i];
    const feit_sentence *se = &d->sents[s];
    want w;
    size_t end = i + 1;
    char gender;
    unsigned pflags;
    feit_form form;
    float conf;
    if ((t->info->lang & LANG_W_PRONOUN) && pronoun_of(c, t, &gender, &pflags)) {
        /* a possessive only before a successor noun: "zijn voorganger X" */
        if ((pflags & LANG_PRON_POSSESSIVE) && !(i + 1 < se->tok_end && word_is(c, i + 1, LANG_FN_SUCCESSOR)))
            return 0;
        if (pflags & LANG_PRON_PLURAL) {
            /* ", zij het ...": a conjunction (albeit) */
            if (i > se->tok_start && is_punct(&d->toks[i - 1], ',') && i + 1 < se->tok_end &&
                word_is(c, i + 1, LANG_FN_CONCESSIVE))
                return 0;
            int num = verb_number(c, i, se);
            if (num > 0 || (*plural && num == 0)) {
                *plural = true;
                return 0; /* a group: no one person stands for it */
            }
            if (object_pronoun(c, i, se))
                return 0; /* "dat het ze goed gaat": them */
        }
        if (after_indefinite(c, i, se))
            return 0; /* "iemand ... hij": that one */
        memset(&w, 0, sizeof w);
        w.types = 1u << FEIT_PERSON, w.gender = gender, w.pronoun = true, w.exclude = -1, w.apposition = -1;
        w.window = COREF_WINDOW, w.quoted = open;
        if (pflags & LANG_PRON_OBJECT)
            w.bound_from = clause_start(c, i, se) + 1;
        form = FEIT_FORM_PRONOUN, conf = 0.6f;
    } else if (description(c, i, se, &w, &end)) {
        form = FEIT_FORM_DESCRIPTION, conf = 0.7f;
    } else {
        return 0;
    }
    int32_t ante = resolve(c, &w, i, (uint32_t)s);
    if (ante < 0)
        return 0;
    if (add(c, i, end, ante, form, conf))
        return FEIT_ENOMEM;
    /* a pronoun before the first name of its sentence is its subject ("Als hij ...,
     * zou Timmermans ... hem"): a later pronoun of the sentence looks to it first */
    if (form == FEIT_FORM_PRONOUN && (c->first[s] < 0 || d->ments[c->first[s]].tok_start > i))
        c->first[s] = (int32_t)(d->nments - 1);
    *next = end;
    return 0;
}

/* The articles and determiners of d that may open a description (description()), in order,
 * into arts; returns how many. The word that decides (j there: after the article, an age and up
 * to MAX_ADJ adjectives) is a description noun, "oud-" or a role word, or a mention of one token
 * of an organisation with a hyphen glued after it ("de PVV-leider") or of an inhabitants' noun
 * of a country ("de Deen"); or the description has an age, whose word ("jarige") is the third
 * token after the article. So every such article comes at most 1 + MAX_ADJ tokens before, in its
 * sentence, a word of DISCOURSE_HEADS or a role word (the list holds them: discourse.h) or such a
 * mention: the articles before those are the ones to ask (per 2 MB 1.6k of 24.6k; the other
 * articles open nothing). */
#define HEAD_REACH (1 + MAX_ADJ)

/* Whether mention m is one a description may end in, a head of find_articles: of one token, an
 * organisation with a hyphen glued after it ("de PVV-leider") or an inhabitants' noun ("de
 * Deen"). */
static inline bool head_mention(const feit_doc *d, const feit_mention *m)
{
    return m->tok_end == m->tok_start + 1 &&
           ((m->e.type == FEIT_ORGANISATION && m->tok_end < d->ntoks && is_punct(&d->toks[m->tok_end], '-') &&
             (d->toks[m->tok_end].flags & TF_GLUED)) ||
            (m->e.form == FEIT_FORM_INHABITANTS && m->e.type == FEIT_COUNTRY));
}

/* (heads: the first tokens of the mentions of head_mention, nheads of them in order; coref_doc's
 * walk of the mentions for their sentences' first ones lists them) */
static size_t find_articles(const feit_doc *d, const uint32_t *opens, size_t nopens, const uint32_t *heads, size_t nheads,
                            uint32_t *arts)
{
    const feit_token *toks = d->toks;
    size_t n = 0, mi = 0, oi = 0;
    uint32_t scanned = 0; /* the tokens before it have been looked at */
    for (;;) {
        /* the next head: of the list or of the mentions, whichever comes first */
        while (oi < nopens && !(toks[opens[oi]].kind == TOK_WORD &&
                                ((toks[opens[oi]].info->lang & DISCOURSE_HEADS) || (toks[opens[oi]].flags & TF_ROLEWORD))))
            oi++;
        uint32_t h;
        if (oi < nopens && (mi == nheads || opens[oi] <= heads[mi]))
            h = opens[oi++];
        else if (mi < nheads)
            h = heads[mi++];
        else
            return n;
        uint32_t lo = h > HEAD_REACH ? h - HEAD_REACH : 0, s0 = d->sents[toks[h].sentence].tok_start;
        if (lo < s0)
            lo = s0;
        if (lo < scanned)
            lo = scanned;
        for (uint32_t k = lo; k < h; k++)
            if (toks[k].kind == TOK_WORD && (toks[k].info->lang & (1u << LANG_FN_ARTICLE | 1u << LANG_FN_DETERMINER)))
                arts[n++] = k;
        if (h > scanned)
            scanned = h;
    }
}

int coref_doc(const feit_gazetteer *g, const discourse_hook *hook, const gender_names *genders, discourse_tokens *dt,
              feit_doc *d)
{
    if (!d->nsents)
        return 0;
    /* The stage's scratch (per sentence, per token, per mention) is the worker's, not the
     * document's arena: kept for the next document while small, and a long document's given
     * back at the stage's end (the relation stage after it is the peak of its memory). */
    /* (find_articles takes at most HEAD_REACH articles before each word of the list and each
     * mention; an anaphor opens at a token of the list or at one of those articles, one at most
     * at each) */
    size_t narts_max = HEAD_REACH * (dt->lists.nopens + d->nments);
    if (narts_max > d->ntoks)
        narts_max = d->ntoks;
    size_t nmax = d->nments + dt->lists.nopens + narts_max + 1;
    /* one block: the names' memo, the first mentions, the heads among the mentions, the
     * articles to ask, the genders and the quote marks (in that order, for alignment), the
     * worker's when it is small enough to keep */
    size_t size = NAMES_SEEN * sizeof(name_gender) + d->nsents * sizeof(int32_t) + (d->nments + narts_max) * sizeof(uint32_t) +
                  nmax + d->ntoks + 1;
    name_gender *names = scratch_fit(&dt->scratch, &dt->nscratch, size);
    if (!names)
        return FEIT_ENOMEM;
    int32_t *first = (int32_t *)(names + NAMES_SEEN);
    uint32_t *heads = (uint32_t *)(first + d->nsents);
    uint32_t *arts = heads + d->nments;
    char *pgender = (char *)(arts + narts_max);
    unsigned char *quoted = (unsigned char *)(pgender + nmax);
    memset(names, 0, NAMES_SEEN * sizeof *names);
    memset(pgender, 0, nmax);
    int rc = 0;
    for (size_t s = 0; s < d->nsents; s++)
        first[s] = -1;
    /* one walk of the mentions, from the last: each sentence's first, and the heads for
     * find_articles (put in order from the end of their room) */
    size_t nheads = 0;
    for (size_t m = d->nments; m-- > 0;) {
        const feit_mention *x = &d->ments[m];
        first[x->e.sentence] = (int32_t)m;
        if (head_mention(d, x))
            heads[d->nments - ++nheads] = x->tok_start;
    }
    pronoun_seen pronouns[PRONOUNS_SEEN] = {{0}};
    context c = {g, hook, d, first, genders, pgender, d->nments, quoted, names, dt, pronouns, 0, 0, d->nments, SIZE_MAX};
    /* an anaphor opens with a pronoun, an article or a determiner (description): the word's
     * record says whether it is one (DISCOURSE_OPENERS). The lexicon listed the pronouns, with
     * the quote marks, paragraph starts and the words a description may end in (discourse.h);
     * find_articles finds the articles before those, and the walk goes over both lists in the
     * order of the text. It passes what opens nothing here itself (a head word, an article
     * before a plain word) and calls anaphor_at for the rest, so that the loop keeps its few
     * values in registers. */
    const uint32_t openers = DISCOURSE_OPENERS;
    const uint32_t *opens = dt->lists.opens;
    const size_t nopens = dt->lists.nopens;
    size_t narts = find_articles(d, opens, nopens, heads + d->nments - nheads, nheads, arts);
    /* whether a quotation is open at the token the walk is at: followed as it goes, and kept
     * at each quote mark for speaker(), which looks only at tokens before the anaphor */
    bool open = false;
    const feit_token *toks = d->toks;
    size_t s = SIZE_MAX; /* the sentence of the last word given to anaphor_at */
    bool plural = false; /* a plural "ze" in sentence s: a later one is the same group */
    size_t next = 0;     /* the tokens before it are an anaphor resolved here */
    for (size_t oi = 0, ai = 0; oi < nopens || ai < narts;) {
        size_t i; /* the next of either list (a token in both, once) */
        if (ai == narts || (oi < nopens && opens[oi] < arts[ai]))
            i = opens[oi++];
        else if (oi == nopens || arts[ai] < opens[oi])
            i = arts[ai++];
        else
            i = opens[oi++], ai++;
        const feit_token *t = &toks[i];
        if (t->kind == TOK_QUOTE || (t->flags & TF_PARA))
            quoted[i] = open = quote_after(d, t, open);
        if (t->kind != TOK_WORD)
            continue;
        uint32_t bits = t->info->lang; /* (bits_of) */
        if (bits & 1u << LANG_FN_INDEFINITE)
            c.indefinite = i; /* (after_indefinite: also one a mention or an anaphor holds) */
        if (i < next || t->mention >= 0)
            continue;
        if (!(bits & openers) || (!(bits & LANG_W_PRONOUN) && before_plain(d, i, &d->sents[t->sentence])))
            continue; /* neither a pronoun nor a description's article (description()) */
        if (t->sentence != s)
            s = t->sentence, plural = false;
        if (anaphor_at(&c, i, s, open, &plural, &next)) {
            rc = FEIT_ENOMEM;
            goto done;
        }
    }
    if (d->nments != c.named)
        mentions_finish_added(d, c.named);
done:
    scratch_end(&dt->scratch, &dt->nscratch);
    return rc;
}
