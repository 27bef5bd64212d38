/* gc.c: GC proposal structs and arrays (spec "Aggregate Reference Types"; Execution: struct.*,
 * array.*): field layout, type tests against concrete types, and the instructions, which the
 * interpreter hands over whole (one GC instruction form, decoded here). Allocation and lifetime
 * are in gc_collect.c. */
#include "gc.h"
#include "instance.h"
#include "ops.h"
#include "types.h"

#include <string.h>

uint32_t qw_gc_storage_size(qw_valtype t)
{
    switch (QW_VT_CODE(t)) {
    case QW_I8:
        return 1;
    case QW_I16:
        return 2;
    case QW_I32:
    case QW_F32:
        return 4;
    case QW_V128:
        return 16;
    case QW_I64:
    case QW_F64:
        return 8;
    default:
        return sizeof(qw_ref);
    }
}

/* Field offsets of every struct type, per type_pool entry: each field aligned to its size (at
 * most 8; v128 fields are copied with memcpy). */
bool qw_gc_layout(qw_module *m, qw_error *err)
{
    if (!m->type_pool_len)
        return true;
    m->gc_offsets = qw_calloc(m->eng, m->type_pool_len, sizeof *m->gc_offsets);
    if (!m->gc_offsets)
        return qw_store_fail(err, QW_ERR_OOM, "out of memory");
    for (uint32_t t = 0; t < m->ntypes; t++) {
        const qw_type *ty = &m->types[t];
        if (ty->kind != QW_COMP_STRUCT)
            continue;
        uint64_t off = 0;
        for (uint32_t i = 0; i < ty->nparams; i++) {
            uint32_t size = qw_gc_storage_size(m->type_pool[ty->pool + i]);
            uint32_t align = size > 8 ? 8 : size;
            off = (off + align - 1) / align * align;
            if (off > QW_GC_MAX_BYTES)
                return qw_store_fail(err, QW_ERR_LIMIT, "struct type %u too large", t);
            m->gc_offsets[ty->pool + i] = (uint32_t)off;
            off += size;
        }
    }
    return true;
}

static uint64_t struct_size(const qw_module *m, uint32_t t)
{
    const qw_type *ty = &m->types[t];
    if (!ty->nparams)
        return 0;
    uint32_t last = ty->pool + ty->nparams - 1;
    return (uint64_t)m->gc_offsets[last] + qw_gc_storage_size(m->type_pool[last]);
}

static qw_valtype elem_type(const qw_module *m, uint32_t t)
{
    return m->type_pool[m->types[t].pool];
}

bool qw_gc_in_type(qw_ref ref, const qw_module *m, uint32_t type)
{
    const qw_gcobj *o = qw_gc_of(ref);
    if (!o)
        return false;
    if (o->mod == m) {
        if (m->types[o->type].canon == m->types[type].canon)
            return true;
        return qw_types_heap_sub(m, QW_HT_INDEX_BASE + o->type, QW_HT_INDEX_BASE + type);
    }
    return qw_types_sub_across(o->mod, QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + o->type), m,
                               QW_VT_REFTYPE(0, QW_HT_INDEX_BASE + type)) == 1;
}

void qw_gc_visit(const qw_gcobj *o, qw_ref_visitor fn, void *user)
{
    const qw_module *m = o->mod;
    const qw_type *ty = &m->types[o->type];
    if (o->hdr.kind == QW_REFKIND_ARRAY) {
        if (!QW_VT_IS_REF(elem_type(m, o->type)))
            return;
        const qw_ref *e = (const qw_ref *)o->data;
        for (uint32_t i = 0; i < o->len; i++) {
            if (e[i] && !qw_ref_is_i31(e[i]))
                fn(user, e[i]);
        }
        return;
    }
    for (uint32_t i = 0; i < ty->nparams; i++) {
        if (!QW_VT_IS_REF(m->type_pool[ty->pool + i]))
            continue;
        qw_ref r;
        memcpy(&r, o->data + m->gc_offsets[ty->pool + i], sizeof r);
        if (r && !qw_ref_is_i31(r))
            fn(user, r);
    }
}

/* ---- reading and writing fields ------------------------------------------------------------ */

/* Values come from a slot or a qw_val: both keep a number in their low bytes (little-endian
 * hosts) and a v128 in 16 consecutive bytes, so one memcpy of the storage size serves both. A
 * reference written gains a count; the one it replaces is dropped (qw_gc_drop). */
static void put(qw_store *s, uint8_t *p, qw_valtype t, const void *src)
{
    uint32_t size = qw_gc_storage_size(t);
    if (QW_VT_IS_REF(t)) {
        qw_ref old, val;
        memcpy(&old, p, sizeof old);
        memcpy(&val, src, sizeof val);
        memcpy(p, &val, sizeof val);
        qw_ref_retain(val);
        qw_gc_drop(s, old);
        return;
    }
    memcpy(p, src, size);
}

/* ext: 0 plain, 1 signed (get_s), 2 unsigned (get_u). */
static void get(const uint8_t *p, qw_valtype t, uint32_t ext, qw_slot *dst)
{
    switch (QW_VT_CODE(t)) {
    case QW_I8:
        dst->i64 = ext == 1 ? (uint32_t)(int32_t)(int8_t)p[0] : p[0];
        break;
    case QW_I16: {
        uint16_t v;
        memcpy(&v, p, 2);
        dst->i64 = ext == 1 ? (uint32_t)(int32_t)(int16_t)v : v;
        break;
    }
    case QW_I32:
    case QW_F32: {
        uint32_t v;
        memcpy(&v, p, 4);
        dst->i64 = v;
        break;
    }
    default:
        memcpy(dst, p, qw_gc_storage_size(t));
        break;
    }
}

/* ---- structs ------------------------------------------------------------------------------- */

static qw_gcobj *new_struct(qw_store *s, qw_instance *inst, uint32_t t, qw_slot *top)
{
    return qw_gc_alloc(s, inst->mod, t, QW_REFKIND_STRUCT, struct_size(inst->mod, t), top);
}

static qw_trap struct_access(qw_store *s, const qw_module *m, const qw_word *pc, qw_slot *fp)
{
    uint32_t sub = pc[1], t = pc[4], f = pc[5];
    const qw_word *a = pc + 7;
    qw_gcobj *o = (qw_gcobj *)fp[a[0]].ref;
    if (!o)
        return QW_TRAP_NULL_STRUCT;
    uint32_t at = m->types[t].pool + f;
    uint8_t *p = o->data + o->mod->gc_offsets[o->mod->types[o->type].pool + f];
    if (sub == 0x05) {
        if (QW_VT_IS_REF(m->type_pool[at]) && !qw_gc_reserve_keep(s, 1))
            return QW_TRAP_OOM;
        put(s, p, m->type_pool[at], &fp[a[1]]);
    } else {
        get(p, m->type_pool[at], sub - 0x02, &fp[pc[3]]);
    }
    return QW_TRAP_NONE;
}

/* ---- arrays -------------------------------------------------------------------------------- */

static qw_gcobj *new_array(qw_store *s, qw_module *m, uint32_t t, uint32_t len, qw_slot *top,
                           qw_trap *trap)
{
    uint64_t bytes = (uint64_t)len * qw_gc_storage_size(elem_type(m, t));
    qw_gcobj *o = qw_gc_alloc(s, m, t, QW_REFKIND_ARRAY, bytes, top);
    if (o)
        o->len = len;
    else
        *trap = QW_TRAP_OOM;
    return o;
}

static uint8_t *elem_at(const qw_gcobj *o, uint64_t i)
{
    return (uint8_t *)o->data + i * qw_gc_storage_size(elem_type(o->mod, o->type));
}

/* Writes val (a slot or qw_val) into elements [d, d+n) of o, in bounds. */
static void fill(qw_gcobj *o, uint64_t d, uint64_t n, const void *val)
{
    qw_valtype t = elem_type(o->mod, o->type);
    for (uint64_t i = 0; i < n; i++)
        put(o->store, elem_at(o, d + i), t, val);
}

/* array.copy within or between arrays, overlap-correct; references: the sources gain their
 * counts before the replaced elements lose theirs. */
static void copy_elems(qw_gcobj *dst, uint64_t d, const qw_gcobj *src, uint64_t s, uint64_t n)
{
    qw_valtype t = elem_type(dst->mod, dst->type);
    uint32_t size = qw_gc_storage_size(t);
    if (!QW_VT_IS_REF(t)) {
        memmove(elem_at(dst, d), elem_at(src, s), n * size);
        return;
    }
    qw_ref *de = (qw_ref *)dst->data + d;
    const qw_ref *se = (const qw_ref *)src->data + s;
    for (uint64_t i = 0; i < n; i++)
        qw_ref_retain(se[i]);
    for (uint64_t i = 0; i < n; i++)
        qw_gc_drop(dst->store, de[i]);
    memmove(de, se, n * sizeof *de);
}

/* Room on the keep list for the references elements [d, d+n) of o hold that qw_gc_drop would
 * keep when they are overwritten. */
static bool reserve_overwrite(qw_store *s, const qw_gcobj *o, uint64_t d, uint64_t n)
{
    if (s->depth == 0 || !QW_VT_IS_REF(elem_type(o->mod, o->type)))
        return true;
    const qw_ref *e = (const qw_ref *)o->data + d;
    uint64_t k = 0;
    for (uint64_t i = 0; i < n; i++)
        k += qw_gc_needs_keep(e[i]);
    return qw_gc_reserve_keep(s, k);
}

static const qw_ref *elem_seg(const qw_instance *inst, uint32_t e, uint32_t *len)
{
    *len = inst->elems[e] ? inst->elem_lens[e] : 0;
    return inst->elems[e];
}

static const uint8_t *data_seg(const qw_instance *inst, uint32_t d, uint32_t *len)
{
    *len = inst->data_dropped[d] ? 0 : inst->mod->datas[d].len;
    return inst->mod->datas[d].bytes;
}

/* array.new_data / array.new_elem: elements [off, off+n) of a segment. */
static qw_trap array_new_seg(qw_store *s, qw_instance *inst, const qw_word *pc, qw_slot *fp,
                             qw_slot *top)
{
    uint32_t t = pc[4], seg = pc[5];
    uint64_t off = fp[pc[7]].i32, n = fp[pc[8]].i32, seglen;
    uint32_t size = qw_gc_storage_size(elem_type(inst->mod, t)), len;
    if (pc[1] == 0x09) {
        const uint8_t *bytes = data_seg(inst, seg, &len);
        seglen = len;
        if (off + n * size > seglen)
            return QW_TRAP_OUT_OF_BOUNDS_MEMORY;
        qw_trap trap = QW_TRAP_NONE;
        qw_gcobj *o = new_array(s, inst->mod, t, (uint32_t)n, top, &trap);
        if (o && n)
            memcpy(o->data, bytes + off, n * size);
        fp[pc[3]].ref = o ? &o->hdr : NULL;
        return trap;
    }
    const qw_ref *refs = elem_seg(inst, seg, &len);
    if (off + n > len)
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    qw_trap trap = QW_TRAP_NONE;
    qw_gcobj *o = new_array(s, inst->mod, t, (uint32_t)n, top, &trap);
    for (uint64_t i = 0; o && i < n; i++)
        put(s, elem_at(o, i), QW_VT_REFTYPE(1, QW_HT_ANY), &refs[off + i]);
    fp[pc[3]].ref = o ? &o->hdr : NULL;
    return trap;
}

/* array.fill, array.init_data, array.init_elem: dst array, dst index, then (value | segment
 * offset), count. */
static qw_trap array_write(qw_store *s, qw_instance *inst, const qw_word *pc, qw_slot *fp)
{
    const qw_word *a = pc + 7;
    qw_gcobj *o = (qw_gcobj *)fp[a[0]].ref;
    if (!o)
        return QW_TRAP_NULL_ARRAY;
    uint64_t d = fp[a[1]].i32, n = fp[a[3]].i32, src = fp[a[2]].i32;
    if (d + n > o->len)
        return QW_TRAP_OUT_OF_BOUNDS_ARRAY;
    qw_valtype t = elem_type(o->mod, o->type);
    uint32_t size = qw_gc_storage_size(t), len;
    if (pc[1] == 0x12) {
        const uint8_t *bytes = data_seg(inst, pc[5], &len);
        if (src + n * size > len)
            return QW_TRAP_OUT_OF_BOUNDS_MEMORY;
        if (n)
            memcpy(elem_at(o, d), bytes + src, n * size);
        return QW_TRAP_NONE;
    }
    if (!reserve_overwrite(s, o, d, n))
        return QW_TRAP_OOM;
    if (pc[1] == 0x10) {
        fill(o, d, n, &fp[a[2]]);
        return QW_TRAP_NONE;
    }
    const qw_ref *refs = elem_seg(inst, pc[5], &len);
    if (src + n > len)
        return QW_TRAP_OUT_OF_BOUNDS_TABLE;
    for (uint64_t i = 0; i < n; i++)
        put(s, elem_at(o, d + i), t, &refs[src + i]);
    return QW_TRAP_NONE;
}

static qw_trap array_op(qw_store *s, qw_instance *inst, const qw_word *pc, qw_slot *fp)
{
    const qw_word *a = pc + 7;
    qw_gcobj *o = (qw_gcobj *)fp[a[0]].ref;
    if (!o)
        return QW_TRAP_NULL_ARRAY;
    switch (pc[1]) {
    case 0x0F: /* array.len */
        fp[pc[3]].i64 = o->len;
        return QW_TRAP_NONE;
    case 0x0E: { /* array.set */
        uint32_t i = fp[a[1]].i32;
        if (i >= o->len)
            return QW_TRAP_OUT_OF_BOUNDS_ARRAY;
        if (!reserve_overwrite(s, o, i, 1))
            return QW_TRAP_OOM;
        put(s, elem_at(o, i), elem_type(o->mod, o->type), &fp[a[2]]);
        return QW_TRAP_NONE;
    }
    case 0x11: { /* array.copy: dst d src s n */
        qw_gcobj *src = (qw_gcobj *)fp[a[2]].ref;
        if (!src)
            return QW_TRAP_NULL_ARRAY;
        uint64_t d = fp[a[1]].i32, so = fp[a[3]].i32, n = fp[a[4]].i32;
        if (d + n > o->len || so + n > src->len)
            return QW_TRAP_OUT_OF_BOUNDS_ARRAY;
        if (!reserve_overwrite(s, o, d, n))
            return QW_TRAP_OOM;
        copy_elems(o, d, src, so, n);
        return QW_TRAP_NONE;
    }
    case 0x10:
    case 0x12:
    case 0x13:
        return array_write(s, inst, pc, fp);
    default: { /* array.get, get_s, get_u */
        uint32_t i = fp[a[1]].i32;
        if (i >= o->len)
            return QW_TRAP_OUT_OF_BOUNDS_ARRAY;
        get(elem_at(o, i), elem_type(o->mod, o->type), pc[1] - 0x0B, &fp[pc[3]]);
        return QW_TRAP_NONE;
    }
    }
}

/* array.new, array.new_default, array.new_fixed. */
static qw_trap array_new(qw_store *s, qw_instance *inst, const qw_word *pc, qw_slot *fp,
                         qw_slot *top)
{
    uint32_t t = pc[4], n = pc[6];
    const qw_word *a = pc + 7;
    uint32_t len = pc[1] == 0x08 ? n : fp[a[n - 1]].i32;
    qw_trap trap = QW_TRAP_NONE;
    qw_gcobj *o = new_array(s, inst->mod, t, len, top, &trap);
    if (o && pc[1] == 0x06)
        fill(o, 0, len, &fp[a[0]]);
    for (uint32_t i = 0; o && pc[1] == 0x08 && i < n; i++)
        put(s, elem_at(o, i), elem_type(inst->mod, t), &fp[a[i]]);
    fp[pc[3]].ref = o ? &o->hdr : NULL;
    return trap;
}

/* The GC instruction form: handler sub len dst x y n arg_1 .. arg_n (sub: the 0xFB sub-opcode;
 * x, y: its immediates; args: operand slots, bottom of the stack first). */
qw_trap qw_gc_exec(qw_store *s, qw_instance *inst, qw_slot *fp, qw_slot *top, const qw_word *pc)
{
    uint32_t sub = pc[1];
    if (sub <= 0x01) {
        qw_gcobj *o = new_struct(s, inst, pc[4], top);
        if (!o)
            return QW_TRAP_OOM;
        const qw_module *m = inst->mod;
        const qw_type *ty = &m->types[pc[4]];
        for (uint32_t i = 0; sub == 0x00 && i < ty->nparams; i++)
            put(s, o->data + m->gc_offsets[ty->pool + i], m->type_pool[ty->pool + i],
                &fp[pc[7 + i]]);
        fp[pc[3]].ref = &o->hdr;
        return QW_TRAP_NONE;
    }
    if (sub <= 0x05)
        return struct_access(s, inst->mod, pc, fp);
    if (sub <= 0x08)
        return array_new(s, inst, pc, fp, top);
    if (sub <= 0x0A)
        return array_new_seg(s, inst, pc, fp, top);
    return array_op(s, inst, pc, fp);
}

qw_trap qw_gc_const(qw_instance *inst, uint32_t sub, uint32_t t, uint32_t n, qw_val *args)
{
    qw_store *s = inst->store;
    qw_module *m = inst->mod;
    qw_gcobj *o;
    if (sub <= 0x01) {
        if (!(o = new_struct(s, inst, t, NULL)))
            return QW_TRAP_OOM;
        for (uint32_t i = 0; sub == 0x00 && i < n; i++) {
            const qw_type *ty = &m->types[t];
            put(s, o->data + m->gc_offsets[ty->pool + i], m->type_pool[ty->pool + i], &args[i]);
        }
    } else {
        uint32_t len = sub == 0x08 ? n : args[n - 1].i32;
        qw_trap trap = QW_TRAP_NONE;
        if (!(o = new_array(s, m, t, len, NULL, &trap)))
            return trap;
        if (sub == 0x06)
            fill(o, 0, len, &args[0]);
        for (uint32_t i = 0; sub == 0x08 && i < n; i++)
            put(s, elem_at(o, i), elem_type(m, t), &args[i]);
    }
    memset(&args[0], 0, sizeof args[0]);
    args[0].ref = &o->hdr;
    return QW_TRAP_NONE;
}
