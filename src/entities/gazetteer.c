/* gazetteer.c — the name index: built from the parsed lists (gazfile.c reads the text
 * format), probed by the matcher, and written to / mapped from its compiled form. */
#include "entities/gazetteer.h"

#include "core/types.h"

#include "core/doc.h"
#include "entities/gazfile.h"
#include "text/token.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>

#define GAZ_MAGIC "FEITGAZ"
#define GAZ_VERSION 13u
#define MAX_NAME_TOKENS 16
#define GAZ_BLOOM_WORDS 1024 /* 65536 bits */
/* The span filter holds some 10^5 keys and prefixes: 2^22 bits (512 KiB) with two bits per key
 * in one 64-bit word answer "no" with one cache line for all but about 1% of the spans that
 * are no key (a 65536-bit filter with one bit per key was nearly full, and passed 4 of 5). */
#define SPAN_BLOOM_WORDS (1u << 16)
/* The spans of names that may start with a lower-case token ("de ...", "'s-..."): the only
 * ones a span opening with a lower-case word can be. Few, so a filter that stays in cache
 * answers for the most frequent word of Dutch text, "de". */
#define LOWER_SPAN_WORDS (1u << 10) /* 8 KiB: the bundled lists have some 400 such keys */

typedef struct canon_map {
    char *key; /* "type\tcanonical" */
    uint32_t entry;
    UT_hash_handle hh;
} canon_map;

struct feit_gazetteer {
    char *pool;
    uint32_t pool_len, pool_cap;
    gaz_entry *entries;
    uint32_t nentries, centries;
    gaz_hit *hits;
    uint32_t nhits, chits;
    gaz_slot *slots;
    uint32_t nslots, nused; /* nslots is a power of two */
    uint32_t maxtok;
    uint32_t country_by_iso[26 * 26]; /* entry+1 */
    uint64_t lower_start[GAZ_BLOOM_WORDS]; /* bloom of first tokens that match in lower case */
    uint64_t *spans; /* SPAN_BLOOM_WORDS: keys and prefixes of two tokens or more (span_set) */
    uint64_t *lower_spans; /* LOWER_SPAN_WORDS: those of names that may start in lower case */
    void *map;                        /* the mapping when opened from the compiled form */
    size_t map_len;
    /* load time only */
    canon_map *canon;
    feit_doc scratch;
};

/* ---- building blocks ---- */

static uint32_t pool_add(feit_gazetteer *g, const char *s, size_t n)
{
    if (g->pool_len + n + 1 > g->pool_cap) {
        uint32_t cap = g->pool_cap ? g->pool_cap : 1u << 16;
        while (g->pool_len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(g->pool, cap);
        if (!p)
            return 0;
        g->pool = p, g->pool_cap = cap;
    }
    uint32_t off = g->pool_len;
    memcpy(g->pool + off, s, n);
    g->pool[off + n] = '\0';
    g->pool_len += (uint32_t)n + 1;
    return off;
}

uint32_t gazetteer_key_extend(uint32_t h, const char *fold, size_t n, bool space)
{
    if (space)
        h = (h ^ (unsigned char)' ') * 16777619u;
    return utf8_hash(fold, n, h);
}

static int slots_grow(feit_gazetteer *g)
{
    uint32_t n = g->nslots ? g->nslots * 2 : 1u << 16;
    gaz_slot *s = calloc(n, sizeof *s);
    if (!s)
        return FEIT_ENOMEM;
    for (uint32_t i = 0; i < g->nslots; i++) {
        gaz_slot *o = &g->slots[i];
        if (!o->key)
            continue;
        uint32_t j = o->hash & (n - 1);
        while (s[j].key)
            j = (j + 1) & (n - 1);
        s[j] = *o;
    }
    free(g->slots);
    g->slots = s, g->nslots = n;
    return 0;
}

const gaz_slot *gazetteer_find(const feit_gazetteer *g, const char *key, size_t len, uint32_t hash)
{
    if (!g->nslots)
        return NULL;
    uint32_t mask = g->nslots - 1;
    for (uint32_t j = hash & mask;; j = (j + 1) & mask) {
        const gaz_slot *s = &g->slots[j];
        if (!s->key)
            return NULL;
        if (s->hash == hash && s->key_len == len && !memcmp(g->pool + s->key, key, len))
            return s;
    }
}

static gaz_slot *slot_get(feit_gazetteer *g, const char *key, size_t len, uint32_t hash)
{
    if ((g->nused + 1) * 2 > g->nslots && slots_grow(g))
        return NULL;
    uint32_t mask = g->nslots - 1, j;
    for (j = hash & mask; g->slots[j].key; j = (j + 1) & mask) {
        gaz_slot *s = &g->slots[j];
        if (s->hash == hash && s->key_len == len && !memcmp(g->pool + s->key, key, len))
            return s;
    }
    uint32_t off = pool_add(g, key, len);
    if (!off)
        return NULL;
    gaz_slot *s = &g->slots[j];
    memset(s, 0, sizeof *s);
    s->hash = hash, s->key = off, s->key_len = (uint16_t)len;
    g->nused++;
    return s;
}

static int16_t hit_score(const gaz_entry *e, feit_form form)
{
    int score = feit_types[e->type].score;
    if (score < 0) /* cities: capitals and big cities beat regions of the same name */
        score = e->capital_of ? 58 : 15 + (int)fmin(35.0, 5.0 * log10((double)e->pop + 1.0));
    else if (e->type == FEIT_LOCATION && e->pop > 1000000)
        score += 10;
    if (e->tier > 1)
        score -= 100;
    if (form == FEIT_FORM_ADJECTIVE || form == FEIT_FORM_INHABITANTS)
        score -= 3;
    return (int16_t)score;
}

/* The lower-start filter: 65536 bits, one per key hash (it holds few keys). */
static uint32_t bloom_bit(uint32_t hash) { return (hash ^ (hash >> 16)) & 0xFFFF; }
static void bloom_set(uint64_t *b, uint32_t hash) { b[bloom_bit(hash) >> 6] |= 1ull << (bloom_bit(hash) & 63); }
static int bloom_has(const uint64_t *b, uint32_t hash) { return (b[bloom_bit(hash) >> 6] >> (bloom_bit(hash) & 63)) & 1; }

/* The span filter: a blocked bloom filter, two bits of one word per key. The key hash (FNV-1a)
 * is mixed first so that word and bits come from independent hash bits. */
static uint64_t span_bits(uint32_t hash, uint32_t *word)
{
    uint32_t x = hash;
    x ^= x >> 16, x *= 0x7feb352du, x ^= x >> 15, x *= 0x846ca68bu, x ^= x >> 16;
    *word = x & (SPAN_BLOOM_WORDS - 1);
    return (1ull << ((x >> 16) & 63)) | (1ull << ((x >> 22) & 63));
}
static void span_set(uint64_t *b, uint32_t nwords, uint32_t hash)
{
    uint32_t w;
    uint64_t m = span_bits(hash, &w);
    b[w & (nwords - 1)] |= m;
}
static int span_has(const uint64_t *b, uint32_t nwords, uint32_t hash)
{
    uint32_t w;
    uint64_t m = span_bits(hash, &w);
    return (b[w & (nwords - 1)] & m) == m;
}

/* Tokenises a name and appends its folded key to buf; fills shape; returns token count. */
static int name_key(feit_gazetteer *g, const char *name, size_t n, char *buf, size_t cap, size_t *klen,
                    uint32_t *shape, uint32_t *hash)
{
    feit_doc *d = &g->scratch;
    doc_reset(d, "", name, n);
    if (token_split(d))
        return -1;
    size_t k = 0;
    uint32_t h = UTF8_HASH_INIT;
    *shape = 0;
    for (size_t i = 0; i < d->ntoks; i++) {
        const feit_token *t = &d->toks[i];
        bool space = i > 0 && !(t->flags & TF_GLUED);
        if (k + t->fold_len + 2 > cap)
            return 0;
        if (space)
            buf[k++] = ' ';
        memcpy(buf + k, t->fold, t->fold_len);
        k += t->fold_len;
        h = gazetteer_key_extend(h, t->fold, t->fold_len, space);
        if (i < 16 && t->kind == TOK_WORD) {
            uint32_t s = (t->flags & TF_ALLCAPS) ? SHAPE_ALLCAPS : (t->flags & TF_CAP) ? SHAPE_CAP : SHAPE_ANY;
            *shape |= s << (2 * i);
        }
    }
    *klen = k;
    *hash = h;
    return (int)d->ntoks;
}

/* Adds one name of an entry: the key, its prefixes, and a hit. */
static int add_name(feit_gazetteer *g, uint32_t entry, const char *name, size_t n, feit_form form, int16_t score)
{
    char key[1024];
    size_t klen;
    uint32_t shape, hash;
    int ntok = name_key(g, name, n, key, sizeof key, &klen, &shape, &hash);
    if (ntok < 0)
        return FEIT_ENOMEM;
    if (ntok == 0 || ntok > MAX_NAME_TOKENS)
        return 0; /* nothing to match, or too long to be a name */
    if ((shape & 3) == SHAPE_ANY) { /* the name may start with a lower-case token: 's-Hertogenbosch */
        bloom_set(g->lower_start, g->scratch.toks[0].hash);
    }
    /* prefixes: every token boundary before the end */
    const feit_doc *d = &g->scratch;
    size_t k = 0;
    uint32_t h = UTF8_HASH_INIT;
    for (int i = 0; i < ntok - 1; i++) {
        const feit_token *t = &d->toks[i];
        bool space = i > 0 && !(t->flags & TF_GLUED);
        k += (space ? 1 : 0) + t->fold_len;
        h = gazetteer_key_extend(h, t->fold, t->fold_len, space);
        gaz_slot *p = slot_get(g, key, k, h);
        if (!p)
            return FEIT_ENOMEM;
        p->flags |= SLOT_PREFIX;
        if (i > 0) {
            span_set(g->spans, SPAN_BLOOM_WORDS, h);
            if ((shape & 3) == SHAPE_ANY)
                span_set(g->lower_spans, LOWER_SPAN_WORDS, h);
        }
    }
    gaz_slot *s = slot_get(g, key, klen, hash);
    if (!s)
        return FEIT_ENOMEM;
    if (ntok > 1) {
        span_set(g->spans, SPAN_BLOOM_WORDS, hash);
        if ((shape & 3) == SHAPE_ANY)
            span_set(g->lower_spans, LOWER_SPAN_WORDS, hash);
    }
    for (uint32_t i = s->hits; i; i = g->hits[i].next) /* the same name twice for an entry */
        if (g->hits[i].entry == entry && g->hits[i].form == form) {
            /* case variants (NAVO|Navo): keep the looser shape of each token */
            uint32_t merged = 0;
            for (int b2 = 0; b2 < 16; b2++) {
                uint32_t a = (g->hits[i].shape >> (2 * b2)) & 3, b = (shape >> (2 * b2)) & 3;
                merged |= (a < b ? a : b) << (2 * b2);
            }
            g->hits[i].shape = merged;
            return 0;
        }
    if (g->nhits + 1 > g->chits) {
        uint32_t c = g->chits ? g->chits * 2 : 1u << 14;
        gaz_hit *p = realloc(g->hits, c * sizeof *p);
        if (!p)
            return FEIT_ENOMEM;
        g->hits = p, g->chits = c;
    }
    gaz_hit *hit = &g->hits[g->nhits];
    hit->entry = entry;
    hit->shape = shape;
    hit->form = (uint8_t)form;
    hit->ntok = (uint8_t)ntok;
    hit->score = form == FEIT_FORM_PARTIAL ? score : hit_score(&g->entries[entry], form);
    /* keep the chain sorted by score, best first */
    uint32_t *link = &s->hits;
    while (*link && g->hits[*link].score >= hit->score)
        link = &g->hits[*link].next;
    hit->next = *link;
    *link = g->nhits++;
    if ((uint32_t)ntok > g->maxtok)
        g->maxtok = (uint32_t)ntok;
    return 0;
}

/* ---- the text format ---- */

static uint32_t attr_str(feit_gazetteer *g, const gazfile_line *p, int k)
{
    return p->val[k] ? pool_add(g, p->val[k], p->val_len[k]) : 0;
}

static int add_list(feit_gazetteer *g, uint32_t entry, const gazfile_line *p, int k, feit_form form)
{
    const char *v = p->val[k];
    size_t n = p->val_len[k];
    size_t a = 0;
    while (v && a <= n) {
        size_t b = a;
        while (b < n && v[b] != '|')
            b++;
        if (b > a && add_name(g, entry, v + a, b - a, form, 0))
            return FEIT_ENOMEM;
        a = b + 1;
    }
    return 0;
}

static int add_entity(feit_gazetteer *g, const gazfile_line *p)
{
    char ckey[1200];
    int kn = snprintf(ckey, sizeof ckey, "%s\t%.*s", feit_type_name((feit_type)p->type), (int)p->canonical_len, p->canonical);
    if (kn < 0 || (size_t)kn >= sizeof ckey)
        return 0;
    canon_map *cm;
    HASH_FIND_STR(g->canon, ckey, cm);
    uint32_t e;
    if (cm) { /* listed again (a user's list adding names): fill in what is missing */
        e = cm->entry;
    } else {
        if (g->nentries + 1 > g->centries) {
            uint32_t c = g->centries ? g->centries * 2 : 1u << 12;
            gaz_entry *q = realloc(g->entries, c * sizeof *q);
            if (!q)
                return FEIT_ENOMEM;
            g->entries = q, g->centries = c;
        }
        e = g->nentries++;
        memset(&g->entries[e], 0, sizeof g->entries[e]);
        g->entries[e].type = (uint8_t)p->type;
        g->entries[e].tier = 1;
        g->entries[e].canonical = pool_add(g, p->canonical, p->canonical_len);
        cm = calloc(1, sizeof *cm);
        if (!cm || !(cm->key = strdup(ckey))) {
            free(cm);
            return FEIT_ENOMEM;
        }
        cm->entry = e;
        HASH_ADD_KEYPTR(hh, g->canon, cm->key, strlen(cm->key), cm);
        if (!cm->hh.tbl) /* HASH_NONFATAL_OOM: the add failed */
            return FEIT_ENOMEM;
    }
    gaz_entry *en = &g->entries[e];
#define FILL(field, k) \
    if (!en->field && p->val[k]) en->field = attr_str(g, p, k)
    FILL(kb, A_KB);
    FILL(iso, A_ISO);
    FILL(capital, A_CAPITAL);
    FILL(country, A_COUNTRY);
    FILL(admin, A_ADMIN);
    FILL(capital_of, A_CAPITAL_OF);
    FILL(role, A_ROLE);
    FILL(role_of, A_ROLE_OF);
    FILL(kind, A_KIND);
#undef FILL
    if (p->val[A_POP])
        en->pop = (uint32_t)strtoul(p->val[A_POP], NULL, 10);
    if (p->val[A_TIER])
        en->tier = (uint8_t)(p->val[A_TIER][0] - '0');
    if (en->iso) {
        const char *iso = g->pool + en->iso;
        g->country_by_iso[(iso[0] - 'A') * 26 + (iso[1] - 'A')] = e + 1;
    }
    if (add_name(g, e, p->canonical, p->canonical_len, FEIT_FORM_NAME, 0) ||
        add_list(g, e, p, A_ALIAS, FEIT_FORM_NAME) || add_list(g, e, p, A_ADJ, FEIT_FORM_ADJECTIVE) ||
        add_list(g, e, p, A_INH, FEIT_FORM_INHABITANTS))
        return FEIT_ENOMEM;
    return 0;
}

typedef struct {
    feit_gazetteer *g;
    const char *file;
    feit_error *err;
} load_ctx;

static int load_tsv_line(void *vctx, const char *line, size_t n, int lineno)
{
    load_ctx *c = vctx;
    gazfile_line p;
    int r = gazfile_parse_line(line, n, c->file, lineno, &p, c->err);
    if (r < 0)
        return FEIT_EFORMAT;
    if (r == 0)
        return 0;
    if (add_entity(c->g, &p))
        return gazfile_error(c->err, c->file, lineno, 0, "out of memory"), FEIT_ENOMEM;
    return 0;
}

static int load_firstname(void *vctx, const char *line, size_t n, int lineno)
{
    load_ctx *c = vctx;
    (void)lineno;
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
        n--;
    if (!n || line[0] == '#')
        return 0;
    feit_arena *a = &c->g->scratch.arena;
    uint32_t fl;
    char *fold = utf8_fold(a, line, n, &fl);
    if (!fold)
        return FEIT_ENOMEM;
    if (fl > GAZ_KEY_MAX)
        return 0; /* no word: too long to be a first name */
    gaz_slot *s = slot_get(c->g, fold, fl, utf8_hash(fold, fl, UTF8_HASH_INIT));
    if (!s)
        return FEIT_ENOMEM;
    s->flags |= SLOT_FIRSTNAME;
    return 0;
}

static int mark_common(void *vctx, const char *line, size_t n, int lineno)
{
    load_ctx *c = vctx;
    (void)lineno;
    /* only lower-case words: "Nederland" in the word list is a name, "bergen" is a word */
    if (!n || !(line[0] >= 'a' && line[0] <= 'z') || n > GAZ_KEY_MAX)
        return 0;
    uint32_t h = utf8_hash(line, n, UTF8_HASH_INIT);
    gaz_slot *s = (gaz_slot *)gazetteer_find(c->g, line, n, h);
    /* short words are kept even when no name uses them: an unknown all-caps word that is
     * really a word (TV, CD, OK) is then no acronym of an organisation */
    if (!s && n <= 6)
        s = slot_get(c->g, line, n, h);
    if (s)
        s->flags |= SLOT_COMMON;
    return 0;
}

/* The surname of a person's name: its tokens after the first, particles included ("von der
 * Leyen", "De Wever", "Schoof"), as a key span of the scratch document; 0 when there is none. */
static int surname_span(const feit_doc *d, size_t *from)
{
    if (d->ntoks < 2)
        return 0;
    const feit_token *t = &d->toks[d->ntoks - 1];
    if (t->kind != TOK_WORD || !(t->flags & TF_CAP) || t->fold_len < 2)
        return 0;
    size_t k = d->ntoks - 1;
    /* particles before the last word belong to the surname (they are lower case or
     * capitalised: Jan de Vries, Bart De Wever), the first token never does */
    while (k > 1 && d->toks[k - 1].kind == TOK_WORD && d->toks[k - 1].fold_len <= 3 && !(d->toks[k - 1].flags & TF_ALLCAPS) &&
           lang_class_has(d->lang, LANG_PARTICLE, d->toks[k - 1].fold, d->toks[k - 1].fold_len, d->toks[k - 1].hash))
        k--;
    *from = k;
    return 1;
}

/* Marks the last word of every person's name (SLOT_SURNAME, SLOT_SURNAME2, slot.surname) and
 * gives every curated (tier-1) person a hit of form partial on its surname ("Schoof", "von der
 * leyen"): the people stage (discourse/people.c) links a surname in the text to the known
 * people who bear it. The matcher never takes a partial hit as a name of its own. A partial
 * hit's score is the number of bulk-list (tier-2) people of that surname: a common surname
 * needs context before it is linked. */
typedef struct surname_count { /* bulk-list people per last word, while loading */
    UT_hash_handle hh;
    uint32_t n;
    char key[];
} surname_count;

static void free_counts(surname_count **counts)
{
    surname_count *c, *tmp;
    HASH_ITER(hh, *counts, c, tmp)
    {
        HASH_DEL(*counts, c);
        free(c);
    }
}

static int set_surnames(feit_gazetteer *g)
{
    feit_doc *d = &g->scratch;
    surname_count *counts = NULL;
    /* first the bulk-list people per surname (the last word: slot flags) */
    for (uint32_t e = 0; e < g->nentries; e++) {
        const gaz_entry *en = &g->entries[e];
        if (en->type != FEIT_PERSON)
            continue;
        const char *name = g->pool + en->canonical;
        doc_reset(d, "", name, strlen(name));
        if (token_split(d) || d->ntoks < 2)
            continue;
        const feit_token *t = &d->toks[d->ntoks - 1];
        if (t->kind != TOK_WORD || !(t->flags & TF_CAP) || t->fold_len < 2)
            continue;
        gaz_slot *s = slot_get(g, t->fold, t->fold_len, t->hash);
        if (!s) {
            free_counts(&counts);
            return FEIT_ENOMEM;
        }
        if (en->tier == 1 || (s->flags & SLOT_SURNAME))
            s->flags |= SLOT_SURNAME2;
        s->flags |= SLOT_SURNAME;
        if (en->tier == 1) {
            /* two curated people of one surname: the one with a Wikidata id is the one the
             * news means by the bare surname (Trump); otherwise it stays ambiguous */
            if (s->surname == 0 || s->surname == e + 1)
                s->surname = e + 1;
            else if (s->surname != UINT32_MAX) {
                int had = g->entries[s->surname - 1].kb != 0, has = en->kb != 0;
                s->surname = had == has ? UINT32_MAX : had ? s->surname : e + 1;
            }
        } else {
            surname_count *sc;
            HASH_FIND(hh, counts, t->fold, t->fold_len, sc);
            if (!sc) {
                if (!(sc = calloc(1, sizeof *sc + t->fold_len + 1))) {
                    free_counts(&counts);
                    return FEIT_ENOMEM;
                }
                memcpy(sc->key, t->fold, t->fold_len);
                HASH_ADD_KEYPTR(hh, counts, sc->key, t->fold_len, sc);
                if (!sc->hh.tbl) { /* HASH_NONFATAL_OOM: the add failed */
                    free(sc);
                    free_counts(&counts);
                    return FEIT_ENOMEM;
                }
            }
            sc->n++;
        }
    }
    /* then the partial hits of the curated people, scored by their bulk namesakes */
    for (uint32_t e = 0; e < g->nentries; e++) {
        const gaz_entry *en = &g->entries[e];
        if (en->type != FEIT_PERSON || en->tier != 1)
            continue;
        const char *name = g->pool + en->canonical;
        doc_reset(d, "", name, strlen(name));
        size_t from;
        if (token_split(d) || !surname_span(d, &from))
            continue;
        const feit_token *last = &d->toks[d->ntoks - 1];
        surname_count *sc;
        HASH_FIND(hh, counts, last->fold, last->fold_len, sc);
        int16_t bulk = sc ? (int16_t)(sc->n > INT16_MAX ? INT16_MAX : sc->n) : 0;
        size_t start = d->toks[from].start;
        if (add_name(g, e, name + start, strlen(name) - start, FEIT_FORM_PARTIAL, bulk)) {
            free_counts(&counts);
            return FEIT_ENOMEM;
        }
    }
    free_counts(&counts);
    return 0;
}

static int gazetteer_mark_word(feit_gazetteer *g, const char *w, size_t n, uint32_t flag);

static feit_gazetteer *gaz_alloc(const feit_lang *lang)
{
    feit_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    doc_init(&g->scratch, NULL);
    g->scratch.lang = lang; /* names are tokenised as documents are */
    g->spans = calloc(SPAN_BLOOM_WORDS + LOWER_SPAN_WORDS, sizeof *g->spans);
    g->lower_spans = g->spans ? g->spans + SPAN_BLOOM_WORDS : NULL;
    if (!g->spans || (!pool_add(g, "", 0) && g->pool_len != 1)) { /* offset 0 stays "" = none */
        free(g->spans);
        free(g);
        return NULL;
    }
    g->nhits = 1; /* hit 0 is unused: 0 ends chains */
    return g;
}

/* The structures only loading needs: the canonical-name map and the tokenizer scratch. */
static void free_load_state(feit_gazetteer *g)
{
    canon_map *cm, *tmp;
    HASH_ITER(hh, g->canon, cm, tmp)
    {
        HASH_DEL(g->canon, cm);
        free(cm->key);
        free(cm);
    }
    doc_free(&g->scratch);
}

feit_gazetteer *gazetteer_load(const char *const *dirs, size_t ndirs, const feit_lang *lang, const char *words_file, feit_error *err)
{
    feit_gazetteer *g = gaz_alloc(lang);
    if (!g)
        return gazfile_error(err, "", 0, 0, "out of memory"), NULL;
    for (size_t i = 0; i < ndirs; i++) {
        char **files;
        size_t nfiles;
        if (gazfile_list(dirs[i], ".tsv", &files, &nfiles, err))
            goto fail;
        int rc = 0;
        for (size_t f = 0; f < nfiles && !rc; f++) {
            load_ctx c = {g, files[f], err};
            rc = gazfile_each_line(files[f], load_tsv_line, &c, err);
        }
        gazfile_free_list(files, nfiles);
        if (rc)
            goto fail;
        char path[1024];
        snprintf(path, sizeof path, "%s/firstnames.txt", dirs[i]);
        if (access(path, R_OK) == 0) {
            load_ctx c = {g, path, err};
            if (gazfile_each_line(path, load_firstname, &c, err))
                goto fail;
        }
    }
    if (set_surnames(g)) { /* before the common words, so common surnames (Bakker) get marked */
        gazfile_error(err, "", 0, 0, "out of memory");
        goto fail;
    }
    if (words_file && access(words_file, R_OK) == 0) {
        load_ctx c = {g, words_file, err};
        if (gazfile_each_line(words_file, mark_common, &c, err))
            goto fail;
    }
    /* the word classes of the language the name rules ask about (core/lang.h) */
    for (int k = 0; k < LANG_NCLASSES; k++) {
        size_t n;
        const char *const *w = lang_class_words(lang, k, &n);
        for (size_t i = 0; i < n; i++)
            if (gazetteer_mark_word(g, w[i], strlen(w[i]), (uint32_t)WC_FLAG(k))) {
                gazfile_error(err, "", 0, 0, "out of memory");
                goto fail;
            }
    }
    free_load_state(g); /* load-time structures go */
    return g;
fail:
    gazetteer_free(g);
    return NULL;
}

void gazetteer_free(feit_gazetteer *g)
{
    if (!g)
        return;
    free_load_state(g);
    if (g->map) {
        munmap(g->map, g->map_len);
    } else {
        free(g->pool);
        free(g->entries);
        free(g->hits);
        free(g->slots);
        free(g->spans);
    }
    free(g);
}

static int gazetteer_mark_word(feit_gazetteer *g, const char *w, size_t n, uint32_t flag)
{
    if (n > GAZ_KEY_MAX || (n && w[0] == '-'))
        return 0; /* a suffix of the class ("-straat") is the language's to test (lang_class_suffix) */
    gaz_slot *sl = n ? slot_get(g, w, n, utf8_hash(w, n, UTF8_HASH_INIT)) : NULL;
    if (n && !sl)
        return FEIT_ENOMEM;
    if (sl)
        sl->flags |= flag;
    return 0;
}

/* ---- probes ---- */

const gaz_hit *gazetteer_hit(const feit_gazetteer *g, uint32_t i) { return i ? &g->hits[i] : NULL; }
const gaz_entry *gazetteer_entry(const feit_gazetteer *g, uint32_t i) { return &g->entries[i]; }

int gazetteer_names(const feit_gazetteer *g, uint32_t hit)
{
    for (uint32_t h = hit; h; h = g->hits[h].next)
        if (g->hits[h].form != FEIT_FORM_PARTIAL)
            return 1;
    return 0;
}
const char *gazetteer_str(const feit_gazetteer *g, uint32_t off) { return off ? g->pool + off : NULL; }
uint32_t gazetteer_max_tokens(const feit_gazetteer *g) { return g->maxtok; }

int gazetteer_may_span(const feit_gazetteer *g, uint32_t hash, bool lower)
{
    return lower ? span_has(g->lower_spans, LOWER_SPAN_WORDS, hash) : span_has(g->spans, SPAN_BLOOM_WORDS, hash);
}
int gazetteer_may_start_lower(const feit_gazetteer *g, uint32_t hash) { return bloom_has(g->lower_start, hash); }
size_t gazetteer_size(const feit_gazetteer *g) { return g->nentries; }

int32_t gazetteer_country(const feit_gazetteer *g, const char *iso)
{
    if (!iso || iso[0] < 'A' || iso[0] > 'Z' || iso[1] < 'A' || iso[1] > 'Z')
        return -1;
    return (int32_t)g->country_by_iso[(iso[0] - 'A') * 26 + (iso[1] - 'A')] - 1;
}

/* ---- the compiled form ---- */

typedef struct gaz_header {
    char magic[8];
    uint32_t version;
    uint32_t maxtok;
    uint64_t stamp;      /* of the lists it was compiled from (gazetteer_stamp) */
    uint64_t lang_stamp; /* of the language data its names were tokenised and marked with */
    uint32_t pool_len, nentries, nhits, nslots, nused;
    uint32_t pad;
    uint32_t country_by_iso[26 * 26];
    uint64_t lower_start[GAZ_BLOOM_WORDS];
} gaz_header; /* then: pool, entries, hits, slots, the span filters; each padded to 8 bytes */

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

int gazetteer_save(const feit_gazetteer *g, const char *path, uint64_t stamp, uint64_t lang_stamp, feit_error *err)
{
    gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GAZ_MAGIC, 8);
    h.version = GAZ_VERSION;
    h.maxtok = g->maxtok;
    h.stamp = stamp;
    h.lang_stamp = lang_stamp;
    h.pool_len = g->pool_len, h.nentries = g->nentries, h.nhits = g->nhits, h.nslots = g->nslots, h.nused = g->nused;
    memcpy(h.country_by_iso, g->country_by_iso, sizeof h.country_by_iso);
    memcpy(h.lower_start, g->lower_start, sizeof h.lower_start);
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return gazfile_error(err, path, 0, 0, "cannot write: %s", strerror(errno)), FEIT_EIO;
    static const char zeros[8];
    const void *parts[] = {g->pool, g->entries, g->hits, g->slots, g->spans};
    size_t sizes[] = {g->pool_len, (size_t)g->nentries * sizeof(gaz_entry), (size_t)g->nhits * sizeof(gaz_hit),
                      (size_t)g->nslots * sizeof(gaz_slot), (SPAN_BLOOM_WORDS + LOWER_SPAN_WORDS) * sizeof(uint64_t)};
    int ok = fwrite(&h, sizeof h, 1, f) == 1;
    for (int i = 0; i < 5 && ok; i++) {
        ok = !sizes[i] || fwrite(parts[i], sizes[i], 1, f) == 1;
        size_t pad = align8(sizes[i]) - sizes[i];
        ok = ok && (!pad || fwrite(zeros, pad, 1, f) == 1);
    }
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path)) {
        unlink(tmp);
        return gazfile_error(err, path, 0, 0, "cannot write: %s", strerror(errno)), FEIT_EIO;
    }
    return 0;
}

feit_gazetteer *gazetteer_open(const char *path, const uint64_t *stamp, uint64_t lang_stamp, feit_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return gazfile_error(err, path, 0, 0, "%s%s", errno == ENOENT ? "missing" : "cannot open: ", errno == ENOENT ? "" : strerror(errno)), NULL;
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && (size_t)st.st_size >= sizeof(gaz_header))
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return gazfile_error(err, path, 0, 0, "not a compiled gazetteer (too short or unreadable)"), NULL;
    const gaz_header *h = m;
    size_t len = (size_t)st.st_size;
    const char *why = NULL;
    size_t need = sizeof *h + align8(h->pool_len) + align8((size_t)h->nentries * sizeof(gaz_entry)) +
                  align8((size_t)h->nhits * sizeof(gaz_hit)) + align8((size_t)h->nslots * sizeof(gaz_slot)) +
                  (SPAN_BLOOM_WORDS + LOWER_SPAN_WORDS) * sizeof(uint64_t);
    if (memcmp(h->magic, GAZ_MAGIC, 8))
        why = "bad magic: not a compiled gazetteer";
    else if (h->version != GAZ_VERSION)
        why = "format version differs from this feit: recompile";
    else if (stamp && h->stamp != *stamp)
        why = "stale: the gazetteer lists or the word list changed since it was compiled";
    else if (h->lang_stamp != lang_stamp)
        why = "stale: the language data changed since it was compiled";
    else if (need != len || (h->nslots & (h->nslots - 1)))
        why = "truncated or corrupt";
    if (why) {
        munmap(m, len);
        return gazfile_error(err, path, 0, 0, "%s", why), NULL;
    }
    feit_gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        munmap(m, len);
        return gazfile_error(err, path, 0, 0, "out of memory"), NULL;
    }
    const char *p = (const char *)m + sizeof *h;
    g->pool = (char *)p, p += align8(h->pool_len);
    g->entries = (gaz_entry *)p, p += align8((size_t)h->nentries * sizeof(gaz_entry));
    g->hits = (gaz_hit *)p, p += align8((size_t)h->nhits * sizeof(gaz_hit));
    g->slots = (gaz_slot *)p, p += align8((size_t)h->nslots * sizeof(gaz_slot));
    g->spans = (uint64_t *)p;
    g->lower_spans = g->spans + SPAN_BLOOM_WORDS;
    g->pool_len = h->pool_len, g->nentries = h->nentries, g->nhits = h->nhits, g->nslots = h->nslots, g->nused = h->nused;
    g->maxtok = h->maxtok;
    memcpy(g->country_by_iso, h->country_by_iso, sizeof g->country_by_iso);
    memcpy(g->lower_start, h->lower_start, sizeof g->lower_start);
    g->map = m, g->map_len = len;
    return g;
}

uint64_t gazetteer_stamp(const char *const *dirs, size_t ndirs, const char *words_file)
{
    uint64_t h = 1469598103934665603ull ^ GAZ_VERSION;
#define MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ull)
    for (size_t i = 0; i < ndirs; i++) {
        const char *suffixes[] = {".tsv", ".txt"};
        for (int s = 0; s < 2; s++) {
            char **files;
            size_t n;
            if (gazfile_list(dirs[i], suffixes[s], &files, &n, NULL))
                continue;
            for (size_t f = 0; f < n; f++) {
                struct stat st;
                if (stat(files[f], &st))
                    continue;
                for (const char *c = strrchr(files[f], '/') ? strrchr(files[f], '/') : files[f]; *c; c++)
                    MIX(*c);
                MIX(st.st_size);
                MIX(st.st_mtime);
            }
            gazfile_free_list(files, n);
        }
    }
    struct stat st;
    if (words_file && stat(words_file, &st) == 0) {
        MIX(st.st_size);
        MIX(st.st_mtime);
    }
#undef MIX
    return h;
}
