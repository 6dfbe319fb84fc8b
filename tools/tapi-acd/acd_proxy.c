// SPDX-License-Identifier: GPL-2.0
/*
 * acd_proxy.c - LINE_PROXYREQUEST served from the ACD core, answered with
 * lineProxyResponse.
 *
 * TAPI 2.0 requests name an address of the line they came on: the agent
 * is the one whose station that line is (only stations register those
 * types).  TAPI 2.2 requests name agents (HAGENT: the agent's place in
 * the configuration + 1), sessions, queues (their configured IDs) and
 * groups (GUID {ID, 0, 0, {0}}; lineGetQueueList with the all-zero GUID
 * lists every queue).  Embedded structures are filled within the room
 * the requester gave (acd_varstruct.h).
 */
#include <string.h>

#include "acd_varstruct.h"
#include "tapi_acd.h"

#define HANDLER_INFO	"tapi-acd"

/* 2.0's LINEAGENTCAPS ends before ProxyGUID. */
#define AGENTCAPS_20_SIZE	offsetof(LINEAGENTCAPS, ProxyGUID)

struct request {
	struct acd_daemon *d;
	struct acd_line *line;
	LINEPROXYREQUEST *req;
	uint64_t now;
};

/*
 * A string of the request: Size/Offset from the request's start (libtapi
 * checked they lie within it).  False when it is longer than any ID or
 * PIN of the configuration can be (so that no prefix of it matches).
 */
static bool req_string(const struct request *r, DWORD size, DWORD off,
		       char *buf, size_t room)
{
	const char *s = (const char *)r->req + off;
	size_t len = size ? strnlen(s, size) : 0;

	if (len >= room)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

static int group_of_guid(const struct acd_config *cfg, const GUID *g)
{
	static const uint8_t zero[8];

	if (g->Data2 || g->Data3 || memcmp(g->Data4, zero, sizeof(zero)))
		return -1;
	return acd_config_group_by_id(cfg, g->Data1);
}

static bool guid_is_zero(const GUID *g)
{
	static const GUID zero;

	return !memcmp(g, &zero, sizeof(zero));
}

/* The agent of a TAPI 2.0 request's address. */
static LONG address_agent(const struct request *r, DWORD address, int *agent)
{
	if (address)
		return LINEERR_INVALADDRESSID;
	if (r->line->agent < 0)
		return LINEERR_OPERATIONUNAVAIL;
	*agent = r->line->agent;
	return 0;
}

/*
 * A list structure (LINEAGENTGROUPLIST, LINEQUEUELIST, ...): @n entries
 * of @entry_size, each with a name whose Size/Offset pair is at
 * @name_field of the entry (or no names when @names is NULL).
 */
static LONG fill_list(void *out, size_t fixed, const void *entries,
		      unsigned int n, size_t entry_size, size_t name_field,
		      const char *const *names)
{
	struct acd_vs vs;
	size_t list;
	LINEAGENTGROUPLIST *hdr;	/* every list starts this way */
	LONG err;

	if (acd_vs_init(&vs, fixed))
		return LINEERR_NOMEM;
	list = acd_vs_add(&vs, offsetof(LINEAGENTGROUPLIST, dwListSize),
			  entries, n * entry_size, 4);
	for (unsigned int i = 0; names && i < n; i++) {
		size_t off = acd_vs_append(&vs, names[i],
					   strlen(names[i]) + 1, 1);
		DWORD pair[2] = { strlen(names[i]) + 1, off };

		if (!vs.error)
			memcpy(vs.buf + list + i * entry_size + name_field,
			       pair, sizeof(pair));
	}
	hdr = acd_vs_fixed(&vs);
	hdr->dwNumEntries = n;
	err = acd_vs_finish(&vs, out);
	hdr = out;
	if (!err && hdr->dwUsedSize < hdr->dwNeededSize)
		hdr->dwNumEntries = 0;
	acd_vs_release(&vs);
	return err;
}

static LONG fill_groups(const struct request *r, LINEAGENTGROUPLIST *out,
			uint32_t mask)
{
	const struct acd_config *cfg = &r->d->cfg;
	LINEAGENTGROUPENTRY e[ACD_MAX_GROUPS];
	const char *names[ACD_MAX_GROUPS];
	unsigned int n = 0;

	memset(e, 0, sizeof(e));
	for (unsigned int g = 0; g < cfg->num_groups; g++) {
		if (!(mask & 1u << g))
			continue;
		e[n].GroupID.dwGroupID1 = cfg->groups[g].id;
		names[n++] = cfg->groups[g].name;
	}
	return fill_list(out, sizeof(*out), e, n, sizeof(e[0]),
			 offsetof(LINEAGENTGROUPENTRY, dwNameSize), names);
}

/* lineSetAgentGroup's list: the groups, or LINEERR_INVALAGENTGROUP. */
static LONG read_groups(const struct request *r, const LINEAGENTGROUPLIST *l,
			uint32_t *mask)
{
	const LINEAGENTGROUPENTRY *e;

	*mask = 0;
	if (l->dwTotalSize < sizeof(*l) ||
	    (uint64_t)l->dwListOffset + l->dwListSize > l->dwTotalSize ||
	    (uint64_t)l->dwNumEntries * sizeof(*e) > l->dwListSize)
		return LINEERR_INVALAGENTGROUP;
	e = (const void *)((const char *)l + l->dwListOffset);
	for (DWORD i = 0; i < l->dwNumEntries; i++) {
		LINEAGENTGROUPENTRY g;
		int idx;

		memcpy(&g, e + i, sizeof(g));
		if (g.GroupID.dwGroupID2 || g.GroupID.dwGroupID3 ||
		    g.GroupID.dwGroupID4)
			return LINEERR_INVALAGENTGROUP;
		idx = acd_config_group_by_id(&r->d->cfg, g.GroupID.dwGroupID1);
		if (idx < 0)
			return LINEERR_INVALAGENTGROUP;
		*mask |= 1u << idx;
	}
	return 0;
}

static LONG get_agent_caps(struct request *r)
{
	LINEAGENTCAPS *out = &r->req->GetAgentCaps.AgentCaps;
	size_t fixed = r->req->dwClientAppAPIVersion >= 0x00020002 ?
		       sizeof(*out) : AGENTCAPS_20_SIZE;
	LINEAGENTCAPS *c;
	struct acd_vs vs;
	int agent;
	LONG err = address_agent(r, r->req->GetAgentCaps.dwAddressID, &agent);

	if (err)
		return err;
	if (acd_vs_init(&vs, fixed))
		return LINEERR_NOMEM;
	c = acd_vs_fixed(&vs);
	c->dwCapsVersion = r->req->dwClientAppAPIVersion;
	c->dwFeatures = LINEAGENTFEATURE_SETAGENTGROUP |
			LINEAGENTFEATURE_SETAGENTSTATE |
			LINEAGENTFEATURE_SETAGENTACTIVITY |
			LINEAGENTFEATURE_GETAGENTACTIVITYLIST |
			LINEAGENTFEATURE_GETAGENTGROUP;
	c->dwStates = LINEAGENTSTATE_LOGGEDOFF | LINEAGENTSTATE_NOTREADY |
		      LINEAGENTSTATE_READY | LINEAGENTSTATE_BUSYACD |
		      LINEAGENTSTATE_WORKINGAFTERCALL;
	c->dwNextStates = LINEAGENTSTATE_NOTREADY | LINEAGENTSTATE_READY;
	c->dwMaxNumGroupEntries = r->d->cfg.num_groups;
	c->dwAgentStatusMessages = LINEAGENTSTATUS_GROUP |
				   LINEAGENTSTATUS_STATE |
				   LINEAGENTSTATUS_NEXTSTATE |
				   LINEAGENTSTATUS_ACTIVITY;
	if (fixed == sizeof(*out))
		c->ProxyGUID = (GUID){ 0x74617069, 0x6163, 0x6464, /* "tapiacdd" */
				       { 0 } };
	acd_vs_add_string(&vs, offsetof(LINEAGENTCAPS, dwAgentHandlerInfoSize),
			  HANDLER_INFO);
	err = acd_vs_finish(&vs, out);
	acd_vs_release(&vs);
	return err;
}

static const char *activity_name(const struct acd_config *cfg, DWORD id)
{
	for (unsigned int i = 0; i < cfg->num_activities; i++)
		if (cfg->activities[i].id == id)
			return cfg->activities[i].name;
	return "";
}

static LONG get_agent_status(struct request *r)
{
	const struct acd_config *cfg = &r->d->cfg;
	LINEAGENTSTATUS *out = &r->req->GetAgentStatus.AgentStatus, *s;
	LINEAGENTGROUPENTRY e[ACD_MAX_GROUPS];
	size_t list, off;
	unsigned int n = 0;
	struct acd_vs vs;
	uint32_t mask;
	int agent;
	LONG err = address_agent(r, r->req->GetAgentStatus.dwAddressID,
				 &agent);

	if (err)
		return err;
	if (acd_vs_init(&vs, sizeof(*out)))
		return LINEERR_NOMEM;
	s = acd_vs_fixed(&vs);
	acd_agent_status(r->d->core, agent, &s->dwState, &s->dwNextState);
	s->dwActivityID = acd_agent_activity(r->d->core, agent);
	s->dwAgentFeatures = LINEAGENTFEATURE_SETAGENTGROUP |
			     LINEAGENTFEATURE_SETAGENTSTATE |
			     LINEAGENTFEATURE_SETAGENTACTIVITY |
			     LINEAGENTFEATURE_GETAGENTACTIVITYLIST |
			     LINEAGENTFEATURE_GETAGENTGROUP;
	s->dwValidStates = LINEAGENTSTATE_LOGGEDOFF | LINEAGENTSTATE_NOTREADY |
			   LINEAGENTSTATE_READY;
	s->dwValidNextStates = LINEAGENTSTATE_NOTREADY | LINEAGENTSTATE_READY;
	mask = acd_agent_groups(r->d->core, agent);
	memset(e, 0, sizeof(e));
	for (unsigned int g = 0; g < cfg->num_groups; g++)
		if (mask & 1u << g)
			e[n++].GroupID.dwGroupID1 = cfg->groups[g].id;
	s->dwNumEntries = n;
	list = acd_vs_add(&vs, offsetof(LINEAGENTSTATUS, dwGroupListSize), e,
			  n * sizeof(e[0]), 4);
	n = 0;
	for (unsigned int g = 0; g < cfg->num_groups; g++) {
		const char *name = cfg->groups[g].name;
		DWORD pair[2];

		if (!(mask & 1u << g))
			continue;
		off = acd_vs_append(&vs, name, strlen(name) + 1, 1);
		pair[0] = strlen(name) + 1;
		pair[1] = off;
		if (!vs.error)
			memcpy(vs.buf + list + n * sizeof(e[0]) +
			       offsetof(LINEAGENTGROUPENTRY, dwNameSize),
			       pair, sizeof(pair));
		n++;
	}
	acd_vs_add_string(&vs, offsetof(LINEAGENTSTATUS, dwActivitySize),
			  activity_name(cfg, s->dwActivityID));
	err = acd_vs_finish(&vs, out);
	if (!err && out->dwUsedSize < out->dwNeededSize)
		out->dwNumEntries = 0;
	acd_vs_release(&vs);
	return err;
}

static LONG get_activity_list(struct request *r)
{
	const struct acd_config *cfg = &r->d->cfg;
	LINEAGENTACTIVITYENTRY e[ACD_MAX_ACTIVITIES];
	const char *names[ACD_MAX_ACTIVITIES];
	int agent;
	LONG err = address_agent(r, r->req->GetAgentActivityList.dwAddressID,
				 &agent);

	if (err)
		return err;
	memset(e, 0, sizeof(e));
	for (unsigned int i = 0; i < cfg->num_activities; i++) {
		e[i].dwID = cfg->activities[i].id;
		names[i] = cfg->activities[i].name;
	}
	return fill_list(&r->req->GetAgentActivityList.ActivityList,
			 sizeof(LINEAGENTACTIVITYLIST), e, cfg->num_activities,
			 sizeof(e[0]),
			 offsetof(LINEAGENTACTIVITYENTRY, dwNameSize), names);
}

static LONG agent_of(const struct request *r, HAGENT h, int *agent)
{
	return acd_agent_handle(r->d->core, h, agent);
}

static LONG create_agent(struct request *r)
{
	char id[ACD_NAME_MAX], pin[ACD_NAME_MAX];

	if (!req_string(r, r->req->CreateAgent.dwAgentIDSize,
			r->req->CreateAgent.dwAgentIDOffset, id, sizeof(id)))
		return LINEERR_INVALAGENTID;
	if (!req_string(r, r->req->CreateAgent.dwAgentPINSize,
			r->req->CreateAgent.dwAgentPINOffset, pin,
			sizeof(pin)))
		return LINEERR_INVALPASSWORD;
	return acd_agent_create(r->d->core, id, pin,
				&r->req->CreateAgent.hAgent, r->now);
}

static LONG get_agent_info(struct request *r)
{
	LINEAGENTINFO *out = &r->req->GetAgentInfo.AgentInfo, info;
	int agent;
	LONG err = agent_of(r, r->req->GetAgentInfo.hAgent, &agent);

	if (err)
		return err;
	if (out->dwTotalSize < sizeof(info))
		return LINEERR_STRUCTURETOOSMALL;
	memset(&info, 0, sizeof(info));
	acd_agent_info(r->d->core, agent, &info, r->now);
	info.dwTotalSize = out->dwTotalSize;
	info.dwNeededSize = info.dwUsedSize = sizeof(info);
	memcpy(out, &info, sizeof(info));
	return 0;
}

static LONG create_session(struct request *r)
{
	char pin[ACD_NAME_MAX];
	int agent, group;
	LONG err = agent_of(r, r->req->CreateAgentSession.hAgent, &agent);

	if (err)
		return err;
	if (r->req->CreateAgentSession.dwWorkingAddressID)
		return LINEERR_INVALADDRESSID;
	if (!req_string(r, r->req->CreateAgentSession.dwAgentPINSize,
			r->req->CreateAgentSession.dwAgentPINOffset, pin,
			sizeof(pin)))
		return LINEERR_INVALPASSWORD;
	group = group_of_guid(&r->d->cfg,
			      &r->req->CreateAgentSession.GroupID);
	return acd_session_create(r->d->core, agent, pin, group,
				  &r->req->CreateAgentSession.hAgentSession,
				  r->now);
}

static LONG get_session_list(struct request *r)
{
	HAGENTSESSION h[256];
	LINEAGENTSESSIONENTRY e[256];
	unsigned int n;
	int agent;
	LONG err = agent_of(r, r->req->GetAgentSessionList.hAgent, &agent);

	if (err)
		return err;
	n = acd_session_list(r->d->core, agent, h, 256);
	if (n > 256)
		n = 256;
	memset(e, 0, sizeof(e));
	for (unsigned int i = 0; i < n; i++) {
		int a, g;

		acd_session_get(r->d->core, h[i], &a, &g);
		e[i].hAgentSession = h[i];
		e[i].hAgent = a + 1;
		e[i].GroupID.Data1 = r->d->cfg.groups[g].id;
		e[i].dwWorkingAddressID = 0;
	}
	return fill_list(&r->req->GetAgentSessionList.SessionList,
			 sizeof(LINEAGENTSESSIONLIST), e, n, sizeof(e[0]), 0,
			 NULL);
}

static LONG get_session_info(struct request *r)
{
	LINEAGENTSESSIONINFO *out = &r->req->GetAgentSessionInfo.SessionInfo;
	LINEAGENTSESSIONINFO info;
	uint64_t start;
	LONG err;

	if (out->dwTotalSize < sizeof(info))
		return LINEERR_STRUCTURETOOSMALL;
	memset(&info, 0, sizeof(info));
	err = acd_session_info(r->d->core,
			       r->req->GetAgentSessionInfo.hAgentSession,
			       &info, &start, r->now);
	if (err)
		return err;
	info.dateSessionStartTime = r->d->date_base +
				    (double)start / (86400.0 * 1000.0);
	info.dwTotalSize = out->dwTotalSize;
	info.dwNeededSize = info.dwUsedSize = sizeof(info);
	memcpy(out, &info, sizeof(info));
	return 0;
}

static LONG get_queue_list(struct request *r)
{
	const struct acd_config *cfg = &r->d->cfg;
	const GUID *gid = &r->req->GetQueueList.GroupID;
	LINEQUEUEENTRY e[ACD_MAX_QUEUES];
	const char *names[ACD_MAX_QUEUES];
	unsigned int n = 0;
	int group = -1;

	if (!guid_is_zero(gid)) {
		group = group_of_guid(cfg, gid);
		if (group < 0)
			return LINEERR_INVALAGENTGROUP;
	}
	memset(e, 0, sizeof(e));
	for (unsigned int q = 0; q < cfg->num_queues; q++) {
		if (group >= 0 && cfg->queues[q].group != (unsigned int)group)
			continue;
		e[n].dwQueueID = cfg->queues[q].id;
		names[n++] = cfg->queues[q].name;
	}
	return fill_list(&r->req->GetQueueList.QueueList,
			 sizeof(LINEQUEUELIST), e, n, sizeof(e[0]),
			 offsetof(LINEQUEUEENTRY, dwNameSize), names);
}

static LONG get_queue_info(struct request *r)
{
	LINEQUEUEINFO *out = &r->req->GetQueueInfo.QueueInfo, info;
	int q = acd_config_queue_by_id(&r->d->cfg,
				       r->req->GetQueueInfo.dwQueueID);

	if (q < 0)
		return LINEERR_INVALPARAM;
	if (out->dwTotalSize < sizeof(info))
		return LINEERR_STRUCTURETOOSMALL;
	memset(&info, 0, sizeof(info));
	acd_queue_info(r->d->core, q, &info, r->now);
	info.dwTotalSize = out->dwTotalSize;
	info.dwNeededSize = info.dwUsedSize = sizeof(info);
	memcpy(out, &info, sizeof(info));
	return 0;
}

static LONG serve(struct request *r)
{
	LINEPROXYREQUEST *q = r->req;
	struct acd_core *core = r->d->core;
	uint32_t mask;
	int agent;
	LONG err;

	switch (q->dwRequestType) {
	case LINEPROXYREQUEST_SETAGENTGROUP:
		err = address_agent(r, q->SetAgentGroup.dwAddressID, &agent);
		if (!err)
			err = read_groups(r, &q->SetAgentGroup.GroupList, &mask);
		return err ? err : acd_agent_set_groups(core, agent, mask, r->now);
	case LINEPROXYREQUEST_SETAGENTSTATE:
		err = address_agent(r, q->SetAgentState.dwAddressID, &agent);
		return err ? err : acd_agent_set_state(core, agent,
					q->SetAgentState.dwAgentState,
					q->SetAgentState.dwNextAgentState,
					r->now);
	case LINEPROXYREQUEST_SETAGENTACTIVITY:
		err = address_agent(r, q->SetAgentActivity.dwAddressID, &agent);
		return err ? err : acd_agent_set_activity(core, agent,
					q->SetAgentActivity.dwActivityID,
					r->now);
	case LINEPROXYREQUEST_GETAGENTCAPS:
		return get_agent_caps(r);
	case LINEPROXYREQUEST_GETAGENTSTATUS:
		return get_agent_status(r);
	case LINEPROXYREQUEST_GETAGENTACTIVITYLIST:
		return get_activity_list(r);
	case LINEPROXYREQUEST_GETAGENTGROUPLIST:
		err = address_agent(r, q->GetAgentGroupList.dwAddressID,
				    &agent);
		return err ? err : fill_groups(r, &q->GetAgentGroupList.GroupList,
					       acd_agent_groups(core, agent));
	case LINEPROXYREQUEST_CREATEAGENT:
		return create_agent(r);
	case LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD:
		err = agent_of(r, q->SetAgentMeasurementPeriod.hAgent, &agent);
		return err ? err : acd_agent_set_period(core, agent,
				q->SetAgentMeasurementPeriod.dwMeasurementPeriod,
				r->now);
	case LINEPROXYREQUEST_GETAGENTINFO:
		return get_agent_info(r);
	case LINEPROXYREQUEST_CREATEAGENTSESSION:
		return create_session(r);
	case LINEPROXYREQUEST_GETAGENTSESSIONLIST:
		return get_session_list(r);
	case LINEPROXYREQUEST_SETAGENTSESSIONSTATE:
		return acd_session_set_state(core,
				q->SetAgentSessionState.hAgentSession,
				q->SetAgentSessionState.dwAgentSessionState,
				q->SetAgentSessionState.dwNextAgentSessionState,
				r->now);
	case LINEPROXYREQUEST_GETAGENTSESSIONINFO:
		return get_session_info(r);
	case LINEPROXYREQUEST_GETQUEUELIST:
		return get_queue_list(r);
	case LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD:
		return acd_queue_set_period(core,
				acd_config_queue_by_id(&r->d->cfg,
					q->SetQueueMeasurementPeriod.dwQueueID),
				q->SetQueueMeasurementPeriod.dwMeasurementPeriod,
				r->now);
	case LINEPROXYREQUEST_GETQUEUEINFO:
		return get_queue_info(r);
	case LINEPROXYREQUEST_GETGROUPLIST:
		return fill_groups(r, &q->GetGroupList.GroupList, ~0u);
	case LINEPROXYREQUEST_SETAGENTSTATEEX:
		err = agent_of(r, q->SetAgentStateEx.hAgent, &agent);
		return err ? err : acd_agent_set_state_ex(core, agent,
					q->SetAgentStateEx.dwAgentState,
					q->SetAgentStateEx.dwNextAgentState,
					r->now);
	default:
		return LINEERR_OPERATIONUNAVAIL;
	}
}

/**
 * acd_proxy_request() - serve a LINE_PROXYREQUEST and answer it
 * @d: the daemon
 * @hline: the line it came on
 * @req: dwParam1 of the message
 */
void acd_proxy_request(struct acd_daemon *d, HLINE hline,
		       LINEPROXYREQUEST *req)
{
	struct request r = { d, acd_line_by_hline(d, hline), req, acd_now(d) };
	LONG result = r.line ? serve(&r) : LINEERR_OPERATIONUNAVAIL;
	LONG err;

	acd_log(d, 2, "request %u on %s: 0x%08x", (unsigned int)req->dwRequestType,
		r.line ? r.line->name : "?", (unsigned int)result);
	err = lineProxyResponse(hline, req, (DWORD)result);
	if (err)
		acd_log(d, 0, "lineProxyResponse: 0x%08x", (unsigned int)err);
}
