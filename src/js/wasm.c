/* wasm.c: the WebAssembly namespace (JS-API "The WebAssembly namespace"): validate, compile and
 * instantiate, compiling on the libuv threadpool; and the binding's init and teardown. */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

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

#if QWJS_HAVE_INSTANCES
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
#endif

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
#if QWJS_HAVE_INSTANCES
        if (!JS_IsException(v) && job->instantiate)
            v = result_pair(ctx, v, job->imports);
#endif
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

#if QWJS_HAVE_INSTANCES
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
#endif

static const JSCFunctionListEntry js_wasm_funcs[] = {
    QWJS_METHOD("validate", 1, js_validate),
    QWJS_METHOD("compile", 1, js_compile),
#if QWJS_HAVE_INSTANCES
    QWJS_METHOD("instantiate", 1, js_instantiate),
#endif
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
    st->eng = qw_engine_new(NULL);
    qw_store_config cfg = {.host_release = qwjs_host_release, .host_user = rt};
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
    if (qwjs_errors_init(ctx, ns) < 0 || qwjs_function_init(ctx) < 0 ||
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

void qwjs_free(qwjs_state *st)
{
    if (!st)
        return;
    qw_tag_unref(st->js_tag);
    qw_store_unref(st->store);
    qw_engine_free(st->eng);
    qwjs_map_free(&st->wrappers);
    free(st);
}
