/* table.c: tables (spec "Table instances", "Growing tables", the table.* instructions; the JS
 * API's WebAssembly.Table). Every element holds one count on its reference. Range errors are
 * checked for the whole range before anything changes, as the bulk-memory semantics require. */
#include "table.h"
#include "ref.h"
#include "store.h"

#include <string.h>

static uint64_t type_limit(bool is64)
{
    return is64 ? UINT64_MAX : UINT32_MAX;
}

/* The most elements the table may ever have: its maximum, the index type, the store limit. */
static uint64_t size_limit(const qw_table *tab)
{
    uint64_t limit = tab->store->max_table_elems;
    if (tab->max < limit)
        limit = tab->max;
    return limit;
}

static bool range_ok(uint64_t size, uint64_t idx, uint64_t n)
{
    return idx <= size && n <= size - idx;
}

/* Overwrites slot i with ref, moving one count from the new value in and the old one out. */
static void store_elem(qw_table *tab, uint64_t i, qw_ref ref)
{
    qw_ref old = tab->elems[i];
    tab->elems[i] = qw_ref_retain(ref);
    qw_ref_release(old);
}

/* Makes room for n elements; geometric so a table grown one element at a time stays linear. */
static bool reserve(qw_table *tab, uint64_t n)
{
    if (n <= tab->cap)
        return true;
    uint64_t limit = size_limit(tab);
    uint64_t cap = tab->cap > limit / 2 ? limit : tab->cap * 2;
    if (cap < n)
        cap = n;
    if (cap > SIZE_MAX / sizeof(qw_ref))
        return false;
    qw_ref *p = qw_realloc_array(tab->store->eng, tab->elems, (size_t)cap, sizeof(qw_ref));
    if (!p && cap > n) {
        cap = n;
        p = qw_realloc_array(tab->store->eng, tab->elems, (size_t)cap, sizeof(qw_ref));
    }
    if (!p)
        return false;
    tab->elems = p;
    tab->cap = cap;
    return true;
}

qw_table *qw_table_new(qw_store *store, qw_valtype elem, uint64_t min, uint64_t max, bool is64,
                       qw_ref init, qw_error *err)
{
    if (!QW_VT_IS_REF(elem) || !qw_ref_valtype_ok(elem)) {
        qw_store_fail(err, QW_ERR_INVALID, "malformed reference type 0x%x", elem);
        return NULL;
    }
    if (min > type_limit(is64) || (max != QW_NO_MAX && max > type_limit(is64))) {
        qw_store_fail(err, QW_ERR_INVALID, "table size must be at most 2^%d-1", is64 ? 64 : 32);
        return NULL;
    }
    if (max != QW_NO_MAX && min > max) {
        qw_store_fail(err, QW_ERR_INVALID, "size minimum must not be greater than maximum");
        return NULL;
    }
    if (min > store->max_table_elems) {
        qw_store_fail(err, QW_ERR_LIMIT, "table size %llu exceeds the limit of %llu elements",
                      (unsigned long long)min, (unsigned long long)store->max_table_elems);
        return NULL;
    }
    if (!qw_ref_matches(init, elem)) {
        qw_store_fail(err, QW_ERR_INVALID,
                      "type mismatch: initial value is not of the element type");
        return NULL;
    }
    if (!qw_store_charge_table(store, min)) {
        qw_store_fail(err, QW_ERR_LIMIT, "table size %llu exceeds the store limit of %llu bytes",
                      (unsigned long long)min, (unsigned long long)store->max_memory_bytes);
        return NULL;
    }
    qw_table *tab = qw_calloc(store->eng, 1, sizeof *tab);
    if (!tab) {
        qw_store_refund_table(store, min);
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    tab->store = store;
    tab->elem = elem;
    tab->is64 = is64;
    tab->max = max;
    if (!reserve(tab, min)) {
        qw_store_refund_table(store, min);
        qw_free(store->eng, tab);
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    for (uint64_t i = 0; i < min; i++)
        tab->elems[i] = qw_ref_retain(init);
    tab->size = min;
    tab->refs = 1;
    qw_store_ref(store);
    return tab;
}

qw_table *qw_table_ref(qw_table *tab)
{
    if (tab)
        tab->refs++;
    return tab;
}

void qw_table_unref(qw_table *tab)
{
    if (!tab || --tab->refs != 0)
        return;
    qw_store *store = tab->store;
    for (uint64_t i = 0; i < tab->size; i++)
        qw_ref_release(tab->elems[i]);
    qw_store_refund_table(store, tab->size);
    qw_free(store->eng, tab->elems);
    qw_free(store->eng, tab);
    qw_store_unref(store);
}

uint64_t qw_table_size(const qw_table *tab)
{
    return tab->size;
}

uint64_t qw_table_max(const qw_table *tab)
{
    return tab->max;
}

qw_valtype qw_table_elem_type(const qw_table *tab)
{
    return tab->elem;
}

bool qw_table_is64(const qw_table *tab)
{
    return tab->is64;
}

size_t qw_table_refcount(const qw_table *tab)
{
    return tab->refs;
}

qw_trap qw_table_get(const qw_table *tab, uint64_t idx, qw_ref *out)
{
    if (idx >= tab->size)
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    *out = tab->elems[idx];
    return QW_TRAP_NONE;
}

qw_trap qw_table_set(qw_table *tab, uint64_t idx, qw_ref ref)
{
    if (idx >= tab->size)
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    store_elem(tab, idx, ref);
    return QW_TRAP_NONE;
}

int64_t qw_table_grow(qw_table *tab, uint64_t delta, qw_ref init)
{
    uint64_t old = tab->size;
    if (delta > size_limit(tab) - old || old + delta > (uint64_t)INT64_MAX)
        return -1;
    if (!qw_store_charge_table(tab->store, delta))
        return -1;
    if (!reserve(tab, old + delta)) {
        qw_store_refund_table(tab->store, delta);
        return -1;
    }
    for (uint64_t i = old; i < old + delta; i++)
        tab->elems[i] = qw_ref_retain(init);
    tab->size = old + delta;
    return (int64_t)old;
}

qw_trap qw_table_fill(qw_table *tab, uint64_t idx, qw_ref ref, uint64_t n)
{
    if (!range_ok(tab->size, idx, n))
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    for (uint64_t i = 0; i < n; i++)
        store_elem(tab, idx + i, ref);
    return QW_TRAP_NONE;
}

/* Overlapping ranges of one table copy as if through a temporary: backwards when the destination
 * is above the source, so every source element is read before it is overwritten. */
qw_trap qw_table_copy(qw_table *dst, uint64_t dst_idx, const qw_table *src, uint64_t src_idx,
                      uint64_t n)
{
    if (!range_ok(dst->size, dst_idx, n) || !range_ok(src->size, src_idx, n))
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    if (dst == src && dst_idx > src_idx) {
        for (uint64_t i = n; i-- > 0;)
            store_elem(dst, dst_idx + i, src->elems[src_idx + i]);
    } else {
        for (uint64_t i = 0; i < n; i++)
            store_elem(dst, dst_idx + i, src->elems[src_idx + i]);
    }
    return QW_TRAP_NONE;
}

qw_trap qw_table_init(qw_table *tab, uint64_t dst_idx, const qw_ref *seg, uint64_t seg_len,
                      uint64_t src_idx, uint64_t n)
{
    if (!range_ok(tab->size, dst_idx, n) || !range_ok(seg_len, src_idx, n))
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    for (uint64_t i = 0; i < n; i++)
        store_elem(tab, dst_idx + i, seg[src_idx + i]);
    return QW_TRAP_NONE;
}

void qw_table_visit(const qw_table *tab, qw_ref_visitor fn, void *user)
{
    for (uint64_t i = 0; i < tab->size; i++)
        if (tab->elems[i] && !qw_ref_is_i31(tab->elems[i]))
            fn(user, tab->elems[i]);
}

void qw_table_set_host_data(qw_table *tab, void *data)
{
    tab->host_data = data;
}

void *qw_table_host_data(const qw_table *tab)
{
    return tab->host_data;
}
