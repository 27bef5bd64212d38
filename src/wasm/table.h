/* table.h: the table object, laid out for the interpreter (call_indirect reads elems directly).
 * Internal to src/wasm. */
#ifndef QW_TABLE_H
#define QW_TABLE_H

#include "qw.h"

struct qw_table {
    qw_store *store;
    size_t refs;
    qw_valtype elem;
    bool is64;
    uint64_t size;
    uint64_t max;  /* as declared; QW_NO_MAX when none */
    uint64_t cap;  /* allocated elements; elems moves when it grows */
    qw_ref *elems; /* size counted references */
    void *host_data;
};

#endif
