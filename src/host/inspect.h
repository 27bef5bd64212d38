/* inspect.h: the value formatter behind console and host_inspect (src/host/inspect.c), and the
 * growable text buffer both use. Private to src/host. */
#ifndef HOST_INSPECT_H
#define HOST_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

/* Text built piece by piece; on allocation failure oom is set and later puts do nothing. */
typedef struct host_buf {
    JSContext *ctx;
    char *p;
    size_t len, cap;
    bool oom;
} host_buf;

void host_buf_init(host_buf *b, JSContext *ctx);
void host_buf_put(host_buf *b, const char *s, size_t n);
void host_buf_puts(host_buf *b, const char *s);
void host_buf_free(host_buf *b);
void host_buf_spaces(host_buf *b, int n);
void host_buf_printf(host_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct host_inspect_opts {
    int depth;            /* levels of nesting shown before [Object]; INT_MAX: no limit */
    bool show_hidden;     /* also non-enumerable properties, shown as [key] */
    int max_array_length; /* items shown of an array, typed array, Map or Set; bytes of a buffer */
    int break_length;     /* the width a one-line object must fit in */
} host_inspect_opts;

#define HOST_INSPECT_DEPTH 2
/* Node's defaults for util.inspect and console.log. */
#define HOST_INSPECT_OPTS_DEFAULT                                                                  \
    ((host_inspect_opts){.depth = HOST_INSPECT_DEPTH, .max_array_length = 100, .break_length = 80})

/* Appends val in Node's util.inspect form (a string is quoted). Exceptions thrown by proxies while
 * looking at an object are shown in the text; -1 (exception pending) only when out of memory. */
int host_inspect_to(host_buf *b, JSValueConst val, const host_inspect_opts *opts);

/* Columns the text takes on a terminal (wide characters two, combining marks none). */
size_t host_text_width(const char *s, size_t n);

/* Replaces each lone surrogate of text from JS_ToCString (the bytes ED A0..BF xx) by U+FFFD, of
 * the same length, as text written to a stream must be (Node does the same). NULL-safe. */
void host_text_to_usv(char *s, size_t n);

/* A BigInt primitive: the one that is none of the other kinds (its tags differ between QuickJS
 * trees). */
bool host_is_bigint(JSValueConst v);

/* A function of the engine (its source text says [native code]), not one written in JS. */
bool host_is_native_function(JSContext *ctx, JSValueConst fn);

/* A canonical array index ("0", "17"; not "01"). */
bool host_inspect_index_key(const char *s, uint32_t *idx);

/* 1 for a Map, 2 for a Set, else 0. */
int host_inspect_collection(JSValueConst v);

/* console.table's grid for data (an object) with the columns props (undefined or an array);
 * -1 with an exception pending on failure (src/host/console_table.c). */
int host_console_table(JSContext *ctx, JSValueConst data, JSValueConst props, host_buf *out);

/* Probes the class ids inspect needs (see classid.h); called once by host_console_init. */
void host_inspect_init(JSContext *ctx);

#endif
