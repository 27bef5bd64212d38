/* compile.c: validated function bodies -> internal slot code (code.h), once per module at
 * qw_module_compile. One pass with an abstract operand stack: every stack entry has a home slot
 * fixed by its depth, local.get pushes no code (the entry names the local's slot until something
 * forces a copy), a result written by the instruction just emitted is retargeted into the local a
 * following local.set/tee names, and branches move only the values their label takes. Unreachable
 * code is skipped, not compiled. A body using an instruction the interpreter does not run yet
 * compiles to one UNSUPPORTED instruction (a trap when called), so its module still instantiates.
 */
#include "code.h"
#include "ops.h"
#include "simd.h"
#include "valid.h"

#include <string.h>

typedef struct centry {
    qw_valtype type;
    uint32_t home; /* temporary slot of this stack depth */
    uint32_t loc;  /* where the value is now: home, or a local's slot */
} centry;

enum { C_BLOCK, C_LOOP, C_IF, C_FUNC };

typedef struct cctrl {
    uint8_t kind;
    bool unreachable;
    uint32_t height;    /* stack entries below the block's parameters */
    uint32_t slot_base; /* home of the first parameter / result */
    uint32_t type;      /* function type index, or QW_NO_INDEX */
    qw_valtype single;  /* the one result when type is QW_NO_INDEX (0: none) */
    uint32_t start;     /* loop: first word of the body */
    uint32_t fixups;    /* first pending forward branch (index into fix), or QW_NO_INDEX */
    uint32_t else_pos;  /* if: the operand word of BR_UNLESS, or QW_NO_INDEX */
    uint32_t else_base;
    bool is_try;
    uint32_t try_at, try_start;
    /* legacy try: its anchor instruction, the end of its body (QW_NO_INDEX until the first
     * catch), its exnref slot, and the first of its catches in comp.lc */
    bool legacy;
    uint32_t anchor, body_end, exn_slot, lc_first;
} cctrl;

/* A legacy catch or catch_all: where its code starts. */
typedef struct lcatch {
    uint8_t kind; /* 0 catch, 2 catch_all */
    uint32_t tag, pos;
} lcatch;

typedef struct cfix {
    uint32_t pos;  /* word to patch */
    uint32_t base; /* first word of the branching instruction */
    uint32_t next;
} cfix;

typedef struct comp {
    qw_module *m;
    qw_engine *eng;
    const int32_t *h;
    qw_reader r;
    qw_word *w;
    uint32_t n, cap;
    centry *st;
    uint32_t nst, st_cap;
    cctrl *ct;
    uint32_t nct, ct_cap;
    cfix *fix;
    uint32_t nfix, fix_cap;
    /* locals (params first) as runs of one type: a body may declare 50,000 locals in a few
     * bytes, so they are never expanded one entry per local */
    struct lrun {
        uint32_t first, slot;
        qw_valtype type;
    } * runs;
    uint32_t nruns, runs_cap;
    uint32_t slot_h, max_slot, temp_base;
    /* entries whose value is still in a local (not at home): materialisation and local.set
     * scan the stack only while there are some, from the top, so deep stacks stay cheap */
    uint32_t n_off;
    uint32_t last_dst;   /* operand word of the last instruction's destination, or QW_NO_INDEX */
    uint32_t last_start; /* first word of the last instruction */
    qw_iop last_iop;
    uint32_t prev_start; /* the one before it (QW_IOP_COUNT_: unknown) */
    qw_iop prev_iop;
    uint32_t label_pos; /* the last word index a branch may target: nothing before it moves */
    qw_handler *hs;
    uint32_t nhs, hs_cap;
    lcatch *lc;
    uint32_t nlc, lc_cap;
    uint32_t legacy_depth, exn_base; /* legacy try nesting; first of their exnref slots */
    bool oom, unsupported;
    qw_error dummy; /* the reader's errors: validated code has none */
} comp;

/* ---- growing arrays --------------------------------------------------------------------- */

static bool grow(comp *c, void **arr, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return true;
    uint32_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap = ncap > UINT32_MAX / 2 ? need : ncap * 2;
    void *p = qw_realloc_array(c->eng, *arr, ncap, size);
    if (!p) {
        c->oom = true;
        return false;
    }
    *arr = p;
    *cap = ncap;
    return true;
}

static void emit(comp *c, qw_word x)
{
    if (c->n >= c->cap && !grow(c, (void **)&c->w, &c->cap, c->n + 1, sizeof *c->w))
        return;
    c->w[c->n++] = x;
}

/* Starts an instruction; returns the index of its first word. */
static uint32_t begin(comp *c, qw_iop op)
{
    uint32_t at = c->n;
    c->last_dst = QW_NO_INDEX;
    c->prev_start = c->last_start;
    c->prev_iop = c->last_iop;
    c->last_start = at;
    c->last_iop = op;
    emit(c, (qw_word)c->h[op]);
    return at;
}

/* Emits the destination operand of a retargetable instruction. */
static void emit_dst(comp *c, uint32_t slot)
{
    uint32_t at = c->n;
    emit(c, slot);
    c->last_dst = at;
}

/* ---- locals ------------------------------------------------------------------------------ */

static bool add_run(comp *c, uint32_t first, uint32_t slot, qw_valtype t)
{
    if (c->nruns && c->runs[c->nruns - 1].type == t)
        return true;
    if (!grow(c, (void **)&c->runs, &c->runs_cap, c->nruns + 1, sizeof *c->runs))
        return false;
    c->runs[c->nruns++] = (struct lrun){first, slot, t};
    return true;
}

static const struct lrun *find_run(const comp *c, uint32_t x)
{
    uint32_t lo = 0, hi = c->nruns;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->runs[mid].first <= x)
            lo = mid;
        else
            hi = mid;
    }
    return &c->runs[lo];
}

static qw_valtype local_type(const comp *c, uint32_t x)
{
    return find_run(c, x)->type;
}

static uint32_t local_slot(const comp *c, uint32_t x)
{
    const struct lrun *r = find_run(c, x);
    return r->slot + (x - r->first) * qw_slots_of(r->type);
}

/* ---- abstract stack ----------------------------------------------------------------------- */

static centry *push(comp *c, qw_valtype t)
{
    if (!grow(c, (void **)&c->st, &c->st_cap, c->nst + 1, sizeof *c->st))
        return NULL;
    centry *e = &c->st[c->nst++];
    e->type = t;
    e->home = e->loc = c->slot_h;
    c->slot_h += qw_slots_of(t);
    if (c->slot_h > c->max_slot)
        c->max_slot = c->slot_h;
    return e;
}

static centry pop(comp *c)
{
    centry e = c->st[--c->nst];
    c->slot_h = e.home;
    c->n_off -= e.loc != e.home;
    return e;
}

static bool is32(qw_valtype t)
{
    return QW_VT_CODE(t) == QW_I32 || QW_VT_CODE(t) == QW_F32;
}

static void copy(comp *c, qw_valtype t, uint32_t dst, uint32_t src)
{
    if (dst == src)
        return;
    /* 32-bit values are copied as 32 bits: an 8-byte read of a slot whose low half was just
     * written with a 4-byte store stalls store-to-load forwarding for many cycles */
    qw_iop op = qw_slots_of(t) == 2 ? QW_IOP_COPY2 : is32(t) ? QW_IOP_COPY32 : QW_IOP_COPY;
    if (op != QW_IOP_COPY2 && c->last_iop == op && c->label_pos <= c->last_start &&
        c->n == c->last_start + 3 && !c->oom) {
        /* a second copy of the same width right after one (no label between): one dispatch */
        op = op == QW_IOP_COPY32 ? QW_IOP_COPY32_2 : QW_IOP_COPY_2;
        c->w[c->last_start] = (qw_word)c->h[op];
        c->last_iop = op;
        emit(c, dst);
        emit(c, src);
        return;
    }
    begin(c, op);
    emit(c, dst);
    emit(c, src);
}

static void materialize(comp *c, uint32_t from)
{
    for (uint32_t i = c->nst; c->n_off && i-- > from;) {
        centry *e = &c->st[i];
        if (e->loc != e->home) {
            copy(c, e->type, e->home, e->loc);
            e->loc = e->home;
            c->n_off--;
        }
    }
}

/* Before local slot `slot` changes, entries still reading it get their own copy. */
static void protect_local(comp *c, uint32_t slot)
{
    for (uint32_t i = c->nst, left = c->n_off; left && i-- > 0;) {
        centry *e = &c->st[i];
        if (e->loc == e->home)
            continue;
        left--;
        if (e->loc == slot) {
            copy(c, e->type, e->home, e->loc);
            e->loc = e->home;
            c->n_off--;
        }
    }
}

/* ---- blocks and labels -------------------------------------------------------------------- */

static uint32_t ctrl_nparams(const comp *c, const cctrl *b)
{
    return b->type == QW_NO_INDEX ? 0 : c->m->types[b->type].nparams;
}

static uint32_t ctrl_nresults(const comp *c, const cctrl *b)
{
    if (b->type == QW_NO_INDEX)
        return b->single ? 1 : 0;
    return c->m->types[b->type].nresults;
}

static qw_valtype ctrl_result(const comp *c, const cctrl *b, uint32_t i)
{
    return b->type == QW_NO_INDEX ? b->single : qw_type_results(c->m, b->type)[i];
}

static qw_valtype ctrl_param(const comp *c, const cctrl *b, uint32_t i)
{
    return qw_type_params(c->m, b->type)[i];
}

static uint32_t label_arity(const comp *c, const cctrl *b)
{
    return b->kind == C_LOOP ? ctrl_nparams(c, b) : ctrl_nresults(c, b);
}

static void add_fixup(comp *c, cctrl *b, uint32_t pos, uint32_t base)
{
    if (!grow(c, (void **)&c->fix, &c->fix_cap, c->nfix + 1, sizeof *c->fix))
        return;
    c->fix[c->nfix] = (cfix){pos, base, b->fixups};
    b->fixups = c->nfix++;
}

/* Whether a branch to b from the current stack needs value moves. */
static bool needs_moves(const comp *c, const cctrl *b)
{
    uint32_t n = label_arity(c, b);
    uint32_t dst = b->slot_base;
    for (uint32_t i = c->nst - n; i < c->nst; i++) {
        if (c->st[i].loc != dst)
            return true;
        dst += qw_slots_of(c->st[i].type);
    }
    return false;
}

/* Whether the top entry is the result the instruction just emitted wrote to its home (no label
 * since): that instruction can write it elsewhere instead. */
static bool fresh_top(const comp *c)
{
    const centry *top = &c->st[c->nst - 1];
    return c->last_dst != QW_NO_INDEX && !c->oom && top->loc == top->home &&
           c->w[c->last_dst] == top->home;
}

static void emit_moves(comp *c, const cctrl *b)
{
    uint32_t n = label_arity(c, b);
    uint32_t dst = b->kind == C_FUNC ? 0 : b->slot_base;
    if (b->kind == C_FUNC && n > 1)
        materialize(c, c->nst - n); /* results go to slots 0.., over the locals */
    if (b->kind == C_FUNC && n == 1 && fresh_top(c)) {
        c->w[c->last_dst] = 0; /* the instruction just emitted writes the result in place */
        c->last_dst = QW_NO_INDEX;
        return;
    }
    for (uint32_t i = c->nst - n; i < c->nst; i++) {
        copy(c, c->st[i].type, dst, c->st[i].loc);
        dst += qw_slots_of(c->st[i].type);
    }
}

/* Emits the jump of a branch to b (after its moves): a back-edge, a forward fixup or a return. */
static void emit_jump(comp *c, cctrl *b, qw_iop fwd, qw_iop back, int32_t cond_slot)
{
    uint32_t at;
    if (b->kind == C_FUNC && cond_slot < 0) {
        begin(c, QW_IOP_RETURN);
        return;
    }
    at = begin(c, b->kind == C_LOOP ? back : fwd);
    if (cond_slot >= 0)
        emit(c, (uint32_t)cond_slot);
    if (b->kind == C_LOOP) {
        emit(c, (uint32_t)(int32_t)(b->start - at));
    } else {
        add_fixup(c, b, c->n, at);
        emit(c, 0);
    }
}

/* The taken path of a branch whose skip test at `at` jumps over it (br_on_null, br_on_cast):
 * the label's moves and jump, then the skip distance patched into the word at `pos`. */
static void emit_taken_branch(comp *c, cctrl *blk, uint32_t at, uint32_t pos)
{
    emit_moves(c, blk);
    if (blk->kind == C_FUNC)
        begin(c, QW_IOP_RETURN);
    else
        emit_jump(c, blk, QW_IOP_BR, QW_IOP_BR_BACK, -1);
    if (!c->oom)
        c->w[pos] = c->n - at;
    c->last_dst = QW_NO_INDEX;
    c->label_pos = c->n;
}

static void set_unreachable(comp *c)
{
    cctrl *b = &c->ct[c->nct - 1];
    b->unreachable = true;
}

static void do_br(comp *c, uint32_t depth)
{
    cctrl *b = &c->ct[c->nct - 1 - depth];
    emit_moves(c, b);
    if (b->kind == C_FUNC)
        begin(c, QW_IOP_RETURN);
    else
        emit_jump(c, b, QW_IOP_BR, QW_IOP_BR_BACK, -1);
    set_unreachable(c);
}

/* Comparisons that a following br_if / if absorbs (code.h's QW_CODE_CMPS). */
static const uint16_t fuse_brif[QW_IOP_COUNT_] = {
#define F(n, ...) [QW_IOP_##n] = QW_IOP_BRIF_##n + 1, [QW_IOP_##n##_I] = QW_IOP_BRIF_##n##_I + 1,
    QW_CODE_CMPS(F)
#undef F
        [QW_IOP_I32_EQZ] = QW_IOP_BRIF_I32_EQZ + 1,
    [QW_IOP_I64_EQZ] = QW_IOP_BRIF_I64_EQZ + 1,
};

static const uint16_t fuse_brunless[QW_IOP_COUNT_] = {
#define F(n, ...)                                                                                  \
    [QW_IOP_##n] = QW_IOP_BRUNLESS_##n + 1, [QW_IOP_##n##_I] = QW_IOP_BRUNLESS_##n##_I + 1,
    QW_CODE_CMPS(F)
#undef F
        [QW_IOP_I32_EQZ] = QW_IOP_BRUNLESS_I32_EQZ + 1,
    [QW_IOP_I64_EQZ] = QW_IOP_BRUNLESS_I64_EQZ + 1,
};

/* i32 compare-and-branch forms that absorb the addition before them (code.h). */
static const uint16_t fuse_add_brif[QW_IOP_COUNT_] = {
#define F(n, ...)                                                                                  \
    [QW_IOP_BRIF_##n] = QW_IOP_ADDI_BRIF_##n + 1,                                                  \
    [QW_IOP_BRIF_##n##_I] = QW_IOP_ADDI_BRIF_##n##_I + 1,
    QW_CODE_I32_CMPS(F)
#undef F
};

static const bool brif_imm[QW_IOP_COUNT_] = {
#define F(n, ...) [QW_IOP_BRIF_##n##_I] = true,
    QW_CODE_I32_CMPS(F)
#undef F
};

/* A conditional branch on cond: when cond is the result of the comparison just emitted (no
 * label since), that comparison is taken back and a fused compare-and-branch emitted in its
 * place. Returns the word to patch with the offset (relative to *at). */
static uint32_t emit_cond_branch(comp *c, const centry *cond, bool when_true, qw_iop plain,
                                 uint32_t *at)
{
    const uint16_t *table = when_true ? fuse_brif : fuse_brunless;
    qw_word ops[4];
    uint32_t nops = 0;
    qw_iop iop = plain;
    if (!c->oom && cond->loc == cond->home && c->label_pos <= c->last_start &&
        c->last_iop < QW_IOP_COUNT_ && table[c->last_iop] &&
        c->w[c->last_start + 1] == cond->home) {
        nops = c->n - c->last_start - 2;
        memcpy(ops, c->w + c->last_start + 2, nops * sizeof *ops);
        iop = (qw_iop)(table[c->last_iop] - 1);
        c->n = c->last_start;
        /* a loop counter: the compared value is the i32.add just before the comparison */
        if (when_true && fuse_add_brif[iop] && c->label_pos <= c->prev_start &&
            c->prev_start + 4 == c->last_start && c->w[c->prev_start + 1] == ops[0] &&
            (c->prev_iop == QW_IOP_I32_ADD_I ||
             (c->prev_iop == QW_IOP_I32_ADD && !brif_imm[iop]))) {
            const qw_word *add = c->w + c->prev_start;
            qw_iop f = (qw_iop)(fuse_add_brif[iop] - 1);
            if (c->prev_iop == QW_IOP_I32_ADD) /* ADD_BRIF_x follows ADDI_BRIF_x */
                f = (qw_iop)(f + 1);
            ops[3] = ops[1];
            ops[0] = add[1];
            ops[1] = add[2];
            ops[2] = add[3];
            nops = 4;
            iop = f;
            c->n = c->prev_start;
        }
    } else {
        ops[0] = cond->loc;
        nops = 1;
    }
    *at = begin(c, iop);
    c->prev_iop = QW_IOP_COUNT_; /* what was taken back is no instruction any more */
    for (uint32_t i = 0; i < nops; i++)
        emit(c, ops[i]);
    uint32_t pos = c->n;
    emit(c, 0);
    return pos;
}

static void do_br_if(comp *c, uint32_t depth, const centry *cond)
{
    cctrl *b = &c->ct[c->nct - 1 - depth];
    uint32_t at, pos;
    if (b->kind != C_FUNC && !needs_moves(c, b)) {
        if (b->kind == C_LOOP) {
            pos = emit_cond_branch(c, cond, true, QW_IOP_BR_IF_BACK, &at);
            if (!c->oom)
                c->w[pos] = (uint32_t)(int32_t)(b->start - at);
        } else {
            pos = emit_cond_branch(c, cond, true, QW_IOP_BR_IF, &at);
            add_fixup(c, b, pos, at);
        }
        return;
    }
    pos = emit_cond_branch(c, cond, false, QW_IOP_BR_UNLESS, &at);
    emit_moves(c, b);
    if (b->kind == C_FUNC)
        begin(c, QW_IOP_RETURN);
    else
        emit_jump(c, b, QW_IOP_BR, QW_IOP_BR_BACK, -1);
    if (!c->oom)
        c->w[pos] = c->n - at;
    c->last_dst = QW_NO_INDEX;
    c->label_pos = c->n;
}

static void patch_fixups(comp *c, cctrl *b)
{
    c->label_pos = c->n;
    for (uint32_t f = b->fixups; f != QW_NO_INDEX; f = c->fix[f].next) {
        if (!c->oom)
            c->w[c->fix[f].pos] = c->n - c->fix[f].base;
    }
    b->fixups = QW_NO_INDEX;
    c->last_dst = QW_NO_INDEX;
}

static bool read_blocktype(comp *c, uint32_t *type, qw_valtype *single)
{
    qw_reader *r = &c->r;
    *type = QW_NO_INDEX;
    *single = 0;
    uint8_t b = *r->p;
    if (b == 0x40) {
        r->p++;
        return true;
    }
    if ((b >= 0x7B && b <= 0x7F) || b == QW_REF || b == QW_REF_NULL ||
        (b >= QW_HT_EXN && b <= QW_HT_NOEXN))
        return qw_decode_valtype(r, c->m->ntypes, single);
    int64_t idx;
    if (!qw_leb_read_s33(r, &idx))
        return false;
    *type = (uint32_t)idx;
    return true;
}

static cctrl *push_ctrl(comp *c, uint8_t kind, uint32_t type, qw_valtype single)
{
    if (!grow(c, (void **)&c->ct, &c->ct_cap, c->nct + 1, sizeof *c->ct))
        return NULL;
    cctrl *b = &c->ct[c->nct++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->type = type;
    b->single = single;
    b->fixups = QW_NO_INDEX;
    b->else_pos = QW_NO_INDEX;
    uint32_t np = ctrl_nparams(c, b);
    b->height = c->nst - np;
    b->slot_base = np ? c->st[b->height].home : c->slot_h;
    b->start = c->n;
    c->last_dst = QW_NO_INDEX;
    c->label_pos = c->n;
    return b;
}

/* Resets the stack to the block's height plus the given types (params or results). */
static void reset_stack(comp *c, cctrl *b, bool results)
{
    while (c->nst > b->height)
        pop(c);
    c->slot_h = b->slot_base;
    uint32_t n = results ? ctrl_nresults(c, b) : ctrl_nparams(c, b);
    for (uint32_t i = 0; i < n; i++)
        push(c, results ? ctrl_result(c, b, i) : ctrl_param(c, b, i));
}

/* The clause list of a legacy try (at its end, after the last catch) and its handler entry. */
static void end_legacy_try(comp *c, cctrl *b)
{
    uint32_t n = c->nlc - b->lc_first;
    c->legacy_depth--;
    if (!n)
        return; /* try ... end: a plain block */
    uint32_t at = begin(c, QW_IOP_TRY_TABLE);
    emit(c, 0);
    emit(c, n);
    for (uint32_t i = b->lc_first; i < c->nlc; i++) {
        emit(c, c->lc[i].kind);
        emit(c, c->lc[i].tag);
        emit(c, b->slot_base);
        emit(c, (uint32_t)(int32_t)(c->lc[i].pos - at));
        emit(c, b->exn_slot);
    }
    if (!c->oom)
        c->w[at + 1] = c->n - at;
    c->nlc = b->lc_first;
    if (grow(c, (void **)&c->hs, &c->hs_cap, c->nhs + 1, sizeof *c->hs))
        c->hs[c->nhs++] = (qw_handler){b->anchor, b->body_end, at};
}

static void do_end(comp *c)
{
    cctrl *b = &c->ct[c->nct - 1];
    if (!b->unreachable)
        materialize(c, b->height);
    if (b->kind == C_FUNC) {
        if (!b->unreachable) {
            emit_moves(c, b);
            begin(c, QW_IOP_RETURN);
        }
        c->nct--;
        return;
    }
    if (b->is_try && grow(c, (void **)&c->hs, &c->hs_cap, c->nhs + 1, sizeof *c->hs))
        c->hs[c->nhs++] = (qw_handler){b->try_start, c->n, b->try_at};
    if (b->legacy)
        end_legacy_try(c, b);
    if (b->else_pos != QW_NO_INDEX && !c->oom)
        c->w[b->else_pos] = c->n - b->else_base;
    patch_fixups(c, b); /* marks the label */
    reset_stack(c, b, true);
    c->nct--;
}

static void do_else(comp *c)
{
    cctrl *b = &c->ct[c->nct - 1];
    if (!b->unreachable) {
        materialize(c, b->height);
        uint32_t at = begin(c, QW_IOP_BR);
        add_fixup(c, b, c->n, at);
        emit(c, 0);
    }
    if (!c->oom)
        c->w[b->else_pos] = c->n - b->else_base;
    c->label_pos = c->n;
    b->else_pos = QW_NO_INDEX;
    b->unreachable = false;
    c->last_dst = QW_NO_INDEX;
    reset_stack(c, b, false);
}

/* ---- instructions ------------------------------------------------------------------------- */

/* The value type of an ops.def signature letter (0 for none). */
static qw_valtype sig_type(char ch)
{
    static const char letters[] = "ilfdv";
    static const qw_valtype types[] = {QW_I32, QW_I64, QW_F32, QW_F64, QW_V128};
    const char *p = ch ? strchr(letters, ch) : NULL;
    return p ? types[p - letters] : 0;
}

static const uint16_t iop_of[QW_OP_COUNT] = {
#define MAP(n, ...) [QW_OP_##n] = QW_IOP_##n + 1,
    QW_CODE_UNOPS(MAP) QW_CODE_UNOPS_TRAP(MAP) QW_CODE_BINOPS(MAP) QW_CODE_BINOPS_TRAP(MAP)
        QW_CODE_LOADS(MAP) QW_CODE_STORES(MAP) QW_CODE_SPLATS(MAP) QW_CODE_EXTRACTS(MAP)
            QW_CODE_REPLACES(MAP) QW_CODE_VLOAD_LANES(MAP) QW_CODE_VSTORE_LANES(MAP)
#undef MAP
};

static const uint16_t iop_imm_of[QW_OP_COUNT] = {
#define MAP(n, ...) [QW_OP_##n] = QW_IOP_##n##_I + 1,
    QW_CODE_INT_BINOPS(MAP) QW_CODE_FLOAT_ARITH(MAP)
#undef MAP
};

/* Whether e is the constant the instruction just emitted put in its home, with no label since:
 * then that CONST can be taken back and the value used as an immediate. */
static bool take_const(comp *c, const centry *e, uint64_t *v)
{
    if (e->loc != e->home || c->label_pos > c->last_start || c->oom ||
        (c->last_iop != QW_IOP_CONST32 && c->last_iop != QW_IOP_CONST64) ||
        c->w[c->last_start + 1] != e->home)
        return false;
    const qw_word *w = c->w + c->last_start;
    *v = c->last_iop == QW_IOP_CONST32 ? w[2] : (w[2] | (uint64_t)w[3] << 32);
    c->n = c->last_start;
    c->last_dst = QW_NO_INDEX;
    /* the instruction before the constant is the last one again */
    c->last_start = c->prev_start;
    c->last_iop = c->prev_iop;
    c->prev_iop = QW_IOP_COUNT_;
    return true;
}

static const uint16_t iop_m_of[QW_OP_COUNT] = {
#define MAP(n, ...) [QW_OP_##n] = QW_IOP_##n##_M + 1,
    QW_CODE_LOADS(MAP) QW_CODE_STORES(MAP) QW_CODE_VLOADS(MAP)
#undef MAP
        [QW_OP_V128_STORE] = QW_IOP_V128_STORE_M + 1,
};

/* The generic SIMD operations by list (interp.c calls them through tables in this order). */
enum { SIMD_UN, SIMD_BIN, SIMD_TERN, SIMD_TEST, SIMD_SHIFT, SIMD_KINDS };
#define NAME(n) #n,
static const char *const simd_un_names[] = {QW_SIMD_UNOPS(NAME)};
static const char *const simd_bin_names[] = {QW_SIMD_BINOPS(NAME)};
static const char *const simd_tern_names[] = {QW_SIMD_TERNOPS(NAME)};
static const char *const simd_test_names[] = {QW_SIMD_TESTOPS(NAME)};
static const char *const simd_shift_names[] = {QW_SIMD_SHIFTOPS(NAME)};
#undef NAME
static const struct {
    const char *const *names;
    uint32_t n;
} simd_lists[SIMD_KINDS] = {
    {simd_un_names, sizeof simd_un_names / sizeof *simd_un_names},
    {simd_bin_names, sizeof simd_bin_names / sizeof *simd_bin_names},
    {simd_tern_names, sizeof simd_tern_names / sizeof *simd_tern_names},
    {simd_test_names, sizeof simd_test_names / sizeof *simd_test_names},
    {simd_shift_names, sizeof simd_shift_names / sizeof *simd_shift_names},
};

/* Finds op's function in simd.h's lists by its text ("i8x16.add" is i8x16_add). */
static bool find_simd(uint32_t op, uint32_t *kind, uint32_t *idx)
{
    char name[48];
    const char *text = qw_op_infos[op].text;
    size_t i = 0;
    for (; text[i] && i + 1 < sizeof name; i++)
        name[i] = text[i] == '.' ? '_' : text[i];
    name[i] = 0;
    for (uint32_t k = 0; k < SIMD_KINDS; k++) {
        for (uint32_t j = 0; j < simd_lists[k].n; j++) {
            if (strcmp(simd_lists[k].names[j], name) == 0) {
                *kind = k;
                *idx = j;
                return true;
            }
        }
    }
    return false;
}

static bool mem_is64(const comp *c, uint32_t mem)
{
    return c->m->memories[mem].limits.is64;
}

static bool table_is64(const comp *c, uint32_t t)
{
    return c->m->tables[t].limits.is64;
}

static uint32_t mem_word(const comp *c, uint32_t mem)
{
    return mem | (mem_is64(c, mem) ? 0x80000000u : 0);
}

static const uint16_t iop_k_of[QW_OP_COUNT] = {
#define MAP(n, ...) [QW_OP_##n] = QW_IOP_##n##_K + 1,
    QW_CODE_STORES_K(MAP)
#undef MAP
};

static const uint16_t iop_x_of[QW_OP_COUNT] = {
#define MAP(n, ...) [QW_OP_##n] = QW_IOP_##n##_X + 1,
    QW_CODE_LOADS(MAP) QW_CODE_STORES(MAP)
#undef MAP
};

/* Whether the address entry e is the i32.add just emitted (no label since): then the addition is
 * taken back and *x / *y (and *imm for the immediate form) are its operands. */
static bool take_add(comp *c, const centry *e, qw_word *x, qw_word *y, bool *imm)
{
    if (e->loc != e->home || c->label_pos > c->last_start || c->oom ||
        (c->last_iop != QW_IOP_I32_ADD && c->last_iop != QW_IOP_I32_ADD_I) ||
        c->w[c->last_start + 1] != e->home)
        return false;
    *imm = c->last_iop == QW_IOP_I32_ADD_I;
    *x = c->w[c->last_start + 2];
    *y = c->w[c->last_start + 3];
    c->n = c->last_start;
    c->last_dst = QW_NO_INDEX;
    /* the instruction before the addition is the last one again */
    c->last_start = c->prev_start;
    c->last_iop = c->prev_iop;
    c->prev_iop = QW_IOP_COUNT_;
    return true;
}

/* After take_add of base + idx: whether idx (either operand) is the i32.shl by a constant just
 * before it (no label since): then it is taken back too, *x becomes the base, *y the shifted
 * index and *shift the amount. */
static bool take_shl(comp *c, qw_word *x, qw_word *y, uint32_t *shift)
{
    if (c->last_iop != QW_IOP_I32_SHL_I || c->label_pos > c->last_start || c->oom ||
        c->last_start + 4 != c->n)
        return false;
    qw_word dst = c->w[c->last_start + 1];
    if (dst < c->temp_base)
        return false; /* retargeted into a local (local.tee): the local must still be written */
    if (dst == *x) {  /* (i << k) + base */
        *x = *y;
        *y = dst;
    }
    if (dst != *y || dst == *x)
        return false;
    *y = c->w[c->last_start + 2];
    *shift = c->w[c->last_start + 3] & 31;
    c->n = c->last_start;
    c->last_iop = QW_IOP_COUNT_;
    return true;
}

/* After take_add of x + imm: whether x is the i32.shl by a constant of a temporary just before
 * it (no label since): then it is taken back too, *x becomes the index and *shift the amount. */
static bool take_shl_imm(comp *c, qw_word *x, uint32_t *shift)
{
    if (c->last_iop != QW_IOP_I32_SHL_I || c->label_pos > c->last_start || c->oom ||
        c->last_start + 4 != c->n || c->w[c->last_start + 1] != *x || *x < c->temp_base)
        return false;
    *x = c->w[c->last_start + 2];
    *shift = c->w[c->last_start + 3] & 31;
    c->n = c->last_start;
    c->last_iop = QW_IOP_COUNT_;
    return true;
}

static bool do_memop(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    uint32_t flags, mem = 0;
    uint64_t off;
    if (!qw_read_u32(r, &flags) || ((flags & 0x40) && !qw_read_u32(r, &mem)) ||
        !qw_leb_read_u64(r, &off))
        return false;
    const char *sig = qw_op_infos[op].sig;
    bool fast = mem == 0 && !mem_is64(c, 0) && off <= UINT32_MAX && iop_of[op];
    qw_iop iop = (qw_iop)((fast ? iop_of[op] : iop_m_of[op]) - 1);
    qw_word x, y;
    bool imm;
    if (sig[0] == '_') { /* store: address, value */
        centry v = pop(c), a = pop(c);
        uint64_t k;
        if (fast && iop_k_of[op] && take_const(c, &v, &k)) { /* a constant value */
            if (c->last_iop == QW_IOP_I32_ADD_I && take_add(c, &a, &x, &y, &imm)) {
                /* the address is x + imm */
                begin(c, (qw_iop)iop_k_of[op]); /* the _KXI form follows _K */
                emit(c, x);
                emit(c, y);
                emit(c, (uint32_t)k);
                emit(c, (uint32_t)off);
                return true;
            }
            begin(c, (qw_iop)(iop_k_of[op] - 1));
            emit(c, a.loc);
            emit(c, (uint32_t)k);
            emit(c, (uint32_t)off);
            return true;
        }
        /* the address's addition is the last instruction only when the value needed none */
        if (fast && iop_x_of[op] && v.loc != v.home && take_add(c, &a, &x, &y, &imm)) {
            begin(c, (qw_iop)(iop_x_of[op] - 1 + imm));
            emit(c, x);
            emit(c, y);
            emit(c, v.loc);
            emit(c, (uint32_t)off);
            return true;
        }
        begin(c, iop);
        emit(c, a.loc);
        emit(c, v.loc);
    } else {
        centry a = pop(c);
        uint64_t k;
        if (fast && iop_x_of[op] && take_const(c, &a, &k)) { /* a constant address */
            if ((uint32_t)k + off <= UINT32_MAX) {
                centry *d = push(c, sig_type(sig[0]));
                if (!d)
                    return false;
                begin(c, (qw_iop)(iop_x_of[op] + 3)); /* the _A form follows _XSI */
                emit_dst(c, d->home);
                emit(c, (uint32_t)((uint32_t)k + off));
                return true;
            }
            begin(c, QW_IOP_CONST32); /* past 2^32: the load traps; keep it plain */
            emit_dst(c, a.home);
            emit(c, (uint32_t)k);
        }
        bool fused = fast && iop_x_of[op] && take_add(c, &a, &x, &y, &imm);
        uint32_t shift = 0;
        bool scaled = fused && !imm && take_shl(c, &x, &y, &shift);
        bool scaled_imm = fused && imm && take_shl_imm(c, &x, &shift);
        centry *d = push(c, sig_type(sig[0]));
        if (!d)
            return false;
        if (scaled_imm) {                         /* (idx << shift) + imm */
            begin(c, (qw_iop)(iop_x_of[op] + 2)); /* the _XSI form follows _XS */
            emit_dst(c, d->home);
            emit(c, x);
            emit(c, shift);
            emit(c, y);
            emit(c, (uint32_t)off);
            return true;
        }
        if (scaled) {                             /* base + (idx << shift) */
            begin(c, (qw_iop)(iop_x_of[op] + 1)); /* the _XS form follows _X and _XI */
            emit_dst(c, d->home);
            emit(c, x);
            emit(c, y);
            emit(c, shift);
            emit(c, (uint32_t)off);
            return true;
        }
        if (fused) {
            begin(c, (qw_iop)(iop_x_of[op] - 1 + imm));
            emit_dst(c, d->home);
            emit(c, x);
            emit(c, y);
            emit(c, (uint32_t)off);
            return true;
        }
        begin(c, iop);
        emit_dst(c, d->home);
        emit(c, a.loc);
    }
    if (!fast)
        emit(c, mem_word(c, mem));
    emit(c, (uint32_t)off);
    if (!fast)
        emit(c, (uint32_t)(off >> 32));
    return true;
}

static void emit_call_args(comp *c, uint32_t type, uint32_t extra_top, uint32_t *base)
{
    uint32_t np = c->m->types[type].nparams;
    uint32_t first = c->nst - extra_top - np;
    materialize(c, first);
    if (np)
        *base = c->st[first].home;
    else /* no arguments: the callee's frame starts above everything it does not consume */
        *base = extra_top ? c->st[c->nst - extra_top].home : c->slot_h;
}

static void push_results(comp *c, uint32_t type)
{
    uint32_t nr = c->m->types[type].nresults;
    const qw_valtype *rt = qw_type_results(c->m, type);
    for (uint32_t i = 0; i < nr; i++)
        push(c, rt[i]);
}

static void pop_n(comp *c, uint32_t n)
{
    while (n--)
        pop(c);
}

static bool do_call(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    uint32_t idx, table = 0, type, base;
    if (!qw_read_u32(r, &idx))
        return false;
    if (op == QW_OP_CALL || op == QW_OP_RETURN_CALL) {
        type = c->m->funcs[idx].type;
        emit_call_args(c, type, 0, &base);
        pop_n(c, c->m->types[type].nparams);
        if (op == QW_OP_CALL && idx >= c->m->nfunc_imports) {
            /* a function of this module: same instance, code known now (m->codes is allocated
             * before any body is compiled, so the pointer is stable) */
            uintptr_t p = (uintptr_t)&c->m->codes[idx - c->m->nfunc_imports];
            begin(c, QW_IOP_CALL_LOCAL);
            emit(c, (uint32_t)p);
            emit(c, (uint32_t)((uint64_t)p >> 32));
            emit(c, base);
        } else {
            begin(c, op == QW_OP_CALL ? QW_IOP_CALL : QW_IOP_RETURN_CALL);
            emit(c, idx);
            emit(c, base);
        }
    } else if (op == QW_OP_CALL_INDIRECT || op == QW_OP_RETURN_CALL_INDIRECT) {
        if (!qw_read_u32(r, &table))
            return false;
        type = idx;
        emit_call_args(c, type, 1, &base);
        centry i = pop(c);
        pop_n(c, c->m->types[type].nparams);
        begin(c, op == QW_OP_CALL_INDIRECT ? QW_IOP_CALL_INDIRECT : QW_IOP_RETURN_CALL_INDIRECT);
        emit(c, type);
        emit(c, table | (table_is64(c, table) ? 0x80000000u : 0));
        emit(c, base);
        emit(c, i.loc);
    } else { /* call_ref */
        type = idx;
        emit_call_args(c, type, 1, &base);
        centry f = pop(c);
        pop_n(c, c->m->types[type].nparams);
        begin(c, op == QW_OP_CALL_REF ? QW_IOP_CALL_REF : QW_IOP_RETURN_CALL_REF);
        emit(c, type);
        emit(c, base);
        emit(c, f.loc);
    }
    if (op == QW_OP_RETURN_CALL || op == QW_OP_RETURN_CALL_INDIRECT ||
        op == QW_OP_RETURN_CALL_REF) {
        set_unreachable(c);
        return true;
    }
    c->slot_h = base;
    push_results(c, type);
    /* the callee's results are at base.. exactly where push_results put the homes */
    return true;
}

static bool do_const(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    const uint8_t *b;
    centry *d;
    switch (op) {
    case QW_OP_I32_CONST: {
        int32_t v;
        if (!qw_leb_read_s32(r, &v) || !(d = push(c, QW_I32)))
            return false;
        begin(c, QW_IOP_CONST32);
        emit_dst(c, d->home);
        emit(c, (uint32_t)v);
        return true;
    }
    case QW_OP_I64_CONST: {
        int64_t v;
        if (!qw_leb_read_s64(r, &v) || !(d = push(c, QW_I64)))
            return false;
        begin(c, QW_IOP_CONST64);
        emit_dst(c, d->home);
        emit(c, (uint32_t)(uint64_t)v);
        emit(c, (uint32_t)((uint64_t)v >> 32));
        return true;
    }
    case QW_OP_F32_CONST: {
        uint32_t v;
        if (!qw_read_bytes(r, 4, &b) || !(d = push(c, QW_F32)))
            return false;
        memcpy(&v, b, 4);
        begin(c, QW_IOP_CONST32);
        emit_dst(c, d->home);
        emit(c, v);
        return true;
    }
    default: { /* f64.const */
        uint64_t v;
        if (!qw_read_bytes(r, 8, &b) || !(d = push(c, QW_F64)))
            return false;
        memcpy(&v, b, 8);
        begin(c, QW_IOP_CONST64);
        emit_dst(c, d->home);
        emit(c, (uint32_t)v);
        emit(c, (uint32_t)(v >> 32));
        return true;
    }
    }
}

/* Whether the only instruction emitted so far, outside any block, is a zero constant that a
 * local.set would store in declared local x (still zero from function entry). */
static bool zeroing_prologue(const comp *c, uint32_t x)
{
    if (c->nct != 1 || c->last_start != 0 || !fresh_top(c) ||
        (c->last_iop != QW_IOP_CONST32 && c->last_iop != QW_IOP_CONST64) || c->w[2] != 0 ||
        (c->last_iop == QW_IOP_CONST64 && c->w[3] != 0))
        return false;
    return x >= ctrl_nparams(c, &c->ct[0]);
}

static void do_local_set(comp *c, uint32_t x, bool tee)
{
    uint32_t slot = local_slot(c, x);
    uint32_t last = c->last_dst;
    if (!tee && zeroing_prologue(c, x)) {
        c->n = 0; /* declared locals are zero at entry: the store is a no-op */
        c->last_dst = QW_NO_INDEX;
        c->last_iop = QW_IOP_COUNT_;
        pop(c);
        return;
    }
    centry *top = &c->st[c->nst - 1];
    bool top_fresh = fresh_top(c);
    uint32_t before = c->n;
    protect_local(c, slot);
    if (c->n != before)
        top_fresh = false;
    if (top_fresh) {
        c->w[last] = slot;
        c->last_dst = QW_NO_INDEX;
        if (tee) {
            top->loc = slot;
            c->n_off++;
        } else {
            pop(c);
        }
        return;
    }
    centry e = tee ? *top : pop(c);
    copy(c, e.type, slot, e.loc);
}

static bool do_br_table(comp *c)
{
    qw_reader *r = &c->r;
    uint32_t n;
    if (!qw_read_u32(r, &n))
        return false;
    centry idx = pop(c);
    uint32_t at = begin(c, QW_IOP_BR_TABLE);
    emit(c, idx.loc);
    emit(c, n);
    uint32_t first = c->n;
    for (uint32_t i = 0; i <= n; i++)
        emit(c, 0);
    for (uint32_t i = 0; i <= n && !c->oom; i++) {
        uint32_t depth;
        if (!qw_read_u32(r, &depth))
            return false;
        cctrl *b = &c->ct[c->nct - 1 - depth];
        if (b->kind == C_LOOP && !needs_moves(c, b)) {
            c->w[first + i] = (uint32_t)(int32_t)(b->start - at);
        } else if (b->kind != C_FUNC && !needs_moves(c, b)) {
            add_fixup(c, b, first + i, at);
        } else { /* a stub with the moves */
            c->w[first + i] = c->n - at;
            c->label_pos = c->n;
            emit_moves(c, b);
            if (b->kind == C_FUNC)
                begin(c, QW_IOP_RETURN);
            else
                emit_jump(c, b, QW_IOP_BR, QW_IOP_BR_BACK, -1);
        }
    }
    set_unreachable(c);
    return true;
}

/* try_table: a TRY_TABLE instruction holding the catch clauses (their labels are outside the
 * try_table), then a block whose extent the handler table records at its end. */
static bool do_try_table(comp *c)
{
    qw_reader *r = &c->r;
    uint32_t type, n;
    qw_valtype single;
    if (!read_blocktype(c, &type, &single) || !qw_read_u32(r, &n))
        return false;
    materialize(c, 0);
    uint32_t at = begin(c, QW_IOP_TRY_TABLE);
    emit(c, 0);
    emit(c, n);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t kind;
        uint32_t tag = 0, l;
        if (!qw_read_u8(r, &kind) || (kind < 2 && !qw_read_u32(r, &tag)) || !qw_read_u32(r, &l))
            return false;
        cctrl *b = &c->ct[c->nct - 1 - l];
        emit(c, kind | (b->kind == C_FUNC ? QW_CATCH_RETURN : 0));
        emit(c, tag);
        emit(c, b->kind == C_FUNC ? 0 : b->slot_base);
        if (b->kind == C_LOOP)
            emit(c, (uint32_t)(int32_t)(b->start - at));
        else if (b->kind == C_FUNC)
            emit(c, 0);
        else {
            add_fixup(c, b, c->n, at);
            emit(c, 0);
        }
        emit(c, QW_NO_INDEX);
    }
    if (c->oom)
        return false;
    c->w[at + 1] = c->n - at;
    cctrl *blk = push_ctrl(c, C_BLOCK, type, single);
    if (!blk)
        return false;
    blk->is_try = true;
    blk->try_at = at;
    blk->try_start = c->n;
    return true;
}

/* Legacy exception handling: try, catch, catch_all, delegate (rethrow is in do_special). A try
 * is a block whose catch clauses are collected as its catches are compiled; each try nesting
 * level has an exnref slot between the locals and the temporaries, for rethrow. */
static bool do_legacy_try(comp *c)
{
    uint32_t type;
    qw_valtype single;
    if (!read_blocktype(c, &type, &single))
        return false;
    materialize(c, 0);
    uint32_t anchor = begin(c, QW_IOP_TRY_TABLE); /* no clauses: skipped, marks the start */
    emit(c, 3);
    emit(c, 0);
    cctrl *b = push_ctrl(c, C_BLOCK, type, single);
    if (!b)
        return false;
    b->legacy = true;
    b->anchor = anchor;
    b->body_end = QW_NO_INDEX;
    b->exn_slot = c->exn_base + c->legacy_depth++;
    b->lc_first = c->nlc;
    return true;
}

static bool do_catch(comp *c, uint8_t kind)
{
    cctrl *b = &c->ct[c->nct - 1];
    uint32_t tag = 0;
    if (kind == 0 && !qw_read_u32(&c->r, &tag))
        return false;
    if (!b->unreachable) {
        materialize(c, b->height);
        uint32_t at = begin(c, QW_IOP_BR);
        add_fixup(c, b, c->n, at);
        emit(c, 0);
    }
    if (b->body_end == QW_NO_INDEX)
        b->body_end = c->n;
    while (c->nst > b->height)
        pop(c);
    c->slot_h = b->slot_base;
    if (kind == 0) {
        uint32_t t = c->m->tags[tag].type;
        for (uint32_t i = 0; i < c->m->types[t].nparams; i++)
            push(c, qw_type_params(c->m, t)[i]);
    }
    if (!grow(c, (void **)&c->lc, &c->lc_cap, c->nlc + 1, sizeof *c->lc))
        return false;
    c->lc[c->nlc++] = (lcatch){kind, tag, c->n};
    c->label_pos = c->n;
    c->last_dst = QW_NO_INDEX;
    b->unreachable = false;
    return true;
}

/* delegate l: the try ends; what its body throws is searched for from label l outward. */
static bool do_delegate(comp *c)
{
    cctrl *b = &c->ct[c->nct - 1];
    uint32_t l;
    if (!qw_read_u32(&c->r, &l))
        return false;
    if (!b->unreachable)
        materialize(c, b->height);
    const cctrl *t = &c->ct[c->nct - 2 - l];
    uint32_t pos = QW_NO_INDEX;
    if (t->legacy)
        pos = t->anchor;
    else if (t->kind != C_FUNC && t->start > 0)
        pos = t->start - 1; /* the last word before the block: its enclosing context */
    uint32_t body_end = c->n;
    uint32_t at = begin(c, QW_IOP_TRY_TABLE);
    emit(c, 3 + QW_CLAUSE_WORDS);
    emit(c, 1);
    emit(c, QW_CATCH_DELEGATE);
    emit(c, 0);
    emit(c, 0);
    emit(c, pos);
    emit(c, QW_NO_INDEX);
    if (grow(c, (void **)&c->hs, &c->hs_cap, c->nhs + 1, sizeof *c->hs))
        c->hs[c->nhs++] = (qw_handler){b->anchor, body_end, at};
    b->legacy = false; /* nothing more for do_end to add */
    c->legacy_depth--;
    c->nlc = b->lc_first;
    b->unreachable = false; /* do_end's materialisation already happened above */
    patch_fixups(c, b);
    reset_stack(c, b, true);
    c->nct--;
    return true;
}

/* Instructions with no table rule: control, variables, references, tables, bulk memory. */
static bool do_gc(comp *c, uint32_t op);

static bool do_special(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    uint32_t x, y;
    centry a, b, v;
    centry *d;
    switch (op) {
    case QW_OP_NOP:
        return true;
    case QW_OP_UNREACHABLE:
        begin(c, QW_IOP_UNREACHABLE);
        set_unreachable(c);
        return true;
    case QW_OP_BLOCK:
    case QW_OP_LOOP:
    case QW_OP_IF: {
        uint32_t type;
        qw_valtype single;
        if (!read_blocktype(c, &type, &single))
            return false;
        centry cond = {0, 0, 0};
        uint32_t at = 0, pos = 0;
        if (op == QW_OP_IF) {
            /* the branch reads only slots at or above cond's home, which materialising the
             * entries below does not write */
            cond = pop(c);
            qw_word saved[8]; /* the longest comparison: 5 words */
            uint32_t nsaved = 0;
            qw_iop saved_iop = c->last_iop;
            bool fused = !c->oom && cond.loc == cond.home && c->label_pos <= c->last_start &&
                         c->last_iop < QW_IOP_COUNT_ && fuse_brunless[c->last_iop] &&
                         c->w[c->last_start + 1] == cond.home;
            if (fused) { /* take the comparison back, materialise, then put it back */
                nsaved = c->n - c->last_start;
                memcpy(saved, c->w + c->last_start, nsaved * sizeof *saved);
                c->n = c->last_start;
            }
            materialize(c, 0);
            if (fused) {
                c->last_start = c->n;
                c->last_iop = saved_iop;
                for (uint32_t i = 0; i < nsaved; i++)
                    emit(c, saved[i]);
            }
            pos = emit_cond_branch(c, &cond, false, QW_IOP_BR_UNLESS, &at);
        } else {
            materialize(c, 0);
        }
        cctrl *blk = push_ctrl(c,
                               op == QW_OP_BLOCK  ? C_BLOCK
                               : op == QW_OP_LOOP ? C_LOOP
                                                  : C_IF,
                               type, single);
        if (!blk)
            return false;
        if (op == QW_OP_IF) {
            blk->else_pos = pos;
            blk->else_base = at;
        }
        return true;
    }
    case QW_OP_TRY_TABLE:
        return do_try_table(c);
    case QW_OP_TRY:
        return do_legacy_try(c);
    case QW_OP_CATCH:
        return do_catch(c, 0);
    case QW_OP_CATCH_ALL:
        return do_catch(c, 2);
    case QW_OP_DELEGATE:
        return do_delegate(c);
    case QW_OP_RETHROW:
        if (!qw_read_u32(r, &x))
            return false;
        begin(c, QW_IOP_THROW_REF);
        emit(c, c->ct[c->nct - 1 - x].exn_slot);
        set_unreachable(c);
        return true;
    case QW_OP_THROW: {
        uint32_t base;
        if (!qw_read_u32(r, &x))
            return false;
        uint32_t type = c->m->tags[x].type;
        emit_call_args(c, type, 0, &base);
        pop_n(c, c->m->types[type].nparams);
        begin(c, QW_IOP_THROW);
        emit(c, x);
        emit(c, base);
        set_unreachable(c);
        return true;
    }
    case QW_OP_THROW_REF:
        a = pop(c);
        begin(c, QW_IOP_THROW_REF);
        emit(c, a.loc);
        set_unreachable(c);
        return true;
    case QW_OP_ELSE:
        do_else(c);
        return true;
    case QW_OP_END:
        do_end(c);
        return true;
    case QW_OP_BR:
        if (!qw_read_u32(r, &x))
            return false;
        do_br(c, x);
        return true;
    case QW_OP_BR_IF:
        if (!qw_read_u32(r, &x))
            return false;
        a = pop(c);
        do_br_if(c, x, &a);
        return true;
    case QW_OP_BR_TABLE:
        return do_br_table(c);
    case QW_OP_RETURN:
        do_br(c, c->nct - 1);
        return true;
    case QW_OP_CALL:
    case QW_OP_CALL_INDIRECT:
    case QW_OP_RETURN_CALL:
    case QW_OP_RETURN_CALL_INDIRECT:
    case QW_OP_CALL_REF:
    case QW_OP_RETURN_CALL_REF:
        return do_call(c, op);
    case QW_OP_DROP:
        pop(c);
        return true;
    case QW_OP_SELECT:
    case QW_OP_SELECT_T:
        if (op == QW_OP_SELECT_T) {
            if (!qw_read_u32(r, &x))
                return false;
            for (uint32_t i = 0; i < x; i++) {
                qw_valtype t;
                if (!qw_decode_valtype(r, c->m->ntypes, &t))
                    return false;
            }
        }
        v = pop(c);
        b = pop(c);
        a = pop(c);
        if (!(d = push(c, a.type)))
            return false;
        begin(c, qw_slots_of(a.type) == 2 ? QW_IOP_SELECT2
                 : is32(a.type)           ? QW_IOP_SELECT32
                                          : QW_IOP_SELECT);
        emit_dst(c, d->home);
        emit(c, a.loc);
        emit(c, b.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_LOCAL_GET:
        if (!qw_read_u32(r, &x) || !(d = push(c, local_type(c, x))))
            return false;
        d->loc = local_slot(c, x);
        c->n_off++;
        return true;
    case QW_OP_LOCAL_SET:
    case QW_OP_LOCAL_TEE:
        if (!qw_read_u32(r, &x))
            return false;
        do_local_set(c, x, op == QW_OP_LOCAL_TEE);
        return true;
    case QW_OP_GLOBAL_GET: {
        if (!qw_read_u32(r, &x))
            return false;
        qw_valtype t = c->m->globals[x].type;
        if (!(d = push(c, t)))
            return false;
        begin(c, qw_slots_of(t) == 2 ? QW_IOP_GLOBAL_GET2 : QW_IOP_GLOBAL_GET);
        emit_dst(c, d->home);
        emit(c, x);
        return true;
    }
    case QW_OP_GLOBAL_SET: {
        if (!qw_read_u32(r, &x))
            return false;
        qw_valtype t = c->m->globals[x].type;
        a = pop(c);
        begin(c, qw_slots_of(t) == 2 ? QW_IOP_GLOBAL_SET2
                 : QW_VT_IS_REF(t)   ? QW_IOP_GLOBAL_SET_REF
                 : is32(t)           ? QW_IOP_GLOBAL_SET32
                                     : QW_IOP_GLOBAL_SET);
        emit(c, x);
        emit(c, a.loc);
        return true;
    }
    case QW_OP_MEMORY_SIZE:
        if (!qw_read_u32(r, &x) || !(d = push(c, mem_is64(c, x) ? QW_I64 : QW_I32)))
            return false;
        begin(c, QW_IOP_MEMORY_SIZE);
        emit_dst(c, d->home);
        emit(c, mem_word(c, x));
        return true;
    case QW_OP_MEMORY_GROW:
        if (!qw_read_u32(r, &x))
            return false;
        a = pop(c);
        if (!(d = push(c, a.type)))
            return false;
        begin(c, QW_IOP_MEMORY_GROW);
        emit_dst(c, d->home);
        emit(c, mem_word(c, x));
        emit(c, a.loc);
        return true;
    case QW_OP_MEMORY_FILL:
        if (!qw_read_u32(r, &x))
            return false;
        v = pop(c), b = pop(c), a = pop(c);
        begin(c, QW_IOP_MEMORY_FILL);
        emit(c, mem_word(c, x));
        emit(c, a.loc);
        emit(c, b.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_MEMORY_COPY:
        if (!qw_read_u32(r, &x) || !qw_read_u32(r, &y))
            return false;
        v = pop(c), b = pop(c), a = pop(c);
        begin(c, QW_IOP_MEMORY_COPY);
        emit(c, mem_word(c, x));
        emit(c, mem_word(c, y));
        emit(c, a.loc);
        emit(c, b.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_MEMORY_INIT:
        if (!qw_read_u32(r, &y) || !qw_read_u32(r, &x))
            return false;
        v = pop(c), b = pop(c), a = pop(c);
        begin(c, QW_IOP_MEMORY_INIT);
        emit(c, mem_word(c, x));
        emit(c, y);
        emit(c, a.loc);
        emit(c, b.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_DATA_DROP:
    case QW_OP_ELEM_DROP:
        if (!qw_read_u32(r, &x))
            return false;
        begin(c, op == QW_OP_DATA_DROP ? QW_IOP_DATA_DROP : QW_IOP_ELEM_DROP);
        emit(c, x);
        return true;
    case QW_OP_TABLE_GET:
        if (!qw_read_u32(r, &x))
            return false;
        a = pop(c);
        if (!(d = push(c, c->m->tables[x].elem)))
            return false;
        begin(c, QW_IOP_TABLE_GET);
        emit_dst(c, d->home);
        emit(c, x);
        emit(c, a.loc);
        return true;
    case QW_OP_TABLE_SET:
        if (!qw_read_u32(r, &x))
            return false;
        v = pop(c), a = pop(c);
        begin(c, QW_IOP_TABLE_SET);
        emit(c, x);
        emit(c, a.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_TABLE_SIZE:
        if (!qw_read_u32(r, &x) || !(d = push(c, table_is64(c, x) ? QW_I64 : QW_I32)))
            return false;
        begin(c, QW_IOP_TABLE_SIZE);
        emit_dst(c, d->home);
        emit(c, x);
        return true;
    case QW_OP_TABLE_GROW:
        if (!qw_read_u32(r, &x))
            return false;
        b = pop(c), a = pop(c);
        if (!(d = push(c, b.type)))
            return false;
        begin(c, QW_IOP_TABLE_GROW);
        emit_dst(c, d->home);
        emit(c, x);
        emit(c, a.loc);
        emit(c, b.loc);
        return true;
    case QW_OP_TABLE_FILL:
        if (!qw_read_u32(r, &x))
            return false;
        v = pop(c), b = pop(c), a = pop(c);
        begin(c, QW_IOP_TABLE_FILL);
        emit(c, x);
        emit(c, a.loc);
        emit(c, b.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_TABLE_COPY:
    case QW_OP_TABLE_INIT:
        if (!qw_read_u32(r, &x) || !qw_read_u32(r, &y))
            return false;
        v = pop(c), b = pop(c), a = pop(c);
        begin(c, op == QW_OP_TABLE_COPY ? QW_IOP_TABLE_COPY : QW_IOP_TABLE_INIT);
        if (op == QW_OP_TABLE_COPY) {
            emit(c, x);
            emit(c, y);
        } else {
            emit(c, y);
            emit(c, x);
        }
        emit(c, a.loc);
        emit(c, b.loc);
        emit(c, v.loc);
        return true;
    case QW_OP_REF_NULL: {
        uint32_t ht;
        if (!qw_decode_heaptype(r, c->m->ntypes, &ht) || !(d = push(c, QW_VT_REFTYPE(1, ht))))
            return false;
        begin(c, QW_IOP_REF_NULL);
        emit_dst(c, d->home);
        return true;
    }
    case QW_OP_REF_IS_NULL:
        a = pop(c);
        if (!(d = push(c, QW_I32)))
            return false;
        begin(c, QW_IOP_REF_IS_NULL);
        emit_dst(c, d->home);
        emit(c, a.loc);
        return true;
    case QW_OP_REF_FUNC:
        if (!qw_read_u32(r, &x) ||
            !(d = push(c, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + c->m->funcs[x].type))))
            return false;
        begin(c, QW_IOP_REF_FUNC);
        emit_dst(c, d->home);
        emit(c, x);
        return true;
    case QW_OP_REF_I31:
    case QW_OP_I31_GET_S:
    case QW_OP_I31_GET_U:
        a = pop(c);
        if (!(d = push(c, op == QW_OP_REF_I31 ? QW_VT_REFTYPE(0, QW_HT_I31) : QW_I32)))
            return false;
        begin(c, op == QW_OP_REF_I31     ? QW_IOP_REF_I31
                 : op == QW_OP_I31_GET_S ? QW_IOP_I31_GET_S
                                         : QW_IOP_I31_GET_U);
        emit_dst(c, d->home);
        emit(c, a.loc);
        return true;
    case QW_OP_ANY_CONVERT_EXTERN:
    case QW_OP_EXTERN_CONVERT_ANY: { /* the same reference, seen in the other hierarchy */
        centry *top = &c->st[c->nst - 1];
        top->type = QW_VT_REFTYPE(QW_VT_NULLABLE(top->type),
                                  op == QW_OP_ANY_CONVERT_EXTERN ? QW_HT_ANY : QW_HT_EXTERN);
        return true;
    }
    case QW_OP_REF_TEST:
    case QW_OP_REF_TEST_NULL:
    case QW_OP_REF_CAST:
    case QW_OP_REF_CAST_NULL: {
        uint32_t ht;
        if (!qw_decode_heaptype(r, c->m->ntypes, &ht))
            return false;
        bool nullable = op == QW_OP_REF_TEST_NULL || op == QW_OP_REF_CAST_NULL;
        if (op == QW_OP_REF_CAST || op == QW_OP_REF_CAST_NULL) {
            centry *top = &c->st[c->nst - 1];
            begin(c, QW_IOP_REF_CAST);
            emit(c, top->loc);
            emit(c, ht);
            emit(c, nullable);
            top->type = QW_VT_REFTYPE(nullable, ht);
            return true;
        }
        a = pop(c);
        if (!(d = push(c, QW_I32)))
            return false;
        begin(c, QW_IOP_REF_TEST);
        emit_dst(c, d->home);
        emit(c, a.loc);
        emit(c, ht);
        emit(c, nullable);
        return true;
    }
    case QW_OP_REF_EQ:
        b = pop(c), a = pop(c);
        if (!(d = push(c, QW_I32)))
            return false;
        begin(c, QW_IOP_REF_EQ);
        emit_dst(c, d->home);
        emit(c, a.loc);
        emit(c, b.loc);
        return true;
    case QW_OP_REF_AS_NON_NULL:
        begin(c, QW_IOP_REF_AS_NON_NULL);
        emit(c, c->st[c->nst - 1].loc);
        c->st[c->nst - 1].type = QW_VT_REFTYPE(0, QW_VT_HEAP(c->st[c->nst - 1].type));
        return true;
    case QW_OP_BR_ON_NULL:
    case QW_OP_BR_ON_NON_NULL: {
        if (!qw_read_u32(r, &x))
            return false;
        cctrl *blk = &c->ct[c->nct - 1 - x];
        /* br_on_null: the label takes the values below the ref; br_on_non_null: all of them.
         * Materialise everything so the branch needs no moves beyond the label's own. */
        materialize(c, 0);
        centry ref = c->st[c->nst - 1];
        if (op == QW_OP_BR_ON_NULL)
            pop(c);
        uint32_t at = begin(c, QW_IOP_BR_UNLESS); /* placeholder replaced below */
        c->w[at] =
            (qw_word)c->h[op == QW_OP_BR_ON_NULL ? QW_IOP_BR_ON_NON_NULL : QW_IOP_BR_ON_NULL];
        emit(c, ref.loc);
        uint32_t pos = c->n;
        emit(c, 0);
        /* taken path: the skip test above jumped past it when the branch is not taken */
        emit_taken_branch(c, blk, at, pos);
        if (op == QW_OP_BR_ON_NULL) {
            d = push(c, QW_VT_REFTYPE(0, QW_VT_HEAP(ref.type)));
            if (!d)
                return false;
        } else {
            pop(c);
        }
        return true;
    }
    case QW_OP_BR_ON_CAST:
    case QW_OP_BR_ON_CAST_FAIL: {
        uint8_t flags;
        uint32_t ht1, ht2;
        if (!qw_read_u8(r, &flags) || !qw_read_u32(r, &x) ||
            !qw_decode_heaptype(r, c->m->ntypes, &ht1) ||
            !qw_decode_heaptype(r, c->m->ntypes, &ht2))
            return false;
        cctrl *blk = &c->ct[c->nct - 1 - x];
        materialize(c, 0); /* the label takes the reference with what is below it */
        centry ref = c->st[c->nst - 1];
        uint32_t at = begin(c, QW_IOP_BR_CAST_SKIP);
        emit(c, ref.loc);
        emit(c, ht2);
        emit(c, (flags >> 1) & 1);
        emit(c, op == QW_OP_BR_ON_CAST_FAIL); /* skip the branch when it does not apply */
        uint32_t pos = c->n;
        emit(c, 0);
        emit_taken_branch(c, blk, at, pos);
        c->st[c->nst - 1].type = QW_VT_REFTYPE(flags & 1, ht1);
        return true;
    }
    default:
        if (op >= QW_OP_STRUCT_NEW && op <= QW_OP_ARRAY_INIT_ELEM)
            return do_gc(c, op);
        c->unsupported = true;
        return false;
    }
}

/* Atomic instructions (threads proposal): one ATOMIC instruction that names the ops.def id;
 * atomic.fence orders nothing in a single-threaded engine and emits no code. */
static bool do_atomic(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    uint32_t flags, mem = 0;
    uint64_t off;
    uint8_t zero;
    if (op == QW_OP_ATOMIC_FENCE)
        return qw_read_u8(r, &zero);
    if (!qw_read_u32(r, &flags) || ((flags & 0x40) && !qw_read_u32(r, &mem)) ||
        !qw_leb_read_u64(r, &off))
        return false;
    const char *sig = qw_op_infos[op].sig;
    size_t nargs = strlen(strchr(sig, '_') + 1); /* the address included */
    centry args[3];
    for (size_t i = nargs; i-- > 0;)
        args[i] = pop(c);
    uint32_t x = nargs > 1 ? args[1].loc : args[0].loc, y = nargs > 2 ? args[2].loc : x;
    centry *d = NULL;
    if (sig[0] != '_' && !(d = push(c, sig_type(sig[0]))))
        return false;
    begin(c, QW_IOP_ATOMIC);
    if (d)
        emit_dst(c, d->home);
    else
        emit(c, QW_NO_INDEX);
    emit(c, args[0].loc);
    emit(c, x);
    emit(c, y);
    emit(c, mem_word(c, mem));
    emit(c, (uint32_t)off);
    emit(c, (uint32_t)(off >> 32));
    emit(c, op);
    return true;
}

static bool do_simd(comp *c, uint32_t op);

/* An i32 operation op2 with constant k2 on operand a: when a is the temporary the i32
 * operation with a constant just emitted wrote (no label since) and code.h has the pair, that
 * instruction is taken back and one pair instruction emitted. */
static bool take_pair(comp *c, const centry *a, qw_iop op2, uint32_t dst, uint32_t k2)
{
    static const struct {
        uint16_t op1, op2, pair;
    } pairs[] = {
#define P(n, o1, o2, ...) {QW_IOP_##o1, QW_IOP_##o2, QW_IOP_##n},
        QW_CODE_I32_PAIRS(P)
#undef P
    };
    if (a->loc != a->home || c->label_pos > c->last_start || c->oom || c->last_start + 4 != c->n ||
        c->w[c->last_start + 1] != a->home)
        return false;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        if (pairs[i].op1 != c->last_iop || pairs[i].op2 != op2)
            continue;
        qw_word src = c->w[c->last_start + 2], k1 = c->w[c->last_start + 3];
        c->n = c->last_start;
        begin(c, (qw_iop)pairs[i].pair);
        c->prev_iop = QW_IOP_COUNT_;
        emit_dst(c, dst);
        emit(c, src);
        emit(c, k1);
        emit(c, k2);
        return true;
    }
    return false;
}

static const uint16_t iop_l_of[QW_IOP_COUNT_] = {
#define MAP(n, ...) [QW_IOP_##n] = QW_IOP_##n##_L + 1,
    QW_CODE_MEM_BINOPS(MAP)
#undef MAP
};

/* Integer addition only: swapping float operands could change which NaN comes out. */
static bool commutes(uint32_t op)
{
    return op == QW_OP_I32_ADD;
}

/* Whether e is the temporary a full-width load of memory 0 just emitted wrote (no label since):
 * then the load is taken back and *addr / *off are its address slot and offset. */
static bool take_load(comp *c, const centry *e, qw_word *addr, qw_word *off)
{
    if (e->loc != e->home || c->label_pos > c->last_start || c->oom || c->last_start + 4 != c->n ||
        c->w[c->last_start + 1] != e->home ||
        (c->last_iop != QW_IOP_I32_LOAD && c->last_iop != QW_IOP_F32_LOAD &&
         c->last_iop != QW_IOP_F64_LOAD))
        return false;
    *addr = c->w[c->last_start + 2];
    *off = c->w[c->last_start + 3];
    c->n = c->last_start;
    c->last_iop = QW_IOP_COUNT_;
    return true;
}

/* A commutative integer operation op2 on e and other: when e is the temporary a shift or
 * rotate by a constant just emitted wrote (no label since) and code.h has the pair, that
 * instruction is taken back and one SHIFT_BINOPS instruction emitted. */
static bool take_shift(comp *c, const centry *e, const centry *other, qw_iop op2, uint32_t dst)
{
    static const struct {
        uint16_t op1, op2, fused, len1;
    } pairs[] = {
#define P(n, o1, len1, o2, ...) {QW_IOP_##o1, QW_IOP_##o2, QW_IOP_##n, len1},
        QW_CODE_SHIFT_BINOPS(P)
#undef P
    };
    if (e->loc != e->home || c->label_pos > c->last_start || c->oom ||
        c->w[c->last_start + 1] != e->home)
        return false;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        if (pairs[i].op1 != c->last_iop || pairs[i].op2 != op2 ||
            c->last_start + pairs[i].len1 != c->n)
            continue;
        qw_word src = c->w[c->last_start + 2], k = c->w[c->last_start + 3];
        c->n = c->last_start;
        begin(c, (qw_iop)pairs[i].fused);
        c->prev_iop = QW_IOP_COUNT_;
        emit_dst(c, dst);
        emit(c, src);
        emit(c, k);
        emit(c, other->loc);
        return true;
    }
    return false;
}

static bool do_op(comp *c, uint32_t op)
{
    uint16_t iop = iop_of[op];
    const qw_op_info *info = &qw_op_infos[op];
    if (info->imm == QW_IMM_MEMARG && (iop || iop_m_of[op]))
        return do_memop(c, op);
    if (info->imm == QW_IMM_MEMARG_ATOMIC || info->imm == QW_IMM_ZERO_BYTE)
        return do_atomic(c, op);
    if (op >= QW_OP_V128_LOAD && op <= QW_OP_I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S &&
        (info->imm != QW_IMM_NONE || !iop))
        return do_simd(c, op);
    if (op >= QW_OP_I32_CONST && op <= QW_OP_F64_CONST)
        return do_const(c, op);
    if (iop && info->imm == QW_IMM_NONE) {
        const char *sig = info->sig;
        size_t np = strlen(sig) - 2;
        centry b = {0, 0, 0}, a;
        uint64_t imm;
        bool use_imm = false;
        if (np == 2) {
            b = pop(c);
            use_imm = iop_imm_of[op] && take_const(c, &b, &imm);
        }
        a = pop(c);
        centry *d = push(c, sig_type(sig[0]));
        if (!d)
            return false;
        if (use_imm && take_pair(c, &a, (qw_iop)(iop_imm_of[op] - 1), d->home, (uint32_t)imm))
            return true;
        if (use_imm) {
            begin(c, (qw_iop)(iop_imm_of[op] - 1));
            emit_dst(c, d->home);
            emit(c, a.loc);
            emit(c, (uint32_t)imm);
            if (sig[2] == 'l' || sig[2] == 'd')
                emit(c, (uint32_t)(imm >> 32));
            return true;
        }
        if (np == 2 && (take_shift(c, &a, &b, (qw_iop)(iop - 1), d->home) ||
                        take_shift(c, &b, &a, (qw_iop)(iop - 1), d->home)))
            return true;
        qw_word addr, off;
        if (np == 2 && iop_l_of[iop - 1] &&
            (take_load(c, &b, &addr, &off) ||
             (commutes(op) && take_load(c, &a, &addr, &off) && (a = b, true)))) {
            begin(c, (qw_iop)(iop_l_of[iop - 1] - 1));
            emit_dst(c, d->home);
            emit(c, a.loc);
            emit(c, addr);
            emit(c, off);
            return true;
        }
        begin(c, (qw_iop)(iop - 1));
        emit_dst(c, d->home);
        emit(c, a.loc);
        if (np == 2)
            emit(c, b.loc);
        return true;
    }
    return do_special(c, op);
}

/* SIMD instructions with immediates, and the generic ones of simd.h's lists. */
static bool do_simd(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    const qw_op_info *info = &qw_op_infos[op];
    const uint8_t *b;
    centry x, y, z, *d;
    uint8_t lane;
    switch (info->imm) {
    case QW_IMM_V128:
        if (!qw_read_bytes(r, 16, &b) || !(d = push(c, QW_V128)))
            return false;
        begin(c, QW_IOP_CONST128);
        emit_dst(c, d->home);
        for (int i = 0; i < 4; i++) {
            uint32_t w;
            memcpy(&w, b + 4 * i, 4);
            emit(c, w);
        }
        return true;
    case QW_IMM_SHUFFLE:
        if (!qw_read_bytes(r, 16, &b))
            return false;
        y = pop(c), x = pop(c);
        if (!(d = push(c, QW_V128)))
            return false;
        begin(c, QW_IOP_SHUFFLE);
        emit_dst(c, d->home);
        emit(c, x.loc);
        emit(c, y.loc);
        for (int i = 0; i < 4; i++) {
            uint32_t w;
            memcpy(&w, b + 4 * i, 4);
            emit(c, w);
        }
        return true;
    case QW_IMM_LANE:
        if (!qw_read_u8(r, &lane))
            return false;
        if (info->sig[0] == 'v') { /* replace_lane: vec x */
            y = pop(c), x = pop(c);
            if (!(d = push(c, QW_V128)))
                return false;
            begin(c, (qw_iop)(iop_of[op] - 1));
            emit_dst(c, d->home);
            emit(c, x.loc);
            emit(c, y.loc);
        } else {
            x = pop(c);
            if (!(d = push(c, sig_type(info->sig[0]))))
                return false;
            begin(c, (qw_iop)(iop_of[op] - 1));
            emit_dst(c, d->home);
            emit(c, x.loc);
        }
        emit(c, lane);
        return true;
    case QW_IMM_MEMARG_LANE: {
        uint32_t flags, mem = 0;
        uint64_t off;
        if (!qw_read_u32(r, &flags) || ((flags & 0x40) && !qw_read_u32(r, &mem)) ||
            !qw_leb_read_u64(r, &off) || !qw_read_u8(r, &lane))
            return false;
        y = pop(c), x = pop(c);
        if (info->sig[0] == 'v') {
            if (!(d = push(c, QW_V128)))
                return false;
            begin(c, (qw_iop)(iop_of[op] - 1));
            emit_dst(c, d->home);
        } else {
            begin(c, (qw_iop)(iop_of[op] - 1));
        }
        emit(c, x.loc);
        emit(c, y.loc);
        emit(c, mem_word(c, mem));
        emit(c, (uint32_t)off);
        emit(c, (uint32_t)(off >> 32));
        emit(c, lane);
        return true;
    }
    default:
        break;
    }
    uint32_t kind, idx;
    if (info->imm != QW_IMM_NONE || !find_simd(op, &kind, &idx)) {
        c->unsupported = true;
        return false;
    }
    static const qw_iop iops[SIMD_KINDS] = {QW_IOP_SIMD_UN, QW_IOP_SIMD_BIN, QW_IOP_SIMD_TERN,
                                            QW_IOP_SIMD_TEST, QW_IOP_SIMD_SHIFT};
    static const uint8_t nargs[SIMD_KINDS] = {1, 2, 3, 1, 2};
    z = y = (centry){0, 0, 0};
    if (nargs[kind] == 3)
        z = pop(c);
    if (nargs[kind] >= 2)
        y = pop(c);
    x = pop(c);
    if (!(d = push(c, kind == SIMD_TEST ? QW_I32 : QW_V128)))
        return false;
    begin(c, iops[kind]);
    emit_dst(c, d->home);
    emit(c, x.loc);
    if (nargs[kind] >= 2)
        emit(c, y.loc);
    if (nargs[kind] == 3)
        emit(c, z.loc);
    emit(c, idx);
    return true;
}

/* Skips unreachable code up to the `else` or `end` that closes the current block. */
static bool skip_dead(comp *c)
{
    qw_reader *r = &c->r;
    uint32_t depth = 0;
    for (;;) {
        uint8_t b;
        uint32_t sub, op;
        if (!qw_read_u8(r, &b))
            return false;
        if (qw_op_is_prefix(b)) {
            if (!qw_read_u32(r, &sub))
                return false;
            op = qw_op_prefixed(b, sub) - 1u;
        } else {
            op = qw_op_byte[b] - 1u;
        }
        switch (op) {
        case QW_OP_BLOCK:
        case QW_OP_LOOP:
        case QW_OP_IF:
        case QW_OP_TRY:
        case QW_OP_TRY_TABLE:
            depth++;
            break;
        case QW_OP_END:
            if (depth == 0) {
                do_end(c);
                return true;
            }
            depth--;
            break;
        case QW_OP_ELSE:
            if (depth == 0) {
                do_else(c);
                return true;
            }
            break;
        case QW_OP_CATCH:
        case QW_OP_CATCH_ALL:
            if (depth == 0)
                return do_catch(c, op == QW_OP_CATCH ? 0 : 2);
            break;
        case QW_OP_DELEGATE:
            if (depth == 0)
                return do_delegate(c);
            depth--;
            break;
        default:
            break;
        }
        if (!qw_ops_skip_imm(r, op))
            return false;
    }
}

static bool setup_locals(comp *c, uint32_t fidx, qw_code *code)
{
    const qw_func_decl *f = &c->m->funcs[fidx];
    uint32_t np = c->m->types[f->type].nparams;
    const qw_valtype *pt = qw_type_params(c->m, f->type);
    uint64_t slot = 0;
    uint32_t i = 0;
    c->nruns = 0;
    for (; i < np; i++) {
        if (!add_run(c, i, (uint32_t)slot, pt[i]))
            return false;
        slot += qw_slots_of(pt[i]);
    }
    code->nparam_slots = (uint32_t)slot;
    for (uint32_t k = 0; k < f->nruns; k++) {
        const qw_local_run *run = &c->m->local_runs[f->run_off + k];
        if (!run->count)
            continue;
        if (!add_run(c, i, (uint32_t)slot, run->type))
            return false;
        i += run->count;
        slot += (uint64_t)run->count * qw_slots_of(run->type);
        if (slot > UINT32_MAX / 4)
            return false;
    }
    code->nlocal_slots = (uint32_t)slot - code->nparam_slots;
    c->temp_base = (uint32_t)slot;
    return true;
}

/* An upper bound of the legacy try nesting (their number): each needs an exnref slot. */
static uint32_t count_legacy_tries(comp *c, const qw_func_decl *f)
{
    const uint8_t *p = c->m->code + f->code;
    if (!memchr(p, 0x06, f->code_len))
        return 0;
    qw_reader r = {.p = p, .end = p + f->code_len, .base = c->m->code, .err = &c->dummy};
    uint32_t n = 0;
    while (r.p < r.end) {
        uint8_t b;
        uint32_t sub, op;
        if (!qw_read_u8(&r, &b))
            break;
        if (qw_op_is_prefix(b)) {
            if (!qw_read_u32(&r, &sub))
                break;
            op = qw_op_prefixed(b, sub) - 1u;
        } else {
            op = qw_op_byte[b] - 1u;
        }
        n += op == QW_OP_TRY;
        if (!qw_ops_skip_imm(&r, op))
            break;
    }
    return n;
}

static bool compile_func(comp *c, uint32_t fidx, qw_code *code)
{
    const qw_func_decl *f = &c->m->funcs[fidx];
    c->n = c->nst = c->nct = c->nfix = c->nhs = c->nlc = c->legacy_depth = c->n_off = 0;
    c->last_dst = QW_NO_INDEX;
    c->label_pos = c->last_start = c->prev_start = 0;
    c->last_iop = c->prev_iop = QW_IOP_COUNT_;
    c->unsupported = false;
    if (!setup_locals(c, fidx, code))
        return false;
    c->exn_base = c->temp_base;
    c->temp_base += count_legacy_tries(c, f);
    c->slot_h = c->max_slot = c->temp_base;
    const qw_type *t = &c->m->types[f->type];
    uint32_t rs = 0;
    for (uint32_t i = 0; i < t->nresults; i++)
        rs += qw_slots_of(qw_type_results(c->m, f->type)[i]);
    code->nresult_slots = rs;
    if (!push_ctrl(c, C_FUNC, QW_NO_INDEX, 0))
        return false;
    c->ct[0].type = f->type; /* its parameters are locals, not on the stack */
    c->ct[0].height = 0;
    c->ct[0].slot_base = c->temp_base;
    c->r = (qw_reader){
        .p = c->m->code + f->code, .end = c->m->code + f->code + f->code_len, .base = c->m->code};
    c->r.err = &c->dummy;
    while (c->nct > 0 && !c->oom) {
        if (c->ct[c->nct - 1].unreachable) {
            if (!skip_dead(c))
                return false;
            continue;
        }
        uint8_t b;
        uint32_t sub, op;
        if (!qw_read_u8(&c->r, &b))
            return false;
        if (qw_op_is_prefix(b)) {
            if (!qw_read_u32(&c->r, &sub))
                return false;
            op = qw_op_prefixed(b, sub) - 1u;
        } else {
            op = qw_op_byte[b] - 1u;
        }
        if (!do_op(c, op))
            return false;
    }
    if (c->oom)
        return false;
    if (rs > c->max_slot)
        c->max_slot = rs;
    code->frame_slots = c->max_slot;
    code->len = c->n;
    code->words = qw_alloc(c->eng, (size_t)c->n * sizeof *c->w);
    if (!code->words) {
        c->oom = true;
        return false;
    }
    memcpy(code->words, c->w, (size_t)c->n * sizeof *c->w);
    if (c->nhs) {
        code->handlers = qw_alloc(c->eng, (size_t)c->nhs * sizeof *c->hs);
        if (!code->handlers) {
            c->oom = true;
            return false;
        }
        memcpy(code->handlers, c->hs, (size_t)c->nhs * sizeof *c->hs);
        code->nhandlers = c->nhs;
    }
    return true;
}

/* A body the interpreter cannot run yet: one instruction that traps. */
static bool compile_unsupported(comp *c, uint32_t fidx, qw_code *code)
{
    (void)fidx;
    code->len = 1;
    code->words = qw_alloc(c->eng, sizeof *code->words);
    if (!code->words)
        return false;
    code->words[0] = (qw_word)c->h[QW_IOP_UNSUPPORTED];
    return true;
}

bool qw_compile_module(qw_module *m, qw_error *err)
{
    uint32_t ndef = m->nfuncs - m->nfunc_imports;
    if (!ndef)
        return true;
    m->codes = qw_calloc(m->eng, ndef, sizeof *m->codes);
    if (!m->codes)
        goto oom;
    comp c = {.m = m, .eng = m->eng, .h = qw_interp_handlers()};
    bool ok = true;
    for (uint32_t i = 0; i < ndef && ok; i++) {
        qw_code *code = &m->codes[i];
        code->func = m->nfunc_imports + i;
        if (!compile_func(&c, m->nfunc_imports + i, code)) {
            if (c.oom) {
                ok = false;
            } else {
                /* c.unsupported, or an instruction it does not know yet */
                memset(code, 0, sizeof *code);
                code->func = m->nfunc_imports + i;
                ok = compile_unsupported(&c, m->nfunc_imports + i, code);
            }
        }
    }
    qw_free(m->eng, c.w);
    qw_free(m->eng, c.st);
    qw_free(m->eng, c.ct);
    qw_free(m->eng, c.fix);
    qw_free(m->eng, c.runs);
    qw_free(m->eng, c.hs);
    qw_free(m->eng, c.lc);
    if (ok)
        return true;
oom:
    if (err && err->kind == QW_ERR_NONE) {
        err->kind = QW_ERR_OOM;
        err->offset = QW_NO_OFFSET;
        err->func = QW_NO_FUNC;
        strcpy(err->msg, "out of memory");
    }
    return false;
}

void qw_compile_free(qw_module *m)
{
    if (!m->codes)
        return;
    for (uint32_t i = 0; i < m->nfuncs - m->nfunc_imports; i++) {
        qw_free(m->eng, m->codes[i].words);
        qw_free(m->eng, m->codes[i].handlers);
    }
    qw_free(m->eng, m->codes);
    m->codes = NULL;
}

void qw_module_code_size(const qw_module *m, size_t *wasm_bytes, size_t *compiled_bytes)
{
    size_t c = 0;
    for (uint32_t i = 0; m->codes && i < m->nfuncs - m->nfunc_imports; i++)
        c += (size_t)m->codes[i].len * sizeof(qw_word) +
             (size_t)m->codes[i].nhandlers * sizeof(qw_handler);
    *wasm_bytes = m->code_len;
    *compiled_bytes = c;
}

/* ---- GC structs and arrays ------------------------------------------------------------------ */

_Static_assert(QW_OP_ARRAY_INIT_ELEM - QW_OP_STRUCT_NEW == 0x13, "0xFB 0x00..0x13 in order");

static qw_valtype unpacked(qw_valtype t)
{
    return t == QW_I8 || t == QW_I16 ? QW_I32 : t;
}

/* Operands each struct.* / array.* instruction pops (sub-opcode 0x00 .. 0x13); struct.new pops
 * its fields and array.new_fixed its count instead. */
static const uint8_t gc_pops[0x14] = {0, 0, 1, 1, 1, 2, 2, 1, 0, 2, 2, 2, 2, 2, 3, 1, 4, 5, 4, 4};

/* One GC form for all (code.h): gc.c decodes it when it runs; GC code is rare in the
 * benchmarks, so one call per instruction costs little. */
static bool do_gc(comp *c, uint32_t op)
{
    qw_reader *r = &c->r;
    const qw_module *m = c->m;
    uint32_t sub = op - QW_OP_STRUCT_NEW, x = 0, y = 0;
    if (sub != 0x0F && !qw_read_u32(r, &x))
        return false;
    bool two = (sub >= 0x02 && sub <= 0x05) || (sub >= 0x08 && sub <= 0x0A) || sub >= 0x11;
    if (two && !qw_read_u32(r, &y))
        return false;
    uint32_t n = sub == 0x00 ? m->types[x].nparams : sub == 0x08 ? y : gc_pops[sub];
    const qw_valtype *ft = sub == 0x0F ? NULL : m->type_pool + m->types[x].pool;
    qw_valtype res = 0;
    if (sub <= 0x01 || (sub >= 0x06 && sub <= 0x0A))
        res = QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + x);
    else if (sub == 0x02)
        res = unpacked(ft[y]);
    else if (sub == 0x0B)
        res = unpacked(ft[0]);
    else if (sub == 0x03 || sub == 0x04 || sub == 0x0C || sub == 0x0D || sub == 0x0F)
        res = QW_I32;
    uint32_t at = begin(c, QW_IOP_GC);
    emit(c, sub);
    emit(c, 7 + n);
    uint32_t dpos = c->n;
    emit(c, QW_NO_INDEX);
    emit(c, x);
    emit(c, y);
    emit(c, n);
    for (uint32_t i = c->nst - n; i < c->nst; i++)
        emit(c, c->st[i].loc);
    for (uint32_t i = 0; i < n; i++)
        pop(c);
    if (!res)
        return true;
    centry *d = push(c, res);
    if (!d)
        return false;
    if (!c->oom) {
        c->w[dpos] = d->home;
        c->last_dst = dpos; /* a following local.set may retarget it: gc.c writes it last */
    }
    (void)at;
    return true;
}
