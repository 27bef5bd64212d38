/* exec.c: the runner's execution side (see exec.h): the spectest module as the reference
 * interpreter defines it (spec-tests/README.md), import resolution by module and field name,
 * and actions with their arguments and results converted between the script and the engine. */
#include "exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Host values of (ref.extern N) and (ref.host N): w[0] = N, w[1] = 1 for ref.host. */
static void release_host(void *user, qw_hostval *v)
{
    (void)user;
    (void)v;
}

static qw_trap print_fn(void *user, const qw_val *args, qw_val *results)
{
    (void)user;
    (void)args;
    (void)results;
    return QW_TRAP_NONE;
}

static qw_func *new_print(exec_state *x, const qw_valtype *params, uint32_t n)
{
    qw_error err = {0};
    return qw_func_new_host(x->store, params, n, NULL, 0, print_fn, NULL, NULL, &err);
}

bool exec_init(exec_state *x, qw_engine *eng)
{
    memset(x, 0, sizeof *x);
    x->eng = eng;
    qw_store_config cfg = {.host_release = release_host};
    x->store = qw_store_new(eng, &cfg);
    if (!x->store)
        return false;
    qw_error err = {0};
    qw_val v = {0};
    v.i32 = 666;
    x->g_i32 = qw_global_new(x->store, QW_I32, false, &v, &err);
    v.i64 = 666;
    x->g_i64 = qw_global_new(x->store, QW_I64, false, &v, &err);
    v.i64 = 0;
    v.f32 = 666.6f;
    x->g_f32 = qw_global_new(x->store, QW_F32, false, &v, &err);
    v.f64 = 666.6;
    x->g_f64 = qw_global_new(x->store, QW_F64, false, &v, &err);
    x->table = qw_table_new(x->store, QW_FUNCREF, 10, 20, false, NULL, &err);
    x->table64 = qw_table_new(x->store, QW_FUNCREF, 10, 20, true, NULL, &err);
    x->memory = qw_memory_new(x->store, 1, 2, false, false, &err);
    static const qw_valtype p_i32[] = {QW_I32}, p_i64[] = {QW_I64}, p_f32[] = {QW_F32},
                            p_f64[] = {QW_F64}, p_i32_f32[] = {QW_I32, QW_F32},
                            p_f64_f64[] = {QW_F64, QW_F64};
    x->print[0] = new_print(x, NULL, 0);
    x->print[1] = new_print(x, p_i32, 1);
    x->print[2] = new_print(x, p_i64, 1);
    x->print[3] = new_print(x, p_f32, 1);
    x->print[4] = new_print(x, p_f64, 1);
    x->print[5] = new_print(x, p_i32_f32, 2);
    x->print[6] = new_print(x, p_f64_f64, 2);
    bool ok = x->g_i32 && x->g_i64 && x->g_f32 && x->g_f64 && x->table && x->table64 && x->memory;
    for (int i = 0; i < 7; i++)
        ok = ok && x->print[i];
    return ok;
}

void exec_fini(exec_state *x)
{
    for (size_t i = x->ninsts; i-- > 0;)
        qw_instance_unref(x->insts[i].inst);
    free(x->insts);
    free(x->regs);
    qw_global_unref(x->g_i32);
    qw_global_unref(x->g_i64);
    qw_global_unref(x->g_f32);
    qw_global_unref(x->g_f64);
    qw_table_unref(x->table);
    qw_table_unref(x->table64);
    qw_memory_unref(x->memory);
    for (int i = 0; i < 7; i++)
        qw_func_unref(x->print[i]);
    /* instances kept alive only through the spectest table (a failed instantiation's functions
     * stay in it) go now */
    qw_store_collect(x->store);
    qw_store_unref(x->store);
    memset(x, 0, sizeof *x);
}

static bool name_is(const char *p, size_t len, const char *s)
{
    return len == strlen(s) && memcmp(p, s, len) == 0;
}

static bool spectest_export(exec_state *x, const qw_import_info *imp, qw_extern *out)
{
    static const char *const prints[] = {"print",     "print_i32",     "print_i64",    "print_f32",
                                         "print_f64", "print_i32_f32", "print_f64_f64"};
    const char *n = imp->name;
    size_t len = imp->name_len;
    for (int i = 0; i < 7; i++) {
        if (name_is(n, len, prints[i])) {
            *out = (qw_extern){.kind = QW_EXTERN_FUNC, .of.func = x->print[i]};
            return true;
        }
    }
    struct {
        const char *name;
        qw_extern_kind kind;
        void *obj;
    } objs[] = {
        {"global_i32", QW_EXTERN_GLOBAL, x->g_i32}, {"global_i64", QW_EXTERN_GLOBAL, x->g_i64},
        {"global_f32", QW_EXTERN_GLOBAL, x->g_f32}, {"global_f64", QW_EXTERN_GLOBAL, x->g_f64},
        {"table", QW_EXTERN_TABLE, x->table},       {"table64", QW_EXTERN_TABLE, x->table64},
        {"memory", QW_EXTERN_MEMORY, x->memory},
    };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        if (name_is(n, len, objs[i].name)) {
            out->kind = objs[i].kind;
            out->of.func = NULL;
            if (objs[i].kind == QW_EXTERN_GLOBAL)
                out->of.global = objs[i].obj;
            else if (objs[i].kind == QW_EXTERN_TABLE)
                out->of.table = objs[i].obj;
            else
                out->of.memory = objs[i].obj;
            return true;
        }
    }
    return false;
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
    if (name_is(imp->module, imp->module_len, "spectest"))
        return spectest_export(x, imp, out);
    for (size_t i = x->nregs; i-- > 0;) {
        const exec_reg *r = &x->regs[i];
        if (r->name.len == imp->module_len && memcmp(r->name.data, imp->module, r->name.len) == 0)
            return find_export(r->inst, imp->name, imp->name_len, out);
    }
    return false;
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
    exec_reg *r = realloc(x->regs, (x->nregs + 1) * sizeof *r);
    if (!r)
        return false;
    x->regs = r;
    x->regs[x->nregs++] = (exec_reg){name, inst};
    return true;
}

static bool arg_to_val(exec_state *x, const wast_value *a, qw_val *v)
{
    memset(v, 0, sizeof *v);
    switch (a->type) {
    case WAST_I32:
    case WAST_F32:
        v->i32 = a->u.i32;
        return true;
    case WAST_I64:
    case WAST_F64:
        v->i64 = a->u.i64;
        return true;
    case WAST_V128:
        memcpy(v->v128.bytes, a->u.v128, 16);
        return true;
    case WAST_REF:
        if (a->u.ref.kind == WAST_REF_NULL) {
            v->ref = NULL;
            return true;
        } else {
            qw_hostval hv = {{a->u.ref.host, a->u.ref.kind == WAST_REF_HOST}};
            qw_error err = {0};
            return qw_extern_new(x->store, &hv, &v->ref, &err);
        }
    }
    return false;
}

static spec_value val_to_spec(qw_valtype t, const qw_val *v)
{
    spec_value s;
    memset(&s, 0, sizeof s);
    switch (QW_VT_CODE(t)) {
    case QW_I32:
        s.type = WAST_I32;
        s.u.i32 = v->i32;
        break;
    case QW_F32:
        s.type = WAST_F32;
        s.u.i32 = v->i32;
        break;
    case QW_I64:
        s.type = WAST_I64;
        s.u.i64 = v->i64;
        break;
    case QW_F64:
        s.type = WAST_F64;
        s.u.i64 = v->i64;
        break;
    case QW_V128:
        s.type = WAST_V128;
        memcpy(s.u.v128, v->v128.bytes, 16);
        break;
    default: {
        s.type = WAST_REF;
        qw_hostval *hv;
        switch (qw_ref_kind(v->ref)) {
        case QW_REFKIND_NULL:
            s.u.ref.kind = SPEC_REF_NULL;
            break;
        case QW_REFKIND_FUNC:
            s.u.ref.kind = SPEC_REF_FUNC;
            break;
        case QW_REFKIND_EXTERN:
            hv = qw_extern_host(v->ref);
            s.u.ref.kind = hv->w[1] ? SPEC_REF_HOST : SPEC_REF_EXTERN_HOST;
            s.u.ref.host = (uint32_t)hv->w[0];
            break;
        case QW_REFKIND_EXN:
            s.u.ref.kind = SPEC_REF_EXN;
            break;
        case QW_REFKIND_I31:
            s.u.ref.kind = SPEC_REF_I31;
            break;
        case QW_REFKIND_STRUCT:
            s.u.ref.kind = SPEC_REF_STRUCT;
            break;
        case QW_REFKIND_ARRAY:
            s.u.ref.kind = SPEC_REF_ARRAY;
            break;
        }
        break;
    }
    }
    return s;
}

static void do_get(const qw_extern *e, exec_result *out)
{
    if (e->kind != QW_EXTERN_GLOBAL) {
        snprintf(out->what, sizeof out->what, "export is not a global");
        return;
    }
    qw_val v;
    qw_global_get(e->of.global, &v);
    out->vals[0] = val_to_spec(qw_global_type(e->of.global), &v);
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
    for (; ok && made < np; made++)
        ok = arg_to_val(x, &a->args[made], &args[made]);
    if (!ok) {
        snprintf(out->what, sizeof out->what, "runner out of memory");
    } else {
        out->trap = qw_func_call(x->store, e->of.func, args, res);
        if (out->trap == QW_TRAP_EXCEPTION)
            qw_exception_unref(qw_store_take_exception(x->store));
        if (out->trap == QW_TRAP_NONE) {
            for (uint32_t i = 0; i < nr; i++) {
                out->vals[i] = val_to_spec(rt[i], &res[i]);
                if (QW_VT_IS_REF(rt[i]))
                    qw_ref_release(res[i].ref);
            }
            out->nvals = nr;
        }
    }
    for (uint32_t i = 0; i < made; i++) {
        if (a->args[i].type == WAST_REF)
            qw_ref_release(args[i].ref);
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
