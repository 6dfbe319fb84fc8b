// SPDX-License-Identifier: GPL-2.0
/*
 * tapi-acd end to end: the daemon (tools/tapi-acd, /usr/bin in the VM)
 * runs on a simulated card of its own (2 FXS phones = agent stations,
 * 2 FXO lines = trunks); a supervisor - this test - logs agents in through
 * the kernel's proxy relay with lineCreateAgent / lineSetAgentStateEx and
 * watches LINE_AGENTSTATUSEX; outside callers ring the trunks
 * (TAPI_SIM_IOC_CO_RING) and hang up (CO_HANGUP); the agents' phones are
 * answered and hung up with TAPI_SIM_IOC_PHONE_HOOK.  Checked: the
 * documented distribution order (longest-idle ready agent first), the
 * agent states ready -> busy -> wrap-up (NOTREADY, next READY) -> ready,
 * ring-no-answer fallback, abandoned calls, lineGetQueueInfo and
 * lineGetAgentInfo counts equal to the scripted calls, the kernel bridge
 * carrying each agent to its own caller, announcement beeps while queued
 * (as the daemon reports them: the simulated exchange decodes only DTMF),
 * a caller ringing before the daemon starts, the TAPI errors of bad
 * arguments, a request with no proxy, a daemon killed while it holds a
 * request, and card removal stopping it.  The daemon's stderr is kept in
 * a file and printed as TAP comments.
 *
 * Every wait is a bounded poll (E2E_TIMEOUT_MS); the only time that
 * matters is the ring-no-answer test's, whose 6 s leave the test ample
 * room to pick up the second phone.
 */
#include <signal.h>
#include <sys/wait.h>

#include "e2e_util.h"
#include "kselftest_harness.h"

#define ACD_BIN		"tapi-acd"
#define QUEUE_ID	9
#define GROUP_ID	5
#define MAX_STATES	32

struct acd_fix {
	struct e2e_card card;
	struct e2e_app app;
	char name[TAPI_NAME_LEN];	/* the card's, "sim1" */
	char conf[64];
	char log[64];			/* the daemon's stderr */
	pid_t acd;
	long dev_fxs0, dev_fxo0;
	HLINE line;			/* the supervisor's, on fxs0 */
	HAGENT h1, h2;			/* agents 201 (fxs0), 202 (fxs1) */
	/* LINE_AGENTSTATUSEX states seen, per agent handle 1..2 */
	DWORD states[3][MAX_STATES];
	unsigned int nstates[3];
	/* TAPI 2.0 LINE_AGENTSTATUS states: agent 201's, on its station */
	DWORD states20[MAX_STATES];
	unsigned int nstates20;
	unsigned int queue_notes;
	unsigned int group_notes;	/* LINE_GROUPSTATUS NEWGROUP */
	HAGENTSESSION new_session;	/* last LINE_AGENTSESSIONSTATUS NEW */
};

/* Record what the supervisor hears; returns it in @m too. */
static void note(struct acd_fix *f, const LINEMESSAGE *m)
{
	e2e_print_msg("super", m);
	if (m->dwMessageID == LINE_AGENTSTATUSEX && m->dwParam1 >= 1 &&
	    m->dwParam1 <= 2 && m->dwParam2 & LINEAGENTSTATUSEX_STATE &&
	    f->nstates[m->dwParam1] < MAX_STATES)
		f->states[m->dwParam1][f->nstates[m->dwParam1]++] =
			m->dwParam3;
	if (m->dwMessageID == LINE_AGENTSTATUS &&
	    m->dwParam2 & LINEAGENTSTATUS_STATE && f->nstates20 < MAX_STATES)
		f->states20[f->nstates20++] = m->dwParam3;
	if (m->dwMessageID == LINE_QUEUESTATUS && m->dwParam1 == QUEUE_ID)
		f->queue_notes++;
	if (m->dwMessageID == LINE_GROUPSTATUS &&
	    m->dwParam1 == LINEGROUPSTATUS_NEWGROUP)
		f->group_notes++;
	if (m->dwMessageID == LINE_AGENTSESSIONSTATUS &&
	    m->dwParam2 & LINEAGENTSESSIONSTATUS_NEWSESSION)
		f->new_session = m->dwParam1;
}

/* The LINE_REPLY of request @id (0 or a LINEERR_); 1 when none came. */
static LONG await(struct acd_fix *f, LONG id)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	LINEMESSAGE m;

	if (id <= 0)
		return id;
	while (e2e_now_ms() < end) {
		if (lineGetMessage(f->app.h, &m, 200))
			continue;
		note(f, &m);
		if (m.dwMessageID == LINE_REPLY && m.dwParam1 == (DWORD)id)
			return (LONG)m.dwParam2;
	}
	printf("#   no LINE_REPLY for request %d\n", (int)id);
	return 1;
}

/* Take in messages until agent @h's latest state is @state. */
static bool wait_state(struct acd_fix *f, HAGENT h, DWORD state)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	LINEMESSAGE m;

	while (e2e_now_ms() < end) {
		if (f->nstates[h] && f->states[h][f->nstates[h] - 1] == state)
			return true;
		if (!lineGetMessage(f->app.h, &m, 200))
			note(f, &m);
	}
	printf("#   agent %u never reached state 0x%x\n", (unsigned int)h,
	       (unsigned int)state);
	return false;
}

static void pump(struct acd_fix *f, long ms)
{
	long end = e2e_now_ms() + ms;
	LINEMESSAGE m;

	while (e2e_now_ms() < end)
		if (!lineGetMessage(f->app.h, &m, 50))
			note(f, &m);
}

static unsigned int fxs(struct acd_fix *f, unsigned int i)
{
	return e2e_fxs(&f->card, i);
}

static unsigned int fxo(struct acd_fix *f, unsigned int i)
{
	return e2e_fxo(&f->card, i);
}

/* Wait until phone @ch rings (@on) or is quiet; messages keep flowing. */
static bool wait_ringing(struct acd_fix *f, unsigned int ch, bool on)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	struct tapi_sim_status st;

	while (e2e_now_ms() < end) {
		if (e2e_sim_status(&f->card, ch, &st))
			return false;
		if (!!st.ringing == on)
			return true;
		pump(f, 20);
	}
	printf("#   channel %u: ringing never became %d\n", ch, on);
	return false;
}

/* The CO of trunk @co hears @digits that the phone @phone dials: the
 * bridge carries the agent's voice to the caller. */
static bool heard_through(struct acd_fix *f, unsigned int phone,
			  unsigned int co, const char *digits)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	struct tapi_sim_status st;

	if (e2e_sim(&f->card, TAPI_SIM_IOC_CLEAR, co, 0, NULL, NULL) ||
	    e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_DIAL, phone, 0, digits, NULL))
		return false;
	while (e2e_now_ms() < end) {
		if (e2e_sim_status(&f->card, co, &st))
			return false;
		if (strstr(st.heard, digits))
			return true;
		pump(f, 50);
	}
	printf("#   channel %u heard \"%s\", not \"%s\"\n", co, st.heard,
	       digits);
	return false;
}

static bool ringing(struct acd_fix *f, unsigned int ch)
{
	struct tapi_sim_status st;

	return !e2e_sim_status(&f->card, ch, &st) && st.ringing;
}

static LONG queue_info(struct acd_fix *f, LINEQUEUEINFO *qi)
{
	memset(qi, 0, sizeof(*qi));
	qi->dwTotalSize = sizeof(*qi);
	return await(f, lineGetQueueInfo(f->line, QUEUE_ID, qi));
}

static LONG agent_info(struct acd_fix *f, HAGENT h, LINEAGENTINFO *ai)
{
	memset(ai, 0, sizeof(*ai));
	ai->dwTotalSize = sizeof(*ai);
	return await(f, lineGetAgentInfo(f->line, h, ai));
}

/* Poll the queue until @field of LINEQUEUEINFO reads @want. */
static bool wait_queue(struct acd_fix *f, size_t field, DWORD want)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	LINEQUEUEINFO qi;
	DWORD v = 0;

	while (e2e_now_ms() < end) {
		if (queue_info(f, &qi))
			return false;
		memcpy(&v, (char *)&qi + field, sizeof(v));
		if (v == want)
			return true;
		pump(f, 50);
	}
	printf("#   queue field %zu is %u, not %u\n", field, (unsigned int)v,
	       (unsigned int)want);
	return false;
}

/* Poll until agent @h has answered @n calls. */
static bool wait_answered(struct acd_fix *f, HAGENT h, DWORD n)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	LINEAGENTINFO ai;

	while (e2e_now_ms() < end) {
		if (agent_info(f, h, &ai))
			return false;
		if (ai.dwNumberOfACDCalls == n)
			return true;
		pump(f, 50);
	}
	return false;
}

static int write_conf(struct acd_fix *f, unsigned int rna, unsigned int wrapup,
		      unsigned int announce)
{
	FILE *c;

	snprintf(f->conf, sizeof(f->conf), "/tmp/acd-%d.conf", (int)getpid());
	c = fopen(f->conf, "w");
	if (!c)
		return -1;
	fprintf(c, "period 3600\n"
		"agent 201 name \"Agent One\" pin 11 station %s/fxs0\n"
		"agent 202 station %s/fxs1\n"
		"group %d name test agents 201,202\n"
		"queue %d name q group %d trunks %s/fxo0,%s/fxo1 rna %u wrapup %u"
		" announce %u\n",
		f->name, f->name, GROUP_ID, QUEUE_ID, GROUP_ID, f->name,
		f->name, rna, wrapup, announce);
	return fclose(c);
}

/* Which request types have a proxy on line device @dev. */
static LONG proxy_types_of(struct acd_fix *f, long dev, DWORD *n)
{
	struct {
		LINEPROXYREQUESTLIST l;
		DWORD types[32];
	} pl;
	LONG r;

	memset(&pl, 0, sizeof(pl));
	pl.l.dwTotalSize = sizeof(pl);
	r = lineGetProxyStatus(f->app.h, dev, 0x00020002, &pl.l);
	*n = pl.l.dwNumEntries;
	return r;
}

/* Which request types have a proxy on the supervisor's line. */
static LONG proxy_types(struct acd_fix *f, DWORD *n)
{
	return proxy_types_of(f, f->dev_fxs0, n);
}

/*
 * Has the daemon opened every line of the card?  Each of its lines is a
 * proxy (stations: 19 request types, trunks: the 12 of TAPI 2.2), so a
 * line with a proxy is one it owns.  The supervisor's station alone is
 * not enough: the daemon opens its trunks after its stations, and a test
 * that rings a trunk at once would race the trunk's lineOpen (a call
 * already there at lineOpen gets no LINE_APPNEWCALL).
 */
static bool acd_serves_all(struct acd_fix *f)
{
	const DWORD want[4] = {
		LINEPROXYREQUEST_SETAGENTSTATEEX - 1,
		LINEPROXYREQUEST_SETAGENTSTATEEX - 1,
		LINEPROXYREQUEST_SETAGENTSTATEEX -
			LINEPROXYREQUEST_CREATEAGENT + 1,
		LINEPROXYREQUEST_SETAGENTSTATEEX -
			LINEPROXYREQUEST_CREATEAGENT + 1,
	};
	const unsigned int ch[4] = {
		fxs(f, 0), fxs(f, 1), fxo(f, 0), fxo(f, 1),
	};

	for (unsigned int i = 0; i < 4; i++) {
		long dev = e2e_device_of(&f->app, ch[i]);
		DWORD n = 0;

		if (dev < 0 || proxy_types_of(f, dev, &n) || n < want[i])
			return false;
	}
	return true;
}

/* Start the daemon and wait until it serves all its lines (0), or why
 * not. */
static int start_acd(struct acd_fix *f, unsigned int rna, unsigned int wrapup,
		     unsigned int announce)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	DWORD n = 0;

	if (write_conf(f, rna, wrapup, announce))
		return -1;
	snprintf(f->log, sizeof(f->log), "/tmp/acd-%d.log", (int)getpid());
	fflush(stdout);
	f->acd = fork();
	if (f->acd < 0)
		return -1;
	if (f->acd == 0) {
		int fd = open(f->log, O_WRONLY | O_CREAT | O_APPEND, 0644);

		if (fd >= 0)
			dup2(fd, 2);
		execlp(ACD_BIN, ACD_BIN, "-v", "-v", "-c", f->conf,
		       (char *)NULL);
		_exit(127);
	}
	while (e2e_now_ms() < end) {
		int status;

		if (proxy_types(f, &n) == LINEERR_OPERATIONUNAVAIL)
			return -2;	/* no relay in tapi_core */
		if (n >= LINEPROXYREQUEST_SETAGENTSTATEEX - 1 &&
		    acd_serves_all(f))
			return 0;
		if (waitpid(f->acd, &status, WNOHANG) == f->acd) {
			f->acd = 0;
			return -3;
		}
		e2e_sleep_ms(50);
	}
	return -4;
}

static void stop_acd(struct acd_fix *f)
{
	int status;

	if (f->acd <= 0)
		return;
	kill(f->acd, SIGTERM);
	waitpid(f->acd, &status, 0);
	f->acd = 0;
}

/* Log both agents in and make them ready, 201 first. */
static bool agents_ready(struct acd_fix *f)
{
	return !await(f, lineCreateAgent(f->line, "201", "11", &f->h1)) &&
	       !await(f, lineCreateAgent(f->line, "202", "", &f->h2)) &&
	       f->h1 == 1 && f->h2 == 2 &&
	       !await(f, lineSetAgentStateEx(f->line, f->h1,
					     LINEAGENTSTATEEX_READY,
					     LINEAGENTSTATEEX_READY)) &&
	       wait_state(f, f->h1, LINEAGENTSTATEEX_READY) &&
	       !await(f, lineSetAgentStateEx(f->line, f->h2,
					     LINEAGENTSTATEEX_READY,
					     LINEAGENTSTATEEX_READY)) &&
	       wait_state(f, f->h2, LINEAGENTSTATEEX_READY);
}

static void expect_states(struct __test_metadata *_metadata,
			  struct acd_fix *f, HAGENT h, const DWORD *want,
			  unsigned int n)
{
	ASSERT_EQ(n, f->nstates[h]);
	for (unsigned int i = 0; i < n; i++)
		EXPECT_EQ(want[i], f->states[h][i]);
}

FIXTURE(acd) {
	struct acd_fix f;
};

FIXTURE_SETUP(acd)
{
	struct acd_fix *f = &self->f;

	memset(f, 0, sizeof(*f));
	ASSERT_EQ(0, e2e_card_add(&f->card, 2, 2));
	snprintf(f->name, sizeof(f->name), "%s", f->card.card.name);
	ASSERT_EQ(0, e2e_app_init(&f->app, "super"));
	f->dev_fxs0 = e2e_device_of(&f->app, fxs(f, 0));
	f->dev_fxo0 = e2e_device_of(&f->app, fxo(f, 0));
	ASSERT_GE(f->dev_fxs0, 0);
	ASSERT_GE(f->dev_fxo0, 0);
	ASSERT_EQ(0, lineOpen(f->app.h, f->dev_fxs0, &f->line, 0x00020002, 0,
			      0, LINECALLPRIVILEGE_NONE, 0, NULL));
}

FIXTURE_TEARDOWN(acd)
{
	struct acd_fix *f = &self->f;

	stop_acd(f);
	if (f->conf[0])
		unlink(f->conf);
	if (f->log[0]) {
		char line[256];
		FILE *l = fopen(f->log, "r");

		while (l && fgets(line, sizeof(line), l))
			printf("# %s", line);
		if (l)
			fclose(l);
		unlink(f->log);
	}
	lineShutdown(f->app.h);
	e2e_card_release(&f->card);
}

#define START_ACD(rna, wrapup) START_ACD_BEEPS(rna, wrapup, 0)
#define START_ACD_BEEPS(rna, wrapup, announce) do {			\
	int _r = start_acd(&self->f, rna, wrapup, announce);		\
	if (_r == -2)							\
		SKIP(return, "tapi_core has no proxy relay (ABI 1.1)");	\
	ASSERT_EQ(0, _r);						\
} while (0)

/*
 * Two calls go to the two agents, longest idle first; both are answered;
 * the caller ends one, the agent the other; each agent goes through
 * ready -> busy -> wrap-up -> ready; what an agent says reaches its own
 * caller through the kernel bridge; a third call rings the agent idle the
 * longest and is abandoned while it rings, a fourth is abandoned in the
 * queue; the figures count exactly those calls.
 */
TEST_F(acd, distribution_wrapup_abandon_statistics)
{
	struct acd_fix *f = &self->f;
	const DWORD cycle[] = {
		LINEAGENTSTATEEX_NOTREADY,	/* logged in */
		LINEAGENTSTATEEX_READY,
		LINEAGENTSTATEEX_BUSYACD,	/* rung, then talking */
		LINEAGENTSTATEEX_NOTREADY,	/* wrap-up */
		LINEAGENTSTATEEX_READY,
	};
	const DWORD cycle20[] = {
		LINEAGENTSTATE_NOTREADY, LINEAGENTSTATE_READY,
		LINEAGENTSTATE_BUSYACD, LINEAGENTSTATE_WORKINGAFTERCALL,
		LINEAGENTSTATE_READY,
	};
	LINEQUEUEINFO qi;
	LINEAGENTINFO ai;

	START_ACD(0, 2);
	ASSERT_TRUE(agents_ready(f));

	/* call 1: agent 201 has been ready the longest */
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 0), 0,
			     "5551001", "first"));
	ASSERT_TRUE(wait_ringing(f, fxs(f, 0), true));
	EXPECT_FALSE(ringing(f, fxs(f, 1)));
	ASSERT_TRUE(wait_state(f, f->h1, LINEAGENTSTATEEX_BUSYACD));
	/* call 2: to the other ready agent */
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 1), 0,
			     "5551002", "second"));
	ASSERT_TRUE(wait_ringing(f, fxs(f, 1), true));
	ASSERT_TRUE(wait_state(f, f->h2, LINEAGENTSTATEEX_BUSYACD));
	/* both answer */
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_HOOK, fxs(f, 0), 1,
			     NULL, NULL));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_HOOK, fxs(f, 1), 1,
			     NULL, NULL));
	ASSERT_TRUE(wait_answered(f, f->h1, 1));
	ASSERT_TRUE(wait_answered(f, f->h2, 1));
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwCurrentCallsQueued), 0));
	/* each caller hears its own agent */
	ASSERT_TRUE(heard_through(f, fxs(f, 0), fxo(f, 0), "147"));
	ASSERT_TRUE(heard_through(f, fxs(f, 1), fxo(f, 1), "258"));

	/* caller 1 hangs up: agent 201 to wrap-up, then hangs up too */
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_HANGUP, fxo(f, 0), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_state(f, f->h1, LINEAGENTSTATEEX_NOTREADY));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_HOOK, fxs(f, 0), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_state(f, f->h1, LINEAGENTSTATEEX_READY));
	/* agent 202 hangs up: the ACD hangs the trunk up */
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_HOOK, fxs(f, 1), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_state(f, f->h2, LINEAGENTSTATEEX_NOTREADY));
	ASSERT_TRUE(e2e_wait_co_state(&f->card, fxo(f, 1), TAPI_SIM_CO_IDLE));
	ASSERT_TRUE(wait_state(f, f->h2, LINEAGENTSTATEEX_READY));
	expect_states(_metadata, f, f->h1, cycle, 5);
	expect_states(_metadata, f, f->h2, cycle, 5);
	/* the same in TAPI 2.0 terms, on agent 201's station line */
	ASSERT_EQ(5, f->nstates20);
	for (unsigned int i = 0; i < 5; i++)
		EXPECT_EQ(cycle20[i], f->states20[i]);

	/* call 3 rings agent 201 (ready before 202); its caller gives up */
	ASSERT_TRUE(e2e_wait_co_state(&f->card, fxo(f, 0), TAPI_SIM_CO_IDLE));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 0), 0,
			     "5551003", "third"));
	ASSERT_TRUE(wait_ringing(f, fxs(f, 0), true));
	EXPECT_FALSE(ringing(f, fxs(f, 1)));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_HANGUP, fxo(f, 0), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_ringing(f, fxs(f, 0), false));
	ASSERT_TRUE(wait_state(f, f->h1, LINEAGENTSTATEEX_READY));

	/* call 4 waits with nobody ready, and is abandoned there */
	ASSERT_EQ(0, await(f, lineSetAgentStateEx(f->line, f->h1,
						  LINEAGENTSTATEEX_NOTREADY, 0)));
	ASSERT_EQ(0, await(f, lineSetAgentStateEx(f->line, f->h2,
						  LINEAGENTSTATEEX_NOTREADY, 0)));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 1), 0,
			     "5551004", "fourth"));
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwCurrentCallsQueued), 1));
	EXPECT_FALSE(ringing(f, fxs(f, 0)));
	EXPECT_FALSE(ringing(f, fxs(f, 1)));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_HANGUP, fxo(f, 1), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwTotalCallsAbandoned), 2));

	ASSERT_EQ(0, queue_info(f, &qi));
	EXPECT_EQ(3600, qi.dwMeasurementPeriod);
	EXPECT_EQ(4, qi.dwTotalCallsQueued);
	EXPECT_EQ(0, qi.dwCurrentCallsQueued);
	EXPECT_EQ(2, qi.dwTotalCallsAbandoned);
	EXPECT_EQ(0, qi.dwTotalCallsFlowedIn);
	EXPECT_EQ(0, qi.dwTotalCallsFlowedOut);
	EXPECT_EQ(0, qi.dwCurrentLongestWaitTime);
	EXPECT_GE(qi.dwLongestEverWaitTime, qi.dwAverageWaitTime);
	EXPECT_GT(f->queue_notes, 0);
	for (HAGENT h = 1; h <= 2; h++) {
		ASSERT_EQ(0, agent_info(f, h, &ai));
		EXPECT_EQ(LINEAGENTSTATEEX_NOTREADY, ai.dwAgentState);
		EXPECT_EQ(1, ai.dwNumberOfACDCalls);
		EXPECT_EQ(2, ai.dwTotalACDWrapUpTime);	/* the timer's, exactly */
		EXPECT_LE(ai.dwTotalACDTalkTime, ai.dwTotalACDCallTime);
		EXPECT_EQ(3600, ai.dwMeasurementPeriod);
	}
	/* a new measurement period starts from zero */
	ASSERT_EQ(0, await(f, lineSetQueueMeasurementPeriod(f->line, QUEUE_ID,
							    60)));
	ASSERT_EQ(0, queue_info(f, &qi));
	EXPECT_EQ(60, qi.dwMeasurementPeriod);
	EXPECT_EQ(0, qi.dwTotalCallsQueued);
	EXPECT_EQ(0, qi.dwTotalCallsAbandoned);
}

/* Agent 201 does not answer: it goes not ready and 202 gets the call. */
TEST_F(acd, ring_no_answer_goes_to_next_agent)
{
	struct acd_fix *f = &self->f;
	const DWORD h1_states[] = {
		LINEAGENTSTATEEX_NOTREADY, LINEAGENTSTATEEX_READY,
		LINEAGENTSTATEEX_BUSYACD, LINEAGENTSTATEEX_NOTREADY,
	};
	LINEQUEUEINFO qi;
	LINEAGENTINFO ai;

	START_ACD(6, 1);
	ASSERT_TRUE(agents_ready(f));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 0), 0,
			     "5552001", "rna"));
	ASSERT_TRUE(wait_ringing(f, fxs(f, 0), true));
	ASSERT_TRUE(wait_ringing(f, fxs(f, 1), true));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_HOOK, fxs(f, 1), 1,
			     NULL, NULL));
	EXPECT_FALSE(ringing(f, fxs(f, 0)));
	ASSERT_TRUE(wait_answered(f, f->h2, 1));
	ASSERT_TRUE(wait_state(f, f->h1, LINEAGENTSTATEEX_NOTREADY));
	expect_states(_metadata, f, f->h1, h1_states, 4);
	ASSERT_EQ(0, agent_info(f, f->h1, &ai));
	EXPECT_EQ(0, ai.dwNumberOfACDCalls);
	EXPECT_EQ(LINEAGENTSTATEEX_NOTREADY, ai.dwAgentState);
	ASSERT_EQ(0, queue_info(f, &qi));
	EXPECT_EQ(1, qi.dwTotalCallsQueued);
	EXPECT_EQ(0, qi.dwTotalCallsAbandoned);
	EXPECT_EQ(0, qi.dwCurrentCallsQueued);
	EXPECT_GE(qi.dwLongestEverWaitTime, 6);		/* it rang 201 6 s */
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_PHONE_HOOK, fxs(f, 1), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_state(f, f->h2, LINEAGENTSTATEEX_READY));
}

/* Bad arguments get TAPI's errors; the lists and caps are the config's. */
TEST_F(acd, requests_and_bad_arguments)
{
	struct acd_fix *f = &self->f;
	union {
		LINEAGENTGROUPLIST l;
		char buf[512];
	} g;
	union {
		LINEQUEUELIST l;
		char buf[512];
	} q;
	union {
		LINEAGENTCAPS c;
		char buf[512];
	} caps;
	union {
		LINEAGENTSTATUS s;
		char buf[512];
	} st;
	LINEAGENTSESSIONINFO si;
	GUID group = { GROUP_ID, 0, 0, { 0 } }, other = { 77, 0, 0, { 0 } };
	HAGENTSESSION s;
	HAGENT h = 0;
	HLINE trunk;
	const LINEAGENTGROUPENTRY *ge;
	const LINEQUEUEENTRY *qe;

	START_ACD(0, 0);
	EXPECT_EQ(LINEERR_INVALAGENTID,
		  await(f, lineCreateAgent(f->line, "999", "", &h)));
	EXPECT_EQ(LINEERR_INVALPASSWORD,
		  await(f, lineCreateAgent(f->line, "201", "12", &h)));
	/* longer than any configured ID: no prefix of it may match */
	EXPECT_EQ(LINEERR_INVALAGENTID,
		  await(f, lineCreateAgent(f->line,
			"2010000000000000000000000000000000000000000000000000000"
			"000000000000000000000", "11", &h)));
	ASSERT_EQ(0, await(f, lineCreateAgent(f->line, "201", "11", &h)));
	EXPECT_EQ(1, h);
	EXPECT_EQ(LINEERR_INVALAGENTSTATE,
		  await(f, lineSetAgentStateEx(f->line, h,
					       LINEAGENTSTATEEX_BUSYACD, 0)));
	EXPECT_EQ(LINEERR_INVALAGENTID,
		  await(f, lineSetAgentStateEx(f->line, 2,
					       LINEAGENTSTATEEX_READY, 0)));
	EXPECT_EQ(LINEERR_INVALPARAM,
		  await(f, lineSetQueueMeasurementPeriod(f->line, QUEUE_ID, 0)));
	EXPECT_EQ(LINEERR_INVALPARAM,
		  await(f, lineSetQueueMeasurementPeriod(f->line, 77, 60)));
	EXPECT_EQ(LINEERR_INVALPARAM,
		  await(f, lineSetAgentMeasurementPeriod(f->line, h, 0)));
	EXPECT_EQ(LINEERR_INVALAGENTGROUP,
		  await(f, lineCreateAgentSession(f->line, h, "11", 0, &other,
						  &s)));
	EXPECT_EQ(LINEERR_INVALPASSWORD,
		  await(f, lineCreateAgentSession(f->line, h, "1", 0, &group,
						  &s)));
	ASSERT_EQ(0, await(f, lineCreateAgentSession(f->line, h, "11", 0,
						     &group, &s)));
	for (long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	     f->new_session != s && e2e_now_ms() < end;)
		pump(f, 50);
	EXPECT_EQ(s, f->new_session);		/* LINE_AGENTSESSIONSTATUS */
	EXPECT_GT(f->group_notes, 0);		/* LINE_GROUPSTATUS at start */
	memset(&si, 0, sizeof(si));
	si.dwTotalSize = sizeof(si);
	ASSERT_EQ(0, await(f, lineGetAgentSessionInfo(f->line, s, &si)));
	EXPECT_EQ(LINEAGENTSESSIONSTATE_NOTREADY, si.dwAgentSessionState);
	EXPECT_GT(si.dateSessionStartTime, 40000.0);	/* after 2009 */
	EXPECT_EQ(LINEERR_INVALAGENTSESSIONSTATE,
		  await(f, lineSetAgentSessionState(f->line, s,
					LINEAGENTSESSIONSTATE_BUSYONCALL, 0)));
	EXPECT_EQ(LINEERR_INVALPARAM,
		  await(f, lineSetAgentSessionState(f->line, s + 100,
					LINEAGENTSESSIONSTATE_READY, 0)));

	memset(&g, 0, sizeof(g));
	g.l.dwTotalSize = sizeof(g);
	ASSERT_EQ(0, await(f, lineGetGroupList(f->line, &g.l)));
	ASSERT_EQ(1, g.l.dwNumEntries);
	ge = (const void *)(g.buf + g.l.dwListOffset);
	EXPECT_EQ(GROUP_ID, ge->GroupID.dwGroupID1);
	EXPECT_STREQ("test", g.buf + ge->dwNameOffset);
	memset(&q, 0, sizeof(q));
	q.l.dwTotalSize = sizeof(q);
	ASSERT_EQ(0, await(f, lineGetQueueList(f->line, &group, &q.l)));
	ASSERT_EQ(1, q.l.dwNumEntries);
	qe = (const void *)(q.buf + q.l.dwListOffset);
	EXPECT_EQ(QUEUE_ID, qe->dwQueueID);
	EXPECT_STREQ("q", q.buf + qe->dwNameOffset);
	EXPECT_EQ(LINEERR_INVALAGENTGROUP,
		  await(f, lineGetQueueList(f->line, &other, &q.l)));
	/* too small for the list: the fixed part and the size needed */
	q.l.dwTotalSize = sizeof(LINEQUEUELIST);
	ASSERT_EQ(0, await(f, lineGetQueueList(f->line, &group, &q.l)));
	EXPECT_EQ(0, q.l.dwNumEntries);
	EXPECT_GT(q.l.dwNeededSize, sizeof(LINEQUEUELIST));

	/* TAPI 2.0 on the station: the agent of its address */
	memset(&caps, 0, sizeof(caps));
	caps.c.dwTotalSize = sizeof(caps);
	ASSERT_EQ(0, await(f, lineGetAgentCaps(f->app.h, f->dev_fxs0, 0,
					       0x00020002, &caps.c)));
	EXPECT_TRUE(caps.c.dwFeatures & LINEAGENTFEATURE_SETAGENTSTATE);
	EXPECT_STREQ("tapi-acd", caps.buf + caps.c.dwAgentHandlerInfoOffset);
	memset(&st, 0, sizeof(st));
	st.s.dwTotalSize = sizeof(st);
	ASSERT_EQ(0, await(f, lineGetAgentStatus(f->line, 0, &st.s)));
	EXPECT_EQ(LINEAGENTSTATE_NOTREADY, st.s.dwState);
	EXPECT_EQ(1, st.s.dwNumEntries);
	EXPECT_EQ(LINEERR_INVALAGENTACTIVITY,
		  await(f, lineSetAgentActivity(f->line, 0, 42)));
	EXPECT_EQ(LINEERR_INVALAGENTSTATE,
		  await(f, lineSetAgentState(f->line, 0,
					     LINEAGENTSTATE_BUSYACD, 0)));
	/* trunks serve no TAPI 2.0 requests: no proxy for them there */
	ASSERT_EQ(0, lineOpen(f->app.h, f->dev_fxo0, &trunk, 0x00020002, 0, 0,
			      LINECALLPRIVILEGE_NONE, 0, NULL));
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  await(f, lineGetAgentStatus(trunk, 0, &st.s)));
	/* but the TAPI 2.2 ones: the same ACD answers on every line */
	ASSERT_EQ(0, await(f, lineCreateAgent(trunk, "201", "11", &h)));
	EXPECT_EQ(1, h);
	/* the ACD does not serve lineAgentSpecific */
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  await(f, lineAgentSpecific(f->line, 0, 0, "x", 1)));
	lineClose(trunk);
}

/* No ACD: the request fails at once.  An ACD killed holding a request:
 * the request fails cleanly and the types are free again. */
TEST_F(acd, no_proxy_and_killed_proxy)
{
	struct acd_fix *f = &self->f;
	LINEQUEUEINFO qi;
	HAGENT h;
	DWORD n = 0;
	LONG id, r;

	r = proxy_types(f, &n);
	if (r == LINEERR_OPERATIONUNAVAIL)
		SKIP(return, "tapi_core has no proxy relay (ABI 1.1)");
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, n);
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineCreateAgent(f->line, "201", "11", &h));

	START_ACD(0, 0);
	ASSERT_EQ(0, kill(f->acd, SIGSTOP));
	memset(&qi, 0, sizeof(qi));
	qi.dwTotalSize = sizeof(qi);
	id = lineGetQueueInfo(f->line, QUEUE_ID, &qi);
	ASSERT_GT(id, 0);	/* pending in the kernel once it returns */
	ASSERT_EQ(0, kill(f->acd, SIGKILL));
	EXPECT_EQ(LINEERR_OPERATIONFAILED, await(f, id));
	waitpid(f->acd, NULL, 0);
	f->acd = 0;
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineCreateAgent(f->line, "201", "11", &h));
	ASSERT_EQ(0, proxy_types(f, &n));
	EXPECT_EQ(0, n);
	/* SIGTERM ends a running ACD cleanly, with status 0 */
	START_ACD(0, 0);
	{
		int status = -1;

		ASSERT_EQ(0, kill(f->acd, SIGTERM));
		ASSERT_EQ(f->acd, waitpid(f->acd, &status, 0));
		f->acd = 0;
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(0, WEXITSTATUS(status));
	}
}

/* Does the daemon's log hold @text (waiting up to @ms for it)? */
static bool log_says(struct acd_fix *f, const char *text, long ms)
{
	long end = e2e_now_ms() + ms;
	char line[256];

	for (;;) {
		FILE *l = fopen(f->log, "r");
		bool found = false;

		while (l && !found && fgets(line, sizeof(line), l))
			found = strstr(line, text) != NULL;
		if (l)
			fclose(l);
		if (found)
			return true;
		if (e2e_now_ms() >= end)
			return false;
		pump(f, 100);
	}
}

/* A caller waiting with nobody logged in hears the announcement beeps. */
TEST_F(acd, announcement_while_queued)
{
	struct acd_fix *f = &self->f;
	LINEQUEUEINFO qi;

	START_ACD_BEEPS(0, 0, 1);
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 0), 0,
			     "5553001", "waiting"));
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwCurrentCallsQueued), 1));
	EXPECT_TRUE(log_says(f, "announcement beep: 0x00000000",
			     E2E_TIMEOUT_MS));
	EXPECT_FALSE(log_says(f, "announcement beep: 0x8", 0));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_HANGUP, fxo(f, 0), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwTotalCallsAbandoned), 1));
	ASSERT_EQ(0, queue_info(f, &qi));
	EXPECT_EQ(1, qi.dwTotalCallsQueued);
	EXPECT_EQ(0, qi.dwCurrentCallsQueued);
}

/*
 * A caller who rings a trunk before the daemon opens it (no LINE_APPNEWCALL
 * then: libtapi makes it the line's call at lineOpen) is answered and
 * queued all the same, and counted as abandoned when hanging up.
 */
TEST_F(acd, call_ringing_before_start_is_queued)
{
	struct acd_fix *f = &self->f;
	LINEQUEUEINFO qi;

	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_RING, fxo(f, 1), 0,
			     "5553002", "early"));
	ASSERT_TRUE(wait_ringing(f, fxo(f, 1), true));
	START_ACD(0, 0);
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwCurrentCallsQueued), 1));
	ASSERT_EQ(0, e2e_sim(&f->card, TAPI_SIM_IOC_CO_HANGUP, fxo(f, 1), 0,
			     NULL, NULL));
	ASSERT_TRUE(wait_queue(f, offsetof(LINEQUEUEINFO,
					   dwTotalCallsAbandoned), 1));
	ASSERT_EQ(0, queue_info(f, &qi));
	EXPECT_EQ(1, qi.dwTotalCallsQueued);
	EXPECT_EQ(0, qi.dwCurrentCallsQueued);
}

/* The card goes: the ACD's lines with it; it stops and says so (exit 1). */
TEST_F(acd, card_removal_stops_the_acd)
{
	struct acd_fix *f = &self->f;
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	int status = -1;
	pid_t r = 0;

	START_ACD(0, 0);
	ASSERT_EQ(0, e2e_card_remove(&f->card));
	while (e2e_now_ms() < end &&
	       (r = waitpid(f->acd, &status, WNOHANG)) == 0)
		pump(f, 50);
	ASSERT_EQ(f->acd, r);
	f->acd = 0;
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
