/* atomic.h: the threads proposal's atomic memory instructions (the 0xFE prefix) as the
 * interpreter runs them. Internal to src/wasm. The compiler emits every one but atomic.fence as
 * ATOMIC dst addr x y mem off_lo off_hi op: dst the result's slot (QW_NO_INDEX for stores), x and
 * y the operands after the address (the address's slot again where there are fewer), op the
 * QW_OP_* id. */
#ifndef QW_ATOMIC_H
#define QW_ATOMIC_H

#include "memory.h"
#include "store.h"

/* Runs atomic instruction op (a QW_OP_* of the 0xFE rows except atomic.fence) on mem at
 * addr + offset with operands x and y (expected/replacement, value, count, timeout: unused ones
 * are ignored) and stores its result, zero-extended, in *result. Returns the trap, if any:
 * "unaligned atomic" before "out of bounds memory access", as the spec interpreter checks. */
qw_trap qw_atomic_run(qw_store *s, qw_memory *mem, uint32_t op, uint64_t addr, uint64_t offset,
                      uint64_t x, uint64_t y, uint64_t *result);

#endif
