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

#define QW_VT_REFTYPE(nullable, ht) ((qw_valtype)(((ht) << 8) | ((nullable) ? QW_REF_NULL : QW_REF)))
#define QW_VT_CODE(vt)              ((vt) & 0xFFu)
#define QW_VT_HEAP(vt)              ((vt) >> 8)
#define QW_VT_IS_REF(vt)            (QW_VT_CODE(vt) == QW_REF || QW_VT_CODE(vt) == QW_REF_NULL)
#define QW_VT_NULLABLE(vt)          (QW_VT_CODE(vt) == QW_REF_NULL)
#define QW_FUNCREF                  QW_VT_REFTYPE(1, QW_HT_FUNC)
#define QW_EXTERNREF                QW_VT_REFTYPE(1, QW_HT_EXTERN)
#define QW_EXNREF                   QW_VT_REFTYPE(1, QW_HT_EXN)

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
    char msg[160];   /* fixed size: reporting OOM must not allocate. Begins with the spec wording. */
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
    QW_TRAP_COUNT_ /* number of trap kinds, not a trap */
} qw_trap;

/* Never NULL: an unknown code gives "unknown trap". */
const char *qw_trap_message(qw_trap trap);

/* ---- Values ------------------------------------------------------------------------------ */

/* A v128 is 16 bytes with lanes in little-endian order (lane 0 at byte 0), as in memory. */
typedef struct qw_v128 {
    uint8_t bytes[16];
} qw_v128;

/* A reference: NULL is the null reference of every heap type. Otherwise it points to an engine
 * object whose header starts with its kind (function, extern box, exception, later GC structs and
 * arrays), or, with its low bit set, is an unboxed i31 (GC proposal). See docs/design/references.md
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

/* ---- Modules ----------------------------------------------------------------------------- */

typedef struct qw_module qw_module;

/* Decodes and fully validates a binary module. The bytes are copied (or not retained): the caller
 * may free them on return. Thread-safe: touches only the engine's allocator hook and the new
 * module. On failure returns NULL and fills *err (first error wins). */
qw_module *qw_module_compile(qw_engine *eng, const uint8_t *bytes, size_t len, qw_error *err);

/* Modules are reference counted: shared by JS wrappers, instances and threads. */
qw_module *qw_module_ref(qw_module *mod);
void qw_module_unref(qw_module *mod); /* NULL is a no-op */

#ifdef __cplusplus
}
#endif
#endif
