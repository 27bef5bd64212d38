/* engine.c: the engine object: configuration and the allocation hook. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

static void *default_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

qw_engine *qw_engine_new(const qw_engine_config *cfg)
{
    qw_realloc_fn fn = cfg && cfg->realloc ? cfg->realloc : default_realloc;
    void *user = cfg && cfg->realloc ? cfg->realloc_user : NULL;
    qw_engine *eng = fn(user, NULL, sizeof *eng);
    if (!eng)
        return NULL;
    memset(eng, 0, sizeof *eng);
    eng->realloc = fn;
    eng->realloc_user = user;
    return eng;
}

void qw_engine_free(qw_engine *eng)
{
    if (eng)
        eng->realloc(eng->realloc_user, eng, 0);
}

void *qw_calloc(qw_engine *eng, size_t n, size_t size)
{
    if (n == 0 || size == 0)
        return NULL;
    if (n > SIZE_MAX / size)
        return NULL;
    void *p = qw_alloc(eng, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *qw_realloc_array(qw_engine *eng, void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (n * size == 0) {
        qw_free(eng, ptr);
        return NULL;
    }
    return eng->realloc(eng->realloc_user, ptr, n * size);
}
