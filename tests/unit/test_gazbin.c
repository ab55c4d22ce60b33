/* test_gazbin.c — the compiled gazetteer (entities/gazbin.c) hands out the strings of the index
 * it was written from: every string of the pool, read from any offset, is the same in the
 * compiled copy as in the built index, those that end in the chunk they start in (known from
 * the chunk's last NUL, without a scan) and those that run on into the next chunk. Lists of
 * invented organisations with long names make a pool of several chunks. The span filter read
 * whole (gaz_read_spans, as the matcher reads it) answers as the built index's does. */
#include "core/lang.h"
#include "check.h"
#include "entities/gazetteer.h"
#include "entities/gazetteer_private.h" /* (gaz_read_spans, gaz_spans_read) */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POOL_CHUNK 4096u /* gaz_chunk_shift[GT_POOL] (gazetteer_private.h): 12 */

int main(void)
{
    const feit_lang *lang = check_lang();
    char dir[] = "/tmp/test_gazbin_XXXXXX";
    CHECK(lang != NULL && mkdtemp(dir) != NULL);
    if (!lang)
        CHECK_DONE();
    char tsv[256], bin[256];
    snprintf(tsv, sizeof tsv, "%s/orgs.tsv", dir);
    snprintf(bin, sizeof bin, "%s/gazetteer.bin", dir);
    FILE *f = fopen(tsv, "w");
    CHECK(f != NULL);
    if (!f)
        CHECK_DONE();
    for (int k = 0; k < 400; k++)
        fprintf(f, "Stichting Verzonnen Voorbeeldvereniging Nummer %d van Nergensdorp\torganisation\n", k);
    fclose(f);
    const char *dirs[] = {dir};
    feit_error err;
    feit_gazetteer *g = gazetteer_load(dirs, 1, lang, NULL, &err);
    CHECK(g != NULL);
    CHECK(g && gazetteer_save(g, bin, 7, 9, &err) == 0);
    uint64_t stamp = 7;
    feit_gazetteer *c = g ? gazetteer_open(bin, &stamp, 9, &err) : NULL;
    CHECK(c != NULL);
    if (g && c) {
        /* every entry's canonical name, and every suffix of the pool's strings (a string read
         * from within another) */
        size_t crossing = 0, within = 0, same = 0, n = 0;
        for (uint32_t e = 0; e < gazetteer_size(g); e++) {
            uint32_t off = gazetteer_entry(g, e)->canonical;
            const char *a = gazetteer_str(g, off), *b = gazetteer_str(c, off);
            n++;
            same += a && b && !strcmp(a, b);
            if (a && off / POOL_CHUNK != (off + strlen(a)) / POOL_CHUNK)
                crossing++;
            else
                within++;
            for (uint32_t k = 1; a && k < strlen(a); k += 7) /* from inside the string */
                n++, same += !strcmp(gazetteer_str(g, off + k), gazetteer_str(c, off + k));
        }
        CHECK(n > 0 && same == n);
        CHECK(crossing > 0 && within > 0); /* both ways of ending were read */
        CHECK(gazetteer_status(c, &err) == 0);
        /* a key's hash is joined from its words' (the matcher extends a span by a token's hash):
         * the whole name is found by its key in both, its first two words as a prefix */
        const char *key = "stichting verzonnen voorbeeldvereniging nummer 12 van nergensdorp";
        const gaz_slot *s1 = gazetteer_lookup(g, key, strlen(key)), *s2 = gazetteer_lookup(c, key, strlen(key));
        CHECK(s1 && s1->hits && s2 && s2->hits);
        uint32_t two = gazetteer_key_join(utf8_hash("stichting", 9, UTF8_HASH_INIT), utf8_hash("verzonnen", 9, UTF8_HASH_INIT));
        CHECK(gazetteer_key_hash("stichting verzonnen", 19) == two);
        const gaz_slot *p = gazetteer_find(c, "stichting verzonnen", 19, two);
        CHECK(p && (p->flags & SLOT_PREFIX));
        CHECK(gazetteer_key_hash("verzonnen stichting", 19) != two); /* (the order counts) */
        CHECK(gazetteer_key_hash("nergensdorp", 11) == utf8_hash("nergensdorp", 11, UTF8_HASH_INIT));
        /* the span filter read whole: every name's keys of two words or more are in it, and
         * any hash, in either filter, gets the built index's answer (a chunk left unread
         * reads as zeros: "no") */
        gaz_read_spans(c);
        size_t keys = 0, kept = 0, agree = 0, asked = 0;
        for (int k = 0; k < 400; k++) {
            char name[128];
            int len = snprintf(name, sizeof name, "stichting verzonnen voorbeeldvereniging nummer %d van nergensdorp", k);
            for (int e = 0; e < len; e++)
                if (name[e] == ' ' && e > 9) { /* (the prefixes of two words and more) */
                    uint32_t h = gazetteer_key_hash(name, (size_t)e);
                    keys++, kept += gaz_spans_read(c, h, false);
                }
            kept += gaz_spans_read(c, gazetteer_key_hash(name, (size_t)len), false), keys++;
        }
        for (uint32_t x = 0; x < 300000; x++) {
            uint32_t h = x * 2654435761u;
            asked += 2;
            agree += (gaz_spans_read(c, h, false) != 0) == (gazetteer_may_span(g, h, false) != 0);
            agree += (gaz_spans_read(c, h, true) != 0) == (gazetteer_may_span(g, h, true) != 0);
        }
        CHECK(keys > 2000 && kept == keys);
        CHECK(agree == asked);
        const gaz_lazy *z = c->lazy; /* (read and checked: not only fetched with a neighbour) */
        size_t ready = 0;
        for (uint32_t k = z->first_chunk[GT_SPANS]; k < z->first_chunk[GT_SPANS + 1]; k++)
            ready += atomic_load(&z->ready[k]) != 0;
        CHECK(ready == z->first_chunk[GT_SPANS + 1] - z->first_chunk[GT_SPANS] && ready > 100);
        /* a hit says what its entry is (the matcher weighs a key's hits without reading their
         * entries), in the compiled file as in the built index; a hit that says otherwise is a
         * bad file to gazetteer_verify (lint) */
        const gaz_hit *h1 = gazetteer_hit(c, s2 ? s2->hits : 0), *h0 = gazetteer_hit(g, s1 ? s1->hits : 0);
        const gaz_entry *e1 = h1 ? gazetteer_entry(c, h1->entry) : NULL;
        CHECK(h1 && e1 && h0 && h1->type == FEIT_ORGANISATION && h1->type == e1->type && h1->bulk == (e1->tier > 1) &&
              !h1->big_city && h0->type == h1->type && h0->bulk == h1->bulk);
        CHECK(gazetteer_verify(c, &err) == 0);
        if (h1) {
            ((gaz_hit *)h1)->type = FEIT_CITY;
            CHECK(gazetteer_verify(c, &err) != 0);
        }
    }
    gazetteer_free(c);
    gazetteer_free(g);
    unlink(bin);
    unlink(tsv);
    rmdir(dir);
    CHECK_DONE();
}
