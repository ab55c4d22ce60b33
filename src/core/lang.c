/* lang.c — loads a language's data directory (see lang.h, models/nl/README.md). Every file is
 * one item per line, '#' comments; a bad line is an error with its file:line:column. */
#include "core/lang.h"

#include "core/arena.h"
#include "core/datafile.h"
#include "core/types.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct abbrev {
    const char *w; /* folded, without the full stop */
    uint32_t len;
    bool can_end;
} abbrev;

typedef struct word_list {
    const char **w;
    uint32_t *len;    /* strlen of each */
    size_t n, cap, lcap;
    /* a suffix test rejects most words on the last three bytes (bit tail3 of each word), then
     * looks only at the words that end in the byte the tested one ends in (by_last) */
    uint64_t tail[64];
    bool short_word;          /* a word of fewer than three bytes: the tail bits do not hold it */
    uint16_t *by_last;        /* word indices ordered by last byte; NULL until lang_load ends */
    uint16_t from_last[257];  /* by_last[from_last[c] .. from_last[c + 1]) end in byte c */
    /* the words hashed while the list is read, to find one listed twice in a probe, not by
     * comparing it with every word before it: slot i + 1 for w[i], 0 for none, under
     * utf8_hash & seen_mask (at most half full); freed once lang_load has read every list */
    uint32_t *seen;
    size_t seen_mask;
} word_list;

/* A 12-bit hash of the last three bytes of w[0..n), n >= 3. */
static inline unsigned tail3(const char *w, size_t n)
{
    return ((unsigned char)w[n - 1] ^ ((unsigned)(unsigned char)w[n - 2] << 4) ^ ((unsigned)(unsigned char)w[n - 3] << 7)) & 4095u;
}

static inline bool bit_has(const uint64_t *b, unsigned i) { return (b[i >> 6] >> (i & 63)) & 1; }

/* A 12-bit hash of the last four bytes of w[0..n), n >= 4. */
static inline unsigned tail4(const char *w, size_t n)
{
    uint32_t x;
    memcpy(&x, w + n - 4, 4);
    return (x * 2654435761u) >> 20;
}

struct feit_lang {
    feit_arena arena;
    char code[32];
    char stemmer[64];
    char words_file[512];
    word_list classes[LANG_NCLASSES];
    word_list suffixes[LANG_NCLASSES]; /* the "-straat" lines, without the '-' */
    abbrev *abbrevs; /* sorted by w */
    size_t nabbrevs, cabbrevs, abbrev_max;
    int32_t *quotes; /* sorted */
    size_t nquotes, cquotes;
    uint64_t ascii_quotes[2]; /* the quotes below 0x80: bit c of [c >> 6] */
    word_list clause;
    word_list fn[LANG_NFN];
    word_list desc_words;           /* description nouns, and per noun ... */
    lang_description *descs;        /* ... what it stands for (same index) */
    size_t cdescs;
    word_list pron_words;
    char *pron_gender;              /* 'm', 'f' or 0, per pronoun */
    unsigned char *pron_possessive; /* LANG_PRON_* flags, per pronoun */
    size_t cprons;
    uint32_t *clause_hash;
    /* every word of the small lists above in one hash table, so that asking about a word of
     * a document is one probe (most words are in no list): what each list says of it */
    struct lang_word *index;
    size_t index_mask;
    size_t small_max; /* longest function word or pronoun */
    size_t pron_max;  /* longest pronoun */
    /* the suffixes lang_word_bits gives a bit (LANG_W_SFX_*): most words end in none of them
     * and are told so by a bit or two. sfx_tail3: a bit (tail3) per suffix of three bytes;
     * sfx_tail4: a bit (tail4) per longer suffix, of its last four bytes (the last three say
     * too little of Dutch: moeten, zitten, waren end as keten, supermarkten, toren do) */
    uint64_t sfx_tail3[64], sfx_tail4[64];
    size_t sfx_min3, sfx_min4; /* the shortest of either, in bytes (0: none): a word has two more */
    bool sfx_short;            /* one is shorter than three bytes: the bits do not hold it */
    uint64_t stamp;
};

/* The classes whose suffixes lang_word_bits answers, and the bit of each. */
static const struct {
    int c;
    uint32_t bit;
} word_suffixes[] = {{LANG_ORGHEAD, LANG_W_SFX_ORGHEAD},
                     {LANG_ORGPREFIX, LANG_W_SFX_ORGPREFIX},
                     {LANG_PLACEHEAD, LANG_W_SFX_PLACEHEAD},
                     {LANG_ORGNOUN, LANG_W_SFX_ORGNOUN}};

typedef struct lang_word {
    const char *w; /* NULL: empty slot */
    uint32_t len, hash;
    uint32_t fn;      /* bit (1 << LANG_FN_*) */
    uint32_t classes; /* bit (1 << LANG_*) */
    int32_t desc;     /* index into descs, or -1 */
    int32_t pron;     /* index into the pronouns, or -1 */
    bool clause;
    uint32_t bits;    /* lang_word_bits: fn and the LANG_W_* of clause, pron, desc, suffixes */
} lang_word;

#define CLASS_FILE_(E, file, what) file,
static const char *const class_files[LANG_NCLASSES] = {LANG_CLASS_TABLE(CLASS_FILE_)};

const char *lang_class_file(int c) { return c >= 0 && c < LANG_NCLASSES ? class_files[c] : "?"; }

static int grow(void **items, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 32;
    void *p = realloc(*items, ncap * elem);
    if (!p)
        return FEIT_ENOMEM;
    *items = p, *cap = ncap;
    return 0;
}

static void mix(uint64_t *h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ (unsigned char)s[i]) * 1099511628211ull;
    *h = (*h ^ 0xff) * 1099511628211ull; /* an end mark: "ab","c" is not "a","bc" */
}

/* The first field of a line: from its first non-blank byte to the next blank or the end; the
 * rest (after blanks) in *rest. */
static size_t field(char *line, char **start, char **rest)
{
    char *p = line + strspn(line, " \t");
    size_t n = strcspn(p, " \t");
    char *r = p + n;
    r += strspn(r, " \t");
    *start = p, *rest = r;
    return n;
}

/* Reads every item line of dir/name, handing each to fn. */
typedef int (*item_fn)(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err);

static int read_items(feit_lang *l, const char *dir, const char *name, item_fn fn, void *arg, feit_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    datafile df;
    int rc = datafile_open(&df, path, err);
    mix(&l->stamp, name, strlen(name));
    char *line;
    while (!rc && (line = datafile_line(&df))) {
        if (datafile_blank(line))
            continue;
        mix(&l->stamp, line, strlen(line));
        rc = fn(l, arg, path, df.line, line, err);
    }
    if (!rc && df.bad)
        rc = datafile_error(err, path, df.line, df.bad, "%s", df.bad_what);
    datafile_close(&df);
    return rc;
}

/* a word as written in the file, folded; rejects more than one word on the line */
static const char *one_word(feit_lang *l, const char *file, int line, char *text, size_t *len, feit_error *err)
{
    char *w, *rest;
    size_t n = field(text, &w, &rest);
    if (*rest && *rest != '#') {
        datafile_error(err, file, line, datafile_column(text, (size_t)(rest - text)), "one word per line: '%s'", rest);
        return NULL;
    }
    uint32_t fl;
    const char *f = utf8_fold(&l->arena, w, n, &fl);
    if (!f) {
        datafile_error(err, file, line, 0, "out of memory");
        return NULL;
    }
    *len = fl;
    return f;
}

/* The slot of word w[0 .. n) in wl->seen: the one that holds it, else the empty one it goes in. */
static uint32_t *seen_slot(const word_list *wl, const char *w, size_t n)
{
    for (size_t j = utf8_hash(w, n, UTF8_HASH_INIT) & wl->seen_mask;; j = (j + 1) & wl->seen_mask) {
        uint32_t *s = &wl->seen[j];
        if (!*s || (wl->len[*s - 1] == n && !memcmp(wl->w[*s - 1], w, n)))
            return s;
    }
}

/* Makes wl->seen room for one more word (doubling it and hashing the words again when half
 * full); FEIT_ENOMEM. */
static int seen_grow(word_list *wl)
{
    if (wl->seen && 2 * (wl->n + 1) <= wl->seen_mask + 1)
        return 0;
    size_t size = wl->seen ? 2 * (wl->seen_mask + 1) : 64;
    uint32_t *t = calloc(size, sizeof *t);
    if (!t)
        return FEIT_ENOMEM;
    free(wl->seen);
    wl->seen = t, wl->seen_mask = size - 1;
    for (size_t i = 0; i < wl->n; i++)
        *seen_slot(wl, wl->w[i], wl->len[i]) = (uint32_t)i + 1;
    return 0;
}

#define LANG_NLISTS (2 * LANG_NCLASSES + LANG_NFN + 3)

/* Every word list of l into lists (LANG_NLISTS of them). */
static void all_lists(feit_lang *l, word_list *lists[LANG_NLISTS])
{
    size_t n = 0;
    for (int c = 0; c < LANG_NCLASSES; c++)
        lists[n++] = &l->classes[c], lists[n++] = &l->suffixes[c];
    for (int f = 0; f < LANG_NFN; f++)
        lists[n++] = &l->fn[f];
    lists[n++] = &l->clause, lists[n++] = &l->desc_words, lists[n++] = &l->pron_words;
}

/* Drops the tables of words seen once every list is read (they find a word listed twice). */
static void forget_seen(feit_lang *l)
{
    word_list *lists[LANG_NLISTS];
    all_lists(l, lists);
    for (size_t i = 0; i < LANG_NLISTS; i++)
        free(lists[i]->seen), lists[i]->seen = NULL;
}

static int add_word(feit_lang *l, word_list *wl, const char *file, int line, char *text, feit_error *err)
{
    size_t n;
    const char *w = one_word(l, file, line, text, &n, err);
    if (!w)
        return FEIT_EFORMAT;
    if (seen_grow(wl))
        return datafile_error(err, file, line, 0, "out of memory");
    uint32_t *slot = seen_slot(wl, w, n);
    if (*slot)
        return datafile_error(err, file, line, datafile_column(text, strspn(text, " \t")), "'%s' is listed twice", w);
    if (grow((void **)&wl->w, &wl->cap, wl->n, sizeof *wl->w) || grow((void **)&wl->len, &wl->lcap, wl->n, sizeof *wl->len))
        return datafile_error(err, file, line, 0, "out of memory");
    *slot = (uint32_t)wl->n + 1;
    wl->len[wl->n] = (uint32_t)n;
    if (n >= 3)
        wl->tail[tail3(w, n) >> 6] |= 1ull << (tail3(w, n) & 63);
    else
        wl->short_word = true;
    wl->w[wl->n++] = w;
    return 0;
}

/* a word of a list (arg: the word_list) */
static int list_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    return add_word(l, arg, file, line, text, err);
}

/* a word of class file c (arg: &class_ids[c]): "word", or "-suffix" */
static int class_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    int c = *(const int *)arg;
    char *w = text + strspn(text, " \t");
    if (*w == '-') {
        if (!w[1] || w[1] == ' ' || w[1] == '\t')
            return datafile_error(err, file, line, datafile_column(text, (size_t)(w - text)), "a suffix after '-'");
        return add_word(l, &l->suffixes[c], file, line, w + 1, err);
    }
    return add_word(l, &l->classes[c], file, line, text, err);
}

/* "word" or "word end" */
static int abbrev_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    (void)arg;
    char *w, *rest;
    size_t n = field(text, &w, &rest);
    bool can_end = false;
    if (*rest && *rest != '#') {
        char *flag, *more;
        size_t fl = field(rest, &flag, &more);
        if (fl != 3 || memcmp(flag, "end", 3) || (*more && *more != '#'))
            return datafile_error(err, file, line, datafile_column(text, (size_t)(rest - text)),
                                  "expected 'abbreviation' or 'abbreviation end', not '%s'", rest);
        can_end = true;
    }
    if (n && w[n - 1] == '.')
        return datafile_error(err, file, line, datafile_column(text, (size_t)(w - text) + n - 1),
                              "write the abbreviation without its final full stop");
    uint32_t len;
    const char *f = utf8_fold(&l->arena, w, n, &len);
    if (f && len >= LANG_ABBREV_MAX)
        return datafile_error(err, file, line, datafile_column(text, (size_t)(w - text)), "longer than %d bytes", LANG_ABBREV_MAX - 1);
    if (f && len > l->abbrev_max)
        l->abbrev_max = len;
    if (!f || grow((void **)&l->abbrevs, &l->cabbrevs, l->nabbrevs, sizeof *l->abbrevs))
        return datafile_error(err, file, line, 0, "out of memory");
    for (size_t i = 0; i < l->nabbrevs; i++)
        if (!strcmp(l->abbrevs[i].w, f))
            return datafile_error(err, file, line, datafile_column(text, (size_t)(w - text)), "'%s' is listed twice", f);
    l->abbrevs[l->nabbrevs++] = (abbrev){f, len, can_end};
    return 0;
}

/* a quotation mark: the character itself, or U+201C */
static int quote_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    (void)arg;
    char *w, *rest;
    size_t n = field(text, &w, &rest);
    int32_t c;
    int k = 0;
    if (n > 2 && w[0] == 'U' && w[1] == '+') {
        char *end;
        long v = strtol(w + 2, &end, 16);
        if (end != w + n || v <= 0 || v > 0x10FFFF)
            return datafile_error(err, file, line, datafile_column(text, (size_t)(w - text)), "bad code point '%.*s'", (int)n, w);
        c = (int32_t)v;
    } else {
        c = utf8_decode(w, n, &k);
        if ((size_t)k != n)
            return datafile_error(err, file, line, datafile_column(text, (size_t)(w - text)),
                                  "one character (or U+XXXX) per line, not '%.*s'", (int)n, w);
    }
    if (*rest && *rest != '#')
        return datafile_error(err, file, line, datafile_column(text, (size_t)(rest - text)), "one character per line");
    if (grow((void **)&l->quotes, &l->cquotes, l->nquotes, sizeof *l->quotes))
        return datafile_error(err, file, line, 0, "out of memory");
    l->quotes[l->nquotes++] = c;
    return 0;
}

#define FN_ROLE_(E, role, what) role,
static const char *const fn_roles[LANG_NFN] = {LANG_FN_TABLE(FN_ROLE_)};

/* "role word word ...": the function words of one role */
static int fn_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    (void)arg;
    char *k, *rest;
    size_t kn = field(text, &k, &rest);
    int fn = -1;
    for (int i = 0; i < LANG_NFN; i++)
        if (strlen(fn_roles[i]) == kn && !memcmp(fn_roles[i], k, kn))
            fn = i;
    if (fn < 0)
        return datafile_error(err, file, line, datafile_column(text, (size_t)(k - text)), "unknown role '%.*s' (field, purpose, join, article, determiner, respectively, rolelink, place, clubname, plural, singular, subordinator, concessive)",
                              (int)kn, k);
    if (!*rest || *rest == '#')
        return datafile_error(err, file, line, datafile_column(text, (size_t)(rest - text)), "no word for role '%s'", fn_roles[fn]);
    while (*rest && *rest != '#') {
        char *w, *next;
        size_t n = field(rest, &w, &next);
        char save = w[n];
        w[n] = '\0';
        int rc = add_word(l, &l->fn[fn], file, line, w, err);
        w[n] = save;
        if (rc)
            return rc;
        rest = next;
    }
    return 0;
}

/* "noun type[|type] [kind ...]": a description noun */
static int desc_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    (void)arg;
    char *w, *rest;
    size_t n = field(text, &w, &rest);
    char save = w[n];
    w[n] = '\0';
    int rc = add_word(l, &l->desc_words, file, line, w, err);
    w[n] = save;
    if (rc)
        return rc;
    if (grow((void **)&l->descs, &l->cdescs, l->desc_words.n - 1, sizeof *l->descs))
        return datafile_error(err, file, line, 0, "out of memory");
    lang_description *ds = &l->descs[l->desc_words.n - 1];
    memset(ds, 0, sizeof *ds);
    char *ty, *more;
    size_t tn = field(rest, &ty, &more);
    if (!tn || *ty == '#')
        return datafile_error(err, file, line, datafile_column(text, (size_t)(rest - text)), "expected 'noun type [kind ...]'");
    for (char *p = ty; p < ty + tn;) {
        char *bar = memchr(p, '|', (size_t)(ty + tn - p));
        size_t len = (size_t)((bar ? bar : ty + tn) - p);
        int t = types_find(p, len);
        if (t < 0)
            return datafile_error(err, file, line, datafile_column(text, (size_t)(p - text)), "unknown entity type '%.*s'", (int)len, p);
        ds->types |= 1u << t;
        p += len + (bar ? 1 : 0);
    }
    size_t nk = 0;
    const char *kinds[16];
    while (*more && *more != '#' && nk < 15) {
        char *k, *next;
        size_t kn = field(more, &k, &next);
        if (!(kinds[nk++] = arena_strndup(&l->arena, k, kn)))
            return datafile_error(err, file, line, 0, "out of memory");
        more = next;
    }
    if (nk) {
        ds->kinds = arena_alloc(&l->arena, (nk + 1) * sizeof *ds->kinds);
        if (!ds->kinds)
            return datafile_error(err, file, line, 0, "out of memory");
        memcpy(ds->kinds, kinds, nk * sizeof *kinds);
        ds->kinds[nk] = NULL;
    }
    return 0;
}

/* "pronoun gender [possessive] [plural] [object]": gender m, f or any */
static int pron_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    (void)arg;
    char *w, *rest;
    size_t n = field(text, &w, &rest);
    char save = w[n];
    w[n] = '\0';
    int rc = add_word(l, &l->pron_words, file, line, w, err);
    w[n] = save;
    if (rc)
        return rc;
    size_t i = l->pron_words.n - 1;
    if (i >= l->cprons) {
        size_t c = l->cprons ? l->cprons * 2 : 16;
        char *g = realloc(l->pron_gender, c);
        if (g)
            l->pron_gender = g;
        unsigned char *p = realloc(l->pron_possessive, c * sizeof *p);
        if (p)
            l->pron_possessive = p;
        if (!g || !p)
            return datafile_error(err, file, line, 0, "out of memory");
        l->cprons = c;
    }
    char *gw, *more;
    size_t gn = field(rest, &gw, &more);
    if (gn == 1 && (*gw == 'm' || *gw == 'f'))
        l->pron_gender[i] = *gw;
    else if (gn == 3 && !memcmp(gw, "any", 3))
        l->pron_gender[i] = 0;
    else
        return datafile_error(err, file, line, datafile_column(text, (size_t)(rest - text)), "expected 'pronoun m|f|any [possessive] [plural] [object]'");
    l->pron_possessive[i] = 0;
    while (*more && *more != '#') {
        char *pw, *end;
        size_t pn = field(more, &pw, &end);
        if (pn == 10 && !memcmp(pw, "possessive", 10))
            l->pron_possessive[i] |= LANG_PRON_POSSESSIVE;
        else if (pn == 6 && !memcmp(pw, "plural", 6))
            l->pron_possessive[i] |= LANG_PRON_PLURAL;
        else if (pn == 6 && !memcmp(pw, "object", 6))
            l->pron_possessive[i] |= LANG_PRON_OBJECT;
        else
            return datafile_error(err, file, line, datafile_column(text, (size_t)(more - text)), "expected 'possessive', 'plural', 'object' or nothing");
        more = end;
    }
    return 0;
}

/* "key value": stemmer, words */
static int setting_item(feit_lang *l, void *arg, const char *file, int line, char *text, feit_error *err)
{
    (void)arg;
    char *k, *v;
    size_t kn = field(text, &k, &v);
    size_t vn = strcspn(v, "#");
    while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
        vn--;
    if (!vn)
        return datafile_error(err, file, line, datafile_column(text, (size_t)(k - text)), "expected 'key value'");
    if (kn == 7 && !memcmp(k, "stemmer", 7))
        snprintf(l->stemmer, sizeof l->stemmer, "%.*s", (int)vn, v);
    else if (kn == 5 && !memcmp(k, "words", 5))
        snprintf(l->words_file, sizeof l->words_file, "%.*s", (int)vn, v);
    else
        return datafile_error(err, file, line, datafile_column(text, (size_t)(k - text)), "unknown setting '%.*s' (stemmer, words)",
                              (int)kn, k);
    return 0;
}

/* Orders the words of wl by their last byte (lang_class_suffix looks at one byte's words). */
static int index_by_last(word_list *wl, feit_error *err)
{
    if (wl->n > UINT16_MAX) {
        snprintf(err->text, sizeof err->text, "more than %u suffixes in a class", UINT16_MAX);
        return FEIT_EFORMAT;
    }
    wl->by_last = malloc((wl->n + 1) * sizeof *wl->by_last);
    if (!wl->by_last) {
        snprintf(err->text, sizeof err->text, "out of memory");
        return FEIT_ENOMEM;
    }
    size_t k = 0;
    for (unsigned c = 0; c < 256; c++) {
        wl->from_last[c] = (uint16_t)k;
        for (size_t i = 0; i < wl->n; i++)
            if (wl->len[i] && (unsigned char)wl->w[i][wl->len[i] - 1] == c)
                wl->by_last[k++] = (uint16_t)i;
    }
    wl->from_last[256] = (uint16_t)k;
    return 0;
}

static int cmp_abbrev(const void *a, const void *b) { return strcmp(((const abbrev *)a)->w, ((const abbrev *)b)->w); }
static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* a[0..n) == b[0..n), inline: the listed words are a few bytes, a library call costs more */
static inline bool same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* the slot of word w[0..n) (hash: utf8_hash of it): where it is, or the empty one for it */
static lang_word *slot_of(lang_word *tab, size_t mask, const char *w, size_t n, uint32_t hash)
{
    for (size_t j = hash & mask;; j = (j + 1) & mask)
        if (!tab[j].w || (tab[j].hash == hash && tab[j].len == n && same(tab[j].w, w, n)))
            return &tab[j];
}

static lang_word *index_add(feit_lang *l, const char *w)
{
    size_t n = strlen(w);
    uint32_t h = utf8_hash(w, n, UTF8_HASH_INIT);
    lang_word *s = slot_of(l->index, l->index_mask, w, n, h);
    if (!s->w)
        *s = (lang_word){w, (uint32_t)n, h, 0, 0, -1, -1, false, 0};
    return s;
}

/* The LANG_W_SFX_* bits of the folded word fold[0..n). */
static uint32_t suffix_bits(const feit_lang *l, const char *fold, size_t n)
{
    uint32_t bits = 0;
    if (l->sfx_short || (l->sfx_min3 && n >= l->sfx_min3 + 2 && bit_has(l->sfx_tail3, tail3(fold, n))) ||
        (l->sfx_min4 && n >= l->sfx_min4 + 2 && bit_has(l->sfx_tail4, tail4(fold, n))))
        for (size_t k = 0; k < sizeof word_suffixes / sizeof *word_suffixes; k++)
            if (lang_class_suffix(l, word_suffixes[k].c, fold, n))
                bits |= word_suffixes[k].bit;
    return bits;
}

static int build_index(feit_lang *l)
{
    size_t total = l->clause.n + l->desc_words.n + l->pron_words.n;
    for (int f = 0; f < LANG_NFN; f++)
        total += l->fn[f].n;
    for (int c = 0; c < LANG_NCLASSES; c++)
        total += l->classes[c].n;
    size_t size = 64;
    while (size < 2 * total + 2)
        size *= 2;
    if (!(l->index = calloc(size, sizeof *l->index)))
        return FEIT_ENOMEM;
    l->index_mask = size - 1;
    for (size_t i = 0; i < l->clause.n; i++)
        index_add(l, l->clause.w[i])->clause = true;
    for (int f = 0; f < LANG_NFN; f++)
        for (size_t i = 0; i < l->fn[f].n; i++)
            index_add(l, l->fn[f].w[i])->fn |= 1u << f;
    for (int c = 0; c < LANG_NCLASSES; c++)
        for (size_t i = 0; i < l->classes[c].n; i++)
            index_add(l, l->classes[c].w[i])->classes |= 1u << c;
    for (size_t i = 0; i < l->desc_words.n; i++)
        index_add(l, l->desc_words.w[i])->desc = (int32_t)i;
    for (size_t i = 0; i < l->pron_words.n; i++)
        index_add(l, l->pron_words.w[i])->pron = (int32_t)i;
    for (size_t j = 0; j < size; j++) {
        lang_word *s = &l->index[j];
        s->bits = s->fn | (s->clause ? LANG_W_CLAUSE : 0) | (s->pron >= 0 ? LANG_W_PRONOUN : 0) | (s->desc >= 0 ? LANG_W_DESCRIPTION : 0) |
                  (s->w ? suffix_bits(l, s->w, s->len) : 0);
    }
    for (size_t i = 0; i < l->pron_words.n; i++)
        if (l->pron_words.len[i] > l->pron_max)
            l->pron_max = l->pron_words.len[i];
    l->small_max = l->pron_max;
    for (int f = 0; f < LANG_NFN; f++)
        for (size_t i = 0; i < l->fn[f].n; i++)
            if (l->fn[f].len[i] > l->small_max)
                l->small_max = l->fn[f].len[i];
    return 0;
}

static const lang_word *lookup(const feit_lang *l, const char *fold, size_t n, uint32_t hash)
{
    const lang_word *s = slot_of(l->index, l->index_mask, fold, n, hash);
    return s->w ? s : NULL;
}

feit_lang *lang_load(const char *dir, feit_error *err)
{
    memset(err, 0, sizeof *err);
    feit_lang *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(err->text, sizeof err->text, "out of memory");
        return NULL;
    }
    arena_init(&l->arena);
    l->stamp = 1469598103934665603ull;
    const char *base = strrchr(dir, '/');
    snprintf(l->code, sizeof l->code, "%s", base && base[1] ? base + 1 : dir);
    int rc = read_items(l, dir, "settings", setting_item, NULL, err);
    if (!rc && !l->stemmer[0])
        rc = datafile_error(err, dir, 0, 0, "settings: no 'stemmer' (the Snowball algorithm, e.g. dutch)");
    if (!rc)
        rc = read_items(l, dir, "abbreviations.txt", abbrev_item, NULL, err);
    if (!rc)
        rc = read_items(l, dir, "quotes.txt", quote_item, NULL, err);
    if (!rc)
        rc = read_items(l, dir, "clause-words.txt", list_item, &l->clause, err);
    if (!rc)
        rc = read_items(l, dir, "function-words.txt", fn_item, NULL, err);
    if (!rc)
        rc = read_items(l, dir, "descriptions.txt", desc_item, NULL, err);
    if (!rc)
        rc = read_items(l, dir, "pronouns.txt", pron_item, NULL, err);
    static const int class_ids[LANG_NCLASSES] = {
#define CLASS_ID_(E, file, what) LANG_##E,
        LANG_CLASS_TABLE(CLASS_ID_)
#undef CLASS_ID_
    };
    for (int c = 0; !rc && c < LANG_NCLASSES; c++) {
        char name[64];
        snprintf(name, sizeof name, "%s.txt", class_files[c]);
        rc = read_items(l, dir, name, class_item, (void *)&class_ids[c], err);
    }
    forget_seen(l);
    if (!rc) {
        l->clause_hash = calloc(l->clause.n + 1, sizeof *l->clause_hash);
        if (!l->clause_hash)
            rc = FEIT_ENOMEM, snprintf(err->text, sizeof err->text, "out of memory");
        for (size_t i = 0; !rc && i < l->clause.n; i++)
            l->clause_hash[i] = utf8_hash(l->clause.w[i], strlen(l->clause.w[i]), UTF8_HASH_INIT);
    }
    for (int c = 0; !rc && c < LANG_NCLASSES; c++)
        rc = index_by_last(&l->suffixes[c], err);
    for (size_t k = 0; !rc && k < sizeof word_suffixes / sizeof *word_suffixes; k++) {
        const word_list *wl = &l->suffixes[word_suffixes[k].c];
        for (size_t i = 0; i < wl->n; i++) {
            const char *w = wl->w[i];
            size_t n = wl->len[i];
            if (n < 3) {
                l->sfx_short = true;
            } else if (n == 3) {
                l->sfx_tail3[tail3(w, n) >> 6] |= 1ull << (tail3(w, n) & 63);
                l->sfx_min3 = 3;
            } else {
                l->sfx_tail4[tail4(w, n) >> 6] |= 1ull << (tail4(w, n) & 63);
                if (!l->sfx_min4 || n < l->sfx_min4)
                    l->sfx_min4 = n;
            }
        }
    }
    if (!rc && build_index(l))
        rc = FEIT_ENOMEM, snprintf(err->text, sizeof err->text, "out of memory");
    if (rc) {
        lang_free(l);
        return NULL;
    }
    if (l->nabbrevs > 1)
        qsort(l->abbrevs, l->nabbrevs, sizeof *l->abbrevs, cmp_abbrev);
    if (l->nquotes > 1)
        qsort(l->quotes, l->nquotes, sizeof *l->quotes, cmp_i32);
    for (size_t k = 0; k < l->nquotes; k++)
        if (l->quotes[k] >= 0 && l->quotes[k] < 0x80)
            l->ascii_quotes[l->quotes[k] >> 6] |= (uint64_t)1 << (l->quotes[k] & 63);
    return l;
}

static void list_free(word_list *wl) { free(wl->w), free(wl->len), free(wl->by_last), free(wl->seen); }

void lang_free(feit_lang *l)
{
    if (!l)
        return;
    word_list *lists[LANG_NLISTS];
    all_lists(l, lists);
    for (size_t i = 0; i < LANG_NLISTS; i++)
        list_free(lists[i]);
    free(l->descs);
    free(l->pron_gender);
    free(l->pron_possessive);
    free(l->clause_hash);
    free(l->index);
    free(l->abbrevs);
    free(l->quotes);
    arena_free(&l->arena);
    free(l);
}

const char *lang_code(const feit_lang *l) { return l->code; }
size_t lang_small_word_max(const feit_lang *l) { return l->small_max; }
size_t lang_pronoun_max(const feit_lang *l) { return l->pron_max; }
size_t lang_abbrev_max(const feit_lang *l) { return l->abbrev_max; }
const char *lang_stemmer(const feit_lang *l) { return l->stemmer; }
const char *lang_words_file(const feit_lang *l) { return l->words_file; }
uint64_t lang_stamp(const feit_lang *l) { return l->stamp; }

const char *const *lang_class_words(const feit_lang *l, int c, size_t *n)
{
    *n = l->classes[c].n;
    return l->classes[c].w;
}

bool lang_class_suffix(const feit_lang *l, int c, const char *fold, size_t n)
{
    const word_list *wl = &l->suffixes[c];
    if (n < 3 || !wl->by_last || (!wl->short_word && !bit_has(wl->tail, tail3(fold, n))))
        return false;
    unsigned char e = (unsigned char)fold[n - 1];
    for (size_t j = wl->from_last[e]; j < wl->from_last[e + 1]; j++) {
        size_t i = wl->by_last[j], k = wl->len[i];
        if (n >= k + 2 && !memcmp(fold + n - k, wl->w[i], k))
            return true;
    }
    return false;
}

/* strcmp order of w[0..n) against the NUL-terminated e */
static int cmp_n(const char *w, size_t n, const char *e)
{
    size_t k = 0;
    for (; k < n && e[k]; k++)
        if (w[k] != e[k])
            return (unsigned char)w[k] < (unsigned char)e[k] ? -1 : 1;
    return k < n ? 1 : e[k] ? -1 : 0;
}

bool lang_is_abbrev(const feit_lang *l, const char *fold, size_t n, int *can_end)
{
    *can_end = 0;
    size_t lo = 0, hi = l->nabbrevs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_n(fold, n, l->abbrevs[mid].w);
        if (c == 0) {
            *can_end = l->abbrevs[mid].can_end;
            return true;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

void lang_ascii_quotes(const feit_lang *l, uint64_t q[2]) { q[0] = l->ascii_quotes[0], q[1] = l->ascii_quotes[1]; }

bool lang_is_quote(const feit_lang *l, int32_t c)
{
    size_t lo = 0, hi = l->nquotes;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (l->quotes[mid] == c)
            return true;
        if (l->quotes[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool lang_class_has(const feit_lang *l, int c, const char *fold, size_t n, uint32_t hash)
{
    const lang_word *s = lookup(l, fold, n, hash);
    return s && (s->classes >> c) & 1;
}

const lang_description *lang_description_of(const feit_lang *l, const char *fold, size_t n, uint32_t hash)
{
    const lang_word *s = lookup(l, fold, n, hash);
    return s && s->desc >= 0 ? &l->descs[s->desc] : NULL;
}

bool lang_pronoun(const feit_lang *l, const char *fold, size_t n, uint32_t hash, char *gender, unsigned *flags)
{
    const lang_word *s = lookup(l, fold, n, hash);
    if (!s || s->pron < 0)
        return false;
    *gender = l->pron_gender[s->pron];
    *flags = l->pron_possessive[s->pron];
    return true;
}

const char *const *lang_fn_words(const feit_lang *l, int fn, size_t *n)
{
    *n = l->fn[fn].n;
    return l->fn[fn].w;
}

bool lang_is_fn(const feit_lang *l, int fn, const char *fold, size_t n, uint32_t hash)
{
    const lang_word *s = lookup(l, fold, n, hash);
    return s && (s->fn >> fn) & 1;
}

bool lang_is_clause_word(const feit_lang *l, const char *fold, size_t n, uint32_t hash)
{
    const lang_word *s = slot_of(l->index, l->index_mask, fold, n, hash);
    return s->w && s->clause;
}

uint32_t lang_word_bits(const feit_lang *l, const char *fold, size_t n, uint32_t hash)
{
    const lang_word *s = slot_of(l->index, l->index_mask, fold, n, hash);
    return s->w ? s->bits : suffix_bits(l, fold, n); /* (a listed word's bits hold its suffixes) */
}
