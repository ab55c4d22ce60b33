/* names.c — names the gazetteer does not list, found by rule (source "rule"), and short forms
 * resolved inside the document (source "coref", form "partial"). Runs after the gazetteer
 * pass, in this order, each step only over tokens no mention covers yet:
 *   0. events named after a place: no mention of the place (Ronde van Vlaanderen)   (nothing)
 *      and bodies named after a person: the person             (kabinet-Rutte IV) person
 *   1. names after an organisation noun                       (de keten Jan Linders) org, 0.6
 *      first name + capitalised surname                       (Andrew Puzder)       person, 0.75
 *      names by the privacy convention                        (Jeroen K., Fatima el A.) person, 0.7
 *   2. surnames and acronyms of names the document already has
 *                                                  (Poetin, Pezeshkians, CBO) partial, 0.85
 *   3. role or title + capitalised name            (premier X, dr. X)       person, 0.6
 *   4. organisation shapes                         (... Office, Ministerie van ..., Team X-Y) org, 0.7
 *      ... and a listed name + an organisation head (NXP Semiconductor)     org
 *      and place shapes                            (Fulton County, Kalverstraat, Paleis X) location, 0.7
 *      and places after a place noun               (het dorp Oosterbeek)    city/location, 0.6
 *      ministries after a minister                (minister van Defensie)  org, 0.6
 *      ... bodies after a lower-case prefix        (gemeenteraad van X)     org, 0.6
 *      towns after a mayor                         (burgemeester X van Y)   city, 0.6
 *   5. a lone surname of exactly one curated person (Poetin, no full name)  partial, 0.7
 *      or of several or bulk-list people           (Clinton)                person, 0.5
 *   6. dateline agencies the lists lack            (ANP, AFP)              org, 0.8
 *   7. unknown acronyms                            (not TV, not "( GSC )")  org, 0.5
 *      ... and a journalist's initials closing an article ("( GSC )")       person, 0.4
 *   8. what the mentions found so far say of each other and of their context:
 *      bodies of a place                           (Provinciale Staten van Gelderland) org
 *      sponsor names                               (Team Visma-Lease a Bike) org
 *      a name before an organisation head noun     (Jan Linders-supermarkten) org
 *      buildings the lists call cities             (Paleis Noordeinde)      location
 *      a club named like its town, in a sentence about sport (speelt bij Liverpool) org
 *      ... and the town after "in" where no sport is  (een winkel in Anderlecht) city
 *      names in a list with names of one type      (Beek, Heerlen en Swalmen) that type, 0.5
 *   9. capitalised particles before a surname      (Van Diepenbeek)         person
 */
#include "entities/names.h"

#include "entities/mention.h"
#include "core/arena.h"
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

/* Is token i a function word of role fn (core/lang.h: "van" is LANG_FN_OF in Dutch)? Its word
 * type's record holds the answer (feit_wordinfo.lang, lang_word_bits: fn is bit fn). */
static int fn_is(const feit_doc *d, size_t i, int fn)
{
    return d->toks[i].kind == TOK_WORD && ((d->toks[i].info->lang >> fn) & 1);
}

/* Does token t end in a suffix of a word class ("-straat": bit LANG_W_SFX_PLACEHEAD, as
 * lang_class_suffix says)? Its word type's record holds the answer (feit_wordinfo.lang). */
static int suffix_is(const feit_token *t, uint32_t bit) { return (t->info->lang & bit) != 0; }

/* Is token i one punctuation character c? */
static int punct_is(const feit_doc *d, size_t i, char c)
{
    const feit_token *t = &d->toks[i];
    return t->kind == TOK_PUNCT && t->end - t->start == 1 && d->text[t->start] == c;
}

/* Is token i the hyphen of a compound, glued to the words on both sides (Arnhem-Leeuwarden,
 * VVD-leider)? */
static int glued_hyphen(const feit_doc *d, size_t i)
{
    return punct_is(d, i, '-') && (d->toks[i].flags & TF_GLUED) && i + 1 < d->ntoks && (d->toks[i + 1].flags & TF_GLUED) &&
           d->toks[i + 1].sentence == d->toks[i].sentence;
}

/* Is token i an initial: one capital letter and its full stop (the "K." of Jeroen K.)? */
static int is_initial(const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP) || t->end - t->start < 2 || d->text[t->end - 1] != '.')
        return 0;
    int len;
    utf8_decode(d->text + t->start, t->end - t->start, &len);
    return (size_t)len + 1 == t->end - t->start;
}

/* A mention that no later finder took over (mentions_finish drops the others). */
static int live(const feit_mention *m) { return m->e.confidence >= 0; }

/* Drops mention m: a later finder takes its tokens. */
static void kill_mention(feit_doc *d, int32_t m)
{
    feit_mention *me = &d->ments[m];
    me->e.confidence = -1.0f;
    for (uint32_t i = me->tok_start; i < me->tok_end; i++)
        if (d->toks[i].mention == m)
            d->toks[i].mention = -1;
}

/* The tokens a rule can act at, in token order. Every rule below acts only at a capitalised
 * word (or, for short forms, at a word a gazetteer match holds), about one token in seven:
 * names_doc lists them once per document and the rules walk the list, not every token.
 * Mentions change as the rules run, so a rule still tests a token's mention when it gets to it. */
typedef struct cands {
    const uint32_t *at; /* token indices, ascending */
    size_t n;
    /* What the listed tokens are, or-ed over the sentence (as first listed: words do not
     * change as the rules run), and what the tokens just before them are (the word before a
     * capitalised word): their TF_* flags, their records' gaz_word.flags (SLOT_FIRSTNAME,
     * WC_ORGHEAD ...) and feit_wordinfo.lang (LANG_W_SFX_*, "van"), each kept only in the bits
     * a rule asks of it (CAND_* below: the two sets of bits are apart, so one word holds
     * both). A rule that acts only at a capitalised word of a class (an event word, an
     * organisation or place head) has nothing to do in a sentence where no listed token is
     * one; a rule that acts only after a word of a class (an organisation noun, a role or
     * title, a city or region noun, "van") nothing where no listed token follows one. */
    unsigned flags;
    uint32_t words, lang;
} cands;

/* The bits of cands.flags, .words and .lang asked of a listed token itself and of the token
 * before it. */
enum {
    CAND_FLAGS = TF_GLUED | TF_ABBREV | TF_ALLCAPS, /* an eponym's name, an initial, an acronym */
    CAND_FLAGS_BEFORE = TF_ROLEWORD,
    CAND_WORDS = WC_EVENT | SLOT_FIRSTNAME | WC_ORGHEAD | WC_ORGPREFIX | WC_PLACEPREFIX | WC_PLACEHEAD,
    CAND_WORDS_BEFORE = WC_ORGNOUN | WC_TITLE | WC_CITYNOUN | WC_REGIONNOUN,
    CAND_LANG = LANG_W_SFX_ORGHEAD | LANG_W_SFX_PLACEHEAD,
    CAND_LANG_BEFORE = LANG_W_SFX_ORGNOUN | 1u << LANG_FN_OF,
};
/* The bits the gates of the rules of a walk of the sentences ask (names_doc: each rule's
 * first test), so that a sentence with none of them is passed with one test, not one a rule. */
typedef struct cand_bits {
    unsigned flags;
    uint32_t words, lang;
} cand_bits;
static const cand_bits walk1_bits = {TF_GLUED | TF_ABBREV, WC_EVENT | SLOT_FIRSTNAME | WC_ORGNOUN, LANG_W_SFX_ORGNOUN};
static const cand_bits walk2_bits = {TF_ROLEWORD,
                                     WC_TITLE | WC_ORGHEAD | WC_ORGPREFIX | WC_PLACEPREFIX | WC_PLACEHEAD | WC_CITYNOUN | WC_REGIONNOUN,
                                     LANG_W_SFX_ORGHEAD | LANG_W_SFX_PLACEHEAD | 1u << LANG_FN_OF};

static inline int cands_any(cands c, cand_bits b) { return (c.flags & b.flags) || (c.words & b.words) || (c.lang & b.lang); }

_Static_assert(!(CAND_FLAGS & CAND_FLAGS_BEFORE) && !(CAND_WORDS & CAND_WORDS_BEFORE) && !(CAND_LANG & CAND_LANG_BEFORE),
               "a cands bit says what a token is or what the token before it is, not both");

/* The word classes the rules below ask about (particles, titles, organisation heads ...) are
 * the language's lists (the files of models/nl, core/lang.h). gazetteer_load puts them into the index
 * as slot flags (WC_*), so asking is one look at the token's cached slot. */

/* (word_class: entities/mention.h) */

static int is_particle(const feit_gazetteer *g, const feit_token *t)
{
    if (t->kind != TOK_WORD || (t->flags & TF_ALLCAPS))
        return 0;
    return word_class(g, t, WC_PARTICLE);
}

static int org_head(const feit_gazetteer *g, const feit_token *t);
static int firstname(const feit_gazetteer *g, const feit_token *t);
static int org_prefix(const feit_gazetteer *g, const feit_token *t);
static int overridable(const feit_doc *d, int32_t mi, size_t i);
static int unknown_cap(const feit_gazetteer *g, const feit_doc *d, size_t k);
static size_t span_key(const feit_doc *d, size_t a, size_t b, const char *pre, const char *suf, char *key, size_t cap);

/* A capitalised word no mention holds, or one held by a one-word match a name may take over
 * ("Marc Van Diepenbeek": the village Diepenbeek is the surname here). */
static int free_cap(const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP))
        return 0;
    return t->mention < 0 || overridable(d, t->mention, i);
}

/* A short lower-case part of a hyphenated name that is no word (the "bum" of Yoo Sang-bum, the
 * "un" of Kim Jong-un). */
static int name_part_lower(const feit_gazetteer *g, const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    return t->kind == TOK_WORD && (t->flags & TF_LOWER) && t->fold_len <= 3 && t->mention < 0 && !mention_is_common(g, t);
}

/* The end of a capitalised name starting at i: capitalised words, one group of particles inside
 * (Ursula von der Leyen, and the Flemish capitalised ones: Marc Van Diepenbeek, Jean-Luc
 * Dehaene) and hyphenated parts (Jean-Claude). A second group of particles is where the name
 * ends ("Ard van der Tuuk van Westerkwartier"), and so is a common word after an initial
 * ("Martien R. Die is ..."). */
static size_t name_end(const feit_gazetteer *g, const feit_doc *d, const feit_sentence *s, size_t i, size_t max_words)
{
    size_t end = i, words = 0, groups = 0;
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
            if (!groups && n && free_cap(d, k) && !(n->flags & TF_ALLCAPS) && !org_head(g, n) && !org_prefix(g, n)) {
                groups++;
                j = k;
                continue;
            }
            if (t->flags & TF_LOWER)
                break;
        }
        if (free_cap(d, j) && !(t->flags & TF_ALLCAPS && t->fold_len > 4)) {
            if (words && is_initial(d, j - 1) && mention_is_common(g, t))
                break;
            words++;
            end = ++j;
            /* Jean-Claude, Abu-Bakr: a hyphen glued on both sides to capitalised parts */
            while (j + 1 < s->tok_end && glued_hyphen(d, j) && (free_cap(d, j + 1) || name_part_lower(g, d, j + 1)))
                j += 2, end = j;
            continue;
        }
        break;
    }
    return end;
}

/* The end of a run of capitalised words starting at i that no mention holds, or that one-word
 * matches a name may take over hold, with their hyphenated parts (Arnhem-Leeuwarden): at most
 * max words. */
static size_t cap_run(const feit_doc *d, const feit_sentence *s, size_t i, size_t max_words)
{
    size_t j = i, words = 0;
    while (j < s->tok_end && words < max_words && d->toks[j].kind == TOK_WORD && free_cap(d, j)) {
        words++;
        j++;
        while (j + 1 < s->tok_end && glued_hyphen(d, j) && d->toks[j + 1].kind == TOK_WORD && free_cap(d, j + 1))
            j += 2;
    }
    return j;
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
    /* a title ends no name: "CEO", "Algemeen Directeur" say what someone is (but "Herman De
     * Prins" and the paper "Spits" are names: a first name before, one word not in capitals) */
    const feit_token *last = &d->toks[b - 1];
    if (word_class(g, last, WC_TITLE) && ((last->flags & TF_ALLCAPS) || (b - a > 1 && !firstname(g, &d->toks[a]))))
        return 0;
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
    if (!(c.words & SLOT_FIRSTNAME))
        return 0; /* no first name in the sentence */
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
        /* a one-word surname is no single letter ("Dan I"); a common word that no listed
         * person bears is a surname only where nothing else explains its capital: not in a run
         * of capitalised words or before a colon (a title: "I Am Greta Regie: ...") */
        if (end == i + 2) {
            const feit_token *sur = &d->toks[i + 1];
            const gaz_word *ss = mention_word(g, sur);
            if (sur->fold_len < 2)
                continue;
            if (ss && (ss->flags & SLOT_COMMON) && !(ss->flags & SLOT_SURNAME)) {
                const feit_token *before = i > s->tok_start ? &d->toks[i - 1] : NULL;
                if (sur->fold_len < 3 || (before && before->kind == TOK_WORD && (before->flags & TF_CAP) && before->mention < 0) ||
                    (i + 2 < s->tok_end && punct_is(d, i + 2, ':')))
                    continue;
            }
        }
        /* "Jan Breydelstadion", "Johan Cruijffplein": a place named after a person */
        if (suffix_is(&d->toks[end - 1], LANG_W_SFX_PLACEHEAD))
            continue;
        take_span(d, i, end);
        if (add_rule_name(d, g, i, end, FEIT_PERSON, 0.75f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* 1b. the privacy convention of Dutch crime news: a given name (or two) and the initial of the
 * surname, with its particles (Jeroen K., Fatima el A., Jan Peter van der S.) */
static int rule_initials(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start;
    if (!(c.flags & TF_ABBREV))
        return 0; /* no initial in the sentence */
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !free_cap(d, i) || (d->toks[i].flags & TF_ALLCAPS) || is_initial(d, i) || d->toks[i].fold_len < 2)
            continue;
        size_t k = i + 1;
        if (k < s->tok_end && free_cap(d, k) && !(d->toks[k].flags & TF_ALLCAPS) && !is_initial(d, k))
            k++; /* a second given name */
        while (k < s->tok_end && is_particle(g, &d->toks[k]) && (d->toks[k].flags & TF_LOWER))
            k++;
        if (k >= s->tok_end || !is_initial(d, k))
            continue;
        /* "Groep A.", "Plan B.": a common word before the letter is no given name */
        for (size_t j = i; j < k; j++)
            if (d->toks[j].flags & TF_CAP && mention_is_common(g, &d->toks[j]) && !firstname(g, &d->toks[j]))
                goto next_cand;
        take_span(d, i, k + 1);
        if (add_rule_name(d, g, i, k + 1, FEIT_PERSON, 0.7f))
            return FEIT_ENOMEM;
        next = k + 1;
    next_cand:;
    }
    return 0;
}

/* Is token i a lower-case noun after which a name is an organisation (bedrijf, supermarktketen)? */
static int org_noun(const feit_gazetteer *g, const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD || !(t->flags & TF_LOWER))
        return 0;
    return word_class(g, t, WC_ORGNOUN) || suffix_is(t, LANG_W_SFX_ORGNOUN);
}

/* Does a list go on after token end-1: ", X", "en X", "/ X" with X a free capitalised word? */
static int list_goes_on(const feit_doc *d, const feit_sentence *s, size_t end)
{
    return end + 1 < s->tok_end && (punct_is(d, end, ',') || punct_is(d, end, '/') || fn_is(d, end, LANG_FN_AND)) &&
           free_cap(d, end + 1);
}

/* 1a. names after a noun that says they are organisations: "het bedrijf Tectrade", "de
 * supermarktketen Jan Linders", "fietsenmerken Koga, Babboe en Lapierre" (each of the list) */
static int org_context_names(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c);

/* (the test of the sentence in the caller, the walk out of line: most sentences have no
 * organisation noun before a capitalised word, and the walk's set-up would be paid for each) */
static inline int rule_org_context(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.words & WC_ORGNOUN) && !(c.lang & LANG_W_SFX_ORGNOUN))
        return 0; /* (org_noun) */
    return org_context_names(g, d, s, c);
}

__attribute__((noinline)) static int org_context_names(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start + 1;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !(d->toks[i - 1].flags & TF_LOWER) || !org_noun(g, d, i - 1) || !free_cap(d, i) || mention_at_start(d, i))
            continue;
        size_t end = cap_run(d, s, i, 4);
        for (;;) {
            take_span(d, i, end);
            if (add_rule_name(d, g, i, end, FEIT_ORGANISATION, 0.6f))
                return FEIT_ENOMEM;
            next = end;
            if (!list_goes_on(d, s, end))
                break;
            /* a list of brands, not "het bedrijf X en Jan Jansen" */
            size_t e2 = cap_run(d, s, end + 1, 4);
            if (e2 > end + 2 && firstname(g, &d->toks[end + 1]))
                break;
            i = end + 1, end = e2;
        }
    }
    return 0;
}

/* A mention that holds no token any more and stops later finders from taking [a, b): what an
 * event name holds (its place is no mention). mentions_finish drops it. */
static int block_span(feit_doc *d, const feit_gazetteer *g, size_t a, size_t b)
{
    take_span(d, a, b);
    if (mention_add(d, g, a, b, -1, FEIT_ORGANISATION, FEIT_FORM_NAME, FEIT_SRC_RULE, "", 0.0f))
        return FEIT_ENOMEM;
    d->ments[d->nments - 1].e.confidence = -1.0f; /* dead, but its tokens stay held */
    return 0;
}

/* A particle elided onto the capitalised name it belongs to, one token: "d'Italia". */
static int elided_particle(const feit_gazetteer *g, const feit_token *t)
{
    const char *q = memchr(t->fold, '\'', t->fold_len);
    if (!q || q == t->fold || (size_t)(q - t->fold) + 2 > t->fold_len)
        return 0;
    size_t n = (size_t)(q - t->fold) + 1; /* "d'" */
    const gaz_slot *sl = gazetteer_find(g, t->fold, n, utf8_hash(t->fold, n, UTF8_HASH_INIT));
    return sl && (sl->flags & WC_CAPPARTICLE);
}

/* The end of a run of capitalised words from i, held or not, with hyphenated parts. */
static size_t cap_run_any(const feit_doc *d, const feit_sentence *s, size_t i, size_t max_words)
{
    size_t j = i, words = 0;
    while (j < s->tok_end && words < max_words && d->toks[j].kind == TOK_WORD && (d->toks[j].flags & TF_CAP)) {
        words++;
        j++;
        while (j + 1 < s->tok_end && glued_hyphen(d, j) && d->toks[j + 1].kind == TOK_WORD && (d->toks[j + 1].flags & TF_CAP))
            j += 2;
    }
    return j;
}

/* 0. events named after a place (Ronde van Vlaanderen, Tour de France, Giro d'Italia, Grand
 * Prix van Monaco): the place inside is no mention of the place, and the event is no entity of
 * ours. Runs first, over every capitalised word. */
static int rule_events(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.words & WC_EVENT))
        return 0; /* no event word in the sentence */
    size_t next = s->tok_start;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        const feit_token *t = &d->toks[i];
        if (i < next || t->kind != TOK_WORD || !(t->flags & TF_CAP) || !word_class(g, t, WC_EVENT))
            continue;
        size_t j = i + 1, end;
        if (j >= s->tok_end)
            break;
        const feit_token *u = &d->toks[j];
        if (u->kind == TOK_WORD && (u->flags & TF_LOWER) && (fn_is(d, j, LANG_FN_OF) || is_particle(g, u))) {
            j++; /* van, de, di, du; then perhaps an article: Ronde van de Algarve, van het Baskenland */
            if (j < s->tok_end && fn_is(d, j, LANG_FN_ARTICLE) && (d->toks[j].flags & TF_LOWER))
                j++;
            end = cap_run_any(d, s, j, 4);
            if (end == j)
                continue;
        } else if (u->kind == TOK_WORD && (u->flags & TF_LOWER) && elided_particle(g, u)) {
            end = j + 1; /* Giro d'Italia */
        } else {
            continue;
        }
        /* a listed name of the whole event stays; what lies inside it goes */
        int keep = 0;
        for (size_t k = i; k < end; k++) {
            int32_t m = d->toks[k].mention;
            if (m < 0)
                continue;
            if (d->ments[m].tok_start < i || d->ments[m].tok_end > end) {
                keep = 1;
                break;
            }
        }
        if (keep)
            continue;
        for (size_t k = i; k < end; k++)
            if (d->toks[k].mention >= 0)
                kill_mention(d, d->toks[k].mention);
        if (block_span(d, g, i, end))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* 0b. bodies named after their leader (kabinet-Rutte IV, regering-Netanyahu, regime-Maduro):
 * the name after the hyphen is the person. A listed body of that name gives way; the person is
 * resolved as any lone surname is (short forms, the lists), and where nothing knows it, it is
 * a person by rule (eponym_persons). Adds the positions to *at (malloc'd, *n of them, room
 * for *cap), a sentence at a time. */
static int eponyms_glued(const feit_gazetteer *g, feit_doc *d, cands c, uint32_t **at, size_t *n, size_t *cap);

/* (the test of the sentence in the caller, as rule_org_context's: the name is glued to its
 * hyphen, and most sentences have no listed word glued to what is before it) */
static inline int rule_eponyms(const feit_gazetteer *g, feit_doc *d, cands c, uint32_t **at, size_t *n, size_t *cap)
{
    if (!(c.flags & TF_GLUED))
        return 0;
    return eponyms_glued(g, d, c, at, n, cap);
}

__attribute__((noinline)) static int eponyms_glued(const feit_gazetteer *g, feit_doc *d, cands c, uint32_t **at, size_t *n, size_t *cap)
{
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t j = c.at[ci];
        /* (glued to what is before it first: few listed words are, and the hyphen's test
         * reads two more tokens and the text) */
        if (j < 2 || !(d->toks[j].flags & TF_GLUED) || !glued_hyphen(d, j - 1) || d->toks[j - 2].kind != TOK_WORD || !(d->toks[j - 2].flags & TF_LOWER) ||
            !(d->toks[j - 1].flags & TF_GLUED) || !word_class(g, &d->toks[j - 2], WC_EPONYM) || d->toks[j].kind != TOK_WORD ||
            (d->toks[j].flags & TF_ALLCAPS))
            continue;
        int32_t m = d->toks[j].mention;
        if (m >= 0 && d->ments[m].e.type == FEIT_PERSON)
            continue;
        if (m >= 0)
            kill_mention(d, m);
        uint32_t *p = DOC_PUSH(*at, *n, *cap);
        if (!p)
            return FEIT_ENOMEM;
        *p = (uint32_t)j;
    }
    return 0;
}

static int eponym_persons(const feit_gazetteer *g, feit_doc *d, const uint32_t *at, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t j = at[k];
        if (!is_word_cap(d, j))
            continue;
        size_t end = j + 1; /* kabinet-Den Uyl */
        if (word_class(g, &d->toks[j], WC_CAPPARTICLE) && end < d->ntoks && d->toks[end].sentence == d->toks[j].sentence &&
            is_word_cap(d, end))
            end++;
        if (add_rule_name(d, g, j, end, FEIT_PERSON, 0.6f))
            return FEIT_ENOMEM;
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
    uint32_t hash;  /* utf8_hash of fold (a person's: its last token's own, feit_token.hash) */
} short_form;

/* The forms the document's full names lend, into out (room for one a mention); sets *n. */
static int collect_short_forms(feit_doc *d, short_form *out, size_t *n)
{
    *n = 0;
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *me = &d->ments[m];
        if (me->e.form != FEIT_FORM_NAME || me->tok_end - me->tok_start < 2 || !live(me))
            continue;
        if (me->e.type == FEIT_PERSON) {
            const feit_token *last = &d->toks[me->tok_end - 1];
            if (last->kind != TOK_WORD)
                continue;
            out[(*n)++] = (short_form){NULL, last->fold, last->fold_len, (int32_t)m, me->tok_start, me->tok_end, 0, last->hash};
        } else if (me->e.type == FEIT_ORGANISATION) {
            /* acronym of the capitalised words: Congressional Budget Office -> cbo */
            char acro[16];
            size_t k = 0;
            for (uint32_t i = me->tok_start; i < me->tok_end && k < sizeof acro - 1; i++)
                if (d->toks[i].kind == TOK_WORD && (d->toks[i].flags & TF_CAP) && (unsigned char)d->toks[i].fold[0] < 0x80)
                    acro[k++] = d->toks[i].fold[0];
            if (k < 2)
                continue;
            char *a = arena_strndup(&d->arena, acro, k);
            if (!a)
                return FEIT_ENOMEM;
            out[(*n)++] = (short_form){NULL, a, k, (int32_t)m, me->tok_start, me->tok_end, 1, utf8_hash(a, k, UTF8_HASH_INIT)};
        }
    }
    return 0;
}

/* Mention mi, a one-word gazetteer match at token i that a short form of the document may
 * take over (mention_overridable: a bulk-list name, or a small place). */
static int overridable(const feit_doc *d, int32_t mi, size_t i)
{
    return d->ments[mi].tok_start == i && mention_overridable(&d->ments[mi]);
}

/* 2. in-document short forms. Each distinct short form (a surname, an acronym) is one slot of
 * a hash table holding its first full mention and the latest one before the token being
 * looked at, so the pass is linear in the document, however many times a name recurs. */
typedef struct sf_slot {
    const char *fold;
    uint32_t len, hash;
    int acronym;
    int32_t first, last; /* mention indices; last = -1 until one ends before the token */
    const names_form *carried; /* an earlier section's naming (names_carry), or NULL */
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
            s->carried = NULL;
            return s;
        }
        if (s->hash == h && s->len == len && s->acronym == acronym && !memcmp(s->fold, fold, len))
            return s;
    }
}

/* Sorts forms[0..n) by the start of their full mention, stably: they come in the order of the
 * mentions, by start but for the few the rules before added at the end, so an insertion sort
 * moves little (and, unlike qsort, allocates nothing). */
static void sort_forms(short_form *forms, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        short_form f = forms[k];
        size_t j = k;
        for (; j > 0 && forms[j - 1].start > f.start; j--)
            forms[j] = forms[j - 1];
        forms[j] = f;
    }
}

/* The words a token may be to be looked up as a short form: a filter of their hashes (a bit a
 * hash, of SF_FILTER_BITS; more than one word may set a bit). */
enum { SF_FILTER_BITS = 1024 };
typedef struct sf_filter {
    uint64_t bits[SF_FILTER_BITS / 64];
} sf_filter;

static void sf_filter_add(sf_filter *f, uint32_t hash)
{
    f->bits[(hash / 64) % (SF_FILTER_BITS / 64)] |= 1ull << (hash % 64);
}

static int sf_filter_has(const sf_filter *f, uint32_t hash)
{
    return (f->bits[(hash / 64) % (SF_FILTER_BITS / 64)] >> (hash % 64)) & 1;
}

/* Adds form fold[0, len) (hash: its utf8_hash) to f as the loop of rule_short_forms looks it
 * up: the word itself and, for a name's form, its genitives (Pezeshkians, Xi's: the form and
 * "s" or "'s"), each by the token's own hash. An acronym is looked up only as the whole token
 * (a genitive is asked only of a name's form): its genitives are not added. */
static void sf_filter_form(sf_filter *f, const char *fold, size_t len, uint32_t hash, int acronym)
{
    char buf[128];
    sf_filter_add(f, hash);
    if (acronym)
        return;
    if (len + 2 > sizeof buf) {
        memset(f->bits, 0xff, sizeof f->bits); /* (no form is that long; were one, every word passes) */
        return;
    }
    memcpy(buf, fold, len);
    memcpy(buf + len, "'s", 2);
    sf_filter_add(f, utf8_hash(buf, len + 2, UTF8_HASH_INIT));
    buf[len] = 's';
    sf_filter_add(f, utf8_hash(buf, len + 1, UTF8_HASH_INIT));
}

void names_carry_free(names_carry *c)
{
    free(c->out);
    c->out = NULL;
    c->nout = c->cout = 0;
}

/* The run's full names as carry->out (names.h): forms[0, n), in text order. */
static int carry_out(const feit_doc *d, const short_form *forms, size_t n, names_carry *carry)
{
    carry->nout = 0;
    for (size_t k = 0; k < n; k++) {
        names_form *f = DOC_PUSH(carry->out, carry->nout, carry->cout);
        if (!f)
            return FEIT_ENOMEM;
        const feit_mention *me = &d->ments[forms[k].mention];
        *f = (names_form){forms[k].fold, (uint32_t)forms[k].len, forms[k].acronym, me->e.type, me->entry,
                          me->e.canonical, me->e.kb, me->country, me->role};
    }
    return 0;
}

static int rule_short_forms(const feit_gazetteer *g, feit_doc *d, cands c, names_carry *carry)
{
    /* (room for a form a mention, of the mentions now: on the stack for most documents, as
     * the table below; malloc'd, given back at the end, for a longer one) */
    short_form local_forms[64];
    short_form *forms = d->nments <= sizeof local_forms / sizeof *local_forms ? local_forms : malloc(d->nments * sizeof *forms);
    size_t n = 0, nin = carry ? carry->nin : 0;
    int rc = forms ? collect_short_forms(d, forms, &n) : FEIT_ENOMEM;
    if (!rc && n)
        sort_forms(forms, n);
    if (!rc && carry)
        rc = carry_out(d, forms, n, carry);
    /* (scratch of this rule: given back at its end, not kept in the arena with the document;
     * a document with a few full names, most, has it on the stack) */
    sf_slot local[64];
    sf_slot *tab = NULL;
    if (rc || (!n && !nin))
        goto out;
    size_t size = 16;
    while (size < 2 * (n + nin))
        size *= 2;
    tab = size <= sizeof local / sizeof *local ? memset(local, 0, size * sizeof *tab) : calloc(size, sizeof *tab);
    if (!tab) {
        rc = FEIT_ENOMEM;
        goto out;
    }
    /* A token is looked up only when its hash is in the filter of the forms and their
     * genitives: the few words that are one (and a few that share a bit) of the 44k capitalised
     * or held words per 2 MB. */
    sf_filter filter = {{0}};
    /* an earlier section's naming is the latest before every token of this one */
    for (size_t k = 0; k < nin; k++) {
        const names_form *f = &carry->in[k];
        uint32_t hash = utf8_hash(f->fold, f->len, UTF8_HASH_INIT);
        sf_filter_form(&filter, f->fold, f->len, hash, f->acronym);
        sf_find(tab, size - 1, f->fold, f->len, hash, f->acronym, 1)->carried = f;
    }
    for (size_t k = 0; k < n; k++) {
        sf_slot *sl = sf_find(tab, size - 1, forms[k].fold, forms[k].len, forms[k].hash, forms[k].acronym, 1);
        if (sl->first < 0) {
            sl->first = forms[k].mention;
            sf_filter_form(&filter, forms[k].fold, forms[k].len, forms[k].hash, forms[k].acronym); /* (once a form) */
        }
        forms[k].slot = sl;
    }
    size_t next = 0; /* forms[next] is the first full mention not yet ended */
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        feit_token *t = &d->toks[i];
        if (!sf_filter_has(&filter, t->hash))
            continue; /* no form is so written */
        /* (the forms' latest namings, brought up to the token only for a token looked up) */
        while (next < n && forms[next].end <= i) {
            forms[next].slot->last = forms[next].mention;
            next++;
        }
        size_t flen = t->fold_len;
        size_t glen = 0; /* genitive: Pezeshkians, Xi's */
        if (flen > 3 && t->fold[flen - 1] == 's')
            glen = (t->fold[flen - 2] == '\'') ? flen - 2 : flen - 1;
        int32_t taken = t->mention;
        if (taken >= 0) {
            /* "Thunberg" after "Greta Thunberg" is the person, not a village of that name */
            if (!overridable(d, taken, i))
                continue;
        } else if (!is_word_cap(d, i)) {
            continue;
        }
        if (mention_at_start(d, i) && mention_is_common(g, t))
            continue;
        const sf_slot *sl = NULL;
        if (t->flags & TF_ALLCAPS)
            sl = sf_find(tab, size - 1, t->fold, flen, t->hash, 1, 0);
        if (!sl)
            sl = sf_find(tab, size - 1, t->fold, flen, t->hash, 0, 0);
        if (!sl && glen)
            sl = sf_find(tab, size - 1, t->fold, glen, utf8_hash(t->fold, glen, UTF8_HASH_INIT), 0, 0);
        if (!sl)
            continue;
        /* the nearest full mention before this token (of this text, else of an earlier
         * section's), else the first after it */
        names_form full;
        if (sl->last >= 0 || !sl->carried) {
            const feit_mention *me = &d->ments[sl->last >= 0 ? sl->last : sl->first];
            full = (names_form){NULL, 0, 0, me->e.type, me->entry, me->e.canonical, me->e.kb, me->country, me->role};
        } else {
            full = *sl->carried;
        }
        int32_t entry = full.entry;
        feit_type type = full.type;
        const char *canon = full.canonical;
        const char *kb = full.kb, *country = full.country, *role = full.role;
        feit_mention *m;
        if (taken >= 0) {
            m = &d->ments[taken];
            m->e.type = type, m->e.form = FEIT_FORM_PARTIAL, m->e.source = FEIT_SRC_COREF;
            m->e.canonical = canon, m->e.confidence = 0.85f;
        } else {
            if (mention_add(d, g, i, i + 1, -1, type, FEIT_FORM_PARTIAL, FEIT_SRC_COREF, canon, 0.85f)) {
                rc = FEIT_ENOMEM;
                goto out;
            }
            m = &d->ments[d->nments - 1];
        }
        m->entry = entry, m->e.kb = kb, m->role = role;
        mention_set_country(m, country);
    }
out:
    if (forms != local_forms)
        free(forms);
    if (tab != local)
        free(tab);
    return rc;
}

static int is_title(const feit_gazetteer *g, const feit_token *t) { return word_class(g, t, WC_TITLE); }

/* 3. role or title + name */
static int roles_named(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c);

/* (as rule_org_context: the sentence's test in the caller, the walk out of line) */
static inline int rule_roles(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.words & WC_TITLE) && !(c.flags & TF_ROLEWORD))
        return 0;
    return roles_named(g, d, s, c);
}

__attribute__((noinline)) static int roles_named(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start + 1;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !is_word_cap(d, i) || (d->toks[i].flags & TF_ALLCAPS))
            continue;
        const feit_token *p = &d->toks[i - 1];
        /* the role in lower case, or capitalised opening the sentence ("Premier Jan X zei"),
         * or a title written with a capital (Kamerlid Esma X, Koning Willem-Alexander) */
        if (p->kind != TOK_WORD ||
            !((p->flags & TF_LOWER) || ((p->flags & TF_CAP) && (mention_at_start(d, i - 1) || (p->mention < 0 && is_title(g, p))))))
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
    /* each shape has its word: a prefix (Ministerie), a head (Office) or a head's suffix */
    if (!(c.words & (WC_ORGPREFIX | WC_ORGHEAD)) && !(c.lang & LANG_W_SFX_ORGHEAD))
        return 0;
    size_t next = s->tok_start;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !is_word_cap(d, i))
            continue;
        size_t end = i;
        if (org_prefix(g, &d->toks[i])) {
            /* Ministerie van Defensie, Universiteit Leiden, Rechtbank Amsterdam, Gerechtshof
             * Arnhem-Leeuwarden, Team Jumbo-Visma: the place in it, one word the lists hold,
             * is part of the name */
            size_t j = i + 1;
            if (j < s->tok_end && (fn_is(d, j, LANG_FN_OF) || fn_is(d, j, LANG_FN_FOR)))
                j++;
            size_t e = cap_run(d, s, j, 5);
            if (e > j)
                end = e;
            take_span(d, i, end);
        } else if (suffix_is(&d->toks[i], LANG_W_SFX_ORGHEAD) &&
                   !(mention_at_start(d, i) && mention_is_common(g, &d->toks[i])) && !(d->toks[i].flags & TF_ALLCAPS)) {
            end = i + 1; /* Eredivisie, Arbeiderspartij */
        } else if (!(mention_at_start(d, i) && mention_is_common(g, &d->toks[i]))) { /* not "Het" */
            /* Congressional Budget Office, Deutsche Bank */
            size_t j = i;
            while (j < s->tok_end && j - i < 6 && d->toks[j].kind == TOK_WORD && (d->toks[j].flags & TF_CAP)) {
                j++;
                if (j - i >= 2 && org_head(g, &d->toks[j - 1]))
                    end = j;
            }
            for (size_t k = i; k < end; k++)
                if (d->toks[k].mention >= 0)
                    end = i;
        }
        if (end <= i)
            continue;
        if (add_rule_name(d, g, i, end, FEIT_ORGANISATION, 0.7f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* May an organisation name by its head take token k over: a capitalised word no mention
 * holds, or one a one-word match holds (the Granada of Granada Media, the Deutsche of
 * Deutsche Telekom)? */
static int head_takes(const feit_doc *d, size_t k)
{
    const feit_token *t = &d->toks[k];
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP))
        return 0;
    if (t->mention < 0)
        return 1;
    const feit_mention *m = &d->ments[t->mention];
    return m->tok_end == m->tok_start + 1 && m->e.source == FEIT_SRC_GAZETTEER;
}

/* 4'. a name and an organisation head: a listed organisation takes the head (NXP
 * Semiconductor, Exor Holding, Sky Sports: the listed one, written longer); a listed place or
 * adjective becomes part of a new one (Granada Media, Deutsche Telekom). */
static int rule_org_heads(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.words & WC_ORGHEAD))
        return 0; /* no organisation head in the sentence */
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t h = c.at[ci];
        if (h == s->tok_start || !is_word_cap(d, h) || !org_head(g, &d->toks[h]) || mention_at_start(d, h))
            continue;
        /* "het Deense FC Vestkysten": a head that also opens names opens the next one */
        if (org_prefix(g, &d->toks[h]) && h + 1 < s->tok_end && d->toks[h + 1].kind == TOK_WORD && (d->toks[h + 1].flags & TF_CAP))
            continue;
        const feit_token *l = &d->toks[h - 1];
        if (l->kind != TOK_WORD || !(l->flags & TF_CAP))
            continue;
        size_t end = h + 1;
        while (end < s->tok_end && is_word_cap(d, end) && org_head(g, &d->toks[end]))
            end++;
        if (l->mention >= 0 && d->ments[l->mention].e.type == FEIT_ORGANISATION && d->ments[l->mention].tok_end == h &&
            d->ments[l->mention].e.form == FEIT_FORM_NAME) {
            feit_mention *m = &d->ments[l->mention];
            for (size_t k = h; k < end; k++)
                d->toks[k].mention = l->mention;
            m->tok_end = (uint32_t)end, m->e.end = d->toks[end - 1].end;
            continue;
        }
        size_t a = h;
        while (a > s->tok_start && h - a < 4 && head_takes(d, a - 1) && !(mention_at_start(d, a - 1) && mention_is_common(g, &d->toks[a - 1]))) {
            /* an adjective is part of the name only right before the head (Deutsche Telekom,
             * not the Belgische of "Belgische Jupiler Pro League") */
            int32_t m = d->toks[a - 1].mention;
            if (m >= 0 && d->ments[m].e.form == FEIT_FORM_ADJECTIVE && a != h)
                break;
            a--;
        }
        if (a == h)
            continue;
        for (size_t k = a; k < h; k++)
            if (d->toks[k].mention >= 0)
                kill_mention(d, d->toks[k].mention);
        if (add_rule_name(d, g, a, end, FEIT_ORGANISATION, 0.7f))
            return FEIT_ENOMEM;
    }
    return 0;
}

/* The end of a run of words a place name may take: capitalised words no mention holds, or that
 * a one-word bulk-list match holds (a listed place with an id stays itself: Luchthaven
 * Schiphol). */
static size_t bulk_run(const feit_gazetteer *g, const feit_doc *d, const feit_sentence *s, size_t i, size_t max_words)
{
    size_t j = i;
    while (j < s->tok_end && j - i < max_words && d->toks[j].kind == TOK_WORD && (d->toks[j].flags & TF_CAP)) {
        int32_t m = d->toks[j].mention;
        if (m >= 0 && !(d->ments[m].tok_end == j + 1 && d->ments[m].tok_start == j && d->ments[m].entry >= 0 &&
                        gazetteer_entry(g, (uint32_t)d->ments[m].entry)->tier > 1))
            break;
        j++;
    }
    return j;
}

/* Does token i end a place name: a head (Arena, County; *alone 0: not by itself) or a suffix
 * (Kalverstraat; *alone 1)? */
static int place_end(const feit_gazetteer *g, const feit_doc *d, size_t i, int *alone)
{
    const feit_token *t = &d->toks[i];
    *alone = 0;
    if (word_class(g, t, WC_PLACEHEAD))
        return 1;
    if (suffix_is(t, LANG_W_SFX_PLACEHEAD))
        return *alone = 1;
    return 0;
}

/* 4b. place shapes: Fulton County, Oblast Koersk, Johan Cruijff Arena, Windsor Castle;
 * streets, squares and buildings by their suffix (Kalverstraat, Jan Breydelstadion, Van
 * Kerckhovestraat); and after a place prefix (Paleis Noordeinde, Kasteel de Haar) */
static int rule_places(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    /* each shape has its word: a prefix (Paleis), a head (County) or a head's suffix (-straat) */
    if (!(c.words & (WC_PLACEPREFIX | WC_PLACEHEAD)) && !(c.lang & LANG_W_SFX_PLACEHEAD))
        return 0;
    size_t next = s->tok_start;
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[ci];
        if (i < next || !free_cap(d, i) || (d->toks[i].flags & TF_ALLCAPS))
            continue;
        /* most capitalised words stand alone and open no place: test the start first */
        if (mention_at_start(d, i) && mention_is_common(g, &d->toks[i]))
            continue;
        if (word_class(g, &d->toks[i], WC_PLACEPREFIX)) {
            size_t j = i + 1;
            while (j < s->tok_end && is_particle(g, &d->toks[j]) && (d->toks[j].flags & TF_LOWER))
                j++;
            size_t end = bulk_run(g, d, s, j, 3);
            if (end > j) {
                take_span(d, i, end);
                if (add_rule_name(d, g, i, end, FEIT_LOCATION, 0.7f))
                    return FEIT_ENOMEM;
                next = end;
                continue;
            }
        }
        size_t j = i, end = 0;
        int alone;
        while (j < s->tok_end && j - i < 6 && free_cap(d, j) && !(d->toks[j].flags & TF_ALLCAPS)) {
            if (place_end(g, d, j, &alone) && (alone || j > i)) {
                end = j + 1;
                break;
            }
            j++;
            if (j + 1 < s->tok_end && glued_hyphen(d, j)) /* Sint-Jansziekenhuis */
                j++;
        }
        if (!end && j == i + 1 && place_end(g, d, i, &alone) && i > s->tok_start && head_takes(d, i - 1) &&
            !(mention_at_start(d, i - 1) && mention_is_common(g, &d->toks[i - 1])) && d->ments[d->toks[i - 1].mention].e.type != FEIT_PERSON) {
            /* Windsor Castle: a one-word listed name before the head */
            kill_mention(d, d->toks[i - 1].mention);
            i--, end = i + 2;
        }
        if (!end)
            continue;
        take_span(d, i, end);
        if (add_rule_name(d, g, i, end, FEIT_LOCATION, 0.7f))
            return FEIT_ENOMEM;
        next = end;
    }
    return 0;
}

/* 4b'. places from context: "de Braziliaanse stad Manaus", "het dorp Oosterbeek", "de provincie
 * Limburg": a name the lists lack, after a noun that says what it is */
static int rule_place_context(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.words & (WC_CITYNOUN | WC_REGIONNOUN)))
        return 0;
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

/* Is token k a body written in lower case that takes the place after "van" into its name
 * (gemeenteraad van Utrecht, stadsbestuur van Gent): a word ending in a suffix of
 * org-prefixes.txt? (Not "het ministerie van Defensie", where Defensie is the ministry's name,
 * nor "de stichting van Israël".) */
static int lower_body(const feit_doc *d, size_t k)
{
    const feit_token *t = &d->toks[k];
    return t->kind == TOK_WORD && (t->flags & TF_LOWER) && suffix_is(t, LANG_W_SFX_ORGPREFIX);
}

/* Is token k a word after which "van X" names a town (burgemeester), or the last word of a
 * person named after one (burgemeester Jan Jansen van X)? */
static int mayor_before(const feit_gazetteer *g, const feit_doc *d, size_t k)
{
    const feit_token *t = &d->toks[k];
    if (t->mention >= 0) {
        const feit_mention *m = &d->ments[t->mention];
        if (m->e.type != FEIT_PERSON || m->tok_end != k + 1 || m->tok_start == 0)
            return 0;
        k = m->tok_start - 1, t = &d->toks[k];
    }
    return t->kind == TOK_WORD && ((t->flags & TF_LOWER) || mention_at_start(d, k)) && word_class(g, t, WC_MAYOR);
}

/* Does a list of fields that goes on at token k close with "en" and a capitalised word (",
 * Cultuur en Wetenschap")? */
static int fields_close(const feit_doc *d, const feit_sentence *s, size_t k)
{
    while (k < s->tok_end && (is_word_cap(d, k) || fold_is(&d->toks[k], ",")))
        k++;
    return k + 1 < s->tok_end && fn_is(d, k, LANG_FN_AND) && is_word_cap(d, k + 1);
}

/* Does token k, the last capitalised word after the field of "minister van <field>", name the
 * minister rather than end the field: the surname of a listed person (SLOT_SURNAME: Mnuchin) or a capitalised
 * word that no list and no word list knows (Koeleba)? A field is made of Dutch words
 * (Financiën, Buitenlandse Zaken, Klimaat en Groene Groei). */
static int minister_named(const feit_gazetteer *g, const feit_doc *d, size_t k)
{
    const gaz_word *w = mention_word(g, &d->toks[k]);
    if (w && (w->flags & SLOT_SURNAME) && !(w->flags & SLOT_COMMON))
        return 1;
    return unknown_cap(g, d, k);
}

/* 4c. "minister van Buitenlandse Zaken": the ministry named after a minister */
static int ministries_named(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c);

/* (as rule_org_context: the sentence's test in the caller) */
static inline int rule_ministries(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.lang & (1u << LANG_FN_OF)))
        return 0; /* (no "van" before a capitalised word) */
    return ministries_named(g, d, s, c);
}

__attribute__((noinline)) static int ministries_named(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    size_t next = s->tok_start + 1; /* the first place "van" may be */
    for (size_t ci = 0; ci < c.n; ci++) {
        if (c.at[ci] < next + 1) /* the list holds the capitalised word after "van" */
            continue;
        size_t i = c.at[ci] - 1;
        if (!fn_is(d, i, LANG_FN_OF) || !is_word_cap(d, i + 1))
            continue;
        const feit_token *w = &d->toks[i - 1];
        if (mayor_before(g, d, i - 1)) {
            /* burgemeester (Jan Jansen) van Westerkwartier: the town */
            size_t end = cap_run(d, s, i + 1, 3);
            if (add_rule_name(d, g, i + 1, end, FEIT_CITY, 0.6f))
                return FEIT_ENOMEM;
            next = end;
            continue;
        }
        /* "ministerie van Buitenlandse Zaken", "de gemeenteraad van Zwolle": a body written
         * in lower case before "van" is part of the name; after "minister van" the ministry
         * is the field alone */
        int body = lower_body(d, i - 1);
        if (!body && !word_class(g, w, WC_MINISTER))
            continue;
        size_t end = i + 1;
        while (end < s->tok_end && end - i < 6) {
            if (is_word_cap(d, end) && !body && end > i + 1 && !(end + 1 < s->tok_end && is_word_cap(d, end + 1)) &&
                minister_named(g, d, end))
                break; /* "minister van Financiën Mnuchin": the field ends before the minister */
            if (is_word_cap(d, end))
                end++;
            else if (fn_is(d, end, LANG_FN_AND) && end + 1 < s->tok_end && is_word_cap(d, end + 1))
                end += 2;
            else if (fold_is(&d->toks[end], ",") && end + 1 < s->tok_end && is_word_cap(d, end + 1) && fields_close(d, s, end + 1))
                end += 2; /* Onderwijs, Cultuur en Wetenschap; not "Binnenlandse Zaken, Ihor X, zei" */
            else
                break;
        }
        if (add_rule_name(d, g, body ? i - 1 : i + 1, end, FEIT_ORGANISATION, 0.6f))
            return FEIT_ENOMEM;
        next = end;
        if (!body && end < s->tok_end && is_word_cap(d, end) && minister_named(g, d, end)) {
            /* the minister after the field is a person (people.c links a listed one) */
            size_t pend = name_end(g, d, s, end, 4);
            take_span(d, end, pend);
            if (add_rule_name(d, g, end, pend, FEIT_PERSON, 0.6f))
                return FEIT_ENOMEM;
            next = pend;
        }
    }
    return 0;
}

/* 4d. an unknown acronym (two to six capitals, not a word like TV, not a Roman numeral, not in
 * an all-caps headline) is most often an organisation in news */
static int rule_acronyms(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    if (!(c.flags & TF_ALLCAPS))
        return 0; /* no word in capitals in the sentence */
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
        /* "( GSC )" closing an article or paragraph is the journalist's initials: a person */
        if (!digit && t->fold_len <= 4 && i > 0 && punct_is(d, i - 1, '(') && i + 1 < d->ntoks && punct_is(d, i + 1, ')') &&
            (i + 2 == d->ntoks || (d->toks[i + 2].flags & TF_NEWLINE))) {
            if (add_rule_name(d, g, i, i + 1, FEIT_PERSON, 0.4f))
                return FEIT_ENOMEM;
            continue;
        }
        /* two letters are too often units or abbreviations (FM, IQ), digits chemistry (CO2) */
        if (roman || digit || t->fold_len < 3 || mention_is_common(g, t))
            continue;
        int headline = 0;
        if (i > s->tok_start && d->toks[i - 1].kind == TOK_WORD && (d->toks[i - 1].flags & TF_ALLCAPS) && d->toks[i - 1].mention < 0)
            headline = 1;
        if (i + 1 < s->tok_end && d->toks[i + 1].kind == TOK_WORD && (d->toks[i + 1].flags & TF_ALLCAPS) && d->toks[i + 1].mention < 0)
            headline = 1;
        if (headline)
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

/* May person mention me take the capitalised particles [k, me->tok_start) before it? They open
 * a surname, never a given name ("Van Greta Thunberg zei": the preposition); and a known
 * person's short form takes only the particles of the full name (Van Beurden for Ben van
 * Beurden, not "Van Poetin"). */
static int particles_fit(const feit_gazetteer *g, const feit_doc *d, const feit_mention *me, size_t k)
{
    if (me->tok_end - me->tok_start >= 2 && firstname(g, &d->toks[me->tok_start]))
        return 0;
    if (me->entry < 0 && me->e.form != FEIT_FORM_PARTIAL)
        return 1;
    const char *canon = me->e.canonical;
    if (!canon)
        return 0;
    size_t a = d->toks[k].start, b = d->toks[me->tok_start].end;
    char want[128];
    if (b - a >= sizeof want)
        return 0;
    memcpy(want, d->text + a, b - a);
    want[b - a] = '\0';
    return strcasestr(canon, want) != NULL;
}

static int rule_particles(const feit_gazetteer *g, feit_doc *d)
{
    size_t n = d->nments; /* mentions added here are not looked at again */
    for (size_t m = 0; m < n; m++) {
        feit_mention *me = &d->ments[m];
        /* (the word before first, and whether it is a free capitalised word before the call:
         * it seldom is) */
        const feit_token *before = me->tok_start ? &d->toks[me->tok_start - 1] : NULL;
        if (me->e.confidence < 0 || !before || !(before->flags & TF_CAP) || before->mention >= 0 || !cap_particle(g, d, me->tok_start - 1))
            continue;
        int person = me->e.type == FEIT_PERSON && me->e.form != FEIT_FORM_ADJECTIVE;
        int place = overridable(d, (int32_t)m, me->tok_start);
        if (!person && !place)
            continue;
        size_t k = me->tok_start;
        while (k > 0 && k + 3 > me->tok_start && cap_particle(g, d, k - 1) &&
               d->toks[k - 1].sentence == d->toks[me->tok_start].sentence)
            k--;
        if (k == me->tok_start)
            continue;
        if ((person && !particles_fit(g, d, me, k)) || (place && mention_at_start(d, k)))
            continue; /* "Van Diepenbeek naar Hasselt": from the village */
        me->e.start = d->toks[k].start;
        for (size_t i = k; i < me->tok_start; i++)
            d->toks[i].mention = (int32_t)m;
        me->tok_start = (uint32_t)k;
        if (place || me->entry < 0) {
            const char *name = span_text(d, me->tok_start, me->tok_end);
            if (!name)
                return FEIT_ENOMEM;
            if (place) {
                me->entry = -1, me->e.kb = NULL;
                mention_set_country(me, NULL);
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
        /* (a curated person's surname (s->surname) has SLOT_SURNAME2 too: gazetteer.c's
         * set_surnames; most capitalised words are no surname of either kind) */
        if (!word_class(g, t, SLOT_SURNAME2) || !is_word_cap(d, i) || (t->flags & TF_ALLCAPS) || t->fold_len < 3)
            continue;
        const gaz_word *s = mention_word(g, t);
        if (!s || (s->flags & SLOT_COMMON) || gazetteer_names(g, s->hits))
            continue;
        /* "Poetin" opening a sentence is still a name: it is not a common word */
        if (s->surname && s->surname != UINT32_MAX) {
            /* a double surname the person bears whole (Yeşilgöz-Zegerius) is one mention */
            size_t a = i;
            if (i >= 2 && glued_hyphen(d, i - 1) && is_word_cap(d, i - 2) && (d->toks[i - 1].flags & TF_GLUED)) {
                char key[256];
                size_t n = span_key(d, i - 2, i + 1, NULL, NULL, key, sizeof key);
                const gaz_slot *sl = n ? gazetteer_lookup(g, key, n) : NULL;
                for (uint32_t h = sl ? sl->hits : 0; h; h = gazetteer_hit(g, h)->next)
                    if (gazetteer_hit(g, h)->form == FEIT_FORM_PARTIAL && gazetteer_hit(g, h)->entry == s->surname - 1)
                        a = i - 2;
            }
            if (mention_add(d, g, a, i + 1, (int32_t)(s->surname - 1), FEIT_PERSON, FEIT_FORM_PARTIAL, FEIT_SRC_GAZETTEER, NULL, 0.7f))
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

/* Is token k a capitalised word the lists and the word list know nothing of, written as a
 * name is (no digits, no capitals inside: not "OtDyQOWtF5"; no possessive: not "Rob's")? */
static int unknown_cap(const feit_gazetteer *g, const feit_doc *d, size_t k)
{
    const feit_token *t = &d->toks[k];
    if (!is_word_cap(d, k) || (t->flags & (TF_ALLCAPS | TF_ABBREV)) || t->fold_len < 3 || mention_word(g, t) ||
        suffix_is(t, LANG_W_SFX_PLACEHEAD) || suffix_is(t, LANG_W_SFX_ORGHEAD))
        return 0;
    for (uint32_t b = t->start + 1; b < t->end; b++) {
        unsigned char ch = (unsigned char)d->text[b];
        /* no digits or capitals inside, no apostrophe (Rob's: a title's genitive) */
        if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || ch == '\'' || (ch == 0xE2 && b + 2 < t->end && d->text[b + 1] == '\x80' && d->text[b + 2] == '\x99'))
            return 0;
    }
    return 1;
}

/* Does token k read as Dutch around a name: punctuation, or a lower-case word the word list
 * knows, or one longer than the short words it lists all of (not "to", "for")? */
static int plain_context(const feit_gazetteer *g, const feit_doc *d, size_t k)
{
    const feit_token *t = &d->toks[k];
    if (t->kind == TOK_PUNCT || t->kind == TOK_QUOTE)
        return 1;
    return t->kind == TOK_WORD && (t->flags & TF_LOWER) && (mention_is_common(g, t) || t->fold_len > 6);
}

/* 5b. two capitalised words in a row that nothing knows, inside a sentence, standing alone (no
 * capitalised word before or after): most often a person the lists lack (Tomasz Wierzbicki,
 * Oleh Marchenko) */
static int rule_unknown_pairs(const feit_gazetteer *g, feit_doc *d, const feit_sentence *s, cands c)
{
    for (size_t ci = 0; ci + 1 < c.n; ci++) {
        size_t i = c.at[ci];
        if (c.at[ci + 1] != i + 1 || i == s->tok_start || mention_at_start(d, i) || i + 2 > s->tok_end)
            continue;
        if (!plain_context(g, d, i - 1) || (i + 2 < s->tok_end && !plain_context(g, d, i + 2)) || glued_hyphen(d, i - 1) ||
            (i + 2 < s->tok_end && glued_hyphen(d, i + 2)))
            continue;
        if (!unknown_cap(g, d, i) || !unknown_cap(g, d, i + 1))
            continue;
        if (add_rule_name(d, g, i, i + 2, FEIT_PERSON, 0.4f))
            return FEIT_ENOMEM;
        ci++;
    }
    return 0;
}

/* The key of tokens [a, b) as the index spells it (folded words, a space where the text has
 * white space), with prefix "pre " or suffix " suf" when given; 0 when it does not fit. */
static size_t span_key(const feit_doc *d, size_t a, size_t b, const char *pre, const char *suf, char *key, size_t cap)
{
    size_t k = 0, n;
    if (pre) {
        n = strlen(pre);
        if (n + 1 >= cap)
            return 0;
        memcpy(key, pre, n), k = n, key[k++] = ' ';
    }
    for (size_t i = a; i < b; i++) {
        const feit_token *t = &d->toks[i];
        if (k + t->fold_len + 2 >= cap)
            return 0;
        if (i > a && !(t->flags & TF_GLUED))
            key[k++] = ' ';
        memcpy(key + k, t->fold, t->fold_len), k += t->fold_len;
    }
    if (suf) {
        n = strlen(suf);
        if (k + n + 2 >= cap)
            return 0;
        key[k++] = ' ', memcpy(key + k, suf, n), k += n;
    }
    return k;
}

/* The best-scored entries of one of the types in mask listed under key key[0..n) as a name of
 * ntok tokens: *curated the best curated (tier-1) one, *any the best of any tier; -1 none. (A
 * name of two tokens or more has its key's hash in the span filter, gazetteer_may_span: most
 * keys asked here are of no name, and the filter refuses them without a probe of the index.) */
static void listed_entries(const feit_gazetteer *g, const char *key, size_t n, size_t ntok, unsigned mask, int32_t *curated, int32_t *any)
{
    *curated = *any = -1;
    uint32_t hash = n ? gazetteer_key_hash(key, n) : 0;
    const gaz_slot *sl = n && (ntok < 2 || gazetteer_may_span(g, hash, false)) ? gazetteer_find(g, key, n, hash) : NULL;
    for (uint32_t h = sl ? sl->hits : 0; h && *curated < 0; h = gazetteer_hit(g, h)->next) {
        const gaz_hit *hit = gazetteer_hit(g, h);
        const gaz_entry *en = gazetteer_entry(g, hit->entry);
        if (hit->ntok == ntok && hit->form == FEIT_FORM_NAME && (mask & (1u << en->type))) {
            if (*any < 0)
                *any = (int32_t)hit->entry; /* the chain is sorted best first */
            if (en->tier == 1)
                *curated = (int32_t)hit->entry;
        }
    }
}

/* The best-scored curated entry of one of the types in mask listed under key key[0..n) as a
 * name of ntok tokens, or -1. */
static int32_t listed_as(const feit_gazetteer *g, const char *key, size_t n, size_t ntok, unsigned mask)
{
    int32_t curated, any;
    listed_entries(g, key, n, ntok, mask, &curated, &any);
    return curated;
}

/* Turns mention m into a name found by rule of type type, written as in the text. */
static int retype_rule(feit_doc *d, feit_mention *m, feit_type type, float confidence)
{
    const char *name = span_text(d, m->tok_start, m->tok_end);
    if (!name)
        return FEIT_ENOMEM;
    name = m->e.start == d->toks[m->tok_start].start && m->e.end == d->toks[m->tok_end - 1].end
               ? name
               : arena_strndup(&d->arena, d->text + m->e.start, m->e.end - m->e.start);
    if (!name)
        return FEIT_ENOMEM;
    m->entry = -1, m->e.kb = NULL, m->role = NULL;
    m->e.type = type, m->e.form = FEIT_FORM_NAME, m->e.source = FEIT_SRC_RULE, m->e.canonical = name, m->e.confidence = confidence;
    return 0;
}

/* Extends mention mi over tokens up to end (they are free or held by mentions it takes over). */
static void extend_to(feit_doc *d, int32_t mi, size_t end)
{
    feit_mention *m = &d->ments[mi];
    for (size_t k = m->tok_end; k < end; k++) {
        if (d->toks[k].mention >= 0 && d->toks[k].mention != mi)
            kill_mention(d, d->toks[k].mention);
        d->toks[k].mention = mi;
    }
    m->tok_end = (uint32_t)end, m->e.end = d->toks[end - 1].end;
}

static int is_place(feit_type t) { return t == FEIT_CITY || t == FEIT_LOCATION || t == FEIT_COUNTRY; }

/* 8a. what mentions say of each other: bodies of a place (de gemeenteraad van Utrecht,
 * Provinciale Staten van Gelderland), sponsor names (Team Visma-Lease a Bike), a name before
 * an organisation noun (Jan Linders-supermarkten) and buildings the lists call cities (Paleis
 * Noordeinde, Philips Stadion). */
static int rule_bodies(const feit_gazetteer *g, feit_doc *d)
{
    size_t n = d->nments;
    for (size_t mi = 0; mi < n; mi++) {
        feit_mention *m = &d->ments[mi];
        if (!live(m) || (m->e.form != FEIT_FORM_NAME && m->e.form != FEIT_FORM_PARTIAL))
            continue;
        size_t a = m->tok_start, b = m->tok_end;
        uint32_t sent = d->toks[a].sentence;
        const feit_sentence *s = &d->sents[sent];
        if (is_place(m->e.type) && a >= 2 && fn_is(d, a - 1, LANG_FN_OF) && lower_body(d, a - 2) && d->toks[a - 2].mention < 0) {
            /* de gemeenteraad van Utrecht: the body, not the town */
            int32_t keep = (int32_t)mi;
            m->tok_start = (uint32_t)(a - 2), m->e.start = d->toks[a - 2].start;
            d->toks[a - 2].mention = d->toks[a - 1].mention = keep;
            if (retype_rule(d, m, FEIT_ORGANISATION, 0.6f))
                return FEIT_ENOMEM;
            continue;
        }
        if (m->e.type == FEIT_ORGANISATION && b + 1 < s->tok_end && org_prefix(g, &d->toks[b - 1]) && fn_is(d, b, LANG_FN_OF) &&
            d->toks[b + 1].kind == TOK_WORD && (d->toks[b + 1].flags & TF_CAP)) {
            /* Provinciale Staten van Gelderland: the body of that province */
            int32_t p = d->toks[b + 1].mention;
            size_t end = 0;
            if (p >= 0 && is_place(d->ments[p].e.type) && d->ments[p].tok_start == b + 1)
                end = d->ments[p].tok_end;
            else if (p < 0)
                end = cap_run(d, s, b + 1, 3);
            if (end > b + 1) {
                extend_to(d, (int32_t)mi, end);
                if (retype_rule(d, &d->ments[mi], FEIT_ORGANISATION, 0.6f))
                    return FEIT_ENOMEM;
                continue;
            }
        }
        if (m->e.type == FEIT_ORGANISATION && b + 1 < s->tok_end && glued_hyphen(d, b) && is_word_cap(d, b + 1)) {
            /* Team Visma-Lease a Bike, Team Jumbo-Visma: a sponsor name goes on after its hyphen
             * where it opens with a team word or its listed name goes on so */
            size_t end = b + 2;
            while (end < s->tok_end && (is_word_cap(d, end) || (d->toks[end].kind == TOK_WORD && (d->toks[end].flags & TF_LOWER) &&
                                                               d->toks[end].fold_len <= 2 && end + 1 < s->tok_end && is_word_cap(d, end + 1))))
                end++;
            const char *canon = m->e.canonical;
            char want[64];
            snprintf(want, sizeof want, "-%.*s", (int)doc_tok_len(d, b + 1), doc_tok_text(d, b + 1));
            if (org_prefix(g, &d->toks[a]) || (canon && m->entry >= 0 && strstr(canon, want))) {
                extend_to(d, (int32_t)mi, end);
                if (m->entry < 0 && retype_rule(d, &d->ments[mi], FEIT_ORGANISATION, d->ments[mi].e.confidence))
                    return FEIT_ENOMEM;
                continue;
            }
        }
        if ((m->e.type == FEIT_PERSON || is_place(m->e.type)) && m->e.form == FEIT_FORM_NAME && b + 1 < s->tok_end &&
            glued_hyphen(d, b) && org_noun(g, d, b + 1)) {
            /* Jan Linders-supermarkten, Makro-vestigingen: the name of a company */
            if (retype_rule(d, m, FEIT_ORGANISATION, 0.6f))
                return FEIT_ENOMEM;
            continue;
        }
        if (m->e.type == FEIT_CITY && b - a >= 2 && m->entry >= 0 && gazetteer_entry(g, (uint32_t)m->entry)->tier > 1) {
            /* Paleis Noordeinde, Philips Stadion: a building the bulk lists call a city (a
             * curated city stays one: Menlo Park) */
            int alone;
            if (word_class(g, &d->toks[a], WC_PLACEPREFIX) || place_end(g, d, b - 1, &alone))
                m->e.type = FEIT_LOCATION;
        }
    }
    return 0;
}

/* What sentence k says of sport: bit 0, a sport word (wedstrijd, spits) or a score (2-1); bit
 * 1, a word that is about sport in an article about sport (won, speelt, versloeg). */
static int sport_sentence(const feit_gazetteer *g, const feit_doc *d, size_t k)
{
    const feit_sentence *s = &d->sents[k];
    int r = 0;
    /* (most tokens are words of neither class: one test of the two classes a word, and the
     * answer, asked only of those that are one, stops the walk once it has both bits; the
     * classes as the lexicon stage copied them into the token's rel, not from its record, a
     * line at random per word: a token without TF_SLOT has no record's classes there) */
    for (const feit_token *t = d->toks + s->tok_start, *end = d->toks + s->tok_end; t < end; t++) {
        if (t->kind == TOK_WORD) {
            if (!(t->flags & TF_LOWER))
                continue;
            unsigned c = t->flags & TF_SLOT ? t->rel & (REL_WORD_SPORT | REL_WORD_SPORTVERB)
                         : word_class(g, t, WC_SPORT) ? REL_WORD_SPORT
                         : word_class(g, t, WC_SPORTVERB) ? REL_WORD_SPORTVERB : 0;
            if (c) {
                r |= c & REL_WORD_SPORT ? 1 : 2;
                if (r == 3)
                    break;
            }
        } else if (t->kind == TOK_NUM && t->end - t->start <= 5) { /* 2-1, 10-0 */
            const char *p = d->text + t->start, *q = d->text + t->end, *h = memchr(p, '-', (size_t)(q - p));
            if (h && h > p && h + 1 < q && p[0] >= '0' && p[0] <= '9' && q[-1] >= '0' && q[-1] <= '9' && (r |= 1) == 3)
                break;
        }
    }
    return r;
}

/* The club listed for the town named by mention m (FC Twente for Twente, Liverpool FC for
 * Liverpool), or an organisation listed under the town's own name, or -1. */
static int32_t club_of(const feit_gazetteer *g, const feit_doc *d, const feit_mention *m)
{
    char key[256];
    size_t ntok = m->tok_end - m->tok_start;
    size_t naff;
    const char *const *aff = lang_fn_words(d->lang, LANG_FN_CLUB, &naff);
    unsigned org = 1u << FEIT_ORGANISATION;
    /* a curated club first, whatever its affix, else the first key's of any tier, in the
     * order of the keys: the town's name, then each affix before it and after it (each key
     * looked up once for both) */
    int32_t first_any = -1;
    for (size_t k = 0; k <= 2 * naff; k++) {
        const char *pre = k % 2 ? aff[k / 2] : NULL, *suf = k && !(k % 2) ? aff[k / 2 - 1] : NULL;
        int32_t curated, any;
        listed_entries(g, key, span_key(d, m->tok_start, m->tok_end, pre, suf, key, sizeof key), k ? ntok + 1 : ntok, org,
                       &curated, &any);
        if (curated >= 0)
            return curated;
        if (first_any < 0)
            first_any = any;
    }
    return first_any;
}

/* 8b. a club named like its town: in a sentence about sport the town's name is the club
 * (speelt bij Liverpool; Twente won in Enschede: but after "in" the town), linked to the
 * club's listed name where there is one; in a sentence about no sport, a listed organisation
 * after "in", "uit" ... that is also a listed place is the place (een winkel in Anderlecht). */
static int rule_sport(const feit_gazetteer *g, feit_doc *d)
{
    signed char *sport = arena_alloc(&d->arena, d->nsents + 1);
    if (!sport)
        return FEIT_ENOMEM;
    memset(sport, -1, d->nsents + 1);
    int doc_sport = -1; /* sentences with a sport word in the document, counted up to 2 */
    char key[256];
    for (size_t mi = 0; mi < d->nments; mi++) {
        feit_mention *m = &d->ments[mi];
        /* (a place by its shape, Jan Breydelstadion, is no town: a listed name only) */
        if (!live(m) || m->e.form != FEIT_FORM_NAME || m->entry < 0 || (d->toks[m->tok_start].flags & (TF_DATELINE | TF_AGENCY)))
            continue;
        int place = m->e.type == FEIT_CITY || m->e.type == FEIT_LOCATION;
        if (!place && m->e.type != FEIT_ORGANISATION)
            continue;
        size_t a = m->tok_start;
        uint32_t k = d->toks[a].sentence;
        /* in X, uit het Twentse X: the word before, past an article and adjectives */
        size_t p = a;
        while (p > d->sents[k].tok_start &&
               ((fn_is(d, p - 1, LANG_FN_ARTICLE) && (d->toks[p - 1].flags & TF_LOWER)) ||
                (d->toks[p - 1].mention >= 0 && d->ments[d->toks[p - 1].mention].e.form == FEIT_FORM_ADJECTIVE)))
            p--;
        int at = p > d->sents[k].tok_start && fn_is(d, p - 1, LANG_FN_AT);
        if (!place && !at)
            continue;
        if (sport[k] < 0 && !(place && at)) {
            /* a sentence with a sport word; or with a word such as "won" in an article with
             * two sport words or more ("Shell verloor een rechtszaak" is no sport) */
            int r = sport_sentence(g, d, k);
            if (r == 2 && doc_sport < 0) {
                doc_sport = 0;
                for (size_t q = 0; q < d->nsents && doc_sport < 2; q++)
                    doc_sport += sport_sentence(g, d, q) & 1;
            }
            sport[k] = (signed char)((r & 1) || (r == 2 && doc_sport >= 2));
        }
        /* Liverpool-aanvoerder, Twente-trainer: a town before a sport word is its club */
        int sport_head = place && m->tok_end + 1 < d->sents[k].tok_end && glued_hyphen(d, m->tok_end) &&
                         d->toks[m->tok_end + 1].kind == TOK_WORD && word_class(g, &d->toks[m->tok_end + 1], WC_SPORT);
        if (place && (sport[k] || sport_head) && !at) {
            const feit_token *w = a > d->sents[k].tok_start ? &d->toks[a - 1] : NULL;
            if (w && (word_class(g, w, WC_CITYNOUN) || word_class(g, w, WC_REGIONNOUN)))
                continue; /* de stad Liverpool */
            int32_t club = club_of(g, d, m);
            if (club >= 0) {
                mention_link(m, g, club);
                m->e.type = FEIT_ORGANISATION, m->e.source = FEIT_SRC_GAZETTEER;
            } else if (m->e.type == FEIT_CITY && retype_rule(d, m, FEIT_ORGANISATION, 0.5f)) {
                return FEIT_ENOMEM; /* (a region is a club only where one is listed: Twente) */
            }
        } else if (!place && !sport[k]) {
            unsigned places = (1u << FEIT_CITY) | (1u << FEIT_LOCATION);
            int32_t e = listed_as(g, key, span_key(d, a, m->tok_end, NULL, NULL, key, sizeof key), m->tok_end - a, places);
            if (e >= 0) {
                mention_link(m, g, e);
                m->e.type = (feit_type)gazetteer_entry(g, (uint32_t)e)->type;
            }
        }
    }
    return 0;
}

/* 8c. names in a list whose other names are of one type take it: "Beek, Heerlen, Roermond en
 * Swalmen", "VfL Wolfsburg, Burnley, Besiktas en Hoffenheim", "Swissair / Sabena". A list
 * item is a run of free capitalised words after ",", "en" or "/", never opening a sentence;
 * its type comes from the mention just before or just after it (both, when both are there,
 * must agree). dir 1 walks forwards (a list lends its type to the right), -1 backwards;
 * *added: how many names it added. c: the tokens after a separator (list_item_at). */
static int list_item_at(const feit_doc *d, size_t i)
{
    if (i < 2)
        return 0;
    const feit_token *sep = &d->toks[i - 1];
    return sep->kind == TOK_PUNCT ? punct_is(d, i - 1, ',') || punct_is(d, i - 1, '/') : (sep->flags & TF_LOWER) && fn_is(d, i - 1, LANG_FN_AND);
}

static int rule_lists(const feit_gazetteer *g, feit_doc *d, cands c, int dir, size_t *added)
{
    for (size_t ci = 0; ci < c.n; ci++) {
        size_t i = c.at[dir > 0 ? ci : c.n - 1 - ci];
        const feit_sentence *s = &d->sents[d->toks[i].sentence];
        /* (a common word written with a capital inside a sentence is a name: Zuidoost, Noord) */
        if (i < s->tok_start + 2 || !is_word_cap(d, i) || mention_at_start(d, i))
            continue;
        size_t end = cap_run(d, s, i, 3);
        int ok = end > i && (end == s->tok_end || plain_context(g, d, end)); /* not "Youth [for Climate]" */
        for (size_t k = i; k < end; k++)
            ok &= d->toks[k].mention < 0;
        if (!ok)
            continue;
        int type = -1;
        int32_t l = d->toks[i - 2].mention;
        if (l >= 0 && live(&d->ments[l]) && d->ments[l].tok_end == i - 1 &&
            (d->ments[l].e.form == FEIT_FORM_NAME || d->ments[l].e.form == FEIT_FORM_PARTIAL))
            type = d->ments[l].e.type;
        if (end + 1 < s->tok_end && (punct_is(d, end, ',') || punct_is(d, end, '/') || fn_is(d, end, LANG_FN_AND))) {
            int32_t r = d->toks[end + 1].mention;
            if (r >= 0 && live(&d->ments[r]) && d->ments[r].tok_start == end + 1 &&
                (d->ments[r].e.form == FEIT_FORM_NAME || d->ments[r].e.form == FEIT_FORM_PARTIAL)) {
                if (type >= 0 && type != (int)d->ments[r].e.type)
                    continue;
                type = d->ments[r].e.type;
            }
        }
        if (type < 0)
            continue;
        if (type == FEIT_COUNTRY)
            type = FEIT_LOCATION; /* a country the lists lack is a place all the same */
        if (add_rule_name(d, g, i, end, (feit_type)type, 0.5f))
            return FEIT_ENOMEM;
        ++*added;
    }
    return 0;
}

/* Is sentence-opening token t a common word that no rule acts at ("De", "In", "Maar": about one
 * listed word in five)? A common word opening a sentence starts no name (every rule asks
 * mention_at_start and mention_is_common, or a word before it in the sentence) but a first
 * name (rule 1), an event word (0) or an organisation prefix (4); those are among the bits
 * the sentence's summary asks of a listed word itself (CAND_*), so a word with none of them
 * is left out of the list, and the summary is what it would be with it. */
static int opener_only(const feit_token *t)
{
    const feit_wordinfo *w = t->info;
    return (t->flags & TF_SLOT) && w->word.found && (w->word.flags & SLOT_COMMON) && !(t->flags & CAND_FLAGS) &&
           !(w->word.flags & CAND_WORDS) && !(w->lang & CAND_LANG);
}

static int by_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Lists in at the tokens this stage acts at, in order: the capitalised words (the lexicon
 * stage's lists->caps) and the words a gazetteer match holds (found from the matches, each
 * token once: it points at one of them), so that no walk of every token is made here; sets
 * *nat to how many. held: room for every token. Narrows lists->caps to the discourse layer's
 * (names.h) on the way. Most held words are capitalised words, listed already: only the
 * others (particles, lower-case words, marks inside a name: a few in a document) are merged
 * in, so the walk of the capitalised words tests one bound a word. A sentence's opening common
 * word that no rule acts at (opener_only) is left out: every walk of the list passes it. */
static void list_tokens(const feit_doc *d, uint32_t *at, size_t *nat, uint32_t *held, names_tokens *lists)
{
    const feit_token *toks = d->toks;
    size_t nheld = 0;
    for (size_t m = 0; m < d->nments; m++)
        for (uint32_t k = d->ments[m].tok_start; k < d->ments[m].tok_end; k++)
            if (toks[k].mention == (int32_t)m && !(toks[k].kind == TOK_WORD && (toks[k].flags & TF_CAP)))
                held[nheld++] = k;
    /* (the matcher adds in text order but for the sentences it matches again at its end) */
    for (size_t k = 1; k < nheld; k++)
        if (held[k] < held[k - 1]) {
            qsort(held, nheld, sizeof *held, by_index);
            break;
        }
    uint32_t *caps = lists->caps;
    size_t ncaps_in = lists->ncaps, n = 0, ncaps = 0, ci = 0;
    held[nheld] = UINT32_MAX; /* (after the last: room for every token and one) */
    for (size_t hi = 0; hi <= nheld; hi++) {
        for (uint32_t h = held[hi]; ci < ncaps_in && caps[ci] < h; ci++) {
            uint32_t c = caps[ci];
            unsigned fl = toks[c].flags;
            if (!(fl & (TF_ALLCAPS | TF_DATELINE | TF_AGENCY)))
                caps[ncaps++] = c;
            if (!(fl & TF_SSTART) || !opener_only(&toks[c]))
                at[n++] = c;
        }
        if (hi < nheld)
            at[n++] = held[hi];
    }
    lists->ncaps = ncaps;
    *nat = n;
}

int names_doc(const feit_gazetteer *g, feit_doc *d, names_carry *carry, names_tokens *lists)
{
    /* Capitalised words, and words a gazetteer match holds: short forms may take over a
     * one-word match (the names rule 1 adds first are persons, which they leave alone). The
     * lists are this stage's scratch, the worker's block (lists->scratch: a malloc and a free
     * fewer a document), not kept with the document: a long document's is given back at the
     * end (the relation stage, the peak of its memory, reuses it). */
    size_t size = (d->nsents + 1) * sizeof(cands) + 2 * (d->ntoks + 1) * sizeof(uint32_t);
    uint32_t *epo = NULL;
    size_t nepo = 0, cepo = 0;
    size_t n;
    cands *sent = scratch_fit(&lists->scratch, &lists->nscratch, size);
    if (!sent)
        goto oom;
    uint32_t *at = (uint32_t *)(sent + d->nsents + 1); /* (the second half: list_tokens' scratch) */
    list_tokens(d, at, &n, at + d->ntoks + 1, lists);
    /* a title the bulk lists hold as a name ("CFO", "COO": some company somewhere) is the
     * title here: "CFO Marieke de Vries" */
    for (size_t m = 0; m < d->nments; m++) {
        const feit_mention *me = &d->ments[m];
        /* (the entry, a line of the gazetteer's table, read only for a one-word title) */
        if (me->entry >= 0 && me->tok_end == me->tok_start + 1 && word_class(g, &d->toks[me->tok_start], WC_TITLE) &&
            gazetteer_entry(g, (uint32_t)me->entry)->tier > 1)
            kill_mention(d, (int32_t)m);
    }
    /* one walk of the list gives each sentence its range and what its listed tokens say (the
     * sentences cover the tokens in order, as sentence_split makes them, so each sentence's
     * listed tokens are the run of the list after the last one's) */
    const feit_token *toks = d->toks;
    at[n] = UINT32_MAX; /* (after the last listed: every sentence's walk stops at it) */
    size_t li = 0;
    for (size_t k = 0; k < d->nsents; k++) {
        uint32_t first = d->sents[k].tok_start, end = d->sents[k].tok_end;
        sent[k].at = at + li;
        unsigned fl = 0;
        uint32_t words = 0, lang = 0;
        if (at[li] == first) { /* (the rules act after a word of the sentence) */
            const feit_token *t = &toks[first];
            fl = t->flags & CAND_FLAGS, words = t->info->word.flags & CAND_WORDS, lang = t->info->lang & CAND_LANG;
            li++;
        }
        for (; at[li] < end; li++) {
            const feit_token *t = &toks[at[li]];
            fl |= (t->flags & CAND_FLAGS) | (t[-1].flags & CAND_FLAGS_BEFORE);
            words |= (t->info->word.flags & CAND_WORDS) | (t[-1].info->word.flags & CAND_WORDS_BEFORE);
            lang |= (t->info->lang & CAND_LANG) | (t[-1].info->lang & CAND_LANG_BEFORE);
        }
        sent[k].n = (size_t)(at + li - sent[k].at);
        sent[k].flags = fl, sent[k].words = words, sent[k].lang = lang;
        /* Events and eponyms first: what they hold no other rule may take. The rules of this
         * walk act only inside their sentence, so one walk makes them all, in the walk that
         * makes the summaries (which read only what the rules leave alone): each sentence sees
         * what it would after the rules before had run over every sentence. (A rule has
         * nothing to do in a sentence without a capitalised word.) */
        const feit_sentence *s = &d->sents[k];
        if (cands_any(sent[k], walk1_bits) && (rule_events(g, d, s, sent[k]) || rule_eponyms(g, d, sent[k], &epo, &nepo, &cepo) ||
                          rule_org_context(g, d, s, sent[k]) || rule_firstnames(g, d, s, sent[k]) || rule_initials(g, d, s, sent[k])))
            goto oom;
    }
    cands all = {.at = at, .n = n};
    if (rule_short_forms(g, d, all, carry))
        goto oom;
    /* From here on a word once held stays held (a rule that takes over a match holds its
     * words again at once), and the rules left act only at free capitalised words: drop the
     * others, sentence by sentence (parts shrink in place, in order). */
    n = 0;
    for (size_t k = 0; k < d->nsents; k++) {
        const feit_sentence *s = &d->sents[k];
        const uint32_t *from = sent[k].at;
        size_t m = sent[k].n;
        sent[k].at = at + n;
        for (size_t c = 0; c < m; c++)
            if (is_word_cap(d, from[c]))
                at[n++] = from[c];
        sent[k].n = (size_t)(at + n - sent[k].at);
        if (sent[k].n && cands_any(sent[k], walk2_bits) && (rule_roles(g, d, s, sent[k]) || rule_org_heads(g, d, s, sent[k]) || rule_orgs(g, d, s, sent[k]) ||
                          rule_ministries(g, d, s, sent[k]) || rule_places(g, d, s, sent[k]) || rule_place_context(g, d, s, sent[k])))
            goto oom;
    }
    all.n = n;
    if (rule_surnames(g, d, all) || eponym_persons(g, d, epo, nepo) || rule_agencies(g, d))
        goto oom;
    for (size_t k = 0; k < d->nsents; k++) /* every listed or shaped name has had its turn */
        if (sent[k].n && (rule_acronyms(g, d, &d->sents[k], sent[k]) ||
                          (sent[k].n > 1 && rule_unknown_pairs(g, d, &d->sents[k], sent[k]))))
            goto oom;
    if (rule_bodies(g, d) || rule_sport(g, d))
        goto oom;
    /* Lists: only the words after a separator can be items (whatever the rules did: the
     * separators are words), and a walk backwards finds what the walk forwards found where
     * that added nothing (nothing changed between them): then it is not made. */
    size_t nitems = 0, added = 0;
    for (size_t k = 0; k < all.n; k++)
        if (list_item_at(d, all.at[k]))
            at[nitems++] = all.at[k];
    cands items = {.at = at, .n = nitems};
    if (rule_lists(g, d, items, 1, &added) || (added && rule_lists(g, d, items, -1, &added)))
        goto oom;
    if (rule_particles(g, d))
        goto oom;
    free(epo);
    scratch_end(&lists->scratch, &lists->nscratch); /* (a long document's: not kept through its relation stage) */
    return 0;
oom:
    free(epo);
    scratch_end(&lists->scratch, &lists->nscratch);
    return FEIT_ENOMEM;
}