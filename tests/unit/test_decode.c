/* Unit tests of decode.c: module structure, section rules, names, limits (core and JS-API) and
 * the module representation the compiler and the JS binding read. */
#include "alloc_check.h"
#include "check.h"
#include "module.h"
#include "modules.h"
#include "wasm_build.h"

#include <stdlib.h>

static test_alloc alloc;
static qw_engine *eng;

/* Compiles bytes expecting an error of this kind, prefix and offset (QW_NO_OFFSET: any). */
static void expect_error(const uint8_t *b, size_t n, qw_errkind kind, const char *prefix,
                         uint32_t offset)
{
    qw_error err;
    qw_module *m = qw_module_compile(eng, b, n, &err);
    CHECK(m == NULL);
    qw_module_unref(m);
    CHECK_ERR(&err, kind, prefix);
    if (offset != QW_NO_OFFSET && err.offset != offset) {
        check_failed++;
        fprintf(stderr, "offset %u, expected %u (%s)\n", err.offset, offset, err.msg);
    }
    CHECK(alloc.live == 1); /* the engine only */
}

#define EXPECT(bytes, kind, prefix, offset)                                                        \
    expect_error((const uint8_t *)(bytes), sizeof(bytes) - 1, kind, prefix, offset)

static void test_mvp_module_contents(void)
{
    qw_error err;
    qw_module *m = qw_module_compile(eng, module_mvp, sizeof module_mvp, &err);
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK(m->nimports == 3 && m->nfunc_imports == 1 && m->nmemory_imports == 1);
    CHECK(m->nglobal_imports == 1 && m->nglobals == 3 && m->ntables == 1);
    CHECK(m->nfuncs == 7 && m->nexports == 3 && m->start == 6);
    CHECK(m->nelems == 1 && m->elems[0].count == 2 && m->elems[0].mode == QW_SEG_ACTIVE);
    CHECK(m->ndatas == 1 && m->datas[0].len == 11 && memcmp(m->datas[0].bytes, "hello", 5) == 0);
    CHECK(m->memories[0].limits.min == 1 && m->memories[0].limits.max == 4);
    /* fac declares one i64 local after its parameter */
    const qw_func_decl *fac = &m->funcs[3];
    CHECK(fac->nlocals == 1 && fac->nruns == 1 && m->local_runs[fac->run_off].type == QW_I64);
    CHECK(m->code[fac->code + fac->code_len - 1] == 0x0B);
    CHECK(fac->max_depth == 3 && fac->max_stack == 2); /* function, block, loop; two operands */
    qw_import_info im = qw_module_import(m, 1);
    CHECK(strcmp(im.module, "env") == 0 && strcmp(im.name, "mem") == 0);
    CHECK(im.kind == QW_EXTERN_MEMORY && im.index == 0);
    qw_export_info ex = qw_module_export(m, 0);
    CHECK(strcmp(ex.name, "fac") == 0 && ex.kind == QW_EXTERN_FUNC && ex.index == 3);
    size_t len;
    const char *name = qw_module_func_name(m, 3, &len);
    CHECK(name && len == 3 && strcmp(name, "fac") == 0);
    CHECK(qw_module_func_name(m, 99, &len) == NULL);
    CHECK(qw_module_custom_count(m) == 1);
    CHECK(strcmp(qw_module_custom_name(m, 0, &len), "name") == 0);
    qw_externtype et;
    qw_module_import_type(m, 0, &et); /* env.log: [i32] -> [] */
    CHECK(et.kind == QW_EXTERN_FUNC && et.nparams == 1 && et.params[0] == QW_I32 && !et.nresults);
    qw_module_import_type(m, 1, &et); /* env.mem: memory 1 4 */
    CHECK(et.kind == QW_EXTERN_MEMORY && et.limits.min == 1 && et.limits.has_max &&
          et.limits.max == 4 && !et.limits.is64);
    qw_module_import_type(m, 2, &et); /* env.g: immutable i32 */
    CHECK(et.kind == QW_EXTERN_GLOBAL && et.valtype == QW_I32 && !et.mutable_);
    qw_module_export_type(m, 0, &et); /* fac: [i64] -> [i64] */
    CHECK(et.kind == QW_EXTERN_FUNC && et.nparams == 1 && et.nresults == 1 &&
          et.results[0] == QW_I64);
    qw_module *again = qw_module_ref(m);
    qw_module_unref(m);
    qw_module_unref(again);
    CHECK(alloc.live == 1);
}

static void test_name_section(void)
{
    qw_error err;
    qw_module *m = qw_module_compile(eng, module_v3, sizeof module_v3, &err);
    CHECK(m != NULL);
    if (m) {
        size_t len;
        CHECK(strcmp(qw_module_func_name(m, 1, &len), "run") == 0 && len == 3);
        CHECK(m->nlocal_names == 1 && m->local_names[0].func == 1);
        CHECK(m->local_names[0].count == 1 && strcmp(m->local_names[0].names[0].name, "s") == 0);
    }
    qw_module_unref(m);
    /* a malformed name section is ignored: the module stays valid, without names */
    static const char bad[] = "\0asm\1\0\0\0\0\x0b\4name\1\4\1\0\7x";
    m = qw_module_compile(eng, (const uint8_t *)bad, sizeof bad - 1, &err);
    CHECK(m != NULL && m->nfunc_names == 0 && m->ncustoms == 1);
    qw_module_unref(m);
    CHECK(alloc.live == 1);
}

static void test_module_owns_its_bytes(void)
{
    /* compile from a copy, then scribble over it and free it: the module must not care (ASAN
     * reports any read of the freed block) */
    uint8_t *copy = malloc(sizeof module_mvp);
    memcpy(copy, module_mvp, sizeof module_mvp);
    qw_error err;
    qw_module *m = qw_module_compile(eng, copy, sizeof module_mvp, &err);
    memset(copy, 0xFF, sizeof module_mvp);
    free(copy);
    CHECK(m != NULL);
    if (m) {
        size_t len;
        CHECK(strcmp(qw_module_import(m, 0).name, "log") == 0);
        CHECK(strcmp(qw_module_export(m, 1).name, "dispatch") == 0);
        CHECK(strcmp(qw_module_func_name(m, 3, &len), "fac") == 0);
        CHECK(qw_module_custom_bytes(m, 0, &len)[0] <= 2 && len > 0); /* a name subsection id */
        CHECK(memcmp(m->datas[0].bytes, "hello\0world", 11) == 0);
        const qw_func_decl *fac = &m->funcs[3];
        CHECK(m->code[fac->code + fac->code_len - 1] == 0x0B);
    }
    qw_module_unref(m);
    CHECK(alloc.live == 1);
}

static void test_header(void)
{
    EXPECT("", QW_ERR_MALFORMED, "unexpected end", 0);
    expect_error(NULL, 0, QW_ERR_MALFORMED, "unexpected end", 0);
    CHECK(qw_module_compile(eng, (const uint8_t *)"\0asm", 4, NULL) == NULL); /* no error wanted */
    CHECK(alloc.live == 1);
    EXPECT("\0as", QW_ERR_MALFORMED, "unexpected end", QW_NO_OFFSET);
    EXPECT("\0asn\1\0\0\0", QW_ERR_MALFORMED, "magic header not detected", 0);
    EXPECT("\0asm\2\0\0\0", QW_ERR_MALFORMED, "unknown binary version", 4);
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)"\0asm\1\0\0\0", 8, &err);
    CHECK(m != NULL && err.kind == QW_ERR_NONE);
    qw_module_unref(m);
}

static void test_section_rules(void)
{
    /* data count (12) must come before code (10), type after import is out of order */
    EXPECT("\0asm\1\0\0\0\2\1\0\1\1\0", QW_ERR_MALFORMED, "unexpected content after last section",
           11);
    EXPECT("\0asm\1\0\0\0\16\0", QW_ERR_MALFORMED, "malformed section id", 8);
    /* a type section of 3 bytes holding 2 */
    EXPECT("\0asm\1\0\0\0\1\3\1\x60\0\0", QW_ERR_MALFORMED, "section size mismatch", 13);
    /* section size beyond the end of the module */
    EXPECT("\0asm\1\0\0\0\1\x10\0", QW_ERR_MALFORMED, "length out of bounds", QW_NO_OFFSET);
    /* one function declared, no code */
    EXPECT("\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0", QW_ERR_MALFORMED,
           "function and code section have inconsistent lengths", QW_NO_OFFSET);
    /* data count 1, no data section */
    EXPECT("\0asm\1\0\0\0\x0c\1\1", QW_ERR_MALFORMED,
           "data count and data section have inconsistent lengths", QW_NO_OFFSET);
    /* a code section of size 0 whose contents follow it anyway */
    EXPECT("\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0\x0a\0\1\2\0\x0b", QW_ERR_MALFORMED,
           "section size mismatch", QW_NO_OFFSET);
    /* custom sections may appear anywhere, even between ordered sections */
    static const char ok[] = "\0asm\1\0\0\0\0\4\3abc\1\1\0\0\2\1x\3\1\0";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)ok, sizeof ok - 1, &err);
    CHECK(m != NULL && m->ncustoms == 2);
    qw_module_unref(m);
}

static void test_names_utf8(void)
{
    /* import "\xC0\x80" "" func: an overlong encoding */
    EXPECT("\0asm\1\0\0\0\1\4\1\x60\0\0\2\7\1\2\xC0\x80\0\0\0", QW_ERR_MALFORMED,
           "malformed UTF-8 encoding", 17);
    /* a surrogate in a custom section name */
    EXPECT("\0asm\1\0\0\0\0\4\3\xED\xA0\x80", QW_ERR_MALFORMED, "malformed UTF-8 encoding", 10);
    /* a name longer than the module */
    EXPECT("\0asm\1\0\0\0\0\2\x7f\0", QW_ERR_MALFORMED, "length out of bounds", QW_NO_OFFSET);
}

static void test_huge_counts_allocate_nothing(void)
{
    /* 999,999 types declared in a 1-byte remainder: a truncation, found before allocating */
    alloc.largest = 0;
    EXPECT("\0asm\1\0\0\0\1\4\xBF\x84\x3D\x60", QW_ERR_MALFORMED,
           "unexpected end of section or function", QW_NO_OFFSET);
    CHECK(alloc.largest < 4096);
    /* 4 billion locals in a function: too many for the format itself */
    static const uint8_t locals[] = {0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7F};
    wbuf w = {0};
    wb_func_module(&w, NULL, 0, NULL, 0, locals, sizeof locals, NULL, 0);
    alloc.largest = 0;
    expect_error(w.b, w.n, QW_ERR_MALFORMED, "too many locals", QW_NO_OFFSET);
    CHECK(alloc.largest < 4096);
    wb_free(&w);
}

static void test_js_api_limits(void)
{
    /* 1,000,001 types: over the JS-API limit, reported as such even if the bytes are missing */
    EXPECT("\0asm\1\0\0\0\1\4\xC1\x84\x3D\x60", QW_ERR_LIMIT, "too many types", QW_NO_OFFSET);
    /* 50,001 locals */
    static const uint8_t locals[] = {0x01, 0xD1, 0x86, 0x03, 0x7F};
    wbuf w = {0};
    wb_func_module(&w, NULL, 0, NULL, 0, locals, sizeof locals, NULL, 0);
    expect_error(w.b, w.n, QW_ERR_LIMIT, "too many locals", QW_NO_OFFSET);
    /* 50,000 locals are fine, and do not cost 50,000 entries */
    w.n = 0;
    static const uint8_t at_limit[] = {0x01, 0xD0, 0x86, 0x03, 0x7F};
    wb_func_module(&w, NULL, 0, NULL, 0, at_limit, sizeof at_limit, NULL, 0);
    qw_error err;
    alloc.largest = 0;
    qw_module *m = qw_module_compile(eng, w.b, w.n, &err);
    CHECK(m != NULL && m->funcs[0].nlocals == 50000);
    CHECK(alloc.largest < 4096);
    qw_module_unref(m);
    /* 1,001 parameters */
    w.n = 0;
    wb_header(&w);
    wbuf s = {0};
    wb_bytes(&s, "\x01\x60", 2);
    wb_u32(&s, 1001);
    for (int i = 0; i < 1001; i++)
        wb_byte(&s, 0x7F);
    wb_byte(&s, 0);
    wb_section(&w, 1, &s);
    expect_error(w.b, w.n, QW_ERR_LIMIT, "too many function params", QW_NO_OFFSET);
    wb_free(&s);
    wb_free(&w);
}

/* A section of one vector count and nothing else: over the limit it is a LIMIT error, at the
 * limit the (missing) entries make it a truncation. */
static void count_case(uint8_t id, uint32_t count, qw_errkind kind, const char *prefix)
{
    wbuf w = {0}, s = {0};
    wb_header(&w);
    wb_u32(&s, count);
    wb_section(&w, id, &s);
    expect_error(w.b, w.n, kind, prefix, QW_NO_OFFSET);
    wb_free(&s);
    wb_free(&w);
}

static void test_js_api_count_limits(void)
{
    static const struct {
        uint8_t id;
        uint32_t limit;
        const char *what;
    } cases[] = {
        {1, 1000000, "too many types"},         {2, 1000000, "too many imports"},
        {3, 1000000, "too many functions"},     {4, 100000, "too many tables"},
        {5, 100, "too many memories"},          {6, 1000000, "too many globals"},
        {7, 1000000, "too many exports"},       {9, 10000000, "too many element segments"},
        {11, 100000, "too many data segments"}, {13, 1000000, "too many tags"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        count_case(cases[i].id, cases[i].limit + 1, QW_ERR_LIMIT, cases[i].what);
        count_case(cases[i].id, cases[i].limit, QW_ERR_MALFORMED, "unexpected end");
    }
    /* a function body of 7,654,322 bytes: over the limit before any of it is validated */
    wbuf w = {0}, sec = {0};
    wb_bytes(&w, "\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0", 18);
    wb_u32(&sec, 1);
    wb_u32(&sec, 7654322);
    for (uint32_t i = 0; i < 7654322; i++)
        wb_byte(&sec, 0x01);
    wb_section(&w, 10, &sec);
    expect_error(w.b, w.n, QW_ERR_LIMIT, "too many function body bytes", QW_NO_OFFSET);
    wb_free(&sec);
    wb_free(&w);
    /* the data count section is checked against the data segment limit too */
    count_case(12, 100001, QW_ERR_LIMIT, "too many data segments");
}

static void test_limits_rules(void)
{
    EXPECT("\0asm\1\0\0\0\5\4\1\1\2\1", QW_ERR_INVALID,
           "size minimum must not be greater than maximum", QW_NO_OFFSET);
    EXPECT("\0asm\1\0\0\0\5\5\1\0\x81\x80\4", QW_ERR_INVALID,
           "memory size must be at most 65536 pages (4GiB)", QW_NO_OFFSET);
    EXPECT("\0asm\1\0\0\0\5\3\1\x08\0", QW_ERR_MALFORMED, "malformed limits flags", 11);
    /* memory64: 65,537 pages are fine */
    static const char ok[] = "\0asm\1\0\0\0\5\5\1\4\x81\x80\4";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)ok, sizeof ok - 1, &err);
    CHECK(m != NULL && m->memories[0].limits.is64 && m->memories[0].limits.min == 65537);
    qw_module_unref(m);
}

/* Threads proposal: limits flag bit 1 marks a shared memory, which needs a maximum. */
static void test_shared_limits(void)
{
    static const char shared[] = "\0asm\1\0\0\0\5\4\1\3\1\2";
    static const char shared64[] = "\0asm\1\0\0\0\5\4\1\7\1\2";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)shared, sizeof shared - 1, &err);
    CHECK(m != NULL && m->memories[0].limits.shared && !m->memories[0].limits.is64 &&
          m->memories[0].limits.max == 2);
    qw_module_unref(m);
    m = qw_module_compile(eng, (const uint8_t *)shared64, sizeof shared64 - 1, &err);
    CHECK(m != NULL && m->memories[0].limits.shared && m->memories[0].limits.is64);
    qw_module_unref(m);
    EXPECT("\0asm\1\0\0\0\5\3\1\2\1", QW_ERR_INVALID, "shared memory must have maximum", 11);
    EXPECT("\0asm\1\0\0\0\5\3\1\6\1", QW_ERR_INVALID, "shared memory must have maximum", 11);
    EXPECT("\0asm\1\0\0\0\4\5\1\x70\3\1\1", QW_ERR_MALFORMED,
           "malformed limits flags: tables cannot be shared", 12);
    /* an imported shared memory keeps the flag in its import type */
    static const char imp[] = "\0asm\1\0\0\0\2\x09\1\1m\1x\2\3\1\2";
    m = qw_module_compile(eng, (const uint8_t *)imp, sizeof imp - 1, &err);
    CHECK(m != NULL && m->nmemories == 1 && m->memories[0].limits.shared);
    qw_module_unref(m);
}

static void test_exports(void)
{
    /* two exports named "f" of function 0 */
    EXPECT("\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0\7\11\2\1f\0\0\1f\0\0\x0a\4\1\2\0\x0b",
           QW_ERR_INVALID, "duplicate export name", QW_NO_OFFSET);
    EXPECT("\0asm\1\0\0\0\7\5\1\1f\0\0", QW_ERR_INVALID, "unknown function 0", QW_NO_OFFSET);
    EXPECT("\0asm\1\0\0\0\7\5\1\1f\5\0", QW_ERR_MALFORMED, "malformed export kind", 13);
}

static void test_start_function(void)
{
    /* start function of type [i32] -> [] */
    EXPECT("\0asm\1\0\0\0\1\5\1\x60\1\x7f\0\3\2\1\0\x08\1\0\x0a\4\1\2\0\x0b", QW_ERR_INVALID,
           "start function", QW_NO_OFFSET);
}

static void test_type_canonicalisation(void)
{
    /* (rec (struct (field (ref null 1))) (struct (field (ref null 0)))) twice, then a different
     * group: (rec (struct (field (ref null 1))) (struct (field i32))) */
    static const char bin[] = "\0asm\1\0\0\0\1\x24\3"
                              "\x4e\2\x5f\1\x63\1\0\x5f\1\x63\0\0"
                              "\x4e\2\x5f\1\x63\3\0\x5f\1\x63\2\0"
                              "\x4e\2\x5f\1\x63\5\0\x5f\1\x7f\0";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)bin, sizeof bin - 1, &err);
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK(m->ntypes == 6);
    CHECK(m->types[2].canon == m->types[0].canon && m->types[3].canon == m->types[1].canon);
    CHECK(m->types[0].canon != m->types[1].canon);
    CHECK(m->types[4].canon != m->types[0].canon && m->types[5].canon != m->types[1].canon);
    CHECK(m->types[2].rec_start == 2 && m->types[2].rec_len == 2);
    qw_module_unref(m);
}

static void test_empty_structs_are_equivalent(void)
{
    /* (type (struct)) (type (struct)): equal, and compared without touching field flags */
    static const char bin[] = "\0asm\1\0\0\0\1\5\2\x5f\0\x5f\0";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)bin, sizeof bin - 1, &err);
    CHECK(m != NULL && m->types[0].canon == m->types[1].canon);
    qw_module_unref(m);
}

static void test_subtype_rules(void)
{
    /* (type (sub final (struct))) (type (sub 0 (struct))): the supertype is final */
    EXPECT("\0asm\1\0\0\0\1\x0a\2\x4f\0\x5f\0\x50\1\0\x5f\0", QW_ERR_INVALID, "sub type",
           QW_NO_OFFSET);
    /* a mutable field may not be refined */
    EXPECT("\0asm\1\0\0\0\1\x0e\2\x50\0\x5f\1\x6e\1\x50\1\0\x5f\1\x6d\1", QW_ERR_INVALID,
           "sub type", QW_NO_OFFSET);
    /* an immutable one may: (struct (field anyref)) <: (struct (field eqref)) */
    static const char ok[] = "\0asm\1\0\0\0\1\x0e\2\x50\0\x5f\1\x6e\0\x50\1\0\x5f\1\x6d\0";
    qw_error err;
    qw_module *m = qw_module_compile(eng, (const uint8_t *)ok, sizeof ok - 1, &err);
    CHECK(m != NULL && m->types[1].super == 0 && m->types[1].depth == 1);
    qw_module_unref(m);
    /* at most one supertype */
    EXPECT("\0asm\1\0\0\0\1\x0f\3\x50\0\x5f\0\x50\0\x5f\0\x50\2\0\1\x5f\0", QW_ERR_INVALID,
           "sub type", QW_NO_OFFSET);
    /* the supertype index must be lower */
    EXPECT("\0asm\1\0\0\0\1\x06\1\x50\1\0\x5f\0", QW_ERR_INVALID, "unknown type", QW_NO_OFFSET);
}

static void test_tags(void)
{
    /* a tag whose type has a result */
    EXPECT("\0asm\1\0\0\0\1\5\1\x60\0\1\x7f\x0d\3\1\0\0", QW_ERR_INVALID,
           "non-empty tag result type", QW_NO_OFFSET);
}

int main(void)
{
    eng = test_engine(&alloc);
    RUN(test_mvp_module_contents);
    RUN(test_name_section);
    RUN(test_module_owns_its_bytes);
    RUN(test_header);
    RUN(test_section_rules);
    RUN(test_names_utf8);
    RUN(test_huge_counts_allocate_nothing);
    RUN(test_js_api_limits);
    RUN(test_js_api_count_limits);
    RUN(test_limits_rules);
    RUN(test_shared_limits);
    RUN(test_exports);
    RUN(test_start_function);
    RUN(test_type_canonicalisation);
    RUN(test_empty_structs_are_equivalent);
    RUN(test_subtype_rules);
    RUN(test_tags);
    qw_engine_free(eng);
    CHECK(alloc.live == 0);
    return check_summary();
}
