// SPDX-License-Identifier: GPL-2.0
/*
 * acd_calls.c - calls on the trunks and stations, and the core's actions.
 *
 * A trunk's offered call is answered at once; once CONNECTED it is a
 * caller in the trunk's queue.  The core picks an agent and tapi-acd
 * rings the agent's station with lineMakeCall (on an FXS line that rings
 * the phone); the station's CONNECTED is the agent's answer, and the two
 * channels are joined in the kernel with TAPI_IOC_BRIDGE.  A hang-up on
 * either side ends the call: the other side is dropped, the bridge
 * undone, and the agent goes to wrap-up.  A call that the station does
 * not get (lineMakeCall fails: the phone is off-hook, say) counts as no
 * answer.  Calls tapi-acd did not make on a station (the agent lifting
 * the handset to dial) are left alone.  A call that rang a trunk before
 * tapi-acd opened it gets no LINE_APPNEWCALL: it is taken over as if it
 * had just been offered (acd_calls_adopt()).
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/tapi.h>

#include "tapi_acd.h"

#define ANNOUNCE_BEEP_MS	300

static void unbridge(struct acd_daemon *d, struct acd_line *l)
{
	struct acd_line *p = l->partner;

	if (!p)
		return;
	if (ioctl(l->chan_fd, TAPI_IOC_UNBRIDGE) && errno != ENOTTY)
		acd_log(d, 0, "%s: TAPI_IOC_UNBRIDGE: %s", l->name,
			strerror(errno));
	l->partner = p->partner = NULL;
}

static void bridge(struct acd_daemon *d, struct acd_line *trunk,
		   struct acd_line *st)
{
	struct tapi_bridge b = { .fd = st->chan_fd, .flags = 0 };

	if (ioctl(trunk->chan_fd, TAPI_IOC_BRIDGE, &b)) {
		/* signalling still works; the parties just do not hear */
		acd_log(d, 0, "%s <-> %s: TAPI_IOC_BRIDGE: %s", trunk->name,
			st->name, strerror(errno));
		return;
	}
	trunk->partner = st;
	st->partner = trunk;
	acd_log(d, 1, "%s <-> %s: bridged", trunk->name, st->name);
}

static void drop(struct acd_line *l)
{
	if (l->call)
		lineDrop(l->call, NULL, 0);
}

/* The trunk's or station's call went away: tell the core once. */
static void party_gone(struct acd_daemon *d, struct acd_line *l)
{
	uint32_t c = l->acd_call;

	unbridge(d, l);
	if (!c)
		return;
	l->acd_call = 0;
	if (l->queue >= 0) {
		acd_log(d, 2, "%s: caller of call %u hung up", l->name, c);
		acd_call_caller_hangup(d->core, c, acd_now(d));
	} else {
		acd_log(d, 2, "%s: agent station left call %u", l->name, c);
		acd_call_agent_hangup(d->core, c, acd_now(d));
	}
}

static void call_state(struct acd_daemon *d, struct acd_line *l, DWORD state)
{
	switch (state) {
	case LINECALLSTATE_OFFERING:
		if (l->queue >= 0)
			lineAnswer(l->call, NULL, 0);
		break;
	case LINECALLSTATE_CONNECTED:
		if (l->queue >= 0 && !l->acd_call) {
			l->acd_call = acd_call_arrive(d->core, l->queue,
						      acd_now(d));
			acd_log(d, 2, "%s: call %u queued in %s", l->name,
				l->acd_call, d->cfg.queues[l->queue].name);
		} else if (l->agent >= 0 && l->acd_call) {
			acd_call_agent_answer(d->core, l->acd_call,
					      acd_now(d));
		}
		break;
	case LINECALLSTATE_DISCONNECTED:
		party_gone(d, l);
		drop(l);
		break;
	case LINECALLSTATE_IDLE:
		party_gone(d, l);
		lineDeallocateCall(l->call);
		l->call = 0;
		break;
	default:
		break;
	}
}

/**
 * acd_calls_message() - a line or call message for the ACD's calls
 * @d: the daemon
 * @m: LINE_APPNEWCALL, LINE_CALLSTATE or LINE_REPLY; others are ignored
 */
void acd_calls_message(struct acd_daemon *d, const LINEMESSAGE *m)
{
	struct acd_line *l;

	switch (m->dwMessageID) {
	case LINE_APPNEWCALL:
		l = acd_line_by_hline(d, m->hDevice);
		if (!l)
			break;
		if (l->call)	/* one call per line: not ours to keep */
			lineDeallocateCall(m->dwParam2);
		else
			l->call = m->dwParam2;
		break;
	case LINE_CALLSTATE:
		l = acd_line_by_call(d, m->hDevice);
		if (l)
			call_state(d, l, m->dwParam1);
		break;
	case LINE_REPLY:
		for (unsigned int i = 0; i < d->num_lines; i++) {
			l = &d->lines[i];
			if (l->makecall_req != (LONG)m->dwParam1)
				continue;
			l->makecall_req = 0;
			if ((LONG)m->dwParam2 && l->acd_call) {
				acd_log(d, 0, "%s: cannot ring: 0x%08x",
					l->name, (unsigned int)m->dwParam2);
				party_gone(d, l);
			}
		}
		break;
	default:
		break;
	}
}

/**
 * acd_calls_adopt() - take a call already on a trunk when it was opened
 * @d: the daemon
 * @l: a trunk, just opened
 *
 * libtapi makes the channel's call of the moment the line's call at
 * lineOpen, reachable only through lineGetNewCalls (a monitor handle):
 * without this, a caller who rang while the daemon started would ring
 * unanswered until hanging up.
 */
void acd_calls_adopt(struct acd_daemon *d, struct acd_line *l)
{
	struct {
		LINECALLLIST list;
		HCALL calls[4];
	} cl;
	LINECALLSTATUS st;
	HCALL h;

	if (l->queue < 0 || l->call)
		return;
	memset(&cl, 0, sizeof(cl));
	cl.list.dwTotalSize = sizeof(cl);
	if (lineGetNewCalls(l->hline, 0, LINECALLSELECT_LINE, &cl.list) ||
	    !cl.list.dwCallsNumEntries)
		return;
	memcpy(&h, (char *)&cl + cl.list.dwCallsOffset, sizeof(h));
	for (DWORD i = 1; i < cl.list.dwCallsNumEntries; i++) {
		HCALL other;

		memcpy(&other, (char *)&cl + cl.list.dwCallsOffset +
		       i * sizeof(HCALL), sizeof(other));
		lineDeallocateCall(other);
	}
	memset(&st, 0, sizeof(st));
	st.dwTotalSize = sizeof(st);
	if (lineSetCallPrivilege(h, LINECALLPRIVILEGE_OWNER) ||
	    lineGetCallStatus(h, &st)) {
		lineDeallocateCall(h);
		return;
	}
	l->call = h;
	acd_log(d, 2, "%s: a call was already there (state 0x%x)", l->name,
		(unsigned int)st.dwCallState);
	call_state(d, l, st.dwCallState);
}

static void offer(struct acd_daemon *d, const struct acd_action *a)
{
	struct acd_line *st = acd_line_of_agent(d, a->agent);
	LONG r = LINEERR_CALLUNAVAIL;
	HCALL h = 0;

	if (!st->call)
		r = lineMakeCall(st->hline, &h, NULL, 0, NULL);
	if (r < 0) {
		acd_log(d, 0, "%s: cannot ring for call %u: 0x%08x", st->name,
			a->call, (unsigned int)r);
		acd_call_agent_hangup(d->core, a->call, acd_now(d));
		return;
	}
	st->call = h;
	st->acd_call = a->call;
	st->makecall_req = r;
	acd_log(d, 2, "%s: ringing agent %s for call %u", st->name,
		d->cfg.agents[a->agent].id, a->call);
}

static void unoffer(struct acd_daemon *d, const struct acd_action *a)
{
	struct acd_line *st = acd_line_of_agent(d, a->agent);

	if (st->acd_call != a->call)
		return;
	st->acd_call = 0;
	drop(st);
	acd_log(d, 2, "%s: no longer ringing for call %u", st->name, a->call);
}

/**
 * acd_calls_action() - carry out one of the core's line actions
 * @d: the daemon
 * @a: ACD_OFFER, _UNOFFER, _CONNECT, _RELEASE or _ANNOUNCE
 */
void acd_calls_action(struct acd_daemon *d, const struct acd_action *a)
{
	struct acd_line *trunk = acd_line_of_acd_call(d, a->call, true);
	struct acd_line *st;

	switch (a->kind) {
	case ACD_OFFER:
		offer(d, a);
		break;
	case ACD_UNOFFER:
		unoffer(d, a);
		break;
	case ACD_CONNECT:
		st = acd_line_of_agent(d, a->agent);
		if (trunk && st->acd_call == a->call)
			bridge(d, trunk, st);
		break;
	case ACD_RELEASE:
		st = acd_line_of_agent(d, a->agent);
		if (trunk) {
			unbridge(d, trunk);
			trunk->acd_call = 0;
			drop(trunk);
		}
		if (st->acd_call == a->call) {
			unbridge(d, st);
			st->acd_call = 0;
			drop(st);
		}
		break;
	case ACD_ANNOUNCE:
		if (trunk && trunk->call) {
			LONG r = lineGenerateTone(trunk->call,
						  LINETONEMODE_BEEP,
						  ANNOUNCE_BEEP_MS, 0, NULL);

			acd_log(d, r ? 0 : 2, "%s: announcement beep: 0x%08x",
				trunk->name, (unsigned int)r);
		}
		break;
	default:
		break;
	}
}
