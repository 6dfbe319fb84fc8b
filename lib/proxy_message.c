// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineProxyMessage: an ACD proxy tells every application that has the
 * line open, in every process, that agents, sessions, queues or groups
 * changed.  The message goes to the kernel's "proxy" group; each process
 * (this one included) posts it to its lines on the channel whose version
 * knows the message: LINE_AGENTSTATUS and LINE_AGENTSPECIFIC from TAPI
 * 2.0, LINE_AGENTSTATUSEX, LINE_AGENTSESSIONSTATUS, LINE_QUEUESTATUS and
 * LINE_GROUPSTATUS from TAPI 2.2.  hDevice is the receiving HLINE (a call
 * handle of the proxy means nothing in another application).
 */
#include <errno.h>

#include "proxy.h"

/* The first version that defines @msg, or 0 for one a proxy cannot send. */
static DWORD message_version(DWORD msg)
{
	switch (msg) {
	case LINE_AGENTSTATUS:
	case LINE_AGENTSPECIFIC:
		return TAPI_VERSION_2_0;
	case LINE_AGENTSTATUSEX:
	case LINE_AGENTSESSIONSTATUS:
	case LINE_QUEUESTATUS:
	case LINE_GROUPSTATUS:
		return TAPI_VERSION_2_2;
	default:
		return 0;
	}
}

/* Is @v one LINEAGENTSTATE_-style bit of @all, or 0 when @may_be_zero. */
static bool one_of(DWORD v, DWORD all, bool may_be_zero)
{
	if (!v)
		return may_be_zero;
	return !(v & (v - 1)) && (v & all) == v;
}

/* The parameters TAPI defines for each message. */
static LONG check_params(DWORD msg, DWORD p1, DWORD p2, DWORD p3)
{
	switch (msg) {
	case LINE_AGENTSTATUS:	/* address, LINEAGENTSTATUS_, state */
		if (p1)
			return LINEERR_INVALADDRESSID;
		if (!p2 || p2 & ~((LINEAGENTSTATUS_VALIDNEXTSTATES << 1) - 1))
			return LINEERR_INVALPARAM;
		if (p2 & LINEAGENTSTATUS_STATE &&
		    !one_of(p3, (LINEAGENTSTATE_UNAVAIL << 1) - 1, false))
			return LINEERR_INVALAGENTSTATE;
		return 0;
	case LINE_AGENTSTATUSEX: /* HAGENT, LINEAGENTSTATUSEX_, state */
		if (!p2 || p2 & ~((LINEAGENTSTATUSEX_UPDATEINFO << 1) - 1))
			return LINEERR_INVALPARAM;
		if (p2 & LINEAGENTSTATUSEX_STATE &&
		    !one_of(p3, (LINEAGENTSTATEEX_RELEASED << 1) - 1, false))
			return LINEERR_INVALAGENTSTATE;
		return 0;
	case LINE_AGENTSESSIONSTATUS:	/* session, _STATUS_, state */
		if (!p2 ||
		    p2 & ~((LINEAGENTSESSIONSTATUS_UPDATEINFO << 1) - 1))
			return LINEERR_INVALPARAM;
		if (p2 & LINEAGENTSESSIONSTATUS_STATE &&
		    !one_of(p3, (LINEAGENTSESSIONSTATE_RELEASED << 1) - 1,
			    false))
			return LINEERR_INVALAGENTSESSIONSTATE;
		return 0;
	case LINE_QUEUESTATUS:	/* queue, LINEQUEUESTATUS_ */
		if (!p2 || p2 & ~((LINEQUEUESTATUS_QUEUEREMOVED << 1) - 1))
			return LINEERR_INVALPARAM;
		return 0;
	case LINE_GROUPSTATUS:	/* LINEGROUPSTATUS_ */
		if (!p1 || p1 & ~((LINEGROUPSTATUS_GROUPREMOVED << 1) - 1))
			return LINEERR_INVALPARAM;
		return 0;
	default:		/* LINE_AGENTSPECIFIC: the handler's own */
		return 0;
	}
}

/**
 * tapi_proxy_post_lines() - a message to every line open on a channel
 * @channel: the channel
 * @min_version: lines negotiated below it are skipped
 * @msg: LINE_ message; hDevice is each line's handle
 * @p1: dwParam1
 * @p2: dwParam2
 * @p3: dwParam3
 *
 * Engine lock held.
 */
void tapi_proxy_post_lines(uint32_t channel, DWORD min_version, DWORD msg,
			   DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
	struct tapi_linedev *ld = tapi_linedev_find_channel(channel);

	for (struct tapi_line *l = ld ? ld->lines : NULL; l; l = l->next)
		if (l->version >= min_version)
			tapi_line_post(l, l->handle, msg, p1, p2, p3);
}

/**
 * tapi_proxy_message_received() - the relay's PROXY_MESSAGE
 * @n: the note
 *
 * Engine thread, engine lock held.  Messages no proxy may send are
 * dropped: they did not come from libtapi.
 */
void tapi_proxy_message_received(const struct tapi_relay_note *n)
{
	DWORD version = message_version(n->msg);

	if (!version ||
	    check_params(n->msg, n->param[0], n->param[1], n->param[2]))
		return;
	tapi_proxy_post_lines(n->channel, version, n->msg, n->param[0],
			      n->param[1], n->param[2]);
}

/**
 * lineProxyMessage() - an ACD proxy's message to every application that
 *	has the line open
 * @hLine: a line opened with LINEOPENOPTION_PROXY
 * @hCall: 0, or a call handle of @hLine (accepted, not passed on)
 * @dwMsg: LINE_AGENTSTATUS, LINE_AGENTSPECIFIC, and from TAPI 2.2
 *	LINE_AGENTSTATUSEX, LINE_AGENTSESSIONSTATUS, LINE_QUEUESTATUS,
 *	LINE_GROUPSTATUS
 * @dwParam1: as the message defines it (LINE_AGENTSTATUS: the address,
 *	0; _STATUSEX: the HAGENT; _SESSIONSTATUS: the HAGENTSESSION;
 *	_QUEUESTATUS: the queue ID; _GROUPSTATUS: LINEGROUPSTATUS_ bits)
 * @dwParam2: the message's _STATUS_ bits (not for LINE_GROUPSTATUS)
 * @dwParam3: the new state when the bits include _STATE
 *
 * Synchronous: 0 once the kernel took the message; it reaches the other
 * applications as their engines read it.
 *
 * Return: 0; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_NOTREGISTERED (not a proxy line), LINEERR_INVALCALLHANDLE,
 * LINEERR_INVALPARAM (a message no proxy sends, or at a version that
 * does not define it; bad status bits), LINEERR_INVALADDRESSID,
 * LINEERR_INVALAGENTSTATE, LINEERR_INVALAGENTSESSIONSTATE,
 * LINEERR_OPERATIONFAILED, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineProxyMessage(HLINE hLine, HCALL hCall,
					 DWORD dwMsg, DWORD dwParam1,
					 DWORD dwParam2, DWORD dwParam3)
{
	const uint32_t param[3] = { dwParam1, dwParam2, dwParam3 };
	struct tapi_relay *relay;
	struct tapi_line *line;
	DWORD version = message_version(dwMsg);
	uint32_t channel;
	LONG err = tapi_line_begin(hLine, &line);

	if (err)
		return err;
	channel = line->dev->info.channel;
	if (!tapi_proxy_line_is_proxy(line))
		err = LINEERR_NOTREGISTERED;
	if (!err && hCall) {
		struct tapi_hcall *hc;

		if (tapi_hcall_lookup(hCall, &hc)) {
			err = LINEERR_INVALCALLHANDLE;
		} else {
			if (!hc->valid || hc->line != line)
				err = LINEERR_INVALCALLHANDLE;
			tapi_hcall_put(hc);
		}
	}
	if (!err && (!version || version > line->version))
		err = LINEERR_INVALPARAM;
	if (!err)
		err = check_params(dwMsg, dwParam1, dwParam2, dwParam3);
	tapi_line_end(line);
	if (err)
		return err;
	relay = tapi_proxy_relay_get();
	if (!relay)
		return LINEERR_OPERATIONUNAVAIL;
	err = relay->ops->message(relay, channel, dwMsg, param);
	/* -EPERM: the kernel no longer counts us the channel's proxy */
	return err == -EPERM ? LINEERR_NOTREGISTERED : tapi_proxy_lineerr(err);
}
