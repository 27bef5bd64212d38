# `make bench-calls` (part of `make bench`): the ns per call across the JS/Wasm boundary, JS to an
# (i32) -> i32 export and Wasm to an imported JS function (bench/calls.mjs; budget 100 ns each).
# Not a test: it reports figures.
.PHONY: bench-calls
bench-calls: $(QWASM)
	@$(QWASM) bench/calls.mjs

bench: bench-calls
