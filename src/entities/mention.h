/*
 * mention.h — what the mention stages share: adding a mention to a document, the tests of a
 * token the gazetteer matcher (match.c) and the name finders (names.c) both ask, and the end
 * of the mention stages (mentions_finish), which leaves d->ments sorted by start and each
 * token's `mention` set.
 */
#ifndef FEIT_MENTION_H
#define FEIT_MENTION_H

#include "core/arena.h"
#include "core/doc.h"
#include "entities/gazetteer.h"

/* Appends a mention of tokens [tok_start, tok_end). entry >= 0: a gazetteer entry (canonical
 * name, id, country and role come from it); -1: a name found otherwise, canonical borrowed
 * (it must live as long as the document: the doc's arena or the gazetteer). Marks the tokens.
 * Returns 0 or FEIT_ENOMEM. */
int mention_add(feit_doc *d, const feit_gazetteer *g, size_t tok_start, size_t tok_end, int32_t entry,
                feit_type type, feit_form form, feit_source source, const char *canonical, float confidence);

/* A worker's memo of what mention_add reads of gazetteer entries (their strings), kept across
 * documents and reached from feit_doc.links (NULL: none; mention_add then reads the entry
 * each time). Good for any gazetteer: emptied when a document asks another one than it was
 * filled from. Owned by the worker; _free(NULL) is a no-op. */
typedef struct mention_links mention_links;
mention_links *mention_links_new(feit_huge *h); /* in h's block (borrowed; NULL: none) while it has room */
void mention_links_free(mention_links *c);

/* What mention_link reads of an entry, kept by a worker across documents: news names the same
 * few hundred entities again and again, and reading an entry and its five strings from the
 * gazetteer (each a check that its chunk is loaded) costs ~100 instructions a mention, a
 * look here ~15. Direct-mapped by entry id; an entry the slot does not hold is read and kept.
 * The strings are the gazetteer's (they live as long as it does), so the memo is only good
 * for the gazetteer it was filled from: it is emptied when another one is asked. */
#define LINK_SLOTS 4096 /* (a 2 MB slice: 70% of links found with 256 slots, 95% with 4,096) */

typedef struct link_slot {
    _Alignas(64) int32_t entry; /* -1: empty (a slot a cache line: 48 bytes would span two in
                                   half the slots, and the huge page has room) */
    char cc[2];    /* the country's code (feit_mention.cc), in what was padding */
    uint8_t minor; /* feit_mention.minor (padding too) */
    const char *canonical, *kb, *country, *role, *kind;
} link_slot;

struct mention_links { /* (here for mention_prefetch; only mention.c reads or writes it) */
    const feit_gazetteer *g; /* what the slots were filled from */
    const feit_huge *huge;   /* the block it may be in (huge_table; borrowed) */
    link_slot slot[LINK_SLOTS];
};

/* Asks for the memo's slot of gazetteer entry `entry` (>= 0) that mention_add will read: the
 * slot is a line at random in 256 KiB, mostly out of cache, and the matcher knows the entry
 * (best_hit) some hundred instructions before it adds the mention, where mention_add's own
 * prefetch comes a few dozen before the read. (It pays only with the memo in a huge page,
 * mention.c: in 4 KiB pages the prefetch waited on the page walk itself.) A hint only: no
 * effect on what is read. */
static inline void mention_prefetch(const feit_doc *d, int32_t entry)
{
    if (d->links)
        __builtin_prefetch(&d->links->slot[(uint32_t)entry & (LINK_SLOTS - 1)]);
}

/* feit_mention.minor of entry en: a bulk-list (tier 2) name, or a small place (not a capital,
 * under a million people), which a name found in the document may take over. */
static inline uint8_t mention_entry_minor(const gaz_entry *en)
{
    return en->tier > 1 || ((en->type == FEIT_CITY || en->type == FEIT_LOCATION) && !en->capital_of && en->pop < 1000000);
}

/* Whether m is a one-word gazetteer match (of a name, not a person) that a name found in the
 * document may take over (names' short forms, people's surnames: "Marc Van Diepenbeek", the
 * village Diepenbeek is the surname here): its entry `minor`, which the mention says, not the
 * entry, a line at random in 12 MB. */
static inline int mention_overridable(const feit_mention *m)
{
    return m->tok_end == m->tok_start + 1 && m->entry >= 0 && m->e.source == FEIT_SRC_GAZETTEER &&
           m->e.form == FEIT_FORM_NAME && m->e.type != FEIT_PERSON && m->minor;
}

/* Points mention m at gazetteer entry `entry` (>= 0): its canonical name, id, country (and
 * its code), role and `minor`, as mention_add does; the type, form, source and span stay the
 * caller's. */
void mention_link(feit_mention *m, const feit_gazetteer *g, int32_t entry);

/* Sets m's country (a string that lives as long as the document, or NULL) and its code m->cc
 * (doc.h): what a stage that gives a mention another's country calls, so the two agree. */
static inline void mention_set_country(feit_mention *m, const char *country)
{
    int two = country && country[0] >= 'A' && country[0] <= 'Z' && country[1] >= 'A' && country[1] <= 'Z' && !country[2];
    m->country = country;
    m->cc[0] = two ? country[0] : 0;
    m->cc[1] = two ? country[1] : 0;
}

/* Gives m what a gazetteer entry gave mention `from`: canonical name, id, country with its
 * code, role, kind and `minor` (not the entry id). */
static inline void mention_copy_link(feit_mention *m, const feit_mention *from)
{
    m->e.canonical = from->e.canonical, m->e.kb = from->e.kb;
    m->country = from->country, m->cc[0] = from->cc[0], m->cc[1] = from->cc[1];
    m->role = from->role, m->kind = from->kind, m->minor = from->minor;
}

/* 1 when token i begins a sentence or a quotation (a capital there is no evidence of a name). */
static inline int mention_at_start(const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if ((t->flags & TF_SSTART) || i == 0)
        return 1;
    const feit_token *p = &d->toks[i - 1];
    return p->kind == TOK_QUOTE || (p->kind == TOK_PUNCT && p->end - p->start == 1 &&
                                    (d->text[p->start] == ':' || d->text[p->start] == '(' || d->text[p->start] == '-'));
}

/* What the gazetteer index says of the token's folded form (NULL: not in it), looked up once
 * per word type by the lexicon stage; the pointer is into the token's word record. */
static inline const gaz_word *mention_word(const feit_gazetteer *g, const feit_token *t)
{
    (void)g; /* the lexicon stage has looked every token up (lexicon_doc) */
    return (t->flags & TF_SLOT) && t->info->word.found ? &t->info->word : NULL;
}

/* Is the token in word class flag (WC_TITLE, WC_PARTICLE ...: the language's lists, put into the
 * index as slot flags)? One look at the token's cached slot when the lexicon stage has set it. */
static inline int word_class(const feit_gazetteer *g, const feit_token *t, uint32_t flag)
{
    if (t->flags & TF_SLOT)
        return (t->info->word.flags & flag) != 0;
    const gaz_word *s = mention_word(g, t);
    return s && (s->flags & flag);
}

/* 1 when the folded token is a common lower-case word of the language (the word list). */
static inline int mention_is_common(const feit_gazetteer *g, const feit_token *t)
{
    const gaz_word *s = mention_word(g, t);
    return s && (s->flags & SLOT_COMMON);
}

/* Ends the mention stages, and again after a later stage adds mentions: drops the mentions a
 * later finder took over (negative confidence), sorts the rest by start (then end) and points
 * each token at its mention (the later in that order where two overlap), the others at none
 * (-1). It visits only the tokens of mentions, so it needs what every stage keeps: a token
 * points at no mention (-1, as the tokenizer leaves it) or at a mention that covers it, live
 * or dropped (mention_add points the tokens it covers at the new mention; a stage that moves a
 * mention's ends points the tokens it adds and leaves none outside). */
void mentions_finish(feit_doc *d);

/* mentions_finish after a later stage that only added mentions (mention_add: d->ments[named..))
 * and dropped some (negative confidence) of a list mentions_finish left, and moved no ends: the
 * same result, but the tokens visited are only those of the mentions from the first place the
 * list changed (and of the dropped ones), and the mentions kept before it are not compared. */
void mentions_finish_added(feit_doc *d, size_t named);

/* Sorts a[0..n) by start, then end, stably (ties keep their order), in place; linear when a is
 * in order already. Allocates a temporary copy only when it is not (freed before it returns). */
void mentions_sort(feit_mention *a, size_t n);

#endif
