/* convert.c: the WebIDL conversions the JS-API's interfaces use ([EnforceRange] integers,
 * BufferSource, dictionary members) and the class plumbing shared by every interface. */
#include "binding.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int qwjs_to_u32_enforce(JSContext *ctx, JSValueConst v, const char *what, uint32_t *out)
{
    double d;
    if (JS_ToFloat64(ctx, &d, v) < 0)
        return -1;
    if (!isfinite(d)) {
        JS_ThrowTypeError(ctx, "%s must be a finite number", what);
        return -1;
    }
    d = trunc(d);
    if (d < 0 || d > 4294967295.0) {
        JS_ThrowTypeError(ctx, "%s is out of the range of unsigned long", what);
        return -1;
    }
    *out = (uint32_t)d;
    return 0;
}

/* ToBigInt then [EnforceRange] unsigned long long. */
static int to_u64_bigint(JSContext *ctx, JSValueConst v, const char *what, uint64_t *out)
{
    if (JS_IsNumber(v)) {
        JS_ThrowTypeError(ctx, "%s: cannot convert a Number to a BigInt", what);
        return -1;
    }
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue fn = JS_GetPropertyStr(ctx, global, "BigInt");
    JS_FreeValue(ctx, global);
    JSValue b = JS_Call(ctx, fn, JS_UNDEFINED, 1, &v);
    JS_FreeValue(ctx, fn);
    if (JS_IsException(b))
        return -1;
    const char *s = JS_ToCString(ctx, b);
    JS_FreeValue(ctx, b);
    if (!s)
        return -1;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    bool bad = s[0] == '-' || errno == ERANGE || *end;
    JS_FreeCString(ctx, s);
    if (bad) {
        JS_ThrowTypeError(ctx, "%s is out of the range of unsigned long long", what);
        return -1;
    }
    *out = n;
    return 0;
}

int qwjs_to_index(JSContext *ctx, JSValueConst v, bool is64, const char *what, uint64_t *out)
{
    if (is64)
        return to_u64_bigint(ctx, v, what, out);
    uint32_t u;
    if (qwjs_to_u32_enforce(ctx, v, what, &u) < 0)
        return -1;
    *out = u;
    return 0;
}

static JSValue global_prop(JSContext *ctx, const char *name)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue v = JS_GetPropertyStr(ctx, global, name);
    JS_FreeValue(ctx, global);
    return v;
}

static bool instance_of(JSContext *ctx, JSValueConst v, const char *ctor_name)
{
    JSValue ctor = global_prop(ctx, ctor_name);
    int r = JS_IsObject(ctor) ? JS_IsInstanceOf(ctx, v, ctor) : 0;
    JS_FreeValue(ctx, ctor);
    if (r < 0)
        JS_FreeValue(ctx, JS_GetException(ctx));
    return r > 0;
}

/* Copies n bytes at off of a buffer QuickJS gives no pointer to (a SharedArrayBuffer): through
 * a Uint8Array over it, set() into an ArrayBuffer of ours. */
static uint8_t *copy_through_view(JSContext *ctx, JSValueConst buf, size_t off, size_t n)
{
    uint8_t *out = NULL;
    JSValue u8 = global_prop(ctx, "Uint8Array");
    JSValue args[3] = {JS_DupValue(ctx, buf), JS_NewInt64(ctx, (int64_t)off),
                       JS_NewInt64(ctx, (int64_t)n)};
    JSValue src = JS_CallConstructor(ctx, u8, 3, (JSValueConst *)args);
    JS_FreeValue(ctx, args[0]);
    JSValue dst = JS_UNDEFINED, set = JS_UNDEFINED, r = JS_UNDEFINED;
    JSValue len = JS_NewInt64(ctx, (int64_t)n);
    if (!JS_IsException(src))
        dst = JS_CallConstructor(ctx, u8, 1, (JSValueConst *)&len);
    if (!JS_IsException(src) && !JS_IsException(dst)) {
        set = JS_GetPropertyStr(ctx, dst, "set");
        r = JS_Call(ctx, set, dst, 1, (JSValueConst *)&src);
        if (!JS_IsException(r)) {
            size_t o2, n2, elt, size;
            JSValue ab = JS_GetTypedArrayBuffer(ctx, dst, &o2, &n2, &elt);
            uint8_t *p = JS_IsException(ab) ? NULL : JS_GetArrayBuffer(ctx, &size, ab);
            JS_FreeValue(ctx, ab);
            out = p ? malloc(n ? n : 1) : NULL;
            if (out)
                memcpy(out, p, n);
            else if (p)
                JS_ThrowOutOfMemory(ctx);
        }
    }
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, set);
    JS_FreeValue(ctx, dst);
    JS_FreeValue(ctx, src);
    JS_FreeValue(ctx, u8);
    return out;
}

/* Copies n bytes at off of buf, an ArrayBuffer or a SharedArrayBuffer. */
static uint8_t *copy_buffer(JSContext *ctx, JSValueConst buf, size_t off, size_t *np)
{
    size_t n = *np;
    size_t size;
    uint8_t *data = JS_GetArrayBuffer(ctx, &size, buf);
    if (!data) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        if (instance_of(ctx, buf, "SharedArrayBuffer"))
            return copy_through_view(ctx, buf, off, n);
        /* A detached ArrayBuffer: its bytes are the empty sequence. */
        n = *np = 0;
    }
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    if (n)
        memcpy(copy, data + off, n);
    return copy;
}

/* ArrayBuffer.isView: typed arrays and DataViews, detached or not. */
static bool is_view(JSContext *ctx, JSValueConst v)
{
    JSValue ab = global_prop(ctx, "ArrayBuffer");
    JSValue fn = JS_GetPropertyStr(ctx, ab, "isView");
    JSValue r = JS_Call(ctx, fn, ab, 1, &v);
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, ab);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    return JS_ToBool(ctx, r);
}

static int get_size(JSContext *ctx, JSValueConst obj, const char *prop, size_t *out)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, prop);
    int64_t i = 0;
    int r = JS_ToInt64(ctx, &i, v);
    JS_FreeValue(ctx, v);
    *out = i < 0 ? 0 : (size_t)i;
    return r;
}

uint8_t *qwjs_buffer_source_copy(JSContext *ctx, JSValueConst v, size_t *len)
{
    if (!JS_IsObject(v))
        goto bad;
    size_t size, off, n, elt;
    if (JS_GetArrayBuffer(ctx, &size, v)) {
        *len = size;
        return copy_buffer(ctx, v, 0, len);
    }
    JS_FreeValue(ctx, JS_GetException(ctx));
    JSValue ab = JS_GetTypedArrayBuffer(ctx, v, &off, &n, &elt);
    if (JS_IsException(ab)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        if (instance_of(ctx, v, "ArrayBuffer")) {
            /* JS_GetArrayBuffer refused it: a detached buffer, whose bytes are empty. */
            *len = 0;
            return copy_buffer(ctx, v, 0, len);
        }
        if (instance_of(ctx, v, "SharedArrayBuffer")) {
            if (get_size(ctx, v, "byteLength", &n) < 0)
                return NULL;
            *len = n;
            return copy_buffer(ctx, v, 0, len);
        }
        if (!instance_of(ctx, v, "DataView")) {
            if (!is_view(ctx, v))
                goto bad;
            /* A typed array whose buffer was detached: no bytes. */
            *len = 0;
            return copy_buffer(ctx, JS_UNDEFINED, 0, len);
        }
        ab = JS_GetPropertyStr(ctx, v, "buffer");
        if (JS_IsException(ab))
            return NULL;
        if (!JS_GetArrayBuffer(ctx, &size, ab)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            if (!instance_of(ctx, ab, "SharedArrayBuffer")) {
                /* The DataView's buffer was detached: no bytes. */
                JS_FreeValue(ctx, ab);
                *len = 0;
                return copy_buffer(ctx, JS_UNDEFINED, 0, len);
            }
        }
        if (get_size(ctx, v, "byteOffset", &off) < 0 || get_size(ctx, v, "byteLength", &n) < 0) {
            JS_FreeValue(ctx, ab);
            return NULL;
        }
    }
    *len = n;
    uint8_t *copy = copy_buffer(ctx, ab, off, len);
    JS_FreeValue(ctx, ab);
    return copy;
bad:
    JS_ThrowTypeError(ctx, "argument must be an ArrayBuffer or an ArrayBuffer view");
    return NULL;
}

JSValue qwjs_get(JSContext *ctx, JSValueConst obj, const char *name)
{
    return JS_GetPropertyStr(ctx, obj, name);
}

JSValue qwjs_new_from_target(JSContext *ctx, JSValueConst new_target, int cls)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue proto = JS_UNDEFINED;
    if (JS_IsObject(new_target)) {
        proto = JS_GetPropertyStr(ctx, new_target, "prototype");
        if (JS_IsException(proto))
            return proto;
    }
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        proto = JS_GetClassProto(ctx, st->class_id[cls]);
    }
    JSValue obj = JS_NewObjectProtoClass(ctx, proto, st->class_id[cls]);
    JS_FreeValue(ctx, proto);
    return obj;
}

int qwjs_define_class(JSContext *ctx, JSValueConst ns, int cls, const char *name, JSCFunction *ctor,
                      int length, const JSCFunctionListEntry *proto_funcs, int nfuncs)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_SetPropertyFunctionList(ctx, proto, proto_funcs, nfuncs);
    JSValue fn = JS_NewCFunction2(ctx, ctor, name, length, JS_CFUNC_constructor, 0);
    if (JS_IsException(fn)) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    JS_SetConstructor(ctx, fn, proto);
    JS_SetClassProto(ctx, st->class_id[cls], proto);
    return JS_DefinePropertyValueStr(ctx, ns, name, fn, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}
