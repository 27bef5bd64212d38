/* wasm_build.h: assembling small binary modules in the unit tests (LEB128, sections, vectors),
 * so each test states its module byte by byte with the structure visible. */
#ifndef WASM_BUILD_H
#define WASM_BUILD_H

#include "qw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wbuf {
    uint8_t *b;
    size_t n, cap;
} wbuf;

static inline void wb_byte(wbuf *w, uint8_t v)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->b = realloc(w->b, w->cap);
        if (!w->b)
            abort();
    }
    w->b[w->n++] = v;
}

static inline void wb_bytes(wbuf *w, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wb_byte(w, ((const uint8_t *)p)[i]);
}

static inline void wb_u32(wbuf *w, uint64_t v)
{
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        wb_byte(w, v ? b | 0x80 : b);
    } while (v);
}

static inline void wb_header(wbuf *w)
{
    static const uint8_t h[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    wb_bytes(w, h, sizeof h);
}

/* Appends section `id` whose contents are `body`. */
static inline void wb_section(wbuf *w, uint8_t id, const wbuf *body)
{
    wb_byte(w, id);
    wb_u32(w, body->n);
    wb_bytes(w, body->b, body->n);
}

static inline void wb_free(wbuf *w)
{
    free(w->b);
    memset(w, 0, sizeof *w);
}

/* Number of value types in an encoding (reference types take two bytes). */
static inline size_t wb_count_types(const uint8_t *t, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++, count++) {
        if (t[i] == 0x63 || t[i] == 0x64)
            i++;
    }
    return count;
}

/* A module with one function type (params -> results), one function of that type with the given
 * local declarations (raw bytes: count, then (n, type) pairs) and body (without the final end). */
static inline void wb_func_module(wbuf *w, const uint8_t *params, size_t np, const uint8_t *results,
                                  size_t nr, const uint8_t *locals, size_t nl, const uint8_t *body,
                                  size_t nb)
{
    wbuf s = {0}, code = {0};
    wb_header(w);
    wb_u32(&s, 1);
    wb_byte(&s, 0x60);
    wb_u32(&s, wb_count_types(params, np));
    wb_bytes(&s, params, np);
    wb_u32(&s, wb_count_types(results, nr));
    wb_bytes(&s, results, nr);
    wb_section(w, 1, &s);
    s.n = 0;
    wb_bytes(&s, "\x01\x00", 2);
    wb_section(w, 3, &s);
    s.n = 0;
    if (nl)
        wb_bytes(&code, locals, nl);
    else
        wb_byte(&code, 0);
    wb_bytes(&code, body, nb);
    wb_byte(&code, 0x0B);
    wb_u32(&s, 1);
    wb_u32(&s, code.n);
    wb_bytes(&s, code.b, code.n);
    wb_section(w, 10, &s);
    wb_free(&s);
    wb_free(&code);
}

/* A section given by its contents. */
typedef struct wsec {
    uint8_t id;
    const char *bytes;
    size_t len;
} wsec;

#define WSEC(id, s)                                                                                \
    {                                                                                              \
        id, s, sizeof(s) - 1                                                                       \
    }

/* A module of the given sections plus one function of type 0 whose body (without the final end,
 * no locals) is `body`; sections are put in the binary format's order. */
static inline void wb_module(wbuf *w, const wsec *secs, size_t nsecs, const uint8_t *body,
                             size_t nb)
{
    static const uint8_t order[] = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
    wbuf s = {0};
    wb_header(w);
    for (size_t o = 0; o < sizeof order; o++) {
        uint8_t id = order[o];
        for (size_t i = 0; i < nsecs; i++) {
            if (secs[i].id == id) {
                s.n = 0;
                wb_bytes(&s, secs[i].bytes, secs[i].len);
                wb_section(w, id, &s);
            }
        }
        if (id == 3) {
            s.n = 0;
            wb_bytes(&s, "\x01\x00", 2);
            wb_section(w, 3, &s);
        }
        if (id == 10) {
            wbuf code = {0};
            wb_byte(&code, 0);
            wb_bytes(&code, body, nb);
            wb_byte(&code, 0x0B);
            s.n = 0;
            wb_u32(&s, 1);
            wb_u32(&s, code.n);
            wb_bytes(&s, code.b, code.n);
            wb_section(w, 10, &s);
            wb_free(&code);
        }
    }
    wb_free(&s);
}

/* Compiles a module that must be valid; prints the error otherwise. */
static inline qw_module *wb_compile(qw_engine *eng, const void *bin, size_t len)
{
    qw_error err;
    qw_module *m = qw_module_compile(eng, bin, len, &err);
    if (!m)
        fprintf(stderr, "compile: %s\n", err.msg);
    return m;
}

#endif
