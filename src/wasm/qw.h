/* qw.h: the public interface of the qwasm WebAssembly engine (decode, validate, instantiate, run).
 * No JavaScript, no event loop: the engine stands alone. Everything outside src/wasm uses only this
 * header. Every external symbol starts with qw_. */
#ifndef QW_H
#define QW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Engine ------------------------------------------------------------------------------ */

/* realloc-style allocation hook: size 0 frees and returns NULL. All engine memory goes through it,
 * so tests can count allocations and fail any one of them. */
typedef void *(*qw_realloc_fn)(void *user, void *ptr, size_t size);

typedef struct qw_engine_config {
    qw_realloc_fn realloc; /* NULL: the C library's realloc/free */
    void *realloc_user;
} qw_engine_config;

typedef struct qw_engine qw_engine;

/* cfg may be NULL for the defaults. Returns NULL when out of memory. */
qw_engine *qw_engine_new(const qw_engine_config *cfg);
void qw_engine_free(qw_engine *eng);

/* ---- Value types -------------------------------------------------------------------------- */

/* A value type in 32 bits. The low byte is the binary format's type code; for references
 * (QW_REF / QW_REF_NULL) bits 8..31 hold the heap type: an abstract heap type code (QW_HT_*, the
 * binary codes) or QW_HT_INDEX_BASE + a type index of the module that declared the type. */
typedef uint32_t qw_valtype;

#define QW_I32      0x7Fu
#define QW_I64      0x7Eu
#define QW_F32      0x7Du
#define QW_F64      0x7Cu
#define QW_V128     0x7Bu
#define QW_I8       0x78u /* packed storage types: struct and array fields only */
#define QW_I16      0x77u
#define QW_REF      0x64u /* (ref ht) */
#define QW_REF_NULL 0x63u /* (ref null ht) */

#define QW_HT_EXN        0x69u
#define QW_HT_ARRAY      0x6Au
#define QW_HT_STRUCT     0x6Bu
#define QW_HT_I31        0x6Cu
#define QW_HT_EQ         0x6Du
#define QW_HT_ANY        0x6Eu
#define QW_HT_EXTERN     0x6Fu
#define QW_HT_FUNC       0x70u
#define QW_HT_NONE       0x71u
#define QW_HT_NOEXTERN   0x72u
#define QW_HT_NOFUNC     0x73u
#define QW_HT_NOEXN      0x74u
#define QW_HT_INDEX_BASE 0x100u

#define QW_VT_REFTYPE(nullable, ht)                                                                \
    ((qw_valtype)(((ht) << 8) | ((nullable) ? QW_REF_NULL : QW_REF)))
#define QW_VT_CODE(vt)     ((vt)&0xFFu)
#define QW_VT_HEAP(vt)     ((vt) >> 8)
#define QW_VT_IS_REF(vt)   (QW_VT_CODE(vt) == QW_REF || QW_VT_CODE(vt) == QW_REF_NULL)
#define QW_VT_NULLABLE(vt) (QW_VT_CODE(vt) == QW_REF_NULL)
#define QW_FUNCREF         QW_VT_REFTYPE(1, QW_HT_FUNC)
#define QW_EXTERNREF       QW_VT_REFTYPE(1, QW_HT_EXTERN)
#define QW_EXNREF          QW_VT_REFTYPE(1, QW_HT_EXN)

/* ---- Errors (compile and link); traps are separate, see qw_trap ------------------------------ */

typedef enum qw_errkind {
    QW_ERR_NONE = 0,
    QW_ERR_MALFORMED, /* binary format violation: spec's assert_malformed */
    QW_ERR_INVALID,   /* validation failure: spec's assert_invalid */
    QW_ERR_LINK,      /* import matching failure: spec's assert_unlinkable */
    QW_ERR_OOM,       /* out of memory */
    QW_ERR_LIMIT,     /* an implementation limit (JS-API limits) exceeded */
} qw_errkind;

#define QW_NO_OFFSET UINT32_MAX
#define QW_NO_FUNC   UINT32_MAX

typedef struct qw_error {
    qw_errkind kind;
    uint32_t offset; /* byte offset in the module, or QW_NO_OFFSET */
    uint32_t func;   /* function index (imports included), or QW_NO_FUNC */
    char msg[160]; /* fixed size: reporting OOM must not allocate. Begins with the spec wording. */
} qw_error;

/* ---- Traps ------------------------------------------------------------------------------- */

/* Why running code stopped. A trap never corrupts the store: after any trap the store, its
 * memories, tables and globals stay usable. qw_trap_message() is the only table of trap texts; it
 * returns the spec test suite's wording (assert_trap / assert_exhaustion). */
typedef enum qw_trap {
    QW_TRAP_NONE = 0,
    QW_TRAP_UNREACHABLE,
    QW_TRAP_INT_DIV_ZERO,
    QW_TRAP_INT_OVERFLOW,
    QW_TRAP_INVALID_CONVERSION,
    QW_TRAP_OUT_OF_BOUNDS_MEMORY,
    QW_TRAP_OUT_OF_BOUNDS_TABLE,
    QW_TRAP_UNDEFINED_ELEMENT,     /* call_indirect index beyond the table */
    QW_TRAP_UNINITIALIZED_ELEMENT, /* call_indirect through a null entry */
    QW_TRAP_INDIRECT_SIG_MISMATCH,
    QW_TRAP_NULL_FUNC_REF,
    QW_TRAP_NULL_REFERENCE,
    QW_TRAP_NULL_EXN_REF,
    QW_TRAP_STACK_EXHAUSTED,
    QW_TRAP_INTERRUPTED,
    QW_TRAP_HOST,      /* a host function failed; the embedder keeps the reason */
    QW_TRAP_EXCEPTION, /* a Wasm exception left the outermost frame */
    QW_TRAP_OOM,
    QW_TRAP_OUT_OF_BOUNDS_ARRAY,
    QW_TRAP_NULL_STRUCT,
    QW_TRAP_NULL_ARRAY,
    QW_TRAP_NULL_I31,
    QW_TRAP_CAST_FAILURE,
    QW_TRAP_UNALIGNED_ATOMIC,
    QW_TRAP_EXPECTED_SHARED_MEMORY, /* memory.atomic.wait on an unshared memory */
    QW_TRAP_WAIT_FOREVER,           /* a wait with no timeout: nothing could ever notify */
    QW_TRAP_UNSUPPORTED,            /* an instruction this engine does not run yet (GC) */
    QW_TRAP_COUNT_                  /* number of trap kinds, not a trap */
} qw_trap;

/* Never NULL: an unknown code gives "unknown trap". */
const char *qw_trap_message(qw_trap trap);

/* The size of a buffer that holds any qw_store_trap_message. */
#define QW_TRAP_MESSAGE_MAX 64

/* ---- Values ------------------------------------------------------------------------------ */

/* A v128 is 16 bytes with lanes in little-endian order (lane 0 at byte 0), as in memory. */
typedef struct qw_v128 {
    uint8_t bytes[16];
} qw_v128;

/* A reference: NULL is the null reference of every heap type. Otherwise it points to an engine
 * object whose header starts with its kind (function, extern box, exception, GC struct or
 * array), or, with its low bit set, is an unboxed i31 (GC proposal). See docs/design/references.md
 * and the "References" section below. */
typedef struct qw_obj qw_obj;
typedef qw_obj *qw_ref;

/* One value of any value type. Integers are unsigned bit patterns; f32 and f64 share storage with
 * i32 and i64, so reading .i32 of an f32 gives its bits (NaN payloads survive every copy). */
typedef union qw_val {
    uint32_t i32;
    uint64_t i64;
    float f32;
    double f64;
    qw_v128 v128;
    qw_ref ref;
} qw_val;

/* ---- Runtime objects ------------------------------------------------------------------------
 * Store, memories, tables, globals, tags, exceptions and host functions exist on their own: each
 * can be created, read and grown from the host with no module. Shared objects are reference
 * counted (_ref / _unref; unref of NULL is a no-op); each holds a reference on its store. Creation
 * returns NULL and fills *err (QW_ERR_OOM, QW_ERR_LIMIT, QW_ERR_INVALID) on failure. Ownership of
 * references held by these objects is described in docs/design/references.md. */

typedef struct qw_store qw_store;
typedef struct qw_memory qw_memory;
typedef struct qw_table qw_table;
typedef struct qw_global qw_global;
typedef struct qw_tag qw_tag;
typedef struct qw_exception qw_exception;
typedef struct qw_func qw_func;
typedef struct qw_module qw_module;

/* An opaque host value held by an extern reference: the embedder's bytes (the JS binding stores a
 * JSValue). The engine only copies them and hands them back to the release hook. */
typedef struct qw_hostval {
    uint64_t w[2];
} qw_hostval;

#define QW_DEFAULT_MAX_MEMORY_BYTES (UINT64_C(16) << 30) /* memories and tables per store */
#define QW_DEFAULT_MAX_TABLE_ELEMS  10000000u            /* per table, the JS-API limit */
#define QW_DEFAULT_STACK_BYTES      (1u << 20)           /* per activation */

typedef struct qw_store_config {
    /* The byte budget of all memories, tables and GC objects: committed linear memory, 8 bytes
     * per table element, and the bytes of live structs and arrays. Creating beyond it fails
     * (QW_ERR_LIMIT); memory.grow and table.grow return -1. 0: the default. */
    uint64_t max_memory_bytes;
    uint64_t max_table_elems; /* elements per table; 0: the default */
    size_t stack_bytes;       /* Wasm frame stack per activation; 0: the default */
    /* Called when the engine drops its last hold on a host value (an extern box died). */
    void (*host_release)(void *host_user, qw_hostval *val);
    void *host_user;
} qw_store_config;

/* cfg may be NULL for the defaults. The engine must outlive the store. NULL when out of memory. */
qw_store *qw_store_new(qw_engine *eng, const qw_store_config *cfg);
qw_store *qw_store_ref(qw_store *store);
void qw_store_unref(qw_store *store);
/* Bytes of linear memory currently committed (read-write) by the store's memories, plus the
 * bytes of its live GC structs and arrays. */
uint64_t qw_store_memory_committed(const qw_store *store);

/* References. NULL is null; retain/release are no-ops on null and i31 references. A reference
 * read from a table, global or exception is borrowed: retain it to keep it. */
typedef enum qw_refkind {
    QW_REFKIND_NULL = 0,
    QW_REFKIND_FUNC,
    QW_REFKIND_EXTERN, /* a box around a qw_hostval */
    QW_REFKIND_EXN,
    QW_REFKIND_I31,
    QW_REFKIND_STRUCT, /* GC proposal: opaque to the embedder, held with retain/release */
    QW_REFKIND_ARRAY,
} qw_refkind;

qw_refkind qw_ref_kind(qw_ref ref);
qw_ref qw_ref_retain(qw_ref ref); /* returns ref */
void qw_ref_release(qw_ref ref);
size_t qw_ref_count(qw_ref ref); /* holders of a boxed reference; 0 for null and i31 */
/* Whether ref is a value of type t (null only for nullable types). Concrete type indices cannot be
 * checked without a module and accept any function, struct or array. */
bool qw_ref_matches(qw_ref ref, qw_valtype t);
/* The same with concrete type indices of module m, checked exactly (declared subtyping, across
 * modules too); and whether ref may be passed as parameter i of func (types of its module). */
bool qw_ref_matches_in(qw_ref ref, const qw_module *m, qw_valtype t);
bool qw_func_param_matches(const qw_func *func, uint32_t i, qw_ref ref);
/* A new extern box holding a copy of *val, with one reference owned by the caller. On failure the
 * host value stays the caller's (the release hook is not called). */
bool qw_extern_new(qw_store *store, const qw_hostval *val, qw_ref *out, qw_error *err);
qw_hostval *qw_extern_host(qw_ref ref); /* NULL unless ref is an extern box */
qw_ref qw_ref_i31(uint32_t value);      /* keeps the low 31 bits */
uint32_t qw_ref_i31_get_s(qw_ref ref);
uint32_t qw_ref_i31_get_u(qw_ref ref);

/* Enumerates the non-null references an object holds directly (tables, globals, exceptions), so
 * the JS binding's gc_mark can find the host values behind them. */
typedef void (*qw_ref_visitor)(void *user, qw_ref ref);

/* Memories. Sizes are in 64 KiB pages. The pages are mapped with mmap, not the allocation hook:
 * address space for the maximum (capped by the store limit) is reserved up front and committed on
 * grow, so with a maximum the data pointer never moves and a 4 GiB maximum commits nothing at
 * creation. Without a maximum growth may move the data (mremap). */
#define QW_PAGE_SIZE    65536u
#define QW_NO_MAX       UINT64_MAX
#define QW_MAX_PAGES_32 65536u              /* 4 GiB */
#define QW_MAX_PAGES_64 (UINT64_C(1) << 48) /* 2^64 bytes */

qw_memory *qw_memory_new(qw_store *store, uint64_t min_pages, uint64_t max_pages, bool is64,
                         bool shared, qw_error *err);
qw_memory *qw_memory_ref(qw_memory *mem);
void qw_memory_unref(qw_memory *mem);
/* Returns the old size in pages, or -1 (size unchanged) beyond the maximum, the store limit or the
 * address space. A shared memory never moves, so it only grows within its reservation. */
int64_t qw_memory_grow(qw_memory *mem, uint64_t delta_pages);
uint64_t qw_memory_pages(const qw_memory *mem);
uint64_t qw_memory_bytes(const qw_memory *mem);
uint8_t *qw_memory_data(const qw_memory *mem);      /* valid until the next grow */
uint64_t qw_memory_max_pages(const qw_memory *mem); /* QW_NO_MAX when none was given */
bool qw_memory_is64(const qw_memory *mem);
bool qw_memory_is_shared(const qw_memory *mem);
/* Called after every successful grow (from the host or from Wasm), e.g. to detach ArrayBuffers.
 * It runs inside memory.grow, so it must not call back into the engine or run script. */
void qw_memory_set_grow_callback(qw_memory *mem, void (*fn)(void *user, qw_memory *mem),
                                 void *user);

/* Tables of references (funcref, externref, exnref, typed references). Elements hold a reference
 * each; get returns a borrowed one. Index errors return QW_TRAP_OUT_OF_BOUNDS_TABLE and change
 * nothing (bulk operations check the whole range first). Stored references must match the element
 * type: validation guarantees it for Wasm code, qw_ref_matches lets the embedder check. */
qw_table *qw_table_new(qw_store *store, qw_valtype elem, uint64_t min, uint64_t max, bool is64,
                       qw_ref init, qw_error *err);
qw_table *qw_table_ref(qw_table *tab);
void qw_table_unref(qw_table *tab);
uint64_t qw_table_size(const qw_table *tab);
uint64_t qw_table_max(const qw_table *tab); /* QW_NO_MAX when none was given */
qw_valtype qw_table_elem_type(const qw_table *tab);
bool qw_table_is64(const qw_table *tab);
qw_trap qw_table_get(const qw_table *tab, uint64_t idx, qw_ref *out);
qw_trap qw_table_set(qw_table *tab, uint64_t idx, qw_ref ref);
/* Returns the old size, or -1 (unchanged) beyond the maximum, the store limits (elements, bytes)
 * or memory. */
int64_t qw_table_grow(qw_table *tab, uint64_t delta, qw_ref init);
qw_trap qw_table_fill(qw_table *tab, uint64_t idx, qw_ref ref, uint64_t n);
qw_trap qw_table_copy(qw_table *dst, uint64_t dst_idx, const qw_table *src, uint64_t src_idx,
                      uint64_t n);
/* table.init from a segment's references seg[0 .. seg_len). */
qw_trap qw_table_init(qw_table *tab, uint64_t dst_idx, const qw_ref *seg, uint64_t seg_len,
                      uint64_t src_idx, uint64_t n);
void qw_table_visit(const qw_table *tab, qw_ref_visitor fn, void *user);
size_t qw_table_refcount(const qw_table *tab); /* holders of the table */

/* Globals of every value type. A reference value is retained by the global. init NULL gives the
 * type's default value (zero, or null: an error for a non-nullable reference type). */
qw_global *qw_global_new(qw_store *store, qw_valtype type, bool mutable_, const qw_val *init,
                         qw_error *err);
qw_global *qw_global_ref(qw_global *glob);
void qw_global_unref(qw_global *glob);
qw_valtype qw_global_type(const qw_global *glob);
bool qw_global_is_mutable(const qw_global *glob);
void qw_global_get(const qw_global *glob, qw_val *out); /* a reference is borrowed */
/* false (unchanged) if immutable or if a reference does not match the type */
bool qw_global_set(qw_global *glob, const qw_val *val);
void qw_global_visit(const qw_global *glob, qw_ref_visitor fn, void *user);
size_t qw_global_refcount(const qw_global *glob);

/* Tags: an exception's parameter types. Identity matters: two tags with the same types differ. */
qw_tag *qw_tag_new(qw_store *store, const qw_valtype *params, uint32_t nparams, qw_error *err);
qw_tag *qw_tag_ref(qw_tag *tag);
void qw_tag_unref(qw_tag *tag);
const qw_valtype *qw_tag_params(const qw_tag *tag, uint32_t *nparams);

/* Exceptions: a tag and its argument values (copied; references retained). An exception is also
 * a reference (exnref): qw_exception_as_ref / qw_ref_as_exception convert without counting. */
qw_exception *qw_exception_new(qw_store *store, qw_tag *tag, const qw_val *args, qw_error *err);
qw_exception *qw_exception_ref(qw_exception *exn);
void qw_exception_unref(qw_exception *exn);
qw_tag *qw_exception_tag(const qw_exception *exn);
const qw_val *qw_exception_args(const qw_exception *exn, uint32_t *nargs);
qw_ref qw_exception_as_ref(qw_exception *exn);
qw_exception *qw_ref_as_exception(qw_ref ref); /* NULL unless ref is an exception */
void qw_exception_visit(const qw_exception *exn, qw_ref_visitor fn, void *user);

/* Host functions: a C callback with a typed signature. The interpreter calls it with the
 * arguments and a results array to fill; a non-zero trap aborts the call (QW_TRAP_HOST when the
 * embedder keeps the reason itself). References in args are borrowed; references written to
 * results are handed over (one count each). finalize(user), if given, runs when the function dies;
 * on a failed creation it is not called and user stays the caller's. */
typedef qw_trap (*qw_host_fn)(void *user, const qw_val *args, qw_val *results);

qw_func *qw_func_new_host(qw_store *store, const qw_valtype *params, uint32_t nparams,
                          const qw_valtype *results, uint32_t nresults, qw_host_fn fn, void *user,
                          void (*finalize)(void *user), qw_error *err);
qw_func *qw_func_ref(qw_func *func);
void qw_func_unref(qw_func *func);
const qw_valtype *qw_func_params(const qw_func *func, uint32_t *nparams);
const qw_valtype *qw_func_results(const qw_func *func, uint32_t *nresults);
bool qw_func_is_host(const qw_func *func);
void *qw_func_host_user(const qw_func *func); /* NULL for a Wasm function */
/* A Wasm function's index in its module's function space (imports first); QW_NO_FUNC for a host
 * function. The JS API names exported functions after it. */
uint32_t qw_func_index(const qw_func *func);
qw_ref qw_func_as_ref(qw_func *func);
qw_func *qw_ref_as_func(qw_ref ref); /* NULL unless ref is a function */

/* One embedder pointer per object, never interpreted by the engine and not counted: the JS
 * binding keeps its wrapper there so the same engine object always yields the same JS object
 * (identity is observable in the JS API), and clears it in the wrapper's finalizer. NULL until
 * set. */
void qw_memory_set_host_data(qw_memory *mem, void *data);
void *qw_memory_host_data(const qw_memory *mem);
void qw_table_set_host_data(qw_table *tab, void *data);
void *qw_table_host_data(const qw_table *tab);
void qw_global_set_host_data(qw_global *glob, void *data);
void *qw_global_host_data(const qw_global *glob);
void qw_tag_set_host_data(qw_tag *tag, void *data);
void *qw_tag_host_data(const qw_tag *tag);
void qw_exception_set_host_data(qw_exception *exn, void *data);
void *qw_exception_host_data(const qw_exception *exn);
void qw_func_set_host_data(qw_func *func, void *data);
void *qw_func_host_data(const qw_func *func);

/* ---- Modules ----------------------------------------------------------------------------- */

/* Decodes and fully validates a binary module. The bytes are copied (or not retained): the caller
 * may free them on return. Thread-safe: touches only the engine's allocator hook and the new
 * module. On failure returns NULL and fills *err (first error wins; err may be NULL). */
qw_module *qw_module_compile(qw_engine *eng, const uint8_t *bytes, size_t len, qw_error *err);

/* The same checks as qw_module_compile without keeping the module (WebAssembly.validate): code,
 * data and custom sections are not copied. err may be NULL. */
bool qw_module_validate(qw_engine *eng, const uint8_t *bytes, size_t len, qw_error *err);

/* Modules are reference counted: shared by JS wrappers, instances and threads. */
qw_module *qw_module_ref(qw_module *mod);
void qw_module_unref(qw_module *mod); /* NULL is a no-op */

/* ---- Module introspection (WebAssembly.Module.imports / exports / customSections) --------- */

/* External kinds: the binary codes of import and export descriptions. */
typedef enum qw_extern_kind {
    QW_EXTERN_FUNC = 0,
    QW_EXTERN_TABLE = 1,
    QW_EXTERN_MEMORY = 2,
    QW_EXTERN_GLOBAL = 3,
    QW_EXTERN_TAG = 4,
} qw_extern_kind;

/* Names are UTF-8, NUL-terminated for convenience, with their length (they may contain NUL).
 * Pointers stay valid while the module lives. */
typedef struct qw_import_info {
    const char *module;
    size_t module_len;
    const char *name;
    size_t name_len;
    qw_extern_kind kind;
    uint32_t index; /* in the index space of its kind: imports come first */
} qw_import_info;

typedef struct qw_export_info {
    const char *name;
    size_t name_len;
    qw_extern_kind kind;
    uint32_t index;
} qw_export_info;

uint32_t qw_module_import_count(const qw_module *mod);
uint32_t qw_module_export_count(const qw_module *mod);
/* i must be below the count. */
qw_import_info qw_module_import(const qw_module *mod, uint32_t i);
qw_export_info qw_module_export(const qw_module *mod, uint32_t i);

/* Custom sections in module order, all of them (the name section included). */
uint32_t qw_module_custom_count(const qw_module *mod);
const char *qw_module_custom_name(const qw_module *mod, uint32_t i, size_t *name_len);
const uint8_t *qw_module_custom_bytes(const qw_module *mod, uint32_t i, size_t *len);

/* The name section's name of function funcidx (imports included), or NULL. */
const char *qw_module_func_name(const qw_module *mod, uint32_t funcidx, size_t *len);

/* The bytes of the module's function bodies (instructions) and of their compiled internal code,
 * for reports (make bench prints the ratio). */
void qw_module_code_size(const qw_module *mod, size_t *wasm_bytes, size_t *compiled_bytes);

/* ---- Extern types of imports and exports ---------------------------------------------------- */

typedef struct qw_limits {
    uint64_t min;
    uint64_t max; /* meaningful when has_max */
    bool has_max;
    bool is64;   /* memory64 / table64: i64 addresses */
    bool shared; /* memories only */
} qw_limits;

/* The type of an import or export. Concrete heap types in valtypes (QW_HT_INDEX_BASE + i) refer to
 * the module's own type section. Pointers stay valid while the module lives. */
typedef struct qw_externtype {
    qw_extern_kind kind;
    const qw_valtype *params; /* func and tag */
    uint32_t nparams;
    const qw_valtype *results; /* func */
    uint32_t nresults;
    qw_valtype valtype; /* global: its type; table: its element type */
    bool mutable_;      /* global */
    qw_limits limits;   /* table and memory */
} qw_externtype;

void qw_module_import_type(const qw_module *mod, uint32_t i, qw_externtype *out);
void qw_module_export_type(const qw_module *mod, uint32_t i, qw_externtype *out);

/* ---- Instances and calls ----------------------------------------------------------------- */

typedef struct qw_instance qw_instance;

/* An external value: what an import is given and what an export yields. */
typedef struct qw_extern {
    qw_extern_kind kind;
    union {
        qw_func *func;
        qw_table *table;
        qw_memory *memory;
        qw_global *global;
        qw_tag *tag;
    } of;
} qw_extern;

/* Instantiates mod in store. imports has one entry per module import, in import order. A link
 * failure (wrong kind, "incompatible import type") returns NULL with err->kind QW_ERR_LINK; a trap
 * while initialising (segments out of bounds, the start function) returns NULL with *trap set and
 * err->kind QW_ERR_NONE (an exception thrown by the start function: QW_TRAP_EXCEPTION, taken with
 * qw_store_take_exception). The instance keeps references to its imports. */
qw_instance *qw_instance_new(qw_store *store, qw_module *mod, const qw_extern *imports,
                             uint32_t nimports, qw_error *err, qw_trap *trap);
qw_instance *qw_instance_ref(qw_instance *inst);
void qw_instance_unref(qw_instance *inst);
qw_module *qw_instance_module(const qw_instance *inst);
/* The instance a Wasm function belongs to (borrowed); NULL for a host function. */
qw_instance *qw_func_instance(const qw_func *func);
/* For an embedder's cycle collector (docs/design/references.md): when the instance's only holder
 * outside itself is a single handle (its own functions in its segments and in the tables and
 * globals only it holds aside) and no code runs in the store, dropping that handle frees the
 * instance at once. Then calls fn for every reference the instance holds directly (imported
 * functions, segment elements, elements of the tables and globals only it holds) and returns
 * true; otherwise visits nothing and returns false. */
bool qw_instance_visit_owned(const qw_instance *inst, qw_ref_visitor fn, void *user);
/* Live instances of the store (for leak tests and statistics). */
size_t qw_store_instance_count(const qw_store *store);

/* Export i in the module's export order (borrowed: take a ref to keep it). */
qw_extern qw_instance_export(const qw_instance *inst, uint32_t i);

/* Calls func (Wasm or host) with args matching its parameter types; writes its results. Returns
 * QW_TRAP_NONE or the trap that stopped it; the store stays usable either way. Reference
 * arguments are borrowed; reference results carry a count for the caller. */
qw_trap qw_func_call(qw_store *store, qw_func *func, const qw_val *args, qw_val *results);

/* A host function throws a Wasm exception by handing it to the store and returning
 * QW_TRAP_EXCEPTION (takes ownership of exn). After a call ended in QW_TRAP_EXCEPTION the caller
 * takes the exception (its count) with qw_store_take_exception. */
void qw_store_throw(qw_store *store, qw_exception *exn);
qw_exception *qw_store_take_exception(qw_store *store);

/* Asks running code to stop at the next loop back-edge or call (QW_TRAP_INTERRUPTED). Safe from
 * another thread or a signal handler. */
void qw_store_interrupt(qw_store *store);

/* Instances and their functions form cycles (an instance's table holding its own functions), and
 * GC structs and arrays form cycles of every shape, so an instance or GC object is freed when
 * nothing outside the store's instances and GC objects reaches it. That is checked when an
 * instance or a function reference is released and as running code allocates; after dropping
 * other objects (a table or global an instance shares, the last handle on a GC object), and
 * before dropping the store, the embedder may ask for the check with qw_store_collect. No-op
 * while code runs in the store. */
void qw_store_collect(qw_store *store);

/* Where the last call in this store that trapped (or ended in an uncaught exception) stopped: the
 * module and the function index (imports included) of the innermost Wasm function running, for
 * RuntimeError stacks. false when no Wasm function was running (a host function called directly).
 * The module pointer is borrowed: valid while the module lives. */
bool qw_store_trap_location(const qw_store *store, const qw_module **mod, uint32_t *funcidx);

/* The message of trap, which the last call in this store returned, with the operand the spec's
 * reference interpreter names where the engine recorded one ("uninitialized element 2"); else
 * qw_trap_message(trap). Writes it to buf (size bytes, NUL-terminated; QW_TRAP_MESSAGE_MAX is
 * enough) and returns buf. */
const char *qw_store_trap_message(const qw_store *store, qw_trap trap, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
