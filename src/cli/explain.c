/* explain.c — `feit explain [--predicate NAME] [TEXT | -]`: why facts did, or did not, come
 * out of one text (feit.h: feit_explain), for a rule author reading along. */
#include "cli.h"

#include "feit.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: feit explain [--predicate NAME] [--data-dir DIR] [--gazetteers DIR] [--rules FILE] [TEXT | -]\n"
               "  TEXT: the text itself, as one argument; - or none reads standard input\n"
               "  --predicate NAME   also the nearest rules for NAME that did not fire, and where each stopped\n"
               "  --data-dir DIR     the data directory (default: $FEIT_DATA, else the installed one)\n"
               "  --gazetteers DIR   entity lists instead of the compiled ones; --rules FILE other rules\n");
}

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n < cap)
            break;
        char *p = realloc(buf, cap * 2);
        if (!p)
            free(buf);
        buf = p, cap *= 2;
    }
    *len = n;
    return buf;
}

int cmd_explain(int argc, char **argv)
{
    enum { O_PRED = 256, O_DATA, O_GAZ, O_RULES, O_HELP };
    static const struct option opts[] = {{"predicate", required_argument, 0, O_PRED}, {"data-dir", required_argument, 0, O_DATA},
                                         {"gazetteers", required_argument, 0, O_GAZ},  {"rules", required_argument, 0, O_RULES},
                                         {"help", no_argument, 0, O_HELP},             {0, 0, 0, 0}};
    feit_options fo = feit_options_default();
    const char *predicate = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case O_PRED: predicate = optarg; break;
        case O_DATA: fo.data_dir = optarg; break;
        case O_GAZ: fo.gazetteers = optarg; break;
        case O_RULES: fo.rules = optarg; break;
        case 'h':
        case O_HELP: usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, "feit explain: one text (quote it), or - for standard input\n");
        return 2;
    }
    size_t len;
    char *text;
    if (optind == argc || !strcmp(argv[optind], "-")) {
        text = read_all(stdin, &len);
    } else {
        len = strlen(argv[optind]);
        text = malloc(len + 1);
        if (text)
            memcpy(text, argv[optind], len + 1);
    }
    if (!text) {
        fprintf(stderr, "feit explain: out of memory\n");
        return 2;
    }
    feit_error err;
    feit_context *ctx = feit_context_new(&fo, &err);
    if (!ctx) {
        cli_print_error(stderr, "feit explain", &err);
        free(text);
        return 2;
    }
    feit_worker *w = feit_worker_new(ctx);
    feit_buf out = {0};
    int rc = w ? feit_explain(w, text, len, predicate, &out) : FEIT_ENOMEM;
    if (out.len)
        fwrite(out.data, 1, out.len, stdout);
    int status = 0;
    if (rc == FEIT_ENOMEM)
        fprintf(stderr, "feit explain: out of memory\n"), status = 2;
    else if (rc)
        status = 2; /* an unknown predicate: the explanation says so */
    feit_buf_free(&out);
    feit_worker_free(w);
    feit_context_free(ctx);
    free(text);
    return status;
}
