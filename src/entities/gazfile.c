/* gazfile.c — the gazetteer text format: line parsing with exact error places, file and
 * directory walking, and `feit lint` (see gazfile.h; the format is gazetteers/README.md). */
#include "entities/gazfile.h"

#include "core/types.h"

#include "core/datafile.h"

#include "entities/gazetteer.h"
#include "core/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uthash.h>

const char *const gazfile_attr_names[A_N] = {"alias", "adj", "inh", "kb", "iso", "capital", "country", "admin", "pop", "capital_of", "role", "role_of", "tier", "kind"};

typedef struct canon_map {
    char *key; /* "type\tcanonical" */
    uint32_t entry;
    UT_hash_handle hh;
} canon_map;

void gazfile_error(feit_error *err, const char *file, int line, int col, const char *fmt, ...)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
}

static int all_of(const char *s, size_t n, int (*pred)(int))
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!pred((unsigned char)s[i]))
            return 0;
    return 1;
}
static int is_digit_c(int c) { return c >= '0' && c <= '9'; }
static int is_upper_c(int c) { return c >= 'A' && c <= 'Z'; }

/* Parses one line (without its newline). Returns 1 for an entity, 0 for blank/comment, -1 on
 * error (err filled). */
int gazfile_parse_line(const char *line, size_t n, const char *file, int lineno, gazfile_line *p, feit_error *err)
{
    memset(p, 0, sizeof *p);
    if (n && line[n - 1] == '\r')
        n--;
    if (n == 0 || line[0] == '#')
        return 0;
    size_t i = 0, field = 0;
    while (i <= n) {
        size_t a = i;
        while (i < n && line[i] != '\t')
            i++;
        const char *f = line + a;
        size_t fl = i - a;
        int col = (int)a + 1;
        if (field == 0) {
            if (!fl || f[0] == ' ' || f[fl - 1] == ' ')
                return gazfile_error(err, file, lineno, col, "empty canonical name or stray spaces around it"), -1;
            if (!utf8_valid(f, fl))
                return gazfile_error(err, file, lineno, col, "invalid UTF-8"), -1;
            p->canonical = f, p->canonical_len = fl;
        } else if (field == 1) {
            p->type = types_find(f, fl);
            if (p->type < 0) {
                char names[128];
                size_t k = 0;
                for (int t = 0; t < FEIT_NTYPES && k < sizeof names; t++)
                    k += (size_t)snprintf(names + k, sizeof names - k, "%s%s", t ? ", " : "", feit_types[t].name);
                return gazfile_error(err, file, lineno, col, "unknown type '%.*s' (%s)", (int)fl, f, names), -1;
            }
        } else {
            const char *eq = memchr(f, '=', fl);
            if (!eq)
                return gazfile_error(err, file, lineno, col, "attribute without '=': '%.*s'", (int)fl, f), -1;
            size_t kl = (size_t)(eq - f);
            int k = -1;
            for (int j = 0; j < A_N; j++)
                if (strlen(gazfile_attr_names[j]) == kl && !memcmp(gazfile_attr_names[j], f, kl))
                    k = j;
            if (k < 0)
                return gazfile_error(err, file, lineno, col, "unknown attribute '%.*s'", (int)kl, f), -1;
            if (p->val[k])
                return gazfile_error(err, file, lineno, col, "attribute '%s' given twice", gazfile_attr_names[k]), -1;
            const char *v = eq + 1;
            size_t vl = fl - kl - 1;
            if (!vl)
                return gazfile_error(err, file, lineno, col, "empty value for '%s'", gazfile_attr_names[k]), -1;
            if (!utf8_valid(v, vl))
                return gazfile_error(err, file, lineno, col, "invalid UTF-8"), -1;
            int vcol = col + (int)kl + 1;
            if (k == A_KB && !(vl >= 2 && v[0] == 'Q' && all_of(v + 1, vl - 1, is_digit_c)))
                return gazfile_error(err, file, lineno, vcol, "kb must be a Wikidata id like Q159"), -1;
            if ((k == A_ISO || k == A_COUNTRY || k == A_CAPITAL_OF) && !(vl == 2 && all_of(v, 2, is_upper_c)))
                return gazfile_error(err, file, lineno, vcol, "%s must be an ISO 3166-1 alpha-2 code like RU", gazfile_attr_names[k]), -1;
            if (k == A_POP && (!all_of(v, vl, is_digit_c) || vl > 10))
                return gazfile_error(err, file, lineno, vcol, "pop must be a whole number"), -1;
            if (k == A_TIER && !(vl == 1 && (v[0] == '1' || v[0] == '2')))
                return gazfile_error(err, file, lineno, vcol, "tier must be 1 or 2"), -1;
            for (size_t x = 0; x < vl; x++) /* empty list items: "a||b", "a|" */
                if (v[x] == '|' && (x == 0 || x + 1 == vl || v[x + 1] == '|'))
                    return gazfile_error(err, file, lineno, vcol + (int)x, "empty item in list"), -1;
            p->val[k] = v, p->val_len[k] = vl, p->val_col[k] = vcol;
        }
        field++;
        i++;
    }
    if (field < 2)
        return gazfile_error(err, file, lineno, (int)n + 1, "expected 'canonical<TAB>type[<TAB>key=value...]'"), -1;
    return 1;
}

/* Reads a file line by line, calling fn for each; returns fn's first non-zero result. The
 * file must be a regular file (a FIFO named as a list would block the load), and a line that
 * cannot be read whole (longer than DATAFILE_MAX_LINE, too long for memory, a read error) is an
 * error at its line, never taken for the end of the file. */
int gazfile_each_line(const char *path, gazfile_line_fn fn, void *ctx, feit_error *err)
{
    datafile df;
    feit_error e;
    if (datafile_open(&df, path, &e)) {
        if (err)
            *err = e;
        return FEIT_EIO;
    }
    char *line = NULL;
    size_t cap = 0, n;
    int lineno = 0, rc = 0, got;
    while ((got = datafile_getline(df.f, &line, &cap, DATAFILE_MAX_LINE, &n)) > 0) {
        lineno++;
        if (n && line[n - 1] == '\n')
            n--;
        if ((rc = fn(ctx, line, n, lineno)))
            break;
    }
    if (!rc && got < 0) /* not the end of the file: say so */
        rc = got == FEIT_ETOOBIG ? (gazfile_error(err, path, lineno + 1, 0, "line too long (over %u bytes)", DATAFILE_MAX_LINE), FEIT_EFORMAT)
             : got == FEIT_ENOMEM ? (gazfile_error(err, path, lineno + 1, 0, "line too long for memory"), FEIT_ENOMEM)
                                  : (gazfile_error(err, path, lineno + 1, 0, "read error"), FEIT_EIO);
    free(line);
    datafile_close(&df);
    return rc;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The sorted *.tsv files of a directory (or the file itself). */
int gazfile_list(const char *dir, const char *suffix, char ***out, size_t *n, feit_error *err)
{
    struct stat st;
    *out = NULL, *n = 0;
    if (stat(dir, &st))
        return gazfile_error(err, dir, 0, 0, "cannot open: %s", strerror(errno)), FEIT_EIO;
    if (!S_ISDIR(st.st_mode)) {
        *out = malloc(sizeof **out);
        if (!*out || !((*out)[0] = strdup(dir)))
            return FEIT_ENOMEM;
        *n = 1;
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d)
        return gazfile_error(err, dir, 0, 0, "cannot open: %s", strerror(errno)), FEIT_EIO;
    struct dirent *de;
    size_t cap = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name), sl = strlen(suffix);
        if (l <= sl || strcmp(de->d_name + l - sl, suffix))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(*out, cap * sizeof *p);
            if (!p)
                break;
            *out = p;
        }
        size_t pl = strlen(dir) + l + 2;
        char *path = malloc(pl);
        if (!path)
            break;
        size_t dl = strlen(dir);
        snprintf(path, pl, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", de->d_name);
        (*out)[(*n)++] = path;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_str);
    return 0;
}

void gazfile_free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

/* ---- lint ---- */

typedef struct {
    const char *file;
    FILE *out;
    int problems;
    canon_map **seen; /* "type\tcanonical" -> first file:line, in key after a NUL */
} lint_ctx;

static int lint_line(void *vctx, const char *line, size_t n, int lineno)
{
    lint_ctx *c = vctx;
    gazfile_line p;
    feit_error e;
    int r = gazfile_parse_line(line, n, c->file, lineno, &p, &e);
    if (r < 0) {
        fprintf(c->out, "%s:%d:%d: %s\n", e.file, e.line, e.column, e.text);
        c->problems++;
        return 0;
    }
    if (r == 0)
        return 0;
    char key[1200];
    snprintf(key, sizeof key, "%s\t%.*s", feit_type_name((feit_type)p.type), (int)p.canonical_len, p.canonical);
    canon_map *cm;
    HASH_FIND_STR(*c->seen, key, cm);
    if (cm) {
        fprintf(c->out, "%s:%d:1: duplicate %s '%.*s' (first at %s)\n", c->file, lineno, feit_type_name((feit_type)p.type),
                (int)p.canonical_len, p.canonical, cm->key + strlen(cm->key) + 1);
        c->problems++;
        return 0;
    }
    size_t kl = strlen(key);
    char where[1100];
    int wl = snprintf(where, sizeof where, "%s:%d", c->file, lineno);
    cm = calloc(1, sizeof *cm);
    if (!cm || !(cm->key = malloc(kl + 1 + (size_t)wl + 1))) {
        free(cm);
        return FEIT_ENOMEM;
    }
    memcpy(cm->key, key, kl + 1);
    memcpy(cm->key + kl + 1, where, (size_t)wl + 1);
    HASH_ADD_KEYPTR(hh, *c->seen, cm->key, kl, cm);
    /* a name repeated inside one line */
    for (int k = A_ALIAS; k <= A_INH; k++) {
        const char *v = p.val[k];
        for (size_t a = 0; v && a < p.val_len[k];) {
            size_t b = a;
            while (b < p.val_len[k] && v[b] != '|')
                b++;
            if (b - a == p.canonical_len && !memcmp(v + a, p.canonical, b - a)) {
                fprintf(c->out, "%s:%d:%d: %s repeats the canonical name\n", c->file, lineno, p.val_col[k] + (int)a, gazfile_attr_names[k]);
                c->problems++;
            }
            a = b + 1;
        }
    }
    return 0;
}

int gazetteer_lint(const char *const *paths, size_t npaths, FILE *out)
{
    canon_map *seen = NULL, *cm, *tmp;
    int problems = 0;
    for (size_t i = 0; i < npaths; i++) {
        char **files;
        size_t n;
        feit_error e;
        if (gazfile_list(paths[i], ".tsv", &files, &n, &e)) {
            fprintf(out, "%s: %s\n", e.file, e.text);
            problems++;
            continue;
        }
        for (size_t f = 0; f < n; f++) {
            lint_ctx c = {files[f], out, 0, &seen};
            if (gazfile_each_line(files[f], lint_line, &c, &e)) {
                fprintf(out, "%s:%d: %s\n", e.file, e.line, e.text);
                problems++;
            }
            problems += c.problems;
        }
        gazfile_free_list(files, n);
    }
    HASH_ITER(hh, seen, cm, tmp)
    {
        HASH_DEL(seen, cm);
        free(cm->key);
        free(cm);
    }
    return problems;
}
