# tests/dsp: caller ID (messages, FSK modem, transmitter and receiver),
# Check suite, cross-checked against spandsp's ADSI transmitter and
# receiver (libspandsp-dev).  Uses testsig.o and the flags of tone.mk
# (included after this file: only recipes and literal paths refer to it).

CID_TEST := $(BUILD)/tests/dsp/test_callerid

$(CID_TEST): $(TOP)/tests/dsp/test_callerid.c $(BUILD)/tests/dsp/testsig.o \
	     $(DSP_LIB) $(DSP_DIR)/callerid.h $(DSP_DIR)/fsk.h $(DSP_DIR)/dtmf.h
	@mkdir -p $(@D)
	$(CC) $(TONE_TEST_CFLAGS) -o $@ $< $(BUILD)/tests/dsp/testsig.o \
		$(DSP_LIB) -lspandsp $(TONE_TEST_LIBS)

.PHONY: check-callerid
CHECK_TARGETS += check-callerid
check-callerid: $(CID_TEST)
	$(CID_TEST)
