/* bench-decode: times qw_module_compile (decode + validate) on one module and reports the
 * throughput (best of several runs) and the memory the compile adds on top of the input bytes
 * (peak resident set during the first compile minus the resident set before it). */
#include "qw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0) {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    }
    if (f)
        fclose(f);
    return v;
}

/* CPU time of this thread (the machine is shared: wall time counts other jobs too) or wall. */
static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench-decode FILE.wasm [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        return 2;
    long size = ftell(f);
    rewind(f);
    uint8_t *bytes = malloc(size);
    if (!bytes || fread(bytes, 1, size, f) != (size_t)size)
        return 2;
    fclose(f);
    qw_engine *eng = qw_engine_new(NULL);
    long rss_before = status_kb("VmRSS:");
    double best = 1e9, best_wall = 1e9;
    for (int i = 0; i < runs; i++) {
        qw_error err;
        double w0 = now(CLOCK_MONOTONIC), t0 = now(CLOCK_THREAD_CPUTIME_ID);
        qw_module *m = qw_module_compile(eng, bytes, size, &err);
        double t = now(CLOCK_THREAD_CPUTIME_ID) - t0, w = now(CLOCK_MONOTONIC) - w0;
        if (w < best_wall)
            best_wall = w;
        if (!m) {
            fprintf(stderr, "%s: compile failed: %s\n", argv[1], err.msg);
            return 1;
        }
        if (i == 0) {
            long peak = status_kb("VmHWM:");
            printf("module: %.1f MB, memory added by compile: %.1f MB (%.2fx the module), "
                   "peak RSS %.1f MB\n",
                   size / 1e6, (peak - rss_before) / 1e3, (peak - rss_before) * 1e3 / size,
                   peak / 1e3);
        }
        qw_module_unref(m);
        if (t < best)
            best = t;
    }
    printf("decode+validate: %.1f ms CPU, %.0f MB/s; %.1f ms wall, %.0f MB/s (best of %d)\n",
           best * 1e3, size / 1e6 / best, best_wall * 1e3, size / 1e6 / best_wall, runs);
    /* WebAssembly.validate's path keeps no copies: reset the peak (Linux clear_refs 5) first */
    FILE *cr = fopen("/proc/self/clear_refs", "w");
    if (cr) {
        fputs("5", cr);
        fclose(cr);
        long before = status_kb("VmRSS:");
        qw_error err;
        if (qw_module_validate(eng, bytes, size, &err)) {
            long peak = status_kb("VmHWM:");
            printf("validate only: memory added %.1f MB (%.2fx the module)\n",
                   (peak - before) / 1e3, (peak - before) * 1e3 / size);
        }
    }
    qw_engine_free(eng);
    free(bytes);
    return 0;
}
