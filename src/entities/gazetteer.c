/* gazetteer.c — the name index: built from the parsed lists (gazfile.c reads the text
 * format), probed by the matcher, and written to / mapped from its compiled form. */
#include "entities/gazetteer_private.h"

#include "core/types.h"

#include "core/doc.h"
#include "entities/gazfile.h"
#include "text/token.h"
#include "core/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    g->maxprobe = n - 1; /* (a table built here always has empty slots: probes end there) */
    return 0;
}

/* At most maxprobe + 1 slots: no key lies further from its place (a compiled file says how
 * far, and is checked; a table full to the last slot cannot make this loop endless). */
const gaz_slot *gazetteer_find(const feit_gazetteer *g, const char *key, size_t len, uint32_t hash)
{
    if (!g->nslots)
        return NULL;
    uint32_t mask = g->nslots - 1, j = hash & mask;
    for (uint32_t k = 0; k <= g->maxprobe; k++, j = (j + 1) & mask) {
        gaz_need(g, GT_SLOTS, j);
        const gaz_slot *s = &g->slots[j];
        if (!s->key)
            return NULL;
        if (s->hash == hash && s->key_len == len) {
            if (!gaz_slot_ok(g, s)) { /* (only a compiled file's can be bad) */
                gazbin_bad_ref(g, GT_SLOTS, j);
                return NULL;
            }
            gaz_need_pool(g, s->key, len);
            if (!memcmp(g->pool + s->key, key, len))
                return s;
        }
    }
    return NULL;
}

uint32_t gazetteer_key_hash(const char *key, size_t len)
{
    const char *sp = memchr(key, ' ', len);
    if (!sp) /* (one word: most keys asked) */
        return utf8_hash(key, len, UTF8_HASH_INIT);
    uint32_t h = utf8_hash(key, (size_t)(sp - key), UTF8_HASH_INIT);
    for (const char *end = key + len; sp;) {
        const char *w = sp + 1;
        sp = memchr(w, ' ', (size_t)(end - w));
        h = gazetteer_key_join(h, utf8_hash(w, (size_t)((sp ? sp : end) - w), UTF8_HASH_INIT));
    }
    return h;
}

const gaz_slot *gazetteer_lookup(const feit_gazetteer *g, const char *key, size_t len)
{
    return gazetteer_find(g, key, len, gazetteer_key_hash(key, len));
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

/* The lower-start filter: 65536 bits, one per key hash (it holds few keys); the test is
 * gazetteer_may_start_lower. */
_Static_assert(GAZ_BLOOM_WORDS * 64 == 0x10000, "the lower-start filter's bits");
static uint32_t bloom_bit(uint32_t hash) { return (hash ^ (hash >> 16)) & 0xFFFF; }
static void bloom_set(uint64_t *b, uint32_t hash) { b[bloom_bit(hash) >> 6] |= 1ull << (bloom_bit(hash) & 63); }

/* The span filter (gaz_span_bits in gazetteer_private.h). */
static void span_set(uint64_t *b, uint32_t nwords, uint32_t hash)
{
    uint32_t w;
    uint64_t m = gaz_span_bits(hash, &w);
    b[w & (nwords - 1)] |= m;
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
        if (i < 16 && t->kind == TOK_WORD) {
            uint32_t s = (t->flags & TF_ALLCAPS) ? SHAPE_ALLCAPS : (t->flags & TF_CAP) ? SHAPE_CAP : SHAPE_ANY;
            *shape |= s << (2 * i);
        }
    }
    *klen = k;
    *hash = gazetteer_key_hash(buf, k);
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
    for (int i = 0; i < ntok - 1; i++) {
        const feit_token *t = &d->toks[i];
        bool space = i > 0 && !(t->flags & TF_GLUED);
        k += (space ? 1 : 0) + t->fold_len;
        uint32_t h = gazetteer_key_hash(key, k);
        gaz_slot *p = slot_get(g, key, k, h);
        if (!p)
            return FEIT_ENOMEM;
        p->flags |= SLOT_PREFIX;
        span_set(g->follow, FOLLOW_WORDS, d->toks[i + 1].hash); /* (the tokens after the first) */
        if ((shape & 3) == SHAPE_ANY)
            span_set(g->lower_follow, LOWER_FOLLOW_WORDS, d->toks[i + 1].hash);
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

/* Keeps the aliases v[0..n) ('|'-separated) of curated person entry for set_surnames: the
 * surname of "Dmytro Kuleba" or "Dilan Yeşilgöz" is one the news writes alone as well. */
static int keep_aliases(feit_gazetteer *g, uint32_t entry, const char *v, size_t n)
{
    for (size_t a = 0; v && a <= n;) {
        size_t b = a;
        while (b < n && v[b] != '|')
            b++;
        if (b > a) {
            if (g->npalias == g->cpalias) {
                size_t c = g->cpalias ? g->cpalias * 2 : 256;
                struct person_alias *q = realloc(g->palias, c * sizeof *q);
                if (!q)
                    return FEIT_ENOMEM;
                g->palias = q, g->cpalias = c;
            }
            char *name = malloc(b - a + 1);
            if (!name)
                return FEIT_ENOMEM;
            memcpy(name, v + a, b - a), name[b - a] = '\0';
            g->palias[g->npalias++] = (struct person_alias){entry, name};
        }
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
    if (en->type == FEIT_PERSON && en->tier == 1 && keep_aliases(g, e, p->val[A_ALIAS], p->val_len[A_ALIAS]))
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
    gaz_slot *s = slot_get(c->g, fold, fl, gazetteer_key_hash(fold, fl));
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
    uint32_t h = gazetteer_key_hash(line, n);
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
    /* a double surname is one surname: Yeşilgöz-Zegerius, Rutte-Jansen */
    while (k >= 3 && (d->toks[k].flags & TF_GLUED) && d->toks[k - 1].end == d->toks[k - 1].start + 1 &&
           d->text[d->toks[k - 1].start] == '-' && (d->toks[k - 1].flags & TF_GLUED) && d->toks[k - 2].kind == TOK_WORD &&
           (d->toks[k - 2].flags & TF_CAP))
        k -= 2;
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
    /* then the partial hits of the curated people, scored by their bulk namesakes: the
     * surnames of their canonical names, then of their aliases (Kuleba for Dmytro Koeleba) */
    for (size_t x = 0; x < g->nentries + g->npalias; x++) {
        uint32_t e = x < g->nentries ? (uint32_t)x : g->palias[x - g->nentries].entry;
        const gaz_entry *en = &g->entries[e];
        if (en->type != FEIT_PERSON || en->tier != 1)
            continue;
        const char *name = x < g->nentries ? g->pool + en->canonical : g->palias[x - g->nentries].name;
        doc_reset(d, "", name, strlen(name));
        size_t from;
        if (token_split(d) || !surname_span(d, &from))
            continue;
        const feit_token *last = &d->toks[d->ntoks - 1];
        if (x >= g->nentries && last->fold_len < 4)
            continue; /* an alias's short last word is no surname to link alone ("Moon Jae In") */
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

/* Copies into every hit what the matcher asks of its entry (gaz_hit), once the entries have all
 * their attributes. */
static void sum_entries(feit_gazetteer *g)
{
    for (uint32_t i = 1; i < g->nhits; i++)
        gaz_hit_sum(&g->hits[i], &g->entries[g->hits[i].entry]);
}

static feit_gazetteer *gaz_alloc(const feit_lang *lang)
{
    feit_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    doc_init(&g->scratch, NULL);
    g->scratch.lang = lang; /* names are tokenised as documents are */
    g->spans = calloc(SPAN_TABLE_WORDS, sizeof *g->spans);
    g->lower_spans = g->spans ? g->spans + SPAN_BLOOM_WORDS : NULL;
    g->follow = g->spans ? g->lower_spans + LOWER_SPAN_WORDS : NULL;
    g->lower_follow = g->spans ? g->follow + FOLLOW_WORDS : NULL;
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
    for (size_t i = 0; i < g->npalias; i++)
        free(g->palias[i].name);
    free(g->palias);
    g->palias = NULL, g->npalias = g->cpalias = 0;
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
    sum_entries(g);
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
    if (g->lazy) {
        gazbin_free(g->lazy);
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
    gaz_slot *sl = n ? slot_get(g, w, n, gazetteer_key_hash(w, n)) : NULL;
    if (n && !sl)
        return FEIT_ENOMEM;
    if (sl)
        sl->flags |= flag;
    return 0;
}

/* ---- probes ---- */

/* What the probes hand out comes from checked chunks (gaz_need), and indexes out of range give
 * nothing (a hit, the end of a chain), an empty entry or an empty string. */
const gaz_hit *gazetteer_hit(const feit_gazetteer *g, uint32_t i) { return gaz_hit_at(g, i); }
const gaz_entry *gazetteer_entry(const feit_gazetteer *g, uint32_t i) { return gaz_entry_at(g, i); }

const char *gazetteer_str(const feit_gazetteer *g, uint32_t off)
{
    if (!off)
        return NULL;
    if (off >= g->pool_len)
        return "";
    if (g->lazy) { /* every chunk up to the string's end (the pool ends in a NUL) */
        gaz_need(g, GT_POOL, off);
        if (g->lazy->pool_end[off >> gaz_chunk_shift[GT_POOL]] > off)
            return g->pool + off; /* it ends in its first chunk (most strings) */
        for (uint64_t c = off;; c = ((c >> gaz_chunk_shift[GT_POOL]) + 1) << gaz_chunk_shift[GT_POOL]) {
            if (c - off > GAZ_MAX_STR) { /* (a compiled pool has no such string) */
                gazbin_fail(g, "a string that does not end");
                return "";
            }
            gaz_need(g, GT_POOL, c);
            uint64_t end = ((c >> gaz_chunk_shift[GT_POOL]) + 1) << gaz_chunk_shift[GT_POOL];
            if (end > g->pool_len)
                end = g->pool_len;
            const char *nul = memchr(g->pool + c, '\0', (size_t)(end - c));
            if (nul && (uint64_t)(nul - g->pool) - off > GAZ_MAX_STR) {
                gazbin_fail(g, "a string that does not end");
                return "";
            }
            if (nul)
                break;
        }
    }
    return g->pool + off;
}

int gazetteer_names(const feit_gazetteer *g, uint32_t hit)
{
    for (const gaz_hit *h = gazetteer_hit(g, hit); h; h = gazetteer_hit(g, h->next))
        if (h->form != FEIT_FORM_PARTIAL)
            return 1;
    return 0;
}

uint32_t gazetteer_max_tokens(const feit_gazetteer *g) { return g->maxtok; }

int gazetteer_may_span(const feit_gazetteer *g, uint32_t hash, bool lower) { return gaz_may_span(g, hash, lower); }
unsigned gazetteer_may_follow(const feit_gazetteer *g, uint32_t hash)
{
    uint32_t w;
    uint64_t m = gaz_span_bits(hash, &w);
    /* (follow comes after lower_spans, lower_follow after follow) */
    uint32_t a = SPAN_BLOOM_WORDS + LOWER_SPAN_WORDS + (w & (FOLLOW_WORDS - 1));
    uint32_t b = SPAN_BLOOM_WORDS + LOWER_SPAN_WORDS + FOLLOW_WORDS + (w & (LOWER_FOLLOW_WORDS - 1));
    gaz_need(g, GT_SPANS, a);
    gaz_need(g, GT_SPANS, b);
    return ((g->spans[a] & m) == m ? GAZ_FOLLOWS : 0u) | ((g->spans[b] & m) == m ? GAZ_FOLLOWS_LOWER : 0u);
}
gaz_word gazetteer_word(const feit_gazetteer *g, const char *fold, size_t len, uint32_t hash)
{
    gaz_word w = gaz_word_of(gazetteer_find(g, fold, len, hash));
    unsigned f = gazetteer_may_follow(g, hash);
    w.follows = (f & GAZ_FOLLOWS) != 0, w.follows_lower = (f & GAZ_FOLLOWS_LOWER) != 0;
    /* what the matcher's span loop can find at a capitalised token: the word's own hits, a longer
     * name it begins, a genitive's name, a party before "'er" */
    bool cap = w.hits || (w.flags & SLOT_PREFIX) || gaz_member_shape(fold, len);
    size_t gl = cap ? 0 : gaz_genitive_base(fold, len);
    if (gl) {
        const gaz_slot *s = gazetteer_lookup(g, fold, gl); /* (fold may be a span's key) */
        cap = s && s->hits;
    }
    w.opens = (gazetteer_may_start_lower(g, hash) ? GAZ_OPENS_LOWER : 0u) | (cap ? GAZ_OPENS_CAP : 0u);
    return w;
}

int gazetteer_may_start_lower(const feit_gazetteer *g, uint32_t hash)
{
    return (g->lower_start[bloom_bit(hash) >> 6] >> (bloom_bit(hash) & 63)) & 1;
}
size_t gazetteer_size(const feit_gazetteer *g) { return g->nentries; }

int32_t gazetteer_country(const feit_gazetteer *g, const char *iso)
{
    if (!iso || iso[0] < 'A' || iso[0] > 'Z' || iso[1] < 'A' || iso[1] > 'Z')
        return -1;
    return (int32_t)g->country_by_iso[(iso[0] - 'A') * 26 + (iso[1] - 'A')] - 1;
}

int32_t gazetteer_named(const feit_gazetteer *g, const char *name, feit_type type)
{
    char key[GAZ_KEY_MAX + 1];
    size_t k = 0;
    feit_arena a;
    arena_init(&a);
    int32_t found = -1;
    for (const char *w = name; *w;) {
        size_t n = strcspn(w, " ");
        uint32_t fl;
        char *f = n ? utf8_fold(&a, w, n, &fl) : NULL;
        if (!f || k + fl + 1 > GAZ_KEY_MAX)
            goto out;
        if (k)
            key[k++] = ' ';
        memcpy(key + k, f, fl);
        k += fl;
        w += n;
        w += *w == ' ';
    }
    const gaz_slot *s = k ? gazetteer_lookup(g, key, k) : NULL;
    for (uint32_t i = s ? s->hits : 0; i && found < 0;) {
        const gaz_hit *hit = gazetteer_hit(g, i);
        const gaz_entry *en = gazetteer_entry(g, hit->entry);
        const char *c = gazetteer_str(g, en->canonical);
        if (en->type == type && c && !strcmp(c, name))
            found = (int32_t)hit->entry;
        i = hit->next;
    }
out:
    arena_free(&a);
    return found;
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
