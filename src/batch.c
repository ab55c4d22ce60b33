/* batch.c — feit_batch_run (feit.h): many documents on N threads, output in input order.
 *
 * Threads work in batches: the worker threads take documents from the current batch by an
 * atomic counter, each into its own output buffer, while the calling thread reads the next
 * batch; then the calling thread helps, and hands the buffers to `write` in input order.
 * Memory is bounded by two batches (each at most BATCH_DOCS documents or BATCH_BYTES of text),
 * whatever the input size. Every callback runs on the calling thread. */
#include "feit.h"

#include "core/error.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BATCH_DOCS 256
#define BATCH_BYTES (8u << 20)

typedef struct job {
    feit_input_doc doc;
    feit_buf out;
    int failed; /* out of memory in the pipeline */
    int done;   /* processed (or failed); a stop leaves the rest of the batch undone */
} job;

/* What one thread counted: summed at the end, so threads never share a counter. */
typedef struct counts {
    size_t docs, sentences, entities[FEIT_NTYPES], triples;
    feit_pred_count *preds;
    size_t npreds, cpreds;
    uint64_t bytes;
} counts;

typedef struct shared {
    job jobs[2][BATCH_DOCS]; /* two batches: one being processed while the next is read */
    job *cur;                /* the batch the workers take documents from */
    size_t njobs;
    atomic_size_t next;
    feit_emit emit;
    const volatile int *stop; /* feit_batch_options.stop */
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned long generation;
    int finished, quit;
} shared;

typedef struct thread_arg {
    shared *sh;
    feit_worker *w;
    counts st;
    pthread_t tid;
} thread_arg;

/* Predicates are the context's strings: the same predicate is the same pointer, so most
 * lookups end at the pointer test. */
static int count_pred(counts *st, const char *pred, size_t n)
{
    for (size_t i = 0; i < st->npreds; i++)
        if (st->preds[i].predicate == pred || !strcmp(st->preds[i].predicate, pred)) {
            st->preds[i].n += n;
            return 0;
        }
    if (st->npreds == st->cpreds) {
        size_t c = st->cpreds ? st->cpreds * 2 : 32;
        feit_pred_count *p = realloc(st->preds, c * sizeof *p);
        if (!p)
            return FEIT_ENOMEM;
        st->preds = p, st->cpreds = c;
    }
    st->preds[st->npreds++] = (feit_pred_count){pred, n};
    return 0;
}

/* Takes documents of the batch until none is left, or a stop is asked for: the documents
 * taken are then always the first ones of the batch (the counter only grows), so what is
 * written stays in input order and ends with the last document done. */
static void run_jobs(shared *sh, feit_worker *w, counts *st)
{
    size_t i;
    while (!(sh->stop && *sh->stop) && (i = atomic_fetch_add(&sh->next, 1)) < sh->njobs) {
        job *j = &sh->cur[i];
        j->out.len = 0;
        j->done = 1;
        const feit_result *r = feit_process(w, j->doc.id, j->doc.text, j->doc.len);
        if (!r || feit_result_write(r, sh->emit, j->doc.meta, &j->out)) {
            j->failed = 1;
            continue;
        }
        st->docs++;
        st->sentences += r->nsentences;
        st->bytes += r->len;
        for (size_t k = 0; k < r->nentities; k++)
            st->entities[r->entities[k].type]++;
        st->triples += r->ntriples;
        for (size_t k = 0; k < r->ntriples; k++)
            count_pred(st, r->triples[k].predicate, 1); /* a lost count when out of memory only */
    }
}

static void *thread_main(void *vp)
{
    thread_arg *a = vp;
    shared *sh = a->sh;
    unsigned long seen = 0;
    for (;;) {
        pthread_mutex_lock(&sh->mu);
        while (sh->generation == seen && !sh->quit)
            pthread_cond_wait(&sh->go, &sh->mu);
        if (sh->quit) {
            pthread_mutex_unlock(&sh->mu);
            return NULL;
        }
        seen = sh->generation;
        pthread_mutex_unlock(&sh->mu);
        run_jobs(sh, a->w, &a->st);
        pthread_mutex_lock(&sh->mu);
        sh->finished++;
        pthread_cond_signal(&sh->done);
        pthread_mutex_unlock(&sh->mu);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct run {
    const feit_batch_options *o;
    size_t skipped;
    int eof, status;
} run;

static void skip(run *rn, const feit_error *err)
{
    rn->skipped++;
    if (rn->o->skip)
        rn->o->skip(rn->o->user, err);
}

/* Reads up to BATCH_DOCS documents (or BATCH_BYTES of text) into jobs; returns how many. */
static size_t read_batch(run *rn, job *jobs)
{
    size_t n = 0, bytes = 0;
    feit_error err;
    while (!rn->eof && n < BATCH_DOCS && bytes < BATCH_BYTES) {
        if (rn->o->stop && *rn->o->stop) {
            rn->eof = 1, rn->status = FEIT_EINTR;
            break;
        }
        memset(&err, 0, sizeof err);
        int rc = rn->o->next(rn->o->user, &jobs[n].doc, &err);
        if (rc == 0) {
            rn->eof = 1;
        } else if (rc == FEIT_ENOMEM) {
            rn->status = FEIT_ENOMEM;
            rn->eof = 1;
        } else if (rc < 0) {
            skip(rn, &err);
        } else {
            jobs[n].failed = jobs[n].done = 0;
            bytes += jobs[n].doc.len;
            n++;
        }
    }
    return n;
}

static int cmp_pred(const void *a, const void *b)
{
    const feit_pred_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->predicate, y->predicate);
}

/* The totals of all threads into st (preds sorted: by count, then name). */
static int sum(const thread_arg *ta, long threads, run *rn, double t0, feit_batch_stats *st)
{
    counts total;
    memset(&total, 0, sizeof total);
    int rc = 0;
    for (long t = 0; t < threads; t++) {
        const counts *s = &ta[t].st;
        total.docs += s->docs, total.sentences += s->sentences, total.triples += s->triples, total.bytes += s->bytes;
        for (int k = 0; k < FEIT_NTYPES; k++)
            total.entities[k] += s->entities[k];
        for (size_t k = 0; k < s->npreds && !rc; k++)
            rc = count_pred(&total, s->preds[k].predicate, s->preds[k].n);
    }
    if (total.npreds > 1)
        qsort(total.preds, total.npreds, sizeof *total.preds, cmp_pred);
    feit_batch_stats_free(st);
    st->docs = total.docs, st->skipped = rn->skipped, st->sentences = total.sentences, st->triples = total.triples;
    memcpy(st->entities, total.entities, sizeof st->entities);
    st->preds = total.preds, st->npreds = total.npreds;
    st->bytes = total.bytes;
    st->seconds = now() - t0;
    if (rn->o->reader)
        st->consumed = feit_reader_consumed(rn->o->reader), st->total = feit_reader_total(rn->o->reader);
    return rc;
}

feit_batch_options feit_batch_options_default(void) { return (feit_batch_options){.emit = FEIT_EMIT_TRIPLES}; }

int feit_batch_reader_next(void *reader, feit_input_doc *doc, feit_error *err) { return feit_reader_next(reader, doc, err); }

void feit_batch_stats_free(feit_batch_stats *st)
{
    if (!st)
        return;
    free(st->preds);
    memset(st, 0, sizeof *st);
}

int feit_batch_run(const feit_context *ctx, const feit_batch_options *o, feit_batch_stats *out)
{
    double t0 = now();
    feit_batch_stats local;
    memset(&local, 0, sizeof local);
    feit_batch_stats *st = out ? out : &local;
    memset(st, 0, sizeof *st);
    long threads = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    shared *sh = calloc(1, sizeof *sh);
    thread_arg *ta = calloc((size_t)threads, sizeof *ta);
    if (!sh || !ta || !o->next) {
        free(sh), free(ta);
        return FEIT_ENOMEM;
    }
    run rn = {o, 0, 0, 0};
    pthread_mutex_init(&sh->mu, NULL);
    pthread_cond_init(&sh->go, NULL);
    pthread_cond_init(&sh->done, NULL);
    sh->emit = o->emit;
    sh->stop = o->stop;
    long started = 0;
    for (long t = 0; t < threads && !rn.status; t++) {
        ta[t].sh = sh;
        if (!(ta[t].w = feit_worker_new(ctx)))
            rn.status = FEIT_ENOMEM;
        else if (t > 0 && pthread_create(&ta[t].tid, NULL, thread_main, &ta[t]))
            rn.status = FEIT_ENOMEM;
        else if (t > 0)
            started++;
    }
    int stopped = 0, which = 0;
    size_t n = rn.status ? 0 : read_batch(&rn, sh->jobs[which]);
    while (n && !stopped) {
        /* the workers start on this batch ... */
        pthread_mutex_lock(&sh->mu);
        sh->cur = sh->jobs[which];
        sh->njobs = n;
        atomic_store(&sh->next, 0);
        sh->finished = 0;
        sh->generation++;
        pthread_cond_broadcast(&sh->go);
        pthread_mutex_unlock(&sh->mu);
        /* ... while this thread reads the next one, then helps */
        size_t next_n = read_batch(&rn, sh->jobs[1 - which]);
        run_jobs(sh, ta[0].w, &ta[0].st);
        pthread_mutex_lock(&sh->mu);
        while (sh->finished < started)
            pthread_cond_wait(&sh->done, &sh->mu);
        pthread_mutex_unlock(&sh->mu);
        for (size_t i = 0; i < n; i++) {
            job *j = &sh->jobs[which][i];
            if (!j->done || rn.status == FEIT_EFORMAT) {
                /* stopped on request before this document (and all after it), or the context
                 * failed: nothing from here on is written */
            } else if (j->failed && feit_context_status(ctx, NULL)) {
                rn.status = FEIT_EFORMAT; /* the compiled gazetteer is corrupt: the run ends */
                stopped = 1;
            } else if (j->failed) {
                feit_error err;
                feit_error_set(&err, j->doc.where, 0, 0, "out of memory: skipped (document '%s')", j->doc.id);
                skip(&rn, &err);
            } else if (!stopped && o->write && o->write(o->user, &j->doc, j->out.data, j->out.len)) {
                stopped = 1;
            }
            feit_input_doc_free(&j->doc);
        }
        if (o->progress) {
            sum(ta, threads, &rn, t0, st);
            o->progress(o->user, st);
        }
        which = 1 - which, n = next_n;
        if (o->stop && *o->stop) { /* the batch read meanwhile is freed below, not processed */
            rn.status = FEIT_EINTR;
            break;
        }
    }
    for (size_t i = 0; i < n; i++) /* a batch read but not processed: `write` asked to stop, or a stop */
        feit_input_doc_free(&sh->jobs[which][i].doc);
    pthread_mutex_lock(&sh->mu);
    sh->quit = 1;
    pthread_cond_broadcast(&sh->go);
    pthread_mutex_unlock(&sh->mu);
    for (long t = 1; t <= started; t++)
        pthread_join(ta[t].tid, NULL);
    if (sum(ta, threads, &rn, t0, st) && !rn.status)
        rn.status = FEIT_ENOMEM;
    for (long t = 0; t < threads; t++) {
        feit_worker_free(ta[t].w);
        free(ta[t].st.preds);
    }
    for (size_t i = 0; i < BATCH_DOCS; i++)
        feit_buf_free(&sh->jobs[0][i].out), feit_buf_free(&sh->jobs[1][i].out);
    pthread_mutex_destroy(&sh->mu);
    pthread_cond_destroy(&sh->go);
    pthread_cond_destroy(&sh->done);
    free(sh);
    free(ta);
    feit_batch_stats_free(&local);
    if (rn.status)
        return rn.status;
    return stopped ? 1 : 0;
}
