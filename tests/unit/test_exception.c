/* Unit tests of tag.c, exception.c, func.c and ref.c: exceptions carrying every value type,
 * reference counting through exnref, host functions and their finalizers, i31 and type matching,
 * and allocation failure on every creation path. */
#include "alloc_hook.h"
#include "func.h"
#include "qw.h"
#include "store.h"

#include <stdint.h>
#include <string.h>

static int released;

static void host_release(void *user, qw_hostval *val)
{
    (void)val;
    (*(int *)user)++;
}

static qw_store *new_store(qw_engine *eng)
{
    qw_store_config cfg = {0};
    cfg.host_release = host_release;
    cfg.host_user = &released;
    return qw_store_new(eng, &cfg);
}

static int visits;

static void visit(void *user, qw_ref ref)
{
    (void)user;
    CHECK(qw_ref_kind(ref) == QW_REFKIND_EXTERN);
    visits++;
}

static void test_exception_args(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    released = 0;
    static const qw_valtype params[] = {QW_I32, QW_EXTERNREF, QW_F64, QW_V128, QW_EXTERNREF};
    qw_tag *tag = qw_tag_new(store, params, 5, &err);
    CHECK(tag != NULL);
    uint32_t n = 0;
    CHECK(qw_tag_params(tag, &n) != params && n == 5 && qw_tag_params(tag, &n)[3] == QW_V128);

    qw_hostval hv = {{9, 9}};
    qw_ref e = NULL;
    CHECK(qw_extern_new(store, &hv, &e, &err));
    qw_val args[5];
    memset(args, 0, sizeof args);
    args[0].i32 = 0x80000000u;
    args[1].ref = e;
    args[2].i64 = 0x7ff4000000000001u;
    memset(args[3].v128.bytes, 0x5a, 16);
    args[4].ref = NULL;
    qw_exception *exn = qw_exception_new(store, tag, args, &err);
    CHECK(exn != NULL && qw_exception_tag(exn) == tag && qw_ref_count(e) == 2);
    CHECK(qw_exception_host_data(exn) == NULL && qw_tag_host_data(tag) == NULL);
    qw_exception_set_host_data(exn, &hv);
    qw_tag_set_host_data(tag, &err);
    CHECK(qw_exception_host_data(exn) == &hv && qw_tag_host_data(tag) == &err);
    args[0].i32 = 0; /* copied, not referenced */
    const qw_val *got = qw_exception_args(exn, &n);
    CHECK(n == 5 && got[0].i32 == 0x80000000u && got[1].ref == e);
    CHECK(got[2].i64 == 0x7ff4000000000001u && got[3].v128.bytes[15] == 0x5a && !got[4].ref);
    visits = 0;
    qw_exception_visit(exn, visit, NULL);
    CHECK(visits == 1);

    /* an exception is an exnref */
    qw_ref r = qw_exception_as_ref(exn);
    CHECK(qw_ref_kind(r) == QW_REFKIND_EXN && qw_ref_as_exception(r) == exn);
    CHECK(qw_ref_matches(r, QW_EXNREF) && !qw_ref_matches(r, QW_EXTERNREF));
    CHECK(qw_ref_as_exception(e) == NULL && qw_ref_as_func(r) == NULL);
    qw_ref_retain(r);
    qw_exception_unref(exn);
    CHECK(qw_ref_count(r) == 1 && qw_ref_count(e) == 2);
    qw_ref_release(e);
    CHECK(released == 0);
    qw_tag_unref(tag); /* the exception keeps its tag */
    CHECK(qw_exception_tag(exn) == tag);
    qw_ref_release(r);
    CHECK(released == 1);

    /* argument type mismatch */
    tag = qw_tag_new(store, (const qw_valtype[]){QW_FUNCREF}, 1, &err);
    CHECK(qw_extern_new(store, &hv, &e, &err));
    args[0].ref = e;
    CHECK(qw_exception_new(store, tag, args, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch: exception argument 0");
    qw_ref_release(e);
    qw_tag_unref(tag);
    err = (qw_error){0};
    CHECK(qw_tag_new(store, (const qw_valtype[]){QW_I32, 0x10}, 2, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "malformed value type 0x10");
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static int finalized;

static void finalize(void *user)
{
    finalized += *(int *)user;
}

/* (i32, i64) -> i64: a + b */
static qw_trap add_host(void *user, const qw_val *args, qw_val *results)
{
    if (*(int *)user != 1)
        return QW_TRAP_HOST;
    results[0].i64 = args[0].i32 + args[1].i64;
    return QW_TRAP_NONE;
}

static void test_host_function(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    static int one = 1;
    static const qw_valtype params[] = {QW_I32, QW_I64}, results[] = {QW_I64};
    finalized = 0;
    qw_func *f = qw_func_new_host(store, params, 2, results, 1, add_host, &one, finalize, &err);
    CHECK(f != NULL && qw_func_is_host(f) && qw_func_host_user(f) == &one);
    uint32_t n = 0;
    const qw_valtype *p = qw_func_params(f, &n);
    CHECK(n == 2 && p[0] == QW_I32 && p[1] == QW_I64);
    p = qw_func_results(f, &n);
    CHECK(n == 1 && p[0] == QW_I64);
    qw_val args[2] = {{.i32 = 40}, {.i64 = 2}}, res[1] = {{.i64 = 0}};
    CHECK(f->host_fn(f->host_user, args, res) == QW_TRAP_NONE && res[0].i64 == 42);

    qw_ref r = qw_func_as_ref(f);
    CHECK(qw_ref_kind(r) == QW_REFKIND_FUNC && qw_ref_as_func(r) == f);
    CHECK(qw_ref_matches(r, QW_FUNCREF) && qw_ref_matches(r, QW_VT_REFTYPE(0, QW_HT_FUNC)));
    CHECK(qw_ref_matches(r, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + 3)));
    CHECK(!qw_ref_matches(r, QW_EXTERNREF) && !qw_ref_matches(r, QW_VT_REFTYPE(1, QW_HT_NOFUNC)));
    CHECK(qw_func_ref(f) == f && qw_ref_count(r) == 2);
    qw_func_unref(f);
    CHECK(finalized == 0);
    qw_func_unref(f);
    CHECK(finalized == 1);
    qw_func_unref(NULL);

    /* no parameters, no results, no finalizer */
    f = qw_func_new_host(store, NULL, 0, NULL, 0, add_host, NULL, NULL, &err);
    CHECK(f != NULL && qw_func_params(f, &n) != NULL && n == 0);
    qw_func_unref(f);
    CHECK(finalized == 1);
    CHECK(qw_func_new_host(store, (const qw_valtype[]){QW_I16}, 1, NULL, 0, add_host, NULL,
                           finalize, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "malformed value type 0x77");
    CHECK(finalized == 1); /* a failed creation leaves user data to the caller */
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_i31_and_matching(void)
{
    qw_ref a = qw_ref_i31(0x7fffffffu), b = qw_ref_i31(0x40000000u), c = qw_ref_i31(0xffffffffu);
    CHECK(qw_ref_kind(a) == QW_REFKIND_I31 && a != NULL);
    CHECK(qw_ref_i31_get_u(a) == 0x7fffffffu && qw_ref_i31_get_s(a) == 0xffffffffu);
    CHECK(qw_ref_i31_get_u(b) == 0x40000000u && qw_ref_i31_get_s(b) == 0xc0000000u);
    CHECK(c == a);
    CHECK(qw_ref_i31_get_s(qw_ref_i31(0)) == 0 && qw_ref_i31(0) != NULL);
    CHECK(qw_ref_retain(a) == a && qw_ref_count(a) == 0);
    qw_ref_release(a);
    CHECK(qw_ref_matches(a, QW_VT_REFTYPE(0, QW_HT_I31)) &&
          qw_ref_matches(a, QW_VT_REFTYPE(1, QW_HT_EQ)));
    CHECK(qw_ref_matches(a, QW_VT_REFTYPE(1, QW_HT_ANY)) && !qw_ref_matches(a, QW_FUNCREF));
    CHECK(!qw_ref_matches(a, QW_VT_REFTYPE(1, QW_HT_STRUCT)) && !qw_ref_matches(a, QW_I32));
    CHECK(qw_ref_matches(NULL, QW_VT_REFTYPE(1, QW_HT_NONE)));
    CHECK(!qw_ref_matches(NULL, QW_VT_REFTYPE(0, QW_HT_ANY)));
    CHECK(!qw_ref_matches(a, QW_VT_REFTYPE(1, QW_HT_NONE)));
    CHECK(qw_ref_kind(NULL) == QW_REFKIND_NULL && qw_ref_count(NULL) == 0);
    CHECK(qw_extern_host(NULL) == NULL && qw_extern_host(a) == NULL);
    qw_ref_release(NULL);
}

static void test_store_throw_and_interrupt(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    CHECK(qw_store_take_exception(store) == NULL);
    qw_tag *tag = qw_tag_new(store, NULL, 0, &err);
    qw_exception *a = qw_exception_new(store, tag, NULL, &err);
    qw_exception *b = qw_exception_new(store, tag, NULL, &err);
    qw_store_throw(store, a); /* takes the count */
    CHECK(qw_ref_count(qw_exception_as_ref(a)) == 1);
    qw_store_throw(store, b); /* replaces (and drops) a */
    CHECK(qw_store_take_exception(store) == b);
    CHECK(qw_store_take_exception(store) == NULL);
    qw_exception_unref(b);
    qw_tag_unref(tag);

    CHECK(!qw_store_interrupt_pending(store));
    qw_store_interrupt(store);
    qw_store_interrupt(store);
    CHECK(qw_store_interrupt_pending(store));
    CHECK(qw_store_take_interrupt(store)); /* reported once */
    CHECK(!qw_store_take_interrupt(store) && !qw_store_interrupt_pending(store));
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* A program can nest exceptions as deep as memory allows (each thrown with the previous one as
 * an exnref argument); dropping the outermost must not recurse once per level. */
static void test_release_long_chain(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    qw_tag *tag = qw_tag_new(store, (const qw_valtype[]){QW_EXNREF}, 1, &err);
    qw_val arg = {.ref = NULL};
    qw_exception *exn = NULL;
    enum { N = 300000 };
    int made = 0;
    for (; made < N; made++) {
        exn = qw_exception_new(store, tag, &arg, &err);
        if (!exn)
            break;
        qw_ref_release(arg.ref); /* the new exception holds the previous one now */
        arg.ref = qw_exception_as_ref(exn);
    }
    CHECK(made == N && allocs.live > N);
    qw_exception_unref(exn);
    qw_tag_unref(tag);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* JS finalizers run in any order: the embedder may drop the store before the objects. */
static void test_store_outlived_by_objects(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng);
    qw_error err = {0};
    released = 0;
    qw_memory *mem = qw_memory_new(store, 1, 2, false, false, &err);
    qw_table *tab = qw_table_new(store, QW_EXTERNREF, 1, 1, false, NULL, &err);
    qw_hostval hv = {{3, 4}};
    qw_ref e = NULL;
    CHECK(qw_extern_new(store, &hv, &e, &err) && qw_table_set(tab, 0, e) == QW_TRAP_NONE);
    qw_ref_release(e);
    qw_tag *tag = qw_tag_new(store, NULL, 0, &err);
    qw_store_unref(store);
    CHECK(qw_memory_grow(mem, 1) == 1 && qw_memory_data(mem)[2 * QW_PAGE_SIZE - 1] == 0);
    qw_memory_unref(mem);
    qw_tag_unref(tag);
    CHECK(allocs.live > 1); /* the table still keeps the store */
    qw_table_unref(tab);
    CHECK(released == 1); /* the host value went with the table; the hook still worked */
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* Every creation path, with allocation failures injected in turn. */
static bool scenario_objects(qw_engine *eng)
{
    static int one = 1;
    qw_store *store = new_store(eng);
    if (!store)
        return false;
    bool ok = false;
    qw_error err = {0};
    qw_ref e = NULL;
    qw_tag *tag = NULL;
    qw_exception *exn = NULL;
    qw_func *f = NULL;
    qw_hostval hv = {{1, 1}};
    if (!qw_extern_new(store, &hv, &e, &err))
        goto fail;
    tag = qw_tag_new(store, (const qw_valtype[]){QW_EXTERNREF, QW_I32}, 2, &err);
    if (!tag)
        goto fail;
    qw_val args[2] = {{.ref = e}, {.i32 = 1}};
    exn = qw_exception_new(store, tag, args, &err);
    if (!exn)
        goto fail;
    f = qw_func_new_host(store, (const qw_valtype[]){QW_EXNREF}, 1, NULL, 0, add_host, &one,
                         finalize, &err);
    if (!f)
        goto fail;
    ok = true;
fail:
    if (!ok)
        CHECK_ERR(&err, QW_ERR_OOM, "out of memory");
    qw_func_unref(f);
    qw_exception_unref(exn);
    qw_tag_unref(tag);
    qw_ref_release(e);
    qw_store_unref(store);
    return ok;
}

static void test_objects_oom(void)
{
    released = 0;
    CHECK_OOM(scenario_objects);
}

int main(void)
{
    RUN(test_exception_args);
    RUN(test_host_function);
    RUN(test_i31_and_matching);
    RUN(test_store_throw_and_interrupt);
    RUN(test_store_outlived_by_objects);
    RUN(test_release_long_chain);
    RUN(test_objects_oom);
    return check_summary();
}
