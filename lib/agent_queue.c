// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * TAPI 2.2 queues and groups of the ACD proxy: the groups agents work
 * in, the queues of a group, a queue's statistics over its measurement
 * period.  Asynchronous, as every call-center function (agent_request.c).
 */
#include <string.h>

#include "proxy.h"

/**
 * lineGetGroupList() - the ACD groups of the line's proxy
 * @hLine: an open line (TAPI 2.2)
 * @lpGroupList: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALPOINTER,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_OPERATIONUNAVAIL,
 * LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetGroupList(HLINE hLine,
					 LPLINEAGENTGROUPLIST lpGroupList)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_GETGROUPLIST,
				       TAPI_VERSION_2_2);

	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
						      GetGroupList.GroupList),
					 lpGroupList,
					 sizeof(LINEAGENTGROUPLIST));
	return tapi_agent_req_send(&r, err);
}

/**
 * lineGetQueueList() - the queues of a group
 * @hLine: an open line (TAPI 2.2)
 * @lpGroupID: the group, from lineGetGroupList
 * @lpQueueList: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: as lineGetGroupList().
 */
TAPI_EXPORT LONG WINAPI lineGetQueueList(HLINE hLine, LPGUID lpGroupID,
					 LPLINEQUEUELIST lpQueueList)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_GETQUEUELIST,
				       TAPI_VERSION_2_2);

	if (!err && !lpGroupID)
		err = LINEERR_INVALPOINTER;
	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
						      GetQueueList.QueueList),
					 lpQueueList, sizeof(LINEQUEUELIST));
	if (!err && tapi_agent_req_put(&r, offsetof(LINEPROXYREQUEST,
				       GetQueueList.GroupID), lpGroupID,
				       sizeof(GUID)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineGetQueueInfo() - a queue's statistics
 * @hLine: an open line (TAPI 2.2)
 * @dwQueueID: from lineGetQueueList
 * @lpLineQueueInfo: out: dwTotalSize set; valid until LINE_REPLY
 *
 * Return: as lineGetGroupList().
 */
TAPI_EXPORT LONG WINAPI lineGetQueueInfo(HLINE hLine, DWORD dwQueueID,
					 LPLINEQUEUEINFO lpLineQueueInfo)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				       LINEPROXYREQUEST_GETQUEUEINFO,
				       TAPI_VERSION_2_2);

	if (!err)
		err = tapi_agent_req_out(&r, offsetof(LINEPROXYREQUEST,
						      GetQueueInfo.QueueInfo),
					 lpLineQueueInfo,
					 sizeof(LINEQUEUEINFO));
	if (!err && tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
					 GetQueueInfo.dwQueueID), dwQueueID))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}

/**
 * lineSetQueueMeasurementPeriod() - the period of a queue's statistics
 * @hLine: an open line (TAPI 2.2)
 * @dwQueueID: from lineGetQueueList
 * @dwMeasurementPeriod: seconds, not 0
 *
 * Return: a request ID; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INVALPARAM (0 s),
 * LINEERR_OPERATIONUNAVAIL, LINEERR_RESOURCEUNAVAIL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineSetQueueMeasurementPeriod(HLINE hLine,
						      DWORD dwQueueID,
						      DWORD dwMeasurementPeriod)
{
	struct tapi_agent_req r;
	LONG err = tapi_agent_req_line(&r, hLine,
				LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD,
				TAPI_VERSION_2_2);

	if (!err && !dwMeasurementPeriod)
		err = LINEERR_INVALPARAM;
	if (!err &&
	    (tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetQueueMeasurementPeriod.dwQueueID),
				  dwQueueID) ||
	     tapi_agent_req_put32(&r, offsetof(LINEPROXYREQUEST,
				  SetQueueMeasurementPeriod.dwMeasurementPeriod),
				  dwMeasurementPeriod)))
		err = LINEERR_NOMEM;
	return tapi_agent_req_send(&r, err);
}
