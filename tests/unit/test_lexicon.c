/* test_lexicon.c — the worker's word cache (entities/lexicon.h): a table on a cache-line (and,
 * for huge pages, 2 MiB) boundary, one entry per fold found again by its fold, no entry for the
 * empty word or one longer than LEX_WORD, and two ways per set: a third word of a set evicts the
 * older of the two, the words of a set do not evict each other. */
#include "check.h"
#include "core/utf8.h"
#include "entities/lexicon.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static lex_entry *get(lexicon *lx, const char *w)
{
    return lexicon_get(lx, w, strlen(w), utf8_hash(w, strlen(w), UTF8_HASH_INIT));
}

int main(void)
{
    lexicon_free(NULL);
    lexicon *lx = lexicon_new();
    CHECK(lx != NULL);
    if (!lx)
        CHECK_DONE();
    CHECK(((uintptr_t)lx & ((2u << 20) - 1)) == 0);
    /* a new entry knows nothing; asked again it is the same entry, with what was filled in */
    lex_entry *e = get(lx, "kamer");
    CHECK(e && e->len == 5 && e->known == 0 && !memcmp(e->fold, "kamer", 5));
    if (e)
        e->known = LEX_SLOT;
    CHECK(get(lx, "kamer") == e && e && e->known == LEX_SLOT);
    CHECK(get(lx, "") == NULL);
    char longw[LEX_WORD + 2];
    memset(longw, 'a', sizeof longw - 1);
    longw[LEX_WORD + 1] = 0;
    CHECK(get(lx, longw) == NULL);
    longw[LEX_WORD] = 0;
    CHECK(get(lx, longw) != NULL);
    /* three words of one set: the third evicts the older, the first two keep each other */
    char w[3][16];
    int found = 0;
    size_t set = 0;
    for (int k = 0; k < 1000000 && found < 3; k++) {
        char b[16];
        int n = snprintf(b, sizeof b, "w%d", k);
        size_t s = lexicon_index(utf8_hash(b, (size_t)n, UTF8_HASH_INIT));
        if (!found)
            set = s;
        if (s == set)
            memcpy(w[found++], b, (size_t)n + 1);
    }
    CHECK(found == 3);
    lex_entry *a = get(lx, w[0]);
    if (a)
        a->known = LEX_ROLE;
    lex_entry *b = get(lx, w[1]);
    if (b)
        b->known = LEX_SETS;
    /* both held: asking for either finds what it was given */
    CHECK(get(lx, w[0]) && get(lx, w[0])->known == LEX_ROLE);
    CHECK(get(lx, w[1]) && get(lx, w[1])->known == LEX_SETS);
    get(lx, w[2]); /* evicts w[0]: the front word, w[1], moves back over it */
    lex_entry *again = get(lx, w[1]);
    CHECK(again && again->known == LEX_SETS);
    lex_entry *lost = get(lx, w[0]);
    CHECK(lost && lost->known == 0);
    lexicon_free(lx);
    CHECK_DONE();
}
