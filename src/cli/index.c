/* index.c — `feit index -d DB FILE.jsonl ...`: loads `extract --emit documents` output into
 * the SQLite fact index (src/factdb.c). */
#include "cli.h"
#include "feit_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: feit index -d DB [--batch N] [--quiet] FILE.jsonl ... (- for stdin)\n"
            "\n"
            "Loads `feit extract --emit documents` records (JSON Lines, .gz read too) into the\n"
            "SQLite fact index DB (created when missing). A document id already indexed is\n"
            "replaced. Bad lines are reported as file:line and skipped (exit 1).\n"
            "  -d, --db DB     the index file (required)\n"
            "  --batch N       documents per transaction (default 1000)\n"
            "  --max-doc-bytes N  skip (and report) lines longer than N bytes (default %zu)\n"
            "  -q, --quiet     no summary on stderr\n",
            FEIT_MAX_RECORD_BYTES);
}

static void report(void *ud, const feit_error *e)
{
    (void)ud;
    fprintf(stderr, "feit index: %s:%d: %s (line skipped)\n", e->file, e->line, e->text);
}

int cmd_index(int argc, char **argv)
{
    const char *dbpath = NULL;
    int batch = 1000, quiet = 0, i;
    size_t max_line = FEIT_MAX_RECORD_BYTES;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(a, "-d") || !strcmp(a, "--db")) && i + 1 < argc) {
            dbpath = argv[++i];
        } else if (!strcmp(a, "--batch") && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v <= 0 || v > 1000000) {
                fprintf(stderr, "feit index: bad --batch '%s'\n", argv[i]);
                return 2;
            }
            batch = (int)v;
        } else if (!strcmp(a, "--max-doc-bytes") && i + 1 < argc) {
            char *end;
            long long v = strtoll(argv[++i], &end, 10);
            if (*end || v < 1 || v > (1ll << 31)) {
                fprintf(stderr, "feit index: --max-doc-bytes must be a number from 1 to 2147483648\n");
                return 2;
            }
            max_line = (size_t)v;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "feit index: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            break;
        }
    }
    if (!dbpath || i >= argc) {
        fprintf(stderr, "feit index: %s\n", !dbpath ? "-d DB is required" : "no input files");
        usage(stderr);
        return 2;
    }
    /* the remaining arguments are files; options after them are an error, not a file name */
    for (int j = i; j < argc; j++)
        if (argv[j][0] == '-' && argv[j][1]) {
            fprintf(stderr, "feit index: options must come before the files ('%s')\n", argv[j]);
            return 2;
        }

    feit_error err;
    /* records of another kind (extract's default --emit triples) are refused before the index
     * is opened, so nothing is written */
    for (int j = i; j < argc; j++) {
        int crc = feit_factdb_check_input(argv[j], &err);
        if (crc) {
            cli_print_error(stderr, "feit index", &err);
            return crc == FEIT_EFORMAT ? 1 : 2;
        }
    }
    feit_factdb *db = feit_factdb_open(dbpath, FEIT_FACTDB_WRITE, &err);
    if (!db) {
        cli_print_error(stderr, "feit index", &err);
        return 2;
    }
    feit_factdb_set_max_line(db, max_line);
    if (feit_factdb_schema_found(db) < FEIT_FACTDB_SCHEMA && !quiet)
        fprintf(stderr,
                "feit index: %s: upgraded the index from schema version %d to %d; the facts it "
                "held have no time status until their documents are indexed again\n",
                dbpath, feit_factdb_schema_found(db), FEIT_FACTDB_SCHEMA);
    long total = 0, skipped = 0;
    int status = 0;
    for (; i < argc; i++) {
        long n = 0, s = 0;
        int rc = feit_factdb_load(db, argv[i], batch, report, NULL, &n, &s, &err);
        total += n;
        skipped += s;
        if (rc) {
            cli_print_error(stderr, "feit index", &err);
            status = 2;
            break;
        }
    }
    if (feit_factdb_prune(db)) {
        fprintf(stderr, "feit index: %s: %s\n", dbpath, feit_factdb_errmsg(db));
        status = 2;
    }
    feit_factdb_counts c;
    if (!quiet && !feit_factdb_counts_get(db, &c))
        fprintf(stderr,
                "feit index: %ld documents loaded, %ld lines skipped; index holds %lld documents, "
                "%lld entities, %lld names, %lld mentions, %lld facts\n",
                total, skipped, (long long)c.documents, (long long)c.entities,
                (long long)c.names, (long long)c.mentions, (long long)c.facts);
    feit_factdb_close(db);
    if (status)
        return status;
    return skipped ? 1 : 0;
}
