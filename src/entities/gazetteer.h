/*
 * gazetteer.h — the entity lists: loading the text sources (gazetteers/ *.tsv, format in
 * gazetteers/README.md), and the name index the matcher probes.
 *
 * Every name (canonical, alias, adjective, inhabitant noun) is tokenised with the document
 * tokenizer and keyed by its case-folded tokens, joined by a space where the name has white
 * space and directly where the parts are glued (Mexico-Stad -> "mexico-stad"). Every proper
 * prefix of a key is in the index too, flagged as a prefix, so the matcher extends a span only
 * while some name can still match. A key maps to a chain of hits (entry, form, case shape,
 * static score). All references are 32-bit offsets into flat arrays, so the index can be
 * written to disk and read back as is (gazetteer_save / gazetteer_open: a chunk at a time, each
 * checked, see gazetteer_private.h).
 *
 * Ownership: gazetteer_* constructors return an owned object (gazetteer_free); everything it
 * hands out is borrowed and immutable, shared read-only between threads.
 */
#ifndef FEIT_GAZETTEER_H
#define FEIT_GAZETTEER_H

#include "core/doc.h"
#include "core/lang.h"
#include "core/utf8.h"
#include "feit.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct feit_gazetteer feit_gazetteer;

typedef struct gaz_entry {
    uint32_t canonical, kb, country, iso, capital, admin, role, role_of, capital_of; /* pool offsets, 0 = none */
    uint32_t kind; /* pool offset of what kind of organisation it is ("club", "party", "bank"), 0 = unknown */
    uint32_t pop;
    uint8_t type; /* feit_type */
    uint8_t tier; /* 1 curated, 2 bulk */
    uint16_t pad;
} gaz_entry;

/* Case shape of one name token: what the text token must look like. */
enum { SHAPE_ANY = 0, SHAPE_CAP = 1, SHAPE_ALLCAPS = 2 };

/* A hit says what the matcher asks of its entry too (type, bulk, big_city: gazetteer_load
 * copies them), so that weighing a key's hits reads no entry: the entries are 12 MB read at
 * random, and the hits of a key lie together. */
typedef struct gaz_hit {
    uint32_t entry;
    uint32_t next;     /* next hit of the same key; 0 ends the chain (hit 0 is unused) */
    uint32_t shape;    /* SHAPE_* per token, 2 bits each, first 16 tokens */
    uint8_t form : 3;  /* feit_form */
    uint8_t ntok : 5;  /* 1 .. MAX_NAME_TOKENS */
    uint8_t type : 3;  /* the entry's (feit_type) */
    uint8_t bulk : 1;  /* the entry's tier is above 1 (a bulk list's) */
    uint8_t big_city : 1; /* the entry is a capital or has a million people or more */
    int16_t score;     /* static preference: type, tier, population, form */
} gaz_hit;
_Static_assert(FEIT_NFORMS <= 8 && FEIT_NTYPES <= 8, "a hit's form and type fit their bits");

enum {
    SLOT_PREFIX = 1,    /* a proper prefix of some name */
    SLOT_COMMON = 2,    /* a single word that is a common lower-case Dutch word */
    SLOT_FIRSTNAME = 4, /* a known first name */
    SLOT_SURNAME = 8,   /* the last word of some listed person's name */
    SLOT_SURNAME2 = 16, /* ... of a curated person, or of two bulk-list people or more */
    /* the word classes of the language the name rules ask about (core/lang.h: LANG_*, one bit
     * each from bit 5; gazetteer_load puts them in) */
#define WC_FLAG(c) (1u << (5 + (c)))
    WC_PARTICLE = WC_FLAG(LANG_PARTICLE),       /* inside a name: van, de, der, von, bin ... */
    WC_TITLE = WC_FLAG(LANG_TITLE),             /* before a name: dr., mevrouw, koning ... */
    WC_ORGHEAD = WC_FLAG(LANG_ORGHEAD),         /* ends an organisation: Office, Bank, Partij ... */
    WC_ORGPREFIX = WC_FLAG(LANG_ORGPREFIX),     /* opens an organisation: Ministerie, Universiteit ... */
    WC_PLACEHEAD = WC_FLAG(LANG_PLACEHEAD),     /* ends a place: County, Oblast ... */
    WC_MINISTER = WC_FLAG(LANG_MINISTER),       /* minister(ie) van X: the ministry X */
    WC_CAPPARTICLE = WC_FLAG(LANG_CAPPARTICLE), /* a capitalised surname particle: Van, De, Du ... */
    WC_LOCATIVE = WC_FLAG(LANG_LOCATIVE),       /* licenses a one-word bulk-list place after it */
    WC_CITYNOUN = WC_FLAG(LANG_CITYNOUN),       /* "de stad X", "het dorp X": X is a city */
    WC_REGIONNOUN = WC_FLAG(LANG_REGIONNOUN),   /* "de provincie X", "de regio X": X is a location */
    WC_PLACEPREFIX = WC_FLAG(LANG_PLACEPREFIX), /* opens a place: Paleis, Kasteel ... */
    WC_ORGNOUN = WC_FLAG(LANG_ORGNOUN),         /* "het bedrijf X", "X-winkels": X is an organisation */
    WC_MAYOR = WC_FLAG(LANG_MAYOR),             /* "burgemeester (X) van Y": Y is a town */
    WC_EPONYM = WC_FLAG(LANG_EPONYM),           /* "kabinet-X": X is a person */
    WC_EVENT = WC_FLAG(LANG_EVENT),             /* "Ronde van X": an event, not the place X */
    WC_SPORT = WC_FLAG(LANG_SPORT),             /* a word of a sentence about sport */
    WC_SPORTVERB = WC_FLAG(LANG_SPORTVERB),     /* speelt, won: sport in an article about sport */
};
_Static_assert(5 + LANG_NCLASSES <= GAZ_FLAG_BITS, "the word classes are bits of the slot flags");

/* A key is at most GAZ_KEY_MAX bytes (name_key caps names at 1024 bytes; longer words are not
 * put in the index), so its length and the flags share one 32-bit word and a slot stays 20
 * bytes. */
#define GAZ_KEY_MAX 1023u
typedef struct gaz_slot {
    uint32_t hash;
    uint32_t key; /* pool offset of the key; 0 = empty slot */
    uint32_t hits;
    uint32_t surname; /* entry+1 of the only tier-1 person with this last name, 0 none, UINT32_MAX ambiguous */
    uint32_t key_len : 10;
    uint32_t flags : GAZ_FLAG_BITS;
} gaz_slot;

/* The copy of a slot a token or the lexicon keeps (doc.h); s may be NULL (not found). */
static inline gaz_word gaz_word_of(const gaz_slot *s)
{
    gaz_word w = {0};
    if (s)
        w.hits = s->hits, w.surname = s->surname, w.flags = s->flags, w.found = 1;
    return w; /* (follows, follows_lower and the opens bits are not the slot's: gazetteer_word) */
}

/* gaz_word.opens: may a span open at a token of the word (the matcher reads bit
 * flags & TF_CAP, so a token skips what its case rules out)? At a lower-case token when some
 * name may start with the word in lower case (gazetteer_may_start_lower); at a capitalised one
 * when the word is a name or a name's prefix, a name with -s or 's (Trumps, Xi's) or ends as
 * "CDA'er" does. */
enum { GAZ_OPENS_LOWER = 1, GAZ_OPENS_CAP = 2 };
_Static_assert(TF_CAP == 1, "gaz_word.opens >> (flags & TF_CAP) is the bit of the token's case");

/* The length of a genitive's name in a fold ("trumps", "xi's": 5, 2), 0 when it has no such
 * ending; the matcher asks it of capitalised words only. */
static inline size_t gaz_genitive_base(const char *fold, size_t n)
{
    if (n < 3)
        return 0;
    if (n > 3 && fold[n - 2] == '\'' && fold[n - 1] == 's')
        return n - 2;
    if (fold[n - 1] == 's' && fold[n - 2] != 's')
        return n - 1;
    return 0;
}

/* Does a fold end as a member of a party does ("cda'er", "pvda'ers": an apostrophe 3 to 5 bytes
 * before its end)? */
static inline bool gaz_member_shape(const char *fold, size_t n)
{
    return n >= 4 && (fold[n - 3] == '\'' || fold[n - 4] == '\'' || (n >= 5 && fold[n - 5] == '\''));
}

/* Loads every *.tsv (sorted by name) in each of dirs[0..ndirs), firstnames.txt where present,
 * marks common words from words_file (one word per line, e.g. /usr/share/dict/dutch; NULL or
 * missing: none) and the word classes of the language (WC_*). Names are tokenised with lang's
 * data, as documents are. A name listed again for the same canonical+type adds to that entry.
 * Returns NULL and fills err (file:line:column) on the first malformed line. */
feit_gazetteer *gazetteer_load(const char *const *dirs, size_t ndirs, const feit_lang *lang, const char *words_file,
                               feit_error *err);
void gazetteer_free(feit_gazetteer *g);

/* Writes the loaded index in the compiled form (magic "FEITGAZ", format version, stamps of the
 * sources, checksums of the header and of every chunk of the tables; gazbin.c). */
int gazetteer_save(const feit_gazetteer *g, const char *path, uint64_t stamp, uint64_t lang_stamp, feit_error *err);
/* Opens a compiled index, checking magic, version, stamps, the header's checksum and that its
 * counts fit together and the file's size; the tables are read later, a chunk at a time, when
 * first probed, each checked against its checksum and its references against their tables.
 * stamp NULL: the sources are not at hand (an installed copy), only the language data's stamp
 * is checked. Returns NULL with err (file, why) when the file is refused. */
feit_gazetteer *gazetteer_open(const char *path, const uint64_t *stamp, uint64_t lang_stamp, feit_error *err);
/* 0, or FEIT_EFORMAT with err (the file, what was wrong, `feit compile` as the fix) once a
 * chunk of a compiled index was found corrupt or cut short (the file changed under the run):
 * what the probes handed out since may be incomplete. Thread-safe. */
int gazetteer_status(const feit_gazetteer *g, feit_error *err);
/* Reads and checks every chunk now (lint, tests); then as gazetteer_status. */
int gazetteer_verify(const feit_gazetteer *g, feit_error *err);
/* A stamp of the sources: sizes and mtimes of the .tsv and .txt files and of the word list. */
uint64_t gazetteer_stamp(const char *const *dirs, size_t ndirs, const char *words_file);

/* Checks files without loading: malformed lines, unknown attributes, duplicate canonical+type
 * and duplicate aliases across entries; each problem printed to out as file:line:column: msg.
 * Returns the number of problems. */
int gazetteer_lint(const char *const *paths, size_t npaths, FILE *out);

/* Index probes. */
/* All the index says of one word or key (fold, its gazetteer_key_hash: a word's utf8_hash): its
 * slot (gaz_word_of), whether a span may go on to it (gazetteer_may_follow) and whether one may
 * open at it (opens_lower, opens_cap). The lexicon asks once per word type and keeps the answer. */
gaz_word gazetteer_word(const feit_gazetteer *g, const char *fold, size_t len, uint32_t hash);
const gaz_slot *gazetteer_find(const feit_gazetteer *g, const char *key, size_t len, uint32_t hash);
const gaz_hit *gazetteer_hit(const feit_gazetteer *g, uint32_t i);   /* NULL for 0 */
/* 1 when the hit chain starting at hit (a slot's or gaz_word's `hits`) holds a name of its own,
 * not only the partial hits of surnames. */
int gazetteer_names(const feit_gazetteer *g, uint32_t hit);
const gaz_entry *gazetteer_entry(const feit_gazetteer *g, uint32_t i);
const char *gazetteer_str(const feit_gazetteer *g, uint32_t off);     /* NULL for 0 */
uint32_t gazetteer_max_tokens(const feit_gazetteer *g);
/* 0 when no name can start with a lower-case token of this hash (a bloom filter: 1 may be a
 * false positive). The lexicon keeps the answer per word type (gaz_word.opens, GAZ_OPENS_LOWER:
 * gazetteer_word). */
int gazetteer_may_start_lower(const feit_gazetteer *g, uint32_t hash);
/* 0 when no name or name prefix of two tokens or more has this key hash (a bloom filter); with
 * lower, only names that may start with a lower-case token count (a span whose first text token
 * is not capitalised can match no other). The matcher asks it before extending a span, so most
 * extensions cost no probe of the big index. */
int gazetteer_may_span(const feit_gazetteer *g, uint32_t hash, bool lower);
/* GAZ_FOLLOWS unless no name has a token after its first whose fold hashes to hash (utf8_hash
 * of the fold, as feit_token.hash; a bloom filter: a bit may be a false positive): a span cannot
 * go on to a token without it. GAZ_FOLLOWS_LOWER the same of the names that may start with a
 * lower-case token (as gazetteer_may_span with lower): a span opening in lower case goes on
 * only to a token with it. The lexicon asks once per word type and keeps both
 * (gaz_word.follows, gaz_word.follows_lower). */
enum { GAZ_FOLLOWS = 1, GAZ_FOLLOWS_LOWER = 2 };
unsigned gazetteer_may_follow(const feit_gazetteer *g, uint32_t hash);
size_t gazetteer_size(const feit_gazetteer *g); /* entries */
/* Entry of the country with ISO code iso, or -1. */
int32_t gazetteer_country(const feit_gazetteer *g, const char *iso);
/* Entry of type type whose canonical name is name (words separated by single spaces, no
 * hyphens or punctuation: "Europese Commissie"), or -1 when the lists have none. */
int32_t gazetteer_named(const feit_gazetteer *g, const char *name, feit_type type);

/* Key hashes. A key's hash is made of the hashes of its words (the runs between its spaces,
 * each hashed by utf8_hash: a one-word key's hash is its token's, feit_token.hash), joined from
 * the left by gazetteer_key_join. So the matcher extends a span by the next token's own hash,
 * not by its bytes, and a key's hash is a function of its bytes alone, not of how a tokenizer
 * split them (a glued token, "noord-holland", goes on its word: that word is hashed again). */
static inline uint32_t gazetteer_key_join(uint32_t before, uint32_t word)
{
    uint32_t x = before * 0x9E3779B1u; /* (rotated: the low bits of the index and the filters
                                          depend on every bit of before) */
    return (x << 16 | x >> 16) ^ word;
}
/* The hash of key[0..len), as above (index building, and the keys stages above write whole). */
uint32_t gazetteer_key_hash(const char *key, size_t len);
/* gazetteer_find of key[0..len) with its gazetteer_key_hash. */
const gaz_slot *gazetteer_lookup(const feit_gazetteer *g, const char *key, size_t len);

#endif
