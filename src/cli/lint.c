/* lint.c — `feit lint PATH...`: checks gazetteer lists (*.tsv, or directories of them) and rule
 * files (*.rules), printing every problem as file:line:column: message. Exit 1 when any. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_lint(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: feit lint [--data-dir DIR] PATH...  (gazetteer .tsv files or directories, .rules files)\n"
               "  --data-dir DIR  the data directory whose language data checks a rule file that has\n"
               "                  none beside it (default: $FEIT_DATA, else the one installed with feit)\n");
        return 0;
    }
    int first = 1;
    if (argc >= 3 && !strcmp(argv[1], "--data-dir")) {
        setenv("FEIT_DATA", argv[2], 1); /* feit_lint finds the data directory as feit_data_dir does */
        first = 3;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: feit lint [--data-dir DIR] PATH...  (gazetteer .tsv files or directories, .rules files)\n");
        return 2;
    }
    int problems = feit_lint((const char *const *)argv + first, (size_t)(argc - first), stdout);
    fprintf(stderr, "feit lint: %d problem%s\n", problems, problems == 1 ? "" : "s");
    return problems ? 1 : 0;
}
