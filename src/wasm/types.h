/* types.h: value and heap type relations (Validation, "Matching"; GC "Type Equivalence"):
 * subtyping, iso-recursive canonicalisation of the type section, and type names for messages. */
#ifndef QW_TYPES_H
#define QW_TYPES_H

#include "module.h"

/* The validator's unknown operand (bottom of a polymorphic stack): a subtype of every type. */
#define QW_VT_BOT 0u

bool qw_types_heap_sub(const qw_module *m, uint32_t a, uint32_t b);
bool qw_types_sub(const qw_module *m, qw_valtype a, qw_valtype b);
bool qw_types_defaultable(qw_valtype t);
/* The top heap type of the hierarchy ht belongs to (any, func, extern, exn). */
uint32_t qw_types_heap_top(const qw_module *m, uint32_t ht);
/* The bottom heap type of that hierarchy (none, nofunc, noextern, noexn). */
uint32_t qw_types_heap_bottom(const qw_module *m, uint32_t ht);

/* Hash set of the rec groups seen so far, for canonicalisation. */
typedef struct qw_canon {
    uint32_t *slots; /* group start + 1, 0 = empty */
    uint32_t cap;
    uint32_t used;
    uint32_t *hashes; /* per type index: hash of the group it starts, if any */
    uint32_t hashes_cap;
} qw_canon;

void qw_canon_fini(qw_engine *eng, qw_canon *c);

/* Assigns canonical ids to the rec group [start, start+len) (all of m->types up to start+len are
 * decoded; out-of-group references point before start and are canonical already), then checks
 * its declared supertypes. Returns false with *msg set (or *msg NULL for out of memory). */
bool qw_types_canon_group(qw_module *m, qw_canon *c, uint32_t start, uint32_t len,
                          const char **msg);

/* Across modules (import matching): iso-recursive equivalence of type ta of ma and tb of mb, and
 * subtyping of value types of ma and mb. Out-of-group references always point to earlier
 * groups, so the comparison is a finite worklist, not a recursion. Return 1 (true), 0 (false),
 * or -1 when out of memory. */
int qw_types_equal_across(const qw_module *ma, uint32_t ta, const qw_module *mb, uint32_t tb);
int qw_types_sub_across(const qw_module *ma, qw_valtype a, const qw_module *mb, qw_valtype b);

/* Writes a readable name ("i32", "(ref null 3)") into buf; returns buf. */
const char *qw_types_name(qw_valtype t, char *buf, size_t size);

#endif
