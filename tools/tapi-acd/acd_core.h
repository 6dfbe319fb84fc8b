/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acd_core.h - the ACD: agents, queued calls, distribution, statistics.
 *
 * A deterministic state machine with no I/O: the caller passes the time
 * (milliseconds of any monotonic clock) to every function, feeds in what
 * happened on the lines, and reads back the actions to take with
 * acd_core_next_action().  The same inputs at the same times always give
 * the same actions, which is what tests/acd checks.
 *
 * Rules (tapi-acd(8) says them to users):
 *  - Only logged-in agents (lineCreateAgent, or TAPI 2.0 lineSetAgentState)
 *    in LINEAGENTSTATEEX_READY take calls.  Each queue serves one group;
 *    an agent takes the calls of the queues of its groups.
 *  - Calls wait first in, first out, across queues by arrival time.  A
 *    waiting call is offered to the ready agent of its queue's group who
 *    has been ready the longest (ties: the agent defined first).
 *  - While its station rings, the agent is LINEAGENTSTATEEX_BUSYACD.  No
 *    answer within the queue's ring-no-answer time: the agent becomes
 *    LINEAGENTSTATEEX_NOTREADY (an absent agent must not keep drawing
 *    calls; a supervisor makes it ready again) and the call goes back to
 *    its place at the head of the queue, to the next agent.  A station
 *    that cannot be rung counts as no answer at once.
 *  - After an answered call the agent spends the queue's wrap-up time in
 *    wrap-up: LINEAGENTSTATEEX_NOTREADY with dwNextAgentState the state
 *    that follows (LINEAGENTSESSIONSTATE_BUSYWRAPUP for its sessions,
 *    LINEAGENTSTATE_WORKINGAFTERCALL in TAPI 2.0), then that next state
 *    (READY unless set otherwise).  Setting READY or NOTREADY ends
 *    wrap-up at once; set while busy, it becomes the state after the call.
 *  - A caller who hangs up before an agent answers has abandoned; an
 *    agent being rung for that call goes back to ready, keeping its place.
 *
 * Statistics cover the current measurement period: every period seconds
 * (from start-up, or from when the period was last set) they start again
 * from zero.  Times are whole seconds, truncated.  Queue (LINEQUEUEINFO):
 * dwTotalCallsQueued the calls that arrived; dwCurrentCallsQueued those
 * not yet answered; dwTotalCallsAbandoned; a call's wait runs from its
 * arrival until an agent answers or the caller hangs up;
 * dwAverageWaitTime averages the waits that ended in the period,
 * dwLongestEverWaitTime is the longest of those and of the current ones,
 * dwCurrentLongestWaitTime the longest current one.  Agent
 * (LINEAGENTINFO): dwNumberOfACDCalls answered calls; dwTotalACDTalkTime
 * answer to hang-up; dwTotalACDCallTime first ring to hang-up (the
 * handle time without wrap-up); dwTotalACDWrapUpTime; cyOverallCallRate
 * ACD calls per hour of the period so far.  Sessions count the calls of
 * their group's queues since the session began; time to answer is the
 * time the station rang.
 */
#ifndef TAPI_ACD_CORE_H
#define TAPI_ACD_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include <tapi.h>

#include "acd_config.h"

#define ACD_NEVER	UINT64_MAX

struct acd_core;

/* What the core asks of the lines, in the order it happened. */
enum acd_action_kind {
	ACD_OFFER,	/* ring @agent's station for @call */
	ACD_UNOFFER,	/* stop ringing @agent's station (@call moved on) */
	ACD_CONNECT,	/* @agent answered @call: join caller and station */
	ACD_RELEASE,	/* @call with @agent is over: hang up both sides */
	ACD_ANNOUNCE,	/* play the queue's announcement to @call's caller */
	ACD_AGENT,	/* @agent changed: LINE_AGENTSTATUSEX @flags */
	ACD_QUEUE,	/* @queue's figures changed: LINE_QUEUESTATUS @flags */
	ACD_SESSION,	/* @session changed: LINE_AGENTSESSIONSTATUS @flags */
};

struct acd_action {
	enum acd_action_kind kind;
	uint32_t call;		/* call ID, 0 if none */
	int agent;		/* agent index, -1 if none */
	int queue;		/* queue index, -1 if none */
	uint32_t session;	/* HAGENTSESSION, 0 if none */
	DWORD flags;		/* LINEAGENTSTATUSEX_, _QUEUESTATUS_, ... */
	DWORD state, state20;	/* ACD_AGENT: LINEAGENTSTATEEX_ and
				 * LINEAGENTSTATE_ when it was emitted */
};

/* The agent's state as the core keeps it. */
enum acd_agent_state {
	ACD_AGENT_LOGGEDOFF,
	ACD_AGENT_NOTREADY,
	ACD_AGENT_READY,
	ACD_AGENT_RINGING,	/* its station rings for an ACD call */
	ACD_AGENT_TALKING,
	ACD_AGENT_WRAPUP,
};

struct acd_core *acd_core_new(const struct acd_config *cfg, uint64_t now);
void acd_core_free(struct acd_core *core);
const struct acd_config *acd_core_config(const struct acd_core *core);

/* Timers: run those due by @now; the next deadline (ACD_NEVER). */
void acd_core_advance(struct acd_core *core, uint64_t now);
uint64_t acd_core_next_timer(const struct acd_core *core);
bool acd_core_next_action(struct acd_core *core, struct acd_action *act);

/* Calls.  Unknown call IDs are ignored (the call has already gone). */
uint32_t acd_call_arrive(struct acd_core *core, int queue, uint64_t now);
void acd_call_caller_hangup(struct acd_core *core, uint32_t call,
			    uint64_t now);
void acd_call_agent_answer(struct acd_core *core, uint32_t call,
			   uint64_t now);
void acd_call_agent_hangup(struct acd_core *core, uint32_t call,
			   uint64_t now);
int acd_call_agent(const struct acd_core *core, uint32_t call);
int acd_call_queue(const struct acd_core *core, uint32_t call);

/* Agents: HAGENT is the agent's index + 1.  Return 0 or a LINEERR_. */
LONG acd_agent_create(struct acd_core *core, const char *id,
		      const char *pin, HAGENT *agent, uint64_t now);
LONG acd_agent_handle(const struct acd_core *core, HAGENT h, int *agent);
LONG acd_agent_set_state_ex(struct acd_core *core, int agent, DWORD state,
			    DWORD next, uint64_t now);
LONG acd_agent_set_state(struct acd_core *core, int agent, DWORD state,
			 DWORD next, uint64_t now);
LONG acd_agent_set_groups(struct acd_core *core, int agent, uint32_t groups,
			  uint64_t now);
LONG acd_agent_set_activity(struct acd_core *core, int agent,
			    DWORD activity, uint64_t now);
LONG acd_agent_set_period(struct acd_core *core, int agent, DWORD period,
			  uint64_t now);
int acd_agent_by_station(const struct acd_core *core, const char *line);
enum acd_agent_state acd_agent_state(const struct acd_core *core, int agent);
uint32_t acd_agent_groups(const struct acd_core *core, int agent);
DWORD acd_agent_activity(const struct acd_core *core, int agent);
void acd_agent_status(struct acd_core *core, int agent, DWORD *state,
		      DWORD *next);
void acd_agent_status_ex(struct acd_core *core, int agent, DWORD *state,
			 DWORD *next);
void acd_agent_info(struct acd_core *core, int agent, LINEAGENTINFO *info,
		    uint64_t now);

/* Sessions (TAPI 2.2): an agent working for one of its groups. */
LONG acd_session_create(struct acd_core *core, int agent, const char *pin,
			int group, HAGENTSESSION *session, uint64_t now);
LONG acd_session_set_state(struct acd_core *core, HAGENTSESSION session,
			   DWORD state, DWORD next, uint64_t now);
/* The sessions of @agent, all of them when @agent < 0; returns count. */
unsigned int acd_session_list(const struct acd_core *core, int agent,
			      HAGENTSESSION *out, unsigned int max);
LONG acd_session_get(const struct acd_core *core, HAGENTSESSION session,
		     int *agent, int *group);
/* @start_ms: out, the core time the session began. */
LONG acd_session_info(struct acd_core *core, HAGENTSESSION session,
		      LINEAGENTSESSIONINFO *info, uint64_t *start_ms,
		      uint64_t now);

/* Queues. */
LONG acd_queue_set_period(struct acd_core *core, int queue, DWORD period,
			  uint64_t now);
void acd_queue_info(struct acd_core *core, int queue, LINEQUEUEINFO *info,
		    uint64_t now);

#endif
