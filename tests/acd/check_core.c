// SPDX-License-Identifier: GPL-2.0
/*
 * Check suite acd_core: tapi-acd's ACD state machine on scripted
 * timelines (milliseconds): which agent gets which call, ring-no-answer,
 * wrap-up, abandoned calls, the statistics to the exact figure, the
 * agent and queue notifications, sessions and argument errors.
 */
#include <stdio.h>
#include <string.h>

#include "acd_core.h"
#include "check_acd.h"

static const char conf[] =
	"agent a1 station s1\n"
	"agent a2 station s2\n"
	"agent a3 pin 9 station s3\n"
	"group 1 agents a1,a2,a3\n"
	"group 2 agents a3\n"
	"queue 1 group 1 trunks t1,t2 rna 10 wrapup 5\n"
	"queue 2 group 2 trunks t3 announce 4\n"
	"activity 4 name lunch\n";

static struct acd_config cfg;
static struct acd_core *core;

static void setup(void)
{
	FILE *f = fmemopen((void *)conf, strlen(conf), "r");
	char err[ACD_ERROR_MAX];

	ck_assert_int_eq(acd_config_parse(f, "core.conf", &cfg, err), 0);
	fclose(f);
	core = acd_core_new(&cfg, 0);
	ck_assert_ptr_nonnull(core);
}

static void teardown(void)
{
	acd_core_free(core);
}

/* Log agent @id in and make it ready at @t; returns its index. */
static int ready(const char *id, const char *pin, uint64_t t)
{
	HAGENT h = 0;

	ck_assert_int_eq(acd_agent_create(core, id, pin, &h, t), 0);
	ck_assert_int_eq(acd_agent_set_state_ex(core, h - 1,
						LINEAGENTSTATEEX_READY, 0, t),
			 0);
	return h - 1;
}

/* The next action on the lines, skipping notifications and beeps. */
static bool line_action(struct acd_action *a)
{
	while (acd_core_next_action(core, a))
		if (a->kind != ACD_AGENT && a->kind != ACD_QUEUE &&
		    a->kind != ACD_SESSION && a->kind != ACD_ANNOUNCE)
			return true;
	return false;
}

static void expect(enum acd_action_kind kind, uint32_t call, int agent)
{
	struct acd_action a;

	ck_assert_msg(line_action(&a), "no action, expected %d", kind);
	ck_assert_int_eq(a.kind, kind);
	ck_assert_uint_eq(a.call, call);
	ck_assert_int_eq(a.agent, agent);
}

static void expect_none(void)
{
	struct acd_action a;

	ck_assert_msg(!line_action(&a), "unexpected action %d call %u agent %d",
		      a.kind, a.call, a.agent);
}

static void drain(void)
{
	struct acd_action a;

	while (acd_core_next_action(core, &a))
		;
}

static DWORD state_ex(int agent, DWORD *next)
{
	DWORD s, n;

	acd_agent_status_ex(core, agent, &s, &n);
	if (next)
		*next = n;
	return s;
}

START_TEST(test_acd_core_longest_idle_first)
{
	int a1, a2, a3;
	uint32_t c1, c2, c3;

	a2 = ready("a2", "", 1000);
	a1 = ready("a1", "", 2000);
	a3 = ready("a3", "9", 2000);
	drain();
	c1 = acd_call_arrive(core, 0, 3000);
	expect(ACD_OFFER, c1, a2);		/* ready since 1000 */
	c2 = acd_call_arrive(core, 0, 3100);
	expect(ACD_OFFER, c2, a1);		/* ready since 2000, defined first */
	c3 = acd_call_arrive(core, 0, 3200);
	expect(ACD_OFFER, c3, a3);
	ck_assert_int_eq(acd_call_agent(core, c2), a1);
	ck_assert_int_eq(acd_call_queue(core, c2), 0);
	expect_none();
}
END_TEST

START_TEST(test_acd_core_fifo_and_groups)
{
	int a1, a3;
	uint32_t c1, c2, c3, c4;

	a1 = ready("a1", "", 0);
	drain();
	c1 = acd_call_arrive(core, 0, 1000);
	expect(ACD_OFFER, c1, a1);
	c2 = acd_call_arrive(core, 0, 2000);
	c3 = acd_call_arrive(core, 1, 2500);	/* queue 2: only a3 */
	c4 = acd_call_arrive(core, 0, 3000);
	expect_none();
	acd_call_agent_answer(core, c1, 4000);
	expect(ACD_CONNECT, c1, a1);
	/* a3 serves both groups: the oldest waiting call, c2, first */
	a3 = ready("a3", "9", 5000);
	expect(ACD_OFFER, c2, a3);
	acd_call_agent_hangup(core, c1, 6000);
	expect(ACD_RELEASE, c1, a1);
	expect_none();
	/* a1 back from wrap-up at 11000: group 1 only, so c4, not c3 */
	acd_core_advance(core, 11000);
	expect(ACD_OFFER, c4, a1);
	acd_call_agent_answer(core, c2, 11500);
	expect(ACD_CONNECT, c2, a3);
	acd_call_caller_hangup(core, c2, 12000);
	expect(ACD_RELEASE, c2, a3);
	acd_core_advance(core, 16999);
	expect_none();
	acd_core_advance(core, 17000);
	expect(ACD_OFFER, c3, a3);
	expect_none();
}
END_TEST

START_TEST(test_acd_core_ring_no_answer)
{
	DWORD next;
	int a1, a2;
	uint32_t c1;

	a1 = ready("a1", "", 0);
	a2 = ready("a2", "", 500);
	drain();
	c1 = acd_call_arrive(core, 0, 1000);
	expect(ACD_OFFER, c1, a1);
	ck_assert_uint_eq(acd_core_next_timer(core), 11000);
	acd_core_advance(core, 10999);
	expect_none();
	/* looked at late: still handled at its deadline, 11000 */
	acd_core_advance(core, 15000);
	expect(ACD_UNOFFER, c1, a1);
	expect(ACD_OFFER, c1, a2);
	ck_assert_uint_eq(state_ex(a1, &next), LINEAGENTSTATEEX_NOTREADY);
	ck_assert_uint_eq(acd_agent_state(core, a1), ACD_AGENT_NOTREADY);
	ck_assert_uint_eq(acd_core_next_timer(core), 21000);
	/* a station that cannot be rung is no answer at once */
	acd_call_agent_hangup(core, c1, 16000);
	expect(ACD_UNOFFER, c1, a2);
	expect_none();
	ck_assert_uint_eq(acd_agent_state(core, a2), ACD_AGENT_NOTREADY);
	ck_assert_uint_eq(acd_core_next_timer(core), ACD_NEVER);
	/* the call waits until someone is ready again */
	ck_assert_int_eq(acd_agent_set_state_ex(core, a2,
						LINEAGENTSTATEEX_READY, 0,
						20000), 0);
	expect(ACD_OFFER, c1, a2);
	acd_call_agent_answer(core, c1, 21000);
	expect(ACD_CONNECT, c1, a2);
}
END_TEST

START_TEST(test_acd_core_wrapup)
{
	DWORD s, n;
	int a1;
	uint32_t c1, c2;

	a1 = ready("a1", "", 0);
	c1 = acd_call_arrive(core, 0, 1000);
	acd_call_agent_answer(core, c1, 2000);
	drain();
	acd_call_caller_hangup(core, c1, 3000);
	expect(ACD_RELEASE, c1, a1);
	ck_assert_uint_eq(acd_agent_state(core, a1), ACD_AGENT_WRAPUP);
	ck_assert_uint_eq(state_ex(a1, &n), LINEAGENTSTATEEX_NOTREADY);
	ck_assert_uint_eq(n, LINEAGENTSTATEEX_READY);
	acd_agent_status(core, a1, &s, &n);
	ck_assert_uint_eq(s, LINEAGENTSTATE_WORKINGAFTERCALL);
	ck_assert_uint_eq(n, LINEAGENTSTATE_READY);
	/* no call for an agent in wrap-up */
	c2 = acd_call_arrive(core, 0, 4000);
	expect_none();
	acd_core_advance(core, 7999);
	expect_none();
	acd_core_advance(core, 8000);
	expect(ACD_OFFER, c2, a1);
	/* NOTREADY asked while busy: it follows the wrap-up */
	ck_assert_int_eq(acd_agent_set_state_ex(core, a1,
						LINEAGENTSTATEEX_NOTREADY, 0,
						8500), 0);
	ck_assert_uint_eq(state_ex(a1, &n), LINEAGENTSTATEEX_BUSYACD);
	ck_assert_uint_eq(n, LINEAGENTSTATEEX_NOTREADY);
	acd_call_agent_answer(core, c2, 9000);
	acd_call_agent_hangup(core, c2, 10000);
	acd_core_advance(core, 15000);
	ck_assert_uint_eq(acd_agent_state(core, a1), ACD_AGENT_NOTREADY);
	/* READY during wrap-up ends it at once */
	ck_assert_int_eq(acd_agent_set_state_ex(core, a1,
						LINEAGENTSTATEEX_READY,
						LINEAGENTSTATEEX_READY, 16000),
			 0);
	c2 = acd_call_arrive(core, 0, 16000);
	acd_call_agent_answer(core, c2, 17000);
	acd_call_agent_hangup(core, c2, 18000);
	ck_assert_uint_eq(acd_agent_state(core, a1), ACD_AGENT_WRAPUP);
	ck_assert_int_eq(acd_agent_set_state_ex(core, a1,
						LINEAGENTSTATEEX_READY, 0,
						19000), 0);
	ck_assert_uint_eq(acd_agent_state(core, a1), ACD_AGENT_READY);
	ck_assert_uint_eq(acd_core_next_timer(core), ACD_NEVER);
}
END_TEST

START_TEST(test_acd_core_abandoned)
{
	int a1, a2;
	uint32_t c1, c2, c3;
	LINEQUEUEINFO qi;

	a1 = ready("a1", "", 0);
	a2 = ready("a2", "", 100);
	drain();
	c1 = acd_call_arrive(core, 0, 1000);
	expect(ACD_OFFER, c1, a1);
	/* the caller leaves while a1 rings: a1 keeps its place */
	acd_call_caller_hangup(core, c1, 2000);
	expect(ACD_UNOFFER, c1, a1);
	expect_none();
	ck_assert_uint_eq(acd_agent_state(core, a1), ACD_AGENT_READY);
	c2 = acd_call_arrive(core, 0, 3000);
	expect(ACD_OFFER, c2, a1);
	c3 = acd_call_arrive(core, 0, 3000);
	expect(ACD_OFFER, c3, a2);
	acd_call_agent_answer(core, c2, 4000);
	acd_call_agent_answer(core, c3, 4000);
	drain();
	/* a waiting call abandons: no line action, only the figures */
	c1 = acd_call_arrive(core, 0, 5000);
	acd_call_caller_hangup(core, c1, 6500);
	expect_none();
	/* unknown or finished calls are ignored */
	acd_call_caller_hangup(core, c1, 7000);
	acd_call_agent_answer(core, 999, 7000);
	acd_call_agent_hangup(core, 999, 7000);
	expect_none();
	acd_queue_info(core, 0, &qi, 7000);
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 4);
	ck_assert_uint_eq(qi.dwTotalCallsAbandoned, 2);
	ck_assert_uint_eq(qi.dwCurrentCallsQueued, 0);
}
END_TEST

START_TEST(test_acd_core_statistics)
{
	uint32_t c1, c2, c3, c4;
	LINEQUEUEINFO qi;
	LINEAGENTINFO ai;
	int a1, a2;

	a1 = ready("a1", "", 0);
	a2 = ready("a2", "", 1000);
	drain();
	c1 = acd_call_arrive(core, 0, 10000);
	expect(ACD_OFFER, c1, a1);
	c2 = acd_call_arrive(core, 0, 12000);
	expect(ACD_OFFER, c2, a2);
	c3 = acd_call_arrive(core, 0, 13000);
	acd_call_agent_answer(core, c1, 14000);		/* waited 4 s */
	acd_call_caller_hangup(core, c3, 20000);	/* abandoned at 7 s */
	acd_core_advance(core, 22000);			/* a2: no answer */
	acd_call_agent_hangup(core, c1, 44000);		/* talked 30 s */
	acd_core_advance(core, 49000);			/* a1 ready: c2 */
	acd_call_agent_answer(core, c2, 51000);		/* waited 39 s */
	acd_call_caller_hangup(core, c2, 71000);	/* talked 20 s */
	c4 = acd_call_arrive(core, 0, 80000);		/* a1 ready at 76 s */
	drain();
	ck_assert_int_eq(acd_call_agent(core, c4), a1);

	acd_queue_info(core, 0, &qi, 83000);
	ck_assert_uint_eq(qi.dwMeasurementPeriod, 3600);
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 4);
	ck_assert_uint_eq(qi.dwCurrentCallsQueued, 1);
	ck_assert_uint_eq(qi.dwTotalCallsAbandoned, 1);
	ck_assert_uint_eq(qi.dwTotalCallsFlowedIn, 0);
	ck_assert_uint_eq(qi.dwTotalCallsFlowedOut, 0);
	ck_assert_uint_eq(qi.dwLongestEverWaitTime, 39);
	ck_assert_uint_eq(qi.dwCurrentLongestWaitTime, 3);
	ck_assert_uint_eq(qi.dwAverageWaitTime, 16);	/* (4+7+39)/3 */

	acd_agent_info(core, a1, &ai, 83000);
	ck_assert_uint_eq(ai.dwAgentState, LINEAGENTSTATEEX_BUSYACD);
	ck_assert_uint_eq(ai.dwNextAgentState, LINEAGENTSTATEEX_READY);
	ck_assert_uint_eq(ai.dwMeasurementPeriod, 3600);
	ck_assert_uint_eq(ai.dwNumberOfACDCalls, 2);
	ck_assert_uint_eq(ai.dwTotalACDTalkTime, 50);
	ck_assert_uint_eq(ai.dwTotalACDCallTime, 56);	/* 34 + 22 */
	ck_assert_uint_eq(ai.dwTotalACDWrapUpTime, 10);
	/* 2 calls in 83 s: 86.7469 calls per hour */
	ck_assert_int_eq(ai.cyOverallCallRate.int64, 867469);
	acd_agent_info(core, a2, &ai, 83000);
	ck_assert_uint_eq(ai.dwAgentState, LINEAGENTSTATEEX_NOTREADY);
	ck_assert_uint_eq(ai.dwNumberOfACDCalls, 0);
	ck_assert_uint_eq(ai.dwTotalACDCallTime, 0);

	/* a new period starts when it is set, and every period after */
	ck_assert_int_eq(acd_queue_set_period(core, 0, 60, 83000), 0);
	acd_queue_info(core, 0, &qi, 83000);
	ck_assert_uint_eq(qi.dwMeasurementPeriod, 60);
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 0);
	ck_assert_uint_eq(qi.dwCurrentCallsQueued, 1);
	ck_assert_uint_eq(qi.dwLongestEverWaitTime, 3);
	ck_assert_uint_eq(qi.dwAverageWaitTime, 0);
	acd_call_agent_answer(core, c4, 89000);	/* before its RNA at 90 s */
	acd_queue_info(core, 0, &qi, 142999);
	ck_assert_uint_eq(qi.dwAverageWaitTime, 9);
	ck_assert_uint_eq(qi.dwLongestEverWaitTime, 9);
	acd_queue_info(core, 0, &qi, 143000);
	ck_assert_uint_eq(qi.dwAverageWaitTime, 0);
	ck_assert_uint_eq(qi.dwLongestEverWaitTime, 0);
	ck_assert_uint_eq(qi.dwMeasurementPeriod, 60);

	ck_assert_int_eq(acd_agent_set_period(core, a1, 30, 143000), 0);
	acd_agent_info(core, a1, &ai, 150000);
	ck_assert_uint_eq(ai.dwMeasurementPeriod, 30);
	ck_assert_uint_eq(ai.dwNumberOfACDCalls, 0);
	ck_assert_int_eq(acd_queue_set_period(core, 0, 0, 150000),
			 LINEERR_INVALPARAM);
	ck_assert_int_eq(acd_queue_set_period(core, 0, ACD_MAX_PERIOD + 1,
					      150000), LINEERR_INVALPARAM);
	ck_assert_int_eq(acd_queue_set_period(core, 5, 60, 150000),
			 LINEERR_INVALPARAM);
	ck_assert_int_eq(acd_agent_set_period(core, a1, 0, 150000),
			 LINEERR_INVALPARAM);
}
END_TEST

static DWORD first_state, last_state;	/* of the STATE notes taken */

/* The notifications for agent @agent, as LINEAGENTSTATUSEX_ flags. */
static unsigned int agent_notes(int agent, DWORD *flags, unsigned int max)
{
	struct acd_action a;
	unsigned int n = 0;

	first_state = last_state = 0;
	while (acd_core_next_action(core, &a)) {
		if (a.kind != ACD_AGENT || a.agent != agent || n == max)
			continue;
		flags[n++] = a.flags;
		if (a.flags & LINEAGENTSTATUSEX_STATE) {
			if (!first_state)
				first_state = a.state;
			last_state = a.state;
		}
	}
	return n;
}

START_TEST(test_acd_core_agent_notifications)
{
	DWORD f[8];
	HAGENT h;
	uint32_t c;
	int a1;

	ck_assert_int_eq(acd_agent_create(core, "a1", NULL, &h, 0), 0);
	a1 = h - 1;
	ck_assert_uint_eq(agent_notes(a1, f, 8), 1);
	ck_assert_uint_eq(f[0], LINEAGENTSTATUSEX_NEWAGENT |
				LINEAGENTSTATUSEX_STATE);
	ck_assert_uint_eq(state_ex(a1, NULL), LINEAGENTSTATEEX_NOTREADY);
	acd_agent_set_state_ex(core, a1, LINEAGENTSTATEEX_READY, 0, 0);
	ck_assert_uint_eq(agent_notes(a1, f, 8), 1);
	ck_assert_uint_eq(f[0], LINEAGENTSTATUSEX_STATE);
	c = acd_call_arrive(core, 0, 1000);		/* ready -> busy */
	ck_assert_uint_eq(agent_notes(a1, f, 8), 1);
	ck_assert_uint_eq(f[0], LINEAGENTSTATUSEX_STATE);
	ck_assert_uint_eq(last_state, LINEAGENTSTATEEX_BUSYACD);
	acd_call_agent_answer(core, c, 2000);		/* still busy */
	ck_assert_uint_eq(agent_notes(a1, f, 8), 1);
	ck_assert_uint_eq(f[0], LINEAGENTSTATUSEX_UPDATEINFO);
	acd_call_caller_hangup(core, c, 3000);		/* -> wrap-up */
	ck_assert_uint_eq(agent_notes(a1, f, 8), 1);
	ck_assert_uint_eq(f[0], LINEAGENTSTATUSEX_STATE);
	acd_core_advance(core, 8000);			/* -> ready */
	ck_assert_uint_eq(agent_notes(a1, f, 8), 2);
	ck_assert_uint_eq(last_state, LINEAGENTSTATEEX_READY);
	ck_assert_uint_eq(f[0], LINEAGENTSTATUSEX_STATE);
	ck_assert_uint_eq(f[1], LINEAGENTSTATUSEX_UPDATEINFO);
	ck_assert_uint_eq(state_ex(a1, NULL), LINEAGENTSTATEEX_READY);
	/* queue 2 has no wrap-up: wrap-up and ready come in one step, and
	 * each note still carries the state of its moment */
	ck_assert_int_eq(acd_agent_set_groups(core, a1, 3, 8000), 0);
	c = acd_call_arrive(core, 1, 8500);
	acd_call_agent_answer(core, c, 8600);
	agent_notes(a1, f, 8);
	acd_call_agent_hangup(core, c, 8700);
	ck_assert_uint_eq(agent_notes(a1, f, 8), 3);
	ck_assert_uint_eq(first_state, LINEAGENTSTATEEX_NOTREADY);
	ck_assert_uint_eq(last_state, LINEAGENTSTATEEX_READY);
	/* a second lineCreateAgent gives the same handle, no new agent */
	ck_assert_int_eq(acd_agent_create(core, "a1", "", &h, 9000), 0);
	ck_assert_uint_eq(h, (HAGENT)a1 + 1);
	ck_assert_uint_eq(agent_notes(a1, f, 8), 0);
}
END_TEST

START_TEST(test_acd_core_queue_notifications_and_announce)
{
	struct acd_action a;
	unsigned int queue_notes = 0, announces = 0;
	uint32_t c;

	c = acd_call_arrive(core, 1, 1000);		/* queue 2, announce 4 s */
	ck_assert_uint_eq(acd_core_next_timer(core), 5000);
	acd_core_advance(core, 13000);
	while (acd_core_next_action(core, &a)) {
		if (a.kind == ACD_QUEUE) {
			ck_assert_int_eq(a.queue, 1);
			ck_assert_uint_eq(a.flags, LINEQUEUESTATUS_UPDATEINFO);
			queue_notes++;
		} else if (a.kind == ACD_ANNOUNCE) {
			ck_assert_uint_eq(a.call, c);
			announces++;
		}
	}
	ck_assert_uint_eq(queue_notes, 1);
	ck_assert_uint_eq(announces, 3);		/* 5, 9, 13 s */
	ready("a3", "9", 14000);
	expect(ACD_OFFER, c, 2);
	acd_call_agent_answer(core, c, 15000);
	expect(ACD_CONNECT, c, 2);
	/* no more announcements once answered; queue 2 has no RNA */
	ck_assert_uint_eq(acd_core_next_timer(core), ACD_NEVER);
}
END_TEST

START_TEST(test_acd_core_agent_errors)
{
	HAGENT h = 0;
	int a;

	ck_assert_int_eq(acd_agent_create(core, "nobody", "", &h, 0),
			 LINEERR_INVALAGENTID);
	ck_assert_int_eq(acd_agent_create(core, NULL, "", &h, 0),
			 LINEERR_INVALAGENTID);
	ck_assert_int_eq(acd_agent_create(core, "a3", "8", &h, 0),
			 LINEERR_INVALPASSWORD);
	ck_assert_int_eq(acd_agent_create(core, "a3", NULL, &h, 0),
			 LINEERR_INVALPASSWORD);
	ck_assert_int_eq(acd_agent_create(core, "a1", "1", &h, 0),
			 LINEERR_INVALPASSWORD);
	/* handles of agents not logged in, or of none */
	ck_assert_int_eq(acd_agent_handle(core, 1, &a), LINEERR_INVALAGENTID);
	ck_assert_int_eq(acd_agent_handle(core, 0, &a), LINEERR_INVALAGENTID);
	ck_assert_int_eq(acd_agent_handle(core, 99, &a), LINEERR_INVALAGENTID);
	ck_assert_int_eq(acd_agent_create(core, "a1", "", &h, 0), 0);
	ck_assert_int_eq(acd_agent_handle(core, h, &a), 0);
	ck_assert_int_eq(a, 0);
	ck_assert_int_eq(acd_agent_set_state_ex(core, a,
						LINEAGENTSTATEEX_BUSYACD, 0, 0),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(acd_agent_set_state_ex(core, a,
						LINEAGENTSTATEEX_READY |
						LINEAGENTSTATEEX_NOTREADY, 0, 0),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(acd_agent_set_state_ex(core, a, 0,
						LINEAGENTSTATEEX_RELEASED, 0),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(acd_agent_set_state(core, a,
					     LINEAGENTSTATE_BUSYACD, 0, 0),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(acd_agent_set_activity(core, a, 5, 0),
			 LINEERR_INVALAGENTACTIVITY);
	ck_assert_int_eq(acd_agent_set_activity(core, a, 4, 0), 0);
	ck_assert_uint_eq(acd_agent_activity(core, a), 4);
	/* logging off is refused during a call, then allowed */
	acd_agent_set_state_ex(core, a, LINEAGENTSTATEEX_READY, 0, 0);
	acd_call_arrive(core, 0, 100);
	ck_assert_int_eq(acd_agent_set_state_ex(core, a,
						LINEAGENTSTATEEX_RELEASED, 0,
						200),
			 LINEERR_INVALAGENTSTATE);
	acd_core_advance(core, 10100);			/* no answer */
	ck_assert_int_eq(acd_agent_set_state_ex(core, a,
						LINEAGENTSTATEEX_RELEASED, 0,
						10200), 0);
	ck_assert_int_eq(acd_agent_handle(core, h, &a), LINEERR_INVALAGENTID);
}
END_TEST

START_TEST(test_acd_core_tapi20_state_and_groups)
{
	DWORD s, n;
	uint32_t c;
	int a2 = acd_agent_by_station(core, "s2");

	ck_assert_int_eq(a2, 1);
	ck_assert_int_eq(acd_agent_by_station(core, "t1"), -1);
	acd_agent_status(core, a2, &s, &n);
	ck_assert_uint_eq(s, LINEAGENTSTATE_LOGGEDOFF);
	/* TAPI 2.0 lineSetAgentState logs the station's agent in */
	ck_assert_int_eq(acd_agent_set_state(core, a2, 0, 0, 0),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(acd_agent_set_state(core, a2, LINEAGENTSTATE_READY,
					     LINEAGENTSTATE_NOTREADY, 0), 0);
	acd_agent_status(core, a2, &s, &n);
	ck_assert_uint_eq(s, LINEAGENTSTATE_READY);
	ck_assert_uint_eq(n, LINEAGENTSTATE_NOTREADY);
	/* out of every group, it gets no call */
	ck_assert_int_eq(acd_agent_set_groups(core, a2, 0, 0), 0);
	drain();
	c = acd_call_arrive(core, 0, 1000);
	expect_none();
	ck_assert_int_eq(acd_agent_set_groups(core, a2, 1, 2000), 0);
	expect(ACD_OFFER, c, a2);
	acd_agent_status(core, a2, &s, &n);
	ck_assert_uint_eq(s, LINEAGENTSTATE_BUSYACD);
	acd_call_agent_answer(core, c, 3000);
	acd_call_agent_hangup(core, c, 4000);
	acd_core_advance(core, 9000);
	/* the next state it was given: not ready after the call */
	acd_agent_status(core, a2, &s, &n);
	ck_assert_uint_eq(s, LINEAGENTSTATE_NOTREADY);
	ck_assert_int_eq(acd_agent_set_state(core, a2,
					     LINEAGENTSTATE_LOGGEDOFF, 0, 9000),
			 0);
	acd_agent_status(core, a2, &s, &n);
	ck_assert_uint_eq(s, LINEAGENTSTATE_LOGGEDOFF);
}
END_TEST

START_TEST(test_acd_core_sessions)
{
	LINEAGENTSESSIONINFO si;
	HAGENTSESSION s1, s2, list[4];
	uint64_t start;
	HAGENT h;
	uint32_t c;
	int a3, agent, group;

	ck_assert_int_eq(acd_agent_create(core, "a3", "9", &h, 0), 0);
	a3 = h - 1;
	ck_assert_int_eq(acd_session_create(core, a3, "", 0, &s1, 0),
			 LINEERR_INVALPASSWORD);
	ck_assert_int_eq(acd_session_create(core, a3, "9", 5, &s1, 0),
			 LINEERR_INVALAGENTGROUP);
	ck_assert_int_eq(acd_session_create(core, a3, "9", 0, &s1, 1000), 0);
	ck_assert_int_eq(acd_session_create(core, a3, "9", 1, &s2, 1000), 0);
	ck_assert_uint_ne(s1, s2);
	ck_assert_uint_eq(acd_session_list(core, a3, list, 4), 2);
	ck_assert_uint_eq(list[0], s1);
	ck_assert_uint_eq(acd_session_list(core, 0, list, 4), 0);
	ck_assert_int_eq(acd_session_get(core, s2, &agent, &group), 0);
	ck_assert_int_eq(agent, a3);
	ck_assert_int_eq(group, 1);
	ck_assert_int_eq(acd_session_get(core, 77, &agent, &group),
			 LINEERR_INVALPARAM);
	/* a session's state sets its agent's */
	ck_assert_int_eq(acd_session_set_state(core, s1,
					       LINEAGENTSESSIONSTATE_READY, 0,
					       2000), 0);
	ck_assert_uint_eq(acd_agent_state(core, a3), ACD_AGENT_READY);
	c = acd_call_arrive(core, 0, 3000);		/* group 1's queue */
	acd_call_agent_answer(core, c, 5000);
	ck_assert_int_eq(acd_session_info(core, s1, &si, &start, 6000), 0);
	ck_assert_uint_eq(si.dwAgentSessionState,
			  LINEAGENTSESSIONSTATE_BUSYONCALL);
	ck_assert_int_eq(acd_session_set_state(core, s1,
					       LINEAGENTSESSIONSTATE_ENDED, 0,
					       6000),
			 LINEERR_INVALAGENTSESSIONSTATE);
	acd_call_caller_hangup(core, c, 11000);
	ck_assert_int_eq(acd_session_info(core, s1, &si, &start, 12000), 0);
	ck_assert_uint_eq(si.dwAgentSessionState,
			  LINEAGENTSESSIONSTATE_BUSYWRAPUP);
	acd_core_advance(core, 16000);
	ck_assert_int_eq(acd_session_info(core, s1, &si, &start, 19000), 0);
	ck_assert_uint_eq(start, 1000);
	ck_assert_uint_eq(si.dwAgentSessionState, LINEAGENTSESSIONSTATE_READY);
	ck_assert_uint_eq(si.dwSessionDuration, 18);
	ck_assert_uint_eq(si.dwNumberOfCalls, 1);
	ck_assert_uint_eq(si.dwTotalTalkTime, 6);
	ck_assert_uint_eq(si.dwAverageTalkTime, 6);
	ck_assert_uint_eq(si.dwTotalCallTime, 8);
	ck_assert_uint_eq(si.dwTotalWrapUpTime, 5);
	ck_assert_uint_eq(si.dwAverageWrapUpTime, 5);
	ck_assert_uint_eq(si.dwLongestTimeToAnswer, 2);
	ck_assert_uint_eq(si.dwAverageTimeToAnswer, 2);
	ck_assert_int_eq(si.cyACDCallRate.int64, 2000000);	/* 200/h */
	/* the group-2 session saw none of it */
	ck_assert_int_eq(acd_session_info(core, s2, &si, &start, 19000), 0);
	ck_assert_uint_eq(si.dwNumberOfCalls, 0);
	ck_assert_uint_eq(si.dwTotalWrapUpTime, 0);
	ck_assert_int_eq(acd_session_set_state(core, s2,
					       LINEAGENTSESSIONSTATE_BUSYONCALL,
					       0, 19000),
			 LINEERR_INVALAGENTSESSIONSTATE);
	ck_assert_int_eq(acd_session_set_state(core, s2,
					       LINEAGENTSESSIONSTATE_ENDED, 0,
					       20000), 0);
	ck_assert_int_eq(acd_session_info(core, s2, &si, &start, 30000), 0);
	ck_assert_uint_eq(si.dwAgentSessionState, LINEAGENTSESSIONSTATE_ENDED);
	ck_assert_uint_eq(si.dwSessionDuration, 19);
	ck_assert_int_eq(acd_session_set_state(core, s2,
					       LINEAGENTSESSIONSTATE_READY, 0,
					       30000),
			 LINEERR_INVALAGENTSESSIONSTATE);
	ck_assert_int_eq(acd_session_set_state(core, 99,
					       LINEAGENTSESSIONSTATE_READY, 0,
					       30000), LINEERR_INVALPARAM);
	/* logging off ends the remaining sessions */
	ck_assert_int_eq(acd_agent_set_state_ex(core, a3,
						LINEAGENTSTATEEX_RELEASED, 0,
						31000), 0);
	ck_assert_int_eq(acd_session_info(core, s1, &si, &start, 40000), 0);
	ck_assert_uint_eq(si.dwAgentSessionState, LINEAGENTSESSIONSTATE_ENDED);
	ck_assert_uint_eq(si.dwSessionDuration, 30);
}
END_TEST

Suite *acd_core_suite(void)
{
	Suite *s = suite_create("acd_core");
	struct {
		const char *name;
		const TTest *test;
	} cases[] = {
		{ "distribution", test_acd_core_longest_idle_first },
		{ "distribution", test_acd_core_fifo_and_groups },
		{ "rna", test_acd_core_ring_no_answer },
		{ "wrapup", test_acd_core_wrapup },
		{ "abandoned", test_acd_core_abandoned },
		{ "statistics", test_acd_core_statistics },
		{ "notifications", test_acd_core_agent_notifications },
		{ "notifications", test_acd_core_queue_notifications_and_announce },
		{ "agents", test_acd_core_agent_errors },
		{ "agents", test_acd_core_tapi20_state_and_groups },
		{ "sessions", test_acd_core_sessions },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		TCase *tc = tcase_create(cases[i].name);

		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_add_test(tc, cases[i].test);
		suite_add_tcase(s, tc);
	}
	return s;
}
