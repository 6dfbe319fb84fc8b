# tests/media/media.mk - every channel an ALSA PCM (kernel/core/pcm*.c,
# module tapi_pcm): alsa-lib test programs run in the test VM, and the
# benchmark bench-media.
#
# The programs link alsa-lib dynamically (the VM harness copies the
# libraries) and read its configuration from /usr/share/alsa, which goes
# into the image too.  They use the helpers of tests/kernel/test_core_util.h.

MEDIA_TEST_DIR := $(BUILD)/tests/media
MEDIA_TEST_CFLAGS = $(USER_CFLAGS) $(KSELFTEST_CFLAGS) -Wno-sign-compare \
		    -I$(TOP)/tests/kernel -I$(TOP)/tests/media \
		    $(shell pkg-config --cflags alsa)
MEDIA_TEST_LIBS := $(shell pkg-config --libs alsa) -lm

MEDIA_TESTS := test_pcm test_pcm_all test_alsa_utils test_pcm_reload

VM_MODULES += kernel/tapi_pcm.ko
VM_FILES += /usr/share/alsa:/usr/share/alsa
# test_alsa_utils runs the standard tools (alsa-utils) on a live call.
VM_TOOLS += /usr/bin/aplay /usr/bin/arecord
VM_TESTS += $(addprefix $(MEDIA_TEST_DIR)/,$(MEDIA_TESTS))

# test_readme_call runs README.md's commands for recording and playing a
# live call (tapictl from tools/tools.mk, aplay, arecord) with this tone.
MEDIA_TONE_WAV := $(MEDIA_TEST_DIR)/tone-1k.wav
VM_FILES += $(MEDIA_TONE_WAV):/usr/share/tapi-tests/tone-1k.wav
VM_TESTS += $(TOP)/tests/media/test_readme_call.sh

$(MEDIA_TONE_WAV):
	@mkdir -p $(@D)
	sox -q -n -r 8000 -c 1 -b 16 $@ synth 3 sine 1000 vol 0.25

$(MEDIA_TEST_DIR)/%: $(TOP)/tests/media/%.c $(TOP)/tests/media/pcm_util.h \
		     $(TOP)/tests/kernel/test_core_util.h \
		     $(TOP)/include/uapi/linux/tapi.h | kselftest-headers
	@mkdir -p $(@D)
	$(CC) $(MEDIA_TEST_CFLAGS) -o $@ $< $(MEDIA_TEST_LIBS)

.PHONY: media-tests
media-tests: $(addprefix $(MEDIA_TEST_DIR)/,$(MEDIA_TESTS))

# bench-media: bench_pcm in a VM of its own (its own image directory, so
# it does not disturb check-vm's), with snd-aloop loaded for comparison.
# Never fails: it prints the numbers.
BENCH_TARGETS += bench-media
MEDIA_BENCH := $(MEDIA_TEST_DIR)/bench_pcm
.PHONY: bench-media
bench-media: $(MEDIA_BENCH) modules
	@rm -f $(BUILD)/vm-bench-media/console.log
	-@$(MAKE) --no-print-directory check-vm VM_DIR=$(BUILD)/vm-bench-media \
		VM_TESTS=$(MEDIA_BENCH) VM_KMODS="$(VM_KMODS) snd-aloop" \
		VM_KMODS_LOAD="$(VM_KMODS_LOAD) snd-aloop" >/dev/null 2>&1
	@tr -d '\r' < $(BUILD)/vm-bench-media/console.log | \
		grep '^# bench-media' || echo "bench-media: no results (see $(BUILD)/vm-bench-media/console.log)"
