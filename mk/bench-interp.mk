# `make bench-interp`: every program of shared/bench/wasm/bare under
# $(BUILD)/qw-run against its native build: checksums, times, the ratio to native and its
# geomean, and the compiled-code / code-section size ratio. Not a test: it reports figures.
BENCH_DIR    ?= ../shared/bench
NATIVE_DIR   ?= build/bench-native
QW_RUN       := $(BUILD)/qw-run

$(QW_RUN): bench/run/qw-run.c $(BUILD)/libqw.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -Isrc/wasm -o $@ $< $(BUILD)/libqw.a $(LDFLAGS_OUR) -lm

$(NATIVE_DIR)/.built:
	NATIVE_DIR=$(NATIVE_DIR) $(BENCH_DIR)/build.sh --native-only
	@touch $@

.PHONY: bench-interp
bench-interp: $(QW_RUN) $(NATIVE_DIR)/.built
	@bench/run/bench-interp.sh $(QW_RUN) $(NATIVE_DIR) $(BENCH_DIR)/wasm/bare

all: $(QW_RUN)
