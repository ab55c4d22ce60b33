/*
 * arena.h — a bump allocator for per-document scratch: everything a document needs is freed
 * at once by arena_reset, which keeps the first block so steady-state processing allocates
 * nothing.
 */
#ifndef FEIT_ARENA_H
#define FEIT_ARENA_H

#include <stddef.h>

typedef struct feit_arena_block feit_arena_block;
typedef struct feit_arena {
    feit_arena_block *head; /* owned chain; head is the block being filled */
    size_t used;            /* bytes used in head */
} feit_arena;

void arena_init(feit_arena *a);
void *arena_alloc(feit_arena *a, size_t n);                 /* 8-aligned; NULL when out of memory */
char *arena_strndup(feit_arena *a, const char *s, size_t n); /* NUL-terminated copy */
void arena_reset(feit_arena *a);                             /* frees all but the first block */
void arena_free(feit_arena *a);

/* A stage's scratch block that the worker keeps from one document to the next (a malloc and a
 * free fewer a document) while it is at most SCRATCH_KEEP bytes: scratch_fit makes *block hold
 * at least size bytes (its contents are not kept) and returns it, NULL when out of memory (then
 * the block is empty); scratch_end, at the stage's end, gives a long document's block back so
 * that the later stages of that document do not hold it. */
#define SCRATCH_KEEP (256 * 1024)
void *scratch_fit(void **block, size_t *cap, size_t size);
void scratch_end(void **block, size_t *cap);

#endif
