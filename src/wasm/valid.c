/* valid.c: validation of instruction sequences, following the spec's Appendix "Validation
 * Algorithm": a value stack whose bottom may be polymorphic after an unconditional branch, a
 * control stack of explicit frames (no recursion on nesting depth), and initialisation tracking of
 * non-defaultable locals. The instructions are decoded here too, in the same pass. */
#include "valid_state.h"

#include <stdio.h>
#include <string.h>

static uint8_t sig_code(char c)
{
    switch (c) {
    case 'i':
        return QW_I32;
    case 'l':
        return QW_I64;
    case 'f':
        return QW_F32;
    case 'd':
        return QW_F64;
    case 'v':
        return QW_V128;
    default:
        return QW_SIG_ADDR;
    }
}

bool qw_valid_init(qw_valid *v, qw_module *m)
{
    memset(v, 0, sizeof *v);
    v->m = m;
    v->eng = m->eng;
    v->sigs = qw_calloc(v->eng, QW_OP_COUNT, sizeof *v->sigs);
    if (!v->sigs)
        return false;
    for (uint32_t op = 0; op < QW_OP_COUNT; op++) {
        const char *sig = qw_op_infos[op].sig, *u = strchr(sig, '_');
        qw_sig *out = &v->sigs[op];
        if (!u) {
            out->nparams = 0xFF;
            continue;
        }
        out->result = u != sig ? sig_code(sig[0]) : 0;
        for (const char *p = u + 1; *p && out->nparams < 3; p++)
            out->params[out->nparams++] = sig_code(*p);
    }
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t op = qw_op_byte[b];
        bool simple =
            op && qw_op_infos[op - 1].imm == QW_IMM_NONE && v->sigs[op - 1].nparams != 0xFF;
        v->byte_sigs[b] = simple ? v->sigs[op - 1] : (qw_sig){0xFF, 0, {0}};
    }
    return true;
}

void qw_valid_fini(qw_valid *v)
{
    qw_free(v->eng, v->vals);
    qw_free(v->eng, v->ctrls);
    qw_free(v->eng, v->local_init);
    qw_free(v->eng, v->inits);
    qw_free(v->eng, v->sigs);
    qw_free(v->eng, v->ltypes);
    memset(v, 0, sizeof *v);
}

/* ---- errors ------------------------------------------------------------------------------- */

static bool oom(vstate *s)
{
    return qw_fail_at(s->r, s->at, QW_ERR_OOM, "out of memory");
}

/* The text name of the instruction at s->at, for messages. */
static const char *op_text_at(const vstate *s)
{
    const uint8_t *p = s->at, *end = s->r->end;
    if (p >= end)
        return "end of input";
    uint32_t op = qw_op_byte[*p], sub = 0;
    if (qw_op_is_prefix(*p)) {
        for (unsigned shift = 0, i = 1; i < 6 && p + i < end; i++, shift += 7) {
            sub |= (uint32_t)(p[i] & 0x7F) << shift;
            if (!(p[i] & 0x80))
                break;
        }
        op = qw_op_prefixed(*p, sub);
    }
    return op ? qw_op_infos[op - 1].text : "?";
}

/* The spec interpreter's wording, then the instruction. */
bool qw_valid_mismatch(vstate *s, qw_valtype want, qw_valtype got, bool empty)
{
    char b1[48], b2[48];
    return FAIL(s, "type mismatch: instruction requires [%s] but stack has [%s] (%s)",
                qw_types_name(want, b1, sizeof b1), empty ? "" : qw_types_name(got, b2, sizeof b2),
                op_text_at(s));
}

/* Appends "t1 t2 ..." for n types to buf (truncated with "..." when long). */
static void format_types(const qw_valtype *ts, uint32_t n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < n && len + 24 < size; i++) {
        char b[48];
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "",
                                qw_types_name(ts[i], b, sizeof b));
        if (i + 1 < n && len + 24 >= size)
            snprintf(buf + len, size - len, " ...");
    }
}

/* ---- the value stack ---------------------------------------------------------------------- */

/* Multi-value blocks and calls can push many values per byte of code; the height is capped so
 * that a small module cannot make the validator allocate gigabytes. No real function comes near. */
#define MAX_STACK_HEIGHT (4u << 20)

bool qw_valid_grow_vals(vstate *s)
{
    qw_valid *v = s->v;
    if (v->vals_cap >= MAX_STACK_HEIGHT)
        return qw_fail_at(s->r, s->at, QW_ERR_LIMIT, "operand stack deeper than %u values",
                          MAX_STACK_HEIGHT);
    uint32_t cap = v->vals_cap ? v->vals_cap * 2 : 64;
    qw_valtype *p = qw_realloc_array(v->eng, v->vals, cap, sizeof *p);
    if (!p)
        return oom(s);
    v->vals = p;
    v->vals_cap = cap;
    return true;
}

/* Pops any value; *out is QW_VT_BOT on a polymorphic stack. */
static bool pop_any(vstate *s, qw_valtype *out)
{
    qw_valid *v = s->v;
    *out = QW_VT_BOT;
    qw_ctrl *c = top_ctrl(s);
    if (v->nvals == c->height) {
        if (c->unreachable) {
            *out = QW_VT_BOT;
            return true;
        }
        return FAIL(s, "type mismatch: instruction requires a value but stack is empty");
    }
    *out = v->vals[--v->nvals];
    return true;
}

bool qw_valid_pop_slow(vstate *s, qw_valtype want, qw_valtype *got)
{
    qw_valid *v = s->v;
    *got = QW_VT_BOT;
    qw_ctrl *c = top_ctrl(s);
    if (v->nvals == c->height) {
        if (c->unreachable) {
            *got = QW_VT_BOT;
            return true;
        }
        return qw_valid_mismatch(s, want, 0, true);
    }
    qw_valtype t = v->vals[v->nvals - 1];
    if (!qw_types_sub(s->m, t, want))
        return qw_valid_mismatch(s, want, t, false);
    v->nvals--;
    *got = t;
    return true;
}

/* Pops a reference of any type; *out is QW_VT_BOT on a polymorphic stack. */
static bool pop_ref(vstate *s, qw_valtype *out)
{
    if (!pop_any(s, out))
        return false;
    if (*out != QW_VT_BOT && !QW_VT_IS_REF(*out))
        return FAIL(s, "type mismatch: instruction requires a reference");
    return true;
}

/* Checks that the top n values match ts without popping them (br_table, br_on_*). */
static bool peek_vals(vstate *s, const qw_valtype *ts, uint32_t n)
{
    qw_valid *v = s->v;
    qw_ctrl *c = top_ctrl(s);
    if (n > 4 && v->nvals - c->height >= n &&
        memcmp(v->vals + v->nvals - n, ts, n * sizeof *ts) == 0)
        return true;
    for (uint32_t i = 0; i < n; i++) {
        qw_valtype want = ts[n - 1 - i];
        if (v->nvals - c->height <= i) {
            if (c->unreachable)
                continue;
            return qw_valid_mismatch(s, want, 0, true);
        }
        qw_valtype got = v->vals[v->nvals - 1 - i];
        if (!qw_types_sub(s->m, got, want))
            return qw_valid_mismatch(s, want, got, false);
    }
    return true;
}

static void set_unreachable(vstate *s)
{
    qw_ctrl *c = top_ctrl(s);
    s->v->nvals = c->height;
    c->unreachable = true;
}

/* ---- the control stack -------------------------------------------------------------------- */

static uint32_t ctrl_params(vstate *s, const qw_ctrl *c, const qw_valtype **out)
{
    if (c->bt_type == QW_NO_INDEX) {
        *out = NULL;
        return 0;
    }
    *out = qw_type_params(s->m, c->bt_type);
    return s->m->types[c->bt_type].nparams;
}

/* Pointer into the frame for single results: valid until the control stack grows. */
static uint32_t ctrl_results(vstate *s, const qw_ctrl *c, const qw_valtype **out)
{
    if (c->bt_type == QW_NO_INDEX) {
        *out = &c->bt_single;
        return c->bt_single ? 1 : 0;
    }
    *out = qw_type_results(s->m, c->bt_type);
    return s->m->types[c->bt_type].nresults;
}

uint32_t qw_valid_label_types(vstate *s, const qw_ctrl *c, const qw_valtype **out)
{
    if (c->kind == KIND_LOOP)
        return ctrl_params(s, c, out);
    return ctrl_results(s, c, out);
}

static inline bool push_ctrl(vstate *s, uint8_t kind, uint32_t bt_type, qw_valtype bt_single)
{
    qw_valid *v = s->v;
    if (v->nctrls == v->ctrls_cap) {
        uint32_t cap = v->ctrls_cap ? v->ctrls_cap * 2 : 16;
        qw_ctrl *p = qw_realloc_array(v->eng, v->ctrls, cap, sizeof *p);
        if (!p)
            return oom(s);
        v->ctrls = p;
        v->ctrls_cap = cap;
    }
    qw_ctrl *c = &v->ctrls[v->nctrls++];
    if (v->nctrls > v->max_ctrls)
        v->max_ctrls = v->nctrls;
    c->kind = kind;
    c->unreachable = false;
    c->height = v->nvals;
    c->init_height = v->ninits;
    c->bt_type = bt_type;
    c->bt_single = bt_single;
    c->br_table = 0;
    s->height = c->height;
    const qw_valtype *ps;
    uint32_t n = ctrl_params(s, c, &ps);
    return push_vals(s, ps, n);
}

/* Pops the frame: its results must be exactly what is left above its height. Locals set inside
 * the frame become uninitialised again. */
static inline bool pop_ctrl(vstate *s, qw_ctrl *out)
{
    qw_valid *v = s->v;
    qw_ctrl *c = top_ctrl(s);
    const qw_valtype *rs;
    uint32_t n = ctrl_results(s, c, &rs);
    if (!pop_vals(s, rs, n))
        return false;
    if (v->nvals != c->height) {
        char want[56], have[56];
        format_types(rs, n, want, sizeof want);
        format_types(v->vals + c->height, v->nvals - c->height, have, sizeof have);
        return FAIL(s, "type mismatch: block requires [%s] but stack has [%s]", want, have);
    }
    while (v->ninits > c->init_height)
        v->local_init[v->inits[--v->ninits]] = 0;
    *out = *c;
    v->nctrls--;
    s->height = v->nctrls ? v->ctrls[v->nctrls - 1].height : 0;
    return true;
}

bool qw_valid_read_label(vstate *s, uint32_t *l)
{
    if (!qw_read_u32(s->r, l))
        return false;
    if (*l >= s->v->nctrls)
        return FAIL(s, "unknown label %u", *l);
    return true;
}

/* Block type: empty, one value type, or a function type index (s33). */
static bool read_blocktype(vstate *s, uint32_t *type, qw_valtype *single)
{
    qw_reader *r = s->r;
    *type = QW_NO_INDEX;
    *single = 0;
    if (r->p >= r->end)
        return qw_leb_fail_end(r);
    uint8_t b = *r->p;
    if (b == 0x40) {
        r->p++;
        return true;
    }
    if ((b >= 0x7B && b <= 0x7F) || b == QW_REF || b == QW_REF_NULL ||
        (b >= QW_HT_EXN && b <= QW_HT_NOEXN)) {
        return qw_decode_valtype(r, s->m->ntypes, single);
    }
    int64_t idx;
    const uint8_t *at = r->p;
    if (!qw_leb_read_s33(r, &idx))
        return false;
    if (idx < 0)
        return qw_fail_at(r, at, QW_ERR_MALFORMED, "malformed block type");
    if ((uint64_t)idx >= s->m->ntypes || s->m->types[idx].kind != QW_COMP_FUNC)
        return FAIL(s, "unknown type %lld", (long long)idx);
    *type = (uint32_t)idx;
    return true;
}

/* ---- locals ------------------------------------------------------------------------------- */

static qw_valtype local_type(const vstate *s, uint32_t i)
{
    if (s->ltypes)
        return s->ltypes[i];
    if (i < s->nparams)
        return s->params[i];
    i -= s->nparams;
    uint32_t lo = 0, hi = s->nruns;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (s->runs[mid].first <= i)
            lo = mid;
        else
            hi = mid;
    }
    return s->runs[lo].type;
}

static bool read_local(vstate *s, uint32_t *i, qw_valtype *t)
{
    if (!qw_read_u32(s->r, i))
        return false;
    if (*i >= s->nlocals)
        return FAIL(s, "unknown local %u", *i);
    *t = local_type(s, *i);
    return true;
}

static bool mark_init(vstate *s, uint32_t i, qw_valtype t)
{
    qw_valid *v = s->v;
    if (qw_types_defaultable(t) || i < s->nparams || v->local_init[i] == v->gen)
        return true;
    if (v->ninits == v->inits_cap) {
        uint32_t cap = v->inits_cap ? v->inits_cap * 2 : 16;
        uint32_t *p = qw_realloc_array(v->eng, v->inits, cap, sizeof *p);
        if (!p)
            return oom(s);
        v->inits = p;
        v->inits_cap = cap;
    }
    v->inits[v->ninits++] = i;
    v->local_init[i] = v->gen;
    return true;
}

/* ---- immediates --------------------------------------------------------------------------- */

bool qw_valid_read_index(vstate *s, uint32_t count, const char *what, uint32_t *i)
{
    if (!qw_read_u32(s->r, i))
        return false;
    if (*i >= count)
        return FAIL(s, "unknown %s %u", what, *i);
    return true;
}

static qw_valtype mem_at(const qw_module *m, uint32_t mem)
{
    return m->memories[mem].limits.is64 ? QW_I64 : QW_I32;
}

static qw_valtype table_at(const qw_module *m, uint32_t t)
{
    return m->tables[t].limits.is64 ? QW_I64 : QW_I32;
}

/* memarg: flags (bit 6: a memory index follows), offset. */
static bool read_memarg(vstate *s, uint32_t natural, uint32_t *mem)
{
    qw_reader *r = s->r;
    const uint8_t *at = r->p;
    uint32_t flags;
    uint64_t offset;
    if (!qw_read_u32(r, &flags))
        return false;
    if (flags >= 0x80)
        return qw_fail_at(r, at, QW_ERR_MALFORMED, "malformed memop flags");
    *mem = 0;
    if ((flags & 0x40) && !qw_read_u32(r, mem))
        return false;
    if (!qw_leb_read_u64(r, &offset))
        return false;
    if (*mem >= s->m->nmemories)
        return FAIL(s, "unknown memory %u", *mem);
    if ((flags & 0x3F) > natural)
        return FAIL(s, "alignment must not be larger than natural");
    if (!s->m->memories[*mem].limits.is64 && offset > UINT32_MAX)
        return FAIL(s, "offset out of range");
    return true;
}

/* An atomic access's memarg: the alignment must be exactly the natural one (threads proposal),
 * checked after the memory index so that "unknown memory" comes first as in the spec. */
static bool read_memarg_atomic(vstate *s, uint32_t natural, uint32_t *mem)
{
    qw_reader peek = *s->r;
    uint32_t flags;
    if (!qw_read_u32(&peek, &flags) || !read_memarg(s, 0x3F, mem))
        return false;
    if ((flags & 0x3F) != natural)
        return FAIL(s, "atomic alignment must be natural");
    return true;
}

/* Applies an ops.def signature; QW_SIG_ADDR stands for the address type `at`. */
static inline bool apply_sig(vstate *s, const qw_sig *sig, qw_valtype at)
{
    for (uint32_t i = sig->nparams; i-- > 0;) {
        qw_valtype t = sig->params[i] == QW_SIG_ADDR ? at : sig->params[i];
        if (!pop_expect(s, t))
            return false;
    }
    if (sig->result)
        return push(s, sig->result == QW_SIG_ADDR ? at : sig->result);
    return true;
}

/* ---- instructions with rules of their own -------------------------------------------------- */

static bool check_func_ref_decl(vstate *s, uint32_t f)
{
    if (s->v->const_mode) {
        s->m->func_declared[f] = 1;
        return true;
    }
    if (!s->m->func_declared[f])
        return FAIL(s, "undeclared function reference %u", f);
    return true;
}

/* Each a[i] <: b[i]; an exact match is one comparison. */
static bool all_sub(const qw_module *m, const qw_valtype *a, const qw_valtype *b, uint32_t n)
{
    if (n == 0 || memcmp(a, b, n * sizeof *a) == 0)
        return true;
    for (uint32_t i = 0; i < n; i++) {
        if (!qw_types_sub(m, a[i], b[i]))
            return false;
    }
    return true;
}

static bool do_call(vstate *s, uint32_t type, bool tail)
{
    const qw_type *t = &s->m->types[type];
    if (!pop_vals(s, qw_type_params(s->m, type), t->nparams))
        return false;
    if (!tail)
        return push_vals(s, qw_type_results(s->m, type), t->nresults);
    const qw_type *ft = &s->m->types[s->func_type];
    if (ft->nresults != t->nresults)
        return FAIL(s, "type mismatch: tail call results differ from the caller's");
    const qw_valtype *a = qw_type_results(s->m, type), *b = qw_type_results(s->m, s->func_type);
    if (!all_sub(s->m, a, b, t->nresults))
        return FAIL(s, "type mismatch: tail call results differ from the caller's");
    set_unreachable(s);
    return true;
}

static bool read_func_type_index(vstate *s, uint32_t *t)
{
    if (!qw_read_u32(s->r, t))
        return false;
    if (*t >= s->m->ntypes || s->m->types[*t].kind != QW_COMP_FUNC)
        return FAIL(s, "unknown type %u", *t);
    return true;
}

static bool do_call_indirect(vstate *s, bool tail)
{
    uint32_t type, table;
    if (!read_func_type_index(s, &type) || !qw_valid_read_index(s, s->m->ntables, "table", &table))
        return false;
    if (!qw_types_sub(s->m, s->m->tables[table].elem, QW_FUNCREF))
        return FAIL(s, "type mismatch: call_indirect on a table of non-function references");
    return pop_expect(s, table_at(s->m, table)) && do_call(s, type, tail);
}

static bool do_call_ref(vstate *s, bool tail)
{
    uint32_t type;
    if (!read_func_type_index(s, &type))
        return false;
    return pop_expect(s, QW_VT_REFTYPE(1, QW_HT_INDEX_BASE + type)) && do_call(s, type, tail);
}

/* br l: the label's types must be on the stack. */
static bool do_br(vstate *s, uint8_t op)
{
    uint32_t l;
    if (!qw_valid_read_label(s, &l))
        return false;
    const qw_valtype *ts;
    uint32_t n = qw_valid_label_types(s, label_ctrl(s, l), &ts);
    if (op == QW_OP_BR_IF && !pop_expect(s, QW_I32))
        return false;
    if (!pop_vals(s, ts, n))
        return false;
    if (op == QW_OP_BR) {
        set_unreachable(s);
        return true;
    }
    return push_vals(s, ts, n);
}

static bool do_br_table(vstate *s)
{
    qw_reader *r = s->r;
    uint32_t n;
    if (!qw_read_u32(r, &n))
        return false;
    if (n > (size_t)(r->end - r->p)) {
        r->p = r->end;
        return qw_leb_fail_end(r);
    }
    if (!pop_expect(s, QW_I32))
        return false;
    /* the default label is last; read the targets twice: first to find it */
    const uint8_t *targets = r->p;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t l;
        if (!qw_read_u32(r, &l))
            return false;
    }
    uint32_t def;
    if (!qw_valid_read_label(s, &def))
        return false;
    const qw_valtype *dts;
    uint32_t arity = qw_valid_label_types(s, label_ctrl(s, def), &dts);
    const uint8_t *end = r->p;
    r->p = targets;
    /* each distinct target is checked once: a table may repeat one label millions of times */
    uint32_t stamp = ++s->v->br_tables;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t l;
        if (!qw_valid_read_label(s, &l))
            return false;
        qw_ctrl *c = label_ctrl(s, l);
        if (c->br_table == stamp)
            continue;
        c->br_table = stamp;
        const qw_valtype *ts;
        if (qw_valid_label_types(s, c, &ts) != arity)
            return FAIL(s, "type mismatch: br_table targets have different arities");
        if (!peek_vals(s, ts, arity))
            return false;
    }
    r->p = end;
    if (!pop_vals(s, dts, arity))
        return false;
    set_unreachable(s);
    return true;
}

static bool do_select(vstate *s, bool typed)
{
    qw_valtype t = 0;
    if (typed) {
        uint32_t n;
        if (!qw_read_u32(s->r, &n))
            return false;
        if (n != 1)
            return FAIL(s, "invalid result arity");
        if (!qw_decode_valtype(s->r, s->m->ntypes, &t))
            return false;
        return pop_expect(s, QW_I32) && pop_expect(s, t) && pop_expect(s, t) && push(s, t);
    }
    qw_valtype a, b;
    if (!pop_expect(s, QW_I32) || !pop_any(s, &a) || !pop_any(s, &b))
        return false;
    if (QW_VT_IS_REF(a) || QW_VT_IS_REF(b))
        return FAIL(s, "type mismatch: select without type on references");
    if (a != b && a != QW_VT_BOT && b != QW_VT_BOT)
        return FAIL(s, "type mismatch: select operands differ");
    return push(s, a == QW_VT_BOT ? b : a);
}

static bool do_block(vstate *s, uint8_t kind)
{
    uint32_t type;
    qw_valtype single;
    if (!read_blocktype(s, &type, &single))
        return false;
    if (kind == KIND_IF && !pop_expect(s, QW_I32))
        return false;
    if (type != QW_NO_INDEX && !pop_vals(s, qw_type_params(s->m, type), s->m->types[type].nparams))
        return false;
    return push_ctrl(s, kind, type, single);
}

static bool do_end(vstate *s, bool *done)
{
    qw_ctrl c;
    if (!pop_ctrl(s, &c))
        return false;
    if (c.kind == KIND_IF) {
        /* no else: the implicit else passes the parameters through */
        const qw_valtype *ps, *rs;
        uint32_t np = ctrl_params(s, &c, &ps), nr = ctrl_results(s, &c, &rs);
        if (np != nr || !all_sub(s->m, ps, rs, np))
            return FAIL(s, "type mismatch: if without else must not change the stack");
    }
    if (s->v->nctrls == 0) {
        *done = true;
        return true;
    }
    const qw_valtype *rs;
    uint32_t nr = ctrl_results(s, &c, &rs);
    return push_vals(s, rs, nr);
}

/* else, catch, catch_all: close the current arm and open the next with the same block type. */
static bool do_next_arm(vstate *s, uint8_t kind)
{
    /* an arm that does not belong to the open block ends that block's instruction sequence, so
     * the reference interpreter reports the missing `end` */
    qw_ctrl *top = top_ctrl(s);
    if (kind == KIND_ELSE && top->kind != KIND_IF)
        return qw_fail_at(s->r, s->at, QW_ERR_MALFORMED, "END opcode expected");
    if (kind != KIND_ELSE && top->kind != KIND_TRY && top->kind != KIND_CATCH)
        return qw_fail_at(s->r, s->at, QW_ERR_MALFORMED, "END opcode expected");
    qw_ctrl c;
    if (!pop_ctrl(s, &c))
        return false;
    if (!push_ctrl(s, kind, c.bt_type, c.bt_single))
        return false;
    if (kind == KIND_ELSE)
        return true;
    /* push_ctrl pushed the block parameters: an arm of a try starts with only the payload */
    s->v->nvals = top_ctrl(s)->height;
    if (kind == KIND_CATCH) {
        uint32_t tag;
        if (!qw_valid_read_index(s, s->m->ntags, "tag", &tag))
            return false;
        uint32_t t = s->m->tags[tag].type;
        return push_vals(s, qw_type_params(s->m, t), s->m->types[t].nparams);
    }
    return true;
}

static bool do_delegate(vstate *s)
{
    if (top_ctrl(s)->kind != KIND_TRY)
        return qw_fail_at(s->r, s->at, QW_ERR_MALFORMED, "END opcode expected");
    qw_ctrl c;
    if (!pop_ctrl(s, &c))
        return false;
    uint32_t l;
    if (!qw_read_u32(s->r, &l))
        return false;
    if (l >= s->v->nctrls)
        return FAIL(s, "unknown label %u", l);
    const qw_valtype *rs;
    uint32_t nr = ctrl_results(s, &c, &rs);
    return push_vals(s, rs, nr);
}

static bool do_try_table(vstate *s)
{
    qw_reader *r = s->r;
    uint32_t type;
    qw_valtype single;
    if (!read_blocktype(s, &type, &single))
        return false;
    uint32_t n;
    if (!qw_read_u32(r, &n))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t kind;
        uint32_t tag = 0, l;
        const uint8_t *kat = r->p;
        if (!qw_read_u8(r, &kind))
            return false;
        if (kind > 3)
            return qw_fail_at(r, kat, QW_ERR_MALFORMED, "malformed catch clause");
        if (kind < 2 && !qw_valid_read_index(s, s->m->ntags, "tag", &tag))
            return false;
        if (!qw_valid_read_label(s, &l))
            return false;
        /* the values the handler passes to the label */
        const qw_valtype *ps = NULL;
        uint32_t np = 0;
        if (kind < 2) {
            uint32_t t = s->m->tags[tag].type;
            ps = qw_type_params(s->m, t);
            np = s->m->types[t].nparams;
        }
        bool ref = kind & 1;
        const qw_valtype *ls;
        uint32_t nl = qw_valid_label_types(s, label_ctrl(s, l), &ls);
        if (nl != np + ref)
            return FAIL(s, "type mismatch: catch label arity");
        if (!all_sub(s->m, ps, ls, np))
            return FAIL(s, "type mismatch: catch label types");
        if (ref && !qw_types_sub(s->m, QW_VT_REFTYPE(0, QW_HT_EXN), ls[np]))
            return FAIL(s, "type mismatch: catch label needs exnref");
    }
    if (type != QW_NO_INDEX && !pop_vals(s, qw_type_params(s->m, type), s->m->types[type].nparams))
        return false;
    return push_ctrl(s, KIND_TT, type, single);
}

static bool do_rethrow(vstate *s)
{
    uint32_t l;
    if (!qw_valid_read_label(s, &l))
        return false;
    uint8_t k = label_ctrl(s, l)->kind;
    if (k != KIND_CATCH && k != KIND_CATCH_ALL)
        return FAIL(s, "invalid rethrow label");
    set_unreachable(s);
    return true;
}

static bool do_br_on_null(vstate *s, bool non_null)
{
    uint32_t l;
    qw_valtype t;
    if (!qw_valid_read_label(s, &l) || !pop_ref(s, &t))
        return false;
    uint32_t ht = t == QW_VT_BOT ? QW_HT_BOT : QW_VT_HEAP(t);
    const qw_valtype *ls;
    uint32_t n = qw_valid_label_types(s, label_ctrl(s, l), &ls);
    if (!non_null) {
        if (!pop_vals(s, ls, n) || !push_vals(s, ls, n))
            return false;
        return push(s, QW_VT_REFTYPE(0, ht));
    }
    if (n == 0)
        return FAIL(s, "type mismatch: br_on_non_null label has no values");
    if (!qw_types_sub(s->m, QW_VT_REFTYPE(0, ht), ls[n - 1]))
        return qw_valid_mismatch(s, ls[n - 1], QW_VT_REFTYPE(0, ht), false);
    return pop_vals(s, ls, n - 1) && push_vals(s, ls, n - 1);
}

bool qw_valid_read_data_index(vstate *s, uint32_t *d)
{
    if (!s->m->has_data_count)
        return qw_fail_at(s->r, s->at, QW_ERR_MALFORMED, "data count section required");
    return qw_valid_read_index(s, s->m->data_count, "data segment", d);
}

/* ---- tables, bulk memory --------------------------------------------------------------------- */

static bool do_table(vstate *s, uint32_t op)
{
    qw_module *m = s->m;
    uint32_t x, y;
    switch (op) {
    case QW_OP_TABLE_GET:
    case QW_OP_TABLE_SET:
    case QW_OP_TABLE_GROW:
    case QW_OP_TABLE_SIZE:
    case QW_OP_TABLE_FILL: {
        if (!qw_valid_read_index(s, m->ntables, "table", &x))
            return false;
        qw_valtype at = table_at(m, x), et = m->tables[x].elem;
        switch (op) {
        case QW_OP_TABLE_GET:
            return pop_expect(s, at) && push(s, et);
        case QW_OP_TABLE_SET:
            return pop_expect(s, et) && pop_expect(s, at);
        case QW_OP_TABLE_GROW:
            return pop_expect(s, at) && pop_expect(s, et) && push(s, at);
        case QW_OP_TABLE_SIZE:
            return push(s, at);
        default:
            return pop_expect(s, at) && pop_expect(s, et) && pop_expect(s, at);
        }
    }
    case QW_OP_TABLE_INIT:
        if (!qw_read_u32(s->r, &x) || !qw_valid_read_index(s, m->ntables, "table", &y))
            return false;
        if (x >= m->nelems)
            return FAIL(s, "unknown elem segment %u", x);
        if (!qw_types_sub(m, m->elems[x].type, m->tables[y].elem))
            return FAIL(s, "type mismatch: element segment %u does not match table %u", x, y);
        return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && pop_expect(s, table_at(m, y));
    case QW_OP_ELEM_DROP:
        return qw_valid_read_index(s, m->nelems, "elem segment", &x);
    default: { /* table.copy */
        if (!qw_valid_read_index(s, m->ntables, "table", &x) ||
            !qw_valid_read_index(s, m->ntables, "table", &y))
            return false;
        if (!qw_types_sub(m, m->tables[y].elem, m->tables[x].elem))
            return FAIL(s, "type mismatch: table %u cannot be copied into table %u", y, x);
        qw_valtype ax = table_at(m, x), ay = table_at(m, y);
        qw_valtype amin = ax == QW_I32 || ay == QW_I32 ? QW_I32 : QW_I64;
        return pop_expect(s, amin) && pop_expect(s, ay) && pop_expect(s, ax);
    }
    }
}

static bool do_bulk_memory(vstate *s, uint32_t op)
{
    qw_module *m = s->m;
    uint32_t x, y;
    switch (op) {
    case QW_OP_MEMORY_INIT:
        if (!qw_read_u32(s->r, &x) || !qw_valid_read_index(s, m->nmemories, "memory", &y))
            return false;
        if (!m->has_data_count)
            return qw_fail_at(s->r, s->at, QW_ERR_MALFORMED, "data count section required");
        if (x >= m->data_count)
            return FAIL(s, "unknown data segment %u", x);
        return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && pop_expect(s, mem_at(m, y));
    case QW_OP_DATA_DROP:
        return qw_valid_read_data_index(s, &x);
    case QW_OP_MEMORY_COPY: {
        if (!qw_valid_read_index(s, m->nmemories, "memory", &x) ||
            !qw_valid_read_index(s, m->nmemories, "memory", &y))
            return false;
        qw_valtype ax = mem_at(m, x), ay = mem_at(m, y);
        qw_valtype amin = ax == QW_I32 || ay == QW_I32 ? QW_I32 : QW_I64;
        return pop_expect(s, amin) && pop_expect(s, ay) && pop_expect(s, ax);
    }
    default: /* memory.fill */
        if (!qw_valid_read_index(s, m->nmemories, "memory", &x))
            return false;
        return pop_expect(s, mem_at(m, x)) && pop_expect(s, QW_I32) && pop_expect(s, mem_at(m, x));
    }
}

/* ---- instructions described by their ops.def signature -------------------------------------- */

static bool do_generic(vstate *s, uint32_t op)
{
    const qw_op_info *info = &qw_op_infos[op];
    qw_reader *r = s->r;
    qw_valtype at = QW_I32;
    uint32_t mem;
    switch (info->imm) {
    case QW_IMM_NONE:
        break;
    case QW_IMM_MEMARG:
        if (!read_memarg(s, info->arg, &mem))
            return false;
        at = mem_at(s->m, mem);
        break;
    case QW_IMM_MEMARG_ATOMIC:
        if (!read_memarg_atomic(s, info->arg, &mem))
            return false;
        at = mem_at(s->m, mem);
        break;
    case QW_IMM_ZERO_BYTE: {
        uint8_t zero;
        if (!qw_read_u8(r, &zero))
            return false;
        if (zero != 0)
            return qw_fail_at(r, r->p - 1, QW_ERR_MALFORMED, "zero byte expected");
        break;
    }
    case QW_IMM_MEMARG_LANE: {
        uint8_t lane;
        if (!read_memarg(s, info->arg, &mem) || !qw_read_u8(r, &lane))
            return false;
        if (lane >= (16u >> info->arg))
            return FAIL(s, "invalid lane index");
        at = mem_at(s->m, mem);
        break;
    }
    case QW_IMM_MEMORY:
        if (!qw_valid_read_index(s, s->m->nmemories, "memory", &mem))
            return false;
        at = mem_at(s->m, mem);
        break;
    case QW_IMM_LANE: {
        uint8_t lane;
        if (!qw_read_u8(r, &lane))
            return false;
        if (lane >= info->arg)
            return FAIL(s, "invalid lane index");
        break;
    }
    case QW_IMM_SHUFFLE: {
        const uint8_t *lanes;
        if (!qw_read_bytes(r, 16, &lanes))
            return false;
        for (int i = 0; i < 16; i++) {
            if (lanes[i] >= 32)
                return FAIL(s, "invalid lane index");
        }
        break;
    }
    case QW_IMM_I32: {
        int32_t v;
        if (!qw_leb_read_s32(r, &v))
            return false;
        break;
    }
    case QW_IMM_I64: {
        int64_t v;
        if (!qw_leb_read_s64(r, &v))
            return false;
        break;
    }
    case QW_IMM_F32:
    case QW_IMM_F64:
    case QW_IMM_V128: {
        const uint8_t *b;
        size_t n = info->imm == QW_IMM_F32 ? 4 : info->imm == QW_IMM_F64 ? 8 : 16;
        if (!qw_read_bytes(r, n, &b))
            return false;
        break;
    }
    default:
        return FAIL(s, "unexpected immediate");
    }
    return apply_sig(s, &s->v->sigs[op], at);
}

static bool const_allowed(uint32_t op)
{
    switch (op) {
    case QW_OP_I32_CONST:
    case QW_OP_I64_CONST:
    case QW_OP_F32_CONST:
    case QW_OP_F64_CONST:
    case QW_OP_V128_CONST:
    case QW_OP_REF_NULL:
    case QW_OP_REF_FUNC:
    case QW_OP_GLOBAL_GET:
    case QW_OP_I32_ADD:
    case QW_OP_I32_SUB:
    case QW_OP_I32_MUL:
    case QW_OP_I64_ADD:
    case QW_OP_I64_SUB:
    case QW_OP_I64_MUL:
    case QW_OP_STRUCT_NEW:
    case QW_OP_STRUCT_NEW_DEFAULT:
    case QW_OP_ARRAY_NEW:
    case QW_OP_ARRAY_NEW_DEFAULT:
    case QW_OP_ARRAY_NEW_FIXED:
    case QW_OP_REF_I31:
    case QW_OP_ANY_CONVERT_EXTERN:
    case QW_OP_EXTERN_CONVERT_ANY:
    case QW_OP_END:
        return true;
    default:
        return false;
    }
}

/* Reads the next opcode into s->op. */
static inline bool read_op(vstate *s)
{
    qw_reader *r = s->r;
    if (r->p >= r->end)
        return qw_leb_fail_end(r);
    uint8_t b = *r->p++;
    uint32_t op = qw_op_byte[b], sub;
    if (qw_op_is_prefix(b)) {
        if (!qw_read_u32(r, &sub))
            return false;
        op = qw_op_prefixed(b, sub);
        if (!op)
            return qw_fail_at(r, s->at, QW_ERR_MALFORMED, "illegal opcode %02x %x", b, sub);
    } else if (!op) {
        return qw_fail_at(r, s->at, QW_ERR_MALFORMED, "illegal opcode %02x", b);
    }
    s->op = op - 1;
    return true;
}

static bool do_local(vstate *s, uint32_t op)
{
    uint32_t i;
    qw_valtype t = 0;
    if (!read_local(s, &i, &t))
        return false;
    if (op == QW_OP_LOCAL_GET) {
        if (!qw_types_defaultable(t) && i >= s->nparams && s->v->local_init[i] != s->v->gen)
            return FAIL(s, "uninitialized local %u", i);
        return push(s, t);
    }
    if (!pop_expect(s, t) || !mark_init(s, i, t))
        return false;
    return op == QW_OP_LOCAL_TEE ? push(s, t) : true;
}

static bool do_global(vstate *s, uint32_t op)
{
    qw_module *m = s->m;
    uint32_t g;
    uint32_t visible = s->v->const_mode ? s->v->const_globals : m->nglobals;
    if (!qw_valid_read_index(s, visible, "global", &g))
        return false;
    const qw_global_decl *gl = &m->globals[g];
    if (op == QW_OP_GLOBAL_GET) {
        if (s->v->const_mode && gl->mut)
            return FAIL(s, "constant expression required");
        return push(s, gl->type);
    }
    if (!gl->mut)
        return FAIL(s, "immutable global %u", g);
    return pop_expect(s, gl->type);
}

static bool do_ref(vstate *s, uint32_t op)
{
    qw_module *m = s->m;
    qw_valtype t;
    uint32_t x;
    switch (op) {
    case QW_OP_REF_NULL:
        if (!qw_decode_heaptype(s->r, m->ntypes, &x))
            return false;
        return push(s, QW_VT_REFTYPE(1, x));
    case QW_OP_REF_IS_NULL:
        return pop_ref(s, &t) && push(s, QW_I32);
    case QW_OP_REF_FUNC:
        if (!qw_valid_read_index(s, m->nfuncs, "function", &x) || !check_func_ref_decl(s, x))
            return false;
        return push(s, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + m->funcs[x].type));
    case QW_OP_REF_EQ:
        return pop_expect(s, QW_VT_REFTYPE(1, QW_HT_EQ)) &&
               pop_expect(s, QW_VT_REFTYPE(1, QW_HT_EQ)) && push(s, QW_I32);
    default: /* ref.as_non_null */
        if (!pop_ref(s, &t))
            return false;
        return push(s,
                    t == QW_VT_BOT ? QW_VT_REFTYPE(0, QW_HT_BOT) : QW_VT_REFTYPE(0, QW_VT_HEAP(t)));
    }
}

/* One instruction; *done is set after the final `end`. */
static inline __attribute__((always_inline)) bool step(vstate *s, bool *done)
{
    s->at = s->r->p;
    if (!read_op(s))
        return false;
    uint32_t op = s->op;
    if (s->v->const_mode && !const_allowed(op)) {
        s->v->non_const = true;
        if (!qw_ops_skip_imm(s->r, op))
            return false;
        return FAIL(s, "constant expression required");
    }
    const qw_sig *sig = &s->v->sigs[op];
    if (sig->nparams != 0xFF && qw_op_infos[op].imm == QW_IMM_NONE)
        return apply_sig(s, sig, QW_I32);
    uint32_t x;
    switch (op) {
    case QW_OP_UNREACHABLE:
        set_unreachable(s);
        return true;
    case QW_OP_BLOCK:
        return do_block(s, KIND_BLOCK);
    case QW_OP_LOOP:
        return do_block(s, KIND_LOOP);
    case QW_OP_IF:
        return do_block(s, KIND_IF);
    case QW_OP_TRY:
        return do_block(s, KIND_TRY);
    case QW_OP_TRY_TABLE:
        return do_try_table(s);
    case QW_OP_ELSE:
        return do_next_arm(s, KIND_ELSE);
    case QW_OP_CATCH:
        return do_next_arm(s, KIND_CATCH);
    case QW_OP_CATCH_ALL:
        return do_next_arm(s, KIND_CATCH_ALL);
    case QW_OP_DELEGATE:
        return do_delegate(s);
    case QW_OP_END:
        return do_end(s, done);
    case QW_OP_BR:
    case QW_OP_BR_IF:
        return do_br(s, op);
    case QW_OP_BR_TABLE:
        return do_br_table(s);
    case QW_OP_RETURN: {
        const qw_type *ft = &s->m->types[s->func_type];
        if (!pop_vals(s, qw_type_results(s->m, s->func_type), ft->nresults))
            return false;
        set_unreachable(s);
        return true;
    }
    case QW_OP_CALL:
    case QW_OP_RETURN_CALL:
        if (!qw_valid_read_index(s, s->m->nfuncs, "function", &x))
            return false;
        return do_call(s, s->m->funcs[x].type, op == QW_OP_RETURN_CALL);
    case QW_OP_CALL_INDIRECT:
    case QW_OP_RETURN_CALL_INDIRECT:
        return do_call_indirect(s, op == QW_OP_RETURN_CALL_INDIRECT);
    case QW_OP_CALL_REF:
    case QW_OP_RETURN_CALL_REF:
        return do_call_ref(s, op == QW_OP_RETURN_CALL_REF);
    case QW_OP_THROW: {
        if (!qw_valid_read_index(s, s->m->ntags, "tag", &x))
            return false;
        uint32_t t = s->m->tags[x].type;
        if (!pop_vals(s, qw_type_params(s->m, t), s->m->types[t].nparams))
            return false;
        set_unreachable(s);
        return true;
    }
    case QW_OP_THROW_REF:
        if (!pop_expect(s, QW_EXNREF))
            return false;
        set_unreachable(s);
        return true;
    case QW_OP_RETHROW:
        return do_rethrow(s);
    case QW_OP_DROP: {
        qw_valtype t;
        return pop_any(s, &t);
    }
    case QW_OP_SELECT:
    case QW_OP_SELECT_T:
        return do_select(s, op == QW_OP_SELECT_T);
    case QW_OP_LOCAL_GET:
    case QW_OP_LOCAL_SET:
    case QW_OP_LOCAL_TEE:
        return do_local(s, op);
    case QW_OP_GLOBAL_GET:
    case QW_OP_GLOBAL_SET:
        return do_global(s, op);
    case QW_OP_TABLE_GET:
    case QW_OP_TABLE_SET:
    case QW_OP_TABLE_GROW:
    case QW_OP_TABLE_SIZE:
    case QW_OP_TABLE_FILL:
    case QW_OP_TABLE_INIT:
    case QW_OP_ELEM_DROP:
    case QW_OP_TABLE_COPY:
        return do_table(s, op);
    case QW_OP_MEMORY_INIT:
    case QW_OP_DATA_DROP:
    case QW_OP_MEMORY_COPY:
    case QW_OP_MEMORY_FILL:
        return do_bulk_memory(s, op);
    case QW_OP_REF_NULL:
    case QW_OP_REF_IS_NULL:
    case QW_OP_REF_FUNC:
    case QW_OP_REF_EQ:
    case QW_OP_REF_AS_NON_NULL:
        return do_ref(s, op);
    case QW_OP_BR_ON_NULL:
    case QW_OP_BR_ON_NON_NULL:
        return do_br_on_null(s, op == QW_OP_BR_ON_NON_NULL);
    default:
        if (op >= QW_OP_STRUCT_NEW && op <= QW_OP_I31_GET_U)
            return qw_valid_gc(s, op);
        return do_generic(s, op);
    }
}

/* The most frequent instructions in their most frequent encodings (one-byte indices and
 * offsets), checked without the general decoding; anything else goes through step(). */
static inline bool fast_step(vstate *s, const uint8_t *p, bool *handled)
{
    qw_valid *v = s->v;
    qw_reader *r = s->r;
    uint8_t b = p[0];
    *handled = true;
    s->at = p;
    /* one indirect branch per instruction: a chain of tests would mispredict more */
    switch (b) {
    case 0x20: /* local.get, local.set, local.tee of a defaultable local */
    case 0x21:
    case 0x22:
        if (p[1] < 0x80 && s->ltypes && p[1] < s->nlocals) {
            qw_valtype t = s->ltypes[p[1]];
            if (QW_VT_CODE(t) != QW_REF) {
                r->p = p + 2;
                if (b == 0x20)
                    return push(s, t);
                if (!pop_expect(s, t))
                    return false;
                return b == 0x22 ? push(s, t) : true;
            }
        }
        break;
    case 0x41: /* i32.const, i64.const of up to 4 bytes: no range check due */
    case 0x42:
        if (r->end - p > 5) {
            size_t n = !(p[1] & 0x80)   ? 1
                       : !(p[2] & 0x80) ? 2
                       : !(p[3] & 0x80) ? 3
                       : !(p[4] & 0x80) ? 4
                                        : 0;
            if (n) {
                r->p = p + 1 + n;
                return push(s, b == 0x41 ? QW_I32 : QW_I64);
            }
        }
        break;
    case 0x43: /* f32.const, f64.const */
    case 0x44: {
        size_t n = b == 0x43 ? 4 : 8;
        if ((size_t)(r->end - p) > n) {
            r->p = p + 1 + n;
            return push(s, b == 0x43 ? QW_F32 : QW_F64);
        }
        break;
    }
    case 0x1A: { /* drop */
        qw_valtype t;
        r->p = p + 1;
        return pop_any(s, &t);
    }
    case 0x23: /* global.get */
        if (p[1] < 0x80 && p[1] < s->m->nglobals) {
            r->p = p + 2;
            return push(s, s->m->globals[p[1]].type);
        }
        break;
    case 0x0B: /* end of an inner block */
        if (v->nctrls > 1) {
            bool done;
            r->p = p + 1;
            return do_end(s, &done);
        }
        break;
    case 0x0D: /* br_if */
        if (p[1] < 0x80) {
            r->p = p + 1;
            return do_br(s, QW_OP_BR_IF);
        }
        break;
    case 0x10: /* call */
        if (p[1] < 0x80) {
            uint32_t f = p[1];
            r->p = p + 2;
            if (f >= s->m->nfuncs)
                return FAIL(s, "unknown function %u", f);
            return do_call(s, s->m->funcs[f].type, false);
        }
        break;
    case 0x02: /* block, loop, if with an empty or a numeric/vector block type */
    case 0x03:
    case 0x04:
        if (p[1] == 0x40 || (p[1] >= QW_V128 && p[1] <= QW_I32)) {
            static const uint8_t kinds[] = {KIND_BLOCK, KIND_LOOP, KIND_IF};
            r->p = p + 2;
            if (b == 0x04 && !pop_expect(s, QW_I32))
                return false;
            return push_ctrl(s, kinds[b - 0x02], QW_NO_INDEX, p[1] == 0x40 ? 0 : p[1]);
        }
        break;
    case 0x28: /* loads and stores with one-byte flags and offset, memory 0 */
    case 0x29:
    case 0x2A:
    case 0x2B:
    case 0x2C:
    case 0x2D:
    case 0x2E:
    case 0x2F:
    case 0x30:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37:
    case 0x38:
    case 0x39:
    case 0x3A:
    case 0x3B:
    case 0x3C:
    case 0x3D:
    case 0x3E: {
        uint32_t op = qw_op_byte[b] - 1;
        if (p + 2 < r->end && p[1] <= qw_op_infos[op].arg && p[2] < 0x80 && s->m->nmemories) {
            r->p = p + 3;
            return apply_sig(s, &v->sigs[op], mem_at(s->m, 0));
        }
        break;
    }
    default: {
        const qw_sig *sig = &v->byte_sigs[b];
        if (sig->nparams != 0xFF) {
            r->p = p + 1;
            return apply_sig(s, sig, QW_I32);
        }
        break;
    }
    }
    *handled = false;
    return true;
}

static bool run(vstate *s)
{
    qw_reader *r = s->r;
    bool done = false;
    bool fast = !s->v->const_mode;
    while (!done) {
        if (fast && r->end - r->p >= 2) {
            bool handled;
            if (!fast_step(s, r->p, &handled))
                return false;
            if (handled)
                continue;
        }
        if (!step(s, &done))
            return false;
    }
    return true;
}

static void state_init(vstate *s, qw_valid *v, qw_reader *r)
{
    memset(s, 0, sizeof *s);
    s->v = v;
    s->m = v->m;
    s->r = r;
    s->at = r->p;
    v->nvals = 0;
    v->nctrls = 0;
    v->ninits = 0;
}

/* After a validation error in a constant expression, decodes the rest of it: the reference
 * interpreter decodes the whole module before validating, so a malformed encoding further on
 * is the error the spec tests expect. */
static bool opens_block(uint32_t op)
{
    return op == QW_OP_BLOCK || op == QW_OP_LOOP || op == QW_OP_IF || op == QW_OP_TRY ||
           op == QW_OP_TRY_TABLE;
}

static void decode_rest(vstate *s)
{
    qw_error *err = s->r->err, saved = *err;
    err->kind = QW_ERR_NONE;
    /* the failing instruction (s->op) may itself have opened a block */
    int depth = opens_block(s->op) ? 1 : 0;
    for (;;) {
        s->at = s->r->p;
        if (!read_op(s) || !qw_ops_skip_imm(s->r, s->op))
            break;
        if (opens_block(s->op))
            depth++;
        else if (s->op == QW_OP_END && depth-- == 0)
            break;
    }
    if (err->kind != QW_ERR_MALFORMED)
        *err = saved;
}

bool qw_valid_const_expr(qw_valid *v, qw_reader *r, qw_valtype expected, uint32_t nglobals)
{
    vstate s;
    state_init(&s, v, r);
    v->const_mode = true;
    v->const_globals = nglobals;
    bool ok = push_ctrl(&s, KIND_BLOCK, QW_NO_INDEX, expected) && run(&s);
    v->const_mode = false;
    if (!ok && v->non_const && r->err->kind == QW_ERR_INVALID)
        decode_rest(&s);
    v->non_const = false;
    return ok;
}

bool qw_valid_func(qw_valid *v, qw_reader *r, uint32_t funcidx)
{
    qw_module *m = v->m;
    const qw_func_decl *f = &m->funcs[funcidx];
    vstate s;
    state_init(&s, v, r);
    s.func_type = f->type;
    s.nparams = m->types[f->type].nparams;
    s.params = qw_type_params(m, f->type);
    s.nlocals = s.nparams + f->nlocals;
    s.runs = f->nruns ? m->local_runs + f->run_off : NULL; /* no arithmetic on NULL */
    s.nruns = f->nruns;
    /* Initialisation flags, only for functions with non-defaultable locals. A flag is "set" when
     * it holds this function's generation, so nothing is cleared between functions. */
    bool tracked = false;
    for (uint32_t i = 0; i < f->nruns; i++)
        tracked |= !qw_types_defaultable(s.runs[i].type);
    v->gen++;
    if (tracked && s.nlocals > v->locals_cap) {
        uint32_t *p = qw_realloc_array(v->eng, v->local_init, s.nlocals, sizeof *p);
        if (!p)
            return oom(&s);
        memset(p + v->locals_cap, 0, (size_t)(s.nlocals - v->locals_cap) * sizeof *p);
        v->local_init = p;
        v->locals_cap = s.nlocals;
    }
    /* One entry per local makes local.get cheap; a body may declare 50,000 locals in a few
     * bytes, so expand only when that costs no more than a few entries per body byte. */
    if (s.nlocals <= 64 || s.nlocals / 4 <= f->code_len) {
        if (s.nlocals > v->ltypes_cap) {
            uint32_t cap = s.nlocals < 64 ? 64 : s.nlocals;
            qw_valtype *p = qw_realloc_array(v->eng, v->ltypes, cap, sizeof *p);
            if (!p)
                return oom(&s);
            v->ltypes = p;
            v->ltypes_cap = cap;
        }
        if (s.nparams)
            memcpy(v->ltypes, s.params, s.nparams * sizeof *s.params);
        for (uint32_t i = 0; i < s.nruns; i++) {
            qw_valtype *dst = v->ltypes + s.nparams + s.runs[i].first;
            for (uint32_t k = 0; k < s.runs[i].count; k++)
                dst[k] = s.runs[i].type;
        }
        s.ltypes = v->ltypes;
    }
    v->max_vals = 0;
    v->max_ctrls = 0;
    if (!push_ctrl(&s, KIND_BLOCK, f->type, 0))
        return false;
    v->nvals = 0; /* the parameters are locals, not operands */
    if (!run(&s))
        return false;
    qw_func_decl *fd = &m->funcs[funcidx];
    fd->max_stack = v->max_vals;
    fd->max_depth = v->max_ctrls;
    return true;
}
