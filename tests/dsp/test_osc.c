// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Check suite for the fixed-point oscillator (kernel/dsp/osc.c) that the
 * DTMF, call-progress and FSK generators share: exact frequency, the
 * dBm0 level reference of G.711, spectral purity, phase continuity and
 * argument checking.
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dtmf_sig.h"
#include "osc.h"

/*
 * The sine: within 1.1 LSB of sin() at every phase tried (table rounding,
 * interpolation and output rounding).
 */
START_TEST(test_osc_sine_accuracy)
{
	uint32_t phase;
	double err, max_err = 0;

	for (phase = 0; phase < TAPI_OSC_CYCLE; phase += 7) {
		err = fabs(tapi_osc_sin(phase) -
			   32767.0 * sin(2 * M_PI * phase / TAPI_OSC_CYCLE));
		if (err > max_err)
			max_err = err;
	}
	printf("tapi_osc_sin: largest error %.3f LSB\n", max_err);
	ck_assert_double_le(max_err, 1.1);
	ck_assert_int_eq(tapi_osc_sin(0), 0);
	ck_assert_int_eq(tapi_osc_sin(TAPI_OSC_CYCLE / 4), 32767);
	ck_assert_int_eq(tapi_osc_sin(TAPI_OSC_CYCLE / 2), 0);
	ck_assert_int_eq(tapi_osc_sin(3 * TAPI_OSC_CYCLE / 4), -32767);
	/* Phases beyond a cycle wrap. */
	ck_assert_int_eq(tapi_osc_sin(TAPI_OSC_CYCLE + 1234),
			 tapi_osc_sin(1234));
}
END_TEST

/* Frequencies in 0.01 Hz are exact: the phase returns to 0 exactly. */
START_TEST(test_osc_exact_frequency)
{
	static const unsigned int freq[] = { 69700, 100037, 44000, 1, 399999 };
	struct tapi_osc_state o;
	unsigned int i;
	long n;

	for (i = 0; i < sizeof(freq) / sizeof(freq[0]); i++) {
		ck_assert_int_eq(tapi_osc_init(&o, freq[i], 0), 0);
		/* f / 100 Hz: whole cycles after 100 s (800000 samples). */
		for (n = 0; n < 800000; n++)
			tapi_osc_next(&o);
		ck_assert_uint_eq(o.phase, 0);
	}
	/* 697 Hz: back to phase 0 after every second, so no drift. */
	ck_assert_int_eq(tapi_osc_init(&o, TAPI_OSC_HZ(697), 0), 0);
	for (n = 0; n < 8000 * 3; n++) {
		tapi_osc_next(&o);
		if ((n + 1) % 8000 == 0)
			ck_assert_uint_eq(o.phase, 0);
	}
}
END_TEST

/* Measured frequency and level of generated sines. */
START_TEST(test_osc_measured)
{
	static const int hz[] = { 350, 440, 697, 1000, 1633, 2100, 3400 };
	static const int level[] = { 0, -3, -10, -13, -30, -50 };
	static int16_t x[8000];
	struct tapi_osc_state o;
	double f, dbm0;
	unsigned int i, l;

	for (i = 0; i < sizeof(hz) / sizeof(hz[0]); i++) {
		for (l = 0; l < sizeof(level) / sizeof(level[0]); l++) {
			tapi_osc_init(&o, TAPI_OSC_HZ(hz[i]),
				      TAPI_OSC_DBM0(level[l]));
			tapi_osc_gen(&o, x, 8000);
			dtmfsig_measure_sine(x, 8000, hz[i], 5, &f, &dbm0);
			ck_assert_msg(fabs(f - hz[i]) < 0.01, "%d Hz: %.4f",
				      hz[i], f);
			/* At -50 dBm0 the peak is 72: rounding shows. */
			ck_assert_msg(fabs(dbm0 - level[l]) <
				      (level[l] < -40 ? 0.1 : 0.02),
				      "%d dBm0: %.3f", level[l], dbm0);
			/* The power of the whole signal says the same. */
			ck_assert_msg(fabs(dtmfsig_level(x, 8000) - level[l]) <
				      (level[l] < -40 ? 0.2 : 0.02),
				      "%d dBm0: power %.3f", level[l],
				      dtmfsig_level(x, 8000));
		}
	}
}
END_TEST

/* The G.711 reference: 0 dBm0 is 3.14 dB below a full-scale sine. */
START_TEST(test_osc_level_reference)
{
	ck_assert_int_eq(tapi_osc_peak(0), TAPI_OSC_PEAK_0DBM0);
	ck_assert_int_eq(tapi_osc_peak(TAPI_OSC_LEVEL_MAX), 32767);
	ck_assert_int_eq(tapi_osc_peak(TAPI_OSC_LEVEL_MAX + 1), -EINVAL);
	ck_assert_int_eq(tapi_osc_peak(-600), 11440);	/* -6 dBm0 */
	ck_assert_int_eq(tapi_osc_peak(TAPI_OSC_LEVEL_MIN), 0);
	ck_assert_int_gt(tapi_osc_peak(TAPI_OSC_LEVEL_MIN + 100), 0);
	/* Monotonic, 0.01 dB steps. */
	for (int l = TAPI_OSC_LEVEL_MAX; l > TAPI_OSC_LEVEL_MIN; l--)
		ck_assert_int_ge(tapi_osc_peak(l), tapi_osc_peak(l - 1));
}
END_TEST

/* Harmonics and other spurs far below the tone. */
START_TEST(test_osc_purity)
{
	static int16_t x[8000];
	struct tapi_osc_state o;
	double f, tone, spur, worst = -200;
	int h;

	tapi_osc_init(&o, TAPI_OSC_HZ(1209), 0);
	tapi_osc_gen(&o, x, 8000);
	dtmfsig_measure_sine(x, 8000, 1209, 2, &f, &tone);
	for (h = 2; h <= 6; h++) {
		double fh = fmod(1209.0 * h, 8000.0);

		if (fh > 4000)
			fh = 8000 - fh;
		dtmfsig_measure_sine(x, 8000, fh, 2, &f, &spur);
		if (spur - tone > worst)
			worst = spur - tone;
	}
	printf("osc: strongest harmonic %.1f dB below the tone\n", -worst);
	ck_assert_double_lt(worst, -80);
}
END_TEST

/* Frequency changes keep the phase: no jumps, as FSK needs. */
START_TEST(test_osc_phase_continuity)
{
	struct tapi_osc_state o;
	int16_t prev, cur;
	int i, max_step = 0, step;

	tapi_osc_init(&o, TAPI_OSC_HZ(1200), TAPI_OSC_DBM0(-10));
	prev = tapi_osc_next(&o);
	for (i = 0; i < 8000; i++) {
		if (i % 7 == 0)
			ck_assert_int_eq(tapi_osc_set_freq(&o, TAPI_OSC_HZ(
					 i % 14 ? 1200 : 2200)), 0);
		cur = tapi_osc_next(&o);
		step = abs(cur - prev);
		if (step > max_step)
			max_step = step;
		prev = cur;
	}
	/* A 2200 Hz sine at peak 7218 moves at most 2 pi f / fs * peak. */
	ck_assert_int_le(max_step, 7218 * 2 * M_PI * 2200 / 8000 + 2);
	ck_assert_int_eq(tapi_osc_set_level(&o, TAPI_OSC_DBM0(-20)), 0);
	ck_assert_int_eq(o.peak, tapi_osc_peak(-2000));
}
END_TEST

/* Bad arguments: -EINVAL and nothing changed (init: silent). */
START_TEST(test_osc_invalid)
{
	struct tapi_osc_state o;
	int16_t x[16] = { 0 };
	int i;

	ck_assert_int_eq(tapi_osc_init(&o, TAPI_OSC_FREQ_MAX + 1, 0), -EINVAL);
	tapi_osc_gen(&o, x, 16);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(x[i], 0);
	ck_assert_int_eq(tapi_osc_init(&o, TAPI_OSC_HZ(440), 400), -EINVAL);
	ck_assert_int_eq(tapi_osc_init(&o, TAPI_OSC_HZ(440), 0), 0);
	ck_assert_int_eq(tapi_osc_set_freq(&o, TAPI_OSC_FREQ_MAX + 1), -EINVAL);
	ck_assert_uint_eq(o.step, TAPI_OSC_HZ(440));
	ck_assert_int_eq(tapi_osc_set_level(&o, 315), -EINVAL);
	ck_assert_int_eq(o.peak, TAPI_OSC_PEAK_0DBM0);
}
END_TEST

/* Mixing adds and saturates instead of wrapping. */
START_TEST(test_osc_mix_saturates)
{
	struct tapi_osc_state o;
	int16_t x[80];
	int i, top = 0;

	tapi_osc_init(&o, TAPI_OSC_HZ(100), TAPI_OSC_LEVEL_MAX);
	for (i = 0; i < 80; i++)
		x[i] = 20000;
	tapi_osc_mix(&o, x, 80);
	for (i = 0; i < 80; i++) {
		ck_assert_int_ge(x[i], 20000 - 32767);
		if (x[i] == 32767)
			top++;
	}
	ck_assert_int_gt(top, 10);
}
END_TEST

static Suite *osc_suite(void)
{
	Suite *s = suite_create("osc");
	TCase *tc = tcase_create("osc");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_osc_sine_accuracy);
	tcase_add_test(tc, test_osc_exact_frequency);
	tcase_add_test(tc, test_osc_measured);
	tcase_add_test(tc, test_osc_level_reference);
	tcase_add_test(tc, test_osc_purity);
	tcase_add_test(tc, test_osc_phase_continuity);
	tcase_add_test(tc, test_osc_invalid);
	tcase_add_test(tc, test_osc_mix_saturates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(osc_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
