/* compile.c — `feit compile`: builds models/gazetteer.bin, the compiled form of the bundled
 * gazetteers (checked at load by magic, format version and a stamp of the sources), so start-up
 * maps it instead of parsing the lists. `make` runs it; extract also rebuilds a stale one. */
#include "cli.h"

#include "feit.h"

#include <stdio.h>
#include <string.h>

int cmd_compile(int argc, char **argv)
{
    if (argc > 1) {
        int help = !strcmp(argv[1], "--help");
        fprintf(help ? stdout : stderr, "usage: feit compile   (rebuilds models/gazetteer.bin from gazetteers/*.tsv)\n");
        return help ? 0 : 2;
    }
    feit_error err;
    feit_context *ctx = feit_context_new(NULL, NULL, NULL, &err);
    if (!ctx) {
        cli_print_error(stderr, "feit", &err);
        return 2;
    }
    feit_context_free(ctx);
    return 0;
}
