// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls through libtapi on the simulated card: an outgoing call that
 * waits for dial tone and dials by DTMF, answered on another line, with
 * digits monitored and gathered both ways; an incoming call with caller
 * ID; busy and congestion; ring-back and busy tones monitored; a station
 * (FXS) line rung and lifted; a call handled from the callback of
 * callback mode.
 */
#include <pthread.h>

#include "e2e_util.h"
#include "kselftest_harness.h"

FIXTURE(sim) {
	struct e2e_card card;
	struct e2e_app a, b;
	long fxs, fxo[3];		/* line device IDs */
	char number[3][TAPI_DIGITS_LEN];
};

FIXTURE_SETUP(sim)
{
	struct tapi_sim_status st;

	ASSERT_EQ(0, e2e_card_add(&self->card, 1, 3));
	ASSERT_EQ(0, e2e_app_init(&self->a, "alice"));
	ASSERT_EQ(0, e2e_app_init(&self->b, "bob"));
	self->fxs = e2e_device_of(&self->a, e2e_fxs(&self->card, 0));
	ASSERT_GE(self->fxs, 0);
	for (int i = 0; i < 3; i++) {
		self->fxo[i] = e2e_device_of(&self->a, e2e_fxo(&self->card, i));
		ASSERT_GE(self->fxo[i], 0);
		/* the address of each line is its directory number */
		ASSERT_TRUE(e2e_address_of(&self->a, self->fxo[i],
					   self->number[i],
					   sizeof(self->number[i])));
		ASSERT_EQ(0, e2e_sim_status(&self->card,
					    e2e_fxo(&self->card, i), &st));
		ASSERT_STREQ(st.number, self->number[i]);
	}
}

FIXTURE_TEARDOWN(sim)
{
	lineShutdown(self->a.h);
	lineShutdown(self->b.h);
	e2e_card_release(&self->card);
}

/* B gets the call A made and answers it; both CONNECTED. */
static void answer_on_b(struct __test_metadata *_metadata,
			FIXTURE_DATA(sim) *self, HLINE lb, HCALL ca,
			HCALL *cb)
{
	LINEMESSAGE m;
	LONG r;

	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_APPNEWCALL, lb, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(LINECALLPRIVILEGE_OWNER, m.dwParam3);
	*cb = m.dwParam2;
	ASSERT_TRUE(e2e_wait_state(&self->b, *cb, LINECALLSTATE_OFFERING, &m));
	ASSERT_EQ(LINECALLPRIVILEGE_OWNER, m.dwParam3);
	ASSERT_TRUE(e2e_wait_reply(&self->b, lineAnswer(*cb, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->b, *cb, LINECALLSTATE_CONNECTED,
				   NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_CONNECTED,
				   NULL));
}

TEST_F_TIMEOUT(sim, outgoing_call_dialtone_dtmf_digits_both_ways, 240)
{
	union { LINECALLINFO ci; char buf[4096]; } u;
	struct tapi_sim_status st;
	char dest[TAPI_DIGITS_LEN + 1], gathered[8];
	HLINE la, lb;
	HCALL ca = 0, cb;
	LINEMESSAGE m;
	LONG r;

	ASSERT_EQ(0, e2e_open(&self->a, self->fxo[0], LINECALLPRIVILEGE_OWNER,
			      &la));
	ASSERT_EQ(0, e2e_open(&self->b, self->fxo[1], LINECALLPRIVILEGE_OWNER,
			      &lb));
	ASSERT_EQ(0, lineSetStatusMessages(lb, LINEDEVSTATE_RINGING, 0));
	snprintf(dest, sizeof(dest), "W%s", self->number[1]);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineMakeCall(la, &ca, dest, 0,
							   NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_NE(0, ca);
	/* dial tone first, then the digits, then the far end rings */
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DIALTONE, &m));
	ASSERT_EQ(LINEDIALTONEMODE_NORMAL, m.dwParam2);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DIALING, NULL));
	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_LINEDEVSTATE, lb, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(LINEDEVSTATE_RINGING, m.dwParam1);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_RINGBACK, NULL));
	/* the CO heard the number as DTMF */
	ASSERT_EQ(0, e2e_sim_status(&self->card, e2e_fxo(&self->card, 0), &st));
	ASSERT_NE(NULL, strstr(st.heard, self->number[1]));
	answer_on_b(_metadata, self, lb, ca, &cb);

	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(ca, &u.ci));
	ASSERT_EQ(LINECALLORIGIN_OUTBOUND, u.ci.dwOrigin);
	ASSERT_STREQ(self->number[1], u.buf + u.ci.dwCalledIDOffset);
	ASSERT_STREQ(self->number[0], u.buf + u.ci.dwCallerIDOffset);
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(cb, &u.ci));
	ASSERT_EQ(LINECALLORIGIN_EXTERNAL, u.ci.dwOrigin);

	/* A to B: monitored (onset and end) and gathered to '#' */
	ASSERT_EQ(0, lineMonitorDigits(cb, LINEDIGITMODE_DTMF |
				       LINEDIGITMODE_DTMFEND));
	memset(gathered, 'x', sizeof(gathered));
	ASSERT_EQ(0, lineGatherDigits(cb, LINEDIGITMODE_DTMF, gathered,
				      sizeof(gathered), "#", 15000, 10000));
	ASSERT_EQ(0, lineGenerateDigits(ca, LINEDIGITMODE_DTMF, "42#", 0));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_GENERATE, ca, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(LINEGENERATETERM_DONE, m.dwParam1);
	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_MONITORDIGITS, cb, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ('4', m.dwParam1);
	ASSERT_EQ(LINEDIGITMODE_DTMF, m.dwParam2);
	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_MONITORDIGITS, cb, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ('4', m.dwParam1);
	ASSERT_EQ(LINEDIGITMODE_DTMFEND, m.dwParam2);
	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_GATHERDIGITS, cb, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(LINEGATHERTERM_TERMDIGIT, m.dwParam1);
	ASSERT_STREQ("42#", gathered);

	/* B to A */
	ASSERT_EQ(0, lineMonitorDigits(ca, LINEDIGITMODE_DTMF));
	ASSERT_EQ(0, lineGenerateDigits(cb, LINEDIGITMODE_DTMF, "7", 120));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_MONITORDIGITS, ca, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ('7', m.dwParam1);
	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_GENERATE, cb, &m,
				 E2E_TIMEOUT_MS));

	/* B hangs up: A is disconnected, drops, goes idle */
	ASSERT_TRUE(e2e_wait_reply(&self->b, lineDrop(cb, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->b, cb, LINECALLSTATE_IDLE, NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DISCONNECTED,
				   &m));
	ASSERT_EQ(LINEDISCONNECTMODE_NORMAL, m.dwParam2);
	ASSERT_EQ(LINEERR_INVALCALLSTATE, lineDeallocateCall(ca));
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineDrop(ca, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_IDLE, NULL));
	ASSERT_EQ(0, lineDeallocateCall(ca));
	ASSERT_EQ(0, lineDeallocateCall(cb));
}

TEST_F_TIMEOUT(sim, incoming_call_with_caller_id_answered, 240)
{
	union { LINECALLINFO ci; char buf[4096]; } u;
	unsigned int ch = e2e_fxo(&self->card, 2);
	HLINE la;
	HCALL ca;
	LINEMESSAGE m;
	LONG r;

	ASSERT_EQ(0, e2e_open(&self->a, self->fxo[2], LINECALLPRIVILEGE_OWNER,
			      &la));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_RING, ch, 0,
			     "5551234", "ALICE"));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_APPNEWCALL, la, &m,
				 E2E_TIMEOUT_MS));
	ca = m.dwParam2;
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_OFFERING, &m));
	ASSERT_EQ(LINEOFFERINGMODE_ACTIVE, m.dwParam2);
	/* caller ID comes between the first and the second ring */
	do {
		ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_CALLINFO, ca, &m,
					 E2E_TIMEOUT_MS));
	} while (!(m.dwParam1 & LINECALLINFOSTATE_CALLERID));
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(ca, &u.ci));
	ASSERT_EQ(LINECALLPARTYID_ADDRESS | LINECALLPARTYID_NAME,
		  u.ci.dwCallerIDFlags);
	ASSERT_STREQ("5551234", u.buf + u.ci.dwCallerIDOffset);
	ASSERT_STREQ("ALICE", u.buf + u.ci.dwCallerIDNameOffset);
	ASSERT_STREQ(self->number[2], u.buf + u.ci.dwCalledIDOffset);

	ASSERT_TRUE(e2e_wait_reply(&self->a, lineAnswer(ca, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_CONNECTED,
				   NULL));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_HANGUP, ch, 0, NULL,
			     NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DISCONNECTED,
				   &m));
	ASSERT_EQ(LINEDISCONNECTMODE_NORMAL, m.dwParam2);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineDrop(ca, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_IDLE, NULL));
}

TEST_F_TIMEOUT(sim, busy_congestion_and_tones_detected, 240)
{
	LINEMONITORTONE busy_tone = {
		.dwAppSpecific = 0xB5, .dwFrequency1 = 480,
		.dwFrequency2 = 620,
	};
	LINEMONITORTONE ringback_tone = {
		.dwAppSpecific = 0x8B, .dwFrequency1 = 440,
		.dwFrequency2 = 480,
	};
	char dest[TAPI_DIGITS_LEN + 1];
	HLINE la, lb;
	HCALL ca, cb, cc;
	LINEMESSAGE m;
	LONG r;

	ASSERT_EQ(0, e2e_open(&self->a, self->fxo[0], LINECALLPRIVILEGE_NONE,
			      &la));
	ASSERT_EQ(0, e2e_open(&self->b, self->fxo[1], LINECALLPRIVILEGE_NONE,
			      &lb));
	/* B seizes its line and leaves it: B's number is busy */
	ASSERT_TRUE(e2e_wait_reply(&self->b, lineMakeCall(lb, &cb, NULL, 0,
							   NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->b, cb, LINECALLSTATE_DIALTONE, NULL));
	ASSERT_EQ(LINEERR_CALLUNAVAIL, lineMakeCall(lb, &cc, "1", 0, NULL));

	snprintf(dest, sizeof(dest), "W%s", self->number[1]);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineMakeCall(la, &ca, dest, 0,
							   NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DIALTONE, NULL));
	ASSERT_EQ(0, lineMonitorTones(ca, &busy_tone, 1));
	/* the tone heard, then the state it caused */
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_MONITORTONE, ca, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(0xB5, m.dwParam1);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_BUSY, &m));
	ASSERT_EQ(LINEBUSYMODE_UNKNOWN, m.dwParam2);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineDrop(ca, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_IDLE, NULL));
	ASSERT_EQ(0, lineDeallocateCall(ca));

	/* a number nobody has, dialled blind (no 'W'): congestion */
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineMakeCall(la, &ca, "2999", 0,
							   NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DISCONNECTED,
				   &m));
	ASSERT_EQ(LINEDISCONNECTMODE_CONGESTION, m.dwParam2);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineDrop(ca, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_IDLE, NULL));
	ASSERT_EQ(0, lineDeallocateCall(ca));

	/* B frees its line; now it rings and A hears ring-back */
	ASSERT_TRUE(e2e_wait_reply(&self->b, lineDrop(cb, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&self->b, cb, LINECALLSTATE_IDLE, NULL));
	/* the CO releases a line only after it stayed on-hook a while */
	ASSERT_TRUE(e2e_wait_co_state(&self->card, e2e_fxo(&self->card, 1),
				      TAPI_SIM_CO_IDLE));
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineMakeCall(la, &ca, dest, 0,
							   NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_DIALTONE, NULL));
	ASSERT_EQ(0, lineMonitorTones(ca, &ringback_tone, 1));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_MONITORTONE, ca, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(0x8B, m.dwParam1);
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_RINGBACK, NULL));
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineDrop(ca, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&self->a, ca, LINECALLSTATE_IDLE, NULL));
}

TEST_F_TIMEOUT(sim, station_rung_and_lifted, 240)
{
	unsigned int ch = e2e_fxs(&self->card, 0);
	struct tapi_sim_status st;
	union { LINECALLINFO ci; char buf[4096]; } u;
	union { VARSTRING v; char buf[64]; } id;
	HLINE ls;
	HCALL c;
	LINEMESSAGE m;
	LONG r;

	ASSERT_EQ(0, e2e_open(&self->a, self->fxs, LINECALLPRIVILEGE_OWNER,
			      &ls));
	memset(&id, 0, sizeof(id));
	id.v.dwTotalSize = sizeof(id);
	ASSERT_EQ(0, lineGetID(ls, 0, 0, LINECALLSELECT_LINE, &id.v,
			       "tapi/phone"));
	ASSERT_EQ(STRINGFORMAT_BINARY, id.v.dwStringFormat);

	/* calling the station rings its phone */
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineMakeCall(ls, &c, NULL, 0,
							   NULL), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_RINGBACK, NULL));
	ASSERT_EQ(0, e2e_sim_status(&self->card, ch, &st));
	ASSERT_EQ(1, st.ringing);
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, ch, 1, NULL,
			     NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_CONNECTED, NULL));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, ch, 0, NULL,
			     NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_DISCONNECTED,
				   NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_IDLE, NULL));
	ASSERT_EQ(0, lineDeallocateCall(c));

	/* the station lifts its handset and dials: a call for us */
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, ch, 1, NULL,
			     NULL));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_APPNEWCALL, ls, &m,
				 E2E_TIMEOUT_MS));
	c = m.dwParam2;
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_OFFERING, NULL));
	ASSERT_EQ(0, lineMonitorDigits(c, LINEDIGITMODE_DTMF));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_DIAL, ch, 0, "35",
			     NULL));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_MONITORDIGITS, c, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ('3', m.dwParam1);
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_MONITORDIGITS, c, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ('5', m.dwParam1);
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(c, &u.ci));
	ASSERT_EQ(LINECALLORIGIN_INTERNAL, u.ci.dwOrigin);
	ASSERT_STREQ("35", u.buf + u.ci.dwCalledIDOffset);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineAnswer(c, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_CONNECTED, NULL));
	/* we hang up on the station */
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineDrop(c, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->a, c, LINECALLSTATE_IDLE, NULL));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_PHONE_HOOK, ch, 0, NULL,
			     NULL));
}

/* Callback mode: the whole call handled from inside the callback. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	DWORD states[16];
	unsigned int nstates;
	bool done;
	LONG answer, drop;
} cb = {
	.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER,
};

static void CALLBACK on_message(DWORD device, DWORD msg, DWORD_PTR instance,
				DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
	LINEMESSAGE m = { device, msg, instance, p1, p2, p3 };

	e2e_print_msg("callback", &m);
	if (msg != LINE_CALLSTATE)
		return;
	pthread_mutex_lock(&cb.lock);
	if (cb.nstates < 16)
		cb.states[cb.nstates++] = p1;
	pthread_mutex_unlock(&cb.lock);
	/* TAPI may be called from the callback */
	if (p1 == LINECALLSTATE_OFFERING)
		cb.answer = lineAnswer(device, NULL, 0);
	else if (p1 == LINECALLSTATE_DISCONNECTED)
		cb.drop = lineDrop(device, NULL, 0);
	else if (p1 == LINECALLSTATE_IDLE) {
		lineDeallocateCall(device);
		pthread_mutex_lock(&cb.lock);
		cb.done = true;
		pthread_cond_broadcast(&cb.cond);
		pthread_mutex_unlock(&cb.lock);
	}
}

TEST_F_TIMEOUT(sim, incoming_call_handled_in_a_callback, 240)
{
	unsigned int ch = e2e_fxo(&self->card, 2);
	DWORD version = 0x00020002, ndevs;
	struct timespec until;
	HLINEAPP app;
	HLINE line;
	long dev;

	/* no LINEINITIALIZEEXPARAMS: callback mode */
	ASSERT_EQ(0, lineInitializeEx(&app, NULL, on_message, "callback",
				      &ndevs, &version, NULL));
	dev = self->fxo[2];
	ASSERT_EQ(0, lineOpen(app, dev, &line, version, 0, 0,
			      LINECALLPRIVILEGE_OWNER,
			      LINEMEDIAMODE_INTERACTIVEVOICE, NULL));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_RING, ch, 0,
			     "5550005", ""));
	ASSERT_TRUE(e2e_wait_co_state(&self->card, ch, TAPI_SIM_CO_CONNECTED));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_HANGUP, ch, 0, NULL,
			     NULL));
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += E2E_TIMEOUT_MS / 1000;
	pthread_mutex_lock(&cb.lock);
	while (!cb.done && !pthread_cond_timedwait(&cb.cond, &cb.lock, &until))
		;
	pthread_mutex_unlock(&cb.lock);
	ASSERT_TRUE(cb.done);
	ASSERT_GT(cb.answer, 0);
	ASSERT_GT(cb.drop, 0);
	ASSERT_EQ(4, cb.nstates);
	ASSERT_EQ(LINECALLSTATE_OFFERING, cb.states[0]);
	ASSERT_EQ(LINECALLSTATE_CONNECTED, cb.states[1]);
	ASSERT_EQ(LINECALLSTATE_DISCONNECTED, cb.states[2]);
	ASSERT_EQ(LINECALLSTATE_IDLE, cb.states[3]);
	ASSERT_EQ(0, lineShutdown(app));
}

TEST_HARNESS_MAIN
