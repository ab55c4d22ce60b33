/*
 * web.h — the pages of the fact index as `feit serve` shows them: the search page and the
 * entity page (facts grouped by predicate, an inline SVG picture of the neighbourhood) in
 * HTML, their JSON twins, and the HTML "not found" page. No HTTP here: the caller parses the
 * request, calls one of these and sends the result; src/cli/serve.c is that caller.
 *
 * Ownership: every function fills a feit_web_page whose body is owned by the caller (free()
 * it; free(NULL) is fine). type is a static string. The db handle and all strings passed in
 * are borrowed for the call only.
 *
 * Out of memory: the page comes back with body NULL, len 0, status 500 and a plain-text
 * type, i.e. an empty error response (send it as it is).
 *
 * Safety: everything echoed from the request or the index is HTML-escaped (text and
 * attribute values) or percent-encoded (links); type names reach CSS classes only from a
 * fixed list. Pages are rendered on the server and need no JavaScript.
 */
#ifndef FEIT_WEB_H
#define FEIT_WEB_H

#include "store/factdb.h"

#include <stddef.h>
#include <stdint.h>

typedef struct feit_web_page {
    char *body;       /* owned by the caller; NUL-terminated, len bytes before the NUL */
    size_t len;
    unsigned status;  /* HTTP status code: 200, 400, 404 or 500 */
    const char *type; /* Content-Type value, static */
} feit_web_page;

/* The search form's fields: NULL when absent. The caller has checked them (valid UTF-8,
 * bounded length, leading spaces dropped, empty = NULL); dates that are not YYYY-MM-DD are
 * ignored here with a notice on the page. text searches the evidence only. */
typedef struct feit_web_search_form {
    const char *q, *predicate, *from, *to, *text;
} feit_web_search_form;

/* "/" (api 0: HTML) and "/api/search" (api 1: JSON). Without any field the HTML page shows
 * the index's counts and a hint. Returns 0, or non-zero when an index query failed: the page
 * then still says so (HTML, status 500) or is an empty 500, and the caller may report
 * feit_factdb_errmsg(db). */
int feit_web_search(feit_factdb *db, const feit_web_search_form *f, int api,
                    feit_web_page *out);

/* "/entity?id=" (api 0) and "/api/entity?id=" (api 1). id <= 0 means the request had no
 * valid id (400); an id not in the index gives 404. Returns as feit_web_search. */
int feit_web_entity(feit_factdb *db, int64_t id, int api, feit_web_page *out);

/* The HTML page for a path that does not exist (404), naming the path, escaped. */
void feit_web_not_found(const char *path, feit_web_page *out);

#endif
