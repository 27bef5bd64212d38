/* exception.c: WebAssembly.Exception (JS-API "Exceptions"): a tag and its arguments, getArg, is,
 * and the traceStack option. */
#include "binding.h"

#include <stdlib.h>

static void js_exception_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_wrapper_finalize(rt, val, QWJS_EXCEPTION);
}

static void js_exception_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qw_exception *exn = JS_GetOpaque(val, st->class_id[QWJS_EXCEPTION]);
    if (exn && qw_ref_count(qw_exception_as_ref(exn)) == 1) {
        qwjs_mark_ctx m = {rt, mark};
        qw_exception_visit(exn, qwjs_mark_visit, &m);
    }
}

qw_exception *qwjs_exception_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_EXCEPTION]);
}

JSValue qwjs_exception_wrap(JSContext *ctx, qw_exception *exn)
{
    return qwjs_wrapper_wrap(ctx, QWJS_EXCEPTION, exn);
}

/* The payload sequence converted to the tag's parameter types. */
static qw_val *read_payload(JSContext *ctx, JSValueConst payload, const qw_valtype *types,
                            uint32_t n)
{
    qw_val *vals = calloc(n + 1, sizeof *vals);
    if (!vals) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    if (!JS_IsObject(payload)) {
        JS_ThrowTypeError(ctx, "WebAssembly.Exception(): the payload must be a sequence");
        free(vals);
        return NULL;
    }
    if (qwjs_iterable_to_wasm(ctx, payload, types, n, vals) < 0) {
        free(vals);
        return NULL;
    }
    return vals;
}

/* A stack trace for traceStack: an Error's, without its first line. */
static int set_stack(JSContext *ctx, JSValueConst obj)
{
    /* The Error constructor (not JS_NewError) records the backtrace. */
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue ctor = JS_GetPropertyStr(ctx, global, "Error");
    JS_FreeValue(ctx, global);
    JSValue err = JS_CallConstructor(ctx, ctor, 0, NULL);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(err))
        return -1;
    JSValue stack = JS_GetPropertyStr(ctx, err, "stack");
    JS_FreeValue(ctx, err);
    if (JS_IsException(stack))
        return -1;
    return JS_DefinePropertyValueStr(ctx, obj, "stack", stack,
                                     JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

static JSValue js_exception_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                 JSValueConst *argv)
{
    qw_tag *tag = argc > 0 ? qwjs_tag_of(ctx, argv[0]) : NULL;
    if (!tag)
        return JS_ThrowTypeError(ctx, "WebAssembly.Exception(): the first argument must be a "
                                      "WebAssembly.Tag");
    if (tag == qwjs_js_tag(ctx))
        return JS_ThrowTypeError(ctx, "WebAssembly.Exception(): cannot create an exception with "
                                      "WebAssembly.JSTag");
    uint32_t n;
    const qw_valtype *types = qw_tag_params(tag, &n);
    qw_val *vals = read_payload(ctx, argc > 1 ? argv[1] : JS_UNDEFINED, types, n);
    if (!vals)
        return JS_EXCEPTION;
    bool trace = false;
    if (argc > 2 && !JS_IsUndefined(argv[2]) && !JS_IsNull(argv[2])) {
        if (!JS_IsObject(argv[2])) {
            JS_ThrowTypeError(ctx, "WebAssembly.Exception(): options must be an object");
            goto fail;
        }
        JSValue tv = JS_GetPropertyStr(ctx, argv[2], "traceStack");
        if (JS_IsException(tv))
            goto fail;
        trace = JS_ToBool(ctx, tv);
        JS_FreeValue(ctx, tv);
    }
    qw_error err = {0};
    qw_exception *exn = qw_exception_new(qwjs_state_of(ctx)->store, tag, vals, &err);
    for (uint32_t i = 0; i < n; i++)
        qwjs_val_release(types[i], &vals[i]);
    free(vals);
    vals = NULL;
    if (!exn)
        return JS_ThrowOutOfMemory(ctx);
    JSValue obj = qwjs_wrapper_new(ctx, new_target, QWJS_EXCEPTION, exn);
    if (!JS_IsException(obj) && trace && set_stack(ctx, obj) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
fail:
    for (uint32_t i = 0; i < n; i++)
        qwjs_val_release(types[i], &vals[i]);
    free(vals);
    return JS_EXCEPTION;
}

static JSValue js_exception_get_arg(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    qw_exception *exn = JS_GetOpaque2(ctx, this_val, qwjs_state_of(ctx)->class_id[QWJS_EXCEPTION]);
    if (!exn)
        return JS_EXCEPTION;
    qw_tag *tag = argc > 0 ? qwjs_tag_of(ctx, argv[0]) : NULL;
    if (!tag)
        return JS_ThrowTypeError(ctx, "WebAssembly.Exception.getArg(): the first argument must "
                                      "be a WebAssembly.Tag");
    uint32_t idx;
    if (qwjs_to_u32_enforce(ctx, argc > 1 ? argv[1] : JS_UNDEFINED, "index", &idx) < 0)
        return JS_EXCEPTION;
    if (qw_exception_tag(exn) != tag)
        return JS_ThrowTypeError(ctx, "WebAssembly.Exception.getArg(): the tag is not the "
                                      "exception's");
    uint32_t n;
    const qw_val *args = qw_exception_args(exn, &n);
    const qw_valtype *types = qw_tag_params(tag, &n);
    if (idx >= n)
        return JS_ThrowRangeError(ctx, "WebAssembly.Exception.getArg(): index %u out of range",
                                  idx);
    return qwjs_to_js(ctx, types[idx], &args[idx]);
}

static JSValue js_exception_is(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    qw_exception *exn = JS_GetOpaque2(ctx, this_val, qwjs_state_of(ctx)->class_id[QWJS_EXCEPTION]);
    if (!exn)
        return JS_EXCEPTION;
    qw_tag *tag = argc > 0 ? qwjs_tag_of(ctx, argv[0]) : NULL;
    if (!tag)
        return JS_ThrowTypeError(ctx, "WebAssembly.Exception.is(): the argument must be a "
                                      "WebAssembly.Tag");
    return JS_NewBool(ctx, qw_exception_tag(exn) == tag);
}

static const JSCFunctionListEntry js_exception_proto_funcs[] = {
    QWJS_METHOD("getArg", 2, js_exception_get_arg),
    QWJS_METHOD("is", 1, js_exception_is),
    QWJS_TAG("WebAssembly.Exception"),
};

int qwjs_exception_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Exception",
        .finalizer = js_exception_finalizer,
        .gc_mark = js_exception_mark,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_EXCEPTION], &def) < 0)
        return -1;
    return qwjs_define_class(ctx, ns, QWJS_EXCEPTION, "Exception", js_exception_ctor, 2,
                             js_exception_proto_funcs,
                             sizeof js_exception_proto_funcs / sizeof js_exception_proto_funcs[0]);
}
