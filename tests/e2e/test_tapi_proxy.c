// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call-center control between two processes through the kernel's proxy
 * relay: an ACD proxy process (lineOpen with LINEOPENOPTION_PROXY)
 * answers lineGetAgentCaps, lineCreateAgent and lineSetAgentStateEx of a
 * requesting process, whose LINE_REPLY comes with the data in its
 * buffers; its lineProxyMessage reaches the other process; a request
 * without a proxy fails at once; a proxy killed with SIGKILL while it
 * holds a request makes that request fail cleanly, and its types free.
 *
 * The proxy child takes commands over a pipe and reports over another;
 * its exit status is its verdict.
 */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "e2e_util.h"
#include "kselftest_harness.h"

#define AGENT_HANDLE	0x101
#define HANDLER_INFO	"e2e ACD"

static const DWORD acd_types[] = {
	LINEPROXYREQUEST_GETAGENTCAPS, LINEPROXYREQUEST_CREATEAGENT,
	LINEPROXYREQUEST_SETAGENTSTATEEX,
};

static bool pipe_write(int fd, char c)
{
	return write(fd, &c, 1) == 1;
}

/* One byte, or 0 when none came within @ms. */
static char pipe_read(int fd, long ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, ms) != 1 || read(fd, &c, 1) != 1)
		return 0;
	return c;
}

static LONG open_proxy(struct e2e_app *a, DWORD dev, const DWORD *types,
		       DWORD n, HLINE *line)
{
	struct {
		LINECALLPARAMS cp;
		DWORD types[8];
	} p;

	memset(&p, 0, sizeof(p));
	p.cp.dwTotalSize = sizeof(p);
	p.cp.dwDevSpecificSize = n * sizeof(DWORD);
	p.cp.dwDevSpecificOffset = offsetof(typeof(p), types);
	memcpy(p.types, types, n * sizeof(DWORD));
	return lineOpen(a->h, dev, line, 0x00020002, 0, 0,
			LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY, 0,
			&p.cp);
}

/* The ACD's answer to one request; 0 or the LINEERR_ it returns. */
static LONG serve(LINEPROXYREQUEST *req)
{
	LINEAGENTCAPS *caps;

	switch (req->dwRequestType) {
	case LINEPROXYREQUEST_GETAGENTCAPS:
		caps = &req->GetAgentCaps.AgentCaps;
		if (caps->dwTotalSize < sizeof(*caps) + sizeof(HANDLER_INFO))
			return LINEERR_STRUCTURETOOSMALL;
		caps->dwFeatures = LINEAGENTFEATURE_SETAGENTSTATE;
		caps->dwStates = LINEAGENTSTATE_READY |
				 LINEAGENTSTATE_NOTREADY;
		caps->dwMaxNumGroupEntries = 2;
		caps->dwAgentHandlerInfoSize = sizeof(HANDLER_INFO);
		caps->dwAgentHandlerInfoOffset = sizeof(*caps);
		memcpy((char *)caps + sizeof(*caps), HANDLER_INFO,
		       sizeof(HANDLER_INFO));
		caps->dwNeededSize = caps->dwUsedSize =
			sizeof(*caps) + sizeof(HANDLER_INFO);
		return 0;
	case LINEPROXYREQUEST_CREATEAGENT:
		if (req->CreateAgent.dwAgentIDSize != sizeof("alice") ||
		    strcmp((char *)req + req->CreateAgent.dwAgentIDOffset,
			   "alice"))
			return LINEERR_INVALAGENTID;
		req->CreateAgent.hAgent = AGENT_HANDLE;
		return 0;
	case LINEPROXYREQUEST_SETAGENTSTATEEX:
		if (req->SetAgentStateEx.hAgent != AGENT_HANDLE)
			return LINEERR_INVALAGENTID;
		return req->SetAgentStateEx.dwAgentState ==
		       LINEAGENTSTATEEX_READY ? 0 : LINEERR_INVALAGENTSTATE;
	default:
		return LINEERR_OPERATIONUNAVAIL;
	}
}

/*
 * The ACD child: become the proxy of acd_types on @ch, say 'R', then
 * answer requests (or, with @hold, keep the first one and say 'H'), send
 * LINE_AGENTSTATUSEX when told 'M', and stop at 'Q'.
 */
static int acd_child(struct e2e_peer *p, unsigned int ch, bool hold)
{
	struct e2e_app app;
	LINEMESSAGE m;
	HLINE line;
	long dev;

	if (e2e_app_init(&app, "acd"))
		return 10;
	dev = e2e_device_of(&app, ch);
	if (dev < 0)
		return 11;
	switch (open_proxy(&app, dev, acd_types, 3, &line)) {
	case 0:
		break;
	case LINEERR_OPERATIONUNAVAIL:	/* a tapi_core without the relay */
		lineShutdown(app.h);
		return pipe_write(p->wr, 'U') ? 0 : 13;
	default:
		return 12;
	}
	if (!pipe_write(p->wr, 'R'))
		return 13;
	for (;;) {
		struct pollfd pf = { .fd = p->rd, .events = POLLIN };
		char cmd;

		if (lineGetMessage(app.h, &m, 100) == 0) {
			e2e_print_msg(app.name, &m);
			if (m.dwMessageID != LINE_PROXYREQUEST)
				continue;
			if (hold) {
				if (!pipe_write(p->wr, 'H'))
					return 14;
				continue;	/* never answered */
			}
			if (lineProxyResponse(line,
					      (LPLINEPROXYREQUEST)m.dwParam1,
					      (DWORD)serve((LPLINEPROXYREQUEST)
							   m.dwParam1)))
				return 15;
			continue;
		}
		if (poll(&pf, 1, 0) != 1)
			continue;
		cmd = pipe_read(p->rd, 0);
		if (cmd == 'M') {
			if (lineProxyMessage(line, 0, LINE_AGENTSTATUSEX,
					     AGENT_HANDLE,
					     LINEAGENTSTATUSEX_STATE,
					     LINEAGENTSTATEEX_READY) ||
			    !pipe_write(p->wr, 'm'))
				return 16;
		} else {
			break;		/* 'Q' or the parent went */
		}
	}
	lineShutdown(app.h);
	return 0;
}

FIXTURE(proxy) {
	struct e2e_card card;
	unsigned int ch;
};

FIXTURE_SETUP(proxy)
{
	ASSERT_EQ(0, e2e_card_add(&self->card, 0, 1));
	self->ch = e2e_fxo(&self->card, 0);
}

FIXTURE_TEARDOWN(proxy)
{
	e2e_card_release(&self->card);
}

TEST_F_TIMEOUT(proxy, requests_reach_the_acd_of_another_process, 240)
{
	union {
		LINEAGENTCAPS caps;
		char buf[1024];
	} u;
	union {
		LINEPROXYREQUESTLIST l;
		char buf[256];
	} pl;
	struct e2e_app app;
	struct e2e_peer p;
	LINEMESSAGE m;
	HAGENT agent = 0;
	HLINE line, second;
	DWORD *types;
	long dev;
	LONG r;
	char c;

	e2e_peer_start(&p);
	if (p.pid == 0)
		_exit(acd_child(&p, self->ch, false));
	c = pipe_read(p.from_child, E2E_TIMEOUT_MS * 3);
	if (c == 'U') {
		e2e_peer_wait(&p);
		SKIP(return, "tapi_core has no proxy relay (ABI 1.1)");
	}
	ASSERT_EQ('R', c);
	ASSERT_EQ(0, e2e_app_init(&app, "client"));
	dev = e2e_device_of(&app, self->ch);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, e2e_open(&app, dev, LINECALLPRIVILEGE_NONE, &line));

	/* which types have a proxy */
	memset(&pl, 0, sizeof(pl));
	pl.l.dwTotalSize = sizeof(pl);
	ASSERT_EQ(0, lineGetProxyStatus(app.h, dev, 0x00020002, &pl.l));
	ASSERT_EQ(3, pl.l.dwNumEntries);
	types = (DWORD *)(pl.buf + pl.l.dwListOffset);
	EXPECT_EQ(LINEPROXYREQUEST_GETAGENTCAPS, types[0]);
	EXPECT_EQ(LINEPROXYREQUEST_CREATEAGENT, types[1]);
	EXPECT_EQ(LINEPROXYREQUEST_SETAGENTSTATEEX, types[2]);
	/* one proxy per type: this process cannot take CREATEAGENT too */
	EXPECT_EQ(LINEERR_NOTREGISTERED,
		  open_proxy(&app, dev, acd_types + 1, 1, &second));

	memset(&u, 0, sizeof(u));
	u.caps.dwTotalSize = sizeof(u);
	ASSERT_TRUE(e2e_wait_reply(&app, lineGetAgentCaps(app.h, dev, 0,
				   0x00020002, &u.caps), &r));
	ASSERT_EQ(0, r);
	EXPECT_EQ(sizeof(u), u.caps.dwTotalSize);
	EXPECT_EQ(LINEAGENTFEATURE_SETAGENTSTATE, u.caps.dwFeatures);
	EXPECT_EQ(2, u.caps.dwMaxNumGroupEntries);
	ASSERT_EQ(sizeof(HANDLER_INFO), u.caps.dwAgentHandlerInfoSize);
	EXPECT_STREQ(HANDLER_INFO, u.buf + u.caps.dwAgentHandlerInfoOffset);

	ASSERT_TRUE(e2e_wait_reply(&app, lineCreateAgent(line, "alice",
				   "1234", &agent), &r));
	ASSERT_EQ(0, r);
	EXPECT_EQ(AGENT_HANDLE, agent);
	ASSERT_TRUE(e2e_wait_reply(&app, lineCreateAgent(line, "bob", NULL,
				   &agent), &r));
	EXPECT_EQ(LINEERR_INVALAGENTID, r);

	ASSERT_TRUE(e2e_wait_reply(&app, lineSetAgentStateEx(line,
				   AGENT_HANDLE, LINEAGENTSTATEEX_READY, 0),
				   &r));
	EXPECT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_reply(&app, lineSetAgentStateEx(line,
				   AGENT_HANDLE, LINEAGENTSTATEEX_NOTREADY, 0),
				   &r));
	EXPECT_EQ(LINEERR_INVALAGENTSTATE, r);
	/* bad arguments never reach the proxy */
	EXPECT_EQ(LINEERR_INVALAGENTSTATE,
		  lineSetAgentStateEx(line, AGENT_HANDLE, 3, 0));
	EXPECT_EQ(LINEERR_INVALAGENTID,
		  lineSetAgentStateEx(line, 0, LINEAGENTSTATEEX_READY, 0));
	/* a type the ACD does not serve */
	memset(&u, 0, sizeof(u));
	u.caps.dwTotalSize = sizeof(LINEAGENTINFO);
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineGetAgentInfo(line, AGENT_HANDLE,
				   (LPLINEAGENTINFO)&u.caps));

	/* the ACD's message reaches this process */
	ASSERT_TRUE(pipe_write(p.to_child, 'M'));
	ASSERT_EQ('m', pipe_read(p.from_child, E2E_TIMEOUT_MS));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_AGENTSTATUSEX, line, &m,
				 E2E_TIMEOUT_MS));
	EXPECT_EQ(AGENT_HANDLE, m.dwParam1);
	EXPECT_EQ(LINEAGENTSTATUSEX_STATE, m.dwParam2);
	EXPECT_EQ(LINEAGENTSTATEEX_READY, m.dwParam3);

	/* the ACD stops: its types go, LINE_PROXYSTATUS says so */
	ASSERT_TRUE(pipe_write(p.to_child, 'Q'));
	ASSERT_EQ(0, e2e_peer_wait(&p));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_PROXYSTATUS, line, &m,
				 E2E_TIMEOUT_MS));
	EXPECT_EQ(LINEPROXYSTATUS_CLOSE, m.dwParam1);
	EXPECT_EQ(LINEPROXYREQUEST_GETAGENTCAPS, m.dwParam2);
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineCreateAgent(line, "alice", NULL, &agent));
	lineShutdown(app.h);
}

TEST_F_TIMEOUT(proxy, no_proxy_fails_at_once, 120)
{
	union {
		LINEPROXYREQUESTLIST l;
		char buf[256];
	} pl;
	LINEAGENTCAPS caps;
	struct e2e_app app;
	HAGENT agent;
	HLINE line;
	long dev;
	LONG r;

	ASSERT_EQ(0, e2e_app_init(&app, "client"));
	dev = e2e_device_of(&app, self->ch);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, e2e_open(&app, dev, LINECALLPRIVILEGE_NONE, &line));
	memset(&pl, 0, sizeof(pl));
	pl.l.dwTotalSize = sizeof(pl);
	r = lineGetProxyStatus(app.h, dev, 0x00020002, &pl.l);
	if (r == LINEERR_OPERATIONUNAVAIL) {
		lineShutdown(app.h);
		SKIP(return, "tapi_core has no proxy relay (ABI 1.1)");
	}
	ASSERT_EQ(0, r);
	EXPECT_EQ(0, pl.l.dwNumEntries);
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineCreateAgent(line, "alice", NULL, &agent));
	memset(&caps, 0, sizeof(caps));
	caps.dwTotalSize = sizeof(caps);
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineGetAgentCaps(app.h, dev, 0, 0x00020002, &caps));
	/* not a proxy: no messages to send */
	EXPECT_EQ(LINEERR_NOTREGISTERED,
		  lineProxyMessage(line, 0, LINE_AGENTSTATUSEX, 1,
				   LINEAGENTSTATUSEX_STATE,
				   LINEAGENTSTATEEX_READY));
	lineShutdown(app.h);
}

TEST_F_TIMEOUT(proxy, acd_killed_mid_request_fails_it_cleanly, 240)
{
	union {
		LINEPROXYREQUESTLIST l;
		char buf[256];
	} pl;
	struct e2e_app app;
	struct e2e_peer p;
	HAGENT agent = 0x55;
	HLINE line;
	long dev, id;
	LONG r;
	int status;
	char c;

	e2e_peer_start(&p);
	if (p.pid == 0)
		_exit(acd_child(&p, self->ch, true));
	c = pipe_read(p.from_child, E2E_TIMEOUT_MS * 3);
	if (c == 'U') {
		e2e_peer_wait(&p);
		SKIP(return, "tapi_core has no proxy relay (ABI 1.1)");
	}
	ASSERT_EQ('R', c);
	ASSERT_EQ(0, e2e_app_init(&app, "client"));
	dev = e2e_device_of(&app, self->ch);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, e2e_open(&app, dev, LINECALLPRIVILEGE_NONE, &line));

	id = lineCreateAgent(line, "alice", NULL, &agent);
	ASSERT_GT(id, 0);
	ASSERT_EQ('H', pipe_read(p.from_child, E2E_TIMEOUT_MS));
	ASSERT_EQ(0, kill(p.pid, SIGKILL));
	ASSERT_EQ(p.pid, waitpid(p.pid, &status, 0));
	ASSERT_TRUE(e2e_wait_reply(&app, id, &r));
	EXPECT_EQ(LINEERR_OPERATIONFAILED, r);
	EXPECT_EQ(0x55, agent);		/* nothing was written */
	/* the dead proxy's types are free */
	EXPECT_EQ(LINEERR_OPERATIONUNAVAIL,
		  lineCreateAgent(line, "alice", NULL, &agent));
	memset(&pl, 0, sizeof(pl));
	pl.l.dwTotalSize = sizeof(pl);
	ASSERT_EQ(0, lineGetProxyStatus(app.h, dev, 0x00020002, &pl.l));
	EXPECT_EQ(0, pl.l.dwNumEntries);
	close(p.to_child);
	close(p.from_child);
	lineShutdown(app.h);
}

TEST_HARNESS_MAIN
