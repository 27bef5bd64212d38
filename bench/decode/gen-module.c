/* gen-module: writes a large, valid, deterministic Wasm module for the decode benchmark. Its
 * functions are shaped like compiled C: locals, arithmetic over local.get and constants, loads and
 * stores with offsets, nested block/loop/if with br_if, direct and indirect calls.
 * usage: gen-module OUT.wasm MEGABYTES */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
    uint8_t *b;
    size_t n, cap;
} buf;

static void put(buf *w, uint8_t v)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 1 << 16;
        w->b = realloc(w->b, w->cap);
        if (!w->b)
            exit(2);
    }
    w->b[w->n++] = v;
}

static void put_u(buf *w, uint64_t v)
{
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        put(w, v ? b | 0x80 : b);
    } while (v);
}

static void put_s(buf *w, int64_t v)
{
    for (;;) {
        uint8_t b = v & 0x7F;
        v >>= 7;
        if ((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40))) {
            put(w, b);
            return;
        }
        put(w, b | 0x80);
    }
}

static void put_buf(buf *w, const buf *x)
{
    for (size_t i = 0; i < x->n; i++)
        put(w, x->b[i]);
}

static uint64_t seed = 0x2545F4914F6CDD1Dull;

static uint32_t rnd(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed % n);
}

enum { I32 = 0x7F, I64 = 0x7E, F64 = 0x7C };

/* Function types: params, results. */
static const struct {
    int np;
    uint8_t p[3];
    int nr;
    uint8_t r;
} types[] = {
    {1, {I32}, 1, I32},      {2, {I32, I32}, 1, I32}, {3, {I32, I32, I32}, 0, 0},
    {2, {I64, I32}, 1, I64}, {2, {F64, F64}, 1, F64}, {0, {0}, 0, 0},
    {1, {I32}, 0, 0},        {2, {I32, I64}, 1, I32},
};
#define NTYPES (int)(sizeof types / sizeof types[0])

/* Locals of the function being generated: params then 6 i32, 2 i64, 2 f64. */
static uint8_t ltype[16];
static int nlocal;
static int nfuncs;
static int *ftype;

static int local_of(uint8_t t)
{
    int c[16], n = 0;
    for (int i = 0; i < nlocal; i++) {
        if (ltype[i] == t)
            c[n++] = i;
    }
    return c[rnd(n)];
}

static void expr(buf *w, uint8_t t, int depth);

static void addr(buf *w, int depth)
{
    if (depth > 2 || rnd(2)) {
        put(w, 0x20);
        put_u(w, local_of(I32));
    } else {
        expr(w, I32, depth + 1);
    }
}

static void expr(buf *w, uint8_t t, int depth)
{
    uint32_t k = depth > 3 ? rnd(3) : rnd(10);
    if (k < 2) { /* local.get */
        put(w, 0x20);
        put_u(w, local_of(t));
        return;
    }
    if (k == 2) { /* constant */
        if (t == I32) {
            put(w, 0x41);
            put_s(w, (int32_t)rnd(2000) - 1000);
        } else if (t == I64) {
            put(w, 0x42);
            put_s(w, (int64_t)rnd(1u << 30) * 3);
        } else {
            put(w, 0x44);
            uint64_t bits = 0x3FF0000000000000ull + rnd(1u << 20);
            for (int i = 0; i < 8; i++)
                put(w, (uint8_t)(bits >> (8 * i)));
        }
        return;
    }
    if (k < 7) { /* binary operator */
        static const uint8_t i32ops[] = {0x6A, 0x6B, 0x6C, 0x71, 0x72,
                                         0x73, 0x74, 0x76, 0x46, 0x48};
        static const uint8_t i64ops[] = {0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x88};
        static const uint8_t f64ops[] = {0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5};
        expr(w, t, depth + 1);
        expr(w, t, depth + 1);
        if (t == I32)
            put(w, i32ops[rnd(sizeof i32ops)]);
        else if (t == I64)
            put(w, i64ops[rnd(sizeof i64ops)]);
        else
            put(w, f64ops[rnd(sizeof f64ops)]);
        return;
    }
    if (k < 9) { /* load */
        addr(w, depth);
        bool byte = t == I32 && rnd(3) == 0;
        put(w, byte ? 0x2D : t == I32 ? 0x28 : t == I64 ? 0x29 : 0x2B);
        put_u(w, byte ? 0 : t == I32 ? 2 : 3);
        put_u(w, rnd(4) * 8);
        return;
    }
    /* conversion or select */
    if (t == I32) {
        expr(w, I64, depth + 1);
        put(w, 0xA7); /* i32.wrap_i64 */
    } else if (t == I64) {
        expr(w, I32, depth + 1);
        put(w, 0xAD); /* i64.extend_i32_u */
    } else {
        expr(w, t, depth + 1);
        expr(w, t, depth + 1);
        expr(w, I32, depth + 1);
        put(w, 0x1B); /* select */
    }
}

static void stmts(buf *w, int depth, int count);

static void call(buf *w, int depth)
{
    int f = rnd(nfuncs);
    int t = ftype[f];
    for (int i = 0; i < types[t].np; i++)
        expr(w, types[t].p[i], depth + 2);
    if (rnd(4) == 0) {
        put(w, 0x41);
        put_s(w, rnd(8));
        put(w, 0x11); /* call_indirect t 0 */
        put_u(w, t);
        put(w, 0);
    } else {
        put(w, 0x10);
        put_u(w, f);
    }
    if (types[t].nr) {
        put(w, 0x21);
        put_u(w, local_of(types[t].r));
    }
}

static void stmt(buf *w, int depth)
{
    uint32_t k = depth > 3 ? rnd(6) : rnd(10);
    switch (k) {
    case 0:
    case 1:
    case 2: { /* local.set */
        static const uint8_t ts[] = {I32, I32, I32, I64, F64};
        uint8_t t = ts[rnd(sizeof ts)];
        bool tee = rnd(4) == 0;
        expr(w, t, 0);
        put(w, tee ? 0x22 : 0x21);
        put_u(w, local_of(t));
        if (tee)
            put(w, 0x1A);
        return;
    }
    case 3:
    case 4: /* store */
        addr(w, 1);
        expr(w, I32, 1);
        bool byte = rnd(3) == 0;
        put(w, byte ? 0x3A : 0x36);
        put_u(w, byte ? 0 : 2);
        put_u(w, rnd(8) * 4);
        return;
    case 5:
        call(w, depth);
        return;
    case 6: /* block with an early exit */
        put(w, 0x02);
        put(w, 0x40);
        stmts(w, depth + 1, 1 + rnd(3));
        expr(w, I32, 1);
        put(w, 0x0D);
        put_u(w, 0);
        stmts(w, depth + 1, 1 + rnd(3));
        put(w, 0x0B);
        return;
    case 7: /* loop */
        put(w, 0x03);
        put(w, 0x40);
        stmts(w, depth + 1, 2 + rnd(4));
        expr(w, I32, 1);
        put(w, 0x0D);
        put_u(w, 0);
        put(w, 0x0B);
        return;
    default: /* if/else */
        expr(w, I32, 1);
        put(w, 0x04);
        put(w, 0x40);
        stmts(w, depth + 1, 1 + rnd(3));
        if (rnd(2)) {
            put(w, 0x05);
            stmts(w, depth + 1, 1 + rnd(3));
        }
        put(w, 0x0B);
        return;
    }
}

static void stmts(buf *w, int depth, int count)
{
    for (int i = 0; i < count; i++)
        stmt(w, depth);
}

static void section(buf *out, uint8_t id, buf *body)
{
    put(out, id);
    put_u(out, body->n);
    put_buf(out, body);
    body->n = 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen-module OUT.wasm MEGABYTES\n");
        return 2;
    }
    size_t target = (size_t)(atof(argv[2]) * 1e6);
    nfuncs = (int)(target / 2200) + 1;
    ftype = malloc(nfuncs * sizeof *ftype);
    for (int i = 0; i < nfuncs; i++)
        ftype[i] = rnd(NTYPES);
    buf out = {0}, s = {0}, code = {0}, body = {0};
    static const uint8_t header[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    for (size_t i = 0; i < sizeof header; i++)
        put(&out, header[i]);
    put_u(&s, NTYPES);
    for (int t = 0; t < NTYPES; t++) {
        put(&s, 0x60);
        put_u(&s, types[t].np);
        for (int i = 0; i < types[t].np; i++)
            put(&s, types[t].p[i]);
        put_u(&s, types[t].nr);
        if (types[t].nr)
            put(&s, types[t].r);
    }
    section(&out, 1, &s);
    put_u(&s, nfuncs);
    for (int i = 0; i < nfuncs; i++)
        put_u(&s, ftype[i]);
    section(&out, 3, &s);
    put_u(&s, 1); /* table of 8 funcref */
    put(&s, 0x70);
    put(&s, 0x00);
    put_u(&s, 8);
    section(&out, 4, &s);
    put_u(&s, 1); /* memory 2 pages */
    put(&s, 0x00);
    put_u(&s, 2);
    section(&out, 5, &s);
    put_u(&s, 1); /* export the first function */
    put_u(&s, 3);
    put(&s, 'r');
    put(&s, 'u');
    put(&s, 'n');
    put(&s, 0x00);
    put_u(&s, 0);
    section(&out, 7, &s);
    put_u(&s, 1); /* elem: table[0..8) = functions 0..7 */
    put(&s, 0x00);
    put(&s, 0x41);
    put(&s, 0x00);
    put(&s, 0x0B);
    put_u(&s, 8);
    for (int i = 0; i < 8; i++)
        put_u(&s, i % nfuncs);
    section(&out, 9, &s);
    put_u(&code, nfuncs);
    for (int f = 0; f < nfuncs; f++) {
        int t = ftype[f];
        nlocal = 0;
        for (int i = 0; i < types[t].np; i++)
            ltype[nlocal++] = types[t].p[i];
        static const uint8_t extra[] = {I32, I32, I32, I32, I32, I32, I64, I64, F64, F64};
        for (size_t i = 0; i < sizeof extra; i++)
            ltype[nlocal++] = extra[i];
        put_u(&body, 3);
        put_u(&body, 6);
        put(&body, I32);
        put_u(&body, 2);
        put(&body, I64);
        put_u(&body, 2);
        put(&body, F64);
        stmts(&body, 0, 8 + rnd(16));
        if (types[t].nr)
            expr(&body, types[t].r, 0);
        put(&body, 0x0B);
        put_u(&code, body.n);
        put_buf(&code, &body);
        body.n = 0;
    }
    section(&out, 10, &code);
    FILE *f = fopen(argv[1], "wb");
    if (!f || fwrite(out.b, 1, out.n, f) != out.n || fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    printf("%s: %.1f MB, %d functions\n", argv[1], out.n / 1e6, nfuncs);
    return 0;
}
