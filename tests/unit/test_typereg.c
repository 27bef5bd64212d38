/* Unit tests of typereg.c: store-wide type ids across modules, subtyping by id, and the
 * registry's out-of-memory and ownership behaviour. */
#include "alloc_check.h"
#include "check.h"
#include "typereg.h"
#include "wasm_build.h"

static test_alloc alloc;
static qw_engine *eng;

#define COMPILE(s) wb_compile(eng, s, sizeof(s) - 1)

/* A: 0 = (sub (struct i32)); 1, 2 = (rec (struct (ref null 2)) (struct (ref null 1)));
 *    3 = (sub 0 (struct i32 i64)); 4 = (func)
 * B: 0, 1 = the same rec group as A's 1, 2; 2 = (sub (struct i32)); 3 = (func) */
static const char mod_a[] = "\0asm\1\0\0\0\1\x1f\4"
                            "\x50\0\x5f\1\x7f\0"
                            "\x4e\2\x5f\1\x63\2\0\x5f\1\x63\1\0"
                            "\x50\1\0\x5f\2\x7f\0\x7e\0"
                            "\x60\0\0";
static const char mod_b[] = "\0asm\1\0\0\0\1\x16\3"
                            "\x4e\2\x5f\1\x63\1\0\x5f\1\x63\0\0"
                            "\x50\0\x5f\1\x7f\0"
                            "\x60\0\0";

static void test_ids_across_modules(void)
{
    qw_module *a = COMPILE(mod_a), *b = COMPILE(mod_b);
    qw_typereg *reg = qw_typereg_new(eng);
    CHECK(a && b && reg);
    if (a && b && reg) {
        qw_typeid ia[5], ib[4], ia2[5];
        CHECK(qw_typereg_add(reg, a, ia));
        CHECK(qw_typereg_add(reg, b, ib));
        CHECK(ia[1] == ib[0] && ia[2] == ib[1] && ia[0] == ib[2] && ia[4] == ib[3]);
        CHECK(ia[0] != ia[1] && ia[1] != ia[2] && ia[3] != ia[0]);
        CHECK(qw_typereg_sub(reg, ia[3], ib[2]) && !qw_typereg_sub(reg, ib[2], ia[3]));
        CHECK(qw_typereg_sub(reg, ia[1], ib[0]) && !qw_typereg_sub(reg, ia[1], ia[2]));
        uint32_t idx;
        CHECK(qw_typereg_module(reg, ib[3], &idx) == a && idx == 4);
        /* registering again gives the same ids and takes no new reference */
        CHECK(qw_typereg_add(reg, a, ia2));
        CHECK(memcmp(ia, ia2, sizeof ia) == 0);
    }
    /* the registry keeps A alive: its groups represent B's types too */
    qw_module_unref(a);
    qw_module_unref(b);
    qw_typereg_free(reg);
    CHECK(alloc.live == 1);
}

static void test_out_of_memory(void)
{
    qw_module *a = COMPILE(mod_a), *b = COMPILE(mod_b);
    CHECK(a && b);
    long base = alloc.live; /* the engine and the two modules' blocks */
    for (long fail = 1; a && b; fail++) {
        qw_typereg *reg = qw_typereg_new(eng);
        qw_typeid ia[5], ib[4];
        alloc.calls = 0;
        alloc.fail_at = fail;
        bool ok = reg && qw_typereg_add(reg, a, ia) && qw_typereg_add(reg, b, ib);
        alloc.fail_at = 0;
        qw_typereg_free(reg);
        CHECK(alloc.live == base);
        if (ok || fail > 1000)
            break;
    }
    qw_module_unref(a);
    qw_module_unref(b);
    CHECK(alloc.live == 1);
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_ids_across_modules);
    RUN(test_out_of_memory);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
