/* common.c — what the subcommands share: printing a loader's error with its place, reading a
 * size. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

int cli_parse_size(const char *s, size_t min, size_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    int shift = !strcmp(end, "K") || !strcmp(end, "k") ? 10 : !strcmp(end, "M") ? 20 : !strcmp(end, "G") ? 30 : *end ? -1 : 0;
    if (errno || end == s || shift < 0 || v < 0 || (unsigned long long)v < min || v > ((1ll << 31) >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}
