// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The call-center functions' argument checks (lib/agent*.c): each bad
 * argument gets its TAPI error at once and sends nothing to the proxy;
 * the same call with good arguments goes through.  A foreign proxy (the
 * fake relay's other process) serves every type on channel 0.
 */
#include <dlfcn.h>
#include <string.h>

#include "fake_relay.h"

struct agent_fx {
	HLINEAPP app;
	HLINE line, line20;	/* opened at TAPI 2.2 and at 2.0 */
};

static void agent_setup(struct agent_fx *f)
{
	fake_backend_install(1, NULL);
	fake_relay_enable();
	f->app = fake_init_app("client", NULL);
	fake_relay_foreign(0, 0x1FFFFE);	/* types 1..20 */
	ck_assert_int_eq(lineOpen(f->app, 0, &f->line, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
	ck_assert_int_eq(lineOpen(f->app, 0, &f->line20, 0x00020000, 0, 0,
				  LINECALLPRIVILEGE_NONE, 0, NULL), 0);
}

/* @err came back, and no request reached the proxy. */
#define ck_refused(call, err) do {					\
	unsigned int n_ = fake_relay_pending_count();			\
	ck_assert_int_eq((call), (err));				\
	ck_assert_uint_eq(fake_relay_pending_count(), n_);		\
} while (0)

/* The call was sent. */
#define ck_sent(call) do {						\
	unsigned int n_ = fake_relay_pending_count();			\
	ck_assert_int_gt((call), 0);					\
	ck_assert_uint_eq(fake_relay_pending_count(), n_ + 1);		\
} while (0)

START_TEST(test_agent_caps_args)
{
	struct agent_fx f;
	union {
		LINEAGENTCAPS caps;
		char b[sizeof(LINEAGENTCAPS) + 4];
	} u;

	agent_setup(&f);
	memset(&u, 0, sizeof(u));
	u.caps.dwTotalSize = sizeof(LINEAGENTCAPS);
	ck_refused(lineGetAgentCaps(0x7777, 0, 0, 0x00020002, &u.caps),
		   LINEERR_INVALAPPHANDLE);
	ck_refused(lineGetAgentCaps(f.app, 5, 0, 0x00020002, &u.caps),
		   LINEERR_BADDEVICEID);
	ck_refused(lineGetAgentCaps(f.app, 0, 0, 0x00010004, &u.caps),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineGetAgentCaps(f.app, 0, 0, 0x00020003, &u.caps),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineGetAgentCaps(f.app, 0, 1, 0x00020002, &u.caps),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineGetAgentCaps(f.app, 0, 0, 0x00020002, NULL),
		   LINEERR_INVALPOINTER);
	ck_refused(lineGetAgentCaps(f.app, 0, 0, 0x00020002,
				    (LINEAGENTCAPS *)(u.b + 1)),
		   LINEERR_INVALPOINTER);
	/* TAPI 2.2 has ProxyGUID, 2.0 not */
	u.caps.dwTotalSize = offsetof(LINEAGENTCAPS, ProxyGUID);
	ck_refused(lineGetAgentCaps(f.app, 0, 0, 0x00020002, &u.caps),
		   LINEERR_STRUCTURETOOSMALL);
	ck_sent(lineGetAgentCaps(f.app, 0, 0, 0x00020000, &u.caps));
	u.caps.dwTotalSize = sizeof(LINEAGENTCAPS);
	ck_sent(lineGetAgentCaps(f.app, 0, 0, 0x00020002, &u.caps));
	lineShutdown(f.app);
}
END_TEST

START_TEST(test_agent_get_args)
{
	LINEAGENTSTATUS st = { .dwTotalSize = sizeof(st) };
	LINEAGENTACTIVITYLIST al = { .dwTotalSize = sizeof(al) };
	LINEAGENTGROUPLIST gl = { .dwTotalSize = sizeof(gl) };
	struct agent_fx f;

	agent_setup(&f);
	ck_refused(lineGetAgentStatus(0x7777, 0, &st),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetAgentStatus(f.line, 1, &st),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineGetAgentStatus(f.line, 0, NULL), LINEERR_INVALPOINTER);
	st.dwTotalSize = sizeof(st) - 4;
	ck_refused(lineGetAgentStatus(f.line, 0, &st),
		   LINEERR_STRUCTURETOOSMALL);
	st.dwTotalSize = sizeof(st);
	ck_sent(lineGetAgentStatus(f.line20, 0, &st));

	ck_refused(lineGetAgentActivityList(0x7777, 0, &al),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetAgentActivityList(f.line, 2, &al),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineGetAgentActivityList(f.line, 0, NULL),
		   LINEERR_INVALPOINTER);
	al.dwTotalSize = 12;
	ck_refused(lineGetAgentActivityList(f.line, 0, &al),
		   LINEERR_STRUCTURETOOSMALL);
	al.dwTotalSize = sizeof(al);
	ck_sent(lineGetAgentActivityList(f.line, 0, &al));

	ck_refused(lineGetAgentGroupList(0x7777, 0, &gl),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetAgentGroupList(f.line, 3, &gl),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineGetAgentGroupList(f.line, 0, NULL),
		   LINEERR_INVALPOINTER);
	gl.dwTotalSize = 0;
	ck_refused(lineGetAgentGroupList(f.line, 0, &gl),
		   LINEERR_STRUCTURETOOSMALL);
	gl.dwTotalSize = sizeof(gl);
	ck_sent(lineGetAgentGroupList(f.line, 0, &gl));
	lineShutdown(f.app);
}
END_TEST

START_TEST(test_agent_set_args)
{
	struct {
		LINEAGENTGROUPLIST gl;
		LINEAGENTGROUPENTRY e[2];
	} g;
	char params[4] = "abc";
	struct agent_fx f;

	agent_setup(&f);
	ck_refused(lineSetAgentActivity(0x7777, 0, 1),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetAgentActivity(f.line, 1, 1), LINEERR_INVALADDRESSID);
	ck_sent(lineSetAgentActivity(f.line, 0, 1));

	ck_refused(lineSetAgentState(0x7777, 0, LINEAGENTSTATE_READY, 0),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetAgentState(f.line, 1, LINEAGENTSTATE_READY, 0),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineSetAgentState(f.line, 0, 0, 0),
		   LINEERR_INVALAGENTSTATE);
	ck_refused(lineSetAgentState(f.line, 0, LINEAGENTSTATE_READY |
				     LINEAGENTSTATE_NOTREADY, 0),
		   LINEERR_INVALAGENTSTATE);
	ck_refused(lineSetAgentState(f.line, 0, 0, 0x400),
		   LINEERR_INVALAGENTSTATE);
	ck_sent(lineSetAgentState(f.line, 0, 0, LINEAGENTSTATE_LOGGEDOFF));

	memset(&g, 0, sizeof(g));
	g.gl.dwTotalSize = sizeof(g);
	g.gl.dwNumEntries = 2;
	g.gl.dwListSize = sizeof(g.e);
	g.gl.dwListOffset = offsetof(typeof(g), e);
	ck_refused(lineSetAgentGroup(0x7777, 0, &g.gl),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetAgentGroup(f.line, 1, &g.gl),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineSetAgentGroup(f.line, 0, NULL), LINEERR_INVALPOINTER);
	g.gl.dwTotalSize = 8;
	ck_refused(lineSetAgentGroup(f.line, 0, &g.gl),
		   LINEERR_STRUCTURETOOSMALL);
	g.gl.dwTotalSize = sizeof(g);
	g.gl.dwNumEntries = 3;			/* more than the list holds */
	ck_refused(lineSetAgentGroup(f.line, 0, &g.gl),
		   LINEERR_INVALAGENTGROUP);
	g.gl.dwNumEntries = 2;
	g.gl.dwListOffset = sizeof(g);		/* outside */
	ck_refused(lineSetAgentGroup(f.line, 0, &g.gl),
		   LINEERR_INVALAGENTGROUP);
	g.gl.dwListOffset = offsetof(typeof(g), e);
	g.e[1].dwNameSize = 4;
	g.e[1].dwNameOffset = sizeof(g) - 2;	/* a name outside */
	ck_refused(lineSetAgentGroup(f.line, 0, &g.gl),
		   LINEERR_INVALAGENTGROUP);
	g.e[1].dwNameSize = 0;
	ck_sent(lineSetAgentGroup(f.line, 0, &g.gl));

	ck_refused(lineAgentSpecific(0x7777, 0, 0, params, 4),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineAgentSpecific(f.line, 1, 0, params, 4),
		   LINEERR_INVALADDRESSID);
	ck_refused(lineAgentSpecific(f.line, 0, 0, NULL, 4),
		   LINEERR_INVALPOINTER);
	ck_refused(lineAgentSpecific(f.line, 0, 0, params, 0x100000),
		   LINEERR_INVALPARAM);
	ck_sent(lineAgentSpecific(f.line, 0, 0, NULL, 0));
	ck_sent(lineAgentSpecific(f.line, 0, 1, params, 4));
	lineShutdown(f.app);
}
END_TEST

START_TEST(test_agent_ex_args)
{
	LINEAGENTINFO info = { .dwTotalSize = sizeof(info) };
	char long_id[300], bad_utf8[] = "\xC3\x28";
	HAGENT agent;
	struct agent_fx f;

	agent_setup(&f);
	memset(long_id, 'x', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	ck_refused(lineCreateAgent(0x7777, "a", "1", &agent),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineCreateAgent(f.line20, "a", "1", &agent),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineCreateAgent(f.line, "a", "1", NULL),
		   LINEERR_INVALPOINTER);
	ck_refused(lineCreateAgent(f.line, long_id, "1", &agent),
		   LINEERR_INVALAGENTID);
	ck_refused(lineCreateAgent(f.line, bad_utf8, "1", &agent),
		   LINEERR_INVALAGENTID);
	ck_refused(lineCreateAgent(f.line, "a", bad_utf8, &agent),
		   LINEERR_INVALPASSWORD);
	ck_sent(lineCreateAgent(f.line, "a", "1", &agent));
	ck_sent(lineCreateAgent(f.line, NULL, NULL, &agent));

	ck_refused(lineGetAgentInfo(0x7777, 1, &info),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetAgentInfo(f.line20, 1, &info),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineGetAgentInfo(f.line, 0, &info), LINEERR_INVALAGENTID);
	ck_refused(lineGetAgentInfo(f.line, 1, NULL), LINEERR_INVALPOINTER);
	info.dwTotalSize = sizeof(info) - 1;
	ck_refused(lineGetAgentInfo(f.line, 1, &info),
		   LINEERR_STRUCTURETOOSMALL);
	info.dwTotalSize = sizeof(info);
	ck_sent(lineGetAgentInfo(f.line, 1, &info));

	ck_refused(lineSetAgentStateEx(0x7777, 1, LINEAGENTSTATEEX_READY, 0),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetAgentStateEx(f.line, 0, LINEAGENTSTATEEX_READY, 0),
		   LINEERR_INVALAGENTID);
	ck_refused(lineSetAgentStateEx(f.line, 1, 0, 0),
		   LINEERR_INVALAGENTSTATE);
	ck_refused(lineSetAgentStateEx(f.line, 1, 0x80, 0),
		   LINEERR_INVALAGENTSTATE);
	ck_refused(lineSetAgentStateEx(f.line, 1, LINEAGENTSTATEEX_READY,
				       LINEAGENTSTATEEX_READY |
				       LINEAGENTSTATEEX_NOTREADY),
		   LINEERR_INVALAGENTSTATE);
	ck_sent(lineSetAgentStateEx(f.line, 1, LINEAGENTSTATEEX_READY,
				    LINEAGENTSTATEEX_NOTREADY));

	ck_refused(lineSetAgentMeasurementPeriod(0x7777, 1, 60),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetAgentMeasurementPeriod(f.line, 0, 60),
		   LINEERR_INVALAGENTID);
	ck_refused(lineSetAgentMeasurementPeriod(f.line, 1, 0),
		   LINEERR_INVALPARAM);
	ck_sent(lineSetAgentMeasurementPeriod(f.line, 1, 60));
	lineShutdown(f.app);
}
END_TEST

START_TEST(test_agent_session_args)
{
	LINEAGENTSESSIONLIST sl = { .dwTotalSize = sizeof(sl) };
	LINEAGENTSESSIONINFO si = { .dwTotalSize = sizeof(si) };
	GUID group = { .Data1 = 1 };
	HAGENTSESSION session;
	struct agent_fx f;

	agent_setup(&f);
	ck_refused(lineCreateAgentSession(0x7777, 1, "1", 0, &group,
					  &session), LINEERR_INVALLINEHANDLE);
	ck_refused(lineCreateAgentSession(f.line20, 1, "1", 0, &group,
					  &session),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineCreateAgentSession(f.line, 0, "1", 0, &group,
					  &session), LINEERR_INVALAGENTID);
	ck_refused(lineCreateAgentSession(f.line, 1, "1", 0, NULL, &session),
		   LINEERR_INVALPOINTER);
	ck_refused(lineCreateAgentSession(f.line, 1, "1", 0, &group, NULL),
		   LINEERR_INVALPOINTER);
	ck_refused(lineCreateAgentSession(f.line, 1, "\xFF", 0, &group,
					  &session), LINEERR_INVALPASSWORD);
	ck_refused(lineCreateAgentSession(f.line, 1, "1", 1, &group,
					  &session), LINEERR_INVALADDRESSID);
	ck_sent(lineCreateAgentSession(f.line, 1, "1", 0, &group, &session));

	ck_refused(lineGetAgentSessionList(0x7777, 1, &sl),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetAgentSessionList(f.line, 0, &sl),
		   LINEERR_INVALAGENTID);
	ck_refused(lineGetAgentSessionList(f.line, 1, NULL),
		   LINEERR_INVALPOINTER);
	sl.dwTotalSize = 4;
	ck_refused(lineGetAgentSessionList(f.line, 1, &sl),
		   LINEERR_STRUCTURETOOSMALL);
	sl.dwTotalSize = sizeof(sl);
	ck_sent(lineGetAgentSessionList(f.line, 1, &sl));

	ck_refused(lineGetAgentSessionInfo(0x7777, 1, &si),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetAgentSessionInfo(f.line, 0, &si),
		   LINEERR_INVALPARAM);
	ck_refused(lineGetAgentSessionInfo(f.line, 1, NULL),
		   LINEERR_INVALPOINTER);
	si.dwTotalSize = sizeof(si) - 8;
	ck_refused(lineGetAgentSessionInfo(f.line, 1, &si),
		   LINEERR_STRUCTURETOOSMALL);
	si.dwTotalSize = sizeof(si);
	ck_sent(lineGetAgentSessionInfo(f.line, 1, &si));

	ck_refused(lineSetAgentSessionState(0x7777, 1,
					    LINEAGENTSESSIONSTATE_READY, 0),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetAgentSessionState(f.line, 0,
					    LINEAGENTSESSIONSTATE_READY, 0),
		   LINEERR_INVALPARAM);
	ck_refused(lineSetAgentSessionState(f.line, 1, 0, 0),
		   LINEERR_INVALAGENTSESSIONSTATE);
	ck_refused(lineSetAgentSessionState(f.line, 1, 0x40, 0),
		   LINEERR_INVALAGENTSESSIONSTATE);
	ck_refused(lineSetAgentSessionState(f.line, 1, 0, 3),
		   LINEERR_INVALAGENTSESSIONSTATE);
	ck_sent(lineSetAgentSessionState(f.line, 1,
					 LINEAGENTSESSIONSTATE_ENDED, 0));
	lineShutdown(f.app);
}
END_TEST

START_TEST(test_agent_queue_args)
{
	LINEQUEUELIST ql = { .dwTotalSize = sizeof(ql) };
	LINEQUEUEINFO qi = { .dwTotalSize = sizeof(qi) };
	LINEAGENTGROUPLIST gl = { .dwTotalSize = sizeof(gl) };
	GUID group = { .Data1 = 1 };
	struct agent_fx f;

	agent_setup(&f);
	ck_refused(lineGetQueueList(0x7777, &group, &ql),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetQueueList(f.line20, &group, &ql),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineGetQueueList(f.line, NULL, &ql), LINEERR_INVALPOINTER);
	ck_refused(lineGetQueueList(f.line, &group, NULL),
		   LINEERR_INVALPOINTER);
	ql.dwTotalSize = sizeof(ql) - 4;
	ck_refused(lineGetQueueList(f.line, &group, &ql),
		   LINEERR_STRUCTURETOOSMALL);
	ql.dwTotalSize = sizeof(ql);
	ck_sent(lineGetQueueList(f.line, &group, &ql));

	ck_refused(lineGetQueueInfo(0x7777, 1, &qi), LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetQueueInfo(f.line, 1, NULL), LINEERR_INVALPOINTER);
	qi.dwTotalSize = 12;
	ck_refused(lineGetQueueInfo(f.line, 1, &qi),
		   LINEERR_STRUCTURETOOSMALL);
	qi.dwTotalSize = sizeof(qi);
	ck_sent(lineGetQueueInfo(f.line, 1, &qi));

	ck_refused(lineSetQueueMeasurementPeriod(0x7777, 1, 60),
		   LINEERR_INVALLINEHANDLE);
	ck_refused(lineSetQueueMeasurementPeriod(f.line20, 1, 60),
		   LINEERR_INCOMPATIBLEAPIVERSION);
	ck_refused(lineSetQueueMeasurementPeriod(f.line, 1, 0),
		   LINEERR_INVALPARAM);
	ck_sent(lineSetQueueMeasurementPeriod(f.line, 1, 60));

	ck_refused(lineGetGroupList(0x7777, &gl), LINEERR_INVALLINEHANDLE);
	ck_refused(lineGetGroupList(f.line, NULL), LINEERR_INVALPOINTER);
	gl.dwTotalSize = 20;
	ck_refused(lineGetGroupList(f.line, &gl), LINEERR_STRUCTURETOOSMALL);
	gl.dwTotalSize = sizeof(gl);
	ck_sent(lineGetGroupList(f.line, &gl));
	lineShutdown(f.app);
}
END_TEST

START_TEST(test_agent_uninitialized)
{
	LINEAGENTINFO info = { .dwTotalSize = sizeof(info) };
	HAGENT agent;

	fake_backend_install(1, NULL);
	ck_assert_int_eq(lineCreateAgent(1, "a", NULL, &agent),
			 LINEERR_UNINITIALIZED);
	ck_assert_int_eq(lineGetAgentInfo(1, 1, &info),
			 LINEERR_UNINITIALIZED);
	ck_assert_int_eq(lineProxyMessage(1, 0, LINE_AGENTSTATUS, 0, 1, 0),
			 LINEERR_UNINITIALIZED);
}
END_TEST

/* The call-center functions are exported at TAPI_2.2. */
START_TEST(test_agent_exported)
{
	static const char *const names[] = {
		"lineGetAgentCaps", "lineGetAgentStatus",
		"lineGetAgentActivityList", "lineGetAgentGroupList",
		"lineSetAgentActivity", "lineSetAgentGroup", "lineSetAgentState",
		"lineAgentSpecific", "lineCreateAgent", "lineGetAgentInfo",
		"lineSetAgentStateEx", "lineSetAgentMeasurementPeriod",
		"lineCreateAgentSession", "lineGetAgentSessionList",
		"lineGetAgentSessionInfo", "lineSetAgentSessionState",
		"lineGetQueueList", "lineGetQueueInfo",
		"lineSetQueueMeasurementPeriod", "lineGetGroupList",
		"lineGetProxyStatus", "lineProxyResponse", "lineProxyMessage",
	};
	static const char *const hidden[] = {
		"tapi_agent_req_send", "tapi_proxy_relay_get",
		"tapi_nl_relay_open", "tapi_proxy_line_opened",
	};
	void *so = dlopen(LIBTAPI_SO_PATH, RTLD_NOW | RTLD_LOCAL);

	ck_assert_msg(so != NULL, "dlopen: %s", dlerror());
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(names); i++)
		ck_assert_msg(dlvsym(so, names[i], "TAPI_2.2") != NULL,
			      "%s not at TAPI_2.2", names[i]);
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(hidden); i++)
		ck_assert_msg(dlsym(so, hidden[i]) == NULL, "%s is visible",
			      hidden[i]);
	dlclose(so);
}
END_TEST

Suite *agent_suite(void)
{
	Suite *s = suite_create("agent");

	ADD_TEST(s, test_agent_caps_args);
	ADD_TEST(s, test_agent_get_args);
	ADD_TEST(s, test_agent_set_args);
	ADD_TEST(s, test_agent_ex_args);
	ADD_TEST(s, test_agent_session_args);
	ADD_TEST(s, test_agent_queue_args);
	ADD_TEST(s, test_agent_uninitialized);
	ADD_TEST(s, test_agent_exported);
	return s;
}
