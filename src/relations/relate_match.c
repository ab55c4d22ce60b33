/* relate_match.c — the pattern matcher: a small backtracking matcher over a sentence's tokens
 * and mentions (nodes of rules.h: words, word sets, roles, entities, gaps, groups and
 * look-arounds), and the cheap tests (word-set membership, anchors, required words) that
 * decide whether it runs at all. No allocation: match state lives on the caller's stack. */
#include "relations/relate_match.h"

#include "core/lang.h"

#include <string.h>

/* Backtracking budget per start position: guards against pathological patterns. */
#define MAX_STEPS 20000

typedef struct cont {
    int32_t node;
    const struct cont *up;
} cont;

/* the continuation a look-ahead ends in: reaching it means "the look-ahead matched" */

/* Is kind one of the list "club|company" (an ORG.club|company element)? */
static bool kind_in(const char *list, const char *kind)
{
    size_t n = strlen(kind);
    for (const char *p = list;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !memcmp(p, kind, n))
            return true;
        if (!bar)
            return false;
        p = bar + 1;
    }
}

static const cont LOOKAHEAD = {-1, NULL};
/* the continuation a look-behind ends in: it matched when it ends where it was asked for */
static const cont LOOKBEHIND = {-1, NULL};
/* how far back a look-behind group may start */
#define MAX_BEHIND 8

/* Is token t the literal word of node n (RN_WORD)? */
static bool is_word(const feit_token *t, const rnode *n)
{
    return t->hash == n->hash && t->fold_len == n->wlen && !memcmp(t->fold, n->word, n->wlen);
}

/* a hyphen written against the word before it */
static bool glued_hyphen(const feit_token *t)
{
    return (t->flags & TF_GLUED) && t->fold_len == 1 && t->fold[0] == '-';
}

/* Role entry of the compound a-b ("navo-chef", "secretaris-generaal"), or NULL. */
static const rrole *compound_role(const feit_rules *r, const feit_token *a, const feit_token *b)
{
    char buf[128];
    size_t n = (size_t)a->fold_len + 1 + b->fold_len;
    if (n >= sizeof buf)
        return NULL;
    memcpy(buf, a->fold, a->fold_len);
    buf[a->fold_len] = '-';
    memcpy(buf + a->fold_len + 1, b->fold, b->fold_len);
    return rules_role_entry(r, buf, n);
}

/* Role entry of token i: the glued compound first (NAVO-chef, oud-premier), then the word. */
const rrole *relate_role_at(const feit_rules *r, const feit_doc *d, uint32_t i, uint32_t s_start)
{
    const feit_token *t = &d->toks[i];
    if (t->kind != TOK_WORD)
        return NULL;
    if ((t->flags & TF_GLUED) && i >= s_start + 2 && glued_hyphen(&d->toks[i - 1])) {
        const rrole *e = compound_role(r, &d->toks[i - 2], t);
        if (e)
            return e;
    }
    return (t->flags & TF_ROLE) ? t->info->role : rules_role_entry(r, t->fold, t->fold_len);
}

static bool stem_in_set(const feit_rules *r, const rset *set, const char *stem)
{
    size_t n = strlen(stem);
    for (int32_t i = 0; i < set->n; i++) {
        const rstem *e = &r->stems[set->first + i];
        if (n == e->len && !memcmp(stem, e->stem, n))
            return true;
        /* compounds: the rest must be a word of its own (at least 3 letters) */
        if (n >= e->len + 3) {
            if (e->head && !memcmp(stem + n - e->len, e->stem, e->len))
                return true;
            if (e->lead && !memcmp(stem, e->stem, e->len))
                return true;
        }
    }
    return false;
}

/* All the sets a stem is in, from the stem index: the whole stem, then its tails (compound
 * heads: partnerschaps|overeenkomst) and its beginnings (compound leads: samenwerkings|verband),
 * each leaving at least three letters of its own, as stem_in_set requires. */
static void or_sets(uint64_t *out, const uint64_t *b, int32_t w)
{
    for (int32_t j = 0; j < w; j++)
        out[j] |= b[j];
}

/* Is some set in the bitset b (set_words words)? */
static bool any_set(const uint64_t *b, int32_t w)
{
    uint64_t any = 0;
    for (int32_t j = 0; j < w; j++)
        any |= b[j];
    return any != 0;
}

/* ORs into out the sets (bitsets at offset off of a slot's) of the stem's tails (tail) or
 * beginnings of the lengths in lens (rules.h: edge_lens; bit 31: each length from 31 on), each
 * leaving at least three bytes of the stem's n. With out NULL it only asks whether one of
 * them is in a set: true at the first that is (word_sets' test before it stems a word; inlined,
 * so that each caller's form is its own: out of line the cold pass cost +2.4 M). */
static inline __attribute__((always_inline)) bool part_sets(const feit_rules *r, const char *stem, size_t n, uint32_t lens, bool tail,
                                                            size_t off, uint64_t *out)
{
    lens &= n - 3 >= 31 ? UINT32_MAX : (2u << (n - 3)) - 1;
    for (; lens; lens &= lens - 1) {
        size_t l = (size_t)__builtin_ctz(lens), last = l == 31 ? n - 3 : l;
        for (; l <= last; l++) {
            const rstem_slot *e = rules_stem_find(r, tail ? stem + n - l : stem, l);
            if (!e)
                continue;
            const uint64_t *b = r->stem_masks + e->masks + off;
            if (!out) {
                if (any_set(b, r->set_words))
                    return true;
            } else {
                or_sets(out, b, r->set_words);
            }
        }
    }
    return false;
}

/* (out: r->set_words words, cleared by the caller; the length filters skip the probes that
 * cannot find a stem) */
static void stem_sets(const feit_rules *r, const char *stem, uint64_t *out)
{
    size_t n = strlen(stem);
    size_t w = (size_t)r->set_words;
    const uint32_t *lens = r->edge_lens;
    uint32_t end = rules_end_key(stem, n);
    const rstem_slot *e;
    if ((lens[RULES_LENS_WHOLE + end] & rules_len_bit(n)) && (e = rules_stem_find(r, stem, n)))
        or_sets(out, r->stem_masks + e->masks, r->set_words);
    if (n < 3) /* (a head or lead leaves three bytes of its own) */
        return;
    if (lens[RULES_LENS_HEAD + end])
        part_sets(r, stem, n, lens[RULES_LENS_HEAD + end], true, w, out);
    uint32_t start = rules_edge_key(stem);
    if (lens[RULES_LENS_LEAD + start])
        part_sets(r, stem, n, lens[RULES_LENS_LEAD + start], false, 2 * w, out);
}

/* Is a stem of s[0 .. n)'s first three bytes in a set by its beginning (a compound lead, as
 * stem_sets finds them), s or a string of s's length or shorter that differs from it in its
 * last two bytes only (a lead leaves three bytes of the stem's own)? */
static bool lead_in_set(const feit_rules *r, const char *s, size_t n)
{
    return n >= 3 && part_sets(r, s, n, r->edge_lens[RULES_LENS_LEAD + rules_edge_key(s)], false, 2 * (size_t)r->set_words, NULL);
}

/* Is stem s[0 .. n) in a set whole or by a tail (a compound head), as stem_sets finds them?
 * (rules_stem_cuts' callback: word_sets; inline in it, as most words ask it of five cuts) */
static inline __attribute__((always_inline)) bool cut_in_set(void *ctx, const char *s, size_t n)
{
    const feit_rules *r = ctx;
    const int32_t w = r->set_words;
    const uint32_t *lens = r->edge_lens;
    uint32_t end = rules_end_key(s, n);
    const rstem_slot *e;
    if ((lens[RULES_LENS_WHOLE + end] & rules_len_bit(n)) && (e = rules_stem_find(r, s, n)) && any_set(r->stem_masks + e->masks, w))
        return true;
    return n >= 3 && part_sets(r, s, n, lens[RULES_LENS_HEAD + end], true, (size_t)w, NULL);
}

/* (pack_sets: the packed form of relate_match.h, RELATE_PACK_*) */
static bool pack_sets(const uint64_t *b, int32_t w, uint64_t *packed)
{
    uint64_t v = 0, n = 0;
    for (int32_t j = 0; j < w; j++)
        for (uint64_t x = b[j]; x; x &= x - 1) {
            uint64_t k = (uint64_t)j * 64 + (uint64_t)__builtin_ctzll(x);
            if (n == RELATE_PACK_IDS || k >= (1u << RELATE_PACK_BITS))
                return false;
            v |= k << (RELATE_PACK_BITS * n++);
        }
    *packed = v | n << 60;
    return true;
}

/* the lexicon stage's questions (lexicon.h: lex_hook) */
static bool word_sets(const void *ctx, feit_doc *d, size_t i, uint64_t *sets)
{
    const feit_rules *r = ctx;
    if (!r->stem_index)
        return false;
    const feit_token *t = &d->toks[i];
    /* a word whose stem can only be one of its cuts, none of them in a set whole or by its
     * tail, and with no lead of a set at its start (each cut is the word but for its last two
     * bytes), is in none: no stem is asked for (a Snowball stem is ~2,000 instructions, and
     * few new words have a set) */
    bool none = r->stem_cuts && rules_stem_cuts(t->fold, t->fold_len, cut_in_set, (void *)r) == 0 &&
                !lead_in_set(r, t->fold, t->fold_len);
    if (r->set_words == 1) {
        *sets = 0;
        if (!none)
            stem_sets(r, doc_stem(d, i), sets);
        return true;
    }
    uint64_t b[RULES_MAX_SET_WORDS];
    memset(b, 0, (size_t)r->set_words * sizeof *b);
    if (!none)
        stem_sets(r, doc_stem(d, i), b);
    if (!pack_sets(b, r->set_words, sets))
        return false;
    int32_t li = rules_lit_find(r, t->fold, t->fold_len, t->hash);
    if (li >= 0 && !relate_pack_lit(sets, li))
        return false;
    /* (relate.c's gate_open: what its walk asks of a word, but for a role it opens glued to a
     * hyphen) */
    if (r->gate_lits &&
        ((li >= 0 && ((r->gate_lits[li >> 6] >> (li & 63)) & 1)) || relate_packed_meets(*sets, r->gate_sets) ||
         (r->gate_role && rules_role_entry(r, t->fold, t->fold_len))))
        *sets |= RELATE_PACK_GATE;
    return true;
}

static const rrole *word_role(const void *ctx, const char *fold, size_t len, bool *names_role)
{
    const rrole *e = rules_role_entry(ctx, fold, len);
    *names_role = e && (e->pred >= 0 || e->inherit);
    return e;
}

/* REL_* of a record (relate_match.h) for token i: what gate_open asks of a free token that
 * is not glued, and for a glued word its own role (a compound it closes needs a hyphen); what
 * sent_scan lists of a free token */
static uint8_t word_rel(const void *ctx, const feit_doc *d, size_t i, bool word, const feit_wordinfo *w)
{
    const feit_rules *r = ctx;
    const feit_token *t = &d->toks[i];
    bool hyphen = t->fold_len == 1 && t->fold[0] == '-';
    bool sets = word && (w->tok_flags[1] & TF_SETS), packed = sets && r->set_words != 1;
    if (word && !sets) /* (its sets are found again where asked) */
        return hyphen ? 0 : REL_NO_HYPHEN;
    int32_t li = packed ? relate_packed_lit(w->sets) : rules_lit_of(r, t->fold, t->fold_len, t->hash);
    bool plain = !hyphen && li < 0 && (!word || (!w->role && (packed ? relate_packed_count(w->sets) == 0 : w->sets == 0)));
    uint8_t bits = (hyphen ? 0 : REL_NO_HYPHEN) | (plain ? REL_PLAIN : 0);
    if (!r->gate_lits) /* (no gate: relate.c does not ask) */
        return bits;
    if (packed)
        return bits | ((w->sets & RELATE_PACK_GATE) ? 0 : REL_NO_GATE);
    bool gate = (li >= 0 && ((r->gate_lits[li >> 6] >> (li & 63)) & 1)) ||
                (sets && ((w->sets & r->gate_sets[0]) || (r->gate_role && w->role)));
    return bits | (gate ? 0 : REL_NO_GATE);
}

lex_hook relate_lex_hook(const feit_rules *r) { return (lex_hook){r, word_role, word_sets, word_rel}; }

/* the discourse stages' question (discourse.h): the role predicate token i names */
static const char *token_role(const void *ctx, const feit_doc *d, size_t i)
{
    const feit_rules *r = ctx;
    uint32_t s_start = d->sents[d->toks[i].sentence].tok_start;
    const rrole *e = relate_role_at(r, d, (uint32_t)i, s_start);
    return e && e->pred >= 0 ? r->preds[e->pred].name : NULL;
}

discourse_hook relate_discourse_hook(const feit_rules *r) { return (discourse_hook){r, token_role}; }

/* The runs of tokens of one mention that start in sentence s (as sent_scan counts them) */
static uint32_t token_runs(const feit_doc *d, uint32_t s)
{
    uint32_t nm = 0;
    for (uint32_t t = d->sents[s].tok_start; t < d->sents[s].tok_end; t++)
        nm += d->toks[t].mention >= 0 && (t == 0 || d->toks[t - 1].mention != d->toks[t].mention);
    return nm;
}

uint32_t relate_sent_ments(const feit_doc *d, uint32_t *sents, uint32_t *count)
{
    bool sorted = true; /* (a sentence's mentions are found by a walk in order) */
    for (size_t j = 1; j < d->nments && sorted; j++)
        sorted = d->ments[j].tok_start >= d->ments[j - 1].tok_start;
    uint32_t n = 0;
    if (!sorted) {
        for (uint32_t s = 0; s < d->nsents; s++)
            if ((count[n] = token_runs(d, s)))
                sents[n++] = s;
        return n;
    }
    /* the walk goes from mention to mention: a sentence no mention starts in is passed by the
     * cursor alone (most sentences) */
    size_t j = 0;
    uint32_t reach = 0; /* the furthest end of the mentions walked */
    for (uint32_t s = 0; j < d->nments; s++) {
        /* the sentence of mention j: the first that ends past its start */
        while (s < d->nsents && d->sents[s].tok_end <= d->ments[j].tok_start)
            s++;
        if (s == d->nsents)
            break;
        const feit_sentence *se = &d->sents[s];
        uint32_t nm = 0;
        bool apart = true;
        for (; j < d->nments && d->ments[j].tok_start < se->tok_end; j++) {
            const feit_mention *m = &d->ments[j];
            if (m->tok_start >= se->tok_start) {
                nm++;
                apart = apart && m->tok_start >= reach && m->tok_end > m->tok_start && d->toks[m->tok_start].mention == (int32_t)j;
            }
            if (m->tok_end > reach)
                reach = m->tok_end;
        }
        if (!apart) /* (as sent_scan counts them) */
            nm = token_runs(d, s);
        if ((count[n] = nm))
            sents[n++] = s;
    }
    return n;
}

/* no sets (a memo out of memory) */
static const uint64_t NO_SETS[RULES_MAX_SET_WORDS];

/* The sets of token tok (r->stem_index): from the lexicon stage (TF_SETS) when they are one
 * word, else remembered in memo->sets, since the same token is asked about over and over while
 * rules backtrack. The memo is direct-mapped: memo->slots entries (a power of two, enough for
 * the whole of a short document, at most MEMO_SLOTS), token tok in entry tok & (slots - 1):
 * set_words words of bits, and a tag, tok + 1 when the entry holds tok's sets.
 * A long document's memo is a window, not a word per token: rules look at one sentence (and
 * the one before it), far fewer tokens than MEMO_SLOTS, and a token pushed out is asked again.
 * No sets when out of memory for the memo. */
const uint64_t *relate_token_sets_memo(const feit_rules *r, feit_doc *d, relate_memo *memo, uint32_t tok)
{
    const feit_token *t = &d->toks[tok];
    size_t w = (size_t)r->set_words;
    if (!memo->sets) {
        size_t n = 64;
        while (n < d->ntoks + 1 && n < MEMO_SLOTS)
            n *= 2;
        /* (only the tags need clearing: an entry's bits are written when it is filled) */
        memo->tags = arena_alloc(&d->arena, n * sizeof *memo->tags);
        memo->sets = arena_alloc(&d->arena, n * w * sizeof *memo->sets);
        if (!memo->tags || !memo->sets) {
            memo->sets = NULL;
            return NO_SETS;
        }
        memset(memo->tags, 0, n * sizeof *memo->tags);
        memo->slots = n;
    }
    size_t slot = tok & (memo->slots - 1);
    uint64_t *m = memo->sets + slot * w;
    if (memo->tags[slot] != tok + 1) {
        memset(m, 0, w * sizeof *m);
        if (t->flags & TF_SETS)
            relate_packed_or(t->info->sets, m);
        else
            stem_sets(r, doc_stem(d, tok), m);
        memo->tags[slot] = tok + 1;
    }
    return m;
}

static bool in_set(const feit_rules *r, feit_doc *d, relate_memo *memo, uint32_t tok, int32_t set)
{
    if (!r->stem_index)
        return stem_in_set(r, &r->sets[set], doc_stem(d, tok));
    if (d->toks[tok].flags & TF_SETS)
        return r->set_words == 1 ? (d->toks[tok].info->sets >> set) & 1 : relate_packed_has(d->toks[tok].info->sets, set);
    return rules_set_has(relate_token_sets_memo(r, d, memo, tok), set);
}

static bool match(mstate *m, int32_t node, uint32_t pos, const cont *k);

/* <( ... ): one of the alternatives matches words that end right before pos */
static bool behind_group(mstate *m, const rnode *n, uint32_t pos)
{
    uint32_t saved_at = m->behind_at;
    int32_t saved[RULES_MAX_CAPTURES];
    memcpy(saved, m->cap, sizeof saved);
    bool hit = false;
    for (uint32_t q = pos; !hit && q-- > m->s_start && pos - q <= MAX_BEHIND;) {
        m->behind_at = pos;
        uint64_t bit = 1ull << (m->d->toks[q].hash & 63);
        for (int32_t a = 0; a < n->nalts && !hit; a++)
            if (m->r->alt_first[n->arg + a] & bit) /* else no alternative can start at q */
                hit = match(m, m->r->alts[n->arg + a], q, &LOOKBEHIND);
    }
    m->behind_at = saved_at;
    memcpy(m->cap, saved, sizeof saved);
    return hit;
}

/* The filter bit (rules.h: alt_first) of the token at pos, 0 past the sentence (no word can
 * start there); everything under `feit explain`, which reports the elements tried. */
static inline uint64_t first_bit(const mstate *m, uint32_t pos)
{
    if (m->trace)
        return RULES_FIRST_ANY;
    return pos < m->s_end ? 1ull << (m->d->toks[pos].hash & 63) : 0;
}

/* Can alternative a start with a token of filter bit `bit` (first_bit)? An alternative that
 * starts with a literal word cannot where no literal of its first words has the token's bit. */
static inline bool may_start(const feit_rules *r, int32_t a, uint64_t bit)
{
    uint64_t f = r->alt_first[a];
    return f == RULES_FIRST_ANY || (f & bit);
}

bool relate_entity_starts(const feit_doc *d, uint32_t pos, unsigned types, const virt *virts, int nvirts)
{
    int32_t mi = d->toks[pos].mention;
    if (mi >= 0 && d->ments[mi].tok_start == pos && ((types >> d->ments[mi].e.type) & 1))
        return true;
    if ((types >> FEIT_PERSON) & 1)
        for (int v = 0; v < nvirts; v++)
            if (virts[v].start == pos)
                return true;
    return false;
}

/* Can the rest after a gap (its rfollow f) start at token pos? Everything under `feit explain`. */
static bool may_begin(const mstate *m, const rfollow *f, uint32_t pos)
{
    if (f->any || m->trace)
        return true;
    if (pos >= m->s_end)
        return false;
    const feit_doc *d = m->d;
    const feit_token *t = &d->toks[pos];
    if ((f->bits >> (t->hash & 63)) & 1)
        return true;
    if (f->types && relate_entity_starts(d, pos, f->types, m->virts, m->nvirts))
        return true;
    if (f->sets != RULES_NO_SETS && t->mention < 0 && t->kind == TOK_WORD) {
        if (!(t->flags & TF_SETS)) /* (sets the lexicon could not pack: not looked up here) */
            return true;
        const uint64_t *b = m->r->gap_sets + f->sets;
        return m->r->set_words == 1 ? (t->info->sets & b[0]) != 0 : relate_packed_meets(t->info->sets, b);
    }
    return false;
}

static bool proceed(mstate *m, const rnode *n, uint32_t pos, const cont *k)
{
    return match(m, n->next, pos, k);
}

static bool match(mstate *m, int32_t node, uint32_t pos, const cont *k)
{
    if (++m->steps > MAX_STEPS)
        return false;
    if (node < 0) {
        if (k == &LOOKAHEAD)
            return true;
        if (k == &LOOKBEHIND)
            return pos == m->behind_at;
        if (!k) {
            m->end = pos;
            return true;
        }
        return match(m, k->node, pos, k->up);
    }
    const feit_rules *r = m->r;
    const feit_doc *d = m->d;
    const rnode *n = &r->nodes[node];
    if (m->trace && (pos > m->far_pos || m->far_node < 0) && !n->behind && n->kind != RN_NOT)
        m->far_pos = pos, m->far_node = node;
    bool here = pos < m->s_end && (!n->glued || (d->toks[pos].flags & TF_GLUED));

    switch ((rnode_kind)n->kind) {
    case RN_ENT:
        if (here && (n->types & (1u << FEIT_PERSON)) && (n->forms & (1u << FEIT_FORM_NAME)))
            for (int v = 0; v < m->nvirts; v++)
                if (m->virts[v].start == pos && m->virts[v].end <= m->s_end) {
                    int32_t old = n->capture >= 0 ? m->cap[n->capture] : 0;
                    if (n->capture >= 0)
                        m->cap[n->capture] = VCAP(v);
                    if (proceed(m, n, m->virts[v].end, k))
                        return true;
                    if (n->capture >= 0)
                        m->cap[n->capture] = old;
                }
        if (here) {
            int32_t mi = d->toks[pos].mention;
            if (mi >= 0) {
                const feit_mention *me = &d->ments[mi];
                if (me->tok_start == pos && me->tok_end <= m->s_end && (n->types & (1u << me->e.type)) &&
                    (n->forms & (1u << me->e.form)) && (!n->org_kind || (me->kind && kind_in(n->org_kind, me->kind)))) {
                    int32_t old = n->capture >= 0 ? m->cap[n->capture] : 0;
                    if (n->capture >= 0)
                        m->cap[n->capture] = mi;
                    if (proceed(m, n, me->tok_end, k))
                        return true;
                    if (n->capture >= 0)
                        m->cap[n->capture] = old;
                }
            }
        }
        break;
    case RN_ROLE:
        if (here && d->toks[pos].mention < 0) {
            /* a hyphenated role (secretaris-generaal) is three tokens; the compound decides */
            uint32_t last = pos;
            if (pos + 2 < m->s_end && glued_hyphen(&d->toks[pos + 1]) && (d->toks[pos + 2].flags & TF_GLUED) &&
                d->toks[pos + 2].mention < 0 && compound_role(r, &d->toks[pos], &d->toks[pos + 2]))
                last = pos + 2;
            const rrole *e = relate_role_at(r, d, last, m->s_start);
            if (e && (e->pred >= 0 || e->inherit)) {
                int32_t old = n->capture >= 0 ? m->cap[n->capture] : 0;
                if (n->capture >= 0)
                    m->cap[n->capture] = (int32_t)last;
                if (proceed(m, n, last + 1, k))
                    return true;
                if (n->capture >= 0)
                    m->cap[n->capture] = old;
            }
        }
        break;
    case RN_WORD:
    case RN_STEMS: {
        /* <x looks at the token before the position and consumes nothing */
        uint32_t at = pos;
        if (n->behind) {
            if (pos <= m->s_start)
                break;
            at = pos - 1;
        } else if (!here)
            break;
        const feit_token *t = &d->toks[at];
        bool hit = t->mention < 0 && (n->kind == RN_WORD ? is_word(t, n) : t->kind == TOK_WORD && in_set(r, m->d, m->memo, at, n->arg));
        if (hit && proceed(m, n, n->behind ? pos : pos + 1, k))
            return true;
        break;
    }
    case RN_GAP: {
        /* the rest is tried only where its first token can be (rules.h: gap_next) */
        const rfollow *next = &r->gap_next[node];
        uint32_t p = pos;
        for (unsigned u = 0;; u++) {
            if (may_begin(m, next, p) && proceed(m, n, p, k))
                return true;
            if (u >= n->gap_max || p >= m->s_end || m->steps > MAX_STEPS)
                return false;
            int32_t mi = d->toks[p].mention;
            if (mi >= 0) {
                const feit_mention *me = &d->ments[mi];
                if (n->strict && me->e.form != FEIT_FORM_ADJECTIVE)
                    return false;
                p = me->tok_end > p ? me->tok_end : p + 1;
                if (p > m->s_end)
                    return false;
            } else {
                /* a strict gap stays inside the clause: no comma, colon, bracket or quote, nor a
                 * clause word of the language (en, of, maar: models/nl/clause-words.txt), as the
                 * lexicon stage recorded it in the word's record */
                const feit_token *t = &d->toks[p];
                if (n->strict && (t->kind == TOK_QUOTE ||
                                  (t->kind == TOK_PUNCT && t->fold_len == 1 && strchr(",;:()[]", t->fold[0])) ||
                                  (t->kind == TOK_WORD && (t->info->lang & LANG_W_CLAUSE))))
                    return false;
                p++;
            }
        }
    }
    case RN_GROUP:
        if (n->behind) {
            if (behind_group(m, n, pos))
                return proceed(m, n, pos, k);
            return false;
        }
        if (!n->glued || here) {
            cont c = {n->next, k};
            uint64_t bit = first_bit(m, pos);
            for (int32_t a = 0; a < n->nalts; a++)
                if (may_start(r, n->arg + a, bit) && match(m, r->alts[n->arg + a], pos, &c))
                    return true;
        }
        break;
    case RN_NOT: {
        int32_t saved[RULES_MAX_CAPTURES];
        memcpy(saved, m->cap, sizeof saved);
        bool hit = false;
        if (n->behind)
            hit = behind_group(m, n, pos);
        uint64_t bit = n->behind ? 0 : first_bit(m, pos);
        for (int32_t a = 0; a < n->nalts && !hit && !n->behind; a++)
            hit = may_start(r, n->arg + a, bit) && match(m, r->alts[n->arg + a], pos, &LOOKAHEAD);
        memcpy(m->cap, saved, sizeof saved);
        return !hit && proceed(m, n, pos, k);
    }
    }
    if (n->optional)
        return proceed(m, n, pos, k);
    return false;
}

/* Can the rule's first consuming word (a literal, word set or role) be token p? A cheap test
 * before the matcher and its look-arounds run. */
bool relate_anchor_ok(const feit_rules *r, feit_doc *d, const rnode *n, uint32_t p, uint32_t s_start, relate_memo *memo)
{
    const feit_token *t = &d->toks[p];
    if (t->mention >= 0)
        return false;
    switch ((rnode_kind)n->kind) {
    case RN_WORD:
        return is_word(t, n);
    case RN_STEMS:
        return t->kind == TOK_WORD && in_set(r, d, memo, p, n->arg);
    case RN_ROLE:
        return t->kind == TOK_WORD && (relate_role_at(r, d, p, s_start) || relate_hyphen_after(d, p, d->ntoks));
    default:
        return true;
    }
}

/* Can a match of rule ru start at free token p, by its first_* (rules.h)? (relate_match.h) */
bool relate_first_ok(const feit_rules *r, feit_doc *d, const rrule *ru, uint32_t p, uint64_t lit_bits, relate_memo *memo)
{
    const feit_token *t = &d->toks[p];
    if ((lit_bits >> (t->hash & 63)) & 1)
        for (int32_t i = 0; i < ru->nfirst_lits; i++)
            if (is_word(t, &r->nodes[r->first_lits[ru->first_lit + i]]))
                return true;
    if (ru->nfirst_sets && t->kind == TOK_WORD) {
        if (r->set_words == 1) {
            if (((t->flags & TF_SETS) ? t->info->sets : relate_token_sets_memo(r, d, memo, p)[0]) & ru->first_bits)
                return true;
            goto role;
        }
        const uint64_t *fs = r->first_masks + (size_t)(ru - r->rules) * (size_t)r->set_words;
        if (t->flags & TF_SETS) {
            if (relate_packed_meets(t->info->sets, fs))
                return true;
        } else {
            const uint64_t *ts = relate_token_sets_memo(r, d, memo, p);
            for (int32_t j = 0; j < r->set_words; j++)
                if (ts[j] & fs[j])
                    return true;
        }
    }
role:
    if (ru->first_role) {
        /* as the matcher's RN_ROLE: the word, or a hyphenated compound it opens */
        uint32_t s_start = d->sents[t->sentence].tok_start;
        if (relate_role_at(r, d, p, s_start) || relate_hyphen_after(d, p, d->ntoks))
            return true;
    }
    return false;
}

/* (relate_match.h) */
uint64_t relate_first_bits(const feit_rules *r, const rrule *ru)
{
    uint64_t b = 0;
    for (int32_t i = 0; i < ru->nfirst_lits; i++)
        b |= 1ull << (r->nodes[r->first_lits[ru->first_lit + i]].hash & 63);
    return b;
}

/* Does the sentence hold a word the rule requires? (relate_match.h) */
bool relate_sentence_has(const feit_rules *r, feit_doc *d, const feit_sentence *se, const rreq *q, sent_facts *f, relate_memo *memo)
{
    for (int32_t i = 0; i < q->nlits; i++) {
        const rnode *w = &r->nodes[r->req_lits[q->lit_first + i]];
        uint32_t b = sent_word_bit(w->hash);
        if (!((f->words[b >> 6] >> (b & 63)) & 1))
            continue;
        for (uint32_t t = se->tok_start; t < se->tok_end; t++) {
            const feit_token *k = &d->toks[t];
            if (k->mention < 0 && is_word(k, w))
                return true;
        }
    }
    uint8_t *present = f->present;
    for (int32_t i = 0; i < q->nsets; i++) {
        int32_t set = q->sets[i];
        if (!present[set]) {
            present[set] = 2;
            for (uint32_t t = se->tok_start; t < se->tok_end && present[set] == 2; t++)
                if (d->toks[t].mention < 0 && d->toks[t].kind == TOK_WORD && in_set(r, d, memo, t, set))
                    present[set] = 1;
        }
        if (present[set] == 1)
            return true;
    }
    return false;
}

bool relate_match(mstate *m, int32_t node, uint32_t pos)
{
    return match(m, node, pos, NULL);
}
