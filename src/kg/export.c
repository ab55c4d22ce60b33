/*
 * export.c — streaming writers from fact records to RDF (N-Triples, N-Quads), Neo4j import
 * CSV and flat CSV. The only state kept across facts is a set of what was already described
 * (entity labels and types, vocabulary statements, Neo4j nodes), so each goes out once per run.
 * The model is documented in docs/export.md; keep the two in step.
 */
#include "kg/export.h"

#include "core/error.h"
#include "io/lines.h"

#include "core/types.h"
#include "feit.h"

#include <errno.h>
#include <stdio.h>
#include <zlib.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <uthash.h>

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_SCHEMA "http://schema.org/"
#define NS_WD "http://www.wikidata.org/entity/"
#define NS_WDT "http://www.wikidata.org/prop/direct/"

/* ---------------------------------------------------------------- growing strings */

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static int grow(char **buf, size_t *len, size_t *cap, size_t extra)
{
    if (*len + extra + 1 <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 128;
    while (ncap < *len + extra + 1)
        ncap *= 2;
    char *p = realloc(*buf, ncap);
    if (!p)
        return FEIT_ENOMEM;
    *buf = p;
    *cap = ncap;
    return 0;
}

static int put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (grow(buf, len, cap, n))
        return FEIT_ENOMEM;
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

static int sb_put(sbuf *b, const char *s, size_t n) { return put(&b->s, &b->len, &b->cap, s, n); }
static int sb_puts(sbuf *b, const char *s) { return sb_put(b, s, strlen(s)); }

/* ---------------------------------------------------------------- escaping */

/* RFC 3987 ucschar: non-ASCII code points allowed literally in an IRI path. */
static int is_ucschar(utf8proc_int32_t c)
{
    if (c >= 0xA0 && c <= 0xD7FF)
        return 1;
    if (c >= 0xF900 && c <= 0xFDCF)
        return 1;
    if (c >= 0xFDF0 && c <= 0xFFEF)
        return 1;
    if (c >= 0x10000 && c <= 0xEFFFD && (c & 0xFFFF) <= 0xFFFD)
        return c < 0xE0000 || c >= 0xE1000;
    return 0;
}

static int is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

static int pct(char **buf, size_t *len, size_t *cap, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    char e[3] = {'%', hex[c >> 4], hex[c & 15]};
    return put(buf, len, cap, e, 3);
}

int feit_iri_segment(char **buf, size_t *len, size_t *cap, const char *s)
{
    /* NFC first, so "Oekraïne" typed with a combining diaeresis gets the same IRI. */
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
    const unsigned char *p = nfc ? nfc : (const unsigned char *)s;
    int rc = 0;
    while (*p && !rc) {
        if (*p < 0x80) {
            rc = is_unreserved(*p) ? put(buf, len, cap, (const char *)p, 1) : pct(buf, len, cap, *p);
            p++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        if (n <= 0) { /* invalid UTF-8 (only possible without NFC): encode the byte */
            rc = pct(buf, len, cap, *p++);
            continue;
        }
        if (is_ucschar(c))
            rc = put(buf, len, cap, (const char *)p, (size_t)n);
        else
            for (utf8proc_ssize_t i = 0; i < n && !rc; i++)
                rc = pct(buf, len, cap, p[i]);
        p += n;
    }
    free(nfc);
    return rc;
}

int feit_nt_string(char **buf, size_t *len, size_t *cap, const char *s)
{
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
        const char *e = NULL;
        char u[8];
        switch (*p) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default:
            if (*p < 0x20 || *p == 0x7F) {
                snprintf(u, sizeof u, "\\u%04X", *p);
                e = u;
            }
        }
        rc = e ? put(buf, len, cap, e, strlen(e)) : put(buf, len, cap, (const char *)p, 1);
    }
    return rc;
}

static int sb_seg(sbuf *b, const char *s) { return feit_iri_segment(&b->s, &b->len, &b->cap, s); }

static int sb_lit(sbuf *b, const char *s, const char *suffix)
{
    if (sb_puts(b, "\"") || feit_nt_string(&b->s, &b->len, &b->cap, s) || sb_puts(b, "\"") ||
        sb_puts(b, suffix))
        return FEIT_ENOMEM;
    return 0;
}

/* RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
static int sb_csv(sbuf *b, const char *s)
{
    if (!s)
        return 0;
    if (!strpbrk(s, ",\"\r\n"))
        return sb_puts(b, s);
    int rc = sb_puts(b, "\"");
    for (const char *p = s; *p && !rc; p++)
        rc = *p == '"' ? sb_puts(b, "\"\"") : sb_put(b, p, 1);
    return rc ? rc : sb_puts(b, "\"");
}

/* Confidence without an exponent (valid xsd:double, Neo4j float and spreadsheet number). */
static void fmt_num(char *out, size_t n, double v)
{
    snprintf(out, n, "%.6f", v);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (!strcmp(out, "-0"))
        strcpy(out, "0");
}

/* ---------------------------------------------------------------- reading records */

static const char *get_str(const json_t *rec, const char *key, int required, int *bad, char *why,
                           size_t whylen)
{
    const json_t *v = json_object_get(rec, key);
    if (!v || json_is_null(v)) {
        if (required && !*bad) {
            snprintf(why, whylen, "missing field \"%s\"", key);
            *bad = 1;
        }
        return NULL;
    }
    if (!json_is_string(v) || (required && !json_string_length(v)) ||
        strlen(json_string_value(v)) != json_string_length(v)) {
        if (!*bad) {
            snprintf(why, whylen, "field \"%s\" must be a %sstring without NUL", key,
                     required ? "non-empty " : "");
            *bad = 1;
        }
        return NULL;
    }
    return json_string_value(v);
}

int feit_export_fact_from_json(const json_t *rec, feit_export_fact *f, char *why, size_t whylen)
{
    int bad = 0;
    memset(f, 0, sizeof *f);
    if (!json_is_object(rec)) {
        snprintf(why, whylen, "record is not a JSON object");
        return FEIT_EFORMAT;
    }
    if (!json_object_get(rec, "predicate") && json_object_get(rec, "canonical")) {
        snprintf(why, whylen, "an entity record, not a triple (export reads --emit triples or documents)");
        return FEIT_EFORMAT;
    }
    f->subject = get_str(rec, "subject", 1, &bad, why, whylen);
    f->subject_type = get_str(rec, "subject_type", 1, &bad, why, whylen);
    f->predicate = get_str(rec, "predicate", 1, &bad, why, whylen);
    f->object = get_str(rec, "object", 1, &bad, why, whylen);
    f->object_type = get_str(rec, "object_type", 1, &bad, why, whylen);
    f->doc = get_str(rec, "doc", 1, &bad, why, whylen);
    f->rule = get_str(rec, "rule", 1, &bad, why, whylen);
    f->subject_kb = get_str(rec, "subject_kb", 0, &bad, why, whylen);
    f->object_kb = get_str(rec, "object_kb", 0, &bad, why, whylen);
    f->wikidata = get_str(rec, "wikidata", 0, &bad, why, whylen);
    f->qualifier = get_str(rec, "qualifier", 0, &bad, why, whylen);
    f->time = get_str(rec, "time", 0, &bad, why, whylen);
    f->date = get_str(rec, "date", 0, &bad, why, whylen);
    f->evidence = get_str(rec, "evidence", 0, &bad, why, whylen);
    if (!bad && !f->evidence) {
        snprintf(why, whylen, "missing field \"evidence\"");
        bad = 1;
    }
    const json_t *v = json_object_get(rec, "sentence");
    if (!bad && (!json_is_integer(v) || json_integer_value(v) < 0)) {
        snprintf(why, whylen, v ? "field \"sentence\" must be an integer >= 0" : "missing field \"sentence\"");
        bad = 1;
    }
    f->sentence = bad ? 0 : json_integer_value(v);
    v = json_object_get(rec, "confidence");
    if (!bad && !json_is_number(v)) {
        snprintf(why, whylen, v ? "field \"confidence\" must be a number" : "missing field \"confidence\"");
        bad = 1;
    }
    f->confidence = bad ? 0 : json_number_value(v);
    v = json_object_get(rec, "count");
    if (!bad && v && !json_is_null(v)) {
        if (!json_is_integer(v) || json_integer_value(v) < 0) {
            snprintf(why, whylen, "field \"count\" must be an integer >= 0");
            bad = 1;
        } else
            f->count = json_integer_value(v);
    }
    return bad ? FEIT_EFORMAT : 0;
}

/* ---------------------------------------------------------------- the exporter */

/* What was already written: one entry per entity IRI (with the names and types it was
 * described with) or per vocabulary key ("P\tpredicate", "D\tdoc" ...). */
typedef struct seen {
    UT_hash_handle hh;
    char *vals;        /* owned: NUL-terminated strings one after the other, or NULL */
    size_t vlen;       /* bytes used in vals */
    char key[];        /* NUL-terminated */
} seen;

struct feit_exporter {
    feit_export_format fmt;
    FILE *out, *rels;
    char *base;
    seen *set;
    sbuf line, s_iri, o_iri, p_iri, doc_iri, fact_iri, tmp, key; /* scratch, reused per fact */
    int ioerr; /* errno of the first failed write (EIO when it set none), 0 while all is well */
    size_t max_line; /* longer input lines are reported and skipped */
};

/* Finds key, adding it when absent (*added = 1). NULL when out of memory. */
static seen *seen_get(feit_exporter *x, const char *key, size_t n, int *added)
{
    seen *e = NULL;
    *added = 0;
    HASH_FIND(hh, x->set, key, n, e);
    if (e)
        return e;
    e = malloc(sizeof *e + n + 1);
    if (!e)
        return NULL;
    e->vals = NULL;
    e->vlen = 0;
    memcpy(e->key, key, n);
    e->key[n] = '\0';
    HASH_ADD_KEYPTR(hh, x->set, e->key, n, e);
    /* HASH_NONFATAL_OOM: on failure uthash leaves the item out; a second lookup tells. */
    seen *chk = NULL;
    HASH_FIND(hh, x->set, key, n, chk);
    if (!chk) {
        free(e);
        return NULL;
    }
    *added = 1;
    return e;
}

/* Adds key to the set; returns 1 if it was new, 0 if already there, FEIT_ENOMEM. */
static int seen_add(feit_exporter *x, const char *key, size_t n)
{
    int added;
    return seen_get(x, key, n, &added) ? added : FEIT_ENOMEM;
}

/* Adds val to the entry's list; returns 1 if it was new, 0 if there, FEIT_ENOMEM. An entity has
 * one name and one type nearly always, so a linear list is the cheap choice. */
static int seen_val(seen *e, const char *val)
{
    for (size_t at = 0; at < e->vlen; at += strlen(e->vals + at) + 1)
        if (!strcmp(e->vals + at, val))
            return 0;
    size_t n = strlen(val) + 1;
    char *v = realloc(e->vals, e->vlen + n);
    if (!v)
        return FEIT_ENOMEM;
    memcpy(v + e->vlen, val, n);
    e->vals = v;
    e->vlen += n;
    return 1;
}

/* A short vocabulary key "TAG\ta\tb" in x->key; returns seen_add's result. */
static int first_time(feit_exporter *x, const char *tag, const char *a, const char *b)
{
    sbuf *k = &x->key;
    k->len = 0;
    if (sb_puts(k, tag) || sb_puts(k, "\t") || sb_puts(k, a) || sb_puts(k, "\t") || sb_puts(k, b ? b : ""))
        return FEIT_ENOMEM;
    return seen_add(x, k->s, k->len);
}

static int emit(feit_exporter *x, FILE *f, const char *s, size_t n)
{
    if (fwrite(s, 1, n, f) != n && !x->ioerr)
        x->ioerr = errno ? errno : EIO;
    return x->ioerr ? FEIT_EIO : 0;
}

/* One statement "<s> <p> O" where o is a ready N-Triples term; graph NULL = default graph. */
static int stmt(feit_exporter *x, const char *s, const char *p, const char *o, const char *graph)
{
    sbuf *l = &x->line;
    l->len = 0;
    if (sb_puts(l, "<") || sb_puts(l, s) || sb_puts(l, "> <") || sb_puts(l, p) || sb_puts(l, "> ") ||
        sb_puts(l, o))
        return FEIT_ENOMEM;
    if (graph && x->fmt == FEIT_EXPORT_NQUADS && (sb_puts(l, " <") || sb_puts(l, graph) || sb_puts(l, ">")))
        return FEIT_ENOMEM;
    if (sb_puts(l, " .\n"))
        return FEIT_ENOMEM;
    return emit(x, x->out, l->s, l->len);
}

static int iri_term(sbuf *b, const char *iri)
{
    b->len = 0;
    return sb_puts(b, "<") || sb_puts(b, iri) || sb_puts(b, ">") ? FEIT_ENOMEM : 0;
}

static int lit_term(sbuf *b, const char *s, const char *suffix)
{
    b->len = 0;
    return sb_lit(b, s, suffix);
}

/* A Wikidata id: the letter (Q for items, P for properties) and digits, at most 24 bytes. */
static int valid_wd_id(const char *id, char letter)
{
    if (!id || id[0] != letter || !id[1] || strlen(id) > 24)
        return 0;
    for (const char *p = id + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

static int entity_iri(feit_exporter *x, sbuf *b, const char *name, const char *type, const char *kb)
{
    b->len = 0;
    if (valid_wd_id(kb, 'Q'))
        return sb_puts(b, NS_WD) || sb_puts(b, kb) ? FEIT_ENOMEM : 0;
    if (sb_puts(b, x->base) || sb_puts(b, "id/") || sb_seg(b, type) || sb_puts(b, "/") || sb_seg(b, name))
        return FEIT_ENOMEM;
    return 0;
}

/* The classes of the entity types (project class, Neo4j label, schema.org and Wikidata classes)
 * are columns of src/core/types.h. */
static int class_of(const char *type) { return types_find(type, strlen(type)); }

/* The class declaration (once per class) and the entity's label and types (once per distinct
 * name and type: an entity seen in two spellings gets two labels). */
static int rdf_entity(feit_exporter *x, const char *iri, const char *name, const char *type)
{
    char c[512], o[600];
    int rc, added, k = class_of(type);
    const char *p = NS_RDF "type";
    snprintf(c, sizeof c, "%sns#%s", x->base, k >= 0 ? feit_types[k].cls : "Entity");
    if (k >= 0 && (rc = first_time(x, "C", type, NULL))) {
        if (rc < 0 || (rc = stmt(x, c, p, "<" NS_OWL "Class>", NULL)) ||
            (rc = lit_term(&x->tmp, feit_types[k].name, "@en")) || (rc = stmt(x, c, NS_RDFS "label", x->tmp.s, NULL)))
            return rc < 0 ? rc : FEIT_ENOMEM;
        snprintf(o, sizeof o, "<%sns#Entity>", x->base);
        if ((rc = stmt(x, c, NS_RDFS "subClassOf", o, NULL)))
            return rc;
        snprintf(o, sizeof o, "<" NS_SCHEMA "%s>", feit_types[k].schema);
        if ((rc = stmt(x, c, NS_RDFS "subClassOf", o, NULL)))
            return rc;
        if (feit_types[k].wikidata) {
            snprintf(o, sizeof o, "<" NS_WD "%s>", feit_types[k].wikidata);
            if ((rc = stmt(x, c, NS_RDFS "subClassOf", o, NULL)))
                return rc;
        }
    }
    seen *e = seen_get(x, iri, strlen(iri), &added);
    if (!e)
        return FEIT_ENOMEM;
    if (added) {
        snprintf(o, sizeof o, "<%sns#Entity>", x->base);
        if ((rc = stmt(x, iri, p, o, NULL)))
            return rc;
    }
    /* names and types share the entity's list: 'L' + name, 'T' + type */
    sbuf *v = &x->key;
    v->len = 0;
    if (sb_puts(v, "L") || sb_puts(v, name) || (rc = seen_val(e, v->s)) < 0)
        return FEIT_ENOMEM;
    if (rc && ((rc = lit_term(&x->tmp, name, "@nl")) || (rc = stmt(x, iri, NS_RDFS "label", x->tmp.s, NULL))))
        return rc;
    v->len = 0;
    if (k < 0)
        return 0;
    if (sb_puts(v, "T") || sb_puts(v, type) || (rc = seen_val(e, v->s)) < 0)
        return FEIT_ENOMEM;
    if (!rc)
        return 0;
    snprintf(o, sizeof o, "<%s>", c);
    if ((rc = stmt(x, iri, p, o, NULL)))
        return rc;
    snprintf(o, sizeof o, "<" NS_SCHEMA "%s>", feit_types[k].schema);
    return stmt(x, iri, p, o, NULL);
}

/* YYYY-MM-DD: an xsd:date literal */
static int is_iso_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

/* FNV-1a over the fields that identify one stated fact: stable across runs. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return (h ^ 0xff) * 0x100000001b3ULL; /* field separator */
}

static int write_rdf(feit_exporter *x, const feit_export_fact *f)
{
    int rc;
    char num[64], o[512];
    const char *g;
    /* IRIs */
    if ((rc = entity_iri(x, &x->s_iri, f->subject, f->subject_type, f->subject_kb)) ||
        (rc = entity_iri(x, &x->o_iri, f->object, f->object_type, f->object_kb)))
        return rc;
    x->p_iri.len = 0;
    x->doc_iri.len = 0;
    if (sb_puts(&x->p_iri, x->base) || sb_puts(&x->p_iri, "ns#") || sb_seg(&x->p_iri, f->predicate) ||
        sb_puts(&x->doc_iri, x->base) || sb_puts(&x->doc_iri, "doc/") || sb_seg(&x->doc_iri, f->doc))
        return FEIT_ENOMEM;
    snprintf(num, sizeof num, "%lld", f->sentence);
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv(h, f->doc), h = fnv(h, num), h = fnv(h, x->s_iri.s), h = fnv(h, x->p_iri.s);
    h = fnv(h, x->o_iri.s), h = fnv(h, f->rule), h = fnv(h, f->qualifier), h = fnv(h, f->evidence);
    if (f->time && strcmp(f->time, "current")) /* a former fact is another statement (current keeps its IRI) */
        h = fnv(h, f->time);
    x->fact_iri.len = 0;
    snprintf(o, sizeof o, "fact/%016" PRIx64, h);
    if (sb_puts(&x->fact_iri, x->base) || sb_puts(&x->fact_iri, o))
        return FEIT_ENOMEM;
    g = x->doc_iri.s;
    const char *s = x->s_iri.s, *p = x->p_iri.s, *ob = x->o_iri.s, *fa = x->fact_iri.s;

    /* default graph, once per run: vocabulary, entities, documents */
    if ((rc = first_time(x, "P", f->predicate, NULL)) > 0) {
        if ((rc = stmt(x, p, NS_RDF "type", "<" NS_RDF "Property>", NULL)) ||
            (rc = lit_term(&x->tmp, f->predicate, "@nl")) || (rc = stmt(x, p, NS_RDFS "label", x->tmp.s, NULL)))
            return rc;
    } else if (rc < 0)
        return rc;
    if (valid_wd_id(f->wikidata, 'P') && (rc = first_time(x, "W", f->predicate, f->wikidata))) {
        if (rc < 0)
            return rc;
        snprintf(o, sizeof o, "<" NS_WDT "%s>", f->wikidata);
        if ((rc = stmt(x, p, NS_SKOS "relatedMatch", o, NULL)))
            return rc;
        char wp[512];
        snprintf(wp, sizeof wp, "%sns#wikidataProperty", x->base);
        snprintf(o, sizeof o, "<" NS_WD "%s>", f->wikidata);
        if ((rc = stmt(x, p, wp, o, NULL)))
            return rc;
    }
    if ((rc = rdf_entity(x, s, f->subject, f->subject_type)) || (rc = rdf_entity(x, ob, f->object, f->object_type)))
        return rc;
    if ((rc = first_time(x, "D", f->doc, NULL)) > 0) {
        snprintf(o, sizeof o, "<%sns#Document>", x->base);
        if ((rc = stmt(x, g, NS_RDF "type", o, NULL)) || (rc = lit_term(&x->tmp, f->doc, "")))
            return rc;
        snprintf(o, sizeof o, "%sns#docId", x->base);
        if ((rc = stmt(x, g, o, x->tmp.s, NULL)))
            return rc;
    } else if (rc < 0)
        return rc;

    /* the fact and its provenance, in the document's graph (N-Quads) */
    if ((rc = iri_term(&x->tmp, ob)) || (rc = stmt(x, s, p, x->tmp.s, g)) ||
        (rc = stmt(x, fa, NS_RDF "type", "<" NS_RDF "Statement>", g)) ||
        (rc = iri_term(&x->tmp, s)) || (rc = stmt(x, fa, NS_RDF "subject", x->tmp.s, g)) ||
        (rc = iri_term(&x->tmp, p)) || (rc = stmt(x, fa, NS_RDF "predicate", x->tmp.s, g)) ||
        (rc = iri_term(&x->tmp, ob)) || (rc = stmt(x, fa, NS_RDF "object", x->tmp.s, g)) ||
        (rc = iri_term(&x->tmp, g)) || (rc = stmt(x, fa, NS_PROV "wasDerivedFrom", x->tmp.s, g)))
        return rc;
    struct lit {
        const char *prop, *val, *suffix;
    } lits[8];
    char conf[64], cnt[64];
    fmt_num(conf, sizeof conf, f->confidence);
    snprintf(cnt, sizeof cnt, "%lld", f->count);
    size_t nl = 0;
    lits[nl++] = (struct lit){"sentence", num, "^^<" NS_XSD "integer>"};
    lits[nl++] = (struct lit){"evidence", f->evidence, "@nl"};
    lits[nl++] = (struct lit){"confidence", conf, "^^<" NS_XSD "double>"};
    lits[nl++] = (struct lit){"rule", f->rule, ""};
    if (f->qualifier)
        lits[nl++] = (struct lit){"qualifier", f->qualifier, "@nl"};
    if (f->count)
        lits[nl++] = (struct lit){"count", cnt, "^^<" NS_XSD "integer>"};
    if (f->time)
        lits[nl++] = (struct lit){"time", f->time, ""};
    if (f->date)
        lits[nl++] = (struct lit){"date", f->date, is_iso_date(f->date) ? "^^<" NS_XSD "date>" : ""};
    for (size_t i = 0; i < nl; i++) {
        snprintf(o, sizeof o, "%sns#%s", x->base, lits[i].prop);
        if ((rc = lit_term(&x->tmp, lits[i].val, lits[i].suffix)) || (rc = stmt(x, fa, o, x->tmp.s, g)))
            return rc;
    }
    return 0;
}

/* Neo4j relationship type: the predicate in upper snake case (SAMENWERKING, SECRETARIS_GENERAAL). */
static int neo_type(sbuf *b, const char *pred)
{
    for (const unsigned char *p = (const unsigned char *)pred; *p; p++) {
        char c = (char)*p;
        if (*p >= 'a' && *p <= 'z')
            c = (char)(*p - 'a' + 'A');
        else if (*p < 0x80 && !((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            c = '_';
        if (sb_put(b, &c, 1))
            return FEIT_ENOMEM;
    }
    return 0;
}

static int neo_node(feit_exporter *x, const char *iri, const char *name, const char *type, const char *kb)
{
    size_t n = strlen(iri);
    int rc = seen_add(x, iri, n);
    if (rc <= 0)
        return rc;
    int k = class_of(type);
    sbuf *l = &x->line;
    l->len = 0;
    if (sb_csv(l, iri) || sb_puts(l, ",") || sb_csv(l, name) || sb_puts(l, ",") || sb_csv(l, type) ||
        sb_puts(l, ",") || sb_csv(l, valid_wd_id(kb, 'Q') ? kb : NULL) || sb_puts(l, ",Entity") ||
        (k >= 0 && (sb_puts(l, ";") || sb_puts(l, feit_types[k].cls))) || sb_puts(l, "\n"))
        return FEIT_ENOMEM;
    return emit(x, x->out, l->s, l->len);
}

static int write_neo4j(feit_exporter *x, const feit_export_fact *f)
{
    int rc;
    char conf[64], num[64];
    if ((rc = entity_iri(x, &x->s_iri, f->subject, f->subject_type, f->subject_kb)) ||
        (rc = entity_iri(x, &x->o_iri, f->object, f->object_type, f->object_kb)) ||
        (rc = neo_node(x, x->s_iri.s, f->subject, f->subject_type, f->subject_kb)) ||
        (rc = neo_node(x, x->o_iri.s, f->object, f->object_type, f->object_kb)))
        return rc;
    fmt_num(conf, sizeof conf, f->confidence);
    sbuf *l = &x->line;
    l->len = 0;
    if (sb_csv(l, x->s_iri.s) || sb_puts(l, ",") || sb_csv(l, x->o_iri.s) || sb_puts(l, ",") ||
        neo_type(l, f->predicate) || sb_puts(l, ",") || sb_csv(l, f->predicate) || sb_puts(l, ",") ||
        sb_csv(l, valid_wd_id(f->wikidata, 'P') ? f->wikidata : NULL) || sb_puts(l, ",") || sb_csv(l, f->qualifier) ||
        sb_puts(l, ",") || sb_puts(l, conf) || sb_puts(l, ",") || sb_csv(l, f->doc) || sb_puts(l, ","))
        return FEIT_ENOMEM;
    snprintf(num, sizeof num, "%lld", f->sentence);
    if (sb_puts(l, num) || sb_puts(l, ",") || sb_csv(l, f->evidence) || sb_puts(l, ",") || sb_csv(l, f->rule) ||
        sb_puts(l, ","))
        return FEIT_ENOMEM;
    snprintf(num, sizeof num, "%lld", f->count);
    if ((f->count && sb_puts(l, num)) || sb_puts(l, ",") || sb_csv(l, f->time) || sb_puts(l, ",") || sb_csv(l, f->date) ||
        sb_puts(l, "\n"))
        return FEIT_ENOMEM;
    return emit(x, x->rels, l->s, l->len);
}

static int write_csv(feit_exporter *x, const feit_export_fact *f)
{
    char conf[64], sent[64], cnt[64];
    fmt_num(conf, sizeof conf, f->confidence);
    snprintf(sent, sizeof sent, "%lld", f->sentence);
    snprintf(cnt, sizeof cnt, "%lld", f->count);
    const char *cols[] = {f->subject, f->subject_type, f->subject_kb, f->predicate, f->object,
                          f->object_type, f->object_kb, f->wikidata, f->qualifier, f->evidence,
                          f->doc, sent, conf, f->rule, f->count ? cnt : NULL, f->time, f->date};
    sbuf *l = &x->line;
    l->len = 0;
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if ((i && sb_puts(l, ",")) || sb_csv(l, cols[i]))
            return FEIT_ENOMEM;
    if (sb_puts(l, "\r\n"))
        return FEIT_ENOMEM;
    return emit(x, x->out, l->s, l->len);
}

feit_exporter *feit_exporter_new(feit_export_format fmt, const char *base, FILE *out, FILE *rels)
{
    feit_exporter *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->fmt = fmt;
    x->out = out;
    x->rels = rels;
    x->max_line = FEIT_MAX_RECORD_BYTES;
    x->base = strdup(base ? base : FEIT_EXPORT_BASE);
    if (!x->base) {
        free(x);
        return NULL;
    }
    static const char neo_nodes[] = "id:ID,name,type,kb,:LABEL\n";
    static const char neo_rels[] = ":START_ID,:END_ID,:TYPE,predicate,wikidata,qualifier,confidence:float,"
                                   "doc,sentence:int,evidence,rule,count:int,time,date\n";
    static const char csv_head[] = "subject,subject_type,subject_kb,predicate,object,object_type,object_kb,"
                                   "wikidata,qualifier,evidence,doc,sentence,confidence,rule,count,time,date\r\n";
    if (fmt == FEIT_EXPORT_NEO4J) {
        emit(x, x->out, neo_nodes, sizeof neo_nodes - 1);
        if (x->rels)
            emit(x, x->rels, neo_rels, sizeof neo_rels - 1);
    } else if (fmt == FEIT_EXPORT_CSV)
        emit(x, x->out, csv_head, sizeof csv_head - 1);
    return x;
}

int feit_exporter_write(feit_exporter *x, const feit_export_fact *f)
{
    if (x->ioerr)
        return FEIT_EIO;
    switch (x->fmt) {
    case FEIT_EXPORT_NTRIPLES:
    case FEIT_EXPORT_NQUADS: return write_rdf(x, f);
    case FEIT_EXPORT_NEO4J: return x->rels ? write_neo4j(x, f) : FEIT_EIO;
    case FEIT_EXPORT_CSV: return write_csv(x, f);
    }
    return FEIT_EFORMAT;
}

int feit_exporter_finish(feit_exporter *x)
{
    errno = 0;
    if ((fflush(x->out) || ferror(x->out)) && !x->ioerr)
        x->ioerr = errno ? errno : EIO;
    errno = 0;
    if (x->rels && (fflush(x->rels) || ferror(x->rels)) && !x->ioerr)
        x->ioerr = errno ? errno : EIO;
    errno = x->ioerr;
    return x->ioerr ? FEIT_EIO : 0;
}

void feit_exporter_free(feit_exporter *x)
{
    if (!x)
        return;
    seen *e, *t;
    HASH_ITER(hh, x->set, e, t)
    {
        HASH_DEL(x->set, e);
        free(e->vals);
        free(e);
    }
    sbuf *bufs[] = {&x->line, &x->s_iri, &x->o_iri, &x->p_iri, &x->doc_iri, &x->fact_iri, &x->tmp, &x->key};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        free(bufs[i]->s);
    free(x->base);
    free(x);
}

/* ---- reading triple records from a JSON Lines file ---- */

typedef struct run {
    feit_exporter *x;
    long skipped;
    int fatal; /* FEIT_ENOMEM / FEIT_EIO */
    void (*report)(void *user, const feit_error *err);
    void *user;
} run;

static void report(run *r, const char *file, long line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(run *r, const char *file, long line, const char *fmt, ...)
{
    if (!r->report)
        return;
    feit_error err;
    va_list ap;
    va_start(ap, fmt);
    feit_error_vset(&err, file, line, 0, fmt, ap);
    va_end(ap);
    r->report(r->user, &err);
}

static void one_fact(run *r, const json_t *rec, const char *name, long lineno, long item)
{
    feit_export_fact f;
    char why[256];
    if (feit_export_fact_from_json(rec, &f, why, sizeof why)) {
        if (item >= 0)
            report(r, name, lineno, "triple %ld: %s; skipped", item, why);
        else
            report(r, name, lineno, "%s; skipped", why);
        r->skipped++;
        return;
    }
    int rc = feit_exporter_write(r->x, &f);
    if (rc)
        r->fatal = rc;
}

static int export_file(run *r, const char *path)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    errno = 0;
    feit_lines *rd = lines_open(path, r->x->max_line);
    if (!rd) {
        report(r, name, 0, "%s", strerror(errno ? errno : ENOMEM));
        return 1;
    }
    char *buf;
    long n = 0, lineno = 0;
    int ret = 0;
    while (!r->fatal && ((n = lines_next(rd, &buf)) >= 0 || n == LINES_TOO_LONG)) {
        lineno++;
        if (n == LINES_TOO_LONG) {
            report(r, name, lineno, "line longer than %zu bytes (--max-doc-bytes); skipped", r->x->max_line);
            r->skipped++;
            continue;
        }
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
            buf[--n] = '\0';
        if (!n)
            continue;
        if (memchr(buf, '\0', (size_t)n)) {
            report(r, name, lineno, "NUL byte in line; skipped");
            r->skipped++;
            continue;
        }
        json_error_t jerr;
        json_t *rec = json_loadb(buf, (size_t)n, 0, &jerr);
        if (!rec) {
            report(r, name, lineno, "not JSON (column %d: %s); skipped", jerr.column, jerr.text);
            r->skipped++;
            continue;
        }
        const json_t *triples = json_is_object(rec) ? json_object_get(rec, "triples") : NULL;
        if (json_is_array(triples)) { /* a documents record */
            size_t i;
            const json_t *t;
            json_array_foreach(triples, i, t)
            {
                one_fact(r, t, name, lineno, (long)i);
                if (r->fatal)
                    break;
            }
        } else if (triples) {
            report(r, name, lineno, "field \"triples\" must be a list; skipped");
            r->skipped++;
        } else
            one_fact(r, rec, name, lineno, -1);
        json_decref(rec);
    }
    if (n == -2)
        r->fatal = FEIT_ENOMEM;
    const char *zmsg;
    int zerr = lines_gzerror(rd, &zmsg);
    if (n == -3 || (n == -1 && zerr != Z_OK)) { /* includes a truncated .gz (Z_BUF_ERROR) */
        report(r, name, lineno + (n == -3), "read error: %s", zmsg);
        ret = 1;
    }
    lines_close(rd);
    return ret;
}

void feit_exporter_set_max_line(feit_exporter *x, size_t max) { x->max_line = max; }

int feit_export_file(feit_exporter *x, const char *path, void (*rep)(void *user, const feit_error *err), void *user, long *skipped)
{
    run r = {x, 0, 0, rep, user};
    int rc = export_file(&r, path);
    if (skipped)
        *skipped += r.skipped;
    return r.fatal ? r.fatal : rc;
}
