# The qwasm executable: the host (src/host), the WebAssembly binding (src/js, when present), the
# engine library, QuickJS and libuv (found with pkg-config).
HOST_SRCS := $(sort $(wildcard src/host/*.c src/js/*.c))
HOST_OBJS := $(HOST_SRCS:%.c=$(BUILD)/%.o)
QWASM     := $(BUILD)/qwasm
PREREQ_OK := $(BUILD)/.prereqs-ok
# Recursive, so pkg-config runs only once the prerequisites were checked.
UV_CFLAGS  = $(shell pkg-config --cflags libuv)
UV_LIBS    = $(shell pkg-config --libs libuv)
HOST_CFLAGS = -isystem $(QUICKJS_DIR) -Isrc/host -Isrc/js -Isrc/wasm $(UV_CFLAGS) \
              -DQWASM_QJS_VERSION='"$(QJS_VERSION)"'

$(PREREQ_OK): tools/check-prereqs
	@mkdir -p $(@D)
	@tools/check-prereqs $(CC)
	@touch $@

$(BUILD)/src/host/%.o: src/host/%.c $(QJS_STAMP) | $(PREREQ_OK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/src/js/%.o: src/js/%.c $(QJS_STAMP) | $(PREREQ_OK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) $(HOST_CFLAGS) -c $< -o $@

$(QWASM): $(HOST_OBJS) $(ENGINE_LIB) $(QJS_LIB) | $(PREREQ_OK)
	$(CC) -o $@ $(HOST_OBJS) $(ENGINE_LIB) $(QJS_LIB) $(LDFLAGS_OUR) $(UV_LIBS) -lm -ldl -lpthread

# The QuickJS tree and the engine come after the prerequisite check, so that a missing compiler
# or library is named before anything is fetched or compiled.
$(QJS_STAMP) $(ENGINE_OBJS): | $(PREREQ_OK)

all: $(QWASM)

-include $(HOST_OBJS:.o=.d)

# Start-up budget (bench/startup.sh): `qwasm -e ''` under 15 ms and 8 MB. Not a test: timings.
.PHONY: bench-startup
bench-startup: $(QWASM)
	@bench/startup.sh $(QWASM)

bench: bench-startup
