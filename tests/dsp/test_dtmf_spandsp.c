// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Independent cross-check with spandsp (libspandsp-dev): the digits our
 * generator makes are decoded by spandsp's receiver, and the digits
 * spandsp's generator makes are decoded by ours, over the levels and
 * timings the DIAL ioctl allows.
 */
#include <check.h>
#include <math.h>
#include <spandsp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf.h"
#include "dtmf_impl.h"
#include "dtmf_sig.h"

#define KEYS		DTMFSIG_KEYS
#define DIGITS		KEYS "0123456789#*"
#define MAX_SAMPLES	(8000 * 60)

static int16_t signal_buf[MAX_SAMPLES];
static struct dtmf_result result;

/* on/off ms and level dBm0 per tone. */
static const int settings[][3] = {
	{ 100, 100, -10 }, { 40, 40, -10 }, { 50, 50, -3 }, { 60, 40, -20 },
	{ 40, 50, -30 }, { 200, 40, 0 }, { 45, 45, -25 },
};
#define NSETTINGS ((int)(sizeof(settings) / sizeof(settings[0])))

static long ours_generate(const int *set)
{
	struct tapi_dtmf_tx_state tx;
	long n = 0;
	int got;

	tapi_dtmf_tx_init(&tx, set[0], set[1], set[2]);
	ck_assert_int_eq(tapi_dtmf_tx_put(&tx, DIGITS), 0);
	while ((got = tapi_dtmf_tx(&tx, signal_buf + n, 160)) > 0)
		n += got;
	ck_assert_int_le(n, MAX_SAMPLES);
	return n;
}

/*
 * spandsp 0.0.6's generator wraps around instead of saturating when the
 * two tones' peaks add up past full scale (0 dBm0 per tone does): keep
 * its louder tone at -3 dBm0 or below.
 */
static long spandsp_generate(const int *set, int twist)
{
	dtmf_tx_state_t *tx = dtmf_tx_init(NULL);
	int level = set[2], top = twist > 0 ? -3 - twist : -3;
	long n = 0;
	int got;

	ck_assert_ptr_nonnull(tx);
	dtmf_tx_set_level(tx, level < top ? level : top, twist);
	dtmf_tx_set_timing(tx, set[0], set[1]);
	/* 0.0.6 returns the digits left over: none fit in its queue. */
	ck_assert_int_eq(dtmf_tx_put(tx, DIGITS, -1), 0);
	while ((got = dtmf_tx(tx, signal_buf + n, 160)) > 0)
		n += got;
	dtmf_tx_free(tx);
	/* Room for the receiver to see the last pause end. */
	memset(signal_buf + n, 0, 800 * sizeof(*signal_buf));
	return n + 800;
}

/* Our generator, spandsp's receiver. */
START_TEST(test_dtmf_spandsp_decodes_ours)
{
	char got[64];
	int s;

	for (s = 0; s < NSETTINGS; s++) {
		long n = ours_generate(settings[s]);

		dtmf_impl_run(DTMF_SPANDSP, signal_buf, n, 8, &result);
		dtmf_result_digits(&result, got, sizeof(got));
		ck_assert_msg(!strcmp(got, DIGITS),
			      "%d/%d ms at %d dBm0: spandsp heard \"%s\"",
			      settings[s][0], settings[s][1], settings[s][2],
			      got);
	}
}
END_TEST

/* spandsp's generator, our receiver; also with spandsp's twist. */
START_TEST(test_dtmf_ours_decodes_spandsp)
{
	static const int twists[] = { 0, 2, -2 };
	char got[64];
	int s, t;

	for (t = 0; t < 3; t++) {
		for (s = 0; s < NSETTINGS; s++) {
			long n = spandsp_generate(settings[s], twists[t]);

			dtmf_impl_run(DTMF_OURS, signal_buf, n, 8, &result);
			dtmf_result_digits(&result, got, sizeof(got));
			ck_assert_msg(!strcmp(got, DIGITS),
				      "%d/%d ms at %d dBm0, twist %d dB: we "
				      "heard \"%s\"", settings[s][0],
				      settings[s][1], settings[s][2],
				      twists[t], got);
		}
	}
}
END_TEST

/*
 * The two generators agree on levels and frequencies: the same digit
 * from each measures the same to 0.1 dB and 0.5 % (spandsp's oscillator
 * is a 32-bit DDS with its own level table).
 */
START_TEST(test_dtmf_generators_agree)
{
	static const int set[3] = { 100, 100, -13 };
	static int16_t ours[1600];
	double f1, l1, f2, l2;
	int k;

	for (k = 0; k < 16; k++) {
		struct tapi_dtmf_tx_state tx;
		dtmf_tx_state_t *sp = dtmf_tx_init(NULL);
		char key[2] = { KEYS[k], 0 };

		tapi_dtmf_tx_init(&tx, set[0], set[1], set[2]);
		tapi_dtmf_tx_put(&tx, key);
		tapi_dtmf_tx(&tx, ours, 800);
		dtmf_tx_set_level(sp, set[2], 0);
		dtmf_tx_set_timing(sp, set[0], set[1]);
		dtmf_tx_put(sp, key, 1);
		dtmf_tx(sp, signal_buf, 800);
		dtmf_tx_free(sp);

		dtmfsig_measure_sine(ours, 800, dtmfsig_row_hz[k / 4], 30,
				     &f1, &l1);
		dtmfsig_measure_sine(signal_buf, 800, dtmfsig_row_hz[k / 4],
				     30, &f2, &l2);
		ck_assert_msg(fabs(l1 - l2) < 0.1 && fabs(f1 / f2 - 1) < 0.005,
			      "%c row: ours %.2f Hz %.2f dBm0, spandsp %.2f "
			      "Hz %.2f dBm0", KEYS[k], f1, l1, f2, l2);
		dtmfsig_measure_sine(ours, 800, dtmfsig_col_hz[k % 4], 30,
				     &f1, &l1);
		dtmfsig_measure_sine(signal_buf, 800, dtmfsig_col_hz[k % 4],
				     30, &f2, &l2);
		ck_assert_msg(fabs(l1 - l2) < 0.1 && fabs(f1 / f2 - 1) < 0.005,
			      "%c column: ours %.2f Hz %.2f dBm0, spandsp "
			      "%.2f Hz %.2f dBm0", KEYS[k], f1, l1, f2, l2);
	}
}
END_TEST

static Suite *cross_suite(void)
{
	Suite *s = suite_create("dtmf_spandsp");
	TCase *tc = tcase_create("cross_check");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dtmf_spandsp_decodes_ours);
	tcase_add_test(tc, test_dtmf_ours_decodes_spandsp);
	tcase_add_test(tc, test_dtmf_generators_agree);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cross_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
