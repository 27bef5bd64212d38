/* errors.c: WebAssembly.CompileError, LinkError and RuntimeError (NativeError-like subclasses of
 * Error, JS-API "Error objects"), and the only mapping of engine errors and traps to JS errors. */
#include "binding.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const error_names[] = {"CompileError", "LinkError", "RuntimeError"};

/* An Error object whose prototype is proto, with an own message when msg is not undefined. */
static JSValue make_error(JSContext *ctx, JSValueConst proto, JSValueConst msg)
{
    JSValue obj = JS_NewError(ctx);
    if (JS_IsException(obj))
        return obj;
    if (JS_SetPrototype(ctx, obj, proto) < 0)
        goto fail;
    if (!JS_IsUndefined(msg)) {
        JSValue s = JS_ToString(ctx, msg);
        if (JS_IsException(s) ||
            JS_DefinePropertyValueStr(ctx, obj, "message", s,
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* NativeError(message): callable with or without new; the prototype comes from new.target. */
static JSValue js_error_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv,
                             int magic)
{
    JSValue proto = JS_UNDEFINED;
    if (!JS_IsUndefined(new_target)) {
        proto = JS_GetPropertyStr(ctx, new_target, "prototype");
        if (JS_IsException(proto))
            return proto;
    }
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        proto = JS_GetClassProto(ctx, qwjs_state_of(ctx)->class_id[magic]);
    }
    JSValue obj = make_error(ctx, proto, argc > 0 ? argv[0] : JS_UNDEFINED);
    JS_FreeValue(ctx, proto);
    return obj;
}

int qwjs_errors_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue error = JS_GetPropertyStr(ctx, global, "Error");
    JS_FreeValue(ctx, global);
    JSValue error_proto = JS_GetPropertyStr(ctx, error, "prototype");
    int r = -1;
    for (int i = 0; i < 3; i++) {
        int cls = QWJS_COMPILE_ERROR + i;
        JSValue proto = JS_NewObjectProto(ctx, error_proto);
        JSValue ctor = JS_NewCFunction2(ctx, (JSCFunction *)(void *)js_error_ctor, error_names[i],
                                        1, JS_CFUNC_constructor_or_func_magic, cls);
        if (JS_IsException(proto) || JS_IsException(ctor) ||
            JS_SetPrototype(ctx, ctor, error) < 0 ||
            JS_DefinePropertyValueStr(ctx, proto, "name", JS_NewString(ctx, error_names[i]),
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0 ||
            JS_DefinePropertyValueStr(ctx, proto, "message", JS_NewString(ctx, ""),
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
            JS_FreeValue(ctx, proto);
            JS_FreeValue(ctx, ctor);
            goto done;
        }
        JS_SetConstructor(ctx, ctor, proto);
        JS_SetClassProto(ctx, st->class_id[cls], proto);
        if (JS_DefinePropertyValueStr(ctx, ns, error_names[i], ctor,
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto done;
    }
    r = 0;
done:
    JS_FreeValue(ctx, error_proto);
    JS_FreeValue(ctx, error);
    return r;
}

JSValue qwjs_new_error(JSContext *ctx, int kind, const char *msg)
{
    JSValue proto = JS_GetClassProto(ctx, qwjs_state_of(ctx)->class_id[kind]);
    JSValue m = JS_NewString(ctx, msg);
    JSValue obj = JS_IsException(m) ? m : make_error(ctx, proto, m);
    JS_FreeValue(ctx, m);
    JS_FreeValue(ctx, proto);
    return obj;
}

JSValue qwjs_throw(JSContext *ctx, int kind, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    JSValue e = qwjs_new_error(ctx, kind, buf);
    if (JS_IsException(e))
        return e;
    return JS_Throw(ctx, e);
}

JSValue qwjs_error_value(JSContext *ctx, const char *where, const qw_error *err)
{
    char buf[320];
    if (err->offset != QW_NO_OFFSET)
        snprintf(buf, sizeof buf, "%s: %s @+%u", where, err->msg, err->offset);
    else
        snprintf(buf, sizeof buf, "%s: %s", where, err->msg);
    switch (err->kind) {
    case QW_ERR_OOM:
        JS_ThrowOutOfMemory(ctx);
        return JS_GetException(ctx);
    case QW_ERR_LIMIT:
    case QW_ERR_MALFORMED:
    case QW_ERR_INVALID:
    default:
        return qwjs_new_error(ctx, QWJS_COMPILE_ERROR, buf);
    case QW_ERR_LINK:
        return qwjs_new_error(ctx, QWJS_LINK_ERROR, buf);
    }
}

JSValue qwjs_throw_error(JSContext *ctx, const char *where, const qw_error *err)
{
    if (err->kind == QW_ERR_OOM)
        return JS_ThrowOutOfMemory(ctx);
    JSValue e = qwjs_error_value(ctx, where, err);
    if (JS_IsException(e))
        return e;
    return JS_Throw(ctx, e);
}

JSValue qwjs_throw_link_error(JSContext *ctx, const qw_error *err)
{
    /* An implementation limit met while instantiating (a table too large) is a RangeError, as
     * for the constructors of Memory and Table; at compile time it is a CompileError. */
    if (err->kind == QW_ERR_LIMIT)
        return JS_ThrowRangeError(ctx, "WebAssembly.Instance(): %s", err->msg);
    return qwjs_throw_error(ctx, "WebAssembly.Instance()", err);
}

JSValue qwjs_throw_trap(JSContext *ctx, qw_trap trap)
{
    if (trap == QW_TRAP_STACK_EXHAUSTED)
        return JS_ThrowRangeError(ctx, "Maximum call stack size exceeded (%s)",
                                  qw_trap_message(trap));
    if (trap == QW_TRAP_OOM)
        return JS_ThrowOutOfMemory(ctx);
    /* What, with its operand ("uninitialized element 2"), and where it stopped: the function
     * index and, when the name section has one, its name. */
    qw_store *store = qwjs_state_of(ctx)->store;
    char what[QW_TRAP_MESSAGE_MAX];
    qw_store_trap_message(store, trap, what, sizeof what);
    const qw_module *mod;
    uint32_t funcidx;
    if (qw_store_trap_location(store, &mod, &funcidx)) {
        size_t len;
        const char *name = qw_module_func_name(mod, funcidx, &len);
        if (name)
            return qwjs_throw(ctx, QWJS_RUNTIME_ERROR, "%s (in function %u \"%.*s\")", what,
                              funcidx, (int)len, name);
        return qwjs_throw(ctx, QWJS_RUNTIME_ERROR, "%s (in function %u)", what, funcidx);
    }
    return qwjs_throw(ctx, QWJS_RUNTIME_ERROR, "%s", what);
}
