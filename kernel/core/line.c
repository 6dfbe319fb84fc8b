// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: where the line half of a channel (line.h) meets the rest of
 * the core: module init and exit, channel init, the event dispatcher, the
 * rx path, and card registration and removal.
 *
 * Notification order on the generic netlink family (netlink.c sends them
 * in exactly the order they are made):
 *  - registration: TAPI_CMD_CARD_NEW, then TAPI_CMD_CHANNEL_NEW for each
 *    channel in channel order; only then the channels' events;
 *  - an event: TAPI_CMD_EVENT, then what it did to the call
 *    (TAPI_CMD_CALL_STATE, then TAPI_CMD_EVENT of TAPI_EV_CALL_STATE);
 *  - removal: for each channel in order, a call in progress becomes
 *    DISCONNECTED (cause TAPI_CAUSE_REMOVED), then TAPI_CMD_EVENT of
 *    TAPI_EV_REMOVED; then TAPI_CMD_CHANNEL_DEL for each channel; then
 *    TAPI_CMD_CARD_DEL last.  A listener can close the lines (LINE_CLOSE)
 *    on TAPI_EV_REMOVED and drop them (LINE_REMOVE) on CHANNEL_DEL.
 */
#include "core.h"
#include "proxy.h"

/**
 * tapi_line_module_init() - set up the line half at module load
 *
 * Return: 0, or -EINVAL for a bad tone_zone parameter, or the error of
 * registering the generic netlink family.
 */
int tapi_line_module_init(void)
{
	int ret;

	ret = tapi_config_module_init();
	if (ret)
		return ret;
	return tapi_genl_init();
}

/**
 * tapi_line_module_exit() - undo tapi_line_module_init()
 *
 * Runs when no card is left.
 */
void tapi_line_module_exit(void)
{
	tapi_genl_exit();
}

/**
 * tapi_line_init() - the line state of a new channel: idle, default zone
 * @ch: the channel, not yet visible to anyone
 */
void tapi_line_init(struct tapi_channel *ch)
{
	tapi_tone_init(ch);
	tapi_config_init(ch);
	tapi_call_init(ch);
	tapi_cid_init(ch);
	ch->line.genl_seq = 0;
	ch->line.announced = false;
}

/**
 * tapi_line_event() - an event of the channel reached its files
 * @ch: the channel
 * @type: enum tapi_event_type
 * @value: the event's value
 * @duration_ms: the event's duration
 * @when: when it happened
 *
 * Publishes it to netlink listeners, then lets caller ID reception and
 * the call state machine act on it.
 *
 * Context: any; @ch->lock held.
 */
void tapi_line_event(struct tapi_channel *ch, u32 type, u32 value,
		     u32 duration_ms, ktime_t when)
{
	lockdep_assert_held(&ch->lock);
	tapi_genl_event(ch, type, value, duration_ms, when);
	tapi_cid_event(ch, type, value);
	tapi_call_event(ch, type, value, duration_ms);
}

/**
 * tapi_line_rx() - received samples of a channel with media
 * @ch: the channel
 * @samples: the samples
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_line_rx(struct tapi_channel *ch, const s16 *samples,
		  unsigned int n)
{
	lockdep_assert_held(&ch->lock);
	tapi_tone_rx(ch, samples, n);
	tapi_cid_rx_samples(ch, samples, n);
}

/**
 * tapi_line_card_registered() - announce a card that was just registered
 * @card: the card
 *
 * Context: process context.
 */
void tapi_line_card_registered(struct tapi_card *card)
{
	unsigned long flags;
	unsigned int i;

	tapi_genl_card(card, TAPI_CMD_CARD_NEW);
	for (i = 0; i < card->nchannels; i++) {
		struct tapi_channel *ch = &card->channels[i];

		spin_lock_irqsave(&ch->lock, flags);
		if (!ch->dead) {
			/* Set up by now: its type says if caller ID is heard. */
			tapi_cid_update(ch);
			ch->line.announced = true;
			tapi_genl_channel(ch, TAPI_CMD_CHANNEL_NEW);
		}
		spin_unlock_irqrestore(&ch->lock, flags);
	}
}

/**
 * tapi_line_kill() - the channel's hardware is gone
 * @ch: the channel, about to be marked dead
 *
 * Ends a call in progress (DISCONNECTED, TAPI_CAUSE_REMOVED, reported to
 * the files before their TAPI_EV_REMOVED), tells netlink listeners of the
 * removal, and silences the tone generator and caller ID.
 *
 * Context: any; @ch->lock held.
 */
void tapi_line_kill(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	tapi_call_removed(ch);
	tapi_genl_event(ch, TAPI_EV_REMOVED, 0, 0, ktime_get());
	tapi_tone_kill(ch);
	ch->line.cid_on = false;
}

/**
 * tapi_line_card_unregistered() - tell listeners a card's channels are gone
 * @card: the card, whose channels were killed; its numbers still valid
 *
 * Context: process context.
 */
void tapi_line_card_unregistered(struct tapi_card *card)
{
	unsigned long flags;
	unsigned int i;

	/* Their proxies go and their call-center requests fail (proxy.c). */
	for (i = 0; i < card->nchannels; i++)
		tapi_proxy_channel_removed(card->channels[i].number);
	for (i = 0; i < card->nchannels; i++) {
		struct tapi_channel *ch = &card->channels[i];

		spin_lock_irqsave(&ch->lock, flags);
		if (ch->line.announced) {
			tapi_genl_channel(ch, TAPI_CMD_CHANNEL_DEL);
			ch->line.announced = false;
		}
		spin_unlock_irqrestore(&ch->lock, flags);
	}
	tapi_genl_card(card, TAPI_CMD_CARD_DEL);
}

/**
 * tapi_line_release() - wait for the line's deferred work to finish
 * @ch: a dead channel, or one of a card never registered
 *
 * Context: process context, no channel lock held.
 */
void tapi_line_release(struct tapi_channel *ch)
{
	cancel_delayed_work_sync(&ch->line.ring_gap_work);
}
