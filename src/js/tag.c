/* tag.c: WebAssembly.Tag (JS-API "Tags") and WebAssembly.JSTag, the tag of JS exceptions seen
 * from Wasm (one externref parameter). */
#include "binding.h"

#include <stdlib.h>

static void js_tag_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_wrapper_finalize(rt, val, QWJS_TAG);
}

qw_tag *qwjs_tag_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_TAG]);
}

JSValue qwjs_tag_wrap(JSContext *ctx, qw_tag *tag)
{
    return qwjs_wrapper_wrap(ctx, QWJS_TAG, tag);
}

/* The value types of the descriptor's "parameters" (a sequence<ValueType>). */
static qw_valtype *read_params(JSContext *ctx, JSValueConst desc, uint32_t *n)
{
    JSValue ps = JS_GetPropertyStr(ctx, desc, "parameters");
    if (JS_IsException(ps))
        return NULL;
    qw_valtype *types = NULL;
    uint32_t len = 0, cap = 0;
    JSValue arr = JS_UNDEFINED;
    if (!JS_IsObject(ps)) {
        JS_ThrowTypeError(ctx, "WebAssembly.Tag(): \"parameters\" must be a sequence");
        goto fail;
    }
    /* Array.from gives the iteration of a WebIDL sequence. */
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue array = JS_GetPropertyStr(ctx, global, "Array");
    JSValue from = JS_GetPropertyStr(ctx, array, "from");
    arr = JS_Call(ctx, from, array, 1, (JSValueConst *)&ps);
    JS_FreeValue(ctx, from);
    JS_FreeValue(ctx, array);
    JS_FreeValue(ctx, global);
    if (JS_IsException(arr))
        goto fail;
    JSValue lv = JS_GetPropertyStr(ctx, arr, "length");
    if (JS_ToUint32(ctx, &cap, lv) < 0) {
        JS_FreeValue(ctx, lv);
        goto fail;
    }
    types = malloc((cap + 1) * sizeof *types);
    if (!types) {
        JS_ThrowOutOfMemory(ctx);
        goto fail;
    }
    for (len = 0; len < cap; len++) {
        JSValue item = JS_GetPropertyUint32(ctx, arr, len);
        size_t slen;
        const char *s = JS_IsException(item) ? NULL : JS_ToCStringLen(ctx, &slen, item);
        JS_FreeValue(ctx, item);
        if (!s)
            goto fail;
        bool ok = qwjs_parse_valtype(s, slen, &types[len]);
        JS_FreeCString(ctx, s);
        if (!ok) {
            JS_ThrowTypeError(ctx, "WebAssembly.Tag(): unknown value type in \"parameters\"");
            goto fail;
        }
    }
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, ps);
    *n = len;
    return types;
fail:
    free(types);
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, ps);
    return NULL;
}

static JSValue js_tag_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValueConst desc = argc > 0 ? argv[0] : JS_UNDEFINED;
    if (!JS_IsObject(desc))
        return JS_ThrowTypeError(ctx, "WebAssembly.Tag(): the descriptor must be an object");
    uint32_t n;
    qw_valtype *types = read_params(ctx, desc, &n);
    if (!types)
        return JS_EXCEPTION;
    qw_error err = {0};
    qw_tag *tag = qw_tag_new(qwjs_state_of(ctx)->store, types, n, &err);
    free(types);
    if (!tag)
        return JS_ThrowOutOfMemory(ctx);
    return qwjs_wrapper_new(ctx, new_target, QWJS_TAG, tag);
}

static const JSCFunctionListEntry js_tag_proto_funcs[] = {
    QWJS_TAG("WebAssembly.Tag"),
};

qw_tag *qwjs_js_tag(JSContext *ctx)
{
    return qwjs_state_of(ctx)->js_tag;
}

int qwjs_tag_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {.class_name = "Tag", .finalizer = js_tag_finalizer};
    if (JS_NewClass(st->rt, st->class_id[QWJS_TAG], &def) < 0 ||
        qwjs_define_class(ctx, ns, QWJS_TAG, "Tag", js_tag_ctor, 1, js_tag_proto_funcs,
                          sizeof js_tag_proto_funcs / sizeof js_tag_proto_funcs[0]) < 0)
        return -1;
    const qw_valtype param = QW_EXTERNREF;
    qw_error err = {0};
    st->js_tag = qw_tag_new(st->store, &param, 1, &err);
    if (!st->js_tag) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    /* JSTag is a readonly attribute of the namespace: a data property here, as engines do. */
    JSValue jt = qwjs_tag_wrap(ctx, st->js_tag);
    if (JS_IsException(jt))
        return -1;
    return JS_DefinePropertyValueStr(ctx, ns, "JSTag", jt,
                                     JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE);
}
