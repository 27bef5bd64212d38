/* values.c: conversions between script values and engine values (see values.h). */
#include "values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Marks the host values of this runner, so that a box made elsewhere is not mistaken for one. */
#define HOSTREF_TAG UINT64_C(0x5370656354657374) /* "SpecTest" */

static bool hostref(spec_hostrefs *h, uint32_t id, qw_ref *out, qw_error *err)
{
    if (id > SPEC_MAX_HOSTREF) {
        err->kind = QW_ERR_LIMIT;
        snprintf(err->msg, sizeof err->msg, "host reference %u beyond the runner's limit", id);
        return false;
    }
    if (id >= h->n) {
        size_t n = (size_t)id + 1;
        qw_ref *boxes = realloc(h->boxes, n * sizeof *boxes);
        if (!boxes) {
            err->kind = QW_ERR_OOM;
            snprintf(err->msg, sizeof err->msg, "out of memory");
            return false;
        }
        memset(boxes + h->n, 0, (n - h->n) * sizeof *boxes);
        h->boxes = boxes;
        h->n = n;
    }
    if (!h->boxes[id]) {
        qw_hostval hv = {{id, HOSTREF_TAG}};
        if (!qw_extern_new(h->store, &hv, &h->boxes[id], err))
            return false;
    }
    *out = h->boxes[id];
    return true;
}

bool spec_value_to_qw(spec_hostrefs *h, const spec_value *v, qw_val *out, qw_error *err)
{
    memset(out, 0, sizeof *out);
    switch (v->type) {
    case WAST_I32:
    case WAST_F32:
        out->i32 = v->u.i32;
        return true;
    case WAST_I64:
    case WAST_F64:
        out->i64 = v->u.i64;
        return true;
    case WAST_V128:
        memcpy(out->v128.bytes, v->u.v128, 16);
        return true;
    case WAST_REF:
        if (v->u.ref.kind == SPEC_REF_NULL) {
            out->ref = NULL;
            return true;
        }
        if (v->u.ref.kind == SPEC_REF_EXTERN_HOST || v->u.ref.kind == SPEC_REF_HOST)
            return hostref(h, v->u.ref.host, &out->ref, err);
        break;
    }
    err->kind = QW_ERR_INVALID;
    snprintf(err->msg, sizeof err->msg, "a script cannot pass this value");
    return false;
}

/* Whether a heap type belongs to the extern hierarchy (extern, noextern). */
static bool extern_heap(qw_valtype t)
{
    uint32_t ht = QW_VT_HEAP(t);
    return ht == QW_HT_EXTERN || ht == QW_HT_NOEXTERN;
}

static spec_value from_ref(qw_valtype t, qw_ref ref)
{
    spec_value v = {.type = WAST_REF};
    qw_hostval *hv;
    switch (qw_ref_kind(ref)) {
    case QW_REFKIND_NULL:
        v.u.ref.kind = SPEC_REF_NULL;
        break;
    case QW_REFKIND_FUNC:
        v.u.ref.kind = SPEC_REF_FUNC;
        break;
    case QW_REFKIND_EXN:
        v.u.ref.kind = SPEC_REF_EXN;
        break;
    case QW_REFKIND_I31:
        v.u.ref.kind = SPEC_REF_I31;
        break;
    case QW_REFKIND_STRUCT:
        v.u.ref.kind = SPEC_REF_STRUCT;
        break;
    case QW_REFKIND_ARRAY:
        v.u.ref.kind = SPEC_REF_ARRAY;
        break;
    case QW_REFKIND_EXTERN:
        hv = qw_extern_host(ref);
        v.u.ref.kind = extern_heap(t) ? SPEC_REF_EXTERN_HOST : SPEC_REF_HOST;
        /* a box that is not ours never equals a script's N */
        v.u.ref.host = hv && hv->w[1] == HOSTREF_TAG ? (uint32_t)hv->w[0] : UINT32_MAX;
        break;
    }
    /* a GC value seen through an externref type (extern.convert_any) */
    if (extern_heap(t) && v.u.ref.kind >= SPEC_REF_I31 && v.u.ref.kind <= SPEC_REF_ARRAY)
        v.u.ref.kind = SPEC_REF_EXTERN_OTHER;
    return v;
}

spec_value spec_value_from_qw(qw_valtype t, const qw_val *v)
{
    spec_value out;
    memset(&out, 0, sizeof out);
    switch (QW_VT_CODE(t)) {
    case QW_I32:
        out.type = WAST_I32, out.u.i32 = v->i32;
        break;
    case QW_F32:
        out.type = WAST_F32, out.u.i32 = v->i32;
        break;
    case QW_I64:
        out.type = WAST_I64, out.u.i64 = v->i64;
        break;
    case QW_F64:
        out.type = WAST_F64, out.u.i64 = v->i64;
        break;
    case QW_V128:
        out.type = WAST_V128, memcpy(out.u.v128, v->v128.bytes, 16);
        break;
    default:
        out = from_ref(t, v->ref);
        break;
    }
    return out;
}

void spec_hostrefs_free(spec_hostrefs *h)
{
    for (size_t i = 0; i < h->n; i++)
        qw_ref_release(h->boxes[i]);
    free(h->boxes);
    h->boxes = NULL;
    h->n = 0;
}
