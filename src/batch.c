/* batch.c — feit_batch_run (feit.h): many documents on N threads, output in input order.
 *
 * A ring of jobs, with no batch boundary that all threads wait at: the calling thread reads
 * documents into the ring, writes the finished ones in input order, and processes documents
 * itself when it has nothing to read or write; the worker threads take the next unprocessed
 * job by an atomic counter, each into the job's own output buffer. A worker waits only when
 * every document read is taken, the calling thread only when the next document to write is
 * still under way and there is nothing to read or take. (Batches that every thread finished
 * before the next began cost two threads 5-8% of their time in waits, more on a loaded machine
 * where the thread with the batch's last document is not running.) Memory is bounded by the
 * ring: at most RING_DOCS documents or RING_BYTES of text (and one document) read and not yet
 * written, whatever the input size. With one thread the ring is one job deep: a document is
 * read, processed and written before the next is read, so its text, records and output buffer
 * are still in the cache when the next stage reads them (512 read ahead had every document's
 * text leave the cache before its first stage, and kept 512 output buffers). Every callback
 * runs on the calling thread, and all counting is done there, as documents are written. When `next` would wait for input (FEIT_EAGAIN: a
 * pipe), the documents read are processed and written first: a slow producer's documents come
 * out as they go in, not when the ring is full. */
#include "feit.h"

#include "core/error.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RING_DOCS 512
#define RING_BYTES (16u << 20)
#define PROGRESS_DOCS 256 /* `progress` after this many documents are written */
#define NONE SIZE_MAX
#define CLOSED (SIZE_MAX / 2) /* `next` once the run is closed: beyond every job */

enum { JOB_OPEN, JOB_DONE, JOB_FAILED /* out of memory in the pipeline */ };

typedef struct job {
    feit_input_doc doc;
    feit_buf out;
    /* what the document gave, for the counts (made by the thread that processed it) */
    size_t sentences, triples, entities[FEIT_NTYPES];
    const char **preds; /* each triple's predicate (the context's strings) */
    size_t npreds, cpreds;
    atomic_int state; /* JOB_*: set by the processing thread when the job is finished */
} job;

/* What was written: counted by the calling thread only. */
typedef struct counts {
    size_t docs, sentences, entities[FEIT_NTYPES], triples;
    feit_pred_count *preds;
    size_t npreds, cpreds;
    uint64_t bytes;
} counts;

typedef struct shared {
    job ring[RING_DOCS]; /* job i is ring[i % nring] */
    size_t nring;        /* the jobs used: RING_DOCS, or 1 with one thread */
    atomic_size_t next;  /* the next job to take: grows by one per take, CLOSED at the end */
    atomic_size_t avail; /* jobs [0, avail) are read */
    atomic_int idle;     /* workers waiting for work */
    atomic_int waiting;  /* 1: the calling thread waits for a job to finish */
    atomic_int quit;
    feit_emit emit;
    const volatile int *stop; /* feit_batch_options.stop */
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
} shared;

typedef struct thread_arg {
    shared *sh;
    const feit_context *ctx;
    feit_worker *w;
    int made; /* (under sh->mu) the thread made its worker: 1, or -1 when out of memory */
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

static int stop_asked(const shared *sh) { return sh->stop && *sh->stop; }

/* The index of a job to process, or NONE: every job read is taken, the run is closed, or a
 * stop is asked for. Jobs are taken in input order. */
static size_t take(shared *sh)
{
    if (stop_asked(sh))
        return NONE;
    size_t i = atomic_load(&sh->next);
    do {
        if (i >= atomic_load(&sh->avail))
            return NONE;
    } while (!atomic_compare_exchange_weak(&sh->next, &i, i + 1));
    return i;
}

/* Processes job j and marks it finished; wakes the calling thread when it waits. */
static void run_job(shared *sh, feit_worker *w, job *j)
{
    j->out.len = 0;
    j->npreds = 0;
    const feit_result *r = feit_process(w, j->doc.id, j->doc.text, j->doc.len);
    int failed = !r || feit_result_write(r, sh->emit, j->doc.meta, &j->out);
    if (!failed) {
        j->sentences = r->nsentences;
        j->triples = r->ntriples;
        memset(j->entities, 0, sizeof j->entities);
        for (size_t k = 0; k < r->nentities; k++)
            j->entities[r->entities[k].type]++;
        if (r->ntriples > j->cpreds) {
            const char **p = realloc(j->preds, r->ntriples * sizeof *p);
            if (p) /* (else the predicates go uncounted: out of memory only) */
                j->preds = p, j->cpreds = r->ntriples;
        }
        for (size_t k = 0; k < r->ntriples && k < j->cpreds; k++)
            j->preds[j->npreds++] = r->triples[k].predicate;
    }
    atomic_store(&j->state, failed ? JOB_FAILED : JOB_DONE);
    if (atomic_load(&sh->waiting)) {
        pthread_mutex_lock(&sh->mu);
        pthread_cond_signal(&sh->finished);
        pthread_mutex_unlock(&sh->mu);
    }
}

static void *thread_main(void *vp)
{
    thread_arg *a = vp;
    shared *sh = a->sh;
    /* each thread makes its own worker, at the same time as the others (and on its own core) */
    a->w = feit_worker_new(a->ctx);
    pthread_mutex_lock(&sh->mu);
    a->made = a->w ? 1 : -1;
    pthread_cond_broadcast(&sh->finished);
    pthread_mutex_unlock(&sh->mu);
    if (!a->w)
        return NULL;
    for (;;) {
        size_t i = take(sh);
        if (i != NONE) {
            run_job(sh, a->w, &sh->ring[i % sh->nring]);
            continue;
        }
        /* idle is raised before work is looked for again, and the calling thread publishes
         * work before it looks at idle: one of the two sees the other */
        pthread_mutex_lock(&sh->mu);
        atomic_fetch_add(&sh->idle, 1);
        while (!atomic_load(&sh->quit) && (stop_asked(sh) || atomic_load(&sh->next) >= atomic_load(&sh->avail)))
            pthread_cond_wait(&sh->work, &sh->mu);
        atomic_fetch_sub(&sh->idle, 1);
        int quit = atomic_load(&sh->quit);
        pthread_mutex_unlock(&sh->mu);
        if (quit)
            return NULL;
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
    int idle; /* `next` said FEIT_EAGAIN: the documents read are written before it is called */
} run;

static void skip(run *rn, const feit_error *err)
{
    rn->skipped++;
    if (rn->o->skip)
        rn->o->skip(rn->o->user, err);
}

/* Reads the next document into j (bad records are reported and passed over); 0 at the end of
 * the input, when out of memory or stopped (rn->status), or when `next` would wait for input
 * (rn->idle). */
static int read_one(run *rn, job *j)
{
    feit_error err;
    while (!rn->eof) {
        /* (its strings emptied, not its 1 KB cleared: most documents write no error) */
        err.file[0] = err.text[0] = '\0', err.line = err.column = 0;
        int rc = rn->o->next(rn->o->user, &j->doc, &err);
        if (rc == 0) {
            rn->eof = 1;
        } else if (rc == FEIT_ENOMEM || rc == FEIT_EINTR) {
            rn->status = rc; /* FEIT_EINTR: a stop ended a wait for input */
            rn->eof = 1;
        } else if (rc == FEIT_EAGAIN) {
            rn->idle = 1;
            return 0;
        } else if (rc < 0) {
            skip(rn, &err);
        } else {
            rn->idle = 0;
            atomic_store(&j->state, JOB_OPEN);
            return 1;
        }
    }
    return 0;
}

static int cmp_pred(const void *a, const void *b)
{
    const feit_pred_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->predicate, y->predicate);
}

/* The counts so far into st (preds copied and sorted: by count, then name). */
static int sum(const counts *c, const run *rn, double t0, feit_batch_stats *st)
{
    feit_batch_stats_free(st);
    int rc = 0;
    if (c->npreds) {
        if ((st->preds = malloc(c->npreds * sizeof *st->preds))) {
            memcpy(st->preds, c->preds, c->npreds * sizeof *st->preds);
            st->npreds = c->npreds;
            qsort(st->preds, st->npreds, sizeof *st->preds, cmp_pred);
        } else {
            rc = FEIT_ENOMEM;
        }
    }
    st->docs = c->docs, st->skipped = rn->skipped, st->sentences = c->sentences, st->triples = c->triples;
    memcpy(st->entities, c->entities, sizeof st->entities);
    st->bytes = c->bytes;
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

/* The calling thread's side of a run. */
typedef struct ring_state {
    size_t nread, nwritten; /* jobs read, and written (or passed over) */
    size_t taken;           /* once closed: the jobs taken before, all others are not processed */
    uint64_t inflight;      /* text bytes of the jobs read and not yet written */
    int closed, stopped;
    size_t last_progress;
} ring_state;

/* Counts job j (finished) and hands its records to `write`, or reports its failure. */
static void finish_job(const feit_context *ctx, run *rn, ring_state *rs, counts *c, job *j)
{
    const feit_batch_options *o = rn->o;
    int state = atomic_load(&j->state);
    if (rn->status == FEIT_EFORMAT) {
        /* the context failed: nothing from here on is written */
    } else if (state == JOB_FAILED && feit_context_status(ctx, NULL)) {
        rn->status = FEIT_EFORMAT; /* the compiled gazetteer is corrupt: the run ends */
        rs->stopped = 1;
    } else if (state == JOB_FAILED) {
        feit_error err;
        feit_error_set(&err, j->doc.where, 0, 0, "out of memory: skipped (document '%s')", j->doc.id);
        skip(rn, &err);
    } else {
        c->docs++;
        c->sentences += j->sentences;
        c->bytes += j->doc.len;
        for (int k = 0; k < FEIT_NTYPES; k++)
            c->entities[k] += j->entities[k];
        c->triples += j->triples;
        for (size_t k = 0; k < j->npreds; k++)
            count_pred(c, j->preds[k], 1); /* a lost count when out of memory only */
        if (!rs->stopped && o->write && o->write(o->user, &j->doc, j->out.data, j->out.len))
            rs->stopped = 1;
    }
}

/* Writes the finished jobs at the head of the ring, in input order, and frees them; once the
 * run is closed, also frees the jobs no thread took. */
static void write_ready(const feit_context *ctx, run *rn, ring_state *rs, counts *c, shared *sh, double t0, feit_batch_stats *st)
{
    while (rs->nwritten < rs->nread) {
        job *j = &sh->ring[rs->nwritten % sh->nring];
        if (!(rs->closed && rs->nwritten >= rs->taken)) {
            if (atomic_load(&j->state) == JOB_OPEN)
                break;
            finish_job(ctx, rn, rs, c, j);
        }
        rs->inflight -= j->doc.len;
        feit_input_doc_free(&j->doc);
        rs->nwritten++;
        if (rn->o->progress && rs->nwritten - rs->last_progress >= PROGRESS_DOCS) {
            rs->last_progress = rs->nwritten;
            sum(c, rn, t0, st);
            rn->o->progress(rn->o->user, st);
        }
    }
}

/* Makes the jobs [0, n) available, and wakes an idle worker. */
static void publish(shared *sh, size_t n)
{
    atomic_store(&sh->avail, n);
    if (atomic_load(&sh->idle)) {
        pthread_mutex_lock(&sh->mu);
        pthread_cond_signal(&sh->work);
        pthread_mutex_unlock(&sh->mu);
    }
}

/* Waits until job i is finished. Before the run is closed (open), also until a stop is asked
 * for: a thread that saw the stop takes no job, so job i may never be taken; the wait looks at
 * the flag every 50 ms. */
static void wait_job(shared *sh, size_t i, int open)
{
    job *j = &sh->ring[i % sh->nring];
    pthread_mutex_lock(&sh->mu);
    atomic_store(&sh->waiting, 1);
    while (atomic_load(&j->state) == JOB_OPEN && !(open && stop_asked(sh))) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 50 * 1000000L;
        if (until.tv_nsec >= 1000000000L)
            until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&sh->finished, &sh->mu, &until);
    }
    atomic_store(&sh->waiting, 0);
    pthread_mutex_unlock(&sh->mu);
}

/* Starts a thread for each worker but the first (the calling thread's), makes that one, and
 * waits until every thread has made its own; 0, or FEIT_ENOMEM (then no document is processed).
 * Called when the first document is read: an input with none (an empty file, a pipe closed at
 * once) makes none, and their set-up (the lexicon's and the links' tables, some of their pages
 * zeroed) was a fifth of such a run; made one after another, they were on the way of the first
 * document. */
static int start_workers(const feit_context *ctx, shared *sh, thread_arg *ta, long threads, long *started)
{
    /* the workers inherit a mask without the stop signals: they come to this thread, where
     * they end a wait for input at once (in a worker they would leave it waiting) */
    sigset_t stop_sigs, old_mask;
    sigemptyset(&stop_sigs);
    sigaddset(&stop_sigs, SIGINT), sigaddset(&stop_sigs, SIGTERM), sigaddset(&stop_sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop_sigs, &old_mask);
    int rc = 0;
    for (long t = 1; t < threads && !rc; t++) {
        ta[t].sh = sh, ta[t].ctx = ctx;
        if (pthread_create(&ta[t].tid, NULL, thread_main, &ta[t]))
            rc = FEIT_ENOMEM;
        else
            ++*started;
    }
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    ta[0].sh = sh, ta[0].ctx = ctx;
    if (!rc && !(ta[0].w = feit_worker_new(ctx)))
        rc = FEIT_ENOMEM;
    pthread_mutex_lock(&sh->mu);
    for (long t = 1; t <= *started; t++) {
        while (!ta[t].made)
            pthread_cond_wait(&sh->finished, &sh->mu);
        if (ta[t].made < 0)
            rc = FEIT_ENOMEM;
    }
    pthread_mutex_unlock(&sh->mu);
    return rc;
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
    run rn = {o, 0, 0, 0, 0};
    counts c;
    memset(&c, 0, sizeof c);
    ring_state rs;
    memset(&rs, 0, sizeof rs);
    pthread_mutex_init(&sh->mu, NULL);
    pthread_cond_init(&sh->work, NULL);
    pthread_cond_init(&sh->finished, NULL);
    sh->emit = o->emit;
    sh->stop = o->stop;
    sh->nring = threads == 1 ? 1 : RING_DOCS;
    long started = 0;
    for (;;) {
        write_ready(ctx, &rn, &rs, &c, sh, t0, st);
        if (!rs.closed && (rs.stopped || stop_asked(sh))) {
            /* no job is taken from now on: those taken are finished and written */
            rs.taken = atomic_exchange(&sh->next, CLOSED);
            if (rs.taken > rs.nread)
                rs.taken = rs.nread;
            rs.closed = 1;
            if (stop_asked(sh) && !rn.status)
                rn.status = FEIT_EINTR;
            continue;
        }
        if ((rs.closed || rn.eof) && rs.nwritten == rs.nread)
            break;
        if (!rs.closed && !rn.eof && rs.nread - rs.nwritten < sh->nring && rs.inflight < RING_BYTES &&
            !(rn.idle && rs.nwritten < rs.nread)) {
            job *j = &sh->ring[rs.nread % sh->nring];
            if (!read_one(&rn, j))
                continue;
            if (!ta[0].w && start_workers(ctx, sh, ta, threads, &started)) {
                feit_input_doc_free(&j->doc); /* (nothing is processed: as if never read) */
                rn.status = FEIT_ENOMEM;
                rn.eof = 1;
                continue;
            }
            rs.inflight += j->doc.len;
            publish(sh, ++rs.nread);
            continue;
        }
        size_t i = rs.closed ? NONE : take(sh);
        if (i != NONE)
            run_job(sh, ta[0].w, &sh->ring[i % sh->nring]);
        else if (rs.closed || !stop_asked(sh))
            wait_job(sh, rs.nwritten, !rs.closed);
    }
    if (o->progress && rs.nwritten > rs.last_progress) {
        sum(&c, &rn, t0, st);
        o->progress(o->user, st);
    }
    pthread_mutex_lock(&sh->mu);
    atomic_store(&sh->quit, 1);
    pthread_cond_broadcast(&sh->work);
    pthread_mutex_unlock(&sh->mu);
    for (long t = 1; t <= started; t++)
        pthread_join(ta[t].tid, NULL);
    if (sum(&c, &rn, t0, st) && !rn.status)
        rn.status = FEIT_ENOMEM;
    for (long t = 0; t < threads; t++)
        feit_worker_free(ta[t].w);
    for (size_t i = 0; i < RING_DOCS; i++)
        feit_buf_free(&sh->ring[i].out), free(sh->ring[i].preds);
    free(c.preds);
    pthread_mutex_destroy(&sh->mu);
    pthread_cond_destroy(&sh->work);
    pthread_cond_destroy(&sh->finished);
    free(sh);
    free(ta);
    feit_batch_stats_free(&local);
    if (rn.status)
        return rn.status;
    return rs.stopped ? 1 : 0;
}
