/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acd_config.h - tapi-acd's configuration: agents, groups, queues.
 *
 * The file format is described in tapi-acd(8) and
 * tools/tapi-acd/acd.conf.example.  acd_config.c parses it into a
 * struct acd_config, checking every reference; the ACD core
 * (acd_core.h) and the TAPI glue only read it.
 */
#ifndef TAPI_ACD_CONFIG_H
#define TAPI_ACD_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define ACD_MAX_AGENTS		64
#define ACD_MAX_GROUPS		32	/* a group set is a uint32_t mask */
#define ACD_MAX_QUEUES		32
#define ACD_MAX_TRUNKS		16	/* per queue */
#define ACD_MAX_ACTIVITIES	32
#define ACD_NAME_MAX		64	/* with the NUL */
#define ACD_ERROR_MAX		256

/* The default measurement period of queues and agents, s (TAPI's). */
#define ACD_DEFAULT_PERIOD	3600
#define ACD_MAX_PERIOD		(7 * 24 * 3600)
/* The longest ring-no-answer, wrap-up and announcement times, s. */
#define ACD_MAX_TIMER		3600

/* An agent: who may log in, and the station the ACD rings. */
struct acd_agent_cfg {
	char id[ACD_NAME_MAX];		/* lineCreateAgent's lpszAgentID */
	char name[ACD_NAME_MAX];	/* LINEAGENTENTRY name; id if unset */
	char pin[ACD_NAME_MAX];		/* "" when the agent has no PIN */
	char station[ACD_NAME_MAX];	/* the line name, e.g. "sim0/fxs0" */
	uint32_t groups;		/* bit g: member of groups[g] */
	unsigned int line;		/* where it was defined */
};

/* A group of agents (TAPI 2.2's GUID is {id, 0, 0, {0}}). */
struct acd_group_cfg {
	uint32_t id;
	char name[ACD_NAME_MAX];
	unsigned int line;
};

/* A queue: the calls arriving on its trunks wait here for its group. */
struct acd_queue_cfg {
	uint32_t id;			/* LINEQUEUEENTRY dwQueueID */
	char name[ACD_NAME_MAX];
	unsigned int group;		/* index into groups[] */
	unsigned int num_trunks;
	char trunks[ACD_MAX_TRUNKS][ACD_NAME_MAX];	/* line names */
	uint32_t rna_s;			/* ring no answer; 0: ring forever */
	uint32_t wrapup_s;		/* after each call; 0: none */
	uint32_t announce_s;		/* beep interval while queued; 0: off */
	unsigned int line;
};

/* An agent activity (TAPI 2.0 lineGetAgentActivityList). */
struct acd_activity_cfg {
	uint32_t id;
	char name[ACD_NAME_MAX];
};

struct acd_config {
	uint32_t period_s;		/* initial measurement period */
	unsigned int num_agents, num_groups, num_queues, num_activities;
	struct acd_agent_cfg agents[ACD_MAX_AGENTS];
	struct acd_group_cfg groups[ACD_MAX_GROUPS];
	struct acd_queue_cfg queues[ACD_MAX_QUEUES];
	struct acd_activity_cfg activities[ACD_MAX_ACTIVITIES];
};

/*
 * Parse a configuration.  On error returns -1 with "FILE:LINE: message"
 * (or "FILE: message" for errors of the whole file) in @err; @name is the
 * FILE of the messages.  0 on success.
 */
int acd_config_parse(FILE *in, const char *name, struct acd_config *cfg,
		     char err[ACD_ERROR_MAX]);
int acd_config_load(const char *path, struct acd_config *cfg,
		    char err[ACD_ERROR_MAX]);

int acd_config_agent_by_id(const struct acd_config *cfg, const char *id);
int acd_config_group_by_id(const struct acd_config *cfg, uint32_t id);
int acd_config_queue_by_id(const struct acd_config *cfg, uint32_t id);

#endif
