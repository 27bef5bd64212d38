/* Unit tests of atomic.c: atomic loads and stores of every width, the value each read-modify-write
 * returns and leaves, cmpxchg with a matching and a differing expected value, the alignment and
 * bounds traps and their order, wait and notify on shared and unshared memories. */
#include "alloc_hook.h"
#include "atomic.h"
#include "ops.h"

#include <time.h>

static qw_engine *eng;
static qw_store *store;
static qw_memory *shared, *unshared;

static uint64_t run(qw_memory *mem, uint32_t op, uint64_t addr, uint64_t x, uint64_t y,
                    qw_trap want)
{
    uint64_t r = 0xDEAD;
    qw_trap t = qw_atomic_run(store, mem, op, addr, 0, x, y, &r);
    if (t != want)
        fprintf(stderr, "%s at %llu: trap \"%s\", expected \"%s\"\n", qw_op_infos[op].text,
                (unsigned long long)addr, qw_trap_message(t), qw_trap_message(want));
    CHECK(t == want);
    return r;
}

#define OK(op, addr, x, y) run(shared, QW_OP_##op, addr, x, y, QW_TRAP_NONE)

static void test_loads_and_stores(void)
{
    uint8_t *p = qw_memory_data(shared);
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(0x11 * (i + 1));
    CHECK(OK(I32_ATOMIC_LOAD, 0, 0, 0) == 0x44332211);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0x8877665544332211);
    CHECK(OK(I32_ATOMIC_LOAD8_U, 7, 0, 0) == 0x88); /* zero-extended */
    CHECK(OK(I32_ATOMIC_LOAD16_U, 6, 0, 0) == 0x8877);
    CHECK(OK(I64_ATOMIC_LOAD32_U, 4, 0, 0) == 0x88776655);
    /* stores write only their width; an i32 operand's upper slot bits are ignored */
    OK(I32_ATOMIC_STORE16, 2, 0xFFFFFFFF0000ABCD, 0);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0x88776655ABCD2211);
    OK(I64_ATOMIC_STORE8, 7, 0x1FF, 0);
    OK(I64_ATOMIC_STORE, 8, 0x0123456789ABCDEF, 0);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0xFF776655ABCD2211);
    CHECK(OK(I64_ATOMIC_LOAD, 8, 0, 0) == 0x0123456789ABCDEF);
}

static void test_rmw_returns_the_old_value(void)
{
    OK(I64_ATOMIC_STORE, 0, 0x1111111111111111, 0);
    CHECK(OK(I32_ATOMIC_RMW_ADD, 0, 0x12345678, 0) == 0x11111111);
    CHECK(OK(I32_ATOMIC_LOAD, 0, 0, 0) == 0x23456789);
    CHECK(OK(I32_ATOMIC_RMW_SUB, 0, 0x2345678A, 0) == 0x23456789);
    CHECK(OK(I32_ATOMIC_LOAD, 0, 0, 0) == 0xFFFFFFFF); /* wraps at the width */
    CHECK(OK(I32_ATOMIC_LOAD, 4, 0, 0) == 0x11111111); /* the next word is untouched */
    CHECK(OK(I32_ATOMIC_RMW8_ADD_U, 0, 0x102, 0) == 0xFF);
    CHECK(OK(I32_ATOMIC_LOAD, 0, 0, 0) == 0xFFFFFF01);
    CHECK(OK(I64_ATOMIC_RMW16_AND_U, 0, 0x0F0F, 0) == 0xFF01);
    CHECK(OK(I64_ATOMIC_RMW32_OR_U, 0, 0x10000000, 0) == 0xFFFF0F01);
    CHECK(OK(I64_ATOMIC_RMW_XOR, 0, 0xFFFFFFFFFFFFFFFF, 0) == 0x11111111FFFF0F01);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0xEEEEEEEE0000F0FE);
    CHECK(OK(I64_ATOMIC_RMW8_XCHG_U, 0, 0x42, 0) == 0xFE);
    CHECK(OK(I64_ATOMIC_RMW_XCHG, 0, 7, 0) == 0xEEEEEEEE0000F042);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 7);
}

static void test_cmpxchg(void)
{
    OK(I64_ATOMIC_STORE, 0, 0x1111111111111111, 0);
    /* a differing expected value: nothing written, the old value returned */
    CHECK(OK(I32_ATOMIC_RMW_CMPXCHG, 0, 0x11111112, 5) == 0x11111111);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0x1111111111111111);
    CHECK(OK(I32_ATOMIC_RMW_CMPXCHG, 0, 0x11111111, 5) == 0x11111111);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0x1111111100000005);
    /* narrow forms compare the expected value wrapped to their width */
    CHECK(OK(I32_ATOMIC_RMW8_CMPXCHG_U, 4, 0xABCDEF11, 0xCDCDCDCD) == 0x11);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 0x111111CD00000005);
    CHECK(OK(I64_ATOMIC_RMW16_CMPXCHG_U, 6, 0x1111, 0xBEEF) == 0x1111);
    CHECK(OK(I64_ATOMIC_RMW32_CMPXCHG_U, 0, 0x100000005, 9) == 5);
    CHECK(OK(I64_ATOMIC_RMW_CMPXCHG, 0, 0, 1) == 0xBEEF11CD00000009);
    CHECK(OK(I64_ATOMIC_RMW_CMPXCHG, 0, 0xBEEF11CD00000009, 1) == 0xBEEF11CD00000009);
    CHECK(OK(I64_ATOMIC_LOAD, 0, 0, 0) == 1);
}

static void test_alignment_and_bounds(void)
{
    qw_trap ua = QW_TRAP_UNALIGNED_ATOMIC, oob = QW_TRAP_OUT_OF_BOUNDS_MEMORY;
    run(shared, QW_OP_I32_ATOMIC_LOAD, 2, 0, 0, ua);
    run(shared, QW_OP_I64_ATOMIC_RMW_ADD, 4, 0, 0, ua);
    run(shared, QW_OP_I32_ATOMIC_STORE16, 1, 0, 0, ua);
    OK(I32_ATOMIC_LOAD8_U, 65535, 0, 0); /* bytes are always aligned */
    run(shared, QW_OP_I32_ATOMIC_LOAD8_U, 65536, 0, 0, oob);
    run(shared, QW_OP_I64_ATOMIC_LOAD, 65536, 0, 0, oob);
    OK(I64_ATOMIC_LOAD, 65528, 0, 0);
    /* alignment is checked first, as the spec interpreter does */
    run(shared, QW_OP_I32_ATOMIC_LOAD, 65535, 0, 0, ua);
    /* the offset counts in the effective address */
    uint64_t r;
    CHECK(qw_atomic_run(store, shared, QW_OP_I32_ATOMIC_LOAD, 1, 3, 0, 0, &r) == QW_TRAP_NONE);
    CHECK(qw_atomic_run(store, shared, QW_OP_I32_ATOMIC_LOAD, 0, 2, 0, 0, &r) == ua);
    CHECK(qw_atomic_run(store, shared, QW_OP_I32_ATOMIC_LOAD, 4, UINT64_MAX - 3, 0, 0, &r) == oob);
    /* notify and wait check both too, on any memory */
    run(unshared, QW_OP_MEMORY_ATOMIC_NOTIFY, 65536, 1, 0, oob);
    run(unshared, QW_OP_MEMORY_ATOMIC_NOTIFY, 1, 1, 0, ua);
    run(shared, QW_OP_MEMORY_ATOMIC_WAIT64, 4, 0, 0, ua);
    run(shared, QW_OP_MEMORY_ATOMIC_WAIT32, 65536, 0, 0, oob);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_wait_and_notify(void)
{
    OK(I64_ATOMIC_STORE, 0, 0x0000000500000007, 0);
    /* notify wakes nobody: there are no other threads */
    CHECK(OK(MEMORY_ATOMIC_NOTIFY, 0, 10, 0) == 0);
    CHECK(run(unshared, QW_OP_MEMORY_ATOMIC_NOTIFY, 0, 10, 0, QW_TRAP_NONE) == 0);
    /* "not-equal" whatever the timeout, even none */
    CHECK(OK(MEMORY_ATOMIC_WAIT32, 0, 8, (uint64_t)-1) == 1);
    CHECK(OK(MEMORY_ATOMIC_WAIT32, 0, 0xFFFFFFFF00000008, 0) == 1);
    CHECK(OK(MEMORY_ATOMIC_WAIT64, 0, 7, 0) == 1);
    /* equal: "timed-out" once the timeout has passed (wait32 compares 32 bits only) */
    CHECK(OK(MEMORY_ATOMIC_WAIT32, 0, 0xFFFFFFFF00000007, 0) == 2);
    double t0 = seconds();
    CHECK(OK(MEMORY_ATOMIC_WAIT64, 0, 0x0000000500000007, 20 * 1000 * 1000) == 2);
    CHECK(seconds() - t0 >= 0.019);
    /* no timeout: nothing could ever notify, so it traps instead of hanging */
    run(shared, QW_OP_MEMORY_ATOMIC_WAIT32, 0, 7, (uint64_t)-1, QW_TRAP_WAIT_FOREVER);
    /* an interrupt ends a long wait */
    qw_store_interrupt(store);
    run(shared, QW_OP_MEMORY_ATOMIC_WAIT32, 0, 7, UINT64_MAX >> 1, QW_TRAP_INTERRUPTED);
    /* wait needs a shared memory */
    run(unshared, QW_OP_MEMORY_ATOMIC_WAIT32, 0, 0, 0, QW_TRAP_EXPECTED_SHARED_MEMORY);
    run(unshared, QW_OP_MEMORY_ATOMIC_WAIT64, 0, 1, 0, QW_TRAP_EXPECTED_SHARED_MEMORY);
}

int main(void)
{
    eng = test_engine_new();
    store = qw_store_new(eng, NULL);
    qw_error err = {0};
    shared = qw_memory_new(store, 1, 1, false, true, &err);
    unshared = qw_memory_new(store, 1, 1, false, false, &err);
    CHECK(shared && unshared);
    if (!shared || !unshared)
        return check_summary();
    RUN(test_loads_and_stores);
    RUN(test_rmw_returns_the_old_value);
    RUN(test_cmpxchg);
    RUN(test_alignment_and_bounds);
    RUN(test_wait_and_notify);
    qw_memory_unref(shared);
    qw_memory_unref(unshared);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
    return check_summary();
}
