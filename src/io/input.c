/* input.c — the document as read (feit.h: feit_input_doc), shared by the reader and the
 * parsers of the formats it reads. */
#include "feit.h"

#include <stdlib.h>
#include <string.h>

void feit_input_doc_free(feit_input_doc *d)
{
    free(d->id), free(d->text), free(d->meta), free(d->where);
    memset(d, 0, sizeof *d);
}
