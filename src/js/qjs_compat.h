/* qjs_compat.h: the one place for the API differences between the QuickJS trees qwasm builds
 * with: QuickJS 2021-03-27 (the default, fetched and patched), QuickJS 2024+ (bellard) and
 * quickjs-ng (QUICKJS_DIR=path). Code in src/js and src/host calls the qjs_* names below and
 * never tests versions itself. quickjs-ng is recognised by its QJS_VERSION_MAJOR macro. */
#ifndef QJS_COMPAT_H
#define QJS_COMPAT_H

#include "quickjs.h"
#include <stdbool.h>
#include <stdlib.h>

#ifdef QJS_VERSION_MAJOR
#define QJS_COMPAT_NG 1
#else
#define QJS_COMPAT_NG 0
#endif

/* The boolean of callback signatures (e.g. JSHostPromiseRejectionTracker's is_handled): int in
 * QuickJS, bool in quickjs-ng. A callback must use this type to match the typedef. */
#if QJS_COMPAT_NG
typedef bool qjs_bool;
#else
typedef JS_BOOL qjs_bool;
#endif

/* quickjs-ng allocates class ids per runtime. */
static inline JSClassID qjs_new_class_id(JSRuntime *rt, JSClassID *id)
{
#if QJS_COMPAT_NG
    return JS_NewClassID(rt, id);
#else
    (void)rt;
    return JS_NewClassID(id);
#endif
}

/* quickjs-ng dropped the context argument of these predicates. JS_IsArray answers -1 with an
 * exception pending for a revoked proxy in QuickJS; quickjs-ng does not look through proxies. */
static inline bool qjs_is_error(JSContext *ctx, JSValueConst v)
{
#if QJS_COMPAT_NG
    (void)ctx;
    return JS_IsError(v);
#else
    return JS_IsError(ctx, v);
#endif
}

static inline int qjs_is_array(JSContext *ctx, JSValueConst v)
{
#if QJS_COMPAT_NG
    (void)ctx;
    return JS_IsArray(v);
#else
    return JS_IsArray(ctx, v);
#endif
}

static inline void qjs_free_malloced(JSRuntime *rt, void *opaque, void *ptr)
{
    (void)rt, (void)opaque;
    free(ptr);
}

/* An ArrayBuffer that takes ownership of buf, a malloc()ed block (freed on failure too). The
 * buffer becomes the store without a copy, except in quickjs-ng, whose JS_NewArrayBuffer changed
 * signature between releases (a realloc hook replaced the free hook): there it is copied. */
static inline JSValue qjs_new_array_buffer_malloced(JSContext *ctx, uint8_t *buf, size_t len)
{
#if QJS_COMPAT_NG
    JSValue ab = JS_NewArrayBufferCopy(ctx, buf, len);
    free(buf);
    return ab;
#else
    JSValue ab = JS_NewArrayBuffer(ctx, buf, len, qjs_free_malloced, NULL, 0);
    if (JS_IsException(ab))
        free(buf);
    return ab;
#endif
}

/* Common to all: JS_GetTypedArrayBuffer (a view's buffer, offset and length), the module loader
 * hooks, JS_SetHostPromiseRejectionTracker (with qjs_bool), JS_NewCFunctionData. */

#endif
