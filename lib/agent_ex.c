// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The TAPI 2.2 agent functions: agents as objects of the ACD proxy
 * (HAGENT), created with an ID and PIN, with a state, a next state, a
 * measurement period and statistics (LINEAGENTINFO).  Asynchronous, as
 * every call-center function (agent_request.c).
 */
#include <string.h>

#include "proxy.h"

#define AGENT_STATES_EX	((LINEAGENTSTATEEX_RELEASED << 1) - 1)

/**
 * lineCreateAgent() - create an agent in the line's ACD proxy
 * @hLine: an open line (TAPI 2.2)
 * @lpszAgentID: the agent's ID (UTF-8), or NULL to let the proxy choose
 * @lpszAgentPIN: its PIN, or NULL
 * @lphAgent: out: the new agent's handle, written before LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALPOINTER,
 * LINEERR_INVALAGENTID, LINEERR_INVALPASSWORD (not UTF-8, too long),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineCreateAgent(HLINE hLine, LPSTR lpszAgentID,
					LPSTR lpszAgentPIN, LPHAGENT lphAgent)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine, LINEPROXYREQUEST_CREATEAGENT,
				       TAPI_VERSION_2_2);

	if (!err && (!lphAgent || (uintptr_t)lphAgent % _Alignof(HAGENT)))
		err = LINEERR_INVALPOINTER;
	if (!err)
		err = tapi_agent_check_string(lpszAgentID, LINEERR_INVALAGENTID);
	if (!err)
		err = tapi_agent_check_string(lpszAgentPIN,
					      LINEERR_INVALPASSWORD);
	if (!err &&
	    (tapi_agent_req_string(&r, offsetof(LINEPROXYREQUEST,
				   CreateAgent.dwAgentIDSize), lpszAgentID) ||
	     tapi_agent_req_string(&r, offsetof(LINEPROXYREQUEST,
				   CreateAgent.dwAgentPINSize), lpszAgentPIN)))
		err = LINEERR_NOMEM;
	if (!err)
		tapi_agent_req_handle_out(&r, offsetof(LINEPROXYREQUEST,
						       CreateAgent.hAgent),
					  lphAgent);
	return tapi_agent_req_send(&r, err);
}

/**
 * lineGetAgentInfo() - an agent's state and statistics
 * @hLine: an open line (TAPI 2.2)
 * @hAgent: from lineCreateAgent (any process's)
 * @lpAgentInfo: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALAGENTID (0),
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetAgentInfo(HLINE hLine, HAGENT hAgent,
					 LPLINEAGENTINFO lpAgentInfo)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_GETAGENTINFO,
				       TAPI_VERSION_2_2);

	if (!err && !hAgent)
		err = LINEERR_INVALAGENTID;
	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
						      GetAgentInfo.AgentInfo),
					 lpAgentInfo, sizeof(LINEAGENTINFO));
	if (!err && tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
					 GetAgentInfo.hAgent), hAgent))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineSetAgentStateEx() - an agent's state and next state
 * @hLine: an open line (TAPI 2.2)
 * @hAgent: from lineCreateAgent
 * @dwAgentState: one LINEAGENTSTATEEX_, or 0 to leave it
 * @dwNextAgentState: one LINEAGENTSTATEEX_, or 0 to leave it
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALAGENTID,
 * LINEERR_INVALAGENTSTATE (not one state, or both 0),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetAgentStateEx(HLINE hLine, HAGENT hAgent,
					    DWORD dwAgentState,
					    DWORD dwNextAgentState)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_SETAGENTSTATEEX,
				       TAPI_VERSION_2_2);

	if (!err && !hAgent)
		err = LINEERR_INVALAGENTID;
	if (!err)
		err = tapi_agent_check_state(dwAgentState, dwNextAgentState,
					     AGENT_STATES_EX,
					     LINEERR_INVALAGENTSTATE);
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentStateEx.hAgent), hAgent) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentStateEx.dwAgentState),
				  dwAgentState) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentStateEx.dwNextAgentState),
				  dwNextAgentState)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineSetAgentMeasurementPeriod() - the period of an agent's statistics
 * @hLine: an open line (TAPI 2.2)
 * @hAgent: from lineCreateAgent
 * @dwMeasurementPeriod: seconds, not 0
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALAGENTID,
 * LINEERR_INVALPARAM (0 s), LINEERR_OPERATIONUNAVAIL,
 * LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetAgentMeasurementPeriod(HLINE hLine,
						      HAGENT hAgent,
						      DWORD dwMeasurementPeriod)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD,
				TAPI_VERSION_2_2);

	if (!err && !hAgent)
		err = LINEERR_INVALAGENTID;
	if (!err && !dwMeasurementPeriod)
		err = LINEERR_INVALPARAM;
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentMeasurementPeriod.hAgent), hAgent) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentMeasurementPeriod.dwMeasurementPeriod),
				  dwMeasurementPeriod)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}
