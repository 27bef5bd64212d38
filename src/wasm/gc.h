/* gc.h: GC proposal objects (struct and array instances, spec "Aggregate Reference Types"):
 * their layout, the instructions that make and use them, and their collection. Internal to
 * src/wasm; the ownership design is in docs/design/references.md ("GC objects"). */
#ifndef QW_GC_H
#define QW_GC_H

#include "code.h"
#include "ref.h"
#include "store.h"

struct qw_instance;

/* One struct or array. Counted like every reference object (holders outside frames: tables,
 * globals, fields of other objects, exceptions, segments, embedder handles); frames borrow.
 * Every object is on its store's list, and only the store's collector (gc_collect.c) or a
 * release to zero with no code running frees it. The object does not count its store: the
 * store frees what is left of its heap when it dies. */
typedef struct qw_gcobj {
    qw_obj hdr;                   /* kind QW_REFKIND_STRUCT or QW_REFKIND_ARRAY */
    qw_store *store;              /* uncounted */
    qw_module *mod;               /* counted: the module that declared its type */
    uint32_t type;                /* its exact type: a type index of mod */
    uint32_t len;                 /* arrays: number of elements */
    uint32_t bytes;               /* size of data */
    struct qw_gcobj *prev, *next; /* the store's list */
    struct qw_gcobj *gray;        /* the collector's work list */
    size_t gc;                    /* the collector's count of holders outside the heap */
    uint8_t marked, dying;        /* collector marks; dying: the collector frees it */
    _Alignas(16) uint8_t data[];  /* fields (struct) or elements (array) */
} qw_gcobj;

/* The largest object, so sizes never come near SIZE_MAX and a huge array.new traps cleanly. */
#define QW_GC_MAX_BYTES (UINT64_C(1) << 31)

static inline qw_gcobj *qw_gc_of(qw_ref ref)
{
    qw_refkind k = qw_ref_kind(ref);
    return k == QW_REFKIND_STRUCT || k == QW_REFKIND_ARRAY ? (qw_gcobj *)ref : NULL;
}

/* Bytes one field or element of storage type t takes (packed i8/i16 included). */
uint32_t qw_gc_storage_size(qw_valtype t);

/* ---- gc.c: objects and instructions ---- */

/* module.c: the field offsets of the module's struct types (m->gc_offsets). */
bool qw_gc_layout(qw_module *m, qw_error *err);

/* Whether the GC object ref belongs to concrete type `type` of m (subtyping included). */
bool qw_gc_in_type(qw_ref ref, const qw_module *m, uint32_t type);

/* Runs one GC instruction of code.h's GC form (see compile.c's do_gc): reads its operand slots
 * at fp, writes its result. Slots [stack, top) are what the collector scans when the
 * allocation runs it. */
qw_trap qw_gc_exec(qw_store *s, struct qw_instance *inst, qw_slot *fp, qw_slot *top,
                   const qw_word *pc);

/* Constant expressions (instance.c): the operator `sub` (0xFB sub-opcode) of type `type` over
 * the n values at args (consumed: the result replaces them at args[0]). */
qw_trap qw_gc_const(struct qw_instance *inst, uint32_t sub, uint32_t type, uint32_t n,
                    qw_val *args);

/* Calls fn for each counted reference the object holds. */
void qw_gc_visit(const qw_gcobj *o, qw_ref_visitor fn, void *user);

/* ---- gc_collect.c: allocation and lifetime ---- */

/* A new object of the given byte size, zeroed, on the store's list, with count 0. NULL when
 * out of memory (or over QW_GC_MAX_BYTES). With top non-NULL code is running and the
 * allocation may first collect, scanning the frame slots [store->stack, top). */
qw_gcobj *qw_gc_alloc(qw_store *s, qw_module *mod, uint32_t type, qw_refkind kind, uint64_t bytes,
                      qw_slot *top);

/* qw_ref_release_into took the last count: true (object marked dying) if it is to be destroyed
 * now; false while code runs (a frame may still hold it) or when the collector frees it. */
bool qw_gc_zero(qw_obj *obj);
/* Destroys a dying object, handing the counts it held to *dead (qw_ref_release's loop). */
void qw_gc_destroy(qw_obj *obj, qw_obj **dead);

/* Drops the count a field held on a reference it no longer holds. While code runs, a frame
 * may still hold the value borrowed: GC objects then wait for the collector, and any other
 * object goes to the store's keep list (room reserved first with qw_gc_reserve_keep). */
void qw_gc_drop(qw_store *s, qw_ref old);
bool qw_gc_reserve_keep(qw_store *s, uint64_t n);
bool qw_gc_needs_keep(qw_ref r); /* whether qw_gc_drop of r while code runs uses the keep list */

/* Collects the store's unreachable GC objects and instances (instance.c calls it where it used
 * to collect instances alone). Only with no code running. */
void qw_gc_collect(qw_store *s);

/* The store is dying: frees what is left of its heap (nothing outside can reach it). */
void qw_gc_store_free(qw_store *s);

/* The collector's edge to a GC object: subtract (trial deletion) or mark (true if newly
 * marked). Called by instance.c for references held by instances. */
bool qw_gc_edge(qw_ref ref, bool subtract);

#endif
