// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the simulated phone on an FXS port.
 *
 * The phone has a hook switch, a ringer and a DTMF keypad.  Its hook and
 * keys are worked from the control device; the core drives the ringer
 * and the line polarity through the channel ops.  Everything the phone
 * does is what a person at a real phone does: going off-hook is reported
 * as a hook change, a flash is the hook held down for SIM_PHONE_FLASH_MS
 * (the core decides it is a flash), and keys are DTMF audio sent into
 * the channel's rx for the core's DTMF receiver to find.
 */
#include "sim.h"

static int sim_phone_set_ring(struct tapi_channel *ch, bool on)
{
	struct sim_port *port = tapi_channel_get_drvdata(ch);
	unsigned long flags;

	spin_lock_irqsave(&sim_world_lock, flags);
	port->phone.ringing = on;
	spin_unlock_irqrestore(&sim_world_lock, flags);
	return 0;
}

static int sim_phone_set_polarity(struct tapi_channel *ch, bool reversed)
{
	struct sim_port *port = tapi_channel_get_drvdata(ch);
	unsigned long flags;

	spin_lock_irqsave(&sim_world_lock, flags);
	port->phone.reversed = reversed;
	spin_unlock_irqrestore(&sim_world_lock, flags);
	return 0;
}

const struct tapi_channel_ops sim_phone_ops = {
	.set_ring = sim_phone_set_ring,
	.set_polarity = sim_phone_set_polarity,
};

/**
 * sim_phone_init() - a phone on-hook, silent, not ringing
 * @port: an FXS port
 */
void sim_phone_init(struct sim_port *port)
{
	tapi_dtmf_tx_init(&port->phone.keypad, 0, 0, 0);
}

/**
 * sim_phone_hook() - TAPI_SIM_IOC_PHONE_HOOK: lift or replace the handset
 * @port: an FXS port
 * @offhook: 1 off-hook, 0 on-hook
 *
 * Ends a flash in progress.  Going on-hook drops keys not yet sent.
 * Setting the hook it already has is not an error.
 *
 * Return: 0, or -EINVAL if @offhook is neither 0 nor 1.
 */
int sim_phone_hook(struct sim_port *port, u32 offhook)
{
	unsigned long flags;

	if (offhook > 1)
		return -EINVAL;
	spin_lock_irqsave(&sim_world_lock, flags);
	port->phone.flash_ms = 0;
	port->hook = offhook;
	if (!offhook)
		tapi_dtmf_tx_init(&port->phone.keypad, 0, 0, 0);
	spin_unlock_irqrestore(&sim_world_lock, flags);
	sim_port_report(port);
	return 0;
}

/**
 * sim_phone_flash() - TAPI_SIM_IOC_PHONE_FLASH: flash the hook
 * @port: an FXS port
 *
 * The phone goes on-hook now and off-hook again SIM_PHONE_FLASH_MS later.
 *
 * Return: 0; -EINVAL if the phone is on-hook, -EBUSY if a flash is
 * already in progress.
 */
int sim_phone_flash(struct sim_port *port)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&sim_world_lock, flags);
	if (port->phone.flash_ms) {
		ret = -EBUSY;
	} else if (!port->hook) {
		ret = -EINVAL;
	} else {
		port->hook = false;
		port->phone.flash_ms = SIM_PHONE_FLASH_MS;
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);
	sim_port_report(port);
	return ret;
}

/**
 * sim_phone_dial() - TAPI_SIM_IOC_PHONE_DIAL: press keys
 * @port: an FXS port
 * @digits: DTMF digits, at least one
 * @on_ms: tone length, 0 for the default
 * @off_ms: pause after each tone, 0 for the default
 *
 * Keys queue behind those still being sent, which keep the timing they
 * were queued with; @on_ms and @off_ms apply when the keypad is idle.
 *
 * Return: 0; -EINVAL if the phone is on-hook (outside a flash) or a
 * digit is not DTMF (nothing is queued), -ENOSPC if the queue is full.
 */
int sim_phone_dial(struct sim_port *port, const char *digits,
		   unsigned int on_ms, unsigned int off_ms)
{
	struct sim_phone *phone = &port->phone;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&sim_world_lock, flags);
	if (!port->hook && !phone->flash_ms) {
		ret = -EINVAL;
	} else {
		if (!tapi_dtmf_tx_busy(&phone->keypad))
			tapi_dtmf_tx_init(&phone->keypad, on_ms, off_ms, 0);
		ret = tapi_dtmf_tx_put(&phone->keypad, digits);
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);
	return ret;
}

/**
 * sim_phone_frame() - one millisecond of the phone
 * @port: an FXS port
 *
 * Times the flash and writes the keypad's tones into @port->rx (zeroed
 * by the caller).  Caller holds sim_world_lock.
 */
void sim_phone_frame(struct sim_port *port)
{
	struct sim_phone *phone = &port->phone;

	lockdep_assert_held(&sim_world_lock);
	if (phone->flash_ms && --phone->flash_ms == 0)
		port->hook = true;
	tapi_dtmf_tx(&phone->keypad, port->rx, TAPI_FRAME_SAMPLES);
}
