/*
 * filetype.h — files that are not text (images, PDFs, office documents, archives,
 * executables), told by their content with libmagic, so that the reader skips them with a
 * line naming what they are instead of reading their bytes as an article.
 */
#ifndef FEIT_FILETYPE_H
#define FEIT_FILETYPE_H

#include <stddef.h>

typedef struct filetype filetype; /* libmagic's database, loaded on first use */

void filetype_free(filetype *ft);

/* Looks at the first bytes of a file, p[0..n). NULL when it may be text (the reader reads
 * it); else why it is not, written into buf ("PNG image data: not a text file", "PDF
 * document, version 1.4: convert it to text first (pdftotext)"). *ft is created when libmagic
 * is first needed: bytes that look like text (no control characters) never need it. */
const char *filetype_refuse(filetype **ft, const char *p, size_t n, char *buf, size_t cap);

#endif
