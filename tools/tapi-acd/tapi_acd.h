/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_acd.h - tapi-acd, the ACD proxy daemon: how the ACD core
 * (acd_core.h) meets TAPI.
 *
 *  - main.c: options, the configuration, the main loop on lineGetMessage
 *    whose timeout is the core's next timer, SIGTERM/SIGINT.
 *  - acd_lines.c: opening the configured lines (agent stations and trunks)
 *    as owner and as the proxy of the call-center requests; each line's
 *    channel file /dev/tapi/<n> for the media bridge.
 *  - acd_calls.c: trunk and station calls fed to the core, and the core's
 *    actions carried out (ring a station, bridge, hang up, beep).
 *  - acd_proxy.c, acd_proxy_fill.c: LINE_PROXYREQUEST served from the core.
 *  - acd_notify.c: the core's changes as lineProxyMessage.
 */
#ifndef TAPI_ACD_H
#define TAPI_ACD_H

#include <stdbool.h>
#include <stdint.h>

#include <tapi.h>

#include "acd_config.h"
#include "acd_core.h"

#define ACD_API_VERSION		0x00020002
#define ACD_MAX_LINES		(ACD_MAX_AGENTS + ACD_MAX_QUEUES * ACD_MAX_TRUNKS)

/* One configured line, open in this process. */
struct acd_line {
	char name[ACD_NAME_MAX];
	DWORD device_id;
	HLINE hline;
	uint32_t channel;		/* /dev/tapi/<channel> */
	int chan_fd;			/* -1 until opened */
	int agent;			/* station of this agent, or -1 */
	int queue;			/* trunk of this queue, or -1 */
	HCALL call;			/* the line's call, 0 if none */
	uint32_t acd_call;		/* the core's call on it, 0 if none */
	LONG makecall_req;		/* station: lineMakeCall's request */
	struct acd_line *partner;	/* the line bridged with, or NULL */
};

struct acd_daemon {
	struct acd_config cfg;
	struct acd_core *core;
	HLINEAPP app;
	DWORD num_devs;
	struct acd_line lines[ACD_MAX_LINES];
	unsigned int num_lines;
	uint64_t clock_base;		/* CLOCK_MONOTONIC ms at start */
	double date_base;		/* OLE DATE at clock_base */
	int verbose;
};

/* main.c */
uint64_t acd_now(const struct acd_daemon *d);
void acd_log(const struct acd_daemon *d, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* acd_lines.c */
int acd_lines_open(struct acd_daemon *d);
void acd_lines_close(struct acd_daemon *d);
struct acd_line *acd_line_by_hline(struct acd_daemon *d, HLINE h);
struct acd_line *acd_line_by_call(struct acd_daemon *d, HCALL h);
struct acd_line *acd_line_of_agent(struct acd_daemon *d, int agent);
struct acd_line *acd_line_of_acd_call(struct acd_daemon *d, uint32_t call,
				      bool trunk);

/* acd_calls.c */
void acd_calls_message(struct acd_daemon *d, const LINEMESSAGE *m);
void acd_calls_action(struct acd_daemon *d, const struct acd_action *a);
void acd_calls_adopt(struct acd_daemon *d, struct acd_line *l);

/* acd_proxy.c */
void acd_proxy_request(struct acd_daemon *d, HLINE hline,
		       LINEPROXYREQUEST *req);

/* acd_notify.c */
void acd_notify_action(struct acd_daemon *d, const struct acd_action *a);
void acd_notify_groups(struct acd_daemon *d);

#endif
