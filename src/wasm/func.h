/* func.h: function objects, the target of every funcref. Only host functions exist so far; the
 * instance will add Wasm functions (instance + function index) in the same object. Internal to
 * src/wasm. */
#ifndef QW_FUNC_H
#define QW_FUNC_H

#include "ref.h"

struct qw_func {
    qw_obj hdr; /* a funcref points here */
    qw_store *store;
    uint32_t nparams, nresults;
    qw_host_fn host_fn; /* NULL for a Wasm function */
    void *host_user;
    void (*host_finalize)(void *user);
    /* Wasm functions (host_fn NULL): the instance that owns this object (references to it count
     * on the instance, see instance.c), the function index and type index in its module, and
     * its compiled code. */
    struct qw_instance *inst;
    uint32_t index, type;
    const struct qw_code *code;
    void *host_data;    /* the embedder's wrapper, unlike host_user which the callback gets */
    qw_valtype types[]; /* params, then results */
};

#endif
