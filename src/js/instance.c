/* instance.c: WebAssembly.Instance (JS-API "Instances"): reading the imports in the spec's order
 * with its errors, instantiation, and the frozen, null-prototype exports object. */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

/* The opaque of an Instance object: the instance's anchor and the exports object. */
typedef struct js_instance {
    JSValue anchor;
    JSValue exports;
} js_instance;

static void js_instance_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    js_instance *i = JS_GetOpaque(val, st->class_id[QWJS_INSTANCE]);
    if (!i)
        return;
    JS_FreeValueRT(rt, i->exports);
    JS_FreeValueRT(rt, i->anchor);
    free(i);
}

static void js_instance_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    js_instance *i = JS_GetOpaque(val, st->class_id[QWJS_INSTANCE]);
    if (i) {
        JS_MarkValue(rt, i->anchor, mark);
        JS_MarkValue(rt, i->exports, mark);
    }
}

/* The anchor: a hidden object holding the one count that every JS object reaching an instance
 * (the Instance, its exported functions) shares, so that its gc_mark can trace the JS values
 * the instance alone keeps alive (imported JS functions, externrefs in its own tables): a cycle
 * JS -> instance -> JS is then collected by QuickJS (references.md). */
static void js_anchor_finalizer(JSRuntime *rt, JSValue val)
{
    qwjs_wrapper_finalize(rt, val, QWJS_ANCHOR);
}

/* The references an instance holds that lead to JS values (extern boxes, host functions). */
typedef struct ref_list {
    qw_ref *refs;
    size_t n, cap;
    bool failed;
} ref_list;

static void collect_ref(void *user, qw_ref ref)
{
    ref_list *l = user;
    qw_refkind k = qw_ref_kind(ref);
    if (l->failed ||
        !(k == QW_REFKIND_EXTERN || (k == QW_REFKIND_FUNC && qw_func_is_host(qw_ref_as_func(ref)))))
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        qw_ref *grown = realloc(l->refs, cap * sizeof *grown);
        if (!grown) {
            l->failed = true;
            return;
        }
        l->refs = grown;
        l->cap = cap;
    }
    l->refs[l->n++] = ref;
}

static int compare_refs(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const qw_ref *)a, y = (uintptr_t) * (const qw_ref *)b;
    return x < y ? -1 : x > y;
}

/* A reference the instance holds in k slots leads to a JS value it alone keeps when those are
 * all its counts (the same box in its table and its global, say); then the value is marked once,
 * for the one JS count the box or function holds. Out of memory: nothing is marked, which only
 * delays the collection. */
static void js_anchor_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    qwjs_state *st = JS_GetRuntimeOpaque(rt);
    qw_instance *inst = JS_GetOpaque(val, st->class_id[QWJS_ANCHOR]);
    ref_list l = {NULL, 0, 0, false};
    if (!inst || !qw_instance_visit_owned(inst, collect_ref, &l) || l.failed) {
        free(l.refs);
        return;
    }
    if (l.n > 1)
        qsort(l.refs, l.n, sizeof *l.refs, compare_refs);
    for (size_t i = 0, j; i < l.n; i = j) {
        for (j = i + 1; j < l.n && l.refs[j] == l.refs[i];)
            j++;
        if (qw_ref_count(l.refs[i]) == j - i)
            qwjs_mark_value_of(rt, l.refs[i], mark);
    }
    free(l.refs);
}

JSValue qwjs_instance_anchor(JSContext *ctx, qw_instance *inst)
{
    return qwjs_wrapper_wrap(ctx, QWJS_ANCHOR, inst);
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
static JSValue make_exports(JSContext *ctx, qw_instance *inst, qw_module *mod, JSValueConst anchor)
{
    JSValue obj = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(obj))
        return obj;
    /* Tables and globals past the imported ones are the instance's own: their wrappers hold
     * its anchor (map.c), so a cycle through them is the anchor's to trace. */
    uint32_t imported[QW_EXTERN_TAG + 1] = {0};
    for (uint32_t i = 0; i < qw_module_import_count(mod); i++)
        imported[qw_module_import(mod, i).kind]++;
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
            v = e.index < imported[QW_EXTERN_TABLE]
                    ? qwjs_table_wrap(ctx, x.of.table)
                    : qwjs_wrapper_wrap_anchored(ctx, QWJS_TABLE, x.of.table, anchor);
            break;
        case QW_EXTERN_MEMORY:
            v = qwjs_memory_wrap(ctx, x.of.memory);
            break;
        case QW_EXTERN_GLOBAL:
            v = e.index < imported[QW_EXTERN_GLOBAL]
                    ? qwjs_global_wrap(ctx, x.of.global)
                    : qwjs_wrapper_wrap_anchored(ctx, QWJS_GLOBAL, x.of.global, anchor);
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
    JSValue anchor = qwjs_instance_anchor(ctx, inst);
    qw_instance_unref(inst); /* the anchor holds it now */
    if (JS_IsException(anchor))
        return anchor;
    js_instance *ji = malloc(sizeof *ji);
    JSValue obj = ji ? qwjs_new_from_target(ctx, new_target, QWJS_INSTANCE) : JS_EXCEPTION;
    if (!ji)
        JS_ThrowOutOfMemory(ctx);
    if (JS_IsException(obj)) {
        free(ji);
        JS_FreeValue(ctx, anchor);
        return obj;
    }
    ji->anchor = anchor;
    ji->exports = JS_UNDEFINED;
    JS_SetOpaque(obj, ji);
    ji->exports = make_exports(ctx, inst, mod, ji->anchor);
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
    JSClassDef anchor = {
        .class_name = "InstanceAnchor",
        .finalizer = js_anchor_finalizer,
        .gc_mark = js_anchor_mark,
    };
    if (JS_NewClass(st->rt, st->class_id[QWJS_INSTANCE], &def) < 0 ||
        JS_NewClass(st->rt, st->class_id[QWJS_ANCHOR], &anchor) < 0)
        return -1;
    return qwjs_define_class(ctx, ns, QWJS_INSTANCE, "Instance", js_instance_ctor, 1,
                             js_instance_proto_funcs,
                             sizeof js_instance_proto_funcs / sizeof js_instance_proto_funcs[0]);
}
