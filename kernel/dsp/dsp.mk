# kernel/dsp: the fixed-point DSP.  The same sources are linked into
# tapi_core (kernel/Kbuild) and, built here, into the userspace tests and
# benchmarks as $(BUILD)/dsp/libtapidsp.a.  Every kernel/dsp/*.c is
# included, so new DSP modules need no edit here.

DSP_DIR := $(TOP)/kernel/dsp
DSP_SRCS := $(wildcard $(DSP_DIR)/*.c)
DSP_OBJS := $(patsubst $(DSP_DIR)/%.c,$(BUILD)/dsp/%.o,$(DSP_SRCS))
DSP_LIB := $(BUILD)/dsp/libtapidsp.a

ALL_TARGETS += $(DSP_LIB)

$(BUILD)/dsp/%.o: $(DSP_DIR)/%.c $(wildcard $(DSP_DIR)/*.h) \
		  $(TOP)/include/uapi/linux/tapi.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<

$(DSP_LIB): $(DSP_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Proof that the DSP builds as kernel code: every kernel/dsp/*.c in a
# throwaway module, W=1, warnings are errors.  Runs without the core.
DSP_KBUILD := $(BUILD)/dsp-kbuild
.PHONY: dsp-kbuild
CHECK_TARGETS += dsp-kbuild
dsp-kbuild:
	@rm -rf $(DSP_KBUILD) && mkdir -p $(DSP_KBUILD)
	@for f in $(notdir $(DSP_SRCS)); do \
		ln -s $(DSP_DIR)/$$f $(DSP_KBUILD)/$$f; done
	@printf '%s\n' '#include <linux/module.h>' \
		'MODULE_DESCRIPTION("linux-tapi DSP kernel build check");' \
		'MODULE_LICENSE("GPL");' > $(DSP_KBUILD)/dsp_kbuild_main.c
	@printf '%s\n' \
		'ccflags-y += -Werror -I$(DSP_DIR) -I$(TOP)/include/uapi' \
		'obj-m += tapi_dsp_kbuild.o' \
		'tapi_dsp_kbuild-y := dsp_kbuild_main.o $(patsubst %.c,%.o,$(notdir $(DSP_SRCS)))' \
		> $(DSP_KBUILD)/Kbuild
	$(MAKE) -C $(KDIR) M=$(DSP_KBUILD) W=1 modules
	@echo "dsp-kbuild: kernel/dsp/*.c build as kernel code (W=1, -Werror)"
