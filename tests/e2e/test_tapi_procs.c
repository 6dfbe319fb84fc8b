// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Two processes on one line: an owner and a monitor see the same call
 * go through the same states (the kernel keeps the call, each libtapi
 * follows it), also when the monitor may not open the channel's device
 * and follows it through netlink; an owner hands a call off to an
 * application in another process, by name and by media mode, and that
 * one answers it.
 *
 * The child process reports over a pipe; its exit status is its verdict.
 */
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#include "e2e_util.h"
#include "kselftest_harness.h"

#define MAX_STATES 16

static bool pipe_write(int fd, const void *buf, size_t len)
{
	return write(fd, buf, len) == (ssize_t)len;
}

static bool pipe_read(int fd, void *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;

	while (got < len) {
		ssize_t n;

		if (poll(&p, 1, E2E_TIMEOUT_MS * 2) != 1)
			return false;
		n = read(fd, (char *)buf + got, len - got);
		if (n <= 0)
			return false;
		got += n;
	}
	return true;
}

FIXTURE(line) {
	struct e2e_card card;
	unsigned int ch;
};

FIXTURE_SETUP(line)
{
	ASSERT_EQ(0, e2e_card_add(&self->card, 0, 1));
	self->ch = e2e_fxo(&self->card, 0);
}

FIXTURE_TEARDOWN(line)
{
	e2e_card_release(&self->card);
}

/*
 * Child: monitor the line; report every LINE_CALLSTATE of the call it is
 * shown, until IDLE, and the call's ID and caller ID.
 */
static int monitor_child(struct e2e_peer *p, unsigned int ch)
{
	union { LINECALLINFO ci; char buf[4096]; } u;
	DWORD states[MAX_STATES] = { 0 }, n = 0, call_id;
	struct e2e_app app;
	LINEMESSAGE m;
	HLINE line;
	HCALL call;
	long dev;
	char ok = 'R';

	if (e2e_app_init(&app, "watcher"))
		return 10;
	dev = e2e_device_of(&app, ch);
	if (dev < 0 || e2e_open(&app, dev, LINECALLPRIVILEGE_MONITOR, &line))
		return 11;
	if (!pipe_write(p->wr, &ok, 1))
		return 12;
	if (!e2e_wait_msg(&app, LINE_APPNEWCALL, line, &m, E2E_TIMEOUT_MS) ||
	    m.dwParam3 != LINECALLPRIVILEGE_MONITOR)
		return 13;
	call = m.dwParam2;
	do {
		if (!e2e_wait_msg(&app, LINE_CALLSTATE, call, &m,
				  E2E_TIMEOUT_MS))
			return 14;
		if (n < MAX_STATES)
			states[n++] = m.dwParam1;
		if (m.dwParam1 == LINECALLSTATE_CONNECTED) {
			memset(&u, 0, sizeof(u));
			u.ci.dwTotalSize = sizeof(u);
			if (lineGetCallInfo(call, &u.ci))
				return 15;
			call_id = u.ci.dwCallID;
			if (strcmp(u.buf + u.ci.dwCallerIDOffset, "5550001"))
				return 16;
			/* a monitor cannot drop the owner's call */
			if (lineDrop(call, NULL, 0) != LINEERR_NOTOWNER)
				return 17;
		}
	} while (m.dwParam1 != LINECALLSTATE_IDLE);
	if (!pipe_write(p->wr, &n, sizeof(n)) ||
	    !pipe_write(p->wr, states, sizeof(states)) ||
	    !pipe_write(p->wr, &call_id, sizeof(call_id)))
		return 18;
	lineShutdown(app.h);
	return 0;
}

TEST_F_TIMEOUT(line, owner_and_monitor_in_two_processes_see_the_same_states, 240)
{
	DWORD mine[MAX_STATES] = { 0 }, theirs[MAX_STATES], n = 0, tn;
	DWORD call_id, their_id;
	union { LINECALLINFO ci; char buf[4096]; } u;
	union { LINEDEVSTATUS s; char buf[4096]; } ds;
	struct e2e_app app;
	struct e2e_peer p;
	LINEMESSAGE m;
	HLINE line;
	HCALL call;
	long dev;
	LONG r;
	char c;

	e2e_peer_start(&p);
	if (p.pid == 0)
		_exit(monitor_child(&p, self->ch));
	ASSERT_EQ(0, e2e_app_init(&app, "answerer"));
	dev = e2e_device_of(&app, self->ch);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, e2e_open(&app, dev, LINECALLPRIVILEGE_OWNER, &line));
	ASSERT_TRUE(pipe_read(p.from_child, &c, 1));
	ASSERT_EQ('R', c);
	/* both openers are counted, across processes */
	memset(&ds, 0, sizeof(ds));
	ds.s.dwTotalSize = sizeof(ds);
	ASSERT_EQ(0, lineGetLineDevStatus(line, &ds.s));
	ASSERT_EQ(2, ds.s.dwNumOpens);
	ASSERT_EQ(2 * sizeof(LINEAPPINFO), ds.s.dwAppInfoSize);

	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_RING, self->ch, 0,
			     "5550001", "CAROL"));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_APPNEWCALL, line, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(LINECALLPRIVILEGE_OWNER, m.dwParam3);
	call = m.dwParam2;
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLSTATE, call, &m,
				 E2E_TIMEOUT_MS));
	mine[n++] = m.dwParam1;
	/* answer once the caller ID is in */
	do {
		ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLINFO, call, &m,
					 E2E_TIMEOUT_MS));
	} while (!(m.dwParam1 & LINECALLINFOSTATE_CALLERID));
	ASSERT_TRUE(e2e_wait_reply(&app, lineAnswer(call, NULL, 0), &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLSTATE, call, &m,
				 E2E_TIMEOUT_MS));
	mine[n++] = m.dwParam1;
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(call, &u.ci));
	call_id = u.ci.dwCallID;
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_HANGUP, self->ch, 0,
			     NULL, NULL));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLSTATE, call, &m,
				 E2E_TIMEOUT_MS));
	mine[n++] = m.dwParam1;
	ASSERT_TRUE(e2e_wait_reply(&app, lineDrop(call, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLSTATE, call, &m,
				 E2E_TIMEOUT_MS));
	mine[n++] = m.dwParam1;
	ASSERT_EQ(LINECALLSTATE_OFFERING, mine[0]);
	ASSERT_EQ(LINECALLSTATE_CONNECTED, mine[1]);
	ASSERT_EQ(LINECALLSTATE_DISCONNECTED, mine[2]);
	ASSERT_EQ(LINECALLSTATE_IDLE, mine[3]);

	ASSERT_TRUE(pipe_read(p.from_child, &tn, sizeof(tn)));
	ASSERT_TRUE(pipe_read(p.from_child, theirs, sizeof(theirs)));
	ASSERT_TRUE(pipe_read(p.from_child, &their_id, sizeof(their_id)));
	ASSERT_EQ(0, e2e_peer_wait(&p));
	ASSERT_EQ(n, tn);
	for (DWORD i = 0; i < n; i++)
		ASSERT_EQ(mine[i], theirs[i]);
	/* the same call, as the kernel numbers it */
	ASSERT_NE(0, call_id);
	ASSERT_EQ(call_id, their_id);
	lineShutdown(app.h);
}

/*
 * Child: open the line for owner (after the parent, so the parent owns
 * what is offered), say how many calls it was given before the handoff
 * (none), then take the handed-off call and answer it.
 */
static int taker_child(struct e2e_peer *p, unsigned int ch, DWORD media)
{
	struct e2e_app app;
	LINEMESSAGE m;
	HLINE line;
	HCALL call;
	DWORD early = 0;
	long dev;
	LONG r;
	char c = 'R';

	/* after the parent opened the line: it comes first */
	if (!pipe_read(p->rd, &c, 1) || c != 'G')
		return 9;
	if (e2e_app_init(&app, "taker"))
		return 10;
	dev = e2e_device_of(&app, ch);
	if (dev < 0 || lineOpen(app.h, dev, &line, 0x00020002, 0, 0,
				LINECALLPRIVILEGE_OWNER, media, NULL))
		return 11;
	c = 'R';
	if (!pipe_write(p->wr, &c, 1) || !pipe_read(p->rd, &c, 1) || c != 'Q')
		return 12;
	while (lineGetMessage(app.h, &m, 0) == 0) {
		e2e_print_msg(app.name, &m);
		early += m.dwMessageID == LINE_APPNEWCALL;
	}
	if (!pipe_write(p->wr, &early, sizeof(early)))
		return 13;
	if (!e2e_wait_msg(&app, LINE_APPNEWCALL, line, &m, E2E_TIMEOUT_MS) ||
	    m.dwParam3 != LINECALLPRIVILEGE_OWNER)
		return 14;
	call = m.dwParam2;
	if (!e2e_wait_msg(&app, LINE_CALLSTATE, call, &m, E2E_TIMEOUT_MS) ||
	    m.dwParam1 != LINECALLSTATE_OFFERING ||
	    m.dwParam3 != LINECALLPRIVILEGE_OWNER)
		return 15;
	if (!e2e_wait_reply(&app, lineAnswer(call, NULL, 0), &r) || r)
		return 16;
	if (!e2e_wait_state(&app, call, LINECALLSTATE_CONNECTED, NULL))
		return 17;
	if (!e2e_wait_state(&app, call, LINECALLSTATE_DISCONNECTED, NULL))
		return 18;
	if (!e2e_wait_reply(&app, lineDrop(call, NULL, 0), &r) || r ||
	    !e2e_wait_state(&app, call, LINECALLSTATE_IDLE, NULL))
		return 19;
	lineShutdown(app.h);
	return 0;
}

static void handoff(struct __test_metadata *_metadata,
		    FIXTURE_DATA(line) *self, bool by_media)
{
	DWORD child_media = by_media ? LINEMEDIAMODE_AUTOMATEDVOICE :
				       LINEMEDIAMODE_INTERACTIVEVOICE;
	struct e2e_app app;
	struct e2e_peer p;
	LINEMESSAGE m;
	HLINE line;
	HCALL call;
	DWORD early;
	long dev;
	char c;

	e2e_peer_start(&p);
	if (p.pid == 0)
		_exit(taker_child(&p, self->ch, child_media));
	ASSERT_EQ(0, e2e_app_init(&app, "giver"));
	dev = e2e_device_of(&app, self->ch);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, lineOpen(app.h, dev, &line, 0x00020002, 0, 0,
			      LINECALLPRIVILEGE_OWNER,
			      LINEMEDIAMODE_INTERACTIVEVOICE, NULL));
	c = 'G';
	ASSERT_TRUE(pipe_write(p.to_child, &c, 1));
	ASSERT_TRUE(pipe_read(p.from_child, &c, 1));

	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_RING, self->ch, 0,
			     "5550002", ""));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_APPNEWCALL, line, &m,
				 E2E_TIMEOUT_MS));
	call = m.dwParam2;
	ASSERT_TRUE(e2e_wait_state(&app, call, LINECALLSTATE_OFFERING, NULL));
	do {		/* seconds later: the child has seen the call too */
		ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLINFO, call, &m,
					 E2E_TIMEOUT_MS));
	} while (!(m.dwParam1 & LINECALLINFOSTATE_CALLERID));
	c = 'Q';
	ASSERT_TRUE(pipe_write(p.to_child, &c, 1));
	ASSERT_TRUE(pipe_read(p.from_child, &early, sizeof(early)));
	ASSERT_EQ(0, early);	/* one owner for an offered call */

	ASSERT_EQ(LINEERR_TARGETNOTFOUND, lineHandoff(call, "nobody", 0));
	if (by_media) {
		ASSERT_EQ(LINEERR_TARGETSELF,
			  lineHandoff(call, NULL,
				      LINEMEDIAMODE_INTERACTIVEVOICE));
		ASSERT_EQ(0, lineHandoff(call, NULL,
					 LINEMEDIAMODE_AUTOMATEDVOICE));
	} else {
		ASSERT_EQ(0, lineHandoff(call, "taker", 0));
	}
	/* the child answers: this handle sees it too */
	ASSERT_TRUE(e2e_wait_state(&app, call, LINECALLSTATE_CONNECTED, NULL));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_HANGUP, self->ch, 0,
			     NULL, NULL));
	ASSERT_TRUE(e2e_wait_state(&app, call, LINECALLSTATE_IDLE, NULL));
	ASSERT_EQ(0, e2e_peer_wait(&p));
	ASSERT_EQ(0, lineDeallocateCall(call));
	lineShutdown(app.h);
}

TEST_F_TIMEOUT(line, handoff_by_name_to_another_process, 240)
{
	handoff(_metadata, self, false);
}

TEST_F_TIMEOUT(line, handoff_by_media_mode_to_another_process, 240)
{
	handoff(_metadata, self, true);
}

/* Drop the capabilities that let root open any file. */
static bool drop_dac_override(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];
	const uint32_t dac = 1u << CAP_DAC_OVERRIDE |
			     1u << CAP_DAC_READ_SEARCH;

	if (syscall(SYS_capget, &h, d))
		return false;
	d[0].effective &= ~dac;
	d[0].permitted &= ~dac;
	d[0].inheritable &= ~dac;
	return !syscall(SYS_capset, &h, d);
}

/*
 * Child: without access to the channel's device, open the line as a
 * monitor (an owner is refused) and follow the call through netlink.
 */
static int netlink_child(struct e2e_peer *p, const char *chan_name)
{
	union { LINECALLINFO ci; char buf[4096]; } u;
	DWORD states[MAX_STATES] = { 0 }, n = 0;
	struct e2e_app app;
	LINEMESSAGE m;
	HLINE line;
	HCALL call;
	long dev;
	char c;

	if (!drop_dac_override())
		return 20;
	if (e2e_app_init(&app, "nlwatch"))
		return 21;
	dev = e2e_device_named(&app, chan_name);
	if (dev < 0)
		return 22;
	if (e2e_open(&app, dev, LINECALLPRIVILEGE_OWNER, &line) !=
	    LINEERR_RESOURCEUNAVAIL)
		return 23;
	if (e2e_open(&app, dev, LINECALLPRIVILEGE_MONITOR, &line))
		return 24;
	c = 'R';
	if (!pipe_write(p->wr, &c, 1))
		return 25;
	if (!e2e_wait_msg(&app, LINE_APPNEWCALL, line, &m, E2E_TIMEOUT_MS))
		return 26;
	call = m.dwParam2;
	do {
		if (!e2e_wait_msg(&app, LINE_CALLSTATE, call, &m,
				  E2E_TIMEOUT_MS))
			return 27;
		if (n < MAX_STATES)
			states[n++] = m.dwParam1;
	} while (m.dwParam1 != LINECALLSTATE_IDLE);
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	if (lineGetCallInfo(call, &u.ci) || !u.ci.dwCallerIDSize ||
	    strcmp(u.buf + u.ci.dwCallerIDOffset, "5550004"))
		return 28;
	if (!pipe_write(p->wr, &n, sizeof(n)) ||
	    !pipe_write(p->wr, states, sizeof(states)))
		return 29;
	lineShutdown(app.h);
	return 0;
}

TEST_F_TIMEOUT(line, monitor_without_device_access_follows_netlink, 240)
{
	DWORD theirs[MAX_STATES], tn;
	char name[TAPI_NAME_LEN], node[64];
	struct e2e_app app;
	struct e2e_peer p;
	LINEMESSAGE m;
	HLINE line;
	HCALL call;
	long dev;
	LONG r;
	char c;

	ASSERT_TRUE(e2e_channel_name(self->ch, name, sizeof(name)));
	snprintf(node, sizeof(node), "/dev/tapi/%u", self->ch);
	ASSERT_EQ(0, chmod(node, 0));	/* only root's override opens it */
	e2e_peer_start(&p);
	if (p.pid == 0)
		_exit(netlink_child(&p, name));
	ASSERT_EQ(0, e2e_app_init(&app, "owner"));
	dev = e2e_device_of(&app, self->ch);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, e2e_open(&app, dev, LINECALLPRIVILEGE_OWNER, &line));
	if (!pipe_read(p.from_child, &c, 1)) {
		TH_LOG("the child gave up with status %d", e2e_peer_wait(&p));
		ASSERT_TRUE(false);
	}
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_RING, self->ch, 0,
			     "5550004", "DAVE"));
	ASSERT_TRUE(e2e_wait_msg(&app, LINE_APPNEWCALL, line, &m,
				 E2E_TIMEOUT_MS));
	call = m.dwParam2;
	do {
		ASSERT_TRUE(e2e_wait_msg(&app, LINE_CALLINFO, call, &m,
					 E2E_TIMEOUT_MS));
	} while (!(m.dwParam1 & LINECALLINFOSTATE_CALLERID));
	ASSERT_TRUE(e2e_wait_reply(&app, lineAnswer(call, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&app, call, LINECALLSTATE_CONNECTED, NULL));
	ASSERT_EQ(0, e2e_sim(&self->card, TAPI_SIM_IOC_CO_HANGUP, self->ch, 0,
			     NULL, NULL));
	ASSERT_TRUE(e2e_wait_state(&app, call, LINECALLSTATE_DISCONNECTED,
				   NULL));
	ASSERT_TRUE(e2e_wait_reply(&app, lineDrop(call, NULL, 0), &r));
	ASSERT_TRUE(e2e_wait_state(&app, call, LINECALLSTATE_IDLE, NULL));
	ASSERT_TRUE(pipe_read(p.from_child, &tn, sizeof(tn)));
	ASSERT_TRUE(pipe_read(p.from_child, theirs, sizeof(theirs)));
	ASSERT_EQ(0, e2e_peer_wait(&p));
	ASSERT_EQ(0, chmod(node, 0600));
	ASSERT_EQ(4, tn);
	ASSERT_EQ(LINECALLSTATE_OFFERING, theirs[0]);
	ASSERT_EQ(LINECALLSTATE_CONNECTED, theirs[1]);
	ASSERT_EQ(LINECALLSTATE_DISCONNECTED, theirs[2]);
	ASSERT_EQ(LINECALLSTATE_IDLE, theirs[3]);
	lineShutdown(app.h);
}

TEST_HARNESS_MAIN
