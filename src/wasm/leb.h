/* leb.h: the byte reader of the decoder: bounds-checked bytes, LEB128 integers (Binary Format,
 * "Integers") and the first-error-wins reporting every decoding step shares. Internal to src/wasm.
 */
#ifndef QW_LEB_H
#define QW_LEB_H

#include "qw.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A cursor over the module. As in the reference interpreter, the contents of a section or a
 * function body are read up to the end of the module, and their declared size is checked after
 * (a body that runs on is "section size mismatch", not a truncation). section_eof picks the
 * wording of truncation errors: "unexpected end of section or function" or "unexpected end". */
typedef struct qw_reader {
    const uint8_t *p;
    const uint8_t *end;
    const uint8_t *base; /* start of the module: offsets are relative to it */
    qw_error *err;
    uint32_t func; /* function index being decoded, or QW_NO_FUNC */
    bool section_eof;
} qw_reader;

/* Records an error (first one wins) at the given position and returns false. */
bool qw_fail_at(qw_reader *r, const uint8_t *at, qw_errkind kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define qw_malformed(r, ...) qw_fail_at((r), (r)->p, QW_ERR_MALFORMED, __VA_ARGS__)

bool qw_leb_fail_end(qw_reader *r);
bool qw_leb_read_u32_slow(qw_reader *r, uint32_t *out);
bool qw_leb_read_s32_slow(qw_reader *r, int32_t *out);
bool qw_leb_read_s33(qw_reader *r, int64_t *out);
bool qw_leb_read_u64(qw_reader *r, uint64_t *out);
bool qw_leb_read_s64(qw_reader *r, int64_t *out);

static inline bool qw_read_u8(qw_reader *r, uint8_t *out)
{
    if (r->p >= r->end) {
        *out = 0;
        qw_leb_fail_end(r);
        return false;
    }
    *out = *r->p++;
    return true;
}

static inline bool qw_read_u32(qw_reader *r, uint32_t *out)
{
    if (r->p < r->end && *r->p < 0x80) {
        *out = *r->p++;
        return true;
    }
    *out = 0;
    return qw_leb_read_u32_slow(r, out);
}

static inline bool qw_leb_read_s32(qw_reader *r, int32_t *out)
{
    if (r->p < r->end && *r->p < 0x80) {
        uint8_t b = *r->p++;
        *out = (int32_t)(b & 0x40 ? b | ~0x7Fu : b);
        return true;
    }
    *out = 0;
    return qw_leb_read_s32_slow(r, out);
}

/* n raw bytes: *out points at them and the reader moves past. */
static inline bool qw_read_bytes(qw_reader *r, size_t n, const uint8_t **out)
{
    if ((size_t)(r->end - r->p) < n) {
        r->p = r->end;
        *out = NULL;
        qw_leb_fail_end(r);
        return false;
    }
    *out = r->p;
    r->p += n;
    return true;
}

static inline uint32_t qw_reader_offset(const qw_reader *r)
{
    return (uint32_t)(r->p - r->base);
}

#endif
