/* lint.c — `feit lint PATH...`: checks gazetteer lists (*.tsv, or directories of them) and rule
 * files (*.rules), printing every problem as file:line:column: message. Exit 1 when any. */
#include "cli.h"

#include "gazetteer.h"
#include "relate.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

int cmd_lint(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help")) {
        fprintf(argc < 2 ? stderr : stdout, "usage: feit lint PATH...  (gazetteer .tsv files or directories, .rules files)\n");
        return argc < 2 ? 2 : 0;
    }
    int problems = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st)) {
            fprintf(stdout, "%s: cannot open\n", argv[i]);
            problems++;
            continue;
        }
        if (S_ISDIR(st.st_mode) || has_suffix(argv[i], ".tsv")) {
            /* a models/ directory holds rules, not gazetteers */
            char probe[4096];
            snprintf(probe, sizeof probe, "%s/relations.rules", argv[i]);
            if (S_ISDIR(st.st_mode) && stat(probe, &st) == 0) {
                feit_error err;
                feit_rules *r = rules_load(probe, &err);
                if (!r) {
                    cli_print_error(stdout, NULL, &err);
                    problems++;
                }
                rules_free(r);
                continue;
            }
            const char *p = argv[i];
            problems += gazetteer_lint(&p, 1, stdout);
        } else if (has_suffix(argv[i], ".rules")) {
            feit_error err;
            feit_rules *r = rules_load(argv[i], &err);
            if (!r) {
                cli_print_error(stdout, NULL, &err);
                problems++;
            }
            rules_free(r);
        }
    }
    fprintf(stderr, "feit lint: %d problem%s\n", problems, problems == 1 ? "" : "s");
    return problems ? 1 : 0;
}
