/* function.c: functions across the boundary (JS-API "Exported Functions" and "create a host
 * function"): an exported Wasm function is a callable object whose name is its function index and
 * whose length is its parameter count, one per engine function; a JS function imported into Wasm
 * becomes a host function that comes back out as the same JS function. */
#include "binding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The user data of a host function made from a JS function. */
typedef struct host_func {
    JSRuntime *rt;
    JSContext *ctx;
    JSValue fn;
    uint32_t np, nr;
    qw_valtype types[]; /* parameters, then results */
} host_func;

/* The opaque of an exported function object: the engine function it calls, kept alive by its
 * instance's anchor (instance.c), and its signature, read once here rather than on every call. */
typedef struct exported {
    qw_func *func;
    JSValue anchor;
    const qw_valtype *params, *results; /* owned by func */
    uint32_t np, nr;
} exported;

/* Calls with up to this many parameters and results keep them on the C stack: no allocation. */
#define CALL_VALS_ON_STACK 8

/* Every host function of the binding's store is made here. */
static bool is_our_host_func(const qw_func *f)
{
    return qw_func_is_host(f);
}

static void js_function_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    exported *e = JS_GetOpaque(val, st->class_id[QWJS_FUNCTION]);
    if (!e)
        return;
    qwjs_map_remove(&st->wrappers, e->func);
    JS_FreeValueRT(rt, e->anchor);
    free(e);
}

static void js_function_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    exported *e = JS_GetOpaque(val, st->class_id[QWJS_FUNCTION]);
    if (e)
        JS_MarkValue(rt, e->anchor, mark);
}

JSValue qwjs_throw_call_trap(JSContext *ctx, qw_trap trap)
{
    if (trap == QW_TRAP_HOST)
        return qwjs_throw(ctx, QWJS_RUNTIME_ERROR, "a host function failed");
    if (trap != QW_TRAP_EXCEPTION)
        return qwjs_throw_trap(ctx, trap);
    qw_exception *exn = qw_store_take_exception(qwjs_state_of(ctx)->store);
    if (!exn)
        return qwjs_throw(ctx, QWJS_RUNTIME_ERROR, "an exception without a value");
    JSValue v;
    if (qw_exception_tag(exn) == qwjs_js_tag(ctx)) {
        /* A JS value thrown with JSTag leaves as itself. */
        uint32_t n;
        const qw_val *args = qw_exception_args(exn, &n);
        v = qwjs_to_js(ctx, QW_EXTERNREF, &args[0]);
    } else {
        v = qwjs_exception_wrap(ctx, exn);
    }
    qw_exception_unref(exn);
    if (JS_IsException(v))
        return v;
    return JS_Throw(ctx, v);
}

/* Calling an exported function: the arguments by ToWebAssemblyValue (missing ones are undefined),
 * the call, then no result (undefined), one value, or an array of them. */
static JSValue js_function_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                                int argc, JSValueConst *argv, int flags)
{
    (void)this_val;
    qwjs_state *st = qwjs_state_of(ctx);
    if (flags & JS_CALL_FLAG_CONSTRUCTOR)
        return JS_ThrowTypeError(ctx, "WebAssembly function is not a constructor");
    exported *e = JS_GetOpaque(func_obj, st->class_id[QWJS_FUNCTION]);
    uint32_t np = e->np, nr = e->nr;
    const qw_valtype *pt = e->params, *rt = e->results;
    qw_val on_stack[CALL_VALS_ON_STACK];
    qw_val *args = np + nr <= CALL_VALS_ON_STACK ? on_stack : calloc(np + nr, sizeof *args);
    qw_val *res = args + np;
    if (!args)
        return JS_ThrowOutOfMemory(ctx);
    uint32_t i;
    JSValue ret = JS_EXCEPTION;
    for (i = 0; i < np; i++) {
        if (qwjs_to_wasm(ctx, i < (uint32_t)argc ? argv[i] : JS_UNDEFINED, pt[i], &args[i]) < 0)
            goto done;
        if (QW_VT_IS_REF(pt[i]) && !qw_func_param_matches(e->func, i, args[i].ref)) {
            i++; /* released below */
            JS_ThrowTypeError(ctx,
                              "type incompatibility: argument %u is not of the parameter's "
                              "reference type",
                              i - 1);
            goto done;
        }
    }
    qw_trap trap = qw_func_call(st->store, e->func, args, res);
    if (trap) {
        ret = qwjs_throw_call_trap(ctx, trap);
        goto done;
    }
    if (nr == 0) {
        ret = JS_UNDEFINED;
    } else if (nr == 1) {
        ret = qwjs_to_js(ctx, rt[0], &res[0]);
    } else {
        ret = JS_NewArray(ctx);
        for (uint32_t k = 0; k < nr && !JS_IsException(ret); k++) {
            JSValue v = qwjs_to_js(ctx, rt[k], &res[k]);
            if (JS_IsException(v) || JS_SetPropertyUint32(ctx, ret, k, v) < 0) {
                JS_FreeValue(ctx, ret);
                ret = JS_EXCEPTION;
            }
        }
    }
    for (uint32_t k = 0; k < nr; k++)
        qwjs_val_release(rt[k], &res[k]);
done:
    while (i-- > 0)
        qwjs_val_release(pt[i], &args[i]);
    if (args != on_stack)
        free(args);
    return ret;
}

int qwjs_function_init(JSContext *ctx)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Function",
        .finalizer = js_function_finalizer,
        .gc_mark = js_function_mark,
        .call = js_function_call,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_FUNCTION], &def) < 0)
        return -1;
    return 0;
}

JSValue qwjs_func_wrap_index(JSContext *ctx, qw_func *func, uint32_t index)
{
    if (is_our_host_func(func)) {
        host_func *h = qw_func_host_user(func);
        return JS_DupValue(ctx, h->fn);
    }
    JSValue w = qwjs_wrapper_get(ctx, func);
    if (!JS_IsUndefined(w))
        return w;
    qwjs_state *st = qwjs_state_of(ctx);
    exported *e = malloc(sizeof *e);
    if (!e)
        return JS_ThrowOutOfMemory(ctx);
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue fctor = JS_GetPropertyStr(ctx, global, "Function");
    JSValue fproto = JS_GetPropertyStr(ctx, fctor, "prototype");
    JS_FreeValue(ctx, fctor);
    JS_FreeValue(ctx, global);
    JSValue obj = JS_NewObjectProtoClass(ctx, fproto, st->class_id[QWJS_FUNCTION]);
    JS_FreeValue(ctx, fproto);
    if (JS_IsException(obj)) {
        free(e);
        return obj;
    }
    e->func = func;
    e->anchor = qwjs_instance_anchor(ctx, qw_func_instance(func));
    e->params = qw_func_params(func, &e->np);
    e->results = qw_func_results(func, &e->nr);
    JS_SetOpaque(obj, e);
    if (JS_IsException(e->anchor)) {
        e->anchor = JS_UNDEFINED;
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    if (!qwjs_map_put(&st->wrappers, func, JS_VALUE_GET_PTR(obj))) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowOutOfMemory(ctx);
    }
    char name[16];
    if (index != QW_NO_FUNC)
        snprintf(name, sizeof name, "%u", index);
    else
        name[0] = 0;
    if (JS_DefinePropertyValueStr(ctx, obj, "length", JS_NewUint32(ctx, e->np),
                                  JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyValueStr(ctx, obj, "name", JS_NewString(ctx, name), JS_PROP_CONFIGURABLE) <
            0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

qw_func *qwjs_func_of(JSContext *ctx, JSValueConst v)
{
    exported *e = JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_FUNCTION]);
    if (e)
        return e->func;
    return NULL;
}

JSValue qwjs_func_wrap(JSContext *ctx, qw_func *func)
{
    return qwjs_func_wrap_index(ctx, func, qw_func_index(func));
}

void qwjs_host_func_mark(JSRuntime *rt, qw_func *func, JS_MarkFunc *mark)
{
    host_func *h = qw_func_host_user(func);
    JS_MarkValue(rt, h->fn, mark);
}

static void host_func_finalize(void *user)
{
    host_func *h = user;
    qwjs_unhold(h->rt, &h->fn);
    JS_FreeValueRT(h->rt, h->fn);
    free(h);
}

/* A JS exception thrown into Wasm: a WebAssembly.Exception goes as itself, any other value as
 * an exception of JSTag carrying it (catchable by catch_all and JSTag); the JS edge unwraps it
 * (qwjs_throw_call_trap), so the value arrives unchanged. */
static qw_trap throw_into_wasm(JSContext *ctx)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue v = JS_GetException(ctx);
    qw_exception *exn = qwjs_exception_of(ctx, v);
    if (exn) {
        qw_store_throw(st->store, qw_exception_ref(exn));
        JS_FreeValue(ctx, v);
        return QW_TRAP_EXCEPTION;
    }
    qw_val arg;
    if (qwjs_to_wasm(ctx, v, QW_EXTERNREF, &arg) < 0) {
        JS_FreeValue(ctx, v);
        return QW_TRAP_OOM;
    }
    JS_FreeValue(ctx, v);
    qw_error err = {0};
    exn = qw_exception_new(st->store, st->js_tag, &arg, &err);
    qwjs_val_release(QW_EXTERNREF, &arg);
    if (!exn)
        return QW_TRAP_OOM;
    qw_store_throw(st->store, exn);
    return QW_TRAP_EXCEPTION;
}

/* A call from Wasm into JS: ToJSValue of the arguments, the call, then the results by
 * ToWebAssemblyValue (several results from any iterable). */
static qw_trap host_func_call(void *user, const qw_val *args, qw_val *results)
{
    host_func *h = user;
    JSContext *ctx = h->ctx;
    const qw_valtype *pt = h->types, *rt = h->types + h->np;
    JSValue on_stack[CALL_VALS_ON_STACK];
    JSValue *jargs = h->np <= CALL_VALS_ON_STACK ? on_stack : calloc(h->np, sizeof *jargs);
    if (!jargs)
        return QW_TRAP_OOM;
    uint32_t i;
    qw_trap trap = QW_TRAP_HOST;
    for (i = 0; i < h->np; i++) {
        jargs[i] = qwjs_to_js(ctx, pt[i], &args[i]);
        if (JS_IsException(jargs[i]))
            goto done;
    }
    JSValue r = JS_Call(ctx, h->fn, JS_UNDEFINED, (int)h->np, (JSValueConst *)jargs);
    if (JS_IsException(r))
        goto done;
    if (h->nr == 0) {
        trap = QW_TRAP_NONE;
    } else if (h->nr == 1) {
        if (qwjs_to_wasm(ctx, r, rt[0], &results[0]) == 0)
            trap = QW_TRAP_NONE;
    } else if (qwjs_iterable_to_wasm(ctx, r, rt, h->nr, results) == 0) {
        trap = QW_TRAP_NONE;
    }
    JS_FreeValue(ctx, r);
done:
    while (i-- > 0)
        JS_FreeValue(ctx, jargs[i]);
    if (jargs != on_stack)
        free(jargs);
    if (trap == QW_TRAP_HOST)
        trap = throw_into_wasm(ctx);
    return trap;
}

qw_func *qwjs_host_func_new(JSContext *ctx, JSValueConst fn, const qw_valtype *params, uint32_t np,
                            const qw_valtype *results, uint32_t nr)
{
    host_func *h = malloc(sizeof *h + (np + nr + 1) * sizeof(qw_valtype));
    if (!h) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    h->rt = JS_GetRuntime(ctx);
    h->ctx = ctx;
    h->fn = JS_DupValue(ctx, fn);
    h->np = np;
    h->nr = nr;
    if (np) /* the engine gives NULL for an empty list */
        memcpy(h->types, params, np * sizeof *params);
    if (nr)
        memcpy(h->types + np, results, nr * sizeof *results);
    if (!qwjs_hold(ctx, &h->fn)) {
        JS_FreeValue(ctx, h->fn);
        free(h);
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    qw_error err = {0};
    qw_func *f = qw_func_new_host(qwjs_state_of(ctx)->store, params, np, results, nr,
                                  host_func_call, h, host_func_finalize, &err);
    if (!f) {
        qwjs_unhold(h->rt, &h->fn);
        JS_FreeValue(ctx, h->fn);
        free(h);
        qwjs_throw_error(ctx, "WebAssembly.Instance()", &err);
    }
    return f;
}
