/*
 * html.h — the article text of a saved web page, for the reader (reader.c): parsed with gumbo
 * (an HTML5 parser: the tree a browser builds, character references decoded), the article
 * body found (itemprop=articleBody, else <article>, else <main>, else the block holding the
 * most paragraph text), and its paragraphs, headings and list items written as lines with a
 * blank line between them. Scripts, styles, navigation, asides, footers, forms, figures and
 * hidden elements are dropped, and so are blocks that are mostly links ("Lees ook" and "Meer
 * uit ..." lists of other articles) with the heading just before them.
 */
#ifndef FEIT_HTML_H
#define FEIT_HTML_H

#include <stddef.h>

/* 1 when p[0..n) starts as an HTML page does (after white space, an XML declaration and
 * comments: "<!DOCTYPE html" or "<html", any case). */
int html_sniff(const char *p, size_t n);

/* The charset a page declares in its first 4 KiB (<meta charset=...> or
 * <meta http-equiv="Content-Type" content="...; charset=...">), into buf; NULL when none. */
const char *html_declared_charset(const char *p, size_t n, char *buf, size_t cap);

/*
 * Extracts the article of html[0..n) (UTF-8; invalid bytes are read as U+FFFD). On success
 * returns 0 with *text (owned, NUL-terminated, *len bytes; "" when the page has no text) and
 * *meta (owned): a compact JSON object, keys sorted, of what the page says about itself —
 * "title", "date", "author", "description", "url", "site", each only when present. Returns
 * FEIT_ENOMEM when out of memory, FEIT_ETOOBIG when the parse tree would need more than
 * 64 bytes of memory per input byte (plus 64 MiB).
 */
int html_extract(const char *html, size_t n, char **text, size_t *len, char **meta);

#endif
