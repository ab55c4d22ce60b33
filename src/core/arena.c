/* arena.c — bump allocation in chained blocks (see arena.h). */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

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
