/* func.c: function objects (spec "Function instances"). A host function is a C callback with a
 * typed signature and user data (the JS API wraps JS functions this way); the interpreter will
 * call it. */
#include "func.h"
#include "store.h"

#include <string.h>

qw_func *qw_func_new_host(qw_store *store, const qw_valtype *params, uint32_t nparams,
                          const qw_valtype *results, uint32_t nresults, qw_host_fn fn, void *user,
                          void (*finalize)(void *user), qw_error *err)
{
    if (!fn) {
        qw_store_fail(err, QW_ERR_INVALID, "host function without a callback");
        return NULL;
    }
    for (uint32_t i = 0; i < nparams + (uint64_t)nresults; i++) {
        qw_valtype t = i < nparams ? params[i] : results[i - nparams];
        if (!qw_ref_valtype_ok(t)) {
            qw_store_fail(err, QW_ERR_INVALID, "malformed value type 0x%x", t);
            return NULL;
        }
    }
    uint64_t ntypes = (uint64_t)nparams + nresults;
    size_t size;
    if (!qw_store_flex_size(sizeof(qw_func), ntypes, sizeof(qw_valtype), &size)) {
        qw_store_fail(err, QW_ERR_LIMIT, "too many parameters and results");
        return NULL;
    }
    qw_func *func = qw_alloc(store->eng, size);
    if (!func) {
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    qw_obj_init(&func->hdr, QW_REFKIND_FUNC);
    func->store = qw_store_ref(store);
    func->nparams = nparams;
    func->nresults = nresults;
    func->host_fn = fn;
    func->host_user = user;
    func->host_finalize = finalize;
    func->inst = NULL;
    func->index = func->type = 0;
    func->code = NULL;
    func->host_data = NULL;
    if (nparams)
        memcpy(func->types, params, nparams * sizeof(qw_valtype));
    if (nresults)
        memcpy(func->types + nparams, results, nresults * sizeof(qw_valtype));
    return func;
}

void qw_func_destroy(qw_func *func)
{
    qw_store *store = func->store;
    if (func->host_finalize)
        func->host_finalize(func->host_user);
    qw_free(store->eng, func);
    qw_store_unref(store);
}

qw_func *qw_func_ref(qw_func *func)
{
    if (func)
        qw_ref_retain(&func->hdr);
    return func;
}

void qw_func_unref(qw_func *func)
{
    if (func)
        qw_ref_release(&func->hdr);
}

const qw_valtype *qw_func_params(const qw_func *func, uint32_t *nparams)
{
    *nparams = func->nparams;
    return func->types;
}

const qw_valtype *qw_func_results(const qw_func *func, uint32_t *nresults)
{
    *nresults = func->nresults;
    return func->types + func->nparams;
}

bool qw_func_is_host(const qw_func *func)
{
    return func->host_fn != NULL;
}

void *qw_func_host_user(const qw_func *func)
{
    return func->host_fn ? func->host_user : NULL;
}

uint32_t qw_func_index(const qw_func *func)
{
    return func->inst ? func->index : QW_NO_FUNC;
}

qw_ref qw_func_as_ref(qw_func *func)
{
    return func ? &func->hdr : NULL;
}

qw_func *qw_ref_as_func(qw_ref ref)
{
    return qw_ref_kind(ref) == QW_REFKIND_FUNC ? (qw_func *)ref : NULL;
}

void qw_func_set_host_data(qw_func *func, void *data)
{
    func->host_data = data;
}

void *qw_func_host_data(const qw_func *func)
{
    return func->host_data;
}
