/*
 * gender.h — the gender of people by their first name, for coreference: "hij" never stands for
 * a known woman, "zij"/"ze" never for a known man (coref.c). The names come from the language
 * data, models/nl/firstname-genders.txt: one "name<TAB>m|f" per line, `#` comments; only names
 * that are clearly one gender are listed (unisex names are not), so a name that is not in the
 * list says nothing.
 *
 * Ownership: gender_load returns an owned, immutable table (free with gender_free), loaded
 * once per context and shared by all threads; lookups allocate nothing.
 */
#ifndef FEIT_GENDER_H
#define FEIT_GENDER_H

#include "feit.h"

#include <stddef.h>

typedef struct gender_names gender_names;

/* Loads path. On failure returns NULL and fills err: the file (missing, unreadable) or
 * file:line:column and what is wrong (no tab, a gender other than m or f, a name twice). */
gender_names *gender_load(const char *path, feit_error *err);
void gender_free(gender_names *g);

/* As gender_load, but the check of every line (most of its cost: 35,000 lines) is done once
 * per content of the file: a list found sound leaves a small stamp in the cache directory
 * (cache_dir as gazcache_dir resolves it: NULL the default, "" none), named by the list's
 * path, `genders-<path>-<key>.ok`, where the key is the content of the list, the format and
 * the build of feit; the stamp holds the counts and a checksum. A run that finds the stamp of
 * the same content skips the check; any edit gives a new key (so a bad line is always
 * reported), and a stamp that is damaged, or a directory that cannot be written, only means
 * the check runs. `feit lint` uses gender_load (always checks). */
gender_names *gender_load_cached(const char *path, const char *cache_dir, feit_error *err);

/* The names listed as gender 'm' or 'f'. */
size_t gender_count(const gender_names *g, char gender);

/* The gender of the first name name[0..n) (any case; a name not listed with its accents is
 * asked once more without them: "Élisabeth" as "elisabeth"): 'm', 'f', or 0 when it is not
 * listed. */
char gender_of_name(const gender_names *g, const char *name, size_t n);

/* The gender of a person by their full name ("Jan Peters", "Anne-Marie de Vries"): that of its
 * first word when there are two words or more (a one-word name may be a surname: "Thomas");
 * a double first name not listed as a whole ("Willem-Alexander") takes its first part's. 'm',
 * 'f' or 0 (unknown). g may be NULL (then 0). */
char gender_of_person(const gender_names *g, const char *name);

#endif
