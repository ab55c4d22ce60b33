/*
 * feit.h — the public interface of libfeit: named entities and relations from Dutch news.
 *
 * Ownership, once for the whole header: a pointer returned by a *_new call is owned by the
 * caller and released with the matching *_free (which accepts NULL). Every other pointer a
 * function returns is borrowed: valid while the object it came from lives, and for results,
 * until the next feit_process call on the same worker.
 *
 * Typical use (tests/sh/api-example.sh compiles and runs exactly this):
 *     feit_error err;
 *     feit_context *ctx = feit_context_new(NULL, &err);       // NULL: feit_options_default()
 *     if (!ctx) { fprintf(stderr, "%s:%d: %s\n", err.file, err.line, err.text); return 2; }
 *     feit_worker *w = feit_worker_new(ctx);                  // one per thread
 *     const feit_result *r = feit_process(w, "doc1", text, strlen(text));
 *     for (size_t i = 0; r && i < r->ntriples; i++)
 *         printf("%s %s %s\n", r->triples[i].subject.canonical, r->triples[i].predicate,
 *                r->triples[i].object.canonical);
 *     feit_buf out = {0};                                     // or JSON Lines, as the CLI writes
 *     if (r && feit_result_write(r, FEIT_EMIT_TRIPLES, NULL, &out) == 0)
 *         fwrite(out.data, 1, out.len, stdout);
 *     feit_buf_free(&out);
 *     feit_worker_free(w);
 *     feit_context_free(ctx);
 * A context is immutable after creation and may be shared by any number of workers/threads.
 * Many documents on several threads, in input order: feit_batch_run below.
 *
 * Errors: functions return 0 (or a count) on success and a negative FEIT_E* code on failure, or
 * NULL; loaders fill a feit_error with the file, line and column of the problem.
 */
#ifndef FEIT_H
#define FEIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The version of feit, in this one place: `feit --version`, the soname (libfeit.so.MAJOR), the
 * pkg-config file and the Python package's feit.__version__ all take it from here. */
#define FEIT_VERSION "0.1.0"

/* Exports: everything these public headers declare (feit.h, feit_export.h, feit_index.h) is
 * exported from libfeit.so, which is built with -fvisibility=hidden, so nothing else is:
 * internal helpers named feit_* stay inside. tests/sh/shared-lib.sh checks the list. */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* FEIT_VERSION of the library the program runs with (a static string). */
const char *feit_version(void);

/* Where a loader failed: file:line:column and a message (jansson's json_error_t shape). */
typedef struct feit_error {
    char file[512];
    int line;   /* 1-based, 0 when not about a line */
    int column; /* 1-based, 0 when not about a column */
    char text[512];
} feit_error;

/* Return codes. */
enum {
    FEIT_OK = 0,
    FEIT_ENOMEM = -1,  /* out of memory */
    FEIT_EIO = -2,     /* a file could not be read or written */
    FEIT_EFORMAT = -3, /* a data file is malformed (err: file:line:column) */
    FEIT_ETOOBIG = -4, /* an input exceeds a limit */
    FEIT_ESKIP = -5,   /* one input item was skipped (err: where and why); reading goes on */
    FEIT_ESTALE = -6,  /* a compiled model is missing or out of date (err names the fix) */
    FEIT_EINTR = -7,   /* stopped on request (feit_batch_options.stop) */
    FEIT_ETIME = -8,   /* a query ran past its time limit (feit_factdb_set_time_limit) */
    FEIT_EAGAIN = -9,  /* nothing ready yet: call again (feit_read_options.tell_wait) */
};

typedef struct feit_context feit_context;
typedef struct feit_worker feit_worker;

/* Entity types (docs/format.md), in the order of src/core/types.h, the table their names,
 * rule keywords and classes come from. */
typedef enum {
    FEIT_PERSON,
    FEIT_COUNTRY,
    FEIT_CITY,
    FEIT_LOCATION,
    FEIT_ORGANISATION,
    FEIT_NTYPES
} feit_type;

/* How an entity was mentioned (`form`). */
typedef enum {
    FEIT_FORM_NAME,
    FEIT_FORM_PARTIAL,
    FEIT_FORM_ADJECTIVE,
    FEIT_FORM_INHABITANTS,
    FEIT_FORM_DESCRIPTION, /* "het land", "de club", "de Amerikaanse president": source coref */
    FEIT_FORM_PRONOUN,     /* "hij", "zij": source coref */
    FEIT_NFORMS
} feit_form;

/* Which stage found it (`source`). */
typedef enum { FEIT_SRC_GAZETTEER, FEIT_SRC_RULE, FEIT_SRC_COREF, FEIT_SRC_MODEL, FEIT_NSOURCES } feit_source;

/* When a fact holds (`time`): now, no longer ("oud-trainer", "voormalig", "speelde vroeger
 * bij"), or from a coming moment on ("beoogd", "kandidaat-", "wordt", "per 1 januari"). */
typedef enum { FEIT_TIME_CURRENT, FEIT_TIME_FORMER, FEIT_TIME_DESIGNATE, FEIT_NTIMES } feit_time;

const char *feit_type_name(feit_type t);     /* "person", "country", ... */
const char *feit_time_name(feit_time t);     /* "current", "former", "designate" */
const char *feit_form_name(feit_form f);     /* "name", "partial", ... */
const char *feit_source_name(feit_source s); /* "gazetteer", ... */

/* One mention of an entity in a document. Strings are borrowed. */
typedef struct feit_entity {
    uint32_t start, end;   /* byte offsets into the document text, end exclusive */
    uint32_t sentence;     /* 0-based sentence index */
    feit_type type;
    feit_form form;
    feit_source source;
    const char *canonical; /* canonical name */
    const char *kb;        /* Wikidata id, or NULL */
    float confidence;
    int64_t antecedent;    /* descriptions, pronouns and lone first names: the byte offset where
                              the entity they stand for is named; -1 otherwise */
} feit_entity;

/* One side of a fact. */
typedef struct feit_arg {
    const char *canonical;
    const char *kb; /* NULL when unknown */
    feit_type type;
} feit_arg;

/* One extracted fact. Strings are borrowed. */
typedef struct feit_triple {
    feit_arg subject, object;
    const char *predicate; /* Dutch noun from the relation vocabulary */
    const char *wikidata;  /* mapped Wikidata property, or NULL */
    const char *rule;      /* id of the rule that fired */
    const char *qualifier; /* e.g. a minister's portfolio, or NULL */
    float confidence;
    uint32_t sentence;        /* sentence of the best evidence */
    uint32_t ev_start, ev_end; /* byte span of that sentence in the document */
    uint32_t count;           /* how many times the document states it */
    feit_time time;           /* current, former or designate */
} feit_triple;

/* A dateline such as `MOSKOU (ANP/AFP) -`. */
typedef struct feit_dateline {
    uint32_t start, end;             /* the whole dateline */
    uint32_t place_start, place_end; /* the place as written */
    const char *place;               /* canonical place name (e.g. "Moskou"), or NULL if unknown */
    uint32_t nagencies;
    uint32_t agency_start[8], agency_end[8];
} feit_dateline;

/* The result of one document. Valid until the next feit_process on the same worker. */
typedef struct feit_result {
    const char *doc;  /* the id passed in */
    const char *text; /* the text passed in (borrowed from the caller) */
    size_t len;
    size_t nsentences;
    const feit_entity *entities;
    size_t nentities;
    const feit_triple *triples;
    size_t ntriples;
    const feit_dateline *datelines;
    size_t ndatelines;
} feit_result;

/*
 * Where the data comes from. feit_options_default() gives every field its default; change the
 * fields you need (adding an option later breaks no caller).
 *
 * The data directory holds the compiled gazetteer (gazetteer.bin), the relation rules
 * (relations.rules with predicates.tsv and roles.tsv), the language data (nl/) and the JSON-LD
 * context: models/ of a source tree, PREFIX/share/feit when installed. It is data_dir when set,
 * else $FEIT_DATA, else found next to the program (../models, ../share/feit) or the library,
 * else the directory compiled in (PREFIX/share/feit).
 */
typedef struct feit_options {
    const char *data_dir;        /* NULL: found as above */
    const char *language;        /* language data: DATA/<language>/ ("nl") */
    const char *gazetteers;      /* NULL: the compiled lists of the data directory; else a
                                    directory of *.tsv lists used instead (read as text) */
    const char *user_gazetteers; /* NULL, or a directory of *.tsv lists added to the others */
    const char *rules;           /* NULL: DATA/relations.rules */
    const char *cache_dir;       /* where lists read as text (gazetteers, user_gazetteers) and
                                    the rules are kept compiled, keyed by their content, for
                                    the next run:
                                    NULL: $XDG_CACHE_HOME/feit, else ~/.cache/feit; "": none
                                    (a directory that cannot be written: none either) */
    size_t section_size;         /* a document longer than this many bytes is processed as
                                    consecutive sections of at most this size, cut at a
                                    paragraph break where one is near (docs/format.md,
                                    "Sections"), so that its memory is bounded by a section's;
                                    0: every document whole. Default FEIT_SECTION_SIZE */
} feit_options;

/* The default feit_options.section_size: 1 MiB. */
#define FEIT_SECTION_SIZE ((size_t)1 << 20)

feit_options feit_options_default(void);

/* The data directory opt (NULL: defaults) resolves to, into buf; 0, or FEIT_EIO when none of
 * the places holds the data (buf then names the last place tried). */
int feit_data_dir(const feit_options *opt, char *buf, size_t cap);

/*
 * Loads the language data, gazetteers and rules (opt NULL: feit_options_default()). Loading
 * never writes a file, but for the caches of lists read as text and of the rules
 * (opt->cache_dir): a missing or
 * stale compiled gazetteer is FEIT_ESTALE, with err naming the fix (`feit compile`, or
 * `make`). On failure returns NULL and fills err with the
 * file:line:column and reason.
 */
feit_context *feit_context_new(const feit_options *opt, feit_error *err);
void feit_context_free(feit_context *ctx);

/* 0 while the context is sound; FEIT_EFORMAT with err filled (the file, what was wrong, and
 * `feit compile` as the fix) once part of the compiled gazetteer turned out corrupt or cut short
 * when first read (it is read lazily, a checked chunk at a time). feit_process then returns
 * NULL, and feit_batch_run stops with this code. Thread-safe. */
int feit_context_status(const feit_context *ctx, feit_error *err);

/* Builds the compiled gazetteer DATA/gazetteer.bin from the lists it is made from (the source
 * tree's gazetteers/ next to DATA, or opt->gazetteers) and the language data. 0 or a FEIT_E*
 * code with err filled. */
int feit_compile(const feit_options *opt, feit_error *err);

/* Per-thread scratch (stemmer, arenas, and a 4 MiB cache of what the context says about the
 * words seen so far: a worker gets faster as it goes). ctx must outlive the worker. */
feit_worker *feit_worker_new(const feit_context *ctx);
void feit_worker_free(feit_worker *w);

/* Runs the whole pipeline on one document. text need not be NUL-terminated, may hold invalid
 * UTF-8 and NUL bytes. A document longer than the context's section_size (feit_options) is run
 * a section at a time; the result is still the whole document's (docs/format.md, "Long
 * documents: sections"). Returns NULL when out of memory, or when the context failed
 * (feit_context_status says why). */
const feit_result *feit_process(feit_worker *w, const char *doc_id, const char *text, size_t len);

/* Output modes of feit_result_write. FEIT_EMIT_WITH_TEXT may be or'ed into
 * FEIT_EMIT_DOCUMENTS: the record then also has "text", the document text the offsets refer
 * to. */
typedef enum { FEIT_EMIT_TRIPLES, FEIT_EMIT_ENTITIES, FEIT_EMIT_DOCUMENTS, FEIT_EMIT_WITH_TEXT = 16 } feit_emit;

/*
 * Appends the JSON Lines records of r to buf (a growing string; see feit_buf) in the form of
 * docs/format.md, sorted keys. meta_json: the document's other fields as a compact JSON object
 * text (FEIT_EMIT_DOCUMENTS writes it as `meta`; its "date" or "published" string is every
 * triple's `date`), or NULL for {}. Returns 0 or FEIT_ENOMEM.
 */
typedef struct feit_buf {
    char *data;
    size_t len, cap;
} feit_buf;
int feit_result_write(const feit_result *r, feit_emit mode, const char *meta_json, feit_buf *buf);
void feit_buf_free(feit_buf *b);

/*
 * Why facts did, or did not, come out of a text (`feit explain`): runs the pipeline on it and
 * appends to out, as plain text for a person to read, per sentence its tokens, the entity
 * mentions (type, form, source, the canonical name and id, where a description's entity is
 * named), the rules that fired with their bindings, and the triples; with predicate (not NULL),
 * also the rules that can state that predicate and did not fire in the sentence, each with how
 * far its best attempt matched and the element where it stopped. The layout is for reading,
 * not parsing. Returns 0, FEIT_ENOMEM, or FEIT_EFORMAT when predicate is not in the rules'
 * vocabulary (out says so).
 */
int feit_explain(feit_worker *w, const char *text, size_t len, const char *predicate, feit_buf *out);

/*
 * Input: streams documents out of inputs: text files (one document each; a directory is
 * walked recursively in sorted order and ids are relative paths), JSON Lines (one document per
 * line: "text" string, "id" string or number, or "<file>:<line>" when absent or null; every
 * other field kept as `meta`), JSON (an array of such objects or of strings, streamed element
 * by element, with "<file>#<n>" as the default id of the n-th; one object, whose default id
 * is the file; or objects one after another), saved web pages (the article text, see
 * FEIT_READ_HTML), stdin ("-"), and any of these gzip-compressed (zlib reads plain files too).
 * Only one document (or one line, or one array element) is in memory at a time.
 *
 * Encodings: a byte-order mark is dropped; UTF-16 and UTF-32 (with a mark, or UTF-16 told by
 * its zero bytes) are converted; text that is not UTF-8 but a legacy 8-bit encoding (Windows-
 * 1252, Latin-1; detected with uchardet) is converted with iconv; stray invalid bytes in UTF-8
 * become U+FFFD. Each conversion and repair is told through `note` (one note per file for a
 * conversion, file:line for a repair); the document is read, never dropped for its bytes.
 * Files that are not text (images, PDFs, office documents, archives, executables: libmagic)
 * are reported and skipped.
 *
 * Bad input never stops the stream: feit_reader_next reports it (file, line, reason) and moves on.
 * Documents larger than max_doc bytes are reported and skipped, never cut.
 */
typedef enum {
    FEIT_READ_AUTO,  /* by the name (.jsonl/.ndjson, .json, .html/.htm/.xhtml, each also .gz),
                        else by content (a page: "<!DOCTYPE html" or "<html"; on stdin also JSON) */
    FEIT_READ_TEXT,
    FEIT_READ_JSONL,
    FEIT_READ_JSON,  /* an array, one object, or objects one after another (JSON Lines too) */
    FEIT_READ_HTML   /* a saved web page: its article text, with title, date, author,
                        description, url and site as meta */
} feit_read_format;

/* The longest JSON Lines record `feit index` and `feit export` read by default (their
 * --max-doc-bytes): a `documents` record holds a document's entities and triples, and is
 * larger than the document's text (extract's limit is 16 MiB of text). */
#define FEIT_MAX_RECORD_BYTES ((size_t)64 << 20)

/* Every pointer is borrowed: it must stay valid while the reader lives. */
typedef struct feit_read_options {
    feit_read_format format; /* default FEIT_READ_AUTO */
    size_t max_doc;          /* larger documents are skipped (default 16 MiB) */
    const char *text_field;  /* JSON: dotted path of the text ("body.text"); NULL: "text" */
    const char *id_field;    /* JSON: dotted path of the id; NULL: "id" */
    const char *encoding;    /* NULL: detect; else every input is read in this encoding (an
                                iconv name: "UTF-8", "UTF-16LE", "WINDOWS-1252"); check it
                                with feit_read_options_check */
    /* directories: a file is read when its name matches one of include (shell patterns,
     * fnmatch; none given: every file) and none of exclude; exclude also leaves out
     * directories. Hidden names (".x") are never read from a directory. */
    const char *const *include;
    size_t ninclude;
    const char *const *exclude;
    size_t nexclude;
    const char *output;      /* a file that is never read (the output being written), or NULL */
    /* notes about inputs that are read all the same (a conversion, replaced bytes): called on
     * the thread that calls feit_reader_next, with file (and line) and text; NULL: none */
    void (*note)(void *user, const feit_error *note);
    void *note_user;
    /* when set: a wait for input from a pipe, FIFO or terminal ends once *stop is nonzero (a
     * signal handler sets it; the signal interrupts the wait when it comes to the thread that
     * reads), and feit_reader_next returns FEIT_EINTR. NULL: a wait lasts until input comes */
    const volatile int *stop;
    /* nonzero: before it would wait for input from a pipe (JSON Lines or text, with nothing
     * whole to hand out), feit_reader_next returns FEIT_EAGAIN, so that the caller can write
     * out what is done first; the next call waits */
    int tell_wait;
} feit_read_options;

feit_read_options feit_read_options_default(void);

/* Checks options a user gave: 0, or FEIT_EFORMAT with err saying what is wrong (an encoding
 * iconv does not know, an empty field path). */
int feit_read_options_check(const feit_read_options *opt, feit_error *err);

typedef struct feit_reader feit_reader;

/* A document as read. All strings are owned by the caller after feit_reader_next (free with
 * feit_input_doc_free); `text` may contain NUL bytes (use len). */
typedef struct feit_input_doc {
    char *id;
    char *text;
    size_t len;
    char *meta;  /* compact JSON object of the other fields (sorted keys), "{}" for text */
    char *where; /* "file" or "file:line", for messages */
} feit_input_doc;

/* paths: files, directories or "-"; opt NULL: defaults. The reader keeps pointers to paths
 * (borrowed). NULL when out of memory. */
feit_reader *feit_reader_new(char *const *paths, size_t npaths, const feit_read_options *opt);
void feit_reader_free(feit_reader *r);

/* 1: *doc filled. 0: end of input. FEIT_ESKIP: one input item was skipped; err says where
 * (file, line) and why. FEIT_ENOMEM: out of memory. FEIT_EINTR: a stop was asked for while it
 * waited for input (feit_read_options.stop); what was read is kept, a later call goes on. FEIT_EAGAIN:
 * feit_read_options.tell_wait. A
 * pipe's document is handed out as soon as it is whole (a JSON Lines line, or the end). */
int feit_reader_next(feit_reader *r, feit_input_doc *doc, feit_error *err);
void feit_input_doc_free(feit_input_doc *doc);

/* Input bytes consumed so far (compressed bytes for .gz; bytes read from a pipe), and the
 * total when every input is a regular file (0 when unknown, e.g. stdin). */
uint64_t feit_reader_consumed(const feit_reader *r);
uint64_t feit_reader_total(const feit_reader *r);

/*
 * The batch runner: many documents on several threads, output in input order. Documents come
 * from `next` (feit_batch_reader_next reads a feit_reader) into a ring of at most 512 documents
 * or 16 MiB of text read and not yet written, so memory is bounded whatever the input size; the
 * threads take documents from it one at a time, and the calling thread writes them in order as
 * they are finished. Every callback runs on the calling thread, in input order.
 */
typedef struct feit_pred_count {
    const char *predicate; /* borrowed from the context */
    size_t n;
} feit_pred_count;

typedef struct feit_batch_stats {
    size_t docs, skipped, sentences, triples;
    size_t entities[FEIT_NTYPES];
    feit_pred_count *preds; /* by count, then name; owned: feit_batch_stats_free */
    size_t npreds;
    uint64_t bytes;     /* of text processed */
    double seconds;     /* since feit_batch_run began */
    uint64_t consumed, total; /* input bytes read so far and in all (0: unknown); see feit_reader_consumed */
} feit_batch_stats;

typedef struct feit_batch_options {
    int threads;   /* worker threads; 0: the number of cores */
    feit_emit emit; /* what `write` receives */
    /* the next document: same contract as feit_reader_next (1, 0 at the end, FEIT_ESKIP with
     * err filled, FEIT_ENOMEM, FEIT_EINTR: no more is read, the run stops; FEIT_EAGAIN: the
     * documents read are written before it is called again, when it may wait) */
    int (*next)(void *user, feit_input_doc *doc, feit_error *err);
    /* the JSON Lines records of one processed document (len 0: it gave none; every processed
     * document comes here, in input order); nonzero stops the run (e.g. a closed pipe) */
    int (*write)(void *user, const feit_input_doc *doc, const char *records, size_t len);
    /* a document that was skipped: by `next`, or out of memory in the pipeline (may be NULL) */
    void (*skip)(void *user, const feit_error *err);
    /* after every 256 documents written and at the end, with the totals so far (may be NULL) */
    void (*progress)(void *user, const feit_batch_stats *so_far);
    void *user;
    /* when set and nonzero, the run stops after the documents under way (a signal handler may
     * set it): no thread takes a new document, those taken are finished and written, in input
     * order, so the output ends with whole documents; feit_batch_run then returns FEIT_EINTR.
     * The worker threads block SIGINT, SIGTERM and SIGHUP: a handler for them runs on the
     * calling thread, where it ends a wait for input (feit_read_options.stop) */
    const volatile int *stop;
    /* for consumed/total in the stats: the reader `next` reads, or NULL */
    const feit_reader *reader;
} feit_batch_options;

feit_batch_options feit_batch_options_default(void);

/* `next` for a feit_reader (user: the reader). */
int feit_batch_reader_next(void *reader, feit_input_doc *doc, feit_error *err);

/* Runs the batch. Returns 0 when every document came through (skips are counted in st, not an
 * error), FEIT_EINTR when stopped, FEIT_ENOMEM, FEIT_EFORMAT when the context failed
 * (feit_context_status: the output so far is whole and right, nothing after the failure is
 * written), or 1 when `write` asked to stop. st (may be NULL) receives the totals; free with
 * feit_batch_stats_free. */
int feit_batch_run(const feit_context *ctx, const feit_batch_options *opt, feit_batch_stats *st);
void feit_batch_stats_free(feit_batch_stats *st);

/* The relation vocabulary of the data directory opt (NULL: defaults) resolves to: cb(ud, name)
 * for each predicate of predicates.tsv, then for the role predicates of roles.tsv (a role may
 * come more than once), in file order, until cb returns nonzero (then that value is returned).
 * 0, or FEIT_EIO / FEIT_EFORMAT with err filled. */
int feit_vocabulary(const feit_options *opt, int (*cb)(void *ud, const char *predicate), void *ud, feit_error *err);

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
int feit_utf8_valid(const char *s, size_t n);

/*
 * Checks gazetteer lists (*.tsv files, or directories of them), rule files (*.rules, or a
 * models/ directory holding relations.rules), language data (a directory with `settings`) and
 * compiled gazetteers (gazetteer.bin, also the one of a models/ directory: every chunk
 * checked) without loading them for use; prints each problem to out as file:line:column:
 * message. A path that is none of these is a problem too ("not checked": naming it and saying
 * nothing would pass for "no problems"). Returns the number of problems.
 */
int feit_lint(const char *const *paths, size_t npaths, FILE *out);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
