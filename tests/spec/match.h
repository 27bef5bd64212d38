/* match.h: comparing values returned by the engine with the results an assert_return expects
 * (exact bits, NaN patterns per lane, reference kinds, host reference identity, alternatives).
 * Works on the runner's own value type, so it does not depend on the engine's. */
#ifndef SPEC_MATCH_H
#define SPEC_MATCH_H

#include "wast.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a reference returned by the engine is, as far as the script can tell. */
typedef enum spec_ref_kind {
    SPEC_REF_NULL,
    SPEC_REF_FUNC,
    SPEC_REF_EXTERN_HOST,  /* externref wrapping host value `host` (ref.extern N) */
    SPEC_REF_EXTERN_OTHER, /* externref wrapping an internal value (extern.convert_any of i31...) */
    SPEC_REF_HOST,         /* host value `host` seen as an internal anyref (ref.host N) */
    SPEC_REF_I31,
    SPEC_REF_STRUCT,
    SPEC_REF_ARRAY,
    SPEC_REF_EXN,
} spec_ref_kind;

typedef struct spec_value {
    wast_type type;
    union {
        uint32_t i32; /* also f32 bits */
        uint64_t i64; /* also f64 bits */
        uint8_t v128[16];
        struct {
            spec_ref_kind kind;
            uint32_t host;
        } ref;
    } u;
} spec_value;

/* Whether got matches the expected result. */
bool spec_match(const wast_result *want, const spec_value *got);

/* Whether got matches all expected results (same count, each in order). On a mismatch *bad is
 * the index of the first differing value (or the smaller count when the counts differ). */
bool spec_match_all(const wast_result *want, size_t nwant, const spec_value *got, size_t ngot,
                    size_t *bad);

/* Text of a value / an expected result for failure reports, e.g. "i32:0x0000002a",
 * "f32:nan:canonical", "v128 f32x4:[0x1p+0 nan:arithmetic ...]". Always NUL-terminates. */
void spec_value_str(const spec_value *v, char *out, size_t size);
void spec_result_str(const wast_result *r, char *out, size_t size);

/* The value of an argument constant as the runner passes it (ref.null -> SPEC_REF_NULL, ...). */
spec_value spec_value_from_const(const wast_value *c);

#endif
