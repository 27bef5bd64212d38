/* code.h: the internal code the compiler (compile.c) emits and the interpreter (interp.c) runs:
 * the list of internal operations, the slot representation of values, and a function's compiled
 * form. Internal to src/wasm; the design is in docs/design/interpreter.md. */
#ifndef QW_CODE_H
#define QW_CODE_H

#include "qw.h"

#include "module.h"

/* One 64-bit frame slot. i32/f32 live in the low half (the rest is garbage), i64/f64 and
 * references in the whole slot, a v128 in two adjacent slots (copied with memcpy). Reading .f32
 * after writing .i32 gives the same bits (C11 union punning), so NaN payloads survive. */
typedef union qw_slot {
    uint32_t i32;
    uint64_t i64;
    float f32;
    double f64;
    qw_ref ref;
} qw_slot;

/* A word of internal code: the first word of an instruction is its handler (an offset from a base
 * label of the dispatch loop), the next ones its operands (slot indices, immediates, branch
 * offsets in words relative to the instruction's first word). */
typedef uint32_t qw_word;

/* Scalar operations generated from num.h: name (the ops.def id), operand field, result field,
 * function. */
#define QW_CODE_UNOPS(X)                                                                           \
    X(I32_EQZ, i32, i32, qw_i32_eqz)                                                               \
    X(I32_CLZ, i32, i32, qw_i32_clz)                                                               \
    X(I32_CTZ, i32, i32, qw_i32_ctz)                                                               \
    X(I32_POPCNT, i32, i32, qw_i32_popcnt)                                                         \
    X(I32_EXTEND8_S, i32, i32, qw_i32_extend8_s)                                                   \
    X(I32_EXTEND16_S, i32, i32, qw_i32_extend16_s)                                                 \
    X(I64_EQZ, i64, i32, qw_i64_eqz)                                                               \
    X(I64_CLZ, i64, i64, qw_i64_clz)                                                               \
    X(I64_CTZ, i64, i64, qw_i64_ctz)                                                               \
    X(I64_POPCNT, i64, i64, qw_i64_popcnt)                                                         \
    X(I64_EXTEND8_S, i64, i64, qw_i64_extend8_s)                                                   \
    X(I64_EXTEND16_S, i64, i64, qw_i64_extend16_s)                                                 \
    X(I64_EXTEND32_S, i64, i64, qw_i64_extend32_s)                                                 \
    X(F32_ABS, f32, f32, qw_f32_abs)                                                               \
    X(F32_NEG, f32, f32, qw_f32_neg)                                                               \
    X(F32_CEIL, f32, f32, qw_f32_ceil)                                                             \
    X(F32_FLOOR, f32, f32, qw_f32_floor)                                                           \
    X(F32_TRUNC, f32, f32, qw_f32_trunc)                                                           \
    X(F32_NEAREST, f32, f32, qw_f32_nearest)                                                       \
    X(F32_SQRT, f32, f32, qw_f32_sqrt)                                                             \
    X(F64_ABS, f64, f64, qw_f64_abs)                                                               \
    X(F64_NEG, f64, f64, qw_f64_neg)                                                               \
    X(F64_CEIL, f64, f64, qw_f64_ceil)                                                             \
    X(F64_FLOOR, f64, f64, qw_f64_floor)                                                           \
    X(F64_TRUNC, f64, f64, qw_f64_trunc)                                                           \
    X(F64_NEAREST, f64, f64, qw_f64_nearest)                                                       \
    X(F64_SQRT, f64, f64, qw_f64_sqrt)                                                             \
    X(I32_WRAP_I64, i64, i32, qw_i32_wrap_i64)                                                     \
    X(I64_EXTEND_I32_S, i32, i64, qw_i64_extend_i32_s)                                             \
    X(I64_EXTEND_I32_U, i32, i64, qw_i64_extend_i32_u)                                             \
    X(F32_CONVERT_I32_S, i32, f32, qw_f32_convert_i32_s)                                           \
    X(F32_CONVERT_I32_U, i32, f32, qw_f32_convert_i32_u)                                           \
    X(F32_CONVERT_I64_S, i64, f32, qw_f32_convert_i64_s)                                           \
    X(F32_CONVERT_I64_U, i64, f32, qw_f32_convert_i64_u)                                           \
    X(F32_DEMOTE_F64, f64, f32, qw_f32_demote_f64)                                                 \
    X(F64_CONVERT_I32_S, i32, f64, qw_f64_convert_i32_s)                                           \
    X(F64_CONVERT_I32_U, i32, f64, qw_f64_convert_i32_u)                                           \
    X(F64_CONVERT_I64_S, i64, f64, qw_f64_convert_i64_s)                                           \
    X(F64_CONVERT_I64_U, i64, f64, qw_f64_convert_i64_u)                                           \
    X(F64_PROMOTE_F32, f32, f64, qw_f64_promote_f32)                                               \
    X(I32_REINTERPRET_F32, i32, i32, (uint32_t))                                                   \
    X(I64_REINTERPRET_F64, i64, i64, (uint64_t))                                                   \
    X(F32_REINTERPRET_I32, i32, i32, (uint32_t))                                                   \
    X(F64_REINTERPRET_I64, i64, i64, (uint64_t))                                                   \
    X(I32_TRUNC_SAT_F32_S, f32, i32, qw_i32_trunc_sat_f32_s)                                       \
    X(I32_TRUNC_SAT_F32_U, f32, i32, qw_i32_trunc_sat_f32_u)                                       \
    X(I32_TRUNC_SAT_F64_S, f64, i32, qw_i32_trunc_sat_f64_s)                                       \
    X(I32_TRUNC_SAT_F64_U, f64, i32, qw_i32_trunc_sat_f64_u)                                       \
    X(I64_TRUNC_SAT_F32_S, f32, i64, qw_i64_trunc_sat_f32_s)                                       \
    X(I64_TRUNC_SAT_F32_U, f32, i64, qw_i64_trunc_sat_f32_u)                                       \
    X(I64_TRUNC_SAT_F64_S, f64, i64, qw_i64_trunc_sat_f64_s)                                       \
    X(I64_TRUNC_SAT_F64_U, f64, i64, qw_i64_trunc_sat_f64_u)

/* Conversions that trap: fn(a, &r) returns a qw_trap. */
#define QW_CODE_UNOPS_TRAP(X)                                                                      \
    X(I32_TRUNC_F32_S, f32, i32, qw_i32_trunc_f32_s)                                               \
    X(I32_TRUNC_F32_U, f32, i32, qw_i32_trunc_f32_u)                                               \
    X(I32_TRUNC_F64_S, f64, i32, qw_i32_trunc_f64_s)                                               \
    X(I32_TRUNC_F64_U, f64, i32, qw_i32_trunc_f64_u)                                               \
    X(I64_TRUNC_F32_S, f32, i64, qw_i64_trunc_f32_s)                                               \
    X(I64_TRUNC_F32_U, f32, i64, qw_i64_trunc_f32_u)                                               \
    X(I64_TRUNC_F64_S, f64, i64, qw_i64_trunc_f64_s)                                               \
    X(I64_TRUNC_F64_U, f64, i64, qw_i64_trunc_f64_u)

/* Integer binary operations: dst a b, and with a constant right operand dst a imm (_I; one
 * word, or two for i64). */
#define QW_CODE_INT_BINOPS(X)                                                                      \
    X(I32_EQ, i32, i32, qw_i32_eq)                                                                 \
    X(I32_NE, i32, i32, qw_i32_ne)                                                                 \
    X(I32_LT_S, i32, i32, qw_i32_lt_s)                                                             \
    X(I32_LT_U, i32, i32, qw_i32_lt_u)                                                             \
    X(I32_GT_S, i32, i32, qw_i32_gt_s)                                                             \
    X(I32_GT_U, i32, i32, qw_i32_gt_u)                                                             \
    X(I32_LE_S, i32, i32, qw_i32_le_s)                                                             \
    X(I32_LE_U, i32, i32, qw_i32_le_u)                                                             \
    X(I32_GE_S, i32, i32, qw_i32_ge_s)                                                             \
    X(I32_GE_U, i32, i32, qw_i32_ge_u)                                                             \
    X(I32_ADD, i32, i32, qw_i32_add)                                                               \
    X(I32_SUB, i32, i32, qw_i32_sub)                                                               \
    X(I32_MUL, i32, i32, qw_i32_mul)                                                               \
    X(I32_AND, i32, i32, qw_i32_and)                                                               \
    X(I32_OR, i32, i32, qw_i32_or)                                                                 \
    X(I32_XOR, i32, i32, qw_i32_xor)                                                               \
    X(I32_SHL, i32, i32, qw_i32_shl)                                                               \
    X(I32_SHR_S, i32, i32, qw_i32_shr_s)                                                           \
    X(I32_SHR_U, i32, i32, qw_i32_shr_u)                                                           \
    X(I32_ROTL, i32, i32, qw_i32_rotl)                                                             \
    X(I32_ROTR, i32, i32, qw_i32_rotr)                                                             \
    X(I64_EQ, i64, i32, qw_i64_eq)                                                                 \
    X(I64_NE, i64, i32, qw_i64_ne)                                                                 \
    X(I64_LT_S, i64, i32, qw_i64_lt_s)                                                             \
    X(I64_LT_U, i64, i32, qw_i64_lt_u)                                                             \
    X(I64_GT_S, i64, i32, qw_i64_gt_s)                                                             \
    X(I64_GT_U, i64, i32, qw_i64_gt_u)                                                             \
    X(I64_LE_S, i64, i32, qw_i64_le_s)                                                             \
    X(I64_LE_U, i64, i32, qw_i64_le_u)                                                             \
    X(I64_GE_S, i64, i32, qw_i64_ge_s)                                                             \
    X(I64_GE_U, i64, i32, qw_i64_ge_u)                                                             \
    X(I64_ADD, i64, i64, qw_i64_add)                                                               \
    X(I64_SUB, i64, i64, qw_i64_sub)                                                               \
    X(I64_MUL, i64, i64, qw_i64_mul)                                                               \
    X(I64_AND, i64, i64, qw_i64_and)                                                               \
    X(I64_OR, i64, i64, qw_i64_or)                                                                 \
    X(I64_XOR, i64, i64, qw_i64_xor)                                                               \
    X(I64_SHL, i64, i64, qw_i64_shl)                                                               \
    X(I64_SHR_S, i64, i64, qw_i64_shr_s)                                                           \
    X(I64_SHR_U, i64, i64, qw_i64_shr_u)                                                           \
    X(I64_ROTL, i64, i64, qw_i64_rotl)                                                             \
    X(I64_ROTR, i64, i64, qw_i64_rotr)

/* Float arithmetic and comparisons that also have a constant right operand form (_I: the bits
 * in one word for f32, two for f64). */
#define QW_CODE_FLOAT_ARITH(X)                                                                     \
    X(F32_EQ, f32, i32, qw_f32_eq)                                                                 \
    X(F32_NE, f32, i32, qw_f32_ne)                                                                 \
    X(F32_LT, f32, i32, qw_f32_lt)                                                                 \
    X(F32_GT, f32, i32, qw_f32_gt)                                                                 \
    X(F32_LE, f32, i32, qw_f32_le)                                                                 \
    X(F32_GE, f32, i32, qw_f32_ge)                                                                 \
    X(F64_EQ, f64, i32, qw_f64_eq)                                                                 \
    X(F64_NE, f64, i32, qw_f64_ne)                                                                 \
    X(F64_LT, f64, i32, qw_f64_lt)                                                                 \
    X(F64_GT, f64, i32, qw_f64_gt)                                                                 \
    X(F64_LE, f64, i32, qw_f64_le)                                                                 \
    X(F64_GE, f64, i32, qw_f64_ge)                                                                 \
    X(F32_ADD, f32, f32, qw_f32_add)                                                               \
    X(F32_SUB, f32, f32, qw_f32_sub)                                                               \
    X(F32_MUL, f32, f32, qw_f32_mul)                                                               \
    X(F32_DIV, f32, f32, qw_f32_div)                                                               \
    X(F64_ADD, f64, f64, qw_f64_add)                                                               \
    X(F64_SUB, f64, f64, qw_f64_sub)                                                               \
    X(F64_MUL, f64, f64, qw_f64_mul)                                                               \
    X(F64_DIV, f64, f64, qw_f64_div)

/* Float binary operations: dst a b. */
#define QW_CODE_FLOAT_BINOPS(X)                                                                    \
    X(F32_EQ, f32, i32, qw_f32_eq)                                                                 \
    X(F32_NE, f32, i32, qw_f32_ne)                                                                 \
    X(F32_LT, f32, i32, qw_f32_lt)                                                                 \
    X(F32_GT, f32, i32, qw_f32_gt)                                                                 \
    X(F32_LE, f32, i32, qw_f32_le)                                                                 \
    X(F32_GE, f32, i32, qw_f32_ge)                                                                 \
    X(F32_ADD, f32, f32, qw_f32_add)                                                               \
    X(F32_SUB, f32, f32, qw_f32_sub)                                                               \
    X(F32_MUL, f32, f32, qw_f32_mul)                                                               \
    X(F32_DIV, f32, f32, qw_f32_div)                                                               \
    X(F32_MIN, f32, f32, qw_f32_min)                                                               \
    X(F32_MAX, f32, f32, qw_f32_max)                                                               \
    X(F32_COPYSIGN, f32, f32, qw_f32_copysign)                                                     \
    X(F64_EQ, f64, i32, qw_f64_eq)                                                                 \
    X(F64_NE, f64, i32, qw_f64_ne)                                                                 \
    X(F64_LT, f64, i32, qw_f64_lt)                                                                 \
    X(F64_GT, f64, i32, qw_f64_gt)                                                                 \
    X(F64_LE, f64, i32, qw_f64_le)                                                                 \
    X(F64_GE, f64, i32, qw_f64_ge)                                                                 \
    X(F64_ADD, f64, f64, qw_f64_add)                                                               \
    X(F64_SUB, f64, f64, qw_f64_sub)                                                               \
    X(F64_MUL, f64, f64, qw_f64_mul)                                                               \
    X(F64_DIV, f64, f64, qw_f64_div)                                                               \
    X(F64_MIN, f64, f64, qw_f64_min)                                                               \
    X(F64_MAX, f64, f64, qw_f64_max)                                                               \
    X(F64_COPYSIGN, f64, f64, qw_f64_copysign)

#define QW_CODE_BINOPS(X) QW_CODE_INT_BINOPS(X) QW_CODE_FLOAT_BINOPS(X)

/* Binary operations whose right operand is a value just loaded from memory 0 of a 32-bit memory
 * (the load taken back): dst a addr off. Name, C type read, slot field, function. */
#define QW_CODE_MEM_BINOPS(X)                                                                      \
    X(I32_ADD, uint32_t, i32, qw_i32_add)                                                          \
    X(F32_ADD, float, f32, qw_f32_add)                                                             \
    X(F32_SUB, float, f32, qw_f32_sub)                                                             \
    X(F32_MUL, float, f32, qw_f32_mul)                                                             \
    X(F64_ADD, double, f64, qw_f64_add)                                                            \
    X(F64_SUB, double, f64, qw_f64_sub)                                                            \
    X(F64_MUL, double, f64, qw_f64_mul)

/* A shift or rotate by a constant whose result (a temporary) feeds a binary operation with a
 * slot: dst a k b is dst = (a op1 k) op2 b. Name, the _I operation and its length in words,
 * the binary operation (commutative, so the shifted value may be either operand), slot field,
 * functions. */
#define QW_CODE_SHIFT_BINOPS(X)                                                                    \
    X(I32_ROTL_XOR, I32_ROTL_I, 4, I32_XOR, i32, qw_i32_rotl, qw_i32_xor)                          \
    X(I32_SHL_ADD, I32_SHL_I, 4, I32_ADD, i32, qw_i32_shl, qw_i32_add)                             \
    X(I32_SHR_U_XOR, I32_SHR_U_I, 4, I32_XOR, i32, qw_i32_shr_u, qw_i32_xor)                       \
    X(I64_SHR_U_XOR, I64_SHR_U_I, 5, I64_XOR, i64, qw_i64_shr_u, qw_i64_xor)                       \
    X(I64_SHR_U_ADD, I64_SHR_U_I, 5, I64_ADD, i64, qw_i64_shr_u, qw_i64_add)                       \
    X(I64_ROTL_XOR, I64_ROTL_I, 5, I64_XOR, i64, qw_i64_rotl, qw_i64_xor)

/* Two i32 operations with constants, the second on the first's result (a temporary): dst a k1
 * k2 is dst = (a op1 k1) op2 k2. Name, the first and second _I operations, their functions. */
#define QW_CODE_I32_PAIRS(X)                                                                       \
    X(I32_MUL_ADD_I, I32_MUL_I, I32_ADD_I, qw_i32_mul, qw_i32_add)       /* an LCG step */         \
    X(I32_SHR_U_AND_I, I32_SHR_U_I, I32_AND_I, qw_i32_shr_u, qw_i32_and) /* a bit field */         \
    X(I32_ADD_AND_I, I32_ADD_I, I32_AND_I, qw_i32_add, qw_i32_and)

/* Comparisons fused with the br_if or if that consumes them: BRIF_x a b off, BRIF_x_I a imm off
 * (branch when true; a backward branch checks the interrupt flag), BRUNLESS_x and BRUNLESS_x_I
 * (branch when false, forward only). */
#define QW_CODE_I32_CMPS(X)                                                                        \
    X(I32_EQ, i32, qw_i32_eq)                                                                      \
    X(I32_NE, i32, qw_i32_ne)                                                                      \
    X(I32_LT_S, i32, qw_i32_lt_s)                                                                  \
    X(I32_LT_U, i32, qw_i32_lt_u)                                                                  \
    X(I32_GT_S, i32, qw_i32_gt_s)                                                                  \
    X(I32_GT_U, i32, qw_i32_gt_u)                                                                  \
    X(I32_LE_S, i32, qw_i32_le_s)                                                                  \
    X(I32_LE_U, i32, qw_i32_le_u)                                                                  \
    X(I32_GE_S, i32, qw_i32_ge_s)                                                                  \
    X(I32_GE_U, i32, qw_i32_ge_u)

/* An i32 addition whose result the following compare-and-branch (BRIF_x) tests against its
 * other operand (a loop counter): ADDI_BRIF_x_I dst a addimm cmpimm off, ADDI_BRIF_x dst a
 * addimm b off, ADD_BRIF_x dst a c b off (dst = a + addimm or a + c, then branch when
 * dst x b / cmpimm). */
#define QW_CODE_CMPS(X)                                                                            \
    QW_CODE_I32_CMPS(X)                                                                            \
    X(I64_EQ, i64, qw_i64_eq)                                                                      \
    X(I64_NE, i64, qw_i64_ne)                                                                      \
    X(I64_LT_S, i64, qw_i64_lt_s)                                                                  \
    X(I64_LT_U, i64, qw_i64_lt_u)                                                                  \
    X(I64_GT_S, i64, qw_i64_gt_s)                                                                  \
    X(I64_GT_U, i64, qw_i64_gt_u)                                                                  \
    X(I64_LE_S, i64, qw_i64_le_s)                                                                  \
    X(I64_LE_U, i64, qw_i64_le_u)                                                                  \
    X(I64_GE_S, i64, qw_i64_ge_s)                                                                  \
    X(I64_GE_U, i64, qw_i64_ge_u)                                                                  \
    X(F32_EQ, f32, qw_f32_eq)                                                                      \
    X(F32_NE, f32, qw_f32_ne)                                                                      \
    X(F32_LT, f32, qw_f32_lt)                                                                      \
    X(F32_GT, f32, qw_f32_gt)                                                                      \
    X(F32_LE, f32, qw_f32_le)                                                                      \
    X(F32_GE, f32, qw_f32_ge)                                                                      \
    X(F64_EQ, f64, qw_f64_eq)                                                                      \
    X(F64_NE, f64, qw_f64_ne)                                                                      \
    X(F64_LT, f64, qw_f64_lt)                                                                      \
    X(F64_GT, f64, qw_f64_gt)                                                                      \
    X(F64_LE, f64, qw_f64_le)                                                                      \
    X(F64_GE, f64, qw_f64_ge)

#define QW_CODE_BINOPS_TRAP(X)                                                                     \
    X(I32_DIV_S, i32, i32, qw_i32_div_s)                                                           \
    X(I32_DIV_U, i32, i32, qw_i32_div_u)                                                           \
    X(I32_REM_S, i32, i32, qw_i32_rem_s)                                                           \
    X(I32_REM_U, i32, i32, qw_i32_rem_u)                                                           \
    X(I64_DIV_S, i64, i64, qw_i64_div_s)                                                           \
    X(I64_DIV_U, i64, i64, qw_i64_div_u)                                                           \
    X(I64_REM_S, i64, i64, qw_i64_rem_s)                                                           \
    X(I64_REM_U, i64, i64, qw_i64_rem_u)

/* Loads: name, bytes, C type read, slot field written, conversion. */
#define QW_CODE_LOADS(X)                                                                           \
    X(I32_LOAD, uint32_t, i32, uint32_t)                                                           \
    X(I64_LOAD, uint64_t, i64, uint64_t)                                                           \
    X(F32_LOAD, uint32_t, i32, uint32_t)                                                           \
    X(F64_LOAD, uint64_t, i64, uint64_t)                                                           \
    X(I32_LOAD8_S, int8_t, i32, uint32_t)                                                          \
    X(I32_LOAD8_U, uint8_t, i32, uint32_t)                                                         \
    X(I32_LOAD16_S, int16_t, i32, uint32_t)                                                        \
    X(I32_LOAD16_U, uint16_t, i32, uint32_t)                                                       \
    X(I64_LOAD8_S, int8_t, i64, uint64_t)                                                          \
    X(I64_LOAD8_U, uint8_t, i64, uint64_t)                                                         \
    X(I64_LOAD16_S, int16_t, i64, uint64_t)                                                        \
    X(I64_LOAD16_U, uint16_t, i64, uint64_t)                                                       \
    X(I64_LOAD32_S, int32_t, i64, uint64_t)                                                        \
    X(I64_LOAD32_U, uint32_t, i64, uint64_t)

/* The _X forms of loads and stores (memory 0, 32-bit) take the address as an i32.add of two
 * slots (dst a b off / a b val off), the _XI forms of a slot and an immediate (dst a imm off /
 * a imm val off): the addition the compiler took back, wrapping at 2^32 as i32.add does. Loads
 * also have _XS: base + (idx << shift) (dst base idx shift off), the i32.shl taken back too, and
 * _XSI: (idx << shift) + imm (dst idx shift imm off), and _A: a constant address below 2^32
 * (dst addr, the memarg offset added in). */

/* i32 stores of a constant (memory 0, 32-bit): addr imm off; _KXI with the address an i32.add
 * of a slot and an immediate: a addend imm off. */
#define QW_CODE_STORES_K(X)                                                                        \
    X(I32_STORE, uint32_t)                                                                         \
    X(I32_STORE8, uint8_t)                                                                         \
    X(I32_STORE16, uint16_t)

/* Stores: name, C type written, slot field read. */
#define QW_CODE_STORES(X)                                                                          \
    X(I32_STORE, uint32_t, i32)                                                                    \
    X(I64_STORE, uint64_t, i64)                                                                    \
    X(F32_STORE, uint32_t, i32)                                                                    \
    X(F64_STORE, uint64_t, i64)                                                                    \
    X(I32_STORE8, uint8_t, i32)                                                                    \
    X(I32_STORE16, uint16_t, i32)                                                                  \
    X(I64_STORE8, uint8_t, i64)                                                                    \
    X(I64_STORE16, uint16_t, i64)                                                                  \
    X(I64_STORE32, uint32_t, i64)

/* SIMD with a shape of their own: name, scalar slot field, simd.h function. */
#define QW_CODE_SPLATS(X)                                                                          \
    X(I8X16_SPLAT, i32, qw_i8x16_splat)                                                            \
    X(I16X8_SPLAT, i32, qw_i16x8_splat)                                                            \
    X(I32X4_SPLAT, i32, qw_i32x4_splat)                                                            \
    X(I64X2_SPLAT, i64, qw_i64x2_splat)                                                            \
    X(F32X4_SPLAT, f32, qw_f32x4_splat)                                                            \
    X(F64X2_SPLAT, f64, qw_f64x2_splat)

/* dst vec lane */
#define QW_CODE_EXTRACTS(X)                                                                        \
    X(I8X16_EXTRACT_LANE_S, i32, qw_i8x16_extract_lane_s)                                          \
    X(I8X16_EXTRACT_LANE_U, i32, qw_i8x16_extract_lane_u)                                          \
    X(I16X8_EXTRACT_LANE_S, i32, qw_i16x8_extract_lane_s)                                          \
    X(I16X8_EXTRACT_LANE_U, i32, qw_i16x8_extract_lane_u)                                          \
    X(I32X4_EXTRACT_LANE, i32, qw_i32x4_extract_lane)                                              \
    X(I64X2_EXTRACT_LANE, i64, qw_i64x2_extract_lane)                                              \
    X(F32X4_EXTRACT_LANE, f32, qw_f32x4_extract_lane)                                              \
    X(F64X2_EXTRACT_LANE, f64, qw_f64x2_extract_lane)

/* dst vec x lane */
#define QW_CODE_REPLACES(X)                                                                        \
    X(I8X16_REPLACE_LANE, i32, qw_i8x16_replace_lane)                                              \
    X(I16X8_REPLACE_LANE, i32, qw_i16x8_replace_lane)                                              \
    X(I32X4_REPLACE_LANE, i32, qw_i32x4_replace_lane)                                              \
    X(I64X2_REPLACE_LANE, i64, qw_i64x2_replace_lane)                                              \
    X(F32X4_REPLACE_LANE, f32, qw_f32x4_replace_lane)                                              \
    X(F64X2_REPLACE_LANE, f64, qw_f64x2_replace_lane)

/* Vector loads (any memory): dst addr mem off_lo off_hi; name, function, bytes read. */
#define QW_CODE_VLOADS(X)                                                                          \
    X(V128_LOAD, qw_v128_load, 16)                                                                 \
    X(V128_LOAD8X8_S, qw_v128_load8x8_s, 8)                                                        \
    X(V128_LOAD8X8_U, qw_v128_load8x8_u, 8)                                                        \
    X(V128_LOAD16X4_S, qw_v128_load16x4_s, 8)                                                      \
    X(V128_LOAD16X4_U, qw_v128_load16x4_u, 8)                                                      \
    X(V128_LOAD32X2_S, qw_v128_load32x2_s, 8)                                                      \
    X(V128_LOAD32X2_U, qw_v128_load32x2_u, 8)                                                      \
    X(V128_LOAD8_SPLAT, qw_v128_load8_splat, 1)                                                    \
    X(V128_LOAD16_SPLAT, qw_v128_load16_splat, 2)                                                  \
    X(V128_LOAD32_SPLAT, qw_v128_load32_splat, 4)                                                  \
    X(V128_LOAD64_SPLAT, qw_v128_load64_splat, 8)                                                  \
    X(V128_LOAD32_ZERO, qw_v128_load32_zero, 4)                                                    \
    X(V128_LOAD64_ZERO, qw_v128_load64_zero, 8)

/* dst addr vec mem off_lo off_hi lane */
#define QW_CODE_VLOAD_LANES(X)                                                                     \
    X(V128_LOAD8_LANE, qw_v128_load8_lane, 1)                                                      \
    X(V128_LOAD16_LANE, qw_v128_load16_lane, 2)                                                    \
    X(V128_LOAD32_LANE, qw_v128_load32_lane, 4)                                                    \
    X(V128_LOAD64_LANE, qw_v128_load64_lane, 8)

/* addr vec mem off_lo off_hi lane */
#define QW_CODE_VSTORE_LANES(X)                                                                    \
    X(V128_STORE8_LANE, qw_v128_store8_lane, 1)                                                    \
    X(V128_STORE16_LANE, qw_v128_store16_lane, 2)                                                  \
    X(V128_STORE32_LANE, qw_v128_store32_lane, 4)                                                  \
    X(V128_STORE64_LANE, qw_v128_store64_lane, 8)

/* The other internal operations, with their operands. Slots are frame slot indices; `off` a
 * branch offset in words from the instruction's start; `mem` a memory index whose bit 31 says
 * the memory is 64-bit. */
#define QW_CODE_MISC(X)                                                                            \
    X(UNREACHABLE)          /* */                                                                  \
    X(COPY)                 /* dst src */                                                          \
    X(COPY32)               /* dst src: i32/f32, reads 4 bytes (no store-forwarding stall) */      \
    X(COPY32_2)             /* dst src dst2 src2: two COPY32 in order */                           \
    X(COPY_2)               /* dst src dst2 src2: two COPY in order */                             \
    X(COPY2)                /* dst src: a v128 */                                                  \
    X(CONST32)              /* dst imm */                                                          \
    X(CONST64)              /* dst lo hi */                                                        \
    X(CONST128)             /* dst w0 w1 w2 w3 */                                                  \
    X(BR)                   /* off */                                                              \
    X(BR_BACK)              /* off: a loop back-edge, checks the interrupt flag */                 \
    X(BR_IF)                /* cond off */                                                         \
    X(BR_IF_BACK)           /* cond off */                                                         \
    X(BR_UNLESS)            /* cond off */                                                         \
    X(BR_TABLE)             /* idx n off0 .. off_n (the last is the default) */                    \
    X(RETURN)               /* results are in slots 0.. */                                         \
    X(CALL)                 /* funcidx base */                                                     \
    X(CALL_LOCAL)           /* code_lo code_hi base: a function of the same module */              \
    X(CALL_INDIRECT)        /* typeidx table base idx */                                           \
    X(SELECT)               /* dst a b cond */                                                     \
    X(SELECT32)             /* dst a b cond: i32/f32 */                                            \
    X(SELECT2)              /* dst a b cond: v128 */                                               \
    X(GLOBAL_GET)           /* dst globalidx */                                                    \
    X(GLOBAL_GET2)          /* dst globalidx: v128 */                                              \
    X(GLOBAL_SET)           /* globalidx src */                                                    \
    X(GLOBAL_SET32)         /* globalidx src: i32/f32 */                                           \
    X(GLOBAL_SET2)          /* globalidx src */                                                    \
    X(GLOBAL_SET_REF)       /* globalidx src: counts the reference */                              \
    X(MEMORY_SIZE)          /* dst mem */                                                          \
    X(MEMORY_GROW)          /* dst mem delta */                                                    \
    X(MEMORY_FILL)          /* mem dst val n */                                                    \
    X(MEMORY_COPY)          /* dstmem srcmem dst src n */                                          \
    X(MEMORY_INIT)          /* mem data dst src n */                                               \
    X(DATA_DROP)            /* data */                                                             \
    X(TABLE_GET)            /* dst table idx */                                                    \
    X(TABLE_SET)            /* table idx val */                                                    \
    X(TABLE_SIZE)           /* dst table */                                                        \
    X(TABLE_GROW)           /* dst table init delta */                                             \
    X(TABLE_FILL)           /* table idx val n */                                                  \
    X(TABLE_COPY)           /* dsttable srctable dst src n */                                      \
    X(TABLE_INIT)           /* table elem dst src n */                                             \
    X(ELEM_DROP)            /* elem */                                                             \
    X(REF_NULL)             /* dst */                                                              \
    X(REF_IS_NULL)          /* dst src */                                                          \
    X(REF_FUNC)             /* dst funcidx */                                                      \
    X(REF_EQ)               /* dst a b */                                                          \
    X(REF_AS_NON_NULL)      /* src */                                                              \
    X(BR_ON_NULL)           /* src off */                                                          \
    X(BR_ON_NON_NULL)       /* src off */                                                          \
    X(CALL_REF)             /* typeidx base ref */                                                 \
    X(RETURN_CALL)          /* funcidx base */                                                     \
    X(RETURN_CALL_INDIRECT) /* typeidx table base idx */                                           \
    X(RETURN_CALL_REF)      /* typeidx base ref */                                                 \
    X(V128_STORE_M)         /* addr val mem off_lo off_hi */                                       \
    X(SIMD_UN)              /* dst a fn: fn indexes simd.h's list */                               \
    X(SIMD_BIN)             /* dst a b fn */                                                       \
    X(SIMD_TERN)            /* dst a b c fn */                                                     \
    X(SIMD_TEST)            /* dst a fn */                                                         \
    X(SIMD_SHIFT)           /* dst a count fn */                                                   \
    X(SHUFFLE)              /* dst a b lanes (4 words) */                                          \
    X(BRIF_I32_EQZ)         /* a off */                                                            \
    X(BRUNLESS_I32_EQZ)     /* a off */                                                            \
    X(BRIF_I64_EQZ)         /* a off */                                                            \
    X(BRUNLESS_I64_EQZ)     /* a off */                                                            \
    X(REF_I31)              /* dst src */                                                          \
    X(I31_GET_S)            /* dst src */                                                          \
    X(I31_GET_U)            /* dst src */                                                          \
    X(REF_TEST)             /* dst src heaptype nullable */                                        \
    X(REF_CAST)             /* src heaptype nullable */                                            \
    X(BR_CAST_SKIP)         /* src heaptype nullable want off: skip when the test gives want */    \
    X(TRY_TABLE)            /* skip n (kind tag dst off)*n: catch clauses, skipped when run */     \
    X(THROW)                /* tagidx base */                                                      \
    X(THROW_REF)            /* src */                                                              \
    X(ATOMIC)               /* dst addr x y mem off_lo off_hi op: see atomic.h */                  \
    X(UNSUPPORTED)          /* */                                                                  \
    X(GC)                   /* sub len dst x y n args*n: struct.* and array.* (gc.c) */

typedef enum qw_iop {
#define QW_IOP_ENUM(n, ...) QW_IOP_##n,
    QW_CODE_UNOPS(QW_IOP_ENUM) QW_CODE_UNOPS_TRAP(QW_IOP_ENUM) QW_CODE_BINOPS(QW_IOP_ENUM)
        QW_CODE_BINOPS_TRAP(QW_IOP_ENUM) QW_CODE_LOADS(QW_IOP_ENUM) QW_CODE_STORES(QW_IOP_ENUM)
#define QW_IOP_ENUM_M(n, ...) QW_IOP_##n##_M,
#define QW_IOP_ENUM_I(n, ...) QW_IOP_##n##_I,
#define QW_IOP_ENUM_X(n, ...) QW_IOP_##n##_X, QW_IOP_##n##_XI,
#define QW_IOP_ENUM_XS(n, ...)                                                                     \
    QW_IOP_##n##_X, QW_IOP_##n##_XI, QW_IOP_##n##_XS, QW_IOP_##n##_XSI, QW_IOP_##n##_A,
#define QW_IOP_ENUM_K(n, ...) QW_IOP_##n##_K, QW_IOP_##n##_KXI,
            QW_CODE_STORES_K(QW_IOP_ENUM_K) QW_CODE_LOADS(QW_IOP_ENUM_XS) QW_CODE_STORES(
                QW_IOP_ENUM_X)
#define QW_IOP_ENUM_L(n, ...)  QW_IOP_##n##_L,
#define QW_IOP_ENUM_AB(n, ...) QW_IOP_ADDI_BRIF_##n##_I, QW_IOP_ADDI_BRIF_##n, QW_IOP_ADD_BRIF_##n,
#define QW_IOP_ENUM_F(n, ...)                                                                      \
    QW_IOP_BRIF_##n, QW_IOP_BRIF_##n##_I, QW_IOP_BRUNLESS_##n, QW_IOP_BRUNLESS_##n##_I,
                QW_CODE_CMPS(QW_IOP_ENUM_F) QW_CODE_I32_CMPS(QW_IOP_ENUM_AB) QW_CODE_INT_BINOPS(
                    QW_IOP_ENUM_I) QW_CODE_FLOAT_ARITH(QW_IOP_ENUM_I) QW_CODE_LOADS(QW_IOP_ENUM_M)
                    QW_CODE_STORES(QW_IOP_ENUM_M) QW_CODE_VLOADS(QW_IOP_ENUM_M)
                        QW_CODE_VLOAD_LANES(QW_IOP_ENUM) QW_CODE_VSTORE_LANES(QW_IOP_ENUM)
                            QW_CODE_I32_PAIRS(QW_IOP_ENUM) QW_CODE_SHIFT_BINOPS(QW_IOP_ENUM)
                                QW_CODE_MEM_BINOPS(QW_IOP_ENUM_L) QW_CODE_SPLATS(QW_IOP_ENUM)
                                    QW_CODE_EXTRACTS(QW_IOP_ENUM) QW_CODE_REPLACES(QW_IOP_ENUM)
                                        QW_CODE_MISC(QW_IOP_ENUM)
#undef QW_IOP_ENUM
#undef QW_IOP_ENUM_M
#undef QW_IOP_ENUM_I
#undef QW_IOP_ENUM_X
#undef QW_IOP_ENUM_XS
#undef QW_IOP_ENUM_K
#undef QW_IOP_ENUM_F
#undef QW_IOP_ENUM_AB
#undef QW_IOP_ENUM_L
                                            QW_IOP_COUNT_
} qw_iop;

/* A defined function's compiled code. Its frame: parameters, declared locals, then the
 * temporaries of the operand stack; results are returned in slots 0... */
/* A try block's body [start, end) (word indices) and its TRY_TABLE instruction at `at`, whose
 * clauses say where an exception thrown in the body goes; inner blocks come first. A clause is
 * five words: kind (the binary catch kind; QW_CATCH_RETURN set when the label is the function's,
 * QW_CATCH_DELEGATE for a legacy delegate), tag index, destination slot of the values, branch
 * offset from `at` (delegate: the word index where the search goes on, or QW_NO_INDEX: the
 * caller), and the slot that receives the exnref of a legacy catch (else QW_NO_INDEX). A
 * try_table's clause list is at its start; a legacy try's after its last catch. */
typedef struct qw_handler {
    uint32_t start, end, at;
} qw_handler;

#define QW_CATCH_RETURN   0x100u
#define QW_CATCH_DELEGATE 0x200u
#define QW_CLAUSE_WORDS   5

typedef struct qw_code {
    uint32_t func; /* its function index in the module */
    qw_word *words;
    uint32_t len;
    qw_handler *handlers;
    uint32_t nhandlers;
    uint32_t nparam_slots;
    uint32_t nlocal_slots; /* declared locals only, zeroed at entry */
    uint32_t nresult_slots;
    uint32_t frame_slots; /* everything, temporaries included */
} qw_code;

/* interp.c: the handler offsets of every internal operation, indexed by qw_iop. */
const int32_t *qw_interp_handlers(void);

/* compile.c: compiles every defined function of a validated module into m->codes. Returns false
 * with *err set (out of memory, or a limit). */
bool qw_compile_module(qw_module *m, qw_error *err);
void qw_compile_free(qw_module *m);

/* Slots a value of type t takes. */
static inline uint32_t qw_slots_of(qw_valtype t)
{
    return QW_VT_CODE(t) == QW_V128 ? 2 : 1;
}

#endif
