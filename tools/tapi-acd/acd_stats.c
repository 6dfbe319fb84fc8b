// SPDX-License-Identifier: GPL-2.0
/*
 * acd_stats.c - measurement periods and the figures of LINEQUEUEINFO and
 * LINEAGENTINFO (the rules are in acd_core.h).
 */
#include <string.h>

#include "acd_core_priv.h"

/* Start a new period, with zero figures, once the current one is over. */
void acd_period_roll(struct acd_period *p, void *fig, size_t fig_size,
		     uint64_t now)
{
	uint64_t len = (uint64_t)p->period_s * 1000;

	if (now < p->start + len)
		return;
	p->start += (now - p->start) / len * len;
	memset(fig, 0, fig_size);
}

struct acd_queue_fig *acd_queue_fig(struct acd_core *core, int queue,
				    uint64_t now)
{
	struct acd_queue_fig *f = &core->queue_fig[queue];

	acd_period_roll(&core->queue_period[queue], f, sizeof(*f), now);
	return f;
}

struct acd_agent_fig *acd_agent_fig(struct acd_core *core, int agent,
				    uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];

	acd_period_roll(&a->period, &a->fig, sizeof(a->fig), now);
	return &a->fig;
}

/* Calls per hour as OLE currency (scaled by 10000). */
CY acd_rate_per_hour(uint32_t calls, uint64_t elapsed_ms)
{
	CY cy = { .int64 = 0 };

	if (elapsed_ms)
		cy.int64 = (int64_t)((uint64_t)calls * 3600ULL * 1000ULL *
				     10000ULL / elapsed_ms);
	return cy;
}

static LONG check_period(DWORD period)
{
	return period && period <= ACD_MAX_PERIOD ? 0 : LINEERR_INVALPARAM;
}

/**
 * acd_queue_set_period() - lineSetQueueMeasurementPeriod
 * @core: the ACD
 * @queue: queue index
 * @period: seconds, 1..ACD_MAX_PERIOD
 * @now: the time
 *
 * A new period starts now, with zero figures.
 *
 * Return: 0 or LINEERR_INVALPARAM.
 */
LONG acd_queue_set_period(struct acd_core *core, int queue, DWORD period,
			  uint64_t now)
{
	if (queue < 0 || (unsigned int)queue >= core->cfg->num_queues ||
	    check_period(period))
		return LINEERR_INVALPARAM;
	acd_core_advance(core, now);
	core->queue_period[queue] = (struct acd_period){ period, now };
	memset(&core->queue_fig[queue], 0, sizeof(core->queue_fig[queue]));
	acd_emit(core, ACD_QUEUE, 0, -1, queue, 0, LINEQUEUESTATUS_UPDATEINFO);
	return 0;
}

/**
 * acd_agent_set_period() - lineSetAgentMeasurementPeriod
 * @core: the ACD
 * @agent: agent index
 * @period: seconds, 1..ACD_MAX_PERIOD
 * @now: the time
 *
 * Return: 0 or LINEERR_INVALPARAM.
 */
LONG acd_agent_set_period(struct acd_core *core, int agent, DWORD period,
			  uint64_t now)
{
	struct acd_agent *a = &core->agents[agent];

	if (check_period(period))
		return LINEERR_INVALPARAM;
	acd_core_advance(core, now);
	a->period = (struct acd_period){ period, now };
	memset(&a->fig, 0, sizeof(a->fig));
	acd_emit(core, ACD_AGENT, 0, agent, -1, 0,
		 LINEAGENTSTATUSEX_UPDATEINFO);
	return 0;
}

/**
 * acd_queue_info() - the figures of LINEQUEUEINFO
 * @core: the ACD
 * @queue: queue index
 * @info: out: the fields after dwUsedSize (sizes are the caller's)
 * @now: the time
 */
void acd_queue_info(struct acd_core *core, int queue, LINEQUEUEINFO *info,
		    uint64_t now)
{
	struct acd_queue_fig *f;
	uint64_t longest_now = 0;
	uint32_t current = 0;
	struct acd_call *c;

	acd_core_advance(core, now);
	f = acd_queue_fig(core, queue, now);
	for (c = core->calls; c; c = c->next) {
		if (c->queue != queue || c->state == ACD_CALL_TALKING)
			continue;
		current++;
		if (now - c->arrived > longest_now)
			longest_now = now - c->arrived;
	}
	info->dwMeasurementPeriod = core->queue_period[queue].period_s;
	info->dwTotalCallsQueued = f->queued;
	info->dwCurrentCallsQueued = current;
	info->dwTotalCallsAbandoned = f->abandoned;
	info->dwTotalCallsFlowedIn = 0;		/* no overflow between queues */
	info->dwTotalCallsFlowedOut = 0;
	info->dwLongestEverWaitTime =
		(f->wait_longest > longest_now ? f->wait_longest :
						 longest_now) / 1000;
	info->dwCurrentLongestWaitTime = longest_now / 1000;
	info->dwAverageWaitTime = f->waits ?
		f->wait_total / f->waits / 1000 : 0;
	info->dwFinalDisposition = 0;
}

/**
 * acd_agent_info() - the figures of LINEAGENTINFO
 * @core: the ACD
 * @agent: agent index
 * @info: out: the fields after dwUsedSize (sizes are the caller's)
 * @now: the time
 */
void acd_agent_info(struct acd_core *core, int agent, LINEAGENTINFO *info,
		    uint64_t now)
{
	struct acd_agent_fig *f;

	acd_core_advance(core, now);
	f = acd_agent_fig(core, agent, now);
	acd_agent_status_ex(core, agent, &info->dwAgentState,
			    &info->dwNextAgentState);
	info->dwMeasurementPeriod = core->agents[agent].period.period_s;
	info->cyOverallCallRate =
		acd_rate_per_hour(f->calls,
				  now - core->agents[agent].period.start);
	info->dwNumberOfACDCalls = f->calls;
	info->dwNumberOfIncomingCalls = 0;	/* the ACD sees ACD calls only */
	info->dwNumberOfOutgoingCalls = 0;
	info->dwTotalACDTalkTime = f->talk / 1000;
	info->dwTotalACDCallTime = f->call / 1000;
	info->dwTotalACDWrapUpTime = f->wrapup / 1000;
}
