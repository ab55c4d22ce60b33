/* firstname.c — a first name alone as the short form of a person named before (see firstname.h). */
#include "discourse/firstname.h"

#include "core/lang.h"
#include "core/utf8.h"
#include "entities/mention.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PEOPLE 64 /* people with a first name looked at per document */

typedef struct person {
    const char *first; /* the first name inside the canonical name */
    size_t len;
    int32_t mi;        /* a mention of the person */
} person;

/* A filter of the people's first names by the hash of a token's fold (feit_token.hash: utf8_hash
 * of the fold), FIRST_BITS bits: most capitalised words are none of them and are passed on one
 * bit, without a look at their text. A first name's fold is its lower case when it is ASCII;
 * its genitive's ("Greta's", "Greta’s": the fold makes "’" an apostrophe) is noted too. A name
 * it cannot fold so (other bytes, or long) fills the filter: then every word is looked at. */
#define FIRST_BITS 1024
_Static_assert(FIRST_BITS <= 65536, "discourse_firstof.bits holds a bit's place");

/* The places in the filter of first name name[0..n) and its genitive, in bits; false when it
 * cannot be folded so and fills the filter. */
static bool first_bits(const char *name, size_t n, uint16_t *bits)
{
    char low[34];
    bool ascii = n < 32;
    for (size_t k = 0; ascii && k < n; k++) {
        ascii = (unsigned char)name[k] < 0x80;
        low[k] = (name[k] >= 'A' && name[k] <= 'Z') ? (char)(name[k] + 32) : name[k];
    }
    if (!ascii)
        return false;
    bits[0] = utf8_hash(low, n, UTF8_HASH_INIT) % FIRST_BITS;
    memcpy(low + n, "'s", 2);
    bits[1] = utf8_hash(low, n + 2, UTF8_HASH_INIT) % FIRST_BITS;
    return true;
}

/* first_of of a canonical name and its bits (first_bits), remembered by its pointer (direct
 * mapped): a document names its people again and again, most by the same string (the
 * gazetteer's, or the rule's). */
#define FIRSTS_SEEN 16
typedef struct first_seen {
    const char *canonical; /* NULL: an empty slot */
    const char *first;     /* first_of's answer, NULL: none */
    size_t len;
    uint16_t bits[2];
    bool all; /* (the name fills the filter) */
    unsigned char lead; /* first[0] (discourse_firstof.lead) */
} first_seen;

static bool is_punct(const feit_token *t, char ch) { return t->kind == TOK_PUNCT && t->fold_len == 1 && t->fold[0] == ch; }

/* The first name of canonical name name: its first word, or the word after a title ("Koning
 * Charles"); NULL for a name of one word (it may be a surname) or an initial ("J. Peters"). */
static const char *first_of(const feit_doc *d, const char *name, size_t *len)
{
    size_t n = strcspn(name, " ");
    if (!name[n])
        return NULL;
    char low[32];
    if (n < sizeof low) {
        for (size_t k = 0; k < n; k++)
            low[k] = (name[k] >= 'A' && name[k] <= 'Z') ? (char)(name[k] + 32) : name[k];
        if (lang_class_has(d->lang, LANG_TITLE, low, n, utf8_hash(low, n, UTF8_HASH_INIT))) {
            name += n + 1;
            n = strcspn(name, " ");
        }
    }
    if (n < 2 || name[n - 1] == '.' || !((unsigned char)name[0] >= 0x80 || (name[0] >= 'A' && name[0] <= 'Z')))
        return NULL;
    *len = n;
    return name;
}

/* Fills fs (its canonical set) for the person of mention m: first_of and first_bits, asked once
 * per worker of a gazetteer person's canonical name (discourse_tokens.firstofs, by entry: the
 * same people are in the news day after day). */
static void first_found(const feit_gazetteer *g, const feit_doc *d, discourse_tokens *dt, const feit_mention *m, first_seen *fs)
{
    bool found; /* (slot: m's entry's in the worker's table, when it may keep it) */
    discourse_firstof *slot = discourse_person_slot(g, &dt->firstofs, sizeof *slot, m->entry, m->e.canonical, &found);
    if (found) {
        fs->first = slot->first, fs->len = slot->len, fs->all = slot->all, fs->lead = slot->lead;
        fs->bits[0] = slot->bits[0], fs->bits[1] = slot->bits[1];
        return;
    }
    fs->len = 0, fs->bits[0] = fs->bits[1] = 0; /* (what a name without a first name keeps) */
    fs->first = first_of(d, m->e.canonical, &fs->len);
    fs->all = fs->first && !first_bits(fs->first, fs->len, fs->bits);
    fs->lead = fs->first ? (unsigned char)fs->first[0] : 0;
    if (slot && fs->len <= UINT16_MAX) {
        *slot = (discourse_firstof){{m->e.canonical, m->entry}, fs->first, (uint16_t)fs->len, {fs->bits[0], fs->bits[1]}, fs->all, fs->lead};
        dt->firstofs.used++;
    }
}

/* The length of token i's text without a genitive "'s" / "’s" ("Greta's"). */
static size_t bare_len(const feit_doc *d, size_t i)
{
    const char *s = doc_tok_text(d, i);
    size_t n = doc_tok_len(d, i);
    if (n > 3 && s[n - 2] == '\'' && s[n - 1] == 's')
        return n - 2;
    if (n > 5 && !memcmp(s + n - 4, "\xE2\x80\x99s", 4))
        return n - 4;
    return n;
}

/* Whether token i stands alone: no capitalised word glued or next to it that would make it part
 * of a longer name or a compound. */
static bool alone(const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (i + 1 < d->ntoks && d->toks[i + 1].sentence == t->sentence) {
        const feit_token *n = &d->toks[i + 1];
        if ((n->flags & TF_GLUED) && n->kind != TOK_QUOTE && !is_punct(n, ',') && !is_punct(n, '.') && !is_punct(n, ':') &&
            !is_punct(n, ';') && !is_punct(n, '!') && !is_punct(n, '?') && !is_punct(n, ')'))
            return false; /* Greta-effect */
        if (n->kind == TOK_WORD && (n->flags & TF_CAP))
            return false; /* Greta Gerwig */
        if (is_punct(n, ',') && i + 2 < d->ntoks && d->toks[i + 2].kind == TOK_WORD && (d->toks[i + 2].flags & TF_CAP))
            return false; /* a list of names: "Mohammed, Jezus, Gandhi" */
    }
    if (i > 0 && d->toks[i - 1].sentence == t->sentence && !(t->flags & TF_SSTART)) {
        const feit_token *p = &d->toks[i - 1];
        if ((t->flags & TF_GLUED) && p->kind != TOK_QUOTE && !is_punct(p, '('))
            return false; /* oud-Greta */
        if (p->kind == TOK_WORD && (p->flags & TF_CAP) && (p->mention >= 0 || !mention_at_start(d, i - 1)))
            return false; /* Anna Greta, Thunberg Greta */
        if (is_punct(p, ',') && i >= 2 && d->toks[i - 2].kind == TOK_WORD && (d->toks[i - 2].flags & TF_CAP) && !mention_at_start(d, i - 2))
            return false; /* "..., Gandhi, Teresa" */
    }
    return true;
}

int firstname_doc(const feit_gazetteer *g, feit_doc *d, discourse_tokens *dt)
{
    person people[MAX_PEOPLE];
    size_t np = 0;
    /* what the first names are like: a word of another length or first byte is none of them,
     * and is passed without a look at the people */
    uint64_t lens = 0, firsts[4] = {0}, filter[FIRST_BITS / 64] = {0};
    first_seen seen[FIRSTS_SEEN];
    for (size_t k = 0; k < FIRSTS_SEEN; k++) /* (the empty slots: only the key is read first) */
        seen[k].canonical = NULL;
    size_t from = d->ntoks; /* the first token after a person's mention */
    for (size_t mi = 0; mi < d->nments && np < MAX_PEOPLE; mi++) {
        const feit_mention *m = &d->ments[mi];
        if (m->e.type != FEIT_PERSON || !m->e.canonical || m->e.confidence < 0)
            continue;
        first_seen *fs = &seen[((uintptr_t)m->e.canonical * 0x9E3779B97F4A7C15ull) >> 60];
        if (fs->canonical != m->e.canonical) {
            /* (a name met before and put out of its slot is noted again: the same bits) */
            fs->canonical = m->e.canonical;
            first_found(g, d, dt, m, fs);
            if (fs->all)
                memset(filter, 0xff, sizeof filter);
            else if (fs->first)
                for (size_t k = 0; k < 2; k++)
                    filter[fs->bits[k] / 64] |= 1ull << (fs->bits[k] % 64);
        }
        const char *f = fs->first;
        size_t len = fs->len;
        if (f) {
            people[np++] = (person){f, len, (int32_t)mi};
            lens |= len < 64 ? 1ull << len : 1ull << 63;
            unsigned char b = fs->lead;
            firsts[b >> 6] |= 1ull << (b & 63);
            if (m->tok_end < from)
                from = m->tok_end;
        }
    }
    if (!np)
        return 0;
    size_t named = d->nments;
    /* (a word before the end of every person's mention has no one named before it: the walk
     * of the capitalised words, discourse.h, in order, begins at the first after it) */
    const uint32_t *caps = dt->lists.caps;
    size_t lo = 0, hi = dt->lists.ncaps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (caps[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t ci = lo; ci < dt->lists.ncaps; ci++) {
        size_t i = caps[ci];
        const feit_token *t = &d->toks[i];
        uint32_t h = t->hash % FIRST_BITS;
        if (!((filter[h / 64] >> (h % 64)) & 1))
            continue;
        if (t->mention >= 0) {
            /* a one-word person a rule found ("activiste Greta"): the person named before */
            const feit_mention *m = &d->ments[t->mention];
            if (m->e.type != FEIT_PERSON || m->entry >= 0 || m->e.source != FEIT_SRC_RULE || m->tok_start != i || m->tok_end != i + 1)
                continue;
        }
        size_t n = bare_len(d, i);
        const char *s = doc_tok_text(d, i);
        unsigned char b0 = (unsigned char)s[0];
        if (!((lens >> (n < 64 ? n : 63)) & 1) || !((firsts[b0 >> 6] >> (b0 & 63)) & 1))
            continue;
        int32_t found = -1;
        bool two = false;
        for (size_t k = 0; k < np; k++) {
            const feit_mention *m = &d->ments[people[k].mi];
            if (m->tok_start >= i)
                break; /* (mentions sorted: the rest come later) */
            if (m->tok_end > i)
                continue;
            if (people[k].len != n || memcmp(people[k].first, s, n))
                continue;
            if (found >= 0 && strcmp(d->ments[found].e.canonical, m->e.canonical))
                two = true;
            found = people[k].mi;
        }
        if (found < 0 || two || !alone(d, i))
            continue;
        const gaz_word *w = mention_word(g, t);
        bool listed = w && (w->flags & SLOT_FIRSTNAME);
        if (!listed && (d->ments[found].entry < 0 || mention_is_common(g, t)))
            continue;
        const feit_mention copy = d->ments[found]; /* mention_add may move the array */
        if (t->mention >= 0)
            d->ments[t->mention].e.confidence = -1.0f; /* mentions_finish drops it */
        if (mention_add(d, g, i, i + 1, copy.entry, FEIT_PERSON, FEIT_FORM_PARTIAL, FEIT_SRC_COREF, copy.e.canonical, 0.8f))
            return FEIT_ENOMEM;
        feit_mention *m = &d->ments[d->nments - 1];
        mention_copy_link(m, &copy);
        m->e.antecedent = copy.e.antecedent >= 0 ? copy.e.antecedent : (int64_t)copy.e.start;
    }
    if (d->nments != named)
        mentions_finish_added(d, named);
    return 0;
}
