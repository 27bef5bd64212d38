/* wasm.c: the WebAssembly namespace (JS-API "The WebAssembly namespace"): validate, compile and
 * instantiate, compiling on the libuv threadpool; and the binding's init and teardown. */
#include "binding.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static JSValue js_validate(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    size_t len;
    uint8_t *bytes = qwjs_buffer_source_copy(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, &len);
    if (!bytes)
        return JS_EXCEPTION;
    qw_error err = {0};
    qw_module *mod = qw_module_compile(qwjs_state_of(ctx)->eng, bytes, len, &err);
    free(bytes);
    if (!mod && err.kind == QW_ERR_OOM)
        return JS_ThrowOutOfMemory(ctx);
    qw_module_unref(mod);
    return JS_NewBool(ctx, mod != NULL);
}

/* A compilation on the threadpool. The bytes were copied on the JS thread (the spec's "stable
 * bytes"); the worker touches only them and the new module. */
typedef struct compile_job {
    uv_work_t req;
    JSContext *ctx;
    qw_engine *eng;
    uint8_t *bytes;
    size_t len;
    qw_module *mod;
    qw_error err;
    bool instantiate; /* resolve with {module, instance} */
    JSValue imports;
    JSValue funcs[2]; /* resolve, reject */
} compile_job;

static void compile_work(uv_work_t *req)
{
    compile_job *job = req->data;
    job->mod = qw_module_compile(job->eng, job->bytes, job->len, &job->err);
}

static void settle(JSContext *ctx, JSValueConst fn, JSValue v)
{
    JSValue r = JS_Call(ctx, fn, JS_UNDEFINED, 1, (JSValueConst *)&v);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, r);
}

/* The fulfilment value of instantiate(bytes): {module, instance}. */
static JSValue result_pair(JSContext *ctx, JSValue module, JSValueConst imports)
{
    JSValue inst = qwjs_instantiate(ctx, module, imports);
    if (JS_IsException(inst)) {
        JS_FreeValue(ctx, module);
        return inst;
    }
    JSValue pair = JS_NewObject(ctx);
    if (JS_IsException(pair) ||
        JS_DefinePropertyValueStr(ctx, pair, "module", module, JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValueStr(ctx, pair, "instance", inst, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, pair);
        return JS_EXCEPTION;
    }
    return pair;
}

static void compile_done(uv_work_t *req, int status)
{
    compile_job *job = req->data;
    JSContext *ctx = job->ctx;
    qwjs_state *st = qwjs_state_of(ctx);
    free(job->bytes);
    JSValue v;
    int which = 0;
    if (status < 0) {
        qw_module_unref(job->mod);
        v = JS_ThrowInternalError(ctx, "WebAssembly.compile(): cancelled");
        v = JS_GetException(ctx), which = 1;
    } else if (!job->mod) {
        v = qwjs_error_value(ctx, "WebAssembly.compile()", &job->err), which = 1;
    } else {
        v = qwjs_module_new(ctx, JS_UNDEFINED, job->mod);
        if (!JS_IsException(v) && job->instantiate)
            v = result_pair(ctx, v, job->imports);
        if (JS_IsException(v))
            v = JS_GetException(ctx), which = 1;
    }
    settle(ctx, job->funcs[which], v);
    JS_FreeValue(ctx, job->funcs[0]);
    JS_FreeValue(ctx, job->funcs[1]);
    JS_FreeValue(ctx, job->imports);
    free(job);
    if (st->host.after_task)
        st->host.after_task(st->host.user);
}

/* Starts a compilation of v's bytes; returns its promise (rejected on a bad argument). */
static JSValue start_compile(JSContext *ctx, JSValueConst v, bool instantiate, JSValueConst imports)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue funcs[2];
    JSValue promise = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    size_t len;
    uint8_t *bytes = qwjs_buffer_source_copy(ctx, v, &len);
    compile_job *job = bytes ? calloc(1, sizeof *job) : NULL;
    if (bytes && !job)
        JS_ThrowOutOfMemory(ctx);
    if (!job) {
        free(bytes);
        settle(ctx, funcs[1], JS_GetException(ctx));
        goto done;
    }
    job->req.data = job;
    job->ctx = ctx;
    job->eng = st->eng;
    job->bytes = bytes;
    job->len = len;
    job->instantiate = instantiate;
    job->imports = JS_DupValue(ctx, imports);
    job->funcs[0] = JS_DupValue(ctx, funcs[0]);
    job->funcs[1] = JS_DupValue(ctx, funcs[1]);
    if (uv_queue_work(st->host.loop, &job->req, compile_work, compile_done) < 0) {
        /* No threadpool: compile here, settle from the same callback. */
        compile_work(&job->req);
        compile_done(&job->req, 0);
    }
done:
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return promise;
}

static JSValue js_compile(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    return start_compile(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, false, JS_UNDEFINED);
}

/* instantiate(moduleObject, imports) resolves with an Instance; instantiate(bytes, imports)
 * compiles first and resolves with {module, instance}. */
static JSValue js_instantiate(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    JSValueConst src = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst imports = argc > 1 ? argv[1] : JS_UNDEFINED;
    if (!qwjs_module_of(ctx, src))
        return start_compile(ctx, src, true, imports);
    JSValue funcs[2];
    JSValue promise = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    JSValue inst = qwjs_instantiate(ctx, src, imports);
    if (JS_IsException(inst))
        settle(ctx, funcs[1], JS_GetException(ctx));
    else
        settle(ctx, funcs[0], inst);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return promise;
}

/* ---- compileStreaming / instantiateStreaming (JS-API "compile a potential WebAssembly response")
 * The source is awaited; it must be a Response (the host's fetch) with the MIME type
 * application/wasm and an ok status; its body bytes then go to the same threadpool compile. The
 * continuations carry [instantiate (bool), imports] as function data. */

static JSValue global_get(JSContext *ctx, const char *name)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue v = JS_GetPropertyStr(ctx, global, name);
    JS_FreeValue(ctx, global);
    return v;
}

/* promise.then(fn) where fn is a C continuation with data. */
static JSValue then_with(JSContext *ctx, JSValue promise, JSCFunctionData *fn, JSValueConst *data)
{
    if (JS_IsException(promise))
        return promise;
    JSValue cont = JS_NewCFunctionData(ctx, fn, 1, 0, 2, data);
    JSValue then = JS_GetPropertyStr(ctx, promise, "then");
    JSValue r =
        JS_IsException(cont) ? JS_EXCEPTION : JS_Call(ctx, then, promise, 1, (JSValueConst *)&cont);
    JS_FreeValue(ctx, then);
    JS_FreeValue(ctx, cont);
    JS_FreeValue(ctx, promise);
    return r;
}

static JSValue on_bytes(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                        int magic, JSValue *data)
{
    (void)this_val, (void)magic;
    return start_compile(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, JS_ToBool(ctx, data[0]), data[1]);
}

/* Whether the Content-Type header's essence is application/wasm (parameters and case ignored). */
static int is_wasm_mime(JSContext *ctx, JSValueConst resp)
{
    JSValue headers = JS_GetPropertyStr(ctx, resp, "headers");
    if (JS_IsException(headers))
        return -1;
    JSValue get = JS_GetPropertyStr(ctx, headers, "get");
    JSValue name = JS_NewString(ctx, "Content-Type");
    JSValue v =
        JS_IsFunction(ctx, get) ? JS_Call(ctx, get, headers, 1, (JSValueConst *)&name) : JS_NULL;
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, get);
    JS_FreeValue(ctx, headers);
    if (JS_IsException(v))
        return -1;
    int ok = 0;
    if (JS_IsString(v)) {
        const char *s = JS_ToCString(ctx, v);
        if (!s) {
            JS_FreeValue(ctx, v);
            return -1;
        }
        const char *p = s + strspn(s, " \t");
        size_t n = strcspn(p, ";");
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        ok = n == 16 && strncasecmp(p, "application/wasm", 16) == 0;
        JS_FreeCString(ctx, s);
    }
    JS_FreeValue(ctx, v);
    return ok;
}

static JSValue on_response(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                           int magic, JSValue *data)
{
    (void)this_val, (void)magic;
    JSValueConst resp = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValue ctor = global_get(ctx, "Response");
    int is_resp = JS_IsObject(ctor) && JS_IsObject(resp) ? JS_IsInstanceOf(ctx, resp, ctor) : 0;
    JS_FreeValue(ctx, ctor);
    if (is_resp < 0)
        return JS_EXCEPTION;
    if (!is_resp)
        return JS_ThrowTypeError(ctx, "WebAssembly.compileStreaming(): the argument must be a "
                                      "Response or a promise of one");
    int mime = is_wasm_mime(ctx, resp);
    if (mime < 0)
        return JS_EXCEPTION;
    if (!mime)
        return JS_ThrowTypeError(ctx, "WebAssembly.compileStreaming(): the response's MIME type "
                                      "is not application/wasm");
    JSValue okv = JS_GetPropertyStr(ctx, resp, "ok");
    if (JS_IsException(okv))
        return okv;
    int ok = JS_ToBool(ctx, okv);
    JS_FreeValue(ctx, okv);
    if (!ok)
        return JS_ThrowTypeError(ctx, "WebAssembly.compileStreaming(): the response's status is "
                                      "not ok");
    JSValue read = JS_GetPropertyStr(ctx, resp, "arrayBuffer");
    JSValue p = JS_Call(ctx, read, resp, 0, NULL);
    JS_FreeValue(ctx, read);
    return then_with(ctx, p, on_bytes, (JSValueConst *)data);
}

static JSValue streaming(JSContext *ctx, JSValueConst source, bool instantiate,
                         JSValueConst imports)
{
    JSValue promise_ctor = global_get(ctx, "Promise");
    JSValue resolve = JS_GetPropertyStr(ctx, promise_ctor, "resolve");
    JSValue p = JS_Call(ctx, resolve, promise_ctor, 1, &source);
    JS_FreeValue(ctx, resolve);
    JS_FreeValue(ctx, promise_ctor);
    JSValueConst data[2] = {JS_NewBool(ctx, instantiate), imports};
    return then_with(ctx, p, on_response, data);
}

static JSValue js_compile_streaming(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    (void)this_val;
    return streaming(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, false, JS_UNDEFINED);
}

static JSValue js_instantiate_streaming(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    (void)this_val;
    return streaming(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, true,
                     argc > 1 ? argv[1] : JS_UNDEFINED);
}

bool qwjs_hold(JSContext *ctx, JSValue *slot)
{
    return qwjs_map_put(&qwjs_state_of(ctx)->held, slot, slot);
}

void qwjs_unhold(JSRuntime *rt, JSValue *slot)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qwjs_map_remove(&st->held, slot);
}

void qwjs_release_values(qwjs_state *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->held.cap; i++) {
        qwjs_map_entry *e = &st->held.e[i];
        if (!e->obj)
            continue;
        /* The slot becomes undefined, so its owner's later release frees nothing. */
        JSValue *slot = e->obj;
        JSValue v = *slot;
        *slot = JS_UNDEFINED;
        JS_FreeValueRT(st->rt, v);
    }
}

/* The engine's allocation hook: the C library's, counting the live blocks and bytes that
 * qwjs_memory_usage reports. */
static void *counting_realloc(void *user, void *ptr, size_t size)
{
    qwjs_state *st = user;
    size_t old = ptr ? malloc_usable_size(ptr) : 0;
    if (size == 0) {
        if (ptr) {
            free(ptr);
            atomic_fetch_sub(&st->alloc_blocks, 1);
            atomic_fetch_sub(&st->alloc_bytes, old);
        }
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (!p)
        return NULL;
    if (!ptr)
        atomic_fetch_add(&st->alloc_blocks, 1);
    atomic_fetch_sub(&st->alloc_bytes, old);
    atomic_fetch_add(&st->alloc_bytes, malloc_usable_size(p));
    return p;
}

void qwjs_memory_usage(JSContext *ctx, qwjs_usage *out)
{
    qwjs_state *st = qwjs_state_of(ctx);
    out->instances = qw_store_instance_count(st->store);
    out->engine_blocks = atomic_load(&st->alloc_blocks);
    out->engine_bytes = atomic_load(&st->alloc_bytes);
    out->held_values = st->held.live;
    out->memory_bytes = qw_store_memory_committed(st->store);
}

static const JSCFunctionListEntry js_wasm_funcs[] = {
    QWJS_METHOD("validate", 1, js_validate),
    QWJS_METHOD("compile", 1, js_compile),
    QWJS_METHOD("compileStreaming", 1, js_compile_streaming),
    QWJS_METHOD("instantiate", 1, js_instantiate),
    QWJS_METHOD("instantiateStreaming", 1, js_instantiate_streaming),
    QWJS_TAG("WebAssembly"),
};

int qwjs_init(JSContext *ctx, const qwjs_host *host, qwjs_state **out)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    qwjs_state *st = calloc(1, sizeof *st);
    *out = NULL;
    if (!st)
        return JS_ThrowOutOfMemory(ctx), -1;
    st->rt = rt;
    st->ctx = ctx;
    st->host = *host;
    atomic_init(&st->alloc_blocks, 0);
    atomic_init(&st->alloc_bytes, 0);
    qw_engine_config ecfg = {.realloc = counting_realloc, .realloc_user = st};
    st->eng = qw_engine_new(&ecfg);
    qw_store_config cfg = {.max_memory_bytes = host->max_memory_bytes,
                           .stack_bytes = host->stack_bytes,
                           .host_release = qwjs_host_release,
                           .host_user = rt};
    st->store = st->eng ? qw_store_new(st->eng, &cfg) : NULL;
    if (!st->store) {
        qw_engine_free(st->eng);
        free(st);
        return JS_ThrowOutOfMemory(ctx), -1;
    }
    for (int i = 0; i < QWJS_CLASS_COUNT; i++)
        qjs_new_class_id(rt, &st->class_id[i]);
    JS_SetRuntimeOpaque(rt, st);
    *out = st;

    JSValue ns = JS_NewObject(ctx);
    if (JS_IsException(ns))
        return -1;
    JS_SetPropertyFunctionList(ctx, ns, js_wasm_funcs,
                               sizeof js_wasm_funcs / sizeof js_wasm_funcs[0]);
    if (qwjs_errors_init(ctx, ns) < 0 || qwjs_function_init(ctx) < 0 || qwjs_gcref_init(ctx) < 0 ||
        qwjs_module_init(ctx, ns) < 0 || qwjs_instance_init(ctx, ns) < 0 ||
        qwjs_memory_init(ctx, ns) < 0 || qwjs_table_init(ctx, ns) < 0 ||
        qwjs_global_init(ctx, ns) < 0 || qwjs_tag_init(ctx, ns) < 0 ||
        qwjs_exception_init(ctx, ns) < 0) {
        JS_FreeValue(ctx, ns);
        return -1;
    }
    JSValue global = JS_GetGlobalObject(ctx);
    int r = JS_DefinePropertyValueStr(ctx, global, "WebAssembly", ns,
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    JS_FreeValue(ctx, global);
    return r < 0 ? -1 : 0;
}

void qwjs_interrupt(qwjs_state *st)
{
    qw_store_interrupt(st->store);
}

void qwjs_free(qwjs_state *st)
{
    if (!st)
        return;
    qw_tag_unref(st->js_tag);
    qw_store_collect(st->store); /* GC cycles holding extern boxes count on the store */
    qw_store_unref(st->store);
    qw_engine_free(st->eng);
    qwjs_map_free(&st->wrappers);
    qwjs_map_free(&st->held);
    qwjs_map_free(&st->anchored);
    free(st);
}
