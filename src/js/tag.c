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

/* The value types read so far from the descriptor's "parameters" (a sequence<ValueType>). */
typedef struct param_list {
    qw_valtype *types;
    uint32_t n, cap;
} param_list;

static int add_param(JSContext *ctx, JSValueConst item, void *user)
{
    param_list *l = user;
    size_t slen;
    const char *s = JS_ToCStringLen(ctx, &slen, item);
    if (!s)
        return -1;
    qw_valtype t;
    bool ok = qwjs_parse_valtype(s, slen, &t);
    JS_FreeCString(ctx, s);
    if (!ok)
        return JS_ThrowTypeError(ctx, "WebAssembly.Tag(): unknown value type in \"parameters\""),
               -1;
    qw_valtype *types = qwjs_reserve(ctx, l->types, l->n, &l->cap, sizeof t);
    if (!types)
        return -1;
    l->types = types;
    l->types[l->n++] = t;
    return 0;
}

/* The value types of the descriptor's "parameters"; NULL with an exception pending. */
static qw_valtype *read_params(JSContext *ctx, JSValueConst desc, uint32_t *n)
{
    JSValue ps = JS_GetPropertyStr(ctx, desc, "parameters");
    if (JS_IsException(ps))
        return NULL;
    param_list l = {NULL, 0, 0};
    int r =
        JS_IsObject(ps)
            ? qwjs_sequence(ctx, ps, add_param, &l)
            : (JS_ThrowTypeError(ctx, "WebAssembly.Tag(): \"parameters\" must be a sequence"), -1);
    JS_FreeValue(ctx, ps);
    if (r == 0 && !l.types)
        l.types = malloc(sizeof *l.types);
    if (r < 0 || !l.types) {
        if (r == 0)
            JS_ThrowOutOfMemory(ctx);
        free(l.types);
        return NULL;
    }
    *n = l.n;
    return l.types;
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
