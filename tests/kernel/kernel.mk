# tests/kernel/kernel.mk - the kernel tests: kselftest programs run in the
# test VM (tests/vm/vm.mk), built static into $(BUILD)/tests/kernel/.
#
# Each program is one tests/kernel/<name>.c; list it in a *_TESTS list
# below.  They run in the order of VM_TESTS: tapi_core's ABI tests, then
# the fuzzer, then the removal and module unload/reload tests last, since
# those reload tapi_sim.

KERNEL_TEST_DIR := $(BUILD)/tests/kernel
# kselftest_harness.h compares signed and unsigned in its EXPECT_* macros.
KERNEL_TEST_CFLAGS = $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -Wno-sign-compare \
		     -pthread
KERNEL_TEST_LIBS := -lm

CORE_TESTS := test_core_info test_core_events test_core_signal \
	      test_core_dtmf test_core_media fuzz_ioctl test_chardev_remove
# tapi_sim's tests (the simulated phones and CO, tests/kernel/test_sim*.c)
# run after the ABI tests, before the fuzzer and the reload tests.
SIM_TESTS := test_sim test_sim_fuzz
CORE_TESTS := $(patsubst fuzz_ioctl,$(SIM_TESTS) fuzz_ioctl,$(CORE_TESTS))
# test_sim decodes the simulated CO's caller ID with the DSP's receiver.
$(KERNEL_TEST_DIR)/test_sim: $(DSP_LIB)
$(KERNEL_TEST_DIR)/test_sim: KERNEL_TEST_LIBS = $(DSP_LIB) -lm

# The line tests (call state, tones, caller ID, the generic netlink
# family; tests/kernel/test_call*.c, test_tone*.c, test_netlink*.c) run
# after tapi_sim's tests, before the fuzzer.
LINE_TESTS := test_call test_call_cid test_tone test_netlink
CORE_TESTS := $(patsubst fuzz_ioctl,$(LINE_TESTS) fuzz_ioctl,$(CORE_TESTS))
$(addprefix $(KERNEL_TEST_DIR)/,$(LINE_TESTS)): \
	$(TOP)/tests/kernel/test_call_util.h $(TOP)/tests/kernel/test_call_fsk.h
$(KERNEL_TEST_DIR)/test_netlink: $(TOP)/tests/kernel/test_nl_util.h
$(KERNEL_TEST_DIR)/test_netlink: KERNEL_TEST_CFLAGS += \
	$(shell pkg-config --cflags libnl-genl-3.0)
$(KERNEL_TEST_DIR)/test_netlink: KERNEL_TEST_LIBS = -lnl-genl-3 -lnl-3 \
	-lpthread -lm

# The call-center proxy relay (TAPI_CMD_PROXY_*), after test_netlink, and
# the channel bridge (TAPI_IOC_BRIDGE).
PROXY_TESTS := test_proxy
BRIDGE_TESTS := test_bridge
CORE_TESTS := $(patsubst fuzz_ioctl,$(BRIDGE_TESTS) fuzz_ioctl,$(CORE_TESTS))
$(addprefix $(KERNEL_TEST_DIR)/,$(BRIDGE_TESTS)): \
	$(TOP)/tests/kernel/test_call_util.h
CORE_TESTS := $(patsubst fuzz_ioctl,$(PROXY_TESTS) fuzz_ioctl,$(CORE_TESTS))
$(addprefix $(KERNEL_TEST_DIR)/,$(PROXY_TESTS)): \
	$(TOP)/tests/kernel/test_call_util.h $(TOP)/tests/kernel/test_nl_util.h
$(addprefix $(KERNEL_TEST_DIR)/,$(PROXY_TESTS)): KERNEL_TEST_CFLAGS += \
	$(shell pkg-config --cflags libnl-genl-3.0)
$(addprefix $(KERNEL_TEST_DIR)/,$(PROXY_TESTS)): KERNEL_TEST_LIBS = \
	-lnl-genl-3 -lnl-3 -lpthread -lm

VM_TESTS += $(addprefix $(KERNEL_TEST_DIR)/,$(CORE_TESTS))

$(KERNEL_TEST_DIR)/%: $(TOP)/tests/kernel/%.c \
		      $(TOP)/tests/kernel/test_core_util.h \
		      $(TOP)/include/uapi/linux/tapi.h | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(KERNEL_TEST_CFLAGS) -static -o $@ $< $(KERNEL_TEST_LIBS)

.PHONY: kernel-tests
kernel-tests: $(addprefix $(KERNEL_TEST_DIR)/,$(CORE_TESTS))
