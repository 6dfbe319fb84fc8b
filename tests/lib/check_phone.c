// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The TAPI phone functions through the engine against fake channels
 * (fake_chan.h): an FXS station and a USB handset are phone devices, an
 * FXO line is none.  Argument checks of every function, the messages
 * (PHONE_STATE, PHONE_BUTTON, PHONE_REPLY, PHONE_CREATE/REMOVE),
 * privileges and removal.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fake_chan.h"
#include "../../lib/engine.h"

#define WAIT_MS 3000
#define MISALIGNED(p) ((void *)((char *)(p) + 1))

/* channel 0 FXO (no phone), 1 FXS (phone 0), 2 handset (phone 1) */
static const enum tapi_signalling sigs[] = {
	TAPI_SIG_FXO, TAPI_SIG_FXS, TAPI_SIG_HANDSET,
};

#define FXS_CAPS	(TAPI_CAP_MEDIA | TAPI_CAP_HOOK_DETECT | TAPI_CAP_RING)
#define HANDSET_CAPS	(TAPI_CAP_KEYPAD | TAPI_CAP_HOOK_DETECT | TAPI_CAP_RING)

static void install(void)
{
	fake_backend_install(3, sigs);
	fake_set_caps(1, FXS_CAPS);
	fake_set_caps(2, HANDSET_CAPS);
	fake_sound_card = NULL;
}

static HPHONEAPP init_app(DWORD *ndevs)
{
	PHONEINITIALIZEEXPARAMS ip = {
		.dwTotalSize = sizeof(ip),
		.dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT,
	};
	DWORD v = 0x00020002, n = 0;
	HPHONEAPP app = 0;

	ck_assert_int_eq(phoneInitializeEx(&app, NULL, NULL, "phones", &n, &v,
					   &ip), 0);
	ck_assert_uint_ne(app, 0);
	ck_assert_int_ge(ip.Handles.hEvent, 0);
	if (ndevs)
		*ndevs = n;
	return app;
}

/* The next message @id for @dev (any when 0); others are skipped. */
static bool wait_msg(HPHONEAPP app, DWORD id, DWORD dev, PHONEMESSAGE *m)
{
	for (;;) {
		if (phoneGetMessage(app, m, WAIT_MS))
			return false;
		if (m->dwMessageID == id && (!dev || m->hDevice == dev))
			return true;
	}
}

/* No message @id comes within a short while. */
static bool no_msg(HPHONEAPP app, DWORD id)
{
	PHONEMESSAGE m;

	while (!phoneGetMessage(app, &m, 200))
		if (m.dwMessageID == id)
			return false;
	return true;
}

static HPHONE open_phone(HPHONEAPP app, DWORD id, DWORD priv)
{
	HPHONE ph = 0;

	ck_assert_int_eq(phoneOpen(app, id, &ph, 0x00020002, 0, 0x77, priv),
			 0);
	ck_assert_uint_ne(ph, 0);
	ck_assert(fake_wait_open(id + 1, WAIT_MS));
	return ph;
}

static void enable_all(HPHONE ph)
{
	ck_assert_int_eq(phoneSetStatusMessages(ph, TAPI_PHONE_STATES_1_4,
						TAPI_PHONE_BUTTON_MODES,
						PHONEBUTTONSTATE_UP |
						PHONEBUTTONSTATE_DOWN), 0);
}

static void expect_reply(HPHONEAPP app, LONG id, LONG result)
{
	PHONEMESSAGE m;

	ck_assert_int_gt(id, 0);
	ck_assert(wait_msg(app, PHONE_REPLY, 0, &m));
	ck_assert_uint_eq(m.dwParam1, (DWORD_PTR)id);
	ck_assert_int_eq((LONG)m.dwParam2, result);
	ck_assert_uint_eq(m.dwCallbackInstance, 0x77);
}

static void expect_state(HPHONEAPP app, HPHONE ph, DWORD state, DWORD p2)
{
	PHONEMESSAGE m;

	ck_assert_msg(wait_msg(app, PHONE_STATE, ph, &m), "no PHONE_STATE 0x%x",
		      state);
	ck_assert_uint_eq(m.dwParam1, state);
	ck_assert_uint_eq(m.dwParam2, p2);
	ck_assert_uint_eq(m.dwCallbackInstance, 0x77);
}

static void expect_button(HPHONEAPP app, HPHONE ph, DWORD id, DWORD mode,
			  DWORD state)
{
	PHONEMESSAGE m;

	ck_assert(wait_msg(app, PHONE_BUTTON, ph, &m));
	ck_assert_uint_eq(m.dwParam1, id);
	ck_assert_uint_eq(m.dwParam2, mode);
	ck_assert_uint_eq(m.dwParam3, state);
}

START_TEST(test_phone_initialize)
{
	PHONEINITIALIZEEXPARAMS ip = {
		.dwTotalSize = sizeof(ip),
		.dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT,
	};
	PHONEEXTENSIONID ext;
	PHONEMESSAGE m;
	DWORD v = 0x00020002, n;
	HPHONEAPP app, h;
	HLINEAPP line_app;

	install();
	/* nothing initialized yet */
	ck_assert_int_eq(phoneShutdown(1), PHONEERR_UNINITIALIZED);
	ck_assert_int_eq(phoneClose(1), PHONEERR_UNINITIALIZED);
	ck_assert_int_eq(phoneInitializeEx(NULL, NULL, NULL, "x", &n, &v, &ip),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "x", NULL, &v, &ip),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "x", &n, NULL, &ip),
			 PHONEERR_INVALPOINTER);
	/* callback mode needs a callback */
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "x", &n, &v, NULL),
			 PHONEERR_INVALPOINTER);
	ip.dwTotalSize = 4;
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "x", &n, &v, &ip),
			 PHONEERR_STRUCTURETOOSMALL);
	ip.dwTotalSize = sizeof(ip);
	ip.dwOptions = PHONEINITIALIZEEXOPTION_USECOMPLETIONPORT;
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "x", &n, &v, &ip),
			 PHONEERR_INVALPARAM);
	ip.dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT;
	v = 0x00010002;
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "x", &n, &v, &ip),
			 PHONEERR_INCOMPATIBLEAPIVERSION);
	v = 0x00020002;
	ck_assert_int_eq(phoneInitializeEx(&h, NULL, NULL, "tab\tname", &n, &v,
					   &ip), PHONEERR_INVALAPPNAME);

	app = init_app(&n);
	ck_assert_uint_eq(n, 2);	/* the FXO line is no phone */
	/* handles of the line API are no phone handles and vice versa */
	line_app = fake_init_app("lines", NULL);
	ck_assert_int_eq(phoneShutdown(line_app), PHONEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineShutdown(app), LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineShutdown(line_app), 0);

	ck_assert_int_eq(phoneGetMessage(0, &m, 0), PHONEERR_INVALAPPHANDLE);
	ck_assert_int_eq(phoneGetMessage(app, NULL, 0), PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetMessage(app, MISALIGNED(&m), 0),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetMessage(app, &m, 0), PHONEERR_OPERATIONFAILED);

	ck_assert_int_eq(phoneNegotiateAPIVersion(app + 1, 0, 0x10003, 0x20002,
						  &v, &ext),
			 PHONEERR_INVALAPPHANDLE);
	ck_assert_int_eq(phoneNegotiateAPIVersion(app, 0, 0x10003, 0x20002,
						  NULL, &ext),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneNegotiateAPIVersion(app, 0, 0x10003, 0x20002,
						  &v, NULL),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneNegotiateAPIVersion(app, 2, 0x10003, 0x20002,
						  &v, &ext),
			 PHONEERR_BADDEVICEID);
	ck_assert_int_eq(phoneNegotiateAPIVersion(app, 0, 0x30000, 0x30001,
						  &v, &ext),
			 PHONEERR_INCOMPATIBLEAPIVERSION);
	memset(&ext, 0xff, sizeof(ext));
	ck_assert_int_eq(phoneNegotiateAPIVersion(app, 1, 0x10003, 0x20001,
						  &v, &ext), 0);
	ck_assert_uint_eq(v, 0x20001);
	ck_assert_uint_eq(ext.dwExtensionID0, 0);

	ck_assert_int_eq(phoneShutdown(app), 0);
	ck_assert_int_eq(phoneShutdown(app), PHONEERR_UNINITIALIZED);
}
END_TEST

START_TEST(test_phone_caps)
{
	union { PHONECAPS c; char buf[4096]; } u;
	const DWORD *modes, *functions;
	HPHONEAPP app;

	install();
	app = init_app(NULL);
	memset(&u, 0, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 0, NULL),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 0,
					 MISALIGNED(&u.c)),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetDevCaps(app, 5, 0x00020002, 0, &u.c),
			 PHONEERR_BADDEVICEID);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00010002, 0, &u.c),
			 PHONEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 3, &u.c),
			 PHONEERR_INCOMPATIBLEEXTVERSION);
	u.c.dwTotalSize = 12;
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 0, &u.c),
			 PHONEERR_STRUCTURETOOSMALL);
	u.c.dwTotalSize = sizeof(PHONECAPS);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 0, &u.c), 0);
	ck_assert_uint_gt(u.c.dwNeededSize, sizeof(PHONECAPS));
	ck_assert_uint_eq(u.c.dwUsedSize, sizeof(PHONECAPS));
	ck_assert_uint_eq(u.c.dwPhoneNameSize, 0);

	/* the FXS station */
	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 0, &u.c), 0);
	ck_assert_str_eq(u.buf + u.c.dwPhoneNameOffset, "fake0/fxs1");
	ck_assert_uint_eq(u.c.dwStringFormat, STRINGFORMAT_ASCII);
	ck_assert_uint_eq(u.c.dwHookSwitchDevs, PHONEHOOKSWITCHDEV_HANDSET);
	ck_assert_uint_eq(u.c.dwHandsetHookSwitchModes,
			  PHONEHOOKSWITCHMODE_ONHOOK |
			  PHONEHOOKSWITCHMODE_MICSPEAKER);
	ck_assert_uint_eq(u.c.dwSettableHandsetHookSwitchModes, 0);
	ck_assert_uint_eq(u.c.dwNumRingModes, TAPI_PHONE_RING_MODES);
	ck_assert_uint_eq(u.c.dwVolumeFlags, 0);	/* no mixer */
	ck_assert_uint_eq(u.c.dwGainFlags, 0);
	ck_assert_uint_eq(u.c.dwDisplayNumRows, 0);
	ck_assert_uint_eq(u.c.dwNumButtonLamps, 17);
	ck_assert_uint_eq(u.c.dwButtonModesSize, 17 * sizeof(DWORD));
	modes = (const DWORD *)(u.buf + u.c.dwButtonModesOffset);
	functions = (const DWORD *)(u.buf + u.c.dwButtonFunctionsOffset);
	ck_assert_uint_eq(modes[0], PHONEBUTTONMODE_KEYPAD);
	ck_assert_uint_eq(modes[15], PHONEBUTTONMODE_KEYPAD);	/* 'D' */
	ck_assert_uint_eq(modes[16], PHONEBUTTONMODE_FEATURE);
	ck_assert_uint_eq(functions[16], PHONEBUTTONFUNCTION_FLASH);
	ck_assert(u.c.dwPhoneFeatures & PHONEFEATURE_SETRING);
	ck_assert(!(u.c.dwPhoneFeatures & PHONEFEATURE_SETVOLUMEHANDSET));
	ck_assert(!(u.c.dwPhoneFeatures & PHONEFEATURE_SETHOOKSWITCHHANDSET));
	ck_assert_str_eq(u.buf + u.c.dwDeviceClassesOffset, "tapi/phone");

	/* the handset: its other keys, no A-D */
	ck_assert_int_eq(phoneGetDevCaps(app, 1, 0x00020002, 0, &u.c), 0);
	ck_assert_uint_eq(u.c.dwNumButtonLamps, 25);
	modes = (const DWORD *)(u.buf + u.c.dwButtonModesOffset);
	functions = (const DWORD *)(u.buf + u.c.dwButtonFunctionsOffset);
	ck_assert_uint_eq(modes[12], PHONEBUTTONMODE_DUMMY);
	ck_assert_uint_eq(functions[21], PHONEBUTTONFUNCTION_VOLUMEUP);
	ck_assert_uint_eq(functions[24], PHONEBUTTONFUNCTION_MUTE);
	ck_assert_ptr_nonnull(strstr(u.buf + u.c.dwPhoneInfoOffset,
				     "pick-up"));

	/* TAPI 1.3 has the short structure: its strings follow it */
	memset(&u, 0, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00010003, 0, &u.c), 0);
	ck_assert_uint_ge(u.c.dwProviderInfoOffset,
			  offsetof(PHONECAPS, dwDeviceClassesSize));
	ck_assert_uint_lt(u.c.dwProviderInfoOffset, sizeof(PHONECAPS));
	ck_assert_uint_eq(u.c.dwPhoneStates & PHONESTATE_REMOVED, 0);

	/* a station that went away keeps its ID */
	fake_backend_remove(1);
	tapi_registry_refresh(NULL);
	ck_assert_int_eq(phoneGetDevCaps(app, 0, 0x00020002, 0, &u.c),
			 PHONEERR_NODEVICE);
	ck_assert_int_eq(phoneShutdown(app), 0);
}
END_TEST

START_TEST(test_phone_open_privileges)
{
	union { PHONESTATUS s; char buf[1024]; } u;
	HPHONE owner, mon, ph;
	HPHONEAPP app;
	PHONEMESSAGE m;

	install();
	app = init_app(NULL);
	ck_assert_int_eq(phoneOpen(app + 1, 0, &ph, 0x20002, 0, 0,
				   PHONEPRIVILEGE_OWNER),
			 PHONEERR_INVALAPPHANDLE);
	ck_assert_int_eq(phoneOpen(app, 0, NULL, 0x20002, 0, 0,
				   PHONEPRIVILEGE_OWNER),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneOpen(app, 2, &ph, 0x20002, 0, 0,
				   PHONEPRIVILEGE_OWNER),
			 PHONEERR_BADDEVICEID);
	ck_assert_int_eq(phoneOpen(app, 0, &ph, 0x30000, 0, 0,
				   PHONEPRIVILEGE_OWNER),
			 PHONEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_int_eq(phoneOpen(app, 0, &ph, 0x20002, 1, 0,
				   PHONEPRIVILEGE_OWNER),
			 PHONEERR_INCOMPATIBLEEXTVERSION);
	ck_assert_int_eq(phoneOpen(app, 0, &ph, 0x20002, 0, 0, 0),
			 PHONEERR_INVALPRIVILEGE);
	ck_assert_int_eq(phoneOpen(app, 0, &ph, 0x20002, 0, 0,
				   PHONEPRIVILEGE_OWNER |
				   PHONEPRIVILEGE_MONITOR),
			 PHONEERR_INVALPRIVILEGE);

	mon = open_phone(app, 0, PHONEPRIVILEGE_MONITOR);
	ck_assert_int_eq(phoneSetStatusMessages(mon, PHONESTATE_OWNER |
						PHONESTATE_MONITORS, 0, 0), 0);
	owner = open_phone(app, 0, PHONEPRIVILEGE_OWNER);
	expect_state(app, mon, PHONESTATE_OWNER, 1);
	ck_assert_int_eq(phoneOpen(app, 0, &ph, 0x20002, 0, 0,
				   PHONEPRIVILEGE_OWNER), PHONEERR_INUSE);
	/* a monitor may not change the phone */
	ck_assert_int_eq(phoneSetRing(mon, 1, 0), PHONEERR_NOTOWNER);
	ck_assert_int_eq(phoneSetHookSwitch(mon, PHONEHOOKSWITCHDEV_HANDSET,
					    PHONEHOOKSWITCHMODE_ONHOOK),
			 PHONEERR_NOTOWNER);
	ck_assert_int_eq(phoneSetLamp(mon, 0, PHONELAMPMODE_OFF),
			 PHONEERR_NOTOWNER);
	ck_assert_int_eq(phoneSetVolume(mon, PHONEHOOKSWITCHDEV_HANDSET, 1),
			 PHONEERR_NOTOWNER);
	ck_assert_int_eq(phoneSetGain(mon, PHONEHOOKSWITCHDEV_HANDSET, 1),
			 PHONEERR_NOTOWNER);
	ck_assert_int_eq(phoneSetDisplay(mon, 0, 0, "x", 1),
			 PHONEERR_NOTOWNER);

	memset(&u, 0, sizeof(u));
	u.s.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetStatus(mon, &u.s), 0);
	ck_assert_uint_eq(u.s.dwNumOwners, 1);
	ck_assert_uint_eq(u.s.dwNumMonitors, 1);
	ck_assert_uint_eq(u.s.dwStatusFlags, PHONESTATUSFLAGS_CONNECTED);
	ck_assert_uint_eq(u.s.dwHandsetHookSwitchMode,
			  PHONEHOOKSWITCHMODE_ONHOOK);
	ck_assert_str_eq(u.buf + u.s.dwOwnerNameOffset, "phones");
	ck_assert_uint_eq(u.s.dwLampModesSize, 17 * sizeof(DWORD));
	u.s.dwTotalSize = 8;
	ck_assert_int_eq(phoneGetStatus(mon, &u.s), PHONEERR_STRUCTURETOOSMALL);
	ck_assert_int_eq(phoneGetStatus(mon, NULL), PHONEERR_INVALPOINTER);

	ck_assert_int_eq(phoneClose(owner), 0);
	expect_state(app, mon, PHONESTATE_OWNER, 0);
	ck_assert_int_eq(phoneClose(owner), PHONEERR_INVALPHONEHANDLE);
	ck_assert_int_eq(phoneGetStatus(owner, &u.s), PHONEERR_INVALPHONEHANDLE);
	ck_assert_int_eq(phoneClose(0), PHONEERR_INVALPHONEHANDLE);
	/* an HPHONEAPP is no HPHONE */
	ck_assert_int_eq(phoneClose(app), PHONEERR_INVALPHONEHANDLE);
	ck_assert_int_eq(phoneShutdown(app), 0);
	/* the shutdown closed the monitor; no PHONE_CLOSE for it */
	ck_assert_int_eq(phoneGetMessage(app, &m, 0), PHONEERR_INVALAPPHANDLE);
	ck_assert_int_eq(phoneClose(mon), PHONEERR_UNINITIALIZED);
}
END_TEST

START_TEST(test_phone_status_messages)
{
	DWORD s, bm, bs;
	HPHONEAPP app;
	HPHONE ph, ph13;

	install();
	app = init_app(NULL);
	ph = open_phone(app, 0, PHONEPRIVILEGE_OWNER);
	ck_assert_int_eq(phoneOpen(app, 0, &ph13, 0x00010003, 0, 0,
				   PHONEPRIVILEGE_MONITOR), 0);
	ck_assert_int_eq(phoneSetStatusMessages(0x7123, 0, 0, 0),
			 PHONEERR_INVALPHONEHANDLE);
	ck_assert_int_eq(phoneSetStatusMessages(ph, 0x01000000, 0, 0),
			 PHONEERR_INVALPHONESTATE);
	/* REMOVED is TAPI 1.4 */
	ck_assert_int_eq(phoneSetStatusMessages(ph13, PHONESTATE_REMOVED, 0,
						0), PHONEERR_INVALPHONESTATE);
	ck_assert_int_eq(phoneSetStatusMessages(ph, 0, 0x40, 1),
			 PHONEERR_INVALBUTTONMODE);
	ck_assert_int_eq(phoneSetStatusMessages(ph, 0, PHONEBUTTONMODE_KEYPAD,
						0), PHONEERR_INVALBUTTONSTATE);
	ck_assert_int_eq(phoneSetStatusMessages(ph, 0, PHONEBUTTONMODE_KEYPAD,
						0x10), PHONEERR_INVALBUTTONSTATE);
	ck_assert_int_eq(phoneSetStatusMessages(ph13, 0, PHONEBUTTONMODE_KEYPAD,
						PHONEBUTTONSTATE_UNKNOWN),
			 PHONEERR_INVALBUTTONSTATE);
	ck_assert_int_eq(phoneSetStatusMessages(ph, PHONESTATE_RINGMODE,
						PHONEBUTTONMODE_KEYPAD,
						PHONEBUTTONSTATE_DOWN), 0);
	ck_assert_int_eq(phoneGetStatusMessages(ph, &s, &bm, NULL),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetStatusMessages(ph, &s, &bm, &bs), 0);
	ck_assert_uint_eq(s, PHONESTATE_RINGMODE);
	ck_assert_uint_eq(bm, PHONEBUTTONMODE_KEYPAD);
	ck_assert_uint_eq(bs, PHONEBUTTONSTATE_DOWN);
	/* no button modes: the states are forgotten */
	ck_assert_int_eq(phoneSetStatusMessages(ph, 0, 0, 0x7), 0);
	ck_assert_int_eq(phoneGetStatusMessages(ph, &s, &bm, &bs), 0);
	ck_assert_uint_eq(bs, 0);
	/* only what was asked for comes */
	ck_assert_int_eq(phoneSetStatusMessages(ph, 0, PHONEBUTTONMODE_KEYPAD,
						PHONEBUTTONSTATE_UP), 0);
	fake_event(1, TAPI_EV_DIGIT_START, '7', 0);
	fake_event(1, TAPI_EV_DIGIT_END, '7', 80);
	expect_button(app, ph, 7, PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_UP);
	fake_event(1, TAPI_EV_HOOK, TAPI_HOOK_OFF, 0);
	ck_assert(no_msg(app, PHONE_STATE));
	ck_assert_int_eq(phoneShutdown(app), 0);
}
END_TEST

START_TEST(test_phone_hook_keys_ring)
{
	union { PHONEBUTTONINFO b; char buf[256]; } u;
	struct fake_op op;
	DWORD devs, mode, vol;
	HPHONEAPP app;
	HPHONE ph;
	LONG id;

	install();
	app = init_app(NULL);
	ph = open_phone(app, 0, PHONEPRIVILEGE_OWNER);
	enable_all(ph);

	ck_assert_int_eq(phoneGetHookSwitch(ph, NULL), PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetHookSwitch(ph, &devs), 0);
	ck_assert_uint_eq(devs, 0);
	fake_event(1, TAPI_EV_HOOK, TAPI_HOOK_OFF, 0);
	expect_state(app, ph, PHONESTATE_HANDSETHOOKSWITCH,
		     PHONEHOOKSWITCHMODE_MICSPEAKER);
	ck_assert_int_eq(phoneGetHookSwitch(ph, &devs), 0);
	ck_assert_uint_eq(devs, PHONEHOOKSWITCHDEV_HANDSET);

	/* the station's DTMF: keypad buttons down and up */
	fake_event(1, TAPI_EV_DIGIT_START, '#', 0);
	expect_button(app, ph, 11, PHONEBUTTONMODE_KEYPAD,
		      PHONEBUTTONSTATE_DOWN);
	memset(&u, 0, sizeof(u));
	u.b.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetButtonInfo(ph, 11, &u.b), 0);
	ck_assert_uint_eq(u.b.dwButtonMode, PHONEBUTTONMODE_KEYPAD);
	ck_assert_uint_eq(u.b.dwButtonState, PHONEBUTTONSTATE_DOWN);
	ck_assert_str_eq(u.buf + u.b.dwButtonTextOffset, "#");
	fake_event(1, TAPI_EV_DIGIT_END, '#', 90);
	expect_button(app, ph, 11, PHONEBUTTONMODE_KEYPAD,
		      PHONEBUTTONSTATE_UP);
	fake_event(1, TAPI_EV_DIGIT_START, 'D', 0);
	expect_button(app, ph, 15, PHONEBUTTONMODE_KEYPAD,
		      PHONEBUTTONSTATE_DOWN);
	fake_event(1, TAPI_EV_FLASH, 0, 0);
	expect_button(app, ph, 16, PHONEBUTTONMODE_FEATURE,
		      PHONEBUTTONSTATE_DOWN);
	expect_button(app, ph, 16, PHONEBUTTONMODE_FEATURE,
		      PHONEBUTTONSTATE_UP);
	ck_assert_int_eq(phoneGetButtonInfo(ph, 17, &u.b),
			 PHONEERR_INVALBUTTONLAMPID);
	ck_assert_int_eq(phoneGetButtonInfo(ph, 0, NULL),
			 PHONEERR_INVALPOINTER);
	u.b.dwTotalSize = 8;
	ck_assert_int_eq(phoneGetButtonInfo(ph, 0, &u.b),
			 PHONEERR_STRUCTURETOOSMALL);
	fake_event(1, TAPI_EV_HOOK, TAPI_HOOK_ON, 0);
	expect_state(app, ph, PHONESTATE_HANDSETHOOKSWITCH,
		     PHONEHOOKSWITCHMODE_ONHOOK);

	/* ringing: modes are cadences */
	ck_assert_int_eq(phoneSetRing(ph, TAPI_PHONE_RING_MODES + 1, 0),
			 PHONEERR_INVALRINGMODE);
	ck_assert_int_eq(phoneSetRing(ph, 1, 0x10000), PHONEERR_INVALPARAM);
	id = phoneSetRing(ph, 2, 0x4000);
	expect_reply(app, id, 0);
	ck_assert(fake_wait_op(1, FAKE_OP_RING_START, 0, &op, WAIT_MS));
	expect_state(app, ph, PHONESTATE_RINGMODE, 2);
	ck_assert_int_eq(phoneGetRing(ph, &mode, NULL), PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetRing(ph, &mode, &vol), 0);
	ck_assert_uint_eq(mode, 2);
	ck_assert_uint_eq(vol, 0x4000);
	/* the kernel refuses: the reply says so */
	fake_chans[1]->fail_errno = EBUSY;
	id = phoneSetRing(ph, 1, 0x4000);
	expect_reply(app, id, PHONEERR_RESOURCEUNAVAIL);
	/* the station answers: ringing is over */
	fake_event(1, TAPI_EV_HOOK, TAPI_HOOK_OFF, 0);
	expect_state(app, ph, PHONESTATE_HANDSETHOOKSWITCH,
		     PHONEHOOKSWITCHMODE_MICSPEAKER);
	expect_state(app, ph, PHONESTATE_RINGMODE, 0);
	fake_event(1, TAPI_EV_HOOK, TAPI_HOOK_ON, 0);
	expect_state(app, ph, PHONESTATE_HANDSETHOOKSWITCH,
		     PHONEHOOKSWITCHMODE_ONHOOK);
	id = phoneSetRing(ph, 1, 0x4000);
	expect_reply(app, id, 0);
	expect_state(app, ph, PHONESTATE_RINGMODE, 1);
	fake_event(1, TAPI_EV_RING_DONE, 0, 0);
	expect_state(app, ph, PHONESTATE_RINGMODE, 0);
	id = phoneSetRing(ph, 0, 0x4000);
	expect_reply(app, id, 0);
	ck_assert(fake_wait_op(1, FAKE_OP_RING_STOP, 0, &op, WAIT_MS));

	/* the station's hook is its user's */
	ck_assert_int_eq(phoneSetHookSwitch(ph, 0, PHONEHOOKSWITCHMODE_ONHOOK),
			 PHONEERR_INVALHOOKSWITCHDEV);
	ck_assert_int_eq(phoneSetHookSwitch(ph, PHONEHOOKSWITCHDEV_HANDSET,
					    PHONEHOOKSWITCHMODE_ONHOOK |
					    PHONEHOOKSWITCHMODE_MIC),
			 PHONEERR_INVALHOOKSWITCHMODE);
	ck_assert_int_eq(phoneSetHookSwitch(ph, PHONEHOOKSWITCHDEV_HANDSET,
					    PHONEHOOKSWITCHMODE_MICSPEAKER),
			 PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneShutdown(app), 0);
}
END_TEST

START_TEST(test_phone_handset_keys)
{
	union { PHONEBUTTONINFO b; char buf[256]; } u;
	HPHONEAPP app;
	HPHONE ph;

	install();
	app = init_app(NULL);
	ph = open_phone(app, 1, PHONEPRIVILEGE_MONITOR);
	enable_all(ph);
	fake_event(2, TAPI_EV_KEY, '4', 0);
	expect_button(app, ph, 4, PHONEBUTTONMODE_KEYPAD,
		      PHONEBUTTONSTATE_DOWN);
	fake_event(2, TAPI_EV_KEY, '4', 120);
	expect_button(app, ph, 4, PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_UP);
	fake_event(2, TAPI_EV_KEY, TAPI_KEY_VOLUME_UP, 0);
	expect_button(app, ph, 21, PHONEBUTTONMODE_FEATURE,
		      PHONEBUTTONSTATE_DOWN);
	memset(&u, 0, sizeof(u));
	u.b.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetButtonInfo(ph, 21, &u.b), 0);
	ck_assert_uint_eq(u.b.dwButtonFunction, PHONEBUTTONFUNCTION_VOLUMEUP);
	ck_assert_uint_eq(u.b.dwButtonState, PHONEBUTTONSTATE_DOWN);
	ck_assert_str_eq(u.buf + u.b.dwButtonTextOffset, "Volume up");
	fake_event(2, TAPI_EV_KEY, TAPI_KEY_MIC_MUTE, 0);
	expect_button(app, ph, 24, PHONEBUTTONMODE_FEATURE,
		      PHONEBUTTONSTATE_DOWN);
	/* no 'A' key on a handset: button 12 is a dummy, 'A' is ignored */
	ck_assert_int_eq(phoneGetButtonInfo(ph, 12, &u.b), 0);
	ck_assert_uint_eq(u.b.dwButtonMode, PHONEBUTTONMODE_DUMMY);
	ck_assert_uint_eq(u.b.dwButtonState, PHONEBUTTONSTATE_UNAVAIL);
	fake_event(2, TAPI_EV_KEY, 'A', 0);
	fake_event(2, TAPI_EV_HOOK, TAPI_HOOK_OFF, 0);
	expect_state(app, ph, PHONESTATE_HANDSETHOOKSWITCH,
		     PHONEHOOKSWITCHMODE_MICSPEAKER);
	ck_assert(no_msg(app, PHONE_BUTTON));
	ck_assert_int_eq(phoneShutdown(app), 0);
}
END_TEST

static long dword_id(HPHONE ph, const char *class)
{
	union { VARSTRING v; char buf[128]; } u;
	DWORD id;

	memset(&u, 0, sizeof(u));
	u.v.dwTotalSize = sizeof(u);
	if (phoneGetID(ph, &u.v, class))
		return -1;
	ck_assert_uint_eq(u.v.dwStringFormat, STRINGFORMAT_BINARY);
	ck_assert_uint_eq(u.v.dwStringSize, sizeof(DWORD));
	memcpy(&id, u.buf + u.v.dwStringOffset, sizeof(id));
	return id;
}

START_TEST(test_phone_id_and_unavailable)
{
	union { VARSTRING v; char buf[128]; } u;
	HPHONEAPP app;
	HPHONE fxs, hs;
	HLINEAPP la;
	HLINE hl;
	DWORD v;

	install();
	app = init_app(NULL);
	fxs = open_phone(app, 0, PHONEPRIVILEGE_OWNER);
	hs = open_phone(app, 1, PHONEPRIVILEGE_OWNER);
	ck_assert_int_eq(dword_id(fxs, "tapi/phone"), 0);
	ck_assert_int_eq(dword_id(fxs, "TAPI/LINE"), 1);
	ck_assert_int_eq(dword_id(hs, "tapi/phone"), 1);
	ck_assert_int_eq(dword_id(hs, "tapi/line"), 2);
	memset(&u, 0, sizeof(u));
	u.v.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetID(fxs, &u.v, NULL), PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetID(fxs, NULL, "tapi/line"),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetID(fxs, &u.v, "comm"),
			 PHONEERR_INVALDEVICECLASS);
	/* no PCMs, no handset sound card */
	ck_assert_int_eq(phoneGetID(fxs, &u.v, "wave/out"),
			 PHONEERR_INVALDEVICECLASS);
	ck_assert_int_eq(phoneGetID(hs, &u.v, "wave/in"),
			 PHONEERR_INVALDEVICECLASS);
	/* the handset's card appeared */
	fake_sound_card = "Handset";
	ck_assert_int_eq(phoneGetID(hs, &u.v, "wave/out"), 0);
	ck_assert_uint_eq(u.v.dwStringFormat, STRINGFORMAT_ASCII);
	ck_assert_str_eq(u.buf + u.v.dwStringOffset,
			 "plughw:CARD=Handset,DEV=0");
	u.v.dwTotalSize = sizeof(VARSTRING) + 4;
	ck_assert_int_eq(phoneGetID(hs, &u.v, "wave/in"), 0);
	ck_assert_uint_eq(u.v.dwNeededSize,
			  sizeof(VARSTRING) + sizeof("plughw:CARD=Handset,DEV=0"));
	ck_assert_uint_eq(u.v.dwStringSize, 0);
	/* the handset's line names the same card */
	la = fake_init_app("phone-line", NULL);
	ck_assert_int_eq(lineOpen(la, 2, &hl, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
	u.v.dwTotalSize = sizeof(u);
	ck_assert_int_eq(lineGetID(hl, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "wave/in"), 0);
	ck_assert_str_eq(u.buf + u.v.dwStringOffset,
			 "plughw:CARD=Handset,DEV=0");
	ck_assert_int_eq(lineShutdown(la), 0);
	fake_sound_card = NULL;

	/* no display, no lamps, no mixer */
	ck_assert_int_eq(phoneGetDisplay(fxs, &u.v), PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneGetDisplay(fxs, NULL), PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneSetDisplay(fxs, 0, 0, NULL, 3),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneSetDisplay(fxs, 0, 0, "hi", 2),
			 PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneGetLamp(fxs, 3, &v), 0);
	ck_assert_uint_eq(v, PHONELAMPMODE_DUMMY);
	ck_assert_int_eq(phoneGetLamp(fxs, 17, &v), PHONEERR_INVALBUTTONLAMPID);
	ck_assert_int_eq(phoneGetLamp(fxs, 3, NULL), PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneSetLamp(fxs, 17, PHONELAMPMODE_OFF),
			 PHONEERR_INVALBUTTONLAMPID);
	ck_assert_int_eq(phoneSetLamp(fxs, 3, PHONELAMPMODE_OFF |
				      PHONELAMPMODE_STEADY),
			 PHONEERR_INVALLAMPMODE);
	ck_assert_int_eq(phoneSetLamp(fxs, 3, PHONELAMPMODE_STEADY),
			 PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneGetVolume(fxs, PHONEHOOKSWITCHDEV_HANDSET, NULL),
			 PHONEERR_INVALPOINTER);
	ck_assert_int_eq(phoneGetVolume(fxs, PHONEHOOKSWITCHDEV_HANDSET |
					PHONEHOOKSWITCHDEV_HEADSET, &v),
			 PHONEERR_INVALHOOKSWITCHDEV);
	ck_assert_int_eq(phoneGetVolume(fxs, PHONEHOOKSWITCHDEV_SPEAKER, &v),
			 PHONEERR_INVALHOOKSWITCHDEV);
	ck_assert_int_eq(phoneGetVolume(fxs, PHONEHOOKSWITCHDEV_HANDSET, &v),
			 PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneGetGain(hs, PHONEHOOKSWITCHDEV_HANDSET, &v),
			 PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneSetVolume(hs, PHONEHOOKSWITCHDEV_HANDSET, 5),
			 PHONEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(phoneSetGain(hs, 0, 5), PHONEERR_INVALHOOKSWITCHDEV);
	ck_assert_int_eq(phoneShutdown(app), 0);
}
END_TEST

START_TEST(test_phone_removed)
{
	union { PHONESTATUS s; char buf[512]; } u;
	PHONEMESSAGE m;
	HPHONEAPP app, app13;
	HPHONE ph, ph13;
	DWORD v = 0x00010003, n;
	bool before[3] = { true, true, true }, after[3] = { true, false, true };
	PHONEINITIALIZEEXPARAMS ip = {
		.dwTotalSize = sizeof(ip),
		.dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT,
	};

	install();
	app = init_app(NULL);
	ck_assert_int_eq(phoneInitializeEx(&app13, NULL, NULL, "old", &n, &v,
					   &ip), 0);
	ph = open_phone(app, 0, PHONEPRIVILEGE_OWNER);
	ck_assert_int_eq(phoneOpen(app13, 0, &ph13, 0x00010003, 0, 0,
				   PHONEPRIVILEGE_MONITOR), 0);
	ck_assert_int_eq(phoneSetStatusMessages(ph, PHONESTATE_DISCONNECTED,
						0, 0), 0);
	fake_event(1, TAPI_EV_REMOVED, 0, 0);
	expect_state(app, ph, PHONESTATE_DISCONNECTED, 0);
	expect_state(app, ph, PHONESTATE_REMOVED, 0);	/* always, from 1.4 */
	/* what is left: clean errors, and phoneClose */
	memset(&u, 0, sizeof(u));
	u.s.dwTotalSize = sizeof(u);
	ck_assert_int_eq(phoneGetStatus(ph, &u.s), PHONEERR_NODEVICE);
	ck_assert_int_eq(phoneSetRing(ph, 1, 0), PHONEERR_NODEVICE);
	ck_assert_int_eq(phoneGetHookSwitch(ph, &v), PHONEERR_NODEVICE);
	ck_assert_int_eq(phoneGetID(ph13, NULL, "tapi/line"),
			 PHONEERR_NODEVICE);
	ck_assert_int_eq(phoneClose(ph), 0);
	ck_assert_int_eq(phoneClose(ph), PHONEERR_INVALPHONEHANDLE);
	ck_assert_int_eq(phoneClose(ph13), 0);
	/* a TAPI 1.3 application hears of no removal at all */
	ck_assert_int_eq(phoneGetMessage(app13, &m, 200),
			 PHONEERR_OPERATIONFAILED);

	/* the device refresh: PHONE_REMOVE (2.0) and PHONE_CREATE (1.4) */
	fake_backend_remove(1);
	tapi_registry_refresh(NULL);
	tapi_engine_lock();
	tapi_phones_devices_changed(before, 3, after, 3);
	tapi_phones_devices_changed(after, 3, before, 3);
	tapi_engine_unlock();
	ck_assert(wait_msg(app, PHONE_REMOVE, 0, &m));
	ck_assert_uint_eq(m.dwParam1, 0);
	ck_assert(wait_msg(app, PHONE_CREATE, 0, &m));
	ck_assert_uint_eq(m.dwParam1, 0);
	/* the FXO line (ID 0) is no phone: nothing for it */
	after[0] = false;
	tapi_engine_lock();
	tapi_phones_devices_changed(before, 3, after, 3);
	tapi_engine_unlock();
	ck_assert(wait_msg(app, PHONE_REMOVE, 0, &m));
	ck_assert_uint_eq(m.dwParam1, 0);
	ck_assert(no_msg(app, PHONE_REMOVE));
	ck_assert_int_eq(phoneShutdown(app13), 0);
	ck_assert_int_eq(phoneShutdown(app), 0);
}
END_TEST

Suite *phone_suite(void)
{
	Suite *s = suite_create("phone");

	ADD_TEST(s, test_phone_initialize);
	ADD_TEST(s, test_phone_caps);
	ADD_TEST(s, test_phone_open_privileges);
	ADD_TEST(s, test_phone_status_messages);
	ADD_TEST(s, test_phone_hook_keys_ring);
	ADD_TEST(s, test_phone_handset_keys);
	ADD_TEST(s, test_phone_id_and_unavailable);
	ADD_TEST(s, test_phone_removed);
	return s;
}
