/* types.c: subtyping of value and heap types (Validation, "Matching"), iso-recursive type
 * equivalence across recursion groups and the checks of declared supertypes (GC, "Type
 * Equivalence", "Subtyping"). */
#include "types.h"

#include <stdio.h>
#include <string.h>

static bool is_index(uint32_t ht)
{
    return ht >= QW_HT_INDEX_BASE;
}

bool qw_types_defaultable(qw_valtype t)
{
    return !(QW_VT_CODE(t) == QW_REF);
}

/* True if concrete type a is b or declares b as a (transitive) supertype. */
static bool index_sub(const qw_module *m, uint32_t a, uint32_t b)
{
    uint32_t cb = m->types[b].canon;
    for (uint32_t t = a; t != QW_NO_INDEX; t = m->types[t].super) {
        if (m->types[t].canon == cb)
            return true;
    }
    return false;
}

bool qw_types_heap_sub(const qw_module *m, uint32_t a, uint32_t b)
{
    if (a == b || a == QW_HT_BOT)
        return true;
    if (is_index(a)) {
        uint32_t ta = a - QW_HT_INDEX_BASE;
        if (is_index(b))
            return index_sub(m, ta, b - QW_HT_INDEX_BASE);
        switch (m->types[ta].kind) {
        case QW_COMP_FUNC:
            return b == QW_HT_FUNC;
        case QW_COMP_STRUCT:
            return b == QW_HT_STRUCT || b == QW_HT_EQ || b == QW_HT_ANY;
        default:
            return b == QW_HT_ARRAY || b == QW_HT_EQ || b == QW_HT_ANY;
        }
    }
    if (is_index(b)) {
        uint8_t kb = m->types[b - QW_HT_INDEX_BASE].kind;
        if (a == QW_HT_NONE)
            return kb != QW_COMP_FUNC;
        return a == QW_HT_NOFUNC && kb == QW_COMP_FUNC;
    }
    switch (a) {
    case QW_HT_NONE:
        return b == QW_HT_I31 || b == QW_HT_STRUCT || b == QW_HT_ARRAY || b == QW_HT_EQ ||
               b == QW_HT_ANY;
    case QW_HT_I31:
    case QW_HT_STRUCT:
    case QW_HT_ARRAY:
        return b == QW_HT_EQ || b == QW_HT_ANY;
    case QW_HT_EQ:
        return b == QW_HT_ANY;
    case QW_HT_NOFUNC:
        return b == QW_HT_FUNC;
    case QW_HT_NOEXTERN:
        return b == QW_HT_EXTERN;
    case QW_HT_NOEXN:
        return b == QW_HT_EXN;
    default:
        return false;
    }
}

bool qw_types_sub(const qw_module *m, qw_valtype a, qw_valtype b)
{
    if (a == b || a == QW_VT_BOT)
        return true;
    if (!QW_VT_IS_REF(a) || !QW_VT_IS_REF(b))
        return false;
    if (QW_VT_NULLABLE(a) && !QW_VT_NULLABLE(b))
        return false;
    return qw_types_heap_sub(m, QW_VT_HEAP(a), QW_VT_HEAP(b));
}

uint32_t qw_types_heap_top(const qw_module *m, uint32_t ht)
{
    if (is_index(ht)) {
        uint8_t k = m->types[ht - QW_HT_INDEX_BASE].kind;
        return k == QW_COMP_FUNC ? QW_HT_FUNC : QW_HT_ANY;
    }
    switch (ht) {
    case QW_HT_FUNC:
    case QW_HT_NOFUNC:
        return QW_HT_FUNC;
    case QW_HT_EXTERN:
    case QW_HT_NOEXTERN:
        return QW_HT_EXTERN;
    case QW_HT_EXN:
    case QW_HT_NOEXN:
        return QW_HT_EXN;
    case QW_HT_BOT:
        return QW_HT_BOT;
    default:
        return QW_HT_ANY;
    }
}

uint32_t qw_types_heap_bottom(const qw_module *m, uint32_t ht)
{
    switch (qw_types_heap_top(m, ht)) {
    case QW_HT_FUNC:
        return QW_HT_NOFUNC;
    case QW_HT_EXTERN:
        return QW_HT_NOEXTERN;
    case QW_HT_EXN:
        return QW_HT_NOEXN;
    case QW_HT_BOT:
        return QW_HT_BOT;
    default:
        return QW_HT_NONE;
    }
}

/* ---- canonicalisation ------------------------------------------------------------------- */

/* A heap type reference as seen from its rec group: in-group references are relative (so that
 * two groups compare equal regardless of where they sit), the others by canonical id, or, for
 * the module-independent hash (`global`), by the referenced type's own structural hash. */
static uint64_t heap_key(const qw_module *m, uint32_t ht, uint32_t start, uint32_t len, bool global)
{
    if (!is_index(ht))
        return ht;
    uint32_t t = ht - QW_HT_INDEX_BASE;
    if (t >= start && t < start + len)
        return ((uint64_t)1 << 40) | (t - start);
    return ((uint64_t)2 << 40) | (global ? m->types[t].hash : m->types[t].canon);
}

static uint64_t vt_key(const qw_module *m, qw_valtype v, uint32_t start, uint32_t len, bool global)
{
    if (!QW_VT_IS_REF(v))
        return v;
    return (heap_key(m, QW_VT_HEAP(v), start, len, global) << 8) | QW_VT_CODE(v);
}

static uint32_t mix(uint32_t h, uint64_t v)
{
    h ^= (uint32_t)v + 0x9e3779b9u + (h << 6) + (h >> 2);
    h ^= (uint32_t)(v >> 32) + 0x9e3779b9u + (h << 6) + (h >> 2);
    return h;
}

static uint32_t type_nvals(const qw_type *t)
{
    return t->nparams + t->nresults;
}

static uint32_t group_hash(const qw_module *m, uint32_t start, uint32_t len, bool global)
{
    uint32_t h = len;
    for (uint32_t i = start; i < start + len; i++) {
        const qw_type *t = &m->types[i];
        h = mix(h, ((uint64_t)t->kind << 8) | t->final);
        h = mix(h, t->super == QW_NO_INDEX
                       ? 0
                       : heap_key(m, t->super + QW_HT_INDEX_BASE, start, len, global) + 1);
        h = mix(h, ((uint64_t)t->nparams << 32) | t->nresults);
        for (uint32_t k = 0; k < type_nvals(t); k++)
            h = mix(h, vt_key(m, m->type_pool[t->pool + k], start, len, global));
        if (t->kind != QW_COMP_FUNC) {
            for (uint32_t k = 0; k < t->nparams; k++)
                h = mix(h, m->mut_pool[t->mut_pool + k]);
        }
    }
    return h;
}

static bool groups_equal(const qw_module *m, uint32_t s1, uint32_t s2, uint32_t len)
{
    if (m->types[s2].rec_len != len)
        return false;
    for (uint32_t i = 0; i < len; i++) {
        const qw_type *a = &m->types[s1 + i], *b = &m->types[s2 + i];
        if (a->kind != b->kind || a->final != b->final || a->nparams != b->nparams ||
            a->nresults != b->nresults)
            return false;
        if ((a->super == QW_NO_INDEX) != (b->super == QW_NO_INDEX))
            return false;
        if (a->super != QW_NO_INDEX && heap_key(m, a->super + QW_HT_INDEX_BASE, s1, len, false) !=
                                           heap_key(m, b->super + QW_HT_INDEX_BASE, s2, len, false))
            return false;
        for (uint32_t k = 0; k < type_nvals(a); k++) {
            if (vt_key(m, m->type_pool[a->pool + k], s1, len, false) !=
                vt_key(m, m->type_pool[b->pool + k], s2, len, false))
                return false;
        }
        if (a->kind != QW_COMP_FUNC && a->nparams &&
            memcmp(m->mut_pool + a->mut_pool, m->mut_pool + b->mut_pool, a->nparams) != 0)
            return false;
    }
    return true;
}

static bool canon_grow(qw_engine *eng, qw_canon *c, const qw_module *m)
{
    uint32_t cap = c->cap ? c->cap * 2 : 64;
    uint32_t *slots = qw_calloc(eng, cap, sizeof *slots);
    if (!slots)
        return false;
    for (uint32_t i = 0; i < c->cap; i++) {
        uint32_t s = c->slots[i];
        if (!s)
            continue;
        uint32_t j = c->hashes[s - 1] & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    qw_free(eng, c->slots);
    c->slots = slots;
    c->cap = cap;
    (void)m;
    return true;
}

void qw_canon_fini(qw_engine *eng, qw_canon *c)
{
    qw_free(eng, c->slots);
    qw_free(eng, c->hashes);
    memset(c, 0, sizeof *c);
}

/* Is field/param type a a valid refinement of b for a declared subtype (covariant)? */
static bool field_sub(const qw_module *m, qw_valtype a, uint8_t ma, qw_valtype b, uint8_t mb)
{
    if (ma != mb)
        return false;
    if (ma) /* mutable fields are invariant */
        return qw_types_sub(m, a, b) && qw_types_sub(m, b, a);
    return qw_types_sub(m, a, b);
}

static bool check_super(const qw_module *m, uint32_t i)
{
    const qw_type *t = &m->types[i];
    const qw_type *s = &m->types[t->super];
    if (s->final || s->kind != t->kind)
        return false;
    const qw_valtype *tv = m->type_pool + t->pool, *sv = m->type_pool + s->pool;
    switch (t->kind) {
    case QW_COMP_FUNC:
        if (t->nparams != s->nparams || t->nresults != s->nresults)
            return false;
        for (uint32_t k = 0; k < t->nparams; k++) {
            if (!qw_types_sub(m, sv[k], tv[k]))
                return false;
        }
        for (uint32_t k = t->nparams; k < type_nvals(t); k++) {
            if (!qw_types_sub(m, tv[k], sv[k]))
                return false;
        }
        return true;
    default:
        if (t->nparams < s->nparams || (t->kind == QW_COMP_ARRAY && t->nparams != s->nparams))
            return false;
        for (uint32_t k = 0; k < s->nparams; k++) {
            if (!field_sub(m, tv[k], m->mut_pool[t->mut_pool + k], sv[k],
                           m->mut_pool[s->mut_pool + k]))
                return false;
        }
        return true;
    }
}

bool qw_types_canon_group(qw_module *m, qw_canon *c, uint32_t start, uint32_t len, const char **msg)
{
    *msg = NULL;
    qw_engine *eng = m->eng;
    if (start + len > c->hashes_cap) {
        uint32_t cap = c->hashes_cap ? c->hashes_cap : 64;
        while (cap < start + len)
            cap *= 2;
        uint32_t *hashes = qw_realloc_array(eng, c->hashes, cap, sizeof *hashes);
        if (!hashes)
            return false;
        c->hashes = hashes;
        c->hashes_cap = cap;
    }
    if ((c->used + 1) * 2 > c->cap && !canon_grow(eng, c, m))
        return false;
    uint32_t h = group_hash(m, start, len, false);
    c->hashes[start] = h;
    uint32_t gh = group_hash(m, start, len, true);
    for (uint32_t i = 0; i < len; i++)
        m->types[start + i].hash = mix(gh, i);
    uint32_t j = h & (c->cap - 1);
    uint32_t found = QW_NO_INDEX;
    for (; c->slots[j]; j = (j + 1) & (c->cap - 1)) {
        uint32_t s = c->slots[j] - 1;
        if (c->hashes[s] == h && groups_equal(m, start, s, len)) {
            found = s;
            break;
        }
    }
    for (uint32_t i = 0; i < len; i++)
        m->types[start + i].canon = found == QW_NO_INDEX ? start + i : m->types[found + i].canon;
    if (found == QW_NO_INDEX) {
        c->slots[j] = start + 1;
        c->used++;
    }
    for (uint32_t i = start; i < start + len; i++) {
        qw_type *t = &m->types[i];
        t->depth = 0;
        if (t->super == QW_NO_INDEX)
            continue;
        t->depth = m->types[t->super].depth + 1;
        if (!check_super(m, i)) {
            *msg = "sub type";
            return false;
        }
    }
    return true;
}

/* ---- equivalence across modules ------------------------------------------------------------ */

typedef struct pair_set {
    qw_engine *eng;
    uint64_t *slots; /* (start_a + 1) << 32 | (start_b + 1); 0 = empty */
    uint32_t cap, used;
    uint64_t *todo; /* group pairs still to compare */
    uint32_t ntodo, todo_cap;
} pair_set;

static uint64_t pair_key(uint32_t a, uint32_t b)
{
    return ((uint64_t)(a + 1u) << 32) | (b + 1u);
}

/* Adds a pair of groups to compare, once. Returns false when out of memory. */
static bool pair_add(pair_set *ps, uint32_t a, uint32_t b)
{
    uint64_t key = pair_key(a, b);
    if ((ps->used + 1) * 2 > ps->cap) {
        uint32_t cap = ps->cap ? ps->cap * 2 : 16;
        uint64_t *slots = qw_calloc(ps->eng, cap, sizeof *slots);
        if (!slots)
            return false;
        for (uint32_t i = 0; i < ps->cap; i++) {
            if (!ps->slots[i])
                continue;
            uint32_t j = (uint32_t)(ps->slots[i] * 0x9E3779B97F4A7C15ull >> 32) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = ps->slots[i];
        }
        qw_free(ps->eng, ps->slots);
        ps->slots = slots;
        ps->cap = cap;
    }
    uint32_t j = (uint32_t)(key * 0x9E3779B97F4A7C15ull >> 32) & (ps->cap - 1);
    for (; ps->slots[j]; j = (j + 1) & (ps->cap - 1)) {
        if (ps->slots[j] == key)
            return true;
    }
    ps->slots[j] = key;
    ps->used++;
    if (ps->ntodo == ps->todo_cap) {
        uint32_t cap = ps->todo_cap ? ps->todo_cap * 2 : 16;
        uint64_t *todo = qw_realloc_array(ps->eng, ps->todo, cap, sizeof *todo);
        if (!todo)
            return false;
        ps->todo = todo;
        ps->todo_cap = cap;
    }
    ps->todo[ps->ntodo++] = key;
    return true;
}

typedef struct across {
    const qw_module *ma, *mb;
    uint32_t sa, sb, len; /* the two groups being compared */
    pair_set *ps;
    bool oom;
} across;

/* Two type references: in-group ones relatively, the others by queueing their groups. */
static bool index_equal(across *x, uint32_t ta, uint32_t tb)
{
    bool ina = ta >= x->sa && ta < x->sa + x->len, inb = tb >= x->sb && tb < x->sb + x->len;
    if (ina || inb)
        return ina && inb && ta - x->sa == tb - x->sb;
    const qw_type *a = &x->ma->types[ta], *b = &x->mb->types[tb];
    if (a->rec_len != b->rec_len || ta - a->rec_start != tb - b->rec_start)
        return false;
    if (!pair_add(x->ps, a->rec_start, b->rec_start))
        x->oom = true;
    return true;
}

static bool vt_equal(across *x, qw_valtype a, qw_valtype b)
{
    if (!QW_VT_IS_REF(a) || !QW_VT_IS_REF(b) || QW_VT_CODE(a) != QW_VT_CODE(b))
        return a == b;
    uint32_t ha = QW_VT_HEAP(a), hb = QW_VT_HEAP(b);
    if (!is_index(ha) || !is_index(hb))
        return ha == hb;
    return index_equal(x, ha - QW_HT_INDEX_BASE, hb - QW_HT_INDEX_BASE);
}

static bool groups_equal_across(across *x)
{
    for (uint32_t i = 0; i < x->len; i++) {
        const qw_type *a = &x->ma->types[x->sa + i], *b = &x->mb->types[x->sb + i];
        if (a->kind != b->kind || a->final != b->final || a->nparams != b->nparams ||
            a->nresults != b->nresults)
            return false;
        if ((a->super == QW_NO_INDEX) != (b->super == QW_NO_INDEX))
            return false;
        if (a->super != QW_NO_INDEX && !index_equal(x, a->super, b->super))
            return false;
        for (uint32_t k = 0; k < type_nvals(a); k++) {
            if (!vt_equal(x, x->ma->type_pool[a->pool + k], x->mb->type_pool[b->pool + k]))
                return false;
        }
        if (a->kind != QW_COMP_FUNC && a->nparams &&
            memcmp(x->ma->mut_pool + a->mut_pool, x->mb->mut_pool + b->mut_pool, a->nparams))
            return false;
    }
    return true;
}

int qw_types_equal_across(const qw_module *ma, uint32_t ta, const qw_module *mb, uint32_t tb)
{
    if (ma == mb)
        return ma->types[ta].canon == mb->types[tb].canon;
    const qw_type *a = &ma->types[ta], *b = &mb->types[tb];
    if (a->hash != b->hash || a->rec_len != b->rec_len || ta - a->rec_start != tb - b->rec_start)
        return 0;
    pair_set ps = {mb->eng, NULL, 0, 0, NULL, 0, 0};
    int result = pair_add(&ps, a->rec_start, b->rec_start) ? 1 : -1;
    while (result == 1 && ps.ntodo) {
        uint64_t key = ps.todo[--ps.ntodo];
        across x = {ma, mb, (uint32_t)(key >> 32) - 1, (uint32_t)key - 1, 0, &ps, false};
        x.len = ma->types[x.sa].rec_len;
        if (!groups_equal_across(&x))
            result = 0;
        else if (x.oom)
            result = -1;
    }
    qw_free(ps.eng, ps.slots);
    qw_free(ps.eng, ps.todo);
    return result;
}

static int heap_sub_across(const qw_module *ma, uint32_t a, const qw_module *mb, uint32_t b)
{
    if (is_index(a) && is_index(b)) {
        for (uint32_t t = a - QW_HT_INDEX_BASE; t != QW_NO_INDEX; t = ma->types[t].super) {
            int eq = qw_types_equal_across(ma, t, mb, b - QW_HT_INDEX_BASE);
            if (eq != 0)
                return eq;
        }
        return 0;
    }
    /* one side abstract: only the concrete side's module is consulted */
    return is_index(a) ? qw_types_heap_sub(ma, a, b) : qw_types_heap_sub(mb, a, b);
}

int qw_types_sub_across(const qw_module *ma, qw_valtype a, const qw_module *mb, qw_valtype b)
{
    if (!QW_VT_IS_REF(a) || !QW_VT_IS_REF(b))
        return a == b;
    if (QW_VT_NULLABLE(a) && !QW_VT_NULLABLE(b))
        return 0;
    return heap_sub_across(ma, QW_VT_HEAP(a), mb, QW_VT_HEAP(b));
}

const char *qw_types_name(qw_valtype t, char *buf, size_t size)
{
    static const char *const heap_names[] = {
        [QW_HT_EXN - QW_HT_EXN] = "exn",       [QW_HT_ARRAY - QW_HT_EXN] = "array",
        [QW_HT_STRUCT - QW_HT_EXN] = "struct", [QW_HT_I31 - QW_HT_EXN] = "i31",
        [QW_HT_EQ - QW_HT_EXN] = "eq",         [QW_HT_ANY - QW_HT_EXN] = "any",
        [QW_HT_EXTERN - QW_HT_EXN] = "extern", [QW_HT_FUNC - QW_HT_EXN] = "func",
        [QW_HT_NONE - QW_HT_EXN] = "none",     [QW_HT_NOEXTERN - QW_HT_EXN] = "noextern",
        [QW_HT_NOFUNC - QW_HT_EXN] = "nofunc", [QW_HT_NOEXN - QW_HT_EXN] = "noexn",
    };
    switch (t) {
    case QW_I32:
        return "i32";
    case QW_I64:
        return "i64";
    case QW_F32:
        return "f32";
    case QW_F64:
        return "f64";
    case QW_V128:
        return "v128";
    case QW_I8:
        return "i8";
    case QW_I16:
        return "i16";
    case QW_VT_BOT:
        return "bot";
    }
    uint32_t ht = QW_VT_HEAP(t);
    const char *null = QW_VT_NULLABLE(t) ? "null " : "";
    if (ht >= QW_HT_INDEX_BASE)
        snprintf(buf, size, "(ref %s%u)", null, ht - QW_HT_INDEX_BASE);
    else if (ht >= QW_HT_EXN && ht <= QW_HT_NOEXN)
        snprintf(buf, size, "(ref %s%s)", null, heap_names[ht - QW_HT_EXN]);
    else
        snprintf(buf, size, "(ref %sbot)", null);
    return buf;
}
