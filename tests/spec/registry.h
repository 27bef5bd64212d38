/* registry.h: what scripts can import: the "spectest" host module and the exports of instances
 * made importable with (register "name" $inst). Entries hold a reference on their object. */
#ifndef SPEC_REGISTRY_H
#define SPEC_REGISTRY_H

#include "qw.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct spec_registry_entry {
    char *module, *name; /* NUL-terminated copies; names may also contain NUL */
    size_t module_len, name_len;
    qw_extern ext;
} spec_registry_entry;

typedef struct spec_registry {
    spec_registry_entry *e;
    size_t n;
} spec_registry;

/* Adds module.name -> ext, taking a new reference on ext's object (the caller keeps its own).
 * A later entry with the same names hides the earlier one, as a later (register) does. False when
 * out of memory. */
bool spec_registry_add(spec_registry *r, const char *module, size_t module_len, const char *name,
                       size_t name_len, const qw_extern *ext);

/* The latest entry for module.name, or NULL. */
const qw_extern *spec_registry_find(const spec_registry *r, const char *module, size_t module_len,
                                    const char *name, size_t name_len);

/* Drops every entry's reference. */
void spec_registry_free(spec_registry *r);

/* Registers the "spectest" module of the suite in the store: globals global_i32 / global_i64 =
 * 666 and global_f32 / global_f64 = 666.6 (immutable), table (funcref, 10..20, i32 index),
 * table64 (funcref, 10..20, i64 index), memory (1..2 pages) and the functions print, print_i32,
 * print_i64, print_f32, print_f64, print_i32_f32 and print_f64_f64, which take the arguments
 * their names say and return nothing. */
bool spec_registry_add_spectest(spec_registry *r, qw_store *store, qw_error *err);

/* A new reference on ext's object / dropping one. */
void spec_extern_ref(const qw_extern *ext);
void spec_extern_unref(const qw_extern *ext);

#endif
