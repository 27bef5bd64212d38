/* valid.h: validation of instruction sequences (Validation, "Instructions"; Appendix
 * "Validation Algorithm"): function bodies and constant expressions. One pass, explicit value and
 * control stacks, no recursion on nesting depth. */
#ifndef QW_VALID_H
#define QW_VALID_H

#include "leb.h"
#include "module.h"

typedef struct qw_ctrl qw_ctrl;

/* An ops.def signature decoded once per validator: up to three operands and one result, each a
 * value type, or QW_SIG_ADDR for the memory's address type. */
#define QW_SIG_ADDR 1u
typedef struct qw_sig {
    uint8_t nparams; /* 0xFF: the instruction has a rule of its own */
    uint8_t result;  /* 0: none */
    uint8_t params[3];
} qw_sig;

/* Validator state, reused across the functions of one module so that its stacks are allocated
 * once and grow geometrically. */
typedef struct qw_valid {
    qw_module *m;
    qw_engine *eng;
    qw_valtype *vals;
    uint32_t nvals, vals_cap;
    uint32_t max_vals; /* highest operand stack of the current function */
    qw_ctrl *ctrls;
    uint32_t nctrls, ctrls_cap;
    uint32_t max_ctrls; /* deepest nesting of the current function */
    /* initialisation of non-defaultable locals: per local, the generation (one per function)
     * that set it; and the stack of locals set since each block started (reset at its end) */
    uint32_t *local_init;
    uint32_t locals_cap;
    uint32_t gen;
    uint32_t br_tables; /* br_table instructions seen, to check each target frame once */
    uint32_t *inits;
    uint32_t ninits, inits_cap;
    qw_sig *sigs;          /* per qw_op */
    qw_sig byte_sigs[256]; /* per one-byte opcode without immediates; nparams 0xFF: others */
    qw_valtype *ltypes;    /* types of the current function's locals, when expanded */
    uint32_t ltypes_cap;
    bool const_mode;
    bool non_const;         /* a constant expression failed on a non-constant instruction */
    uint32_t const_globals; /* constant expressions may read globals below this index */
} qw_valid;

/* Returns false when out of memory. */
bool qw_valid_init(qw_valid *v, qw_module *m);
void qw_valid_fini(qw_valid *v);

/* Validates a constant expression read from r (up to and including its `end`) whose result must
 * match `expected`; global.get may name globals below nglobals. */
bool qw_valid_const_expr(qw_valid *v, qw_reader *r, qw_valtype expected, uint32_t nglobals);

/* Validates the body of function funcidx (locals already decoded into the module) from r's
 * position up to and including its final `end`; the caller checks that this is the body's end. */
bool qw_valid_func(qw_valid *v, qw_reader *r, uint32_t funcidx);

#endif
