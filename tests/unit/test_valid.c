/* Unit tests of valid.c: the operand and control stacks, polymorphic stacks, locals and their
 * initialisation, constant expressions, references, GC and exception instructions. */
#include "alloc_check.h"
#include "check.h"
#include "module.h"
#include "modules.h"
#include "wasm_build.h"

static test_alloc alloc;
static qw_engine *eng;

#define B(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})
#define NONE   NULL, 0

/* Compiles a one-function module; prefix NULL means it must be valid. */
static void func_case(int line, const uint8_t *params, size_t np, const uint8_t *results, size_t nr,
                      const uint8_t *locals, size_t nl, const uint8_t *body, size_t nb,
                      qw_errkind kind, const char *prefix)
{
    wbuf w = {0};
    wb_func_module(&w, params, np, results, nr, locals, nl, body, nb);
    qw_error err;
    qw_module *m = qw_module_compile(eng, w.b, w.n, &err);
    if (!prefix) {
        if (!m)
            fprintf(stderr, "line %d: unexpected error: %s\n", line, err.msg);
        CHECK(m != NULL);
    } else {
        if (m)
            fprintf(stderr, "line %d: expected an error\n", line);
        CHECK(m == NULL);
        if (!m) {
            CHECK_ERR(&err, kind, prefix);
            CHECK(err.func == 0);
        }
    }
    qw_module_unref(m);
    CHECK(alloc.live == 1);
    wb_free(&w);
}

#define VALID(p, r, l, body)          func_case(__LINE__, p, r, l, body, QW_ERR_NONE, NULL)
#define INVALID(p, r, l, body, msg)   func_case(__LINE__, p, r, l, body, QW_ERR_INVALID, msg)
#define MALFORMED(p, r, l, body, msg) func_case(__LINE__, p, r, l, body, QW_ERR_MALFORMED, msg)

static void test_operand_types(void)
{
    VALID(NONE, B(0x7F), NONE, B(0x41, 1, 0x41, 2, 0x6A));
    INVALID(NONE, B(0x7F), NONE, B(0x41, 1, 0x42, 2, 0x6A),
            "type mismatch: instruction requires [i32] but stack has [i64]");
    INVALID(NONE, B(0x7F), NONE, B(0x41, 1, 0x6A),
            "type mismatch: instruction requires [i32] but stack has []");
    /* a value left over at the end of the function */
    INVALID(NONE, NONE, NONE, B(0x41, 1), "type mismatch");
    /* missing result */
    INVALID(NONE, B(0x7E), NONE, B(0x01), "type mismatch");
}

static void test_error_position(void)
{
    wbuf w = {0};
    wb_func_module(&w, NULL, 0, NULL, 0, NULL, 0, (const uint8_t[]){0x01, 0x42, 0, 0x45}, 4);
    qw_error err;
    qw_module *m = qw_module_compile(eng, w.b, w.n, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    /* the i32.eqz is the last byte before the final end */
    CHECK(err.offset == w.n - 2 && err.func == 0);
    wb_free(&w);
}

static void test_polymorphic_stack(void)
{
    /* after unreachable, operands of any type may be popped */
    VALID(NONE, B(0x7F), NONE, B(0x00, 0x6A));
    VALID(NONE, NONE, NONE, B(0x00, 0x1A, 0x1A));
    /* but what is pushed afterwards is checked */
    INVALID(NONE, B(0x7F), NONE, B(0x00, 0x42, 0, 0x6A), "type mismatch");
    /* br makes the rest of the block polymorphic, the block's end restores it */
    VALID(NONE, B(0x7F), NONE, B(0x02, 0x7F, 0x41, 1, 0x0C, 0, 0x6A, 0x0B));
    INVALID(NONE, B(0x7F), NONE, B(0x02, 0x40, 0x0C, 0, 0x0B), "type mismatch");
}

static void test_blocks_and_branches(void)
{
    /* block with a type-index block type: [i32] -> [i32] uses type 0 of params [i32] result i32 */
    VALID(B(0x7F), B(0x7F), NONE, B(0x20, 0, 0x02, 0, 0x0B));
    /* if without else must not change the stack */
    INVALID(NONE, NONE, NONE, B(0x41, 1, 0x04, 0x7F, 0x41, 1, 0x0B, 0x1A), "type mismatch");
    VALID(NONE, B(0x7F), NONE, B(0x41, 1, 0x04, 0x7F, 0x41, 1, 0x05, 0x41, 2, 0x0B));
    INVALID(NONE, NONE, NONE, B(0x0C, 1), "unknown label");
    /* br_table targets of different arities */
    INVALID(NONE, NONE, NONE, B(0x02, 0x40, 0x02, 0x7F, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x0B),
            "type mismatch");
    VALID(NONE, NONE, NONE, B(0x02, 0x40, 0x41, 0, 0x0E, 1, 0, 1, 0x0B));
    /* else outside if ends the function's instructions */
    MALFORMED(NONE, NONE, NONE, B(0x05), "END opcode expected");
    MALFORMED(NONE, NONE, NONE, B(0xFF), "illegal opcode ff");
}

static void test_deep_nesting_without_recursion(void)
{
    /* 100,000 nested blocks: the control stack is an array, not the C stack */
    enum { DEPTH = 100000 };
    wbuf body = {0};
    for (int i = 0; i < DEPTH; i++)
        wb_bytes(&body, "\x02\x40", 2);
    for (int i = 0; i < DEPTH; i++)
        wb_byte(&body, 0x0B);
    func_case(__LINE__, NULL, 0, NULL, 0, NULL, 0, body.b, body.n, QW_ERR_NONE, NULL);
    wb_free(&body);
}

static void test_operand_stack_is_capped(void)
{
    /* type 1 returns 1,000 values: 5,000 blocks of it in unreachable code would leave 5 million
     * operands, 20 MB of validator stack for 20 KB of code */
    wbuf types = {0}, body = {0}, w = {0};
    wb_bytes(&types, "\x02\x60\x00\x00\x60\x00", 6);
    wb_u32(&types, 1000);
    for (int i = 0; i < 1000; i++)
        wb_byte(&types, 0x7F);
    wb_byte(&body, 0x00);
    for (int i = 0; i < 5000; i++)
        wb_bytes(&body, "\x02\x01\x00\x0b", 4);
    wsec secs[] = {{1, (const char *)types.b, types.n}};
    wb_module(&w, secs, 1, body.b, body.n);
    qw_error err;
    qw_module *m = qw_module_compile(eng, w.b, w.n, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_LIMIT, "operand stack deeper than");
    CHECK(alloc.live == 1);
    wb_free(&types);
    wb_free(&body);
    wb_free(&w);
}

static void test_locals(void)
{
    VALID(B(0x7F), B(0x7F), B(1, 2, 0x7E), B(0x20, 0, 0x42, 1, 0x21, 2));
    INVALID(B(0x7F), NONE, B(1, 2, 0x7E), B(0x20, 3, 0x1A), "unknown local");
    INVALID(NONE, NONE, B(1, 1, 0x7E), B(0x41, 0, 0x21, 0), "type mismatch");
    /* a non-nullable funcref local: read before set, set in a block and read after it */
    INVALID(NONE, NONE, B(1, 1, 0x64, 0x70), B(0x20, 0, 0x1A), "uninitialized local");
    INVALID(NONE, NONE, B(1, 1, 0x64, 0x70), B(0x02, 0x40, 0x00, 0x21, 0, 0x0B, 0x20, 0, 0x1A),
            "uninitialized local");
    VALID(NONE, NONE, B(1, 1, 0x64, 0x70), B(0x00, 0x21, 0, 0x20, 0, 0x1A));
}

static void test_select(void)
{
    VALID(NONE, B(0x7F), NONE, B(0x41, 1, 0x41, 2, 0x41, 0, 0x1B));
    INVALID(NONE, B(0x7F), NONE, B(0x41, 1, 0x42, 2, 0x41, 0, 0x1B), "type mismatch");
    /* references need the typed select */
    INVALID(NONE, NONE, NONE, B(0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1B, 0x1A), "type mismatch");
    VALID(NONE, NONE, NONE, B(0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1C, 1, 0x70, 0x1A));
    INVALID(NONE, NONE, NONE, B(0x41, 0, 0x41, 0, 0x41, 0, 0x1C, 2, 0x7F, 0x7F, 0x1A),
            "invalid result arity");
}

static void test_memory_instructions(void)
{
    /* no memory */
    INVALID(NONE, B(0x7F), NONE, B(0x41, 0, 0x28, 2, 0), "unknown memory 0");
    MALFORMED(NONE, NONE, NONE, B(0x41, 0, 0x28, 0x80, 1, 0, 0x1A), "malformed memop flags");
    MALFORMED(NONE, NONE, NONE, B(0xFC, 9, 0), "data count section required");
}

static void test_references(void)
{
    /* ref.func of a function not declared outside function bodies */
    INVALID(NONE, NONE, NONE, B(0xD2, 0, 0x1A), "undeclared function reference");
    VALID(NONE, B(0x7F), NONE, B(0xD0, 0x70, 0xD1));
    INVALID(NONE, B(0x7F), NONE, B(0x41, 0, 0xD1), "type mismatch");
    /* ref.as_non_null on ref.null gives (ref nofunc), a subtype of (ref func) */
    VALID(NONE, B(0x64, 0x70), NONE, B(0xD0, 0x70, 0xD4));
    INVALID(NONE, B(0x64, 0x70), NONE, B(0xD0, 0x70), "type mismatch");
}

static void test_simd(void)
{
    VALID(NONE, B(0x7F), NONE,
          B(0xFD, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0xFD, 21, 15));
    INVALID(NONE, B(0x7F), NONE,
            B(0xFD, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0xFD, 21, 16),
            "invalid lane index");
    /* relaxed SIMD: f32x4.relaxed_madd takes three vectors */
    VALID(B(0x7B), B(0x7B), NONE, B(0x20, 0, 0x20, 0, 0x20, 0, 0xFD, 0x85, 0x02));
    MALFORMED(NONE, NONE, NONE, B(0xFD, 0x99, 0x02), "illegal opcode");
}

static void test_legacy_exceptions(void)
{
    /* a tag of type [i32]; try; i32.const 1; throw 0; catch 0; drop; rethrow 0; catch_all; end */
    qw_error err;
    qw_module *m;
    static const uint8_t good[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08,
                                   0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7F, 0x00, 0x03, 0x02,
                                   0x01, 0x00, 0x0D, 0x03, 0x01, 0x00, 0x01, 0x0A, 0x11, 0x01,
                                   0x0F, 0x00, 0x06, 0x40, 0x41, 0x01, 0x08, 0x00, 0x07, 0x00,
                                   0x1A, 0x09, 0x00, 0x19, 0x0B, 0x0B};
    m = qw_module_compile(eng, good, sizeof good, &err);
    if (!m)
        fprintf(stderr, "legacy: %s\n", err.msg);
    CHECK(m != NULL);
    qw_module_unref(m);
    /* rethrow outside a catch */
    INVALID(NONE, NONE, NONE, B(0x06, 0x40, 0x09, 0, 0x0B), "invalid rethrow label");
    /* delegate ends a try and names an enclosing label; catch after catch_all is malformed */
    VALID(NONE, NONE, NONE, B(0x02, 0x40, 0x06, 0x40, 0x18, 0, 0x0B));
    INVALID(NONE, NONE, NONE, B(0x06, 0x40, 0x18, 1), "unknown label");
    MALFORMED(NONE, NONE, NONE, B(0x02, 0x40, 0x18, 0, 0x0B), "END opcode expected");
}

static void test_constant_expressions(void)
{
    /* (global i32 (i32.const 1) (i32.const 2) (i32.add)): extended constants are fine */
    qw_error err;
    qw_module *m;
    static const char ok[] = "\0asm\1\0\0\0\6\x09\1\x7f\0\x41\1\x41\2\x6a\x0b";
    m = qw_module_compile(eng, (const uint8_t *)ok, sizeof ok - 1, &err);
    CHECK(m != NULL);
    qw_module_unref(m);
    /* i32.div_s is not constant */
    static const char div[] = "\0asm\1\0\0\0\6\x09\1\x7f\0\x41\1\x41\2\x6d\x0b";
    m = qw_module_compile(eng, (const uint8_t *)div, sizeof div - 1, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "constant expression required");
    /* a mutable global may not be read, nor a later one */
    static const char mut[] = "\0asm\1\0\0\0\6\x0b\2\x7f\1\x41\0\x0b\x7f\0\x23\0\x0b";
    m = qw_module_compile(eng, (const uint8_t *)mut, sizeof mut - 1, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "constant expression required");
    static const char later[] = "\0asm\1\0\0\0\6\x0b\2\x7f\0\x23\1\x0b\x7f\0\x41\0\x0b";
    m = qw_module_compile(eng, (const uint8_t *)later, sizeof later - 1, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "unknown global 1");
    CHECK(alloc.live == 1);
}

static void test_malformed_beats_invalid(void)
{
    /* A global initializer without its end runs into the code section: br_table (0x0a) is not
     * constant, but decoding on finds the module truncated, which is what gets reported. */
    static const char bin[] = "\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0\6\5\1\x7f\0\x41\0"
                              "\x0a\4\1\2\0\x0b";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)bin, sizeof bin - 1, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_MALFORMED, "unexpected end of section or function");
    /* the non-constant instruction opens a block: decoding goes on past its end */
    static const char blk[] = "\0asm\1\0\0\0\6\x08\1\x7f\0\x02\x40\x0b\xff\x0b";
    m = qw_module_compile(eng, (const uint8_t *)blk, sizeof blk - 1, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_MALFORMED, "illegal opcode ff");
    /* with a well-formed rest, the validation error stands */
    static const char inv[] = "\0asm\1\0\0\0\6\7\1\x7f\0\x41\0\x1a\x0b";
    m = qw_module_compile(eng, (const uint8_t *)inv, sizeof inv - 1, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "constant expression required");
    CHECK(err.offset == 15);
}

/* A module of sections `secs` and one function of type 0 with `body`; prefix NULL: valid. */
static void module_case(int line, const wsec *secs, size_t n, const uint8_t *body, size_t nb,
                        qw_errkind kind, const char *prefix)
{
    wbuf w = {0};
    wb_module(&w, secs, n, body, nb);
    qw_error err;
    qw_module *m = qw_module_compile(eng, w.b, w.n, &err);
    if (!prefix && !m)
        fprintf(stderr, "line %d: unexpected error: %s\n", line, err.msg);
    if (prefix && m)
        fprintf(stderr, "line %d: expected an error\n", line);
    CHECK(prefix ? m == NULL : m != NULL);
    if (prefix && !m)
        CHECK_ERR(&err, kind, prefix);
    qw_module_unref(m);
    CHECK(alloc.live == 1);
    wb_free(&w);
}

#define SECS(...)                   (const wsec[]){__VA_ARGS__}, sizeof((const wsec[]){__VA_ARGS__}) / sizeof(wsec)
#define MVALID(secs, body)          module_case(__LINE__, secs, body, QW_ERR_NONE, NULL)
#define MINVALID(secs, body, msg)   module_case(__LINE__, secs, body, QW_ERR_INVALID, msg)
#define MMALFORMED(secs, body, msg) module_case(__LINE__, secs, body, QW_ERR_MALFORMED, msg)

static void test_memory64_and_multi_memory(void)
{
    /* memory 0: i64 addresses; memory 1: i32 */

#define MEMS SECS(WSEC(1, "\x01\x60\x00\x00"), WSEC(5, "\x02\x04\x01\x00\x01"))

    MVALID(MEMS, B(0x42, 0, 0x28, 2, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0x28, 2, 0, 0x1A),
             "type mismatch: instruction requires [i64] but stack has [i32]");
    /* a 64-bit offset is fine on memory64 */
    MVALID(MEMS, B(0x42, 0, 0x28, 2, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1A));
    /* memory 1 through the memarg's memory index, with an i32 address */
    MVALID(MEMS, B(0x41, 0, 0x28, 0x42, 1, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0x28, 0x42, 2, 0, 0x1A), "unknown memory 2");
    /* memory.size of memory 0 is an i64, memory.copy 0 <- 1 takes [i64 i32 i32] */
    MVALID(MEMS, B(0x3F, 0, 0x50, 0x1A));
    MVALID(MEMS, B(0x42, 0, 0x41, 0, 0x41, 0, 0xFC, 10, 0, 1));
    MINVALID(MEMS, B(0x42, 0, 0x41, 0, 0x42, 0, 0xFC, 10, 0, 1), "type mismatch");
#undef MEMS
}

/* Threads proposal: 0xFE instructions, exact natural alignment, any memory's address type. */
static void test_atomic_instructions(void)
{
    /* memory 0: i32 addresses, shared; memory 1: i64 addresses, shared */
#define MEMS SECS(WSEC(1, "\x01\x60\x00\x00"), WSEC(5, "\x02\x03\x01\x01\x07\x01\x01"))

    MVALID(MEMS, B(0x41, 0, 0xFE, 0x10, 2, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0xFE, 0x10, 0, 0, 0x1A), "atomic alignment must be natural");
    MINVALID(MEMS, B(0x41, 0, 0xFE, 0x10, 3, 0, 0x1A), "atomic alignment must be natural");
    MINVALID(MEMS, B(0x41, 0, 0xFE, 0x12, 1, 0, 0x1A), "atomic alignment must be natural");
    MVALID(MEMS, B(0x41, 0, 0xFE, 0x12, 0, 0, 0x1A)); /* i32.atomic.load8_u: align 0 */
    /* stores push nothing; rmw and cmpxchg return the old value of their type */
    MVALID(MEMS, B(0x41, 0, 0x42, 1, 0xFE, 0x18, 3, 0));
    MINVALID(MEMS, B(0x41, 0, 0x41, 1, 0xFE, 0x18, 3, 0), "type mismatch");
    MVALID(MEMS, B(0x41, 0, 0x41, 1, 0xFE, 0x1E, 2, 0, 0x1A));
    MVALID(MEMS, B(0x41, 0, 0x41, 1, 0x41, 2, 0xFE, 0x48, 2, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0x41, 1, 0xFE, 0x48, 2, 0, 0x1A), "type mismatch");
    /* memory 1 through the memarg's index: i64 address */
    MVALID(MEMS, B(0x42, 0, 0x42, 1, 0x42, 2, 0xFE, 0x49, 0x43, 1, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0x42, 1, 0x42, 2, 0xFE, 0x49, 0x43, 1, 0, 0x1A), "type mismatch");
    MINVALID(MEMS, B(0x41, 0, 0xFE, 0x10, 0x42, 2, 0, 0x1A), "unknown memory 2");
    /* wait32 [addr i32 i64] -> i32, wait64 [addr i64 i64], notify [addr i32] */
    MVALID(MEMS, B(0x41, 0, 0x41, 0, 0x42, 0, 0xFE, 0x01, 2, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0x41, 0, 0x41, 0, 0xFE, 0x01, 2, 0, 0x1A), "type mismatch");
    MVALID(MEMS, B(0x41, 0, 0x42, 0, 0x42, 0, 0xFE, 0x02, 3, 0, 0x1A));
    MINVALID(MEMS, B(0x41, 0, 0x42, 0, 0x42, 0, 0xFE, 0x02, 2, 0, 0x1A),
             "atomic alignment must be natural");
    MVALID(MEMS, B(0x41, 0, 0x41, 1, 0xFE, 0x00, 2, 0, 0x1A));
    /* atomic.fence and its reserved byte; unassigned subopcodes */
    MVALID(MEMS, B(0xFE, 0x03, 0));
    MMALFORMED(MEMS, B(0xFE, 0x03, 1), "zero byte expected");
    MMALFORMED(MEMS, B(0xFE, 0x04), "illegal opcode fe 4");
    MMALFORMED(MEMS, B(0xFE, 0x4F), "illegal opcode fe 4f");
#undef MEMS
    /* no memory: unknown memory comes before the alignment */
    INVALID(NONE, NONE, NONE, B(0x41, 0, 0xFE, 0x10, 0, 0, 0x1A), "unknown memory 0");
    VALID(NONE, NONE, NONE, B(0xFE, 0x03, 0));
}

static void test_table64(void)
{
#define TABS SECS(WSEC(1, "\x01\x60\x00\x00"), WSEC(4, "\x01\x70\x04\x01"))
    MVALID(TABS, B(0x42, 0, 0x25, 0, 0x1A));
    MINVALID(TABS, B(0x41, 0, 0x25, 0, 0x1A), "type mismatch");
    MVALID(TABS, B(0xFC, 16, 0, 0x50, 0x1A));
    MINVALID(TABS, B(0x42, 0, 0x11, 0, 1), "unknown table 1");
    MVALID(TABS, B(0x42, 0, 0x11, 0, 0));
#undef TABS
}

static void test_exception_handling(void)
{
    /* type 0 [] -> [], type 1 [i32] -> []; tag 0 of type 1 */
#define EH SECS(WSEC(1, "\x02\x60\x00\x00\x60\x01\x7f\x00"), WSEC(13, "\x01\x00\x01"))
    /* block (result i32) (try_table (catch 0 0) (throw 0 (i32.const 1))) unreachable end drop */
    MVALID(EH, B(0x02, 0x7F, 0x1F, 0x40, 1, 0, 0, 0, 0x41, 1, 0x08, 0, 0x0B, 0x00, 0x0B, 0x1A));
    /* the label takes no value: the tag's i32 has nowhere to go */
    MINVALID(EH, B(0x02, 0x40, 0x1F, 0x40, 1, 0, 0, 0, 0x0B, 0x0B), "type mismatch");
    /* catch_all_ref hands an exnref to the label, throw_ref rethrows it */
    MVALID(EH, B(0x02, 0x69, 0x1F, 0x40, 1, 3, 0, 0x0B, 0x00, 0x0B, 0x0A));
    MINVALID(EH, B(0x08, 1), "unknown tag 1");
    MINVALID(EH, B(0x08, 0), "type mismatch: instruction requires [i32] but stack has []");
#undef EH
}

static void test_function_references_and_tail_calls(void)
{
    /* type 0 [] -> [], type 1 [i32] -> [], type 2 [] -> [i32] */
#define FR SECS(WSEC(1, "\x03\x60\x00\x00\x60\x01\x7f\x00\x60\x00\x01\x7f"))
    MVALID(FR, B(0x41, 0, 0xD0, 1, 0x14, 1));
    MINVALID(FR, B(0x42, 0, 0xD0, 1, 0x14, 1), "type mismatch");
    /* call_ref's operand must be a reference to that function type */
    MINVALID(FR, B(0x41, 0, 0xD0, 0, 0x14, 1), "type mismatch");
    MVALID(FR, B(0x12, 0));
    /* a tail call must return what the caller returns */
    MINVALID(FR, B(0xD0, 2, 0x15, 2), "type mismatch");
    MVALID(FR, B(0xD0, 0, 0x15, 0));
    /* br_on_null passes the non-null reference on */
    MVALID(FR, B(0x02, 0x40, 0xD0, 0x70, 0xD5, 0, 0x1A, 0x0B));
#undef FR
}

static void test_casts(void)
{
#define T0 SECS(WSEC(1, "\x01\x60\x00\x00"))
    /* block (result i31ref) (br_on_cast 0 anyref (ref i31) (ref.null any)) drop ref.null i31 end */
    MVALID(T0, B(0x02, 0x6C, 0xD0, 0x6E, 0xFB, 24, 1, 0, 0x6E, 0x6C, 0x1A, 0xD0, 0x6C, 0x0B, 0x1A));
    /* a cast between hierarchies */
    MINVALID(T0,
             B(0x02, 0x6C, 0xD0, 0x6E, 0xFB, 24, 1, 0, 0x6E, 0x70, 0x1A, 0xD0, 0x6C, 0x0B, 0x1A),
             "type mismatch");
    MVALID(T0, B(0xD0, 0x6E, 0xFB, 20, 0x6C, 0x1A));
    MINVALID(T0, B(0xD0, 0x6E, 0xFB, 20, 0x70, 0x1A), "type mismatch");
    MVALID(T0, B(0x41, 5, 0xFB, 28, 0xFB, 30, 0x1A));
    MVALID(T0, B(0xD0, 0x6F, 0xFB, 26, 0xFB, 27, 0x1A));
#undef T0
}

static void test_segments(void)
{
    /* a passive elem segment of one ref.null func, a data count of 1 and one passive data */
#define SEG                                                                                        \
    SECS(WSEC(1, "\x01\x60\x00\x00"), WSEC(4, "\x01\x70\x00\x01"), WSEC(5, "\x01\x00\x01"),        \
         WSEC(9, "\x01\x05\x70\x01\xd0\x70\x0b"), WSEC(12, "\x01"), WSEC(11, "\x01\x01\x00"))
    MVALID(SEG, B(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 12, 0, 0, 0xFC, 13, 0));
    MINVALID(SEG, B(0xFC, 13, 1), "unknown elem segment 1");
    MVALID(SEG, B(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 8, 0, 0, 0xFC, 9, 0));
    MINVALID(SEG, B(0xFC, 9, 1), "unknown data segment 1");
#undef SEG
    /* an active segment of externref expressions into a funcref table */
    MINVALID(SECS(WSEC(1, "\x01\x60\x00\x00"), WSEC(4, "\x01\x70\x00\x01"),
                  WSEC(9, "\x01\x06\x00\x41\x00\x0b\x6f\x01\xd0\x6f\x0b")),
             B(0x01), "type mismatch");
    /* a table with an initializer keeps its expression for instantiation */
    {
        wbuf w = {0};
        wsec secs[] = {WSEC(1, "\x01\x60\x00\x00"),
                       WSEC(4, "\x01\x40\x00\x64\x70\x00\x01\xd2\x00\x0b")};
        wb_module(&w, secs, 2, (const uint8_t *)"\x01", 1);
        qw_error err;
        qw_module *m = qw_module_compile(eng, w.b, w.n, &err);
        CHECK(m && m->tables[0].has_init && m->tables[0].init.len == 3);
        CHECK(m && memcmp(m->expr_pool + m->tables[0].init.off, "\xd2\x00\x0b", 3) == 0);
        CHECK(m && m->func_declared[0]); /* ref.func in an initializer declares the function */
        qw_module_unref(m);
        wb_free(&w);
    }
    /* a table of non-nullable references needs an initializer */
    MINVALID(SECS(WSEC(1, "\x01\x60\x00\x00"), WSEC(4, "\x01\x64\x70\x00\x01")), B(0x01),
             "type mismatch");
}

static void test_gc_instructions(void)
{
    /* types: 0 = (struct (field i32)) immutable, 1 = func [] -> [] */
    static const uint8_t bin[] = {
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x5F, 0x01, 0x7F, 0x00,
        0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x01, 0x0A, 0x0E, 0x01, 0x0C, 0x00,
        /* struct.new 0 (i32.const 1); i32.const 2; struct.set 0 0 */
        0x41, 0x01, 0xFB, 0x00, 0x00, 0x41, 0x02, 0xFB, 0x05, 0x00, 0x00, 0x0B};
    qw_error err;
    qw_module *m = qw_module_compile(eng, bin, sizeof bin, &err);
    CHECK(m == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "immutable field");
    /* the same with struct.get: valid */
    uint8_t get[sizeof bin];
    memcpy(get, bin, sizeof bin);
    get[sizeof bin - 7] = 0x1A; /* i32.const 2 -> drop, nop */
    get[sizeof bin - 6] = 0x01;
    get[sizeof bin - 4] = 0x02; /* struct.get 0 0 */
    m = qw_module_compile(eng, get, sizeof get, &err);
    CHECK(m == NULL); /* drop consumed the struct: struct.get has no operand */
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
    /* the committed Wasm 3.0 module validates */
    m = qw_module_compile(eng, module_v3, sizeof module_v3, &err);
    if (!m)
        fprintf(stderr, "v3: %s\n", err.msg);
    CHECK(m != NULL);
    qw_module_unref(m);
    m = qw_module_compile(eng, module_v2, sizeof module_v2, &err);
    CHECK(m != NULL);
    qw_module_unref(m);
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_operand_types);
    RUN(test_error_position);
    RUN(test_polymorphic_stack);
    RUN(test_blocks_and_branches);
    RUN(test_deep_nesting_without_recursion);
    RUN(test_operand_stack_is_capped);
    RUN(test_locals);
    RUN(test_select);
    RUN(test_memory_instructions);
    RUN(test_references);
    RUN(test_simd);
    RUN(test_legacy_exceptions);
    RUN(test_constant_expressions);
    RUN(test_malformed_beats_invalid);
    RUN(test_memory64_and_multi_memory);
    RUN(test_atomic_instructions);
    RUN(test_table64);
    RUN(test_exception_handling);
    RUN(test_function_references_and_tail_calls);
    RUN(test_casts);
    RUN(test_segments);
    RUN(test_gc_instructions);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
