/* registry.c: the import registry of a script run and the suite's "spectest" host module
 * (the reference interpreter's host/spectest.ml defines the same exports). */
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void spec_extern_ref(const qw_extern *ext)
{
    switch (ext->kind) {
    case QW_EXTERN_FUNC:
        qw_func_ref(ext->of.func);
        break;
    case QW_EXTERN_TABLE:
        qw_table_ref(ext->of.table);
        break;
    case QW_EXTERN_MEMORY:
        qw_memory_ref(ext->of.memory);
        break;
    case QW_EXTERN_GLOBAL:
        qw_global_ref(ext->of.global);
        break;
    case QW_EXTERN_TAG:
        qw_tag_ref(ext->of.tag);
        break;
    }
}

void spec_extern_unref(const qw_extern *ext)
{
    switch (ext->kind) {
    case QW_EXTERN_FUNC:
        qw_func_unref(ext->of.func);
        break;
    case QW_EXTERN_TABLE:
        qw_table_unref(ext->of.table);
        break;
    case QW_EXTERN_MEMORY:
        qw_memory_unref(ext->of.memory);
        break;
    case QW_EXTERN_GLOBAL:
        qw_global_unref(ext->of.global);
        break;
    case QW_EXTERN_TAG:
        qw_tag_unref(ext->of.tag);
        break;
    }
}

static char *dup_bytes(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = 0;
    }
    return s;
}

bool spec_registry_add(spec_registry *r, const char *module, size_t module_len, const char *name,
                       size_t name_len, const qw_extern *ext)
{
    spec_registry_entry *e = realloc(r->e, (r->n + 1) * sizeof *e);
    if (!e)
        return false;
    r->e = e;
    e = &r->e[r->n];
    e->module = dup_bytes(module, module_len);
    e->name = dup_bytes(name, name_len);
    if (!e->module || !e->name) {
        free(e->module);
        free(e->name);
        return false;
    }
    e->module_len = module_len;
    e->name_len = name_len;
    e->ext = *ext;
    spec_extern_ref(ext);
    r->n++;
    return true;
}

const qw_extern *spec_registry_find(const spec_registry *r, const char *module, size_t module_len,
                                    const char *name, size_t name_len)
{
    for (size_t i = r->n; i-- > 0;) {
        const spec_registry_entry *e = &r->e[i];
        if (e->module_len == module_len && e->name_len == name_len &&
            memcmp(e->module, module, module_len) == 0 && memcmp(e->name, name, name_len) == 0)
            return &e->ext;
    }
    return NULL;
}

void spec_registry_free(spec_registry *r)
{
    for (size_t i = 0; i < r->n; i++) {
        spec_extern_unref(&r->e[i].ext);
        free(r->e[i].module);
        free(r->e[i].name);
    }
    free(r->e);
    r->e = NULL;
    r->n = 0;
}

/* The print functions only need to exist with the right types: output would drown the report. */
static qw_trap print_fn(void *user, const qw_val *args, qw_val *results)
{
    (void)user, (void)args, (void)results;
    return QW_TRAP_NONE;
}

/* Adds one object under "spectest" and drops the creator's reference, so the registry owns it. */
static bool add_owned(spec_registry *r, const char *name, qw_extern ext)
{
    bool ok = spec_registry_add(r, "spectest", 8, name, strlen(name), &ext);
    spec_extern_unref(&ext);
    return ok;
}

static bool add_global(spec_registry *r, qw_store *store, const char *name, qw_valtype t, qw_val v,
                       qw_error *err)
{
    qw_extern ext = {QW_EXTERN_GLOBAL, {.global = qw_global_new(store, t, false, &v, err)}};
    return ext.of.global && add_owned(r, name, ext);
}

static bool add_print(spec_registry *r, qw_store *store, const char *name, const qw_valtype *params,
                      uint32_t nparams, qw_error *err)
{
    qw_extern ext = {.kind = QW_EXTERN_FUNC};
    ext.of.func = qw_func_new_host(store, params, nparams, NULL, 0, print_fn, NULL, NULL, err);
    return ext.of.func && add_owned(r, name, ext);
}

static bool oom(qw_error *err)
{
    if (err->kind == QW_ERR_NONE) {
        err->kind = QW_ERR_OOM;
        snprintf(err->msg, sizeof err->msg, "out of memory");
    }
    return false;
}

bool spec_registry_add_spectest(spec_registry *r, qw_store *store, qw_error *err)
{
    static const qw_valtype i32[] = {QW_I32}, i64[] = {QW_I64}, f32[] = {QW_F32}, f64[] = {QW_F64},
                            i32_f32[] = {QW_I32, QW_F32}, f64_f64[] = {QW_F64, QW_F64};
    memset(err, 0, sizeof *err);
    /* 666.6 rounded to each format: the reference interpreter parses the same literal */
    qw_val gi32 = {.i32 = 666}, gi64 = {.i64 = 666}, gf32 = {.f32 = 666.6f}, gf64 = {.f64 = 666.6};
    qw_extern tab = {.kind = QW_EXTERN_TABLE}, tab64 = {.kind = QW_EXTERN_TABLE},
              mem = {.kind = QW_EXTERN_MEMORY};
    if (!add_global(r, store, "global_i32", QW_I32, gi32, err) ||
        !add_global(r, store, "global_i64", QW_I64, gi64, err) ||
        !add_global(r, store, "global_f32", QW_F32, gf32, err) ||
        !add_global(r, store, "global_f64", QW_F64, gf64, err))
        return oom(err);
    if (!(tab.of.table = qw_table_new(store, QW_FUNCREF, 10, 20, false, NULL, err)) ||
        !add_owned(r, "table", tab))
        return oom(err);
    if (!(tab64.of.table = qw_table_new(store, QW_FUNCREF, 10, 20, true, NULL, err)) ||
        !add_owned(r, "table64", tab64))
        return oom(err);
    if (!(mem.of.memory = qw_memory_new(store, 1, 2, false, false, err)) ||
        !add_owned(r, "memory", mem))
        return oom(err);
    if (!add_print(r, store, "print", NULL, 0, err) ||
        !add_print(r, store, "print_i32", i32, 1, err) ||
        !add_print(r, store, "print_i64", i64, 1, err) ||
        !add_print(r, store, "print_f32", f32, 1, err) ||
        !add_print(r, store, "print_f64", f64, 1, err) ||
        !add_print(r, store, "print_i32_f32", i32_f32, 2, err) ||
        !add_print(r, store, "print_f64_f64", f64_f64, 2, err))
        return oom(err);
    return true;
}
