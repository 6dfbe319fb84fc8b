// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls and call handles.
 *
 * A call object lives while it is its line's current call (a reference
 * held by that link) and while applications hold handles to it.  Its
 * state is one TAPI state; each handle is told about changes in the
 * terms of its line's negotiated version (tapi_callstate_mode_for()).
 *
 * Messages about a handle: the first LINE_CALLSTATE a handle gets
 * carries the application's privilege in dwParam3, as TAPI does for a
 * handle an application has just received; handles the engine hands out
 * on its own (calls offered, calls seen by monitors) are announced with
 * LINE_APPNEWCALL first (TAPI 2.0 and later).  Other handles of the
 * call hear of new or lost owners and monitors through LINE_CALLINFO.
 *
 * Everything here runs with the engine lock held.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "engine.h"

struct tapi_handle_table tapi_calls = TAPI_HANDLE_TABLE_INIT(TAPI_HANDLE_CALL);

static struct tapi_hcall *to_hcall(struct tapi_object *obj)
{
	return (struct tapi_hcall *)((char *)obj -
				     offsetof(struct tapi_hcall, obj));
}

/* The last reference: no engine state is touched here. */
static void hcall_release(struct tapi_object *obj)
{
	struct tapi_hcall *hc = to_hcall(obj);

	free(hc->tones);
	tapi_line_put(hc->line);
	free(hc);
}

/**
 * tapi_hcall_lookup() - the handle object of an HCALL
 * @handle: from the application
 * @hc_out: out: referenced (tapi_hcall_put() it)
 *
 * The caller checks ->valid under the engine lock.
 *
 * Return: 0, LINEERR_INVALCALLHANDLE, or LINEERR_UNINITIALIZED when the
 * process has no application.
 */
LONG tapi_hcall_lookup(HCALL handle, struct tapi_hcall **hc_out)
{
	struct tapi_object *obj = tapi_handle_get(&tapi_calls, handle);

	if (!obj)
		return tapi_handle_count(&tapi_apps) ? LINEERR_INVALCALLHANDLE :
						       LINEERR_UNINITIALIZED;
	*hc_out = to_hcall(obj);
	return 0;
}

/**
 * tapi_hcall_put() - drop a reference from tapi_hcall_lookup()
 * @hc: the handle object, or NULL
 */
void tapi_hcall_put(struct tapi_hcall *hc)
{
	if (hc)
		tapi_object_put(&hc->obj);
}

/**
 * tapi_callstate_mode_for() - a state's mode as a version knows it
 * @state: LINECALLSTATE_
 * @mode: its mode in TAPI 2.2 terms
 * @version: the application's negotiated version
 *
 * Return: @mode, or what an application of @version expects instead.
 */
DWORD tapi_callstate_mode_for(DWORD state, DWORD mode, DWORD version)
{
	switch (state) {
	case LINECALLSTATE_OFFERING:
	case LINECALLSTATE_CONNECTED:
		return version >= TAPI_VERSION_1_4 ? mode : 0;
	case LINECALLSTATE_DISCONNECTED:
		if (mode >= LINEDISCONNECTMODE_NODIALTONE &&
		    version < TAPI_VERSION_1_4)
			return LINEDISCONNECTMODE_UNKNOWN;
		if (mode > LINEDISCONNECTMODE_NODIALTONE &&
		    version < TAPI_VERSION_2_0)
			return LINEDISCONNECTMODE_UNKNOWN;
		return mode;
	default:
		return mode;
	}
}

static void post_state(struct tapi_call *call, struct tapi_hcall *hc)
{
	struct tapi_line *l = hc->line;
	DWORD mode = tapi_callstate_mode_for(call->state, call->mode,
					     l->version);

	if (!hc->first_sent) {
		if (hc->announce && l->version >= TAPI_VERSION_2_0)
			tapi_line_post(l, l->handle, LINE_APPNEWCALL, 0,
				       hc->handle, hc->privilege);
		hc->announce = false;
		hc->first_sent = true;
		tapi_line_post(l, hc->handle, LINE_CALLSTATE, call->state,
			       mode, hc->privilege);
	} else if (hc->sent_state != call->state || hc->sent_mode != mode) {
		tapi_line_post(l, hc->handle, LINE_CALLSTATE, call->state,
			       mode, 0);
	}
	hc->sent_state = call->state;
	hc->sent_mode = mode;
}

/**
 * tapi_call_set_state() - a call reached a TAPI state
 * @call: the call
 * @state: LINECALLSTATE_
 * @mode: its mode in TAPI 2.2 terms
 *
 * Every valid handle gets LINE_CALLSTATE (once per change).
 */
void tapi_call_set_state(struct tapi_call *call, DWORD state, DWORD mode)
{
	if (!state || (state == call->state && mode == call->mode))
		return;
	call->state = state;
	call->mode = mode;
	clock_gettime(CLOCK_REALTIME, &call->state_time);
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next)
		if (hc->valid)
			post_state(call, hc);
}

/**
 * tapi_call_post_info() - LINE_CALLINFO to a call's handles
 * @call: the call
 * @info_states: LINECALLINFOSTATE_ bits that changed
 * @except: a handle not to tell, or NULL
 */
void tapi_call_post_info(struct tapi_call *call, DWORD info_states,
			 const struct tapi_hcall *except)
{
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next)
		if (hc->valid && hc != except && hc->first_sent)
			tapi_line_post(hc->line, hc->handle, LINE_CALLINFO,
				       info_states, 0, 0);
}

/* The dialer's way to the line. */
static int dialer_dial(void *ctx, const char *digits, unsigned int on_ms,
		       unsigned int off_ms)
{
	struct tapi_call *call = ctx;
	struct tapi_chan *c = call->dev->chan;
	struct tapi_dial d;
	size_t used = strlen(call->dialed);
	int err;

	if (!c)
		return -ENODEV;
	err = tapi_dial_prepare(&d, digits, on_ms, off_ms, 0);
	if (!err)
		err = c->ops->dial(c, &d);
	if (!err)
		snprintf(call->dialed + used, sizeof(call->dialed) - used, "%s",
			 digits);
	return err;
}

static int dialer_flash(void *ctx)
{
	struct tapi_call *call = ctx;
	struct tapi_chan *c = call->dev->chan;

	return c ? c->ops->set_hook(c, TAPI_HOOK_FLASH) : -ENODEV;
}

static const struct tapi_dialer_ops call_dialer_ops = {
	.dial = dialer_dial,
	.flash = dialer_flash,
};

static void dial_timer_fired(struct tapi_timer *t)
{
	struct tapi_call *call = (struct tapi_call *)((char *)t -
					offsetof(struct tapi_call, dial_timer));

	tapi_call_dial_done(call, tapi_dialer_timeout(&call->dialer,
						      tapi_now_ms()));
}

static void gen_timer_fired(struct tapi_timer *t)
{
	struct tapi_call *call = (struct tapi_call *)((char *)t -
					offsetof(struct tapi_call, gen_timer));

	tapi_call_generate_step(call);
}

/* The release guard is over: seize the line and dial. */
static void seize_timer_fired(struct tapi_timer *t)
{
	struct tapi_call *call = (struct tapi_call *)((char *)t -
					offsetof(struct tapi_call, seize_timer));
	struct tapi_chan *c = call->dev->chan;
	struct tapi_dialplan plan = call->seize_plan;

	if (!call->seize_pending)
		return;
	call->seize_pending = false;
	memset(&call->seize_plan, 0, sizeof(call->seize_plan));
	if (!c || c->ops->set_hook(c, TAPI_HOOK_OFF)) {
		tapi_dialplan_release(&plan);
		tapi_call_end(call, LINEDISCONNECTMODE_UNAVAIL);
		return;
	}
	call->offhook = true;
	if (plan.nsteps)
		tapi_call_begin_dialing(call, &plan);
	tapi_dialplan_release(&plan);
}

/**
 * tapi_call_seize_later() - seize an FXO line once its release guard is
 *	over, then execute @plan
 * @call: a new outgoing call whose line is still on-hook
 * @at_ms: when
 * @plan: taken over (may be empty)
 */
void tapi_call_seize_later(struct tapi_call *call, uint64_t at_ms,
			   struct tapi_dialplan *plan)
{
	call->seize_plan = *plan;
	memset(plan, 0, sizeof(*plan));
	call->seize_pending = true;
	tapi_timer_arm(&call->seize_timer, at_ms);
}

static void post_numcalls(struct tapi_linedev *ld, bool in_use)
{
	tapi_linedev_post_linestate(ld, LINEDEVSTATE_NUMCALLS, 0, 0, NULL);
	tapi_linedev_post_addrstate(ld, LINEADDRESSSTATE_NUMCALLS);
	tapi_linedev_post_addrstate(ld, in_use ? LINEADDRESSSTATE_INUSEONE :
						 LINEADDRESSSTATE_INUSEZERO);
}

/**
 * tapi_call_new() - a new call, the line's current call
 * @ld: the line device; must have no current call
 * @origin_kind: outgoing or offered
 * @made_here: by lineMakeCall in this process
 *
 * The call has no state (0) until the kernel or the engine gives it one,
 * and no handles.
 *
 * Return: the call, or NULL without memory.
 */
struct tapi_call *tapi_call_new(struct tapi_linedev *ld,
				enum tapi_call_origin_kind origin_kind,
				bool made_here)
{
	struct tapi_call *call = calloc(1, sizeof(*call));

	if (!call)
		return NULL;
	call->refs = 1;			/* ld->call */
	call->dev = ld;
	ld->refs++;
	call->origin_kind = origin_kind;
	call->made_here = made_here;
	if (origin_kind == TAPI_ORIGIN_OUT)
		call->origin = LINECALLORIGIN_OUTBOUND;
	else if (tapi_linedev_is_station(ld))
		call->origin = LINECALLORIGIN_INTERNAL;
	else
		call->origin = LINECALLORIGIN_EXTERNAL;
	/* offered: not known yet, probably voice of either kind */
	call->media_mode = origin_kind == TAPI_ORIGIN_IN ?
			   TAPI_LINE_MEDIA_MODES :
			   LINEMEDIAMODE_INTERACTIVEVOICE;
	call->dial_params = (LINEDIALPARAMS){
		.dwDialPause = 2000, .dwDialSpeed = 100,
		.dwDigitDuration = 100, .dwWaitForDialtone = 10000,
	};
	tapi_dialer_init(&call->dialer, &call_dialer_ops, call);
	tapi_timer_init(&call->dial_timer, dial_timer_fired);
	tapi_timer_init(&call->gen_timer, gen_timer_fired);
	tapi_timer_init(&call->seize_timer, seize_timer_fired);
	call->app_name = strdup("");
	clock_gettime(CLOCK_REALTIME, &call->state_time);
	call->next = ld->calls;
	ld->calls = call;
	ld->call = call;
	call->current = true;
	post_numcalls(ld, true);
	return call;
}

/**
 * tapi_call_put() - drop a reference; the last one frees the call
 * @call: the call
 */
void tapi_call_put(struct tapi_call *call)
{
	struct tapi_call **pp;

	if (--call->refs)
		return;
	for (pp = &call->dev->calls; *pp; pp = &(*pp)->next) {
		if (*pp == call) {
			*pp = call->next;
			break;
		}
	}
	tapi_dialer_cancel(&call->dialer);
	tapi_timer_cancel(&call->dial_timer);
	tapi_timer_cancel(&call->gen_timer);
	tapi_timer_cancel(&call->seize_timer);
	tapi_dialplan_release(&call->seize_plan);
	tapi_app_put(call->dial_app);
	tapi_hcall_put(call->gen_by);
	free(call->app_name);
	free(call->displayable);
	free(call->called_party);
	free(call->comment);
	tapi_linedev_put(call->dev);
	free(call);
}

/**
 * tapi_call_count_privilege() - handles with a privilege
 * @call: the call
 * @priv: LINECALLPRIVILEGE_OWNER or _MONITOR
 *
 * Return: the number of valid handles of this process with @priv.
 */
DWORD tapi_call_count_privilege(const struct tapi_call *call, DWORD priv)
{
	DWORD n = 0;

	for (const struct tapi_hcall *hc = call->handles; hc; hc = hc->next)
		if (hc->valid && hc->privilege == priv)
			n++;
	return n;
}

/**
 * tapi_call_handle_of() - a line's handle on a call
 * @call: the call
 * @line: the line
 *
 * Return: the valid handle, or NULL.
 */
struct tapi_hcall *tapi_call_handle_of(const struct tapi_call *call,
				       const struct tapi_line *line)
{
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next)
		if (hc->valid && hc->line == line)
			return hc;
	return NULL;
}

static void gather_timer_fired(struct tapi_timer *t)
{
	struct tapi_hcall *hc = (struct tapi_hcall *)((char *)t -
					offsetof(struct tapi_hcall, gather_timer));
	DWORD term = tapi_gather_timeout(&hc->gather, tapi_now_ms());

	if (term) {
		tapi_gather_finish(&hc->gather);
		tapi_line_post(hc->line, hc->handle, LINE_GATHERDIGITS, term, 0,
			       tapi_tick_count());
	} else if (hc->gather.deadline_ms) {
		tapi_timer_arm(&hc->gather_timer, hc->gather.deadline_ms);
	}
}

/**
 * tapi_call_add_handle() - give a line a handle on a call
 * @call: the call
 * @line: an open line of the call's line device
 * @privilege: LINECALLPRIVILEGE_OWNER or _MONITOR
 * @announce: the application learns of it by LINE_APPNEWCALL and a first
 *	LINE_CALLSTATE (now, or at the call's first state); false when it
 *	learns of it otherwise (lineMakeCall, lineGetNewCalls)
 * @hc_out: out, may be NULL: the handle
 *
 * Return: 0, LINEERR_NOMEM, LINEERR_RESOURCEUNAVAIL (no handle left).
 */
LONG tapi_call_add_handle(struct tapi_call *call, struct tapi_line *line,
			  DWORD privilege, bool announce,
			  struct tapi_hcall **hc_out)
{
	struct tapi_hcall *hc = calloc(1, sizeof(*hc));
	struct tapi_hcall **tail;
	int err;

	if (!hc)
		return LINEERR_NOMEM;
	tapi_object_init(&hc->obj, hcall_release);
	tapi_object_get(&line->obj);
	hc->line = line;
	err = tapi_handle_alloc(&tapi_calls, &hc->obj, &hc->handle);
	if (err) {
		tapi_object_put(&hc->obj);
		return tapi_lineerr_from_errno(err);
	}
	hc->call = call;
	call->refs++;
	hc->privilege = privilege;
	hc->valid = true;
	hc->announce = announce;
	hc->first_sent = !announce && call->state;
	hc->sent_state = call->state;
	hc->sent_mode = tapi_callstate_mode_for(call->state, call->mode,
						line->version);
	tapi_timer_init(&hc->gather_timer, gather_timer_fired);
	for (tail = &call->handles; *tail; tail = &(*tail)->next)
		;
	*tail = hc;
	if (announce && call->state)
		post_state(call, hc);
	tapi_call_post_info(call, privilege == LINECALLPRIVILEGE_OWNER ?
			    LINECALLINFOSTATE_NUMOWNERINCR :
			    LINECALLINFOSTATE_NUMMONITORS, hc);
	if (hc_out)
		*hc_out = hc;
	return 0;
}

/**
 * tapi_hcall_release_locked() - end a handle (lineDeallocateCall, close)
 * @hc: the handle; its HCALL stops working at once
 *
 * Its gathering, monitoring and any generation it started end without
 * messages (the handle is gone); the call's other handles hear that an
 * owner or a monitor left.
 */
void tapi_hcall_release_locked(struct tapi_hcall *hc)
{
	struct tapi_call *call = hc->call;
	struct tapi_hcall **pp;
	struct tapi_object *obj;

	if (!hc->valid)
		return;
	hc->valid = false;
	tapi_gather_finish(&hc->gather);
	tapi_timer_cancel(&hc->gather_timer);
	if (call->gen_by == hc)
		tapi_call_stop_generate(call, LINEGENERATETERM_CANCEL);
	for (pp = &call->handles; *pp; pp = &(*pp)->next) {
		if (*pp == hc) {
			*pp = hc->next;
			break;
		}
	}
	tapi_call_post_info(call, hc->privilege == LINECALLPRIVILEGE_OWNER ?
			    LINECALLINFOSTATE_NUMOWNERDECR :
			    LINECALLINFOSTATE_NUMMONITORS, NULL);
	hc->call = NULL;
	obj = tapi_handle_remove(&tapi_calls, hc->handle);
	tapi_object_put(obj);		/* the table's reference */
	tapi_call_put(call);
}

/* ---------------------------------------------------------------------- */
/* Dialing                                                                 */

/**
 * tapi_call_begin_dialing() - execute a dial plan on the call
 * @call: the current call of an FXO line
 * @plan: taken over
 *
 * The outcome arrives through tapi_call_dial_done().
 *
 * Return: 0 or LINEERR_OPERATIONUNAVAIL when the channel is gone.
 */
LONG tapi_call_begin_dialing(struct tapi_call *call,
			     struct tapi_dialplan *plan)
{
	if (!call->dev->chan) {
		tapi_dialplan_release(plan);
		return LINEERR_OPERATIONUNAVAIL;
	}
	tapi_dialer_note_dialtone(&call->dialer,
				  call->kstate == TAPI_CALL_DIALTONE);
	tapi_call_dial_done(call, tapi_dialer_start(&call->dialer, plan,
						    &call->dial_params,
						    tapi_now_ms()));
	return 0;
}

/**
 * tapi_call_dial_done() - act on the dialer's status
 * @call: the call
 * @status: what the dialer said last
 *
 * RUNNING arms the timer for its deadline; DONE and FAILED answer a
 * pending lineDial with LINE_REPLY; a failure the line itself caused (no
 * dial tone, no quiet answer) disconnects the call.
 */
void tapi_call_dial_done(struct tapi_call *call,
			 enum tapi_dialer_status status)
{
	LONG result = 0;

	if (status == TAPI_DIALER_RUNNING) {
		if (call->dialer.deadline_ms)
			tapi_timer_arm(&call->dial_timer,
				       call->dialer.deadline_ms);
		else
			tapi_timer_cancel(&call->dial_timer);
		return;
	}
	tapi_timer_cancel(&call->dial_timer);
	if (status == TAPI_DIALER_FAILED) {
		result = call->dialer.error ? call->dialer.error :
					      LINEERR_OPERATIONFAILED;
		if (call->dialer.fail_mode && !call->dropping &&
		    call->state != LINECALLSTATE_IDLE)
			tapi_call_set_state(call, LINECALLSTATE_DISCONNECTED,
					    call->dialer.fail_mode);
	}
	if (call->dial_request && call->dial_app) {
		tapi_post_reply(call->dial_app, call->dial_request, result,
				call->dial_instance);
	}
	call->dial_request = 0;
	tapi_app_put(call->dial_app);
	call->dial_app = NULL;
}

/* ---------------------------------------------------------------------- */
/* Digits and tones generated                                              */

/**
 * tapi_call_stop_generate() - end lineGenerateDigits/lineGenerateTone
 * @call: the call
 * @term: LINEGENERATETERM_DONE or _CANCEL for LINE_GENERATE
 *
 * A tone still playing is stopped; digits already handed to the kernel
 * are sent anyway (the kernel has no way to take them back).
 */
void tapi_call_stop_generate(struct tapi_call *call, DWORD term)
{
	struct tapi_hcall *by = call->gen_by;
	struct tapi_chan *c = call->dev->chan;

	if (call->gen == TAPI_GEN_NONE)
		return;
	if (call->gen == TAPI_GEN_TONE && term != LINEGENERATETERM_DONE && c)
		c->ops->tone_stop(c);
	tapi_timer_cancel(&call->gen_timer);
	call->gen = TAPI_GEN_NONE;
	call->gen_by = NULL;
	if (by && by->valid)
		tapi_line_post(by->line, by->handle, LINE_GENERATE, term, 0,
			       tapi_tick_count());
	tapi_hcall_put(by);
}

/**
 * tapi_call_generate_step() - send the next run of generated digits
 * @call: a call generating digits
 *
 * Runs are separated by ',' (one dial pause each); after the last run's
 * TAPI_EV_DIAL_DONE, LINE_GENERATE reports DONE.
 */
void tapi_call_generate_step(struct tapi_call *call)
{
	struct tapi_chan *c = call->dev->chan;
	char run[TAPI_DIAL_RUN_MAX + 1];
	size_t n = 0;
	struct tapi_dial d;

	if (call->gen != TAPI_GEN_DIGITS)
		return;
	if (call->gen_digits[call->gen_next] == ',') {
		call->gen_next++;
		tapi_timer_arm(&call->gen_timer,
			       tapi_now_ms() + call->dial_params.dwDialPause);
		return;
	}
	while (call->gen_digits[call->gen_next] &&
	       call->gen_digits[call->gen_next] != ',' && n < TAPI_DIAL_RUN_MAX)
		run[n++] = call->gen_digits[call->gen_next++];
	run[n] = '\0';
	if (!n) {
		tapi_call_stop_generate(call, LINEGENERATETERM_DONE);
		return;
	}
	if (!c || tapi_dial_prepare(&d, run, call->gen_on_ms, 0, 0) ||
	    c->ops->dial(c, &d))
		tapi_call_stop_generate(call, LINEGENERATETERM_CANCEL);
}

/**
 * tapi_call_stop_gathers() - end every lineGatherDigits on the call
 * @call: the call
 * @term: LINEGATHERTERM_ reason for LINE_GATHERDIGITS
 */
void tapi_call_stop_gathers(struct tapi_call *call, DWORD term)
{
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next) {
		if (!hc->gather.active)
			continue;
		tapi_gather_finish(&hc->gather);
		tapi_timer_cancel(&hc->gather_timer);
		if (hc->valid)
			tapi_line_post(hc->line, hc->handle, LINE_GATHERDIGITS,
				       term, 0, tapi_tick_count());
	}
}

/* ---------------------------------------------------------------------- */
/* The end of a call                                                       */

/**
 * tapi_call_end() - the call is over: DISCONNECTED (unless it was
 *	dropped here or is already), then IDLE; the line is free again
 * @call: the line's current call
 * @disconnect_mode: LINEDISCONNECTMODE_ for the DISCONNECTED state
 */
void tapi_call_end(struct tapi_call *call, DWORD disconnect_mode)
{
	struct tapi_linedev *ld = call->dev;

	if (!call->current)
		return;
	if (tapi_dialer_busy(&call->dialer)) {
		tapi_dialer_cancel(&call->dialer);
		call->dialer.error = LINEERR_OPERATIONFAILED;
		call->dialer.fail_mode = 0;
		tapi_call_dial_done(call, TAPI_DIALER_FAILED);
	}
	tapi_call_stop_generate(call, LINEGENERATETERM_CANCEL);
	tapi_call_stop_gathers(call, LINEGATHERTERM_CANCEL);
	call->seize_pending = false;
	tapi_timer_cancel(&call->seize_timer);
	if (!call->dropping && call->state != LINECALLSTATE_DISCONNECTED &&
	    call->state != LINECALLSTATE_IDLE)
		tapi_call_set_state(call, LINECALLSTATE_DISCONNECTED,
				    disconnect_mode);
	tapi_call_set_state(call, LINECALLSTATE_IDLE, 0);
	call->current = false;
	if (ld->call == call)
		ld->call = NULL;
	ld->ring_count = 0;
	post_numcalls(ld, false);
	tapi_call_put(call);		/* the current-call link */
}

/**
 * tapi_call_hangup() - drop the call (lineDrop; lineClose of its sole
 *	owner)
 * @call: a call that is not idle
 * @end_now: out, may be NULL: the call must go IDLE at once (a drop that
 *	is this process's alone); the caller then calls tapi_call_end()
 *	after what it has to post first (lineDrop's LINE_REPLY).  When NULL,
 *	that is done here.
 *
 * FXO: a call we seized the line for (answered or outgoing) goes on-hook
 * and becomes IDLE when the kernel says the line is; a call still
 * ringing cannot be refused on an analogue line, so it is dropped here
 * only (IDLE for this process) and rings on for others.  Station: ringing stops; a call the station
 * made is disconnected by the kernel (the station hears it) and is IDLE
 * here at once, though the station may stay off-hook.
 *
 * Return: 0 or the LINEERR_ of a failed ioctl.
 */
static LONG hangup(struct tapi_call *call, bool *end_now);

LONG tapi_call_hangup(struct tapi_call *call, bool *end_now)
{
	bool end = false;
	LONG err = hangup(call, &end);

	if (end_now)
		*end_now = end;
	else if (end)
		tapi_call_end(call, call->dev->chan ? LINEDISCONNECTMODE_NORMAL :
					LINEDISCONNECTMODE_UNAVAIL);
	return err;
}

static LONG hangup(struct tapi_call *call, bool *end_now)
{
	struct tapi_linedev *ld = call->dev;
	struct tapi_chan *c = ld->chan;
	int err = 0;

	if (!call->current)
		return 0;
	if (!c) {
		*end_now = true;
		return 0;
	}
	tapi_dialer_cancel(&call->dialer);
	tapi_timer_cancel(&call->dial_timer);
	if (call->seize_pending) {	/* never seized: nothing to release */
		call->seize_pending = false;
		tapi_timer_cancel(&call->seize_timer);
		call->dropping = true;
		*end_now = true;
		return 0;
	}
	if (!tapi_linedev_is_station(ld)) {
		if (!call->offhook) {	/* still ringing: not ours to end */
			ld->ignore_call_id = call->kcall_id;
			call->dropping = true;
			*end_now = true;
			return 0;
		}
		err = c->ops->set_hook(c, TAPI_HOOK_ON);
		if (err)
			return tapi_lineerr_from_errno(err);
		ld->released_ms = tapi_now_ms();
		call->offhook = false;
		call->dropping = true;
		/* the kernel never had a call: it reports no end either */
		*end_now = !call->kcall_id;
		return 0;
	}
	if (call->kstate == TAPI_CALL_OFFERING) {
		err = c->ops->ring_stop(c);
		if (err)
			return tapi_lineerr_from_errno(err);
		call->dropping = true;
		*end_now = !call->kcall_id;
		return 0;
	}
	/* -EINVAL: the station hung up meanwhile; the call ends anyway */
	err = c->ops->set_call_state(c, TAPI_CALL_DISCONNECTED);
	if (err && err != -EINVAL)
		return tapi_lineerr_from_errno(err);
	ld->ignore_call_id = call->kcall_id;
	call->dropping = true;
	*end_now = true;
	return 0;
}

/**
 * tapi_hcall_begin() - look up an HCALL and take the engine lock
 * @handle: from the application
 * @hc_out: out: the valid handle, referenced
 *
 * Return: 0 with the lock held (end with tapi_hcall_end()), else the
 * LINEERR_ for the handle and no lock.
 */
LONG tapi_hcall_begin(HCALL handle, struct tapi_hcall **hc_out)
{
	struct tapi_hcall *hc;
	LONG err = tapi_hcall_lookup(handle, &hc);

	if (err)
		return err;
	tapi_engine_lock();
	if (!hc->valid) {
		tapi_engine_unlock();
		tapi_hcall_put(hc);
		return LINEERR_INVALCALLHANDLE;
	}
	*hc_out = hc;
	return 0;
}

/**
 * tapi_hcall_end() - release what tapi_hcall_begin() took
 * @hc: the handle
 */
void tapi_hcall_end(struct tapi_hcall *hc)
{
	tapi_engine_unlock();
	tapi_hcall_put(hc);
}
