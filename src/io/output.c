/* output.c — JSON Lines records of a result (SPEC): keys written in sorted order by hand
 * rather than through a JSON tree, because this runs once per entity of every document.
 * Strings are escaped per RFC 8259; invalid UTF-8 in the text becomes U+FFFD, so every line
 * is valid JSON whatever the input bytes were. */
#include "feit.h"

#include "core/utf8.h"
#include "io/jsonbytes.h"

#include <jansson.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

#ifdef __SSE2__
/* The 16 bytes at s copied to o; returns how many of them, from the first, need no more than
 * the copy. */
static inline unsigned plain16(const char *s, char *o)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    _mm_storeu_si128((__m128i *)(void *)o, v);
    unsigned m = json_special16(v);
    return m ? (unsigned)__builtin_ctz(m) : 16;
}

/* The last n - i (under sixteen) bytes of s[0..n), n >= 16, when the last sixteen are all
 * plain: stored with those before them to end at o + (n - i), where o is the end of what
 * s[0..i) was written as (plain bytes are copied one for one, so the ones before i are
 * written over with themselves). Returns 0, storing nothing, when one needs more. */
static inline int plain_tail(const char *s, size_t n, size_t i, char *o)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
    if (json_special16(v))
        return 0;
    _mm_storeu_si128((__m128i *)(void *)(o + (n - i) - 16), v);
    return 1;
}
#endif

/* s[0..n) at o, returning the end: for a few bytes (a name, a number's digits, a short plain
 * string) two overlapping copies of a fixed size, which the compiler makes moves, where
 * memcpy of a length it does not know is a call. */
static inline char *short_at(char *o, const char *s, size_t n)
{
    if (n >= 8 && n <= 16) {
        memcpy(o, s, 8), memcpy(o + n - 8, s + n - 8, 8);
    } else if (n >= 4 && n < 8) {
        memcpy(o, s, 4), memcpy(o + n - 4, s + n - 4, 4);
    } else if (n > 0 && n < 4) { /* (bytes 0, n / 2 and n - 1 are every byte of 1 to 3) */
        o[0] = s[0], o[n / 2] = s[n / 2], o[n - 1] = s[n - 1];
    } else if (n > 16) {
        memcpy(o, s, n);
    }
    return o + n;
}

/* A JSON string of s[0..n) written at o, which has room for str_room(n) bytes; returns the
 * end. Runs of plain bytes are copied sixteen (SSE2) or eight at a time: the room (six bytes
 * a byte) holds a whole block wherever one is read. */
static size_t str_room(size_t n) { return n * 6 + 2; }
static char *str_at(char *o, const char *s, size_t n)
{
    *o++ = '"';
    /* a name, an id, a word: its first and last eight (four) bytes tested together */
    int plain = 0;
    if (n >= 8 && n <= 16) {
        uint64_t a, z;
        memcpy(&a, s, 8), memcpy(&z, s + n - 8, 8);
        plain = !json_special8(a) && !json_special8(z);
    } else if (n >= 4 && n < 8) {
        uint32_t a, z;
        memcpy(&a, s, 4), memcpy(&z, s + n - 4, 4);
        plain = !json_special8(a | (uint64_t)z << 32);
    }
    if (plain) {
        o = short_at(o, s, n);
        *o++ = '"';
        return o;
    }
    for (size_t i = 0; i < n;) {
#ifdef __SSE2__
        if (n - i >= 16) {
            unsigned run = plain16(s + i, o);
            o += run, i += run;
            if (run == 16)
                continue;
        } else if (n >= 16 && plain_tail(s, n, i, o)) {
            o += n - i, i = n;
            continue;
        }
#endif
        if (n - i >= 8) { /* (after a short run of sixteen its first byte is special: no copy) */
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!json_special8(w)) {
                memcpy(o, &w, 8);
                o += 8, i += 8;
                continue;
            }
        }
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
            default: /* \u00XX, as "%04x" writes it */
                memcpy(o, "u00", 3), o[3] = "0123456789abcdef"[c >> 4], o[4] = "0123456789abcdef"[c & 15];
                o += 5;
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
    return o;
}

static int put_str(feit_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, str_room(n)))
        return FEIT_ENOMEM;
    b->len = (size_t)(str_at(b->data + b->len, s, n) - b->data);
    return 0;
}

static int put_cstr(feit_buf *b, const char *s) { return put_str(b, s, strlen(s)); }

/* A string literal written at o (its length known when compiled: a few stores, no call) */
#define LIT_AT(o, s) (memcpy((o), (s), sizeof(s) - 1), (o) + sizeof(s) - 1)

/* The decimal digits of v at o (what "%llu" writes; vsnprintf costs a thousand instructions
 * a number, and a record has several); at most 20 bytes. Returns the end. */
static char *uint_at(char *o, unsigned long long v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    char d[20], *p = d + sizeof d;
    for (; v >= 100; v /= 100) /* (two digits a division) */
        p -= 2, memcpy(p, pairs + 2 * (v % 100), 2);
    if (v >= 10)
        p -= 2, memcpy(p, pairs + 2 * v, 2);
    else
        *--p = (char)('0' + v);
    return short_at(o, p, (size_t)(d + sizeof d - p));
}

static int put_uint(feit_buf *b, unsigned long long v)
{
    if (buf_reserve(b, 20))
        return FEIT_ENOMEM;
    b->len = (size_t)(uint_at(b->data + b->len, v) - b->data);
    return 0;
}

/* s, then the digits of v */
static int put_key_uint(feit_buf *b, const char *s, unsigned long long v) { return puts_(b, s) || put_uint(b, v); }

/* A confidence at o, two decimals at most, no trailing zeros: 0.9, 0.85, 0.05, 1; at most 4
 * bytes. Returns the end. */
static char *conf_at(char *o, float c)
{
    long v = (long)(c * 100.0f + 0.5f);
    if (v >= 100)
        return LIT_AT(o, "1");
    if (v <= 0)
        return LIT_AT(o, "0");
    o[0] = '0', o[1] = '.', o[2] = (char)('0' + v / 10), o[3] = (char)('0' + v % 10);
    return o + (v % 10 ? 4 : 3);
}

/* The end of a plain string at p[i] == '"' (no escapes, no control characters, valid
 * UTF-8) in p[0..n), or 0: its runs of ASCII found sixteen bytes a step, a character of
 * 0x80 and up checked where it comes. */
static size_t plain_string(const char *p, size_t i, size_t n)
{
    size_t j = i + 1;
    for (;;) {
        j += json_plain_len(p + j, n - j);
        if (j >= n)
            return 0;
        if (p[j] == '"')
            return j + 1;
        if ((unsigned char)p[j] < 0x80)
            return 0; /* '\\' or a control character */
        int len; /* (a continuation byte is no '"': a sequence cut by the quote is invalid) */
        if (utf8_decode(p + j, n - j, &len) == UTF8_INVALID && len == 1)
            return 0;
        j += (size_t)len;
    }
}

/* The end of a plain scalar at p[i]: an integer -?(0|[1-9][0-9]*) of at most 18 digits (an
 * int64 to jansson), true, false or null; 0 for anything else. */
static size_t plain_scalar(const char *p, size_t i)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++)
        if (!strncmp(p + i, words[k], strlen(words[k])))
            return i + strlen(words[k]);
    size_t d = i + (p[i] == '-'), j = d;
    while (p[j] >= '0' && p[j] <= '9')
        j++;
    return j > d && j - d <= 18 && !(p[d] == '0' && j - d > 1) ? j : 0;
}

/* The "date" and "published" members of meta (p[0..n), a NUL at p[n]) when it is a flat,
 * compact object of plain members (what the reader makes of a usual archive line: `{"date":"2024-06-13","id":7}`):
 * then it is valid JSON and jansson would read the same, the last of repeated keys winning.
 * Each value is set to its string's body [at, at + len) or left NULL (absent, or not a
 * string). Returns 0 when meta is not of that shape (the caller asks jansson). */
typedef struct meta_str {
    const char *at;
    size_t len;
} meta_str;
static int flat_meta(const char *p, size_t n, meta_str *date, meta_str *published)
{
    *date = *published = (meta_str){NULL, 0}; /* (the caller reads len of the one it takes) */
    if (p[0] != '{')
        return 0;
    size_t i = 1;
    if (p[i] == '}')
        return p[i + 1] == '\0';
    for (;;) {
        size_t ks = i, ke = p[i] == '"' ? plain_string(p, i, n) : 0;
        if (!ke || p[ke] != ':')
            return 0;
        size_t vs = ke + 1, ve = p[vs] == '"' ? plain_string(p, vs, n) : plain_scalar(p, vs);
        if (!ve)
            return 0;
        meta_str *slot = ke - ks == 6 && !memcmp(p + ks, "\"date\"", 6)        ? date
                         : ke - ks == 11 && !memcmp(p + ks, "\"published\"", 11) ? published
                                                                                : NULL;
        if (slot)
            *slot = p[vs] == '"' ? (meta_str){p + vs + 1, ve - vs - 2} : (meta_str){NULL, 0};
        if (p[ve] == '}')
            return p[ve + 1] == '\0';
        if (p[ve] != ',')
            return 0;
        i = ve + 1;
    }
}

/* The document's date from its meta ("date" or "published", a string; an ISO date or
 * timestamp gives its first ten characters), into out; 0 when there is none. The usual flat
 * meta is read by flat_meta, any other through jansson. */
static int meta_date(const char *meta, char *out, size_t cap)
{
    if (!meta || !strcmp(meta, "{}"))
        return 0;
    meta_str date, published;
    json_t *o = NULL;
    const char *s = NULL;
    size_t n = 0;
    if (flat_meta(meta, strlen(meta), &date, &published)) {
        const meta_str *v = date.at ? &date : &published;
        s = v->at, n = v->len;
    } else {
        o = json_loads(meta, 0, NULL);
        const json_t *v = json_object_get(o, "date");
        if (!json_is_string(v))
            v = json_object_get(o, "published");
        if (json_is_string(v))
            s = json_string_value(v), n = json_string_length(v);
    }
    int ok = 0;
    if (s && n > 0) {
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

static size_t len_or_0(const char *s) { return s ? strlen(s) : 0; }


/* The keys and punctuation of a triple or an entity (under 256 bytes), its numbers (an entity's
 * five: 100) and the quotes of its strings (a triple's eleven: 22) fit in this; the strings'
 * own room is added to it. */
#define RECORD_ROOM 512

/* A triple's record in room reserved once for all of it (its strings measured first), its
 * keys written as literals: not a test of the room, a strlen and a call of memcpy for each of
 * its thirty-odd pieces. ldoc: strlen(r->doc), measured once for the document's records. */
static int write_triple(const feit_result *r, const feit_triple *t, const char *date, size_t ldoc, feit_buf *b)
{
    const char *rule = t->rule ? t->rule : "";
    const char *otype = feit_type_name(t->object.type), *stype = feit_type_name(t->subject.type), *time = feit_time_name(t->time);
    size_t ldate = len_or_0(date), lev = t->ev_end - t->ev_start, lobj = strlen(t->object.canonical),
           lokb = len_or_0(t->object.kb), lotype = strlen(otype), lpred = strlen(t->predicate), lqual = len_or_0(t->qualifier),
           lrule = strlen(rule), lsubj = strlen(t->subject.canonical), lskb = len_or_0(t->subject.kb), lstype = strlen(stype),
           ltime = strlen(time), lwd = len_or_0(t->wikidata);
    size_t strings = ldate + ldoc + lev + lobj + lokb + lpred + lqual + lrule + lsubj + lskb + lwd;
    if (buf_reserve(b, RECORD_ROOM + str_room(strings) + lotype + lstype + ltime))
        return FEIT_ENOMEM;
    char *o = b->data + b->len;
    o = LIT_AT(o, "{\"confidence\":");
    o = conf_at(o, t->confidence);
    o = LIT_AT(o, ",\"count\":");
    o = uint_at(o, t->count ? t->count : 1);
    if (date) {
        o = LIT_AT(o, ",\"date\":");
        o = str_at(o, date, ldate);
    }
    o = LIT_AT(o, ",\"doc\":");
    o = str_at(o, r->doc, ldoc);
    o = LIT_AT(o, ",\"evidence\":");
    o = str_at(o, r->text + t->ev_start, lev);
    o = LIT_AT(o, ",\"object\":");
    o = str_at(o, t->object.canonical, lobj);
    if (t->object.kb) {
        o = LIT_AT(o, ",\"object_kb\":");
        o = str_at(o, t->object.kb, lokb);
    }
    o = LIT_AT(o, ",\"object_type\":\"");
    o = short_at(o, otype, lotype);
    o = LIT_AT(o, "\",\"predicate\":");
    o = str_at(o, t->predicate, lpred);
    if (t->qualifier) {
        o = LIT_AT(o, ",\"qualifier\":");
        o = str_at(o, t->qualifier, lqual);
    }
    o = LIT_AT(o, ",\"rule\":");
    o = str_at(o, rule, lrule);
    o = LIT_AT(o, ",\"sentence\":");
    o = uint_at(o, t->sentence);
    o = LIT_AT(o, ",\"subject\":");
    o = str_at(o, t->subject.canonical, lsubj);
    if (t->subject.kb) {
        o = LIT_AT(o, ",\"subject_kb\":");
        o = str_at(o, t->subject.kb, lskb);
    }
    o = LIT_AT(o, ",\"subject_type\":\"");
    o = short_at(o, stype, lstype);
    o = LIT_AT(o, "\",\"time\":\"");
    o = short_at(o, time, ltime);
    o = LIT_AT(o, "\"");
    if (t->wikidata) {
        o = LIT_AT(o, ",\"wikidata\":");
        o = str_at(o, t->wikidata, lwd);
    }
    o = LIT_AT(o, "}");
    b->len = (size_t)(o - b->data);
    return 0;
}

/* An entity's record, written as write_triple writes a triple's (above); ldoc: strlen(r->doc),
 * measured once for the document's records. */
static int write_entity(const feit_result *r, const feit_entity *e, size_t ldoc, feit_buf *b)
{
    const char *canonical = e->canonical ? e->canonical : "", *form = feit_form_name(e->form),
               *source = feit_source_name(e->source), *type = feit_type_name(e->type);
    size_t lcan = strlen(canonical), lkb = len_or_0(e->kb), ltext = e->end - e->start, lform = strlen(form),
           lsource = strlen(source), ltype = strlen(type);
    if (buf_reserve(b, RECORD_ROOM + str_room(lcan + ldoc + lkb + ltext) + lform + lsource + ltype))
        return FEIT_ENOMEM;
    char *o = b->data + b->len;
    if (e->antecedent >= 0) {
        o = LIT_AT(o, "{\"antecedent\":");
        o = uint_at(o, (unsigned long long)e->antecedent);
        o = LIT_AT(o, ",\"canonical\":");
    } else {
        o = LIT_AT(o, "{\"canonical\":");
    }
    o = str_at(o, canonical, lcan);
    o = LIT_AT(o, ",\"doc\":");
    o = str_at(o, r->doc, ldoc);
    o = LIT_AT(o, ",\"end\":");
    o = uint_at(o, e->end);
    o = LIT_AT(o, ",\"form\":\"");
    o = short_at(o, form, lform);
    o = LIT_AT(o, "\"");
    if (e->kb) {
        o = LIT_AT(o, ",\"kb\":");
        o = str_at(o, e->kb, lkb);
    }
    o = LIT_AT(o, ",\"sentence\":");
    o = uint_at(o, e->sentence);
    o = LIT_AT(o, ",\"source\":\"");
    o = short_at(o, source, lsource);
    o = LIT_AT(o, "\",\"start\":");
    o = uint_at(o, e->start);
    o = LIT_AT(o, ",\"text\":");
    o = str_at(o, r->text + e->start, ltext);
    o = LIT_AT(o, ",\"type\":\"");
    o = short_at(o, type, ltype);
    o = LIT_AT(o, "\"}");
    b->len = (size_t)(o - b->data);
    return 0;
}

static int write_dateline(const feit_result *r, const feit_dateline *dl, feit_buf *b)
{
    int rc = puts_(b, "{\"agencies\":[");
    for (uint32_t a = 0; a < dl->nagencies && !rc; a++)
        rc = (a && puts_(b, ",")) || put_str(b, r->text + dl->agency_start[a], dl->agency_end[a] - dl->agency_start[a]);
    rc = rc || put_key_uint(b, "],\"end\":", dl->end) || puts_(b, ",\"place\":");
    if (!rc)
        rc = dl->place ? put_cstr(b, dl->place) : put_str(b, r->text + dl->place_start, dl->place_end - dl->place_start);
    return rc || put_key_uint(b, ",\"start\":", dl->start) || puts_(b, "}");
}

int feit_result_write(const feit_result *r, feit_emit mode, const char *meta_json, feit_buf *b)
{
    int rc = 0;
    char datebuf[64];
    const char *date = (mode & ~FEIT_EMIT_WITH_TEXT) != FEIT_EMIT_ENTITIES && r->ntriples && meta_date(meta_json, datebuf, sizeof datebuf) ? datebuf : NULL;
    int with_text = (mode & FEIT_EMIT_WITH_TEXT) != 0;
    size_t ldoc = strlen(r->doc);
    switch ((feit_emit)(mode & ~FEIT_EMIT_WITH_TEXT)) {
    case FEIT_EMIT_ENTITIES:
        for (size_t i = 0; i < r->nentities && !rc; i++)
            rc = write_entity(r, &r->entities[i], ldoc, b) || puts_(b, "\n");
        break;
    case FEIT_EMIT_TRIPLES:
        for (size_t i = 0; i < r->ntriples && !rc; i++)
            rc = write_triple(r, &r->triples[i], date, ldoc, b) || puts_(b, "\n");
        break;
    case FEIT_EMIT_DOCUMENTS:
        rc = puts_(b, "{\"datelines\":[");
        for (size_t i = 0; i < r->ndatelines && !rc; i++)
            rc = (i && puts_(b, ",")) || write_dateline(r, &r->datelines[i], b);
        rc = rc || puts_(b, "],\"doc\":") || put_cstr(b, r->doc) || puts_(b, ",\"entities\":[");
        for (size_t i = 0; i < r->nentities && !rc; i++)
            rc = (i && puts_(b, ",")) || write_entity(r, &r->entities[i], ldoc, b);
        rc = rc || puts_(b, "],\"meta\":") || puts_(b, meta_json ? meta_json : "{}") ||
             put_key_uint(b, ",\"sentences\":", r->nsentences);
        if (!rc && with_text)
            rc = puts_(b, ",\"text\":") || put_str(b, r->text, r->len);
        rc = rc || puts_(b, ",\"triples\":[");
        for (size_t i = 0; i < r->ntriples && !rc; i++)
            rc = (i && puts_(b, ",")) || write_triple(r, &r->triples[i], date, ldoc, b);
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
