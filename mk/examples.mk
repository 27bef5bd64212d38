# `make examples`: rebuilds the committed examples/*.wasm from their sources, examples/*.c with
# clang for wasm32 (no libc) and examples/*.wat with wat2wasm, with the pinned flags below, so
# that the demo needs neither tool and the same toolchain gives the same bytes.
# `make examples-check` rebuilds them under $(BUILD)/examples-check and compares byte for byte;
# `make test` runs it. Without the tools, or with other versions than the pinned ones (Debian
# bookworm's clang/lld 14 and wabt 1.0.32: other versions emit other code), it reports
# "skipped" and why. tests/cli/examples.sh checks what each example prints.
EXAMPLES_SRCS := $(sort $(wildcard examples/*.c examples/*.wat))
EX_CLANG      ?= clang
EX_WASM_LD    ?= wasm-ld# what clang links wasm32 with, found in PATH
EX_WAT2WASM   ?= wat2wasm
EX_PIN_CLANG  := clang version 14.
EX_PIN_LLD    := LLD 14.
EX_PIN_WABT   := 1.0.32
EX_OUT        := $(BUILD)/examples-check

# No libc and no start function; no debug info, and --strip-all drops the name and producers
# sections, so the output holds no paths and no tool versions.
EX_CFLAGS := --target=wasm32 -std=c11 -O2 -Wall -Wextra -Werror -nostdlib -ffreestanding \
             -Wl,--no-entry -Wl,--strip-all
# Per example: memory.c uses a memory that JS creates, with a small stack so 1 page is enough.
EX_CFLAGS_memory       := -Wl,--import-memory -Wl,-z,stack-size=8192
EX_WATFLAGS_exceptions := --enable-exceptions

# ex_build SRC OUT: the command that builds OUT from SRC.
ex_name  = $(basename $(notdir $1))
ex_build = $(if $(filter %.c,$1),$(EX_CLANG) $(EX_CFLAGS) $(EX_CFLAGS_$(ex_name)),$(EX_WAT2WASM) \
           $(EX_WATFLAGS_$(ex_name))) -o $2 $1

# Prints why the tools cannot rebuild the examples byte for byte (nothing when they can).
EX_TOOLS_PROBLEM = \
    for t in $(EX_CLANG) $(EX_WASM_LD) $(EX_WAT2WASM); do \
        command -v $$t >/dev/null 2>&1 || { echo "$$t not found"; exit; }; \
    done; \
    $(EX_CLANG) --version | grep -q '$(EX_PIN_CLANG)' || { echo "$(EX_CLANG) is not $(EX_PIN_CLANG)x"; exit; }; \
    $(EX_WASM_LD) --version | grep -q '$(EX_PIN_LLD)' || { echo "$(EX_WASM_LD) is not $(EX_PIN_LLD)x"; exit; }; \
    [ "$$($(EX_WAT2WASM) --version)" = '$(EX_PIN_WABT)' ] || echo "$(EX_WAT2WASM) is not $(EX_PIN_WABT)"

.PHONY: examples examples-check

examples:
	@problem=$$($(EX_TOOLS_PROBLEM)); \
	 [ -z "$$problem" ] || { echo "examples: $$problem" >&2; exit 1; }
	$(foreach s,$(EXAMPLES_SRCS),$(call ex_build,$s,$(basename $s).wasm) &&) true

# The check is a script written from the rules above, so that `make test` runs it without a
# recursive make. Its last line is "examples-check: N passed, M failed[, K skipped]".
EX_CHECK_SH := $(BUILD)/examples-check.sh

define EX_CHECK_SCRIPT
#!/bin/sh
# Generated from mk/examples.mk: rebuilds examples/*.wasm under $(EX_OUT), compares byte for byte.
problem=$$($(EX_TOOLS_PROBLEM))
if [ -n "$$problem" ]; then
    echo "examples-check: skipped: $$problem"
    echo "examples-check: 0 passed, 0 failed, $(words $(EXAMPLES_SRCS)) skipped"
    exit 0
fi
rm -rf $(EX_OUT) && mkdir -p $(EX_OUT) || exit 1
passed=0 failed=0
check() {
    if sh -c "$$2" && cmp "examples/$$1" "$(EX_OUT)/$$1"; then
        passed=$$((passed + 1))
    else
        failed=$$((failed + 1))
        echo "FAIL examples/$$1 differs from its rebuild: $$2"
    fi
}
$(foreach s,$(EXAMPLES_SRCS),check $(call ex_name,$s).wasm '$(call ex_build,$s,$(EX_OUT)/$(call ex_name,$s).wasm)'
)echo "examples-check: $$passed passed, $$failed failed"
[ $$failed -eq 0 ]
endef

# Written on every use (a plain file write), so that it follows the variables of this run.
.PHONY: $(EX_CHECK_SH)
$(EX_CHECK_SH):
	@mkdir -p $(@D)
	$(file >$@,$(EX_CHECK_SCRIPT))

examples-check: $(EX_CHECK_SH)
	@sh $(EX_CHECK_SH)

# For tools/sum-results in `make test` (mk/test.mk).
EXAMPLES_CHECK_CMD  = sh $(EX_CHECK_SH)
EXAMPLES_CHECK_DEPS = $(EX_CHECK_SH)
