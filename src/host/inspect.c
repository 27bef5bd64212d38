/* inspect.c: formats JS values as Node's util.inspect does (its default options: depth 2, 100
 * array items, 80-column breaking with compact 3), for console and uncaught-error reports.
 * Looking at a value never calls its getters; proxies are looked at through their traps. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classid.h"
#include "host.h"
#include "inspect_impl.h"

/* ---- growable text ---- */

void host_buf_init(host_buf *b, JSContext *ctx)
{
    memset(b, 0, sizeof *b);
    b->ctx = ctx;
}

void host_buf_put(host_buf *b, const char *s, size_t n)
{
    if (b->oom || n == 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = js_realloc_rt(JS_GetRuntime(b->ctx), b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void host_buf_puts(host_buf *b, const char *s)
{
    host_buf_put(b, s, strlen(s));
}

void host_buf_free(host_buf *b)
{
    js_free_rt(JS_GetRuntime(b->ctx), b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void host_buf_spaces(host_buf *b, int n)
{
    for (int i = 0; i < n; i++)
        host_buf_put(b, " ", 1);
}

void host_buf_printf(host_buf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    host_buf_put(b, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Decodes the UTF-8 sequence at s[*i] (valid, or WTF-8 for lone surrogates). */
static uint32_t next_code_point(const char *s, size_t n, size_t *i)
{
    unsigned char c = s[(*i)++];
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    uint32_t cp = extra ? c & (0x3F >> extra) : c;
    for (; extra > 0 && *i < n; extra--)
        cp = (cp << 6) | (s[(*i)++] & 0x3F);
    return cp;
}

/* The length JS sees: UTF-16 code units (Node measures lines with it). */
static size_t utf16_len(const char *s, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if ((c & 0xC0) != 0x80)
            units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

/* Columns on a terminal, as Node's getStringWidth counts them for aligning grouped items:
 * East Asian wide and fullwidth characters and the common emoji take two, combining marks,
 * controls and variation selectors none. */
size_t host_text_width(const char *s, size_t n)
{
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F},   {0x2329, 0x232A},   {0x2E80, 0x303E},   {0x3040, 0x3247},
        {0x3250, 0x4DBF},   {0x4E00, 0xA4C6},   {0xA960, 0xA97C},   {0xAC00, 0xD7A3},
        {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6B},   {0xFF01, 0xFF60},
        {0xFFE0, 0xFFE6},   {0x1B000, 0x1B001}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
        {0x20000, 0x3FFFD},
    };
    static const uint32_t zero[][2] = {
        {0x0, 0x1F},      {0x7F, 0x9F},     {0x300, 0x36F},   {0x200B, 0x200F},
        {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
    };
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = next_code_point(s, n, &i);
        int cols = 1;
        for (size_t k = 0; k < sizeof zero / sizeof zero[0] && cols; k++)
            cols = cp >= zero[k][0] && cp <= zero[k][1] ? 0 : 1;
        for (size_t k = 0; k < sizeof wide / sizeof wide[0] && cols == 1; k++)
            cols = cp >= wide[k][0] && cp <= wide[k][1] ? 2 : 1;
        w += cols;
    }
    return w;
}

void host_text_to_usv(char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++) {
        if ((unsigned char)s[i] == 0xED && (unsigned char)s[i + 1] >= 0xA0) {
            s[i] = (char)0xEF;
            s[i + 1] = (char)0xBF;
            s[i + 2] = (char)0xBD;
            i += 2;
        }
    }
}

bool host_is_bigint(JSValueConst v)
{
    return !JS_IsObject(v) && !JS_IsNumber(v) && !JS_IsString(v) && !JS_IsSymbol(v) &&
           !JS_IsBool(v) && !JS_IsNull(v) && !JS_IsUndefined(v) && !JS_IsException(v) &&
           !JS_IsUninitialized(v);
}

/* ---- the inspector ---- */

int host_inspect_oom(inspector *in)
{
    in->oom = true;
    return -1;
}

static int push_ptr(inspector *in, void ***arr, int *n, int *cap, void *p)
{
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 16;
        void **a = js_realloc(in->ctx, *arr, c * sizeof *a);
        if (!a)
            return host_inspect_oom(in);
        *arr = a;
        *cap = c;
    }
    (*arr)[(*n)++] = p;
    return 0;
}

static int circular_index(inspector *in, void *p)
{
    for (int i = 0; i < in->ncirc; i++) {
        if (in->circ[i] == p)
            return i + 1;
    }
    return 0;
}

host_buf *host_inspect_entry(inspector *in, entries *e)
{
    if (e->n == e->cap) {
        int c = e->cap ? e->cap * 2 : 8;
        host_buf *v = js_realloc(in->ctx, e->v, c * sizeof *v);
        if (!v) {
            in->oom = true;
            return NULL;
        }
        e->v = v;
        e->cap = c;
    }
    host_buf *b = &e->v[e->n++];
    host_buf_init(b, in->ctx);
    return b;
}

static void entries_free(inspector *in, entries *e)
{
    for (int i = 0; i < e->n; i++)
        host_buf_free(&e->v[i]);
    js_free(in->ctx, e->v);
    e->v = NULL;
    e->n = e->cap = 0;
}

/* ---- primitives ---- */

static void put_hex_escape(host_buf *b, const char *prefix, unsigned c, int digits)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[8];
    host_buf_puts(b, prefix);
    for (int i = 0; i < digits; i++)
        t[i] = hex[(c >> (4 * (digits - 1 - i))) & 0xF];
    host_buf_put(b, t, digits);
}

/* Writes s escaped as inside quotes q: backslash, control characters, C1 controls and lone
 * surrogates, and q itself when it is a single quote. s is UTF-8, with lone surrogates as
 * ED A0..BF xx. */
static void put_escaped(host_buf *b, const char *s, size_t n, char q)
{
    size_t last = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t adv = 1;
        const char *esc = NULL;
        int code = -1;
        if (c == (unsigned char)q && q == '\'')
            esc = "\\'";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\b')
            esc = "\\b";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\f')
            esc = "\\f";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20 || c == 0x7F)
            code = c;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0x9F)
            code = (unsigned char)s[i + 1], adv = 2;
        else if (c == 0xED && i + 2 < n && (unsigned char)s[i + 1] >= 0xA0)
            code = 0xD000 | (((unsigned char)s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F), adv = 3;
        if (esc || code >= 0) {
            host_buf_put(b, s + last, i - last);
            if (esc)
                host_buf_puts(b, esc);
            else if (code >= 0xD800)
                host_buf_printf(b, "\\u%x", code);
            else
                put_hex_escape(b, "\\x", (unsigned)code, 2);
            last = i + adv;
        }
        i += adv;
    }
    host_buf_put(b, s + last, n - last);
}

/* Node's strEscape: single quotes unless the text has some and lacks double quotes (then double)
 * or lacks backquotes and "${" (then backquotes). */
static void quote_string(host_buf *b, const char *s, size_t n)
{
    bool has_single = memchr(s, '\'', n) != NULL, has_double = memchr(s, '"', n) != NULL;
    bool has_back = memchr(s, '`', n) != NULL || memmem(s, n, "${", 2) != NULL;
    char q = '\'';
    if (has_single) {
        if (!has_double)
            q = '"';
        else if (!has_back)
            q = '`';
    }
    host_buf_put(b, &q, 1);
    put_escaped(b, s, n, q);
    host_buf_put(b, &q, 1);
}

/* A long string inside a structure is cut after each newline into quoted pieces joined by +. */
static void format_string(inspector *in, const char *s, size_t n, host_buf *b)
{
    size_t w = utf16_len(s, n);
    if (w <= 16 || (long)w <= in->o.break_length - in->indent - 4 || !memchr(s, '\n', n)) {
        quote_string(b, s, n);
        return;
    }
    size_t start = 0;
    while (start < n) {
        const char *nl = memchr(s + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - s) + 1 : n;
        if (start > 0) {
            host_buf_puts(b, " +\n");
            host_buf_spaces(b, in->indent + 2);
        }
        quote_string(b, s + start, end - start);
        start = end;
    }
}

static void format_number(JSContext *ctx, JSValueConst v, host_buf *b)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64) {
        double d = JS_VALUE_GET_FLOAT64(v);
        if (d == 0 && signbit(d)) {
            host_buf_puts(b, "-0");
            return;
        }
    }
    const char *s = JS_ToCString(ctx, v);
    if (!s) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        b->oom = true;
        return;
    }
    host_buf_puts(b, s);
    JS_FreeCString(ctx, s);
}

static void format_symbol(JSContext *ctx, JSValueConst sym, host_buf *b)
{
    JSAtom a = JS_ValueToAtom(ctx, sym);
    const char *s = a == JS_ATOM_NULL ? NULL : JS_AtomToCString(ctx, a);
    JS_FreeAtom(ctx, a);
    host_buf_puts(b, "Symbol(");
    if (s)
        host_buf_puts(b, s);
    else
        JS_FreeValue(ctx, JS_GetException(ctx));
    host_buf_puts(b, ")");
    JS_FreeCString(ctx, s);
}

/* The byte length of the first max UTF-16 units of s, and the units left over. */
static size_t utf16_prefix(const char *s, size_t n, size_t max, size_t *rest)
{
    size_t units = 0, i = 0, cut = n;
    for (; i < n; i++) {
        unsigned char c = s[i];
        if ((c & 0xC0) == 0x80)
            continue;
        if (units == max)
            cut = i;
        units += c >= 0xF0 ? 2 : 1;
    }
    *rest = units > max ? units - max : 0;
    return cut;
}

int host_inspect_primitive(inspector *in, JSValueConst v, host_buf *b)
{
    JSContext *ctx = in->ctx;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_STRING: {
        size_t n, rest;
        const char *s = JS_ToCStringLen(ctx, &n, v);
        if (!s)
            return host_inspect_oom(in);
        size_t cut = utf16_prefix(s, n, MAX_STRING_LENGTH, &rest);
        format_string(in, s, cut, b);
        if (rest)
            host_buf_printf(b, "... %zu more character%s", rest, rest > 1 ? "s" : "");
        JS_FreeCString(ctx, s);
        return 0;
    }
    case JS_TAG_SYMBOL:
        format_symbol(ctx, v, b);
        return 0;
    case JS_TAG_UNDEFINED:
        host_buf_puts(b, "undefined");
        return 0;
    case JS_TAG_NULL:
        host_buf_puts(b, "null");
        return 0;
    case JS_TAG_BOOL:
        host_buf_puts(b, JS_VALUE_GET_BOOL(v) ? "true" : "false");
        return 0;
    default:
        format_number(ctx, v, b);
        if (host_is_bigint(v))
            host_buf_puts(b, "n");
        return 0;
    }
}

/* ---- properties ---- */

/* A property's value when it is a data property (own or inherited); undefined for accessors and
 * absent properties, so that looking never runs a getter. -1 if a proxy trap threw. */
int host_inspect_data_prop(inspector *in, JSValueConst obj, JSAtom atom, JSValue *out)
{
    JSContext *ctx = in->ctx;
    JSValue cur = JS_DupValue(ctx, obj);
    *out = JS_UNDEFINED;
    for (int i = 0; i < MAX_PROTO_CHAIN && JS_IsObject(cur); i++) {
        JSPropertyDescriptor d;
        int r = JS_GetOwnProperty(ctx, &d, cur, atom);
        if (r < 0) {
            JS_FreeValue(ctx, cur);
            return -1;
        }
        if (r > 0) {
            if (d.flags & JS_PROP_GETSET) {
                JS_FreeValue(ctx, d.getter);
                JS_FreeValue(ctx, d.setter);
            } else {
                *out = d.value;
            }
            break;
        }
        JSValue next = JS_GetPrototype(ctx, cur);
        JS_FreeValue(ctx, cur);
        cur = next;
        if (JS_IsException(cur))
            return -1;
    }
    JS_FreeValue(ctx, cur);
    return 0;
}

/* An own data property that is a string, as a C string (caller frees), or NULL. */
const char *host_inspect_own_string(inspector *in, JSValueConst obj, JSAtom atom)
{
    JSPropertyDescriptor d;
    const char *s = NULL;
    int r = JS_GetOwnProperty(in->ctx, &d, obj, atom);
    if (r < 0) {
        JS_FreeValue(in->ctx, JS_GetException(in->ctx));
        return NULL;
    }
    if (r == 0)
        return NULL;
    if (!(d.flags & JS_PROP_GETSET) && JS_IsString(d.value))
        s = JS_ToCString(in->ctx, d.value);
    JS_FreeValue(in->ctx, d.value);
    JS_FreeValue(in->ctx, d.getter);
    JS_FreeValue(in->ctx, d.setter);
    return s;
}

static bool is_identifier(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (s++; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
              (*s >= '0' && *s <= '9')))
            return false;
    }
    return true;
}

/* A canonical array index ("0", "17"; not "01" or 2^32 - 1). */
bool host_inspect_index_key(const char *s, uint32_t *idx)
{
    uint64_t v = 0;
    if (!*s || (*s == '0' && s[1]))
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || (v = v * 10 + (*s - '0')) >= 0xFFFFFFFFu)
            return false;
    }
    *idx = (uint32_t)v;
    return true;
}

static void format_key(inspector *in, JSAtom atom, bool enumerable, host_buf *b)
{
    JSContext *ctx = in->ctx;
    JSValue k = JS_AtomToValue(ctx, atom);
    if (JS_IsSymbol(k)) {
        /* [Symbol(desc)], with the description escaped as a key's text is. */
        host_buf sym;
        host_buf_init(&sym, ctx);
        format_symbol(ctx, k, &sym);
        host_buf_puts(b, "[");
        if (sym.len)
            put_escaped(b, sym.p, sym.len, '\'');
        host_buf_puts(b, "]");
        b->oom |= sym.oom;
        host_buf_free(&sym);
    } else {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, k);
        if (!s) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            b->oom = true;
        } else if (!strcmp(s, "__proto__")) {
            host_buf_puts(b, "['__proto__']");
        } else if (!enumerable) {
            host_buf_puts(b, "[");
            put_escaped(b, s, n, '\'');
            host_buf_puts(b, "]");
        } else if (strlen(s) == n && is_identifier(s)) {
            host_buf_put(b, s, n);
        } else {
            quote_string(b, s, n);
        }
        JS_FreeCString(ctx, s);
    }
    JS_FreeValue(ctx, k);
}

/* Node's formatProperty: "key: value", or the value alone for array items. */
int host_inspect_property(inspector *in, JSValueConst obj, JSAtom atom, bool with_key, int level,
                          host_buf *b)
{
    JSContext *ctx = in->ctx;
    JSPropertyDescriptor d;
    int r = JS_GetOwnProperty(ctx, &d, obj, atom);
    if (r < 0)
        return -1;
    if (with_key) {
        format_key(in, atom, r == 0 || (d.flags & JS_PROP_ENUMERABLE), b);
        host_buf_puts(b, ": ");
    }
    if (r == 0) {
        host_buf_puts(b, "undefined");
        return 0;
    }
    if (d.flags & JS_PROP_GETSET) {
        bool get = !JS_IsUndefined(d.getter), set = !JS_IsUndefined(d.setter);
        host_buf_puts(b, get && set ? "[Getter/Setter]"
                         : get      ? "[Getter]"
                         : set      ? "[Setter]"
                                    : "undefined");
        JS_FreeValue(ctx, d.getter);
        JS_FreeValue(ctx, d.setter);
        JS_FreeValue(ctx, d.value);
        return 0;
    }
    in->indent += 2;
    r = host_inspect_value(in, d.value, level, b);
    in->indent -= 2;
    JS_FreeValue(ctx, d.value);
    return r;
}

static void keylist_free(inspector *in, keylist *k)
{
    for (uint32_t i = 0; i < k->n; i++)
        JS_FreeAtom(in->ctx, k->tab[i].atom);
    js_free(in->ctx, k->tab);
    k->tab = NULL;
    k->n = 0;
}

/* The keys shown for obj: enumerable own strings and symbols (all with show_hidden), without the
 * indexes of arrays, typed arrays and String objects (their items are shown another way). */
static int get_keys(inspector *in, JSValueConst obj, const objinfo *info, keylist *k)
{
    JSContext *ctx = in->ctx;
    bool skip_index =
        info->kind == K_ARRAY || info->kind == K_TYPED_ARRAY || info->kind == K_STRING;
    bool strings =
        info->kind != K_TYPED_ARRAY || host_inspect_typed_length(ctx, obj) <= MAX_TYPED_KEYS;
    int flags = (strings ? JS_GPN_STRING_MASK : 0) | JS_GPN_SYMBOL_MASK |
                (in->o.show_hidden ? 0 : JS_GPN_ENUM_ONLY);
    k->tab = NULL;
    k->n = 0;
    if (JS_GetOwnPropertyNames(ctx, &k->tab, &k->n, obj, flags) < 0)
        return -1;
    uint32_t j = 0;
    for (uint32_t i = 0; i < k->n; i++) {
        JSAtom a = k->tab[i].atom;
        uint32_t idx;
        /* A string's length is not a property to show, unless hidden ones are. */
        bool drop = skip_index && (host_inspect_atom_index(ctx, a, &idx) ||
                                   (a == in->a_length && !in->o.show_hidden));
        if (drop)
            JS_FreeAtom(ctx, a);
        else
            k->tab[j++] = k->tab[i];
    }
    k->n = j;
    return 0;
}

static int add_key_entries(inspector *in, JSValueConst obj, keylist *k, int level, entries *e)
{
    for (uint32_t i = 0; i < k->n; i++) {
        host_buf *b = host_inspect_entry(in, e);
        if (!b || host_inspect_property(in, obj, k->tab[i].atom, true, level, b) < 0)
            return -1;
    }
    return 0;
}

/* ---- constructor name and tag ---- */

/* V8's name for the class of an object, which Node shows when no constructor names it. */
static const char *internal_class_name(enum kind kind)
{
    switch (kind) {
    case K_ARRAY:
        return "Array";
    case K_FUNCTION:
        return "Function";
    case K_ERROR:
        return "Error";
    case K_MAP:
        return "Map";
    case K_SET:
        return "Set";
    case K_DATE:
        return "Date";
    case K_REGEXP:
        return "RegExp";
    case K_PROMISE:
        return "Promise";
    default:
        return "Object";
    }
}

static char *dup_text(JSContext *ctx, const char *s, size_t n)
{
    char *p = js_malloc(ctx, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* The name of a constructor found in chain[i] whose prototype is further up the chain, or NULL.
 * Only data properties are read. */
static char *constructor_at(inspector *in, JSValue *chain, int n, int i)
{
    JSContext *ctx = in->ctx;
    JSPropertyDescriptor d;
    char *name = NULL;
    int g = JS_GetOwnProperty(ctx, &d, chain[i], in->a_constructor);
    if (g <= 0)
        return NULL;
    if (!(d.flags & JS_PROP_GETSET) && JS_IsFunction(ctx, d.value)) {
        const char *s = host_inspect_own_string(in, d.value, in->a_name);
        JSValue proto;
        if (s && *s && host_inspect_data_prop(in, d.value, in->a_prototype, &proto) == 0) {
            for (int j = 1; j < n && !name; j++) {
                if (JS_IsObject(proto) && JS_VALUE_GET_PTR(proto) == JS_VALUE_GET_PTR(chain[j]))
                    name = js_strdup(ctx, s);
            }
            JS_FreeValue(ctx, proto);
        }
        JS_FreeCString(ctx, s);
    }
    JS_FreeValue(ctx, d.value);
    JS_FreeValue(ctx, d.getter);
    JS_FreeValue(ctx, d.setter);
    return name;
}

static int get_constructor_name(inspector *in, JSValueConst obj, enum kind kind, int level,
                                char **name);

/* "Object <Foo>", "Object <[Object: null prototype] {}>", "Object <Complex prototype>": what
 * Node shows for an object whose prototype chain names no constructor but does not end at once. */
static int describe_prototype(inspector *in, JSValueConst proto, enum kind kind, int level,
                              char **name)
{
    JSContext *ctx = in->ctx;
    host_buf b;
    host_buf_init(&b, ctx);
    host_buf_puts(&b, internal_class_name(kind));
    host_buf_puts(&b, " <");
    /* Proxies can make endless chains: whatever the depth, a few levels of <...> suffice. */
    if (level > in->o.depth || level > MAX_PROTO_DESCRIPTIONS) {
        host_buf_puts(&b, "Complex prototype");
    } else {
        char *inner;
        objinfo pinfo = {.tag = ""};
        if (host_inspect_classify(in, proto, &pinfo) < 0 ||
            get_constructor_name(in, proto, pinfo.kind, level + 1, &inner) < 0) {
            host_buf_free(&b);
            return -1;
        }
        if (inner) {
            host_buf_puts(&b, inner);
            js_free(ctx, inner);
        } else {
            host_inspect_opts o = in->o;
            o.depth = -1;
            if (host_inspect_to(&b, proto, &o) < 0) {
                host_buf_free(&b);
                return -1;
            }
        }
    }
    host_buf_puts(&b, ">");
    *name = b.oom ? NULL : dup_text(ctx, b.p, b.len);
    host_buf_free(&b);
    return *name ? 0 : host_inspect_oom(in);
}

/* Node's getConstructorName: the name of the first constructor on the prototype chain whose
 * prototype object is on obj's chain (then *name is js_malloc'ed), NULL for a chain without one
 * that starts with null. A chain without one that does not start with null is described as
 * "Object <its first prototype>", as Node does. -1 if a proxy trap threw. */
static int get_constructor_name(inspector *in, JSValueConst obj, enum kind kind, int level,
                                char **name)
{
    JSContext *ctx = in->ctx;
    JSValue chain[64];
    int n = 0, r = 0;
    *name = NULL;
    chain[n++] = JS_DupValue(ctx, obj);
    while (n < 64) {
        JSValue p = JS_GetPrototype(ctx, chain[n - 1]);
        if (JS_IsException(p)) {
            r = -1;
            goto done;
        }
        if (!JS_IsObject(p))
            break;
        chain[n++] = p;
    }
    for (int i = 0; i < n && !*name; i++)
        *name = constructor_at(in, chain, n, i);
    JS_FreeValue(ctx, JS_GetException(ctx)); /* a trap that threw names nothing */
    if (!*name && n > 1)
        r = describe_prototype(in, chain[1], kind, level, name);
done:
    for (int i = 0; i < n; i++)
        JS_FreeValue(ctx, chain[i]);
    return r;
}

/* Node's getPrefix: "Foo ", "Foo(3) ", "Foo [tag] ", "[Array(3): null prototype] ". */
void host_inspect_prefix(host_buf *b, const objinfo *info, const char *fallback, const char *size)
{
    if (!info->ctor) {
        host_buf_puts(b, "[");
        host_buf_puts(b, fallback);
        host_buf_puts(b, size);
        host_buf_puts(b, ": null prototype] ");
        if (*info->tag && strcmp(info->tag, fallback)) {
            host_buf_puts(b, "[");
            host_buf_puts(b, info->tag);
            host_buf_puts(b, "] ");
        }
        return;
    }
    host_buf_puts(b, info->ctor);
    host_buf_puts(b, size);
    host_buf_puts(b, " ");
    if (*info->tag && strcmp(info->tag, info->ctor)) {
        host_buf_puts(b, "[");
        host_buf_puts(b, info->tag);
        host_buf_puts(b, "] ");
    }
}

/* ---- joining entries (Node's reduceToSingleString and groupArrayElements) ---- */

/* Lays out more than six short array items in aligned columns, as Node does. Returns true and
 * replaces *e when it grouped. */
static bool group_array_elements(inspector *in, entries *e, bool numeric)
{
    /* Node sets the last entry apart (as the "... more items" one) whenever there are more
     * entries than max_array_length, whatever that entry is. */
    bool has_more = in->o.max_array_length >= 0 && e->n > in->o.max_array_length;
    int out_len = e->n - (has_more ? 1 : 0);
    size_t total = 0, max_len = 0;
    size_t *len = js_malloc(in->ctx, (out_len + 1) * sizeof *len);
    if (!len) {
        in->oom = true;
        return false;
    }
    for (int i = 0; i < out_len; i++) {
        len[i] = host_text_width(e->v[i].p, e->v[i].len);
        total += len[i] + 2;
        if (max_len < len[i])
            max_len = len[i];
    }
    size_t actual_max = max_len + 2;
    bool grouped = false;
    if ((long)(actual_max * 3) + in->indent < in->o.break_length &&
        ((double)total / actual_max > 5 || max_len <= 6)) {
        double average_bias = sqrt(actual_max - (double)total / e->n);
        double biased_max = fmax(actual_max - 3 - average_bias, 1);
        double c1 = round(sqrt(2.5 * biased_max * out_len) / biased_max);
        double c2 = floor((double)(in->o.break_length - in->indent) / actual_max);
        int columns = (int)fmin(fmin(c1, c2), fmin(3 * 4, 15));
        if (columns > 1) {
            entries rows = {0};
            size_t line_max[15];
            for (int i = 0; i < columns; i++) {
                size_t m = 0;
                for (int j = i; j < out_len; j += columns)
                    m = len[j] > m ? len[j] : m;
                line_max[i] = m + 2;
            }
            for (int i = 0; i < out_len; i += columns) {
                int max = i + columns < out_len ? i + columns : out_len;
                host_buf *row = host_inspect_entry(in, &rows);
                if (!row)
                    break;
                for (int j = i; j < max; j++) {
                    size_t w = len[j] + (j < max - 1 ? 2 : 0);
                    size_t pad = line_max[j - i] - (j < max - 1 ? 0 : 2);
                    if (numeric)
                        host_buf_spaces(row, pad > w ? (int)(pad - w) : 0);
                    host_buf_put(row, e->v[j].p, e->v[j].len);
                    if (j < max - 1) {
                        host_buf_puts(row, ", ");
                        if (!numeric)
                            host_buf_spaces(row, pad > w ? (int)(pad - w) : 0);
                    }
                }
            }
            if (has_more) {
                host_buf *row = host_inspect_entry(in, &rows);
                if (row)
                    host_buf_put(row, e->v[e->n - 1].p, e->v[e->n - 1].len);
            }
            entries_free(in, e);
            *e = rows;
            grouped = true;
        }
    }
    js_free(in->ctx, len);
    return grouped;
}

/* Joins base (may be empty), the braces and the entries on one line when short enough, else one
 * entry per line indented by two more spaces. level is the object's own level + 1. */
static void reduce_to_single(inspector *in, entries *e, const char *base, size_t base_len,
                             const char *open, const char *close, bool array_like, bool numeric,
                             int level, host_buf *out)
{
    int entries_before = e->n;
    if (array_like && e->n > 6)
        group_array_elements(in, e, numeric);
    if (in->cur_depth - level < 3 && entries_before == e->n) {
        size_t start =
            e->n + in->indent + utf16_len(open, strlen(open)) + utf16_len(base, base_len) + 10;
        size_t total = start + e->n;
        bool newline = memchr(base, '\n', base_len) != NULL;
        size_t limit = in->o.break_length < 0 ? 0 : (size_t)in->o.break_length;
        bool fits = total + e->n <= limit;
        for (int i = 0; i < e->n && !newline; i++) {
            total += utf16_len(e->v[i].p, e->v[i].len);
            newline = e->v[i].len && memchr(e->v[i].p, '\n', e->v[i].len) != NULL;
        }
        if (!newline && fits && total <= limit) {
            if (base_len) {
                host_buf_put(out, base, base_len);
                host_buf_puts(out, " ");
            }
            host_buf_puts(out, open);
            host_buf_puts(out, " ");
            for (int i = 0; i < e->n; i++) {
                if (i)
                    host_buf_puts(out, ", ");
                host_buf_put(out, e->v[i].p, e->v[i].len);
            }
            host_buf_puts(out, " ");
            host_buf_puts(out, close);
            return;
        }
    }
    if (base_len) {
        host_buf_put(out, base, base_len);
        host_buf_puts(out, " ");
    }
    host_buf_puts(out, open);
    for (int i = 0; i < e->n; i++) {
        host_buf_puts(out, i ? ",\n" : "\n");
        host_buf_spaces(out, in->indent + 2);
        host_buf_put(out, e->v[i].p, e->v[i].len);
    }
    host_buf_puts(out, "\n");
    host_buf_spaces(out, in->indent);
    host_buf_puts(out, close);
}

/* ---- objects ---- */

static bool drop_error_key(inspector *in, JSAtom a)
{
    return a == in->a_name || a == in->a_message || a == in->a_stack;
}

/* "[Object]", "[Array]", "[Foo]", "[Object: null prototype]": an object below the depth limit. */
static void put_depth_cut(host_buf *out, const objinfo *info)
{
    objinfo plain = *info;
    if (info->kind == K_ARRAY && info->ctor && !strcmp(info->ctor, "Array"))
        plain.tag = "";
    host_buf name;
    host_buf_init(&name, out->ctx);
    host_inspect_prefix(&name, &plain, "Object", "");
    if (name.len > 0)
        name.len--; /* the prefix's trailing space */
    if (info->ctor)
        host_buf_puts(out, "[");
    host_buf_put(out, name.p, name.len);
    if (info->ctor)
        host_buf_puts(out, "]");
    host_buf_free(&name);
}

/* Symbol.toStringTag when it says more than the constructor's name. An own enumerable one is
 * left out: it is shown among the keys already. */
static int get_tag(inspector *in, JSValueConst obj, objinfo *info)
{
    JSValue tag;
    JSPropertyDescriptor d;
    int own = JS_GetOwnProperty(in->ctx, &d, obj, in->a_tag);
    if (own < 0)
        return -1;
    if (own > 0) {
        JS_FreeValue(in->ctx, d.value);
        JS_FreeValue(in->ctx, d.getter);
        JS_FreeValue(in->ctx, d.setter);
        if (d.flags & JS_PROP_ENUMERABLE)
            return 0;
    }
    if (host_inspect_data_prop(in, obj, in->a_tag, &tag) < 0)
        return -1;
    if (JS_IsString(tag)) {
        const char *s = JS_ToCString(in->ctx, tag);
        if (s && *s && (!info->ctor || strcmp(s, info->ctor)))
            info->tag = s;
        else
            JS_FreeCString(in->ctx, s);
    }
    JS_FreeValue(in->ctx, tag);
    return 0;
}

static int format_object_raw(inspector *in, JSValueConst obj, int level, host_buf *out)
{
    JSContext *ctx = in->ctx;
    objinfo info = {.tag = ""};
    keylist keys = {0};
    entries e = {0};
    char *ctor = NULL;
    shape sh;
    uint32_t len = 0;
    bool numeric = false;
    int r = -1;
    host_buf_init(&sh.base, ctx);
    host_buf_init(&sh.open, ctx);
    sh.array_like = sh.done = false;
    if (host_inspect_classify(in, obj, &info) < 0 ||
        get_constructor_name(in, obj, info.kind, level, &ctor) < 0)
        goto done;
    info.ctor = ctor;
    host_inspect_classify_boxes(in, obj, &info);
    if (get_tag(in, obj, &info) < 0 || get_keys(in, obj, &info, &keys) < 0)
        goto done;
    if (info.kind == K_ERROR && !in->o.show_hidden) {
        uint32_t j = 0;
        for (uint32_t i = 0; i < keys.n; i++) {
            if (drop_error_key(in, keys.tab[i].atom))
                JS_FreeAtom(ctx, keys.tab[i].atom);
            else
                keys.tab[j++] = keys.tab[i];
        }
        keys.n = j;
    }
    if (host_inspect_shape(in, obj, &info, &keys, &len, &sh) < 0)
        goto done;
    if (sh.done) {
        if (sh.base.len)
            host_buf_put(out, sh.base.p, sh.base.len);
        else {
            host_buf_put(out, sh.open.p, sh.open.len);
            if (sh.open.p[sh.open.len - 1] != '}')
                host_buf_puts(out, sh.close);
        }
        r = 0;
        goto done;
    }
    if (level > in->o.depth || level > MAX_NESTING || host_inspect_stack_low()) {
        put_depth_cut(out, &info);
        r = 0;
        goto done;
    }
    if (push_ptr(in, &in->seen, &in->nseen, &in->cap_seen, JS_VALUE_GET_PTR(obj)) < 0)
        goto done;
    in->cur_depth = level + 1;
    r = host_inspect_kind_entries(in, obj, &info, len, level + 1, &e, &numeric);
    if (r == 0)
        r = add_key_entries(in, obj, &keys, level + 1, &e);
    /* Node right-aligns grouped items when value[i] is a number for every entry i, the extra keys'
     * entries included: past the end of the array they are not. */
    if ((uint32_t)e.n > len)
        numeric = false;
    in->nseen--;
    if (r < 0)
        goto done;
    int ref = circular_index(in, JS_VALUE_GET_PTR(obj));
    if (ref) {
        host_buf b;
        host_buf_init(&b, ctx);
        host_buf_printf(&b, "<ref *%d>", ref);
        if (sh.base.len) {
            host_buf_puts(&b, " ");
            host_buf_put(&b, sh.base.p, sh.base.len);
        }
        host_buf_free(&sh.base);
        sh.base = b;
    }
    reduce_to_single(in, &e, sh.base.p ? sh.base.p : "", sh.base.len, sh.open.p, sh.close,
                     sh.array_like, numeric, level + 1, out);
done:
    entries_free(in, &e);
    keylist_free(in, &keys);
    host_buf_free(&sh.base);
    host_buf_free(&sh.open);
    js_free(ctx, ctor);
    if (*info.tag)
        JS_FreeCString(ctx, info.tag);
    return r;
}

/* An exception while looking at an object (a proxy's trap, a revoked proxy) becomes part of the
 * text; only running out of memory stops the whole inspection. */
static int format_object(inspector *in, JSValueConst obj, int level, host_buf *out)
{
    JSContext *ctx = in->ctx;
    int nseen = in->nseen, indent = in->indent;
    host_buf tmp;
    host_buf_init(&tmp, ctx);
    int r = format_object_raw(in, obj, level, &tmp);
    if (r == 0 && !tmp.oom) {
        host_buf_put(out, tmp.p, tmp.len);
        host_buf_free(&tmp);
        return 0;
    }
    host_buf_free(&tmp);
    if (in->oom || tmp.oom)
        return host_inspect_oom(in);
    in->nseen = nseen;
    in->indent = indent;
    JSValue exc = JS_GetException(ctx);
    JSValue name = JS_UNDEFINED, msg = JS_UNDEFINED;
    if (JS_IsObject(exc) && (host_inspect_data_prop(in, exc, in->a_name, &name) < 0 ||
                             host_inspect_data_prop(in, exc, in->a_message, &msg) < 0))
        JS_FreeValue(ctx, JS_GetException(ctx));
    const char *n = JS_IsString(name) ? JS_ToCString(ctx, name) : NULL;
    const char *m = JS_IsString(msg) ? JS_ToCString(ctx, msg) : NULL;
    host_buf_puts(out, "<Inspection threw (");
    host_buf_puts(out, n ? n : "exception");
    if (m) {
        host_buf_puts(out, ": ");
        host_buf_puts(out, m);
    }
    host_buf_puts(out, ")>");
    JS_FreeCString(ctx, n);
    JS_FreeCString(ctx, m);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, msg);
    JS_FreeValue(ctx, exc);
    return 0;
}

int host_inspect_value(inspector *in, JSValueConst v, int level, host_buf *out)
{
    if (!JS_IsObject(v))
        return host_inspect_primitive(in, v, out);
    void *p = JS_VALUE_GET_PTR(v);
    for (int i = 0; i < in->nseen; i++) {
        if (in->seen[i] == p) {
            int idx = circular_index(in, p);
            if (!idx) {
                if (push_ptr(in, &in->circ, &in->ncirc, &in->cap_circ, p) < 0)
                    return -1;
                idx = in->ncirc;
            }
            host_buf_printf(out, "[Circular *%d]", idx);
            return 0;
        }
    }
    return format_object(in, v, level, out);
}

static JSAtom symbol_atom(JSContext *ctx, const char *name)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue sym = JS_GetPropertyStr(ctx, global, "Symbol");
    JSValue v = JS_IsException(sym) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, sym, name);
    JSAtom a = JS_IsSymbol(v) ? JS_ValueToAtom(ctx, v) : JS_NewAtom(ctx, "@@toStringTag");
    JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, sym);
    JS_FreeValue(ctx, global);
    return a;
}

int host_inspect_to(host_buf *b, JSValueConst val, const host_inspect_opts *opts)
{
    JSContext *ctx = b->ctx;
    inspector in = {.ctx = ctx, .o = *opts};
    in.a_constructor = JS_NewAtom(ctx, "constructor");
    in.a_name = JS_NewAtom(ctx, "name");
    in.a_prototype = JS_NewAtom(ctx, "prototype");
    in.a_message = JS_NewAtom(ctx, "message");
    in.a_stack = JS_NewAtom(ctx, "stack");
    in.a_length = JS_NewAtom(ctx, "length");
    in.a_tag = symbol_atom(ctx, "toStringTag");
    int r = host_inspect_value(&in, val, 0, b);
    JS_FreeAtom(ctx, in.a_constructor);
    JS_FreeAtom(ctx, in.a_name);
    JS_FreeAtom(ctx, in.a_prototype);
    JS_FreeAtom(ctx, in.a_message);
    JS_FreeAtom(ctx, in.a_stack);
    JS_FreeAtom(ctx, in.a_length);
    JS_FreeAtom(ctx, in.a_tag);
    js_free(ctx, in.seen);
    js_free(ctx, in.circ);
    if (r < 0 || in.oom || b->oom) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return 0;
}

const char *host_inspect(JSContext *ctx, JSValueConst val)
{
    host_inspect_opts opts = HOST_INSPECT_OPTS_DEFAULT;
    host_buf b;
    host_inspect_init(ctx);
    host_buf_init(&b, ctx);
    if (JS_IsString(val)) {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, val);
        if (!s)
            return NULL;
        host_buf_put(&b, s, n);
        JS_FreeCString(ctx, s);
    } else if (host_inspect_to(&b, val, &opts) < 0) {
        host_buf_free(&b);
        return NULL;
    }
    if (b.oom) {
        host_buf_free(&b);
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    host_text_to_usv(b.p, b.len);
    JSValue str = JS_NewStringLen(ctx, b.p ? b.p : "", b.len);
    host_buf_free(&b);
    if (JS_IsException(str))
        return NULL;
    const char *s = JS_ToCString(ctx, str);
    JS_FreeValue(ctx, str);
    return s;
}
