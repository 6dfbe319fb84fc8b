// SPDX-License-Identifier: LGPL-2.1-or-later
/* validate.c and error.c: argument checks and errno translation. */
#include <errno.h>
#include <string.h>

#include "check_libtapi.h"

START_TEST(test_validate_out_struct_pointer)
{
	DWORD buf[8] = { sizeof(buf) };

	ck_assert_int_eq(tapi_check_out_struct(NULL), LINEERR_INVALPOINTER);
	ck_assert_int_eq(tapi_check_out_struct((char *)buf + 2),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(tapi_check_out_struct(buf), 0);
}
END_TEST

START_TEST(test_validate_in_struct_size)
{
	LINECALLPARAMS cp = { .dwTotalSize = sizeof(cp) };

	ck_assert_int_eq(tapi_check_in_struct(NULL, 16), LINEERR_INVALPOINTER);
	ck_assert_int_eq(tapi_check_in_struct(&cp, sizeof(cp)), 0);
	cp.dwTotalSize = sizeof(cp) - 4;
	ck_assert_int_eq(tapi_check_in_struct(&cp, sizeof(cp)),
			 LINEERR_STRUCTURETOOSMALL);
	/* a 1.4 application's shorter LINECALLPARAMS is enough for 1.4 */
	cp.dwTotalSize = tapi_struct_fixed_size(TAPI_STRUCT_LINECALLPARAMS,
						0x00010004);
	ck_assert_int_eq(tapi_check_in_struct(&cp, cp.dwTotalSize), 0);
}
END_TEST

START_TEST(test_validate_var_field)
{
	ck_assert(tapi_var_field_valid(NULL, 100, 40, 0, 12345)); /* absent */
	ck_assert(tapi_var_field_valid(NULL, 100, 40, 10, 40));
	ck_assert(tapi_var_field_valid(NULL, 100, 40, 60, 40));
	ck_assert(!tapi_var_field_valid(NULL, 100, 40, 61, 40)); /* past end */
	ck_assert(!tapi_var_field_valid(NULL, 100, 40, 4, 36)); /* in fixed */
	ck_assert(!tapi_var_field_valid(NULL, 100, 40, 0x20, 0xFFFFFFF0));
}
END_TEST

START_TEST(test_validate_utf8)
{
	ck_assert_int_eq(tapi_utf8_check("Hello", 10, true), 0);
	ck_assert_int_eq(tapi_utf8_check("Zürich €", 20, true), 0);
	ck_assert_int_eq(tapi_utf8_check("\xF0\x9F\x93\x9E", 4, true), 0);
	ck_assert_int_eq(tapi_utf8_check(NULL, 10, false), -EFAULT);
	ck_assert_int_eq(tapi_utf8_check("toolong", 6, false), -E2BIG);
	ck_assert_int_eq(tapi_utf8_check("\xC0\x80", 10, false), -EILSEQ);
	ck_assert_int_eq(tapi_utf8_check("\xED\xA0\x80", 10, false), -EILSEQ);
	ck_assert_int_eq(tapi_utf8_check("\xF4\x90\x80\x80", 10, false),
			 -EILSEQ);
	ck_assert_int_eq(tapi_utf8_check("ab\xE2\x82", 10, false), -EILSEQ);
	ck_assert_int_eq(tapi_utf8_check("\xFF", 10, false), -EILSEQ);
	ck_assert_int_eq(tapi_utf8_check("tab\there", 20, true), -EINVAL);
	ck_assert_int_eq(tapi_utf8_check("tab\there", 20, false), 0);
	ck_assert_int_eq(tapi_utf8_check("\xC2\x85", 20, true), -EINVAL);
}
END_TEST

START_TEST(test_validate_flags)
{
	const DWORD modes = LINEDIGITMODE_PULSE | LINEDIGITMODE_DTMF |
			    LINEDIGITMODE_DTMFEND;

	ck_assert_int_eq(tapi_check_flags(0, modes, TAPI_FLAGS_ANY,
					  LINEERR_INVALDIGITMODE), 0);
	ck_assert_int_eq(tapi_check_flags(0, modes, TAPI_FLAGS_NONZERO,
					  LINEERR_INVALDIGITMODE),
			 LINEERR_INVALDIGITMODE);
	ck_assert_int_eq(tapi_check_flags(LINEDIGITMODE_DTMF |
					  LINEDIGITMODE_PULSE, modes,
					  TAPI_FLAGS_NONZERO,
					  LINEERR_INVALDIGITMODE), 0);
	ck_assert_int_eq(tapi_check_flags(LINEDIGITMODE_DTMF |
					  LINEDIGITMODE_PULSE, modes,
					  TAPI_FLAGS_ONE,
					  LINEERR_INVALDIGITMODE),
			 LINEERR_INVALDIGITMODE);
	ck_assert_int_eq(tapi_check_flags(LINEDIGITMODE_DTMF, modes,
					  TAPI_FLAGS_ONE,
					  LINEERR_INVALDIGITMODE), 0);
	ck_assert_int_eq(tapi_check_flags(0x100, modes, TAPI_FLAGS_ANY,
					  LINEERR_INVALDIGITMODE),
			 LINEERR_INVALDIGITMODE);
}
END_TEST

START_TEST(test_validate_array)
{
	LINEMONITORTONE tones[2];

	ck_assert_int_eq(tapi_check_array(NULL, 0, 4, LINEERR_INVALTONELIST), 0);
	ck_assert_int_eq(tapi_check_array(NULL, 1, 4, LINEERR_INVALTONELIST),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(tapi_check_array(tones, 2, 4, LINEERR_INVALTONELIST), 0);
	ck_assert_int_eq(tapi_check_array(tones, 5, 4, LINEERR_INVALTONELIST),
			 LINEERR_INVALTONELIST);
	ck_assert_int_eq(tapi_check_array((char *)tones + 1, 1, 4,
					  LINEERR_INVALTONELIST),
			 LINEERR_INVALPOINTER);
}
END_TEST

START_TEST(test_validate_errno_mapping)
{
	ck_assert_int_eq(tapi_lineerr_from_errno(0), 0);
	ck_assert_int_eq(tapi_lineerr_from_errno(-ENOMEM), LINEERR_NOMEM);
	ck_assert_int_eq(tapi_lineerr_from_errno(ENOMEM), LINEERR_NOMEM);
	ck_assert_int_eq(tapi_lineerr_from_errno(-ENODEV), LINEERR_NODEVICE);
	ck_assert_int_eq(tapi_lineerr_from_errno(-EBUSY),
			 LINEERR_RESOURCEUNAVAIL);
	ck_assert_int_eq(tapi_lineerr_from_errno(-EOPNOTSUPP),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(tapi_lineerr_from_errno(-ENOTTY),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(tapi_lineerr_from_errno(-EINVAL), LINEERR_INVALPARAM);
	ck_assert_int_eq(tapi_lineerr_from_errno(-EPERM), LINEERR_NOTOWNER);
	ck_assert_int_eq(tapi_lineerr_from_errno(-EIO),
			 LINEERR_OPERATIONFAILED);
}
END_TEST

Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");

	ADD_TEST(s, test_validate_out_struct_pointer);
	ADD_TEST(s, test_validate_in_struct_size);
	ADD_TEST(s, test_validate_var_field);
	ADD_TEST(s, test_validate_utf8);
	ADD_TEST(s, test_validate_flags);
	ADD_TEST(s, test_validate_array);
	ADD_TEST(s, test_validate_errno_mapping);
	return s;
}
