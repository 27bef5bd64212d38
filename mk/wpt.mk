# The WebAssembly JS-API conformance suite (WPT format, tests/wpt/run.sh).
#   make wpt [WPT=dir] [WPT_FILES="memory/grow.any.js ..."]
# WPT_CMD is what `make test` runs; its last line is "N passed, M failed, K skipped".
WPT       ?= ../shared/wpt-jsapi
WPT_FILES ?=
WPT_CMD    = tests/wpt/run.sh $(QWASM) $(WPT) tests/expected-failures.txt $(WPT_FILES)

wpt: $(QWASM)
	@$(WPT_CMD)
