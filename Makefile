# qwasm top-level build. Each area keeps its rules in mk/<area>.mk; this file holds the shared
# variables and the fixed targets (all, test, spectest, wpt, asan, bench, format, format-check).

BUILD    ?= build
CC       ?= cc
OPTFLAGS ?= -O2
# Flags for our own code (src/, tests/); QuickJS gets its own in mk/quickjs.mk.
WFLAGS   := -Wall -Wextra
CFLAGS_OUR = -std=c11 -D_GNU_SOURCE $(OPTFLAGS) $(WFLAGS) -g $(SANFLAGS) -MMD -MP
LDFLAGS_OUR = $(SANFLAGS)

# QuickJS (mk/quickjs.mk): the fetched tree, shared by build/ and build-asan/, or QUICKJS_DIR=path.
# The stamp stands for the unpacked and patched tree.
QJS_PRISTINE := build/deps/quickjs-2021-03-27
QUICKJS_DIR  ?= $(QJS_PRISTINE)
QJS_STAMP    := $(QUICKJS_DIR)/.qwasm-ready
QJS_LIB      := $(BUILD)/libquickjs.a

MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
.DEFAULT_GOAL := all
.PHONY: all test spectest wpt asan bench format format-check dups clean

include $(sort $(wildcard mk/*.mk))

# Our C sources; hand-aligned tables (*.def) stay out.
FORMAT_SRCS = $(sort $(wildcard src/*/*.c src/*/*.h tests/*/*.c tests/*/*.h bench/*/*.c examples/*.c))

format:
	clang-format -i $(FORMAT_SRCS)

format-check:
	@command -v clang-format >/dev/null || { echo "error: clang-format not found: install the Debian package clang-format" >&2; exit 1; }
	clang-format --dry-run -Werror $(FORMAT_SRCS)

# Blocks of 8+ code lines that occur twice in our sources (STYLE.md: before committing).
dups:
	@tools/dups

# `make asan`: everything rebuilt in build-asan/ with ASAN+UBSAN (LeakSanitizer on) for our code
# and ASAN alone for QuickJS, then the same tests. Reports go to files, not to the stderr that
# the tests check, and any report fails the target even where the test expected a failing exit.
ASAN_CC      ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo cc)
ASAN_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_QJS_SAN := -fsanitize=address -fno-omit-frame-pointer
SAN_LOG_DIR  := $(CURDIR)/build-asan/sanitizer-logs

asan:
	@rm -rf $(SAN_LOG_DIR) && mkdir -p $(SAN_LOG_DIR)
	@ASAN_OPTIONS=detect_leaks=1:log_path=$(SAN_LOG_DIR)/asan \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(SAN_LOG_DIR)/ubsan \
	 $(MAKE) --no-print-directory BUILD=build-asan CC=$(ASAN_CC) OPTFLAGS=-O1 \
	    SANFLAGS="$(ASAN_SAN)" QJS_SANFLAGS="$(ASAN_QJS_SAN)" test; status=$$?; \
	 if [ -n "$$(ls $(SAN_LOG_DIR))" ]; then \
	    echo "sanitizer reports:"; cat $(SAN_LOG_DIR)/*; echo "asan: sanitizer reports found"; exit 1; \
	 fi; exit $$status

clean:
	rm -rf build build-asan
