/* alloc_hook.h: a counting allocation hook for unit tests that can fail the Nth allocation.
 * test_engine_new() makes an engine on it; CHECK_OOM(fn) reruns a scenario failing allocation 1,
 * 2, 3, ... in turn until one run needs no failure, and checks after each run that no block is
 * live. A scenario is `static bool fn(qw_engine *eng)`: true when it completed, false when it
 * stopped at a clean error (it checks the error itself). */
#ifndef ALLOC_HOOK_H
#define ALLOC_HOOK_H

#include "check.h"
#include "qw.h"

#include <stdbool.h>
#include <stdlib.h>

static long alloc_live;     /* blocks allocated and not freed */
static long alloc_count;    /* allocations since the last reset */
static long alloc_fail_at;  /* fail allocation number alloc_fail_at (1-based); 0: never */
static bool alloc_did_fail; /* the injected failure happened */

static void *test_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    if (size == 0) {
        if (ptr)
            alloc_live--;
        free(ptr);
        return NULL;
    }
    if (++alloc_count == alloc_fail_at) {
        alloc_did_fail = true;
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (p && !ptr)
        alloc_live++;
    return p;
}

static qw_engine *test_engine_new(void)
{
    qw_engine_config cfg = {test_realloc, NULL};
    alloc_fail_at = 0;
    return qw_engine_new(&cfg);
}

/* Each run happens on a fresh engine, so the live count must come back to zero. */
#define CHECK_OOM(scenario)                                                                        \
    do {                                                                                           \
        for (long n_ = 1; n_ < 10000; n_++) {                                                      \
            qw_engine *eng_ = test_engine_new();                                                   \
            alloc_count = 0;                                                                       \
            alloc_fail_at = n_;                                                                    \
            alloc_did_fail = false;                                                                \
            bool ok_ = scenario(eng_);                                                             \
            alloc_fail_at = 0;                                                                     \
            qw_engine_free(eng_);                                                                  \
            CHECK(alloc_live == 0);                                                                \
            if (!alloc_did_fail) {                                                                 \
                CHECK(ok_);                                                                        \
                break;                                                                             \
            }                                                                                      \
        }                                                                                          \
    } while (0)

#endif
