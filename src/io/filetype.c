/* filetype.c — what a file is, by content (see filetype.h). libmagic costs a fraction of a
 * millisecond a file and its database a few milliseconds to load, so it is asked only about
 * bytes that do not look like text. */
#include "io/filetype.h"

#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct filetype {
    magic_t m; /* NULL: libmagic or its database is missing (then nothing is refused) */
};

void filetype_free(filetype *ft)
{
    if (!ft)
        return;
    if (ft->m)
        magic_close(ft->m);
    free(ft);
}

/* Text has no control characters but tab, line feed, vertical tab, form feed, carriage return
 * and escape; PDF and PostScript start as text but are not. */
static int looks_textual(const char *p, size_t n)
{
    if ((n >= 5 && !memcmp(p, "%PDF-", 5)) || (n >= 2 && !memcmp(p, "%!", 2)) || (n >= 5 && !memcmp(p, "{\\rtf", 5)))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 && !(c >= '\t' && c <= '\r') && c != 0x1B)
            return 0;
    }
    return 1;
}

static int prefix(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* What to do with a file of this MIME type that is not text. */
static const char *advice(const char *mime)
{
    if (!strcmp(mime, "application/pdf") || !strcmp(mime, "application/postscript"))
        return "convert it to text first (pdftotext)";
    if (prefix(mime, "application/msword") || prefix(mime, "application/vnd.ms-") ||
        prefix(mime, "application/vnd.openxmlformats") || prefix(mime, "application/vnd.oasis.opendocument") ||
        !strcmp(mime, "text/rtf") || !strcmp(mime, "application/rtf") || prefix(mime, "application/epub"))
        return "save it as text first";
    if (strstr(mime, "zip") || strstr(mime, "tar") || strstr(mime, "compress") || strstr(mime, "rar") ||
        strstr(mime, "bzip") || strstr(mime, "-xz") || strstr(mime, "zstd") || strstr(mime, "lzma") ||
        strstr(mime, "archive") || strstr(mime, "iso9660"))
        return "unpack it first";
    return "not a text file";
}

const char *filetype_refuse(filetype **ft, const char *p, size_t n, char *buf, size_t cap)
{
    if (!n || looks_textual(p, n > 4096 ? 4096 : n))
        return NULL;
    if (!*ft) {
        if (!(*ft = calloc(1, sizeof **ft)))
            return NULL;
        (*ft)->m = magic_open(MAGIC_MIME_TYPE);
        if ((*ft)->m && magic_load((*ft)->m, NULL) != 0) {
            magic_close((*ft)->m);
            (*ft)->m = NULL;
        }
    }
    magic_t m = (*ft)->m;
    if (!m)
        return NULL;
    magic_setflags(m, MAGIC_MIME_TYPE);
    const char *t = magic_buffer(m, p, n);
    if (!t)
        return NULL;
    char mime[128];
    snprintf(mime, sizeof mime, "%s", t);
    /* text of any kind, and what libmagic cannot name (the reader's own checks decide) */
    if (prefix(mime, "text/") && strcmp(mime, "text/rtf"))
        return NULL;
    if (!strcmp(mime, "application/octet-stream") || !strcmp(mime, "application/json") || prefix(mime, "message/") ||
        strstr(mime, "empty") || !strcmp(mime, "application/xml") || !strcmp(mime, "application/javascript"))
        return NULL;
    magic_setflags(m, MAGIC_NONE);
    const char *d = magic_buffer(m, p, n);
    char what[160];
    snprintf(what, sizeof what, "%s", d && *d ? d : mime);
    /* "PNG image data, 48 x 48, ..." -> "PNG image data"; a PDF keeps its version */
    char *comma = strchr(what, ',');
    if (comma && !strncmp(what, "PDF document", 12))
        comma = strchr(comma + 1, ',');
    if (comma)
        *comma = '\0';
    snprintf(buf, cap, "%s (%s): %s", what, mime, advice(mime));
    return buf;
}
