/* export.c — placeholder until the 'export' subcommand lands (being written in parallel). */
#include "cli.h"

#include <stdio.h>

int cmd_export(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "feit export: not built yet\n");
    return 2;
}
