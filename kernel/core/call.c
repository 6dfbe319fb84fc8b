// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the call state of each channel, the one truth every process
 * with the channel open (and every netlink listener) sees.  The state
 * machine is the one the uapi header documents above enum
 * tapi_call_state; this file is driven by:
 *
 *  - the channel's events, from the event dispatcher (tapi_line_event()):
 *    hook, ring, polarity, DTMF digits and keys, tones the detector heard,
 *    TAPI_EV_DIAL_DONE, TAPI_EV_RING_DONE;
 *  - what the core does on an application's behalf: an FXO seize or
 *    release (tapi_call_fxo_hook()), digits queued with TAPI_IOC_DIAL
 *    (tapi_call_dial()), TAPI_IOC_RING_STOP (tapi_call_ring_stopped());
 *  - TAPI_IOC_SET_CALL_STATE, from the application that is the exchange;
 *  - caller ID (tapi_call_caller_id()) and removal (tapi_call_removed()).
 *
 * Every change of struct tapi_call_info bumps its seq and goes out as a
 * TAPI_CMD_CALL_STATE notification; a change of state or cause is also
 * TAPI_EV_CALL_STATE on every open file, a new caller ID
 * TAPI_EV_CALLER_ID.  A call that becomes IDLE forgets everything but its
 * state, cause and seq.
 *
 * Everything runs under the channel lock, in whatever context the event
 * came from; the only deferred piece is the end of an unanswered
 * incoming FXO call (ring_gap_work).
 */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include "core.h"

/* Call IDs, unique per boot; 0 is "no call". */
static atomic_t tapi_call_last_id = ATOMIC_INIT(0);

static u32 tapi_call_new_id(void)
{
	u32 id;

	do
		id = (u32)atomic_inc_return(&tapi_call_last_id);
	while (!id);
	return id;
}

/* The call info changed: tell the netlink listeners. */
static void tapi_call_changed(struct tapi_channel *ch)
{
	ch->line.call.seq++;
	tapi_genl_call(ch);
}

/* Forget the call but its state, cause and seq. */
static void tapi_call_clear(struct tapi_call_info *call)
{
	u32 seq = call->seq;

	memset(call, 0, sizeof(*call));
	call->seq = seq;
}

/* A new call: fresh ID, nothing known yet; the caller enters its state. */
static void tapi_call_begin(struct tapi_channel *ch, u32 direction)
{
	struct tapi_call_info *call = &ch->line.call;

	tapi_call_clear(call);
	call->call_id = tapi_call_new_id();
	call->direction = direction;
}

/* Move the call to @state for @cause and tell everyone. */
static void tapi_call_enter(struct tapi_channel *ch, u32 state, u32 cause)
{
	struct tapi_call_info *call = &ch->line.call;

	lockdep_assert_held(&ch->lock);
	if (call->state == state && call->cause == cause)
		return;
	if (state == TAPI_CALL_IDLE) {
		tapi_call_clear(call);
		cancel_delayed_work(&ch->line.ring_gap_work);
	}
	call->state = state;
	call->cause = cause;
	tapi_call_changed(ch);
	tapi_channel_event(ch, TAPI_EV_CALL_STATE, state, cause);
}

/*
 * Why the call is over when the line goes idle: what ended it already
 * (busy, a disconnect), else @cleared, whoever hung up.
 */
static u32 tapi_call_end_cause(const struct tapi_call_info *call, u32 cleared)
{
	if (call->state == TAPI_CALL_DISCONNECTED ||
	    call->state == TAPI_CALL_BUSY)
		return call->cause;
	return cleared;
}

static bool tapi_call_is_dial_char(char c)
{
	return c && strchr("0123456789*#ABCD", c);
}

/* Append digits to the called number; what does not fit is dropped. */
static void tapi_call_add_digits(struct tapi_call_info *call,
				 const char *digits)
{
	size_t len = strnlen(call->called_number,
			     sizeof(call->called_number));

	if (len < sizeof(call->called_number) - 1)
		strscpy(call->called_number + len, digits,
			sizeof(call->called_number) - len);
}

/* Dialling is under way: before the call is connected or refused. */
static bool tapi_call_is_setup(u32 state)
{
	return state == TAPI_CALL_DIALTONE || state == TAPI_CALL_DIALING ||
	       state == TAPI_CALL_PROCEEDING || state == TAPI_CALL_RINGBACK;
}

/* FXO: ringing stopped; the call ends unless it rings again in time. */
static void tapi_call_ring_gap_start(struct tapi_channel *ch)
{
	ch->line.ring_off_at = jiffies;
	mod_delayed_work(system_wq, &ch->line.ring_gap_work,
			 msecs_to_jiffies(TAPI_CALL_RING_GAP_MS));
}

static void tapi_call_ring_gap_work(struct work_struct *work)
{
	struct tapi_channel *ch = container_of(to_delayed_work(work),
					       struct tapi_channel,
					       line.ring_gap_work);
	unsigned long due;
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead || ch->line.call.state != TAPI_CALL_OFFERING ||
	    ch->ring_detected || ch->hook_off)
		goto out;
	due = ch->line.ring_off_at + msecs_to_jiffies(TAPI_CALL_RING_GAP_MS);
	if (time_before(jiffies, due))
		mod_delayed_work(system_wq, &ch->line.ring_gap_work,
				 due - jiffies);
	else
		tapi_call_enter(ch, TAPI_CALL_IDLE, TAPI_CAUSE_NOANSWER);
out:
	spin_unlock_irqrestore(&ch->lock, flags);
}

/**
 * tapi_call_init() - a channel without a call
 * @ch: the channel, not yet visible to anyone
 */
void tapi_call_init(struct tapi_channel *ch)
{
	memset(&ch->line.call, 0, sizeof(ch->line.call));
	INIT_DELAYED_WORK(&ch->line.ring_gap_work, tapi_call_ring_gap_work);
}

static void tapi_call_fxo_ring(struct tapi_channel *ch, bool on)
{
	struct tapi_call_info *call = &ch->line.call;

	if (on) {
		if (call->state == TAPI_CALL_IDLE && !ch->hook_off) {
			tapi_call_begin(ch, TAPI_CALL_INCOMING);
			tapi_call_enter(ch, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
		}
		if (call->state == TAPI_CALL_OFFERING)
			cancel_delayed_work(&ch->line.ring_gap_work);
		return;
	}
	if (call->state == TAPI_CALL_OFFERING)
		tapi_call_ring_gap_start(ch);
}

/*
 * FXO answer supervision: an outgoing call is answered when the polarity
 * reverses away from what it was at seizure and cleared when it returns;
 * an incoming call is cleared by any reversal (the exchange's disconnect
 * pulse).  A reversal after a call was connected by voice is a late
 * answer signal and changes nothing.
 */
static void tapi_call_fxo_polarity(struct tapi_channel *ch, bool reversed)
{
	struct tapi_call_info *call = &ch->line.call;
	bool away = reversed != ch->line.seized_reversed;

	if (tapi_call_is_setup(call->state)) {
		if (away && call->direction == TAPI_CALL_OUTGOING)
			tapi_call_enter(ch, TAPI_CALL_CONNECTED,
					TAPI_CAUSE_NONE);
	} else if (call->state == TAPI_CALL_CONNECTED) {
		if (call->direction == TAPI_CALL_INCOMING || !away)
			tapi_call_enter(ch, TAPI_CALL_DISCONNECTED,
					TAPI_CAUSE_NORMAL);
	}
}

/* FXO, off-hook: what the call-progress tones say about the call. */
static void tapi_call_fxo_tone(struct tapi_channel *ch, u32 tone)
{
	struct tapi_call_info *call = &ch->line.call;
	u32 state = call->state;

	switch (tone) {
	case TAPI_TONE_DIAL:
		if (state == TAPI_CALL_IDLE) {
			tapi_call_begin(ch, TAPI_CALL_OUTGOING);
			tapi_call_enter(ch, TAPI_CALL_DIALTONE, TAPI_CAUSE_NONE);
		} else if (state == TAPI_CALL_CONNECTED) {
			/* Some exchanges return dial tone after a clear. */
			tapi_call_enter(ch, TAPI_CALL_DISCONNECTED,
					TAPI_CAUSE_NORMAL);
		}
		break;
	case TAPI_TONE_RINGBACK:
		if (state == TAPI_CALL_DIALTONE || state == TAPI_CALL_DIALING ||
		    state == TAPI_CALL_PROCEEDING)
			tapi_call_enter(ch, TAPI_CALL_RINGBACK, TAPI_CAUSE_NONE);
		break;
	case TAPI_TONE_BUSY:
		if (tapi_call_is_setup(state))
			tapi_call_enter(ch, TAPI_CALL_BUSY, TAPI_CAUSE_BUSY);
		else if (state == TAPI_CALL_CONNECTED)
			tapi_call_enter(ch, TAPI_CALL_DISCONNECTED,
					TAPI_CAUSE_NORMAL);
		break;
	case TAPI_TONE_CONGESTION:
	case TAPI_TONE_SIT:
		if (tapi_call_is_setup(state))
			tapi_call_enter(ch, TAPI_CALL_DISCONNECTED,
					TAPI_CAUSE_CONGESTION);
		else if (state == TAPI_CALL_CONNECTED)
			tapi_call_enter(ch, TAPI_CALL_DISCONNECTED,
					TAPI_CAUSE_NORMAL);
		break;
	case TAPI_TONE_VOICE:
		/* Answer without answer supervision: someone speaks. */
		if (state == TAPI_CALL_RINGBACK)
			tapi_call_enter(ch, TAPI_CALL_CONNECTED,
					TAPI_CAUSE_NONE);
		break;
	default:
		break;
	}
}

static void tapi_call_fxo_event(struct tapi_channel *ch, u32 type, u32 value)
{
	switch (type) {
	case TAPI_EV_RING:
		tapi_call_fxo_ring(ch, value);
		break;
	case TAPI_EV_POLARITY:
		tapi_call_fxo_polarity(ch, value);
		break;
	case TAPI_EV_TONE:
		if (ch->hook_off)
			tapi_call_fxo_tone(ch, value);
		break;
	case TAPI_EV_DIAL_DONE:
		if (ch->line.call.state == TAPI_CALL_DIALING)
			tapi_call_enter(ch, TAPI_CALL_PROCEEDING,
					TAPI_CAUSE_NONE);
		break;
	default:
		break;
	}
}

/* FXS/handset: the station dialled a digit (DTMF or a key). */
static void tapi_call_station_digit(struct tapi_channel *ch, char digit)
{
	struct tapi_call_info *call = &ch->line.call;
	char digits[2] = { digit, '\0' };

	if (!tapi_call_is_dial_char(digit))
		return;
	switch (call->state) {
	case TAPI_CALL_DIALTONE:
		tapi_call_add_digits(call, digits);
		tapi_call_enter(ch, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
		break;
	case TAPI_CALL_DIALING:
	case TAPI_CALL_PROCEEDING:
		tapi_call_add_digits(call, digits);
		tapi_call_changed(ch);
		break;
	default:
		break;
	}
}

static void tapi_call_station_event(struct tapi_channel *ch, u32 type,
				    u32 value, u32 duration_ms)
{
	struct tapi_call_info *call = &ch->line.call;

	switch (type) {
	case TAPI_EV_HOOK:
		if (value == TAPI_HOOK_OFF) {
			if (call->state == TAPI_CALL_IDLE) {
				tapi_call_begin(ch, TAPI_CALL_OUTGOING);
				tapi_call_enter(ch, TAPI_CALL_DIALTONE,
						TAPI_CAUSE_NONE);
			} else if (call->state == TAPI_CALL_OFFERING) {
				tapi_call_enter(ch, TAPI_CALL_CONNECTED,
						TAPI_CAUSE_NONE);
			}
		} else if (call->state != TAPI_CALL_IDLE) {
			tapi_call_enter(ch, TAPI_CALL_IDLE,
					tapi_call_end_cause(call,
							    TAPI_CAUSE_NORMAL));
		}
		break;
	case TAPI_EV_DIGIT_START:
		tapi_call_station_digit(ch, value);
		break;
	case TAPI_EV_KEY:
		if (!duration_ms)	/* pressed, not released */
			tapi_call_station_digit(ch, value);
		break;
	case TAPI_EV_RING:
		if (value && call->state == TAPI_CALL_IDLE && !ch->hook_off) {
			tapi_call_begin(ch, TAPI_CALL_INCOMING);
			tapi_call_enter(ch, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
		}
		break;
	case TAPI_EV_RING_DONE:
		if (call->state == TAPI_CALL_OFFERING)
			tapi_call_enter(ch, TAPI_CALL_IDLE,
					TAPI_CAUSE_NOANSWER);
		break;
	default:
		break;
	}
}

/**
 * tapi_call_event() - let a channel event move the call on
 * @ch: the channel
 * @type: enum tapi_event_type
 * @value: the event's value
 * @duration_ms: the event's duration
 *
 * Called by the event dispatcher after the event reached the files, so
 * that TAPI_EV_CALL_STATE follows the event that caused it.  Events the
 * call machine emits itself come back here and are ignored.
 *
 * Context: any; @ch->lock held.
 */
void tapi_call_event(struct tapi_channel *ch, u32 type, u32 value,
		     u32 duration_ms)
{
	lockdep_assert_held(&ch->lock);
	if (ch->sig == TAPI_SIG_FXO)
		tapi_call_fxo_event(ch, type, value);
	else
		tapi_call_station_event(ch, type, value, duration_ms);
}

/**
 * tapi_call_fxo_hook() - an FXO channel seized or released its line
 * @ch: the channel; @ch->hook_off is the new state
 *
 * Off-hook answers an OFFERING call; on an idle line it starts an
 * outgoing call, which stays IDLE (call_id 0) until dial tone is heard or
 * digits are dialled.  On-hook ends any call (cause TAPI_CAUSE_LOCAL
 * unless it was already refused or disconnected).
 *
 * Context: any; @ch->lock held.
 */
void tapi_call_fxo_hook(struct tapi_channel *ch)
{
	struct tapi_call_info *call = &ch->line.call;

	lockdep_assert_held(&ch->lock);
	if (ch->sig != TAPI_SIG_FXO)
		return;
	if (ch->hook_off) {
		ch->line.seized_reversed = ch->reversed;
		if (call->state == TAPI_CALL_OFFERING)
			tapi_call_enter(ch, TAPI_CALL_CONNECTED,
					TAPI_CAUSE_NONE);
	} else if (call->state != TAPI_CALL_IDLE) {
		tapi_call_enter(ch, TAPI_CALL_IDLE,
				tapi_call_end_cause(call, TAPI_CAUSE_LOCAL));
	}
	tapi_cid_update(ch);
}

/**
 * tapi_call_dial() - digits were queued with TAPI_IOC_DIAL
 * @ch: the channel
 * @digits: the digits
 *
 * On an off-hook FXO line they are the called number: the call goes to
 * DIALING (from IDLE, DIALTONE, or PROCEEDING for overlap dialling) and
 * records them.  Digits sent later in the call, or on other channels,
 * change nothing.
 *
 * Context: any; @ch->lock held.
 */
void tapi_call_dial(struct tapi_channel *ch, const char *digits)
{
	struct tapi_call_info *call = &ch->line.call;

	lockdep_assert_held(&ch->lock);
	if (ch->sig != TAPI_SIG_FXO || !ch->hook_off)
		return;
	switch (call->state) {
	case TAPI_CALL_IDLE:
		tapi_call_begin(ch, TAPI_CALL_OUTGOING);
		fallthrough;
	case TAPI_CALL_DIALTONE:
	case TAPI_CALL_PROCEEDING:
		tapi_call_add_digits(call, digits);
		tapi_call_enter(ch, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
		break;
	case TAPI_CALL_DIALING:
		tapi_call_add_digits(call, digits);
		tapi_call_changed(ch);
		break;
	default:
		break;
	}
}

/**
 * tapi_call_ring_stopped() - TAPI_IOC_RING_STOP stopped ringing a station
 * @ch: the channel (FXS or handset)
 *
 * The offered call is withdrawn: IDLE, cause TAPI_CAUSE_LOCAL.
 *
 * Context: any; @ch->lock held.
 */
void tapi_call_ring_stopped(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	if (ch->line.call.state == TAPI_CALL_OFFERING)
		tapi_call_enter(ch, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL);
}

/**
 * tapi_call_removed() - the channel's hardware is gone
 * @ch: the channel, not yet marked dead, so the files still get events
 *
 * A call in progress becomes DISCONNECTED, cause TAPI_CAUSE_REMOVED; the
 * caller reports TAPI_EV_REMOVED afterwards.
 *
 * Context: any; @ch->lock held.
 */
void tapi_call_removed(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	cancel_delayed_work(&ch->line.ring_gap_work);
	if (ch->line.call.state != TAPI_CALL_IDLE)
		tapi_call_enter(ch, TAPI_CALL_DISCONNECTED,
				TAPI_CAUSE_REMOVED);
}

/**
 * tapi_call_caller_id() - caller ID was received on an FXO line
 * @ch: the channel
 * @info: the decoded message
 *
 * Fills the incoming call's caller fields and reports TAPI_EV_CALLER_ID
 * (value: the call ID).  Caller ID before the first ring (ETSI,
 * United Kingdom) offers the call at once; if no ring follows within
 * TAPI_CALL_RING_GAP_MS it ends unanswered.  Ignored unless the line is
 * on-hook, idle or offering.
 *
 * Context: any; @ch->lock held.
 */
void tapi_call_caller_id(struct tapi_channel *ch,
			 const struct tapi_cid_info *info)
{
	struct tapi_call_info *call = &ch->line.call;
	bool begin;

	lockdep_assert_held(&ch->lock);
	if (ch->sig != TAPI_SIG_FXO || ch->hook_off)
		return;
	begin = call->state == TAPI_CALL_IDLE;
	if (!begin && call->state != TAPI_CALL_OFFERING)
		return;
	if (begin)
		tapi_call_begin(ch, TAPI_CALL_INCOMING);

	strscpy(call->caller_number, info->number,
		sizeof(call->caller_number));
	strscpy(call->caller_name, info->name, sizeof(call->caller_name));
	if (info->has_datetime)
		snprintf(call->caller_datetime, sizeof(call->caller_datetime),
			 "%02u%02u%02u%02u", info->month, info->day,
			 info->hour, info->minute);
	else
		call->caller_datetime[0] = '\0';
	call->caller_flags = 0;
	if (info->number_absent == TAPI_CID_ABSENT_PRIVATE)
		call->caller_flags |= TAPI_CALLER_PRIVATE;
	else if (info->number_absent == TAPI_CID_ABSENT_UNAVAILABLE)
		call->caller_flags |= TAPI_CALLER_UNAVAILABLE;

	if (begin) {
		tapi_call_enter(ch, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
		if (!ch->ring_detected)
			tapi_call_ring_gap_start(ch);
	} else {
		tapi_call_changed(ch);
	}
	tapi_channel_event(ch, TAPI_EV_CALLER_ID, call->call_id, 0);
}

/**
 * tapi_call_get() - TAPI_IOC_GET_CALL
 * @ch: the channel
 * @info: filled with the channel's call
 */
void tapi_call_get(struct tapi_channel *ch, struct tapi_call_info *info)
{
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	*info = ch->line.call;
	spin_unlock_irqrestore(&ch->lock, flags);
}

/**
 * tapi_call_set_state() - TAPI_IOC_SET_CALL_STATE
 * @ch: the channel
 * @state: TAPI_CALL_PROCEEDING, RINGBACK, BUSY, CONNECTED or DISCONNECTED
 *
 * The application that acts as the exchange of a station (FXS, handset)
 * moves the station's call on; on FXO it may do the same where the line
 * gives no signal (no answer supervision, a call given up).  BUSY gets
 * cause TAPI_CAUSE_BUSY, DISCONNECTED TAPI_CAUSE_NORMAL.  Setting the
 * state the call is in changes nothing.
 *
 * Return: 0; -EINVAL for another state, or when the channel has no call
 * or only an OFFERING one (which the station's or our off-hook answers);
 * -ENODEV.
 */
int tapi_call_set_state(struct tapi_channel *ch, u32 state)
{
	struct tapi_call_info *call = &ch->line.call;
	unsigned long flags;
	u32 cause;
	int ret = 0;

	switch (state) {
	case TAPI_CALL_PROCEEDING:
	case TAPI_CALL_RINGBACK:
	case TAPI_CALL_CONNECTED:
		cause = TAPI_CAUSE_NONE;
		break;
	case TAPI_CALL_BUSY:
		cause = TAPI_CAUSE_BUSY;
		break;
	case TAPI_CALL_DISCONNECTED:
		cause = TAPI_CAUSE_NORMAL;
		break;
	default:
		return -EINVAL;
	}

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead)
		ret = -ENODEV;
	else if (call->state == TAPI_CALL_IDLE ||
		 call->state == TAPI_CALL_OFFERING)
		ret = -EINVAL;
	else if (call->state != state)
		tapi_call_enter(ch, state, cause);
	spin_unlock_irqrestore(&ch->lock, flags);
	return ret;
}
