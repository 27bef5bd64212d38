/* memory.c: linear memories (spec "Memory instances", "Growing memories"; memory64; the JS API's
 * WebAssembly.Memory). The pages are mapped with mmap, not the engine's allocation hook: the
 * allocator hook serves bookkeeping, while linear memory needs address-space reservation.
 * Address space for the maximum (capped by the store's memory limit) is reserved PROT_NONE at
 * creation and committed with mprotect on grow, so with a maximum the data never moves and a
 * 4 GiB maximum commits nothing up front. Without a maximum, or when the reservation could not be
 * made, growth beyond the mapping uses mremap and may move the data. Shared memories never move.
 * Bounds are checked explicitly (memory.h); there are no guard pages. */
#include "memory.h"
#include "store.h"

#include <string.h>
#include <sys/mman.h>

static uint64_t type_limit(bool is64)
{
    return is64 ? QW_MAX_PAGES_64 : QW_MAX_PAGES_32;
}

/* pages * QW_PAGE_SIZE as a size_t, or false when it does not fit the address space. */
static bool pages_to_bytes(uint64_t pages, size_t *bytes)
{
    if (pages > (uint64_t)(SIZE_MAX / QW_PAGE_SIZE))
        return false;
    *bytes = (size_t)pages * QW_PAGE_SIZE;
    return true;
}

/* Maps reserve bytes PROT_NONE and makes the first commit bytes read-write. */
static uint8_t *map_region(size_t reserve, size_t commit)
{
    void *p = mmap(NULL, reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (commit && mprotect(p, commit, PROT_READ | PROT_WRITE) != 0) {
        munmap(p, reserve);
        return NULL;
    }
    return p;
}

static bool check_limits(qw_store *store, uint64_t min, uint64_t max, bool is64, bool shared,
                         qw_error *err)
{
    uint64_t limit = type_limit(is64);
    if (min > limit || (max != QW_NO_MAX && max > limit))
        return qw_store_fail(err, QW_ERR_INVALID,
                             is64 ? "memory size must be at most 2^48 pages"
                                  : "memory size must be at most 65536 pages (4GiB)");
    if (max != QW_NO_MAX && min > max)
        return qw_store_fail(err, QW_ERR_INVALID, "size minimum must not be greater than maximum");
    if (shared && max == QW_NO_MAX)
        return qw_store_fail(err, QW_ERR_INVALID, "shared memory must have maximum");
    if (min > store->max_memory_bytes / QW_PAGE_SIZE)
        return qw_store_fail(err, QW_ERR_LIMIT,
                             "memory size %llu pages exceeds the store limit of %llu bytes",
                             (unsigned long long)min, (unsigned long long)store->max_memory_bytes);
    return true;
}

/* How much address space to reserve: the maximum, capped by what the store could ever commit
 * and by the address space; without a maximum just the initial size. */
static size_t reservation(const qw_store *store, uint64_t max, size_t commit)
{
    if (max == QW_NO_MAX)
        return commit;
    uint64_t cap = store->max_memory_bytes / QW_PAGE_SIZE;
    size_t bytes;
    if (!pages_to_bytes(max < cap ? max : cap, &bytes))
        bytes = (SIZE_MAX / 2) & ~(size_t)(QW_PAGE_SIZE - 1);
    return bytes > commit ? bytes : commit;
}

/* Maps the initial pages inside a reservation of *reserve bytes. A huge reservation can be
 * refused (ulimit -v, 32-bit hosts): then settle for the initial size and move on growth, which a
 * shared memory must never do. */
static bool map_initial(size_t commit, size_t *reserve, bool shared, uint8_t **base)
{
    *base = NULL;
    if (!*reserve)
        return true;
    *base = map_region(*reserve, commit);
    if (!*base && *reserve > commit && !shared) {
        *reserve = commit;
        *base = commit ? map_region(commit, commit) : NULL;
    }
    return *base || !*reserve;
}

qw_memory *qw_memory_new(qw_store *store, uint64_t min_pages, uint64_t max_pages, bool is64,
                         bool shared, qw_error *err)
{
    size_t commit;
    if (!check_limits(store, min_pages, max_pages, is64, shared, err))
        return NULL;
    if (!pages_to_bytes(min_pages, &commit) || !qw_store_charge_memory(store, commit)) {
        qw_store_fail(err, QW_ERR_LIMIT, "memory size exceeds the store limit");
        return NULL;
    }
    size_t reserve = reservation(store, max_pages, commit);
    qw_memory *mem = qw_calloc(store->eng, 1, sizeof *mem);
    if (!mem || !map_initial(commit, &reserve, shared, &mem->base)) {
        qw_store_refund_memory(store, commit);
        if (mem)
            qw_store_fail(err, QW_ERR_OOM, "out of memory: cannot map %zu bytes", reserve);
        else
            qw_store_fail(err, QW_ERR_OOM, "out of memory");
        qw_free(store->eng, mem);
        return NULL;
    }
    mem->store = qw_store_ref(store);
    mem->refs = 1;
    mem->is64 = is64;
    mem->shared = shared;
    mem->pages = min_pages;
    mem->max_pages = max_pages;
    mem->committed = commit;
    mem->reserved = reserve;
    return mem;
}

qw_memory *qw_memory_ref(qw_memory *mem)
{
    if (mem)
        mem->refs++;
    return mem;
}

void qw_memory_unref(qw_memory *mem)
{
    if (!mem || --mem->refs != 0)
        return;
    qw_store *store = mem->store;
    if (mem->base)
        munmap(mem->base, mem->reserved);
    qw_store_refund_memory(store, mem->committed);
    qw_free(store->eng, mem);
    qw_store_unref(store);
}

/* Grows the mapping to new_bytes read-write when the reservation is too small: drop the PROT_NONE
 * tail (mremap cannot span the two mappings), then let the kernel extend or move the rest. */
static bool remap(qw_memory *mem, size_t new_bytes)
{
    if (mem->reserved > mem->committed) {
        munmap(mem->base + mem->committed, mem->reserved - mem->committed);
        mem->reserved = mem->committed;
        if (!mem->committed)
            mem->base = NULL;
    }
    void *p;
    if (!mem->base)
        p = mmap(NULL, new_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    else
        p = mremap(mem->base, mem->committed, new_bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED)
        return false;
    mem->base = p;
    mem->reserved = new_bytes;
    return true;
}

int64_t qw_memory_grow(qw_memory *mem, uint64_t delta_pages)
{
    uint64_t old = mem->pages;
    uint64_t limit = mem->max_pages != QW_NO_MAX ? mem->max_pages : type_limit(mem->is64);
    size_t new_bytes;
    if (delta_pages > limit - old || !pages_to_bytes(old + delta_pages, &new_bytes))
        return -1;
    if (delta_pages == 0)
        return (int64_t)old;
    size_t add = new_bytes - mem->committed;
    if (!qw_store_charge_memory(mem->store, add))
        return -1;
    bool ok;
    if (new_bytes <= mem->reserved)
        ok = mprotect(mem->base + mem->committed, add, PROT_READ | PROT_WRITE) == 0;
    else
        ok = !mem->shared && remap(mem, new_bytes);
    if (!ok) {
        qw_store_refund_memory(mem->store, add);
        return -1;
    }
    mem->pages = old + delta_pages;
    mem->committed = new_bytes;
    if (mem->grow_fn)
        mem->grow_fn(mem->grow_user, mem);
    return (int64_t)old;
}

uint64_t qw_memory_pages(const qw_memory *mem)
{
    return mem->pages;
}

uint64_t qw_memory_bytes(const qw_memory *mem)
{
    return mem->committed;
}

uint8_t *qw_memory_data(const qw_memory *mem)
{
    return mem->base;
}

uint64_t qw_memory_max_pages(const qw_memory *mem)
{
    return mem->max_pages;
}

bool qw_memory_is64(const qw_memory *mem)
{
    return mem->is64;
}

bool qw_memory_is_shared(const qw_memory *mem)
{
    return mem->shared;
}

void qw_memory_set_grow_callback(qw_memory *mem, void (*fn)(void *user, qw_memory *mem), void *user)
{
    mem->grow_fn = fn;
    mem->grow_user = user;
}

qw_trap qw_memory_fill(qw_memory *mem, uint64_t dst, uint8_t val, uint64_t n)
{
    if (!qw_memory_in_bounds(mem->committed, dst, 0, n))
        return QW_TRAP_OUT_OF_BOUNDS_MEMORY;
    if (n)
        memset(mem->base + dst, val, (size_t)n);
    return QW_TRAP_NONE;
}

/* memmove: source and destination may overlap within one memory. */
qw_trap qw_memory_copy(qw_memory *dst_mem, uint64_t dst, const qw_memory *src_mem, uint64_t src,
                       uint64_t n)
{
    if (!qw_memory_in_bounds(dst_mem->committed, dst, 0, n) ||
        !qw_memory_in_bounds(src_mem->committed, src, 0, n))
        return QW_TRAP_OUT_OF_BOUNDS_MEMORY;
    if (n)
        memmove(dst_mem->base + dst, src_mem->base + src, (size_t)n);
    return QW_TRAP_NONE;
}

qw_trap qw_memory_init(qw_memory *mem, uint64_t dst, const uint8_t *data, uint64_t data_len,
                       uint64_t src, uint64_t n)
{
    if (!qw_memory_in_bounds(mem->committed, dst, 0, n) ||
        !qw_memory_in_bounds(data_len, src, 0, n))
        return QW_TRAP_OUT_OF_BOUNDS_MEMORY;
    if (n)
        memcpy(mem->base + dst, data + src, (size_t)n);
    return QW_TRAP_NONE;
}

void qw_memory_set_host_data(qw_memory *mem, void *data)
{
    mem->host_data = data;
}

void *qw_memory_host_data(const qw_memory *mem)
{
    return mem->host_data;
}
