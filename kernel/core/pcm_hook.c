// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the hook of the ALSA PCM module (tapi_pcm_hook.h).
 *
 * The core keeps every registered card in an xarray by card number, so
 * that a hook registered late still gets the cards registered before it;
 * mark TAPI_PCM_HOOKED tells which cards the hook accepted.  The frame
 * path needs no lock of its own: a channel's hook data is attached and
 * detached under the channel's lock, and the hook ops are set before the
 * first attach and cleared after the last detach.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/xarray.h>
#include "core.h"
#include "tapi_pcm_hook.h"

#define TAPI_PCM_HOOKED XA_MARK_0

/* Guards tapi_pcm_hook, tapi_pcm_cards and the ops' card_add/remove. */
static DEFINE_MUTEX(tapi_pcm_hook_mutex);
static const struct tapi_pcm_hook_ops *tapi_pcm_hook;
static DEFINE_XARRAY(tapi_pcm_cards);

/*
 * The tx owner standing for the hook (an ALSA playback stream): never on
 * a file list, never read from; it only makes ch->tx_owner non-NULL so
 * that write() and poll() of the files see the tx taken (media.c).
 */
struct tapi_file tapi_pcm_tx_owner;

static void tapi_pcm_hook_add(struct tapi_card *card)
{
	int ret;

	lockdep_assert_held(&tapi_pcm_hook_mutex);
	ret = tapi_pcm_hook->card_add(card);
	if (ret) {
		pr_warn("tapi_core: card %s has no ALSA PCMs: %d\n",
			card->name, ret);
		return;
	}
	xa_set_mark(&tapi_pcm_cards, card->number, TAPI_PCM_HOOKED);
}

static void tapi_pcm_hook_remove(struct tapi_card *card)
{
	lockdep_assert_held(&tapi_pcm_hook_mutex);
	if (!xa_get_mark(&tapi_pcm_cards, card->number, TAPI_PCM_HOOKED))
		return;
	tapi_pcm_hook->card_remove(card);
	xa_clear_mark(&tapi_pcm_cards, card->number, TAPI_PCM_HOOKED);
}

/**
 * tapi_pcm_hook_card_registered() - tell the hook about a new card
 * @card: a card tapi_card_register() just registered
 *
 * Context: process context, sleeps.
 */
void tapi_pcm_hook_card_registered(struct tapi_card *card)
{
	mutex_lock(&tapi_pcm_hook_mutex);
	/* Without the entry a late hook misses the card: only PCMs lost. */
	if (xa_err(xa_store(&tapi_pcm_cards, card->number, card, GFP_KERNEL)))
		pr_warn("tapi_core: card %s: no memory to track it for ALSA\n",
			card->name);
	else if (tapi_pcm_hook)
		tapi_pcm_hook_add(card);
	mutex_unlock(&tapi_pcm_hook_mutex);
}

/**
 * tapi_pcm_hook_card_unregistering() - take a card away from the hook
 * @card: a card being unregistered, its number still valid
 *
 * Context: process context, sleeps.
 */
void tapi_pcm_hook_card_unregistering(struct tapi_card *card)
{
	mutex_lock(&tapi_pcm_hook_mutex);
	if (xa_load(&tapi_pcm_cards, card->number) == card) {
		if (tapi_pcm_hook)
			tapi_pcm_hook_remove(card);
		xa_erase(&tapi_pcm_cards, card->number);
	}
	mutex_unlock(&tapi_pcm_hook_mutex);
}

/**
 * tapi_pcm_hook_register() - install the PCM module's hook
 * @ops: its ops, living until tapi_pcm_hook_unregister()
 *
 * Calls @ops->card_add for every card registered already.
 *
 * Context: process context, sleeps.
 * Return: 0, -EINVAL for incomplete ops, -EBUSY if a hook is installed.
 */
int tapi_pcm_hook_register(const struct tapi_pcm_hook_ops *ops)
{
	struct tapi_card *card;
	unsigned long index;

	if (!ops || !ops->card_add || !ops->card_remove || !ops->rx ||
	    !ops->tx)
		return -EINVAL;
	mutex_lock(&tapi_pcm_hook_mutex);
	if (tapi_pcm_hook) {
		mutex_unlock(&tapi_pcm_hook_mutex);
		return -EBUSY;
	}
	tapi_pcm_hook = ops;
	xa_for_each(&tapi_pcm_cards, index, card)
		tapi_pcm_hook_add(card);
	mutex_unlock(&tapi_pcm_hook_mutex);
	return 0;
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_register);

/**
 * tapi_pcm_hook_unregister() - remove the hook
 * @ops: the ops given to tapi_pcm_hook_register()
 *
 * Calls @ops->card_remove for every card the hook has.
 *
 * Context: process context, sleeps.
 */
void tapi_pcm_hook_unregister(const struct tapi_pcm_hook_ops *ops)
{
	struct tapi_card *card;
	unsigned long index;

	mutex_lock(&tapi_pcm_hook_mutex);
	if (!WARN_ON(tapi_pcm_hook != ops)) {
		xa_for_each_marked(&tapi_pcm_cards, index, card,
				   TAPI_PCM_HOOKED)
			tapi_pcm_hook_remove(card);
		tapi_pcm_hook = NULL;
	}
	mutex_unlock(&tapi_pcm_hook_mutex);
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_unregister);

/**
 * tapi_pcm_hook_attach() - attach (or with NULL detach) the hook's data
 * @ch: a channel of a card in the hook's @card_add/@card_remove
 * @data: passed to the rx and tx ops; NULL stops them for @ch
 *
 * When this returns, no rx or tx op with the old data is running.
 *
 * Context: process context.
 */
void tapi_pcm_hook_attach(struct tapi_channel *ch, void *data)
{
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	ch->pcm = data;
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_attach);

/**
 * tapi_pcm_hook_claim_tx() - make the hook the owner of a channel's tx
 * @ch: the channel
 *
 * Context: process context.
 * Return: 0; -EBUSY if an open file or the hook owns it already;
 * -ENODEV once the card is gone.
 */
int tapi_pcm_hook_claim_tx(struct tapi_channel *ch)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead)
		ret = -ENODEV;
	else if (ch->tx_owner)
		ret = -EBUSY;
	else
		ch->tx_owner = &tapi_pcm_tx_owner;
	spin_unlock_irqrestore(&ch->lock, flags);
	return ret;
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_claim_tx);

/**
 * tapi_pcm_hook_release_tx() - give up the tx claimed by the hook
 * @ch: the channel
 *
 * Files of the channel may write again; their pollers are woken.
 *
 * Context: process context.
 */
void tapi_pcm_hook_release_tx(struct tapi_channel *ch)
{
	struct tapi_file *f;
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->tx_owner == &tapi_pcm_tx_owner) {
		ch->tx_owner = NULL;
		list_for_each_entry(f, &ch->files, node)
			wake_up_interruptible_poll(&f->wait, EPOLLOUT);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_release_tx);

/**
 * tapi_pcm_hook_sync() - wait for a frame of the channel in flight
 * @ch: the channel
 *
 * The rx and tx ops run under the channel's lock: once this returns, a
 * state change the hook made before calling it is seen by every later
 * frame, and no earlier frame is still running.
 *
 * Context: process context.
 */
void tapi_pcm_hook_sync(struct tapi_channel *ch)
{
	spin_lock_irq(&ch->lock);
	spin_unlock_irq(&ch->lock);
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_sync);

/**
 * tapi_pcm_hook_card_get() - keep a card's memory while the hook needs it
 * @card: a card the hook was given
 */
void tapi_pcm_hook_card_get(struct tapi_card *card)
{
	kref_get(&card->ref);
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_card_get);

/**
 * tapi_pcm_hook_card_put() - drop a reference of tapi_pcm_hook_card_get()
 * @card: the card
 *
 * Context: process context (the last reference frees the card).
 */
void tapi_pcm_hook_card_put(struct tapi_card *card)
{
	tapi_card_put(card);
}
EXPORT_SYMBOL_GPL(tapi_pcm_hook_card_put);

/**
 * tapi_pcm_hook_rx() - hand a received frame to the hook
 * @ch: the channel, its lock held
 * @samples: the frame
 * @n: its length
 */
void tapi_pcm_hook_rx(struct tapi_channel *ch, const s16 *samples,
		      unsigned int n)
{
	lockdep_assert_held(&ch->lock);
	if (ch->pcm)
		tapi_pcm_hook->rx(ch, ch->pcm, samples, n);
}

/**
 * tapi_pcm_hook_tx() - take a frame to send from the hook, which owns tx
 * @ch: the channel, its lock held
 * @samples: filled with @n samples (silence if the hook is detached)
 * @n: the frame length
 */
void tapi_pcm_hook_tx(struct tapi_channel *ch, s16 *samples, unsigned int n)
{
	lockdep_assert_held(&ch->lock);
	if (ch->pcm)
		tapi_pcm_hook->tx(ch, ch->pcm, samples, n);
	else
		memset(samples, 0, n * sizeof(*samples));
}
