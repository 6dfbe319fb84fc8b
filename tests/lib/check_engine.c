// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The TAPI line functions through the whole engine (engine thread,
 * line devices, calls, messages) against fake channels (fake_chan.h)
 * whose kernel the tests play: what the library does to the channel is
 * checked from the fake's op log, what the application hears from its
 * messages.
 */
#include <string.h>
#include <unistd.h>

#include "fake_chan.h"
#include "../../lib/engine.h"

#define WAIT_MS 3000

static const enum tapi_signalling two_fxo_one_fxs[] = {
	TAPI_SIG_FXO, TAPI_SIG_FXO, TAPI_SIG_FXS,
};

static HLINE open_line(HLINEAPP app, DWORD id, DWORD priv, DWORD_PTR inst)
{
	HLINE h = 0;

	ck_assert_int_eq(lineOpen(app, id, &h, 0x00020002, 0, inst, priv,
				  priv & LINECALLPRIVILEGE_OWNER ?
				  LINEMEDIAMODE_INTERACTIVEVOICE : 0, NULL), 0);
	ck_assert(fake_wait_open(id, WAIT_MS));
	return h;
}

static void expect_reply(HLINEAPP app, LONG id, LONG result)
{
	LINEMESSAGE m;

	ck_assert_int_gt(id, 0);
	ck_assert(fake_wait_msg(app, LINE_REPLY, 0, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, (DWORD_PTR)id);
	ck_assert_int_eq((LONG)m.dwParam2, result);
}

static void expect_state(HLINEAPP app, HCALL call, DWORD state, DWORD mode)
{
	LINEMESSAGE m;

	ck_assert_msg(fake_wait_msg(app, LINE_CALLSTATE, call, &m, WAIT_MS),
		      "no LINE_CALLSTATE 0x%x", state);
	ck_assert_uint_eq(m.dwParam1, state);
	if (mode != (DWORD)-1)
		ck_assert_uint_eq(m.dwParam2, mode);
}

/* LINE_APPNEWCALL on @line, then the call's first LINE_CALLSTATE. */
static HCALL expect_new_call(HLINEAPP app, HLINE line, DWORD priv,
			     DWORD state)
{
	LINEMESSAGE m;
	HCALL call;

	ck_assert(fake_wait_msg(app, LINE_APPNEWCALL, line, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, 0);
	ck_assert_uint_eq(m.dwParam3, priv);
	call = m.dwParam2;
	ck_assert(fake_wait_msg(app, LINE_CALLSTATE, call, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, state);
	ck_assert_uint_eq(m.dwParam3, priv);
	return call;
}

static DWORD call_state_now(HCALL call)
{
	LINECALLSTATUS cs = { .dwTotalSize = sizeof(cs) };

	ck_assert_int_eq(lineGetCallStatus(call, &cs), 0);
	return cs.dwCallState;
}

START_TEST(test_engine_open_validation)
{
	LINECALLPARAMS cp = { .dwTotalSize = sizeof(cp) };
	HLINEAPP app;
	HLINE h;
	DWORD n;

	fake_backend_install(3, two_fxo_one_fxs);
	app = fake_init_app("open", &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(lineOpen(app + 1, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL),
			 LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineOpen(app, 0, NULL, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0, 0, 0, NULL),
			 LINEERR_INVALPRIVSELECT);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE |
				  LINECALLPRIVILEGE_OWNER, 0, NULL),
			 LINEERR_INVALPRIVSELECT);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_OWNER | LINEOPENOPTION_PROXY,
				  LINEMEDIAMODE_INTERACTIVEVOICE, NULL),
			 LINEERR_INVALPOINTER);	/* the proxy's request types */
	ck_assert_int_eq(lineOpen(app, 3, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL),
			 LINEERR_BADDEVICEID);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00030000, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL),
			 LINEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 1, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL),
			 LINEERR_INCOMPATIBLEEXTVERSION);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_OWNER, 0, NULL),
			 LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_G3FAX,
				  NULL), LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineOpen(app, LINEMAPPER, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL),
			 LINEERR_INVALPOINTER);
	cp.dwTotalSize = 8;
	ck_assert_int_eq(lineOpen(app, LINEMAPPER, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, &cp),
			 LINEERR_STRUCTURETOOSMALL);
	cp.dwTotalSize = sizeof(cp);
	cp.dwMediaMode = LINEMEDIAMODE_G3FAX;
	ck_assert_int_eq(lineOpen(app, LINEMAPPER, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, &cp),
			 LINEERR_LINEMAPPERFAILED);
	/* nothing was opened by any of that */
	ck_assert_uint_eq(tapi_handle_count(&tapi_lines), 0);

	cp.dwMediaMode = LINEMEDIAMODE_INTERACTIVEVOICE;
	ck_assert_int_eq(lineOpen(app, LINEMAPPER, &h, 0x00020002, 0, 7,
				  LINECALLPRIVILEGE_MONITOR, 0, &cp), 0);
	{
		union { VARSTRING v; char buf[64]; } u = {
			.v.dwTotalSize = sizeof(u) };

		ck_assert_int_eq(lineGetID(h, 0, 0, LINECALLSELECT_LINE, &u.v,
					   "tapi/line"), 0);
		ck_assert_uint_eq(u.v.dwStringFormat, STRINGFORMAT_BINARY);
		ck_assert_uint_eq(u.v.dwStringSize, 4);
		ck_assert_uint_eq(*(DWORD *)(u.buf + u.v.dwStringOffset), 0);
	}
	ck_assert_int_eq(lineSetStatusMessages(h, 0x80000000, 0),
			 LINEERR_INVALLINESTATE);
	ck_assert_int_eq(lineSetStatusMessages(h, LINEDEVSTATE_RINGING, 0x400),
			 LINEERR_INVALADDRESSSTATE);
	/* defined states the line never sends are accepted */
	ck_assert_int_eq(lineSetStatusMessages(h, LINEDEVSTATE_BATTERY |
					       LINEDEVSTATE_REMOVED,
					       LINEADDRESSSTATE_FORWARD), 0);
	ck_assert_int_eq(lineSetStatusMessages(h, LINEDEVSTATE_RINGING, 0), 0);
	ck_assert_int_eq(lineClose(h), 0);
	ck_assert_int_eq(lineClose(h), LINEERR_INVALLINEHANDLE);
	ck_assert(fake_wait_op(0, FAKE_OP_CLOSE, 0, NULL, WAIT_MS));
	/* no permission on the device and no netlink events to follow it
	 * by: no line, whatever the privilege */
	fake_denied[1] = true;
	ck_assert_int_eq(lineOpen(app, 1, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_MONITOR, 0, NULL),
			 LINEERR_RESOURCEUNAVAIL);
	ck_assert_int_eq(lineOpen(app, 1, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_OWNER,
				  LINEMEDIAMODE_INTERACTIVEVOICE, NULL),
			 LINEERR_RESOURCEUNAVAIL);
	ck_assert_int_eq(lineShutdown(app), 0);
	ck_assert_int_eq(lineClose(h), LINEERR_UNINITIALIZED);
}
END_TEST

START_TEST(test_engine_caps_api)
{
	union { LINEADDRESSCAPS c; char buf[1024]; } ac;
	union { LINEDEVCAPS c; char buf[1024]; } dc;
	HLINEAPP app;

	fake_backend_install(3, two_fxo_one_fxs);
	app = fake_init_app("caps", NULL);
	dc.c.dwTotalSize = sizeof(dc);
	ck_assert_int_eq(lineGetDevCaps(app, 1, 0x00020002, 0, &dc.c), 0);
	ck_assert_str_eq(dc.buf + dc.c.dwLineNameOffset, "fake0/fxo1");
	ck_assert_int_eq(lineGetDevCaps(app, 1, 0x00020002, 0, NULL),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineGetDevCaps(app, 9, 0x00020002, 0, &dc.c),
			 LINEERR_BADDEVICEID);
	ck_assert_int_eq(lineGetDevCaps(app, 1, 0x00010002, 0, &dc.c),
			 LINEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_int_eq(lineGetDevCaps(app, 1, 0x00020002, 5, &dc.c),
			 LINEERR_INCOMPATIBLEEXTVERSION);
	dc.c.dwTotalSize = 16;
	ck_assert_int_eq(lineGetDevCaps(app, 1, 0x00020002, 0, &dc.c),
			 LINEERR_STRUCTURETOOSMALL);
	ck_assert_uint_gt(dc.c.dwNeededSize, sizeof(LINEDEVCAPS));
	ac.c.dwTotalSize = sizeof(ac);
	ck_assert_int_eq(lineGetAddressCaps(app, 2, 0, 0x00020002, 0, &ac.c),
			 0);
	ck_assert_str_eq(ac.buf + ac.c.dwAddressOffset, "2002");
	ck_assert(ac.c.dwCallStates & LINECALLSTATE_ACCEPTED);	/* FXS */
	ck_assert_int_eq(lineGetAddressCaps(app, 2, 1, 0x00020002, 0, &ac.c),
			 LINEERR_INVALADDRESSID);
	/* a line that went away keeps its ID: LINEERR_NODEVICE */
	fake_backend_remove(2);
	tapi_registry_refresh(NULL);
	ck_assert_int_eq(lineGetAddressCaps(app, 2, 0, 0x00020002, 0, &ac.c),
			 LINEERR_NODEVICE);
	ck_assert_int_eq(lineShutdown(app), 0);
}
END_TEST

START_TEST(test_engine_outgoing_call)
{
	union { LINECALLINFO ci; char buf[2048]; } u;
	LINECALLPARAMS cp = { .dwTotalSize = sizeof(cp) };
	LINEMESSAGE m;
	struct fake_op op;
	HLINEAPP app;
	HLINE line;
	HCALL call = 0;
	LONG id;
	char gathered[4];

	fake_backend_install(3, two_fxo_one_fxs);
	app = fake_init_app("caller", NULL);
	line = open_line(app, 0, LINECALLPRIVILEGE_NONE, 42);
	cp.DialParams.dwDigitDuration = 5;	/* below the minimum: 40 */
	id = lineMakeCall(line, &call, "W2001", 0, &cp);
	ck_assert_int_gt(id, 0);
	ck_assert_uint_ne(call, 0);
	expect_reply(app, id, 0);
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 0, &op, WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_HOOK_OFF);
	/* no digits before dial tone */
	ck_assert_uint_eq(fake_count_ops(0, FAKE_OP_DIAL), 0);
	ck_assert_uint_eq(call_state_now(call), LINECALLSTATE_UNKNOWN);
	ck_assert_int_eq(lineMakeCall(line, &call, "1", 0, NULL),
			 LINEERR_CALLUNAVAIL);

	fake_call_state(0, TAPI_CALL_DIALTONE, 0, TAPI_CALL_OUTGOING);
	ck_assert(fake_wait_msg(app, LINE_CALLSTATE, call, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINECALLSTATE_DIALTONE);
	ck_assert_uint_eq(m.dwParam2, LINEDIALTONEMODE_NORMAL);
	ck_assert_uint_eq(m.dwParam3, LINECALLPRIVILEGE_OWNER);
	ck_assert_uint_eq(m.dwCallbackInstance, 42);
	ck_assert(fake_wait_op(0, FAKE_OP_DIAL, 0, &op, WAIT_MS));
	ck_assert_str_eq(op.digits, "2001");
	ck_assert_uint_eq(op.arg, TAPI_DTMF_ON_MIN_MS);
	fake_call_state(0, TAPI_CALL_DIALING, 0, 0);
	expect_state(app, call, LINECALLSTATE_DIALING, (DWORD)-1);
	fake_event(0, TAPI_EV_DIAL_DONE, 0, 0);
	fake_call_state(0, TAPI_CALL_PROCEEDING, 0, 0);
	expect_state(app, call, LINECALLSTATE_PROCEEDING, (DWORD)-1);
	fake_call_state(0, TAPI_CALL_RINGBACK, 0, 0);
	expect_state(app, call, LINECALLSTATE_RINGBACK, (DWORD)-1);
	fake_call_state(0, TAPI_CALL_CONNECTED, 0, 0);
	expect_state(app, call, LINECALLSTATE_CONNECTED,
		     LINECONNECTEDMODE_ACTIVE);

	u.ci.dwTotalSize = sizeof(u);
	ck_assert_int_eq(lineGetCallInfo(call, &u.ci), 0);
	ck_assert_uint_eq(u.ci.hLine, line);
	ck_assert_uint_eq(u.ci.dwOrigin, LINECALLORIGIN_OUTBOUND);
	ck_assert_uint_eq(u.ci.dwCalledIDFlags, LINECALLPARTYID_ADDRESS);
	ck_assert_str_eq(u.buf + u.ci.dwCalledIDOffset, "2001");
	ck_assert_str_eq(u.buf + u.ci.dwCallerIDOffset, "2000");
	ck_assert_str_eq(u.buf + u.ci.dwAppNameOffset, "caller");
	ck_assert_uint_eq(u.ci.dwNumOwners, 1);
	ck_assert_uint_ne(u.ci.dwCallID, 0);

	/* digits out: one run, then LINE_GENERATE */
	ck_assert_int_eq(lineGenerateDigits(call, LINEDIGITMODE_DTMF, "4#", 0),
			 0);
	ck_assert(fake_wait_op(0, FAKE_OP_DIAL, 1, &op, WAIT_MS));
	ck_assert_str_eq(op.digits, "4#");
	fake_event(0, TAPI_EV_DIAL_DONE, 0, 0);
	ck_assert(fake_wait_msg(app, LINE_GENERATE, call, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGENERATETERM_DONE);

	/* digits in: monitored and gathered */
	ck_assert_int_eq(lineMonitorDigits(call, LINEDIGITMODE_DTMF |
					   LINEDIGITMODE_DTMFEND), 0);
	ck_assert_int_eq(lineGatherDigits(call, LINEDIGITMODE_DTMF, gathered,
					  sizeof(gathered), "#", 0, 0), 0);
	fake_event(0, TAPI_EV_DIGIT_START, '7', 0);
	fake_event(0, TAPI_EV_DIGIT_END, '7', 90);
	fake_event(0, TAPI_EV_DIGIT_START, '#', 0);
	ck_assert(fake_wait_msg(app, LINE_MONITORDIGITS, call, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, '7');
	ck_assert_uint_eq(m.dwParam2, LINEDIGITMODE_DTMF);
	ck_assert(fake_wait_msg(app, LINE_MONITORDIGITS, call, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, '7');
	ck_assert_uint_eq(m.dwParam2, LINEDIGITMODE_DTMFEND);
	ck_assert(fake_wait_msg(app, LINE_GATHERDIGITS, call, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGATHERTERM_TERMDIGIT);
	ck_assert_str_eq(gathered, "7#");

	/* the far end hangs up, we drop */
	fake_call_state(0, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL, 0);
	expect_state(app, call, LINECALLSTATE_DISCONNECTED,
		     LINEDISCONNECTMODE_NORMAL);
	ck_assert_int_eq(lineDeallocateCall(call), LINEERR_INVALCALLSTATE);
	id = lineDrop(call, NULL, 0);
	expect_reply(app, id, 0);
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 1, &op, WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_HOOK_ON);
	fake_call_state(0, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL, 0);
	expect_state(app, call, LINECALLSTATE_IDLE, 0);
	ck_assert_int_eq(lineDrop(call, NULL, 0), LINEERR_INVALCALLSTATE);
	ck_assert_int_eq(lineDeallocateCall(call), 0);
	ck_assert_int_eq(lineDeallocateCall(call), LINEERR_INVALCALLHANDLE);

	/* at once again: the line is seized only after the release guard,
	 * or the exchange would take it for a hook flash */
	id = lineMakeCall(line, &call, "5", 0, NULL);
	expect_reply(app, id, 0);
	ck_assert_uint_eq(fake_count_ops(0, FAKE_OP_HOOK), 2);
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 2, &op,
			       TAPI_FXO_RELEASE_GUARD_MS + WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_HOOK_OFF);
	ck_assert(fake_wait_op(0, FAKE_OP_DIAL, 2, &op, WAIT_MS));
	ck_assert_str_eq(op.digits, "5");
	ck_assert_int_eq(lineShutdown(app), 0);
}
END_TEST

START_TEST(test_engine_partial_dial)
{
	struct fake_op op;
	HLINEAPP app;
	HLINE line;
	HCALL call;
	LONG id, id2;

	fake_backend_install(1, NULL);
	app = fake_init_app("overlap", NULL);
	line = open_line(app, 0, LINECALLPRIVILEGE_NONE, 0);
	/* ';': the number is incomplete, lineDial sends the rest */
	id = lineMakeCall(line, &call, "W20;", 0, NULL);
	expect_reply(app, id, 0);
	fake_call_state(0, TAPI_CALL_DIALTONE, 0, TAPI_CALL_OUTGOING);
	ck_assert(fake_wait_op(0, FAKE_OP_DIAL, 0, &op, WAIT_MS));
	ck_assert_str_eq(op.digits, "20");
	/* still sending: no second dial string yet */
	ck_assert_int_eq(lineDial(call, "03", 0), LINEERR_INVALCALLSTATE);
	fake_event(0, TAPI_EV_DIAL_DONE, 0, 0);
	fake_call_state(0, TAPI_CALL_DIALING, 0, 0);
	expect_state(app, call, LINECALLSTATE_DIALTONE, (DWORD)-1);
	expect_state(app, call, LINECALLSTATE_DIALING, (DWORD)-1);
	id2 = lineDial(call, "0,3", 0);
	ck_assert_int_gt(id2, 0);
	ck_assert(fake_wait_op(0, FAKE_OP_DIAL, 1, &op, WAIT_MS));
	ck_assert_str_eq(op.digits, "0");
	fake_event(0, TAPI_EV_DIAL_DONE, 0, 0);
	/* after the pause: the rest, then lineDial's LINE_REPLY */
	ck_assert(fake_wait_op(0, FAKE_OP_DIAL, 2, &op, WAIT_MS));
	ck_assert_str_eq(op.digits, "3");
	fake_event(0, TAPI_EV_DIAL_DONE, 0, 0);
	expect_reply(app, id2, 0);
	ck_assert_int_eq(lineShutdown(app), 0);
	/* shut down with the call up: its sole owner drops it */
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 1, &op, WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_HOOK_ON);
}
END_TEST

START_TEST(test_engine_no_dialtone)
{
	LINECALLPARAMS cp = { .dwTotalSize = sizeof(cp) };
	HLINEAPP app;
	HLINE line;
	HCALL call;
	LONG id;

	fake_backend_install(1, NULL);
	app = fake_init_app("nodt", NULL);
	line = open_line(app, 0, LINECALLPRIVILEGE_NONE, 0);
	cp.DialParams.dwWaitForDialtone = 200;
	id = lineMakeCall(line, &call, "W123", 0, &cp);
	expect_reply(app, id, 0);
	expect_state(app, call, LINECALLSTATE_DISCONNECTED,
		     LINEDISCONNECTMODE_NODIALTONE);
	ck_assert_uint_eq(fake_count_ops(0, FAKE_OP_DIAL), 0);
	id = lineDrop(call, NULL, 0);
	/* the kernel never had a call: IDLE comes from the drop itself,
	 * after its reply */
	expect_reply(app, id, 0);
	expect_state(app, call, LINECALLSTATE_IDLE, 0);
	ck_assert_int_eq(lineShutdown(app), 0);
}
END_TEST

START_TEST(test_engine_incoming_owner_monitor)
{
	union { LINECALLINFO ci; char buf[2048]; } u;
	HLINEAPP a, b;
	HLINE la, lb;
	HCALL ca, cb;
	LINEMESSAGE m;
	struct fake_op op;
	LONG id;

	fake_backend_install(1, NULL);
	a = fake_init_app("owner", NULL);
	b = fake_init_app("monitor", NULL);
	la = open_line(a, 0, LINECALLPRIVILEGE_OWNER, 1);
	lb = open_line(b, 0, LINECALLPRIVILEGE_MONITOR, 2);
	ck_assert_int_eq(lineSetStatusMessages(la, LINEDEVSTATE_RINGING, 0), 0);

	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	fake_event(0, TAPI_EV_RING, 1, 0);
	ca = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			     LINECALLSTATE_OFFERING);
	ck_assert(fake_wait_msg(a, LINE_LINEDEVSTATE, la, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEDEVSTATE_RINGING);
	ck_assert_uint_eq(m.dwParam3, 1);		/* first ring */
	cb = expect_new_call(b, lb, LINECALLPRIVILEGE_MONITOR,
			     LINECALLSTATE_OFFERING);
	ck_assert_uint_ne(ca, cb);
	/* the monitor did not ask for RINGING */
	ck_assert(fake_no_msg(b, LINE_LINEDEVSTATE, 100));

	fake_caller_id(0, "5551234", "ALICE", 0);
	ck_assert(fake_wait_msg(b, LINE_CALLINFO, cb, &m, WAIT_MS));
	ck_assert(m.dwParam1 & LINECALLINFOSTATE_CALLERID);
	u.ci.dwTotalSize = sizeof(u);
	ck_assert_int_eq(lineGetCallInfo(cb, &u.ci), 0);
	ck_assert_uint_eq(u.ci.dwCallerIDFlags,
			  LINECALLPARTYID_ADDRESS | LINECALLPARTYID_NAME);
	ck_assert_str_eq(u.buf + u.ci.dwCallerIDOffset, "5551234");
	ck_assert_str_eq(u.buf + u.ci.dwCallerIDNameOffset, "ALICE");
	ck_assert_str_eq(u.buf + u.ci.dwCalledIDOffset, "2000");
	ck_assert_uint_eq(u.ci.dwOrigin, LINECALLORIGIN_EXTERNAL);
	ck_assert_uint_eq(u.ci.dwNumOwners, 1);
	ck_assert_uint_eq(u.ci.dwNumMonitors, 1);

	ck_assert_int_eq(lineAnswer(cb, NULL, 0), LINEERR_NOTOWNER);
	ck_assert_int_eq(lineAnswer(ca, "x", 1), LINEERR_USERUSERINFOTOOBIG);
	id = lineAnswer(ca, NULL, 0);
	expect_reply(a, id, 0);
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 0, &op, WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_HOOK_OFF);
	fake_call_state(0, TAPI_CALL_CONNECTED, 0, 0);
	expect_state(a, ca, LINECALLSTATE_CONNECTED, (DWORD)-1);
	expect_state(b, cb, LINECALLSTATE_CONNECTED, (DWORD)-1);
	ck_assert_int_eq(lineAnswer(ca, NULL, 0), LINEERR_INVALCALLSTATE);

	/* the monitor may become owner too */
	ck_assert_int_eq(lineSetCallPrivilege(cb, 3), LINEERR_INVALCALLPRIVILEGE);
	ck_assert_int_eq(lineSetCallPrivilege(cb, LINECALLPRIVILEGE_OWNER), 0);
	ck_assert(fake_wait_msg(a, LINE_CALLINFO, ca, &m, WAIT_MS));
	ck_assert(m.dwParam1 & LINECALLINFOSTATE_NUMOWNERINCR);

	fake_call_state(0, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL, 0);
	expect_state(a, ca, LINECALLSTATE_DISCONNECTED,
		     LINEDISCONNECTMODE_NORMAL);
	/* two owners: either may deallocate */
	ck_assert_int_eq(lineDeallocateCall(cb), 0);
	id = lineDrop(ca, NULL, 0);
	expect_reply(a, id, 0);
	fake_call_state(0, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL, 0);
	expect_state(a, ca, LINECALLSTATE_IDLE, 0);
	ck_assert_int_eq(lineShutdown(b), 0);
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_engine_offered_unanswered)
{
	HLINEAPP a;
	HLINE la;
	HCALL ca;

	fake_backend_install(1, NULL);
	a = fake_init_app("owner", NULL);
	la = open_line(a, 0, LINECALLPRIVILEGE_OWNER, 0);
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	ca = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			     LINECALLSTATE_OFFERING);
	/* the caller gives up */
	fake_call_state(0, TAPI_CALL_IDLE, TAPI_CAUSE_NOANSWER, 0);
	expect_state(a, ca, LINECALLSTATE_DISCONNECTED,
		     LINEDISCONNECTMODE_NORMAL);
	expect_state(a, ca, LINECALLSTATE_IDLE, 0);
	ck_assert_int_eq(lineDeallocateCall(ca), 0);

	/* dropped while ringing: IDLE here, the line rings on */
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	ca = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			     LINECALLSTATE_OFFERING);
	ck_assert_int_gt(lineDrop(ca, NULL, 0), 0);
	expect_state(a, ca, LINECALLSTATE_IDLE, 0);
	ck_assert_uint_eq(fake_count_ops(0, FAKE_OP_HOOK), 0);
	fake_event(0, TAPI_EV_RING, 1, 0);
	fake_call_state(0, TAPI_CALL_IDLE, TAPI_CAUSE_NOANSWER, 0);
	ck_assert(fake_no_msg(a, LINE_APPNEWCALL, 200));
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_engine_handoff_in_process)
{
	HLINEAPP a, b;
	HLINE la, lb;
	HCALL ca, cb;
	LINEMESSAGE m;

	fake_backend_install(1, NULL);
	a = fake_init_app("first", NULL);
	b = fake_init_app("second", NULL);
	la = open_line(a, 0, LINECALLPRIVILEGE_OWNER, 0);
	lb = open_line(b, 0, LINECALLPRIVILEGE_OWNER, 0);
	/* the first opener owns what is offered */
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	ca = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			     LINECALLSTATE_OFFERING);
	ck_assert(fake_no_msg(b, LINE_APPNEWCALL, 100));

	ck_assert_int_eq(lineHandoff(ca, "first", 0), LINEERR_TARGETSELF);
	ck_assert_int_eq(lineHandoff(ca, NULL, LINEMEDIAMODE_INTERACTIVEVOICE),
			 LINEERR_TARGETSELF);
	ck_assert_int_eq(lineHandoff(ca, "nobody", 0), LINEERR_TARGETNOTFOUND);
	ck_assert_int_eq(lineHandoff(ca, NULL, 3), LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineHandoff(ca, NULL, LINEMEDIAMODE_G3FAX),
			 LINEERR_TARGETNOTFOUND);
	ck_assert_int_eq(lineHandoff(ca, "second", 0), 0);
	ck_assert(fake_wait_msg(b, LINE_APPNEWCALL, lb, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam3, LINECALLPRIVILEGE_OWNER);
	cb = m.dwParam2;
	ck_assert(fake_wait_msg(b, LINE_CALLSTATE, cb, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINECALLSTATE_OFFERING);
	ck_assert_uint_eq(m.dwParam3, LINECALLPRIVILEGE_OWNER);
	/* the first keeps its handle; the second can answer */
	ck_assert_int_eq(lineSetCallPrivilege(ca, LINECALLPRIVILEGE_MONITOR),
			 0);
	ck_assert_int_eq(lineHandoff(ca, "second", 0), LINEERR_NOTOWNER);
	ck_assert_int_gt(lineAnswer(cb, NULL, 0), 0);
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 0, NULL, WAIT_MS));
	ck_assert_int_eq(lineShutdown(b), 0);	/* sole owner: dropped */
	ck_assert(fake_wait_op(0, FAKE_OP_HOOK, 1, NULL, WAIT_MS));
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_engine_removed_mid_call)
{
	LINECALLSTATUS cs = { .dwTotalSize = sizeof(cs) };
	HLINEAPP a;
	HLINE la;
	HCALL ca;
	LINEMESSAGE m;

	fake_backend_install(1, NULL);
	a = fake_init_app("removal", NULL);
	la = open_line(a, 0, LINECALLPRIVILEGE_OWNER, 0);
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	ca = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			     LINECALLSTATE_OFFERING);
	fake_call_state(0, TAPI_CALL_CONNECTED, 0, 0);
	expect_state(a, ca, LINECALLSTATE_CONNECTED, (DWORD)-1);
	fake_event(0, TAPI_EV_REMOVED, 0, 0);
	expect_state(a, ca, LINECALLSTATE_DISCONNECTED,
		     LINEDISCONNECTMODE_UNAVAIL);
	expect_state(a, ca, LINECALLSTATE_IDLE, 0);
	ck_assert(fake_wait_msg(a, LINE_CLOSE, la, &m, WAIT_MS));
	ck_assert(fake_wait_op(0, FAKE_OP_CLOSE, 0, NULL, WAIT_MS));
	/* every handle of the line is gone, without a crash */
	ck_assert_int_eq(lineGetCallStatus(ca, &cs), LINEERR_INVALCALLHANDLE);
	ck_assert_int_eq(lineDrop(ca, NULL, 0), LINEERR_INVALCALLHANDLE);
	ck_assert_int_eq(lineClose(la), LINEERR_INVALLINEHANDLE);
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_engine_station_line)
{
	union { VARSTRING v; char buf[64]; } u = { .v.dwTotalSize = sizeof(u) };
	HLINEAPP a;
	HLINE ls, lf;
	HCALL c;
	struct fake_op op;
	LONG id;

	fake_backend_install(3, two_fxo_one_fxs);
	a = fake_init_app("exchange", NULL);
	ls = open_line(a, 2, LINECALLPRIVILEGE_OWNER, 0);
	lf = open_line(a, 0, LINECALLPRIVILEGE_NONE, 0);
	ck_assert_int_eq(lineGetID(ls, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "tapi/phone"), 0);
	ck_assert_uint_eq(*(DWORD *)(u.buf + u.v.dwStringOffset), 0);
	ck_assert_int_eq(lineGetID(lf, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "tapi/phone"), LINEERR_INVALDEVICECLASS);
	/* the kernel channel, /dev/tapi/<N> */
	ck_assert_int_eq(lineGetID(ls, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "TAPI/Channel"), 0);
	ck_assert_uint_eq(u.v.dwStringFormat, STRINGFORMAT_BINARY);
	ck_assert_uint_eq(*(DWORD *)(u.buf + u.v.dwStringOffset), 2);
	ck_assert_int_eq(lineGetID(ls, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "wave/in"), LINEERR_INVALDEVICECLASS);
	ck_assert_int_eq(lineGetID(ls, 0, 0, LINECALLSELECT_DEVICEID, &u.v,
				   "tapi/line"), LINEERR_INVALCALLSELECT);
	ck_assert_int_eq(lineGetID(ls, 1, 0, LINECALLSELECT_ADDRESS, &u.v,
				   "tapi/line"), LINEERR_INVALADDRESSID);

	/* calling the station rings it: ring-back for us */
	id = lineMakeCall(ls, &c, NULL, 0, NULL);
	expect_reply(a, id, 0);
	ck_assert(fake_wait_op(2, FAKE_OP_RING_START, 0, NULL, WAIT_MS));
	fake_call_state(2, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	expect_state(a, c, LINECALLSTATE_RINGBACK, (DWORD)-1);
	ck_assert_int_eq(lineDial(c, "1", 0), LINEERR_OPERATIONUNAVAIL);
	fake_call_state(2, TAPI_CALL_CONNECTED, 0, 0);
	expect_state(a, c, LINECALLSTATE_CONNECTED, (DWORD)-1);
	fake_call_state(2, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL, 0);
	expect_state(a, c, LINECALLSTATE_DISCONNECTED, (DWORD)-1);
	expect_state(a, c, LINECALLSTATE_IDLE, 0);
	ck_assert_int_eq(lineDeallocateCall(c), 0);

	/* the station lifts its handset: a call offered to us */
	fake_call_state(2, TAPI_CALL_DIALTONE, 0, TAPI_CALL_OUTGOING);
	c = expect_new_call(a, ls, LINECALLPRIVILEGE_OWNER,
			    LINECALLSTATE_OFFERING);
	id = lineAnswer(c, NULL, 0);
	expect_reply(a, id, 0);
	ck_assert(fake_wait_op(2, FAKE_OP_SET_CALL_STATE, 0, &op, WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_CALL_CONNECTED);
	fake_call_state(2, TAPI_CALL_CONNECTED, 0, 0);
	expect_state(a, c, LINECALLSTATE_CONNECTED, (DWORD)-1);
	/* we hang up on the station: IDLE for us at once */
	id = lineDrop(c, NULL, 0);
	ck_assert(fake_wait_op(2, FAKE_OP_SET_CALL_STATE, 1, &op, WAIT_MS));
	ck_assert_uint_eq(op.arg, TAPI_CALL_DISCONNECTED);
	expect_reply(a, id, 0);
	expect_state(a, c, LINECALLSTATE_IDLE, 0);
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_engine_tones)
{
	LINEGENERATETONE gt[2] = {
		{ .dwFrequency = 697, .dwCadenceOn = 200, .dwCadenceOff = 100,
		  .dwVolume = 0xFFFF },
		{ .dwFrequency = 1209, .dwCadenceOn = 200, .dwCadenceOff = 100,
		  .dwVolume = 0xFFFF },
	};
	LINEMONITORTONE mt[2] = {
		{ .dwAppSpecific = 11, .dwFrequency1 = 480,
		  .dwFrequency2 = 620 },
		{ .dwAppSpecific = 22 },	/* silence */
	};
	HLINEAPP a;
	HLINE la;
	HCALL c;
	LINEMESSAGE m;
	struct fake_op op;

	fake_backend_install(1, NULL);
	a = fake_init_app("tones", NULL);
	la = open_line(a, 0, LINECALLPRIVILEGE_OWNER, 0);
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	c = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			    LINECALLSTATE_OFFERING);
	fake_call_state(0, TAPI_CALL_CONNECTED, 0, 0);
	expect_state(a, c, LINECALLSTATE_CONNECTED, (DWORD)-1);

	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_BUSY, 0, 0, NULL), 0);
	ck_assert(fake_wait_op(0, FAKE_OP_TONE_START, 0, &op, WAIT_MS));
	ck_assert_uint_eq(op.tone.tone, TAPI_TONE_BUSY);
	ck_assert_uint_eq(op.tone.duration_ms, 0);
	/* a new tone cancels the old one */
	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_CUSTOM, 1500, 2, gt),
			 0);
	ck_assert(fake_wait_msg(a, LINE_GENERATE, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGENERATETERM_CANCEL);
	ck_assert(fake_wait_op(0, FAKE_OP_TONE_START, 1, &op, WAIT_MS));
	ck_assert_uint_eq(op.tone.tone, TAPI_TONE_NONE);
	ck_assert_uint_eq(op.tone.freq[0], 697);
	ck_assert_uint_eq(op.tone.freq[1], 1209);
	ck_assert_uint_eq(op.tone.on_ms, 200);
	ck_assert_uint_eq(op.tone.off_ms, 100);
	ck_assert_int_eq(op.tone.level, 0);
	ck_assert_uint_eq(op.tone.duration_ms, 1500);
	fake_event(0, TAPI_EV_TONE_DONE, 0, 0);
	ck_assert(fake_wait_msg(a, LINE_GENERATE, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGENERATETERM_DONE);
	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_BEEP, 0, 0, NULL), 0);
	ck_assert(fake_wait_op(0, FAKE_OP_TONE_START, 2, &op, WAIT_MS));
	ck_assert_uint_eq(op.tone.freq[0], 1000);
	ck_assert_uint_eq(op.tone.duration_ms, 250);
	/* bad requests */
	ck_assert_int_eq(lineGenerateTone(c, 0x20, 0, 0, NULL),
			 LINEERR_INVALTONEMODE);
	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_CUSTOM, 0, 3, gt),
			 LINEERR_INVALTONE);
	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_CUSTOM, 0, 1, NULL),
			 LINEERR_INVALPOINTER);
	gt[1].dwCadenceOn = 300;
	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_CUSTOM, 0, 2, gt),
			 LINEERR_INVALTONE);
	gt[0].dwFrequency = 9000;
	ck_assert_int_eq(lineGenerateTone(c, LINETONEMODE_CUSTOM, 0, 1, gt),
			 LINEERR_INVALTONE);

	ck_assert_int_eq(lineMonitorTones(c, mt, 17), LINEERR_INVALTONELIST);
	mt[1].dwFrequency2 = 440;	/* a gap */
	ck_assert_int_eq(lineMonitorTones(c, mt, 2), LINEERR_INVALTONELIST);
	mt[1].dwFrequency2 = 0;
	ck_assert_int_eq(lineMonitorTones(c, mt, 2), 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_DIAL, 0);	/* not monitored */
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_BUSY, 0);
	ck_assert(fake_wait_msg(a, LINE_MONITORTONE, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, 11);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_SILENCE, 0);
	ck_assert(fake_wait_msg(a, LINE_MONITORTONE, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, 22);
	ck_assert_int_eq(lineMonitorTones(c, NULL, 0), 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_BUSY, 0);
	ck_assert(fake_no_msg(a, LINE_MONITORTONE, 150));
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_engine_gather_timeouts_and_newcalls)
{
	union { LINECALLLIST l; char buf[64]; } u;
	HLINEAPP a, b;
	HLINE la, lb;
	HCALL c, nc;
	LINEMESSAGE m;
	char buf[8];

	fake_backend_install(1, NULL);
	a = fake_init_app("gatherer", NULL);
	b = fake_init_app("late", NULL);
	la = open_line(a, 0, LINECALLPRIVILEGE_OWNER, 0);
	lb = open_line(b, 0, LINECALLPRIVILEGE_NONE, 0);
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	c = expect_new_call(a, la, LINECALLPRIVILEGE_OWNER,
			    LINECALLSTATE_OFFERING);

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 8, NULL,
					  150, 0), 0);
	ck_assert(fake_wait_msg(a, LINE_GATHERDIGITS, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGATHERTERM_FIRSTTIMEOUT);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 8, "#",
					  0, 150), 0);
	fake_event(0, TAPI_EV_DIGIT_START, '5', 0);
	ck_assert(fake_wait_msg(a, LINE_GATHERDIGITS, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGATHERTERM_INTERTIMEOUT);
	ck_assert_str_eq(buf, "5");
	/* a new gathering cancels the running one */
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 8, NULL,
					  0, 0), 0);
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 2, NULL,
					  0, 0), 0);
	ck_assert(fake_wait_msg(a, LINE_GATHERDIGITS, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGATHERTERM_CANCEL);
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, NULL, 0, NULL,
					  0, 0), 0);
	ck_assert(fake_wait_msg(a, LINE_GATHERDIGITS, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEGATHERTERM_CANCEL);
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMFEND, buf, 2,
					  NULL, 0, 0), LINEERR_INVALDIGITMODE);
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 0, NULL,
					  0, 0), LINEERR_INVALPARAM);
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 2, "#X",
					  0, 0), LINEERR_INVALDIGITS);
	ck_assert_int_eq(lineGatherDigits(c, LINEDIGITMODE_DTMF, buf, 2, NULL,
					  5, 0), LINEERR_INVALTIMEOUT);

	/* the line opened without privilege got no handle; now it asks */
	ck_assert(fake_no_msg(b, LINE_APPNEWCALL, 100));
	u.l.dwTotalSize = sizeof(LINECALLLIST);	/* no room for the array */
	ck_assert_int_eq(lineGetNewCalls(lb, 0, LINECALLSELECT_LINE, &u.l), 0);
	ck_assert_uint_eq(u.l.dwNeededSize, sizeof(LINECALLLIST) + 4);
	ck_assert_uint_eq(u.l.dwCallsNumEntries, 0);
	u.l.dwTotalSize = sizeof(u);
	ck_assert_int_eq(lineGetNewCalls(lb, 0, LINECALLSELECT_CALL, &u.l),
			 LINEERR_INVALCALLSELECT);
	ck_assert_int_eq(lineGetNewCalls(lb, 0, LINECALLSELECT_ADDRESS, &u.l),
			 0);
	ck_assert_uint_eq(u.l.dwCallsNumEntries, 1);
	memcpy(&nc, u.buf + u.l.dwCallsOffset, sizeof(nc));
	ck_assert_uint_eq(call_state_now(nc), LINECALLSTATE_OFFERING);
	{
		LINECALLSTATUS cs = { .dwTotalSize = sizeof(cs) };

		ck_assert_int_eq(lineGetCallStatus(nc, &cs), 0);
		ck_assert_uint_eq(cs.dwCallPrivilege,
				  LINECALLPRIVILEGE_MONITOR);
		ck_assert(!(cs.dwCallFeatures & LINECALLFEATURE_ANSWER));
		ck_assert_uint_gt(cs.tStateEntryTime.wYear, 2000);
	}
	/* asked again: nothing new */
	ck_assert_int_eq(lineGetNewCalls(lb, 0, LINECALLSELECT_LINE, &u.l), 0);
	ck_assert_uint_eq(u.l.dwCallsNumEntries, 0);
	ck_assert_int_eq(lineShutdown(b), 0);
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

/* Bad arguments to every call function: never a crash, the right error. */
START_TEST(test_engine_bad_call_arguments)
{
	union { LINECALLINFO ci; char buf[64]; } u;
	LINECALLSTATUS cs;
	HLINEAPP a;
	HLINE l;
	HCALL c, bad = 0x30001234;
	char buf[4];

	fake_backend_install(1, NULL);
	a = fake_init_app("sweep", NULL);
	l = open_line(a, 0, LINECALLPRIVILEGE_OWNER | LINECALLPRIVILEGE_MONITOR,
		      0);
	fake_call_state(0, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	c = expect_new_call(a, l, LINECALLPRIVILEGE_OWNER,
			    LINECALLSTATE_OFFERING);

	for (int i = 0; i < 3; i++) {
		HCALL h = i == 0 ? 0 : i == 1 ? bad : (HCALL)l;

		ck_assert_int_eq(lineDial(h, "1", 0), LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineAnswer(h, NULL, 0),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineDrop(h, NULL, 0), LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineDeallocateCall(h),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineGetCallInfo(h, &u.ci),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineGetCallStatus(h, &cs),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineSetCallPrivilege(h, 4),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineHandoff(h, "x", 0),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineMonitorDigits(h, 2),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineGenerateDigits(h, 2, "1", 0),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineGatherDigits(h, 2, buf, 4, NULL, 0, 0),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineGenerateTone(h, 4, 0, 0, NULL),
				 LINEERR_INVALCALLHANDLE);
		ck_assert_int_eq(lineMonitorTones(h, NULL, 0),
				 LINEERR_INVALCALLHANDLE);
	}
	ck_assert_int_eq(lineGetCallInfo(c, NULL), LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineGetCallInfo(c, (LPLINECALLINFO)(u.buf + 1)),
			 LINEERR_INVALPOINTER);
	u.ci.dwTotalSize = sizeof(u.buf);
	ck_assert_int_eq(lineGetCallInfo(c, &u.ci), LINEERR_STRUCTURETOOSMALL);
	ck_assert_uint_gt(u.ci.dwNeededSize, sizeof(LINECALLINFO));
	cs.dwTotalSize = 12;
	ck_assert_int_eq(lineGetCallStatus(c, &cs), LINEERR_STRUCTURETOOSMALL);
	ck_assert_int_eq(lineDial(c, NULL, 0), LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineDial(c, "1", 0), LINEERR_INVALCALLSTATE);
	ck_assert_int_eq(lineMonitorDigits(c, LINEDIGITMODE_PULSE),
			 LINEERR_INVALDIGITMODE);
	ck_assert_int_eq(lineGenerateDigits(c, LINEDIGITMODE_PULSE, "1", 0),
			 LINEERR_INVALDIGITMODE);
	ck_assert_int_eq(lineGenerateDigits(c, LINEDIGITMODE_DTMF, "1x", 0),
			 LINEERR_INVALDIGITS);
	ck_assert_int_eq(lineAnswer(c, NULL, 5), LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineMakeCall(l, NULL, "1", 0, NULL),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineMakeCall(l, &c, "1", 0, NULL),
			 LINEERR_CALLUNAVAIL);
	ck_assert_int_eq(lineMakeCall(l, &c, "12?", 0, NULL),
			 LINEERR_DIALPROMPT);
	ck_assert_int_eq(lineMakeCall(l, &c, "$12", 0, NULL),
			 LINEERR_DIALBILLING);
	ck_assert_int_eq(lineMakeCall(l, &c, "P12", 0, NULL),
			 LINEERR_INVALADDRESS);
	ck_assert_int_eq(lineShutdown(a), 0);
	/* all gone with the application */
	ck_assert_int_eq(lineGetCallStatus(c, &cs), LINEERR_UNINITIALIZED);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");

	ADD_TEST(s, test_engine_open_validation);
	ADD_TEST(s, test_engine_caps_api);
	ADD_TEST(s, test_engine_outgoing_call);
	ADD_TEST(s, test_engine_partial_dial);
	ADD_TEST(s, test_engine_no_dialtone);
	ADD_TEST(s, test_engine_incoming_owner_monitor);
	ADD_TEST(s, test_engine_offered_unanswered);
	ADD_TEST(s, test_engine_handoff_in_process);
	ADD_TEST(s, test_engine_removed_mid_call);
	ADD_TEST(s, test_engine_station_line);
	ADD_TEST(s, test_engine_tones);
	ADD_TEST(s, test_engine_gather_timeouts_and_newcalls);
	ADD_TEST(s, test_engine_bad_call_arguments);
	return s;
}
