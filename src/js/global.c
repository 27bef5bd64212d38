/* global.c: WebAssembly.Global (JS-API "Globals"): the descriptor, value (get and set) and
 * valueOf, for every value type. */
#include "binding.h"

static qw_global *global_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque2(ctx, v, qwjs_state_of(ctx)->class_id[QWJS_GLOBAL]);
}

qw_global *qwjs_global_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_GLOBAL]);
}

static void js_global_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_wrapper_finalize(rt, val, QWJS_GLOBAL);
    /* An instance may have been kept only through this object's references to its functions. */
    qw_store_collect(((qwjs_state *)JS_GetRuntimeOpaque(rt))->store);
}

static void js_global_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qw_global *g = JS_GetOpaque(val, st->class_id[QWJS_GLOBAL]);
    void *anchor = g ? qwjs_wrapper_anchor(rt, g) : NULL;
    if (anchor) /* the global's value is the anchor's to trace */
        JS_MarkValue(rt, JS_MKPTR(JS_TAG_OBJECT, anchor), mark);
    else if (g && qw_global_refcount(g) == 1) {
        qwjs_mark_ctx m = {rt, mark};
        qw_global_visit(g, qwjs_mark_visit, &m);
    }
}

JSValue qwjs_global_wrap(JSContext *ctx, qw_global *g)
{
    return qwjs_wrapper_wrap(ctx, QWJS_GLOBAL, g);
}

/* new Global({value, mutable}, v): members in dictionary order (mutable, value); v missing or
 * undefined gives the type's default value. */
static JSValue js_global_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValueConst desc = argc > 0 ? argv[0] : JS_UNDEFINED;
    if (!JS_IsObject(desc))
        return JS_ThrowTypeError(ctx, "WebAssembly.Global(): the descriptor must be an object");
    JSValue mv = JS_GetPropertyStr(ctx, desc, "mutable");
    if (JS_IsException(mv))
        return mv;
    bool mutable_ = JS_ToBool(ctx, mv);
    JS_FreeValue(ctx, mv);
    JSValue tv = JS_GetPropertyStr(ctx, desc, "value");
    if (JS_IsException(tv))
        return tv;
    if (JS_IsUndefined(tv))
        return JS_ThrowTypeError(ctx, "WebAssembly.Global(): the descriptor needs \"value\"");
    size_t slen;
    const char *s = JS_ToCStringLen(ctx, &slen, tv);
    JS_FreeValue(ctx, tv);
    if (!s)
        return JS_EXCEPTION;
    qw_valtype t;
    bool known = qwjs_parse_valtype(s, slen, &t);
    JS_FreeCString(ctx, s);
    if (!known)
        return JS_ThrowTypeError(ctx, "WebAssembly.Global(): unknown value type");
    if (t == QW_V128)
        return JS_ThrowTypeError(ctx, "WebAssembly.Global(): v128 globals cannot be created from "
                                      "JavaScript");
    qw_val v;
    int r = argc < 2 || JS_IsUndefined(argv[1]) ? qwjs_default_value(ctx, t, &v)
                                                : qwjs_to_wasm(ctx, argv[1], t, &v);
    if (r < 0)
        return JS_EXCEPTION;
    qw_error err = {0};
    qw_global *g = qw_global_new(qwjs_state_of(ctx)->store, t, mutable_, &v, &err);
    qwjs_val_release(t, &v);
    if (!g)
        return JS_ThrowOutOfMemory(ctx);
    return qwjs_wrapper_new(ctx, new_target, QWJS_GLOBAL, g);
}

static JSValue js_global_value(JSContext *ctx, JSValueConst this_val)
{
    qw_global *g = global_of(ctx, this_val);
    if (!g)
        return JS_EXCEPTION;
    qw_val v;
    qw_global_get(g, &v);
    return qwjs_to_js(ctx, qw_global_type(g), &v);
}

static JSValue js_global_set_value(JSContext *ctx, JSValueConst this_val, JSValueConst val)
{
    qw_global *g = global_of(ctx, this_val);
    if (!g)
        return JS_EXCEPTION;
    if (!qw_global_is_mutable(g))
        return JS_ThrowTypeError(ctx, "WebAssembly.Global: cannot set the value of an immutable "
                                      "global");
    qw_valtype t = qw_global_type(g);
    qw_val v;
    if (qwjs_to_wasm(ctx, val, t, &v) < 0)
        return JS_EXCEPTION;
    qw_global_set(g, &v);
    qwjs_val_release(t, &v);
    return JS_UNDEFINED;
}

static JSValue js_global_value_of(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    (void)argc, (void)argv;
    return js_global_value(ctx, this_val);
}

static const JSCFunctionListEntry js_global_proto_funcs[] = {
    QWJS_METHOD("valueOf", 0, js_global_value_of),
    QWJS_ACCESSOR("value", js_global_value, js_global_set_value),
    QWJS_TAG("WebAssembly.Global"),
};

int qwjs_global_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Global",
        .finalizer = js_global_finalizer,
        .gc_mark = js_global_mark,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_GLOBAL], &def) < 0)
        return -1;
    return qwjs_define_class(ctx, ns, QWJS_GLOBAL, "Global", js_global_ctor, 1,
                             js_global_proto_funcs,
                             sizeof js_global_proto_funcs / sizeof js_global_proto_funcs[0]);
}
