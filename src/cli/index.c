/* index.c — placeholder until the 'index' subcommand lands (being written in parallel). */
#include "cli.h"

#include <stdio.h>

int cmd_index(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "feit index: not built yet\n");
    return 2;
}
