/* global.h: the global object, laid out for the interpreter (global.get reads val directly).
 * Internal to src/wasm. */
#ifndef QW_GLOBAL_H
#define QW_GLOBAL_H

#include "qw.h"

struct qw_global {
    qw_store *store;
    size_t refs;
    qw_valtype type;
    bool mutable_;
    qw_val val; /* a reference value holds one count */
    void *host_data;
};

#endif
