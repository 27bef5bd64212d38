/* tag.c: exception tags (spec "Tag instances", exception handling; the JS API's
 * WebAssembly.Tag): a parameter type list with an identity. */
#include "exception.h"
#include "store.h"

#include <string.h>

qw_tag *qw_tag_new(qw_store *store, const qw_valtype *params, uint32_t nparams, qw_error *err)
{
    for (uint32_t i = 0; i < nparams; i++) {
        if (!qw_ref_valtype_ok(params[i])) {
            qw_store_fail(err, QW_ERR_INVALID, "malformed value type 0x%x", params[i]);
            return NULL;
        }
    }
    size_t size;
    if (!qw_store_flex_size(sizeof(qw_tag), nparams, sizeof(qw_valtype), &size)) {
        qw_store_fail(err, QW_ERR_LIMIT, "too many tag parameters");
        return NULL;
    }
    qw_tag *tag = qw_alloc(store->eng, size);
    if (!tag) {
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    tag->store = qw_store_ref(store);
    tag->refs = 1;
    tag->nparams = nparams;
    tag->mod = NULL;
    tag->type = 0;
    tag->host_data = NULL;
    if (nparams)
        memcpy(tag->params, params, nparams * sizeof(qw_valtype));
    return tag;
}

qw_tag *qw_tag_ref(qw_tag *tag)
{
    if (tag)
        tag->refs++;
    return tag;
}

void qw_tag_unref(qw_tag *tag)
{
    if (!tag || --tag->refs != 0)
        return;
    qw_store *store = tag->store;
    qw_module_unref(tag->mod);
    qw_free(store->eng, tag);
    qw_store_unref(store);
}

const qw_valtype *qw_tag_params(const qw_tag *tag, uint32_t *nparams)
{
    *nparams = tag->nparams;
    return tag->params;
}

void qw_tag_set_host_data(qw_tag *tag, void *data)
{
    tag->host_data = data;
}

void *qw_tag_host_data(const qw_tag *tag)
{
    return tag->host_data;
}
