/* atomic.c: atomic loads, stores, read-modify-write, wait and notify (threads proposal,
 * "Atomic Memory Instructions"). The engine is single-threaded (there are no Workers), so each
 * access is a plain one that nothing can interleave with, and no agent can ever notify a waiter:
 * a wait whose value matches times out, or traps when it has no timeout (it would never end). */
#include "atomic.h"

#include "ops.h"

#include <string.h>
#include <time.h>

enum { RMW_ADD, RMW_SUB, RMW_AND, RMW_OR, RMW_XOR, RMW_XCHG, RMW_CMPXCHG };

/* Each rmw operation has 7 rows in ops.def: i32, i64, i32 8, i32 16, i64 8, i64 16, i64 32. */
_Static_assert(QW_OP_I64_ATOMIC_RMW32_CMPXCHG_U - QW_OP_I32_ATOMIC_RMW_ADD == 7 * 7 - 1,
               "ops.def: the atomic rmw rows come in groups of 7");

static uint64_t load_n(const uint8_t *p, uint32_t size)
{
    uint8_t b1;
    uint16_t b2;
    uint32_t b4;
    uint64_t b8;
    switch (size) {
    case 1:
        memcpy(&b1, p, 1);
        return b1;
    case 2:
        memcpy(&b2, p, 2);
        return b2;
    case 4:
        memcpy(&b4, p, 4);
        return b4;
    default:
        memcpy(&b8, p, 8);
        return b8;
    }
}

static void store_n(uint8_t *p, uint32_t size, uint64_t v)
{
    uint8_t b1 = (uint8_t)v;
    uint16_t b2 = (uint16_t)v;
    uint32_t b4 = (uint32_t)v;
    switch (size) {
    case 1:
        memcpy(p, &b1, 1);
        break;
    case 2:
        memcpy(p, &b2, 2);
        break;
    case 4:
        memcpy(p, &b4, 4);
        break;
    default:
        memcpy(p, &v, 8);
        break;
    }
}

/* The new value of a read-modify-write; operands are already truncated to the access width. */
static uint64_t rmw_apply(uint32_t kind, uint64_t old, uint64_t x, uint64_t y)
{
    switch (kind) {
    case RMW_ADD:
        return old + x;
    case RMW_SUB:
        return old - x;
    case RMW_AND:
        return old & x;
    case RMW_OR:
        return old | x;
    case RMW_XOR:
        return old ^ x;
    case RMW_XCHG:
        return x;
    default: /* cmpxchg: the replacement only where the expected value is found */
        return old == x ? y : old;
    }
}

/* Sleeps for timeout_ns, in slices so that qw_store_interrupt still stops the wait. */
static qw_trap sleep_ns(qw_store *s, uint64_t timeout_ns)
{
    const uint64_t slice = 10 * 1000 * 1000;
    while (timeout_ns > 0) {
        uint64_t n = timeout_ns < slice ? timeout_ns : slice;
        struct timespec ts = {(time_t)(n / 1000000000u), (long)(n % 1000000000u)};
        nanosleep(&ts, NULL);
        timeout_ns -= n;
        if (qw_store_interrupt_pending(s))
            return QW_TRAP_INTERRUPTED;
    }
    return QW_TRAP_NONE;
}

/* memory.atomic.wait32/64: 1 ("not-equal") when the value differs, else 2 ("timed-out") once the
 * timeout (ns, negative: none) has passed, since no other agent exists to notify. */
static qw_trap do_wait(qw_store *s, const qw_memory *mem, const uint8_t *p, uint32_t size,
                       uint64_t expected, int64_t timeout, uint64_t *result)
{
    if (!mem->shared)
        return QW_TRAP_EXPECTED_SHARED_MEMORY;
    if (load_n(p, size) != (size == 4 ? (uint32_t)expected : expected)) {
        *result = 1;
        return QW_TRAP_NONE;
    }
    if (timeout < 0)
        return QW_TRAP_WAIT_FOREVER;
    *result = 2;
    return sleep_ns(s, (uint64_t)timeout);
}

qw_trap qw_atomic_run(qw_store *s, qw_memory *mem, uint32_t op, uint64_t addr, uint64_t offset,
                      uint64_t x, uint64_t y, uint64_t *result)
{
    uint32_t size = 1u << qw_op_infos[op].arg;
    /* a sum that wraps (memory64) keeps its low bits, and the bounds check rejects it anyway */
    if ((addr + offset) & (size - 1))
        return QW_TRAP_UNALIGNED_ATOMIC;
    if (!qw_memory_in_bounds(mem->pages * (uint64_t)QW_PAGE_SIZE, addr, offset, size))
        return QW_TRAP_OUT_OF_BOUNDS_MEMORY;
    uint8_t *p = mem->base + addr + offset;
    uint64_t mask = size == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
    *result = 0;
    if (op == QW_OP_MEMORY_ATOMIC_NOTIFY)
        return QW_TRAP_NONE; /* no waiters: none woken */
    if (op == QW_OP_MEMORY_ATOMIC_WAIT32 || op == QW_OP_MEMORY_ATOMIC_WAIT64)
        return do_wait(s, mem, p, size, x, (int64_t)y, result);
    if (op >= QW_OP_I32_ATOMIC_LOAD && op <= QW_OP_I64_ATOMIC_LOAD32_U) {
        *result = load_n(p, size);
        return QW_TRAP_NONE;
    }
    if (op >= QW_OP_I32_ATOMIC_STORE && op <= QW_OP_I64_ATOMIC_STORE32) {
        store_n(p, size, x);
        return QW_TRAP_NONE;
    }
    uint64_t old = load_n(p, size);
    store_n(p, size, rmw_apply((op - QW_OP_I32_ATOMIC_RMW_ADD) / 7, old, x & mask, y & mask));
    *result = old;
    return QW_TRAP_NONE;
}
