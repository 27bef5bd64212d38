/* test_match.c: result matching of assert_return: exact bits, NaN patterns per lane, reference
 * kinds and identities, either, result counts, and the text of failure reports. */
#include "../unit/check.h"
#include "match.h"
#include "wast.h"

#include <stdint.h>
#include <string.h>

/* Parses "(assert_return (invoke \"f\") RESULT)" and keeps the script alive in *s. */
static const wast_result *expect_of(const char *result, wast_script *s)
{
    char text[512];
    wast_error err;
    snprintf(text, sizeof text, "(assert_return (invoke \"f\") %s)", result);
    if (!wast_parse(text, strlen(text), s, &err)) {
        fprintf(stderr, "cannot parse %s: %s\n", result, err.msg);
        return NULL;
    }
    if (s->ncmds != 1 || s->cmds[0].nresults != 1) {
        wast_script_free(s);
        return NULL;
    }
    return &s->cmds[0].results[0];
}

static bool matches(const char *result, spec_value got)
{
    wast_script s;
    const wast_result *r = expect_of(result, &s);
    CHECK(r != NULL);
    if (!r)
        return false;
    bool m = spec_match(r, &got);
    wast_script_free(&s);
    return m;
}

static spec_value i32(uint32_t v)
{
    return (spec_value){.type = WAST_I32, .u.i32 = v};
}

static spec_value i64(uint64_t v)
{
    return (spec_value){.type = WAST_I64, .u.i64 = v};
}

static spec_value f32(uint32_t bits)
{
    return (spec_value){.type = WAST_F32, .u.i32 = bits};
}

static spec_value f64(uint64_t bits)
{
    return (spec_value){.type = WAST_F64, .u.i64 = bits};
}

static spec_value ref(spec_ref_kind kind, uint32_t host)
{
    return (spec_value){.type = WAST_REF, .u.ref = {kind, host}};
}

static spec_value v128_f32x4(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    spec_value v = {.type = WAST_V128};
    uint32_t lanes[4] = {a, b, c, d};
    for (int i = 0; i < 16; i++)
        v.u.v128[i] = (uint8_t)(lanes[i / 4] >> (8 * (i % 4)));
    return v;
}

static void test_integers(void)
{
    CHECK(matches("(i32.const 0x2a)", i32(42)));
    CHECK(!matches("(i32.const 0x2a)", i32(43)));
    CHECK(!matches("(i32.const 0x2a)", i64(42))); /* the type counts */
    CHECK(matches("(i64.const 0xffff_ffff_ffff_ffff)", i64(UINT64_MAX)));
    CHECK(!matches("(i64.const 0xffff_ffff_ffff_ffff)", i64(0xffffffff)));
}

static void test_floats_exact(void)
{
    CHECK(matches("(f32.const 0x1p+0)", f32(0x3f800000)));
    CHECK(!matches("(f32.const 0x0p+0)", f32(0x80000000))); /* -0 is not +0 */
    CHECK(matches("(f32.const -0x0p+0)", f32(0x80000000)));
    CHECK(matches("(f32.const nan:0x200000)", f32(0x7fa00000)));
    CHECK(!matches("(f32.const nan:0x200000)", f32(0x7fc00000))); /* payloads are exact */
    CHECK(!matches("(f32.const nan:0x200000)", f32(0xffa00000)));
    CHECK(matches("(f64.const -inf)", f64(UINT64_C(0xfff0000000000000))));
    CHECK(!matches("(f64.const 0x1p+0)", f32(0x3f800000)));
}

static void test_nan_patterns(void)
{
    CHECK(matches("(f32.const nan:canonical)", f32(0x7fc00000)));
    CHECK(matches("(f32.const nan:canonical)", f32(0xffc00000))); /* either sign */
    CHECK(!matches("(f32.const nan:canonical)", f32(0x7fc00001)));
    CHECK(!matches("(f32.const nan:canonical)", f32(0x7fa00000)));
    CHECK(!matches("(f32.const nan:canonical)", f32(0x7f800000))); /* infinity */
    CHECK(matches("(f32.const nan:arithmetic)", f32(0x7fc00000)));
    CHECK(matches("(f32.const nan:arithmetic)", f32(0xffc12345)));
    CHECK(!matches("(f32.const nan:arithmetic)", f32(0x7fa00000))); /* signalling */
    CHECK(!matches("(f32.const nan:arithmetic)", f32(0x3fc00000)));
    CHECK(matches("(f64.const nan:canonical)", f64(UINT64_C(0xfff8000000000000))));
    CHECK(!matches("(f64.const nan:canonical)", f64(UINT64_C(0x7ff8000000000001))));
    CHECK(matches("(f64.const nan:arithmetic)", f64(UINT64_C(0x7ff8000000000001))));
    CHECK(!matches("(f64.const nan:arithmetic)", f64(UINT64_C(0x7ff4000000000000))));
    CHECK(!matches("(f64.const nan:canonical)", f32(0x7fc00000)));
}

static void test_v128(void)
{
    const char *pat = "(v128.const f32x4 0x1p+0 nan:canonical -0x0p+0 nan:arithmetic)";
    CHECK(matches(pat, v128_f32x4(0x3f800000, 0xffc00000, 0x80000000, 0x7fc00001)));
    CHECK(!matches(pat, v128_f32x4(0x3f800000, 0x7fc00001, 0x80000000, 0x7fc00001)));
    CHECK(!matches(pat, v128_f32x4(0x3f800000, 0x7fc00000, 0x00000000, 0x7fc00001)));
    CHECK(!matches(pat, v128_f32x4(0x3f800000, 0x7fc00000, 0x80000000, 0x7f800001)));
    spec_value v = v128_f32x4(0, 0, 0, 0);
    v.u.v128[0] = 0x01, v.u.v128[1] = 0x80, v.u.v128[15] = 0xff;
    CHECK(matches("(v128.const i16x8 0x8001 0x0 0x0 0x0 0x0 0x0 0x0 0xff00)", v));
    CHECK(matches("(v128.const i8x16 0x1 0x80 0 0 0 0 0 0 0 0 0 0 0 0 0 0xff)", v));
    CHECK(!matches("(v128.const i64x2 0x8001 0x0)", v));
    spec_value d = {.type = WAST_V128};
    d.u.v128[6] = 0xf8, d.u.v128[7] = 0x7f; /* lane 0 canonical NaN, lane 1 +0 */
    CHECK(matches("(v128.const f64x2 nan:canonical 0x0p+0)", d));
    CHECK(!matches("(v128.const f64x2 nan:canonical -0x0p+0)", d));
    CHECK(!matches("(v128.const f64x2 nan:canonical 0x0p+0)", f64(0)));
}

static void test_refs(void)
{
    CHECK(matches("(ref.null)", ref(SPEC_REF_NULL, 0)));
    CHECK(matches("(ref.null func)", ref(SPEC_REF_NULL, 0)));
    CHECK(matches("(ref.null extern)", ref(SPEC_REF_NULL, 0)));
    CHECK(!matches("(ref.null)", ref(SPEC_REF_FUNC, 0)));
    CHECK(!matches("(ref.null)", i32(0)));
    CHECK(matches("(ref.func)", ref(SPEC_REF_FUNC, 0)));
    CHECK(!matches("(ref.func)", ref(SPEC_REF_NULL, 0)));
    CHECK(!matches("(ref.func)", ref(SPEC_REF_EXTERN_HOST, 1)));
    CHECK(matches("(ref.extern)", ref(SPEC_REF_EXTERN_HOST, 1)));
    CHECK(matches("(ref.extern)", ref(SPEC_REF_EXTERN_OTHER, 0)));
    CHECK(matches("(ref.extern 1)", ref(SPEC_REF_EXTERN_HOST, 1)));
    CHECK(!matches("(ref.extern 1)", ref(SPEC_REF_EXTERN_HOST, 2)));
    CHECK(!matches("(ref.extern 1)", ref(SPEC_REF_HOST, 1)));
    CHECK(matches("(ref.host 1)", ref(SPEC_REF_HOST, 1)));
    CHECK(!matches("(ref.host 1)", ref(SPEC_REF_EXTERN_HOST, 1)));
    CHECK(matches("(ref.eq)", ref(SPEC_REF_I31, 0)));
    CHECK(matches("(ref.eq)", ref(SPEC_REF_STRUCT, 0)));
    CHECK(!matches("(ref.eq)", ref(SPEC_REF_HOST, 0)));
    CHECK(matches("(ref.any)", ref(SPEC_REF_HOST, 0)));
    CHECK(matches("(ref.array)", ref(SPEC_REF_ARRAY, 0)));
    CHECK(!matches("(ref.struct)", ref(SPEC_REF_ARRAY, 0)));
    CHECK(matches("(ref.i31)", ref(SPEC_REF_I31, 0)));
    CHECK(!matches("(ref.none)", ref(SPEC_REF_I31, 0)));
}

static void test_either(void)
{
    const char *pat = "(either (i32.const 0x1) (f32.const nan:canonical))";
    CHECK(matches(pat, i32(1)));
    CHECK(matches(pat, f32(0x7fc00000)));
    CHECK(!matches(pat, i32(2)));
    CHECK(!matches(pat, f32(0x7fc00001)));
}

static void test_all_and_reports(void)
{
    wast_script s;
    wast_error err;
    const char *text = "(assert_return (invoke \"f\") (i32.const 0x1) (f32.const nan:canonical))";
    CHECK(wast_parse(text, strlen(text), &s, &err) && s.ncmds == 1);
    if (s.ncmds != 1)
        return;
    const wast_cmd *c = &s.cmds[0];
    spec_value got[3] = {i32(1), f32(0x7fc00000), i32(3)};
    size_t bad = 99;
    CHECK(spec_match_all(c->results, c->nresults, got, 2, &bad) && bad == 2);
    CHECK(!spec_match_all(c->results, c->nresults, got, 3, &bad) && bad == 2);
    CHECK(!spec_match_all(c->results, c->nresults, got, 1, &bad) && bad == 1);
    got[1] = f32(0x7fa00000);
    CHECK(!spec_match_all(c->results, c->nresults, got, 2, &bad) && bad == 1);
    char buf[200];
    spec_result_str(&c->results[1], buf, sizeof buf);
    CHECK(strcmp(buf, "f32:nan:canonical") == 0);
    spec_value_str(&got[1], buf, sizeof buf);
    CHECK(strcmp(buf, "f32:0x7fa00000") == 0);
    spec_value_str(&got[0], buf, sizeof buf);
    CHECK(strcmp(buf, "i32:0x00000001") == 0);
    spec_value r = ref(SPEC_REF_EXTERN_HOST, 4);
    spec_value_str(&r, buf, sizeof buf);
    CHECK(strcmp(buf, "(ref.extern 4)") == 0);
    char small[8];
    spec_result_str(&c->results[1], small, sizeof small); /* truncated, still terminated */
    CHECK(strcmp(small, "f32:nan") == 0);
    wast_script_free(&s);

    const wast_result *v = expect_of("(v128.const f32x4 0x1p+0 nan:canonical 0x0p+0 -inf)", &s);
    CHECK(v != NULL);
    if (v) {
        spec_result_str(v, buf, sizeof buf);
        CHECK(strcmp(buf, "v128 f32x4:[0x3f800000 nan:canonical 0x00000000 0xff800000]") == 0);
        wast_script_free(&s);
    }
}

static void test_const_to_value(void)
{
    wast_script s;
    wast_error err;
    const char *text = "(invoke \"f\" (ref.null func) (ref.extern 5) (ref.host 6) (f64.const inf))";
    CHECK(wast_parse(text, strlen(text), &s, &err) && s.ncmds == 1);
    if (s.ncmds != 1)
        return;
    const wast_action *a = &s.cmds[0].action;
    spec_value v0 = spec_value_from_const(&a->args[0]);
    spec_value v1 = spec_value_from_const(&a->args[1]);
    spec_value v2 = spec_value_from_const(&a->args[2]);
    spec_value v3 = spec_value_from_const(&a->args[3]);
    CHECK(v0.type == WAST_REF && v0.u.ref.kind == SPEC_REF_NULL);
    CHECK(v1.u.ref.kind == SPEC_REF_EXTERN_HOST && v1.u.ref.host == 5);
    CHECK(v2.u.ref.kind == SPEC_REF_HOST && v2.u.ref.host == 6);
    CHECK(v3.type == WAST_F64 && v3.u.i64 == UINT64_C(0x7ff0000000000000));
    wast_script_free(&s);
}

int main(void)
{
    RUN(test_integers);
    RUN(test_floats_exact);
    RUN(test_nan_patterns);
    RUN(test_v128);
    RUN(test_refs);
    RUN(test_either);
    RUN(test_all_and_reports);
    RUN(test_const_to_value);
    return check_summary();
}
