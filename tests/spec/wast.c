/* wast.c: lexer and parser of the binary script format (.bin.wast): the reference interpreter's
 * script grammar ("Scripts" in the spec's interpreter README) restricted to binary modules. */
#include "wast.h"

#include "wast_num.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Arena: everything a script points to, freed at once --------------------------------- */

#define ARENA_CHUNK 65536

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} arena_chunk;

struct wast_arena {
    arena_chunk *head;
};

static void *arena_alloc(wast_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->size = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

static void arena_free(wast_arena *a)
{
    if (!a)
        return;
    for (arena_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

/* ---- Growable scratch buffer ------------------------------------------------------------- */

typedef struct buf {
    unsigned char *data;
    size_t len, cap;
} buf;

static bool buf_reserve(buf *b, size_t extra)
{
    if (b->cap - b->len >= extra)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra)
        cap *= 2;
    unsigned char *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

static bool buf_push(buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n))
        return false;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return true;
}

#define MAX_EITHER_DEPTH 16

/* ---- Lexer ------------------------------------------------------------------------------- */

typedef enum tok_kind { TOK_EOF, TOK_LPAREN, TOK_RPAREN, TOK_ATOM, TOK_STRING } tok_kind;

typedef struct token {
    tok_kind kind;
    uint32_t line;
    const char *p; /* ATOM: the text; STRING: the raw text between the quotes */
    size_t len;
} token;

typedef struct parser {
    const char *cur, *end;
    uint32_t line;
    token tok; /* the lookahead */
    wast_arena *arena;
    wast_error *err;
    buf str;        /* scratch for decoded strings */
    unsigned depth; /* nesting of (either ...), bounded so no input can exhaust the C stack */
} parser;

static bool fail(parser *ps, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    ps->err->line = line;
    va_start(ap, fmt);
    vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
    va_end(ap);
    return false;
}

static bool oom(parser *ps)
{
    return fail(ps, ps->tok.line, "out of memory");
}

static bool is_atom_char(char c)
{
    return c > ' ' && c != '(' && c != ')' && c != '"' && c != ';' && c != 0x7f;
}

/* Skips white space and comments (`;; ...` and nestable `(; ... ;)`). */
static bool skip_space(parser *ps)
{
    while (ps->cur < ps->end) {
        char c = *ps->cur;
        if (c == '\n') {
            ps->line++;
            ps->cur++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ps->cur++;
        } else if (c == ';' && ps->cur + 1 < ps->end && ps->cur[1] == ';') {
            while (ps->cur < ps->end && *ps->cur != '\n')
                ps->cur++;
        } else if (c == '(' && ps->cur + 1 < ps->end && ps->cur[1] == ';') {
            uint32_t start = ps->line;
            int depth = 1;
            ps->cur += 2;
            while (depth > 0) {
                if (ps->cur + 1 >= ps->end)
                    return fail(ps, start, "unclosed block comment");
                if (ps->cur[0] == '(' && ps->cur[1] == ';') {
                    depth++;
                    ps->cur += 2;
                } else if (ps->cur[0] == ';' && ps->cur[1] == ')') {
                    depth--;
                    ps->cur += 2;
                } else {
                    ps->line += *ps->cur++ == '\n';
                }
            }
        } else {
            break;
        }
    }
    return true;
}

/* Reads the next token into ps->tok. */
static bool advance(parser *ps)
{
    if (!skip_space(ps))
        return false;
    token *t = &ps->tok;
    t->line = ps->line;
    if (ps->cur >= ps->end) {
        t->kind = TOK_EOF;
        t->p = ps->cur;
        t->len = 0;
        return true;
    }
    char c = *ps->cur;
    t->p = ps->cur;
    if (c == '(' || c == ')') {
        t->kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
        t->len = 1;
        ps->cur++;
        return true;
    }
    if (c == '"') {
        const char *s = ++ps->cur;
        while (ps->cur < ps->end && *ps->cur != '"') {
            if (*ps->cur == '\n')
                return fail(ps, t->line, "newline in string");
            if (*ps->cur == '\\' && ps->cur + 1 < ps->end)
                ps->cur++;
            ps->cur++;
        }
        if (ps->cur >= ps->end)
            return fail(ps, t->line, "unterminated string");
        t->kind = TOK_STRING;
        t->p = s;
        t->len = (size_t)(ps->cur - s);
        ps->cur++;
        return true;
    }
    if (!is_atom_char(c))
        return fail(ps, t->line, "unexpected character 0x%02x", (unsigned char)c);
    while (ps->cur < ps->end && is_atom_char(*ps->cur))
        ps->cur++;
    t->kind = TOK_ATOM;
    t->len = (size_t)(ps->cur - t->p);
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool push_utf8(buf *b, uint32_t cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | cp >> 6), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | cp >> 12), n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | cp >> 18), n = 4;
    }
    for (size_t i = 1; i < n; i++)
        u[i] = (unsigned char)(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
    return buf_push(b, u, n);
}

/* Decodes the current string token, appending its bytes to b. */
static bool decode_string(parser *ps, buf *b)
{
    const char *s = ps->tok.p, *e = s + ps->tok.len;
    uint32_t line = ps->tok.line;
    if (!buf_reserve(b, ps->tok.len))
        return oom(ps);
    while (s < e) {
        if (*s != '\\') {
            const char *run = s;
            while (s < e && *s != '\\')
                s++;
            buf_push(b, run, (size_t)(s - run)); /* reserved above */
            continue;
        }
        if (++s >= e)
            return fail(ps, line, "bad escape at end of string");
        char c = *s++;
        unsigned char out;
        switch (c) {
        case 'n':
            out = '\n';
            break;
        case 't':
            out = '\t';
            break;
        case 'r':
            out = '\r';
            break;
        case '\\':
            out = '\\';
            break;
        case '"':
            out = '"';
            break;
        case '\'':
            out = '\'';
            break;
        case 'u': {
            uint32_t cp = 0;
            if (s >= e || *s != '{')
                return fail(ps, line, "bad \\u escape");
            s++;
            int digits = 0;
            while (s < e && *s != '}') {
                int d = hexval(*s++);
                if (d < 0 || ++digits > 6)
                    return fail(ps, line, "bad \\u escape");
                cp = cp * 16 + (unsigned)d;
            }
            if (s >= e || digits == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
                return fail(ps, line, "bad \\u escape");
            s++;
            if (!push_utf8(b, cp))
                return oom(ps);
            continue;
        }
        default: {
            int hi = hexval(c), lo = s < e ? hexval(*s) : -1;
            if (hi < 0 || lo < 0)
                return fail(ps, line, "bad escape \\%c", c);
            s++;
            out = (unsigned char)(hi * 16 + lo);
        }
        }
        if (!buf_push(b, &out, 1))
            return oom(ps);
    }
    return true;
}

/* ---- Parser helpers ---------------------------------------------------------------------- */

static bool atom_is(const token *t, const char *s)
{
    size_t n = strlen(s);
    return t->kind == TOK_ATOM && t->len == n && memcmp(t->p, s, n) == 0;
}

static const char *tok_desc(const token *t)
{
    switch (t->kind) {
    case TOK_EOF:
        return "end of file";
    case TOK_LPAREN:
        return "'('";
    case TOK_RPAREN:
        return "')'";
    case TOK_STRING:
        return "a string";
    default:
        return "an atom";
    }
}

/* Reports that the lookahead is not `what`. */
static bool unexpected(parser *ps, const char *what)
{
    if (ps->tok.kind == TOK_ATOM)
        return fail(ps, ps->tok.line, "expected %s, got '%.*s'", what, (int)ps->tok.len, ps->tok.p);
    return fail(ps, ps->tok.line, "expected %s, got %s", what, tok_desc(&ps->tok));
}

static bool expect(parser *ps, tok_kind kind, const char *what)
{
    return ps->tok.kind == kind ? advance(ps) : unexpected(ps, what);
}

static bool expect_atom(parser *ps, const char *word)
{
    if (!atom_is(&ps->tok, word)) {
        char what[48];
        snprintf(what, sizeof what, "'%s'", word);
        return unexpected(ps, what);
    }
    return advance(ps);
}

static char *arena_strndup(parser *ps, const void *p, size_t n)
{
    char *s = arena_alloc(ps->arena, n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = 0;
    }
    return s;
}

/* An optional $id: returns true with *id NULL when absent. */
static bool opt_id(parser *ps, const char **id)
{
    *id = NULL;
    if (ps->tok.kind != TOK_ATOM || ps->tok.p[0] != '$')
        return true;
    if (ps->tok.len < 2)
        return fail(ps, ps->tok.line, "empty identifier");
    if (!(*id = arena_strndup(ps, ps->tok.p, ps->tok.len)))
        return oom(ps);
    return advance(ps);
}

/* A string token, decoded into the arena (NUL-terminated for convenience). */
static bool string_arg(parser *ps, wast_bytes *out, const char *what)
{
    if (ps->tok.kind != TOK_STRING)
        return expect(ps, TOK_STRING, what);
    ps->str.len = 0;
    if (!decode_string(ps, &ps->str))
        return false;
    char *s = arena_strndup(ps, ps->str.data ? (const char *)ps->str.data : "", ps->str.len);
    if (!s)
        return oom(ps);
    out->data = (const uint8_t *)s;
    out->len = ps->str.len;
    return advance(ps);
}

/* ---- Constants and result patterns --------------------------------------------------------- */

static const char *const heap_names[] = {
    [WAST_HEAP_NONE_GIVEN] = "",   [WAST_HEAP_FUNC] = "func",         [WAST_HEAP_NOFUNC] = "nofunc",
    [WAST_HEAP_EXTERN] = "extern", [WAST_HEAP_NOEXTERN] = "noextern", [WAST_HEAP_ANY] = "any",
    [WAST_HEAP_EQ] = "eq",         [WAST_HEAP_I31] = "i31",           [WAST_HEAP_STRUCT] = "struct",
    [WAST_HEAP_ARRAY] = "array",   [WAST_HEAP_NONE] = "none",         [WAST_HEAP_EXN] = "exn",
    [WAST_HEAP_NOEXN] = "noexn",
};

const char *wast_heap_name(wast_heap heap)
{
    return heap <= WAST_HEAP_NOEXN ? heap_names[heap] : "?";
}

static bool heap_from(const char *p, size_t len, wast_heap *out)
{
    for (unsigned i = WAST_HEAP_FUNC; i <= WAST_HEAP_NOEXN; i++) {
        if (strlen(heap_names[i]) == len && memcmp(heap_names[i], p, len) == 0) {
            *out = (wast_heap)i;
            return true;
        }
    }
    return false;
}

static const struct {
    const char *name;
    unsigned lanes, bits;
    bool is_float;
} shapes[] = {
    [WAST_SHAPE_NONE] = {"", 1, 128, false},      [WAST_SHAPE_I8X16] = {"i8x16", 16, 8, false},
    [WAST_SHAPE_I16X8] = {"i16x8", 8, 16, false}, [WAST_SHAPE_I32X4] = {"i32x4", 4, 32, false},
    [WAST_SHAPE_I64X2] = {"i64x2", 2, 64, false}, [WAST_SHAPE_F32X4] = {"f32x4", 4, 32, true},
    [WAST_SHAPE_F64X2] = {"f64x2", 2, 64, true},
};

unsigned wast_shape_lanes(wast_shape shape)
{
    return shapes[shape].lanes;
}

const char *wast_shape_name(wast_shape shape)
{
    return shapes[shape].name;
}

/* A number atom of the given type; for floats nan:canonical / nan:arithmetic are accepted when
 * nan is not NULL. Writes `bits` bits little-endian at dst. */
static bool number(parser *ps, unsigned bits, bool is_float, uint8_t *dst, uint8_t *nan)
{
    const token *t = &ps->tok;
    uint64_t v = 0;
    if (t->kind != TOK_ATOM)
        return expect(ps, TOK_ATOM, "a number");
    if (is_float && nan && (atom_is(t, "nan:canonical") || atom_is(t, "nan:arithmetic"))) {
        *nan = atom_is(t, "nan:canonical") ? WAST_NAN_CANONICAL : WAST_NAN_ARITHMETIC;
    } else {
        bool ok;
        if (is_float && bits == 32) {
            uint32_t b = 0;
            ok = wast_parse_f32(t->p, t->len, &b);
            v = b;
        } else if (is_float) {
            ok = wast_parse_f64(t->p, t->len, &v);
        } else {
            ok = wast_parse_int(t->p, t->len, bits, &v);
        }
        if (!ok)
            return fail(ps, t->line, "bad %s%u literal '%.*s'", is_float ? "f" : "i", bits,
                        (int)t->len, t->p);
    }
    for (unsigned i = 0; i < bits / 8; i++)
        dst[i] = (uint8_t)(v >> (8 * i));
    return advance(ps);
}

static bool shape_from(const token *t, wast_shape *out)
{
    for (unsigned i = WAST_SHAPE_I8X16; i <= WAST_SHAPE_F64X2; i++) {
        if (atom_is(t, shapes[i].name)) {
            *out = (wast_shape)i;
            return true;
        }
    }
    return false;
}

static uint32_t load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t load64(const uint8_t *p)
{
    return (uint64_t)load32(p) | (uint64_t)load32(p + 4) << 32;
}

/* The body of (i32.const ...) etc. after the keyword, up to and including ')'. The result
 * carries the value and, when `res` is given, the NaN patterns and v128 shape. */
static bool const_body(parser *ps, const token *kw, wast_value *v, wast_result *res)
{
    uint8_t tmp[16] = {0};
    uint8_t *nan = res ? res->nan : NULL;
    memset(v, 0, sizeof *v);
    if (atom_is(kw, "i32.const") || atom_is(kw, "f32.const")) {
        bool f = kw->p[0] == 'f';
        v->type = f ? WAST_F32 : WAST_I32;
        if (!number(ps, 32, f, tmp, nan))
            return false;
        v->u.i32 = load32(tmp);
    } else if (atom_is(kw, "i64.const") || atom_is(kw, "f64.const")) {
        bool f = kw->p[0] == 'f';
        v->type = f ? WAST_F64 : WAST_I64;
        if (!number(ps, 64, f, tmp, nan))
            return false;
        v->u.i64 = load64(tmp);
    } else if (atom_is(kw, "v128.const")) {
        wast_shape shape;
        if (!shape_from(&ps->tok, &shape))
            return unexpected(ps, "a v128 shape");
        if (!advance(ps))
            return false;
        v->type = WAST_V128;
        unsigned lanes = shapes[shape].lanes, bytes = 16 / lanes;
        for (unsigned i = 0; i < lanes; i++) {
            if (!number(ps, bytes * 8, shapes[shape].is_float, v->u.v128 + i * bytes,
                        nan ? nan + i : NULL))
                return false;
        }
        if (res)
            res->shape = shape;
    } else if (atom_is(kw, "ref.null")) {
        v->type = WAST_REF;
        v->u.ref.kind = WAST_REF_NULL;
        v->u.ref.heap = WAST_HEAP_NONE_GIVEN;
        if (ps->tok.kind == TOK_ATOM) {
            if (!heap_from(ps->tok.p, ps->tok.len, &v->u.ref.heap))
                return fail(ps, ps->tok.line, "unknown heap type '%.*s'", (int)ps->tok.len,
                            ps->tok.p);
            if (!advance(ps))
                return false;
        } else if (!res) {
            return fail(ps, kw->line, "ref.null argument needs a heap type");
        }
    } else if (atom_is(kw, "ref.extern") || atom_is(kw, "ref.host")) {
        uint64_t n;
        v->type = WAST_REF;
        v->u.ref.kind = kw->p[4] == 'e' ? WAST_REF_EXTERN : WAST_REF_HOST;
        if (ps->tok.kind != TOK_ATOM || !wast_parse_int(ps->tok.p, ps->tok.len, 32, &n))
            return unexpected(ps, "a host reference number");
        v->u.ref.host = (uint32_t)n;
        if (!advance(ps))
            return false;
    } else {
        return fail(ps, kw->line, "unknown constant '%.*s'", (int)kw->len, kw->p);
    }
    return expect(ps, TOK_RPAREN, "')'");
}

/* (ref.func), (ref.extern), (ref.struct), ...: ref.K followed directly by ')'. */
static bool ref_kind_pattern(const token *kw, const token *next, wast_heap *heap)
{
    return kw->len > 4 && memcmp(kw->p, "ref.", 4) == 0 && next->kind == TOK_RPAREN &&
           !atom_is(kw, "ref.null") && heap_from(kw->p + 4, kw->len - 4, heap);
}

static bool result(parser *ps, wast_result *r);

static bool either_body(parser *ps, wast_result *r)
{
    buf alts = {0};
    bool ok = true;
    while (ok && ps->tok.kind == TOK_LPAREN) {
        wast_result alt;
        ok = result(ps, &alt) && (buf_push(&alts, &alt, sizeof alt) || oom(ps));
    }
    if (ok && alts.len == 0)
        ok = fail(ps, ps->tok.line, "either needs at least one result");
    if (ok) {
        r->nalts = alts.len / sizeof *r->alts;
        ok = (r->alts = arena_alloc(ps->arena, alts.len)) != NULL || oom(ps);
    }
    if (ok)
        memcpy(r->alts, alts.data, alts.len);
    free(alts.data);
    return ok && expect(ps, TOK_RPAREN, "')'");
}

static bool result(parser *ps, wast_result *r)
{
    memset(r, 0, sizeof *r);
    if (!expect(ps, TOK_LPAREN, "'(' of a result"))
        return false;
    token kw = ps->tok;
    if (!expect(ps, TOK_ATOM, "a result keyword"))
        return false;
    if (atom_is(&kw, "either")) {
        if (ps->depth >= MAX_EITHER_DEPTH)
            return fail(ps, kw.line, "either nested too deeply");
        r->kind = WAST_RES_EITHER;
        ps->depth++;
        bool ok = either_body(ps, r);
        ps->depth--;
        return ok;
    }
    wast_heap heap;
    if (ref_kind_pattern(&kw, &ps->tok, &heap)) {
        r->kind = WAST_RES_REF_KIND;
        r->value.type = WAST_REF;
        r->value.u.ref.heap = heap;
        return advance(ps);
    }
    if (!const_body(ps, &kw, &r->value, r))
        return false;
    if (r->value.type == WAST_V128)
        r->kind = WAST_RES_V128;
    else if (r->value.type == WAST_REF && r->value.u.ref.kind == WAST_REF_NULL)
        r->kind = WAST_RES_REF_NULL;
    else
        r->kind = WAST_RES_VALUE;
    return true;
}

/* ---- Commands ---------------------------------------------------------------------------- */

/* Copies a scratch array into the arena. */
static bool arena_array(parser *ps, buf *b, void **out)
{
    *out = NULL;
    if (b->len == 0)
        return true;
    if (!(*out = arena_alloc(ps->arena, b->len)))
        return oom(ps);
    memcpy(*out, b->data, b->len);
    return true;
}

/* (invoke $id? "name" const*) or (get $id? "name"), after the keyword; consumes ')'. */
static bool action_body(parser *ps, wast_action_kind kind, wast_action *a)
{
    memset(a, 0, sizeof *a);
    a->kind = kind;
    if (!opt_id(ps, &a->inst) || !string_arg(ps, &a->name, "an export name"))
        return false;
    buf args = {0};
    bool ok = true;
    while (ok && kind == WAST_INVOKE && ps->tok.kind == TOK_LPAREN) {
        wast_value v;
        ok = advance(ps);
        token kw = ps->tok;
        ok = ok && expect(ps, TOK_ATOM, "a constant") && const_body(ps, &kw, &v, NULL) &&
             (buf_push(&args, &v, sizeof v) || oom(ps));
    }
    if (ok) {
        a->nargs = args.len / sizeof(wast_value);
        ok = arena_array(ps, &args, (void **)&a->args);
    }
    free(args.data);
    return ok && expect(ps, TOK_RPAREN, "')' after the action");
}

/* An action in parentheses: (invoke ...) or (get ...). */
static bool action(parser *ps, wast_action *a)
{
    if (!expect(ps, TOK_LPAREN, "'(' of an action"))
        return false;
    token kw = ps->tok;
    if (atom_is(&kw, "invoke") || atom_is(&kw, "get"))
        return advance(ps) && action_body(ps, kw.p[0] == 'i' ? WAST_INVOKE : WAST_GET, a);
    return unexpected(ps, "invoke or get");
}

/* Strings of a binary module, concatenated, up to and including ')'. */
static bool module_strings(parser *ps, wast_bytes *bin)
{
    ps->str.len = 0;
    while (ps->tok.kind == TOK_STRING) {
        if (!decode_string(ps, &ps->str) || !advance(ps))
            return false;
    }
    uint8_t *p = arena_alloc(ps->arena, ps->str.len ? ps->str.len : 1);
    if (!p)
        return oom(ps);
    if (ps->str.len)
        memcpy(p, ps->str.data, ps->str.len);
    bin->data = p;
    bin->len = ps->str.len;
    return expect(ps, TOK_RPAREN, "')' after the module's strings");
}

/* (module $id? binary "..."*) inside assert_invalid / assert_malformed. */
static bool inline_module(parser *ps, wast_cmd *c)
{
    const char *id;
    return expect(ps, TOK_LPAREN, "'(' of a module") && expect_atom(ps, "module") &&
           opt_id(ps, &id) && expect_atom(ps, "binary") && module_strings(ps, &c->bin);
}

/* (module instance $inst? $mod?) after "(module"; consumes ')'. */
static bool instance_body(parser *ps, wast_cmd *c)
{
    return expect_atom(ps, "instance") && opt_id(ps, &c->id) && opt_id(ps, &c->mod) &&
           expect(ps, TOK_RPAREN, "')' after module instance");
}

static bool message(parser *ps, wast_cmd *c)
{
    wast_bytes m;
    if (!string_arg(ps, &m, "a message"))
        return false;
    c->msg = (const char *)m.data;
    return true;
}

static bool assert_return(parser *ps, wast_cmd *c)
{
    if (!action(ps, &c->action))
        return false;
    buf res = {0};
    bool ok = true;
    while (ok && ps->tok.kind == TOK_LPAREN) {
        wast_result r;
        ok = result(ps, &r) && (buf_push(&res, &r, sizeof r) || oom(ps));
    }
    if (ok) {
        c->nresults = res.len / sizeof(wast_result);
        ok = arena_array(ps, &res, (void **)&c->results);
    }
    free(res.data);
    return ok;
}

/* assert_trap and assert_unlinkable may name a module instantiation instead of an action. */
static bool action_or_instance(parser *ps, wast_cmd *c, bool allow_action)
{
    if (ps->tok.kind == TOK_LPAREN && ps->cur < ps->end) {
        /* look past '(' without consuming: the keyword decides */
        parser save = *ps;
        if (!advance(ps))
            return false;
        if (atom_is(&ps->tok, "module")) {
            c->has_action = false;
            return advance(ps) && instance_body(ps, c);
        }
        *ps = save;
    }
    if (!allow_action)
        return unexpected(ps, "(module instance)");
    c->has_action = true;
    return action(ps, &c->action);
}

static bool command_body(parser *ps, const token *kw, wast_cmd *c)
{
    if (atom_is(kw, "module")) {
        if (atom_is(&ps->tok, "definition")) {
            c->kind = WAST_MODULE_DEF;
            return advance(ps) && opt_id(ps, &c->id) && expect_atom(ps, "binary") &&
                   module_strings(ps, &c->bin);
        }
        c->kind = WAST_MODULE_INST;
        return instance_body(ps, c);
    }
    if (atom_is(kw, "register")) {
        c->kind = WAST_REGISTER;
        return string_arg(ps, &c->name, "a module name") && opt_id(ps, &c->id) &&
               expect(ps, TOK_RPAREN, "')' after register");
    }
    if (atom_is(kw, "invoke") || atom_is(kw, "get")) {
        c->kind = WAST_ACTION;
        c->has_action = true;
        return action_body(ps, kw->p[0] == 'i' ? WAST_INVOKE : WAST_GET, &c->action);
    }
    bool ok;
    if (atom_is(kw, "assert_return")) {
        c->kind = WAST_ASSERT_RETURN;
        c->has_action = true;
        ok = assert_return(ps, c);
    } else if (atom_is(kw, "assert_trap")) {
        c->kind = WAST_ASSERT_TRAP;
        ok = action_or_instance(ps, c, true) && message(ps, c);
    } else if (atom_is(kw, "assert_exhaustion")) {
        c->kind = WAST_ASSERT_EXHAUSTION;
        c->has_action = true;
        ok = action(ps, &c->action) && message(ps, c);
    } else if (atom_is(kw, "assert_exception")) {
        c->kind = WAST_ASSERT_EXCEPTION;
        c->has_action = true;
        ok = action(ps, &c->action);
    } else if (atom_is(kw, "assert_invalid") || atom_is(kw, "assert_malformed")) {
        c->kind = kw->p[7] == 'i' ? WAST_ASSERT_INVALID : WAST_ASSERT_MALFORMED;
        ok = inline_module(ps, c) && message(ps, c);
    } else if (atom_is(kw, "assert_unlinkable")) {
        c->kind = WAST_ASSERT_UNLINKABLE;
        ok = action_or_instance(ps, c, false) && message(ps, c);
    } else {
        return fail(ps, kw->line, "unknown command '%.*s'", (int)kw->len, kw->p);
    }
    return ok && expect(ps, TOK_RPAREN, "')' at the end of the command");
}

static const char *const cmd_names[WAST_CMD_KINDS] = {
    [WAST_MODULE_DEF] = "module definition",
    [WAST_MODULE_INST] = "module instance",
    [WAST_REGISTER] = "register",
    [WAST_ACTION] = "action",
    [WAST_ASSERT_RETURN] = "assert_return",
    [WAST_ASSERT_TRAP] = "assert_trap",
    [WAST_ASSERT_EXHAUSTION] = "assert_exhaustion",
    [WAST_ASSERT_EXCEPTION] = "assert_exception",
    [WAST_ASSERT_INVALID] = "assert_invalid",
    [WAST_ASSERT_MALFORMED] = "assert_malformed",
    [WAST_ASSERT_UNLINKABLE] = "assert_unlinkable",
};

const char *wast_cmd_name(wast_cmd_kind kind)
{
    return kind < WAST_CMD_KINDS ? cmd_names[kind] : "?";
}

bool wast_parse(const char *text, size_t len, wast_script *out, wast_error *err)
{
    parser ps = {.cur = text, .end = text + len, .line = 1, .err = err};
    buf cmds = {0};
    bool ok;
    memset(out, 0, sizeof *out);
    err->line = 0;
    err->msg[0] = 0;
    ps.arena = calloc(1, sizeof *ps.arena);
    ok = ps.arena != NULL || fail(&ps, 1, "out of memory");
    ok = ok && advance(&ps);
    while (ok && ps.tok.kind != TOK_EOF) {
        wast_cmd c;
        memset(&c, 0, sizeof c);
        c.line = ps.tok.line;
        ok = expect(&ps, TOK_LPAREN, "'(' of a command");
        token kw = ps.tok;
        ok = ok && expect(&ps, TOK_ATOM, "a command keyword") && command_body(&ps, &kw, &c) &&
             (buf_push(&cmds, &c, sizeof c) || oom(&ps));
    }
    free(ps.str.data);
    if (!ok) {
        free(cmds.data);
        arena_free(ps.arena);
        return false;
    }
    out->cmds = (wast_cmd *)cmds.data;
    out->ncmds = cmds.len / sizeof(wast_cmd);
    out->arena = ps.arena;
    return true;
}

void wast_script_free(wast_script *s)
{
    if (!s)
        return;
    free(s->cmds);
    arena_free(s->arena);
    memset(s, 0, sizeof *s);
}

char *wast_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = {0};
    size_t n;
    char chunk[65536];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (!buf_push(&b, chunk, n)) {
            free(b.data);
            fclose(f);
            errno = ENOMEM;
            return NULL;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || !buf_reserve(&b, 1)) {
        free(b.data);
        errno = bad ? EIO : ENOMEM;
        return NULL;
    }
    b.data[b.len] = 0;
    *len = b.len;
    return (char *)b.data;
}
