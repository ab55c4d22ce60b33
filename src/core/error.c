/* error.c — filling a feit_error (see error.h). */
#include "core/error.h"

#include <stdio.h>

void feit_error_vset(feit_error *err, const char *file, long line, int column, const char *fmt, va_list ap)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = (int)line;
    err->column = column;
    vsnprintf(err->text, sizeof err->text, fmt, ap);
}

void feit_error_set(feit_error *err, const char *file, long line, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    feit_error_vset(err, file, line, column, fmt, ap);
    va_end(ap);
}
