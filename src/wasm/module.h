/* module.h: the decoded, validated module (Modules, Binary Format): what the decoder builds and
 * what the compiler and the JS binding read. Immutable after qw_module_compile. Internal to
 * src/wasm. All arrays are owned by the module; nothing points into the caller's bytes. */
#ifndef QW_MODULE_H
#define QW_MODULE_H

#include "engine.h"
#include "qw.h"

#define QW_NO_INDEX UINT32_MAX

/* Heap type used only inside the validator for the bottom of an unreachable stack. */
#define QW_HT_BOT 0x00u

/* Composite type forms: the binary codes. */
typedef enum qw_comp_kind {
    QW_COMP_FUNC = 0x60,
    QW_COMP_STRUCT = 0x5F,
    QW_COMP_ARRAY = 0x5E,
} qw_comp_kind;

/* One entry of the type section (a subtype). Its value types live in qw_module.type_pool:
 * func: params then results; struct: one per field; array: one. Field types may be the packed
 * storage types QW_I8 / QW_I16. Heap type indices in them are module type indices. */
typedef struct qw_type {
    uint8_t kind; /* qw_comp_kind */
    bool final;
    uint32_t super;     /* declared supertype index, or QW_NO_INDEX */
    uint32_t pool;      /* first value type in type_pool */
    uint32_t nparams;   /* func: params; struct: fields; array: 1 */
    uint32_t nresults;  /* func only */
    uint32_t mut_pool;  /* struct/array: first mutability flag in mut_pool */
    uint32_t rec_start; /* first type index of its recursion group */
    uint32_t rec_len;
    uint32_t canon; /* canonical id: equal iff the types are equivalent (iso-recursive) */
    uint32_t hash;  /* structural hash: equal for equivalent types, whatever their module */
    uint32_t depth; /* length of its declared supertype chain */
} qw_type;

/* qw_limits is in qw.h: the embedder sees limits through qw_externtype. */

/* A constant expression: its bytes (up to and including `end`), copied. */
typedef struct qw_const_expr {
    uint32_t off; /* into qw_module.expr_pool */
    uint32_t len;
} qw_const_expr;

typedef struct qw_table_decl {
    qw_valtype elem;
    qw_limits limits;
    bool has_init;
    qw_const_expr init;
} qw_table_decl;

typedef struct qw_memory_decl {
    qw_limits limits;
} qw_memory_decl;

typedef struct qw_global_decl {
    qw_valtype type;
    bool mut;
    qw_const_expr init; /* imported globals: len 0 */
} qw_global_decl;

typedef struct qw_tag_decl {
    uint32_t type; /* function type index (no results) */
} qw_tag_decl;

typedef struct qw_import {
    char *module; /* NUL-terminated UTF-8; the length is kept too (names may hold NUL) */
    char *name;
    uint32_t module_len, name_len;
    uint8_t kind;   /* qw_extern_kind */
    uint32_t index; /* index in the kind's index space (funcs, tables, ...) */
} qw_import;

typedef struct qw_export {
    char *name;
    uint32_t name_len;
    uint8_t kind;
    uint32_t index;
} qw_export;

typedef enum qw_seg_mode {
    QW_SEG_PASSIVE,
    QW_SEG_ACTIVE,
    QW_SEG_DECLARATIVE,
} qw_seg_mode;

typedef struct qw_elem {
    uint8_t mode; /* qw_seg_mode */
    qw_valtype type;
    uint32_t table;
    qw_const_expr offset;
    uint32_t count;
    bool func_indices; /* true: inits are function indices in `funcs`; false: expressions */
    uint32_t *funcs;
    qw_const_expr *exprs;
} qw_elem;

typedef struct qw_data {
    uint8_t mode; /* QW_SEG_PASSIVE or QW_SEG_ACTIVE */
    uint32_t memory;
    qw_const_expr offset;
    uint32_t len;
    uint8_t *bytes;
} qw_data;

/* A function: imported ones have no body. */
typedef struct qw_func_decl {
    uint32_t type;
    uint32_t body_off; /* module offset of the instructions (for error offsets) */
    uint32_t code;     /* first byte of the instructions in qw_module.code */
    uint32_t code_len; /* instruction bytes, including the final `end` */
    uint32_t run_off;  /* first run of declared locals in qw_module.local_runs */
    uint32_t nruns;
    uint32_t nlocals;   /* declared locals, params excluded */
    uint32_t max_stack; /* most operands on the stack at once (for frame layout) */
    uint32_t max_depth; /* deepest block nesting, the function's own block included */
} qw_func_decl;

/* `count` declared locals of one type, kept as written: a body may declare 50,000 locals in a
 * few bytes, so they are never expanded one entry per local. */
typedef struct qw_local_run {
    uint32_t first; /* index of its first local among the declared locals */
    uint32_t count;
    qw_valtype type;
} qw_local_run;

typedef struct qw_custom {
    char *name;
    uint32_t name_len;
    uint32_t len;
    uint8_t *bytes;
} qw_custom;

typedef struct qw_name {
    uint32_t index;
    uint32_t len;
    char *name;
} qw_name;

/* Local names of one function (name section subsection 2). */
typedef struct qw_local_names {
    uint32_t func;
    uint32_t count;
    qw_name *names;
} qw_local_names;

struct qw_module {
    qw_engine *eng;
    uint32_t refcount;

    qw_type *types;
    uint32_t ntypes;
    qw_valtype *type_pool;
    uint32_t type_pool_len;
    uint8_t *mut_pool;
    uint32_t mut_pool_len;

    qw_import *imports;
    uint32_t nimports;
    /* index spaces: imports first, in order */
    qw_func_decl *funcs;
    uint32_t nfuncs, nfunc_imports;
    qw_table_decl *tables;
    uint32_t ntables, ntable_imports;
    qw_memory_decl *memories;
    uint32_t nmemories, nmemory_imports;
    qw_global_decl *globals;
    uint32_t nglobals, nglobal_imports;
    qw_tag_decl *tags;
    uint32_t ntags, ntag_imports;

    qw_export *exports;
    uint32_t nexports;
    uint32_t start; /* QW_NO_INDEX if none */

    qw_elem *elems;
    uint32_t nelems;
    qw_data *datas;
    uint32_t ndatas;
    bool has_data_count;
    uint32_t data_count;

    uint8_t *code; /* all function bodies' instructions, copied */
    uint32_t code_len;
    qw_local_run *local_runs;
    uint32_t nlocal_runs;
    uint8_t *expr_pool; /* constant expressions' bytes */
    uint32_t expr_pool_len;

    /* functions that may be referenced by ref.func inside code (C.refs) */
    uint8_t *func_declared; /* one flag per function */

    qw_custom *customs;
    uint32_t ncustoms;

    /* name section (when present and well formed) */
    char *module_name;
    uint32_t module_name_len;
    qw_name *func_names; /* sorted by index */
    uint32_t nfunc_names;
    qw_local_names *local_names;
    uint32_t nlocal_names;

    /* gc.c: byte offset of each struct field, per type_pool entry */
    uint32_t *gc_offsets;

    /* compile.c: the internal code of each defined function (index - nfunc_imports) */
    struct qw_code *codes;
};

static inline const qw_valtype *qw_type_params(const qw_module *m, uint32_t t)
{
    return m->type_pool + m->types[t].pool;
}

static inline const qw_valtype *qw_type_results(const qw_module *m, uint32_t t)
{
    return m->type_pool + m->types[t].pool + m->types[t].nparams;
}

/* decode.c: value and heap types (indices must be below ntypes), shared with valid.c */
typedef struct qw_reader qw_reader;
bool qw_decode_heaptype(qw_reader *r, uint32_t ntypes, uint32_t *ht);
bool qw_decode_valtype(qw_reader *r, uint32_t ntypes, qw_valtype *vt);
bool qw_decode_valtype_from(qw_reader *r, uint8_t first, uint32_t ntypes, qw_valtype *vt, bool *ok);

/* decode.c: decodes and validates the whole module into m (allocated, zeroed, eng set). With
 * validate_only, the bytes of code, data and custom sections are not copied (m is then only good
 * for freeing). */
bool qw_decode_module(qw_module *m, const uint8_t *bytes, size_t len, bool validate_only,
                      qw_error *err);

/* module.c */
void qw_module_free_contents(qw_module *m);

#endif
