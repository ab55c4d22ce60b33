/* token.c — the Dutch news tokenizer (see token.h). One left-to-right pass; ASCII fast paths. */
#include "token.h"

#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

/* Abbreviations, folded, without the final full stop, as one "|a|b|" string (one memmem per
 * word with a stop after it). Single letters with stops (o.a., m.b.t., J.F.) are handled by
 * shape, not listed. */
static const char abbrevs[] =
    "|mr|dr|drs|ir|ing|prof|mevr|mw|dhr|hr|ds|mgr|st|sr|jr|ca|nr|blz|pag|bijv|bv|enz|etc|jl|incl|excl|resp|"
    "evt|zgn|vnl|ong|gem|max|min|art|afd|tel|kol|gen|lt|kapt|adm|sgt|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|"
    "nov|dec|vs|vgl|nl|mln|mld|mrd|bln|plm|ged|idem|ibid|vz|wnd|secr|penn|corp|inc|ltd|co|mt|mij|fa|gebr|wed|"
    "inz|ivm|zg|em|ex|ev|";
/* Those that end sentences often enough that a capital after them starts a new one; "mij",
 * "ex", "min", "max", "jan", "tel" and "gen" are Dutch words as well ("tegen mij. Daarna"). */
static const char abbrevs_can_end[] = "|enz|etc|jl|incl|excl|resp|vs|idem|ibid|ltd|inc|corp|co|mij|ex|min|max|jan|tel|gen|";

static int in_list(const char *list, size_t listlen, const char *w, size_t n)
{
    char needle[16];
    if (n == 0 || n + 2 > sizeof needle)
        return 0;
    needle[0] = '|', needle[n + 1] = '|';
    memcpy(needle + 1, w, n);
    return memmem(list, listlen, needle, n + 2) != NULL;
}

int token_is_abbrev(const char *fold, size_t n, int *can_end)
{
    *can_end = 0;
    if (!in_list(abbrevs, sizeof abbrevs - 1, fold, n))
        return 0;
    *can_end = in_list(abbrevs_can_end, sizeof abbrevs_can_end - 1, fold, n);
    return 1;
}

static int is_quote(int32_t c)
{
    switch (c) {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x201E: case 0x2018: case 0x2019:
    case 0x201A: case 0x00AB: case 0x00BB: case 0x2039: case 0x203A: case 0x201F: case 0x300C: case 0x300D:
        return 1;
    }
    return 0;
}

static int is_apostrophe(int32_t c) { return c == '\'' || c == 0x2019; }

static inline int is_alnum(int32_t c) { return utf8_is_letter(c) || utf8_is_digit(c); }

typedef struct {
    const char *s;
    size_t n;     /* scanning stops here (document end or the next forced break) */
} scan;

static int32_t peek(const scan *sc, size_t i, int *len)
{
    if (i >= sc->n) {
        *len = 0;
        return -1;
    }
    return utf8_decode(sc->s + i, sc->n - i, len);
}

static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != prefix[i])
            return 0;
    }
    return 1;
}

static size_t strip_trailing(const char *s, size_t start, size_t end)
{
    while (end > start && strchr(".,;:!?)]\"'", s[end - 1]))
        end--;
    return end;
}

/* URL at i: scan to white space, drop trailing punctuation. Returns end or 0. */
static size_t scan_url(const scan *sc, size_t i)
{
    const char *s = sc->s + i;
    size_t n = sc->n - i;
    if (!starts_with_ci(s, n, "http://") && !starts_with_ci(s, n, "https://") && !starts_with_ci(s, n, "www."))
        return 0;
    size_t j = i;
    while (j < sc->n) {
        int len;
        int32_t c = peek(sc, j, &len);
        if (utf8_is_space(c) || c == '<' || c == '>' || c == '"' || c == 0x201D || c == 0)
            break;
        j += (size_t)len;
    }
    j = strip_trailing(sc->s, i, j);
    return j > i + 4 ? j : 0;
}

static int is_email_char(int32_t c) { return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%'; }

/* E-mail address starting at i (local part first). Returns end or 0. */
static size_t scan_email(const scan *sc, size_t i)
{
    size_t j = i;
    int len;
    int32_t c;
    while ((c = peek(sc, j, &len)) >= 0 && is_email_char(c))
        j += (size_t)len;
    if (j == i || peek(sc, j, &len) != '@')
        return 0;
    size_t at = j++;
    int dots = 0;
    while ((c = peek(sc, j, &len)) >= 0 && (is_alnum(c) || c == '.' || c == '-')) {
        dots += c == '.';
        j += (size_t)len;
    }
    while (j > at + 1 && sc->s[j - 1] == '.')
        j--, dots--;
    return dots > 0 && j > at + 3 ? j : 0;
}

/* Word (letters/digits with inner apostrophes) or number at i. Sets *kind. */
static size_t scan_word(const scan *sc, size_t i, uint16_t *kind, int *letters)
{
    size_t j = i;
    int len, len2;
    int32_t c;
    int digits_only = 1;
    *letters = 0;
    while (j < sc->n) {
        unsigned char b = (unsigned char)sc->s[j];
        /* ASCII letters and digits, most of every word, without decoding */
        if ((b | 32) >= 'a' && (b | 32) <= 'z') {
            digits_only = 0, (*letters)++, j++;
            continue;
        }
        if (b >= '0' && b <= '9') {
            j++;
            continue;
        }
        c = peek(sc, j, &len);
        if (is_alnum(c)) {
            if (!utf8_is_digit(c))
                digits_only = 0, (*letters)++;
            j += (size_t)len;
            continue;
        }
        if (is_apostrophe(c) && j > i) { /* zo'n, Xi's, auto's: letter on both sides */
            int32_t next = peek(sc, j + (size_t)len, &len2);
            if (next >= 0 && utf8_is_letter(next)) {
                j += (size_t)len;
                continue;
            }
            break;
        }
        if (digits_only && j > i && (c == '.' || c == ',' || c == ':' || c == '-')) {
            /* 3,5  10.35  1.000.000  2-1  20:30 */
            int32_t next = peek(sc, j + 1, &len2);
            if (next >= 0 && utf8_is_digit(next)) {
                j += 1;
                continue;
            }
        }
        break;
    }
    *kind = digits_only ? TOK_NUM : TOK_WORD;
    return j;
}

static int push_token(feit_doc *d, size_t start, size_t end, uint16_t kind, uint16_t flags)
{
    feit_token *t = DOC_PUSH(d->toks, d->ntoks, d->ctoks);
    if (!t)
        return FEIT_ENOMEM;
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kind = kind;
    t->mention = -1;
    const char *s = d->text + start;
    size_t n = end - start;
    int uppers = 0, lowers = 0, first = 0;
    /* ASCII, most of Dutch: case shape, fold and hash in one pass */
    char *fold = arena_alloc(&d->arena, n + 1);
    if (!fold)
        return FEIT_ENOMEM;
    uint32_t h = UTF8_HASH_INIT;
    size_t k;
    for (k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x80)
            break;
        if (c >= 'A' && c <= 'Z') {
            uppers++;
            first = first ? first : 1;
            c = (unsigned char)(c + 32);
        } else if (c >= 'a' && c <= 'z') {
            lowers++;
            first = first ? first : -1;
        }
        fold[k] = (char)c;
        h = (h ^ c) * 16777619u;
    }
    if (k == n) {
        fold[n] = '\0';
        t->flags = (uint16_t)(flags | (first > 0 ? TF_CAP : first < 0 ? TF_LOWER : 0) | (uppers >= 2 && !lowers ? TF_ALLCAPS : 0));
        t->fold = fold, t->fold_len = (uint32_t)n, t->hash = h;
        return 0;
    }
    /* case shape from the letters */
    uppers = lowers = first = 0;
    for (size_t i = 0; i < n;) {
        int len;
        int32_t c = utf8_decode(s + i, n - i, &len);
        if (c == UTF8_INVALID && len == 1 && (unsigned char)s[i] >= 0x80)
            flags |= TF_INVALID;
        if (utf8_is_upper(c)) {
            uppers++;
            if (!first)
                first = 1;
        } else if (utf8_is_lower(c)) {
            lowers++;
            if (!first)
                first = -1;
        }
        i += (size_t)len;
    }
    if (first > 0)
        flags |= TF_CAP;
    else if (first < 0)
        flags |= TF_LOWER;
    if (uppers >= 2 && lowers == 0)
        flags |= TF_ALLCAPS;
    t->flags = flags;
    t->fold = utf8_fold(&d->arena, s, n, &t->fold_len);
    if (!t->fold)
        return FEIT_ENOMEM;
    t->hash = utf8_hash(t->fold, t->fold_len, UTF8_HASH_INIT);
    return 0;
}

int token_split(feit_doc *d)
{
    const char *s = d->text;
    size_t n = d->len;
    size_t bi = 0;     /* next forced break */
    size_t i = 0;
    int newlines = 0, space = 0, forced = 0;
    while (i < n) {
        while (bi < d->nbreaks && d->breaks[bi] <= i)
            forced = 1, bi++;
        scan sc = {s, bi < d->nbreaks ? d->breaks[bi] : n};
        int len;
        int32_t c = utf8_decode(s + i, n - i, &len);
        if (utf8_is_space(c) || c == 0) {
            if (c == '\n')
                newlines++;
            space = 1;
            i += (size_t)len;
            continue;
        }
        uint16_t flags = 0;
        if (d->ntoks && !space && !newlines && !forced)
            flags |= TF_GLUED;
        if (newlines >= 2 || forced)
            flags |= TF_PARA | TF_NEWLINE;
        else if (newlines == 1)
            flags |= TF_NEWLINE;
        newlines = 0, space = 0, forced = 0;

        size_t end = 0;
        uint16_t kind = TOK_OTHER;
        int letters = 0;
        if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && (end = scan_url(&sc, i))) {
            kind = TOK_URL;
        } else if ((c == '@' || c == '#') && i + 1 < sc.n) {
            int l2;
            int32_t next = peek(&sc, i + 1, &l2);
            if (next >= 0 && is_alnum(next)) {
                end = i + 1;
                while ((next = peek(&sc, end, &l2)) >= 0 && (is_alnum(next) || next == '_'))
                    end += (size_t)l2;
                kind = TOK_HANDLE;
            }
        }
        if (!end && is_alnum(c)) {
            /* an e-mail address only when the word runs into '@' (or '.'/'-'/'_' parts of a
             * local part), so ordinary words are scanned once */
            size_t w = scan_word(&sc, i, &kind, &letters);
            char at = w < sc.n ? s[w] : ' ';
            size_t look = sc.n - w < 64 ? sc.n - w : 64;
            size_t e = (at == '@' || ((at == '.' || at == '_' || at == '-' || at == '+' || at == '%') && memchr(s + w, '@', look)))
                           ? scan_email(&sc, i)
                           : 0;
            if (e) {
                end = e, kind = TOK_EMAIL;
            } else {
                end = w;
                /* full stops that belong to the word */
                int l2;
                if (peek(&sc, end, &l2) == '.') {
                    size_t wlen = end - i;
                    int one_letter = letters == 1 && kind == TOK_WORD && wlen <= 2;
                    int can_end;
                    if (one_letter) {
                        /* initials and letter abbreviations: J.  J.F.  o.a.  m.b.t. */
                        end++;
                        for (;;) {
                            int l3, l4;
                            int32_t a = peek(&sc, end, &l3);
                            if (a < 0 || !utf8_is_letter(a) || peek(&sc, end + (size_t)l3, &l4) != '.')
                                break;
                            end += (size_t)l3 + 1;
                        }
                        flags |= TF_ABBREV;
                    } else if (kind == TOK_WORD && wlen <= 6) {
                        char low[8];
                        for (size_t k = 0; k < wlen; k++)
                            low[k] = (s[i + k] >= 'A' && s[i + k] <= 'Z') ? (char)(s[i + k] + 32) : s[i + k];
                        /* an all-caps word before a stop is an acronym ending a sentence
                         * ("de VS."), not an abbreviation */
                        int allcaps = 1;
                        for (size_t k = 0; k < wlen; k++)
                            allcaps &= !(s[i + k] >= 'a' && s[i + k] <= 'z');
                        if (!allcaps && token_is_abbrev(low, wlen, &can_end)) {
                            end++;
                            flags |= TF_ABBREV;
                        }
                    }
                }
            }
        } else if (!end && is_apostrophe(c)) {
            /* 's and 't as words: 's-Hertogenbosch, 's avonds, 't Hooft */
            int l2, l3;
            int32_t a = peek(&sc, i + (size_t)len, &l2);
            int32_t b = a >= 0 ? peek(&sc, i + (size_t)len + (size_t)l2, &l3) : -1;
            if ((a == 's' || a == 't' || a == 'S' || a == 'T') && (b < 0 || !utf8_is_letter(b))) {
                end = i + (size_t)len + (size_t)l2;
                kind = TOK_WORD;
            }
        }
        if (!end) {
            end = i + (size_t)len;
            if (c == UTF8_INVALID && len == 1)
                kind = TOK_OTHER;
            else if (is_quote(c))
                kind = TOK_QUOTE;
            else if (c == '.' && end + 1 < sc.n && s[end] == '.' && s[end + 1] == '.')
                end += 2, kind = TOK_PUNCT; /* ... */
            else if (c < 0x80 ? strchr(".,;:!?()[]{}-/&*+=<>|\\%$~^_`", c) != NULL : 0)
                kind = TOK_PUNCT;
            else if (c >= 0x80) {
                utf8proc_category_t k = utf8proc_category(c);
                kind = (k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO) ? TOK_PUNCT : TOK_OTHER;
            }
        }
        if (push_token(d, i, end, kind, flags))
            return FEIT_ENOMEM;
        i = end;
    }
    return 0;
}
