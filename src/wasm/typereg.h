/* typereg.h: store-wide canonical type ids (GC, "Type Equivalence" across modules). Modules
 * canonicalise their own types at compile time (qw_type.canon); a registry shared by the
 * modules of a store gives every type an id that is equal for equivalent types whatever their
 * module, so that call_indirect, import matching and casts compare integers. */
#ifndef QW_TYPEREG_H
#define QW_TYPEREG_H

#include "module.h"

typedef uint32_t qw_typeid;

typedef struct qw_typereg qw_typereg;

qw_typereg *qw_typereg_new(qw_engine *eng); /* NULL when out of memory */
void qw_typereg_free(qw_typereg *reg);      /* NULL is a no-op */

/* Registers the types of mod: ids[i] receives the id of type i (mod->ntypes entries). The
 * registry keeps a reference to each module that first brought a rec group. Registering the same
 * module twice gives the same ids. Returns false when out of memory. */
bool qw_typereg_add(qw_typereg *reg, qw_module *mod, qw_typeid *ids);

/* Is type a a subtype of type b (declared supertype chains, by id)? */
bool qw_typereg_sub(const qw_typereg *reg, qw_typeid a, qw_typeid b);

/* The module and type index that represent id (to read its structure). */
const qw_module *qw_typereg_module(const qw_typereg *reg, qw_typeid id, uint32_t *typeidx);

#endif
