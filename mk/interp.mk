# The interpreter's dispatch loop (src/wasm/interp.c) is one function with a computed goto per
# handler: GCC's global common-subexpression elimination merges the handlers' dispatch sequences
# and costs an extra jump per instruction, so it is off for that file (GCC's own advice for
# threaded interpreters; clang has no such flag and warns about it, so it gets none).
INTERP_CFLAGS := $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null)),,-fno-gcse)
$(BUILD)/src/wasm/interp.o: CFLAGS_OUR += $(INTERP_CFLAGS)
