/* factdb_input.c — is a file `feit extract --emit documents` output? The index loads only
 * documents records; triples or entities records (the default output of extract) would load as
 * empty documents, so they are refused with the fix named. */
#include "store/factdb_private.h"

#include "core/error.h"
#include "io/lines.h"

#include <errno.h>
#include <string.h>

const char *factdb_not_documents(json_t *rec)
{
    if (json_is_array(json_object_get(rec, "entities")) && json_is_array(json_object_get(rec, "triples")))
        return NULL;
    if (json_object_get(rec, "predicate") && json_object_get(rec, "subject"))
        return "a `feit extract --emit triples` record, not a document: the index loads the output of "
               "`feit extract --emit documents` (run extract again with --emit documents)";
    if (json_object_get(rec, "canonical") && json_object_get(rec, "start"))
        return "a `feit extract --emit entities` record, not a document: the index loads the output of "
               "`feit extract --emit documents` (run extract again with --emit documents)";
    return "not a documents record (no \"entities\" and \"triples\" lists): the index loads the output of "
           "`feit extract --emit documents`";
}

int feit_factdb_check_input(const char *path, feit_error *err)
{
    if (!strcmp(path, "-"))
        return 0;
    errno = 0;
    feit_lines *lr = lines_open(path, FEIT_MAX_RECORD_BYTES);
    if (!lr) {
        feit_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno ? errno : ENOMEM));
        return FEIT_EIO;
    }
    char *line;
    long n, lineno = 0;
    int rc = 0;
    while ((n = lines_next(lr, &line)) >= 0) {
        lineno++;
        if (strspn(line, " \t") == (size_t)n)
            continue;
        json_error_t je;
        json_t *rec = json_loadb(line, (size_t)n, 0, &je);
        const char *why = json_is_object(rec) ? factdb_not_documents(rec) : NULL;
        if (why) {
            feit_error_set(err, path, lineno, 0, "%s", why);
            rc = FEIT_EFORMAT;
        }
        json_decref(rec);
        break; /* the first record says what the file holds; bad JSON is reported by the load */
    }
    lines_close(lr);
    return rc;
}
