/* exec.c: the runner's execution side (see exec.h): the spectest module as the reference
 * interpreter defines it (spec-tests/README.md), import resolution by module and field name,
 * and actions with their arguments and results converted between the script and the engine. */
#include "exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool exec_init(exec_state *x, qw_engine *eng)
{
    memset(x, 0, sizeof *x);
    x->eng = eng;
    x->store = qw_store_new(eng, NULL);
    if (!x->store)
        return false;
    x->refs.store = x->store;
    qw_error err = {0};
    return spec_registry_add_spectest(&x->reg, x->store, &err);
}

void exec_fini(exec_state *x)
{
    spec_registry_free(&x->reg);
    spec_hostrefs_free(&x->refs);
    for (size_t i = x->ninsts; i-- > 0;)
        qw_instance_unref(x->insts[i].inst);
    free(x->insts);
    /* instances kept alive only through objects the runner held (a failed instantiation's
     * functions stay in the spectest table) go now */
    qw_store_collect(x->store);
    qw_store_unref(x->store);
    memset(x, 0, sizeof *x);
}

static bool find_export(const qw_instance *inst, const char *name, size_t len, qw_extern *out)
{
    const qw_module *mod = qw_instance_module(inst);
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info e = qw_module_export(mod, i);
        if (e.name_len == len && memcmp(e.name, name, len) == 0) {
            *out = qw_instance_export(inst, i);
            return true;
        }
    }
    return false;
}

static bool resolve(exec_state *x, const qw_import_info *imp, qw_extern *out)
{
    const qw_extern *e =
        spec_registry_find(&x->reg, imp->module, imp->module_len, imp->name, imp->name_len);
    if (e)
        *out = *e;
    return e != NULL;
}

static qw_instance *find_inst(exec_state *x, const char *id)
{
    if (!id)
        return x->cur;
    for (size_t i = x->ninsts; i-- > 0;) {
        if (x->insts[i].id && strcmp(x->insts[i].id, id) == 0)
            return x->insts[i].inst;
    }
    return NULL;
}

void exec_instantiate(exec_state *x, qw_module *mod, const char *id, exec_result *out)
{
    memset(out, 0, sizeof *out);
    uint32_t n = qw_module_import_count(mod);
    qw_extern *imports = calloc(n + 1, sizeof *imports);
    if (!imports) {
        snprintf(out->what, sizeof out->what, "runner out of memory");
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        qw_import_info imp = qw_module_import(mod, i);
        if (!resolve(x, &imp, &imports[i])) {
            out->err.kind = QW_ERR_LINK;
            snprintf(out->err.msg, sizeof out->err.msg, "unknown import \"%.*s\" \"%.*s\"",
                     (int)imp.module_len, imp.module, (int)imp.name_len, imp.name);
            free(imports);
            return;
        }
    }
    qw_instance *inst = qw_instance_new(x->store, mod, imports, n, &out->err, &out->trap);
    free(imports);
    if (out->trap == QW_TRAP_EXCEPTION) {
        qw_exception *e = qw_store_take_exception(x->store);
        qw_exception_unref(e);
    }
    if (!inst)
        return;
    exec_inst *a = realloc(x->insts, (x->ninsts + 1) * sizeof *a);
    if (!a) {
        qw_instance_unref(inst);
        snprintf(out->what, sizeof out->what, "runner out of memory");
        return;
    }
    x->insts = a;
    x->insts[x->ninsts++] = (exec_inst){id, inst};
    x->cur = inst;
}

bool exec_register(exec_state *x, wast_bytes name, const char *id)
{
    qw_instance *inst = find_inst(x, id);
    if (!inst)
        return false;
    const qw_module *mod = qw_instance_module(inst);
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info e = qw_module_export(mod, i);
        qw_extern ext = qw_instance_export(inst, i);
        if (!spec_registry_add(&x->reg, (const char *)name.data, name.len, e.name, e.name_len,
                               &ext))
            return false;
    }
    return true;
}

static void do_get(const qw_extern *e, exec_result *out)
{
    if (e->kind != QW_EXTERN_GLOBAL) {
        snprintf(out->what, sizeof out->what, "export is not a global");
        return;
    }
    qw_val v;
    qw_global_get(e->of.global, &v);
    out->vals[0] = spec_value_from_qw(qw_global_type(e->of.global), &v);
    out->nvals = 1;
}

static void do_invoke(exec_state *x, const wast_action *a, const qw_extern *e, exec_result *out)
{
    if (e->kind != QW_EXTERN_FUNC) {
        snprintf(out->what, sizeof out->what, "export is not a function");
        return;
    }
    uint32_t np, nr;
    const qw_valtype *pt = qw_func_params(e->of.func, &np);
    const qw_valtype *rt = qw_func_results(e->of.func, &nr);
    if (np != a->nargs || nr > 64) {
        snprintf(out->what, sizeof out->what, "wrong number of arguments: %u expected, %zu given",
                 np, a->nargs);
        return;
    }
    (void)pt;
    qw_val *args = calloc(np + 1, sizeof *args);
    qw_val *res = calloc(nr + 1, sizeof *res);
    bool ok = args && res;
    uint32_t made = 0;
    for (; ok && made < np; made++) {
        spec_value sv = spec_value_from_const(&a->args[made]);
        qw_error err = {0};
        ok = spec_value_to_qw(&x->refs, &sv, &args[made], &err);
    }
    if (!ok) {
        snprintf(out->what, sizeof out->what, "runner out of memory");
    } else {
        out->trap = qw_func_call(x->store, e->of.func, args, res);
        if (out->trap == QW_TRAP_EXCEPTION)
            qw_exception_unref(qw_store_take_exception(x->store));
        if (out->trap == QW_TRAP_NONE) {
            for (uint32_t i = 0; i < nr; i++) {
                out->vals[i] = spec_value_from_qw(rt[i], &res[i]);
                if (QW_VT_IS_REF(rt[i]))
                    qw_ref_release(res[i].ref);
            }
            out->nvals = nr;
        }
    }
    free(args);
    free(res);
}

void exec_action(exec_state *x, const wast_action *a, exec_result *out)
{
    memset(out, 0, sizeof *out);
    qw_instance *inst = find_inst(x, a->inst);
    qw_extern e;
    if (!inst) {
        snprintf(out->what, sizeof out->what, "no instance %s", a->inst ? a->inst : "(current)");
        return;
    }
    if (!find_export(inst, (const char *)a->name.data, a->name.len, &e)) {
        snprintf(out->what, sizeof out->what, "no export \"%.*s\"", (int)a->name.len,
                 (const char *)a->name.data);
        return;
    }
    if (a->kind == WAST_GET)
        do_get(&e, out);
    else
        do_invoke(x, a, &e, out);
}
