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

# The runner runs the commands that execute code (exec.c) as soon as the engine defines the calls
# it needs; until then it is built without them (they are skipped), and tests/spec/fake_engine.c
# stands in for the instance API to test exec.c. The fake leaves out what src/wasm already has.
spec_engine_has = $(shell grep -lE '^[a-z_]+ [*]?$(1)\b' src/wasm/*.c)
SPEC_HAS_EXEC := $(and $(call spec_engine_has,qw_instance_new),\
                       $(call spec_engine_has,qw_instance_export),\
                       $(call spec_engine_has,qw_instance_module),\
                       $(call spec_engine_has,qw_instance_unref),\
                       $(call spec_engine_has,qw_func_call),\
                       $(call spec_engine_has,qw_store_take_exception),\
                       $(call spec_engine_has,qw_store_interrupt))
SPEC_EXEC_OBJS  := $(SPEC_DIR)/exec.o $(SPEC_DIR)/registry.o $(SPEC_DIR)/values.o
SPEC_RUN_COMMON := $(SPEC_DIR)/match.o $(SPEC_DIR)/xfail.o $(WAST_OBJS)
SPEC_FAKE_RUNNER := $(SPEC_DIR)/run-spec-fake
SPEC_FAKE_FLAGS := $(if $(call spec_engine_has,qw_func_call),-DENGINE_HAS_CALL) \
	$(if $(call spec_engine_has,qw_store_throw),-DENGINE_HAS_THROW) \
	$(if $(call spec_engine_has,qw_store_take_exception),-DENGINE_HAS_TAKE_EXCEPTION) \
	$(if $(call spec_engine_has,qw_store_interrupt),-DENGINE_HAS_INTERRUPT)

$(SPEC_DIR)/run_spec_exec.o: tests/spec/run_spec.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -DSPEC_EXEC=1 -Isrc/wasm -c $< -o $@

# The flags are in the object's name, so a change in the engine rebuilds it.
SPEC_FAKE_OBJ := $(SPEC_DIR)/fake_engine$(subst $(eval) ,,$(strip $(SPEC_FAKE_FLAGS))).o

$(SPEC_FAKE_OBJ): tests/spec/fake_engine.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) $(SPEC_FAKE_FLAGS) -Isrc/wasm -c $< -o $@

ifneq ($(SPEC_HAS_EXEC),)
SPEC_RUN_OBJS   := $(SPEC_DIR)/run_spec_exec.o $(SPEC_EXEC_OBJS) $(SPEC_RUN_COMMON)
SPEC_FAKE_DEPS  :=
SPEC_FAKE_TEST  :=
else ifneq ($(call spec_engine_has,qw_instance_new),)
# instances without everything exec.c calls: skip execution, and the fake is no longer needed
SPEC_RUN_OBJS   := $(SPEC_DIR)/run_spec.o $(SPEC_RUN_COMMON)
SPEC_FAKE_DEPS  :=
SPEC_FAKE_TEST  :=
else
SPEC_RUN_OBJS   := $(SPEC_DIR)/run_spec.o $(SPEC_RUN_COMMON)
SPEC_FAKE_DEPS  := $(SPEC_FAKE_RUNNER)
SPEC_FAKE_TEST  := "sh tests/spec/exec-selftest.sh $(SPEC_FAKE_RUNNER)"

$(SPEC_FAKE_RUNNER): $(SPEC_DIR)/run_spec_exec.o $(SPEC_EXEC_OBJS) $(SPEC_FAKE_OBJ) \
		$(SPEC_RUN_COMMON) $(ENGINE_LIB)
	$(CC) -o $@ $(filter %.o,$^) $(ENGINE_LIB) $(LDFLAGS_OUR) -lm
endif

$(SPEC_RUNNER): $(SPEC_RUN_OBJS) $(ENGINE_LIB)
	$(CC) -o $@ $(SPEC_RUN_OBJS) $(ENGINE_LIB) $(LDFLAGS_OUR) -lm

SPECTEST_DEPS := $(SPEC_COUNT) $(SPEC_WAST) $(SPEC_MATCH) $(SPEC_HOST) $(SPEC_RUNNER) \
	$(SPEC_FAKE_DEPS)
SPECTEST_CMD  := tools/sum-results "$(SPEC_COUNT) $(SPEC_CORPUS) --check tests/spec/corpus-counts.txt \
	--manifest $(SPEC_CORPUS)/../MANIFEST.tsv" \
	"$(SPEC_WAST)" "$(SPEC_MATCH)" "$(SPEC_HOST)" "sh tests/spec/runner-selftest.sh $(SPEC_RUNNER)" \
	$(SPEC_FAKE_TEST) "$(SPEC_RUNNER) --xfail tests/expected-failures.txt $(SPEC_TESTS)"

.PHONY: spectest spec-run spec-reader
spec-reader: $(SPEC_COUNT) $(SPEC_WAST) $(SPEC_MATCH)

spectest: $(SPECTEST_DEPS)
	@$(SPECTEST_CMD)

spec-run: $(SPEC_RUNNER)
	@$(SPEC_RUNNER) --xfail tests/expected-failures.txt $(SPEC_TESTS)

-include $(patsubst %.o,%.d,$(WAST_OBJS) $(SPEC_HOST_OBJS) $(SPEC_EXEC_OBJS) $(SPEC_RUN_COMMON)) \
	$(patsubst %,$(SPEC_DIR)/%.d,wast_count test_match test_wast run_spec run_spec_exec) \
	$(SPEC_FAKE_OBJ:.o=.d)
