/* pipeline.c — the public API of feit.h: a context (gazetteer + rules, immutable, shared) and
 * workers (per-thread scratch) that run the stages on one document:
 *   dateline -> token -> sentence -> lexicon -> match (gazetteer, names, coref) -> relate. */
#include "feit.h"

#include "text/dateline.h"
#include "core/doc.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/match.h"
#include "relations/relate.h"
#include "text/sentence.h"
#include "text/token.h"

#include <libgen.h>
#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WORDS_FILE "/usr/share/dict/dutch"

struct feit_context {
    feit_gazetteer *gaz;
    feit_rules *rules;
};

struct feit_worker {
    const feit_context *ctx;
    struct sb_stemmer *stemmer;
    stem_cache *stems;
    lexicon *lex;
    match_scratch *match;
    feit_doc doc;
    feit_entity *ents;
    size_t cents;
    feit_result result;
};

const char *feit_type_name(feit_type t)
{
    static const char *const n[] = {"person", "country", "city", "location", "organisation"};
    return (unsigned)t < FEIT_NTYPES ? n[t] : "unknown";
}

const char *feit_form_name(feit_form f)
{
    static const char *const n[] = {"name", "partial", "adjective", "inhabitants"};
    return (unsigned)f < 4 ? n[f] : "name";
}

const char *feit_source_name(feit_source s)
{
    static const char *const n[] = {"gazetteer", "rule", "coref", "model"};
    return (unsigned)s < 4 ? n[s] : "gazetteer";
}

/* The data directory: $FEIT_HOME, else the directory above the executable (bin/feit ->
 * ./gazetteers, ./models), else the source tree the library was built in. */
static void data_dir(char *out, size_t cap)
{
    const char *home = getenv("FEIT_HOME");
    if (home && *home) {
        snprintf(out, cap, "%s", home);
        return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *dir = dirname(exe); /* .../bin */
        char probe[PATH_MAX + 32];
        for (int up = 1; up <= 2; up++) {
            dir = dirname(dir);
            snprintf(probe, sizeof probe, "%s/models/relations.rules", dir);
            if (access(probe, R_OK) == 0) {
                snprintf(out, cap, "%s", dir);
                return;
            }
        }
    }
#ifdef FEIT_SRCDIR
    snprintf(out, cap, "%s", FEIT_SRCDIR);
#else
    snprintf(out, cap, ".");
#endif
}

feit_context *feit_context_new(const char *gazetteer_dir, const char *user_dir, const char *rules_file, feit_error *err)
{
    memset(err, 0, sizeof *err);
    feit_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        snprintf(err->text, sizeof err->text, "out of memory");
        return NULL;
    }
    char home[PATH_MAX], gdir[PATH_MAX + 16], rules[PATH_MAX + 32], cache[PATH_MAX + 32];
    data_dir(home, sizeof home);
    snprintf(gdir, sizeof gdir, "%s/gazetteers", home);
    snprintf(rules, sizeof rules, "%s/models/relations.rules", home);
    snprintf(cache, sizeof cache, "%s/models/gazetteer.bin", home);
    const char *dirs[2];
    size_t ndirs = 0;
    /* only the bundled lists alone have a compiled form (models/gazetteer.bin), and they are
     * read from it when it is current */
    int compiled = !gazetteer_dir && !user_dir;
    dirs[ndirs++] = gazetteer_dir ? gazetteer_dir : gdir;
    if (user_dir)
        dirs[ndirs++] = user_dir;
    const char *words = getenv("FEIT_WORDS") ? getenv("FEIT_WORDS") : WORDS_FILE;

    uint64_t stamp = 0;
    if (compiled) {
        stamp = gazetteer_stamp(dirs, ndirs, words) ^ names_words_stamp();
        feit_error ignored;
        ctx->gaz = gazetteer_open(cache, stamp, &ignored);
    }
    if (!ctx->gaz) {
        ctx->gaz = gazetteer_load(dirs, ndirs, words, err);
        if (!ctx->gaz)
            goto fail;
        if (names_mark_words(ctx->gaz)) {
            snprintf(err->text, sizeof err->text, "out of memory");
            goto fail;
        }
        if (compiled) {
            feit_error ignored; /* a read-only install still works, only slower to start */
            gazetteer_save(ctx->gaz, cache, stamp, &ignored);
        }
    }
    ctx->rules = rules_load(rules_file ? rules_file : rules, err);
    if (!ctx->rules)
        goto fail;
    return ctx;
fail:
    feit_context_free(ctx);
    return NULL;
}

void feit_context_free(feit_context *ctx)
{
    if (!ctx)
        return;
    gazetteer_free(ctx->gaz);
    rules_free(ctx->rules);
    free(ctx);
}

feit_worker *feit_worker_new(const feit_context *ctx)
{
    feit_worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ctx = ctx;
    w->stemmer = sb_stemmer_new("dutch", NULL);
    w->match = match_scratch_new();
    w->stems = stem_cache_new();
    w->lex = lexicon_new();
    if (!w->stemmer || !w->match || !w->stems || !w->lex) {
        feit_worker_free(w);
        return NULL;
    }
    doc_init(&w->doc, w->stemmer);
    w->doc.stems = w->stems;
    w->doc.lex = w->lex;
    return w;
}

void feit_worker_free(feit_worker *w)
{
    if (!w)
        return;
    doc_free(&w->doc);
    if (w->stemmer)
        sb_stemmer_delete(w->stemmer);
    match_scratch_free(w->match);
    stem_cache_free(w->stems);
    lexicon_free(w->lex);
    free(w->ents);
    free(w);
}

/* Dateline places get their canonical names; the first one sets the document's country. */
static void resolve_datelines(const feit_gazetteer *g, feit_doc *d)
{
    for (size_t k = 0; k < d->ndls; k++) {
        feit_dateline *dl = &d->dls[k];
        dl->place = NULL;
        for (size_t m = 0; m < d->nments; m++) {
            const feit_mention *me = &d->ments[m];
            if (me->e.start == dl->place_start && me->e.end == dl->place_end) {
                dl->place = me->e.canonical;
                if (!d->has_doc_country && me->country) {
                    int32_t c = gazetteer_country(g, me->country);
                    if (c >= 0) {
                        const gaz_entry *en = gazetteer_entry(g, (uint32_t)c);
                        d->doc_country.canonical = gazetteer_str(g, en->canonical);
                        d->doc_country.kb = gazetteer_str(g, en->kb);
                        d->doc_country.type = FEIT_COUNTRY;
                        d->has_doc_country = true;
                    }
                }
                break;
            }
        }
    }
}

/* Dateline place tokens may only name places (WASHINGTON is the city, not a person). */
static void mark_datelines(feit_doc *d)
{
    size_t k = 0;
    for (size_t i = 0; i < d->ntoks && k < d->ndls; i++) {
        while (k < d->ndls && d->toks[i].start >= d->dls[k].place_end)
            k++;
        if (k < d->ndls && d->toks[i].start >= d->dls[k].place_start)
            d->toks[i].flags |= TF_DATELINE;
    }
    k = 0;
    for (size_t i = 0; i < d->ntoks && k < d->ndls; i++) {
        while (k < d->ndls && d->toks[i].start >= d->dls[k].end)
            k++;
        if (k < d->ndls && d->dls[k].nagencies && d->toks[i].start >= d->dls[k].agency_start[0] &&
            d->toks[i].end <= d->dls[k].agency_end[d->dls[k].nagencies - 1])
            d->toks[i].flags |= TF_AGENCY;
    }
}

const feit_result *feit_process(feit_worker *w, const char *doc_id, const char *text, size_t len)
{
    feit_doc *d = &w->doc;
    const feit_context *ctx = w->ctx;
    if (len > UINT32_MAX - 1)
        return NULL; /* offsets are 32-bit: the reader caps documents far below this */
    doc_reset(d, doc_id, text, len);
    if (dateline_find(d) || token_split(d))
        return NULL;
    mark_datelines(d);
    if (sentence_split(d))
        return NULL;
    lexicon_doc(d, ctx->gaz, ctx->rules);
    if (match_doc(ctx->gaz, ctx->rules, w->match, d))
        return NULL;
    resolve_datelines(ctx->gaz, d);
    if (relate_doc(ctx->rules, d))
        return NULL;
    if (d->nments > w->cents) {
        feit_entity *e = realloc(w->ents, d->nments * sizeof *e);
        if (!e)
            return NULL;
        w->ents = e, w->cents = d->nments;
    }
    for (size_t i = 0; i < d->nments; i++)
        w->ents[i] = d->ments[i].e;
    feit_result *r = &w->result;
    r->doc = doc_id;
    r->text = text;
    r->len = len;
    r->nsentences = d->nsents;
    r->entities = w->ents;
    r->nentities = d->nments;
    r->triples = d->triples;
    r->ntriples = d->ntriples;
    r->datelines = d->dls;
    r->ndatelines = d->ndls;
    return r;
}
