/* lint.c — `feit lint PATH...`: checks gazetteer lists (*.tsv, or directories of them) and rule
 * files (*.rules), printing every problem as file:line:column: message. Exit 1 when any. */
#include "cli.h"

#include <string.h>

int cmd_lint(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help")) {
        fprintf(argc < 2 ? stderr : stdout, "usage: feit lint PATH...  (gazetteer .tsv files or directories, .rules files)\n");
        return argc < 2 ? 2 : 0;
    }
    int problems = feit_lint((const char *const *)argv + 1, (size_t)(argc - 1), stdout);
    fprintf(stderr, "feit lint: %d problem%s\n", problems, problems == 1 ? "" : "s");
    return problems ? 1 : 0;
}
