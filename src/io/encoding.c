/* encoding.c — input bytes into UTF-8 (see encoding.h): uchardet guesses, iconv converts, and
 * what neither can read becomes U+FFFD, so that no document is lost for its bytes. */
#include "io/encoding.h"

#include "core/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

static int is_cont(unsigned char c) { return c >= 0x80 && c <= 0xBF; }

/* The length a lead byte announces (0: not a lead byte). */
static size_t lead_len(unsigned char b)
{
    return b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
}

/* u[i] starts no valid character: the length of the invalid sequence there, and *shaped when
 * it is UTF-8 shaped: a byte of the lead range (C0..FF, also the overlong and out-of-range
 * ones) with continuation bytes after it — a broken character, where a legacy 8-bit text has a
 * lone high byte between ASCII ones. A shaped sequence is the lead with the continuation
 * bytes it announces (up to five for the old 5- and 6-byte forms). */
/* The most bytes a sequence starting with b can take: what a lead announces, also for the
 * leads that are never valid (C0, C1, F5..FF, and F8..FF for the old 5- and 6-byte forms). */
static size_t seq_want(unsigned char b)
{
    size_t want = lead_len(b);
    return want ? want : b >= 0xF8 ? 6 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

static size_t bad_len(const unsigned char *u, size_t n, size_t i, int *shaped)
{
    size_t want = seq_want(u[i]), k = 1;
    *shaped = u[i] >= 0xC0 && i + 1 < n && is_cont(u[i + 1]);
    if (*shaped)
        while (k < want && i + k < n && is_cont(u[i + k]))
            k++;
    return k;
}

/* A sequence cut by the end of u[0..n) at i: a lead byte (valid or not) with fewer bytes after
 * it than it announces, all of them continuation bytes. What it is depends on the bytes that
 * come next, so a stream waits for them. */
static int cut_at_end(const unsigned char *u, size_t n, size_t i)
{
    size_t want = u[i] >= 0xC0 ? seq_want(u[i]) : 0;
    if (!want || i + want <= n)
        return 0;
    for (size_t k = i + 1; k < n; k++)
        if (!is_cont(u[k]))
            return 0;
    return 1;
}

void enc_scan_utf8(const char *p, size_t n, int at_end, enc_scan *s)
{
    const unsigned char *u = (const unsigned char *)p;
    memset(s, 0, sizeof *s);
    s->first_bad = n;
    for (size_t i = 0; i < n;) {
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ull)))
            i += 8;
        if (i >= n)
            break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int len;
        if (utf8_decode(p + i, n - i, &len) != UTF8_INVALID || len > 1) {
            s->valid_multi++;
            i += (size_t)len;
            continue;
        }
        if (!at_end && cut_at_end(u, n, i))
            break;
        int shaped;
        size_t k = bad_len(u, n, i, &shaped);
        if (!s->invalid)
            s->first_bad = i;
        s->invalid++;
        s->shaped += (size_t)shaped;
        i += k;
    }
}

int enc_looks_legacy(const enc_scan *s) { return s->invalid > 0 && s->invalid > s->valid_multi && 2 * s->shaped < s->invalid; }

size_t enc_bom(const char *p, size_t n, const char **charset)
{
    const unsigned char *u = (const unsigned char *)p;
    *charset = NULL;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return 3;
    if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
        return *charset = "UTF-32LE", 4;
    if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
        return *charset = "UTF-32BE", 4;
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return *charset = "UTF-16LE", 2;
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return *charset = "UTF-16BE", 2;
    return 0;
}

const char *enc_guess_utf16(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t pairs = (n > 4096 ? 4096 : n) / 2, le = 0, be = 0;
    if (pairs < 2)
        return NULL;
    for (size_t k = 0; k < pairs; k++) {
        unsigned char a = u[2 * k], b = u[2 * k + 1];
        le += a && !b;
        be += !a && b;
    }
    /* most code units in the ASCII range, and hardly any the other way round */
    if (le * 10 >= pairs * 6 && be * 20 < pairs)
        return "UTF-16LE";
    if (be * 10 >= pairs * 6 && le * 20 < pairs)
        return "UTF-16BE";
    return NULL;
}

int enc_is_utf8(const char *c) { return !strcasecmp(c, "UTF-8") || !strcasecmp(c, "UTF8"); }

int enc_known(const char *charset)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

/* uchardet's answers for Latin-script text (see enc_guess_legacy). */
static int latin_family(const char *c)
{
    static const char *const names[] = {"", "ASCII", "UTF-8", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4",
                                        "ISO-8859-9", "ISO-8859-10", "ISO-8859-13", "ISO-8859-14", "ISO-8859-15",
                                        "ISO-8859-16", "WINDOWS-1250", "WINDOWS-1252", "WINDOWS-1254", "WINDOWS-1257",
                                        "WINDOWS-1258", "IBM437", "IBM850", "IBM852", "IBM865", "MAC-CENTRALEUROPE",
                                        "MAC-ROMAN", "MACINTOSH"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(c, names[i]))
            return 1;
    return 0;
}

const char *enc_guess_legacy(const char *p, size_t n, char *detected, size_t cap)
{
    const char *fallback = "WINDOWS-1252";
    if (cap)
        detected[0] = '\0';
    uchardet_t ud = uchardet_new();
    if (!ud)
        return fallback;
    uchardet_handle_data(ud, p, n > (1u << 16) ? (1u << 16) : n);
    uchardet_data_end(ud);
    const char *c = uchardet_get_charset(ud);
    if (cap && c)
        snprintf(detected, cap, "%s", c);
    uchardet_delete(ud);
    if (!cap || latin_family(detected) || !enc_known(detected))
        return fallback;
    return detected;
}

struct enc_stream {
    iconv_t cd;  /* (iconv_t)-1 for UTF-8 to UTF-8: glibc's iconv lets 5- and 6-byte forms
                  * through, so UTF-8 is checked here */
    size_t unit; /* bytes skipped at an invalid input: a code unit */
};

/* UTF-8 in, UTF-8 out: valid characters copied, each invalid sequence one U+FFFD, a character
 * cut by the end of the input left for the next call unless at_end. */
static size_t utf8_copy(const char *in, size_t *inlen, char *out, size_t outcap, int at_end, size_t *nbad)
{
    const unsigned char *u = (const unsigned char *)in;
    size_t n = *inlen, i = 0, o = 0;
    while (i < n && o + 4 <= outcap) {
        int len;
        if (u[i] < 0x80 || utf8_decode(in + i, n - i, &len) != UTF8_INVALID || len > 1) {
            len = u[i] < 0x80 ? 1 : len;
            memcpy(out + o, in + i, (size_t)len), o += (size_t)len, i += (size_t)len;
            continue;
        }
        if (!at_end && cut_at_end(u, n, i))
            break;
        int shaped;
        i += bad_len(u, n, i, &shaped);
        memcpy(out + o, "\xEF\xBF\xBD", 3), o += 3;
        ++*nbad;
    }
    *inlen = i;
    return o;
}

enc_stream *enc_stream_new(const char *charset)
{
    iconv_t cd = (iconv_t)-1;
    if (!enc_is_utf8(charset) && (cd = iconv_open("UTF-8", charset)) == (iconv_t)-1)
        return NULL;
    enc_stream *s = malloc(sizeof *s);
    if (!s) {
        if (cd != (iconv_t)-1)
            iconv_close(cd);
        return NULL;
    }
    s->cd = cd;
    s->unit = strcasestr(charset, "32") && (strcasestr(charset, "UTF") || strcasestr(charset, "UCS")) ? 4
              : strcasestr(charset, "UTF-16") || strcasestr(charset, "UTF16") || strcasestr(charset, "UCS-2") ? 2
                                                                                                                 : 1;
    return s;
}

void enc_stream_free(enc_stream *s)
{
    if (!s)
        return;
    if (s->cd != (iconv_t)-1)
        iconv_close(s->cd);
    free(s);
}

size_t enc_stream_convert(enc_stream *s, const char *in, size_t *inlen, char *out, size_t outcap, int at_end, size_t *nbad)
{
    if (s->cd == (iconv_t)-1)
        return utf8_copy(in, inlen, out, outcap, at_end, nbad);
    char *ip = (char *)in, *op = out;
    size_t il = *inlen, ol = outcap;
    while (il > 0) {
        if (iconv(s->cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno == E2BIG || ol < 3)
            break;
        if (errno == EINVAL && !at_end)
            break; /* a character cut by the end of the chunk: the next call completes it */
        /* EILSEQ, or EINVAL at the end: one U+FFFD for a code unit (all of a cut one) */
        size_t skip = errno == EINVAL ? il : (s->unit < il ? s->unit : il);
        memcpy(op, "\xEF\xBF\xBD", 3), op += 3, ol -= 3;
        ip += skip, il -= skip;
        ++*nbad;
        iconv(s->cd, NULL, NULL, NULL, NULL); /* back to the initial state */
    }
    *inlen = (size_t)(ip - in);
    return (size_t)(op - out);
}

char *enc_convert(const char *charset, const char *p, size_t n, size_t *out_len, size_t *nbad)
{
    *nbad = 0;
    enc_stream *s = enc_stream_new(charset);
    if (!s)
        return NULL;
    /* at most 3 bytes of UTF-8 per input byte (U+FFFD, or a BMP character from one byte);
     * UTF-16 and UTF-32 give fewer */
    size_t cap = n * 3 + 8, len = 0;
    char *out = malloc(cap + 1);
    while (out) {
        size_t used = n;
        len += enc_stream_convert(s, p, &used, out + len, cap - len, 1, nbad);
        p += used, n -= used;
        if (!n)
            break;
        if (!used && cap - len >= 8) { /* cannot happen with at_end: no progress is a bug, not a hang */
            free(out);
            out = NULL;
            break;
        }
        char *o = realloc(out, cap * 2 + 1);
        if (!o) {
            free(out);
            out = NULL;
            break;
        }
        out = o, cap *= 2;
    }
    enc_stream_free(s);
    if (out && !utf8_valid(out, len)) { /* what iconv lets through (it should not) is repaired */
        size_t fl, more;
        char *fixed = enc_fix_utf8(out, len, &fl, &more);
        free(out);
        out = fixed, len = fl;
        *nbad += more;
    }
    if (out)
        out[len] = '\0', *out_len = len;
    return out;
}

char *enc_fix_utf8(const char *p, size_t n, size_t *out_len, size_t *nbad)
{
    const unsigned char *u = (const unsigned char *)p;
    *nbad = 0;
    char *out = malloc(n * 3 + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            *o++ = (char)u[i++];
            continue;
        }
        int len;
        if (utf8_decode(p + i, n - i, &len) != UTF8_INVALID || len > 1) {
            memcpy(o, p + i, (size_t)len), o += len, i += (size_t)len;
            continue;
        }
        int shaped;
        i += bad_len(u, n, i, &shaped);
        memcpy(o, "\xEF\xBF\xBD", 3), o += 3;
        ++*nbad;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}
