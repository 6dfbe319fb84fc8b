// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Check suite for G.711 (kernel/dsp/g711.c): every 16-bit input and every
 * code, against the G.711 segment structure and, independently, against
 * spandsp's implementation.
 */
#include <check.h>
#include <spandsp.h>
#include <stdio.h>
#include <stdlib.h>

#include "g711.h"

/* Every code decodes as spandsp decodes it and re-encodes to itself. */
START_TEST(test_g711_codes_round_trip)
{
	int c;

	for (c = 0; c < 256; c++) {
		ck_assert_int_eq(tapi_ulaw_to_linear(c), ulaw_to_linear(c));
		ck_assert_int_eq(tapi_alaw_to_linear(c), alaw_to_linear(c));
		ck_assert_int_eq(tapi_linear_to_alaw(tapi_alaw_to_linear(c)), c);
		/* mu-law's -0 (0x7f) re-encodes as +0 (0xff). */
		ck_assert_int_eq(tapi_linear_to_ulaw(tapi_ulaw_to_linear(c)),
				 c == 0x7f ? 0xff : c);
	}
}
END_TEST

/* Every 16-bit sample encodes as spandsp encodes it. */
START_TEST(test_g711_all_samples_spandsp)
{
	int x;

	for (x = -32768; x <= 32767; x++) {
		ck_assert_int_eq(tapi_linear_to_ulaw(x), linear_to_ulaw(x));
		ck_assert_int_eq(tapi_linear_to_alaw(x), linear_to_alaw(x));
	}
}
END_TEST

/*
 * The quantiser: decoding is monotonic in the sample, and the error is
 * at most half a step of the segment (plus the bits below G.711's 14-bit
 * mu-law and 13-bit A-law resolution), except where the input clips.
 */
START_TEST(test_g711_quantisation)
{
	int x, d, prev_u = -40000, prev_a = -40000, err, step;

	for (x = -32768; x <= 32767; x++) {
		d = tapi_ulaw_to_linear(tapi_linear_to_ulaw(x));
		ck_assert_int_ge(d, prev_u);
		prev_u = d;
		if (abs(x) <= 32124) {
			/* mu-law steps: 8 << segment in 16-bit units. */
			step = 8 << ((~tapi_linear_to_ulaw(x) >> 4) & 7);
			err = abs(x - d);
			ck_assert_msg(err <= step / 2 + 4,
				      "mu-law %d -> %d (step %d)", x, d, step);
		}
		d = tapi_alaw_to_linear(tapi_linear_to_alaw(x));
		ck_assert_int_ge(d, prev_a);
		prev_a = d;
		if (abs(x) <= 32256) {
			int seg = ((tapi_linear_to_alaw(x) ^ 0x55) >> 4) & 7;

			step = seg ? 16 << (seg - 1) : 16;
			err = abs(x - d);
			ck_assert_msg(err <= step / 2 + 8,
				      "A-law %d -> %d (step %d)", x, d, step);
		}
	}
}
END_TEST

/* Landmarks of the two laws. */
START_TEST(test_g711_landmarks)
{
	ck_assert_int_eq(tapi_linear_to_ulaw(0), 0xff);
	ck_assert_int_eq(tapi_ulaw_to_linear(0xff), 0);
	ck_assert_int_eq(tapi_ulaw_to_linear(0x7f), 0);
	ck_assert_int_eq(tapi_ulaw_to_linear(0x80), 32124);
	ck_assert_int_eq(tapi_ulaw_to_linear(0x00), -32124);
	ck_assert_int_eq(tapi_linear_to_ulaw(32767), 0x80);
	ck_assert_int_eq(tapi_linear_to_ulaw(-32768), 0x00);
	ck_assert_int_eq(tapi_alaw_to_linear(0xd5), 8);
	ck_assert_int_eq(tapi_alaw_to_linear(0x55), -8);
	ck_assert_int_eq(tapi_alaw_to_linear(0xaa), 32256);
	ck_assert_int_eq(tapi_alaw_to_linear(0x2a), -32256);
	ck_assert_int_eq(tapi_linear_to_alaw(0), 0xd5);
	ck_assert_int_eq(tapi_linear_to_alaw(-1), 0x55);
	ck_assert_int_eq(tapi_linear_to_alaw(32767), 0xaa);
	ck_assert_int_eq(tapi_linear_to_alaw(-32768), 0x2a);
}
END_TEST

static Suite *g711_suite(void)
{
	Suite *s = suite_create("g711");
	TCase *tc = tcase_create("g711");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_g711_codes_round_trip);
	tcase_add_test(tc, test_g711_all_samples_spandsp);
	tcase_add_test(tc, test_g711_quantisation);
	tcase_add_test(tc, test_g711_landmarks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(g711_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
