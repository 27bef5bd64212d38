/* Unit tests of num.h and trap.c: boundary vectors for every family of scalar numeric
 * instructions. Expected values come from the spec test suite (i32, i64, f32, f64, conversions,
 * float_misc) where it has them. */
#include "check.h"
#include "num.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

#define F32B(bits)         qw_f32_from_bits(bits)
#define F64B(bits)         qw_f64_from_bits(bits)
#define CHECK_F32(x, bits) CHECK(qw_f32_bits(x) == (uint32_t)(bits))
#define CHECK_F64(x, bits) CHECK(qw_f64_bits(x) == (uint64_t)(bits))

static int is_arith_nan32(float x)
{
    return isnan(x) && (qw_f32_bits(x) & 0x00400000u);
}
static int is_arith_nan64(double x)
{
    return isnan(x) && (qw_f64_bits(x) & 0x0008000000000000u);
}

static void test_trap_messages(void)
{
    CHECK(strcmp(qw_trap_message(QW_TRAP_UNREACHABLE), "unreachable") == 0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_INT_DIV_ZERO), "integer divide by zero") == 0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_INT_OVERFLOW), "integer overflow") == 0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_INVALID_CONVERSION), "invalid conversion to integer") ==
          0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_OUT_OF_BOUNDS_MEMORY), "out of bounds memory access") ==
          0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_UNINITIALIZED_ELEMENT), "uninitialized element") == 0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_STACK_EXHAUSTED), "call stack exhausted") == 0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_CAST_FAILURE), "cast failure") == 0);
    CHECK(strcmp(qw_trap_message(QW_TRAP_COUNT_), "unknown trap") == 0);
    CHECK(strcmp(qw_trap_message((qw_trap)-1), "unknown trap") == 0);
    /* every kind has its own text */
    for (int i = 1; i < QW_TRAP_COUNT_; i++)
        CHECK(strcmp(qw_trap_message((qw_trap)i), "unknown trap") != 0);
}

static void test_i32_division(void)
{
    uint32_t r = 12345;
    CHECK(qw_i32_div_s(1, 0, &r) == QW_TRAP_INT_DIV_ZERO && r == 12345);
    CHECK(qw_i32_div_u(1, 0, &r) == QW_TRAP_INT_DIV_ZERO);
    CHECK(qw_i32_rem_s(1, 0, &r) == QW_TRAP_INT_DIV_ZERO);
    CHECK(qw_i32_rem_u(1, 0, &r) == QW_TRAP_INT_DIV_ZERO);
    CHECK(qw_i32_div_s(0x80000000u, UINT32_MAX, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_div_s(0x80000000u, 2, &r) == QW_TRAP_NONE && r == 0xc0000000u);
    CHECK(qw_i32_div_s((uint32_t)-7, 2, &r) == QW_TRAP_NONE && r == (uint32_t)-3);
    CHECK(qw_i32_div_u(0x80000000u, 2, &r) == QW_TRAP_NONE && r == 0x40000000u);
    CHECK(qw_i32_div_u((uint32_t)-5, 2, &r) == QW_TRAP_NONE && r == 0x7ffffffdu);
    CHECK(qw_i32_rem_s(0x80000000u, UINT32_MAX, &r) == QW_TRAP_NONE && r == 0);
    CHECK(qw_i32_rem_s((uint32_t)-7, 2, &r) == QW_TRAP_NONE && r == (uint32_t)-1);
    CHECK(qw_i32_rem_s(7, (uint32_t)-3, &r) == QW_TRAP_NONE && r == 1);
    CHECK(qw_i32_rem_u(0x80000001u, 1000, &r) == QW_TRAP_NONE && r == 649);
}

static void test_i64_division(void)
{
    uint64_t r = 7;
    CHECK(qw_i64_div_s(1, 0, &r) == QW_TRAP_INT_DIV_ZERO && r == 7);
    CHECK(qw_i64_div_u(1, 0, &r) == QW_TRAP_INT_DIV_ZERO);
    CHECK(qw_i64_rem_s(1, 0, &r) == QW_TRAP_INT_DIV_ZERO);
    CHECK(qw_i64_rem_u(1, 0, &r) == QW_TRAP_INT_DIV_ZERO);
    CHECK(qw_i64_div_s(0x8000000000000000u, UINT64_MAX, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_rem_s(0x8000000000000000u, UINT64_MAX, &r) == QW_TRAP_NONE && r == 0);
    CHECK(qw_i64_div_s((uint64_t)-7, 2, &r) == QW_TRAP_NONE && r == (uint64_t)-3);
    CHECK(qw_i64_div_u(0x8ff00ff00ff00ff0u, 0x100000001u, &r) == QW_TRAP_NONE && r == 0x8ff00fef);
    CHECK(qw_i64_rem_u(0x8ff00ff00ff00ff0u, 0x100000001u, &r) == QW_TRAP_NONE && r == 0x80000001);
    CHECK(qw_i64_rem_s((uint64_t)-7, 3, &r) == QW_TRAP_NONE && r == (uint64_t)-1);
}

static void test_shifts_and_bits(void)
{
    CHECK(qw_i32_shl(1, 33) == 2);
    CHECK(qw_i32_shr_s(0x80000000u, 31) == UINT32_MAX);
    CHECK(qw_i32_shr_s(0x80000000u, 32) == 0x80000000u);
    CHECK(qw_i32_shr_s((uint32_t)-1, 1) == UINT32_MAX);
    CHECK(qw_i32_shr_s(0x40000000u, 30) == 1);
    CHECK(qw_i32_shr_u(0x80000000u, 31) == 1);
    CHECK(qw_i32_shr_u(0x80000000u, 63) == 1);
    CHECK(qw_i32_rotl(0xabcd9876u, 1) == 0x579b30edu);
    CHECK(qw_i32_rotl(0xfe000000u, 4) == 0xe000000fu);
    CHECK(qw_i32_rotr(0xb0c1d2e3u, 0x0005) == 0x1d860e97u);
    CHECK(qw_i32_rotr(0xb0c1d2e3u, 0xff05) == 0x1d860e97u);
    CHECK(qw_i32_rotl(0x12345678u, 0) == 0x12345678u);
    CHECK(qw_i64_shl(1, 65) == 2);
    CHECK(qw_i64_shr_s(0x8000000000000000u, 63) == UINT64_MAX);
    CHECK(qw_i64_shr_s(0x8000000000000000u, 64) == 0x8000000000000000u);
    CHECK(qw_i64_shr_u(UINT64_MAX, 127) == 1);
    CHECK(qw_i64_rotl(0xabd1234ef567809cu, 63) == 0x55e891a77ab3c04eu);
    CHECK(qw_i64_rotr(0xabd1234ef567809cu, 63) == 0x57a2469deacf0139u);
    CHECK(qw_i64_rotr(1, 0) == 1);

    CHECK(qw_i32_clz(0) == 32 && qw_i32_clz(1) == 31 && qw_i32_clz(0x80000000u) == 0);
    CHECK(qw_i32_ctz(0) == 32 && qw_i32_ctz(0x80000000u) == 31 && qw_i32_ctz(0x00010000u) == 16);
    CHECK(qw_i32_popcnt(UINT32_MAX) == 32 && qw_i32_popcnt(0xAAAA5555u) == 16);
    CHECK(qw_i64_clz(0) == 64 && qw_i64_clz(1) == 63);
    CHECK(qw_i64_ctz(0) == 64 && qw_i64_ctz(0x8000000000000000u) == 63);
    CHECK(qw_i64_popcnt(UINT64_MAX) == 64 && qw_i64_popcnt(0x99999999aaaaaaaau) == 32);

    CHECK(qw_i32_extend8_s(0x7f) == 0x7f && qw_i32_extend8_s(0x80) == 0xffffff80u);
    CHECK(qw_i32_extend8_s(0x12345680u) == 0xffffff80u);
    CHECK(qw_i32_extend16_s(0x8000) == 0xffff8000u && qw_i32_extend16_s(0x12347fffu) == 0x7fff);
    CHECK(qw_i64_extend8_s(0xfedcba9876543200u) == 0);
    CHECK(qw_i64_extend16_s(0x8000) == 0xffffffffffff8000u);
    CHECK(qw_i64_extend32_s(0x80000000u) == 0xffffffff80000000u);
    CHECK(qw_i64_extend32_s(0x012345677fffffffu) == 0x7fffffff);
    CHECK(qw_i64_extend_i32_s(0x80000000u) == 0xffffffff80000000u);
    CHECK(qw_i64_extend_i32_u(0x80000000u) == 0x80000000u);
    CHECK(qw_i32_wrap_i64(0x0000000100000002u) == 2);
}

static void test_integer_compare(void)
{
    CHECK(qw_i32_lt_s(0x80000000u, 0) == 1 && qw_i32_lt_u(0x80000000u, 0) == 0);
    CHECK(qw_i32_ge_s(0, 0x80000000u) == 1 && qw_i32_ge_u(0, 0x80000000u) == 0);
    CHECK(qw_i32_le_s(UINT32_MAX, UINT32_MAX) == 1 && qw_i32_gt_u(UINT32_MAX, 1) == 1);
    CHECK(qw_i32_eqz(0) == 1 && qw_i32_eqz(0x80000000u) == 0);
    CHECK(qw_i64_lt_s(0x8000000000000000u, 0) == 1 && qw_i64_lt_u(0x8000000000000000u, 0) == 0);
    CHECK(qw_i64_gt_s(0x7fffffffffffffffu, 0x8000000000000000u) == 1);
    CHECK(qw_i64_eqz(0) == 1 && qw_i64_eqz(0x100000000u) == 0);
    CHECK(qw_i64_ne(1, 0x100000001u) == 1);
}

static void test_float_min_max(void)
{
    CHECK_F32(qw_f32_min(-0.0f, 0.0f), 0x80000000u);
    CHECK_F32(qw_f32_min(0.0f, -0.0f), 0x80000000u);
    CHECK_F32(qw_f32_max(-0.0f, 0.0f), 0);
    CHECK_F32(qw_f32_max(0.0f, -0.0f), 0);
    CHECK_F64(qw_f64_min(0.0, -0.0), 0x8000000000000000u);
    CHECK_F64(qw_f64_max(-0.0, 0.0), 0);
    CHECK(qw_f32_min(1.0f, -INFINITY) == -INFINITY && qw_f32_max(1.0f, INFINITY) == INFINITY);
    CHECK(is_arith_nan32(qw_f32_min(NAN, 1.0f)) && is_arith_nan32(qw_f32_min(1.0f, NAN)));
    CHECK(is_arith_nan32(qw_f32_max(F32B(0x7fa00000u), 0.0f)));
    CHECK(is_arith_nan64(qw_f64_min(-INFINITY, NAN)) && is_arith_nan64(qw_f64_max(NAN, 0.0)));
    CHECK(is_arith_nan64(qw_f64_max(F64B(0x7ff4000000000000u), 1.0)));
}

static void test_float_rounding(void)
{
    CHECK(qw_f32_nearest(2.5f) == 2.0f && qw_f32_nearest(3.5f) == 4.0f);
    CHECK(qw_f32_nearest(-2.5f) == -2.0f);
    CHECK_F32(qw_f32_nearest(-0.5f), 0x80000000u);
    CHECK(qw_f32_nearest(8388609.0f) == 8388609.0f);
    CHECK(qw_f32_nearest(4194304.5f) == 4194304.0f && qw_f32_nearest(4194305.5f) == 4194306.0f);
    CHECK(qw_f64_nearest(4503599627370497.0) == 4503599627370497.0);
    CHECK(qw_f64_nearest(0.5) == 0.0 && qw_f64_nearest(1.5) == 2.0);
    CHECK_F64(qw_f64_nearest(-0.5), 0x8000000000000000u);
    CHECK_F32(qw_f32_ceil(-0.5f), 0x80000000u);
    CHECK(qw_f32_ceil(1.0000001f) == 2.0f && qw_f32_floor(-1.0000001f) == -2.0f);
    CHECK_F32(qw_f32_floor(-0.0f), 0x80000000u);
    CHECK_F64(qw_f64_trunc(-0.9), 0x8000000000000000u);
    CHECK(qw_f64_ceil(4503599627370495.5) == 4503599627370496.0);
    CHECK(is_arith_nan32(qw_f32_ceil(F32B(0x7fa00000u))));
    CHECK(is_arith_nan32(qw_f32_nearest(F32B(0xffa00000u))));
    CHECK(is_arith_nan64(qw_f64_floor(F64B(0x7ff4000000000000u))));
    CHECK(is_arith_nan64(qw_f64_sqrt(-1.0)) && is_arith_nan32(qw_f32_sqrt(-1.0f)));
    CHECK_F32(qw_f32_sqrt(-0.0f), 0x80000000u);
    CHECK(qw_f64_sqrt(4.0) == 2.0);
}

static void test_float_sign_ops(void)
{
    /* payload and signalling bit untouched */
    CHECK_F32(qw_f32_neg(F32B(0x7fa00001u)), 0xffa00001u);
    CHECK_F32(qw_f32_abs(F32B(0xffa00001u)), 0x7fa00001u);
    CHECK_F32(qw_f32_copysign(F32B(0x7fa00001u), -1.0f), 0xffa00001u);
    CHECK_F32(qw_f32_copysign(1.0f, F32B(0xff800001u)), 0xbf800000u);
    CHECK_F64(qw_f64_neg(F64B(0x7ff0000000000001u)), 0xfff0000000000001u);
    CHECK_F64(qw_f64_abs(F64B(0xfff4000000000000u)), 0x7ff4000000000000u);
    CHECK_F64(qw_f64_copysign(-0.0, 0.0), 0);
    CHECK_F64(qw_f64_neg(0.0), 0x8000000000000000u);
}

static void test_float_compare(void)
{
    CHECK(qw_f32_eq(-0.0f, 0.0f) == 1 && qw_f32_lt(-0.0f, 0.0f) == 0);
    CHECK(qw_f32_eq(NAN, NAN) == 0 && qw_f32_ne(NAN, NAN) == 1);
    CHECK(qw_f32_ge(NAN, 1.0f) == 0 && qw_f32_le(1.0f, NAN) == 0 && qw_f32_gt(NAN, NAN) == 0);
    CHECK(qw_f64_lt(-INFINITY, -DBL_MAX) == 1 && qw_f64_ge(0.0, -0.0) == 1);
    CHECK(qw_f64_ne(NAN, 0.0) == 1 && qw_f64_eq(NAN, 0.0) == 0);
}

static void test_float_arith(void)
{
    CHECK(qw_f32_add(0x1p-149f, 0x1p-149f) == 0x1p-148f);
    CHECK(qw_f32_add(16777216.0f, 1.0f) == 16777216.0f); /* ties to even */
    CHECK(qw_f32_add(16777218.0f, 1.0f) == 16777220.0f);
    CHECK(qw_f64_mul(0x1p-1022, 0x1p-52) == 0x1p-1074);
    CHECK(qw_f64_div(1.0, 0.0) == INFINITY && qw_f64_div(-1.0, 0.0) == -INFINITY);
    CHECK(isnan(qw_f32_sub(INFINITY, INFINITY)) && isnan(qw_f64_div(0.0, 0.0)));
    CHECK(is_arith_nan32(qw_f32_add(F32B(0x7fa00000u), 1.0f)));
    CHECK(is_arith_nan64(qw_f64_mul(F64B(0x7ff4000000000000u), 2.0)));
    /* identities compilers fold when an operand is a constant (x + -0, x * 1, NaN + x) must
     * still quiet a signalling NaN at run time: every operand is volatile here */
    volatile float zero32 = -0.0f, one32 = 1.0f, snan32 = F32B(0x7fa00000u);
    volatile double zero64 = -0.0, one64 = 1.0, snan64 = F64B(0xfff4000000000000u);
    CHECK(is_arith_nan32(qw_f32_add(snan32, zero32)));
    CHECK(is_arith_nan32(qw_f32_mul(snan32, one32)));
    CHECK(is_arith_nan32(qw_f32_min(zero32, snan32)));
    CHECK(is_arith_nan64(qw_f64_sub(snan64, zero64)));
    CHECK(is_arith_nan64(qw_f64_div(snan64, one64)));
    CHECK(is_arith_nan64(qw_f64_max(snan64, zero64)));
}

static void test_trunc_i32(void)
{
    uint32_t r = 99;
    CHECK(qw_i32_trunc_f32_s(NAN, &r) == QW_TRAP_INVALID_CONVERSION && r == 99);
    CHECK(qw_i32_trunc_f32_u(F32B(0xffa00000u), &r) == QW_TRAP_INVALID_CONVERSION);
    CHECK(qw_i32_trunc_f64_s(NAN, &r) == QW_TRAP_INVALID_CONVERSION);
    CHECK(qw_i32_trunc_f64_u(-NAN, &r) == QW_TRAP_INVALID_CONVERSION);

    CHECK(qw_i32_trunc_f32_s(-2147483648.0f, &r) == QW_TRAP_NONE && r == 0x80000000u);
    CHECK(qw_i32_trunc_f32_s(-2147483904.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f32_s(2147483520.0f, &r) == QW_TRAP_NONE && r == 2147483520u);
    CHECK(qw_i32_trunc_f32_s(2147483648.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f32_s(-1.9f, &r) == QW_TRAP_NONE && r == (uint32_t)-1);
    CHECK(qw_i32_trunc_f32_s(INFINITY, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f32_u(-0.9f, &r) == QW_TRAP_NONE && r == 0);
    CHECK(qw_i32_trunc_f32_u(-1.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f32_u(4294967040.0f, &r) == QW_TRAP_NONE && r == 4294967040u);
    CHECK(qw_i32_trunc_f32_u(4294967296.0f, &r) == QW_TRAP_INT_OVERFLOW);

    CHECK(qw_i32_trunc_f64_s(-2147483648.9, &r) == QW_TRAP_NONE && r == 0x80000000u);
    CHECK(qw_i32_trunc_f64_s(-2147483649.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f64_s(2147483647.9, &r) == QW_TRAP_NONE && r == 0x7fffffffu);
    CHECK(qw_i32_trunc_f64_s(2147483648.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f64_u(-0.9999999999, &r) == QW_TRAP_NONE && r == 0);
    CHECK(qw_i32_trunc_f64_u(-1.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f64_u(4294967295.9, &r) == QW_TRAP_NONE && r == UINT32_MAX);
    CHECK(qw_i32_trunc_f64_u(4294967296.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i32_trunc_f64_u(1e16, &r) == QW_TRAP_INT_OVERFLOW);
}

static void test_trunc_i64(void)
{
    uint64_t r = 99;
    CHECK(qw_i64_trunc_f32_s(NAN, &r) == QW_TRAP_INVALID_CONVERSION && r == 99);
    CHECK(qw_i64_trunc_f64_u(NAN, &r) == QW_TRAP_INVALID_CONVERSION);
    CHECK(qw_i64_trunc_f32_s(-9223372036854775808.0f, &r) == QW_TRAP_NONE &&
          r == 0x8000000000000000u);
    CHECK(qw_i64_trunc_f32_s(-9223373136366403584.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f32_s(9223371487098961920.0f, &r) == QW_TRAP_NONE &&
          r == 0x7fffff8000000000u);
    CHECK(qw_i64_trunc_f32_s(9223372036854775808.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f32_u(-0.9f, &r) == QW_TRAP_NONE && r == 0);
    CHECK(qw_i64_trunc_f32_u(-1.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f32_u(18446742974197923840.0f, &r) == QW_TRAP_NONE &&
          r == 0xffffff0000000000u);
    CHECK(qw_i64_trunc_f32_u(18446744073709551616.0f, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f64_s(-9223372036854775808.0, &r) == QW_TRAP_NONE &&
          r == 0x8000000000000000u);
    CHECK(qw_i64_trunc_f64_s(-9223372036854777856.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f64_s(9223372036854774784.0, &r) == QW_TRAP_NONE &&
          r == 0x7ffffffffffffc00u);
    CHECK(qw_i64_trunc_f64_s(9223372036854775808.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f64_u(18446744073709549568.0, &r) == QW_TRAP_NONE &&
          r == 0xfffffffffffff800u);
    CHECK(qw_i64_trunc_f64_u(18446744073709551616.0, &r) == QW_TRAP_INT_OVERFLOW);
    CHECK(qw_i64_trunc_f64_u(-0.99999, &r) == QW_TRAP_NONE && r == 0);
    CHECK(qw_i64_trunc_f64_u(-INFINITY, &r) == QW_TRAP_INT_OVERFLOW);
}

static void test_trunc_sat(void)
{
    CHECK(qw_i32_trunc_sat_f32_s(NAN) == 0 && qw_i32_trunc_sat_f32_u(-NAN) == 0);
    CHECK(qw_i32_trunc_sat_f32_s(-2147483904.0f) == 0x80000000u);
    CHECK(qw_i32_trunc_sat_f32_s(2147483648.0f) == 0x7fffffffu);
    CHECK(qw_i32_trunc_sat_f32_s(-2147483648.0f) == 0x80000000u);
    CHECK(qw_i32_trunc_sat_f32_u(-1.0f) == 0 && qw_i32_trunc_sat_f32_u(-0.9f) == 0);
    CHECK(qw_i32_trunc_sat_f32_u(4294967296.0f) == UINT32_MAX);
    CHECK(qw_i32_trunc_sat_f32_u(4294967040.0f) == 4294967040u);
    CHECK(qw_i32_trunc_sat_f64_s(-2147483649.0) == 0x80000000u);
    CHECK(qw_i32_trunc_sat_f64_s(-2147483648.9) == 0x80000000u);
    CHECK(qw_i32_trunc_sat_f64_s(2147483647.9) == 0x7fffffffu);
    CHECK(qw_i32_trunc_sat_f64_s(-INFINITY) == 0x80000000u);
    CHECK(qw_i32_trunc_sat_f64_u(4294967295.9) == UINT32_MAX);
    CHECK(qw_i32_trunc_sat_f64_u(1e300) == UINT32_MAX && qw_i32_trunc_sat_f64_u(-1e300) == 0);
    CHECK(qw_i64_trunc_sat_f32_s(INFINITY) == 0x7fffffffffffffffu);
    CHECK(qw_i64_trunc_sat_f32_s(-INFINITY) == 0x8000000000000000u);
    CHECK(qw_i64_trunc_sat_f32_s(NAN) == 0);
    CHECK(qw_i64_trunc_sat_f32_u(18446744073709551616.0f) == UINT64_MAX);
    CHECK(qw_i64_trunc_sat_f32_u(-1.0f) == 0);
    CHECK(qw_i64_trunc_sat_f64_s(9223372036854775808.0) == 0x7fffffffffffffffu);
    CHECK(qw_i64_trunc_sat_f64_s(-9223372036854777856.0) == 0x8000000000000000u);
    CHECK(qw_i64_trunc_sat_f64_s(-9223372036854775808.0) == 0x8000000000000000u);
    CHECK(qw_i64_trunc_sat_f64_u(18446744073709549568.0) == 0xfffffffffffff800u);
    CHECK(qw_i64_trunc_sat_f64_u(1e30) == UINT64_MAX && qw_i64_trunc_sat_f64_u(NAN) == 0);
}

static void test_convert(void)
{
    /* conversions.wast: rounding of wide integers */
    CHECK(qw_f32_convert_i32_s(0x80000000u) == -2147483648.0f);
    CHECK(qw_f32_convert_i32_s(16777217) == 16777216.0f);
    CHECK(qw_f32_convert_i32_s((uint32_t)-16777219) == -16777220.0f);
    CHECK(qw_f32_convert_i32_u(0xffffffffu) == 4294967296.0f);
    CHECK(qw_f32_convert_i32_u(0x80000080u) == 2147483648.0f);
    CHECK(qw_f32_convert_i32_u(0x80000081u) == 2147483904.0f);
    CHECK(qw_f32_convert_i64_s(0x20000020000001u) == 9007200328482816.0f);
    CHECK(qw_f32_convert_i64_s((uint64_t)-9007199791611905) == -9007200328482816.0f);
    CHECK(qw_f32_convert_i64_u(UINT64_MAX) == 18446744073709551616.0f);
    CHECK(qw_f32_convert_i64_u(0x8000008000000001u) == 0x1.000002p+63f); /* no double rounding */
    CHECK(qw_f32_convert_i64_u(0xfffffe8000000001u) == 0x1.fffffep+63f);
    CHECK(qw_f32_convert_i64_u(0x8000008000000000u) == 0x1p+63f); /* exact tie: to even */
    CHECK(qw_f32_convert_i64_u(0x20000020000001u) == 9007200328482816.0f);
    CHECK(qw_f64_convert_i32_u(0xffffffffu) == 4294967295.0);
    CHECK(qw_f64_convert_i64_s(0x8000000000000000u) == -9223372036854775808.0);
    CHECK(qw_f64_convert_i64_s(9007199254740993u) == 9007199254740992.0);
    CHECK(qw_f64_convert_i64_u(UINT64_MAX) == 18446744073709551616.0);
    CHECK(qw_f64_convert_i64_u(0x8000000000000401u) == 0x1.0000000000001p+63);
    CHECK(qw_f64_convert_i64_u(0xfffffffffffff401u) == 0x1.fffffffffffffp+63);
    CHECK(qw_f64_convert_i64_u(0x8000000000000400u) == 0x1p+63);
}

static void test_demote_promote_reinterpret(void)
{
    CHECK(qw_f32_demote_f64(0x1.fffffe0000000p-127) == 0x1p-126f);
    CHECK(qw_f32_demote_f64(0x1.fffffefffffffp+127) == 0x1.fffffep+127f);
    CHECK(qw_f32_demote_f64(0x1.ffffffp+127) == INFINITY);
    CHECK(qw_f32_demote_f64(0x1p-150) == 0.0f && qw_f32_demote_f64(0x1.0000000000001p-150) > 0);
    CHECK_F32(qw_f32_demote_f64(F64B(0x7ff8000000000000u)), 0x7fc00000u);
    CHECK_F32(qw_f32_demote_f64(F64B(0xfff8000000000000u)), 0xffc00000u);
    CHECK(is_arith_nan32(qw_f32_demote_f64(F64B(0x7ff4000000000000u))));
    CHECK(is_arith_nan32(qw_f32_demote_f64(F64B(0x7ff0000000000001u))));
    CHECK(qw_f64_promote_f32(0x1p-149f) == 0x1p-149);
    CHECK_F64(qw_f64_promote_f32(F32B(0x7fc00000u)), 0x7ff8000000000000u);
    CHECK_F64(qw_f64_promote_f32(F32B(0x7fa00000u)), 0x7ffc000000000000u);
    CHECK(is_arith_nan64(qw_f64_promote_f32(F32B(0xff800001u))));
    CHECK(qw_i32_reinterpret_f32(-0.0f) == 0x80000000u);
    CHECK_F32(qw_f32_reinterpret_i32(0x7fa00001u), 0x7fa00001u);
    CHECK(qw_i64_reinterpret_f64(-1.0) == 0xbff0000000000000u);
    CHECK_F64(qw_f64_reinterpret_i64(0xfff4000000000001u), 0xfff4000000000001u);
}

static void test_wrapping_and_bitwise(void)
{
    /* i32.wast / i64.wast: arithmetic wraps modulo 2^N */
    CHECK(qw_i32_add(0x7fffffffu, 1) == 0x80000000u && qw_i32_add(0xffffffffu, 1) == 0);
    CHECK(qw_i32_sub(0x80000000u, 1) == 0x7fffffffu && qw_i32_sub(0, 1) == 0xffffffffu);
    CHECK(qw_i32_mul(0x01234567u, 0x76543210u) == 0x358e7470u);
    CHECK(qw_i32_mul(0x80000000u, 0xffffffffu) == 0x80000000u);
    CHECK(qw_i64_add(0x7fffffffffffffffu, 1) == 0x8000000000000000u);
    CHECK(qw_i64_sub(0, 1) == UINT64_MAX);
    CHECK(qw_i64_mul(0x0123456789abcdefu, 0xfedcba9876543210u) == 0x2236d88fe5618cf0u);
    CHECK(qw_i32_and(0xf0f0ffffu, 0xfffff0f0u) == 0xf0f0f0f0u);
    CHECK(qw_i32_or(0xf0f0ffffu, 0xfffff0f0u) == 0xffffffffu);
    CHECK(qw_i32_xor(0xf0f0ffffu, 0xfffff0f0u) == 0x0f0f0f0fu);
    CHECK(qw_i64_and(0xf0f0f0f0ffffffffu, 0xfffffffff0f0f0f0u) == 0xf0f0f0f0f0f0f0f0u);
    CHECK(qw_i64_or(0xf0f0f0f0ffffffffu, 0xfffffffff0f0f0f0u) == UINT64_MAX);
    CHECK(qw_i64_xor(0xf0f0f0f0ffffffffu, 0xfffffffff0f0f0f0u) == 0x0f0f0f0f0f0f0f0fu);
    CHECK(qw_i32_eq(0x80000000u, 0x80000000u) == 1 && qw_i32_ne(0x80000000u, 0) == 1);
    CHECK(qw_i32_gt_s(0, 0x80000000u) == 1 && qw_i32_le_u(0x80000000u, 0) == 0);
    CHECK(qw_i64_eq(0x8000000000000000u, 0x8000000000000000u) == 1);
    CHECK(qw_i64_ge_s(0x8000000000000000u, 0) == 0 && qw_i64_ge_u(0x8000000000000000u, 0) == 1);
    CHECK(qw_i64_gt_u(0, 0x8000000000000000u) == 0 && qw_i64_le_s(0x8000000000000000u, 0) == 1);
    CHECK(qw_i64_le_u(0x8000000000000000u, 0) == 0);
    /* the float operations no other test reaches */
    CHECK(qw_f32_div(1.0f, 3.0f) == 0x1.555556p-2f && qw_f64_add(0x1p53, 1.0) == 0x1p53);
    CHECK(qw_f32_trunc(-1.5f) == -1.0f && qw_f64_convert_i32_s(0x80000000u) == -2147483648.0);
    CHECK(qw_f64_gt(NAN, 0.0) == 0 && qw_f64_le(-0.0, 0.0) == 1);
}

int main(void)
{
    RUN(test_trap_messages);
    RUN(test_i32_division);
    RUN(test_i64_division);
    RUN(test_shifts_and_bits);
    RUN(test_integer_compare);
    RUN(test_wrapping_and_bitwise);
    RUN(test_float_min_max);
    RUN(test_float_rounding);
    RUN(test_float_sign_ops);
    RUN(test_float_compare);
    RUN(test_float_arith);
    RUN(test_trunc_i32);
    RUN(test_trunc_i64);
    RUN(test_trunc_sat);
    RUN(test_convert);
    RUN(test_demote_promote_reinterpret);
    return check_summary();
}
