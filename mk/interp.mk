# The interpreter's dispatch loop (src/wasm/interp.c) is one function with a computed goto per
# handler: global common-subexpression elimination merges the handlers' dispatch sequences and
# costs an extra jump per instruction, so it is off for that file (GCC's own advice for
# threaded interpreters; clang ignores the flag).
$(BUILD)/src/wasm/interp.o: CFLAGS_OUR += -fno-gcse
