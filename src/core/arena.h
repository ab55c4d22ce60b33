/*
 * arena.h — a bump allocator for per-document scratch: everything a document needs is freed
 * at once by arena_reset, which keeps the first block so steady-state processing allocates
 * nothing.
 */
#ifndef FEIT_ARENA_H
#define FEIT_ARENA_H

#include <stdbool.h>
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

/* A worker's block for its tables read at random, a slot at a time, across documents (the
 * mention memo, the matcher's pair memo, the discourse tables of people): 2 MiB mapped on a
 * 2 MiB boundary with MADV_HUGEPAGE, so that all of them sit in one huge page, one TLB entry,
 * where in 4 KiB pages most of those reads were a page walk before the line (perf, round 13b:
 * the mention memo). Without transparent huge pages madvise fails and the block is 512 pages.
 * huge_alloc gives the next n bytes of the block, zeroed and 64-byte aligned (a slot of 64 bytes
 * is one line), or NULL when the block is full or unmapped: the caller then uses malloc. What it
 * gives is the block's: huge_holds tells a caller's free which of its tables to leave alone;
 * huge_free unmaps it all. Zeroed is an unmapped block, which holds nothing. */
#define HUGE_BLOCK ((size_t)2 << 20)
typedef struct feit_huge {
    unsigned char *base; /* owned; NULL: unmapped */
    size_t used;         /* bytes given out */
} feit_huge;

/* size bytes (rounded up to 4 KiB pages) of fresh, zeroed memory on a 2 MiB boundary, its
 * whole 2 MiB blocks advised as huge pages; NULL when it cannot be mapped. munmap with the
 * rounded size frees it. (The lexicon's table and feit_huge's block.) */
void *huge_map(size_t size);
int huge_init(feit_huge *h); /* 0, or FEIT_ENOMEM (h is then unmapped) */
void *huge_alloc(feit_huge *h, size_t n);
bool huge_holds(const feit_huge *h, const void *p);
void huge_free(feit_huge *h);

/* A worker's table of n bytes, zeroed and 64-byte aligned: from h's block while it has room
 * (h NULL: no block), else from aligned_alloc; NULL when neither has it. huge_table_free(h, p)
 * frees such a table unless h's block holds it (p NULL: nothing). */
void *huge_table(feit_huge *h, size_t n);
void huge_table_free(const feit_huge *h, void *p);

#endif
