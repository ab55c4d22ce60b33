/* lexicon.c — a worker's per-word cache (see lexicon.h). */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(lex_entry) == 64, "a lexicon entry is one cache line");

lexicon *lexicon_new(void)
{
    lexicon *lx = aligned_alloc(64, sizeof(lexicon)); /* an entry per cache line */
    if (lx)
        memset(lx, 0, sizeof *lx);
    return lx;
}

void lexicon_free(lexicon *lx) { free(lx); }
