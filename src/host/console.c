/* console.c: the console global, after the WHATWG Console Standard with Node's output: the
 * logging methods and their format specifiers (%s %d %i %f %j %o %O %c %%), assert, trace,
 * count, time and group. inspect.c shows the values. */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "inspect.h"
#include "qjs_compat.h"

static JSClassID js_console_state_class_id;

typedef struct label_entry {
    char *name;
    uint64_t value; /* a count, or a start time in nanoseconds */
} label_entry;

typedef struct label_list {
    label_entry *v;
    int n, cap;
} label_list;

/* What console keeps between calls; held by each method as function data. */
typedef struct console_state {
    int group_indent;
    label_list counts, timers;
} console_state;

enum {
    M_LOG,
    M_INFO,
    M_DEBUG,
    M_WARN,
    M_ERROR,
    M_DIR,
    M_TRACE,
    M_ASSERT,
    M_COUNT,
    M_COUNT_RESET,
    M_TIME,
    M_TIME_END,
    M_TIME_LOG,
    M_GROUP,
    M_GROUP_COLLAPSED,
    M_GROUP_END,
    M_TABLE,
};

static void labels_free(JSRuntime *rt, label_list *l)
{
    for (int i = 0; i < l->n; i++)
        js_free_rt(rt, l->v[i].name);
    js_free_rt(rt, l->v);
}

static void js_console_state_finalizer(JSRuntime *rt, JSValue val)
{
    console_state *st = JS_GetOpaque(val, js_console_state_class_id);
    if (!st)
        return;
    labels_free(rt, &st->counts);
    labels_free(rt, &st->timers);
    js_free_rt(rt, st);
}

static label_entry *label_find(label_list *l, const char *name)
{
    for (int i = 0; i < l->n; i++) {
        if (!strcmp(l->v[i].name, name))
            return &l->v[i];
    }
    return NULL;
}

static label_entry *label_add(JSContext *ctx, label_list *l, const char *name)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        label_entry *v = js_realloc(ctx, l->v, cap * sizeof *v);
        if (!v)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    char *copy = js_strdup(ctx, name);
    if (!copy)
        return NULL;
    l->v[l->n] = (label_entry){.name = copy, .value = 0};
    return &l->v[l->n++];
}

static void label_remove(JSContext *ctx, label_list *l, label_entry *e)
{
    js_free(ctx, e->name);
    *e = l->v[--l->n];
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Writes text and a newline; every line is indented by the current group depth. Each call is
 * flushed, as Node writes each call at once: output to stdout and stderr keeps its order when
 * both go to one file, and nothing is lost if the process dies. */
static void write_line(console_state *st, FILE *f, char *text, size_t len)
{
    size_t start = 0;
    if (len == 0) {
        for (int i = 0; i < st->group_indent; i++)
            fputc(' ', f);
        fputc('\n', f);
        fflush(f);
        return;
    }
    host_text_to_usv(text, len);
    do {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        for (int i = 0; i < st->group_indent; i++)
            fputc(' ', f);
        fwrite(text + start, 1, end - start, f);
        fputc('\n', f);
        start = end + 1;
    } while (start <= len && start > 0 && text[start - 1] == '\n');
    fflush(f);
}

static int inspect_into(host_buf *b, JSValueConst v, int depth, bool show_hidden)
{
    host_inspect_opts o = HOST_INSPECT_OPTS_DEFAULT;
    o.depth = depth;
    o.show_hidden = show_hidden;
    return host_inspect_to(b, v, &o);
}

static int put_string_value(JSContext *ctx, host_buf *b, JSValueConst v)
{
    size_t n;
    const char *s = JS_ToCStringLen(ctx, &n, v);
    if (!s)
        return -1;
    host_buf_put(b, s, n);
    JS_FreeCString(ctx, s);
    return 0;
}

/* Node's hasBuiltInToString: an object whose toString is the engine's own is shown by inspect for
 * %s; one with its own toString is converted with it. */
static int has_builtin_to_string(JSContext *ctx, JSValueConst obj)
{
    JSValue f = JS_GetPropertyStr(ctx, obj, "toString");
    if (JS_IsException(f))
        return -1;
    int r = !JS_IsFunction(ctx, f) || host_is_native_function(ctx, f);
    JS_FreeValue(ctx, f);
    return r;
}

static int put_number(JSContext *ctx, host_buf *b, double d)
{
    return inspect_into(b, JS_NewFloat64(ctx, d), 0, false);
}

/* %d %i %f: Number(), parseInt() or parseFloat() of the argument; BigInts keep their n. */
static int format_numeric(JSContext *ctx, host_buf *b, char spec, JSValueConst v)
{
    if (host_is_bigint(v) && spec != 'f')
        return inspect_into(b, v, 0, false);
    if (JS_IsSymbol(v)) {
        host_buf_puts(b, "NaN");
        return 0;
    }
    if (spec == 'd') {
        double d;
        if (host_is_bigint(v))
            return inspect_into(b, v, 0, false);
        if (JS_ToFloat64(ctx, &d, v) < 0)
            return -1;
        return put_number(ctx, b, d);
    }
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue fn = JS_GetPropertyStr(ctx, global, spec == 'i' ? "parseInt" : "parseFloat");
    JSValue r = JS_Call(ctx, fn, JS_UNDEFINED, 1, &v);
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, global);
    if (JS_IsException(r))
        return -1;
    int ret = inspect_into(b, r, 0, false);
    JS_FreeValue(ctx, r);
    return ret;
}

static int format_json(JSContext *ctx, host_buf *b, JSValueConst v)
{
    JSValue s = JS_JSONStringify(ctx, v, JS_UNDEFINED, JS_UNDEFINED);
    if (JS_IsException(s)) {
        JSValue exc = JS_GetException(ctx);
        JSValue msg = JS_IsObject(exc) ? JS_GetPropertyStr(ctx, exc, "message") : JS_UNDEFINED;
        const char *m = JS_IsString(msg) ? JS_ToCString(ctx, msg) : NULL;
        bool circular = m && strstr(m, "circular");
        JS_FreeCString(ctx, m);
        JS_FreeValue(ctx, msg);
        if (!circular) {
            JS_Throw(ctx, exc);
            return -1;
        }
        JS_FreeValue(ctx, exc);
        host_buf_puts(b, "[Circular]");
        return 0;
    }
    int r = JS_IsUndefined(s) ? (host_buf_puts(b, "undefined"), 0) : put_string_value(ctx, b, s);
    JS_FreeValue(ctx, s);
    return r;
}

/* One %-directive of the format string with its argument. */
static int format_directive(JSContext *ctx, host_buf *b, char spec, JSValueConst v)
{
    switch (spec) {
    case 's':
        if (JS_IsString(v))
            return put_string_value(ctx, b, v);
        if (JS_IsObject(v)) {
            int builtin = has_builtin_to_string(ctx, v);
            if (builtin < 0)
                return -1;
            if (builtin)
                return inspect_into(b, v, 0, false);
            return put_string_value(ctx, b, v);
        }
        return inspect_into(b, v, 0, false);
    case 'd':
    case 'i':
    case 'f':
        return format_numeric(ctx, b, spec, v);
    case 'j':
        return format_json(ctx, b, v);
    case 'o':
        return inspect_into(b, v, 4, true);
    case 'O':
        return inspect_into(b, v, HOST_INSPECT_DEPTH, false);
    default: /* 'c': CSS, which a terminal does not show */
        return 0;
    }
}

/* Node's formatWithOptions: directives in a leading string, then the other arguments separated by
 * spaces, strings as they are and other values inspected. */
static int format_args(JSContext *ctx, host_buf *b, int argc, JSValueConst *argv)
{
    int a = 0;
    const char *join = "";
    if (argc > 0 && JS_IsString(argv[0])) {
        size_t n;
        const char *f = JS_ToCStringLen(ctx, &n, argv[0]);
        if (!f)
            return -1;
        if (argc == 1) {
            host_buf_put(b, f, n);
            JS_FreeCString(ctx, f);
            return 0;
        }
        size_t last = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            if (f[i] != '%')
                continue;
            char c = f[++i];
            if (a + 1 != argc) {
                if (c == '%') {
                    host_buf_put(b, f + last, i - last);
                    last = i + 1;
                    continue;
                }
                if (c == '\0' || !strchr("sdifjoOc", c))
                    continue;
                host_buf_put(b, f + last, i - 1 - last);
                if (format_directive(ctx, b, c, argv[++a]) < 0) {
                    JS_FreeCString(ctx, f);
                    return -1;
                }
                last = i + 1;
            } else if (c == '%') {
                host_buf_put(b, f + last, i - last);
                last = i + 1;
            }
        }
        if (last != 0) {
            a++;
            join = " ";
            host_buf_put(b, f + last, n - last);
        }
        JS_FreeCString(ctx, f);
    }
    for (; a < argc; a++) {
        host_buf_puts(b, join);
        join = " ";
        if (JS_IsString(argv[a])) {
            if (put_string_value(ctx, b, argv[a]) < 0)
                return -1;
        } else if (inspect_into(b, argv[a], HOST_INSPECT_DEPTH, false) < 0) {
            return -1;
        }
    }
    return 0;
}

static JSValue print_args(JSContext *ctx, console_state *st, FILE *f, int argc, JSValueConst *argv,
                          const char *prefix)
{
    host_buf b;
    host_buf_init(&b, ctx);
    host_buf_puts(&b, prefix);
    if (format_args(ctx, &b, argc, argv) < 0 || b.oom) {
        host_buf_free(&b);
        return b.oom ? JS_ThrowOutOfMemory(ctx) : JS_EXCEPTION;
    }
    write_line(st, f, b.p, b.len);
    host_buf_free(&b);
    return JS_UNDEFINED;
}

static JSValue print_text(JSContext *ctx, console_state *st, FILE *f, host_buf *b)
{
    if (b->oom) {
        host_buf_free(b);
        return JS_ThrowOutOfMemory(ctx);
    }
    write_line(st, f, b->p, b->len);
    host_buf_free(b);
    return JS_UNDEFINED;
}

/* The label argument of count and time: "default" when absent, else its string value. */
static const char *get_label(JSContext *ctx, int argc, JSValueConst *argv)
{
    if (argc > 0 && !JS_IsUndefined(argv[0]))
        return JS_ToCString(ctx, argv[0]);
    JSValue def = JS_NewString(ctx, "default");
    const char *s = JS_IsException(def) ? NULL : JS_ToCString(ctx, def);
    JS_FreeValue(ctx, def);
    return s;
}

/* Node's formatTime: 12.345ms, 1.234s, 1:02.345 (m:ss.mmm), 1:02:03.456 (h:mm:ss.mmm). */
static void format_duration(host_buf *b, uint64_t ns)
{
    double ms = ns / 1e6;
    if (ms >= 60000) {
        unsigned long hours = (unsigned long)(ms / 3600000);
        double rest = fmod(ms, 3600000);
        unsigned long minutes = (unsigned long)(rest / 60000);
        double seconds = fmod(rest, 60000) / 1000;
        char sec[32];
        snprintf(sec, sizeof sec, "%06.3f", seconds);
        char tmp[96];
        if (hours)
            snprintf(tmp, sizeof tmp, "%lu:%02lu:%s (h:mm:ss.mmm)", hours, minutes, sec);
        else
            snprintf(tmp, sizeof tmp, "%lu:%s (m:ss.mmm)", minutes, sec);
        host_buf_puts(b, tmp);
        return;
    }
    char tmp[48];
    if (ms >= 1000) {
        snprintf(tmp, sizeof tmp, "%.3fs", ms / 1000);
    } else {
        /* Number(ms.toFixed(3)): trailing zeros go. */
        snprintf(tmp, sizeof tmp, "%.3f", ms);
        size_t n = strlen(tmp);
        while (n > 0 && tmp[n - 1] == '0')
            n--;
        if (n > 0 && tmp[n - 1] == '.')
            n--;
        tmp[n] = '\0';
        strcat(tmp, "ms");
    }
    host_buf_puts(b, tmp);
}

static JSValue console_count(JSContext *ctx, console_state *st, int magic, int argc,
                             JSValueConst *argv)
{
    const char *label = get_label(ctx, argc, argv);
    if (!label)
        return JS_EXCEPTION;
    label_entry *e = label_find(&st->counts, label);
    host_buf b;
    host_buf_init(&b, ctx);
    JSValue r = JS_UNDEFINED;
    if (magic == M_COUNT_RESET) {
        if (e) {
            e->value = 0;
        } else {
            host_buf_puts(&b, "Warning: Count for '");
            host_buf_puts(&b, label);
            host_buf_puts(&b, "' does not exist");
            r = print_text(ctx, st, stderr, &b);
        }
    } else {
        if (!e)
            e = label_add(ctx, &st->counts, label);
        if (!e) {
            r = JS_EXCEPTION;
        } else {
            char n[32];
            snprintf(n, sizeof n, ": %llu", (unsigned long long)++e->value);
            host_buf_puts(&b, label);
            host_buf_puts(&b, n);
            r = print_text(ctx, st, stdout, &b);
        }
    }
    host_buf_free(&b);
    JS_FreeCString(ctx, label);
    return r;
}

static JSValue console_time(JSContext *ctx, console_state *st, int magic, int argc,
                            JSValueConst *argv)
{
    static const char *const names[] = {[M_TIME] = "console.time()",
                                        [M_TIME_END] = "console.timeEnd()",
                                        [M_TIME_LOG] = "console.timeLog()"};
    const char *label = get_label(ctx, argc, argv);
    if (!label)
        return JS_EXCEPTION;
    label_entry *e = label_find(&st->timers, label);
    host_buf b;
    host_buf_init(&b, ctx);
    JSValue r = JS_UNDEFINED;
    if (magic == M_TIME ? e != NULL : e == NULL) {
        host_buf_puts(&b, magic == M_TIME ? "Warning: Label '" : "Warning: No such label '");
        host_buf_puts(&b, label);
        host_buf_puts(&b, magic == M_TIME ? "' already exists for " : "' for ");
        host_buf_puts(&b, names[magic]);
        r = print_text(ctx, st, stderr, &b);
    } else if (magic == M_TIME) {
        e = label_add(ctx, &st->timers, label);
        if (!e)
            r = JS_EXCEPTION;
        else
            e->value = now_ns();
    } else {
        host_buf_puts(&b, label);
        host_buf_puts(&b, ": ");
        format_duration(&b, now_ns() - e->value);
        if (magic == M_TIME_END) {
            label_remove(ctx, &st->timers, e);
        } else if (argc > 1) {
            host_buf_puts(&b, " ");
            if (format_args(ctx, &b, argc - 1, argv + 1) < 0) {
                host_buf_free(&b);
                JS_FreeCString(ctx, label);
                return JS_EXCEPTION;
            }
        }
        r = print_text(ctx, st, stdout, &b);
    }
    host_buf_free(&b);
    JS_FreeCString(ctx, label);
    return r;
}

/* "Trace: message" and the stack where console.trace was called. */
static JSValue console_trace(JSContext *ctx, console_state *st, int argc, JSValueConst *argv)
{
    host_buf b;
    host_buf_init(&b, ctx);
    host_buf_puts(&b, "Trace");
    if (argc > 0)
        host_buf_puts(&b, ": ");
    if (format_args(ctx, &b, argc, argv) < 0) {
        host_buf_free(&b);
        return JS_EXCEPTION;
    }
    /* Only the Error constructor records the stack (JS_NewError does not). */
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue ctor = JS_GetPropertyStr(ctx, global, "Error");
    JSValue err = JS_IsException(ctor) ? JS_EXCEPTION : JS_CallConstructor(ctx, ctor, 0, NULL);
    JS_FreeValue(ctx, ctor);
    JS_FreeValue(ctx, global);
    JSValue stack = JS_IsException(err) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, err, "stack");
    const char *s = JS_IsString(stack) ? JS_ToCString(ctx, stack) : NULL;
    if (s) {
        /* The first line is this native function's own frame. */
        const char *p = s;
        if (strstr(p, "(native)") && strchr(p, '\n') && strstr(p, "(native)") < strchr(p, '\n'))
            p = strchr(p, '\n') + 1;
        size_t n = strlen(p);
        while (n > 0 && p[n - 1] == '\n')
            n--;
        if (n > 0) {
            host_buf_puts(&b, "\n");
            host_buf_put(&b, p, n);
        }
    }
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, err);
    JS_FreeValue(ctx, JS_GetException(ctx));
    return print_text(ctx, st, stderr, &b);
}

static JSValue console_assert(JSContext *ctx, console_state *st, int argc, JSValueConst *argv)
{
    int ok = argc > 0 ? JS_ToBool(ctx, argv[0]) : 0;
    if (ok)
        return ok < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    if (argc <= 1)
        return print_args(ctx, st, stderr, 0, NULL, "Assertion failed");
    /* Node: args[0] = `Assertion failed: ${args[0]}`, then warn(...args). */
    JSValue first = JS_ToString(ctx, argv[1]);
    if (JS_IsException(first))
        return JS_EXCEPTION;
    host_buf b;
    host_buf_init(&b, ctx);
    host_buf_puts(&b, "Assertion failed: ");
    put_string_value(ctx, &b, first);
    JS_FreeValue(ctx, first);
    JSValue fmt = JS_NewStringLen(ctx, b.p ? b.p : "", b.len);
    host_buf_free(&b);
    if (JS_IsException(fmt))
        return fmt;
    JSValueConst args[argc - 1];
    args[0] = fmt;
    for (int i = 2; i < argc; i++)
        args[i - 1] = argv[i];
    JSValue r = print_args(ctx, st, stderr, argc - 1, args, "");
    JS_FreeValue(ctx, fmt);
    return r;
}

/* A numeric option: null, Infinity and NaN (which no count exceeds) mean no limit. */
static int read_limit(JSContext *ctx, JSValueConst opts, const char *name, int *out)
{
    JSValue v = JS_GetPropertyStr(ctx, opts, name);
    double d;
    int r = 0;
    if (JS_IsException(v))
        return -1;
    if (JS_IsNull(v))
        *out = INT_MAX;
    else if (!JS_IsUndefined(v) && (r = JS_ToFloat64(ctx, &d, v)) == 0)
        *out = isnan(d) || d >= INT_MAX ? INT_MAX : d < -1 ? -1 : (int)floor(d);
    JS_FreeValue(ctx, v);
    return r;
}

/* The options of console.dir and of the inspect function, as util.inspect takes them: depth,
 * showHidden, maxArrayLength and breakLength. */
static int read_inspect_options(JSContext *ctx, JSValueConst opts, host_inspect_opts *o)
{
    *o = HOST_INSPECT_OPTS_DEFAULT;
    if (!JS_IsObject(opts))
        return 0;
    if (read_limit(ctx, opts, "depth", &o->depth) < 0 ||
        read_limit(ctx, opts, "maxArrayLength", &o->max_array_length) < 0 ||
        read_limit(ctx, opts, "breakLength", &o->break_length) < 0)
        return -1;
    JSValue h = JS_GetPropertyStr(ctx, opts, "showHidden");
    int b = JS_IsException(h) ? -1 : JS_ToBool(ctx, h);
    JS_FreeValue(ctx, h);
    o->show_hidden = b > 0;
    return b < 0 ? -1 : 0;
}

/* (value, options) as util.inspect takes them, formatted into b (initialised here); -1 with an
 * exception pending and b freed on failure. */
static int inspect_args(JSContext *ctx, int argc, JSValueConst *argv, host_buf *b)
{
    host_inspect_opts o;
    host_buf_init(b, ctx);
    if (read_inspect_options(ctx, argc > 1 ? argv[1] : JS_UNDEFINED, &o) < 0 ||
        host_inspect_to(b, argc > 0 ? argv[0] : JS_UNDEFINED, &o) < 0) {
        host_buf_free(b);
        return -1;
    }
    return 0;
}

static JSValue console_dir(JSContext *ctx, console_state *st, int argc, JSValueConst *argv)
{
    host_buf b;
    if (inspect_args(ctx, argc, argv, &b) < 0)
        return JS_EXCEPTION;
    return print_text(ctx, st, stdout, &b);
}

/* Data that is not an object is logged as it is (Node). */
static JSValue console_table(JSContext *ctx, console_state *st, int argc, JSValueConst *argv)
{
    JSValueConst data = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst props = argc > 1 ? argv[1] : JS_UNDEFINED;
    host_buf b;
    if (!JS_IsObject(data) || JS_IsFunction(ctx, data)) {
        if (!JS_IsUndefined(props) && qjs_is_array(ctx, props) <= 0)
            return JS_ThrowTypeError(ctx, "console.table: properties must be an array");
        return print_args(ctx, st, stdout, 1, &data, "");
    }
    host_buf_init(&b, ctx);
    if (host_console_table(ctx, data, props, &b) < 0) {
        host_buf_free(&b);
        return JS_EXCEPTION;
    }
    return print_text(ctx, st, stdout, &b);
}

static JSValue js_console_method(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic, JSValue *data)
{
    (void)this_val;
    console_state *st = JS_GetOpaque(data[0], js_console_state_class_id);
    switch (magic) {
    case M_LOG:
    case M_INFO:
    case M_DEBUG:
        return print_args(ctx, st, stdout, argc, argv, "");
    case M_WARN:
    case M_ERROR:
        return print_args(ctx, st, stderr, argc, argv, "");
    case M_DIR:
        return console_dir(ctx, st, argc, argv);
    case M_TRACE:
        return console_trace(ctx, st, argc, argv);
    case M_ASSERT:
        return console_assert(ctx, st, argc, argv);
    case M_COUNT:
    case M_COUNT_RESET:
        return console_count(ctx, st, magic, argc, argv);
    case M_TIME:
    case M_TIME_END:
    case M_TIME_LOG:
        return console_time(ctx, st, magic, argc, argv);
    case M_GROUP:
    case M_GROUP_COLLAPSED:
        if (argc > 0) {
            JSValue r = print_args(ctx, st, stdout, argc, argv, "");
            if (JS_IsException(r))
                return r;
        }
        st->group_indent += 2;
        return JS_UNDEFINED;
    case M_TABLE:
        return console_table(ctx, st, argc, argv);
    default: /* M_GROUP_END */
        if (st->group_indent >= 2)
            st->group_indent -= 2;
        return JS_UNDEFINED;
    }
}

/* console[Symbol.for('qwasm.inspect')](value, {depth, showHidden}): the text console.dir shows,
 * as util.inspect returns it (strings quoted). */
static JSValue js_console_inspect(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    (void)this_val;
    host_buf b;
    if (inspect_args(ctx, argc, argv, &b) < 0)
        return JS_EXCEPTION;
    JSValue s = JS_NewStringLen(ctx, b.p ? b.p : "", b.len);
    host_buf_free(&b);
    return s;
}

/* console[Symbol.for('qwasm.format')](...args): the line console.log would print, as
 * util.format returns it. */
static JSValue js_console_format(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    (void)this_val;
    host_buf b;
    host_buf_init(&b, ctx);
    if (format_args(ctx, &b, argc, argv) < 0 || b.oom) {
        host_buf_free(&b);
        return b.oom ? JS_ThrowOutOfMemory(ctx) : JS_EXCEPTION;
    }
    JSValue s = JS_NewStringLen(ctx, b.p ? b.p : "", b.len);
    host_buf_free(&b);
    return s;
}

static const struct {
    const char *name;
    int length, magic;
} console_methods[] = {
    {"log", 0, M_LOG},
    {"info", 0, M_INFO},
    {"debug", 0, M_DEBUG},
    {"warn", 0, M_WARN},
    {"error", 0, M_ERROR},
    {"dir", 0, M_DIR},
    {"trace", 0, M_TRACE},
    {"assert", 0, M_ASSERT},
    {"count", 0, M_COUNT},
    {"countReset", 0, M_COUNT_RESET},
    {"time", 0, M_TIME},
    {"timeEnd", 0, M_TIME_END},
    {"timeLog", 0, M_TIME_LOG},
    {"group", 0, M_GROUP},
    {"groupCollapsed", 0, M_GROUP_COLLAPSED},
    {"groupEnd", 0, M_GROUP_END},
    {"table", 0, M_TABLE},
};

/* Defines console[sym] = fn, not enumerable. */
static int define_symbol_method(JSContext *ctx, JSValueConst console, JSValueConst sym, JSValue fn)
{
    if (JS_IsException(fn))
        return -1;
    JSAtom a = JS_ValueToAtom(ctx, sym);
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, fn);
        return -1;
    }
    int r = JS_DefinePropertyValue(ctx, console, a, fn, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    JS_FreeAtom(ctx, a);
    return r < 0 ? -1 : 0;
}

/* The registered symbols of the two formatting functions. */
static const char symbols_src[] = "[Symbol.for('qwasm.inspect'), Symbol.for('qwasm.format')]";

static int add_methods(JSContext *ctx, JSValueConst console, JSValue state)
{
    for (size_t i = 0; i < sizeof console_methods / sizeof console_methods[0]; i++) {
        JSValue fn = JS_NewCFunctionData(ctx, js_console_method, console_methods[i].length,
                                         console_methods[i].magic, 1, &state);
        if (JS_IsException(fn))
            return -1;
        JS_DefinePropertyValueStr(ctx, fn, "name", JS_NewString(ctx, console_methods[i].name),
                                  JS_PROP_CONFIGURABLE);
        if (JS_DefinePropertyValueStr(ctx, console, console_methods[i].name, fn, JS_PROP_C_W_E) < 0)
            return -1;
    }
    JSValue syms =
        JS_Eval(ctx, symbols_src, sizeof symbols_src - 1, "<console>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(syms))
        return -1;
    JSValue inspect_sym = JS_GetPropertyUint32(ctx, syms, 0);
    JSValue format_sym = JS_GetPropertyUint32(ctx, syms, 1);
    JS_FreeValue(ctx, syms);
    int r = define_symbol_method(ctx, console, inspect_sym,
                                 JS_NewCFunction(ctx, js_console_inspect, "inspect", 2));
    if (r == 0)
        r = define_symbol_method(ctx, console, format_sym,
                                 JS_NewCFunction(ctx, js_console_format, "format", 0));
    JS_FreeValue(ctx, inspect_sym);
    JS_FreeValue(ctx, format_sym);
    if (r < 0)
        return -1;
    return 0;
}

static const JSCFunctionListEntry console_tag[] = {
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "console", JS_PROP_CONFIGURABLE),
};

int host_console_init(JSContext *ctx)
{
    static const JSClassDef state_def = {.class_name = "ConsoleState",
                                         .finalizer = js_console_state_finalizer};
    JSRuntime *rt = JS_GetRuntime(ctx);
    if (!js_console_state_class_id)
        qjs_new_class_id(rt, &js_console_state_class_id);
    if (!JS_IsRegisteredClass(rt, js_console_state_class_id) &&
        JS_NewClass(rt, js_console_state_class_id, &state_def) < 0)
        return -1;
    host_inspect_init(ctx);

    console_state *st = js_mallocz(ctx, sizeof *st);
    if (!st)
        return -1;
    JSValue state = JS_NewObjectClass(ctx, js_console_state_class_id);
    if (JS_IsException(state)) {
        js_free(ctx, st);
        return -1;
    }
    JS_SetOpaque(state, st);
    JSValue console = JS_NewObject(ctx);
    int r = JS_IsException(console) ? -1 : add_methods(ctx, console, state);
    JS_FreeValue(ctx, state);
    if (r == 0)
        JS_SetPropertyFunctionList(ctx, console, console_tag, 1);
    if (r < 0) {
        JS_FreeValue(ctx, console);
        return -1;
    }
    JSValue global = JS_GetGlobalObject(ctx);
    r = JS_DefinePropertyValueStr(ctx, global, "console", console,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    JS_FreeValue(ctx, global);
    return r < 0 ? -1 : 0;
}
