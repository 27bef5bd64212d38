/* gcref.c: GC structs and arrays seen from JS (GC JS-API "ToJSValue" of a struct or array
 * reference): an opaque object with a null prototype and no properties, one per reference, that
 * gives the same reference back when it returns to Wasm. Defining, setting and deleting
 * properties throw (the JS-API's exotic [[DefineOwnProperty]], [[Set]], [[Delete]]); QuickJS 2021
 * has no hook for [[PreventExtensions]], so Object.preventExtensions and Object.seal succeed on
 * the already non-extensible object instead of throwing. */
#include "binding.h"

static void js_gcref_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qw_ref ref = JS_GetOpaque(val, st->class_id[QWJS_GCREF]);
    if (!ref)
        return;
    qwjs_map_remove(&st->wrappers, ref);
    qw_ref_release(ref);
}

static int refuse(JSContext *ctx)
{
    JS_ThrowTypeError(ctx, "WebAssembly objects are opaque");
    return -1;
}

static int js_gcref_delete(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    (void)obj;
    (void)prop;
    return refuse(ctx);
}

static int js_gcref_define(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                           JSValueConst getter, JSValueConst setter, int flags)
{
    (void)obj, (void)prop, (void)val, (void)getter, (void)setter, (void)flags;
    return refuse(ctx);
}

static int js_gcref_set(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                        JSValueConst receiver, int flags)
{
    (void)obj, (void)prop, (void)val, (void)receiver, (void)flags;
    return refuse(ctx);
}

static JSClassExoticMethods js_gcref_exotic = {
    .delete_property = js_gcref_delete,
    .define_own_property = js_gcref_define,
    .set_property = js_gcref_set,
};

qw_ref qwjs_gcref_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_GCREF]);
}

JSValue qwjs_gcref_wrap(JSContext *ctx, qw_ref ref)
{
    JSValue w = qwjs_wrapper_get(ctx, ref);
    if (!JS_IsUndefined(w))
        return w;
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue obj = JS_NewObjectProtoClass(ctx, JS_NULL, st->class_id[QWJS_GCREF]);
    if (JS_IsException(obj))
        return obj;
    if (!qwjs_map_put(&st->wrappers, ref, JS_VALUE_GET_PTR(obj))) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowOutOfMemory(ctx);
    }
    JS_SetOpaque(obj, qw_ref_retain(ref));
    JS_PreventExtensions(ctx, obj);
    return obj;
}

int qwjs_gcref_init(JSContext *ctx)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Object",
        .finalizer = js_gcref_finalizer,
        .exotic = &js_gcref_exotic,
    };
    return JS_NewClass(st->rt, st->class_id[QWJS_GCREF], &def);
}
