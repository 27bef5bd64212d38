/* valid_gc.c: validation of the GC instructions (GC proposal, now Wasm 3.0, "Instructions"):
 * struct and array access and allocation, i31, ref.test / ref.cast / br_on_cast and the
 * any/extern conversions. */
#include "valid_state.h"

static qw_valtype unpacked(qw_valtype t)
{
    return t == QW_I8 || t == QW_I16 ? QW_I32 : t;
}

static bool read_type_of(vstate *s, uint8_t kind, uint32_t *t)
{
    if (!qw_read_u32(s->r, t))
        return false;
    if (*t >= s->m->ntypes)
        return FAIL(s, "unknown type %u", *t);
    if (s->m->types[*t].kind != kind)
        return FAIL(s, "type mismatch: type %u is not a%s type", *t,
                    kind == QW_COMP_STRUCT ? " struct" : "n array");
    return true;
}

static qw_valtype ref_to(uint32_t t, bool nullable)
{
    return QW_VT_REFTYPE(nullable, QW_HT_INDEX_BASE + t);
}

static bool do_struct(vstate *s, uint32_t op)
{
    qw_module *m = s->m;
    uint32_t t, f = 0;
    if (!read_type_of(s, QW_COMP_STRUCT, &t))
        return false;
    const qw_type *ty = &m->types[t];
    const qw_valtype *fs = m->type_pool + ty->pool;
    if (op == QW_OP_STRUCT_NEW) {
        for (uint32_t i = ty->nparams; i-- > 0 && !stack_exhausted(s);) {
            if (!pop_expect(s, unpacked(fs[i])))
                return false;
        }
        return push(s, ref_to(t, false));
    }
    if (op == QW_OP_STRUCT_NEW_DEFAULT) {
        for (uint32_t i = 0; i < ty->nparams; i++) {
            if (!qw_types_defaultable(fs[i]))
                return FAIL(s, "type mismatch: field %u is not defaultable", i);
        }
        return push(s, ref_to(t, false));
    }
    if (!qw_read_u32(s->r, &f))
        return false;
    if (f >= ty->nparams)
        return FAIL(s, "unknown field %u", f);
    qw_valtype ft = fs[f];
    bool packed = ft == QW_I8 || ft == QW_I16;
    if (op == QW_OP_STRUCT_SET) {
        if (!m->mut_pool[ty->mut_pool + f])
            return FAIL(s, "immutable field %u", f);
        return pop_expect(s, unpacked(ft)) && pop_expect(s, ref_to(t, true));
    }
    if (packed != (op != QW_OP_STRUCT_GET))
        return FAIL(s, "type mismatch: %s on a %spacked field", qw_op_infos[op].text,
                    packed ? "" : "non-");
    return pop_expect(s, ref_to(t, true)) && push(s, unpacked(ft));
}

static bool do_array(vstate *s, uint32_t op)
{
    qw_module *m = s->m;
    uint32_t t, t2, x;
    if (op == QW_OP_ARRAY_LEN)
        return pop_expect(s, QW_VT_REFTYPE(1, QW_HT_ARRAY)) && push(s, QW_I32);
    if (!read_type_of(s, QW_COMP_ARRAY, &t))
        return false;
    const qw_type *ty = &m->types[t];
    qw_valtype et = m->type_pool[ty->pool], ut = unpacked(et);
    bool mut = m->mut_pool[ty->mut_pool];
    bool packed = et != ut;
    bool numeric = !QW_VT_IS_REF(et);
    qw_valtype ref = ref_to(t, true);
    switch (op) {
    case QW_OP_ARRAY_NEW:
        return pop_expect(s, QW_I32) && pop_expect(s, ut) && push(s, ref_to(t, false));
    case QW_OP_ARRAY_NEW_DEFAULT:
        if (!qw_types_defaultable(et))
            return FAIL(s, "type mismatch: array type is not defaultable");
        return pop_expect(s, QW_I32) && push(s, ref_to(t, false));
    case QW_OP_ARRAY_NEW_FIXED:
        if (!qw_read_u32(s->r, &x))
            return false;
        if (x > 10000)
            return qw_fail_at(s->r, s->at, QW_ERR_LIMIT, "too many array.new_fixed operands");
        for (uint32_t i = 0; i < x && !stack_exhausted(s); i++) {
            if (!pop_expect(s, ut))
                return false;
        }
        return push(s, ref_to(t, false));
    case QW_OP_ARRAY_NEW_DATA:
    case QW_OP_ARRAY_INIT_DATA:
        if (!qw_valid_read_data_index(s, &x))
            return false;
        if (!numeric)
            return FAIL(s, "array type is not numeric or vector");
        if (op == QW_OP_ARRAY_NEW_DATA)
            return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && push(s, ref_to(t, false));
        if (!mut)
            return FAIL(s, "immutable array");
        return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && pop_expect(s, QW_I32) &&
               pop_expect(s, ref);
    case QW_OP_ARRAY_NEW_ELEM:
    case QW_OP_ARRAY_INIT_ELEM:
        if (!qw_valid_read_index(s, m->nelems, "elem segment", &x))
            return false;
        if (!qw_types_sub(m, m->elems[x].type, et))
            return FAIL(s, "type mismatch: element segment %u does not match the array", x);
        if (op == QW_OP_ARRAY_NEW_ELEM)
            return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && push(s, ref_to(t, false));
        if (!mut)
            return FAIL(s, "immutable array");
        return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && pop_expect(s, QW_I32) &&
               pop_expect(s, ref);
    case QW_OP_ARRAY_GET:
    case QW_OP_ARRAY_GET_S:
    case QW_OP_ARRAY_GET_U:
        if (packed != (op != QW_OP_ARRAY_GET))
            return FAIL(s, "type mismatch: %s on a %spacked array", qw_op_infos[op].text,
                        packed ? "" : "non-");
        return pop_expect(s, QW_I32) && pop_expect(s, ref) && push(s, ut);
    case QW_OP_ARRAY_SET:
        if (!mut)
            return FAIL(s, "immutable array");
        return pop_expect(s, ut) && pop_expect(s, QW_I32) && pop_expect(s, ref);
    case QW_OP_ARRAY_FILL:
        if (!mut)
            return FAIL(s, "immutable array");
        return pop_expect(s, QW_I32) && pop_expect(s, ut) && pop_expect(s, QW_I32) &&
               pop_expect(s, ref);
    default: /* array.copy */
        if (!read_type_of(s, QW_COMP_ARRAY, &t2))
            return false;
        if (!mut)
            return FAIL(s, "immutable array");
        if (!qw_types_sub(m, m->type_pool[m->types[t2].pool], et))
            return FAIL(s, "array types do not match");
        return pop_expect(s, QW_I32) && pop_expect(s, QW_I32) && pop_expect(s, ref_to(t2, true)) &&
               pop_expect(s, QW_I32) && pop_expect(s, ref);
    }
}

static bool read_reftype_imm(vstate *s, bool nullable, qw_valtype *t)
{
    uint32_t ht;
    if (!qw_decode_heaptype(s->r, s->m->ntypes, &ht))
        return false;
    *t = QW_VT_REFTYPE(nullable, ht);
    return true;
}

/* ref.test / ref.cast: the operand must be in the same hierarchy as the target type. */
static bool do_ref_test_cast(vstate *s, uint32_t op)
{
    bool nullable = op == QW_OP_REF_TEST_NULL || op == QW_OP_REF_CAST_NULL;
    qw_valtype rt;
    if (!read_reftype_imm(s, nullable, &rt))
        return false;
    uint32_t top = qw_types_heap_top(s->m, QW_VT_HEAP(rt));
    if (!pop_expect(s, QW_VT_REFTYPE(1, top)))
        return false;
    if (op == QW_OP_REF_TEST || op == QW_OP_REF_TEST_NULL)
        return push(s, QW_I32);
    return push(s, rt);
}

static bool do_br_on_cast(vstate *s, uint32_t op)
{
    qw_reader *r = s->r;
    uint8_t flags;
    uint32_t l;
    qw_valtype rt1, rt2;
    const uint8_t *fat = r->p;
    if (!qw_read_u8(r, &flags))
        return false;
    if (flags > 3)
        return qw_fail_at(r, fat, QW_ERR_MALFORMED, "malformed br_on_cast flags");
    if (!qw_valid_read_label(s, &l) || !read_reftype_imm(s, flags & 1, &rt1) ||
        !read_reftype_imm(s, flags & 2, &rt2))
        return false;
    if (!qw_types_sub(s->m, rt2, rt1))
        return FAIL(s, "type mismatch: br_on_cast target type is not a subtype of the source");
    /* rt1 \ rt2: what is left after the cast fails */
    qw_valtype diff = QW_VT_NULLABLE(rt2) ? QW_VT_REFTYPE(0, QW_VT_HEAP(rt1)) : rt1;
    qw_valtype to_label = op == QW_OP_BR_ON_CAST ? rt2 : diff;
    qw_valtype stays = op == QW_OP_BR_ON_CAST ? diff : rt2;
    const qw_valtype *ls;
    uint32_t n = qw_valid_label_types(s, label_ctrl(s, l), &ls);
    if (n == 0)
        return FAIL(s, "type mismatch: br_on_cast label has no values");
    if (!qw_types_sub(s->m, to_label, ls[n - 1]))
        return qw_valid_mismatch(s, ls[n - 1], to_label, false);
    if (!pop_expect(s, rt1))
        return false;
    if (!pop_vals(s, ls, n - 1) || !push_vals(s, ls, n - 1))
        return false;
    return push(s, stays);
}

static bool do_convert(vstate *s, uint32_t from, uint32_t to)
{
    qw_valtype t;
    if (!qw_valid_pop_slow(s, QW_VT_REFTYPE(1, from), &t))
        return false;
    bool nullable = t == QW_VT_BOT ? false : QW_VT_NULLABLE(t);
    return push(s, QW_VT_REFTYPE(nullable, to));
}

bool qw_valid_gc(vstate *s, uint32_t op)
{
    switch (op) {
    case QW_OP_STRUCT_NEW:
    case QW_OP_STRUCT_NEW_DEFAULT:
    case QW_OP_STRUCT_GET:
    case QW_OP_STRUCT_GET_S:
    case QW_OP_STRUCT_GET_U:
    case QW_OP_STRUCT_SET:
        return do_struct(s, op);
    case QW_OP_REF_TEST:
    case QW_OP_REF_TEST_NULL:
    case QW_OP_REF_CAST:
    case QW_OP_REF_CAST_NULL:
        return do_ref_test_cast(s, op);
    case QW_OP_BR_ON_CAST:
    case QW_OP_BR_ON_CAST_FAIL:
        return do_br_on_cast(s, op);
    case QW_OP_ANY_CONVERT_EXTERN:
        return do_convert(s, QW_HT_EXTERN, QW_HT_ANY);
    case QW_OP_EXTERN_CONVERT_ANY:
        return do_convert(s, QW_HT_ANY, QW_HT_EXTERN);
    case QW_OP_REF_I31:
        return pop_expect(s, QW_I32) && push(s, QW_VT_REFTYPE(0, QW_HT_I31));
    case QW_OP_I31_GET_S:
    case QW_OP_I31_GET_U:
        return pop_expect(s, QW_VT_REFTYPE(1, QW_HT_I31)) && push(s, QW_I32);
    default:
        return do_array(s, op);
    }
}
