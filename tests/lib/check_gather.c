// SPDX-License-Identifier: LGPL-2.1-or-later
/* gather.c and tonematch.c: digit gathering and tone matching. */
#include <string.h>

#include "check_libtapi.h"
#include "../../lib/engine.h"

START_TEST(test_gather_buffer_full)
{
	struct tapi_gather g;
	char buf[3];

	tapi_gather_start(&g, buf, 3, NULL, 0, 0, 0);
	ck_assert_uint_eq(g.deadline_ms, 0);
	ck_assert_uint_eq(tapi_gather_digit(&g, '1', 10), 0);
	ck_assert_uint_eq(tapi_gather_digit(&g, '2', 20), 0);
	ck_assert_uint_eq(tapi_gather_digit(&g, '3', 30),
			  LINEGATHERTERM_BUFFERFULL);
	tapi_gather_finish(&g);
	ck_assert(!memcmp(buf, "123", 3));	/* no room for a NUL */
	ck_assert_uint_eq(tapi_gather_digit(&g, '4', 40), 0);
}
END_TEST

START_TEST(test_gather_termination_digit)
{
	struct tapi_gather g;
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	tapi_gather_start(&g, buf, 8, "#*", 0, 0, 0);
	tapi_gather_digit(&g, '4', 1);
	tapi_gather_digit(&g, '2', 2);
	ck_assert_uint_eq(tapi_gather_digit(&g, '#', 3),
			  LINEGATHERTERM_TERMDIGIT);
	tapi_gather_finish(&g);
	ck_assert_str_eq(buf, "42#");	/* the terminator is stored */
	/* lower-case termination digits match the kernel's upper case */
	tapi_gather_start(&g, buf, 8, "d", 0, 0, 0);
	ck_assert_uint_eq(tapi_gather_digit(&g, 'D', 1),
			  LINEGATHERTERM_TERMDIGIT);
}
END_TEST

START_TEST(test_gather_timeouts)
{
	struct tapi_gather g;
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	tapi_gather_start(&g, buf, 8, "", 1000, 300, 5000);
	ck_assert_uint_eq(g.deadline_ms, 6000);
	ck_assert_uint_eq(tapi_gather_timeout(&g, 5999), 0);
	ck_assert_uint_eq(tapi_gather_timeout(&g, 6000),
			  LINEGATHERTERM_FIRSTTIMEOUT);
	tapi_gather_finish(&g);
	ck_assert_str_eq(buf, "");		/* just the NUL */

	tapi_gather_start(&g, buf, 8, NULL, 1000, 300, 0);
	tapi_gather_digit(&g, '9', 500);
	ck_assert_uint_eq(g.deadline_ms, 800);	/* inter-digit from now on */
	ck_assert_uint_eq(tapi_gather_timeout(&g, 799), 0);
	ck_assert_uint_eq(tapi_gather_timeout(&g, 800),
			  LINEGATHERTERM_INTERTIMEOUT);
	tapi_gather_finish(&g);
	ck_assert_str_eq(buf, "9");

	/* no first-digit timeout: nothing expires before a digit */
	tapi_gather_start(&g, buf, 8, NULL, 0, 300, 0);
	ck_assert_uint_eq(tapi_gather_timeout(&g, 100000), 0);
}
END_TEST

START_TEST(test_gather_check_digits)
{
	ck_assert_int_eq(tapi_gather_check_digits("0123456789ABCDabcd*#", false),
			 0);
	ck_assert_int_eq(tapi_gather_check_digits("", true), 0);
	ck_assert_int_eq(tapi_gather_check_digits("", false),
			 LINEERR_INVALDIGITS);
	ck_assert_int_eq(tapi_gather_check_digits("12E", false),
			 LINEERR_INVALDIGITS);
	ck_assert_int_eq(tapi_gather_check_digits("1,2", false),
			 LINEERR_INVALDIGITS);
}
END_TEST

static LINEMONITORTONE tone(DWORD f1, DWORD f2, DWORD f3)
{
	return (LINEMONITORTONE){ .dwAppSpecific = 1, .dwFrequency1 = f1,
				  .dwFrequency2 = f2, .dwFrequency3 = f3 };
}

START_TEST(test_tonematch_zones)
{
	LINEMONITORTONE t = tone(440, 350, 0);

	/* US dial tone is 350 + 440 Hz, in any order */
	ck_assert(tapi_tone_entry_matches(&t, "us", TAPI_TONE_DIAL));
	ck_assert(tapi_tone_entry_matches(&t, NULL, TAPI_TONE_DIAL));
	ck_assert(!tapi_tone_entry_matches(&t, "us", TAPI_TONE_BUSY));
	/* German tones are 425 Hz */
	ck_assert(!tapi_tone_entry_matches(&t, "de", TAPI_TONE_DIAL));
	t = tone(425, 0, 0);
	ck_assert(tapi_tone_entry_matches(&t, "de", TAPI_TONE_DIAL));
	ck_assert(tapi_tone_entry_matches(&t, "de", TAPI_TONE_BUSY));
	/* 2 % tolerance */
	t = tone(486, 615, 0);
	ck_assert(tapi_tone_entry_matches(&t, "us", TAPI_TONE_BUSY));
	t = tone(500, 620, 0);
	ck_assert(!tapi_tone_entry_matches(&t, "us", TAPI_TONE_BUSY));
	/* SIT: one of its tones, or all three */
	t = tone(950, 1400, 1800);
	ck_assert(tapi_tone_entry_matches(&t, "us", TAPI_TONE_SIT));
	t = tone(1400, 0, 0);
	ck_assert(tapi_tone_entry_matches(&t, "us", TAPI_TONE_SIT));
	/* one frequency of a pair is not the pair */
	t = tone(350, 0, 0);
	ck_assert(!tapi_tone_entry_matches(&t, "us", TAPI_TONE_DIAL));
}
END_TEST

START_TEST(test_tonematch_fixed)
{
	LINEMONITORTONE t = tone(0, 0, 0);

	ck_assert(tapi_tone_entry_matches(&t, "us", TAPI_TONE_SILENCE));
	ck_assert(!tapi_tone_entry_matches(&t, "us", TAPI_TONE_DIAL));
	t = tone(1100, 0, 0);
	ck_assert(tapi_tone_entry_matches(&t, "uk", TAPI_TONE_FAX_CNG));
	t = tone(2100, 0, 0);
	ck_assert(tapi_tone_entry_matches(&t, "uk", TAPI_TONE_ANSWER));
	ck_assert(!tapi_tone_entry_matches(&t, "uk", TAPI_TONE_VOICE));
	ck_assert(!tapi_tone_entry_matches(&t, "uk", TAPI_TONE_SILENCE));
	/* an unknown zone: nothing but the fixed tones */
	t = tone(350, 440, 0);
	ck_assert(!tapi_tone_entry_matches(&t, "xx", TAPI_TONE_DIAL));
}
END_TEST

START_TEST(test_tonematch_entry_check)
{
	LINEMONITORTONE t = tone(350, 440, 0);

	ck_assert_int_eq(tapi_tone_entry_check(&t), 0);
	t = tone(0, 0, 0);
	ck_assert_int_eq(tapi_tone_entry_check(&t), 0);
	t = tone(10, 0, 0);
	ck_assert_int_eq(tapi_tone_entry_check(&t), LINEERR_INVALTONELIST);
	t = tone(440, 5000, 0);
	ck_assert_int_eq(tapi_tone_entry_check(&t), LINEERR_INVALTONELIST);
	t = tone(0, 440, 0);		/* a gap before a frequency */
	ck_assert_int_eq(tapi_tone_entry_check(&t), LINEERR_INVALTONELIST);
}
END_TEST

Suite *gather_suite(void)
{
	Suite *s = suite_create("gather");

	ADD_TEST(s, test_gather_buffer_full);
	ADD_TEST(s, test_gather_termination_digit);
	ADD_TEST(s, test_gather_timeouts);
	ADD_TEST(s, test_gather_check_digits);
	ADD_TEST(s, test_tonematch_zones);
	ADD_TEST(s, test_tonematch_fixed);
	ADD_TEST(s, test_tonematch_entry_check);
	return s;
}
