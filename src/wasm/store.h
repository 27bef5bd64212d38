/* store.h: the store (per-embedder context: engine, limits, host hooks, memory accounting) and
 * the error helper the runtime-object files share. Internal to src/wasm. */
#ifndef QW_STORE_H
#define QW_STORE_H

#include "engine.h"
#include "qw.h"

#include <stdatomic.h>

struct qw_store {
    qw_engine *eng;
    size_t refs;
    uint64_t max_memory_bytes;
    uint64_t max_table_elems;
    size_t stack_bytes;
    uint64_t memory_committed; /* linear-memory bytes committed by this store's memories */
    uint64_t table_bytes;      /* table elements of this store's tables, in bytes */
    void (*host_release)(void *host_user, qw_hostval *val);
    void *host_user;
    qw_exception *pending_exn; /* thrown by a host function, not yet taken (counted) */
    atomic_int interrupt;      /* set by qw_store_interrupt, from any thread or signal handler */
    /* Execution (interp.c): the frame stack shared by nested activations, allocated on first
     * use; references the running activations own (host results, caught exceptions) until the
     * outermost one returns. */
    union qw_slot *stack;
    size_t stack_slots, stack_used;
    struct qw_frame *frames;
    size_t nframes, frames_used;
    unsigned depth; /* nested activations */
    qw_ref *keep;
    size_t nkeep, keep_cap;
    struct qw_instance *instances; /* every live instance, for cycle collection (instance.c) */
    bool gc_pending;               /* an instance may have become garbage while code ran */
    uint64_t count_drops;          /* instance counts dropped so far (qw_func_call's test) */
    const qw_module *trap_mod;     /* qw_store_trap_location */
    uint32_t trap_func;
    /* qw_store_trap_message: the trap that recorded an operand (QW_TRAP_NONE: none since the
     * last entry from the host) and the operand, e.g. the element index. */
    qw_trap trap_detail;
    uint64_t trap_operand;
};

/* interp.c: frees the execution state when the store dies. */
void qw_interp_store_free(qw_store *store);

/* The interpreter's check at loop back-edges and calls: one relaxed load. */
static inline bool qw_store_interrupt_pending(qw_store *store)
{
    return atomic_load_explicit(&store->interrupt, memory_order_relaxed) != 0;
}

/* Consumes a pending interrupt (true if there was one), so the trap it causes is reported once
 * and the store runs normally afterwards. */
static inline bool qw_store_take_interrupt(qw_store *store)
{
    return atomic_exchange_explicit(&store->interrupt, 0, memory_order_relaxed) != 0;
}

/* Fills *err (if err is non-NULL and holds no error yet: the first error wins) and returns
 * false, so callers can `return qw_store_fail(...)`. */
bool qw_store_fail(qw_error *err, qw_errkind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Accounting against the store's byte budget, which linear memory and table elements share:
 * false (nothing charged) when bytes more would exceed it. */
bool qw_store_charge_memory(qw_store *store, uint64_t bytes);
void qw_store_refund_memory(qw_store *store, uint64_t bytes);
bool qw_store_charge_table(qw_store *store, uint64_t elems);
void qw_store_refund_table(qw_store *store, uint64_t elems);

/* The size of a struct of head bytes followed by n elements of elem bytes (a flexible array
 * member), or false when it does not fit in a size_t. */
static inline bool qw_store_flex_size(size_t head, uint64_t n, size_t elem, size_t *out)
{
    if (n > (SIZE_MAX - head) / elem)
        return false;
    *out = head + (size_t)n * elem;
    return true;
}

#endif
