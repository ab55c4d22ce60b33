/*
 * discourse.h — what the discourse stages (people.c, coref.c) learn from the stage above them:
 * the relation rules know the role lexicon ("premier", "minister-president" -> premier,
 * "PVV-leider" -> leider). The pipeline passes their answer in as this callback, so this layer
 * never calls the relation layer.
 */
#ifndef FEIT_DISCOURSE_H
#define FEIT_DISCOURSE_H

#include "core/doc.h"

typedef struct discourse_hook {
    const void *ctx;
    /* The role predicate token i names, with the glued compound it ends ("minister-president"
     * -> "premier", "NAVO-chef" -> "secretaris-generaal"); NULL when none (also for words that
     * take another person's role, "ambtgenoot"). Borrowed from ctx. */
    const char *(*role)(const void *ctx, const feit_doc *d, size_t i);
} discourse_hook;

#endif
