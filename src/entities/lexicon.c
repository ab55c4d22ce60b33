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

/* The record of slot e (its own: lexicon.rec). */
static feit_wordinfo *own_record(lexicon *lx, const lex_entry *e)
{
    return &lx->rec[(size_t)((const char *)e - (const char *)lx->e) / sizeof *e];
}

/* Tokens of the lexicon's document may point at e's own record: e was asked for in it and its
 * record handed out (LEX_REC), or lent to a word e evicted (LEX_LENT). */
static bool record_held(const lexicon *lx, const lex_entry *e)
{
    return lx->gen && e->gen == lx->gen && (e->known & (LEX_REC | LEX_LENT));
}

lex_entry *lexicon_add(lexicon *lx, lex_entry *set, const char *fold, size_t len)
{
    lex_entry *e = !set[1].len ? &set[1] : !set[0].len ? &set[0] : set[1].gen <= set[0].gen ? &set[1] : &set[0];
    bool lent = record_held(lx, e);
    e->len = (uint8_t)len, e->known = lent ? LEX_LENT : 0, e->gen = lx->gen;
    e->info = lent ? NULL : own_record(lx, e);
    memcpy(e->fold, fold, len);
    return e;
}

void lexicon_touch(lexicon *lx, lex_entry *e)
{
    if (e->known & LEX_LENT) /* (the arena record was an earlier document's: its own is free) */
        e->known &= (uint8_t)~(LEX_LENT | LEX_REC), e->info = own_record(lx, e);
    e->gen = lx->gen;
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

/* The record of e's word (token t), filled the first time with what e knows and what the
 * language's lists say of the word: the slot's own, or from d's arena for a word whose slot's
 * record is lent (LEX_LENT) and for tmp, a word the lexicon does not hold (a record every
 * time); NULL when out of memory. */
static feit_wordinfo *record(feit_doc *d, pool *p, lex_entry *e, const lex_entry *tmp, const feit_token *t, bool full)
{
    feit_wordinfo *w = e->known & LEX_REC ? e->info : NULL;
    if (!w) {
        if (e == tmp || !e->info) {
            if (!p->left) {
                if (!(p->next = arena_alloc(&d->arena, RECORDS * sizeof *p->next)))
                    return NULL;
                p->left = RECORDS;
            }
            w = p->next++, p->left--;
        } else
            w = e->info;
        w->full = 0;
        if (e != tmp)
            e->info = w, e->known |= LEX_REC;
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
        /* LEX_NOLANG and the records' lang spoke of another language, or of none (a new lexicon
         * has none of either) */
        if (lx->used)
            for (size_t k = 0; k < LEX_SETS_N; k++)
                lx->e[k][0].known &= (uint8_t)~(LEX_NOLANG | LEX_REC), lx->e[k][1].known &= (uint8_t)~(LEX_NOLANG | LEX_REC);
        lx->lang = d->lang;
    }
    if (lx)
        lx->used = true;
    pool p = {NULL, 0};
    for (size_t i = 0; i < d->ntoks; i++) {
        feit_token *t = &d->toks[i];
        if (lx && i + 8 < d->ntoks) /* the misses of a cold table overlap */
            lexicon_prefetch(lx, d->toks[i + 8].hash);
        lex_entry tmp, *e = entry(lx, t->fold, t->fold_len, t->hash, &tmp);
        bool word = t->kind == TOK_WORD;
        if ((e->known & LEX_REC) && (!word || e->info->full)) {
            /* met before (most tokens): its record holds all the token needs, its flags too */
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
        if (!(t->info = record(d, &p, e, &tmp, t, word)))
            return FEIT_ENOMEM;
        t->flags |= word ? t->info->word_flags : TF_SLOT; /* (record filled them from e->known) */
    }
    return 0;
}
