# Fuzzing (tests/fuzz): libFuzzer targets built with clang, ASAN and UBSAN into build-fuzz/, the
# engine compiled again with the same instrumentation (QuickJS is not needed).
#   make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="decode run wast"]   each target for N seconds
#   make fuzz-smoke                                               30 s per target, for CI
# Seed corpora are extracted from the spec-test scripts at fuzz time (build-fuzz/seeds); inputs
# libFuzzer finds go to build-fuzz/corpus/<target>, crashes to build-fuzz/crashes/. A crash, a
# sanitizer report or a leak fails the target. tests/fuzz/run.sh prints exec/s and total execs.
FUZZ_BUILD   := build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= decode run wast
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -O1 -g $(WFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
                -MMD -MP
FUZZ_ENGINE_OBJS := $(ENGINE_SRCS:%.c=$(FUZZ_BUILD)/%.o)
# The script reader (mk/spec.mk is read after this file, so the list is spelled out here).
FUZZ_WAST_SRCS   := tests/spec/wast.c tests/spec/wast_num.c
FUZZ_WAST_OBJS   := $(FUZZ_WAST_SRCS:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BINS        := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_SEEDS       := $(FUZZ_BUILD)/seeds/.done

$(FUZZ_BUILD)/src/wasm/%.o: src/wasm/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc/wasm -Itests/spec -c $< -o $@

$(FUZZ_BUILD)/fuzz_decode: $(FUZZ_BUILD)/tests/fuzz/fuzz_decode.o $(FUZZ_ENGINE_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ -lm

$(FUZZ_BUILD)/fuzz_run: $(FUZZ_BUILD)/tests/fuzz/fuzz_run.o $(FUZZ_ENGINE_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ -lm -lpthread

$(FUZZ_BUILD)/fuzz_wast: $(FUZZ_BUILD)/tests/fuzz/fuzz_wast.o $(FUZZ_WAST_OBJS) $(FUZZ_ENGINE_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ -lm

# The seed extractor is an ordinary program (no libFuzzer main).
$(FUZZ_BUILD)/seeds-tool: tests/fuzz/seeds.c $(FUZZ_WAST_SRCS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -O1 $(WFLAGS) -Itests/spec -o $@ $^

$(FUZZ_SEEDS): $(FUZZ_BUILD)/seeds-tool
	@rm -rf $(@D) && mkdir -p $(@D)/modules $(@D)/wast
	$(FUZZ_BUILD)/seeds-tool $(@D) $(sort $(wildcard $(SPEC_CORPUS)/*.bin.wast))
	@touch $@

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(FUZZ_BINS) $(FUZZ_SEEDS)

fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30

-include $(FUZZ_ENGINE_OBJS:.o=.d) $(FUZZ_WAST_OBJS:.o=.d) \
	$(FUZZ_TARGETS:%=$(FUZZ_BUILD)/tests/fuzz/fuzz_%.d)
