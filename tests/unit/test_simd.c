/* Unit tests of simd.c: vectors for every group of SIMD operations, many taken from the spec test
 * suite's simd and relaxed-simd assert_return lines. */
#include "check.h"
#include "num.h"
#include "simd.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static qw_v128 mk(const void *lanes)
{
    qw_v128 v;
    memcpy(v.bytes, lanes, 16);
    return v;
}

static qw_v128 mk8(const int *l)
{
    uint8_t b[16];
    for (int i = 0; i < 16; i++)
        b[i] = (uint8_t)l[i];
    return mk(b);
}

static qw_v128 mk16(const int32_t *l)
{
    uint16_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint16_t)l[i];
    return mk(b);
}

#define I8(...)  mk8((const int[16]){__VA_ARGS__})
#define I16(...) mk16((const int32_t[8]){__VA_ARGS__})
#define I32(...) mk((const uint32_t[4]){__VA_ARGS__})
#define I64(...) mk((const uint64_t[2]){__VA_ARGS__})
#define F32(...) mk((const float[4]){__VA_ARGS__})
#define F64(...) mk((const double[2]){__VA_ARGS__})

#define CHECK_V(got, exp)                                                                          \
    do {                                                                                           \
        qw_v128 g_ = (got), e_ = (exp);                                                            \
        CHECK(memcmp(g_.bytes, e_.bytes, 16) == 0);                                                \
    } while (0)

static void test_bitwise(void)
{
    qw_v128 a = I32(0x00ff00ffu, 0x55555555u, 0, 0xffffffffu);
    qw_v128 b = I32(0x0f0f0f0fu, 0xaaaaaaaau, 0, 0x12345678u);
    CHECK_V(qw_v128_not(a), I32(0xff00ff00u, 0xaaaaaaaau, 0xffffffffu, 0));
    CHECK_V(qw_v128_and(a, b), I32(0x000f000fu, 0, 0, 0x12345678u));
    CHECK_V(qw_v128_andnot(a, b), I32(0x00f000f0u, 0x55555555u, 0, 0xedcba987u));
    CHECK_V(qw_v128_or(a, b), I32(0x0fff0fffu, 0xffffffffu, 0, 0xffffffffu));
    CHECK_V(qw_v128_xor(a, b), I32(0x0ff00ff0u, 0xffffffffu, 0, 0xedcba987u));
    CHECK_V(qw_v128_bitselect(I32(0xAAAAAAAAu, 0xAAAAAAAAu, 0xAAAAAAAAu, 0xAAAAAAAAu),
                              I32(0xBBBBBBBBu, 0xBBBBBBBBu, 0xBBBBBBBBu, 0xBBBBBBBBu),
                              I32(0x00112345u, 0xF00FFFFFu, 0x10112021u, 0xBBAABBAAu)),
            I32(0xBBAABABAu, 0xABBAAAAAu, 0xABAABBBAu, 0xAABBAABBu));
    CHECK(qw_v128_any_true(I32(0, 0, 0, 0)) == 0);
    CHECK(qw_v128_any_true(I32(0, 0, 0x100, 0)) == 1);
    CHECK(qw_i8x16_all_true(I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)) == 1);
    CHECK(qw_i8x16_all_true(I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)) == 0);
    CHECK(qw_i16x8_all_true(I16(1, 1, 1, 1, 1, 1, 0x100, 1)) == 1);
    CHECK(qw_i32x4_all_true(I32(1, 1, 0, 1)) == 0);
    CHECK(qw_i64x2_all_true(I64(0x100000000u, 1)) == 1);
    CHECK(qw_i8x16_bitmask(I8(-1, 0, 1, 2, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)) == 0x8011);
    CHECK(qw_i16x8_bitmask(I16(-1, 0, 1, 2, 0xb, 0x7fff, -32768, 0)) == 0x41);
    CHECK(qw_i32x4_bitmask(I32(0xffffffffu, 0, 1, 0x80000000u)) == 0x9);
    CHECK(qw_i64x2_bitmask(I64(1, 0x8000000000000000u)) == 0x2);
}

static void test_lanes(void)
{
    qw_v128 v = I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1);
    CHECK(qw_i8x16_extract_lane_s(v, 15) == 0xffffffffu);
    CHECK(qw_i8x16_extract_lane_u(v, 15) == 0xff);
    CHECK(qw_i16x8_extract_lane_s(I16(0, 0, 0, 0, 0, 0, 0, -32768), 7) == 0xffff8000u);
    CHECK(qw_i16x8_extract_lane_u(I16(0, 0, 0, 0, 0, 0, 0, -32768), 7) == 0x8000);
    CHECK(qw_i32x4_extract_lane(I32(1, 2, 3, 4), 2) == 3);
    CHECK(qw_i64x2_extract_lane(I64(1, 0xffffffffffffffffu), 1) == 0xffffffffffffffffu);
    CHECK(qw_f32x4_extract_lane(F32(1, 2, -0.5f, 4), 2) == -0.5f);
    CHECK(qw_f64x2_extract_lane(F64(1.5, -2), 0) == 1.5);
    CHECK_V(qw_i8x16_replace_lane(qw_i8x16_splat(0), 3, 0x1ff),
            I8(0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_replace_lane(qw_i16x8_splat(7), 0, 0x12345), I16(0x2345, 7, 7, 7, 7, 7, 7, 7));
    CHECK_V(qw_i32x4_replace_lane(qw_i32x4_splat(1), 3, 9), I32(1, 1, 1, 9));
    CHECK_V(qw_i64x2_replace_lane(qw_i64x2_splat(1), 0, 5), I64(5, 1));
    CHECK_V(qw_f32x4_replace_lane(qw_f32x4_splat(1), 1, 2), F32(1, 2, 1, 1));
    CHECK_V(qw_f64x2_replace_lane(qw_f64x2_splat(1), 1, -0.0), F64(1, -0.0));
    /* a NaN payload survives splat and extract */
    float snan = qw_f32_from_bits(0x7fa00001u);
    CHECK(qw_f32_bits(qw_f32x4_extract_lane(qw_f32x4_splat(snan), 3)) == 0x7fa00001u);
    CHECK_V(qw_i8x16_splat(0x1ff),
            I8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
    CHECK_V(qw_i16x8_splat(0x10002), I16(2, 2, 2, 2, 2, 2, 2, 2));
    CHECK_V(qw_i64x2_splat(0x8000000000000000u), I64(0x8000000000000000u, 0x8000000000000000u));
    CHECK_V(qw_f64x2_splat(-INFINITY), F64(-INFINITY, -INFINITY));

    static const uint8_t rev[16] = {31, 30, 29, 28, 27, 26, 25, 24, 7, 6, 5, 4, 3, 2, 1, 0};
    qw_v128 a = I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    qw_v128 b = I8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    CHECK_V(qw_i8x16_shuffle(a, b, rev),
            I8(31, 30, 29, 28, 27, 26, 25, 24, 7, 6, 5, 4, 3, 2, 1, 0));
    qw_v128 idx = I8(0, 15, 16, 255, 128, 3, 17, 2, 1, 0, 14, 32, 64, 5, 6, 7);
    qw_v128 want = I8(0, 15, 0, 0, 0, 3, 0, 2, 1, 0, 14, 0, 0, 5, 6, 7);
    CHECK_V(qw_i8x16_swizzle(a, idx), want);
    CHECK_V(qw_i8x16_relaxed_swizzle(a, idx), want);
}

static void test_int_compare(void)
{
    qw_v128 a = I8(0, 1, -1, -128, 127, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0);
    qw_v128 b = I8(0, -1, 1, 127, -128, 5, 6, 4, 0, 0, 0, 0, 0, 0, 0, 1);
    CHECK_V(qw_i8x16_eq(a, b), I8(-1, 0, 0, 0, 0, -1, 0, 0, -1, -1, -1, -1, -1, -1, -1, 0));
    CHECK_V(qw_i8x16_lt_s(a, b), I8(0, 0, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, -1));
    CHECK_V(qw_i8x16_lt_u(a, b), I8(0, -1, 0, 0, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, -1));
    CHECK_V(qw_i8x16_ge_u(a, b), qw_v128_not(qw_i8x16_lt_u(a, b)));
    CHECK_V(qw_i8x16_le_s(a, b), qw_v128_not(qw_i8x16_gt_s(a, b)));
    CHECK_V(qw_i16x8_gt_s(I16(-1, 0, 32767, 0, 0, 0, 0, 0), I16(0, -1, -32768, 0, 0, 0, 0, 0)),
            I16(0, -1, -1, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_gt_u(I16(-1, 0, 32767, 0, 0, 0, 0, 0), I16(0, -1, -32768, 0, 0, 0, 0, 0)),
            I16(-1, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i32x4_le_u(I32(0xffffffffu, 1, 2, 3), I32(0, 1, 3, 2)), I32(0, ~0u, ~0u, 0));
    CHECK_V(qw_i32x4_ge_s(I32(0xffffffffu, 1, 2, 3), I32(0, 1, 3, 2)), I32(0, ~0u, 0, ~0u));
    CHECK_V(qw_i64x2_lt_s(I64(0x8000000000000000u, 1), I64(0, 1)), I64(~0ull, 0));
    CHECK_V(qw_i64x2_ne(I64(0x8000000000000000u, 1), I64(0, 1)), I64(~0ull, 0));
}

static void test_float_compare(void)
{
    qw_v128 a = F32(NAN, -0.0f, 1.0f, -INFINITY);
    qw_v128 b = F32(NAN, 0.0f, 2.0f, -INFINITY);
    CHECK_V(qw_f32x4_eq(a, b), I32(0, ~0u, 0, ~0u));
    CHECK_V(qw_f32x4_ne(a, b), I32(~0u, 0, ~0u, 0));
    CHECK_V(qw_f32x4_lt(a, b), I32(0, 0, ~0u, 0));
    CHECK_V(qw_f32x4_ge(a, b), I32(0, ~0u, 0, ~0u));
    CHECK_V(qw_f64x2_le(F64(NAN, 1), F64(1, 1)), I64(0, ~0ull));
    CHECK_V(qw_f64x2_gt(F64(2, 1), F64(1, NAN)), I64(~0ull, 0));
}

static void test_int_arith(void)
{
    CHECK_V(qw_i8x16_add(I8(127, -128, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1),
                         I8(1, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
            I8(-128, 127, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_add_sat_s(I8(127, -128, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                               I8(1, -1, -50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(127, -128, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_add_sat_u(I8(255, 200, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                               I8(1, 100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(255, 255, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_sub_sat_u(I8(1, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                               I8(2, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_sub_sat_s(I8(-128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                               I8(1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(-128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_abs(I8(-128, -1, 1, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(-128, 1, 1, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_neg(I8(-128, -1, 1, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(-128, 1, -1, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_popcnt(I8(0, 1, 3, 7, 15, 31, 63, 127, -1, 0x55, 0xaa, 0x80, 0, 0, 0, 0)),
            I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 4, 4, 1, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_avgr_u(I8(0, 255, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                            I8(1, 255, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(1, 255, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_min_s(I8(-128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                           I8(0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(-128, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_max_u(I8(-128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                           I8(0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I8(-128, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

    CHECK_V(
        qw_i16x8_mul(I16(-32768, 0x7fff, 300, -2, 0, 0, 0, 0), I16(-1, 0x7fff, 300, 3, 0, 0, 0, 0)),
        I16(-32768, 1, 0x5f90, -6, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_add_sat_s(I16(32767, -32768, 0, 0, 0, 0, 0, 0), I16(1, -1, 0, 0, 0, 0, 0, 0)),
            I16(32767, -32768, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_sub_sat_u(I16(0, 65535, 0, 0, 0, 0, 0, 0), I16(1, 1, 0, 0, 0, 0, 0, 0)),
            I16(0, 65534, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_avgr_u(I16(65535, 0, 0, 0, 0, 0, 0, 0), I16(65534, 0, 0, 0, 0, 0, 0, 0)),
            I16(65535, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_min_u(I16(-1, 0, 0, 0, 0, 0, 0, 0), I16(1, 0, 0, 0, 0, 0, 0, 0)),
            I16(1, 0, 0, 0, 0, 0, 0, 0));
    /* q15mulr: only -1 * -1 saturates; rounding adds 2^14 */
    qw_v128 q = qw_i16x8_q15mulr_sat_s(I16(-32768, -32768, 16384, 1, -1, 0x4000, 3, 0),
                                       I16(-32768, 32767, 16384, 16384, 16384, -32768, -16384, 0));
    CHECK_V(q, I16(32767, -32767, 8192, 1, 0, -16384, -1, 0));
    CHECK_V(qw_i16x8_relaxed_q15mulr_s(I16(-32768, 0, 0, 0, 0, 0, 0, 0),
                                       I16(-32768, 0, 0, 0, 0, 0, 0, 0)),
            I16(32767, 0, 0, 0, 0, 0, 0, 0));

    CHECK_V(qw_i32x4_mul(I32(0x80000000u, 0xffffffffu, 65536, 7), I32(2, 0xffffffffu, 65536, 6)),
            I32(0, 1, 0, 42));
    CHECK_V(qw_i32x4_min_s(I32(0x80000000u, 1, 0, 0), I32(0x7fffffffu, 0xffffffffu, 0, 0)),
            I32(0x80000000u, 0xffffffffu, 0, 0));
    CHECK_V(qw_i32x4_max_u(I32(0x80000000u, 1, 0, 0), I32(0x7fffffffu, 0xffffffffu, 0, 0)),
            I32(0x80000000u, 0xffffffffu, 0, 0));
    CHECK_V(qw_i32x4_abs(I32(0x80000000u, 0xffffffffu, 5, 0)), I32(0x80000000u, 1, 5, 0));
    CHECK_V(
        qw_i64x2_mul(I64(0x8000000000000000u, 0xffffffffffffffffu), I64(2, 0xffffffffffffffffu)),
        I64(0, 1));
    CHECK_V(qw_i64x2_abs(I64(0x8000000000000000u, 0xffffffffffffffffu)),
            I64(0x8000000000000000u, 1));
    CHECK_V(qw_i64x2_neg(I64(1, 0)), I64(0xffffffffffffffffu, 0));
    CHECK_V(qw_i64x2_sub(I64(0, 5), I64(1, 7)), I64(0xffffffffffffffffu, 0xfffffffffffffffeu));
}

static void test_shifts(void)
{
    qw_v128 a = I8(-128, 1, 64, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_V(qw_i8x16_shl(a, 9), I8(0, 2, -128, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_shr_s(a, 7), I8(-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i8x16_shr_u(a, 0x107), I8(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_shr_s(I16(-32768, 16, 0, 0, 0, 0, 0, 0), 18), I16(-8192, 4, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_shl(I16(1, -1, 0, 0, 0, 0, 0, 0), 15), I16(-32768, -32768, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i32x4_shr_s(I32(0x80000000u, 0x40000000u, 1, 0xffffffffu), 31),
            I32(0xffffffffu, 0, 0, 0xffffffffu));
    CHECK_V(qw_i32x4_shl(I32(1, 1, 1, 1), 32), I32(1, 1, 1, 1));
    CHECK_V(qw_i32x4_shr_u(I32(0x80000000u, 0, 0, 0), 0xffffffffu), I32(1, 0, 0, 0));
    CHECK_V(qw_i64x2_shr_s(I64(0x8000000000000000u, 0x7fffffffffffffffu), 63),
            I64(0xffffffffffffffffu, 0));
    CHECK_V(qw_i64x2_shl(I64(1, 3), 65), I64(2, 6));
    CHECK_V(qw_i64x2_shr_u(I64(0x8000000000000000u, 1), 127), I64(1, 0));
}

static void test_widen_narrow(void)
{
    CHECK_V(qw_i8x16_narrow_i16x8_s(I16(-129, -128, 127, 128, 0, 1, -1, 32767),
                                    I16(-32768, 0, 0, 0, 0, 0, 0, 5)),
            I8(-128, -128, 127, 127, 0, 1, -1, 127, -128, 0, 0, 0, 0, 0, 0, 5));
    CHECK_V(qw_i8x16_narrow_i16x8_u(I16(-1, 0, 255, 256, 0, 1, 128, 32767),
                                    I16(-32768, 0, 0, 0, 0, 0, 0, 5)),
            I8(0, 0, 255, 255, 0, 1, 128, 255, 0, 0, 0, 0, 0, 0, 0, 5));
    CHECK_V(qw_i16x8_narrow_i32x4_s(I32(0x8000u, 0xffff7fffu, 7, 0xffffffffu), I32(0, 0, 0, 1)),
            I16(32767, -32768, 7, -1, 0, 0, 0, 1));
    CHECK_V(qw_i16x8_narrow_i32x4_u(I32(0x10000u, 0xffffffffu, 0xffff, 0x8000), I32(0, 0, 0, 1)),
            I16(65535, 0, 65535, 0x8000, 0, 0, 0, 1));

    qw_v128 b = I8(-128, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -2);
    CHECK_V(qw_i16x8_extend_low_i8x16_s(b), I16(-128, -1, 1, 2, 3, 4, 5, 6));
    CHECK_V(qw_i16x8_extend_low_i8x16_u(b), I16(128, 255, 1, 2, 3, 4, 5, 6));
    CHECK_V(qw_i16x8_extend_high_i8x16_s(b), I16(7, 8, 9, 10, 11, 12, 13, -2));
    CHECK_V(qw_i16x8_extend_high_i8x16_u(b), I16(7, 8, 9, 10, 11, 12, 13, 254));
    qw_v128 h = I16(-32768, 2, 3, 4, 5, 6, 7, -1);
    CHECK_V(qw_i32x4_extend_low_i16x8_s(h), I32(0xffff8000u, 2, 3, 4));
    CHECK_V(qw_i32x4_extend_high_i16x8_u(h), I32(5, 6, 7, 0xffff));
    qw_v128 w = I32(0x80000000u, 1, 2, 0xffffffffu);
    CHECK_V(qw_i64x2_extend_low_i32x4_s(w), I64(0xffffffff80000000u, 1));
    CHECK_V(qw_i64x2_extend_high_i32x4_u(w), I64(2, 0xffffffffu));
    CHECK_V(qw_i64x2_extend_high_i32x4_s(w), I64(2, 0xffffffffffffffffu));

    CHECK_V(qw_i16x8_extmul_low_i8x16_s(b, b), I16(16384, 1, 1, 4, 9, 16, 25, 36));
    CHECK_V(qw_i16x8_extmul_low_i8x16_u(b, b), I16(16384, 65025, 1, 4, 9, 16, 25, 36));
    CHECK_V(qw_i16x8_extmul_high_i8x16_u(b, b), I16(49, 64, 81, 100, 121, 144, 169, 64516));
    CHECK_V(qw_i32x4_extmul_low_i16x8_s(h, h), I32(0x40000000u, 4, 9, 16));
    CHECK_V(qw_i32x4_extmul_high_i16x8_u(h, h), I32(25, 36, 49, 0xfffe0001u));
    CHECK_V(qw_i64x2_extmul_low_i32x4_s(w, w), I64(0x4000000000000000u, 1));
    CHECK_V(qw_i64x2_extmul_high_i32x4_u(w, w), I64(4, 0xfffffffe00000001u));
    CHECK_V(qw_i64x2_extmul_high_i32x4_s(w, w), I64(4, 1));

    CHECK_V(qw_i16x8_extadd_pairwise_i8x16_s(
                I8(-128, -128, 127, 127, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            I16(-256, 254, 0, 0, 0, 0, 0, 0));
    CHECK_V(
        qw_i16x8_extadd_pairwise_i8x16_u(I8(-1, -1, 127, 127, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
        I16(510, 254, 256, 0, 0, 0, 0, 0));
    CHECK_V(qw_i32x4_extadd_pairwise_i16x8_s(I16(-32768, -32768, 32767, 32767, 0, 0, 0, 0)),
            I32(0xffff0000u, 0xfffe, 0, 0));
    CHECK_V(qw_i32x4_extadd_pairwise_i16x8_u(I16(-1, -1, 0, 0, 0, 0, 0, 0)), I32(0x1fffe, 0, 0, 0));

    /* dot: -32768^2 * 2 wraps to INT32_MIN (simd_i32x4_dot_i16x8) */
    CHECK_V(qw_i32x4_dot_i16x8_s(I16(-32768, -32768, 32767, 32767, 1, 2, -1, 3),
                                 I16(-32768, -32768, 32767, 32767, 3, 4, 5, 6)),
            I32(0x80000000u, 0x7ffe0002u, 11, 13));
}

static void test_float_arith(void)
{
    CHECK_V(qw_f32x4_add(F32(1, 2, INFINITY, 0x1p-149f), F32(1, -2, 1, 0x1p-149f)),
            F32(2, 0, INFINITY, 0x1p-148f));
    CHECK_V(qw_f64x2_div(F64(1, -1), F64(0.0, 0.0)), F64(INFINITY, -INFINITY));
    CHECK_V(qw_f32x4_min(F32(-0.0f, 0.0f, 1, -INFINITY), F32(0.0f, -0.0f, 2, 0)),
            F32(-0.0f, -0.0f, 1, -INFINITY));
    CHECK_V(qw_f64x2_max(F64(-0.0, 0.0), F64(0.0, -0.0)), F64(0.0, 0.0));
    qw_v128 m = qw_f32x4_min(F32(NAN, 1, 0, 0), F32(1, NAN, 0, 0));
    CHECK(isnan(qw_f32x4_extract_lane(m, 0)) && isnan(qw_f32x4_extract_lane(m, 1)));
    /* pmin/pmax return an operand unchanged: a NaN only when it is the first one */
    CHECK_V(qw_f32x4_pmin(F32(-0.0f, 0.0f, 1, 2), F32(0.0f, -0.0f, 0, 3)), F32(-0.0f, 0.0f, 0, 2));
    CHECK_V(qw_f32x4_pmax(F32(-0.0f, 0.0f, 1, 2), F32(0.0f, -0.0f, 0, 3)), F32(-0.0f, 0.0f, 1, 3));
    qw_v128 n = qw_f64x2_pmin(F64(NAN, 1), F64(1, NAN));
    CHECK(isnan(qw_f64x2_extract_lane(n, 0)) && qw_f64x2_extract_lane(n, 1) == 1);
    CHECK_V(qw_f32x4_nearest(F32(2.5f, -2.5f, 3.5f, -0.5f)), F32(2, -2, 4, -0.0f));
    CHECK_V(qw_f64x2_ceil(F64(-0.5, 1.0000001)), F64(-0.0, 2));
    CHECK_V(qw_f64x2_floor(F64(-0.5, 1.9)), F64(-1, 1));
    CHECK_V(qw_f32x4_trunc(F32(-0.5f, 1.9f, -1.9f, 1e30f)), F32(-0.0f, 1, -1, 1e30f));
    CHECK_V(qw_f32x4_sqrt(F32(4, 0.25f, -0.0f, INFINITY)), F32(2, 0.5f, -0.0f, INFINITY));
    CHECK_V(qw_f64x2_abs(I64(0xfff4000000000001u, 0x8000000000000000u)),
            I64(0x7ff4000000000001u, 0));
    CHECK_V(qw_f32x4_neg(I32(0x7fa00001u, 0, 0x80000000u, 0x3f800000u)),
            I32(0xffa00001u, 0x80000000u, 0, 0xbf800000u));
}

static void test_conversions(void)
{
    CHECK_V(qw_i32x4_trunc_sat_f32x4_s(F32(NAN, -2147483904.0f, 2147483648.0f, -1.9f)),
            I32(0, 0x80000000u, 0x7fffffffu, 0xffffffffu));
    CHECK_V(qw_i32x4_trunc_sat_f32x4_u(F32(NAN, -1.0f, 4294967296.0f, 4294967040.0f)),
            I32(0, 0, 0xffffffffu, 4294967040u));
    CHECK_V(qw_i32x4_trunc_sat_f64x2_s_zero(F64(-2147483649.0, 2147483647.9)),
            I32(0x80000000u, 0x7fffffffu, 0, 0));
    CHECK_V(qw_i32x4_trunc_sat_f64x2_u_zero(F64(-0.9, 4294967296.0)), I32(0, 0xffffffffu, 0, 0));
    CHECK_V(qw_f32x4_convert_i32x4_s(I32(0x80000000u, 16777217, 0xffffffffu, 0)),
            F32(-2147483648.0f, 16777216.0f, -1, 0));
    CHECK_V(qw_f32x4_convert_i32x4_u(I32(0x80000000u, 16777217, 0xffffffffu, 0)),
            F32(2147483648.0f, 16777216.0f, 4294967296.0f, 0));
    CHECK_V(qw_f64x2_convert_low_i32x4_s(I32(0x80000000u, 0xffffffffu, 7, 7)),
            F64(-2147483648.0, -1));
    CHECK_V(qw_f64x2_convert_low_i32x4_u(I32(0x80000000u, 0xffffffffu, 7, 7)),
            F64(2147483648.0, 4294967295.0));
    CHECK_V(qw_f32x4_demote_f64x2_zero(F64(0x1.fffffefffffffp+127, 0x1p-150)),
            F32(0x1.fffffep+127f, 0, 0, 0));
    CHECK_V(qw_f64x2_promote_low_f32x4(F32(0x1p-149f, -1, 5, 5)), F64(0x1p-149, -1));
    qw_v128 d = qw_f32x4_demote_f64x2_zero(I64(0x7ff4000000000000u, 0));
    CHECK((qw_i32x4_extract_lane(d, 0) & 0x7fc00000u) == 0x7fc00000u);
}

static void test_relaxed(void)
{
    qw_v128 x = F32(NAN, -2147483904.0f, 4294967296.0f, 1.5f);
    CHECK_V(qw_i32x4_relaxed_trunc_f32x4_s(x), qw_i32x4_trunc_sat_f32x4_s(x));
    CHECK_V(qw_i32x4_relaxed_trunc_f32x4_u(x), qw_i32x4_trunc_sat_f32x4_u(x));
    qw_v128 y = F64(NAN, -1e10);
    CHECK_V(qw_i32x4_relaxed_trunc_f64x2_s_zero(y), I32(0, 0x80000000u, 0, 0));
    CHECK_V(qw_i32x4_relaxed_trunc_f64x2_u_zero(F64(1e10, 3.9)), I32(0xffffffffu, 3, 0, 0));

    /* relaxed_madd_nmadd.wast: 0x1.000002p+0 * 0x1.fffffcp-1 + -0x1p+0 is 0x1p-46 fused and 0
     * unfused; fused is the deterministic choice. */
    qw_v128 fa = qw_f32x4_splat(0x1.000002p+0f), fb = qw_f32x4_splat(0x1.fffffcp-1f);
    CHECK_V(qw_f32x4_relaxed_madd(fa, fb, qw_f32x4_splat(-1.0f)), qw_f32x4_splat(-0x1p-46f));
    CHECK_V(qw_f32x4_relaxed_nmadd(fa, fb, qw_f32x4_splat(1.0f)), qw_f32x4_splat(0x1p-46f));
    CHECK_V(qw_f32x4_relaxed_madd(F32(1, 2, 3, 4), F32(2, 3, 4, 5), F32(1, 1, 1, 1)),
            F32(3, 7, 13, 21));
    CHECK_V(qw_f64x2_relaxed_madd(F64(0x1.0000000000001p+0, 2), F64(0x1.ffffffffffffep-1, 3),
                                  F64(-1, 1)),
            F64(-0x1p-104, 7));
    CHECK_V(qw_f64x2_relaxed_nmadd(F64(2, 1), F64(3, 1), F64(1, 0)), F64(-5, -1));

    qw_v128 sel =
        qw_i16x8_relaxed_laneselect(I16(1, 2, 3, 4, 5, 6, 7, 8), I16(9, 10, 11, 12, 13, 14, 15, 16),
                                    I16(-1, 0, -1, 0, 0xff, 0, 0, 0));
    CHECK_V(sel, I16(1, 10, 3, 12, 5, 14, 15, 16));
    CHECK_V(qw_i64x2_relaxed_laneselect(I64(1, 2), I64(3, 4), I64(~0ull, 0)), I64(1, 4));

    qw_v128 mn = qw_f32x4_relaxed_min(F32(-0.0f, 0.0f, NAN, 1), F32(0.0f, -0.0f, 1, 2));
    CHECK(qw_i32x4_extract_lane(mn, 0) == 0x80000000u &&
          qw_i32x4_extract_lane(mn, 1) == 0x80000000u);
    CHECK(isnan(qw_f32x4_extract_lane(mn, 2)) && qw_f32x4_extract_lane(mn, 3) == 1);
    CHECK_V(qw_f64x2_relaxed_max(F64(-0.0, 3), F64(0.0, 2)), F64(0.0, 3));

    /* relaxed_dot_product.wast */
    qw_v128 a = I32(0x3020100u, 0x7060504u, 0xb0a0908u, 0xf0e0d0cu);
    CHECK_V(qw_i16x8_relaxed_dot_i8x16_i7x16_s(a, a),
            I16(0x1, 0xd, 0x29, 0x55, 0x91, 0xdd, 0x139, 0x1a5));
    CHECK_V(
        qw_i16x8_relaxed_dot_i8x16_i7x16_s(I32(0x7f7f8080u, 0, 0, 0), I32(0x7f7f7f7fu, 0, 0, 0)),
        I16(0x8100, 0x7e02, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i16x8_relaxed_dot_i8x16_i7x16_s(I32(0x8080u, 0, 0, 0), I32(0x8181u, 0, 0, 0)),
            I16(0x7f00, 0, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_i32x4_relaxed_dot_i8x16_i7x16_add_s(a, a, I32(0, 1, 2, 3)),
            I32(0xe, 0x7f, 0x170, 0x2e1));
    CHECK_V(qw_i32x4_relaxed_dot_i8x16_i7x16_add_s(I32(0x80808080u, 0x7f7f7f7fu, 0, 0),
                                                   I32(0x7f7f7f7fu, 0x7f7f7f7fu, 0, 0),
                                                   I32(1, 2, 3, 4)),
            I32(0xffff0201u, 0xfc06, 3, 4));
    CHECK_V(qw_i32x4_relaxed_dot_i8x16_i7x16_add_s(I32(0x80808080u, 0, 0, 0),
                                                   I32(0x81818181u, 0, 0, 0), I32(1, 2, 3, 4)),
            I32(0xfe01, 2, 3, 4));
}

static void test_memory_helpers(void)
{
    uint8_t mem[32];
    for (int i = 0; i < 32; i++)
        mem[i] = (uint8_t)(0x80 + i);
    CHECK_V(qw_v128_load(mem + 1), I8(0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,
                                      0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90));
    CHECK_V(qw_v128_load8x8_s(mem), I16(-128, -127, -126, -125, -124, -123, -122, -121));
    CHECK_V(qw_v128_load8x8_u(mem), I16(128, 129, 130, 131, 132, 133, 134, 135));
    CHECK_V(qw_v128_load16x4_s(mem), I32(0xffff8180u, 0xffff8382u, 0xffff8584u, 0xffff8786u));
    CHECK_V(qw_v128_load16x4_u(mem), I32(0x8180, 0x8382, 0x8584, 0x8786));
    CHECK_V(qw_v128_load32x2_s(mem), I64(0xffffffff83828180u, 0xffffffff87868584u));
    CHECK_V(qw_v128_load32x2_u(mem), I64(0x83828180u, 0x87868584u));
    CHECK_V(qw_v128_load8_splat(mem + 3), qw_i8x16_splat(0x83));
    CHECK_V(qw_v128_load16_splat(mem), qw_i16x8_splat(0x8180));
    CHECK_V(qw_v128_load32_splat(mem), qw_i32x4_splat(0x83828180u));
    CHECK_V(qw_v128_load64_splat(mem), qw_i64x2_splat(0x8786858483828180u));
    CHECK_V(qw_v128_load32_zero(mem), I32(0x83828180u, 0, 0, 0));
    CHECK_V(qw_v128_load64_zero(mem), I64(0x8786858483828180u, 0));
    qw_v128 z = I32(0, 0, 0, 0);
    CHECK_V(qw_v128_load8_lane(mem, z, 15), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80));
    CHECK_V(qw_v128_load16_lane(mem, z, 1), I16(0, 0x8180, 0, 0, 0, 0, 0, 0));
    CHECK_V(qw_v128_load32_lane(mem, z, 3), I32(0, 0, 0, 0x83828180u));
    CHECK_V(qw_v128_load64_lane(mem, z, 1), I64(0, 0x8786858483828180u));

    uint8_t out[16] = {0};
    qw_v128 v = I64(0x0706050403020100u, 0x0f0e0d0c0b0a0908u);
    qw_v128_store8_lane(out, v, 9);
    CHECK(out[0] == 9 && out[1] == 0);
    qw_v128_store16_lane(out, v, 7);
    CHECK(out[0] == 14 && out[1] == 15 && out[2] == 0);
    qw_v128_store32_lane(out + 1, v, 1);
    CHECK(out[0] == 14 && out[1] == 4 && out[4] == 7 && out[5] == 0);
    qw_v128_store64_lane(out + 8, v, 0);
    CHECK(out[8] == 0 && out[15] == 7);
    qw_v128_store(out, v);
    CHECK(memcmp(out, v.bytes, 16) == 0 && out[15] == 0x0f);
}

/* One or two vectors for each remaining operation, taken from the spec suite's simd scripts
 * (assert_return lines without NaN patterns); operands and results as four little-endian u32s. */
typedef struct spec_vector {
    const char *name;
    qw_v128 (*un)(qw_v128);
    qw_v128 (*bin)(qw_v128, qw_v128);
    qw_v128 (*tern)(qw_v128, qw_v128, qw_v128);
    uint32_t a[4], b[4], c[4], want[4];
} spec_vector;

static const spec_vector spec_vectors[] = {
    {"f32x4_abs", .un = qw_f32x4_abs, .a = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_abs", .un = qw_f32x4_abs, .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"f32x4_ceil", .un = qw_f32x4_ceil, .a = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u},
     .want = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u}},
    {"f32x4_ceil", .un = qw_f32x4_ceil, .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800000u}},
    {"f32x4_div", .bin = qw_f32x4_div, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_div", .bin = qw_f32x4_div, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x80000001u, 0x80000001u, 0x80000001u, 0x80000001u},
     .want = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u}},
    {"f32x4_floor", .un = qw_f32x4_floor, .a = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u},
     .want = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u}},
    {"f32x4_floor", .un = qw_f32x4_floor, .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_gt", .bin = qw_f32x4_gt, .a = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u},
     .b = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_gt", .bin = qw_f32x4_gt, .a = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_le", .bin = qw_f32x4_le, .a = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u},
     .b = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_le", .bin = qw_f32x4_le, .a = {0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_max", .bin = qw_f32x4_max, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_max", .bin = qw_f32x4_max, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"f32x4_mul", .bin = qw_f32x4_mul, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u},
     .want = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u}},
    {"f32x4_mul", .bin = qw_f32x4_mul, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_sub", .bin = qw_f32x4_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f32x4_sub", .bin = qw_f32x4_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x80000001u, 0x80000001u, 0x80000001u, 0x80000001u}},
    {"f64x2_add", .bin = qw_f64x2_add, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_add", .bin = qw_f64x2_add, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u}},
    {"f64x2_eq", .bin = qw_f64x2_eq, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"f64x2_eq", .bin = qw_f64x2_eq, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000000u, 0xfff00000u, 0x00000000u, 0xfff00000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_ge", .bin = qw_f64x2_ge, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"f64x2_ge", .bin = qw_f64x2_ge, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000000u, 0xfff00000u, 0x00000000u, 0xfff00000u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"f64x2_lt", .bin = qw_f64x2_lt, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_lt", .bin = qw_f64x2_lt, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000000u, 0xfff00000u, 0x00000000u, 0xfff00000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_min", .bin = qw_f64x2_min, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u}},
    {"f64x2_min", .bin = qw_f64x2_min, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_mul", .bin = qw_f64x2_mul, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u}},
    {"f64x2_mul", .bin = qw_f64x2_mul, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_ne", .bin = qw_f64x2_ne, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_ne", .bin = qw_f64x2_ne, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000000u, 0xfff00000u, 0x00000000u, 0xfff00000u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"f64x2_nearest", .un = qw_f64x2_nearest,
     .a = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u}},
    {"f64x2_nearest", .un = qw_f64x2_nearest,
     .a = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_neg", .un = qw_f64x2_neg, .a = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_neg", .un = qw_f64x2_neg, .a = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x80100000u, 0x00000000u, 0x80100000u}},
    {"f64x2_pmax", .bin = qw_f64x2_pmax, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_pmax", .bin = qw_f64x2_pmax, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u}},
    {"f64x2_sqrt", .un = qw_f64x2_sqrt, .a = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u}},
    {"f64x2_sqrt", .un = qw_f64x2_sqrt, .a = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x20000000u, 0x00000000u, 0x20000000u}},
    {"f64x2_sub", .bin = qw_f64x2_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"f64x2_sub", .bin = qw_f64x2_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x80100000u, 0x00000000u, 0x80100000u}},
    {"f64x2_trunc", .un = qw_f64x2_trunc, .a = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u},
     .want = {0x00000000u, 0x80000000u, 0x00000000u, 0x80000000u}},
    {"f64x2_trunc", .un = qw_f64x2_trunc, .a = {0x00000000u, 0x00100000u, 0x00000000u, 0x00100000u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_abs", .un = qw_i16x8_abs, .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u}},
    {"i16x8_abs", .un = qw_i16x8_abs, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u}},
    {"i16x8_add", .bin = qw_i16x8_add, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u}},
    {"i16x8_add", .bin = qw_i16x8_add, .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00020002u, 0x00020002u, 0x00020002u, 0x00020002u}},
    {"i16x8_add_sat_u", .bin = qw_i16x8_add_sat_u,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u}},
    {"i16x8_add_sat_u", .bin = qw_i16x8_add_sat_u,
     .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00020002u, 0x00020002u, 0x00020002u, 0x00020002u}},
    {"i16x8_eq", .bin = qw_i16x8_eq, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_eq", .bin = qw_i16x8_eq, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_extmul_high_i8x16_s", .bin = qw_i16x8_extmul_high_i8x16_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_extmul_high_i8x16_s", .bin = qw_i16x8_extmul_high_i8x16_s,
     .a = {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
     .b = {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
     .want = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u}},
    {"i16x8_ge_s", .bin = qw_i16x8_ge_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_ge_s", .bin = qw_i16x8_ge_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_ge_u", .bin = qw_i16x8_ge_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_ge_u", .bin = qw_i16x8_ge_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_le_s", .bin = qw_i16x8_le_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_le_s", .bin = qw_i16x8_le_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_le_u", .bin = qw_i16x8_le_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_le_u", .bin = qw_i16x8_le_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_lt_s", .bin = qw_i16x8_lt_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_lt_s", .bin = qw_i16x8_lt_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_lt_u", .bin = qw_i16x8_lt_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_lt_u", .bin = qw_i16x8_lt_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_max_s", .bin = qw_i16x8_max_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_max_s", .bin = qw_i16x8_max_s,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0xffffffffu}},
    {"i16x8_max_u", .bin = qw_i16x8_max_u,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_max_u", .bin = qw_i16x8_max_u,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_min_s", .bin = qw_i16x8_min_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_min_s", .bin = qw_i16x8_min_s,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_ne", .bin = qw_i16x8_ne, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_ne", .bin = qw_i16x8_ne, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_neg", .un = qw_i16x8_neg, .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_neg", .un = qw_i16x8_neg, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u}},
    {"i16x8_sub", .bin = qw_i16x8_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_sub", .bin = qw_i16x8_sub, .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i16x8_sub_sat_s", .bin = qw_i16x8_sub_sat_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i16x8_sub_sat_s", .bin = qw_i16x8_sub_sat_s,
     .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_add", .bin = qw_i32x4_add, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"i32x4_add", .bin = qw_i32x4_add, .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000002u, 0x00000002u, 0x00000002u, 0x00000002u}},
    {"i32x4_eq", .bin = qw_i32x4_eq, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_eq", .bin = qw_i32x4_eq, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_extend_high_i16x8_s", .un = qw_i32x4_extend_high_i16x8_s,
     .a = {0x00000000u, 0x00000000u, 0x00010001u, 0x00010001u},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"i32x4_extend_high_i16x8_s", .un = qw_i32x4_extend_high_i16x8_s,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_extend_low_i16x8_u", .un = qw_i32x4_extend_low_i16x8_u,
     .a = {0x00000000u, 0x00000000u, 0x00010001u, 0x00010001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_extend_low_i16x8_u", .un = qw_i32x4_extend_low_i16x8_u,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_extmul_high_i16x8_s", .bin = qw_i32x4_extmul_high_i16x8_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_extmul_high_i16x8_s", .bin = qw_i32x4_extmul_high_i16x8_s,
     .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"i32x4_extmul_low_i16x8_u", .bin = qw_i32x4_extmul_low_i16x8_u,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_extmul_low_i16x8_u", .bin = qw_i32x4_extmul_low_i16x8_u,
     .a = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .b = {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"i32x4_ge_u", .bin = qw_i32x4_ge_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_ge_u", .bin = qw_i32x4_ge_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_gt_s", .bin = qw_i32x4_gt_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_gt_s", .bin = qw_i32x4_gt_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_gt_u", .bin = qw_i32x4_gt_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_gt_u", .bin = qw_i32x4_gt_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_le_s", .bin = qw_i32x4_le_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_le_s", .bin = qw_i32x4_le_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_lt_s", .bin = qw_i32x4_lt_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_lt_s", .bin = qw_i32x4_lt_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_lt_u", .bin = qw_i32x4_lt_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_lt_u", .bin = qw_i32x4_lt_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_max_s", .bin = qw_i32x4_max_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_max_s", .bin = qw_i32x4_max_s,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0xffffffffu}},
    {"i32x4_min_u", .bin = qw_i32x4_min_u,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_min_u", .bin = qw_i32x4_min_u,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0xffffffffu}},
    {"i32x4_ne", .bin = qw_i32x4_ne, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_ne", .bin = qw_i32x4_ne, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i32x4_neg", .un = qw_i32x4_neg, .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_neg", .un = qw_i32x4_neg, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u}},
    {"i32x4_sub", .bin = qw_i32x4_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i32x4_sub", .bin = qw_i32x4_sub, .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i64x2_add", .bin = qw_i64x2_add, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u}},
    {"i64x2_add", .bin = qw_i64x2_add, .a = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .b = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u},
     .want = {0x00000002u, 0x00000000u, 0x00000002u, 0x00000000u}},
    {"i64x2_eq", .bin = qw_i64x2_eq, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i64x2_eq", .bin = qw_i64x2_eq, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i64x2_extend_low_i32x4_u", .un = qw_i64x2_extend_low_i32x4_u,
     .a = {0x00000000u, 0x00000000u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i64x2_extend_low_i32x4_u", .un = qw_i64x2_extend_low_i32x4_u,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i64x2_extmul_low_i32x4_u", .bin = qw_i64x2_extmul_low_i32x4_u,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i64x2_extmul_low_i32x4_u", .bin = qw_i64x2_extmul_low_i32x4_u,
     .a = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .b = {0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u},
     .want = {0x00000001u, 0x00000000u, 0x00000001u, 0x00000000u}},
    {"i64x2_ge_s", .bin = qw_i64x2_ge_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i64x2_ge_s", .bin = qw_i64x2_ge_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i64x2_gt_s", .bin = qw_i64x2_gt_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i64x2_gt_s", .bin = qw_i64x2_gt_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i64x2_le_s", .bin = qw_i64x2_le_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i64x2_le_s", .bin = qw_i64x2_le_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i8x16_ge_s", .bin = qw_i8x16_ge_s, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i8x16_ge_s", .bin = qw_i8x16_ge_s, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i8x16_gt_u", .bin = qw_i8x16_gt_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i8x16_gt_u", .bin = qw_i8x16_gt_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i8x16_le_u", .bin = qw_i8x16_le_u, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i8x16_le_u", .bin = qw_i8x16_le_u, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i8x16_max_s", .bin = qw_i8x16_max_s,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i8x16_max_s", .bin = qw_i8x16_max_s,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0xffffffffu}},
    {"i8x16_min_u", .bin = qw_i8x16_min_u,
     .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i8x16_min_u", .bin = qw_i8x16_min_u,
     .a = {0x00000000u, 0x00000000u, 0xffffffffu, 0xffffffffu},
     .b = {0x00000000u, 0xffffffffu, 0x00000000u, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0xffffffffu}},
    {"i8x16_ne", .bin = qw_i8x16_ne, .a = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .b = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i8x16_ne", .bin = qw_i8x16_ne, .a = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .b = {0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u, 0xf0f0f0f0u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
    {"i8x16_sub", .bin = qw_i8x16_sub, .a = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     .b = {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
     .want = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {"i8x16_sub", .bin = qw_i8x16_sub, .a = {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
     .b = {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
     .want = {0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
};

static void test_spec_vectors(void)
{
    for (size_t i = 0; i < sizeof spec_vectors / sizeof spec_vectors[0]; i++) {
        const spec_vector *v = &spec_vectors[i];
        qw_v128 a = mk(v->a), b = mk(v->b), c = mk(v->c), got;
        if (v->un)
            got = v->un(a);
        else if (v->bin)
            got = v->bin(a, b);
        else
            got = v->tern(a, b, c);
        if (memcmp(got.bytes, mk(v->want).bytes, 16) != 0) {
            check_failed++;
            fprintf(stderr, "spec vector %zu (%s) failed\n", i, v->name);
        } else {
            check_passed++;
        }
    }
    /* the five left: relaxed results given with `either`, shifts taking an i32 */
    CHECK_V(qw_i16x8_shr_u(I16(-32768, -1, 2, 0, 0, 0, 0, 0x4000), 17),
            I16(0x4000, 0x7fff, 1, 0, 0, 0, 0, 0x2000));
    CHECK_V(qw_i8x16_relaxed_laneselect(I8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
                                        qw_i8x16_splat(0xff),
                                        I8(-1, 0, 0x0f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)),
            I8(1, -1, 0xf3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 16));
    CHECK_V(
        qw_i32x4_relaxed_laneselect(I32(1, 2, 3, 4), I32(5, 6, 7, 8), I32(~0u, 0, 0xffff0000u, 0)),
        I32(1, 6, 7, 8));
    qw_v128 mx = qw_f32x4_relaxed_max(F32(-0.0f, 0.0f, 1, -INFINITY), F32(0.0f, -0.0f, NAN, 0));
    CHECK(qw_i32x4_extract_lane(mx, 0) == 0 && qw_i32x4_extract_lane(mx, 1) == 0);
    CHECK(isnan(qw_f32x4_extract_lane(mx, 2)) && qw_f32x4_extract_lane(mx, 3) == 0);
    CHECK_V(qw_f64x2_relaxed_min(F64(-0.0, 2), F64(0.0, -3)), F64(-0.0, -3));
}

int main(void)
{
    RUN(test_bitwise);
    RUN(test_lanes);
    RUN(test_int_compare);
    RUN(test_float_compare);
    RUN(test_int_arith);
    RUN(test_shifts);
    RUN(test_widen_narrow);
    RUN(test_float_arith);
    RUN(test_conversions);
    RUN(test_relaxed);
    RUN(test_memory_helpers);
    RUN(test_spec_vectors);
    return check_summary();
}
