/* test_wast.c: the script reader: number literals to exact bits, strings and escapes, the
 * commands and their fields, and clean errors with line numbers on malformed scripts. */
#include "../unit/check.h"
#include "wast.h"
#include "wast_num.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t f32(const char *s)
{
    uint32_t b = 0xdeadbeef;
    CHECK(wast_parse_f32(s, strlen(s), &b));
    return b;
}

static uint64_t f64(const char *s)
{
    uint64_t b = 0xdeadbeef;
    CHECK(wast_parse_f64(s, strlen(s), &b));
    return b;
}

static void test_f32_exact(void)
{
    CHECK(f32("0x1p+0") == 0x3f800000);
    CHECK(f32("-0x1.8p+3") == 0xc1400000);
    CHECK(f32("0x0p+0") == 0);
    CHECK(f32("-0x0p+0") == 0x80000000);
    CHECK(f32("0x1p-126") == 0x00800000);
    CHECK(f32("0x1p-149") == 0x00000001);
    CHECK(f32("0x1.fffffep+127") == 0x7f7fffff);
    CHECK(f32("0x0.000002p-126") == 0x00000001);
    CHECK(f32("0x1.4p+1_0") == 0x44a00000); /* 1.25 * 2^10: separators in the exponent */
    CHECK(f32("0x1_0p+0") == 0x41800000);
    CHECK(f32("inf") == 0x7f800000);
    CHECK(f32("-inf") == 0xff800000);
    CHECK(f32("nan") == 0x7fc00000);
    CHECK(f32("-nan") == 0xffc00000);
    CHECK(f32("nan:0x200000") == 0x7fa00000);
    CHECK(f32("-nan:0x7f_ffff") == 0xffffffff);
    CHECK(f32("nan:0x1") == 0x7f800001);
}

static void test_f32_rounding(void)
{
    CHECK(f32("0x1.000001p+0") == 0x3f800000);                  /* tie, even stays */
    CHECK(f32("0x1.000003p+0") == 0x3f800002);                  /* tie, odd rounds up */
    CHECK(f32("0x1.0000011p+0") == 0x3f800001);                 /* above the tie */
    CHECK(f32("0x1.00000100000000000000001p+0") == 0x3f800001); /* far sticky bit */
    CHECK(f32("0x1p-150") == 0); /* half the smallest subnormal: to even 0 */
    CHECK(f32("0x1.8p-150") == 1);
    CHECK(f32("-0x1.000001p-150") == 0x80000001);
    CHECK(f32("0x1.fffffep-127") == 0x00800000); /* subnormal rounds up to the smallest normal */
    CHECK(f32("0x1.ffffffp+127") == 0x7f800000); /* rounds to infinity */
    CHECK(f32("0x1p+128") == 0x7f800000);
    CHECK(f32("0x1p-100000") == 0);
    CHECK(f32("0x1p+99999999999") == 0x7f800000);
}

static void test_f64(void)
{
    CHECK(f64("0x1.0000000000001p+0") == UINT64_C(0x3ff0000000000001));
    CHECK(f64("0x1p-1074") == 1);
    CHECK(f64("0x1p-1075") == 0);
    CHECK(f64("0x1.fffffffffffff8p+0") == UINT64_C(0x4000000000000000));
    CHECK(f64("0x1.fffffffffffffp+1023") == UINT64_C(0x7fefffffffffffff));
    CHECK(f64("-0x0p+0") == UINT64_C(0x8000000000000000));
    CHECK(f64("nan:0x4_0000_0000_0000") == UINT64_C(0x7ff4000000000000));
    CHECK(f64("-nan:0xf_ffff_ffff_ffff") == UINT64_C(0xffffffffffffffff));
    CHECK(f64("1.5") == UINT64_C(0x3ff8000000000000));
    CHECK(f64("-0.0") == UINT64_C(0x8000000000000000));
}

/* Hex floats written with %a, or with long random mantissas, must give what glibc's strtod and
 * strtof give (both round hex input correctly). */
static void test_floats_against_libc(void)
{
    uint64_t x = 88172645463325252u;
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        char s[64];
        int digits = 1 + (int)(x % 20), exp = (int)((x >> 8) % 2300) - 1150;
        int n = snprintf(s, sizeof s, "0x%x.", (unsigned)(x >> 60) & 1);
        for (int d = 0; d < digits; d++)
            n += snprintf(s + n, sizeof s - (size_t)n, "%x", (unsigned)((x >> (d * 3)) & 15));
        snprintf(s + n, sizeof s - (size_t)n, "p%+d", exp);
        double dv = strtod(s, NULL);
        float fv = strtof(s, NULL);
        uint64_t db, got64 = 0;
        uint32_t fb, got32 = 0;
        memcpy(&db, &dv, 8);
        memcpy(&fb, &fv, 4);
        if (!wast_parse_f64(s, strlen(s), &got64) || got64 != db ||
            !wast_parse_f32(s, strlen(s), &got32) || got32 != fb) {
            if (bad++ < 5)
                fprintf(stderr, "float mismatch on %s: f64 %016llx vs %016llx, f32 %08x vs %08x\n",
                        s, (unsigned long long)got64, (unsigned long long)db, got32, fb);
        }
    }
    CHECK(bad == 0);
}

static void test_ints(void)
{
    uint64_t v;
    CHECK(wast_parse_int("0xffff_ffff", 11, 32, &v) && v == 0xffffffff);
    CHECK(!wast_parse_int("0x1_0000_0000", 13, 32, &v));
    CHECK(wast_parse_int("-0x8000_0000", 12, 32, &v) && v == 0x80000000);
    CHECK(!wast_parse_int("-0x8000_0001", 12, 32, &v));
    CHECK(wast_parse_int("-1", 2, 8, &v) && v == 0xff);
    CHECK(wast_parse_int("0xffff_ffff_ffff_ffff", 21, 64, &v) && v == UINT64_MAX);
    CHECK(!wast_parse_int("0x1_0000_0000_0000_0000", 23, 64, &v));
    CHECK(wast_parse_int("1234", 4, 16, &v) && v == 1234);
    CHECK(!wast_parse_int("1__0", 4, 32, &v));
    CHECK(!wast_parse_int("_1", 2, 32, &v));
    CHECK(!wast_parse_int("1_", 2, 32, &v));
    CHECK(!wast_parse_int("0x", 2, 32, &v));
    CHECK(!wast_parse_int("12a", 3, 32, &v));
}

static bool parse(const char *text, wast_script *s, wast_error *err)
{
    return wast_parse(text, strlen(text), s, err);
}

static void test_commands(void)
{
    const char *text = "(module definition $M binary \"\\00asm\" \"\\01\\00\\00\\00\")\n"
                       "(module instance $I $M)\n"
                       "(register \"\\u{48}i\\n\\t\\\\\\\"\\'\\u{e9}\" $I)\n"
                       ";; a comment\n"
                       "(invoke $I \"f\" (i32.const 0x1) (i64.const 0xffff_ffff_ffff_ffff)\n"
                       "  (f32.const -0x1p+0) (f64.const nan:0x1) (v128.const i32x4 0x1 0x2 0x3 "
                       "0x4)\n  (ref.null extern) (ref.extern 7) (ref.host 9))\n"
                       "(get \"g\")\n"
                       "(assert_trap (module instance) \"out of bounds\")\n"
                       "(assert_trap (invoke \"t\") \"unreachable\")\n"
                       "(assert_malformed (module binary) \"unexpected end\")\n"
                       "(assert_invalid (module binary \"\\00asm\") \"type mismatch\")\n"
                       "(assert_unlinkable (module instance) \"unknown import\")\n"
                       "(assert_exhaustion (invoke \"r\") \"call stack exhausted\")\n"
                       "(assert_exception (invoke \"e\"))\n";
    wast_script s;
    wast_error err;
    if (!parse(text, &s, &err)) {
        fprintf(stderr, "parse failed: %u: %s\n", err.line, err.msg);
        CHECK(false);
        return;
    }
    CHECK(s.ncmds == 12);
    if (s.ncmds != 12) {
        wast_script_free(&s);
        return;
    }
    wast_cmd *c = s.cmds;
    CHECK(c[0].kind == WAST_MODULE_DEF && strcmp(c[0].id, "$M") == 0 && c[0].bin.len == 8);
    CHECK(memcmp(c[0].bin.data, "\0asm\1\0\0\0", 8) == 0);
    CHECK(c[1].kind == WAST_MODULE_INST && strcmp(c[1].id, "$I") == 0 &&
          strcmp(c[1].mod, "$M") == 0 && c[1].line == 2);
    CHECK(c[2].kind == WAST_REGISTER && c[2].name.len == 9 &&
          memcmp(c[2].name.data, "Hi\n\t\\\"'\xc3\xa9", 9) == 0 && strcmp(c[2].id, "$I") == 0);
    wast_action *a = &c[3].action;
    CHECK(c[3].kind == WAST_ACTION && c[3].line == 5 && a->kind == WAST_INVOKE &&
          strcmp(a->inst, "$I") == 0 && a->nargs == 8);
    if (a->nargs == 8) {
        CHECK(a->args[0].type == WAST_I32 && a->args[0].u.i32 == 1);
        CHECK(a->args[1].type == WAST_I64 && a->args[1].u.i64 == UINT64_MAX);
        CHECK(a->args[2].type == WAST_F32 && a->args[2].u.i32 == 0xbf800000);
        CHECK(a->args[3].type == WAST_F64 && a->args[3].u.i64 == UINT64_C(0x7ff0000000000001));
        CHECK(a->args[4].type == WAST_V128 && a->args[4].u.v128[0] == 1 &&
              a->args[4].u.v128[4] == 2 && a->args[4].u.v128[12] == 4 &&
              a->args[4].u.v128[13] == 0);
        CHECK(a->args[5].type == WAST_REF && a->args[5].u.ref.kind == WAST_REF_NULL &&
              a->args[5].u.ref.heap == WAST_HEAP_EXTERN);
        CHECK(a->args[6].u.ref.kind == WAST_REF_EXTERN && a->args[6].u.ref.host == 7);
        CHECK(a->args[7].u.ref.kind == WAST_REF_HOST && a->args[7].u.ref.host == 9);
    }
    CHECK(c[4].kind == WAST_ACTION && c[4].action.kind == WAST_GET && !c[4].action.inst &&
          c[4].line == 8);
    CHECK(c[5].kind == WAST_ASSERT_TRAP && !c[5].has_action &&
          strcmp(c[5].msg, "out of bounds") == 0);
    CHECK(c[6].kind == WAST_ASSERT_TRAP && c[6].has_action && strcmp(c[6].msg, "unreachable") == 0);
    CHECK(c[7].kind == WAST_ASSERT_MALFORMED && c[7].bin.len == 0);
    CHECK(c[8].kind == WAST_ASSERT_INVALID && c[8].bin.len == 4 &&
          strcmp(c[8].msg, "type mismatch") == 0);
    CHECK(c[9].kind == WAST_ASSERT_UNLINKABLE && strcmp(c[9].msg, "unknown import") == 0);
    CHECK(c[10].kind == WAST_ASSERT_EXHAUSTION && c[10].has_action);
    CHECK(c[11].kind == WAST_ASSERT_EXCEPTION && c[11].line == 15);
    wast_script_free(&s);
}

static void test_results(void)
{
    const char *text = "(assert_return (invoke \"f\") (i32.const 0x2a) (f32.const nan:canonical)\n"
                       " (f64.const nan:arithmetic) (f64.const -0x0p+0)\n"
                       " (v128.const f32x4 0x1p+0 nan:canonical -inf nan:arithmetic)\n"
                       " (v128.const i8x16 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0x8 0x9 0xa 0xb 0xc 0xd "
                       "0xe 0xf 0xff)\n"
                       " (ref.null) (ref.null func) (ref.func) (ref.extern) (ref.extern 3)\n"
                       " (either (i32.const 0x1) (i32.const 0x2)))\n";
    wast_script s;
    wast_error err;
    CHECK(parse(text, &s, &err));
    if (s.ncmds != 1 || s.cmds[0].nresults != 12) {
        CHECK(false);
        wast_script_free(&s);
        return;
    }
    const wast_result *r = s.cmds[0].results;
    CHECK(r[0].kind == WAST_RES_VALUE && r[0].value.type == WAST_I32 && r[0].value.u.i32 == 42);
    CHECK(r[1].kind == WAST_RES_VALUE && r[1].value.type == WAST_F32 &&
          r[1].nan[0] == WAST_NAN_CANONICAL);
    CHECK(r[2].value.type == WAST_F64 && r[2].nan[0] == WAST_NAN_ARITHMETIC);
    CHECK(r[3].nan[0] == WAST_NAN_NONE && r[3].value.u.i64 == UINT64_C(0x8000000000000000));
    CHECK(r[4].kind == WAST_RES_V128 && r[4].shape == WAST_SHAPE_F32X4 &&
          r[4].nan[0] == WAST_NAN_NONE && r[4].nan[1] == WAST_NAN_CANONICAL &&
          r[4].nan[3] == WAST_NAN_ARITHMETIC && r[4].value.u.v128[3] == 0x3f &&
          r[4].value.u.v128[11] == 0xff);
    CHECK(r[5].kind == WAST_RES_V128 && r[5].shape == WAST_SHAPE_I8X16 &&
          r[5].value.u.v128[0] == 1 && r[5].value.u.v128[15] == 0xff);
    CHECK(r[6].kind == WAST_RES_REF_NULL && r[6].value.u.ref.heap == WAST_HEAP_NONE_GIVEN);
    CHECK(r[7].kind == WAST_RES_REF_NULL && r[7].value.u.ref.heap == WAST_HEAP_FUNC);
    CHECK(r[8].kind == WAST_RES_REF_KIND && r[8].value.u.ref.heap == WAST_HEAP_FUNC);
    CHECK(r[9].kind == WAST_RES_REF_KIND && r[9].value.u.ref.heap == WAST_HEAP_EXTERN);
    CHECK(r[10].kind == WAST_RES_VALUE && r[10].value.u.ref.kind == WAST_REF_EXTERN &&
          r[10].value.u.ref.host == 3);
    CHECK(r[11].kind == WAST_RES_EITHER && r[11].nalts == 2 && r[11].alts[1].value.u.i32 == 2);
    wast_script_free(&s);
}

/* A malformed script is an error with the line of the problem and a message saying what. */
static void expect_error(const char *text, uint32_t line, const char *prefix)
{
    wast_script s;
    wast_error err;
    bool ok = parse(text, &s, &err);
    CHECK(!ok);
    if (ok) {
        wast_script_free(&s);
        return;
    }
    CHECK(s.ncmds == 0 && s.cmds == NULL);
    if (err.line != line || strncmp(err.msg, prefix, strlen(prefix)) != 0) {
        fprintf(stderr, "error \"%u: %s\", expected \"%u: %s...\"\n", err.line, err.msg, line,
                prefix);
        CHECK(false);
    } else {
        CHECK(true);
    }
}

static void test_errors(void)
{
    expect_error("(module definition binary \"\\00asm\"", 1, "expected ')'");
    expect_error("\n(module definition binary \"\\00a", 2, "unterminated string");
    expect_error("(module definition binary \"\\0g\")", 1, "bad escape");
    expect_error("(module definition binary \"\\u{d800}\")", 1, "bad \\u escape");
    expect_error("(module definition binary \"\\u{110000}\")", 1, "bad \\u escape");
    expect_error("(assert_return (invoke \"f\")\n (i32.const 0x1_0000_0000))", 2,
                 "bad i32 literal");
    expect_error("(assert_return (invoke \"f\" (f32.const nan:canonical)))", 1, "bad f32 literal");
    expect_error("(assert_return (invoke \"f\" (f32.const nan:0x800000)))", 1, "bad f32 literal");
    expect_error("(frobnicate)", 1, "unknown command 'frobnicate'");
    expect_error("(assert_return (invoke \"f\" (ref.null)))", 1, "ref.null argument needs");
    expect_error("(assert_return (invoke \"f\") (ref.null thing))", 1, "unknown heap type");
    expect_error("(assert_return (invoke \"f\") (v128.const i32x3 0x0))", 1,
                 "expected a v128 shape");
    expect_error("(assert_return (invoke \"f\") (v128.const i32x4 0x0 0x0))", 1,
                 "expected a number");
    expect_error("(assert_unlinkable (invoke \"f\") \"x\")", 1, "expected (module instance)");
    expect_error("(register \"a\"))", 1, "expected '(' of a command");
    expect_error("(module definition binary \"\")\n(; open", 2, "unclosed block comment");
    expect_error("(either)", 1, "unknown command");
    expect_error("(assert_return (invoke \"f\") (either))", 1, "either needs");
    expect_error("(module definition binary \"\\00\")\n\x01", 2, "unexpected character 0x01");
    char deep[4096] = "(assert_return (invoke \"f\")";
    for (int i = 0; i < 500; i++)
        strcat(deep, " (either");
    expect_error(deep, 1, "either nested too deeply");
}

static void test_empty(void)
{
    wast_script s;
    wast_error err;
    CHECK(parse("", &s, &err) && s.ncmds == 0);
    wast_script_free(&s);
    CHECK(parse("  ;; only a comment\n(; block ;)\n", &s, &err) && s.ncmds == 0);
    wast_script_free(&s);
}

int main(void)
{
    RUN(test_f32_exact);
    RUN(test_f32_rounding);
    RUN(test_f64);
    RUN(test_floats_against_libc);
    RUN(test_ints);
    RUN(test_commands);
    RUN(test_results);
    RUN(test_errors);
    RUN(test_empty);
    return check_summary();
}
