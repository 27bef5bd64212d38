# qwasm top-level build. Each area keeps its rules in mk/<area>.mk; this file holds the shared
# variables and the fixed targets (all, test, spectest, wpt, asan, bench, format, format-check).

BUILD    ?= build
CC       ?= cc
OPTFLAGS ?= -O2
# Flags for our own code (src/, tests/); QuickJS gets its own in mk/quickjs.mk.
WFLAGS   := -Wall -Wextra
CFLAGS_OUR = -std=c11 -D_GNU_SOURCE $(OPTFLAGS) $(WFLAGS) -g $(SANFLAGS) -MMD -MP
LDFLAGS_OUR = $(SANFLAGS)

.DEFAULT_GOAL := all
.PHONY: all test spectest wpt asan bench format format-check clean

include $(sort $(wildcard mk/*.mk))

clean:
	rm -rf build build-asan
