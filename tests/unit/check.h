/*
 * check.h — the unit tests' assert header: every check prints "PASS file:line" or
 * "FAIL file:line: what" and the test goes on; tests/run counts the lines.
 */
#ifndef FEIT_CHECK_H
#define FEIT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond) \
    check_report((cond), __FILE__, __LINE__, #cond, NULL, NULL)
#define CHECK_STR(got, want) \
    check_report(check_streq((got), (want)), __FILE__, __LINE__, #got " == " #want, (got), (want))
#define CHECK_INT(got, want) \
    check_int_report((long long)(got), (long long)(want), __FILE__, __LINE__, #got)

static inline int check_streq(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static inline int check_report(int ok, const char *file, int line, const char *what,
                               const char *got, const char *want)
{
    if (ok) {
        printf("PASS %s:%d\n", file, line);
    } else {
        check_failed++;
        if (want)
            printf("FAIL %s:%d: %s: got \"%s\", want \"%s\"\n", file, line, what,
                   got ? got : "(null)", want);
        else
            printf("FAIL %s:%d: %s\n", file, line, what);
    }
    return ok;
}

static inline int check_int_report(long long got, long long want, const char *file, int line,
                                   const char *what)
{
    if (got == want)
        printf("PASS %s:%d\n", file, line);
    else {
        check_failed++;
        printf("FAIL %s:%d: %s: got %lld, want %lld\n", file, line, what, got, want);
    }
    return got == want;
}

#define CHECK_DONE() return check_failed ? 1 : 0

/* The language data the stages need (models/nl of this source tree; tests run from the top). */
#ifdef FEIT_LANG_H
static const feit_lang *check_lang(void)
{
    static feit_lang *l;
    if (!l) {
        feit_error err;
        l = lang_load("models/nl", &err);
        if (!l) {
            printf("FAIL %s:%d: models/nl: %s:%d:%d: %s\n", __FILE__, __LINE__, err.file, err.line, err.column, err.text);
            check_failed++;
        }
    }
    return l;
}
#endif

#endif
