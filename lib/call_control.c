// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call control: lineMakeCall, lineDial, lineAnswer, lineDrop,
 * lineDeallocateCall.
 *
 * lineMakeCall on an FXO line seizes the line (off-hook; if we hung up
 * less than TAPI_FXO_RELEASE_GUARD_MS ago, only once that time is over,
 * so the exchange does not take it for a hook flash) and executes the
 * dial string (dialer.c): 'W' waits for the dial tone the kernel's
 * detector hears, digits go out as DTMF through TAPI_IOC_DIAL, ',' pauses,
 * '!' flashes, '@' waits for ring-back and quiet, ';' leaves the call in
 * the dialing state for lineDial.  Its LINE_REPLY comes as soon as the
 * line is seized and the call exists (*lphCall is valid then); the call's
 * progress follows as LINE_CALLSTATE, and a dial string that cannot be
 * completed (no dial tone within dwWaitForDialtone) disconnects the call
 * with LINEDISCONNECTMODE_NODIALTONE.  lineDial's LINE_REPLY comes when
 * its digits have been sent.
 *
 * On a station line (FXS port, handset) we are the exchange: lineMakeCall
 * rings the station (the destination address is checked but there is
 * nothing to dial), lineAnswer connects a station that went off-hook,
 * lineDrop stops the ringing or disconnects the station.
 *
 * The kernel carries one call per channel; a second call, or a call while
 * another process uses the line, is LINEERR_CALLUNAVAIL.  Pulse dialing
 * ('P') needs a kernel pulse dialer, which no channel has yet:
 * LINEERR_INVALADDRESS.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"

/* US ring cadence for a station we call (2 s on, 4 s off) */
static const struct tapi_ring station_ring = {
	.count = 0, .nsteps = 2, .step_ms = { 2000, 4000 },
};

static DWORD clamp(DWORD v, DWORD lo, DWORD hi, DWORD dflt)
{
	if (!v)
		return dflt;
	return v < lo ? lo : v > hi ? hi : v;
}

/* Zero means the default; out of range means the nearest value (TAPI). */
static void dial_params_from(LINEDIALPARAMS *p, const LINEDIALPARAMS *in)
{
	p->dwDialPause = clamp(in->dwDialPause, 0, TAPI_DIAL_PAUSE_MAX_MS,
			       p->dwDialPause);
	p->dwDialSpeed = clamp(in->dwDialSpeed, TAPI_DTMF_OFF_MIN_MS,
			       TAPI_DTMF_OFF_MAX_MS, p->dwDialSpeed);
	p->dwDigitDuration = clamp(in->dwDigitDuration, TAPI_DTMF_ON_MIN_MS,
				   TAPI_DTMF_ON_MAX_MS, p->dwDigitDuration);
	p->dwWaitForDialtone = clamp(in->dwWaitForDialtone, 1,
				     TAPI_DIALTONE_WAIT_MAX_MS,
				     p->dwWaitForDialtone);
}

/* A string of an input structure, or NULL when absent; -1 when bad. */
static int var_string(const void *s, DWORD total, DWORD fixed, DWORD size,
		      DWORD offset, char **out)
{
	const char *p = (const char *)s + offset;

	*out = NULL;
	if (!size)
		return 0;
	if (!tapi_var_field_valid(s, total, fixed, size, offset))
		return -1;
	*out = strndup(p, size);
	if (!*out)
		return -1;
	return tapi_utf8_check(*out, size, false) ? -1 : 0;
}

struct make_params {
	DWORD media_mode;
	LINEDIALPARAMS dial;
	DWORD flags;
	char *displayable, *called_party, *comment;
};

static void make_params_release(struct make_params *mp)
{
	free(mp->displayable);
	free(mp->called_party);
	free(mp->comment);
}

static LONG check_call_params(const LINECALLPARAMS *cp, DWORD version,
			      struct make_params *mp)
{
	DWORD fixed = tapi_struct_fixed_size(TAPI_STRUCT_LINECALLPARAMS,
					     version);
	LONG err = tapi_check_in_struct(cp, fixed);
	DWORD total;

	if (err)
		return err;
	total = cp->dwTotalSize;
	if (cp->dwBearerMode && cp->dwBearerMode != LINEBEARERMODE_VOICE)
		return LINEERR_INVALBEARERMODE;
	if (cp->dwMediaMode) {
		if (cp->dwMediaMode & (cp->dwMediaMode - 1) ||
		    !(cp->dwMediaMode & (LINEMEDIAMODE_INTERACTIVEVOICE |
					 LINEMEDIAMODE_AUTOMATEDVOICE)))
			return LINEERR_INVALMEDIAMODE;
		mp->media_mode = cp->dwMediaMode;
	}
	if (cp->dwAddressMode && cp->dwAddressMode != LINEADDRESSMODE_ADDRESSID)
		return LINEERR_INVALADDRESSMODE;
	if (cp->dwAddressID)
		return LINEERR_INVALADDRESSID;
	if (cp->dwCallParamFlags & ~LINECALLPARAMFLAGS_IDLE)
		return LINEERR_INVALCALLPARAMS;
	mp->flags = cp->dwCallParamFlags;
	dial_params_from(&mp->dial, &cp->DialParams);
	if (var_string(cp, total, fixed, cp->dwDisplayableAddressSize,
		       cp->dwDisplayableAddressOffset, &mp->displayable) ||
	    var_string(cp, total, fixed, cp->dwCalledPartySize,
		       cp->dwCalledPartyOffset, &mp->called_party) ||
	    var_string(cp, total, fixed, cp->dwCommentSize,
		       cp->dwCommentOffset, &mp->comment))
		return LINEERR_INVALCALLPARAMS;
	return 0;
}

/* A dial string for a line: parsed, with pulse dialing refused. */
static LONG parse_address(struct tapi_linedev *ld, const char *address,
			  struct tapi_dialplan *plan)
{
	LONG err = tapi_dialplan_parse(address, tapi_linedev_devcap_flags(ld),
				       plan);

	if (err)
		return err;
	for (size_t i = 0; i < plan->nsteps; i++)
		if (plan->steps[i].kind == TAPI_STEP_DIGITS &&
		    plan->steps[i].mode != TAPI_DIAL_TONE)
			return LINEERR_INVALADDRESS;
	return 0;
}

/* Is the channel free for a new call, here and in the kernel? */
static LONG line_free(struct tapi_linedev *ld)
{
	struct tapi_call_info info;

	if (ld->removed)
		return LINEERR_NODEVICE;
	if (!ld->chan)
		return LINEERR_OPERATIONUNAVAIL;
	if (ld->call)
		return LINEERR_CALLUNAVAIL;
	if (!ld->chan->ops->get_call(ld->chan, &info) &&
	    info.state != TAPI_CALL_IDLE)
		return LINEERR_CALLUNAVAIL;	/* another process's call */
	return 0;
}

/**
 * lineMakeCall() - place a call
 * @hLine: from lineOpen (any privilege)
 * @lphCall: out: the call's handle, valid when lineMakeCall returns and
 *	confirmed by a successful LINE_REPLY
 * @lpszDestAddress: dial string, or NULL to seize the line only (dial
 *	later with lineDial)
 * @dwCountryCode: 0 or the destination's country code (not translated)
 * @lpCallParams: NULL, or bearer mode VOICE, media mode
 *	INTERACTIVEVOICE or AUTOMATEDVOICE, address 0, LINEDIALPARAMS
 *	(0 fields: defaults; out of range: nearest value), and the
 *	displayable address, called party and comment strings
 *
 * Return: a positive request ID; LINEERR_INVALLINEHANDLE,
 * LINEERR_UNINITIALIZED, LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_INVALBEARERMODE, LINEERR_INVALMEDIAMODE,
 * LINEERR_INVALADDRESSMODE, LINEERR_INVALADDRESSID,
 * LINEERR_INVALCALLPARAMS, LINEERR_INVALADDRESS, LINEERR_DIALDIALTONE,
 * LINEERR_DIALQUIET, LINEERR_DIALBILLING, LINEERR_DIALPROMPT,
 * LINEERR_CALLUNAVAIL, LINEERR_NODEVICE, LINEERR_OPERATIONUNAVAIL,
 * LINEERR_OPERATIONFAILED, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineMakeCall(HLINE hLine, LPHCALL lphCall,
				     LPCSTR lpszDestAddress,
				     DWORD dwCountryCode,
				     const LINECALLPARAMS *lpCallParams)
{
	struct make_params mp = { .media_mode = LINEMEDIAMODE_INTERACTIVEVOICE };
	struct tapi_dialplan plan = { 0 };
	struct tapi_linedev *ld;
	struct tapi_line *line;
	struct tapi_call *call;
	struct tapi_hcall *hc;
	uint64_t seize_at;
	bool later;
	LONG err, id;
	int e;

	(void)dwCountryCode;
	err = tapi_line_begin(hLine, &line);
	if (err)
		return err;
	ld = line->dev;
	if (!lphCall || (uintptr_t)lphCall % _Alignof(HCALL)) {
		err = LINEERR_INVALPOINTER;
		goto out;
	}
	mp.dial = (LINEDIALPARAMS){ 2000, 100, 100, 10000 };
	if (lpCallParams) {
		err = check_call_params(lpCallParams, line->version, &mp);
		if (err)
			goto out;
	}
	if (lpszDestAddress) {
		err = parse_address(ld, lpszDestAddress, &plan);
		if (err)
			goto out;
	}
	err = line_free(ld);
	if (err)
		goto out;

	seize_at = ld->released_ms + TAPI_FXO_RELEASE_GUARD_MS;
	later = !tapi_linedev_is_station(ld) && ld->released_ms &&
		tapi_now_ms() < seize_at;
	if (later)
		e = 0;
	else if (tapi_linedev_is_station(ld))
		e = ld->chan->ops->ring_start(ld->chan, &station_ring);
	else
		e = ld->chan->ops->set_hook(ld->chan, TAPI_HOOK_OFF);
	if (e) {
		err = e == -EBUSY ? LINEERR_CALLUNAVAIL :
				    tapi_lineerr_from_errno(e);
		goto out;
	}
	call = tapi_call_new(ld, TAPI_ORIGIN_OUT, true);
	if (!call) {
		err = LINEERR_NOMEM;
		goto out_release;
	}
	call->offhook = !tapi_linedev_is_station(ld) && !later;
	call->media_mode = mp.media_mode;
	call->dial_params = mp.dial;
	call->call_param_flags = mp.flags;
	call->displayable = mp.displayable;
	call->called_party = mp.called_party;
	call->comment = mp.comment;
	mp.displayable = mp.called_party = mp.comment = NULL;
	free(call->app_name);
	call->app_name = strdup(line->app->friendly_name);
	err = tapi_call_add_handle(call, line, LINECALLPRIVILEGE_OWNER, false,
				   &hc);
	if (err) {
		tapi_call_hangup(call, NULL);
		goto out;
	}
	for (struct tapi_line *l = ld->lines; l; l = l->next)
		if (l != line && l->privileges & LINECALLPRIVILEGE_MONITOR)
			tapi_call_add_handle(call, l, LINECALLPRIVILEGE_MONITOR,
					     true, NULL);
	id = tapi_request_new();
	*lphCall = hc->handle;
	tapi_post_reply(line->app, id, 0, line->instance);
	if (later)
		tapi_call_seize_later(call, seize_at, &plan);
	else if (plan.nsteps && !tapi_linedev_is_station(ld))
		tapi_call_begin_dialing(call, &plan);
	tapi_dialplan_release(&plan);
	make_params_release(&mp);
	tapi_line_end(line);
	return id;

out_release:
	if (tapi_linedev_is_station(ld))
		ld->chan->ops->ring_stop(ld->chan);
	else if (!later)
		ld->chan->ops->set_hook(ld->chan, TAPI_HOOK_ON);
out:
	tapi_dialplan_release(&plan);
	make_params_release(&mp);
	tapi_line_end(line);
	return err;
}

static LONG check_uui(LPCSTR uui, DWORD size)
{
	if (size && !uui)
		return LINEERR_INVALPOINTER;
	return size ? LINEERR_USERUSERINFOTOOBIG : 0;	/* no UUI on analogue */
}

/**
 * lineDial() - dial more digits on a call
 * @hCall: a call the application owns on an FXO line, not idle or
 *	disconnected, not dialing already
 * @lpszDestAddress: the dial string
 * @dwCountryCode: 0 or a country code (not translated)
 *
 * Return: a positive request ID (LINE_REPLY when the digits are sent);
 * LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED, LINEERR_NOTOWNER,
 * LINEERR_INVALPOINTER, LINEERR_OPERATIONUNAVAIL (a station line),
 * LINEERR_INVALCALLSTATE, LINEERR_INVALADDRESS, LINEERR_DIALDIALTONE,
 * LINEERR_DIALQUIET, LINEERR_DIALBILLING, LINEERR_DIALPROMPT,
 * LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineDial(HCALL hCall, LPCSTR lpszDestAddress,
				 DWORD dwCountryCode)
{
	struct tapi_dialplan plan = { 0 };
	struct tapi_hcall *hc;
	struct tapi_call *call;
	LONG err, id;

	(void)dwCountryCode;
	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	call = hc->call;
	if (!(hc->privilege & LINECALLPRIVILEGE_OWNER))
		err = LINEERR_NOTOWNER;
	else if (!lpszDestAddress)
		err = LINEERR_INVALPOINTER;
	else if (tapi_linedev_is_station(call->dev))
		err = LINEERR_OPERATIONUNAVAIL;
	else if (!call->current || call->state == LINECALLSTATE_IDLE ||
		 call->state == LINECALLSTATE_DISCONNECTED ||
		 call->state == LINECALLSTATE_OFFERING ||
		 tapi_dialer_busy(&call->dialer))
		err = LINEERR_INVALCALLSTATE;
	else
		err = parse_address(call->dev, lpszDestAddress, &plan);
	if (err)
		goto out;
	id = tapi_request_new();
	tapi_object_get(&hc->line->app->obj);
	call->dial_app = hc->line->app;
	call->dial_request = id;
	call->dial_instance = hc->line->instance;
	err = tapi_call_begin_dialing(call, &plan);
	if (err)
		tapi_call_dial_done(call, TAPI_DIALER_FAILED);
	tapi_dialplan_release(&plan);
	tapi_hcall_end(hc);
	return id;
out:
	tapi_dialplan_release(&plan);
	tapi_hcall_end(hc);
	return err;
}

/**
 * lineAnswer() - answer an offered call
 * @hCall: a call the application owns: an FXO line ringing, or a
 *	station that went off-hook (offered or accepted)
 * @lpsUserUserInfo: must be NULL (analogue lines carry none)
 * @dwSize: 0
 *
 * Return: a positive request ID; LINEERR_INVALCALLHANDLE,
 * LINEERR_UNINITIALIZED, LINEERR_NOTOWNER, LINEERR_INVALPOINTER,
 * LINEERR_USERUSERINFOTOOBIG, LINEERR_INVALCALLSTATE, LINEERR_NODEVICE,
 * LINEERR_OPERATIONFAILED.
 */
TAPI_EXPORT LONG WINAPI lineAnswer(HCALL hCall, LPCSTR lpsUserUserInfo,
				   DWORD dwSize)
{
	struct tapi_hcall *hc;
	struct tapi_call *call;
	struct tapi_chan *c;
	LONG err, id;
	int e;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	call = hc->call;
	c = call->dev->chan;
	if (!(hc->privilege & LINECALLPRIVILEGE_OWNER))
		err = LINEERR_NOTOWNER;
	else
		err = check_uui(lpsUserUserInfo, dwSize);
	if (!err && (!call->current || (call->state != LINECALLSTATE_OFFERING &&
					call->state != LINECALLSTATE_ACCEPTED)))
		err = LINEERR_INVALCALLSTATE;
	if (!err && !c)
		err = LINEERR_NODEVICE;
	if (err)
		goto out;
	if (tapi_linedev_is_station(call->dev))
		e = c->ops->set_call_state(c, TAPI_CALL_CONNECTED);
	else
		e = c->ops->set_hook(c, TAPI_HOOK_OFF);
	if (e) {
		err = e == -EINVAL ? LINEERR_INVALCALLSTATE :
				     tapi_lineerr_from_errno(e);
		goto out;
	}
	if (!tapi_linedev_is_station(call->dev))
		call->offhook = true;
	id = tapi_request_new();
	tapi_post_reply(hc->line->app, id, 0, hc->line->instance);
	tapi_hcall_end(hc);
	return id;
out:
	tapi_hcall_end(hc);
	return err;
}

/**
 * lineDrop() - hang up a call
 * @hCall: a call the application owns, not idle
 * @lpsUserUserInfo: must be NULL
 * @dwSize: 0
 *
 * LINE_REPLY says the hang-up was done; the call goes IDLE when the
 * kernel says the line is, or right after the reply where the drop is
 * this process's alone (see tapi_call_hangup()).
 *
 * Return: a positive request ID; LINEERR_INVALCALLHANDLE,
 * LINEERR_UNINITIALIZED, LINEERR_NOTOWNER, LINEERR_INVALPOINTER,
 * LINEERR_USERUSERINFOTOOBIG, LINEERR_INVALCALLSTATE,
 * LINEERR_OPERATIONFAILED.
 */
TAPI_EXPORT LONG WINAPI lineDrop(HCALL hCall, LPCSTR lpsUserUserInfo,
				 DWORD dwSize)
{
	struct tapi_hcall *hc;
	struct tapi_call *call;
	struct tapi_app *app;
	DWORD_PTR instance;
	bool end_now;
	LONG err, id;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	call = hc->call;
	if (!(hc->privilege & LINECALLPRIVILEGE_OWNER))
		err = LINEERR_NOTOWNER;
	else
		err = check_uui(lpsUserUserInfo, dwSize);
	if (!err && (!call->current || call->state == LINECALLSTATE_IDLE))
		err = LINEERR_INVALCALLSTATE;
	if (err)
		goto out;
	app = hc->line->app;
	instance = hc->line->instance;
	err = tapi_call_hangup(call, &end_now);
	if (err)
		goto out;
	id = tapi_request_new();
	tapi_post_reply(app, id, 0, instance);
	if (end_now)
		tapi_call_end(call, LINEDISCONNECTMODE_NORMAL);
	tapi_hcall_end(hc);
	return id;
out:
	tapi_hcall_end(hc);
	return err;
}

/**
 * lineDeallocateCall() - give up a call handle
 * @hCall: the handle
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALCALLSTATE when the application is the call's sole owner
 * and the call is not idle (drop it first).
 */
TAPI_EXPORT LONG WINAPI lineDeallocateCall(HCALL hCall)
{
	struct tapi_hcall *hc;
	struct tapi_call *call;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	call = hc->call;
	if (hc->privilege == LINECALLPRIVILEGE_OWNER && call->current &&
	    call->state != LINECALLSTATE_IDLE &&
	    tapi_call_count_privilege(call, LINECALLPRIVILEGE_OWNER) == 1)
		err = LINEERR_INVALCALLSTATE;
	else
		tapi_hcall_release_locked(hc);
	tapi_hcall_end(hc);
	return err;
}
