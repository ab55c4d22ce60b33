/*
 * fuzz_model.c — libFuzzer harness over the compiled gazetteer's loader (src/entities/gazbin.c,
 * issue 18). The input is a list of damages done to a good compiled file (the fixture lists
 * tests/fuzz/gaz, compiled once at start): byte 0 says whether the damaged file gets fresh
 * checksums (as a crafted file would), whether it is cut, and whether a whole run is made on
 * it (slow: the rules are loaded each time); then 8-byte records, each
 * {offset u32, op u8, value u8, length u16}: flip a byte, write a huge or a small 32-bit value,
 * fill a run. The damaged file then goes through what a run does with it: feit_context_new on a
 * data directory holding it, feit_process on two texts full of the fixture's names, the JSON
 * writers; and through gazetteer_open and gazetteer_verify (every chunk) and the probes.
 * Checks: never a crash, a hang (libFuzzer's -timeout) or a leak; a refused file or a failed
 * context names `feit compile`; a result that comes back is well-formed (spans in the text,
 * names not NULL and bounded); probes end (hit chains shorter than the hit table).
 */
#include "fuzz_common.h"

#include "core/lang.h"
#include "core/utf8.h"
#include "entities/gazetteer_private.h"

#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *fm_good; /* the good compiled file */
static size_t fm_len;
static char fm_dir[64], fm_data[128], fm_bin[160];
static feit_lang *fm_lang;

static const char fm_text1[] =
    "MOSKOU (ANP/AFP) - Rusland en Iran gaan nauwer samenwerken, zei de Russische president Vladimir "
    "Poetin in Moskou. De Verenigde Staten en de Europese Unie kondigden sancties aan tegen Rusland.";
static const char fm_text2[] =
    "Premier Dick Schoof sprak in Den Haag met de Iraanse president Masoud Pezeshkian. Poetin en "
    "Xi Jinping bezochten Beijing. Duitsland levert wapens aan Oekraïne; de NAVO steunt Kyiv.";

static void fm_clean(void)
{
    unlink(fm_bin);
    const char *links[] = {"relations.rules", "predicates.tsv", "roles.tsv", "nl"};
    char p[256];
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        snprintf(p, sizeof p, "%s/%s", fm_data, links[i]);
        unlink(p);
    }
    rmdir(fm_data);
    rmdir(fm_dir);
    free(fm_good);
    lang_free(fm_lang);
}

/* The fixture lists compiled into a data directory of symbolic links to the bundled rules and
 * language data (a source tree has no gazetteers/ beside it: only the language stamp counts). */
static void fm_setup(void)
{
    if (fm_good)
        return;
    const char *root = getenv("FEIT_FUZZ_ROOT") ? getenv("FEIT_FUZZ_ROOT") : FEIT_FUZZ_ROOT;
    char abs[4096];
    if (root[0] != '/') {
        FZ_CHECK(getcwd(abs, sizeof abs - 256), "getcwd");
        strcat(abs, "/"), strcat(abs, root);
    } else {
        snprintf(abs, sizeof abs, "%s", root);
    }
    snprintf(fm_dir, sizeof fm_dir, "/tmp/feit-fuzz-model.XXXXXX");
    FZ_CHECK(mkdtemp(fm_dir), "mkdtemp");
    snprintf(fm_data, sizeof fm_data, "%s/data", fm_dir);
    FZ_CHECK(mkdir(fm_data, 0700) == 0, "mkdir");
    const char *links[] = {"relations.rules", "predicates.tsv", "roles.tsv", "nl"};
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        char from[4400], to[256];
        snprintf(from, sizeof from, "%s/models/%s", abs, links[i]);
        snprintf(to, sizeof to, "%s/%s", fm_data, links[i]);
        FZ_CHECK(symlink(from, to) == 0, "symlink %s", to);
    }
    snprintf(fm_bin, sizeof fm_bin, "%s/gazetteer.bin", fm_data);
    char nl[4400], gaz[4400];
    snprintf(nl, sizeof nl, "%s/models/nl", abs);
    snprintf(gaz, sizeof gaz, "%s/tests/fuzz/gaz", abs);
    feit_error err;
    fm_lang = lang_load(nl, &err);
    FZ_CHECK(fm_lang, "language data: %s", err.text);
    const char *dirs[1] = {gaz};
    feit_gazetteer *g = gazetteer_load(dirs, 1, fm_lang, NULL, &err);
    FZ_CHECK(g, "fixture lists: %s", err.text);
    FZ_CHECK(gazetteer_save(g, fm_bin, 0, lang_stamp(fm_lang), &err) == 0, "compile: %s", err.text);
    gazetteer_free(g);
    FILE *f = fopen(fm_bin, "rb");
    FZ_CHECK(f, "read back");
    fseek(f, 0, SEEK_END);
    fm_len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    fm_good = malloc(fm_len);
    FZ_CHECK(fm_good && fread(fm_good, 1, fm_len, f) == fm_len, "read back");
    fclose(f);
    atexit(fm_clean);
}

static void fm_check_result(const feit_result *r, const char *text, size_t len)
{
    for (size_t i = 0; i < r->nentities; i++) {
        const feit_entity *e = &r->entities[i];
        FZ_CHECK(e->start < e->end && e->end <= len, "entity %zu span", i);
        FZ_CHECK((unsigned)e->type < FEIT_NTYPES && e->canonical && strlen(e->canonical) <= GAZ_MAX_STR, "entity %zu", i);
        FZ_CHECK(!e->kb || strlen(e->kb) <= GAZ_MAX_STR, "entity %zu kb", i);
    }
    for (size_t i = 0; i < r->ntriples; i++) {
        const feit_triple *t = &r->triples[i];
        FZ_CHECK(t->ev_end <= len && t->subject.canonical && t->object.canonical && t->predicate, "triple %zu", i);
    }
    (void)text;
    for (feit_emit m = FEIT_EMIT_TRIPLES; m <= FEIT_EMIT_DOCUMENTS; m++) {
        fz_buf.len = 0;
        FZ_CHECK(!feit_result_write(r, m, NULL, &fz_buf), "write");
        fz_check_lines(&fz_buf, 0, NULL);
    }
}

/* The probes as the matcher makes them, on every word of the texts and their pairs. */
static void fm_probe(const feit_gazetteer *g)
{
    const char *texts[] = {fm_text1, fm_text2};
    for (int k = 0; k < 2; k++) {
        const char *p = texts[k];
        while (*p) {
            size_t n = strcspn(p, " .,;-()/");
            for (int two = 0; two < 2 && n; two++) { /* the word, and the word with the next one */
                size_t len = n;
                if (two) {
                    if (!p[n] || p[n] != ' ')
                        break;
                    len = n + 1 + strcspn(p + n + 1, " .,;-()/");
                }
                char key[256];
                if (len >= sizeof key)
                    break;
                for (size_t i = 0; i < len; i++)
                    key[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
                uint32_t h = gazetteer_key_hash(key, len);
                gazetteer_may_span(g, h, two);
                gazetteer_may_start_lower(g, h);
                const gaz_slot *s = gazetteer_find(g, key, len, h);
                uint32_t steps = 0;
                for (uint32_t x = s ? s->hits : 0; x; x = gazetteer_hit(g, x) ? gazetteer_hit(g, x)->next : 0) {
                    FZ_CHECK(++steps <= g->nhits, "a hit chain longer than the hit table");
                    const gaz_hit *hit = gazetteer_hit(g, x);
                    if (!hit)
                        break;
                    const gaz_entry *e = gazetteer_entry(g, hit->entry);
                    const uint32_t strs[] = {e->canonical, e->kb, e->country, e->iso, e->capital, e->admin, e->role, e->role_of, e->capital_of};
                    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
                        const char *str = gazetteer_str(g, strs[i]);
                        FZ_CHECK(!str || strlen(str) <= GAZ_MAX_STR, "a string past the limit");
                    }
                }
                if (s && s->surname && s->surname != UINT32_MAX)
                    gazetteer_entry(g, s->surname - 1);
            }
            p += n;
            while (*p && strchr(" .,;-()/", *p))
                p++;
        }
    }
    for (char a = 'A'; a <= 'Z'; a++)
        for (char b = 'A'; b <= 'Z'; b++) {
            char iso[3] = {a, b, 0};
            int32_t c = gazetteer_country(g, iso);
            if (c >= 0)
                gazetteer_str(g, gazetteer_entry(g, (uint32_t)c)->canonical);
        }
    FZ_CHECK(gazetteer_max_tokens(g) <= MAX_NAME_TOKENS, "max tokens");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_setup();
    unsigned char *img = malloc(fm_len);
    FZ_CHECK(img, "out of memory");
    memcpy(img, fm_good, fm_len);
    size_t len = fm_len;
    int reseal = size > 0 && (data[0] & 1), cut = size > 0 && (data[0] & 2), run = size > 0 && (data[0] & 4);
    for (size_t i = 1; i + 8 <= size; i += 8) {
        uint32_t off, v32;
        memcpy(&off, data + i, 4);
        uint8_t op = data[i + 4], val = data[i + 5];
        uint16_t run;
        memcpy(&run, data + i + 6, 2);
        /* most damage in the header and the first part of the body, some anywhere */
        off = (op & 0x80) ? off % (uint32_t)len : off % (uint32_t)(len < 65536 ? len : 65536);
        switch (op & 3) {
        case 0: img[off] ^= val ? val : 1; break;
        case 1:
            v32 = 0xFFFFFFFFu - val;
            if (off + 4 <= len)
                memcpy(img + off, &v32, 4);
            break;
        case 2:
            v32 = val | ((uint32_t)run << 8);
            if (off + 4 <= len)
                memcpy(img + off, &v32, 4);
            break;
        case 3:
            for (size_t k = off; k < len && k < (size_t)off + run % 4096; k++)
                img[k] = val;
            break;
        }
    }
    if (reseal)
        gazbin_reseal(img, len); /* (fails on a header whose counts no longer fit: fine) */
    if (cut && size >= 5) {
        uint32_t c;
        memcpy(&c, data + 1, 4);
        len = c % len;
    }
    FILE *f = fopen(fm_bin, "wb");
    FZ_CHECK(f && (len == 0 || fwrite(img, 1, len, f) == len) && fclose(f) == 0, "write the damaged file");
    free(img);

    /* what a run does with it */
    feit_options o = feit_options_default();
    o.data_dir = fm_data;
    feit_error err;
    feit_context *ctx = run ? feit_context_new(&o, &err) : NULL;
    if (!run) {
        /* (the loader alone, below) */
    } else if (!ctx) {
        FZ_CHECK(strstr(err.text, "feit compile"), "a refused file must name the fix: %s", err.text);
    } else {
        feit_worker *w = feit_worker_new(ctx);
        FZ_CHECK(w, "worker");
        const char *texts[] = {fm_text1, fm_text2};
        for (int k = 0; k < 2; k++) {
            size_t n = strlen(texts[k]);
            char *t = malloc(n); /* exactly n bytes: ASan sees a read past the text */
            FZ_CHECK(t, "out of memory");
            memcpy(t, texts[k], n);
            const feit_result *r = feit_process(w, "fuzz", t, n);
            if (r)
                fm_check_result(r, t, n);
            else
                FZ_CHECK(feit_context_status(ctx, &err) && strstr(err.text, "feit compile"),
                         "no result, and no reason naming the fix");
            free(t);
        }
        feit_worker_free(w);
        feit_context_free(ctx);
    }
    /* and the loader itself: every probe, then every chunk */
    feit_gazetteer *g = gazetteer_open(fm_bin, NULL, lang_stamp(fm_lang), &err);
    if (g) {
        fm_probe(g);
        if (gazetteer_verify(g, &err))
            FZ_CHECK(strstr(err.text, "feit compile"), "a corrupt file must name the fix: %s", err.text);
        gazetteer_free(g);
    }
    return 0;
}
