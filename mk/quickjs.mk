# QuickJS: fetched by tools/fetch-quickjs (npm package qjsc@0.3.0, sha512-checked, patched with
# patches/quickjs/*.patch) into build/deps/, then compiled with our own rules into
# $(BUILD)/libquickjs.a. QUICKJS_DIR=path builds against another QuickJS tree as it is.
# QUICKJS_DIR, QJS_STAMP and QJS_LIB are set in the top Makefile (host.mk uses them first).
# Its sources get no warnings and no UBSAN (they trip it by design); QJS_SANFLAGS carries ASAN.
ifeq ($(QUICKJS_DIR),$(QJS_PRISTINE))
QJS_NAMES    := quickjs libregexp libunicode cutils libbf
else
# Newer releases and quickjs-ng split the library differently; take the library files it has.
QJS_NAMES    := $(filter quickjs libregexp libunicode cutils libbf dtoa xsum, \
                         $(basename $(notdir $(wildcard $(QUICKJS_DIR)/*.c))))
endif
QJS_OBJS     := $(QJS_NAMES:%=$(BUILD)/quickjs/%.o)
QJS_VERSION  = $(shell cat $(QUICKJS_DIR)/VERSION 2>/dev/null || echo unknown)
QJS_CFLAGS   = -std=gnu11 -D_GNU_SOURCE -O2 -g -w -DCONFIG_BIGNUM \
               -DCONFIG_VERSION='"$(QJS_VERSION)"' $(QJS_SANFLAGS) -MMD -MP
QJS_PATCHES  := $(sort $(wildcard patches/quickjs/*.patch))

ifeq ($(QUICKJS_DIR),$(QJS_PRISTINE))
$(QJS_STAMP): tools/fetch-quickjs $(QJS_PATCHES)
	@tools/fetch-quickjs $(QJS_PRISTINE)
	@touch $@
else
$(QJS_STAMP):
	@test -f $(QUICKJS_DIR)/quickjs.h || { echo "error: QUICKJS_DIR=$(QUICKJS_DIR) holds no quickjs.h" >&2; exit 1; }
	@touch $@
endif

# The sources come from the stamp's recipe.
$(QJS_NAMES:%=$(QUICKJS_DIR)/%.c): $(QJS_STAMP) ;
$(BUILD)/quickjs/%.o: $(QUICKJS_DIR)/%.c $(QJS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(QJS_CFLAGS) -c $< -o $@

$(QJS_LIB): $(QJS_OBJS)
	rm -f $@
	ar rcs $@ $^

-include $(QJS_OBJS:.o=.d)
