/* relate.c — applies a loaded rule set (rules.h) to one document: runs the matcher
 * (relate_match.c) over each sentence's tokens and mentions, then type checks against the
 * predicate vocabulary, negation/hedging cues, role inheritance (ambtgenoot), and merging and
 * ordering of repeated facts. No allocation per token: match state lives on the stack, the
 * per-document bookkeeping in d->arena. */
#include "relations/relate.h"
#include "relations/facts.h"
#include "relations/relate_match.h"
#include "relations/rules.h"

#include "core/lang.h"
#include "core/types.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A sentence longer than this is not prose (a table, a list without stops): skipped. */
#define MAX_SENT_TOKS 1000
#define MAX_PENDING 16
#define MAX_SEEN 64
#define NOPOS UINT32_MAX
#define MAX_GROUP 16 /* members of a list a fact is spread over */
#define MAX_SUCC 64 /* successions in one document */
#define LAST_WINDOW 6 /* sentences back to the fact whose argument LAST takes */
#define KEEP_BLOCK 4096 /* words of a block of the sentences' kept lists at least (relate_doc) */

/* ------------------------------------------------------------------------------------------ */
/* triples: checks, merging, ordering */

typedef struct tinfo {
    uint32_t subj_pos, obj_pos; /* token positions in the evidence sentence (NOPOS: DOC) */
    uint32_t last_sent;         /* last sentence counted */
} tinfo;

/* "A wordt opgevolgd door B" (a rule's `-> B roles-of A`) */
typedef struct succession {
    feit_arg heir;    /* B */
    const char *from; /* A's canonical name */
    uint32_t heir_pos;
    const char *rule;
    float confidence;
    feit_time time;
    uint32_t sent;
} succession;

typedef struct rel {
    const feit_rules *r;
    feit_doc *d;
    size_t base;   /* first triple of this call in d->triples */
    tinfo *info;   /* parallel to d->triples[base..] (arena) */
    size_t cinfo;
    int nseen;     /* (seen) */
    int nvirts;    /* (virts) */
    int npending;  /* (pending) */
    int nsucc;     /* (succ) */
    int32_t main_org; /* the organisation the document is about (a mention), -1 none, -2 not
                       * looked for yet */
    /* the countries the document names (country_named): per ISO code its first country
     * mention, in order of first appearance; made on first need (ncountries -1 before, -2 out
     * of memory: then the mentions are scanned each time) */
    struct named_country {
        const char *iso;
        int32_t mention;
    } *countries;
    int32_t ncountries;
    facts_index facts; /* the document's triples (from base on) by their arguments (add_triple) */
    /* The lists, read only up to their counts above: relate_doc clears what is before them
     * (REL_CLEAR), not their 7 KB. */
    /* per sentence */
    struct { /* triples emitted in the current sentence */
        int32_t pred;
        const char *qualifier;
        uint32_t subj_pos;
        const char *subj;
    } seen[MAX_SEEN];
    virt virts[MAX_VIRT];
    struct {
        int32_t person; /* mention */
        feit_arg obj;
        uint32_t obj_pos;
        const char *rule;
        float confidence;
        const char *qualifier;
        feit_time time;
    } pending[MAX_PENDING];
    succession succ[MAX_SUCC]; /* resolved when the whole document is read */
} rel;
#define REL_CLEAR offsetof(rel, seen)

/* The sentence holding byte offset off (the first sentence when off < 0). */
static uint32_t sentence_at(const feit_doc *d, int64_t off)
{
    uint32_t lo = 0, hi = (uint32_t)d->nsents;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if ((int64_t)d->sents[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* One fact stated in sentence sent, with evidence from sentence ev_sent on (ev_sent < sent:
 * the fact needs the sentence where a description's entity is named). */
static int add_triple(rel *R, int32_t pi, feit_arg subj, uint32_t spos, feit_arg obj, uint32_t opos,
                      const char *qualifier, float conf, const char *rule, uint32_t sent, uint32_t ev_sent, feit_time tm)
{
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    const rpred *p = &r->preds[pi];
    if (!subj.canonical || !obj.canonical)
        return 0;
    if (!(p->subj_types & (1u << subj.type)) || !(p->obj_types & (1u << obj.type)))
        return 0;
    if (facts_same_arg(&subj, &obj) || !strcmp(subj.canonical, obj.canonical))
        return 0;
    if (p->symmetric && opos < spos) {
        feit_arg t = subj;
        subj = obj, obj = t;
        uint32_t tp = spos;
        spos = opos, opos = tp;
    }
    if (R->nseen < MAX_SEEN) {
        R->seen[R->nseen].pred = pi;
        R->seen[R->nseen].qualifier = qualifier;
        R->seen[R->nseen].subj_pos = spos;
        R->seen[R->nseen].subj = subj.canonical;
        R->nseen++;
    }
    feit_triple t = {.subject = subj,
                     .object = obj,
                     .predicate = p->name,
                     .wikidata = p->wd_by_type[obj.type] ? p->wd_by_type[obj.type] : p->wikidata,
                     .rule = rule,
                     .qualifier = qualifier,
                     .confidence = conf,
                     .sentence = sent,
                     .ev_start = d->sents[ev_sent].start,
                     .ev_end = d->sents[sent].end,
                     .count = 1,
                     .time = tm};
    int64_t found = facts_find(&R->facts, d->triples, &t, p->symmetric);
    if (found >= 0) {
        tinfo *ti = &R->info[found - R->base];
        t.count = ti->last_sent != sent; /* (a fact counts once a sentence) */
        ti->last_sent = sent;
        int rc = facts_merge(&R->facts, d->triples, (uint32_t)found, &t);
        if (rc == 1)
            ti->subj_pos = spos, ti->obj_pos = opos;
        return rc < 0 ? rc : 0;
    }
    size_t k = d->ntriples - R->base;
    if (k == R->cinfo) {
        size_t ncap = R->cinfo ? R->cinfo * 2 : 32;
        tinfo *ni = arena_alloc(&d->arena, ncap * sizeof *ni);
        if (!ni)
            return FEIT_ENOMEM;
        if (k)
            memcpy(ni, R->info, k * sizeof *ni);
        R->info = ni, R->cinfo = ncap;
    }
    feit_triple *slot = DOC_PUSH(d->triples, d->ntriples, d->ctriples);
    if (!slot)
        return FEIT_ENOMEM;
    *slot = t;
    R->info[k] = (tinfo){spos, opos, sent};
    return facts_file(&R->facts, d->triples, (uint32_t)(d->ntriples - 1));
}

/* LAST: the latest fact with predicate pi stated in sentence sent or up to LAST_WINDOW sentences
 * before it (a triple of d->triples), or -1. */
static int32_t last_fact(const rel *R, int32_t pi, uint32_t sent)
{
    const feit_doc *d = R->d;
    const char *name = R->r->preds[pi].name;
    int32_t best = -1;
    for (size_t i = R->base; i < d->ntriples; i++) {
        uint32_t at = R->info[i - R->base].last_sent;
        if (d->triples[i].predicate == name && at <= sent && at + LAST_WINDOW >= sent &&
            (best < 0 || at >= R->info[best - R->base].last_sent))
            best = (int32_t)i;
    }
    return best;
}

static feit_arg arg_of(const feit_doc *d, int32_t mi)
{
    const feit_mention *me = &d->ments[mi];
    return (feit_arg){me->e.canonical, me->e.kb, me->e.type};
}

/* ISO code of the document's country (the first dateline's place, or the country its mentions
 * point to: setting.c); NULL when unknown. */
static const char *doc_iso(const feit_doc *d)
{
    return d->has_doc_country && d->doc_iso && *d->doc_iso ? d->doc_iso : NULL;
}

/* Is mention c an organisation of a kind with heads of its own (the rules' 'own-heads': a
 * company, a bank, a club ...), and not the news agency of a dateline? */
static bool own_heads(const feit_rules *r, const feit_doc *d, const feit_mention *c)
{
    if (c->e.type != FEIT_ORGANISATION || !c->kind || (d->toks[c->tok_start].flags & TF_AGENCY))
        return false;
    for (int32_t k = 0; k < r->nown_kinds; k++)
        if (!strcmp(c->kind, r->own_kinds[k]))
            return true;
    return false;
}

/* Does sentence sent, or the one before it, name an organisation of a kind that has heads of
 * its own? */
static bool business_in_sentence(const feit_rules *r, const feit_doc *d, uint32_t sent)
{
    uint32_t from = d->sents[sent > 0 ? sent - 1 : 0].tok_start, to = d->sents[sent].tok_end;
    for (size_t i = doc_mention_from(d, 0, d->nments, sent > 0 ? sent - 1 : 0); i < d->nments && d->ments[i].tok_start < to; i++)
        if (d->ments[i].tok_start >= from && own_heads(r, d, &d->ments[i]))
            return true;
    return false;
}

/* DOC in a rule: the country of the entity mi. A person the gazetteer places in a country gets
 * that country when the document names it, or when it is the document's country; a name the
 * gazetteer does not know gets the document's country; neither falls back on the document's
 * country in a sentence about a company or a club; a known entity without a country gets nothing (a guess would be wrong too often: "voorzitter Ursula von der Leyen" in Brussels). */
/* Is mention c a country with an ISO code? */
static bool iso_country(const feit_mention *c) { return c->e.type == FEIT_COUNTRY && c->country; }

/* R->countries, from one walk over the mentions (a document names few countries: each new
 * one is looked for among those seen). */
static void index_countries(rel *R)
{
    const feit_doc *d = R->d;
    size_t cap = 0;
    R->ncountries = 0;
    for (size_t i = 0; i < d->nments; i++) {
        const feit_mention *c = &d->ments[i];
        if (!iso_country(c))
            continue;
        int32_t k = 0;
        while (k < R->ncountries && strcmp(R->countries[k].iso, c->country))
            k++;
        if (k < R->ncountries)
            continue;
        if ((size_t)R->ncountries == cap) {
            size_t ncap = cap ? 2 * cap : 16;
            struct named_country *n = arena_alloc(&R->d->arena, ncap * sizeof *n);
            if (!n) {
                R->ncountries = -2;
                return;
            }
            if (cap)
                memcpy(n, R->countries, cap * sizeof *n);
            R->countries = n, cap = ncap;
        }
        R->countries[R->ncountries++] = (struct named_country){c->country, (int32_t)i};
    }
}

/* The country with ISO code iso as the document names it (its first mention), into *out; false
 * when it does not. */
static bool country_named(rel *R, const char *iso, feit_arg *out)
{
    const feit_doc *d = R->d;
    if (R->ncountries == -1)
        index_countries(R);
    int32_t found = -1;
    if (R->ncountries >= 0) {
        for (int32_t k = 0; k < R->ncountries && found < 0; k++)
            if (!strcmp(R->countries[k].iso, iso))
                found = R->countries[k].mention;
    } else {
        for (size_t i = 0; i < d->nments && found < 0; i++)
            if (iso_country(&d->ments[i]) && !strcmp(d->ments[i].country, iso))
                found = (int32_t)i;
    }
    if (found < 0)
        return false;
    const feit_mention *c = &d->ments[found];
    *out = (feit_arg){c->e.canonical, c->e.kb, c->e.type};
    return true;
}

static bool home_country(rel *R, int32_t mi, uint32_t sent, feit_arg *out, bool own)
{
    const feit_rules *r = R->r;
    const feit_doc *d = R->d;
    const char *iso = mi >= 0 ? d->ments[mi].country : NULL;
    if (own) {
        /* A.country: the entity's own country as the gazetteer has it, named in the
         * document or the document's own; never a guess */
        const char *di = doc_iso(d);
        if (!iso)
            return false;
        if (country_named(R, iso, out))
            return true;
        if (!di || strcmp(di, iso) || !d->doc_country.canonical)
            return false;
        *out = d->doc_country;
        return true;
    }
    if (iso) {
        if (country_named(R, iso, out))
            return true;
    } else if (mi >= 0 && d->ments[mi].entry >= 0)
        return false;
    if (!d->has_doc_country || !d->doc_country.canonical)
        return false;
    /* in a sentence about a company or a club, "president" or "voorzitter" is that
     * organisation's, not the country's */
    if (business_in_sentence(r, d, sent))
        return false;
    if (iso) {
        const char *di = doc_iso(d);
        if (!di || strcmp(di, iso))
            return false;
    }
    *out = d->doc_country;
    return true;
}

static bool seen_in_sentence(const rel *R, int32_t pi, const char *subj)
{
    for (int j = 0; j < R->nseen; j++)
        if (R->seen[j].pred == pi && !strcmp(R->seen[j].subj, subj))
            return true;
    return false;
}

/* Has the document already given subj the role pi of another place or body ("Jan Jambon, de
 * Vlaamse premier" before "Premier Jambon")? Then the document's country is no guess for it. */
static bool role_elsewhere(const rel *R, int32_t pi, const feit_arg *subj, const feit_arg *obj)
{
    const feit_doc *d = R->d;
    const char *name = R->r->preds[pi].name;
    for (size_t i = R->base; i < d->ntriples; i++) {
        const feit_triple *t = &d->triples[i];
        if (!strcmp(t->predicate, name) && t->subject.canonical && !strcmp(t->subject.canonical, subj->canonical) &&
            t->object.canonical && obj->canonical && strcmp(t->object.canonical, obj->canonical))
            return true;
    }
    return false;
}

static int cmp_canonical(const void *a, const void *b, void *ctx)
{
    const feit_doc *d = ctx;
    return strcmp(d->ments[*(const int32_t *)a].e.canonical, d->ments[*(const int32_t *)b].e.canonical);
}

/* The team the document is about: a club or team (the gazetteer's kind, the first of the
 * rules' own-heads kinds that is a team: `club`) named at least three times and at least twice
 * as often as any other organisation with heads of its own. "Teambaas X", "ploegleider X" with
 * no organisation in the sentence are its. (Not a company or a newspaper: "voorzitter Nancy
 * Pelosi" in an article about Time is no chair of Time.) A mention index, or -1. */
static int32_t main_org(rel *R)
{
    if (R->main_org != -2)
        return R->main_org;
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    R->main_org = -1;
    if (!r->team_kind)
        return -1;
    /* the own-heads organisations, sorted by name, counted in runs (not name by name: a long
     * document names thousands) */
    int32_t *v = arena_alloc(&d->arena, (d->nments + 1) * sizeof *v);
    size_t n = 0;
    if (!v)
        return -1;
    for (size_t i = 0; i < d->nments; i++)
        if (d->ments[i].e.canonical && own_heads(r, d, &d->ments[i]))
            v[n++] = (int32_t)i;
    qsort_r(v, n, sizeof *v, cmp_canonical, d);
    int32_t best = -1;
    size_t nbest = 0, nsecond = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && !cmp_canonical(&v[i], &v[j], d); j++)
            ;
        int32_t first = v[i]; /* the run's earliest mention (qsort is not stable) */
        for (size_t k = i + 1; k < j; k++)
            if (v[k] < first)
                first = v[k];
        if (j - i > nbest)
            nsecond = nbest, nbest = j - i, best = first;
        else if (j - i > nsecond)
            nsecond = j - i;
    }
    if (best >= 0 && nbest >= 3 && nbest >= 2 * nsecond && !strcmp(d->ments[best].kind, r->team_kind))
        R->main_org = best;
    return R->main_org;
}

/* Is token t cue c's word? */
static inline bool is_cue(const feit_token *t, const rcue *c)
{
    return t->hash == c->hash && t->fold_len == c->len && !memcmp(t->fold, c->word, c->len);
}

/* Confidence factor from the cue words in [from, to): 0 suppresses. */
static float cue_factor(const rel *R, uint32_t from, uint32_t to)
{
    const feit_rules *r = R->r;
    const feit_doc *d = R->d;
    float f = 1.0f;
    for (uint32_t i = from; i < to; i++) {
        const feit_token *t = &d->toks[i];
        if (t->mention >= 0 || t->kind != TOK_WORD || !rules_cue_bit(r->cue_bits[0], t->hash))
            continue;
        for (int32_t c = 0; c < r->ncues; c++)
            if (!r->cues[c].time && is_cue(t, &r->cues[c])) {
                if (r->cues[c].factor == 0.0f)
                    return 0.0f;
                if (r->cues[c].factor < f)
                    f = r->cues[c].factor;
            }
    }
    return f;
}

/* Is token i a time cue of status `time` (FEIT_TIME_FORMER or _DESIGNATE), or -1: a word that
 * voids the cue before it ("eerder deze week" is no former fact)? */
static inline int time_cue(const rel *R, uint32_t i)
{
    const feit_rules *r = R->r;
    const feit_token *t = &R->d->toks[i];
    if (t->mention >= 0 || t->kind != TOK_WORD || !rules_cue_bit(r->cue_bits[1], t->hash))
        return 0;
    for (int32_t c = 0; c < r->ncues; c++)
        if (r->cues[c].time && is_cue(t, &r->cues[c]))
            return r->cues[c].time;
    return 0;
}

/* The time status the time cues in [from, to) give: former ("voormalig", "oud-"), designate
 * ("beoogd", "kandidaat-"), else current; former wins over designate. The window is the match and
 * the words before it (a cue after the match belongs to what follows: "X, trainer van Y, speelde
 * eerder bij Z"), and it does not reach across ":" or ";". A cue followed by a voiding word
 * ("eerder deze week", "eerder vandaag") is no cue. */
static feit_time time_of(const rel *R, uint32_t from, uint32_t start, uint32_t end)
{
    const feit_doc *d = R->d;
    for (uint32_t i = start; i > from; i--) {
        const feit_token *t = &d->toks[i - 1];
        if (t->kind == TOK_PUNCT && t->end == t->start + 1 && (d->text[t->start] == ':' || d->text[t->start] == ';')) {
            from = i;
            break;
        }
    }
    feit_time tm = FEIT_TIME_CURRENT;
    for (uint32_t i = from; i < end; i++) {
        int c = time_cue(R, i);
        if (c <= 0 || (i + 1 < d->ntoks && time_cue(R, i + 1) < 0))
            continue;
        if (c == FEIT_TIME_FORMER)
            return FEIT_TIME_FORMER;
        tm = FEIT_TIME_DESIGNATE;
    }
    return tm;
}

/* mention of a capture (a virtual one gives its person), -1 when unset */
static int32_t cap_mention(const rel *R, int32_t c)
{
    if (c <= VCAP(0))
        return R->virts[VIDX(c)].person;
    return c;
}

/* samecountry: the entities captured (at least two with a known country) share their country;
 * diffcountry: two of them are known to belong to different countries ("X is in de VS" is a
 * visit only when X is not American). */
static bool diff_country(const rel *R, const rrule *ru, const mstate *m)
{
    const char *iso = NULL;
    for (int c = 0; c < ru->ncaptures; c++) {
        if (ru->capture_is_role[c])
            continue;
        int32_t mi = cap_mention(R, m->cap[c]);
        if (mi < 0 || !R->d->ments[mi].country)
            continue;
        if (iso && strcmp(iso, R->d->ments[mi].country))
            return true;
        iso = R->d->ments[mi].country;
    }
    return false;
}

static bool same_country(const rel *R, const rrule *ru, const mstate *m)
{
    const char *iso = NULL;
    int known = 0;
    for (int c = 0; c < ru->ncaptures; c++) {
        if (ru->capture_is_role[c])
            continue;
        int32_t mi = cap_mention(R, m->cap[c]);
        if (mi < 0 || !R->d->ments[mi].country)
            continue;
        if (iso && strcmp(iso, R->d->ments[mi].country))
            return false;
        iso = R->d->ments[mi].country;
        known++;
    }
    return known >= 2;
}

/* a person's gazetteer role as a predicate index ("bondskanselier" -> kanselier), or -1 */
static int32_t gaz_pred(const feit_rules *r, const feit_mention *p)
{
    if (!p->role)
        return -1;
    const rrole *e = rules_role_entry(r, p->role, strlen(p->role));
    return e ? e->pred : rules_pred(r, p->role);
}

/* describe: the person a description such as "de Venezolaanse oppositieleider" stands for: the
 * nearest person within DESCRIBE_SENTS sentences, outside the description, whose gazetteer
 * country is the description's place's. -1 when there is none. */
#define DESCRIBE_SENTS 3
static int32_t described_person(const rel *R, const rrule *ru, const mstate *m, uint32_t start, uint32_t sent)
{
    const feit_doc *d = R->d;
    const char *iso = NULL;
    for (int c = 0; c < ru->ncaptures && !iso; c++) {
        int32_t mi = ru->capture_is_role[c] ? -1 : cap_mention(R, m->cap[c]);
        if (mi >= 0 && d->ments[mi].e.type != FEIT_PERSON)
            iso = d->ments[mi].country;
    }
    if (!iso)
        return -1;
    /* the role described: a person known (gazetteer) to hold another role is not meant, one
     * known to hold this role is preferred */
    int32_t role = -1;
    for (int c = 0; c < ru->ncaptures && role < 0; c++)
        if (ru->capture_is_role[c] && m->cap[c] >= 0) {
            const rrole *e = relate_role_at(R->r, d, (uint32_t)m->cap[c], d->sents[sent].tok_start);
            if (e)
                role = e->pred;
        }
    int32_t best = -1;
    uint32_t bestdist = UINT32_MAX;
    bool bestknown = false;
    /* only the window's mentions: they are sorted by position, so by sentence (a scan of the
     * whole document per description made a long document quadratic) */
    uint32_t first = sent > DESCRIBE_SENTS ? sent - DESCRIBE_SENTS : 0;
    for (size_t i = doc_mention_from(d, 0, d->nments, first); i < d->nments && d->ments[i].e.sentence <= sent + DESCRIBE_SENTS; i++) {
        const feit_mention *p = &d->ments[i];
        if (p->e.type != FEIT_PERSON || !p->country || strcmp(p->country, iso))
            continue;
        int32_t prole = gaz_pred(R->r, p);
        bool known = role >= 0 && prole == role;
        if (prole >= 0 && role >= 0 && !known)
            continue;
        if (bestknown && !known)
            continue;
        uint32_t ps = p->e.sentence;
        if (ps + DESCRIBE_SENTS < sent || ps > sent + DESCRIBE_SENTS)
            continue;
        if (p->tok_start >= start && p->tok_start < m->end)
            continue;
        uint32_t dist = p->tok_start < start ? start - p->tok_start : p->tok_start - m->end;
        if (dist < bestdist || (known && !bestknown))
            best = (int32_t)i, bestdist = dist, bestknown = known;
    }
    return best;
}

/* Does sentence sent hold a function word of role fn (core/lang.h) outside mentions? */
static bool sentence_says(const feit_doc *d, uint32_t sent, int fn)
{
    for (uint32_t i = d->sents[sent].tok_start; i < d->sents[sent].tok_end; i++)
        if (d->toks[i].mention < 0 && d->toks[i].kind == TOK_WORD && lang_is_fn(d->lang, fn, d->toks[i].fold, d->toks[i].fold_len, d->toks[i].hash))
            return true;
    return false;
}

/* Is token i a list separator ("," or a clause word "en"), for groups? */
static bool separator(const feit_doc *d, uint32_t i, bool *conj)
{
    const feit_token *t = &d->toks[i];
    if (t->mention >= 0)
        return false;
    *conj = t->kind == TOK_WORD && lang_is_fn(d->lang, LANG_FN_AND, t->fold, t->fold_len, t->hash);
    return *conj || (t->kind == TOK_PUNCT && t->fold_len == 1 && t->fold[0] == ',');
}

/* Can two mentions stand in one list? The same type, or states and organisations mixed ("de VS
 * en de EU"); names, not adjectives. */
static bool list_mates(const feit_mention *a, const feit_mention *b)
{
    if (a->e.form == FEIT_FORM_ADJECTIVE || b->e.form == FEIT_FORM_ADJECTIVE)
        return false;
    if (a->e.type == b->e.type)
        return true;
    unsigned both = (1u << a->e.type) | (1u << b->e.type);
    return both == ((1u << FEIT_COUNTRY) | (1u << FEIT_ORGANISATION));
}

/* The members of the list mention mi stands in ("Macron, Merz en Tusk"), in text order, into
 * out (at most MAX_GROUP); 1 (mi alone) when it is in none. A list is mentions separated by
 * commas and one final "en", each maybe after an article, all list mates; commas alone are no
 * list (appositions). A virtual mention stands alone. */
/* A bracketed aside right after token position j ("Traoré (transfervrij) en Rugani", "Jetten
 * (D66), Klaver (GL) en ..."): the position after its ")", or j when there is none (at most
 * 8 tokens inside, within the sentence). */
#define ASIDE_MAX 8
static bool punct_is(const feit_token *t, char c) { return t->kind == TOK_PUNCT && t->fold_len == 1 && t->fold[0] == c; }
static uint32_t skip_aside(const feit_doc *d, const feit_sentence *s, uint32_t j)
{
    if (j >= s->tok_end || !punct_is(&d->toks[j], '('))
        return j;
    for (uint32_t k = j + 1; k < s->tok_end && k <= j + ASIDE_MAX + 1; k++) {
        if (punct_is(&d->toks[k], '('))
            return j;
        if (punct_is(&d->toks[k], ')'))
            return k + 1;
    }
    return j;
}
/* The same leftwards: j is the position after a ")" ending an aside; its "(" position, or j. */
static uint32_t skip_aside_back(const feit_doc *d, const feit_sentence *s, uint32_t j)
{
    if (j <= s->tok_start || !punct_is(&d->toks[j - 1], ')'))
        return j;
    for (uint32_t k = j - 1; k-- > s->tok_start && k + ASIDE_MAX + 1 >= j - 1;) {
        if (punct_is(&d->toks[k], ')'))
            return j;
        if (punct_is(&d->toks[k], '('))
            return k;
    }
    return j;
}

static int group_of(const feit_rules *r, const feit_doc *d, int32_t mi, uint32_t other, int32_t *out)
{
    out[0] = mi;
    if (mi < 0 || mi <= VCAP(0))
        return 1;
    const feit_mention *me = &d->ments[mi];
    const feit_sentence *s = &d->sents[me->e.sentence];
    int32_t left[MAX_GROUP], nl = 0, right[MAX_GROUP], nr = 0;
    int conjs = 0;
    bool conj;
    /* leftwards: [article] separator member ... */
    for (uint32_t i = me->tok_start; nl + 1 < MAX_GROUP;) {
        const feit_mention *cur = nl ? &d->ments[left[nl - 1]] : me;
        uint32_t j = cur->tok_start;
        if (j > s->tok_start && d->toks[j - 1].mention < 0 && lang_is_fn(d->lang, LANG_FN_ARTICLE, d->toks[j - 1].fold, d->toks[j - 1].fold_len, d->toks[j - 1].hash))
            j--;
        if (j < s->tok_start + 2 || !separator(d, j - 1, &conj) || (conj && conjs))
            break;
        uint32_t e = skip_aside_back(d, s, j - 1); /* the member before may carry an aside */
        if (other != NOPOS && other >= e && other < j - 1)
            return 1; /* the fact's other side is in an aside: "Rutte (VVD), Wilders (PVV)" */
        if (e < s->tok_start + 1)
            break;
        int32_t pm = d->toks[e - 1].mention;
        if (pm < 0 || d->ments[pm].tok_end != e || !list_mates(me, &d->ments[pm]))
            break;
        conjs += conj;
        left[nl++] = pm;
        i = d->ments[pm].tok_start;
        (void)i;
    }
    /* rightwards: separator [article] member ... */
    for (uint32_t j = me->tok_end; nl + nr + 1 < MAX_GROUP;) {
        uint32_t after = skip_aside(d, s, j);
        if (other != NOPOS && other >= j && other < after)
            return 1; /* the fact's other side is in an aside: "Rugani (huur van Juventus)" */
        j = after;
        if (j + 1 >= s->tok_end || !separator(d, j, &conj) || (conj && conjs))
            break;
        uint32_t k = j + 1;
        if (k + 1 < s->tok_end && d->toks[k].mention < 0 && lang_is_fn(d->lang, LANG_FN_ARTICLE, d->toks[k].fold, d->toks[k].fold_len, d->toks[k].hash))
            k++;
        int32_t nm = d->toks[k].mention;
        if (nm < 0 || d->ments[nm].tok_start != k || !list_mates(me, &d->ments[nm]))
            break;
        conjs += conj;
        right[nr++] = nm;
        j = d->ments[nm].tok_end;
    }
    (void)r;
    if (!conjs)
        return 1;
    int n = 0;
    for (int k = nl; k-- > 0;)
        out[n++] = left[k];
    out[n++] = mi;
    for (int k = 0; k < nr; k++)
        out[n++] = right[k];
    return n;
}

/* ---- `feit explain` (relate.h: relate_trace) ---- */

static int grow_arr(void **p, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(*p, c * elem);
    if (!q)
        return FEIT_ENOMEM;
    *p = q, *cap = c;
    return 0;
}

static int trace_fired(rel *R, const rrule *ru, const mstate *m, uint32_t start, uint32_t sent, bool suppressed)
{
    relate_trace *t = R->d->trace;
    if (grow_arr((void **)&t->fired, &t->cfired, t->nfired, sizeof *t->fired))
        return FEIT_ENOMEM;
    relate_fired *f = &t->fired[t->nfired++];
    memset(f, 0, sizeof *f);
    f->rule = ru->id, f->sentence = sent, f->start = start, f->end = m->end, f->suppressed = suppressed;
    for (int c = 0; c < ru->ncaptures && c < RELATE_TRACE_CAPS; c++) {
        f->cap_name[c] = ru->capture_names[c];
        f->cap_mention[c] = ru->capture_is_role[c] ? -1 : cap_mention(R, m->cap[c]);
        f->cap_token[c] = ru->capture_is_role[c] ? m->cap[c] : -1;
        f->ncaps = c + 1;
    }
    return 0;
}

void relate_trace_free(relate_trace *t)
{
    if (!t)
        return;
    free(t->fired), free(t->misses);
    t->fired = NULL, t->misses = NULL;
    t->nfired = t->cfired = t->nmisses = t->cmisses = 0;
}

/* Can rule ru state predicate pi (directly, or through a role capture when pi is a role)? */
static bool states(const feit_rules *r, const rrule *ru, int32_t pi)
{
    for (int32_t e = 0; e < ru->nemits; e++) {
        const remit *em = &r->emits[ru->first_emit + e];
        if (em->pred == pi || ((em->pred_capture >= 0 || em->pred == RULES_ROLES_OF) && r->preds[pi].role))
            return true;
    }
    return false;
}

/* For every sentence, the rules that can state the trace's predicate and did not fire there:
 * their best attempt from any start (the furthest token an element was tried at). */
static int trace_misses(rel *R, relate_memo *memo)
{
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    relate_trace *t = d->trace;
    int32_t pi = rules_pred(r, t->predicate);
    if (pi < 0) {
        t->unknown_predicate = true;
        return 0;
    }
    for (uint32_t s = 0; s < d->nsents; s++) {
        const feit_sentence *se = &d->sents[s];
        if (se->tok_end - se->tok_start > MAX_SENT_TOKS)
            continue;
        for (int32_t ri = 0; ri < r->nrules; ri++) {
            const rrule *ru = &r->rules[ri];
            if (!states(r, ru, pi))
                continue;
            bool fired = false;
            for (size_t k = 0; k < t->nfired && !fired; k++)
                fired = t->fired[k].sentence == s && t->fired[k].rule == ru->id;
            if (fired)
                continue;
            relate_miss best = {ru->id, s, se->tok_start, se->tok_start, NULL};
            for (uint32_t p = se->tok_start; p < se->tok_end; p++) {
                int32_t mi = d->toks[p].mention;
                if (mi >= 0 && d->ments[mi].tok_start != p)
                    continue;
                mstate m;
                memset(&m, 0, sizeof m);
                m.r = r, m.d = d, m.s_start = se->tok_start, m.s_end = se->tok_end, m.end = p;
                m.virts = R->virts, m.nvirts = R->nvirts, m.memo = memo;
                m.trace = true, m.far_pos = p, m.far_node = -1;
                for (int c = 0; c < RULES_MAX_CAPTURES; c++)
                    m.cap[c] = -1;
                relate_match(&m, ru->head, p);
                if (m.far_node >= 0 && (!best.element || m.far_pos - p > best.far - best.start))
                    best.start = p, best.far = m.far_pos, best.element = r->node_src[m.far_node];
            }
            if (!best.element)
                continue;
            if (grow_arr((void **)&t->misses, &t->cmisses, t->nmisses, sizeof *t->misses))
                return FEIT_ENOMEM;
            t->misses[t->nmisses++] = best;
        }
    }
    return 0;
}

static int fire(rel *R, const rrule *ru, const mstate *m, uint32_t start, uint32_t sent)
{
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    float factor = 1.0f;
    if (ru->samecountry && !same_country(R, ru, m))
        return 0;
    if (ru->diffcountry && !diff_country(R, ru, m))
        return 0;
    int32_t who = -1;
    if (ru->describe) {
        who = described_person(R, ru, m, start, sent);
        if (who < 0)
            return 0;
        if (R->nvirts < MAX_VIRT)
            R->virts[R->nvirts++] = (virt){start, m->end, who};
    }
    const feit_sentence *s = &d->sents[sent];
    uint32_t from = start >= s->tok_start + (uint32_t)r->cue_window ? start - (uint32_t)r->cue_window : s->tok_start;
    uint32_t to = m->end + (uint32_t)r->cue_after < s->tok_end ? m->end + (uint32_t)r->cue_after : s->tok_end;
    if (!ru->nocue) {
        factor = cue_factor(R, from, to);
        if (factor == 0.0f)
            return d->trace ? trace_fired(R, ru, m, start, sent, true) : 0;
    }
    feit_time cue_time = time_of(R, from, start, m->end);
    if (d->trace && trace_fired(R, ru, m, start, sent, false))
        return FEIT_ENOMEM;
    for (int32_t e = 0; e < ru->nemits; e++) {
        const remit *em = &r->emits[ru->first_emit + e];
        feit_arg a[2];
        uint32_t pos[2], last_sent = sent;
        int32_t slot[2] = {em->subj, em->obj};
        bool ok = true;
        /* the role a role capture names ("Eurocommissaris X"): its predicate, qualifier, body */
        const rrole *role = NULL;
        if (em->pred_capture >= 0) {
            int32_t tok = m->cap[em->pred_capture];
            if (tok < 0 || !(role = relate_role_at(r, d, (uint32_t)tok, d->sents[sent].tok_start)))
                continue;
        }
        for (int k = 0; k < 2; k++) {
            if (slot[k] == RULES_DOC && em->country_of[k] < 0 && role && role->body_arg.canonical) {
                a[k] = role->body_arg; /* a position in one body: that body, not a country */
                pos[k] = NOPOS;
            } else if (slot[k] == RULES_LAST) {
                int32_t t = last_fact(R, em->pred, sent);
                ok = ok && t >= 0;
                if (t >= 0) {
                    a[k] = k == 0 ? d->triples[t].subject : d->triples[t].object;
                    /* the evidence from that fact's own evidence, where the argument is named,
                     * when it is near; else from the sentence that fact was last stated in */
                    uint32_t es = sentence_at(d, (int64_t)d->triples[t].ev_start);
                    last_sent = es + LAST_WINDOW >= sent ? es : R->info[t - R->base].last_sent;
                }
                pos[k] = NOPOS;
            } else if (slot[k] == RULES_WHO) {
                if (who < 0)
                    ok = false;
                else {
                    a[k] = arg_of(d, who);
                    pos[k] = start;
                }
            } else if (slot[k] == RULES_DOC && em->country_of[k] < 0 && role && role->pred >= 0 &&
                       !(r->preds[role->pred].obj_types & (1u << FEIT_COUNTRY))) {
                /* a role no country has ("teambaas", "ploegleider"): the organisation the
                 * document is about, when there is one */
                int32_t mo = main_org(R);
                ok = ok && mo >= 0;
                if (mo >= 0)
                    a[k] = arg_of(d, mo);
                pos[k] = NOPOS;
            } else if (slot[k] == RULES_DOC) {
                int32_t src = em->country_of[k] >= 0 ? em->country_of[k] : slot[1 - k];
                int32_t other = src >= 0 ? cap_mention(R, m->cap[src]) : -1;
                ok = ok && home_country(R, other, sent, &a[k], em->country_of[k] >= 0);
                pos[k] = NOPOS;
            } else {
                int32_t c = m->cap[slot[k]];
                int32_t mi = cap_mention(R, c);
                if (mi < 0) {
                    ok = false; /* an optional capture that did not match */
                    continue;
                }
                a[k] = arg_of(d, mi);
                pos[k] = c <= VCAP(0) ? R->virts[VIDX(c)].start : d->ments[mi].tok_start;
            }
        }
        if (!ok)
            continue;
        float conf = (em->confidence >= 0 ? em->confidence : ru->confidence) * factor;
        /* an argument that is a description or pronoun ("het land", "hij") is less certain, and
         * the fact needs the sentence where its entity is named: the evidence starts there */
        uint32_t ev_sent = last_sent; /* LAST: from the sentence of the fact it continues */
        for (int k = 0; k < 2; k++) {
            int32_t mi = slot[k] >= 0 ? cap_mention(R, m->cap[slot[k]]) : -1;
            if (mi < 0 || (d->ments[mi].e.form != FEIT_FORM_DESCRIPTION && d->ments[mi].e.form != FEIT_FORM_PRONOUN))
                continue;
            conf *= 0.85f;
            uint32_t as = sentence_at(d, d->ments[mi].e.antecedent);
            if (as < ev_sent)
                ev_sent = as;
        }
        feit_time tm = em->time >= 0 ? (feit_time)em->time : cue_time;
        int32_t pi = em->pred;
        const char *qual = em->qualifier;
        if (role) {
            if (role->inherit) {
                if (slot[0] == RULES_DOC || a[0].type != FEIT_PERSON || R->npending >= MAX_PENDING)
                    continue;
                R->pending[R->npending].person = slot[0] == RULES_WHO ? who : cap_mention(R, m->cap[slot[0]]);
                R->pending[R->npending].obj = a[1];
                R->pending[R->npending].obj_pos = pos[1];
                R->pending[R->npending].rule = ru->id;
                R->pending[R->npending].confidence = conf;
                R->pending[R->npending].qualifier = qual;
                R->pending[R->npending].time = em->time >= 0 ? (feit_time)em->time : cue_time;
                R->npending++;
                continue;
            }
            pi = role->pred;
            if (!qual)
                qual = role->qualifier;
        }
        if (pi == RULES_ROLES_OF) {
            /* every member of a list of heirs ("X, Y en Z gingen hem voor") */
            int32_t heirs[MAX_GROUP];
            int32_t c = m->cap[slot[0]];
            heirs[0] = c;
            int nh = c >= 0 && !ru->nogroup ? group_of(r, d, c, pos[1], heirs) : 1;
            for (int x = 0; x < nh && R->nsucc < MAX_SUCC; x++) {
                feit_arg h = nh > 1 ? arg_of(d, heirs[x]) : a[0];
                if (h.type != FEIT_PERSON || a[1].type != FEIT_PERSON)
                    continue;
                R->succ[R->nsucc++] = (succession){h, a[1].canonical, nh > 1 ? d->ments[heirs[x]].tok_start : pos[0], ru->id, conf, tm, sent};
            }
            continue;
        }
        if (pi < 0)
            continue;
        if (ru->fallback && seen_in_sentence(R, pi, a[0].canonical))
            continue;
        bool guessed = (slot[0] == RULES_DOC && em->country_of[0] < 0) || (slot[1] == RULES_DOC && em->country_of[1] < 0);
        if (guessed && role_elsewhere(R, pi, &a[0], &a[1]))
            continue;
        /* groups: a fact about one member of a list ("Macron, Merz en Tusk", "Duitsland en
         * Frankrijk leveren ...") holds for every member; role facts pair two lists only in
         * order, with "respectievelijk" */
        int32_t grp[2][MAX_GROUP];
        int ng[2];
        for (int k = 0; k < 2; k++) {
            int32_t mi = slot[k] >= 0 && m->cap[slot[k]] >= 0 ? m->cap[slot[k]] : -1;
            grp[k][0] = mi;
            ng[k] = mi >= 0 && !ru->nogroup && !ru->samecountry ? group_of(r, d, mi, pos[1 - k], grp[k]) : 1;
        }
        bool zip = false;
        if (ng[0] > 1 && ng[1] > 1 && r->preds[pi].role) {
            zip = ng[0] == ng[1] && sentence_says(d, sent, LANG_FN_RESPECTIVELY);
            if (!zip)
                ng[0] = ng[1] = 1, grp[0][0] = slot[0] >= 0 ? m->cap[slot[0]] : -1, grp[1][0] = slot[1] >= 0 ? m->cap[slot[1]] : -1;
        }
        for (int x = 0; x < ng[0]; x++)
            for (int y = 0; y < ng[1]; y++) {
                if (zip && x != y)
                    continue;
                feit_arg sa = a[0], oa = a[1];
                uint32_t sp = pos[0], op = pos[1];
                if (grp[0][x] >= 0 && ng[0] > 1)
                    sa = arg_of(d, grp[0][x]), sp = d->ments[grp[0][x]].tok_start;
                if (grp[1][y] >= 0 && ng[1] > 1)
                    oa = arg_of(d, grp[1][y]), op = d->ments[grp[1][y]].tok_start;
                int rc = add_triple(R, pi, sa, sp, oa, op, qual, conf, ru->id, sent, ev_sent, tm);
                if (rc)
                    return rc;
            }
    }
    return 0;
}

/* "zijn Iraanse ambtgenoot X": X takes the role of the person it is set against — a role stated
 * earlier in the sentence, else that person's gazetteer role, else the document's last role. */
static int resolve_pending(rel *R, uint32_t sent)
{
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    for (int i = 0; i < R->npending; i++) {
        const feit_mention *pm = &d->ments[R->pending[i].person];
        uint32_t ppos = pm->tok_start;
        int32_t pi = -1;
        const char *qual = R->pending[i].qualifier;
        float conf = R->pending[i].confidence;
        uint32_t best = 0;
        for (int j = 0; j < R->nseen; j++)
            if (r->preds[R->seen[j].pred].role && R->seen[j].subj_pos != NOPOS && R->seen[j].subj_pos < ppos && R->seen[j].subj_pos >= best && strcmp(R->seen[j].subj, pm->e.canonical)) {
                best = R->seen[j].subj_pos;
                pi = R->seen[j].pred;
                if (!qual)
                    qual = R->seen[j].qualifier;
            }
        if (pi < 0) {
            /* the nearest person before X in the sentence with a gazetteer role */
            const feit_sentence *s = &d->sents[sent];
            for (uint32_t t = ppos; t-- > s->tok_start && pi < 0;) {
                int32_t mi = d->toks[t].mention;
                if (mi < 0 || d->ments[mi].tok_start != t || d->ments[mi].e.type != FEIT_PERSON)
                    continue;
                int32_t gp = gaz_pred(r, &d->ments[mi]);
                if (gp >= 0 && strcmp(d->ments[mi].e.canonical, pm->e.canonical)) {
                    pi = gp;
                    conf *= 0.8f;
                }
                break;
            }
        }
        if (pi < 0) {
            for (size_t t = d->ntriples; t-- > R->base;) {
                const feit_triple *tr = &d->triples[t];
                if (tr->sentence >= sent || tr->subject.type != FEIT_PERSON || !strcmp(tr->subject.canonical, pm->e.canonical))
                    continue;
                int32_t q = rules_pred(r, tr->predicate);
                if (q >= 0 && r->preds[q].role) {
                    pi = q;
                    if (!qual)
                        qual = tr->qualifier;
                    conf *= 0.8f;
                    break;
                }
            }
        }
        if (pi < 0 || !r->preds[pi].role)
            continue;
        int rc = add_triple(R, pi, arg_of(d, R->pending[i].person), ppos, R->pending[i].obj, R->pending[i].obj_pos, qual, conf,
                            R->pending[i].rule, sent, sent, R->pending[i].time);
        if (rc)
            return rc;
    }
    return 0;
}

typedef struct sortrec {
    feit_triple t;
    tinfo i;
    size_t order;
} sortrec;

static int cmp_sortrec(const void *pa, const void *pb)
{
    const sortrec *a = pa, *b = pb;
    if (a->t.sentence != b->t.sentence)
        return a->t.sentence < b->t.sentence ? -1 : 1;
    if (a->i.subj_pos != b->i.subj_pos)
        return a->i.subj_pos < b->i.subj_pos ? -1 : 1;
    if (a->i.obj_pos != b->i.obj_pos)
        return a->i.obj_pos < b->i.obj_pos ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* One sentence, for both passes: what the requirements test knows, and where rules may start:
 * lists of tokens in token order (one walk over the sentence fills them all, before any rule
 * runs; they live in the document's arena, just as long as they are). */
typedef struct sent_ctx {
    uint32_t s;
    const feit_sentence *se;
    sent_facts facts;
    uint32_t nm;
    uint32_t ment_types;    /* bit e.type of each of the mentions */
    uint64_t free_bits;     /* bit hash & 63 of each free token (no mention holds it) */
    const uint64_t *word_sets; /* the sets of its free words (r->set_words words, facts.sets
                                  as the scan left them, kept for the passes), NULL without
                                  r->stem_index */
    const uint32_t *ments;  /* nm tokens where mentions start */
    const uint32_t *roles;  /* free words that may open a role (relate_anchor_ok of a role) */
    const uint32_t *words;  /* free words in some word set (when the sets are bits) */
    /* with the bitsets (rs_words): the rules whose requirements the sentence meets and that
     * need no more mentions than it has, by number (file order): pass 0's rules[0 .. nrules0),
     * then pass 1's rules[nrules0 .. nrules) */
    const uint32_t *rules;
    /* per listed rule, the offset in the sentence of the last free place of its later literal
     * (rules.h: rlater), NO_BOUND for none; NULL: no rule has one */
    const uint16_t *bounds;
    uint32_t nroles, nwords, nrules, nrules0;
    bool glued_lead; /* a free token other than a word, not among its last two, has a hyphen
                        against it and a token against that (where a hyphenated role such as
                        "G7-voorzitter" may start: relate_hyphen_after; sent_scan does not list
                        it in roles) */
} sent_ctx;
#define NO_BOUND UINT16_MAX
_Static_assert(MAX_SENT_TOKS < NO_BOUND, "a sentence's token offsets fit a bound");

/* Walks sentence s once: its mentions, its free words' filter, word sets and requirement
 * literals, its role and set-word starts. ments, roles, words, lits: where the lists go (each
 * as long as the sentence); lit_seen, lit_last: the literals of the document met so far, a bit
 * each, and where each was last (its token), so that a literal is in the sentence when its
 * bit is set and its place is not before the sentence (lit_in: the sentences are walked in
 * token order, and nothing is cleared after each; the caller clears lit_seen per document).
 * The literals met are listed in lits, but for the most asked ones (rules.h: lit_top), which
 * rules_met takes as a bit per place, in *top.
 * Returns the number of literals listed (for rules_met right after; the sentence does not keep
 * them). */
/* Is literal li in the sentence that starts at token s_start, as far as sent_scan walked? */
static inline bool lit_in(const uint64_t *lit_seen, const uint32_t *lit_last, int32_t li, uint32_t s_start)
{
    return ((lit_seen[li >> 6] >> (li & 63)) & 1) && lit_last[li] >= s_start;
}

/* Notes literal li at token t of the sentence that starts at s_start (sent_scan): the first
 * time there, in lits (nl of them: the new count) or for the most asked ones in *top */
static inline uint32_t lit_met(uint64_t *lit_seen, uint32_t *lit_last, const int8_t *lit_top, uint32_t *lits, uint32_t nl,
                               unsigned *top, int32_t li, uint32_t t, uint32_t s_start)
{
    if (!lit_in(lit_seen, lit_last, li, s_start)) {
        lit_seen[li >> 6] |= 1ull << (li & 63);
        int tp = lit_top ? lit_top[li] : -1;
        if (tp >= 0)
            *top |= 1u << tp;
        else
            lits[nl++] = (uint32_t)li;
    }
    lit_last[li] = t;
    return nl;
}

/* Is word token k (number t; its sentence starts at s_start) a role word for sent_scan's list:
 * the lexicon's entry, unless the word is glued to a hyphen before it (then relate_role_at
 * tries the compound)? A word a hyphenated role may start at (relate_hyphen_after) is a role
 * start too: the walks find those at the hyphen (hyphen_before), since few words have one. */
static inline bool role_word(const feit_rules *r, const feit_doc *d, const feit_token *k, uint32_t t, uint32_t s_start)
{
    return (k->flags & (TF_ROLE | TF_GLUED)) == TF_ROLE ? k->info->role != NULL : relate_role_at(r, d, t, s_start) != NULL;
}

/* A hyphen glued to the token before it (asked before hyphen_before, out of line: a glued
 * comma or full stop is common, a hyphen between two tokens rare) */
static inline bool is_hyphen(const feit_token *k) { return (k->flags & TF_GLUED) && k->fold_len == 1 && k->fold[0] == '-'; }

/* Is token h a hyphen between the free token before it, in h's sentence [s_start, s_end), and
 * a token glued to it (relate_hyphen_after of h - 1, up to d->ntoks)? Then a hyphenated role
 * ("G7-voorzitter", "oud-premier") may start at h - 1: HY_WORD when that is a word (a role
 * start), HY_LEAD when it is another token and the token after the hyphen is in the sentence
 * (sent_ctx.glued_lead), else 0. The walks ask it at a token other than a word, at a mention's
 * first token and at the token after the sentence: where a hyphen may be. */
enum { HY_WORD = 1, HY_LEAD = 2 };
static __attribute__((noinline)) int hyphen_before(const feit_doc *d, uint32_t h, uint32_t s_start, uint32_t s_end)
{
    if (h <= s_start || !relate_hyphen_after(d, h - 1, d->ntoks) || d->toks[h - 1].mention >= 0)
        return 0;
    return d->toks[h - 1].kind == TOK_WORD ? HY_WORD : h + 1 < s_end ? HY_LEAD : 0;
}

/* roles (nr of them, in token order) with word t after them, when t is not the last already
 * (a word listed by role_word before the hyphen after it is found) */
static inline uint32_t role_once(uint32_t *roles, uint32_t nr, uint32_t t)
{
    if (!nr || roles[nr - 1] != t)
        roles[nr++] = t;
    return nr;
}

/* What sent_scan takes of the hyphen at token h (hyphen_before): the word before it as a role
 * start (roles, nr of them; the new count), or *glued_lead. */
static inline uint32_t hyphen_roles(const feit_doc *d, uint32_t h, uint32_t s_start, uint32_t s_end, uint32_t *roles,
                                    uint32_t nr, bool *glued_lead)
{
    int hy = hyphen_before(d, h, s_start, s_end);
    *glued_lead = *glued_lead || hy == HY_LEAD;
    return hy == HY_WORD ? role_once(roles, nr, h - 1) : nr;
}

static uint32_t sent_scan(const feit_rules *r, feit_doc *d, relate_memo *memo, sent_ctx *sc, uint32_t s, uint32_t *ments,
                          uint32_t *roles, uint32_t *words, uint32_t *lits, uint64_t *lit_seen, uint32_t *lit_last, unsigned *top)
{
    const feit_sentence *se = &d->sents[s];
    uint32_t nm = 0, nr = 0, nw = 0, nl = 0, types = 0;
    uint64_t free_bits = 0;
    bool glued_lead = false;
    sc->s = s, sc->se = se;
    /* (the caller scans only sentences with mentions enough for some rule: relate_doc's elig) */
    /* the sets' words (none without the index); one word of sets adds up in sets1 */
    const int32_t sw = r->stem_index ? r->set_words : 0;
    const bool packed = lit_seen && sw > 1; /* (a TF_SETS word's sets are a list: relate_match.h) */
    const uint8_t plain = lit_seen ? REL_PLAIN : 0; /* (without the bitsets every word is added below) */
    const int8_t *lit_top = r->lit_top;
    unsigned tops = 0;
    uint64_t sets1 = 0;
    /* (in locals: the lists' stores might alias them, so the compiler would load them anew for
     * every token) */
    const feit_token *toks = d->toks;
    const feit_mention *dm = d->ments;
    const size_t ntoks = d->ntoks;
    const uint32_t s_start = se->tok_start, s_end = se->tok_end;
    for (uint32_t t = s_start; t < s_end; t++) {
        const feit_token *k = &toks[t];
        int32_t mi = k->mention;
        if (mi >= 0) {
            if (t == 0 || toks[t - 1].mention != mi) { /* a mention's tokens are contiguous */
                ments[nm++] = t, types |= 1u << dm[mi].e.type;
                if (is_hyphen(k))
                    nr = hyphen_roles(d, t, s_start, s_end, roles, nr, &glued_lead);
            }
            continue;
        }
        free_bits |= 1ull << (k->hash & 63);
        /* most tokens: the lexicon stage's answer for the word (REL_PLAIN), but for a word
         * glued to the token before, which may close a compound role */
        if ((k->rel & plain) && !((k->flags & TF_GLUED) && k->kind == TOK_WORD))
            continue;
        if (packed && (k->flags & TF_SETS)) {
            /* most words: the lexicon stage packed their sets and literal (a word token's: the
             * steps below, without their tests) */
            uint64_t ps = k->info->sets;
            int32_t li = relate_packed_lit(ps);
            if (li >= 0)
                nl = lit_met(lit_seen, lit_last, lit_top, lits, nl, &tops, li, t, s_start);
            if (relate_packed_count(ps)) {
                relate_packed_or(ps, sc->facts.sets);
                words[nw++] = t;
            }
            if (role_word(r, d, k, t, s_start))
                roles[nr++] = t;
            continue;
        }
        if (!lit_seen) /* (the word filter serves relate_sentence_has, used without the bitsets) */
            sent_word_add(&sc->facts, k->hash);
        else {
            /* (a word's packed sets carry its literal: relate_match.h) */
            int32_t li = (k->flags & TF_SETS) && sw > 1 ? relate_packed_lit(k->info->sets)
                                                        : rules_lit_of(r, k->fold, k->fold_len, k->hash);
            if (li >= 0)
                nl = lit_met(lit_seen, lit_last, lit_top, lits, nl, &tops, li, t, s_start);
        }
        if (k->kind != TOK_WORD) {
            if (is_hyphen(k))
                nr = hyphen_roles(d, t, s_start, s_end, roles, nr, &glued_lead);
            continue;
        }
        if (sw == 1) {
            uint64_t ws = (k->flags & TF_SETS) ? k->info->sets : relate_token_sets(r, d, memo, t)[0];
            sets1 |= ws;
            if (ws)
                words[nw++] = t;
        } else if (sw && (k->flags & TF_SETS)) { /* (sw > 1: a list of set numbers, relate_match.h) */
            relate_packed_or(k->info->sets, sc->facts.sets);
            if (relate_packed_count(k->info->sets))
                words[nw++] = t;
        } else if (sw) {
            const uint64_t *ws = relate_token_sets_memo(r, d, memo, t);
            uint64_t any = 0;
            for (int32_t j = 0; j < sw; j++)
                sc->facts.sets[j] |= ws[j], any |= ws[j];
            if (any)
                words[nw++] = t;
        }
        if (role_word(r, d, k, t, s_start))
            roles[nr++] = t;
    }
    /* (a hyphen starting the next sentence: its last token is asked too) */
    if (s_end < ntoks && is_hyphen(&toks[s_end]) && hyphen_before(d, s_end, s_start, s_end) == HY_WORD)
        nr = role_once(roles, nr, s_end - 1);
    if (sw == 1)
        sc->facts.sets[0] = sets1;
    sc->nm = nm, sc->nroles = nr, sc->nwords = nw, sc->ment_types = types, sc->free_bits = free_bits, sc->glued_lead = glued_lead;
    sc->ments = ments, sc->roles = roles, sc->words = words;
    *top = tops;
    return nl;
}

/* Can sentence se, of at most r->gate_ments mentions, list a rule (rules.h: the gate)? Only
 * when a role may start in it (where sent_scan finds one), or one of its free tokens is a
 * literal of the gate (the literal sent_scan finds for it) or a word of a set of the gate (a
 * word whose sets the lexicon did not keep may be). The first such token ends the walk. */
static bool gate_open(const feit_rules *r, const feit_doc *d, const feit_sentence *se)
{
    const bool one = r->set_words == 1; /* (else a TF_SETS word's sets are a list: relate_match.h) */
    const uint32_t s_start = se->tok_start, s_end = se->tok_end;
    const feit_token *toks = d->toks;
    /* what its tokens' records say they are not (the lexicon stage's REL_*): most sentences
     * are closed by that, without the walk's tests of each token */
    const unsigned quiet = REL_NO_GATE | (r->gate_role ? REL_NO_HYPHEN : 0);
    unsigned all = quiet;
    for (const feit_token *k = toks + s_start, *e = toks + s_end; k < e; k++)
        all &= k->rel;
    for (uint32_t t = s_start, walk_end = all == quiet ? s_start : s_end; t < walk_end; t++) {
        const feit_token *k = &toks[t];
        if (k->mention >= 0) {
            if (r->gate_role && is_hyphen(k) && hyphen_before(d, t, s_start, s_end))
                return true;
            continue;
        }
        bool sets = k->flags & TF_SETS;
        if (sets && !one) {
            /* the lexicon's answer for the word (RELATE_PACK_GATE: its literal, its sets, its
             * own role), but for a compound role a word glued to a hyphen closes (role_word of
             * a word not glued is its own role, in that bit) */
            if ((k->info->sets & RELATE_PACK_GATE) || (r->gate_role && (k->flags & TF_GLUED) && role_word(r, d, k, t, s_start)))
                return true;
            continue;
        }
        int32_t li = sets && !one ? relate_packed_lit(k->info->sets) : rules_lit_of(r, k->fold, k->fold_len, k->hash);
        if (li >= 0 && ((r->gate_lits[li >> 6] >> (li & 63)) & 1))
            return true;
        if (k->kind != TOK_WORD) {
            if (r->gate_role && is_hyphen(k) && hyphen_before(d, t, s_start, s_end))
                return true;
            continue;
        }
        if (!sets || (one ? (k->info->sets & r->gate_sets[0]) != 0 : relate_packed_meets(k->info->sets, r->gate_sets)))
            return true;
        if (r->gate_role && role_word(r, d, k, t, s_start))
            return true;
    }
    /* (a hyphen starting the next sentence: its last token is asked too) */
    return r->gate_role && s_end < d->ntoks && is_hyphen(&toks[s_end]) && hyphen_before(d, s_end, s_start, s_end);
}

/* Can the rest of rule ru after its first element start at token e (rrule.after_anchor,
 * after_types): a literal of its filter, or where an entity of its types (or a description's
 * person) starts? */
static bool may_follow(const rel *R, const rrule *ru, const feit_sentence *se, uint32_t e)
{
    const feit_doc *d = R->d;
    if (e >= se->tok_end)
        return false;
    if ((ru->after_anchor >> (d->toks[e].hash & 63)) & 1)
        return true;
    return ru->after_types && relate_entity_starts(d, e, ru->after_types, R->virts, R->nvirts);
}

/* Can the first token of rule ru (rules.h: first_*, no role) be anywhere in the sentence: a
 * mention of its types, a described person, a free word of its sets, a free token with the
 * hash bit of one of its literals? (false: relate_first_ok and the mention test fail at every
 * token) */
static bool first_in_sentence(const rel *R, const rrule *ru, const sent_ctx *sc)
{
    const feit_rules *r = R->r;
    if (ru->first_types & sc->ment_types)
        return true;
    if ((ru->first_types >> FEIT_PERSON) & 1)
        for (int v = 0; v < R->nvirts; v++)
            if (R->virts[v].start >= sc->se->tok_start && R->virts[v].start < sc->se->tok_end)
                return true;
    for (int32_t i = 0; i < ru->nfirst_lits; i++)
        if ((sc->free_bits >> (r->nodes[r->first_lits[ru->first_lit + i]].hash & 63)) & 1)
            return true;
    if (ru->nfirst_sets) {
        const uint64_t *ss = sc->word_sets;
        if (!ss)
            return true;
        if (r->set_words == 1)
            return (ru->first_bits & ss[0]) != 0;
        const uint64_t *fs = r->first_masks + (size_t)(ru - r->rules) * (size_t)r->set_words;
        for (int32_t j = 0; j < r->set_words; j++)
            if (fs[j] & ss[j])
                return true;
    }
    return false;
}

/* Can relate_first_ok hold for rule ru at free token p at all: the hash bit of one of its
 * literals, a word of some set (sent_scan's words) when it has sets, a role start (its roles)
 * or a token other than a word with one glued on (a compound role) when it has a role? The
 * walks *w and *ro go along sc->words and sc->roles as p grows. Most tokens are none of these:
 * they skip the call. */
static inline bool first_may(const feit_doc *d, const rrule *ru, const sent_ctx *sc, uint32_t p, uint64_t lit_bits,
                             uint32_t *w, uint32_t *ro)
{
    const feit_token *t = &d->toks[p];
    if ((lit_bits >> (t->hash & 63)) & 1)
        return true;
    if (ru->nfirst_sets) {
        while (*w < sc->nwords && sc->words[*w] < p)
            ++*w;
        if (*w < sc->nwords && sc->words[*w] == p)
            return true;
    }
    if (ru->first_role) {
        if (t->kind != TOK_WORD)
            return relate_hyphen_after(d, p, d->ntoks);
        while (*ro < sc->nroles && sc->roles[*ro] < p)
            ++*ro;
        return *ro < sc->nroles && sc->roles[*ro] == p;
    }
    return false;
}

/* Tries rule ru at every place of the sentence where it may start, before token lim (its
 * rlater: later_limit), firing each match. Returns 0 or FEIT_ENOMEM. */
static int run_rule(rel *R, const rrule *ru, sent_ctx *sc, relate_memo *memo, uint32_t *cand, uint32_t lim)
{
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    const feit_sentence *se = sc->se;
    uint32_t s = sc->s, nm = sc->nm;

    /* where the rule may start, in token order: where an entity starts (a mention, or a person
     * a description stands for), where its first word can be (a role, a word of its set), or
     * everywhere */
    uint32_t ncand = 0;
    const uint32_t *starts = NULL;
    const rnode *anchor = ru->anchor >= 0 ? &r->nodes[ru->anchor] : NULL;
    if (ru->anchor_types) {
        /* no mention of its types, nor a description's person where it takes one: nowhere */
        if (!(ru->anchor_types & sc->ment_types)) {
            bool in_sent = false;
            for (int v = 0; v < R->nvirts && !in_sent && ((ru->anchor_types >> FEIT_PERSON) & 1); v++)
                in_sent = R->virts[v].start >= se->tok_start && R->virts[v].start < se->tok_end;
            if (!in_sent)
                return 0;
        }
        starts = sc->ments, ncand = nm; /* a copy in cand once a description's person joins them */
        for (int v = 0; v < R->nvirts; v++) {
            uint32_t vs = R->virts[v].start, k = ncand;
            if (vs < se->tok_start || vs >= se->tok_end)
                continue;
            if (starts != cand) {
                memcpy(cand, sc->ments, (size_t)nm * sizeof *cand);
                starts = cand;
            }
            while (k > 0 && cand[k - 1] > vs)
                k--;
            if (k > 0 && cand[k - 1] == vs)
                continue;
            memmove(cand + k + 1, cand + k, (ncand - k) * sizeof *cand);
            cand[k] = vs, ncand++;
        }
    } else if (anchor && anchor->kind == RN_ROLE) {
        starts = sc->roles, ncand = sc->nroles;
    } else if (anchor && anchor->kind == RN_STEMS && r->stem_index) {
        starts = sc->words, ncand = sc->nwords;
    } else {
        ncand = se->tok_end - se->tok_start;
    }
    /* a rule with neither: what its first token can be (rules.h: first_*) */
    bool first = !starts && !anchor && !ru->first_any && (r->stem_index || !ru->nfirst_sets);
    if (first && !ru->first_role && !first_in_sentence(R, ru, sc))
        return 0;
    uint64_t lit_bits = first ? relate_first_bits(r, ru) : 0;
    uint32_t wi = 0, ri = 0; /* (first_may) */
    for (uint32_t ci = 0; ci < ncand; ci++) {
        uint32_t p = starts ? starts[ci] : se->tok_start + ci;
        if (p >= lim) /* (starts are in token order) */
            break;
        int32_t mi = d->toks[p].mention;
        if (mi >= 0 && d->ments[mi].tok_start != p)
            continue; /* inside a mention */
        if (anchor && !relate_anchor_ok(r, d, anchor, p, se->tok_start, memo))
            continue;
        if (first) {
            /* at a mention: an entity of the group with a token after it that the rest can
             * start with (after_anchor, when the group's entities stand alone: rules.c,
             * lone_ents; its words do not match in a mention) */
            bool start = mi >= 0 ? ((ru->first_types >> d->ments[mi].e.type) & 1) &&
                                       (ru->after_anchor == RULES_FIRST_ANY || may_follow(R, ru, se, d->ments[mi].tok_end))
                                 : first_may(d, ru, sc, p, lit_bits, &wi, &ri) && relate_first_ok(r, d, ru, p, lit_bits, memo);
            for (int v = 0; v < R->nvirts && !start; v++) /* a description stands for a person */
                start = R->virts[v].start == p && ((ru->first_types >> FEIT_PERSON) & 1);
            if (!start)
                continue;
        }
        if (ru->anchor_types) {
            /* the rule starts with an entity: only where one starts */
            bool start = mi >= 0 && (ru->anchor_types & (1u << d->ments[mi].e.type)), at_virt = false;
            for (int v = 0; v < R->nvirts && !at_virt; v++)
                at_virt = R->virts[v].start == p;
            start = start || (at_virt && (ru->anchor_types & (1u << FEIT_PERSON)));
            if (!start)
                continue;
            /* ... and only where the token after it can start the rest (a description's person
             * ends elsewhere: not then) */
            if (ru->after_anchor != RULES_FIRST_ANY && !at_virt && !may_follow(R, ru, se, d->ments[mi].tok_end))
                continue;
        } else if (anchor && ru->after_anchor != RULES_FIRST_ANY) {
            /* the anchor word is one token; a role maybe three (secretaris-generaal) */
            if (!may_follow(R, ru, se, p + 1) && (anchor->kind != RN_ROLE || !may_follow(R, ru, se, p + 3)))
                continue;
        }
        mstate m;
        m.r = r, m.d = d, m.s_start = se->tok_start, m.s_end = se->tok_end, m.steps = 0, m.end = p;
        m.virts = R->virts, m.nvirts = R->nvirts, m.behind_at = 0, m.memo = memo;
        m.trace = false, m.far_pos = 0, m.far_node = -1;
        for (int c = 0; c < RULES_MAX_CAPTURES; c++)
            m.cap[c] = -1;
        bool hit = relate_match(&m, ru->body, p);
        if (hit && ru->pre >= 0) {
            uint32_t end = m.end; /* the tests are zero-width: the match still ends at end */
            hit = relate_match(&m, ru->pre, p);
            m.end = end;
        }
        if (hit) {
            int rc = fire(R, ru, &m, p, s);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* The rules of pass `pass` that need at most nm mentions (rules.h: rs_pass), a bitset. */
static const uint64_t *pass_rules(const feit_rules *r, int pass, uint32_t nm)
{
    size_t w = (size_t)r->rs_words, m = nm < (uint32_t)r->ment_cap ? nm : (uint32_t)r->ment_cap;
    return r->rs_pass + ((size_t)pass * (size_t)(r->ment_cap + 1) + m) * w;
}

/* Can a role start in sentence sc (a match's RN_ROLE, relate_match.c)? At a free word of its
 * roles list, or at a free token other than a word with a glued hyphen and token after it (the
 * start of a hyphenated role such as "G7-voorzitter": glued_lead). */
static bool role_may(const sent_ctx *sc)
{
    return sc->nroles || sc->glued_lead;
}

/* The rules whose later and first entity may be in sentence sc, and whose role may start in it
 * when they need one (rules.h: rs_types), a bitset. */
static const uint64_t *rules_of_types(const feit_rules *r, const sent_ctx *sc)
{
    size_t row = (size_t)(sc->ment_types & TYPES_ALL) + (role_may(sc) ? (size_t)TYPES_ALL + 1 : 0);
    return r->rs_types + row * (size_t)r->rs_words;
}

/* The rules whose requirements sentence sc meets (its word sets and requirement literals: lits,
 * nlits of them, and the most asked ones as the bits of top: sent_scan) and whose entities
 * (and role) may be in it (rules_of_types), as a bitset of rules (rules.h: rs_req) in out
 * (rs_words words). met: scratch of RULES_MAX_REQS * rs_words
 * words. Returns the number of words of out that are not 0, and puts their offsets in xs, so
 * the listing walks just those (a few rules of hundreds). The scan lists its rules for both
 * passes (rules_listed). */
/* met |= row k of rs_req, by its nonzero words (rules.h: rs_nz, or rs_few: first, nz) */
static inline void or_sparse(uint64_t *met, const uint32_t *first, const rrow_word *nz, size_t k)
{
    for (uint32_t i = first[k], e = first[k + 1]; i < e; i++)
        met[nz[i].at] |= nz[i].bits;
}

static uint32_t rules_met(const feit_rules *r, const sent_ctx *sc, const uint32_t *lits, uint32_t nlits, unsigned top, uint64_t *out,
                          uint64_t *met, uint32_t *xs)
{
    size_t w = (size_t)r->rs_words, kw = (size_t)RULES_MAX_REQS * w;
    size_t nk = (size_t)r->nsets;
    /* the rows' words of just the rules with mentions enough, when the sentence has so few
     * that most rules' words are left out (rules.h: few_ments) */
    const uint32_t *first = r->rs_nz_first;
    const rrow_word *nz = r->rs_nz;
    if (sc->nm < (uint32_t)r->few_ments)
        first = r->rs_few_first + (size_t)sc->nm * (size_t)(r->rs_rows + 1), nz = r->rs_few;
    /* no requirement q, and the most asked literals of the sentence at once (rs_top: their rows
     * for all the rules; a rule that needs more mentions than it has may be left in out, but
     * rules_listed takes only the rules with mentions enough, as it does without rs_top) */
    if (r->rs_top) {
        memcpy(met, r->rs_top + (size_t)top * kw, kw * sizeof *met);
    } else {
        memcpy(met, r->rs_req + nk * kw, kw * sizeof *met);
    }
    const uint64_t *fs = sc->facts.sets;
    for (int32_t j = 0, nj = r->set_words; j < nj; j++)
        for (uint64_t b = fs[j]; b; b &= b - 1)
            or_sparse(met, first, nz, (size_t)j * 64 + (size_t)__builtin_ctzll(b));
    for (uint32_t i = 0; i < nlits; i++) /* (the most asked ones are in top) */
        or_sparse(met, first, nz, nk + 1 + (size_t)lits[i]);
    const uint64_t *tm = rules_of_types(r, sc);
    uint32_t nx = 0;
    _Static_assert(RULES_MAX_REQS == 4, "rules_met ANDs the four requirement rows");
    for (size_t x = 0; x < w; x++) {
        uint64_t all = met[x] & met[w + x] & met[2 * w + x] & met[3 * w + x] & tm[x];
        out[x] = all;
        xs[nx] = (uint32_t)x, nx += all != 0;
    }
    return nx;
}


/* The numbers of the rules in met (rules_met: its words xs[0 .. nx) that are not 0) that pass 0
 * may try with sc->nm mentions, in ascending order, then those pass 1 may try, into list (room
 * for r->nrules: the passes take different rules), leaving out a rule whose later literal
 * (rules.h: rlater) the sentence lacks (lit_in, as sent_scan left them), or (pass 1) whose
 * entity or role start has no token after it that its rest can start with (start_may); in
 * bounds, per listed rule, the offset of that literal's last place (lit_last), or NO_BOUND.
 * Returns their count; sets sc->nrules0 to the count of pass 0's, and *any when some rule has a
 * bound. A sentence keeps the list instead of the bitset: a few rules of hundreds; each pass
 * walks just its part. (A rule whose role has nowhere to start is not in met: rules_met.) */

/* What the token right after each place a rule may start at in a sentence can begin
 * (run_rule's may_follow there): per mention type t, the hash bits (hash & 63) of the tokens
 * right after its mentions and the types of the mentions that start there; the same after the
 * words its roles may open at (one token on, and three: "secretaris-generaal"). */
typedef struct sent_follow {
    uint64_t ent_bits[FEIT_NTYPES];
    uint8_t ent_types[FEIT_NTYPES];
    uint64_t role_bits;
    uint8_t role_types;
} sent_follow;

/* the bit of a mention's type when one starts at token e, else 0 */
static inline unsigned type_starting(const feit_doc *d, uint32_t e)
{
    int32_t mi = d->toks[e].mention;
    return mi >= 0 && d->ments[mi].tok_start == e ? 1u << d->ments[mi].e.type : 0;
}

static void follow_scan(const feit_doc *d, const sent_ctx *sc, sent_follow *f)
{
    memset(f, 0, sizeof *f);
    const uint32_t s_end = sc->se->tok_end;
    for (uint32_t i = 0; i < sc->nm; i++) {
        const feit_mention *me = &d->ments[d->toks[sc->ments[i]].mention];
        uint32_t e = me->tok_end;
        if (e < s_end) {
            f->ent_bits[me->e.type] |= 1ull << (d->toks[e].hash & 63);
            f->ent_types[me->e.type] |= (uint8_t)type_starting(d, e);
        }
    }
    for (uint32_t i = 0; i < sc->nroles; i++)
        for (uint32_t e = sc->roles[i] + 1; e <= sc->roles[i] + 3 && e < s_end; e += 2) {
            f->role_bits |= 1ull << (d->toks[e].hash & 63);
            f->role_types |= (uint8_t)type_starting(d, e);
        }
}

/* Can run_rule try rule lt's matcher anywhere in sentence sc (rules.h: rlater.start)? A rule
 * that starts with an entity needs one of its types with a token after it that the rest can
 * start with; one that starts with a role, a role word with such a token after it. (Only where
 * no description can stand for a person: a person a description stands for is a start, and
 * starts the rest, without these tests.) */
static bool start_may(const rlater *lt, const sent_ctx *sc, const sent_follow *f)
{
    if (lt->start == RULES_START_ROLE)
        return sc->nroles &&
               (lt->after_bits == RULES_FIRST_ANY || (f->role_bits & lt->after_bits) || (f->role_types & lt->after_types));
    if (lt->start == RULES_START_ENT) {
        unsigned a = lt->anchor_types & sc->ment_types;
        if (lt->after_bits == RULES_FIRST_ANY)
            return a != 0;
        for (; a; a &= a - 1) {
            int t = __builtin_ctz(a);
            if ((f->ent_bits[t] & lt->after_bits) || (f->ent_types[t] & lt->after_types))
                return true;
        }
        return false;
    }
    return true;
}

static uint32_t rules_listed(const feit_rules *r, const feit_doc *d, sent_ctx *sc, const uint64_t *met, const uint32_t *xs,
                             uint32_t nx, const uint64_t *lit_seen, const uint32_t *lit_last, uint32_t *list, uint16_t *bounds,
                             bool *any)
{
    uint32_t n = 0;
    sent_follow fol;
    for (int pass = 0; pass < 2; pass++) {
        const uint64_t *pm = pass_rules(r, pass, sc->nm);
        /* the start test of the rules after the describe rules, when none of those is listed
         * here: then no description stands for a person in the sentence */
        bool starts = pass == 1 && n == 0;
        if (starts)
            follow_scan(d, sc, &fol);
        for (uint32_t i = 0; i < nx; i++)
            for (uint64_t b = met[xs[i]] & pm[xs[i]]; b; b &= b - 1) {
                uint32_t ri = (uint32_t)(xs[i] * 64 + (uint32_t)__builtin_ctzll(b));
                const rlater *lt = &r->later[ri];
                if (starts && !start_may(lt, sc, &fol))
                    continue; /* (the matcher would not be tried at any place) */
                int32_t li = lt->lit;
                uint16_t last = NO_BOUND;
                if (li >= 0) {
                    if (!lit_in(lit_seen, lit_last, li, sc->se->tok_start))
                        continue; /* (its word is not in the sentence: no match anywhere) */
                    last = (uint16_t)(lit_last[li] - sc->se->tok_start), *any = true;
                }
                list[n] = ri, bounds[n++] = last;
            }
        if (pass == 0)
            sc->nrules0 = n;
    }
    return n;
}

/* Where each type's last entity of a sentence starts (+ 1; 0: none), for later_limit: its
 * mentions and the persons descriptions stand for in it (virts, as the pass finds them);
 * zero: a description of no tokens starts in it (its person ends where it starts). */
typedef struct sent_ents {
    uint32_t last[FEIT_NTYPES];
    bool zero;
    int nvirts; /* R->nvirts when made: a describe rule of the pass may add one */
} sent_ents;

static void ents_scan(const rel *R, const sent_ctx *sc, sent_ents *e)
{
    const feit_doc *d = R->d;
    memset(e, 0, sizeof *e);
    e->nvirts = R->nvirts;
    for (uint32_t i = 0; i < sc->nm; i++) /* (in token order: the last write is the last start) */
        e->last[d->ments[d->toks[sc->ments[i]].mention].e.type] = sc->ments[i] + 1;
    for (int v = 0; v < R->nvirts; v++) {
        const virt *vt = &R->virts[v];
        if (vt->start < sc->se->tok_start || vt->start >= sc->se->tok_end)
            continue;
        if (vt->start + 1 > e->last[FEIT_PERSON])
            e->last[FEIT_PERSON] = vt->start + 1;
        e->zero = e->zero || vt->end == vt->start;
    }
}

/* The token before which rule ri may start in sentence se (rules.h: rlater): its later
 * literal's last place (off, from sent_ctx.bounds, NO_BOUND: none) and its later entity's last
 * start (ents), each + 1 when the element may be at the start itself; se->tok_start or less:
 * nowhere. (A first element that is a description of no tokens consumes none: no element is
 * past the start then.) */
static uint32_t later_limit(const feit_rules *r, int32_t ri, const feit_sentence *se, uint16_t off, const sent_ents *ents)
{
    const rlater *lt = &r->later[ri];
    uint32_t lim = UINT32_MAX;
    if (off != NO_BOUND)
        lim = se->tok_start + off + !(lt->lit_after && !ents->zero);
    if (lt->types) {
        uint32_t e = 0;
        for (unsigned t = lt->types; t; t &= t - 1)
            if (ents->last[__builtin_ctz(t)] > e)
                e = ents->last[__builtin_ctz(t)];
        if (!e)
            return 0;
        e -= lt->types_after && !ents->zero;
        if (e < lim)
            lim = e;
    }
    return lim;
}

/* Successions: B takes each role the document states for A (a role fact of A found anywhere
 * in it, not one inherited itself), with the time of the succession sentence; the evidence
 * starts at A's role when it is at most SUCC_SENTS sentences before. */
#define SUCC_SENTS 3
static int resolve_successions(rel *R)
{
    const feit_rules *r = R->r;
    feit_doc *d = R->d;
    size_t n = d->ntriples;
    for (int i = 0; i < R->nsucc; i++) {
        for (size_t k = R->base; k < n; k++) {
            const feit_triple *t = &d->triples[k];
            int32_t pi = rules_pred(r, t->predicate);
            if (pi < 0 || !r->preds[pi].role || t->subject.type != FEIT_PERSON || strcmp(t->subject.canonical, R->succ[i].from) ||
                !strcmp(t->subject.canonical, R->succ[i].heir.canonical))
                continue;
            uint32_t sent = R->succ[i].sent, ev = t->sentence < sent && sent - t->sentence <= SUCC_SENTS ? t->sentence : sent;
            feit_arg obj = t->object;
            const char *qual = t->qualifier;
            int rc = add_triple(R, pi, R->succ[i].heir, R->succ[i].heir_pos, obj, NOPOS, qual, R->succ[i].confidence * 0.9f,
                                R->succ[i].rule, sent, ev, R->succ[i].time);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int relate_doc(const feit_rules *r, feit_doc *d)
{
    if (!r || !d)
        return 0;
    rel R;
    memset(&R, 0, REL_CLEAR);
    R.main_org = -2;
    R.ncountries = -1;
    R.r = r;
    R.d = d;
    R.base = d->ntriples;
    facts_init(&R.facts, &d->arena);
    uint8_t *present = arena_alloc(&d->arena, (size_t)r->nsets + 1);
    relate_memo memo = {NULL};
    if (!present)
        return FEIT_ENOMEM;
    /* scratch for one sentence's literals (sent_scan, for rules_met) and for a rule's start
     * positions */
    uint32_t *lists = arena_alloc(&d->arena, (2 * MAX_SENT_TOKS + MAX_VIRT) * sizeof *lists);
    /* the sentences rules run on: enough mentions for some rule, not too long to be prose, and
     * with few mentions, a role or literal some rule for so few needs (gate_open); of the
     * sentences that hold a mention (relate_sent_ments), so the others are not looked at */
    uint32_t *elig = arena_alloc(&d->arena, (d->nsents + 1) * sizeof *elig), ne = 0;
    uint32_t *nments = arena_alloc(&d->arena, (d->nsents + 1) * sizeof *nments);
    if (!lists || !elig || !nments)
        return FEIT_ENOMEM;
    uint32_t nms = relate_sent_ments(d, elig, nments); /* (each read before its place is written) */
    for (uint32_t k = 0; k < nms; k++) {
        const feit_sentence *se = &d->sents[elig[k]];
        uint32_t nm = nments[k];
        if (se->tok_end - se->tok_start <= MAX_SENT_TOKS && (int32_t)nm >= r->min_ments &&
            ((int32_t)nm > r->gate_ments || gate_open(r, d, se)))
            elig[ne++] = elig[k];
    }
    sent_ctx *sents = arena_alloc(&d->arena, (ne + 1) * sizeof *sents); /* per eligible sentence with a rule to try */
    if (!sents)
        return FEIT_ENOMEM;
    uint32_t *cand = lists + MAX_SENT_TOKS;
    /* scratch for rules_met (its bitset, then its rows) and for the bounds of the rules a
     * sentence lists (rules_listed; when the sets are bits) */
    size_t w = (size_t)r->rs_words;
    uint64_t *todo = arena_alloc(&d->arena, ((RULES_MAX_REQS + 1) * w + 1) * sizeof *todo);
    uint16_t *bounds = w ? arena_alloc(&d->arena, ((size_t)r->nrules + 1) * sizeof *bounds) : NULL;
    uint32_t *words_met = w ? arena_alloc(&d->arena, (w + 1) * sizeof *words_met) : NULL; /* (rules_met) */
    if (w && (!bounds || !words_met))
        return FEIT_ENOMEM;
    /* a bit per literal met in the document, and where it was last (sent_scan: lit_in; so a
     * few words to clear per document, none per sentence; the literals matter to the bitsets
     * only) */
    uint64_t *lit_seen = NULL;
    uint32_t *lit_last = NULL; /* (sent_scan) */
    if (r->rs_words && r->nlits) {
        size_t lw = ((size_t)r->nlits + 63) / 64;
        lit_seen = arena_alloc(&d->arena, lw * sizeof *lit_seen);
        lit_last = arena_alloc(&d->arena, (size_t)r->nlits * sizeof *lit_last);
        if (lit_seen)
            memset(lit_seen, 0, lw * sizeof *lit_seen);
    }
    size_t sw = r->stem_index ? (size_t)r->set_words : 0;
    if (!todo || (r->rs_words && r->nlits && (!lit_seen || !lit_last)))
        return FEIT_ENOMEM;
    /* What a sentence keeps (its word sets, its lists: sent_scan; the rules to try on it:
     * rules_listed) is written where it stays, at the front of the room left in a block of the
     * arena (keep_at .. keep_end), and the front moves on past it when the sentence is kept: no
     * copy. A block has room for four sentences like the one it is made for, so the tail a
     * block leaves stays a fraction of what is kept: a long document costs no four words a
     * token. */
    uint32_t *keep_at = NULL, *keep_end = NULL;
    const size_t rule_room = w ? (size_t)r->nrules + ((size_t)r->nrules + 1) / 2 : 0; /* (rules and bounds) */
    uint32_t nkept = 0; /* (the sentences kept in sents) */
    for (uint32_t k = 0; k < ne; k++) {
        const feit_sentence *se = &d->sents[elig[k]];
        size_t len = se->tok_end - se->tok_start, room = 2 * sw + 3 * len + rule_room + 2;
        if ((size_t)(keep_end - keep_at) < room) {
            size_t cap = 4 * room > KEEP_BLOCK ? 4 * room : KEEP_BLOCK;
            if (!(keep_at = arena_alloc(&d->arena, cap * sizeof *keep_at)))
                return FEIT_ENOMEM;
            keep_end = keep_at + cap;
        }
        uint64_t *ws = sw ? (uint64_t *)(void *)keep_at : NULL; /* (keep_at stays 8-aligned) */
        if (sw == 1)
            ws[0] = 0;
        else if (sw)
            memset(ws, 0, sw * sizeof *ws);
        sent_ctx *sc = &sents[nkept];
        *sc = (sent_ctx){.facts = {.present = present, .sets = ws}, .word_sets = ws};
        uint32_t *ments = keep_at + 2 * sw, *lits = lists;
        unsigned top = 0;
        uint32_t nlits = sent_scan(r, d, &memo, sc, elig[k], ments, ments + len, ments + 2 * len, lits, lit_seen, lit_last, &top);
        /* the roles and words after the mentions (each list was written as long as the
         * sentence) */
        uint32_t *at = ments + sc->nm;
        for (uint32_t i = 0; i < sc->nroles; i++)
            at[i] = sc->roles[i];
        sc->roles = at, at += sc->nroles;
        for (uint32_t i = 0; i < sc->nwords; i++)
            at[i] = sc->words[i];
        sc->words = at, at += sc->nwords;
        /* the rules to try on it (the literals serve this only: not kept), each with the last
         * token it may start at */
        uint32_t ntry = 0;
        bool any_bound = false;
        if (w) {
            uint32_t nx = rules_met(r, sc, lits, nlits, top, todo, todo + w, words_met);
            ntry = rules_listed(r, d, sc, todo, words_met, nx, lit_seen, lit_last, at, bounds, &any_bound);
        }
        if (w && !ntry)
            continue; /* (no rule to try: neither pass looks at it, so nothing is kept) */
        nkept++;
        sc->rules = at, sc->nrules = ntry, at += ntry;
        sc->bounds = any_bound ? memcpy(at, bounds, ntry * sizeof *bounds) : NULL;
        at += any_bound ? (ntry + 1) / 2 : 0;
        keep_at += (size_t)(at - keep_at + 1) & ~(size_t)1;
    }
    /* rules that need more mentions than a sentence has are not tried on it (rs_pass, tests) */
    for (int pass = 0; pass < 2; pass++)
    for (uint32_t k = 0; k < nkept; k++) {
        sent_ctx *sc = &sents[k];
        uint32_t s = sc->s, nm = sc->nm;
        const feit_sentence *se = &d->sents[s];
        R.nseen = R.npending = 0;
        /* the rules to try, in file order: those the sentence listed that are of this pass
         * where the rules allow (rs_words), else one by one */
        int32_t next = r->pass_start[pass];
        uint32_t x = pass ? sc->nrules0 : 0, xend = pass ? sc->nrules : sc->nrules0;
        if (w && x == xend)
            continue; /* (none listed: most sentences in the describe pass) */
        if (!r->stem_index)
            memset(present, 0, (size_t)r->nsets);
        sent_ents ents;
        ents_scan(&R, sc, &ents);
        for (;;) {
            int32_t ri;
            if (w) { /* the next listed rule of the pass */
                if (x == xend)
                    break;
                ri = (int32_t)sc->rules[x++];
                /* the next rule's lines, read at random in a table of hundreds of rules: a
                 * rule's run takes some hundreds of instructions, time for them to come */
                if (x < xend) {
                    const rrule *nr = &r->rules[sc->rules[x]];
                    __builtin_prefetch(&nr->anchor_types), __builtin_prefetch(&nr->first_bits);
                    __builtin_prefetch(&r->later[sc->rules[x]]);
                }
            } else {
                if (next == r->pass_start[pass + 1])
                    break;
                ri = r->by_pass[next++];
            }
            /* (with the bitsets, the mention count and the requirements are met already) */
            const rtest *te = &r->tests[ri];
            bool ok = w || (int32_t)nm >= te->min_ments;
            for (int32_t q = 0; q < te->nreqs && ok && !w; q++)
                ok = relate_sentence_has(r, d, se, &r->rules[ri].reqs[q], &sc->facts, &memo);
            if (ents.nvirts != R.nvirts)
                ents_scan(&R, sc, &ents);
            uint32_t lim = later_limit(r, ri, se, sc->bounds ? sc->bounds[x - 1] : NO_BOUND, &ents);
            int rc = ok && lim > se->tok_start ? run_rule(&R, &r->rules[ri], sc, &memo, cand, lim) : 0;
            if (rc)
                return rc;
        }
        if (R.npending) {
            int rc = resolve_pending(&R, s);
            if (rc)
                return rc;
        }
    }
    if (R.nsucc) {
        int rc = resolve_successions(&R);
        if (rc)
            return rc;
    }
    if (d->trace && d->trace->predicate) {
        int rc = trace_misses(&R, &memo);
        if (rc)
            return rc;
    }
    size_t n = d->ntriples - R.base;
    if (n > 1) {
        sortrec *v = arena_alloc(&d->arena, n * sizeof *v);
        if (!v)
            return FEIT_ENOMEM;
        for (size_t i = 0; i < n; i++)
            v[i] = (sortrec){d->triples[R.base + i], R.info[i], i};
        qsort(v, n, sizeof *v, cmp_sortrec);
        for (size_t i = 0; i < n; i++)
            d->triples[R.base + i] = v[i].t;
    }
    return 0;
}
