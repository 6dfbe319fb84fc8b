// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test signals and independent measurements; see testsig.h.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "g711.h"
#include "testsig.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* TESTSIG_SEED in the environment varies every test's random choices. */
void testsig_seed(uint64_t seed)
{
	const char *env = getenv("TESTSIG_SEED");

	if (env)
		seed ^= strtoull(env, NULL, 0) * 0x9e3779b97f4a7c15ULL;
	rng_state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

/* xorshift64* */
uint32_t testsig_rand(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

int testsig_range(int lo, int hi)
{
	return lo + (int)(testsig_rand() % (uint32_t)(hi - lo + 1));
}

double testsig_gauss(void)
{
	double u1 = (testsig_rand() + 1.0) / 4294967297.0;
	double u2 = testsig_rand() / 4294967296.0;

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static int16_t saturate(double v)
{
	v = lrint(v);
	return v > 32767 ? 32767 : v < -32768 ? -32768 : (int16_t)v;
}

void testsig_add_noise(int16_t *x, long n, double dbm0)
{
	double rms = TESTSIG_RMS_0DBM0 * pow(10.0, dbm0 / 20.0);
	long i;

	for (i = 0; i < n; i++)
		x[i] = saturate(x[i] + rms * testsig_gauss());
}

void testsig_gain(int16_t *x, long n, double db)
{
	double g = pow(10.0, db / 20.0);
	long i;

	for (i = 0; i < n; i++)
		x[i] = saturate(x[i] * g);
}

double testsig_level(const int16_t *x, long n)
{
	double e = 0;
	long i;

	for (i = 0; i < n; i++)
		e += (double)x[i] * x[i];
	if (e == 0 || n == 0)
		return -200;
	return 10.0 * log10(e / n / (TESTSIG_RMS_0DBM0 * TESTSIG_RMS_0DBM0));
}

/* |DFT at f|^2 scaled to the mean square of that component. */
static double tone_power(const int16_t *x, long n, double f)
{
	double re = 0, im = 0, w = 2.0 * M_PI * f / 8000.0;
	long i;

	for (i = 0; i < n; i++) {
		re += x[i] * cos(w * i);
		im -= x[i] * sin(w * i);
	}
	return 2.0 * (re * re + im * im) / ((double)n * n);
}

double testsig_tone_level(const int16_t *x, long n, double f)
{
	double p = tone_power(x, n, f);

	if (p <= 0)
		return -200;
	return 10.0 * log10(p / (TESTSIG_RMS_0DBM0 * TESTSIG_RMS_0DBM0));
}

double testsig_tone_share(const int16_t *x, long n, const double *f, int nf)
{
	double e = 0, p = 0;
	long i;
	int k;

	for (i = 0; i < n; i++)
		e += (double)x[i] * x[i];
	if (e == 0)
		return 0;
	for (k = 0; k < nf; k++)
		p += tone_power(x, n, f[k]);
	return p * n / e;
}

int16_t *testsig_speed(const int16_t *x, long n, double ratio, long *out)
{
	long m = (long)((n - 1) / ratio), k, i;
	int16_t *y = malloc((m + 1) * sizeof(*y));
	double pos, frac;

	if (!y)
		return NULL;
	for (k = 0; k <= m; k++) {
		pos = k * ratio;
		i = (long)pos;
		frac = pos - i;
		y[k] = i + 1 < n ? saturate(x[i] * (1 - frac) + x[i + 1] * frac) :
		       x[n - 1];
	}
	*out = m + 1;
	return y;
}

void testsig_g711(int16_t *x, long n, char law)
{
	long i;

	for (i = 0; i < n; i++) {
		if (law == 'u')
			x[i] = tapi_ulaw_to_linear(tapi_linear_to_ulaw(x[i]));
		else if (law == 'a')
			x[i] = tapi_alaw_to_linear(tapi_linear_to_alaw(x[i]));
	}
}

int16_t *testsig_speech(const char *voice, const char *text, long *n)
{
	char tmpl[] = "/tmp/testsig-XXXXXX", cmd[1024];
	int16_t *buf = NULL;
	long len = 0, cap = 0;
	size_t got;
	FILE *f;
	int fd;

	fd = mkstemp(tmpl);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "espeak-ng -v '%s' -f '%s' --stdout 2>/dev/null | "
		 "sox -q -t wav - -t raw -r 8000 -e signed -b 16 -c 1 "
		 "--endian little - 2>/dev/null", voice, tmpl);
	f = popen(cmd, "r");
	if (!f) {
		unlink(tmpl);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap * sizeof(*buf));
			if (!buf)
				break;
		}
		got = fread(buf + len, sizeof(*buf), cap - len, f);
		if (!got)
			break;
		len += got;
	}
	pclose(f);
	unlink(tmpl);
	if (!buf || len < 8000) {	/* less than a second: tools missing */
		free(buf);
		return NULL;
	}
	*n = len;
	return buf;
}
