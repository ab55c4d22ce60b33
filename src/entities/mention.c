/* mention.c — adding mentions to a document, the token tests the name finders share, and the
 * end of the mention stages (see mention.h). */
#include "entities/mention.h"

#include <stdlib.h>
#include <string.h>

int mention_add(feit_doc *d, const feit_gazetteer *g, size_t tok_start, size_t tok_end, int32_t entry,
              feit_type type, feit_form form, feit_source source, const char *canonical, float confidence)
{
    feit_mention *m = DOC_PUSH(d->ments, d->nments, d->cments);
    if (!m)
        return FEIT_ENOMEM;
    memset(m, 0, sizeof *m);
    m->tok_start = (uint32_t)tok_start;
    m->tok_end = (uint32_t)tok_end;
    m->entry = entry;
    m->e.start = d->toks[tok_start].start;
    m->e.end = d->toks[tok_end - 1].end;
    m->e.sentence = d->toks[tok_start].sentence;
    m->e.type = type;
    m->e.form = form;
    m->e.source = source;
    m->e.confidence = confidence;
    m->e.antecedent = -1;
    if (entry >= 0)
        mention_link(m, g, entry);
    else
        m->e.canonical = canonical;
    for (size_t i = tok_start; i < tok_end; i++)
        d->toks[i].mention = (int32_t)(d->nments - 1);
    return 0;
}

void mention_link(feit_mention *m, const feit_gazetteer *g, int32_t entry)
{
    const gaz_entry *en = gazetteer_entry(g, (uint32_t)entry);
    m->entry = entry;
    m->e.canonical = gazetteer_str(g, en->canonical);
    m->e.kb = gazetteer_str(g, en->kb);
    m->country = gazetteer_str(g, en->type == FEIT_COUNTRY ? en->iso : en->country);
    m->role = gazetteer_str(g, en->role);
    m->kind = gazetteer_str(g, en->kind);
}

int mention_at_start(const feit_doc *d, size_t i)
{
    const feit_token *t = &d->toks[i];
    if (t->flags & TF_SSTART)
        return 1;
    if (i == 0)
        return 1;
    const feit_token *p = &d->toks[i - 1];
    if (p->kind == TOK_QUOTE || (p->kind == TOK_PUNCT && p->end - p->start == 1 &&
                                 (d->text[p->start] == ':' || d->text[p->start] == '(' || d->text[p->start] == '-')))
        return 1;
    return 0;
}

const gaz_word *mention_word(const feit_gazetteer *g, const feit_token *t)
{
    (void)g; /* the lexicon stage has looked every token up (lexicon_doc) */
    return (t->flags & TF_SLOT) && t->info->word.found ? &t->info->word : NULL;
}

int mention_is_common(const feit_gazetteer *g, const feit_token *t)
{
    const gaz_word *s = mention_word(g, t);
    return s && (s->flags & SLOT_COMMON);
}

static int cmp_mention(const void *a, const void *b)
{
    const feit_mention *x = a, *y = b;
    if (x->e.start != y->e.start)
        return x->e.start < y->e.start ? -1 : 1;
    return (x->e.end > y->e.end) - (x->e.end < y->e.end);
}

void mentions_finish(feit_doc *d)
{
    size_t live = 0; /* drop the matches the name finders took over (negative confidence) */
    for (size_t m = 0; m < d->nments; m++)
        if (d->ments[m].e.confidence >= 0)
            d->ments[live++] = d->ments[m];
    d->nments = live;
    if (d->nments > 1) /* robustness: ments is NULL in an empty document; qsort(NULL) is UB */
        qsort(d->ments, d->nments, sizeof *d->ments, cmp_mention);
    for (size_t i = 0; i < d->ntoks; i++)
        d->toks[i].mention = -1;
    for (size_t m = 0; m < d->nments; m++)
        for (uint32_t i = d->ments[m].tok_start; i < d->ments[m].tok_end; i++)
            d->toks[i].mention = (int32_t)m;
}
