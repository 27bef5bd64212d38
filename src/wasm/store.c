/* store.c: the store, the context every runtime object belongs to: the engine's allocator, the
 * embedder's limits (memory bytes, table elements, stack), the host-value release hook, and the
 * accounting of committed linear memory and table elements against the byte budget. */
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

qw_store *qw_store_new(qw_engine *eng, const qw_store_config *cfg)
{
    qw_store *s = qw_calloc(eng, 1, sizeof *s);
    if (!s)
        return NULL;
    s->eng = eng;
    s->refs = 1;
    s->max_memory_bytes = QW_DEFAULT_MAX_MEMORY_BYTES;
    s->max_table_elems = QW_DEFAULT_MAX_TABLE_ELEMS;
    s->stack_bytes = QW_DEFAULT_STACK_BYTES;
    atomic_init(&s->interrupt, 0);
    if (cfg) {
        if (cfg->max_memory_bytes)
            s->max_memory_bytes = cfg->max_memory_bytes;
        if (cfg->max_table_elems)
            s->max_table_elems = cfg->max_table_elems;
        if (cfg->stack_bytes)
            s->stack_bytes = cfg->stack_bytes;
        s->host_release = cfg->host_release;
        s->host_user = cfg->host_user;
    }
    return s;
}

qw_store *qw_store_ref(qw_store *store)
{
    if (store)
        store->refs++;
    return store;
}

void qw_store_unref(qw_store *store)
{
    if (store && --store->refs == 0) {
        qw_interp_store_free(store);
        qw_free(store->eng, store);
    }
}

/* The pending exception holds a count on the store (as every object does), so an exception
 * never taken keeps the store alive: callers take it as soon as a call ends in
 * QW_TRAP_EXCEPTION. */
void qw_store_throw(qw_store *store, qw_exception *exn)
{
    qw_exception *old = store->pending_exn;
    store->pending_exn = exn;
    qw_exception_unref(old);
}

qw_exception *qw_store_take_exception(qw_store *store)
{
    qw_exception *exn = store->pending_exn;
    store->pending_exn = NULL;
    return exn;
}

void qw_store_interrupt(qw_store *store)
{
    atomic_store_explicit(&store->interrupt, 1, memory_order_relaxed);
}

uint64_t qw_store_memory_committed(const qw_store *store)
{
    return store->memory_committed;
}

static bool fits_budget(const qw_store *store, uint64_t bytes)
{
    return bytes <= store->max_memory_bytes - (store->memory_committed + store->table_bytes);
}

bool qw_store_charge_memory(qw_store *store, uint64_t bytes)
{
    if (!fits_budget(store, bytes))
        return false;
    store->memory_committed += bytes;
    return true;
}

void qw_store_refund_memory(qw_store *store, uint64_t bytes)
{
    store->memory_committed -= bytes;
}

/* An element is charged as the reference it stores; the table's spare capacity is not. */
bool qw_store_charge_table(qw_store *store, uint64_t elems)
{
    if (elems > UINT64_MAX / sizeof(qw_ref) || !fits_budget(store, elems * sizeof(qw_ref)))
        return false;
    store->table_bytes += elems * sizeof(qw_ref);
    return true;
}

void qw_store_refund_table(qw_store *store, uint64_t elems)
{
    store->table_bytes -= elems * sizeof(qw_ref);
}

bool qw_store_fail(qw_error *err, qw_errkind kind, const char *fmt, ...)
{
    if (!err || err->kind != QW_ERR_NONE)
        return false;
    err->kind = kind;
    err->offset = QW_NO_OFFSET;
    err->func = QW_NO_FUNC;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return false;
}
