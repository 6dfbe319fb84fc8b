// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Check suite for the DTMF receiver (kernel/dsp/dtmf_rx.c), userspace
 * build of the kernel code.  Walks the conformance list of issue 4 (ITU-T
 * Q.24 limits) in order, one test case per rule, then the receiver's own
 * contract: one start and one end per key press with a true duration,
 * identical reports for any block size, a bounded delay, small state.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf.h"
#include "dtmf_impl.h"
#include "dtmf_rules.h"
#include "dtmf_sig.h"

/* Run one conformance rule on our receiver and fail with its detail. */
static void assert_rule(const char *name)
{
	struct dtmf_rule_report rep;
	int i;

	for (i = 0; i < dtmf_rule_count; i++) {
		if (strcmp(dtmf_rules[i].name, name))
			continue;
		dtmf_rules[i].run(DTMF_OURS, &rep);
		printf("rule %-13s %-40s %d/%d cases\n", name,
		       dtmf_rules[i].limit, rep.cases - rep.failed,
		       rep.cases);
		ck_assert_int_gt(rep.cases, 0);
		ck_assert_msg(rep.pass, "rule %s (%s): %d of %d cases failed, "
			      "first: %s", name, dtmf_rules[i].limit,
			      rep.failed, rep.cases, rep.detail);
		return;
	}
	ck_abort_msg("no rule %s", name);
}

START_TEST(test_dtmf_rx_levels)
{
	assert_rule("levels");
}
END_TEST

START_TEST(test_dtmf_rx_floor)
{
	assert_rule("floor");
}
END_TEST

START_TEST(test_dtmf_rx_freq_accept)
{
	assert_rule("freq-accept");
}
END_TEST

START_TEST(test_dtmf_rx_freq_reject)
{
	assert_rule("freq-reject");
}
END_TEST

START_TEST(test_dtmf_rx_duration_accept)
{
	assert_rule("dur-accept");
}
END_TEST

START_TEST(test_dtmf_rx_duration_reject)
{
	assert_rule("dur-reject");
}
END_TEST

START_TEST(test_dtmf_rx_pause)
{
	assert_rule("pause");
}
END_TEST

START_TEST(test_dtmf_rx_long_tone)
{
	assert_rule("long");
}
END_TEST

START_TEST(test_dtmf_rx_interruption)
{
	assert_rule("interrupt");
}
END_TEST

START_TEST(test_dtmf_rx_twist_accept)
{
	assert_rule("twist-accept");
}
END_TEST

START_TEST(test_dtmf_rx_twist_reject)
{
	assert_rule("twist-reject");
}
END_TEST

START_TEST(test_dtmf_rx_noise)
{
	assert_rule("noise");
}
END_TEST

START_TEST(test_dtmf_rx_noise_alone)
{
	assert_rule("noise-alone");
}
END_TEST

START_TEST(test_dtmf_rx_g711)
{
	assert_rule("g711");
}
END_TEST

/* Every rule of the list has a test case above. */
START_TEST(test_dtmf_rx_rules_covered)
{
	static const char *const covered[] = {
		"levels", "floor", "freq-accept", "freq-reject", "dur-accept",
		"dur-reject", "pause", "long", "interrupt", "twist-accept",
		"twist-reject", "noise", "noise-alone", "g711",
	};
	int i;

	ck_assert_int_eq(dtmf_rule_count,
			 (int)(sizeof(covered) / sizeof(covered[0])));
	for (i = 0; i < dtmf_rule_count; i++)
		ck_assert_str_eq(dtmf_rules[i].name, covered[i]);
}
END_TEST

/* A test signal: key presses of varied length and level, noise, pauses. */
static int16_t *mixed_signal(long *n, long *onsets, double *lengths,
			     int *count)
{
	static const double ms[] = { 40, 45, 60, 100, 250, 1000, 73, 41 };
	long cap = 8000L * 40, pos;
	int16_t *x = calloc(cap, sizeof(*x));
	struct dtmfsig_tone t;
	int k;

	ck_assert_ptr_nonnull(x);
	dtmfsig_seed(77);
	pos = 160 + dtmfsig_range(0, 39);
	for (k = 0; k < 32; k++) {
		t = dtmfsig_key(DTMFSIG_KEYS[k % 16], -3 - (k * 7) % 27,
				ms[k % 8]);
		t.row_dev = ((k % 5) - 2) * 0.006;
		onsets[k] = pos;
		lengths[k] = t.ms;
		pos += dtmfsig_add_tone(x + pos, &t);
		pos += 8 * (45 + (k * 13) % 200) + dtmfsig_range(0, 39);
	}
	*count = k;
	*n = pos + 800;
	dtmfsig_add_noise(x, *n, -45);
	return x;
}

/* One start and one end per key press, with a true duration. */
START_TEST(test_dtmf_rx_start_end_once)
{
	static struct dtmf_result r;
	long n, onsets[32];
	double lengths[32];
	int count, k;
	int16_t *x = mixed_signal(&n, onsets, lengths, &count);

	dtmf_impl_run(DTMF_OURS, x, n, 8, &r);
	ck_assert_int_eq(r.n, count);
	for (k = 0; k < count; k++) {
		const struct dtmf_event *e = &r.ev[k];
		double delay = (e->start - onsets[k]) / 8.0;

		ck_assert_int_eq(e->digit, DTMFSIG_KEYS[k % 16]);
		ck_assert_int_ge(e->end, e->start);
		/* Reported after the tone has lasted 24 ms, within a block. */
		ck_assert_msg(delay >= 20 && delay <= 35,
			      "digit %d: start %.1f ms after onset", k, delay);
		/* End: at most 30 ms after the tone stopped. */
		ck_assert_msg(e->end <= onsets[k] + lengths[k] * 8 + 240,
			      "digit %d: end reported late", k);
		ck_assert_msg(abs(e->duration_ms - (int)lengths[k]) <= 4,
			      "digit %d: %.0f ms reported as %d ms", k,
			      lengths[k], e->duration_ms);
	}
	free(x);
}
END_TEST

/* Reports do not depend on how the samples are cut into calls. */
START_TEST(test_dtmf_rx_block_sizes)
{
	static const int chunks[] = { 1, 8, 80, 160, 3, 7, 13, 39, 40, 41,
				      997 };
	static struct dtmf_result ref, r;
	long n, onsets[32];
	double lengths[32];
	int count, c, e;
	int16_t *x = mixed_signal(&n, onsets, lengths, &count);

	dtmf_impl_run(DTMF_OURS, x, n, 1, &ref);
	ck_assert_int_eq(ref.n, count);
	for (c = 0; c < (int)(sizeof(chunks) / sizeof(chunks[0])); c++) {
		dtmf_impl_run(DTMF_OURS, x, n, chunks[c], &r);
		ck_assert_int_eq(r.n, ref.n);
		for (e = 0; e < r.n; e++) {
			ck_assert_int_eq(r.ev[e].digit, ref.ev[e].digit);
			ck_assert_int_eq(r.ev[e].duration_ms,
					 ref.ev[e].duration_ms);
			/* Reported in the call holding the same sample. */
			ck_assert_int_ge(r.ev[e].start, ref.ev[e].start);
			ck_assert_int_lt(r.ev[e].start,
					 ref.ev[e].start + chunks[c]);
			ck_assert_int_ge(r.ev[e].end, ref.ev[e].end);
			ck_assert_int_lt(r.ev[e].end,
					 ref.ev[e].end + chunks[c]);
		}
	}
	free(x);
}
END_TEST

struct collected {
	int n;
	char digit[64];
	unsigned int duration[64];
};

static void collect(void *user, char digit, bool end,
		    unsigned int duration_ms)
{
	struct collected *c = user;

	if (!end && c->n < 64)
		c->digit[c->n++] = digit;
	else if (end && c->n > 0)
		c->duration[c->n - 1] = duration_ms;
}

/*
 * Irregular cuts, as a driver with jittery interrupts would make, with
 * empty and negative counts in between: the same digits and durations.
 */
START_TEST(test_dtmf_rx_random_cuts)
{
	struct tapi_dtmf_rx_state rx;
	static struct dtmf_result ref;
	struct collected got = { 0 };
	long n, onsets[32], i;
	double lengths[32];
	int count, len, e;
	int16_t *x = mixed_signal(&n, onsets, lengths, &count);

	dtmf_impl_run(DTMF_OURS, x, n, 1, &ref);
	tapi_dtmf_rx_init(&rx, collect, &got);
	dtmfsig_seed(5);
	for (i = 0; i < n; i += len) {
		len = dtmfsig_range(1, 200);
		if (len > n - i)
			len = n - i;
		tapi_dtmf_rx(&rx, x + i, len);
		tapi_dtmf_rx(&rx, x + i, 0);
		tapi_dtmf_rx(&rx, x + i, -5);
	}
	ck_assert_int_eq(got.n, ref.n);
	for (e = 0; e < got.n; e++) {
		ck_assert_int_eq(got.digit[e], ref.ev[e].digit);
		ck_assert_int_eq((int)got.duration[e], ref.ev[e].duration_ms);
	}
	/* Without a callback the receiver runs all the same. */
	tapi_dtmf_rx_init(&rx, NULL, NULL);
	tapi_dtmf_rx(&rx, x, n);
	free(x);
}
END_TEST

static int report_count;

static void count_reports(void *user, char digit, bool end,
			  unsigned int duration_ms)
{
	(void)digit;
	(void)duration_ms;
	if (user == &report_count)
		report_count += end ? 100 : 1;
}

/* The callback gets the user pointer; a digit still on has no end yet. */
START_TEST(test_dtmf_rx_callback)
{
	struct tapi_dtmf_rx_state rx;
	struct dtmfsig_tone t = dtmfsig_key('5', -10, 500);
	int16_t x[8000] = { 0 };

	dtmfsig_seed(3);
	dtmfsig_add_tone(x + 100, &t);
	report_count = 0;
	tapi_dtmf_rx_init(&rx, count_reports, &report_count);
	tapi_dtmf_rx(&rx, x, 2000);
	ck_assert_int_eq(report_count, 1);		/* started */
	tapi_dtmf_rx(&rx, x + 2000, 6000);
	ck_assert_int_eq(report_count, 101);		/* and ended */
	/* Re-initialising forgets a digit: no end is reported for it. */
	tapi_dtmf_rx(&rx, x, 2000);
	ck_assert_int_eq(report_count, 102);
	tapi_dtmf_rx_init(&rx, count_reports, &report_count);
	tapi_dtmf_rx(&rx, x + 4200, 3800);
	ck_assert_int_eq(report_count, 102);
}
END_TEST

/* State small enough for thousands of channels. */
START_TEST(test_dtmf_rx_state_size)
{
	printf("sizeof(struct tapi_dtmf_rx_state) = %zu bytes, "
	       "sizeof(struct tapi_dtmf_tx_state) = %zu bytes\n",
	       sizeof(struct tapi_dtmf_rx_state),
	       sizeof(struct tapi_dtmf_tx_state));
	ck_assert_uint_le(sizeof(struct tapi_dtmf_rx_state), 512);
	ck_assert_uint_le(sizeof(struct tapi_dtmf_tx_state), 160);
}
END_TEST

/* Median delay from onset to report, over many digits and levels. */
START_TEST(test_dtmf_rx_delay)
{
	double median, max;

	dtmf_rules_delay(DTMF_OURS, &median, &max);
	printf("delay tone onset to start report: median %.1f ms, "
	       "max %.1f ms\n", median, max);
	/* The duration rule needs 24 ms of tone; a block adds up to 5. */
	ck_assert_double_ge(median, 24.0);
	ck_assert_double_le(median, 30.0);
	ck_assert_double_le(max, 32.0);
}
END_TEST

static Suite *dtmf_rx_suite(void)
{
	Suite *s = suite_create("dtmf_rx");
	TCase *tc;

	/* The conformance list of issue 4, in order. */
	tc = tcase_create("conformance");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dtmf_rx_levels);
	tcase_add_test(tc, test_dtmf_rx_floor);
	tcase_add_test(tc, test_dtmf_rx_freq_accept);
	tcase_add_test(tc, test_dtmf_rx_freq_reject);
	tcase_add_test(tc, test_dtmf_rx_duration_accept);
	tcase_add_test(tc, test_dtmf_rx_duration_reject);
	tcase_add_test(tc, test_dtmf_rx_pause);
	tcase_add_test(tc, test_dtmf_rx_long_tone);
	tcase_add_test(tc, test_dtmf_rx_interruption);
	tcase_add_test(tc, test_dtmf_rx_twist_accept);
	tcase_add_test(tc, test_dtmf_rx_twist_reject);
	tcase_add_test(tc, test_dtmf_rx_noise);
	tcase_add_test(tc, test_dtmf_rx_noise_alone);
	tcase_add_test(tc, test_dtmf_rx_g711);
	tcase_add_test(tc, test_dtmf_rx_rules_covered);
	suite_add_tcase(s, tc);

	tc = tcase_create("reports");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dtmf_rx_start_end_once);
	tcase_add_test(tc, test_dtmf_rx_callback);
	tcase_add_test(tc, test_dtmf_rx_delay);
	suite_add_tcase(s, tc);

	tc = tcase_create("blocks");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dtmf_rx_block_sizes);
	tcase_add_test(tc, test_dtmf_rx_random_cuts);
	tcase_add_test(tc, test_dtmf_rx_state_size);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(dtmf_rx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
