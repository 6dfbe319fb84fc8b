# tests/dsp: DTMF receiver and generator, oscillator, G.711 (issue 4).
# Check suites on the userspace build of kernel/dsp ($(DSP_LIB), from
# kernel/dsp/dsp.mk), cross-checked against spandsp (libspandsp-dev),
# plus the talk-off corpus and the DTMF benchmark.
#
#   make check-dtmf     the suites (about 10 s after a first corpus build)
#   make bench-dtmf     ours against spandsp, side by side (never fails)
#   make talkoff-corpus speech and music for the talk-off test, made once
#                       per build tree in $(BUILD)/corpus (about 15 s)

DTMF_TEST_DIR := $(BUILD)/tests/dsp/dtmf
DTMF_TEST_CFLAGS = $(USER_CFLAGS) -I$(TOP)/tests/dsp \
		   $(shell pkg-config --cflags check)
DTMF_TEST_LIBS = $(shell pkg-config --libs check) -lspandsp -lm
DTMF_TEST_HDRS := $(wildcard $(TOP)/tests/dsp/dtmf_*.h) \
		  $(DSP_DIR)/dtmf.h $(DSP_DIR)/osc.h $(DSP_DIR)/g711.h \
		  $(DSP_DIR)/dsp_types.h

# Helpers shared by the suites and the benchmark.
DTMF_HELPER_OBJS := $(DTMF_TEST_DIR)/dtmf_sig.o $(DTMF_TEST_DIR)/dtmf_impl.o \
		    $(DTMF_TEST_DIR)/dtmf_rules.o

$(DTMF_TEST_DIR)/%.o: $(TOP)/tests/dsp/%.c $(DTMF_TEST_HDRS)
	@mkdir -p $(@D)
	$(CC) $(DTMF_TEST_CFLAGS) -c -o $@ $<

DTMF_SUITES := test_dtmf_rx test_dtmf_tx test_osc test_g711 \
	       test_dtmf_spandsp test_dtmf_talkoff
DTMF_SUITE_BINS := $(addprefix $(DTMF_TEST_DIR)/,$(DTMF_SUITES))
# Keep the objects the pattern rules make (no needless recompiles).
.SECONDARY: $(DTMF_SUITE_BINS:=.o) $(DTMF_TEST_DIR)/bench_dtmf.o

$(DTMF_TEST_DIR)/test_%: $(DTMF_TEST_DIR)/test_%.o $(DTMF_HELPER_OBJS) \
			 $(DSP_LIB)
	$(CC) -o $@ $< $(DTMF_HELPER_OBJS) $(DSP_LIB) $(DTMF_TEST_LIBS)

# The talk-off corpus: generated once per build tree (the stamp is the
# script's last act), regenerated only when the script changes.
TALKOFF_CORPUS := $(BUILD)/corpus
$(TALKOFF_CORPUS)/stamp: $(TOP)/tests/dsp/make-talkoff-corpus.sh
	@echo "talk-off corpus: espeak-ng and sox into $(TALKOFF_CORPUS)"
	@start=$$(date +%s); \
	sh $< $(TALKOFF_CORPUS) && \
	echo "talk-off corpus: made in $$(( $$(date +%s) - start )) s"

.PHONY: talkoff-corpus check-dtmf bench-dtmf
talkoff-corpus: $(TALKOFF_CORPUS)/stamp

CHECK_TARGETS += check-dtmf
check-dtmf: $(DTMF_SUITE_BINS) $(TALKOFF_CORPUS)/stamp
	@set -e; for t in $(DTMF_SUITES); do \
		echo "== $$t"; \
		$(DTMF_TEST_DIR)/$$t $(TALKOFF_CORPUS); \
	done

DTMF_BENCH := $(DTMF_TEST_DIR)/bench_dtmf
$(DTMF_BENCH): $(DTMF_TEST_DIR)/bench_dtmf.o $(DTMF_HELPER_OBJS) $(DSP_LIB)
	$(CC) -o $@ $< $(DTMF_HELPER_OBJS) $(DSP_LIB) $(DTMF_TEST_LIBS)

BENCH_TARGETS += bench-dtmf
bench-dtmf: $(DTMF_BENCH) $(TALKOFF_CORPUS)/stamp
	$(DTMF_BENCH) $(TALKOFF_CORPUS)
