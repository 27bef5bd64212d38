/* instance.h: the module instance (spec "Module Instances"), laid out for the interpreter, and
 * the frame record of the interpreter's control stack. Internal to src/wasm. */
#ifndef QW_INSTANCE_H
#define QW_INSTANCE_H

#include "code.h"
#include "exception.h"
#include "func.h"
#include "global.h"
#include "memory.h"
#include "store.h"
#include "table.h"

struct qw_instance {
    qw_store *store;
    qw_module *mod;
    size_t refs;    /* handles plus references to its functions (they count here) */
    size_t handles; /* qw_instance_new / qw_instance_ref holders */
    bool dying;
    bool collected, reached; /* collect(): marks of one collection */
    size_t gc;               /* collect(): counts not explained by other instances */
    qw_memory *mem0;         /* memories[0] or NULL: the interpreter's fast path */
    qw_func **funcs;         /* imports (counted) then its own functions (owned) */
    qw_table **tables;
    qw_memory **memories;
    qw_global **globals;
    qw_tag **tags;
    qw_ref **elems; /* per element segment: its references (counted), NULL once dropped */
    uint32_t *elem_lens;
    bool *data_dropped;
    struct qw_instance *prev, *next; /* the store's list */
};

/* A record of the interpreter's control stack: where a call returns to. ret NULL: to the host. */
typedef struct qw_frame {
    const qw_word *ret;
    const qw_code *code;
    qw_slot *fp;
    qw_instance *inst;
} qw_frame;

/* Counting of references to an instance's own functions (ref.c forwards here). */
void qw_instance_retain_func(qw_instance *inst);
void qw_instance_release_func(qw_instance *inst);
/* Drops a count taken for the length of a call, when the store's count_drops shows that no
 * instance count was dropped meanwhile: every instance is as reachable as before the call, so no
 * collection is due (qw_instance_release_func would run one over the whole store). */
void qw_instance_unpin_func(qw_instance *inst);
/* Frees the store's unreachable instances (deferred while code runs). */
void qw_instance_collect(qw_store *store);

/* interp.c: runs func with its arguments in the store's stack at fp (slots); results replace them.
 * Called by qw_func_call and the instantiation's start function. */
qw_trap qw_interp_call(qw_store *store, qw_func *func, const qw_val *args, qw_val *results);

#endif
