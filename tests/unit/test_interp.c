/* test_interp.c: instantiation and execution through qw.h: calls between Wasm and host functions
 * with several results, call_indirect, traps that leave the store usable, the stack limit, the
 * interrupt flag, memory bounds and growth, exceptions crossing host frames, link errors, a
 * trapping start function, what a collector reads of an instance, lazy commit of a 4 GiB
 * maximum, and every allocation failing in turn. */
#include "alloc_check.h"
#include "check.h"
#include "interp_modules.h"
#include "qw.h"

#include <math.h>

static test_alloc alloc;
static qw_engine *eng;

enum { FAIL_HOST, FAIL_THROW, FAIL_DROP };

typedef struct env {
    qw_store *store;
    qw_module *mod;
    qw_instance *inst;
    qw_func *add3, *fail;
    int fail_mode;
    qw_tag *tag;      /* the instance's exported tag, for FAIL_THROW */
    qw_func *dropped; /* a count that FAIL_DROP drops (if any) and returns normally */
    int calls;
} env;

static qw_trap add3(void *user, const qw_val *args, qw_val *results)
{
    env *e = user;
    e->calls++;
    results[0].i64 = args[0].i32 + args[1].i64;
    results[1].f64 = args[2].f64 * 2;
    return QW_TRAP_NONE;
}

static qw_trap fail(void *user, const qw_val *args, qw_val *results)
{
    env *e = user;
    (void)args;
    (void)results;
    if (e->fail_mode == FAIL_HOST)
        return QW_TRAP_HOST;
    if (e->fail_mode == FAIL_DROP) {
        qw_func_unref(e->dropped);
        e->dropped = NULL;
        return QW_TRAP_NONE;
    }
    qw_val v = {.i32 = 42};
    qw_error err;
    qw_exception *exn = qw_exception_new(e->store, e->tag, &v, &err);
    if (!exn)
        return QW_TRAP_OOM;
    qw_store_throw(e->store, exn);
    return QW_TRAP_EXCEPTION;
}

static qw_extern find(const env *e, const char *name)
{
    uint32_t n = qw_module_export_count(e->mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info x = qw_module_export(e->mod, i);
        if (x.name_len == strlen(name) && memcmp(x.name, name, x.name_len) == 0)
            return qw_instance_export(e->inst, i);
    }
    return (qw_extern){.kind = QW_EXTERN_FUNC, .of.func = NULL};
}

static qw_func *fn(const env *e, const char *name)
{
    return find(e, name).of.func;
}

/* Compiles and instantiates interp.wat; false (everything released) on any failure. */
static bool env_open(env *e, const qw_store_config *cfg, qw_error *err, qw_trap *trap)
{
    memset(e, 0, sizeof *e);
    *trap = QW_TRAP_NONE;
    e->store = qw_store_new(eng, cfg);
    if (!e->store) {
        err->kind = QW_ERR_OOM;
        return false;
    }
    e->mod = qw_module_compile(eng, module_interp, sizeof module_interp, err);
    static const qw_valtype p3[] = {QW_I32, QW_I64, QW_F64}, r2[] = {QW_I64, QW_F64};
    if (e->mod) {
        e->add3 = qw_func_new_host(e->store, p3, 3, r2, 2, add3, e, NULL, err);
        e->fail = qw_func_new_host(e->store, NULL, 0, NULL, 0, fail, e, NULL, err);
    }
    if (e->add3 && e->fail) {
        qw_extern imports[2] = {{.kind = QW_EXTERN_FUNC, .of.func = e->add3},
                                {.kind = QW_EXTERN_FUNC, .of.func = e->fail}};
        e->inst = qw_instance_new(e->store, e->mod, imports, 2, err, trap);
    }
    if (e->inst) {
        e->tag = find(e, "e").of.tag;
        return true;
    }
    qw_func_unref(e->add3);
    qw_func_unref(e->fail);
    qw_module_unref(e->mod);
    qw_store_unref(e->store);
    return false;
}

static void env_close(env *e)
{
    qw_instance_unref(e->inst);
    qw_func_unref(e->add3);
    qw_func_unref(e->fail);
    qw_module_unref(e->mod);
    qw_store_unref(e->store);
}

static void test_calls(void)
{
    env e;
    qw_error err;
    qw_trap trap;
    if (!env_open(&e, NULL, &err, &trap)) {
        CHECK(!"instantiation failed");
        return;
    }
    qw_val a[3], r[2];
    a[0].i64 = 20;
    CHECK(qw_func_call(e.store, fn(&e, "fac"), a, r) == QW_TRAP_NONE);
    CHECK(r[0].i64 == UINT64_C(2432902008176640000));
    /* call_indirect through the table: fac, then the identity, then past the end */
    a[0].i32 = 0, a[1].i64 = 5;
    CHECK(qw_func_call(e.store, fn(&e, "indirect"), a, r) == QW_TRAP_NONE && r[0].i64 == 120);
    a[0].i32 = 1, a[1].i64 = 7;
    CHECK(qw_func_call(e.store, fn(&e, "indirect"), a, r) == QW_TRAP_NONE && r[0].i64 == 7);
    a[0].i32 = 2;
    CHECK(qw_func_call(e.store, fn(&e, "indirect"), a, r) == QW_TRAP_UNDEFINED_ELEMENT);
    /* a host function with three parameters and two results, called from Wasm */
    a[0].i32 = 1, a[1].i64 = 2, a[2].f64 = 0.25;
    CHECK(qw_func_call(e.store, fn(&e, "call_host"), a, r) == QW_TRAP_NONE);
    CHECK(r[0].i64 == 3 && r[1].f64 == 0.5 && e.calls == 1);
    /* two results that are the parameters swapped: the moves must not clobber each other */
    a[0].i32 = 1, a[1].i32 = 2;
    CHECK(qw_func_call(e.store, fn(&e, "swap"), a, r) == QW_TRAP_NONE);
    CHECK(r[0].i32 == 2 && r[1].i32 == 1);
    /* a host function called directly */
    a[0].i32 = 10, a[1].i64 = 20, a[2].f64 = -1;
    CHECK(qw_func_call(e.store, e.add3, a, r) == QW_TRAP_NONE && r[0].i64 == 30 && r[1].f64 == -2);
    env_close(&e);
}

static void test_traps_leave_store_usable(void)
{
    env e;
    qw_error err;
    qw_trap trap;
    qw_store_config cfg = {.stack_bytes = 64 * 1024};
    if (!env_open(&e, &cfg, &err, &trap)) {
        CHECK(!"instantiation failed");
        return;
    }
    qw_val a[2], r[2];
    a[0].i32 = 1, a[1].i32 = 0;
    CHECK(qw_func_call(e.store, fn(&e, "div"), a, r) == QW_TRAP_INT_DIV_ZERO);
    const qw_module *where = NULL;
    uint32_t funcidx = 0;
    CHECK(qw_store_trap_location(e.store, &where, &funcidx) && where == e.mod && funcidx == 12);
    a[0].i32 = (uint32_t)INT32_MIN, a[1].i32 = (uint32_t)-1;
    CHECK(qw_func_call(e.store, fn(&e, "div"), a, r) == QW_TRAP_INT_OVERFLOW);
    a[0].i32 = 7, a[1].i32 = (uint32_t)-2;
    CHECK(qw_func_call(e.store, fn(&e, "div"), a, r) == QW_TRAP_NONE && r[0].i32 == (uint32_t)-3);
    /* infinite recursion ends in a trap, not a crash, and the stack is whole again after */
    CHECK(qw_func_call(e.store, fn(&e, "recurse"), NULL, NULL) == QW_TRAP_STACK_EXHAUSTED);
    CHECK(strcmp(qw_trap_message(QW_TRAP_STACK_EXHAUSTED), "call stack exhausted") == 0);
    a[0].i64 = 10;
    CHECK(qw_func_call(e.store, fn(&e, "fac"), a, r) == QW_TRAP_NONE && r[0].i64 == 3628800);
    /* an interrupt stops a loop once; the next call runs */
    qw_store_interrupt(e.store);
    CHECK(qw_func_call(e.store, fn(&e, "spin"), NULL, NULL) == QW_TRAP_INTERRUPTED);
    CHECK(qw_func_call(e.store, fn(&e, "fac"), a, r) == QW_TRAP_NONE && r[0].i64 == 3628800);
    /* a failing host function */
    e.fail_mode = FAIL_HOST;
    CHECK(qw_func_call(e.store, fn(&e, "call_fail"), NULL, NULL) == QW_TRAP_HOST);
    CHECK(qw_func_call(e.store, fn(&e, "fac"), a, r) == QW_TRAP_NONE);
    env_close(&e);
}

/* qw_func_call keeps the callee's instance for the length of the call: calls that drop no count
 * leave it as it was, and when its last count goes during a call, it goes once the call returns. */
static void test_call_keeps_instance_until_return(void)
{
    env e;
    qw_error err;
    qw_trap trap;
    if (!env_open(&e, NULL, &err, &trap)) {
        CHECK(!"instantiation failed");
        return;
    }
    qw_func *call_fail = qw_func_ref(fn(&e, "call_fail"));
    qw_instance_unref(e.inst); /* from here on, call_fail's count alone holds the instance */
    e.inst = NULL;
    e.fail_mode = FAIL_DROP;
    CHECK(qw_func_call(e.store, call_fail, NULL, NULL) == QW_TRAP_NONE);
    long live = alloc.live; /* now with the store's stacks, allocated by the first call */
    for (int i = 0; i < 3; i++)
        CHECK(qw_func_call(e.store, call_fail, NULL, NULL) == QW_TRAP_NONE);
    CHECK(alloc.live == live);
    e.dropped = call_fail; /* the host drops the last count while the instance runs */
    CHECK(qw_func_call(e.store, call_fail, NULL, NULL) == QW_TRAP_NONE);
    CHECK(e.dropped == NULL && alloc.live < live);
    env_close(&e);
}

static void test_memory(void)
{
    env e;
    qw_error err;
    qw_trap trap;
    if (!env_open(&e, NULL, &err, &trap)) {
        CHECK(!"instantiation failed");
        return;
    }
    qw_memory *mem = find(&e, "mem").of.memory;
    qw_val a[1], r[1];
    qw_memory_data(mem)[65532] = 0x2a;
    a[0].i32 = 65532;
    CHECK(qw_func_call(e.store, fn(&e, "load"), a, r) == QW_TRAP_NONE && r[0].i32 == 0x2a);
    a[0].i32 = 65533;
    CHECK(qw_func_call(e.store, fn(&e, "load"), a, r) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    a[0].i32 = UINT32_MAX;
    CHECK(qw_func_call(e.store, fn(&e, "load"), a, r) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    /* a scaled-index load: 100 + (3 << 2) + 4 = 116; the sum wraps at 2^32 like i32.add */
    qw_val ea[2], er[1];
    memcpy(qw_memory_data(mem) + 116, "\x78\x56\x34\x12", 4);
    ea[0].i32 = 100, ea[1].i32 = 3;
    CHECK(qw_func_call(e.store, fn(&e, "elem"), ea, er) == QW_TRAP_NONE && er[0].i32 == 0x12345678);
    ea[0].i32 = 116 - 4 - 8, ea[1].i32 = 0x40000002; /* (0x40000002 << 2) wraps to 8 */
    CHECK(qw_func_call(e.store, fn(&e, "elem"), ea, er) == QW_TRAP_NONE && er[0].i32 == 0x12345678);
    ea[0].i32 = 65532, ea[1].i32 = 0; /* + offset 4: past the first page */
    CHECK(qw_func_call(e.store, fn(&e, "elem"), ea, er) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    a[0].i32 = 1;
    CHECK(qw_func_call(e.store, fn(&e, "grow"), a, r) == QW_TRAP_NONE && r[0].i32 == 1);
    a[0].i32 = 65536;
    CHECK(qw_func_call(e.store, fn(&e, "load"), a, r) == QW_TRAP_NONE && r[0].i32 == 0);
    a[0].i32 = 1; /* beyond the maximum of 2 pages */
    CHECK(qw_func_call(e.store, fn(&e, "grow"), a, r) == QW_TRAP_NONE && r[0].i32 == UINT32_MAX);
    CHECK(qw_memory_pages(mem) == 2);
    /* growth from the host is seen by the next call */
    env_close(&e);
}

static void test_exceptions(void)
{
    env e;
    qw_error err;
    qw_trap trap;
    if (!env_open(&e, NULL, &err, &trap)) {
        CHECK(!"instantiation failed");
        return;
    }
    qw_val a[1];
    a[0].i32 = 7;
    CHECK(qw_func_call(e.store, fn(&e, "throw"), a, NULL) == QW_TRAP_EXCEPTION);
    qw_exception *exn = qw_store_take_exception(e.store);
    uint32_t n = 0;
    const qw_val *args = exn ? qw_exception_args(exn, &n) : NULL;
    CHECK(exn && qw_exception_tag(exn) == e.tag && n == 1 && args[0].i32 == 7);
    qw_exception_unref(exn);
    /* thrown by a host function, through a Wasm frame, out to the caller */
    e.fail_mode = FAIL_THROW;
    CHECK(qw_func_call(e.store, fn(&e, "call_fail"), NULL, NULL) == QW_TRAP_EXCEPTION);
    exn = qw_store_take_exception(e.store);
    args = exn ? qw_exception_args(exn, &n) : NULL;
    CHECK(exn && n == 1 && args[0].i32 == 42);
    qw_exception_unref(exn);
    CHECK(qw_store_take_exception(e.store) == NULL);
    env_close(&e);
}

/* Calls export `name` of a module with no imports, one i32 argument, one i32 result. */
static qw_trap call_i32(qw_store *store, qw_instance *inst, const char *name, uint32_t arg,
                        uint32_t *out)
{
    const qw_module *mod = qw_instance_module(inst);
    for (uint32_t i = 0; i < qw_module_export_count(mod); i++) {
        qw_export_info x = qw_module_export(mod, i);
        if (x.name_len == strlen(name) && memcmp(x.name, name, x.name_len) == 0) {
            qw_val a = {.i32 = arg}, r = {0};
            qw_trap t = qw_func_call(store, qw_instance_export(inst, i).of.func, &a, &r);
            *out = r.i32;
            return t;
        }
    }
    return QW_TRAP_UNREACHABLE;
}

static void test_legacy_exceptions(void)
{
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_trap trap;
    qw_module *mod =
        qw_module_compile(eng, module_interp_legacy, sizeof module_interp_legacy, &err);
    qw_instance *inst = mod ? qw_instance_new(store, mod, NULL, 0, &err, &trap) : NULL;
    CHECK(inst != NULL);
    if (inst) {
        uint32_t r = 0;
        CHECK(call_i32(store, inst, "catch", 5, &r) == QW_TRAP_NONE && r == 105);
        CHECK(call_i32(store, inst, "catch_all", 0, &r) == QW_TRAP_NONE && r == 7);
        CHECK(call_i32(store, inst, "rethrow", 5, &r) == QW_TRAP_NONE && r == 6);
        CHECK(call_i32(store, inst, "delegate", 5, &r) == QW_TRAP_NONE && r == 1005);
        CHECK(call_i32(store, inst, "uncaught", 0, &r) == QW_TRAP_EXCEPTION);
        qw_exception_unref(qw_store_take_exception(store));
    }
    qw_instance_unref(inst);
    qw_module_unref(mod);
    qw_store_unref(store);
}

static int released; /* host values whose last extern box went */

static void count_release(void *user, qw_hostval *v)
{
    (void)user;
    (void)v;
    released++;
}

/* (v128, externref, f32) -> (externref, v128 reversed, -f32) */
static qw_trap host_swap(void *user, const qw_val *args, qw_val *results)
{
    (void)user;
    results[0].ref = qw_ref_retain(args[1].ref); /* results are handed over with a count */
    for (int i = 0; i < 16; i++)
        results[1].v128.bytes[i] = args[0].v128.bytes[15 - i];
    results[2].f32 = -args[2].f32;
    return QW_TRAP_NONE;
}

static void test_host_vectors_and_references(void)
{
    qw_store_config cfg = {.host_release = count_release};
    qw_store *store = qw_store_new(eng, &cfg);
    qw_error err;
    qw_trap trap;
    static const qw_valtype p[] = {QW_V128, QW_EXTERNREF, QW_F32},
                            r[] = {QW_EXTERNREF, QW_V128, QW_F32};
    qw_func *swap = qw_func_new_host(store, p, 3, r, 3, host_swap, NULL, NULL, &err);
    qw_module *mod = qw_module_compile(eng, module_interp_host, sizeof module_interp_host, &err);
    qw_extern imp = {.kind = QW_EXTERN_FUNC, .of.func = swap};
    qw_instance *inst = mod ? qw_instance_new(store, mod, &imp, 1, &err, &trap) : NULL;
    CHECK(inst != NULL);
    qw_hostval hv = {{7, 0}};
    qw_ref box = NULL;
    CHECK(qw_extern_new(store, &hv, &box, &err));
    released = 0;
    if (inst && box) {
        qw_val a[3], res[3];
        for (int i = 0; i < 16; i++)
            a[0].v128.bytes[i] = (uint8_t)i;
        a[1].ref = box;
        a[2].f32 = 1.5f;
        CHECK(qw_func_call(store, qw_instance_export(inst, 0).of.func, a, res) == QW_TRAP_NONE);
        CHECK(res[0].ref == box && res[1].v128.bytes[0] == 15 && res[1].v128.bytes[15] == 0 &&
              res[2].f32 == -1.5f);
        CHECK(qw_ref_count(box) == 2); /* ours and the result's */
        qw_ref_release(res[0].ref);
        /* through a table and out again; the table's count goes with the overwrite */
        qw_val k = {.ref = box}, kr;
        CHECK(qw_func_call(store, qw_instance_export(inst, 1).of.func, &k, &kr) == QW_TRAP_NONE);
        CHECK(kr.ref == box && qw_ref_count(box) == 2);
        qw_ref_release(kr.ref);
        CHECK(qw_ref_count(box) == 1 && released == 0);
    }
    qw_ref_release(box);
    CHECK(released == 1);
    qw_instance_unref(inst);
    qw_module_unref(mod);
    qw_func_unref(swap);
    qw_store_unref(store);
}

static void test_link_errors(void)
{
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_trap trap;
    qw_module *mod = qw_module_compile(eng, module_interp, sizeof module_interp, &err);
    qw_func *f = qw_func_new_host(store, NULL, 0, NULL, 0, fail, NULL, NULL, &err);
    qw_memory *mem = qw_memory_new(store, 1, 1, false, false, &err);
    /* a memory where a function is expected */
    qw_extern imports[2] = {{.kind = QW_EXTERN_MEMORY, .of.memory = mem},
                            {.kind = QW_EXTERN_FUNC, .of.func = f}};
    CHECK(qw_instance_new(store, mod, imports, 2, &err, &trap) == NULL);
    CHECK_ERR(&err, QW_ERR_LINK, "incompatible import type");
    CHECK(trap == QW_TRAP_NONE);
    /* a function of the wrong type ([] -> [] for [i32 i64 f64] -> [i64 f64]) */
    imports[0] = (qw_extern){.kind = QW_EXTERN_FUNC, .of.func = f};
    CHECK(qw_instance_new(store, mod, imports, 2, &err, &trap) == NULL);
    CHECK_ERR(&err, QW_ERR_LINK, "incompatible import type");
    /* too few imports */
    CHECK(qw_instance_new(store, mod, imports, 1, &err, &trap) == NULL);
    CHECK(err.kind == QW_ERR_LINK);
    qw_memory_unref(mem);
    qw_func_unref(f);
    qw_module_unref(mod);
    qw_store_unref(store);
}

static void test_start_trap(void)
{
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_trap trap;
    qw_module *mod = qw_module_compile(eng, module_interp_start, sizeof module_interp_start, &err);
    CHECK(mod != NULL);
    CHECK(qw_instance_new(store, mod, NULL, 0, &err, &trap) == NULL);
    CHECK(err.kind == QW_ERR_NONE && trap == QW_TRAP_INT_DIV_ZERO);
    qw_module_unref(mod);
    qw_store_unref(store);
}

static void test_big_memory_commits_one_page(void)
{
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_trap trap;
    qw_module *mod = qw_module_compile(eng, module_interp_big, sizeof module_interp_big, &err);
    qw_instance *inst = mod ? qw_instance_new(store, mod, NULL, 0, &err, &trap) : NULL;
    CHECK(inst != NULL);
    CHECK(qw_store_memory_committed(store) == QW_PAGE_SIZE);
    qw_instance_unref(inst);
    qw_module_unref(mod);
    qw_store_unref(store);
}

static void count_visit(void *user, qw_ref ref)
{
    (void)ref;
    ++*(int *)user;
}

/* What an embedder's collector reads: live instances, a function's index and instance, and the
 * references an instance holds while one handle is all that keeps it. */
static void test_instance_ownership(void)
{
    env e;
    qw_error err = {0};
    qw_trap trap;
    CHECK(env_open(&e, NULL, &err, &trap));
    qw_store *store = qw_store_ref(e.store);
    CHECK(qw_store_instance_count(store) == 1);
    qw_func *fac = fn(&e, "fac");
    CHECK(qw_func_index(fac) == 2); /* after the two imports */
    CHECK(qw_func_index(e.add3) == QW_NO_FUNC);
    CHECK(qw_func_instance(fac) == e.inst);
    CHECK(qw_func_instance(e.add3) == NULL);
    /* Its table holds two of its own functions: they do not count as outside holders. */
    int visits = 0;
    CHECK(qw_instance_visit_owned(e.inst, count_visit, &visits));
    CHECK(visits == 4); /* the two imports and the table's two functions */
    qw_func_ref(fac);   /* an outside holder */
    visits = 0;
    CHECK(!qw_instance_visit_owned(e.inst, count_visit, &visits));
    CHECK(visits == 0);
    qw_func_unref(fac);
    qw_instance *again = qw_instance_ref(e.inst); /* a second handle */
    CHECK(!qw_instance_visit_owned(e.inst, count_visit, &visits));
    qw_instance_unref(again);
    CHECK(qw_instance_visit_owned(e.inst, count_visit, &visits));
    env_close(&e); /* the last handle: the instance goes with its cycle through the table */
    CHECK(qw_store_instance_count(store) == 0);
    qw_store_unref(store);
}

/* Every allocation of compile + instantiate + calls fails in turn: each run ends in an error or
 * a trap and leaves nothing allocated. */
static void test_every_allocation_failing(void)
{
    int clean = 1;
    long n, base = alloc.live;
    for (n = 1; n < 400; n++) {
        alloc.calls = 0;
        alloc.fail_at = n;
        env e;
        qw_error err = {0};
        qw_trap trap;
        bool done = false;
        if (env_open(&e, NULL, &err, &trap)) {
            qw_val a[3], r[2];
            a[0].i64 = 10;
            qw_trap t = qw_func_call(e.store, fn(&e, "fac"), a, r);
            if (t != QW_TRAP_NONE && t != QW_TRAP_OOM)
                clean = 0;
            a[0].i32 = 1, a[1].i64 = 2, a[2].f64 = 3;
            t = qw_func_call(e.store, fn(&e, "call_host"), a, r);
            if (t != QW_TRAP_NONE && t != QW_TRAP_OOM)
                clean = 0;
            done = alloc.calls < n; /* nothing failed: every allocation was tried */
            env_close(&e);
        } else if (err.kind != QW_ERR_OOM && trap != QW_TRAP_OOM) {
            fprintf(stderr, "allocation %ld failing: error %d \"%s\", trap %d\n", n, err.kind,
                    err.msg, trap);
            clean = 0;
        }
        if (alloc.live != base) {
            fprintf(stderr, "allocation %ld failing: %ld blocks left (error %d, trap %d)\n", n,
                    alloc.live, err.kind, trap);
            alloc.live = base;
            clean = 0;
        }
        if (done)
            break;
    }
    alloc.fail_at = 0;
    CHECK(clean);
    CHECK(n < 400); /* reached the run where nothing fails */
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_calls);
    RUN(test_traps_leave_store_usable);
    RUN(test_call_keeps_instance_until_return);
    RUN(test_memory);
    RUN(test_exceptions);
    RUN(test_legacy_exceptions);
    RUN(test_host_vectors_and_references);
    RUN(test_link_errors);
    RUN(test_start_trap);
    RUN(test_instance_ownership);
    RUN(test_big_memory_commits_one_page);
    RUN(test_every_allocation_failing);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
