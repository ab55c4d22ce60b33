/*
 * rules.h — the compiled form of a relation rule set (models/relations.rules, the predicate
 * vocabulary and the role lexicon it names), shared by the loader (rules.c, rules_parse.c,
 * rules_vocab.c) and the matcher (relate.c, relate_match.c). The language itself is documented
 * in models/README.md.
 *
 * Ownership: everything hangs off one feit_rules, built once by rules_load and then read-only
 * (threads share it). All strings live in its arena; nodes, sets, rules are plain arrays
 * indexed by int, so nothing points into a growing array.
 */
#ifndef FEIT_RULES_H
#define FEIT_RULES_H

#include "core/arena.h"
#include "relations/relate.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Loads a rule file (and the lexicons it includes, relative to its directory), stemming word
 * sets with the Snowball algorithm named stemmer ("dutch"). On error returns NULL with
 * err->file/line/column set to the offending place. The result is owned (free with rules_free),
 * immutable and shared read-only by every thread. */
feit_rules *rules_load(const char *path, const char *stemmer, feit_error *err);
void rules_free(feit_rules *r);

#define RULES_MAX_CAPTURES 8
#define RULES_DOC (-2)  /* emit argument: the document's country (d->doc_country) */
#define RULES_WHO (-3)  /* emit argument: the person a `describe` rule's description stands for */
#define RULES_LAST (-4) /* emit argument: that argument of the latest fact with the same predicate
                           earlier in the document ("Ook X kreeg een boete": the body that fined) */
#define RULES_ROLES_OF (-2) /* emit predicate `roles-of`: the subject takes the object's roles
                               ("A wordt opgevolgd door B": B has the roles A has in the text) */

/* Type and form masks (bit 1 << feit_type, 1 << feit_form) are core/types.h's TYPES_* and
 * FORMS_*. The default for an entity element is every form but the adjective ("Russische" is a
 * modifier, not an argument, unless the rule asks for /adj). */

#define RULES_MAX_OWN_KINDS 32 /* kinds in an 'own-heads' statement, at most */
#define RULES_MAX_COMMON 32    /* words of the 'common' statements, at most */
#define RULES_MAX_DEPS 8

typedef enum {
    RN_ENT,   /* an entity mention of one of `types`, whose form is in `forms` */
    RN_ROLE,  /* a role noun of the role lexicon */
    RN_WORD,  /* a literal token (folded text) */
    RN_STEMS, /* a token whose Snowball stem matches a word set */
    RN_GAP,   /* 0..max units (a mention counts as one unit) */
    RN_GROUP, /* alternatives ( a | b ) */
    RN_NOT,   /* negative look-ahead !( ... ): zero width */
} rnode_kind;

/* 32 bytes, two to a cache line: the matcher reads a rule's nodes at random per sentence, so
 * their lines push the earlier stages' out of the L2. Hence the narrow fields (their ranges
 * checked by rules_parse.c), one string for the two kinds that have one, and the element's text
 * (`feit explain`) apart in rules->node_src. */
typedef struct rnode {
    uint8_t kind;     /* rnode_kind */
    bool optional;    /* x? */
    bool glued;       /* ^x: the first token has no space before it */
    bool strict;      /* RN_GAP: may not skip a named mention (adjectives are fine) */
    bool behind;      /* <x (RN_WORD, RN_STEMS): the token before the position, zero width */
    int8_t capture;   /* capture slot, or -1 */
    uint8_t types;    /* RN_ENT */
    uint8_t forms;    /* RN_ENT */
    uint8_t gap_max;  /* RN_GAP: at most RULES_MAX_GAP */
    uint8_t nalts;    /* RN_GROUP/RN_NOT: at most RULES_MAX_ALTS */
    uint16_t wlen;    /* RN_WORD: strlen(word), at most RULES_MAX_WORD */
    int32_t next;     /* next node of the same sequence, -1 at its end */
    int32_t arg;      /* RN_STEMS: set index; RN_GROUP/RN_NOT: first alternative in rules->alts */
    uint32_t hash;    /* RN_WORD: utf8_hash of word, the same as feit_token.hash */
    union {
        const char *word;     /* RN_WORD: folded literal */
        const char *org_kind; /* RN_ENT: an organisation of these kinds only (ORG.party, ORG.club|company: '|'-separated), or NULL */
    };
} rnode;
_Static_assert(sizeof(rnode) == 32, "rnode: two to a cache line");
#define RULES_MAX_GAP 100       /* ...N, _N */
#define RULES_MAX_ALTS 64       /* alternatives of a group */
#define RULES_MAX_WORD UINT16_MAX /* bytes of a folded literal */

/* A word the sentence must contain for a rule to have a chance: one of up to RULES_REQ_LITS
 * literals or a word of one of up to RULES_REQ_SETS word sets (a literal, a word set, or a group
 * each of whose alternatives needs such a word: "(rondreis | tournee | @reis)"). Checked once
 * per sentence before any matching. */
#define RULES_REQ_SETS 6
#define RULES_REQ_LITS 32
#define RULES_MAX_REQS 4
typedef struct rreq {
    int32_t lit_first, nlits; /* literal nodes: rules->req_lits[lit_first .. lit_first + nlits) */
    int32_t nsets;            /* and/or any of these sets */
    int32_t sets[RULES_REQ_SETS];
} rreq;

/* One word of a word set: a Snowball stem and how it may sit inside a compound. */
typedef struct rstem {
    const char *stem;
    uint32_t len;
    bool head; /* *word: the token's stem may end with it (partnerschapsovereenkomst) */
    bool lead; /* word*: the token's stem may start with it (samenwerkingsverband) */
} rstem;

typedef struct rset {
    const char *name;
    int32_t first, n; /* into rules->stems */
} rset;

typedef struct rpred {
    const char *name;
    const char *wikidata;                 /* default property, or NULL */
    const char *wd_by_type[FEIT_NTYPES];  /* property by object type (ligt_in: P17 / P131) */
    bool symmetric;
    bool role;                            /* named by the role lexicon */
    uint8_t subj_types, obj_types;
} rpred;

typedef struct rrole {
    const char *word;      /* folded variant: "buitenlandminister", "navo-chef" */
    int32_t pred;          /* predicate index, -1 for "not a role" (oud-premier) */
    const char *qualifier; /* "buitenlandse zaken", or NULL */
    bool inherit;          /* ambtgenoot: takes the role of the person it is set against */
    const char *body;      /* the body the position is in when the text names none
                              ("eurocommissaris": "Europese Commissie"), or NULL */
    feit_arg body_arg;     /* that body as the gazetteer knows it (rules_bind_body); its
                              canonical is NULL until bound */
} rrole;

typedef struct remit {
    int8_t time;           /* feit_time the emit states (current/former/designate after the
                              object), or -1: from the time cues around the match */
    int8_t subj, obj;      /* capture slots, or RULES_DOC / RULES_WHO / RULES_LAST */
    int8_t country_of[2];  /* RULES_DOC as "A.country": the capture whose country it is (-1:
                              the other argument's, as for DOC) */
    int8_t pred_capture;   /* role capture giving the predicate, or -1 */
    int32_t pred;          /* predicate index when pred_capture < 0, or RULES_ROLES_OF */
    float confidence;      /* < 0: the rule's */
    const char *qualifier; /* or NULL */
} remit;

typedef struct rrule {
    const char *id;
    float confidence;
    bool nocue;       /* negation/hedging cues are not applied */
    bool samecountry; /* the captured entities must share their gazetteer country */
    bool nogroup;     /* a captured member of a list stands for itself only (and samecountry) */
    bool diffcountry; /* two captured entities are known to belong to different countries */
    bool describe;    /* the match describes a person named nearby (WHO); runs before the rest */
    bool fallback;    /* emits only when no earlier rule gave the same subject and predicate in
                         the sentence ("premier X" with the document's country) */
    int32_t head;     /* first node */
    /* The leading zero-width tests (look-behinds, negative look-aheads such as %NOTFORMER)
     * depend on the start position only, so relate.c matches the rest first (body) and then
     * them (pre: copies of those nodes, chained, or -1): most starts fail on the first word. */
    int32_t body, pre;
    int32_t min_ments; /* mentions the sentence must hold before the rule is tried */
    int32_t first_emit, nemits;
    int32_t ncaptures;
    uint8_t anchor_types;   /* != 0: the match starts with an entity of these types */
    int32_t anchor;         /* the first word the match consumes (after look-arounds), or -1 */
    /* What the token after the first element (the entity of anchor_types, when the body starts
     * with it, the anchor word, or an entity of a first group whose entities stand alone:
     * rules.c, lone_ents) can be: a literal whose hash has a bit of after_anchor (as
     * rules->alt_first), or where an entity of after_types starts; RULES_FIRST_ANY: anything
     * (rules.c) */
    uint64_t after_anchor;
    uint8_t after_types;
    /* Else, what the first token of a match can be (its first element a group, an optional
     * element, ...): the start of an entity of first_types, a free word of a set in
     * rules->first_set_ids[first_set .. + nfirst_sets) (as a bitset of sets: rules->first_masks,
     * the rule's row), a role word (first_role) or one of the literals rules->first_lits[first_lit
     * .. + nfirst_lits); first_any: anything (a gap first, a pattern that may match nothing) */
    bool first_any, first_role;
    uint8_t first_types;
    int32_t first_set, nfirst_sets;
    uint64_t first_bits; /* with one word of sets (rules->set_words 1): the first sets' bits */
    int32_t first_lit, nfirst_lits;
    int32_t nreqs;
    rreq reqs[RULES_MAX_REQS];
    const char *capture_names[RULES_MAX_CAPTURES];
    bool capture_is_role[RULES_MAX_CAPTURES];
} rrule;

/* A rule's cheap test against a sentence, packed apart from the rule (relate.c runs it for
 * every rule and sentence, so the tests of all rules stay in a few kilobytes). */
typedef struct rtest {
    int32_t min_ments;
    bool describe;
    uint8_t nreqs;
} rtest;

/* A literal some requirement names, by folded word: lit_index maps it to its number, which
 * picks its rows of rs_req. */
typedef struct rlit_slot {
    const char *word; /* NULL: empty */
    uint32_t len, hash; /* hash: utf8_hash of word, the same as feit_token.hash */
    int32_t id;
} rlit_slot;

/* A cue word: negation suppresses the triple, hedging multiplies its confidence; a time cue
 * ("voormalig", "oud", "beoogd") says the fact no longer, or not yet, holds. */
typedef struct rcue {
    const char *word; /* folded */
    uint32_t len, hash; /* strlen and utf8_hash of word (as feit_token's fold_len and hash) */
    float factor;     /* 0 = suppress; 1 for time cues */
    int8_t time;      /* FEIT_TIME_FORMER / FEIT_TIME_DESIGNATE for a time cue, -1 for a word that
                       * voids the time cue before it (time-void), else 0 */
} rcue;

/* Word sets as bitsets: set k is bit k % 64 of word k / 64 of an array of rules->set_words
 * 64-bit words (the number of sets rounded up, at least one). The index (and with it the
 * bitsets of rules below) holds up to RULES_INDEX_SETS sets; a rule file with more still works,
 * stem by stem and rule by rule (several times slower; `feit lint` says so). */
#define RULES_MAX_SET_WORDS 64
#define RULES_TOP_LITS 8
#define RULES_TOP_BYTES (1u << 20) /* rs_top at most: fewer literals when it would be more */
#define RULES_INDEX_SETS (64 * RULES_MAX_SET_WORDS)

/* Every word-set stem, hashed: the sets that hold it as a whole word, as a compound head
 * (*word) and as a compound lead (word*), as bitsets (rules->stem_masks[masks ..]: exact, then
 * head, then lead, set_words words each). Lets relate_match.c find all the sets of a token in a
 * few probes instead of comparing it with every stem. */
typedef struct rstem_slot {
    const char *stem; /* NULL: empty */
    uint32_t len, hash; /* hash: utf8_hash of stem */
    uint32_t masks;     /* offset of the three bitsets in rules->stem_masks */
} rstem_slot;

struct feit_rules {
    feit_arena arena;
    rstem_slot *stem_index; /* NULL when there are more than RULES_INDEX_SETS sets: then the sets
                               are no bitsets anywhere (token sets, rs_req), and stems are
                               compared one by one */
    uint32_t stem_index_size; /* power of two */
    int32_t set_words;        /* 64-bit words of a bitset of sets (with stem_index) */
    /* The stemmer's stem of a word rules_stem_cuts knows is always one of its cuts (the
     * stemmer is Snowball's Dutch and gave each set word a stem among its cuts: rules_load),
     * so the lexicon's hook need not stem a word none of whose cuts is in a set
     * (relate_match.c, word_sets) */
    bool stem_cuts;
    uint64_t *stem_masks;     /* the bitsets of the stem index's slots (rstem_slot.masks) */
    uint64_t *first_masks;    /* per rule, its first sets (rrule.first_set) as a bitset of
                                 set_words words (with stem_index) */
    int32_t *first_set_ids;   /* the sets a match may start with (rrule.first_set) */
    int32_t nfirst_set_ids, cfirst_set_ids;
    /* The lengths of the index's stems by their edges (with stem_index; RULES_EDGE_KEYS words
     * for whole stems, then as many for heads, then for leads): bit l of the word of key k
     * says some whole stem (head) of l bytes ends with three bytes of rules_end_key k, of a
     * lead's that some lead of l bytes starts with three of rules_edge_key k; bit 31 stands
     * for 31 bytes and more. A stem of fewer than three bytes sets its bit under every key it
     * may end (start) with. So a word is looked up whole only when its length has a bit under
     * its last three bytes, and its tails and beginnings only at the lengths that do: most
     * words probe nothing, and a word that may hold a head probes one or two lengths, not all
     * (two bytes, the first form, let through twice the probes). */
    uint32_t *edge_lens;
    uint64_t role_bloom[64]; /* 4096-bit filter of role words (utf8_hash): most words are no role */
    rnode *nodes;
    int32_t nnodes, cnodes;
    const char **node_src; /* per node, the element as the rule file writes it (`feit explain`),
                              or NULL; cnode_src: its capacity */
    int32_t cnode_src;
    int32_t *alts; /* heads of alternatives */
    int32_t nalts, calts;
    /* per alternative: a 64-bit filter of the hashes its first token may have (bit hash & 63),
     * or RULES_FIRST_ANY; lets look-behinds skip positions no alternative can start at, and
     * groups and look-aheads the alternatives that cannot start at the token */
    uint64_t *alt_first;
    rstem *stems;
    int32_t nstems, cstems;
    rset *sets;
    int32_t nsets, csets;
    rpred *preds;
    int32_t npreds, cpreds;
    rrole *roles; /* sorted by word after loading */
    int32_t nroles, croles;
    remit *emits;
    int32_t nemits, cemits;
    rrule *rules;
    int32_t nrules, crules;
    rtest *tests; /* per rule */
    /* the rules of each pass of relate.c, in file order: describe rules (they make the
     * descriptions later rules see), then the others; pass k is by_pass[pass_start[k] ..
     * pass_start[k + 1]) */
    int32_t *by_pass;
    int32_t pass_start[3];
    /* The same tests for all rules at once, as bitsets of rules (rule i: bit i % 64 of word
     * i / 64, so walking the bits walks the rules in file order); made with the stem index
     * (rs_words > 0). relate.c ANDs, for a sentence: the rules of the pass that
     * need at most its mention count, and for each requirement slot q the rules it meets. */
    int32_t rs_words;  /* 64-bit words per bitset */
    int32_t ment_cap;  /* the largest min_ments */
    uint64_t *rs_pass; /* [pass][m][rs_words], m = 0..ment_cap: rules needing at most m mentions */
    uint64_t *rs_req;  /* [k][q][rs_words], k < rs_rows: requirement q met by set k (k < nsets);
                          k = nsets: rules with no requirement q; k = nsets + 1 + i: met by
                          literal i (the RULES_MAX_REQS rows of one k side by side: a sentence
                          ORs them at once). Read from the rules cache: rows up to k = nsets
                          only (the others are in rs_nz) */
    int32_t rs_rows;   /* nsets + 1 + nlits */
    /* The same rows of rs_req without their zero words (a set or literal is asked for by a few
     * rules: most of a row's RULES_MAX_REQS * rs_words words are 0): row k's words are
     * rs_nz[rs_nz_first[k] .. rs_nz_first[k + 1]), each its offset in the row and its bits.
     * Made with the rest at parsing (rules_index_rows; in the arena), kept in the rules cache. */
    uint32_t *rs_nz_first;
    struct rrow_word *rs_nz;
    /* The same again for a sentence of m < few_ments mentions, each word with the bits of just
     * the rules that need at most m (rs_pass, either pass; relate.c drops the others anyway):
     * words left with none are left out. Row k of m: rs_few[rs_few_first[m * (rs_rows + 1) +
     * k] .. + 1]); NULL without rs_nz. few_ments (ment_cap at most) is the first m whose rows
     * would keep more than half of rs_nz's words: from there on the sentence ORs rs_nz, a
     * second copy of nearly the same rows being more lines to keep in the cache than the
     * words it saves (the bundled rules: 89 words for one mention, 2,640 of 2,741 for two).
     * Made with them (rules_index_rows; in the arena). */
    uint32_t *rs_few_first;
    struct rrow_word *rs_few;
    int32_t few_ments;
    /* The literals most rules ask for ("van", "bij", "in", ...: the RULES_TOP_LITS whose rows
     * have the most words), which most sentences hold: lit_top[i] is literal i's place among
     * them, or -1; rs_top holds, for each set of them (a bit per place), the row of the rules
     * with no requirement q ORed with their rows (rs_nz: of all the rules, whatever their
     * mention count; relate.c lists only the rules with mentions enough anyway): rules_met
     * starts from it instead of ORing them one by one. Block `set` of RULES_MAX_REQS * rs_words
     * words; ntop is fewer than RULES_TOP_LITS when the blocks would take more than
     * RULES_TOP_BYTES. NULL without literals, or when even one would. Made with the rows
     * (rules_index_rows; in the arena). */
    int8_t *lit_top;
    int32_t ntop;
    uint64_t *rs_top;
    /* Per byte b, the number of the requirement literal that is the one-byte word b (",", "(",
     * "-"), or -1: the marks between words, which have no word record to keep it, are answered
     * by rules_lit_of without a probe of lit_index. Made with the rows (rules_index_rows). */
    int32_t lit_byte[256];
    /* Per node (nnodes), for a gap (RN_GAP): what the first token after the gap can be
     * (rfollow), so the matcher tries the rest only at the gap's ends where it can start.
     * Unused for other nodes. Made with the rows (rules_index_rows; in the arena, as gap_sets:
     * the word sets of rfollow.sets, set_words words each), kept in the rules cache. */
    struct rfollow *gap_next;
    uint64_t *gap_sets;
    uint32_t ngap_sets; /* the words of gap_sets the gaps use */
    /* Per rule (nrules), what its body cannot match without, later than where the match starts
     * (rlater). Made with the rows (rules_index_rows; in the arena), kept in the rules cache. */
    struct rlater *later;
    /* With rs_req: per set p of a sentence's mention types (bit 1 << feit_type, TYPES_ALL at
     * most), the rules whose later entity and first entity (rlater: types, anchor_types) may be
     * there, as a bitset of rules (rs_words words; row p at p * rs_words): one of the types is in
     * p, or is a person (a description may stand for one). Rows TYPES_ALL + 1 + p are the same
     * for a sentence where a role may start; rows p leave out the rules that need a role
     * (rlater.role). Made with later. */
    uint64_t *rs_types;
    /* With rs_req, when every rule that needs at most gate_ments mentions (either pass; 1 at
     * most: most sentences tried have one, and few rules need so few) has a role, a later
     * literal (rlater: role, lit) or a requirement, a sentence of so few mentions lists no rule
     * unless a role may start in it (gate_role: one of those rules has a role), it holds a
     * literal of gate_lits (a bit per literal number: of each of those rules with no role, the
     * literals of the requirement whose words' rows are smallest, a guess at the rarest, or
     * its later literal when it has no requirement) or a word of a set of gate_sets
     * (set_words words: the sets of that requirement); relate.c scans it no further then. With
     * packed word sets (set_words > 1) the lexicon keeps each word's answer as it fills the
     * word's sets (relate_match.h: RELATE_PACK_GATE).
     * gate_ments -1: no such test. Made with later and the rows (rules_index_rows; in the
     * arena). */
    int32_t gate_ments;
    bool gate_role;
    uint64_t *gate_lits;
    uint64_t *gate_sets;
    int32_t *first_lits; /* literal nodes a match may start with (rrule.first_lit) */
    int32_t nfirst_lits, cfirst_lits;
    int32_t *req_lits; /* the literal nodes of the requirements (rreq.lit_first) */
    int32_t nreq_lits, creq_lits;
    rlit_slot *lit_index; /* the distinct literals of req_lits (NULL when none) */
    uint32_t lit_index_size; /* power of two */
    int32_t nlits;
    rcue *cues;
    int32_t ncues, ccues;
    /* 4096-bit filters of the cue words (bit hash & 4095, as rules_cue_bit): [0] the negation
     * and hedging cues, [1] the time cues and the words that void them; a token without its bit
     * is no such cue (made with the rows: rules_index_rows). Some forty time words would set
     * most bits of 64, and "op" or "dit" passes all the same. */
    uint64_t cue_bits[2][64];
    int32_t cue_window; /* tokens before the match that still count for cues */
    int32_t cue_after;  /* tokens after the match that still count for cues */
    int32_t min_ments;  /* smallest rrule.min_ments */
    /* organisation kinds with heads of their own ('own-heads company bank ...'): a role
     * without its country in a sentence naming one does not take the document's country */
    const char *own_kinds[RULES_MAX_OWN_KINDS];
    int32_t nown_kinds;
    /* the kind of a team ('team-kind club'): a role no country has ("teambaas X") with no
     * organisation in its sentence is the team's the document is about; NULL: none */
    const char *team_kind;
    /* the files the rule file names (predicates, roles), as it names them joined to its
     * directory: the rules cache checks their content (rules_cache.c); ndeps > RULES_MAX_DEPS:
     * more than it keeps, and the set is not cached */
    const char *deps[RULES_MAX_DEPS];
    int32_t ndeps;
    /* a rule set read from the rules cache: its arrays and strings all point into this one
     * block (owned; rules_free frees it instead of the arrays), else NULL; image_map: the
     * mapping the block lies in (image_map_len bytes, munmap'd), or NULL when it is malloc'd */
    void *image;
    void *image_map;
    size_t image_map_len;
};

#define RULES_FIRST_ANY UINT64_MAX

/* The filter key of three bytes (rules.h: edge_lens), and the filters' parts there. */
#define RULES_EDGE_BITS 12
#define RULES_EDGE_KEYS (1u << RULES_EDGE_BITS)
enum { RULES_LENS_WHOLE = 0, RULES_LENS_HEAD = RULES_EDGE_KEYS, RULES_LENS_LEAD = 2 * RULES_EDGE_KEYS };
static inline uint32_t rules_byte_key(unsigned char a, unsigned char b, unsigned char c)
{
    return (((uint32_t)a << 16 | (uint32_t)b << 8 | c) * 2654435761u) >> (32 - RULES_EDGE_BITS);
}
static inline uint32_t rules_edge_key(const char *three)
{
    return rules_byte_key((unsigned char)three[0], (unsigned char)three[1], (unsigned char)three[2]);
}
/* the key of the last three bytes of s[0 .. n), a shorter s read as NUL bytes before it */
static inline uint32_t rules_end_key(const char *s, size_t n)
{
    if (n >= 3)
        return rules_edge_key(s + n - 3);
    return rules_byte_key(0, n == 2 ? (unsigned char)s[0] : 0, n ? (unsigned char)s[n - 1] : 0);
}
/* bit l of a length filter (bit 31: 31 bytes and more) */
static inline uint32_t rules_len_bit(size_t l) { return 1u << (l < 31 ? l : 31); }

/* What the first token of the rest of a pattern after a gap can be (rules.h: gap_next): a
 * literal with a hash bit of bits (as alt_first), the start of an entity of types (a
 * description's person for a person), or a free word of the word sets at gap_sets[sets ..
 * + set_words) (RULES_NO_SETS: none); any: anything (a role, another gap, the end of the
 * pattern or of a look-around: no filter). Zero-width elements (look-behinds, negative
 * look-aheads) consume nothing: what follows them counts. */
#define RULES_NO_SETS UINT32_MAX
typedef struct rfollow {
    uint64_t bits;
    uint32_t sets;
    uint8_t types;
    bool any;
} rfollow;

/* Per rule (rules.h: later): the last literal and the last entity of its body's own sequence
 * that are neither optional, nor look-behinds, nor inside a group. Positions only grow along
 * the sequence, so a match starting at token p needs the literal free at a token >= p and a
 * mention of one of the types (or a description's person, for a person) starting at a token
 * >= p; past p (> p) when the element is not the body's first and the first consumes a token
 * (a literal, a word of a set, a role, an entity: *_after). relate.c tries the rule only at
 * starts up to there, and not in a sentence without them. */
typedef struct rlater {
    int32_t lit;   /* its number in lit_index (rules_lit_find), or -1: none */
    uint8_t types; /* 0: none */
    bool lit_after, types_after;
    uint8_t anchor_types; /* rrule.anchor_types, beside them for relate.c's lists */
    bool role; /* the sequence has a role that is not optional: no match in a sentence where no
                  role can start (relate.c) */
    /* Where the matcher may try the rule (relate.c's run_rule): at the mentions of anchor_types
     * (RULES_START_ENT) or at the words that may open a role (RULES_START_ROLE, its anchor a
     * role), each only where the token after the entity or role can start the rest
     * (rrule.after_anchor and after_types, copied here); RULES_START_ANY: elsewhere too. */
    uint8_t start;
    uint8_t after_types;
    uint64_t after_bits;
} rlater;
enum { RULES_START_ANY, RULES_START_ENT, RULES_START_ROLE };

/* One nonzero word of a row of rs_req (rules.h: rs_nz). Packed (12 bytes, not 16): rules_met
 * reads a sentence's rows at random, a few words each, so more of them share its lines
 * (cachegrind: the rows' D1 read misses -13%); x86 loads the unaligned words at no cost. */
typedef struct __attribute__((packed)) rrow_word {
    uint64_t bits;
    uint32_t at; /* word offset in the row */
} rrow_word;

/* Is the bit of a word of hash hash in cue filter f (feit_rules.cue_bits)? */
static inline bool rules_cue_bit(const uint64_t *f, uint32_t hash) { return (f[(hash & 4095) >> 6] >> (hash & 63)) & 1; }

/* The index slot of a stem, or NULL (rules.c). */
const rstem_slot *rules_stem_find(const feit_rules *r, const char *s, size_t n);

/* What Snowball's Dutch (before Snowball 3) can make of a word of lower-case ASCII: it takes
 * off endings of its lists ("heden", "ene", "en", "se", "s", "e", "heid", "end", "ing", "ig",
 * "lijk", "baar", "bar") and the last letter of a "kk", "dd" or "tt" left before them, so the
 * stem is the word cut where only those letters follow (a "cut"); besides, it changes an
 * ending "heden" to "heid" and takes a vowel out of an "aa", "ee", "oo" or "uu" before the
 * last letter ("maan" -> "man"); the marks of its prelude (I, Y) its postlude takes back, and
 * the letters its prelude changes are not ASCII. So every such string is the word but for its
 * last two bytes at most. rules_stem_cuts hands each of w[0 .. n) to f (not NUL-terminated:
 * the cuts as w's first bytes, the others in scratch), the longest cut first, until f says
 * true: 1 when it did, 0 when it said false to all; -1 when w is no word of lower-case ASCII
 * of at most RULES_CUT_WORD bytes (then it calls f for none). Inline, so that each caller's
 * f is: the lexicon's hook asks it of every new word. */
#define RULES_CUT_WORD 63
typedef bool (*rules_cut_fn)(void *ctx, const char *cut, size_t n);
static inline __attribute__((always_inline)) int rules_stem_cuts(const char *w, size_t n, rules_cut_fn f, void *ctx)
{
    /* the letters the endings are made of, and the k, d, t of an undoubled double: a bit per
     * letter from 'a' */
    const uint32_t ending = 1u << ('a' - 'a') | 1u << ('b' - 'a') | 1u << ('d' - 'a') | 1u << ('e' - 'a') |
                            1u << ('g' - 'a') | 1u << ('h' - 'a') | 1u << ('i' - 'a') | 1u << ('j' - 'a') |
                            1u << ('k' - 'a') | 1u << ('l' - 'a') | 1u << ('n' - 'a') | 1u << ('r' - 'a') |
                            1u << ('s' - 'a') | 1u << ('t' - 'a');
    if (n > RULES_CUT_WORD)
        return -1;
    /* no byte past ASCII, no capital: eight bytes at a time (of ASCII bytes, b + 0x3f has its
     * high bit from 'A' on, b + 0x25 from past 'Z' on; no carry leaves a byte) */
    const uint64_t high = 0x8080808080808080ull;
    uint64_t bad = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = 0;
        memcpy(&x, w + i, n - i < 8 ? n - i : 8);
        bad |= (x & high) | ((x + 0x3f3f3f3f3f3f3f3full) & ~(x + 0x2525252525252525ull) & high);
    }
    if (bad)
        return -1;
    size_t lo = n; /* w[lo .. n) is all letters of endings (a stem keeps two letters) */
    while (lo > 2 && (unsigned char)(w[lo - 1] - 'a') < 26 && ((ending >> (w[lo - 1] - 'a')) & 1))
        lo--;
    char other[RULES_CUT_WORD + 1];
    for (size_t l = n + 1; l-- > lo;) {
        if (f(ctx, w, l))
            return 1;
        /* a vowel out of a double before the last letter ("maan" -> "man") */
        char v = l >= 3 ? w[l - 2] : 0;
        if ((v == 'a' || v == 'e' || v == 'o' || v == 'u') && v == w[l - 3]) {
            memcpy(other, w, l - 2);
            other[l - 2] = w[l - 1];
            if (f(ctx, other, l - 1))
                return 1;
        }
    }
    if (n >= 5 && !memcmp(w + n - 5, "heden", 5)) {
        memcpy(other, w, n - 5);
        memcpy(other + n - 5, "heid", 4);
        if (f(ctx, other, n - 1))
            return 1;
    }
    return 0;
}

/* Is set k in the bitset b (set_words words)? */
static inline bool rules_set_has(const uint64_t *b, int32_t k) { return (b[k >> 6] >> (k & 63)) & 1; }

/* The number of the requirement literal word[0..n) with utf8_hash hash, or -1 (rules.c). */
static inline int32_t rules_lit_find(const feit_rules *r, const char *word, size_t n, uint32_t hash)
{
    if (!r->lit_index)
        return -1;
    for (uint32_t i = hash & (r->lit_index_size - 1);; i = (i + 1) & (r->lit_index_size - 1)) {
        const rlit_slot *e = &r->lit_index[i];
        if (!e->word)
            return -1;
        if (e->hash == hash && e->len == n && !memcmp(e->word, word, n))
            return e->id;
    }
}

/* rules_lit_find for a token of the text, once the rows are made (rules_index_rows): a
 * one-byte word by lit_byte. */
static inline int32_t rules_lit_of(const feit_rules *r, const char *word, size_t n, uint32_t hash)
{
    return n == 1 ? r->lit_byte[(unsigned char)word[0]] : rules_lit_find(r, word, n, hash);
}

/* Predicate index by name, or -1. */
int rules_pred(const feit_rules *r, const char *name);
/* Role lexicon entry by folded word, or NULL. */
const rrole *rules_role_entry(const feit_rules *r, const char *fold, size_t len);
/* The bodies of the role lexicon: roles.tsv names them, the context's loader finds each in the
 * gazetteer and binds it once, before any thread reads the rules. rules_role_body gives role i's
 * body name (NULL for none), i < rules_nroles. An unbound body leaves the role as it was: a
 * role fact with no place in the sentence takes the document's country (DOC). */
int32_t rules_nroles(const feit_rules *r);
const char *rules_role_body(const feit_rules *r, int32_t i);
void rules_bind_body(feit_rules *r, int32_t i, feit_arg body);


/* ------------------------------------------------------------------------------------------ */
/* Loader internals, shared by rules.c (errors, line reading, lexing, the rule file),
 * rules_parse.c (the rule language) and rules_vocab.c (predicates.tsv, roles.tsv). Nothing
 * here outlives rules_load. */

/* One lexeme of a statement. */
typedef struct lex {
    const char *s; /* not NUL-terminated; borrowed from the statement's lines or the arena */
    int len;
    int line, col;
    bool quoted; /* "..." or '...': always a literal */
    bool qopt;   /* a quoted literal directly followed by ? */
} lex;

typedef struct loader {
    feit_rules *r;
    feit_error *err;
    const char *file; /* the file being read (for errors) */
    char dir[512];    /* directory of the main rule file */
    struct sb_stemmer *stemmer;
    lex *lx; /* lexemes of the current statement */
    int nlx, clx;
    int pos;
    bool failed;
    struct macro *macros; /* define NAME = ...: lexemes point into the rules arena */
    int32_t nmacros, cmacros;
    int32_t *ids; /* the rules by id: an open-addressing set of rule index + 1 (0 = empty), so a
                     duplicate id is found in constant time (a scan made 100k rules quadratic) */
    uint32_t cids; /* a power of two, at least twice the rules */
    /* 'common WORD...': words most sentences hold, folded (the rules arena); a rule's need of
     * one is no requirement (rreq): it would pass almost no sentence by, and costs each
     * sentence a look-up; another element of the rule may take its place */
    const char *common[RULES_MAX_COMMON];
    int ncommon;
    /* 'word-ranks FILE': the language's commonest words, commonest first, folded (in
     * rank_arena); rules_choose_reqs gives each rule the requirements text holds least often */
    feit_arena rank_arena;
    const char **rank_words;
    int32_t nranks, cranks;
    /* per rule, which of its requirements text holds least often (rules_choose_reqs): the one
     * the gate of sentences with few mentions asks for (rules.c, index_gate) */
    int8_t *gate_q;
    /* a set word of lower-case ASCII whose stem is none of its cuts (rules_stem_cuts): then
     * the stemmer is not the one they describe, and the rules' stem_cuts stays false */
    bool cuts_differ;
} loader;

/* A stem, and a rules_cut_fn (rules.c) that says whether a cut is it: rules_load asks whether
 * each set word's stem is one of its cuts (the rules' stem_cuts). */
typedef struct rules_stem_cut_probe {
    const char *stem;
    size_t len;
} rules_stem_cut_probe;
bool rules_is_stem(void *probe, const char *cut, size_t n);

/* Grows an array of elem-sized items to hold n + 1; 0 or FEIT_ENOMEM. */
int rules_grow(void **items, int32_t *cap, int32_t n, size_t elem);
/* Appends one (uninitialised) element to arr[n], or evaluates to NULL when out of memory. */
#define RPUSH(arr, n, cap) (rules_grow((void **)&(arr), &(cap), (n), sizeof *(arr)) ? NULL : &(arr)[(n)++])

/* Records the first error (later ones are ignored) at L->file:line:col; returns FEIT_EFORMAT. */
int rules_fail(loader *L, int line, int col, const char *fmt, ...);
/* rules_fail at a lexeme's place; fmt takes one %s, what. */
int rules_failx(loader *L, const lex *x, const char *fmt, const char *what);
/* Copies / case-folds s[0..n) into the rules arena; NULL when out of memory. */
char *rules_dupn(feit_rules *r, const char *s, size_t n);
char *rules_foldn(feit_rules *r, const char *s, size_t n);
/* Is x the unquoted word w? */
bool rules_lex_is(const lex *x, const char *w);
/* Is the NUL-terminated name the same as s[0..n)? */
static inline bool rules_name_is(const char *name, const char *s, size_t n)
{
    return strlen(name) == n && !memcmp(name, s, n);
}

/* Gives each rule its requirements (rrule.reqs: the RULES_MAX_REQS of its needs text holds
 * least often, by L's word ranks; rules_parse.c) and notes the rarest in L->gate_q; run once
 * every rule is read, before the literals are indexed. 0 or FEIT_ENOMEM. */
int rules_choose_reqs(feit_rules *r, loader *L);

/* Parses the statement in L->lx (rules_parse.c); 0 or an error code, the error in L->err. */
int rules_statement(loader *L);
/* Loads predicates.tsv / roles.tsv at path into L->r (rules_vocab.c). */
int rules_load_predicates(loader *L, const char *path);
int rules_load_roles(loader *L, const char *path);
/* Reads a 'word-ranks' file (one word a line, commonest first) into L->rank_words. */
int rules_load_ranks(loader *L, const char *path);

#endif
