/* test_gazbin.c — the compiled gazetteer (entities/gazbin.c) hands out the strings of the index
 * it was written from: every string of the pool, read from any offset, is the same in the
 * compiled copy as in the built index, those that end in the chunk they start in (known from
 * the chunk's last NUL, without a scan) and those that run on into the next chunk. Lists of
 * invented organisations with long names make a pool of several chunks. */
#include "core/lang.h"
#include "check.h"
#include "entities/gazetteer.h"

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
    }
    gazetteer_free(c);
    gazetteer_free(g);
    unlink(bin);
    unlink(tsv);
    rmdir(dir);
    CHECK_DONE();
}
