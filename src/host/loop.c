/* loop.c: the event loop (libuv), the microtask checkpoint that ends every macrotask (HTML "perform
 * a microtask checkpoint"), unhandled promise rejections and the report of uncaught errors. */
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A promise that was rejected while it had no handler. It stays listed until a handler is added
 * (the tracker is called again with is_handled) or the macrotask ends, when it is reported. */
struct host_rejection {
    JSValue promise;
    JSValue reason;
    host_rejection *next;
};

static void track_rejection(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                            qjs_bool is_handled, void *opaque)
{
    host_rt *h = opaque;
    if (is_handled) {
        for (host_rejection **p = &h->rejections; *p; p = &(*p)->next) {
            if (JS_VALUE_GET_PTR((*p)->promise) == JS_VALUE_GET_PTR(promise)) {
                host_rejection *r = *p;
                *p = r->next;
                JS_FreeValue(ctx, r->promise);
                JS_FreeValue(ctx, r->reason);
                free(r);
                return;
            }
        }
        return;
    }
    host_rejection *r = malloc(sizeof *r);
    if (!r) {
        /* Losing track of it would let a failing program exit 0: treat it as reported. */
        fputs("qwasm: out of memory while tracking a promise rejection\n", stderr);
        h->exit_code = 1;
        h->stopping = true;
        uv_stop(&h->loop);
        return;
    }
    r->promise = JS_DupValue(ctx, promise);
    r->reason = JS_DupValue(ctx, reason);
    /* Appended, so the first rejection of the task is the one reported. */
    r->next = NULL;
    host_rejection **tail = &h->rejections;
    while (*tail)
        tail = &(*tail)->next;
    *tail = r;
}

static void free_rejections(host_rt *h)
{
    while (h->rejections) {
        host_rejection *r = h->rejections;
        h->rejections = r->next;
        JS_FreeValue(h->ctx, r->promise);
        JS_FreeValue(h->ctx, r->reason);
        free(r);
    }
}

int host_loop_init(host_rt *h, JSRuntime *rt, JSContext *ctx)
{
    int r = uv_loop_init(&h->loop);
    if (r < 0) {
        fprintf(stderr, "qwasm: cannot start the event loop: %s\n", uv_strerror(r));
        return -1;
    }
    h->rt = rt;
    h->ctx = ctx;
    JS_SetContextOpaque(ctx, h);
    JS_SetHostPromiseRejectionTracker(rt, track_rejection, h);
    return 0;
}

/* A stack overflow leaves thousands of frames: the report keeps the innermost ones. */
#define STACK_LINES_SHOWN 30

static void print_stack_text(const char *s)
{
    int line = 0;
    while (*s && line < STACK_LINES_SHOWN) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        fprintf(stderr, "%.*s\n", (int)n, s);
        s += n + (nl != NULL);
        line++;
    }
    if (*s) {
        int rest = 0;
        for (; *s; s++)
            rest += *s == '\n' || s[1] == '\0';
        fprintf(stderr, "    ... %d more\n", rest);
    }
}

/* The stack property of an Error, when it is a non-empty string. */
static void print_stack(JSContext *ctx, JSValueConst val)
{
    if (!JS_IsObject(val))
        return;
    JSValue stack = JS_GetPropertyStr(ctx, val, "stack");
    if (JS_IsString(stack)) {
        const char *s = JS_ToCString(ctx, stack);
        if (s)
            print_stack_text(s);
        JS_FreeCString(ctx, s);
    }
    if (JS_IsException(stack))
        JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, stack);
}

void host_print_error(JSContext *ctx, const char *prefix, JSValueConst val)
{
    const char *text;
    /* An Error shows as "Name: message" (its toString), a string quoted (so that a thrown string
     * does not read as a message of qwasm's), any other value as console.log shows it. */
    if (qjs_is_error(ctx, val)) {
        text = JS_ToCString(ctx, val);
    } else if (JS_IsString(val)) {
        JSValue quoted = JS_JSONStringify(ctx, val, JS_UNDEFINED, JS_UNDEFINED);
        text = JS_IsException(quoted) ? NULL : JS_ToCString(ctx, quoted);
        JS_FreeValue(ctx, quoted);
    } else {
        text = host_inspect(ctx, val);
    }
    if (text) {
        fprintf(stderr, "%s%s\n", prefix, text);
        JS_FreeCString(ctx, text);
    } else {
        /* Its toString threw: say so rather than report the second error. */
        JS_FreeValue(ctx, JS_GetException(ctx));
        fprintf(stderr, "%s(a value that cannot be converted to a string)\n", prefix);
    }
    print_stack(ctx, val);
    fflush(stderr);
}

void host_report_exception(host_rt *h)
{
    JSValue ex = JS_GetException(h->ctx);
    if (host_timed_out(h)) { /* the interrupt's error, or one it caused */
        JS_FreeValue(h->ctx, ex);
        host_report_timeout(h);
        return;
    }
    if (!h->stopping)
        host_print_error(h->ctx, "Uncaught ", ex);
    JS_FreeValue(h->ctx, ex);
    h->exit_code = 1;
    h->stopping = true;
    uv_stop(&h->loop);
}

int host_loop_after_task(host_rt *h)
{
    while (!h->stopping) {
        JSContext *job_ctx;
        int r = JS_ExecutePendingJob(h->rt, &job_ctx);
        if (r == 0)
            break;
        if (r < 0)
            host_report_exception(h);
    }
    if (!h->stopping && h->rejections && host_timed_out(h)) {
        host_report_timeout(h);
    } else if (!h->stopping && h->rejections) {
        host_print_error(h->ctx, "Uncaught (in promise) ", h->rejections->reason);
        h->exit_code = 1;
        h->stopping = true;
        uv_stop(&h->loop);
    }
    return h->stopping ? -1 : 0;
}

void host_loop_run(host_rt *h)
{
    if (h->stopping)
        return;
    uv_run(&h->loop, UV_RUN_DEFAULT);
}

static void close_walk(uv_handle_t *handle, void *arg)
{
    (void)arg;
    if (!uv_is_closing(handle))
        uv_close(handle, NULL);
}

void host_loop_fini(host_rt *h)
{
    host_timers_fini(h);
    /* Anything else still open is closed without a callback; then the loop runs the closes. */
    uv_walk(&h->loop, close_walk, NULL);
    /* A uv_stop() left by an error makes the next uv_run return at once without running the
     * close callbacks: the first run consumes it, the second frees the handles. */
    uv_run(&h->loop, UV_RUN_NOWAIT);
    uv_run(&h->loop, UV_RUN_DEFAULT);
    uv_loop_close(&h->loop);
    free_rejections(h);
}
