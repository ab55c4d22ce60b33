/* lexicon.c — a worker's per-word cache (see lexicon.h) and the stage that fills each word
 * token from it. */
#include "entities/lexicon.h"

#include "core/doc.h"
#include "entities/gazetteer.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

_Static_assert(sizeof(lex_entry) == 64, "a lexicon entry is one cache line");

/* Mapped, not allocated: page aligned (an entry per cache line), and zero pages come on first
 * touch, so a worker that sees a few documents does not pay for clearing 4 MiB. */
lexicon *lexicon_new(void)
{
    void *p = mmap(NULL, sizeof(lexicon), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void lexicon_free(lexicon *lx)
{
    if (lx)
        munmap(lx, sizeof *lx);
}

/* The entry of a word, or, where the lexicon cannot hold it (a long word, no lexicon), tmp
 * emptied: the callers fill either the same way. */
static lex_entry *entry(lexicon *lx, const char *fold, size_t len, uint32_t hash, lex_entry *tmp)
{
    lex_entry *e = lx ? lexicon_get(lx, fold, len, hash) : NULL;
    if (e)
        return e;
    *tmp = (lex_entry){0};
    return tmp;
}

static void need_word(lex_entry *e, const feit_gazetteer *g, const char *fold, size_t len, uint32_t hash)
{
    if (!(e->known & LEX_SLOT))
        e->word = gaz_word_of(gazetteer_find(g, fold, len, hash)), e->known |= LEX_SLOT;
}

gaz_word lexicon_word(lexicon *lx, const feit_gazetteer *g, const char *fold, size_t len, uint32_t hash)
{
    lex_entry tmp, *e = entry(lx, fold, len, hash, &tmp);
    need_word(e, g, fold, len, hash);
    return e->word;
}

/* Records are taken from the arena RECORDS at a time. */
#define RECORDS 64
typedef struct pool {
    feit_wordinfo *next;
    size_t left;
} pool;

/* The record of e's word in the document being done (made the first time: tmp, a word the
 * lexicon does not hold, gets one of its own every time), with what e knows; NULL when out of
 * memory. */
static feit_wordinfo *record(feit_doc *d, pool *p, const lexicon *lx, lex_entry *e, const lex_entry *tmp, bool full)
{
    feit_wordinfo *w = e != tmp && e->gen == lx->gen ? e->info : NULL;
    if (!w) {
        if (!p->left) {
            if (!(p->next = arena_alloc(&d->arena, RECORDS * sizeof *p->next)))
                return NULL;
            p->left = RECORDS;
        }
        w = p->next++, p->left--;
        w->full = 0;
        if (e != tmp)
            e->info = w, e->gen = lx->gen;
        w->word = e->word;
    }
    if (full && !w->full)
        w->role = e->role, w->sets = e->sets, w->full = 1;
    return w;
}

int lexicon_doc(feit_doc *d, const feit_gazetteer *g, const lex_hook *hook)
{
    lexicon *lx = d->lex;
    if (lx && !++lx->gen) { /* (after 2^32 documents: no entry may take an old record for new) */
        for (size_t k = 0; k < LEX_SETS_N; k++)
            lx->e[k][0].gen = lx->e[k][1].gen = 0;
        lx->gen = 1;
    }
    pool p = {NULL, 0};
    for (size_t i = 0; i < d->ntoks; i++) {
        feit_token *t = &d->toks[i];
        if (lx && i + 8 < d->ntoks) /* the misses of a cold table overlap */
            lexicon_prefetch(lx, d->toks[i + 8].hash);
        lex_entry tmp, *e = entry(lx, t->fold, t->fold_len, t->hash, &tmp);
        need_word(e, g, t->fold, t->fold_len, t->hash);
        bool word = t->kind == TOK_WORD;
        if (word) {
            if (!(e->known & LEX_ROLE)) {
                bool names_role = false;
                e->role = hook ? hook->role(hook->ctx, t->fold, t->fold_len, &names_role) : NULL;
                e->known |= LEX_ROLE | (names_role ? LEX_ROLEWORD : 0);
            }
            if (!(e->known & (LEX_SETS | LEX_NOSETS)))
                e->known |= hook && hook->sets(hook->ctx, d, i, &e->sets) ? LEX_SETS : LEX_NOSETS;
        }
        if (!(t->info = record(d, &p, lx, e, &tmp, word)))
            return FEIT_ENOMEM;
        t->flags |= TF_SLOT;
        if (word)
            t->flags |= TF_ROLE | ((e->known & LEX_SETS) ? TF_SETS : 0) | ((e->known & LEX_ROLEWORD) ? TF_ROLEWORD : 0);
    }
    return 0;
}
