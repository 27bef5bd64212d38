/* qwjs.h: the WebAssembly JavaScript binding's only public header (src/js): what the host calls. */
#ifndef QWJS_H
#define QWJS_H

#include "quickjs.h"
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

/* What the binding needs from its host: the loop whose threadpool compiles, the microtask
 * checkpoint to run after it settled promises from a loop callback, and the embedder's limits on
 * WebAssembly (0: the engine's defaults). */
typedef struct qwjs_host {
    uv_loop_t *loop;
    void (*after_task)(void *user); /* may be NULL */
    void *user;
    /* Bytes of linear memory plus table elements (8 bytes each) of all memories and tables:
     * beyond it the constructors and grow() throw a RangeError, memory.grow gives -1. */
    uint64_t max_memory_bytes;
    /* Wasm frame stack per call from JS: beyond it a RangeError (call stack exhausted). */
    size_t stack_bytes;
} qwjs_host;

typedef struct qwjs_state qwjs_state;

/* Defines the WebAssembly namespace on ctx's global object (host is copied) and sets *out to the
 * binding's state. One context per runtime: the state is also the runtime's opaque pointer.
 * Returns 0, or -1 with a JS exception pending (*out is then still to be freed). */
int qwjs_init(JSContext *ctx, const qwjs_host *host, qwjs_state **out);
/* What the WebAssembly objects of the runtime hold, for leak tests and statistics. */
typedef struct qwjs_usage {
    size_t instances;      /* live engine instances */
    size_t engine_blocks;  /* live allocations of the engine: modules, instances, tables, ... */
    size_t engine_bytes;   /* their usable size */
    size_t held_values;    /* JS values engine objects hold (externrefs, imported functions) */
    uint64_t memory_bytes; /* linear memory committed */
} qwjs_usage;
void qwjs_memory_usage(JSContext *ctx, qwjs_usage *out);

/* At exit, before JS_FreeContext: drops every JS value that WebAssembly objects hold (externref
 * boxes, imported JS functions), so that cycles through the engine, which QuickJS's collector
 * cannot see, are collected. No JavaScript may run afterwards. NULL is a no-op. */
void qwjs_release_values(qwjs_state *st);
/* Asks running WebAssembly code to stop at its next loop iteration or call: the call throws a
 * RuntimeError ("interrupted"). Safe from any thread while st lives (a watchdog's). */
void qwjs_interrupt(qwjs_state *st);
/* Frees the binding's state (NULL is a no-op). Call after JS_FreeRuntime: the finalizers of the
 * WebAssembly objects still use it. */
void qwjs_free(qwjs_state *st);

#endif
