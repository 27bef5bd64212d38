# The WebAssembly JS-API conformance suite (WPT format, tests/wpt/run.sh).
#   make wpt [WPT=dir] [WPT_FILES="memory/grow.any.js ..."]
# WPT_CMD is what `make test` runs (the fast files: those marked "META: timeout=long" are
# skipped there and run by `make wpt`); its last line is "N passed, M failed, K skipped".
WPT       ?= ../shared/wpt-jsapi
WPT_FILES ?=
WPT_RUN    = tests/wpt/run.sh $(QWASM) $(WPT) tests/expected-failures.txt $(WPT_FILES)
WPT_CMD    = WPT_SKIP_SLOW=1 $(WPT_RUN)

wpt: $(QWASM)
	@$(WPT_RUN)
