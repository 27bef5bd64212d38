/* fake_engine.c: a stand-in for the engine's instance and call API (qw_instance_new,
 * qw_instance_export, qw_func_call, qw_store_take_exception, ...) while the engine does not have
 * them, so that exec.c's handling of imports, exports, arguments, results, traps and exceptions
 * is tested end to end (tests/spec/exec-selftest.sh). It is linked only into run-spec-fake, and
 * only while src/wasm does not define these functions.
 *
 * An instance ignores its module's code: each export behaves by its name, e.g. "add" adds two
 * i32s, "unreachable" traps, "throw" throws, "extern-id" returns its externref argument, "g" is
 * an i32 global holding 42. A module exporting "start-trap" traps while instantiating, and an
 * import of the wrong kind is a link error, as the engine reports them. */
#include "qw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct qw_instance {
    int refs;
    qw_store *store;
    qw_module *mod;
    qw_extern *exports;
    uint32_t nexports;
};

typedef struct fake_fn {
    qw_trap (*fn)(struct fake_fn *self, const qw_val *args, qw_val *results);
    qw_store *store;
} fake_fn;

/* What the engine already defines is left out (mk/spec.mk passes ENGINE_HAS_*): the fake then
 * uses the engine's. */
#if !defined(ENGINE_HAS_THROW) || !defined(ENGINE_HAS_TAKE_EXCEPTION)
/* The one pending exception of the fake (qw_store_throw / qw_store_take_exception). */
static qw_exception *pending;
#endif

#ifndef ENGINE_HAS_THROW
void qw_store_throw(qw_store *store, qw_exception *exn)
{
    (void)store;
    qw_exception_unref(pending);
    pending = exn;
}
#endif

#ifndef ENGINE_HAS_TAKE_EXCEPTION
qw_exception *qw_store_take_exception(qw_store *store)
{
    (void)store;
    qw_exception *e = pending;
    pending = NULL;
    return e;
}
#endif

static qw_trap fn_add(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f;
    r[0].i32 = a[0].i32 + a[1].i32;
    return QW_TRAP_NONE;
}

static qw_trap fn_unreachable(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a, (void)r;
    return QW_TRAP_UNREACHABLE;
}

static qw_trap fn_runaway(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a, (void)r;
    return QW_TRAP_STACK_EXHAUSTED;
}

static qw_trap fn_throw(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)a, (void)r;
    qw_error err;
    qw_tag *tag = qw_tag_new(f->store, NULL, 0, &err);
    qw_exception *exn = tag ? qw_exception_new(f->store, tag, NULL, &err) : NULL;
    qw_tag_unref(tag);
    if (!exn)
        return QW_TRAP_OOM;
    qw_store_throw(f->store, exn);
    return QW_TRAP_EXCEPTION;
}

static qw_trap fn_ref_id(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f;
    r[0].ref = qw_ref_retain(a[0].ref); /* results carry a count for the caller */
    return QW_TRAP_NONE;
}

static qw_trap fn_nan(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a;
    r[0].i32 = 0x7fc00001; /* arithmetic, not canonical */
    return QW_TRAP_NONE;
}

static qw_trap fn_v128(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a;
    static const uint32_t lanes[4] = {0x3f800000, 0xffc00000, 0x80000000, 0x7f800000};
    for (int i = 0; i < 16; i++)
        r[0].v128.bytes[i] = (uint8_t)(lanes[i / 4] >> (8 * (i % 4)));
    return QW_TRAP_NONE;
}

static qw_trap fn_two(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a;
    r[0].i32 = 1;
    r[1].i64 = 2;
    return QW_TRAP_NONE;
}

static qw_trap fn_nothing(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a, (void)r;
    return QW_TRAP_NONE;
}

#ifndef ENGINE_HAS_INTERRUPT
/* spin below stops on the watchdog's signal itself, as the engine stops at the flag this sets. */
void qw_store_interrupt(qw_store *store)
{
    (void)store;
}
#endif

/* Runs until the runner's watchdog (SIGALRM) interrupts it, as a looping interpreter would. With
 * no alarm pending it returns at once, so a broken watchdog fails the test instead of hanging. */
static qw_trap fn_spin(fake_fn *f, const qw_val *a, qw_val *r)
{
    (void)f, (void)a, (void)r;
    unsigned left = alarm(0);
    if (left == 0)
        return QW_TRAP_NONE;
    alarm(left);
    pause();
    return QW_TRAP_INTERRUPTED;
}

static const struct {
    const char *name;
    qw_trap (*fn)(fake_fn *, const qw_val *, qw_val *);
    qw_valtype params[2], results[2];
    uint32_t np, nr;
} behaviours[] = {
    {"add", fn_add, {QW_I32, QW_I32}, {QW_I32}, 2, 1},
    {"unreachable", fn_unreachable, {0}, {0}, 0, 0},
    {"runaway", fn_runaway, {0}, {0}, 0, 0},
    {"throw", fn_throw, {0}, {0}, 0, 0},
    {"extern-id", fn_ref_id, {QW_EXTERNREF}, {QW_EXTERNREF}, 1, 1},
    {"internalize", fn_ref_id, {QW_EXTERNREF}, {QW_VT_REFTYPE(1, QW_HT_ANY)}, 1, 1},
    {"nan", fn_nan, {0}, {QW_F32}, 0, 1},
    {"v128", fn_v128, {0}, {QW_V128}, 0, 1},
    {"two", fn_two, {0}, {QW_I32, QW_I64}, 0, 2},
    {"spin", fn_spin, {0}, {0}, 0, 0},
};

static qw_trap host_trampoline(void *user, const qw_val *args, qw_val *results)
{
    fake_fn *f = user;
    return f->fn(f, args, results);
}

#ifndef ENGINE_HAS_CALL
qw_trap qw_func_call(qw_store *store, qw_func *func, const qw_val *args, qw_val *results)
{
    (void)store;
    fake_fn *f = qw_func_host_user(func);
    return f ? f->fn(f, args, results) : QW_TRAP_NONE; /* spectest's print functions: no-ops */
}
#endif

static bool make_export(qw_instance *inst, const qw_export_info *info, qw_extern *out,
                        qw_error *err)
{
    if (info->name_len == 1 && info->name[0] == 'g') {
        qw_val v = {.i32 = 42};
        out->kind = QW_EXTERN_GLOBAL;
        out->of.global = qw_global_new(inst->store, QW_I32, false, &v, err);
        return out->of.global != NULL;
    }
    size_t b = 0, n = sizeof behaviours / sizeof behaviours[0];
    while (b < n && !(strlen(behaviours[b].name) == info->name_len &&
                      memcmp(behaviours[b].name, info->name, info->name_len) == 0))
        b++;
    fake_fn *f = malloc(sizeof *f);
    if (!f)
        return false;
    f->fn = b < n ? behaviours[b].fn : fn_nothing;
    f->store = inst->store;
    out->kind = QW_EXTERN_FUNC;
    out->of.func =
        qw_func_new_host(inst->store, b < n ? behaviours[b].params : NULL,
                         b < n ? behaviours[b].np : 0, b < n ? behaviours[b].results : NULL,
                         b < n ? behaviours[b].nr : 0, host_trampoline, f, free, err);
    if (!out->of.func)
        free(f);
    return out->of.func != NULL;
}

static void release_exports(qw_instance *inst)
{
    for (uint32_t i = 0; i < inst->nexports; i++) {
        if (inst->exports[i].kind == QW_EXTERN_GLOBAL)
            qw_global_unref(inst->exports[i].of.global);
        else
            qw_func_unref(inst->exports[i].of.func);
    }
    free(inst->exports);
}

qw_instance *qw_instance_new(qw_store *store, qw_module *mod, const qw_extern *imports,
                             uint32_t nimports, qw_error *err, qw_trap *trap)
{
    memset(err, 0, sizeof *err);
    *trap = QW_TRAP_NONE;
    if (nimports != qw_module_import_count(mod)) {
        err->kind = QW_ERR_LINK;
        snprintf(err->msg, sizeof err->msg, "wrong number of imports");
        return NULL;
    }
    for (uint32_t i = 0; i < nimports; i++) {
        if (imports[i].kind != qw_module_import(mod, i).kind) {
            err->kind = QW_ERR_LINK;
            snprintf(err->msg, sizeof err->msg, "incompatible import type");
            return NULL;
        }
    }
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info info = qw_module_export(mod, i);
        if (info.name_len == 10 && memcmp(info.name, "start-trap", 10) == 0) {
            *trap = QW_TRAP_OUT_OF_BOUNDS_MEMORY;
            return NULL;
        }
    }
    qw_instance *inst = calloc(1, sizeof *inst);
    if (!inst || !(inst->exports = calloc(n + 1, sizeof *inst->exports))) {
        free(inst);
        err->kind = QW_ERR_OOM;
        return NULL;
    }
    inst->refs = 1;
    inst->store = store;
    inst->mod = qw_module_ref(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info info = qw_module_export(mod, i);
        if (!make_export(inst, &info, &inst->exports[i], err)) {
            qw_instance_unref(inst);
            return NULL;
        }
        inst->nexports++;
    }
    return inst;
}

qw_instance *qw_instance_ref(qw_instance *inst)
{
    inst->refs++;
    return inst;
}

void qw_instance_unref(qw_instance *inst)
{
    if (!inst || --inst->refs > 0)
        return;
    release_exports(inst);
    qw_module_unref(inst->mod);
    free(inst);
}

qw_module *qw_instance_module(const qw_instance *inst)
{
    return inst->mod;
}

qw_extern qw_instance_export(const qw_instance *inst, uint32_t i)
{
    return inst->exports[i];
}
