/* test_host.c: the runner's side of execution that exists before instances do: the "spectest"
 * host module, the import registry, and values between the script and the engine (host
 * references keep their identity and are seen as externref or anyref by their static type).
 * Runs under the counting allocator: nothing may stay live. */
#include "../unit/alloc_check.h"
#include "../unit/check.h"
#include "registry.h"
#include "values.h"

#include <string.h>

static const qw_extern *find(const spec_registry *r, const char *module, const char *name)
{
    return spec_registry_find(r, module, strlen(module), name, strlen(name));
}

static void check_global(const spec_registry *r, const char *name, qw_valtype t, uint64_t bits)
{
    const qw_extern *e = find(r, "spectest", name);
    CHECK(e && e->kind == QW_EXTERN_GLOBAL);
    if (!e || e->kind != QW_EXTERN_GLOBAL)
        return;
    qw_val v;
    qw_global_get(e->of.global, &v);
    CHECK(qw_global_type(e->of.global) == t);
    CHECK(!qw_global_is_mutable(e->of.global));
    CHECK(t == QW_I32 || t == QW_F32 ? v.i32 == bits : v.i64 == bits);
}

static void check_print(const spec_registry *r, const char *name, uint32_t nparams, qw_valtype p0,
                        qw_valtype p1)
{
    const qw_extern *e = find(r, "spectest", name);
    CHECK(e && e->kind == QW_EXTERN_FUNC);
    if (!e || e->kind != QW_EXTERN_FUNC)
        return;
    uint32_t np = 99, nr = 99;
    const qw_valtype *params = qw_func_params(e->of.func, &np);
    qw_func_results(e->of.func, &nr);
    CHECK(np == nparams && nr == 0);
    if (np == nparams && nparams >= 1)
        CHECK(params[0] == p0);
    if (np == nparams && nparams == 2)
        CHECK(params[1] == p1);
}

static void test_spectest_module(void)
{
    test_alloc a = {0};
    qw_engine *eng = test_engine(&a);
    qw_store *store = qw_store_new(eng, NULL);
    spec_registry r = {0};
    qw_error err;
    CHECK(spec_registry_add_spectest(&r, store, &err));
    check_global(&r, "global_i32", QW_I32, 666);
    check_global(&r, "global_i64", QW_I64, 666);
    check_global(&r, "global_f32", QW_F32, 0x4426a666);
    check_global(&r, "global_f64", QW_F64, UINT64_C(0x4084d4cccccccccd));
    const qw_extern *t = find(&r, "spectest", "table"), *t64 = find(&r, "spectest", "table64");
    CHECK(t && t->kind == QW_EXTERN_TABLE && t64 && t64->kind == QW_EXTERN_TABLE);
    if (t && t64) {
        CHECK(qw_table_size(t->of.table) == 10 && qw_table_max(t->of.table) == 20);
        CHECK(!qw_table_is64(t->of.table) && qw_table_elem_type(t->of.table) == QW_FUNCREF);
        CHECK(qw_table_size(t64->of.table) == 10 && qw_table_max(t64->of.table) == 20);
        CHECK(qw_table_is64(t64->of.table));
    }
    const qw_extern *m = find(&r, "spectest", "memory");
    CHECK(m && m->kind == QW_EXTERN_MEMORY);
    if (m) {
        CHECK(qw_memory_pages(m->of.memory) == 1 && qw_memory_max_pages(m->of.memory) == 2);
        CHECK(!qw_memory_is64(m->of.memory));
    }
    check_print(&r, "print", 0, 0, 0);
    check_print(&r, "print_i32", 1, QW_I32, 0);
    check_print(&r, "print_i64", 1, QW_I64, 0);
    check_print(&r, "print_f32", 1, QW_F32, 0);
    check_print(&r, "print_f64", 1, QW_F64, 0);
    check_print(&r, "print_i32_f32", 2, QW_I32, QW_F32);
    check_print(&r, "print_f64_f64", 2, QW_F64, QW_F64);
    CHECK(find(&r, "spectest", "print_i8") == NULL);
    CHECK(find(&r, "spectes", "print") == NULL);
    CHECK(spec_registry_find(&r, "spectest", 8, "print_i32", 5) != NULL); /* "print" */
    spec_registry_free(&r);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(a.live == 0);
}

/* (register "M" $a) then (register "M" $b): imports from M see $b's exports. */
static void test_registry_later_hides_earlier(void)
{
    test_alloc a = {0};
    qw_engine *eng = test_engine(&a);
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_val one = {.i32 = 1}, two = {.i32 = 2};
    qw_extern g1 = {QW_EXTERN_GLOBAL, {.global = qw_global_new(store, QW_I32, false, &one, &err)}};
    qw_extern g2 = {QW_EXTERN_GLOBAL, {.global = qw_global_new(store, QW_I32, true, &two, &err)}};
    spec_registry r = {0};
    CHECK(spec_registry_add(&r, "M\0x", 3, "g", 1, &g1));
    CHECK(spec_registry_add(&r, "M\0x", 3, "g", 1, &g2));
    CHECK(qw_global_refcount(g1.of.global) == 2); /* ours and the registry's */
    spec_extern_unref(&g1);
    spec_extern_unref(&g2);
    const qw_extern *e = spec_registry_find(&r, "M\0x", 3, "g", 1);
    CHECK(e && e->of.global == g2.of.global);
    CHECK(spec_registry_find(&r, "M", 1, "g", 1) == NULL);
    spec_registry_free(&r);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(a.live == 0);
}

static void test_numbers_to_qw(void)
{
    spec_hostrefs h = {0};
    qw_error err = {0};
    qw_val v;
    spec_value f = {.type = WAST_F32, .u.i32 = 0x7fa00001};
    CHECK(spec_value_to_qw(&h, &f, &v, &err) && v.i32 == 0x7fa00001);
    spec_value d = {.type = WAST_F64, .u.i64 = UINT64_C(0xfff0000000000001)};
    CHECK(spec_value_to_qw(&h, &d, &v, &err) && v.i64 == UINT64_C(0xfff0000000000001));
    spec_value x = {.type = WAST_V128};
    x.u.v128[0] = 1, x.u.v128[15] = 0xff;
    CHECK(spec_value_to_qw(&h, &x, &v, &err) && v.v128.bytes[0] == 1 && v.v128.bytes[15] == 0xff);
    spec_value n = {.type = WAST_REF, .u.ref = {SPEC_REF_NULL, 0}};
    CHECK(spec_value_to_qw(&h, &n, &v, &err) && v.ref == NULL);
    spec_value fn = {.type = WAST_REF, .u.ref = {SPEC_REF_FUNC, 0}};
    CHECK(!spec_value_to_qw(&h, &fn, &v, &err) && err.kind == QW_ERR_INVALID);
    spec_value i = {.type = WAST_I64, .u.i64 = 5};
    spec_value back = spec_value_from_qw(QW_I64, &(qw_val){.i64 = 5});
    CHECK(back.type == WAST_I64 && back.u.i64 == i.u.i64);
    back = spec_value_from_qw(QW_F32, &(qw_val){.i32 = 0xffc00000});
    CHECK(back.type == WAST_F32 && back.u.i32 == 0xffc00000);
    spec_hostrefs_free(&h);
}

static qw_trap nothing(void *user, const qw_val *args, qw_val *results)
{
    (void)user, (void)args, (void)results;
    return QW_TRAP_NONE;
}

static void test_host_refs(void)
{
    test_alloc a = {0};
    qw_engine *eng = test_engine(&a);
    qw_store *store = qw_store_new(eng, NULL);
    spec_hostrefs h = {store, NULL, 0};
    qw_error err = {0};
    qw_val v1, v2, v3;
    spec_value e3 = {.type = WAST_REF, .u.ref = {SPEC_REF_EXTERN_HOST, 3}};
    spec_value h3 = {.type = WAST_REF, .u.ref = {SPEC_REF_HOST, 3}};
    spec_value e4 = {.type = WAST_REF, .u.ref = {SPEC_REF_EXTERN_HOST, 4}};
    CHECK(spec_value_to_qw(&h, &e3, &v1, &err) && v1.ref != NULL);
    CHECK(spec_value_to_qw(&h, &h3, &v2, &err) && v2.ref == v1.ref); /* same N, same ref */
    CHECK(spec_value_to_qw(&h, &e4, &v3, &err) && v3.ref != v1.ref);
    spec_value got = spec_value_from_qw(QW_EXTERNREF, &v1);
    CHECK(got.type == WAST_REF && got.u.ref.kind == SPEC_REF_EXTERN_HOST && got.u.ref.host == 3);
    got = spec_value_from_qw(QW_VT_REFTYPE(1, QW_HT_ANY), &v1);
    CHECK(got.u.ref.kind == SPEC_REF_HOST && got.u.ref.host == 3);
    got = spec_value_from_qw(QW_VT_REFTYPE(0, QW_HT_EQ), &(qw_val){.ref = qw_ref_i31(7)});
    CHECK(got.u.ref.kind == SPEC_REF_I31);
    got = spec_value_from_qw(QW_EXTERNREF, &(qw_val){.ref = qw_ref_i31(7)});
    CHECK(got.u.ref.kind == SPEC_REF_EXTERN_OTHER);
    got = spec_value_from_qw(QW_EXTERNREF, &(qw_val){.ref = NULL});
    CHECK(got.type == WAST_REF && got.u.ref.kind == SPEC_REF_NULL);

    /* a box the runner did not make is no script's N */
    qw_hostval foreign = {{3, 0}};
    qw_ref box;
    CHECK(qw_extern_new(store, &foreign, &box, &err));
    got = spec_value_from_qw(QW_EXTERNREF, &(qw_val){.ref = box});
    CHECK(got.u.ref.kind == SPEC_REF_EXTERN_HOST && got.u.ref.host != 3);
    qw_ref_release(box);

    qw_func *fn = qw_func_new_host(store, NULL, 0, NULL, 0, nothing, NULL, NULL, &err);
    CHECK(fn != NULL);
    got = spec_value_from_qw(QW_FUNCREF, &(qw_val){.ref = qw_func_as_ref(fn)});
    CHECK(got.u.ref.kind == SPEC_REF_FUNC);
    qw_func_unref(fn);

    spec_value big = {.type = WAST_REF, .u.ref = {SPEC_REF_EXTERN_HOST, SPEC_MAX_HOSTREF + 1}};
    CHECK(!spec_value_to_qw(&h, &big, &v1, &err) && err.kind == QW_ERR_LIMIT);
    spec_hostrefs_free(&h);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(a.live == 0);
}

/* Every allocation failure while building the spectest module ends in a clean error. */
static void test_spectest_oom(void)
{
    for (long n = 1; n < 200; n++) {
        test_alloc a = {.fail_at = n};
        qw_engine *eng = test_engine(&a);
        qw_store *store = eng ? qw_store_new(eng, NULL) : NULL;
        spec_registry r = {0};
        qw_error err;
        bool ok = store && spec_registry_add_spectest(&r, store, &err);
        if (store && !ok)
            CHECK(err.kind == QW_ERR_OOM);
        spec_registry_free(&r);
        qw_store_unref(store);
        qw_engine_free(eng);
        CHECK(a.live == 0);
        if (ok) /* past the last allocation */
            break;
    }
}

int main(void)
{
    RUN(test_spectest_module);
    RUN(test_registry_later_hides_earlier);
    RUN(test_numbers_to_qw);
    RUN(test_host_refs);
    RUN(test_spectest_oom);
    return check_summary();
}
