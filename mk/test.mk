# `make test`: every suite through one tools/sum-results, so the last line is the total
# "N passed, M failed" and the exit status is non-zero on any failure. Suites: the C unit tests,
# the JS tests (each tests/js/*.mjs prints its own count), the CLI scripts (each tests/cli/*.sh)
# and, when mk/spec.mk defines SPECTEST_CMD (and SPECTEST_DEPS for what it needs built), the spec
# tests, and the JS-API suite when mk/wpt.mk defines WPT_CMD. Prerequisite lists use second expansion: unit.mk and spec.mk may be read after this file.
JS_TESTS   := $(sort $(wildcard tests/js/*.mjs))
CLI_TESTS  := $(sort $(wildcard tests/cli/*.sh))
JS_TEST_CMDS  = $(JS_TESTS:%='$(QWASM) %')
CLI_TEST_CMDS = $(CLI_TESTS:%='QWASM=$(QWASM) sh %')

.PHONY: js-test cli-test
.SECONDEXPANSION:

js-test: $$(QWASM)
	@tools/sum-results $(JS_TEST_CMDS)

cli-test: $$(QWASM)
	@tools/sum-results $(CLI_TEST_CMDS)

test: $$(UNIT_BINS) $$(QWASM) $$(SPECTEST_DEPS)
	@tools/sum-results $(UNIT_BINS) $(JS_TEST_CMDS) $(CLI_TEST_CMDS) $(if $(SPECTEST_CMD),'$(SPECTEST_CMD)') \
	    $(if $(WPT_CMD),'$(WPT_CMD)')
