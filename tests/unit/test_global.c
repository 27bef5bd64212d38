/* Unit tests of global.c: every value type, mutability, reference counting of reference values,
 * type checks, enumeration, and allocation failure. */
#include "alloc_hook.h"
#include "num.h"
#include "qw.h"

#include <stdint.h>
#include <string.h>

static int released;

static void host_release(void *user, qw_hostval *val)
{
    (void)user, (void)val;
    released++;
}

static qw_store *new_store(qw_engine *eng)
{
    qw_store_config cfg = {0};
    cfg.host_release = host_release;
    return qw_store_new(eng, &cfg);
}

static void test_numeric_globals(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    qw_val v = {.i32 = 0xdeadbeefu}, out;
    qw_global *g = qw_global_new(store, QW_I32, true, &v, &err);
    CHECK(g != NULL && qw_global_type(g) == QW_I32 && qw_global_is_mutable(g));
    CHECK(qw_global_host_data(g) == NULL);
    qw_global_set_host_data(g, &v);
    CHECK(qw_global_host_data(g) == &v);
    qw_global_get(g, &out);
    CHECK(out.i32 == 0xdeadbeefu);
    v.i32 = 7;
    CHECK(qw_global_set(g, &v));
    qw_global_get(g, &out);
    CHECK(out.i32 == 7);
    qw_global_unref(g);

    v.i64 = 0x8000000000000001u;
    g = qw_global_new(store, QW_I64, false, &v, &err);
    qw_val w = {.i64 = 1};
    CHECK(!qw_global_set(g, &w)); /* immutable */
    qw_global_get(g, &out);
    CHECK(out.i64 == 0x8000000000000001u && !qw_global_is_mutable(g));
    CHECK(qw_global_ref(g) == g && qw_global_refcount(g) == 2);
    qw_global_unref(g);
    qw_global_unref(g);

    /* a signalling NaN keeps its bits through new, set and get */
    v.i32 = 0x7fa00001u;
    g = qw_global_new(store, QW_F32, true, &v, &err);
    qw_global_get(g, &out);
    CHECK(out.i32 == 0x7fa00001u && isnan(out.f32));
    w.f32 = qw_f32_from_bits(0xffa00002u);
    CHECK(qw_global_set(g, &w));
    qw_global_get(g, &out);
    CHECK(qw_f32_bits(out.f32) == 0xffa00002u);
    qw_global_unref(g);

    v.i64 = 0x7ff4000000000001u;
    g = qw_global_new(store, QW_F64, false, &v, &err);
    qw_global_get(g, &out);
    CHECK(out.i64 == 0x7ff4000000000001u);
    qw_global_unref(g);

    for (int i = 0; i < 16; i++)
        v.v128.bytes[i] = (uint8_t)(i * 17);
    g = qw_global_new(store, QW_V128, true, &v, &err);
    qw_global_get(g, &out);
    CHECK(memcmp(out.v128.bytes, v.v128.bytes, 16) == 0);
    memset(w.v128.bytes, 0xab, 16);
    CHECK(qw_global_set(g, &w));
    qw_global_get(g, &out);
    CHECK(out.v128.bytes[0] == 0xab && out.v128.bytes[15] == 0xab);
    qw_global_unref(g);

    /* no initial value: the default */
    g = qw_global_new(store, QW_V128, false, NULL, &err);
    qw_global_get(g, &out);
    CHECK(g != NULL && out.v128.bytes[0] == 0 && out.v128.bytes[15] == 0);
    qw_global_unref(g);
    g = qw_global_new(store, QW_EXTERNREF, true, NULL, &err);
    qw_global_get(g, &out);
    CHECK(g != NULL && out.ref == NULL);
    qw_global_unref(g);
    CHECK(qw_global_new(store, QW_VT_REFTYPE(0, QW_HT_FUNC), true, NULL, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    err = (qw_error){0};

    CHECK(qw_global_new(store, QW_I8, true, &v, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "malformed value type 0x78");
    err = (qw_error){0};
    CHECK(qw_global_new(store, 0x40, true, &v, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "malformed value type");
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static qw_trap noop_host(void *user, const qw_val *args, qw_val *results)
{
    (void)user, (void)args, (void)results;
    return QW_TRAP_NONE;
}

static int visits;

static void visit(void *user, qw_ref ref)
{
    CHECK(ref == *(qw_ref *)user);
    visits++;
}

static void test_reference_globals(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    released = 0;
    qw_hostval hv = {{1, 2}};
    qw_ref e = NULL;
    CHECK(qw_extern_new(store, &hv, &e, &err));
    qw_val v = {.ref = e}, out;
    qw_global *g = qw_global_new(store, QW_EXTERNREF, true, &v, &err);
    CHECK(g != NULL && qw_ref_count(e) == 2);
    visits = 0;
    qw_global_visit(g, visit, &e);
    CHECK(visits == 1);
    qw_ref_release(e);
    qw_global_get(g, &out);
    CHECK(out.ref == e && qw_extern_host(out.ref)->w[1] == 2 && qw_ref_count(e) == 1);

    /* extern.convert_any makes an i31 an externref as it is */
    qw_val i31 = {.ref = qw_ref_i31(5)};
    CHECK(qw_global_set(g, &i31) && released == 1); /* the last count of e went */
    qw_global_get(g, &out);
    CHECK(qw_ref_kind(out.ref) == QW_REFKIND_I31 && qw_ref_i31_get_u(out.ref) == 5);
    qw_val null = {.ref = NULL};
    CHECK(qw_global_set(g, &null) && released == 1);
    visits = 0;
    qw_global_visit(g, visit, &null.ref);
    CHECK(visits == 0);
    qw_global_unref(g);

    /* a funcref global refuses an extern box and keeps its value */
    qw_func *f = qw_func_new_host(store, NULL, 0, NULL, 0, noop_host, NULL, NULL, &err);
    v.ref = qw_func_as_ref(f);
    g = qw_global_new(store, QW_FUNCREF, true, &v, &err);
    CHECK(qw_extern_new(store, &hv, &e, &err));
    qw_val ev = {.ref = e};
    CHECK(!qw_global_set(g, &ev));
    qw_global_get(g, &out);
    CHECK(out.ref == qw_func_as_ref(f) && qw_ref_count(e) == 1);
    err = (qw_error){0};
    CHECK(qw_global_new(store, QW_FUNCREF, true, &ev, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    qw_ref_release(e);
    CHECK(released == 2);
    qw_func_unref(f);
    qw_global_unref(g);

    /* non-nullable types refuse null */
    err = (qw_error){0};
    CHECK(qw_global_new(store, QW_VT_REFTYPE(0, QW_HT_EXTERN), true, &null, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    /* exnref global holding an exception */
    qw_tag *tag = qw_tag_new(store, NULL, 0, &err);
    qw_exception *exn = qw_exception_new(store, tag, NULL, &err);
    v.ref = qw_exception_as_ref(exn);
    g = qw_global_new(store, QW_EXNREF, false, &v, &err);
    CHECK(g != NULL && qw_ref_count(v.ref) == 2);
    qw_exception_unref(exn);
    qw_tag_unref(tag);
    qw_global_unref(g);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static bool scenario_global(qw_engine *eng)
{
    qw_store *store = new_store(eng);
    if (!store)
        return false;
    qw_error err = {0};
    qw_val v = {.i64 = 3};
    qw_global *g = qw_global_new(store, QW_I64, true, &v, &err);
    if (!g)
        CHECK_ERR(&err, QW_ERR_OOM, "out of memory");
    bool ok = g != NULL;
    qw_global_unref(g);
    qw_store_unref(store);
    return ok;
}

static void test_global_oom(void)
{
    CHECK_OOM(scenario_global);
}

int main(void)
{
    RUN(test_numeric_globals);
    RUN(test_reference_globals);
    RUN(test_global_oom);
    return check_summary();
}
