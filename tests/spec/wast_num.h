/* wast_num.h: number literals of the script format to exact bit patterns (see wast_num.c). */
#ifndef WAST_NUM_H
#define WAST_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An integer of `bits` (8, 16, 32 or 64) bits: decimal or 0x-hex, optional sign, `_` between
 * digits. Negative values are stored in two's complement. False when malformed or out of range. */
bool wast_parse_int(const char *s, size_t len, unsigned bits, uint64_t *out);

/* A float (hex float, decimal, inf, nan, nan:0x...) into its exact bit pattern, rounding to
 * nearest even; NaN payloads are kept. False when malformed. */
bool wast_parse_f32(const char *s, size_t len, uint32_t *bits);
bool wast_parse_f64(const char *s, size_t len, uint64_t *bits);

#endif
