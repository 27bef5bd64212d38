/* valid_state.h: the validator's state and its stack primitives, shared by valid.c (control,
 * variable, memory, table and numeric instructions) and valid_gc.c (GC instructions). Internal to
 * the validator. */
#ifndef QW_VALID_STATE_H
#define QW_VALID_STATE_H

#include "ops.h"
#include "types.h"
#include "valid.h"

#include <string.h>

/* Frame kinds beyond the opcodes that open them. */
enum { KIND_BLOCK, KIND_LOOP, KIND_IF, KIND_ELSE, KIND_TRY, KIND_CATCH, KIND_CATCH_ALL, KIND_TT };

struct qw_ctrl {
    uint8_t kind;
    bool unreachable;
    uint32_t height;      /* value stack height when the frame was entered */
    uint32_t init_height; /* height of the initialised-locals stack */
    uint32_t bt_type;     /* block type: a function type index, or QW_NO_INDEX */
    qw_valtype bt_single; /* otherwise: its single result, or 0 for none */
    uint32_t br_table;    /* the last br_table that checked this frame as a target */
};

typedef struct vstate {
    qw_valid *v;
    qw_module *m;
    qw_reader *r;
    const uint8_t *at; /* start of the instruction being validated */
    uint32_t op;
    uint32_t nparams; /* function parameters */
    const qw_valtype *params;
    uint32_t nlocals; /* params + declared locals */
    const qw_local_run *runs;
    uint32_t nruns;
    uint32_t func_type;
    const qw_valtype *ltypes; /* all locals' types when expanded, else NULL */
    uint32_t height;          /* the innermost frame's height, cached for pop_expect */
} vstate;

#define FAIL(s, ...) qw_fail_at((s)->r, (s)->at, QW_ERR_INVALID, __VA_ARGS__)

/* Out-of-line parts (valid.c). */
bool qw_valid_grow_vals(vstate *s);
bool qw_valid_pop_slow(vstate *s, qw_valtype want, qw_valtype *got);
bool qw_valid_mismatch(vstate *s, qw_valtype want, qw_valtype got, bool empty);
bool qw_valid_read_label(vstate *s, uint32_t *l);
uint32_t qw_valid_label_types(vstate *s, const qw_ctrl *c, const qw_valtype **out);
bool qw_valid_read_index(vstate *s, uint32_t count, const char *what, uint32_t *i);
bool qw_valid_read_data_index(vstate *s, uint32_t *d);

/* valid_gc.c: struct, array, i31, cast and conversion instructions (op in that range). */
bool qw_valid_gc(vstate *s, uint32_t op);

static inline bool push(vstate *s, qw_valtype t)
{
    qw_valid *v = s->v;
    if (v->nvals == v->vals_cap && !qw_valid_grow_vals(s))
        return false;
    v->vals[v->nvals++] = t;
    if (v->nvals > v->max_vals)
        v->max_vals = v->nvals;
    return true;
}

static inline qw_ctrl *top_ctrl(vstate *s)
{
    return &s->v->ctrls[s->v->nctrls - 1];
}

static inline bool pop_expect(vstate *s, qw_valtype want)
{
    qw_valid *v = s->v;
    if (v->nvals > s->height && v->vals[v->nvals - 1] == want) {
        v->nvals--;
        return true;
    }
    qw_valtype got = 0;
    return qw_valid_pop_slow(s, want, &got);
}

/* Nothing left in an unreachable frame: any further pop yields the bottom type. Long pop loops
 * stop there, so that unreachable code cannot make each byte cost thousands of pops. */
static inline bool stack_exhausted(const vstate *s)
{
    const qw_valid *v = s->v;
    return v->nvals == s->height && v->ctrls[v->nctrls - 1].unreachable;
}

static inline bool pop_vals(vstate *s, const qw_valtype *ts, uint32_t n)
{
    qw_valid *v = s->v;
    /* many values matching exactly (multi-value calls and blocks): one comparison */
    if (n > 4 && v->nvals - s->height >= n &&
        memcmp(v->vals + v->nvals - n, ts, n * sizeof *ts) == 0) {
        v->nvals -= n;
        return true;
    }
    for (uint32_t i = n; i-- > 0;) {
        if (!pop_expect(s, ts[i]))
            return false;
        if (stack_exhausted(s))
            break; /* the rest would all be pops of the polymorphic bottom */
    }
    return true;
}

static inline bool push_vals(vstate *s, const qw_valtype *ts, uint32_t n)
{
    qw_valid *v = s->v;
    if (n > 4 && v->vals_cap - v->nvals >= n) {
        memcpy(v->vals + v->nvals, ts, n * sizeof *ts);
        v->nvals += n;
        if (v->nvals > v->max_vals)
            v->max_vals = v->nvals;
        return true;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (!push(s, ts[i]))
            return false;
    }
    return true;
}

static qw_ctrl *label_ctrl(vstate *s, uint32_t l)
{
    return &s->v->ctrls[s->v->nctrls - 1 - l];
}

#endif
