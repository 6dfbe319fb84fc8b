// SPDX-License-Identifier: GPL-2.0
/*
 * acd_session.c - TAPI 2.2 agent sessions: an agent working for one of
 * its groups.  A session's state follows its agent's (READY, NOTREADY,
 * BUSYONCALL, BUSYWRAPUP) until it ends; its figures count the calls of
 * its group's queues since it began.
 */
#include <stdlib.h>
#include <string.h>

#include "acd_core_priv.h"

static struct acd_session *find(const struct acd_core *core,
				HAGENTSESSION h)
{
	if (!h || h > core->num_sessions)
		return NULL;
	return &core->sessions[h - 1];	/* handles are index + 1 */
}

static DWORD session_state(const struct acd_core *core,
			   const struct acd_session *s, DWORD *next)
{
	const struct acd_agent *a = &core->agents[s->agent];

	*next = a->next_state == LINEAGENTSTATEEX_NOTREADY ?
		LINEAGENTSESSIONSTATE_NOTREADY : LINEAGENTSESSIONSTATE_READY;
	if (s->ended) {
		*next = LINEAGENTSESSIONSTATE_ENDED;
		return LINEAGENTSESSIONSTATE_ENDED;
	}
	switch (a->state) {
	case ACD_AGENT_READY:
		return LINEAGENTSESSIONSTATE_READY;
	case ACD_AGENT_RINGING:
	case ACD_AGENT_TALKING:
		return LINEAGENTSESSIONSTATE_BUSYONCALL;
	case ACD_AGENT_WRAPUP:
		return LINEAGENTSESSIONSTATE_BUSYWRAPUP;
	default:
		return LINEAGENTSESSIONSTATE_NOTREADY;
	}
}

void acd_sessions_agent_changed(struct acd_core *core, int agent)
{
	for (unsigned int i = 0; i < core->num_sessions; i++) {
		const struct acd_session *s = &core->sessions[i];

		if (s->agent == agent && !s->ended)
			acd_emit(core, ACD_SESSION, 0, agent, -1, s->handle,
				 LINEAGENTSESSIONSTATUS_STATE);
	}
}

static void end_session(struct acd_core *core, struct acd_session *s,
			uint64_t now)
{
	s->ended = true;
	s->end = now;
	acd_emit(core, ACD_SESSION, 0, s->agent, -1, s->handle,
		 LINEAGENTSESSIONSTATUS_STATE);
}

void acd_sessions_end_all(struct acd_core *core, int agent, uint64_t now)
{
	for (unsigned int i = 0; i < core->num_sessions; i++) {
		struct acd_session *s = &core->sessions[i];

		if (s->agent == agent && !s->ended)
			end_session(core, s, now);
	}
}

/* The open sessions that count a call of @group taken by @agent. */
#define for_each_counting(core, s, agent, group)			\
	for (s = (core)->sessions;					\
	     s < (core)->sessions + (core)->num_sessions; s++)		\
		if (s->agent == (agent) && s->group == (group) && !s->ended)

void acd_sessions_count_answer(struct acd_core *core, int agent, int group,
			       uint64_t ring_ms)
{
	struct acd_session *s;

	for_each_counting(core, s, agent, group) {
		s->calls++;
		s->answer_total += ring_ms;
		if (ring_ms > s->answer_longest)
			s->answer_longest = ring_ms;
		acd_emit(core, ACD_SESSION, 0, agent, -1, s->handle,
			 LINEAGENTSESSIONSTATUS_UPDATEINFO);
	}
}

void acd_sessions_count_end(struct acd_core *core, int agent, int group,
			    uint64_t talk_ms, uint64_t call_ms)
{
	struct acd_session *s;

	for_each_counting(core, s, agent, group) {
		s->talk += talk_ms;
		s->call += call_ms;
	}
}

void acd_sessions_count_wrapup(struct acd_core *core, int agent, int group,
			       uint64_t wrapup_ms)
{
	struct acd_session *s;

	for_each_counting(core, s, agent, group) {
		s->wrapup += wrapup_ms;
		acd_emit(core, ACD_SESSION, 0, agent, -1, s->handle,
			 LINEAGENTSESSIONSTATUS_UPDATEINFO);
	}
}

/**
 * acd_session_create() - lineCreateAgentSession
 * @core: the ACD
 * @agent: a logged-in agent's index
 * @pin: the agent's PIN ("" or NULL if it has none)
 * @group: group index; the agent must belong to it
 * @session: out: the HAGENTSESSION
 * @now: the time
 *
 * Return: 0, LINEERR_INVALPASSWORD, LINEERR_INVALAGENTGROUP,
 * LINEERR_NOMEM.
 */
LONG acd_session_create(struct acd_core *core, int agent, const char *pin,
			int group, HAGENTSESSION *session, uint64_t now)
{
	struct acd_session *s;

	acd_core_advance(core, now);
	if (strcmp(core->cfg->agents[agent].pin, pin ? pin : ""))
		return LINEERR_INVALPASSWORD;
	if (group < 0 || !(core->agents[agent].groups & 1u << group))
		return LINEERR_INVALAGENTGROUP;
	if (core->num_sessions == core->sessions_cap) {
		unsigned int cap = core->sessions_cap ?
				   2 * core->sessions_cap : 16;
		void *p = realloc(core->sessions, cap * sizeof(*s));

		if (!p)
			return LINEERR_NOMEM;
		core->sessions = p;
		core->sessions_cap = cap;
	}
	s = &core->sessions[core->num_sessions++];
	memset(s, 0, sizeof(*s));
	s->handle = core->num_sessions;
	s->agent = agent;
	s->group = group;
	s->start = now;
	*session = s->handle;
	acd_emit(core, ACD_SESSION, 0, agent, -1, s->handle,
		 LINEAGENTSESSIONSTATUS_NEWSESSION);
	return 0;
}

/**
 * acd_session_set_state() - lineSetAgentSessionState
 * @core: the ACD
 * @session: the handle
 * @state: LINEAGENTSESSIONSTATE_READY or _NOTREADY (the agent's state),
 *	_ENDED, or 0 (unchanged)
 * @next: _READY, _NOTREADY (the agent's next state) or 0
 * @now: the time
 *
 * Return: 0, LINEERR_INVALAGENTSESSIONSTATE (also for an ended session;
 * ending one is refused while the agent is on a call of its group),
 * LINEERR_INVALPARAM for an unknown handle.
 */
LONG acd_session_set_state(struct acd_core *core, HAGENTSESSION session,
			   DWORD state, DWORD next, uint64_t now)
{
	struct acd_session *s = find(core, session);
	DWORD ex = 0, next_ex = 0;

	acd_core_advance(core, now);
	if (!s)
		return LINEERR_INVALPARAM;
	if (s->ended)
		return LINEERR_INVALAGENTSESSIONSTATE;
	if (state == LINEAGENTSESSIONSTATE_READY)
		ex = LINEAGENTSTATEEX_READY;
	else if (state == LINEAGENTSESSIONSTATE_NOTREADY)
		ex = LINEAGENTSTATEEX_NOTREADY;
	else if (state && state != LINEAGENTSESSIONSTATE_ENDED)
		return LINEERR_INVALAGENTSESSIONSTATE;
	if (next == LINEAGENTSESSIONSTATE_READY)
		next_ex = LINEAGENTSTATEEX_READY;
	else if (next == LINEAGENTSESSIONSTATE_NOTREADY)
		next_ex = LINEAGENTSTATEEX_NOTREADY;
	else if (next)
		return LINEERR_INVALAGENTSESSIONSTATE;
	if (state == LINEAGENTSESSIONSTATE_ENDED) {
		enum acd_agent_state as = core->agents[s->agent].state;

		if ((as == ACD_AGENT_RINGING || as == ACD_AGENT_TALKING) &&
		    core->agents[s->agent].call_group == s->group)
			return LINEERR_INVALAGENTSESSIONSTATE;
		end_session(core, s, now);
		return 0;
	}
	return acd_agent_set_state_ex(core, s->agent, ex, next_ex, now);
}

unsigned int acd_session_list(const struct acd_core *core, int agent,
			      HAGENTSESSION *out, unsigned int max)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < core->num_sessions; i++) {
		if (agent >= 0 && core->sessions[i].agent != agent)
			continue;
		if (n < max)
			out[n] = core->sessions[i].handle;
		n++;
	}
	return n;
}

LONG acd_session_get(const struct acd_core *core, HAGENTSESSION session,
		     int *agent, int *group)
{
	const struct acd_session *s = find(core, session);

	if (!s)
		return LINEERR_INVALPARAM;
	*agent = s->agent;
	*group = s->group;
	return 0;
}

static DWORD avg_s(uint64_t total_ms, uint32_t n)
{
	return n ? total_ms / n / 1000 : 0;
}

/**
 * acd_session_info() - the figures of LINEAGENTSESSIONINFO
 * @core: the ACD
 * @session: the handle
 * @info: out: the fields after dwUsedSize but dateSessionStartTime
 * @start_ms: out: the core time the session began (for the DATE)
 * @now: the time
 *
 * Return: 0, LINEERR_INVALPARAM for an unknown handle.
 */
LONG acd_session_info(struct acd_core *core, HAGENTSESSION session,
		      LINEAGENTSESSIONINFO *info, uint64_t *start_ms,
		      uint64_t now)
{
	struct acd_session *s;
	uint64_t duration;

	acd_core_advance(core, now);
	s = find(core, session);
	if (!s)
		return LINEERR_INVALPARAM;
	duration = (s->ended ? s->end : now) - s->start;
	info->dwAgentSessionState =
		session_state(core, s, &info->dwNextAgentSessionState);
	*start_ms = s->start;
	info->dwSessionDuration = duration / 1000;
	info->dwNumberOfCalls = s->calls;
	info->dwTotalTalkTime = s->talk / 1000;
	info->dwAverageTalkTime = avg_s(s->talk, s->calls);
	info->dwTotalCallTime = s->call / 1000;
	info->dwAverageCallTime = avg_s(s->call, s->calls);
	info->dwTotalWrapUpTime = s->wrapup / 1000;
	info->dwAverageWrapUpTime = avg_s(s->wrapup, s->calls);
	info->cyACDCallRate = acd_rate_per_hour(s->calls, duration);
	info->dwLongestTimeToAnswer = s->answer_longest / 1000;
	info->dwAverageTimeToAnswer = avg_s(s->answer_total, s->calls);
	return 0;
}
