# The Wasm engine (src/wasm): every .c there goes into $(BUILD)/libqw.a.
ENGINE_SRCS := $(sort $(wildcard src/wasm/*.c))
ENGINE_OBJS := $(ENGINE_SRCS:%.c=$(BUILD)/%.o)
ENGINE_LIB  := $(BUILD)/libqw.a

$(BUILD)/src/wasm/%.o: src/wasm/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -c $< -o $@

$(ENGINE_LIB): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

all: $(ENGINE_LIB)

-include $(ENGINE_OBJS:.o=.d)

# qw-validate: validate .wasm files from the command line (debugging, corpus checks, bench).
$(BUILD)/qw-validate: tools/qw-validate.c $(ENGINE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_OUR) -Isrc/wasm -o $@ $< $(ENGINE_LIB) $(LDFLAGS_OUR) -lm

all: $(BUILD)/qw-validate
