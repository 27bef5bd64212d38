/* exception.c: exception objects (spec exception handling: exnref, throw, throw_ref; the JS API's
 * WebAssembly.Exception): a tag and a copy of its arguments. An exception is a reference object,
 * so it is counted through its header like every exnref. */
#include "exception.h"
#include "store.h"

#include <string.h>

qw_exception *qw_exception_new(qw_store *store, qw_tag *tag, const qw_val *args, qw_error *err)
{
    uint32_t n = tag->nparams;
    size_t size;
    if (!qw_store_flex_size(sizeof(qw_exception), n, sizeof(qw_val), &size)) {
        qw_store_fail(err, QW_ERR_LIMIT, "too many exception arguments");
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (QW_VT_IS_REF(tag->params[i]) && !qw_ref_matches(args[i].ref, tag->params[i])) {
            qw_store_fail(err, QW_ERR_INVALID, "type mismatch: exception argument %u", i);
            return NULL;
        }
    }
    qw_exception *exn = qw_alloc(store->eng, size);
    if (!exn) {
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    qw_obj_init(&exn->hdr, QW_REFKIND_EXN);
    exn->store = qw_store_ref(store);
    exn->tag = qw_tag_ref(tag);
    exn->nargs = n;
    exn->host_data = NULL;
    for (uint32_t i = 0; i < n; i++) {
        exn->args[i] = args[i];
        if (QW_VT_IS_REF(tag->params[i]))
            qw_ref_retain(args[i].ref);
    }
    return exn;
}

void qw_exception_destroy(qw_exception *exn, qw_obj **dead)
{
    qw_store *store = exn->store;
    for (uint32_t i = 0; i < exn->nargs; i++)
        if (QW_VT_IS_REF(exn->tag->params[i]))
            qw_ref_release_into(exn->args[i].ref, dead);
    qw_tag_unref(exn->tag);
    qw_free(store->eng, exn);
    qw_store_unref(store);
}

qw_exception *qw_exception_ref(qw_exception *exn)
{
    if (exn)
        qw_ref_retain(&exn->hdr);
    return exn;
}

void qw_exception_unref(qw_exception *exn)
{
    if (exn)
        qw_ref_release(&exn->hdr);
}

qw_tag *qw_exception_tag(const qw_exception *exn)
{
    return exn->tag;
}

const qw_val *qw_exception_args(const qw_exception *exn, uint32_t *nargs)
{
    *nargs = exn->nargs;
    return exn->args;
}

qw_ref qw_exception_as_ref(qw_exception *exn)
{
    return exn ? &exn->hdr : NULL;
}

qw_exception *qw_ref_as_exception(qw_ref ref)
{
    return qw_ref_kind(ref) == QW_REFKIND_EXN ? (qw_exception *)ref : NULL;
}

void qw_exception_visit(const qw_exception *exn, qw_ref_visitor fn, void *user)
{
    for (uint32_t i = 0; i < exn->nargs; i++) {
        qw_ref ref = exn->args[i].ref;
        if (QW_VT_IS_REF(exn->tag->params[i]) && ref && !qw_ref_is_i31(ref))
            fn(user, ref);
    }
}

void qw_exception_set_host_data(qw_exception *exn, void *data)
{
    exn->host_data = data;
}

void *qw_exception_host_data(const qw_exception *exn)
{
    return exn->host_data;
}
