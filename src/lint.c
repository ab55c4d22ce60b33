/* lint.c — feit_lint (feit.h): checks gazetteer lists, rule files, language data and the
 * compiled gazetteer without running anything, printing every problem with its place. The
 * gazetteer checks are gazfile.c's; rule files and language data are checked by loading them,
 * the compiled gazetteer by reading and checking every chunk of it. */
#include "feit.h"

#include "entities/gazetteer.h"
#include "core/lang.h"
#include "discourse/gender.h"
#include "relations/rules.h"

#include <libgen.h>

#include <string.h>
#include <sys/stat.h>

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static void print_error(FILE *out, const char *path, const feit_error *err)
{
    if (err->line)
        fprintf(out, "%s:%d:%d: %s\n", err->file, err->line, err->column, err->text);
    else
        fprintf(out, "%s: %s\n", err->file[0] ? err->file : path, err->text);
}

/* A language data directory (models/nl): loaded as extract loads it, with its first-name list. */
static int lint_lang(const char *dir, FILE *out, feit_lang **keep)
{
    feit_error err;
    feit_lang *l = lang_load(dir, &err);
    if (!l) {
        print_error(out, dir, &err);
        return 1;
    }
    if (keep)
        *keep = l;
    else
        lang_free(l);
    /* the first names' gender, read beside the language data */
    char path[4200];
    snprintf(path, sizeof path, "%s/firstname-genders.txt", dir);
    gender_names *g = gender_load(path, &err);
    if (!g) {
        print_error(out, path, &err);
        return 1;
    }
    gender_free(g);
    return 0;
}

/* A rule file, stemmed with the language data beside it (models/nl next to
 * models/relations.rules, which is linted too), else with the data directory's. */
static int lint_rules(const char *path, FILE *out)
{
    char dir[4096], langdir[4200];
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(langdir, sizeof langdir, "%s/nl", dirname(dir));
    struct stat st;
    feit_lang *lang = NULL;
    int problems = 0;
    if (stat(langdir, &st) == 0 && S_ISDIR(st.st_mode)) {
        problems += lint_lang(langdir, out, &lang);
    } else {
        char data[4096];
        if (feit_data_dir(NULL, data, sizeof data) == 0) {
            snprintf(langdir, sizeof langdir, "%s/nl", data);
            problems += lint_lang(langdir, out, &lang);
        }
    }
    feit_error err;
    feit_rules *r = rules_load(path, lang ? lang_stemmer(lang) : "dutch", &err);
    lang_free(lang);
    if (r) {
        /* the word sets are bitsets of up to RULES_INDEX_SETS; with more, the index that makes
         * the relation stage fast is off (it still works, several times slower) */
        if (r->nsets > RULES_INDEX_SETS) {
            fprintf(out, "%s: %d word sets: more than %d switch the word-set index off (the relation stage runs several times slower); merge sets\n",
                    path, (int)r->nsets, RULES_INDEX_SETS);
            problems++;
        }
        rules_free(r);
        return problems;
    }
    print_error(out, path, &err);
    return problems + 1;
}

/* A compiled gazetteer (gazetteer.bin), with the language data of its directory: every chunk
 * read and checked now, not when a run first needs it. */
static int lint_compiled(const char *path, FILE *out)
{
    char dir[4096], langdir[4200];
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(langdir, sizeof langdir, "%s/nl", dirname(dir));
    feit_error err;
    feit_lang *lang = lang_load(langdir, &err);
    if (!lang) {
        print_error(out, langdir, &err);
        return 1;
    }
    int bad = 0;
    feit_gazetteer *g = gazetteer_open(path, NULL, lang_stamp(lang), &err);
    if (!g || gazetteer_verify(g, &err)) {
        print_error(out, path, &err);
        bad = 1;
    }
    gazetteer_free(g);
    lang_free(lang);
    return bad;
}

int feit_lint(const char *const *paths, size_t npaths, FILE *out)
{
    int problems = 0;
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st)) {
            fprintf(out, "%s: cannot open\n", paths[i]);
            problems++;
        } else if (S_ISDIR(st.st_mode) || has_suffix(paths[i], ".tsv")) {
            /* a models/ directory holds rules, not gazetteers */
            char probe[4096], settings[4096];
            snprintf(probe, sizeof probe, "%s/relations.rules", paths[i]);
            snprintf(settings, sizeof settings, "%s/settings", paths[i]);
            if (S_ISDIR(st.st_mode) && stat(probe, &st) == 0) {
                problems += lint_rules(probe, out);
                snprintf(probe, sizeof probe, "%s/gazetteer.bin", paths[i]);
                if (stat(probe, &st) == 0)
                    problems += lint_compiled(probe, out);
            }
            else if (S_ISDIR(st.st_mode) && stat(settings, &st) == 0)
                problems += lint_lang(paths[i], out, NULL);
            else
                problems += gazetteer_lint(&paths[i], 1, out);
        } else if (has_suffix(paths[i], ".rules")) {
            problems += lint_rules(paths[i], out);
        } else if (has_suffix(paths[i], ".bin")) {
            problems += lint_compiled(paths[i], out);
        } else {
            /* named, so the user meant it checked: saying nothing would pass for "no problems" */
            fprintf(out, "%s: not checked: not a gazetteer list (*.tsv), a rule file (*.rules) or a directory of them\n", paths[i]);
            problems++;
        }
    }
    return problems;
}
