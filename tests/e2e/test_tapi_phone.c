// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The phone API on the simulated card's FXS ports: the phone attached to
 * each port (driven through /dev/tapi/sim) is a TAPI phone device.  Its
 * hook is PHONE_STATE HANDSETHOOKSWITCH, the DTMF it dials (heard by the
 * kernel DSP) PHONE_BUTTON keypad presses, phoneSetRing rings it (the
 * simulator's status says so), phoneGetID leads to its line and PCM, and
 * removing the card leaves clean errors on the open phone.
 */
#include "e2e_phone.h"
#include "kselftest_harness.h"

FIXTURE(phone) {
	struct e2e_card card;
	struct e2e_phoneapp app;
	unsigned int fxs;	/* channel */
	long id;		/* its phone device ID */
	HPHONE ph;
};

FIXTURE_SETUP(phone)
{
	char name[TAPI_NAME_LEN];

	ASSERT_EQ(0, e2e_card_add(&self->card, 2, 1));
	ASSERT_EQ(0, e2e_phone_init(&self->app, "phones"));
	self->fxs = e2e_fxs(&self->card, 1);
	ASSERT_TRUE(e2e_channel_name(self->fxs, name, sizeof(name)));
	self->id = e2e_phone_named(&self->app, name);
	ASSERT_GE(self->id, 0);
	ASSERT_EQ(0, phoneOpen(self->app.h, self->id, &self->ph, 0x00020002,
			       0, 7, PHONEPRIVILEGE_OWNER));
	ASSERT_EQ(0, phoneSetStatusMessages(self->ph, PHONESTATE_HANDSETHOOKSWITCH |
					    PHONESTATE_RINGMODE |
					    PHONESTATE_DISCONNECTED,
					    PHONEBUTTONMODE_KEYPAD |
					    PHONEBUTTONMODE_FEATURE,
					    PHONEBUTTONSTATE_UP |
					    PHONEBUTTONSTATE_DOWN));
}

FIXTURE_TEARDOWN(phone)
{
	phoneShutdown(self->app.h);
	e2e_card_release(&self->card);
}

TEST_F_TIMEOUT(phone, hook_and_keypad, 240)
{
	DWORD devs = 7;

	ASSERT_EQ(0, phoneGetHookSwitch(self->ph, &devs));
	EXPECT_EQ(0, devs);
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, self->fxs,
			     1, NULL, NULL));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_HANDSETHOOKSWITCH,
					 PHONEHOOKSWITCHMODE_MICSPEAKER));
	ASSERT_EQ(0, phoneGetHookSwitch(self->ph, &devs));
	EXPECT_EQ(PHONEHOOKSWITCHDEV_HANDSET, devs);
	/* the phone dials: each key down, then up; '#' is button 11 */
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_DIAL, self->fxs,
			     0, "5#", NULL));
	EXPECT_TRUE(e2e_phone_button(&self->app, self->ph, 5,
				     PHONEBUTTONMODE_KEYPAD,
				     PHONEBUTTONSTATE_DOWN));
	EXPECT_TRUE(e2e_phone_button(&self->app, self->ph, 5,
				     PHONEBUTTONMODE_KEYPAD,
				     PHONEBUTTONSTATE_UP));
	EXPECT_TRUE(e2e_phone_button(&self->app, self->ph, 11,
				     PHONEBUTTONMODE_KEYPAD,
				     PHONEBUTTONSTATE_DOWN));
	EXPECT_TRUE(e2e_phone_button(&self->app, self->ph, 11,
				     PHONEBUTTONMODE_KEYPAD,
				     PHONEBUTTONSTATE_UP));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, self->fxs,
			     0, NULL, NULL));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_HANDSETHOOKSWITCH,
					 PHONEHOOKSWITCHMODE_ONHOOK));
	ASSERT_EQ(0, phoneGetHookSwitch(self->ph, &devs));
	EXPECT_EQ(0, devs);
}

static bool wait_ringing(struct e2e_card *c, unsigned int channel,
			 uint32_t want)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	struct tapi_sim_status st;

	while (!e2e_sim_status(c, channel, &st) && e2e_now_ms() < end) {
		if (st.ringing == want)
			return true;
		e2e_sleep_ms(20);
	}
	return false;
}

TEST_F_TIMEOUT(phone, ring, 240)
{
	DWORD mode = 9, volume = 9;
	LONG r = -1;

	EXPECT_EQ(PHONEERR_INVALRINGMODE, phoneSetRing(self->ph, 99, 0));
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetRing(self->ph, 1,
							     0x8000), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_RINGMODE, 1));
	/* the ring cadence starts with ring voltage on */
	ASSERT_TRUE(wait_ringing(&self->card, self->fxs, 1));
	ASSERT_EQ(0, phoneGetRing(self->ph, &mode, &volume));
	EXPECT_EQ(1, mode);
	EXPECT_EQ(0x8000, volume);
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetRing(self->ph, 0, 0),
				    &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(wait_ringing(&self->card, self->fxs, 0));
	/* rung again, the phone answers: ringing ends by itself */
	ASSERT_TRUE(e2e_phone_reply(&self->app, phoneSetRing(self->ph, 2, 0),
				    &r));
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, self->fxs,
			     1, NULL, NULL));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_RINGMODE, 0));
	ASSERT_TRUE(wait_ringing(&self->card, self->fxs, 0));
	ASSERT_EQ(0, phoneGetRing(self->ph, &mode, &volume));
	EXPECT_EQ(0, mode);
}

TEST_F_TIMEOUT(phone, get_id, 240)
{
	union { VARSTRING v; char buf[256]; } pw, lw;
	struct e2e_app lines;
	LONG pr, lr;
	HLINE line;
	long line_id;

	EXPECT_EQ(self->id, e2e_phone_id(self->ph, "tapi/phone"));
	ASSERT_EQ(0, e2e_app_init(&lines, "lines"));
	line_id = e2e_device_of(&lines, self->fxs);
	ASSERT_GE(line_id, 0);
	EXPECT_EQ(line_id, e2e_phone_id(self->ph, "tapi/line"));
	ASSERT_EQ(0, e2e_open(&lines, line_id, LINECALLPRIVILEGE_NONE, &line));
	/* wave/out is the line's PCM, or missing from both alike */
	memset(&pw, 0, sizeof(pw));
	memset(&lw, 0, sizeof(lw));
	pw.v.dwTotalSize = lw.v.dwTotalSize = sizeof(pw);
	pr = phoneGetID(self->ph, &pw.v, "wave/out");
	lr = lineGetID(line, 0, 0, LINECALLSELECT_LINE, &lw.v, "wave/out");
	if (lr) {
		EXPECT_EQ(LINEERR_INVALDEVICECLASS, lr);
		EXPECT_EQ(PHONEERR_INVALDEVICECLASS, pr);
	} else {
		ASSERT_EQ(0, pr);
		EXPECT_STREQ(lw.buf + lw.v.dwStringOffset,
			     pw.buf + pw.v.dwStringOffset);
	}
	EXPECT_EQ(PHONEERR_INVALDEVICECLASS,
		  phoneGetID(self->ph, &pw.v, "comm/datamodem"));
	lineShutdown(lines.h);
}

TEST_F_TIMEOUT(phone, removed_while_open, 240)
{
	union { PHONESTATUS s; char buf[512]; } u;
	PHONEMESSAGE m;

	ASSERT_EQ(0, e2e_card_remove(&self->card));
	ASSERT_TRUE(e2e_phone_wait_state(&self->app, self->ph,
					 PHONESTATE_REMOVED, -1));
	/* every station of the card goes: ours among them */
	do {
		ASSERT_TRUE(e2e_phone_wait(&self->app, PHONE_REMOVE, 0, &m,
					   E2E_TIMEOUT_MS));
	} while (m.dwParam1 != self->id);
	memset(&u, 0, sizeof(u));
	u.s.dwTotalSize = sizeof(u);
	EXPECT_EQ(PHONEERR_NODEVICE, phoneGetStatus(self->ph, &u.s));
	EXPECT_EQ(PHONEERR_NODEVICE, phoneSetRing(self->ph, 1, 0));
	EXPECT_EQ(0, phoneClose(self->ph));
	EXPECT_EQ(PHONEERR_INVALPHONEHANDLE, phoneClose(self->ph));
}

TEST_HARNESS_MAIN
