/* memory.h: the linear memory object and the bounds checks the interpreter inlines. Internal to
 * src/wasm. */
#ifndef QW_MEMORY_H
#define QW_MEMORY_H

#include "qw.h"

#include <stddef.h>
#include <stdint.h>

struct qw_memory {
    qw_store *store;
    size_t refs;
    bool is64, shared;
    uint64_t pages;
    uint64_t max_pages; /* as declared; QW_NO_MAX when none */
    uint8_t *base;      /* start of the mapping, NULL while nothing is mapped */
    size_t committed;   /* read-write bytes: pages * QW_PAGE_SIZE */
    size_t reserved;    /* bytes mapped, committed + PROT_NONE tail */
    void (*grow_fn)(void *user, qw_memory *mem);
    void *grow_user;
    void *host_data; /* the embedder's, e.g. the JS wrapper */
};

/* Whether an access of size bytes at addr + offset lies within a memory of mem_bytes bytes, for
 * any 64-bit addr and offset (memory64): never computes a sum that can wrap. */
static inline bool qw_memory_in_bounds(uint64_t mem_bytes, uint64_t addr, uint64_t offset,
                                       uint64_t size)
{
    return size <= mem_bytes && offset <= mem_bytes - size && addr <= mem_bytes - size - offset;
}

/* The 32-bit memory fast path: addr and offset are below 2^32 and size at most 16, so the sum
 * fits in 64 bits and one compare suffices. */
static inline bool qw_memory_in_bounds32(uint64_t mem_bytes, uint32_t addr, uint32_t offset,
                                         uint32_t size)
{
    return (uint64_t)addr + offset + size <= mem_bytes;
}

/* Bulk memory instructions (memory.fill, memory.copy, memory.init). Each checks its whole range
 * first and returns QW_TRAP_OUT_OF_BOUNDS_MEMORY without writing anything when it does not fit;
 * n == 0 at the very end of the memory or data is in bounds. */
qw_trap qw_memory_fill(qw_memory *mem, uint64_t dst, uint8_t val, uint64_t n);
qw_trap qw_memory_copy(qw_memory *dst_mem, uint64_t dst, const qw_memory *src_mem, uint64_t src,
                       uint64_t n);
qw_trap qw_memory_init(qw_memory *mem, uint64_t dst, const uint8_t *data, uint64_t data_len,
                       uint64_t src, uint64_t n);

#endif
