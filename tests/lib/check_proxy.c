// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call-center control through the fake relay: an ACD proxy application
 * and a requesting application in one process (lib/proxy*.c,
 * lib/agent_request.c).  Every function's request reaches the proxy with
 * its arguments, the proxy's answer reaches the requester's buffer before
 * LINE_REPLY; no proxy, a proxy that goes, messages and proxy status.
 */
#include <string.h>

#include "fake_relay.h"
#include "../../lib/proxy.h"

#define WAIT_MS	5000

static const DWORD all_types[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
};

struct cc {
	HLINEAPP acd, client;
	HLINE proxy, line;
};

/* Two channels; the ACD is the proxy of every type on channel 0. */
static void cc_setup(struct cc *c, bool with_proxy)
{
	LONG err;

	fake_backend_install(2, NULL);
	fake_relay_enable();
	c->acd = fake_init_app("acd", NULL);
	c->client = fake_init_app("client", NULL);
	c->proxy = 0;
	if (with_proxy) {
		c->proxy = fake_proxy_open(c->acd, 0, 0x00020002, all_types,
					   TAPI_ARRAY_SIZE(all_types), &err);
		ck_assert_int_eq(err, 0);
	}
	ck_assert_int_eq(lineOpen(c->client, 0, &c->line, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
}

static void cc_teardown(struct cc *c)
{
	lineShutdown(c->client);
	lineShutdown(c->acd);
}

/* The proxy answers the next request of @type with @result. */
static LINEPROXYREQUEST *next_request(struct cc *c, DWORD type)
{
	LINEPROXYREQUEST *req = fake_proxy_next(c->acd, c->proxy, type,
						WAIT_MS);

	ck_assert_msg(req != NULL, "no LINE_PROXYREQUEST of type %u", type);
	return req;
}

START_TEST(test_proxy_agent_caps_round_trip)
{
	static const char handler[] = "linux-tapi ACD";
	union {
		LINEAGENTCAPS caps;
		unsigned char room[1024];
	} u;
	LINEPROXYREQUEST *req;
	LINEAGENTCAPS *pc;
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	memset(&u, 0xEE, sizeof(u));
	u.caps.dwTotalSize = sizeof(u);
	id = lineGetAgentCaps(c.client, 0, 0, 0x00020002, &u.caps);
	ck_assert_int_gt(id, 0);

	req = next_request(&c, LINEPROXYREQUEST_GETAGENTCAPS);
	ck_assert_uint_eq(req->dwClientAppAPIVersion, 0x00020002);
	ck_assert_uint_eq(req->GetAgentCaps.dwAddressID, 0);
	pc = &req->GetAgentCaps.AgentCaps;
	ck_assert_uint_eq(pc->dwTotalSize, sizeof(u));
	ck_assert_uint_ge(req->dwSize, offsetof(LINEPROXYREQUEST,
				GetAgentCaps.AgentCaps) + sizeof(u));
	pc->dwFeatures = LINEAGENTFEATURE_SETAGENTSTATE;
	pc->dwStates = LINEAGENTSTATE_READY | LINEAGENTSTATE_NOTREADY;
	pc->dwMaxNumGroupEntries = 4;
	pc->ProxyGUID.Data1 = 0x12345678;
	pc->dwAgentHandlerInfoSize = sizeof(handler);
	pc->dwAgentHandlerInfoOffset = sizeof(LINEAGENTCAPS);
	memcpy((char *)pc + sizeof(LINEAGENTCAPS), handler, sizeof(handler));
	pc->dwNeededSize = pc->dwUsedSize = sizeof(LINEAGENTCAPS) +
					    sizeof(handler);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);

	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_uint_eq(u.caps.dwTotalSize, sizeof(u));
	ck_assert_uint_eq(u.caps.dwUsedSize, sizeof(LINEAGENTCAPS) +
			  sizeof(handler));
	ck_assert_uint_eq(u.caps.dwFeatures, LINEAGENTFEATURE_SETAGENTSTATE);
	ck_assert_uint_eq(u.caps.dwMaxNumGroupEntries, 4);
	ck_assert_uint_eq(u.caps.ProxyGUID.Data1, 0x12345678);
	ck_assert_str_eq((char *)&u + u.caps.dwAgentHandlerInfoOffset,
			 handler);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_create_agent_round_trip)
{
	LINEPROXYREQUEST *req;
	HAGENT agent = 0;
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	id = lineCreateAgent(c.line, "agent7", "1234", &agent);
	ck_assert_int_gt(id, 0);
	req = next_request(&c, LINEPROXYREQUEST_CREATEAGENT);
	ck_assert_uint_eq(req->CreateAgent.dwAgentIDSize, 7);
	ck_assert_str_eq((char *)req + req->CreateAgent.dwAgentIDOffset,
			 "agent7");
	ck_assert_str_eq((char *)req + req->CreateAgent.dwAgentPINOffset,
			 "1234");
	ck_assert_uint_gt(req->dwClientUserNameSize, 0);
	req->CreateAgent.hAgent = 0x77;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_uint_eq(agent, 0x77);

	/* a refusal reaches LINE_REPLY and leaves the handle alone */
	agent = 5;
	id = lineCreateAgent(c.line, "agent7", NULL, &agent);
	req = next_request(&c, LINEPROXYREQUEST_CREATEAGENT);
	ck_assert_uint_eq(req->CreateAgent.dwAgentPINSize, 0);
	req->CreateAgent.hAgent = 0x78;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req,
					   (DWORD)LINEERR_INVALAGENTID), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS),
			 LINEERR_INVALAGENTID);
	ck_assert_uint_eq(agent, 5);
	cc_teardown(&c);
}
END_TEST

/* A request whose answer fills a structure: where, and how big. */
struct get_case {
	DWORD type;
	size_t emb;		/* the structure in LINEPROXYREQUEST */
	DWORD fixed;
};

static const struct get_case get_cases[] = {
	{ LINEPROXYREQUEST_GETAGENTSTATUS,
	  offsetof(LINEPROXYREQUEST, GetAgentStatus.AgentStatus),
	  sizeof(LINEAGENTSTATUS) },
	{ LINEPROXYREQUEST_GETAGENTACTIVITYLIST,
	  offsetof(LINEPROXYREQUEST, GetAgentActivityList.ActivityList),
	  sizeof(LINEAGENTACTIVITYLIST) },
	{ LINEPROXYREQUEST_GETAGENTGROUPLIST,
	  offsetof(LINEPROXYREQUEST, GetAgentGroupList.GroupList),
	  sizeof(LINEAGENTGROUPLIST) },
	{ LINEPROXYREQUEST_GETAGENTINFO,
	  offsetof(LINEPROXYREQUEST, GetAgentInfo.AgentInfo),
	  sizeof(LINEAGENTINFO) },
	{ LINEPROXYREQUEST_GETAGENTSESSIONLIST,
	  offsetof(LINEPROXYREQUEST, GetAgentSessionList.SessionList),
	  sizeof(LINEAGENTSESSIONLIST) },
	{ LINEPROXYREQUEST_GETAGENTSESSIONINFO,
	  offsetof(LINEPROXYREQUEST, GetAgentSessionInfo.SessionInfo),
	  sizeof(LINEAGENTSESSIONINFO) },
	{ LINEPROXYREQUEST_GETQUEUELIST,
	  offsetof(LINEPROXYREQUEST, GetQueueList.QueueList),
	  sizeof(LINEQUEUELIST) },
	{ LINEPROXYREQUEST_GETQUEUEINFO,
	  offsetof(LINEPROXYREQUEST, GetQueueInfo.QueueInfo),
	  sizeof(LINEQUEUEINFO) },
	{ LINEPROXYREQUEST_GETGROUPLIST,
	  offsetof(LINEPROXYREQUEST, GetGroupList.GroupList),
	  sizeof(LINEAGENTGROUPLIST) },
};

/* Call the function of @type with @out; its other arguments are fixed. */
static LONG call_get(struct cc *c, DWORD type, void *out, GUID *group)
{
	switch (type) {
	case LINEPROXYREQUEST_GETAGENTSTATUS:
		return lineGetAgentStatus(c->line, 0, out);
	case LINEPROXYREQUEST_GETAGENTACTIVITYLIST:
		return lineGetAgentActivityList(c->line, 0, out);
	case LINEPROXYREQUEST_GETAGENTGROUPLIST:
		return lineGetAgentGroupList(c->line, 0, out);
	case LINEPROXYREQUEST_GETAGENTINFO:
		return lineGetAgentInfo(c->line, 0x41, out);
	case LINEPROXYREQUEST_GETAGENTSESSIONLIST:
		return lineGetAgentSessionList(c->line, 0x42, out);
	case LINEPROXYREQUEST_GETAGENTSESSIONINFO:
		return lineGetAgentSessionInfo(c->line, 0x43, out);
	case LINEPROXYREQUEST_GETQUEUELIST:
		return lineGetQueueList(c->line, group, out);
	case LINEPROXYREQUEST_GETQUEUEINFO:
		return lineGetQueueInfo(c->line, 0x44, out);
	default:
		return lineGetGroupList(c->line, out);
	}
}

/* The argument each function passes, as the proxy sees it. */
static void check_get_args(DWORD type, const LINEPROXYREQUEST *req)
{
	switch (type) {
	case LINEPROXYREQUEST_GETAGENTINFO:
		ck_assert_uint_eq(req->GetAgentInfo.hAgent, 0x41);
		break;
	case LINEPROXYREQUEST_GETAGENTSESSIONLIST:
		ck_assert_uint_eq(req->GetAgentSessionList.hAgent, 0x42);
		break;
	case LINEPROXYREQUEST_GETAGENTSESSIONINFO:
		ck_assert_uint_eq(req->GetAgentSessionInfo.hAgentSession,
				  0x43);
		break;
	case LINEPROXYREQUEST_GETQUEUELIST:
		ck_assert_uint_eq(req->GetQueueList.GroupID.Data1, 0xABCD);
		break;
	case LINEPROXYREQUEST_GETQUEUEINFO:
		ck_assert_uint_eq(req->GetQueueInfo.dwQueueID, 0x44);
		break;
	default:
		break;
	}
}

START_TEST(test_proxy_get_functions_round_trip)
{
	const struct get_case *gc = &get_cases[_i];
	_Alignas(8) unsigned char out[512];
	GUID group = { .Data1 = 0xABCD };
	LINEPROXYREQUEST *req;
	unsigned char *emb;
	DWORD total = sizeof(out), mark = 1000 * gc->type, got;
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	memset(out, 0, sizeof(out));
	memcpy(out, &total, sizeof(total));
	id = call_get(&c, gc->type, out, &group);
	ck_assert_int_gt(id, 0);
	req = next_request(&c, gc->type);
	check_get_args(gc->type, req);
	emb = (unsigned char *)req + gc->emb;
	memcpy(&got, emb, sizeof(got));
	ck_assert_uint_eq(got, sizeof(out));
	/* fixed part, plus a mark in its fourth DWORD and after it */
	memcpy(emb + 3 * sizeof(DWORD), &mark, sizeof(mark));
	memcpy(emb + gc->fixed, &mark, sizeof(mark));
	got = gc->fixed + sizeof(mark);
	memcpy(emb + sizeof(DWORD), &got, sizeof(got));
	memcpy(emb + 2 * sizeof(DWORD), &got, sizeof(got));
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);

	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	memcpy(&got, out, sizeof(got));
	ck_assert_uint_eq(got, sizeof(out));		/* dwTotalSize kept */
	memcpy(&got, out + 2 * sizeof(DWORD), sizeof(got));
	ck_assert_uint_eq(got, gc->fixed + sizeof(mark));	/* dwUsedSize */
	memcpy(&got, out + 3 * sizeof(DWORD), sizeof(got));
	ck_assert_uint_eq(got, mark);
	memcpy(&got, out + gc->fixed, sizeof(got));
	ck_assert_uint_eq(got, mark);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_set_functions_round_trip)
{
	struct {
		LINEAGENTGROUPLIST gl;
		LINEAGENTGROUPENTRY e;
		char name[8];
	} groups = {
		.gl = {
			.dwTotalSize = sizeof(groups),
			.dwNumEntries = 1,
			.dwListSize = sizeof(LINEAGENTGROUPENTRY),
			.dwListOffset = offsetof(typeof(groups), e),
		},
		.e = {
			.GroupID = { .dwGroupID1 = 9 },
			.dwNameSize = 6,
			.dwNameOffset = offsetof(typeof(groups), name),
		},
		.name = "sales",
	};
	GUID group = { .Data1 = 0x5151 };
	unsigned char params[6] = "hello";
	HAGENTSESSION session = 0;
	LINEPROXYREQUEST *req;
	struct cc c;
	LONG id;

	cc_setup(&c, true);

	id = lineSetAgentGroup(c.line, 0, &groups.gl);
	ck_assert_int_gt(id, 0);
	req = next_request(&c, LINEPROXYREQUEST_SETAGENTGROUP);
	ck_assert_uint_eq(req->SetAgentGroup.GroupList.dwNumEntries, 1);
	ck_assert_str_eq((char *)&req->SetAgentGroup.GroupList +
			 offsetof(typeof(groups), name), "sales");
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);

	id = lineSetAgentState(c.line, 0, LINEAGENTSTATE_READY,
			       LINEAGENTSTATE_BUSYACD);
	req = next_request(&c, LINEPROXYREQUEST_SETAGENTSTATE);
	ck_assert_uint_eq(req->SetAgentState.dwAgentState,
			  LINEAGENTSTATE_READY);
	ck_assert_uint_eq(req->SetAgentState.dwNextAgentState,
			  LINEAGENTSTATE_BUSYACD);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);

	id = lineSetAgentActivity(c.line, 0, 33);
	req = next_request(&c, LINEPROXYREQUEST_SETAGENTACTIVITY);
	ck_assert_uint_eq(req->SetAgentActivity.dwActivityID, 33);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req,
				(DWORD)LINEERR_INVALAGENTACTIVITY), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS),
			 LINEERR_INVALAGENTACTIVITY);

	id = lineAgentSpecific(c.line, 0, 2, params, sizeof(params));
	req = next_request(&c, LINEPROXYREQUEST_AGENTSPECIFIC);
	ck_assert_uint_eq(req->AgentSpecific.dwAgentExtensionIDIndex, 2);
	ck_assert_uint_eq(req->AgentSpecific.dwSize, sizeof(params));
	ck_assert_str_eq((char *)req->AgentSpecific.Params, "hello");
	memcpy(req->AgentSpecific.Params, "HELLO", 5);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_str_eq((char *)params, "HELLO");

	id = lineSetAgentStateEx(c.line, 0x41, LINEAGENTSTATEEX_READY, 0);
	req = next_request(&c, LINEPROXYREQUEST_SETAGENTSTATEEX);
	ck_assert_uint_eq(req->SetAgentStateEx.hAgent, 0x41);
	ck_assert_uint_eq(req->SetAgentStateEx.dwAgentState,
			  LINEAGENTSTATEEX_READY);
	ck_assert_uint_eq(req->SetAgentStateEx.dwNextAgentState, 0);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);

	id = lineSetAgentMeasurementPeriod(c.line, 0x41, 900);
	req = next_request(&c, LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD);
	ck_assert_uint_eq(req->SetAgentMeasurementPeriod.hAgent, 0x41);
	ck_assert_uint_eq(req->SetAgentMeasurementPeriod.dwMeasurementPeriod,
			  900);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);

	id = lineCreateAgentSession(c.line, 0x41, "99", 0, &group, &session);
	req = next_request(&c, LINEPROXYREQUEST_CREATEAGENTSESSION);
	ck_assert_uint_eq(req->CreateAgentSession.hAgent, 0x41);
	ck_assert_uint_eq(req->CreateAgentSession.GroupID.Data1, 0x5151);
	ck_assert_str_eq((char *)req +
			 req->CreateAgentSession.dwAgentPINOffset, "99");
	req->CreateAgentSession.hAgentSession = 0x600;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_uint_eq(session, 0x600);

	id = lineSetAgentSessionState(c.line, session,
				      LINEAGENTSESSIONSTATE_NOTREADY,
				      LINEAGENTSESSIONSTATE_READY);
	req = next_request(&c, LINEPROXYREQUEST_SETAGENTSESSIONSTATE);
	ck_assert_uint_eq(req->SetAgentSessionState.hAgentSession, 0x600);
	ck_assert_uint_eq(req->SetAgentSessionState.dwNextAgentSessionState,
			  LINEAGENTSESSIONSTATE_READY);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);

	id = lineSetQueueMeasurementPeriod(c.line, 7, 60);
	req = next_request(&c, LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD);
	ck_assert_uint_eq(req->SetQueueMeasurementPeriod.dwQueueID, 7);
	ck_assert_uint_eq(req->SetQueueMeasurementPeriod.dwMeasurementPeriod,
			  60);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_none_is_unavailable)
{
	LINEAGENTINFO info = { .dwTotalSize = sizeof(info) };
	LINEAGENTCAPS caps = { .dwTotalSize = sizeof(caps) };
	HAGENT agent;
	struct cc c;

	cc_setup(&c, false);
	ck_assert_int_eq(lineGetAgentCaps(c.client, 0, 0, 0x00020002, &caps),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(lineCreateAgent(c.line, "a", NULL, &agent),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(lineGetAgentInfo(c.line, 1, &info),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(lineSetAgentStateEx(c.line, 1,
					     LINEAGENTSTATEEX_READY, 0),
			 LINEERR_OPERATIONUNAVAIL);
	/* a proxy of some types does not serve the others */
	fake_relay_foreign(0, 1U << LINEPROXYREQUEST_GETAGENTINFO);
	ck_assert_int_eq(lineCreateAgent(c.line, "a", NULL, &agent),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_gt(lineGetAgentInfo(c.line, 1, &info), 0);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_no_relay)
{
	LINEAGENTCAPS caps = { .dwTotalSize = sizeof(caps) };
	LINEPROXYREQUESTLIST list = { .dwTotalSize = sizeof(list) };
	HLINEAPP app;
	HLINE line;
	LONG err;

	fake_backend_install(1, NULL);	/* no fake_relay_enable() */
	app = fake_init_app("old kernel", NULL);
	ck_assert_int_eq(fake_proxy_open(app, 0, 0x00020002, all_types, 3,
					 &err), 0);
	ck_assert_int_eq(err, LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(lineGetAgentCaps(app, 0, 0, 0x00020002, &caps),
			 LINEERR_OPERATIONUNAVAIL);
	ck_assert_int_eq(lineGetProxyStatus(app, 0, 0x00020002, &list),
			 LINEERR_OPERATIONUNAVAIL);
	/* and lines open as before */
	ck_assert_int_eq(lineOpen(app, 0, &line, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
	lineShutdown(app);
}
END_TEST

START_TEST(test_proxy_gone_fails_requests)
{
	LINEAGENTINFO info = { .dwTotalSize = sizeof(info) };
	struct fake_relay_req fr;
	struct cc c;
	LONG id1, id2;

	cc_setup(&c, true);
	/* our proxy closes its line before answering */
	id1 = lineGetAgentInfo(c.line, 3, &info);
	ck_assert_ptr_nonnull(next_request(&c, LINEPROXYREQUEST_GETAGENTINFO));
	ck_assert_int_eq(lineClose(c.proxy), 0);
	ck_assert_int_eq(fake_reply(c.client, id1, WAIT_MS),
			 LINEERR_OPERATIONFAILED);
	ck_assert_uint_eq(fake_relay_types(0), 0);

	/* another process's proxy dies with a request */
	fake_relay_foreign(0, 1U << LINEPROXYREQUEST_GETAGENTINFO);
	id2 = lineGetAgentInfo(c.line, 3, &info);
	ck_assert_int_gt(id2, 0);
	ck_assert(fake_relay_wait_request(0, LINEPROXYREQUEST_GETAGENTINFO,
					  &fr, WAIT_MS));
	fake_relay_foreign_gone(0);
	ck_assert_int_eq(fake_reply(c.client, id2, WAIT_MS),
			 LINEERR_OPERATIONFAILED);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_shutdown_fails_requests)
{
	LINEAGENTSTATUS st = { .dwTotalSize = sizeof(st) };
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	id = lineGetAgentStatus(c.line, 0, &st);
	ck_assert_ptr_nonnull(next_request(&c,
					   LINEPROXYREQUEST_GETAGENTSTATUS));
	ck_assert_int_eq(lineShutdown(c.acd), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS),
			 LINEERR_OPERATIONFAILED);
	lineShutdown(c.client);
}
END_TEST

START_TEST(test_proxy_foreign_round_trip)
{
	LINEAGENTINFO info;
	LINEAGENTINFO *pi;
	struct fake_relay_req fr;
	struct cc c;
	LONG id;

	cc_setup(&c, false);
	fake_relay_foreign(0, 1U << LINEPROXYREQUEST_GETAGENTINFO);
	memset(&info, 0, sizeof(info));
	info.dwTotalSize = sizeof(info);
	id = lineGetAgentInfo(c.line, 0x41, &info);
	ck_assert_int_gt(id, 0);
	ck_assert(fake_relay_wait_request(0, LINEPROXYREQUEST_GETAGENTINFO,
					  &fr, WAIT_MS));
	pi = (LINEAGENTINFO *)(fr.data + offsetof(LINEPROXYREQUEST,
						  GetAgentInfo.AgentInfo));
	pi->dwNeededSize = pi->dwUsedSize = sizeof(*pi);
	pi->dwAgentState = LINEAGENTSTATEEX_BUSYACD;
	pi->dwNumberOfACDCalls = 12;
	pi->cyOverallCallRate.int64 = 15000;
	fake_relay_answer(fr.req_id, 0, fr.data, fr.len);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_uint_eq(info.dwAgentState, LINEAGENTSTATEEX_BUSYACD);
	ck_assert_uint_eq(info.dwNumberOfACDCalls, 12);
	ck_assert_int_eq(info.cyOverallCallRate.int64, 15000);

	/* an answer that claims more than it was given fails, unwritten */
	memset(&info, 0, sizeof(info));
	info.dwTotalSize = sizeof(info);
	id = lineGetAgentInfo(c.line, 0x41, &info);
	ck_assert(fake_relay_wait_request(0, LINEPROXYREQUEST_GETAGENTINFO,
					  &fr, WAIT_MS));
	pi = (LINEAGENTINFO *)(fr.data + offsetof(LINEPROXYREQUEST,
						  GetAgentInfo.AgentInfo));
	pi->dwUsedSize = sizeof(*pi) + 64;
	pi->dwAgentState = LINEAGENTSTATEEX_READY;
	fake_relay_answer(fr.req_id, 0, fr.data, fr.len);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS),
			 LINEERR_OPERATIONFAILED);
	ck_assert_uint_eq(info.dwAgentState, 0);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_line_closed_before_answer)
{
	LINEQUEUEINFO qi;
	LINEPROXYREQUEST *req;
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	memset(&qi, 0, sizeof(qi));
	qi.dwTotalSize = sizeof(qi);
	id = lineGetQueueInfo(c.line, 1, &qi);
	req = next_request(&c, LINEPROXYREQUEST_GETQUEUEINFO);
	ck_assert_int_eq(lineClose(c.line), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS),
			 LINEERR_OPERATIONFAILED);
	req->GetQueueInfo.QueueInfo.dwUsedSize = sizeof(qi);
	req->GetQueueInfo.QueueInfo.dwTotalCallsQueued = 5;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 0);	/* never written */
	cc_teardown(&c);
}
END_TEST

/*
 * A request nobody answers (the proxy's TAPI_PROXY_GONE was lost, say)
 * fails after TAPI_PROXY_REQUEST_TIMEOUT_MS; its late answer is ignored.
 */
START_TEST(test_proxy_request_times_out)
{
	LINEQUEUEINFO qi;
	LINEPROXYREQUEST *req;
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	memset(&qi, 0, sizeof(qi));
	qi.dwTotalSize = sizeof(qi);
	id = lineGetQueueInfo(c.line, 1, &qi);
	ck_assert_int_gt(id, 0);
	req = next_request(&c, LINEPROXYREQUEST_GETQUEUEINFO);
	/* half the time: still waiting */
	fake_relay_advance_ms(TAPI_PROXY_REQUEST_TIMEOUT_MS / 2);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	fake_relay_advance_ms(TAPI_PROXY_REQUEST_TIMEOUT_MS);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS),
			 LINEERR_OPERATIONFAILED);
	/* the proxy answers late: accepted, but nobody hears of it */
	req->GetQueueInfo.QueueInfo.dwUsedSize = sizeof(qi);
	req->GetQueueInfo.QueueInfo.dwTotalCallsQueued = 5;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	ck_assert_uint_eq(qi.dwUsedSize, 0);		/* never written */
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 0);

	/* an answer in time cancels the timeout: one LINE_REPLY only */
	id = lineGetQueueInfo(c.line, 1, &qi);
	req = next_request(&c, LINEPROXYREQUEST_GETQUEUEINFO);
	req->GetQueueInfo.QueueInfo.dwUsedSize = sizeof(qi);
	req->GetQueueInfo.QueueInfo.dwTotalCallsQueued = 7;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 7);
	fake_relay_advance_ms(TAPI_PROXY_REQUEST_TIMEOUT_MS);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	cc_teardown(&c);
}
END_TEST

/*
 * The relay socket overran: answers may have been dropped, so every
 * request waiting fails at once, and what still comes is ignored.
 */
START_TEST(test_proxy_overrun_fails_all)
{
	LINEAGENTINFO info, *pi;
	LINEQUEUEINFO qi;
	LINEPROXYREQUEST *req;
	struct fake_relay_req fr;
	struct cc c;
	HLINE line1;
	LONG id1, id2;

	cc_setup(&c, true);
	fake_relay_foreign(1, 1U << LINEPROXYREQUEST_GETAGENTINFO);
	ck_assert_int_eq(lineOpen(c.client, 1, &line1, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
	/* one request to the foreign proxy (channel 1), one to ours */
	memset(&info, 0, sizeof(info));
	info.dwTotalSize = sizeof(info);
	id1 = lineGetAgentInfo(line1, 3, &info);
	ck_assert_int_gt(id1, 0);
	ck_assert(fake_relay_wait_request(1, LINEPROXYREQUEST_GETAGENTINFO,
					  &fr, WAIT_MS));
	memset(&qi, 0, sizeof(qi));
	qi.dwTotalSize = sizeof(qi);
	id2 = lineGetQueueInfo(c.line, 1, &qi);
	ck_assert_int_gt(id2, 0);
	req = next_request(&c, LINEPROXYREQUEST_GETQUEUEINFO);

	/* the foreign answer is lost to a full receive buffer */
	pi = (LINEAGENTINFO *)(fr.data + offsetof(LINEPROXYREQUEST,
						  GetAgentInfo.AgentInfo));
	pi->dwNeededSize = pi->dwUsedSize = sizeof(*pi);
	pi->dwAgentState = LINEAGENTSTATEEX_BUSYACD;
	fake_relay_lose_notes(true);
	fake_relay_answer(fr.req_id, 0, fr.data, fr.len);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	fake_relay_lose_notes(false);
	/* both fail, in no particular order */
	for (int i = 0; i < 2; i++) {
		LINEMESSAGE m;

		ck_assert(fake_wait_msg(c.client, LINE_REPLY, 0, &m, WAIT_MS));
		ck_assert((LONG)m.dwParam1 == id1 || (LONG)m.dwParam1 == id2);
		ck_assert_int_eq((LONG)m.dwParam2, LINEERR_OPERATIONFAILED);
		if ((LONG)m.dwParam1 == id1)
			id1 = 0;
		else
			id2 = 0;
	}
	ck_assert(!id1 && !id2);
	ck_assert_uint_eq(info.dwUsedSize, 0);
	ck_assert_uint_eq(info.dwAgentState, 0);

	/* our proxy's answer still goes, and is ignored */
	req->GetQueueInfo.QueueInfo.dwUsedSize = sizeof(qi);
	req->GetQueueInfo.QueueInfo.dwTotalCallsQueued = 5;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	ck_assert_uint_eq(qi.dwUsedSize, 0);
	ck_assert_uint_eq(qi.dwTotalCallsQueued, 0);
	/* and their timeouts went with them */
	fake_relay_advance_ms(TAPI_PROXY_REQUEST_TIMEOUT_MS);
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 300));
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_open_validation)
{
	static const DWORD bad0[] = { 0 }, bad21[] = { 21 }, v20[] = { 9 };
	struct {
		LINECALLPARAMS cp;
		DWORD t;
	} p;
	HLINEAPP app, other;
	HLINE h, h2;
	LONG err;

	fake_backend_install(2, NULL);
	fake_relay_enable();
	app = fake_init_app("acd", NULL);
	other = fake_init_app("acd2", NULL);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY,
				  0, NULL), LINEERR_INVALPOINTER);
	memset(&p, 0, sizeof(p));
	p.cp.dwTotalSize = 8;
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY,
				  0, &p.cp), LINEERR_STRUCTURETOOSMALL);
	p.cp.dwTotalSize = sizeof(p);
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY,
				  0, &p.cp), LINEERR_INVALCALLPARAMS);
	p.cp.dwDevSpecificSize = 4;
	p.cp.dwDevSpecificOffset = sizeof(p);		/* outside */
	ck_assert_int_eq(lineOpen(app, 0, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY,
				  0, &p.cp), LINEERR_INVALCALLPARAMS);
	ck_assert_int_eq(fake_proxy_open(app, 0, 0x00020002, bad0, 1, &err), 0);
	ck_assert_int_eq(err, LINEERR_INVALCALLPARAMS);
	ck_assert_int_eq(fake_proxy_open(app, 0, 0x00020002, bad21, 1, &err),
			 0);
	ck_assert_int_eq(err, LINEERR_INVALCALLPARAMS);
	/* CREATEAGENT is TAPI 2.2; the option itself TAPI 2.0 */
	ck_assert_int_eq(fake_proxy_open(app, 0, 0x00020000, v20, 1, &err), 0);
	ck_assert_int_eq(err, LINEERR_INVALCALLPARAMS);
	ck_assert_int_eq(fake_proxy_open(app, 0, 0x00010004, all_types, 1,
					 &err), 0);
	ck_assert_int_eq(err, LINEERR_INVALPRIVSELECT);
	ck_assert_uint_eq(fake_relay_types(0), 0);

	/* one proxy per type and channel */
	h = fake_proxy_open(app, 0, 0x00020002, all_types, 4, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq(fake_relay_types(0), 0x1E);
	ck_assert_int_eq(fake_proxy_open(other, 0, 0x00020002, all_types + 3,
					 2, &err), 0);
	ck_assert_int_eq(err, LINEERR_NOTREGISTERED);
	h2 = fake_proxy_open(other, 0, 0x00020002, all_types + 4, 2, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq(fake_relay_types(0), 0x7E);
	fake_relay_foreign(1, 1U << 9);
	ck_assert_int_eq(fake_proxy_open(app, 1, 0x00020002, all_types + 8,
					 1, &err), 0);
	ck_assert_int_eq(err, LINEERR_NOTREGISTERED);
	/* closing gives the types back */
	ck_assert_int_eq(lineClose(h), 0);
	ck_assert_uint_eq(fake_relay_types(0), 0x60);
	ck_assert_int_eq(lineShutdown(other), 0);
	ck_assert_uint_eq(fake_relay_types(0), 0);
	(void)h2;
	lineShutdown(app);
}
END_TEST

START_TEST(test_proxy_response_validation)
{
	LINEAGENTSTATUS st = { .dwTotalSize = sizeof(st) };
	LINEPROXYREQUEST *req, fake;
	struct cc c;
	LONG id;

	cc_setup(&c, true);
	id = lineGetAgentStatus(c.line, 0, &st);
	req = next_request(&c, LINEPROXYREQUEST_GETAGENTSTATUS);
	ck_assert_int_eq(lineProxyResponse(0x7777, req, 0),
			 LINEERR_INVALLINEHANDLE);
	ck_assert_int_eq(lineProxyResponse(c.line, req, 0),
			 LINEERR_NOTREGISTERED);
	ck_assert_int_eq(lineProxyResponse(c.proxy, NULL, 0),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineProxyResponse(c.proxy, &fake, 0),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 1),
			 LINEERR_INVALPARAM);
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0x40000000),
			 LINEERR_INVALPARAM);
	/* nothing happened yet: the request is still the proxy's */
	ck_assert(fake_no_msg(c.client, LINE_REPLY, 100));
	req->GetAgentStatus.AgentStatus.dwUsedSize = sizeof(st);
	req->GetAgentStatus.AgentStatus.dwState = LINEAGENTSTATE_READY;
	ck_assert_int_eq(lineProxyResponse(c.proxy, req, 0), 0);
	ck_assert_int_eq(fake_reply(c.client, id, WAIT_MS), 0);
	ck_assert_uint_eq(st.dwState, LINEAGENTSTATE_READY);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_message_fan_out)
{
	HLINEAPP old;
	HLINE old_line, other_chan;
	LINEMESSAGE m;
	struct cc c;

	cc_setup(&c, true);
	old = fake_init_app("tapi20", NULL);
	ck_assert_int_eq(lineOpen(old, 0, &old_line, 0x00020000, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
	ck_assert_int_eq(lineOpen(c.client, 1, &other_chan, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);

	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSTATUSEX,
					  0x41, LINEAGENTSTATUSEX_STATE,
					  LINEAGENTSTATEEX_READY), 0);
	ck_assert(fake_wait_msg(c.client, LINE_AGENTSTATUSEX, 0, &m, WAIT_MS));
	ck_assert_uint_eq(m.hDevice, c.line);	/* not other_chan */
	ck_assert_uint_eq(m.dwParam1, 0x41);
	ck_assert_uint_eq(m.dwParam2, LINEAGENTSTATUSEX_STATE);
	ck_assert_uint_eq(m.dwParam3, LINEAGENTSTATEEX_READY);
	ck_assert(fake_wait_msg(c.acd, LINE_AGENTSTATUSEX, c.proxy, &m,
				WAIT_MS));

	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSTATUS, 0,
					  LINEAGENTSTATUS_STATE,
					  LINEAGENTSTATE_READY), 0);
	ck_assert(fake_wait_msg(old, LINE_AGENTSTATUS, old_line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam3, LINEAGENTSTATE_READY);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_QUEUESTATUS, 7,
					  LINEQUEUESTATUS_UPDATEINFO, 0), 0);
	ck_assert(fake_wait_msg(c.client, LINE_QUEUESTATUS, c.line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, 7);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_GROUPSTATUS,
					  LINEGROUPSTATUS_NEWGROUP, 0, 0), 0);
	ck_assert(fake_wait_msg(c.client, LINE_GROUPSTATUS, c.line, &m,
				WAIT_MS));
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSESSIONSTATUS,
					  0x600,
					  LINEAGENTSESSIONSTATUS_STATE,
					  LINEAGENTSESSIONSTATE_BUSYONCALL),
			 0);
	ck_assert(fake_wait_msg(c.client, LINE_AGENTSESSIONSTATUS, c.line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam3, LINEAGENTSESSIONSTATE_BUSYONCALL);
	/* the TAPI 2.0 line hears none of the TAPI 2.2 messages */
	ck_assert(fake_no_msg(old, LINE_AGENTSTATUSEX, 200));

	/* a proxy of another process */
	fake_relay_foreign_message(0, LINE_AGENTSPECIFIC, 1, 2, 3);
	ck_assert(fake_wait_msg(c.client, LINE_AGENTSPECIFIC, c.line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam3, 3);
	ck_assert(fake_wait_msg(old, LINE_AGENTSPECIFIC, old_line, &m,
				WAIT_MS));
	lineShutdown(old);
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_message_validation)
{
	struct cc c;

	cc_setup(&c, true);
	ck_assert_int_eq(lineProxyMessage(0x7777, 0, LINE_AGENTSTATUS, 0,
					  LINEAGENTSTATUS_STATE,
					  LINEAGENTSTATE_READY),
			 LINEERR_INVALLINEHANDLE);
	ck_assert_int_eq(lineProxyMessage(c.line, 0, LINE_AGENTSTATUS, 0,
					  LINEAGENTSTATUS_STATE,
					  LINEAGENTSTATE_READY),
			 LINEERR_NOTREGISTERED);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0x12345, LINE_AGENTSTATUS,
					  0, LINEAGENTSTATUS_STATE,
					  LINEAGENTSTATE_READY),
			 LINEERR_INVALCALLHANDLE);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_CALLSTATE, 0, 0,
					  0), LINEERR_INVALPARAM);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_PROXYSTATUS,
					  LINEPROXYSTATUS_OPEN, 1, 0),
			 LINEERR_INVALPARAM);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSTATUS, 1,
					  LINEAGENTSTATUS_STATE,
					  LINEAGENTSTATE_READY),
			 LINEERR_INVALADDRESSID);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSTATUS, 0, 0,
					  0), LINEERR_INVALPARAM);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSTATUS, 0,
					  LINEAGENTSTATUS_STATE,
					  LINEAGENTSTATE_READY |
					  LINEAGENTSTATE_NOTREADY),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSTATUSEX, 1,
					  LINEAGENTSTATUSEX_STATE, 0x80),
			 LINEERR_INVALAGENTSTATE);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_AGENTSESSIONSTATUS,
					  1, LINEAGENTSESSIONSTATUS_STATE,
					  0x40),
			 LINEERR_INVALAGENTSESSIONSTATE);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_QUEUESTATUS, 1, 8,
					  0), LINEERR_INVALPARAM);
	ck_assert_int_eq(lineProxyMessage(c.proxy, 0, LINE_GROUPSTATUS, 0, 0,
					  0), LINEERR_INVALPARAM);
	/* nothing of that reached anyone */
	ck_assert(fake_no_msg(c.client, LINE_AGENTSTATUS, 200));
	cc_teardown(&c);
}
END_TEST

START_TEST(test_proxy_status)
{
	union {
		LINEPROXYREQUESTLIST l;
		unsigned char room[256];
	} u;
	DWORD *types;
	LINEMESSAGE m;
	struct cc c;
	LONG err;

	cc_setup(&c, false);
	memset(&u, 0, sizeof(u));
	u.l.dwTotalSize = sizeof(u);
	ck_assert_int_eq(lineGetProxyStatus(c.client, 0, 0x00020002, &u.l), 0);
	ck_assert_uint_eq(u.l.dwNumEntries, 0);

	c.proxy = fake_proxy_open(c.acd, 0, 0x00020002, all_types + 8, 2,
				  &err);
	ck_assert_int_eq(err, 0);
	ck_assert(fake_wait_msg(c.client, LINE_PROXYSTATUS, c.line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEPROXYSTATUS_OPEN);
	ck_assert_uint_eq(m.dwParam2, LINEPROXYREQUEST_CREATEAGENT);
	ck_assert(fake_wait_msg(c.client, LINE_PROXYSTATUS, c.line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam2, LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD);
	ck_assert_int_eq(lineGetProxyStatus(c.client, 0, 0x00020002, &u.l), 0);
	ck_assert_uint_eq(u.l.dwNumEntries, 2);
	ck_assert_uint_eq(u.l.dwListSize, 2 * sizeof(DWORD));
	types = (DWORD *)((char *)&u + u.l.dwListOffset);
	ck_assert_uint_eq(types[0], LINEPROXYREQUEST_CREATEAGENT);
	ck_assert_uint_eq(types[1], LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD);
	ck_assert_int_eq(lineGetProxyStatus(c.client, 1, 0x00020002, &u.l), 0);
	ck_assert_uint_eq(u.l.dwNumEntries, 0);

	ck_assert_int_eq(lineClose(c.proxy), 0);
	ck_assert(fake_wait_msg(c.client, LINE_PROXYSTATUS, c.line, &m,
				WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEPROXYSTATUS_CLOSE);

	/* arguments */
	ck_assert_int_eq(lineGetProxyStatus(0x7777, 0, 0x00020002, &u.l),
			 LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineGetProxyStatus(c.client, 9, 0x00020002, &u.l),
			 LINEERR_BADDEVICEID);
	ck_assert_int_eq(lineGetProxyStatus(c.client, 0, 0x00020000, &u.l),
			 LINEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_int_eq(lineGetProxyStatus(c.client, 0, 0x00020002, NULL),
			 LINEERR_INVALPOINTER);
	u.l.dwTotalSize = 8;
	ck_assert_int_eq(lineGetProxyStatus(c.client, 0, 0x00020002, &u.l),
			 LINEERR_STRUCTURETOOSMALL);
	cc_teardown(&c);
}
END_TEST

Suite *proxy_suite(void)
{
	Suite *s = suite_create("proxy");
	TCase *tc = tcase_create("test_proxy_get_functions_round_trip");

	ADD_TEST(s, test_proxy_agent_caps_round_trip);
	ADD_TEST(s, test_proxy_create_agent_round_trip);
	tcase_add_loop_test(tc, test_proxy_get_functions_round_trip, 0,
			    (int)TAPI_ARRAY_SIZE(get_cases));
	suite_add_tcase(s, tc);
	ADD_TEST(s, test_proxy_set_functions_round_trip);
	ADD_TEST(s, test_proxy_none_is_unavailable);
	ADD_TEST(s, test_proxy_no_relay);
	ADD_TEST(s, test_proxy_gone_fails_requests);
	ADD_TEST(s, test_proxy_shutdown_fails_requests);
	ADD_TEST(s, test_proxy_foreign_round_trip);
	ADD_TEST(s, test_proxy_line_closed_before_answer);
	ADD_TEST(s, test_proxy_request_times_out);
	ADD_TEST(s, test_proxy_overrun_fails_all);
	ADD_TEST(s, test_proxy_open_validation);
	ADD_TEST(s, test_proxy_response_validation);
	ADD_TEST(s, test_proxy_message_fan_out);
	ADD_TEST(s, test_proxy_message_validation);
	ADD_TEST(s, test_proxy_status);
	return s;
}
