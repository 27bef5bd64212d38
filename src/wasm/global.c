/* global.c: globals (spec "Global instances"; the JS API's WebAssembly.Global) of every value type,
 * v128 and references included. A reference-typed global holds one count on its value. */
#include "global.h"
#include "ref.h"
#include "store.h"

#include <string.h>

qw_global *qw_global_new(qw_store *store, qw_valtype type, bool mutable_, const qw_val *init,
                         qw_error *err)
{
    static const qw_val zero; /* the default value of every type */
    if (!init)
        init = &zero;
    if (!qw_ref_valtype_ok(type)) {
        qw_store_fail(err, QW_ERR_INVALID, "malformed value type 0x%x", type);
        return NULL;
    }
    if (QW_VT_IS_REF(type) && !qw_ref_matches(init->ref, type)) {
        qw_store_fail(err, QW_ERR_INVALID,
                      "type mismatch: initial value is not of the global's type");
        return NULL;
    }
    qw_global *glob = qw_calloc(store->eng, 1, sizeof *glob);
    if (!glob) {
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    glob->store = qw_store_ref(store);
    glob->refs = 1;
    glob->type = type;
    glob->mutable_ = mutable_;
    glob->val = *init;
    if (QW_VT_IS_REF(type))
        qw_ref_retain(init->ref);
    return glob;
}

qw_global *qw_global_ref(qw_global *glob)
{
    if (glob)
        glob->refs++;
    return glob;
}

void qw_global_unref(qw_global *glob)
{
    if (!glob || --glob->refs != 0)
        return;
    qw_store *store = glob->store;
    if (QW_VT_IS_REF(glob->type))
        qw_ref_release(glob->val.ref);
    qw_free(store->eng, glob);
    qw_store_unref(store);
}

qw_valtype qw_global_type(const qw_global *glob)
{
    return glob->type;
}

bool qw_global_is_mutable(const qw_global *glob)
{
    return glob->mutable_;
}

size_t qw_global_refcount(const qw_global *glob)
{
    return glob->refs;
}

void qw_global_get(const qw_global *glob, qw_val *out)
{
    *out = glob->val;
}

bool qw_global_set(qw_global *glob, const qw_val *val)
{
    if (!glob->mutable_)
        return false;
    if (QW_VT_IS_REF(glob->type)) {
        if (!qw_ref_matches(val->ref, glob->type))
            return false;
        qw_ref old = glob->val.ref;
        glob->val.ref = qw_ref_retain(val->ref);
        qw_ref_release(old);
        return true;
    }
    glob->val = *val;
    return true;
}

void qw_global_visit(const qw_global *glob, qw_ref_visitor fn, void *user)
{
    qw_ref ref = glob->val.ref;
    if (QW_VT_IS_REF(glob->type) && ref && !qw_ref_is_i31(ref))
        fn(user, ref);
}

void qw_global_set_host_data(qw_global *glob, void *data)
{
    glob->host_data = data;
}

void *qw_global_host_data(const qw_global *glob)
{
    return glob->host_data;
}
