/* Unit tests of engine.c: creation with a custom allocator, overflow-checked allocation. */
#include "check.h"
#include "engine.h"

#include <stdint.h>
#include <stdlib.h>

static int live_blocks;

static void *counting_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    if (size == 0) {
        if (ptr)
            live_blocks--;
        free(ptr);
        return NULL;
    }
    if (!ptr)
        live_blocks++;
    return realloc(ptr, size);
}

static void test_engine_uses_hook(void)
{
    qw_engine_config cfg = {counting_realloc, NULL};
    qw_engine *eng = qw_engine_new(&cfg);
    CHECK(eng != NULL);
    CHECK(live_blocks == 1);
    void *p = qw_calloc(eng, 4, 8);
    CHECK(p != NULL && live_blocks == 2);
    qw_free(eng, p);
    qw_engine_free(eng);
    CHECK(live_blocks == 0);
}

static void test_calloc_overflow(void)
{
    qw_engine *eng = qw_engine_new(NULL);
    CHECK(qw_calloc(eng, SIZE_MAX / 2, 4) == NULL);
    CHECK(qw_realloc_array(eng, NULL, SIZE_MAX / 2, 4) == NULL);
    qw_engine_free(eng);
}

int main(void)
{
    RUN(test_engine_uses_hook);
    RUN(test_calloc_overflow);
    return check_summary();
}
