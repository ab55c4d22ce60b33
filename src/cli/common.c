/* common.c — what the subcommands share: printing a loader's error with its place. */
#include "cli.h"

void cli_print_error(FILE *f, const char *prefix, const feit_error *err)
{
    const char *sep = prefix && *prefix ? ": " : "";
    if (!prefix)
        prefix = "";
    if (err->line && err->column)
        fprintf(f, "%s%s%s:%d:%d: %s\n", prefix, sep, err->file, err->line, err->column, err->text);
    else if (err->line)
        fprintf(f, "%s%s%s:%d: %s\n", prefix, sep, err->file, err->line, err->text);
    else if (err->file[0])
        fprintf(f, "%s%s%s: %s\n", prefix, sep, err->file, err->text);
    else
        fprintf(f, "%s%s%s\n", prefix, sep, err->text);
}
