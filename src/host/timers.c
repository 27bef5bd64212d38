/* timers.c: setTimeout, setInterval, clearTimeout and clearInterval on libuv timers, following
 * HTML "timers": a shared map of active timers keyed by a positive id, the timeout converted as
 * a WebIDL long (so it wraps modulo 2^32) and clamped to 0, at least 4 ms once nested deeper than
 * 5 levels, extra arguments passed to the callback, and a string handler run as a script. */
#include "host.h"

#include <stdlib.h>
#include <string.h>

struct host_timer {
    uv_timer_t handle;
    host_rt *h;
    int32_t id;
    int nesting; /* the nesting level of the task this timer runs as */
    bool repeat;
    int32_t timeout; /* as given, before clamping */
    uint64_t due_hr; /* uv_hrtime() when the current wait ends */
    JSValue handler; /* a function, or the source string of a script */
    int argc;
    JSValue *argv;
};

/* Binary search in the id-sorted array; returns the index where id is or would go. */
static size_t find_index(host_rt *h, int32_t id)
{
    size_t lo = 0, hi = h->timer_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->timers[mid]->id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static host_timer *find_timer(host_rt *h, int32_t id)
{
    size_t i = find_index(h, id);
    return i < h->timer_count && h->timers[i]->id == id ? h->timers[i] : NULL;
}

static void free_timer(uv_handle_t *handle)
{
    host_timer *t = handle->data;
    JSContext *ctx = t->h->ctx;
    JS_FreeValue(ctx, t->handler);
    for (int i = 0; i < t->argc; i++)
        JS_FreeValue(ctx, t->argv[i]);
    free(t->argv);
    free(t);
}

/* Removes the timer from the map and releases it once libuv has closed its handle. */
static void remove_timer(host_rt *h, host_timer *t)
{
    size_t i = find_index(h, t->id);
    memmove(&h->timers[i], &h->timers[i + 1], (h->timer_count - i - 1) * sizeof h->timers[0]);
    h->timer_count--;
    uv_timer_stop(&t->handle);
    uv_close((uv_handle_t *)&t->handle, free_timer);
}

static int32_t clamp_timeout(int32_t timeout, int nesting)
{
    if (timeout < 0)
        timeout = 0;
    if (nesting > 5 && timeout < 4)
        timeout = 4;
    return timeout;
}

static void run_timer(uv_timer_t *handle);

/* Starts the wait for the timer's next run, with the nesting level of the task that set it. */
static void schedule(host_timer *t, int nesting)
{
    t->nesting = nesting + 1;
    int32_t ms = clamp_timeout(t->timeout, nesting);
    t->due_hr = uv_hrtime() + (uint64_t)ms * 1000000u;
    /* The loop's cached time may be stale after a long task: the wait starts now, as HTML says. */
    uv_update_time(&t->h->loop);
    uv_timer_start(&t->handle, run_timer, (uint64_t)ms, 0);
}

/* libuv's loop time is whole milliseconds of a coarse clock, so a timer can end up to ~2 ms
 * before its timeout has passed on performance.now()'s clock; HTML wants at least the timeout.
 * Returns true if the wait was extended to the remaining whole milliseconds. */
static bool wait_more(host_timer *t)
{
    uint64_t now = uv_hrtime();
    if (now >= t->due_hr)
        return false;
    uint64_t rest_ms = (t->due_hr - now + 999999u) / 1000000u;
    uv_timer_start(&t->handle, run_timer, rest_ms, 0);
    return true;
}

static void call_handler(host_rt *h, JSValueConst handler, int argc, JSValueConst *argv)
{
    JSContext *ctx = h->ctx;
    JSValue ret;
    if (JS_IsFunction(ctx, handler)) {
        /* HTML calls it with the global object as its this value. */
        JSValue global = JS_GetGlobalObject(ctx);
        ret = JS_Call(ctx, handler, global, argc, argv);
        JS_FreeValue(ctx, global);
    } else {
        size_t len;
        const char *src = JS_ToCStringLen(ctx, &len, handler);
        if (!src) {
            host_report_exception(h);
            return;
        }
        ret = JS_Eval(ctx, src, len, "<timer>", JS_EVAL_TYPE_GLOBAL);
        JS_FreeCString(ctx, src);
    }
    if (JS_IsException(ret))
        host_report_exception(h);
    JS_FreeValue(ctx, ret);
}

/* One timer task (HTML "timer initialization steps", the part that runs when the wait ends). */
static void run_timer(uv_timer_t *handle)
{
    host_timer *t = handle->data;
    host_rt *h = t->h;
    if (h->stopping || wait_more(t))
        return;
    JSContext *ctx = h->ctx;
    int32_t id = t->id;
    /* The callback may clear its own timer, which frees t: keep what the call needs. */
    int argc = t->argc;
    JSValue handler = JS_DupValue(ctx, t->handler);
    JSValue *argv = NULL;
    if (argc) {
        argv = malloc(sizeof *argv * (size_t)argc);
        if (!argv) {
            JS_FreeValue(ctx, handler);
            JS_ThrowOutOfMemory(ctx);
            host_report_exception(h);
            return;
        }
        for (int i = 0; i < argc; i++)
            argv[i] = JS_DupValue(ctx, t->argv[i]);
    }
    int nesting = t->nesting;
    h->timer_nesting = nesting;
    call_handler(h, handler, argc, (JSValueConst *)argv);
    h->timer_nesting = 0;
    JS_FreeValue(ctx, handler);
    for (int i = 0; i < argc; i++)
        JS_FreeValue(ctx, argv[i]);
    free(argv);

    t = find_timer(h, id);
    if (t) {
        if (t->repeat && !h->stopping)
            schedule(t, nesting);
        else
            remove_timer(h, t);
    }
    host_loop_after_task(h);
}

static JSValue set_timer(JSContext *ctx, int argc, JSValueConst *argv, bool repeat)
{
    host_rt *h = host_from_ctx(ctx);
    int32_t timeout = 0;
    /* WebIDL converts in argument order: the TimerHandler (a function, else a string), then the
     * timeout. */
    JSValueConst arg0 = argc >= 1 ? argv[0] : JS_UNDEFINED;
    JSValue handler = JS_IsFunction(ctx, arg0) ? JS_DupValue(ctx, arg0) : JS_ToString(ctx, arg0);
    if (JS_IsException(handler))
        return JS_EXCEPTION;
    if (argc >= 2 && JS_ToInt32(ctx, &timeout, argv[1]) < 0) {
        JS_FreeValue(ctx, handler);
        return JS_EXCEPTION;
    }
    if (h->next_timer_id == INT32_MAX) {
        JS_FreeValue(ctx, handler);
        return JS_ThrowRangeError(ctx, "too many timers were created");
    }
    host_timer *t = calloc(1, sizeof *t);
    int extra = argc > 2 ? argc - 2 : 0;
    JSValue *extra_argv = extra ? malloc(sizeof *extra_argv * (size_t)extra) : NULL;
    if (h->timer_count == h->timer_cap && t) {
        size_t cap = h->timer_cap ? h->timer_cap * 2 : 16;
        host_timer **nt = realloc(h->timers, cap * sizeof *nt);
        if (nt) {
            h->timers = nt;
            h->timer_cap = cap;
        }
    }
    if (!t || (extra && !extra_argv) || h->timer_count == h->timer_cap) {
        free(t);
        free(extra_argv);
        JS_FreeValue(ctx, handler);
        return JS_ThrowOutOfMemory(ctx);
    }
    for (int i = 0; i < extra; i++)
        extra_argv[i] = JS_DupValue(ctx, argv[i + 2]);
    uv_timer_init(&h->loop, &t->handle);
    t->handle.data = t;
    t->h = h;
    t->id = ++h->next_timer_id;
    t->repeat = repeat;
    t->timeout = timeout;
    t->handler = handler;
    t->argc = extra;
    t->argv = extra_argv;
    h->timers[h->timer_count++] = t; /* the largest id so far: the array stays sorted */
    schedule(t, h->timer_nesting);
    return JS_NewInt32(ctx, t->id);
}

static JSValue js_set_timeout(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    return set_timer(ctx, argc, argv, false);
}

static JSValue js_set_interval(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    return set_timer(ctx, argc, argv, true);
}

/* clearTimeout and clearInterval are the same operation on the shared map (HTML). */
static JSValue js_clear_timer(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    host_rt *h = host_from_ctx(ctx);
    int32_t id = 0;
    if (argc >= 1 && JS_ToInt32(ctx, &id, argv[0]) < 0)
        return JS_EXCEPTION;
    host_timer *t = id > 0 ? find_timer(h, id) : NULL;
    if (t)
        remove_timer(h, t);
    return JS_UNDEFINED;
}

int host_timers_init(JSContext *ctx)
{
    static const struct {
        const char *name;
        JSCFunction *fn;
        int length;
    } funcs[] = {
        {"setTimeout", js_set_timeout, 1},
        {"setInterval", js_set_interval, 1},
        {"clearTimeout", js_clear_timer, 0},
        {"clearInterval", js_clear_timer, 0},
    };
    JSValue global = JS_GetGlobalObject(ctx);
    int ret = 0;
    /* WebIDL operations: writable, enumerable, configurable. */
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0] && ret == 0; i++) {
        JSValue f = JS_NewCFunction(ctx, funcs[i].fn, funcs[i].name, funcs[i].length);
        if (JS_IsException(f) ||
            JS_DefinePropertyValueStr(ctx, global, funcs[i].name, f, JS_PROP_C_W_E) < 0)
            ret = -1;
    }
    JS_FreeValue(ctx, global);
    return ret;
}

void host_timers_fini(host_rt *h)
{
    while (h->timer_count)
        remove_timer(h, h->timers[h->timer_count - 1]);
    free(h->timers);
    h->timers = NULL;
    h->timer_cap = 0;
}
