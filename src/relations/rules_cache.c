/* rules_cache.c — a parsed rule set kept compiled in a cache file (rules_cache.h). What it
 * saves: parsing the rule file and stemming its word sets on every run (some 36 M instructions
 * for the bundled rules, and 3.7 M more making the matcher's rows from them); what it costs:
 * reading and checking one file (4.9 MB for the bundled rules).
 *
 * The file: a header (magic, format, the size of feit_rules, the key, the body's length and
 * checksum) and the body: the files the rules name (path, content hash), the string pool, the
 * image of the feit_rules struct and its arrays in a fixed order, each as a count and an element
 * size before its bytes (8-aligned). A pointer to a string is written as 1 + its offset in the
 * pool (0: NULL); the same pointer always gets the same offset, so strings the parser shares
 * stay shared. */
#include "relations/rules_cache.h"

#include "core/datafile.h"
#include "core/types.h"
#include "entities/gazcache.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libstemmer.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#define RC_MAGIC "FEITRUL"
#define RC_FORMAT 15u /* 4, 5: utf8_hash a block at a time (the image holds word hashes); 6: rules_rarer_reqs;
                        * 7: what rules_index_rows makes; 8: rs_req up to row nsets; 9: ngap_sets;
                        * 10: rs_top a block per set only; 11: the stem index's length filters;
                        * 12: their keys of three bytes; 13: stem_cuts; 14: rs_few up to few_ments;
                        * 15: rnode of 32 bytes, its src in node_src */

typedef struct rc_header {
    char magic[8];
    uint32_t format, rules_size;
    uint64_t key;
    uint64_t body_len, body_sum;
} rc_header;

static uint64_t sum_str(uint64_t h, const char *s) { return datafile_sum(h, s, strlen(s) + 1); }


/* Reads up to n bytes of fd into b (again after a signal); the count read. */
static size_t read_all(int fd, unsigned char *b, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, b + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

/* The whole of a regular file, malloc'd into *buf (*len bytes); -1 when it cannot be read (a
 * FIFO would block: not a regular file is -1 too). */
static int read_file(const char *path, unsigned char **buf, size_t *len)
{
    *buf = NULL, *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !(*buf = malloc((size_t)st.st_size + 1))) {
        close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size, got = read_all(fd, *buf, n);
    close(fd);
    if (got != n) {
        free(*buf);
        *buf = NULL;
        return -1;
    }
    *len = n;
    return 0;
}

/* The hash of a file's content (and its length); -1 when it cannot be read. */
static int sum_file(const char *path, uint64_t *sum)
{
    unsigned char *buf;
    size_t n;
    if (read_file(path, &buf, &n))
        return -1;
    *sum = datafile_sum(0x72756C6573ull, buf, n);
    free(buf);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* writing: a growing buffer, the string pool, the arrays */

typedef struct wbuf {
    unsigned char *p;
    size_t n, cap;
    bool oom;
} wbuf;

static void put(wbuf *w, const void *data, size_t n)
{
    size_t pad = (8 - n % 8) % 8;
    if (w->oom)
        return;
    if (w->n + n + pad > w->cap) {
        size_t cap = w->cap ? w->cap : 1 << 16;
        while (cap < w->n + n + pad)
            cap *= 2;
        unsigned char *q = realloc(w->p, cap);
        if (!q) {
            w->oom = true;
            return;
        }
        w->p = q, w->cap = cap;
    }
    if (n)
        memcpy(w->p + w->n, data, n);
    memset(w->p + w->n + n, 0, pad);
    w->n += n + pad;
}

/* The pool: strings by pointer (one offset per pointer). */
typedef struct pool {
    wbuf text;
    const char **keys;
    uint64_t *offs;
    size_t size, used; /* size: a power of two */
    bool oom;
} pool;

/* The string s as written: 0 for NULL, else 1 + its offset in the pool. */
static const char *pool_ref(pool *P, const char *s)
{
    if (!s)
        return NULL;
    if (2 * (P->used + 1) > P->size) {
        size_t size = P->size ? 2 * P->size : 1024;
        const char **keys = calloc(size, sizeof *keys);
        uint64_t *offs = calloc(size, sizeof *offs);
        if (!keys || !offs) {
            free(keys), free(offs);
            P->oom = true;
            return NULL;
        }
        for (size_t i = 0; i < P->size; i++)
            if (P->keys[i]) {
                size_t j = ((uintptr_t)P->keys[i] >> 3) * 0x9E3779B97F4A7C15ull >> 20 & (size - 1);
                while (keys[j])
                    j = (j + 1) & (size - 1);
                keys[j] = P->keys[i], offs[j] = P->offs[i];
            }
        free(P->keys), free(P->offs);
        P->keys = keys, P->offs = offs, P->size = size;
    }
    size_t j = ((uintptr_t)s >> 3) * 0x9E3779B97F4A7C15ull >> 20 & (P->size - 1);
    while (P->keys[j] && P->keys[j] != s)
        j = (j + 1) & (P->size - 1);
    if (!P->keys[j]) {
        /* unpadded: strings follow each other (put pads; this does not) */
        size_t n = strlen(s) + 1;
        if (P->text.n + n > P->text.cap) {
            size_t cap = P->text.cap ? P->text.cap : 1 << 16;
            while (cap < P->text.n + n)
                cap *= 2;
            unsigned char *q = realloc(P->text.p, cap);
            if (!q) {
                P->oom = true;
                return NULL;
            }
            P->text.p = q, P->text.cap = cap;
        }
        memcpy(P->text.p + P->text.n, s, n);
        P->keys[j] = s, P->offs[j] = P->text.n + 1;
        P->text.n += n;
        P->used++;
    }
    return (const char *)(uintptr_t)P->offs[j];
}

/* An array: present (count + 1, 0 for NULL), element size, the bytes. */
static void put_array(wbuf *w, const void *a, size_t count, size_t elem)
{
    uint64_t h[2] = {a ? (uint64_t)count + 1 : 0, (uint64_t)elem};
    put(w, h, sizeof h);
    if (a)
        put(w, a, count * elem);
}

/* The arrays with strings: a copy with the strings as pool references. */
#define REF(field) (field) = pool_ref(P, (field))

static void put_strs(wbuf *w, pool *P, const void *a, size_t count, size_t elem, void (*fix)(pool *, void *))
{
    if (!a || !count) {
        put_array(w, a, count, elem);
        return;
    }
    unsigned char *c = malloc(count * elem);
    if (!c) {
        w->oom = true;
        return;
    }
    memcpy(c, a, count * elem);
    for (size_t i = 0; i < count; i++)
        fix(P, c + i * elem);
    put_array(w, c, count, elem);
    free(c);
}

static void fix_node(pool *P, void *e)
{
    rnode *n = e;
    REF(n->word); /* (or org_kind: the same string) */
}
static void fix_str(pool *P, void *e) { REF(*(const char **)e); }
static void fix_stem(pool *P, void *e) { REF(((rstem *)e)->stem); }
static void fix_set(pool *P, void *e) { REF(((rset *)e)->name); }
static void fix_pred(pool *P, void *e)
{
    rpred *p = e;
    REF(p->name), REF(p->wikidata);
    for (int t = 0; t < FEIT_NTYPES; t++)
        REF(p->wd_by_type[t]);
}
static void fix_role(pool *P, void *e)
{
    rrole *r = e;
    REF(r->word), REF(r->qualifier), REF(r->body);
    r->body_arg = (feit_arg){0}; /* bound by the context after loading */
}
static void fix_emit(pool *P, void *e) { REF(((remit *)e)->qualifier); }
static void fix_rule(pool *P, void *e)
{
    rrule *r = e;
    REF(r->id);
    for (int c = 0; c < RULES_MAX_CAPTURES; c++)
        REF(r->capture_names[c]);
}
static void fix_cue(pool *P, void *e) { REF(((rcue *)e)->word); }
static void fix_stem_slot(pool *P, void *e) { REF(((rstem_slot *)e)->stem); }
static void fix_lit_slot(pool *P, void *e) { REF(((rlit_slot *)e)->word); }

/* The sizes of the arrays whose length is not a count of their own (rules.c allocates them). */
static size_t n_stem_masks(const feit_rules *r) { return 3 * (size_t)r->set_words * ((size_t)r->nstems + 1); }
static size_t n_first_masks(const feit_rules *r) { return (size_t)r->set_words * ((size_t)r->nrules + 1); }
static size_t n_rs_pass(const feit_rules *r) { return 2 * (size_t)(r->ment_cap + 1) * (size_t)r->rs_words; }
/* rs_req up to the row of the rules with no requirement q (k = nsets), which relate.c reads: the
 * literals' rows after it (nine in ten of the bundled rules' rows) are read only to make rs_nz */
static size_t n_rs_req(const feit_rules *r)
{
    return (size_t)RULES_MAX_REQS * ((size_t)r->nsets + 1) * (size_t)r->rs_words;
}

/* The sizes of what rules_index_rows made (rules.c allocates them), from the arrays before them
 * in the file: stored, a start does not make them again (3.7 M instructions and the page faults
 * of 1.2 MB of fresh arena, half the rules' load). */
static size_t n_rs_types(const feit_rules *r) { return 2 * ((size_t)TYPES_ALL + 1) * (size_t)r->rs_words; }
static size_t n_rs_nz_first(const feit_rules *r) { return (size_t)r->rs_rows + 1; }
static size_t n_rs_nz(const feit_rules *r) { return r->rs_nz_first ? r->rs_nz_first[r->rs_rows] : 0; }
static size_t n_few_first(const feit_rules *r) { return (size_t)r->few_ments * ((size_t)r->rs_rows + 1); }
static size_t n_few(const feit_rules *r)
{
    size_t n = n_few_first(r);
    return r->rs_few_first && n ? r->rs_few_first[n - 1] : 0;
}
static size_t n_gate_lits(const feit_rules *r) { return ((size_t)r->nlits + 63) / 64 + 1; }
static size_t n_gate_sets(const feit_rules *r) { return (size_t)r->set_words + 1; }
static size_t n_lit_top(const feit_rules *r) { return (size_t)r->nlits + 1; }
static size_t n_rs_top(const feit_rules *r)
{
    return ((size_t)1 << r->ntop) * (size_t)RULES_MAX_REQS * (size_t)r->rs_words;
}

/* The arrays of r, in file order (write_arrays and read_arrays must agree). */
static void write_arrays(wbuf *w, pool *P, const feit_rules *r)
{
    put_strs(w, P, r->stem_index, r->stem_index_size, sizeof *r->stem_index, fix_stem_slot);
    put_array(w, r->stem_masks, r->stem_masks ? n_stem_masks(r) : 0, sizeof *r->stem_masks);
    put_array(w, r->first_masks, r->first_masks ? n_first_masks(r) : 0, sizeof *r->first_masks);
    put_array(w, r->edge_lens, r->edge_lens ? 3 * (size_t)RULES_EDGE_KEYS : 0, sizeof *r->edge_lens);
    put_array(w, r->first_set_ids, (size_t)r->nfirst_set_ids, sizeof *r->first_set_ids);
    put_strs(w, P, r->nodes, (size_t)r->nnodes, sizeof *r->nodes, fix_node);
    put_strs(w, P, r->node_src, (size_t)r->nnodes, sizeof *r->node_src, fix_str);
    put_array(w, r->alts, (size_t)r->nalts, sizeof *r->alts);
    put_array(w, r->alt_first, (size_t)r->nalts, sizeof *r->alt_first);
    put_strs(w, P, r->stems, (size_t)r->nstems, sizeof *r->stems, fix_stem);
    put_strs(w, P, r->sets, (size_t)r->nsets, sizeof *r->sets, fix_set);
    put_strs(w, P, r->preds, (size_t)r->npreds, sizeof *r->preds, fix_pred);
    put_strs(w, P, r->roles, (size_t)r->nroles, sizeof *r->roles, fix_role);
    put_strs(w, P, r->emits, (size_t)r->nemits, sizeof *r->emits, fix_emit);
    put_strs(w, P, r->rules, (size_t)r->nrules, sizeof *r->rules, fix_rule);
    put_array(w, r->tests, (size_t)r->nrules + 1, sizeof *r->tests);
    put_array(w, r->by_pass, (size_t)r->nrules + 1, sizeof *r->by_pass);
    put_array(w, r->rs_pass, r->rs_pass ? n_rs_pass(r) : 0, sizeof *r->rs_pass);
    put_array(w, r->rs_req, r->rs_req ? n_rs_req(r) : 0, sizeof *r->rs_req);
    put_array(w, r->first_lits, (size_t)r->nfirst_lits, sizeof *r->first_lits);
    put_array(w, r->req_lits, (size_t)r->nreq_lits, sizeof *r->req_lits);
    put_strs(w, P, r->lit_index, r->lit_index ? r->lit_index_size : 0, sizeof *r->lit_index, fix_lit_slot);
    put_strs(w, P, r->cues, (size_t)r->ncues, sizeof *r->cues, fix_cue);
    put_array(w, r->gap_next, (size_t)r->nnodes, sizeof *r->gap_next);
    put_array(w, r->gap_sets, r->ngap_sets, sizeof *r->gap_sets);
    put_array(w, r->later, (size_t)r->nrules, sizeof *r->later);
    put_array(w, r->rs_types, r->rs_types ? n_rs_types(r) : 0, sizeof *r->rs_types);
    put_array(w, r->rs_nz_first, r->rs_nz_first ? n_rs_nz_first(r) : 0, sizeof *r->rs_nz_first);
    put_array(w, r->rs_nz, n_rs_nz(r), sizeof *r->rs_nz);
    put_array(w, r->gate_lits, r->gate_lits ? n_gate_lits(r) : 0, sizeof *r->gate_lits);
    put_array(w, r->gate_sets, r->gate_sets ? n_gate_sets(r) : 0, sizeof *r->gate_sets);
    put_array(w, r->rs_few_first, r->rs_few_first ? n_few_first(r) : 0, sizeof *r->rs_few_first);
    put_array(w, r->rs_few, n_few(r), sizeof *r->rs_few);
    put_array(w, r->lit_top, r->lit_top ? n_lit_top(r) : 0, sizeof *r->lit_top);
    put_array(w, r->rs_top, r->rs_top ? n_rs_top(r) : 0, sizeof *r->rs_top);
}

/* The body of the cache file of r (deps checked by their sums); 0, or -1 (out of memory). */
static int build_body(const feit_rules *r, const uint64_t *dep_sums, wbuf *out)
{
    pool P = {0};
    wbuf arrays = {0};
    write_arrays(&arrays, &P, r);
    /* the struct itself: its arrays come from the sections; its own strings as references */
    feit_rules img;
    memcpy(&img, r, sizeof img);
    for (int32_t k = 0; k < r->nown_kinds; k++)
        img.own_kinds[k] = pool_ref(&P, r->own_kinds[k]);
    img.team_kind = pool_ref(&P, r->team_kind);
    for (int32_t k = 0; k < r->ndeps; k++)
        img.deps[k] = pool_ref(&P, r->deps[k]);
    memset(&img.arena, 0, sizeof img.arena);
    img.stem_index = NULL, img.stem_masks = img.first_masks = NULL, img.edge_lens = NULL, img.first_set_ids = NULL;
    img.nodes = NULL, img.node_src = NULL, img.alts = NULL, img.alt_first = NULL, img.stems = NULL, img.sets = NULL;
    img.preds = NULL, img.roles = NULL, img.emits = NULL, img.rules = NULL, img.tests = NULL;
    img.by_pass = NULL, img.rs_pass = img.rs_req = NULL, img.first_lits = img.req_lits = NULL;
    img.rs_nz_first = NULL, img.rs_nz = NULL, img.rs_few_first = NULL, img.rs_few = NULL, img.gap_next = NULL, img.gap_sets = NULL, img.later = NULL, img.rs_types = NULL, img.gate_lits = NULL, img.gate_sets = NULL, img.lit_top = NULL, img.rs_top = NULL; /* (sections of their own) */
    img.lit_index = NULL, img.cues = NULL, img.image = img.image_map = NULL, img.image_map_len = 0;
    uint64_t nd = (uint64_t)r->ndeps;
    put(out, &nd, sizeof nd);
    put(out, dep_sums, (size_t)r->ndeps * sizeof *dep_sums);
    uint64_t pool_len = P.text.n;
    put(out, &pool_len, sizeof pool_len);
    put(out, P.text.p, P.text.n);
    put(out, &img, sizeof img);
    put(out, arrays.p, arrays.n);
    bool oom = P.oom || arrays.oom || out->oom;
    free(P.text.p), free(P.keys), free(P.offs), free(arrays.p);
    return oom ? -1 : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* reading */

typedef struct rbuf {
    unsigned char *p;
    size_t n, at;
    bool bad;
} rbuf;

static void *take(rbuf *b, size_t n)
{
    size_t pad = (8 - n % 8) % 8;
    if (b->bad || n > b->n - b->at || pad > b->n - b->at - n) {
        b->bad = true;
        return NULL;
    }
    void *p = b->p + b->at;
    b->at += n + pad;
    return p;
}

/* A string reference back into the pool; false when it points outside. */
static bool deref(const char **s, const char *pool_base, size_t pool_len)
{
    uintptr_t off = (uintptr_t)*s;
    if (!off)
        return true;
    if (off - 1 >= pool_len)
        return false;
    *s = pool_base + (off - 1);
    return true;
}

/* An array of count elements of size elem, where it stands in the file's block, or NULL for an
 * array written as absent. *bad on a mismatch of the count or the size. */
static void *get_array(rbuf *b, size_t count, size_t elem, bool *bad)
{
    const uint64_t *h = take(b, 2 * sizeof(uint64_t));
    if (!h || h[1] != elem || (h[0] && h[0] - 1 != count)) {
        *bad = true;
        return NULL;
    }
    if (!h[0])
        return NULL;
    void *a = take(b, count * elem);
    if (!a)
        *bad = true;
    return a;
}

#define DEREF(field) ok &= deref(&(field), pool_base, pool_len)

static bool fix_back(feit_rules *r, const char *pool_base, size_t pool_len)
{
    bool ok = true;
    for (uint32_t i = 0; r->stem_index && i < r->stem_index_size; i++)
        DEREF(r->stem_index[i].stem);
    for (int32_t i = 0; i < r->nnodes; i++)
        DEREF(r->nodes[i].word), DEREF(r->node_src[i]);
    for (int32_t i = 0; i < r->nstems; i++)
        DEREF(r->stems[i].stem);
    for (int32_t i = 0; i < r->nsets; i++)
        DEREF(r->sets[i].name);
    for (int32_t i = 0; i < r->npreds; i++) {
        DEREF(r->preds[i].name), DEREF(r->preds[i].wikidata);
        for (int t = 0; t < FEIT_NTYPES; t++)
            DEREF(r->preds[i].wd_by_type[t]);
    }
    for (int32_t i = 0; i < r->nroles; i++)
        DEREF(r->roles[i].word), DEREF(r->roles[i].qualifier), DEREF(r->roles[i].body);
    for (int32_t i = 0; i < r->nemits; i++)
        DEREF(r->emits[i].qualifier);
    for (int32_t i = 0; i < r->nrules; i++) {
        DEREF(r->rules[i].id);
        for (int c = 0; c < RULES_MAX_CAPTURES; c++)
            DEREF(r->rules[i].capture_names[c]);
    }
    for (uint32_t i = 0; r->lit_index && i < r->lit_index_size; i++)
        DEREF(r->lit_index[i].word);
    for (int32_t i = 0; i < r->ncues; i++)
        DEREF(r->cues[i].word);
    for (int32_t k = 0; k < r->nown_kinds; k++)
        DEREF(r->own_kinds[k]);
    DEREF(r->team_kind);
    for (int32_t k = 0; k < r->ndeps; k++)
        DEREF(r->deps[k]);
    return ok;
}

/* The rules of a cache file's body, or NULL when it does not hold a sound rule set whose named
 * files are unchanged. */
static feit_rules *read_body(unsigned char *body, size_t len)
{
    rbuf b = {body, len, 0, false};
    const uint64_t *nd = take(&b, sizeof *nd);
    if (!nd || *nd > RULES_MAX_DEPS)
        return NULL;
    const uint64_t *sums = take(&b, (size_t)*nd * sizeof *sums);
    const uint64_t *pl = take(&b, sizeof *pl);
    if (!pl || *pl > len)
        return NULL;
    size_t pool_len = (size_t)*pl;
    const char *pool_base = take(&b, pool_len);
    const feit_rules *img = take(&b, sizeof *img);
    if (!img || (pool_len && pool_base[pool_len - 1] != '\0') || img->ndeps != (int32_t)*nd)
        return NULL;
    feit_rules *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    memcpy(r, img, sizeof *r);
    arena_init(&r->arena);
    r->image = NULL, r->image_map = NULL, r->image_map_len = 0;
    bool bad = false;
    r->stem_index = get_array(&b, r->stem_index_size, sizeof *r->stem_index, &bad);
    r->stem_masks = get_array(&b, n_stem_masks(r), sizeof *r->stem_masks, &bad);
    r->first_masks = get_array(&b, n_first_masks(r), sizeof *r->first_masks, &bad);
    r->edge_lens = get_array(&b, 3 * (size_t)RULES_EDGE_KEYS, sizeof *r->edge_lens, &bad);
    r->first_set_ids = get_array(&b, (size_t)r->nfirst_set_ids, sizeof *r->first_set_ids, &bad);
    r->nodes = get_array(&b, (size_t)r->nnodes, sizeof *r->nodes, &bad);
    r->node_src = get_array(&b, (size_t)r->nnodes, sizeof *r->node_src, &bad);
    r->alts = get_array(&b, (size_t)r->nalts, sizeof *r->alts, &bad);
    r->alt_first = get_array(&b, (size_t)r->nalts, sizeof *r->alt_first, &bad);
    r->stems = get_array(&b, (size_t)r->nstems, sizeof *r->stems, &bad);
    r->sets = get_array(&b, (size_t)r->nsets, sizeof *r->sets, &bad);
    r->preds = get_array(&b, (size_t)r->npreds, sizeof *r->preds, &bad);
    r->roles = get_array(&b, (size_t)r->nroles, sizeof *r->roles, &bad);
    r->emits = get_array(&b, (size_t)r->nemits, sizeof *r->emits, &bad);
    r->rules = get_array(&b, (size_t)r->nrules, sizeof *r->rules, &bad);
    r->tests = get_array(&b, (size_t)r->nrules + 1, sizeof *r->tests, &bad);
    r->by_pass = get_array(&b, (size_t)r->nrules + 1, sizeof *r->by_pass, &bad);
    r->rs_pass = get_array(&b, n_rs_pass(r), sizeof *r->rs_pass, &bad);
    r->rs_req = get_array(&b, n_rs_req(r), sizeof *r->rs_req, &bad);
    r->first_lits = get_array(&b, (size_t)r->nfirst_lits, sizeof *r->first_lits, &bad);
    r->req_lits = get_array(&b, (size_t)r->nreq_lits, sizeof *r->req_lits, &bad);
    r->lit_index = get_array(&b, r->lit_index_size, sizeof *r->lit_index, &bad);
    r->cues = get_array(&b, (size_t)r->ncues, sizeof *r->cues, &bad);
    r->gap_next = get_array(&b, (size_t)r->nnodes, sizeof *r->gap_next, &bad);
    r->gap_sets = get_array(&b, r->ngap_sets, sizeof *r->gap_sets, &bad);
    r->later = get_array(&b, (size_t)r->nrules, sizeof *r->later, &bad);
    r->rs_types = get_array(&b, n_rs_types(r), sizeof *r->rs_types, &bad);
    r->rs_nz_first = get_array(&b, n_rs_nz_first(r), sizeof *r->rs_nz_first, &bad);
    r->rs_nz = get_array(&b, n_rs_nz(r), sizeof *r->rs_nz, &bad);
    r->gate_lits = get_array(&b, n_gate_lits(r), sizeof *r->gate_lits, &bad);
    r->gate_sets = get_array(&b, n_gate_sets(r), sizeof *r->gate_sets, &bad);
    r->rs_few_first = get_array(&b, n_few_first(r), sizeof *r->rs_few_first, &bad);
    r->rs_few = get_array(&b, n_few(r), sizeof *r->rs_few, &bad);
    r->lit_top = get_array(&b, n_lit_top(r), sizeof *r->lit_top, &bad);
    r->rs_top = get_array(&b, n_rs_top(r), sizeof *r->rs_top, &bad);
    /* nothing grows after loading (the arrays are not realloc'd: rules_free knows the block) */
    r->cnodes = r->cnode_src = r->nnodes, r->calts = r->nalts, r->cstems = r->nstems, r->csets = r->nsets;
    r->cpreds = r->npreds, r->croles = r->nroles, r->cemits = r->nemits, r->crules = r->nrules;
    r->cfirst_set_ids = r->nfirst_set_ids, r->cfirst_lits = r->nfirst_lits, r->creq_lits = r->nreq_lits;
    r->ccues = r->ncues;
    bool ok = !bad && b.at == b.n && r->ndeps <= RULES_MAX_DEPS && r->nown_kinds <= RULES_MAX_OWN_KINDS &&
              fix_back(r, pool_base, pool_len);
    /* the files the rule file names: unchanged? */
    for (int32_t k = 0; ok && k < r->ndeps; k++) {
        uint64_t s;
        ok = !sum_file(r->deps[k], &s) && s == sums[k];
    }
    if (!ok) {
        free(r); /* (its arrays are the caller's block) */
        return NULL;
    }
    return r;
}

/* ------------------------------------------------------------------------------------------ */

/* The key of a rule set: its file's content, the stemmer, the format and the build. -1 when the
 * file cannot be read (rules_load then reports it). */
static int rules_key(const char *path, const char *stemmer, uint64_t *key)
{
    uint64_t h = sum_str(RC_FORMAT, FEIT_VERSION);
    h = sum_str(h, stemmer);
    h = sum_str(h, utf8proc_version());
    Dl_info info;
    if (dladdr((void *)rules_cache_load, &info) && info.dli_fname)
        h = datafile_stat_sum(h, info.dli_fname);
    if (dladdr((void *)sb_stemmer_new, &info) && info.dli_fname)
        h = datafile_stat_sum(h, info.dli_fname);
    uint64_t s;
    if (sum_file(path, &s))
        return -1;
    *key = datafile_sum(h, &s, sizeof s);
    return 0;
}


/* Writes the cache file of r at path (a temporary beside it, renamed into place); 0 or -1. */
static int save(const feit_rules *r, const char *path, uint64_t key)
{
    if (r->ndeps > RULES_MAX_DEPS)
        return -1;
    uint64_t sums[RULES_MAX_DEPS];
    for (int32_t k = 0; k < r->ndeps; k++)
        if (sum_file(r->deps[k], &sums[k]))
            return -1;
    wbuf body = {0};
    if (build_body(r, sums, &body)) {
        free(body.p);
        return -1;
    }
    rc_header h = {RC_MAGIC, RC_FORMAT, (uint32_t)sizeof(feit_rules), key, body.n, datafile_sum(key, body.p, body.n)};
    char tmp[PATH_MAX + 160];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int rc = fd < 0 ? -1 : 0;
    if (!rc) {
        rc = write(fd, &h, sizeof h) == (ssize_t)sizeof h && write(fd, body.p, body.n) == (ssize_t)body.n ? 0 : -1;
        rc |= close(fd);
        if (!rc)
            rc = rename(tmp, path);
        if (rc)
            unlink(tmp);
    }
    free(body.p);
    return rc;
}

/* The cache file at path read whole into a block of its own (*buf, *len bytes) that lies in
 * *map (*maplen bytes, for munmap): in 2 MB pages where the kernel gives them, because a fresh
 * block of some MB faulted in 4 KB at a time was most of start-up (3.7 MB: 10-15 ms here, 0.6
 * ms in huge pages). -1 when it cannot be read. */
#define RC_HUGE ((size_t)2 << 20)
static int read_image(const char *path, unsigned char **buf, size_t *len, void **map, size_t *maplen)
{
    *buf = NULL, *len = 0, *map = NULL, *maplen = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size, cap = ((n + RC_HUGE - 1) & ~(RC_HUGE - 1)) + RC_HUGE;
    void *m = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        close(fd);
        return -1;
    }
    unsigned char *b = (unsigned char *)(((uintptr_t)m + RC_HUGE - 1) & ~(uintptr_t)(RC_HUGE - 1));
#ifdef MADV_HUGEPAGE
    madvise(b, cap - RC_HUGE, MADV_HUGEPAGE); /* (advice only: 4 KB pages if refused) */
#endif
    size_t got = read_all(fd, b, n);
    close(fd);
    if (got != n) {
        munmap(m, cap);
        return -1;
    }
    *buf = b, *len = n, *map = m, *maplen = cap;
    return 0;
}

/* The rules of the cache file at path when it is sound and of this key, else NULL. */
static feit_rules *open_cached(const char *path, uint64_t key)
{
    unsigned char *buf;
    size_t n, maplen;
    void *map;
    if (read_image(path, &buf, &n, &map, &maplen))
        return NULL;
    feit_rules *r = NULL;
    rc_header h;
    if (n >= sizeof h) {
        memcpy(&h, buf, sizeof h);
        if (!memcmp(h.magic, RC_MAGIC, sizeof h.magic) && h.format == RC_FORMAT && h.rules_size == sizeof(feit_rules) &&
            h.key == key && h.body_len == n - sizeof h && h.body_sum == datafile_sum(key, buf + sizeof h, n - sizeof h))
            r = read_body(buf + sizeof h, n - sizeof h);
    }
    if (r)
        r->image = buf, r->image_map = map, r->image_map_len = maplen; /* the arrays and strings stand in it */
    else
        munmap(map, maplen);
    return r;
}

feit_rules *rules_cache_load(const char *path, const char *stemmer, const char *cache_dir, rules_cache_status *status,
                             feit_error *err)
{
    rules_cache_status dummy;
    if (!status)
        status = &dummy;
    *status = RULES_CACHE_NONE;
    char dir[PATH_MAX], prefix[64], name[96], file[PATH_MAX + 96], real[PATH_MAX];
    uint64_t key;
    if (gazcache_dir(cache_dir, dir, sizeof dir) || rules_key(path, stemmer, &key))
        return rules_load(path, stemmer, err);
    snprintf(prefix, sizeof prefix, "rules-%016llx-", (unsigned long long)sum_str(0, realpath(path, real) ? real : path));
    snprintf(name, sizeof name, "%s%016llx.bin", prefix, (unsigned long long)key);
    snprintf(file, sizeof file, "%s/%s", dir, name);
    feit_rules *r = open_cached(file, key);
    if (r) {
        if (err)
            memset(err, 0, sizeof *err);
        *status = RULES_CACHE_HIT;
        return r;
    }
    if (!(r = rules_load(path, stemmer, err)))
        return NULL;
    /* the rules just parsed are what this run uses; the file is for the next one */
    if (gazcache_mkdir(dir) == 0 && save(r, file, key) == 0) {
        *status = RULES_CACHE_BUILT;
        gazcache_remove_old(dir, prefix, name);
    }
    return r;
}
