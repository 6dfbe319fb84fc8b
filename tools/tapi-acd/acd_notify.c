// SPDX-License-Identifier: GPL-2.0
/*
 * acd_notify.c - the core's changes told to every application that has
 * one of the ACD's lines open, with lineProxyMessage: LINE_AGENTSTATUSEX,
 * LINE_QUEUESTATUS, LINE_AGENTSESSIONSTATUS and LINE_GROUPSTATUS on every
 * line (a supervisor may watch any of them), and the TAPI 2.0
 * LINE_AGENTSTATUS on the agent's own station.
 */
#include "tapi_acd.h"

static void to_all(struct acd_daemon *d, DWORD msg, DWORD p1, DWORD p2,
		   DWORD p3)
{
	for (unsigned int i = 0; i < d->num_lines; i++) {
		LONG err = lineProxyMessage(d->lines[i].hline, 0, msg, p1, p2,
					    p3);

		if (err)
			acd_log(d, 0, "%s: lineProxyMessage %u: 0x%08x",
				d->lines[i].name, (unsigned int)msg,
				(unsigned int)err);
	}
}

static void agent_changed(struct acd_daemon *d, const struct acd_action *a)
{
	bool state = a->flags & LINEAGENTSTATUSEX_STATE;
	struct acd_line *st = acd_line_of_agent(d, a->agent);

	to_all(d, LINE_AGENTSTATUSEX, a->agent + 1, a->flags,
	       state ? a->state : 0);
	if (!state || !st)
		return;
	lineProxyMessage(st->hline, 0, LINE_AGENTSTATUS, 0,
			 LINEAGENTSTATUS_STATE | LINEAGENTSTATUS_NEXTSTATE,
			 a->state20);
}

/**
 * acd_notify_action() - tell the applications about a change
 * @d: the daemon
 * @a: ACD_AGENT, ACD_QUEUE or ACD_SESSION
 */
void acd_notify_action(struct acd_daemon *d, const struct acd_action *a)
{
	LINEAGENTSESSIONINFO si;
	uint64_t start;
	DWORD state = 0;

	switch (a->kind) {
	case ACD_AGENT:
		agent_changed(d, a);
		break;
	case ACD_QUEUE:
		to_all(d, LINE_QUEUESTATUS, d->cfg.queues[a->queue].id,
		       a->flags, 0);
		break;
	case ACD_SESSION:
		if (a->flags & LINEAGENTSESSIONSTATUS_STATE &&
		    !acd_session_info(d->core, a->session, &si, &start,
				      acd_now(d)))
			state = si.dwAgentSessionState;
		to_all(d, LINE_AGENTSESSIONSTATUS, a->session, a->flags, state);
		break;
	default:
		break;
	}
}

/* The groups exist: LINE_GROUPSTATUS once the lines are open. */
void acd_notify_groups(struct acd_daemon *d)
{
	if (d->cfg.num_groups)
		to_all(d, LINE_GROUPSTATUS, LINEGROUPSTATUS_NEWGROUP, 0, 0);
}
