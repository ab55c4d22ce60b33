/* arena.c — bump allocation in chained blocks (see arena.h). */
#include "core/arena.h"

#include "core/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_BLOCK (64 * 1024)

struct feit_arena_block {
    feit_arena_block *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

void arena_init(feit_arena *a) { a->head = NULL, a->used = 0; }

void *arena_alloc(feit_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!a->head || a->used + n > a->head->size) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        feit_arena_block *b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->size = size;
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

char *arena_strndup(feit_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void arena_reset(feit_arena *a)
{
    if (!a->head)
        return;
    /* keep the oldest block (the tail of the chain): it is the steady-state one */
    feit_arena_block *b = a->head;
    while (b->next) {
        feit_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = b;
    a->used = 0;
}

void arena_free(feit_arena *a)
{
    feit_arena_block *b = a->head;
    while (b) {
        feit_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}

void *scratch_fit(void **block, size_t *cap, size_t size)
{
    if (size > *cap) {
        free(*block);
        *cap = 0;
        if (!(*block = malloc(size)))
            return NULL;
        *cap = size;
    }
    return *block;
}

void scratch_end(void **block, size_t *cap)
{
    if (*cap > SCRATCH_KEEP) {
        free(*block);
        *block = NULL;
        *cap = 0;
    }
}

void *huge_map(size_t size)
{
    size_t used = (size + 4095) & ~(size_t)4095, span = used + HUGE_BLOCK;
    unsigned char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    /* keep the 2 MiB-aligned part of the span, its size rounded to pages */
    unsigned char *a = (unsigned char *)(((uintptr_t)p + HUGE_BLOCK - 1) & ~(uintptr_t)(HUGE_BLOCK - 1));
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (p + span > a + used)
        munmap(a + used, (size_t)(p + span - (a + used)));
#ifdef MADV_HUGEPAGE
    if (used >= HUGE_BLOCK)
        madvise(a, used & ~(HUGE_BLOCK - 1), MADV_HUGEPAGE); /* (advice only: 4 KiB pages if refused) */
#endif
    return a;
}

int huge_init(feit_huge *h)
{
    *h = (feit_huge){0};
    if (!(h->base = huge_map(HUGE_BLOCK)))
        return FEIT_ENOMEM;
    return 0;
}

void *huge_alloc(feit_huge *h, size_t n)
{
    n = (n + 63) & ~(size_t)63;
    if (!h->base || n > HUGE_BLOCK - h->used)
        return NULL;
    void *p = h->base + h->used; /* (a fresh anonymous mapping: zeroed) */
    h->used += n;
    return p;
}

bool huge_holds(const feit_huge *h, const void *p)
{
    uintptr_t b = (uintptr_t)h->base, q = (uintptr_t)p;
    return h->base && q >= b && q - b < HUGE_BLOCK;
}

void *huge_table(feit_huge *h, size_t n)
{
    void *p = h ? huge_alloc(h, n) : NULL;
    if (!p && (p = aligned_alloc(64, (n + 63) & ~(size_t)63)))
        memset(p, 0, n);
    return p;
}

void huge_table_free(const feit_huge *h, void *p)
{
    if (!h || !huge_holds(h, p))
        free(p);
}

void huge_free(feit_huge *h)
{
    if (h->base)
        munmap(h->base, HUGE_BLOCK);
    *h = (feit_huge){0};
}
