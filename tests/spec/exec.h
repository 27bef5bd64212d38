/* exec.h: the runner's execution side: one store per script with the "spectest" host module and
 * the import registry of registry.h, named instances, and actions (invoke / get) whose arguments
 * and results go through values.h. Uses only qw.h. */
#ifndef SPEC_EXEC_H
#define SPEC_EXEC_H

#include "match.h"
#include "qw.h"
#include "registry.h"
#include "values.h"
#include "wast.h"

typedef struct exec_inst {
    const char *id; /* NULL when anonymous */
    qw_instance *inst;
} exec_inst;

typedef struct exec_state {
    qw_engine *eng;
    qw_store *store;
    spec_registry reg;
    spec_hostrefs refs;
    exec_inst *insts;
    size_t ninsts;
    qw_instance *cur;
} exec_state;

/* The outcome of an instantiation or an action. */
typedef struct exec_result {
    qw_error err; /* kind QW_ERR_NONE unless linking or creation failed */
    qw_trap trap;
    spec_value vals[64];
    size_t nvals;
    char what[200]; /* a runner-side failure (unknown export, ...), or "" */
} exec_result;

/* false when out of memory */
bool exec_init(exec_state *x, qw_engine *eng);
void exec_fini(exec_state *x);

/* Instantiates mod (imports resolved from the registry and spectest) under id. */
void exec_instantiate(exec_state *x, qw_module *mod, const char *id, exec_result *out);
/* register "name" $id? */
bool exec_register(exec_state *x, wast_bytes name, const char *id);
void exec_action(exec_state *x, const wast_action *a, exec_result *out);

#endif
