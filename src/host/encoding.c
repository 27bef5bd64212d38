/* encoding.c: TextEncoder and TextDecoder, UTF-8 only, as the WHATWG Encoding Standard defines
 * them (sections "Interface TextDecoder", "Interface TextEncoder", "UTF-8 decoder"). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classid.h"
#include "host.h"
#include "qjs_compat.h"

static JSClassID js_text_encoder_class_id, js_text_decoder_class_id;

/* Probed at init (see classid.h): the kinds of BufferSource and the one view encodeInto accepts. */
static JSClassID array_buffer_class, shared_array_buffer_class, dataview_class, uint8_array_class;
static JSClassID typed_array_first_class, typed_array_last_class;

/* TextEncoder has no state; its objects carry this address so that JS_GetOpaque2 tells a
 * TextEncoder (non-NULL) from a failed brand check (NULL with a TypeError pending). */
static char encoder_marker;

typedef struct text_decoder {
    bool fatal, ignore_bom, bom_seen, do_not_flush;
    /* The UTF-8 decoder's state, named as in the standard. */
    uint32_t code_point;
    uint8_t bytes_seen, bytes_needed, lower, upper;
} text_decoder;

/* Indexes of the intrinsics that decode() receives as function data (DataView getters). */
enum { DV_BUFFER, DV_BYTE_OFFSET, DV_BYTE_LENGTH, DV_COUNT };

static void decoder_reset(text_decoder *d)
{
    d->code_point = 0;
    d->bytes_seen = d->bytes_needed = 0;
    d->lower = 0x80;
    d->upper = 0xBF;
}

/* Appends c as UTF-8 at out[*pos] (out NULL: only counts). */
static void put_utf8(uint8_t *out, size_t *pos, uint32_t c)
{
    uint8_t t[4];
    size_t n;
    if (c < 0x80) {
        t[0] = c;
        n = 1;
    } else if (c < 0x800) {
        t[0] = 0xC0 | (c >> 6);
        t[1] = 0x80 | (c & 0x3F);
        n = 2;
    } else if (c < 0x10000) {
        t[0] = 0xE0 | (c >> 12);
        t[1] = 0x80 | ((c >> 6) & 0x3F);
        t[2] = 0x80 | (c & 0x3F);
        n = 3;
    } else {
        t[0] = 0xF0 | (c >> 18);
        t[1] = 0x80 | ((c >> 12) & 0x3F);
        t[2] = 0x80 | ((c >> 6) & 0x3F);
        t[3] = 0x80 | (c & 0x3F);
        n = 4;
    }
    if (out)
        memcpy(out + *pos, t, n);
    *pos += n;
}

/* The "serialize I/O queue" step: the first scalar value decoded is dropped if it is a BOM. */
static void emit(text_decoder *d, uint8_t *out, size_t *pos, uint32_t c)
{
    if (!d->ignore_bom && !d->bom_seen) {
        d->bom_seen = true;
        if (c == 0xFEFF)
            return;
    }
    put_utf8(out, pos, c);
}

/* Starts a sequence on lead byte b; false if b cannot start one. */
static bool decoder_lead(text_decoder *d, uint8_t b)
{
    if (b >= 0xC2 && b <= 0xDF) {
        d->bytes_needed = 1;
        d->code_point = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0)
            d->lower = 0xA0;
        else if (b == 0xED)
            d->upper = 0x9F; /* no surrogates */
        d->bytes_needed = 2;
        d->code_point = b & 0xF;
    } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0)
            d->lower = 0x90;
        else if (b == 0xF4)
            d->upper = 0x8F; /* nothing above U+10FFFF */
        d->bytes_needed = 3;
        d->code_point = b & 0x7;
    } else {
        return false;
    }
    return true;
}

/* Runs the UTF-8 decoder over in[0..len) and, when flush, the end of the queue, appending UTF-8
 * to out (NULL: only counts the bytes). Sets *out_len; false on an error when fatal. */
static bool decoder_run(text_decoder *d, const uint8_t *in, size_t len, bool flush, uint8_t *out,
                        size_t *out_len)
{
    size_t i = 0, pos = 0;
    while (i < len) {
        uint8_t b = in[i];
        if (d->bytes_needed == 0) {
            if (b < 0x80 && (d->bom_seen || d->ignore_bom)) {
                /* A run of ASCII is copied as it is. */
                size_t start = i;
                while (i < len && in[i] < 0x80)
                    i++;
                if (out)
                    memcpy(out + pos, in + start, i - start);
                pos += i - start;
                continue;
            }
            i++;
            if (b < 0x80)
                emit(d, out, &pos, b);
            else if (!decoder_lead(d, b))
                goto error;
            continue;
        }
        if (b < d->lower || b > d->upper) {
            /* Maximal subpart: the bytes so far make one U+FFFD, b is read again as a lead. */
            decoder_reset(d);
            goto error;
        }
        i++;
        d->lower = 0x80;
        d->upper = 0xBF;
        d->code_point = (d->code_point << 6) | (b & 0x3F);
        if (++d->bytes_seen == d->bytes_needed) {
            emit(d, out, &pos, d->code_point);
            decoder_reset(d);
        }
        continue;
error:
        if (d->fatal)
            return false;
        emit(d, out, &pos, 0xFFFD);
    }
    if (flush && d->bytes_needed != 0) {
        decoder_reset(d);
        if (d->fatal)
            return false;
        emit(d, out, &pos, 0xFFFD);
    }
    *out_len = pos;
    return true;
}

static bool is_typed_array(JSValueConst v)
{
    for (JSClassID id = typed_array_first_class; id && id <= typed_array_last_class; id++) {
        if (JS_GetOpaque(v, id))
            return true;
    }
    return false;
}

static JSValue call_getter(JSContext *ctx, JSValueConst getter, JSValueConst obj)
{
    return JS_Call(ctx, getter, obj, 0, NULL);
}

/* A DataView's bytes; a detached buffer gives no bytes (WebIDL "get a copy of the bytes"). */
static int get_dataview_bytes(JSContext *ctx, JSValueConst v, JSValueConst *getters,
                              const uint8_t **data, size_t *len)
{
    uint32_t off, n;
    size_t size;
    JSValue buf = call_getter(ctx, getters[DV_BUFFER], v);
    if (JS_IsException(buf))
        return -1;
    uint8_t *base = JS_GetArrayBuffer(ctx, &size, buf);
    JS_FreeValue(ctx, buf);
    if (!base) {
        JS_FreeValue(ctx, JS_GetException(ctx)); /* detached */
        return 0;
    }
    JSValue off_v = call_getter(ctx, getters[DV_BYTE_OFFSET], v);
    JSValue len_v =
        JS_IsException(off_v) ? JS_EXCEPTION : call_getter(ctx, getters[DV_BYTE_LENGTH], v);
    int r = JS_IsException(len_v) || JS_ToUint32(ctx, &off, off_v) < 0 ||
            JS_ToUint32(ctx, &n, len_v) < 0;
    JS_FreeValue(ctx, off_v);
    JS_FreeValue(ctx, len_v);
    if (r)
        return -1;
    if ((size_t)off + n <= size) {
        *data = base + off;
        *len = n;
    }
    return 0;
}

/* Sets *data and *len to the bytes of a BufferSource (ArrayBuffer, SharedArrayBuffer, a typed array
 * or a DataView); detached buffers give no bytes. -1 with a TypeError for anything else. The bytes
 * stay valid until JS code runs again. */
static int get_buffer_source(JSContext *ctx, JSValueConst v, JSValueConst *dv_getters,
                             const uint8_t **data, size_t *len)
{
    size_t size, off, n, elt;
    *data = NULL;
    *len = 0;
    if (host_class_is(v, array_buffer_class) || host_class_is(v, shared_array_buffer_class)) {
        uint8_t *p = JS_GetArrayBuffer(ctx, &size, v);
        if (!p) {
            JS_FreeValue(ctx, JS_GetException(ctx)); /* detached */
            return 0;
        }
        *data = p;
        *len = size;
        return 0;
    }
    if (host_class_is(v, dataview_class))
        return get_dataview_bytes(ctx, v, dv_getters, data, len);
    if (!is_typed_array(v)) {
        JS_ThrowTypeError(ctx, "TextDecoder.decode: input must be an ArrayBuffer, a typed array "
                               "or a DataView");
        return -1;
    }
    JSValue buf = JS_GetTypedArrayBuffer(ctx, v, &off, &n, &elt);
    if (JS_IsException(buf)) {
        JS_FreeValue(ctx, JS_GetException(ctx)); /* detached */
        return 0;
    }
    uint8_t *base = JS_GetArrayBuffer(ctx, &size, buf);
    JS_FreeValue(ctx, buf);
    if (!base) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return 0;
    }
    if (off + n <= size) {
        *data = base + off;
        *len = n;
    }
    return 0;
}

/* Reads a boolean member of a WebIDL dictionary argument (undefined and null mean defaults). */
static int get_dict_bool(JSContext *ctx, JSValueConst dict, const char *name, bool *out)
{
    *out = false;
    if (JS_IsUndefined(dict) || JS_IsNull(dict))
        return 0;
    JSValue v = JS_GetPropertyStr(ctx, dict, name);
    if (JS_IsException(v))
        return -1;
    int b = JS_ToBool(ctx, v);
    JS_FreeValue(ctx, v);
    if (b < 0)
        return -1;
    *out = b;
    return 0;
}

static int check_dict(JSContext *ctx, JSValueConst dict, const char *what)
{
    if (JS_IsUndefined(dict) || JS_IsNull(dict) || JS_IsObject(dict))
        return 0;
    JS_ThrowTypeError(ctx, "%s: options must be an object", what);
    return -1;
}

static JSValue new_object_for(JSContext *ctx, JSValueConst new_target, JSClassID class_id)
{
    JSValue proto = JS_GetPropertyStr(ctx, new_target, "prototype");
    if (JS_IsException(proto))
        return JS_EXCEPTION;
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        proto = JS_GetClassProto(ctx, class_id);
    }
    JSValue obj = JS_NewObjectProtoClass(ctx, proto, class_id);
    JS_FreeValue(ctx, proto);
    return obj;
}

/* ---- TextEncoder ---- */

static JSValue js_text_encoder_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                    JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    JSValue obj = new_object_for(ctx, new_target, js_text_encoder_class_id);
    if (!JS_IsException(obj))
        JS_SetOpaque(obj, &encoder_marker);
    return obj;
}

static JSValue js_text_encoder_get_encoding(JSContext *ctx, JSValueConst this_val)
{
    if (!JS_GetOpaque2(ctx, this_val, js_text_encoder_class_id))
        return JS_EXCEPTION;
    return JS_NewString(ctx, "utf-8");
}

/* The UTF-8 of a JS string with each lone surrogate as U+FFFD, in a malloc'ed buffer (which an
 * ArrayBuffer can adopt, see qjs_compat.h).
 * JS_ToCStringLen writes a lone surrogate as the 3 bytes ED A0..BF xx (paired ones become one
 * 4-byte sequence), so the fix-up replaces those in place: U+FFFD also takes 3 bytes. */
static uint8_t *to_usv_utf8(JSContext *ctx, JSValueConst v, size_t *plen)
{
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, v);
    if (!s)
        return NULL;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf) {
        JS_ThrowOutOfMemory(ctx);
    } else {
        memcpy(buf, s, len);
        for (size_t i = 0; i + 2 < len; i++) {
            if (buf[i] == 0xED && buf[i + 1] >= 0xA0) {
                buf[i] = 0xEF;
                buf[i + 1] = 0xBF;
                buf[i + 2] = 0xBD;
                i += 2;
            }
        }
        *plen = len;
    }
    JS_FreeCString(ctx, s);
    return buf;
}

/* encode(input = ""): function data 0 is the Uint8Array constructor. */
static JSValue js_text_encoder_encode(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv, int magic, JSValue *data)
{
    (void)magic;
    size_t len = 0;
    uint8_t *buf;
    if (!JS_GetOpaque2(ctx, this_val, js_text_encoder_class_id))
        return JS_EXCEPTION;
    if (argc < 1 || JS_IsUndefined(argv[0])) {
        buf = malloc(1);
        if (!buf)
            return JS_ThrowOutOfMemory(ctx);
    } else {
        buf = to_usv_utf8(ctx, argv[0], &len);
        if (!buf)
            return JS_EXCEPTION;
    }
    JSValue ab = qjs_new_array_buffer_malloced(ctx, buf, len);
    if (JS_IsException(ab))
        return JS_EXCEPTION;
    JSValue u8 = JS_CallConstructor(ctx, data[0], 1, (JSValueConst *)&ab);
    JS_FreeValue(ctx, ab);
    return u8;
}

/* The length of the UTF-8 sequence led by b (the input is valid UTF-8). */
static size_t utf8_seq_len(uint8_t b)
{
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

static JSValue js_text_encoder_encode_into(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv)
{
    size_t len, off, cap = 0, elt, size;
    uint8_t *dst = NULL;
    if (!JS_GetOpaque2(ctx, this_val, js_text_encoder_class_id))
        return JS_EXCEPTION;
    if (argc < 2)
        return JS_ThrowTypeError(ctx, "TextEncoder.encodeInto: 2 arguments required, %d given",
                                 argc);
    uint8_t *src = to_usv_utf8(ctx, argv[0], &len);
    if (!src)
        return JS_EXCEPTION;
    if (!host_class_is(argv[1], uint8_array_class)) {
        free(src);
        return JS_ThrowTypeError(ctx, "TextEncoder.encodeInto: destination must be a Uint8Array");
    }
    JSValue buf = JS_GetTypedArrayBuffer(ctx, argv[1], &off, &cap, &elt);
    if (JS_IsException(buf)) {
        JS_FreeValue(ctx, JS_GetException(ctx)); /* detached: no room */
        cap = 0;
    } else {
        dst = JS_GetArrayBuffer(ctx, &size, buf);
        JS_FreeValue(ctx, buf);
        if (!dst || off + cap > size) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            cap = 0;
        }
    }
    /* Whole characters only; read counts UTF-16 code units (a 4-byte sequence is a pair). */
    size_t read = 0, written = 0;
    while (written < len) {
        size_t n = utf8_seq_len(src[written]);
        if (written + n > cap)
            break;
        memcpy(dst + off + written, src + written, n);
        written += n;
        read += n == 4 ? 2 : 1;
    }
    free(src);
    JSValue res = JS_NewObject(ctx);
    if (JS_IsException(res))
        return res;
    JS_DefinePropertyValueStr(ctx, res, "read", JS_NewInt64(ctx, read), JS_PROP_C_W_E);
    JS_DefinePropertyValueStr(ctx, res, "written", JS_NewInt64(ctx, written), JS_PROP_C_W_E);
    return res;
}

/* ---- TextDecoder ---- */

static void js_text_decoder_finalizer(JSRuntime *rt, JSValue val)
{
    js_free_rt(rt, JS_GetOpaque(val, js_text_decoder_class_id));
}

static bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* The labels of UTF-8 in the standard's "Encodings" table; matched ASCII case-insensitively. */
static bool is_utf8_label(const char *s, size_t len)
{
    static const char *const labels[] = {
        "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"};
    while (len > 0 && is_ascii_space(*s)) {
        s++;
        len--;
    }
    while (len > 0 && is_ascii_space(s[len - 1]))
        len--;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (strlen(labels[i]) == len && strncasecmp(labels[i], s, len) == 0)
            return true;
    }
    return false;
}

static int check_label(JSContext *ctx, JSValueConst label)
{
    size_t len;
    if (JS_IsUndefined(label))
        return 0;
    const char *s = JS_ToCStringLen(ctx, &len, label);
    if (!s)
        return -1;
    bool ok = strlen(s) == len && is_utf8_label(s, len);
    if (!ok)
        JS_ThrowRangeError(ctx,
                           "TextDecoder: the encoding '%s' is not supported (only utf-8 is "
                           "supported)",
                           s);
    JS_FreeCString(ctx, s);
    return ok ? 0 : -1;
}

static JSValue js_text_decoder_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                    JSValueConst *argv)
{
    JSValueConst label = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst opts = argc > 1 ? argv[1] : JS_UNDEFINED;
    bool fatal, ignore_bom;
    /* WebIDL converts the arguments before the constructor looks at the label. */
    JSValue label_str = JS_IsUndefined(label) ? JS_UNDEFINED : JS_ToString(ctx, label);
    if (JS_IsException(label_str))
        return JS_EXCEPTION;
    if (check_dict(ctx, opts, "TextDecoder") < 0 || get_dict_bool(ctx, opts, "fatal", &fatal) < 0 ||
        get_dict_bool(ctx, opts, "ignoreBOM", &ignore_bom) < 0 || check_label(ctx, label_str) < 0) {
        JS_FreeValue(ctx, label_str);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, label_str);
    text_decoder *d = js_mallocz(ctx, sizeof *d);
    if (!d)
        return JS_EXCEPTION;
    d->fatal = fatal;
    d->ignore_bom = ignore_bom;
    decoder_reset(d);
    JSValue obj = new_object_for(ctx, new_target, js_text_decoder_class_id);
    if (JS_IsException(obj)) {
        js_free(ctx, d);
        return obj;
    }
    JS_SetOpaque(obj, d);
    return obj;
}

static JSValue js_text_decoder_get(JSContext *ctx, JSValueConst this_val, int magic)
{
    text_decoder *d = JS_GetOpaque2(ctx, this_val, js_text_decoder_class_id);
    if (!d)
        return JS_EXCEPTION;
    switch (magic) {
    case 0:
        return JS_NewString(ctx, "utf-8");
    case 1:
        return JS_NewBool(ctx, d->fatal);
    default:
        return JS_NewBool(ctx, d->ignore_bom);
    }
}

/* decode(input, {stream}): function data are the DataView getters (DV_*). */
static JSValue js_text_decoder_decode(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv, int magic, JSValue *data)
{
    (void)magic;
    text_decoder *d = JS_GetOpaque2(ctx, this_val, js_text_decoder_class_id);
    JSValueConst input = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst opts = argc > 1 ? argv[1] : JS_UNDEFINED;
    const uint8_t *bytes = NULL;
    size_t len = 0;
    bool stream;
    if (!d)
        return JS_EXCEPTION;
    /* Options are converted before the bytes are taken: a getter could detach the buffer. */
    if (check_dict(ctx, opts, "TextDecoder.decode") < 0 ||
        get_dict_bool(ctx, opts, "stream", &stream) < 0)
        return JS_EXCEPTION;
    if (!JS_IsUndefined(input) && get_buffer_source(ctx, input, data, &bytes, &len) < 0)
        return JS_EXCEPTION;
    if (!d->do_not_flush) {
        decoder_reset(d);
        d->bom_seen = false;
    }
    d->do_not_flush = stream;
    /* A first pass on a copy of the state sizes the output exactly (errors make it longer than
     * the input, valid text never does). */
    text_decoder probe = *d;
    size_t out_len;
    if (!decoder_run(&probe, bytes, len, !stream, NULL, &out_len)) {
        decoder_reset(d);
        d->do_not_flush = false;
        return JS_ThrowTypeError(ctx, "TextDecoder.decode: the encoded data was not valid utf-8");
    }
    uint8_t *out = js_malloc(ctx, out_len + 1);
    if (!out)
        return JS_EXCEPTION;
    decoder_run(d, bytes, len, !stream, out, &out_len);
    JSValue str = JS_NewStringLen(ctx, (const char *)out, out_len);
    js_free(ctx, out);
    return str;
}

/* The prototypes' members in the order the IDL gives them: attributes, then operations. The one
 * operation with function data (encode, decode) goes between the two lists. */
static const JSCFunctionListEntry js_text_encoder_attrs[] = {
    JS_CGETSET_DEF("encoding", js_text_encoder_get_encoding, NULL),
};

static const JSCFunctionListEntry js_text_encoder_ops[] = {
    JS_CFUNC_DEF("encodeInto", 2, js_text_encoder_encode_into),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "TextEncoder", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_text_decoder_attrs[] = {
    JS_CGETSET_MAGIC_DEF("encoding", js_text_decoder_get, NULL, 0),
    JS_CGETSET_MAGIC_DEF("fatal", js_text_decoder_get, NULL, 1),
    JS_CGETSET_MAGIC_DEF("ignoreBOM", js_text_decoder_get, NULL, 2),
};

static const JSCFunctionListEntry js_text_decoder_ops[] = {
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "TextDecoder", JS_PROP_CONFIGURABLE),
};

/* What init needs from the engine, built by one script (compiling is the start-up cost): samples
 * of the classes to probe, then the intrinsics the methods keep as function data. */
static const char init_src[] =
    "[new ArrayBuffer(1), typeof SharedArrayBuffer == 'function' ? new SharedArrayBuffer(1) : 0,"
    " new DataView(new ArrayBuffer(1)), new Uint8Array(1), new Uint8ClampedArray(1),"
    " new Float64Array(1), Uint8Array,"
    " ...['buffer', 'byteOffset', 'byteLength'].map("
    "     (k) => Object.getOwnPropertyDescriptor(DataView.prototype, k).get)]";

enum { INIT_U8_CTOR = 6, INIT_DV_GETTERS = 7 };

static void probe_classes(JSContext *ctx, JSValueConst init)
{
    JSClassID *const ids[] = {&array_buffer_class,      &shared_array_buffer_class,
                              &dataview_class,          &uint8_array_class,
                              &typed_array_first_class, &typed_array_last_class};
    /* QuickJS numbers its typed array classes contiguously, Uint8ClampedArray first. */
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        JSValue v = JS_GetPropertyUint32(ctx, init, i);
        *ids[i] = host_class_id_probe(v);
        JS_FreeValue(ctx, v);
    }
}

typedef struct class_spec {
    JSClassID class_id;
    const char *name;
    JSCFunction *ctor;
    const JSCFunctionListEntry *attrs, *ops;
    int nattrs, nops;
    const char *method; /* the operation with function data */
    JSCFunctionData *method_fn;
} class_spec;

/* WebIDL members are enumerable; QuickJS's function lists make them not. */
static void make_enumerable(JSContext *ctx, JSValueConst proto, const JSCFunctionListEntry *list,
                            int n)
{
    for (int i = 0; i < n; i++) {
        if (list[i].name[0] == '[')
            continue; /* a symbol-keyed entry: not an IDL member */
        JSAtom a = JS_NewAtom(ctx, list[i].name);
        JS_DefineProperty(ctx, proto, a, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED,
                          JS_PROP_HAS_ENUMERABLE | JS_PROP_ENUMERABLE);
        JS_FreeAtom(ctx, a);
    }
}

/* Defines the class on the global object; takes the ndata values of data (the method's function
 * data). */
static int define_class(JSContext *ctx, const class_spec *c, int ndata, JSValue *data)
{
    JSValue proto = JS_NewObject(ctx);
    JSValue fn = JS_NewCFunctionData(ctx, c->method_fn, 0, 0, ndata, data);
    for (int i = 0; i < ndata; i++)
        JS_FreeValue(ctx, data[i]);
    if (JS_IsException(proto) || JS_IsException(fn)) {
        JS_FreeValue(ctx, proto);
        JS_FreeValue(ctx, fn);
        return -1;
    }
    /* JS_NewCFunctionData names the function "": name it after its key. */
    JS_DefinePropertyValueStr(ctx, fn, "name", JS_NewString(ctx, c->method), JS_PROP_CONFIGURABLE);
    JS_SetPropertyFunctionList(ctx, proto, c->attrs, c->nattrs);
    JS_DefinePropertyValueStr(ctx, proto, c->method, fn, JS_PROP_C_W_E);
    JS_SetPropertyFunctionList(ctx, proto, c->ops, c->nops);
    make_enumerable(ctx, proto, c->attrs, c->nattrs);
    make_enumerable(ctx, proto, c->ops, c->nops);
    JSValue ctor = JS_NewCFunction2(ctx, c->ctor, c->name, 0, JS_CFUNC_constructor, 0);
    if (JS_IsException(ctor)) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    JS_SetConstructor(ctx, ctor, proto);
    JS_SetClassProto(ctx, c->class_id, proto);
    JSValue global = JS_GetGlobalObject(ctx);
    int r = JS_DefinePropertyValueStr(ctx, global, c->name, ctor,
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    JS_FreeValue(ctx, global);
    return r < 0 ? -1 : 0;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

int host_encoding_init(JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    static const JSClassDef encoder_def = {.class_name = "TextEncoder"};
    static const JSClassDef decoder_def = {.class_name = "TextDecoder",
                                           .finalizer = js_text_decoder_finalizer};
    if (!js_text_encoder_class_id) {
        qjs_new_class_id(rt, &js_text_encoder_class_id);
        qjs_new_class_id(rt, &js_text_decoder_class_id);
    }
    if (!JS_IsRegisteredClass(rt, js_text_encoder_class_id) &&
        (JS_NewClass(rt, js_text_encoder_class_id, &encoder_def) < 0 ||
         JS_NewClass(rt, js_text_decoder_class_id, &decoder_def) < 0))
        return -1;
    JSValue init = JS_Eval(ctx, init_src, sizeof init_src - 1, "<encoding>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(init))
        return -1;
    probe_classes(ctx, init);
    JSValue u8 = JS_GetPropertyUint32(ctx, init, INIT_U8_CTOR);
    JSValue dv[DV_COUNT];
    for (int i = 0; i < DV_COUNT; i++)
        dv[i] = JS_GetPropertyUint32(ctx, init, INIT_DV_GETTERS + i);
    JS_FreeValue(ctx, init);
    const class_spec encoder = {.class_id = js_text_encoder_class_id,
                                .name = "TextEncoder",
                                .ctor = js_text_encoder_ctor,
                                .attrs = js_text_encoder_attrs,
                                .nattrs = COUNT(js_text_encoder_attrs),
                                .ops = js_text_encoder_ops,
                                .nops = COUNT(js_text_encoder_ops),
                                .method = "encode",
                                .method_fn = js_text_encoder_encode};
    const class_spec decoder = {.class_id = js_text_decoder_class_id,
                                .name = "TextDecoder",
                                .ctor = js_text_decoder_ctor,
                                .attrs = js_text_decoder_attrs,
                                .nattrs = COUNT(js_text_decoder_attrs),
                                .ops = js_text_decoder_ops,
                                .nops = COUNT(js_text_decoder_ops),
                                .method = "decode",
                                .method_fn = js_text_decoder_decode};
    if (define_class(ctx, &encoder, 1, &u8) < 0) {
        for (int i = 0; i < DV_COUNT; i++)
            JS_FreeValue(ctx, dv[i]);
        return -1;
    }
    return define_class(ctx, &decoder, DV_COUNT, dv);
}
