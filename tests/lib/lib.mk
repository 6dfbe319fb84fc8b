# libtapi unit tests (Check) and the pkg-config compile test.
#
#   make check-lib   runs both; the Check runner prints its summary

TLIB_DIR := $(BUILD)/tests/lib
TLIB_RUNNER := $(TLIB_DIR)/check_libtapi
TLIB_COMPILE := $(TLIB_DIR)/compile_test
TLIB_SRCS := $(wildcard tests/lib/check_*.c) $(wildcard tests/lib/layout_v*.c) \
	     $(wildcard tests/lib/fake_*.c)
TLIB_OBJS := $(patsubst tests/lib/%.c,$(TLIB_DIR)/obj/%.o,$(TLIB_SRCS))
TLIB_CFLAGS = $(USER_CFLAGS) -pthread -D_GNU_SOURCE \
	      $(shell pkg-config --cflags check) \
	      -DLIBTAPI_SO_PATH='"$(LIBTAPI_DIR)/$(LIBTAPI_SONAME)"'
TLIB_LIBS := $(shell pkg-config --libs check) $(LIBTAPI_DEPS_LIBS) -ldl

CHECK_TARGETS += check-lib
.PHONY: check-lib

$(TLIB_DIR)/obj/%.o: tests/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(TLIB_CFLAGS) -MMD -MP -c $< -o $@

-include $(TLIB_OBJS:.o=.d)

$(TLIB_RUNNER): $(TLIB_OBJS) $(LIBTAPI_A)
	$(CC) -o $@ $(TLIB_OBJS) $(LIBTAPI_A) $(TLIB_LIBS)

# Built exactly as an application would be, against the build tree.
$(TLIB_COMPILE): tests/lib/compile_test.c include/tapi.h $(LIBTAPI_PC) \
		 $(LIBTAPI_DIR)/libtapi.so
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wall -Wextra -Werror -o $@ $< \
		$$(PKG_CONFIG_PATH=$(LIBTAPI_DIR) pkg-config --cflags --libs tapi)

check-lib: $(TLIB_RUNNER) $(TLIB_COMPILE) $(LIBTAPI_DIR)/libtapi.so
	$(TLIB_RUNNER)
	LD_LIBRARY_PATH=$(LIBTAPI_DIR) $(TLIB_COMPILE)
