/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Test signals for the DTMF tests and benchmark, made in floating point
 * independently of kernel/dsp/osc.c: dual tones with any frequency
 * offset, level and length, white noise, G.711 round trips.
 */
#ifndef TAPI_TESTS_DTMF_SIG_H
#define TAPI_TESTS_DTMF_SIG_H

#include <stdint.h>

#define DTMFSIG_RATE		8000
/* Peak of a 0 dBm0 sine (G.711: 3.14 dB below a full-scale sine). */
#define DTMFSIG_PEAK_0DBM0	22826.36
#define DTMFSIG_KEYS		"123A456B789C*0#D"

extern const double dtmfsig_row_hz[4];
extern const double dtmfsig_col_hz[4];

/* Reproducible pseudo-random numbers (xorshift64*). */
void dtmfsig_seed(uint64_t seed);
uint32_t dtmfsig_rand(void);
int dtmfsig_range(int lo, int hi);		/* lo..hi inclusive */
double dtmfsig_gauss(void);

/**
 * struct dtmfsig_tone - one key press
 * @key: '0'-'9', '*', '#', 'A'-'D'
 * @row_dbm0: level of the row (low) tone
 * @col_dbm0: level of the column (high) tone
 * @row_dev: relative frequency offset of the row tone (0.015 = +1.5 %)
 * @col_dev: same for the column tone
 * @ms: length in milliseconds (may be fractional)
 */
struct dtmfsig_tone {
	char key;
	double row_dbm0, col_dbm0;
	double row_dev, col_dev;
	double ms;
};

/* A plain key press: both tones at level, nominal frequencies. */
struct dtmfsig_tone dtmfsig_key(char key, double dbm0, double ms);

/*
 * Add the tone to x[0..] (random start phases), saturating; returns the
 * number of samples it covers.
 */
long dtmfsig_add_tone(int16_t *x, const struct dtmfsig_tone *t);
/* Add a sine of f Hz at dbm0 for n samples. */
void dtmfsig_add_sine(int16_t *x, long n, double f, double dbm0);
/* Add white Gaussian noise of the given power (whole band), saturating. */
void dtmfsig_add_noise(int16_t *x, long n, double dbm0);
/* Send through G.711 and back: 'u' mu-law, 'a' A-law. */
void dtmfsig_g711(int16_t *x, long n, char law);
/* Power of a stretch in dBm0; -200 for digital silence. */
double dtmfsig_level(const int16_t *x, long n);
/*
 * Frequency (Hz) and level (dBm0) of the strongest sine near f0 Hz in x,
 * by a fine DFT search within +-range Hz.
 */
void dtmfsig_measure_sine(const int16_t *x, long n, double f0, double range,
			  double *freq, double *dbm0);

/* Read a whole raw 16-bit native-endian file; NULL if unreadable. */
int16_t *dtmfsig_read_raw(const char *path, long *n);

#endif /* TAPI_TESTS_DTMF_SIG_H */
