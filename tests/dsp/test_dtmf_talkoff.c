// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Talk-off: speech and music must not produce digits.  Runs our receiver
 * and spandsp's over the corpus that make-talkoff-corpus.sh makes (over
 * 60 minutes of espeak-ng speech in nine languages, plus music-like sox
 * audio) and counts the digits each reports.  Required: none from ours
 * in speech, and in music no more than spandsp reports.  Digits played
 * over the speech must still be found (talk-down), which also proves the
 * counting sees digits when there are some.
 *
 * Usage: test_dtmf_talkoff CORPUS_DIR
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf_impl.h"
#include "dtmf_sig.h"

static const char *corpus_dir;
static struct dtmf_result result;

struct tally {
	double minutes;
	int files;
	int digits[2];			/* by enum dtmf_impl */
};

/* Run both receivers over every corpus file whose name starts so. */
static void run_corpus(const char *prefix, struct tally *t)
{
	DIR *d = opendir(corpus_dir);
	struct dirent *de;
	char path[4096], got[64];
	int16_t *x;
	long n;
	int impl;

	memset(t, 0, sizeof(*t));
	ck_assert_msg(d != NULL, "no corpus in %s (make talkoff-corpus)",
		      corpus_dir);
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) ||
		    !strstr(de->d_name, ".raw"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", corpus_dir, de->d_name);
		x = dtmfsig_read_raw(path, &n);
		ck_assert_msg(x != NULL, "cannot read %s", path);
		t->files++;
		t->minutes += n / 8000.0 / 60.0;
		for (impl = DTMF_OURS; impl <= DTMF_SPANDSP; impl++) {
			dtmf_impl_run(impl, x, n, 8, &result);
			t->digits[impl] += result.n;
			if (result.n) {
				dtmf_result_digits(&result, got, sizeof(got));
				printf("  %s: %s reports \"%s\"\n", de->d_name,
				       dtmf_impl_name(impl), got);
			}
		}
		free(x);
	}
	closedir(d);
	printf("talk-off %s: %d files, %.1f min: linux-tapi %d digits, "
	       "spandsp %d digits\n", prefix, t->files, t->minutes,
	       t->digits[DTMF_OURS], t->digits[DTMF_SPANDSP]);
}

START_TEST(test_dtmf_talkoff_speech)
{
	struct tally t;

	run_corpus("speech-", &t);
	ck_assert_msg(t.minutes >= 30, "only %.1f min of speech", t.minutes);
	ck_assert_int_eq(t.digits[DTMF_OURS], 0);
}
END_TEST

START_TEST(test_dtmf_talkoff_music)
{
	struct tally t;

	run_corpus("music-", &t);
	ck_assert_msg(t.minutes >= 5, "only %.1f min of music", t.minutes);
	ck_assert_int_le(t.digits[DTMF_OURS], t.digits[DTMF_SPANDSP]);
}
END_TEST

/* Digits 20 dB above speech (talk-down) are all found. */
START_TEST(test_dtmf_talkoff_digits_over_speech)
{
	char path[4096], got[64];
	struct dtmfsig_tone t;
	int16_t *x;
	long n, i;
	int k;

	snprintf(path, sizeof(path), "%s/speech-en1-m3.raw", corpus_dir);
	x = dtmfsig_read_raw(path, &n);
	ck_assert_msg(x != NULL, "cannot read %s", path);
	ck_assert_int_gt(n, 8000 * 60);
	n = 8000 * 60;
	for (i = 0; i < n; i++)
		x[i] = x[i] / 10;			/* -20 dB */
	dtmfsig_seed(11);
	for (k = 0; k < 16; k++) {
		t = dtmfsig_key(DTMFSIG_KEYS[k], -6, 60);
		dtmfsig_add_tone(x + 8000 + k * 8000 * 3, &t);
	}
	dtmf_impl_run(DTMF_OURS, x, n, 8, &result);
	dtmf_result_digits(&result, got, sizeof(got));
	printf("digits over speech: linux-tapi heard \"%s\"\n", got);
	ck_assert_str_eq(got, DTMFSIG_KEYS);
	free(x);
}
END_TEST

static Suite *talkoff_suite(void)
{
	Suite *s = suite_create("dtmf_talkoff");
	TCase *tc = tcase_create("corpus");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_dtmf_talkoff_speech);
	tcase_add_test(tc, test_dtmf_talkoff_music);
	tcase_add_test(tc, test_dtmf_talkoff_digits_over_speech);
	suite_add_tcase(s, tc);
	return s;
}

int main(int argc, char **argv)
{
	SRunner *sr;
	int failed;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return EXIT_FAILURE;
	}
	corpus_dir = argv[1];
	sr = srunner_create(talkoff_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
