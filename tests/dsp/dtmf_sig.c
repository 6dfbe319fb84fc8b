// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* DTMF test signals; see dtmf_sig.h.  Test code: floating point is fine. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf_sig.h"
#include "g711.h"

const double dtmfsig_row_hz[4] = { 697, 770, 852, 941 };
const double dtmfsig_col_hz[4] = { 1209, 1336, 1477, 1633 };

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

void dtmfsig_seed(uint64_t seed)
{
	rng_state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint32_t dtmfsig_rand(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

int dtmfsig_range(int lo, int hi)
{
	return lo + (int)(dtmfsig_rand() % (uint32_t)(hi - lo + 1));
}

static double uniform(void)
{
	return (dtmfsig_rand() + 0.5) / 4294967296.0;
}

double dtmfsig_gauss(void)
{
	return sqrt(-2.0 * log(uniform())) * cos(2.0 * M_PI * uniform());
}

static int16_t saturate(double v)
{
	v = lrint(v);
	if (v > 32767)
		return 32767;
	if (v < -32768)
		return -32768;
	return (int16_t)v;
}

struct dtmfsig_tone dtmfsig_key(char key, double dbm0, double ms)
{
	struct dtmfsig_tone t = {
		.key = key, .row_dbm0 = dbm0, .col_dbm0 = dbm0, .ms = ms,
	};
	return t;
}

long dtmfsig_add_tone(int16_t *x, const struct dtmfsig_tone *t)
{
	const char *p = strchr(DTMFSIG_KEYS, t->key);
	long i, n = lrint(t->ms * DTMFSIG_RATE / 1000.0);
	double fr, fc, ar, ac, pr, pc;

	if (!p || !t->key) {
		fprintf(stderr, "dtmfsig: bad key %c\n", t->key);
		abort();
	}
	fr = dtmfsig_row_hz[(p - DTMFSIG_KEYS) / 4] * (1.0 + t->row_dev);
	fc = dtmfsig_col_hz[(p - DTMFSIG_KEYS) % 4] * (1.0 + t->col_dev);
	ar = DTMFSIG_PEAK_0DBM0 * pow(10.0, t->row_dbm0 / 20.0);
	ac = DTMFSIG_PEAK_0DBM0 * pow(10.0, t->col_dbm0 / 20.0);
	pr = 2.0 * M_PI * uniform();
	pc = 2.0 * M_PI * uniform();
	for (i = 0; i < n; i++)
		x[i] = saturate(x[i] +
				ar * sin(2.0 * M_PI * fr * i / DTMFSIG_RATE + pr) +
				ac * sin(2.0 * M_PI * fc * i / DTMFSIG_RATE + pc));
	return n;
}

void dtmfsig_add_sine(int16_t *x, long n, double f, double dbm0)
{
	double a = DTMFSIG_PEAK_0DBM0 * pow(10.0, dbm0 / 20.0);
	double ph = 2.0 * M_PI * uniform();
	long i;

	for (i = 0; i < n; i++)
		x[i] = saturate(x[i] + a * sin(2.0 * M_PI * f * i /
					       DTMFSIG_RATE + ph));
}

void dtmfsig_add_noise(int16_t *x, long n, double dbm0)
{
	/* A 0 dBm0 sine has power peak^2 / 2. */
	double rms = DTMFSIG_PEAK_0DBM0 / sqrt(2.0) * pow(10.0, dbm0 / 20.0);
	long i;

	for (i = 0; i < n; i++)
		x[i] = saturate(x[i] + rms * dtmfsig_gauss());
}

void dtmfsig_g711(int16_t *x, long n, char law)
{
	long i;

	for (i = 0; i < n; i++) {
		if (law == 'u')
			x[i] = tapi_ulaw_to_linear(tapi_linear_to_ulaw(x[i]));
		else if (law == 'a')
			x[i] = tapi_alaw_to_linear(tapi_linear_to_alaw(x[i]));
	}
}

double dtmfsig_level(const int16_t *x, long n)
{
	double sum = 0, ref = DTMFSIG_PEAK_0DBM0 * DTMFSIG_PEAK_0DBM0 / 2.0;
	long i;

	for (i = 0; i < n; i++)
		sum += (double)x[i] * x[i];
	if (sum == 0 || n == 0)
		return -200;
	return 10.0 * log10(sum / n / ref);
}

/* Amplitude of the component at f, Hann-windowed DFT (gain-corrected). */
static double dft_amplitude(const int16_t *x, long n, double f)
{
	double re = 0, im = 0, wsum = 0, w;
	long i;

	for (i = 0; i < n; i++) {
		w = 0.5 - 0.5 * cos(2.0 * M_PI * i / n);
		re += w * x[i] * cos(2.0 * M_PI * f * i / DTMFSIG_RATE);
		im -= w * x[i] * sin(2.0 * M_PI * f * i / DTMFSIG_RATE);
		wsum += w;
	}
	return 2.0 * sqrt(re * re + im * im) / wsum;
}

void dtmfsig_measure_sine(const int16_t *x, long n, double f0, double range,
			  double *freq, double *dbm0)
{
	double best_f = f0, best_a = -1, step, f, a, lo, hi;
	int pass;

	/* Coarse to fine search of the DFT peak. */
	lo = f0 - range;
	hi = f0 + range;
	for (pass = 0, step = 1.0; pass < 4; pass++, step /= 10.0) {
		for (f = lo; f <= hi; f += step) {
			a = dft_amplitude(x, n, f);
			if (a > best_a) {
				best_a = a;
				best_f = f;
			}
		}
		lo = best_f - step;
		hi = best_f + step;
	}
	*freq = best_f;
	*dbm0 = 20.0 * log10(best_a / DTMFSIG_PEAK_0DBM0);
}

int16_t *dtmfsig_read_raw(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	int16_t *buf;
	long bytes;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	bytes = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(bytes > 0 ? bytes : 1);
	if (!buf || fread(buf, 1, bytes, f) != (size_t)bytes) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*n = bytes / 2;
	return buf;
}
