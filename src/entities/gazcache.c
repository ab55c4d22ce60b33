/* gazcache.c — lists read as text, compiled once into a cache keyed by their content
 * (gazcache.h). What it saves: parsing and indexing the lists (about a second for the bundled
 * ones) on every run; what it costs: reading the lists once to hash them. */
#include "entities/gazcache.h"

#include "core/datafile.h"

#include "entities/gazetteer_private.h"
#include "entities/gazfile.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int gazcache_dir(const char *cache_dir, char *buf, size_t cap)
{
    int n;
    if (cache_dir)
        n = cache_dir[0] ? snprintf(buf, cap, "%s", cache_dir) : -1;
    else {
        /* XDG: a relative XDG_CACHE_HOME is invalid and ignored */
        const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
        if (xdg && xdg[0] == '/')
            n = snprintf(buf, cap, "%s/feit", xdg);
        else if (home && home[0] == '/')
            n = snprintf(buf, cap, "%s/.cache/feit", home);
        else
            n = -1;
    }
    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

/* Mixes the bytes of path into h (a whole file, in fixed blocks, so the sum does not depend on
 * how read() splits it); -1 when it cannot be read or is not a regular file (a FIFO would block:
 * gazetteer_load then reports it). */
static int mix_file(uint64_t *h, const char *path, unsigned char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    int rc = 0;
    for (;;) {
        size_t got = 0;
        while (got < cap) {
            ssize_t r = read(fd, buf + got, cap - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                rc = -1;
                break;
            }
            if (r == 0)
                break;
            got += (size_t)r;
        }
        if (rc || !got)
            break;
        *h = datafile_sum(*h, buf, got);
        if (got < cap)
            break;
    }
    close(fd);
    return rc;
}

static uint64_t mix_str(uint64_t h, const char *s) { return datafile_sum(h ^ 0x5bd1e995u, s, strlen(s) + 1); }


/* The key of the lists: the content of every file gazetteer_load reads, in its order, with the
 * file's name; the word list (size, time: it is large and shared), the language data, the format
 * and the build of feit (its file's size and time: a rebuilt feit may index differently).
 * -1 when a list cannot be read (gazetteer_load then reports it). */
static int lists_key(const char *const *dirs, size_t ndirs, const feit_lang *lang, const char *words_file, uint64_t *key)
{
    enum { BLOCK = 1 << 18 };
    unsigned char *buf = malloc(BLOCK);
    if (!buf)
        return -1;
    uint64_t h = mix_str(GAZ_VERSION, FEIT_VERSION);
    Dl_info info;
    if (dladdr((void *)gazcache_load, &info) && info.dli_fname)
        h = datafile_stat_sum(h, info.dli_fname);
    h = datafile_stat_sum(h, words_file);
    uint64_t ls = lang_stamp(lang);
    h = datafile_sum(h, &ls, sizeof ls);
    int rc = 0;
    for (size_t i = 0; i < ndirs && !rc; i++) {
        char **files;
        size_t n;
        if (gazfile_list(dirs[i], ".tsv", &files, &n, NULL)) {
            rc = -1;
            break;
        }
        h = datafile_sum(h, &i, sizeof i);
        for (size_t f = 0; f < n && !rc; f++) {
            const char *base = strrchr(files[f], '/');
            h = mix_str(h, base ? base + 1 : files[f]);
            rc = mix_file(&h, files[f], buf, BLOCK);
        }
        gazfile_free_list(files, n);
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/firstnames.txt", dirs[i]);
        if (!rc && access(path, R_OK) == 0) {
            h = mix_str(h, "firstnames.txt");
            rc = mix_file(&h, path, buf, BLOCK);
        }
    }
    free(buf);
    *key = h;
    return rc;
}

/* Which directories (as absolute paths): names the cache files of one set of lists, so that a
 * new key replaces the old file of the same lists and leaves other lists' files alone. */
static uint64_t dirs_id(const char *const *dirs, size_t ndirs)
{
    uint64_t h = 0;
    for (size_t i = 0; i < ndirs; i++) {
        char real[PATH_MAX];
        h = mix_str(h, realpath(dirs[i], real) ? real : dirs[i]);
    }
    return h;
}

int gazcache_mkdir(const char *dir)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p)
        return -1;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0700) && errno != EEXIST)
                return -1;
            *s = '/';
        }
    if (mkdir(p, 0700) && errno != EEXIST)
        return -1;
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* One compiled cache file of the directory, for trim. */
typedef struct {
    char name[256];
    off_t size;
    time_t used; /* the later of its access and modification times */
} cache_file;

static int by_use(const void *a, const void *b)
{
    const cache_file *x = a, *y = b;
    return (x->used > y->used) - (x->used < y->used);
}

/* Whether name is one of the compiled caches feit writes into the directory. */
static bool is_cache_file(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".bin") && (!strncmp(name, "gaz-", 4) || !strncmp(name, "rules-", 6));
}

/* Removes the least recently used caches of dir (other than keep) while they and keep come to
 * more than GAZCACHE_MAX_BYTES: each file name holds the path of its lists or rule file, so
 * lists and rule files that come and go (a temporary directory per run) would otherwise leave
 * a file each for ever. "Used" is the later of the access and modification times (a mount's
 * relatime updates the access time about once a day; with noatime it is the time written). */
static void trim(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    cache_file *files = NULL;
    size_t n = 0, cap = 0;
    off_t total = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        char p[PATH_MAX];
        if (!is_cache_file(e->d_name) || strlen(e->d_name) >= sizeof files->name ||
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= (int)sizeof p || stat(p, &st) || !S_ISREG(st.st_mode))
            continue;
        total += st.st_size;
        if (!strcmp(e->d_name, keep))
            continue;
        if (n == cap) {
            cache_file *f = realloc(files, (cap = cap ? 2 * cap : 16) * sizeof *files);
            if (!f)
                break;
            files = f;
        }
        snprintf(files[n].name, sizeof files[n].name, "%s", e->d_name);
        files[n].size = st.st_size;
        files[n++].used = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
    }
    closedir(d);
    if (n)
        qsort(files, n, sizeof *files, by_use);
    for (size_t i = 0; i < n && total > GAZCACHE_MAX_BYTES; i++) {
        char p[PATH_MAX];
        if (snprintf(p, sizeof p, "%s/%s", dir, files[i].name) < (int)sizeof p && unlink(p) == 0)
            total -= files[i].size;
    }
    free(files);
}

void gazcache_remove_old(const char *dir, const char *prefix, const char *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t pn = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > pn + 4 && !strncmp(e->d_name, prefix, pn) && !strcmp(e->d_name + n - 4, ".bin") && strcmp(e->d_name, keep)) {
            char p[PATH_MAX];
            if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) < (int)sizeof p)
                unlink(p);
        }
    }
    closedir(d);
    trim(dir, keep);
}

feit_gazetteer *gazcache_load(const char *const *dirs, size_t ndirs, const feit_lang *lang, const char *words_file,
                              const char *cache_dir, gazcache_status *status, feit_error *err)
{
    gazcache_status dummy;
    if (!status)
        status = &dummy;
    *status = GAZCACHE_NONE;
    char dir[PATH_MAX], prefix[64], name[96], path[PATH_MAX + 96];
    uint64_t key;
    if (gazcache_dir(cache_dir, dir, sizeof dir) || lists_key(dirs, ndirs, lang, words_file, &key))
        return gazetteer_load(dirs, ndirs, lang, words_file, err);
    snprintf(prefix, sizeof prefix, "gaz-%016llx-", (unsigned long long)dirs_id(dirs, ndirs));
    snprintf(name, sizeof name, "%s%016llx.bin", prefix, (unsigned long long)key);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    feit_error ignored;
    feit_gazetteer *g = gazetteer_open(path, &key, lang_stamp(lang), &ignored);
    if (g) {
        /* (a chunk found bad later fails the run: the header was sound, so the file was whole
         * when written and has been damaged since; the fix is to drop it) */
        gazbin_set_fix(g, "delete this cache file (the next run rebuilds it from the lists)");
        *status = GAZCACHE_HIT;
        return g;
    }
    if (!(g = gazetteer_load(dirs, ndirs, lang, words_file, err)))
        return NULL;
    /* the index just built is what this run uses; the file is for the next one */
    if (gazcache_mkdir(dir) == 0 && gazetteer_save(g, path, key, lang_stamp(lang), &ignored) == 0) {
        *status = GAZCACHE_BUILT;
        gazcache_remove_old(dir, prefix, name);
    }
    return g;
}
