/* datafile.c — line reading and error places for the text data loaders (see datafile.h). */
#include "core/datafile.h"

#include "core/error.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

int datafile_error(feit_error *err, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    feit_error_vset(err, file, line, col, fmt, ap);
    va_end(ap);
    return FEIT_EFORMAT;
}

int datafile_open(datafile *df, const char *path, feit_error *err)
{
    memset(df, 0, sizeof *df);
    struct stat st;
    if (stat(path, &st)) {
        datafile_error(err, path, 0, 0, "cannot open: %s", strerror(errno));
        return FEIT_EIO;
    }
    if (!S_ISREG(st.st_mode)) { /* a FIFO or a device would block the load or never end */
        datafile_error(err, path, 0, 0, "not a regular file");
        return FEIT_EIO;
    }
    df->f = fopen(path, "r");
    if (!df->f) {
        datafile_error(err, path, 0, 0, "cannot open: %s", strerror(errno));
        return FEIT_EIO;
    }
    return 0;
}

void datafile_close(datafile *df)
{
    if (df->f)
        fclose(df->f);
    free(df->buf);
    memset(df, 0, sizeof *df);
}

int datafile_column(const char *line, size_t off)
{
    int c = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            c++;
    return c;
}

int datafile_getline(FILE *f, char **buf, size_t *cap, size_t max, size_t *len)
{
    size_t n = 0;
    int c = EOF;
    flockfile(f);
    while ((c = getc_unlocked(f)) != EOF) {
        if (n + 2 > *cap) {
            if (n > max) {
                funlockfile(f);
                return *len = n, FEIT_ETOOBIG;
            }
            size_t nc = *cap ? *cap * 2 : 256;
            if (nc > max + 2)
                nc = max + 2;
            char *p = realloc(*buf, nc);
            if (!p) {
                funlockfile(f);
                return *len = n, FEIT_ENOMEM;
            }
            *buf = p, *cap = nc;
        }
        (*buf)[n++] = (char)c;
        if (c == '\n')
            break;
    }
    int err = ferror(f);
    funlockfile(f);
    if (*buf)
        (*buf)[n] = '\0';
    *len = n;
    if (err)
        return FEIT_EIO;
    if (n > max + (n && (*buf)[n - 1] == '\n'))
        return FEIT_ETOOBIG;
    return n > 0;
}

char *datafile_line(datafile *df)
{
    size_t got;
    int rc = datafile_getline(df->f, &df->buf, &df->cap, DATAFILE_MAX_LINE, &got);
    if (rc <= 0) {
        if (rc < 0) { /* not the end of the file: say so */
            df->line++;
            df->bad = 1;
            df->bad_what = rc == FEIT_ETOOBIG ? "line too long" : rc == FEIT_ENOMEM ? "line too long for memory" : "read error";
        }
        return NULL;
    }
    df->line++;
    ssize_t n = (ssize_t)got;
    while (n > 0 && (df->buf[n - 1] == '\n' || df->buf[n - 1] == '\r'))
        df->buf[--n] = '\0';
    /* a NUL byte would cut the line silently (an error would then name a later, innocent
     * place), and invalid UTF-8 would be taken as a word: stop, the caller reports the place */
    size_t len = strlen(df->buf);
    if (len < (size_t)n) {
        df->bad = datafile_column(df->buf, len), df->bad_what = "NUL byte";
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        int k;
        if (utf8_decode(df->buf + i, len - i, &k) == UTF8_INVALID && k == 1) {
            df->bad = datafile_column(df->buf, i), df->bad_what = "invalid UTF-8";
            return NULL;
        }
        i += (size_t)k;
    }
    return df->buf;
}

/* line and column of byte off of text */
static void place(const char *text, size_t off, int *line, int *col)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n')
            (*line)++, start = i + 1;
    *col = 1;
    for (size_t i = start; i < off; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            (*col)++;
}

int datafile_map(const char *path, const char **text, size_t *len, feit_error *err)
{
    static const char empty[1] = "";
    *text = empty, *len = 0;
    datafile df;
    int rc = datafile_open(&df, path, err);
    if (rc)
        return rc;
    struct stat st;
    if (fstat(fileno(df.f), &st)) {
        datafile_close(&df);
        return datafile_error(err, path, 0, 0, "cannot open: %s", strerror(errno));
    }
    size_t n = (size_t)st.st_size;
    char *buf = n ? mmap(NULL, n, PROT_READ, MAP_PRIVATE, fileno(df.f), 0) : (char *)empty;
    datafile_close(&df);
    if (buf == MAP_FAILED)
        return datafile_error(err, path, 0, 0, "cannot map: %s", strerror(errno));
    const char *what = NULL;
    size_t at = 0;
    const char *nul = memchr(buf, 0, n);
    if (nul)
        what = "NUL byte", at = (size_t)(nul - buf);
    for (size_t ls = 0; !what && n > DATAFILE_MAX_LINE && ls < n;) {
        const char *nl = memchr(buf + ls, '\n', n - ls);
        size_t le = nl ? (size_t)(nl - buf) : n;
        if (le - ls > DATAFILE_MAX_LINE)
            what = "line too long", at = ls;
        ls = le + 1;
    }
    for (size_t i = 0; !what && i < n;) {
        /* ASCII eight bytes at a time: most of a list is */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, buf + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if ((unsigned char)buf[i] < 0x80) {
            i++;
            continue;
        }
        int k;
        if (utf8_decode(buf + i, n - i, &k) == UTF8_INVALID && k == 1)
            what = "invalid UTF-8", at = i;
        i += (size_t)k;
    }
    if (what) {
        int line, col;
        place(buf, at, &line, &col);
        datafile_unmap(buf, n);
        return datafile_error(err, path, line, col, "%s", what);
    }
    *text = buf, *len = n;
    return 0;
}

/* The checksum: 16 lanes of 64 bits over 128-byte blocks, lane k taking the 8-byte words k,
 * k + 16, k + 32, ...; a step xors the word into its lane, then twice adds the lane's low half
 * times an even 32-bit constant and swaps the halves. Each of these is a bijection of the lane
 * (the low half is multiplied by the odd 1 + K, the high half gets a sum it can be taken from
 * again), so a change of any one word always changes the sum; the second round spreads a
 * change of the high half, which the first only adds, over the whole lane before the next
 * word, so two changed words of a lane cancel only by chance (test_datafile: every pair of
 * bits in two words of a lane). AVX2 takes a step of four lanes in seven instructions
 * (vpmuludq multiplies the low halves of its lanes), two a word with the loads and the loop,
 * where the four-lane multiply-rotate sum of format 22 took 3.75 (64-bit multiplies, which
 * AVX2 lacks); SSE2 about as many as that one. The bytes after the last block go to the lanes
 * a word at a time, then a byte at a time into lane 0. */
#define SUM_LANES 16
#define SUM_BLOCK (8 * SUM_LANES)
#define SUM_K1 0x9E3779B8u /* (even: 1 + K is odd) */
#define SUM_K2 0x85EBCA76u

static uint64_t sum_step(uint64_t h, uint64_t w)
{
    h ^= w;
    h += (uint64_t)(uint32_t)h * SUM_K1;
    h = h << 32 | h >> 32;
    h += (uint64_t)(uint32_t)h * SUM_K2;
    return h << 32 | h >> 32;
}

/* (one load each: a copy of 32 bytes into an array went through the stack) */
static uint64_t word(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(FEIT_NO_AVX2)
#include <immintrin.h>
#define SUM_X86 1

/* sum_step on two lanes (SSE2, x86-64's base) */
static inline __m128i sum_step2(__m128i h, __m128i w, __m128i k1, __m128i k2)
{
    h = _mm_xor_si128(h, w);
    h = _mm_shuffle_epi32(_mm_add_epi64(h, _mm_mul_epu32(h, k1)), 0xB1);
    return _mm_shuffle_epi32(_mm_add_epi64(h, _mm_mul_epu32(h, k2)), 0xB1);
}

static void sum_blocks_sse2(uint64_t *h, const unsigned char *b, size_t nb)
{
    const __m128i k1 = _mm_set1_epi64x(SUM_K1), k2 = _mm_set1_epi64x(SUM_K2);
    __m128i a[SUM_LANES / 2];
    for (int q = 0; q < SUM_LANES / 2; q++)
        a[q] = _mm_loadu_si128((const __m128i *)(const void *)(h + 2 * q));
    for (size_t i = 0; i < nb; i++, b += SUM_BLOCK)
#pragma GCC unroll 8
        for (int q = 0; q < SUM_LANES / 2; q++)
            a[q] = sum_step2(a[q], _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * q)), k1, k2);
    for (int q = 0; q < SUM_LANES / 2; q++)
        _mm_storeu_si128((__m128i *)(void *)(h + 2 * q), a[q]);
}

/* sum_step on four lanes */
__attribute__((target("avx2"))) static inline __m256i sum_step4(__m256i h, __m256i w, __m256i k1, __m256i k2)
{
    h = _mm256_xor_si256(h, w);
    h = _mm256_shuffle_epi32(_mm256_add_epi64(h, _mm256_mul_epu32(h, k1)), 0xB1);
    return _mm256_shuffle_epi32(_mm256_add_epi64(h, _mm256_mul_epu32(h, k2)), 0xB1);
}

/* (four chains of four lanes: a step's two multiplies are a dependent chain of some 11 cycles) */
__attribute__((target("avx2"), noinline)) static void sum_blocks_avx2(uint64_t *h, const unsigned char *b, size_t nb)
{
    const __m256i k1 = _mm256_set1_epi64x(SUM_K1), k2 = _mm256_set1_epi64x(SUM_K2);
    __m256i a[SUM_LANES / 4];
    for (int q = 0; q < SUM_LANES / 4; q++)
        a[q] = _mm256_loadu_si256((const __m256i *)(const void *)(h + 4 * q));
    for (size_t i = 0; i < nb; i++, b += SUM_BLOCK)
#pragma GCC unroll 4
        for (int q = 0; q < SUM_LANES / 4; q++)
            a[q] = sum_step4(a[q], _mm256_loadu_si256((const __m256i *)(const void *)(b + 32 * q)), k1, k2);
    for (int q = 0; q < SUM_LANES / 4; q++)
        _mm256_storeu_si256((__m256i *)(void *)(h + 4 * q), a[q]);
}
#else
/* The lanes h over nb blocks at b, one word at a time (what the vector forms compute). */
static void sum_blocks(uint64_t *h, const unsigned char *b, size_t nb)
{
    for (size_t i = 0; i < nb; i++, b += SUM_BLOCK)
        for (int k = 0; k < SUM_LANES; k++)
            h[k] = sum_step(h[k], word(b + 8 * k));
}
#endif

uint64_t datafile_sum(uint64_t seed, const void *p, size_t n)
{
    const unsigned char *b = p;
    const uint64_t K = 0x9E3779B97F4A7C15ull;
    uint64_t h[SUM_LANES];
    for (int k = 0; k < SUM_LANES; k++)
        h[k] = seed ^ (0x243F6A8885A308D3ull * (uint64_t)(2 * k + 1));
    size_t nb = n / SUM_BLOCK, i = nb * SUM_BLOCK;
#ifdef SUM_X86
    if (nb >= 2 && __builtin_cpu_supports("avx2"))
        sum_blocks_avx2(h, b, nb);
    else
        sum_blocks_sse2(h, b, nb);
#else
    sum_blocks(h, b, nb);
#endif
    for (int k = 0; i + 8 <= n; i += 8, k++)
        h[k] = sum_step(h[k], word(b + i));
    for (; i < n; i++)
        h[0] = (h[0] ^ b[i]) * 0x100000001B3ull;
    uint64_t r = n;
    for (int k = 0; k < SUM_LANES; k++) {
        r = (r ^ h[k]) * K;
        r ^= r >> 29;
    }
    return r;
}

uint64_t datafile_stat_sum(uint64_t h, const char *path)
{
    struct stat st;
    if (!path || stat(path, &st))
        return datafile_sum(h, "-", 1);
    uint64_t v[3] = {(uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec};
    return datafile_sum(h, v, sizeof v);
}

void datafile_unmap(const char *text, size_t len)
{
    if (len)
        munmap((void *)text, len);
}

bool datafile_blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return !*s || *s == '#';
}

void datafile_path_join(char *out, size_t n, const char *dir, const char *name, int len)
{
    if (name[0] == '/' || !dir[0])
        snprintf(out, n, "%.*s", len, name);
    else
        snprintf(out, n, "%s/%.*s", dir, len, name);
}
