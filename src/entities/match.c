/* match.c — gazetteer matching over tokens (see match.h). */
#include "entities/match.h"

#include "entities/gazetteer_private.h" /* (the probes inlined: gaz_hit_at, gaz_entry_at, gaz_may_span) */
#include "entities/lexicon.h"
#include "entities/mention.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Entries the current document has mentioned: an open-addressing set emptied per document by a
 * new stamp (a slot holds stamp << 32 | entry + 1; one of another stamp is empty), not cleared.
 * SEEN_MIN slots (512 bytes, 8 lines) hold what most documents name; best_hit asks the set at
 * each hit it weighs, a slot at random, and a set of 1,024 (8 KiB) had its lines leave the
 * cache from one document to the next (perf: 83% of seen_has' samples on that load). */
#define SEEN_MIN 64 /* entries of the set; a large document's bigger set is dropped after it */
#define MAX_DEFERRED 32 /* sentences a document opens with a common word that a listed name has */

/* The span memo: what the index says of the key of two words that the span filter lets by
 * (word_slot: the worker's lexicon), kept by the worker for the pairs it has met. News writes
 * the same names and the same words after them again and again ("Mark Rutte", "Den Haag",
 * "Rutte zei": of the 6.1k such pairs in a 2 MB slice 5.4k were met before), and a pair met before
 * costs this line, not its key written out and a probe of the lexicon (or, for a key longer
 * than the lexicon holds, of the index). A line is known by the two words' bytes, not by their
 * records: the lexicon gives a record to another word when it evicts one. */
#define PAIR_BITS 11 /* 2,048 lines (128 KiB), direct-mapped by the pair's key hash */
#define PAIR_KEY 44  /* the two words' bytes at most: a longer pair is not kept */
typedef struct pair_memo {
    uint32_t hash;      /* the key's (gazetteer_key_join of the words') */
    uint8_t len0, len1; /* the words' lengths (0: an empty line) */
    bool found;         /* the index has the key: w is its slot */
    char key[PAIR_KEY]; /* the first word's bytes, then the second's */
    gaz_word w;
} pair_memo;

struct match_scratch {
    uint64_t *set; /* stamp << 32 | (entry + 1) */
    size_t cap, used;
    uint32_t stamp; /* of the document being matched (never 0: a zeroed slot is empty) */
    /* "Facebook kreeg ...": a sentence opening with a common word that is also a listed name
     * (not taken: "Bergen zijn ..."), looked at again when the document names that entry
     * elsewhere */
    struct {
        uint32_t sent, entry;
    } deferred[MAX_DEFERRED];
    int ndeferred;
    const feit_gazetteer *g; /* whose answers `pairs` holds */
    pair_memo *pairs;        /* 1 << PAIR_BITS lines */
    const feit_huge *huge;   /* the block pairs may be in (huge_table; borrowed) */
};

/* The pair memo is read at random, a line a pair of words, among the lexicon's and the
 * gazetteer's random reads: it lives in the worker's huge-page block (core/arena.h) while
 * that has room, one TLB entry with the worker's other such tables, not 32 pages of 4 KiB. */
match_scratch *match_scratch_new(feit_huge *h)
{
    match_scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cap = SEEN_MIN, s->stamp = 1;
    s->set = calloc(s->cap, sizeof *s->set);
    s->huge = h;
    s->pairs = huge_table(h, ((size_t)1 << PAIR_BITS) * sizeof *s->pairs);
    if (!s->set || !s->pairs) {
        match_scratch_free(s);
        return NULL;
    }
    return s;
}

void match_scratch_free(match_scratch *s)
{
    if (!s)
        return;
    free(s->set);
    huge_table_free(s->huge, s->pairs);
    free(s);
}

static void seen_clear(match_scratch *s)
{
    s->used = 0;
    if (s->cap > SEEN_MIN) { /* not a big set for every document after one big one */
        uint64_t *small = calloc(SEEN_MIN, sizeof *small);
        if (small) {
            free(s->set);
            s->set = small, s->cap = SEEN_MIN;
        }
    }
    if (!++s->stamp) { /* (after 2^32 documents: no slot may be taken for one of this stamp) */
        memset(s->set, 0, s->cap * sizeof *s->set);
        s->stamp = 1;
    }
}

static uint64_t seen_value(const match_scratch *s, uint32_t e) { return (uint64_t)s->stamp << 32 | (e + 1u); }
static bool seen_used(const match_scratch *s, uint64_t v) { return (v >> 32) == s->stamp; }

/* The slot of entry e: where it is, or the empty one where it would go. */
static size_t seen_slot(const match_scratch *s, uint32_t e)
{
    size_t mask = s->cap - 1, j;
    uint64_t v = seen_value(s, e);
    for (j = (e * 2654435761u) & mask; seen_used(s, s->set[j]) && s->set[j] != v; j = (j + 1) & mask)
        ;
    return j;
}

static int seen_has(const match_scratch *s, uint32_t e) { return seen_used(s, s->set[seen_slot(s, e)]); }

static void seen_add(match_scratch *s, uint32_t e)
{
    if ((s->used + 1) * 2 > s->cap) {
        size_t ncap = s->cap * 2;
        uint64_t *n = calloc(ncap, sizeof *n);
        if (!n)
            return; /* the set is a preference only: losing an add is harmless */
        for (size_t i = 0; i < s->cap; i++)
            if (seen_used(s, s->set[i])) {
                size_t j = (((uint32_t)s->set[i] - 1) * 2654435761u) & (ncap - 1);
                while (n[j])
                    j = (j + 1) & (ncap - 1);
                n[j] = s->set[i];
            }
        free(s->set);
        s->set = n, s->cap = ncap;
    }
    size_t j = seen_slot(s, e);
    if (!seen_used(s, s->set[j])) {
        s->set[j] = seen_value(s, e);
        s->used++;
    }
}

/* The index slot of token t's word, or NULL: its record's (mention_word, without the call; the
 * lexicon stage has looked every token up, match.h). */
static inline const gaz_word *token_word(const feit_token *t) { return t->info->word.found ? &t->info->word : NULL; }

/* The index slot of one word or span key, through the worker's lexicon (lexicon.h): most have
 * been looked up before, and a probe of the lexicon stays in the core's cache where a probe of
 * the big index goes to memory. NULL: not in the index; else out. */
static const gaz_word *word_slot(const feit_gazetteer *g, const feit_doc *d, const char *fold, size_t len, uint32_t hash,
                                 gaz_word *out)
{
    *out = lexicon_word(d->lex, g, fold, len, hash);
    return out->found ? out : NULL;
}

/* The line of the pair of words a, b (key hash h), where it is or would go. */
static pair_memo *pair_line(match_scratch *ms, uint32_t h) { return &ms->pairs[h & ((1u << PAIR_BITS) - 1)]; }

/* Does line p hold the pair a, b (key hash h)? */
static bool pair_is(const pair_memo *p, uint32_t h, const feit_token *a, const feit_token *b)
{
    return p->hash == h && p->len0 == a->fold_len && p->len1 == b->fold_len && p->len0 && p->len1 &&
           lexicon_same(p->key, a->fold, a->fold_len) && lexicon_same(p->key + a->fold_len, b->fold, b->fold_len);
}

/* Keeps in line p what the index says of the pair a, b (slot: its slot, NULL none). (This and
 * the other rare paths of match_tokens' span loop are kept out of line: inlined, they took
 * registers from the loop: 0.1 M instructions per 2 MB.) */
__attribute__((noinline)) static void pair_keep(pair_memo *p, uint32_t h, const feit_token *a, const feit_token *b, const gaz_word *slot)
{
    if (a->fold_len + b->fold_len > PAIR_KEY)
        return;
    p->hash = h, p->len0 = (uint8_t)a->fold_len, p->len1 = (uint8_t)b->fold_len;
    memcpy(p->key, a->fold, a->fold_len);
    memcpy(p->key + a->fold_len, b->fold, b->fold_len);
    p->found = slot != NULL;
    p->w = slot ? *slot : (gaz_word){0};
}

static int case_ok(const feit_doc *d, size_t i, const gaz_hit *h)
{
    for (size_t k = 0; k < h->ntok && k < 16; k++) {
        unsigned shape = (h->shape >> (2 * k)) & 3;
        uint16_t f = d->toks[i + k].flags;
        if (shape == SHAPE_CAP && !(f & TF_CAP))
            return 0;
        if (shape == SHAPE_ALLCAPS && !(f & TF_ALLCAPS))
            return 0;
    }
    return 1;
}

static int place_type(int t) { return t == FEIT_COUNTRY || t == FEIT_CITY || t == FEIT_LOCATION; }

/* The word before token i licenses a bulk-list place (in, naar, stad ... : WC_LOCATIVE), or i
 * is a dateline place. */
static int after_locative(const feit_doc *d, size_t i)
{
    if (d->toks[i].flags & TF_DATELINE)
        return 1;
    if (i == 0 || (d->toks[i].flags & TF_SSTART))
        return 0;
    const gaz_word *s = token_word(&d->toks[i - 1]);
    return s && (s->flags & WC_LOCATIVE);
}

/* Is token t the adjective of a country (Amerikaanse, Russisch)? (Out of line: pair_keep.) */
__attribute__((noinline)) static int country_adjective(const feit_gazetteer *g, const feit_token *t)
{
    const gaz_word *s = token_word(t);
    for (const gaz_hit *hit = gaz_hit_at(g, s ? s->hits : 0); hit; hit = gaz_hit_at(g, hit->next)) {
        if (hit->ntok == 1 && hit->form == FEIT_FORM_ADJECTIVE && hit->type == FEIT_COUNTRY)
            return 1;
    }
    return 0;
}

/* The best acceptable hit of a slot for tokens [i, i+ntok), or NULL. */
static const gaz_hit *best_hit(const feit_gazetteer *g, match_scratch *ms, const feit_doc *d, size_t i,
                               const gaz_word *slot, size_t ntok)
{
    const gaz_hit *best = NULL;
    int best_score = -100000;
    int in_dateline = (d->toks[i].flags & TF_DATELINE) != 0;
    /* "Bergen zijn ...": a common word opening a sentence is no evidence of a name, but a
     * country in any form is ("Russen zijn ...", "Polen en ...") */
    int common_start = ntok == 1 && (slot->flags & SLOT_COMMON) && !(d->toks[i].flags & (TF_ALLCAPS | TF_AGENCY)) && mention_at_start(d, i);
    for (const gaz_hit *hit = gaz_hit_at(g, slot->hits); hit; hit = gaz_hit_at(g, hit->next)) { /* (one call a hit) */
        /* a surname alone is no name of its own: the people stage links it (discourse/people.c) */
        if (hit->ntok != ntok || hit->form == FEIT_FORM_PARTIAL || !case_ok(d, i, hit))
            continue;
        /* ... and countries and capitals are names even there ("Polen en Oekraïne ..."), and so is
         * an entry the document names elsewhere (what the entry is: the hit's copy, gaz_hit) */
        if (common_start && hit->type != FEIT_COUNTRY && !(hit->type == FEIT_CITY && hit->big_city) && !seen_has(ms, hit->entry)) {
            if (ms->ndeferred < MAX_DEFERRED)
                ms->deferred[ms->ndeferred].sent = d->toks[i].sentence, ms->deferred[ms->ndeferred++].entry = hit->entry;
            continue;
        }
        if (in_dateline && !place_type(hit->type))
            continue;
        /* a name of one letter (X, the platform) only where a preposition says it is one: "op X" */
        if (ntok == 1 && d->toks[i].end - d->toks[i].start == 1 && !after_locative(d, i))
            continue;
        if (hit->bulk && ntok == 1 && ((slot->flags & SLOT_COMMON) || (place_type(hit->type) && !after_locative(d, i))))
            continue; /* bulk-list places of one word need "in X", "naar X" ... */
        int score = hit->score + (seen_has(ms, hit->entry) ? 200 : 0);
        if (score > best_score)
            best = hit, best_score = score;
    }
    return best;
}

/* Genitive and possessive forms of a name's last token: Trumps, Xi's, Pezeshkians. (Inlined:
 * asked of every token a span takes.) */
__attribute__((always_inline)) static inline size_t genitive_len(const feit_token *t)
{
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP))
        return 0;
    return gaz_genitive_base(t->fold, t->fold_len);
}

/* A word written as it is folded (the byte offsets of the fold are the text's). */
static int plain_word(const feit_doc *d, size_t j)
{
    const feit_token *t = &d->toks[j];
    return t->kind == TOK_WORD && t->fold_len == t->end - t->start;
}

/* May a name end inside word t (compound_cut, of a plain word): capitalised, not all capitals,
 * six bytes or more ("Kamerlid": a listed name and a lower-case noun of three letters or more). */
static bool compound_shape(const feit_token *t)
{
    return (t->flags & (TF_CAP | TF_ALLCAPS)) == TF_CAP && t->fold_len >= 6;
}

/* A listed organisation that ends inside token j, which goes on as a lower-case noun: "Tweede
 * Kamerlid", "Eerste Kamervoorzitter", "Europees Parlementslid". key[0..kbase) holds tokens
 * [i, j) (hash hk); tokens i..j-1 are a prefix of some name. Returns the bytes of token j the
 * name takes (0: none) and sets *hit. (Out of line: pair_keep.) */
__attribute__((noinline)) static size_t compound_cut(const feit_gazetteer *g, match_scratch *ms, const feit_doc *d, size_t i, size_t j, const char *base,
                           size_t kbase, uint32_t hk, bool lower, const gaz_hit **hit)
{
    const feit_token *t = &d->toks[j];
    char key[1024];
    if (!plain_word(d, j) || !compound_shape(t) || kbase + t->fold_len + 2 > sizeof key)
        return 0;
    memcpy(key, base, kbase);
    key[kbase] = ' ';
    /* the noun is lower-case letters: the name ends at low or later */
    size_t low = t->fold_len;
    while (low > 0 && t->fold[low - 1] >= 'a' && t->fold[low - 1] <= 'z')
        low--;
    size_t top = t->fold_len - 3 < 63 ? t->fold_len - 3 : 63;
    for (size_t k = top; k >= 3 && k >= low; k--) { /* the longest name first; the noun has 3 letters or more */
        uint32_t h = gazetteer_key_join(hk, utf8_hash(t->fold, k, UTF8_HASH_INIT)); /* (the word's first k bytes) */
        if (!gaz_spans_read(g, h, lower))
            continue;
        memcpy(key + kbase + 1, t->fold, k);
        gaz_word w;
        const gaz_word *slot = word_slot(g, d, key, kbase + 1 + k, h, &w);
        const gaz_hit *best = slot && slot->hits ? best_hit(g, ms, d, i, slot, j - i + 1) : NULL;
        if (best && best->type == FEIT_ORGANISATION && best->form == FEIT_FORM_NAME) {
            *hit = best;
            return k;
        }
    }
    return 0;
}

/* "CDA'er", "PvdA'ers", "D66'er": a listed organisation, written as it is, before an
 * apostrophe and a short lower-case ending (a member of it). Returns the bytes of token i
 * the name takes (0: none) and sets *hit. (Out of line: pair_keep.) */
__attribute__((noinline)) static size_t member_cut(const feit_gazetteer *g, const feit_doc *d, size_t i, const gaz_hit **hit)
{
    const feit_token *t = &d->toks[i];
    /* the fold writes the curly apostrophe (VVD’er) as ': the ending after it may be longer in
     * the text than in the fold, the name before it is checked to be ASCII below */
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP) || t->fold_len < 4)
        return 0;
    size_t k = t->fold_len - 3; /* the apostrophe, 2 to 4 bytes before the end */
    while (k + 5 >= t->fold_len && k >= 2 && t->fold[k] != '\'')
        k--;
    if (t->fold[k] != '\'' || k < 2 || k + 5 < t->fold_len)
        return 0;
    for (size_t r = k + 1; r < t->fold_len; r++)
        if (t->fold[r] < 'a' || t->fold[r] > 'z')
            return 0;
    const char *text = d->text + t->start;
    int allcaps = 1;
    for (size_t r = 0; r < k; r++) {
        if ((unsigned char)text[r] >= 0x80)
            return 0; /* the fold's bytes are not the text's */
        allcaps &= !(text[r] >= 'a' && text[r] <= 'z');
    }
    gaz_word w;
    const gaz_word *slot = word_slot(g, d, t->fold, k, utf8_hash(t->fold, k, UTF8_HASH_INIT), &w);
    for (const gaz_hit *x = gaz_hit_at(g, slot ? slot->hits : 0); x; x = gaz_hit_at(g, x->next)) {
        if (x->ntok != 1 || x->form != FEIT_FORM_NAME || x->type != FEIT_ORGANISATION)
            continue;
        if ((x->shape & 3) == SHAPE_ALLCAPS && !allcaps)
            continue;
        *hit = x;
        return k;
    }
    return 0;
}

/* The key of tokens [i, j) is key[0, *klen) with tokens [i, *upto) written into it: writes the
 * rest. The matcher writes a span's key only when it probes the index with it (most spans end
 * on a filter's "no" first). */
static void key_upto(const feit_doc *d, size_t i, size_t j, char *key, size_t *klen, size_t *upto)
{
    for (size_t k = *upto; k < j; k++) {
        const feit_token *t = &d->toks[k];
        if (k > i && !(t->flags & TF_GLUED))
            key[(*klen)++] = ' ';
        memcpy(key + *klen, t->fold, t->fold_len);
        *klen += t->fold_len;
    }
    *upto = j;
}

/* The key hash of key[0..n) whose last word starts at `at` (0: it is the key's first), the words
 * before it hashing to before: a glued token's word is hashed again with it ("noord-holland"). */
static uint32_t last_word_key(const char *key, size_t at, size_t n, uint32_t before)
{
    uint32_t w = utf8_hash(key + at, n - at, UTF8_HASH_INIT);
    return at ? gazetteer_key_join(before, w) : w;
}

/* The first token from i on (end: none) where a span may open as the token is written (its
 * word's record says: gaz_word.opens): most tokens are lower-case words no name starts with,
 * or capitalised words that are no name, no name's prefix and no genitive, skipped here in a
 * loop of their own. A token in lower case opens one only with TF_OPENS_LOWER (the record's
 * bit, put in the token's flags by lexicon_doc): the walk reads the record of a capitalised
 * token and of those only, not of four tokens in five (12 instructions a token, now some 7). */
static size_t next_start(const feit_token *toks, size_t i, size_t end)
{
    while (i < end && !((toks[i].flags & (TF_OPENS_LOWER | TF_CAP)) && ((toks[i].info->word.opens >> (toks[i].flags & TF_CAP)) & 1)))
        i++;
    return i;
}

/* Does a span opening in lower case at token i ("de", "van": a third of the spans tried) end
 * there having found nothing? It does when the word is no name of its own and the next token is
 * no later word of a name that may open in lower case (gaz_word.follows_lower) and no genitive;
 * most do, and cost this look instead of the span loop. */
static bool lower_dead_end(const feit_doc *d, size_t i, size_t end)
{
    const gaz_word *w = token_word(&d->toks[i]);
    if (w && w->hits)
        return false;
    const feit_token *next = &d->toks[i + 1];
    return i + 1 < end && !next->info->word.follows_lower && !genitive_len(next);
}

/* Does a span opening with a capitalised word at token i end there having found nothing? It
 * does when the word is no name of its own, no genitive and no "CDA'er", and the span cannot
 * go on to the next token: there is none, or it is a mention or an agency's mark, or the pair
 * is not in the span filter (or the next word is no later word of a name at all:
 * gaz_word.follows), and that token is no genitive either and no "Kamerlid" a name may end
 * inside (compound_cut). A third of the capitalised spans tried do (a first name or a name's
 * first word before a word no name of it goes on with), and cost this look instead of the
 * span loop. */
static bool cap_dead_end(const feit_gazetteer *g, const feit_doc *d, size_t i, size_t end)
{
    const feit_token *t = &d->toks[i];
    const gaz_word *w = token_word(t);
    if ((w && w->hits) || genitive_len(t) || gaz_member_shape(t->fold, t->fold_len))
        return false;
    if (!w || !(w->flags & SLOT_PREFIX) || i + 1 == end)
        return true;
    const feit_token *next = t + 1;
    if (next->mention >= 0 || ((next->flags & TF_AGENCY) && next->kind == TOK_PUNCT))
        return true;
    if (next->flags & TF_GLUED)
        return false; /* (its word is hashed again with the span's: the loop's) */
    if (next->info->word.follows && gaz_spans_read(g, gazetteer_key_join(t->hash, next->hash), false))
        return false;
    return !genitive_len(next) && !compound_shape(next);
}

/* Matches the spans opening at tokens [from, to), whole sentences (a span ends in the sentence
 * it opens in: `end`, its sentence's end). The walk goes on from sentence to sentence: one
 * call a document, not one a sentence (19k a 2 MB slice, each paying the call and the start
 * of the walk). */
static int match_tokens(const feit_gazetteer *g, match_scratch *ms, feit_doc *d, size_t from, size_t to)
{
    uint32_t maxtok = gazetteer_max_tokens(g);
    char key[1024];
    for (size_t i = from; i < to;) {
        i = next_start(d->toks, i, to);
        if (i == to)
            break;
        const feit_token *t0 = &d->toks[i];
        if (t0->mention >= 0 || t0->kind == TOK_PUNCT || t0->kind == TOK_QUOTE) {
            i++;
            continue;
        }
        size_t end = d->sents[t0->sentence].tok_end;
        /* the key of tokens [i, j) is klen bytes long; key holds the first written of them */
        size_t klen = 0, written = 0, upto = i, best_end = 0;
        bool lower = !(t0->flags & TF_CAP); /* only names that may start in lower case can match */
        if (lower ? lower_dead_end(d, i, end) : cap_dead_end(g, d, i, end)) {
            i++;
            continue;
        }
        uint32_t h = 0, before = 0; /* the key hash of the tokens so far; of its words before the last */
        size_t word_at = 0;         /* where the key's last word starts */
        const gaz_hit *best = NULL;
        feit_form best_form = FEIT_FORM_NAME;
        size_t best_cut = 0; /* > 0: the name ends after this many bytes of its last token */
        for (size_t j = i; j < end && j - i < maxtok; j++) {
            const feit_token *t = &d->toks[j];
            if (t->mention >= 0 || (j > i && (t->flags & TF_AGENCY) && t->kind == TOK_PUNCT))
                break;
            int space = j > i && !(t->flags & TF_GLUED);
            if (klen + t->fold_len + 2 > sizeof key)
                break;
            uint32_t hk = h, hb = before;
            size_t kbase = klen, wk = word_at;
            klen += (space ? 1 : 0) + t->fold_len;
            /* a span goes on to a token only when its word is a later word of some name (asked
             * once per word type: gaz_word.follows), of one that may start in lower case when
             * the span does ("de", "van": gaz_word.follows_lower); then its key's hash is the
             * key so far joined with the token's own (gazetteer_key_join), and the lexicon holds
             * the key as it holds a word */
            gaz_word sw, gw;
            const gaz_word *slot = NULL;
            if (j == i) {
                h = t->hash; /* (a token's hash is its key's) */
                slot = token_word(t);
            } else if (lower ? t->info->word.follows_lower : t->info->word.follows) {
                if (space) {
                    before = h, word_at = kbase + 1;
                    h = gazetteer_key_join(h, t->hash);
                } else { /* (glued: its word is hashed again, with this token in it) */
                    key_upto(d, i, j + 1, key, &written, &upto);
                    h = last_word_key(key, word_at, klen, before);
                }
                if (gaz_spans_read(g, h, lower)) {
                    pair_memo *p = space && j == i + 1 ? pair_line(ms, h) : NULL; /* (two words: the worker may know them) */
                    if (p && pair_is(p, h, t0, t)) {
                        slot = p->found ? (sw = p->w, &sw) : NULL;
                    } else {
                        key_upto(d, i, j + 1, key, &written, &upto);
                        slot = word_slot(g, d, key, klen, h, &sw);
                        if (p)
                            pair_keep(p, h, t0, t, slot);
                    }
                }
            }
            if (slot && slot->hits) {
                const gaz_hit *hit = best_hit(g, ms, d, i, slot, j - i + 1);
                if (hit) {
                    best = hit, best_end = j + 1, best_form = (feit_form)hit->form;
                    mention_prefetch(d, (int32_t)hit->entry); /* (mention_add's memo slot: mostly the mention's) */
                }
            }
            /* genitive: the name ends here, written with -s / 's */
            size_t gl = genitive_len(t);
            if (gl) {
                uint32_t hg;
                if (j == i || space) {
                    hg = utf8_hash(t->fold, gl, UTF8_HASH_INIT);
                    hg = j == i ? hg : gazetteer_key_join(hk, hg);
                } else {
                    key_upto(d, i, j + 1, key, &written, &upto);
                    hg = last_word_key(key, wk, kbase + gl, hb);
                }
                const gaz_word *gs = NULL;
                if (j == i)
                    gs = word_slot(g, d, t->fold, gl, hg, &gw);
                else if (gaz_spans_read(g, hg, lower)) {
                    key_upto(d, i, j + 1, key, &written, &upto);
                    gs = word_slot(g, d, key, kbase + (space ? 1 : 0) + gl, hg, &gw);
                }
                if (gs && gs->hits) {
                    const gaz_hit *hit = best_hit(g, ms, d, i, gs, j - i + 1);
                    if (hit && best_end < j + 1 && hit->form == FEIT_FORM_NAME && (hit->type == FEIT_PERSON || hit->type == FEIT_ORGANISATION))
                        best = hit, best_end = j + 1, best_form = FEIT_FORM_NAME;
                }
            }
            if (!slot || !(slot->flags & SLOT_PREFIX)) {
                /* "Tweede Kamerlid": the name ends inside this word, which goes on as a noun */
                if (j > i && space && !lower && best_end <= j && (t->flags & (TF_CAP | TF_ALLCAPS)) == TF_CAP && t->fold_len >= 6 &&
                    (!slot || !slot->hits)) {
                    key_upto(d, i, j, key, &written, &upto);
                    size_t cut = compound_cut(g, ms, d, i, j, key, kbase, hk, lower, &best);
                    if (cut)
                        best_end = j + 1, best_form = FEIT_FORM_NAME, best_cut = cut;
                }
                break;
            }
        }
        if (!best) {
            /* "CDA'er", "VVD'ers": the party of a member */
            size_t cut = (t0->flags & TF_CAP) && gaz_member_shape(t0->fold, t0->fold_len) ? member_cut(g, d, i, &best) : 0;
            if (!cut) {
                i++;
                continue;
            }
            best_end = i + 1, best_form = FEIT_FORM_NAME, best_cut = cut;
        }
        /* (what the entry is: the hit's copy; mention_add links the entry's strings through the
         * worker's memo, so that most mentions read no entry) */
        feit_type type = (feit_type)best->type;
        float conf = best->bulk ? 0.6f : 0.9f;
        /* "koning Filip", "paus Franciscus": a title the list writes into a person's name is left
         * out of the mention, as in "premier Schoof", so that it stays a word the relation rules
         * can read; the person stays the list's */
        if (type == FEIT_PERSON && best_end - i >= 2 && !best_cut && d->toks[i].kind == TOK_WORD && word_class(g, &d->toks[i], WC_TITLE) &&
            d->toks[i + 1].kind == TOK_WORD && !(d->toks[i + 1].flags & TF_GLUED))
            i++;
        /* "de provincie Utrecht": the list's qualifier (a region noun written in lower case) is
         * left out of the mention as a title is, so that the mention is the name "Utrecht"; the
         * place stays the province */
        else if (type == FEIT_LOCATION && best_end - i >= 2 && !best_cut && (d->toks[i].flags & TF_LOWER) &&
                 word_class(g, &d->toks[i], WC_REGIONNOUN) && d->toks[i + 1].kind == TOK_WORD && (d->toks[i + 1].flags & TF_CAP) &&
                 !(d->toks[i + 1].flags & TF_GLUED))
            i++;
        /* "het Amerikaanse ministerie van Buitenlandse Zaken": the country's adjective before a
         * ministry the list names with it says whose ministry it is, as it says whose president
         * in "de Amerikaanse president"; the mention is the name, the ministry stays the list's */
        else if (type == FEIT_ORGANISATION && best_end - i >= 4 && !best_cut && (d->toks[i].flags & TF_CAP) &&
                 country_adjective(g, &d->toks[i]) && (d->toks[i + 1].flags & TF_LOWER) && word_class(g, &d->toks[i + 1], WC_ORGPREFIX) &&
                 lang_is_fn(d->lang, LANG_FN_OF, d->toks[i + 2].fold, d->toks[i + 2].fold_len, d->toks[i + 2].hash))
            i++;
        if (mention_add(d, g, i, best_end, (int32_t)best->entry, type, best_form, FEIT_SRC_GAZETTEER, NULL, conf))
            return FEIT_ENOMEM;
        if (best_cut) /* the mention ends inside its last token */
            d->ments[d->nments - 1].e.end = d->toks[best_end - 1].start + (uint32_t)best_cut;
        seen_add(ms, best->entry);
        i = best_end;
    }
    return 0;
}

int match_doc(const feit_gazetteer *g, match_scratch *s, feit_doc *d)
{
    if (s->g != g) { /* (a scratch serves one gazetteer: none of another's answers) */
        memset(s->pairs, 0, ((size_t)1 << PAIR_BITS) * sizeof *s->pairs);
        s->g = g;
    }
    seen_clear(s);
    s->ndeferred = 0;
    gaz_read_spans(g);
    if (d->nsents && match_tokens(g, s, d, d->sents[0].tok_start, d->sents[d->nsents - 1].tok_end))
        return FEIT_ENOMEM;
    /* the sentences opening with a common word that is a name the document has used since */
    int n = s->ndeferred;
    s->ndeferred = MAX_DEFERRED; /* (nothing more is recorded) */
    for (int x = 0; x < n; x++) {
        uint32_t k = s->deferred[x].sent;
        bool again = seen_has(s, s->deferred[x].entry);
        for (int y = 0; y < x && again; y++)
            again = s->deferred[y].sent != k || !seen_has(s, s->deferred[y].entry);
        if (again && match_tokens(g, s, d, d->sents[k].tok_start, d->sents[k].tok_end))
            return FEIT_ENOMEM;
    }
    return 0;
}
