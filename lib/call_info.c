// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What an application learns about calls: lineGetCallInfo,
 * lineGetCallStatus, lineGetNewCalls; and lineSetCallPrivilege.
 *
 * Caller ID comes from the kernel (struct tapi_call_info, decoded by the
 * DSP between the rings): the number and name, and the flags saying it
 * was withheld or unavailable.  The called ID of an outgoing call is what
 * was dialed; of a call offered on an FXO line, the line's own number;
 * of a call a station makes, the digits it dialed.  Owners and monitors
 * are counted among the handles of this process.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "engine.h"

static void add_str(struct tapi_varbuf *vb, size_t size_field,
		    size_t offset_field, const char *s)
{
	if (s && *s)
		tapi_varbuf_add_string(vb, size_field, offset_field, s);
}

#define ADD_STR(vb, field, s)						\
	add_str(vb, offsetof(LINECALLINFO, dw##field##Size),		\
		offsetof(LINECALLINFO, dw##field##Offset), s)

/* The party IDs of the call as seen from @ld. */
static void party_ids(const struct tapi_call *call, LINECALLINFO *ci,
		      struct tapi_varbuf *vb)
{
	const struct tapi_linedev *ld = call->dev;
	const char *own = ld->info.number;
	const char *called = call->info.called_number[0] ?
			     call->info.called_number : call->dialed;

	if (call->origin_kind == TAPI_ORIGIN_IN) {
		ci->dwCallerIDFlags = tapi_caller_id_flags(&call->info);
		ADD_STR(vb, CallerID, call->info.caller_number);
		ADD_STR(vb, CallerIDName, call->info.caller_name);
		if (tapi_linedev_is_station(ld))
			own = call->info.called_number;	/* what it dialed */
		ci->dwCalledIDFlags = *own ? LINECALLPARTYID_ADDRESS :
					     LINECALLPARTYID_UNKNOWN;
		ADD_STR(vb, CalledID, own);
	} else {
		ci->dwCallerIDFlags = *own && !tapi_linedev_is_station(ld) ?
				      LINECALLPARTYID_ADDRESS :
				      LINECALLPARTYID_UNKNOWN;
		if (!tapi_linedev_is_station(ld))
			ADD_STR(vb, CallerID, own);
		ci->dwCalledIDFlags = *called ? LINECALLPARTYID_ADDRESS :
						LINECALLPARTYID_UNKNOWN;
		ADD_STR(vb, CalledID, called);
	}
	ci->dwConnectedIDFlags = LINECALLPARTYID_UNAVAIL;
	ci->dwRedirectionIDFlags = LINECALLPARTYID_UNAVAIL;
	ci->dwRedirectingIDFlags = LINECALLPARTYID_UNAVAIL;
}

/**
 * lineGetCallInfo() - everything about a call that changes rarely
 * @hCall: any handle (owner or monitor)
 * @lpCallInfo: out; dwTotalSize set by the application
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetCallInfo(HCALL hCall,
					LPLINECALLINFO lpCallInfo)
{
	struct tapi_hcall *hc;
	struct tapi_call *call;
	struct tapi_varbuf vb;
	LINECALLINFO *ci;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	err = tapi_check_out_struct(lpCallInfo);
	if (err)
		goto out;
	if (tapi_varbuf_init(&vb, sizeof(*ci), tapi_struct_fixed_size(
				TAPI_STRUCT_LINECALLINFO, hc->line->version))) {
		err = LINEERR_NOMEM;
		goto out;
	}
	call = hc->call;
	if (call->current)	/* what only netlink announces: fresh */
		tapi_linedev_refresh_info(call->dev);
	ci = tapi_varbuf_fixed(&vb);
	ci->hLine = hc->line->handle;
	ci->dwLineDeviceID = call->dev->device_id;
	ci->dwAddressID = 0;
	ci->dwBearerMode = LINEBEARERMODE_VOICE;
	ci->dwMediaMode = call->media_mode;
	ci->dwCallID = call->kcall_id;
	ci->dwCallParamFlags = call->call_param_flags;
	ci->dwCallStates = tapi_callstates_supported(call->dev->info.signalling);
	ci->dwMonitorDigitModes = hc->monitor_digit_modes;
	ci->dwMonitorMediaModes = hc->monitor_media_modes;
	ci->DialParams = call->dial_params;
	ci->dwOrigin = call->origin;
	ci->dwReason = LINECALLREASON_DIRECT;
	ci->dwNumOwners = tapi_call_count_privilege(call,
						    LINECALLPRIVILEGE_OWNER);
	ci->dwNumMonitors = tapi_call_count_privilege(call,
						      LINECALLPRIVILEGE_MONITOR);
	ci->dwTrunk = 0xFFFFFFFF;	/* unknown */
	party_ids(call, ci, &vb);
	ADD_STR(&vb, AppName, call->app_name);
	ADD_STR(&vb, DisplayableAddress, call->displayable);
	ADD_STR(&vb, CalledParty, call->called_party);
	ADD_STR(&vb, Comment, call->comment);
	err = tapi_varbuf_finish(&vb, lpCallInfo);
	tapi_varbuf_release(&vb);
out:
	tapi_hcall_end(hc);
	return err;
}

/**
 * lineGetCallStatus() - a call's state, privilege and features now
 * @hCall: any handle
 * @lpCallStatus: out; dwTotalSize set by the application.  A call placed
 *	with lineMakeCall whose line has not reported a state yet is
 *	LINECALLSTATE_UNKNOWN.
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetCallStatus(HCALL hCall,
					  LPLINECALLSTATUS lpCallStatus)
{
	struct tapi_hcall *hc;
	struct tapi_call *call;
	struct tapi_varbuf vb;
	LINECALLSTATUS *cs;
	struct tm tm;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	err = tapi_check_out_struct(lpCallStatus);
	if (err)
		goto out;
	if (tapi_varbuf_init(&vb, sizeof(*cs), tapi_struct_fixed_size(
				TAPI_STRUCT_LINECALLSTATUS, hc->line->version))) {
		err = LINEERR_NOMEM;
		goto out;
	}
	call = hc->call;
	cs = tapi_varbuf_fixed(&vb);
	cs->dwCallState = call->state ? call->state : LINECALLSTATE_UNKNOWN;
	cs->dwCallStateMode = tapi_callstate_mode_for(call->state, call->mode,
						      hc->line->version);
	cs->dwCallPrivilege = hc->privilege;
	cs->dwCallFeatures = call->current || call->state != LINECALLSTATE_IDLE ?
			     tapi_call_features(call->dev->info.signalling,
						cs->dwCallState, hc->privilege,
						tapi_dialer_busy(&call->dialer)) :
			     0;
	gmtime_r(&call->state_time.tv_sec, &tm);	/* 2.0: UTC */
	cs->tStateEntryTime = (SYSTEMTIME){
		.wYear = tm.tm_year + 1900, .wMonth = tm.tm_mon + 1,
		.wDayOfWeek = tm.tm_wday, .wDay = tm.tm_mday,
		.wHour = tm.tm_hour, .wMinute = tm.tm_min,
		.wSecond = tm.tm_sec,
		.wMilliseconds = call->state_time.tv_nsec / 1000000,
	};
	err = tapi_varbuf_finish(&vb, lpCallStatus);
	tapi_varbuf_release(&vb);
out:
	tapi_hcall_end(hc);
	return err;
}

/**
 * lineGetNewCalls() - monitor handles to the line's calls the application
 *	has no handle to
 * @hLine: from lineOpen
 * @dwAddressID: 0 (LINECALLSELECT_ADDRESS)
 * @dwSelect: LINECALLSELECT_LINE or LINECALLSELECT_ADDRESS
 * @lpCallList: out; dwTotalSize set by the application.  When the array
 *	does not fit, no handle is created and dwNeededSize says how much
 *	room it takes.
 *
 * Return: 0; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALCALLSELECT, LINEERR_INVALADDRESSID, LINEERR_INVALPOINTER,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetNewCalls(HLINE hLine, DWORD dwAddressID,
					DWORD dwSelect,
					LPLINECALLLIST lpCallList)
{
	struct tapi_line *line;
	struct tapi_varbuf vb;
	LINECALLLIST *cl;
	HCALL handles[16];
	DWORD n = 0, fixed, needed;
	LONG err;

	err = tapi_line_begin(hLine, &line);
	if (err)
		return err;
	if (dwSelect != LINECALLSELECT_LINE &&
	    dwSelect != LINECALLSELECT_ADDRESS)
		err = LINEERR_INVALCALLSELECT;
	else if (dwSelect == LINECALLSELECT_ADDRESS && dwAddressID != 0)
		err = LINEERR_INVALADDRESSID;
	else
		err = tapi_check_out_struct(lpCallList);
	if (err)
		goto out;
	fixed = tapi_struct_fixed_size(TAPI_STRUCT_LINECALLLIST, line->version);
	for (struct tapi_call *c = line->dev->calls; c; c = c->next)
		if (c->current && !tapi_call_handle_of(c, line))
			n++;
	needed = fixed + n * sizeof(HCALL);
	if (tapi_varbuf_init(&vb, sizeof(*cl), fixed)) {
		err = LINEERR_NOMEM;
		goto out;
	}
	cl = tapi_varbuf_fixed(&vb);
	if (n && lpCallList->dwTotalSize >= needed) {
		n = 0;
		for (struct tapi_call *c = line->dev->calls;
		     c && n < TAPI_ARRAY_SIZE(handles); c = c->next) {
			struct tapi_hcall *hc;

			if (!c->current || tapi_call_handle_of(c, line) ||
			    tapi_call_add_handle(c, line,
						 LINECALLPRIVILEGE_MONITOR,
						 false, &hc))
				continue;
			handles[n++] = hc->handle;
		}
		cl->dwCallsNumEntries = n;
		tapi_varbuf_add(&vb, offsetof(LINECALLLIST, dwCallsSize),
				offsetof(LINECALLLIST, dwCallsOffset), handles,
				n * sizeof(HCALL), 4);
	}
	err = tapi_varbuf_finish(&vb, lpCallList);
	if (!err && lpCallList->dwNeededSize < needed)
		lpCallList->dwNeededSize = needed;
	tapi_varbuf_release(&vb);
out:
	tapi_line_end(line);
	return err;
}

/**
 * lineSetCallPrivilege() - become owner or monitor of a call
 * @hCall: the handle
 * @dwCallPrivilege: LINECALLPRIVILEGE_OWNER or _MONITOR
 *
 * The call's other handles get LINE_CALLINFO (NUMOWNERINCR/DECR,
 * NUMMONITORS).  Giving up the last ownership does not drop the call.
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALCALLPRIVILEGE, LINEERR_INVALCALLSTATE (owner of an idle
 * call).
 */
TAPI_EXPORT LONG WINAPI lineSetCallPrivilege(HCALL hCall,
					     DWORD dwCallPrivilege)
{
	struct tapi_hcall *hc;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	if (dwCallPrivilege != LINECALLPRIVILEGE_OWNER &&
	    dwCallPrivilege != LINECALLPRIVILEGE_MONITOR)
		err = LINEERR_INVALCALLPRIVILEGE;
	else if (dwCallPrivilege == LINECALLPRIVILEGE_OWNER &&
		 (!hc->call->current ||
		  hc->call->state == LINECALLSTATE_IDLE))
		err = LINEERR_INVALCALLSTATE;
	if (!err && hc->privilege != dwCallPrivilege) {
		hc->privilege = dwCallPrivilege;
		tapi_call_post_info(hc->call,
				    (dwCallPrivilege == LINECALLPRIVILEGE_OWNER ?
				     LINECALLINFOSTATE_NUMOWNERINCR :
				     LINECALLINFOSTATE_NUMOWNERDECR) |
				    LINECALLINFOSTATE_NUMMONITORS, hc);
	}
	tapi_hcall_end(hc);
	return err;
}
