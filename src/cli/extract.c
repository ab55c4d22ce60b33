/* extract.c — `feit extract`: reads documents, runs the pipeline on N threads, writes JSON
 * Lines in input order.
 *
 * Threads work in batches: the worker threads take documents from the current batch by an
 * atomic counter, each into its own output buffer, while the main thread reads the next batch;
 * then the main thread helps, and writes the buffers in input order. Memory is bounded by two
 * batches (each at most BATCH_DOCS documents or BATCH_BYTES of text), whatever the input size. */
#include "cli.h"

#include "feit.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BATCH_DOCS 256
#define BATCH_BYTES (8u << 20)
#define DEFAULT_MAX_DOC (16u << 20)

typedef struct pred_count {
    const char *pred;
    size_t n;
} pred_count;

typedef struct stats {
    size_t docs, sentences, entities[FEIT_NTYPES], triples;
    pred_count *preds;
    size_t npreds, cpreds;
    uint64_t bytes;
} stats;

typedef struct job {
    feit_input_doc doc;
    feit_buf out;
    int failed; /* out of memory in the pipeline */
} job;

typedef struct shared {
    job jobs[2][BATCH_DOCS]; /* two batches: one being processed while the next is read */
    job *cur;                /* the batch the workers take documents from */
    size_t njobs;
    atomic_size_t next;
    feit_emit emit;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned long generation;
    int finished, quit;
} shared;

typedef struct thread_arg {
    shared *sh;
    feit_worker *w;
    stats st;
    pthread_t tid;
} thread_arg;

static void count_pred(stats *st, const char *pred, size_t n)
{
    for (size_t i = 0; i < st->npreds; i++)
        if (st->preds[i].pred == pred || !strcmp(st->preds[i].pred, pred)) {
            st->preds[i].n += n;
            return;
        }
    if (st->npreds == st->cpreds) {
        size_t c = st->cpreds ? st->cpreds * 2 : 32;
        pred_count *p = realloc(st->preds, c * sizeof *p);
        if (!p)
            return;
        st->preds = p, st->cpreds = c;
    }
    st->preds[st->npreds++] = (pred_count){pred, n};
}

static void run_jobs(shared *sh, feit_worker *w, stats *st)
{
    size_t i;
    while ((i = atomic_fetch_add(&sh->next, 1)) < sh->njobs) {
        job *j = &sh->cur[i];
        j->out.len = 0;
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
            count_pred(st, r->triples[k].predicate, 1);
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

static void progress(size_t docs, uint64_t done, uint64_t total, double elapsed, int final)
{
    double mb = (double)done / 1e6, rate = elapsed > 0 ? mb / elapsed : 0;
    char eta[32] = "";
    if (total && done && rate > 0 && !final) {
        double left = ((double)total - (double)done) / 1e6 / rate;
        snprintf(eta, sizeof eta, "  ETA %dm%02ds", (int)left / 60, (int)left % 60);
    }
    char bar[24] = "";
    if (total) {
        int fill = (int)(20.0 * (double)done / (double)total);
        if (fill > 20)
            fill = 20;
        bar[0] = '[';
        for (int i = 0; i < 20; i++)
            bar[i + 1] = i < fill ? '#' : '.';
        bar[21] = ']', bar[22] = ' ', bar[23] = '\0';
    }
    fprintf(stderr, "\r%s%zu docs  %.1f MB  %.1f MB/s%s   %s", bar, docs, mb, rate, eta, final ? "\n" : "");
    fflush(stderr);
}

/* Skip reasons for --stats: the text after "file:line: ". */
typedef struct reason {
    char text[64];
    size_t n;
} reason;

static void count_reason(reason *rs, size_t *nrs, size_t cap, const char *msg)
{
    /* messages read "file: reason" or "file:line: reason" */
    const char *p = msg, *q = strstr(msg, ": ");
    if (q)
        p = q + 2;
    char key[64];
    snprintf(key, sizeof key, "%s", p);
    char *cut = strpbrk(key, ":('"); /* robustness: also cut at a quoted value (an id) */
    if (cut)
        *cut = '\0';
    /* robustness: group "invalid JSON at column 35" and "... column 36" under one reason, and
     * drop the trailing blank, so dirty input does not exhaust the table of reasons */
    if ((cut = strstr(key, " at column")))
        *cut = '\0';
    size_t kl = strlen(key);
    while (kl && key[kl - 1] == ' ')
        key[--kl] = '\0';
    for (size_t i = 0; i < *nrs; i++)
        if (!strcmp(rs[i].text, key)) {
            rs[i].n++;
            return;
        }
    if (*nrs < cap) {
        snprintf(rs[*nrs].text, sizeof rs[*nrs].text, "%s", key);
        rs[(*nrs)++].n = 1;
    } else { /* table full: the last row collects the rest, so the rows still sum to the skips */
        snprintf(rs[cap - 1].text, sizeof rs[cap - 1].text, "other reasons");
        rs[cap - 1].n++;
    }
}

/* What reading a batch reports and counts. */
typedef struct read_state {
    feit_reader *rd;
    size_t skipped, nreasons;
    reason reasons[32];
    int eof, status;
    double last_progress; /* > 0 once a progress line is drawn: a skip report first clears it
                           * (robustness: the report used to be glued to the bar) */
} read_state;

/* Reads up to BATCH_DOCS documents (or BATCH_BYTES of text) into jobs; returns how many. Bad
 * input is reported on stderr and counted as it comes. */
static size_t read_batch(read_state *rs, job *jobs)
{
    size_t n = 0, bytes = 0;
    char msg[1024];
    while (!rs->eof && n < BATCH_DOCS && bytes < BATCH_BYTES) {
        int rc = feit_reader_next(rs->rd, &jobs[n].doc, msg, sizeof msg);
        if (rc == 0) {
            rs->eof = 1;
        } else if (rc == -2) {
            fprintf(stderr, "feit: out of memory while reading\n");
            rs->status = 2;
            rs->eof = 1;
        } else if (rc < 0) {
            fprintf(stderr, "%sfeit: %s\n", rs->last_progress > 0 ? "\r\033[K" : "", msg);
            rs->skipped++;
            count_reason(rs->reasons, &rs->nreasons, 32, msg);
        } else {
            jobs[n].failed = 0;
            bytes += jobs[n].doc.len;
            n++;
        }
    }
    return n;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: feit extract [OPTIONS] [PATH ...]\n"
            "  PATH: a file, a directory (recursive; one document per file) or - for stdin (default)\n"
            "  --input-format auto|text|jsonl  auto: .jsonl/.ndjson (also .gz) -> jsonl, else text\n"
            "  --emit triples|entities|documents   default: triples\n"
            "  -o FILE                 write to FILE (default: stdout)\n"
            "  --threads N             worker threads (default: number of cores); output keeps input order\n"
            "  --gazetteers DIR        entity lists to use instead of the bundled ones; give it twice to\n"
            "                          add a second directory (`--gazetteers default --gazetteers mine/`\n"
            "                          adds your lists to the bundled ones)\n"
            "  --rules FILE            relation rules (default: the bundled models/relations.rules)\n"
            "  --max-doc-bytes N       skip (and report) documents larger than N bytes (default %u)\n"
            "  --progress | --no-progress   progress bar on stderr (default: on when stderr is a terminal)\n"
            "  --stats                 a summary on stderr at the end\n"
            "Exit status: 0 all documents processed, 1 some skipped (each reported on stderr),\n"
            "2 usage or resource error.\n",
            DEFAULT_MAX_DOC);
}

int cmd_extract(int argc, char **argv)
{
    enum { O_FORMAT = 256, O_EMIT, O_THREADS, O_GAZ, O_RULES, O_PROGRESS, O_NOPROGRESS, O_STATS, O_MAXDOC, O_HELP };
    static const struct option opts[] = {
        {"input-format", required_argument, 0, O_FORMAT}, {"emit", required_argument, 0, O_EMIT},
        {"threads", required_argument, 0, O_THREADS},     {"gazetteers", required_argument, 0, O_GAZ},
        {"rules", required_argument, 0, O_RULES},         {"progress", no_argument, 0, O_PROGRESS},
        {"no-progress", no_argument, 0, O_NOPROGRESS},    {"stats", no_argument, 0, O_STATS},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC}, {"help", no_argument, 0, O_HELP},
        {0, 0, 0, 0}};
    feit_read_format fmt = FEIT_READ_AUTO;
    feit_emit emit = FEIT_EMIT_TRIPLES;
    const char *out_path = NULL, *rules = NULL, *gaz[2] = {NULL, NULL};
    int ngaz = 0, want_stats = 0, want_progress = isatty(2);
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    size_t max_doc = DEFAULT_MAX_DOC;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case O_FORMAT:
            if (!strcmp(optarg, "auto")) fmt = FEIT_READ_AUTO;
            else if (!strcmp(optarg, "text")) fmt = FEIT_READ_TEXT;
            else if (!strcmp(optarg, "jsonl")) fmt = FEIT_READ_JSONL;
            else return fprintf(stderr, "feit extract: --input-format must be auto, text or jsonl\n"), 2;
            break;
        case O_EMIT:
            if (!strcmp(optarg, "triples")) emit = FEIT_EMIT_TRIPLES;
            else if (!strcmp(optarg, "entities")) emit = FEIT_EMIT_ENTITIES;
            else if (!strcmp(optarg, "documents")) emit = FEIT_EMIT_DOCUMENTS;
            else return fprintf(stderr, "feit extract: --emit must be triples, entities or documents\n"), 2;
            break;
        case 'o': out_path = optarg; break;
        case O_THREADS: {
            char *end;
            threads = strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > 256)
                return fprintf(stderr, "feit extract: --threads must be a number from 1 to 256\n"), 2;
            break;
        }
        case O_GAZ:
            if (ngaz == 2)
                return fprintf(stderr, "feit extract: --gazetteers at most twice\n"), 2;
            gaz[ngaz++] = optarg;
            break;
        case O_RULES: rules = optarg; break;
        case O_PROGRESS: want_progress = 1; break;
        case O_NOPROGRESS: want_progress = 0; break;
        case O_STATS: want_stats = 1; break;
        case O_MAXDOC: {
            char *end;
            long long v = strtoll(optarg, &end, 10);
            if (*end || v < 1 || v > (1ll << 31))
                return fprintf(stderr, "feit extract: --max-doc-bytes must be a number from 1 to 2147483648\n"), 2;
            max_doc = (size_t)v;
            break;
        }
        case 'h':
        case O_HELP: usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (threads < 1)
        threads = 1;
    const char *gdir = ngaz >= 1 && strcmp(gaz[0], "default") ? gaz[0] : NULL;
    const char *udir = ngaz == 2 ? gaz[1] : NULL;

    double t0 = now();
    feit_error err;
    feit_context *ctx = feit_context_new(gdir, udir, rules, &err);
    if (!ctx) {
        cli_print_error(stderr, "feit", &err);
        return 2;
    }
    FILE *out = stdout;
    if (out_path && !(out = fopen(out_path, "wb"))) {
        fprintf(stderr, "feit: %s: cannot write: %s\n", out_path, strerror(errno));
        feit_context_free(ctx);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a closed pipe shows up as EPIPE and ends the run quietly */

    char *stdin_path[] = {"-"};
    char *const *paths = optind < argc ? argv + optind : stdin_path;
    size_t npaths = optind < argc ? (size_t)(argc - optind) : 1;
    feit_reader *rd = feit_reader_new(paths, npaths, fmt, max_doc);
    shared *sh = calloc(1, sizeof *sh);
    thread_arg *ta = calloc((size_t)threads, sizeof *ta);
    int status = 0;
    if (!rd || !sh || !ta) {
        fprintf(stderr, "feit: out of memory\n");
        status = 2;
        goto done;
    }
    pthread_mutex_init(&sh->mu, NULL);
    pthread_cond_init(&sh->go, NULL);
    pthread_cond_init(&sh->done, NULL);
    sh->emit = emit;
    long started = 0;
    for (long t = 0; t < threads; t++) {
        ta[t].sh = sh;
        ta[t].w = feit_worker_new(ctx);
        if (!ta[t].w) {
            fprintf(stderr, "feit: out of memory\n");
            status = 2;
            goto stop;
        }
        if (t > 0) {
            if (pthread_create(&ta[t].tid, NULL, thread_main, &ta[t])) {
                fprintf(stderr, "feit: cannot start thread %ld\n", t);
                status = 2;
                goto stop;
            }
            started++;
        }
    }

    read_state rs;
    memset(&rs, 0, sizeof rs);
    rs.rd = rd;
    int broken_pipe = 0, which = 0;
    size_t n = read_batch(&rs, sh->jobs[which]);
    while (n && !broken_pipe) {
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
        size_t next_n = read_batch(&rs, sh->jobs[1 - which]);
        run_jobs(sh, ta[0].w, &ta[0].st);
        pthread_mutex_lock(&sh->mu);
        while (sh->finished < started)
            pthread_cond_wait(&sh->done, &sh->mu);
        pthread_mutex_unlock(&sh->mu);
        for (size_t i = 0; i < n; i++) {
            job *j = &sh->jobs[which][i];
            if (j->failed) {
                fprintf(stderr, "%sfeit: %s: document '%s': out of memory: skipped\n", rs.last_progress > 0 ? "\r\033[K" : "",
                        j->doc.where, j->doc.id);
                rs.skipped++;
                count_reason(rs.reasons, &rs.nreasons, 32, "x: out of memory");
            } else if (!broken_pipe && j->out.len && fwrite(j->out.data, 1, j->out.len, out) != j->out.len) {
                if (errno != EPIPE)
                    fprintf(stderr, "feit: write error: %s\n", strerror(errno)), status = 2;
                broken_pipe = 1;
            }
            feit_input_doc_free(&j->doc);
        }
        if (want_progress && now() - rs.last_progress > 0.25) {
            size_t docs = 0;
            for (long t = 0; t < threads; t++)
                docs += ta[t].st.docs;
            progress(docs, feit_reader_consumed(rd), feit_reader_total(rd), now() - t0, 0);
            rs.last_progress = now();
        }
        which = 1 - which, n = next_n;
    }
    for (size_t i = 0; i < n; i++) /* a batch read but not processed: the output pipe closed */
        feit_input_doc_free(&sh->jobs[which][i].doc);
    if (rs.status)
        status = rs.status;
    if (!broken_pipe && fflush(out) && errno != EPIPE) {
        fprintf(stderr, "feit: write error: %s\n", strerror(errno));
        status = 2;
    }
    stats total;
    memset(&total, 0, sizeof total);
    for (long t = 0; t < threads; t++) {
        stats *s = &ta[t].st;
        total.docs += s->docs, total.sentences += s->sentences, total.triples += s->triples, total.bytes += s->bytes;
        for (int k = 0; k < FEIT_NTYPES; k++)
            total.entities[k] += s->entities[k];
        for (size_t k = 0; k < s->npreds; k++)
            count_pred(&total, s->preds[k].pred, s->preds[k].n);
    }
    double wall = now() - t0;
    if (want_progress)
        progress(total.docs, feit_reader_consumed(rd), feit_reader_total(rd), wall, 1);
    if (want_stats) {
        fprintf(stderr, "documents  %zu processed, %zu skipped\n", total.docs, rs.skipped);
        for (size_t k = 0; k < rs.nreasons; k++)
            fprintf(stderr, "  skipped  %zu  %s\n", rs.reasons[k].n, rs.reasons[k].text);
        fprintf(stderr, "sentences  %zu\nentities  ", total.sentences);
        for (int k = 0; k < FEIT_NTYPES; k++)
            fprintf(stderr, " %s %zu", feit_type_name((feit_type)k), total.entities[k]);
        fprintf(stderr, "\ntriples    %zu\n", total.triples);
        for (size_t k = 0; k < total.npreds; k++)
            fprintf(stderr, "  %-22s %zu\n", total.preds[k].pred, total.preds[k].n);
        fprintf(stderr, "time       %.3f s  %.1f MB of text  %.1f MB/s\n", wall, (double)total.bytes / 1e6,
                wall > 0 ? (double)total.bytes / 1e6 / wall : 0);
    }
    free(total.preds);
    if (!status && rs.skipped)
        status = 1;
stop:
    pthread_mutex_lock(&sh->mu);
    sh->quit = 1;
    pthread_cond_broadcast(&sh->go);
    pthread_mutex_unlock(&sh->mu);
    for (long t = 1; t <= started; t++)
        pthread_join(ta[t].tid, NULL);
    for (long t = 0; t < threads; t++) {
        feit_worker_free(ta[t].w);
        free(ta[t].st.preds);
    }
    for (size_t i = 0; i < BATCH_DOCS; i++)
        feit_buf_free(&sh->jobs[0][i].out), feit_buf_free(&sh->jobs[1][i].out);
    pthread_mutex_destroy(&sh->mu);
    pthread_cond_destroy(&sh->go);
    pthread_cond_destroy(&sh->done);
done:
    free(sh);
    free(ta);
    feit_reader_free(rd);
    if (out && out != stdout)
        fclose(out);
    feit_context_free(ctx);
    return status;
}
