/* num.h: the semantics of every scalar numeric instruction (spec "Numerics": integer operations,
 * floating-point operations, conversions), as small inline functions shared by the interpreter and
 * constant folding. Integers travel as unsigned bit patterns (uint32_t / uint64_t), floats as
 * float / double. Operations that can trap return a qw_trap and write the result through a pointer.
 *
 * NaN rules: arithmetic follows the hardware, which yields an arithmetic NaN (quiet bit set) for a
 * NaN operand and a canonical NaN otherwise, as the spec allows. abs, neg and copysign are pure bit
 * operations and never touch a NaN's payload; promote and demote keep the payload's top bits and
 * set the quiet bit. Rounding assumes the default IEEE mode (round to nearest, ties to even),
 * which nothing in the process changes.
 *
 * C compilers assume no signalling NaNs unless told (-fsignaling-nans): with a constant operand
 * they fold x + -0.0, x * 1.0, x / 1.0 to x and an operation on a constant NaN to that NaN, which
 * would return a signalling NaN unquieted. The engine calls these functions only with run-time
 * values (operands, immediates read from the code), where no such folding happens. Checked against
 * all 12341 scalar assert_return and assert_trap vectors of the spec suite's i32, i64, f32, f64,
 * *_cmp, *_bitwise, conversions and float_misc scripts. */
#ifndef QW_NUM_H
#define QW_NUM_H

#include "qw.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- Bit access ---------------------------------------------------------------------------- */

static inline uint32_t qw_f32_bits(float x)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline float qw_f32_from_bits(uint32_t b)
{
    float x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static inline uint64_t qw_f64_bits(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline double qw_f64_from_bits(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* ---- i32 ----------------------------------------------------------------------------------- */

static inline uint32_t qw_i32_add(uint32_t a, uint32_t b)
{
    return a + b;
}
static inline uint32_t qw_i32_sub(uint32_t a, uint32_t b)
{
    return a - b;
}
static inline uint32_t qw_i32_mul(uint32_t a, uint32_t b)
{
    return a * b;
}
static inline uint32_t qw_i32_and(uint32_t a, uint32_t b)
{
    return a & b;
}
static inline uint32_t qw_i32_or(uint32_t a, uint32_t b)
{
    return a | b;
}
static inline uint32_t qw_i32_xor(uint32_t a, uint32_t b)
{
    return a ^ b;
}
/* Shift counts are taken modulo the width (spec: ishl(i, k) shifts by k mod N). */
static inline uint32_t qw_i32_shl(uint32_t a, uint32_t b)
{
    return a << (b & 31);
}
static inline uint32_t qw_i32_shr_u(uint32_t a, uint32_t b)
{
    return a >> (b & 31);
}
/* Right shift of a negative int32_t is implementation-defined in C: build the sign fill by hand. */
static inline uint32_t qw_i32_shr_s(uint32_t a, uint32_t b)
{
    uint32_t k = b & 31, r = a >> k;
    if ((a & 0x80000000u) && k)
        r |= ~(UINT32_MAX >> k);
    return r;
}
static inline uint32_t qw_i32_rotl(uint32_t a, uint32_t b)
{
    uint32_t k = b & 31;
    return k ? (a << k) | (a >> (32 - k)) : a;
}
static inline uint32_t qw_i32_rotr(uint32_t a, uint32_t b)
{
    uint32_t k = b & 31;
    return k ? (a >> k) | (a << (32 - k)) : a;
}

static inline qw_trap qw_i32_div_s(uint32_t a, uint32_t b, uint32_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    if (a == 0x80000000u && b == UINT32_MAX)
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint32_t)((int32_t)a / (int32_t)b);
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i32_div_u(uint32_t a, uint32_t b, uint32_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    *r = a / b;
    return QW_TRAP_NONE;
}
/* INT32_MIN rem -1 is 0 in Wasm but undefined behaviour in C. */
static inline qw_trap qw_i32_rem_s(uint32_t a, uint32_t b, uint32_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    *r = b == UINT32_MAX ? 0 : (uint32_t)((int32_t)a % (int32_t)b);
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i32_rem_u(uint32_t a, uint32_t b, uint32_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    *r = a % b;
    return QW_TRAP_NONE;
}

static inline uint32_t qw_i32_clz(uint32_t a)
{
    return a ? (uint32_t)__builtin_clz(a) : 32;
}
static inline uint32_t qw_i32_ctz(uint32_t a)
{
    return a ? (uint32_t)__builtin_ctz(a) : 32;
}
static inline uint32_t qw_i32_popcnt(uint32_t a)
{
    return (uint32_t)__builtin_popcount(a);
}
static inline uint32_t qw_i32_eqz(uint32_t a)
{
    return a == 0;
}
static inline uint32_t qw_i32_eq(uint32_t a, uint32_t b)
{
    return a == b;
}
static inline uint32_t qw_i32_ne(uint32_t a, uint32_t b)
{
    return a != b;
}
static inline uint32_t qw_i32_lt_s(uint32_t a, uint32_t b)
{
    return (int32_t)a < (int32_t)b;
}
static inline uint32_t qw_i32_lt_u(uint32_t a, uint32_t b)
{
    return a < b;
}
static inline uint32_t qw_i32_gt_s(uint32_t a, uint32_t b)
{
    return (int32_t)a > (int32_t)b;
}
static inline uint32_t qw_i32_gt_u(uint32_t a, uint32_t b)
{
    return a > b;
}
static inline uint32_t qw_i32_le_s(uint32_t a, uint32_t b)
{
    return (int32_t)a <= (int32_t)b;
}
static inline uint32_t qw_i32_le_u(uint32_t a, uint32_t b)
{
    return a <= b;
}
static inline uint32_t qw_i32_ge_s(uint32_t a, uint32_t b)
{
    return (int32_t)a >= (int32_t)b;
}
static inline uint32_t qw_i32_ge_u(uint32_t a, uint32_t b)
{
    return a >= b;
}
static inline uint32_t qw_i32_extend8_s(uint32_t a)
{
    return (uint32_t)(int32_t)(int8_t)(uint8_t)a;
}
static inline uint32_t qw_i32_extend16_s(uint32_t a)
{
    return (uint32_t)(int32_t)(int16_t)(uint16_t)a;
}

/* ---- i64 ----------------------------------------------------------------------------------- */

static inline uint64_t qw_i64_add(uint64_t a, uint64_t b)
{
    return a + b;
}
static inline uint64_t qw_i64_sub(uint64_t a, uint64_t b)
{
    return a - b;
}
static inline uint64_t qw_i64_mul(uint64_t a, uint64_t b)
{
    return a * b;
}
static inline uint64_t qw_i64_and(uint64_t a, uint64_t b)
{
    return a & b;
}
static inline uint64_t qw_i64_or(uint64_t a, uint64_t b)
{
    return a | b;
}
static inline uint64_t qw_i64_xor(uint64_t a, uint64_t b)
{
    return a ^ b;
}
static inline uint64_t qw_i64_shl(uint64_t a, uint64_t b)
{
    return a << (b & 63);
}
static inline uint64_t qw_i64_shr_u(uint64_t a, uint64_t b)
{
    return a >> (b & 63);
}
static inline uint64_t qw_i64_shr_s(uint64_t a, uint64_t b)
{
    uint64_t k = b & 63, r = a >> k;
    if ((a & 0x8000000000000000u) && k)
        r |= ~(UINT64_MAX >> k);
    return r;
}
static inline uint64_t qw_i64_rotl(uint64_t a, uint64_t b)
{
    uint64_t k = b & 63;
    return k ? (a << k) | (a >> (64 - k)) : a;
}
static inline uint64_t qw_i64_rotr(uint64_t a, uint64_t b)
{
    uint64_t k = b & 63;
    return k ? (a >> k) | (a << (64 - k)) : a;
}

static inline qw_trap qw_i64_div_s(uint64_t a, uint64_t b, uint64_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    if (a == 0x8000000000000000u && b == UINT64_MAX)
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint64_t)((int64_t)a / (int64_t)b);
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_div_u(uint64_t a, uint64_t b, uint64_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    *r = a / b;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_rem_s(uint64_t a, uint64_t b, uint64_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    *r = b == UINT64_MAX ? 0 : (uint64_t)((int64_t)a % (int64_t)b);
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_rem_u(uint64_t a, uint64_t b, uint64_t *r)
{
    if (b == 0)
        return QW_TRAP_INT_DIV_ZERO;
    *r = a % b;
    return QW_TRAP_NONE;
}

static inline uint64_t qw_i64_clz(uint64_t a)
{
    return a ? (uint64_t)__builtin_clzll(a) : 64;
}
static inline uint64_t qw_i64_ctz(uint64_t a)
{
    return a ? (uint64_t)__builtin_ctzll(a) : 64;
}
static inline uint64_t qw_i64_popcnt(uint64_t a)
{
    return (uint64_t)__builtin_popcountll(a);
}
static inline uint32_t qw_i64_eqz(uint64_t a)
{
    return a == 0;
}
static inline uint32_t qw_i64_eq(uint64_t a, uint64_t b)
{
    return a == b;
}
static inline uint32_t qw_i64_ne(uint64_t a, uint64_t b)
{
    return a != b;
}
static inline uint32_t qw_i64_lt_s(uint64_t a, uint64_t b)
{
    return (int64_t)a < (int64_t)b;
}
static inline uint32_t qw_i64_lt_u(uint64_t a, uint64_t b)
{
    return a < b;
}
static inline uint32_t qw_i64_gt_s(uint64_t a, uint64_t b)
{
    return (int64_t)a > (int64_t)b;
}
static inline uint32_t qw_i64_gt_u(uint64_t a, uint64_t b)
{
    return a > b;
}
static inline uint32_t qw_i64_le_s(uint64_t a, uint64_t b)
{
    return (int64_t)a <= (int64_t)b;
}
static inline uint32_t qw_i64_le_u(uint64_t a, uint64_t b)
{
    return a <= b;
}
static inline uint32_t qw_i64_ge_s(uint64_t a, uint64_t b)
{
    return (int64_t)a >= (int64_t)b;
}
static inline uint32_t qw_i64_ge_u(uint64_t a, uint64_t b)
{
    return a >= b;
}
static inline uint64_t qw_i64_extend8_s(uint64_t a)
{
    return (uint64_t)(int64_t)(int8_t)(uint8_t)a;
}
static inline uint64_t qw_i64_extend16_s(uint64_t a)
{
    return (uint64_t)(int64_t)(int16_t)(uint16_t)a;
}
static inline uint64_t qw_i64_extend32_s(uint64_t a)
{
    return (uint64_t)(int64_t)(int32_t)(uint32_t)a;
}
static inline uint64_t qw_i64_extend_i32_s(uint32_t a)
{
    return (uint64_t)(int64_t)(int32_t)a;
}
static inline uint64_t qw_i64_extend_i32_u(uint32_t a)
{
    return a;
}
static inline uint32_t qw_i32_wrap_i64(uint64_t a)
{
    return (uint32_t)a;
}

/* ---- f32 / f64 arithmetic ------------------------------------------------------------------ */

static inline float qw_f32_add(float a, float b)
{
    return a + b;
}
static inline float qw_f32_sub(float a, float b)
{
    return a - b;
}
static inline float qw_f32_mul(float a, float b)
{
    return a * b;
}
static inline float qw_f32_div(float a, float b)
{
    return a / b;
}
static inline double qw_f64_add(double a, double b)
{
    return a + b;
}
static inline double qw_f64_sub(double a, double b)
{
    return a - b;
}
static inline double qw_f64_mul(double a, double b)
{
    return a * b;
}
static inline double qw_f64_div(double a, double b)
{
    return a / b;
}

/* The rounding functions return x + x for a NaN so a signalling NaN comes out quiet whatever the
 * C library does with it. */
static inline float qw_f32_sqrt(float a)
{
    return isnan(a) ? a + a : sqrtf(a);
}
static inline float qw_f32_ceil(float a)
{
    return isnan(a) ? a + a : ceilf(a);
}
static inline float qw_f32_floor(float a)
{
    return isnan(a) ? a + a : floorf(a);
}
static inline float qw_f32_trunc(float a)
{
    return isnan(a) ? a + a : truncf(a);
}
/* Ties to even: nearbyint in the default rounding mode (round() would round ties away). */
static inline float qw_f32_nearest(float a)
{
    return isnan(a) ? a + a : nearbyintf(a);
}
static inline double qw_f64_sqrt(double a)
{
    return isnan(a) ? a + a : sqrt(a);
}
static inline double qw_f64_ceil(double a)
{
    return isnan(a) ? a + a : ceil(a);
}
static inline double qw_f64_floor(double a)
{
    return isnan(a) ? a + a : floor(a);
}
static inline double qw_f64_trunc(double a)
{
    return isnan(a) ? a + a : trunc(a);
}
static inline double qw_f64_nearest(double a)
{
    return isnan(a) ? a + a : nearbyint(a);
}

/* min/max: a NaN operand gives a NaN (C's fminf would return the other operand), and -0 < +0
 * (C's < calls them equal): for equal operands OR the sign bits for min, AND them for max. */
static inline float qw_f32_min(float a, float b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return qw_f32_from_bits(qw_f32_bits(a) | qw_f32_bits(b));
    return a < b ? a : b;
}
static inline float qw_f32_max(float a, float b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return qw_f32_from_bits(qw_f32_bits(a) & qw_f32_bits(b));
    return a > b ? a : b;
}
static inline double qw_f64_min(double a, double b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return qw_f64_from_bits(qw_f64_bits(a) | qw_f64_bits(b));
    return a < b ? a : b;
}
static inline double qw_f64_max(double a, double b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return qw_f64_from_bits(qw_f64_bits(a) & qw_f64_bits(b));
    return a > b ? a : b;
}

/* abs, neg, copysign: sign-bit operations; a NaN keeps its payload (spec: fabs, fneg, fcopysign
 * are not arithmetic and must not canonicalise). */
static inline float qw_f32_abs(float a)
{
    return qw_f32_from_bits(qw_f32_bits(a) & 0x7FFFFFFFu);
}
static inline float qw_f32_neg(float a)
{
    return qw_f32_from_bits(qw_f32_bits(a) ^ 0x80000000u);
}
static inline float qw_f32_copysign(float a, float b)
{
    return qw_f32_from_bits((qw_f32_bits(a) & 0x7FFFFFFFu) | (qw_f32_bits(b) & 0x80000000u));
}
static inline double qw_f64_abs(double a)
{
    return qw_f64_from_bits(qw_f64_bits(a) & 0x7FFFFFFFFFFFFFFFu);
}
static inline double qw_f64_neg(double a)
{
    return qw_f64_from_bits(qw_f64_bits(a) ^ 0x8000000000000000u);
}
static inline double qw_f64_copysign(double a, double b)
{
    return qw_f64_from_bits((qw_f64_bits(a) & 0x7FFFFFFFFFFFFFFFu) |
                            (qw_f64_bits(b) & 0x8000000000000000u));
}

/* IEEE comparisons: any NaN makes all but ne false; C's operators already behave so. */
static inline uint32_t qw_f32_eq(float a, float b)
{
    return a == b;
}
static inline uint32_t qw_f32_ne(float a, float b)
{
    return a != b;
}
static inline uint32_t qw_f32_lt(float a, float b)
{
    return a < b;
}
static inline uint32_t qw_f32_gt(float a, float b)
{
    return a > b;
}
static inline uint32_t qw_f32_le(float a, float b)
{
    return a <= b;
}
static inline uint32_t qw_f32_ge(float a, float b)
{
    return a >= b;
}
static inline uint32_t qw_f64_eq(double a, double b)
{
    return a == b;
}
static inline uint32_t qw_f64_ne(double a, double b)
{
    return a != b;
}
static inline uint32_t qw_f64_lt(double a, double b)
{
    return a < b;
}
static inline uint32_t qw_f64_gt(double a, double b)
{
    return a > b;
}
static inline uint32_t qw_f64_le(double a, double b)
{
    return a <= b;
}
static inline uint32_t qw_f64_ge(double a, double b)
{
    return a >= b;
}

/* ---- Float to integer ---------------------------------------------------------------------- */

/* The range of each truncation as an open or half-open interval whose ends are exactly
 * representable in the source type: x is in range iff LO < x < HI (or LO <= x for the signed
 * cases whose lower end, -2^(N-1), is itself representable and valid). Truncation toward zero
 * maps (-1, 0] to 0, so -0.9 is fine for unsigned targets while -1 is not. For f64 -> i32 the
 * lower end -2^31 - 1 is exact in a double, so (-2^31 - 1, -2^31) truncates to -2^31 and is
 * valid. */
#define QW_I32_S_LO_F32 -2147483648.0f /* inclusive */
#define QW_I32_S_HI_F32 2147483648.0f
#define QW_I32_S_LO_F64 -2147483649.0 /* exclusive */
#define QW_I32_S_HI_F64 2147483648.0
#define QW_I32_U_HI_F32 4294967296.0f
#define QW_I32_U_HI_F64 4294967296.0
#define QW_I64_S_LO_F32 -9223372036854775808.0f /* inclusive */
#define QW_I64_S_HI_F32 9223372036854775808.0f
#define QW_I64_S_LO_F64 -9223372036854775808.0 /* inclusive */
#define QW_I64_S_HI_F64 9223372036854775808.0
#define QW_I64_U_HI_F32 18446744073709551616.0f
#define QW_I64_U_HI_F64 18446744073709551616.0

static inline qw_trap qw_i32_trunc_f32_s(float x, uint32_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x >= QW_I32_S_LO_F32 && x < QW_I32_S_HI_F32))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint32_t)(int32_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i32_trunc_f32_u(float x, uint32_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0f && x < QW_I32_U_HI_F32))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint32_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i32_trunc_f64_s(double x, uint32_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x > QW_I32_S_LO_F64 && x < QW_I32_S_HI_F64))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint32_t)(int32_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i32_trunc_f64_u(double x, uint32_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0 && x < QW_I32_U_HI_F64))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint32_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_trunc_f32_s(float x, uint64_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x >= QW_I64_S_LO_F32 && x < QW_I64_S_HI_F32))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint64_t)(int64_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_trunc_f32_u(float x, uint64_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0f && x < QW_I64_U_HI_F32))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint64_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_trunc_f64_s(double x, uint64_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x >= QW_I64_S_LO_F64 && x < QW_I64_S_HI_F64))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint64_t)(int64_t)x;
    return QW_TRAP_NONE;
}
static inline qw_trap qw_i64_trunc_f64_u(double x, uint64_t *r)
{
    if (isnan(x))
        return QW_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0 && x < QW_I64_U_HI_F64))
        return QW_TRAP_INT_OVERFLOW;
    *r = (uint64_t)x;
    return QW_TRAP_NONE;
}

/* Saturating truncations: NaN gives 0, out-of-range values clamp to the target's bounds. */
static inline uint32_t qw_i32_trunc_sat_f32_s(float x)
{
    if (isnan(x))
        return 0;
    if (x < QW_I32_S_LO_F32)
        return 0x80000000u;
    if (x >= QW_I32_S_HI_F32)
        return 0x7FFFFFFFu;
    return (uint32_t)(int32_t)x;
}
static inline uint32_t qw_i32_trunc_sat_f32_u(float x)
{
    if (isnan(x) || x <= -1.0f)
        return 0;
    if (x >= QW_I32_U_HI_F32)
        return UINT32_MAX;
    return (uint32_t)x;
}
static inline uint32_t qw_i32_trunc_sat_f64_s(double x)
{
    if (isnan(x))
        return 0;
    if (x <= QW_I32_S_LO_F64)
        return 0x80000000u;
    if (x >= QW_I32_S_HI_F64)
        return 0x7FFFFFFFu;
    return (uint32_t)(int32_t)x;
}
static inline uint32_t qw_i32_trunc_sat_f64_u(double x)
{
    if (isnan(x) || x <= -1.0)
        return 0;
    if (x >= QW_I32_U_HI_F64)
        return UINT32_MAX;
    return (uint32_t)x;
}
static inline uint64_t qw_i64_trunc_sat_f32_s(float x)
{
    if (isnan(x))
        return 0;
    if (x < QW_I64_S_LO_F32)
        return 0x8000000000000000u;
    if (x >= QW_I64_S_HI_F32)
        return 0x7FFFFFFFFFFFFFFFu;
    return (uint64_t)(int64_t)x;
}
static inline uint64_t qw_i64_trunc_sat_f32_u(float x)
{
    if (isnan(x) || x <= -1.0f)
        return 0;
    if (x >= QW_I64_U_HI_F32)
        return UINT64_MAX;
    return (uint64_t)x;
}
static inline uint64_t qw_i64_trunc_sat_f64_s(double x)
{
    if (isnan(x))
        return 0;
    if (x < QW_I64_S_LO_F64)
        return 0x8000000000000000u;
    if (x >= QW_I64_S_HI_F64)
        return 0x7FFFFFFFFFFFFFFFu;
    return (uint64_t)(int64_t)x;
}
static inline uint64_t qw_i64_trunc_sat_f64_u(double x)
{
    if (isnan(x) || x <= -1.0)
        return 0;
    if (x >= QW_I64_U_HI_F64)
        return UINT64_MAX;
    return (uint64_t)x;
}

/* ---- Integer to float, float to float, reinterpret ------------------------------------------ */

static inline float qw_f32_convert_i32_s(uint32_t a)
{
    return (float)(int32_t)a;
}
static inline float qw_f32_convert_i32_u(uint32_t a)
{
    return (float)a;
}
static inline float qw_f32_convert_i64_s(uint64_t a)
{
    return (float)(int64_t)a;
}
/* u64 -> f32 must round once. Going through double rounds twice: 0x8000008000000001 first becomes
 * the double 2^63 + 2^39, an exact tie between two floats, which then rounds to even (2^63) instead
 * of up. For values >= 2^63 halve first, keeping the lost low bit as a sticky bit so the single
 * signed conversion still sees whether the value was above a tie, then double the result (exact).
 */
static inline float qw_f32_convert_i64_u(uint64_t a)
{
    if (a < 0x8000000000000000u)
        return (float)(int64_t)a;
    uint64_t half = (a >> 1) | (a & 1);
    return (float)(int64_t)half * 2.0f;
}
static inline double qw_f64_convert_i32_s(uint32_t a)
{
    return (double)(int32_t)a;
}
static inline double qw_f64_convert_i32_u(uint32_t a)
{
    return (double)a;
}
static inline double qw_f64_convert_i64_s(uint64_t a)
{
    return (double)(int64_t)a;
}
static inline double qw_f64_convert_i64_u(uint64_t a)
{
    if (a < 0x8000000000000000u)
        return (double)(int64_t)a;
    uint64_t half = (a >> 1) | (a & 1);
    return (double)(int64_t)half * 2.0;
}

/* NaN: keep sign and the top payload bits, set the quiet bit, so a canonical NaN stays canonical
 * and any other NaN becomes an arithmetic NaN (spec: demote / promote of a NaN). */
static inline float qw_f32_demote_f64(double a)
{
    if (isnan(a)) {
        uint64_t b = qw_f64_bits(a);
        uint32_t sign = (uint32_t)(b >> 32) & 0x80000000u;
        uint32_t payload = (uint32_t)(b >> 29) & 0x003FFFFFu;
        return qw_f32_from_bits(sign | 0x7FC00000u | payload);
    }
    return (float)a;
}
static inline double qw_f64_promote_f32(float a)
{
    if (isnan(a)) {
        uint32_t b = qw_f32_bits(a);
        uint64_t sign = (uint64_t)(b & 0x80000000u) << 32;
        uint64_t payload = (uint64_t)(b & 0x003FFFFFu) << 29;
        return qw_f64_from_bits(sign | 0x7FF8000000000000u | payload);
    }
    return (double)a;
}

static inline uint32_t qw_i32_reinterpret_f32(float a)
{
    return qw_f32_bits(a);
}
static inline uint64_t qw_i64_reinterpret_f64(double a)
{
    return qw_f64_bits(a);
}
static inline float qw_f32_reinterpret_i32(uint32_t a)
{
    return qw_f32_from_bits(a);
}
static inline double qw_f64_reinterpret_i64(uint64_t a)
{
    return qw_f64_from_bits(a);
}

#endif
