// SPDX-License-Identifier: LGPL-2.1-or-later
/* dialstring.c: TAPI dialable and canonical addresses. */
#include <stdio.h>
#include <string.h>

#include "check_libtapi.h"

#define ALL_WAITS (LINEDEVCAPFLAGS_DIALDIALTONE | LINEDEVCAPFLAGS_DIALQUIET | \
		   LINEDEVCAPFLAGS_DIALBILLING)

/*
 * The plan as a compact string: digits runs as "D<mode>:<digits>", then
 * ',' 'W' '@' '$' '!' for the other steps, separated by spaces.
 */
static void render(const struct tapi_dialplan *p, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct tapi_dial_step *s = &p->steps[i];
		const char *sep = i ? " " : "";

		switch (s->kind) {
		case TAPI_STEP_DIGITS:
			len += snprintf(out + len, size - len, "%sD%c:%s", sep,
					s->mode == TAPI_DIAL_PULSE ? 'P' : 'T',
					s->digits);
			break;
		case TAPI_STEP_PAUSE:
			len += snprintf(out + len, size - len, "%s,", sep);
			break;
		case TAPI_STEP_WAIT_DIALTONE:
			len += snprintf(out + len, size - len, "%sW", sep);
			break;
		case TAPI_STEP_WAIT_QUIET:
			len += snprintf(out + len, size - len, "%s@", sep);
			break;
		case TAPI_STEP_WAIT_BILLING:
			len += snprintf(out + len, size - len, "%s$", sep);
			break;
		case TAPI_STEP_FLASH:
			len += snprintf(out + len, size - len, "%s!", sep);
			break;
		}
	}
}

static void expect_steps(const char *in, DWORD caps, const char *want)
{
	struct tapi_dialplan p;
	char got[1024];
	LONG err = tapi_dialplan_parse(in, caps, &p);

	ck_assert_msg(err == 0, "\"%s\": error 0x%08x", in, (unsigned)err);
	render(&p, got, sizeof(got));
	ck_assert_msg(!strcmp(got, want), "\"%s\": got \"%s\", want \"%s\"",
		      in, got, want);
	tapi_dialplan_release(&p);
}

static void expect_error(const char *in, DWORD caps, LONG want)
{
	struct tapi_dialplan p;
	LONG err = tapi_dialplan_parse(in, caps, &p);

	ck_assert_msg(err == want, "\"%s\": got 0x%08x, want 0x%08x", in,
		      (unsigned)err, (unsigned)want);
	tapi_dialplan_release(&p);
}

START_TEST(test_dialstring_digits_and_formatting)
{
	expect_steps("5551234", 0, "DT:5551234");
	expect_steps("555-1234", 0, "DT:5551234");
	expect_steps("(030) 555.12 34", 0, "DT:0305551234");
}
END_TEST

START_TEST(test_dialstring_all_digit_characters)
{
	expect_steps("0123456789*#ABCD", 0, "DT:0123456789*#ABCD");
	expect_steps("abcd", 0, "DT:ABCD");
	expect_steps("", 0, "");
	expect_steps(" - ", 0, "");
}
END_TEST

START_TEST(test_dialstring_modifiers)
{
	expect_steps("9W5551234", ALL_WAITS, "DT:9 W DT:5551234");
	expect_steps("9w,,123", ALL_WAITS, "DT:9 W , , DT:123");
	expect_steps("!42", 0, "! DT:42");
	expect_steps("5551234@99", ALL_WAITS, "DT:5551234 @ DT:99");
	expect_steps("0$1234", ALL_WAITS, "DT:0 $ DT:1234");
	expect_steps("12,34", 0, "DT:12 , DT:34");
}
END_TEST

START_TEST(test_dialstring_tone_pulse)
{
	expect_steps("P123T456", 0, "DP:123 DT:456");
	expect_steps("p9t*#", 0, "DP:9 DT:*#");
	expect_steps("T12T34", 0, "DT:1234");
}
END_TEST

START_TEST(test_dialstring_partial)
{
	struct tapi_dialplan p;

	ck_assert_int_eq(tapi_dialplan_parse("9W555;", ALL_WAITS, &p), 0);
	ck_assert(p.partial);
	ck_assert_uint_eq(p.nsteps, 3);
	tapi_dialplan_release(&p);
	ck_assert_int_eq(tapi_dialplan_parse("555", 0, &p), 0);
	ck_assert(!p.partial);
	tapi_dialplan_release(&p);
	ck_assert_int_eq(tapi_dialplan_parse("555;|12", 0, &p), 0);
	ck_assert(p.partial);
	ck_assert_str_eq(p.subaddress, "12");
	tapi_dialplan_release(&p);
}
END_TEST

START_TEST(test_dialstring_canonical)
{
	struct tapi_dialplan p;

	ck_assert_int_eq(tapi_dialplan_parse("+1 (425) 555-0100", 0, &p), 0);
	ck_assert(p.canonical);
	ck_assert(p.international);
	ck_assert_str_eq(p.country_code, "1");
	ck_assert_str_eq(p.area_code, "425");
	ck_assert_uint_eq(p.nsteps, 1);
	ck_assert_str_eq(p.steps[0].digits, "5550100");
	tapi_dialplan_release(&p);

	ck_assert_int_eq(tapi_dialplan_parse("+49 30 1234567", 0, &p), 0);
	ck_assert(p.canonical);
	ck_assert_str_eq(p.country_code, "49");
	ck_assert_str_eq(p.area_code, "");
	ck_assert_str_eq(p.steps[0].digits, "301234567");
	tapi_dialplan_release(&p);

	ck_assert_int_eq(tapi_dialplan_parse("+44 (20) 7946 0018|5^Jo Bloggs",
					     0, &p), 0);
	ck_assert_str_eq(p.area_code, "20");
	ck_assert_str_eq(p.steps[0].digits, "79460018");
	ck_assert_str_eq(p.subaddress, "5");
	ck_assert_str_eq(p.name, "Jo Bloggs");
	tapi_dialplan_release(&p);
}
END_TEST

START_TEST(test_dialstring_international_dialable)
{
	struct tapi_dialplan p;

	ck_assert_int_eq(tapi_dialplan_parse("+4930123456", 0, &p), 0);
	ck_assert(!p.canonical);
	ck_assert(p.international);
	ck_assert_str_eq(p.steps[0].digits, "4930123456");
	tapi_dialplan_release(&p);
}
END_TEST

START_TEST(test_dialstring_subaddress_and_name)
{
	struct tapi_dialplan p;

	ck_assert_int_eq(tapi_dialplan_parse("201^Reception", 0, &p), 0);
	ck_assert_ptr_null(p.subaddress);
	ck_assert_str_eq(p.name, "Reception");
	ck_assert_str_eq(p.steps[0].digits, "201");
	tapi_dialplan_release(&p);
	ck_assert_int_eq(tapi_dialplan_parse("201|33", 0, &p), 0);
	ck_assert_str_eq(p.subaddress, "33");
	ck_assert_ptr_null(p.name);
	tapi_dialplan_release(&p);
}
END_TEST

START_TEST(test_dialstring_long_runs_split)
{
	char in[201], want[300];

	memset(in, '7', 200);
	in[200] = '\0';
	snprintf(want, sizeof(want), "DT:%.63s DT:%.63s DT:%.63s DT:%.11s",
		 in, in, in, in);
	expect_steps(in, 0, want);
}
END_TEST

START_TEST(test_dialstring_invalid_characters)
{
	expect_error("555x1234", 0, LINEERR_INVALADDRESS);
	expect_error("55+5", 0, LINEERR_INVALADDRESS);
	expect_error("12;34", 0, LINEERR_INVALADDRESS);
	expect_error("123\r\n456", 0, LINEERR_INVALADDRESS);
	expect_error("12\xC3\xA9", 0, LINEERR_INVALADDRESS);
	expect_error("ab\xFF", 0, LINEERR_INVALADDRESS);
	expect_error("P12*", 0, LINEERR_INVALADDRESS);	/* pulse: 0-9 only */
	expect_error("+", 0, LINEERR_INVALADDRESS);
	expect_error("201|3\n3", 0, LINEERR_INVALADDRESS);
}
END_TEST

START_TEST(test_dialstring_invalid_canonical)
{
	expect_error("+49 (30 123", 0, LINEERR_INVALADDRESS);
	expect_error("+49 (30)123", 0, LINEERR_INVALADDRESS);
	expect_error("+1234 555", 0, LINEERR_INVALADDRESS);
	expect_error("+49 (30) 12(3)4", 0, LINEERR_INVALADDRESS);
	expect_error("+49 (30) ", 0, LINEERR_INVALADDRESS);
	expect_error("+49 (123456789) 5", 0, LINEERR_INVALADDRESS);
}
END_TEST

START_TEST(test_dialstring_unsupported_modifiers)
{
	expect_error("9W555", 0, LINEERR_DIALDIALTONE);
	expect_error("555@1", LINEDEVCAPFLAGS_DIALDIALTONE, LINEERR_DIALQUIET);
	expect_error("0$12", LINEDEVCAPFLAGS_DIALQUIET, LINEERR_DIALBILLING);
	expect_error("555?1", ALL_WAITS, LINEERR_DIALPROMPT);
}
END_TEST

START_TEST(test_dialstring_limits)
{
	char in[TAPI_DIAL_STRING_MAX + 2];
	struct tapi_dialplan p;

	memset(in, '1', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	expect_error(in, 0, LINEERR_INVALADDRESS);
	in[TAPI_DIAL_STRING_MAX] = '\0';
	ck_assert_int_eq(tapi_dialplan_parse(in, 0, &p), 0);
	tapi_dialplan_release(&p);
	expect_error(NULL, 0, LINEERR_INVALPOINTER);
}
END_TEST

Suite *dialstring_suite(void)
{
	Suite *s = suite_create("dialstring");

	ADD_TEST(s, test_dialstring_digits_and_formatting);
	ADD_TEST(s, test_dialstring_all_digit_characters);
	ADD_TEST(s, test_dialstring_modifiers);
	ADD_TEST(s, test_dialstring_tone_pulse);
	ADD_TEST(s, test_dialstring_partial);
	ADD_TEST(s, test_dialstring_canonical);
	ADD_TEST(s, test_dialstring_international_dialable);
	ADD_TEST(s, test_dialstring_subaddress_and_name);
	ADD_TEST(s, test_dialstring_long_runs_split);
	ADD_TEST(s, test_dialstring_invalid_characters);
	ADD_TEST(s, test_dialstring_invalid_canonical);
	ADD_TEST(s, test_dialstring_unsupported_modifiers);
	ADD_TEST(s, test_dialstring_limits);
	return s;
}
