/* simd.c: lane-wise semantics of the fixed-width and relaxed SIMD instructions (spec "Vector
 * instructions"; relaxed SIMD's deterministic profile, see simd.h). Each operation copies the
 * vector into a lane array with memcpy, works per lane, and copies back: portable C that compilers
 * vectorise. Scalar lane semantics (float min/max, rounding, saturating truncation) come from
 * num.h so scalar and vector instructions agree bit for bit. */
#include "simd.h"
#include "num.h"

#include <math.h>
#include <string.h>

/* Lane i lives at bytes [i*w, (i+1)*w) in little-endian order; the memcpy to a host array matches
 * that only on a little-endian host. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "simd.c assumes a little-endian host"
#endif

static qw_v128 pack(const void *lanes)
{
    qw_v128 v;
    memcpy(v.bytes, lanes, 16);
    return v;
}

/* Arithmetic right shift without relying on the implementation-defined >> of negative values:
 * ~v is non-negative when v is negative. */
static int64_t sar(int64_t v, unsigned k)
{
    return v < 0 ? ~(~v >> k) : v >> k;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Lane loops. T is the lane type the expression sees, R the result lane type. */
#define UNOP(name, T, R, N, expr)                                                                  \
    qw_v128 qw_##name(qw_v128 a)                                                                   \
    {                                                                                              \
        T x[N];                                                                                    \
        R r[N];                                                                                    \
        memcpy(x, a.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++) {                                                              \
            T p = x[i];                                                                            \
            r[i] = (R)(expr);                                                                      \
        }                                                                                          \
        return pack(r);                                                                            \
    }

#define BINOP(name, T, R, N, expr)                                                                 \
    qw_v128 qw_##name(qw_v128 a, qw_v128 b)                                                        \
    {                                                                                              \
        T x[N], y[N];                                                                              \
        R r[N];                                                                                    \
        memcpy(x, a.bytes, 16);                                                                    \
        memcpy(y, b.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++) {                                                              \
            T p = x[i], q = y[i];                                                                  \
            r[i] = (R)(expr);                                                                      \
        }                                                                                          \
        return pack(r);                                                                            \
    }

#define CMP(name, T, R, N, op) BINOP(name, T, R, N, p op q ? (R) ~(R)0 : 0)

#define SHIFT(name, T, R, N, expr)                                                                 \
    qw_v128 qw_##name(qw_v128 a, uint32_t count)                                                   \
    {                                                                                              \
        T x[N];                                                                                    \
        R r[N];                                                                                    \
        unsigned k = count & (N == 16 ? 7 : N == 8 ? 15 : N == 4 ? 31 : 63);                       \
        memcpy(x, a.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++) {                                                              \
            T p = x[i];                                                                            \
            r[i] = (R)(expr);                                                                      \
        }                                                                                          \
        return pack(r);                                                                            \
    }

/* Widening operations read lanes of the narrow type T (N of them in the vector) and produce N/2
 * lanes of R from lanes [base, base + N/2). */
#define EXTEND(name, T, R, N, base)                                                                \
    qw_v128 qw_##name(qw_v128 a)                                                                   \
    {                                                                                              \
        T x[N];                                                                                    \
        R r[N / 2];                                                                                \
        memcpy(x, a.bytes, 16);                                                                    \
        for (int i = 0; i < N / 2; i++)                                                            \
            r[i] = (R)x[(base) + i];                                                               \
        return pack(r);                                                                            \
    }

#define EXTMUL(name, T, W, R, N, base)                                                             \
    qw_v128 qw_##name(qw_v128 a, qw_v128 b)                                                        \
    {                                                                                              \
        T x[N], y[N];                                                                              \
        R r[N / 2];                                                                                \
        memcpy(x, a.bytes, 16);                                                                    \
        memcpy(y, b.bytes, 16);                                                                    \
        for (int i = 0; i < N / 2; i++)                                                            \
            r[i] = (R)((W)x[(base) + i] * (W)y[(base) + i]);                                       \
        return pack(r);                                                                            \
    }

#define EXTADD(name, T, R, N)                                                                      \
    qw_v128 qw_##name(qw_v128 a)                                                                   \
    {                                                                                              \
        T x[N];                                                                                    \
        R r[N / 2];                                                                                \
        memcpy(x, a.bytes, 16);                                                                    \
        for (int i = 0; i < N / 2; i++)                                                            \
            r[i] = (R)((R)x[2 * i] + (R)x[2 * i + 1]);                                             \
        return pack(r);                                                                            \
    }

#define NARROW(name, T, R, N, lo, hi)                                                              \
    qw_v128 qw_##name(qw_v128 a, qw_v128 b)                                                        \
    {                                                                                              \
        T x[N], y[N];                                                                              \
        R r[2 * N];                                                                                \
        memcpy(x, a.bytes, 16);                                                                    \
        memcpy(y, b.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++) {                                                              \
            r[i] = (R)clamp(x[i], lo, hi);                                                         \
            r[N + i] = (R)clamp(y[i], lo, hi);                                                     \
        }                                                                                          \
        return pack(r);                                                                            \
    }

/* ---- Bitwise ------------------------------------------------------------------------------- */

UNOP(v128_not, uint64_t, uint64_t, 2, ~p)
BINOP(v128_and, uint64_t, uint64_t, 2, p &q)
BINOP(v128_andnot, uint64_t, uint64_t, 2, p & ~q)
BINOP(v128_or, uint64_t, uint64_t, 2, p | q)
BINOP(v128_xor, uint64_t, uint64_t, 2, p ^ q)

qw_v128 qw_v128_bitselect(qw_v128 a, qw_v128 b, qw_v128 c)
{
    uint64_t x[2], y[2], m[2], r[2];
    memcpy(x, a.bytes, 16);
    memcpy(y, b.bytes, 16);
    memcpy(m, c.bytes, 16);
    for (int i = 0; i < 2; i++)
        r[i] = (x[i] & m[i]) | (y[i] & ~m[i]);
    return pack(r);
}

qw_v128 qw_i8x16_relaxed_laneselect(qw_v128 a, qw_v128 b, qw_v128 c)
{
    return qw_v128_bitselect(a, b, c);
}
qw_v128 qw_i16x8_relaxed_laneselect(qw_v128 a, qw_v128 b, qw_v128 c)
{
    return qw_v128_bitselect(a, b, c);
}
qw_v128 qw_i32x4_relaxed_laneselect(qw_v128 a, qw_v128 b, qw_v128 c)
{
    return qw_v128_bitselect(a, b, c);
}
qw_v128 qw_i64x2_relaxed_laneselect(qw_v128 a, qw_v128 b, qw_v128 c)
{
    return qw_v128_bitselect(a, b, c);
}

uint32_t qw_v128_any_true(qw_v128 a)
{
    uint64_t x[2];
    memcpy(x, a.bytes, 16);
    return (x[0] | x[1]) != 0;
}

#define ALL_TRUE(name, T, N)                                                                       \
    uint32_t qw_##name(qw_v128 a)                                                                  \
    {                                                                                              \
        T x[N];                                                                                    \
        memcpy(x, a.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++)                                                                \
            if (x[i] == 0)                                                                         \
                return 0;                                                                          \
        return 1;                                                                                  \
    }

#define BITMASK(name, T, N)                                                                        \
    uint32_t qw_##name(qw_v128 a)                                                                  \
    {                                                                                              \
        T x[N];                                                                                    \
        uint32_t r = 0;                                                                            \
        memcpy(x, a.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++)                                                                \
            r |= (uint32_t)(x[i] >> (sizeof(T) * 8 - 1)) << i;                                     \
        return r;                                                                                  \
    }

ALL_TRUE(i8x16_all_true, uint8_t, 16)
ALL_TRUE(i16x8_all_true, uint16_t, 8)
ALL_TRUE(i32x4_all_true, uint32_t, 4)
ALL_TRUE(i64x2_all_true, uint64_t, 2)
BITMASK(i8x16_bitmask, uint8_t, 16)
BITMASK(i16x8_bitmask, uint16_t, 8)
BITMASK(i32x4_bitmask, uint32_t, 4)
BITMASK(i64x2_bitmask, uint64_t, 2)

/* ---- Lanes, splat, shuffle, swizzle --------------------------------------------------------- */

qw_v128 qw_i8x16_splat(uint32_t x)
{
    qw_v128 v;
    memset(v.bytes, (int)(x & 0xFF), 16);
    return v;
}

#define SPLAT(name, T, N, arg)                                                                     \
    qw_v128 qw_##name(arg x)                                                                       \
    {                                                                                              \
        T r[N];                                                                                    \
        for (int i = 0; i < N; i++)                                                                \
            r[i] = (T)x;                                                                           \
        return pack(r);                                                                            \
    }

SPLAT(i16x8_splat, uint16_t, 8, uint32_t)
SPLAT(i32x4_splat, uint32_t, 4, uint32_t)
SPLAT(i64x2_splat, uint64_t, 2, uint64_t)
SPLAT(f32x4_splat, float, 4, float)
SPLAT(f64x2_splat, double, 2, double)

#define EXTRACT(name, T, I, R, N)                                                                  \
    R qw_##name(qw_v128 v, uint32_t lane)                                                          \
    {                                                                                              \
        T x;                                                                                       \
        memcpy(&x, v.bytes + (lane & (N - 1)) * sizeof x, sizeof x);                               \
        return (R)(I)x;                                                                            \
    }

#define REPLACE(name, T, A, N)                                                                     \
    qw_v128 qw_##name(qw_v128 v, uint32_t lane, A a)                                               \
    {                                                                                              \
        T x = (T)a;                                                                                \
        memcpy(v.bytes + (lane & (N - 1)) * sizeof x, &x, sizeof x);                               \
        return v;                                                                                  \
    }

/* Signed extraction sign-extends to 32 bits before reinterpreting as the unsigned i32 pattern. */
EXTRACT(i8x16_extract_lane_s, int8_t, int32_t, uint32_t, 16)
EXTRACT(i8x16_extract_lane_u, uint8_t, uint32_t, uint32_t, 16)
EXTRACT(i16x8_extract_lane_s, int16_t, int32_t, uint32_t, 8)
EXTRACT(i16x8_extract_lane_u, uint16_t, uint32_t, uint32_t, 8)
EXTRACT(i32x4_extract_lane, uint32_t, uint32_t, uint32_t, 4)
EXTRACT(i64x2_extract_lane, uint64_t, uint64_t, uint64_t, 2)
EXTRACT(f32x4_extract_lane, float, float, float, 4)
EXTRACT(f64x2_extract_lane, double, double, double, 2)
REPLACE(i8x16_replace_lane, uint8_t, uint32_t, 16)
REPLACE(i16x8_replace_lane, uint16_t, uint32_t, 8)
REPLACE(i32x4_replace_lane, uint32_t, uint32_t, 4)
REPLACE(i64x2_replace_lane, uint64_t, uint64_t, 2)
REPLACE(f32x4_replace_lane, float, float, 4)
REPLACE(f64x2_replace_lane, double, double, 2)

qw_v128 qw_i8x16_shuffle(qw_v128 a, qw_v128 b, const uint8_t lanes[16])
{
    uint8_t both[32];
    qw_v128 r;
    memcpy(both, a.bytes, 16);
    memcpy(both + 16, b.bytes, 16);
    for (int i = 0; i < 16; i++)
        r.bytes[i] = both[lanes[i] & 31];
    return r;
}

qw_v128 qw_i8x16_swizzle(qw_v128 a, qw_v128 b)
{
    qw_v128 r;
    for (int i = 0; i < 16; i++)
        r.bytes[i] = b.bytes[i] < 16 ? a.bytes[b.bytes[i]] : 0;
    return r;
}

qw_v128 qw_i8x16_relaxed_swizzle(qw_v128 a, qw_v128 b)
{
    return qw_i8x16_swizzle(a, b);
}

/* ---- Integer comparisons -------------------------------------------------------------------- */

CMP(i8x16_eq, uint8_t, uint8_t, 16, ==)
CMP(i8x16_ne, uint8_t, uint8_t, 16, !=)
CMP(i8x16_lt_s, int8_t, uint8_t, 16, <)
CMP(i8x16_lt_u, uint8_t, uint8_t, 16, <)
CMP(i8x16_gt_s, int8_t, uint8_t, 16, >)
CMP(i8x16_gt_u, uint8_t, uint8_t, 16, >)
CMP(i8x16_le_s, int8_t, uint8_t, 16, <=)
CMP(i8x16_le_u, uint8_t, uint8_t, 16, <=)
CMP(i8x16_ge_s, int8_t, uint8_t, 16, >=)
CMP(i8x16_ge_u, uint8_t, uint8_t, 16, >=)
CMP(i16x8_eq, uint16_t, uint16_t, 8, ==)
CMP(i16x8_ne, uint16_t, uint16_t, 8, !=)
CMP(i16x8_lt_s, int16_t, uint16_t, 8, <)
CMP(i16x8_lt_u, uint16_t, uint16_t, 8, <)
CMP(i16x8_gt_s, int16_t, uint16_t, 8, >)
CMP(i16x8_gt_u, uint16_t, uint16_t, 8, >)
CMP(i16x8_le_s, int16_t, uint16_t, 8, <=)
CMP(i16x8_le_u, uint16_t, uint16_t, 8, <=)
CMP(i16x8_ge_s, int16_t, uint16_t, 8, >=)
CMP(i16x8_ge_u, uint16_t, uint16_t, 8, >=)
CMP(i32x4_eq, uint32_t, uint32_t, 4, ==)
CMP(i32x4_ne, uint32_t, uint32_t, 4, !=)
CMP(i32x4_lt_s, int32_t, uint32_t, 4, <)
CMP(i32x4_lt_u, uint32_t, uint32_t, 4, <)
CMP(i32x4_gt_s, int32_t, uint32_t, 4, >)
CMP(i32x4_gt_u, uint32_t, uint32_t, 4, >)
CMP(i32x4_le_s, int32_t, uint32_t, 4, <=)
CMP(i32x4_le_u, uint32_t, uint32_t, 4, <=)
CMP(i32x4_ge_s, int32_t, uint32_t, 4, >=)
CMP(i32x4_ge_u, uint32_t, uint32_t, 4, >=)
CMP(i64x2_eq, uint64_t, uint64_t, 2, ==)
CMP(i64x2_ne, uint64_t, uint64_t, 2, !=)
CMP(i64x2_lt_s, int64_t, uint64_t, 2, <)
CMP(i64x2_gt_s, int64_t, uint64_t, 2, >)
CMP(i64x2_le_s, int64_t, uint64_t, 2, <=)
CMP(i64x2_ge_s, int64_t, uint64_t, 2, >=)

/* ---- Float comparisons (IEEE: a NaN lane compares false except for ne) ----------------------- */

CMP(f32x4_eq, float, uint32_t, 4, ==)
CMP(f32x4_ne, float, uint32_t, 4, !=)
CMP(f32x4_lt, float, uint32_t, 4, <)
CMP(f32x4_gt, float, uint32_t, 4, >)
CMP(f32x4_le, float, uint32_t, 4, <=)
CMP(f32x4_ge, float, uint32_t, 4, >=)
CMP(f64x2_eq, double, uint64_t, 2, ==)
CMP(f64x2_ne, double, uint64_t, 2, !=)
CMP(f64x2_lt, double, uint64_t, 2, <)
CMP(f64x2_gt, double, uint64_t, 2, >)
CMP(f64x2_le, double, uint64_t, 2, <=)
CMP(f64x2_ge, double, uint64_t, 2, >=)

/* ---- Integer arithmetic --------------------------------------------------------------------- */

/* Unsigned lane types make wrap-around defined; 16-bit products are widened to uint32_t first
 * because uint16_t * uint16_t promotes to int and could overflow it. Abs of the most negative lane
 * is itself (0 - p wraps). */
UNOP(i8x16_abs, int8_t, uint8_t, 16, p < 0 ? 0u - (unsigned)p : (unsigned)p)
UNOP(i8x16_neg, uint8_t, uint8_t, 16, 0u - p)
UNOP(i8x16_popcnt, uint8_t, uint8_t, 16, __builtin_popcount(p))
UNOP(i16x8_abs, int16_t, uint16_t, 8, p < 0 ? 0u - (unsigned)p : (unsigned)p)
UNOP(i16x8_neg, uint16_t, uint16_t, 8, 0u - p)
UNOP(i32x4_abs, int32_t, uint32_t, 4, p < 0 ? 0u - (uint32_t)p : (uint32_t)p)
UNOP(i32x4_neg, uint32_t, uint32_t, 4, 0u - p)
UNOP(i64x2_abs, int64_t, uint64_t, 2, p < 0 ? (uint64_t)0 - (uint64_t)p : (uint64_t)p)
UNOP(i64x2_neg, uint64_t, uint64_t, 2, (uint64_t)0 - p)

BINOP(i8x16_add, uint8_t, uint8_t, 16, p + q)
BINOP(i8x16_sub, uint8_t, uint8_t, 16, p - q)
BINOP(i8x16_add_sat_s, int8_t, int8_t, 16, clamp((int64_t)p + q, INT8_MIN, INT8_MAX))
BINOP(i8x16_add_sat_u, uint8_t, uint8_t, 16, clamp((int64_t)p + q, 0, UINT8_MAX))
BINOP(i8x16_sub_sat_s, int8_t, int8_t, 16, clamp((int64_t)p - q, INT8_MIN, INT8_MAX))
BINOP(i8x16_sub_sat_u, uint8_t, uint8_t, 16, clamp((int64_t)p - q, 0, UINT8_MAX))
BINOP(i8x16_min_s, int8_t, int8_t, 16, p < q ? p : q)
BINOP(i8x16_min_u, uint8_t, uint8_t, 16, p < q ? p : q)
BINOP(i8x16_max_s, int8_t, int8_t, 16, p > q ? p : q)
BINOP(i8x16_max_u, uint8_t, uint8_t, 16, p > q ? p : q)
BINOP(i8x16_avgr_u, uint8_t, uint8_t, 16, ((unsigned)p + q + 1) >> 1)

BINOP(i16x8_add, uint16_t, uint16_t, 8, p + q)
BINOP(i16x8_sub, uint16_t, uint16_t, 8, p - q)
BINOP(i16x8_mul, uint16_t, uint16_t, 8, (uint32_t)p *q)
BINOP(i16x8_add_sat_s, int16_t, int16_t, 8, clamp((int64_t)p + q, INT16_MIN, INT16_MAX))
BINOP(i16x8_add_sat_u, uint16_t, uint16_t, 8, clamp((int64_t)p + q, 0, UINT16_MAX))
BINOP(i16x8_sub_sat_s, int16_t, int16_t, 8, clamp((int64_t)p - q, INT16_MIN, INT16_MAX))
BINOP(i16x8_sub_sat_u, uint16_t, uint16_t, 8, clamp((int64_t)p - q, 0, UINT16_MAX))
BINOP(i16x8_min_s, int16_t, int16_t, 8, p < q ? p : q)
BINOP(i16x8_min_u, uint16_t, uint16_t, 8, p < q ? p : q)
BINOP(i16x8_max_s, int16_t, int16_t, 8, p > q ? p : q)
BINOP(i16x8_max_u, uint16_t, uint16_t, 8, p > q ? p : q)
BINOP(i16x8_avgr_u, uint16_t, uint16_t, 8, ((unsigned)p + q + 1) >> 1)
/* Q15 rounding multiply: (p * q + 2^14) >> 15; only -1.0 * -1.0 leaves the range and saturates. */
BINOP(i16x8_q15mulr_sat_s, int16_t, int16_t, 8,
      clamp(sar((int64_t)p *q + 0x4000, 15), INT16_MIN, INT16_MAX))

qw_v128 qw_i16x8_relaxed_q15mulr_s(qw_v128 a, qw_v128 b)
{
    return qw_i16x8_q15mulr_sat_s(a, b);
}

BINOP(i32x4_add, uint32_t, uint32_t, 4, p + q)
BINOP(i32x4_sub, uint32_t, uint32_t, 4, p - q)
BINOP(i32x4_mul, uint32_t, uint32_t, 4, p *q)
BINOP(i32x4_min_s, int32_t, int32_t, 4, p < q ? p : q)
BINOP(i32x4_min_u, uint32_t, uint32_t, 4, p < q ? p : q)
BINOP(i32x4_max_s, int32_t, int32_t, 4, p > q ? p : q)
BINOP(i32x4_max_u, uint32_t, uint32_t, 4, p > q ? p : q)
BINOP(i64x2_add, uint64_t, uint64_t, 2, p + q)
BINOP(i64x2_sub, uint64_t, uint64_t, 2, p - q)
BINOP(i64x2_mul, uint64_t, uint64_t, 2, p *q)

SHIFT(i8x16_shl, uint8_t, uint8_t, 16, (unsigned)p << k)
SHIFT(i8x16_shr_s, int8_t, int8_t, 16, sar(p, k))
SHIFT(i8x16_shr_u, uint8_t, uint8_t, 16, p >> k)
SHIFT(i16x8_shl, uint16_t, uint16_t, 8, (unsigned)p << k)
SHIFT(i16x8_shr_s, int16_t, int16_t, 8, sar(p, k))
SHIFT(i16x8_shr_u, uint16_t, uint16_t, 8, p >> k)
SHIFT(i32x4_shl, uint32_t, uint32_t, 4, p << k)
SHIFT(i32x4_shr_s, int32_t, int32_t, 4, sar(p, k))
SHIFT(i32x4_shr_u, uint32_t, uint32_t, 4, p >> k)
SHIFT(i64x2_shl, uint64_t, uint64_t, 2, p << k)
SHIFT(i64x2_shr_s, int64_t, int64_t, 2, sar(p, k))
SHIFT(i64x2_shr_u, uint64_t, uint64_t, 2, p >> k)

/* ---- Widening and narrowing ----------------------------------------------------------------- */

NARROW(i8x16_narrow_i16x8_s, int16_t, int8_t, 8, INT8_MIN, INT8_MAX)
NARROW(i8x16_narrow_i16x8_u, int16_t, uint8_t, 8, 0, UINT8_MAX)
NARROW(i16x8_narrow_i32x4_s, int32_t, int16_t, 4, INT16_MIN, INT16_MAX)
NARROW(i16x8_narrow_i32x4_u, int32_t, uint16_t, 4, 0, UINT16_MAX)

EXTEND(i16x8_extend_low_i8x16_s, int8_t, int16_t, 16, 0)
EXTEND(i16x8_extend_high_i8x16_s, int8_t, int16_t, 16, 8)
EXTEND(i16x8_extend_low_i8x16_u, uint8_t, uint16_t, 16, 0)
EXTEND(i16x8_extend_high_i8x16_u, uint8_t, uint16_t, 16, 8)
EXTEND(i32x4_extend_low_i16x8_s, int16_t, int32_t, 8, 0)
EXTEND(i32x4_extend_high_i16x8_s, int16_t, int32_t, 8, 4)
EXTEND(i32x4_extend_low_i16x8_u, uint16_t, uint32_t, 8, 0)
EXTEND(i32x4_extend_high_i16x8_u, uint16_t, uint32_t, 8, 4)
EXTEND(i64x2_extend_low_i32x4_s, int32_t, int64_t, 4, 0)
EXTEND(i64x2_extend_high_i32x4_s, int32_t, int64_t, 4, 2)
EXTEND(i64x2_extend_low_i32x4_u, uint32_t, uint64_t, 4, 0)
EXTEND(i64x2_extend_high_i32x4_u, uint32_t, uint64_t, 4, 2)

/* Products are formed in a type wide enough to hold them exactly (W), then stored as the wider
 * lane's bit pattern. */
EXTMUL(i16x8_extmul_low_i8x16_s, int8_t, int32_t, uint16_t, 16, 0)
EXTMUL(i16x8_extmul_high_i8x16_s, int8_t, int32_t, uint16_t, 16, 8)
EXTMUL(i16x8_extmul_low_i8x16_u, uint8_t, uint32_t, uint16_t, 16, 0)
EXTMUL(i16x8_extmul_high_i8x16_u, uint8_t, uint32_t, uint16_t, 16, 8)
EXTMUL(i32x4_extmul_low_i16x8_s, int16_t, int64_t, uint32_t, 8, 0)
EXTMUL(i32x4_extmul_high_i16x8_s, int16_t, int64_t, uint32_t, 8, 4)
EXTMUL(i32x4_extmul_low_i16x8_u, uint16_t, uint64_t, uint32_t, 8, 0)
EXTMUL(i32x4_extmul_high_i16x8_u, uint16_t, uint64_t, uint32_t, 8, 4)
EXTMUL(i64x2_extmul_low_i32x4_s, int32_t, int64_t, uint64_t, 4, 0)
EXTMUL(i64x2_extmul_high_i32x4_s, int32_t, int64_t, uint64_t, 4, 2)
EXTMUL(i64x2_extmul_low_i32x4_u, uint32_t, uint64_t, uint64_t, 4, 0)
EXTMUL(i64x2_extmul_high_i32x4_u, uint32_t, uint64_t, uint64_t, 4, 2)

EXTADD(i16x8_extadd_pairwise_i8x16_s, int8_t, int16_t, 16)
EXTADD(i16x8_extadd_pairwise_i8x16_u, uint8_t, uint16_t, 16)
EXTADD(i32x4_extadd_pairwise_i16x8_s, int16_t, int32_t, 8)
EXTADD(i32x4_extadd_pairwise_i16x8_u, uint16_t, uint32_t, 8)

/* Two products of -32768 * -32768 sum to 2^31, which wraps to INT32_MIN (spec: the addition is
 * modular), so sum in 64 bits and truncate. */
qw_v128 qw_i32x4_dot_i16x8_s(qw_v128 a, qw_v128 b)
{
    int16_t x[8], y[8];
    uint32_t r[4];
    memcpy(x, a.bytes, 16);
    memcpy(y, b.bytes, 16);
    for (int i = 0; i < 4; i++)
        r[i] = (uint32_t)((int64_t)x[2 * i] * y[2 * i] + (int64_t)x[2 * i + 1] * y[2 * i + 1]);
    return pack(r);
}

/* Deterministic choice: both operands signed, pair sums wrap to 16 bits. */
qw_v128 qw_i16x8_relaxed_dot_i8x16_i7x16_s(qw_v128 a, qw_v128 b)
{
    int8_t x[16], y[16];
    uint16_t r[8];
    memcpy(x, a.bytes, 16);
    memcpy(y, b.bytes, 16);
    for (int i = 0; i < 8; i++)
        r[i] = (uint16_t)(x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1]);
    return pack(r);
}

qw_v128 qw_i32x4_relaxed_dot_i8x16_i7x16_add_s(qw_v128 a, qw_v128 b, qw_v128 c)
{
    qw_v128 pairs = qw_i16x8_relaxed_dot_i8x16_i7x16_s(a, b);
    return qw_i32x4_add(qw_i32x4_extadd_pairwise_i16x8_s(pairs), c);
}

/* ---- Float arithmetic ----------------------------------------------------------------------- */

UNOP(f32x4_abs, float, float, 4, qw_f32_abs(p))
UNOP(f32x4_neg, float, float, 4, qw_f32_neg(p))
UNOP(f32x4_sqrt, float, float, 4, qw_f32_sqrt(p))
UNOP(f32x4_ceil, float, float, 4, qw_f32_ceil(p))
UNOP(f32x4_floor, float, float, 4, qw_f32_floor(p))
UNOP(f32x4_trunc, float, float, 4, qw_f32_trunc(p))
UNOP(f32x4_nearest, float, float, 4, qw_f32_nearest(p))
UNOP(f64x2_abs, double, double, 2, qw_f64_abs(p))
UNOP(f64x2_neg, double, double, 2, qw_f64_neg(p))
UNOP(f64x2_sqrt, double, double, 2, qw_f64_sqrt(p))
UNOP(f64x2_ceil, double, double, 2, qw_f64_ceil(p))
UNOP(f64x2_floor, double, double, 2, qw_f64_floor(p))
UNOP(f64x2_trunc, double, double, 2, qw_f64_trunc(p))
UNOP(f64x2_nearest, double, double, 2, qw_f64_nearest(p))

BINOP(f32x4_add, float, float, 4, p + q)
BINOP(f32x4_sub, float, float, 4, p - q)
BINOP(f32x4_mul, float, float, 4, p *q)
BINOP(f32x4_div, float, float, 4, p / q)
BINOP(f32x4_min, float, float, 4, qw_f32_min(p, q))
BINOP(f32x4_max, float, float, 4, qw_f32_max(p, q))
BINOP(f32x4_relaxed_min, float, float, 4, qw_f32_min(p, q))
BINOP(f32x4_relaxed_max, float, float, 4, qw_f32_max(p, q))
/* pmin/pmax are defined by a single < so they return an operand unchanged (NaN included). */
BINOP(f32x4_pmin, float, float, 4, q < p ? q : p)
BINOP(f32x4_pmax, float, float, 4, p < q ? q : p)
BINOP(f64x2_add, double, double, 2, p + q)
BINOP(f64x2_sub, double, double, 2, p - q)
BINOP(f64x2_mul, double, double, 2, p *q)
BINOP(f64x2_div, double, double, 2, p / q)
BINOP(f64x2_min, double, double, 2, qw_f64_min(p, q))
BINOP(f64x2_max, double, double, 2, qw_f64_max(p, q))
BINOP(f64x2_relaxed_min, double, double, 2, qw_f64_min(p, q))
BINOP(f64x2_relaxed_max, double, double, 2, qw_f64_max(p, q))
BINOP(f64x2_pmin, double, double, 2, q < p ? q : p)
BINOP(f64x2_pmax, double, double, 2, p < q ? q : p)

#define MADD(name, T, N, fma_fn, sign)                                                             \
    qw_v128 qw_##name(qw_v128 a, qw_v128 b, qw_v128 c)                                             \
    {                                                                                              \
        T x[N], y[N], z[N], r[N];                                                                  \
        memcpy(x, a.bytes, 16);                                                                    \
        memcpy(y, b.bytes, 16);                                                                    \
        memcpy(z, c.bytes, 16);                                                                    \
        for (int i = 0; i < N; i++)                                                                \
            r[i] = fma_fn(sign x[i], y[i], z[i]);                                                  \
        return pack(r);                                                                            \
    }

/* Fused: one rounding, as the deterministic profile specifies. nmadd negates a product operand,
 * which is exact, so -(a*b) + c is still one rounding. */
MADD(f32x4_relaxed_madd, float, 4, fmaf, +)
MADD(f32x4_relaxed_nmadd, float, 4, fmaf, -)
MADD(f64x2_relaxed_madd, double, 2, fma, +)
MADD(f64x2_relaxed_nmadd, double, 2, fma, -)

/* ---- Conversions ---------------------------------------------------------------------------- */

UNOP(i32x4_trunc_sat_f32x4_s, float, uint32_t, 4, qw_i32_trunc_sat_f32_s(p))
UNOP(i32x4_trunc_sat_f32x4_u, float, uint32_t, 4, qw_i32_trunc_sat_f32_u(p))
UNOP(i32x4_relaxed_trunc_f32x4_s, float, uint32_t, 4, qw_i32_trunc_sat_f32_s(p))
UNOP(i32x4_relaxed_trunc_f32x4_u, float, uint32_t, 4, qw_i32_trunc_sat_f32_u(p))
UNOP(f32x4_convert_i32x4_s, uint32_t, float, 4, qw_f32_convert_i32_s(p))
UNOP(f32x4_convert_i32x4_u, uint32_t, float, 4, qw_f32_convert_i32_u(p))

/* f64x2 -> i32x4 with the upper two lanes zero. */
#define TRUNC_ZERO(name, fn)                                                                       \
    qw_v128 qw_##name(qw_v128 a)                                                                   \
    {                                                                                              \
        double x[2];                                                                               \
        uint32_t r[4] = {0, 0, 0, 0};                                                              \
        memcpy(x, a.bytes, 16);                                                                    \
        r[0] = fn(x[0]);                                                                           \
        r[1] = fn(x[1]);                                                                           \
        return pack(r);                                                                            \
    }

TRUNC_ZERO(i32x4_trunc_sat_f64x2_s_zero, qw_i32_trunc_sat_f64_s)
TRUNC_ZERO(i32x4_trunc_sat_f64x2_u_zero, qw_i32_trunc_sat_f64_u)
TRUNC_ZERO(i32x4_relaxed_trunc_f64x2_s_zero, qw_i32_trunc_sat_f64_s)
TRUNC_ZERO(i32x4_relaxed_trunc_f64x2_u_zero, qw_i32_trunc_sat_f64_u)

qw_v128 qw_f64x2_convert_low_i32x4_s(qw_v128 a)
{
    uint32_t x[4];
    double r[2];
    memcpy(x, a.bytes, 16);
    r[0] = qw_f64_convert_i32_s(x[0]);
    r[1] = qw_f64_convert_i32_s(x[1]);
    return pack(r);
}

qw_v128 qw_f64x2_convert_low_i32x4_u(qw_v128 a)
{
    uint32_t x[4];
    double r[2];
    memcpy(x, a.bytes, 16);
    r[0] = qw_f64_convert_i32_u(x[0]);
    r[1] = qw_f64_convert_i32_u(x[1]);
    return pack(r);
}

qw_v128 qw_f32x4_demote_f64x2_zero(qw_v128 a)
{
    double x[2];
    float r[4] = {0, 0, 0, 0};
    memcpy(x, a.bytes, 16);
    r[0] = qw_f32_demote_f64(x[0]);
    r[1] = qw_f32_demote_f64(x[1]);
    return pack(r);
}

qw_v128 qw_f64x2_promote_low_f32x4(qw_v128 a)
{
    float x[4];
    double r[2];
    memcpy(x, a.bytes, 16);
    r[0] = qw_f64_promote_f32(x[0]);
    r[1] = qw_f64_promote_f32(x[1]);
    return pack(r);
}

/* ---- Memory --------------------------------------------------------------------------------- */

qw_v128 qw_v128_load(const uint8_t *p)
{
    return pack(p);
}

void qw_v128_store(uint8_t *p, qw_v128 v)
{
    memcpy(p, v.bytes, 16);
}

#define LOAD_EXTEND(name, T, R, N)                                                                 \
    qw_v128 qw_##name(const uint8_t *p)                                                            \
    {                                                                                              \
        T x[N];                                                                                    \
        R r[N];                                                                                    \
        memcpy(x, p, sizeof x);                                                                    \
        for (int i = 0; i < N; i++)                                                                \
            r[i] = (R)x[i];                                                                        \
        return pack(r);                                                                            \
    }

LOAD_EXTEND(v128_load8x8_s, int8_t, int16_t, 8)
LOAD_EXTEND(v128_load8x8_u, uint8_t, uint16_t, 8)
LOAD_EXTEND(v128_load16x4_s, int16_t, int32_t, 4)
LOAD_EXTEND(v128_load16x4_u, uint16_t, uint32_t, 4)
LOAD_EXTEND(v128_load32x2_s, int32_t, int64_t, 2)
LOAD_EXTEND(v128_load32x2_u, uint32_t, uint64_t, 2)

#define LOAD_SPLAT(name, T, N)                                                                     \
    qw_v128 qw_##name(const uint8_t *p)                                                            \
    {                                                                                              \
        T x, r[N];                                                                                 \
        memcpy(&x, p, sizeof x);                                                                   \
        for (int i = 0; i < N; i++)                                                                \
            r[i] = x;                                                                              \
        return pack(r);                                                                            \
    }

LOAD_SPLAT(v128_load8_splat, uint8_t, 16)
LOAD_SPLAT(v128_load16_splat, uint16_t, 8)
LOAD_SPLAT(v128_load32_splat, uint32_t, 4)
LOAD_SPLAT(v128_load64_splat, uint64_t, 2)

qw_v128 qw_v128_load32_zero(const uint8_t *p)
{
    qw_v128 v;
    memset(v.bytes, 0, 16);
    memcpy(v.bytes, p, 4);
    return v;
}

qw_v128 qw_v128_load64_zero(const uint8_t *p)
{
    qw_v128 v;
    memset(v.bytes, 0, 16);
    memcpy(v.bytes, p, 8);
    return v;
}

#define LOAD_LANE(name, W, N)                                                                      \
    qw_v128 qw_##name(const uint8_t *p, qw_v128 v, uint32_t lane)                                  \
    {                                                                                              \
        memcpy(v.bytes + (lane & (N - 1)) * (W), p, (W));                                          \
        return v;                                                                                  \
    }

#define STORE_LANE(name, W, N)                                                                     \
    void qw_##name(uint8_t *p, qw_v128 v, uint32_t lane)                                           \
    {                                                                                              \
        memcpy(p, v.bytes + (lane & (N - 1)) * (W), (W));                                          \
    }

LOAD_LANE(v128_load8_lane, 1, 16)
LOAD_LANE(v128_load16_lane, 2, 8)
LOAD_LANE(v128_load32_lane, 4, 4)
LOAD_LANE(v128_load64_lane, 8, 2)
STORE_LANE(v128_store8_lane, 1, 16)
STORE_LANE(v128_store16_lane, 2, 8)
STORE_LANE(v128_store32_lane, 4, 4)
STORE_LANE(v128_store64_lane, 8, 2)
