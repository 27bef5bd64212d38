/* Unit tests of types.c: subtyping of heap types and iso-recursive type equivalence across
 * modules (what import matching will use). */
#include "alloc_check.h"
#include "check.h"
#include "module.h"
#include "types.h"
#include "wasm_build.h"

static test_alloc alloc;
static qw_engine *eng;

#define COMPILE(s) wb_compile(eng, s, sizeof(s) - 1)

static void test_abstract_hierarchy(void)
{
    qw_module *m = COMPILE("\0asm\1\0\0\0");
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK(qw_types_heap_sub(m, QW_HT_I31, QW_HT_EQ) && qw_types_heap_sub(m, QW_HT_EQ, QW_HT_ANY));
    CHECK(qw_types_heap_sub(m, QW_HT_NONE, QW_HT_STRUCT) &&
          !qw_types_heap_sub(m, QW_HT_ANY, QW_HT_EQ));
    CHECK(qw_types_heap_sub(m, QW_HT_NOFUNC, QW_HT_FUNC) &&
          !qw_types_heap_sub(m, QW_HT_NONE, QW_HT_FUNC));
    CHECK(qw_types_heap_sub(m, QW_HT_NOEXTERN, QW_HT_EXTERN) &&
          !qw_types_heap_sub(m, QW_HT_EXTERN, QW_HT_ANY));
    CHECK(qw_types_heap_sub(m, QW_HT_NOEXN, QW_HT_EXN));
    CHECK(qw_types_sub(m, QW_VT_REFTYPE(0, QW_HT_FUNC), QW_FUNCREF));
    CHECK(!qw_types_sub(m, QW_FUNCREF, QW_VT_REFTYPE(0, QW_HT_FUNC)));
    CHECK(!qw_types_sub(m, QW_I32, QW_I64) && qw_types_sub(m, QW_VT_BOT, QW_V128));
    qw_module_unref(m);
}

/* A: 0 = (sub (struct i32)); 1, 2 = (rec (struct (ref null 2)) (struct (ref null 1)));
 *    3 = (sub 0 (struct i32 i64))
 * B: 0, 1 = the same rec group as A's 1, 2; 2 = (sub (struct i32)) */
static const char mod_a[] = "\0asm\1\0\0\0\1\x1c\3"
                            "\x50\0\x5f\1\x7f\0"
                            "\x4e\2\x5f\1\x63\2\0\x5f\1\x63\1\0"
                            "\x50\1\0\x5f\2\x7f\0\x7e\0";
static const char mod_b[] = "\0asm\1\0\0\0\1\x13\2"
                            "\x4e\2\x5f\1\x63\1\0\x5f\1\x63\0\0"
                            "\x50\0\x5f\1\x7f\0";

static void test_equivalence_across_modules(void)
{
    qw_module *a = COMPILE(mod_a), *b = COMPILE(mod_b);
    CHECK(a && b);
    if (a && b) {
        CHECK(a->types[1].hash == b->types[0].hash && a->types[0].hash == b->types[2].hash);
        CHECK(a->types[1].hash != a->types[2].hash); /* same group, other position */
        CHECK(qw_types_equal_across(a, 1, b, 0) == 1);
        CHECK(qw_types_equal_across(a, 2, b, 1) == 1);
        CHECK(qw_types_equal_across(a, 0, b, 2) == 1);
        CHECK(qw_types_equal_across(a, 1, b, 1) == 0); /* same shape, other position */
        CHECK(qw_types_equal_across(a, 0, b, 0) == 0);
        CHECK(qw_types_equal_across(a, 3, b, 2) == 0);
        /* A's 3 declares A's 0, equivalent to B's 2, as its supertype */
        qw_valtype a3 = QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + 3);
        CHECK(qw_types_sub_across(a, a3, b, QW_VT_REFTYPE(1, QW_HT_INDEX_BASE + 2)) == 1);
        CHECK(qw_types_sub_across(a, QW_VT_REFTYPE(1, QW_HT_INDEX_BASE + 3), b,
                                  QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + 2)) == 0);
        CHECK(qw_types_sub_across(a, a3, b, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + 0)) == 0);
        CHECK(qw_types_sub_across(a, a3, b, QW_VT_REFTYPE(0, QW_HT_STRUCT)) == 1);
        CHECK(qw_types_sub_across(a, QW_I32, b, QW_I32) == 1);
    }
    qw_module_unref(a);
    qw_module_unref(b);
    CHECK(alloc.live == 1);
}

static void test_equivalence_out_of_memory(void)
{
    qw_module *a = COMPILE(mod_a), *b = COMPILE(mod_b);
    CHECK(a && b);
    if (a && b) {
        for (long fail = 1; fail < 10; fail++) {
            alloc.calls = 0;
            alloc.fail_at = fail;
            int r = qw_types_equal_across(a, 1, b, 0);
            alloc.fail_at = 0;
            CHECK(r == 1 || r == -1);
        }
    }
    qw_module_unref(a);
    qw_module_unref(b);
    CHECK(alloc.live == 1);
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_abstract_hierarchy);
    RUN(test_equivalence_across_modules);
    RUN(test_equivalence_out_of_memory);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
