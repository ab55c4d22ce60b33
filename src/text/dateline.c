/* dateline.c — dateline detection (see dateline.h). Anchored on the agency bracket, then
 * walks back over the all-caps place. */
#include "text/dateline.h"

#include "core/utf8.h"

#include <string.h>

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

static int is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

/* Agencies "(ANP/AFP/DPA)", also written as names: "(Reuters)", "(ANP/Belga)", at s[p] == '('.
 * Each is capitals and digits, or a capital and lower-case letters. Returns the index after ')' or 0;
 * fills spans. */
static size_t scan_agencies(const char *s, size_t n, size_t p, feit_dateline *dl)
{
    size_t i = p + 1;
    dl->nagencies = 0;
    for (;;) {
        size_t a = i;
        if (i + 1 < n && is_upper_ascii(s[i]) && is_lower_ascii(s[i + 1]))
            for (i++; i < n && is_lower_ascii(s[i]);)
                i++;
        else
            while (i < n && (is_upper_ascii(s[i]) || (i > a && s[i] >= '0' && s[i] <= '9')))
                i++;
        if (i - a < 2 || i - a > 12)
            return 0;
        if (dl->nagencies < 8) {
            dl->agency_start[dl->nagencies] = (uint32_t)a;
            dl->agency_end[dl->nagencies] = (uint32_t)i;
            dl->nagencies++;
        }
        while (i < n && s[i] == ' ')
            i++;
        if (i < n && s[i] == '/') {
            i++;
            while (i < n && s[i] == ' ')
                i++;
            continue;
        }
        break;
    }
    return i < n && s[i] == ')' ? i + 1 : 0;
}

/* The dash after the bracket: "-", "–" or "—", then white space or the end. */
static size_t scan_dash(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    size_t k = 0;
    if (i < n && s[i] == '-')
        k = 1;
    else if (i + 3 <= n && (!memcmp(s + i, "\xE2\x80\x93", 3) || !memcmp(s + i, "\xE2\x80\x94", 3)))
        k = 3;
    if (!k)
        return 0;
    i += k;
    if (i < n && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
        return 0;
    return i;
}

/* Start of the all-caps place ending at q (exclusive), or SIZE_MAX when there is none. */
static size_t scan_place(const char *s, size_t q)
{
    size_t k = q;
    while (k > 0) {
        unsigned char c = (unsigned char)s[k - 1];
        if (is_upper_ascii((char)c) || c == ' ' || c == '-' || c == '\'' || c == '.' || c >= 0x80)
            k--;
        else
            break;
        if (q - k > 48)
            return SIZE_MAX;
    }
    /* forwards: no lower-case letter may remain (multi-byte letters walked back blindly) */
    size_t start = k;
    for (size_t i = k; i < q;) {
        int len;
        int32_t c = utf8_decode(s + i, q - i, &len);
        if (utf8_is_lower(c) || c == UTF8_INVALID)
            start = i + (size_t)len;
        i += (size_t)len;
    }
    while (start < q && (s[start] == ' ' || s[start] == '-' || s[start] == '.'))
        start++;
    /* what precedes: text start, a line break, or a glued age stamp ("geledenMEXICO") */
    if (start > 0) {
        int len;
        size_t b = start - 1;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        int32_t c = utf8_decode(s + b, start - b, &len);
        if (!(c == '\n' || c == '\r' || utf8_is_lower(c) || utf8_is_digit(c))) {
            if (c != ' ' && c != '\t')
                return SIZE_MAX;
            /* "... zei ze. WASHINGTON (ANP) -" */
            while (b > 0 && (s[b] == ' ' || s[b] == '\t'))
                b--;
            if (!strchr(".!?\"\n", s[b]) && b != 0)
                return SIZE_MAX;
        }
    }
    int letters = 0;
    for (size_t i = start; i < q;) {
        int len;
        int32_t c = utf8_decode(s + i, q - i, &len);
        letters += utf8_is_upper(c);
        i += (size_t)len;
    }
    return letters >= 2 ? start : SIZE_MAX;
}

static int add_break(feit_doc *d, size_t at)
{
    if (d->nbreaks && d->breaks[d->nbreaks - 1] >= at)
        return 0;
    uint32_t *b = DOC_PUSH(d->breaks, d->nbreaks, d->cbreaks);
    if (!b)
        return FEIT_ENOMEM;
    *b = (uint32_t)at;
    return 0;
}

int dateline_find(feit_doc *d)
{
    const char *s = d->text;
    size_t n = d->len;
    const char *p = s;
    while ((p = memchr(p, '(', n - (size_t)(p - s)))) {
        size_t at = (size_t)(p - s);
        p++;
        if (at < 3 || s[at - 1] != ' ')
            continue;
        feit_dateline dl;
        memset(&dl, 0, sizeof dl);
        size_t close = scan_agencies(s, n, at, &dl);
        if (!close)
            continue;
        size_t end = scan_dash(s, n, close);
        if (!end)
            continue;
        size_t q = at - 1;
        while (q > 0 && s[q - 1] == ' ')
            q--;
        size_t start = scan_place(s, q);
        if (start == SIZE_MAX)
            continue;
        dl.start = (uint32_t)start;
        dl.end = (uint32_t)end;
        dl.place_start = (uint32_t)start;
        dl.place_end = (uint32_t)q;
        feit_dateline *slot = DOC_PUSH(d->dls, d->ndls, d->cdls);
        if (!slot)
            return FEIT_ENOMEM;
        *slot = dl;
        if (add_break(d, start) || add_break(d, end))
            return FEIT_ENOMEM;
        p = s + end;
    }
    return 0;
}
