# tests/usb/usb.mk - tapi_usb with an emulated CM109 handset in the VM.
#
# dummy_hcd gives the VM a USB host and device controller in one; the
# emulator (cm109-emu, tests/usb/cm109-emu.c) makes a configfs gadget with
# the handset's USB ID, its USB audio function and its HID report format
# on it.  systemd-udevd runs (VM_UDEV) so the rules of udev/ are exercised
# for real.
#
# The audio needs isochronous endpoints, which Debian's dummy_hcd lacks:
# the VM loads dummy_hcd_iso.ko instead, the same driver from the kernel's
# source package with tests/usb/dummy_hcd-iso.patch applied, built here
# under $(BUILD) (test-only: not in kernel/, not installed).

USB_TEST_DIR := $(BUILD)/tests/usb
USB_EMU := $(USB_TEST_DIR)/cm109-emu
USB_TESTS := $(addprefix $(USB_TEST_DIR)/,test_usb_handset test_usb_audio \
		test_usb_udev test_usb_plug_cycles)
USB_HCD_DIR := $(USB_TEST_DIR)/dummy_hcd_iso
USB_HCD_KO := $(USB_HCD_DIR)/dummy_hcd_iso.ko
USB_HCD_SRC_PATH := drivers/usb/gadget/udc/dummy_hcd.c

VM_MODULES += kernel/tapi_usb.ko $(USB_HCD_KO)
# cm109 only in the image: test_usb_udev loads it for the hand-over.
VM_KMODS += libcomposite usb_f_hid usb_f_uac1 snd-usb-audio cm109
VM_KMODS_LOAD += libcomposite usb_f_hid usb_f_uac1 snd-usb-audio
VM_TOOLS += $(USB_EMU)
VM_TESTS += $(USB_TESTS)
VM_UDEV := 1
ifeq ($(filter /usr/share/alsa:%,$(VM_FILES)),)
VM_FILES += /usr/share/alsa:/usr/share/alsa
endif
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

# The driver of the kernel release the VM boots ($(KSELFTEST_SRC), the
# linux-source tarball), patched.  Kbuild names the module after the
# directory's Kbuild file, so Debian's dummy_hcd.ko is not shadowed.
$(USB_HCD_DIR)/dummy_hcd.c: $(TOP)/tests/usb/dummy_hcd-iso.patch
	@mkdir -p $(@D)
	@test -r $(KSELFTEST_SRC) || { echo "no $(KSELFTEST_SRC):" \
		"install linux-source (make deps)" >&2; exit 1; }
	tar -xJOf $(KSELFTEST_SRC) \
		$(basename $(basename $(notdir $(KSELFTEST_SRC))))/$(USB_HCD_SRC_PATH) \
		>$@.orig
	patch --quiet --no-backup-if-mismatch -o $@.tmp $@.orig <$<
	mv -f $@.tmp $@
	rm -f $@.orig

$(USB_HCD_KO): $(USB_HCD_DIR)/dummy_hcd.c
	printf 'obj-m := dummy_hcd_iso.o\ndummy_hcd_iso-y := dummy_hcd.o\n' \
		>$(USB_HCD_DIR)/Kbuild
	$(MAKE) -C $(KDIR) M=$(abspath $(USB_HCD_DIR)) modules

$(USB_EMU): $(TOP)/tests/usb/cm109-emu.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -static -o $@ $<

# Dynamic: getgrnam() needs glibc's NSS, which static programs lack; the
# tests find the handset's sound card with libudev and stream with
# alsa-lib (whose configuration, /usr/share/alsa, must be in the image).
$(USB_TEST_DIR)/%: $(TOP)/tests/usb/%.c $(TOP)/tests/kernel/test_core_util.h \
		   $(TOP)/tests/usb/usb_util.h \
		   $(TOP)/include/uapi/linux/tapi.h | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -Wno-sign-compare \
		-o $@ $< -ludev -lasound -lpthread -lm

.PHONY: usb-tests
usb-tests: $(USB_EMU) $(USB_TESTS) $(USB_TEST_DIR)/group $(USB_HCD_KO)
