# C unit tests: each tests/unit/test_*.c is one binary linked with the engine library.
# `make unit-test` runs them all; tools/sum-results adds up their "N passed, M failed" lines.
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

$(BUILD)/tests/unit/%: tests/unit/%.c $(ENGINE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -Isrc/wasm -o $@ $< $(ENGINE_LIB) $(LDFLAGS_OUR) -lm

.PHONY: unit-test
unit-test: $(UNIT_BINS)
	@tools/sum-results $(UNIT_BINS)

-include $(UNIT_BINS:=.d)
