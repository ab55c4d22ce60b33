/*
 * failmalloc.c — an LD_PRELOAD shim for tests/sh/robust-oom.sh: every allocation of
 * FEIT_FAIL_MALLOC_ABOVE bytes or more fails (NULL, errno ENOMEM), except the first
 * FEIT_FAIL_MALLOC_SKIP of them; smaller ones go to glibc. A deterministic stand-in for running
 * out of memory on one big document (the reader's line buffer may grow, the copy of the text
 * may not).
 */
#include <errno.h>
#include <stdlib.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t k);
void *__libc_realloc(void *p, size_t n);

/* Does an allocation of n bytes fail? (Threads may race on the count: the tests that use a
 * skip count make the big allocations on one thread.) */
static int fails(size_t n)
{
    static size_t lim, skip;
    if (!lim) {
        const char *s = getenv("FEIT_FAIL_MALLOC_ABOVE"), *k = getenv("FEIT_FAIL_MALLOC_SKIP");
        lim = s && *s ? (size_t)strtoull(s, NULL, 10) : (size_t)-1;
        skip = k && *k ? (size_t)strtoull(k, NULL, 10) : 0;
    }
    if (n < lim)
        return 0;
    if (skip) {
        skip--;
        return 0;
    }
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t n) { return fails(n) ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t k) { return k && n > (size_t)-1 / k ? NULL : fails(n * k) ? NULL : __libc_calloc(n, k); }
void *realloc(void *p, size_t n) { return fails(n) ? NULL : __libc_realloc(p, n); }
