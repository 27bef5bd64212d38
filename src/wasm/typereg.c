/* typereg.c: the store-wide registry of canonical rec groups (typereg.h). A group is looked up
 * by its module-independent structural hash and confirmed with qw_types_equal_across; new
 * groups get consecutive ids, one per type. */
#include "typereg.h"

#include "types.h"

#include <string.h>

typedef struct reg_group {
    const qw_module *mod; /* the module that first brought the group (the registry holds a ref) */
    uint32_t start, len;  /* its type indices in mod */
    qw_typeid first;      /* id of its first type; the others follow */
} reg_group;

struct qw_typereg {
    qw_engine *eng;
    reg_group *groups;
    uint32_t ngroups, groups_cap;
    uint32_t *slots; /* open addressing over groups: index + 1, 0 = empty */
    uint32_t cap;
    uint32_t *id_group;  /* per id: its group */
    qw_typeid *id_super; /* per id: the id of its declared supertype, or QW_NO_INDEX */
    uint32_t nids, ids_cap;
    qw_module **mods; /* modules referenced by groups */
    uint32_t nmods, mods_cap;
};

qw_typereg *qw_typereg_new(qw_engine *eng)
{
    qw_typereg *reg = qw_calloc(eng, 1, sizeof *reg);
    if (reg)
        reg->eng = eng;
    return reg;
}

void qw_typereg_free(qw_typereg *reg)
{
    if (!reg)
        return;
    for (uint32_t i = 0; i < reg->nmods; i++)
        qw_module_unref(reg->mods[i]);
    qw_engine *eng = reg->eng;
    qw_free(eng, reg->groups);
    qw_free(eng, reg->slots);
    qw_free(eng, reg->id_group);
    qw_free(eng, reg->id_super);
    qw_free(eng, reg->mods);
    qw_free(eng, reg);
}

/* Makes room for n more elements in an array of `have` with capacity *cap. */
static bool reserve(qw_engine *eng, void **arr, uint32_t have, uint32_t n, uint32_t *cap,
                    size_t size)
{
    if (have + (uint64_t)n <= *cap)
        return true;
    uint64_t c = *cap ? *cap : 16;
    while (c < have + (uint64_t)n)
        c *= 2;
    if (c > UINT32_MAX)
        return false;
    void *p = qw_realloc_array(eng, *arr, (size_t)c, size);
    if (!p)
        return false;
    *arr = p;
    *cap = (uint32_t)c;
    return true;
}

static uint32_t group_key(const qw_module *mod, uint32_t start)
{
    return mod->types[start].hash;
}

static bool rehash(qw_typereg *reg)
{
    uint32_t cap = reg->cap ? reg->cap * 2 : 64;
    uint32_t *slots = qw_calloc(reg->eng, cap, sizeof *slots);
    if (!slots)
        return false;
    for (uint32_t g = 0; g < reg->ngroups; g++) {
        uint32_t j = group_key(reg->groups[g].mod, reg->groups[g].start) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = g + 1;
    }
    qw_free(reg->eng, reg->slots);
    reg->slots = slots;
    reg->cap = cap;
    return true;
}

/* The registered group equal to mod's group at start, or QW_NO_INDEX; -1 via *oom. */
static uint32_t find_group(qw_typereg *reg, const qw_module *mod, uint32_t start, uint32_t *slot,
                           bool *oom)
{
    uint32_t j = group_key(mod, start) & (reg->cap - 1);
    for (; reg->slots[j]; j = (j + 1) & (reg->cap - 1)) {
        const reg_group *g = &reg->groups[reg->slots[j] - 1];
        if (g->len != mod->types[start].rec_len)
            continue;
        int eq = qw_types_equal_across(g->mod, g->start, mod, start);
        if (eq < 0) {
            *oom = true;
            return QW_NO_INDEX;
        }
        if (eq)
            return reg->slots[j] - 1;
    }
    *slot = j;
    return QW_NO_INDEX;
}

static bool hold_module(qw_typereg *reg, qw_module *mod)
{
    for (uint32_t i = 0; i < reg->nmods; i++) {
        if (reg->mods[i] == mod)
            return true;
    }
    if (!reserve(reg->eng, (void **)&reg->mods, reg->nmods, 1, &reg->mods_cap, sizeof *reg->mods))
        return false;
    reg->mods[reg->nmods++] = qw_module_ref(mod);
    return true;
}

/* Adds mod's group at start as a new group; its types' supertypes have ids already. */
static bool add_group(qw_typereg *reg, qw_module *mod, uint32_t start, uint32_t slot,
                      qw_typeid *ids)
{
    uint32_t len = mod->types[start].rec_len;
    if (!reserve(reg->eng, (void **)&reg->groups, reg->ngroups, 1, &reg->groups_cap,
                 sizeof *reg->groups) ||
        !reserve(reg->eng, (void **)&reg->id_group, reg->nids, len, &reg->ids_cap,
                 sizeof *reg->id_group))
        return false;
    uint32_t cap = reg->ids_cap; /* id_super follows id_group's capacity */
    qw_typeid *sup = qw_realloc_array(reg->eng, reg->id_super, cap, sizeof *sup);
    if (!sup || !hold_module(reg, mod)) {
        if (sup)
            reg->id_super = sup;
        return false;
    }
    reg->id_super = sup;
    uint32_t g = reg->ngroups++;
    reg->groups[g] = (reg_group){mod, start, len, reg->nids};
    reg->slots[slot] = g + 1;
    for (uint32_t i = 0; i < len; i++) {
        const qw_type *t = &mod->types[start + i];
        ids[start + i] = reg->nids + i;
        reg->id_group[reg->nids + i] = g;
        /* a supertype precedes its subtype, in an earlier group or earlier in this one */
        reg->id_super[reg->nids + i] = t->super == QW_NO_INDEX ? QW_NO_INDEX : ids[t->super];
    }
    reg->nids += len;
    return true;
}

bool qw_typereg_add(qw_typereg *reg, qw_module *mod, qw_typeid *ids)
{
    for (uint32_t start = 0; start < mod->ntypes; start += mod->types[start].rec_len) {
        if (mod->types[start].rec_len == 0)
            break;
        if ((reg->ngroups + 1) * 2 > reg->cap && !rehash(reg))
            return false;
        uint32_t slot = 0;
        bool oom = false;
        uint32_t g = find_group(reg, mod, start, &slot, &oom);
        if (oom)
            return false;
        if (g == QW_NO_INDEX) {
            if (!add_group(reg, mod, start, slot, ids))
                return false;
            continue;
        }
        for (uint32_t i = 0; i < mod->types[start].rec_len; i++)
            ids[start + i] = reg->groups[g].first + i;
    }
    return true;
}

bool qw_typereg_sub(const qw_typereg *reg, qw_typeid a, qw_typeid b)
{
    for (qw_typeid t = a; t != QW_NO_INDEX; t = reg->id_super[t]) {
        if (t == b)
            return true;
    }
    return false;
}

const qw_module *qw_typereg_module(const qw_typereg *reg, qw_typeid id, uint32_t *typeidx)
{
    const reg_group *g = &reg->groups[reg->id_group[id]];
    *typeidx = g->start + (id - g->first);
    return g->mod;
}
