// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's call states (enum tapi_call_state, the same for every
 * process) as TAPI call states, which also depend on who the call is
 * for.  Pure functions, so the mapping is tested without a kernel.
 *
 * FXO lines are the simple case: the kernel's states are TAPI's.  A
 * station (FXS port, handset) is the other way round: we are its
 * exchange.  A station that goes off-hook offers us a call (OFFERING,
 * whatever dial tone and digits the kernel sees meanwhile; ACCEPTED once
 * something moved it on to proceeding, ring-back or busy); a call we
 * make to it rings it, which for us is RINGBACK.
 *
 * Modes (LINE_CALLSTATE dwParam2) follow the negotiated version: the
 * OFFERING and CONNECTED modes and LINEDISCONNECTMODE_NODIALTONE came
 * with TAPI 1.4; older applications get 0 and UNKNOWN.
 */
#include "engine.h"

/**
 * tapi_call_origin_of() - is a kernel call outgoing or offered to us
 * @sig: the channel's signalling
 * @first_kstate: the first kernel state the call was seen in
 * @direction: the kernel's enum tapi_call_direction
 *
 * Return: TAPI_ORIGIN_IN for calls offered to the line's applications.
 */
enum tapi_call_origin_kind tapi_call_origin_of(enum tapi_signalling sig,
					       uint32_t first_kstate,
					       uint32_t direction)
{
	if (sig != TAPI_SIG_FXO)	/* lifted: offered; rung: outgoing */
		return first_kstate == TAPI_CALL_OFFERING ?
		       TAPI_ORIGIN_OUT : TAPI_ORIGIN_IN;
	if (direction == TAPI_CALL_INCOMING)
		return TAPI_ORIGIN_IN;
	if (direction == TAPI_CALL_OUTGOING)
		return TAPI_ORIGIN_OUT;
	return first_kstate == TAPI_CALL_OFFERING ? TAPI_ORIGIN_IN :
						    TAPI_ORIGIN_OUT;
}

/**
 * tapi_disconnect_mode() - LINEDISCONNECTMODE_ for a kernel cause
 * @cause: enum tapi_call_cause
 * @connected_once: the call was connected before
 * @origin: outgoing or offered
 * @version: the application's negotiated API version
 *
 * Return: a LINEDISCONNECTMODE_ value the version knows.
 */
DWORD tapi_disconnect_mode(uint32_t cause, bool connected_once,
			   enum tapi_call_origin_kind origin, DWORD version)
{
	switch (cause) {
	case TAPI_CAUSE_NORMAL:
	case TAPI_CAUSE_LOCAL:
		return LINEDISCONNECTMODE_NORMAL;
	case TAPI_CAUSE_BUSY:
		return LINEDISCONNECTMODE_BUSY;
	case TAPI_CAUSE_CONGESTION:
		return LINEDISCONNECTMODE_CONGESTION;
	case TAPI_CAUSE_NOANSWER:
		/* an offered call the caller gave up on ended normally */
		if (origin == TAPI_ORIGIN_IN || connected_once)
			return LINEDISCONNECTMODE_NORMAL;
		return LINEDISCONNECTMODE_NOANSWER;
	case TAPI_CAUSE_REMOVED:
		return LINEDISCONNECTMODE_UNAVAIL;
	default:
		return LINEDISCONNECTMODE_UNKNOWN;
	}
}

/**
 * tapi_callstate_map() - the TAPI state of a kernel call state
 * @sig: the channel's signalling
 * @origin: from tapi_call_origin_of()
 * @kstate: enum tapi_call_state
 * @cause: enum tapi_call_cause (for DISCONNECTED)
 * @version: the application's negotiated API version
 *
 * Return: state and mode; LINECALLSTATE_UNKNOWN for a state the kernel
 * may add later.
 */
struct tapi_callstate tapi_callstate_map(enum tapi_signalling sig,
					 enum tapi_call_origin_kind origin,
					 uint32_t kstate, uint32_t cause,
					 DWORD version)
{
	bool v14 = version >= TAPI_VERSION_1_4;
	bool station = sig != TAPI_SIG_FXO;
	struct tapi_callstate cs = { LINECALLSTATE_UNKNOWN, 0 };

	switch (kstate) {
	case TAPI_CALL_IDLE:
		cs.state = LINECALLSTATE_IDLE;
		break;
	case TAPI_CALL_OFFERING:
		if (station && origin == TAPI_ORIGIN_OUT) {
			cs.state = LINECALLSTATE_RINGBACK;
		} else {
			cs.state = LINECALLSTATE_OFFERING;
			cs.mode = v14 ? LINEOFFERINGMODE_ACTIVE : 0;
		}
		break;
	case TAPI_CALL_DIALTONE:
	case TAPI_CALL_DIALING:
		if (station && origin == TAPI_ORIGIN_IN) {
			cs.state = LINECALLSTATE_OFFERING;
			cs.mode = v14 ? LINEOFFERINGMODE_ACTIVE : 0;
		} else if (kstate == TAPI_CALL_DIALTONE) {
			cs.state = LINECALLSTATE_DIALTONE;
			cs.mode = LINEDIALTONEMODE_NORMAL;
		} else {
			cs.state = LINECALLSTATE_DIALING;
		}
		break;
	case TAPI_CALL_PROCEEDING:
	case TAPI_CALL_RINGBACK:
	case TAPI_CALL_BUSY:
		if (station && origin == TAPI_ORIGIN_IN)
			cs.state = LINECALLSTATE_ACCEPTED;
		else if (kstate == TAPI_CALL_PROCEEDING)
			cs.state = LINECALLSTATE_PROCEEDING;
		else if (kstate == TAPI_CALL_RINGBACK)
			cs.state = LINECALLSTATE_RINGBACK;
		else {
			cs.state = LINECALLSTATE_BUSY;
			/* a tone tells station from trunk busy apart no more */
			cs.mode = LINEBUSYMODE_UNKNOWN;
		}
		break;
	case TAPI_CALL_CONNECTED:
		cs.state = LINECALLSTATE_CONNECTED;
		cs.mode = v14 ? LINECONNECTEDMODE_ACTIVE : 0;
		break;
	case TAPI_CALL_DISCONNECTED:
		cs.state = LINECALLSTATE_DISCONNECTED;
		cs.mode = tapi_disconnect_mode(cause, false, origin, version);
		break;
	default:
		break;
	}
	return cs;
}

/**
 * tapi_callstates_supported() - LINEADDRESSCAPS.dwCallStates
 * @sig: the channel's signalling
 *
 * Return: every LINECALLSTATE_ a call on such a line can be in.
 */
DWORD tapi_callstates_supported(enum tapi_signalling sig)
{
	DWORD common = LINECALLSTATE_IDLE | LINECALLSTATE_OFFERING |
		       LINECALLSTATE_RINGBACK | LINECALLSTATE_CONNECTED |
		       LINECALLSTATE_DISCONNECTED | LINECALLSTATE_UNKNOWN;

	if (sig != TAPI_SIG_FXO)
		return common | LINECALLSTATE_ACCEPTED;
	return common | LINECALLSTATE_DIALTONE | LINECALLSTATE_DIALING |
	       LINECALLSTATE_PROCEEDING | LINECALLSTATE_BUSY;
}

/**
 * tapi_call_features() - LINECALLSTATUS.dwCallFeatures
 * @sig: the channel's signalling
 * @state: the call's LINECALLSTATE_
 * @privilege: the handle's LINECALLPRIVILEGE_
 * @dialing: a dial plan is being executed on the call
 *
 * Return: the LINECALLFEATURE_ bits of the functions that would succeed.
 */
DWORD tapi_call_features(enum tapi_signalling sig, DWORD state,
			 DWORD privilege, bool dialing)
{
	const DWORD monitor = LINECALLFEATURE_MONITORDIGITS |
			      LINECALLFEATURE_MONITORTONES;
	const DWORD media = LINECALLFEATURE_GENERATEDIGITS |
			    LINECALLFEATURE_GENERATETONE |
			    LINECALLFEATURE_GATHERDIGITS;
	DWORD dial = sig == TAPI_SIG_FXO && !dialing ? LINECALLFEATURE_DIAL : 0;
	DWORD f;

	switch (state) {
	case LINECALLSTATE_IDLE:
		return 0;
	case LINECALLSTATE_OFFERING:
		f = LINECALLFEATURE_ANSWER | LINECALLFEATURE_DROP;
		break;
	case LINECALLSTATE_ACCEPTED:
		f = LINECALLFEATURE_ANSWER | LINECALLFEATURE_DROP | media;
		break;
	case LINECALLSTATE_DISCONNECTED:
		return privilege & LINECALLPRIVILEGE_OWNER ?
		       LINECALLFEATURE_DROP : 0;
	default:	/* dial tone to connected */
		f = LINECALLFEATURE_DROP | media | dial;
		break;
	}
	if (!(privilege & LINECALLPRIVILEGE_OWNER))
		return monitor;
	return f | monitor;
}

/**
 * tapi_caller_id_flags() - LINECALLINFO.dwCallerIDFlags of an offered call
 * @info: the kernel's call
 *
 * Return: LINECALLPARTYID_ bits: what the caller ID delivered, or
 * UNKNOWN while none arrived.
 */
DWORD tapi_caller_id_flags(const struct tapi_call_info *info)
{
	DWORD f = 0;

	if (info->caller_flags & TAPI_CALLER_PRIVATE)
		f |= LINECALLPARTYID_BLOCKED;
	if (info->caller_flags & TAPI_CALLER_UNAVAILABLE)
		f |= LINECALLPARTYID_OUTOFAREA;
	if (info->caller_number[0])
		f |= LINECALLPARTYID_ADDRESS;
	if (info->caller_name[0])
		f |= LINECALLPARTYID_NAME;
	return f ? f : LINECALLPARTYID_UNKNOWN;
}
