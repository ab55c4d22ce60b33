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

/* The capitalised words of a document that the name stages of this layer look at: word tokens
 * with TF_CAP, neither all capitals nor a dateline's place or agency (TF_ALLCAPS, TF_DATELINE,
 * TF_AGENCY), as token indices in order. people_doc lists them in its walk of every token and
 * firstname_doc walks the list, not every token again (about one token in seven is one). The
 * caller owns it: a worker keeps one across documents (`at` grows and is reused; free(at) at
 * the end); zeroed is empty. */
typedef struct cap_words {
    uint32_t *at;
    size_t n, cap;
} cap_words;

#endif
