/* test_bounds_regress.c: regressions found by fuzzing (tests/fuzz) and differential testing
 * (tools/difftest), each the smallest module that showed the bug. A hang fails through alarm(). */
#include "alloc_check.h"
#include "check.h"
#include "wasm_build.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

static test_alloc alloc;
static qw_engine *eng;

/* Interrupts the store after 50 ms: a call entry checks the flag too, so it must be raised while
 * the loop runs. */
static void *interrupt_later(void *store)
{
    const struct timespec t = {0, 50 * 1000 * 1000};
    nanosleep(&t, NULL);
    qw_store_interrupt(store);
    return NULL;
}

/* Runs f(0) of a one-function module (param i32), interrupted while it runs. */
static qw_trap run_interrupted(const uint8_t *body, size_t nb)
{
    static const wsec secs[] = {
        WSEC(1, "\x01\x60\x01\x7F\x00"), /* type 0: (param i32) */
        WSEC(7, "\x01\x01"
                "f\x00\x00"), /* export "f" (func 0) */
    };
    wbuf w = {0};
    wb_module(&w, secs, 2, body, nb);
    qw_module *mod = wb_compile(eng, w.b, w.n);
    wb_free(&w);
    if (!mod)
        return QW_TRAP_COUNT_;
    qw_error err;
    qw_trap trap = QW_TRAP_NONE;
    qw_store *store = qw_store_new(eng, NULL);
    qw_instance *inst = qw_instance_new(store, mod, NULL, 0, &err, &trap);
    qw_val arg = {.i32 = 0};
    pthread_t th;
    if (inst && pthread_create(&th, NULL, interrupt_later, store) == 0) {
        trap = qw_func_call(store, qw_instance_export(inst, 0).of.func, &arg, NULL);
        pthread_join(th, NULL);
    }
    qw_instance_unref(inst);
    qw_store_unref(store);
    qw_module_unref(mod);
    return trap;
}

/* A loop whose first instruction branches back to it: the branch's offset is 0, not negative, and
 * it is still a back-edge that must check for interrupts (found by fuzz_run as a timeout). */
static void test_self_branch_loop_fused_br_if_interrupts(void)
{
    /* export "f": loop (br_if 0 (i32.eqz (local.get 0))) end */
    static const uint8_t body[] = {0x03, 0x40, 0x20, 0x00, 0x45, 0x0D, 0x00, 0x0B};
    CHECK(run_interrupted(body, sizeof body) == QW_TRAP_INTERRUPTED);
}

static void test_self_branch_loop_br_table_interrupts(void)
{
    /* (drop (loop (result i32) block (br_table 1 0 0 (local.get 0)) end (i32.const 0))):
     * argument 0 picks the loop (the spec's br_table.wast nested-br_table-loop-block) */
    static const uint8_t body[] = {0x03, 0x7F, 0x02, 0x40, 0x20, 0x00, 0x0E, 0x02,
                                   0x01, 0x00, 0x00, 0x0B, 0x41, 0x00, 0x0B, 0x1A};
    CHECK(run_interrupted(body, sizeof body) == QW_TRAP_INTERRUPTED);
}

static void test_self_branch_loop_compare_interrupts(void)
{
    /* loop (br_if 0 (i32.lt_u (local.get 0) (i32.const 1))) end */
    static const uint8_t body[] = {0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x49, 0x0D, 0x00, 0x0B};
    CHECK(run_interrupted(body, sizeof body) == QW_TRAP_INTERRUPTED);
}

int main(void)
{
    alarm(60); /* a missed interrupt is an endless loop */
    eng = test_engine(&alloc);
    RUN(test_self_branch_loop_fused_br_if_interrupts);
    RUN(test_self_branch_loop_br_table_interrupts);
    RUN(test_self_branch_loop_compare_interrupts);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
