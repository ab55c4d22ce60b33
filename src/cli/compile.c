/* compile.c — `feit compile`: builds the data directory's gazetteer.bin, the compiled form of
 * the gazetteer lists (checked at load by magic, format version and stamps of the lists and the
 * language data), so start-up maps it instead of parsing the lists. `make` runs it; loading
 * never does (feit.h: feit_compile). */
#include "cli.h"

#include "feit.h"

#include <stdio.h>
#include <string.h>

int cmd_compile(int argc, char **argv)
{
    feit_options o = feit_options_default();
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: feit compile [--data-dir DIR]\n"
                   "  rebuilds DIR/gazetteer.bin (default: $FEIT_DATA, else models/ beside the program in a\n"
                   "  source tree)\n"
                   "  from the gazetteer lists beside it (gazetteers/*.tsv) and the language data\n");
            return 0;
        }
        if (!strcmp(argv[i], "--data-dir") && i + 1 < argc) {
            o.data_dir = argv[++i];
            continue;
        }
        fprintf(stderr, "feit compile: unknown argument '%s' (see feit compile --help)\n", argv[i]);
        return 2;
    }
    feit_error err;
    if (feit_compile(&o, &err)) {
        cli_print_error(stderr, "feit compile", &err);
        return 2;
    }
    return 0;
}
