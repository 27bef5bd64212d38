/* bench-decode: times decode+validate (qw_module_validate, what issue 4 measures) or the whole
 * qw_module_compile (validation plus the interpreter's code) on one module, and reports the
 * throughput (best of several runs) and the memory the call adds on top of the input bytes. */
#include "qw.h"

#include <stdbool.h>
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

typedef enum { MODE_VALIDATE, MODE_COMPILE } bench_mode;

/* One run of the measured call; false (and a message) when the module is refused. */
static bool run_once(qw_engine *eng, bench_mode mode, const uint8_t *bytes, size_t size)
{
    qw_error err;
    if (mode == MODE_VALIDATE) {
        if (qw_module_validate(eng, bytes, size, &err))
            return true;
    } else {
        qw_module *m = qw_module_compile(eng, bytes, size, &err);
        if (m) {
            qw_module_unref(m);
            return true;
        }
    }
    fprintf(stderr, "module refused: %s\n", err.msg);
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "validate") != 0 && strcmp(argv[1], "compile") != 0)) {
        fprintf(stderr, "usage: bench-decode validate|compile FILE.wasm [RUNS]\n");
        return 2;
    }
    bench_mode mode = strcmp(argv[1], "validate") == 0 ? MODE_VALIDATE : MODE_COMPILE;
    int runs = argc > 3 ? atoi(argv[3]) : 5;
    FILE *f = fopen(argv[2], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        return 2;
    long size = ftell(f);
    rewind(f);
    uint8_t *bytes = malloc(size);
    if (!bytes || fread(bytes, 1, size, f) != (size_t)size)
        return 2;
    fclose(f);
    qw_engine *eng = qw_engine_new(NULL);
    /* The first run is measured for memory in this fresh process: the peak resident set during
     * it minus the resident set before it (the input bytes already count in both). */
    long rss_before = status_kb("VmRSS:");
    if (!run_once(eng, mode, bytes, size))
        return 1;
    long peak = status_kb("VmHWM:");
    double best = 1e9, best_wall = 1e9;
    for (int i = 0; i < runs; i++) {
        double w0 = now(CLOCK_MONOTONIC), t0 = now(CLOCK_THREAD_CPUTIME_ID);
        if (!run_once(eng, mode, bytes, size))
            return 1;
        double t = now(CLOCK_THREAD_CPUTIME_ID) - t0, w = now(CLOCK_MONOTONIC) - w0;
        if (t < best)
            best = t;
        if (w < best_wall)
            best_wall = w;
    }
    const char *what = mode == MODE_VALIDATE ? "decode+validate (qw_module_validate)"
                                             : "decode+validate+compile (qw_module_compile)";
    printf("%s: %.1f ms CPU, %.0f MB/s; %.1f ms wall, %.0f MB/s (best of %d)\n", what, best * 1e3,
           size / 1e6 / best, best_wall * 1e3, size / 1e6 / best_wall, runs);
    printf("  memory added: %.1f MB (%.2fx the %.1f MB module), peak RSS %.1f MB\n",
           (peak - rss_before) / 1e3, (peak - rss_before) * 1e3 / size, size / 1e6, peak / 1e3);
    qw_engine_free(eng);
    free(bytes);
    return 0;
}
