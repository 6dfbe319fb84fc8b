# tools/: tapictl, the command-line tool (see tools/tapictl.1).
#
# Built into $(BUILD)/tools/tapictl, linked to libtapi.so (the TAPI part
# of the demo, tapictl tapi-call) with an rpath to the build tree.  The
# VM gets it in /usr/bin with its libraries, and `make demo` runs
# `tapictl demo` there.

TAPICTL := $(BUILD)/tools/tapictl
TAPICTL_SRCS := $(wildcard $(TOP)/tools/tapictl/*.c)
TAPICTL_OBJS := $(patsubst $(TOP)/tools/tapictl/%.c,$(BUILD)/tools/obj/tapictl/%.o,$(TAPICTL_SRCS))
TAPICTL_LDFLAGS ?=

ALL_TARGETS += $(TAPICTL)
INSTALL_TARGETS += install-tapictl
VM_TOOLS += $(TAPICTL)
VM_LIBPATH += $(LIBTAPI_DIR)
VM_DEMO := tapictl demo

$(BUILD)/tools/obj/tapictl/%.o: $(TOP)/tools/tapictl/%.c \
		$(TOP)/tools/tapictl/tapictl.h $(TOP)/include/uapi/linux/tapi.h \
		$(TOP)/include/tapi.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<

$(TAPICTL): $(TAPICTL_OBJS) $(LIBTAPI_DIR)/libtapi.so
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $(TAPICTL_LDFLAGS) -o $@ $(TAPICTL_OBJS) \
		-L$(LIBTAPI_DIR) -ltapi -Wl,-rpath,$(LIBTAPI_DIR)

.PHONY: install-tapictl
install-tapictl: $(TAPICTL)
	install -D -m 0755 $(TAPICTL) $(DESTDIR)$(PREFIX)/bin/tapictl
	install -D -m 0644 $(TOP)/tools/tapictl.1 \
		$(DESTDIR)$(PREFIX)/share/man/man1/tapictl.1

# tools/examples/tapi-wav: a WAV file played into a call and the far end
# recorded, through the call's "wave/out" / "wave/in" PCMs with alsa-lib.
TAPI_WAV := $(BUILD)/tools/tapi-wav
ALL_TARGETS += $(TAPI_WAV)
VM_TOOLS += $(TAPI_WAV)

$(TAPI_WAV): $(TOP)/tools/examples/tapi-wav.c $(TOP)/include/tapi.h \
	     $(LIBTAPI_DIR)/libtapi.so
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(shell pkg-config --cflags alsa) $(LDFLAGS) \
		-o $@ $< -L$(LIBTAPI_DIR) -ltapi -Wl,-rpath,$(LIBTAPI_DIR) \
		$(shell pkg-config --libs alsa) -pthread

# tools/tapi-acd: the ACD and call-center proxy daemon (tools/tapi-acd.8),
# with its example configuration installed as a document.
TAPI_ACD := $(BUILD)/tools/tapi-acd
TAPI_ACD_SRCS := $(wildcard $(TOP)/tools/tapi-acd/*.c)
TAPI_ACD_OBJS := $(patsubst $(TOP)/tools/tapi-acd/%.c,$(BUILD)/tools/obj/tapi-acd/%.o,$(TAPI_ACD_SRCS))
ALL_TARGETS += $(TAPI_ACD)
INSTALL_TARGETS += install-tapi-acd
VM_TOOLS += $(TAPI_ACD)

$(BUILD)/tools/obj/tapi-acd/%.o: $(TOP)/tools/tapi-acd/%.c \
		$(wildcard $(TOP)/tools/tapi-acd/*.h) \
		$(TOP)/include/uapi/linux/tapi.h $(TOP)/include/tapi.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -DACD_DEFAULT_CONFIG='"$(PREFIX)/etc/tapi-acd.conf"' \
		-c -o $@ $<

$(TAPI_ACD): $(TAPI_ACD_OBJS) $(LIBTAPI_DIR)/libtapi.so
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TAPI_ACD_OBJS) \
		-L$(LIBTAPI_DIR) -ltapi -Wl,-rpath,$(LIBTAPI_DIR)

.PHONY: install-tapi-acd
install-tapi-acd: $(TAPI_ACD)
	install -D -m 0755 $(TAPI_ACD) $(DESTDIR)$(PREFIX)/sbin/tapi-acd
	install -D -m 0644 $(TOP)/tools/tapi-acd.8 \
		$(DESTDIR)$(PREFIX)/share/man/man8/tapi-acd.8
	install -D -m 0644 $(TOP)/tools/tapi-acd/acd.conf.example \
		$(DESTDIR)$(PREFIX)/share/doc/tapi/acd.conf.example
