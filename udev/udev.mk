# udev/udev.mk - the udev rules of the telephony devices.
#
#   60-tapi.rules              /dev/tapi/<n> and /dev/tapi/sim: group
#                              "tapi", mode 0660, tag "tapi", by-path links
#   61-tapi-usb-handset.rules  hands CM109 handsets from cm109 to tapi_usb
#
# `make install` puts them where udev reads packaged rules (not under
# $(PREFIX): udev does not look there) and, on the running system (no
# DESTDIR), creates the system group "tapi".

UDEV_RULES := udev/60-tapi.rules udev/61-tapi-usb-handset.rules
UDEVDIR ?= $(or $(shell pkg-config --variable=udevdir udev 2>/dev/null),/lib/udev)

.PHONY: install-udev
INSTALL_TARGETS += install-udev
install-udev:
	install -d $(DESTDIR)$(UDEVDIR)/rules.d
	install -m 0644 $(UDEV_RULES) $(DESTDIR)$(UDEVDIR)/rules.d/
ifeq ($(DESTDIR),)
	getent group tapi >/dev/null || groupadd -r tapi
	-udevadm control --reload 2>/dev/null
else
	@echo "install-udev: create the system group 'tapi' on the target (groupadd -r tapi)"
endif
