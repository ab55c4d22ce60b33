/* test_gender.c — gender.c's lookup of a first name in the sorted list (a sparse index of the
 * lines, then the lines of one block): every name of models/nl's list is found with its
 * gender; and in a list written here, with comments and blank lines between the names and
 * names that are prefixes of each other, the names before the first, after the last, between
 * two and the prefixes not listed are not found. */
#include "discourse/gender.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every "name<TAB>g" line of path: found with gender g; returns the names that were not. */
static int all_found(const gender_names *g, const char *path, int *seen)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    int bad = 0;
    *seen = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        (*seen)++;
        if (gender_of_name(g, line, (size_t)(tab - line)) != tab[1]) {
            if (bad++ < 5)
                printf("  not found: %.*s\n", (int)(tab - line), line);
        }
    }
    fclose(f);
    return bad;
}

static char ask(const gender_names *g, const char *name) { return gender_of_name(g, name, strlen(name)); }

int main(void)
{
    feit_error err;
    gender_names *nl = gender_load("models/nl/firstname-genders.txt", &err);
    CHECK(nl != NULL);
    if (nl) {
        int seen;
        CHECK_INT(all_found(nl, "models/nl/firstname-genders.txt", &seen), 0);
        CHECK(seen > 30000);
        CHECK_INT(ask(nl, "Jan"), 'm');
        CHECK_INT(ask(nl, "ANNA"), 'f'); /* any case */
        CHECK_INT(ask(nl, "Élodie"), 'f');
        gender_free(nl);
    }

    /* a list of our own: many blocks, comments and blank lines among the names, prefixes */
    char path[] = "/tmp/feit-test-gender-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "# header\n\nan\tf\nann\tf\nanna\tf\nannabel\tf\n# a comment among the names\nbart\tm\n\n");
    for (int i = 0; i < 400; i++) /* many lines, so that the index has many blocks */
        fprintf(f, "c%03d%s\t%c\n", i, i % 7 ? "" : "x", i % 2 ? 'm' : 'f');
    fprintf(f, "# another\n   \nzoe\tf\nzz\tm");
    fclose(f);
    gender_names *g = gender_load(path, &err);
    CHECK(g != NULL);
    if (g) {
        int seen;
        CHECK_INT(all_found(g, path, &seen), 0);
        CHECK_INT(seen, 407);
        CHECK_INT(gender_count(g, 'm'), 202);
        CHECK_INT(ask(g, "a"), 0);       /* before the first name */
        CHECK_INT(ask(g, "AN"), 'f');    /* the first name */
        CHECK_INT(ask(g, "anb"), 0);     /* between two */
        CHECK_INT(ask(g, "annab"), 0);   /* a prefix of a name, not listed */
        CHECK_INT(ask(g, "annabell"), 0);
        CHECK_INT(ask(g, "c0001"), 0);
        CHECK_INT(ask(g, "c007x"), 'm'); /* every seventh has an x */
        CHECK_INT(ask(g, "c007"), 0);    /* (a prefix of it) */
        CHECK_INT(ask(g, "c398"), 'f');
        CHECK_INT(ask(g, "c399"), 0);
        CHECK_INT(ask(g, "c399x"), 'm');
        CHECK_INT(ask(g, "c400"), 0);
        CHECK_INT(ask(g, "zz"), 'm');    /* the last name, without a newline */
        CHECK_INT(ask(g, "zzz"), 0);     /* after the last */
        CHECK_INT(ask(g, "~"), 0);
        CHECK_INT(ask(g, ""), 0);
        gender_free(g);
    }
    /* an empty list: nothing is found */
    f = fopen(path, "w");
    fputs("# only a comment\n", f);
    fclose(f);
    g = gender_load(path, &err);
    CHECK(g != NULL);
    if (g) {
        CHECK_INT(ask(g, "anna"), 0);
        gender_free(g);
    }
    unlink(path);
    CHECK_DONE();
}
