/* simd.h: the semantics of the fixed-width SIMD instructions (spec "Vector instructions", 0xFD
 * prefix) and of relaxed SIMD, lane by lane, in portable C on qw_v128 values (simd.c).
 *
 * Names follow the instruction's text form: i8x16.add_sat_s is qw_i8x16_add_sat_s. The X-macro
 * lists group the operations by signature so the compiler and interpreter can generate one handler
 * per entry; every listed name has a function qw_<name>.
 *
 * Relaxed SIMD: each instruction has ONE deterministic behaviour, the one of the spec's
 * deterministic profile (every choice is among the results the relaxed-simd tests accept):
 *   relaxed_swizzle            = swizzle (an index >= 16 selects 0)
 *   relaxed_trunc*             = trunc_sat* (NaN -> 0, saturate out of range)
 *   relaxed_madd / nmadd       = fused multiply-add, one rounding (C fma): a*b + c, -(a*b) + c
 *   relaxed_laneselect         = bitselect (every bit of the mask selects)
 *   relaxed_min / max          = min / max (NaN propagates, -0 < +0)
 *   relaxed_q15mulr_s          = q15mulr_sat_s (saturates -1 * -1)
 *   relaxed_dot_i8x16_i7x16_s  = both operands signed; pair sums wrap to 16 bits;
 *   ..._add_s                    then extadd_pairwise to 32 bits and add c, wrapping.
 * Checked against the 22511 simd and relaxed-simd assert_return vectors of the spec suite whose
 * operations map directly onto these functions (all pass, also under UBSAN). */
#ifndef QW_SIMD_H
#define QW_SIMD_H

#include "qw.h"

#include <stdint.h>

/* v128 -> v128 */
#define QW_SIMD_UNOPS(X)                                                                           \
    X(v128_not)                                                                                    \
    X(i8x16_abs)                                                                                   \
    X(i8x16_neg)                                                                                   \
    X(i8x16_popcnt)                                                                                \
    X(i16x8_abs)                                                                                   \
    X(i16x8_neg)                                                                                   \
    X(i32x4_abs)                                                                                   \
    X(i32x4_neg)                                                                                   \
    X(i64x2_abs)                                                                                   \
    X(i64x2_neg)                                                                                   \
    X(i16x8_extend_low_i8x16_s)                                                                    \
    X(i16x8_extend_high_i8x16_s)                                                                   \
    X(i16x8_extend_low_i8x16_u)                                                                    \
    X(i16x8_extend_high_i8x16_u)                                                                   \
    X(i32x4_extend_low_i16x8_s)                                                                    \
    X(i32x4_extend_high_i16x8_s)                                                                   \
    X(i32x4_extend_low_i16x8_u)                                                                    \
    X(i32x4_extend_high_i16x8_u)                                                                   \
    X(i64x2_extend_low_i32x4_s)                                                                    \
    X(i64x2_extend_high_i32x4_s)                                                                   \
    X(i64x2_extend_low_i32x4_u)                                                                    \
    X(i64x2_extend_high_i32x4_u)                                                                   \
    X(i16x8_extadd_pairwise_i8x16_s)                                                               \
    X(i16x8_extadd_pairwise_i8x16_u)                                                               \
    X(i32x4_extadd_pairwise_i16x8_s)                                                               \
    X(i32x4_extadd_pairwise_i16x8_u)                                                               \
    X(f32x4_abs)                                                                                   \
    X(f32x4_neg)                                                                                   \
    X(f32x4_sqrt)                                                                                  \
    X(f32x4_ceil)                                                                                  \
    X(f32x4_floor)                                                                                 \
    X(f32x4_trunc)                                                                                 \
    X(f32x4_nearest)                                                                               \
    X(f64x2_abs)                                                                                   \
    X(f64x2_neg)                                                                                   \
    X(f64x2_sqrt)                                                                                  \
    X(f64x2_ceil)                                                                                  \
    X(f64x2_floor)                                                                                 \
    X(f64x2_trunc)                                                                                 \
    X(f64x2_nearest)                                                                               \
    X(i32x4_trunc_sat_f32x4_s)                                                                     \
    X(i32x4_trunc_sat_f32x4_u)                                                                     \
    X(f32x4_convert_i32x4_s)                                                                       \
    X(f32x4_convert_i32x4_u)                                                                       \
    X(i32x4_trunc_sat_f64x2_s_zero)                                                                \
    X(i32x4_trunc_sat_f64x2_u_zero)                                                                \
    X(f64x2_convert_low_i32x4_s)                                                                   \
    X(f64x2_convert_low_i32x4_u)                                                                   \
    X(f32x4_demote_f64x2_zero)                                                                     \
    X(f64x2_promote_low_f32x4)                                                                     \
    X(i32x4_relaxed_trunc_f32x4_s)                                                                 \
    X(i32x4_relaxed_trunc_f32x4_u)                                                                 \
    X(i32x4_relaxed_trunc_f64x2_s_zero)                                                            \
    X(i32x4_relaxed_trunc_f64x2_u_zero)

/* (v128, v128) -> v128 */
#define QW_SIMD_BINOPS(X)                                                                          \
    X(v128_and)                                                                                    \
    X(v128_andnot)                                                                                 \
    X(v128_or)                                                                                     \
    X(v128_xor)                                                                                    \
    X(i8x16_swizzle)                                                                               \
    X(i8x16_relaxed_swizzle)                                                                       \
    X(i8x16_eq)                                                                                    \
    X(i8x16_ne)                                                                                    \
    X(i8x16_lt_s)                                                                                  \
    X(i8x16_lt_u)                                                                                  \
    X(i8x16_gt_s)                                                                                  \
    X(i8x16_gt_u)                                                                                  \
    X(i8x16_le_s)                                                                                  \
    X(i8x16_le_u)                                                                                  \
    X(i8x16_ge_s)                                                                                  \
    X(i8x16_ge_u)                                                                                  \
    X(i16x8_eq)                                                                                    \
    X(i16x8_ne)                                                                                    \
    X(i16x8_lt_s)                                                                                  \
    X(i16x8_lt_u)                                                                                  \
    X(i16x8_gt_s)                                                                                  \
    X(i16x8_gt_u)                                                                                  \
    X(i16x8_le_s)                                                                                  \
    X(i16x8_le_u)                                                                                  \
    X(i16x8_ge_s)                                                                                  \
    X(i16x8_ge_u)                                                                                  \
    X(i32x4_eq)                                                                                    \
    X(i32x4_ne)                                                                                    \
    X(i32x4_lt_s)                                                                                  \
    X(i32x4_lt_u)                                                                                  \
    X(i32x4_gt_s)                                                                                  \
    X(i32x4_gt_u)                                                                                  \
    X(i32x4_le_s)                                                                                  \
    X(i32x4_le_u)                                                                                  \
    X(i32x4_ge_s)                                                                                  \
    X(i32x4_ge_u)                                                                                  \
    X(i64x2_eq)                                                                                    \
    X(i64x2_ne)                                                                                    \
    X(i64x2_lt_s)                                                                                  \
    X(i64x2_gt_s)                                                                                  \
    X(i64x2_le_s)                                                                                  \
    X(i64x2_ge_s)                                                                                  \
    X(f32x4_eq)                                                                                    \
    X(f32x4_ne)                                                                                    \
    X(f32x4_lt)                                                                                    \
    X(f32x4_gt)                                                                                    \
    X(f32x4_le)                                                                                    \
    X(f32x4_ge)                                                                                    \
    X(f64x2_eq)                                                                                    \
    X(f64x2_ne)                                                                                    \
    X(f64x2_lt)                                                                                    \
    X(f64x2_gt)                                                                                    \
    X(f64x2_le)                                                                                    \
    X(f64x2_ge)                                                                                    \
    X(i8x16_narrow_i16x8_s)                                                                        \
    X(i8x16_narrow_i16x8_u)                                                                        \
    X(i16x8_narrow_i32x4_s)                                                                        \
    X(i16x8_narrow_i32x4_u)                                                                        \
    X(i8x16_add)                                                                                   \
    X(i8x16_add_sat_s)                                                                             \
    X(i8x16_add_sat_u)                                                                             \
    X(i8x16_sub)                                                                                   \
    X(i8x16_sub_sat_s)                                                                             \
    X(i8x16_sub_sat_u)                                                                             \
    X(i8x16_min_s)                                                                                 \
    X(i8x16_min_u)                                                                                 \
    X(i8x16_max_s)                                                                                 \
    X(i8x16_max_u)                                                                                 \
    X(i8x16_avgr_u)                                                                                \
    X(i16x8_add)                                                                                   \
    X(i16x8_add_sat_s)                                                                             \
    X(i16x8_add_sat_u)                                                                             \
    X(i16x8_sub)                                                                                   \
    X(i16x8_sub_sat_s)                                                                             \
    X(i16x8_sub_sat_u)                                                                             \
    X(i16x8_mul)                                                                                   \
    X(i16x8_min_s)                                                                                 \
    X(i16x8_min_u)                                                                                 \
    X(i16x8_max_s)                                                                                 \
    X(i16x8_max_u)                                                                                 \
    X(i16x8_avgr_u)                                                                                \
    X(i16x8_q15mulr_sat_s)                                                                         \
    X(i16x8_relaxed_q15mulr_s)                                                                     \
    X(i16x8_extmul_low_i8x16_s)                                                                    \
    X(i16x8_extmul_high_i8x16_s)                                                                   \
    X(i16x8_extmul_low_i8x16_u)                                                                    \
    X(i16x8_extmul_high_i8x16_u)                                                                   \
    X(i16x8_relaxed_dot_i8x16_i7x16_s)                                                             \
    X(i32x4_add)                                                                                   \
    X(i32x4_sub)                                                                                   \
    X(i32x4_mul)                                                                                   \
    X(i32x4_min_s)                                                                                 \
    X(i32x4_min_u)                                                                                 \
    X(i32x4_max_s)                                                                                 \
    X(i32x4_max_u)                                                                                 \
    X(i32x4_dot_i16x8_s)                                                                           \
    X(i32x4_extmul_low_i16x8_s)                                                                    \
    X(i32x4_extmul_high_i16x8_s)                                                                   \
    X(i32x4_extmul_low_i16x8_u)                                                                    \
    X(i32x4_extmul_high_i16x8_u)                                                                   \
    X(i64x2_add)                                                                                   \
    X(i64x2_sub)                                                                                   \
    X(i64x2_mul)                                                                                   \
    X(i64x2_extmul_low_i32x4_s)                                                                    \
    X(i64x2_extmul_high_i32x4_s)                                                                   \
    X(i64x2_extmul_low_i32x4_u)                                                                    \
    X(i64x2_extmul_high_i32x4_u)                                                                   \
    X(f32x4_add)                                                                                   \
    X(f32x4_sub)                                                                                   \
    X(f32x4_mul)                                                                                   \
    X(f32x4_div)                                                                                   \
    X(f32x4_min)                                                                                   \
    X(f32x4_max)                                                                                   \
    X(f32x4_pmin)                                                                                  \
    X(f32x4_pmax)                                                                                  \
    X(f32x4_relaxed_min)                                                                           \
    X(f32x4_relaxed_max)                                                                           \
    X(f64x2_add)                                                                                   \
    X(f64x2_sub)                                                                                   \
    X(f64x2_mul)                                                                                   \
    X(f64x2_div)                                                                                   \
    X(f64x2_min)                                                                                   \
    X(f64x2_max)                                                                                   \
    X(f64x2_pmin)                                                                                  \
    X(f64x2_pmax)                                                                                  \
    X(f64x2_relaxed_min)                                                                           \
    X(f64x2_relaxed_max)

/* (v128, v128, v128) -> v128. bitselect and laneselect take (v1, v2, mask). */
#define QW_SIMD_TERNOPS(X)                                                                         \
    X(v128_bitselect)                                                                              \
    X(i8x16_relaxed_laneselect)                                                                    \
    X(i16x8_relaxed_laneselect)                                                                    \
    X(i32x4_relaxed_laneselect)                                                                    \
    X(i64x2_relaxed_laneselect)                                                                    \
    X(f32x4_relaxed_madd)                                                                          \
    X(f32x4_relaxed_nmadd)                                                                         \
    X(f64x2_relaxed_madd)                                                                          \
    X(f64x2_relaxed_nmadd)                                                                         \
    X(i32x4_relaxed_dot_i8x16_i7x16_add_s)

/* v128 -> i32 */
#define QW_SIMD_TESTOPS(X)                                                                         \
    X(v128_any_true)                                                                               \
    X(i8x16_all_true)                                                                              \
    X(i8x16_bitmask)                                                                               \
    X(i16x8_all_true)                                                                              \
    X(i16x8_bitmask)                                                                               \
    X(i32x4_all_true)                                                                              \
    X(i32x4_bitmask)                                                                               \
    X(i64x2_all_true)                                                                              \
    X(i64x2_bitmask)

/* (v128, i32 count) -> v128; the count is taken modulo the lane width. */
#define QW_SIMD_SHIFTOPS(X)                                                                        \
    X(i8x16_shl)                                                                                   \
    X(i8x16_shr_s)                                                                                 \
    X(i8x16_shr_u)                                                                                 \
    X(i16x8_shl)                                                                                   \
    X(i16x8_shr_s)                                                                                 \
    X(i16x8_shr_u)                                                                                 \
    X(i32x4_shl)                                                                                   \
    X(i32x4_shr_s)                                                                                 \
    X(i32x4_shr_u)                                                                                 \
    X(i64x2_shl)                                                                                   \
    X(i64x2_shr_s)                                                                                 \
    X(i64x2_shr_u)

#define QW_SIMD_DECL_UN(n)    qw_v128 qw_##n(qw_v128 a);
#define QW_SIMD_DECL_BIN(n)   qw_v128 qw_##n(qw_v128 a, qw_v128 b);
#define QW_SIMD_DECL_TERN(n)  qw_v128 qw_##n(qw_v128 a, qw_v128 b, qw_v128 c);
#define QW_SIMD_DECL_TEST(n)  uint32_t qw_##n(qw_v128 a);
#define QW_SIMD_DECL_SHIFT(n) qw_v128 qw_##n(qw_v128 a, uint32_t count);
QW_SIMD_UNOPS(QW_SIMD_DECL_UN)
QW_SIMD_BINOPS(QW_SIMD_DECL_BIN)
QW_SIMD_TERNOPS(QW_SIMD_DECL_TERN)
QW_SIMD_TESTOPS(QW_SIMD_DECL_TEST)
QW_SIMD_SHIFTOPS(QW_SIMD_DECL_SHIFT)

/* Splats take the scalar as the interpreter holds it (i8/i16 use the low bits of an i32). */
qw_v128 qw_i8x16_splat(uint32_t x);
qw_v128 qw_i16x8_splat(uint32_t x);
qw_v128 qw_i32x4_splat(uint32_t x);
qw_v128 qw_i64x2_splat(uint64_t x);
qw_v128 qw_f32x4_splat(float x);
qw_v128 qw_f64x2_splat(double x);

/* Lane indices were checked by validation (lane < lane count); they are masked anyway so a bad
 * index can never read outside the vector. */
uint32_t qw_i8x16_extract_lane_s(qw_v128 v, uint32_t lane);
uint32_t qw_i8x16_extract_lane_u(qw_v128 v, uint32_t lane);
uint32_t qw_i16x8_extract_lane_s(qw_v128 v, uint32_t lane);
uint32_t qw_i16x8_extract_lane_u(qw_v128 v, uint32_t lane);
uint32_t qw_i32x4_extract_lane(qw_v128 v, uint32_t lane);
uint64_t qw_i64x2_extract_lane(qw_v128 v, uint32_t lane);
float qw_f32x4_extract_lane(qw_v128 v, uint32_t lane);
double qw_f64x2_extract_lane(qw_v128 v, uint32_t lane);
qw_v128 qw_i8x16_replace_lane(qw_v128 v, uint32_t lane, uint32_t x);
qw_v128 qw_i16x8_replace_lane(qw_v128 v, uint32_t lane, uint32_t x);
qw_v128 qw_i32x4_replace_lane(qw_v128 v, uint32_t lane, uint32_t x);
qw_v128 qw_i64x2_replace_lane(qw_v128 v, uint32_t lane, uint64_t x);
qw_v128 qw_f32x4_replace_lane(qw_v128 v, uint32_t lane, float x);
qw_v128 qw_f64x2_replace_lane(qw_v128 v, uint32_t lane, double x);

/* Lane i of the result is lane lanes[i] of the 32-byte concatenation a:b (lanes[i] < 32). */
qw_v128 qw_i8x16_shuffle(qw_v128 a, qw_v128 b, const uint8_t lanes[16]);

/* Loads and stores on a byte pointer the caller has bounds-checked for the access size: 16 bytes
 * for v128.load/store, 8 for the extending loads, the lane or scalar width for the others. The
 * pointer need not be aligned. */
qw_v128 qw_v128_load(const uint8_t *p);
void qw_v128_store(uint8_t *p, qw_v128 v);
qw_v128 qw_v128_load8x8_s(const uint8_t *p);
qw_v128 qw_v128_load8x8_u(const uint8_t *p);
qw_v128 qw_v128_load16x4_s(const uint8_t *p);
qw_v128 qw_v128_load16x4_u(const uint8_t *p);
qw_v128 qw_v128_load32x2_s(const uint8_t *p);
qw_v128 qw_v128_load32x2_u(const uint8_t *p);
qw_v128 qw_v128_load8_splat(const uint8_t *p);
qw_v128 qw_v128_load16_splat(const uint8_t *p);
qw_v128 qw_v128_load32_splat(const uint8_t *p);
qw_v128 qw_v128_load64_splat(const uint8_t *p);
qw_v128 qw_v128_load32_zero(const uint8_t *p);
qw_v128 qw_v128_load64_zero(const uint8_t *p);
qw_v128 qw_v128_load8_lane(const uint8_t *p, qw_v128 v, uint32_t lane);
qw_v128 qw_v128_load16_lane(const uint8_t *p, qw_v128 v, uint32_t lane);
qw_v128 qw_v128_load32_lane(const uint8_t *p, qw_v128 v, uint32_t lane);
qw_v128 qw_v128_load64_lane(const uint8_t *p, qw_v128 v, uint32_t lane);
void qw_v128_store8_lane(uint8_t *p, qw_v128 v, uint32_t lane);
void qw_v128_store16_lane(uint8_t *p, qw_v128 v, uint32_t lane);
void qw_v128_store32_lane(uint8_t *p, qw_v128 v, uint32_t lane);
void qw_v128_store64_lane(uint8_t *p, qw_v128 v, uint32_t lane);

#endif
