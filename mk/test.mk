# `make test`: every suite through one tools/sum-results, so the last line is the total
# "N passed, M failed" and the exit status is non-zero on any failure. Suites: the C unit tests
# (tests/unit for the engine, tests/host for the host's pure C helpers), the JS tests (each
# tests/js/*.mjs prints its own count), the CLI scripts (each tests/cli/*.sh) and, when
# mk/spec.mk defines SPECTEST_CMD (and SPECTEST_DEPS for what it needs built), the spec tests;
# the same for the JS-API suite with WPT_CMD and WPT_DEPS, and for mk/examples.mk's check that
# the examples' .wasm files rebuild byte for byte (EXAMPLES_CHECK_CMD, EXAMPLES_CHECK_DEPS).
# Prerequisite lists use second expansion: unit.mk and spec.mk may be read after this file.
# tests/host/test_<file>.c tests src/host/<file>.c alone (the host's pure C helpers).
HOST_UNIT_SRCS := $(sort $(wildcard tests/host/test_*.c))
HOST_UNIT_BINS := $(HOST_UNIT_SRCS:tests/host/%.c=$(BUILD)/tests/host/%)
JS_TESTS   := $(sort $(wildcard tests/js/*.mjs))
CLI_TESTS  := $(sort $(wildcard tests/cli/*.sh))
# A hung test (an interval never cleared) must fail, not stall CI: each gets TEST_TIMEOUT seconds.
TEST_TIMEOUT ?= 300
JS_TEST_CMDS  = $(JS_TESTS:%='timeout $(TEST_TIMEOUT) $(QWASM) %')
CLI_TEST_CMDS = $(CLI_TESTS:%='QWASM=$(QWASM) timeout $(TEST_TIMEOUT) sh %')

.PHONY: js-test cli-test host-unit-test
.SECONDEXPANSION:

$(BUILD)/tests/host/test_%: tests/host/test_%.c $(BUILD)/src/host/%.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) $(HOST_CFLAGS) -o $@ $< $(BUILD)/src/host/$*.o $(LDFLAGS_OUR)

host-unit-test: $(HOST_UNIT_BINS)
	@tools/sum-results $(HOST_UNIT_BINS)

js-test: $$(QWASM)
	@tools/sum-results $(JS_TEST_CMDS)

cli-test: $$(QWASM)
	@tools/sum-results $(CLI_TEST_CMDS)

test: $$(UNIT_BINS) $(HOST_UNIT_BINS) $$(QWASM) $$(SPECTEST_DEPS) $$(WPT_DEPS) \
      $$(EXAMPLES_CHECK_DEPS)
	@tools/sum-results $(UNIT_BINS) $(HOST_UNIT_BINS) $(JS_TEST_CMDS) $(CLI_TEST_CMDS) \
	    $(if $(SPECTEST_CMD),'$(SPECTEST_CMD)') $(if $(WPT_CMD),'$(WPT_CMD)') \
	    $(if $(EXAMPLES_CHECK_CMD),'$(EXAMPLES_CHECK_CMD)')

-include $(HOST_UNIT_BINS:=.d)
