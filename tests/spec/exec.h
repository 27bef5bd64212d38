/* exec.h: the commands of a script that run code: instantiation with imports from the registry
 * (the "spectest" module and registered instances), register, invoke and get, and the assertions
 * on their outcome. One spec_exec per script file: scripts do not share a store. */
#ifndef SPEC_EXEC_H
#define SPEC_EXEC_H

#include "qw.h"
#include "wast.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct spec_exec spec_exec;

/* A store with the "spectest" module registered. NULL (and *err filled) on failure. */
spec_exec *spec_exec_new(qw_engine *eng, qw_error *err);
void spec_exec_free(spec_exec *x);

/* Runs one command that needs execution: module instance, register, invoke / get, assert_return,
 * assert_trap, assert_exhaustion, assert_exception, assert_unlinkable. `mod` is the module the
 * command instantiates (the one named by (module instance $i $m), else the last definition; NULL
 * when that did not compile). Returns whether the command passed; if not, `why` says what was
 * expected and what happened. */
bool spec_exec_command(spec_exec *x, const wast_cmd *c, qw_module *mod, char *why, size_t size);

#endif
