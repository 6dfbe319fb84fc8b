// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Line devices: the channels this process has open, and what their
 * kernel events mean in TAPI.
 *
 * A line device is opened by the first lineOpen of its device ID in the
 * process and closed with the last lineClose.  Its channel's events
 * (read by the engine thread from the channel's device or, for a line
 * this process may only watch, from the netlink "events" group) are
 * dispatched here:
 *   - TAPI_EV_CALL_STATE and TAPI_EV_CALLER_ID: the kernel's call changed;
 *     its details come from TAPI_IOC_GET_CALL and tapi_linedev_kcall()
 *     makes this process's view follow: a new call (offered to an owner,
 *     shown to monitors), state changes, the end of the call;
 *   - DIGIT_START/END and KEY: LINE_MONITORDIGITS, lineGatherDigits;
 *   - TONE: the dialer's dial tone/ring-back/quiet, LINE_MONITORTONE;
 *   - DIAL_DONE, TONE_DONE: the dialer, LINE_GENERATE;
 *   - RING: LINE_LINEDEVSTATE RINGING with the ring count;
 *   - ALARM: LINEDEVSTATE_OUTOFSERVICE / INSERVICE;
 *   - REMOVED: the hardware went away mid-whatever: calls disconnect,
 *     lines get LINE_CLOSE.
 * Everything here runs with the engine lock held.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

static struct tapi_linedev *linedevs;	/* (E) */

/**
 * tapi_linedev_first() - the first open line device
 *
 * Engine lock held; follow ->next for the others.
 *
 * Return: a line device or NULL.
 */
struct tapi_linedev *tapi_linedev_first(void)
{
	return linedevs;
}

/**
 * tapi_linedev_find_channel() - the open line device of a channel
 * @channel: the channel number
 *
 * Return: the line device (not referenced) or NULL.
 */
struct tapi_linedev *tapi_linedev_find_channel(unsigned int channel)
{
	for (struct tapi_linedev *ld = linedevs; ld; ld = ld->next)
		if (ld->info.channel == channel && !ld->removed)
			return ld;
	return NULL;
}

/**
 * tapi_linedev_is_station() - are we the exchange of this line
 * @ld: the line device
 *
 * Return: true for FXS ports and handsets.
 */
bool tapi_linedev_is_station(const struct tapi_linedev *ld)
{
	return ld->info.signalling != TAPI_SIG_FXO;
}

/**
 * tapi_linedev_devcap_flags() - LINEDEVCAPS.dwDevCapFlags of the line
 * @ld: the line device
 *
 * Return: CLOSEDROP everywhere; on FXO lines also DIALDIALTONE ('W')
 * and DIALQUIET ('@'), which the kernel's tone detector serves.
 */
DWORD tapi_linedev_devcap_flags(const struct tapi_linedev *ld)
{
	DWORD f = LINEDEVCAPFLAGS_CLOSEDROP;

	if (ld->info.signalling == TAPI_SIG_FXO)
		f |= LINEDEVCAPFLAGS_DIALDIALTONE | LINEDEVCAPFLAGS_DIALQUIET;
	return f;
}

/* The kernel's current call, on a line with a channel. */
static int read_kcall(struct tapi_linedev *ld, struct tapi_call_info *info)
{
	if (!ld->chan)
		return -ENODEV;
	return ld->chan->ops->get_call(ld->chan, info);
}

static LONG open_error(int err)
{
	switch (err) {
	case -EACCES:
	case -EPERM:
	case -EMFILE:
	case -ENFILE:
		return LINEERR_RESOURCEUNAVAIL;
	case -ENODEV:
	case -ENOENT:
	case -ENXIO:
		return LINEERR_NODEVICE;
	default:
		return tapi_lineerr_from_errno(err);
	}
}

/*
 * Open the channel's device; without permission, a line that does not
 * need to control the channel can still be followed through netlink.
 */
static LONG open_chan(struct tapi_linedev *ld, DWORD privileges)
{
	struct tapi_dev_info fresh;
	const struct tapi_backend *b = tapi_backend_get();
	int err = b->open(&ld->info, &ld->chan);

	if (!err)
		return 0;
	ld->chan = NULL;
	if ((err != -EACCES && err != -EPERM) ||
	    privileges & LINECALLPRIVILEGE_OWNER ||
	    !tapi_engine_hears_events())
		return open_error(err);
	/* the kernel's call, from the channel dump instead of the device */
	if (b->query && !b->query(&ld->info, &fresh) && fresh.call_known)
		ld->kcall = fresh.call;
	tapi_debug("channel %u: no access to %s, following it by netlink",
		   ld->info.channel, ld->info.devnode);
	return 0;
}

/**
 * tapi_linedev_get() - open (or share) the line device of a device ID
 * @device_id: a line device ID
 * @privileges: what the line is opened for: an owner needs the channel's
 *	device; a monitor or a line without privilege makes do with the
 *	netlink events when the device is not open to it
 * @ld_out: out: the line device, referenced (tapi_linedev_put() it)
 *
 * Engine lock held.  A call already on the channel (made by another
 * process) becomes the line device's current call; applications get
 * handles to it through lineGetNewCalls.
 *
 * Return: 0; LINEERR_BADDEVICEID, LINEERR_NODEVICE,
 * LINEERR_RESOURCEUNAVAIL (no permission on the device, or too many
 * open files), LINEERR_NOMEM, LINEERR_OPERATIONFAILED.
 */
LONG tapi_linedev_get(DWORD device_id, DWORD privileges,
		      struct tapi_linedev **ld_out)
{
	struct tapi_dev_info info;
	struct tapi_linedev *ld;
	LONG lerr;
	int err;

	tapi_engine_assert_locked();
	for (ld = linedevs; ld; ld = ld->next) {
		if (ld->device_id != device_id || ld->removed)
			continue;
		/* followed by netlink so far; an owner needs the device */
		if (!ld->chan && privileges & LINECALLPRIVILEGE_OWNER) {
			lerr = open_chan(ld, privileges);
			if (lerr)
				return lerr;
			tapi_engine_wake();
		}
		ld->refs++;
		*ld_out = ld;
		return 0;
	}
	err = tapi_registry_lookup(device_id, &info);
	if (err == -ERANGE)
		return LINEERR_BADDEVICEID;
	if (err)
		return LINEERR_NODEVICE;
	ld = calloc(1, sizeof(*ld));
	if (!ld)
		return LINEERR_NOMEM;
	ld->device_id = device_id;
	ld->info = info;
	ld->refs = 1;
	lerr = open_chan(ld, privileges);
	if (lerr) {
		free(ld);
		return lerr;
	}
	if (tapi_rdv_open(&ld->info, &ld->rdv))
		ld->rdv = NULL;	/* no handoff or arbitration across processes */
	ld->next = linedevs;
	linedevs = ld;
	if ((!ld->chan || !read_kcall(ld, &ld->kcall)) &&
	    ld->kcall.state != TAPI_CALL_IDLE) {
		struct tapi_call *call;

		call = tapi_call_new(ld, tapi_call_origin_of(ld->info.signalling,
							     ld->kcall.state,
							     ld->kcall.direction),
				     false);
		if (call) {
			call->kcall_id = ld->kcall.call_id;
			call->first_kstate = ld->kcall.state;
			call->info = ld->kcall;
			tapi_linedev_kcall(ld, &ld->kcall, ld->kcall.state,
					   ld->kcall.cause);
		}
	}
	tapi_debug("line device %u: channel %u (%s) open, poll fd %d",
		   device_id, info.channel, info.devnode,
		   ld->chan ? ld->chan->poll_fd : -1);
	tapi_engine_wake();	/* one more descriptor to poll */
	*ld_out = ld;
	return 0;
}

/**
 * tapi_linedev_put() - drop a reference; the last one closes the channel
 * @ld: the line device, or NULL
 *
 * Engine lock held.
 */
void tapi_linedev_put(struct tapi_linedev *ld)
{
	struct tapi_linedev **pp;

	if (!ld)
		return;
	if (--ld->refs) {
		/* the engine thread's poll set may hold the last one */
		tapi_engine_wake();
		return;
	}
	for (pp = &linedevs; *pp; pp = &(*pp)->next) {
		if (*pp == ld) {
			*pp = ld->next;
			break;
		}
	}
	if (ld->chan)
		ld->chan->ops->close(ld->chan);
	tapi_rdv_close(ld->rdv);
	free(ld);
}

/**
 * tapi_linedev_post_linestate() - LINE_LINEDEVSTATE to the lines that
 *	asked for it with lineSetStatusMessages
 * @ld: the line device
 * @state: one LINEDEVSTATE_ bit (dwParam1)
 * @p2: dwParam2
 * @p3: dwParam3
 * @except: a line not to tell (the one that caused it), or NULL
 */
void tapi_linedev_post_linestate(struct tapi_linedev *ld, DWORD state,
				 DWORD p2, DWORD p3,
				 const struct tapi_line *except)
{
	for (struct tapi_line *l = ld->lines; l; l = l->next) {
		/* REINIT cannot be switched off (TAPI) */
		if (l != except && (l->line_states & state ||
				    state == LINEDEVSTATE_REINIT))
			tapi_line_post(l, l->handle, LINE_LINEDEVSTATE, state,
				       p2, p3);
	}
}

/**
 * tapi_linedev_post_addrstate() - LINE_ADDRESSSTATE to the lines that
 *	asked for it
 * @ld: the line device
 * @state: one LINEADDRESSSTATE_ bit
 */
void tapi_linedev_post_addrstate(struct tapi_linedev *ld, DWORD state)
{
	for (struct tapi_line *l = ld->lines; l; l = l->next)
		if (l->address_states & state)
			tapi_line_post(l, l->handle, LINE_ADDRESSSTATE, 0,
				       state, 0);
}

/* ---------------------------------------------------------------------- */
/* The kernel's call                                                       */

/*
 * The lines that get a handle on a call offered to us: the owner (one
 * line, in any process: the rendezvous decides across processes) and
 * every monitor.  TAPI's rule for the owner: the application that opened
 * the line for owner with the call's media mode and the highest
 * priority; for a call of unknown media mode an application that takes
 * LINEMEDIAMODE_UNKNOWN first.  Priority here is the order of lineOpen.
 */
/**
 * tapi_media_rank() - how an opener's media modes rank for an offered call
 * @modes: the opener's media modes that the call may have
 *
 * Return: 0 for LINEMEDIAMODE_UNKNOWN, 1 for interactive voice, 2 for
 * automated voice (lower goes first), -1 when none fits.
 */
int tapi_media_rank(DWORD modes)
{
	if (modes & LINEMEDIAMODE_UNKNOWN)
		return 0;
	if (modes & LINEMEDIAMODE_INTERACTIVEVOICE)
		return 1;
	if (modes & LINEMEDIAMODE_AUTOMATEDVOICE)
		return 2;
	return -1;
}

static struct tapi_line *local_owner(struct tapi_linedev *ld, DWORD media)
{
	struct tapi_line *best = NULL;

	for (struct tapi_line *l = ld->lines; l; l = l->next) {
		int rank = tapi_media_rank(l->media_modes & media);

		if (!(l->privileges & LINECALLPRIVILEGE_OWNER) || rank < 0)
			continue;
		if (!best || rank < tapi_media_rank(best->media_modes & media) ||
		    (rank == tapi_media_rank(best->media_modes & media) &&
		     l->seq < best->seq))
			best = l;
	}
	return best;
}

static struct tapi_line *choose_owner(struct tapi_linedev *ld,
				      struct tapi_call *call)
{
	struct tapi_rdv_app owner;
	int err = -ENOENT;

	if (ld->rdv)
		err = tapi_rdv_decide_owner(ld->rdv, call->kcall_id,
					    call->media_mode, &owner);
	if (!err) {
		if (owner.pid != getpid())
			return NULL;	/* an application of another process */
		for (struct tapi_line *l = ld->lines; l; l = l->next)
			if (l->handle == owner.hline)
				return l;
	}
	if (err == -ENOENT && ld->rdv)
		return NULL;		/* nobody anywhere takes it */
	return local_owner(ld, call->media_mode);
}

/* Give the lines of this process their handles on a new kernel call. */
static void hand_out(struct tapi_linedev *ld, struct tapi_call *call)
{
	struct tapi_line *owner = NULL;

	if (call->origin_kind == TAPI_ORIGIN_IN)
		owner = choose_owner(ld, call);
	if (owner) {
		free(call->app_name);
		call->app_name = strdup(owner->app->friendly_name);
	}
	for (struct tapi_line *l = ld->lines; l; l = l->next) {
		if (l == owner)
			tapi_call_add_handle(call, l, LINECALLPRIVILEGE_OWNER,
					     true, NULL);
		else if (l->privileges & LINECALLPRIVILEGE_MONITOR)
			tapi_call_add_handle(call, l, LINECALLPRIVILEGE_MONITOR,
					     true, NULL);
	}
}

static void dialer_input(struct tapi_call *call, enum tapi_dialer_input in)
{
	if (tapi_dialer_busy(&call->dialer))
		tapi_call_dial_done(call, tapi_dialer_input(&call->dialer, in,
							    tapi_now_ms()));
	else if (in == TAPI_DIALER_IN_DIALTONE)
		tapi_dialer_note_dialtone(&call->dialer, true);
}

static void update_info(struct tapi_call *call,
			const struct tapi_call_info *info)
{
	DWORD changed = 0;

	if (strcmp(call->info.caller_number, info->caller_number) ||
	    strcmp(call->info.caller_name, info->caller_name) ||
	    call->info.caller_flags != info->caller_flags)
		changed |= LINECALLINFOSTATE_CALLERID;
	if (strcmp(call->info.called_number, info->called_number))
		changed |= LINECALLINFOSTATE_CALLEDID;
	call->info = *info;
	if (changed && call->state)
		tapi_call_post_info(call, changed, NULL);
}

/**
 * tapi_linedev_kcall() - the kernel's call on the channel changed
 * @ld: the line device
 * @info: the call as the kernel describes it now
 * @kstate: the state reached (the event's; @info may be ahead of it)
 * @cause: why (enum tapi_call_cause)
 */
void tapi_linedev_kcall(struct tapi_linedev *ld,
			const struct tapi_call_info *info, uint32_t kstate,
			uint32_t cause)
{
	struct tapi_call *call = ld->call;
	struct tapi_callstate cs;
	uint32_t id = info->call_id;

	tapi_debug("channel %u: call %u state %u cause %u (ours %u)",
		   ld->info.channel, id, kstate, cause,
		   call ? call->kcall_id : 0);
	ld->kcall = *info;
	if (ld->ignore_call_id) {
		if (kstate == TAPI_CALL_IDLE)
			ld->ignore_call_id = 0;
		else if (!id || id == ld->ignore_call_id)
			return;		/* dropped here while it was offered */
	}
	if (kstate == TAPI_CALL_IDLE) {
		ld->ring_count = 0;
		if (call) {
			call->kstate = kstate;
			call->info.cause = cause;
			tapi_call_end(call, tapi_disconnect_mode(cause,
						call->connected_once,
						call->origin_kind,
						TAPI_VERSION_HIGHEST));
		}
		return;
	}
	if (call && call->kcall_id && id && call->kcall_id != id) {
		/* the previous call ended between two of our reads */
		tapi_call_end(call, LINEDISCONNECTMODE_UNKNOWN);
		call = NULL;
	}
	if (!call) {
		call = tapi_call_new(ld, tapi_call_origin_of(ld->info.signalling,
							     kstate,
							     info->direction),
				     false);
		if (!call)
			return;
		call->kcall_id = id;
		call->first_kstate = kstate;
		call->info = *info;
		hand_out(ld, call);
	} else if (!call->kcall_id) {
		call->kcall_id = id;	/* our lineMakeCall's call */
		call->first_kstate = kstate;
	}
	update_info(call, info);
	call->kstate = kstate;
	call->info.cause = cause;
	if (kstate == TAPI_CALL_CONNECTED)
		call->connected_once = true;
	cs = tapi_callstate_map(ld->info.signalling, call->origin_kind, kstate,
				cause, TAPI_VERSION_HIGHEST);
	if (cs.state == LINECALLSTATE_DISCONNECTED)
		cs.mode = tapi_disconnect_mode(cause, call->connected_once,
					       call->origin_kind,
					       TAPI_VERSION_HIGHEST);
	if (!call->dropping)
		tapi_call_set_state(call, cs.state, cs.mode);

	switch (kstate) {
	case TAPI_CALL_DIALTONE:
		dialer_input(call, TAPI_DIALER_IN_DIALTONE);
		break;
	case TAPI_CALL_RINGBACK:
		dialer_input(call, TAPI_DIALER_IN_RINGBACK);
		break;
	case TAPI_CALL_CONNECTED:
		dialer_input(call, TAPI_DIALER_IN_ANSWERED);
		break;
	case TAPI_CALL_BUSY:
	case TAPI_CALL_DISCONNECTED:
		if (tapi_dialer_busy(&call->dialer)) {
			tapi_dialer_cancel(&call->dialer);
			call->dialer.error = LINEERR_OPERATIONFAILED;
			tapi_call_dial_done(call, TAPI_DIALER_FAILED);
		}
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------------- */
/* Events                                                                  */

static void digit(struct tapi_linedev *ld, char c, DWORD mode,
		  const struct tapi_event *ev)
{
	struct tapi_call *call = ld->call;
	DWORD tick = ev->timestamp_ns ? (DWORD)(ev->timestamp_ns / 1000000) :
					tapi_tick_count();
	uint64_t now = tapi_now_ms();

	if (!call || call->state == LINECALLSTATE_IDLE)
		return;
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next) {
		DWORD term;

		if (!hc->valid)
			continue;
		if (hc->monitor_digit_modes & mode)
			tapi_line_post(hc->line, hc->handle, LINE_MONITORDIGITS,
				       (DWORD_PTR)(unsigned char)c, mode, tick);
		if (mode != LINEDIGITMODE_DTMF || !hc->gather.active)
			continue;
		term = tapi_gather_digit(&hc->gather, c, now);
		if (term) {
			tapi_gather_finish(&hc->gather);
			tapi_timer_cancel(&hc->gather_timer);
			tapi_line_post(hc->line, hc->handle, LINE_GATHERDIGITS,
				       term, 0, tick);
		} else if (hc->gather.deadline_ms) {
			tapi_timer_arm(&hc->gather_timer,
				       hc->gather.deadline_ms);
		} else {
			tapi_timer_cancel(&hc->gather_timer);
		}
	}
}

static void tone_heard(struct tapi_linedev *ld, enum tapi_tone tone,
		       const struct tapi_event *ev)
{
	struct tapi_call *call = ld->call;
	DWORD tick = ev->timestamp_ns ? (DWORD)(ev->timestamp_ns / 1000000) :
					tapi_tick_count();

	if (!call)
		return;
	if (tone == TAPI_TONE_DIAL)
		dialer_input(call, TAPI_DIALER_IN_DIALTONE);
	else if (tone == TAPI_TONE_RINGBACK)
		dialer_input(call, TAPI_DIALER_IN_RINGBACK);
	else if (tone == TAPI_TONE_SILENCE)
		dialer_input(call, TAPI_DIALER_IN_QUIET);
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next) {
		if (!hc->valid)
			continue;
		for (DWORD i = 0; i < hc->ntones; i++) {
			if (!tapi_tone_entry_matches(&hc->tones[i],
						     ld->info.tone_zone, tone))
				continue;
			tapi_line_post(hc->line, hc->handle, LINE_MONITORTONE,
				       hc->tones[i].dwAppSpecific, 0, tick);
			break;	/* one message per detection */
		}
	}
	tapi_call_media_heard(call, tone, tick);
}

static void dial_done(struct tapi_linedev *ld)
{
	struct tapi_call *call = ld->call;

	if (!call)
		return;
	if (tapi_dialer_busy(&call->dialer))
		dialer_input(call, TAPI_DIALER_IN_DIAL_DONE);
	else if (call->gen == TAPI_GEN_DIGITS)
		tapi_call_generate_step(call);	/* next run, or DONE */
}

static void call_changed(struct tapi_linedev *ld, const struct tapi_event *ev)
{
	struct tapi_call_info info;

	if (read_kcall(ld, &info)) {
		if (!ld->chan)
			return;
		memset(&info, 0, sizeof(info));
	}
	if (ev->type == TAPI_EV_CALL_STATE)
		tapi_linedev_kcall(ld, &info, ev->value, ev->duration_ms);
	else if (ld->call && (!ld->call->kcall_id ||
			      ld->call->kcall_id == info.call_id))
		update_info(ld->call, &info);
}

/**
 * tapi_linedev_event() - one event of the channel
 * @ld: the line device
 * @ev: the event
 */
void tapi_linedev_event(struct tapi_linedev *ld, const struct tapi_event *ev)
{
	tapi_debug("channel %u: event %u value %u duration %u", ld->info.channel,
		   ev->type, ev->value, ev->duration_ms);
	tapi_phonedev_event(ld, ev);	/* phones of the channel first */
	switch (ev->type) {
	case TAPI_EV_RING:
		if (ev->value && ld->info.signalling == TAPI_SIG_FXO) {
			ld->ring_count++;
			tapi_linedev_post_linestate(ld, LINEDEVSTATE_RINGING, 1,
						    ld->ring_count, NULL);
		}
		break;
	case TAPI_EV_DIGIT_START:
		digit(ld, (char)ev->value, LINEDIGITMODE_DTMF, ev);
		/* a station's digits extend the called number silently */
		if (tapi_linedev_is_station(ld))
			tapi_linedev_refresh_info(ld);
		break;
	case TAPI_EV_DIGIT_END:
		digit(ld, (char)ev->value, LINEDIGITMODE_DTMFEND, ev);
		break;
	case TAPI_EV_KEY:	/* a handset's keypad: its keys are digits */
		if (ev->value < 128 && strchr("0123456789*#ABCD",
					      (int)ev->value) && ev->value) {
			digit(ld, (char)ev->value, ev->duration_ms ?
			      LINEDIGITMODE_DTMFEND : LINEDIGITMODE_DTMF, ev);
			tapi_linedev_refresh_info(ld);
		}
		break;
	case TAPI_EV_DIAL_DONE:
		dial_done(ld);
		break;
	case TAPI_EV_TONE:
		tone_heard(ld, ev->value, ev);
		break;
	case TAPI_EV_TONE_DONE:
		if (ld->call && ld->call->gen == TAPI_GEN_TONE)
			tapi_call_stop_generate(ld->call,
						LINEGENERATETERM_DONE);
		break;
	case TAPI_EV_ALARM:
		tapi_linedev_post_linestate(ld, ev->value ?
					    LINEDEVSTATE_OUTOFSERVICE :
					    LINEDEVSTATE_INSERVICE, 0, 0, NULL);
		break;
	case TAPI_EV_CALL_STATE:
	case TAPI_EV_CALLER_ID:
		call_changed(ld, ev);
		break;
	case TAPI_EV_OVERFLOW:
		tapi_linedev_resync(ld);
		break;
	case TAPI_EV_REMOVED:
		tapi_linedev_removed(ld);
		break;
	default:
		break;
	}
}

/**
 * tapi_linedev_drain() - handle every event queued on the channel
 * @ld: the line device
 */
void tapi_linedev_drain(struct tapi_linedev *ld)
{
	struct tapi_event ev;
	int err;

	while (ld->chan && !ld->removed) {
		err = ld->chan->ops->get_event(ld->chan, &ev);
		if (err == -EAGAIN)
			break;
		if (err == -ENODEV) {
			tapi_linedev_removed(ld);
			break;
		}
		if (err) {
			tapi_debug("channel %u: TAPI_IOC_GET_EVENT: %d",
				   ld->info.channel, err);
			break;	/* retried on the next POLLPRI */
		}
		tapi_linedev_event(ld, &ev);
	}
}

/**
 * tapi_linedev_refresh_info() - re-read the details of the current call
 * @ld: the line device
 *
 * The kernel reports some changes (digits added to the called number)
 * through netlink only; this reads them from the channel.  A change is
 * announced with LINE_CALLINFO.
 */
void tapi_linedev_refresh_info(struct tapi_linedev *ld)
{
	struct tapi_call_info info;

	if (!ld->call || ld->removed || read_kcall(ld, &info))
		return;
	if (info.call_id && info.call_id == ld->call->kcall_id)
		update_info(ld->call, &info);
}

/**
 * tapi_linedev_resync() - events were lost: take the kernel's call as is
 * @ld: the line device
 */
void tapi_linedev_resync(struct tapi_linedev *ld)
{
	struct tapi_call_info info;

	if (ld->removed || read_kcall(ld, &info))
		return;
	tapi_linedev_kcall(ld, &info, info.state, info.cause);
}

/**
 * tapi_linedev_removed() - the channel's hardware is gone
 * @ld: the line device
 *
 * The call in progress is disconnected (LINEDISCONNECTMODE_UNAVAIL) and
 * goes idle; every line open on the device gets LINE_CLOSE and is closed,
 * which invalidates its call handles.  Calling it again does nothing.
 */
void tapi_linedev_removed(struct tapi_linedev *ld)
{
	if (ld->removed)
		return;
	ld->removed = true;
	ld->refs++;	/* the lines' references go below */
	tapi_phonedev_removed(ld);	/* its phones give theirs up */
	if (ld->call) {
		ld->call->info.cause = TAPI_CAUSE_REMOVED;
		tapi_call_end(ld->call, LINEDISCONNECTMODE_UNAVAIL);
	}
	while (ld->lines)
		tapi_line_close_locked(ld->lines, true);
	if (ld->chan) {
		ld->chan->ops->close(ld->chan);
		ld->chan = NULL;
	}
	tapi_linedev_put(ld);
}
