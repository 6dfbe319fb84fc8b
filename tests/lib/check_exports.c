// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The shared library's ABI: exactly the TAPI functions of this step are
 * visible, under the TAPI_2.2 version node, and nothing internal leaks;
 * the header's constants carry Microsoft's documented values.
 */
#include <dlfcn.h>

#include "check_libtapi.h"

#ifndef LIBTAPI_SO_PATH
#error "LIBTAPI_SO_PATH must name the built libtapi.so.1"
#endif

static const char *const exported[] = {
	"lineInitializeEx", "lineShutdown", "lineGetMessage",
	"lineNegotiateAPIVersion",
	"lineGetDevCaps", "lineGetAddressCaps", "lineGetLineDevStatus",
	"lineGetAddressStatus", "lineSetStatusMessages", "lineOpen",
	"lineClose", "lineGetID",
	"lineMakeCall", "lineDial", "lineAnswer", "lineDrop",
	"lineDeallocateCall", "lineGetCallInfo", "lineGetCallStatus",
	"lineGetNewCalls", "lineSetCallPrivilege", "lineHandoff",
	"lineMonitorDigits", "lineGenerateDigits", "lineGatherDigits",
	"lineGenerateTone", "lineMonitorTones", "lineMonitorMedia",
	"lineSetMediaMode",
};

/* Internal names, and TAPI functions this step deliberately leaves out. */
static const char *const hidden[] = {
	"tapi_varbuf_init", "tapi_handle_get", "tapi_apps",
	"tapi_dialplan_parse", "tapi_dev_enumerate", "tapi_registry_update",
	"tapi_lineerr_from_errno", "tapi_engine_lock", "tapi_dialer_start",
	"tapi_nl_enumerate", "tapi_rdv_open", "tapi_tone_zone_find",
	"tapi_callstate_map", "tapi_media_mode_of_tone", "tapi_pcm_name",
};

START_TEST(test_exports_tapi_functions_versioned)
{
	void *so = dlopen(LIBTAPI_SO_PATH, RTLD_NOW | RTLD_LOCAL);

	ck_assert_msg(so != NULL, "dlopen: %s", dlerror());
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(exported); i++) {
		ck_assert_msg(dlsym(so, exported[i]) != NULL, "%s missing",
			      exported[i]);
		ck_assert_msg(dlvsym(so, exported[i], "TAPI_2.2") != NULL,
			      "%s not at TAPI_2.2", exported[i]);
	}
	dlclose(so);
}
END_TEST

START_TEST(test_exports_internals_hidden)
{
	void *so = dlopen(LIBTAPI_SO_PATH, RTLD_NOW | RTLD_LOCAL);

	ck_assert_ptr_nonnull(so);
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(hidden); i++)
		ck_assert_msg(dlsym(so, hidden[i]) == NULL, "%s is visible",
			      hidden[i]);
	dlclose(so);
}
END_TEST

/* A sample of each group against the values Microsoft documents. */
START_TEST(test_exports_documented_constants)
{
	ck_assert_uint_eq((DWORD)LINEERR_ALLOCATED, 0x80000001);
	ck_assert_uint_eq((DWORD)LINEERR_INVALAPPHANDLE, 0x80000014);
	ck_assert_uint_eq((DWORD)LINEERR_INVALPOINTER, 0x80000035);
	ck_assert_uint_eq((DWORD)LINEERR_STRUCTURETOOSMALL, 0x8000004D);
	ck_assert_uint_eq((DWORD)LINEERR_UNINITIALIZED, 0x80000050);
	ck_assert_uint_eq((DWORD)LINEERR_INVALAGENTSESSIONSTATE, 0x8000005F);
	ck_assert_int_lt(LINEERR_ALLOCATED, 0);
	ck_assert_uint_eq(sizeof(LONG), 4);
	ck_assert_uint_eq(sizeof(DWORD), 4);
	ck_assert_uint_eq(sizeof(HCALL), 4);
	ck_assert_uint_eq(sizeof(DWORD_PTR), sizeof(void *));
	ck_assert_int_eq(LINE_REPLY, 12);
	ck_assert_int_eq(LINE_APPNEWCALL, 23);
	ck_assert_int_eq(LINE_PROXYSTATUS, 31);
	ck_assert_uint_eq(LINECALLSTATE_CONNECTED, 0x100);
	ck_assert_uint_eq(LINECALLSTATE_DISCONNECTED, 0x4000);
	ck_assert_uint_eq(LINEDEVSTATE_RINGING, 0x2);
	ck_assert_uint_eq(LINEDEVSTATE_REMOVED, 0x01000000);
	ck_assert_uint_eq(LINEMEDIAMODE_INTERACTIVEVOICE, 0x4);
	ck_assert_uint_eq(LINEMEDIAMODE_G3FAX, 0x20);
	ck_assert_uint_eq(LINEBEARERMODE_VOICE, 0x1);
	ck_assert_uint_eq(LINECALLPRIVILEGE_OWNER, 0x4);
	ck_assert_uint_eq(LINEDIGITMODE_DTMFEND, 0x4);
	ck_assert_uint_eq(LINETONEMODE_BILLING, 0x10);
	ck_assert_uint_eq(LINEADDRESSSTATE_CAPSCHANGE, 0x100);
	ck_assert_uint_eq(LINECALLINFOSTATE_CALLERID, 0x8000);
	ck_assert_uint_eq(LINEDISCONNECTMODE_BUSY, 0x20);
	ck_assert_uint_eq(LINEINITIALIZEEXOPTION_USEEVENT, 2);
	ck_assert_uint_eq(LINEOPENOPTION_SINGLEADDRESS, 0x80000000);
	ck_assert_uint_eq(TAPI_REPLY, 0x463);
}
END_TEST

Suite *exports_suite(void)
{
	Suite *s = suite_create("exports");

	ADD_TEST(s, test_exports_tapi_functions_versioned);
	ADD_TEST(s, test_exports_internals_hidden);
	ADD_TEST(s, test_exports_documented_constants);
	return s;
}
