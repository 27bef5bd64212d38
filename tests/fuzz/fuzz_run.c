/* fuzz_run: libFuzzer target that instantiates a module with generated stub imports and calls
 * every exported function with default arguments. Execution is bounded by a watchdog thread that
 * interrupts the store after a time budget (the engine checks interrupts at loop back-edges and
 * calls), so an infinite loop is a clean QW_TRAP_INTERRUPTED, not a fuzzer timeout. */
#include "qw.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CALL_BUDGET_MS 20
#define MAX_VALS       64

/* The watchdog: one thread for the whole run, watching the store of the current call. */
static pthread_mutex_t wd_lock = PTHREAD_MUTEX_INITIALIZER;
static qw_store *wd_store;
static struct timespec wd_deadline;

static bool after(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

static void *watchdog(void *arg)
{
    (void)arg;
    const struct timespec tick = {0, 2 * 1000 * 1000};
    for (;;) {
        nanosleep(&tick, NULL);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        pthread_mutex_lock(&wd_lock);
        if (wd_store && after(&now, &wd_deadline))
            qw_store_interrupt(wd_store);
        pthread_mutex_unlock(&wd_lock);
    }
    return NULL;
}

static void start_watchdog(void)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, watchdog, NULL) != 0)
        abort();
    pthread_detach(thread);
}

/* Arms the watchdog for store (a budget of CALL_BUDGET_MS from now), or disarms it with NULL. */
static void watch(qw_store *store)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, start_watchdog);
    pthread_mutex_lock(&wd_lock);
    wd_store = store;
    if (store) {
        clock_gettime(CLOCK_MONOTONIC, &wd_deadline);
        wd_deadline.tv_nsec += CALL_BUDGET_MS * 1000L * 1000L;
        if (wd_deadline.tv_nsec >= 1000000000L) {
            wd_deadline.tv_sec++;
            wd_deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_unlock(&wd_lock);
}

/* A stub function returns the default value of each result; a non-nullable reference has none,
 * so it traps instead. */
static qw_trap stub_call(void *user, const qw_val *args, qw_val *results)
{
    const qw_externtype *t = user;
    (void)args;
    for (uint32_t i = 0; i < t->nresults; i++) {
        if (QW_VT_IS_REF(t->results[i]) && !QW_VT_NULLABLE(t->results[i]))
            return QW_TRAP_HOST;
        memset(&results[i], 0, sizeof results[i]);
    }
    return QW_TRAP_NONE;
}

static bool make_import(qw_store *store, qw_externtype *t, qw_extern *out)
{
    qw_error err;
    out->kind = t->kind;
    switch (t->kind) {
    case QW_EXTERN_FUNC:
        out->of.func = qw_func_new_host(store, t->params, t->nparams, t->results, t->nresults,
                                        stub_call, t, NULL, &err);
        return out->of.func != NULL;
    case QW_EXTERN_TABLE:
        out->of.table =
            qw_table_new(store, t->valtype, t->limits.min,
                         t->limits.has_max ? t->limits.max : QW_NO_MAX, t->limits.is64, NULL, &err);
        return out->of.table != NULL;
    case QW_EXTERN_MEMORY:
        out->of.memory =
            qw_memory_new(store, t->limits.min, t->limits.has_max ? t->limits.max : QW_NO_MAX,
                          t->limits.is64, t->limits.shared, &err);
        return out->of.memory != NULL;
    case QW_EXTERN_GLOBAL:
        out->of.global = qw_global_new(store, t->valtype, t->mutable_, NULL, &err);
        return out->of.global != NULL;
    case QW_EXTERN_TAG:
        out->of.tag = qw_tag_new(store, t->params, t->nparams, &err);
        return out->of.tag != NULL;
    }
    return false;
}

static void drop_extern(qw_extern *e)
{
    switch (e->kind) {
    case QW_EXTERN_FUNC:
        qw_func_unref(e->of.func);
        break;
    case QW_EXTERN_TABLE:
        qw_table_unref(e->of.table);
        break;
    case QW_EXTERN_MEMORY:
        qw_memory_unref(e->of.memory);
        break;
    case QW_EXTERN_GLOBAL:
        qw_global_unref(e->of.global);
        break;
    case QW_EXTERN_TAG:
        qw_tag_unref(e->of.tag);
        break;
    }
}

/* Calls one exported function with zero / null arguments; skipped when a parameter is a
 * non-nullable reference (no default exists) or there are too many values. */
static void call_export(qw_store *store, qw_func *f)
{
    uint32_t np, nr;
    const qw_valtype *pt = qw_func_params(f, &np);
    const qw_valtype *rt = qw_func_results(f, &nr);
    if (np > MAX_VALS || nr > MAX_VALS)
        return;
    for (uint32_t i = 0; i < np; i++)
        if (QW_VT_IS_REF(pt[i]) && !QW_VT_NULLABLE(pt[i]))
            return;
    qw_val args[MAX_VALS], res[MAX_VALS];
    memset(args, 0, sizeof args);
    watch(store);
    qw_trap trap = qw_func_call(store, f, args, res);
    watch(NULL);
    if (trap == QW_TRAP_EXCEPTION)
        qw_exception_unref(qw_store_take_exception(store));
    if (trap == QW_TRAP_NONE)
        for (uint32_t i = 0; i < nr; i++)
            if (QW_VT_IS_REF(rt[i]))
                qw_ref_release(res[i].ref);
}

static void run(qw_engine *eng, qw_module *mod)
{
    qw_store_config cfg = {0};
    cfg.max_memory_bytes = 256u << 20; /* fuzzing: keep address space and RSS small */
    cfg.max_table_elems = 100000;
    cfg.stack_bytes = 256u << 10;
    qw_store *store = qw_store_new(eng, &cfg);
    if (!store)
        return;
    uint32_t ni = qw_module_import_count(mod), made = 0;
    qw_externtype *types = calloc(ni ? ni : 1, sizeof *types);
    qw_extern *imports = calloc(ni ? ni : 1, sizeof *imports);
    if (!types || !imports)
        goto done;
    for (; made < ni; made++) {
        qw_module_import_type(mod, made, &types[made]);
        if (!make_import(store, &types[made], &imports[made]))
            goto done;
    }
    qw_error err = {0};
    qw_trap trap = QW_TRAP_NONE;
    watch(store);
    qw_instance *inst = qw_instance_new(store, mod, imports, ni, &err, &trap);
    watch(NULL);
    if (trap == QW_TRAP_EXCEPTION)
        qw_exception_unref(qw_store_take_exception(store));
    if (inst) {
        for (uint32_t i = 0; i < qw_module_export_count(mod); i++) {
            qw_extern e = qw_instance_export(inst, i);
            if (e.kind == QW_EXTERN_FUNC)
                call_export(store, e.of.func);
        }
        qw_instance_unref(inst);
    }
done:
    for (uint32_t i = 0; i < made; i++)
        drop_extern(&imports[i]);
    free(imports);
    free(types);
    /* An imported table may hold the instance's own functions (a cycle through the instance):
     * after dropping our references the store must look for unreachable instances. */
    qw_store_collect(store);
    qw_store_unref(store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qw_engine *eng = qw_engine_new(NULL);
    if (!eng)
        return 0;
    qw_module *mod = qw_module_compile(eng, data, size, NULL);
    if (mod)
        run(eng, mod);
    qw_module_unref(mod);
    qw_engine_free(eng);
    return 0;
}
