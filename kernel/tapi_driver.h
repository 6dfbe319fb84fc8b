/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-tapi: the interface between tapi_core and hardware drivers.
 *
 * A driver creates a card with N channels, fills in each channel's
 * signalling type, capabilities and ops, and registers the card.  From
 * then on the driver only moves samples and reports what the hardware
 * sees (hook switch, ringing, polarity); timing, cadences, flash
 * detection, DTMF, event queues and the character devices are the core's.
 *
 * Media: every 1 ms the channel exchanges one frame of TAPI_FRAME_SAMPLES
 * samples each way.  A card with a clock of its own (TAPI_CAP_HW_CLOCK)
 * calls tapi_channel_rx() and tapi_channel_tx() from its frame interrupt;
 * a card without one sets tapi_card_ops.frame and the core's 1 ms hrtimer
 * calls it, and it calls the same two functions.
 *
 * Context: every tapi_channel_*() report below may be called from any
 * context, hard interrupts included.  Ops are called from process or
 * softirq context with no core lock held and must not sleep.
 */
#ifndef _TAPI_DRIVER_H
#define _TAPI_DRIVER_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/tapi.h>

struct tapi_card;
struct tapi_channel;

/**
 * struct tapi_channel_ops - what the core asks of a channel's hardware
 * @set_hook: optional (FXO): seize (true) or release (false) the line.
 *	The core times hook flashes with two calls.
 * @set_ring: optional (FXS, handset ringer): ring voltage on or off.  The
 *	core runs the cadence and calls this at each step.
 * @set_polarity: optional (FXS): reverse (true) or restore line polarity.
 *
 * Return 0 or a negative errno; the core passes errors to the caller of
 * the ioctl that caused the call.
 */
struct tapi_channel_ops {
	int (*set_hook)(struct tapi_channel *ch, bool offhook);
	int (*set_ring)(struct tapi_channel *ch, bool on);
	int (*set_polarity)(struct tapi_channel *ch, bool reversed);
};

/**
 * struct tapi_card_ops - what the core asks of a card
 * @frame: optional: move one 1 ms frame on every channel of the card.
 *	Called from the core's hrtimer (softirq context) every 1 ms while the
 *	card is registered, for cards without TAPI_CAP_HW_CLOCK.
 */
struct tapi_card_ops {
	void (*frame)(struct tapi_card *card);
};

struct tapi_card *tapi_card_create(struct device *parent,
				   const struct tapi_card_ops *ops,
				   struct module *owner, const char *driver,
				   const char *name, unsigned int nchannels,
				   size_t priv_size);
void tapi_channel_setup(struct tapi_channel *ch, enum tapi_signalling sig,
			u32 caps, const struct tapi_channel_ops *ops,
			const char *name);
int tapi_card_register(struct tapi_card *card);
void tapi_card_unregister(struct tapi_card *card);
void tapi_card_free(struct tapi_card *card);

void *tapi_card_priv(struct tapi_card *card);
unsigned int tapi_card_channels(struct tapi_card *card);
struct tapi_channel *tapi_card_channel(struct tapi_card *card,
				       unsigned int index);
unsigned int tapi_card_number(struct tapi_card *card);
struct tapi_card *tapi_channel_card(struct tapi_channel *ch);
unsigned int tapi_channel_index(struct tapi_channel *ch);
unsigned int tapi_channel_number(struct tapi_channel *ch);
void tapi_channel_set_drvdata(struct tapi_channel *ch, void *data);
void *tapi_channel_get_drvdata(struct tapi_channel *ch);

/* Signalling the hardware saw. */
void tapi_channel_hook(struct tapi_channel *ch, bool offhook);
void tapi_channel_ring_detect(struct tapi_channel *ch, bool ringing);
void tapi_channel_polarity(struct tapi_channel *ch, bool reversed);
void tapi_channel_alarm(struct tapi_channel *ch, u32 alarms);
void tapi_channel_key(struct tapi_channel *ch, char key, bool down);

/*
 * The line's directory number, as the exchange knows it (a simulated CO
 * line, or configured for a real line); shown to applications as the
 * line's address.  Process context.
 */
int tapi_channel_set_number(struct tapi_channel *ch, const char *number);

/* Media, one frame at a time. */
void tapi_channel_rx(struct tapi_channel *ch, const s16 *samples,
		     unsigned int n);
void tapi_channel_tx(struct tapi_channel *ch, s16 *samples, unsigned int n);

#endif /* _TAPI_DRIVER_H */
