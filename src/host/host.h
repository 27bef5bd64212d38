/* host.h: what the runtime's main needs from the host layer (src/host): the event loop, timers,
 * the module loader and the host globals. Each init function defines its globals on the context's
 * global object and returns 0, or -1 with a JS exception pending. */
#ifndef HOST_H
#define HOST_H

#include "quickjs.h"

/* console: log, info, warn, error, debug, trace, assert, time/timeEnd, count (src/host/console.c).
 * log/info/debug write to stdout, warn/error/trace/assert to stderr. */
int host_console_init(JSContext *ctx);

/* TextEncoder and TextDecoder, UTF-8 only, WHATWG Encoding semantics (src/host/encoding.c). */
int host_encoding_init(JSContext *ctx);

/* Formats a value as console.log would show it (Node's util.inspect style). The caller frees the
 * returned string with JS_FreeCString; NULL with an exception pending on failure. */
const char *host_inspect(JSContext *ctx, JSValueConst val);

#endif
