/* host.h: what the runtime's main needs from the host layer (src/host): the event loop, timers,
 * the module loader and the host globals. Each init function defines its globals on the context's
 * global object and returns 0, or -1 with a JS exception pending. */
#ifndef HOST_H
#define HOST_H

#include "qjs_compat.h"
#include "quickjs.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

/* The state of one qwasm process: one loop, one runtime, one context. The context's opaque
 * pointer is this struct. */
typedef struct host_timer host_timer;
typedef struct host_rejection host_rejection;
typedef struct host_watchdog host_watchdog;
typedef struct host_rt {
    uv_loop_t loop;
    JSRuntime *rt;
    JSContext *ctx;
    int exit_code;   /* what the process returns; set to 1 by the first reported error */
    bool stopping;   /* an error was reported: no more JavaScript runs */
    int script_argc; /* the script's own arguments (qwasm.args) */
    char **script_argv;
    uint64_t hr_origin; /* uv_hrtime() at start, for performance.now() */
    double time_origin; /* the same instant in ms since the Unix epoch */
    int timer_nesting;  /* HTML timer nesting level of the running timer task, 0 outside */
    int32_t next_timer_id;
    host_timer **timers; /* active timers, sorted by id (ids only grow) */
    size_t timer_count, timer_cap;
    host_rejection *rejections; /* rejected promises that have no handler yet */
    host_watchdog *watchdog;    /* --timeout, or NULL */
} host_rt;

/* loop.c: the event loop, the microtask checkpoint and error reporting. */
int host_loop_init(host_rt *h, JSRuntime *rt, JSContext *ctx);
/* Runs the loop until it is empty or an error stopped it. */
void host_loop_run(host_rt *h);
/* Closes every handle and frees what the loop kept; the context stays usable to free values. */
void host_loop_fini(host_rt *h);
/* Ends a macrotask: runs every pending job, then reports a promise rejection that is still
 * unhandled. Returns -1 (and stops the loop) if something was reported. */
int host_loop_after_task(host_rt *h);
/* Reports the pending exception as uncaught on stderr, sets exit code 1, stops the loop. */
void host_report_exception(host_rt *h);
/* Prints "<prefix><value>" with the stack of an Error to stderr. */
void host_print_error(JSContext *ctx, const char *prefix, JSValueConst val);
static inline host_rt *host_from_ctx(JSContext *ctx)
{
    return JS_GetContextOpaque(ctx);
}

/* watchdog.c: --timeout. After ms milliseconds running WebAssembly (wasm's store) and JavaScript
 * are interrupted and the process ends with HOST_TIMEOUT_STATUS and "qwasm: timeout after N ms".
 * start returns 0, or -1 after saying why. */
#define HOST_TIMEOUT_STATUS 124 /* as timeout(1) */
struct qwjs_state;
int host_watchdog_start(host_rt *h, uint64_t ms, struct qwjs_state *wasm);
/* Whether the time is up (an error reported now is the timeout's doing). */
bool host_timed_out(const host_rt *h);
/* Reports the timeout and stops the loop, unless an error already ended the program. */
void host_report_timeout(host_rt *h);
/* Ends the watchdog thread before teardown, reporting the timeout if the time ran out. */
void host_watchdog_stop(host_rt *h);

/* timers.c: setTimeout, setInterval, clearTimeout, clearInterval (HTML timers). */
int host_timers_init(JSContext *ctx);
/* Stops and releases every timer (at exit). */
void host_timers_fini(host_rt *h);

/* globals.c: self, queueMicrotask, performance and the qwasm namespace. */
int host_globals_init(JSContext *ctx);

/* loader.c: the ES module loader (relative specifiers, resolved against the importer). */
void host_loader_init(JSRuntime *rt);
/* Compiles a module and sets its import.meta; returns the module value or JS_EXCEPTION. */
JSValue host_loader_compile(JSContext *ctx, const char *src, size_t len, const char *name);

/* path.c: normalises a path lexically ("a/./b/../c" -> "a/c"); the result is malloc'ed (NULL on
 * OOM). */
char *host_path_normalize(const char *path);

/* file.c: reads a whole file into a NUL-terminated malloc'ed buffer. On failure returns NULL and
 * sets *err to an errno value (EISDIR for a directory, ENOMEM when it does not fit). */
char *host_read_file(const char *path, size_t *len, int *err);

/* console: log, info, warn, error, debug, trace, assert, time/timeEnd, count (src/host/console.c).
 * log/info/debug write to stdout, warn/error/trace/assert to stderr. */
int host_console_init(JSContext *ctx);

/* TextEncoder and TextDecoder, UTF-8 only, WHATWG Encoding semantics (src/host/encoding.c). */
int host_encoding_init(JSContext *ctx);

/* fetch() for local files, Response and Headers (src/host/fetch.c). */
int host_fetch_init(JSContext *ctx);

/* Formats a value as console.log would show it (Node's util.inspect style). The caller frees the
 * returned string with JS_FreeCString; NULL with an exception pending on failure. */
const char *host_inspect(JSContext *ctx, JSValueConst val);

#endif
