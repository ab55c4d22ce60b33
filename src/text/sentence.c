/* sentence.c — the sentence splitter (see sentence.h). */
#include "text/sentence.h"

#include "text/token.h"
#include "core/lang.h"

#include <stdbool.h>
#include <string.h>

static int tok_is(const feit_doc *d, const feit_token *t, const char *s)
{
    size_t n = strlen(s);
    return t->end - t->start == n && !memcmp(d->text + t->start, s, n);
}

static int terminal(const feit_doc *d, const feit_token *t)
{
    if (t->kind != TOK_PUNCT)
        return 0;
    return tok_is(d, t, ".") || tok_is(d, t, "!") || tok_is(d, t, "?") || tok_is(d, t, "...") ||
           tok_is(d, t, "\xE2\x80\xA6");
}

/* A quote or bracket glued to what precedes it closes a sentence rather than opening one. */
static int closer(const feit_doc *d, const feit_token *t)
{
    if (!(t->flags & TF_GLUED))
        return 0;
    if (t->kind == TOK_QUOTE)
        return !(tok_is(d, t, "\xE2\x80\x9E") || tok_is(d, t, "\xE2\x80\x9C") || tok_is(d, t, "\xC2\xAB"));
    return tok_is(d, t, ")") || tok_is(d, t, "]");
}

/* (Not inlined: sentence_split's loop then keeps its few values in registers.) */
static __attribute__((noinline)) int ends_before(const feit_doc *d, size_t start, size_t j)
{
    const feit_token *t = &d->toks[j];
    if (t->flags & TF_PARA)
        return 1;
    if (j - start >= SENTENCE_MAX_TOKENS)
        return 1;
    if (closer(d, t))
        return 0;
    const feit_token *prev = &d->toks[j - 1];
    /* after a plain word (most tokens) only a line break can end the sentence: a word is no
     * closer, no terminal and no abbreviation, so the tests below come to this */
    if (prev->kind == TOK_WORD && !(prev->flags & TF_ABBREV))
        return (t->flags & TF_NEWLINE) && !(t->flags & TF_LOWER);
    size_t k = j - 1;
    while (k > start && closer(d, &d->toks[k]))
        k--;
    if (terminal(d, &d->toks[k])) /* a comma after the quote goes on: „Waarom?”, vroeg hij. */
        return !(t->flags & TF_LOWER) && !tok_is(d, t, ",") && !tok_is(d, t, ";");
    if (prev->flags & TF_ABBREV && t->flags & TF_CAP && !(t->flags & TF_NEWLINE)) {
        int can_end;
        size_t n = prev->fold_len;
        if (n > 1 && prev->fold[n - 1] == '.' && lang_is_abbrev(d->lang, prev->fold, n - 1, &can_end) && can_end)
            return 1;
    }
    if (t->flags & TF_NEWLINE) {
        int goes_on = (prev->kind == TOK_WORD || tok_is(d, prev, ",")) && (t->flags & TF_LOWER);
        return !goes_on;
    }
    return 0;
}

/* Can a sentence end after t, a token other than a word, whatever follows it on the same line?
 * Only after a terminal, a closer or an abbreviation (ends_before's tests): a token that is
 * none of them, as a comma or a number, needs no call. Its first byte is enough to pass the
 * others by ("…" and the closing quotes start with 0xE2, as do other marks: those are asked). */
static bool may_end(const feit_doc *d, const feit_token *t)
{
    unsigned char c = (unsigned char)d->text[t->start];
    return t->kind == TOK_QUOTE || (t->flags & TF_ABBREV) || c == '.' || c == '!' || c == '?' || c == ')' ||
           c == ']' || c == 0xE2;
}

/* Pushes the sentence of tokens [a, b) and gives them its index. (Always inlined: as a call
 * it cost some 48 instructions a sentence besides its stores, the saved registers and the
 * sentence's fields passed through them.) */
static inline __attribute__((always_inline)) int push_sentence(feit_doc *d, size_t a, size_t b)
{
    uint32_t sent = (uint32_t)d->nsents;
    if (d->nsents == d->csents && doc_grow((void **)&d->sents, &d->csents, d->nsents, sizeof *d->sents))
        return FEIT_ENOMEM; /* (the call only when the list is full: DOC_PUSH makes it for each) */
    feit_sentence *s = &d->sents[d->nsents++];
    s->tok_start = (uint32_t)a;
    s->tok_end = (uint32_t)b;
    s->start = d->toks[a].start;
    s->end = d->toks[b - 1].end;
    feit_token *t = d->toks + a;
    t->flags |= TF_SSTART;
    /* (every token passes here: four stores a round, not a count, test and jump each) */
    size_t k = b - a;
    for (; k >= 4; k -= 4, t += 4)
        t[0].sentence = t[1].sentence = t[2].sentence = t[3].sentence = sent;
    for (; k; k--, t++)
        t->sentence = sent;
    return 0;
}

/* Whether a sentence ends before token j of the sentence that opened at start (start < j). */
static bool ends_at(const feit_doc *d, size_t start, size_t j)
{
    const feit_token *t = &d->toks[j], *prev = t - 1;
    /* most sentences end at a one-byte . ! or ? before a token that is not glued to it, so no
     * closer: ends_before's answer there is its terminal test's, without the call */
    if (prev->kind == TOK_PUNCT && prev->end - prev->start == 1 && !(t->flags & (TF_PARA | TF_GLUED)) &&
        j - start < SENTENCE_MAX_TOKENS) {
        char c = d->text[prev->start];
        if (c == '.' || c == '!' || c == '?')
            return !(t->flags & TF_LOWER) && !tok_is(d, t, ",") && !tok_is(d, t, ";");
    }
    /* most tokens follow a plain word or a comma on the same line: no sentence ends there
     * (ends_before's answer, without its call) */
    bool ask = prev->kind == TOK_WORD ? prev->flags & TF_ABBREV : may_end(d, prev);
    return (ask || t->flags & (TF_NEWLINE | TF_PARA)) && ends_before(d, start, j);
}

/* The tokenizer noted where a sentence may end (d->ends): every token after a line break or
 * after one that is not a plain word. Only those are asked; a sentence is also cut at its
 * SENTENCE_MAX_TOKENS-th token (ends_before's answer there), and the tokens between are only
 * given their sentence's index. */
int sentence_split(feit_doc *d)
{
    size_t n = d->ntoks, start = 0;
    if (!n)
        return 0;
    for (size_t c = 0; c < d->nends; c++) {
        size_t j = d->ends[c];
        if (j >= n)
            break;
        for (; j - start >= SENTENCE_MAX_TOKENS; start += SENTENCE_MAX_TOKENS)
            if (push_sentence(d, start, start + SENTENCE_MAX_TOKENS))
                return FEIT_ENOMEM;
        if (j > start && ends_at(d, start, j)) {
            if (push_sentence(d, start, j))
                return FEIT_ENOMEM;
            start = j;
        }
    }
    for (; n - start > SENTENCE_MAX_TOKENS; start += SENTENCE_MAX_TOKENS)
        if (push_sentence(d, start, start + SENTENCE_MAX_TOKENS))
            return FEIT_ENOMEM;
    return push_sentence(d, start, n);
}
