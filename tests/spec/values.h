/* values.h: between the script's values (match.h's spec_value) and the engine's (qw_val): the
 * arguments of invoke going in, results and global values coming out. Host references
 * (ref.extern N / ref.host N) are extern boxes holding N, one box per N for a whole script, so
 * that the same N is the same reference (ref.eq and table identity tests rely on it). */
#ifndef SPEC_VALUES_H
#define SPEC_VALUES_H

#include "match.h"
#include "qw.h"

#include <stdbool.h>

typedef struct spec_hostrefs {
    qw_store *store; /* not owned */
    qw_ref *boxes;   /* boxes[N]: one count each, or NULL until first used */
    size_t n;
} spec_hostrefs;

/* The largest N of (ref.extern N) a script may use; the suite's stay below 10. */
#define SPEC_MAX_HOSTREF 4096u

/* The engine value of an argument. References are borrowed from the cache (valid until
 * spec_hostrefs_free); the caller retains them to keep them longer. */
bool spec_value_to_qw(spec_hostrefs *h, const spec_value *v, qw_val *out, qw_error *err);

/* The script's view of an engine value of type t: the result types say whether an extern box is
 * seen as an externref (ref.extern N) or, converted with any.convert_extern, as an anyref
 * (ref.host N); the engine keeps the same box for both. */
spec_value spec_value_from_qw(qw_valtype t, const qw_val *v);

void spec_hostrefs_free(spec_hostrefs *h);

#endif
