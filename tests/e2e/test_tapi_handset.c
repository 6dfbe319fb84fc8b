// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The phone API on a USB handset: the emulated CM109 (tests/usb/cm109-emu
 * on dummy_hcd, as tests/usb/test_usb_handset uses it) plugged in while a
 * phone application runs.  Plugging gives PHONE_CREATE; its keypad and
 * other keys are PHONE_BUTTON, its pick-up and hang-up keys the
 * HANDSETHOOKSWITCH state; phoneSetRing switches the buzzer the emulator
 * reports; wave/out names the handset's own USB sound card; unplugging
 * while the phone is open gives PHONE_REMOVE and clean errors, and the
 * replugged handset is the same phone device again.
 */
#define _GNU_SOURCE
#include "e2e_phone.h"
#include "../kernel/test_core_util.h"
#include "../usb/usb_util.h"
#include "kselftest_harness.h"

/* The emulator's KIP1000 scancodes (row | column), as in test_usb_handset. */
#define SC_5		"22"
#define SC_HASH		"81"
#define SC_LEFT		"28"
#define SC_PICKUP	"88"
#define SC_HANGUP	"48"

FIXTURE(handset) {
	struct e2e_phoneapp app;
	struct emu emu;
	int channel;
	long id;
	HPHONE ph;
};

/* PHONE_CREATE of the handset's phone: its ID, or -1. */
static long wait_create(struct e2e_phoneapp *a, unsigned int channel)
{
	union { PHONECAPS c; char buf[4096]; } u;
	struct tapi_chan_info info;
	PHONEMESSAGE m;
	int fd;

	fd = usb_channel_open(channel);
	if (fd < 0)
		return -1;
	if (chan_info(fd, &info)) {
		close(fd);
		return -1;
	}
	close(fd);
	while (e2e_phone_wait(a, PHONE_CREATE, 0, &m, PLUG_TIMEOUT_MS)) {
		memset(&u, 0, sizeof(u));
		u.c.dwTotalSize = sizeof(u);
		if (!phoneGetDevCaps(a->h, m.dwParam1, 0x00020002, 0, &u.c) &&
		    u.c.dwPhoneNameSize &&
		    !strcmp(u.buf + u.c.dwPhoneNameOffset, info.name))
			return m.dwParam1;
	}
	return -1;
}

FIXTURE_SETUP(handset)
{
	DIR *udcs = opendir(UDC_DIR);

	self->emu.pid = 0;
	self->app.h = 0;
	if (!udcs)
		SKIP(return, "no %s: dummy_hcd is not loaded", UDC_DIR);
	closedir(udcs);
	if (access("/sys/module/" USB_DRIVER, F_OK))
		SKIP(return, "%s is not loaded", USB_DRIVER);
	ASSERT_EQ(-ETIMEDOUT, usb_channel_wait(true, 0))
		TH_LOG("a handset is plugged in already");
	ASSERT_EQ(0, e2e_phone_init(&self->app, "handsets"));
	ASSERT_EQ(0, emu_start(&self->emu));
	ASSERT_EQ(0, emu_expect(&self->emu, "plugged", PLUG_TIMEOUT_MS, NULL,
				0));
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel);
	/* the plug is announced within a bounded time */
	self->id = wait_create(&self->app, self->channel);
	ASSERT_LE(0, self->id) TH_LOG("no PHONE_CREATE for the handset");
	ASSERT_EQ(0, phoneOpen(self->app.h, self->id, &self->ph, 0x00020002,
			       0, 0, PHONEPRIVILEGE_OWNER));
	ASSERT_EQ(0, phoneSetStatusMessages(self->ph,
					    PHONESTATE_HANDSETHOOKSWITCH |
					    PHONESTATE_RINGMODE,
					    PHONEBUTTONMODE_KEYPAD |
					    PHONEBUTTONMODE_FEATURE,
					    PHONEBUTTONSTATE_UP |
					    PHONEBUTTONSTATE_DOWN));
}

FIXTURE_TEARDOWN(handset)
{
	if (self->app.h)
		phoneShutdown(self->app.h);
	emu_stop(&self->emu);
	usb_channel_wait(false, PLUG_TIMEOUT_MS);
}

static bool press(struct __test_metadata *_metadata, FIXTURE_DATA(handset) *self,
		  const char *sc, DWORD id, DWORD mode)
{
	if (emu_cmd(&self->emu, "press %s", sc))
		return false;
	if (!e2e_phone_button(&self->app, self->ph, id, mode,
			      PHONEBUTTONSTATE_DOWN))
		return false;
	if (emu_cmd(&self->emu, "release %s", sc))
		return false;
	return e2e_phone_button(&self->app, self->ph, id, mode,
				PHONEBUTTONSTATE_UP);
}

/*
 * With a sound card, the volume is its mixer's playback control, if it
 * has one (PHONECAPS says): set, read back within the control's steps.
 */
static void check_volume(struct __test_metadata *_metadata,
			 FIXTURE_DATA(handset) *self)
{
	union { PHONECAPS c; char buf[4096]; } u;
	DWORD v = 0;
	LONG r = -1;

	memset(&u, 0, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, phoneGetDevCaps(self->app.h, self->id, 0x00020002, 0,
				     &u.c));
	TH_LOG("volume flags 0x%x, gain flags 0x%x", u.c.dwVolumeFlags,
	       u.c.dwGainFlags);
	if (!(u.c.dwVolumeFlags & PHONEHOOKSWITCHDEV_HANDSET)) {
		EXPECT_EQ(PHONEERR_OPERATIONUNAVAIL,
			  phoneSetVolume(self->ph, PHONEHOOKSWITCHDEV_HANDSET,
					 0x8000));
		return;
	}
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetVolume(self->ph,
			PHONEHOOKSWITCHDEV_HANDSET, 0x8000), &r));
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, phoneGetVolume(self->ph, PHONEHOOKSWITCHDEV_HANDSET, &v));
	EXPECT_GE(0x1000, abs((int)v - 0x8000)) TH_LOG("volume 0x%x", v);
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetVolume(self->ph,
			PHONEHOOKSWITCHDEV_HANDSET, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, phoneGetVolume(self->ph, PHONEHOOKSWITCHDEV_HANDSET, &v));
	EXPECT_EQ(0, v);
}

TEST_F_TIMEOUT(handset, keys_hook_ring_and_sound_card, 300)
{
	union { PHONECAPS c; char buf[4096]; } u;
	union { VARSTRING v; char buf[256]; } w;
	char want[96], id[64];
	DWORD devs;
	LONG r = -1;
	int card;

	memset(&u, 0, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, phoneGetDevCaps(self->app.h, self->id, 0x00020002, 0,
				     &u.c));
	EXPECT_EQ(PHONEHOOKSWITCHDEV_HANDSET, u.c.dwHookSwitchDevs);
	EXPECT_LT(0, u.c.dwNumRingModes);
	EXPECT_NE(NULL, strstr(u.buf + u.c.dwPhoneInfoOffset, "pick-up"));

	EXPECT_TRUE(press(_metadata, self, SC_5, 5, PHONEBUTTONMODE_KEYPAD));
	EXPECT_TRUE(press(_metadata, self, SC_HASH, 11,
			  PHONEBUTTONMODE_KEYPAD));
	/* the left arrow: a feature button (phone_button.c's ID 19) */
	EXPECT_TRUE(press(_metadata, self, SC_LEFT, 19,
			  PHONEBUTTONMODE_FEATURE));

	/*
	 * The hook comes from the pick-up and hang-up keys, held until the
	 * driver's keypad scan saw them.
	 */
	ASSERT_EQ(0, emu_cmd(&self->emu, "press %s", SC_PICKUP));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_HANDSETHOOKSWITCH,
					 PHONEHOOKSWITCHMODE_MICSPEAKER));
	ASSERT_EQ(0, emu_cmd(&self->emu, "release %s", SC_PICKUP));
	ASSERT_EQ(0, phoneGetHookSwitch(self->ph, &devs));
	EXPECT_EQ(PHONEHOOKSWITCHDEV_HANDSET, devs);
	ASSERT_EQ(0, emu_cmd(&self->emu, "press %s", SC_HANGUP));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_HANDSETHOOKSWITCH,
					 PHONEHOOKSWITCHMODE_ONHOOK));
	ASSERT_EQ(0, emu_cmd(&self->emu, "release %s", SC_HANGUP));

	/* ringing is the buzzer */
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetRing(self->ph, 1, 0),
				    &r));
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, emu_expect(&self->emu, "buzzer 1", EVENT_TIMEOUT_MS, NULL,
				0)) TH_LOG("the buzzer did not sound");
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetRing(self->ph, 0, 0),
				    &r));
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, emu_expect(&self->emu, "buzzer 0", EVENT_TIMEOUT_MS, NULL,
				0)) TH_LOG("the buzzer did not stop");

	/* wave/out: the handset's own sound card, through the plug layer */
	memset(&w, 0, sizeof(w));
	w.v.dwTotalSize = sizeof(w);
	card = usb_handset_card_wait(self->channel, true, PLUG_TIMEOUT_MS);
	if (card >= 0) {
		ASSERT_EQ(0, sound_card_attr(card, "id", id, sizeof(id)));
		snprintf(want, sizeof(want), "plughw:CARD=%s,DEV=0", id);
		ASSERT_EQ(0, phoneGetID(self->ph, &w.v, "wave/out"));
		EXPECT_STREQ(want, w.buf + w.v.dwStringOffset);
		ASSERT_EQ(0, phoneGetID(self->ph, &w.v, "wave/in"));
		EXPECT_STREQ(want, w.buf + w.v.dwStringOffset);
		check_volume(_metadata, self);
	} else {
		TH_LOG("the handset has no sound card");
		EXPECT_EQ(PHONEERR_INVALDEVICECLASS,
			  phoneGetID(self->ph, &w.v, "wave/out"));
	}
}

TEST_F_TIMEOUT(handset, unplug_while_open_then_replug, 300)
{
	union { PHONESTATUS s; char buf[512]; } u;
	PHONEMESSAGE m;
	DWORD devs;

	ASSERT_EQ(0, emu_cmd(&self->emu, "unplug"));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_REMOVED, -1));
	do {
		ASSERT_TRUE(e2e_phone_wait(&self->app, PHONE_REMOVE, 0, &m,
					   PLUG_TIMEOUT_MS));
	} while (m.dwParam1 != (DWORD)self->id);
	memset(&u, 0, sizeof(u));
	u.s.dwTotalSize = sizeof(u);
	EXPECT_EQ(PHONEERR_NODEVICE, phoneGetStatus(self->ph, &u.s));
	EXPECT_EQ(PHONEERR_NODEVICE, phoneGetHookSwitch(self->ph, &devs));
	EXPECT_EQ(PHONEERR_NODEVICE, phoneSetRing(self->ph, 1, 0));
	EXPECT_EQ(0, phoneClose(self->ph));
	/* the same handset on the same port: the same phone device */
	ASSERT_EQ(0, emu_cmd(&self->emu, "plug"));
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel);
	/* the replugged handset is a phone again */
	self->id = wait_create(&self->app, self->channel);
	ASSERT_LE(0, self->id);
	ASSERT_EQ(0, phoneOpen(self->app.h, self->id, &self->ph, 0x00020002,
			       0, 0, PHONEPRIVILEGE_MONITOR));
	EXPECT_EQ(0, phoneGetHookSwitch(self->ph, &devs));
}

TEST_HARNESS_MAIN
