// SPDX-License-Identifier: LGPL-2.1-or-later
/* line_caps.c and line_status.c: LINEDEVCAPS, LINEADDRESSCAPS and the
 * AppInfo array, filled per version from a channel's description. */
#include <string.h>

#include "check_libtapi.h"
#include "../../lib/engine.h"

static struct tapi_dev_info fxo_info(void)
{
	struct tapi_dev_info i;

	memset(&i, 0, sizeof(i));
	i.channel = 7;
	i.index = 1;
	i.signalling = TAPI_SIG_FXO;
	strcpy(i.card_name, "sim0");
	strcpy(i.driver, "tapi_sim");
	strcpy(i.name, "sim0/fxo1");
	strcpy(i.number, "2007");
	return i;
}

static const char *var_str(const void *s, DWORD size, DWORD offset)
{
	ck_assert_uint_gt(size, 0);
	ck_assert_uint_eq(((const char *)s)[offset + size - 1], '\0');
	return (const char *)s + offset;
}

START_TEST(test_caps_devcaps_v22)
{
	struct tapi_dev_info info = fxo_info();
	union { LINEDEVCAPS c; char buf[1024]; } u;
	LINEDEVCAPS *c = &u.c;
	const char *cls;

	memset(&u, 0xAA, sizeof(u));
	c->dwTotalSize = sizeof(u);
	ck_assert_int_eq(tapi_fill_devcaps(&info, TAPI_VERSION_2_2, c), 0);
	ck_assert_uint_eq(c->dwNeededSize, c->dwUsedSize);
	ck_assert_str_eq(var_str(c, c->dwLineNameSize, c->dwLineNameOffset),
			 "sim0/fxo1");
	ck_assert_str_eq(var_str(c, c->dwProviderInfoSize,
				 c->dwProviderInfoOffset), "linux-tapi");
	ck_assert_str_eq(var_str(c, c->dwSwitchInfoSize,
				 c->dwSwitchInfoOffset), "tapi_sim sim0");
	ck_assert_uint_eq(c->dwNumAddresses, 1);
	ck_assert_uint_eq(c->dwMaxNumActiveCalls, 1);
	ck_assert(c->dwDevCapFlags & LINEDEVCAPFLAGS_DIALDIALTONE);
	ck_assert(c->dwDevCapFlags & LINEDEVCAPFLAGS_DIALQUIET);
	ck_assert(!(c->dwDevCapFlags & LINEDEVCAPFLAGS_DIALBILLING));
	ck_assert(c->dwMediaModes & LINEMEDIAMODE_INTERACTIVEVOICE);
	ck_assert_uint_eq(c->dwMonitorDigitModes,
			  LINEDIGITMODE_DTMF | LINEDIGITMODE_DTMFEND);
	ck_assert_uint_eq(c->dwGenerateDigitModes, LINEDIGITMODE_DTMF);
	ck_assert_uint_eq(c->dwLineFeatures, LINEFEATURE_MAKECALL);
	/* device classes: NUL-separated, double NUL at the end */
	cls = (const char *)c + c->dwDeviceClassesOffset;
	ck_assert_str_eq(cls, "tapi/line");
	ck_assert_str_eq(cls + sizeof("tapi/line"), "tapi/channel");
	ck_assert_uint_eq(c->dwDeviceClassesSize,
			  sizeof("tapi/line") + sizeof("tapi/channel") + 1);
	ck_assert_uint_eq(c->PermanentLineGuid.Data1, c->dwPermanentLineID);
	/* the permanent ID follows the port, not the channel number */
	info.channel = 99;
	ck_assert_uint_eq(tapi_permanent_line_id(&info), c->dwPermanentLineID);
	info.index = 2;
	ck_assert_uint_ne(tapi_permanent_line_id(&info), c->dwPermanentLineID);
}
END_TEST

START_TEST(test_caps_devcaps_older_versions)
{
	struct tapi_dev_info info = fxo_info();
	union { LINEDEVCAPS c; char buf[1024]; } u;
	DWORD fixed13 = tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
					       TAPI_VERSION_1_3);

	/* 1.3: a 1.3 application's structure, no device classes */
	memset(&u, 0xAA, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(tapi_fill_devcaps(&info, TAPI_VERSION_1_3, &u.c), 0);
	ck_assert_uint_lt(fixed13, sizeof(LINEDEVCAPS));
	ck_assert_uint_eq(u.c.dwNeededSize,
			  fixed13 + sizeof("linux-tapi") +
			  sizeof("tapi_sim sim0") + sizeof("sim0/fxo1"));
	/* bytes past 1.3's fixed part were not written as fields */
	ck_assert_uint_eq(u.c.dwProviderInfoOffset, fixed13);

	/* too small for the fixed part: only dwNeededSize is set */
	memset(&u, 0xAA, sizeof(u));
	u.c.dwTotalSize = fixed13 - 4;
	ck_assert_int_eq(tapi_fill_devcaps(&info, TAPI_VERSION_1_3, &u.c),
			 LINEERR_STRUCTURETOOSMALL);
	ck_assert_uint_eq(u.c.dwNeededSize,
			  fixed13 + sizeof("linux-tapi") +
			  sizeof("tapi_sim sim0") + sizeof("sim0/fxo1"));
	ck_assert_uint_eq(u.c.dwUsedSize, 0xAAAAAAAA);

	/* room for the fixed part only: strings left out, needed told */
	memset(&u, 0xAA, sizeof(u));
	u.c.dwTotalSize = sizeof(LINEDEVCAPS);
	ck_assert_int_eq(tapi_fill_devcaps(&info, TAPI_VERSION_2_2, &u.c), 0);
	ck_assert_uint_eq(u.c.dwUsedSize, sizeof(LINEDEVCAPS));
	ck_assert_uint_gt(u.c.dwNeededSize, sizeof(LINEDEVCAPS));
	ck_assert_uint_eq(u.c.dwLineNameSize, 0);
}
END_TEST

START_TEST(test_caps_station_devcaps)
{
	struct tapi_dev_info info = fxo_info();
	union { LINEDEVCAPS c; char buf[1024]; } u;
	const char *cls;

	info.signalling = TAPI_SIG_FXS;
	info.name[0] = '\0';		/* enumerated through sysfs */
	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(tapi_fill_devcaps(&info, TAPI_VERSION_2_0, &u.c), 0);
	ck_assert_str_eq((char *)&u + u.c.dwLineNameOffset, "sim0/1");
	ck_assert_uint_eq(u.c.dwDevCapFlags, LINEDEVCAPFLAGS_CLOSEDROP);
	cls = (const char *)&u + u.c.dwDeviceClassesOffset;
	ck_assert_str_eq(cls, "tapi/line");
	ck_assert_str_eq(cls + sizeof("tapi/line"), "tapi/phone");
	ck_assert_str_eq(cls + sizeof("tapi/line") + sizeof("tapi/phone"),
			 "tapi/channel");
}
END_TEST

START_TEST(test_caps_address_is_number)
{
	struct tapi_dev_info info = fxo_info();
	union { LINEADDRESSCAPS c; char buf[1024]; } u;

	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(tapi_fill_addresscaps(&info, 3, TAPI_VERSION_2_2,
					       &u.c), 0);
	ck_assert_uint_eq(u.c.dwLineDeviceID, 3);
	ck_assert_str_eq(var_str(&u, u.c.dwAddressSize, u.c.dwAddressOffset),
			 "2007");
	ck_assert(u.c.dwCallStates & LINECALLSTATE_DIALTONE);
	ck_assert(u.c.dwAddrCapFlags & LINEADDRCAPFLAGS_PARTIALDIAL);
	ck_assert(u.c.dwCallerIDFlags & LINECALLPARTYID_NAME);
	ck_assert(u.c.dwDisconnectModes & LINEDISCONNECTMODE_NODIALTONE);
	ck_assert_uint_eq(u.c.dwAddressFeatures, LINEADDRFEATURE_MAKECALL);
	/* 1.3: no NODIALTONE yet */
	ck_assert_int_eq(tapi_fill_addresscaps(&info, 3, TAPI_VERSION_1_3,
					       &u.c), 0);
	ck_assert(!(u.c.dwDisconnectModes & LINEDISCONNECTMODE_NODIALTONE));
	/* no number known: no address */
	info.number[0] = '\0';
	ck_assert_int_eq(tapi_fill_addresscaps(&info, 3, TAPI_VERSION_2_2,
					       &u.c), 0);
	ck_assert_uint_eq(u.c.dwAddressSize, 0);
}
END_TEST

START_TEST(test_caps_appinfo_offsets)
{
	struct tapi_rdv_app apps[2] = {
		{ .pid = 1, .media_modes = LINEMEDIAMODE_INTERACTIVEVOICE,
		  .friendly = "Dialer", .module = "dialer" },
		{ .pid = 2, .friendly = "Monitor", .module = "mon" },
	};
	union { LINEDEVSTATUS s; char buf[2048]; } u;
	struct tapi_varbuf vb;
	const LINEAPPINFO *ai;

	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(LINEDEVSTATUS),
			 tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVSTATUS,
						TAPI_VERSION_2_0)), 0);
	ck_assert_int_eq(tapi_fill_appinfo(&vb, offsetof(LINEDEVSTATUS,
							 dwAppInfoSize),
					   offsetof(LINEDEVSTATUS,
						    dwAppInfoOffset),
					   apps, 2, "host", "user"), 0);
	u.s.dwTotalSize = sizeof(u);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, &u.s), 0);
	tapi_varbuf_release(&vb);
	ck_assert_uint_eq(u.s.dwAppInfoSize, 2 * sizeof(LINEAPPINFO));
	ai = (const LINEAPPINFO *)(u.buf + u.s.dwAppInfoOffset);
	ck_assert_str_eq(var_str(&u, ai[0].dwFriendlyNameSize,
				 ai[0].dwFriendlyNameOffset), "Dialer");
	ck_assert_str_eq(var_str(&u, ai[1].dwModuleFilenameSize,
				 ai[1].dwModuleFilenameOffset), "mon");
	ck_assert_str_eq(var_str(&u, ai[1].dwMachineNameSize,
				 ai[1].dwMachineNameOffset), "host");
	ck_assert_uint_eq(ai[0].dwMediaModes, LINEMEDIAMODE_INTERACTIVEVOICE);
	ck_assert_uint_le(ai[1].dwFriendlyNameOffset + ai[1].dwFriendlyNameSize,
			  u.s.dwUsedSize);
}
END_TEST

Suite *caps_suite(void)
{
	Suite *s = suite_create("caps");

	ADD_TEST(s, test_caps_devcaps_v22);
	ADD_TEST(s, test_caps_devcaps_older_versions);
	ADD_TEST(s, test_caps_station_devcaps);
	ADD_TEST(s, test_caps_address_is_number);
	ADD_TEST(s, test_caps_appinfo_offsets);
	return s;
}
