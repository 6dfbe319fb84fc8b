// SPDX-License-Identifier: GPL-2.0
/*
 * acd_core.c - the ACD's agents, calls, distribution and timers (the
 * rules are in acd_core.h).
 *
 * Every entry point first runs the timers due by its time, so that what
 * was due earlier happens first; timers run in deadline order, each at
 * its own deadline (wrap-up ends before ring-no-answer before
 * announcements at the same instant), so the result does not depend on
 * how late the caller looks at the clock.
 */
#include <stdlib.h>
#include <string.h>

#include "acd_core_priv.h"

void acd_emit(struct acd_core *core, enum acd_action_kind kind,
	      uint32_t call, int agent, int queue, uint32_t session,
	      DWORD flags)
{
	struct acd_action *a;

	if (core->actions_head + core->actions_len == core->actions_cap) {
		if (core->actions_head) {
			memmove(core->actions,
				core->actions + core->actions_head,
				core->actions_len * sizeof(*a));
			core->actions_head = 0;
		}
		if (core->actions_len == core->actions_cap) {
			unsigned int cap = core->actions_cap ?
					   2 * core->actions_cap : 32;
			void *p = realloc(core->actions, cap * sizeof(*a));

			if (!p)
				abort();	/* a few bytes: nothing to save */
			core->actions = p;
			core->actions_cap = cap;
		}
	}
	a = &core->actions[core->actions_head + core->actions_len++];
	*a = (struct acd_action){ .kind = kind, .call = call, .agent = agent,
				  .queue = queue, .session = session,
				  .flags = flags };
	if (kind == ACD_AGENT) {
		DWORD next;

		/* the state then: later steps may change it before it is sent */
		acd_agent_status_ex(core, agent, &a->state, &next);
		acd_agent_status(core, agent, &a->state20, &next);
	}
}

/**
 * acd_core_next_action() - take the oldest action
 * @core: the ACD
 * @act: out: the action
 *
 * Return: false when there is none.
 */
bool acd_core_next_action(struct acd_core *core, struct acd_action *act)
{
	if (!core->actions_len)
		return false;
	*act = core->actions[core->actions_head++];
	if (!--core->actions_len)
		core->actions_head = 0;
	return true;
}

/**
 * acd_core_new() - an ACD with every agent logged off and no calls
 * @cfg: the configuration; must outlive the core
 * @now: the time; the measurement periods start here
 *
 * Return: the core, NULL when out of memory.
 */
struct acd_core *acd_core_new(const struct acd_config *cfg, uint64_t now)
{
	struct acd_core *core = calloc(1, sizeof(*core));

	if (!core)
		return NULL;
	core->cfg = cfg;
	core->calls_tail = &core->calls;
	core->next_call_id = 1;
	for (unsigned int i = 0; i < cfg->num_agents; i++) {
		struct acd_agent *a = &core->agents[i];

		a->state = ACD_AGENT_LOGGEDOFF;
		a->next_state = LINEAGENTSTATEEX_READY;
		a->groups = cfg->agents[i].groups;
		a->call_group = -1;
		a->period = (struct acd_period){ cfg->period_s, now };
	}
	for (unsigned int q = 0; q < cfg->num_queues; q++)
		core->queue_period[q] = (struct acd_period){ cfg->period_s, now };
	return core;
}

void acd_core_free(struct acd_core *core)
{
	struct acd_call *c, *n;

	if (!core)
		return;
	for (c = core->calls; c; c = n) {
		n = c->next;
		free(c);
	}
	free(core->sessions);
	free(core->actions);
	free(core);
}

const struct acd_config *acd_core_config(const struct acd_core *core)
{
	return core->cfg;
}

static struct acd_call *find_call(const struct acd_core *core, uint32_t id)
{
	struct acd_call *c;

	for (c = core->calls; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
}

static void remove_call(struct acd_core *core, struct acd_call *call)
{
	struct acd_call **pp;

	for (pp = &core->calls; *pp; pp = &(*pp)->next) {
		if (*pp != call)
			continue;
		*pp = call->next;
		if (core->calls_tail == &call->next)
			core->calls_tail = pp;
		free(call);
		return;
	}
}

static void set_state(struct acd_core *core, int agent,
		      enum acd_agent_state state, uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];
	bool ringing_to_talking = a->state == ACD_AGENT_RINGING &&
				  state == ACD_AGENT_TALKING;

	if (a->state == state)
		return;
	if (state == ACD_AGENT_READY)
		a->ready_since = now;
	a->state = state;
	/* answering changes nothing TAPI shows: both are BUSYACD */
	if (ringing_to_talking)
		return;
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0, LINEAGENTSTATUSEX_STATE);
	acd_sessions_agent_changed(core, agent);
}

static int queue_group(const struct acd_core *core, int queue)
{
	return core->cfg->queues[queue].group;
}

/* The ready agent of @group idle the longest, or -1. */
static int longest_idle(const struct acd_core *core, int group)
{
	int best = -1;

	for (unsigned int i = 0; i < core->cfg->num_agents; i++) {
		const struct acd_agent *a = &core->agents[i];

		if (a->state != ACD_AGENT_READY || !(a->groups & 1u << group))
			continue;
		if (best < 0 || a->ready_since < core->agents[best].ready_since)
			best = i;
	}
	return best;
}

/* Offer every waiting call that has a ready agent, oldest call first. */
static void distribute(struct acd_core *core, uint64_t now)
{
	struct acd_call *c;

	for (c = core->calls; c; c = c->next) {
		int agent;

		if (c->state != ACD_CALL_WAITING)
			continue;
		agent = longest_idle(core, queue_group(core, c->queue));
		if (agent < 0)
			continue;
		c->state = ACD_CALL_RINGING;
		c->agent = agent;
		c->offered = now;
		core->agents[agent].call = c->id;
		core->agents[agent].call_group = queue_group(core, c->queue);
		set_state(core, agent, ACD_AGENT_RINGING, now);
		acd_emit(core, ACD_OFFER, c->id, agent, c->queue, 0, 0);
	}
}

/* The agent's wrap-up is over at @at: its next state follows. */
static void end_wrapup(struct acd_core *core, int agent, DWORD state,
		       uint64_t at)
{
	struct acd_agent *a = &core->agents[agent];
	uint64_t ms = at - a->wrapup_start;

	acd_agent_fig(core, agent, at)->wrapup += ms;
	acd_sessions_count_wrapup(core, agent, a->call_group, ms);
	a->call = 0;
	set_state(core, agent, state == LINEAGENTSTATEEX_NOTREADY ?
		  ACD_AGENT_NOTREADY : ACD_AGENT_READY, at);
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
		 LINEAGENTSTATUSEX_UPDATEINFO);
}

/* The station did not answer (in time): agent not ready, call requeued. */
static void no_answer(struct acd_core *core, struct acd_call *c, uint64_t at)
{
	int agent = c->agent;

	acd_emit(core, ACD_UNOFFER, c->id, agent, c->queue, 0, 0);
	c->state = ACD_CALL_WAITING;
	c->agent = -1;
	core->agents[agent].call = 0;
	set_state(core, agent, ACD_AGENT_NOTREADY, at);
	distribute(core, at);
}

static uint64_t rna_deadline(const struct acd_core *core,
			     const struct acd_call *c)
{
	uint32_t rna = core->cfg->queues[c->queue].rna_s;

	if (c->state != ACD_CALL_RINGING || !rna)
		return ACD_NEVER;
	return c->offered + (uint64_t)rna * 1000;
}

static uint64_t announce_deadline(const struct acd_call *c)
{
	return c->state == ACD_CALL_TALKING ? ACD_NEVER : c->next_announce;
}

/* The earliest timer, and what it is. */
static uint64_t earliest(const struct acd_core *core, int *agent,
			 struct acd_call **rna, struct acd_call **announce)
{
	uint64_t t = ACD_NEVER;
	struct acd_call *c;

	*agent = -1;
	*rna = *announce = NULL;
	for (unsigned int i = 0; i < core->cfg->num_agents; i++) {
		const struct acd_agent *a = &core->agents[i];

		if (a->state == ACD_AGENT_WRAPUP && a->wrapup_end < t) {
			t = a->wrapup_end;
			*agent = i;
		}
	}
	for (c = core->calls; c; c = c->next) {
		if (rna_deadline(core, c) < t) {
			t = rna_deadline(core, c);
			*agent = -1;
			*rna = c;
		}
	}
	for (c = core->calls; c; c = c->next) {
		if (announce_deadline(c) < t) {
			t = announce_deadline(c);
			*agent = -1;
			*rna = NULL;
			*announce = c;
		}
	}
	return t;
}

uint64_t acd_core_next_timer(const struct acd_core *core)
{
	struct acd_call *rna, *announce;
	int agent;

	return earliest(core, &agent, &rna, &announce);
}

/**
 * acd_core_advance() - run the timers due by @now, in deadline order
 * @core: the ACD
 * @now: the time
 */
void acd_core_advance(struct acd_core *core, uint64_t now)
{
	for (;;) {
		struct acd_call *rna, *announce;
		int agent;
		uint64_t t = earliest(core, &agent, &rna, &announce);

		if (t > now)
			return;
		if (agent >= 0) {
			end_wrapup(core, agent, core->agents[agent].next_state,
				   t);
			distribute(core, t);
		} else if (rna) {
			no_answer(core, rna, t);
		} else {
			acd_emit(core, ACD_ANNOUNCE, announce->id, -1,
				 announce->queue, 0, 0);
			announce->next_announce +=
				(uint64_t)core->cfg->queues[announce->queue]
					.announce_s * 1000;
		}
	}
}

/**
 * acd_call_arrive() - a caller is in @queue
 * @core: the ACD
 * @queue: queue index
 * @now: the time
 *
 * Return: the call's ID (never 0), 0 when out of memory.
 */
uint32_t acd_call_arrive(struct acd_core *core, int queue, uint64_t now)
{
	uint32_t announce = core->cfg->queues[queue].announce_s;
	struct acd_call *c;

	acd_core_advance(core, now);
	c = calloc(1, sizeof(*c));
	if (!c)
		return 0;
	c->id = core->next_call_id++;
	if (!core->next_call_id)
		core->next_call_id = 1;
	c->queue = queue;
	c->state = ACD_CALL_WAITING;
	c->agent = -1;
	c->arrived = now;
	c->next_announce = announce ? now + (uint64_t)announce * 1000 :
				      ACD_NEVER;
	*core->calls_tail = c;
	core->calls_tail = &c->next;
	acd_queue_fig(core, queue, now)->queued++;
	acd_emit(core, ACD_QUEUE, 0, -1, queue, 0, LINEQUEUESTATUS_UPDATEINFO);
	distribute(core, now);
	return c->id;
}

/* A wait is over (answered or abandoned). */
static void count_wait(struct acd_core *core, struct acd_call *c,
		       uint64_t now)
{
	struct acd_queue_fig *f = acd_queue_fig(core, c->queue, now);
	uint64_t wait = now - c->arrived;

	f->waits++;
	f->wait_total += wait;
	if (wait > f->wait_longest)
		f->wait_longest = wait;
}

/* An answered call ends: the agent goes to wrap-up. */
static void end_talk(struct acd_core *core, struct acd_call *c, uint64_t now)
{
	int agent = c->agent, queue = c->queue;
	struct acd_agent *a = &core->agents[agent];
	struct acd_agent_fig *f = acd_agent_fig(core, agent, now);
	uint32_t wrapup = core->cfg->queues[queue].wrapup_s;

	f->talk += now - c->answered;
	f->call += now - c->offered;
	acd_sessions_count_end(core, agent, queue_group(core, queue),
			       now - c->answered, now - c->offered);
	acd_emit(core, ACD_RELEASE, c->id, agent, queue, 0, 0);
	a->call_group = queue_group(core, queue);
	a->wrapup_start = now;
	a->wrapup_end = now + (uint64_t)wrapup * 1000;
	remove_call(core, c);
	set_state(core, agent, ACD_AGENT_WRAPUP, now);
	if (!wrapup)
		end_wrapup(core, agent, a->next_state, now);
	distribute(core, now);
}

/**
 * acd_call_caller_hangup() - the caller hung up
 * @core: the ACD
 * @call: the call ID
 * @now: the time
 *
 * Before an agent answered, the call is abandoned.
 */
void acd_call_caller_hangup(struct acd_core *core, uint32_t call,
			    uint64_t now)
{
	struct acd_call *c;
	int queue, agent;

	acd_core_advance(core, now);
	c = find_call(core, call);
	if (!c)
		return;
	if (c->state == ACD_CALL_TALKING) {
		end_talk(core, c, now);
		return;
	}
	queue = c->queue;
	agent = c->agent;
	count_wait(core, c, now);
	acd_queue_fig(core, queue, now)->abandoned++;
	if (c->state == ACD_CALL_RINGING) {
		struct acd_agent *a = &core->agents[agent];
		uint64_t since = a->ready_since;

		acd_emit(core, ACD_UNOFFER, call, agent, queue, 0, 0);
		a->call = 0;
		set_state(core, agent, ACD_AGENT_READY, now);
		a->ready_since = since;	/* it keeps its place */
	}
	remove_call(core, c);
	acd_emit(core, ACD_QUEUE, 0, -1, queue, 0, LINEQUEUESTATUS_UPDATEINFO);
	distribute(core, now);
}

/**
 * acd_call_agent_answer() - the agent's station answered
 * @core: the ACD
 * @call: the call ID
 * @now: the time
 */
void acd_call_agent_answer(struct acd_core *core, uint32_t call,
			   uint64_t now)
{
	struct acd_call *c;
	int agent;

	acd_core_advance(core, now);
	c = find_call(core, call);
	if (!c || c->state != ACD_CALL_RINGING)
		return;
	agent = c->agent;
	c->state = ACD_CALL_TALKING;
	c->answered = now;
	count_wait(core, c, now);
	acd_agent_fig(core, agent, now)->calls++;
	acd_sessions_count_answer(core, agent, queue_group(core, c->queue),
				  now - c->offered);
	set_state(core, agent, ACD_AGENT_TALKING, now);
	acd_emit(core, ACD_CONNECT, call, agent, c->queue, 0, 0);
	acd_emit(core, ACD_QUEUE, 0, -1, c->queue, 0,
		 LINEQUEUESTATUS_UPDATEINFO);
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
		 LINEAGENTSTATUSEX_UPDATEINFO);
}

/**
 * acd_call_agent_hangup() - the agent's station hung up or failed
 * @core: the ACD
 * @call: the call ID
 * @now: the time
 *
 * While ringing this is no answer (the station could not be rung or
 * refused); after the answer, the end of the call.
 */
void acd_call_agent_hangup(struct acd_core *core, uint32_t call,
			   uint64_t now)
{
	struct acd_call *c;

	acd_core_advance(core, now);
	c = find_call(core, call);
	if (!c)
		return;
	if (c->state == ACD_CALL_RINGING)
		no_answer(core, c, now);
	else if (c->state == ACD_CALL_TALKING)
		end_talk(core, c, now);
}

int acd_call_agent(const struct acd_core *core, uint32_t call)
{
	const struct acd_call *c = find_call(core, call);

	return c ? c->agent : -1;
}

int acd_call_queue(const struct acd_core *core, uint32_t call)
{
	const struct acd_call *c = find_call(core, call);

	return c ? c->queue : -1;
}

static void log_in(struct acd_core *core, int agent, uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];

	a->state = ACD_AGENT_NOTREADY;
	a->next_state = LINEAGENTSTATEEX_READY;
	a->call = 0;
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
		 LINEAGENTSTATUSEX_NEWAGENT | LINEAGENTSTATUSEX_STATE);
}

/**
 * acd_agent_create() - lineCreateAgent: log an agent in
 * @core: the ACD
 * @id: the agent's ID from the configuration
 * @pin: its PIN ("" or NULL for an agent without one)
 * @agent: out: the HAGENT
 * @now: the time
 *
 * The agent starts LINEAGENTSTATEEX_NOTREADY.  An agent already logged
 * in gets its handle again.
 *
 * Return: 0, LINEERR_INVALAGENTID, LINEERR_INVALPASSWORD.
 */
LONG acd_agent_create(struct acd_core *core, const char *id,
		      const char *pin, HAGENT *agent, uint64_t now)
{
	int i;

	acd_core_advance(core, now);
	i = id ? acd_config_agent_by_id(core->cfg, id) : -1;
	if (i < 0)
		return LINEERR_INVALAGENTID;
	if (strcmp(core->cfg->agents[i].pin, pin ? pin : ""))
		return LINEERR_INVALPASSWORD;
	if (core->agents[i].state == ACD_AGENT_LOGGEDOFF)
		log_in(core, i, now);
	*agent = i + 1;
	return 0;
}

/**
 * acd_agent_handle() - the agent of a HAGENT
 * @core: the ACD
 * @h: the handle
 * @agent: out: its index
 *
 * Return: 0, LINEERR_INVALAGENTID when no logged-in agent has it.
 */
LONG acd_agent_handle(const struct acd_core *core, HAGENT h, int *agent)
{
	if (!h || h > core->cfg->num_agents ||
	    core->agents[h - 1].state == ACD_AGENT_LOGGEDOFF)
		return LINEERR_INVALAGENTID;
	*agent = h - 1;
	return 0;
}

static bool busy(const struct acd_agent *a)
{
	return a->state == ACD_AGENT_RINGING || a->state == ACD_AGENT_TALKING;
}

/* READY or NOTREADY now (or after the call when busy). */
static void set_ready(struct acd_core *core, int agent, DWORD state,
		      uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];

	if (busy(a)) {
		a->next_state = state;
		acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
			 LINEAGENTSTATUSEX_STATE);
	} else if (a->state == ACD_AGENT_WRAPUP) {
		end_wrapup(core, agent, state, now);
	} else {
		set_state(core, agent, state == LINEAGENTSTATEEX_READY ?
			  ACD_AGENT_READY : ACD_AGENT_NOTREADY, now);
	}
	distribute(core, now);
}

static LONG log_off(struct acd_core *core, int agent, uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];

	if (busy(a))
		return LINEERR_INVALAGENTSTATE;
	if (a->state == ACD_AGENT_WRAPUP)
		end_wrapup(core, agent, LINEAGENTSTATEEX_NOTREADY, now);
	acd_sessions_end_all(core, agent, now);
	set_state(core, agent, ACD_AGENT_LOGGEDOFF, now);
	return 0;
}

static bool valid_next(DWORD next)
{
	return !next || next == LINEAGENTSTATEEX_READY ||
	       next == LINEAGENTSTATEEX_NOTREADY;
}

/**
 * acd_agent_set_state_ex() - lineSetAgentStateEx
 * @core: the ACD
 * @agent: a logged-in agent's index
 * @state: LINEAGENTSTATEEX_READY, _NOTREADY, _RELEASED (logs the agent
 *	off, not while busy) or 0 (unchanged)
 * @next: the state after the next call's wrap-up: _READY, _NOTREADY or 0
 * @now: the time
 *
 * Return: 0, LINEERR_INVALAGENTSTATE.
 */
LONG acd_agent_set_state_ex(struct acd_core *core, int agent, DWORD state,
			    DWORD next, uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];

	acd_core_advance(core, now);
	if (!valid_next(next) || (state && state != LINEAGENTSTATEEX_READY &&
				  state != LINEAGENTSTATEEX_NOTREADY &&
				  state != LINEAGENTSTATEEX_RELEASED))
		return LINEERR_INVALAGENTSTATE;
	if (state == LINEAGENTSTATEEX_RELEASED)
		return log_off(core, agent, now);
	if (next && next != a->next_state) {
		a->next_state = next;
		if (!state)
			acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
				 LINEAGENTSTATUSEX_STATE);
	}
	if (state)
		set_ready(core, agent, state, now);
	return 0;
}

/**
 * acd_agent_set_state() - TAPI 2.0 lineSetAgentState on the agent's station
 * @core: the ACD
 * @agent: agent index, logged in or not
 * @state: LINEAGENTSTATE_READY, _NOTREADY (both log a logged-off agent
 *	in), _LOGGEDOFF, or 0 (unchanged)
 * @next: LINEAGENTSTATE_READY, _NOTREADY or 0
 * @now: the time
 *
 * Return: 0, LINEERR_INVALAGENTSTATE.
 */
LONG acd_agent_set_state(struct acd_core *core, int agent, DWORD state,
			 DWORD next, uint64_t now)
{
	DWORD ex = 0, next_ex = 0;

	acd_core_advance(core, now);
	switch (state) {
	case 0:
		break;
	case LINEAGENTSTATE_READY:
		ex = LINEAGENTSTATEEX_READY;
		break;
	case LINEAGENTSTATE_NOTREADY:
		ex = LINEAGENTSTATEEX_NOTREADY;
		break;
	case LINEAGENTSTATE_LOGGEDOFF:
		ex = LINEAGENTSTATEEX_RELEASED;
		break;
	default:
		return LINEERR_INVALAGENTSTATE;
	}
	if (next == LINEAGENTSTATE_READY)
		next_ex = LINEAGENTSTATEEX_READY;
	else if (next == LINEAGENTSTATE_NOTREADY)
		next_ex = LINEAGENTSTATEEX_NOTREADY;
	else if (next)
		return LINEERR_INVALAGENTSTATE;
	if (core->agents[agent].state == ACD_AGENT_LOGGEDOFF) {
		if (ex == LINEAGENTSTATEEX_RELEASED)
			return 0;
		if (!ex)
			return LINEERR_INVALAGENTSTATE;
		log_in(core, agent, now);
	}
	return acd_agent_set_state_ex(core, agent, ex, next_ex, now);
}

/**
 * acd_agent_set_groups() - lineSetAgentGroup
 * @core: the ACD
 * @agent: agent index
 * @groups: bit g: the agent takes the calls of groups[g]
 * @now: the time
 *
 * Return: 0.
 */
LONG acd_agent_set_groups(struct acd_core *core, int agent, uint32_t groups,
			  uint64_t now)
{
	acd_core_advance(core, now);
	core->agents[agent].groups = groups;
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
		 LINEAGENTSTATUSEX_UPDATEINFO);
	distribute(core, now);
	return 0;
}

/**
 * acd_agent_set_activity() - lineSetAgentActivity
 * @core: the ACD
 * @agent: agent index
 * @activity: an activity ID of the configuration
 * @now: the time
 *
 * Return: 0, LINEERR_INVALAGENTACTIVITY.
 */
LONG acd_agent_set_activity(struct acd_core *core, int agent,
			    DWORD activity, uint64_t now)
{
	const struct acd_config *cfg = core->cfg;
	unsigned int i;

	for (i = 0; i < cfg->num_activities; i++)
		if (cfg->activities[i].id == activity)
			break;
	if (i == cfg->num_activities)
		return LINEERR_INVALAGENTACTIVITY;
	core->agents[agent].activity = activity;
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
		 LINEAGENTSTATUSEX_UPDATEINFO);
	return 0;
}

int acd_agent_by_station(const struct acd_core *core, const char *line)
{
	for (unsigned int i = 0; i < core->cfg->num_agents; i++)
		if (!strcmp(core->cfg->agents[i].station, line))
			return i;
	return -1;
}

enum acd_agent_state acd_agent_state(const struct acd_core *core, int agent)
{
	return core->agents[agent].state;
}

uint32_t acd_agent_groups(const struct acd_core *core, int agent)
{
	return core->agents[agent].groups;
}

DWORD acd_agent_activity(const struct acd_core *core, int agent)
{
	return core->agents[agent].activity;
}

/**
 * acd_agent_status_ex() - the agent's LINEAGENTSTATEEX_ state and next state
 * @core: the ACD
 * @agent: agent index
 * @state: out
 * @next: out
 *
 * A logged-off agent is LINEAGENTSTATEEX_RELEASED; wrap-up is NOTREADY.
 */
void acd_agent_status_ex(struct acd_core *core, int agent, DWORD *state,
			 DWORD *next)
{
	const struct acd_agent *a = &core->agents[agent];

	*next = a->next_state;
	switch (a->state) {
	case ACD_AGENT_LOGGEDOFF:
		*state = LINEAGENTSTATEEX_RELEASED;
		*next = LINEAGENTSTATEEX_RELEASED;
		break;
	case ACD_AGENT_NOTREADY:
	case ACD_AGENT_WRAPUP:
		*state = LINEAGENTSTATEEX_NOTREADY;
		break;
	case ACD_AGENT_READY:
		*state = LINEAGENTSTATEEX_READY;
		break;
	default:
		*state = LINEAGENTSTATEEX_BUSYACD;
		break;
	}
}

/**
 * acd_agent_status() - the agent's TAPI 2.0 LINEAGENTSTATE_ and next state
 * @core: the ACD
 * @agent: agent index
 * @state: out
 * @next: out
 */
void acd_agent_status(struct acd_core *core, int agent, DWORD *state,
		      DWORD *next)
{
	const struct acd_agent *a = &core->agents[agent];
	static const DWORD map[] = {
		[ACD_AGENT_LOGGEDOFF] = LINEAGENTSTATE_LOGGEDOFF,
		[ACD_AGENT_NOTREADY] = LINEAGENTSTATE_NOTREADY,
		[ACD_AGENT_READY] = LINEAGENTSTATE_READY,
		[ACD_AGENT_RINGING] = LINEAGENTSTATE_BUSYACD,
		[ACD_AGENT_TALKING] = LINEAGENTSTATE_BUSYACD,
		[ACD_AGENT_WRAPUP] = LINEAGENTSTATE_WORKINGAFTERCALL,
	};

	*state = map[a->state];
	if (a->state == ACD_AGENT_LOGGEDOFF)
		*next = LINEAGENTSTATE_LOGGEDOFF;
	else
		*next = a->next_state == LINEAGENTSTATEEX_NOTREADY ?
			LINEAGENTSTATE_NOTREADY : LINEAGENTSTATE_READY;
}
