/* main.c — bin/feit: dispatches to the subcommands in src/cli/. */
#include "cli/cli.h"
#include "feit.h"

#include <fcntl.h>
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *help;
} commands[] = {
    {"extract", cmd_extract, "extract entities and relations from text or JSON Lines"},
    {"export", cmd_export, "export triples as N-Triples, N-Quads, Neo4j CSV or CSV"},
    {"index", cmd_index, "load `extract --emit documents` output into a SQLite fact index"},
    {"query", cmd_query, "query a fact index"},
    {"serve", cmd_serve, "serve a fact index as a local web page"},
    {"lint", cmd_lint, "check gazetteer and rule files, reporting file:line"},
    {"explain", cmd_explain, "show why facts did, or did not, come out of a text"},
    {"compile", cmd_compile, "build the compiled gazetteer (models/gazetteer.bin)"},
};

/* --version: the version, then the licences of the code and of the data it ships, one line each
 * (COPYING.data.md says which licence covers which file; tests/sh/version.sh keeps them in step). */
static const char *const licences[] = {
    "code: MIT (LICENSE)",
    "data: Alpino-derived name lists: LGPL-2.1 (Alpino, University of Groningen)",
    "data: GeoNames-derived place data: CC BY 4.0 (GeoNames, geonames.org)",
    "data: Wikidata ids from dr5hn/countries-states-cities-database: ODbL-1.0",
    "data: country codes and names from Debian iso-codes: LGPL-2.1 or later",
    "data: Wikidata ids of organisations from name-suggestion-index (osmlab): BSD-3-Clause",
    "data: OpenTaal word list (common Dutch words in gazetteer.bin): BSD or CC BY 3.0, at your choice",
    "data: first names' gender from nam_dict.txt (Joerg Michael, gender.c): GFDL-1.2-or-later, no invariant sections, no cover texts",
    "data: FrequencyWords Dutch list (Hermit Dave; the commonest words, models/nl/word-ranks.txt): CC BY-SA 4.0",
    "the licence of each data file: COPYING.data.md (installed in share/doc/feit)",
};

static void usage(FILE *f)
{
    fprintf(f, "usage: feit COMMAND [OPTIONS] [ARGS]\n       feit --help | --version\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n`feit COMMAND --help` describes a command.\n");
}

int main(int argc, char **argv)
{
    /* A closed standard input would be taken by the next file opened (a gazetteer, a cache),
     * and "-" would then read that file: hold it with /dev/null opened write-only, which the
     * reader refuses as it refuses a closed one. */
    if (fcntl(0, F_GETFD) == -1 && errno == EBADF) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd > 0) {
            dup2(fd, 0);
            close(fd);
        }
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("feit %s\n", FEIT_VERSION);
        for (size_t i = 0; i < sizeof licences / sizeof licences[0]; i++)
            printf("%s\n", licences[i]);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "feit: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
