/* alloc_hook.h: the runtime-object tests' use of alloc_check.h. test_engine_new() makes an engine
 * on the shared counting allocator `allocs`; CHECK_OOM(fn) reruns a scenario failing allocation
 * 1, 2, 3, ... in turn until one run needs no failure, and checks after each run that no block is
 * live. A scenario is `static bool fn(qw_engine *eng)`: true when it completed, false when it
 * stopped at a clean error (it checks the error itself). */
#ifndef ALLOC_HOOK_H
#define ALLOC_HOOK_H

#include "alloc_check.h"
#include "check.h"

#include <stdbool.h>

static test_alloc allocs;

static qw_engine *test_engine_new(void)
{
    allocs = (test_alloc){0};
    return test_engine(&allocs);
}

/* Each run happens on a fresh engine; the failure counts from the first allocation after it. */
#define CHECK_OOM(scenario)                                                                        \
    do {                                                                                           \
        for (long n_ = 1; n_ < 10000; n_++) {                                                      \
            qw_engine *eng_ = test_engine_new();                                                   \
            allocs.calls = 0;                                                                      \
            allocs.fail_at = n_;                                                                   \
            bool ok_ = scenario(eng_);                                                             \
            bool failed_ = allocs.calls >= n_;                                                     \
            allocs.fail_at = 0;                                                                    \
            qw_engine_free(eng_);                                                                  \
            CHECK(allocs.live == 0);                                                               \
            if (!failed_) {                                                                        \
                CHECK(ok_);                                                                        \
                break;                                                                             \
            }                                                                                      \
        }                                                                                          \
    } while (0)

#endif
