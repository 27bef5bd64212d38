/* alloc_check.h: a counting allocator for the engine's realloc hook, able to fail the n-th
 * allocation: tests check that nothing is live at the end and that every failure is clean. */
#ifndef ALLOC_CHECK_H
#define ALLOC_CHECK_H

#include "qw.h"

#include <stdlib.h>

typedef struct test_alloc {
    long live;      /* blocks allocated and not freed */
    long calls;     /* allocations and reallocations so far */
    long fail_at;   /* fail the call with this number (1-based); 0: never */
    size_t largest; /* largest single request */
} test_alloc;

static void *test_realloc(void *user, void *ptr, size_t size)
{
    test_alloc *a = user;
    if (size == 0) {
        if (ptr)
            a->live--;
        free(ptr);
        return NULL;
    }
    if (size > a->largest)
        a->largest = size;
    if (++a->calls == a->fail_at)
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        a->live++;
    return p;
}

static qw_engine *test_engine(test_alloc *a)
{
    qw_engine_config cfg = {test_realloc, a};
    return qw_engine_new(&cfg);
}

#endif
