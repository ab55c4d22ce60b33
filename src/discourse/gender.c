/* gender.c — first names and their gender: the sorted list, mapped and searched where it stands
 * (see gender.h). */
#include "discourse/gender.h"

#include "core/arena.h"
#include "core/datafile.h"
#include "core/error.h"
#include "core/utf8.h"
#include "entities/gazcache.h"

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdint.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 255

struct gender_names {
    const char *text; /* the file, mapped (owned); searched where it stands: it is sorted */
    size_t len;
    size_t first;     /* where the first name's line starts (after the header) */
    size_t count_m, count_f;
    /* a sparse index of the sorted lines: the first name line at or after every BLOCK bytes
     * (lookup searches these, then the few lines of one block) */
    uint32_t *blocks;
    size_t nblocks;
};

#define BLOCK 128

void gender_free(gender_names *g)
{
    if (!g)
        return;
    datafile_unmap(g->text, g->len);
    free(g->blocks);
    free(g);
}

/* bytewise order of a[0..an) and b[0..bn) */
static int cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

/* Is line s[0..n) blank or a comment? */
static bool blank(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    return i == n || s[i] == '#';
}

/* Checks line text[0..n): "name<TAB>m|f", the name folded and after the one before
 * (prev[0..prevn), NULL for the first). Sets *name_len. Written for speed: 35,000 lines at
 * start-up. */
static int check_line(gender_names *g, const char *path, int line, const char *text, size_t n, const char *prev, size_t prevn,
                      size_t *name_len, feit_error *err)
{
    /* (no copy of the line for the messages: a snprintf per line was most of start-up) */
    unsigned char high = 0;
    bool upper = false, space = false;
    size_t nl = 0;
    for (; nl < n && text[nl] != '\t'; nl++) {
        unsigned char c = (unsigned char)text[nl];
        high |= c, upper |= (unsigned)(c - 'A') < 26u, space |= c == ' ';
    }
    if (nl == n || nl == 0)
        return datafile_error(err, path, line, 1, "expected 'name<TAB>m|f'");
    size_t gi = nl + 1, ri = gi + 1;
    if (gi >= n || (text[gi] != 'm' && text[gi] != 'f') || (ri < n && text[ri] != ' ' && text[ri] != '\t' && text[ri] != '\r'))
        return datafile_error(err, path, line, datafile_column(text, gi), "expected the gender m or f after the tab");
    while (ri < n && (text[ri] == ' ' || text[ri] == '\t' || text[ri] == '\r'))
        ri++;
    if (ri < n && text[ri] != '#')
        return datafile_error(err, path, line, datafile_column(text, ri), "unexpected text after the gender: '%.*s'",
                              (int)(n - ri < 500 ? n - ri : 500), text + ri);
    if (nl > NAME_MAX_BYTES)
        return datafile_error(err, path, line, 1, "name longer than %d bytes", NAME_MAX_BYTES);
    if (space)
        return datafile_error(err, path, line, datafile_column(text, (size_t)((const char *)memchr(text, ' ', nl) - text)),
                              "a first name is one word (no blanks)");
    if (upper || (high & 0x80)) {
        /* folded: no capital (the generator writes names folded and NFC) */
        for (size_t i = 0; i < nl;) {
            int k;
            int32_t c = utf8_decode(text + i, nl - i, &k);
            if (c < 0x80 ? (c >= 'A' && c <= 'Z') : c < 0x100 ? (c >= 0xC0 && c <= 0xDE && c != 0xD7) : utf8_is_upper(c))
                return datafile_error(err, path, line, datafile_column(text, i), "write the name folded (lower case): '%.*s'", (int)nl, text);
            i += (size_t)k;
        }
    }
    if (prev) {
        int c = cmp(prev, prevn, text, nl);
        if (c == 0)
            return datafile_error(err, path, line, 1, "'%.*s' is listed twice", (int)nl, text);
        if (c > 0)
            return datafile_error(err, path, line, 1, "'%.*s' is out of order (the list is sorted by bytes, as `LC_ALL=C sort`): after '%.*s'",
                                  (int)nl, text, (int)prevn, prev);
    }
    *name_len = nl;
    if (text[gi] == 'm')
        g->count_m++;
    else
        g->count_f++;
    return 0;
}

/* A byte of a name the one-pass check takes as it is: printable ASCII but capitals and '#'
 * (those, blanks, tabs and other letters go the general way, which says what is wrong). */
static inline bool name_byte(unsigned char c)
{
    return c > ' ' && c < 0x7f && c != '#' && (c < 'A' || c > 'Z');
}

/* The stamp of a list checked sound (gender_load_cached). */
typedef struct gender_stamp {
    char magic[8];
    uint64_t key, len, first, count_m, count_f, sum;
} gender_stamp;

#define STAMP_MAGIC "FEITGEN"

static uint64_t stamp_sum(const gender_stamp *s) { return datafile_sum(s->key, s, offsetof(gender_stamp, sum)); }

/* The key of the mapped list text[0..len). */
static uint64_t stamp_key(const char *text, size_t len)
{
    uint64_t h = datafile_sum(1, FEIT_VERSION, sizeof FEIT_VERSION);
    Dl_info info;
    struct stat st;
    if (dladdr((void *)gender_load_cached, &info) && info.dli_fname && !stat(info.dli_fname, &st)) {
        uint64_t v[3] = {(uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec};
        h = datafile_sum(h, v, sizeof v);
    }
    return datafile_sum(h, text, len);
}

/* Maps path into g and checks every line (check: 1) or takes the stamp's word for it. */
static int load_into(gender_names *g, const char *path, const char *stamp_path, bool check, feit_error *err);

gender_names *gender_load(const char *path, feit_error *err)
{
    memset(err, 0, sizeof *err);
    gender_names *g = calloc(1, sizeof *g);
    if (!g) {
        feit_error_set(err, path, 0, 0, "out of memory");
        return NULL;
    }
    if (load_into(g, path, NULL, true, err)) {
        gender_free(g);
        return NULL;
    }
    return g;
}

gender_names *gender_load_cached(const char *path, const char *cache_dir, feit_error *err)
{
    char dir[PATH_MAX], stamp[PATH_MAX + 96], real[PATH_MAX];
    if (gazcache_dir(cache_dir, dir, sizeof dir))
        return gender_load(path, err);
    memset(err, 0, sizeof *err);
    gender_names *g = calloc(1, sizeof *g);
    if (!g) {
        feit_error_set(err, path, 0, 0, "out of memory");
        return NULL;
    }
    const char *rp = realpath(path, real) ? real : path;
    snprintf(stamp, sizeof stamp, "%s/genders-%016llx", dir, (unsigned long long)datafile_sum(0, rp, strlen(rp)));
    if (load_into(g, path, stamp, false, err)) {
        gender_free(g);
        return NULL;
    }
    return g;
}

/* The stamp at prefix-<key>.ok, when it is sound and of this list: fills g's counts. */
static bool read_stamp(gender_names *g, const char *prefix, uint64_t key)
{
    char p[PATH_MAX + 128];
    snprintf(p, sizeof p, "%s-%016llx.ok", prefix, (unsigned long long)key);
    int fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    gender_stamp s;
    ssize_t n = read(fd, &s, sizeof s);
    close(fd);
    if (n != (ssize_t)sizeof s || memcmp(s.magic, STAMP_MAGIC, sizeof s.magic) || s.key != key || s.len != g->len ||
        s.first > g->len || s.sum != stamp_sum(&s))
        return false;
    g->first = (size_t)s.first, g->count_m = (size_t)s.count_m, g->count_f = (size_t)s.count_f;
    return true;
}

/* Writes the stamp of the checked list g (a temporary renamed into place) and removes the
 * stamps of the list's older contents; nothing when the directory cannot be written. */
static void write_stamp(const gender_names *g, const char *prefix, uint64_t key)
{
    char dir[PATH_MAX], p[PATH_MAX + 128], tmp[PATH_MAX + 192];
    snprintf(dir, sizeof dir, "%s", prefix);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return;
    *slash = '\0';
    if (gazcache_mkdir(dir))
        return;
    snprintf(p, sizeof p, "%s-%016llx.ok", prefix, (unsigned long long)key);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", p, (long)getpid());
    gender_stamp s = {STAMP_MAGIC, key, g->len, g->first, g->count_m, g->count_f, 0};
    s.sum = stamp_sum(&s);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    bool ok = write(fd, &s, sizeof s) == (ssize_t)sizeof s;
    ok = !close(fd) && ok;
    if (!ok || rename(tmp, p)) {
        unlink(tmp);
        return;
    }
    /* older stamps of the same list */
    DIR *d = opendir(dir);
    if (!d)
        return;
    const char *base = strrchr(prefix, '/') + 1, *keep = strrchr(p, '/') + 1;
    size_t bn = strlen(base);
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, base, bn) && e->d_name[bn] == '-' && strcmp(e->d_name, keep) && strlen(e->d_name) == strlen(keep)) {
            char old[PATH_MAX + 128];
            if (snprintf(old, sizeof old, "%s/%s", dir, e->d_name) < (int)sizeof old)
                unlink(old);
        }
    closedir(d);
}

static size_t next_line(const gender_names *g, size_t s);

/* The sparse index (g->blocks) of the loaded, checked list: one name line per BLOCK bytes,
 * found with one memchr each (a few hundred at start-up, not one per line). */
static int index_blocks(gender_names *g, const char *path, feit_error *err)
{
    if (g->len > UINT32_MAX)
        return datafile_error(err, path, 0, 0, "the list is larger than 4 GB");
    g->blocks = malloc(((g->len - g->first) / BLOCK + 2) * sizeof *g->blocks);
    if (!g->blocks)
        return datafile_error(err, path, 0, 0, "out of memory");
    size_t at = g->first;
    for (;;) {
        while (at < g->len && blank(g->text + at, next_line(g, at) - at))
            at = next_line(g, at); /* a comment or a blank line: the name after it */
        if (at >= g->len)
            break;
        g->blocks[g->nblocks++] = (uint32_t)at;
        at += BLOCK; /* the line start at or after it */
        if (at >= g->len)
            break;
        if (g->text[at - 1] != '\n')
            at = next_line(g, at);
    }
    return 0;
}

static int load_into(gender_names *g, const char *path, const char *stamp_path, bool check, feit_error *err)
{
    /* 35,000 lines at start-up: mapped (datafile_line costs a microsecond a line) and searched
     * where they stand, sorted (building an index costs as much again) */
    int rc = datafile_map(path, &g->text, &g->len, err);
    if (rc)
        return rc;
    uint64_t key = 0;
    if (!check) {
        key = stamp_key(g->text, g->len);
        if (read_stamp(g, stamp_path, key))
            return index_blocks(g, path, err);
    }
    const char *t = g->text, *end = t + g->len;
    const char *prev = NULL;
    size_t prevn = 0;
    g->first = g->len;
    for (int line = 1; !rc && t < end; line++) {
        /* the usual line, "name<TAB>m|f\n" with a folded ASCII name after the one before, in
         * one pass; anything else (comments, blanks, capitals, other letters, errors) the
         * general way below */
        size_t k = 0, room = (size_t)(end - t);
        while (k < room && name_byte((unsigned char)t[k]))
            k++;
        if (k > 0 && k <= NAME_MAX_BYTES && k + 3 <= room && t[k] == '\t' && (t[k + 1] == 'm' || t[k + 1] == 'f') &&
            t[k + 2] == '\n' && prev) {
            size_t j = 0, m = k < prevn ? k : prevn;
            while (j < m && t[j] == prev[j])
                j++;
            if (j < m ? (unsigned char)prev[j] < (unsigned char)t[j] : prevn < k) {
                if (t[k + 1] == 'm')
                    g->count_m++;
                else
                    g->count_f++;
                prev = t, prevn = k;
                t += k + 3;
                continue;
            }
        }
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        size_t n = (size_t)((nl ? nl : end) - t);
        if (!blank(t, n)) {
            rc = check_line(g, path, line, t, n, prev, prevn, &prevn, err);
            if (!prev)
                g->first = (size_t)(t - g->text);
            prev = t;
        }
        t = nl ? nl + 1 : end;
    }
    if (!rc && !check)
        write_stamp(g, stamp_path, key);
    return rc ? rc : index_blocks(g, path, err);
}

size_t gender_count(const gender_names *g, char gender) { return gender == 'm' ? g->count_m : gender == 'f' ? g->count_f : 0; }

/* The start of the line after the one at s (g->len at the end). */
static size_t next_line(const gender_names *g, size_t s)
{
    const char *nl = memchr(g->text + s, '\n', g->len - s);
    return nl ? (size_t)(nl - g->text) + 1 : g->len;
}

/* Compares key[0..kn) with the name of the line at s (its bytes up to the tab; every checked
 * name line has one) in bytewise order, as cmp; *gender: the line's gender. Inline: names are a
 * few bytes, and a library call per line was most of a lookup. */
static int cmp_line(const gender_names *g, size_t s, const char *key, size_t kn, char *gender)
{
    const unsigned char *t = (const unsigned char *)g->text + s, *end = (const unsigned char *)g->text + g->len;
    size_t i = 0;
    while (i < kn && t + i < end && t[i] != '\t' && t[i] == (unsigned char)key[i])
        i++;
    bool name_ends = t + i >= end || t[i] == '\t';
    if (i < kn)
        return name_ends || (unsigned char)key[i] > t[i] ? 1 : -1;
    if (!name_ends)
        return -1; /* key is a prefix of the name */
    *gender = t + i + 1 < end ? (char)t[i + 1] : 0;
    return 0;
}

/* Is the line at s a blank or comment line? A name line starts with none of these bytes
 * (check_line: one word, not a comment). */
static bool blank_at(const gender_names *g, size_t s)
{
    char c = g->text[s];
    return c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '#';
}

/* The start of the line after the one at s, by a scan (lines are short). */
static size_t after(const gender_names *g, size_t s)
{
    while (s < g->len && g->text[s++] != '\n')
        ;
    return s;
}

/* The gender of key[0..kn) in the sorted list: a binary search of the blocks' first names for
 * the block that would hold it, then its lines in order (blank and comment lines stepped
 * over). */
static char lookup(const gender_names *g, const char *key, size_t kn)
{
    size_t lo = 0, hi = g->nblocks;
    char gender = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_line(g, g->blocks[mid], key, kn, &gender);
        if (!c)
            return gender;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (!lo)
        return 0; /* before the first name */
    size_t end = lo < g->nblocks ? g->blocks[lo] : g->len;
    for (size_t s = after(g, g->blocks[lo - 1]); s < end; s = after(g, s)) {
        if (blank_at(g, s))
            continue;
        int c = cmp_line(g, s, key, kn, &gender);
        if (!c)
            return gender;
        if (c < 0)
            break;
    }
    return 0;
}

char gender_of_name(const gender_names *g, const char *s, size_t n)
{
    if (!g || !n || n > NAME_MAX_BYTES)
        return 0;
    /* fold on the stack; a name with other letters than ASCII through utf8_fold (its arena
     * gets one block, used once) */
    char buf[NAME_MAX_BYTES + 1];
    size_t i;
    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
        buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    if (i == n)
        return lookup(g, buf, n);
    feit_arena a;
    arena_init(&a);
    uint32_t fl;
    const char *fold = utf8_fold(&a, s, n, &fl);
    char r = fold ? lookup(g, fold, fl) : 0;
    arena_free(&a);
    if (!r) {
        /* the list writes a name with the accents of its usual spelling ("élodie") or none
         * ("elisabeth" for Élisabeth): without its marks, the name is asked once more */
        utf8proc_uint8_t *plain = NULL;
        utf8proc_ssize_t pl = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &plain,
                                           UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
        if (pl > 0 && (size_t)pl <= NAME_MAX_BYTES)
            r = lookup(g, (const char *)plain, (size_t)pl);
        free(plain);
    }
    return r;
}

char gender_of_person(const gender_names *g, const char *full)
{
    if (!g || !full)
        return 0;
    size_t n = strcspn(full, " ");
    if (!full[n])
        return 0; /* one word: perhaps a surname */
    char r = gender_of_name(g, full, n);
    if (!r) {
        const char *hy = memchr(full, '-', n);
        if (hy && hy > full)
            r = gender_of_name(g, full, (size_t)(hy - full));
    }
    return r;
}
