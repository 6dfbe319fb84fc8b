// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Check suite for the DTMF generator (kernel/dsp/dtmf_tx.c): frequencies,
 * levels and timing of the generated digits measured back in floating
 * point (ITU-T Q.23: frequencies within 1.8 %), the queue contract of
 * tapi_dtmf_tx_put()/tapi_dtmf_tx(), and a round trip through our
 * receiver.
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf.h"
#include "dtmf_impl.h"
#include "dtmf_sig.h"

#define KEYS	DTMFSIG_KEYS

/* Generate everything queued, in chunks of `chunk`; returns the length. */
static long generate(struct tapi_dtmf_tx_state *tx, int16_t *x, long cap,
		     int chunk)
{
	long n = 0;
	int got;

	while (n < cap) {
		got = tapi_dtmf_tx(tx, x + n, cap - n < chunk ? cap - n : chunk);
		n += got;
		if (got < chunk)
			break;
	}
	return n;
}

/* Each digit's two tones at their nominal frequency and level. */
START_TEST(test_dtmf_tx_frequencies_levels)
{
	static const int levels[] = { -10, -3, -20, -30 };
	struct tapi_dtmf_tx_state tx;
	static int16_t x[8000 * 4];
	double f, dbm0;
	int k, l;
	char key[2] = { 0 };

	for (l = 0; l < 4; l++) {
		for (k = 0; k < 16; k++) {
			key[0] = KEYS[k];
			tapi_dtmf_tx_init(&tx, 200, 50, levels[l] == -10 ?
					  0 : levels[l]);
			ck_assert_int_eq(tapi_dtmf_tx_put(&tx, key), 0);
			ck_assert_int_eq(generate(&tx, x, sizeof(x) / 2, 160),
					 8 * 250);
			dtmfsig_measure_sine(x, 1600, dtmfsig_row_hz[k / 4], 30,
					     &f, &dbm0);
			ck_assert_msg(fabs(f - dtmfsig_row_hz[k / 4]) < 0.05,
				      "%c row tone at %.3f Hz", key[0], f);
			ck_assert_msg(fabs(dbm0 - levels[l]) < 0.1,
				      "%c row tone at %.2f dBm0", key[0], dbm0);
			dtmfsig_measure_sine(x, 1600, dtmfsig_col_hz[k % 4], 30,
					     &f, &dbm0);
			ck_assert_msg(fabs(f - dtmfsig_col_hz[k % 4]) < 0.05,
				      "%c column tone at %.3f Hz", key[0], f);
			ck_assert_msg(fabs(dbm0 - levels[l]) < 0.1,
				      "%c column tone at %.2f dBm0", key[0],
				      dbm0);
			/* Both tones are all there is: total = 2 tones. */
			ck_assert_msg(fabs(dtmfsig_level(x, 1600) -
					   (levels[l] + 3.0103)) < 0.05,
				      "%c total %.2f dBm0", key[0],
				      dtmfsig_level(x, 1600));
		}
	}
}
END_TEST

/* Tone and pause lengths are exact sample counts, defaults 100/100 ms. */
START_TEST(test_dtmf_tx_timing)
{
	static const unsigned int on[] = { 0, 40, 55, 1000 };
	static const unsigned int off[] = { 0, 40, 60, 1000 };
	struct tapi_dtmf_tx_state tx;
	static int16_t x[8000 * 20];
	long n, i, first, last;
	unsigned int k, on_s, off_s, d;

	for (k = 0; k < 4; k++) {
		on_s = 8 * (on[k] ? on[k] : 100);
		off_s = 8 * (off[k] ? off[k] : 100);
		tapi_dtmf_tx_init(&tx, on[k], off[k], -10);
		ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "159D"), 0);
		n = generate(&tx, x, sizeof(x) / 2, 8);
		ck_assert_int_eq(n, 4 * (on_s + off_s));
		for (d = 0; d < 4; d++) {
			long base = d * (on_s + off_s);

			/* Nonzero only within the tone (sine starts at 0). */
			first = -1;
			last = -1;
			for (i = base; i < base + on_s + off_s; i++) {
				if (x[i] && first < 0)
					first = i;
				if (x[i])
					last = i;
			}
			ck_assert_int_le(first - base, 1);
			ck_assert_int_ge(last - base, on_s - 2);
			ck_assert_int_lt(last - base, on_s);
		}
	}
}
END_TEST

/* Generated in chunks of any size, the signal is the same. */
START_TEST(test_dtmf_tx_chunks)
{
	static const int chunks[] = { 1, 7, 8, 160, 1000 };
	struct tapi_dtmf_tx_state tx;
	static int16_t ref[8000 * 4], x[8000 * 4];
	long n, m;
	unsigned int c;

	tapi_dtmf_tx_init(&tx, 50, 50, -7);
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, KEYS), 0);
	n = generate(&tx, ref, sizeof(ref) / 2, 8000 * 4);
	ck_assert_int_eq(n, 16 * 800);
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		tapi_dtmf_tx_init(&tx, 50, 50, -7);
		ck_assert_int_eq(tapi_dtmf_tx_put(&tx, KEYS), 0);
		m = generate(&tx, x, sizeof(x) / 2, chunks[c]);
		ck_assert_int_eq(m, n);
		ck_assert_int_eq(memcmp(x, ref, n * sizeof(*x)), 0);
	}
}
END_TEST

/* The queue: bad characters, overflow, busy, the return counts. */
START_TEST(test_dtmf_tx_queue)
{
	struct tapi_dtmf_tx_state tx;
	char many[TAPI_DTMF_TX_QUEUE + 2];
	int16_t x[2000];

	tapi_dtmf_tx_init(&tx, 40, 40, 0);
	ck_assert(!tapi_dtmf_tx_busy(&tx));
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 100), 0);	/* idle */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "12x4"), -EINVAL);
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "a"), -EINVAL);
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "1 2"), -EINVAL);
	ck_assert(!tapi_dtmf_tx_busy(&tx));		/* nothing queued */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, ""), 0);
	ck_assert(!tapi_dtmf_tx_busy(&tx));

	memset(many, '7', sizeof(many));
	many[TAPI_DTMF_TX_QUEUE + 1] = '\0';
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, many), -ENOSPC);
	ck_assert(!tapi_dtmf_tx_busy(&tx));
	many[TAPI_DTMF_TX_QUEUE] = '\0';
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, many), 0);	/* exactly full */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "1"), -ENOSPC);
	tapi_dtmf_tx_init(&tx, 40, 40, 0);		/* init empties it */
	ck_assert(!tapi_dtmf_tx_busy(&tx));

	/* One digit: 320 + 320 samples, then idle. */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "#"), 0);
	ck_assert(tapi_dtmf_tx_busy(&tx));
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 320), 320);
	ck_assert(tapi_dtmf_tx_busy(&tx));		/* the pause remains */
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 300), 300);
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 100), 20);	/* the end */
	ck_assert(!tapi_dtmf_tx_busy(&tx));
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 100), 0);

	/* Digits queued while sending follow without a gap in the rhythm. */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "1"), 0);
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 500), 500);
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "2"), 0);
	ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 2000), 140 + 640);
	/* Wrap-around of the queue: many small puts. */
	for (int i = 0; i < 3 * TAPI_DTMF_TX_QUEUE; i++) {
		ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "D"), 0);
		ck_assert_int_eq(tapi_dtmf_tx(&tx, x, 640), 640);
	}
	ck_assert(!tapi_dtmf_tx_busy(&tx));
}
END_TEST

/* Out-of-range settings are clamped to the nearest accepted value. */
START_TEST(test_dtmf_tx_clamp)
{
	struct tapi_dtmf_tx_state tx;
	static int16_t x[8000 * 20], y[8000 * 20];
	double f, dbm0;
	long n;

	tapi_dtmf_tx_init(&tx, 100000, 5, 20);		/* 8 s, 5 ms, +3 */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "0"), 0);
	n = generate(&tx, x, sizeof(x) / 2, 8);
	ck_assert_int_eq(n, 8 * 8005);
	tapi_dtmf_tx_init(&tx, 8000, 5, 3);
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "0"), 0);
	ck_assert_int_eq(generate(&tx, y, sizeof(y) / 2, 8), n);
	ck_assert_int_eq(memcmp(x, y, n * sizeof(*x)), 0);

	tapi_dtmf_tx_init(&tx, 50, 50, -100);		/* -60 dBm0 */
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "0"), 0);
	generate(&tx, x, sizeof(x) / 2, 8);
	dtmfsig_measure_sine(x, 400, 941, 30, &f, &dbm0);
	ck_assert_msg(fabs(dbm0 + 60.0) < 0.5, "level %.2f", dbm0);
}
END_TEST

/* Our receiver decodes what we generate, at every DIAL setting corner. */
START_TEST(test_dtmf_tx_round_trip)
{
	static const int settings[][3] = {
		{ 0, 0, 0 }, { 40, 40, -30 }, { 40, 40, 0 }, { 1000, 1000, -3 },
		{ 50, 60, -20 },
	};
	static struct dtmf_result r;
	struct tapi_dtmf_tx_state tx;
	static int16_t x[8000 * 60];
	char got[64];
	unsigned int s;
	long n;

	for (s = 0; s < sizeof(settings) / sizeof(settings[0]); s++) {
		tapi_dtmf_tx_init(&tx, settings[s][0], settings[s][1],
				  settings[s][2]);
		ck_assert_int_eq(tapi_dtmf_tx_put(&tx, KEYS), 0);
		ck_assert_int_eq(tapi_dtmf_tx_put(&tx, "0123456789"), 0);
		n = generate(&tx, x, sizeof(x) / 2, 8);
		dtmf_impl_run(DTMF_OURS, x, n, 8, &r);
		dtmf_result_digits(&r, got, sizeof(got));
		ck_assert_str_eq(got, KEYS "0123456789");
	}
}
END_TEST

static Suite *dtmf_tx_suite(void)
{
	Suite *s = suite_create("dtmf_tx");
	TCase *tc;

	tc = tcase_create("signal");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dtmf_tx_frequencies_levels);
	tcase_add_test(tc, test_dtmf_tx_timing);
	tcase_add_test(tc, test_dtmf_tx_chunks);
	tcase_add_test(tc, test_dtmf_tx_clamp);
	suite_add_tcase(s, tc);

	tc = tcase_create("queue");
	tcase_add_test(tc, test_dtmf_tx_queue);
	suite_add_tcase(s, tc);

	tc = tcase_create("round_trip");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dtmf_tx_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(dtmf_tx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
