# tests/e2e: end-to-end tests of libtapi in the test VM.
#
# Each tests/e2e/test_*.c is a kselftest program written against <tapi.h>
# only, linked to the built libtapi.so exactly as an application would be
# (-ltapi; the rpath finds it on the host, and the VM image gets it in its
# library directory through VM_LIBPATH).  They drive the simulated card
# through /dev/tapi/sim.  Listed in VM_TESTS, run by `make check-vm`;
# `make e2e-tests` just builds them.

E2E_DIR := $(BUILD)/tests/e2e
E2E_TESTS := test_tapi_call test_tapi_procs test_tapi_remove test_tapi_args \
	     test_tapi_media test_tapi_wav
# the phone API (FXS stations of the simulated card)
E2E_TESTS += test_tapi_phone
# the phone API on the emulated USB handset (tests/usb: cm109-emu, dummy_hcd)
E2E_TESTS += test_tapi_handset
# call-center control: an ACD proxy process and a requester (proxy relay)
E2E_TESTS += test_tapi_proxy
# the ACD daemon tools/tapi-acd (VM_TOOLS) with a supervisor and callers
E2E_TESTS += test_tapi_acd
E2E_PROGS := $(addprefix $(E2E_DIR)/,$(E2E_TESTS))
# kselftest_harness.h compares signed and unsigned in its EXPECT_* macros.
E2E_CFLAGS = $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -Wno-sign-compare -pthread
E2E_LIBS = -L$(LIBTAPI_DIR) -ltapi -Wl,-rpath,$(LIBTAPI_DIR)

# test_tapi_media opens the channels' PCMs with alsa-lib (tapi_pcm and
# /usr/share/alsa come with tests/media/media.mk).
$(E2E_DIR)/test_tapi_media: E2E_CFLAGS += $(shell pkg-config --cflags alsa)
$(E2E_DIR)/test_tapi_media: E2E_LIBS += $(shell pkg-config --libs alsa)
# test_tapi_wav runs tools/examples/tapi-wav (VM_TOOLS, tools/tools.mk).
$(E2E_DIR)/test_tapi_wav: E2E_LIBS += -lm
$(E2E_DIR)/test_tapi_phone: $(TOP)/tests/e2e/e2e_phone.h
$(E2E_DIR)/test_tapi_handset: $(TOP)/tests/e2e/e2e_phone.h \
	$(TOP)/tests/usb/usb_util.h $(TOP)/tests/kernel/test_core_util.h
$(E2E_DIR)/test_tapi_handset: E2E_LIBS += -ludev -lm

VM_TESTS += $(E2E_PROGS)
VM_LIBPATH += $(LIBTAPI_DIR)

.PHONY: e2e-tests
e2e-tests: $(E2E_PROGS)

$(E2E_DIR)/%: $(TOP)/tests/e2e/%.c $(TOP)/tests/e2e/e2e_util.h \
	      $(TOP)/include/tapi.h $(LIBTAPI_DIR)/libtapi.so | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(E2E_CFLAGS) -o $@ $< $(E2E_LIBS)
