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

/* Calls the built-in accessor `name` of ctor.prototype (of its parent for a typed array's
 * %TypedArray%) on v. A built-in accessor checks v's internal slots, never its properties, so
 * this is how a BufferSource is recognised: a proxy or an object made with Object.create of the
 * prototype fails the check. Returns false (no exception pending) when v is not of that kind. */
static bool brand_get(JSContext *ctx, const char *ctor, bool parent, const char *name,
                      JSValueConst v, JSValue *out)
{
    JSValue c = global_prop(ctx, ctor);
    JSValue proto = JS_GetPropertyStr(ctx, c, "prototype");
    JS_FreeValue(ctx, c);
    if (parent && JS_IsObject(proto)) {
        JSValue p = JS_GetPrototype(ctx, proto);
        JS_FreeValue(ctx, proto);
        proto = p;
    }
    JSValue r = JS_EXCEPTION;
    JSPropertyDescriptor d;
    JSAtom atom = JS_NewAtom(ctx, name);
    if (JS_IsObject(proto) && JS_GetOwnProperty(ctx, &d, proto, atom) > 0) {
        if (JS_IsFunction(ctx, d.getter))
            r = JS_Call(ctx, d.getter, v, 0, NULL);
        JS_FreeValue(ctx, d.getter);
        JS_FreeValue(ctx, d.setter);
        JS_FreeValue(ctx, d.value);
    }
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    if (out)
        *out = r;
    else
        JS_FreeValue(ctx, r);
    return true;
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

/* Copies n bytes at off of buf, an ArrayBuffer or a SharedArrayBuffer; a detached buffer has no
 * bytes (WebIDL "get a copy of the bytes held by the buffer source"). */
static uint8_t *copy_buffer(JSContext *ctx, JSValueConst buf, size_t off, size_t *np)
{
    size_t n = *np;
    size_t size;
    uint8_t *data = JS_IsObject(buf) ? JS_GetArrayBuffer(ctx, &size, buf) : NULL;
    if (!data) {
        if (JS_IsObject(buf))
            JS_FreeValue(ctx, JS_GetException(ctx));
        if (n && brand_get(ctx, "SharedArrayBuffer", false, "byteLength", buf, NULL))
            return copy_through_view(ctx, buf, off, n);
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

/* A size from a built-in accessor of a live view. */
static bool view_size(JSContext *ctx, const char *ctor, const char *name, JSValueConst v,
                      size_t *out)
{
    JSValue r;
    int64_t i = 0;
    if (!brand_get(ctx, ctor, false, name, v, &r))
        return false;
    int e = JS_ToInt64(ctx, &i, r);
    JS_FreeValue(ctx, r);
    *out = i < 0 ? 0 : (size_t)i;
    return e == 0;
}

uint8_t *qwjs_buffer_source_copy(JSContext *ctx, JSValueConst v, size_t *len)
{
    if (!JS_IsObject(v))
        goto bad;
    size_t size, off = 0, n = 0, elt;
    if (JS_GetArrayBuffer(ctx, &size, v)) { /* an ArrayBuffer or a SharedArrayBuffer */
        *len = size;
        return copy_buffer(ctx, v, 0, len);
    }
    JS_FreeValue(ctx, JS_GetException(ctx));
    JSValue ab;
    if (brand_get(ctx, "ArrayBuffer", false, "byteLength", v, NULL) ||
        brand_get(ctx, "SharedArrayBuffer", false, "byteLength", v, NULL)) {
        *len = 0; /* JS_GetArrayBuffer refused it: detached, or empty */
        return copy_buffer(ctx, JS_UNDEFINED, 0, len);
    }
    if (brand_get(ctx, "Uint8Array", true, "buffer", v, &ab)) {
        JS_FreeValue(ctx, ab);
        ab = JS_GetTypedArrayBuffer(ctx, v, &off, &n, &elt);
        if (JS_IsException(ab)) { /* its buffer was detached */
            JS_FreeValue(ctx, JS_GetException(ctx));
            ab = JS_UNDEFINED;
            n = 0;
        }
    } else if (brand_get(ctx, "DataView", false, "buffer", v, &ab)) {
        if (!view_size(ctx, "DataView", "byteOffset", v, &off) ||
            !view_size(ctx, "DataView", "byteLength", v, &n))
            n = 0; /* its buffer was detached */
    } else {
        goto bad;
    }
    *len = n;
    uint8_t *copy = copy_buffer(ctx, ab, off, len);
    JS_FreeValue(ctx, ab);
    return copy;
bad:
    JS_ThrowTypeError(ctx, "argument must be an ArrayBuffer or an ArrayBuffer view");
    return NULL;
}

/* GetMethod(v, @@iterator), then next() until done, each value converted before the next is
 * read: WebIDL "create a sequence from an iterable" (whose callers first require an object) and
 * the JS-API's IteratorToList of multiple results. Array-likes without an iterator fail. */
int qwjs_sequence(JSContext *ctx, JSValueConst v,
                  int (*each)(JSContext *ctx, JSValueConst item, void *user), void *user)
{
    JSValue sym = global_prop(ctx, "Symbol");
    JSValue it_sym = JS_GetPropertyStr(ctx, sym, "iterator");
    JS_FreeValue(ctx, sym);
    JSAtom atom = JS_ValueToAtom(ctx, it_sym);
    JS_FreeValue(ctx, it_sym);
    JSValue method = atom == JS_ATOM_NULL ? JS_EXCEPTION : JS_GetProperty(ctx, v, atom);
    JS_FreeAtom(ctx, atom);
    if (JS_IsException(method))
        return -1;
    if (!JS_IsFunction(ctx, method)) {
        JS_FreeValue(ctx, method);
        JS_ThrowTypeError(ctx, "not an iterable");
        return -1;
    }
    JSValue iter = JS_Call(ctx, method, v, 0, NULL), next = JS_UNDEFINED;
    JS_FreeValue(ctx, method);
    int r = -1;
    if (JS_IsException(iter))
        return -1;
    if (!JS_IsObject(iter)) {
        JS_ThrowTypeError(ctx, "the iterator is not an object");
        goto done;
    }
    next = JS_GetPropertyStr(ctx, iter, "next");
    if (JS_IsException(next))
        goto done;
    for (;;) {
        JSValue res = JS_Call(ctx, next, iter, 0, NULL);
        if (JS_IsException(res))
            goto done;
        if (!JS_IsObject(res)) {
            JS_FreeValue(ctx, res);
            JS_ThrowTypeError(ctx, "iterator result is not an object");
            goto done;
        }
        JSValue d = JS_GetPropertyStr(ctx, res, "done");
        int is_done = JS_IsException(d) ? -1 : JS_ToBool(ctx, d);
        JS_FreeValue(ctx, d);
        JSValue item = is_done ? JS_UNDEFINED : JS_GetPropertyStr(ctx, res, "value");
        JS_FreeValue(ctx, res);
        if (is_done < 0 || JS_IsException(item))
            goto done;
        if (is_done)
            break;
        int e = each(ctx, item, user);
        JS_FreeValue(ctx, item);
        if (e < 0)
            goto done;
    }
    r = 0;
done:
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, iter);
    return r;
}

void *qwjs_reserve(JSContext *ctx, void *items, uint32_t n, uint32_t *cap, size_t size)
{
    if (n < *cap)
        return items;
    uint32_t grown_cap = *cap ? *cap * 2 : 8;
    void *grown = grown_cap < UINT32_MAX / 2 && grown_cap <= SIZE_MAX / size
                      ? realloc(items, grown_cap * size)
                      : NULL;
    if (!grown)
        return JS_ThrowOutOfMemory(ctx), NULL;
    *cap = grown_cap;
    return grown;
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
