/* instance.c: instantiation (spec "Modules", instantiate: import matching, constant expressions,
 * element and data segments in order, the start function), exports, and the lifetime of
 * instances.
 *
 * Lifetime: references to an instance's own functions count on the instance (ref.c forwards
 * them), so a table of the instance holding its own functions is a cycle. When an instance may
 * have become garbage, the store runs a trial deletion over its instances and GC objects
 * (gc_collect.c): counts held by tables, globals, segments and imports that only instances
 * hold, and by GC objects, are subtracted; what remains is external; instances not reachable
 * from an externally held one are freed together. */
#include "instance.h"
#include "gc.h"
#include "leb.h"
#include "ops.h"
#include "types.h"

#include <string.h>

static bool link_fail(qw_error *err, const char *fmt, uint32_t i)
{
    return qw_store_fail(err, QW_ERR_LINK, fmt, i);
}

/* ---- import matching ------------------------------------------------------------------------ */

/* Value types of two modules (a host function's types name no module: mb NULL). */
static bool valtype_eq(const qw_module *ma, qw_valtype a, const qw_module *mb, qw_valtype b)
{
    bool concrete = QW_VT_IS_REF(a) && QW_VT_HEAP(a) >= QW_HT_INDEX_BASE;
    if (!concrete || !mb)
        return a == b;
    return qw_types_sub_across(ma, a, mb, b) == 1 && qw_types_sub_across(mb, b, ma, a) == 1;
}

static bool index_in_range(const qw_module *m, qw_valtype t)
{
    return !QW_VT_IS_REF(t) || QW_VT_HEAP(t) < QW_HT_INDEX_BASE ||
           QW_VT_HEAP(t) - QW_HT_INDEX_BASE < m->ntypes;
}

static bool func_matches(const qw_module *m, uint32_t type, const qw_func *f)
{
    if (f->inst) /* the function's type must be a subtype of the import's */
        return qw_types_sub_across(f->inst->mod, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + f->type), m,
                                   QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + type)) == 1;
    const qw_type *t = &m->types[type];
    if (t->nparams != f->nparams || t->nresults != f->nresults)
        return false;
    const qw_valtype *want = m->type_pool + t->pool;
    for (uint32_t i = 0; i < t->nparams + t->nresults; i++) {
        if (!valtype_eq(m, want[i], NULL, f->types[i]))
            return false;
    }
    return true;
}

static bool limits_match(uint64_t size, uint64_t max, const qw_limits *want)
{
    if (size < want->min)
        return false;
    if (!want->has_max)
        return true;
    return max != QW_NO_MAX && max <= want->max;
}

static bool link_import(qw_instance *inst, uint32_t i, const qw_extern *ext, qw_error *err)
{
    const qw_module *m = inst->mod;
    const qw_import *imp = &m->imports[i];
    if (ext->kind != imp->kind || !ext->of.func)
        return link_fail(err, "incompatible import type (import %u: wrong kind)", i);
    switch (ext->kind) {
    case QW_EXTERN_FUNC:
        if (!func_matches(m, m->funcs[imp->index].type, ext->of.func))
            return link_fail(err, "incompatible import type (import %u: function type)", i);
        inst->funcs[imp->index] = ext->of.func;
        qw_func_ref(ext->of.func);
        return true;
    case QW_EXTERN_TABLE: {
        const qw_table_decl *want = &m->tables[imp->index];
        qw_table *t = ext->of.table;
        if (t->is64 != want->limits.is64 || !limits_match(t->size, t->max, &want->limits) ||
            !valtype_eq(m, want->elem, NULL, t->elem))
            return link_fail(err, "incompatible import type (import %u: table)", i);
        inst->tables[imp->index] = qw_table_ref(t);
        return true;
    }
    case QW_EXTERN_MEMORY: {
        const qw_memory_decl *want = &m->memories[imp->index];
        qw_memory *mem = ext->of.memory;
        if (mem->is64 != want->limits.is64 || mem->shared != want->limits.shared ||
            !limits_match(mem->pages, mem->max_pages, &want->limits))
            return link_fail(err, "incompatible import type (import %u: memory)", i);
        inst->memories[imp->index] = qw_memory_ref(mem);
        return true;
    }
    case QW_EXTERN_GLOBAL: {
        const qw_global_decl *want = &m->globals[imp->index];
        qw_global *g = ext->of.global;
        /* a global does not know the module its type indices belong to: one out of this
         * module's range cannot match (and must not be looked up) */
        bool ok = g->mutable_ == want->mut && index_in_range(m, g->type);
        if (ok && want->mut)
            ok = valtype_eq(m, want->type, NULL, g->type);
        else if (ok)
            ok = want->type == g->type || (QW_VT_IS_REF(g->type) && QW_VT_IS_REF(want->type) &&
                                           qw_types_sub_across(m, g->type, m, want->type) == 1);
        if (!ok)
            return link_fail(err, "incompatible import type (import %u: global)", i);
        inst->globals[imp->index] = qw_global_ref(g);
        return true;
    }
    case QW_EXTERN_TAG: {
        uint32_t t = m->tags[imp->index].type;
        uint32_t n;
        const qw_tag *tag = ext->of.tag;
        const qw_valtype *p = qw_tag_params(tag, &n);
        bool ok = n == m->types[t].nparams;
        if (tag->mod)
            ok = qw_types_equal_across(m, t, tag->mod, tag->type) == 1;
        for (uint32_t k = 0; ok && !tag->mod && k < n; k++)
            ok = valtype_eq(m, qw_type_params(m, t)[k], NULL, p[k]);
        if (!ok)
            return link_fail(err, "incompatible import type (import %u: tag)", i);
        inst->tags[imp->index] = qw_tag_ref(ext->of.tag);
        return true;
    }
    }
    return link_fail(err, "incompatible import type (import %u)", i);
}

/* ---- constant expressions ------------------------------------------------------------------- */

#define CONST_STACK 64

/* struct.new(_default), array.new(_default, _fixed) in a constant expression: the new object
 * replaces its operands on the stack st[0 .. *n). */
static qw_trap const_gc(qw_instance *inst, qw_reader *r, uint32_t sub, qw_val *st, uint32_t *n)
{
    const qw_module *m = inst->mod;
    uint32_t t, k = 0;
    qw_read_u32(r, &t);
    if (sub == 0x00)
        k = m->types[t].nparams;
    else if (sub == 0x06)
        k = 2;
    else if (sub == 0x07)
        k = 1;
    else if (sub == 0x08)
        qw_read_u32(r, &k);
    if (k > *n)
        return QW_TRAP_UNSUPPORTED;
    qw_trap trap = qw_gc_const(inst, sub, t, k, st + *n - k);
    *n = *n - k + 1;
    return trap;
}

/* Evaluates a validated constant expression on the stack st (room for one value per byte of
 * the expression: every instruction that pushes takes at least one). */
static qw_trap eval_ops(qw_instance *inst, const qw_const_expr *e, qw_val *st, qw_val *out)
{
    const qw_module *m = inst->mod;
    qw_error dummy = {0};
    qw_reader r = {.p = m->expr_pool + e->off,
                   .end = m->expr_pool + e->off + e->len,
                   .base = m->expr_pool,
                   .err = &dummy};
    uint32_t n = 0;
    for (;;) {
        uint8_t b;
        uint32_t x;
        if (!qw_read_u8(&r, &b))
            return QW_TRAP_UNSUPPORTED;
        if (b == 0x0B)
            break;
        memset(&st[n], 0, sizeof st[n]);
        switch (b) {
        case 0x41: {
            int32_t v;
            qw_leb_read_s32(&r, &v);
            st[n++].i32 = (uint32_t)v;
            break;
        }
        case 0x42: {
            int64_t v;
            qw_leb_read_s64(&r, &v);
            st[n++].i64 = (uint64_t)v;
            break;
        }
        case 0x43: {
            const uint8_t *p;
            qw_read_bytes(&r, 4, &p);
            memcpy(&st[n++].i32, p, 4);
            break;
        }
        case 0x44: {
            const uint8_t *p;
            qw_read_bytes(&r, 8, &p);
            memcpy(&st[n++].i64, p, 8);
            break;
        }
        case 0x6A:
        case 0x6B:
        case 0x6C:
            n--;
            st[n - 1].i32 = b == 0x6A   ? st[n - 1].i32 + st[n].i32
                            : b == 0x6B ? st[n - 1].i32 - st[n].i32
                                        : st[n - 1].i32 * st[n].i32;
            break;
        case 0x7C:
        case 0x7D:
        case 0x7E:
            n--;
            st[n - 1].i64 = b == 0x7C   ? st[n - 1].i64 + st[n].i64
                            : b == 0x7D ? st[n - 1].i64 - st[n].i64
                                        : st[n - 1].i64 * st[n].i64;
            break;
        case 0x23:
            qw_read_u32(&r, &x);
            st[n++] = inst->globals[x]->val;
            break;
        case 0xD0: {
            uint32_t ht;
            qw_decode_heaptype(&r, m->ntypes, &ht);
            st[n++].ref = NULL;
            break;
        }
        case 0xD2:
            qw_read_u32(&r, &x);
            st[n++].ref = qw_func_as_ref(inst->funcs[x]);
            break;
        case 0xFD: { /* v128.const */
            const uint8_t *p;
            qw_read_u32(&r, &x);
            if (x != 12 || !qw_read_bytes(&r, 16, &p))
                return QW_TRAP_UNSUPPORTED;
            memcpy(&st[n++].v128, p, 16);
            break;
        }
        case 0xFB:
            qw_read_u32(&r, &x);
            if (x == 0x1C) { /* ref.i31 */
                if (!n)
                    return QW_TRAP_UNSUPPORTED;
                st[n - 1].ref = qw_ref_i31(st[n - 1].i32);
            } else if (x <= 0x01 || (x >= 0x06 && x <= 0x08)) {
                qw_trap t = const_gc(inst, &r, x, st, &n);
                if (t != QW_TRAP_NONE)
                    return t;
            } else if (x != 0x1A && x != 0x1B) { /* any.convert_extern, extern.convert_any */
                return QW_TRAP_UNSUPPORTED;
            }
            break;
        default:
            return QW_TRAP_UNSUPPORTED;
        }
    }
    if (n != 1)
        return QW_TRAP_UNSUPPORTED;
    *out = st[0];
    return QW_TRAP_NONE;
}

/* Evaluates a validated constant expression. References in *out are borrowed. */
static qw_trap eval_const(qw_instance *inst, const qw_const_expr *e, qw_val *out)
{
    qw_val small[CONST_STACK];
    qw_engine *eng = inst->store->eng;
    qw_val *st = e->len <= CONST_STACK ? small : qw_calloc(eng, e->len, sizeof *st);
    if (!st)
        return QW_TRAP_OOM;
    qw_trap t = eval_ops(inst, e, st, out);
    if (st != small)
        qw_free(eng, st);
    return t;
}

/* ---- creation ------------------------------------------------------------------------------- */

static qw_func *new_wasm_func(qw_instance *inst, uint32_t idx)
{
    const qw_module *m = inst->mod;
    uint32_t t = m->funcs[idx].type;
    uint32_t np = m->types[t].nparams, nr = m->types[t].nresults;
    size_t size;
    if (!qw_store_flex_size(sizeof(qw_func), (uint64_t)np + nr, sizeof(qw_valtype), &size))
        return NULL;
    qw_func *f = qw_alloc(inst->store->eng, size);
    if (!f)
        return NULL;
    memset(f, 0, sizeof *f);
    qw_obj_init(&f->hdr, QW_REFKIND_FUNC);
    f->store = inst->store;
    f->nparams = np;
    f->nresults = nr;
    f->inst = inst;
    f->index = idx;
    f->type = t;
    f->code = &m->codes[idx - m->nfunc_imports];
    if (np + nr)
        memcpy(f->types, qw_type_params(m, t), ((size_t)np + nr) * sizeof(qw_valtype));
    return f;
}

static bool create_objects(qw_instance *inst, qw_error *err, qw_trap *trap)
{
    qw_module *m = inst->mod;
    qw_store *s = inst->store;
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        if (!(inst->funcs[i] = new_wasm_func(inst, i)))
            return qw_store_fail(err, QW_ERR_OOM, "out of memory");
    }
    for (uint32_t i = m->nmemory_imports; i < m->nmemories; i++) {
        const qw_limits *l = &m->memories[i].limits;
        inst->memories[i] =
            qw_memory_new(s, l->min, l->has_max ? l->max : QW_NO_MAX, l->is64, l->shared, err);
        if (!inst->memories[i])
            return false;
    }
    for (uint32_t i = m->ntag_imports; i < m->ntags; i++) {
        uint32_t t = m->tags[i].type;
        inst->tags[i] = qw_tag_new(s, qw_type_params(m, t), m->types[t].nparams, err);
        if (!inst->tags[i])
            return false;
        inst->tags[i]->mod = qw_module_ref(m);
        inst->tags[i]->type = t;
    }
    for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
        qw_val v;
        if ((*trap = eval_const(inst, &m->globals[i].init, &v)))
            return false;
        inst->globals[i] = qw_global_new(s, m->globals[i].type, m->globals[i].mut, &v, err);
        if (!inst->globals[i])
            return false;
    }
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
        const qw_table_decl *t = &m->tables[i];
        qw_val v = {0};
        if (t->has_init && (*trap = eval_const(inst, &t->init, &v)))
            return false;
        inst->tables[i] =
            qw_table_new(s, t->elem, t->limits.min, t->limits.has_max ? t->limits.max : QW_NO_MAX,
                         t->limits.is64, v.ref, err);
        if (!inst->tables[i])
            return false;
    }
    inst->mem0 = m->nmemories ? inst->memories[0] : NULL;
    return true;
}

static bool eval_elems(qw_instance *inst, qw_error *err, qw_trap *trap)
{
    qw_module *m = inst->mod;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const qw_elem *e = &m->elems[i];
        if (e->mode == QW_SEG_DECLARATIVE || !e->count)
            continue;
        qw_ref *refs = qw_calloc(inst->store->eng, e->count, sizeof *refs);
        if (!refs)
            return qw_store_fail(err, QW_ERR_OOM, "out of memory");
        inst->elems[i] = refs;
        inst->elem_lens[i] = e->count;
        for (uint32_t k = 0; k < e->count; k++) {
            qw_val v = {0};
            if (e->func_indices)
                v.ref = qw_func_as_ref(inst->funcs[e->funcs[k]]);
            else if ((*trap = eval_const(inst, &e->exprs[k], &v)))
                return false;
            refs[k] = qw_ref_retain(v.ref);
        }
    }
    return true;
}

static void drop_elem(qw_instance *inst, uint32_t i)
{
    qw_ref *refs = inst->elems[i];
    if (!refs)
        return;
    inst->elems[i] = NULL;
    for (uint32_t k = 0; k < inst->elem_lens[i]; k++)
        qw_ref_release(refs[k]);
    inst->elem_lens[i] = 0;
    qw_free(inst->store->eng, refs);
}

static uint64_t offset_value(const qw_val *v, bool is64)
{
    return is64 ? v->i64 : v->i32;
}

static bool init_segments(qw_instance *inst, qw_trap *trap)
{
    qw_module *m = inst->mod;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const qw_elem *e = &m->elems[i];
        if (e->mode == QW_SEG_ACTIVE) {
            qw_val off;
            qw_table *t = inst->tables[e->table];
            if ((*trap = eval_const(inst, &e->offset, &off)))
                return false;
            *trap = qw_table_init(t, offset_value(&off, t->is64), inst->elems[i],
                                  inst->elem_lens[i], 0, inst->elem_lens[i]);
            if (*trap)
                return false;
        }
        if (e->mode != QW_SEG_PASSIVE)
            drop_elem(inst, i);
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const qw_data *d = &m->datas[i];
        if (d->mode != QW_SEG_ACTIVE)
            continue;
        qw_val off;
        qw_memory *mem = inst->memories[d->memory];
        if ((*trap = eval_const(inst, &d->offset, &off)))
            return false;
        *trap = qw_memory_init(mem, offset_value(&off, mem->is64), d->bytes, d->len, 0, d->len);
        if (*trap)
            return false;
        inst->data_dropped[i] = true;
    }
    return true;
}

static bool alloc_arrays(qw_instance *inst)
{
    qw_module *m = inst->mod;
    qw_engine *eng = inst->store->eng;
    inst->funcs = qw_calloc(eng, m->nfuncs + 1, sizeof *inst->funcs);
    inst->tables = qw_calloc(eng, m->ntables + 1, sizeof *inst->tables);
    inst->memories = qw_calloc(eng, m->nmemories + 1, sizeof *inst->memories);
    inst->globals = qw_calloc(eng, m->nglobals + 1, sizeof *inst->globals);
    inst->tags = qw_calloc(eng, m->ntags + 1, sizeof *inst->tags);
    inst->elems = qw_calloc(eng, m->nelems + 1, sizeof *inst->elems);
    inst->elem_lens = qw_calloc(eng, m->nelems + 1, sizeof *inst->elem_lens);
    inst->data_dropped = qw_calloc(eng, m->ndatas + 1, sizeof *inst->data_dropped);
    return inst->funcs && inst->tables && inst->memories && inst->globals && inst->tags &&
           inst->elems && inst->elem_lens && inst->data_dropped;
}

/* Drops everything the instance holds; other instances' counts may fall (no collection runs
 * meanwhile: the caller is collecting or the instance never became visible). */
void qw_instance_release_contents(qw_instance *inst)
{
    qw_module *m = inst->mod;
    for (uint32_t i = 0; inst->elems && i < m->nelems; i++)
        drop_elem(inst, i);
    for (uint32_t i = 0; inst->tables && i < m->ntables; i++)
        qw_table_unref(inst->tables[i]);
    for (uint32_t i = 0; inst->globals && i < m->nglobals; i++)
        qw_global_unref(inst->globals[i]);
    for (uint32_t i = 0; inst->memories && i < m->nmemories; i++)
        qw_memory_unref(inst->memories[i]);
    for (uint32_t i = 0; inst->tags && i < m->ntags; i++)
        qw_tag_unref(inst->tags[i]);
    for (uint32_t i = 0; inst->funcs && i < m->nfunc_imports; i++)
        qw_func_unref(inst->funcs[i]);
    if (inst->tables)
        memset(inst->tables, 0, m->ntables * sizeof *inst->tables);
    if (inst->globals)
        memset(inst->globals, 0, m->nglobals * sizeof *inst->globals);
    if (inst->memories)
        memset(inst->memories, 0, m->nmemories * sizeof *inst->memories);
    if (inst->tags)
        memset(inst->tags, 0, m->ntags * sizeof *inst->tags);
    if (inst->funcs)
        memset(inst->funcs, 0, m->nfunc_imports * sizeof *inst->funcs);
}

void qw_instance_free(qw_instance *inst)
{
    qw_module *m = inst->mod;
    qw_store *s = inst->store;
    qw_engine *eng = s->eng;
    if (inst->prev)
        inst->prev->next = inst->next;
    else if (s->instances == inst)
        s->instances = inst->next;
    if (inst->next)
        inst->next->prev = inst->prev;
    for (uint32_t i = m->nfunc_imports; inst->funcs && i < m->nfuncs; i++)
        qw_free(eng, inst->funcs[i]);
    qw_free(eng, inst->funcs);
    qw_free(eng, inst->tables);
    qw_free(eng, inst->memories);
    qw_free(eng, inst->globals);
    qw_free(eng, inst->tags);
    qw_free(eng, inst->elems);
    qw_free(eng, inst->elem_lens);
    qw_free(eng, inst->data_dropped);
    qw_module_unref(m);
    qw_free(eng, inst);
    qw_store_unref(s);
}

qw_instance *qw_instance_new(qw_store *store, qw_module *mod, const qw_extern *imports,
                             uint32_t nimports, qw_error *err, qw_trap *trap)
{
    memset(err, 0, sizeof *err);
    err->offset = QW_NO_OFFSET;
    err->func = QW_NO_FUNC;
    *trap = QW_TRAP_NONE;
    if (nimports != mod->nimports) {
        qw_store_fail(err, QW_ERR_LINK, "wrong number of imports: expected %u, got %u",
                      mod->nimports, nimports);
        return NULL;
    }
    qw_instance *inst = qw_calloc(store->eng, 1, sizeof *inst);
    if (!inst) {
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
        return NULL;
    }
    inst->store = qw_store_ref(store);
    inst->mod = qw_module_ref(mod);
    inst->refs = inst->handles = 1;
    inst->dying = true; /* no collection while it is being built */
    bool ok = alloc_arrays(inst);
    if (!ok)
        qw_store_fail(err, QW_ERR_OOM, "out of memory");
    for (uint32_t i = 0; ok && i < nimports; i++)
        ok = link_import(inst, i, &imports[i], err);
    ok = ok && create_objects(inst, err, trap) && eval_elems(inst, err, trap);
    inst->next = store->instances;
    if (store->instances)
        store->instances->prev = inst;
    store->instances = inst;
    if (ok)
        ok = init_segments(inst, trap);
    inst->dying = false;
    if (ok && mod->start != QW_NO_INDEX) {
        *trap = qw_func_call(store, inst->funcs[mod->start], NULL, NULL);
        ok = *trap == QW_TRAP_NONE;
    }
    if (!ok) {
        qw_instance_unref(inst);
        return NULL;
    }
    return inst;
}

/* ---- lifetime ------------------------------------------------------------------------------- */

/* The collector (gc_collect.c, instances and GC objects together) sees instances through the
 * functions below. Its marks live in the instances, and a table or global shared by several
 * instances is counted once, from the first instance of the store's list that holds it:
 * O(instances^2) per collection, which runs when an instance or a function reference is
 * released with no code running, and as running code allocates GC objects. */

static qw_instance *ref_instance(qw_ref r)
{
    if (qw_ref_kind(r) != QW_REFKIND_FUNC)
        return NULL;
    qw_instance *in = ((qw_func *)r)->inst;
    return in && !in->dying ? in : NULL;
}

static qw_instance *first_table_holder(qw_store *s, const qw_table *t, size_t *holders)
{
    qw_instance *first = NULL;
    *holders = 0;
    for (qw_instance *i = s->instances; i; i = i->next) {
        if (i->dying)
            continue;
        for (uint32_t j = 0; j < i->mod->ntables; j++) {
            if (i->tables[j] == t) {
                (*holders)++;
                if (!first)
                    first = i;
            }
        }
    }
    return first;
}

static qw_instance *first_global_holder(qw_store *s, const qw_global *g, size_t *holders)
{
    qw_instance *first = NULL;
    *holders = 0;
    for (qw_instance *i = s->instances; i; i = i->next) {
        if (i->dying)
            continue;
        for (uint32_t j = 0; j < i->mod->nglobals; j++) {
            if (i->globals[j] == g) {
                (*holders)++;
                if (!first)
                    first = i;
            }
        }
    }
    return first;
}

/* Whether objs[0..j) already holds obj: an instance importing one table (or global) twice
 * holds it twice, but its elements are subtracted once. */
static bool held_before(void *const *objs, uint32_t j, const void *obj)
{
    for (uint32_t k = 0; k < j; k++) {
        if (objs[k] == obj)
            return true;
    }
    return false;
}

/* One edge to the instance behind ref: subtract its count (trial deletion) or mark it reached. */
bool qw_instance_gc_edge(qw_ref ref, bool subtract)
{
    if (qw_gc_of(ref))
        return qw_gc_edge(ref, subtract);
    qw_instance *t = ref_instance(ref);
    if (!t)
        return false;
    if (subtract) {
        t->gc--;
        return false;
    }
    if (t->reached)
        return false;
    t->reached = true;
    return true;
}

/* Visits the counted edges of `in`: imported Wasm functions, segments, and its tables and
 * globals (when subtracting, only those no one but instances holds, each once). Returns whether
 * a new instance was reached. */
bool qw_instance_gc_edges(qw_store *s, qw_instance *in, bool subtract)
{
    const qw_module *m = in->mod;
    bool more = false;
    for (uint32_t j = 0; j < m->nfunc_imports; j++)
        more |= qw_instance_gc_edge(qw_func_as_ref(in->funcs[j]), subtract);
    for (uint32_t j = 0; j < m->nelems; j++) {
        for (uint32_t k = 0; in->elems[j] && k < in->elem_lens[j]; k++)
            more |= qw_instance_gc_edge(in->elems[j][k], subtract);
    }
    for (uint32_t j = 0; j < m->ntables; j++) {
        qw_table *tab = in->tables[j];
        size_t holders;
        if (subtract && (first_table_holder(s, tab, &holders) != in || tab->refs != holders ||
                         held_before((void *const *)in->tables, j, tab)))
            continue;
        for (uint64_t k = 0; k < tab->size; k++)
            more |= qw_instance_gc_edge(tab->elems[k], subtract);
    }
    for (uint32_t j = 0; j < m->nglobals; j++) {
        qw_global *gl = in->globals[j];
        size_t holders;
        if (!QW_VT_IS_REF(gl->type))
            continue;
        if (subtract && (first_global_holder(s, gl, &holders) != in || gl->refs != holders ||
                         held_before((void *const *)in->globals, j, gl)))
            continue;
        more |= qw_instance_gc_edge(gl->val.ref, subtract);
    }
    return more;
}

/* Whether objs[j] (one of the instance's n tables or globals, with refs counts) is held by the
 * instance's slots alone; true at its first slot only. */
static bool held_here(void *const *objs, uint32_t n, uint32_t j, size_t refs)
{
    size_t slots = 0;
    for (uint32_t k = 0; k < n; k++)
        slots += objs[k] == objs[j];
    return refs == slots && !held_before(objs, j, objs[j]);
}

static bool owns_table(const qw_instance *in, uint32_t j)
{
    return held_here((void *const *)in->tables, in->mod->ntables, j, in->tables[j]->refs);
}

static bool owns_global(const qw_instance *in, uint32_t j)
{
    return held_here((void *const *)in->globals, in->mod->nglobals, j, in->globals[j]->refs);
}

static size_t own_func(const qw_instance *in, qw_ref r)
{
    return qw_ref_kind(r) == QW_REFKIND_FUNC && ((qw_func *)r)->inst == in;
}

/* The counts on `in` that it holds itself (segments, tables and globals only it holds); *whole
 * tells whether it holds all its reference-holding tables and globals alone, so that freeing it
 * changes no other instance's reachability except through counts on it. */
static size_t self_refs(const qw_instance *in, bool *whole)
{
    const qw_module *m = in->mod;
    size_t n = 0;
    *whole = true;
    for (uint32_t j = 0; j < m->nelems; j++) {
        for (uint32_t k = 0; in->elems[j] && k < in->elem_lens[j]; k++)
            n += own_func(in, in->elems[j][k]);
    }
    for (uint32_t j = 0; j < m->ntables; j++) {
        if (!owns_table(in, j)) {
            *whole &= held_before((void *const *)in->tables, j, in->tables[j]);
            continue;
        }
        for (uint64_t k = 0; k < in->tables[j]->size; k++)
            n += own_func(in, in->tables[j]->elems[k]);
    }
    for (uint32_t j = 0; j < m->nglobals; j++) {
        if (!QW_VT_IS_REF(in->globals[j]->type))
            continue;
        if (!owns_global(in, j)) {
            *whole &= held_before((void *const *)in->globals, j, in->globals[j]);
            continue;
        }
        n += own_func(in, in->globals[j]->val.ref);
    }
    return n;
}

/* Frees an instance nothing else holds; instances it held are checked by their own releases. */
static void free_alone(qw_instance *inst)
{
    qw_store *s = inst->store;
    inst->dying = true;
    qw_instance_release_contents(inst);
    s->refs++;
    qw_instance_free(inst);
    qw_store_unref(s);
}

static void maybe_collect(qw_instance *inst)
{
    qw_store *s = inst->store;
    s->count_drops++;
    if (inst->dying)
        return;
    if (s->depth > 0) { /* running code may hold borrowed references: collected after */
        s->gc_pending = true;
        return;
    }
    bool whole;
    if (inst->handles == 0 && inst->refs > 0 && inst->refs == self_refs(inst, &whole) && whole) {
        /* Held only by itself, sharing no table or global: no trial deletion needed (it is
         * O(instances^2), and a collector may drop thousands of instances in a row). */
        free_alone(inst);
        return;
    }
    if (inst->refs == 0) {
        inst->dying = true;
        qw_instance_release_contents(inst);
        s->refs++;
        qw_instance_free(inst);
        qw_gc_collect(s);
        qw_store_unref(s);
        return;
    }
    if (inst->handles == 0)
        qw_gc_collect(s);
}

void qw_instance_retain_func(qw_instance *inst)
{
    inst->refs++;
}

void qw_instance_release_func(qw_instance *inst)
{
    inst->refs--;
    maybe_collect(inst);
}

void qw_instance_unpin_func(qw_instance *inst)
{
    if (inst->refs > 1)
        inst->refs--;
    else
        qw_instance_release_func(inst); /* the last count: the instance may go */
}

qw_instance *qw_instance_ref(qw_instance *inst)
{
    if (inst) {
        inst->refs++;
        inst->handles++;
    }
    return inst;
}

void qw_instance_unref(qw_instance *inst)
{
    if (!inst)
        return;
    inst->refs--;
    inst->handles--;
    maybe_collect(inst);
}

void qw_store_collect(qw_store *s)
{
    if (s && s->depth == 0)
        qw_instance_collect(s);
}

void qw_instance_collect(qw_store *s)
{
    s->gc_pending = false;
    if (s->depth == 0 && (s->instances || s->gc_objs)) {
        s->refs++;
        qw_gc_collect(s);
        qw_store_unref(s);
    }
}

bool qw_instance_visit_owned(const qw_instance *in, qw_ref_visitor fn, void *user)
{
    const qw_module *m = in->mod;
    bool whole;
    if (in->dying || in->store->depth > 0 || in->handles != 1 ||
        in->refs != 1 + self_refs(in, &whole))
        return false;
    for (uint32_t j = 0; j < m->nfunc_imports; j++)
        fn(user, qw_func_as_ref(in->funcs[j]));
    for (uint32_t j = 0; j < m->nelems; j++) {
        for (uint32_t k = 0; in->elems[j] && k < in->elem_lens[j]; k++) {
            if (in->elems[j][k])
                fn(user, in->elems[j][k]);
        }
    }
    for (uint32_t j = 0; j < m->ntables; j++) {
        if (owns_table(in, j))
            qw_table_visit(in->tables[j], fn, user);
    }
    for (uint32_t j = 0; j < m->nglobals; j++) {
        if (QW_VT_IS_REF(in->globals[j]->type) && owns_global(in, j))
            qw_global_visit(in->globals[j], fn, user);
    }
    return true;
}

size_t qw_store_instance_count(const qw_store *s)
{
    size_t n = 0;
    for (const qw_instance *i = s->instances; i; i = i->next)
        n++;
    return n;
}

qw_instance *qw_func_instance(const qw_func *func)
{
    return func->inst;
}

qw_module *qw_instance_module(const qw_instance *inst)
{
    return inst->mod;
}

qw_extern qw_instance_export(const qw_instance *inst, uint32_t i)
{
    const qw_export *e = &inst->mod->exports[i];
    qw_extern x = {.kind = (qw_extern_kind)e->kind};
    switch (x.kind) {
    case QW_EXTERN_FUNC:
        x.of.func = inst->funcs[e->index];
        break;
    case QW_EXTERN_TABLE:
        x.of.table = inst->tables[e->index];
        break;
    case QW_EXTERN_MEMORY:
        x.of.memory = inst->memories[e->index];
        break;
    case QW_EXTERN_GLOBAL:
        x.of.global = inst->globals[e->index];
        break;
    case QW_EXTERN_TAG:
        x.of.tag = inst->tags[e->index];
        break;
    }
    return x;
}
