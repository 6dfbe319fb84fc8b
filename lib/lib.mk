# libtapi: the TAPI 2.2 library, built into $(BUILD)/lib.
#
#   $(BUILD)/lib/libtapi.so.1.0.0   soname libtapi.so.1, symbols of lib/libtapi.map
#   $(BUILD)/lib/libtapi-internal.a the same objects, for the unit tests
#   $(BUILD)/lib/tapi.pc            pkg-config file for the build tree
#                                   (PKG_CONFIG_PATH=$(BUILD)/lib)

LIBTAPI_VERSION := 1.0.0
LIBTAPI_SONAME := libtapi.so.1
LIBTAPI_DIR := $(BUILD)/lib
LIBTAPI_SO := $(LIBTAPI_DIR)/libtapi.so.$(LIBTAPI_VERSION)
LIBTAPI_A := $(LIBTAPI_DIR)/libtapi-internal.a
LIBTAPI_PC := $(LIBTAPI_DIR)/tapi.pc

LIBTAPI_SRCS := $(wildcard lib/*.c)
# The DSP's tone zone table (lineMonitorTones matches frequencies against
# the channel's zone), built position-independent into the library.
LIBTAPI_DSP_SRCS := kernel/dsp/tone_zones.c
LIBTAPI_OBJS := $(patsubst lib/%.c,$(LIBTAPI_DIR)/obj/%.o,$(LIBTAPI_SRCS)) \
		$(patsubst kernel/dsp/%.c,$(LIBTAPI_DIR)/obj/dsp_%.o,$(LIBTAPI_DSP_SRCS))
LIBTAPI_PKGS := libudev libnl-genl-3.0 alsa
LIBTAPI_DEPS_CFLAGS := $(shell pkg-config --cflags $(LIBTAPI_PKGS) 2>/dev/null)
LIBTAPI_DEPS_LIBS := $(shell pkg-config --libs $(LIBTAPI_PKGS) 2>/dev/null) -pthread -lm
LIBTAPI_CFLAGS = $(USER_CFLAGS) -fPIC -fvisibility=hidden -pthread \
		 -D_GNU_SOURCE $(LIBTAPI_DEPS_CFLAGS)

LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

ALL_TARGETS += libtapi
.PHONY: libtapi install-lib

libtapi: $(LIBTAPI_DIR)/libtapi.so $(LIBTAPI_A) $(LIBTAPI_PC)

$(LIBTAPI_DIR)/obj/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(LIBTAPI_CFLAGS) -MMD -MP -c $< -o $@

$(LIBTAPI_DIR)/obj/dsp_%.o: kernel/dsp/%.c
	@mkdir -p $(@D)
	$(CC) $(LIBTAPI_CFLAGS) -MMD -MP -c $< -o $@

-include $(LIBTAPI_OBJS:.o=.d)

$(LIBTAPI_SO): $(LIBTAPI_OBJS) lib/libtapi.map
	$(CC) -shared -Wl,-soname,$(LIBTAPI_SONAME) \
		-Wl,--version-script=lib/libtapi.map -Wl,--no-undefined \
		-o $@ $(LIBTAPI_OBJS) $(LIBTAPI_DEPS_LIBS)

$(LIBTAPI_DIR)/$(LIBTAPI_SONAME): $(LIBTAPI_SO)
	ln -sf $(notdir $<) $@

$(LIBTAPI_DIR)/libtapi.so: $(LIBTAPI_DIR)/$(LIBTAPI_SONAME)
	ln -sf $(notdir $<) $@

$(LIBTAPI_A): $(LIBTAPI_OBJS)
	rm -f $@
	ar rcs $@ $^

$(LIBTAPI_PC): lib/tapi.pc.in
	@mkdir -p $(@D)
	sed -e 's|@prefix@|$(TOP)|' -e 's|@libdir@|$(LIBTAPI_DIR)|' \
	    -e 's|@includedir@|$(TOP)/include|' \
	    -e 's|@version@|$(LIBTAPI_VERSION)|' $< > $@

INSTALL_TARGETS += install-lib
install-lib: libtapi
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(INCLUDEDIR)/linux
	install -m 0755 $(LIBTAPI_SO) $(DESTDIR)$(LIBDIR)/
	ln -sf libtapi.so.$(LIBTAPI_VERSION) $(DESTDIR)$(LIBDIR)/$(LIBTAPI_SONAME)
	ln -sf $(LIBTAPI_SONAME) $(DESTDIR)$(LIBDIR)/libtapi.so
	install -m 0644 include/tapi.h $(DESTDIR)$(INCLUDEDIR)/tapi.h
	install -m 0644 include/uapi/linux/tapi.h \
		$(DESTDIR)$(INCLUDEDIR)/linux/tapi.h
	sed -e 's|@prefix@|$(PREFIX)|' -e 's|@libdir@|$(LIBDIR)|' \
	    -e 's|@includedir@|$(INCLUDEDIR)|' \
	    -e 's|@version@|$(LIBTAPI_VERSION)|' lib/tapi.pc.in \
	    > $(DESTDIR)$(LIBDIR)/pkgconfig/tapi.pc
	@if [ -z "$(DESTDIR)" ] && command -v ldconfig >/dev/null; then \
		ldconfig; \
	else \
		echo "install-lib: run ldconfig on the target so $(LIBTAPI_SONAME) is found"; \
	fi
