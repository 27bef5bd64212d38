/* ref.c: references: counting, kinds, type matching, extern boxes around host values, and i31
 * values (an unboxed 31-bit integer in a tagged pointer). */
#include "ref.h"
#include "gc.h"
#include "instance.h"
#include "store.h"
#include "types.h"

#include <string.h>

typedef struct extern_box {
    qw_obj hdr;
    qw_store *store;
    qw_hostval val;
} extern_box;

qw_refkind qw_ref_kind(qw_ref ref)
{
    if (!ref)
        return QW_REFKIND_NULL;
    if (qw_ref_is_i31(ref))
        return QW_REFKIND_I31;
    return (qw_refkind)ref->kind;
}

/* A Wasm function counts on its instance (instance.c), so that tables holding the instance's
 * own functions can be collected with it. */
static qw_instance *wasm_func_instance(qw_ref ref)
{
    return ref->kind == QW_REFKIND_FUNC ? ((qw_func *)ref)->inst : NULL;
}

qw_ref qw_ref_retain(qw_ref ref)
{
    if (!ref || qw_ref_is_i31(ref))
        return ref;
    qw_instance *inst = wasm_func_instance(ref);
    if (inst)
        qw_instance_retain_func(inst);
    else
        ref->refs++;
    return ref;
}

static void extern_destroy(extern_box *box)
{
    qw_store *store = box->store;
    if (store->host_release)
        store->host_release(store->host_user, &box->val);
    qw_free(store->eng, box);
    qw_store_unref(store);
}

void qw_ref_release_into(qw_ref ref, qw_obj **dead)
{
    if (!ref || qw_ref_is_i31(ref))
        return;
    qw_instance *inst = wasm_func_instance(ref);
    if (inst) {
        qw_instance_release_func(inst);
        return;
    }
    if (--ref->refs != 0)
        return;
    if ((ref->kind == QW_REFKIND_STRUCT || ref->kind == QW_REFKIND_ARRAY) && !qw_gc_zero(ref))
        return;
    ref->next_dead = *dead;
    *dead = ref;
}

/* Destroys iteratively: a destructor hands the counts it held back to the list, so freeing a
 * long chain of objects takes constant C stack. */
void qw_ref_release(qw_ref ref)
{
    qw_obj *dead = NULL;
    qw_ref_release_into(ref, &dead);
    while (dead) {
        qw_obj *obj = dead;
        dead = obj->next_dead;
        switch ((qw_refkind)obj->kind) {
        case QW_REFKIND_FUNC:
            qw_func_destroy((qw_func *)obj);
            break;
        case QW_REFKIND_EXTERN:
            extern_destroy((extern_box *)obj);
            break;
        case QW_REFKIND_EXN:
            qw_exception_destroy((qw_exception *)obj, &dead);
            break;
        case QW_REFKIND_STRUCT:
        case QW_REFKIND_ARRAY:
            qw_gc_destroy(obj, &dead);
            break;
        default:
            break;
        }
    }
}

size_t qw_ref_count(qw_ref ref)
{
    return ref && !qw_ref_is_i31(ref) ? ref->refs : 0;
}

bool qw_extern_new(qw_store *store, const qw_hostval *val, qw_ref *out, qw_error *err)
{
    extern_box *box = qw_alloc(store->eng, sizeof *box);
    if (!box)
        return qw_store_fail(err, QW_ERR_OOM, "out of memory");
    qw_obj_init(&box->hdr, QW_REFKIND_EXTERN);
    box->store = qw_store_ref(store);
    box->val = *val;
    *out = &box->hdr;
    return true;
}

qw_hostval *qw_extern_host(qw_ref ref)
{
    if (qw_ref_kind(ref) != QW_REFKIND_EXTERN)
        return NULL;
    return &((extern_box *)ref)->val;
}

qw_ref qw_ref_i31(uint32_t value)
{
    return (qw_ref)(uintptr_t)(((uintptr_t)(value & 0x7FFFFFFFu) << 1) | 1u);
}

uint32_t qw_ref_i31_get_u(qw_ref ref)
{
    return (uint32_t)((uintptr_t)ref >> 1) & 0x7FFFFFFFu;
}

uint32_t qw_ref_i31_get_s(qw_ref ref)
{
    uint32_t v = qw_ref_i31_get_u(ref);
    return v & 0x40000000u ? v | 0x80000000u : v;
}

bool qw_ref_matches(qw_ref ref, qw_valtype t)
{
    if (!QW_VT_IS_REF(t))
        return false;
    if (!ref)
        return QW_VT_NULLABLE(t);
    qw_refkind k = qw_ref_kind(ref);
    bool gc_value = k == QW_REFKIND_I31 || k == QW_REFKIND_STRUCT || k == QW_REFKIND_ARRAY;
    uint32_t ht = QW_VT_HEAP(t);
    if (ht >= QW_HT_INDEX_BASE)
        return k == QW_REFKIND_FUNC || k == QW_REFKIND_STRUCT || k == QW_REFKIND_ARRAY;
    switch (ht) {
    case QW_HT_FUNC:
        return k == QW_REFKIND_FUNC;
    case QW_HT_EXN:
        return k == QW_REFKIND_EXN;
    case QW_HT_EXTERN: /* extern.convert_any makes GC values external as they are */
    case QW_HT_ANY:    /* any.convert_extern makes extern boxes internal as they are */
        return k == QW_REFKIND_EXTERN || gc_value;
    case QW_HT_EQ:
        return gc_value;
    case QW_HT_I31:
        return k == QW_REFKIND_I31;
    case QW_HT_STRUCT:
        return k == QW_REFKIND_STRUCT;
    case QW_HT_ARRAY:
        return k == QW_REFKIND_ARRAY;
    default: /* none, nofunc, noextern, noexn: only null */
        return false;
    }
}

/* A function of concrete type `type` of m: its declared type or a subtype, across modules too; a
 * host function by its value types. */
static bool func_in_type(const qw_func *f, const qw_module *m, uint32_t type)
{
    if (m->types[type].kind != QW_COMP_FUNC)
        return false;
    if (f->inst) {
        const qw_module *fm = f->inst->mod;
        if (fm == m && (m->types[f->type].canon == m->types[type].canon ||
                        qw_types_heap_sub(m, QW_HT_INDEX_BASE + f->type, QW_HT_INDEX_BASE + type)))
            return true;
        return fm != m && qw_types_sub_across(fm, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + f->type), m,
                                              QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + type)) == 1;
    }
    const qw_type *t = &m->types[type];
    if (t->nparams != f->nparams || t->nresults != f->nresults)
        return false;
    return memcmp(m->type_pool + t->pool, f->types,
                  ((size_t)t->nparams + t->nresults) * sizeof *f->types) == 0;
}

bool qw_ref_matches_in(qw_ref ref, const qw_module *m, qw_valtype t)
{
    uint32_t ht = QW_VT_HEAP(t);
    if (!ref || !QW_VT_IS_REF(t) || ht < QW_HT_INDEX_BASE || !m ||
        ht - QW_HT_INDEX_BASE >= m->ntypes)
        return qw_ref_matches(ref, t);
    if (qw_gc_of(ref))
        return qw_gc_in_type(ref, m, ht - QW_HT_INDEX_BASE);
    const qw_func *f = qw_ref_as_func(ref);
    return f && func_in_type(f, m, ht - QW_HT_INDEX_BASE);
}

bool qw_func_param_matches(const qw_func *f, uint32_t i, qw_ref ref)
{
    return i < f->nparams && qw_ref_matches_in(ref, f->inst ? f->inst->mod : NULL, f->types[i]);
}

bool qw_ref_valtype_ok(qw_valtype t)
{
    switch (QW_VT_CODE(t)) {
    case QW_I32:
    case QW_I64:
    case QW_F32:
    case QW_F64:
    case QW_V128:
        return QW_VT_HEAP(t) == 0;
    case QW_REF:
    case QW_REF_NULL: {
        uint32_t ht = QW_VT_HEAP(t);
        return ht >= QW_HT_INDEX_BASE || (ht >= QW_HT_EXN && ht <= QW_HT_NOEXN);
    }
    default:
        return false;
    }
}
