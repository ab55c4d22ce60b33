/* names.c — names the gazetteer does not list, found by rule (source "rule"), and short forms
 * resolved inside the document (source "coref", form "partial"). Runs after the gazetteer
 * pass, in this order, each step only over tokens no mention covers yet:
 *   1. first name + capitalised surname          (Andrew Puzder)          person, 0.75
 *   2. surnames and acronyms of names the document already has
 *                                                  (Poetin, Pezeshkians, CBO) partial, 0.85
 *   3. role or title + capitalised name            (premier X, dr. X)       person, 0.6
 *   4. organisation shapes                         (... Office, Ministerie van ...) org, 0.7
 *      and place shapes                            (Fulton County)          location, 0.7
 *      and places after a place noun               (het dorp Oosterbeek)    city/location, 0.6
 *      ministries after a minister                (minister van Defensie)  org, 0.6
 *   5. a lone surname of exactly one curated person (Poetin, no full name)  partial, 0.7
 *      or of several or bulk-list people           (Clinton)                person, 0.5
 *   6. dateline agencies the lists lack            (ANP, AFP)              org, 0.8
 *   7. unknown acronyms                            (not TV, not "( GSC )")  org, 0.5
 *   8. capitalised particles before a surname      (Van Diepenbeek)         person
 */
#include "entities/names.h"

#include "entities/mention.h"
#include "core/lang.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_word_cap(const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    return t->kind == TOK_WORD && (t->flags & TF_CAP) && t->mention < 0;
}

static int fold_is(const feit_token *t, const char *s) { return t->fold_len == strlen(s) && !memcmp(t->fold, s, t->fold_len); }

/* Is token i a function word of role fn (core/lang.h: "van" is LANG_FN_OF in Dutch)? */
static int fn_is(const feit_doc *d, size_t i, int fn) { return lang_is_fn(d->lang, fn, d->toks[i].fold, d->toks[i].fold_len); }

/* The tokens a rule can act at, in token order. Every rule below acts only at a capitalised
 * word (or, for short forms, at a word a gazetteer match holds), about one token in seven:
 * names_doc lists them once per document and the rules walk the list, not every token.
 * Mentions change as the rules run, so a rule still tests a token's mention when it gets to it. */
typedef struct cands {
    const uint32_t *at; /* token indices, ascending */
    size_t n;
} cands;

/* The word classes the rules below ask about (particles, titles, organisation heads ...) are
 * the language's lists (the files of models/nl, core/lang.h). gazetteer_load puts them into the index
 * as slot flags (WC_*), so asking is one look at the token's cached slot. */

/* Is the token in word class flag? */
static int word_class(const feit_gazetteer *g, const feit_token *t, uint16_t flag)
{
    const gaz_word *s = mention_word(g, t);
    return s && (s->flags & flag);
}

static int is_particle(const feit_gazetteer *g, const feit_token *t)
{
    if (t->kind != TOK_WORD || (t->flags & TF_ALLCAPS))
        return 0;
    return word_class(g, t, WC_PARTICLE);
}

static int org_head(const feit_gazetteer *g, const feit_token *t);
static int org_prefix(const feit_gazetteer *g, const feit_token *t);
static int overridable(const feit_gazetteer *g, const feit_doc *d, int32_t mi, size_t i);

/* A capitalised word no mention holds, or one held by a one-word match a name may take over
 * ("Marc Van Diepenbeek": the village Diepenbeek is the surname here). */
static int free_cap(const feit_gazetteer *g, const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP))
        return 0;
    return t->mention < 0 || overridable(g, d, t->mention, i);
}

/* The end of a capitalised name starting at i: capitalised words, particles inside (Ursula
 * von der Leyen, and the Flemish capitalised ones: Marc Van Diepenbeek, Jean-Luc Dehaene) and
 * hyphenated parts (Jean-Claude). */
static size_t name_end(const feit_gazetteer *g, const feit_doc *d, const feit_sentence *s, size_t i, size_t max_words)
{
    size_t end = i, words = 0;
    size_t j = i;
    while (j < s->tok_end && words < max_words) {
        const feit_token *t = &d->toks[j];
        if (words && is_particle(g, t)) {
            size_t k = j;
            while (k < s->tok_end && is_particle(g, &d->toks[k]))
                k++;
            /* but "Pieter Omtzigt van NSC", "Maria Jansen van de Universiteit Leiden": an
             * acronym or an organisation word after the particle is where the person works */
            const feit_token *n = k < s->tok_end ? &d->toks[k] : NULL;
            if (n && free_cap(g, d, k) && !(n->flags & TF_ALLCAPS) && !org_head(g, n) && !org_prefix(g, n)) {
                j = k;
                continue;
            }
            if (t->flags & TF_LOWER)
                break;
        }
        if (free_cap(g, d, j) && !(t->flags & TF_ALLCAPS && t->fold_len > 4)) {
            words++;
            end = ++j;
            /* Jean-Claude, Abu-Bakr: a hyphen glued on both sides to capitalised parts */
            while (j + 1 < s->tok_end && d->toks[j].flags & TF_GLUED && d->text[d->toks[j].start] == '-' &&
                   d->toks[j + 1].flags & TF_GLUED && free_cap(g, d, j + 1))
                j += 2, end = j;
            continue;
        }
        break;
    }
    return end;
}

/* Takes tokens [a, b) for a new name: one-word matches inside it are dropped (marked dead
 * with a negative confidence; match_doc removes them). */
static void take_span(feit_doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (d->toks[i].mention >= 0) {
            d->ments[d->toks[i].mention].e.confidence = -1.0f;
            d->toks[i].mention = -1;
        }
}

static const char *span_text(feit_doc *d, size_t a, size_t b)
{
    size_t start = d->toks[a].start, end = d->toks[b - 1].end;
    char *p = arena_strndup(&d->arena, d->text + start, end - start);
    if (!p)
        return NULL;
    for (char *c = p; *c; c++) /* a name broken over lines reads as one */
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    return p;
}

/* Adds tokens [a, b) as a name found by rule (form name, source rule), written as in the text.
 * Returns 0 or FEIT_ENOMEM. */
static int add_rule_name(feit_doc *d, const feit_gazetteer *g, size_t a, size_t b, feit_type type, float confidence)
{
    const char *name = span_text(d, a, b);
    return !name || mention_add(d, g, a, b, -1, type, FEIT_FORM_NAME, FEIT_SRC_RULE, name, confidence) ? FEIT_ENOMEM : 0;
}

static int firstname(const feit_gazetteer *g, const feit_token *t)
{
    const gaz_word *s = mention_word(g, t);
    return s && (s->flags & SLOT_FIRSTNAME);
}

/* 1. first name + surname */
static int rule_firstnames(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start; /* the first token not inside a name found here */
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i + 1 >= s->tok_end)
            break;
        if (i < next || !is_word_cap(d, i) || (d->toks[i].flags & TF_ALLCAPS) || !firstname(g, &d->toks[i]))
            continue;
        size_t end = name_end(g, d, s, i, 5);
        if (end < i + 2)
            continue;
        /* a one-word surname is no single letter ("Dan I") and, unless some listed person
         * bears it, no common word ("Greta Regie") */
        if (end == i + 2) {
            const feit_token *sur = &d->toks[i + 1];
            const gaz_word *ss = mention_word(g, sur);
            if (sur->fold_len < 2 || (ss && (ss->flags & SLOT_COMMON) && !(ss->flags & SLOT_SURNAME)))
                continue;
        }
        take_span(d, i, end);
        if (add_rule_name(d, g, i, end, FEIT_PERSON, 0.75f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* The short forms a full mention lends to later ones. */
typedef struct short_form {
    struct sf_slot *slot; /* its slot in rule_short_forms' table */
    const char *fold;
    size_t len;
    int32_t mention;
    uint32_t start, end; /* tokens [start, end) of the full mention */
    int acronym;    /* an acronym (CBO) is matched only by an all-caps token */
} short_form;

static int collect_short_forms(feit_doc *d, short_form **out, size_t *n, size_t *cap)
{
    *n = 0;
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *me = &d->ments[m];
        if (me->e.form != FEIT_FORM_NAME || me->tok_end - me->tok_start < 2)
            continue;
        if (me->e.type == FEIT_PERSON) {
            const feit_token *last = &d->toks[me->tok_end - 1];
            if (last->kind != TOK_WORD)
                continue;
            short_form *sf = DOC_PUSH(*out, *n, *cap);
            if (!sf)
                return FEIT_ENOMEM;
            *sf = (short_form){NULL, last->fold, last->fold_len, (int32_t)m, me->tok_start, me->tok_end, 0};
        } else if (me->e.type == FEIT_ORGANISATION) {
            /* acronym of the capitalised words: Congressional Budget Office -> cbo */
            char acro[16];
            size_t k = 0;
            for (uint32_t i = me->tok_start; i < me->tok_end && k < sizeof acro - 1; i++)
                if (d->toks[i].kind == TOK_WORD && (d->toks[i].flags & TF_CAP) && (unsigned char)d->toks[i].fold[0] < 0x80)
                    acro[k++] = d->toks[i].fold[0];
            if (k < 2)
                continue;
            short_form *sf = DOC_PUSH(*out, *n, *cap);
            if (!sf)
                return FEIT_ENOMEM;
            char *a = arena_strndup(&d->arena, acro, k);
            if (!a)
                return FEIT_ENOMEM;
            *sf = (short_form){NULL, a, k, (int32_t)m, me->tok_start, me->tok_end, 1};
        }
    }
    return 0;
}

/* A one-word gazetteer match that a short form of the document may take over: a bulk-list
 * (tier 2) name, or a small place (not a country, capital or city of a million). */
static int overridable(const feit_gazetteer *g, const feit_doc *d, int32_t mi, size_t i)
{
    const feit_mention *m = &d->ments[mi];
    if (m->tok_start != i || m->tok_end != i + 1 || m->entry < 0 || m->e.source != FEIT_SRC_GAZETTEER ||
        m->e.form != FEIT_FORM_NAME || m->e.type == FEIT_PERSON)
        return 0;
    const gaz_entry *en = gazetteer_entry(g, (uint32_t)m->entry);
    if (en->tier > 1)
        return 1;
    return (en->type == FEIT_CITY || en->type == FEIT_LOCATION) && !en->capital_of && en->pop < 1000000;
}

/* 2. in-document short forms. Each distinct short form (a surname, an acronym) is one slot of
 * a hash table holding its first full mention and the latest one before the token being
 * looked at, so the pass is linear in the document, however many times a name recurs. */
typedef struct sf_slot {
    const char *fold;
    uint32_t len, hash;
    int acronym;
    int32_t first, last; /* mention indices; last = -1 until one ends before the token */
} sf_slot;

/* hash is utf8_hash of the fold (a token's own hash, when the whole token is looked up) */
static sf_slot *sf_find(sf_slot *tab, size_t mask, const char *fold, size_t len, uint32_t hash, int acronym, int create)
{
    uint32_t h = hash ^ (uint32_t)acronym;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        sf_slot *s = &tab[j];
        if (!s->fold) {
            if (!create)
                return NULL;
            s->fold = fold, s->len = (uint32_t)len, s->hash = h, s->acronym = acronym, s->first = s->last = -1;
            return s;
        }
        if (s->hash == h && s->len == len && s->acronym == acronym && !memcmp(s->fold, fold, len))
            return s;
    }
}

static int cmp_form(const void *a, const void *b)
{
    const short_form *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static int rule_short_forms(const feit_gazetteer *g, feit_doc *d, cands c)
{
    short_form *forms = NULL;
    size_t n = 0, cap = 0;
    int rc = collect_short_forms(d, &forms, &n, &cap);
    if (rc || !n) {
        free(forms);
        return rc;
    }
    qsort(forms, n, sizeof *forms, cmp_form);
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    sf_slot *tab = arena_alloc(&d->arena, size * sizeof *tab);
    if (!tab) {
        free(forms);
        return FEIT_ENOMEM;
    }
    memset(tab, 0, size * sizeof *tab);
    for (size_t k = 0; k < n; k++) {
        sf_slot *sl = sf_find(tab, size - 1, forms[k].fold, forms[k].len, utf8_hash(forms[k].fold, forms[k].len, UTF8_HASH_INIT),
                              forms[k].acronym, 1);
        if (sl->first < 0)
            sl->first = forms[k].mention;
        forms[k].slot = sl;
    }
    size_t next = 0; /* forms[next] is the first full mention not yet ended */
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        while (next < n && forms[next].end <= i) {
            forms[next].slot->last = forms[next].mention;
            next++;
        }
        feit_token *t = &d->toks[i];
        int32_t taken = t->mention;
        if (taken >= 0) {
            /* "Thunberg" after "Greta Thunberg" is the person, not a village of that name */
            if (!overridable(g, d, taken, i))
                continue;
        } else if (!is_word_cap(d, i)) {
            continue;
        }
        if (mention_at_start(d, i) && mention_is_common(g, t))
            continue;
        size_t flen = t->fold_len;
        size_t glen = 0; /* genitive: Pezeshkians, Xi's */
        if (flen > 3 && t->fold[flen - 1] == 's')
            glen = (t->fold[flen - 2] == '\'') ? flen - 2 : flen - 1;
        const sf_slot *sl = NULL;
        if (t->flags & TF_ALLCAPS)
            sl = sf_find(tab, size - 1, t->fold, flen, t->hash, 1, 0);
        if (!sl)
            sl = sf_find(tab, size - 1, t->fold, flen, t->hash, 0, 0);
        if (!sl && glen)
            sl = sf_find(tab, size - 1, t->fold, glen, utf8_hash(t->fold, glen, UTF8_HASH_INIT), 0, 0);
        if (!sl)
            continue;
        /* the nearest full mention before this token, else the first after it */
        const feit_mention *full = &d->ments[sl->last >= 0 ? sl->last : sl->first];
        int32_t entry = full->entry;
        feit_type type = full->e.type;
        const char *canon = full->e.canonical;
        const char *kb = full->e.kb, *country = full->country, *role = full->role;
        feit_mention *m;
        if (taken >= 0) {
            m = &d->ments[taken];
            m->e.type = type, m->e.form = FEIT_FORM_PARTIAL, m->e.source = FEIT_SRC_COREF;
            m->e.canonical = canon, m->e.confidence = 0.85f;
        } else {
            if (mention_add(d, g, i, i + 1, -1, type, FEIT_FORM_PARTIAL, FEIT_SRC_COREF, canon, 0.85f)) {
                free(forms);
                return FEIT_ENOMEM;
            }
            m = &d->ments[d->nments - 1];
        }
        m->entry = entry, m->e.kb = kb, m->country = country, m->role = role;
    }
    free(forms);
    return 0;
}

static int is_title(const feit_gazetteer *g, const feit_token *t) { return word_class(g, t, WC_TITLE); }

/* 3. role or title + name */
static int rule_roles(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start + 1;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !is_word_cap(d, i) || (d->toks[i].flags & TF_ALLCAPS))
            continue;
        const feit_token *p = &d->toks[i - 1];
        /* the role in lower case, or capitalised opening the sentence ("Premier Jan X zei") */
        if (p->kind != TOK_WORD || !((p->flags & TF_LOWER) || ((p->flags & TF_CAP) && mention_at_start(d, i - 1))))
            continue;
        if (!is_title(g, p) && !(p->flags & TF_ROLEWORD))
            continue;
        size_t end = name_end(g, d, s, i, 4);
        if (end == i + 1 && mention_is_common(g, &d->toks[i]))
            continue; /* "minister Buitenlandse ..." */
        take_span(d, i, end);
        if (add_rule_name(d, g, i, end, FEIT_PERSON, 0.6f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

static int org_head(const feit_gazetteer *g, const feit_token *t) { return word_class(g, t, WC_ORGHEAD); }

static int org_prefix(const feit_gazetteer *g, const feit_token *t) { return word_class(g, t, WC_ORGPREFIX); }

/* 4. organisation shapes */
static int rule_orgs(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !is_word_cap(d, i))
            continue;
        size_t end = i;
        if (org_prefix(g, &d->toks[i])) {
            /* Ministerie van Defensie, Universiteit Leiden, Rechtbank Amsterdam */
            size_t j = i + 1;
            if (j < s->tok_end && (fn_is(d, j, LANG_FN_OF) || fn_is(d, j, LANG_FN_FOR)))
                j++;
            if (j < s->tok_end && (d->toks[j].flags & TF_CAP) && d->toks[j].kind == TOK_WORD) {
                end = j + 1;
                while (end < s->tok_end && d->toks[end].kind == TOK_WORD && (d->toks[end].flags & TF_CAP) && end - i < 6)
                    end++;
            }
        } else {
            /* Congressional Budget Office, Deutsche Bank */
            size_t j = i;
            while (j < s->tok_end && j - i < 6 && d->toks[j].kind == TOK_WORD && (d->toks[j].flags & TF_CAP)) {
                j++;
                if (j - i >= 2 && org_head(g, &d->toks[j - 1]))
                    end = j;
            }
        }
        if (end <= i)
            continue;
        int free_span = 1;
        for (size_t k = i; k < end; k++)
            free_span &= d->toks[k].mention < 0;
        if (!free_span)
            continue;
        if (add_rule_name(d, g, i, end, FEIT_ORGANISATION, 0.7f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* 4b. place shapes: Fulton County, Orange County, Oblast Koersk */
static int rule_places(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i + 1 >= s->tok_end)
            break;
        if (i < next || !is_word_cap(d, i))
            continue;
        size_t j = i;
        while (j < s->tok_end && j - i < 4 && is_word_cap(d, j))
            j++;
        if (j - i < 2 || mention_at_start(d, i)) /* most capitalised words stand alone: test that first */
            continue;
        if (!word_class(g, &d->toks[j - 1], WC_PLACEHEAD))
            continue;
        if (add_rule_name(d, g, i, j, FEIT_LOCATION, 0.7f))
            return FEIT_ENOMEM;
        next = j;
    }
    return 0;
}

/* 4b'. places from context: "de Braziliaanse stad Manaus", "het dorp Oosterbeek", "de provincie
 * Limburg": a name the lists lack, after a noun that says what it is */
static int rule_place_context(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start + 1;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !is_word_cap(d, i) || (d->toks[i].flags & TF_ALLCAPS))
            continue;
        const feit_token *p = &d->toks[i - 1];
        if (p->kind != TOK_WORD || !(p->flags & TF_LOWER))
            continue;
        feit_type type;
        if (word_class(g, p, WC_CITYNOUN))
            type = FEIT_CITY;
        else if (word_class(g, p, WC_REGIONNOUN))
            type = FEIT_LOCATION;
        else
            continue;
        size_t end = i + 1; /* Den Haag, Sint-Niklaas: capitalised words and glued parts */
        while (end < s->tok_end && end - i < 4 && (is_word_cap(d, end) || (d->toks[end].flags & TF_GLUED)) &&
               d->toks[end].mention < 0 && d->toks[end].kind != TOK_QUOTE && !(d->toks[end].kind == TOK_PUNCT && d->text[d->toks[end].start] != '-'))
            end++;
        while (end > i + 1 && d->toks[end - 1].kind != TOK_WORD)
            end--;
        if (end == i + 1 && mention_is_common(g, &d->toks[i]))
            continue; /* "de stad Groot ..." */
        if (add_rule_name(d, g, i, end, type, 0.6f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* 4c. "minister van Buitenlandse Zaken": the ministry named after a minister */
static int rule_ministries(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start + 1; /* the first place "van" may be */
    for (size_t ci = 0; ci < c.n; ci++) {
        if (c.at[ci] < next + 1) /* the list holds the capitalised word after "van" */
            continue;
        size_t i = c.at[ci] - 1;
        if (!fn_is(d, i, LANG_FN_OF) || !is_word_cap(d, i + 1))
            continue;
        if (!word_class(g, &d->toks[i - 1], WC_MINISTER))
            continue;
        size_t end = i + 1;
        while (end < s->tok_end && end - i < 6) {
            if (is_word_cap(d, end))
                end++;
            else if ((fn_is(d, end, LANG_FN_AND) || fold_is(&d->toks[end], ",")) && end + 1 < s->tok_end && is_word_cap(d, end + 1))
                end += 2;
            else
                break;
        }
        if (add_rule_name(d, g, i + 1, end, FEIT_ORGANISATION, 0.6f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* 4d. an unknown acronym (two to six capitals, not a word like TV, not a Roman numeral, not in
 * an all-caps headline) is most often an organisation in news */
static int rule_acronyms(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    for (size_t ci = 0; ci < c.n; ci++) { /* all caps is capitalised too */
        size_t i = c.at[ci];
        const feit_token *t = &d->toks[i];
        if (t->kind != TOK_WORD || !(t->flags & TF_ALLCAPS) || t->mention >= 0 || t->fold_len < 2 || t->fold_len > 6 ||
            (t->flags & (TF_DATELINE | TF_AGENCY | TF_INVALID | TF_ABBREV)))
            continue;
        int roman = 1, digit = 0;
        for (uint32_t k = 0; k < t->fold_len; k++) {
            roman &= strchr("ivxlcdm", t->fold[k]) != NULL;
            digit |= t->fold[k] >= '0' && t->fold[k] <= '9';
        }
        /* two letters are too often units or abbreviations (FM, IQ), digits chemistry (CO2) */
        if (roman || digit || t->fold_len < 3 || mention_is_common(g, t))
            continue;
        int headline = 0;
        if (i > s->tok_start && d->toks[i - 1].kind == TOK_WORD && (d->toks[i - 1].flags & TF_ALLCAPS) && d->toks[i - 1].mention < 0)
            headline = 1;
        if (i + 1 < s->tok_end && d->toks[i + 1].kind == TOK_WORD && (d->toks[i + 1].flags & TF_ALLCAPS) && d->toks[i + 1].mention < 0)
            headline = 1;
        /* "( GSC )" closing an article or paragraph is the author's initials */
        int byline = i > 0 && d->text[d->toks[i - 1].start] == '(' && i + 1 < d->ntoks && d->text[d->toks[i + 1].start] == ')' &&
                     (i + 2 == d->ntoks || (d->toks[i + 2].flags & TF_NEWLINE));
        if (headline || byline)
            continue;
        if (add_rule_name(d, g, i, i + 1, FEIT_ORGANISATION, 0.5f))
            return FEIT_ENOMEM;
    }
    return 0;
}

/* 4e. Flemish and Romance surnames open with a capitalised particle (Van Diepenbeek, De Coster,
 * Du Bois): a person, or a one-word place that is really such a surname, takes the particle */
static int cap_particle(const feit_gazetteer *g, const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP) || (t->flags & TF_ALLCAPS) || t->mention >= 0)
        return 0;
    /* "De" opening a sentence is the article; the others hardly ever are */
    if (mention_at_start(d, i) && fn_is(d, i, LANG_FN_ARTICLE))
        return 0;
    return word_class(g, t, WC_CAPPARTICLE);
}

static int rule_particles(const feit_gazetteer *g, feit_doc *d)
{
    size_t n = d->nments; /* mentions added here are not looked at again */
    for (size_t m = 0; m < n; m++) {
        feit_mention *me = &d->ments[m];
        if (me->e.confidence < 0 || me->tok_start == 0)
            continue;
        int person = me->e.type == FEIT_PERSON && me->e.form != FEIT_FORM_ADJECTIVE;
        int place = me->tok_end == me->tok_start + 1 && overridable(g, d, (int32_t)m, me->tok_start);
        if (!person && !place)
            continue;
        size_t k = me->tok_start;
        while (k > 0 && k + 3 > me->tok_start && cap_particle(g, d, k - 1) &&
               d->toks[k - 1].sentence == d->toks[me->tok_start].sentence)
            k--;
        if (k == me->tok_start)
            continue;
        me->e.start = d->toks[k].start;
        for (size_t i = k; i < me->tok_start; i++)
            d->toks[i].mention = (int32_t)m;
        me->tok_start = (uint32_t)k;
        if (place || me->entry < 0) {
            const char *name = span_text(d, me->tok_start, me->tok_end);
            if (!name)
                return FEIT_ENOMEM;
            if (place) {
                me->entry = -1, me->e.kb = NULL, me->country = NULL;
                me->e.type = FEIT_PERSON, me->e.form = FEIT_FORM_NAME, me->e.source = FEIT_SRC_RULE, me->e.confidence = 0.6f;
            }
            if (me->e.form == FEIT_FORM_NAME)
                me->e.canonical = name;
        }
    }
    return 0;
}

/* 5. a lone surname of exactly one curated person */
static int rule_surnames(const feit_gazetteer *g, feit_doc *d, cands c)
{
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        feit_token *t = &d->toks[i];
        if (!is_word_cap(d, i) || (t->flags & TF_ALLCAPS) || t->fold_len < 3)
            continue;
        const gaz_word *s = mention_word(g, t);
        if (!s || (s->flags & SLOT_COMMON) || gazetteer_names(g, s->hits))
            continue;
        /* "Poetin" opening a sentence is still a name: it is not a common word */
        if (s->surname && s->surname != UINT32_MAX) {
            if (mention_add(d, g, i, i + 1, (int32_t)(s->surname - 1), FEIT_PERSON, FEIT_FORM_PARTIAL, FEIT_SRC_GAZETTEER, NULL, 0.7f))
                return FEIT_ENOMEM;
        } else if (s->flags & SLOT_SURNAME2) {
            /* a surname of several people (Clinton) or of the bulk list: a person, unresolved */
            if (add_rule_name(d, g, i, i + 1, FEIT_PERSON, 0.5f))
                return FEIT_ENOMEM;
        }
    }
    return 0;
}

/* 6. dateline agencies (one walk over the tokens: datelines and tokens are both in order) */
static int rule_agencies(const feit_gazetteer *g, feit_doc *d)
{
    size_t i = 0;
    for (size_t k = 0; k < d->ndls; k++) {
        const feit_dateline *dl = &d->dls[k];
        for (uint32_t a = 0; a < dl->nagencies; a++) {
            while (i < d->ntoks && d->toks[i].start < dl->agency_start[a])
                i++;
            if (i == d->ntoks)
                return 0;
            feit_token *t = &d->toks[i];
            if (t->start != dl->agency_start[a] || t->end != dl->agency_end[a] || t->mention >= 0)
                continue;
            if (add_rule_name(d, g, i, i + 1, FEIT_ORGANISATION, 0.8f))
                return FEIT_ENOMEM;
        }
    }
    return 0;
}

int names_doc(const feit_gazetteer *g, feit_doc *d)
{
    /* Capitalised words, and words a gazetteer match holds: short forms may take over a
     * one-word match (the names rule 1 adds first are persons, which they leave alone). */
    uint32_t *at = arena_alloc(&d->arena, (d->ntoks + 1) * sizeof *at);
    cands *sent = arena_alloc(&d->arena, (d->nsents + 1) * sizeof *sent);
    if (!at || !sent)
        return FEIT_ENOMEM;
    size_t n = 0; /* the sentences cover the tokens in order, so each has a range of the list */
    for (size_t k = 0; k < d->nsents; k++) {
        sent[k].at = at + n;
        for (size_t i = d->sents[k].tok_start; i < d->sents[k].tok_end; i++) {
            /* without a branch: whether a token is listed is as good as random */
            const feit_token *t = &d->toks[i];
            at[n] = (uint32_t)i;
            n += ((t->kind == TOK_WORD) & ((t->flags & TF_CAP) != 0)) | (t->mention >= 0);
        }
        sent[k].n = (size_t)(at + n - sent[k].at);
    }
    cands all = {at, n};
    /* (a rule has nothing to do in a sentence without a capitalised word) */
    for (size_t k = 0; k < d->nsents; k++)
        if (sent[k].n && rule_firstnames(g, d, &d->sents[k], sent[k]))
            return FEIT_ENOMEM;
    if (rule_short_forms(g, d, all))
        return FEIT_ENOMEM;
    /* From here on a word once held stays held (a rule that takes over a match holds its
     * words again at once), and the rules left act only at free capitalised words: drop the
     * others, sentence by sentence (parts shrink in place, in order). */
    n = 0;
    for (size_t k = 0; k < d->nsents; k++) {
        const uint32_t *from = sent[k].at;
        size_t m = sent[k].n;
        sent[k].at = at + n;
        for (size_t c = 0; c < m; c++)
            if (is_word_cap(d, from[c]))
                at[n++] = from[c];
        sent[k].n = (size_t)(at + n - sent[k].at);
    }
    all.n = n;
    for (size_t k = 0; k < d->nsents; k++) {
        const feit_sentence *s = &d->sents[k];
        if (sent[k].n && (rule_roles(g, d, s, sent[k]) || rule_orgs(g, d, s, sent[k]) || rule_places(g, d, s, sent[k]) ||
                          rule_place_context(g, d, s, sent[k]) || rule_ministries(g, d, s, sent[k])))
            return FEIT_ENOMEM;
    }
    if (rule_surnames(g, d, all) || rule_agencies(g, d))
        return FEIT_ENOMEM;
    for (size_t k = 0; k < d->nsents; k++) /* last: every listed or shaped name has had its turn */
        if (sent[k].n && rule_acronyms(g, d, &d->sents[k], sent[k]))
            return FEIT_ENOMEM;
    if (rule_particles(g, d))
        return FEIT_ENOMEM;
    return 0;
}
