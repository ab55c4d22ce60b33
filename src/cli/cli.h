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

#endif
