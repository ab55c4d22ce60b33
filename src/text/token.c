/* token.c — the news tokenizer (see token.h). One left-to-right pass; ASCII fast paths. The
 * language's abbreviations and quotation marks come from its data (core/lang.h). */
#include "text/token.h"

#include "core/lang.h"

#include "core/utf8.h"

#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Byte classes of ASCII: one table load per byte in the hot loops instead of decoding and
 * asking the class functions. Bytes >= 0x80 have no class and take the decoding paths. NUL is
 * skipped between tokens like white space. P is the punctuation that is a TOK_PUNCT of its own;
 * the quotes, ' @ # and the control characters have none of these. M marks what may follow
 * a word inside an e-mail address: @ . _ - + %; C marks ':', which follows the word of a URL's
 * prefix (http: https:) as M's '.' follows www. E marks the marks after which a sentence may end
 * (. ! ? ) ]: sentence.c's terminals and closers; after any other, as after a comma, it may not). */
enum { B_SPACE = 1, B_LOWER = 2, B_DIGIT = 4, B_PUNCT = 8, B_MAIL = 16, B_UPPER = 0x20, B_COLON = 0x40, B_END = 0x80 };
#define B_LETTER (B_UPPER | B_LOWER)
#define B_ALNUM (B_UPPER | B_LOWER | B_DIGIT)
_Static_assert(B_UPPER == 'a' - 'A', "scan_ascii_word lowers a letter by or-ing its B_UPPER bit in");
#define S B_SPACE
#define U B_UPPER
#define L B_LOWER
#define D B_DIGIT
#define P B_PUNCT
#define M B_MAIL
#define C B_COLON
#define E B_END
static const unsigned char bclass[256] = {
    S, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0, /* NUL, \t \n \v \f \r */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    S, P | E, 0, 0, P, P | M, P, 0, P, P | E, P, P | M, P, P | M, P | M | E, P, /*   ! " # $ % & ' ( ) * + , - . / */
    D, D, D, D, D, D, D, D, D, D, P | C, P, P, P, P, P | E, /* 0-9 : ; < = > ? */
    M, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, /* @ A-O */
    U, U, U, U, U, U, U, U, U, U, U, P, P, P | E, P, P | M, /* P-Z [ \ ] ^ _ */
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* ` a-o */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, 0, /* p-z { | } ~ DEL */
};
#undef S
#undef U
#undef L
#undef D
#undef P
#undef M
#undef C
#undef E

/* The bytes of an ASCII word for scan_ascii_word: class << 8 | the byte lowered, for letters and
 * digits; 0 for every other byte. One load per byte gives the test, the fold and the class. */
#define WB(c)                                                                                     \
    ((c) >= 'A' && (c) <= 'Z'   ? (B_UPPER << 8 | ((c) + 32))                                     \
     : (c) >= 'a' && (c) <= 'z' ? (B_LOWER << 8 | (c))                                           \
     : (c) >= '0' && (c) <= '9' ? (B_DIGIT << 8 | (c))                                           \
                                : 0)
#define WB4(c) WB(c), WB((c) + 1), WB((c) + 2), WB((c) + 3)
#define WB16(c) WB4(c), WB4((c) + 4), WB4((c) + 8), WB4((c) + 12)
static const uint16_t wordbyte[256] = {WB16(0x00), WB16(0x10), WB16(0x20), WB16(0x30),
                                       WB16(0x40), WB16(0x50), WB16(0x60), WB16(0x70)};
#undef WB16
#undef WB4
#undef WB

/* The folds of the one-byte ASCII tokens (marks and ASCII quotes: a tenth of the tokens), each
 * its byte and a NUL: a mark's token points here instead of taking two bytes of the document's
 * fold room. */
#define MF(c) {(char)(c), 0}
#define MF4(c) MF(c), MF((c) + 1), MF((c) + 2), MF((c) + 3)
#define MF16(c) MF4(c), MF4((c) + 4), MF4((c) + 8), MF4((c) + 12)
static const char mark_fold[128][2] = {MF16(0x00), MF16(0x10), MF16(0x20), MF16(0x30),
                                       MF16(0x40), MF16(0x50), MF16(0x60), MF16(0x70)};
#undef MF16
#undef MF4
#undef MF

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

/* Whether the stop at i closes a sentence: the text or its line ends there, or a subject
 * pronoun opens the next sentence after a space ("op X. Hij ..."); then one capital before it is
 * no initial. */
static int ends_sentence(const scan *sc, const feit_lang *lang, size_t i)
{
    const char *s = sc->s;
    size_t k = i + 1;
    while (k < sc->n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (k >= sc->n || s[k] == '\n' || s[k] == '\r')
        return 1;
    if (s[i + 1] != ' ')
        return 0;
    char w[4];
    size_t n = 0;
    for (; k < sc->n && n < sizeof w && ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z'); k++)
        w[n++] = (char)(s[k] | 32);
    if (!n || n == sizeof w || (s[k - n] & 32) || (k < sc->n && (unsigned char)s[k] >= 0x80))
        return 0; /* (a capital first, a whole ASCII word) */
    uint32_t h = utf8_hash(w, n, UTF8_HASH_INIT);
    char gender;
    unsigned pflags;
    return lang_is_fn(lang, LANG_FN_SUBJECT, w, n, h) ||
           (lang_pronoun(lang, w, n, h, &gender, &pflags) && !(pflags & (LANG_PRON_POSSESSIVE | LANG_PRON_OBJECT)));
}

/* Whether the ASCII letter at s[i] may begin a URL (http:// https:// www.): "het", "werd" and
 * the other words on h and w are none by their second letter. */
static inline int url_prefix(const char *s, size_t i, size_t lim)
{
    unsigned b = (unsigned char)s[i] | 32;
    return (b == 'h' || b == 'w') && i + 1 < lim && (s[i + 1] | 32) == (b == 'h' ? 't' : 'w');
}

/* URL at i: scan to white space, drop trailing punctuation. Returns end or 0. */
static size_t scan_url(const scan *sc, size_t i)
{
    const char *s = sc->s + i;
    size_t n = sc->n - i;
    /* the first letter says which prefix can match: most words starting with h or w are none */
    if ((s[0] | 32) == 'h' ? !starts_with_ci(s, n, "http://") && !starts_with_ci(s, n, "https://")
                           : !starts_with_ci(s, n, "www."))
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

/* The folds of ASCII tokens are cut from chunks of the doc arena rather than one arena_alloc
 * per token: the per-token call and 8-byte rounding cost more than the folding itself. */
#define FOLD_CHUNK 4096
typedef struct {
    char *p;     /* free room of the current chunk */
    size_t left;
} fold_buf;

/* Room for need bytes at fb->p (taken by fold_take), or NULL when out of memory. */
static char *fold_room(feit_arena *a, fold_buf *fb, size_t need)
{
    if (need > fb->left) {
        size_t size = need > FOLD_CHUNK ? need : FOLD_CHUNK;
        char *p = arena_alloc(a, size);
        if (!p)
            return NULL;
        fb->p = p, fb->left = size;
    }
    return fb->p;
}

static void fold_take(fold_buf *fb, size_t n) { fb->p += n, fb->left -= n; }

static uint16_t case_flags(int uppers, int lowers, int first)
{
    return (uint16_t)((first > 0 ? TF_CAP : first < 0 ? TF_LOWER : 0) | (uppers >= 2 && !lowers ? TF_ALLCAPS : 0));
}

_Static_assert(sizeof(feit_token) <= 48, "a token is 48 bytes (a long document has millions)");

/* Writes token t field by field: a compound literal zeroed the whole 48 bytes first (three
 * 16-byte stores) and then stored the fields over it. Every field is written but sentence and
 * info, which the stages that fill them write for every token (sentence_split, lexicon_doc:
 * doc.h), and the padding. */
static inline __attribute__((always_inline)) void tok_write(feit_token *t, size_t start, size_t end, uint16_t kind,
                                                            uint16_t flags, const char *fold, size_t fold_len,
                                                            uint32_t hash)
{
    t->start = (uint32_t)start, t->end = (uint32_t)end;
    t->kind = kind, t->flags = flags;
    t->fold = fold, t->fold_len = (uint32_t)fold_len;
    t->hash = hash;
    t->mention = -1;
}

/* Appends a token whose fold, hash and flags are complete. */
static inline int push_folded(feit_doc *d, size_t start, size_t end, uint16_t kind, uint16_t flags, const char *fold,
                       size_t fold_len, uint32_t hash)
{
    if (d->ntoks == d->ctoks && doc_grow((void **)&d->toks, &d->ctoks, d->ntoks, sizeof *d->toks))
        return FEIT_ENOMEM;
    tok_write(&d->toks[d->ntoks++], start, end, kind, flags, fold, fold_len, hash);
    return 0;
}

static int push_token(feit_doc *d, fold_buf *fb, size_t start, size_t end, uint16_t kind, uint16_t flags)
{
    const char *s = d->text + start;
    size_t n = end - start;
    int uppers = 0, lowers = 0, first = 0;
    /* ASCII, most of Dutch: case shape and fold in one pass */
    char *fold = fold_room(&d->arena, fb, n + 1);
    if (!fold)
        return FEIT_ENOMEM;
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
    }
    if (k == n) {
        fold[n] = '\0';
        fold_take(fb, n + 1);
        return push_folded(d, start, end, kind, (uint16_t)(flags | case_flags(uppers, lowers, first)), fold, n,
                           utf8_hash(fold, n, UTF8_HASH_INIT));
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
    uint32_t fold_len;
    const char *f = utf8_fold(&d->arena, s, n, &fold_len);
    if (!f)
        return FEIT_ENOMEM;
    return push_folded(d, start, end, kind, (uint16_t)(flags | case_flags(uppers, lowers, first)), f, fold_len,
                       utf8_hash(f, fold_len, UTF8_HASH_INIT));
}

/* A word of ASCII letters and digits only, the shape of most tokens: found, folded into fold,
 * hashed and case-shaped in one pass instead of scan_word's pass and push_token's. Returns the
 * end, or 0 when the word may go on in a way only scan_word knows (a non-ASCII letter, an
 * apostrophe, 3,5) or does not fit in room bytes (then scan_word and push_token take it). */
typedef struct {
    uint32_t hash;
    int letters;
    uint16_t case_flags;
} ascii_word;

/* Whether a word has digits, lower-case letters, letters (nonzero: it has). */
typedef struct {
    unsigned digit, lower, letter;
} word_classes;

#ifdef __SSE2__
/* x in [lo, lo + k) unsigned, for each byte of v: (x - lo) ^ 0x80 < k ^ 0x80 signed, and
 * (x - lo) ^ 0x80 is x + (0x80 - lo). */
static inline __m128i bytes_in(__m128i v, unsigned char lo, unsigned char k)
{
    return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo))), _mm_set1_epi8((char)(0x80 + k)));
}

/* Sixteen bytes of text and the classes of their bytes as bit masks (bit k: byte k), with the
 * length of the run of ASCII letters and digits they start with (16: all of them). */
typedef struct {
    __m128i v, upper;
    unsigned lo, up, dg;
    size_t run;
} block16;

static inline block16 block16_at(const char *p)
{
    block16 b;
    b.v = _mm_loadu_si128((const __m128i *)(const void *)p);
    b.upper = bytes_in(b.v, 'A', 26);
    b.lo = (unsigned)_mm_movemask_epi8(bytes_in(b.v, 'a', 26));
    b.up = (unsigned)_mm_movemask_epi8(b.upper);
    b.dg = (unsigned)_mm_movemask_epi8(bytes_in(b.v, '0', 10));
    b.run = (size_t)__builtin_ctz(~(b.lo | b.up | b.dg)); /* bits 16 and up of ~ are set */
    return b;
}

/* The sixteen bytes with their upper-case ASCII letters made lower case, stored at fold and
 * returned. */
static inline __m128i block16_fold(const block16 *b, char *fold)
{
    __m128i f = _mm_or_si128(b->v, _mm_and_si128(b->upper, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)fold, f);
    return f;
}

/* utf8_hash of the first n (1..15) bytes of the folded block f, from the register: its bytes
 * from n on made 0 (a mask loaded from n bytes before the end of sixteen 0xFF) and its two
 * halves taken out, not hashed byte by byte from memory. */
static const unsigned char keep_mask[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
static inline uint32_t block16_hash(__m128i f, size_t n)
{
    f = _mm_and_si128(f, _mm_loadu_si128((const __m128i *)(const void *)(keep_mask + 16 - n)));
    return utf8_hash16((uint64_t)_mm_cvtsi128_si64(f), (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(f, f)), n);
}

/* An ASCII word of under 16 bytes at s[i] (i + 16 <= the text's length; bytes from lim on are
 * not the word's): folded into fold[0..16) (bytes past the word too: the caller's NUL and the
 * next fold overwrite them), its end returned, its hash in *hash and what classes its bytes
 * have in *seen; 0 when its first 16 bytes are all letters and digits (the byte loop takes
 * such a word). */
static inline size_t ascii_block(const char *s, size_t i, size_t lim, char *fold, uint32_t *hash, word_classes *seen)
{
    block16 b = block16_at(s + i);
    size_t run = b.run;
    if (run == 16 || run == 0) /* (0: the caller gives no word's first byte) */
        return 0;
    if (run > lim - i)
        run = lim - i;
    *hash = block16_hash(block16_fold(&b, fold), run);
    unsigned in = (1u << run) - 1;
    /* bit masks of the word's bytes, nonzero when it has one (tested, not made 0 or 1) */
    seen->digit = b.dg & in, seen->lower = b.lo & in, seen->letter = (b.lo | b.up) & in;
    return i + run;
}
#endif

/* SSE2 for the words of under 16 bytes (ascii_block: compares, movemasks, ctz, one store), with
 * the hash from the folded register (block16_hash): the byte loop's load, table load, test,
 * store and count per byte are gone. (The first try, with a hash loop and class bits collected
 * by vector for every block, executed more instructions than the byte loop.) */

static size_t scan_ascii_word(const char *s, size_t i, size_t lim, size_t n, char *fold, size_t room,
                              ascii_word *w)
{
    size_t j;
    uint32_t h;
    word_classes seen; /* counting waits until a word needs it */
#ifdef __SSE2__
    if (n - i < 16 || !(j = ascii_block(s, i, lim, fold, &h, &seen)))
#else
    (void)n;
#endif
    {
        size_t max = lim - i < room ? lim : i + room - 1; /* room keeps a byte for the NUL */
        unsigned classes = 0;
        for (j = i; j < max; j++) {
            unsigned wb = wordbyte[(unsigned char)s[j]];
            if (!wb)
                break;
            classes |= wb;
            fold[j - i] = (char)(wb & 0xFF);
        }
        classes >>= 8;
        seen.digit = classes & B_DIGIT, seen.lower = classes & B_LOWER, seen.letter = classes & B_LETTER;
        if (j == max && max < lim)
            return 0;
        h = utf8_hash(fold, j - i, UTF8_HASH_INIT);
    }
    if (j < lim) {
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x80 || c == '\'' || (!seen.letter && (c == '.' || c == ',' || c == ':' || c == '-')))
            return 0;
    }
    fold[j - i] = '\0';
    int letters;
    uint16_t flags;
    if (!seen.digit) { /* letters only, the common word: the first byte is its first letter */
        letters = (int)(j - i);
        flags = bclass[(unsigned char)s[i]] & B_UPPER ? TF_CAP : TF_LOWER;
        if (letters >= 2 && !seen.lower)
            flags |= TF_ALLCAPS;
    } else {
        int uppers = 0, lowers = 0, first = 0;
        for (size_t k = i; k < j; k++) {
            unsigned cl = bclass[(unsigned char)s[k]];
            if (cl & B_LETTER && !first)
                first = cl & B_UPPER ? 1 : -1;
            uppers += (cl & B_UPPER) != 0, lowers += (cl & B_LOWER) != 0;
        }
        letters = uppers + lowers;
        flags = case_flags(uppers, lowers, first);
    }
    w->hash = h;
    w->letters = letters;
    w->case_flags = flags;
    return j;
}

#ifdef __SSE2__
/* Writes the plain word s[i..i + run) read in block b as token t with its case flags, folded at
 * p (run + 1 bytes taken, 16 written). */
static inline void plain_word(feit_token *t, char *p, const block16 *b, size_t i, size_t run)
{
    uint32_t h = block16_hash(block16_fold(b, p), run);
    p[run] = '\0';
    uint16_t cf = b->up & 1 ? TF_CAP : TF_LOWER;
    if (run >= 2 && !(b->lo & ((1u << run) - 1)))
        cf |= TF_ALLCAPS;
    tok_write(t, i, i + run, TOK_WORD, cf, p, run, h);
}

/* A block of 64 bytes of text classified once (bit j of a mask: the block's byte j), from which
 * plain_words takes word after word with a shift and a ctz each, instead of loading, comparing
 * and moving the masks of sixteen bytes at every word. token_split keeps it from one call of
 * plain_words to the next (most calls end at a mark, and the next starts a few bytes on). */
typedef struct {
    size_t base;        /* the text offset of its byte 0; SIZE_MAX: none classified */
    uint64_t nonletter; /* not an ASCII letter (the last byte counted as none) */
    uint64_t bit5;      /* 0x20 set: of a letter, lower case (the last byte counted as set) */
    uint64_t gap;       /* a space with an ASCII letter after it, both before lim */
    uint64_t goon;      /* gap, or where a comma or stop with a space and a letter after it
                           begins, glued to the word before (", ") or after a space of its
                           own (" , "): what the loop takes without leaving it */
    uint64_t marks;     /* all ones, or 0 when ',' or '.' is a quote of the language (then
                           goon is gap: the main loop's quote path takes them) */
    size_t abbrev_max;  /* lang_abbrev_max: a longer word before a stop is no abbreviation */
    int avx2;           /* plain_words_avx2 takes the words (the CPU has AVX2 and BMI2; set by token_split) */
    const unsigned char (*k)[32]; /* block64_k, read by block64_avx2 through this pointer: GCC
                                     builds a 256-bit constant it can see (a _mm256_set1_epi8,
                                     a table's load) from an immediate, three instructions each */
    size_t at_from, at; /* at: the first '@' of the text at or after at_from (SIZE_MAX: none;
                           at_sign_near's; both 0 before its first search) */
} block64;

static inline uint64_t mask_of(__m128i m) { return (uint64_t)(unsigned)_mm_movemask_epi8(m); }

/* The masks of the block from its bytes' letter, space, bit-5 and comma-or-stop masks, of which
 * only the first n bytes are before lim (the others count as none of the classes: a mark's
 * space and letter after it are before lim when the letter is). A space before a digit is no
 * gap: the word before it is the byte loop's, as the word after it would be. */
static inline void block64_masks(block64 *b, uint64_t letter, uint64_t space, uint64_t bit5, uint64_t mark, size_t n)
{
    if (n < 64)
        letter &= (1ull << n) - 1;
    b->nonletter = ~letter | 1ull << 63, b->bit5 = bit5 | 1ull << 63, b->gap = space & letter >> 1;
    mark &= b->marks;
    b->goon = b->gap | (mark & space >> 1 & letter >> 2) | (space & mark >> 1 & space >> 2 & letter >> 3);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(FEIT_NO_AVX2)
#include <immintrin.h>
#define TOKEN_AVX2 1
#define X32(c) c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c
static const unsigned char block64_k[5][32] __attribute__((aligned(32))) = {
    {X32(0x20)}, {X32(0x80 - 'a')}, {X32(0x80 + 26)}, {X32(0x02)}, {X32('.')}};
#undef X32

/* block64_at's masks in two 32-byte steps, for plain_words_avx2: the SSE2 loop takes four steps
 * and copies of the registers its two-operand forms overwrite (~105 instructions a block against
 * ~35; a block every 64 bytes of plain words). The constants (block64_k): 0x20 (the space, and
 * the bit that lowers a letter), 0x80 - 'a' and 0x80 + 26 (bytes_in of the lowered byte: a
 * letter is x + (0x80 - 'a') < 0x80 + 26, signed), 0x02 and '.' (x | 2 is '.' for ',' and '.'
 * only). */
__attribute__((target("avx2,bmi,bmi2"), noinline)) static void block64_avx2(block64 *b, const char *p, size_t n)
{
    const unsigned char (*k)[32] = b->k;
    __m256i k20 = _mm256_load_si256((const __m256i *)(const void *)k[0]);
    __m256i to_a = _mm256_load_si256((const __m256i *)(const void *)k[1]);
    __m256i past_z = _mm256_load_si256((const __m256i *)(const void *)k[2]);
    __m256i k02 = _mm256_load_si256((const __m256i *)(const void *)k[3]);
    __m256i stop = _mm256_load_si256((const __m256i *)(const void *)k[4]);
    uint64_t letter = 0, space = 0, bit5 = 0, mark = 0;
#pragma GCC unroll 2
    for (int q = 0; q < 2; q++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * q));
        __m256i low = _mm256_add_epi8(_mm256_or_si256(v, k20), to_a);
        letter |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(past_z, low)) << 32 * q;
        space |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, k20)) << 32 * q;
        bit5 |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(v, 2)) << 32 * q;
        mark |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_or_si256(v, k02), stop)) << 32 * q;
    }
    block64_masks(b, letter, space, bit5, mark, n);
}
#endif

/* Classifies the 64 bytes at p into *b (its base is the caller's), n of them before lim. */
static inline void block64_at(block64 *b, const char *p, size_t n, int avx2)
{
#ifdef TOKEN_AVX2
    if (avx2) {
        block64_avx2(b, p, n);
        return;
    }
#else
    (void)avx2;
#endif
    uint64_t letter = 0, space = 0, bit5 = 0, mark = 0;
#pragma GCC unroll 4
    for (int q = 0; q < 4; q++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * q));
        letter |= mask_of(bytes_in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26)) << 16 * q;
        space |= mask_of(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))) << 16 * q;
        bit5 |= mask_of(_mm_slli_epi16(v, 2)) << 16 * q; /* (bit 5 of each byte into bit 7) */
        mark |= mask_of(_mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x02)), _mm_set1_epi8('.'))) << 16 * q;
    }
    block64_masks(b, letter, space, bit5, mark, n);
}

/* Writes the plain word s[i..i + run) (ASCII letters) as token t, folded at p (run + 1 bytes
 * taken, 16 written: the word's bytes or-ed with 0x20, which lowers a letter, and zeros from its
 * NUL on); bit5 holds bit 5 of its bytes from bit 0 on, and a bit set after them. */
static inline void block_word(feit_token *t, char *p, const char *s, size_t i, size_t run, uint64_t bit5)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i f = _mm_and_si128(_mm_or_si128(v, _mm_set1_epi8(0x20)),
                              _mm_loadu_si128((const __m128i *)(const void *)(keep_mask + 16 - run)));
    _mm_storeu_si128((__m128i *)(void *)p, f);
    /* utf8_hash16 with its constants xored into both halves at once (GCC kept them in two
     * registers for two xors, and the product's halves went through the stack) */
    __m128i k = _mm_xor_si128(f, _mm_set_epi64x((long long)UTF8_HASH_K2, (long long)(UTF8_HASH_INIT ^ UTF8_HASH_K1)));
    uint64_t lo = (uint64_t)_mm_cvtsi128_si64(k) ^ run, hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(k, k));
    uint32_t h = (uint32_t)utf8_mum(lo, hi);
    /* lower case first: TF_LOWER, else TF_CAP, and TF_ALLCAPS too for two letters or more none
     * of which is lower case (the first bit 5 set is after the word's) */
    unsigned z = (unsigned)__builtin_ctzll(bit5);
    unsigned cf = !z ? TF_LOWER : TF_CAP | (z >= run && run >= 2) * TF_ALLCAPS;
    tok_write(t, i, i + run, TOK_WORD, (uint16_t)cf, p, run, h);
}

/* Writes the comma or stop c at m as token t (push_mark's). */
static inline void block_mark(feit_token *t, size_t m, unsigned char c, uint16_t flags)
{
    tok_write(t, m, m + 1, TOK_PUNCT, flags, mark_fold[c], 1, utf8_hash16(c, 0, 1));
}

/* Whether an '@' is in the text's [end, end + 64) before lim (an e-mail address may go on
 * from a word there). The text is searched from end to its next '@' once, and that answers the
 * later asks up to it (a document's words ask in order): a search of 64 bytes at every word
 * before a stop or a hyphen (12k per 2 MB) was half of word_before_mark's instructions. */
static inline int at_sign_near(const feit_doc *d, block64 *blk, size_t end, size_t lim)
{
    if (end < blk->at_from || blk->at < end) {
        const char *q = memchr(d->text + end, '@', d->len - end);
        blk->at_from = end, blk->at = q ? (size_t)(q - d->text) : SIZE_MAX;
    }
    return blk->at < lim && blk->at - end < 64;
}

/* Whether at_sign_near's last search answers for end and finds no '@' in [end, end + 64) before
 * lim (0 when it must search again: plain_words' loop leaves that to word_before_mark, as a
 * call in the loop would keep the loop's masks in memory). */
static inline int known_no_at_sign(const block64 *blk, size_t end, size_t lim)
{
    return end >= blk->at_from && blk->at >= end && !(blk->at < lim && blk->at - end < 64);
}

/* Whether the word s[i..end) of ASCII letters, followed by c (one of . - _ + % : @ before lim),
 * is a token of its own, as the general path would make it, with c the next token's: not an
 * e-mail address (an '@' up to 64 bytes on), not a URL's first word (http https www), and
 * before a stop not an initial (one letter: the general path's) nor an abbreviation of the
 * language (an all-caps word is none: "de VS.", as there). Short words before a stop ("is.",
 * "haar.": 2k per 2 MB) are answered here, not by a second scan and the general path's tests. */
static __attribute__((noinline)) int word_before_mark(const feit_doc *d, block64 *blk, size_t i, size_t end,
                                                      size_t lim, unsigned char c)
{
    const char *s = d->text;
    if (c == '@' || url_prefix(s, i, lim))
        return 0;
    if (bclass[c] & B_MAIL && at_sign_near(d, blk, end, lim))
        return 0;
    size_t run = end - i;
    if (c != '.' || run > lang_abbrev_max(d->lang))
        return 1;
    if (run < 2)
        return 0;
    char low[LANG_ABBREV_MAX];
    unsigned lowers = 0;
    for (size_t k = 0; k < run; k++)
        low[k] = (char)(s[i + k] | 0x20), lowers |= bclass[(unsigned char)s[i + k]] & B_LOWER;
    int can_end;
    return !lowers || !lang_is_abbrev(d->lang, low, run, &can_end);
}

/* The plain words from i on, the shape of most text: under 16 ASCII letters (no digit), each
 * followed by a byte that can be no part of it (no stop, apostrophe, non-ASCII letter, '.' or
 * ':' of a URL's prefix, e-mail address) and, to go on, by one space and the next word's first
 * letter or digit; the last may be followed by a mark that word_before_mark finds no part of
 * it. Pushes them without flags (the caller gives the first its own; the others have a space
 * before them and none) and returns the end of the last one pushed, or the start of the first
 * word it does not take (then *stopped is set and the caller's general path takes that word,
 * with flags when it is the first). It allocates nothing: it takes only as many words as the
 * token array and the fold room have room for.
 *
 * A function of its own with few live values (the token array's end and the fold room in
 * locals, written back once): the general word loop below keeps them in memory (a fold's char
 * stores may alias d->ntoks) and spills the word's state around every token. Built twice, with
 * its blocks classified by SSE2 (plain_words_sse2) and by AVX2 (plain_words_avx2). */
static inline __attribute__((always_inline)) size_t plain_words_in(feit_doc *d, fold_buf *fb, block64 *blk, size_t i,
                                                                   size_t lim, int *stopped, int avx2)
{
    const char *s = d->text;
    feit_token *t = d->toks + d->ntoks;
    char *p = fb->p;
    /* A word starts at i <= last, which bounds the room it needs too: a word and its space take
     * two text bytes or more and one token, a word with a comma or stop after it three or more
     * and two tokens, and a word as many fold bytes as its text and the byte after it (its NUL;
     * a mark's fold is mark_fold's, none of the room: with two bytes of it, ", " took one fold
     * byte more than its text, and a run of them wrote past the room), so with the token room
     * of room tokens and left fold bytes, one more word at i and its mark find two tokens' room
     * while i - first <= room - 2, and the word's 16-byte store its room while i - first <=
     * left - 16. One test a word instead of three. */
    size_t room = d->ctoks - d->ntoks, left = fb->left, first = i;
    if (d->len < 16 || room < 2 || left < 16)
        return *stopped = 1, i;
    size_t last = d->len - 16; /* a word from here on is the byte loop's */
    if (last > first + room - 2)
        last = first + room - 2;
    if (last > first + left - 16)
        last = first + left - 16;
    *stopped = 1;
    int mark = 0; /* stopped before . - _ + % : or @ */
    /* the words from blk (classified again from i when i is past its 63rd byte, or when a word
     * runs to its end): a word of under 16 letters with a space and a letter after it goes on
     * to the next; the last word before what cannot go on is taken here too, and any other is
     * the loop's below, as are the text's last 64 bytes */
    while (i <= last) {
        if (i < blk->base || i - blk->base >= 63) {
            if (i + 64 > d->len)
                break;
            block64_at(blk, s + i, lim - i, avx2);
            blk->base = i;
        }
        block64 b = *blk; /* (in registers: the fold's stores may alias *blk) */
        size_t k = i - b.base;
        for (;;) {
            size_t run = (size_t)__builtin_ctzll(b.nonletter >> k);
            size_t e = k + run;
            if (run >= 16 || !(b.gap >> e & 1)) {
                if (run >= 16 || !run)
                    goto words;
                if (blk->goon >> e & 1) {
                    /* a comma or stop, then a space and a word: glued to this word (", ") or with
                     * a space before it (" , "). The word is a token of its own before a comma or
                     * a space; before a stop when word_before_mark would say so without asking the
                     * abbreviations (longer than they are, no URL's first word, no '@' near), else
                     * the last word's test below asks it. A stop notes the next word as a place a
                     * sentence may end, as token_split does after one. */
                    size_t m = b.base + e;
                    unsigned char c = (unsigned char)s[m];
                    uint16_t mf = TF_GLUED;
                    if (c == ' ')
                        c = (unsigned char)s[++m], mf = 0;
                    int take = c == ',' || (d->nends < d->cends &&
                                            (!mf || (run > blk->abbrev_max && !url_prefix(s, i, lim) &&
                                                     known_no_at_sign(blk, m, lim))));
                    if (take) {
                        block_word(t++, p, s, i, run, b.bit5 >> k);
                        p += run + 1;
                        block_mark(t++, m, c, mf);
                        if (c == '.')
                            d->ends[d->nends++] = (uint32_t)(t - d->toks);
                        i = m + 2;
                        break; /* (the outer loop takes the masks again: none is live here) */
                    }
                }
                if (e == 63) {
                    blk->base = SIZE_MAX; /* (the word may go on in the next block) */
                    break;
                }
                /* the last word, before what can be no part of it and no next word, as the
                 * loop below takes it: a space and no letter or digit, the end at lim, a line
                 * break, a comma, a parenthesis (not a digit, a stop, an apostrophe, a byte of
                 * 0x80 and up, a mark of an e-mail address or URL: the loop's) */
                size_t end = i + run;
                unsigned char c = end < lim ? (unsigned char)s[end] : ' ';
                if (c == ' ' ? end + 1 >= lim || !(bclass[(unsigned char)s[end + 1]] & B_ALNUM)
                             : c < 0x80 && !(bclass[c] & (B_DIGIT | B_MAIL | B_COLON)) && c != '\'') {
                    block_word(t++, p, s, i, run, b.bit5 >> k);
                    p += run + 1;
                    i = end, *stopped = 0;
                    goto out;
                }
                /* before . - _ + % : or @: the last word when it is a token of its own, or
                 * none taken here (what the loop below makes of it) */
                if (c < 0x80 && bclass[c] & (B_MAIL | B_COLON)) {
                    if (word_before_mark(d, blk, i, end, lim, c)) {
                        block_word(t++, p, s, i, run, b.bit5 >> k);
                        p += run + 1;
                        i = end, *stopped = 0;
                    }
                    goto out;
                }
                goto words;
            }
            block_word(t++, p, s, i, run, b.bit5 >> k);
            p += run + 1;
            k = e + 1, i = b.base + k;
            if (i > last)
                goto words;
        }
    }
words:
    for (;;) {
        if (i > last)
            break;
        block16 b = block16_at(s + i);
        size_t run = b.run;
        unsigned in = (1u << run) - 1;
        if (run == 16 || (b.dg & in) || i + run > lim)
            break; /* (a word running into lim is cut there: the general path's) */
        size_t end = i + run;
        unsigned char c = end < lim ? (unsigned char)s[end] : ' ';
        if (c != ' ' && (c >= 0x80 || c == '\'' || bclass[c] & (B_MAIL | B_COLON))) {
            mark = c < 0x80 && c != '\'';
            break;
        }
        plain_word(t++, p, &b, i, run);
        p += run + 1;
        i = end;
        if (c != ' ' || end + 1 >= lim || !(bclass[(unsigned char)s[end + 1]] & B_ALNUM)) {
            *stopped = 0;
            break;
        }
        i = end + 1;
    }
    /* (asked after the loop: a call in it would keep the loop's constants in memory) */
    if (mark) {
        block16 b = block16_at(s + i);
        if (word_before_mark(d, blk, i, i + b.run, lim, (unsigned char)s[i + b.run])) {
            plain_word(t++, p, &b, i, b.run);
            p += b.run + 1;
            i += b.run;
            *stopped = 0;
        }
    }
out:
    d->ntoks = (size_t)(t - d->toks);
    fb->left -= (size_t)(p - fb->p);
    fb->p = p;
    return i;
}

static __attribute__((noinline)) size_t plain_words_sse2(feit_doc *d, fold_buf *fb, block64 *blk, size_t i, size_t lim,
                                                         int *stopped)
{
    return plain_words_in(d, fb, blk, i, lim, stopped, 0);
}

#ifdef TOKEN_AVX2
/* plain_words built for AVX2 and BMI2, for a CPU that has them (token_split asks once a
 * document): its blocks classified in two steps (block64_avx2), its SSE2 steps in
 * three-operand forms, its shifts by a count in any register (shrx: a shift by cl tied rcx, and
 * the loop kept its text pointer and its bit masks on the stack). block64_avx2 is a call of
 * its own, one a block (~60 bytes of text): inlined, its 256-bit registers made GCC realign
 * this function's stack through rbp, one register fewer for the word loop. */
__attribute__((target("avx2,bmi,bmi2"), noinline)) static size_t plain_words_avx2(feit_doc *d, fold_buf *fb, block64 *blk,
                                                                         size_t i, size_t lim, int *stopped)
{
    return plain_words_in(d, fb, blk, i, lim, stopped, 1);
}
#endif

static inline size_t plain_words(feit_doc *d, fold_buf *fb, block64 *blk, size_t i, size_t lim, int *stopped)
{
#ifdef TOKEN_AVX2
    if (blk->avx2)
        return plain_words_avx2(d, fb, blk, i, lim, stopped);
#endif
    return plain_words_sse2(d, fb, blk, i, lim, stopped);
}
#endif

/* Notes token j as a place where a sentence may end (d->ends: sentence_split asks only these). */
static int note_end(feit_doc *d, size_t j)
{
    if (d->nends == d->cends && doc_grow((void **)&d->ends, &d->cends, d->nends, sizeof *d->ends))
        return FEIT_ENOMEM;
    d->ends[d->nends++] = (uint32_t)j;
    return 0;
}

/* The language's ASCII quotes (lang_ascii_quotes), taken once a document: ',' '.' '(' and the
 * like are a tenth of the tokens, and the language data's answer is a call and a binary search. */
typedef struct {
    uint64_t bits[2];
} ascii_quotes;

/* Whether the ASCII character c (below 0x80) is a quote of the language. */
static inline int ascii_quote(const ascii_quotes *q, int32_t c) { return q->bits[c >> 6] >> (c & 63) & 1; }

/* Pushes the ASCII mark b at i, a token of its own of kind TOK_PUNCT (not a quote, not "...") or
 * TOK_QUOTE. */
static inline int push_mark(feit_doc *d, size_t i, unsigned char b, uint16_t kind, uint16_t flags)
{
    return push_folded(d, i, i + 1, kind, flags, mark_fold[b], 1, utf8_hash16(b, 0, 1));
}

/* The quotes of 0x80 and up met in a document, with the fold and hash of the token the general
 * path made of the first (its fold, in the document's arena, is shared by the later ones): „ ”
 * ‘ ’ and their like are a fiftieth of the tokens, and each took a decoding, the class tests
 * of a word, the language's answer and utf8_fold again. */
#define WIDE_QUOTES 8
typedef struct {
    int32_t c[WIDE_QUOTES];
    const char *fold[WIDE_QUOTES];
    uint32_t fold_len[WIDE_QUOTES], hash[WIDE_QUOTES];
    uint16_t flags[WIDE_QUOTES]; /* what push_token gave its token of its own (case shape) */
    int n;
} wide_quotes;

/* The slot of the quote c, or -1 when it has not been met in the document. */
static inline int wide_quote(const wide_quotes *q, int32_t c)
{
    for (int k = 0; k < q->n; k++)
        if (q->c[k] == c)
            return k;
    return -1;
}

/* Pushes the quote c at i (len bytes): ASCII, or one of wq. (Not inlined: token_split's loop
 * keeps its registers.) */
static __attribute__((noinline)) int push_quote(feit_doc *d, const wide_quotes *wq, size_t i, int len,
                                                int32_t c, uint16_t flags)
{
    if (c < 0x80)
        return push_mark(d, i, (unsigned char)c, TOK_QUOTE, flags);
    int k = wide_quote(wq, c);
    return push_folded(d, i, i + (size_t)len, TOK_QUOTE, flags | wq->flags[k], wq->fold[k], wq->fold_len[k], wq->hash[k]);
}

/* Whether the quote c at i (len bytes) is a token of its own whatever follows: not an
 * apostrophe before s or t, which the general path may take as a word ('s-Hertogenbosch). */
static inline int quote_alone(const char *s, size_t i, int len, size_t lim, int32_t c)
{
    if (!is_apostrophe(c) || i + (size_t)len >= lim)
        return 1;
    unsigned char a = (unsigned char)s[i + (size_t)len] | 32;
    return a != 's' && a != 't';
}

/* Whether the byte at i, right after a word, is a mark that is a token of its own followed by
 * a space and a letter or digit (", " ". " ") ": the commonest of what stops plain_words). */
static inline int mark_then_word(const feit_doc *d, const ascii_quotes *aq, size_t i, size_t lim)
{
    const char *s = d->text;
    return i + 2 < lim && bclass[(unsigned char)s[i]] & B_PUNCT && s[i + 1] == ' ' &&
           bclass[(unsigned char)s[i + 2]] & B_ALNUM && !ascii_quote(aq, (unsigned char)s[i]);
}

/* Longest word the one-pass path takes; longer ones take the general path. */
#define ASCII_WORD_MAX 64

int token_split(feit_doc *d)
{
    const char *s = d->text;
    size_t n = d->len;
    size_t bi = 0;     /* next forced break */
    size_t i = 0;
    size_t lim = d->nbreaks ? d->breaks[0] : n; /* scanning stops here: the next break or the end */
    int newlines = 0, space = 0, forced = 0;
    /* no sentence can end after the last token: a word without a stop, or a mark or number
     * that is no terminal or closer (sentence.c asks after those only) */
    int cannot_end = 0;
    fold_buf fb = {NULL, 0};
    ascii_quotes aq;
    lang_ascii_quotes(d->lang, aq.bits);
    wide_quotes wq;
    wq.n = 0;
#ifdef __SSE2__
    block64 blk = {.base = SIZE_MAX}; /* plain_words' last block, for its next call */
#ifdef TOKEN_AVX2
    blk.avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2"), blk.k = block64_k;
#endif
    blk.marks = ascii_quote(&aq, ',') || ascii_quote(&aq, '.') ? 0 : ~0ull;
    blk.abbrev_max = lang_abbrev_max(d->lang);
#endif
    d->nends = 0;
    while (i < n) {
        if (lim <= i) { /* only before a break: lim is n after the last */
            while (bi < d->nbreaks && d->breaks[bi] <= i)
                forced = 1, bi++;
            lim = bi < d->nbreaks ? d->breaks[bi] : n;
#ifdef __SSE2__
            blk.base = SIZE_MAX; /* (classified up to the old lim) */
#endif
        }
        unsigned char b = (unsigned char)s[i];
        /* ASCII white space (and NUL) without decoding, up to the next break; what follows it
         * before the break is a token's first byte */
        if (bclass[b] & B_SPACE) {
            space = 1;
            do
                newlines += s[i++] == '\n';
            while (i < lim && bclass[(unsigned char)s[i]] & B_SPACE);
            if (i >= lim)
                continue;
            b = (unsigned char)s[i];
        }
        scan sc = {s, lim};
        int len = 1;
        int32_t c = b;
        if (b >= 0x80) { /* (ASCII white space was skipped above) */
            c = utf8_decode_slow(s + i, n - i, &len);
            if (utf8_is_space(c)) {
                space = 1;
                i += (size_t)len;
                continue;
            }
        }
        uint16_t flags = 0; /* (a newline is white space too) */
        if (newlines >= 2 || forced)
            flags = TF_PARA | TF_NEWLINE;
        else if (newlines == 1)
            flags = TF_NEWLINE;
        else if (!space && d->ntoks)
            flags = TF_GLUED;
        newlines = 0, space = 0, forced = 0;
        /* a sentence can end before this token only after a line break or a token that may
         * end one, so the splitter asks only at the tokens noted here, not at every token */
        if ((!cannot_end || flags & (TF_NEWLINE | TF_PARA)) && note_end(d, d->ntoks))
            return FEIT_ENOMEM;
        cannot_end = 0;

        /* one ASCII punctuation mark (not a quote of the language, not "..."), a tenth of the
         * tokens: what the general path below makes of it, without its tests */
        if (bclass[b] & B_PUNCT && !(b == '.' && i + 1 < lim && s[i + 1] == '.') && !ascii_quote(&aq, b)) {
            if (push_mark(d, i, b, TOK_PUNCT, flags))
                return FEIT_ENOMEM;
            i++;
            cannot_end = !(bclass[b] & B_END);
            continue;
        }
        /* a quote (what the general path below makes of it, without its tests): ASCII, or one
         * met before in the document */
        if (b < 0x80 ? !(bclass[b] & B_ALNUM) && b != '@' && b != '#' && ascii_quote(&aq, b)
                     : c != UTF8_INVALID && wide_quote(&wq, c) >= 0) {
            if (quote_alone(s, i, len, lim, c)) {
                if (push_quote(d, &wq, i, len, c, flags))
                    return FEIT_ENOMEM;
                i += (size_t)len;
                continue;
            }
        }
        size_t end = 0;
        uint16_t kind = TOK_OTHER;
        int letters = 0;
        char *fold = NULL; /* set when the one-pass ASCII word path folded the token */
        ascii_word aw;
        int ascii_alnum = bclass[b] & B_ALNUM;
        if (!ascii_alnum && (c == '@' || c == '#') && i + 1 < sc.n) {
            int l2;
            int32_t next = peek(&sc, i + 1, &l2);
            if (next >= 0 && is_alnum(next)) {
                end = i + 1;
                while ((next = peek(&sc, end, &l2)) >= 0 && (is_alnum(next) || next == '_'))
                    end += (size_t)l2;
                kind = TOK_HANDLE;
            }
        }
        if (!end && (ascii_alnum || (c >= 0x80 && is_alnum(c)))) {
            size_t w = 0;
            if (ascii_alnum) {
#ifdef __SSE2__
                int stopped;
                size_t first = d->ntoks;
                size_t at = plain_words(d, &fb, &blk, i, lim, &stopped);
                if (d->ntoks != first) /* (out of the loop there: one register fewer in it) */
                    d->toks[first].flags |= flags;
                /* a mark glued to the last word, then a space and a word: the mark is pushed
                 * and plain_words goes on after the space, without a round of the main loop
                 * for the mark and one for the space (what they would make of them) */
                while (!stopped && mark_then_word(d, &aq, at, lim)) {
                    unsigned char m = (unsigned char)s[at];
                    if (push_mark(d, at, m, TOK_PUNCT, TF_GLUED) || (bclass[m] & B_END && note_end(d, d->ntoks)))
                        return FEIT_ENOMEM;
                    i = at + 2, flags = 0;
                    at = plain_words(d, &fb, &blk, i, lim, &stopped);
                }
                if (!stopped) { /* the main loop goes on after the last word */
                    i = at, cannot_end = 1;
                    continue;
                }
                if (at != i)
                    i = at, flags = 0;
#endif
                if (!(fold = fold_room(&d->arena, &fb, ASCII_WORD_MAX + 1)))
                    return FEIT_ENOMEM;
                /* the word plain_words leaves (a number, a word of 16 bytes or more, one
                 * before a stop, a non-ASCII letter, an apostrophe): when what follows can be no
                 * part of it (no stop, no e-mail address, no ':' or '.' of a URL's prefix), the
                 * word is the token, and the main loop goes on after it (to plain_words again
                 * after a space). A URL's first word (http https www) runs into ':' or '.', so
                 * the URL test waits for the words that do, below. */
                if ((w = scan_ascii_word(s, i, lim, n, fold, ASCII_WORD_MAX + 1, &aw)) &&
                    (w == lim || !(bclass[(unsigned char)s[w]] & (B_MAIL | B_COLON)))) {
                    fold_take(&fb, w - i + 1);
                    if (push_folded(d, i, w, aw.letters ? TOK_WORD : TOK_NUM, flags | aw.case_flags, fold, w - i,
                                    aw.hash))
                        return FEIT_ENOMEM;
                    i = w, cannot_end = 1;
                    continue;
                }
                /* the word at i is the general path's: a URL's, or a word */
                b = (unsigned char)s[i], c = b;
                if (url_prefix(s, i, lim) && (end = scan_url(&sc, i))) {
                    kind = TOK_URL, fold = NULL;
                } else if (w) {
                    kind = aw.letters ? TOK_WORD : TOK_NUM, letters = aw.letters;
                } else {
                    fold = NULL;
                }
            }
            if (!end) { /* (a URL's end is set) */
                if (!w)
                    w = scan_word(&sc, i, &kind, &letters);
                /* an e-mail address only when the word runs into '@' (or '.'/'-'/'_' parts of a
                 * local part), so ordinary words are scanned once */
                unsigned char at = w < sc.n ? (unsigned char)s[w] : ' ';
                size_t e = (bclass[at] & B_MAIL) && (at == '@' || memchr(s + w, '@', sc.n - w < 64 ? sc.n - w : 64))
                               ? scan_email(&sc, i)
                               : 0;
                if (e) {
                    end = e, kind = TOK_EMAIL;
                } else {
                    end = w;
                    /* full stops that belong to the word */
                    if (at == '.') {
                        size_t wlen = end - i;
                        int one_letter = letters == 1 && kind == TOK_WORD && wlen <= 2;
                        int can_end;
                        /* "schrijft hij op X. Hij ...": after a lower-case word, before a subject
                         * pronoun or the end of the line, one capital is a word ending a sentence
                         * (initials follow a given name or come before a surname) */
                        if (one_letter && !(flags & TF_GLUED) && d->ntoks && d->toks[d->ntoks - 1].kind == TOK_WORD &&
                            (d->toks[d->ntoks - 1].flags & TF_LOWER) && ends_sentence(&sc, d->lang, end))
                            one_letter = 0;
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
                        } else if (kind == TOK_WORD && wlen <= lang_abbrev_max(d->lang)) {
                            char low[LANG_ABBREV_MAX];
                            for (size_t k = 0; k < wlen; k++)
                                low[k] = (s[i + k] >= 'A' && s[i + k] <= 'Z') ? (char)(s[i + k] + 32) : s[i + k];
                            /* an all-caps word before a stop is an acronym ending a sentence
                             * ("de VS."), not an abbreviation */
                            int allcaps = 1;
                            for (size_t k = 0; k < wlen; k++)
                                allcaps &= !(s[i + k] >= 'a' && s[i + k] <= 'z');
                            if (!allcaps && lang_is_abbrev(d->lang, low, wlen, &can_end)) {
                                end++;
                                flags |= TF_ABBREV;
                            }
                        }
                    }
                }
                if (end != w) /* the token is not the word the one-pass path folded */
                    fold = NULL;
            }
        } else if (!end && is_apostrophe(c)) {
            /* 's and 't as words: 's-Hertogenbosch, 's avonds, 't Hooft */
            int l2, l3;
            int32_t a = peek(&sc, i + (size_t)len, &l2);
            int32_t b2 = a >= 0 ? peek(&sc, i + (size_t)len + (size_t)l2, &l3) : -1;
            if ((a == 's' || a == 't' || a == 'S' || a == 'T') && (b2 < 0 || !utf8_is_letter(b2))) {
                end = i + (size_t)len + (size_t)l2;
                kind = TOK_WORD;
            }
        }
        if (end <= i) { /* nothing took it (or a word cut to nothing by a forced break): one character */
            end = i + (size_t)len;
            if (c == UTF8_INVALID && len == 1)
                kind = TOK_OTHER;
            else if (c < 0x80 ? ascii_quote(&aq, c) : lang_is_quote(d->lang, c))
                kind = TOK_QUOTE;
            else if (c == '.' && end + 1 < sc.n && s[end] == '.' && s[end + 1] == '.')
                end += 2, kind = TOK_PUNCT; /* ... */
            else if (c < 0x80)
                kind = bclass[c] & B_PUNCT ? TOK_PUNCT : TOK_OTHER;
            else {
                utf8proc_category_t k = utf8proc_category(c);
                kind = (k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO) ? TOK_PUNCT : TOK_OTHER;
            }
        }
        if (fold) {
            size_t wlen = end - i;
            fold_take(&fb, wlen + 1);
            if (push_folded(d, i, end, kind, flags | aw.case_flags, fold, wlen, aw.hash))
                return FEIT_ENOMEM;
        } else if (push_token(d, &fb, i, end, kind, flags)) {
            return FEIT_ENOMEM;
        }
        if (kind == TOK_QUOTE && c >= 0x80 && wq.n < WIDE_QUOTES && wide_quote(&wq, c) < 0) {
            const feit_token *t = &d->toks[d->ntoks - 1];
            wq.c[wq.n] = c, wq.fold[wq.n] = t->fold, wq.fold_len[wq.n] = t->fold_len, wq.hash[wq.n] = t->hash;
            wq.flags[wq.n++] = (uint16_t)(t->flags & ~flags);
        }
        /* after a word or number of the general path (a non-ASCII letter, an apostrophe, a
         * word before '-' or ':'), as after the fast paths' words, a sentence ends only at a
         * line break (sentence.c's ends_at: no terminal, closer or abbreviation) */
        cannot_end = (kind == TOK_WORD || kind == TOK_NUM) && !(flags & TF_ABBREV);
        i = end;
    }
    return 0;
}
