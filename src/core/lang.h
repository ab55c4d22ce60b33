/*
 * lang.h — the language data of one language (models/<lang>/, e.g. models/nl/): everything the
 * stages know about Dutch that is not a name, a rule or a role lives there as text files, and
 * is loaded here: the Snowball stemmer to use, the common-word list, abbreviations (the
 * tokenizer), quote characters, the words that end a clause (the rule gaps) and the word
 * classes the name finders ask about (particles, titles, organisation and place heads ...).
 * The files and their format are described in models/nl/README.md; errors name
 * file:line:column (datafile.h).
 *
 * Ownership: lang_load returns an owned, immutable object (free with lang_free), shared
 * read-only by every thread; strings it hands out live as long as it.
 */
#ifndef FEIT_LANG_H
#define FEIT_LANG_H

#include "feit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The word classes of the name finders: X(ENUM, file, what it is for). The gazetteer index
 * carries one flag bit per class (gazetteer.h: WC_FLAG), so there are at most 17. A line of a
 * class file that starts with '-' is a suffix: "-straat" holds every longer word ending in
 * "straat" (lang_class_suffix); suffixes get no flag bit. */
#define LANG_CLASS_TABLE(X)                                                                      \
    X(PARTICLE, "particles", "inside a name: van, de, der, von, bin")                             \
    X(TITLE, "titles", "before a name: dr., mevrouw, koning")                                     \
    X(ORGHEAD, "org-heads", "ends an organisation name: Office, Bank, Partij")                    \
    X(ORGPREFIX, "org-prefixes", "opens an organisation name: Ministerie, Universiteit")          \
    X(PLACEHEAD, "place-heads", "ends a place name: County, Oblast, Arena; -straat, -plein")      \
    X(MINISTER, "minister-words", "minister(ie) van X names the ministry X")                      \
    X(CAPPARTICLE, "cap-particles", "a capitalised surname particle: Van, De, Du")                \
    X(LOCATIVE, "locatives", "licenses a one-word bulk-list place after it: in, naar, stad")      \
    X(CITYNOUN, "city-nouns", "de stad X, het dorp X: X is a city")                               \
    X(REGIONNOUN, "region-nouns", "de provincie X, de regio X: X is a location")                  \
    X(PLACEPREFIX, "place-prefixes", "opens a place name: Paleis Noordeinde, Kasteel de Haar")    \
    X(ORGNOUN, "org-nouns", "het bedrijf X, de supermarktketen X, X-winkels: X is an organisation") \
    X(MAYOR, "mayor-words", "burgemeester (X) van Y: Y is a city")                                \
    X(EPONYM, "eponym-nouns", "kabinet-X, regering-X: X is the person the body is named after")   \
    X(EVENT, "event-words", "Ronde van X, Tour de X: an event, not the place X")                  \
    X(SPORT, "sport-words", "a sentence about sport: a club named like its city is the club")     \
    X(SPORTVERB, "sport-verbs", "speelt, won, versloeg: about sport in an article about sport")

#define LANG_CLASS_ENUM_(E, file, what) LANG_##E,
enum { LANG_CLASS_TABLE(LANG_CLASS_ENUM_) LANG_NCLASSES };

/* Function words the name finders ask about by their role (function-words.txt: "role word ..."):
 * X(ENUM, role, what) */
#define LANG_FN_TABLE(X)                                                        \
    X(OF, "field", "links a body to its field: Ministerie van X, minister van X")      \
    X(FOR, "purpose", "links a body to its purpose: Stichting voor X")                 \
    X(AND, "join", "joins two fields inside a name: Onderwijs en Wetenschap")          \
    X(ARTICLE, "article", "a capitalised article opening a sentence is no name particle: De")         \
    X(DETERMINER, "determiner", "opens a description as an article does: deze club")                 \
    X(RESPECTIVELY, "respectively", "pairs two lists in order: A en B, respectievelijk X en Y")       \
    X(ROLELINK, "rolelink", "links a role to what it is held in: de premier van X, de gezant bij Y")  \
    X(AT, "place", "puts a place after it, not a club named after the place: in X, uit X, naar X")  \
    X(CLUB, "clubname", "what a club's listed name adds to its town's: FC Twente, Liverpool FC")     \
    X(PLURAL, "plural", "finite verbs of the plural: ze hebben, willen zij (no one woman)")           \
    X(SINGULAR, "singular", "finite verbs of the singular: ze heeft, wil zij")                          \
    X(SUBORD, "subordinator", "opens a clause whose finite verb comes last: dat ze ... denken")       \
    X(CONCESSIVE, "concessive", "after a comma, zij het: the pronoun is a conjunction (albeit)")      \
    X(SUBJECT, "subject", "a subject before ze in its clause: ze is the object, them (het ze goed gaat)") \
    X(PREPOSITION, "preposition", "ze after it is the object, them: met ze, om ze te")                \
    X(INDEFINITE, "indefinite", "iemand, niemand: a hij or zij later in the sentence stands for it")   \
    X(ORIGIN, "origin", "de club uit X, de man uit X: the description's entity is of X's country")     \
    X(FORMER, "formerprefix", "oud-international, ex-speler: the person noun after the hyphen")       \
    X(AGE, "age", "de 32-jarige (spits): the age word after a number and a hyphen")                    \
    X(PLURALSUFFIX, "pluralsuffix", "what a plural adds to an inhabitant noun: Belg-en, Nederlander-s")  \
    X(VERBPLURAL, "verbplural", "how a plural finite verb ends: Ze lach-en (a group), opening the clause") \
    X(COORD, "coordinator", "opens a main clause with its subject first: maar ze waagden het erop") \
    X(SUCCESSOR, "successor", "zijn voorganger, haar opvolger: the possessive before it stands for a person")

#define LANG_FN_ENUM_(E, role, what) LANG_FN_##E,
enum { LANG_FN_TABLE(LANG_FN_ENUM_) LANG_NFN };
_Static_assert(LANG_NFN <= 23, "lang_word_bits holds the roles in bits 0..22 (23..26: LANG_W_SFX_*)");

typedef struct feit_lang feit_lang;

/* Loads the language data in dir (models/nl). On failure returns NULL with err filled. */
feit_lang *lang_load(const char *dir, feit_error *err);
void lang_free(feit_lang *l);

const char *lang_code(const feit_lang *l);       /* "nl": the directory's name */
const char *lang_stemmer(const feit_lang *l);    /* Snowball algorithm: "dutch" */
const char *lang_words_file(const feit_lang *l); /* the common-word list (/usr/share/dict/dutch) */

/* The folded words of class c (LANG_*), n of them. */
const char *const *lang_class_words(const feit_lang *l, int c, size_t *n);
/* The questions below take the word's utf8_hash (as tokens carry it): one probe of a table
 * of every listed word. Is the folded word fold[0..n) in class c? */
bool lang_class_has(const feit_lang *l, int c, const char *fold, size_t n, uint32_t hash);
/* Does the folded word fold[0..n) end in a suffix of class c ("-straat": Kalverstraat), with at
 * least two bytes before it? */
bool lang_class_suffix(const feit_lang *l, int c, const char *fold, size_t n);
/* The file name of class c ("particles"), for messages. */
const char *lang_class_file(int c);

/* The longest abbreviation, in bytes (at most LANG_ABBREV_MAX - 1). */
#define LANG_ABBREV_MAX 32
size_t lang_abbrev_max(const feit_lang *l);
/* Is fold[0..n) (without its full stop) an abbreviation? *can_end: one that ends sentences
 * often enough that a capital after it starts a new one. */
bool lang_is_abbrev(const feit_lang *l, const char *fold, size_t n, int *can_end);
/* The folded function words of role fn, n of them. */
const char *const *lang_fn_words(const feit_lang *l, int fn, size_t *n);
/* Is the folded word fold[0..n) a function word of role fn (LANG_FN_*)? */
bool lang_is_fn(const feit_lang *l, int fn, const char *fold, size_t n, uint32_t hash);
/* A description noun (descriptions.txt): "land" stands for a country, "club" for an
 * organisation of kind club, "bedrijf" for one of kind company, bank or media. */
typedef struct lang_description {
    unsigned types;     /* bit (1 << feit_type) */
    const char **kinds; /* organisation kinds it fits ("club"), NULL-terminated; NULL: any */
} lang_description;
/* The description the folded noun is the head of, or NULL. */
const lang_description *lang_description_of(const feit_lang *l, const char *fold, size_t n, uint32_t hash);

/* A personal pronoun (pronouns.txt) and the gender of the person it stands for: 'm', 'f' or
 * 0 (either); *flags: LANG_PRON_POSSESSIVE, it needs a noun after it (zijn, haar);
 * LANG_PRON_PLURAL, it is also the plural pronoun (ze, zij: "ze hebben"); LANG_PRON_OBJECT,
 * only an object (hem): never the subject of its own clause. Returns false for no pronoun. */
enum { LANG_PRON_POSSESSIVE = 1, LANG_PRON_PLURAL = 2, LANG_PRON_OBJECT = 4 };
bool lang_pronoun(const feit_lang *l, const char *fold, size_t n, uint32_t hash, char *gender, unsigned *flags);

/* Everything the small lists say of the folded word fold[0..n), in one probe (for a stage that
 * asks several questions of the same word, or of every word: it can keep the answer per
 * token): bit (1 << LANG_FN_*) for each role of function-words.txt it has, and
 * LANG_W_CLAUSE (lang_is_clause_word), LANG_W_PRONOUN (lang_pronoun says more),
 * LANG_W_DESCRIPTION (lang_description_of says more), LANG_W_SFX_* (below); 0: a word in none
 * of them, with none of those suffixes. Bit 31 is never set: a cache may use it to mark a word
 * asked. */
enum { LANG_W_CLAUSE = 1u << 28, LANG_W_PRONOUN = 1u << 29, LANG_W_DESCRIPTION = 1u << 30 };
/* ... and the suffixes the name finders ask of nearly every capitalised word and the word
 * before it, bit LANG_W_SFX_* when lang_class_suffix of that class says yes (a word in no
 * list may have one: "kalverstraat" has LANG_W_SFX_PLACEHEAD and nothing else). Most words end
 * in none of them: one bit of the words' last three bytes says so. */
enum {
    LANG_W_SFX_ORGHEAD = 1u << 23,   /* lang_class_suffix(l, LANG_ORGHEAD, ...): -bank, -partij */
    LANG_W_SFX_ORGPREFIX = 1u << 24, /* LANG_ORGPREFIX: -raad, -bestuur */
    LANG_W_SFX_PLACEHEAD = 1u << 25, /* LANG_PLACEHEAD: -straat, -weg */
    LANG_W_SFX_ORGNOUN = 1u << 26    /* LANG_ORGNOUN: -bedrijf, -keten */
};
uint32_t lang_word_bits(const feit_lang *l, const char *fold, size_t n, uint32_t hash);

/* The longest function word or pronoun, in bytes: a longer word is neither (a cheap test
 * before the lookups above, for loops over every word). */
size_t lang_small_word_max(const feit_lang *l);
/* The longest pronoun, in bytes. */
size_t lang_pronoun_max(const feit_lang *l);

/* Is the code point a quotation mark? */
bool lang_is_quote(const feit_lang *l, int32_t c);
/* The quotation marks below 0x80 as a bitset (c is one when bit c & 63 of q[c >> 6] is set), for
 * a loop that asks of many bytes without a call for each. */
void lang_ascii_quotes(const feit_lang *l, uint64_t q[2]);
/* Does the folded word end a clause for the rules' strict gaps (en, of, maar)? hash: its
 * utf8_hash, as tokens carry it. */
bool lang_is_clause_word(const feit_lang *l, const char *fold, size_t n, uint32_t hash);

/* A hash of everything a compiled gazetteer depends on here (word classes, abbreviations,
 * quotes: they decide how names are tokenised and marked), for its stamp. */
uint64_t lang_stamp(const feit_lang *l);

#endif
