/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acd_core_priv.h - the ACD core's state, shared by acd_core.c (agents,
 * calls, distribution, timers), acd_session.c (agent sessions) and
 * acd_stats.c (measurement periods and figures).
 */
#ifndef TAPI_ACD_CORE_PRIV_H
#define TAPI_ACD_CORE_PRIV_H

#include "acd_core.h"

enum acd_call_state {
	ACD_CALL_WAITING,
	ACD_CALL_RINGING,	/* offered to an agent */
	ACD_CALL_TALKING,
};

struct acd_call {
	struct acd_call *next;		/* in arrival order */
	uint32_t id;
	int queue;
	enum acd_call_state state;
	int agent;			/* RINGING, TALKING */
	uint64_t arrived, offered, answered;
	uint64_t next_announce;		/* ACD_NEVER when off */
};

/* A measurement period: figures restart every @period_s. */
struct acd_period {
	uint32_t period_s;
	uint64_t start;
};

struct acd_queue_fig {
	uint32_t queued, abandoned, waits;
	uint64_t wait_total, wait_longest;	/* ms, waits that ended */
};

struct acd_agent_fig {
	uint32_t calls;
	uint64_t talk, call, wrapup;		/* ms */
};

struct acd_agent {
	enum acd_agent_state state;
	DWORD next_state;		/* LINEAGENTSTATEEX_READY/NOTREADY */
	uint64_t ready_since;		/* READY: the idle order */
	uint64_t wrapup_start, wrapup_end;
	uint32_t call;			/* RINGING, TALKING, WRAPUP */
	int call_group;			/* the last call's queue's group */
	uint32_t groups;
	DWORD activity;
	struct acd_period period;
	struct acd_agent_fig fig;
};

struct acd_session {
	HAGENTSESSION handle;
	int agent, group;
	bool ended;
	uint64_t start, end;
	uint32_t calls;
	uint64_t talk, call, wrapup, answer_total, answer_longest;	/* ms */
};

struct acd_core {
	const struct acd_config *cfg;
	struct acd_agent agents[ACD_MAX_AGENTS];
	struct acd_period queue_period[ACD_MAX_QUEUES];
	struct acd_queue_fig queue_fig[ACD_MAX_QUEUES];
	struct acd_call *calls, **calls_tail;
	uint32_t next_call_id;
	struct acd_session *sessions;
	unsigned int num_sessions, sessions_cap;
	struct acd_action *actions;
	unsigned int actions_head, actions_len, actions_cap;
};

void acd_emit(struct acd_core *core, enum acd_action_kind kind,
	      uint32_t call, int agent, int queue, uint32_t session,
	      DWORD flags);

/* acd_session.c */
void acd_sessions_agent_changed(struct acd_core *core, int agent);
void acd_sessions_end_all(struct acd_core *core, int agent, uint64_t now);
void acd_sessions_count_answer(struct acd_core *core, int agent, int group,
			       uint64_t ring_ms);
void acd_sessions_count_end(struct acd_core *core, int agent, int group,
			    uint64_t talk_ms, uint64_t call_ms);
void acd_sessions_count_wrapup(struct acd_core *core, int agent, int group,
			       uint64_t wrapup_ms);

/* acd_stats.c */
void acd_period_roll(struct acd_period *p, void *fig, size_t fig_size,
		     uint64_t now);
struct acd_queue_fig *acd_queue_fig(struct acd_core *core, int queue,
				    uint64_t now);
struct acd_agent_fig *acd_agent_fig(struct acd_core *core, int agent,
				    uint64_t now);
CY acd_rate_per_hour(uint32_t calls, uint64_t elapsed_ms);

#endif
