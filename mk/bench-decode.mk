# `make bench-decode` (part of `make bench`): decode+validate throughput and memory on a large
# generated module. Not a test: it reports figures.
.PHONY: bench bench-decode

$(BUILD)/bench/gen-module: bench/decode/gen-module.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -o $@ $< $(LDFLAGS_OUR)

$(BUILD)/bench/bench-decode: bench/decode/bench-decode.c $(BUILD)/libqw.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -Isrc/wasm -o $@ $< $(BUILD)/libqw.a $(LDFLAGS_OUR) -lm

bench-decode: $(BUILD)/bench/gen-module $(BUILD)/bench/bench-decode $(BUILD)/qw-validate
	bench/decode.sh $(BUILD)

bench: bench-decode
