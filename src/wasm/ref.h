/* ref.h: the header every reference object starts with, and the i31 encoding. Internal to
 * src/wasm; the design is in docs/design/references.md. */
#ifndef QW_REF_H
#define QW_REF_H

#include "qw.h"

#include <stdint.h>

/* First member of every object a qw_ref can point to (qw_func, extern box, qw_exception, later
 * GC structs and arrays). Objects are at least 8-byte aligned, so the low bit of a real pointer is
 * 0 and a set low bit marks an i31. The count is a size_t because every count is held by a slot
 * of at least pointer size somewhere, so it cannot overflow. Once the count is 0 the same word
 * links the object into the list of objects waiting to be destroyed (see qw_ref_release). */
struct qw_obj {
    uint32_t kind; /* qw_refkind */
    union {
        size_t refs;
        qw_obj *next_dead;
    };
};

static inline void qw_obj_init(qw_obj *obj, qw_refkind kind)
{
    obj->kind = kind;
    obj->refs = 1;
}

static inline bool qw_ref_is_i31(qw_ref ref)
{
    return ((uintptr_t)ref & 1u) != 0;
}

/* Whether t is a value type this engine knows (number, vector, or reference to an abstract or
 * indexed heap type). Packed types (i8, i16) are not value types. */
bool qw_ref_valtype_ok(qw_valtype t);

/* Drops one count of ref from inside a destructor: an object whose last count goes is pushed on
 * *dead instead of being destroyed recursively, so a chain of a million exceptions (each holding
 * the previous as an exnref) is freed in a loop, not a million nested calls. */
void qw_ref_release_into(qw_ref ref, qw_obj **dead);

/* Called by qw_ref_release when the last count goes; each frees its object and hands the counts
 * it held to qw_ref_release_into(..., dead). */
void qw_func_destroy(qw_func *func);
void qw_exception_destroy(qw_exception *exn, qw_obj **dead);

#endif
