/* Unit tests of memory.c and store.c: creation limits, growth in place and by remapping, the
 * store's accounting (a 4 GiB maximum commits nothing), memory64, shared memories, the bounds
 * helpers at every boundary, and allocation failure. */
#include "alloc_hook.h"
#include "memory.h"
#include "qw.h"

#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static qw_store *new_store(qw_engine *eng, uint64_t max_bytes)
{
    qw_store_config cfg = {0};
    cfg.max_memory_bytes = max_bytes;
    return qw_store_new(eng, &cfg);
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static void test_grow_in_place(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, 10, false, false, &err);
    CHECK(mem != NULL && err.kind == QW_ERR_NONE);
    CHECK(qw_memory_pages(mem) == 1 && qw_memory_bytes(mem) == QW_PAGE_SIZE);
    CHECK(qw_memory_max_pages(mem) == 10 && !qw_memory_is64(mem) && !qw_memory_is_shared(mem));
    CHECK(qw_memory_host_data(mem) == NULL);
    qw_memory_set_host_data(mem, &err);
    CHECK(qw_memory_host_data(mem) == &err);
    uint8_t *data = qw_memory_data(mem);
    CHECK(data != NULL && all_zero(data, QW_PAGE_SIZE));
    data[0] = 1;
    data[QW_PAGE_SIZE - 1] = 2;
    CHECK(qw_store_memory_committed(store) == QW_PAGE_SIZE);

    CHECK(qw_memory_grow(mem, 2) == 1);
    CHECK(qw_memory_data(mem) == data); /* a maximum was given: never moves */
    CHECK(qw_memory_pages(mem) == 3 && qw_memory_bytes(mem) == 3 * QW_PAGE_SIZE);
    CHECK(data[0] == 1 && data[QW_PAGE_SIZE - 1] == 2);
    CHECK(all_zero(data + QW_PAGE_SIZE, 2 * QW_PAGE_SIZE));
    data[3 * QW_PAGE_SIZE - 1] = 3;
    CHECK(qw_store_memory_committed(store) == 3 * QW_PAGE_SIZE);

    CHECK(qw_memory_grow(mem, 0) == 3);
    CHECK(qw_memory_grow(mem, 8) == -1); /* 11 > max 10 */
    CHECK(qw_memory_pages(mem) == 3 && qw_store_memory_committed(store) == 3 * QW_PAGE_SIZE);
    CHECK(qw_memory_grow(mem, UINT64_MAX) == -1);
    CHECK(qw_memory_grow(mem, 7) == 3);
    CHECK(qw_memory_pages(mem) == 10 && qw_memory_data(mem) == data);
    CHECK(qw_memory_grow(mem, 1) == -1);

    /* a second holder keeps it alive */
    CHECK(qw_memory_ref(mem) == mem);
    qw_memory_unref(mem);
    CHECK(qw_memory_pages(mem) == 10);
    qw_memory_unref(mem);
    CHECK(qw_store_memory_committed(store) == 0);
    qw_memory_unref(NULL);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_max_4gib_commits_nothing(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 0, QW_MAX_PAGES_32, false, false, &err);
    CHECK(mem != NULL);
    CHECK(qw_store_memory_committed(store) == 0);
    CHECK(qw_memory_bytes(mem) == 0 && qw_memory_pages(mem) == 0);
    uint8_t *data = qw_memory_data(mem);
    CHECK(data != NULL); /* address space reserved */
    CHECK(qw_memory_grow(mem, 1) == 0);
    CHECK(qw_memory_data(mem) == data);
    CHECK(qw_store_memory_committed(store) == QW_PAGE_SIZE);
    data[QW_PAGE_SIZE - 1] = 7;
    CHECK(qw_memory_grow(mem, 16) == 1 && qw_memory_data(mem) == data);
    data[17 * QW_PAGE_SIZE - 1] = 9;
    CHECK(data[QW_PAGE_SIZE - 1] == 7);
    CHECK(qw_memory_grow(mem, QW_MAX_PAGES_32) == -1);
    qw_memory_unref(mem);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static int grow_calls;
static uint64_t grow_seen_pages;

static void on_grow(void *user, qw_memory *mem)
{
    grow_calls += *(int *)user;
    grow_seen_pages = qw_memory_pages(mem);
}

static void test_grow_without_max_moves(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, QW_NO_MAX, false, false, &err);
    CHECK(mem != NULL && qw_memory_max_pages(mem) == QW_NO_MAX);
    uint8_t *data = qw_memory_data(mem);
    for (int i = 0; i < 256; i++)
        data[i * 256] = (uint8_t)i;
    int one = 1;
    grow_calls = 0;
    qw_memory_set_grow_callback(mem, on_grow, &one);
    CHECK(qw_memory_grow(mem, 3) == 1);
    CHECK(grow_calls == 1 && grow_seen_pages == 4); /* told, since the data may have moved */
    data = qw_memory_data(mem);
    bool same = true;
    for (int i = 0; i < 256; i++)
        same = same && data[i * 256] == (uint8_t)i;
    CHECK(same);
    CHECK(all_zero(data + QW_PAGE_SIZE, 3 * QW_PAGE_SIZE));
    data[4 * QW_PAGE_SIZE - 1] = 1;
    CHECK(qw_memory_grow(mem, QW_MAX_PAGES_32 - 3) == -1); /* beyond the 32-bit limit */
    CHECK(qw_memory_pages(mem) == 4);
    qw_memory_unref(mem);

    /* from zero pages without a maximum: nothing mapped until the first grow */
    mem = qw_memory_new(store, 0, QW_NO_MAX, false, false, &err);
    CHECK(mem != NULL && qw_memory_data(mem) == NULL && qw_memory_bytes(mem) == 0);
    CHECK(qw_memory_grow(mem, 0) == 0);
    CHECK(qw_memory_grow(mem, 2) == 0);
    CHECK(qw_memory_data(mem) != NULL && all_zero(qw_memory_data(mem), 2 * QW_PAGE_SIZE));
    qw_memory_unref(mem);

    /* max 0: a memory that can never hold a byte */
    mem = qw_memory_new(store, 0, 0, false, false, &err);
    CHECK(mem != NULL && qw_memory_bytes(mem) == 0);
    CHECK(qw_memory_grow(mem, 1) == -1 && qw_memory_grow(mem, 0) == 0);
    qw_memory_unref(mem);
    CHECK(qw_store_memory_committed(store) == 0);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_store_limit(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng, 4 * QW_PAGE_SIZE);
    qw_error err = {0};
    CHECK(qw_memory_new(store, 5, 10, false, false, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_LIMIT, "memory size 5 pages exceeds the store limit");

    err = (qw_error){0};
    qw_memory *a = qw_memory_new(store, 2, 100, false, false, &err);
    CHECK(a != NULL);
    CHECK(qw_memory_grow(a, 3) == -1); /* 5 pages > 4 */
    CHECK(qw_memory_grow(a, 1) == 2);
    qw_memory *b = qw_memory_new(store, 2, QW_NO_MAX, false, false, &err);
    CHECK(b == NULL);
    CHECK_ERR(&err, QW_ERR_LIMIT, "memory size exceeds the store limit");
    b = qw_memory_new(store, 1, QW_NO_MAX, false, false, &(qw_error){0});
    CHECK(b != NULL && qw_store_memory_committed(store) == 4 * QW_PAGE_SIZE);
    CHECK(qw_memory_grow(b, 1) == -1 && qw_memory_grow(a, 1) == -1);
    qw_memory_unref(a);
    CHECK(qw_memory_grow(b, 3) == 1); /* the freed pages are available again */
    qw_memory_unref(b);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_reservation_capped_by_store(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = new_store(eng, 16 * QW_PAGE_SIZE);
    qw_error err = {0};
    /* a 4 GiB maximum reserves only the 16 pages the store could ever commit */
    qw_memory *mem = qw_memory_new(store, 1, QW_MAX_PAGES_32, false, false, &err);
    CHECK(mem != NULL && qw_memory_max_pages(mem) == QW_MAX_PAGES_32);
    uint8_t *data = qw_memory_data(mem);
    CHECK(qw_memory_grow(mem, 15) == 1 && qw_memory_data(mem) == data);
    data[16 * QW_PAGE_SIZE - 1] = 5;
    CHECK(qw_memory_grow(mem, 1) == -1 && qw_memory_pages(mem) == 16);
    CHECK(qw_store_memory_committed(store) == 16 * QW_PAGE_SIZE);
    qw_memory_unref(mem);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_invalid_limits(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    CHECK(qw_memory_new(store, 2, 1, false, false, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "size minimum must not be greater than maximum");
    err = (qw_error){0};
    CHECK(qw_memory_new(store, 65537, QW_NO_MAX, false, false, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "memory size must be at most 65536 pages (4GiB)");
    err = (qw_error){0};
    CHECK(qw_memory_new(store, 0, 65537, false, false, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "memory size must be at most 65536 pages (4GiB)");
    err = (qw_error){0};
    CHECK(qw_memory_new(store, 1, QW_NO_MAX, false, true, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "shared memory must have maximum");
    err = (qw_error){0};
    CHECK(qw_memory_new(store, QW_MAX_PAGES_64 + 1, QW_NO_MAX, true, false, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "memory size must be at most 2^48 pages");
    /* the first error wins */
    CHECK(qw_memory_new(store, 2, 1, false, false, &err) == NULL);
    CHECK_ERR(&err, QW_ERR_INVALID, "memory size must be at most 2^48 pages");
    CHECK(qw_memory_new(store, 2, 1, false, false, NULL) == NULL); /* err is optional */
    qw_store_unref(store);
    qw_engine_free(eng);
}

static void test_memory64(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    /* a 2^48-page maximum reserves only what the store could commit (16 GiB) */
    qw_memory *mem = qw_memory_new(store, 1, QW_MAX_PAGES_64, true, false, &err);
    CHECK(mem != NULL && qw_memory_is64(mem));
    CHECK(qw_store_memory_committed(store) == QW_PAGE_SIZE);
    uint8_t *data = qw_memory_data(mem);
    CHECK(qw_memory_grow(mem, 1) == 1 && qw_memory_data(mem) == data);
    CHECK(qw_memory_grow(mem, QW_MAX_PAGES_64) == -1);
    CHECK(qw_memory_grow(mem, UINT64_MAX) == -1);
    CHECK(qw_memory_grow(mem, (QW_DEFAULT_MAX_MEMORY_BYTES / QW_PAGE_SIZE)) == -1);
    CHECK(qw_memory_pages(mem) == 2);
    qw_memory_unref(mem);

    /* beyond 4 GiB of pages is allowed for memory64 (creation only checks the type limit) */
    mem = qw_memory_new(store, 0, 70000, true, false, &err);
    CHECK(mem != NULL && qw_memory_max_pages(mem) == 70000);
    CHECK(qw_memory_grow(mem, 3) == 0);
    qw_memory_unref(mem);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_shared_and_callback(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, 4, false, true, &err);
    CHECK(mem != NULL && qw_memory_is_shared(mem));
    int one = 1;
    grow_calls = 0;
    qw_memory_set_grow_callback(mem, on_grow, &one);
    uint8_t *data = qw_memory_data(mem);
    CHECK(qw_memory_grow(mem, 3) == 1 && qw_memory_data(mem) == data);
    CHECK(grow_calls == 1 && grow_seen_pages == 4);
    CHECK(qw_memory_grow(mem, 1) == -1 && grow_calls == 1);
    CHECK(qw_memory_grow(mem, 0) == 4 && grow_calls == 1);
    qw_memory_unref(mem);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

static void test_bounds_helpers(void)
{
    const uint64_t m = QW_PAGE_SIZE;
    CHECK(qw_memory_in_bounds(m, m - 1, 0, 1));
    CHECK(!qw_memory_in_bounds(m, m, 0, 1));
    CHECK(qw_memory_in_bounds(m, m, 0, 0)); /* empty access at the end */
    CHECK(!qw_memory_in_bounds(m, m + 1, 0, 0));
    CHECK(qw_memory_in_bounds(m, 0, m, 0));
    CHECK(!qw_memory_in_bounds(m, 0, m + 1, 0));
    CHECK(qw_memory_in_bounds(m, m - 8, 0, 8) && !qw_memory_in_bounds(m, m - 7, 0, 8));
    CHECK(qw_memory_in_bounds(m, 4, m - 12, 8) && !qw_memory_in_bounds(m, 5, m - 12, 8));
    CHECK(!qw_memory_in_bounds(m, m - 4, 4, 1));
    CHECK(!qw_memory_in_bounds(m, 0, 0, m + 1));
    /* sums that wrap in 64 bits */
    CHECK(!qw_memory_in_bounds(m, UINT64_MAX, 1, 1));
    CHECK(!qw_memory_in_bounds(m, 1, UINT64_MAX, 1));
    CHECK(!qw_memory_in_bounds(m, UINT64_MAX - 7, 8, 8));
    CHECK(!qw_memory_in_bounds(m, UINT64_MAX, UINT64_MAX, UINT64_MAX));
    CHECK(!qw_memory_in_bounds(m, 8, UINT64_MAX - 7, 16));
    CHECK(qw_memory_in_bounds(UINT64_MAX, UINT64_MAX - 8, 4, 4));
    CHECK(!qw_memory_in_bounds(UINT64_MAX, UINT64_MAX - 8, 4, 5));
    CHECK(qw_memory_in_bounds(0, 0, 0, 0) && !qw_memory_in_bounds(0, 0, 0, 1));

    CHECK(qw_memory_in_bounds32(m, (uint32_t)m - 8, 0, 8));
    CHECK(!qw_memory_in_bounds32(m, (uint32_t)m - 7, 0, 8));
    CHECK(!qw_memory_in_bounds32(m, UINT32_MAX, UINT32_MAX, 16));
    CHECK(!qw_memory_in_bounds32(m, 1, UINT32_MAX, 1));
    CHECK(qw_memory_in_bounds32(UINT64_C(1) << 32, UINT32_MAX, 0, 1));
    CHECK(!qw_memory_in_bounds32(UINT64_C(1) << 32, UINT32_MAX, 1, 1));
    CHECK(qw_memory_in_bounds32(m, 0, (uint32_t)m - 16, 16));
}

static void test_bulk_operations(void)
{
    qw_engine *eng = test_engine_new();
    qw_store *store = qw_store_new(eng, NULL);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, 2, false, false, &err);
    qw_memory *other = qw_memory_new(store, 1, QW_NO_MAX, false, false, &err);
    uint8_t *d = qw_memory_data(mem);
    const uint64_t m = QW_PAGE_SIZE;

    CHECK(qw_memory_fill(mem, 10, 0xaa, 5) == QW_TRAP_NONE);
    CHECK(d[9] == 0 && d[10] == 0xaa && d[14] == 0xaa && d[15] == 0);
    CHECK(qw_memory_fill(mem, m - 2, 1, 3) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(d[m - 2] == 0 && d[m - 1] == 0); /* nothing written on a trap */
    CHECK(qw_memory_fill(mem, m, 1, 0) == QW_TRAP_NONE);
    CHECK(qw_memory_fill(mem, m + 1, 1, 0) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_fill(mem, 1, 1, UINT64_MAX) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);

    for (int i = 0; i < 8; i++)
        d[100 + i] = (uint8_t)(i + 1);
    CHECK(qw_memory_copy(mem, 102, mem, 100, 6) == QW_TRAP_NONE); /* overlapping upwards */
    CHECK(d[101] == 2 && d[102] == 1 && d[107] == 6);
    CHECK(qw_memory_copy(mem, 100, mem, 102, 6) == QW_TRAP_NONE); /* and back down */
    CHECK(d[100] == 1 && d[105] == 6 && d[107] == 6);
    CHECK(qw_memory_copy(mem, m - 4, mem, 0, 5) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_copy(mem, 0, mem, m - 4, 5) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_copy(mem, m, mem, m, 0) == QW_TRAP_NONE);
    CHECK(qw_memory_copy(other, 0, mem, 100, 8) == QW_TRAP_NONE);
    CHECK(qw_memory_data(other)[0] == 1 && qw_memory_data(other)[7] == 6);
    CHECK(qw_memory_copy(other, 0, mem, UINT64_MAX, 2) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);

    static const uint8_t seg[4] = {9, 8, 7, 6};
    CHECK(qw_memory_init(mem, 200, seg, 4, 1, 3) == QW_TRAP_NONE);
    CHECK(d[199] == 0 && d[200] == 8 && d[202] == 6 && d[203] == 0);
    CHECK(qw_memory_init(mem, 0, seg, 4, 2, 3) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_init(mem, m - 1, seg, 4, 0, 2) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_init(mem, 0, seg, 4, 4, 0) == QW_TRAP_NONE);
    CHECK(qw_memory_init(mem, 0, seg, 4, 5, 0) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_init(mem, 0, NULL, 0, 0, 0) == QW_TRAP_NONE); /* dropped segment */
    CHECK(d[0] == 0);

    /* a memory with no pages at all */
    qw_memory *empty = qw_memory_new(store, 0, 0, false, false, &err);
    CHECK(qw_memory_fill(empty, 0, 1, 0) == QW_TRAP_NONE);
    CHECK(qw_memory_fill(empty, 0, 1, 1) == QW_TRAP_OUT_OF_BOUNDS_MEMORY);
    CHECK(qw_memory_copy(empty, 0, mem, 0, 0) == QW_TRAP_NONE);
    qw_memory_unref(empty);
    qw_memory_unref(other);
    qw_memory_unref(mem);
    qw_store_unref(store);
    qw_engine_free(eng);
    CHECK(allocs.live == 0);
}

/* When the address space is limited (ulimit -v) the 4 GiB reservation is refused: the memory
 * falls back to mapping just its pages and moving on growth; a shared memory cannot do that and
 * fails cleanly. Run in a child process under RLIMIT_AS; not under ASAN, whose shadow memory
 * needs the address space. */
static int limited_address_space_child(void)
{
    struct rlimit rl = {256u << 20, 256u << 20};
    if (setrlimit(RLIMIT_AS, &rl) != 0)
        return 2;
    qw_store *store = qw_store_new(qw_engine_new(NULL), NULL);
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, QW_MAX_PAGES_32, false, false, &err);
    if (!mem || qw_memory_grow(mem, 15) != 1 || qw_memory_pages(mem) != 16)
        return 3;
    qw_memory_data(mem)[16 * QW_PAGE_SIZE - 1] = 1;
    if (qw_memory_grow(mem, 60000) != -1 || qw_memory_pages(mem) != 16)
        return 4; /* beyond the address space: refused, unchanged */
    qw_memory *shared = qw_memory_new(store, 1, QW_MAX_PAGES_32, false, true, &err);
    if (shared || err.kind != QW_ERR_OOM)
        return 5;
    return 0;
}

static void test_limited_address_space(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return;
#endif
#endif
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(limited_address_space_child());
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static bool scenario_memory(qw_engine *eng)
{
    qw_store *store = qw_store_new(eng, NULL);
    if (!store)
        return false;
    qw_error err = {0};
    qw_memory *mem = qw_memory_new(store, 1, 2, false, false, &err);
    bool ok = mem != NULL;
    if (!mem)
        CHECK_ERR(&err, QW_ERR_OOM, "out of memory");
    else
        CHECK(qw_memory_grow(mem, 1) == 1);
    qw_memory_unref(mem);
    qw_store_unref(store);
    return ok;
}

static void test_memory_oom(void)
{
    CHECK_OOM(scenario_memory);
}

int main(void)
{
    RUN(test_grow_in_place);
    RUN(test_max_4gib_commits_nothing);
    RUN(test_grow_without_max_moves);
    RUN(test_store_limit);
    RUN(test_reservation_capped_by_store);
    RUN(test_invalid_limits);
    RUN(test_memory64);
    RUN(test_shared_and_callback);
    RUN(test_bounds_helpers);
    RUN(test_bulk_operations);
    RUN(test_limited_address_space);
    RUN(test_memory_oom);
    return check_summary();
}
