/*
 * encoding.h — input bytes into UTF-8, for the reader (reader.c) and the format parsers: byte-
 * order marks, UTF-16/32, legacy 8-bit text (detected with uchardet, converted with iconv) and
 * stray invalid bytes in UTF-8 (each invalid sequence becomes U+FFFD). Nothing here reads a
 * file or prints; the reader decides what to report.
 *
 * Ownership: every returned buffer is malloc'd and owned by the caller (free); enc_stream is
 * owned (enc_stream_free). Charset names are iconv's ("UTF-16LE", "WINDOWS-1252").
 */
#ifndef FEIT_ENCODING_H
#define FEIT_ENCODING_H

#include <stddef.h>

/* What p[0..n) holds as UTF-8: valid multi-byte characters, invalid sequences, and how many of
 * those are UTF-8 shaped (a lead byte followed by continuation bytes: a cut or corrupt
 * character, as opposed to a lone high byte of an 8-bit encoding). first_bad: the offset of
 * the first invalid sequence (n when none). A character cut by the end of p counts as invalid
 * unless at_end is 0, when it is left out. */
typedef struct enc_scan {
    size_t valid_multi, invalid, shaped, first_bad;
} enc_scan;
void enc_scan_utf8(const char *p, size_t n, int at_end, enc_scan *s);

/* 1 when text with this scan is better read as a legacy 8-bit encoding than as UTF-8 with
 * stray bytes: more invalid sequences than valid characters, most of them lone high bytes. */
int enc_looks_legacy(const enc_scan *s);

/* The byte-order mark at p: its length (0 when none), and in *charset the encoding it marks
 * (NULL for UTF-8). */
size_t enc_bom(const char *p, size_t n, const char **charset);

/* UTF-16 without a byte-order mark: "UTF-16LE" or "UTF-16BE" when p[0..n) looks like ASCII-range
 * text in it (most code units have a zero high byte), else NULL. */
const char *enc_guess_utf16(const char *p, size_t n);

/* The 8-bit encoding of p[0..n) (not valid UTF-8). uchardet guesses; a guess in the Latin-script
 * family (ISO-8859-x, Windows-125x, DOS and Mac code pages for Western and Central European
 * languages; short texts are easily taken for the wrong one) is read as WINDOWS-1252, the
 * superset of Latin-1's printable characters that most such files are in. A guess for another
 * script (Cyrillic, Greek, CJK ...) is kept when iconv knows it. Writes uchardet's own answer
 * ("" when it had none) into detected. Returns a static string or the one in detected. */
const char *enc_guess_legacy(const char *p, size_t n, char *detected, size_t cap);

/* 1 when iconv can convert from charset to UTF-8. */
int enc_known(const char *charset);

/* 1 when charset names UTF-8 (utf8, UTF-8, utf-8 ...). */
int enc_is_utf8(const char *charset);

/* p[0..n) with every invalid UTF-8 sequence replaced by U+FFFD; *nbad gets their number.
 * NULL when out of memory. */
char *enc_fix_utf8(const char *p, size_t n, size_t *out_len, size_t *nbad);

/* p[0..n) converted from charset to UTF-8; bytes that are not valid in charset become U+FFFD
 * (*nbad counts them). NULL when out of memory or charset is unknown to iconv. */
char *enc_convert(const char *charset, const char *p, size_t n, size_t *out_len, size_t *nbad);

/* Streaming conversion from charset to UTF-8 (a whole file read chunk by chunk). */
typedef struct enc_stream enc_stream;
enc_stream *enc_stream_new(const char *charset); /* NULL: unknown charset or out of memory */
void enc_stream_free(enc_stream *s);
/* Converts from in[0..*inlen) into out[0..outcap): *inlen gets the bytes consumed, the return
 * value the bytes written. A character cut by the end of in waits for the next call unless
 * at_end. Invalid input becomes U+FFFD (counted in *nbad). Needs outcap >= 8. */
size_t enc_stream_convert(enc_stream *s, const char *in, size_t *inlen, char *out, size_t outcap, int at_end, size_t *nbad);

#endif
