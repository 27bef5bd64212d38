/* binding.h: what the files of the WebAssembly JS binding (src/js) share: the per-runtime state,
 * the engine-object -> wrapper map, WebIDL conversions and the per-class entry points. Private to
 * src/js. */
#ifndef QWJS_BINDING_H
#define QWJS_BINDING_H

#include "qjs_compat.h"
#include "quickjs.h"
#include "qw.h"
#include "qwjs.h"
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

/* Function-list entries with WebIDL's attributes: operations are writable, enumerable and
 * configurable; attributes (accessors) enumerable and configurable; @@toStringTag configurable. */
#define QWJS_METHOD(name_, len, fn)                                                                \
    {                                                                                              \
        .name = name_, .prop_flags = JS_PROP_C_W_E, .def_type = JS_DEF_CFUNC,                      \
        .u.func = {len, JS_CFUNC_generic, {.generic = fn}},                                        \
    }
#define QWJS_ACCESSOR(name_, get_, set_)                                                           \
    {                                                                                              \
        .name = name_, .prop_flags = JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE,                    \
        .def_type = JS_DEF_CGETSET,                                                                \
        .u.getset = {.get = {.getter = get_}, .set = {.setter = set_}},                            \
    }
#define QWJS_TAG(text) JS_PROP_STRING_DEF("[Symbol.toStringTag]", text, JS_PROP_CONFIGURABLE)

/* The classes whose prototypes the binding keeps (as the context's class prototypes). */
enum {
    QWJS_MODULE,
    QWJS_INSTANCE,
    QWJS_MEMORY,
    QWJS_TABLE,
    QWJS_GLOBAL,
    QWJS_TAG,
    QWJS_EXCEPTION,
    QWJS_FUNCTION, /* exported functions: callable objects, prototype Function.prototype */
    QWJS_ANCHOR,   /* an instance as seen from JS: its one holder for all wrappers (instance.c) */
    QWJS_GCREF,    /* GC structs and arrays: opaque, null prototype (gcref.c) */
    QWJS_COMPILE_ERROR,
    QWJS_LINK_ERROR,
    QWJS_RUNTIME_ERROR,
    QWJS_CLASS_COUNT
};

/* engine object pointer -> its JS wrapper (not counted: the wrapper's finalizer removes it). */
typedef struct qwjs_map_entry {
    const void *key;
    void *obj; /* JS_VALUE_GET_PTR of the wrapper */
} qwjs_map_entry;
typedef struct qwjs_map {
    qwjs_map_entry *e;
    size_t cap, used, live; /* used counts tombstones too */
} qwjs_map;

struct qwjs_state {
    JSRuntime *rt;
    JSContext *ctx;
    qwjs_host host;
    qw_engine *eng;
    qw_store *store;
    JSClassID class_id[QWJS_CLASS_COUNT];
    qwjs_map wrappers;
    qw_tag *js_tag; /* WebAssembly.JSTag's */
    /* Every JSValue the engine holds through the binding (extern boxes, imported JS functions),
     * keyed by its slot's address: released when the context goes (see qwjs_hold). */
    qwjs_map held;
    /* Table or global -> the anchor its wrapper holds instead of a count (map.c). */
    qwjs_map anchored;
    /* The engine's allocations (wasm.c's hook; atomic: modules compile on the threadpool). */
    atomic_size_t alloc_blocks, alloc_bytes;
};

static inline qwjs_state *qwjs_state_of(JSContext *ctx)
{
    return JS_GetRuntimeOpaque(JS_GetRuntime(ctx));
}

/* map.c */
bool qwjs_map_put(qwjs_map *m, const void *key, void *obj);
void *qwjs_map_get(const qwjs_map *m, const void *key);
void qwjs_map_remove(qwjs_map *m, const void *key);
void qwjs_map_free(qwjs_map *m);
/* The existing wrapper of key, with a new count, or JS_UNDEFINED. */
JSValue qwjs_wrapper_get(JSContext *ctx, const void *key);

/* Wrappers whose opaque is their engine object, holding one count on it: cls is QWJS_TABLE,
 * QWJS_GLOBAL, QWJS_TAG, QWJS_EXCEPTION or QWJS_ANCHOR. */
/* A new wrapper of obj (prototype from new_target, else the class's), taking the caller's count
 * on obj: dropped on failure. */
JSValue qwjs_wrapper_new(JSContext *ctx, JSValueConst new_target, int cls, void *obj);
/* The wrapper of obj: the existing one, else a new one holding a new count. */
JSValue qwjs_wrapper_wrap(JSContext *ctx, int cls, void *obj);
/* The wrapper of a table or global an instance defined: the existing one, else a new one that
 * holds the instance's anchor instead of a count, so that the anchor can trace the values in it
 * (the instance holds it as long as the anchor lives). */
JSValue qwjs_wrapper_wrap_anchored(JSContext *ctx, int cls, void *obj, JSValueConst anchor);
/* The anchor an anchored wrapper of obj holds, or NULL. */
void *qwjs_wrapper_anchor(JSRuntime *rt, const void *obj);
/* A wrapper's finalizer: forgets the wrapper and drops its count (or its anchor). */
void qwjs_wrapper_finalize(JSRuntime *rt, JSValueConst val, int cls);

/* wasm.c: JSValues owned by engine objects (extern boxes, imported JS functions). QuickJS cannot
 * see through the engine, so a cycle JS -> engine -> JS that the gc_mark rule (references.md)
 * cannot mark survives the last collection; qwjs_release_values drops them all at exit. hold
 * registers a slot, unhold forgets it before its owner frees it. */
bool qwjs_hold(JSContext *ctx, JSValue *slot);
void qwjs_unhold(JSRuntime *rt, JSValue *slot);

/* errors.c: the only mapping of engine errors and traps to JS errors. */
int qwjs_errors_init(JSContext *ctx, JSValueConst ns);
/* kind: QWJS_COMPILE_ERROR, QWJS_LINK_ERROR or QWJS_RUNTIME_ERROR. Returns JS_EXCEPTION. */
JSValue qwjs_throw(JSContext *ctx, int kind, const char *fmt, ...);
/* A new error object (not thrown) of that kind. */
JSValue qwjs_new_error(JSContext *ctx, int kind, const char *msg);
/* Throws for a failed compile (CompileError, or RangeError/out of memory) with a context prefix. */
JSValue qwjs_throw_error(JSContext *ctx, const char *where, const qw_error *err);
/* The error value (not thrown) for a failed compile. */
JSValue qwjs_error_value(JSContext *ctx, const char *where, const qw_error *err);
/* Throws for a failed instantiation: LinkError, RangeError for a limit, out of memory. */
JSValue qwjs_throw_link_error(JSContext *ctx, const qw_error *err);
/* Throws for a trap: a RuntimeError, RangeError for stack exhaustion; QW_TRAP_HOST and
 * QW_TRAP_EXCEPTION are handled by the caller (values.c / instance.c). */
JSValue qwjs_throw_trap(JSContext *ctx, qw_trap trap);

/* convert.c: WebIDL conversions. */
/* [EnforceRange] unsigned long: TypeError for NaN, infinities and values out of [0, 2^32). */
int qwjs_to_u32_enforce(JSContext *ctx, JSValueConst v, const char *what, uint32_t *out);
/* [EnforceRange] unsigned long long (a BigInt for is64 values, a Number otherwise). */
int qwjs_to_index(JSContext *ctx, JSValueConst v, bool is64, const char *what, uint64_t *out);
/* The bytes of a BufferSource, copied to a malloc()ed block (TypeError for anything else). */
uint8_t *qwjs_buffer_source_copy(JSContext *ctx, JSValueConst v, size_t *len);
/* Iterates v (TypeError when it has no @@iterator; a WebIDL sequence also needs an object):
 * each(item) as the iterator yields it, stopping at the first failure (-1 with an exception
 * pending). */
int qwjs_sequence(JSContext *ctx, JSValueConst v,
                  int (*each)(JSContext *ctx, JSValueConst item, void *user), void *user);
/* Makes room for one more element of size bytes in items (n used of *cap): the array, moved
 * or not, or NULL with an out of memory error pending (items is then unchanged). */
void *qwjs_reserve(JSContext *ctx, void *items, uint32_t n, uint32_t *cap, size_t size);
/* Reads a dictionary member; JS_UNDEFINED when absent. */
JSValue qwjs_get(JSContext *ctx, JSValueConst obj, const char *name);
/* Object with proto from new_target.prototype (falling back to the class prototype). */
JSValue qwjs_new_from_target(JSContext *ctx, JSValueConst new_target, int cls);
/* Defines a constructor on ns with its prototype (from the context's class prototype). */
int qwjs_define_class(JSContext *ctx, JSValueConst ns, int cls, const char *name, JSCFunction *ctor,
                      int length, const JSCFunctionListEntry *proto_funcs, int nfuncs);

/* memory.c: descriptor members shared with Table. */
int qwjs_read_address(JSContext *ctx, JSValueConst desc, bool *is64);
int qwjs_read_limit(JSContext *ctx, JSValueConst desc, const char *name, bool is64, bool *present,
                    uint64_t *out);

/* values.c: ToWebAssemblyValue and ToJSValue. */
/* "i32", "externref", ... -> a value type; false for an unknown name. */
bool qwjs_parse_valtype(const char *s, size_t len, qw_valtype *out);
const char *qwjs_valtype_name(qw_valtype t); /* for introspection; "" for other types */
/* Converts v to a value of type t; a reference result carries one count for the caller. */
int qwjs_to_wasm(JSContext *ctx, JSValueConst v, qw_valtype t, qw_val *out);
/* Converts a value of type t (references borrowed) to JS. */
JSValue qwjs_to_js(JSContext *ctx, qw_valtype t, const qw_val *val);
/* The default value of type t for a missing argument (Global, Table), with a count. */
int qwjs_default_value(JSContext *ctx, qw_valtype t, qw_val *out);
/* Releases a reference value (no-op for numbers). */
void qwjs_val_release(qw_valtype t, qw_val *val);
/* gc_mark for an engine object that holds references (see docs/design/references.md). */
void qwjs_mark_ref(JSRuntime *rt, qw_ref ref, JS_MarkFunc *mark);
/* The qw_ref_visitor that gc_mark hooks pass to qw_*_visit: user is a qwjs_mark_ctx. */
typedef struct qwjs_mark_ctx {
    JSRuntime *rt;
    JS_MarkFunc *mark;
} qwjs_mark_ctx;
void qwjs_mark_visit(void *user, qw_ref ref);
/* Marks the JS value behind an extern box or a host function, whoever holds it. */
void qwjs_mark_value_of(JSRuntime *rt, qw_ref ref, JS_MarkFunc *mark);
/* Host value of a JS value in an extern box. */
void qwjs_host_release(void *user, qw_hostval *val);

/* module.c: a Module object for mod (takes its count). */
JSValue qwjs_module_new(JSContext *ctx, JSValueConst new_target, qw_module *mod);

/* instance.c: instantiation (JS-API "instantiate the core of a WebAssembly module"). */
/* A new Instance of mod with importObject (undefined or an object). */
JSValue qwjs_instantiate(JSContext *ctx, JSValueConst module_obj, JSValueConst imports);
/* The instance's anchor (created on first use): the JS object every wrapper of the instance's
 * functions holds instead of a count of its own. */
JSValue qwjs_instance_anchor(JSContext *ctx, qw_instance *inst);

/* Per-class files: create the class, return -1 on failure. */
int qwjs_module_init(JSContext *ctx, JSValueConst ns);
int qwjs_memory_init(JSContext *ctx, JSValueConst ns);
int qwjs_table_init(JSContext *ctx, JSValueConst ns);
int qwjs_global_init(JSContext *ctx, JSValueConst ns);
int qwjs_tag_init(JSContext *ctx, JSValueConst ns);
int qwjs_exception_init(JSContext *ctx, JSValueConst ns);
int qwjs_instance_init(JSContext *ctx, JSValueConst ns);
int qwjs_function_init(JSContext *ctx);

/* Wrappers: the (unique) JS object of an engine object, created on first use. */
JSValue qwjs_memory_wrap(JSContext *ctx, qw_memory *mem);
JSValue qwjs_table_wrap(JSContext *ctx, qw_table *tab);
JSValue qwjs_global_wrap(JSContext *ctx, qw_global *glob);
JSValue qwjs_tag_wrap(JSContext *ctx, qw_tag *tag);
JSValue qwjs_exception_wrap(JSContext *ctx, qw_exception *exn);
/* A funcref as JS: the original JS function of a host import, else the exported function (named
 * after its function index even when no export names it, e.g. read from a table). */
JSValue qwjs_func_wrap(JSContext *ctx, qw_func *func);
/* The same, naming a new wrapper after its function index (exports know it). */
JSValue qwjs_func_wrap_index(JSContext *ctx, qw_func *func, uint32_t index);
/* gc_mark of a host function held by a uniquely owned chain: marks its JS function. */
void qwjs_host_func_mark(JSRuntime *rt, qw_func *func, JS_MarkFunc *mark);
/* A host function calling the JS function fn (kept). NULL with an exception pending. */
qw_func *qwjs_host_func_new(JSContext *ctx, JSValueConst fn, const qw_valtype *params, uint32_t np,
                            const qw_valtype *results, uint32_t nr);
/* Results of a host function from an iterable (JS-API multi-value). */
int qwjs_iterable_to_wasm(JSContext *ctx, JSValueConst v, const qw_valtype *types, uint32_t n,
                          qw_val *out);
/* The JS exception for a trap that ended a call (host exceptions rethrown unchanged). */
JSValue qwjs_throw_call_trap(JSContext *ctx, qw_trap trap);
/* Engine objects behind wrappers (borrowed), NULL when v is not one. */
qw_module *qwjs_module_of(JSContext *ctx, JSValueConst v);
qw_memory *qwjs_memory_of(JSContext *ctx, JSValueConst v);
qw_table *qwjs_table_of(JSContext *ctx, JSValueConst v);
qw_global *qwjs_global_of(JSContext *ctx, JSValueConst v);
qw_tag *qwjs_tag_of(JSContext *ctx, JSValueConst v);
qw_exception *qwjs_exception_of(JSContext *ctx, JSValueConst v);

/* gcref.c: the wrapper of a struct or array reference (the same object each time), and the
 * reference behind a wrapper (borrowed; NULL for any other value). */
int qwjs_gcref_init(JSContext *ctx);
JSValue qwjs_gcref_wrap(JSContext *ctx, qw_ref ref);
qw_ref qwjs_gcref_of(JSContext *ctx, JSValueConst v);
qw_func *qwjs_func_of(JSContext *ctx, JSValueConst v); /* exported functions only */
/* The JSTag's tag (created at init). */
qw_tag *qwjs_js_tag(JSContext *ctx);

#endif
