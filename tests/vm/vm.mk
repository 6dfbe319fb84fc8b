# tests/vm/vm.mk - the VM test harness and the VM half of `make demo`.
#
# This machine's kernel cannot load modules, so the kernel tests run in
# qemu (software emulation) booting Debian's packaged kernel
# /boot/vmlinuz-$(KVER) - the release the modules are built for - from an
# initramfs packed here.  Its /init (tests/vm/init.sh) loads the modules,
# runs each test program, and powers off; the host reads the serial
# console back and judges it (tests/vm/tap-check).
#
# The top Makefile includes this fragment last.  Other fragments add to:
#
#   VM_TESTS += PROGRAM     a test program printing TAP 13 (kselftest);
#                           run in the listed order, each under a per-test
#                           timeout.  Static or dynamic (its libraries
#                           are copied in).  Named in the log by its path
#                           without $(BUILD)/, e.g. tests/kernel/test_x.
#   VM_MODULES += FILE.ko   our modules, insmod'ed at boot in order, also
#                           in /lib/modules/$(KVER)/extra/ (modules.dep
#                           made) so tests can rmmod/modprobe them again.
#                           kernel/tapi_core.ko kernel/tapi_sim.ko always
#                           come first.  A missing file fails the build.
#   VM_MODULE_ARGS_<name> := ARGS   parameters for module <name>
#                           (e.g. VM_MODULE_ARGS_tapi_sim := nfxs=4)
#   VM_KMODS += NAME        packaged kernel modules (snd-aloop, dummy_hcd,
#                           ...) copied in with their dependencies; loaded
#                           only if also in VM_KMODS_LOAD (before ours;
#                           configfs always is).  Packaged modules ours
#                           depend on come along by themselves.
#   VM_FILES += SRC:DST     extra files or directories (DST absolute)
#   VM_TOOLS += PROGRAM     installed in /usr/bin of the VM
#   VM_LIBPATH += DIR       where ldd finds our own shared libraries
#   VM_UDEV := 1            systemd-udevd, udevadm and the udev rules in
#                           the image, started at boot (+4.6 MB)
#   VM_DEMO := COMMAND      the shell command `make demo` runs
#   VM_HOST_HELPER := CMD   a host-side program the VM's devices need
#                           (tests/vm/run-vm: started before qemu for
#                           check-vm and vm-shell, stopped after)
#   VM_HOST_QEMU_FLAGS += OPTIONS   qemu options for the helper's devices
#   VM_HOST_APPEND += ARGS  kernel command line the helper's tests need
#
# For a user's own programs (README: "Your own program in the VM"):
#   make vm-shell VM_USER_TOOLS="/path/to/prog ..."
# adds them to /usr/bin of the image without replacing VM_TOOLS.
#
# Test programs built on the kselftest harness compile with
# $(KSELFTEST_CFLAGS) (-I of kselftest_harness.h and kselftest.h,
# extracted from /usr/src/linux-source-*.tar.xz).  This fragment is read
# after yours, so use $(KSELFTEST_CFLAGS) only in recipes or `=`
# variables, and name the headers as the order-only prerequisite
# `| kselftest-headers` (a literal target name).
#
# Targets:
#   check-vm          pack, boot, run VM_TESTS, judge (in CHECK_TARGETS);
#                     console log in $(BUILD)/vm/console.log, or with
#                     VM_SHARDS=N > 1 (the default for 8 tests or more)
#                     N VMs at once from the same image, each running
#                     test_vm_env and every Nth other test
#                     (console-1.log ... console-N.log)
#   check-vm-harness  tap-check's own tests on canned logs (CHECK_TARGETS)
#   vm-image          just pack $(BUILD)/vm/initramfs.cpio.gz
#   vm-shell          boot the test image with a shell on this terminal
#   demo              VM_DEMO in the VM when this kernel cannot load
#                     modules (or runs another release than $(KVER));
#                     otherwise on this machine, after insmod (as root)
#
# Knobs: VM_TIMEOUT (seconds for a whole boot, default 1800: guards, not
# targets; a full run takes about 8-13 minutes of emulation),
# VM_TEST_TIMEOUT (per test, 600; the 200 USB plug cycles take 2-3
# minutes on a loaded machine), VM_KERNEL, VM_QEMU_FLAGS, VM_APPEND,
# VM_DEMO_WHERE=vm|host.  A list given on the command line replaces the
# fragments' values and the defaults above (configfs, our two modules,
# test_vm_env), e.g. for a run without our modules:
#   make check-vm VM_MODULES= VM_TESTS=path/to/test

VM_DIR := $(BUILD)/vm
VM_USER_TOOLS ?=
VM_TOOLS += $(VM_USER_TOOLS)
# The kernel: Debian's image, unpacked once on the host (qemu then boots
# it through PVH without the slow in-VM xz decompression; see
# tests/vm/extract-vmlinux).  VM_KERNEL=$(VM_BZIMAGE) boots it as is.
VM_BZIMAGE ?= /boot/vmlinuz-$(KVER)
VM_KERNEL ?= $(VM_DIR)/vmlinux-$(KVER)
VM_BUSYBOX ?= /bin/busybox
VM_TIMEOUT ?= 1800
VM_TEST_TIMEOUT ?= 600
# Each VM emulates on one host CPU most of the time; N at once share the
# tests.  Host-side helpers tell their VMs apart by $(VM_SHARD) (0 for an
# unsharded run, empty outside check-vm), e.g. in socket names.
VM_SHARDS ?= $(if $(word 8,$(VM_TESTS)),2,1)
VM_SHARD_IDS = $(if $(filter 1,$(VM_SHARDS)),0,$(shell seq 1 $(VM_SHARDS)))
vm_console = $(VM_DIR)/console$(if $(filter-out 0,$(1)),-$(1)).log
VM_UDEV ?=
VM_IMAGE := $(VM_DIR)/initramfs.cpio.gz
VM_DEMO_IMAGE := $(VM_DIR)/demo.cpio.gz
VM_EXIT := $(VM_DIR)/vm-exit
VM_ENV_TEST := $(BUILD)/tests/vm/test_vm_env
VM_SCRIPTS := $(TOP)/tests/vm/mkinitramfs $(TOP)/tests/vm/init.sh

VM_CORE_MODULES := kernel/tapi_core.ko kernel/tapi_sim.ko
VM_MODULES := $(VM_CORE_MODULES) $(filter-out $(VM_CORE_MODULES),$(VM_MODULES))
VM_KMODS_LOAD := configfs $(filter-out configfs,$(VM_KMODS_LOAD))
VM_TESTS := $(VM_ENV_TEST) $(filter-out $(VM_ENV_TEST),$(VM_TESTS))

# A test's name in the log: its path without $(TOP)/ and build/.
vm_test_name = $(patsubst build/%,%,$(patsubst $(TOP)/%,%,$(abspath $(1))))
VM_TEST_NAMES = $(foreach t,$(VM_TESTS),$(call vm_test_name,$(t)))
vm_module_name = $(subst -,_,$(basename $(notdir $(1))))
VM_FILE_SRCS = $(foreach f,$(VM_FILES),$(firstword $(subst :, ,$(f))))

# --- kselftest headers, once -------------------------------------------
KSELFTEST_DIR := $(BUILD)/kselftest
KSELFTEST_HEADERS := $(KSELFTEST_DIR)/kselftest_harness.h \
		     $(KSELFTEST_DIR)/kselftest.h
KSELFTEST_CFLAGS := -I$(KSELFTEST_DIR)
KSELFTEST_SRC ?= /usr/src/linux-source-$(word 1,$(subst ., ,$(KVER))).$(word 2,$(subst ., ,$(KVER))).tar.xz

.PHONY: kselftest-headers
kselftest-headers: $(KSELFTEST_HEADERS)

$(KSELFTEST_HEADERS) &:
	@test -r $(KSELFTEST_SRC) || { echo "no $(KSELFTEST_SRC):" \
		"install linux-source (make deps) or set KSELFTEST_SRC" >&2; exit 1; }
	@mkdir -p $(KSELFTEST_DIR)
	@echo "  extracting kselftest headers from $(KSELFTEST_SRC)"
	tar -xJf $(KSELFTEST_SRC) -C $(KSELFTEST_DIR) --strip-components=4 \
		$(patsubst %,$(basename $(basename $(notdir $(KSELFTEST_SRC))))/tools/testing/selftests/%,$(notdir $(KSELFTEST_HEADERS)))
	@touch $(KSELFTEST_HEADERS)

# Every test may include the headers.
$(VM_TESTS): | kselftest-headers

# --- programs of the image ---------------------------------------------
$(VM_EXIT): $(TOP)/tests/vm/vm-exit.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -static -o $@ $<

$(VM_ENV_TEST): $(TOP)/tests/vm/test_vm_env.c | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -DVM_KVER='"$(KVER)"' \
		-static -o $@ $<

# The modules come from Kbuild; make looks at their dates after it ran.
$(VM_MODULES): modules

# --- the images ---------------------------------------------------------
define VM_NL


endef

# vm_config(tests): the item list tests/vm/mkinitramfs reads.
define vm_config
kver $(KVER)
busybox $(VM_BUSYBOX)
init $(TOP)/tests/vm/init.sh
exit-helper $(VM_EXIT)
test-timeout $(VM_TEST_TIMEOUT)
udev $(VM_UDEV)
demo $(VM_DEMO)
libpath $(abspath $(VM_LIBPATH))
$(foreach m,$(VM_MODULES),module $(abspath $(m)) $(VM_MODULE_ARGS_$(call vm_module_name,$(m)))$(VM_NL))
$(foreach k,$(VM_KMODS),kmod $(k)$(VM_NL))
$(foreach k,$(VM_KMODS_LOAD),kmod-load $(k)$(VM_NL))
$(foreach t,$(1),test $(call vm_test_name,$(t)) $(abspath $(t))$(VM_NL))
$(foreach t,$(VM_TOOLS),tool $(abspath $(t))$(VM_NL))
$(foreach f,$(VM_FILES),file $(abspath $(firstword $(subst :, ,$(f)))):$(lastword $(subst :, ,$(f)))$(VM_NL))
endef

# The item lists are files that change only when their text does, so an
# image is repacked when a VM_* variable changed, and only then.
.PHONY: vm-force
$(VM_DIR):
	mkdir -p $@

$(VM_DIR)/test.config: vm-force | $(VM_DIR)
	$(file >$@.tmp,$(call vm_config,$(VM_TESTS)))
	@cmp -s $@.tmp $@ || mv -f $@.tmp $@; rm -f $@.tmp

$(VM_DIR)/demo.config: vm-force | $(VM_DIR)
	$(file >$@.tmp,$(call vm_config,))
	@cmp -s $@.tmp $@ || mv -f $@.tmp $@; rm -f $@.tmp

VM_IMAGE_DEPS = $(VM_SCRIPTS) $(VM_EXIT) $(VM_MODULES) $(VM_TOOLS) \
		$(VM_FILE_SRCS)

$(VM_IMAGE): $(VM_DIR)/test.config $(VM_IMAGE_DEPS) $(VM_TESTS)
	$(TOP)/tests/vm/mkinitramfs $< $@
	@echo "  $@: $$(du -k $@ | cut -f1) KiB"

$(VM_DEMO_IMAGE): $(VM_DIR)/demo.config $(VM_IMAGE_DEPS)
	$(TOP)/tests/vm/mkinitramfs $< $@

$(VM_DIR)/vmlinux-$(KVER): $(VM_BZIMAGE) $(TOP)/tests/vm/extract-vmlinux | $(VM_DIR)
	$(TOP)/tests/vm/extract-vmlinux $< $@

# --- running ------------------------------------------------------------
.PHONY: vm-image check-vm check-vm-harness vm-shell demo demo-vm demo-host
CHECK_TARGETS += check-vm-harness check-vm

vm-image: $(VM_IMAGE)

check-vm-harness:
	@$(TOP)/tests/vm/selftest.sh

# run-vm's status is not trusted: tap-check decides from the log.  A
# sharded run shows each VM's console when all are done; each log is
# judged against the tests its VM had to run (init.sh's rule).
check-vm: $(if $(VM_MODULES),modules) $(VM_TESTS) $(VM_IMAGE) $(VM_KERNEL)
	@echo "  booting Debian's $(KVER) kernel in qemu (TCG) with $(words $(VM_TESTS)) test programs in $(VM_SHARDS) VM(s)"
	@rm -f $(VM_DIR)/console*.log
	@$(foreach VM_SHARD,$(VM_SHARD_IDS),\
	VM_HOST_HELPER='$(VM_HOST_HELPER)' VM_HOST_QEMU_FLAGS='$(VM_HOST_QEMU_FLAGS)' \
		VM_HOST_APPEND='$(VM_HOST_APPEND)' \
		VM_APPEND='$(VM_APPEND)$(if $(filter-out 0,$(VM_SHARD)), vm.shard=$(VM_SHARD)/$(VM_SHARDS))' \
	$(TOP)/tests/vm/run-vm test $(VM_KERNEL) $(VM_IMAGE) \
		$(call vm_console,$(VM_SHARD)) $(VM_TIMEOUT) \
		$(if $(filter-out 0,$(VM_SHARD)),>/dev/null 2>&1) & ) wait; \
	status=0; \
	for k in $(VM_SHARD_IDS); do \
		log=$(VM_DIR)/console$$([ $$k = 0 ] || echo -$$k).log; \
		[ $$k = 0 ] || { echo "  ---- VM $$k of $(VM_SHARDS): $$log"; cat $$log; }; \
		names=$$(printf '%s\n' $(VM_TEST_NAMES) | awk -v k=$$k \
			-v n=$(VM_SHARDS) 'k == 0 || NR == 1 || (NR - 2) % n == k - 1'); \
		echo "  check-vm: judging $$log"; \
		$(TOP)/tests/vm/tap-check $$(for t in $$names; do \
			printf -- '-t %s ' $$t; done) $$log || status=1; \
	done; \
	exit $$status

vm-shell: $(VM_IMAGE) $(VM_KERNEL)
	VM_HOST_HELPER='$(VM_HOST_HELPER)' VM_HOST_QEMU_FLAGS='$(VM_HOST_QEMU_FLAGS)' \
		VM_HOST_APPEND='$(VM_HOST_APPEND)' \
	$(TOP)/tests/vm/run-vm shell $(VM_KERNEL) $(VM_IMAGE) /dev/null 0

# The demo runs on this machine only if its kernel can load modules and
# is the release they were built for.
VM_DEMO_WHERE ?= $(if $(and $(wildcard /proc/modules),$(wildcard /lib/modules/$(KVER_RUNNING)/build),$(filter $(KVER),$(KVER_RUNNING))),host,vm)

demo: demo-$(VM_DEMO_WHERE)

demo-vm: $(VM_DEMO_IMAGE) $(VM_KERNEL)
	$(if $(strip $(VM_DEMO)),,@echo "demo: no demo command: VM_DEMO is empty" \
		"(tools/tools.mk sets it)" >&2; exit 1)
	@echo "  this kernel cannot load our modules: running the demo in qemu"
	@$(TOP)/tests/vm/run-vm demo $(VM_KERNEL) $(VM_DEMO_IMAGE) \
		$(VM_DIR)/demo.log $(VM_TIMEOUT)

demo-host: $(VM_DIR)/demo.config $(if $(VM_MODULES),modules) $(VM_TOOLS)
	$(if $(strip $(VM_DEMO)),,@echo "demo: no demo command: VM_DEMO is empty" \
		"(tools/tools.mk sets it)" >&2; exit 1)
	@$(TOP)/tests/vm/demo-host $(VM_DIR)/demo.config
