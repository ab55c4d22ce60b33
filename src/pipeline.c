/* pipeline.c — the public API of feit.h: a context (language data, gazetteer and rules,
 * immutable, shared) and workers (per-thread scratch) that run the stages on one document:
 *   dateline -> token -> sentence -> lexicon -> match -> names -> people -> firstname -> coref -> relate
 * Each stage is a layer below this file (docs/architecture.md); this is the only place that
 * knows their order and hands each what it needs from the others. */
#include "feit.h"

#include "worker.h"

#include "core/doc.h"
#include "core/error.h"
#include "core/lang.h"
#include "discourse/coref.h"
#include "discourse/firstname.h"
#include "discourse/gender.h"
#include "discourse/people.h"
#include "discourse/setting.h"
#include "entities/gazcache.h"
#include "entities/gazetteer.h"
#include "entities/lexicon.h"
#include "entities/match.h"
#include "entities/mention.h"
#include "entities/names.h"
#include "relations/relate.h"
#include "relations/rules.h"
#include "relations/rules_cache.h"
#include "section.h"
#include "text/dateline.h"
#include "text/sentence.h"
#include "text/token.h"

#include <dlfcn.h>
#include <libgen.h>
#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FEIT_DATADIR
#define FEIT_DATADIR "/usr/local/share/feit"
#endif

const char *feit_version(void) { return FEIT_VERSION; }

feit_options feit_options_default(void) { return (feit_options){.language = "nl", .section_size = FEIT_SECTION_SIZE}; }

static int is_data_dir(const char *dir)
{
    char probe[PATH_MAX + 32];
    snprintf(probe, sizeof probe, "%s/relations.rules", dir);
    return access(probe, R_OK) == 0;
}

/* dir/rel when it holds the data, into out */
static int try_dir(char *out, size_t cap, const char *dir, const char *rel)
{
    snprintf(out, cap, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    return is_data_dir(out);
}

/* The data next to a binary at path (program or library): ../models in a source tree or a
 * build directory, ../share/feit when installed. */
static int beside(char *out, size_t cap, const char *path)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s", path);
    char *dir = dirname(p); /* .../bin, .../lib, .../build */
    char up[PATH_MAX];
    snprintf(up, sizeof up, "%s", dir);
    char *parent = dirname(up);
    return try_dir(out, cap, parent, "models") || try_dir(out, cap, parent, "share/feit") ||
           try_dir(out, cap, dir, "../../share/feit"); /* lib/<multiarch>/libfeit.so */
}

int feit_data_dir(const feit_options *opt, char *buf, size_t cap)
{
    if (opt && opt->data_dir)
        return try_dir(buf, cap, opt->data_dir, "") ? 0 : FEIT_EIO;
    const char *env = getenv("FEIT_DATA");
    if (env && *env)
        return try_dir(buf, cap, env, "") ? 0 : FEIT_EIO;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        if (beside(buf, cap, exe))
            return 0;
    }
    Dl_info info; /* the library itself, when a program elsewhere (python) loads it */
    if (dladdr((void *)feit_data_dir, &info) && info.dli_fname && strchr(info.dli_fname, '/') && beside(buf, cap, info.dli_fname))
        return 0;
    return try_dir(buf, cap, FEIT_DATADIR, "") ? 0 : FEIT_EIO;
}

/* The gazetteer sources of a data directory: the source tree's gazetteers/ beside models/;
 * empty when there are none (an installed copy has only the compiled form). */
static void source_lists(const char *data, char *out, size_t cap)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s", data);
    snprintf(out, cap, "%s/gazetteers", dirname(p));
    struct stat st;
    if (stat(out, &st) || !S_ISDIR(st.st_mode))
        out[0] = '\0';
}

static const char *words_file(const feit_lang *lang)
{
    const char *w = getenv("FEIT_WORDS");
    return w && *w ? w : lang_words_file(lang);
}

/* The stamp of the lists a compiled gazetteer is made from (the language data has its own,
 * lang_stamp). */
static uint64_t compiled_stamp(const char *lists, const feit_lang *lang)
{
    const char *dirs[1] = {lists};
    return gazetteer_stamp(dirs, 1, words_file(lang));
}

/* data dir, language data */
static int open_common(const feit_options *o, char *data, size_t cap, feit_lang **lang, feit_error *err)
{
    if (feit_data_dir(o, data, cap)) {
        feit_error_set(err, data, 0, 0, "no feit data here (relations.rules missing): give --data-dir or set FEIT_DATA");
        return FEIT_EIO;
    }
    char dir[PATH_MAX + 64];
    snprintf(dir, sizeof dir, "%s/%s", data, o->language ? o->language : "nl");
    *lang = lang_load(dir, err);
    return *lang ? 0 : FEIT_EFORMAT;
}

/* The bodies the role lexicon names ("eurocommissaris": Europese Commissie) as the gazetteer
 * knows them; a body the lists lack stays unbound (the role then falls back on the document's
 * country, as any role). */
static void bind_bodies(feit_rules *r, const feit_gazetteer *g)
{
    for (int32_t i = 0; i < rules_nroles(r); i++) {
        const char *name = rules_role_body(r, i);
        int32_t e = name ? gazetteer_named(g, name, FEIT_ORGANISATION) : -1;
        if (e < 0)
            continue;
        const gaz_entry *en = gazetteer_entry(g, (uint32_t)e);
        rules_bind_body(r, i, (feit_arg){gazetteer_str(g, en->canonical), gazetteer_str(g, en->kb), FEIT_ORGANISATION});
    }
}

feit_context *feit_context_new(const feit_options *opt, feit_error *err)
{
    feit_error dummy;
    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    feit_options o = opt ? *opt : feit_options_default();
    feit_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        feit_error_set(err, NULL, 0, 0, "out of memory");
        return NULL;
    }
    char data[PATH_MAX], rules[PATH_MAX + 32], compiled[PATH_MAX + 32], lists[PATH_MAX + 16];
    if (open_common(&o, data, sizeof data, &ctx->lang, err))
        goto fail;
    snprintf(rules, sizeof rules, "%s/relations.rules", data);
    snprintf(compiled, sizeof compiled, "%s/gazetteer.bin", data);
    char genders[PATH_MAX + 96];
    snprintf(genders, sizeof genders, "%s/%s/firstname-genders.txt", data, o.language ? o.language : "nl");
    if (!(ctx->genders = gender_load_cached(genders, o.cache_dir, err)))
        goto fail;
    if (!o.gazetteers && !o.user_gazetteers) {
        /* the bundled lists: only their compiled form is read */
        source_lists(data, lists, sizeof lists);
        uint64_t stamp = compiled_stamp(lists, ctx->lang);
        ctx->gaz = gazetteer_open(compiled, lists[0] ? &stamp : NULL, lang_stamp(ctx->lang), err);
        if (!ctx->gaz) {
            char why[sizeof err->text];
            snprintf(why, sizeof why, "%s", err->text);
            feit_error_set(err, compiled, 0, 0, "%s: run `feit compile` (or `make`) to build it", why);
            goto fail;
        }
    } else {
        /* lists as text: the given directory instead of the bundled lists, or the user's added
         * to the bundled ones */
        const char *dirs[2];
        size_t ndirs = 0;
        if (o.gazetteers)
            dirs[ndirs++] = o.gazetteers;
        else {
            source_lists(data, lists, sizeof lists);
            if (!lists[0]) {
                feit_error_set(err, data, 0, 0, "the bundled gazetteer lists are not installed here: give the lists to add yours to as --gazetteers DIR");
                goto fail;
            }
            dirs[ndirs++] = lists;
        }
        if (o.user_gazetteers)
            dirs[ndirs++] = o.user_gazetteers;
        ctx->gaz = gazcache_load(dirs, ndirs, ctx->lang, words_file(ctx->lang), o.cache_dir, NULL, err);
        if (!ctx->gaz)
            goto fail;
    }
    ctx->rules = rules_cache_load(o.rules ? o.rules : rules, lang_stemmer(ctx->lang), o.cache_dir, NULL, err);
    if (!ctx->rules)
        goto fail;
    bind_bodies(ctx->rules, ctx->gaz);
    ctx->section_size = o.section_size;
    ctx->hook = relate_lex_hook(ctx->rules);
    ctx->dhook = relate_discourse_hook(ctx->rules);
    return ctx;
fail:
    feit_context_free(ctx);
    return NULL;
}

int feit_compile(const feit_options *opt, feit_error *err)
{
    feit_error dummy;
    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    feit_options o = opt ? *opt : feit_options_default();
    char data[PATH_MAX], lists[PATH_MAX + 16], compiled[PATH_MAX + 32];
    feit_lang *lang = NULL;
    feit_gazetteer *g = NULL;
    int rc = open_common(&o, data, sizeof data, &lang, err);
    if (rc)
        goto out;
    if (o.gazetteers)
        snprintf(lists, sizeof lists, "%s", o.gazetteers);
    else
        source_lists(data, lists, sizeof lists);
    if (!lists[0]) {
        feit_error_set(err, data, 0, 0, "no gazetteer lists to compile (a source tree's gazetteers/ beside it)");
        rc = FEIT_EIO;
        goto out;
    }
    const char *dirs[1] = {lists};
    if (!(g = gazetteer_load(dirs, 1, lang, words_file(lang), err))) {
        rc = FEIT_EFORMAT;
        goto out;
    }
    snprintf(compiled, sizeof compiled, "%s/gazetteer.bin", data);
    rc = gazetteer_save(g, compiled, compiled_stamp(lists, lang), lang_stamp(lang), err);
out:
    gazetteer_free(g);
    lang_free(lang);
    return rc;
}

int feit_context_status(const feit_context *ctx, feit_error *err)
{
    return gazetteer_status(ctx->gaz, err);
}

void feit_context_free(feit_context *ctx)
{
    if (!ctx)
        return;
    gazetteer_free(ctx->gaz);
    rules_free(ctx->rules);
    gender_free(ctx->genders);
    lang_free(ctx->lang);
    free(ctx);
}

feit_worker *feit_worker_new(const feit_context *ctx)
{
    feit_worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ctx = ctx;
    w->stemmer = sb_stemmer_new(lang_stemmer(ctx->lang), NULL);
    huge_init(&w->huge); /* (unmapped, the tables go to malloc) */
    w->match = match_scratch_new(&w->huge);
    w->stems = stem_cache_new();
    w->lex = lexicon_new();
    w->links = mention_links_new(&w->huge);
    if (!w->stemmer || !w->match || !w->stems || !w->lex || !w->links || discourse_tokens_place(&w->disc, &w->huge)) {
        feit_worker_free(w);
        return NULL;
    }
    doc_init(&w->doc, w->stemmer);
    w->doc.lang = ctx->lang;
    w->doc.stems = w->stems;
    w->doc.lex = w->lex;
    w->doc.links = w->links;
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
    mention_links_free(w->links);
    discourse_tokens_free(&w->disc);
    huge_free(&w->huge);
    free(w->ents);
    section_acc_free(w->acc);
    names_carry_free(&w->carry);
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
                if (!d->has_doc_country && me->country)
                    setting_country(g, d, me->country);
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

/* make bench's table of where the time goes (scripts/bench, "stages"): build/bench/feit-stages
 * is this file built with FEIT_STAGE_CUT, and ends each document's run after the stage that
 * $FEIT_STAGES numbers (0: none, only reading and writing; 1 tokens; 2 sentences; 3 lexicon;
 * 4 gazetteer spans; 5 names and people; 6 first names and coreference; 7 setting; else all).
 * bin/feit has no such test. */
#ifdef FEIT_STAGE_CUT
static int stage_cut = 99;
__attribute__((constructor)) static void stage_cut_read(void)
{
    const char *e = getenv("FEIT_STAGES");
    if (e && *e)
        stage_cut = atoi(e);
}
#define STAGE_DONE(k) \
    do { \
        if (stage_cut == (k)) \
            return 0; \
    } while (0)
#else
#define STAGE_DONE(k) ((void)0)
#endif

/* Runs the stages on text[0, len) as one document in w->doc; carry_iso: the country a dateline of
 * an earlier section of the same document made the document's (NULL: none), for when this
 * text has no dateline of its own; carry: the full names of the earlier sections and this
 * one's (names.h; NULL: a document run whole). 0, or -1 when out of memory or the context
 * failed. */
static int run_stages(feit_worker *w, const char *doc_id, const char *text, size_t len, const char *carry_iso, names_carry *carry)
{
    feit_doc *d = &w->doc;
    const feit_context *ctx = w->ctx;
    doc_reset(d, doc_id, text, len);
    STAGE_DONE(0);
    if (dateline_find(d) || token_split(d))
        return -1;
    mark_datelines(d);
    STAGE_DONE(1);
    if (sentence_split(d))
        return -1;
    STAGE_DONE(2);
    if (lexicon_doc(d, ctx->gaz, &ctx->hook, discourse_lists(&w->disc)))
        return -1;
    STAGE_DONE(3);
    if (match_doc(ctx->gaz, w->match, d))
        return -1;
    STAGE_DONE(4);
    if (names_doc(ctx->gaz, d, carry, discourse_lists(&w->disc)) || people_doc(ctx->gaz, &ctx->dhook, d, &w->disc))
        return -1;
    mentions_finish(d);
    STAGE_DONE(5);
    if (firstname_doc(ctx->gaz, d, &w->disc) || coref_doc(ctx->gaz, &ctx->dhook, ctx->genders, &w->disc, d))
        return -1;
    STAGE_DONE(6);
    resolve_datelines(ctx->gaz, d);
    if (carry_iso && !d->has_doc_country)
        setting_country(ctx->gaz, d, carry_iso);
    w->dateline_iso = d->has_doc_country ? d->doc_iso : NULL; /* (before the votes) */
    setting_doc(ctx->gaz, d);
    STAGE_DONE(7);
    if (relate_doc(ctx->rules, d))
        return -1;
    /* a chunk of the compiled gazetteer was bad (read as empty): no result can be trusted */
    if (gazetteer_status(ctx->gaz, NULL))
        return -1;
    return 0;
}

/* A document longer than the section size, section by section (section.h): each section's run
 * reuses w->doc, and w->acc keeps what the result needs of the whole document. */
static const feit_result *process_sections(feit_worker *w, const char *doc_id, const char *text, size_t len)
{
    if (!w->acc && !(w->acc = section_acc_new()))
        return NULL;
    section_acc_reset(w->acc);
    const char *iso = NULL;
    size_t off = 0, nsents = 0;
    while (off < len) {
        size_t n = section_cut(text + off, len - off, w->ctx->section_size);
        /* the full names named so far lend their short forms to this section's */
        w->carry.in = section_acc_carried(w->acc, &w->carry.nin);
        if (run_stages(w, doc_id, text + off, n, iso, &w->carry) ||
            section_acc_add(w->acc, w->ctx->rules, &w->doc, (uint32_t)off, (uint32_t)nsents) ||
            section_acc_carry(w->acc, w->carry.out, w->carry.nout))
            return NULL;
        iso = w->dateline_iso;
        nsents += w->doc.nsents;
        off += n;
    }
    if (section_acc_finish(w->acc))
        return NULL;
    feit_result *r = &w->result;
    r->doc = doc_id;
    r->text = text;
    r->len = len;
    r->nsentences = nsents;
    r->entities = section_acc_entities(w->acc, &r->nentities);
    r->triples = section_acc_triples(w->acc, &r->ntriples);
    r->datelines = section_acc_datelines(w->acc, &r->ndatelines);
    return r;
}

const feit_result *feit_process(feit_worker *w, const char *doc_id, const char *text, size_t len)
{
    feit_doc *d = &w->doc;
    if (len > UINT32_MAX - 1)
        return NULL; /* offsets are 32-bit: the reader caps documents far below this */
    /* (`feit explain` reads the worker's document after the run: one document, whole) */
    if (w->ctx->section_size && len > w->ctx->section_size && !d->trace)
        return process_sections(w, doc_id, text, len);
    if (run_stages(w, doc_id, text, len, NULL, NULL))
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
