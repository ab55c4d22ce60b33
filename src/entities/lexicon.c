/* lexicon.c — a worker's per-word cache (see lexicon.h) and the stage that fills each word
 * token from it. */
#include "entities/lexicon.h"

#include "core/doc.h"
#include "core/lang.h"
#include "entities/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

_Static_assert(sizeof(lex_entry) == 64, "a lexicon entry is one cache line");

/* Mapped, not allocated: aligned (an entry per cache line), and zero pages come on first touch.
 * The table is probed at random, one set per token: in 4 KiB pages that is a TLB miss on most
 * probes of a cold word and a page fault (a read, then the copy of the zero page on the first
 * write) on each of its 1025 pages, so it asks for huge pages, on a 2 MiB boundary: two faults
 * and two TLB entries. (Without transparent huge pages madvise fails and changes nothing.) */
#define LEX_HUGE ((size_t)2 << 20)

lexicon *lexicon_new(void)
{
    size_t size = sizeof(lexicon), span = size + LEX_HUGE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    /* keep the 2 MiB-aligned part; the page-rounded size is what lexicon_free unmaps */
    char *a = (char *)(((uintptr_t)p + LEX_HUGE - 1) & ~(uintptr_t)(LEX_HUGE - 1));
    size_t used = (size + 4095) & ~(size_t)4095;
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (p + span > a + used)
        munmap(a + used, (size_t)(p + span - (a + used)));
#ifdef MADV_HUGEPAGE
    madvise(a, size & ~(LEX_HUGE - 1), MADV_HUGEPAGE);
#endif
    return (lexicon *)a;
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
    if (!(e->known & LEX_SLOT)) {
        e->word = gaz_word_of(gazetteer_find(g, fold, len, hash)), e->known |= LEX_SLOT;
        unsigned f = gazetteer_may_follow(g, hash);
        e->word.follows = (f & GAZ_FOLLOWS) != 0, e->word.follows_lower = (f & GAZ_FOLLOWS_LOWER) != 0;
    }
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

/* The record of e's word (token t) in the document being done (made the first time: tmp, a
 * word the lexicon does not hold, gets one of its own every time), with what e knows and what
 * the language's lists say of the word; NULL when out of memory. */
static feit_wordinfo *record(feit_doc *d, pool *p, const lexicon *lx, lex_entry *e, const lex_entry *tmp, const feit_token *t,
                             bool full)
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
        /* most words are in no list: the lexicon remembers that of a word, not to ask again */
        if (!d->lang || (e != tmp && (e->known & LEX_NOLANG)))
            w->lang = 0;
        else if (!(w->lang = lang_word_bits(d->lang, t->fold, t->fold_len, t->hash)) && e != tmp)
            e->known |= LEX_NOLANG;
    }
    if (full && !w->full) {
        w->role = e->role, w->sets = e->sets, w->full = 1;
        w->word_flags = (uint16_t)(TF_SLOT | TF_ROLE | ((e->known & LEX_SETS) ? TF_SETS : 0) | ((e->known & LEX_ROLEWORD) ? TF_ROLEWORD : 0));
    }
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
    if (lx && lx->lang != d->lang) {
        if (lx->lang) /* LEX_NOLANG spoke of another language (a new lexicon has none to clear) */
            for (size_t k = 0; k < LEX_SETS_N; k++)
                lx->e[k][0].known &= (uint8_t)~LEX_NOLANG, lx->e[k][1].known &= (uint8_t)~LEX_NOLANG;
        lx->lang = d->lang;
    }
    pool p = {NULL, 0};
    for (size_t i = 0; i < d->ntoks; i++) {
        feit_token *t = &d->toks[i];
        if (lx && i + 8 < d->ntoks) /* the misses of a cold table overlap */
            lexicon_prefetch(lx, d->toks[i + 8].hash);
        lex_entry tmp, *e = entry(lx, t->fold, t->fold_len, t->hash, &tmp);
        bool word = t->kind == TOK_WORD;
        if (e != &tmp && e->gen == lx->gen && (!word || e->info->full)) {
            /* met before in this document (most tokens): its record holds all the token needs,
             * its flags too */
            t->info = e->info;
            t->flags |= word ? e->info->word_flags : TF_SLOT;
            continue;
        }
        need_word(e, g, t->fold, t->fold_len, t->hash);
        if (word) {
            if (!(e->known & LEX_ROLE)) {
                bool names_role = false;
                e->role = hook ? hook->role(hook->ctx, t->fold, t->fold_len, &names_role) : NULL;
                e->known |= LEX_ROLE | (names_role ? LEX_ROLEWORD : 0);
            }
            if (!(e->known & (LEX_SETS | LEX_NOSETS)))
                e->known |= hook && hook->sets(hook->ctx, d, i, &e->sets) ? LEX_SETS : LEX_NOSETS;
        }
        if (!(t->info = record(d, &p, lx, e, &tmp, t, word)))
            return FEIT_ENOMEM;
        t->flags |= word ? t->info->word_flags : TF_SLOT; /* (record filled them from e->known) */
    }
    return 0;
}
