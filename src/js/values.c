/* values.c: values across the JS boundary (JS-API "ToWebAssemblyValue" and "ToJSValue"), value
 * type names, and the extern boxes that carry JS values through Wasm. */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(JSValue) <= sizeof(qw_hostval), "a JSValue must fit in a qw_hostval");

static const struct {
    const char *name;
    qw_valtype type;
} valtype_names[] = {
    {"i32", QW_I32},
    {"i64", QW_I64},
    {"f32", QW_F32},
    {"f64", QW_F64},
    {"v128", QW_V128},
    {"externref", QW_EXTERNREF},
    {"anyfunc", QW_FUNCREF}, /* the old name, still accepted by the JS-API */
    {"funcref", QW_FUNCREF},
    {"exnref", QW_EXNREF},
    {"anyref", QW_VT_REFTYPE(1, QW_HT_ANY)},
    {"eqref", QW_VT_REFTYPE(1, QW_HT_EQ)},
    {"i31ref", QW_VT_REFTYPE(1, QW_HT_I31)},
    {"structref", QW_VT_REFTYPE(1, QW_HT_STRUCT)},
    {"arrayref", QW_VT_REFTYPE(1, QW_HT_ARRAY)},
    {"nullref", QW_VT_REFTYPE(1, QW_HT_NONE)},
    {"nullfuncref", QW_VT_REFTYPE(1, QW_HT_NOFUNC)},
    {"nullexternref", QW_VT_REFTYPE(1, QW_HT_NOEXTERN)},
    {"nullexnref", QW_VT_REFTYPE(1, QW_HT_NOEXN)},
};

bool qwjs_parse_valtype(const char *s, size_t len, qw_valtype *out)
{
    if (strlen(s) != len)
        return false; /* an embedded NUL: "i32\0" names no type */
    for (size_t i = 0; i < sizeof valtype_names / sizeof valtype_names[0]; i++) {
        if (strcmp(s, valtype_names[i].name) == 0) {
            *out = valtype_names[i].type;
            return true;
        }
    }
    return false;
}

const char *qwjs_valtype_name(qw_valtype t)
{
    for (size_t i = 0; i < sizeof valtype_names / sizeof valtype_names[0]; i++) {
        if (valtype_names[i].type == t && strcmp(valtype_names[i].name, "anyfunc") != 0)
            return valtype_names[i].name;
    }
    return "";
}

void qwjs_host_release(void *user, qw_hostval *val)
{
    JSRuntime *rt = user;
    JSValue v;
    qwjs_unhold(rt, (JSValue *)val);
    memcpy(&v, val, sizeof v);
    JS_FreeValueRT(rt, v);
}

static int box_value(JSContext *ctx, JSValueConst v, qw_ref *out)
{
    qw_hostval hv;
    memset(&hv, 0, sizeof hv);
    JSValue dup = JS_DupValue(ctx, v);
    memcpy(&hv, &dup, sizeof dup);
    qw_error err = {0};
    if (!qw_extern_new(qwjs_state_of(ctx)->store, &hv, out, &err)) {
        JS_FreeValue(ctx, dup);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    /* The box's bytes stay where they are while it lives: its slot can be registered. */
    if (!qwjs_hold(ctx, (JSValue *)qw_extern_host(*out))) {
        qw_ref_release(*out);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return 0;
}

/* A reference-typed ToWebAssemblyValue: null for nullable types, boxes for the extern and any
 * hierarchies, exported functions for funcref. */
static int to_wasm_ref(JSContext *ctx, JSValueConst v, qw_valtype t, qw_ref *out)
{
    uint32_t ht = QW_VT_HEAP(t);
    if (JS_IsNull(v)) {
        if (!QW_VT_NULLABLE(t)) {
            JS_ThrowTypeError(ctx, "cannot pass null to a non-nullable reference");
            return -1;
        }
        *out = NULL;
        return 0;
    }
    /* A struct or array that came from Wasm goes back as itself; as an externref too, since
     * extern.convert_any leaves a reference unchanged in this engine. */
    qw_ref gc = qwjs_gcref_of(ctx, v);
    if (gc && (ht == QW_HT_EXTERN || qw_ref_matches(gc, QW_VT_REFTYPE(0, ht)))) {
        *out = qw_ref_retain(gc);
        return 0;
    }
    if (gc)
        ht = QW_HT_NONE; /* no other conversion applies: a TypeError below */
    switch (ht) {
    case QW_HT_EXTERN:
        return box_value(ctx, v, out);
    case QW_HT_FUNC: {
        qw_func *f = qwjs_func_of(ctx, v);
        if (!f) {
            JS_ThrowTypeError(ctx, "type incompatibility: expected an exported WebAssembly "
                                   "function or null");
            return -1;
        }
        *out = qw_ref_retain(qw_func_as_ref(f));
        return 0;
    }
    case QW_HT_ANY:
    case QW_HT_EQ:
    case QW_HT_I31:
        if (JS_IsNumber(v)) {
            double d;
            JS_ToFloat64(ctx, &d, v);
            if (d >= -1073741824.0 && d <= 1073741823.0 && d == (double)(int32_t)d &&
                !(d == 0 && 1 / d < 0)) {
                *out = qw_ref_i31((uint32_t)(int32_t)d);
                return 0;
            }
        }
        if (ht == QW_HT_ANY)
            return box_value(ctx, v, out);
        break;
    default:
        if (ht >= QW_HT_INDEX_BASE && qwjs_func_of(ctx, v)) {
            /* a concrete function type: the caller checks it against its module's types */
            *out = qw_ref_retain(qw_func_as_ref(qwjs_func_of(ctx, v)));
            return 0;
        }
        break;
    }
    JS_ThrowTypeError(ctx, "type incompatibility: this JS value cannot be passed as %s",
                      qwjs_valtype_name(t)[0] ? qwjs_valtype_name(t) : "this reference type");
    return -1;
}

/* ToNumber, with the two number tags taken without a call (the common case on every call). */
static inline int to_float64(JSContext *ctx, JSValueConst v, double *out)
{
    int tag = JS_VALUE_GET_TAG(v);
    if (JS_TAG_IS_FLOAT64(tag)) {
        *out = JS_VALUE_GET_FLOAT64(v);
        return 0;
    }
    if (tag == JS_TAG_INT) {
        *out = JS_VALUE_GET_INT(v);
        return 0;
    }
    return JS_ToFloat64(ctx, out, v);
}

int qwjs_to_wasm(JSContext *ctx, JSValueConst v, qw_valtype t, qw_val *out)
{
    memset(out, 0, sizeof *out);
    switch (t) {
    case QW_I32: {
        int32_t i;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) { /* the common case, without a call */
            out->i32 = (uint32_t)JS_VALUE_GET_INT(v);
            return 0;
        }
        if (JS_ToInt32(ctx, &i, v) < 0)
            return -1;
        out->i32 = (uint32_t)i;
        return 0;
    }
    case QW_I64: {
        int64_t i;
        if (JS_ToBigInt64(ctx, &i, v) < 0)
            return -1;
        out->i64 = (uint64_t)i;
        return 0;
    }
    case QW_F32: {
        double d;
        if (to_float64(ctx, v, &d) < 0)
            return -1;
        out->f32 = (float)d;
        return 0;
    }
    case QW_F64:
        return to_float64(ctx, v, &out->f64);
    case QW_V128:
        JS_ThrowTypeError(ctx, "type incompatibility: v128 values cannot cross into JavaScript");
        return -1;
    default:
        if (QW_VT_IS_REF(t))
            return to_wasm_ref(ctx, v, t, &out->ref);
        JS_ThrowTypeError(ctx, "unsupported value type");
        return -1;
    }
}

JSValue qwjs_to_js(JSContext *ctx, qw_valtype t, const qw_val *val)
{
    switch (t) {
    case QW_I32:
        return JS_NewInt32(ctx, (int32_t)val->i32);
    case QW_I64:
        return JS_NewBigInt64(ctx, (int64_t)val->i64);
    case QW_F32:
        return JS_NewFloat64(ctx, (double)val->f32);
    case QW_F64:
        return JS_NewFloat64(ctx, val->f64);
    case QW_V128:
        return JS_ThrowTypeError(ctx,
                                 "type incompatibility: v128 values cannot cross into JavaScript");
    default:
        break;
    }
    qw_ref r = val->ref;
    switch (qw_ref_kind(r)) {
    case QW_REFKIND_NULL:
        return JS_NULL;
    case QW_REFKIND_FUNC:
        return qwjs_func_wrap(ctx, qw_ref_as_func(r));
    case QW_REFKIND_EXTERN: {
        JSValue v;
        memcpy(&v, qw_extern_host(r), sizeof v);
        return JS_DupValue(ctx, v);
    }
    case QW_REFKIND_I31:
        return JS_NewInt32(ctx, (int32_t)qw_ref_i31_get_s(r));
    case QW_REFKIND_EXN:
        return qwjs_exception_wrap(ctx, qw_ref_as_exception(r));
    case QW_REFKIND_STRUCT:
    case QW_REFKIND_ARRAY:
        return qwjs_gcref_wrap(ctx, r);
    default:
        return JS_ThrowTypeError(ctx, "type incompatibility: this reference cannot be passed to "
                                      "JavaScript yet");
    }
}

int qwjs_default_value(JSContext *ctx, qw_valtype t, qw_val *out)
{
    memset(out, 0, sizeof *out);
    if (t == QW_EXTERNREF)
        return box_value(ctx, JS_UNDEFINED, &out->ref);
    if (QW_VT_IS_REF(t) && !QW_VT_NULLABLE(t)) {
        JS_ThrowTypeError(ctx, "a non-nullable reference type needs a value");
        return -1;
    }
    return 0;
}

void qwjs_val_release(qw_valtype t, qw_val *val)
{
    if (QW_VT_IS_REF(t)) {
        qw_ref_release(val->ref);
        val->ref = NULL;
    }
}

void qwjs_mark_value_of(JSRuntime *rt, qw_ref ref, JS_MarkFunc *mark)
{
    qw_hostval *hv = qw_extern_host(ref);
    qw_func *f = qw_ref_as_func(ref);
    if (hv) {
        JSValue v;
        memcpy(&v, hv, sizeof v);
        JS_MarkValue(rt, v, mark);
    } else if (f && qw_func_is_host(f)) {
        qwjs_host_func_mark(rt, f, mark);
    }
}

void qwjs_mark_ref(JSRuntime *rt, qw_ref ref, JS_MarkFunc *mark)
{
    /* Only a box (or host function) whose sole holder is the marking object's chain: see
     * references.md. */
    if (qw_ref_count(ref) == 1)
        qwjs_mark_value_of(rt, ref, mark);
}

void qwjs_mark_visit(void *user, qw_ref ref)
{
    qwjs_mark_ctx *m = user;
    qwjs_mark_ref(m->rt, ref, m->mark);
}

/* The values an iterator yields, kept for converting after it is drained. */
typedef struct value_list {
    JSValue *items;
    uint32_t n, cap;
} value_list;

static int keep_value(JSContext *ctx, JSValueConst item, void *user)
{
    value_list *l = user;
    JSValue *items = qwjs_reserve(ctx, l->items, l->n, &l->cap, sizeof *items);
    if (!items)
        return -1;
    l->items = items;
    l->items[l->n++] = JS_DupValue(ctx, item);
    return 0;
}

/* Host results from an iterable (JS-API "run a host function", multi-value): the iterator is
 * drained into a list first, then each value is converted, as the spec orders the steps. */
int qwjs_iterable_to_wasm(JSContext *ctx, JSValueConst v, const qw_valtype *types, uint32_t n,
                          qw_val *out)
{
    value_list l = {NULL, 0, 0};
    uint32_t done_conv = 0;
    int r = qwjs_sequence(ctx, v, keep_value, &l);
    if (r == 0 && l.n != n) {
        JS_ThrowTypeError(ctx, "multiple results: expected %u values, got %u", n, l.n);
        r = -1;
    }
    for (; r == 0 && done_conv < n; done_conv++) {
        if (qwjs_to_wasm(ctx, l.items[done_conv], types[done_conv], &out[done_conv]) < 0)
            r = -1;
    }
    if (r < 0) {
        while (done_conv-- > 0)
            qwjs_val_release(types[done_conv], &out[done_conv]);
    }
    for (uint32_t i = 0; i < l.n; i++)
        JS_FreeValue(ctx, l.items[i]);
    free(l.items);
    return r;
}
