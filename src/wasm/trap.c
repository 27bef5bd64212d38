/* trap.c: the text of each trap kind, worded as the spec test suite's assert_trap and
 * assert_exhaustion messages so the spec runner can compare them directly, and the same text
 * with the operand a trap recorded in the store. */
#include "store.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const trap_messages[QW_TRAP_COUNT_] = {
    [QW_TRAP_NONE] = "no trap",
    [QW_TRAP_UNREACHABLE] = "unreachable",
    [QW_TRAP_INT_DIV_ZERO] = "integer divide by zero",
    [QW_TRAP_INT_OVERFLOW] = "integer overflow",
    [QW_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [QW_TRAP_OUT_OF_BOUNDS_MEMORY] = "out of bounds memory access",
    [QW_TRAP_OUT_OF_BOUNDS_TABLE] = "out of bounds table access",
    [QW_TRAP_UNDEFINED_ELEMENT] = "undefined element",
    [QW_TRAP_UNINITIALIZED_ELEMENT] = "uninitialized element",
    [QW_TRAP_INDIRECT_SIG_MISMATCH] = "indirect call type mismatch",
    [QW_TRAP_NULL_FUNC_REF] = "null function reference",
    [QW_TRAP_NULL_REFERENCE] = "null reference",
    [QW_TRAP_NULL_EXN_REF] = "null exception reference",
    [QW_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
    [QW_TRAP_INTERRUPTED] = "interrupted",
    [QW_TRAP_HOST] = "host function failed",
    [QW_TRAP_EXCEPTION] = "uncaught exception",
    [QW_TRAP_OOM] = "out of memory",
    [QW_TRAP_OUT_OF_BOUNDS_ARRAY] = "out of bounds array access",
    [QW_TRAP_NULL_STRUCT] = "null structure reference",
    [QW_TRAP_NULL_ARRAY] = "null array reference",
    [QW_TRAP_NULL_I31] = "null i31 reference",
    [QW_TRAP_CAST_FAILURE] = "cast failure",
    [QW_TRAP_UNALIGNED_ATOMIC] = "unaligned atomic",
    [QW_TRAP_EXPECTED_SHARED_MEMORY] = "expected shared memory",
    [QW_TRAP_WAIT_FOREVER] = "atomic wait with no timeout would block forever (no other thread "
                             "can notify)",
    [QW_TRAP_UNSUPPORTED] = "unsupported instruction",
};

const char *qw_trap_message(qw_trap trap)
{
    if ((unsigned)trap >= QW_TRAP_COUNT_ || !trap_messages[trap])
        return "unknown trap";
    return trap_messages[trap];
}

const char *qw_store_trap_message(const qw_store *store, qw_trap trap, char *buf, size_t size)
{
    if (!size)
        return buf;
    if (trap != QW_TRAP_NONE && store->trap_detail == trap)
        snprintf(buf, size, "%s %" PRIu64, qw_trap_message(trap), store->trap_operand);
    else
        snprintf(buf, size, "%s", qw_trap_message(trap));
    return buf;
}
