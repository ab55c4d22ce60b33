/* types.c — the rows of types.h as arrays, their names for feit.h, and lookups by name. */
#include "core/types.h"

#include <string.h>

#define TYPE_ROW(E, n, r, c, s, w, col, place, score) [FEIT_##E] = {n, r, c, s, w, col, place, score},
const feit_type_info feit_types[FEIT_NTYPES] = {FEIT_TYPE_TABLE(TYPE_ROW)};

#define FORM_ROW(E, n, r, named, dflt) [FEIT_FORM_##E] = {n, r, named, dflt},
const feit_form_info feit_forms[FEIT_NFORMS] = {FEIT_FORM_TABLE(FORM_ROW)};

#define TIME_ROW(E, n) [FEIT_TIME_##E] = n,
static const char *const time_names[FEIT_NTIMES] = {FEIT_TIME_TABLE(TIME_ROW)};

#define SOURCE_ROW(E, n) [FEIT_SRC_##E] = n,
static const char *const source_names[FEIT_NSOURCES] = {FEIT_SOURCE_TABLE(SOURCE_ROW)};

/* the enums of feit.h have exactly the rows of the tables */
#define COUNT_ROW(...) +1
_Static_assert(0 FEIT_TYPE_TABLE(COUNT_ROW) == FEIT_NTYPES, "feit_type and FEIT_TYPE_TABLE differ");
_Static_assert(0 FEIT_FORM_TABLE(COUNT_ROW) == FEIT_NFORMS, "feit_form and FEIT_FORM_TABLE differ");
_Static_assert(0 FEIT_SOURCE_TABLE(COUNT_ROW) == FEIT_NSOURCES, "feit_source and FEIT_SOURCE_TABLE differ");
_Static_assert(0 FEIT_TIME_TABLE(COUNT_ROW) == FEIT_NTIMES, "feit_time and FEIT_TIME_TABLE differ");

const char *feit_type_name(feit_type t) { return (unsigned)t < FEIT_NTYPES ? feit_types[t].name : "unknown"; }
const char *feit_form_name(feit_form f) { return (unsigned)f < FEIT_NFORMS ? feit_forms[f].name : "name"; }
const char *feit_source_name(feit_source s) { return (unsigned)s < FEIT_NSOURCES ? source_names[s] : "gazetteer"; }

const char *feit_time_name(feit_time t) { return (unsigned)t < FEIT_NTIMES ? time_names[t] : "current"; }

static int same(const char *name, const char *s, size_t n) { return name && strlen(name) == n && !memcmp(name, s, n); }

int types_find(const char *s, size_t n)
{
    for (int t = 0; t < FEIT_NTYPES; t++)
        if (same(feit_types[t].name, s, n))
            return t;
    return -1;
}

int types_find_rule(const char *s, size_t n)
{
    for (int t = 0; t < FEIT_NTYPES; t++)
        if (same(feit_types[t].rule, s, n))
            return t;
    return -1;
}

int types_find_time(const char *s, size_t n)
{
    for (int t = 0; t < FEIT_NTIMES; t++)
        if (same(time_names[t], s, n))
            return t;
    return -1;
}

int types_find_form_rule(const char *s, size_t n)
{
    for (int f = 0; f < FEIT_NFORMS; f++)
        if (same(feit_forms[f].rule, s, n))
            return f;
    return -1;
}
