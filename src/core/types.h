/*
 * types.h — the one table of entity types, mention forms and sources (docs/format.md). Every
 * name of a type in the output, the gazetteer lists and predicates.tsv, its keyword in the rule
 * language, its RDF and schema.org classes, its colour and CSS class on the web page come from
 * FEIT_TYPE_TABLE; nothing else in src/ spells them. The enums in feit.h follow the rows in
 * order (types.c checks it). A new type is a row here and an enum value in feit.h (see
 * docs/architecture.md).
 */
#ifndef FEIT_TYPES_H
#define FEIT_TYPES_H

#include "feit.h"

#include <stdbool.h>
#include <stddef.h>

/* X(ENUM, name, rule keyword, class (RDF, Neo4j label), schema.org class, Wikidata class or NULL,
 *   colour, a place?, gazetteer score: the static preference of a name of this type when one
 *   span has entries of several types; -1: cities, ranked by population in gazetteer.c) */
#define FEIT_TYPE_TABLE(X)                                                                              \
    X(PERSON, "person", "PERSON", "Person", "Person", "Q5", "#c0392b", false, 40)                       \
    X(COUNTRY, "country", "COUNTRY", "Country", "Country", "Q6256", "#2c6fbb", true, 60)                \
    X(CITY, "city", "CITY", "City", "City", "Q515", "#2e8b57", true, -1)                                \
    X(LOCATION, "location", "LOCATION", "Location", "Place", NULL, "#7d5ba6", true, 35)                 \
    X(ORGANISATION, "organisation", "ORG", "Organisation", "Organization", "Q43229", "#d48806", false, 45)

/* X(ENUM, name, rule keyword (pattern element TYPE/keyword), counts as a name for /name,
 *   matched by an entity element without /keyword) */
#define FEIT_FORM_TABLE(X)                              \
    X(NAME, "name", "name", true, true)                 \
    X(PARTIAL, "partial", "partial", true, true)        \
    X(ADJECTIVE, "adjective", "adj", false, false)      \
    X(INHABITANTS, "inhabitants", "inh", false, true)   \
    X(DESCRIPTION, "description", "desc", false, true)  \
    X(PRONOUN, "pronoun", "pron", false, true)

/* X(ENUM, name): the time status of a fact */
#define FEIT_TIME_TABLE(X) \
    X(CURRENT, "current")  \
    X(FORMER, "former")    \
    X(DESIGNATE, "designate")

/* X(ENUM, name) */
#define FEIT_SOURCE_TABLE(X) \
    X(GAZETTEER, "gazetteer") \
    X(RULE, "rule")           \
    X(COREF, "coref")         \
    X(MODEL, "model")

typedef struct feit_type_info {
    const char *name, *rule, *cls, *schema, *wikidata, *colour;
    bool place;
    int score;
} feit_type_info;

typedef struct feit_form_info {
    const char *name, *rule;
    bool named, by_default;
} feit_form_info;

extern const feit_type_info feit_types[FEIT_NTYPES];
extern const feit_form_info feit_forms[FEIT_NFORMS];

/* The time status named s[0..n) ("former"), or -1. */
int types_find_time(const char *s, size_t n);
/* The type named s[0..n) ("organisation"), or -1. */
int types_find(const char *s, size_t n);
/* The type whose rule keyword is s[0..n) ("ORG"), or -1. */
int types_find_rule(const char *s, size_t n);
/* The form whose rule keyword is s[0..n) ("adj"), or -1. */
int types_find_form_rule(const char *s, size_t n);

/* Masks, as constant expressions: bit (1 << feit_type) / (1 << feit_form). */
#define TYPES_X_PLACE_(E, n, r, c, s, w, col, place, score) | ((place) ? 1u << FEIT_##E : 0u)
#define TYPES_X_NAMED_(E, n, r, named, dflt) | ((named) ? 1u << FEIT_FORM_##E : 0u)
#define TYPES_X_DEFAULT_(E, n, r, named, dflt) | ((dflt) ? 1u << FEIT_FORM_##E : 0u)
#define TYPES_PLACE (0u FEIT_TYPE_TABLE(TYPES_X_PLACE_))         /* country, city, location */
#define TYPES_ALL ((1u << FEIT_NTYPES) - 1)
#define FORMS_ALL ((1u << FEIT_NFORMS) - 1)
#define FORMS_NAMED (0u FEIT_FORM_TABLE(TYPES_X_NAMED_))         /* what TYPE/name matches */
#define FORMS_DEFAULT (0u FEIT_FORM_TABLE(TYPES_X_DEFAULT_))     /* what TYPE without /form matches */

#endif
