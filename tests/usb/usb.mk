# tests/usb/usb.mk - tapi_usb with an emulated CM109 handset in the VM.
#
# dummy_hcd gives the VM a USB host and device controller in one; the
# emulator (cm109-emu, tests/usb/cm109-emu.c) makes a configfs gadget with
# the handset's USB ID and HID report format on it.  systemd-udevd runs
# (VM_UDEV) so the rules of udev/ are exercised for real.

USB_TEST_DIR := $(BUILD)/tests/usb
USB_EMU := $(USB_TEST_DIR)/cm109-emu
USB_TESTS := $(USB_TEST_DIR)/test_usb_handset

VM_MODULES += kernel/tapi_usb.ko
VM_KMODS += dummy_hcd libcomposite usb_f_hid
VM_KMODS_LOAD += dummy_hcd libcomposite usb_f_hid
VM_TOOLS += $(USB_EMU)
VM_TESTS += $(USB_TESTS)
VM_UDEV := 1
VM_FILES += $(TOP)/udev/60-tapi.rules:/usr/lib/udev/rules.d/60-tapi.rules
VM_FILES += $(TOP)/udev/61-tapi-usb-handset.rules:/usr/lib/udev/rules.d/61-tapi-usb-handset.rules
# The image's system groups plus "tapi" (what `make install` creates), so
# udevd resolves GROUP="tapi" when it starts.
VM_FILES += $(USB_TEST_DIR)/group:/etc/group

$(USB_TEST_DIR)/group: /etc/group $(TOP)/tests/usb/usb.mk
	@mkdir -p $(@D)
	awk -F: '$$3 < 1000' /etc/group >$@.tmp
	grep -q '^tapi:' $@.tmp || awk -F: '{ used[$$3] = 1 } END { \
		for (g = 999; g > 100 && used[g]; g--) ; \
		print "tapi:x:" g ":" }' $@.tmp >>$@.tmp
	mv -f $@.tmp $@

$(USB_EMU): $(TOP)/tests/usb/cm109-emu.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -static -o $@ $<

# Dynamic: getgrnam() needs glibc's NSS, which static programs lack.
$(USB_TEST_DIR)/%: $(TOP)/tests/usb/%.c $(TOP)/tests/kernel/test_core_util.h \
		   $(TOP)/include/uapi/linux/tapi.h | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -Wno-sign-compare \
		-o $@ $< -lm

.PHONY: usb-tests
usb-tests: $(USB_EMU) $(USB_TESTS) $(USB_TEST_DIR)/group
