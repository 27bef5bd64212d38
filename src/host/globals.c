/* globals.c: the small host globals: self, queueMicrotask (HTML), performance.now() and
 * performance.timeOrigin (High Resolution Time), and the qwasm namespace (args, exit, readFile,
 * gc, memoryUsage). */
#include "host.h"
#include "qwjs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static JSValue run_microtask(JSContext *ctx, int argc, JSValueConst *argv)
{
    (void)argc;
    return JS_Call(ctx, argv[0], JS_UNDEFINED, 0, NULL);
}

static JSValue js_queue_microtask(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    (void)this_val;
    if (argc < 1 || !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "queueMicrotask: callback is not a function");
    if (JS_EnqueueJob(ctx, run_microtask, 1, argv) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue js_performance_now(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    (void)this_val, (void)argc, (void)argv;
    host_rt *h = host_from_ctx(ctx);
    return JS_NewFloat64(ctx, (double)(uv_hrtime() - h->hr_origin) / 1e6);
}

static JSValue js_performance_to_json(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    (void)this_val, (void)argc, (void)argv;
    host_rt *h = host_from_ctx(ctx);
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    if (JS_SetPropertyStr(ctx, obj, "timeOrigin", JS_NewFloat64(ctx, h->time_origin)) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static const JSCFunctionListEntry js_performance_funcs[] = {
    JS_CFUNC_DEF("now", 0, js_performance_now),
    JS_CFUNC_DEF("toJSON", 0, js_performance_to_json),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Performance", JS_PROP_CONFIGURABLE),
};

/* qwasm.exit(code): like Node's process.exit, the process ends at once with code & 0xff; the
 * remaining tasks do not run. */
static JSValue js_qwasm_exit(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    int32_t code = 0;
    if (argc >= 1 && !JS_IsUndefined(argv[0]) && JS_ToInt32(ctx, &code, argv[0]) < 0)
        return JS_EXCEPTION;
    fflush(stdout);
    fflush(stderr);
    exit(code & 0xff);
}

static JSValue js_qwasm_read_file(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    (void)this_val;
    if (argc < 1 || !JS_IsString(argv[0]))
        return JS_ThrowTypeError(ctx, "qwasm.readFile: path must be a string");
    const char *path = JS_ToCString(ctx, argv[0]);
    if (!path)
        return JS_EXCEPTION;
    size_t len;
    int err;
    char *buf = host_read_file(path, &len, &err);
    if (!buf) {
        JSValue ex = err == ENOMEM ? JS_ThrowOutOfMemory(ctx)
                                   : JS_ThrowTypeError(ctx, "qwasm.readFile: cannot read '%s': %s",
                                                       path, strerror(err));
        JS_FreeCString(ctx, path);
        return ex;
    }
    JS_FreeCString(ctx, path);
    /* The buffer becomes the ArrayBuffer's store: no copy of a large file. */
    return qjs_new_array_buffer_malloced(ctx, (uint8_t *)buf, len);
}

/* qwasm.gc(): a full collection of QuickJS's cycles now (finalizers of WebAssembly objects run,
 * and with them the engine's collection of the instances they held). */
static JSValue js_qwasm_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val, (void)argc, (void)argv;
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

static int set_size(JSContext *ctx, JSValueConst obj, const char *name, double v)
{
    return JS_DefinePropertyValueStr(ctx, obj, name, JS_NewFloat64(ctx, v), JS_PROP_C_W_E);
}

/* qwasm.memoryUsage(): live counts, like Node's process.memoryUsage(): the JS heap's objects
 * and bytes, and what WebAssembly holds (engine instances, allocations, JS values held by
 * engine objects, committed linear memory). For tests that check nothing accumulates. */
static JSValue js_qwasm_memory_usage(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    (void)this_val, (void)argc, (void)argv;
    JSMemoryUsage mu;
    JS_ComputeMemoryUsage(JS_GetRuntime(ctx), &mu);
    qwjs_usage wu;
    qwjs_memory_usage(ctx, &wu);
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj) || set_size(ctx, obj, "jsObjects", (double)mu.obj_count) < 0 ||
        set_size(ctx, obj, "jsBytes", (double)mu.malloc_size) < 0 ||
        set_size(ctx, obj, "wasmInstances", (double)wu.instances) < 0 ||
        set_size(ctx, obj, "wasmBlocks", (double)wu.engine_blocks) < 0 ||
        set_size(ctx, obj, "wasmBytes", (double)wu.engine_bytes) < 0 ||
        set_size(ctx, obj, "wasmHeldValues", (double)wu.held_values) < 0 ||
        set_size(ctx, obj, "wasmMemoryBytes", (double)wu.memory_bytes) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static const JSCFunctionListEntry js_qwasm_funcs[] = {
    JS_CFUNC_DEF("exit", 1, js_qwasm_exit),
    JS_CFUNC_DEF("readFile", 1, js_qwasm_read_file),
    JS_CFUNC_DEF("gc", 0, js_qwasm_gc),
    JS_CFUNC_DEF("memoryUsage", 0, js_qwasm_memory_usage),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "qwasm", JS_PROP_CONFIGURABLE),
};

static JSValue make_args(JSContext *ctx, host_rt *h)
{
    JSValue args = JS_NewArray(ctx);
    for (int i = 0; i < h->script_argc && !JS_IsException(args); i++) {
        JSValue s = JS_NewString(ctx, h->script_argv[i]);
        if (JS_IsException(s) || JS_SetPropertyUint32(ctx, args, (uint32_t)i, s) < 0) {
            JS_FreeValue(ctx, args);
            args = JS_EXCEPTION;
        }
    }
    return args;
}

/* Defines name on obj as a writable, configurable property with the given enumerability (WebIDL
 * makes operations and attributes enumerable, namespaces not); takes ownership of val. */
static int define(JSContext *ctx, JSValueConst obj, const char *name, JSValue val, bool enumerable)
{
    if (JS_IsException(val))
        return -1;
    return JS_DefinePropertyValueStr(ctx, obj, name, val,
                                     JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE |
                                         (enumerable ? JS_PROP_ENUMERABLE : 0));
}

int host_globals_init(JSContext *ctx)
{
    host_rt *h = host_from_ctx(ctx);
    JSValue global = JS_GetGlobalObject(ctx);
    int ret = -1;
    JSValue perf = JS_NewObject(ctx), qwasm = JS_NewObject(ctx);
    if (JS_IsException(perf) || JS_IsException(qwasm))
        goto done;
    JS_SetPropertyFunctionList(ctx, perf, js_performance_funcs,
                               sizeof js_performance_funcs / sizeof js_performance_funcs[0]);
    if (JS_DefinePropertyValueStr(ctx, perf, "timeOrigin", JS_NewFloat64(ctx, h->time_origin),
                                  JS_PROP_ENUMERABLE) < 0)
        goto done;
    JS_SetPropertyFunctionList(ctx, qwasm, js_qwasm_funcs,
                               sizeof js_qwasm_funcs / sizeof js_qwasm_funcs[0]);
    JSValue args = make_args(ctx, h);
    if (JS_IsException(args) ||
        JS_DefinePropertyValueStr(ctx, qwasm, "args", args, JS_PROP_ENUMERABLE) < 0)
        goto done;
    if (define(ctx, global, "self", JS_DupValue(ctx, global), true) < 0 ||
        define(ctx, global, "performance", JS_DupValue(ctx, perf), true) < 0 ||
        define(ctx, global, "qwasm", JS_DupValue(ctx, qwasm), false) < 0 ||
        /* Defined, not listed: quickjs-ng has its own queueMicrotask, and a function list
         * must not meet an existing property. */
        define(ctx, global, "queueMicrotask",
               JS_NewCFunction(ctx, js_queue_microtask, "queueMicrotask", 1), true) < 0)
        goto done;
    ret = 0;
done:
    JS_FreeValue(ctx, perf);
    JS_FreeValue(ctx, qwasm);
    JS_FreeValue(ctx, global);
    return ret;
}
