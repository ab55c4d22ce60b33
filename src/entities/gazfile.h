/*
 * gazfile.h — the gazetteer text format (gazetteers/README.md) as files: parsing one line into
 * its fields with the exact place of any error, walking a file's lines and a directory's lists,
 * and linting. Internal to the gazetteer modules: gazetteer.c builds the index from parsed lines.
 */
#ifndef FEIT_GAZFILE_H
#define FEIT_GAZFILE_H

#include "feit.h"

#include <stddef.h>

enum { A_ALIAS, A_ADJ, A_INH, A_KB, A_ISO, A_CAPITAL, A_COUNTRY, A_ADMIN, A_POP, A_CAPITAL_OF, A_ROLE, A_ROLE_OF, A_TIER, A_KIND, A_N };

/* One parsed line; pointers borrow from the line. */
typedef struct {
    const char *canonical;
    size_t canonical_len;
    int type;
    const char *val[A_N];
    size_t val_len[A_N];
    int val_col[A_N];
} gazfile_line;

extern const char *const gazfile_attr_names[A_N];   /* "alias", "adj", ... */

/* Fills err (when not NULL) with file:line:column and a printf-style message. */
void gazfile_error(feit_error *err, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Parses one line (without its newline). Returns 1 for an entity, 0 for a blank or comment
 * line, -1 on an error (err filled with its exact place). */
int gazfile_parse_line(const char *line, size_t n, const char *file, int lineno, gazfile_line *p, feit_error *err);

/* Calls fn for each line of path (newline stripped); returns fn's first non-zero result, or
 * FEIT_EIO (err filled) when the file cannot be read. */
typedef int (*gazfile_line_fn)(void *ctx, const char *line, size_t n, int lineno);
int gazfile_each_line(const char *path, gazfile_line_fn fn, void *ctx, feit_error *err);

/* The files of dir ending in suffix, sorted (owned: free with gazfile_free_list); a path that
 * is a file gives itself. */
int gazfile_list(const char *dir, const char *suffix, char ***out, size_t *n, feit_error *err);
void gazfile_free_list(char **l, size_t n);

#endif
