/* Robustness of qw_module_compile on bad input: every truncation and many single-byte mutations
 * of valid modules, and random bytes, must end in a result (no crash, no hang) with nothing
 * leaked; and every allocation failure must end in QW_ERR_OOM, leak-free. */
#include "alloc_check.h"
#include "check.h"
#include "modules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static test_alloc alloc;
static qw_engine *eng;

static const struct {
    const uint8_t *bytes;
    size_t len;
} modules[] = {
    {module_mvp, sizeof module_mvp},
    {module_v2, sizeof module_v2},
    {module_v3, sizeof module_v3},
    {module_gen, sizeof module_gen},
};
#define NMODULES (sizeof modules / sizeof modules[0])

/* Compiles and checks the outcome is coherent: a module, or an error with a kind and message;
 * qw_module_validate agrees on it. */
static void compile_once(const uint8_t *b, size_t n)
{
    qw_error err, verr;
    bool valid = qw_module_validate(eng, b, n, &verr);
    CHECK(alloc.live == 1);
    qw_module *m = qw_module_compile(eng, b, n, &err);
    CHECK(valid == (m != NULL) && verr.kind == err.kind && strcmp(verr.msg, err.msg) == 0);
    if (m) {
        CHECK(err.kind == QW_ERR_NONE);
        qw_module_unref(m);
    } else {
        CHECK(err.kind != QW_ERR_NONE && err.msg[0] != 0);
        CHECK(err.offset == QW_NO_OFFSET || err.offset <= n);
    }
    CHECK(alloc.live == 1);
}

static void test_valid_modules(void)
{
    for (size_t i = 0; i < NMODULES; i++) {
        qw_error err;
        qw_module *m = qw_module_compile(eng, modules[i].bytes, modules[i].len, &err);
        if (!m)
            fprintf(stderr, "module %zu: %s\n", i, err.msg);
        CHECK(m != NULL);
        qw_module_unref(m);
    }
}

static void test_truncations(void)
{
    for (size_t i = 0; i < NMODULES; i++) {
        /* a copy of exactly n bytes, so reading past the end is caught by the sanitizers */
        for (size_t n = 0; n < modules[i].len; n++) {
            uint8_t *b = malloc(n ? n : 1);
            memcpy(b, modules[i].bytes, n);
            compile_once(b, n);
            free(b);
        }
    }
}

static void test_byte_mutations(void)
{
    static const uint8_t deltas[] = {0x01, 0x40, 0x80, 0xFF};
    for (size_t i = 0; i < NMODULES; i++) {
        size_t n = modules[i].len;
        uint8_t *b = malloc(n);
        for (size_t pos = 0; pos < n; pos++) {
            for (size_t d = 0; d < sizeof deltas; d++) {
                memcpy(b, modules[i].bytes, n);
                b[pos] ^= deltas[d];
                compile_once(b, n);
            }
        }
        free(b);
    }
}

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void test_random_bytes(void)
{
    for (int round = 0; round < 3000; round++) {
        size_t n = rng() % 300;
        uint8_t *b = malloc(n + 8);
        for (size_t k = 0; k < n + 8; k++)
            b[k] = (uint8_t)rng();
        if (round % 2) /* past the header, into the sections */
            memcpy(b, "\0asm\1\0\0\0", 8);
        compile_once(b, n + 8);
        free(b);
    }
}

/* Random splices of a valid module: a slice copied over another position. */
static void test_splices(void)
{
    for (size_t i = 0; i < NMODULES; i++) {
        size_t n = modules[i].len;
        uint8_t *b = malloc(n);
        for (int round = 0; round < 500; round++) {
            memcpy(b, modules[i].bytes, n);
            size_t from = 8 + rng() % (n - 8), to = 8 + rng() % (n - 8), len = rng() % 16;
            if (from + len > n)
                len = n - from;
            if (to + len > n)
                len = n - to;
            memmove(b + to, b + from, len);
            compile_once(b, n);
        }
        free(b);
    }
}

/* Fails allocation 1, 2, 3... of one compile (or validate) until it succeeds: each failing run
 * must report QW_ERR_OOM and leave nothing allocated. */
static void oom_scenario(const uint8_t *bytes, size_t len, bool validate_only)
{
    for (long fail = 1;; fail++) {
        alloc.calls = 0;
        alloc.fail_at = fail;
        qw_error err;
        bool ok;
        if (validate_only) {
            ok = qw_module_validate(eng, bytes, len, &err);
        } else {
            qw_module *m = qw_module_compile(eng, bytes, len, &err);
            ok = m != NULL;
            qw_module_unref(m);
        }
        alloc.fail_at = 0;
        CHECK(alloc.live == 1);
        if (ok) {
            CHECK(fail > 3); /* the modules need several allocations */
            return;
        }
        CHECK_ERR(&err, QW_ERR_OOM, "out of memory");
        if (fail > 100000) {
            CHECK(!"allocation failures never ended");
            return;
        }
    }
}

static void test_out_of_memory(void)
{
    for (size_t i = 0; i < NMODULES; i++) {
        oom_scenario(modules[i].bytes, modules[i].len, false);
        oom_scenario(modules[i].bytes, modules[i].len, true);
    }
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_valid_modules);
    RUN(test_truncations);
    RUN(test_byte_mutations);
    RUN(test_random_bytes);
    RUN(test_splices);
    RUN(test_out_of_memory);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
