/* module.c: WebAssembly.Module (JS-API "Modules"): construction from a BufferSource (the bytes are
 * copied), and the static exports, imports and customSections. */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"function", "table", "memory", "global", "tag"};

static void js_module_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qw_module_unref(JS_GetOpaque(val, st->class_id[QWJS_MODULE]));
}

qw_module *qwjs_module_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque(v, qwjs_state_of(ctx)->class_id[QWJS_MODULE]);
}

JSValue qwjs_module_new(JSContext *ctx, JSValueConst new_target, qw_module *mod)
{
    JSValue obj = qwjs_new_from_target(ctx, new_target, QWJS_MODULE);
    if (JS_IsException(obj)) {
        qw_module_unref(mod);
        return obj;
    }
    JS_SetOpaque(obj, mod);
    return obj;
}

static JSValue js_module_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    size_t len;
    uint8_t *bytes = qwjs_buffer_source_copy(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, &len);
    if (!bytes)
        return JS_EXCEPTION;
    qw_error err = {0};
    qw_module *mod = qw_module_compile(qwjs_state_of(ctx)->eng, bytes, len, &err);
    free(bytes);
    if (!mod)
        return qwjs_throw_error(ctx, "WebAssembly.Module()", &err);
    return qwjs_module_new(ctx, new_target, mod);
}

static qw_module *module_arg(JSContext *ctx, int argc, JSValueConst *argv, const char *fn)
{
    qw_module *mod = argc > 0 ? qwjs_module_of(ctx, argv[0]) : NULL;
    if (!mod)
        JS_ThrowTypeError(ctx,
                          "WebAssembly.Module.%s(): the argument must be a "
                          "WebAssembly.Module",
                          fn);
    return mod;
}

static int set_str(JSContext *ctx, JSValueConst obj, const char *prop, const char *s, size_t n)
{
    JSValue v = JS_NewStringLen(ctx, s, n);
    if (JS_IsException(v))
        return -1;
    return JS_DefinePropertyValueStr(ctx, obj, prop, v, JS_PROP_C_W_E);
}

static JSValue js_module_exports(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    (void)this_val;
    qw_module *mod = module_arg(ctx, argc, argv, "exports");
    if (!mod)
        return JS_EXCEPTION;
    JSValue arr = JS_NewArray(ctx);
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n && !JS_IsException(arr); i++) {
        qw_export_info e = qw_module_export(mod, i);
        JSValue d = JS_NewObject(ctx);
        if (JS_IsException(d) || set_str(ctx, d, "name", e.name, e.name_len) < 0 ||
            set_str(ctx, d, "kind", kind_names[e.kind], strlen(kind_names[e.kind])) < 0 ||
            JS_DefinePropertyValueUint32(ctx, arr, i, d, JS_PROP_C_W_E) < 0) {
            if (!JS_IsException(d))
                JS_FreeValue(ctx, d);
            JS_FreeValue(ctx, arr);
            arr = JS_EXCEPTION;
        }
    }
    return arr;
}

static JSValue js_module_imports(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    (void)this_val;
    qw_module *mod = module_arg(ctx, argc, argv, "imports");
    if (!mod)
        return JS_EXCEPTION;
    JSValue arr = JS_NewArray(ctx);
    uint32_t n = qw_module_import_count(mod);
    for (uint32_t i = 0; i < n && !JS_IsException(arr); i++) {
        qw_import_info e = qw_module_import(mod, i);
        JSValue d = JS_NewObject(ctx);
        if (JS_IsException(d) || set_str(ctx, d, "module", e.module, e.module_len) < 0 ||
            set_str(ctx, d, "name", e.name, e.name_len) < 0 ||
            set_str(ctx, d, "kind", kind_names[e.kind], strlen(kind_names[e.kind])) < 0 ||
            JS_DefinePropertyValueUint32(ctx, arr, i, d, JS_PROP_C_W_E) < 0) {
            if (!JS_IsException(d))
                JS_FreeValue(ctx, d);
            JS_FreeValue(ctx, arr);
            arr = JS_EXCEPTION;
        }
    }
    return arr;
}

static JSValue js_module_custom_sections(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    (void)this_val;
    qw_module *mod = module_arg(ctx, argc, argv, "customSections");
    if (!mod)
        return JS_EXCEPTION;
    if (argc < 2)
        return JS_ThrowTypeError(ctx, "WebAssembly.Module.customSections(): missing the section "
                                      "name");
    size_t want_len;
    const char *want = JS_ToCStringLen(ctx, &want_len, argv[1]);
    if (!want)
        return JS_EXCEPTION;
    JSValue arr = JS_NewArray(ctx);
    uint32_t n = qw_module_custom_count(mod), k = 0;
    for (uint32_t i = 0; i < n && !JS_IsException(arr); i++) {
        size_t name_len, len;
        const char *name = qw_module_custom_name(mod, i, &name_len);
        if (name_len != want_len || memcmp(name, want, name_len) != 0)
            continue;
        const uint8_t *bytes = qw_module_custom_bytes(mod, i, &len);
        JSValue ab = JS_NewArrayBufferCopy(ctx, bytes, len);
        if (JS_IsException(ab) ||
            JS_DefinePropertyValueUint32(ctx, arr, k++, ab, JS_PROP_C_W_E) < 0) {
            JS_FreeValue(ctx, arr);
            arr = JS_EXCEPTION;
        }
    }
    JS_FreeCString(ctx, want);
    return arr;
}

static const JSCFunctionListEntry js_module_funcs[] = {
    QWJS_METHOD("exports", 1, js_module_exports),
    QWJS_METHOD("imports", 1, js_module_imports),
    QWJS_METHOD("customSections", 2, js_module_custom_sections),
};

static const JSCFunctionListEntry js_module_proto_funcs[] = {
    QWJS_TAG("WebAssembly.Module"),
};

int qwjs_module_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {.class_name = "Module", .finalizer = js_module_finalizer};
    if (JS_NewClass(st->rt, st->class_id[QWJS_MODULE], &def) < 0 ||
        qwjs_define_class(ctx, ns, QWJS_MODULE, "Module", js_module_ctor, 1, js_module_proto_funcs,
                          sizeof js_module_proto_funcs / sizeof js_module_proto_funcs[0]) < 0)
        return -1;
    JSValue ctor = JS_GetPropertyStr(ctx, ns, "Module");
    JS_SetPropertyFunctionList(ctx, ctor, js_module_funcs,
                               sizeof js_module_funcs / sizeof js_module_funcs[0]);
    JS_FreeValue(ctx, ctor);
    return 0;
}
