/* map.c: engine object -> JS wrapper, so that the same engine object always shows as the same JS
 * object (JS-API identity rules). Open addressing with tombstones; entries do not count the
 * wrapper: its finalizer removes the entry. */
#include "binding.h"

#include <stdlib.h>

#define TOMBSTONE ((const void *)1)

static size_t slot_of(const void *key, size_t cap)
{
    uintptr_t h = (uintptr_t)key;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static bool grow(qwjs_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    if (m->live * 4 < m->cap)
        cap = m->cap; /* mostly tombstones: rehash at the same size */
    qwjs_map_entry *e = calloc(cap, sizeof *e);
    if (!e)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        const void *k = m->e[i].key;
        if (!k || k == TOMBSTONE)
            continue;
        size_t j = slot_of(k, cap);
        while (e[j].key)
            j = (j + 1) & (cap - 1);
        e[j] = m->e[i];
    }
    free(m->e);
    m->e = e;
    m->cap = cap;
    m->used = m->live;
    return true;
}

bool qwjs_map_put(qwjs_map *m, const void *key, void *obj)
{
    if ((m->used + 1) * 4 > m->cap * 3 && !grow(m))
        return false;
    size_t j = slot_of(key, m->cap);
    while (m->e[j].key && m->e[j].key != TOMBSTONE && m->e[j].key != key)
        j = (j + 1) & (m->cap - 1);
    if (m->e[j].key != key) {
        if (!m->e[j].key)
            m->used++;
        m->live++;
    }
    m->e[j].key = key;
    m->e[j].obj = obj;
    return true;
}

static qwjs_map_entry *find(const qwjs_map *m, const void *key)
{
    if (!m->cap)
        return NULL;
    size_t j = slot_of(key, m->cap);
    while (m->e[j].key) {
        if (m->e[j].key == key)
            return &m->e[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void *qwjs_map_get(const qwjs_map *m, const void *key)
{
    qwjs_map_entry *e = find(m, key);
    return e ? e->obj : NULL;
}

void qwjs_map_remove(qwjs_map *m, const void *key)
{
    qwjs_map_entry *e = find(m, key);
    if (e) {
        e->key = TOMBSTONE;
        e->obj = NULL;
        m->live--;
    }
}

void qwjs_map_free(qwjs_map *m)
{
    free(m->e);
    m->e = NULL;
    m->cap = m->used = m->live = 0;
}

JSValue qwjs_wrapper_get(JSContext *ctx, const void *key)
{
    void *obj = qwjs_map_get(&qwjs_state_of(ctx)->wrappers, key);
    if (!obj)
        return JS_UNDEFINED;
    return JS_DupValue(ctx, JS_MKPTR(JS_TAG_OBJECT, obj));
}

/* The count a wrapper of class cls holds on its engine object. */
static void *ref(int cls, void *obj)
{
    switch (cls) {
    case QWJS_TABLE:
        return qw_table_ref(obj);
    case QWJS_GLOBAL:
        return qw_global_ref(obj);
    case QWJS_TAG:
        return qw_tag_ref(obj);
    case QWJS_EXCEPTION:
        return qw_exception_ref(obj);
    default:
        return qw_instance_ref(obj);
    }
}

static void unref(int cls, void *obj)
{
    switch (cls) {
    case QWJS_TABLE:
        qw_table_unref(obj);
        break;
    case QWJS_GLOBAL:
        qw_global_unref(obj);
        break;
    case QWJS_TAG:
        qw_tag_unref(obj);
        break;
    case QWJS_EXCEPTION:
        qw_exception_unref(obj);
        break;
    default:
        qw_instance_unref(obj);
        break;
    }
}

JSValue qwjs_wrapper_new(JSContext *ctx, JSValueConst new_target, int cls, void *obj)
{
    JSValue w = qwjs_new_from_target(ctx, new_target, cls);
    if (JS_IsException(w)) {
        unref(cls, obj);
        return w;
    }
    if (!qwjs_map_put(&qwjs_state_of(ctx)->wrappers, obj, JS_VALUE_GET_PTR(w))) {
        unref(cls, obj);
        JS_FreeValue(ctx, w);
        return JS_ThrowOutOfMemory(ctx);
    }
    JS_SetOpaque(w, obj);
    return w;
}

JSValue qwjs_wrapper_wrap(JSContext *ctx, int cls, void *obj)
{
    JSValue w = qwjs_wrapper_get(ctx, obj);
    if (!JS_IsUndefined(w))
        return w;
    return qwjs_wrapper_new(ctx, JS_UNDEFINED, cls, ref(cls, obj));
}

JSValue qwjs_wrapper_wrap_anchored(JSContext *ctx, int cls, void *obj, JSValueConst anchor)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue w = qwjs_wrapper_get(ctx, obj);
    if (!JS_IsUndefined(w))
        return w;
    if (!qwjs_map_put(&st->anchored, obj, JS_VALUE_GET_PTR(anchor)))
        return JS_ThrowOutOfMemory(ctx);
    JS_DupValue(ctx, anchor); /* the map's entry holds it for the wrapper */
    w = qwjs_new_from_target(ctx, JS_UNDEFINED, cls);
    if (!JS_IsException(w) && !qwjs_map_put(&st->wrappers, obj, JS_VALUE_GET_PTR(w))) {
        JS_FreeValue(ctx, w);
        w = JS_ThrowOutOfMemory(ctx);
    }
    if (JS_IsException(w)) {
        qwjs_map_remove(&st->anchored, obj);
        JS_FreeValue(ctx, anchor);
        return w;
    }
    JS_SetOpaque(w, obj);
    return w;
}

void *qwjs_wrapper_anchor(JSRuntime *rt, const void *obj)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    return qwjs_map_get(&st->anchored, obj);
}

void qwjs_wrapper_finalize(JSRuntime *rt, JSValueConst val, int cls)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    void *obj = JS_GetOpaque(val, st->class_id[cls]);
    if (!obj)
        return;
    qwjs_map_remove(&st->wrappers, obj);
    void *anchor = qwjs_map_get(&st->anchored, obj);
    if (anchor) {
        qwjs_map_remove(&st->anchored, obj);
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, anchor));
    } else {
        unref(cls, obj);
    }
}
