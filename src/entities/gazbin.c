/* gazbin.c — the compiled gazetteer, gazetteer.bin: written by `feit compile`, read lazily and
 * checked (see gazetteer_private.h). The file:
 *   header     magic, version, stamps, table sizes, the longest probe, the country table,
 *              the lower-case start filter, and a checksum of itself and the chunk sums
 *   sums       one 64-bit checksum per chunk of the tables
 *   body       pool, entries, hits, slots, span filters; each padded to 8 bytes
 * Hits are numbered chain by chain, so a chain only ever goes forward (next > this one): a
 * loop in a chain is an error the chunk check sees, not an endless probe. */
#include "entities/gazetteer_private.h"

#include "core/datafile.h"

#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The longest probe sequence a file may declare: the index is kept at most half full, where
 * the longest is a few dozen slots; a file that says more is corrupt. */
#define GAZ_MAX_PROBE 1024

typedef struct gaz_header {
    char magic[8];
    uint32_t version;
    uint32_t maxtok;
    uint64_t stamp;      /* of the lists it was compiled from (gazetteer_stamp) */
    uint64_t lang_stamp; /* of the language data its names were tokenised and marked with */
    uint32_t pool_len, nentries, nhits, nslots, nused;
    uint32_t maxprobe;
    uint32_t country_by_iso[26 * 26];
    uint64_t lower_start[GAZ_BLOOM_WORDS];
    uint64_t sum; /* datafile_sum of the header (with this field 0) and then of the chunk sums */
} gaz_header;
_Static_assert(sizeof(gaz_header) % 8 == 0, "the sums that follow the header stay aligned");
_Static_assert(sizeof(gaz_entry) == 48 && sizeof(gaz_hit) == 16 && sizeof(gaz_slot) == 20,
               "the compiled layout (change GAZ_VERSION with it)");

static const size_t elem_size[GT_N] = {1, sizeof(gaz_entry), sizeof(gaz_hit), sizeof(gaz_slot), sizeof(uint64_t)};
static const char *const table_name[GT_N] = {"string pool", "entries", "hits", "slots", "span filters"};

static uint64_t align8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

/* The elements and the chunks of each table, from the counts. */
static void layout(const uint64_t n[GT_N], uint64_t off[GT_N], uint32_t first[GT_N + 1], uint64_t *body_len)
{
    uint64_t o = 0;
    uint32_t c = 0;
    for (int t = 0; t < GT_N; t++) {
        off[t] = o;
        o += align8(n[t] * elem_size[t]);
        first[t] = c;
        c += (uint32_t)((n[t] + (1ull << gaz_chunk_shift[t]) - 1) >> gaz_chunk_shift[t]);
    }
    first[GT_N] = c;
    *body_len = o;
}

/* ---- writing ---- */

int gazetteer_save(const feit_gazetteer *g, const char *path, uint64_t stamp, uint64_t lang_stamp, feit_error *err)
{
    int rc = FEIT_ENOMEM;
    gaz_hit *hits = NULL;
    gaz_slot *slots = NULL;
    uint64_t *sums = NULL;
    FILE *f = NULL;
    char tmp[1100];
    tmp[0] = '\0';
    /* hits renumbered chain by chain, in slot order: a chain's next is always further on */
    hits = calloc(g->nhits ? g->nhits : 1, sizeof *hits);
    slots = malloc((size_t)g->nslots * sizeof *slots + 1);
    if (!hits || !slots)
        goto fail;
    memcpy(slots, g->slots, (size_t)g->nslots * sizeof *slots);
    uint32_t nh = 1, maxprobe = 0, mask = g->nslots ? g->nslots - 1 : 0;
    for (uint32_t j = 0; j < g->nslots; j++) {
        gaz_slot *s = &slots[j];
        if (!s->key)
            continue;
        uint32_t probe = (j - (s->hash & mask)) & mask;
        if (probe > maxprobe)
            maxprobe = probe;
        uint32_t first = 0, prev = 0;
        for (uint32_t h = s->hits; h && nh < g->nhits; h = g->hits[h].next) {
            hits[nh] = g->hits[h];
            hits[nh].next = 0;
            if (prev)
                hits[prev].next = nh;
            else
                first = nh;
            prev = nh++;
        }
        s->hits = first;
    }
    for (const char *p = g->pool, *end = g->pool + g->pool_len; p < end;) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul || (size_t)(nul - p) > GAZ_MAX_STR) {
            feit_error_set(err, path, 0, 0, "a name or value of the lists is longer than %u bytes", GAZ_MAX_STR);
            rc = FEIT_EFORMAT;
            goto fail;
        }
        p = nul + 1;
    }
    if (maxprobe > GAZ_MAX_PROBE) { /* (the index is kept at most half full: not seen) */
        feit_error_set(err, path, 0, 0, "the name index is too crowded (a probe of %u slots)", maxprobe);
        rc = FEIT_EFORMAT;
        goto fail;
    }
    gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GAZ_MAGIC, 8);
    h.version = GAZ_VERSION;
    h.maxtok = g->maxtok;
    h.stamp = stamp;
    h.lang_stamp = lang_stamp;
    h.pool_len = g->pool_len, h.nentries = g->nentries, h.nhits = nh, h.nslots = g->nslots, h.nused = g->nused;
    h.maxprobe = maxprobe;
    memcpy(h.country_by_iso, g->country_by_iso, sizeof h.country_by_iso);
    memcpy(h.lower_start, g->lower_start, sizeof h.lower_start);
    const void *parts[GT_N] = {g->pool, g->entries, hits, slots, g->spans};
    uint64_t n[GT_N] = {g->pool_len, g->nentries, nh, g->nslots, SPAN_TABLE_WORDS}, off[GT_N], body_len;
    uint32_t first[GT_N + 1];
    layout(n, off, first, &body_len);
    if (!(sums = calloc(first[GT_N] + 1, sizeof *sums)))
        goto fail;
    for (int t = 0; t < GT_N; t++)
        for (uint32_t c = first[t]; c < first[t + 1]; c++) {
            uint64_t e0 = (uint64_t)(c - first[t]) << gaz_chunk_shift[t], e1 = e0 + (1ull << gaz_chunk_shift[t]);
            if (e1 > n[t])
                e1 = n[t];
            sums[c] = datafile_sum(c, (const char *)parts[t] + e0 * elem_size[t], (size_t)((e1 - e0) * elem_size[t]));
        }
    h.sum = datafile_sum(datafile_sum(0, &h, sizeof h), sums, first[GT_N] * sizeof *sums);

    /* a name no other writer has (O_EXCL): processes and threads may compile the same file at
     * once (the cache of user lists), each renames a whole file into place */
    int fd = -1;
    for (int i = 0; i < 100 && fd < 0; i++) {
        snprintf(tmp, sizeof tmp, "%s.%ld.%d.tmp", path, (long)getpid(), i);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0 || !(f = fdopen(fd, "wb"))) {
        int e = errno;
        if (fd >= 0)
            close(fd), unlink(tmp);
        errno = e;
        tmp[0] = '\0';
        rc = FEIT_EIO;
        feit_error_set(err, path, 0, 0, "cannot write: %s", strerror(errno));
        goto fail;
    }
    static const char zeros[8];
    int ok = fwrite(&h, sizeof h, 1, f) == 1 && (!first[GT_N] || fwrite(sums, first[GT_N] * sizeof *sums, 1, f) == 1);
    for (int t = 0; t < GT_N && ok; t++) {
        size_t sz = (size_t)(n[t] * elem_size[t]), pad = (size_t)(align8(sz) - sz);
        ok = (!sz || fwrite(parts[t], sz, 1, f) == 1) && (!pad || fwrite(zeros, pad, 1, f) == 1);
    }
    ok = (fclose(f) == 0) && ok;
    f = NULL;
    if (!ok || rename(tmp, path)) {
        rc = FEIT_EIO;
        feit_error_set(err, path, 0, 0, "cannot write: %s", strerror(errno));
        goto fail;
    }
    tmp[0] = '\0';
    rc = 0;
fail:
    if (rc == FEIT_ENOMEM)
        feit_error_set(err, path, 0, 0, "out of memory");
    if (f)
        fclose(f);
    if (tmp[0])
        unlink(tmp);
    free(hits);
    free(slots);
    free(sums);
    return rc;
}

int gazbin_reseal(unsigned char *img, size_t len)
{
    gaz_header h;
    if (len < sizeof h)
        return -1;
    memcpy(&h, img, sizeof h);
    uint64_t n[GT_N] = {h.pool_len, h.nentries, h.nhits, h.nslots, SPAN_TABLE_WORDS}, off[GT_N], body_len;
    uint32_t first[GT_N + 1];
    layout(n, off, first, &body_len);
    uint64_t body_off = sizeof h + (uint64_t)first[GT_N] * 8;
    if (body_off + body_len != len)
        return -1;
    uint64_t *sums = (uint64_t *)(img + sizeof h);
    for (int t = 0; t < GT_N; t++)
        for (uint32_t c = first[t]; c < first[t + 1]; c++) {
            uint64_t e0 = (uint64_t)(c - first[t]) << gaz_chunk_shift[t], e1 = e0 + (1ull << gaz_chunk_shift[t]);
            if (e1 > n[t])
                e1 = n[t];
            uint64_t s = datafile_sum(c, img + body_off + off[t] + e0 * elem_size[t], (size_t)((e1 - e0) * elem_size[t]));
            memcpy(&sums[c], &s, 8);
        }
    h.sum = 0;
    h.sum = datafile_sum(datafile_sum(0, &h, sizeof h), img + sizeof h, (size_t)first[GT_N] * 8);
    memcpy(img, &h, sizeof h);
    return 0;
}

/* ---- reading ---- */

/* Reads n bytes at off in full; 0, or -1 (a short read: the file was cut). */
static int read_at(int fd, void *dst, size_t n, uint64_t off)
{
    char *p = dst;
    while (n) {
        ssize_t k = pread(fd, p, n, (off_t)off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k, n -= (size_t)k, off += (uint64_t)k;
    }
    return 0;
}

feit_gazetteer *gazetteer_open(const char *path, const uint64_t *stamp, uint64_t lang_stamp, feit_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return feit_error_set(err, path, 0, 0, "%s%s", errno == ENOENT ? "missing" : "cannot open: ", errno == ENOENT ? "" : strerror(errno)), NULL;
    struct stat st;
    gaz_header h;
    const char *why = NULL;
    feit_gazetteer *g = NULL;
    gaz_lazy *z = NULL;
    uint64_t n[GT_N], off[GT_N], body_len = 0;
    uint32_t first[GT_N + 1];
    if (fstat(fd, &st) || !S_ISREG(st.st_mode))
        why = "not a regular file";
    else if ((uint64_t)st.st_size < sizeof h || read_at(fd, &h, sizeof h, 0))
        why = "not a compiled gazetteer (too short or unreadable)";
    else if (memcmp(h.magic, GAZ_MAGIC, 8))
        why = "bad magic: not a compiled gazetteer";
    else if (h.version != GAZ_VERSION)
        why = "format version differs from this feit: recompile";
    else if (stamp && h.stamp != *stamp)
        why = "stale: the gazetteer lists or the word list changed since it was compiled";
    else if (h.lang_stamp != lang_stamp)
        why = "stale: the language data changed since it was compiled";
    if (why)
        goto bad;
    /* the counts against each other and the file's size (64-bit: no count can overflow) */
    n[GT_POOL] = h.pool_len, n[GT_ENTRIES] = h.nentries, n[GT_HITS] = h.nhits, n[GT_SLOTS] = h.nslots;
    n[GT_SPANS] = SPAN_TABLE_WORDS;
    layout(n, off, first, &body_len);
    uint64_t body_off = sizeof h + (uint64_t)first[GT_N] * 8;
    int counts_ok = h.pool_len >= 2 && h.nhits >= 1 && h.nslots >= 2 && !(h.nslots & (h.nslots - 1)) &&
                    h.nused < h.nslots && h.maxtok <= MAX_NAME_TOKENS && h.maxprobe < h.nslots && h.maxprobe <= GAZ_MAX_PROBE;
    for (int i = 0; i < 26 * 26 && counts_ok; i++)
        counts_ok = h.country_by_iso[i] <= h.nentries;
    if (!counts_ok) {
        why = "corrupt: its header's counts do not fit together";
        goto bad;
    }
    if (body_off + body_len != (uint64_t)st.st_size) {
        why = (uint64_t)st.st_size < body_off + body_len ? "truncated: shorter than its header says" : "corrupt: longer than its header says";
        goto bad;
    }
    if (!(g = calloc(1, sizeof *g)) || !(z = calloc(1, sizeof *z)) || !(z->path = strdup(path)) ||
        !(z->sums = malloc((size_t)first[GT_N] * 8 + 8)) || !(z->ready = calloc((size_t)first[GT_N] + 1, 1)) ||
        !(z->fetched = calloc((size_t)first[GT_N] + 1, 1)) ||
        !(z->pool_end = calloc((size_t)(first[GT_POOL + 1] - first[GT_POOL]) + 1, sizeof *z->pool_end))) {
        why = "out of memory";
        goto bad;
    }
    z->fd = -1;
    z->fix = "run `feit compile` (or `make`) to build it again";
    pthread_mutex_init(&z->mu, NULL);
    for (int i = 0; i < GAZ_LOAD_LOCKS; i++)
        pthread_mutex_init(&z->load_mu[i], NULL);
    if (read_at(fd, z->sums, (size_t)first[GT_N] * 8, sizeof h)) {
        why = "truncated: the chunk sums are cut";
        goto bad;
    }
    uint64_t sum = h.sum;
    h.sum = 0;
    if (datafile_sum(datafile_sum(0, &h, sizeof h), z->sums, (size_t)first[GT_N] * 8) != sum) {
        why = "corrupt: its header's checksum is wrong";
        goto bad;
    }
    /* private memory for the body, filled chunk by chunk (no page is taken before it is used) */
    void *body = mmap(NULL, (size_t)body_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (body == MAP_FAILED) {
        why = "out of memory";
        goto bad;
    }
    /* huge pages where the kernel has them: a first touch then costs one fault per 2 MiB, not
     * one per 4 KiB (the faults were most of the cost of reading the chunks) */
    madvise(body, (size_t)body_len, MADV_HUGEPAGE);
    z->fd = fd, fd = -1;
    z->body = body, z->body_len = (size_t)body_len, z->body_off = body_off;
    memcpy(z->table_off, off, sizeof off);
    memcpy(z->table_n, n, sizeof n);
    memcpy(z->first_chunk, first, sizeof first);
    g->lazy = z;
    g->pool = (char *)z->body + off[GT_POOL];
    g->entries = (gaz_entry *)(z->body + off[GT_ENTRIES]);
    g->hits = (gaz_hit *)(z->body + off[GT_HITS]);
    g->slots = (gaz_slot *)(z->body + off[GT_SLOTS]);
    g->spans = (uint64_t *)(z->body + off[GT_SPANS]);
    g->lower_spans = g->spans + SPAN_BLOOM_WORDS;
    g->follow = g->lower_spans + LOWER_SPAN_WORDS;
    g->lower_follow = g->follow + FOLLOW_WORDS;
    g->pool_len = h.pool_len, g->nentries = h.nentries, g->nhits = h.nhits, g->nslots = h.nslots, g->nused = h.nused;
    g->maxtok = h.maxtok, g->maxprobe = h.maxprobe;
    memcpy(g->country_by_iso, h.country_by_iso, sizeof g->country_by_iso);
    memcpy(g->lower_start, h.lower_start, sizeof g->lower_start);
    g->none.canonical = g->pool_len - 1; /* "" (the pool ends in a NUL) */
    return g;
bad:
    if (fd >= 0)
        close(fd);
    if (z) {
        free(z->path), free(z->sums), free(z->ready), free(z->fetched), free(z->pool_end);
        free(z);
    }
    free(g);
    feit_error_set(err, path, 0, 0, "%s", why);
    return NULL;
}

void gazbin_set_fix(feit_gazetteer *g, const char *fix)
{
    if (g->lazy)
        g->lazy->fix = fix;
}

void gazbin_free(gaz_lazy *z)
{
    if (!z)
        return;
    if (z->body)
        munmap(z->body, z->body_len);
    if (z->fd >= 0)
        close(z->fd);
    pthread_mutex_destroy(&z->mu);
    for (int i = 0; i < GAZ_LOAD_LOCKS; i++)
        pthread_mutex_destroy(&z->load_mu[i]);
    free(z->path), free(z->sums), free((void *)z->ready), free(z->fetched), free(z->pool_end);
    free(z);
}

/* ---- a chunk: read, summed, checked ---- */

static int string_ok(const feit_gazetteer *g, uint32_t off) { return off < g->pool_len; }

/* Elements [e0, e1) of table t, just read: every reference checked against the table it points
 * into. A bad element is made harmless (an empty slot, a hit that matches nothing, an entry
 * with an empty name). Returns how many were bad. */
static uint64_t sanitize(feit_gazetteer *g, int t, uint64_t e0, uint64_t e1)
{
    uint64_t bad = 0;
    if (t == GT_POOL) {
        /* the pool opens with "" (offset 0 is no string) and ends with a NUL, so that every
         * string read from it ends inside it */
        if (e0 == 0 && g->pool[0])
            g->pool[0] = '\0', bad++;
        if (e1 == g->pool_len && g->pool[g->pool_len - 1])
            g->pool[g->pool_len - 1] = '\0', bad++;
    } else if (t == GT_ENTRIES) {
        for (uint64_t i = e0; i < e1; i++) {
            gaz_entry *e = &g->entries[i];
            if (e->type < FEIT_NTYPES && e->canonical && string_ok(g, e->canonical) && string_ok(g, e->kb) &&
                string_ok(g, e->country) && string_ok(g, e->iso) && string_ok(g, e->capital) && string_ok(g, e->admin) &&
                string_ok(g, e->role) && string_ok(g, e->role_of) && string_ok(g, e->capital_of) && string_ok(g, e->kind))
                continue;
            *e = g->none;
            bad++;
        }
    }
    /* (slots and hits: when a probe takes one, gaz_slot_ok and gaz_hit_ok; gazetteer_verify
     * checks them all) */
    return bad;
}

static void fail_locked(gaz_lazy *z, const char *what, int t, uint32_t c)
{
    if (atomic_load(&z->failed))
        return;
    if (t >= 0)
        snprintf(z->why, sizeof z->why, "corrupt (%s of the %s, chunk %u): %s", what, table_name[t], c, z->fix);
    else
        snprintf(z->why, sizeof z->why, "corrupt (%s): %s", what, z->fix);
    atomic_store(&z->failed, 1);
}

void gazbin_fail(const feit_gazetteer *g, const char *what)
{
    pthread_mutex_lock(&g->lazy->mu);
    fail_locked(g->lazy, what, -1, 0);
    pthread_mutex_unlock(&g->lazy->mu);
}

void gazbin_bad_ref(const feit_gazetteer *g, int t, uint64_t i)
{
    gaz_lazy *z = g->lazy;
    if (!z)
        return;
    pthread_mutex_lock(&z->mu);
    fail_locked(z, "a bad reference", t, z->first_chunk[t] + (uint32_t)(i >> gaz_chunk_shift[t]));
    pthread_mutex_unlock(&z->mu);
}

/* Chunk c's table, and its elements [*e0, *e1). */
static int chunk_span(const gaz_lazy *z, uint32_t c, uint64_t *e0, uint64_t *e1)
{
    int t = 0;
    while (c >= z->first_chunk[t + 1])
        t++;
    *e0 = (uint64_t)(c - z->first_chunk[t]) << gaz_chunk_shift[t];
    *e1 = *e0 + (1ull << gaz_chunk_shift[t]);
    if (*e1 > z->table_n[t])
        *e1 = z->table_n[t];
    return t;
}

/* Where chunk c starts in the body, and where it ends. */
static uint64_t chunk_start(const gaz_lazy *z, uint32_t c)
{
    uint64_t e0, e1;
    int t = chunk_span(z, c, &e0, &e1);
    return z->table_off[t] + e0 * elem_size[t];
}

static uint64_t chunk_end(const gaz_lazy *z, uint32_t c)
{
    uint64_t e0, e1;
    int t = chunk_span(z, c, &e0, &e1);
    return z->table_off[t] + e1 * elem_size[t];
}

/* Reads chunk c and the chunks of its group not read yet next to it, in one pread: a read of
 * a few chunks is mostly the system call's cost, and a run reads most chunks before long (2 MB
 * of text needs 6,400 of the 9,200, every slot chunk among them). A chunk read and not yet needed is
 * checked when it is; no chunk already read is read again (it may be in use, and a bad
 * element of it made harmless). 0, or -1 when even c alone cannot be read (the file was cut). */
static int fetch(gaz_lazy *z, uint32_t c)
{
    uint32_t g0 = c - c % GAZ_READ_RUN, g1 = g0 + GAZ_READ_RUN, a = c, b = c + 1;
    if (g1 > z->first_chunk[GT_N])
        g1 = z->first_chunk[GT_N];
    while (a > g0 && !z->fetched[a - 1])
        a--;
    while (b < g1 && !z->fetched[b])
        b++;
    uint64_t s = chunk_start(z, a), e = chunk_end(z, b - 1);
    if (read_at(z->fd, z->body + s, (size_t)(e - s), z->body_off + s)) {
        /* a run that reaches past a cut: c alone, and its group's other chunks later, each
         * on its own need */
        a = c, b = c + 1;
        s = chunk_start(z, c), e = chunk_end(z, c);
        if (read_at(z->fd, z->body + s, (size_t)(e - s), z->body_off + s))
            return -1;
    }
    memset(z->fetched + a, 1, b - a);
    return 0;
}

void gazbin_load(const feit_gazetteer *cg, uint32_t c)
{
    feit_gazetteer *g = (feit_gazetteer *)cg; /* the chunk's memory is filled once, under its group's load_mu */
    gaz_lazy *z = g->lazy;
    pthread_mutex_t *mu = &z->load_mu[c / GAZ_READ_RUN % GAZ_LOAD_LOCKS];
    pthread_mutex_lock(mu);
    if (atomic_load_explicit(&z->ready[c], memory_order_relaxed)) {
        pthread_mutex_unlock(mu);
        return;
    }
    uint64_t e0, e1;
    int t = chunk_span(z, c, &e0, &e1);
    unsigned char *dst = z->body + z->table_off[t] + e0 * elem_size[t];
    size_t len = (size_t)((e1 - e0) * elem_size[t]);
    const char *what = NULL;
    if (!z->fetched[c] && fetch(z, c))
        what = "cut short: the file changed or was truncated while in use";
    else if (datafile_sum(c, dst, len) != z->sums[c])
        what = "checksum mismatch";
    if (what)
        memset(dst, 0, len); /* nothing of a bad chunk is used */
    uint64_t bad = sanitize(g, t, e0, e1);
    char why[160];
    if (!what && bad) {
        snprintf(why, sizeof why, "%llu bad references", (unsigned long long)bad);
        what = why;
    }
    if (what) {
        pthread_mutex_lock(&z->mu);
        fail_locked(z, what, t, c);
        pthread_mutex_unlock(&z->mu);
    }
    if (t == GT_POOL) { /* (a bad chunk was zeroed: its strings are empty) */
        const unsigned char *nul = memrchr(dst, '\0', len);
        z->pool_end[c - z->first_chunk[GT_POOL]] = nul ? (uint32_t)(e0 + (uint64_t)(nul - dst) + 1) : 0;
    }
    atomic_store_explicit(&z->ready[c], 1, memory_order_release);
    pthread_mutex_unlock(mu);
}

void gazbin_load_spans(const feit_gazetteer *g)
{
    gaz_lazy *z = g->lazy;
    for (uint32_t c = z->first_chunk[GT_SPANS]; c < z->first_chunk[GT_SPANS + 1]; c++)
        if (!atomic_load_explicit(&z->ready[c], memory_order_acquire))
            gazbin_load(g, c);
    atomic_store_explicit(&z->spans_read, true, memory_order_release);
}

int gazetteer_status(const feit_gazetteer *g, feit_error *err)
{
    if (!g || !g->lazy || !atomic_load(&g->lazy->failed))
        return 0;
    pthread_mutex_lock(&g->lazy->mu);
    feit_error_set(err, g->lazy->path, 0, 0, "%s", g->lazy->why);
    pthread_mutex_unlock(&g->lazy->mu);
    return FEIT_EFORMAT;
}

/* Does hit h say of its entry what the entry says (gaz_hit_sum)? */
static bool hit_sums_entry(const feit_gazetteer *g, const gaz_hit *h)
{
    gaz_hit sum = *h;
    gaz_hit_sum(&sum, &g->entries[h->entry]);
    return sum.type == h->type && sum.bulk == h->bulk && sum.big_city == h->big_city;
}

int gazetteer_verify(const feit_gazetteer *g, feit_error *err)
{
    gaz_lazy *z = g->lazy;
    if (z) {
        for (uint32_t c = 0; c < z->first_chunk[GT_N]; c++)
            if (!atomic_load_explicit(&z->ready[c], memory_order_acquire))
                gazbin_load(g, c);
        /* the slots and hits, which a run checks only as its probes take them */
        uint64_t bad = 0, first = 0;
        int t = GT_SLOTS;
        for (uint64_t i = 0; i < g->nslots; i++)
            if (g->slots[i].key && !gaz_slot_ok(g, &g->slots[i]) && !bad++)
                first = i;
        for (uint64_t i = 1; i < g->nhits && !bad; i++) /* (hit 0 is unused) */
            if ((!gaz_hit_ok(g, &g->hits[i], i) || !hit_sums_entry(g, &g->hits[i])) && !bad++)
                first = i, t = GT_HITS;
        if (bad) {
            char why[64];
            snprintf(why, sizeof why, "%llu bad references", (unsigned long long)bad);
            pthread_mutex_lock(&z->mu);
            fail_locked(z, why, t, z->first_chunk[t] + (uint32_t)(first >> gaz_chunk_shift[t]));
            pthread_mutex_unlock(&z->mu);
        }
    }
    return gazetteer_status(g, err);
}
