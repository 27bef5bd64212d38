/* hello.c: a freestanding C program for wasm32 that prints through one imported function,
 * env.write(ptr, len), which hands the host a span of the module's own memory. There is no libc:
 * the few helpers it needs (a printf subset, a sieve) are written here.
 * Built by `make examples` (mk/examples.mk); driven by hello.mjs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The import: the host reads len bytes of UTF-8 at ptr in the exported memory. */
__attribute__((import_module("env"), import_name("write"))) void write(const char *ptr, size_t len);

/* Formatted output goes through one buffer, so each print() costs one call into the host. */
static char out[256];
static size_t out_len;

static void flush(void)
{
    if (out_len)
        write(out, out_len);
    out_len = 0;
}

static void put_char(char c)
{
    if (out_len == sizeof out)
        flush();
    out[out_len++] = c;
}

/* s (len bytes), right-aligned in width characters; zero padding goes after a sign. */
static void put_padded(const char *s, int len, int width, char pad)
{
    if (pad == '0' && len > 0 && *s == '-') {
        put_char(*s++);
        len--;
        width--;
    }
    for (; width > len; width--)
        put_char(pad);
    while (len--)
        put_char(*s++);
}

/* v in base 10 or 16, with a '-' in front if negative is set. */
static void put_number(uint32_t v, unsigned base, int negative, int width, char pad)
{
    char buf[12]; /* a sign and 10 digits at most */
    int n = sizeof buf;
    do {
        buf[--n] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative)
        buf[--n] = '-';
    put_padded(buf + n, (int)sizeof buf - n, width, pad);
}

/* A printf subset: %d %u %x %c %s %%, with an optional width ("%5d", "%08x"). */
static void print(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put_char(*fmt);
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int32_t v = va_arg(ap, int32_t);
            /* Negating in unsigned arithmetic keeps INT32_MIN defined. */
            put_number(v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
            put_number(va_arg(ap, uint32_t), 10, 0, width, pad);
            break;
        case 'x':
            put_number(va_arg(ap, uint32_t), 16, 0, width, pad);
            break;
        case 'c':
            put_char((char)va_arg(ap, int));
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            int len = 0;
            while (str[len])
                len++;
            put_padded(str, len, width, ' ');
            break;
        }
        case '%':
            put_char('%');
            break;
        default: /* an unknown conversion, or a '%' at the end: shown as is */
            put_char('%');
            if (!*fmt)
                fmt--;
            else
                put_char(*fmt);
        }
    }
    va_end(ap);
    flush();
}

/* Sieve of Eratosthenes over [0, LIMIT): one byte per number, in the module's data. */
#define LIMIT 100
static unsigned char composite[LIMIT];

static int sieve(void)
{
    int count = 0;
    for (int i = 2; i < LIMIT; i++) {
        if (composite[i])
            continue;
        count++;
        for (int j = i * i; j < LIMIT; j += i)
            composite[j] = 1;
    }
    return count;
}

/* FNV-1a, 32 bits: hello.mjs computes it too, to show the same u32 arithmetic in JS. */
static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* The program: the host calls run(n) with a number from its command line. */
__attribute__((export_name("run"))) int run(int n)
{
    print("hello from C, compiled to WebAssembly\n");
    print("%d primes below %d:", sieve(), LIMIT);
    for (int i = 2; i < LIMIT; i++)
        if (!composite[i])
            print(" %d", i);
    print("\n");
    print("%5s %12s %10s\n", "n", "n*n*n", "hex");
    for (int k = -2; k <= 2; k++) {
        /* Unsigned arithmetic wraps around (signed overflow would be undefined). */
        uint32_t i = (uint32_t)n + (uint32_t)k, cube = i * i * i;
        print("%5d %12d %10x\n", (int32_t)i, (int32_t)cube, cube);
    }
    const char *word = "qwasm";
    print("fnv1a(\"%s\") = %08x\n", word, fnv1a(word));
    print("100%% done, %c%c\n", 'o', 'k');
    return 0;
}
