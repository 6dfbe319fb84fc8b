// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Hardware that comes and goes under a running TAPI application: a card
 * removed in the middle of a call disconnects the call and closes the
 * line (LINE_CLOSE), announces LINE_REMOVE, and leaves every old handle
 * failing cleanly; a card added later is announced with LINE_CREATE and
 * its lines work.
 */
#include "e2e_util.h"
#include "kselftest_harness.h"

FIXTURE(hotplug) {
	struct e2e_card card, card2;
	struct e2e_app app;
};

FIXTURE_SETUP(hotplug)
{
	ASSERT_EQ(0, e2e_card_add(&self->card, 0, 2));
	self->card2.sim = -1;
	ASSERT_EQ(0, e2e_app_init(&self->app, "survivor"));
}

FIXTURE_TEARDOWN(hotplug)
{
	lineShutdown(self->app.h);
	e2e_card_release(&self->card);
	e2e_card_release(&self->card2);
}

TEST_F_TIMEOUT(hotplug, card_removed_mid_call_closes_the_line, 240)
{
	union { LINEDEVCAPS c; char buf[2048]; } dc;
	LINECALLSTATUS cs;
	unsigned int ch = e2e_fxo(&self->card, 0);
	HLINE line, other, l2;
	HCALL call, c2;
	LINEMESSAGE m;
	long dev, dev_other, dev_new;
	bool closed = false, closed_other = false, idle = false;
	bool disconnected = false;
	bool removed = false, removed_other = false;
	LONG r;

	dev = e2e_device_of(&self->app, ch);
	dev_other = e2e_device_of(&self->app, e2e_fxo(&self->card, 1));
	ASSERT_GE(dev, 0);
	ASSERT_GE(dev_other, 0);
	ASSERT_EQ(0, e2e_open(&self->app, dev, LINECALLPRIVILEGE_OWNER,
			      &line));
	ASSERT_EQ(0, e2e_open(&self->app, dev_other, LINECALLPRIVILEGE_MONITOR,
			      &other));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_RING, ch, 0,
			     "5550003", ""));
	ASSERT_TRUE(e2e_wait_msg(&self->app, LINE_APPNEWCALL, line, &m,
				 E2E_TIMEOUT_MS));
	call = m.dwParam2;
	ASSERT_TRUE(e2e_wait_reply(&self->app, lineAnswer(call, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->app, call, LINECALLSTATE_CONNECTED,
				   NULL));

	/*
	 * The card goes away in the middle of the call: the call is
	 * disconnected and goes idle, both lines get LINE_CLOSE and both
	 * devices LINE_REMOVE, channel by channel as the kernel tells it.
	 */
	ASSERT_EQ(0, e2e_card_remove(&self->card));
	for (long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	     !(closed && closed_other && removed && removed_other && idle);) {
		ASSERT_LT(e2e_now_ms(), end);
		if (lineGetMessage(self->app.h, &m, 1000))
			continue;
		e2e_print_msg(self->app.name, &m);
		if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == call &&
		    m.dwParam1 == LINECALLSTATE_DISCONNECTED) {
			ASSERT_FALSE(idle);
			ASSERT_EQ(LINEDISCONNECTMODE_UNAVAIL, m.dwParam2);
			disconnected = true;
		}
		if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == call &&
		    m.dwParam1 == LINECALLSTATE_IDLE) {
			ASSERT_TRUE(disconnected);
			idle = true;
		}
		if (m.dwMessageID == LINE_CLOSE && m.hDevice == line)
			closed = true;
		if (m.dwMessageID == LINE_CLOSE && m.hDevice == other)
			closed_other = true;
		if (m.dwMessageID == LINE_REMOVE && m.dwParam1 == (DWORD)dev)
			removed = true;
		if (m.dwMessageID == LINE_REMOVE &&
		    m.dwParam1 == (DWORD)dev_other)
			removed_other = true;
	}
	/* every old handle fails cleanly */
	memset(&cs, 0, sizeof(cs));
	cs.dwTotalSize = sizeof(cs);
	ASSERT_EQ(LINEERR_INVALCALLHANDLE, lineGetCallStatus(call, &cs));
	ASSERT_EQ(LINEERR_INVALCALLHANDLE, lineDrop(call, NULL, 0));
	ASSERT_EQ(LINEERR_INVALCALLHANDLE, lineDeallocateCall(call));
	ASSERT_EQ(LINEERR_INVALLINEHANDLE, lineMakeCall(line, &c2, "1", 0,
							NULL));
	ASSERT_EQ(LINEERR_INVALLINEHANDLE, lineClose(other));
	memset(&dc, 0, sizeof(dc));
	dc.c.dwTotalSize = sizeof(dc);
	ASSERT_EQ(LINEERR_NODEVICE, lineGetDevCaps(self->app.h, dev,
						   0x00020002, 0, &dc.c));
	ASSERT_EQ(LINEERR_NODEVICE, e2e_open(&self->app, dev,
					     LINECALLPRIVILEGE_NONE, &l2));

	/*
	 * A new card: LINE_CREATE.  (A port that comes back with the same
	 * driver, card name, index and channel number gets its old ID.)
	 */
	ASSERT_EQ(0, e2e_card_add(&self->card2, 0, 1));
	ASSERT_TRUE(e2e_wait_msg(&self->app, LINE_CREATE, 0, &m,
				 E2E_TIMEOUT_MS));
	dev_new = m.dwParam1;
	self->app.ndevs = dev_new + 1 > self->app.ndevs ? dev_new + 1 :
							 self->app.ndevs;
	ASSERT_EQ(dev_new, e2e_device_of(&self->app, e2e_fxo(&self->card2,
							     0)));
	ASSERT_EQ(0, e2e_open(&self->app, dev_new, LINECALLPRIVILEGE_NONE,
			      &l2));
	ASSERT_TRUE(e2e_wait_reply(&self->app, lineMakeCall(l2, &c2, NULL, 0,
							     NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->app, c2, LINECALLSTATE_DIALTONE,
				   NULL));
	ASSERT_TRUE(e2e_wait_reply(&self->app, lineDrop(c2, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&self->app, c2, LINECALLSTATE_IDLE, NULL));
}

TEST_HARNESS_MAIN
