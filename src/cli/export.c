/*
 * export.c — `feit export`: reads triple records (or `--emit documents` records holding a
 * "triples" list) as JSON Lines, plain or gzip, and streams them to N-Triples, N-Quads, Neo4j
 * import CSV or flat CSV through src/export.c. Bad lines are reported as file:line and skipped.
 */
#include "cli.h"
#include "kg/export.h"
#include "feit.h"
#include "io/lines.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

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
            "Exit status: 0 ok, 1 some lines skipped (reported on stderr as file:line), 2 usage or I/O\n"
            "error. The model is described in docs/export.md.\n",
            FEIT_EXPORT_BASE);
}

typedef struct run {
    feit_exporter *x;
    long skipped;
    int fatal; /* FEIT_ENOMEM / FEIT_EIO */
} run;

static void one_fact(run *r, const json_t *rec, const char *name, long lineno, long item)
{
    feit_export_fact f;
    char why[256];
    if (feit_export_fact_from_json(rec, &f, why, sizeof why)) {
        if (item >= 0)
            fprintf(stderr, "feit export: %s:%ld: triple %ld: %s; skipped\n", name, lineno, item, why);
        else
            fprintf(stderr, "feit export: %s:%ld: %s; skipped\n", name, lineno, why);
        r->skipped++;
        return;
    }
    int rc = feit_exporter_write(r->x, &f);
    if (rc)
        r->fatal = rc;
}

static int export_file(run *r, const char *path)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    errno = 0;
    feit_lines *rd = lines_open(path);
    if (!rd) {
        fprintf(stderr, "feit export: %s: %s\n", name, strerror(errno ? errno : ENOMEM));
        return -1;
    }
    char *buf;
    long n = 0, lineno = 0;
    int ret = 0;
    while (!r->fatal && (n = lines_next(rd, &buf)) >= 0) {
        lineno++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
            buf[--n] = '\0';
        if (!n)
            continue;
        if (memchr(buf, '\0', (size_t)n)) {
            fprintf(stderr, "feit export: %s:%ld: NUL byte in line; skipped\n", name, lineno);
            r->skipped++;
            continue;
        }
        json_error_t jerr;
        json_t *rec = json_loadb(buf, (size_t)n, 0, &jerr);
        if (!rec) {
            fprintf(stderr, "feit export: %s:%ld: not JSON (column %d: %s); skipped\n", name, lineno, jerr.column,
                    jerr.text);
            r->skipped++;
            continue;
        }
        const json_t *triples = json_is_object(rec) ? json_object_get(rec, "triples") : NULL;
        if (json_is_array(triples)) { /* a documents record */
            size_t i;
            const json_t *t;
            json_array_foreach(triples, i, t)
            {
                one_fact(r, t, name, lineno, (long)i);
                if (r->fatal)
                    break;
            }
        } else if (triples) {
            fprintf(stderr, "feit export: %s:%ld: field \"triples\" must be a list; skipped\n", name, lineno);
            r->skipped++;
        } else
            one_fact(r, rec, name, lineno, -1);
        json_decref(rec);
    }
    if (n == -2)
        r->fatal = FEIT_ENOMEM;
    const char *zmsg;
    int zerr = lines_gzerror(rd, &zmsg);
    if (n == -3 || (n == -1 && zerr != Z_OK)) { /* includes a truncated .gz (Z_BUF_ERROR) */
        fprintf(stderr, "feit export: %s:%ld: read error: %s\n", name, lineno + (n == -3), zmsg);
        ret = -1;
    }
    lines_close(rd);
    return ret;
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
    const char *format = "ntriples", *out = NULL, *base = NULL;
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
        else if (!strncmp(a, "--format=", 9))
            format = a + 9;
        else if (!strncmp(a, "--output=", 9))
            out = a + 9;
        else if (!strncmp(a, "--base=", 7))
            base = a + 7;
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
    run r = {x, 0, 0};
    for (int i = 0; i < nfiles && !r.fatal; i++)
        if (export_file(&r, files[i]))
            status = 2;
    if (feit_exporter_finish(x) && !r.fatal)
        r.fatal = FEIT_EIO;
    if (r.fatal) {
        fprintf(stderr, "feit export: %s\n", r.fatal == FEIT_ENOMEM ? "out of memory" : "write error");
        status = 2;
    }
    feit_exporter_free(x);
    if (fo != stdout && fclose(fo))
        status = 2;
    if (fr && fclose(fr))
        status = 2;
    free(files);
    if (!status && r.skipped)
        status = 1;
    if (r.skipped)
        fprintf(stderr, "feit export: skipped %ld bad record(s)\n", r.skipped);
    return status;
}
