/* qw-diff: the qwasm side of make difftest (tools/difftest/difftest.sh). Runs a module made by
 * `wasm-opt -ttf` and prints what node-diff.mjs prints under Node: each call to the
 * fuzzing-support log imports, each exported function's results or trap (called with zero
 * arguments, after hangLimitInitializer as binaryen's own harness does), and a hash of each
 * exported memory. usage: qw-diff [--memory-out PREFIX] FILE.wasm (also writes each exported
 * memory's bytes to PREFIX.NAME) | qw-diff --sigs FILE.wasm (the exported functions' signatures
 * as JSON, for the Node side, which cannot read them). Uses only qw.h. */
#include "qw.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALS 64

/* The whole file in one malloc'ed buffer (generated modules are small). */
static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    unsigned char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (buf && (fseek(f, 0, SEEK_SET) != 0 || fread(buf, 1, (size_t)size, f) != (size_t)size)) {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    *len = (size_t)size;
    return buf;
}

/* The JS API's names of the types both drivers pass; NULL for the others (v128, typed
 * references), whose exports neither side calls. */
static const char *type_name(qw_valtype t)
{
    static const struct {
        qw_valtype t;
        const char *name;
    } names[] = {{QW_I32, "i32"}, {QW_I64, "i64"},         {QW_F32, "f32"},
                 {QW_F64, "f64"}, {QW_FUNCREF, "funcref"}, {QW_EXTERNREF, "externref"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].t == t)
            return names[i].name;
    return NULL;
}

/* Floats as bit patterns, NaN as "nan" (its payload is nondeterministic). */
static void print_val(qw_valtype t, const qw_val *v)
{
    switch (t) {
    case QW_I32:
        printf("i32:%08" PRIx32, v->i32);
        break;
    case QW_I64:
        printf("i64:%016" PRIx64, v->i64);
        break;
    case QW_F32:
        if (isnan(v->f32))
            printf("f32:nan");
        else
            printf("f32:%08" PRIx32, v->i32);
        break;
    case QW_F64:
        if (isnan(v->f64))
            printf("f64:nan");
        else
            printf("f64:%016" PRIx64, v->i64);
        break;
    default:
        printf("%s:%s", type_name(t), v->ref ? "nonnull" : "null");
        break;
    }
}

/* The trap kinds node-diff.mjs maps V8's messages to. V8 reports a call_indirect through a
 * null entry and a signature mismatch with one message, and a float-to-integer truncation out of
 * range or of NaN with another ("float unrepresentable"), where the spec distinguishes integer
 * overflow from invalid conversion: both are "int-range" here. */
static const char *trap_kind(qw_trap t)
{
    switch (t) {
    case QW_TRAP_UNREACHABLE:
        return "unreachable";
    case QW_TRAP_OUT_OF_BOUNDS_MEMORY:
        return "memory";
    case QW_TRAP_INT_DIV_ZERO:
        return "div-zero";
    case QW_TRAP_INT_OVERFLOW:
    case QW_TRAP_INVALID_CONVERSION:
        return "int-range";
    case QW_TRAP_OUT_OF_BOUNDS_TABLE:
    case QW_TRAP_UNDEFINED_ELEMENT:
        return "table";
    case QW_TRAP_UNINITIALIZED_ELEMENT:
    case QW_TRAP_INDIRECT_SIG_MISMATCH:
        return "indirect";
    case QW_TRAP_STACK_EXHAUSTED:
        return "stack";
    case QW_TRAP_NULL_FUNC_REF:
    case QW_TRAP_NULL_REFERENCE:
        return "null";
    case QW_TRAP_EXCEPTION:
        return "exception";
    default:
        return qw_trap_message(t);
    }
}

static qw_trap log_call(void *user, const qw_val *args, qw_val *results)
{
    (void)results;
    printf("log ");
    print_val((qw_valtype)(uintptr_t)user, &args[0]);
    printf("\n");
    return QW_TRAP_NONE;
}

/* Whether an exported function can be called from JS in both engines with default arguments. */
static bool callable(qw_func *f)
{
    uint32_t np, nr;
    const qw_valtype *pt = qw_func_params(f, &np), *rt = qw_func_results(f, &nr);
    if (np > MAX_VALS || nr > MAX_VALS)
        return false;
    for (uint32_t i = 0; i < np; i++)
        if (!type_name(pt[i]))
            return false;
    for (uint32_t i = 0; i < nr; i++)
        if (!type_name(rt[i]))
            return false;
    return true;
}

static void print_types(const qw_valtype *t, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        printf("%s\"%s\"", i ? "," : "", type_name(t[i]));
}

static void print_sigs(const qw_module *mod, const qw_instance *inst)
{
    printf("[");
    for (uint32_t i = 0, first = 1; i < qw_module_export_count(mod); i++) {
        qw_export_info e = qw_module_export(mod, i);
        qw_extern x = qw_instance_export(inst, i);
        if (e.kind != QW_EXTERN_FUNC || !callable(x.of.func))
            continue;
        uint32_t np, nr;
        const qw_valtype *pt = qw_func_params(x.of.func, &np);
        const qw_valtype *rt = qw_func_results(x.of.func, &nr);
        printf("%s\n{\"name\":\"%.*s\",\"params\":[", first ? "" : ",", (int)e.name_len, e.name);
        print_types(pt, np);
        printf("],\"results\":[");
        print_types(rt, nr);
        printf("]}");
        first = 0;
    }
    printf("]\n");
}

static bool is_name(const qw_export_info *e, const char *name)
{
    return e->name_len == strlen(name) && memcmp(e->name, name, e->name_len) == 0;
}

/* Calls every callable export as node-diff.mjs does; stops after a stack exhaustion, whose depth
 * differs between engines. */
static void run_exports(qw_store *store, const qw_module *mod, const qw_instance *inst)
{
    uint32_t n = qw_module_export_count(mod);
    qw_func *hang = NULL;
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info e = qw_module_export(mod, i);
        if (e.kind == QW_EXTERN_FUNC && is_name(&e, "hangLimitInitializer"))
            hang = qw_instance_export(inst, i).of.func;
    }
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info e = qw_module_export(mod, i);
        qw_func *f = qw_instance_export(inst, i).of.func;
        if (e.kind != QW_EXTERN_FUNC || f == hang || !callable(f))
            continue;
        if (hang)
            qw_func_call(store, hang, NULL, NULL);
        printf("call %.*s\n", (int)e.name_len, e.name);
        uint32_t nr;
        const qw_valtype *rt = qw_func_results(f, &nr);
        qw_val args[MAX_VALS], res[MAX_VALS];
        memset(args, 0, sizeof args);
        qw_trap t = qw_func_call(store, f, args, res);
        if (t == QW_TRAP_EXCEPTION)
            qw_exception_unref(qw_store_take_exception(store));
        if (t) {
            printf("trap %s\n", trap_kind(t));
            if (t == QW_TRAP_STACK_EXHAUSTED)
                break;
            continue;
        }
        printf("result");
        for (uint32_t r = 0; r < nr; r++) {
            printf(" ");
            print_val(rt[r], &res[r]);
            if (QW_VT_IS_REF(rt[r]))
                qw_ref_release(res[r].ref);
        }
        printf("\n");
    }
}

/* Writes a memory's bytes to PREFIX.NAME, for the NaN-aware comparison of difftest.sh. */
static void write_memory(const char *prefix, const char *name, size_t name_len, const uint8_t *b,
                         uint64_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.%.*s", prefix, (int)name_len, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, (size_t)len, f) != len)
        fprintf(stderr, "qw-diff: cannot write %s\n", path);
    if (f)
        fclose(f);
}

static void print_memories(const qw_module *mod, const qw_instance *inst, const char *out_prefix)
{
    for (uint32_t i = 0; i < qw_module_export_count(mod); i++) {
        qw_export_info e = qw_module_export(mod, i);
        if (e.kind != QW_EXTERN_MEMORY)
            continue;
        qw_memory *m = qw_instance_export(inst, i).of.memory;
        const uint8_t *b = qw_memory_data(m);
        uint64_t len = qw_memory_bytes(m);
        uint32_t h = 0x811c9dc5u; /* FNV-1a, 32 bits */
        for (uint64_t k = 0; k < len; k++)
            h = (h ^ b[k]) * 0x01000193u;
        printf("memory %.*s %" PRIu64 " %08" PRIx32 "\n", (int)e.name_len, e.name, len, h);
        if (out_prefix)
            write_memory(out_prefix, e.name, e.name_len, b, len);
    }
}

static qw_trap log_v128(void *user, const qw_val *args, qw_val *results)
{
    (void)user;
    (void)results;
    uint32_t lane[4];
    memcpy(lane, args[0].v128.bytes, sizeof lane); /* lanes are little-endian, as on x86-64 */
    printf("log v128:%08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n", lane[0], lane[1],
           lane[2], lane[3]);
    return QW_TRAP_NONE;
}

/* The fuzzing-support imports: log-i32, log-i64, log-f32, log-f64, log-v128. Returns 0, or 1
 * (printing "skip import") for an import the Node side does not provide either, -1 on failure. */
static int make_imports(qw_store *store, const qw_module *mod, qw_extern *imports)
{
    static const struct {
        const char *name;
        qw_valtype type;
    } logs[] = {{"log-i32", QW_I32},
                {"log-i64", QW_I64},
                {"log-f32", QW_F32},
                {"log-f64", QW_F64},
                {"log-v128", QW_V128}};
    enum { NLOGS = sizeof logs / sizeof logs[0] };
    for (uint32_t i = 0; i < qw_module_import_count(mod); i++) {
        qw_import_info im = qw_module_import(mod, i);
        size_t k = 0;
        while (k < NLOGS && !(im.name_len == strlen(logs[k].name) &&
                              memcmp(im.name, logs[k].name, im.name_len) == 0))
            k++;
        qw_externtype t;
        qw_module_import_type(mod, i, &t);
        if (k == NLOGS || im.kind != QW_EXTERN_FUNC || strcmp(im.module, "fuzzing-support") != 0 ||
            t.nparams != 1 || t.params[0] != logs[k].type || t.nresults != 0) {
            printf("skip import %s.%s\n", im.module, im.name);
            return 1;
        }
        qw_error err;
        imports[i].kind = QW_EXTERN_FUNC;
        imports[i].of.func = qw_func_new_host(store, &logs[k].type, 1, NULL, 0,
                                              logs[k].type == QW_V128 ? log_v128 : log_call,
                                              (void *)(uintptr_t)logs[k].type, NULL, &err);
        if (!imports[i].of.func) {
            fprintf(stderr, "qw-diff: %s\n", err.msg);
            return -1;
        }
    }
    return 0;
}

static int run(qw_engine *eng, const unsigned char *bytes, size_t len, bool sigs,
               const char *memory_out)
{
    qw_error err = {0};
    qw_trap trap = QW_TRAP_NONE;
    qw_module *mod = qw_module_compile(eng, bytes, len, &err);
    if (!mod) {
        printf("compile error\n"); /* the messages differ between engines */
        fprintf(stderr, "qw-diff: %s\n", err.msg);
        return 0;
    }
    qw_store *store = qw_store_new(eng, NULL);
    uint32_t ni = qw_module_import_count(mod);
    qw_extern *imports = calloc(ni ? ni : 1, sizeof *imports);
    int status = 1;
    qw_instance *inst = NULL;
    int made = store && imports ? make_imports(store, mod, imports) : -1;
    if (made >= 0)
        status = 0;
    if (made == 0) {
        inst = qw_instance_new(store, mod, imports, ni, &err, &trap);
        if (!inst && err.kind)
            printf("instantiate error %s\n", err.msg);
        else if (!inst)
            printf("instantiate trap %s\n", trap_kind(trap));
        else if (sigs)
            print_sigs(mod, inst);
        else {
            run_exports(store, mod, inst);
            print_memories(mod, inst, memory_out);
        }
    }
    qw_instance_unref(inst);
    for (uint32_t i = 0; imports && i < ni; i++)
        qw_func_unref(imports[i].of.func);
    free(imports);
    qw_store_unref(store);
    qw_module_unref(mod);
    return status;
}

int main(int argc, char **argv)
{
    bool sigs = argc == 3 && strcmp(argv[1], "--sigs") == 0;
    const char *memory_out = NULL;
    if (argc == 4 && strcmp(argv[1], "--memory-out") == 0)
        memory_out = argv[2];
    else if (argc != 2 && !sigs) {
        fprintf(stderr, "usage: qw-diff [--sigs | --memory-out PREFIX] FILE.wasm\n");
        return 2;
    }
    size_t len;
    unsigned char *bytes = read_file(argv[argc - 1], &len);
    if (!bytes) {
        fprintf(stderr, "qw-diff: cannot read %s\n", argv[argc - 1]);
        return 1;
    }
    qw_engine *eng = qw_engine_new(NULL);
    int status = eng ? run(eng, bytes, len, sigs, memory_out) : 1;
    qw_engine_free(eng);
    free(bytes);
    fflush(stdout);
    return status;
}
