/* embed.c — libfeit in a program of your own: the entities and the triples of one text.
 *
 *     cc -o embed examples/embed.c $(pkg-config --cflags --libs feit)
 *     ./embed "Rusland en Iran gaan nauwer samenwerken."      # or the text on standard input
 *
 * With the library installed under a prefix the loader does not search, add
 * LD_LIBRARY_PATH=PREFIX/lib (or link with -Wl,-rpath,PREFIX/lib). The data directory is found
 * as feit.h says (FEIT_DATA, else the one installed with the library). make test builds this
 * file against an installed copy (tests/sh/install.sh).
 */
#define _POSIX_C_SOURCE 200809L /* strdup, open_memstream */
#include <feit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    /* the text: the first argument, else standard input */
    char *text = NULL;
    size_t len = 0;
    if (argc > 1) {
        text = strdup(argv[1]);
        len = text ? strlen(text) : 0;
    } else {
        FILE *mem = open_memstream(&text, &len);
        char chunk[4096];
        size_t n;
        while (mem && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            fwrite(chunk, 1, n, mem);
        if (mem)
            fclose(mem);
    }
    if (!text) {
        fprintf(stderr, "embed: out of memory\n");
        return 2;
    }

    feit_error err;
    feit_context *ctx = feit_context_new(NULL, &err); /* NULL: feit_options_default() */
    if (!ctx) {
        fprintf(stderr, "embed: %s:%d:%d: %s\n", err.file, err.line, err.column, err.text);
        free(text);
        return 2;
    }
    feit_worker *w = feit_worker_new(ctx);
    const feit_result *r = w ? feit_process(w, "embed", text, len) : NULL;
    if (!r) {
        fprintf(stderr, "embed: out of memory\n");
        feit_worker_free(w);
        feit_context_free(ctx);
        free(text);
        return 2;
    }
    printf("feit %s: %zu sentences, %zu entities, %zu triples\n", feit_version(), r->nsentences, r->nentities,
           r->ntriples);
    for (size_t i = 0; i < r->nentities; i++) {
        const feit_entity *e = &r->entities[i];
        printf("entity  %.*s  -> %s (%s, %s%s%s)\n", (int)(e->end - e->start), text + e->start, e->canonical,
               feit_type_name(e->type), feit_form_name(e->form), e->kb ? ", " : "", e->kb ? e->kb : "");
    }
    for (size_t i = 0; i < r->ntriples; i++) {
        const feit_triple *t = &r->triples[i];
        printf("triple  %s  %s  %s  (rule %s, confidence %.2f)\n", t->subject.canonical, t->predicate,
               t->object.canonical, t->rule, t->confidence);
    }
    feit_worker_free(w);
    feit_context_free(ctx);
    free(text);
    return 0;
}
