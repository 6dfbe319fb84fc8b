// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: what every simulated port has, phone or CO line: the DTMF
 * receiver listening to what the channel sends ("heard"), the patch cord
 * of TAPI_SIM_IOC_CONNECT, the signalling reports to the core and the
 * status the control device returns.
 */
#include <linux/string.h>
#include "sim.h"

/**
 * sim_port_init() - set up the parts common to phones and lines
 * @port: the port, zeroed
 */
void sim_port_init(struct sim_port *port)
{
	spin_lock_init(&port->report_lock);
	tapi_dtmf_rx_init(&port->ear, sim_port_heard, port);
}

/**
 * sim_port_heard() - the port's DTMF receiver decoded a digit
 * @user: the port
 * @digit: the digit
 * @end: false at the start of the digit, true at its end
 * @duration_ms: unused
 *
 * Records the digit at its start; when @heard is full the oldest digit
 * makes room.  An FXO port's digits also go to the CO for dialling.
 * Called from tapi_dtmf_rx() in the frame path, sim_world_lock held.
 */
void sim_port_heard(void *user, char digit, bool end,
		    unsigned int duration_ms)
{
	struct sim_port *port = user;

	lockdep_assert_held(&sim_world_lock);
	if (end)
		return;
	if (port->heard_len == sizeof(port->heard) - 1) {
		memmove(port->heard, port->heard + 1, port->heard_len - 1);
		port->heard_len--;
	}
	port->heard[port->heard_len++] = digit;
	port->heard[port->heard_len] = '\0';
	if (port->fxo)
		sim_line_digit(port, digit);
}

/**
 * sim_port_report() - bring the core up to date with the port's signalling
 * @port: the port
 *
 * Reports what changed since the last report: the phone's hook (FXS),
 * ringing and polarity seen on the line (FXO).  Only the latest state is
 * reported, so it is correct whichever context calls last; every state
 * lasts at least one frame and the frame path calls this every frame, so
 * no change is missed.  Called with sim_world_lock released.
 */
void sim_port_report(struct sim_port *port)
{
	bool hook, ring, reversed;
	unsigned long flags;

	spin_lock_irqsave(&port->report_lock, flags);
	spin_lock(&sim_world_lock);
	hook = port->hook;
	ring = port->fxo && port->line.ring_on;
	reversed = port->fxo && port->line.reversed;
	spin_unlock(&sim_world_lock);

	if (!port->fxo) {
		if (hook != port->reported_hook) {
			port->reported_hook = hook;
			tapi_channel_hook(port->ch, hook);
		}
	} else {
		if (ring != port->reported_ring) {
			port->reported_ring = ring;
			tapi_channel_ring_detect(port->ch, ring);
		}
		if (reversed != port->reported_reversed) {
			port->reported_reversed = reversed;
			tapi_channel_polarity(port->ch, reversed);
		}
	}
	spin_unlock_irqrestore(&port->report_lock, flags);
}

/**
 * sim_port_connect() - TAPI_SIM_IOC_CONNECT: patch two ports' audio
 * @port: the port
 * @peer_channel: channel number of the other port, or (u32)-1 to unpatch
 *
 * A patch is a wire between the two ports: each hears the other's tx in
 * its rx, mixed with whatever else the port hears (CO tones and calls,
 * the phone's keypad).  A port has at most one patch.  Unpatching a port
 * that has none succeeds.  Caller holds sim_mutex.
 *
 * Return: 0; -ENODEV if @peer_channel is not a simulated port, -EINVAL
 * if it is @port itself, -EBUSY if either port is patched to another.
 */
int sim_port_connect(struct sim_port *port, u32 peer_channel)
{
	struct sim_port *peer = NULL;
	unsigned long flags;
	int ret = 0;

	if (peer_channel != (u32)-1) {
		peer = sim_port_find(peer_channel);
		if (!peer)
			return -ENODEV;
		if (peer == port)
			return -EINVAL;
	}

	spin_lock_irqsave(&sim_world_lock, flags);
	if (!peer) {
		sim_port_unpatch(port);
	} else if (port->patch != peer) {
		if (port->patch || peer->patch) {
			ret = -EBUSY;
		} else {
			port->patch = peer;
			peer->patch = port;
		}
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);
	return ret;
}

/**
 * sim_port_unpatch() - remove the port's patch, if any
 * @port: the port
 *
 * Caller holds sim_world_lock.
 */
void sim_port_unpatch(struct sim_port *port)
{
	lockdep_assert_held(&sim_world_lock);
	if (port->patch) {
		port->patch->patch = NULL;
		port->patch = NULL;
	}
}

/**
 * sim_port_status() - TAPI_SIM_IOC_STATUS
 * @port: the port
 * @st: filled in except @st->channel
 *
 * For FXS ports co_state is 0 and number empty.  peer is the patched
 * port, else the other line of a CO call, else -1 (also for a call with
 * an outside caller).
 */
void sim_port_status(struct sim_port *port, struct tapi_sim_status *st)
{
	struct sim_port *peer;
	unsigned long flags;

	spin_lock_irqsave(&sim_world_lock, flags);
	st->hook = port->hook;
	peer = port->patch;
	if (port->fxo) {
		st->ringing = port->line.state == TAPI_SIM_CO_RINGING;
		st->co_state = port->line.state;
		if (!peer)
			peer = port->line.peer;
		strscpy(st->number, port->line.number, sizeof(st->number));
	} else {
		st->ringing = port->phone.ringing;
	}
	st->peer = peer ? (s32)peer->channel : -1;
	strscpy(st->heard, port->heard, sizeof(st->heard));
	spin_unlock_irqrestore(&sim_world_lock, flags);
}

/**
 * sim_port_clear() - TAPI_SIM_IOC_CLEAR: forget the digits heard
 * @port: the port
 */
void sim_port_clear(struct sim_port *port)
{
	unsigned long flags;

	spin_lock_irqsave(&sim_world_lock, flags);
	port->heard[0] = '\0';
	port->heard_len = 0;
	spin_unlock_irqrestore(&sim_world_lock, flags);
}

/**
 * sim_mix() - add one signal to another, saturating
 * @dst: the signal added to
 * @src: the signal to add
 * @n: samples
 */
void sim_mix(s16 *dst, const s16 *src, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		dst[i] = clamp_t(int, dst[i] + src[i], S16_MIN, S16_MAX);
}
