/* extract.c — `feit extract`: the options, then the library's batch runner (feit.h:
 * feit_batch_run) over a reader, writing JSON Lines in input order; reports skips, the
 * progress bar and the --stats summary. */
#include "cli.h"

#include "feit.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_MAX_DOC (16u << 20)

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

static void count_reason(reason *rs, size_t *nrs, size_t cap, const char *p)
{
    char key[64];
    snprintf(key, sizeof key, "%.63s", p);
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

/* What the run reports and counts on the way (the batch runner's callbacks). */
typedef struct cli_state {
    cli_out *out;
    int write_error;     /* a write failed (other than a closed pipe) */
    size_t done;         /* documents written (with or without records) */
    char *last;          /* the id of the last of them (owned) */
    size_t clast;
    int progress;        /* draw the bar */
    size_t nreasons;
    reason reasons[32];
    double last_progress; /* > 0 once a progress line is drawn: a skip report first clears it
                           * (robustness: the report used to be glued to the bar) */
} cli_state;

/* The batch runner hands one user pointer to every callback: the reader and the CLI state. */
typedef struct reader_shim {
    feit_reader *rd;
    cli_state *cs;
    int idle; /* the reader said it would wait for input (FEIT_EAGAIN) */
} reader_shim;

static int shim_next(void *user, feit_input_doc *doc, feit_error *err)
{
    reader_shim *sh = user;
    /* the documents read are written (the batch runner saw to it): out with them before the
     * wait, so a slow producer's documents come out as they go in (a failed write is kept
     * by the output and reported by the next write or at the end) */
    if (sh->idle)
        (void)cli_out_flush(sh->cs->out);
    int rc = feit_reader_next(sh->rd, doc, err);
    sh->idle = rc == FEIT_EAGAIN;
    return rc;
}

static int on_write(void *user, const feit_input_doc *doc, const char *records, size_t len)
{
    cli_state *cs = ((reader_shim *)user)->cs;
    if (cli_out_write(cs->out, records, len) == 0) {
        size_t n = strlen(doc->id) + 1;
        if (n > cs->clast) {
            char *p = realloc(cs->last, n);
            if (!p)
                return 0; /* (only the report of an interrupt would miss it) */
            cs->last = p, cs->clast = n;
        }
        memcpy(cs->last, doc->id, n);
        cs->done++;
        return 0;
    }
    if (errno != EPIPE)
        fprintf(stderr, "feit extract: write error: %s\n", strerror(errno)), cs->write_error = 1;
    return 1; /* a closed pipe ends the run quietly */
}

static void on_skip(void *user, const feit_error *err)
{
    cli_state *cs = ((reader_shim *)user)->cs;
    if (cs->last_progress > 0)
        fputs("\r\033[K", stderr);
    cli_print_error(stderr, "feit extract", err);
    count_reason(cs->reasons, &cs->nreasons, 32, err->text);
}

/* A note about an input that is read all the same (a conversion, replaced bytes). */
static void on_note(void *user, const feit_error *note)
{
    (void)user;
    cli_print_error(stderr, "feit extract", note);
}

static void on_progress(void *user, const feit_batch_stats *st)
{
    cli_state *cs = ((reader_shim *)user)->cs;
    if (!cs->progress || now() - cs->last_progress <= 0.25)
        return;
    progress(st->docs, st->consumed, st->total, st->seconds, 0);
    cs->last_progress = now();
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: feit extract [OPTIONS] [PATH ...]\n"
            "  PATH: a file, a directory (recursive; one document per file) or - for stdin (default)\n"
            "  --input-format auto|text|jsonl|json|html   auto: by extension (.jsonl/.ndjson, .json,\n"
            "                          .html/.htm, each also .gz), else by content; else text\n"
            "  --text-field PATH  --id-field PATH   JSON: where the text and the id are (dotted paths:\n"
            "                          body.text; default text and id)\n"
            "  --encoding NAME         read every input in this encoding (default: detect; UTF-8 first)\n"
            "  --include GLOB  --exclude GLOB   directories: read only the files whose name matches,\n"
            "                          leave out those that match (each may be repeated; exclude wins)\n"
            "  --emit triples|entities|documents   default: triples\n"
            "  -o FILE                 write to FILE (default: stdout)\n"
            "  --with-text             with --emit documents: the document text the offsets refer to\n"
            "  --threads N             worker threads (default: number of cores); output keeps input order\n"
            "  --gazetteers DIR        entity lists to use instead of the bundled ones; give it twice to\n"
            "                          add a second directory (`--gazetteers default --gazetteers mine/`\n"
            "                          adds your lists to the bundled ones)\n"
            "  --rules FILE            relation rules (default: the data directory's relations.rules)\n"
            "  --data-dir DIR          the data directory (compiled gazetteer, rules, language data);\n"
            "                          default: $FEIT_DATA, else the one installed with feit\n"
            "  --max-doc-bytes N[K|M|G] skip (and report) documents larger than N bytes (KiB, MiB, GiB;\n"
            "                          default %uM)\n"
            "  --section-size N[K|M|G] process a longer document as consecutive sections of at most N\n"
            "                          bytes, cut at paragraph breaks, to bound its memory; 0: every\n"
            "                          document whole (default %uK)\n"
            "  --progress | --no-progress   progress bar on stderr (default: on when stderr is a terminal)\n"
            "  --stats                 a summary on stderr at the end\n"
            "Exit status: 0 all documents processed, 1 some skipped (each reported on stderr),\n"
            "2 usage or resource error.\n",
            DEFAULT_MAX_DOC >> 20, (unsigned)(FEIT_SECTION_SIZE >> 10));
}

/* incl, excl: room for the --include and --exclude patterns (one per argument at most) */
static int extract_main(int argc, char **argv, const char **incl, const char **excl)
{
    enum { O_FORMAT = 256, O_EMIT, O_THREADS, O_GAZ, O_RULES, O_PROGRESS, O_NOPROGRESS, O_STATS, O_MAXDOC, O_HELP, O_DATA,
           O_TEXTF, O_IDF, O_ENC, O_INCL, O_EXCL, O_WITHTEXT, O_SECTION };
    static const struct option opts[] = {
        {"input-format", required_argument, 0, O_FORMAT}, {"emit", required_argument, 0, O_EMIT},
        {"threads", required_argument, 0, O_THREADS},     {"gazetteers", required_argument, 0, O_GAZ},
        {"rules", required_argument, 0, O_RULES},         {"progress", no_argument, 0, O_PROGRESS},
        {"no-progress", no_argument, 0, O_NOPROGRESS},    {"stats", no_argument, 0, O_STATS},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC}, {"help", no_argument, 0, O_HELP},
        {"data-dir", required_argument, 0, O_DATA},
        {"text-field", required_argument, 0, O_TEXTF},    {"id-field", required_argument, 0, O_IDF},
        {"encoding", required_argument, 0, O_ENC},        {"include", required_argument, 0, O_INCL},
        {"exclude", required_argument, 0, O_EXCL},        {"with-text", no_argument, 0, O_WITHTEXT},
        {"section-size", required_argument, 0, O_SECTION},
        {0, 0, 0, 0}};
    feit_read_format fmt = FEIT_READ_AUTO;
    feit_emit emit = FEIT_EMIT_TRIPLES;
    const char *out_path = NULL, *rules = NULL, *gaz[2] = {NULL, NULL}, *data_dir = NULL;
    int ngaz = 0, want_stats = 0, want_progress = isatty(2);
    long threads = 0; /* the number of cores */
    size_t max_doc = DEFAULT_MAX_DOC, section_size = FEIT_SECTION_SIZE;
    const char *text_field = NULL, *id_field = NULL, *encoding = NULL;
    size_t nincl = 0, nexcl = 0;
    int with_text = 0, c;
    optind = 1;
    opterr = 0; /* unknown options are reported below, with the command's prefix */
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case O_FORMAT:
            if (!strcmp(optarg, "auto")) fmt = FEIT_READ_AUTO;
            else if (!strcmp(optarg, "text")) fmt = FEIT_READ_TEXT;
            else if (!strcmp(optarg, "jsonl")) fmt = FEIT_READ_JSONL;
            else if (!strcmp(optarg, "json")) fmt = FEIT_READ_JSON;
            else if (!strcmp(optarg, "html")) fmt = FEIT_READ_HTML;
            else return fprintf(stderr, "feit extract: --input-format must be auto, text, jsonl, json or html\n"), 2;
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
        case O_DATA: data_dir = optarg; break;
        case O_PROGRESS: want_progress = 1; break;
        case O_NOPROGRESS: want_progress = 0; break;
        case O_STATS: want_stats = 1; break;
        case O_MAXDOC:
            if (cli_parse_size(optarg, 1, &max_doc))
                return fprintf(stderr, "feit extract: --max-doc-bytes must be a number of bytes from 1 to 2G (K, M and G: KiB, MiB, GiB), not '%s'\n", optarg), 2;
            break;
        case O_SECTION:
            if (cli_parse_size(optarg, 0, &section_size))
                return fprintf(stderr, "feit extract: --section-size must be a number of bytes from 0 to 2G (K, M and G: KiB, MiB, GiB; 0: whole documents), not '%s'\n", optarg), 2;
            break;
        case O_TEXTF: text_field = optarg; break;
        case O_IDF: id_field = optarg; break;
        case O_ENC: encoding = optarg; break;
        case O_INCL: incl[nincl++] = optarg; break;
        case O_EXCL: excl[nexcl++] = optarg; break;
        case O_WITHTEXT: with_text = 1; break;
        case 'h':
        case O_HELP: usage(stdout); return 0;
        default:
            if (optopt && optopt < 256)
                fprintf(stderr, "feit extract: unknown option '-%c'\n", optopt);
            else
                fprintf(stderr, "feit extract: unknown option or missing value: '%s'\n", argv[optind - 1]);
            usage(stderr);
            return 2;
        }
    }
    if (with_text && emit != FEIT_EMIT_DOCUMENTS)
        return fprintf(stderr, "feit extract: --with-text needs --emit documents\n"), 2;
    if (with_text)
        emit = (feit_emit)(emit | FEIT_EMIT_WITH_TEXT);
    feit_read_options ro = feit_read_options_default();
    ro.format = fmt, ro.max_doc = max_doc;
    ro.text_field = text_field, ro.id_field = id_field, ro.encoding = encoding;
    ro.include = incl, ro.ninclude = nincl, ro.exclude = excl, ro.nexclude = nexcl;
    ro.output = out_path;
    ro.note = on_note;
    feit_error rerr;
    if (feit_read_options_check(&ro, &rerr))
        return fprintf(stderr, "feit extract: %s\n", rerr.text), 2;
    /* a named input that is not there is a usage error, told before anything is written */
    for (int k = optind; k < argc; k++) {
        struct stat sb;
        if (strcmp(argv[k], "-") && stat(argv[k], &sb) != 0)
            return fprintf(stderr, "feit extract: %s: %s\n", argv[k], strerror(errno)), 2;
    }
    feit_options fo = feit_options_default();
    fo.data_dir = data_dir;
    fo.gazetteers = ngaz >= 1 && strcmp(gaz[0], "default") ? gaz[0] : NULL;
    fo.user_gazetteers = ngaz == 2 ? gaz[1] : NULL;
    fo.rules = rules;
    fo.section_size = section_size;
    feit_error err;
    feit_context *ctx = feit_context_new(&fo, &err);
    if (!ctx) {
        cli_print_error(stderr, "feit extract", &err);
        return 2;
    }
    cli_out *out = cli_out_open(out_path, "feit extract");
    if (!out) {
        feit_context_free(ctx);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a closed pipe shows up as EPIPE and ends the run quietly */
    signal(SIGXFSZ, SIG_IGN); /* a file size limit is a write error (EFBIG), not a kill mid-record */

    char *stdin_path[] = {"-"};
    char *const *paths = optind < argc ? argv + optind : stdin_path;
    size_t npaths = optind < argc ? (size_t)(argc - optind) : 1;
    ro.stop = cli_stop_on_signals(); /* a stop also ends a wait for input (an idle pipe) */
    ro.tell_wait = 1;
    feit_reader *rd = feit_reader_new(paths, npaths, &ro);
    cli_state cs;
    memset(&cs, 0, sizeof cs);
    cs.out = out, cs.progress = want_progress;
    feit_batch_options bo = feit_batch_options_default();
    bo.threads = (int)threads, bo.emit = emit;
    reader_shim shim = {rd, &cs, 0};
    bo.next = shim_next, bo.write = on_write, bo.skip = on_skip, bo.progress = on_progress;
    bo.user = &shim, bo.reader = rd;
    bo.stop = ro.stop;
    feit_batch_stats st;
    int status = 0, rc = rd ? feit_batch_run(ctx, &bo, &st) : FEIT_ENOMEM;
    if (rc == FEIT_ENOMEM) {
        fprintf(stderr, "feit extract: out of memory\n");
        status = 2;
    } else if (rc == FEIT_EFORMAT && feit_context_status(ctx, &err)) {
        cli_print_error(stderr, "feit extract", &err); /* the compiled gazetteer: corrupt, or cut short */
        status = 2;
    }
    if (cs.write_error)
        status = 2;
    if (rc == FEIT_EINTR && status != 2) {
        int sig = cli_stop_signal();
        fprintf(stderr, "feit extract: stopped by %s: %zu documents done%s%s%s, every record whole\n",
                sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "a signal", cs.done,
                cs.done ? ", the last '" : "", cs.done ? cs.last : "", cs.done ? "'" : "");
        status = 128 + sig;
    }
    /* the records out; -o FILE put in place, or left as it was when the run failed */
    if (cli_out_finish(out, status != 2) && status != 2 && errno != EPIPE) {
        fprintf(stderr, "feit extract: write error: %s\n", strerror(errno));
        status = 2;
    }
    if (rd && rc != FEIT_ENOMEM) {
        if (want_progress)
            progress(st.docs, st.consumed, st.total, st.seconds, 1);
        if (want_stats) {
            fprintf(stderr, "documents  %zu processed, %zu skipped\n", st.docs, st.skipped);
            for (size_t k = 0; k < cs.nreasons; k++)
                fprintf(stderr, "  skipped  %zu  %s\n", cs.reasons[k].n, cs.reasons[k].text);
            fprintf(stderr, "sentences  %zu\nentities  ", st.sentences);
            for (int k = 0; k < FEIT_NTYPES; k++)
                fprintf(stderr, " %s %zu", feit_type_name((feit_type)k), st.entities[k]);
            fprintf(stderr, "\ntriples    %zu\n", st.triples);
            for (size_t k = 0; k < st.npreds; k++)
                fprintf(stderr, "  %-22s %zu\n", st.preds[k].predicate, st.preds[k].n);
            fprintf(stderr, "time       %.3f s  %.1f MB of text  %.1f MB/s\n", st.seconds, (double)st.bytes / 1e6,
                    st.seconds > 0 ? (double)st.bytes / 1e6 / st.seconds : 0);
        }
        if (!status && st.skipped)
            status = 1;
        feit_batch_stats_free(&st);
    }
    feit_reader_free(rd);
    free(cs.last);
    feit_context_free(ctx);
    return status;
}

int cmd_extract(int argc, char **argv)
{
    const char **incl = calloc((size_t)argc + 1, sizeof *incl), **excl = calloc((size_t)argc + 1, sizeof *excl);
    int rc = incl && excl ? extract_main(argc, argv, incl, excl) : (fprintf(stderr, "feit extract: out of memory\n"), 2);
    free(incl), free(excl);
    return rc;
}
