/* interp.c: the interpreter (spec "Execution": instructions, function calls, traps). One
 * direct-threaded loop over the compiled slot code of code.h with computed goto; Wasm-to-Wasm
 * calls push a record on the store's control stack instead of recursing in C, so call depth is
 * bounded by the store's stack size ("call stack exhausted"), never by the C stack. */
#include "atomic.h"
#include "gc.h"
#include "instance.h"
#include "num.h"
#include "simd.h"
#include "types.h"

#include <string.h>

/* Nested activations (host -> Wasm -> host -> Wasm ...) each take some C stack. */
#define MAX_DEPTH 200

/* ---- the store's stacks and the references activations keep ---------------------------- */

static bool ensure_stacks(qw_store *s)
{
    if (s->stack)
        return true;
    size_t slots = s->stack_bytes / sizeof(qw_slot);
    size_t frames = s->stack_bytes / 64;
    if (slots < 64)
        slots = 64;
    if (frames < 16)
        frames = 16;
    s->stack = qw_calloc(s->eng, slots, sizeof(qw_slot));
    s->frames = qw_calloc(s->eng, frames, sizeof(qw_frame));
    if (!s->stack || !s->frames) {
        qw_free(s->eng, s->stack);
        qw_free(s->eng, s->frames);
        s->stack = NULL;
        s->frames = NULL;
        return false;
    }
    s->stack_slots = slots;
    s->nframes = frames;
    return true;
}

void qw_interp_store_free(qw_store *s)
{
    qw_free(s->eng, s->stack);
    qw_free(s->eng, s->frames);
    for (size_t i = 0; i < s->nkeep; i++)
        qw_ref_release(s->keep[i]);
    qw_free(s->eng, s->keep);
}

/* Takes over one count of ref until the outermost activation returns. */
static bool keep_ref(qw_store *s, qw_ref ref)
{
    if (!ref || qw_ref_is_i31(ref))
        return true;
    if (s->nkeep == s->keep_cap) {
        size_t cap = s->keep_cap ? s->keep_cap * 2 : 16;
        qw_ref *k = qw_realloc_array(s->eng, s->keep, cap, sizeof *k);
        if (!k) {
            qw_ref_release(ref);
            return false;
        }
        s->keep = k;
        s->keep_cap = cap;
    }
    s->keep[s->nkeep++] = ref;
    return true;
}

static void release_kept(qw_store *s, size_t from)
{
    while (s->nkeep > from)
        qw_ref_release(s->keep[--s->nkeep]);
}

/* Slots hold references without counting them, so a table write must not free a value a slot
 * may still hold: before elements [dst, dst+n) are overwritten, each one whose count is the
 * table's alone is kept until the outermost call returns. Functions of instances need nothing:
 * instances are never freed while code runs. False when out of memory. */
static bool protect_elems(qw_store *s, const qw_table *t, uint64_t dst, uint64_t n)
{
    if (dst > t->size || n > t->size - dst)
        return true; /* the operation traps and writes nothing */
    for (uint64_t i = dst; i < dst + n; i++) {
        qw_ref r = t->elems[i];
        if (r && !qw_ref_is_i31(r) && qw_ref_count(r) == 1 &&
            !(r->kind == QW_REFKIND_FUNC && ((qw_func *)r)->inst) && !keep_ref(s, qw_ref_retain(r)))
            return false;
    }
    return true;
}

/* ---- values between slots and qw_val --------------------------------------------------- */

static uint32_t slots_of_types(const qw_valtype *t, uint32_t n)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        k += qw_slots_of(t[i]);
    return k;
}

static void vals_to_slots(const qw_valtype *t, uint32_t n, const qw_val *v, qw_slot *s)
{
    for (uint32_t i = 0; i < n; i++) {
        switch (QW_VT_CODE(t[i])) {
        case QW_I32:
        case QW_F32:
            s->i64 = v[i].i32;
            s++;
            break;
        case QW_I64:
        case QW_F64:
            s->i64 = v[i].i64;
            s++;
            break;
        case QW_V128:
            memcpy(s, &v[i].v128, 16);
            s += 2;
            break;
        default:
            s->ref = v[i].ref;
            s++;
            break;
        }
    }
}

static void slots_to_vals(const qw_valtype *t, uint32_t n, const qw_slot *s, qw_val *v)
{
    for (uint32_t i = 0; i < n; i++) {
        memset(&v[i], 0, sizeof v[i]);
        switch (QW_VT_CODE(t[i])) {
        case QW_I32:
        case QW_F32:
            v[i].i32 = s->i32;
            s++;
            break;
        case QW_I64:
        case QW_F64:
            v[i].i64 = s->i64;
            s++;
            break;
        case QW_V128:
            memcpy(&v[i].v128, s, 16);
            s += 2;
            break;
        default:
            v[i].ref = s->ref;
            s++;
            break;
        }
    }
}

/* ---- calls from Wasm into host functions ------------------------------------------------- */

/* The arguments are at fp; the qw_val arrays go above them on the slot stack. */
static qw_trap call_host(qw_store *s, qw_func *f, qw_slot *fp)
{
    uint32_t np = f->nparams, nr = f->nresults;
    const qw_valtype *pt = f->types, *rt = f->types + np;
    size_t at = (size_t)(fp - s->stack) + slots_of_types(pt, np) + slots_of_types(rt, nr);
    size_t need = ((size_t)np + nr) * (sizeof(qw_val) / sizeof(qw_slot));
    if (at + need > s->stack_slots)
        return QW_TRAP_STACK_EXHAUSTED;
    qw_val *args = (qw_val *)(s->stack + at);
    qw_val *res = args + np;
    slots_to_vals(pt, np, fp, args);
    memset(res, 0, nr * sizeof *res);
    size_t saved = s->stack_used;
    s->stack_used = at + need;
    qw_trap t = f->host_fn(f->host_user, args, res);
    s->stack_used = saved;
    if (t != QW_TRAP_NONE) {
        for (uint32_t i = 0; i < nr; i++) {
            if (QW_VT_IS_REF(rt[i]))
                qw_ref_release(res[i].ref);
        }
        return t;
    }
    for (uint32_t i = 0; i < nr; i++) {
        if (QW_VT_IS_REF(rt[i]) && !keep_ref(s, res[i].ref))
            t = QW_TRAP_OOM;
    }
    if (t == QW_TRAP_NONE)
        vals_to_slots(rt, nr, res, fp);
    return t;
}

/* Whether callee has function type `type` of mod (call_indirect's check). */
static bool func_has_type(const qw_module *mod, uint32_t type, const qw_func *callee)
{
    if (callee->inst) {
        const qw_module *cm = callee->inst->mod;
        if (cm == mod) {
            if (mod->types[callee->type].canon == mod->types[type].canon)
                return true; /* the common case: one compare */
            return mod->types[callee->type].super != QW_NO_INDEX &&
                   qw_types_heap_sub(mod, QW_HT_INDEX_BASE + callee->type, QW_HT_INDEX_BASE + type);
        }
        /* a subtype (declared supertypes, GC) matches too */
        return qw_types_sub_across(cm, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + callee->type), mod,
                                   QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + type)) == 1;
    }
    const qw_type *t = &mod->types[type];
    if (t->nparams != callee->nparams || t->nresults != callee->nresults)
        return false;
    const qw_valtype *want = mod->type_pool + t->pool;
    for (uint32_t i = 0; i < t->nparams + t->nresults; i++) {
        if (want[i] != callee->types[i])
            return false;
    }
    return true;
}

/* The generic SIMD operations, in the order of simd.h's lists (compile.c finds them by name). */
#define FN(n) qw_##n,
static qw_v128 (*const simd_un[])(qw_v128) = {QW_SIMD_UNOPS(FN)};
static qw_v128 (*const simd_bin[])(qw_v128, qw_v128) = {QW_SIMD_BINOPS(FN)};
static qw_v128 (*const simd_tern[])(qw_v128, qw_v128, qw_v128) = {QW_SIMD_TERNOPS(FN)};
static uint32_t (*const simd_test[])(qw_v128) = {QW_SIMD_TESTOPS(FN)};
static qw_v128 (*const simd_shift[])(qw_v128, uint32_t) = {QW_SIMD_SHIFTOPS(FN)};
#undef FN

static inline qw_v128 vget(const qw_slot *s)
{
    qw_v128 v;
    memcpy(&v, s, sizeof v);
    return v;
}

static inline void vset(qw_slot *s, qw_v128 v)
{
    memcpy(s, &v, sizeof v);
}

/* ref.test / ref.cast: whether ref is in heap type ht (abstract, or a type index of the running
 * module), or null when nullable. No struct or array objects exist yet, so only functions,
 * extern boxes, exceptions and i31 values are ever tested. */
static bool ref_in_heap(const qw_instance *inst, qw_ref ref, uint32_t ht, bool nullable)
{
    if (!ref)
        return nullable;
    if (ht < QW_HT_INDEX_BASE)
        return qw_ref_matches(ref, QW_VT_REFTYPE(0, ht));
    if (qw_gc_of(ref))
        return qw_gc_in_type(ref, inst->mod, ht - QW_HT_INDEX_BASE);
    const qw_func *f = qw_ref_as_func(ref);
    if (!f)
        return false;
    const qw_module *m = inst->mod;
    uint32_t t = ht - QW_HT_INDEX_BASE;
    if (m->types[t].kind != QW_COMP_FUNC)
        return false;
    return func_has_type(m, t, f);
}

/* ---- exceptions ---------------------------------------------------------------------------- */

/* A new exception of tag with its arguments from slots; NULL with *trap set when out of memory. */
static qw_exception *new_exception(qw_store *s, qw_tag *tag, const qw_slot *args, qw_trap *trap)
{
    qw_val *vals = qw_calloc(s->eng, tag->nparams + 1, sizeof *vals);
    qw_exception *exn = NULL;
    if (vals) {
        slots_to_vals(tag->params, tag->nparams, args, vals);
        qw_error err = {0};
        exn = qw_exception_new(s, tag, vals, &err);
        qw_free(s->eng, vals);
    }
    if (!exn)
        *trap = QW_TRAP_OOM;
    return exn;
}

/* The clause of code's handlers that catches exn thrown at word pos, or NULL. A legacy
 * delegate moves the search to the position its label names (always further out). */
static const qw_word *find_catch(const qw_code *code, const qw_instance *inst, uint32_t pos,
                                 const qw_exception *exn, const qw_word **at)
{
    for (uint32_t i = 0; i < code->nhandlers; i++) {
        const qw_handler *h = &code->handlers[i];
        if (pos < h->start || pos >= h->end)
            continue;
        const qw_word *tt = code->words + h->at;
        for (uint32_t k = 0; k < tt[2]; k++) {
            const qw_word *cl = tt + 3 + QW_CLAUSE_WORDS * k;
            uint32_t kind = cl[0] & 0xFF;
            if (cl[0] & QW_CATCH_DELEGATE) {
                if (cl[3] == QW_NO_INDEX)
                    return NULL;
                pos = cl[3];
                i = (uint32_t)-1; /* search again from the innermost handler */
                break;
            }
            if (kind >= 2 || inst->tags[cl[1]] == exn->tag) {
                *at = tt;
                return cl;
            }
        }
    }
    return NULL;
}

/* Puts a caught exception's values (and, for catch_ref / catch_all_ref, the exnref) at dst,
 * and for a legacy catch the exnref in its own slot (for rethrow). */
static void deliver(qw_slot *fp, const qw_word *cl, qw_exception *exn)
{
    uint32_t kind = cl[0] & 0xFF;
    qw_slot *dst = fp + cl[2];
    if (cl[4] != QW_NO_INDEX)
        fp[cl[4]].ref = qw_exception_as_ref(exn);
    if (kind == 0 || kind == 1) {
        vals_to_slots(exn->tag->params, exn->tag->nparams, exn->args, dst);
        dst += slots_of_types(exn->tag->params, exn->tag->nparams);
    }
    if (kind == 1 || kind == 3)
        dst->ref = qw_exception_as_ref(exn);
}

/* ---- the dispatch loop --------------------------------------------------------------------- */

#define S(i)    fp[pc[i]]
#define OP(n)   op_##n
#define CASE(n) op_##n:
#define NEXT()                                                                                     \
    do {                                                                                           \
        goto *(&&op_base + (int32_t)pc[0]);                                                        \
    } while (0)
#define TRAP(t)                                                                                    \
    do {                                                                                           \
        trap = (t);                                                                                \
        goto trapped;                                                                              \
    } while (0)
#define RELOAD_MEM()                                                                               \
    do {                                                                                           \
        qw_memory *m0_ = inst ? inst->mem0 : NULL;                                                 \
        mb = m0_ ? m0_->base : NULL;                                                               \
        ms = m0_ ? m0_->pages * (uint64_t)QW_PAGE_SIZE : 0;                                        \
    } while (0)
#define INTERRUPTED() qw_store_interrupt_pending(s)

static inline uint64_t addr_of(const qw_slot *v, uint32_t is64)
{
    return is64 ? v->i64 : v->i32;
}

static inline qw_memory *mem_at(const qw_instance *inst, uint32_t w)
{
    return inst->memories[w & 0x7FFFFFFFu];
}

/* A trap whose message names an operand (qw_store_trap_message). */
static qw_trap trap_with_operand(qw_store *s, qw_trap trap, uint64_t operand)
{
    s->trap_detail = trap;
    s->trap_operand = operand;
    return trap;
}

/* call_indirect's callee (typeidx table base idx), or NULL with *trap set. */
static qw_func *indirect_callee(const qw_instance *inst, const qw_word *pc, const qw_slot *fp,
                                qw_trap *trap)
{
    qw_table *tab = inst->tables[pc[2] & 0x7FFFFFFFu];
    uint64_t i = addr_of(&fp[pc[4]], pc[2] >> 31);
    qw_func *f = i < tab->size ? (qw_func *)tab->elems[i] : NULL;
    if (i >= tab->size)
        *trap = QW_TRAP_UNDEFINED_ELEMENT;
    else if (!f)
        *trap = trap_with_operand(inst->store, QW_TRAP_UNINITIALIZED_ELEMENT, i);
    else if (!func_has_type(inst->mod, pc[1], f))
        *trap = QW_TRAP_INDIRECT_SIG_MISMATCH;
    else
        return f;
    return NULL;
}

/* Runs the function whose frame starts at fp until it returns to the host. With s NULL, only
 * hands back the handler table through *table. */
static qw_trap run(qw_store *s, qw_func *entry, qw_slot *fp, const int32_t **table)
{
    static const int32_t handlers[QW_IOP_COUNT_] = {
#define H(n, ...)   [QW_IOP_##n] = (int32_t)(&&op_##n - &&op_base),
#define H_M(n, ...) [QW_IOP_##n##_M] = (int32_t)(&&op_##n##_M - &&op_base),
#define H_I(n, ...) [QW_IOP_##n##_I] = (int32_t)(&&op_##n##_I - &&op_base),
#define H_K(n, ...)                                                                                \
    [QW_IOP_##n##_K] = (int32_t)(&&op_##n##_K - &&op_base),                                        \
    [QW_IOP_##n##_KXI] = (int32_t)(&&op_##n##_KXI - &&op_base),
#define H_XS(n, ...)                                                                               \
    [QW_IOP_##n##_XS] = (int32_t)(&&op_##n##_XS - &&op_base),                                      \
    [QW_IOP_##n##_XSI] = (int32_t)(&&op_##n##_XSI - &&op_base),                                    \
    [QW_IOP_##n##_A] = (int32_t)(&&op_##n##_A - &&op_base),
#define H_X(n, ...)                                                                                \
    [QW_IOP_##n##_X] = (int32_t)(&&op_##n##_X - &&op_base),                                        \
    [QW_IOP_##n##_XI] = (int32_t)(&&op_##n##_XI - &&op_base),
#define H_L(n, ...) [QW_IOP_##n##_L] = (int32_t)(&&op_##n##_L - &&op_base),
#define H_AB(n, ...)                                                                               \
    [QW_IOP_ADDI_BRIF_##n##_I] = (int32_t)(&&op_ADDI_BRIF_##n##_I - &&op_base),                    \
    [QW_IOP_ADDI_BRIF_##n] = (int32_t)(&&op_ADDI_BRIF_##n - &&op_base),                            \
    [QW_IOP_ADD_BRIF_##n] = (int32_t)(&&op_ADD_BRIF_##n - &&op_base),
#define H_F(n, ...)                                                                                \
    [QW_IOP_BRIF_##n] = (int32_t)(&&op_BRIF_##n - &&op_base),                                      \
    [QW_IOP_BRIF_##n##_I] = (int32_t)(&&op_BRIF_##n##_I - &&op_base),                              \
    [QW_IOP_BRUNLESS_##n] = (int32_t)(&&op_BRUNLESS_##n - &&op_base),                              \
    [QW_IOP_BRUNLESS_##n##_I] = (int32_t)(&&op_BRUNLESS_##n##_I - &&op_base),
        QW_CODE_UNOPS(H) QW_CODE_UNOPS_TRAP(H) QW_CODE_BINOPS(H) QW_CODE_BINOPS_TRAP(H)
            QW_CODE_INT_BINOPS(H_I) QW_CODE_FLOAT_ARITH(H_I) QW_CODE_CMPS(H_F)
                QW_CODE_I32_CMPS(H_AB) QW_CODE_LOADS(H_X) QW_CODE_STORES(H_X) QW_CODE_STORES_K(H_K)
                    QW_CODE_LOADS(H_XS) QW_CODE_LOADS(H) QW_CODE_STORES(H) QW_CODE_LOADS(H_M)
                        QW_CODE_STORES(H_M) QW_CODE_VLOADS(H_M) QW_CODE_VLOAD_LANES(H)
                            QW_CODE_VSTORE_LANES(H) QW_CODE_I32_PAIRS(H) QW_CODE_SHIFT_BINOPS(H)
                                QW_CODE_MEM_BINOPS(H_L) QW_CODE_SPLATS(H) QW_CODE_EXTRACTS(H)
                                    QW_CODE_REPLACES(H) QW_CODE_MISC(H)
#undef H
#undef H_M
#undef H_I
#undef H_F
#undef H_AB
#undef H_L
#undef H_X
#undef H_K
#undef H_XS
    };
    if (!s) {
        *table = handlers;
        return QW_TRAP_NONE;
    }
    qw_trap trap = QW_TRAP_NONE;
    qw_frame *cbase = s->frames + s->frames_used, *csp = cbase;
    qw_frame *cend = s->frames + s->nframes;
    qw_slot *stack = s->stack;
    size_t nslots = s->stack_slots;
    qw_instance *inst = entry->inst;
    const qw_code *code = NULL;
    qw_exception *exn = NULL;
    const qw_word *pc = NULL, *ret_pc;
    qw_func *callee = entry;
    qw_slot *nfp = fp;
    uint8_t *mb;
    uint64_t ms;
    RELOAD_MEM();
    ret_pc = NULL;
    goto do_call;

op_base:
#define UN(n, in, out, fn)                                                                         \
    OP(n) : S(1).out = fn(S(2).in);                                                                \
    pc += 3;                                                                                       \
    NEXT();
    QW_CODE_UNOPS(UN)
#undef UN
#define UN_T(n, in, out, fn)                                                                       \
    OP(n) :                                                                                        \
    {                                                                                              \
        __typeof__(S(1).out) r_;                                                                   \
        qw_trap t_ = fn(S(2).in, &r_);                                                             \
        if (t_)                                                                                    \
            TRAP(t_);                                                                              \
        S(1).out = r_;                                                                             \
        pc += 3;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_UNOPS_TRAP(UN_T)
#undef UN_T
#define BIN(n, in, out, fn)                                                                        \
    OP(n) : S(1).out = fn(S(2).in, S(3).in);                                                       \
    pc += 4;                                                                                       \
    NEXT();
    QW_CODE_BINOPS(BIN)
#undef BIN
#define IMM_i32 pc[3]
#define IMM_i64 (pc[3] | (uint64_t)pc[4] << 32)
#define IMM_f32 qw_f32_from_bits(pc[3])
#define IMM_f64 qw_f64_from_bits(pc[3] | (uint64_t)pc[4] << 32)
#define LEN_i32 4
#define LEN_i64 5
#define LEN_f32 4
#define LEN_f64 5
#define BIN_I(n, in, out, fn)                                                                      \
    CASE(n##_I) {                                                                                  \
        S(1).out = fn(S(2).in, IMM_##in);                                                          \
        pc += LEN_##in;                                                                            \
        NEXT();                                                                                    \
    }
    QW_CODE_INT_BINOPS(BIN_I)
    QW_CODE_FLOAT_ARITH(BIN_I)
#undef BIN_I
#define PAIR_I(n, op1, op2, fn1, fn2)                                                              \
    CASE(n) {                                                                                      \
        S(1).i32 = fn2(fn1(S(2).i32, pc[3]), pc[4]);                                               \
        pc += 5;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_I32_PAIRS(PAIR_I)
#undef PAIR_I
#define SHIFT_BIN(n, op1, len1, op2, field, fn1, fn2)                                              \
    CASE(n) {                                                                                      \
        S(1).field = fn2(fn1(S(2).field, pc[3]), S(4).field);                                      \
        pc += 5;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_SHIFT_BINOPS(SHIFT_BIN)
#undef SHIFT_BIN
#define MEM_BIN(n, ct, field, fn)                                                                  \
    CASE(n##_L) {                                                                                  \
        uint64_t a_ = (uint64_t)S(3).i32 + pc[4];                                                  \
        ct v_;                                                                                     \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(&v_, mb + a_, sizeof v_);                                                           \
        S(1).field = fn(S(2).field, v_);                                                           \
        pc += 5;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_MEM_BINOPS(MEM_BIN)
#undef MEM_BIN
    /* compare and branch: a b off | a imm off (imm two words for i64) */
#define IMM2_i32 pc[2]
#define IMM2_i64 (pc[2] | (uint64_t)pc[3] << 32)
#define IMM2_f32 qw_f32_from_bits(pc[2])
#define IMM2_f64 qw_f64_from_bits(pc[2] | (uint64_t)pc[3] << 32)
#define BRIF(cond, len, offw)                                                                      \
    if (cond) {                                                                                    \
        int32_t o_ = (int32_t)pc[offw];                                                            \
        pc += o_;                                                                                  \
        if (o_ <= 0 && INTERRUPTED()) /* a loop may start with its own branch */                   \
            TRAP(QW_TRAP_INTERRUPTED);                                                             \
    } else {                                                                                       \
        pc += len;                                                                                 \
    }                                                                                              \
    NEXT();
#define CMP_BR(n, in, fn)                                                                          \
    CASE(BRIF_##n) {                                                                               \
        BRIF(fn(S(1).in, S(2).in), 4, 3)                                                           \
    }                                                                                              \
    CASE(BRIF_##n##_I) {                                                                           \
        BRIF(fn(S(1).in, IMM2_##in), LEN_##in, LEN_##in - 1)                                       \
    }                                                                                              \
    CASE(BRUNLESS_##n) {                                                                           \
        pc += fn(S(1).in, S(2).in) ? 4 : (int32_t)pc[3];                                           \
        NEXT();                                                                                    \
    }                                                                                              \
    CASE(BRUNLESS_##n##_I) {                                                                       \
        pc += fn(S(1).in, IMM2_##in) ? LEN_##in : (int32_t)pc[LEN_##in - 1];                       \
        NEXT();                                                                                    \
    }
    QW_CODE_CMPS(CMP_BR)
#undef CMP_BR
#define ADD_BR(n, in, fn)                                                                          \
    CASE(ADDI_BRIF_##n##_I) {                                                                      \
        uint32_t v_ = S(2).i32 + pc[3];                                                            \
        S(1).i32 = v_;                                                                             \
        BRIF(fn(v_, pc[4]), 6, 5)                                                                  \
    }                                                                                              \
    CASE(ADDI_BRIF_##n) {                                                                          \
        uint32_t v_ = S(2).i32 + pc[3];                                                            \
        S(1).i32 = v_;                                                                             \
        BRIF(fn(v_, S(4).i32), 6, 5)                                                               \
    }                                                                                              \
    CASE(ADD_BRIF_##n) {                                                                           \
        uint32_t v_ = S(2).i32 + S(3).i32;                                                         \
        S(1).i32 = v_;                                                                             \
        BRIF(fn(v_, S(4).i32), 6, 5)                                                               \
    }
    QW_CODE_I32_CMPS(ADD_BR)
#undef ADD_BR
    CASE(BRIF_I32_EQZ) {
        BRIF(S(1).i32 == 0, 3, 2)
    }
    CASE(BRIF_I64_EQZ) {
        BRIF(S(1).i64 == 0, 3, 2)
    }
    CASE(BRUNLESS_I32_EQZ) {
        pc += S(1).i32 == 0 ? 3 : (int32_t)pc[2];
        NEXT();
    }
    CASE(BRUNLESS_I64_EQZ) {
        pc += S(1).i64 == 0 ? 3 : (int32_t)pc[2];
        NEXT();
    }
#define BIN_T(n, in, out, fn)                                                                      \
    OP(n) :                                                                                        \
    {                                                                                              \
        __typeof__(S(1).out) r_;                                                                   \
        qw_trap t_ = fn(S(2).in, S(3).in, &r_);                                                    \
        if (t_)                                                                                    \
            TRAP(t_);                                                                              \
        S(1).out = r_;                                                                             \
        pc += 4;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_BINOPS_TRAP(BIN_T)
#undef BIN_T
    /* memory 0 of a 32-bit memory, offset below 2^32: dst addr off */
#define LOAD(n, ct, field, conv)                                                                   \
    OP(n) :                                                                                        \
    {                                                                                              \
        uint64_t a_ = (uint64_t)S(2).i32 + pc[3];                                                  \
        ct v_;                                                                                     \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(&v_, mb + a_, sizeof v_);                                                           \
        S(1).field = (conv)v_;                                                                     \
        pc += 4;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_LOADS(LOAD)
#undef LOAD
/* A load from the effective address `addr` into S(1), for the fused forms below. */
#define LOAD_AT(ct, field, conv, addr, len)                                                        \
    {                                                                                              \
        uint64_t a_ = (addr);                                                                      \
        ct v_;                                                                                     \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(&v_, mb + a_, sizeof v_);                                                           \
        S(1).field = (conv)v_;                                                                     \
        pc += (len);                                                                               \
        NEXT();                                                                                    \
    }
#define LOAD_X(n, ct, field, conv)                                                                 \
    CASE(n##_X)                                                                                    \
        LOAD_AT(ct, field, conv, (uint64_t)(uint32_t)(S(2).i32 + S(3).i32) + pc[4], 5)             \
    CASE(n##_XI)                                                                                   \
    LOAD_AT(ct, field, conv, (uint64_t)(uint32_t)(S(2).i32 + pc[3]) + pc[4], 5)
    QW_CODE_LOADS(LOAD_X)
#undef LOAD_X
#define LOAD_XS(n, ct, field, conv)                                                                \
    CASE(n##_XS)                                                                                   \
        LOAD_AT(ct, field, conv, (uint64_t)(uint32_t)(S(2).i32 + (S(3).i32 << pc[4])) + pc[5], 6)  \
    CASE(n##_XSI)                                                                                  \
        LOAD_AT(ct, field, conv, (uint64_t)(uint32_t)((S(2).i32 << pc[3]) + pc[4]) + pc[5], 6)     \
    CASE(n##_A)                                                                                    \
    LOAD_AT(ct, field, conv, pc[2], 3)
    QW_CODE_LOADS(LOAD_XS)
#undef LOAD_XS
#undef LOAD_AT
#define STORE(n, ct, field)                                                                        \
    OP(n) :                                                                                        \
    {                                                                                              \
        uint64_t a_ = (uint64_t)S(1).i32 + pc[3];                                                  \
        ct v_ = (ct)S(2).field;                                                                    \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(mb + a_, &v_, sizeof v_);                                                           \
        pc += 4;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_STORES(STORE)
#undef STORE
#define STORE_K(n, ct)                                                                             \
    CASE(n##_K) {                                                                                  \
        uint64_t a_ = (uint64_t)S(1).i32 + pc[3];                                                  \
        ct v_ = (ct)pc[2];                                                                         \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(mb + a_, &v_, sizeof v_);                                                           \
        pc += 4;                                                                                   \
        NEXT();                                                                                    \
    }                                                                                              \
    CASE(n##_KXI) {                                                                                \
        uint64_t a_ = (uint64_t)(uint32_t)(S(1).i32 + pc[2]) + pc[4];                              \
        ct v_ = (ct)pc[3];                                                                         \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(mb + a_, &v_, sizeof v_);                                                           \
        pc += 5;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_STORES_K(STORE_K)
#undef STORE_K
#define STOREX(n, ct, field, addend)                                                               \
    {                                                                                              \
        uint64_t a_ = (uint64_t)(uint32_t)(S(1).i32 + (addend)) + pc[4];                           \
        ct v_ = (ct)S(3).field;                                                                    \
        if (a_ + sizeof v_ > ms)                                                                   \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(mb + a_, &v_, sizeof v_);                                                           \
        pc += 5;                                                                                   \
        NEXT();                                                                                    \
    }
#define STORE_X(n, ct, field)                                                                      \
    CASE(n##_X)                                                                                    \
    STOREX(n, ct, field, S(2).i32) CASE(n##_XI) STOREX(n, ct, field, pc[2])
    QW_CODE_STORES(STORE_X)
#undef STORE_X
#undef STOREX
    /* any memory: dst addr mem off_lo off_hi */
#define LOAD_M(n, ct, field, conv)                                                                 \
    OP(n##_M) :                                                                                    \
    {                                                                                              \
        qw_memory *m_ = mem_at(inst, pc[3]);                                                       \
        uint64_t a_ = addr_of(&S(2), pc[3] >> 31);                                                 \
        uint64_t o_ = pc[4] | (uint64_t)pc[5] << 32;                                               \
        ct v_;                                                                                     \
        if (!qw_memory_in_bounds(m_->pages * (uint64_t)QW_PAGE_SIZE, a_, o_, sizeof v_))           \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(&v_, m_->base + a_ + o_, sizeof v_);                                                \
        S(1).field = (conv)v_;                                                                     \
        pc += 6;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_LOADS(LOAD_M)
#undef LOAD_M
#define STORE_M(n, ct, field)                                                                      \
    OP(n##_M) :                                                                                    \
    {                                                                                              \
        qw_memory *m_ = mem_at(inst, pc[3]);                                                       \
        uint64_t a_ = addr_of(&S(1), pc[3] >> 31);                                                 \
        uint64_t o_ = pc[4] | (uint64_t)pc[5] << 32;                                               \
        ct v_ = (ct)S(2).field;                                                                    \
        if (!qw_memory_in_bounds(m_->pages * (uint64_t)QW_PAGE_SIZE, a_, o_, sizeof v_))           \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        memcpy(m_->base + a_ + o_, &v_, sizeof v_);                                                \
        pc += 6;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_STORES(STORE_M)
#undef STORE_M

    /* vectors */
#define VLOAD(n, fn, size)                                                                         \
    CASE(n##_M) {                                                                                  \
        qw_memory *m_ = mem_at(inst, pc[3]);                                                       \
        uint64_t a_ = addr_of(&S(2), pc[3] >> 31);                                                 \
        uint64_t o_ = pc[4] | (uint64_t)pc[5] << 32;                                               \
        if (!qw_memory_in_bounds(m_->pages * (uint64_t)QW_PAGE_SIZE, a_, o_, size))                \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        vset(&S(1), fn(m_->base + a_ + o_));                                                       \
        pc += 6;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_VLOADS(VLOAD)
#undef VLOAD
#define VLOAD_LANE(n, fn, size)                                                                    \
    CASE(n) {                                                                                      \
        qw_memory *m_ = mem_at(inst, pc[4]);                                                       \
        uint64_t a_ = addr_of(&S(2), pc[4] >> 31);                                                 \
        uint64_t o_ = pc[5] | (uint64_t)pc[6] << 32;                                               \
        if (!qw_memory_in_bounds(m_->pages * (uint64_t)QW_PAGE_SIZE, a_, o_, size))                \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        vset(&S(1), fn(m_->base + a_ + o_, vget(&S(3)), pc[7]));                                   \
        pc += 8;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_VLOAD_LANES(VLOAD_LANE)
#undef VLOAD_LANE
#define VSTORE_LANE(n, fn, size)                                                                   \
    CASE(n) {                                                                                      \
        qw_memory *m_ = mem_at(inst, pc[3]);                                                       \
        uint64_t a_ = addr_of(&S(1), pc[3] >> 31);                                                 \
        uint64_t o_ = pc[4] | (uint64_t)pc[5] << 32;                                               \
        if (!qw_memory_in_bounds(m_->pages * (uint64_t)QW_PAGE_SIZE, a_, o_, size))                \
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);                                                    \
        fn(m_->base + a_ + o_, vget(&S(2)), pc[6]);                                                \
        pc += 7;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_VSTORE_LANES(VSTORE_LANE)
#undef VSTORE_LANE
#define SPLAT(n, field, fn)                                                                        \
    CASE(n) {                                                                                      \
        vset(&S(1), fn(S(2).field));                                                               \
        pc += 3;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_SPLATS(SPLAT)
#undef SPLAT
#define EXTRACT(n, field, fn)                                                                      \
    CASE(n) {                                                                                      \
        S(1).field = fn(vget(&S(2)), pc[3]);                                                       \
        pc += 4;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_EXTRACTS(EXTRACT)
#undef EXTRACT
#define REPLACE(n, field, fn)                                                                      \
    CASE(n) {                                                                                      \
        vset(&S(1), fn(vget(&S(2)), pc[4], S(3).field));                                           \
        pc += 5;                                                                                   \
        NEXT();                                                                                    \
    }
    QW_CODE_REPLACES(REPLACE)
#undef REPLACE
    CASE(V128_STORE_M) {
        qw_memory *m = mem_at(inst, pc[3]);
        uint64_t a = addr_of(&S(1), pc[3] >> 31);
        uint64_t o = pc[4] | (uint64_t)pc[5] << 32;
        if (!qw_memory_in_bounds(m->pages * (uint64_t)QW_PAGE_SIZE, a, o, 16))
            TRAP(QW_TRAP_OUT_OF_BOUNDS_MEMORY);
        memcpy(m->base + a + o, &S(2), 16);
        pc += 6;
        NEXT();
    }
    CASE(SIMD_UN) {
        vset(&S(1), simd_un[pc[3]](vget(&S(2))));
        pc += 4;
        NEXT();
    }
    CASE(SIMD_BIN) {
        vset(&S(1), simd_bin[pc[4]](vget(&S(2)), vget(&S(3))));
        pc += 5;
        NEXT();
    }
    CASE(SIMD_TERN) {
        vset(&S(1), simd_tern[pc[5]](vget(&S(2)), vget(&S(3)), vget(&S(4))));
        pc += 6;
        NEXT();
    }
    CASE(SIMD_TEST) {
        S(1).i64 = simd_test[pc[3]](vget(&S(2)));
        pc += 4;
        NEXT();
    }
    CASE(SIMD_SHIFT) {
        vset(&S(1), simd_shift[pc[4]](vget(&S(2)), S(3).i32));
        pc += 5;
        NEXT();
    }
    CASE(SHUFFLE) {
        uint8_t lanes[16];
        memcpy(lanes, pc + 4, 16);
        vset(&S(1), qw_i8x16_shuffle(vget(&S(2)), vget(&S(3)), lanes));
        pc += 8;
        NEXT();
    }
    CASE(TRY_TABLE) {
        pc += pc[1];
        NEXT();
    }
    CASE(THROW) {
        exn = new_exception(s, inst->tags[pc[1]], fp + pc[2], &trap);
        if (!exn)
            goto trapped;
        goto throw_exn;
    }
    CASE(THROW_REF) {
        qw_ref r = S(1).ref;
        if (!r)
            TRAP(QW_TRAP_NULL_EXN_REF);
        exn = qw_exception_ref(qw_ref_as_exception(r));
        goto throw_exn;
    }
    CASE(UNREACHABLE) {
        TRAP(QW_TRAP_UNREACHABLE);
    }
    CASE(UNSUPPORTED) {
        TRAP(QW_TRAP_UNSUPPORTED);
    }
    CASE(GC) {
        qw_trap t = qw_gc_exec(s, inst, fp, fp + code->frame_slots, pc);
        if (t != QW_TRAP_NONE)
            TRAP(t);
        pc += pc[2];
        NEXT();
    }
    CASE(COPY) {
        S(1) = S(2);
        pc += 3;
        NEXT();
    }
    CASE(COPY32) {
        S(1).i32 = S(2).i32;
        pc += 3;
        NEXT();
    }
    CASE(COPY32_2) {
        S(1).i32 = S(2).i32;
        S(3).i32 = S(4).i32;
        pc += 5;
        NEXT();
    }
    CASE(COPY_2) {
        S(1) = S(2);
        S(3) = S(4);
        pc += 5;
        NEXT();
    }
    CASE(COPY2) {
        memmove(&S(1), &S(2), 16);
        pc += 3;
        NEXT();
    }
    CASE(CONST32) {
        S(1).i64 = pc[2];
        pc += 3;
        NEXT();
    }
    CASE(CONST64) {
        S(1).i64 = pc[2] | (uint64_t)pc[3] << 32;
        pc += 4;
        NEXT();
    }
    CASE(CONST128) {
        memcpy(&S(1), pc + 2, 16);
        pc += 6;
        NEXT();
    }
    CASE(BR) {
        pc += (int32_t)pc[1];
        NEXT();
    }
    CASE(BR_BACK) {
        pc += (int32_t)pc[1];
        if (INTERRUPTED())
            TRAP(QW_TRAP_INTERRUPTED);
        NEXT();
    }
    CASE(BR_IF) {
        pc += S(1).i32 ? (int32_t)pc[2] : 3;
        NEXT();
    }
    CASE(BR_IF_BACK) {
        if (S(1).i32) {
            pc += (int32_t)pc[2];
            if (INTERRUPTED())
                TRAP(QW_TRAP_INTERRUPTED);
        } else {
            pc += 3;
        }
        NEXT();
    }
    CASE(BR_UNLESS) {
        pc += S(1).i32 ? 3 : (int32_t)pc[2];
        NEXT();
    }
    CASE(BR_TABLE) {
        uint32_t i = S(1).i32, n = pc[2];
        int32_t o = (int32_t)pc[3 + (i < n ? i : n)];
        pc += o;
        if (o <= 0 && INTERRUPTED()) /* straight to a loop header, maybe this one */
            TRAP(QW_TRAP_INTERRUPTED);
        NEXT();
    }
    CASE(RETURN) {
        csp--;
        if (!csp->ret)
            goto done;
        pc = csp->ret;
        fp = csp->fp;
        code = csp->code;
        if (inst != csp->inst) {
            inst = csp->inst;
            RELOAD_MEM();
        }
        NEXT();
    }
    CASE(CALL) {
        callee = inst->funcs[pc[1]];
        nfp = fp + pc[2];
        ret_pc = pc + 3;
        goto do_call;
    }
    CASE(CALL_LOCAL) {
        /* same instance: no instance switch, no function object */
        const qw_code *cc = (const qw_code *)(uintptr_t)(pc[1] | (uint64_t)pc[2] << 32);
        nfp = fp + pc[3];
        if ((size_t)(nfp - stack) + cc->frame_slots > nslots || csp == cend)
            TRAP(QW_TRAP_STACK_EXHAUSTED);
        csp->ret = pc + 4;
        csp->code = code;
        csp->fp = fp;
        csp->inst = inst;
        csp++;
        fp = nfp;
        memset(fp + cc->nparam_slots, 0, cc->nlocal_slots * sizeof *fp);
        code = cc;
        pc = cc->words;
        if (INTERRUPTED())
            TRAP(QW_TRAP_INTERRUPTED);
        NEXT();
    }
    CASE(CALL_INDIRECT) {
        if (!(callee = indirect_callee(inst, pc, fp, &trap)))
            goto trapped;
        nfp = fp + pc[3];
        ret_pc = pc + 5;
        goto do_call;
    }
    CASE(CALL_REF) {
        if (!S(3).ref)
            TRAP(QW_TRAP_NULL_FUNC_REF);
        callee = (qw_func *)S(3).ref;
        nfp = fp + pc[2];
        ret_pc = pc + 4;
        goto do_call;
    }
    CASE(RETURN_CALL) {
        callee = inst->funcs[pc[1]];
        nfp = fp + pc[2];
        goto do_tail_call;
    }
    CASE(RETURN_CALL_INDIRECT) {
        if (!(callee = indirect_callee(inst, pc, fp, &trap)))
            goto trapped;
        nfp = fp + pc[3];
        goto do_tail_call;
    }
    CASE(RETURN_CALL_REF) {
        if (!S(3).ref)
            TRAP(QW_TRAP_NULL_FUNC_REF);
        callee = (qw_func *)S(3).ref;
        nfp = fp + pc[2];
        goto do_tail_call;
    }
    CASE(SELECT) {
        S(1) = S(4).i32 ? S(2) : S(3);
        pc += 5;
        NEXT();
    }
    CASE(SELECT32) {
        S(1).i32 = S(4).i32 ? S(2).i32 : S(3).i32;
        pc += 5;
        NEXT();
    }
    CASE(SELECT2) {
        memmove(&S(1), S(4).i32 ? &S(2) : &S(3), 16);
        pc += 5;
        NEXT();
    }
    CASE(GLOBAL_GET) {
        S(1).i64 = inst->globals[pc[2]]->val.i64;
        pc += 3;
        NEXT();
    }
    CASE(GLOBAL_GET2) {
        memcpy(&S(1), &inst->globals[pc[2]]->val.v128, 16);
        pc += 3;
        NEXT();
    }
    CASE(GLOBAL_SET) {
        inst->globals[pc[1]]->val.i64 = S(2).i64;
        pc += 3;
        NEXT();
    }
    CASE(GLOBAL_SET32) {
        inst->globals[pc[1]]->val.i64 = S(2).i32;
        pc += 3;
        NEXT();
    }
    CASE(GLOBAL_SET2) {
        memcpy(&inst->globals[pc[1]]->val.v128, &S(2), 16);
        pc += 3;
        NEXT();
    }
    CASE(GLOBAL_SET_REF) {
        qw_global *g = inst->globals[pc[1]];
        qw_ref old = g->val.ref;
        g->val.ref = qw_ref_retain(S(2).ref);
        if (old && !keep_ref(s, old))
            TRAP(QW_TRAP_OOM);
        pc += 3;
        NEXT();
    }
    CASE(ATOMIC) {
        uint64_t r_;
        trap = qw_atomic_run(s, mem_at(inst, pc[5]), pc[8], addr_of(&S(2), pc[5] >> 31),
                             pc[6] | (uint64_t)pc[7] << 32, S(3).i64, S(4).i64, &r_);
        if (trap)
            goto trapped;
        if (pc[1] != QW_NO_INDEX)
            S(1).i64 = r_;
        pc += 9;
        NEXT();
    }
    CASE(MEMORY_SIZE) {
        qw_memory *m = mem_at(inst, pc[2]);
        S(1).i64 = m->pages;
        pc += 3;
        NEXT();
    }
    CASE(MEMORY_GROW) {
        qw_memory *m = mem_at(inst, pc[2]);
        bool is64 = pc[2] >> 31;
        int64_t old = qw_memory_grow(m, addr_of(&S(3), is64));
        S(1).i64 = is64 ? (uint64_t)old : (uint32_t)old;
        RELOAD_MEM();
        pc += 4;
        NEXT();
    }
    CASE(MEMORY_FILL) {
        qw_memory *m = mem_at(inst, pc[1]);
        bool is64 = pc[1] >> 31;
        trap = qw_memory_fill(m, addr_of(&S(2), is64), (uint8_t)S(3).i32, addr_of(&S(4), is64));
        if (trap)
            goto trapped;
        pc += 5;
        NEXT();
    }
    CASE(MEMORY_COPY) {
        qw_memory *d = mem_at(inst, pc[1]), *src = mem_at(inst, pc[2]);
        bool d64 = pc[1] >> 31, s64 = pc[2] >> 31;
        trap = qw_memory_copy(d, addr_of(&S(3), d64), src, addr_of(&S(4), s64),
                              addr_of(&S(5), d64 && s64));
        if (trap)
            goto trapped;
        pc += 6;
        NEXT();
    }
    CASE(MEMORY_INIT) {
        qw_memory *m = mem_at(inst, pc[1]);
        const qw_data *d = &inst->mod->datas[pc[2]];
        uint32_t len = inst->data_dropped[pc[2]] ? 0 : d->len;
        trap = qw_memory_init(m, addr_of(&S(3), pc[1] >> 31), d->bytes, len, S(4).i32, S(5).i32);
        if (trap)
            goto trapped;
        pc += 6;
        NEXT();
    }
    CASE(DATA_DROP) {
        inst->data_dropped[pc[1]] = true;
        pc += 2;
        NEXT();
    }
    CASE(TABLE_GET) {
        qw_table *t = inst->tables[pc[2]];
        uint64_t i = addr_of(&S(3), t->is64);
        if (i >= t->size)
            TRAP(QW_TRAP_OUT_OF_BOUNDS_TABLE);
        S(1).ref = t->elems[i];
        pc += 4;
        NEXT();
    }
    CASE(TABLE_SET) {
        qw_table *t = inst->tables[pc[1]];
        if (!protect_elems(s, t, addr_of(&S(2), t->is64), 1))
            TRAP(QW_TRAP_OOM);
        trap = qw_table_set(t, addr_of(&S(2), t->is64), S(3).ref);
        if (trap)
            goto trapped;
        pc += 4;
        NEXT();
    }
    CASE(TABLE_SIZE) {
        S(1).i64 = inst->tables[pc[2]]->size;
        pc += 3;
        NEXT();
    }
    CASE(TABLE_GROW) {
        qw_table *t = inst->tables[pc[2]];
        int64_t old = qw_table_grow(t, addr_of(&S(4), t->is64), S(3).ref);
        S(1).i64 = t->is64 ? (uint64_t)old : (uint32_t)old;
        pc += 5;
        NEXT();
    }
    CASE(TABLE_FILL) {
        qw_table *t = inst->tables[pc[1]];
        if (!protect_elems(s, t, addr_of(&S(2), t->is64), addr_of(&S(4), t->is64)))
            TRAP(QW_TRAP_OOM);
        trap = qw_table_fill(t, addr_of(&S(2), t->is64), S(3).ref, addr_of(&S(4), t->is64));
        if (trap)
            goto trapped;
        pc += 5;
        NEXT();
    }
    CASE(TABLE_COPY) {
        qw_table *d = inst->tables[pc[1]], *src = inst->tables[pc[2]];
        if (!protect_elems(s, d, addr_of(&S(3), d->is64), addr_of(&S(5), d->is64 && src->is64)))
            TRAP(QW_TRAP_OOM);
        trap = qw_table_copy(d, addr_of(&S(3), d->is64), src, addr_of(&S(4), src->is64),
                             addr_of(&S(5), d->is64 && src->is64));
        if (trap)
            goto trapped;
        pc += 6;
        NEXT();
    }
    CASE(TABLE_INIT) {
        qw_table *t = inst->tables[pc[1]];
        uint32_t e = pc[2];
        if (!protect_elems(s, t, addr_of(&S(3), t->is64), S(5).i32))
            TRAP(QW_TRAP_OOM);
        trap = qw_table_init(t, addr_of(&S(3), t->is64), inst->elems[e],
                             inst->elems[e] ? inst->elem_lens[e] : 0, S(4).i32, S(5).i32);
        if (trap)
            goto trapped;
        pc += 6;
        NEXT();
    }
    CASE(ELEM_DROP) {
        uint32_t e = pc[1];
        qw_ref *refs = inst->elems[e];
        if (refs) {
            for (uint32_t i = 0; i < inst->elem_lens[e]; i++) {
                if (refs[i] && !keep_ref(s, refs[i]))
                    trap = QW_TRAP_OOM;
            }
            inst->elems[e] = NULL;
            inst->elem_lens[e] = 0;
            qw_free(s->eng, refs);
            if (trap)
                goto trapped;
        }
        pc += 2;
        NEXT();
    }
    CASE(REF_NULL) {
        S(1).ref = NULL;
        pc += 2;
        NEXT();
    }
    CASE(REF_IS_NULL) {
        S(1).i64 = S(2).ref == NULL;
        pc += 3;
        NEXT();
    }
    CASE(REF_FUNC) {
        S(1).ref = qw_func_as_ref(inst->funcs[pc[2]]);
        pc += 3;
        NEXT();
    }
    CASE(REF_I31) {
        S(1).ref = qw_ref_i31(S(2).i32);
        pc += 3;
        NEXT();
    }
    CASE(I31_GET_S) {
        if (!S(2).ref)
            TRAP(QW_TRAP_NULL_I31);
        S(1).i64 = qw_ref_i31_get_s(S(2).ref);
        pc += 3;
        NEXT();
    }
    CASE(I31_GET_U) {
        if (!S(2).ref)
            TRAP(QW_TRAP_NULL_I31);
        S(1).i64 = qw_ref_i31_get_u(S(2).ref);
        pc += 3;
        NEXT();
    }
    CASE(REF_TEST) {
        S(1).i64 = ref_in_heap(inst, S(2).ref, pc[3], pc[4]);
        pc += 5;
        NEXT();
    }
    CASE(REF_CAST) {
        if (!ref_in_heap(inst, S(1).ref, pc[2], pc[3]))
            TRAP(QW_TRAP_CAST_FAILURE);
        pc += 4;
        NEXT();
    }
    CASE(BR_CAST_SKIP) {
        pc += ref_in_heap(inst, S(1).ref, pc[2], pc[3]) == pc[4] ? (int32_t)pc[5] : 6;
        NEXT();
    }
    CASE(REF_EQ) {
        S(1).i64 = S(2).ref == S(3).ref;
        pc += 4;
        NEXT();
    }
    CASE(REF_AS_NON_NULL) {
        if (!S(1).ref)
            TRAP(QW_TRAP_NULL_REFERENCE);
        pc += 2;
        NEXT();
    }
    CASE(BR_ON_NULL) {
        pc += S(1).ref ? 3 : (int32_t)pc[2];
        NEXT();
    }
    CASE(BR_ON_NON_NULL) {
        pc += S(1).ref ? (int32_t)pc[2] : 3;
        NEXT();
    }

do_tail_call : {
    /* the arguments move down to this frame's base; then the callee replaces this frame */
    uint32_t np =
        callee->code ? callee->code->nparam_slots : slots_of_types(callee->types, callee->nparams);
    memmove(fp, nfp, np * sizeof *fp);
    nfp = fp;
    csp--;
    ret_pc = csp->ret;
    fp = csp->fp;
    code = csp->code;
    pc = ret_pc ? ret_pc - 1 : NULL; /* where a host callee's exception is looked for */
    if (inst != csp->inst) {
        inst = csp->inst;
        RELOAD_MEM();
    }
    goto do_call;
}
do_call:
    if (callee->code) {
        const qw_code *cc = callee->code;
        if ((size_t)(nfp - stack) + cc->frame_slots > nslots || csp == cend)
            TRAP(QW_TRAP_STACK_EXHAUSTED);
        csp->ret = ret_pc;
        csp->code = code;
        csp->fp = fp;
        csp->inst = inst;
        csp++;
        fp = nfp;
        memset(fp + cc->nparam_slots, 0, cc->nlocal_slots * sizeof *fp);
        if (inst != callee->inst) {
            inst = callee->inst;
            RELOAD_MEM();
        }
        code = cc;
        pc = cc->words;
        if (INTERRUPTED())
            TRAP(QW_TRAP_INTERRUPTED);
        NEXT();
    }
    s->frames_used = (size_t)(csp - s->frames);
    trap = call_host(s, callee, nfp);
    if (trap == QW_TRAP_EXCEPTION && s->pending_exn) {
        exn = qw_store_take_exception(s);
        goto throw_exn;
    }
    if (trap)
        goto trapped;
    RELOAD_MEM();
    if (!ret_pc)
        goto done;
    pc = ret_pc;
    NEXT();

throw_exn:
    /* exn holds one count; look for a handler here, then in each caller */
    for (;;) {
        const qw_word *at, *cl;
        if (pc && code && (cl = find_catch(code, inst, (uint32_t)(pc - code->words), exn, &at))) {
            deliver(fp, cl, exn);
            qw_exception *caught = exn;
            exn = NULL;
            if (!keep_ref(s, qw_exception_as_ref(caught)))
                TRAP(QW_TRAP_OOM);
            if (cl[0] & QW_CATCH_RETURN) /* the label is the function's: return */
                goto op_RETURN;
            pc = at + (int32_t)cl[3];
            NEXT();
        }
        if (!pc || csp == cbase)
            break;
        csp--;
        if (!csp->ret)
            break;
        pc = csp->ret - 1;
        fp = csp->fp;
        code = csp->code;
        if (inst != csp->inst) {
            inst = csp->inst;
            RELOAD_MEM();
        }
    }
    s->trap_mod = code ? inst->mod : NULL;
    s->trap_func = code ? code->func : QW_NO_FUNC;
    qw_store_throw(s, exn);
    return QW_TRAP_EXCEPTION;

trapped:
    s->trap_mod = code ? inst->mod : NULL;
    s->trap_func = code ? code->func : QW_NO_FUNC;
    if (exn)
        qw_exception_unref(exn);
    if (trap == QW_TRAP_INTERRUPTED)
        qw_store_take_interrupt(s);
    return trap;
done:
    (void)cbase;
    return QW_TRAP_NONE;
}

bool qw_store_trap_location(const qw_store *s, const qw_module **mod, uint32_t *funcidx)
{
    *mod = s->trap_mod;
    *funcidx = s->trap_func;
    return s->trap_mod != NULL;
}

const int32_t *qw_interp_handlers(void)
{
    const int32_t *t = NULL;
    run(NULL, NULL, NULL, &t);
    return t;
}

/* ---- entering from the host ---------------------------------------------------------------- */

qw_trap qw_interp_call(qw_store *s, qw_func *func, const qw_val *args, qw_val *results)
{
    uint32_t np = func->nparams, nr = func->nresults;
    const qw_valtype *pt = func->types, *rt = func->types + np;
    s->trap_detail = QW_TRAP_NONE;
    if (s->depth >= MAX_DEPTH)
        return QW_TRAP_STACK_EXHAUSTED;
    if (!ensure_stacks(s))
        return QW_TRAP_OOM;
    size_t need = slots_of_types(pt, np);
    size_t rneed = slots_of_types(rt, nr);
    if (rneed > need)
        need = rneed;
    if (s->stack_used + need > s->stack_slots || s->frames_used >= s->nframes)
        return QW_TRAP_STACK_EXHAUSTED;
    qw_slot *fp = s->stack + s->stack_used;
    vals_to_slots(pt, np, args, fp);
    size_t kept = s->nkeep;
    size_t used = s->stack_used, fused = s->frames_used;
    s->depth++;
    qw_trap t = run(s, func, fp, NULL);
    s->depth--;
    s->stack_used = used;
    s->frames_used = fused;
    if (t == QW_TRAP_NONE) {
        slots_to_vals(rt, nr, fp, results);
        for (uint32_t i = 0; i < nr; i++) {
            if (QW_VT_IS_REF(rt[i]))
                qw_ref_retain(results[i].ref);
        }
    }
    release_kept(s, kept);
    if (s->depth == 0 && s->gc_pending)
        qw_instance_collect(s);
    return t;
}

qw_trap qw_func_call(qw_store *store, qw_func *func, const qw_val *args, qw_val *results)
{
    qw_func_ref(func); /* the function (and its instance) lives until the call returns */
    uint64_t drops = store->count_drops;
    qw_trap t = qw_interp_call(store, func, args, results);
    /* Dropping that count again collects the store (a walk over every instance) only if some
     * count was dropped during the call: otherwise nothing can have become garbage. */
    if (func->inst && store->count_drops == drops)
        qw_instance_unpin_func(func->inst);
    else
        qw_func_unref(func);
    return t;
}
