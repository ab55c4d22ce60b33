/* test_mention.c — mentions_sort, the stable sort that ends the mention stages: it must give
 * the order of a stable sort by (start, end) — ties keep the order they came in — for the
 * empty list, one mention, a list in order, a reversed one, two runs (the names and then the
 * anaphors appended), many runs, and lists of random ties. */
#include "entities/mention.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

#define N 300

static feit_mention at(uint32_t start, uint32_t end, int32_t id)
{
    feit_mention m;
    memset(&m, 0, sizeof m);
    m.e.start = start, m.e.end = end, m.entry = id;
    return m;
}

/* The reference: an insertion sort (stable) by (start, end). */
static void reference(feit_mention *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        feit_mention x = a[i];
        size_t j = i;
        while (j > 0 && (a[j - 1].e.start > x.e.start || (a[j - 1].e.start == x.e.start && a[j - 1].e.end > x.e.end)))
            a[j] = a[j - 1], j--;
        a[j] = x;
    }
}

/* Sorts a copy of a[0..n) both ways; 1 when the orders (ids) agree. */
static int agrees(const feit_mention *a, size_t n)
{
    static feit_mention x[N], y[N];
    memcpy(x, a, n * sizeof *a), memcpy(y, a, n * sizeof *a);
    mentions_sort(x, n);
    reference(y, n);
    for (size_t i = 0; i < n; i++)
        if (x[i].entry != y[i].entry || x[i].e.start != y[i].e.start || x[i].e.end != y[i].e.end)
            return 0;
    return 1;
}

int main(void)
{
    feit_mention a[N];
    (void)check_lang; /* (mention.h brings lang.h: the helper is not needed here) */
    mentions_sort(NULL, 0); /* the empty document: nothing touched */
    a[0] = at(5, 7, 0);
    mentions_sort(a, 1);
    CHECK_INT(a[0].entry, 0);

    /* in order, with ties: unchanged */
    for (int i = 0; i < 10; i++)
        a[i] = at((uint32_t)(i / 2), 9, i);
    mentions_sort(a, 10);
    int same = 1;
    for (int i = 0; i < 10; i++)
        same &= a[i].entry == i;
    CHECK(same);

    /* ties keep their order: three mentions at (3, 4), one before them and one after */
    a[0] = at(3, 4, 1), a[1] = at(9, 10, 4), a[2] = at(3, 4, 2), a[3] = at(1, 2, 0), a[4] = at(3, 4, 3);
    mentions_sort(a, 5);
    for (int i = 0; i < 5; i++)
        CHECK_INT(a[i].entry, i);

    /* the same start: the shorter first */
    a[0] = at(3, 9, 1), a[1] = at(3, 4, 0);
    mentions_sort(a, 2);
    CHECK_INT(a[0].entry, 0);

    /* reversed */
    for (int i = 0; i < N; i++)
        a[i] = at((uint32_t)(N - i), (uint32_t)(N - i + 1), i);
    CHECK(agrees(a, N));
    /* two runs: the names in order, then the anaphors in order among them */
    for (int i = 0; i < 200; i++)
        a[i] = at((uint32_t)(3 * i), (uint32_t)(3 * i + 2), i);
    for (int i = 200; i < N; i++)
        a[i] = at((uint32_t)(6 * (i - 200) + 1), (uint32_t)(6 * (i - 200) + 2), i);
    CHECK(agrees(a, N));
    /* many short runs and random ties, every length up to N */
    srand(17);
    int bad = 0;
    for (size_t n = 2; n <= N; n += 7)
        for (int round = 0; round < 5; round++) {
            for (size_t i = 0; i < n; i++)
                a[i] = at((uint32_t)(rand() % 12), (uint32_t)(rand() % 3), (int32_t)i);
            if (!agrees(a, n))
                bad++;
        }
    CHECK_INT(bad, 0);
    CHECK_DONE();
}
