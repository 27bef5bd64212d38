/* test_bounds.c: memory safety of generated accesses at every boundary: loads and stores of each
 * width at the last byte, one past it and far beyond, constant offsets near 2^32 (32-bit memory)
 * and 2^64 (memory64, where index + offset must not wrap), after memory.grow; memory.fill, copy and
 * init at the ends and overlapping both ways; table get/set/grow/fill/copy/init at the ends;
 * call_indirect through a null entry, past the end and with a mismatching type. A trapping bulk
 * operation writes nothing. Modules: tests/data/bounds*.wat (bounds_modules.h). */
#include "alloc_check.h"
#include "bounds_modules.h"
#include "check.h"
#include "wasm_build.h"

#include <stdarg.h>

static test_alloc alloc;
static qw_engine *eng;

#define PAGE 65536u
#define OOB  QW_TRAP_OUT_OF_BOUNDS_MEMORY
#define TOOB QW_TRAP_OUT_OF_BOUNDS_TABLE

typedef struct env {
    qw_store *store;
    qw_module *mod;
    qw_instance *inst;
} env;

static bool env_open(env *e, const uint8_t *bin, size_t len)
{
    qw_error err;
    qw_trap trap = QW_TRAP_NONE;
    memset(e, 0, sizeof *e);
    e->store = qw_store_new(eng, NULL);
    e->mod = wb_compile(eng, bin, len);
    if (e->store && e->mod)
        e->inst = qw_instance_new(e->store, e->mod, NULL, 0, &err, &trap);
    CHECK(e->inst != NULL);
    return e->inst != NULL;
}

static void env_close(env *e)
{
    qw_instance_unref(e->inst);
    qw_store_unref(e->store);
    qw_module_unref(e->mod);
}

static qw_extern get_export(env *e, const char *name)
{
    for (uint32_t i = 0; i < qw_module_export_count(e->mod); i++) {
        qw_export_info x = qw_module_export(e->mod, i);
        if (x.name_len == strlen(name) && memcmp(x.name, name, x.name_len) == 0)
            return qw_instance_export(e->inst, i);
    }
    fprintf(stderr, "no export %s\n", name);
    abort();
}

/* Calls export `name` with integer arguments (each of the parameter's type); the first result,
 * as an unsigned 64-bit value, goes to *res when res is not NULL. */
static qw_trap call(env *e, const char *name, uint64_t *res, int nargs, ...)
{
    qw_func *f = get_export(e, name).of.func;
    uint32_t np, nr;
    const qw_valtype *pt = qw_func_params(f, &np);
    const qw_valtype *rt = qw_func_results(f, &nr);
    qw_val args[4] = {0}, results[2] = {0};
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs && i < 4; i++) {
        uint64_t v = va_arg(ap, uint64_t);
        if (pt[i] == QW_I32)
            args[i].i32 = (uint32_t)v;
        else
            args[i].i64 = v;
    }
    va_end(ap);
    if ((uint32_t)nargs != np)
        abort();
    qw_trap t = qw_func_call(e->store, f, args, results);
    if (res && nr)
        *res = rt[0] == QW_I32 ? results[0].i32 : results[0].i64;
    return t;
}

#define U(x) ((uint64_t)(x))

static uint8_t *mem_bytes(env *e)
{
    return qw_memory_data(get_export(e, "mem").of.memory);
}

/* Loads succeed up to the last byte and trap one past it, for each width. */
static void check_load_edges(env *e, uint64_t size)
{
    static const struct {
        const char *name;
        unsigned width;
    } loads[] = {{"load8", 1}, {"load16", 2}, {"load32", 4}, {"load64", 8}, {"loadv", 16}};
    for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++) {
        uint64_t r;
        CHECK(call(e, loads[i].name, &r, 1, U(0)) == QW_TRAP_NONE);
        CHECK(call(e, loads[i].name, &r, 1, size - loads[i].width) == QW_TRAP_NONE);
        CHECK(call(e, loads[i].name, &r, 1, size - loads[i].width + 1) == OOB);
        CHECK(call(e, loads[i].name, &r, 1, size) == OOB);
        CHECK(call(e, loads[i].name, &r, 1, U(0xFFFFFFFF)) == OOB);
    }
}

static void test_memory32_loads_and_stores(void)
{
    env e;
    if (!env_open(&e, module_bounds, sizeof module_bounds))
        return;
    uint64_t r = 0;
    check_load_edges(&e, PAGE);
    CHECK(call(&e, "store32", NULL, 2, U(PAGE - 4), U(0x11223344)) == QW_TRAP_NONE);
    CHECK(call(&e, "load32", &r, 1, U(PAGE - 4)) == QW_TRAP_NONE && r == 0x11223344);
    CHECK(call(&e, "load8", &r, 1, U(PAGE - 1)) == QW_TRAP_NONE && r == 0x11);
    /* a store one byte past the end writes none of its bytes */
    CHECK(call(&e, "store32", NULL, 2, U(PAGE - 3), U(0xAABBCCDD)) == OOB);
    CHECK(call(&e, "store64", NULL, 2, U(PAGE - 7), U(0xAABBCCDDEEFF0011)) == OOB);
    CHECK(call(&e, "load32", &r, 1, U(PAGE - 4)) == QW_TRAP_NONE && r == 0x11223344);
    /* the constant offset is added in 64 bits: 65532 + 4 fits, 65533 + 4 does not */
    CHECK(call(&e, "load32_off_16", &r, 1, U(0)) == QW_TRAP_NONE && r == 0x11223344);
    CHECK(call(&e, "load32_off_16", &r, 1, U(1)) == OOB);
    CHECK(call(&e, "load32_off_16", &r, 1, U(0xFFFFFFFF)) == OOB);
    /* offset 2^32-1: beyond any 32-bit memory, and index + offset must not wrap to 0 */
    CHECK(call(&e, "load8_off_max", &r, 1, U(0)) == OOB);
    CHECK(call(&e, "load8_off_max", &r, 1, U(1)) == OOB);
    CHECK(call(&e, "load8_off_max", &r, 1, U(0xFFFFFFFF)) == OOB);
    CHECK(call(&e, "store8_off_max", NULL, 1, U(1)) == OOB);
    CHECK(mem_bytes(&e)[0] == 0);
    env_close(&e);
}

static void test_memory32_after_grow(void)
{
    env e;
    if (!env_open(&e, module_bounds, sizeof module_bounds))
        return;
    uint64_t r = 0;
    CHECK(call(&e, "grow", &r, 1, U(1)) == QW_TRAP_NONE && r == 1);
    check_load_edges(&e, 2 * PAGE);
    CHECK(call(&e, "store32", NULL, 2, U(2 * PAGE - 4), U(7)) == QW_TRAP_NONE);
    CHECK(call(&e, "load32_off_16", &r, 1, U(PAGE)) == QW_TRAP_NONE && r == 7);
    CHECK(call(&e, "load32_off_16", &r, 1, U(PAGE + 1)) == OOB);
    /* beyond the maximum (3 pages): -1 and the size stays */
    CHECK(call(&e, "grow", &r, 1, U(2)) == QW_TRAP_NONE && r == 0xFFFFFFFF);
    CHECK(call(&e, "grow", &r, 1, U(0xFFFFFFFF)) == QW_TRAP_NONE && r == 0xFFFFFFFF);
    CHECK(call(&e, "size", &r, 0) == QW_TRAP_NONE && r == 2);
    CHECK(call(&e, "load8", &r, 1, U(2 * PAGE)) == OOB);
    CHECK(call(&e, "grow", &r, 1, U(1)) == QW_TRAP_NONE && r == 2);
    check_load_edges(&e, 3 * PAGE);
    env_close(&e);
}

static void test_memory32_fill_bounds(void)
{
    env e;
    if (!env_open(&e, module_bounds, sizeof module_bounds))
        return;
    uint8_t *m = mem_bytes(&e);
    CHECK(call(&e, "fill", NULL, 3, U(PAGE - 6), U(0xAB), U(6)) == QW_TRAP_NONE);
    CHECK(m[PAGE - 7] == 0 && m[PAGE - 6] == 0xAB && m[PAGE - 1] == 0xAB);
    /* one byte too many: nothing is written */
    CHECK(call(&e, "fill", NULL, 3, U(PAGE - 7), U(0xCD), U(8)) == OOB);
    CHECK(m[PAGE - 7] == 0 && m[PAGE - 6] == 0xAB);
    CHECK(call(&e, "fill", NULL, 3, U(1), U(0xCD), U(0xFFFFFFFF)) == OOB);
    CHECK(m[1] == 0);
    /* an empty fill at the end is allowed, one past the end is not */
    CHECK(call(&e, "fill", NULL, 3, U(PAGE), U(0), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "fill", NULL, 3, U(PAGE + 1), U(0), U(0)) == OOB);
    env_close(&e);
}

static void test_memory32_copy_overlap_and_bounds(void)
{
    env e;
    if (!env_open(&e, module_bounds, sizeof module_bounds))
        return;
    uint8_t *m = mem_bytes(&e);
    static const uint8_t fwd[] = {1, 2, 1, 2, 3, 4, 5, 6}, back[] = {3, 4, 5, 6, 7, 8, 7, 8};
    /* the destination above the source: copied as if through a temporary buffer */
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(8)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(2), U(0), U(6)) == QW_TRAP_NONE);
    CHECK(memcmp(m, fwd, 8) == 0);
    /* and below it */
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(8)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(2), U(6)) == QW_TRAP_NONE);
    CHECK(memcmp(m, back, 8) == 0);
    /* overlapping at the top end of memory */
    CHECK(call(&e, "fill", NULL, 3, U(PAGE - 4), U(9), U(4)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(PAGE - 4), U(PAGE - 6), U(4)) == QW_TRAP_NONE);
    CHECK(m[PAGE - 4] == 0 && m[PAGE - 3] == 0 && m[PAGE - 2] == 9 && m[PAGE - 1] == 9);
    /* either range one byte too long: nothing is copied */
    CHECK(call(&e, "copy", NULL, 3, U(PAGE - 7), U(0), U(8)) == OOB);
    CHECK(m[PAGE - 7] == 0);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(PAGE - 7), U(8)) == OOB);
    CHECK(m[0] == 3);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(1), U(0xFFFFFFFF)) == OOB);
    CHECK(call(&e, "copy", NULL, 3, U(PAGE), U(PAGE), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(PAGE + 1), U(0), U(0)) == OOB);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(PAGE + 1), U(0)) == OOB);
    env_close(&e);
}

static void test_memory32_init_bounds(void)
{
    env e;
    if (!env_open(&e, module_bounds, sizeof module_bounds))
        return;
    uint8_t *m = mem_bytes(&e);
    CHECK(call(&e, "init", NULL, 3, U(PAGE - 8), U(0), U(8)) == QW_TRAP_NONE);
    CHECK(m[PAGE - 8] == 1 && m[PAGE - 1] == 8);
    /* past the memory's end or past the segment's end: nothing is written */
    CHECK(call(&e, "init", NULL, 3, U(PAGE - 3), U(0), U(4)) == OOB);
    CHECK(m[PAGE - 3] == 6);
    CHECK(call(&e, "init", NULL, 3, U(100), U(1), U(8)) == OOB);
    CHECK(m[100] == 0);
    CHECK(call(&e, "init", NULL, 3, U(100), U(0xFFFFFFFF), U(2)) == OOB);
    CHECK(call(&e, "init", NULL, 3, U(PAGE), U(8), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "init", NULL, 3, U(0), U(9), U(0)) == OOB);
    CHECK(call(&e, "init", NULL, 3, U(PAGE + 1), U(0), U(0)) == OOB);
    /* a dropped segment has length 0 */
    CHECK(call(&e, "drop", NULL, 0) == QW_TRAP_NONE);
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(1)) == OOB);
    env_close(&e);
}

static void test_memory64_bounds(void)
{
    env e;
    if (!env_open(&e, module_bounds64, sizeof module_bounds64))
        return;
    uint64_t r;
    uint8_t *m = mem_bytes(&e);
    CHECK(call(&e, "load8", &r, 1, U(PAGE - 1)) == QW_TRAP_NONE);
    CHECK(call(&e, "load8", &r, 1, U(PAGE)) == OOB);
    CHECK(call(&e, "load32", &r, 1, U(PAGE - 4)) == QW_TRAP_NONE);
    CHECK(call(&e, "load32", &r, 1, U(PAGE - 3)) == OOB);
    CHECK(call(&e, "load64", &r, 1, U(PAGE - 8)) == QW_TRAP_NONE);
    CHECK(call(&e, "load64", &r, 1, U(PAGE - 7)) == OOB);
    /* indices whose low 32 bits are in bounds, and indices where index + size wraps */
    CHECK(call(&e, "load8", &r, 1, U(1) << 32) == OOB);
    CHECK(call(&e, "load32", &r, 1, (U(1) << 32) + 4) == OOB);
    CHECK(call(&e, "load8", &r, 1, UINT64_MAX) == OOB);
    CHECK(call(&e, "load32", &r, 1, UINT64_MAX - 2) == OOB);
    CHECK(call(&e, "load64", &r, 1, UINT64_MAX - 6) == OOB);
    CHECK(call(&e, "store32", NULL, 2, UINT64_MAX - 1, U(5)) == OOB);
    CHECK(call(&e, "store32", NULL, 2, U(1) << 32, U(5)) == OOB);
    CHECK(m[0] == 0);
    CHECK(call(&e, "grow", &r, 1, U(1)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "load8", &r, 1, U(2 * PAGE - 1)) == QW_TRAP_NONE);
    CHECK(call(&e, "load8", &r, 1, U(2 * PAGE)) == OOB);
    CHECK(call(&e, "grow", &r, 1, UINT64_MAX) == QW_TRAP_NONE && r == UINT64_MAX);
    CHECK(call(&e, "grow", &r, 1, U(1) << 32) == QW_TRAP_NONE && r == UINT64_MAX);
    /* bulk ranges whose end overflows 64 bits */
    m = mem_bytes(&e);
    CHECK(call(&e, "fill", NULL, 3, U(1), U(7), UINT64_MAX) == OOB);
    CHECK(call(&e, "fill", NULL, 3, UINT64_MAX, U(7), U(2)) == OOB);
    CHECK(m[1] == 0);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(1), UINT64_MAX) == OOB);
    CHECK(call(&e, "copy", NULL, 3, UINT64_MAX, U(0), U(1)) == OOB);
    CHECK(call(&e, "fill", NULL, 3, U(2 * PAGE - 2), U(7), U(2)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(2 * PAGE - 2), U(2)) == QW_TRAP_NONE);
    CHECK(m[0] == 7 && m[1] == 7);
    env_close(&e);
}

/* A memory64 module with one function (param i64) (result i32): i32.load8_u at a constant offset
 * the text tools cannot write (above 2^32). */
static qw_module *load8_at_offset(uint64_t offset)
{
    static const wsec secs[] = {
        WSEC(1, "\x01\x60\x01\x7E\x01\x7F"), /* (param i64) (result i32) */
        WSEC(5, "\x01\x05\x01\x03"),         /* memory i64 1 3 */
        WSEC(7, "\x01\x01"
                "f\x00\x00"),
    };
    uint8_t body[16] = {0x20, 0x00, 0x2D, 0x00};
    size_t nb = 4;
    do {
        uint8_t b = offset & 0x7F;
        offset >>= 7;
        body[nb++] = offset ? b | 0x80 : b;
    } while (offset);
    wbuf w = {0};
    wb_module(&w, secs, 3, body, nb);
    qw_module *mod = wb_compile(eng, w.b, w.n);
    wb_free(&w);
    return mod;
}

static qw_trap load8_offset_call(uint64_t offset, uint64_t index)
{
    qw_module *mod = load8_at_offset(offset);
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_trap trap = QW_TRAP_COUNT_;
    qw_instance *inst = mod ? qw_instance_new(store, mod, NULL, 0, &err, &trap) : NULL;
    if (inst) {
        qw_val arg = {.i64 = index}, res;
        trap = qw_func_call(store, qw_instance_export(inst, 0).of.func, &arg, &res);
    }
    qw_instance_unref(inst);
    qw_store_unref(store);
    qw_module_unref(mod);
    return trap;
}

static void test_memory64_offsets_near_2_64(void)
{
    CHECK(load8_offset_call(PAGE - 1, 0) == QW_TRAP_NONE);
    CHECK(load8_offset_call(PAGE - 1, 1) == OOB);
    CHECK(load8_offset_call(U(1) << 32, 0) == OOB);
    CHECK(load8_offset_call((U(1) << 32) - 1, 1) == OOB);
    /* offset 2^64-1: index + offset wraps to index - 1, which is in bounds; it must trap */
    CHECK(load8_offset_call(UINT64_MAX, 0) == OOB);
    CHECK(load8_offset_call(UINT64_MAX, 1) == OOB);
    CHECK(load8_offset_call(UINT64_MAX, 2) == OOB);
    CHECK(load8_offset_call(UINT64_MAX - PAGE, PAGE + 10) == OOB);
}

static void test_table_access_and_grow(void)
{
    env e;
    if (!env_open(&e, module_bounds_table, sizeof module_bounds_table))
        return;
    uint64_t r = 0;
    CHECK(call(&e, "is_null", &r, 1, U(3)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "is_null", &r, 1, U(4)) == TOOB);
    CHECK(call(&e, "is_null", &r, 1, U(0xFFFFFFFF)) == TOOB);
    CHECK(call(&e, "set_null", NULL, 1, U(4)) == TOOB);
    CHECK(call(&e, "set_null", NULL, 1, U(0x80000000)) == TOOB);
    CHECK(call(&e, "grow", &r, 1, U(2)) == QW_TRAP_NONE && r == 4);
    CHECK(call(&e, "grow", &r, 1, U(1)) == QW_TRAP_NONE && r == 0xFFFFFFFF); /* max 6 */
    CHECK(call(&e, "grow", &r, 1, U(0xFFFFFFFF)) == QW_TRAP_NONE && r == 0xFFFFFFFF);
    CHECK(call(&e, "size", &r, 0) == QW_TRAP_NONE && r == 6);
    CHECK(call(&e, "is_null", &r, 1, U(5)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "is_null", &r, 1, U(6)) == TOOB);
    CHECK(call(&e, "set_null", NULL, 1, U(5)) == QW_TRAP_NONE);
    env_close(&e);
}

static void test_call_indirect_checks(void)
{
    env e;
    if (!env_open(&e, module_bounds_table, sizeof module_bounds_table))
        return;
    uint64_t r = 0;
    CHECK(call(&e, "call", &r, 1, U(0)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "call", &r, 1, U(1)) == QW_TRAP_NONE && r == 2);
    char msg[QW_TRAP_MESSAGE_MAX];
    CHECK(call(&e, "call", &r, 1, U(2)) == QW_TRAP_UNINITIALIZED_ELEMENT);
    /* the message names the element, as the reference interpreter's does */
    qw_store_trap_message(e.store, QW_TRAP_UNINITIALIZED_ELEMENT, msg, sizeof msg);
    CHECK(strcmp(msg, "uninitialized element 2") == 0);
    CHECK(call(&e, "call", &r, 1, U(3)) == QW_TRAP_UNINITIALIZED_ELEMENT);
    qw_store_trap_message(e.store, QW_TRAP_UNINITIALIZED_ELEMENT, msg, sizeof msg);
    CHECK(strcmp(msg, "uninitialized element 3") == 0);
    CHECK(call(&e, "call", &r, 1, U(4)) == QW_TRAP_UNDEFINED_ELEMENT);
    /* a trap that records no operand, and a call after the one that recorded it */
    qw_store_trap_message(e.store, QW_TRAP_UNDEFINED_ELEMENT, msg, sizeof msg);
    CHECK(strcmp(msg, "undefined element") == 0);
    qw_store_trap_message(e.store, QW_TRAP_UNINITIALIZED_ELEMENT, msg, sizeof msg);
    CHECK(strcmp(msg, "uninitialized element") == 0);
    CHECK(call(&e, "call", &r, 1, U(0xFFFFFFFF)) == QW_TRAP_UNDEFINED_ELEMENT);
    /* () -> i32 called as () -> i64, and the reverse */
    CHECK(call(&e, "call_l", &r, 1, U(0)) == QW_TRAP_INDIRECT_SIG_MISMATCH);
    CHECK(call(&e, "fill", NULL, 2, U(2), U(1)) == QW_TRAP_NONE);
    CHECK(call(&e, "call_l", &r, 1, U(2)) == QW_TRAP_NONE && r == 3);
    CHECK(call(&e, "call", &r, 1, U(2)) == QW_TRAP_INDIRECT_SIG_MISMATCH);
    /* after a grow the new entries are null, and the old end is now in range */
    CHECK(call(&e, "grow", &r, 1, U(1)) == QW_TRAP_NONE && r == 4);
    CHECK(call(&e, "call", &r, 1, U(4)) == QW_TRAP_UNINITIALIZED_ELEMENT);
    CHECK(call(&e, "call", &r, 1, U(5)) == QW_TRAP_UNDEFINED_ELEMENT);
    env_close(&e);
}

static void test_table_fill_copy_init_bounds(void)
{
    env e;
    if (!env_open(&e, module_bounds_table, sizeof module_bounds_table))
        return;
    uint64_t r = 0;
    /* fill: up to the end, an empty fill at the end, nothing written when too long */
    CHECK(call(&e, "fill", NULL, 2, U(3), U(1)) == QW_TRAP_NONE);
    CHECK(call(&e, "fill", NULL, 2, U(4), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "fill", NULL, 2, U(5), U(0)) == TOOB);
    CHECK(call(&e, "fill", NULL, 2, U(2), U(3)) == TOOB);
    CHECK(call(&e, "is_null", &r, 1, U(2)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "fill", NULL, 2, U(1), U(0xFFFFFFFF)) == TOOB);
    CHECK(call(&e, "call", &r, 1, U(1)) == QW_TRAP_NONE && r == 2);
    /* init from the passive segment (f1 f2 f3) then overlapping copies both ways */
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(3)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(1), U(0), U(3)) == QW_TRAP_NONE); /* f1 f1 f2 f3 */
    CHECK(call(&e, "call", &r, 1, U(0)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "call", &r, 1, U(1)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "call", &r, 1, U(2)) == QW_TRAP_NONE && r == 2);
    CHECK(call(&e, "call_l", &r, 1, U(3)) == QW_TRAP_NONE && r == 3);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(1), U(3)) == QW_TRAP_NONE); /* f1 f2 f3 f3 */
    CHECK(call(&e, "call", &r, 1, U(0)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "call", &r, 1, U(1)) == QW_TRAP_NONE && r == 2);
    CHECK(call(&e, "call_l", &r, 1, U(2)) == QW_TRAP_NONE && r == 3);
    CHECK(call(&e, "call_l", &r, 1, U(3)) == QW_TRAP_NONE && r == 3);
    /* copies past either end change nothing */
    CHECK(call(&e, "set_null", NULL, 1, U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(3), U(0), U(2)) == TOOB);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(3), U(2)) == TOOB);
    CHECK(call(&e, "is_null", &r, 1, U(0)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "call_l", &r, 1, U(3)) == QW_TRAP_NONE && r == 3);
    CHECK(call(&e, "copy", NULL, 3, U(4), U(4), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "copy", NULL, 3, U(5), U(0), U(0)) == TOOB);
    CHECK(call(&e, "copy", NULL, 3, U(0), U(0xFFFFFFFF), U(1)) == TOOB);
    /* init past the table's or the segment's end */
    CHECK(call(&e, "init", NULL, 3, U(2), U(0), U(3)) == TOOB);
    CHECK(call(&e, "is_null", &r, 1, U(0)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "init", NULL, 3, U(0), U(1), U(3)) == TOOB);
    CHECK(call(&e, "is_null", &r, 1, U(0)) == QW_TRAP_NONE && r == 1);
    CHECK(call(&e, "init", NULL, 3, U(4), U(3), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "init", NULL, 3, U(0), U(4), U(0)) == TOOB);
    CHECK(call(&e, "init", NULL, 3, U(5), U(0), U(0)) == TOOB);
    CHECK(call(&e, "drop", NULL, 0) == QW_TRAP_NONE);
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(0)) == QW_TRAP_NONE);
    CHECK(call(&e, "init", NULL, 3, U(0), U(0), U(1)) == TOOB);
    env_close(&e);
}

/* The same limits through the host API on a table64, where index + n may overflow 64 bits. */
static void test_table64_api_bounds(void)
{
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err;
    qw_table *t = qw_table_new(store, QW_FUNCREF, 2, QW_NO_MAX, true, NULL, &err);
    CHECK(t != NULL);
    if (t) {
        qw_ref r, seg[2] = {NULL, NULL};
        CHECK(qw_table_get(t, 1, &r) == QW_TRAP_NONE && r == NULL);
        CHECK(qw_table_get(t, 2, &r) == TOOB);
        CHECK(qw_table_get(t, UINT64_MAX, &r) == TOOB);
        CHECK(qw_table_get(t, U(1) << 32, &r) == TOOB);
        CHECK(qw_table_set(t, U(1) << 32, NULL) == TOOB);
        CHECK(qw_table_fill(t, 1, NULL, UINT64_MAX) == TOOB);
        CHECK(qw_table_fill(t, 2, NULL, 0) == QW_TRAP_NONE);
        CHECK(qw_table_fill(t, 3, NULL, 0) == TOOB);
        CHECK(qw_table_copy(t, 1, t, 0, UINT64_MAX) == TOOB);
        CHECK(qw_table_copy(t, UINT64_MAX, t, 0, 1) == TOOB);
        CHECK(qw_table_init(t, 0, seg, 2, UINT64_MAX, 1) == TOOB);
        CHECK(qw_table_init(t, 0, seg, 2, 1, UINT64_MAX) == TOOB);
        CHECK(qw_table_init(t, 0, seg, 2, 2, 0) == QW_TRAP_NONE);
        CHECK(qw_table_grow(t, UINT64_MAX, NULL) == -1);
        CHECK(qw_table_size(t) == 2);
    }
    qw_table_unref(t);
    qw_store_unref(store);
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_memory32_loads_and_stores);
    RUN(test_memory32_after_grow);
    RUN(test_memory32_fill_bounds);
    RUN(test_memory32_copy_overlap_and_bounds);
    RUN(test_memory32_init_bounds);
    RUN(test_memory64_bounds);
    RUN(test_memory64_offsets_near_2_64);
    RUN(test_table_access_and_grow);
    RUN(test_call_indirect_checks);
    RUN(test_table_fill_copy_init_bounds);
    RUN(test_table64_api_bounds);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
