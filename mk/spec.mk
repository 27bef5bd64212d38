# Spec tests (tests/spec): the .bin.wast reader, its checks, and the runner over the engine.
#   make spectest [SPEC_TESTS=dir-or-file]   the reader checks, the runner's self-tests, the suite
#   make spec-run [SPEC_TESTS=dir-or-file]   the suite alone
# SPECTEST_CMD is the command `make test` runs (after building SPECTEST_DEPS); its last line is
# "N passed, M failed[, K skipped]". See docs/spec-tests.md.
SPEC_CORPUS ?= ../shared/spec-tests/core-bin
SPEC_TESTS  ?= $(SPEC_CORPUS)

SPEC_DIR    := $(BUILD)/tests/spec
WAST_SRCS   := tests/spec/wast.c tests/spec/wast_num.c tests/spec/files.c
WAST_OBJS   := $(WAST_SRCS:%.c=$(BUILD)/%.o)
SPEC_COUNT  := $(SPEC_DIR)/wast-count
SPEC_MATCH  := $(SPEC_DIR)/test_match
SPEC_WAST   := $(SPEC_DIR)/test_wast
SPEC_HOST   := $(SPEC_DIR)/test_host
SPEC_RUNNER := $(SPEC_DIR)/run-spec

$(SPEC_DIR)/%.o: tests/spec/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -Isrc/wasm -c $< -o $@

# The reader and the matcher stand alone; the rest links the engine.
$(SPEC_COUNT): $(SPEC_DIR)/wast_count.o $(WAST_OBJS)
	$(CC) -o $@ $^ $(LDFLAGS_OUR)

$(SPEC_MATCH): $(SPEC_DIR)/test_match.o $(SPEC_DIR)/match.o $(WAST_OBJS)
	$(CC) -o $@ $^ $(LDFLAGS_OUR)

$(SPEC_WAST): $(SPEC_DIR)/test_wast.o $(WAST_OBJS)
	$(CC) -o $@ $^ $(LDFLAGS_OUR)

# The host side of execution: spectest module, registry, values.
SPEC_HOST_OBJS := $(SPEC_DIR)/test_host.o $(SPEC_DIR)/registry.o $(SPEC_DIR)/values.o

$(SPEC_HOST): $(SPEC_HOST_OBJS) $(ENGINE_LIB)
	$(CC) -o $@ $(SPEC_HOST_OBJS) $(ENGINE_LIB) $(LDFLAGS_OUR) -lm

# The runner: the reader, the matcher, the expected-failures list and exec.c over the engine.
SPEC_RUN_OBJS := $(SPEC_DIR)/run_spec.o $(SPEC_DIR)/exec.o $(SPEC_DIR)/registry.o \
	$(SPEC_DIR)/values.o $(SPEC_DIR)/match.o $(SPEC_DIR)/xfail.o $(WAST_OBJS)

$(SPEC_RUNNER): $(SPEC_RUN_OBJS) $(ENGINE_LIB)
	$(CC) -o $@ $(SPEC_RUN_OBJS) $(ENGINE_LIB) $(LDFLAGS_OUR) -lm

SPECTEST_DEPS := $(SPEC_COUNT) $(SPEC_WAST) $(SPEC_MATCH) $(SPEC_HOST) $(SPEC_RUNNER)
SPECTEST_CMD  := tools/sum-results "$(SPEC_COUNT) $(SPEC_CORPUS) --check tests/spec/corpus-counts.txt \
	--manifest $(SPEC_CORPUS)/../MANIFEST.tsv" \
	"$(SPEC_WAST)" "$(SPEC_MATCH)" "$(SPEC_HOST)" "sh tests/spec/runner-selftest.sh $(SPEC_RUNNER)" \
	"sh tests/spec/exec-selftest.sh $(SPEC_RUNNER)" \
	"$(SPEC_RUNNER) --xfail tests/expected-failures.txt $(SPEC_TESTS)"

.PHONY: spectest spec-run spec-reader
spec-reader: $(SPEC_COUNT) $(SPEC_WAST) $(SPEC_MATCH)

spectest: $(SPECTEST_DEPS)
	@$(SPECTEST_CMD)

spec-run: $(SPEC_RUNNER)
	@$(SPEC_RUNNER) --xfail tests/expected-failures.txt $(SPEC_TESTS)

-include $(patsubst %.o,%.d,$(SPEC_RUN_OBJS) $(SPEC_HOST_OBJS)) \
	$(patsubst %,$(SPEC_DIR)/%.d,wast_count test_match test_wast)
