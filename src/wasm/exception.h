/* exception.h: tags and exception objects. Internal to src/wasm. */
#ifndef QW_EXCEPTION_H
#define QW_EXCEPTION_H

#include "ref.h"

struct qw_tag {
    qw_store *store;
    size_t refs;
    uint32_t nparams;
    /* a tag defined by a module: that module (counted) and the tag's type index in it, so that
     * import matching can compare types across rec groups; NULL for a host-made tag */
    qw_module *mod;
    uint32_t type;
    void *host_data;
    qw_valtype params[]; /* nparams entries */
};

/* An exnref points at hdr. */
struct qw_exception {
    qw_obj hdr;
    qw_store *store;
    qw_tag *tag; /* counted */
    void *host_data;
    uint32_t nargs;
    qw_val args[]; /* the tag's params, references counted */
};

#endif
