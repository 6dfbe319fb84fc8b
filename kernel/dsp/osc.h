/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: fixed-point sine oscillator shared by the DTMF
 * generator, the call-progress tone generator and the FSK modulators.
 *
 * Frequency is given in 0.01 Hz and is exact at 8000 samples/s: the phase
 * is counted in 1/800000 of a cycle, so a step of f (0.01 Hz) per sample
 * is exactly f/100 cycles per second and the waveform never drifts (a
 * 697 Hz tone repeats exactly every 8000 samples).  The sine comes from a
 * 256-entry quarter-wave table with linear interpolation (spurious
 * components below -100 dB).
 *
 * Level reference (ITU-T G.711): 0 dBm0 is a sine 3.14 dB below the
 * largest sine the 16-bit linear format carries, 0 dBov = peak 32767, so
 * a 0 dBm0 sine has a peak of 22826 (RMS 16141) and the highest level
 * accepted, +3.14 dBm0, a peak of 32767.  Levels are given in 0.01 dB.
 */
#ifndef _TAPI_DSP_OSC_H
#define _TAPI_DSP_OSC_H

#include "dsp_types.h"

#define TAPI_OSC_RATE		8000	/* samples per second */
/* Phase units per cycle: 100 (0.01 Hz) times the sample rate. */
#define TAPI_OSC_CYCLE		(100U * TAPI_OSC_RATE)
#define TAPI_OSC_HZ(hz)		((hz) * 100)	/* Hz to 0.01 Hz */
#define TAPI_OSC_DBM0(db)	((db) * 100)	/* dBm0 to 0.01 dBm0 */
/* Nyquist: the highest frequency accepted, 0.01 Hz. */
#define TAPI_OSC_FREQ_MAX	(TAPI_OSC_CYCLE / 2)
/* +3.14 dBm0, a full-scale sine; 0.01 dBm0. */
#define TAPI_OSC_LEVEL_MAX	314
/* Levels at or below this (0.01 dBm0) give silence (peak < 1). */
#define TAPI_OSC_LEVEL_MIN	(-9300)
/* Peak of a 0 dBm0 sine in 16-bit linear. */
#define TAPI_OSC_PEAK_0DBM0	22826

/**
 * struct tapi_osc_state - one sine oscillator
 * @phase: position in the cycle, 0..TAPI_OSC_CYCLE-1
 * @step: frequency in 0.01 Hz, the phase advance per sample
 * @peak: amplitude, 0..32767
 */
struct tapi_osc_state {
	uint32_t phase;
	uint32_t step;
	int32_t peak;
};

int tapi_osc_peak(int level_cdbm0);
int16_t tapi_osc_sin(uint32_t phase);

int tapi_osc_init(struct tapi_osc_state *s, unsigned int freq_chz,
		  int level_cdbm0);
int tapi_osc_set_freq(struct tapi_osc_state *s, unsigned int freq_chz);
int tapi_osc_set_level(struct tapi_osc_state *s, int level_cdbm0);
int16_t tapi_osc_next(struct tapi_osc_state *s);
void tapi_osc_gen(struct tapi_osc_state *s, int16_t *amp, int n);
void tapi_osc_mix(struct tapi_osc_state *s, int16_t *amp, int n);

#endif /* _TAPI_DSP_OSC_H */
