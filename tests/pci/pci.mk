# tests/pci/pci.mk - tapi_pci with the emulated card in the VM.
#
# The card is QEMU's ivshmem-doorbell device served by the card program
# tools/tapi-pcicard, which the VM harness starts on the host before qemu
# (VM_HOST_HELPER) and stops after.  A second ivshmem function, plain
# shared memory without our signature, stands for someone else's: the
# driver must leave it alone.  The tests map BAR2 from userspace to play
# the line side, which the kernel's strict /dev/mem checks forbid while
# the driver holds the BAR: hence iomem=relaxed in the VM.

PCICARD := $(BUILD)/tools/tapi-pcicard
PCI_TEST_DIR := $(BUILD)/tests/pci
PCI_TESTS := $(PCI_TEST_DIR)/test_pci $(PCI_TEST_DIR)/test_pci_removal
# One card per VM when check-vm runs several (VM_SHARD, tests/vm/vm.mk).
PCICARD_SOCK = $(VM_DIR)/pcicard$(VM_SHARD).sock

ALL_TARGETS += $(PCICARD)
VM_MODULES += kernel/tapi_pci.ko
VM_TESTS += $(PCI_TESTS)
VM_HOST_HELPER = $(PCICARD) --socket $(PCICARD_SOCK) \
	--control $(VM_DIR)/pcicard$(VM_SHARD).control \
	--log $(VM_DIR)/pcicard$(VM_SHARD).log \
	--daemon --pidfile "$$VM_HOST_PIDFILE"
VM_HOST_QEMU_FLAGS += -chardev socket,path=$(PCICARD_SOCK),id=tapipcicard \
	-device ivshmem-doorbell,chardev=tapipcicard,vectors=2 \
	-object memory-backend-ram,id=foreignmem,size=1M,share=on \
	-device ivshmem-plain,memdev=foreignmem
VM_HOST_APPEND += iomem=relaxed

PCICARD_SRCS := $(TOP)/tools/tapi-pcicard/tapi-pcicard.c \
	$(TOP)/kernel/dsp/dtmf_rx.c $(TOP)/kernel/dsp/dtmf_tx.c \
	$(TOP)/kernel/dsp/osc.c

$(PCICARD): $(PCICARD_SRCS) $(TOP)/include/uapi/linux/tapi_pcicard.h \
	    $(TOP)/kernel/dsp/dtmf.h $(TOP)/kernel/dsp/osc.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -o $@ $(PCICARD_SRCS)

$(PCI_TEST_DIR)/%: $(TOP)/tests/pci/%.c $(TOP)/tests/pci/pci_util.h \
		   $(TOP)/tests/kernel/test_core_util.h \
		   $(TOP)/include/uapi/linux/tapi_pcicard.h | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -Wno-sign-compare -Wno-format-truncation -static \
		-o $@ $< -lm

# The card program runs on the host for these.
check-vm vm-shell: $(PCICARD)

.PHONY: pci-tests
pci-tests: $(PCICARD) $(PCI_TESTS)
