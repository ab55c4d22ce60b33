/*
 * feit.h — the public interface of libfeit: named entities and relations from Dutch news.
 *
 * Ownership, once for the whole header: a pointer returned by a *_new call is owned by the
 * caller and released with the matching *_free (which accepts NULL). Every other pointer a
 * function returns is borrowed: valid while the object it came from lives, and for results,
 * until the next feit_process call on the same worker.
 *
 * Typical use:
 *     feit_error err;
 *     feit_context *ctx = feit_context_new(NULL, NULL, NULL, &err);   // bundled data
 *     feit_worker *w = feit_worker_new(ctx);                           // one per thread
 *     const feit_result *r = feit_process(w, "doc1", text, len);
 *     ... r->entities / r->triples, or feit_result_write(r, FEIT_EMIT_TRIPLES, NULL, out) ...
 *     feit_worker_free(w); feit_context_free(ctx);
 * A context is immutable after creation and may be shared by any number of workers/threads.
 */
#ifndef FEIT_H
#define FEIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FEIT_VERSION "0.1.0"

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
    FEIT_ENOMEM = -1,
    FEIT_EIO = -2,
    FEIT_EFORMAT = -3,
    FEIT_ETOOBIG = -4,
};

typedef struct feit_context feit_context;
typedef struct feit_worker feit_worker;

/* Entity types (SPEC), in this order. */
typedef enum {
    FEIT_PERSON,
    FEIT_COUNTRY,
    FEIT_CITY,
    FEIT_LOCATION,
    FEIT_ORGANISATION,
    FEIT_NTYPES
} feit_type;

/* How an entity was mentioned (SPEC `form`). */
typedef enum { FEIT_FORM_NAME, FEIT_FORM_PARTIAL, FEIT_FORM_ADJECTIVE, FEIT_FORM_INHABITANTS } feit_form;

/* Which stage found it (SPEC `source`). */
typedef enum { FEIT_SRC_GAZETTEER, FEIT_SRC_RULE, FEIT_SRC_COREF, FEIT_SRC_MODEL } feit_source;

const char *feit_type_name(feit_type t);     /* "person", "country", ... */
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
 * Loads gazetteers and rules. gazetteer_dir: directory of the compiled/bundled gazetteers (NULL:
 * the installed default); user_dir: extra *.tsv lists in the gazetteer text format, or NULL;
 * rules_file: relation rules (NULL: the bundled models/relations.rules). On failure returns
 * NULL and fills err with the file:line:column and reason.
 */
feit_context *feit_context_new(const char *gazetteer_dir, const char *user_dir,
                               const char *rules_file, feit_error *err);
void feit_context_free(feit_context *ctx);

/* Per-thread scratch (stemmer, arenas, and a 4 MiB cache of what the context says about the
 * words seen so far: a worker gets faster as it goes). ctx must outlive the worker. */
feit_worker *feit_worker_new(const feit_context *ctx);
void feit_worker_free(feit_worker *w);

/* Runs the whole pipeline on one document. text need not be NUL-terminated, may hold invalid
 * UTF-8 and NUL bytes. Returns NULL only when out of memory. */
const feit_result *feit_process(feit_worker *w, const char *doc_id, const char *text, size_t len);

/* Output modes of feit_result_write. */
typedef enum { FEIT_EMIT_TRIPLES, FEIT_EMIT_ENTITIES, FEIT_EMIT_DOCUMENTS } feit_emit;

/*
 * Appends the JSON Lines records of r to buf (a growing string; see feit_buf) in SPEC form,
 * sorted keys. meta_json: the document's other fields as a compact JSON object text (only used
 * by FEIT_EMIT_DOCUMENTS), or NULL for {}. Returns 0 or FEIT_ENOMEM.
 */
typedef struct feit_buf {
    char *data;
    size_t len, cap;
} feit_buf;
int feit_result_write(const feit_result *r, feit_emit mode, const char *meta_json, feit_buf *buf);
void feit_buf_free(feit_buf *b);

/*
 * Input: streams documents out of inputs: text files (one document each; a directory is
 * walked recursively in sorted order and ids are relative paths), JSON Lines (one document per
 * line: "text" string, "id" string or number, or "<file>:<line>" when absent; every other field
 * kept as `meta`), stdin ("-"), and any of these gzip-compressed (zlib reads plain files too).
 * Only one document (or one line) is in memory at a time.
 *
 * Bad input never stops the stream: feit_reader_next reports it (file, line, reason) and moves on.
 * Documents larger than max_doc bytes are reported and skipped, never cut.
 */
typedef enum { FEIT_READ_AUTO, FEIT_READ_TEXT, FEIT_READ_JSONL } feit_read_format;

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

/* paths: files, directories or "-". The reader keeps pointers to paths (borrowed). */
feit_reader *feit_reader_new(char *const *paths, size_t npaths, feit_read_format fmt, size_t max_doc);
void feit_reader_free(feit_reader *r);

/* 1: *doc filled. 0: end of input. -1: one input item was skipped; err holds
 * "file:line: reason". -2: out of memory. */
int feit_reader_next(feit_reader *r, feit_input_doc *doc, char *err, size_t errcap);
void feit_input_doc_free(feit_input_doc *doc);

/* Input bytes consumed so far (compressed bytes for .gz), and the total when every input is a
 * regular file (0 when unknown, e.g. stdin). */
uint64_t feit_reader_consumed(const feit_reader *r);
uint64_t feit_reader_total(const feit_reader *r);


/*
 * Checks gazetteer lists (*.tsv files, or directories of them) and rule files (*.rules, or a
 * models/ directory holding relations.rules) without loading them for use; prints each problem
 * to out as file:line:column: message. Returns the number of problems.
 */
int feit_lint(const char *const *paths, size_t npaths, FILE *out);

#endif
