/* jsonl.c — one line of a JSON Lines archive into a document (see jsonl.h): a fast scan for
 * the usual flat shape, and jansson for everything else and for the wording of errors. */
#include "io/jsonl.h"

#include "core/error.h"

#include "core/utf8.h"
#include "io/jsonbytes.h"

#include <jansson.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the fast path for JSON Lines ----
 * Most archive lines are flat objects with a long "text": building a jansson tree for them
 * decodes and copies the text twice. This scans the top-level object once, decodes "text" and
 * "id" straight into the document, and writes the other members as sorted, compact meta itself
 * when they are plain and in order (jansson does it for the others). Anything unusual (escaped keys, repeated text/id, non-integer ids, invalid
 * UTF-8, a syntax error) returns 0 and the line takes the jansson path, which also words the
 * error messages, so both paths give the same documents and the same errors. */

static size_t fj_ws(const char *p, size_t i, size_t n)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i;
}

/* What the one-byte escapes \" \\ \/ \b \f \n \r \t stand for, by their second byte (0:
 * none of them; \u is fj_escape's). */
static const char fj_unescaped[128] = {
    ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b', ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
};

/* How a string is written (fj_string's *how). */
enum { FJ_ESC = 1,       /* it has escapes */
       FJ_NOT_UTF8 = 2,  /* its bytes are no valid UTF-8 (not asked of one with FJ_ESC_OTHER) */
       FJ_ESC_OTHER = 4, /* an escape jansson's output does not write back as it is (\/, \u, a
                            bad one): \" \\ \b \f \n \r \t it writes so */
};

/* p[i] == '"': the index after the closing quote, or 0 (a control character, or no end). *how:
 * FJ_ESC, FJ_NOT_UTF8. A character of 0x80 and up is checked where the scan meets it, so a
 * member of the meta needs no second pass of utf8_valid. */
static size_t fj_string(const char *p, size_t i, size_t n, int *how)
{
    *how = 0;
    for (size_t j = i + 1; j < n;) {
        j += json_plain_len(p + j, n - j);
        if (j >= n)
            break;
        unsigned char c = (unsigned char)p[j];
        if (c == '"')
            return j + 1;
        if (c == '\\') {
            unsigned char e = j + 1 < n ? (unsigned char)p[j + 1] : 0;
            *how |= e < 0x80 && fj_unescaped[e] && e != '/' ? FJ_ESC : FJ_ESC | FJ_ESC_OTHER;
            j += 2;
        } else if (c < 0x20) {
            return 0;
        } else if (c < 0x80) {
            j++;
        } else { /* (a sequence cut by the closing quote is cut here too: '"' continues none) */
            int len;
            if (utf8_decode(p + j, n - j, &len) == UTF8_INVALID && len == 1)
                *how |= FJ_NOT_UTF8;
            j += (size_t)len;
        }
    }
    return 0;
}

/* Any JSON value at i (checked loosely: jansson checks meta values again). */
static size_t fj_value(const char *p, size_t i, size_t n)
{
    int esc, depth = 0;
    do {
        if (i >= n)
            return 0;
        char c = p[i];
        if (c == '"') {
            if (!(i = fj_string(p, i, n, &esc)))
                return 0;
        } else if (c == '{' || c == '[') {
            depth++, i++;
        } else if (c == '}' || c == ']') {
            if (!depth--)
                return 0;
            i++;
        } else if (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!depth)
                return 0;
            i++;
        } else {
            size_t j = i;
            while (j < n && !strchr(",}] \t\r\n", p[j]))
                j++;
            if (j == i)
                return 0;
            i = j;
        }
    } while (depth);
    return i;
}

static int fj_hex(const char *p, uint32_t *v)
{
    *v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        *v <<= 4;
        if (c >= '0' && c <= '9') *v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') *v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') *v |= (uint32_t)(c - 'A' + 10);
        else return 0;
    }
    return 1;
}

/* The escape at s[*i] == '\\' (s[0..n) holds it) decoded to *q; *i is left on its last byte.
 * 0: a bad escape. (A string's closing quote is no hex digit, so n may be the line's end.) */
static int fj_escape(const char *s, size_t n, size_t *i_, char **q_)
{
    size_t i = *i_;
    char *q = *q_;
    if (++i >= n)
        return 0;
    switch (s[i]) {
    case '"': *q++ = '"'; break;
    case '\\': *q++ = '\\'; break;
    case '/': *q++ = '/'; break;
    case 'b': *q++ = '\b'; break;
    case 'f': *q++ = '\f'; break;
    case 'n': *q++ = '\n'; break;
    case 'r': *q++ = '\r'; break;
    case 't': *q++ = '\t'; break;
    case 'u': {
        uint32_t cp, lo;
        if (i + 4 >= n || !fj_hex(s + i + 1, &cp))
            return 0;
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 6 >= n || s[i + 1] != '\\' || s[i + 2] != 'u' || !fj_hex(s + i + 3, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                return 0;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return 0;
        }
        if (cp < 0x80) {
            *q++ = (char)cp;
        } else if (cp < 0x800) {
            *q++ = (char)(0xC0 | (cp >> 6)), *q++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *q++ = (char)(0xE0 | (cp >> 12)), *q++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *q++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *q++ = (char)(0xF0 | (cp >> 18)), *q++ = (char)(0x80 | ((cp >> 12) & 0x3F));
            *q++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *q++ = (char)(0x80 | (cp & 0x3F));
        }
        break;
    }
    default:
        return 0;
    }
    *i_ = i, *q_ = q;
    return 1;
}

/* Decodes the string body s[0..n) (between the quotes) into a new NUL-terminated buffer; NULL
 * for a bad string, or when out of memory (*oom set: the line must not go to jansson, whose
 * parser mishandles running out of memory). */
static char *fj_decode(const char *s, size_t n, size_t *out_len, int *oom)
{
    if (!utf8_valid(s, n))
        return NULL;
    char *o = malloc(n + 1), *q = o;
    if (!o) {
        *oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') { /* the run up to the next escape in one copy */
            const char *bs = memchr(s + i, '\\', n - i);
            size_t run = bs ? (size_t)(bs - (s + i)) : n - i;
            memcpy(q, s + i, run);
            q += run, i += run - 1;
            continue;
        }
        if (!fj_escape(s, n, &i, &q)) {
            free(o);
            return NULL;
        }
    }
    *q = '\0';
    *out_len = (size_t)(q - o);
    return o;
}

#ifdef JSON_AVX2
/* How many bytes of s[0..n), from the first, need no more than a copy, copied to o 32 a step
 * while 32 are left: it stops at the first special byte (json_special32) or where fewer than 32
 * are left. A build of its own for CPUs with AVX2 (one test and store a step where SSE2 takes
 * two of each, with copies of the registers its two-operand forms overwrite). */
__attribute__((target("avx2"))) static size_t fj_copy_avx2(const char *s, size_t n, char *o)
{
    size_t j = 0;
    for (; j + 32 <= n; j += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + j));
        _mm256_storeu_si256((__m256i *)(void *)(o + j), v);
        unsigned m = json_special32(v);
        if (m)
            return j + (size_t)__builtin_ctz(m);
    }
    return j;
}
#endif

/* The string at p[i] == '"' decoded into o in the same pass that finds its end, checks its
 * UTF-8 and rejects its control characters (the text, most of every line: one pass over its
 * bytes, not fj_string's, utf8_valid's and the copy's). o has room for n - i bytes (the body
 * and its NUL fit: the 16-byte stores of plain bytes stay behind the bytes read). Returns the
 * index after the closing quote and the decoded length in *out_len, or 0 for a bad string
 * (what fj_string or fj_decode reject). */
static size_t fj_text(const char *p, size_t i, size_t n, char *o, size_t *out_len, int avx2)
{
    char *q = o;
    size_t j = i + 1;
    (void)avx2;
    for (;;) {
#ifdef JSON_AVX2
        if (avx2) {
            size_t k = fj_copy_avx2(p + j, n - j, q);
            j += k, q += k;
            if (j + 32 <= n)
                goto special;
        }
#endif
#ifdef __SSE2__
        /* plain ASCII bytes are stored as they are tested, 32 a step (a run between two special
         * bytes of news text is some 50 bytes: one test of both halves, where the bits are
         * needed only at the run's end) */
        while (j + 32 <= n) {
            __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + j + 16));
            _mm_storeu_si128((__m128i *)(void *)q, a);
            _mm_storeu_si128((__m128i *)(void *)(q + 16), b);
            __m128i ha = json_special_bytes(a), hb = json_special_bytes(b);
            if (_mm_movemask_epi8(_mm_or_si128(ha, hb))) {
                unsigned m = (unsigned)_mm_movemask_epi8(ha) | (unsigned)_mm_movemask_epi8(hb) << 16;
                size_t k = (size_t)__builtin_ctz(m);
                j += k, q += k;
                goto special;
            }
            j += 32, q += 32;
        }
        while (j + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
            _mm_storeu_si128((__m128i *)(void *)q, v);
            unsigned m = (unsigned)_mm_movemask_epi8(json_special_bytes(v));
            if (m) {
                size_t k = (size_t)__builtin_ctz(m);
                j += k, q += k;
                break;
            }
            j += 16, q += 16;
        }
    special:
#endif
        if (j >= n)
            return 0;
        unsigned char c = (unsigned char)p[j];
        if (c == '"') {
            *q = '\0';
            *out_len = (size_t)(q - o);
            return j + 1;
        }
        if (c < 0x20) {
            return 0;
        } else if (c == '\\') {
            unsigned char e = j + 1 < n ? (unsigned char)p[j + 1] : 0;
            if (e < 0x80 && fj_unescaped[e]) {
                *q++ = fj_unescaped[e], j += 2;
            } else { /* (through copies: j and q whose address is taken live in memory) */
                size_t at = j;
                char *to = q;
                if (!fj_escape(p, n, &at, &to))
                    return 0;
                j = at + 1, q = to;
            }
        } else if (c < 0x80) {
            *q++ = (char)c, j++;
        } else { /* (a sequence cut by the closing quote is cut here too: '"' continues none) */
            int len;
            if (utf8_decode(p + j, n - j, &len) == UTF8_INVALID && len == 1)
                return 0;
            for (int k = 0; k < len; k++)
                q[k] = p[j + k];
            q += len, j += (size_t)len;
        }
    }
}

/* The meta members of a line, as slices of it. */
#define FJ_MEMBERS 16
typedef struct fj_member {
    size_t ks, ke; /* the key with its quotes */
    size_t vs, ve; /* the value */
    int how;       /* a string value's FJ_ESC, FJ_NOT_UTF8 */
    int key_utf8;  /* the key is valid UTF-8 */
} fj_member;

/* Is p[vs, ve) an integer written plainly, -?(0|[1-9][0-9]*), of at most 18 digits (so that
 * it fits an int64 as jansson reads it)? */
static int fj_int(const char *p, size_t vs, size_t ve)
{
    size_t d0 = vs + (p[vs] == '-'), nd = ve - d0;
    if (nd == 0 || nd > 18 || (nd > 1 && p[d0] == '0'))
        return 0;
    for (size_t k = d0; k < ve; k++)
        if (p[k] < '0' || p[k] > '9')
            return 0;
    return 1;
}

/* Is the value p[vs, ve) written as jansson's compact output writes it? A string of valid
 * UTF-8 (no control characters: fj_string checked those) whose escapes are only those jansson
 * writes back as they are (a title with \"...\": one record in 170 of a news archive, which
 * cost a jansson parse and dump of its meta), an integer without leading zeros that fits in
 * 18 digits, true, false, null. */
static int fj_plain(const char *p, const fj_member *m)
{
    size_t vs = m->vs, ve = m->ve;
    if (p[vs] == '"')
        return !(m->how & (FJ_ESC_OTHER | FJ_NOT_UTF8));
    if (fj_int(p, vs, ve)) /* (jansson writes -0 as 0) */
        return !(ve - vs == 2 && p[vs] == '-');
    return (ve - vs == 4 && (!memcmp(p + vs, "true", 4) || !memcmp(p + vs, "null", 4))) ||
           (ve - vs == 5 && !memcmp(p + vs, "false", 5));
}

/* The compact, key-sorted object of the meta members (what json_dumps gives with
 * JSON_COMPACT | JSON_SORT_KEYS), built directly when every value is plain and the keys come
 * in strictly ascending order (the usual archive line); else jansson builds it. NULL: out of
 * memory (*bad 0), or a value jansson rejects (*bad set). */
static char *fj_meta(const char *p, const fj_member *m, size_t nm, int *bad)
{
    *bad = 0;
    int direct = 1;
    for (size_t k = 0; k < nm && direct; k++) {
        /* (a key with invalid UTF-8 is an error jansson words) */
        direct = fj_plain(p, &m[k]) && m[k].key_utf8;
        if (direct && k > 0) { /* keys have no escapes: byte order is jansson's order */
            size_t a = m[k - 1].ke - m[k - 1].ks - 2, b = m[k].ke - m[k].ks - 2;
            int c = memcmp(p + m[k - 1].ks + 1, p + m[k].ks + 1, a < b ? a : b);
            direct = c < 0 || (c == 0 && a < b);
        }
    }
    size_t len = 2;
    for (size_t k = 0; k < nm; k++)
        len += (m[k].ke - m[k].ks) + (m[k].ve - m[k].vs) + 2;
    char *out = malloc(len + 1), *q = out;
    if (!out)
        return NULL;
    *q++ = '{';
    for (size_t k = 0; k < nm; k++) {
        if (k)
            *q++ = ',';
        memcpy(q, p + m[k].ks, m[k].ke - m[k].ks), q += m[k].ke - m[k].ks;
        *q++ = ':';
        memcpy(q, p + m[k].vs, m[k].ve - m[k].vs), q += m[k].ve - m[k].vs;
    }
    *q++ = '}';
    *q = '\0';
    if (direct)
        return out;
    json_error_t je;
    json_t *o = json_loadb(out, (size_t)(q - out), JSON_ALLOW_NUL, &je);
    free(out);
    if (!o) {
        *bad = json_error_code(&je) != json_error_out_of_memory;
        return NULL;
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s;
}

/* Whether fj_text may use fj_copy_avx2. */
static int fj_avx2(void)
{
#ifdef JSON_AVX2
    return __builtin_cpu_supports("avx2");
#else
    return 0;
#endif
}

static int fast_jsonl(const char *p, size_t n, const char *where, const char *default_id, size_t max_doc, feit_input_doc *doc)
{
    size_t i = fj_ws(p, 0, n), id_at = 0, id_end = 0;
    int esc, id_is_str = 0, id_esc = 0, id_utf8 = 0, id_null = 0, oom = 0;
    fj_member mem[FJ_MEMBERS];
    size_t nmem = 0;
    int rc = 0;
    if (i >= n || p[i] != '{')
        return 0;
    i = fj_ws(p, i + 1, n);
    if (i < n && p[i] == '}')
        return 0; /* {}: no text, let jansson say so */
    for (;;) {
        if (i >= n || p[i] != '"')
            goto out;
        size_t ks = i, ke = fj_string(p, i, n, &esc);
        if (!ke || esc & FJ_ESC)
            goto out;
        i = fj_ws(p, ke, n);
        if (i >= n || p[i] != ':')
            goto out;
        size_t vs = fj_ws(p, i + 1, n), ve, klen = ke - ks - 2;
        int vesc = 0; /* a string value is scanned once: its end, its escapes, its UTF-8 */
        int is_text = klen == 4 && !memcmp(p + ks + 1, "text", 4);
        if (is_text) { /* decoded as it is scanned */
            if (doc->text || vs >= n || p[vs] != '"')
                goto out;
            /* out of memory from here on is FEIT_ENOMEM, never the jansson path (its parser's
             * handling of a failed allocation is broken upstream: it aborted runs under a memory
             * limit, and reported good lines as invalid JSON) */
            if (!(doc->text = malloc(n - vs))) {
                rc = FEIT_ENOMEM;
                goto out;
            }
            ve = fj_text(p, vs, n, doc->text, &doc->len, fj_avx2());
        } else {
            ve = vs < n && p[vs] == '"' ? fj_string(p, vs, n, &vesc) : fj_value(p, vs, n);
        }
        if (!ve)
            goto out;
        if (is_text) {
            /* (decoded above) */
        } else if (klen == 2 && !memcmp(p + ks + 1, "id", 2)) {
            if (id_at || id_null)
                goto out;
            id_at = vs, id_end = ve;
            if (ve - vs == 4 && !memcmp(p + vs, "null", 4)) {
                id_at = 0; /* "id": null is no id: the default one (a second "id" is still seen) */
                id_null = 1;
            } else if (p[vs] == '"') {
                id_is_str = 1, id_at++, id_end--;
                id_esc = vesc & FJ_ESC, id_utf8 = !(vesc & FJ_NOT_UTF8);
            } else if (!fj_int(p, vs, ve)) {
                goto out;
            }
        } else { /* a meta member */
            if (nmem == FJ_MEMBERS)
                goto out; /* many members: the jansson path */
            mem[nmem++] = (fj_member){ks, ke, vs, ve, vesc, !(esc & FJ_NOT_UTF8)};
        }
        i = fj_ws(p, ve, n);
        if (i < n && p[i] == ',') {
            i = fj_ws(p, i + 1, n);
            continue;
        }
        if (i < n && p[i] == '}')
            break;
        goto out;
    }
    /* a text longer than max_doc, or a bad one: the jansson path words it */
    if (fj_ws(p, i + 1, n) != n || !doc->text || doc->len > max_doc)
        goto out;
    if (!(doc->where = strdup(where))) {
        rc = FEIT_ENOMEM;
        goto out;
    }
    if (!id_at) {
        doc->id = strdup(default_id ? default_id : doc->where);
    } else if (id_is_str) {
        size_t il;
        doc->id = id_esc ? fj_decode(p + id_at, id_end - id_at, &il, &oom) : NULL;
        if (!id_esc && id_utf8 && !(doc->id = strndup(p + id_at, id_end - id_at)))
            oom = 1;
        if (!doc->id) {
            if (oom)
                rc = FEIT_ENOMEM;
            goto out;
        }
    } else {
        doc->id = strndup(p + id_at, id_end - id_at);
    }
    if (nmem) {
        int bad;
        doc->meta = fj_meta(p, mem, nmem, &bad);
        if (bad)
            goto out; /* a bad meta value: the jansson path words the error */
    } else {
        doc->meta = strdup("{}");
    }
    rc = doc->id && doc->meta ? 1 : FEIT_ENOMEM;
out:
    if (rc != 1)
        feit_input_doc_free(doc);
    return rc;
}

/* The member at a dotted path ("content.body"), with the objects on the way in up[0..*nup)
 * (up[0] the record itself); NULL when absent. */
#define PATH_MAX_DEPTH 16
static json_t *path_get(json_t *o, const char *path, json_t **up, const char **keys, size_t *nup, char *scratch, size_t cap)
{
    snprintf(scratch, cap, "%s", path);
    *nup = 0;
    char *save = NULL;
    json_t *cur = o;
    for (char *k = strtok_r(scratch, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
        if (!json_is_object(cur) || *nup == PATH_MAX_DEPTH)
            return NULL;
        up[*nup] = cur, keys[(*nup)++] = k;
        cur = json_object_get(cur, k);
        if (!cur)
            return NULL;
    }
    return *nup ? cur : NULL;
}

/* Takes the member at the path out of the record, and the objects it leaves empty. */
static void path_del(json_t *const *up, const char *const *keys, size_t nup)
{
    for (size_t k = nup; k-- > 0;) {
        json_object_del(up[k], keys[k]);
        if (k == 0 || json_object_size(up[k]))
            break;
    }
}

/* "file:line" (line 0: "file") into where[0..cap), cut to cap - 1 bytes as snprintf cuts it:
 * written directly, as snprintf for every record cost a tenth of the reader. */
static void where_of(char *where, size_t cap, const char *file, long line)
{
    char num[24];
    size_t k = sizeof num;
    if (line) {
        unsigned long v = line < 0 ? 0ul - (unsigned long)line : (unsigned long)line;
        do
            num[--k] = (char)('0' + v % 10);
        while (v /= 10);
        if (line < 0)
            num[--k] = '-';
        num[--k] = ':';
    }
    size_t fl = strlen(file), nl = sizeof num - k;
    if (fl > cap - 1)
        fl = cap - 1;
    memcpy(where, file, fl);
    if (nl > cap - 1 - fl)
        nl = cap - 1 - fl;
    memcpy(where + fl, num + k, nl);
    where[fl + nl] = '\0';
}

int jsonl_parse_src(const char *p, size_t n, const jsonl_src *src, feit_input_doc *doc, feit_error *err)
{
    memset(doc, 0, sizeof *doc);
    const char *tf = src->text_field ? src->text_field : "text", *idf = src->id_field ? src->id_field : "id";
    char where[1100];
    where_of(where, sizeof where, src->file, src->line);
    const char *file = src->file;
    long lineno = src->line;
    size_t max_doc = src->max_doc;
    if (!strcmp(tf, "text") && !strcmp(idf, "id")) {
        int fast = fast_jsonl(p, n, where, src->default_id, max_doc, doc);
        if (fast)
            return fast;
    }
    json_error_t je;
    /* JSON_DECODE_ANY: a line holding a bare string or number is "not a JSON object" (clearer) */
    json_t *o = json_loadb(p, n, JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    if (!o && json_error_code(&je) == json_error_out_of_memory)
        return FEIT_ENOMEM; /* not the line's fault */
    if (!o) {
        feit_error_set(err, file, lineno, 0, "invalid JSON at column %d: %s", je.column, je.text);
        return FEIT_ESKIP;
    }
    int rc = FEIT_ESKIP;
    json_t *up_t[PATH_MAX_DEPTH], *up_i[PATH_MAX_DEPTH];
    const char *keys_t[PATH_MAX_DEPTH], *keys_i[PATH_MAX_DEPTH];
    size_t nt = 0, ni = 0;
    char sc_t[256], sc_i[256];
    json_t *text = NULL, *id = NULL;
    if (src->strings && json_is_string(o)) {
        text = o;
    } else if (json_is_object(o)) {
        text = path_get(o, tf, up_t, keys_t, &nt, sc_t, sizeof sc_t);
        id = path_get(o, idf, up_i, keys_i, &ni, sc_i, sizeof sc_i);
    }
    if (!json_is_object(o) && text != o) {
        feit_error_set(err, file, lineno, 0, src->strings ? "neither a JSON object nor a string" : "not a JSON object");
    } else if (!text) {
        feit_error_set(err, file, lineno, 0, "no \"%s\" field", tf);
    } else if (!json_is_string(text)) {
        feit_error_set(err, file, lineno, 0, "\"%s\" is not a string", tf);
    } else if (json_string_length(text) > max_doc) {
        feit_error_set(err, file, lineno, 0, "document larger than the maximum of %zu bytes (--max-doc-bytes): skipped", max_doc);
    } else if (id && !json_is_string(id) && !json_is_integer(id) && !json_is_real(id) && !json_is_null(id)) {
        feit_error_set(err, file, lineno, 0, "\"%s\" is neither a string nor a number", idf);
    } else {
        char idbuf[64];
        const char *ids;
        if (json_is_string(id))
            ids = json_string_value(id);
        else if (json_is_integer(id))
            snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(id)), ids = idbuf;
        else if (json_is_real(id))
            snprintf(idbuf, sizeof idbuf, "%.17g", json_real_value(id)), ids = idbuf;
        else
            ids = src->default_id; /* absent or null */
        doc->where = strdup(where);
        doc->id = strdup(ids ? ids : where);
        doc->len = json_string_length(text);
        doc->text = malloc(doc->len + 1);
        if (doc->text) {
            memcpy(doc->text, json_string_value(text), doc->len);
            doc->text[doc->len] = '\0';
        }
        if (text == o) {
            doc->meta = strdup("{}");
        } else {
            /* the id first: taking the text out may free an object on the id's path */
            if (id)
                path_del(up_i, keys_i, ni);
            if ((text = path_get(o, tf, up_t, keys_t, &nt, sc_t, sizeof sc_t)))
                path_del(up_t, keys_t, nt);
            doc->meta = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        }
        rc = (doc->where && doc->id && doc->text && doc->meta) ? 1 : FEIT_ENOMEM;
        if (rc != 1)
            feit_input_doc_free(doc);
    }
    json_decref(o);
    return rc;
}

int jsonl_parse(const char *line, size_t n, const char *file, long lineno, size_t max_doc, feit_input_doc *doc, feit_error *err)
{
    jsonl_src src = {file, lineno, NULL, NULL, NULL, max_doc, 0};
    return jsonl_parse_src(line, n, &src, doc, err);
}
