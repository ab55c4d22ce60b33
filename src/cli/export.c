/*
 * export.c — `feit export`: reads triple records (or `--emit documents` records holding a
 * "triples" list) as JSON Lines, plain or gzip, and streams them to N-Triples, N-Quads, Neo4j
 * import CSV or flat CSV through the library's exporter (feit_export.h). Bad lines are reported as file:line and skipped.
 */
#include "cli.h"
#include "feit.h"
#include "feit_export.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: feit export [--format ntriples|nquads|neo4j|csv] [-o OUT] [--base IRI] [FILE.jsonl|-] ...\n"
            "\n"
            "Reads `feit extract` triples (or `--emit documents`) JSON Lines, plain or .gz; no FILE or -\n"
            "reads standard input.\n"
            "  --format F   ntriples (default), nquads (one named graph per document), neo4j, csv\n"
            "  -o OUT       output file (default: standard output); for neo4j a directory (required),\n"
            "               receiving nodes.csv and relationships.csv for neo4j-admin database import\n"
            "  --base IRI   project base IRI for entities without a Wikidata id (default %s)\n"
            "  --max-doc-bytes N  skip (and report) input lines longer than N bytes (default %zu)\n"
            "Exit status: 0 ok, 1 some lines skipped (reported on stderr as file:line), 2 usage or I/O\n"
            "error. The model is described in docs/export.md.\n",
            FEIT_EXPORT_BASE, FEIT_MAX_RECORD_BYTES);
}

static void report(void *user, const feit_error *err)
{
    (void)user;
    cli_print_error(stderr, "feit export", err);
}

static FILE *open_out(const char *dir, const char *file)
{
    char path[4096];
    if (dir)
        snprintf(path, sizeof path, "%s/%s", dir, file);
    else
        snprintf(path, sizeof path, "%s", file);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "feit export: %s: %s\n", path, strerror(errno));
    return f;
}

static int base_ok(const char *b)
{
    size_t n = strlen(b);
    if (n < 4 || n > 256 || (b[n - 1] != '/' && b[n - 1] != '#') || !strchr(b, ':'))
        return 0;
    for (const unsigned char *p = (const unsigned char *)b; *p; p++)
        if (*p <= 0x20 || *p == 0x7F || strchr("<>\"{}|^`\\", *p))
            return 0;
    return 1;
}

int cmd_export(int argc, char **argv)
{
    const char *format = "ntriples", *out = NULL, *base = NULL, *max_line = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, status = 0;
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return 0;
        }
        if (!strcmp(a, "--format") || !strcmp(a, "-f"))
            dst = &format;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
            dst = &out;
        else if (!strcmp(a, "--base"))
            dst = &base;
        else if (!strcmp(a, "--max-doc-bytes"))
            dst = &max_line;
        else if (!strncmp(a, "--format=", 9))
            format = a + 9;
        else if (!strncmp(a, "--output=", 9))
            out = a + 9;
        else if (!strncmp(a, "--base=", 7))
            base = a + 7;
        else if (!strncmp(a, "--max-doc-bytes=", 16))
            max_line = a + 16;
        else if (!strcmp(a, "--")) {
            while (++i < argc)
                files[nfiles++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "feit export: unknown option '%s'\n", a);
            usage(stderr);
            free(files);
            return 2;
        } else
            files[nfiles++] = a;
        if (dst) {
            if (++i >= argc) {
                fprintf(stderr, "feit export: option '%s' needs a value\n", a);
                free(files);
                return 2;
            }
            *dst = argv[i];
        }
    }
    feit_export_format fmt;
    if (!strcmp(format, "ntriples") || !strcmp(format, "nt"))
        fmt = FEIT_EXPORT_NTRIPLES;
    else if (!strcmp(format, "nquads") || !strcmp(format, "nq"))
        fmt = FEIT_EXPORT_NQUADS;
    else if (!strcmp(format, "neo4j"))
        fmt = FEIT_EXPORT_NEO4J;
    else if (!strcmp(format, "csv"))
        fmt = FEIT_EXPORT_CSV;
    else {
        fprintf(stderr, "feit export: unknown format '%s' (ntriples, nquads, neo4j, csv)\n", format);
        free(files);
        return 2;
    }
    if (base && !base_ok(base)) {
        fprintf(stderr, "feit export: --base '%s' must be an absolute IRI ending in '/' or '#', without "
                        "spaces or <>\"{}|^`\\\n", base);
        free(files);
        return 2;
    }
    size_t max = FEIT_MAX_RECORD_BYTES;
    if (max_line) {
        char *end;
        long long v = strtoll(max_line, &end, 10);
        if (*end || v < 1 || v > (1ll << 31)) {
            fprintf(stderr, "feit export: --max-doc-bytes must be a number from 1 to 2147483648\n");
            free(files);
            return 2;
        }
        max = (size_t)v;
    }
    if (fmt == FEIT_EXPORT_NEO4J && !out) {
        fprintf(stderr, "feit export: --format neo4j needs -o DIR\n");
        free(files);
        return 2;
    }
    if (!nfiles)
        files[nfiles++] = "-";

    FILE *fo = stdout, *fr = NULL;
    if (fmt == FEIT_EXPORT_NEO4J) {
        if (mkdir(out, 0777) && errno != EEXIST) {
            fprintf(stderr, "feit export: %s: %s\n", out, strerror(errno));
            free(files);
            return 2;
        }
        fo = open_out(out, "nodes.csv");
        fr = fo ? open_out(out, "relationships.csv") : NULL;
    } else if (out && strcmp(out, "-"))
        fo = open_out(NULL, out);
    feit_exporter *x = fo && (fr || fmt != FEIT_EXPORT_NEO4J) ? feit_exporter_new(fmt, base, fo, fr) : NULL;
    if (!x) {
        if (fo && fo != stdout)
            fclose(fo);
        if (fr)
            fclose(fr);
        free(files);
        return 2;
    }
    feit_exporter_set_max_line(x, max);
    signal(SIGPIPE, SIG_IGN); /* a closed pipe shows up as EPIPE and ends the run quietly */
    long skipped = 0;
    int fatal = 0;
    for (int i = 0; i < nfiles && !fatal; i++) {
        int rc = feit_export_file(x, files[i], report, NULL, &skipped);
        if (rc > 0)
            status = 2;
        else if (rc < 0)
            fatal = rc;
    }
    int closed = 0; /* the reader of the output went away (`feit export | head`): not an error */
    if (feit_exporter_finish(x)) {
        closed = errno == EPIPE;
        if (!fatal)
            fatal = FEIT_EIO;
    }
    if (fatal == FEIT_EIO && closed) {
        fatal = 0;
    } else if (fatal) {
        fprintf(stderr, "feit export: %s\n", fatal == FEIT_ENOMEM ? "out of memory" : "write error");
        status = 2;
    }
    feit_exporter_free(x);
    if (fo != stdout && fclose(fo))
        status = 2;
    if (fr && fclose(fr))
        status = 2;
    free(files);
    if (!status && skipped)
        status = 1;
    if (skipped)
        fprintf(stderr, "feit export: skipped %ld bad record(s)\n", skipped);
    return status;
}
