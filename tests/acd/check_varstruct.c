// SPDX-License-Identifier: GPL-2.0
/*
 * Check suite acd_varstruct: tapi-acd fills TAPI's variable structures
 * as TAPI does: whole when they fit, else the fixed part with zeroed
 * Size/Offset pairs and dwNeededSize; never past dwTotalSize.
 */
#include <string.h>

#include "acd_varstruct.h"
#include "check_acd.h"

/* Build a LINEAGENTCAPS with handler info "tapi-acd" into @out. */
static LONG build(void *out)
{
	struct acd_vs vs;
	LINEAGENTCAPS *c;
	LONG err;

	ck_assert_int_eq(acd_vs_init(&vs, sizeof(*c)), 0);
	c = acd_vs_fixed(&vs);
	c->dwFeatures = 5;
	acd_vs_add_string(&vs, offsetof(LINEAGENTCAPS, dwAgentHandlerInfoSize),
			  "tapi-acd");
	err = acd_vs_finish(&vs, out);
	acd_vs_release(&vs);
	return err;
}

START_TEST(test_acd_varstruct_fits)
{
	union {
		LINEAGENTCAPS c;
		char buf[sizeof(LINEAGENTCAPS) + 16];
	} u;

	memset(&u, 0xee, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(build(&u), 0);
	ck_assert_uint_eq(u.c.dwTotalSize, sizeof(u));
	ck_assert_uint_eq(u.c.dwNeededSize, sizeof(LINEAGENTCAPS) + 9);
	ck_assert_uint_eq(u.c.dwUsedSize, sizeof(LINEAGENTCAPS) + 9);
	ck_assert_uint_eq(u.c.dwFeatures, 5);
	ck_assert_uint_eq(u.c.dwAgentHandlerInfoSize, 9);
	ck_assert_uint_eq(u.c.dwAgentHandlerInfoOffset, sizeof(LINEAGENTCAPS));
	ck_assert_str_eq(u.buf + u.c.dwAgentHandlerInfoOffset, "tapi-acd");
	/* nothing written past the used size */
	ck_assert_uint_eq((unsigned char)u.buf[sizeof(LINEAGENTCAPS) + 9], 0xee);
}
END_TEST

START_TEST(test_acd_varstruct_too_small)
{
	union {
		LINEAGENTCAPS c;
		char buf[sizeof(LINEAGENTCAPS) + 16];
	} u;

	memset(&u, 0xee, sizeof(u));
	u.c.dwTotalSize = sizeof(LINEAGENTCAPS) + 4;
	ck_assert_int_eq(build(&u), 0);
	ck_assert_uint_eq(u.c.dwNeededSize, sizeof(LINEAGENTCAPS) + 9);
	ck_assert_uint_eq(u.c.dwUsedSize, sizeof(LINEAGENTCAPS));
	ck_assert_uint_eq(u.c.dwAgentHandlerInfoSize, 0);
	ck_assert_uint_eq(u.c.dwAgentHandlerInfoOffset, 0);
	ck_assert_uint_eq(u.c.dwFeatures, 5);
	ck_assert_uint_eq((unsigned char)u.buf[sizeof(LINEAGENTCAPS)], 0xee);
	/* not even the fixed part */
	u.c.dwTotalSize = sizeof(LINEAGENTCAPS) - 1;
	ck_assert_int_eq(build(&u), LINEERR_STRUCTURETOOSMALL);
}
END_TEST

START_TEST(test_acd_varstruct_alignment)
{
	struct acd_vs vs;
	size_t a, b;

	ck_assert_int_eq(acd_vs_init(&vs, sizeof(LINEQUEUELIST)), 0);
	a = acd_vs_append(&vs, "x", 2, 1);
	b = acd_vs_append(&vs, "abcd", 4, 4);
	ck_assert_uint_eq(a, sizeof(LINEQUEUELIST));
	ck_assert_uint_eq(b % 4, 0);
	ck_assert_uint_ge(b, a + 2);
	acd_vs_release(&vs);
}
END_TEST

Suite *acd_varstruct_suite(void)
{
	Suite *s = suite_create("acd_varstruct");
	TCase *tc = tcase_create("fill");

	tcase_add_test(tc, test_acd_varstruct_fits);
	tcase_add_test(tc, test_acd_varstruct_too_small);
	tcase_add_test(tc, test_acd_varstruct_alignment);
	suite_add_tcase(s, tc);
	return s;
}
