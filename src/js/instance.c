/* instance.c: WebAssembly.Instance (JS-API "Instances"): reading the imports in the spec's order
 * with its errors, instantiation, and the frozen, null-prototype exports object. */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

/* The opaque of an Instance object. */
typedef struct js_instance {
    qw_instance *inst;
    JSValue exports;
} js_instance;

static void js_instance_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    js_instance *i = JS_GetOpaque(val, st->class_id[QWJS_INSTANCE]);
    if (!i)
        return;
    JS_FreeValueRT(rt, i->exports);
    qw_instance_unref(i->inst);
    free(i);
}

static void js_instance_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    js_instance *i = JS_GetOpaque(val, st->class_id[QWJS_INSTANCE]);
    if (i)
        JS_MarkValue(rt, i->exports, mark);
}

static void free_imports(qw_extern *ext, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        switch (ext[i].kind) {
        case QW_EXTERN_FUNC:
            qw_func_unref(ext[i].of.func);
            break;
        case QW_EXTERN_TABLE:
            qw_table_unref(ext[i].of.table);
            break;
        case QW_EXTERN_MEMORY:
            qw_memory_unref(ext[i].of.memory);
            break;
        case QW_EXTERN_GLOBAL:
            qw_global_unref(ext[i].of.global);
            break;
        case QW_EXTERN_TAG:
            qw_tag_unref(ext[i].of.tag);
            break;
        }
    }
    free(ext);
}

static JSValue link_error(JSContext *ctx, const qw_import_info *imp, const char *what)
{
    return qwjs_throw(ctx, QWJS_LINK_ERROR, "WebAssembly.Instance(): import %.*s.%.*s: %s",
                      (int)imp->module_len, imp->module, (int)imp->name_len, imp->name, what);
}

/* A global import given as a plain value: a new immutable global (JS-API "read the imports"). */
static int global_from_value(JSContext *ctx, JSValueConst v, const qw_import_info *imp,
                             const qw_externtype *t, qw_global **out)
{
    bool number_like = t->valtype == QW_I64 ? JS_IsBigInt(ctx, v) : JS_IsNumber(v);
    if (QW_VT_IS_REF(t->valtype))
        number_like = true;
    if (!number_like || t->valtype == QW_V128) {
        link_error(ctx, imp, "global import must be a number, a BigInt or a WebAssembly.Global");
        return -1;
    }
    if (t->mutable_) {
        link_error(ctx, imp, "imported mutable global must be a WebAssembly.Global");
        return -1;
    }
    qw_val val;
    if (qwjs_to_wasm(ctx, v, t->valtype, &val) < 0)
        return -1;
    qw_error err = {0};
    *out = qw_global_new(qwjs_state_of(ctx)->store, t->valtype, false, &val, &err);
    qwjs_val_release(t->valtype, &val);
    if (!*out) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return 0;
}

/* One import's external value from the import object (spec order: module object, then field). */
static int read_import(JSContext *ctx, qw_module *mod, uint32_t k, JSValueConst imports,
                       qw_extern *ext)
{
    qw_import_info imp = qw_module_import(mod, k);
    qw_externtype t;
    qw_module_import_type(mod, k, &t);
    JSValue mv = JS_NewStringLen(ctx, imp.module, imp.module_len);
    if (JS_IsException(mv))
        return -1;
    JSAtom matom = JS_ValueToAtom(ctx, mv);
    JS_FreeValue(ctx, mv);
    JSValue o = JS_GetProperty(ctx, imports, matom);
    JS_FreeAtom(ctx, matom);
    if (JS_IsException(o))
        return -1;
    if (!JS_IsObject(o)) {
        JS_FreeValue(ctx, o);
        JS_ThrowTypeError(ctx, "WebAssembly.Instance(): import module \"%.*s\" is not an object",
                          (int)imp.module_len, imp.module);
        return -1;
    }
    JSValue nv = JS_NewStringLen(ctx, imp.name, imp.name_len);
    JSAtom natom = JS_IsException(nv) ? JS_ATOM_NULL : JS_ValueToAtom(ctx, nv);
    JS_FreeValue(ctx, nv);
    JSValue v = natom == JS_ATOM_NULL ? JS_EXCEPTION : JS_GetProperty(ctx, o, natom);
    JS_FreeAtom(ctx, natom);
    JS_FreeValue(ctx, o);
    if (JS_IsException(v))
        return -1;
    int r = -1;
    ext->kind = imp.kind;
    switch (imp.kind) {
    case QW_EXTERN_FUNC: {
        if (!JS_IsFunction(ctx, v)) {
            link_error(ctx, &imp, "function import requires a callable");
            break;
        }
        qw_func *f = qwjs_func_of(ctx, v);
        ext->of.func = f ? qw_func_ref(f)
                         : qwjs_host_func_new(ctx, v, t.params, t.nparams, t.results, t.nresults);
        r = ext->of.func ? 0 : -1;
        break;
    }
    case QW_EXTERN_TABLE: {
        qw_table *tab = qwjs_table_of(ctx, v);
        if (!tab) {
            link_error(ctx, &imp, "table import requires a WebAssembly.Table");
            break;
        }
        ext->of.table = qw_table_ref(tab);
        r = 0;
        break;
    }
    case QW_EXTERN_MEMORY: {
        qw_memory *mem = qwjs_memory_of(ctx, v);
        if (!mem) {
            link_error(ctx, &imp, "memory import must be a WebAssembly.Memory object");
            break;
        }
        ext->of.memory = qw_memory_ref(mem);
        r = 0;
        break;
    }
    case QW_EXTERN_GLOBAL: {
        qw_global *g = qwjs_global_of(ctx, v);
        if (g) {
            ext->of.global = qw_global_ref(g);
            r = 0;
        } else {
            r = global_from_value(ctx, v, &imp, &t, &ext->of.global);
        }
        break;
    }
    case QW_EXTERN_TAG: {
        qw_tag *tag = qwjs_tag_of(ctx, v);
        if (!tag) {
            link_error(ctx, &imp, "tag import requires a WebAssembly.Tag");
            break;
        }
        ext->of.tag = qw_tag_ref(tag);
        r = 0;
        break;
    }
    }
    JS_FreeValue(ctx, v);
    return r;
}

/* The exports object: null prototype, one non-writable, non-configurable property per export,
 * then not extensible (JS-API "initialize an instance object"). */
static JSValue make_exports(JSContext *ctx, qw_instance *inst, qw_module *mod)
{
    JSValue obj = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(obj))
        return obj;
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info e = qw_module_export(mod, i);
        qw_extern x = qw_instance_export(inst, i);
        JSValue v;
        switch (x.kind) {
        case QW_EXTERN_FUNC:
            v = qwjs_func_wrap_index(ctx, x.of.func, e.index);
            break;
        case QW_EXTERN_TABLE:
            v = qwjs_table_wrap(ctx, x.of.table);
            break;
        case QW_EXTERN_MEMORY:
            v = qwjs_memory_wrap(ctx, x.of.memory);
            break;
        case QW_EXTERN_GLOBAL:
            v = qwjs_global_wrap(ctx, x.of.global);
            break;
        default:
            v = qwjs_tag_wrap(ctx, x.of.tag);
            break;
        }
        JSValue name = JS_IsException(v) ? JS_EXCEPTION : JS_NewStringLen(ctx, e.name, e.name_len);
        if (JS_IsException(name)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        JSAtom atom = JS_ValueToAtom(ctx, name);
        JS_FreeValue(ctx, name);
        int r = JS_DefinePropertyValue(ctx, obj, atom, v, JS_PROP_ENUMERABLE | JS_PROP_THROW);
        JS_FreeAtom(ctx, atom);
        if (r < 0)
            goto fail;
    }
    if (JS_PreventExtensions(ctx, obj) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue instantiate(JSContext *ctx, JSValueConst new_target, JSValueConst module_obj,
                           JSValueConst imports)
{
    qwjs_state *st = qwjs_state_of(ctx);
    qw_module *mod = qwjs_module_of(ctx, module_obj);
    if (!mod)
        return JS_ThrowTypeError(ctx, "WebAssembly.Instance(): the first argument must be a "
                                      "WebAssembly.Module");
    uint32_t n = qw_module_import_count(mod);
    if (!JS_IsUndefined(imports) && !JS_IsObject(imports))
        return JS_ThrowTypeError(ctx, "WebAssembly.Instance(): the imports argument must be an "
                                      "object");
    if (n > 0 && JS_IsUndefined(imports))
        return JS_ThrowTypeError(ctx, "WebAssembly.Instance(): imports needed but no import "
                                      "object was given");
    qw_extern *ext = calloc(n + 1, sizeof *ext);
    if (!ext)
        return JS_ThrowOutOfMemory(ctx);
    uint32_t got = 0;
    for (; got < n; got++) {
        if (read_import(ctx, mod, got, imports, &ext[got]) < 0) {
            free_imports(ext, got);
            return JS_EXCEPTION;
        }
    }
    qw_error err = {0};
    qw_trap trap = QW_TRAP_NONE;
    qw_instance *inst = qw_instance_new(st->store, mod, ext, n, &err, &trap);
    free_imports(ext, n);
    if (!inst) {
        if (err.kind != QW_ERR_NONE)
            return qwjs_throw_link_error(ctx, &err);
        return qwjs_throw_call_trap(ctx, trap);
    }
    js_instance *ji = malloc(sizeof *ji);
    JSValue obj = ji ? qwjs_new_from_target(ctx, new_target, QWJS_INSTANCE) : JS_EXCEPTION;
    if (!ji)
        JS_ThrowOutOfMemory(ctx);
    if (JS_IsException(obj)) {
        free(ji);
        qw_instance_unref(inst);
        return obj;
    }
    ji->inst = inst;
    ji->exports = JS_UNDEFINED;
    JS_SetOpaque(obj, ji);
    ji->exports = make_exports(ctx, inst, mod);
    if (JS_IsException(ji->exports)) {
        ji->exports = JS_UNDEFINED;
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue qwjs_instantiate(JSContext *ctx, JSValueConst module_obj, JSValueConst imports)
{
    return instantiate(ctx, JS_UNDEFINED, module_obj, imports);
}

static JSValue js_instance_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                JSValueConst *argv)
{
    return instantiate(ctx, new_target, argc > 0 ? argv[0] : JS_UNDEFINED,
                       argc > 1 ? argv[1] : JS_UNDEFINED);
}

static JSValue js_instance_exports(JSContext *ctx, JSValueConst this_val)
{
    js_instance *i = JS_GetOpaque2(ctx, this_val, qwjs_state_of(ctx)->class_id[QWJS_INSTANCE]);
    if (!i)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, i->exports);
}

static const JSCFunctionListEntry js_instance_proto_funcs[] = {
    QWJS_ACCESSOR("exports", js_instance_exports, NULL),
    QWJS_TAG("WebAssembly.Instance"),
};

int qwjs_instance_init(JSContext *ctx, JSValueConst ns)
{
    qwjs_state *st = qwjs_state_of(ctx);
    JSClassDef def = {
        .class_name = "Instance",
        .finalizer = js_instance_finalizer,
        .gc_mark = js_instance_mark,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_INSTANCE], &def) < 0)
        return -1;
    return qwjs_define_class(ctx, ns, QWJS_INSTANCE, "Instance", js_instance_ctor, 1,
                             js_instance_proto_funcs,
                             sizeof js_instance_proto_funcs / sizeof js_instance_proto_funcs[0]);
}
