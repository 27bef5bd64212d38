/* exec.h: the runner's execution side: one store per script, the "spectest" host module, the
 * registry of `register`ed instances, named instances, and actions (invoke / get) whose results
 * come back as spec_values for match.h. Uses only qw.h. */
#ifndef SPEC_EXEC_H
#define SPEC_EXEC_H

#include "match.h"
#include "qw.h"
#include "wast.h"

typedef struct exec_inst {
    const char *id; /* NULL when anonymous */
    qw_instance *inst;
} exec_inst;

typedef struct exec_reg {
    wast_bytes name;
    qw_instance *inst;
} exec_reg;

typedef struct exec_state {
    qw_engine *eng;
    qw_store *store;
    qw_global *g_i32, *g_i64, *g_f32, *g_f64;
    qw_table *table, *table64;
    qw_memory *memory;
    qw_func *print[7];
    exec_inst *insts;
    size_t ninsts;
    exec_reg *regs;
    size_t nregs;
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
