/* leb.c: LEB128 decoding with the binary format's length and sign rules (Binary Format,
 * "Integers"): at most ceil(N/7) bytes, and unused bits of the last byte must be a zero- (unsigned)
 * or sign- (signed) extension. */
#include "leb.h"

#include <stdarg.h>
#include <stdio.h>

bool qw_fail_at(qw_reader *r, const uint8_t *at, qw_errkind kind, const char *fmt, ...)
{
    qw_error *err = r->err;
    if (err->kind != QW_ERR_NONE)
        return false;
    err->kind = kind;
    err->offset = (uint32_t)(at - r->base);
    err->func = r->func;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return false;
}

bool qw_leb_fail_end(qw_reader *r)
{
    if (!r->section_eof)
        return qw_fail_at(r, r->p, QW_ERR_MALFORMED, "unexpected end");
    return qw_fail_at(r, r->p, QW_ERR_MALFORMED, "unexpected end of section or function");
}

/* Reads an unsigned LEB128 of at most `bits` bits. */
static bool read_unsigned(qw_reader *r, unsigned bits, uint64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    const uint8_t *start = r->p;
    for (;;) {
        if (r->p >= r->end)
            return qw_leb_fail_end(r);
        uint8_t b = *r->p++;
        if (shift + 7 >= bits) {
            /* last permitted byte: no continuation, unused bits zero */
            if (b & 0x80)
                return qw_fail_at(r, start, QW_ERR_MALFORMED, "integer representation too long");
            if (bits - shift < 7 && (b >> (bits - shift)) != 0)
                return qw_fail_at(r, start, QW_ERR_MALFORMED, "integer too large");
            v |= (uint64_t)b << shift;
            break;
        }
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    *out = v;
    return true;
}

/* Reads a signed LEB128 of at most `bits` bits (bits <= 64). */
static bool read_signed(qw_reader *r, unsigned bits, int64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    const uint8_t *start = r->p;
    uint8_t b;
    for (;;) {
        if (r->p >= r->end)
            return qw_leb_fail_end(r);
        b = *r->p++;
        if (shift + 7 >= bits) {
            if (b & 0x80)
                return qw_fail_at(r, start, QW_ERR_MALFORMED, "integer representation too long");
            /* the unused high bits must all equal the sign bit */
            unsigned used = bits - shift;      /* 1..7 bits of payload in this byte */
            int8_t sb = (int8_t)(b << 1) >> 1; /* 7-bit value sign-extended */
            int8_t ext = (int8_t)((uint8_t)(b << (8 - used))) >> (8 - used);
            if (used < 7 && sb != ext)
                return qw_fail_at(r, start, QW_ERR_MALFORMED, "integer too large");
            v |= (uint64_t)(b & 0x7F) << shift;
            shift += 7;
            break;
        }
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    if (shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
    *out = (int64_t)v;
    return true;
}

bool qw_leb_read_u32_slow(qw_reader *r, uint32_t *out)
{
    uint64_t v;
    if (!read_unsigned(r, 32, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool qw_leb_read_u64(qw_reader *r, uint64_t *out)
{
    return read_unsigned(r, 64, out);
}

bool qw_leb_read_s32_slow(qw_reader *r, int32_t *out)
{
    int64_t v;
    if (!read_signed(r, 32, &v))
        return false;
    *out = (int32_t)v;
    return true;
}

bool qw_leb_read_s33(qw_reader *r, int64_t *out)
{
    return read_signed(r, 33, out);
}

bool qw_leb_read_s64(qw_reader *r, int64_t *out)
{
    return read_signed(r, 64, out);
}
