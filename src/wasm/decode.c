/* decode.c: the module decoder (Binary Format, "Modules"): sections in order, their contents, the
 * module-level validation rules (Validation, "Modules") and the JS-API implementation limits.
 * Function bodies and constant expressions are handed to valid.c as they are read. */
#include "module.h"
#include "types.h"
#include "valid.h"

#include <string.h>

/* JS-API "Limits". Functions, globals and tags count the defined ones (imports have their own
 * limit); tables and memories count imported ones too. The JS API lists 100,000 imports and
 * exports, the WPT suite we run (limits.any.js) 1,000,000: we follow the tests. It lists one
 * memory, which multi-memory (Wasm 3.0) outgrew: we allow 100. */
#define LIMIT_TYPES         1000000u
#define LIMIT_FUNCS         1000000u
#define LIMIT_IMPORTS       1000000u
#define LIMIT_EXPORTS       1000000u
#define LIMIT_GLOBALS       1000000u
#define LIMIT_TAGS          1000000u
#define LIMIT_DATAS         100000u
#define LIMIT_ELEMS         10000000u
#define LIMIT_TABLES        100000u
#define LIMIT_MEMORIES      100u
#define LIMIT_BODY_SIZE     7654321u
#define LIMIT_LOCALS        50000u
#define LIMIT_PARAMS        1000u
#define LIMIT_RESULTS       1000u
#define LIMIT_MODULE_SIZE   1073741824u
#define LIMIT_SUBTYPE_DEPTH 63u

typedef struct decoder {
    qw_module *m;
    qw_engine *eng;
    qw_error *err;
    qw_reader r; /* the section being read */
    qw_valid v;
    qw_canon canon;
    uint32_t nfunc_decls;       /* entries of the function section */
    uint32_t ncode;             /* entries of the code section */
    uint32_t pool_cap, mut_cap; /* capacities of the module's type and mutability pools */
    const uint8_t *sec_end;     /* end of the current section, by its declared size */
    bool validate_only;         /* no copies of code, data and custom sections: nothing runs */
} decoder;

static bool oom(decoder *d)
{
    return qw_fail_at(&d->r, d->r.p, QW_ERR_OOM, "out of memory");
}

static bool limit(decoder *d, const char *what, uint64_t n, uint64_t max)
{
    return qw_fail_at(&d->r, d->r.p, QW_ERR_LIMIT, "too many %s: %llu (limit %llu)", what,
                      (unsigned long long)n, (unsigned long long)max);
}

/* A vector count: checked against the implementation limit, then against the bytes left (each
 * element takes at least one byte), so a huge count in a tiny file allocates nothing. */
static bool read_count(decoder *d, const char *what, uint32_t max, uint32_t *n)
{
    if (!qw_read_u32(&d->r, n))
        return false;
    if (*n > max)
        return limit(d, what, *n, max);
    if (*n > (size_t)(d->r.end - d->r.p)) {
        d->r.p = d->r.end;
        return qw_leb_fail_end(&d->r);
    }
    return true;
}

/* The capacity of an array of n elements: the next power of two, so that arrays grown one
 * element at a time (imports, rec groups, constant expressions) cost amortised O(1). */
static size_t capacity(size_t n)
{
    size_t c = 4;
    while (c < n)
        c *= 2;
    return c;
}

/* Grows an array of `have` elements to hold `more` more. */
static bool grow(decoder *d, void **arr, uint32_t have, uint32_t more, size_t size)
{
    size_t need = (size_t)have + more;
    if (more == 0 || (have && need <= capacity(have)))
        return true;
    void *p = qw_realloc_array(d->eng, *arr, capacity(need), size);
    if (!p)
        return oom(d);
    *arr = p;
    return true;
}

/* ---- names ------------------------------------------------------------------------------ */

static bool utf8_valid(const uint8_t *s, uint32_t n)
{
    uint32_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t len, cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i < len)
            return false;
        for (uint32_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

/* A length-prefixed byte string inside the current region. */
static bool read_byte_vec(decoder *d, const uint8_t **bytes, uint32_t *len)
{
    if (!qw_read_u32(&d->r, len))
        return false;
    if (*len > (size_t)(d->r.end - d->r.p))
        return qw_malformed(&d->r, "length out of bounds");
    *bytes = d->r.p;
    d->r.p += *len;
    return true;
}

static bool read_name_raw(decoder *d, const uint8_t **bytes, uint32_t *len)
{
    const uint8_t *at = d->r.p;
    if (!read_byte_vec(d, bytes, len))
        return false;
    if (!utf8_valid(*bytes, *len))
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed UTF-8 encoding");
    return true;
}

/* Copies a name into a NUL-terminated string owned by the module. */
static bool dup_name(decoder *d, const uint8_t *bytes, uint32_t len, char **out)
{
    char *s = qw_alloc(d->eng, (size_t)len + 1);
    if (!s)
        return oom(d);
    memcpy(s, bytes, len);
    s[len] = 0;
    *out = s;
    return true;
}

static bool read_name(decoder *d, char **out, uint32_t *len)
{
    const uint8_t *bytes = NULL;
    return read_name_raw(d, &bytes, len) && dup_name(d, bytes, *len, out);
}

/* ---- types -------------------------------------------------------------------------------- */

bool qw_decode_heaptype(qw_reader *r, uint32_t ntypes, uint32_t *ht)
{
    const uint8_t *at = r->p;
    int64_t v;
    if (!qw_leb_read_s33(r, &v))
        return false;
    if (v >= 0) {
        if ((uint64_t)v >= ntypes)
            return qw_fail_at(r, at, QW_ERR_INVALID, "unknown type %llu", (unsigned long long)v);
        *ht = QW_HT_INDEX_BASE + (uint32_t)v;
        return true;
    }
    uint32_t code = (uint32_t)(v & 0x7F);
    if (v < -64 || code < QW_HT_EXN || code > QW_HT_NOEXN)
        return qw_fail_at(r, at, QW_ERR_MALFORMED, "malformed heap type");
    *ht = code;
    return true;
}

bool qw_decode_valtype_from(qw_reader *r, uint8_t b, uint32_t ntypes, qw_valtype *vt, bool *ok)
{
    *ok = true;
    switch (b) {
    case QW_I32:
    case QW_I64:
    case QW_F32:
    case QW_F64:
    case QW_V128:
        *vt = b;
        return true;
    case QW_REF:
    case QW_REF_NULL: {
        uint32_t ht;
        if (!qw_decode_heaptype(r, ntypes, &ht))
            return false;
        *vt = QW_VT_REFTYPE(b == QW_REF_NULL, ht);
        return true;
    }
    default:
        if (b >= QW_HT_EXN && b <= QW_HT_NOEXN) {
            *vt = QW_VT_REFTYPE(1, b);
            return true;
        }
        *ok = false;
        return true;
    }
}

bool qw_decode_valtype(qw_reader *r, uint32_t ntypes, qw_valtype *vt)
{
    const uint8_t *at = r->p;
    uint8_t b;
    bool ok;
    if (!qw_read_u8(r, &b) || !qw_decode_valtype_from(r, b, ntypes, vt, &ok))
        return false;
    if (!ok)
        return qw_fail_at(r, at, QW_ERR_MALFORMED, "malformed value type");
    return true;
}

static bool read_valtype_n(decoder *d, uint32_t ntypes, qw_valtype *vt)
{
    return qw_decode_valtype(&d->r, ntypes, vt);
}

static bool read_valtype(decoder *d, qw_valtype *vt)
{
    return read_valtype_n(d, d->m->ntypes, vt);
}

static bool read_reftype(decoder *d, qw_valtype *vt)
{
    const uint8_t *at = d->r.p;
    uint8_t b;
    bool ok;
    if (!qw_read_u8(&d->r, &b) || !qw_decode_valtype_from(&d->r, b, d->m->ntypes, vt, &ok))
        return false;
    if (!ok || !QW_VT_IS_REF(*vt))
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed reference type");
    return true;
}

/* Appends to a geometrically grown array (*cap elements of size bytes). */
static bool append(decoder *d, void **arr, uint32_t *len, uint32_t *cap, size_t size,
                   const void *elem)
{
    if (*len == *cap) {
        uint32_t ncap = *cap ? *cap * 2 : 16;
        void *p = qw_realloc_array(d->eng, *arr, ncap, size);
        if (!p)
            return oom(d);
        *arr = p;
        *cap = ncap;
    }
    memcpy((char *)*arr + (size_t)*len * size, elem, size);
    (*len)++;
    return true;
}

static bool push_val(decoder *d, qw_valtype vt)
{
    qw_module *m = d->m;
    return append(d, (void **)&m->type_pool, &m->type_pool_len, &d->pool_cap, sizeof vt, &vt);
}

static bool push_mut(decoder *d, uint8_t mut)
{
    qw_module *m = d->m;
    return append(d, (void **)&m->mut_pool, &m->mut_pool_len, &d->mut_cap, 1, &mut);
}

static bool read_mut(decoder *d, uint8_t *mut)
{
    const uint8_t *at = d->r.p;
    if (!qw_read_u8(&d->r, mut))
        return false;
    if (*mut > 1)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed mutability");
    return true;
}

static bool read_field(decoder *d, uint32_t ntypes)
{
    const uint8_t *at = d->r.p;
    uint8_t b, mut;
    bool ok;
    qw_valtype vt;
    if (!qw_read_u8(&d->r, &b))
        return false;
    if (b == QW_I8 || b == QW_I16) {
        vt = b;
    } else {
        if (!qw_decode_valtype_from(&d->r, b, ntypes, &vt, &ok))
            return false;
        if (!ok)
            return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed storage type");
    }
    return read_mut(d, &mut) && push_val(d, vt) && push_mut(d, mut);
}

static bool read_comptype(decoder *d, qw_type *t, uint32_t ntypes)
{
    const uint8_t *at = d->r.p;
    uint8_t form;
    uint32_t n;
    if (!qw_read_u8(&d->r, &form))
        return false;
    if (form & 0x80) /* the form is a one-byte signed LEB128 */
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "integer representation too long");
    t->kind = form;
    t->pool = d->m->type_pool_len;
    t->mut_pool = d->m->mut_pool_len;
    switch (form) {
    case QW_COMP_FUNC:
        if (!read_count(d, "function params", LIMIT_PARAMS, &n))
            return false;
        t->nparams = n;
        for (uint32_t i = 0; i < n; i++) {
            qw_valtype vt;
            if (!read_valtype_n(d, ntypes, &vt) || !push_val(d, vt))
                return false;
        }
        if (!read_count(d, "function results", LIMIT_RESULTS, &n))
            return false;
        t->nresults = n;
        for (uint32_t i = 0; i < n; i++) {
            qw_valtype vt;
            if (!read_valtype_n(d, ntypes, &vt) || !push_val(d, vt))
                return false;
        }
        return true;
    case QW_COMP_STRUCT:
        if (!read_count(d, "struct fields", 10000, &n))
            return false;
        t->nparams = n;
        for (uint32_t i = 0; i < n; i++) {
            if (!read_field(d, ntypes))
                return false;
        }
        return true;
    case QW_COMP_ARRAY:
        t->nparams = 1;
        return read_field(d, ntypes);
    default:
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed type form 0x%02x", form);
    }
}

static bool read_subtype(decoder *d, uint32_t idx, uint32_t rec_start, uint32_t rec_end)
{
    qw_module *m = d->m;
    qw_type *t = &m->types[idx];
    memset(t, 0, sizeof *t);
    t->super = QW_NO_INDEX;
    t->final = true;
    t->rec_start = rec_start;
    t->rec_len = rec_end - rec_start;
    uint8_t b = d->r.p < d->r.end ? *d->r.p : 0;
    if (b == 0x50 || b == 0x4F) {
        d->r.p++;
        t->final = b == 0x4F;
        uint32_t n;
        const uint8_t *at = d->r.p;
        if (!read_count(d, "supertypes", UINT32_MAX, &n))
            return false;
        /* the format allows a vector; validation allows at most one */
        if (n > 1)
            return qw_fail_at(&d->r, at, QW_ERR_INVALID, "sub type: %u supertypes", n);
        if (n == 1) {
            at = d->r.p;
            uint32_t s;
            if (!qw_read_u32(&d->r, &s))
                return false;
            if (s >= idx)
                return qw_fail_at(&d->r, at, QW_ERR_INVALID, "unknown type %u", s);
            t->super = s;
        }
    }
    return read_comptype(d, t, rec_end);
}

static bool decode_types(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    /* allocated even if every type is [] -> []: pointers into the pools are then never NULL */
    m->type_pool = qw_realloc_array(d->eng, NULL, 16, sizeof *m->type_pool);
    m->mut_pool = qw_alloc(d->eng, 16);
    if (!m->type_pool || !m->mut_pool)
        return oom(d);
    d->pool_cap = d->mut_cap = 16;
    if (!read_count(d, "types", LIMIT_TYPES, &n))
        return false;
    for (uint32_t g = 0; g < n; g++) {
        uint32_t len = 1;
        if (d->r.p < d->r.end && *d->r.p == 0x4E) {
            d->r.p++;
            if (!read_count(d, "types", LIMIT_TYPES, &len))
                return false;
        }
        if ((uint64_t)m->ntypes + len > LIMIT_TYPES)
            return limit(d, "types", (uint64_t)m->ntypes + len, LIMIT_TYPES);
        if (!grow(d, (void **)&m->types, m->ntypes, len, sizeof *m->types))
            return false;
        uint32_t start = m->ntypes, end = start + len;
        for (uint32_t i = start; i < end; i++) {
            if (!read_subtype(d, i, start, end))
                return false;
            m->ntypes = i + 1;
        }
        const char *msg;
        const uint8_t *at = d->r.p;
        if (len && !qw_types_canon_group(m, &d->canon, start, len, &msg))
            return msg ? qw_fail_at(&d->r, at, QW_ERR_INVALID, "%s", msg) : oom(d);
        for (uint32_t i = start; i < end; i++) {
            if (m->types[i].depth > LIMIT_SUBTYPE_DEPTH)
                return limit(d, "subtype depth", m->types[i].depth, LIMIT_SUBTYPE_DEPTH);
        }
    }
    return true;
}

static bool check_type(decoder *d, const uint8_t *at, uint32_t t, bool func)
{
    if (t >= d->m->ntypes)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "unknown type %u", t);
    if (func && d->m->types[t].kind != QW_COMP_FUNC)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "unknown type: %u is not a function type", t);
    return true;
}

/* ---- imports, functions, tables, memories, globals, tags --------------------------------- */

/* limits flags: bit 0 a maximum, bit 1 shared (threads proposal), bit 2 64-bit addresses. */
static bool read_limits(decoder *d, qw_limits *l)
{
    const uint8_t *at = d->r.p;
    uint8_t flags;
    if (!qw_read_u8(&d->r, &flags))
        return false;
    if (flags > 7)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed limits flags");
    l->has_max = flags & 1;
    l->shared = (flags & 2) != 0;
    l->is64 = (flags & 4) != 0;
    /* read as u64 whatever the address type: an i32 limit above 2^32 is a validation error
     * ("memory size", "table size"), not a malformed integer */
    if (!qw_leb_read_u64(&d->r, &l->min) || (l->has_max && !qw_leb_read_u64(&d->r, &l->max)))
        return false;
    if (l->has_max && l->min > l->max)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID,
                          "size minimum must not be greater than maximum");
    return true;
}

static bool read_memtype(decoder *d, qw_memory_decl *mem)
{
    const uint8_t *at = d->r.p;
    if (!read_limits(d, &mem->limits))
        return false;
    /* every agent maps a shared memory at its full size: it cannot grow without a bound */
    if (mem->limits.shared && !mem->limits.has_max)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "shared memory must have maximum");
    uint64_t max_pages = mem->limits.is64 ? (uint64_t)1 << 48 : 65536;
    if (mem->limits.min > max_pages || (mem->limits.has_max && mem->limits.max > max_pages))
        return qw_fail_at(&d->r, at, QW_ERR_INVALID,
                          mem->limits.is64 ? "memory size must be at most 2^48 pages"
                                           : "memory size must be at most 65536 pages (4GiB)");
    return true;
}

static bool read_tabletype(decoder *d, qw_table_decl *t)
{
    if (!read_reftype(d, &t->elem))
        return false;
    const uint8_t *at = d->r.p;
    if (!read_limits(d, &t->limits))
        return false;
    if (t->limits.shared)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED,
                          "malformed limits flags: tables cannot be shared");
    if (!t->limits.is64 &&
        (t->limits.min > UINT32_MAX || (t->limits.has_max && t->limits.max > UINT32_MAX)))
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "table size must be at most 2^32-1");
    return true;
}

static bool read_globaltype(decoder *d, qw_global_decl *g)
{
    uint8_t mut;
    if (!read_valtype(d, &g->type) || !read_mut(d, &mut))
        return false;
    g->mut = mut;
    return true;
}

static bool read_tagtype(decoder *d, qw_tag_decl *tag)
{
    const uint8_t *at = d->r.p;
    uint8_t attr;
    if (!qw_read_u8(&d->r, &attr))
        return false;
    if (attr != 0)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed tag attribute");
    at = d->r.p;
    if (!qw_read_u32(&d->r, &tag->type) || !check_type(d, at, tag->type, true))
        return false;
    if (d->m->types[tag->type].nresults != 0)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "non-empty tag result type");
    return true;
}

static bool add_func(decoder *d, uint32_t type)
{
    qw_module *m = d->m;
    qw_func_decl *f = &m->funcs[m->nfuncs++];
    memset(f, 0, sizeof *f);
    f->type = type;
    return true;
}

static bool decode_import(decoder *d, qw_import *im)
{
    qw_module *m = d->m;
    if (!read_name(d, &im->module, &im->module_len) || !read_name(d, &im->name, &im->name_len))
        return false;
    const uint8_t *at = d->r.p;
    if (!qw_read_u8(&d->r, &im->kind))
        return false;
    switch (im->kind) {
    case QW_EXTERN_FUNC: {
        uint32_t t;
        const uint8_t *tat = d->r.p;
        if (!qw_read_u32(&d->r, &t) || !check_type(d, tat, t, true))
            return false;
        if (!grow(d, (void **)&m->funcs, m->nfuncs, 1, sizeof *m->funcs))
            return false;
        im->index = m->nfuncs;
        m->nfunc_imports++;
        return add_func(d, t);
    }
    case QW_EXTERN_TABLE:
        if (m->ntables >= LIMIT_TABLES)
            return limit(d, "tables", (uint64_t)m->ntables + 1, LIMIT_TABLES);
        if (!grow(d, (void **)&m->tables, m->ntables, 1, sizeof *m->tables))
            return false;
        memset(&m->tables[m->ntables], 0, sizeof *m->tables);
        im->index = m->ntables;
        m->ntable_imports++;
        return read_tabletype(d, &m->tables[m->ntables++]);
    case QW_EXTERN_MEMORY:
        if (m->nmemories >= LIMIT_MEMORIES)
            return limit(d, "memories", (uint64_t)m->nmemories + 1, LIMIT_MEMORIES);
        if (!grow(d, (void **)&m->memories, m->nmemories, 1, sizeof *m->memories))
            return false;
        memset(&m->memories[m->nmemories], 0, sizeof *m->memories);
        im->index = m->nmemories;
        m->nmemory_imports++;
        return read_memtype(d, &m->memories[m->nmemories++]);
    case QW_EXTERN_GLOBAL:
        if (!grow(d, (void **)&m->globals, m->nglobals, 1, sizeof *m->globals))
            return false;
        memset(&m->globals[m->nglobals], 0, sizeof *m->globals);
        im->index = m->nglobals;
        m->nglobal_imports++;
        return read_globaltype(d, &m->globals[m->nglobals++]);
    case QW_EXTERN_TAG:
        if (!grow(d, (void **)&m->tags, m->ntags, 1, sizeof *m->tags))
            return false;
        im->index = m->ntags;
        m->ntag_imports++;
        return read_tagtype(d, &m->tags[m->ntags++]);
    default:
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed import kind");
    }
}

static bool decode_imports(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "imports", LIMIT_IMPORTS, &n))
        return false;
    m->imports = qw_calloc(d->eng, n, sizeof *m->imports);
    if (n && !m->imports)
        return oom(d);
    for (uint32_t i = 0; i < n; i++) {
        m->nimports = i + 1;
        if (!decode_import(d, &m->imports[i]))
            return false;
    }
    return true;
}

static bool decode_funcs(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "functions", LIMIT_FUNCS, &n))
        return false;
    if (!grow(d, (void **)&m->funcs, m->nfuncs, n, sizeof *m->funcs))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *at = d->r.p;
        uint32_t t;
        if (!qw_read_u32(&d->r, &t) || !check_type(d, at, t, true) || !add_func(d, t))
            return false;
    }
    d->nfunc_decls = n;
    return true;
}

/* Reads a constant expression, validates it and records its bytes in the module. */
static bool read_const_expr(decoder *d, qw_valtype type, uint32_t nglobals, qw_const_expr *e)
{
    qw_module *m = d->m;
    const uint8_t *start = d->r.p;
    if (!qw_valid_const_expr(&d->v, &d->r, type, nglobals))
        return false;
    uint32_t len = (uint32_t)(d->r.p - start);
    if (!grow(d, (void **)&m->expr_pool, m->expr_pool_len, len, 1))
        return false;
    memcpy(m->expr_pool + m->expr_pool_len, start, len);
    e->off = m->expr_pool_len;
    e->len = len;
    m->expr_pool_len += len;
    return true;
}

static bool decode_tables(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "tables", LIMIT_TABLES, &n))
        return false;
    if ((uint64_t)m->ntables + n > LIMIT_TABLES)
        return limit(d, "tables", (uint64_t)m->ntables + n, LIMIT_TABLES);
    if (!grow(d, (void **)&m->tables, m->ntables, n, sizeof *m->tables))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        qw_table_decl *t = &m->tables[m->ntables];
        memset(t, 0, sizeof *t);
        m->ntables++;
        const uint8_t *at = d->r.p;
        if (d->r.p + 1 < d->r.end && d->r.p[0] == 0x40 && d->r.p[1] == 0x00) {
            d->r.p += 2;
            t->has_init = true;
        }
        if (!read_tabletype(d, t))
            return false;
        if (t->has_init) {
            if (!read_const_expr(d, t->elem, m->nglobals, &t->init))
                return false;
        } else if (!QW_VT_NULLABLE(t->elem)) {
            return qw_fail_at(&d->r, at, QW_ERR_INVALID,
                              "type mismatch: table of non-nullable type needs an initializer");
        }
    }
    return true;
}

static bool decode_memories(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "memories", LIMIT_MEMORIES, &n))
        return false;
    if ((uint64_t)m->nmemories + n > LIMIT_MEMORIES)
        return limit(d, "memories", (uint64_t)m->nmemories + n, LIMIT_MEMORIES);
    if (!grow(d, (void **)&m->memories, m->nmemories, n, sizeof *m->memories))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        qw_memory_decl *mem = &m->memories[m->nmemories++];
        memset(mem, 0, sizeof *mem);
        if (!read_memtype(d, mem))
            return false;
    }
    return true;
}

static bool decode_tags(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "tags", LIMIT_TAGS, &n))
        return false;
    if (!grow(d, (void **)&m->tags, m->ntags, n, sizeof *m->tags))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (!read_tagtype(d, &m->tags[m->ntags]))
            return false;
        m->ntags++;
    }
    return true;
}

static bool decode_globals(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "globals", LIMIT_GLOBALS, &n))
        return false;
    if (!grow(d, (void **)&m->globals, m->nglobals, n, sizeof *m->globals))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        qw_global_decl *g = &m->globals[m->nglobals];
        memset(g, 0, sizeof *g);
        /* 3.0: an initializer may read any earlier global, imported or not */
        if (!read_globaltype(d, g) || !read_const_expr(d, g->type, m->nglobals, &g->init))
            return false;
        m->nglobals++;
    }
    return true;
}

/* ---- exports, start ----------------------------------------------------------------------- */

static uint32_t name_hash(const char *s, uint32_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

/* Duplicate names: one pass over an open-addressing set of export indices. */
static bool check_export_names(decoder *d, const uint8_t *at)
{
    qw_module *m = d->m;
    uint32_t n = m->nexports;
    if (n < 2)
        return true;
    uint32_t cap = 4;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *slots = qw_calloc(d->eng, cap, sizeof *slots); /* export index + 1 */
    if (!slots)
        return oom(d);
    bool ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        const qw_export *ex = &m->exports[i];
        uint32_t j = name_hash(ex->name, ex->name_len) & (cap - 1);
        for (; slots[j]; j = (j + 1) & (cap - 1)) {
            const qw_export *o = &m->exports[slots[j] - 1];
            if (o->name_len == ex->name_len && memcmp(o->name, ex->name, ex->name_len) == 0) {
                ok =
                    qw_fail_at(&d->r, at, QW_ERR_INVALID, "duplicate export name \"%s\"", ex->name);
                break;
            }
        }
        slots[j] = i + 1;
    }
    qw_free(d->eng, slots);
    return ok;
}

static bool decode_exports(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "exports", LIMIT_EXPORTS, &n))
        return false;
    m->exports = qw_calloc(d->eng, n, sizeof *m->exports);
    if (n && !m->exports)
        return oom(d);
    for (uint32_t i = 0; i < n; i++) {
        qw_export *ex = &m->exports[i];
        m->nexports = i + 1;
        if (!read_name(d, &ex->name, &ex->name_len))
            return false;
        const uint8_t *at = d->r.p;
        if (!qw_read_u8(&d->r, &ex->kind))
            return false;
        const uint8_t *iat = d->r.p;
        if (!qw_read_u32(&d->r, &ex->index))
            return false;
        static const char *const what[] = {"function", "table", "memory", "global", "tag"};
        uint32_t count;
        switch (ex->kind) {
        case QW_EXTERN_FUNC:
            count = m->nfuncs;
            break;
        case QW_EXTERN_TABLE:
            count = m->ntables;
            break;
        case QW_EXTERN_MEMORY:
            count = m->nmemories;
            break;
        case QW_EXTERN_GLOBAL:
            count = m->nglobals;
            break;
        case QW_EXTERN_TAG:
            count = m->ntags;
            break;
        default:
            return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed export kind");
        }
        if (ex->index >= count)
            return qw_fail_at(&d->r, iat, QW_ERR_INVALID, "unknown %s %u", what[ex->kind],
                              ex->index);
        if (ex->kind == QW_EXTERN_FUNC)
            m->func_declared[ex->index] = 1;
    }
    return check_export_names(d, d->r.p);
}

static bool decode_start(decoder *d)
{
    qw_module *m = d->m;
    const uint8_t *at = d->r.p;
    if (!qw_read_u32(&d->r, &m->start))
        return false;
    if (m->start >= m->nfuncs)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "unknown function %u", m->start);
    uint32_t t = m->funcs[m->start].type;
    if (m->types[t].nparams || m->types[t].nresults)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "start function must have type [] -> []");
    return true;
}

/* ---- element and data segments ----------------------------------------------------------- */

static bool read_table_index(decoder *d, uint32_t *t)
{
    const uint8_t *at = d->r.p;
    if (!qw_read_u32(&d->r, t))
        return false;
    if (*t >= d->m->ntables)
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "unknown table %u", *t);
    return true;
}

static bool read_elem_inits(decoder *d, qw_elem *e)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "elements", UINT32_MAX, &n))
        return false;
    e->count = n;
    if (e->func_indices) {
        e->funcs = qw_calloc(d->eng, n, sizeof *e->funcs);
        if (n && !e->funcs)
            return oom(d);
        for (uint32_t i = 0; i < n; i++) {
            const uint8_t *at = d->r.p;
            if (!qw_read_u32(&d->r, &e->funcs[i]))
                return false;
            if (e->funcs[i] >= m->nfuncs)
                return qw_fail_at(&d->r, at, QW_ERR_INVALID, "unknown function %u", e->funcs[i]);
            m->func_declared[e->funcs[i]] = 1;
        }
        return true;
    }
    e->exprs = qw_calloc(d->eng, n, sizeof *e->exprs);
    if (n && !e->exprs)
        return oom(d);
    for (uint32_t i = 0; i < n; i++) {
        if (!read_const_expr(d, e->type, m->nglobals, &e->exprs[i]))
            return false;
    }
    return true;
}

static bool read_elem_offset(decoder *d, qw_elem *e)
{
    qw_module *m = d->m;
    e->mode = QW_SEG_ACTIVE;
    if (e->table >= m->ntables)
        return qw_fail_at(&d->r, d->r.p, QW_ERR_INVALID, "unknown table %u", e->table);
    qw_valtype at = m->tables[e->table].limits.is64 ? QW_I64 : QW_I32;
    return read_const_expr(d, at, m->nglobals, &e->offset);
}

static bool decode_elem(decoder *d, qw_elem *e)
{
    qw_module *m = d->m;
    const uint8_t *at = d->r.p;
    uint32_t flags;
    if (!qw_read_u32(&d->r, &flags))
        return false;
    if (flags > 7)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed elements segment kind");
    e->func_indices = !(flags & 4);
    /* 3.0: a vector of function indices has type (ref func) */
    e->type = e->func_indices ? QW_VT_REFTYPE(0, QW_HT_FUNC) : QW_FUNCREF;
    if ((flags & 3) == 2 && !read_table_index(d, &e->table))
        return false;
    if (!(flags & 1)) {
        if (!read_elem_offset(d, e))
            return false;
    } else {
        e->mode = (flags & 2) ? QW_SEG_DECLARATIVE : QW_SEG_PASSIVE;
    }
    if (flags & 3) {
        if (e->func_indices) {
            const uint8_t *kat = d->r.p;
            uint8_t kind;
            if (!qw_read_u8(&d->r, &kind))
                return false;
            if (kind != 0)
                return qw_fail_at(&d->r, kat, QW_ERR_MALFORMED, "malformed element kind");
        } else if (!read_reftype(d, &e->type)) {
            return false;
        }
    }
    if (!read_elem_inits(d, e))
        return false;
    if (e->mode == QW_SEG_ACTIVE && !qw_types_sub(m, e->type, m->tables[e->table].elem)) {
        char b1[48], b2[48];
        return qw_fail_at(&d->r, at, QW_ERR_INVALID, "type mismatch: elements of %s in table of %s",
                          qw_types_name(e->type, b1, sizeof b1),
                          qw_types_name(m->tables[e->table].elem, b2, sizeof b2));
    }
    return true;
}

static bool decode_elems(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "element segments", LIMIT_ELEMS, &n))
        return false;
    m->elems = qw_calloc(d->eng, n, sizeof *m->elems);
    if (n && !m->elems)
        return oom(d);
    for (uint32_t i = 0; i < n; i++) {
        m->nelems = i + 1;
        if (!decode_elem(d, &m->elems[i]))
            return false;
    }
    return true;
}

static bool decode_data_count(decoder *d)
{
    qw_module *m = d->m;
    if (!qw_read_u32(&d->r, &m->data_count))
        return false;
    if (m->data_count > LIMIT_DATAS)
        return limit(d, "data segments", m->data_count, LIMIT_DATAS);
    m->has_data_count = true;
    return true;
}

static bool decode_data(decoder *d, qw_data *s)
{
    qw_module *m = d->m;
    const uint8_t *at = d->r.p;
    uint32_t flags;
    if (!qw_read_u32(&d->r, &flags))
        return false;
    if (flags > 2)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed data segment kind");
    s->mode = flags == 1 ? QW_SEG_PASSIVE : QW_SEG_ACTIVE;
    if (flags == 2) {
        const uint8_t *mat = d->r.p;
        if (!qw_read_u32(&d->r, &s->memory))
            return false;
        if (s->memory >= m->nmemories)
            return qw_fail_at(&d->r, mat, QW_ERR_INVALID, "unknown memory %u", s->memory);
    }
    if (s->mode == QW_SEG_ACTIVE) {
        if (s->memory >= m->nmemories)
            return qw_fail_at(&d->r, d->r.p, QW_ERR_INVALID, "unknown memory %u", s->memory);
        qw_valtype it = m->memories[s->memory].limits.is64 ? QW_I64 : QW_I32;
        if (!read_const_expr(d, it, m->nglobals, &s->offset))
            return false;
    }
    const uint8_t *bytes = NULL;
    if (!qw_read_u32(&d->r, &s->len) || !qw_read_bytes(&d->r, s->len, &bytes))
        return false;
    if (s->len && !d->validate_only) {
        s->bytes = qw_alloc(d->eng, s->len);
        if (!s->bytes)
            return oom(d);
        memcpy(s->bytes, bytes, s->len);
    }
    return true;
}

static bool decode_datas(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!read_count(d, "data segments", LIMIT_DATAS, &n))
        return false;
    if (m->has_data_count && n != m->data_count)
        return qw_malformed(&d->r, "data count and data section have inconsistent lengths");
    m->datas = qw_calloc(d->eng, n, sizeof *m->datas);
    if (n && !m->datas)
        return oom(d);
    for (uint32_t i = 0; i < n; i++) {
        m->ndatas = i + 1;
        if (!decode_data(d, &m->datas[i]))
            return false;
    }
    return true;
}

/* ---- code --------------------------------------------------------------------------------- */

static bool read_locals(decoder *d, qw_func_decl *f)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!qw_read_u32(&d->r, &n))
        return false;
    if (n > (size_t)(d->r.end - d->r.p)) {
        d->r.p = d->r.end;
        return qw_leb_fail_end(&d->r);
    }
    if (!grow(d, (void **)&m->local_runs, m->nlocal_runs, n, sizeof *m->local_runs))
        return false;
    f->run_off = m->nlocal_runs;
    uint64_t total = 0;
    const qw_type *t = &m->types[f->type];
    for (uint32_t i = 0; i < n; i++) {
        qw_local_run *run = &m->local_runs[m->nlocal_runs];
        if (!qw_read_u32(&d->r, &run->count))
            return false;
        run->first = (uint32_t)total;
        total += run->count;
        if (total > UINT32_MAX)
            return qw_malformed(&d->r, "too many locals");
        if (!read_valtype(d, &run->type))
            return false;
        if (run->count == 0)
            continue;
        m->nlocal_runs++;
        f->nruns++;
    }
    if (total + t->nparams > LIMIT_LOCALS)
        return limit(d, "locals", total + t->nparams, LIMIT_LOCALS);
    f->nlocals = (uint32_t)total;
    return true;
}

static bool decode_code(decoder *d)
{
    qw_module *m = d->m;
    uint32_t n;
    const uint8_t *at = d->r.p;
    if (!read_count(d, "functions", LIMIT_FUNCS, &n))
        return false;
    /* fewer bodies than functions is reported after the last section, as the spec tests want */
    if (n > d->nfunc_decls)
        return qw_fail_at(&d->r, at, QW_ERR_MALFORMED,
                          "function and code section have inconsistent lengths");
    d->ncode = n;
    /* one copy of the whole section; function bodies are ranges of it */
    const uint8_t *sec = d->r.p;
    /* the count may already have run past the declared end: a size mismatch reported later */
    size_t len = sec < d->sec_end ? (size_t)(d->sec_end - sec) : 0;
    if (len && !d->validate_only) {
        m->code = qw_alloc(d->eng, len);
        if (!m->code)
            return oom(d);
        memcpy(m->code, sec, len);
        m->code_len = (uint32_t)len;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t fi = m->nfunc_imports + i;
        qw_func_decl *f = &m->funcs[fi];
        uint32_t size;
        if (!qw_read_u32(&d->r, &size))
            return false;
        if (size > (size_t)(d->r.end - d->r.p))
            return qw_malformed(&d->r, "length out of bounds");
        if (size > LIMIT_BODY_SIZE)
            return limit(d, "function body bytes", size, LIMIT_BODY_SIZE);
        const uint8_t *body_end = d->r.p + size;
        d->r.func = fi;
        if (!read_locals(d, f))
            return false;
        f->body_off = qw_reader_offset(&d->r);
        f->code = (uint32_t)(d->r.p - sec);
        f->code_len = (uint32_t)(body_end - d->r.p);
        if (!qw_valid_func(&d->v, &d->r, fi))
            return false;
        if (d->r.p != body_end)
            return qw_malformed(&d->r, "section size mismatch");
        d->r.func = QW_NO_FUNC;
    }
    return true;
}

/* ---- custom sections and the name section ------------------------------------------------ */

/* The name section is advisory: a malformed one is ignored (Custom Sections, "Name Section"), so
 * it is parsed with its own reader and its errors are dropped. Out of memory is still an error.
 * Returns false only when out of memory. */
static bool parse_name_map(decoder *d, qw_reader *r, qw_name **out, uint32_t *count)
{
    uint32_t n;
    if (!qw_read_u32(r, &n) || n > (size_t)(r->end - r->p))
        return true;
    qw_name *names = qw_calloc(d->eng, n, sizeof *names);
    if (n && !names)
        return oom(d);
    *out = names;
    *count = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        const uint8_t *bytes;
        if (!qw_read_u32(r, &names[i].index) || !qw_read_u32(r, &len) ||
            !qw_read_bytes(r, len, &bytes) || !utf8_valid(bytes, len))
            return true;
        if (i && names[i].index <= names[i - 1].index) /* must be sorted: lookups bisect */
            return true;
        names[i].name = qw_alloc(d->eng, (size_t)len + 1);
        if (!names[i].name)
            return oom(d);
        memcpy(names[i].name, bytes, len);
        names[i].name[len] = 0;
        names[i].len = len;
        *count = i + 1;
    }
    return true;
}

static bool parse_local_names(decoder *d, qw_reader *s)
{
    qw_module *m = d->m;
    uint32_t n;
    if (!qw_read_u32(s, &n) || n > (size_t)(s->end - s->p))
        return true;
    m->local_names = qw_calloc(d->eng, n, sizeof *m->local_names);
    if (n && !m->local_names)
        return oom(d);
    for (uint32_t i = 0; i < n; i++) {
        qw_local_names *ln = &m->local_names[i];
        m->nlocal_names = i + 1;
        if (!qw_read_u32(s, &ln->func))
            return true;
        if (!parse_name_map(d, s, &ln->names, &ln->count))
            return false;
    }
    return true;
}

static bool parse_name_section(decoder *d, const uint8_t *p, const uint8_t *end)
{
    qw_module *m = d->m;
    qw_error scratch = {0};
    qw_reader r = {p, end, d->r.base, &scratch, QW_NO_FUNC, true};
    while (r.p < r.end) {
        uint8_t id;
        uint32_t size, len;
        const uint8_t *sub, *bytes;
        if (!qw_read_u8(&r, &id) || !qw_read_u32(&r, &size) || !qw_read_bytes(&r, size, &sub))
            return true;
        qw_reader s = {sub, sub + size, r.base, &scratch, QW_NO_FUNC, true};
        if (id == 0 && !m->module_name) {
            if (qw_read_u32(&s, &len) && qw_read_bytes(&s, len, &bytes) && utf8_valid(bytes, len)) {
                if (!dup_name(d, bytes, len, &m->module_name))
                    return false;
                m->module_name_len = len;
            }
        } else if (id == 1 && !m->func_names) {
            if (!parse_name_map(d, &s, &m->func_names, &m->nfunc_names))
                return false;
        } else if (id == 2 && !m->local_names) {
            if (!parse_local_names(d, &s))
                return false;
        }
    }
    return true;
}

static bool decode_custom(decoder *d)
{
    qw_module *m = d->m;
    const uint8_t *name;
    uint32_t name_len;
    d->r.section_eof = false;
    if (!read_name_raw(d, &name, &name_len))
        return false;
    if (d->r.p > d->sec_end)
        return qw_leb_fail_end(&d->r);
    if (!grow(d, (void **)&m->customs, m->ncustoms, 1, sizeof *m->customs))
        return false;
    qw_custom *c = &m->customs[m->ncustoms++];
    memset(c, 0, sizeof *c);
    if (!dup_name(d, name, name_len, &c->name))
        return false;
    c->name_len = name_len;
    c->len = (uint32_t)(d->sec_end - d->r.p);
    if (c->len && !d->validate_only) {
        c->bytes = qw_alloc(d->eng, c->len);
        if (!c->bytes)
            return oom(d);
        memcpy(c->bytes, d->r.p, c->len);
    }
    if (name_len == 4 && memcmp(name, "name", 4) == 0 && !d->validate_only &&
        !parse_name_section(d, d->r.p, d->sec_end))
        return false;
    d->r.p = d->sec_end;
    return true;
}

/* ---- the module --------------------------------------------------------------------------- */

/* Position of each known section id in the required order (0: custom, anywhere). */
static int section_rank(uint8_t id)
{
    static const int8_t rank[14] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
    return id < 14 ? rank[id] : -1;
}

static bool decode_section(decoder *d, uint8_t id)
{
    switch (id) {
    case 0:
        return decode_custom(d);
    case 1:
        return decode_types(d);
    case 2:
        return decode_imports(d);
    case 3:
        return decode_funcs(d);
    case 4:
        return decode_tables(d);
    case 5:
        return decode_memories(d);
    case 6:
        return decode_globals(d);
    case 7:
        return decode_exports(d);
    case 8:
        return decode_start(d);
    case 9:
        return decode_elems(d);
    case 10:
        return decode_code(d);
    case 11:
        return decode_datas(d);
    case 12:
        return decode_data_count(d);
    default:
        return decode_tags(d);
    }
}

/* Before exports, elements or code need C.refs: the flag array spans every function. */
static bool ensure_declared(decoder *d)
{
    qw_module *m = d->m;
    if (m->func_declared || m->nfuncs == 0)
        return true;
    m->func_declared = qw_calloc(d->eng, m->nfuncs, 1);
    return m->func_declared ? true : oom(d);
}

static bool decode_sections(decoder *d)
{
    qw_module *m = d->m;
    const uint8_t *mod_end = d->r.end;
    int last = 0;
    while (d->r.p < mod_end) {
        const uint8_t *at = d->r.p;
        uint8_t id;
        uint32_t size;
        if (!qw_read_u8(&d->r, &id))
            return false;
        int rank = section_rank(id);
        if (rank < 0)
            return qw_fail_at(&d->r, at, QW_ERR_MALFORMED, "malformed section id");
        if (!qw_read_u32(&d->r, &size))
            return false;
        if (size > (size_t)(mod_end - d->r.p))
            return qw_malformed(&d->r, "length out of bounds");
        if (rank != 0) {
            if (rank <= last)
                return qw_fail_at(&d->r, at, QW_ERR_MALFORMED,
                                  "unexpected content after last section");
            last = rank;
        }
        if ((id == 7 || id == 9 || id == 10 || id == 6 || id == 4 || id == 11) &&
            !ensure_declared(d))
            return false;
        d->sec_end = d->r.p + size;
        /* the reference interpreter words truncation in the element section as at top level */
        d->r.section_eof = id != 9;
        if (!decode_section(d, id))
            return false;
        d->r.section_eof = false;
        if (d->r.p != d->sec_end)
            return qw_fail_at(&d->r, d->sec_end, QW_ERR_MALFORMED, "section size mismatch");
    }
    if (d->nfunc_decls != d->ncode)
        return qw_malformed(&d->r, "function and code section have inconsistent lengths");
    if (m->has_data_count && m->data_count != m->ndatas)
        return qw_malformed(&d->r, "data count and data section have inconsistent lengths");
    return true;
}

bool qw_decode_module(qw_module *m, const uint8_t *bytes, size_t len, bool validate_only,
                      qw_error *err)
{
    static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6D};
    static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
    decoder d;
    memset(&d, 0, sizeof d);
    if (!bytes) /* an empty buffer may come as NULL: no arithmetic on it */
        bytes = magic, len = 0;
    d.m = m;
    d.eng = m->eng;
    d.validate_only = validate_only;
    d.err = err;
    d.r.p = bytes;
    d.r.base = bytes;
    d.r.end = bytes + len;
    d.r.err = err;
    d.r.func = QW_NO_FUNC;
    m->start = QW_NO_INDEX;
    if (len > LIMIT_MODULE_SIZE)
        return limit(&d, "module bytes", len, LIMIT_MODULE_SIZE);
    const uint8_t *p;
    if (!qw_read_bytes(&d.r, 4, &p))
        return false;
    if (memcmp(p, magic, 4) != 0)
        return qw_fail_at(&d.r, p, QW_ERR_MALFORMED, "magic header not detected");
    if (!qw_read_bytes(&d.r, 4, &p))
        return false;
    if (memcmp(p, version, 4) != 0)
        return qw_fail_at(&d.r, p, QW_ERR_MALFORMED, "unknown binary version");
    bool ok = qw_valid_init(&d.v, m) ? decode_sections(&d) : oom(&d);
    qw_valid_fini(&d.v);
    qw_canon_fini(d.eng, &d.canon);
    return ok;
}
