/*
 * error.h — filling a feit_error (feit.h), the one way every module reports where and why
 * something failed: file, line, column (0 when not about one) and a message.
 */
#ifndef FEIT_ERROR_H
#define FEIT_ERROR_H

#include "feit.h"

#include <stdarg.h>

/* Sets *err (err may be NULL: nothing happens). file NULL: "". */
void feit_error_set(feit_error *err, const char *file, long line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void feit_error_vset(feit_error *err, const char *file, long line, int column, const char *fmt, va_list ap);

#endif
