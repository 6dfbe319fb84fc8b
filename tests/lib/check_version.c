// SPDX-License-Identifier: LGPL-2.1-or-later
/* version.c: negotiation and per-version structure sizes. */
#include "check_libtapi.h"

static DWORD negotiate(DWORD low, DWORD high, LONG *err)
{
	DWORD v = 0xdeadbeef;

	*err = tapi_version_negotiate(low, high, &v);
	return v;
}

START_TEST(test_version_negotiate_highest_in_range)
{
	LONG err;

	ck_assert_uint_eq(negotiate(0x00010003, 0x00020002, &err), 0x00020002);
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq(negotiate(0x00010003, 0x00010004, &err), 0x00010004);
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq(negotiate(0x00010004, 0x00020000, &err), 0x00020000);
	ck_assert_uint_eq(negotiate(0x00020000, 0x00030001, &err), 0x00020002);
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq(negotiate(0x00010000, 0x00010003, &err), 0x00010003);
	ck_assert_int_eq(err, 0);
	/* a range between known versions lands on the one below high */
	ck_assert_uint_eq(negotiate(0x00010003, 0x0001FFFF, &err), 0x00010004);
}
END_TEST

START_TEST(test_version_negotiate_no_overlap)
{
	LONG err;
	DWORD v;

	v = negotiate(0x00010005, 0x00010007, &err);
	ck_assert_int_eq(err, LINEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_uint_eq(v, 0xdeadbeef);	/* untouched on failure */
	negotiate(0x00020003, 0x00030001, &err);
	ck_assert_int_eq(err, LINEERR_INCOMPATIBLEAPIVERSION);
	negotiate(0x00000000, 0x00010002, &err);
	ck_assert_int_eq(err, LINEERR_INCOMPATIBLEAPIVERSION);
	negotiate(0x00020002, 0x00010003, &err);	/* low > high */
	ck_assert_int_eq(err, LINEERR_INCOMPATIBLEAPIVERSION);
}
END_TEST

START_TEST(test_version_known_set)
{
	ck_assert(tapi_version_is_known(0x00010003));
	ck_assert(tapi_version_is_known(0x00010004));
	ck_assert(tapi_version_is_known(0x00020000));
	ck_assert(tapi_version_is_known(0x00020001));
	ck_assert(tapi_version_is_known(0x00020002));
	ck_assert(!tapi_version_is_known(0x00010002));
	ck_assert(!tapi_version_is_known(0x00020003));
	ck_assert(!tapi_version_is_known(0x00030000));
	ck_assert(!tapi_version_is_known(0));
}
END_TEST

/* Sizes follow from the documented field lists: every field is a DWORD
 * (LINEDIALPARAMS 4, GUID 4, SYSTEMTIME 4 DWORDs' worth). */
START_TEST(test_version_struct_sizes_documented)
{
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						 0x00010003), 236);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						 0x00010004), 240);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						 0x00020000), 252);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						 0x00020001), 252);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						 0x00020002), 268);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINECALLINFO,
						 0x00010004), 296);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINECALLINFO,
						 0x00020002), 324);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINECALLSTATUS,
						 0x00010003), 36);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINECALLSTATUS,
						 0x00020000), 56);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS,
						 0x00010003), 176);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS,
						 0x00010004), 180);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS,
						 0x00020000), 228);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVSTATUS,
						 0x00010004), 76);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVSTATUS,
						 0x00020000), 88);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_VARSTRING,
						 0x00010003), 24);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINECALLLIST,
						 0x00020002), 24);
}
END_TEST

START_TEST(test_version_struct_size_unknown_version)
{
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						 0x00030000), 0);
	ck_assert_uint_eq(tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS, 0), 0);
	ck_assert_uint_eq(tapi_struct_fixed_size(__TAPI_STRUCT_CNT,
						 0x00020002), 0);
}
END_TEST

/* An application built with an older TAPI_CURRENT_VERSION passes exactly
 * the fixed size the library expects for that version. */
START_TEST(test_version_header_layouts_match)
{
	struct layout_sizes s;

	layout_v13(&s);
	ck_assert_uint_eq(s.linedevcaps,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS, 0x00010003));
	ck_assert_uint_eq(s.lineaddresscaps,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS, 0x00010003));
	ck_assert_uint_eq(s.linecallinfo,
		tapi_struct_fixed_size(TAPI_STRUCT_LINECALLINFO, 0x00010003));
	ck_assert_uint_eq(s.linecallstatus,
		tapi_struct_fixed_size(TAPI_STRUCT_LINECALLSTATUS, 0x00010003));
	ck_assert_uint_eq(s.linecallparams,
		tapi_struct_fixed_size(TAPI_STRUCT_LINECALLPARAMS, 0x00010003));
	ck_assert_uint_eq(s.linedevstatus,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVSTATUS, 0x00010003));

	layout_v14(&s);
	ck_assert_uint_eq(s.linedevcaps,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS, 0x00010004));
	ck_assert_uint_eq(s.lineaddresscaps,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS, 0x00010004));
	ck_assert_uint_eq(s.linedevstatus,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVSTATUS, 0x00010004));

	layout_v20(&s);
	ck_assert_uint_eq(s.linedevcaps,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS, 0x00020000));
	ck_assert_uint_eq(s.lineaddresscaps,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS, 0x00020000));
	ck_assert_uint_eq(s.linecallinfo,
		tapi_struct_fixed_size(TAPI_STRUCT_LINECALLINFO, 0x00020000));
	ck_assert_uint_eq(s.linecallstatus,
		tapi_struct_fixed_size(TAPI_STRUCT_LINECALLSTATUS, 0x00020000));
	ck_assert_uint_eq(s.linecallparams,
		tapi_struct_fixed_size(TAPI_STRUCT_LINECALLPARAMS, 0x00020000));
	ck_assert_uint_eq(s.linedevstatus,
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVSTATUS, 0x00020000));

	ck_assert_uint_eq(sizeof(LINEDEVCAPS),
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS, 0x00020002));
}
END_TEST

Suite *version_suite(void)
{
	Suite *s = suite_create("version");

	ADD_TEST(s, test_version_negotiate_highest_in_range);
	ADD_TEST(s, test_version_negotiate_no_overlap);
	ADD_TEST(s, test_version_known_set);
	ADD_TEST(s, test_version_struct_sizes_documented);
	ADD_TEST(s, test_version_struct_size_unknown_version);
	ADD_TEST(s, test_version_header_layouts_match);
	return s;
}
