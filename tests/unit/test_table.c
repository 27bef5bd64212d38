/* Unit tests of table.c: creation limits, get/set/grow/fill/copy/init with their bounds traps,
 * reference counts of stored references, the host release hook, and allocation failure. */
#include "alloc_hook.h"
#include "qw.h"

#include <stdint.h>
#include <string.h>

static int released;      /* host values released through the store hook */
static uint64_t last_tag; /* w[0] of the last released host value */

static void host_release(void *user, qw_hostval *val)
{
    (void)user;
    released++;
    last_tag = val->w[0];
}

static qw_store *new_store(qw_engine *eng, uint64_t max_elems)
{
    qw_store_config cfg = {0};
    cfg.max_table_elems = max_elems;
    cfg.host_release = host_release;
    return qw_store_new(eng, &cfg);
}

static qw_ref box(qw_store *store, uint64_t tag)
{
    qw_hostval v = {{tag, 0}};
    qw_ref r = NULL;
    qw_error err = {0};
    CHECK(qw_extern_new(store, &v, &r, &err) && r != NULL);
    return r;
}

static uint64_t tag_at(qw_table *tab, uint64_t i)
{
    qw_ref r = NULL;
    if (qw_table_get(tab, i, &r) != QW_TRAP_NONE || !r)
        return 0;
    return qw_extern_host(r)->w[0];
}

static qw_trap noop_host(void *user, const qw_val *args, qw_val *results)
{
    (void)user, (void)args, (void)results;
    return QW_TRAP_NONE;
}

static void test_funcref_table(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng, 0);
    qw_error err = {0};
    qw_func *f = qw_func_new_host(store, NULL, 0, NULL, 0, noop_host, NULL, NULL, &err);
    qw_ref fr = qw_func_as_ref(f);
    qw_table *tab = qw_table_new(store, QW_FUNCREF, 3, 5, false, NULL, &err);
    CHECK(tab != NULL && qw_table_size(tab) == 3 && qw_table_max(tab) == 5);
    CHECK(qw_table_elem_type(tab) == QW_FUNCREF && !qw_table_is64(tab));
    CHECK(qw_table_host_data(tab) == NULL && qw_func_host_data(f) == NULL);
    qw_table_set_host_data(tab, &err);
    qw_func_set_host_data(f, store);
    CHECK(qw_table_host_data(tab) == &err && qw_func_host_data(f) == store);
    qw_ref r = fr;
    CHECK(qw_table_get(tab, 2, &r) == QW_TRAP_NONE && r == NULL);
    CHECK(qw_table_get(tab, 3, &r) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_set(tab, 3, fr) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_set(tab, UINT64_MAX, fr) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_ref_count(fr) == 1);
    CHECK(qw_table_set(tab, 0, fr) == QW_TRAP_NONE && qw_ref_count(fr) == 2);
    CHECK(qw_table_get(tab, 0, &r) == QW_TRAP_NONE && r == fr);
    CHECK(qw_table_set(tab, 0, fr) == QW_TRAP_NONE && qw_ref_count(fr) == 2); /* same value */

    CHECK(qw_table_grow(tab, 2, fr) == 3);
    CHECK(qw_table_size(tab) == 5 && qw_ref_count(fr) == 4);
    CHECK(qw_table_get(tab, 4, &r) == QW_TRAP_NONE && r == fr);
    CHECK(qw_table_grow(tab, 1, NULL) == -1 && qw_table_size(tab) == 5);
    CHECK(qw_table_grow(tab, 0, NULL) == 5);
    CHECK(qw_table_set(tab, 4, NULL) == QW_TRAP_NONE && qw_ref_count(fr) == 3);

    /* the table keeps the function alive after the creator lets go */
    qw_func_unref(f);
    CHECK(qw_ref_count(fr) == 2 && qw_ref_kind(fr) == QW_REFKIND_FUNC);
    qw_table_unref(tab);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_extern_counts_and_release(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng, 0);
    qw_error err = {0};
    released = 0;
    qw_ref e = box(store, 42);
    qw_table *tab = qw_table_new(store, QW_EXTERNREF, 4, QW_NO_MAX, false, e, &err);
    CHECK(tab != NULL && qw_ref_count(e) == 5);
    qw_ref_release(e); /* the table now owns all counts */
    CHECK(released == 0 && qw_ref_count(e) == 4);
    qw_ref e2 = box(store, 7);
    CHECK(qw_table_fill(tab, 0, e2, 4) == QW_TRAP_NONE);
    CHECK(released == 1 && last_tag == 42); /* the last count of e went */
    CHECK(qw_ref_count(e2) == 5);
    qw_ref_release(e2);
    CHECK(qw_table_refcount(tab) == 1);
    qw_table_unref(tab);
    CHECK(released == 2 && last_tag == 7);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static int visited;

static void count_visit(void *user, qw_ref ref)
{
    (void)user;
    if (qw_extern_host(ref))
        visited++;
}

static void test_fill_copy_init(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng, 0);
    qw_error err = {0};
    qw_table *tab = qw_table_new(store, QW_EXTERNREF, 5, QW_NO_MAX, false, NULL, &err);
    for (uint64_t i = 0; i < 5; i++) {
        qw_ref e = box(store, 100 + i);
        qw_table_set(tab, i, e);
        qw_ref_release(e);
    }
    /* overlapping copy upwards: [0,0,1,2,4] */
    CHECK(qw_table_copy(tab, 1, tab, 0, 3) == QW_TRAP_NONE);
    CHECK(tag_at(tab, 0) == 100 && tag_at(tab, 1) == 100 && tag_at(tab, 2) == 101 &&
          tag_at(tab, 3) == 102 && tag_at(tab, 4) == 104);
    /* overlapping copy downwards: [0,1,2,4,4] */
    CHECK(qw_table_copy(tab, 0, tab, 1, 4) == QW_TRAP_NONE);
    CHECK(tag_at(tab, 0) == 100 && tag_at(tab, 1) == 101 && tag_at(tab, 2) == 102 &&
          tag_at(tab, 3) == 104 && tag_at(tab, 4) == 104);
    /* out of range: nothing changes */
    CHECK(qw_table_copy(tab, 3, tab, 0, 3) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_copy(tab, 0, tab, 3, 3) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_copy(tab, 5, tab, 0, 0) == QW_TRAP_NONE);
    CHECK(qw_table_copy(tab, 6, tab, 0, 0) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_copy(tab, 1, tab, UINT64_MAX, 2) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(tag_at(tab, 3) == 104 && tag_at(tab, 0) == 100);

    CHECK(qw_table_fill(tab, 4, NULL, 2) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(tag_at(tab, 4) == 104);
    CHECK(qw_table_fill(tab, 5, NULL, 0) == QW_TRAP_NONE);
    CHECK(qw_table_fill(tab, 6, NULL, 0) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_fill(tab, 1, NULL, UINT64_MAX) == QW_TRAP_OUT_OF_BOUNDS_TABLE);

    visited = 0;
    qw_table_visit(tab, count_visit, NULL);
    CHECK(visited == 5);
    CHECK(qw_table_fill(tab, 3, NULL, 2) == QW_TRAP_NONE);
    visited = 0;
    qw_table_visit(tab, count_visit, NULL);
    CHECK(visited == 3);

    /* init from a segment */
    qw_ref seg[3] = {box(store, 1), NULL, box(store, 3)};
    CHECK(qw_table_init(tab, 2, seg, 3, 1, 2) == QW_TRAP_NONE);
    CHECK(tag_at(tab, 2) == 0 && tag_at(tab, 3) == 3 && qw_ref_count(seg[2]) == 2);
    CHECK(qw_table_init(tab, 0, seg, 3, 2, 2) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_init(tab, 4, seg, 3, 0, 2) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_init(tab, 5, seg, 3, 3, 0) == QW_TRAP_NONE);
    CHECK(qw_table_init(tab, 0, seg, 3, 4, 0) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(tag_at(tab, 0) == 100 && tag_at(tab, 4) == 0);
    qw_ref_release(seg[0]);
    qw_ref_release(seg[2]);

    /* copy between two tables */
    qw_table *other = qw_table_new(store, QW_EXTERNREF, 2, 2, false, NULL, &err);
    CHECK(qw_table_copy(other, 0, tab, 0, 2) == QW_TRAP_NONE);
    CHECK(tag_at(other, 0) == 100 && tag_at(other, 1) == 101);
    CHECK(qw_table_copy(other, 1, tab, 0, 2) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    qw_table_unref(other);
    qw_table_unref(tab);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_limits_and_types(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng, 10);
    qw_error err = {0};
    CHECK(qw_table_new(store, QW_FUNCREF, 11, QW_NO_MAX, false, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_LIMIT, "table size 11 exceeds the limit of 10 elements");
    err = (qw_error){0};
    CHECK(qw_table_new(store, QW_FUNCREF, 2, 1, false, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "size minimum must not be greater than maximum");
    err = (qw_error){0};
    CHECK(qw_table_new(store, QW_FUNCREF, 0, UINT64_C(1) << 32, false, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "table size must be at most 2^32-1");
    err = (qw_error){0};
    CHECK(qw_table_new(store, QW_I32, 1, 1, false, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "malformed reference type");
    err = (qw_error){0};
    qw_valtype nonnull_func = QW_VT_REFTYPE(0, QW_HT_FUNC);
    CHECK(qw_table_new(store, nonnull_func, 1, 1, false, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    err = (qw_error){0};
    qw_ref e = box(store, 1);
    CHECK(qw_table_new(store, QW_FUNCREF, 1, 1, false, e, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    qw_ref_release(e);

    /* the store limit also bounds growth */
    qw_table *tab = qw_table_new(store, QW_FUNCREF, 8, QW_NO_MAX, false, NULL, &err);
    CHECK(qw_table_grow(tab, 3, NULL) == -1 && qw_table_grow(tab, 2, NULL) == 8);
    CHECK(qw_table_grow(tab, 1, NULL) == -1);
    qw_table_unref(tab);

    /* 64-bit index type */
    tab = qw_table_new(store, QW_EXTERNREF, 1, QW_NO_MAX, true, NULL, &err);
    CHECK(tab != NULL && qw_table_is64(tab));
    CHECK(qw_table_grow(tab, UINT64_MAX, NULL) == -1);
    CHECK(qw_table_get(tab, UINT64_C(1) << 40, &e) == QW_TRAP_OUT_OF_BOUNDS_TABLE);
    CHECK(qw_table_grow(tab, 4, NULL) == 1 && qw_table_size(tab) == 5);
    qw_table_unref(tab);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* Memories and tables share the store's byte budget: one page plus ten 8-byte elements here. */
static void test_shared_byte_budget(void)
{
    qw_engine *eng = test_engine_new();
    qw_store_config cfg = {.max_memory_bytes = QW_PAGE_SIZE + 10 * sizeof(qw_ref)};
    qw_store *store = qw_store_new(eng, &cfg);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, 2, false, false, &err);
    CHECK(mem != NULL);
    CHECK(qw_table_new(store, QW_FUNCREF, 11, QW_NO_MAX, false, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_LIMIT, "table size 11 exceeds the store limit of 65616 bytes");
    err = (qw_error){0};
    qw_table *tab = qw_table_new(store, QW_FUNCREF, 4, QW_NO_MAX, false, NULL, &err);
    CHECK(tab != NULL);
    CHECK(qw_table_grow(tab, 7, NULL) == -1 && qw_table_size(tab) == 4);
    CHECK(qw_table_grow(tab, 6, NULL) == 4 && qw_table_grow(tab, 1, NULL) == -1);
    CHECK(qw_memory_grow(mem, 1) == -1);
    /* what a freed table held is available again, to memories as to tables */
    qw_table_unref(tab);
    tab = qw_table_new(store, QW_EXTERNREF, 10, QW_NO_MAX, false, NULL, &err);
    CHECK(tab != NULL && qw_table_grow(tab, 1, NULL) == -1);
    qw_table_unref(tab);
    qw_memory_unref(mem);
    CHECK(qw_store_memory_committed(store) == 0);
    mem = qw_memory_new(store, 1, QW_NO_MAX, false, false, &err);
    CHECK(mem != NULL && qw_memory_grow(mem, 1) == -1);
    qw_memory_unref(mem);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static bool scenario_table(qw_engine *eng)
{
    qw_store *store = new_store(eng, 0);
    if (!store)
        return false;
    qw_error err = {0};
    qw_ref e = NULL;
    qw_hostval v = {{5, 0}};
    bool ok = false;
    if (!qw_extern_new(store, &v, &e, &err)) {
        CHECK_ERR(&err, QW_ERR_OOM, "out of memory");
        goto done;
    }
    qw_table *tab = qw_table_new(store, QW_EXTERNREF, 4, 100, false, e, &err);
    if (!tab) {
        CHECK_ERR(&err, QW_ERR_OOM, "out of memory");
        goto done;
    }
    /* 4 -> 5 asks for room for 8 first and falls back to exactly 5 when that fails */
    CHECK(qw_table_grow(tab, 1, e) == 4 && qw_table_size(tab) == 5);
    int64_t old = qw_table_grow(tab, 10, e);
    /* a failed grow leaves the table as it was */
    CHECK(old == 5 || (old == -1 && qw_table_size(tab) == 5));
    ok = old == 5;
    qw_table_unref(tab);
done:
    qw_ref_release(e);
    qw_store_unref(store);
    return ok;
}

static void test_table_oom(void)
{
    CHECK_OOM(scenario_table);
}

int main(void)
{
    RUN(test_funcref_table);
    RUN(test_extern_counts_and_release);
    RUN(test_fill_copy_init);
    RUN(test_limits_and_types);
    RUN(test_shared_byte_budget);
    RUN(test_table_oom);
    return check_summary();
}
