/* vocab.c — feit_vocabulary (feit.h): the predicate names of a data directory, for tools that
 * check a name a user typed (feit query --predicate). Read from the files the rules loader
 * reads (predicates.tsv, the role predicates of roles.tsv), without loading the rules. */
#include "feit.h"

#include "core/datafile.h"
#include "core/error.h"

#include <string.h>

/* The first tab-separated field (col 0) or the second (col 1) of each line of DATA/name. */
static int column(const char *dir, const char *name, int col, int (*cb)(void *, const char *), void *ud, feit_error *err)
{
    char path[4200];
    datafile_path_join(path, sizeof path, dir, name, (int)strlen(name));
    datafile df;
    int rc = datafile_open(&df, path, err);
    if (rc)
        return rc;
    char *line;
    while (!rc && (line = datafile_line(&df))) {
        if (datafile_blank(line))
            continue;
        char *f = line;
        for (int k = 0; k < col && f; k++)
            f = strchr(f, '\t') ? strchr(f, '\t') + 1 : NULL;
        if (!f)
            continue;
        f[strcspn(f, "\t ")] = '\0';
        if (*f && strcmp(f, "=") && strcmp(f, "-"))
            rc = cb(ud, f);
    }
    datafile_close(&df);
    return rc;
}

int feit_vocabulary(const feit_options *opt, int (*cb)(void *ud, const char *predicate), void *ud, feit_error *err)
{
    char dir[4096];
    if (feit_data_dir(opt, dir, sizeof dir)) {
        feit_error_set(err, dir, 0, 0, "no data directory (predicates.tsv) found");
        return FEIT_EIO;
    }
    int rc = column(dir, "predicates.tsv", 0, cb, ud, err);
    return rc ? rc : column(dir, "roles.tsv", 1, cb, ud, err);
}
