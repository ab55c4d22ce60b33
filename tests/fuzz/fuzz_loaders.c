/*
 * fuzz_loaders.c — libFuzzer harness over the two loaders of hand-edited data: the relation
 * rules (rules_load, src/rules.c) and the gazetteer lists (gazetteer_load, src/gazetteer.c).
 * Byte 0 even: the payload is a rules file, after a header naming the bundled predicate
 * vocabulary and role lexicon (so the fuzzer reaches rule parsing at once). Byte 0 odd: the
 * payload is a gazetteer list (*.tsv). Checks: a failure fills file:line:column and a message
 * and frees everything it allocated (LeakSanitizer); a success is freed cleanly.
 */
#include "fuzz_common.h"
#include "entities/gazetteer.h"
#include "core/lang.h"
#include "relations/rules.h"

#include <stdint.h>
#include <unistd.h>

/* the language data gazetteer_load tokenises names with */
static const feit_lang *fz_lang(void)
{
    static feit_lang *lang;
    if (!lang) {
        const char *root = getenv("FEIT_FUZZ_ROOT") ? getenv("FEIT_FUZZ_ROOT") : FEIT_FUZZ_ROOT;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/models/nl", root);
        feit_error err;
        if (!(lang = lang_load(dir, &err))) {
            fprintf(stderr, "fuzz: %s: %s\n", dir, err.text);
            abort();
        }
    }
    return lang;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_ldir[64];

static void fz_lclean(void)
{
    char p[128];
    snprintf(p, sizeof p, "%s/list.tsv", fz_ldir);
    unlink(p);
    snprintf(p, sizeof p, "%s/in.rules", fz_ldir);
    unlink(p);
    rmdir(fz_ldir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fz_setup();
    if (!fz_ldir[0]) {
        snprintf(fz_ldir, sizeof fz_ldir, "/tmp/feit-fuzz-loaders.XXXXXX");
        FZ_CHECK(mkdtemp(fz_ldir), "mkdtemp");
        atexit(fz_lclean);
    }
    const char *root = getenv("FEIT_FUZZ_ROOT") ? getenv("FEIT_FUZZ_ROOT") : FEIT_FUZZ_ROOT;
    int rules = !(data[0] & 1);
    data++, size--;
    char path[128];
    snprintf(path, sizeof path, "%s/%s", fz_ldir, rules ? "in.rules" : "list.tsv");
    FILE *f = fopen(path, "wb");
    FZ_CHECK(f, "fopen");
    if (rules) {
        char rp[4096];
        if (root[0] != '/') {
            FZ_CHECK(getcwd(rp, sizeof rp - 32), "getcwd");
            strcat(rp, "/"), strcat(rp, root);
        } else {
            snprintf(rp, sizeof rp, "%s", root);
        }
        fprintf(f, "predicates %s/models/predicates.tsv\nroles %s/models/roles.tsv\n", rp, rp);
    }
    FZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size, "fwrite");
    FZ_CHECK(fclose(f) == 0, "fclose");
    feit_error err;
    memset(&err, 0x55, sizeof err); /* the loader must fill it, not leave garbage */
    if (rules) {
        feit_rules *r = rules_load(path, "dutch", &err);
        if (!r) {
            FZ_CHECK(memchr(err.file, 0, sizeof err.file) && memchr(err.text, 0, sizeof err.text), "unterminated error");
            FZ_CHECK(err.text[0] && err.file[0], "empty error");
            FZ_CHECK(err.line >= 0 && err.column >= 0, "error place %d:%d", err.line, err.column);
        } else {
            rules_free(r);
        }
    } else {
        const char *dirs[1] = {fz_ldir};
        feit_gazetteer *g = gazetteer_load(dirs, 1, fz_lang(), NULL, &err);
        if (!g) {
            FZ_CHECK(memchr(err.file, 0, sizeof err.file) && memchr(err.text, 0, sizeof err.text), "unterminated error");
            FZ_CHECK(err.text[0] && err.file[0], "empty error");
            FZ_CHECK(err.line >= 0 && err.column >= 0, "error place %d:%d", err.line, err.column);
        } else {
            FZ_CHECK(gazetteer_max_tokens(g) <= 1u << 20, "max tokens");
            gazetteer_free(g);
        }
    }
    unlink(path);
    return 0;
}
