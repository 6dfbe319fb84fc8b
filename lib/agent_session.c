// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * TAPI 2.2 agent sessions: an agent working in one group on one address
 * (HAGENTSESSION), with its own state and statistics.  Asynchronous, as
 * every call-center function (agent_request.c).
 */
#include <string.h>

#include "proxy.h"

#define SESSION_STATES	((LINEAGENTSESSIONSTATE_RELEASED << 1) - 1)

/**
 * lineCreateAgentSession() - an agent starts working in a group
 * @hLine: an open line (TAPI 2.2)
 * @hAgent: from lineCreateAgent
 * @lpszAgentPIN: the agent's PIN (UTF-8), or NULL
 * @dwWorkingAddressID: 0
 * @lpGroupID: the group, from lineGetGroupList
 * @lphAgentSession: out: the session's handle, written before LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALAGENTID,
 * LINEERR_INVALPOINTER, LINEERR_INVALPASSWORD, LINEERR_INVALADDRESSID,
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineCreateAgentSession(HLINE hLine, HAGENT hAgent,
					       LPSTR lpszAgentPIN,
					       DWORD dwWorkingAddressID,
					       LPGUID lpGroupID,
					       LPHAGENTSESSION lphAgentSession)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_CREATEAGENTSESSION,
				       TAPI_VERSION_2_2);

	if (!err && !hAgent)
		err = LINEERR_INVALAGENTID;
	if (!err && (!lpGroupID || !lphAgentSession ||
		     (uintptr_t)lphAgentSession % _Alignof(HAGENTSESSION)))
		err = LINEERR_INVALPOINTER;
	if (!err)
		err = tapi_agent_check_string(lpszAgentPIN,
					      LINEERR_INVALPASSWORD);
	if (!err && dwWorkingAddressID)
		err = LINEERR_INVALADDRESSID;
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  CreateAgentSession.hAgent), hAgent) ||
	     tapi_agent_req_put(&r, offsetof(LINEPROXYREQUEST,
				CreateAgentSession.GroupID), lpGroupID,
				sizeof(GUID)) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  CreateAgentSession.dwWorkingAddressID),
				  dwWorkingAddressID) ||
	     tapi_agent_req_string(&r, offsetof(LINEPROXYREQUEST,
				   CreateAgentSession.dwAgentPINSize),
				   lpszAgentPIN)))
		err = LINEERR_NOMEM;
	if (!err)
		tapi_agent_req_handle_out(&r, offsetof(LINEPROXYREQUEST,
					  CreateAgentSession.hAgentSession),
					  lphAgentSession);
	return tapi_agent_req_send(&r, err);
}

/**
 * lineGetAgentSessionList() - an agent's sessions
 * @hLine: an open line (TAPI 2.2)
 * @hAgent: from lineCreateAgent
 * @lpAgentSessionList: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALAGENTID,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetAgentSessionList(HLINE hLine, HAGENT hAgent,
						LPLINEAGENTSESSIONLIST
						lpAgentSessionList)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_GETAGENTSESSIONLIST,
				       TAPI_VERSION_2_2);

	if (!err && !hAgent)
		err = LINEERR_INVALAGENTID;
	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
					 GetAgentSessionList.SessionList),
					 lpAgentSessionList,
					 sizeof(LINEAGENTSESSIONLIST));
	if (!err && tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
					 GetAgentSessionList.hAgent), hAgent))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineGetAgentSessionInfo() - a session's state and statistics
 * @hLine: an open line (TAPI 2.2)
 * @hAgentSession: from lineCreateAgentSession
 * @lpAgentSessionInfo: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALPARAM (handle 0),
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetAgentSessionInfo(HLINE hLine,
						HAGENTSESSION hAgentSession,
						LPLINEAGENTSESSIONINFO
						lpAgentSessionInfo)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_GETAGENTSESSIONINFO,
				       TAPI_VERSION_2_2);

	if (!err && !hAgentSession)
		err = LINEERR_INVALPARAM;
	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
					 GetAgentSessionInfo.SessionInfo),
					 lpAgentSessionInfo,
					 sizeof(LINEAGENTSESSIONINFO));
	if (!err && tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
					 GetAgentSessionInfo.hAgentSession),
					 hAgentSession))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineSetAgentSessionState() - a session's state and next state
 * @hLine: an open line (TAPI 2.2)
 * @hAgentSession: from lineCreateAgentSession
 * @dwAgentSessionState: one LINEAGENTSESSIONSTATE_, or 0 to leave it
 * @dwNextAgentSessionState: likewise
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALPARAM (handle 0),
 * LINEERR_INVALAGENTSESSIONSTATE (not one state, or both 0),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetAgentSessionState(HLINE hLine,
						 HAGENTSESSION hAgentSession,
						 DWORD dwAgentSessionState,
						 DWORD dwNextAgentSessionState)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_SETAGENTSESSIONSTATE,
				       TAPI_VERSION_2_2);

	if (!err && !hAgentSession)
		err = LINEERR_INVALPARAM;
	if (!err)
		err = tapi_agent_check_state(dwAgentSessionState,
					     dwNextAgentSessionState,
					     SESSION_STATES,
					     LINEERR_INVALAGENTSESSIONSTATE);
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentSessionState.hAgentSession),
				  hAgentSession) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentSessionState.dwAgentSessionState),
				  dwAgentSessionState) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetAgentSessionState.dwNextAgentSessionState),
				  dwNextAgentSessionState)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}
