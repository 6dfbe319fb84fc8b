# tests/dsp: call-progress tones (zones, generator, detector), Check suite.
# Links the userspace build of kernel/dsp ($(DSP_LIB), kernel/dsp/dsp.mk).

TONE_TEST_DIR := $(BUILD)/tests/dsp
TONE_TEST := $(TONE_TEST_DIR)/test_tone
TONE_TEST_CFLAGS = $(USER_CFLAGS) -I$(TOP)/tests/dsp \
		   $(shell pkg-config --cflags check)
TONE_TEST_LIBS = $(shell pkg-config --libs check) -lm

# Signal helpers shared with the caller-ID tests (cid.mk).
TESTSIG_OBJ := $(TONE_TEST_DIR)/testsig.o

$(TESTSIG_OBJ): $(TOP)/tests/dsp/testsig.c $(TOP)/tests/dsp/testsig.h \
		$(DSP_DIR)/g711.h
	@mkdir -p $(@D)
	$(CC) $(TONE_TEST_CFLAGS) -c -o $@ $<

$(TONE_TEST): $(TOP)/tests/dsp/test_tone.c $(TESTSIG_OBJ) $(DSP_LIB) \
	      $(DSP_DIR)/tone.h $(DSP_DIR)/osc.h
	@mkdir -p $(@D)
	$(CC) $(TONE_TEST_CFLAGS) -o $@ $< $(TESTSIG_OBJ) $(DSP_LIB) \
		$(TONE_TEST_LIBS)

.PHONY: check-tone
CHECK_TARGETS += check-tone
check-tone: $(TONE_TEST)
	$(TONE_TEST)
