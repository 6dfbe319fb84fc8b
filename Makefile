# linux-tapi: top-level build.
#
#   make deps     install every Debian package the build and tests need
#   make          kernel modules, libtapi, tools
#   make check    every test: DSP and library unit tests, then the kernel
#                 tests inside a VM booting Debian's packaged kernel
#   make bench    benchmarks (never pass/fail)
#   make demo     the main job: a call on the simulated card
#   make install  module, library, headers, udev rules, pkg-config file
#
# Each area adds its own targets in a fragment included below and lists
# them in ALL_TARGETS, CHECK_TARGETS, BENCH_TARGETS, INSTALL_TARGETS.

TOP := $(CURDIR)
BUILD := $(TOP)/build

# The kernel the modules are built for.  On a machine whose running
# kernel has a build tree, that one; otherwise the newest Debian headers
# `make deps` installed (their image is what the VM boots).
KVER_RUNNING := $(shell uname -r)
KVER_DEBIAN := $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | \
		 sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
ifneq ($(wildcard /lib/modules/$(KVER_RUNNING)/build/Makefile),)
KVER ?= $(KVER_RUNNING)
else
KVER ?= $(KVER_DEBIAN)
endif
KDIR ?= /lib/modules/$(KVER)/build

CC ?= cc
CFLAGS ?= -O2 -g
WARN_CFLAGS := -Wall -Wextra -Werror=implicit-function-declaration \
	       -Wno-unused-parameter
USER_CFLAGS = $(CFLAGS) $(WARN_CFLAGS) -std=gnu11 -I$(TOP)/include \
	      -I$(TOP)/include/uapi -I$(TOP)/kernel/dsp

PREFIX ?= /usr/local
DESTDIR ?=

ALL_TARGETS :=
CHECK_TARGETS :=
BENCH_TARGETS :=
INSTALL_TARGETS :=

.PHONY: all check bench demo install clean deps modules

all: modules

include kernel/kernel.mk
include $(wildcard kernel/dsp/dsp.mk)
include $(wildcard lib/lib.mk)
include $(wildcard tools/tools.mk)
include $(wildcard udev/udev.mk)
include $(filter-out tests/vm/vm.mk,$(wildcard tests/*/*.mk))
# The VM harness last: it packs what the fragments above listed in VM_*.
include $(wildcard tests/vm/vm.mk)

all: $(ALL_TARGETS)
check: $(CHECK_TARGETS)
	@echo "make check: all test suites passed"
bench: $(BENCH_TARGETS)
install: $(INSTALL_TARGETS)

# Packages, one per line in deps.txt; installs only what is missing.
deps:
	@missing=$$(for p in $$(grep -v '^#' $(TOP)/deps.txt); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "deps: installing" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: all packages present"; fi

clean:
	rm -rf $(BUILD)
	$(MAKE) -C $(KDIR) M=$(TOP) clean 2>/dev/null || true
