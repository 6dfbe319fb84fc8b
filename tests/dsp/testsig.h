/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Test signals for the call-progress tone and caller-ID tests: noise,
 * levels, independent (floating-point) measurements, and speech from
 * espeak-ng.  Test code only: floating point is fine here.
 */
#ifndef TAPI_TESTS_TESTSIG_H
#define TAPI_TESTS_TESTSIG_H

#include <stdint.h>

/* RMS of a 0 dBm0 sine in 16-bit linear (G.711: 3.14 dB below full scale). */
#define TESTSIG_RMS_0DBM0	16141.0

/* Reproducible pseudo-random numbers (TESTSIG_SEED=n varies them). */
void testsig_seed(uint64_t seed);
uint32_t testsig_rand(void);
/* Uniform integer in lo..hi. */
int testsig_range(int lo, int hi);
double testsig_gauss(void);

/* Add white Gaussian noise of the given RMS level, saturating. */
void testsig_add_noise(int16_t *x, long n, double dbm0);
/* Multiply by a gain in dB, saturating. */
void testsig_gain(int16_t *x, long n, double db);
/* Level of a stretch, dBm0 (RMS); -200 for digital silence. */
double testsig_level(const int16_t *x, long n);
/* Level of the component at f Hz (DFT at f, any f), dBm0. */
double testsig_tone_level(const int16_t *x, long n, double f);
/* Fraction of the energy at the given frequencies (0..1). */
double testsig_tone_share(const int16_t *x, long n, const double *f, int nf);
/*
 * Play faster by ratio (1.01: every frequency and rate 1 % higher), by
 * linear interpolation.  Returns a malloc()ed buffer, its length in *out.
 */
int16_t *testsig_speed(const int16_t *x, long n, double ratio, long *out);
/* Send through G.711: 'u' mu-law, 'a' A-law, anything else unchanged. */
void testsig_g711(int16_t *x, long n, char law);

/*
 * Speech from espeak-ng, resampled to 8 kHz by sox.  Returns a malloc()ed
 * buffer and its length in *n, or NULL if the tools are missing.
 */
int16_t *testsig_speech(const char *voice, const char *text, long *n);

#endif /* TAPI_TESTS_TESTSIG_H */
