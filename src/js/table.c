/* table.c: WebAssembly.Table (JS-API "Tables"): the descriptor, get, set, grow and length, for
 * every reference type and for table64 (BigInt indices). */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

static qw_table *table_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque2(ctx, v, qwjs_state_of(ctx)->class_id[QWJS_TABLE]);
}

qw_table *qwjs_table_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_TABLE]);
}

static void js_table_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_wrapper_finalize(rt, val, QWJS_TABLE);
    /* An instance may have been kept only through this object's references to its functions. */
    qw_store_collect(((qwjs_state *)JS_GetRuntimeOpaque(rt))->store);
}

static void js_table_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qw_table *tab = JS_GetOpaque(val, st->class_id[QWJS_TABLE]);
    void *anchor = tab ? qwjs_wrapper_anchor(rt, tab) : NULL;
    if (anchor) /* the table's values are the anchor's to trace */
        JS_MarkValue(rt, JS_MKPTR(JS_TAG_OBJECT, anchor), mark);
    /* Only when the wrapper owns the table alone (references.md). */
    else if (tab && qw_table_refcount(tab) == 1) {
        qwjs_mark_ctx m = {rt, mark};
        qw_table_visit(tab, qwjs_mark_visit, &m);
    }
}

JSValue qwjs_table_wrap(JSContext *ctx, qw_table *tab)
{
    return qwjs_wrapper_wrap(ctx, QWJS_TABLE, tab);
}

/* The element type named by the descriptor's "element" member. */
static int read_element(JSContext *ctx, JSValueConst desc, qw_valtype *out)
{
    JSValue v = JS_GetPropertyStr(ctx, desc, "element");
    if (JS_IsException(v))
        return -1;
    if (JS_IsUndefined(v))
        return JS_ThrowTypeError(ctx, "WebAssembly.Table(): the descriptor needs \"element\""), -1;
    size_t slen;
    const char *s = JS_ToCStringLen(ctx, &slen, v);
    JS_FreeValue(ctx, v);
    if (!s)
        return -1;
    bool ok = qwjs_parse_valtype(s, slen, out) && QW_VT_IS_REF(*out);
    JS_FreeCString(ctx, s);
    if (!ok)
        return JS_ThrowTypeError(ctx, "WebAssembly.Table(): \"element\" must be a reference type"),
               -1;
    return 0;
}

/* The value argument of the constructor, set and grow: DefaultValue(type) when missing. An
 * explicit undefined is a value (a TypeError for funcref), as the JS-API tests expect. */
static int read_value(JSContext *ctx, int argc, JSValueConst *argv, int i, qw_valtype t,
                      qw_val *out)
{
    if (argc <= i)
        return qwjs_default_value(ctx, t, out);
    return qwjs_to_wasm(ctx, argv[i], t, out);
}

static JSValue js_table_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValueConst desc = argc > 0 ? argv[0] : JS_UNDEFINED;
    if (!JS_IsObject(desc))
        return JS_ThrowTypeError(ctx, "WebAssembly.Table(): the descriptor must be an object");
    qw_valtype elem;
    bool is64, has_init, has_max;
    uint64_t init = 0, max = QW_NO_MAX;
    if (read_element(ctx, desc, &elem) < 0 || qwjs_read_address(ctx, desc, &is64) < 0 ||
        qwjs_read_limit(ctx, desc, "initial", is64, &has_init, &init) < 0 ||
        qwjs_read_limit(ctx, desc, "maximum", is64, &has_max, &max) < 0)
        return JS_EXCEPTION;
    if (!has_init)
        return JS_ThrowTypeError(ctx, "WebAssembly.Table(): the descriptor needs \"initial\"");
    if (init > QW_DEFAULT_MAX_TABLE_ELEMS)
        return JS_ThrowRangeError(ctx, "WebAssembly.Table(): initial %llu exceeds the limit",
                                  (unsigned long long)init);
    if (has_max && max < init)
        return JS_ThrowRangeError(ctx, "WebAssembly.Table(): maximum is below initial");
    if (has_max && !is64 && max > UINT32_MAX)
        return JS_ThrowRangeError(ctx, "WebAssembly.Table(): maximum exceeds the limit");
    qw_val v;
    if (read_value(ctx, argc, argv, 1, elem, &v) < 0)
        return JS_EXCEPTION;
    qw_error err = {0};
    qw_table *tab = qw_table_new(qwjs_state_of(ctx)->store, elem, init, has_max ? max : QW_NO_MAX,
                                 is64, v.ref, &err);
    qwjs_val_release(elem, &v);
    if (!tab)
        return JS_ThrowRangeError(ctx, "WebAssembly.Table(): cannot allocate the table: %s",
                                  err.msg);
    return qwjs_wrapper_new(ctx, new_target, QWJS_TABLE, tab);
}

static JSValue js_table_length(JSContext *ctx, JSValueConst this_val)
{
    qw_table *tab = table_of(ctx, this_val);
    if (!tab)
        return JS_EXCEPTION;
    uint64_t n = qw_table_size(tab);
    return qw_table_is64(tab) ? JS_NewBigInt64(ctx, (int64_t)n) : JS_NewInt64(ctx, (int64_t)n);
}

static int read_index(JSContext *ctx, qw_table *tab, int argc, JSValueConst *argv, uint64_t *idx)
{
    if (qwjs_to_index(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, qw_table_is64(tab), "index", idx) < 0)
        return -1;
    if (*idx >= qw_table_size(tab)) {
        JS_ThrowRangeError(ctx, "WebAssembly.Table: index %llu out of bounds (length %llu)",
                           (unsigned long long)*idx, (unsigned long long)qw_table_size(tab));
        return -1;
    }
    return 0;
}

static JSValue js_table_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    qw_table *tab = table_of(ctx, this_val);
    uint64_t idx;
    if (!tab || read_index(ctx, tab, argc, argv, &idx) < 0)
        return JS_EXCEPTION;
    qw_val v = {0};
    qw_table_get(tab, idx, &v.ref);
    return qwjs_to_js(ctx, qw_table_elem_type(tab), &v);
}

static JSValue js_table_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    qw_table *tab = table_of(ctx, this_val);
    uint64_t idx;
    if (!tab || read_index(ctx, tab, argc, argv, &idx) < 0)
        return JS_EXCEPTION;
    qw_valtype t = qw_table_elem_type(tab);
    qw_val v;
    if (read_value(ctx, argc, argv, 1, t, &v) < 0)
        return JS_EXCEPTION;
    qw_table_set(tab, idx, v.ref);
    qwjs_val_release(t, &v);
    return JS_UNDEFINED;
}

static JSValue js_table_grow(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    qw_table *tab = table_of(ctx, this_val);
    if (!tab)
        return JS_EXCEPTION;
    bool is64 = qw_table_is64(tab);
    uint64_t delta;
    if (qwjs_to_index(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, is64, "delta", &delta) < 0)
        return JS_EXCEPTION;
    qw_valtype t = qw_table_elem_type(tab);
    qw_val v;
    if (read_value(ctx, argc, argv, 1, t, &v) < 0)
        return JS_EXCEPTION;
    int64_t old = qw_table_grow(tab, delta, v.ref);
    qwjs_val_release(t, &v);
    if (old < 0)
        return JS_ThrowRangeError(ctx, "WebAssembly.Table.grow(): cannot grow by %llu",
                                  (unsigned long long)delta);
    return is64 ? JS_NewBigInt64(ctx, old) : JS_NewInt64(ctx, old);
}

static const JSCFunctionListEntry js_table_proto_funcs[] = {
    QWJS_METHOD("grow", 1, js_table_grow), QWJS_METHOD("get", 1, js_table_get),
    QWJS_METHOD("set", 1, js_table_set),   QWJS_ACCESSOR("length", js_table_length, NULL),
    QWJS_TAG("WebAssembly.Table"),
};

int qwjs_table_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Table",
        .finalizer = js_table_finalizer,
        .gc_mark = js_table_mark,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_TABLE], &def) < 0)
        return -1;
    return qwjs_define_class(ctx, ns, QWJS_TABLE, "Table", js_table_ctor, 1, js_table_proto_funcs,
                             sizeof js_table_proto_funcs / sizeof js_table_proto_funcs[0]);
}
