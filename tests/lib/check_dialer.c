// SPDX-License-Identifier: LGPL-2.1-or-later
/* dialer.c: dial strings executed against a fake line and a fake clock. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_libtapi.h"
#include "../../lib/engine.h"

struct fake_line {
	char log[256];		/* "D:123 F P..." what the dialer did */
	int fail_dial;
};

static int fl_dial(void *ctx, const char *digits, unsigned int on_ms,
		   unsigned int off_ms)
{
	struct fake_line *l = ctx;
	size_t n = strlen(l->log);

	if (l->fail_dial)
		return -EIO;
	snprintf(l->log + n, sizeof(l->log) - n, "D%s/%u/%u ", digits, on_ms,
		 off_ms);
	return 0;
}

static int fl_flash(void *ctx)
{
	struct fake_line *l = ctx;

	strcat(l->log, "F ");
	return 0;
}

static const struct tapi_dialer_ops fl_ops = {
	.dial = fl_dial, .flash = fl_flash,
};

static const LINEDIALPARAMS params = {
	.dwDialPause = 2000, .dwDialSpeed = 80, .dwDigitDuration = 90,
	.dwWaitForDialtone = 5000,
};

static enum tapi_dialer_status start(struct tapi_dialer *d,
				     struct fake_line *l, const char *s,
				     uint64_t now)
{
	struct tapi_dialplan plan;

	ck_assert_int_eq(tapi_dialplan_parse(s, LINEDEVCAPFLAGS_DIALDIALTONE |
					     LINEDEVCAPFLAGS_DIALQUIET, &plan),
			 0);
	tapi_dialer_init(d, &fl_ops, l);
	return tapi_dialer_start(d, &plan, &params, now);
}

START_TEST(test_dialer_waits_for_dialtone)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "W2003", 1000), TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "");		/* nothing before dial tone */
	ck_assert_int_eq(d.wait, TAPI_DIALER_DIALTONE);
	ck_assert_uint_eq(d.deadline_ms, 6000);
	ck_assert_int_eq(tapi_dialer_timeout(&d, 5999), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 2000),
			 TAPI_DIALER_RUNNING);	/* not what it waits for */
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIALTONE, 2000),
			 TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D2003/90/80 ");
	ck_assert_int_eq(d.wait, TAPI_DIALER_DIAL_DONE);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 2500),
			 TAPI_DIALER_DONE);
	ck_assert(!tapi_dialer_busy(&d));
}
END_TEST

START_TEST(test_dialer_dialtone_already_there)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;
	struct tapi_dialplan plan;

	ck_assert_int_eq(tapi_dialplan_parse("W5", LINEDEVCAPFLAGS_DIALDIALTONE,
					     &plan), 0);
	tapi_dialer_init(&d, &fl_ops, &l);
	tapi_dialer_note_dialtone(&d, true);
	ck_assert_int_eq(tapi_dialer_start(&d, &plan, &params, 0),
			 TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D5/90/80 ");
}
END_TEST

START_TEST(test_dialer_answered_during_last_digits)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	/* the last digits: answered before they are all sent, done */
	ck_assert_int_eq(start(&d, &l, "2003", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_ANSWERED, 300),
			 TAPI_DIALER_DONE);
	ck_assert(!tapi_dialer_busy(&d));
	/* digits with more plan after them: still waiting for the kernel */
	ck_assert_int_eq(start(&d, &l, "2003,5", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_ANSWERED, 300),
			 TAPI_DIALER_RUNNING);
	ck_assert(tapi_dialer_busy(&d));
	tapi_dialer_cancel(&d);
}
END_TEST

START_TEST(test_dialer_no_dialtone_fails)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "W2003", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_timeout(&d, 5000), TAPI_DIALER_FAILED);
	ck_assert_uint_eq(d.fail_mode, LINEDISCONNECTMODE_NODIALTONE);
	ck_assert_str_eq(l.log, "");
}
END_TEST

START_TEST(test_dialer_second_dialtone_after_digits)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	/* "9 for an outside line, wait for its dial tone": the first dial
	 * tone does not count for the second W */
	tapi_dialer_init(&d, &fl_ops, &l);
	tapi_dialer_note_dialtone(&d, true);
	{
		struct tapi_dialplan plan;

		ck_assert_int_eq(tapi_dialplan_parse("W9W123",
				LINEDEVCAPFLAGS_DIALDIALTONE, &plan), 0);
		ck_assert_int_eq(tapi_dialer_start(&d, &plan, &params, 0),
				 TAPI_DIALER_RUNNING);
	}
	ck_assert_str_eq(l.log, "D9/90/80 ");
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 300),
			 TAPI_DIALER_RUNNING);
	ck_assert_int_eq(d.wait, TAPI_DIALER_DIALTONE);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIALTONE, 900),
			 TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D9/90/80 D123/90/80 ");
}
END_TEST

START_TEST(test_dialer_pauses_and_flash)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "1,,!2", 0), TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D1/90/80 ");
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 100),
			 TAPI_DIALER_RUNNING);
	ck_assert_int_eq(d.wait, TAPI_DIALER_PAUSE);
	ck_assert_uint_eq(d.deadline_ms, 2100);
	ck_assert_int_eq(tapi_dialer_timeout(&d, 2100), TAPI_DIALER_RUNNING);
	ck_assert_uint_eq(d.deadline_ms, 4100);	/* the second ',' */
	ck_assert_int_eq(tapi_dialer_timeout(&d, 4100), TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D1/90/80 F ");
	ck_assert_int_eq(d.wait, TAPI_DIALER_FLASH);
	ck_assert_int_eq(tapi_dialer_timeout(&d, 4100 + TAPI_DIALER_FLASH_MS),
			 TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D1/90/80 F D2/90/80 ");
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 5000),
			 TAPI_DIALER_DONE);
}
END_TEST

START_TEST(test_dialer_quiet_answer)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "2003@55", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 10),
			 TAPI_DIALER_RUNNING);
	ck_assert_int_eq(d.wait, TAPI_DIALER_RINGBACK);
	/* silence before any ring-back is not a quiet answer */
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_QUIET, 20),
			 TAPI_DIALER_RUNNING);
	ck_assert_int_eq(d.wait, TAPI_DIALER_RINGBACK);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_RINGBACK, 30),
			 TAPI_DIALER_RUNNING);
	ck_assert_int_eq(d.wait, TAPI_DIALER_QUIET);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_QUIET, 40),
			 TAPI_DIALER_RUNNING);
	ck_assert_str_eq(l.log, "D2003/90/80 D55/90/80 ");
}
END_TEST

START_TEST(test_dialer_quiet_times_out)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "@1", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_timeout(&d, TAPI_DIALER_QUIET_MS),
			 TAPI_DIALER_FAILED);
	ck_assert_uint_eq(d.fail_mode, LINEDISCONNECTMODE_NOANSWER);
}
END_TEST

START_TEST(test_dialer_long_run_split)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;
	char s[100];

	memset(s, '7', 70);
	s[70] = '\0';
	ck_assert_int_eq(start(&d, &l, s, 0), TAPI_DIALER_RUNNING);
	/* a run fits one TAPI_IOC_DIAL: 63 digits, then the other 7 */
	ck_assert_uint_eq(strlen(l.log), 1 + 63 + strlen("/90/80 "));
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 1),
			 TAPI_DIALER_RUNNING);
	ck_assert(strstr(l.log, " D7777777/90/80 "));
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 2),
			 TAPI_DIALER_DONE);
}
END_TEST

START_TEST(test_dialer_failures)
{
	struct fake_line l = { .log = "", .fail_dial = 1 };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "123", 0), TAPI_DIALER_FAILED);
	ck_assert_int_eq(d.error, LINEERR_OPERATIONFAILED);
	l.fail_dial = 0;
	/* the kernel never reports the digits sent */
	ck_assert_int_eq(start(&d, &l, "123", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_timeout(&d, 3 * 170 +
					     TAPI_DIALER_RUN_SLACK_MS),
			 TAPI_DIALER_FAILED);
	/* cancelling leaves nothing running */
	ck_assert_int_eq(start(&d, &l, "W1", 0), TAPI_DIALER_RUNNING);
	tapi_dialer_cancel(&d);
	ck_assert(!tapi_dialer_busy(&d));
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIALTONE, 1),
			 TAPI_DIALER_DONE);
}
END_TEST

START_TEST(test_dialer_empty_and_partial)
{
	struct fake_line l = { .log = "" };
	struct tapi_dialer d;

	ck_assert_int_eq(start(&d, &l, "", 0), TAPI_DIALER_DONE);
	ck_assert_int_eq(start(&d, &l, "20;", 0), TAPI_DIALER_RUNNING);
	ck_assert_int_eq(tapi_dialer_input(&d, TAPI_DIALER_IN_DIAL_DONE, 1),
			 TAPI_DIALER_DONE);
	ck_assert_str_eq(l.log, "D20/90/80 ");
}
END_TEST

Suite *dialer_suite(void)
{
	Suite *s = suite_create("dialer");

	ADD_TEST(s, test_dialer_waits_for_dialtone);
	ADD_TEST(s, test_dialer_dialtone_already_there);
	ADD_TEST(s, test_dialer_answered_during_last_digits);
	ADD_TEST(s, test_dialer_no_dialtone_fails);
	ADD_TEST(s, test_dialer_second_dialtone_after_digits);
	ADD_TEST(s, test_dialer_pauses_and_flash);
	ADD_TEST(s, test_dialer_quiet_answer);
	ADD_TEST(s, test_dialer_quiet_times_out);
	ADD_TEST(s, test_dialer_long_run_split);
	ADD_TEST(s, test_dialer_failures);
	ADD_TEST(s, test_dialer_empty_and_partial);
	return s;
}
