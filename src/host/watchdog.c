/* watchdog.c: --timeout. A thread sleeps until the deadline, then interrupts running WebAssembly
 * (the store's interrupt flag), makes QuickJS's interrupt handler stop running JavaScript, and
 * wakes the loop in case it is only waiting (a pending timer); whichever notices first reports
 * "qwasm: timeout after N ms" once and the process exits with HOST_TIMEOUT_STATUS. */
#include "host.h"
#include "qwjs.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* After the deadline, Wasm is interrupted again at this interval: a trap consumes the flag, and
 * a script that caught the RuntimeError may call into Wasm again before its next interrupt
 * check. */
#define REPEAT_NS (10 * 1000 * 1000)

struct host_watchdog {
    host_rt *h;
    qwjs_state *wasm;
    uint64_t ms;
    uint64_t deadline; /* uv_hrtime() nanoseconds */
    uv_thread_t thread;
    uv_mutex_t lock;
    uv_cond_t cond;
    bool cancelled; /* under lock */
    atomic_bool fired;
    uv_async_t wake; /* sent by the thread, handled on the loop */
};

static void watch(void *arg)
{
    host_watchdog *w = arg;
    uv_mutex_lock(&w->lock);
    while (!w->cancelled) {
        uint64_t now = uv_hrtime();
        if (now < w->deadline) {
            uv_cond_timedwait(&w->cond, &w->lock, w->deadline - now);
            continue;
        }
        atomic_store(&w->fired, true);
        qwjs_interrupt(w->wasm);
        uv_async_send(&w->wake);
        uv_cond_timedwait(&w->cond, &w->lock, REPEAT_NS);
    }
    uv_mutex_unlock(&w->lock);
}

/* QuickJS polls this every few thousand bytecodes; non-zero throws an uncatchable error. */
static int js_interrupt(JSRuntime *rt, void *opaque)
{
    (void)rt;
    host_watchdog *w = opaque;
    return atomic_load_explicit(&w->fired, memory_order_relaxed);
}

static void on_wake(uv_async_t *handle)
{
    host_watchdog *w = handle->data;
    host_report_timeout(w->h);
}

int host_watchdog_start(host_rt *h, uint64_t ms, qwjs_state *wasm)
{
    host_watchdog *w = calloc(1, sizeof *w);
    if (!w) {
        fputs("qwasm: out of memory\n", stderr);
        return -1;
    }
    w->h = h;
    w->wasm = wasm;
    w->ms = ms;
    /* Beyond about 290 years the deadline saturates instead of wrapping around. */
    uint64_t ns = ms > UINT64_MAX / 4 / 1000000u ? UINT64_MAX / 4 : ms * 1000000u;
    w->deadline = uv_hrtime() + ns;
    atomic_init(&w->fired, false);
    int r = uv_async_init(&h->loop, &w->wake, on_wake);
    if (r < 0) {
        free(w);
        fprintf(stderr, "qwasm: cannot start the timeout watchdog: %s\n", uv_strerror(r));
        return -1;
    }
    w->wake.data = w;
    uv_unref((uv_handle_t *)&w->wake); /* the watchdog never keeps the program running */
    uv_mutex_init(&w->lock);
    uv_cond_init(&w->cond);
    r = uv_thread_create(&w->thread, watch, w);
    if (r < 0) {
        uv_cond_destroy(&w->cond);
        uv_mutex_destroy(&w->lock);
        uv_close((uv_handle_t *)&w->wake, NULL);
        uv_run(&h->loop, UV_RUN_NOWAIT); /* runs the close before w goes */
        free(w);
        fprintf(stderr, "qwasm: cannot start the timeout watchdog: %s\n", uv_strerror(r));
        return -1;
    }
    h->watchdog = w;
    JS_SetInterruptHandler(h->rt, js_interrupt, w);
    return 0;
}

bool host_timed_out(const host_rt *h)
{
    return h->watchdog && atomic_load(&h->watchdog->fired);
}

void host_report_timeout(host_rt *h)
{
    /* Reported once; an error that ended the program before is what it ended with. */
    if (h->stopping)
        return;
    fprintf(stderr, "qwasm: timeout after %llu ms\n", (unsigned long long)h->watchdog->ms);
    fflush(stderr);
    h->exit_code = HOST_TIMEOUT_STATUS;
    h->stopping = true;
    uv_stop(&h->loop);
}

static void free_after_close(uv_handle_t *handle)
{
    free(handle->data);
}

void host_watchdog_stop(host_rt *h)
{
    host_watchdog *w = h->watchdog;
    if (!w)
        return;
    uv_mutex_lock(&w->lock);
    w->cancelled = true;
    uv_cond_signal(&w->cond);
    uv_mutex_unlock(&w->lock);
    uv_thread_join(&w->thread);
    uv_cond_destroy(&w->cond);
    uv_mutex_destroy(&w->lock);
    JS_SetInterruptHandler(h->rt, NULL, NULL);
    /* The time ran out after the last JavaScript (a script that caught the interrupt's
     * RuntimeError and finished): still a timeout. */
    if (atomic_load(&w->fired))
        host_report_timeout(h);
    h->watchdog = NULL;
    /* The loop runs the close (host_loop_fini), which frees w. */
    uv_close((uv_handle_t *)&w->wake, free_after_close);
}
