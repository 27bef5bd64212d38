/* match.c: result patterns of the script format (reference interpreter's "result" grammar):
 * exact values compare bit for bit (so NaN payloads and -0 count), nan:canonical and
 * nan:arithmetic follow the spec's definitions of canonical and arithmetic NaNs, ref kind
 * patterns accept any non-null reference whose type is below the named heap type. */
#include "match.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The bits of one float lane, its exponent mask and quiet bit. */
typedef struct float_bits {
    uint64_t bits, exp, quiet, sign;
} float_bits;

static float_bits f32_bits(uint32_t b)
{
    return (float_bits){b, 0x7f800000u, 0x00400000u, 0x80000000u};
}

static float_bits f64_bits(uint64_t b)
{
    return (float_bits){b, UINT64_C(0x7ff0000000000000), UINT64_C(0x0008000000000000),
                        UINT64_C(0x8000000000000000)};
}

/* Spec, "NaN propagation": a canonical NaN has only the quiet bit set in its payload (either
 * sign); an arithmetic NaN has the quiet bit set and any other payload bits. */
static bool float_match(float_bits got, uint64_t want, wast_nan nan)
{
    switch (nan) {
    case WAST_NAN_CANONICAL:
        return (got.bits & ~got.sign) == (got.exp | got.quiet);
    case WAST_NAN_ARITHMETIC:
        return (got.bits & (got.exp | got.quiet)) == (got.exp | got.quiet);
    default:
        return got.bits == want;
    }
}

static uint32_t load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t load64(const uint8_t *p)
{
    return (uint64_t)load32(p) | (uint64_t)load32(p + 4) << 32;
}

static bool v128_match(const wast_result *r, const uint8_t *got)
{
    if (r->shape == WAST_SHAPE_F32X4) {
        for (unsigned i = 0; i < 4; i++) {
            if (!float_match(f32_bits(load32(got + 4 * i)), load32(r->value.u.v128 + 4 * i),
                             (wast_nan)r->nan[i]))
                return false;
        }
        return true;
    }
    if (r->shape == WAST_SHAPE_F64X2) {
        for (unsigned i = 0; i < 2; i++) {
            if (!float_match(f64_bits(load64(got + 8 * i)), load64(r->value.u.v128 + 8 * i),
                             (wast_nan)r->nan[i]))
                return false;
        }
        return true;
    }
    return memcmp(got, r->value.u.v128, 16) == 0; /* integer lanes: the bytes say it all */
}

/* Whether a non-null reference of kind k has a type below heap type h. */
static bool ref_below(spec_ref_kind k, wast_heap h)
{
    switch (h) {
    case WAST_HEAP_FUNC:
        return k == SPEC_REF_FUNC;
    case WAST_HEAP_EXTERN:
        return k == SPEC_REF_EXTERN_HOST || k == SPEC_REF_EXTERN_OTHER;
    case WAST_HEAP_ANY:
        return k == SPEC_REF_HOST || k == SPEC_REF_I31 || k == SPEC_REF_STRUCT ||
               k == SPEC_REF_ARRAY;
    case WAST_HEAP_EQ:
        return k == SPEC_REF_I31 || k == SPEC_REF_STRUCT || k == SPEC_REF_ARRAY;
    case WAST_HEAP_I31:
        return k == SPEC_REF_I31;
    case WAST_HEAP_STRUCT:
        return k == SPEC_REF_STRUCT;
    case WAST_HEAP_ARRAY:
        return k == SPEC_REF_ARRAY;
    case WAST_HEAP_EXN:
        return k == SPEC_REF_EXN;
    default:
        return false; /* bottom types have no non-null values */
    }
}

static bool value_match(const wast_value *w, wast_nan nan, const spec_value *got)
{
    switch (w->type) {
    case WAST_I32:
        return got->u.i32 == w->u.i32;
    case WAST_I64:
        return got->u.i64 == w->u.i64;
    case WAST_F32:
        return float_match(f32_bits(got->u.i32), w->u.i32, nan);
    case WAST_F64:
        return float_match(f64_bits(got->u.i64), w->u.i64, nan);
    case WAST_V128:
        return memcmp(got->u.v128, w->u.v128, 16) == 0;
    case WAST_REF:
        if (w->u.ref.kind == WAST_REF_NULL)
            return got->u.ref.kind == SPEC_REF_NULL;
        if (w->u.ref.kind == WAST_REF_EXTERN)
            return got->u.ref.kind == SPEC_REF_EXTERN_HOST && got->u.ref.host == w->u.ref.host;
        return got->u.ref.kind == SPEC_REF_HOST && got->u.ref.host == w->u.ref.host;
    }
    return false;
}

bool spec_match(const wast_result *want, const spec_value *got)
{
    switch (want->kind) {
    case WAST_RES_VALUE:
        return got->type == want->value.type &&
               value_match(&want->value, (wast_nan)want->nan[0], got);
    case WAST_RES_V128:
        return got->type == WAST_V128 && v128_match(want, got->u.v128);
    /* (ref.null HT) matches every null: engines may give a null the bottom type of its
     * hierarchy, and the reference interpreter compares nulls without their type too. */
    case WAST_RES_REF_NULL:
        return got->type == WAST_REF && got->u.ref.kind == SPEC_REF_NULL;
    case WAST_RES_REF_KIND:
        return got->type == WAST_REF && got->u.ref.kind != SPEC_REF_NULL &&
               ref_below(got->u.ref.kind, want->value.u.ref.heap);
    case WAST_RES_EITHER:
        for (size_t i = 0; i < want->nalts; i++) {
            if (spec_match(&want->alts[i], got))
                return true;
        }
        return false;
    }
    return false;
}

bool spec_match_all(const wast_result *want, size_t nwant, const spec_value *got, size_t ngot,
                    size_t *bad)
{
    size_t n = nwant < ngot ? nwant : ngot;
    for (size_t i = 0; i < n; i++) {
        if (!spec_match(&want[i], &got[i])) {
            *bad = i;
            return false;
        }
    }
    *bad = n;
    return nwant == ngot;
}

/* ---- Text for reports ---------------------------------------------------------------------- */

typedef struct out {
    char *p;
    size_t size, len;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(out *o, const char *fmt, ...)
{
    if (o->len >= o->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->p + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

static void put_f32(out *o, uint32_t b, wast_nan nan)
{
    if (nan)
        put(o, "%s", nan == WAST_NAN_CANONICAL ? "nan:canonical" : "nan:arithmetic");
    else
        put(o, "0x%08" PRIx32, b);
}

static void put_f64(out *o, uint64_t b, wast_nan nan)
{
    if (nan)
        put(o, "%s", nan == WAST_NAN_CANONICAL ? "nan:canonical" : "nan:arithmetic");
    else
        put(o, "0x%016" PRIx64, b);
}

static void put_v128(out *o, wast_shape shape, const uint8_t *b, const uint8_t *nan)
{
    if (shape == WAST_SHAPE_NONE)
        shape = WAST_SHAPE_I32X4;
    unsigned lanes = wast_shape_lanes(shape), bytes = 16 / lanes;
    put(o, "v128 %s:[", wast_shape_name(shape));
    for (unsigned i = 0; i < lanes; i++) {
        const uint8_t *p = b + i * bytes;
        wast_nan n = nan ? (wast_nan)nan[i] : WAST_NAN_NONE;
        if (i)
            put(o, " ");
        if (shape == WAST_SHAPE_F32X4)
            put_f32(o, load32(p), n);
        else if (shape == WAST_SHAPE_F64X2)
            put_f64(o, load64(p), n);
        else if (bytes == 1)
            put(o, "0x%02x", p[0]);
        else if (bytes == 2)
            put(o, "0x%04x", (unsigned)(p[0] | p[1] << 8));
        else if (bytes == 4)
            put(o, "0x%08" PRIx32, load32(p));
        else
            put(o, "0x%016" PRIx64, load64(p));
    }
    put(o, "]");
}

static const char *const ref_kind_names[] = {
    [SPEC_REF_NULL] = "ref.null",
    [SPEC_REF_FUNC] = "ref.func",
    [SPEC_REF_EXTERN_HOST] = "ref.extern",
    [SPEC_REF_EXTERN_OTHER] = "ref.extern(internal)",
    [SPEC_REF_HOST] = "ref.host",
    [SPEC_REF_I31] = "ref.i31",
    [SPEC_REF_STRUCT] = "ref.struct",
    [SPEC_REF_ARRAY] = "ref.array",
    [SPEC_REF_EXN] = "ref.exn",
};

void spec_value_str(const spec_value *v, char *buf, size_t size)
{
    out o = {buf, size, 0};
    buf[0] = 0;
    switch (v->type) {
    case WAST_I32:
        put(&o, "i32:0x%08" PRIx32, v->u.i32);
        break;
    case WAST_I64:
        put(&o, "i64:0x%016" PRIx64, v->u.i64);
        break;
    case WAST_F32:
        put(&o, "f32:"), put_f32(&o, v->u.i32, WAST_NAN_NONE);
        break;
    case WAST_F64:
        put(&o, "f64:"), put_f64(&o, v->u.i64, WAST_NAN_NONE);
        break;
    case WAST_V128:
        put_v128(&o, WAST_SHAPE_I32X4, v->u.v128, NULL);
        break;
    case WAST_REF:
        put(&o, "(%s", v->u.ref.kind <= SPEC_REF_EXN ? ref_kind_names[v->u.ref.kind] : "ref.?");
        if (v->u.ref.kind == SPEC_REF_EXTERN_HOST || v->u.ref.kind == SPEC_REF_HOST)
            put(&o, " %" PRIu32, v->u.ref.host);
        put(&o, ")");
        break;
    }
}

static void put_result(out *o, const wast_result *r)
{
    const wast_value *v = &r->value;
    switch (r->kind) {
    case WAST_RES_VALUE:
        if (v->type == WAST_F32) {
            put(o, "f32:"), put_f32(o, v->u.i32, (wast_nan)r->nan[0]);
        } else if (v->type == WAST_F64) {
            put(o, "f64:"), put_f64(o, v->u.i64, (wast_nan)r->nan[0]);
        } else if (v->type == WAST_REF) {
            put(o, "(%s %" PRIu32 ")", v->u.ref.kind == WAST_REF_EXTERN ? "ref.extern" : "ref.host",
                v->u.ref.host);
        } else {
            spec_value sv = spec_value_from_const(v);
            spec_value_str(&sv, o->p + o->len, o->size - o->len);
            o->len += strlen(o->p + o->len);
        }
        break;
    case WAST_RES_V128:
        put_v128(o, r->shape, v->u.v128, r->nan);
        break;
    case WAST_RES_REF_NULL:
        put(o, "(ref.null)");
        break;
    case WAST_RES_REF_KIND:
        put(o, "(ref.%s)", wast_heap_name(v->u.ref.heap));
        break;
    case WAST_RES_EITHER:
        put(o, "(either");
        for (size_t i = 0; i < r->nalts; i++) {
            put(o, " ");
            put_result(o, &r->alts[i]);
        }
        put(o, ")");
        break;
    }
}

void spec_result_str(const wast_result *r, char *buf, size_t size)
{
    out o = {buf, size, 0};
    buf[0] = 0;
    put_result(&o, r);
}

spec_value spec_value_from_const(const wast_value *c)
{
    spec_value v;
    memset(&v, 0, sizeof v);
    v.type = c->type;
    switch (c->type) {
    case WAST_I32:
    case WAST_F32:
        v.u.i32 = c->u.i32;
        break;
    case WAST_I64:
    case WAST_F64:
        v.u.i64 = c->u.i64;
        break;
    case WAST_V128:
        memcpy(v.u.v128, c->u.v128, 16);
        break;
    case WAST_REF:
        v.u.ref.host = c->u.ref.host;
        v.u.ref.kind = c->u.ref.kind == WAST_REF_NULL     ? SPEC_REF_NULL
                       : c->u.ref.kind == WAST_REF_EXTERN ? SPEC_REF_EXTERN_HOST
                                                          : SPEC_REF_HOST;
        break;
    }
    return v;
}
