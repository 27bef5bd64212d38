/* main.c: the qwasm command line: options, the script or module to run, and the exit status
 * (0 success, 1 uncaught error or unhandled rejection, 2 usage error or unreadable file). */
#include "host.h"
#include "qwjs.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef QWASM_VERSION
#define QWASM_VERSION "0.1.0"
#endif
#ifndef QWASM_QJS_VERSION
#define QWASM_QJS_VERSION "unknown"
#endif

static const char usage_text[] =
    "usage: qwasm [options] FILE [ARG...]\n"
    "       qwasm [options] -e CODE [ARG...]\n"
    "\n"
    "Runs FILE as a script, or as an ES module if its name ends in .mjs or --module is given.\n"
    "FILE '-' is the standard input. The ARGs after FILE (or CODE) are the script's own: it\n"
    "sees them in qwasm.args.\n"
    "\n"
    "options:\n"
    "  -e, --eval CODE   run CODE instead of a file\n"
    "  -m, --module      run FILE or CODE as an ES module (import, top-level await)\n"
    "  --max-memory=BYTES  WebAssembly linear memory and tables, all together (default 16G):\n"
    "                    beyond it memory.grow gives -1 and JS a RangeError\n"
    "  --stack-size=BYTES  the WebAssembly stack of each call (default 1M) and the JavaScript\n"
    "                    stack (at most the process's, ulimit -s): deeper recursion throws\n"
    "                    a RangeError\n"
    "  --timeout=MS      stop running JavaScript and WebAssembly after MS milliseconds and\n"
    "                    exit with status 124\n"
    "  -h, --help        show this help and exit\n"
    "  -v, --version     show the version and exit\n"
    "  --                end of options: the next argument is FILE\n"
    "\n"
    "BYTES is a number with an optional suffix K, M or G (times 1024, 1024^2, 1024^3).\n";

typedef struct options {
    const char *file; /* NULL with -e */
    const char *code; /* the -e CODE */
    bool module;
    int rest;            /* argv index of the script's first own argument */
    uint64_t max_memory; /* --max-memory; 0: the engine's default */
    uint64_t stack_size; /* --stack-size; 0: the defaults */
    uint64_t timeout_ms; /* --timeout; 0: none */
} options;

/* "123", "64K", "16M", "2G" (binary multiples) into *out; false if malformed, zero or too big. */
static bool parse_size(const char *s, bool suffixes, uint64_t *out)
{
    uint64_t v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    unsigned shift = 0;
    if (suffixes && *p) {
        const char *units = "KkMmGg", *u = strchr(units, *p);
        if (!u)
            return false;
        shift = 10 * (unsigned)((u - units) / 2 + 1);
        p++;
    }
    if (p == s || *p || v == 0 || v > UINT64_MAX >> shift)
        return false;
    *out = v << shift;
    return true;
}

/* A limit option, as --name=VALUE or --name VALUE; returns 1 if argv[*i] is not one of them, 0
 * when it was parsed, 2 on a usage error (reported). */
static int parse_limit(int argc, char **argv, int *i, options *o)
{
    static const struct {
        const char *name;
        bool suffixes;
        size_t field;
    } limits[] = {
        {"--max-memory", true, offsetof(options, max_memory)},
        {"--stack-size", true, offsetof(options, stack_size)},
        {"--timeout", false, offsetof(options, timeout_ms)},
    };
    const char *a = argv[*i];
    for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) {
        size_t n = strlen(limits[k].name);
        if (strncmp(a, limits[k].name, n) != 0 || (a[n] != '=' && a[n] != '\0'))
            continue;
        const char *value = a[n] == '=' ? a + n + 1 : NULL;
        if (!value && *i + 1 < argc)
            value = argv[++*i];
        uint64_t *field = (uint64_t *)((char *)o + limits[k].field);
        if (!value || !parse_size(value, limits[k].suffixes, field)) {
            fprintf(stderr, "qwasm: %s needs %s, not '%s' (see qwasm --help)\n", limits[k].name,
                    limits[k].suffixes ? "a size in bytes such as 65536, 64K, 16M or 2G"
                                       : "a number of milliseconds above 0",
                    value ? value : "");
            return 2;
        }
        return 0;
    }
    return 1;
}

/* Returns -1 to exit 0 (help, version), 0 to run, 2 on a usage error (already reported). */
static int parse_args(int argc, char **argv, options *o)
{
    int i = 1, r;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return -1;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--version")) {
#if QJS_COMPAT_NG
            printf("qwasm %s (quickjs-ng %d.%d.%d, libuv %s)\n", QWASM_VERSION, QJS_VERSION_MAJOR,
                   QJS_VERSION_MINOR, QJS_VERSION_PATCH, uv_version_string());
#else
            printf("qwasm %s (QuickJS %s, libuv %s)\n", QWASM_VERSION, QWASM_QJS_VERSION,
                   uv_version_string());
#endif
            return -1;
        } else if (!strcmp(a, "-m") || !strcmp(a, "--module")) {
            o->module = true;
        } else if (!strncmp(a, "--", 2) && (r = parse_limit(argc, argv, &i, o)) != 1) {
            if (r)
                return r;
        } else if (!strcmp(a, "-e") || !strcmp(a, "--eval")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "qwasm: option %s needs an argument (the code to run)\n", a);
                return 2;
            }
            o->code = argv[++i];
            o->rest = i + 1;
            return 0;
        } else {
            fprintf(stderr, "qwasm: unknown option '%s' (see qwasm --help)\n", a);
            return 2;
        }
    }
    if (i >= argc) {
        fputs("qwasm: no script given\n", stderr);
        fputs(usage_text, stderr);
        return 2;
    }
    o->file = argv[i];
    o->rest = i + 1;
    size_t n = strlen(o->file);
    if (n > 4 && strcmp(o->file + n - 4, ".mjs") == 0)
        o->module = true;
    return 0;
}

/* The main module's evaluation promise has not settled yet: if the loop empties while this
 * holds, the module waits for something that can no longer happen. */
static bool main_pending;

static void settle_main(host_rt *h, bool fulfilled, JSValueConst value);

/* A module that awaits at top level hands back a promise; these two functions observe it. */
static JSValue on_main_settled(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int magic, JSValue *data)
{
    (void)this_val, (void)data;
    settle_main(host_from_ctx(ctx), magic == 0, argc > 0 ? argv[0] : JS_UNDEFINED);
    return JS_UNDEFINED;
}

static void settle_main(host_rt *h, bool fulfilled, JSValueConst value)
{
    main_pending = false;
    if (!fulfilled && host_timed_out(h)) {
        host_report_timeout(h);
    } else if (!fulfilled && !h->stopping) {
        host_print_error(h->ctx, "Uncaught ", value);
        h->exit_code = 1;
        h->stopping = true;
        uv_stop(&h->loop);
    }
}

static int watch_main_promise(host_rt *h, JSValue promise)
{
    JSContext *ctx = h->ctx;
    JSValue then = JS_GetPropertyStr(ctx, promise, "then");
    JSValue fns[2] = {JS_NewCFunctionData(ctx, on_main_settled, 1, 0, 0, NULL),
                      JS_NewCFunctionData(ctx, on_main_settled, 1, 1, 0, NULL)};
    JSValue r = JS_EXCEPTION;
    if (!JS_IsException(then) && !JS_IsException(fns[0]) && !JS_IsException(fns[1]))
        r = JS_Call(ctx, then, promise, 2, (JSValueConst *)fns);
    JS_FreeValue(ctx, then);
    JS_FreeValue(ctx, fns[0]);
    JS_FreeValue(ctx, fns[1]);
    JS_FreeValue(ctx, promise);
    if (JS_IsException(r))
        return -1;
    JS_FreeValue(ctx, r);
    main_pending = true;
    return 0;
}

/* Evaluates the program; returns 2 if the file cannot be read, else 0 (errors are reported). */
static int run_program(host_rt *h, const options *o)
{
    JSContext *ctx = h->ctx;
    char *src = NULL, *name = NULL;
    size_t len;
    if (o->file) {
        /* "-" reads the standard input; its module name makes imports relative to the cwd. */
        bool is_stdin = strcmp(o->file, "-") == 0;
        int err;
        src = host_read_file(is_stdin ? "/dev/stdin" : o->file, &len, &err);
        if (!src) {
            fprintf(stderr, "qwasm: cannot read '%s': %s\n", o->file, strerror(err));
            return 2;
        }
        name = host_path_normalize(is_stdin ? "<stdin>" : o->file);
    } else {
        len = strlen(o->code);
        name = host_path_normalize("<eval>");
    }
    if (!name) {
        free(src);
        fputs("qwasm: out of memory\n", stderr);
        h->exit_code = 1;
        return 0;
    }
    const char *text = src ? src : o->code;
    JSValue ret;
    if (o->module) {
        ret = host_loader_compile(ctx, text, len, name);
        if (!JS_IsException(ret))
            ret = JS_EvalFunction(ctx, ret);
    } else {
        ret = JS_Eval(ctx, text, len, name, JS_EVAL_TYPE_GLOBAL);
    }
    free(src);
    free(name);
    if (JS_IsException(ret)) {
        host_report_exception(h);
    } else if (o->module && JS_IsObject(ret)) {
        /* The patched QuickJS 2021 returns the body's promise only while it is still pending;
         * newer trees always return one. */
        if (watch_main_promise(h, ret) < 0)
            host_report_exception(h);
    } else {
        JS_FreeValue(ctx, ret);
    }
    host_loop_after_task(h);
    return 0;
}

/* QuickJS's default limit (256 KiB of C stack) allows only a few hundred nested calls, fewer
 * in the sanitizer build: the limit follows the process's stack size instead, less a margin for
 * the frames that run without a check (libc, libuv, our own). --stack-size (requested) can only
 * lower it: the C stack cannot grow beyond the process's. */
static void set_stack_limit(JSRuntime *rt, uint64_t requested)
{
    const size_t margin = 1u << 20, fallback = 8u << 20;
    size_t size = fallback;
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        size = (size_t)rl.rlim_cur;
    size = size > 2 * margin ? size - margin : size / 2;
    if (requested && requested < size)
        size = (size_t)requested;
    JS_SetMaxStackSize(rt, size);
}

/* The WebAssembly binding settles compile promises from loop callbacks: a task of its own. */
static void wasm_after_task(void *user)
{
    host_loop_after_task(user);
}

static int init_globals(host_rt *h, const options *o, qwjs_state **wasm)
{
    JSContext *ctx = h->ctx;
    qwjs_host wh = {.loop = &h->loop,
                    .after_task = wasm_after_task,
                    .user = h,
                    .max_memory_bytes = o->max_memory,
                    .stack_bytes = o->stack_size > SIZE_MAX ? SIZE_MAX : (size_t)o->stack_size};
    if (host_globals_init(ctx) < 0 || host_timers_init(ctx) < 0 || host_console_init(ctx) < 0 ||
        host_encoding_init(ctx) < 0 || host_fetch_init(ctx) < 0 || qwjs_init(ctx, &wh, wasm) < 0)
        return -1;
    return 0;
}

/* A closed stdin, stdout or stderr would be reused by the next open (libuv's epoll and event fds
 * among them), and output meant for it would land there: keep them open on /dev/null. */
static void keep_std_fds_open(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int nfd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (nfd >= 0 && nfd != fd) {
                dup2(nfd, fd);
                close(nfd);
            }
        }
    }
}

int main(int argc, char **argv)
{
    keep_std_fds_open();
    options o = {0};
    int r = parse_args(argc, argv, &o);
    if (r)
        return r < 0 ? 0 : r;

    host_rt h = {0};
    h.hr_origin = uv_hrtime();
    struct timeval tv;
    gettimeofday(&tv, NULL);
    h.time_origin = (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
    h.script_argc = argc - o.rest;
    h.script_argv = argv + o.rest;

    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = rt ? JS_NewContext(rt) : NULL;
    if (!ctx) {
        fputs("qwasm: cannot create the JavaScript runtime: out of memory\n", stderr);
        if (rt)
            JS_FreeRuntime(rt);
        return 1;
    }
    if (host_loop_init(&h, rt, ctx) < 0) { /* it said why */
        JS_FreeContext(ctx);
        JS_FreeRuntime(rt);
        return 1;
    }
    set_stack_limit(rt, o.stack_size);
    host_loader_init(rt);
    int status = 0;
    qwjs_state *wasm = NULL;
    if (init_globals(&h, &o, &wasm) < 0) {
        host_report_exception(&h);
    } else if (o.timeout_ms && host_watchdog_start(&h, o.timeout_ms, wasm) < 0) {
        h.exit_code = 1;
    } else {
        status = run_program(&h, &o);
        host_loop_run(&h);
        host_watchdog_stop(&h);
        if (main_pending && !h.stopping) {
            fprintf(stderr, "qwasm: the module's top-level await never settled (nothing left "
                            "to wait for)\n");
            h.exit_code = 1;
        }
    }
    host_loop_fini(&h);
    qwjs_release_values(wasm);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    qwjs_free(wasm);
    fflush(stdout);
    return status ? status : h.exit_code;
}
