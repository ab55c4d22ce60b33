/* output.c — JSON Lines records of a result (SPEC): keys written in sorted order by hand
 * rather than through a JSON tree, because this runs once per entity of every document.
 * Strings are escaped per RFC 8259; invalid UTF-8 in the text becomes U+FFFD, so every line
 * is valid JSON whatever the input bytes were. */
#include "feit.h"

#include "core/utf8.h"

#include <jansson.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int buf_reserve(feit_buf *b, size_t n)
{
    if (b->len + n <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return FEIT_ENOMEM;
    b->data = p, b->cap = cap;
    return 0;
}

static int put(feit_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n))
        return FEIT_ENOMEM;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

static int puts_(feit_buf *b, const char *s) { return put(b, s, strlen(s)); }

/* Formatted straight into the buffer, made larger and formatted again when it did not fit (a
 * fixed 64-byte scratch cut ",\"sentence\":106827,\"source\":\"gazetteer\",\"start\":10000057,
 * \"text\":" short, with a NUL for its last byte, in a document of 10 MB). */
static int putf(feit_buf *b, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = buf_reserve(b, 128) ? -1 : vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    if (n >= 0 && (size_t)n >= b->cap - b->len)
        n = buf_reserve(b, (size_t)n + 1) ? -1 : vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
    va_end(again);
    va_end(ap);
    if (n < 0)
        return FEIT_ENOMEM;
    b->len += (size_t)n;
    return 0;
}

/* A JSON string of s[0..n). */
static int put_str(feit_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n * 6 + 2))
        return FEIT_ENOMEM;
    char *o = b->data + b->len;
    *o++ = '"';
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *o++ = (char)c, i++;
        } else if (c < 0x80) {
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\n': *o++ = 'n'; break;
            case '\r': *o++ = 'r'; break;
            case '\t': *o++ = 't'; break;
            default: o += sprintf(o, "u%04x", c);
            }
            i++;
        } else {
            int len;
            int32_t cp = utf8_decode(s + i, n - i, &len);
            if (cp == UTF8_INVALID && len == 1) {
                memcpy(o, "\xEF\xBF\xBD", 3), o += 3;
            } else {
                memcpy(o, s + i, (size_t)len), o += len;
            }
            i += (size_t)len;
        }
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    return 0;
}

static int put_cstr(feit_buf *b, const char *s) { return put_str(b, s, strlen(s)); }

static int put_conf(feit_buf *b, float c)
{
    /* two decimals at most, no trailing zeros: 0.9, 0.85, 1 */
    long v = (long)(c * 100.0f + 0.5f);
    if (v >= 100)
        return puts_(b, "1");
    if (v <= 0)
        return puts_(b, "0");
    return v % 10 ? putf(b, "0.%02ld", v) : putf(b, "0.%ld", v / 10);
}

static int write_entity(const feit_result *r, const feit_entity *e, feit_buf *b)
{
    int rc = (e->antecedent >= 0 ? putf(b, "{\"antecedent\":%lld,\"canonical\":", (long long)e->antecedent) : puts_(b, "{\"canonical\":")) ||
             put_cstr(b, e->canonical ? e->canonical : "") ||
             puts_(b, ",\"doc\":") || put_cstr(b, r->doc) || putf(b, ",\"end\":%u,\"form\":\"%s\"", e->end, feit_form_name(e->form));
    if (!rc && e->kb)
        rc = puts_(b, ",\"kb\":") || put_cstr(b, e->kb);
    return rc || putf(b, ",\"sentence\":%u,\"source\":\"%s\",\"start\":%u,\"text\":", e->sentence, feit_source_name(e->source), e->start) ||
           put_str(b, r->text + e->start, e->end - e->start) || putf(b, ",\"type\":\"%s\"}", feit_type_name(e->type));
}

/* The document's date from its meta ("date" or "published", a string; an ISO date or
 * timestamp gives its first ten characters), into out; 0 when there is none. */
static int meta_date(const char *meta, char *out, size_t cap)
{
    if (!meta || !strcmp(meta, "{}"))
        return 0;
    json_t *o = json_loads(meta, 0, NULL);
    const json_t *v = json_object_get(o, "date");
    if (!json_is_string(v))
        v = json_object_get(o, "published");
    int ok = 0;
    if (json_is_string(v) && json_string_length(v) > 0) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        int iso = n >= 10 && s[4] == '-' && s[7] == '-';
        for (int k = 0; iso && k < 10; k++)
            iso = k == 4 || k == 7 || (s[k] >= '0' && s[k] <= '9');
        if (iso)
            n = 10;
        if (n < cap && utf8_valid(s, n)) {
            memcpy(out, s, n);
            out[n] = '\0';
            ok = 1;
        }
    }
    json_decref(o);
    return ok;
}

static int write_triple(const feit_result *r, const feit_triple *t, const char *date, feit_buf *b)
{
    int rc = puts_(b, "{\"confidence\":") || put_conf(b, t->confidence) || putf(b, ",\"count\":%u", t->count ? t->count : 1) ||
             (date && (puts_(b, ",\"date\":") || put_cstr(b, date))) ||
             puts_(b, ",\"doc\":") || put_cstr(b, r->doc) || puts_(b, ",\"evidence\":") ||
             put_str(b, r->text + t->ev_start, t->ev_end - t->ev_start) || puts_(b, ",\"object\":") ||
             put_cstr(b, t->object.canonical);
    if (!rc && t->object.kb)
        rc = puts_(b, ",\"object_kb\":") || put_cstr(b, t->object.kb);
    rc = rc || putf(b, ",\"object_type\":\"%s\",\"predicate\":", feit_type_name(t->object.type)) || put_cstr(b, t->predicate);
    if (!rc && t->qualifier)
        rc = puts_(b, ",\"qualifier\":") || put_cstr(b, t->qualifier);
    rc = rc || puts_(b, ",\"rule\":") || put_cstr(b, t->rule ? t->rule : "") || putf(b, ",\"sentence\":%u,\"subject\":", t->sentence) ||
         put_cstr(b, t->subject.canonical);
    if (!rc && t->subject.kb)
        rc = puts_(b, ",\"subject_kb\":") || put_cstr(b, t->subject.kb);
    rc = rc || putf(b, ",\"subject_type\":\"%s\",\"time\":\"%s\"", feit_type_name(t->subject.type), feit_time_name(t->time));
    if (!rc && t->wikidata)
        rc = puts_(b, ",\"wikidata\":") || put_cstr(b, t->wikidata);
    return rc || puts_(b, "}");
}

static int write_dateline(const feit_result *r, const feit_dateline *dl, feit_buf *b)
{
    int rc = puts_(b, "{\"agencies\":[");
    for (uint32_t a = 0; a < dl->nagencies && !rc; a++)
        rc = (a && puts_(b, ",")) || put_str(b, r->text + dl->agency_start[a], dl->agency_end[a] - dl->agency_start[a]);
    rc = rc || putf(b, "],\"end\":%u,\"place\":", dl->end);
    if (!rc)
        rc = dl->place ? put_cstr(b, dl->place) : put_str(b, r->text + dl->place_start, dl->place_end - dl->place_start);
    return rc || putf(b, ",\"start\":%u}", dl->start);
}

int feit_result_write(const feit_result *r, feit_emit mode, const char *meta_json, feit_buf *b)
{
    int rc = 0;
    char datebuf[64];
    const char *date = (mode & ~FEIT_EMIT_WITH_TEXT) != FEIT_EMIT_ENTITIES && r->ntriples && meta_date(meta_json, datebuf, sizeof datebuf) ? datebuf : NULL;
    int with_text = (mode & FEIT_EMIT_WITH_TEXT) != 0;
    switch ((feit_emit)(mode & ~FEIT_EMIT_WITH_TEXT)) {
    case FEIT_EMIT_ENTITIES:
        for (size_t i = 0; i < r->nentities && !rc; i++)
            rc = write_entity(r, &r->entities[i], b) || puts_(b, "\n");
        break;
    case FEIT_EMIT_TRIPLES:
        for (size_t i = 0; i < r->ntriples && !rc; i++)
            rc = write_triple(r, &r->triples[i], date, b) || puts_(b, "\n");
        break;
    case FEIT_EMIT_DOCUMENTS:
        rc = puts_(b, "{\"datelines\":[");
        for (size_t i = 0; i < r->ndatelines && !rc; i++)
            rc = (i && puts_(b, ",")) || write_dateline(r, &r->datelines[i], b);
        rc = rc || puts_(b, "],\"doc\":") || put_cstr(b, r->doc) || puts_(b, ",\"entities\":[");
        for (size_t i = 0; i < r->nentities && !rc; i++)
            rc = (i && puts_(b, ",")) || write_entity(r, &r->entities[i], b);
        rc = rc || puts_(b, "],\"meta\":") || puts_(b, meta_json ? meta_json : "{}") ||
             putf(b, ",\"sentences\":%zu", r->nsentences);
        if (!rc && with_text)
            rc = puts_(b, ",\"text\":") || put_str(b, r->text, r->len);
        rc = rc || puts_(b, ",\"triples\":[");
        for (size_t i = 0; i < r->ntriples && !rc; i++)
            rc = (i && puts_(b, ",")) || write_triple(r, &r->triples[i], date, b);
        rc = rc || puts_(b, "]}\n");
        break;
    default:
        break;
    }
    return rc ? FEIT_ENOMEM : 0;
}

void feit_buf_free(feit_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
