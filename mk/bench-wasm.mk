# `make bench` (with bench-decode): every program of shared/bench/wasm/bare under
# `build/qwasm bench/run/run.mjs` (whole-process time) against its native build, best of
# ROUNDS (default 3), with a wasm3 column when WASM3=/path/to/wasm3 is given: checksums, times,
# ratios to native, geomeans, and the compiled-code / code-section size ratio. Not a test.
# See bench/README.md.
WASM3 ?=

.PHONY: bench-wasm
bench-wasm: $(BUILD)/qwasm $(QW_RUN) $(NATIVE_DIR)/.built
	@bench/run/bench.sh $(NATIVE_DIR) $(BENCH_DIR)/wasm/bare $(BUILD)/qwasm $(QW_RUN) $(WASM3)

bench: bench-wasm
