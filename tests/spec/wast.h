/* wast.h: reader of the spec suite's binary script format (.bin.wast): the script grammar of the
 * reference interpreter restricted to binary modules, as described in spec-tests/README.md.
 * A script parses into a flat list of commands; everything a script owns lives in one arena,
 * freed by wast_script_free. */
#ifndef WAST_H
#define WAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum wast_cmd_kind {
    WAST_MODULE_DEF,    /* (module definition $id? binary "..."*) */
    WAST_MODULE_INST,   /* (module instance ($inst $mod)?) */
    WAST_REGISTER,      /* (register "name" $inst?) */
    WAST_ACTION,        /* top-level (invoke ...) or (get ...) */
    WAST_ASSERT_RETURN, /* (assert_return action result*) */
    WAST_ASSERT_TRAP,   /* (assert_trap action|(module instance) "msg") */
    WAST_ASSERT_EXHAUSTION,
    WAST_ASSERT_EXCEPTION,
    WAST_ASSERT_INVALID, /* (assert_invalid (module binary "..."*) "msg") */
    WAST_ASSERT_MALFORMED,
    WAST_ASSERT_UNLINKABLE, /* (assert_unlinkable (module instance) "msg") */
    WAST_CMD_KINDS
} wast_cmd_kind;

/* The script keyword of a command kind ("module definition", "assert_return", ...). */
const char *wast_cmd_name(wast_cmd_kind kind);

/* Bytes that may contain NUL (export names, module binaries); text is also NUL-terminated. */
typedef struct wast_bytes {
    const uint8_t *data;
    size_t len;
} wast_bytes;

typedef enum wast_type { WAST_I32, WAST_I64, WAST_F32, WAST_F64, WAST_V128, WAST_REF } wast_type;

/* Heap types of (ref.null HT) and reference kind patterns, named as in the text format. */
typedef enum wast_heap {
    WAST_HEAP_NONE_GIVEN, /* (ref.null) without a heap type: any null */
    WAST_HEAP_FUNC,
    WAST_HEAP_NOFUNC,
    WAST_HEAP_EXTERN,
    WAST_HEAP_NOEXTERN,
    WAST_HEAP_ANY,
    WAST_HEAP_EQ,
    WAST_HEAP_I31,
    WAST_HEAP_STRUCT,
    WAST_HEAP_ARRAY,
    WAST_HEAP_NONE,
    WAST_HEAP_EXN,
    WAST_HEAP_NOEXN,
} wast_heap;

const char *wast_heap_name(wast_heap heap);

/* A reference constant as an argument or exact expectation. */
typedef enum wast_ref_kind {
    WAST_REF_NULL,   /* (ref.null HT) */
    WAST_REF_EXTERN, /* (ref.extern N): an externref wrapping host value N */
    WAST_REF_HOST,   /* (ref.host N): host value N as an internal (anyref) reference */
} wast_ref_kind;

/* A typed constant: an argument of invoke. Floats are kept as bit patterns. */
typedef struct wast_value {
    wast_type type;
    union {
        uint32_t i32;     /* also f32 bits */
        uint64_t i64;     /* also f64 bits */
        uint8_t v128[16]; /* little-endian lane bytes */
        struct {
            wast_ref_kind kind;
            wast_heap heap; /* for WAST_REF_NULL */
            uint32_t host;  /* N of ref.extern / ref.host */
        } ref;
    } u;
} wast_value;

/* A v128 lane shape, or NONE for scalars. */
typedef enum wast_shape {
    WAST_SHAPE_NONE,
    WAST_SHAPE_I8X16,
    WAST_SHAPE_I16X8,
    WAST_SHAPE_I32X4,
    WAST_SHAPE_I64X2,
    WAST_SHAPE_F32X4,
    WAST_SHAPE_F64X2,
} wast_shape;

unsigned wast_shape_lanes(wast_shape shape);
const char *wast_shape_name(wast_shape shape);

typedef enum wast_nan {
    WAST_NAN_NONE,       /* an exact bit pattern */
    WAST_NAN_CANONICAL,  /* nan:canonical: sign free, quiet bit only */
    WAST_NAN_ARITHMETIC, /* nan:arithmetic: sign and payload free, quiet bit set */
} wast_nan;

typedef enum wast_result_kind {
    WAST_RES_VALUE,    /* scalar number (nan[0] may hold a pattern) or exact ref value */
    WAST_RES_V128,     /* (v128.const SHAPE lane*): lanes exact or NaN patterns */
    WAST_RES_REF_NULL, /* (ref.null HT?): any null reference */
    WAST_RES_REF_KIND, /* (ref.func), (ref.extern), (ref.struct), ...: a non-null ref of the kind */
    WAST_RES_EITHER,   /* (either result+) */
} wast_result_kind;

typedef struct wast_result {
    wast_result_kind kind;
    wast_value value;         /* VALUE, V128 (bytes); REF_NULL/REF_KIND keep the heap in ref.heap */
    wast_shape shape;         /* V128 */
    uint8_t nan[16];          /* wast_nan per lane (index 0 for scalars) */
    struct wast_result *alts; /* EITHER */
    size_t nalts;
} wast_result;

typedef enum wast_action_kind { WAST_INVOKE, WAST_GET } wast_action_kind;

typedef struct wast_action {
    wast_action_kind kind;
    const char *inst; /* "$id" or NULL for the current instance */
    wast_bytes name;  /* export name */
    wast_value *args;
    size_t nargs;
} wast_action;

typedef struct wast_cmd {
    wast_cmd_kind kind;
    uint32_t line;
    const char *id;       /* MODULE_DEF: module id; MODULE_INST: instance id; REGISTER: inst */
    const char *mod;      /* MODULE_INST: module id (NULL: the last definition) */
    wast_bytes name;      /* REGISTER: the import module name */
    wast_bytes bin;       /* MODULE_DEF, ASSERT_INVALID, ASSERT_MALFORMED: the binary */
    bool has_action;      /* ASSERT_TRAP: false for (module instance) */
    wast_action action;   /* ACTION and the assert_* on actions */
    wast_result *results; /* ASSERT_RETURN */
    size_t nresults;
    const char *msg; /* expected message of assert_trap/exhaustion/invalid/... */
} wast_cmd;

typedef struct wast_arena wast_arena;

typedef struct wast_script {
    wast_cmd *cmds;
    size_t ncmds;
    wast_arena *arena;
} wast_script;

typedef struct wast_error {
    uint32_t line;
    char msg[200];
} wast_error;

/* Parses a whole script. On failure returns false, fills *err and leaves *out empty. */
bool wast_parse(const char *text, size_t len, wast_script *out, wast_error *err);
void wast_script_free(wast_script *s);

/* Reads a file into a NUL-terminated malloc'ed buffer. Returns NULL and sets errno on failure. */
char *wast_read_file(const char *path, size_t *len);

#endif
