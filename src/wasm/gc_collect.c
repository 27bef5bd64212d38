/* gc_collect.c: allocation and lifetime of GC objects, and the store's collector, which also
 * collects instances (it replaced instance.c's collection of instances alone, because cycles
 * run through both: a global of an instance holds a struct that holds a function of the
 * instance). Design: docs/design/references.md, "GC objects".
 *
 * Counts say who holds an object outside the frames; frames borrow. So an object whose count
 * falls to zero while code runs is not freed (a slot may still hold it) but waits for the
 * collector. The collector is a trial deletion: from each object's count it subtracts the
 * holds of other heap objects and of instances (tables, globals, segments only instances
 * hold); what remains is held from outside (embedder handles, exceptions, the keep list,
 * shared tables and globals) and is a root, as is, while code runs, every object whose address
 * is in a frame slot (a conservative scan: a number that looks like an object keeps it alive,
 * which is safe). Everything not reached from a root is freed. */
#include "gc.h"
#include "instance.h"

#include <string.h>

/* Code running allocates this many bytes (or as many as are live, if more) between
 * collections, so collection costs amortised constant time per byte allocated. */
#define MIN_DEBT (UINT64_C(4) << 20)

static void free_obj(qw_store *s, qw_gcobj *o)
{
    if (o->prev)
        o->prev->next = o->next;
    else
        s->gc_objs = o->next;
    if (o->next)
        o->next->prev = o->prev;
    uint64_t total = sizeof *o + o->bytes;
    s->gc_count--;
    s->gc_bytes -= total;
    qw_store_refund_memory(s, total);
    qw_module_unref(o->mod);
    qw_free(s->eng, o);
}

static void collect(qw_store *s, qw_slot *top);

qw_gcobj *qw_gc_alloc(qw_store *s, qw_module *mod, uint32_t type, qw_refkind kind, uint64_t bytes,
                      qw_slot *top)
{
    if (bytes > QW_GC_MAX_BYTES)
        return NULL;
    uint64_t total = sizeof(qw_gcobj) + bytes;
    if (top && s->gc_debt >= MIN_DEBT && s->gc_debt >= s->gc_bytes)
        collect(s, top);
    if (!qw_store_charge_memory(s, total)) {
        if (!top)
            return NULL;
        collect(s, top); /* the limit may be reached by garbage */
        if (!qw_store_charge_memory(s, total))
            return NULL;
    }
    qw_gcobj *o = qw_calloc(s->eng, 1, (size_t)total);
    if (!o) {
        qw_store_refund_memory(s, total);
        return NULL;
    }
    qw_obj_init(&o->hdr, kind);
    o->hdr.refs = 0; /* frames borrow: the first holder counts */
    o->store = s;
    o->mod = qw_module_ref(mod);
    o->type = type;
    o->bytes = (uint32_t)bytes;
    o->next = s->gc_objs;
    if (o->next)
        o->next->prev = o;
    s->gc_objs = o;
    s->gc_count++;
    s->gc_bytes += total;
    s->gc_debt += total;
    return o;
}

/* ---- counts -------------------------------------------------------------------------------- */

bool qw_gc_zero(qw_obj *obj)
{
    qw_gcobj *o = (qw_gcobj *)obj;
    qw_store *s = o->store;
    if (o->dying || s->depth > 0 || s->gc_running)
        return false; /* the collector frees it (a frame may still hold it) */
    o->dying = 1;
    return true;
}

static void release_into(void *dead, qw_ref r)
{
    qw_ref_release_into(r, dead);
}

void qw_gc_destroy(qw_obj *obj, qw_obj **dead)
{
    qw_gcobj *o = (qw_gcobj *)obj;
    qw_gc_visit(o, release_into, dead);
    free_obj(o->store, o);
}

bool qw_gc_needs_keep(qw_ref r)
{
    qw_refkind k = qw_ref_kind(r);
    return k == QW_REFKIND_EXTERN || k == QW_REFKIND_EXN ||
           (k == QW_REFKIND_FUNC && !((qw_func *)r)->inst);
}

bool qw_gc_reserve_keep(qw_store *s, uint64_t n)
{
    if (s->depth == 0 || n <= s->keep_cap - s->nkeep)
        return true;
    if (n > SIZE_MAX / 2 / sizeof(qw_ref) - s->nkeep)
        return false;
    size_t cap = s->keep_cap ? s->keep_cap : 16;
    while (cap - s->nkeep < n)
        cap *= 2;
    qw_ref *k = qw_realloc_array(s->eng, s->keep, cap, sizeof *k);
    if (!k)
        return false;
    s->keep = k;
    s->keep_cap = cap;
    return true;
}

void qw_gc_drop(qw_store *s, qw_ref old)
{
    if (!old || qw_ref_is_i31(old))
        return;
    if (s->depth > 0 && qw_gc_needs_keep(old))
        s->keep[s->nkeep++] = old; /* reserved by the caller */
    else
        qw_ref_release(old);
}

/* ---- the collector ------------------------------------------------------------------------- */

bool qw_gc_edge(qw_ref ref, bool subtract)
{
    qw_gcobj *o = qw_gc_of(ref);
    if (!o || o->dying)
        return false;
    if (subtract) {
        o->gc--;
        return false;
    }
    if (o->marked)
        return false;
    o->marked = 1;
    o->gray = o->store->gc_gray;
    o->store->gc_gray = o;
    return true;
}

static void subtract_visit(void *user, qw_ref r)
{
    (void)user;
    qw_instance_gc_edge(r, true);
}

static void mark_visit(void *more, qw_ref r)
{
    *(bool *)more |= qw_instance_gc_edge(r, false);
}

static size_t addr_hash(const void *p, size_t mask)
{
    uint64_t h = (uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & mask;
}

/* Marks every object whose address is in a frame slot below top, looked up in an open-addressing
 * set of the live objects' addresses (allocated through the engine, so it can fail: false). */
static bool scan_frames(qw_store *s, qw_slot *top)
{
    size_t cap = 16;
    while (cap < s->gc_count * 2)
        cap *= 2;
    qw_gcobj **set = qw_calloc(s->eng, cap, sizeof *set);
    if (!set)
        return false;
    for (qw_gcobj *o = s->gc_objs; o; o = o->next) {
        size_t h = addr_hash(o, cap - 1);
        while (set[h])
            h = (h + 1) & (cap - 1);
        set[h] = o;
    }
    for (qw_slot *p = s->stack; p < top; p++) {
        const void *v = p->ref;
        if (!v || ((uintptr_t)v & 7u) != 0)
            continue; /* null, i31 or not an object's alignment */
        for (size_t h = addr_hash(v, cap - 1); set[h]; h = (h + 1) & (cap - 1)) {
            if ((const void *)set[h] == v) {
                qw_gc_edge(&set[h]->hdr, false);
                break;
            }
        }
    }
    qw_free(s->eng, set);
    return true;
}

static void count_kept(void *n, qw_ref r)
{
    if (qw_gc_needs_keep(r))
        (*(uint64_t *)n)++;
}

static void release_field(void *s, qw_ref r)
{
    qw_gc_drop(s, r);
}

/* Counts and roots: phases 1 to 3 of a collection. False when out of memory. */
static bool find_roots(qw_store *s, qw_slot *top)
{
    for (qw_instance *i = s->instances; i; i = i->next) {
        i->gc = i->refs;
        i->reached = i->gc_scanned = false;
    }
    for (qw_gcobj *o = s->gc_objs; o; o = o->next) {
        o->gc = o->hdr.refs;
        o->marked = 0;
    }
    for (qw_instance *i = s->instances; i; i = i->next) {
        if (!i->dying)
            qw_instance_gc_edges(s, i, true);
    }
    for (qw_gcobj *o = s->gc_objs; o; o = o->next) {
        if (!o->dying)
            qw_gc_visit(o, subtract_visit, NULL);
    }
    s->gc_gray = NULL;
    /* While code runs, instances are not collected: they are all roots. */
    for (qw_instance *i = s->instances; i; i = i->next)
        i->reached = !i->dying && (top || i->gc > 0);
    for (qw_gcobj *o = s->gc_objs; o; o = o->next) {
        if (!o->dying && o->gc > 0)
            qw_gc_edge(&o->hdr, false);
    }
    return !top || scan_frames(s, top);
}

static void mark(qw_store *s)
{
    bool more = true;
    while (more) {
        more = false;
        while (s->gc_gray) {
            qw_gcobj *o = s->gc_gray;
            s->gc_gray = o->gray;
            qw_gc_visit(o, mark_visit, &more);
        }
        for (qw_instance *i = s->instances; i; i = i->next) {
            if (i->reached && !i->dying && !i->gc_scanned) {
                i->gc_scanned = true;
                qw_instance_gc_edges(s, i, false);
                more = true;
            }
        }
    }
}

/* Frees the unmarked objects and unreached instances. Each dying object's holds are dropped
 * before any memory is freed, so a count falling on a dying object never frees it twice. */
static void sweep(qw_store *s, bool running)
{
    uint64_t kept = 0;
    for (qw_gcobj *o = s->gc_objs; o; o = o->next) {
        if (!o->dying && !o->marked) {
            o->dying = 2;
            if (running)
                qw_gc_visit(o, count_kept, &kept);
        }
    }
    if (running && !qw_gc_reserve_keep(s, kept)) {
        for (qw_gcobj *o = s->gc_objs; o; o = o->next)
            o->dying = o->dying == 2 ? 0 : o->dying;
        return;
    }
    for (qw_instance *i = s->instances; !running && i; i = i->next) {
        if (!i->dying && !i->reached)
            i->dying = i->collected = true;
    }
    for (qw_instance *i = s->instances; i; i = i->next) {
        if (i->collected)
            qw_instance_release_contents(i);
    }
    for (qw_gcobj *o = s->gc_objs; o; o = o->next) {
        if (o->dying == 2)
            qw_gc_visit(o, release_field, s);
    }
    for (qw_gcobj *o = s->gc_objs, *next; o; o = next) {
        next = o->next;
        if (o->dying == 2)
            free_obj(s, o);
    }
    for (qw_instance *i = s->instances, *next; i; i = next) {
        next = i->next;
        if (i->collected)
            qw_instance_free(i);
    }
}

/* top NULL: no code runs (instances may be collected); else the frame slots to scan. */
static void collect(qw_store *s, qw_slot *top)
{
    if (s->gc_running)
        return;
    s->gc_running = true;
    s->refs++; /* the last object going must not free the store under us */
    if (find_roots(s, top)) {
        mark(s);
        sweep(s, top != NULL);
        s->gc_debt = 0;
    }
    s->gc_gray = NULL;
    s->gc_running = false;
    qw_store_unref(s);
}

void qw_gc_collect(qw_store *s)
{
    if (s->depth == 0)
        collect(s, NULL);
}

void qw_gc_store_free(qw_store *s)
{
    /* Nothing outside holds these (an object holding a function, extern box or exception would
     * have kept the store alive through it), so their fields hold only each other. */
    while (s->gc_objs)
        free_obj(s, s->gc_objs);
}
