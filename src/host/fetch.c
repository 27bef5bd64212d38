/* fetch.c: fetch() for local files (paths and file: URLs) with the parts of Response and Headers
 * (WHATWG Fetch) that programs and WebAssembly.compileStreaming use: ok, status, statusText, url,
 * type, headers, bodyUsed, arrayBuffer(), text(), json(), and new Response(body, init). */
#include "host.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static JSClassID js_response_class_id, js_headers_class_id;

/* Headers: a list of (lower-case name, value) pairs. */
typedef struct headers {
    size_t n;
    char **names, **values;
} headers;

typedef struct response {
    uint8_t *body; /* malloc()ed, NULL for no body */
    size_t len;
    int status;
    char *url;
    bool used;
    JSValue headers; /* the Headers object */
} response;

static void headers_clear(headers *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->names[i]);
        free(h->values[i]);
    }
    free(h->names);
    free(h->values);
    h->n = 0;
    h->names = h->values = NULL;
}

static void js_headers_finalizer(JSRuntime *rt, JSValue val)
{
    (void)rt;
    headers *h = JS_GetOpaque(val, js_headers_class_id);
    if (h) {
        headers_clear(h);
        free(h);
    }
}

static void js_response_finalizer(JSRuntime *rt, JSValue val)
{
    response *r = JS_GetOpaque(val, js_response_class_id);
    if (r) {
        free(r->body);
        free(r->url);
        JS_FreeValueRT(rt, r->headers);
        free(r);
    }
}

static void js_response_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark)
{
    response *r = JS_GetOpaque(val, js_response_class_id);
    if (r)
        JS_MarkValue(rt, r->headers, mark);
}

static char *lower_dup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        for (size_t i = 0; i < n; i++)
            d[i] = (char)tolower((unsigned char)s[i]);
        d[n] = 0;
    }
    return d;
}

/* Appends a header; a name already present gets ", value" (Fetch's combine). */
static int headers_append(JSContext *ctx, headers *h, const char *name, size_t nlen,
                          const char *value)
{
    char *lname = lower_dup(name, nlen);
    if (!lname)
        goto oom;
    for (size_t i = 0; i < h->n; i++) {
        if (strcmp(h->names[i], lname) == 0) {
            size_t a = strlen(h->values[i]), b = strlen(value);
            char *v = realloc(h->values[i], a + b + 3);
            free(lname);
            if (!v)
                goto oom;
            memcpy(v + a, ", ", 2);
            memcpy(v + a + 2, value, b + 1);
            h->values[i] = v;
            return 0;
        }
    }
    char **nn = realloc(h->names, (h->n + 1) * sizeof *nn);
    if (nn)
        h->names = nn;
    char **vv = nn ? realloc(h->values, (h->n + 1) * sizeof *vv) : NULL;
    if (vv)
        h->values = vv;
    char *v = vv ? strdup(value) : NULL;
    if (!v) {
        free(lname);
        goto oom;
    }
    h->names[h->n] = lname;
    h->values[h->n] = v;
    h->n++;
    return 0;
oom:
    JS_ThrowOutOfMemory(ctx);
    return -1;
}

static const char *headers_find(const headers *h, const char *lname)
{
    for (size_t i = 0; i < h->n; i++) {
        if (strcmp(h->names[i], lname) == 0)
            return h->values[i];
    }
    return NULL;
}

static JSValue headers_new(JSContext *ctx, headers **out)
{
    headers *h = calloc(1, sizeof *h);
    if (!h)
        return JS_ThrowOutOfMemory(ctx);
    JSValue proto = JS_GetClassProto(ctx, js_headers_class_id);
    JSValue obj = JS_NewObjectProtoClass(ctx, proto, js_headers_class_id);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj)) {
        free(h);
        return obj;
    }
    JS_SetOpaque(obj, h);
    *out = h;
    return obj;
}

/* Fills h from a record (a plain object of name: value) or another Headers. */
static int headers_fill(JSContext *ctx, headers *h, JSValueConst init)
{
    headers *src = JS_GetOpaque(init, js_headers_class_id);
    if (src) {
        for (size_t i = 0; i < src->n; i++) {
            if (headers_append(ctx, h, src->names[i], strlen(src->names[i]), src->values[i]) < 0)
                return -1;
        }
        return 0;
    }
    if (JS_IsUndefined(init))
        return 0;
    if (!JS_IsObject(init)) {
        JS_ThrowTypeError(ctx, "Headers: init must be an object");
        return -1;
    }
    JSPropertyEnum *props;
    uint32_t n;
    if (JS_GetOwnPropertyNames(ctx, &props, &n, init, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
        return -1;
    int r = 0;
    for (uint32_t i = 0; i < n && r == 0; i++) {
        const char *name = JS_AtomToCString(ctx, props[i].atom);
        JSValue v = JS_GetProperty(ctx, init, props[i].atom);
        const char *value = JS_IsException(v) ? NULL : JS_ToCString(ctx, v);
        if (!name || !value)
            r = -1;
        else
            r = headers_append(ctx, h, name, strlen(name), value);
        JS_FreeCString(ctx, name);
        JS_FreeCString(ctx, value);
        JS_FreeValue(ctx, v);
    }
    for (uint32_t i = 0; i < n; i++)
        JS_FreeAtom(ctx, props[i].atom);
    js_free(ctx, props);
    return r;
}

static JSValue js_headers_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                               JSValueConst *argv)
{
    (void)new_target;
    headers *h;
    JSValue obj = headers_new(ctx, &h);
    if (!JS_IsException(obj) && headers_fill(ctx, h, argc > 0 ? argv[0] : JS_UNDEFINED) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* get(name) and has(name); magic 1 for has. */
static JSValue js_headers_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                              int magic)
{
    headers *h = JS_GetOpaque2(ctx, this_val, js_headers_class_id);
    if (!h)
        return JS_EXCEPTION;
    size_t n;
    const char *name = JS_ToCStringLen(ctx, &n, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    char *lname = lower_dup(name, n);
    JS_FreeCString(ctx, name);
    if (!lname)
        return JS_ThrowOutOfMemory(ctx);
    const char *v = headers_find(h, lname);
    free(lname);
    if (magic)
        return JS_NewBool(ctx, v != NULL);
    return v ? JS_NewString(ctx, v) : JS_NULL;
}

static response *response_of(JSContext *ctx, JSValueConst v)
{
    return JS_GetOpaque2(ctx, v, js_response_class_id);
}

/* A Response over body (taken), with a Headers object made from init_headers. */
static JSValue response_new(JSContext *ctx, JSValueConst new_target, uint8_t *body, size_t len,
                            int status, const char *url, JSValueConst init_headers,
                            const char *content_type)
{
    response *r = calloc(1, sizeof *r);
    char *u = strdup(url ? url : "");
    if (!r || !u) {
        free(r);
        free(u);
        free(body);
        return JS_ThrowOutOfMemory(ctx);
    }
    r->body = body;
    r->len = len;
    r->status = status;
    r->url = u;
    r->headers = JS_UNDEFINED;
    JSValue proto = JS_UNDEFINED;
    if (JS_IsObject(new_target))
        proto = JS_GetPropertyStr(ctx, new_target, "prototype");
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        proto = JS_GetClassProto(ctx, js_response_class_id);
    }
    JSValue obj = JS_NewObjectProtoClass(ctx, proto, js_response_class_id);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj)) {
        free(r->body);
        free(r->url);
        free(r);
        return obj;
    }
    JS_SetOpaque(obj, r);
    headers *h;
    r->headers = headers_new(ctx, &h);
    if (JS_IsException(r->headers) || headers_fill(ctx, h, init_headers) < 0 ||
        (content_type && !headers_find(h, "content-type") &&
         headers_append(ctx, h, "content-type", 12, content_type) < 0)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* new Response(body, {status, headers}): body null/undefined, a string or a BufferSource. */
static JSValue js_response_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                JSValueConst *argv)
{
    JSValueConst body = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst init = argc > 1 ? argv[1] : JS_UNDEFINED;
    uint8_t *bytes = NULL;
    size_t len = 0;
    const char *ctype = NULL;
    if (JS_IsString(body)) {
        const char *s = JS_ToCStringLen(ctx, &len, body);
        if (!s)
            return JS_EXCEPTION;
        bytes = malloc(len + 1);
        if (bytes)
            memcpy(bytes, s, len);
        JS_FreeCString(ctx, s);
        if (!bytes)
            return JS_ThrowOutOfMemory(ctx);
        ctype = "text/plain;charset=UTF-8";
    } else if (!JS_IsUndefined(body) && !JS_IsNull(body)) {
        size_t size, off = 0, n, elt;
        uint8_t *data = JS_GetArrayBuffer(ctx, &size, body);
        n = size;
        if (!data) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            JSValue ab = JS_GetTypedArrayBuffer(ctx, body, &off, &n, &elt);
            if (JS_IsException(ab))
                return JS_ThrowTypeError(ctx, "Response: unsupported body type");
            data = JS_GetArrayBuffer(ctx, &size, ab);
            JS_FreeValue(ctx, ab);
            if (!data) {
                JS_FreeValue(ctx, JS_GetException(ctx));
                n = 0;
            }
        }
        bytes = malloc(n ? n : 1);
        if (!bytes)
            return JS_ThrowOutOfMemory(ctx);
        if (n)
            memcpy(bytes, data + off, n);
        len = n;
    }
    int32_t status = 200;
    JSValue hv = JS_UNDEFINED;
    if (JS_IsObject(init)) {
        JSValue sv = JS_GetPropertyStr(ctx, init, "status");
        if (!JS_IsUndefined(sv) && JS_ToInt32(ctx, &status, sv) < 0) {
            JS_FreeValue(ctx, sv);
            free(bytes);
            return JS_EXCEPTION;
        }
        JS_FreeValue(ctx, sv);
        if (status < 200 || status > 599) {
            free(bytes);
            return JS_ThrowRangeError(ctx, "Response: status must be in [200, 599]");
        }
        hv = JS_GetPropertyStr(ctx, init, "headers");
        if (JS_IsException(hv)) {
            free(bytes);
            return hv;
        }
    }
    JSValue r = response_new(ctx, new_target, bytes, len, status, "", hv, ctype);
    JS_FreeValue(ctx, hv);
    return r;
}

enum { RESP_OK, RESP_STATUS, RESP_STATUS_TEXT, RESP_URL, RESP_TYPE, RESP_HEADERS, RESP_BODY_USED };

static JSValue js_response_get(JSContext *ctx, JSValueConst this_val, int magic)
{
    response *r = response_of(ctx, this_val);
    if (!r)
        return JS_EXCEPTION;
    switch (magic) {
    case RESP_OK:
        return JS_NewBool(ctx, r->status >= 200 && r->status <= 299);
    case RESP_STATUS:
        return JS_NewInt32(ctx, r->status);
    case RESP_STATUS_TEXT:
        return JS_NewString(ctx, r->status == 200 ? "OK" : "");
    case RESP_URL:
        return JS_NewString(ctx, r->url);
    case RESP_TYPE:
        return JS_NewString(ctx, r->url[0] ? "basic" : "default");
    case RESP_HEADERS:
        return JS_DupValue(ctx, r->headers);
    default:
        return JS_NewBool(ctx, r->used);
    }
}

/* The body as arrayBuffer(), text() or json() (magic 0, 1, 2): a promise; a body is read once. */
static JSValue js_response_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                                int magic)
{
    (void)argc, (void)argv;
    response *r = response_of(ctx, this_val);
    if (!r)
        return JS_EXCEPTION;
    JSValue funcs[2];
    JSValue promise = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    JSValue v;
    if (r->used) {
        JS_ThrowTypeError(ctx, "Response: the body was already read");
        v = JS_GetException(ctx);
    } else {
        r->used = true;
        if (magic == 0) {
            v = JS_NewArrayBufferCopy(ctx, r->body, r->len);
        } else {
            v = JS_NewStringLen(ctx, r->body ? (const char *)r->body : "", r->len);
            if (magic == 2 && !JS_IsException(v)) {
                const char *s = JS_ToCString(ctx, v);
                JS_FreeValue(ctx, v);
                v = s ? JS_ParseJSON(ctx, s, strlen(s), "<response>") : JS_EXCEPTION;
                JS_FreeCString(ctx, s);
            }
        }
        if (JS_IsException(v))
            v = JS_GetException(ctx);
        else
            magic = -1;
    }
    JSValue res = JS_Call(ctx, funcs[magic == -1 ? 0 : 1], JS_UNDEFINED, 1, (JSValueConst *)&v);
    JS_FreeValue(ctx, res);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return promise;
}

static const char *content_type_of(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".wasm", "application/wasm"}, {".js", "text/javascript"}, {".mjs", "text/javascript"},
        {".json", "application/json"}, {".txt", "text/plain"},     {".html", "text/html"},
        {".wat", "text/plain"},        {".wast", "text/plain"},
    };
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
            if (strcmp(dot, types[i].ext) == 0)
                return types[i].type;
        }
    }
    return "application/octet-stream";
}

static int hexval(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

/* The local path of a fetch input: a file: URL (percent-decoded) or a plain path. NULL with a
 * TypeError for other schemes. */
static char *local_path(JSContext *ctx, const char *in)
{
    const char *p = in;
    if (strncmp(in, "file://", 7) == 0) {
        p = in + 7;
        if (strncmp(p, "localhost/", 10) == 0)
            p += 9;
        if (*p != '/') {
            JS_ThrowTypeError(ctx, "fetch: file URL with a host is not supported: %s", in);
            return NULL;
        }
    } else {
        const char *colon = strchr(in, ':');
        const char *slash = strchr(in, '/');
        if (colon && colon > in && (!slash || colon < slash)) {
            JS_ThrowTypeError(ctx,
                              "fetch: only local files (paths and file: URLs) are supported: "
                              "%s",
                              in);
            return NULL;
        }
    }
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    bool decode = p != in;
    for (; *p && !(decode && (*p == '?' || *p == '#')); p++) {
        int a, b;
        if (decode && p[0] == '%' && (a = hexval((unsigned char)p[1])) >= 0 &&
            (b = hexval((unsigned char)p[2])) >= 0) {
            *o++ = (char)(a * 16 + b);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    return out;
}

/* fetch(input): reads the file and settles with a Response (200) or rejects with a TypeError,
 * as a network error does. */
static JSValue js_fetch(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    JSValue funcs[2];
    JSValue promise = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    JSValue v = JS_EXCEPTION;
    const char *in = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    char *path = in ? local_path(ctx, in) : NULL;
    if (path) {
        size_t len;
        int err;
        char *data = host_read_file(path, &len, &err);
        if (!data) {
            JS_ThrowTypeError(ctx, "fetch failed: %s: %s", in, strerror(err));
        } else {
            char *url = NULL;
            if (strncmp(in, "file:", 5) == 0) {
                url = strdup(in);
            } else if (path[0] == '/') {
                url = malloc(strlen(path) + 8);
                if (url)
                    strcat(strcpy(url, "file://"), path);
            } else {
                char *cwd = getcwd(NULL, 0);
                url = cwd ? malloc(strlen(cwd) + strlen(path) + 9) : NULL;
                if (url)
                    strcat(strcat(strcat(strcpy(url, "file://"), cwd), "/"), path);
                free(cwd);
            }
            v = response_new(ctx, JS_UNDEFINED, (uint8_t *)data, len, 200, url ? url : in,
                             JS_UNDEFINED, content_type_of(path));
            free(url);
        }
        free(path);
    }
    JS_FreeCString(ctx, in);
    int which = 0;
    if (JS_IsException(v))
        v = JS_GetException(ctx), which = 1;
    JSValue r = JS_Call(ctx, funcs[which], JS_UNDEFINED, 1, (JSValueConst *)&v);
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return promise;
}

static const JSCFunctionListEntry js_response_proto_funcs[] = {
    JS_CGETSET_MAGIC_DEF("ok", js_response_get, NULL, RESP_OK),
    JS_CGETSET_MAGIC_DEF("status", js_response_get, NULL, RESP_STATUS),
    JS_CGETSET_MAGIC_DEF("statusText", js_response_get, NULL, RESP_STATUS_TEXT),
    JS_CGETSET_MAGIC_DEF("url", js_response_get, NULL, RESP_URL),
    JS_CGETSET_MAGIC_DEF("type", js_response_get, NULL, RESP_TYPE),
    JS_CGETSET_MAGIC_DEF("headers", js_response_get, NULL, RESP_HEADERS),
    JS_CGETSET_MAGIC_DEF("bodyUsed", js_response_get, NULL, RESP_BODY_USED),
    JS_CFUNC_MAGIC_DEF("arrayBuffer", 0, js_response_read, 0),
    JS_CFUNC_MAGIC_DEF("text", 0, js_response_read, 1),
    JS_CFUNC_MAGIC_DEF("json", 0, js_response_read, 2),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Response", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_headers_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("get", 1, js_headers_get, 0),
    JS_CFUNC_MAGIC_DEF("has", 1, js_headers_get, 1),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Headers", JS_PROP_CONFIGURABLE),
};

static int define_class(JSContext *ctx, JSValueConst global, JSClassID *id, const JSClassDef *def,
                        JSCFunction *ctor, const JSCFunctionListEntry *funcs, int n)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    if (!*id)
        qjs_new_class_id(rt, id);
    if (JS_NewClass(rt, *id, def) < 0)
        return -1;
    JSValue proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_SetPropertyFunctionList(ctx, proto, funcs, n);
    JSValue fn = JS_NewCFunction2(ctx, ctor, def->class_name, 0, JS_CFUNC_constructor, 0);
    if (JS_IsException(fn)) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    JS_SetConstructor(ctx, fn, proto);
    JS_SetClassProto(ctx, *id, proto);
    return JS_DefinePropertyValueStr(ctx, global, def->class_name, fn,
                                     JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

int host_fetch_init(JSContext *ctx)
{
    static const JSClassDef response_def = {
        .class_name = "Response",
        .finalizer = js_response_finalizer,
        .gc_mark = js_response_mark,
    };
    static const JSClassDef headers_def = {
        .class_name = "Headers",
        .finalizer = js_headers_finalizer,
    };
    JSValue global = JS_GetGlobalObject(ctx);
    int r = -1;
    if (define_class(ctx, global, &js_response_class_id, &response_def, js_response_ctor,
                     js_response_proto_funcs,
                     sizeof js_response_proto_funcs / sizeof js_response_proto_funcs[0]) < 0 ||
        define_class(ctx, global, &js_headers_class_id, &headers_def, js_headers_ctor,
                     js_headers_proto_funcs,
                     sizeof js_headers_proto_funcs / sizeof js_headers_proto_funcs[0]) < 0)
        goto done;
    r = JS_DefinePropertyValueStr(ctx, global, "fetch", JS_NewCFunction(ctx, js_fetch, "fetch", 1),
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
done:
    JS_FreeValue(ctx, global);
    return r;
}
