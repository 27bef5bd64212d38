/* inspect_kinds.c: the built-in objects the formatter recognises (class probes, brand checks)
 * and what Node shows particular to each: error stacks, function and class names, boxed
 * primitives, dates, regular expressions, array items and holes, typed arrays, Map and Set
 * entries, buffer bytes, promise states. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "classid.h"
#include "inspect_impl.h"
#include "qjs_compat.h"

/* ---- class ids ---- */

/* Probed once (classid.h); the same in every runtime of the process. */
typedef struct class_ids {
    bool done;
    JSClassID map, set, weakmap, weakset, array_buffer, shared_array_buffer, dataview, promise,
        regexp, date, number, string, boolean, symbol, bigint;
    JSClassID generator_fn, async_fn, async_generator_fn, proxy;
    JSClassID typed[12];
    const char *typed_name[12];
    int ntyped;
    bool promise_state_readable;
    bool tagged_int_atoms; /* QuickJS writes index atoms below 2^31 as the index | 2^31 */
} class_ids;

static class_ids cls;

/* The C stack of the thread that runs JS (the main thread): where it starts, near the frame that
 * initialised console, and how large it may grow. */
static uintptr_t stack_top;
static size_t stack_size;

static void record_stack(void)
{
    struct rlimit rl;
    char here;
    stack_top = (uintptr_t)&here;
    stack_size = 8u << 20; /* Linux's default, also when the limit is "unlimited" */
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        stack_size = (size_t)rl.rlim_cur;
}

bool host_inspect_stack_low(void)
{
    char here;
    uintptr_t now = (uintptr_t)&here;
    size_t used = stack_top > now ? stack_top - now : now - stack_top;
    return stack_top != 0 && used + STACK_RESERVE > stack_size;
}

/* QuickJS 2021 has no API for a promise's state; its internal JSPromiseData starts like this.
 * host_inspect_init checks the layout on known promises and uses it only if it matches. */
typedef struct promise_mirror {
    int state; /* 0 pending, 1 fulfilled, 2 rejected */
    struct {
        void *prev, *next;
    } reactions[2];
    int is_handled;
    JSValue result;
} promise_mirror;

/* One sample object per probed class, built by a single script: compiling scripts is what costs
 * at start-up. Date, Number and Boolean keep a value, not a pointer: their samples are not zero.
 * The order matches probe_ids below; the typed arrays come last, in typed_names order. */
static const char probe_src[] =
    "[new Map, new Set, new WeakMap, new WeakSet, new ArrayBuffer(1),"
    " typeof SharedArrayBuffer == 'function' ? new SharedArrayBuffer(1) : 0,"
    " new DataView(new ArrayBuffer(1)), Promise.resolve(7), /a/, new Date(1e12), new Number(1.5),"
    " new Boolean(true), new String(''), Object(Symbol()), Object(1n), function* () {},"
    " async function () {}, async function* () {}, new Promise(() => {}),"
    " new Uint8ClampedArray(0), new Int8Array(0), new Uint8Array(0), new Int16Array(0),"
    " new Uint16Array(0), new Int32Array(0), new Uint32Array(0), new BigInt64Array(0),"
    " new BigUint64Array(0), new Float32Array(0), new Float64Array(0), new Proxy({}, {})]";

static const char *const typed_names[] = {
    "Uint8ClampedArray", "Int8Array",    "Uint8Array",   "Int16Array",
    "Uint16Array",       "Int32Array",   "Uint32Array",  "BigInt64Array",
    "BigUint64Array",    "Float32Array", "Float64Array",
};

enum { SAMPLE_RESOLVED = 7, SAMPLE_PENDING = 18, SAMPLE_TYPED = 19, SAMPLE_PROXY = 30 };

static bool check_promise_layout(JSValueConst resolved, JSValueConst pending)
{
    promise_mirror *d = JS_GetOpaque(resolved, cls.promise);
    promise_mirror *p = JS_GetOpaque(pending, cls.promise);
    return d && p && d->state == 1 && JS_VALUE_GET_TAG(d->result) == JS_TAG_INT &&
           JS_VALUE_GET_INT(d->result) == 7 && p->state == 0;
}

void host_inspect_init(JSContext *ctx)
{
    JSClassID *const probe_ids[] = {
        &cls.map,          &cls.set,          &cls.weakmap,
        &cls.weakset,      &cls.array_buffer, &cls.shared_array_buffer,
        &cls.dataview,     &cls.promise,      &cls.regexp,
        &cls.date,         &cls.number,       &cls.boolean,
        &cls.string,       &cls.symbol,       &cls.bigint,
        &cls.generator_fn, &cls.async_fn,     &cls.async_generator_fn,
    };
    if (cls.done)
        return;
    cls.done = true;
    record_stack();
    JSValue samples =
        JS_Eval(ctx, probe_src, sizeof probe_src - 1, "<inspect>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(samples)) {
        JS_FreeValue(ctx, JS_GetException(ctx)); /* no probes: objects show as plain ones */
        return;
    }
    for (size_t i = 0; i < sizeof probe_ids / sizeof probe_ids[0]; i++) {
        JSValue v = JS_GetPropertyUint32(ctx, samples, i);
        *probe_ids[i] = host_class_id_probe(v);
        JS_FreeValue(ctx, v);
    }
    for (size_t i = 0; i < sizeof typed_names / sizeof typed_names[0]; i++) {
        JSValue v = JS_GetPropertyUint32(ctx, samples, SAMPLE_TYPED + i);
        JSClassID id = host_class_id_probe(v);
        JS_FreeValue(ctx, v);
        if (id) {
            cls.typed[cls.ntyped] = id;
            cls.typed_name[cls.ntyped++] = typed_names[i];
        }
    }
    JSAtom five = JS_NewAtomUInt32(ctx, 5), big = JS_NewAtomUInt32(ctx, 0x7FFFFFFF);
    cls.tagged_int_atoms = five == (0x80000000u | 5) && big == 0xFFFFFFFFu;
    JS_FreeAtom(ctx, five);
    JS_FreeAtom(ctx, big);
    JSValue proxy = JS_GetPropertyUint32(ctx, samples, SAMPLE_PROXY);
    cls.proxy = host_class_id_probe(proxy);
    JS_FreeValue(ctx, proxy);
    JSValue resolved = JS_GetPropertyUint32(ctx, samples, SAMPLE_RESOLVED);
    JSValue pending = JS_GetPropertyUint32(ctx, samples, SAMPLE_PENDING);
    cls.promise_state_readable = cls.promise && check_promise_layout(resolved, pending);
    JS_FreeValue(ctx, resolved);
    JS_FreeValue(ctx, pending);
    JS_FreeValue(ctx, samples);
}

static bool is_class(JSValueConst v, JSClassID id)
{
    return host_class_is(v, id);
}

/* Date, Number and Boolean objects whose value is all-zero bits escape the class probe; when the
 * constructor's name says so, ask the built-in method, which checks the internal slot. */
static bool brand_check(inspector *in, JSValueConst obj, const char *ctor, const char *method)
{
    JSContext *ctx = in->ctx;
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue c = JS_GetPropertyStr(ctx, global, ctor);
    JSValue proto = JS_IsObject(c) ? JS_GetPropertyStr(ctx, c, "prototype") : JS_UNDEFINED;
    JSValue fn = JS_IsObject(proto) ? JS_GetPropertyStr(ctx, proto, method) : JS_UNDEFINED;
    JSValue r = JS_IsFunction(ctx, fn) ? JS_Call(ctx, fn, obj, 0, NULL) : JS_EXCEPTION;
    bool ok = !JS_IsException(r);
    if (!ok)
        JS_FreeValue(ctx, JS_GetException(ctx)); /* JS_NULL when none is pending */
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, proto);
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, global);
    return ok;
}

/* Calls the built-in ctor.prototype.method on obj (a value of the matching brand). */
static JSValue call_builtin(JSContext *ctx, JSValueConst obj, const char *ctor, const char *method,
                            int argc, JSValueConst *argv)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue c = JS_GetPropertyStr(ctx, global, ctor);
    JSValue proto = JS_IsException(c) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, c, "prototype");
    JSValue fn = JS_IsException(proto) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, proto, method);
    JSValue r = JS_IsException(fn) ? JS_EXCEPTION : JS_Call(ctx, fn, obj, argc, argv);
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, proto);
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, global);
    return r;
}

/* Array.isArray looks through proxies; JS_IsArray of quickjs-ng does not. */
static int proxy_is_array(JSContext *ctx, JSValueConst obj)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue array = JS_GetPropertyStr(ctx, global, "Array");
    JSValue is_array = JS_GetPropertyStr(ctx, array, "isArray");
    JSValue r = JS_Call(ctx, is_array, array, 1, &obj);
    int b = JS_IsException(r) ? -1 : JS_ToBool(ctx, r);
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, is_array);
    JS_FreeValue(ctx, array);
    JS_FreeValue(ctx, global);
    return b;
}

int host_inspect_classify(inspector *in, JSValueConst obj, objinfo *info)
{
    JSContext *ctx = in->ctx;
    info->kind = K_OBJECT;
    info->typed = NULL;
    int arr = qjs_is_array(ctx, obj);
    if (arr == 0 && host_class_is(obj, cls.proxy))
        arr = proxy_is_array(ctx, obj);
    if (arr < 0)
        return -1;
    if (arr) {
        info->kind = K_ARRAY;
        return 0;
    }
    if (JS_IsFunction(ctx, obj)) {
        info->kind = K_FUNCTION;
        return 0;
    }
    if (qjs_is_error(ctx, obj)) {
        info->kind = K_ERROR;
        return 0;
    }
    static const struct {
        size_t off;
        enum kind kind;
    } probes[] = {
        {offsetof(class_ids, map), K_MAP},
        {offsetof(class_ids, set), K_SET},
        {offsetof(class_ids, weakmap), K_WEAKMAP},
        {offsetof(class_ids, weakset), K_WEAKSET},
        {offsetof(class_ids, array_buffer), K_ARRAY_BUFFER},
        {offsetof(class_ids, shared_array_buffer), K_SHARED_ARRAY_BUFFER},
        {offsetof(class_ids, dataview), K_DATAVIEW},
        {offsetof(class_ids, promise), K_PROMISE},
        {offsetof(class_ids, regexp), K_REGEXP},
        {offsetof(class_ids, date), K_DATE},
        {offsetof(class_ids, number), K_NUMBER},
        {offsetof(class_ids, string), K_STRING},
        {offsetof(class_ids, boolean), K_BOOLEAN},
        {offsetof(class_ids, symbol), K_SYMBOL},
        {offsetof(class_ids, bigint), K_BIGINT},
    };
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        JSClassID id = *(const JSClassID *)((const char *)&cls + probes[i].off);
        if (is_class(obj, id)) {
            info->kind = probes[i].kind;
            return 0;
        }
    }
    for (int i = 0; i < cls.ntyped; i++) {
        if (is_class(obj, cls.typed[i])) {
            info->kind = K_TYPED_ARRAY;
            info->typed = cls.typed_name[i];
            return 0;
        }
    }
    return 0;
}

bool host_inspect_atom_index(JSContext *ctx, JSAtom a, uint32_t *idx)
{
    if (cls.tagged_int_atoms && (a & 0x80000000u)) {
        *idx = a & 0x7FFFFFFFu;
        return true;
    }
    const char *s = JS_AtomToCString(ctx, a);
    bool r = s && host_inspect_index_key(s, idx);
    JS_FreeCString(ctx, s);
    if (!s)
        JS_FreeValue(ctx, JS_GetException(ctx));
    return r;
}

uint32_t host_inspect_typed_length(JSContext *ctx, JSValueConst obj)
{
    size_t off, bytes, elt;
    JSValue buf = JS_GetTypedArrayBuffer(ctx, obj, &off, &bytes, &elt);
    JS_FreeValue(ctx, buf);
    if (JS_IsException(buf)) {
        JS_FreeValue(ctx, JS_GetException(ctx)); /* detached: no items */
        return 0;
    }
    return (uint32_t)(bytes / elt);
}

int host_inspect_collection(JSValueConst v)
{
    return host_class_is(v, cls.map) ? 1 : host_class_is(v, cls.set) ? 2 : 0;
}

/* After the constructor name is known: the zero-valued Date, Number and Boolean objects. */
void host_inspect_classify_boxes(inspector *in, JSValueConst obj, objinfo *info)
{
    if (info->kind != K_OBJECT || !info->ctor)
        return;
    if (!strcmp(info->ctor, "Date") && brand_check(in, obj, "Date", "getTime"))
        info->kind = K_DATE;
    else if (!strcmp(info->ctor, "Number") && brand_check(in, obj, "Number", "valueOf"))
        info->kind = K_NUMBER;
    else if (!strcmp(info->ctor, "Boolean") && brand_check(in, obj, "Boolean", "valueOf"))
        info->kind = K_BOOLEAN;
}

/* ---- the kinds of objects ---- */

static uint32_t max_items(const inspector *in)
{
    return in->o.max_array_length < 0 ? 0 : (uint32_t)in->o.max_array_length;
}

bool host_is_native_function(JSContext *ctx, JSValueConst fn)
{
    JSValue src = JS_IsFunction(ctx, fn) ? call_builtin(ctx, fn, "Function", "toString", 0, NULL)
                                         : JS_UNDEFINED;
    const char *s = JS_IsString(src) ? JS_ToCString(ctx, src) : NULL;
    bool native = s && strstr(s, "[native code]");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, src);
    JS_FreeValue(ctx, JS_GetException(ctx));
    return native;
}

/* An error's stack text: QuickJS 2021 keeps it in an own data property; quickjs-ng behind an
 * accessor of Error.prototype, which is called only if it is the engine's own. */
static const char *error_stack(inspector *in, JSValueConst err)
{
    JSContext *ctx = in->ctx;
    const char *s = host_inspect_own_string(in, err, in->a_stack);
    int own = s ? 1 : JS_GetOwnProperty(ctx, NULL, err, in->a_stack);
    JSValue cur = own == 0 ? JS_GetPrototype(ctx, err) : JS_UNDEFINED;
    for (int i = 0; !s && i < 16 && JS_IsObject(cur); i++) {
        JSPropertyDescriptor d;
        int r = JS_GetOwnProperty(ctx, &d, cur, in->a_stack);
        if (r > 0) {
            if ((d.flags & JS_PROP_GETSET) && host_is_native_function(ctx, d.getter)) {
                JSValue v = JS_Call(ctx, d.getter, err, 0, NULL);
                s = JS_IsString(v) ? JS_ToCString(ctx, v) : NULL;
                JS_FreeValue(ctx, v);
            }
            JS_FreeValue(ctx, d.value);
            JS_FreeValue(ctx, d.getter);
            JS_FreeValue(ctx, d.setter);
            break;
        }
        JSValue next = r < 0 ? JS_UNDEFINED : JS_GetPrototype(ctx, cur);
        JS_FreeValue(ctx, cur);
        cur = next;
    }
    JS_FreeValue(ctx, cur);
    JS_FreeValue(ctx, JS_GetException(ctx));
    return s;
}

/* Node's improveStack: an error whose class is not named in its name shows both, as in
 * "MyError: msg" (class MyError, name "Error") or "Foo [TypeError]: msg". */
static void put_error_name(host_buf *b, const char *name, const objinfo *info)
{
    size_t n = strlen(name);
    if (!info->ctor || n < 5 || strcmp(name + n - 5, "Error") != 0) {
        host_buf_puts(b, name);
        return;
    }
    host_buf prefix;
    host_buf_init(&prefix, b->ctx);
    host_inspect_prefix(&prefix, info, "Error", "");
    if (prefix.len > 0)
        prefix.len--; /* the trailing space */
    if (prefix.oom || (prefix.len == n && !memcmp(prefix.p, name, n))) {
        host_buf_puts(b, name);
    } else {
        host_buf_put(b, prefix.p, prefix.len);
        if (!memmem(prefix.p, prefix.len, name, n)) {
            host_buf_puts(b, " [");
            host_buf_puts(b, name);
            host_buf_puts(b, "]");
        }
    }
    host_buf_free(&prefix);
}

/* "Name: message" and the stack lines under it, as V8 puts in an error's stack (QuickJS keeps
 * only the lines); in brackets when there is no stack. */
static int error_base(inspector *in, JSValueConst err, const objinfo *info, host_buf *base)
{
    JSContext *ctx = in->ctx;
    JSValue name, msg;
    if (host_inspect_data_prop(in, err, in->a_name, &name) < 0)
        return -1;
    if (host_inspect_data_prop(in, err, in->a_message, &msg) < 0) {
        JS_FreeValue(ctx, name);
        return -1;
    }
    const char *n = JS_IsUndefined(name) ? NULL : JS_ToCString(ctx, name);
    const char *m = JS_IsUndefined(msg) ? NULL : JS_ToCString(ctx, msg);
    const char *stack = error_stack(in, err);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, msg);
    JS_FreeValue(ctx, JS_GetException(ctx)); /* a name or message whose toString threw */
    size_t slen = stack ? strlen(stack) : 0;
    while (slen > 0 && (stack[slen - 1] == '\n' || stack[slen - 1] == ' '))
        slen--;
    if (slen == 0)
        host_buf_puts(base, "[");
    put_error_name(base, n ? n : "Error", info);
    if (m && *m) {
        host_buf_puts(base, ": ");
        host_buf_puts(base, m);
    }
    if (slen == 0) {
        host_buf_puts(base, "]");
    } else {
        host_buf_puts(base, "\n");
        host_buf_put(base, stack, slen);
    }
    JS_FreeCString(ctx, n);
    JS_FreeCString(ctx, m);
    JS_FreeCString(ctx, stack);
    if (in->indent > 0 && !base->oom) {
        /* The stack lines line up under the property they belong to. */
        host_buf t;
        host_buf_init(&t, ctx);
        for (size_t i = 0; i < base->len; i++) {
            host_buf_put(&t, base->p + i, 1);
            if (base->p[i] == '\n')
                host_buf_spaces(&t, in->indent);
        }
        host_buf_free(base);
        *base = t;
    }
    return 0;
}

static void put_bracketed(host_buf *b, const char *s)
{
    host_buf_puts(b, " [");
    host_buf_puts(b, s);
    host_buf_puts(b, "]");
}

/* Whether fn's source text is a class declaration or expression. */
static bool is_class_source(JSContext *ctx, JSValueConst fn)
{
    JSValue src = call_builtin(ctx, fn, "Function", "toString", 0, NULL);
    size_t n = 0;
    const char *s = JS_IsException(src) ? NULL : JS_ToCStringLen(ctx, &n, src);
    JS_FreeValue(ctx, src);
    JS_FreeValue(ctx, JS_GetException(ctx));
    bool r = s && n >= 6 && !strncmp(s, "class", 5) && s[n - 1] == '}' &&
             (s[5] == ' ' || s[5] == '{' || s[5] == '\n' || s[5] == '\t');
    JS_FreeCString(ctx, s);
    return r;
}

/* Node's getClassBase: [class A], [class B extends A], [class (anonymous)]. */
static void class_base(inspector *in, JSValueConst fn, const objinfo *info, const char *name,
                       host_buf *base)
{
    host_buf_puts(base, "[class ");
    host_buf_puts(base, name && *name ? name : "(anonymous)");
    if (info->ctor && strcmp(info->ctor, "Function"))
        put_bracketed(base, info->ctor);
    if (*info->tag && (!info->ctor || strcmp(info->ctor, info->tag)))
        put_bracketed(base, info->tag);
    if (!info->ctor) {
        host_buf_puts(base, " extends [null prototype]");
    } else {
        JSValue super = JS_GetPrototype(in->ctx, fn);
        const char *sn = JS_IsObject(super) ? host_inspect_own_string(in, super, in->a_name) : NULL;
        JS_FreeValue(in->ctx, JS_GetException(in->ctx));
        if (sn && *sn) {
            host_buf_puts(base, " extends ");
            host_buf_puts(base, sn);
        }
        JS_FreeCString(in->ctx, sn);
        JS_FreeValue(in->ctx, super);
    }
    host_buf_puts(base, "]");
}

/* Node's getFunctionBase: [Function: f], [AsyncFunction (anonymous)], [Function: f] Foo. */
static int function_base(inspector *in, JSValueConst fn, const objinfo *info, host_buf *base)
{
    const char *name = host_inspect_own_string(in, fn, in->a_name);
    if (is_class_source(in->ctx, fn)) {
        class_base(in, fn, info, name, base);
        JS_FreeCString(in->ctx, name);
        return 0;
    }
    const char *type = is_class(fn, cls.generator_fn)         ? "GeneratorFunction"
                       : is_class(fn, cls.async_fn)           ? "AsyncFunction"
                       : is_class(fn, cls.async_generator_fn) ? "AsyncGeneratorFunction"
                                                              : "Function";
    host_buf_puts(base, "[");
    host_buf_puts(base, type);
    if (!info->ctor)
        host_buf_puts(base, " (null prototype)");
    if (name && *name) {
        host_buf_puts(base, ": ");
        host_buf_puts(base, name);
    } else {
        host_buf_puts(base, " (anonymous)");
    }
    host_buf_puts(base, "]");
    if (info->ctor && strcmp(info->ctor, type)) {
        host_buf_puts(base, " ");
        host_buf_puts(base, info->ctor);
    }
    if (*info->tag && (!info->ctor || strcmp(info->ctor, info->tag)))
        put_bracketed(base, info->tag);
    JS_FreeCString(in->ctx, name);
    return 0;
}

/* [Number: 3], [String: 'abc'], [Number (MyNumber): 3]. */
static int boxed_base(inspector *in, JSValueConst obj, const objinfo *info, host_buf *base)
{
    static const char *const types[] = {[K_NUMBER] = "Number",
                                        [K_STRING] = "String",
                                        [K_BOOLEAN] = "Boolean",
                                        [K_SYMBOL] = "Symbol",
                                        [K_BIGINT] = "BigInt"};
    const char *type = types[info->kind];
    JSValue v = call_builtin(in->ctx, obj, type, "valueOf", 0, NULL);
    if (JS_IsException(v))
        return -1;
    host_buf_puts(base, "[");
    host_buf_puts(base, type);
    if (!info->ctor || strcmp(info->ctor, type)) {
        host_buf_puts(base, " (");
        host_buf_puts(base, info->ctor ? info->ctor : "null prototype");
        host_buf_puts(base, ")");
    }
    host_buf_puts(base, ": ");
    int r = host_inspect_primitive(in, v, base);
    host_buf_puts(base, "]");
    JS_FreeValue(in->ctx, v);
    return r;
}

static int date_base(inspector *in, JSValueConst obj, host_buf *base)
{
    JSContext *ctx = in->ctx;
    double t;
    JSValue tv = call_builtin(ctx, obj, "Date", "getTime", 0, NULL);
    int r = JS_IsException(tv) ? -1 : JS_ToFloat64(ctx, &t, tv);
    JS_FreeValue(ctx, tv);
    if (r < 0)
        return -1;
    if (isnan(t)) {
        host_buf_puts(base, "Invalid Date");
        return 0;
    }
    JSValue iso = call_builtin(ctx, obj, "Date", "toISOString", 0, NULL);
    const char *s = JS_IsException(iso) ? NULL : JS_ToCString(ctx, iso);
    JS_FreeValue(ctx, iso);
    if (!s)
        return -1;
    host_buf_puts(base, s);
    JS_FreeCString(ctx, s);
    return 0;
}

static int regexp_base(inspector *in, JSValueConst obj, host_buf *base)
{
    JSValue str = call_builtin(in->ctx, obj, "RegExp", "toString", 0, NULL);
    const char *s = JS_IsException(str) ? NULL : JS_ToCString(in->ctx, str);
    JS_FreeValue(in->ctx, str);
    if (!s)
        return -1;
    host_buf_puts(base, s);
    JS_FreeCString(in->ctx, s);
    return 0;
}

static void put_more_items(host_buf *b, uint64_t remaining, const char *what)
{
    host_buf_printf(b, "... %llu more %s%s", (unsigned long long)remaining, what,
                    remaining > 1 ? "s" : "");
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The indexes of obj's enumerable own items below len, ascending. */
static int array_indexes(inspector *in, JSValueConst obj, uint32_t len, uint32_t **out, uint32_t *n)
{
    JSContext *ctx = in->ctx;
    JSPropertyEnum *tab;
    uint32_t count;
    *out = NULL;
    *n = 0;
    if (JS_GetOwnPropertyNames(ctx, &tab, &count, obj, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
        return -1;
    uint32_t *idx = js_malloc(ctx, (count + 1) * sizeof *idx);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t v;
        if (idx && host_inspect_atom_index(ctx, tab[i].atom, &v) && v < len)
            idx[(*n)++] = v;
        JS_FreeAtom(ctx, tab[i].atom);
    }
    js_free(ctx, tab);
    if (!idx)
        return host_inspect_oom(in);
    qsort(idx, *n, sizeof *idx, cmp_u32);
    *out = idx;
    return 0;
}

/* Whether obj has an own property at index i: 1, 0, or -1 if a proxy trap threw. */
static int has_index(JSContext *ctx, JSValueConst obj, uint64_t i)
{
    JSAtom a = JS_NewAtomUInt32(ctx, (uint32_t)i);
    if (a == JS_ATOM_NULL)
        return -1;
    int r = JS_GetOwnProperty(ctx, NULL, obj, a);
    JS_FreeAtom(ctx, a);
    return r;
}

/* Holes are looked up one by one this far; a longer run is measured from the list of keys, which
 * costs one pass over them (cheap for the sparse arrays that have such runs). */
#define HOLE_SCAN 256

/* The index of the next item at or after pos (len if none). */
static int next_item(inspector *in, JSValueConst obj, uint64_t pos, uint32_t len, uint32_t **idx,
                     uint32_t *nidx, uint64_t *next)
{
    for (uint64_t i = pos; i < len && i < pos + HOLE_SCAN; i++) {
        int r = has_index(in->ctx, obj, i);
        if (r != 0) {
            *next = i;
            return r < 0 ? -1 : 0;
        }
    }
    if (pos + HOLE_SCAN >= len) {
        *next = len;
        return 0;
    }
    if (!*idx && array_indexes(in, obj, len, idx, nidx) < 0)
        return -1;
    uint32_t lo = 0, hi = *nidx; /* the first listed index >= pos */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if ((*idx)[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    *next = lo < *nidx ? (*idx)[lo] : len;
    return 0;
}

/* Node's formatArray and formatSpecialArray: items, runs of holes as <n empty items>, at most
 * max_array_length entries. Items are looked up by index, so a long dense array costs only the
 * entries shown. */
static int array_entries(inspector *in, JSValueConst obj, uint32_t len, int level, entries *e,
                         bool *numeric)
{
    uint32_t *idx = NULL, nidx = 0;
    uint64_t pos = 0;
    int r = 0;
    *numeric = true;
    while (r == 0 && (uint32_t)e->n < max_items(in) && pos < len) {
        uint64_t next;
        host_buf *b = host_inspect_entry(in, e);
        if (!b || next_item(in, obj, pos, len, &idx, &nidx, &next) < 0) {
            r = -1;
        } else if (next == pos) {
            JSAtom a = JS_NewAtomUInt32(in->ctx, (uint32_t)pos);
            size_t before = b->len;
            r = host_inspect_property(in, obj, a, false, level, b);
            JS_FreeAtom(in->ctx, a);
            /* Grouped columns are right-aligned only when every item is a number. */
            char c = b->len > before ? b->p[before] : 0;
            if (!((c >= '0' && c <= '9') || c == '-' || c == 'N' || c == 'I'))
                *numeric = false;
            pos++;
        } else {
            host_buf_printf(b, "<%llu empty item%s>", (unsigned long long)(next - pos),
                            next - pos > 1 ? "s" : "");
            *numeric = false;
            pos = next;
        }
    }
    if (r == 0 && pos < len) {
        host_buf *b = host_inspect_entry(in, e);
        if (!b)
            r = -1;
        else
            put_more_items(b, len - pos, "item");
    }
    js_free(in->ctx, idx);
    return r;
}

static int typed_array_entries(inspector *in, JSValueConst obj, uint32_t len, entries *e)
{
    uint32_t n = len < max_items(in) ? len : max_items(in);
    for (uint32_t i = 0; i < n; i++) {
        JSValue v = JS_GetPropertyUint32(in->ctx, obj, i);
        host_buf *b = host_inspect_entry(in, e);
        if (JS_IsException(v) || !b) {
            JS_FreeValue(in->ctx, v);
            return -1;
        }
        host_inspect_primitive(in, v, b);
        JS_FreeValue(in->ctx, v);
    }
    if (len > n) {
        host_buf *b = host_inspect_entry(in, e);
        if (!b)
            return -1;
        put_more_items(b, len - n, "item");
    }
    return 0;
}

/* Map and Set entries through the built-in iterators (user code cannot intercept them): the first
 * max_array_length of the size entries. */
static int collection_entries(inspector *in, JSValueConst obj, bool is_map, uint32_t size,
                              int level, entries *e)
{
    JSContext *ctx = in->ctx;
    JSValue it =
        call_builtin(ctx, obj, is_map ? "Map" : "Set", is_map ? "entries" : "values", 0, NULL);
    if (JS_IsException(it))
        return -1;
    JSValue next = JS_GetPropertyStr(ctx, it, "next");
    int r = JS_IsException(next) ? -1 : 0;
    uint32_t shown = 0;
    in->indent += 2;
    while (r == 0 && shown < max_items(in)) {
        JSValue res = JS_Call(ctx, next, it, 0, NULL);
        if (JS_IsException(res)) {
            r = -1;
            break;
        }
        JSValue done = JS_GetPropertyStr(ctx, res, "done");
        JSValue val = JS_GetPropertyStr(ctx, res, "value");
        JS_FreeValue(ctx, res);
        int finished = JS_ToBool(ctx, done);
        JS_FreeValue(ctx, done);
        host_buf *b = finished ? NULL : host_inspect_entry(in, e);
        if (finished) {
            r = finished < 0 ? -1 : 0;
            JS_FreeValue(ctx, val);
            break;
        } else if (!b) {
            r = -1;
        } else if (is_map) {
            JSValue k = JS_GetPropertyUint32(ctx, val, 0);
            JSValue v = JS_GetPropertyUint32(ctx, val, 1);
            r = host_inspect_value(in, k, level, b);
            host_buf_puts(b, " => ");
            if (r == 0)
                r = host_inspect_value(in, v, level, b);
            JS_FreeValue(ctx, k);
            JS_FreeValue(ctx, v);
        } else {
            r = host_inspect_value(in, val, level, b);
        }
        shown++;
        JS_FreeValue(ctx, val);
    }
    in->indent -= 2;
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, it);
    if (r == 0 && size > shown) {
        host_buf *b = host_inspect_entry(in, e);
        if (!b)
            return -1;
        put_more_items(b, size - shown, "item");
    }
    return r;
}

/* The size of a Map or Set without formatting (for the prefix, known before the entries). */
static int collection_size(inspector *in, JSValueConst obj, bool is_map, uint32_t *size)
{
    JSContext *ctx = in->ctx;
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue c = JS_GetPropertyStr(ctx, global, is_map ? "Map" : "Set");
    JSValue proto = JS_IsException(c) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, c, "prototype");
    JSAtom a = JS_NewAtom(ctx, "size");
    JSPropertyDescriptor d;
    int r = JS_IsException(proto) ? -1 : JS_GetOwnProperty(ctx, &d, proto, a);
    JS_FreeAtom(ctx, a);
    if (r > 0) {
        JSValue v = JS_IsFunction(ctx, d.getter) ? JS_Call(ctx, d.getter, obj, 0, NULL)
                                                 : JS_ThrowTypeError(ctx, "no size getter");
        r = JS_IsException(v) ? -1 : JS_ToUint32(ctx, size, v);
        JS_FreeValue(ctx, v);
        JS_FreeValue(ctx, d.getter);
        JS_FreeValue(ctx, d.setter);
        JS_FreeValue(ctx, d.value);
    } else if (r == 0) {
        JS_ThrowTypeError(ctx, "no size getter");
        r = -1;
    }
    JS_FreeValue(ctx, proto);
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, global);
    return r < 0 ? -1 : 0;
}

static int array_buffer_entries(inspector *in, JSValueConst obj, entries *e)
{
    size_t size;
    uint8_t *p = JS_GetArrayBuffer(in->ctx, &size, obj);
    host_buf *b = host_inspect_entry(in, e);
    if (!b)
        return -1;
    if (!p) {
        JS_FreeValue(in->ctx, JS_GetException(in->ctx));
        host_buf_puts(b, "(detached)");
        size = 0;
    } else {
        host_buf_puts(b, "[Uint8Contents]: <");
        size_t n = size < max_items(in) ? size : max_items(in);
        for (size_t i = 0; i < n; i++)
            host_buf_printf(b, i ? " %02x" : "%02x", p[i]);
        if (size > n)
            host_buf_printf(b, " ... %zu more byte%s", size - n, size - n > 1 ? "s" : "");
        host_buf_puts(b, ">");
    }
    b = host_inspect_entry(in, e);
    if (!b)
        return -1;
    host_buf_printf(b, "byteLength: %zu", size);
    return 0;
}

static int dataview_entries(inspector *in, JSValueConst obj, int level, entries *e)
{
    static const char *const names[] = {"byteLength", "byteOffset", "buffer"};
    for (int i = 0; i < 3; i++) {
        JSValue global = JS_GetGlobalObject(in->ctx);
        JSValue dv = JS_GetPropertyStr(in->ctx, global, "DataView");
        JSValue proto = JS_GetPropertyStr(in->ctx, dv, "prototype");
        JSAtom a = JS_NewAtom(in->ctx, names[i]);
        JSPropertyDescriptor d;
        int r = JS_GetOwnProperty(in->ctx, &d, proto, a);
        JS_FreeAtom(in->ctx, a);
        JS_FreeValue(in->ctx, proto);
        JS_FreeValue(in->ctx, dv);
        JS_FreeValue(in->ctx, global);
        if (r <= 0)
            return -1;
        JSValue v = JS_Call(in->ctx, d.getter, obj, 0, NULL);
        JS_FreeValue(in->ctx, d.getter);
        JS_FreeValue(in->ctx, d.setter);
        JS_FreeValue(in->ctx, d.value);
        host_buf *b = host_inspect_entry(in, e);
        if (JS_IsException(v) || !b) {
            JS_FreeValue(in->ctx, v);
            return -1;
        }
        host_buf_puts(b, names[i]);
        host_buf_puts(b, ": ");
        in->indent += 2;
        r = host_inspect_value(in, v, level, b);
        in->indent -= 2;
        JS_FreeValue(in->ctx, v);
        if (r < 0)
            return -1;
    }
    return 0;
}

static int promise_entries(inspector *in, JSValueConst obj, int level, entries *e)
{
    host_buf *b = host_inspect_entry(in, e);
    if (!b)
        return -1;
    promise_mirror *p = cls.promise_state_readable ? JS_GetOpaque(obj, cls.promise) : NULL;
    if (!p) {
        host_buf_puts(b, "<unknown>");
        return 0;
    }
    if (p->state == 0) {
        host_buf_puts(b, "<pending>");
        return 0;
    }
    if (p->state == 2)
        host_buf_puts(b, "<rejected> ");
    JSValue v = JS_DupValue(in->ctx, p->result);
    in->indent += 2;
    int r = host_inspect_value(in, v, level, b);
    in->indent -= 2;
    JS_FreeValue(in->ctx, v);
    return r;
}

/* ---- the shape of each kind ---- */

/* An arguments object: a non-enumerable own callee, and the built-in tag to confirm. */
static bool is_arguments(inspector *in, JSValueConst obj)
{
    JSContext *ctx = in->ctx;
    JSAtom a = JS_NewAtom(ctx, "callee");
    JSPropertyDescriptor d;
    int r = JS_GetOwnProperty(ctx, &d, obj, a);
    JS_FreeAtom(ctx, a);
    if (r <= 0) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    JS_FreeValue(ctx, d.value);
    JS_FreeValue(ctx, d.getter);
    JS_FreeValue(ctx, d.setter);
    if (d.flags & JS_PROP_ENUMERABLE)
        return false;
    JSValue tag = call_builtin(ctx, obj, "Object", "toString", 0, NULL);
    const char *s = JS_IsException(tag) ? NULL : JS_ToCString(ctx, tag);
    bool yes = s && !strcmp(s, "[object Arguments]");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, tag);
    JS_FreeValue(ctx, JS_GetException(ctx));
    return yes;
}

/* Decides the base and braces (Node's formatRaw up to the formatter); may finish early. */
int host_inspect_shape(inspector *in, JSValueConst obj, objinfo *info, keylist *keys, uint32_t *len,
                       shape *sh)
{
    JSContext *ctx = in->ctx;
    char size[24] = "";
    bool no_keys = keys->n == 0;
    sh->close = "}";
    switch (info->kind) {
    case K_ARRAY: {
        JSValue l = JS_GetProperty(ctx, obj, in->a_length);
        int r = JS_IsException(l) ? -1 : JS_ToUint32(ctx, len, l);
        JS_FreeValue(ctx, l); /* a proxy's length can be any value */
        if (r < 0)
            return -1;
        snprintf(size, sizeof size, "(%u)", *len);
        if (!info->ctor || strcmp(info->ctor, "Array") || *info->tag)
            host_inspect_prefix(&sh->open, info, "Array", size);
        host_buf_puts(&sh->open, "[");
        sh->close = "]";
        sh->array_like = true;
        sh->done = *len == 0 && no_keys;
        return 0;
    }
    case K_TYPED_ARRAY: {
        *len = host_inspect_typed_length(ctx, obj);
        snprintf(size, sizeof size, "(%u)", *len);
        host_inspect_prefix(&sh->open, info, info->typed, size);
        host_buf_puts(&sh->open, "[");
        sh->close = "]";
        sh->array_like = true;
        sh->done = *len == 0 && no_keys;
        return 0;
    }
    case K_MAP:
    case K_SET:
        if (collection_size(in, obj, info->kind == K_MAP, len) < 0)
            return -1;
        snprintf(size, sizeof size, "(%u)", *len);
        host_inspect_prefix(&sh->open, info, info->kind == K_MAP ? "Map" : "Set", size);
        host_buf_puts(&sh->open, "{");
        sh->done = *len == 0 && no_keys;
        return 0;
    case K_WEAKMAP:
    case K_WEAKSET:
        host_inspect_prefix(&sh->open, info, info->kind == K_WEAKMAP ? "WeakMap" : "WeakSet", "");
        host_buf_puts(&sh->open, "{");
        return 0;
    case K_ARRAY_BUFFER:
    case K_SHARED_ARRAY_BUFFER:
        host_inspect_prefix(&sh->open, info,
                            info->kind == K_ARRAY_BUFFER ? "ArrayBuffer" : "SharedArrayBuffer", "");
        host_buf_puts(&sh->open, "{");
        return 0;
    case K_DATAVIEW:
        host_inspect_prefix(&sh->open, info, "DataView", "");
        host_buf_puts(&sh->open, "{");
        return 0;
    case K_PROMISE:
        host_inspect_prefix(&sh->open, info, "Promise", "");
        host_buf_puts(&sh->open, "{");
        return 0;
    case K_FUNCTION:
        sh->done = no_keys;
        host_buf_puts(&sh->open, "{");
        return function_base(in, obj, info, &sh->base);
    case K_ERROR:
        sh->done = no_keys;
        host_buf_puts(&sh->open, "{");
        return error_base(in, obj, info, &sh->base);
    case K_REGEXP:
    case K_DATE:
        if (!info->ctor || strcmp(info->ctor, info->kind == K_DATE ? "Date" : "RegExp"))
            host_inspect_prefix(&sh->base, info, info->kind == K_DATE ? "Date" : "RegExp", "");
        sh->done = no_keys;
        host_buf_puts(&sh->open, "{");
        return info->kind == K_DATE ? date_base(in, obj, &sh->base)
                                    : regexp_base(in, obj, &sh->base);
    case K_NUMBER:
    case K_STRING:
    case K_BOOLEAN:
    case K_SYMBOL:
    case K_BIGINT:
        sh->done = no_keys;
        host_buf_puts(&sh->open, "{");
        return boxed_base(in, obj, info, &sh->base);
    case K_OBJECT:
        if (info->ctor && !strcmp(info->ctor, "Object") && is_arguments(in, obj))
            host_buf_puts(&sh->open, "[Arguments] ");
        else if (!info->ctor && !strcmp(info->tag, "Module"))
            host_buf_puts(&sh->open, "[Module: null prototype] ");
        else if (!info->ctor || strcmp(info->ctor, "Object") || *info->tag)
            host_inspect_prefix(&sh->open, info, "Object", "");
        host_buf_puts(&sh->open, "{");
        if (no_keys) {
            host_buf_puts(&sh->open, "}");
            sh->done = true;
        }
        return 0;
    }
    return 0;
}

/* The entries particular to the kind, before the keys (Node's formatter functions). */
int host_inspect_kind_entries(inspector *in, JSValueConst obj, const objinfo *info, uint32_t len,
                              int level, entries *e, bool *numeric)
{
    switch (info->kind) {
    case K_ARRAY:
        return array_entries(in, obj, len, level, e, numeric);
    case K_TYPED_ARRAY:
        *numeric = true;
        return typed_array_entries(in, obj, len, e);
    case K_MAP:
    case K_SET:
        return collection_entries(in, obj, info->kind == K_MAP, len, level, e);
    case K_WEAKMAP:
    case K_WEAKSET: {
        host_buf *b = host_inspect_entry(in, e);
        if (!b)
            return -1;
        host_buf_puts(b, "<items unknown>");
        return 0;
    }
    case K_ARRAY_BUFFER:
    case K_SHARED_ARRAY_BUFFER:
        return array_buffer_entries(in, obj, e);
    case K_DATAVIEW:
        return dataview_entries(in, obj, level, e);
    case K_PROMISE:
        return promise_entries(in, obj, level, e);
    default:
        return 0;
    }
}
