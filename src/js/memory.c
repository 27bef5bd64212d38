/* memory.c: WebAssembly.Memory (JS-API "Memories"): the descriptor, grow, and the buffer whose
 * identity lasts until a grow detaches it. */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

/* What an ArrayBuffer over a memory's bytes holds: a count on the memory. QuickJS calls the free
 * hook at detach and again (with NULL data) at finalization, so the cell lives until the latter. */
typedef struct buffer_cell {
    qw_memory *mem;
    bool detaching;
} buffer_cell;

/* The opaque of a Memory object. */
typedef struct js_memory {
    JSContext *ctx;
    qw_memory *mem;
    JSValue buffer;    /* the current ArrayBuffer, or JS_UNDEFINED until first asked */
    buffer_cell *cell; /* the current buffer's */
} js_memory;

static void buffer_free(JSRuntime *rt, void *opaque, void *data)
{
    (void)rt, (void)data;
    buffer_cell *c = opaque;
    qw_memory_unref(c->mem);
    c->mem = NULL;
    if (c->detaching)
        c->detaching = false;
    else
        free(c);
}

static void js_memory_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    js_memory *m = JS_GetOpaque(val, st->class_id[QWJS_MEMORY]);
    if (!m)
        return;
    qwjs_map_remove(&st->wrappers, m->mem);
    JS_FreeValueRT(rt, m->buffer);
    qw_memory_set_grow_callback(m->mem, NULL, NULL);
    qw_memory_unref(m->mem);
    free(m);
}

static void js_memory_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    js_memory *m = JS_GetOpaque(val, st->class_id[QWJS_MEMORY]);
    if (m)
        JS_MarkValue(rt, m->buffer, mark);
}

static int freeze(JSContext *ctx, JSValueConst obj)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue object = JS_GetPropertyStr(ctx, global, "Object");
    JSValue fn = JS_GetPropertyStr(ctx, object, "freeze");
    JSValue r = JS_Call(ctx, fn, object, 1, &obj);
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, object);
    JS_FreeValue(ctx, global);
    if (JS_IsException(r))
        return -1;
    JS_FreeValue(ctx, r);
    return 0;
}

static JSValue new_buffer(JSContext *ctx, js_memory *m)
{
    buffer_cell *c = malloc(sizeof *c);
    if (!c)
        return JS_ThrowOutOfMemory(ctx);
    c->mem = qw_memory_ref(m->mem);
    c->detaching = false;
    bool shared = qw_memory_is_shared(m->mem);
    JSValue ab = JS_NewArrayBuffer(ctx, qw_memory_data(m->mem), (size_t)qw_memory_bytes(m->mem),
                                   buffer_free, c, shared);
    if (JS_IsException(ab)) {
        qw_memory_unref(m->mem);
        free(c);
        return ab;
    }
    if (shared && freeze(ctx, ab) < 0) {
        JS_FreeValue(ctx, ab);
        return JS_EXCEPTION;
    }
    m->cell = c;
    return ab;
}

/* After any grow (from JS or from Wasm code): the old ArrayBuffer is detached (a shared one only
 * forgotten: it keeps its length) and the next buffer read makes a new one. */
static void on_grow(void *user, qw_memory *mem)
{
    (void)mem;
    js_memory *m = user;
    if (JS_IsUndefined(m->buffer))
        return;
    if (!qw_memory_is_shared(m->mem)) {
        m->cell->detaching = true;
        JS_DetachArrayBuffer(m->ctx, m->buffer);
    }
    JS_FreeValue(m->ctx, m->buffer);
    m->buffer = JS_UNDEFINED;
    m->cell = NULL;
}

static js_memory *memory_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque2(ctx, v, qwjs_state_of(ctx)->class_id[QWJS_MEMORY]);
}

qw_memory *qwjs_memory_of(JSContext *ctx, JSValueConst v)
{
    js_memory *m = JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_MEMORY]);
    return m ? m->mem : NULL;
}

/* Makes obj the wrapper of mem (takes the count on mem). */
static int attach(JSContext *ctx, JSValueConst obj, qw_memory *mem)
{
    qwjs_state *st = qwjs_state_of(ctx);
    js_memory *m = malloc(sizeof *m);
    if (!m) {
        qw_memory_unref(mem);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    m->ctx = ctx;
    m->mem = mem;
    m->buffer = JS_UNDEFINED;
    m->cell = NULL;
    if (!qwjs_map_put(&st->wrappers, mem, JS_VALUE_GET_PTR(obj))) {
        qw_memory_unref(mem);
        free(m);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    qw_memory_set_grow_callback(mem, on_grow, m);
    JS_SetOpaque(obj, m);
    return 0;
}

JSValue qwjs_memory_wrap(JSContext *ctx, qw_memory *mem)
{
    JSValue w = qwjs_wrapper_get(ctx, mem);
    if (!JS_IsUndefined(w))
        return w;
    JSValue obj = qwjs_new_from_target(ctx, JS_UNDEFINED, QWJS_MEMORY);
    if (JS_IsException(obj))
        return obj;
    if (attach(ctx, obj, qw_memory_ref(mem)) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* The AddressType member: "i32" (the default) or "i64". */
int qwjs_read_address(JSContext *ctx, JSValueConst desc, bool *is64)
{
    JSValue v = JS_GetPropertyStr(ctx, desc, "address");
    if (JS_IsException(v))
        return -1;
    *is64 = false;
    if (JS_IsUndefined(v))
        return 0;
    size_t slen;
    const char *s = JS_ToCStringLen(ctx, &slen, v);
    JS_FreeValue(ctx, v);
    if (!s)
        return -1;
    int r = 0;
    if (slen == 3 && strcmp(s, "i64") == 0)
        *is64 = true;
    else if (slen != 3 || strcmp(s, "i32") != 0)
        r = -1, JS_ThrowTypeError(ctx, "address must be \"i32\" or \"i64\"");
    JS_FreeCString(ctx, s);
    return r;
}

/* Reads an optional [EnforceRange] AddressValue member; *present tells whether it was given. */
int qwjs_read_limit(JSContext *ctx, JSValueConst desc, const char *name, bool is64, bool *present,
                    uint64_t *out)
{
    JSValue v = JS_GetPropertyStr(ctx, desc, name);
    if (JS_IsException(v))
        return -1;
    *present = !JS_IsUndefined(v);
    int r = 0;
    if (*present)
        r = qwjs_to_index(ctx, v, is64, name, out);
    JS_FreeValue(ctx, v);
    return r;
}

/* new Memory(descriptor): members read in WebIDL dictionary order (address, initial, maximum,
 * shared). */
static JSValue js_memory_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValueConst desc = argc > 0 ? argv[0] : JS_UNDEFINED;
    if (!JS_IsObject(desc))
        return JS_ThrowTypeError(ctx, "WebAssembly.Memory(): the descriptor must be an object");
    bool is64, has_init, has_max;
    uint64_t init = 0, max = QW_NO_MAX;
    if (qwjs_read_address(ctx, desc, &is64) < 0 ||
        qwjs_read_limit(ctx, desc, "initial", is64, &has_init, &init) < 0 ||
        qwjs_read_limit(ctx, desc, "maximum", is64, &has_max, &max) < 0)
        return JS_EXCEPTION;
    JSValue sv = JS_GetPropertyStr(ctx, desc, "shared");
    if (JS_IsException(sv))
        return sv;
    bool shared = JS_ToBool(ctx, sv);
    JS_FreeValue(ctx, sv);
    if (!has_init)
        return JS_ThrowTypeError(ctx, "WebAssembly.Memory(): the descriptor needs \"initial\"");
    uint64_t limit = is64 ? QW_MAX_PAGES_64 : QW_MAX_PAGES_32;
    if (init > limit)
        return JS_ThrowRangeError(ctx, "WebAssembly.Memory(): initial %llu pages exceeds the limit",
                                  (unsigned long long)init);
    if (has_max && max > limit)
        return JS_ThrowRangeError(ctx, "WebAssembly.Memory(): maximum %llu pages exceeds the limit",
                                  (unsigned long long)max);
    if (has_max && max < init)
        return JS_ThrowRangeError(ctx, "WebAssembly.Memory(): maximum is below initial");
    if (shared && !has_max)
        return JS_ThrowTypeError(ctx, "WebAssembly.Memory(): a shared memory needs a maximum");
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(qwjs_state_of(ctx)->store, init, has_max ? max : QW_NO_MAX, is64,
                                   shared, &err);
    if (!mem)
        return JS_ThrowRangeError(ctx, "WebAssembly.Memory(): could not allocate memory: %s",
                                  err.msg);
    JSValue obj = qwjs_new_from_target(ctx, new_target, QWJS_MEMORY);
    if (JS_IsException(obj)) {
        qw_memory_unref(mem);
        return obj;
    }
    if (attach(ctx, obj, mem) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_memory_grow(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    js_memory *m = memory_of(ctx, this_val);
    if (!m)
        return JS_EXCEPTION;
    bool is64 = qw_memory_is64(m->mem);
    uint64_t delta;
    if (qwjs_to_index(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, is64, "delta", &delta) < 0)
        return JS_EXCEPTION;
    int64_t old = qw_memory_grow(m->mem, delta);
    if (old < 0)
        return JS_ThrowRangeError(ctx, "WebAssembly.Memory.grow(): cannot grow by %llu pages",
                                  (unsigned long long)delta);
    /* A grow by 0 still replaces the buffer (the spec's "refresh the memory buffer"). */
    if (delta == 0)
        on_grow(m, m->mem);
    return is64 ? JS_NewBigInt64(ctx, old) : JS_NewInt64(ctx, old);
}

static JSValue js_memory_buffer(JSContext *ctx, JSValueConst this_val)
{
    js_memory *m = memory_of(ctx, this_val);
    if (!m)
        return JS_EXCEPTION;
    if (JS_IsUndefined(m->buffer)) {
        m->buffer = new_buffer(ctx, m);
        if (JS_IsException(m->buffer)) {
            m->buffer = JS_UNDEFINED;
            return JS_EXCEPTION;
        }
    }
    return JS_DupValue(ctx, m->buffer);
}

static const JSCFunctionListEntry js_memory_proto_funcs[] = {
    QWJS_METHOD("grow", 1, js_memory_grow),
    QWJS_ACCESSOR("buffer", js_memory_buffer, NULL),
    QWJS_TAG("WebAssembly.Memory"),
};

int qwjs_memory_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Memory",
        .finalizer = js_memory_finalizer,
        .gc_mark = js_memory_mark,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_MEMORY], &def) < 0)
        return -1;
    return qwjs_define_class(ctx, ns, QWJS_MEMORY, "Memory", js_memory_ctor, 1,
                             js_memory_proto_funcs,
                             sizeof js_memory_proto_funcs / sizeof js_memory_proto_funcs[0]);
}
