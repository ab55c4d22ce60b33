/*
 * cli.h — the subcommands of bin/feit. Each takes the arguments after its name (argv[0] is the
 * subcommand) and returns the process exit status (SPEC: 0 ok, 1 some documents skipped,
 * 2 usage or resource error). Only the CLI chooses exit codes.
 */
#ifndef FEIT_CLI_H
#define FEIT_CLI_H

#include "feit.h"

#include <stdio.h>

int cmd_extract(int argc, char **argv); /* src/cli/extract.c */
int cmd_export(int argc, char **argv);  /* src/cli/export.c */
int cmd_index(int argc, char **argv);   /* src/cli/index.c */
int cmd_query(int argc, char **argv);   /* src/cli/query.c */
int cmd_serve(int argc, char **argv);   /* src/cli/serve.c */
int cmd_lint(int argc, char **argv);    /* src/cli/lint.c: check gazetteer and rule files */
int cmd_explain(int argc, char **argv); /* src/cli/explain.c: why facts did or did not come out */
int cmd_compile(int argc, char **argv); /* src/cli/compile.c: build models/gazetteer.bin */

/* Prints err as "prefix: file:line:column: message", leaving out the parts it does not have
 * (no line, no column, no file). src/cli/common.c */
void cli_print_error(FILE *f, const char *prefix, const feit_error *err);

/* A size in bytes as the options give it: a number with K, M or G (KiB, MiB, GiB) or nothing
 * after it, from min to 2G. 0 with *out set, or -1 (the caller names the value). */
int cli_parse_size(const char *s, size_t min, size_t *out);

/* Where a subcommand's JSON Lines records go (src/cli/out.c): path NULL or "-" is stdout; a
 * regular file is written as a temporary file beside it (FILE.part-XXXXXX) and renamed over
 * FILE by cli_out_finish(o, 1), so FILE is either as it was or whole. Records are written at
 * record boundaries; a failed write of a regular file is cut back to the last whole record.
 * cli_out_open prints its error as "prog: path: ..." and returns NULL. */
typedef struct cli_out cli_out;
cli_out *cli_out_open(const char *path, const char *prog);
/* s[0..n): whole records. 0, or -1 with errno (EPIPE: the reader went away). */
int cli_out_write(cli_out *o, const char *s, size_t n);
/* Writes out what is buffered. 0, or -1 with errno (kept: later calls fail the same way). */
int cli_out_flush(cli_out *o);
/* keep 1: flushes and puts the file in place; keep 0: drops the temporary file (FILE stays as
 * it was; standard output still gets the whole records written so far). Frees o. 0, or -1
 * with errno. */
int cli_out_finish(cli_out *o, int keep);

/* SIGINT, SIGTERM and SIGHUP ask the run to stop (src/cli/signals.c): returns the flag for
 * feit_batch_options.stop; a second signal ends the process at once (status 128 + signal),
 * removing the file given to cli_stop_cleanup (NULL: none). */
const volatile int *cli_stop_on_signals(void);
int cli_stop_signal(void); /* the signal that asked to stop, 0 none */
void cli_stop_cleanup(const char *path);

#endif
