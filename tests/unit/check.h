/* check.h: the tiny assertion kit of the C unit tests. Each test binary defines tests as
 * `static void test_x(void)`, runs them with RUN(test_x) from main and ends with
 * `return check_summary();`, which prints "N passed, M failed" (one per CHECK). */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

/* The error has this kind and its message starts with this prefix. */
#define CHECK_ERR(err, k, prefix)                                                                  \
    do {                                                                                           \
        CHECK((err)->kind == (k));                                                                 \
        if (strncmp((err)->msg, (prefix), strlen(prefix)) != 0) {                                  \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: message \"%s\" does not start with \"%s\"\n", __FILE__,        \
                    __LINE__, (err)->msg, (prefix));                                               \
        } else {                                                                                   \
            check_passed++;                                                                        \
        }                                                                                          \
    } while (0)

#define RUN(fn) fn()

static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
