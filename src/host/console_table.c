/* console_table.c: console.table's grid (WHATWG Console "table", laid out as Node 20 does): one
 * row per own enumerable key of the data (or per entry of a Map or Set), one column per property
 * of the rows, cells shortened by inspect, box-drawing borders. */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "inspect.h"
#include "qjs_compat.h"

typedef struct column {
    char *head;
    char **cells; /* one per row; NULL: no cell */
} column;

typedef struct table {
    JSContext *ctx;
    uint32_t nrows;
    column *cols;
    int ncols, cap;
} table;

static void table_free(table *t)
{
    for (int i = 0; i < t->ncols; i++) {
        for (uint32_t r = 0; r < t->nrows; r++)
            js_free(t->ctx, t->cols[i].cells[r]);
        js_free(t->ctx, t->cols[i].cells);
        js_free(t->ctx, t->cols[i].head);
    }
    js_free(t->ctx, t->cols);
}

/* The column named head, added at the end if new; NULL when out of memory. */
static column *table_column(table *t, const char *head)
{
    for (int i = 0; i < t->ncols; i++) {
        if (!strcmp(t->cols[i].head, head))
            return &t->cols[i];
    }
    if (t->ncols == t->cap) {
        int cap = t->cap ? 2 * t->cap : 8;
        column *c = js_realloc(t->ctx, t->cols, cap * sizeof *c);
        if (!c)
            return NULL;
        t->cols = c;
        t->cap = cap;
    }
    column *c = &t->cols[t->ncols];
    c->head = js_strdup(t->ctx, head);
    c->cells = js_mallocz(t->ctx, (t->nrows ? t->nrows : 1) * sizeof *c->cells);
    if (!c->head || !c->cells) {
        js_free(t->ctx, c->head);
        js_free(t->ctx, c->cells);
        return NULL;
    }
    t->ncols++;
    return c;
}

static int set_cell(table *t, const char *head, uint32_t row, char *text)
{
    column *c = text ? table_column(t, head) : NULL;
    if (!c) {
        js_free(t->ctx, text);
        return -1;
    }
    js_free(t->ctx, c->cells[row]);
    c->cells[row] = text;
    return 0;
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

/* A cell: inspect with at most 3 array items, on one line, and objects with more than two keys
 * cut to [Object]. */
static char *cell_text(JSContext *ctx, JSValueConst v)
{
    host_inspect_opts o = HOST_INSPECT_OPTS_DEFAULT;
    o.depth = 0;
    o.max_array_length = 3;
    o.break_length = INT_MAX;
    if (JS_IsObject(v) && !JS_IsFunction(ctx, v)) {
        JSPropertyEnum *tab;
        uint32_t n;
        int arr = qjs_is_array(ctx, v);
        if (arr < 0 ||
            JS_GetOwnPropertyNames(ctx, &tab, &n, v, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
            return NULL;
        for (uint32_t i = 0; i < n; i++)
            JS_FreeAtom(ctx, tab[i].atom);
        js_free(ctx, tab);
        if (!arr && n > 2)
            o.depth = -1;
    }
    host_buf b;
    host_buf_init(&b, ctx);
    char *s = NULL;
    if (host_inspect_to(&b, v, &o) == 0)
        s = dup_text(ctx, b.p ? b.p : "", b.len);
    host_buf_free(&b);
    return s;
}

static char *atom_text(JSContext *ctx, JSAtom a)
{
    const char *s = JS_AtomToCString(ctx, a);
    char *p = s ? js_strdup(ctx, s) : NULL;
    JS_FreeCString(ctx, s);
    return p;
}

/* The property names given as console.table's second argument, or of the row itself. */
static int row_keys(JSContext *ctx, JSValueConst row, JSValueConst props, JSAtom **keys,
                    uint32_t *n)
{
    JSPropertyEnum *tab;
    if (JS_IsUndefined(props)) {
        if (JS_GetOwnPropertyNames(ctx, &tab, n, row, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
            return -1;
    } else {
        JSValue len = JS_GetPropertyStr(ctx, props, "length");
        uint32_t count;
        if (JS_ToUint32(ctx, &count, len) < 0) {
            JS_FreeValue(ctx, len);
            return -1;
        }
        JS_FreeValue(ctx, len);
        tab = js_mallocz(ctx, (count + 1) * sizeof *tab);
        if (!tab)
            return -1;
        *n = 0;
        for (uint32_t i = 0; i < count; i++) {
            JSValue k = JS_GetPropertyUint32(ctx, props, i);
            JSAtom a = JS_IsException(k) ? JS_ATOM_NULL : JS_ValueToAtom(ctx, k);
            JS_FreeValue(ctx, k);
            if (a == JS_ATOM_NULL) {
                for (uint32_t j = 0; j < *n; j++)
                    JS_FreeAtom(ctx, tab[j].atom);
                js_free(ctx, tab);
                return -1;
            }
            tab[(*n)++].atom = a;
        }
    }
    *keys = js_malloc(ctx, (*n + 1) * sizeof **keys);
    for (uint32_t i = 0; i < *n; i++) {
        if (*keys)
            (*keys)[i] = tab[i].atom;
        else
            JS_FreeAtom(ctx, tab[i].atom);
    }
    js_free(ctx, tab);
    return *keys ? 0 : -1;
}

/* The cells of one row from an object item: its own properties, '' for those it lacks. */
static int add_object_row(table *t, uint32_t row, JSValueConst item, JSValueConst props,
                          bool primitive)
{
    JSContext *ctx = t->ctx;
    JSAtom *keys;
    uint32_t n;
    if (row_keys(ctx, primitive ? JS_NULL : item, props, &keys, &n) < 0)
        return -1;
    int r = 0;
    for (uint32_t i = 0; i < n && r == 0; i++) {
        JSValue key = JS_AtomToValue(ctx, keys[i]);
        bool symbol = JS_IsSymbol(key);
        JS_FreeValue(ctx, key);
        if (symbol)
            continue; /* Node keeps columns in an object and lists its string keys only */
        char *head = atom_text(ctx, keys[i]);
        int own = primitive ? 0 : JS_GetOwnProperty(ctx, NULL, item, keys[i]);
        char *text = NULL;
        if (own > 0) {
            JSValue v = JS_GetProperty(ctx, item, keys[i]);
            text = JS_IsException(v) ? NULL : cell_text(ctx, v);
            JS_FreeValue(ctx, v);
        } else if (own == 0) {
            text = js_strdup(ctx, "");
        }
        r = head && text ? set_cell(t, head, row, text) : -1;
        if (!head || !text)
            js_free(ctx, text);
        js_free(ctx, head);
    }
    for (uint32_t i = 0; i < n; i++)
        JS_FreeAtom(ctx, keys[i]);
    js_free(ctx, keys);
    return r;
}

/* Rows from the own enumerable keys of data; primitive items go to a last "Values" column. */
static int fill_from_object(table *t, JSValueConst data, JSValueConst props)
{
    JSContext *ctx = t->ctx;
    JSPropertyEnum *tab;
    uint32_t n;
    if (JS_GetOwnPropertyNames(ctx, &tab, &n, data, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
        return -1;
    t->nrows = n;
    int r = table_column(t, "(index)") ? 0 : -1;
    char **values = js_mallocz(ctx, (n + 1) * sizeof *values);
    bool has_primitives = false;
    for (uint32_t i = 0; i < n && r == 0 && values; i++) {
        char *index = atom_text(ctx, tab[i].atom);
        r = set_cell(t, "(index)", i, index);
        JSValue item = r == 0 ? JS_GetProperty(ctx, data, tab[i].atom) : JS_EXCEPTION;
        if (JS_IsException(item)) {
            r = -1;
            break;
        }
        bool primitive = !JS_IsObject(item);
        if (primitive && JS_IsUndefined(props)) {
            has_primitives = true;
            values[i] = cell_text(ctx, item);
            r = values[i] ? 0 : -1;
        } else {
            r = add_object_row(t, i, item, props, primitive);
        }
        JS_FreeValue(ctx, item);
    }
    if (!values)
        r = -1;
    for (uint32_t i = 0; i < n; i++)
        JS_FreeAtom(ctx, tab[i].atom);
    js_free(ctx, tab);
    column *c = r == 0 && has_primitives ? table_column(t, "Values") : NULL;
    if (c) {
        js_free(ctx, c->cells);
        c->cells = values;
        values = NULL;
    } else if (r == 0 && has_primitives) {
        r = -1;
    }
    if (values) {
        for (uint32_t i = 0; i < n; i++)
            js_free(ctx, values[i]);
        js_free(ctx, values);
    }
    return r;
}

/* Rows from the entries of a Map (index, Key, Values) or a Set (index, Values). */
static int fill_from_collection(table *t, JSValueConst data, bool is_map)
{
    JSContext *ctx = t->ctx;
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue array = JS_GetPropertyStr(ctx, global, "Array");
    JSValue from = JS_GetPropertyStr(ctx, array, "from");
    JSValue list = JS_Call(ctx, from, array, 1, &data);
    JS_FreeValue(ctx, from);
    JS_FreeValue(ctx, array);
    JS_FreeValue(ctx, global);
    JSValue len = JS_IsException(list) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, list, "length");
    int r = JS_ToUint32(ctx, &t->nrows, len);
    JS_FreeValue(ctx, len);
    if (r == 0 && (!table_column(t, "(iteration index)") || (is_map && !table_column(t, "Key")) ||
                   !table_column(t, "Values")))
        r = -1;
    for (uint32_t i = 0; i < t->nrows && r == 0; i++) {
        JSValue entry = JS_GetPropertyUint32(ctx, list, i);
        JSValue key = is_map ? JS_GetPropertyUint32(ctx, entry, 0) : JS_UNDEFINED;
        JSValue val = is_map ? JS_GetPropertyUint32(ctx, entry, 1) : JS_DupValue(ctx, entry);
        r = JS_IsException(entry) || JS_IsException(key) || JS_IsException(val) ? -1 : 0;
        if (r == 0)
            r = set_cell(t, "(iteration index)", i, cell_text(ctx, JS_NewInt64(ctx, i)));
        if (r == 0 && is_map)
            r = set_cell(t, "Key", i, cell_text(ctx, key));
        if (r == 0)
            r = set_cell(t, "Values", i, cell_text(ctx, val));
        JS_FreeValue(ctx, val);
        JS_FreeValue(ctx, key);
        JS_FreeValue(ctx, entry);
    }
    JS_FreeValue(ctx, list);
    return r;
}

/* Node keeps the columns in an object, so the ones named like array indexes come first, in
 * numeric order; the index column stays first and "Values" last. */
static void order_columns(table *t)
{
    int first = 1, last = t->ncols;
    if (last > first && !strcmp(t->cols[last - 1].head, "Values"))
        last--;
    for (int i = first + 1; i < last; i++) {
        column c = t->cols[i];
        uint32_t ci;
        if (!host_inspect_index_key(c.head, &ci))
            continue;
        int j = i;
        while (j > first) {
            uint32_t pj;
            bool prev_index = host_inspect_index_key(t->cols[j - 1].head, &pj);
            if (prev_index && pj <= ci)
                break;
            t->cols[j] = t->cols[j - 1];
            j--;
        }
        t->cols[j] = c;
    }
}

static void put_repeat(host_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        host_buf_puts(b, s);
}

static void put_rule(host_buf *b, const size_t *widths, int n, const char *left, const char *mid,
                     const char *right)
{
    host_buf_puts(b, left);
    for (int i = 0; i < n; i++) {
        if (i)
            host_buf_puts(b, mid);
        put_repeat(b, "─", widths[i] + 2);
    }
    host_buf_puts(b, right);
}

static void put_row(host_buf *b, const table *t, const size_t *widths, int row)
{
    host_buf_puts(b, "│ ");
    for (int i = 0; i < t->ncols; i++) {
        const char *s = row < 0 ? t->cols[i].head : t->cols[i].cells[row];
        if (!s)
            s = "";
        if (i)
            host_buf_puts(b, " │ ");
        host_buf_puts(b, s);
        host_buf_spaces(b, (int)(widths[i] - host_text_width(s, strlen(s))));
    }
    host_buf_puts(b, " │");
}

static int render(table *t, host_buf *out)
{
    size_t *widths = js_mallocz(t->ctx, (t->ncols + 1) * sizeof *widths);
    if (!widths)
        return -1;
    for (int i = 0; i < t->ncols; i++) {
        widths[i] = host_text_width(t->cols[i].head, strlen(t->cols[i].head));
        for (uint32_t r = 0; r < t->nrows; r++) {
            const char *s = t->cols[i].cells[r];
            size_t w = s ? host_text_width(s, strlen(s)) : 0;
            widths[i] = w > widths[i] ? w : widths[i];
        }
    }
    put_rule(out, widths, t->ncols, "┌", "┬", "┐\n");
    put_row(out, t, widths, -1);
    put_rule(out, widths, t->ncols, "\n├", "┼", "┤\n");
    for (uint32_t r = 0; r < t->nrows; r++) {
        put_row(out, t, widths, (int)r);
        host_buf_puts(out, "\n");
    }
    put_rule(out, widths, t->ncols, "└", "┴", "┘");
    js_free(t->ctx, widths);
    return 0;
}

int host_console_table(JSContext *ctx, JSValueConst data, JSValueConst props, host_buf *out)
{
    if (!JS_IsUndefined(props)) {
        int arr = qjs_is_array(ctx, props);
        if (arr <= 0) {
            if (arr == 0)
                JS_ThrowTypeError(ctx, "console.table: properties must be an array");
            return -1;
        }
    }
    table t = {.ctx = ctx};
    int kind = host_inspect_collection(data);
    int r = kind ? fill_from_collection(&t, data, kind == 1) : fill_from_object(&t, data, props);
    if (r == 0) {
        if (!kind)
            order_columns(&t);
        r = render(&t, out);
    }
    table_free(&t);
    if (r == 0 && out->oom) {
        JS_ThrowOutOfMemory(ctx);
        r = -1;
    }
    return r;
}
