// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the card and channel registry and their lifetime.
 *
 * Card numbers come from an IDA, lowest free, held from tapi_card_create()
 * to tapi_card_unregister() (or tapi_card_free() for a card that was never
 * registered).  Channel numbers are allocated at registration as one run
 * of consecutive numbers, the lowest free run (a bitmap rather than an
 * IDA, because drivers and tools rely on a card's channels being
 * numbered consecutively, as TAPI_SIM_IOC_CARD_ADD documents).
 */
#include <linux/bitmap.h>
#include <linux/err.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "core.h"

static DEFINE_IDA(tapi_card_ida);

/* Guards tapi_channel_table and tapi_channel_numbers. */
static DEFINE_MUTEX(tapi_registry_mutex);
static struct tapi_channel *tapi_channel_table[TAPI_MAX_CHANNELS];
static DECLARE_BITMAP(tapi_channel_numbers, TAPI_MAX_CHANNELS);

static const struct tapi_channel_ops tapi_no_ops;

static void tapi_channel_init(struct tapi_card *card, unsigned int index)
{
	struct tapi_channel *ch = &card->channels[index];

	ch->card = card;
	ch->index = index;
	ch->ops = &tapi_no_ops;
	mutex_init(&ch->ctl_mutex);
	spin_lock_init(&ch->lock);
	INIT_LIST_HEAD(&ch->files);
	tapi_signal_init(ch);
	tapi_dsp_init(ch);
	tapi_line_init(ch);
}

/**
 * tapi_card_create() - allocate a card and its channels
 * @parent: the driver's device, parent of the channel devices (may be NULL)
 * @ops: card ops; may be NULL, and the ops table must outlive the card
 * @owner: the driver module (THIS_MODULE), pinned while a channel is open
 * @driver: the driver's name, e.g. "tapi_sim"
 * @name: the card's name; NULL or "" for "<driver><card number>"
 * @nchannels: number of channels, 1..TAPI_MAX_CHANNELS
 * @priv_size: size of the zeroed private area tapi_card_priv() returns
 *
 * The card gets its number at once (tapi_card_number()); its channels get
 * theirs when it is registered.  Set up every channel with
 * tapi_channel_setup(), then call tapi_card_register().
 *
 * Context: process context, may sleep.
 * Return: the card, or an ERR_PTR(): -EINVAL for bad arguments, -ENOMEM,
 * -ENOSPC when no card number is left.
 */
struct tapi_card *tapi_card_create(struct device *parent,
				   const struct tapi_card_ops *ops,
				   struct module *owner, const char *driver,
				   const char *name, unsigned int nchannels,
				   size_t priv_size)
{
	struct tapi_card *card;
	unsigned int i;
	int ret;

	if (!driver || !*driver || !nchannels || nchannels > TAPI_MAX_CHANNELS)
		return ERR_PTR(-EINVAL);

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return ERR_PTR(-ENOMEM);
	kref_init(&card->ref);
	card->parent = parent;
	card->ops = ops;
	card->owner = owner;
	card->nchannels = nchannels;
	card->number = -1;
	INIT_LIST_HEAD(&card->clock_node);
	strscpy(card->driver, driver, sizeof(card->driver));

	ret = -ENOMEM;
	if (priv_size) {
		card->priv = kzalloc(priv_size, GFP_KERNEL);
		if (!card->priv)
			goto err_free;
	}
	card->channels = kvcalloc(nchannels, sizeof(*card->channels),
				  GFP_KERNEL);
	if (!card->channels)
		goto err_free;

	ret = ida_alloc(&tapi_card_ida, GFP_KERNEL);
	if (ret < 0)
		goto err_free;
	card->number = ret;

	if (name && *name)
		strscpy(card->name, name, sizeof(card->name));
	else
		snprintf(card->name, sizeof(card->name), "%s%d", driver,
			 card->number);

	for (i = 0; i < nchannels; i++)
		tapi_channel_init(card, i);
	return card;

err_free:
	kvfree(card->channels);
	kfree(card->priv);
	kfree(card);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(tapi_card_create);

static const char *tapi_signalling_prefix(enum tapi_signalling sig)
{
	switch (sig) {
	case TAPI_SIG_FXS:
		return "fxs";
	case TAPI_SIG_FXO:
		return "fxo";
	case TAPI_SIG_HANDSET:
		return "handset";
	}
	return "ch";
}

/**
 * tapi_channel_setup() - describe a channel before its card is registered
 * @ch: a channel of a card not registered yet
 * @sig: what is on the far side of its wires
 * @caps: TAPI_CAP_* bits
 * @ops: its ops (may be NULL); the table must outlive the card
 * @name: the port's name; "fxs0" becomes "<card name>/fxs0", a name with a
 *	'/' is used as it is, NULL gives "<card name>/<type><index>"
 *
 * Context: process context, before tapi_card_register().
 */
void tapi_channel_setup(struct tapi_channel *ch, enum tapi_signalling sig,
			u32 caps, const struct tapi_channel_ops *ops,
			const char *name)
{
	struct tapi_card *card = ch->card;

	if (WARN_ON(card->registered))
		return;
	ch->sig = sig;
	ch->caps = caps;
	ch->ops = ops ? ops : &tapi_no_ops;
	if (name && strchr(name, '/'))
		strscpy(ch->name, name, sizeof(ch->name));
	else if (name && *name)
		snprintf(ch->name, sizeof(ch->name), "%s/%s", card->name, name);
	else
		snprintf(ch->name, sizeof(ch->name), "%s/%s%u", card->name,
			 tapi_signalling_prefix(sig), ch->index);
}
EXPORT_SYMBOL_GPL(tapi_channel_setup);

static bool tapi_signalling_valid(enum tapi_signalling sig)
{
	return sig == TAPI_SIG_FXS || sig == TAPI_SIG_FXO ||
	       sig == TAPI_SIG_HANDSET;
}

/**
 * tapi_card_register() - make a card's channels visible
 * @card: a card whose channels are all set up
 *
 * Numbers the channels (consecutively, the lowest free run), creates
 * their devices /dev/tapi/<n>, and starts calling @card->ops->frame every
 * 1 ms if the card has that op.  The channels can be opened as soon as
 * this returns; reports may be made before.
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL if a channel was not set up or the card is
 * registered already; -ENOSPC when no run of channel numbers is free;
 * an error from device creation.
 */
int tapi_card_register(struct tapi_card *card)
{
	unsigned long first;
	unsigned int i;
	int ret;

	if (card->registered)
		return -EINVAL;
	for (i = 0; i < card->nchannels; i++)
		if (!tapi_signalling_valid(card->channels[i].sig))
			return -EINVAL;

	mutex_lock(&tapi_registry_mutex);
	first = bitmap_find_next_zero_area(tapi_channel_numbers,
					   TAPI_MAX_CHANNELS, 0,
					   card->nchannels, 0);
	if (first >= TAPI_MAX_CHANNELS) {
		ret = -ENOSPC;
		goto err_unlock;
	}
	bitmap_set(tapi_channel_numbers, first, card->nchannels);
	card->first_channel = first;

	for (i = 0; i < card->nchannels; i++) {
		struct tapi_channel *ch = &card->channels[i];
		struct device *dev;

		ch->number = first + i;
		dev = device_create_with_groups(tapi_class, card->parent,
						MKDEV(MAJOR(tapi_devt),
						      ch->number),
						ch, tapi_channel_groups,
						"tapi%u", ch->number);
		if (IS_ERR(dev)) {
			ret = PTR_ERR(dev);
			goto err_devices;
		}
		ch->dev = dev;
		tapi_channel_table[ch->number] = ch;
	}
	card->registered = true;
	mutex_unlock(&tapi_registry_mutex);

	tapi_line_card_registered(card);
	tapi_pcm_hook_card_registered(card);
	if (card->ops && card->ops->frame)
		tapi_clock_add(card);
	return 0;

err_devices:
	while (i--) {
		struct tapi_channel *ch = &card->channels[i];

		tapi_channel_table[ch->number] = NULL;
		device_destroy(tapi_class, MKDEV(MAJOR(tapi_devt), ch->number));
		ch->dev = NULL;
	}
	bitmap_clear(tapi_channel_numbers, first, card->nchannels);
err_unlock:
	mutex_unlock(&tapi_registry_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(tapi_card_register);

/* Wake and cut off every open file of a channel whose hardware is gone. */
static void tapi_channel_kill(struct tapi_channel *ch)
{
	struct tapi_file *f;
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	tapi_line_kill(ch);
	ch->dead = true;
	tapi_signal_kill(ch);
	tapi_dsp_kill(ch);
	list_for_each_entry(f, &ch->files, node)
		tapi_file_removed(f);
	spin_unlock_irqrestore(&ch->lock, flags);

	/* Wait for an op call in flight; later ones see ch->dead. */
	mutex_lock(&ch->ctl_mutex);
	mutex_unlock(&ch->ctl_mutex);
	cancel_delayed_work_sync(&ch->hook_work);
	cancel_delayed_work_sync(&ch->ring_work);
	cancel_delayed_work_sync(&ch->flash_work);
	tapi_line_release(ch);
}

/**
 * tapi_card_unregister() - remove a card's channels (hot unplug)
 * @card: a registered card
 *
 * May be called while channels are open: their files get TAPI_EV_REMOVED,
 * every waiter on them wakes, and from then on every call on them fails
 * with -ENODEV (TAPI_IOC_GET_EVENT first drains the queue).  When this
 * returns the core calls none of the card's ops any more and ignores the
 * driver's reports; the card's memory lives until tapi_card_free() and the
 * close of the last file.
 *
 * Context: process context, may sleep.
 */
void tapi_card_unregister(struct tapi_card *card)
{
	unsigned int i;

	if (WARN_ON(!card->registered))
		return;

	if (card->clocked)
		tapi_clock_remove(card);
	/* ALSA streams end (disconnected) before the channels die. */
	tapi_pcm_hook_card_unregistering(card);

	/* No new opens from here on. */
	mutex_lock(&tapi_registry_mutex);
	for (i = 0; i < card->nchannels; i++)
		tapi_channel_table[card->channels[i].number] = NULL;
	mutex_unlock(&tapi_registry_mutex);

	/* Bridges end while both sides can still get TAPI_EV_BRIDGE_END. */
	for (i = 0; i < card->nchannels; i++)
		tapi_bridge_channel_removed(&card->channels[i]);
	for (i = 0; i < card->nchannels; i++)
		tapi_channel_kill(&card->channels[i]);
	tapi_line_card_unregistered(card);

	mutex_lock(&tapi_registry_mutex);
	for (i = 0; i < card->nchannels; i++) {
		struct tapi_channel *ch = &card->channels[i];

		device_destroy(tapi_class, MKDEV(MAJOR(tapi_devt), ch->number));
		ch->dev = NULL;
	}
	/* The numbers are free once their devices are gone. */
	bitmap_clear(tapi_channel_numbers, card->first_channel,
		     card->nchannels);
	ida_free(&tapi_card_ida, card->number);
	card->number = -1;
	card->registered = false;
	mutex_unlock(&tapi_registry_mutex);
}
EXPORT_SYMBOL_GPL(tapi_card_unregister);

static void tapi_card_release(struct kref *ref)
{
	struct tapi_card *card = container_of(ref, struct tapi_card, ref);
	unsigned int i;

	/* Works a report may have queued on a card never registered. */
	for (i = 0; i < card->nchannels; i++) {
		cancel_delayed_work_sync(&card->channels[i].hook_work);
		cancel_delayed_work_sync(&card->channels[i].ring_work);
		cancel_delayed_work_sync(&card->channels[i].flash_work);
		tapi_line_release(&card->channels[i]);
	}
	if (card->number >= 0)
		ida_free(&tapi_card_ida, card->number);
	kvfree(card->channels);
	kfree(card->priv);
	kfree(card);
}

/**
 * tapi_card_put() - drop a reference to a card
 * @card: the card
 *
 * Context: process context (the last reference cancels work items).
 */
void tapi_card_put(struct tapi_card *card)
{
	kref_put(&card->ref, tapi_card_release);
}

/**
 * tapi_card_free() - drop the driver's reference to a card
 * @card: a card from tapi_card_create(), unregistered (or never registered)
 *
 * The driver must not touch the card, its channels or its private area
 * afterwards.  The memory goes when the last open file closes.
 *
 * Context: process context, may sleep.
 */
void tapi_card_free(struct tapi_card *card)
{
	if (IS_ERR_OR_NULL(card))
		return;
	if (WARN_ON(card->registered))
		tapi_card_unregister(card);
	tapi_card_put(card);
}
EXPORT_SYMBOL_GPL(tapi_card_free);

/**
 * tapi_channel_get_by_minor() - find a registered channel for open()
 * @minor: the channel number
 *
 * On success the channel's card is referenced and its driver module
 * pinned; tapi_card_put() and module_put() undo both.
 *
 * Return: the channel, or NULL if no live channel has that number or its
 * driver is being unloaded.
 */
struct tapi_channel *tapi_channel_get_by_minor(unsigned int minor)
{
	struct tapi_channel *ch = NULL;

	if (minor >= TAPI_MAX_CHANNELS)
		return NULL;
	mutex_lock(&tapi_registry_mutex);
	ch = tapi_channel_table[minor];
	if (ch && try_module_get(ch->card->owner))
		kref_get(&ch->card->ref);
	else
		ch = NULL;
	mutex_unlock(&tapi_registry_mutex);
	return ch;
}

/**
 * tapi_card_priv() - the driver's private area of a card
 * @card: the card
 *
 * Return: the zeroed area of the priv_size given to tapi_card_create(),
 * NULL if that was 0.
 */
void *tapi_card_priv(struct tapi_card *card)
{
	return card->priv;
}
EXPORT_SYMBOL_GPL(tapi_card_priv);

/**
 * tapi_card_channels() - number of channels of a card
 * @card: the card
 *
 * Return: the nchannels given to tapi_card_create().
 */
unsigned int tapi_card_channels(struct tapi_card *card)
{
	return card->nchannels;
}
EXPORT_SYMBOL_GPL(tapi_card_channels);

/**
 * tapi_card_channel() - a channel of a card
 * @card: the card
 * @index: 0..tapi_card_channels() - 1
 *
 * Return: the channel, NULL if @index is out of range.
 */
struct tapi_channel *tapi_card_channel(struct tapi_card *card,
				       unsigned int index)
{
	if (index >= card->nchannels)
		return NULL;
	return &card->channels[index];
}
EXPORT_SYMBOL_GPL(tapi_card_channel);

/**
 * tapi_card_number() - a card's number
 * @card: the card
 *
 * Return: the number, stable from tapi_card_create() until the card is
 * unregistered.
 */
unsigned int tapi_card_number(struct tapi_card *card)
{
	return card->number;
}
EXPORT_SYMBOL_GPL(tapi_card_number);

/**
 * tapi_channel_card() - the card of a channel
 * @ch: the channel
 *
 * Return: its card.
 */
struct tapi_card *tapi_channel_card(struct tapi_channel *ch)
{
	return ch->card;
}
EXPORT_SYMBOL_GPL(tapi_channel_card);

/**
 * tapi_channel_index() - a channel's index on its card
 * @ch: the channel
 *
 * Return: 0..tapi_card_channels() - 1.
 */
unsigned int tapi_channel_index(struct tapi_channel *ch)
{
	return ch->index;
}
EXPORT_SYMBOL_GPL(tapi_channel_index);

/**
 * tapi_channel_number() - a channel's global number, the <n> of /dev/tapi/<n>
 * @ch: the channel
 *
 * Return: the number, valid from tapi_card_register() until the card is
 * unregistered.
 */
unsigned int tapi_channel_number(struct tapi_channel *ch)
{
	return ch->number;
}
EXPORT_SYMBOL_GPL(tapi_channel_number);

/**
 * tapi_channel_set_number() - set the line's directory number
 * @ch: the channel
 * @number: the number the exchange knows the line by: printable ASCII
 *	without spaces, shorter than TAPI_DIGITS_LEN; "" or NULL for none
 *
 * Shown in the channel's sysfs attribute "number".
 *
 * Context: any.
 * Return: 0, or -EINVAL for a number that is too long or not printable.
 */
int tapi_channel_set_number(struct tapi_channel *ch, const char *number)
{
	unsigned long flags;
	size_t len, i;

	if (!number)
		number = "";
	len = strnlen(number, TAPI_DIGITS_LEN);
	if (len == TAPI_DIGITS_LEN)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (number[i] <= ' ' || number[i] > '~')
			return -EINVAL;
	spin_lock_irqsave(&ch->lock, flags);
	strscpy(ch->dir_number, number, sizeof(ch->dir_number));
	tapi_config_driver_number(ch);
	spin_unlock_irqrestore(&ch->lock, flags);
	return 0;
}
EXPORT_SYMBOL_GPL(tapi_channel_set_number);

/**
 * tapi_channel_set_drvdata() - attach the driver's pointer to a channel
 * @ch: the channel
 * @data: anything
 */
void tapi_channel_set_drvdata(struct tapi_channel *ch, void *data)
{
	ch->drvdata = data;
}
EXPORT_SYMBOL_GPL(tapi_channel_set_drvdata);

/**
 * tapi_channel_get_drvdata() - the driver's pointer of a channel
 * @ch: the channel
 *
 * Return: what tapi_channel_set_drvdata() stored, NULL before.
 */
void *tapi_channel_get_drvdata(struct tapi_channel *ch)
{
	return ch->drvdata;
}
EXPORT_SYMBOL_GPL(tapi_channel_get_drvdata);
