// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The TAPI 2.0 agent functions: an agent per line address, its groups,
 * state and activity, served by the line's ACD proxy (agent_request.c).
 * Every function is asynchronous: a positive request ID, then LINE_REPLY
 * once the structure it fills holds the proxy's answer.  Lines have one
 * address, 0.
 */
#include <string.h>

#include "proxy.h"

#define AGENT_STATES	((LINEAGENTSTATE_UNAVAIL << 1) - 1)

/* LINEAGENTCAPS' fixed part: ProxyGUID came with TAPI 2.2. */
static DWORD agentcaps_fixed(DWORD version)
{
	return version >= TAPI_VERSION_2_2 ? sizeof(LINEAGENTCAPS) :
	       offsetof(LINEAGENTCAPS, ProxyGUID);
}

/**
 * lineGetAgentCaps() - what the ACD proxy of a line device offers agents
 * @hLineApp: from lineInitializeEx
 * @dwDeviceID: the line device (no open line needed)
 * @dwAddressID: 0
 * @dwAppAPIVersion: 2.0 .. the application's version
 * @lpAgentCaps: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALAPPHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_BADDEVICEID, LINEERR_INCOMPATIBLEAPIVERSION,
 * LINEERR_INVALADDRESSID, LINEERR_INVALPOINTER,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_NODEVICE,
 * LINEERR_OPERATIONUNAVAIL (no proxy), LINEERR_RESOURCEUNAVAIL,
 * LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetAgentCaps(HLINEAPP hLineApp, DWORD dwDeviceID,
					 DWORD dwAddressID,
					 DWORD dwAppAPIVersion,
					 LPLINEAGENTCAPS lpAgentCaps)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_device(&r, hLineApp, dwDeviceID,
					 dwAppAPIVersion,
					 LINEPROXYREQUEST_GETAGENTCAPS);

	if (!err && dwAddressID)
		err = LINEERR_INVALADDRESSID;
	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
						      GetAgentCaps.AgentCaps),
					 lpAgentCaps,
					 agentcaps_fixed(dwAppAPIVersion));
	return tapi_agent_req_send(&r, err);
}

/* A request about address @addr of @hline that fills @out. */
static LONG get_struct(HLINE hline, DWORD addr, DWORD type, size_t addr_off,
		       size_t out_off, void *out, DWORD fixed)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hline, type, TAPI_VERSION_2_0);

	if (!err && addr)
		err = LINEERR_INVALADDRESSID;
	if (!err)
		err = tapi_agent_req_out(&r, out_off, out, fixed);
	if (!err && tapi_agent_req_put32(&r, addr_off, addr))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineGetAgentStatus() - an address's agent: groups, state, activity
 * @hLine: an open line
 * @dwAddressID: 0
 * @lpAgentStatus: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALADDRESSID,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetAgentStatus(HLINE hLine, DWORD dwAddressID,
					   LPLINEAGENTSTATUS lpAgentStatus)
{
	return get_struct(hLine, dwAddressID, LINEPROXYREQUEST_GETAGENTSTATUS,
			  offsetof(LINEPROXYREQUEST,
				   GetAgentStatus.dwAddressID),
			  offsetof(LINEPROXYREQUEST,
				   GetAgentStatus.AgentStatus),
			  lpAgentStatus, sizeof(LINEAGENTSTATUS));
}

/**
 * lineGetAgentActivityList() - the activities an agent may report
 * @hLine: an open line
 * @dwAddressID: 0
 * @lpAgentActivityList: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: as lineGetAgentStatus().
 */
TAPI_EXPORT LONG WINAPI lineGetAgentActivityList(HLINE hLine,
						 DWORD dwAddressID,
						 LPLINEAGENTACTIVITYLIST
						 lpAgentActivityList)
{
	return get_struct(hLine, dwAddressID,
			  LINEPROXYREQUEST_GETAGENTACTIVITYLIST,
			  offsetof(LINEPROXYREQUEST,
				   GetAgentActivityList.dwAddressID),
			  offsetof(LINEPROXYREQUEST,
				   GetAgentActivityList.ActivityList),
			  lpAgentActivityList, sizeof(LINEAGENTACTIVITYLIST));
}

/**
 * lineGetAgentGroupList() - the groups an agent may log into
 * @hLine: an open line
 * @dwAddressID: 0
 * @lpAgentGroupList: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: as lineGetAgentStatus().
 */
TAPI_EXPORT LONG WINAPI lineGetAgentGroupList(HLINE hLine, DWORD dwAddressID,
					      LPLINEAGENTGROUPLIST
					      lpAgentGroupList)
{
	return get_struct(hLine, dwAddressID,
			  LINEPROXYREQUEST_GETAGENTGROUPLIST,
			  offsetof(LINEPROXYREQUEST,
				   GetAgentGroupList.dwAddressID),
			  offsetof(LINEPROXYREQUEST,
				   GetAgentGroupList.GroupList),
			  lpAgentGroupList, sizeof(LINEAGENTGROUPLIST));
}

/**
 * lineSetAgentActivity() - set the activity an agent reports
 * @hLine: an open line
 * @dwAddressID: 0
 * @dwActivityID: one of lineGetAgentActivityList's IDs (the proxy checks
 *	it: LINEERR_INVALAGENTACTIVITY in LINE_REPLY)
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALADDRESSID,
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetAgentActivity(HLINE hLine, DWORD dwAddressID,
					     DWORD dwActivityID)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_SETAGENTACTIVITY,
				       TAPI_VERSION_2_0);

	if (!err && dwAddressID)
		err = LINEERR_INVALADDRESSID;
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentActivity.dwAddressID), dwAddressID) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentActivity.dwActivityID),
				  dwActivityID)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/* Bytes of a LINEAGENTGROUPLIST the proxy needs: up to its last part. */
static LONG group_list_len(const LINEAGENTGROUPLIST *gl, DWORD *len)
{
	const DWORD fixed = sizeof(LINEAGENTGROUPLIST);
	DWORD end = fixed;

	if (gl->dwNumEntries > gl->dwListSize / sizeof(LINEAGENTGROUPENTRY) ||
	    gl->dwListOffset % sizeof(DWORD) ||
	    !tapi_var_field_valid(gl, gl->dwTotalSize, fixed, gl->dwListSize,
				  gl->dwListOffset))
		return LINEERR_INVALAGENTGROUP;
	if (gl->dwListSize && gl->dwListOffset + gl->dwListSize > end)
		end = gl->dwListOffset + gl->dwListSize;
	for (DWORD i = 0; i < gl->dwNumEntries; i++) {
		LINEAGENTGROUPENTRY e;

		memcpy(&e, (const char *)gl + gl->dwListOffset + i * sizeof(e),
		       sizeof(e));
		if (!tapi_var_field_valid(gl, gl->dwTotalSize, fixed,
					  e.dwNameSize, e.dwNameOffset))
			return LINEERR_INVALAGENTGROUP;
		if (e.dwNameSize && e.dwNameOffset + e.dwNameSize > end)
			end = e.dwNameOffset + e.dwNameSize;
	}
	*len = end;
	return 0;
}

/**
 * lineSetAgentGroup() - the groups an address's agent is logged into
 * @hLine: an open line
 * @dwAddressID: 0
 * @lpAgentGroupList: the groups (an empty list logs the agent out of
 *	all); entries and names must lie within its dwTotalSize
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALADDRESSID,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_INVALAGENTGROUP, LINEERR_INVALPARAM (too big for the relay),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetAgentGroup(HLINE hLine, DWORD dwAddressID,
					  LPLINEAGENTGROUPLIST lpAgentGroupList)
{
	struct tapi_agent_req r;
	DWORD len = 0;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_SETAGENTGROUP,
				       TAPI_VERSION_2_0);

	if (!err && dwAddressID)
		err = LINEERR_INVALADDRESSID;
	if (!err)
		err = tapi_check_in_struct(lpAgentGroupList,
					   sizeof(LINEAGENTGROUPLIST));
	if (!err)
		err = group_list_len(lpAgentGroupList, &len);
	if (!err)
		err = tapi_agent_req_in(&r, offsetof(LINEPROXYREQUEST,
						     SetAgentGroup.GroupList),
					lpAgentGroupList, len);
	if (!err && tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
					 SetAgentGroup.dwAddressID),
					 dwAddressID))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineSetAgentState() - an address's agent state and next state
 * @hLine: an open line
 * @dwAddressID: 0
 * @dwAgentState: one LINEAGENTSTATE_, or 0 to leave it
 * @dwNextAgentState: one LINEAGENTSTATE_, or 0 to leave it
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALADDRESSID,
 * LINEERR_INVALAGENTSTATE (not one state, or both 0),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetAgentState(HLINE hLine, DWORD dwAddressID,
					  DWORD dwAgentState,
					  DWORD dwNextAgentState)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_SETAGENTSTATE,
				       TAPI_VERSION_2_0);

	if (!err && dwAddressID)
		err = LINEERR_INVALADDRESSID;
	if (!err)
		err = tapi_agent_check_state(dwAgentState, dwNextAgentState,
					     AGENT_STATES,
					     LINEERR_INVALAGENTSTATE);
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentState.dwAddressID), dwAddressID) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentState.dwAgentState), dwAgentState) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentState.dwNextAgentState),
				  dwNextAgentState)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineAgentSpecific() - an agent handler extension's own request
 * @hLine: an open line
 * @dwAddressID: 0
 * @dwAgentExtensionIDIndex: which of LINEAGENTCAPS' extensions
 * @lpParams: @dwSize bytes passed to the proxy and rewritten with what
 *	it returns; valid until LINE_REPLY
 * @dwSize: their number (may be 0)
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALADDRESSID,
 * LINEERR_INVALPOINTER, LINEERR_INVALPARAM (too big for the relay),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineAgentSpecific(HLINE hLine, DWORD dwAddressID,
					  DWORD dwAgentExtensionIDIndex,
					  LPVOID lpParams, DWORD dwSize)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_AGENTSPECIFIC,
				       TAPI_VERSION_2_0);

	if (!err && dwAddressID)
		err = LINEERR_INVALADDRESSID;
	if (!err && dwSize && !lpParams)
		err = LINEERR_INVALPOINTER;
	if (!err)
		err = tapi_agent_req_bytes(&r, offsetof(LINEPROXYREQUEST,
						AgentSpecific.Params),
					   lpParams, dwSize);
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  AgentSpecific.dwAddressID), dwAddressID) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  AgentSpecific.dwAgentExtensionIDIndex),
				  dwAgentExtensionIDIndex) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  AgentSpecific.dwSize), dwSize)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}
