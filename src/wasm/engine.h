/* engine.h: the engine object and the allocation helpers every engine file uses. Internal to
 * src/wasm. All engine memory goes through the engine's realloc hook (never malloc directly). */
#ifndef QW_ENGINE_H
#define QW_ENGINE_H

#include "qw.h"

struct qw_engine {
    qw_realloc_fn realloc;
    void *realloc_user;
};

/* Returns NULL on failure, or when size is 0. */
static inline void *qw_alloc(qw_engine *eng, size_t size)
{
    return size ? eng->realloc(eng->realloc_user, NULL, size) : NULL;
}

/* Zero-filled; n * size is overflow-checked. */
void *qw_calloc(qw_engine *eng, size_t n, size_t size);

/* realloc of an array of n elements of size bytes, overflow-checked. NULL on failure (the old
 * block is then untouched). */
void *qw_realloc_array(qw_engine *eng, void *ptr, size_t n, size_t size);

static inline void qw_free(qw_engine *eng, void *ptr)
{
    if (ptr)
        eng->realloc(eng->realloc_user, ptr, 0);
}

#endif
