/* explain.c — feit_explain (feit.h): why facts did, or did not, come out of a text. Runs the
 * pipeline with the relation stage's trace on (relations/relate.h: relate_trace) and writes,
 * sentence by sentence, what each stage made of it, for a rule author to read. */
#include "feit.h"

#include "core/types.h"
#include "relations/relate.h"
#include "worker.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MISSES 5 /* nearest misses shown per sentence */

typedef struct out {
    feit_buf *b;
    int failed;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->failed = 1;
        return;
    }
    feit_buf *b = o->b;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 4096;
        while (c < b->len + (size_t)n + 1)
            c *= 2;
        char *p = realloc(b->data, c);
        if (!p) {
            o->failed = 1;
            return;
        }
        b->data = p, b->cap = c;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* text of bytes [a, b) of the document, new lines as spaces, at most 120 bytes */
static void put_text(out *o, const feit_doc *d, uint32_t a, uint32_t b)
{
    char buf[128];
    size_t n = b - a < sizeof buf - 1 ? b - a : sizeof buf - 1;
    memcpy(buf, d->text + a, n);
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t' || buf[i] == '\0')
            buf[i] = ' ';
    buf[n] = '\0';
    put(o, "%s%s", buf, b - a > n ? "..." : "");
}

static void put_mention(out *o, const feit_doc *d, int32_t mi)
{
    if (mi < 0) {
        put(o, "-");
        return;
    }
    const feit_mention *m = &d->ments[mi];
    put(o, "\"");
    put_text(o, d, m->e.start, m->e.end);
    put(o, "\" = %s", m->e.canonical ? m->e.canonical : "?");
}

static void sentence(out *o, const feit_doc *d, const relate_trace *t, uint32_t s)
{
    const feit_sentence *se = &d->sents[s];
    put(o, "sentence %u: ", s);
    put_text(o, d, se->start, se->end);
    put(o, "\n  tokens:");
    for (uint32_t i = se->tok_start; i < se->tok_end; i++) {
        put(o, " ");
        put_text(o, d, d->toks[i].start, d->toks[i].end);
    }
    put(o, "\n  mentions:\n");
    for (size_t mi = 0; mi < d->nments; mi++) {
        const feit_mention *m = &d->ments[mi];
        if (m->e.sentence != s)
            continue;
        put(o, "    [%u,%u) \"", m->e.start, m->e.end);
        put_text(o, d, m->e.start, m->e.end);
        put(o, "\" %s %s %s -> %s", feit_type_name(m->e.type), feit_form_name(m->e.form), feit_source_name(m->e.source),
            m->e.canonical ? m->e.canonical : "?");
        if (m->e.kb)
            put(o, " (%s)", m->e.kb);
        if (m->e.antecedent >= 0)
            put(o, ", named at byte %lld", (long long)m->e.antecedent);
        put(o, "\n");
    }
    put(o, "  rules that fired:\n");
    for (size_t k = 0; k < t->nfired; k++) {
        const relate_fired *f = &t->fired[k];
        if (f->sentence != s)
            continue;
        put(o, "    %s on \"", f->rule);
        if (f->end > f->start)
            put_text(o, d, d->toks[f->start].start, d->toks[f->end - 1].end);
        put(o, "\"");
        for (int c = 0; c < f->ncaps; c++) {
            put(o, " %s=", f->cap_name[c] ? f->cap_name[c] : "?");
            if (f->cap_token[c] >= 0) {
                put(o, "\"");
                put_text(o, d, d->toks[f->cap_token[c]].start, d->toks[f->cap_token[c]].end);
                put(o, "\"");
            } else {
                put_mention(o, d, f->cap_mention[c]);
            }
        }
        put(o, "%s\n", f->suppressed ? "  (suppressed by a negation cue)" : "");
    }
    put(o, "  triples:\n");
    for (size_t k = 0; k < d->ntriples; k++) {
        const feit_triple *tr = &d->triples[k];
        if (tr->sentence != s)
            continue;
        put(o, "    (%s, %s, %s) %s, confidence %.2f, rule %s%s%s\n", tr->subject.canonical, tr->predicate, tr->object.canonical,
            feit_time_name(tr->time), tr->confidence, tr->rule, tr->qualifier ? ", qualifier " : "", tr->qualifier ? tr->qualifier : "");
    }
    if (!t->predicate || t->unknown_predicate)
        return;
    /* the nearest misses: the attempts that got furthest */
    const relate_miss *shown[MAX_MISSES];
    int n = 0;
    for (size_t k = 0; k < t->nmisses; k++) {
        const relate_miss *ms = &t->misses[k];
        if (ms->sentence != s)
            continue;
        int full = n == MAX_MISSES; /* (then the last shown is the nearest to be dropped) */
        int at = full ? MAX_MISSES - 1 : n++;
        if (full && shown[at]->far - shown[at]->start >= ms->far - ms->start)
            continue;
        shown[at] = ms;
        while (at > 0 && shown[at - 1]->far - shown[at - 1]->start < shown[at]->far - shown[at]->start) {
            const relate_miss *x = shown[at - 1];
            shown[at - 1] = shown[at], shown[at] = x;
            at--;
        }
    }
    put(o, "  rules for '%s' that did not fire here (the nearest %d):\n", t->predicate, n);
    for (int k = 0; k < n; k++) {
        const relate_miss *ms = shown[k];
        put(o, "    %s: ", ms->rule);
        if (ms->far > ms->start) {
            put(o, "matched \"");
            put_text(o, d, d->toks[ms->start].start, d->toks[ms->far - 1].end);
            put(o, "\", then ");
        }
        put(o, "stopped at element %s", ms->element ? ms->element : "?");
        if (ms->far < se->tok_end) {
            put(o, " at \"");
            put_text(o, d, d->toks[ms->far].start, d->toks[ms->far].end);
            put(o, "\"\n");
        } else {
            put(o, " at the end of the sentence\n");
        }
    }
}

int feit_explain(feit_worker *w, const char *text, size_t len, const char *predicate, feit_buf *buf)
{
    relate_trace t;
    memset(&t, 0, sizeof t);
    t.predicate = predicate;
    w->doc.trace = &t;
    const feit_result *r = feit_process(w, "explain", text, len);
    w->doc.trace = NULL;
    out o = {buf, 0};
    int rc = 0;
    if (!r) {
        rc = FEIT_ENOMEM;
        goto done;
    }
    const feit_doc *d = &w->doc;
    if (predicate && t.unknown_predicate) {
        put(&o, "no predicate '%s' in the rules' vocabulary (predicates.tsv)\n", predicate);
        rc = FEIT_EFORMAT;
        goto done;
    }
    for (size_t k = 0; k < d->ndls; k++) {
        put(&o, "dateline: \"");
        put_text(&o, d, d->dls[k].start, d->dls[k].end);
        put(&o, "\" place %s\n", d->dls[k].place ? d->dls[k].place : "(unknown)");
    }
    if (d->has_doc_country)
        put(&o, "the document's country: %s\n", d->doc_country.canonical);
    for (uint32_t s = 0; s < d->nsents; s++)
        sentence(&o, d, &t, s);
    put(&o, "%zu sentence(s), %zu mention(s), %zu triple(s)\n", d->nsents, d->nments, d->ntriples);
done:
    relate_trace_free(&t);
    return o.failed ? FEIT_ENOMEM : rc;
}
