/* Unit tests of gc.c and gc_collect.c: GC structs and arrays across the embedder boundary,
 * cycles between objects and through an instance's global and functions, collection while code
 * runs, huge arrays and the store's memory limit, and allocation failure on every path. */
#include "alloc_hook.h"
#include "qw.h"
#include "wasm_build.h"

#include <stdint.h>
#include <string.h>

static int released;

static void host_release(void *user, qw_hostval *val)
{
    (void)val;
    (*(int *)user)++;
}

static qw_store *new_store(qw_engine *eng, uint64_t max_memory)
{
    qw_store_config cfg = {0};
    cfg.host_release = host_release;
    cfg.host_user = &released;
    cfg.max_memory_bytes = max_memory;
    return qw_store_new(eng, &cfg);
}

/* (type $node (struct (field (mut (ref null $node))) (field (mut externref))
 *                     (field (mut funcref))))
 * (type (func (param externref) (result (ref null $node))))
 * (type (func (param i32)))
 * (type $a (array (mut i64)))
 * (type (func (param i32) (result (ref null $a))))
 * (type (func))
 * (global $g (mut (ref null $node)) (ref.null $node))
 * (func $cycle (export "cycle") (param externref) (result (ref null $node)) (local $a ...)
 *   a = {null, p, $cycle}; b = {a, p, $cycle}; a.0 = b; a)
 * (func (export "garbage") (param $n i32): calls $cycle(null) n times, dropping each)
 * (func (export "big") (param i32) (result (ref null $a)): array.new_default $a)
 * (func (export "keep") (global.set $g (call $cycle (ref.null extern)))) */
static void build_module(wbuf *w)
{
    static const uint8_t types[] = {
        6,    0x5F, 3,    0x63, 0x00, 0x01, 0x6F, 0x01, 0x70, 0x01, /* $node */
        0x60, 1,    0x6F, 1,    0x63, 0x00,                         /* cycle */
        0x60, 1,    0x7F, 0,                                        /* garbage */
        0x5E, 0x7E, 0x01,                                           /* $a */
        0x60, 1,    0x7F, 1,    0x63, 0x03,                         /* big */
        0x60, 0,    0,                                              /* keep */
    };
    static const uint8_t funcs[] = {4, 1, 2, 4, 5};
    static const uint8_t globals[] = {1, 0x63, 0x00, 0x01, 0xD0, 0x00, 0x0B};
    static const uint8_t exports[] = {4,   5,   'c', 'y', 'c', 'l', 'e', 0,   0, 7,   'g',
                                      'a', 'r', 'b', 'a', 'g', 'e', 0,   1,   3, 'b', 'i',
                                      'g', 0,   2,   4,   'k', 'e', 'e', 'p', 0, 3};
    static const uint8_t cycle[] = {1,    1,    0x63, 0x00, 0xD0, 0x00, 0x20, 0x00, 0xD2,
                                    0x00, 0xFB, 0x00, 0x00, 0x21, 0x01, 0x20, 0x01, 0x20,
                                    0x01, 0x20, 0x00, 0xD2, 0x00, 0xFB, 0x00, 0x00, 0xFB,
                                    0x05, 0x00, 0x00, 0x20, 0x01, 0x0B};
    static const uint8_t garbage[] = {0,    0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0D,
                                      0x01, 0xD0, 0x6F, 0x10, 0x00, 0x1A, 0x20, 0x00, 0x41,
                                      0x01, 0x6B, 0x21, 0x00, 0x0C, 0x00, 0x0B, 0x0B, 0x0B};
    static const uint8_t big[] = {0, 0x20, 0x00, 0xFB, 0x07, 0x03, 0x0B};
    static const uint8_t keep[] = {0, 0xD0, 0x6F, 0x10, 0x00, 0x24, 0x00, 0x0B};
    wbuf s = {0};
    wb_header(w);
    wb_bytes(&s, types, sizeof types);
    wb_section(w, 1, &s);
    s.n = 0;
    wb_bytes(&s, funcs, sizeof funcs);
    wb_section(w, 3, &s);
    s.n = 0;
    wb_bytes(&s, globals, sizeof globals);
    wb_section(w, 6, &s);
    s.n = 0;
    wb_bytes(&s, exports, sizeof exports);
    wb_section(w, 7, &s);
    s.n = 0;
    const struct {
        const uint8_t *b;
        size_t n;
    } bodies[] = {
        {cycle, sizeof cycle}, {garbage, sizeof garbage}, {big, sizeof big}, {keep, sizeof keep}};
    wb_u32(&s, 4);
    for (int i = 0; i < 4; i++) {
        wb_u32(&s, bodies[i].n);
        wb_bytes(&s, bodies[i].b, bodies[i].n);
    }
    wb_section(w, 10, &s);
    wb_free(&s);
}

typedef struct env {
    qw_store *store;
    qw_module *mod;
    qw_instance *inst;
    qw_error err;
} env;

static bool env_open(env *e, qw_engine *eng, uint64_t max_memory)
{
    memset(e, 0, sizeof *e);
    wbuf w = {0};
    build_module(&w);
    e->store = new_store(eng, max_memory);
    if (e->store)
        e->mod = qw_module_compile(eng, w.b, w.n, &e->err);
    wb_free(&w);
    qw_trap trap = QW_TRAP_NONE;
    if (e->mod)
        e->inst = qw_instance_new(e->store, e->mod, NULL, 0, &e->err, &trap);
    return e->inst != NULL;
}

static void env_close(env *e)
{
    qw_instance_unref(e->inst);
    qw_module_unref(e->mod);
    qw_store_collect(e->store);
    qw_store_unref(e->store);
}

static qw_func *export_func(const env *e, uint32_t i)
{
    return qw_instance_export(e->inst, i).of.func;
}

/* A cycle of two structs holding a host value and a function of their instance: the embedder's
 * handle keeps it; once dropped, a collection frees it and the host value with it. */
static void test_cycle_with_host_value(void)
{
    qw_engine *eng = test_engine_new();
    env e;
    CHECK(env_open(&e, eng, 0));
    released = 0;
    qw_hostval hv = {{7, 7}};
    qw_val arg = {0}, res = {0};
    CHECK(qw_extern_new(e.store, &hv, &arg.ref, &e.err));
    CHECK(qw_func_call(e.store, export_func(&e, 0), &arg, &res) == QW_TRAP_NONE);
    CHECK(qw_ref_kind(res.ref) == QW_REFKIND_STRUCT && qw_ref_count(res.ref) == 2);
    CHECK(qw_ref_matches(res.ref, QW_VT_REFTYPE(0, QW_HT_EQ)));
    CHECK(!qw_ref_matches(res.ref, QW_VT_REFTYPE(0, QW_HT_ARRAY)));
    qw_ref_release(arg.ref);
    qw_store_collect(e.store);
    CHECK(released == 0); /* still held by the embedder */
    qw_ref_release(res.ref);
    CHECK(released == 0); /* a cycle: counts alone cannot free it */
    qw_store_collect(e.store);
    CHECK(released == 1);
    env_close(&e);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* The instance's global holds a cycle that holds the instance's own function: dropping the
 * instance handle frees instance and cycle together. */
static void test_cycle_through_instance(void)
{
    qw_engine *eng = test_engine_new();
    env e;
    CHECK(env_open(&e, eng, 0));
    CHECK(qw_func_call(e.store, export_func(&e, 3), NULL, NULL) == QW_TRAP_NONE);
    qw_instance_unref(e.inst);
    e.inst = NULL;
    CHECK(qw_store_memory_committed(e.store) == 0); /* the GC objects' bytes were refunded */
    env_close(&e);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* One call making far more garbage than the store's memory limit allows: collections while the
 * code runs keep it within bounds. */
static void test_collect_while_running(void)
{
    qw_engine *eng = test_engine_new();
    env e;
    CHECK(env_open(&e, eng, 16u << 20));
    qw_val n = {.i32 = 300000}; /* two structs each: about 60 MiB in all */
    CHECK(qw_func_call(e.store, export_func(&e, 1), &n, NULL) == QW_TRAP_NONE);
    CHECK(qw_store_memory_committed(e.store) < (16u << 20));
    env_close(&e);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* Arrays beyond the store's limit or beyond the largest object trap cleanly; the store stays
 * usable. */
static void test_huge_arrays(void)
{
    qw_engine *eng = test_engine_new();
    env e;
    CHECK(env_open(&e, eng, 64u << 20));
    qw_val n = {.i32 = 0xFFFFFFFFu}, res = {0};
    CHECK(qw_func_call(e.store, export_func(&e, 2), &n, &res) == QW_TRAP_OOM);
    n.i32 = 16u << 20; /* 128 MiB of i64: over the store's limit */
    CHECK(qw_func_call(e.store, export_func(&e, 2), &n, &res) == QW_TRAP_OOM);
    n.i32 = 1000;
    CHECK(qw_func_call(e.store, export_func(&e, 2), &n, &res) == QW_TRAP_NONE);
    CHECK(qw_ref_kind(res.ref) == QW_REFKIND_ARRAY);
    qw_ref_release(res.ref);
    env_close(&e);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* (global (export "g") (ref $a) (array.new_fixed $a 100 (i64.const 1) ...)): a constant
 * expression deeper than the evaluator's stack on the C stack. */
static void test_const_array_new_fixed(void)
{
    qw_engine *eng = test_engine_new();
    wbuf w = {0}, s = {0};
    wb_header(&w);
    wb_bytes(&s, (const uint8_t[]){1, 0x5E, 0x7E, 0x01}, 4);
    wb_section(&w, 1, &s);
    s.n = 0;
    wb_bytes(&s, (const uint8_t[]){1, 0x64, 0x00, 0x00}, 4);
    for (int i = 0; i < 100; i++)
        wb_bytes(&s, (const uint8_t[]){0x42, 0x01}, 2);
    wb_bytes(&s, (const uint8_t[]){0xFB, 0x08, 0x00, 100, 0x0B}, 5);
    wb_section(&w, 6, &s);
    s.n = 0;
    wb_bytes(&s, (const uint8_t[]){1, 1, 'g', 3, 0}, 5);
    wb_section(&w, 7, &s);
    qw_store *store = new_store(eng, 0);
    qw_error err = {0};
    qw_module *mod = qw_module_compile(eng, w.b, w.n, &err);
    CHECK(mod != NULL);
    qw_trap trap = QW_TRAP_NONE;
    qw_instance *inst = mod ? qw_instance_new(store, mod, NULL, 0, &err, &trap) : NULL;
    CHECK(inst != NULL);
    if (inst) {
        qw_val v;
        qw_global_get(qw_instance_export(inst, 0).of.global, &v);
        CHECK(qw_ref_kind(v.ref) == QW_REFKIND_ARRAY && qw_ref_count(v.ref) == 1);
    }
    qw_instance_unref(inst);
    qw_module_unref(mod);
    qw_store_unref(store);
    wb_free(&w);
    wb_free(&s);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static bool scenario_gc(qw_engine *eng)
{
    env e;
    bool ok = env_open(&e, eng, 0);
    qw_val n = {.i32 = 3}, res = {0};
    if (ok) {
        qw_trap t = qw_func_call(e.store, export_func(&e, 1), &n, NULL);
        ok = t == QW_TRAP_NONE;
        CHECK(ok || t == QW_TRAP_OOM);
    }
    if (ok) {
        qw_trap t = qw_func_call(e.store, export_func(&e, 0), &res, &res);
        ok = t == QW_TRAP_NONE;
        CHECK(ok || t == QW_TRAP_OOM);
        if (ok)
            qw_ref_release(res.ref);
    }
    if (ok) {
        qw_trap t = qw_func_call(e.store, export_func(&e, 3), NULL, NULL);
        ok = t == QW_TRAP_NONE;
        CHECK(ok || t == QW_TRAP_OOM);
    }
    env_close(&e);
    return ok;
}

static void test_gc_oom(void)
{
    CHECK_OOM(scenario_gc);
}

int main(void)
{
    RUN(test_cycle_with_host_value);
    RUN(test_cycle_through_instance);
    RUN(test_collect_while_running);
    RUN(test_huge_arrays);
    RUN(test_const_array_new_fixed);
    RUN(test_gc_oom);
    return check_summary();
}
