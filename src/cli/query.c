/* query.c — placeholder until the 'query' subcommand lands (being written in parallel). */
#include "cli.h"

#include <stdio.h>

int cmd_query(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "feit query: not built yet\n");
    return 2;
}
