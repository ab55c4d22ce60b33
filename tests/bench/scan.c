/* scan: the floor of a gazetteer pass, for make bench (issue 17). It reads the names of the
 * gazetteers' text lists (canonical names and their alias=, adj= and inh= forms, one table of
 * their words) and then scans a file once: splits it into words, folds ASCII letters to lower
 * case, hashes each word and looks it up. Nothing else: no tokens kept, no sentences, no spans,
 * no output but two counts. What feit does on top of this (tokens with their folds and
 * flags, sentences, spans of several words, people, coreference, relations) is what the bench
 * line "vs scan" weighs.
 *
 *   scan GAZDIR FILE    prints "words N, in the lists M, scanned in S s" (S: the scan's own
 *                       wall time, the lists' loading left out, as feit's start-up is)
 *
 * A word is a run of ASCII letters and digits and of bytes >= 0x80 (UTF-8 letters are
 * not told from UTF-8 punctuation: as cheap as the scan can be). Only ASCII bytes are folded,
 * which never touches a byte of a multi-byte character. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Open addressing, linear probing; a slot holds the word's hash and where its bytes are. */
typedef struct {
    uint64_t hash; /* 0: empty */
    uint32_t at, len; /* the word's bytes: words[at, at + len) */
} slot;

typedef struct {
    slot *slots;
    size_t mask, n;
    unsigned shift; /* 64 - log2 of the slots */
    char *words;
    size_t nwords, cwords;
} table;

static unsigned char word_byte[256]; /* 0: not a word byte; else the byte folded */

static void init_bytes(void)
{
    for (int b = 0; b < 256; b++) {
        if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b >= 0x80)
            word_byte[b] = (unsigned char)b;
        else if (b >= 'A' && b <= 'Z')
            word_byte[b] = (unsigned char)(b - 'A' + 'a');
    }
}

/* FNV-1a, 64 bits; never 0 (the empty slot's mark) */
static inline uint64_t hash_step(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ull; }
#define HASH_INIT 0xcbf29ce484222325ull

/* The first slot of h: the high bits of a Fibonacci product (FNV's low bits depend on the low
 * bits of the bytes only, and clustered in a first version: probes of tens of slots). */
static inline size_t first_slot(uint64_t h, unsigned shift) { return (size_t)((h * 0x9e3779b97f4a7c15ull) >> shift); }

static int table_grow(table *t)
{
    size_t cap = t->slots ? (t->mask + 1) * 2 : 1 << 16;
    unsigned shift = t->slots ? t->shift - 1 : 48;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; t->slots && i <= t->mask; i++) {
        if (!t->slots[i].hash)
            continue;
        size_t k = first_slot(t->slots[i].hash, shift);
        while (s[k].hash)
            k = (k + 1) & (cap - 1);
        s[k] = t->slots[i];
    }
    free(t->slots);
    t->slots = s, t->mask = cap - 1, t->shift = shift;
    return 0;
}

static inline const slot *table_find(const table *t, uint64_t h, const char *w, size_t len)
{
    for (size_t k = first_slot(h, t->shift);; k = (k + 1) & t->mask) {
        const slot *s = &t->slots[k];
        if (!s->hash)
            return NULL;
        if (s->hash == h && s->len == len && memcmp(t->words + s->at, w, len) == 0)
            return s;
    }
}

/* Adds the folded word w (len bytes) unless it is there. */
static int table_add(table *t, const char *w, size_t len)
{
    uint64_t h = HASH_INIT;
    for (size_t i = 0; i < len; i++)
        h = hash_step(h, (unsigned char)w[i]);
    h += !h;
    if (table_find(t, h, w, len))
        return 0;
    if ((t->n + 1) * 2 > t->mask + 1 && table_grow(t))
        return -1;
    if (t->nwords + len > t->cwords) {
        size_t c = t->cwords ? t->cwords * 2 : 1 << 20;
        while (c < t->nwords + len)
            c *= 2;
        char *p = realloc(t->words, c);
        if (!p)
            return -1;
        t->words = p, t->cwords = c;
    }
    memcpy(t->words + t->nwords, w, len);
    size_t k = first_slot(h, t->shift);
    while (t->slots[k].hash)
        k = (k + 1) & t->mask;
    t->slots[k] = (slot){h, (uint32_t)t->nwords, (uint32_t)len};
    t->nwords += len, t->n++;
    return 0;
}

/* Adds every word of the name [p, end). */
static int add_name(table *t, const char *p, const char *end)
{
    char w[256];
    size_t n = 0;
    for (; p <= end; p++) {
        unsigned char c = p < end ? word_byte[(unsigned char)*p] : 0;
        if (c && n < sizeof w) {
            w[n++] = (char)c;
        } else if (!c && n) {
            if (table_add(t, w, n))
                return -1;
            n = 0;
        }
    }
    return 0;
}

/* The names of one list line: its first field, and the '|'-separated values of alias=, adj=
 * and inh= (gazetteers/README.md). */
static int add_line(table *t, char *line)
{
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
        return 0;
    char *save = NULL;
    int first = 1;
    for (char *f = strtok_r(line, "\t\n", &save); f; f = strtok_r(NULL, "\t\n", &save), first = 0) {
        const char *v = NULL;
        if (first)
            v = f;
        else if (!strncmp(f, "alias=", 6) || !strncmp(f, "adj=", 4) || !strncmp(f, "inh=", 4))
            v = strchr(f, '=') + 1;
        if (v && add_name(t, v, v + strlen(v)))
            return -1;
    }
    return 0;
}

static int load_lists(table *t, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "scan: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    char path[4096], *line = NULL;
    size_t cap = 0;
    while (!rc && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".tsv"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) {
            fprintf(stderr, "scan: %s: %s\n", path, strerror(errno));
            rc = -1;
            break;
        }
        while (!rc && getline(&line, &cap, f) >= 0)
            rc = add_line(t, line);
        fclose(f);
    }
    free(line);
    closedir(d);
    if (!rc && !t->n) {
        fprintf(stderr, "scan: %s: no names in its *.tsv lists\n", dir);
        rc = -1;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: scan GAZDIR FILE\n");
        return 2;
    }
    init_bytes();
    table t = {0};
    if (table_grow(&t) || load_lists(&t, argv[1]))
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int fd = open(argv[2], O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "scan: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    enum { CHUNK = 1 << 20 };
    static char buf[CHUNK]; /* (a word cut by the chunk's end goes on in w and h) */
    char w[256];
    size_t n = 0; /* bytes of the word so far (a longer word is cut: never a name) */
    uint64_t h = HASH_INIT, words = 0, found = 0;
    ssize_t got;
    while ((got = read(fd, buf, CHUNK)) > 0) {
        for (ssize_t i = 0; i < got; i++) {
            unsigned char c = word_byte[(unsigned char)buf[i]];
            if (c) {
                if (n < sizeof w)
                    w[n] = (char)c;
                n++;
                h = hash_step(h, c);
            } else if (n) {
                h += !h;
                words++;
                found += n <= sizeof w && table_find(&t, h, w, n) != NULL;
                n = 0, h = HASH_INIT;
            }
        }
    }
    if (got < 0) {
        fprintf(stderr, "scan: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    if (n) {
        h += !h;
        words++;
        found += n <= sizeof w && table_find(&t, h, w, n) != NULL;
    }
    close(fd);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("words %llu, in the lists %llu, scanned in %.3f s\n", (unsigned long long)words, (unsigned long long)found,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    free(t.slots), free(t.words);
    return 0;
}
