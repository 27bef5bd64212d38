/* exception.h: tags and exception objects. Internal to src/wasm. */
#ifndef QW_EXCEPTION_H
#define QW_EXCEPTION_H

#include "ref.h"

struct qw_tag {
    qw_store *store;
    size_t refs;
    uint32_t nparams;
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
