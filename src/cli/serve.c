/* serve.c — placeholder until the 'serve' subcommand lands (being written in parallel). */
#include "cli.h"

#include <stdio.h>

int cmd_serve(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "feit serve: not built yet\n");
    return 2;
}
