// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the simulated central office (CO) behind the FXO ports.
 *
 * Every FXO port of every simulated card is a line of one CO, with the
 * directory number "2" followed by its global channel number in three
 * digits: channel 2 is "2002", channel 17 is "2017".  (Channels from 1000
 * up get five digits, which the CO cannot route to: it completes numbers
 * at four.)
 *
 * A line that goes off-hook hears dial tone (tone zone "us").  The CO's
 * DTMF receiver listens to what the port sends; the first digit stops
 * the dial tone, and the number is complete after four digits, at '#'
 * (which is not part of the number), or SIM_CO_INTERDIGIT_MS after the
 * last digit.  Then the CO routes the call:
 *  - a number nobody has: congestion tone (state CONGESTION);
 *  - a line that is off-hook or in any call, or the caller itself: busy
 *    tone (BUSY);
 *  - an idle line: it rings (ring detect on for 2 s, off for 4 s) until
 *    answered or the caller gives up, and the caller hears ringback
 *    (RINGBACK, the called line RINGING).
 * When the called line goes off-hook both lines are CONNECTED and hear
 * each other; the caller's line polarity reverses (answer supervision).
 * When one side hangs up, the other is DISCONNECTED: its polarity
 * changes (back to normal on the caller's side; a SIM_CO_POLARITY_PULSE_MS
 * reversal pulse on the called side) and it hears busy tone until it
 * hangs up too.  A line is released (hung up) only after staying on-hook
 * for SIM_CO_RELEASE_MS; a shorter on-hook is a hook flash and changes
 * nothing.
 *
 * An outside caller (TAPI_SIM_IOC_CO_RING) rings an idle line for a given
 * number of cycles or until answered; answering connects the line to the
 * caller, a silent far end, until TAPI_SIM_IOC_CO_HANGUP disconnects it
 * as above.
 *
 * Caller ID: between the first and the second ring the CO sends the
 * caller's number and name (a called line's caller is the calling line's
 * number, without a name) with the date and time, as a Telcordia GR-30
 * MDMF message in Bell 202 FSK.  A number longer than the 20 digits
 * caller ID carries is cut; an empty number or name is sent as
 * "unavailable".
 *
 * Everything here runs under sim_world_lock.
 */
#include <linux/string.h>
#include <linux/time.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "sim.h"

/* The tone zone of the CO. */
const struct tapi_tone_zone *sim_co_zone;

/* Lines the CO can route calls to, under sim_world_lock. */
static LIST_HEAD(sim_co_lines);

/**
 * sim_co_init() - find the CO's tone zone
 *
 * Return: 0, or -ENOENT if the DSP has no "us" tone zone.
 */
int sim_co_init(void)
{
	sim_co_zone = tapi_tone_zone_find("us");
	return sim_co_zone ? 0 : -ENOENT;
}

static struct sim_port *sim_line_port(struct sim_line *line)
{
	return container_of(line, struct sim_port, line);
}

/* Play @tone to the line, or nothing for TAPI_TONE_NONE. */
static void sim_line_tone(struct sim_line *line, enum tapi_tone tone)
{
	line->tone_on = tone != TAPI_TONE_NONE &&
			!tapi_tone_gen_init(&line->tone, sim_co_zone, tone);
}

static void sim_line_enter(struct sim_line *line,
			   enum tapi_sim_co_state state, enum tapi_tone tone)
{
	line->state = state;
	sim_line_tone(line, tone);
}

/* Forget any call; the polarity returns to normal. */
static void sim_line_idle(struct sim_line *line)
{
	sim_line_enter(line, TAPI_SIM_CO_IDLE, TAPI_TONE_NONE);
	line->peer = NULL;
	line->outside = false;
	line->ring_on = false;
	line->reversed = false;
	line->pulse_ms = 0;
	line->dialed[0] = '\0';
	line->dialed_len = 0;
	line->caller_number[0] = '\0';
	line->caller_name[0] = '\0';
	line->cid_due = false;
	line->cid_on = false;
}

/* The other side of the line's call hung up or went away. */
static void sim_line_disconnected(struct sim_line *line)
{
	line->peer = NULL;
	line->outside = false;
	line->ring_on = false;
	sim_line_enter(line, TAPI_SIM_CO_DISCONNECTED, TAPI_TONE_BUSY);
	if (line->reversed) {
		line->reversed = false;
	} else {
		line->reversed = true;
		line->pulse_ms = SIM_CO_POLARITY_PULSE_MS;
	}
}

/* The line leaves its call, if any, and becomes idle. */
static void sim_line_release(struct sim_line *line)
{
	struct sim_port *peer = line->peer;

	if (peer) {
		if (peer->line.state == TAPI_SIM_CO_RINGING)
			sim_line_idle(&peer->line);
		else
			sim_line_disconnected(&peer->line);
	}
	sim_line_idle(line);
}

static void sim_line_ring_start(struct sim_line *line, struct sim_port *caller,
				u32 cycles, const char *number,
				const char *name)
{
	sim_line_enter(line, TAPI_SIM_CO_RINGING, TAPI_TONE_NONE);
	line->peer = caller;
	line->outside = !caller;
	line->ring_ms = 0;
	line->ring_cycles = cycles;
	line->ring_on = true;
	strscpy(line->caller_number, number, sizeof(line->caller_number));
	strscpy(line->caller_name, name, sizeof(line->caller_name));
	line->cid_due = true;
	line->cid_on = false;
}

/* Start sending the caller ID of the call ringing the line. */
static void sim_line_cid_start(struct sim_line *line)
{
	struct tapi_cid_info info = { 0 };
	struct tm tm;

	time64_to_tm(ktime_get_real_seconds(), 0, &tm);
	info.has_datetime = true;
	info.month = tm.tm_mon + 1;
	info.day = tm.tm_mday;
	info.hour = tm.tm_hour;
	info.minute = tm.tm_min;
	if (line->caller_number[0])
		strscpy(info.number, line->caller_number, sizeof(info.number));
	else
		info.number_absent = TAPI_CID_ABSENT_UNAVAILABLE;
	if (line->caller_name[0])
		strscpy(info.name, line->caller_name, sizeof(info.name));
	else
		info.name_absent = TAPI_CID_ABSENT_UNAVAILABLE;
	line->cid_on = !tapi_cid_tx_init(&line->cid, TAPI_CID_BELL_MDMF,
					 &info, 0);
}

static struct sim_port *sim_co_lookup(const char *number)
{
	struct sim_line *line;

	list_for_each_entry(line, &sim_co_lines, node)
		if (!strcmp(line->number, number))
			return sim_line_port(line);
	return NULL;
}

/* Dialling is complete: connect the caller to what it dialled. */
static void sim_line_route(struct sim_port *port)
{
	struct sim_line *line = &port->line;
	struct sim_port *called = sim_co_lookup(line->dialed);

	if (!called) {
		sim_line_enter(line, TAPI_SIM_CO_CONGESTION,
			       TAPI_TONE_CONGESTION);
	} else if (called == port || called->hook ||
		   called->line.state != TAPI_SIM_CO_IDLE) {
		sim_line_enter(line, TAPI_SIM_CO_BUSY, TAPI_TONE_BUSY);
	} else {
		line->peer = called;
		sim_line_enter(line, TAPI_SIM_CO_RINGBACK, TAPI_TONE_RINGBACK);
		sim_line_ring_start(&called->line, port, 0, line->number, "");
	}
}

/**
 * sim_line_digit() - the CO's DTMF receiver heard a digit on the line
 * @port: an FXO port
 * @digit: the digit
 *
 * Caller holds sim_world_lock.
 */
void sim_line_digit(struct sim_port *port, char digit)
{
	struct sim_line *line = &port->line;

	lockdep_assert_held(&sim_world_lock);
	if (line->state == TAPI_SIM_CO_DIALTONE)
		sim_line_enter(line, TAPI_SIM_CO_DIALING, TAPI_TONE_NONE);
	else if (line->state != TAPI_SIM_CO_DIALING)
		return;
	line->digit_ms = 0;
	if (digit == '#') {
		sim_line_route(port);
		return;
	}
	line->dialed[line->dialed_len++] = digit;
	line->dialed[line->dialed_len] = '\0';
	if (line->dialed_len == SIM_CO_NUMBER_DIGITS)
		sim_line_route(port);
}

static void sim_line_offhook(struct sim_port *port)
{
	struct sim_line *line = &port->line;
	struct sim_port *caller = line->peer;

	line->onhook_ms = 0;
	switch (line->state) {
	case TAPI_SIM_CO_IDLE:
		line->dialed[0] = '\0';
		line->dialed_len = 0;
		line->digit_ms = 0;
		sim_line_enter(line, TAPI_SIM_CO_DIALTONE, TAPI_TONE_DIAL);
		break;
	case TAPI_SIM_CO_RINGING:
		line->ring_on = false;
		line->cid_due = false;
		line->cid_on = false;
		sim_line_enter(line, TAPI_SIM_CO_CONNECTED, TAPI_TONE_NONE);
		if (caller) {
			sim_line_enter(&caller->line, TAPI_SIM_CO_CONNECTED,
				       TAPI_TONE_NONE);
			caller->line.reversed = true;
		}
		break;
	default:
		/* Back off-hook within SIM_CO_RELEASE_MS: a flash. */
		break;
	}
}

static int sim_line_set_hook(struct tapi_channel *ch, bool offhook)
{
	struct sim_port *port = tapi_channel_get_drvdata(ch);
	unsigned long flags;

	spin_lock_irqsave(&sim_world_lock, flags);
	if (offhook != port->hook) {
		port->hook = offhook;
		port->line.onhook_ms = 0;
		if (offhook && !port->card->dead)
			sim_line_offhook(port);
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);
	return 0;
}

const struct tapi_channel_ops sim_line_ops = {
	.set_hook = sim_line_set_hook,
};

/**
 * sim_line_init() - an idle CO line
 * @port: an FXO port, zeroed
 */
void sim_line_init(struct sim_port *port)
{
	INIT_LIST_HEAD(&port->line.node);
	sim_line_idle(&port->line);
}

/**
 * sim_line_attach() - give the line its number and let the CO route to it
 * @port: an FXO port whose channel number is known
 *
 * Caller holds sim_world_lock.
 */
void sim_line_attach(struct sim_port *port)
{
	lockdep_assert_held(&sim_world_lock);
	snprintf(port->line.number, sizeof(port->line.number), "2%03u",
		 port->channel);
	list_add_tail(&port->line.node, &sim_co_lines);
}

/**
 * sim_line_detach() - take the line out of the CO
 * @port: an FXO port
 *
 * A call the line is part of ends as if it had hung up.  Caller holds
 * sim_world_lock.
 */
void sim_line_detach(struct sim_port *port)
{
	lockdep_assert_held(&sim_world_lock);
	list_del_init(&port->line.node);
	sim_line_release(&port->line);
}

/**
 * sim_line_frame() - one millisecond of the CO for one line
 * @port: an FXO port
 *
 * Times the release of an on-hook line, the disconnect pulse, the
 * inter-digit timeout, the ring cadence and caller ID, and writes what
 * the line hears into @port->rx (zeroed by the caller): caller ID, the
 * CO's tone, the other side of a connected call.  Caller holds
 * sim_world_lock.
 */
void sim_line_frame(struct sim_port *port)
{
	struct sim_line *line = &port->line;

	lockdep_assert_held(&sim_world_lock);
	if (!port->hook && line->state != TAPI_SIM_CO_IDLE &&
	    line->state != TAPI_SIM_CO_RINGING &&
	    ++line->onhook_ms >= SIM_CO_RELEASE_MS)
		sim_line_release(line);

	if (line->pulse_ms && --line->pulse_ms == 0)
		line->reversed = false;

	switch (line->state) {
	case TAPI_SIM_CO_DIALING:
		if (++line->digit_ms >= SIM_CO_INTERDIGIT_MS)
			sim_line_route(port);
		break;
	case TAPI_SIM_CO_RINGING:
		if (++line->ring_ms >= SIM_CO_RING_ON_MS + SIM_CO_RING_OFF_MS) {
			line->ring_ms = 0;
			if (line->ring_cycles && --line->ring_cycles == 0) {
				/* The outside caller gives up. */
				sim_line_idle(line);
				break;
			}
		}
		line->ring_on = line->ring_ms < SIM_CO_RING_ON_MS;
		if (line->cid_due &&
		    line->ring_ms == SIM_CO_RING_ON_MS + SIM_CO_CID_DELAY_MS) {
			line->cid_due = false;
			sim_line_cid_start(line);
		}
		break;
	default:
		break;
	}

	if (line->cid_on &&
	    tapi_cid_tx(&line->cid, port->rx, TAPI_FRAME_SAMPLES) <
	    TAPI_FRAME_SAMPLES)
		line->cid_on = false;
	if (line->tone_on &&
	    tapi_tone_gen(&line->tone, port->rx, TAPI_FRAME_SAMPLES) <
	    TAPI_FRAME_SAMPLES)
		line->tone_on = false;
	if (line->state == TAPI_SIM_CO_CONNECTED && line->peer)
		sim_mix(port->rx, line->peer->out, TAPI_FRAME_SAMPLES);
}

/**
 * sim_line_ring() - TAPI_SIM_IOC_CO_RING: an outside caller rings the line
 * @port: an FXO port
 * @cycles: ring cycles before the caller gives up, 0 = until answered
 * @number: the caller's number, digits only, may be empty
 * @name: the caller's name, may be empty
 *
 * Return: 0, or -EBUSY if the line is off-hook or not idle.
 */
int sim_line_ring(struct sim_port *port, u32 cycles, const char *number,
		  const char *name)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&sim_world_lock, flags);
	if (port->hook || port->line.state != TAPI_SIM_CO_IDLE)
		ret = -EBUSY;
	else
		sim_line_ring_start(&port->line, NULL, cycles, number, name);
	spin_unlock_irqrestore(&sim_world_lock, flags);
	sim_port_report(port);
	return ret;
}

/**
 * sim_line_far_hangup() - TAPI_SIM_IOC_CO_HANGUP: the outside caller hangs up
 * @port: an FXO port
 *
 * A line still ringing stops ringing and is idle again; a connected line
 * is disconnected.
 *
 * Return: 0, or -EINVAL if the line has no call with an outside caller.
 */
int sim_line_far_hangup(struct sim_port *port)
{
	struct sim_line *line = &port->line;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&sim_world_lock, flags);
	if (!line->outside)
		ret = -EINVAL;
	else if (line->state == TAPI_SIM_CO_RINGING)
		sim_line_idle(line);
	else
		sim_line_disconnected(line);
	spin_unlock_irqrestore(&sim_world_lock, flags);
	sim_port_report(port);
	return ret;
}
