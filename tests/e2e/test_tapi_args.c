// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A structured sweep of bad arguments over every function libtapi
 * exports, on real lines of the simulated card: handles that are zero,
 * made up, of the wrong kind or already gone; NULL and misaligned
 * pointers; structures too small for their fixed part; values out of
 * range; calls in the wrong state.  Each must return its documented
 * LINEERR_ and nothing may crash; good calls after the sweep still work.
 */
#include "e2e_util.h"
#include "kselftest_harness.h"

/* An address that is not a valid DWORD-aligned structure pointer. */
#define MISALIGNED(p) ((void *)((char *)(p) + 1))

FIXTURE(args) {
	struct e2e_card card;
	struct e2e_app app;
	long fxo, fxo2, fxs;
	HLINE line;		/* fxo, owner + monitor */
	HCALL active;		/* on line: dial tone */
	HCALL idle;		/* on line2, dropped: IDLE */
	HLINE line2;
	union { LINECALLINFO ci; char buf[4096]; } big;
};

FIXTURE_SETUP(args)
{
	LINEMESSAGE m;
	LONG r;

	ASSERT_EQ(0, e2e_card_add(&self->card, 1, 2));
	ASSERT_EQ(0, e2e_app_init(&self->app, "sweeper"));
	self->fxs = e2e_device_of(&self->app, e2e_fxs(&self->card, 0));
	self->fxo = e2e_device_of(&self->app, e2e_fxo(&self->card, 0));
	self->fxo2 = e2e_device_of(&self->app, e2e_fxo(&self->card, 1));
	ASSERT_GE(self->fxs, 0);
	ASSERT_GE(self->fxo, 0);
	ASSERT_GE(self->fxo2, 0);
	ASSERT_EQ(0, e2e_open(&self->app, self->fxo, LINECALLPRIVILEGE_OWNER |
			      LINECALLPRIVILEGE_MONITOR, &self->line));
	ASSERT_EQ(0, e2e_open(&self->app, self->fxo2, LINECALLPRIVILEGE_NONE,
			      &self->line2));
	ASSERT_TRUE(e2e_wait_reply(&self->app, lineMakeCall(self->line,
			&self->active, NULL, 0, NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->app, self->active,
				   LINECALLSTATE_DIALTONE, &m));
	ASSERT_TRUE(e2e_wait_reply(&self->app, lineMakeCall(self->line2,
			&self->idle, NULL, 0, NULL), &r));
	ASSERT_TRUE(e2e_wait_reply(&self->app, lineDrop(self->idle, NULL, 0),
				   &r));
	ASSERT_TRUE(e2e_wait_state(&self->app, self->idle, LINECALLSTATE_IDLE,
				   &m));
}

FIXTURE_TEARDOWN(args)
{
	lineShutdown(self->app.h);
	e2e_card_release(&self->card);
}

TEST_F_TIMEOUT(args, initialize_shutdown_get_message, 240)
{
	LINEINITIALIZEEXPARAMS ip = { .dwTotalSize = sizeof(ip),
				      .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT };
	DWORD v = 0x00020002, n;
	HLINEAPP h;
	LINEMESSAGE m;

	EXPECT_EQ(LINEERR_INVALPOINTER, lineInitializeEx(NULL, NULL, NULL, "x",
							 &n, &v, &ip));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineInitializeEx(&h, NULL, NULL, "x",
							 NULL, &v, &ip));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineInitializeEx(&h, NULL, NULL, "x",
							 &n, NULL, &ip));
	ip.dwTotalSize = 4;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineInitializeEx(&h, NULL, NULL, "x", &n, &v, &ip));
	ip.dwTotalSize = sizeof(ip);
	ip.dwOptions = 7;
	EXPECT_EQ(LINEERR_INVALPARAM, lineInitializeEx(&h, NULL, NULL, "x", &n,
						       &v, &ip));
	ip.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
	v = 0x00010001;
	EXPECT_EQ(LINEERR_INCOMPATIBLEAPIVERSION,
		  lineInitializeEx(&h, NULL, NULL, "x", &n, &v, &ip));
	v = 0x00020002;
	EXPECT_EQ(LINEERR_INVALAPPNAME, lineInitializeEx(&h, NULL, NULL,
							 "tab\there", &n, &v,
							 &ip));
	EXPECT_EQ(LINEERR_INVALAPPHANDLE, lineShutdown(0));
	EXPECT_EQ(LINEERR_INVALAPPHANDLE, lineShutdown(self->app.h + 1));
	EXPECT_EQ(LINEERR_INVALAPPHANDLE, lineShutdown(self->line));
	EXPECT_EQ(LINEERR_INVALAPPHANDLE, lineGetMessage(0, &m, 0));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineGetMessage(self->app.h, NULL, 0));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetMessage(self->app.h, MISALIGNED(&m), 0));
}

TEST_F_TIMEOUT(args, negotiate_caps_status, 240)
{
	union { LINEDEVCAPS c; char buf[2048]; } dc;
	union { LINEADDRESSCAPS c; char buf[2048]; } ac;
	union { LINEDEVSTATUS s; char buf[2048]; } ds;
	union { LINEADDRESSSTATUS s; char buf[512]; } as;
	LINEEXTENSIONID ext;
	HLINEAPP h = self->app.h;
	DWORD v;

	EXPECT_EQ(LINEERR_INVALAPPHANDLE,
		  lineNegotiateAPIVersion(0, 0, 0x10003, 0x20002, &v, &ext));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineNegotiateAPIVersion(h, 0, 0x10003, 0x20002, NULL, &ext));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineNegotiateAPIVersion(h, 0, 0x10003, 0x20002, &v, NULL));
	EXPECT_EQ(LINEERR_BADDEVICEID,
		  lineNegotiateAPIVersion(h, self->app.ndevs, 0x10003,
					  0x20002, &v, &ext));
	EXPECT_EQ(LINEERR_INCOMPATIBLEAPIVERSION,
		  lineNegotiateAPIVersion(h, self->fxo, 0x20003, 0x30000, &v,
					  &ext));
	EXPECT_EQ(LINEERR_INCOMPATIBLEAPIVERSION,
		  lineNegotiateAPIVersion(h, self->fxo, 0x20002, 0x10003, &v,
					  &ext));

	dc.c.dwTotalSize = sizeof(dc);
	EXPECT_EQ(LINEERR_INVALAPPHANDLE,
		  lineGetDevCaps(h + 1, self->fxo, 0x20002, 0, &dc.c));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetDevCaps(h, self->fxo, 0x20002, 0, NULL));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetDevCaps(h, self->fxo, 0x20002, 0, MISALIGNED(&dc)));
	EXPECT_EQ(LINEERR_BADDEVICEID,
		  lineGetDevCaps(h, 0xFFFFFFF0, 0x20002, 0, &dc.c));
	EXPECT_EQ(LINEERR_INCOMPATIBLEAPIVERSION,
		  lineGetDevCaps(h, self->fxo, 0x00020003, 0, &dc.c));
	EXPECT_EQ(LINEERR_INCOMPATIBLEEXTVERSION,
		  lineGetDevCaps(h, self->fxo, 0x20002, 0x10000, &dc.c));
	for (DWORD sz = 0; sz < 24; sz += 4) {
		dc.c.dwTotalSize = sz;
		EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
			  lineGetDevCaps(h, self->fxo, 0x20002, 0, &dc.c));
	}
	dc.c.dwTotalSize = 12;
	lineGetDevCaps(h, self->fxo, 0x20002, 0, &dc.c);
	EXPECT_GT(dc.c.dwNeededSize, sizeof(LINEDEVCAPS));
	/* a 1.3 application's fixed part is enough at 1.3, not at 2.2 */
	dc.c.dwTotalSize = offsetof(LINEDEVCAPS, dwLineFeatures);
	EXPECT_EQ(0, lineGetDevCaps(h, self->fxo, 0x10003, 0, &dc.c));
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetDevCaps(h, self->fxo, 0x20002, 0, &dc.c));

	ac.c.dwTotalSize = sizeof(ac);
	EXPECT_EQ(LINEERR_INVALADDRESSID,
		  lineGetAddressCaps(h, self->fxo, 1, 0x20002, 0, &ac.c));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetAddressCaps(h, self->fxo, 0, 0x20002, 0, NULL));
	ac.c.dwTotalSize = 8;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetAddressCaps(h, self->fxo, 0, 0x20002, 0, &ac.c));

	ds.s.dwTotalSize = sizeof(ds);
	EXPECT_EQ(LINEERR_INVALLINEHANDLE, lineGetLineDevStatus(0, &ds.s));
	EXPECT_EQ(LINEERR_INVALLINEHANDLE,
		  lineGetLineDevStatus(self->active, &ds.s));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineGetLineDevStatus(self->line, NULL));
	ds.s.dwTotalSize = 16;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetLineDevStatus(self->line, &ds.s));
	as.s.dwTotalSize = sizeof(as);
	EXPECT_EQ(LINEERR_INVALADDRESSID,
		  lineGetAddressStatus(self->line, 5, &as.s));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetAddressStatus(self->line, 0, NULL));
	as.s.dwTotalSize = 4;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetAddressStatus(self->line, 0, &as.s));
	EXPECT_EQ(LINEERR_INVALLINESTATE,
		  lineSetStatusMessages(self->line, 0x40000000, 0));
	EXPECT_EQ(LINEERR_INVALADDRESSSTATE,
		  lineSetStatusMessages(self->line, 0, 0x200));
	EXPECT_EQ(LINEERR_INVALLINEHANDLE, lineSetStatusMessages(0, 0, 0));
}

TEST_F_TIMEOUT(args, open_close_getid, 240)
{
	union { VARSTRING v; char buf[64]; } vs;
	HLINEAPP h = self->app.h;
	HLINE l;

	EXPECT_EQ(LINEERR_INVALAPPHANDLE,
		  lineOpen(0, self->fxo, &l, 0x20002, 0, 0,
			   LINECALLPRIVILEGE_NONE, 0, NULL));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineOpen(h, self->fxo, NULL, 0x20002, 0, 0,
			   LINECALLPRIVILEGE_NONE, 0, NULL));
	EXPECT_EQ(LINEERR_INVALPRIVSELECT,
		  lineOpen(h, self->fxo, &l, 0x20002, 0, 0, 8, 0, NULL));
	EXPECT_EQ(LINEERR_BADDEVICEID,
		  lineOpen(h, self->app.ndevs + 5, &l, 0x20002, 0, 0,
			   LINECALLPRIVILEGE_NONE, 0, NULL));
	EXPECT_EQ(LINEERR_INCOMPATIBLEAPIVERSION,
		  lineOpen(h, self->fxo, &l, 0x12345, 0, 0,
			   LINECALLPRIVILEGE_NONE, 0, NULL));
	EXPECT_EQ(LINEERR_INVALMEDIAMODE,
		  lineOpen(h, self->fxo, &l, 0x20002, 0, 0,
			   LINECALLPRIVILEGE_OWNER, 0x80000000, NULL));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineOpen(h, self->fxo, &l, 0x20002, 0, 0,
			   LINECALLPRIVILEGE_NONE | LINEOPENOPTION_SINGLEADDRESS,
			   0, NULL));
	EXPECT_EQ(LINEERR_INVALLINEHANDLE, lineClose(0));
	EXPECT_EQ(LINEERR_INVALLINEHANDLE, lineClose(self->active));

	vs.v.dwTotalSize = sizeof(vs);
	EXPECT_EQ(LINEERR_INVALCALLSELECT,
		  lineGetID(self->line, 0, 0, 0, &vs.v, "tapi/line"));
	EXPECT_EQ(LINEERR_INVALCALLSELECT,
		  lineGetID(self->line, 0, 0, 3, &vs.v, "tapi/line"));
	EXPECT_EQ(LINEERR_INVALLINEHANDLE,
		  lineGetID(0, 0, 0, LINECALLSELECT_LINE, &vs.v, "tapi/line"));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE,
		  lineGetID(0, 0, self->line, LINECALLSELECT_CALL, &vs.v,
			    "tapi/line"));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetID(self->line, 0, 0, LINECALLSELECT_LINE, NULL,
			    "tapi/line"));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetID(self->line, 0, 0, LINECALLSELECT_LINE, &vs.v,
			    NULL));
	EXPECT_EQ(LINEERR_INVALDEVICECLASS,
		  lineGetID(self->line, 0, 0, LINECALLSELECT_LINE, &vs.v,
			    "tapi/phone"));	/* an FXO line: no phone */
	EXPECT_EQ(LINEERR_INVALDEVICECLASS,
		  lineGetID(self->line, 0, 0, LINECALLSELECT_LINE, &vs.v,
			    "comm/datamodem"));
	vs.v.dwTotalSize = 8;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetID(self->line, 0, 0, LINECALLSELECT_LINE, &vs.v,
			    "tapi/line"));
	vs.v.dwTotalSize = sizeof(vs);
	EXPECT_EQ(0, lineGetID(0, 0, self->active, LINECALLSELECT_CALL, &vs.v,
			       "TAPI/LINE"));
	EXPECT_EQ(self->fxo, *(DWORD *)(vs.buf + vs.v.dwStringOffset));
}

TEST_F_TIMEOUT(args, call_control, 240)
{
	LINECALLPARAMS cp;
	HCALL c;

	EXPECT_EQ(LINEERR_INVALLINEHANDLE, lineMakeCall(0, &c, "1", 0, NULL));
	EXPECT_EQ(LINEERR_INVALLINEHANDLE,
		  lineMakeCall(self->active, &c, "1", 0, NULL));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineMakeCall(self->line2, NULL, "1", 0, NULL));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineMakeCall(self->line2, MISALIGNED(&c), "1", 0, NULL));
	memset(&cp, 0, sizeof(cp));
	cp.dwTotalSize = 8;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineMakeCall(self->line2, &c, "1", 0, &cp));
	cp.dwTotalSize = sizeof(cp);
	cp.dwBearerMode = LINEBEARERMODE_DATA;
	EXPECT_EQ(LINEERR_INVALBEARERMODE,
		  lineMakeCall(self->line2, &c, "1", 0, &cp));
	cp.dwBearerMode = 0;
	cp.dwMediaMode = LINEMEDIAMODE_G3FAX;
	EXPECT_EQ(LINEERR_INVALMEDIAMODE,
		  lineMakeCall(self->line2, &c, "1", 0, &cp));
	cp.dwMediaMode = 0;
	cp.dwAddressID = 3;
	EXPECT_EQ(LINEERR_INVALADDRESSID,
		  lineMakeCall(self->line2, &c, "1", 0, &cp));
	cp.dwAddressID = 0;
	cp.dwCommentSize = 100;
	cp.dwCommentOffset = sizeof(cp) + 10;	/* outside the structure */
	EXPECT_EQ(LINEERR_INVALCALLPARAMS,
		  lineMakeCall(self->line2, &c, "1", 0, &cp));
	EXPECT_EQ(LINEERR_INVALADDRESS,
		  lineMakeCall(self->line2, &c, "12x", 0, NULL));
	EXPECT_EQ(LINEERR_DIALPROMPT,
		  lineMakeCall(self->line2, &c, "9?", 0, NULL));
	EXPECT_EQ(LINEERR_DIALBILLING,
		  lineMakeCall(self->line2, &c, "9$1", 0, NULL));
	EXPECT_EQ(LINEERR_CALLUNAVAIL,
		  lineMakeCall(self->line, &c, "1", 0, NULL));

	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineDial(0, "1", 0));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineDial(self->line, "1", 0));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineDial(self->active, NULL, 0));
	EXPECT_EQ(LINEERR_INVALADDRESS, lineDial(self->active, "+", 0));
	EXPECT_EQ(LINEERR_INVALCALLSTATE, lineDial(self->idle, "1", 0));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineAnswer(0, NULL, 0));
	EXPECT_EQ(LINEERR_INVALCALLSTATE, lineAnswer(self->active, NULL, 0));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineAnswer(self->active, NULL, 4));
	EXPECT_EQ(LINEERR_USERUSERINFOTOOBIG,
		  lineAnswer(self->active, "uui", 4));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineDrop(0, NULL, 0));
	EXPECT_EQ(LINEERR_INVALCALLSTATE, lineDrop(self->idle, NULL, 0));
	EXPECT_EQ(LINEERR_USERUSERINFOTOOBIG, lineDrop(self->active, "u", 2));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineDeallocateCall(0));
	EXPECT_EQ(LINEERR_INVALCALLSTATE, lineDeallocateCall(self->active));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineSetCallPrivilege(0, 4));
	EXPECT_EQ(LINEERR_INVALCALLPRIVILEGE,
		  lineSetCallPrivilege(self->active, 6));
	EXPECT_EQ(LINEERR_INVALCALLPRIVILEGE,
		  lineSetCallPrivilege(self->active, 1));
	EXPECT_EQ(LINEERR_INVALCALLSTATE,
		  lineSetCallPrivilege(self->idle, LINECALLPRIVILEGE_OWNER));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineHandoff(0, "x", 0));
	EXPECT_EQ(LINEERR_INVALMEDIAMODE, lineHandoff(self->active, NULL, 0));
	EXPECT_EQ(LINEERR_INVALMEDIAMODE,
		  lineHandoff(self->active, NULL,
			      LINEMEDIAMODE_INTERACTIVEVOICE |
			      LINEMEDIAMODE_G3FAX));
	EXPECT_EQ(LINEERR_TARGETNOTFOUND,
		  lineHandoff(self->active, "nobody", 0));
	EXPECT_EQ(LINEERR_INVALCALLSTATE, lineHandoff(self->idle, "x", 0));
}

TEST_F_TIMEOUT(args, call_information, 240)
{
	union { LINECALLLIST l; char buf[256]; } cl;
	LINECALLSTATUS cs;

	self->big.ci.dwTotalSize = sizeof(self->big);
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineGetCallInfo(0, &self->big.ci));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE,
		  lineGetCallInfo(self->line, &self->big.ci));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineGetCallInfo(self->active, NULL));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetCallInfo(self->active, MISALIGNED(&self->big)));
	self->big.ci.dwTotalSize = sizeof(LINECALLINFO) - 4;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetCallInfo(self->active, &self->big.ci));
	/* the size it takes: the fixed part and at least the app name */
	EXPECT_GE(self->big.ci.dwNeededSize,
		  sizeof(LINECALLINFO) + strlen("sweeper") + 1);
	memset(&cs, 0, sizeof(cs));
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetCallStatus(self->active, &cs));
	cs.dwTotalSize = sizeof(cs);
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineGetCallStatus(0, &cs));
	EXPECT_EQ(LINEERR_INVALPOINTER, lineGetCallStatus(self->active, NULL));
	EXPECT_EQ(0, lineGetCallStatus(self->idle, &cs));
	EXPECT_EQ(LINECALLSTATE_IDLE, cs.dwCallState);
	EXPECT_EQ(0, cs.dwCallFeatures);

	cl.l.dwTotalSize = sizeof(cl);
	EXPECT_EQ(LINEERR_INVALLINEHANDLE,
		  lineGetNewCalls(0, 0, LINECALLSELECT_LINE, &cl.l));
	EXPECT_EQ(LINEERR_INVALCALLSELECT,
		  lineGetNewCalls(self->line, 0, LINECALLSELECT_CALL, &cl.l));
	EXPECT_EQ(LINEERR_INVALADDRESSID,
		  lineGetNewCalls(self->line, 2, LINECALLSELECT_ADDRESS,
				  &cl.l));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGetNewCalls(self->line, 0, LINECALLSELECT_LINE, NULL));
	cl.l.dwTotalSize = 4;
	EXPECT_EQ(LINEERR_STRUCTURETOOSMALL,
		  lineGetNewCalls(self->line, 0, LINECALLSELECT_LINE, &cl.l));
}

TEST_F_TIMEOUT(args, digits_and_tones, 240)
{
	LINEGENERATETONE gt = { .dwFrequency = 440, .dwVolume = 0x8000 };
	LINEMONITORTONE mt[17];
	char buf[4];

	memset(mt, 0, sizeof(mt));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineMonitorDigits(0, 2));
	EXPECT_EQ(LINEERR_INVALDIGITMODE,
		  lineMonitorDigits(self->active, LINEDIGITMODE_PULSE));
	EXPECT_EQ(LINEERR_INVALDIGITMODE, lineMonitorDigits(self->active, 8));
	EXPECT_EQ(LINEERR_INVALCALLSTATE,
		  lineMonitorDigits(self->idle, LINEDIGITMODE_DTMF));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE,
		  lineGenerateDigits(0, LINEDIGITMODE_DTMF, "1", 0));
	EXPECT_EQ(LINEERR_INVALDIGITMODE,
		  lineGenerateDigits(self->active, LINEDIGITMODE_DTMFEND, "1",
				     0));
	EXPECT_EQ(LINEERR_INVALDIGITS,
		  lineGenerateDigits(self->active, LINEDIGITMODE_DTMF, "", 0));
	EXPECT_EQ(LINEERR_INVALDIGITS,
		  lineGenerateDigits(self->active, LINEDIGITMODE_DTMF, "1!",
				     0));
	EXPECT_EQ(LINEERR_INVALCALLSTATE,
		  lineGenerateDigits(self->idle, LINEDIGITMODE_DTMF, "1", 0));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE,
		  lineGatherDigits(0, LINEDIGITMODE_DTMF, buf, 4, NULL, 0, 0));
	EXPECT_EQ(LINEERR_INVALDIGITMODE,
		  lineGatherDigits(self->active, LINEDIGITMODE_PULSE, buf, 4,
				   NULL, 0, 0));
	EXPECT_EQ(LINEERR_INVALPARAM,
		  lineGatherDigits(self->active, LINEDIGITMODE_DTMF, buf, 0,
				   NULL, 0, 0));
	EXPECT_EQ(LINEERR_INVALDIGITS,
		  lineGatherDigits(self->active, LINEDIGITMODE_DTMF, buf, 4,
				   "#Z", 0, 0));
	EXPECT_EQ(LINEERR_INVALTIMEOUT,
		  lineGatherDigits(self->active, LINEDIGITMODE_DTMF, buf, 4,
				   NULL, 1, 0));
	EXPECT_EQ(LINEERR_INVALTIMEOUT,
		  lineGatherDigits(self->active, LINEDIGITMODE_DTMF, buf, 4,
				   NULL, 0, 0xFFFFFFFF));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE,
		  lineGenerateTone(0, LINETONEMODE_BEEP, 0, 0, NULL));
	EXPECT_EQ(LINEERR_INVALTONEMODE,
		  lineGenerateTone(self->active, 0x40, 0, 0, NULL));
	EXPECT_EQ(LINEERR_INVALTONEMODE,
		  lineGenerateTone(self->active, LINETONEMODE_BEEP |
				   LINETONEMODE_BUSY, 0, 0, NULL));
	EXPECT_EQ(LINEERR_INVALTONE,
		  lineGenerateTone(self->active, LINETONEMODE_CUSTOM, 0, 0,
				   &gt));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineGenerateTone(self->active, LINETONEMODE_CUSTOM, 0, 1,
				   NULL));
	EXPECT_EQ(LINEERR_INVALCALLSTATE,
		  lineGenerateTone(self->idle, LINETONEMODE_BEEP, 0, 0, NULL));
	EXPECT_EQ(LINEERR_INVALCALLHANDLE, lineMonitorTones(0, mt, 1));
	EXPECT_EQ(LINEERR_INVALTONELIST, lineMonitorTones(self->active, mt, 17));
	EXPECT_EQ(LINEERR_INVALPOINTER,
		  lineMonitorTones(self->active, MISALIGNED(mt), 1));
	mt[0].dwFrequency1 = 20;
	EXPECT_EQ(LINEERR_INVALTONELIST, lineMonitorTones(self->active, mt, 1));
	EXPECT_EQ(LINEERR_INVALCALLSTATE, lineMonitorTones(self->idle, NULL, 0));
	/* the good versions still work after all that */
	EXPECT_EQ(0, lineMonitorDigits(self->active, LINEDIGITMODE_DTMF));
	EXPECT_EQ(0, lineGenerateTone(self->active, LINETONEMODE_BEEP, 0, 0,
				      NULL));
}

TEST_F_TIMEOUT(args, handles_die_with_shutdown, 240)
{
	LINECALLSTATUS cs = { .dwTotalSize = sizeof(cs) };
	union { VARSTRING v; char buf[64]; } vs = { .v.dwTotalSize = sizeof(vs) };
	HLINEAPP h = self->app.h;

	ASSERT_EQ(0, lineShutdown(h));
	/* no application left in the process: LINEERR_UNINITIALIZED */
	EXPECT_EQ(LINEERR_UNINITIALIZED, lineShutdown(h));
	EXPECT_EQ(LINEERR_UNINITIALIZED, lineClose(self->line));
	EXPECT_EQ(LINEERR_UNINITIALIZED, lineGetCallStatus(self->active, &cs));
	EXPECT_EQ(LINEERR_UNINITIALIZED, lineDrop(self->active, NULL, 0));
	EXPECT_EQ(LINEERR_UNINITIALIZED,
		  lineGetID(self->line, 0, 0, LINECALLSELECT_LINE, &vs.v,
			    "tapi/line"));
	/* the call it alone owned was dropped: the line is free again */
	{
		struct e2e_app other;
		HLINE l;
		HCALL c;
		LONG r;

		ASSERT_EQ(0, e2e_app_init(&other, "after"));
		ASSERT_EQ(0, e2e_open(&other, self->fxo, LINECALLPRIVILEGE_NONE,
				      &l));
		ASSERT_TRUE(e2e_wait_reply(&other, lineMakeCall(l, &c, NULL, 0,
								 NULL), &r));
		EXPECT_EQ(0, r);
		lineShutdown(other.h);
	}
}

TEST_HARNESS_MAIN
