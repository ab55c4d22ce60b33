/* lint.c — feit_lint (feit.h): checks gazetteer lists and rule files without running anything,
 * printing every problem with its place. The gazetteer checks are gazfile.c's; a rule file is
 * checked by loading it. */
#include "feit.h"

#include "entities/gazetteer.h"
#include "relations/relate.h"

#include <string.h>
#include <sys/stat.h>

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static int lint_rules(const char *path, FILE *out)
{
    feit_error err;
    feit_rules *r = rules_load(path, &err);
    if (r) {
        rules_free(r);
        return 0;
    }
    if (err.line)
        fprintf(out, "%s:%d:%d: %s\n", err.file, err.line, err.column, err.text);
    else
        fprintf(out, "%s: %s\n", err.file[0] ? err.file : path, err.text);
    return 1;
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
            char probe[4096];
            snprintf(probe, sizeof probe, "%s/relations.rules", paths[i]);
            if (S_ISDIR(st.st_mode) && stat(probe, &st) == 0)
                problems += lint_rules(probe, out);
            else
                problems += gazetteer_lint(&paths[i], 1, out);
        } else if (has_suffix(paths[i], ".rules")) {
            problems += lint_rules(paths[i], out);
        }
    }
    return problems;
}
