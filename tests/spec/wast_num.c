/* wast_num.c: number literals of the script format (text format spec, "Numbers"): integers and
 * floats to exact bit patterns. Hex floats are converted here rather than with strtod so that
 * rounding (to nearest, ties to even), NaN payloads and -0 are exact and locale-free. */
#include "wast_num.h"

#include <stdlib.h>
#include <string.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads digits of the given base with `_` separators (only between digits) into *v, saturating
 * is not allowed: returns false on overflow of 64 bits or on a misplaced separator. */
static bool read_u64(const char *s, size_t len, unsigned base, uint64_t *v)
{
    uint64_t acc = 0;
    bool prev_digit = false;
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_') {
            if (!prev_digit || i + 1 == len)
                return false;
            prev_digit = false;
            continue;
        }
        int d = hex_digit(s[i]);
        if (d < 0 || (unsigned)d >= base)
            return false;
        if (acc > (UINT64_MAX - (unsigned)d) / base)
            return false;
        acc = acc * base + (unsigned)d;
        prev_digit = true;
    }
    *v = acc;
    return true;
}

bool wast_parse_int(const char *s, size_t len, unsigned bits, uint64_t *out)
{
    bool neg = false;
    uint64_t v, mask = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s++;
        len--;
    }
    if (len > 2 && s[0] == '0' && s[1] == 'x') {
        if (!read_u64(s + 2, len - 2, 16, &v))
            return false;
    } else if (!read_u64(s, len, 10, &v)) {
        return false;
    }
    if (neg) {
        /* the most negative value is 2^(bits-1) */
        if (v > (UINT64_C(1) << (bits - 1)))
            return false;
        v = (0 - v) & mask;
    } else if (v > mask) {
        return false;
    }
    *out = v;
    return true;
}

/* Layout of a binary float format. */
typedef struct float_fmt {
    unsigned prec; /* significand bits including the implicit one: 24 or 53 */
    int emin;      /* exponent of the smallest normal */
    unsigned exp_bits;
} float_fmt;

static const float_fmt F32_FMT = {24, -126, 8};
static const float_fmt F64_FMT = {53, -1022, 11};

static uint64_t make_bits(const float_fmt *f, bool neg, uint64_t biased, uint64_t frac)
{
    unsigned total = f->prec + f->exp_bits; /* 32 or 64: frac bits + exp bits + sign */
    return ((uint64_t)neg << (total - 1)) | (biased << (f->prec - 1)) | frac;
}

static uint64_t infinity_bits(const float_fmt *f, bool neg)
{
    return make_bits(f, neg, (UINT64_C(1) << f->exp_bits) - 1, 0);
}

/* Rounds m * 2^e (m != 0, sticky: nonzero bits below m were dropped) to the format. */
static uint64_t round_to_format(const float_fmt *f, bool neg, uint64_t m, int64_t e, bool sticky)
{
    int msb = 63 - __builtin_clzll(m);
    int64_t top = msb + e; /* exponent of the leading bit */
    int64_t emax = (INT64_C(1) << (f->exp_bits - 1)) - 1;
    if (top > emax + 1)
        return infinity_bits(f, neg);
    /* weight of the last kept bit: normal numbers keep prec bits, subnormals stop at emin */
    int64_t lsb = (top > f->emin ? top : f->emin) - (int64_t)(f->prec - 1);
    int64_t shift = lsb - e;
    uint64_t mant;
    if (shift <= 0) {
        mant = m << -shift; /* m has at most prec significant bits here */
    } else {
        bool half, rest;
        if (shift > 64) {
            mant = 0, half = false, rest = true;
        } else if (shift == 64) {
            mant = 0, half = (m >> 63) & 1, rest = (m << 1) != 0;
        } else {
            mant = m >> shift;
            half = (m >> (shift - 1)) & 1;
            rest = shift > 1 && (m & ((UINT64_C(1) << (shift - 1)) - 1)) != 0;
        }
        rest = rest || sticky;
        if (half && (rest || (mant & 1)))
            mant++;
        if (mant >> f->prec) { /* carried into a new leading bit */
            mant >>= 1;
            lsb++;
        }
    }
    uint64_t hidden = UINT64_C(1) << (f->prec - 1);
    if (mant < hidden) /* subnormal or zero */
        return make_bits(f, neg, 0, mant);
    int64_t biased = lsb + (int64_t)(f->prec - 1) + emax;
    if (biased >= (INT64_C(1) << f->exp_bits) - 1)
        return infinity_bits(f, neg);
    return make_bits(f, neg, (uint64_t)biased, mant - hidden);
}

/* Hex float body after "0x": hexdigits [. hexdigits] [p [+-] decdigits], `_` between digits. */
static bool parse_hex_float(const float_fmt *f, bool neg, const char *s, size_t len, uint64_t *out)
{
    uint64_t m = 0;
    int64_t e = 0;
    bool sticky = false, any = false, point = false, prev_digit = false;
    size_t i = 0;
    for (; i < len && s[i] != 'p' && s[i] != 'P'; i++) {
        char c = s[i];
        if (c == '_') {
            if (!prev_digit)
                return false;
            prev_digit = false;
            continue;
        }
        if (c == '.') {
            if (point)
                return false;
            point = true;
            prev_digit = false;
            continue;
        }
        int d = hex_digit(c);
        if (d < 0)
            return false;
        any = prev_digit = true;
        if (m >> 56 == 0) {
            m = m * 16 + (unsigned)d;
            if (point)
                e -= 4;
        } else {
            /* no room: the digit only matters as sticky bits below the kept ones */
            sticky = sticky || d != 0;
            if (!point)
                e += 4;
        }
    }
    if (!any)
        return false;
    if (i < len) {
        bool eneg = false;
        uint64_t p;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if (!read_u64(s + i, len - i, 10, &p))
            return false;
        if (p > 100000) /* far beyond any float's range: saturate */
            p = 100000;
        e += eneg ? -(int64_t)p : (int64_t)p;
    }
    if (m == 0) {
        *out = make_bits(f, neg, 0, 0);
        return true;
    }
    *out = round_to_format(f, neg, m, e, sticky);
    return true;
}

static bool parse_float(const float_fmt *f, const char *s, size_t len, uint64_t *out)
{
    bool neg = false;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s++;
        len--;
    }
    uint64_t frac_mask = (UINT64_C(1) << (f->prec - 1)) - 1;
    if (len == 3 && memcmp(s, "inf", 3) == 0) {
        *out = infinity_bits(f, neg);
        return true;
    }
    if (len == 3 && memcmp(s, "nan", 3) == 0) {
        *out = infinity_bits(f, neg) | (UINT64_C(1) << (f->prec - 2));
        return true;
    }
    if (len > 6 && memcmp(s, "nan:0x", 6) == 0) {
        uint64_t payload;
        if (!read_u64(s + 6, len - 6, 16, &payload) || payload == 0 || payload > frac_mask)
            return false;
        *out = infinity_bits(f, neg) | payload;
        return true;
    }
    if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return parse_hex_float(f, neg, s + 2, len - 2, out);
    /* Decimal floats do not occur in the binary scripts; glibc's strtod/strtof round them
     * correctly, which is all the spec asks. Separators are removed first. */
    char buf[128];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '_')
            continue;
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') ||
            n + 1 >= sizeof buf)
            return false;
        buf[n++] = c;
    }
    if (n == 0 || buf[0] < '0' || buf[0] > '9')
        return false;
    buf[n] = 0;
    char *end;
    if (f->prec == 24) {
        float v = strtof(buf, &end);
        uint32_t b;
        memcpy(&b, &v, 4);
        *out = b | ((uint64_t)neg << 31);
    } else {
        double v = strtod(buf, &end);
        uint64_t b;
        memcpy(&b, &v, 8);
        *out = b | ((uint64_t)neg << 63);
    }
    return *end == 0;
}

bool wast_parse_f32(const char *s, size_t len, uint32_t *bits)
{
    uint64_t v;
    if (!parse_float(&F32_FMT, s, len, &v))
        return false;
    *bits = (uint32_t)v;
    return true;
}

bool wast_parse_f64(const char *s, size_t len, uint64_t *bits)
{
    return parse_float(&F64_FMT, s, len, bits);
}
