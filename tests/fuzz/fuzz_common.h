/*
 * fuzz_common.h — shared by the fuzz harnesses (fuzz_pipeline.c, fuzz_reader.c): one context on
 * the small fixture gazetteer (tests/fuzz/gaz) and the bundled rules, one worker, and the checks
 * every result must pass. A failed check prints what broke and aborts, which libFuzzer (and
 * the replay driver, tests/fuzz/replay.c) turn into a crash report.
 *
 * The repository root comes from $FEIT_FUZZ_ROOT, else from FEIT_FUZZ_ROOT given at compile
 * time (scripts/fuzz passes the absolute path), else ".".
 */
#ifndef FEIT_FUZZ_COMMON_H
#define FEIT_FUZZ_COMMON_H

#include "feit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FEIT_FUZZ_ROOT
#define FEIT_FUZZ_ROOT "."
#endif

static feit_context *fz_ctx;
static feit_worker *fz_worker;
static feit_buf fz_buf;

#define FZ_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond);        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void fz_teardown(void)
{
    feit_buf_free(&fz_buf);
    feit_worker_free(fz_worker);
    feit_context_free(fz_ctx);
    fz_worker = NULL, fz_ctx = NULL;
}

static void fz_setup(void)
{
    if (fz_ctx)
        return;
    const char *root = getenv("FEIT_FUZZ_ROOT") ? getenv("FEIT_FUZZ_ROOT") : FEIT_FUZZ_ROOT;
    char gaz[4096], data[4096];
    snprintf(gaz, sizeof gaz, "%s/tests/fuzz/gaz", root);
    snprintf(data, sizeof data, "%s/models", root);
    feit_error err;
    feit_options o = feit_options_default();
    o.data_dir = data, o.gazetteers = gaz;
    fz_ctx = feit_context_new(&o, &err);
    if (!fz_ctx) {
        fprintf(stderr, "fuzz: cannot load %s: %s:%d:%d: %s\n", root, err.file, err.line, err.column, err.text);
        abort();
    }
    fz_worker = feit_worker_new(fz_ctx);
    FZ_CHECK(fz_worker, "no worker");
    atexit(fz_teardown);
}

/* Every line of buf[from..) is one JSON object; returns the number of lines. */
static inline size_t fz_check_lines(const feit_buf *b, size_t from, json_t **last)
{
    size_t n = 0, i = from;
    if (last)
        *last = NULL;
    FZ_CHECK(b->len == from || (b->len > from && b->data[b->len - 1] == '\n'), "output does not end with a newline");
    while (i < b->len) {
        const char *nl = memchr(b->data + i, '\n', b->len - i);
        FZ_CHECK(nl, "unterminated line");
        size_t len = (size_t)(nl - (b->data + i));
        json_error_t je;
        json_t *o = json_loadb(b->data + i, len, JSON_ALLOW_NUL, &je); /* \u0000 is valid JSON */
        FZ_CHECK(o, "invalid JSON at column %d: %s: %.*s", je.column, je.text, (int)(len > 300 ? 300 : len), b->data + i);
        FZ_CHECK(json_is_object(o), "not an object");
        FZ_CHECK(len > 0 && b->data[i + len - 1] != ' ', "trailing blank");
        if (last) {
            json_decref(*last);
            *last = o;
        } else {
            json_decref(o);
        }
        n++;
        i += len + 1;
    }
    return n;
}

/* Runs the pipeline on text[0..len) and checks the result and its JSON Lines in every mode. */
static inline void fz_run_doc(const char *id, const char *text, size_t len, const char *meta)
{
    fz_setup();
    const feit_result *r = feit_process(fz_worker, id, text, len);
    FZ_CHECK(r, "feit_process failed on %zu bytes", len);
    FZ_CHECK(r->len == len && r->text == text, "result does not describe the input");
    for (size_t i = 0; i < r->nentities; i++) {
        const feit_entity *e = &r->entities[i];
        FZ_CHECK(e->start < e->end && e->end <= len, "entity %zu span %u-%u in %zu bytes", i, e->start, e->end, len);
        FZ_CHECK(e->sentence < r->nsentences, "entity %zu in sentence %u of %zu", i, e->sentence, r->nsentences);
        FZ_CHECK((unsigned)e->type < FEIT_NTYPES && e->canonical && e->canonical[0], "entity %zu type/canonical", i);
    }
    for (size_t i = 0; i < r->ntriples; i++) {
        const feit_triple *t = &r->triples[i];
        FZ_CHECK(t->ev_start <= t->ev_end && t->ev_end <= len, "triple %zu evidence %u-%u", i, t->ev_start, t->ev_end);
        FZ_CHECK(t->sentence < r->nsentences, "triple %zu sentence %u of %zu", i, t->sentence, r->nsentences);
        FZ_CHECK(t->predicate && t->subject.canonical && t->object.canonical, "triple %zu incomplete", i);
        FZ_CHECK(t->confidence > 0 && t->confidence <= 1, "triple %zu confidence %g", i, (double)t->confidence);
    }
    for (size_t i = 0; i < r->ndatelines; i++) {
        const feit_dateline *d = &r->datelines[i];
        FZ_CHECK(d->start <= d->place_start && d->place_start <= d->place_end && d->place_end <= d->end && d->end <= len,
                 "dateline %zu spans", i);
        FZ_CHECK(d->nagencies <= 8, "dateline %zu agencies", i);
    }
    fz_buf.len = 0;
    FZ_CHECK(!feit_result_write(r, FEIT_EMIT_ENTITIES, meta, &fz_buf), "write entities");
    size_t n = fz_check_lines(&fz_buf, 0, NULL);
    FZ_CHECK(n == r->nentities, "%zu entity lines for %zu entities", n, r->nentities);
    size_t mark = fz_buf.len;
    FZ_CHECK(!feit_result_write(r, FEIT_EMIT_TRIPLES, meta, &fz_buf), "write triples");
    n = fz_check_lines(&fz_buf, mark, NULL);
    FZ_CHECK(n == r->ntriples, "%zu triple lines for %zu triples", n, r->ntriples);
    mark = fz_buf.len;
    FZ_CHECK(!feit_result_write(r, FEIT_EMIT_DOCUMENTS, meta, &fz_buf), "write documents");
    json_t *doc = NULL;
    n = fz_check_lines(&fz_buf, mark, &doc);
    FZ_CHECK(n == 1 && doc, "%zu document lines", n);
    FZ_CHECK(json_array_size(json_object_get(doc, "entities")) == r->nentities, "documents: entities");
    FZ_CHECK(json_array_size(json_object_get(doc, "triples")) == r->ntriples, "documents: triples");
    FZ_CHECK(json_is_object(json_object_get(doc, "meta")), "documents: meta");
    json_t *jd = json_object_get(doc, "doc");
    FZ_CHECK(json_is_string(jd), "documents: doc id");
    json_decref(doc);
}

#endif
