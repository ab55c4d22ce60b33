/*
 * context.h — a feit context for the unit tests that run the whole pipeline (test_coref,
 * test_match, test_names): include after check.h and feit.h.
 */
#ifndef FEIT_TEST_CONTEXT_H
#define FEIT_TEST_CONTEXT_H

#include <stdio.h>
#include <stdlib.h>

/* A context of o, or NULL after a failed check that names the file and line of the error. */
static inline feit_context *context_of(const feit_options *o)
{
    feit_error err;
    feit_context *ctx = feit_context_new(o, &err);
    if (!CHECK(ctx != NULL))
        printf("FAIL context: %s:%d:%d: %s\n", err.file, err.line, err.column, err.text);
    return ctx;
}

/* A context of the data in models/ with the lists in the directory gazetteers and the word
 * list words (FEIT_WORDS, read when a context is made), or NULL as context_of. */
static inline feit_context *fixture_context(const char *gazetteers, const char *words)
{
    setenv("FEIT_WORDS", words, 1);
    feit_options o = feit_options_default();
    o.data_dir = "models";
    o.gazetteers = gazetteers;
    return context_of(&o);
}

#endif
