# tests/acd: Check suites of tapi-acd's configuration parser and ACD core
# (tools/tapi-acd/acd_config.c, acd_core.c, ...) and its filling of TAPI's
# variable structures (acd_varstruct.c), which do no I/O and so
# run on the build machine.
#
#   make check-acd

TACD_DIR := $(BUILD)/tests/acd
TACD_RUNNER := $(TACD_DIR)/check_acd
TACD_SRCS := $(wildcard $(TOP)/tests/acd/check_*.c)
TACD_CORE_SRCS := $(addprefix $(TOP)/tools/tapi-acd/,acd_config.c \
		  acd_core.c acd_session.c acd_stats.c acd_varstruct.c)
TACD_CFLAGS = $(USER_CFLAGS) -D_GNU_SOURCE -I$(TOP)/tools/tapi-acd \
	      -DACD_EXAMPLE='"$(TOP)/tools/tapi-acd/acd.conf.example"' \
	      $(shell pkg-config --cflags check)

CHECK_TARGETS += check-acd
.PHONY: check-acd

$(TACD_RUNNER): $(TACD_SRCS) $(TACD_CORE_SRCS) \
		$(wildcard $(TOP)/tools/tapi-acd/acd_*.h) \
		$(TOP)/tests/acd/check_acd.h $(TOP)/include/tapi.h
	@mkdir -p $(@D)
	$(CC) $(TACD_CFLAGS) -o $@ $(TACD_SRCS) $(TACD_CORE_SRCS) \
		$(shell pkg-config --libs check)

check-acd: $(TACD_RUNNER)
	$(TACD_RUNNER)

# tests/e2e/test_tapi_acd, the daemon in the VM, is listed in tests/e2e/e2e.mk.
