/* module.c: compiling a module (decode + validate, see decode.c), its lifetime and teardown. */
#include "module.h"
#include "code.h"
#include "gc.h"

#include <string.h>

static void free_names(qw_engine *eng, qw_name *names, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        qw_free(eng, names[i].name);
    qw_free(eng, names);
}

void qw_module_free_contents(qw_module *m)
{
    qw_engine *eng = m->eng;
    qw_compile_free(m);
    qw_free(eng, m->gc_offsets);
    qw_free(eng, m->types);
    qw_free(eng, m->type_pool);
    qw_free(eng, m->mut_pool);
    for (uint32_t i = 0; i < m->nimports; i++) {
        qw_free(eng, m->imports[i].module);
        qw_free(eng, m->imports[i].name);
    }
    qw_free(eng, m->imports);
    qw_free(eng, m->funcs);
    qw_free(eng, m->tables);
    qw_free(eng, m->memories);
    qw_free(eng, m->globals);
    qw_free(eng, m->tags);
    for (uint32_t i = 0; i < m->nexports; i++)
        qw_free(eng, m->exports[i].name);
    qw_free(eng, m->exports);
    for (uint32_t i = 0; i < m->nelems; i++) {
        qw_free(eng, m->elems[i].funcs);
        qw_free(eng, m->elems[i].exprs);
    }
    qw_free(eng, m->elems);
    for (uint32_t i = 0; i < m->ndatas; i++)
        qw_free(eng, m->datas[i].bytes);
    qw_free(eng, m->datas);
    qw_free(eng, m->code);
    qw_free(eng, m->local_runs);
    qw_free(eng, m->expr_pool);
    qw_free(eng, m->func_declared);
    for (uint32_t i = 0; i < m->ncustoms; i++) {
        qw_free(eng, m->customs[i].name);
        qw_free(eng, m->customs[i].bytes);
    }
    qw_free(eng, m->customs);
    qw_free(eng, m->module_name);
    free_names(eng, m->func_names, m->nfunc_names);
    for (uint32_t i = 0; i < m->nlocal_names; i++)
        free_names(eng, m->local_names[i].names, m->local_names[i].count);
    qw_free(eng, m->local_names);
}

static qw_module *compile(qw_engine *eng, const uint8_t *bytes, size_t len, bool validate_only,
                          qw_error *err)
{
    qw_error ignored;
    if (!err) /* WebAssembly.validate only needs the outcome */
        err = &ignored;
    memset(err, 0, sizeof *err);
    err->offset = QW_NO_OFFSET;
    err->func = QW_NO_FUNC;
    qw_module *m = qw_calloc(eng, 1, sizeof *m);
    if (!m) {
        err->kind = QW_ERR_OOM;
        strcpy(err->msg, "out of memory");
        return NULL;
    }
    m->eng = eng;
    m->refcount = 1;
    if (!qw_decode_module(m, bytes, len, validate_only, err) ||
        (!validate_only && (!qw_compile_module(m, err) || !qw_gc_layout(m, err)))) {
        qw_module_free_contents(m);
        qw_free(eng, m);
        return NULL;
    }
    return m;
}

qw_module *qw_module_compile(qw_engine *eng, const uint8_t *bytes, size_t len, qw_error *err)
{
    return compile(eng, bytes, len, false, err);
}

bool qw_module_validate(qw_engine *eng, const uint8_t *bytes, size_t len, qw_error *err)
{
    qw_module *m = compile(eng, bytes, len, true, err);
    qw_module_unref(m);
    return m != NULL;
}

qw_module *qw_module_ref(qw_module *mod)
{
    __atomic_add_fetch(&mod->refcount, 1, __ATOMIC_RELAXED);
    return mod;
}

void qw_module_unref(qw_module *mod)
{
    if (!mod || __atomic_sub_fetch(&mod->refcount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    qw_engine *eng = mod->eng;
    qw_module_free_contents(mod);
    qw_free(eng, mod);
}

/* ---- introspection ------------------------------------------------------------------------- */

uint32_t qw_module_import_count(const qw_module *mod)
{
    return mod->nimports;
}

uint32_t qw_module_export_count(const qw_module *mod)
{
    return mod->nexports;
}

qw_import_info qw_module_import(const qw_module *mod, uint32_t i)
{
    const qw_import *im = &mod->imports[i];
    qw_import_info info = {im->module,   im->module_len,           im->name,
                           im->name_len, (qw_extern_kind)im->kind, im->index};
    return info;
}

qw_export_info qw_module_export(const qw_module *mod, uint32_t i)
{
    const qw_export *ex = &mod->exports[i];
    qw_export_info info = {ex->name, ex->name_len, (qw_extern_kind)ex->kind, ex->index};
    return info;
}

uint32_t qw_module_custom_count(const qw_module *mod)
{
    return mod->ncustoms;
}

const char *qw_module_custom_name(const qw_module *mod, uint32_t i, size_t *name_len)
{
    *name_len = mod->customs[i].name_len;
    return mod->customs[i].name;
}

const uint8_t *qw_module_custom_bytes(const qw_module *mod, uint32_t i, size_t *len)
{
    *len = mod->customs[i].len;
    return mod->customs[i].bytes;
}

const char *qw_module_func_name(const qw_module *mod, uint32_t funcidx, size_t *len)
{
    /* names are sorted by index (the name section requires it); binary search */
    uint32_t lo = 0, hi = mod->nfunc_names;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (mod->func_names[mid].index < funcidx)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < mod->nfunc_names && mod->func_names[lo].index == funcidx) {
        *len = mod->func_names[lo].len;
        return mod->func_names[lo].name;
    }
    return NULL;
}

/* The type of entry `index` of kind `kind`'s index space. */
static void extern_type(const qw_module *m, qw_extern_kind kind, uint32_t index, qw_externtype *out)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    switch (kind) {
    case QW_EXTERN_FUNC:
    case QW_EXTERN_TAG: {
        uint32_t t = kind == QW_EXTERN_FUNC ? m->funcs[index].type : m->tags[index].type;
        out->params = qw_type_params(m, t);
        out->nparams = m->types[t].nparams;
        out->results = qw_type_results(m, t);
        out->nresults = m->types[t].nresults;
        break;
    }
    case QW_EXTERN_TABLE:
        out->valtype = m->tables[index].elem;
        out->limits = m->tables[index].limits;
        break;
    case QW_EXTERN_MEMORY:
        out->limits = m->memories[index].limits;
        break;
    case QW_EXTERN_GLOBAL:
        out->valtype = m->globals[index].type;
        out->mutable_ = m->globals[index].mut;
        break;
    }
}

void qw_module_import_type(const qw_module *mod, uint32_t i, qw_externtype *out)
{
    extern_type(mod, (qw_extern_kind)mod->imports[i].kind, mod->imports[i].index, out);
}

void qw_module_export_type(const qw_module *mod, uint32_t i, qw_externtype *out)
{
    extern_type(mod, (qw_extern_kind)mod->exports[i].kind, mod->exports[i].index, out);
}
