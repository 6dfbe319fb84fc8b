// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pcm: module init and exit, and the ALSA card of every tapi card.
 *
 * tapi_pcm registers its hook with tapi_core (tapi_pcm_hook.h) and gets
 * every tapi card, those registered before it loaded included.  Each
 * becomes an ALSA card: parent the driver's device, id and short name
 * the card's name ("sim0"), one PCM device per channel with media, at
 * the channel's index ("hw:sim0,2" is port 2; its name is the channel's,
 * "sim0/fxo0").
 *
 * Hot unplug: when the tapi card is unregistered the frames stop reaching
 * the PCMs, then snd_card_disconnect() ends every open stream (state
 * DISCONNECTED: reads, writes and ioctls fail with -ENODEV, poll reports
 * an error) without waiting for the applications, and the ALSA card is
 * freed when its last file closes.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/platform_device.h>
#include "pcm.h"
#include "tapi_pcm_hook.h"

/*
 * The parent of the ALSA cards of tapi cards without a device of their
 * own (the simulator's): ALSA needs one.
 */
static struct platform_device *tapi_pcm_parent;

/* The ALSA cards made, in tapi_pcm_card_node; under the hook's mutex. */
static LIST_HEAD(tapi_pcm_cards);

struct tapi_pcm_card_node {
	struct list_head node;
	struct tapi_pcm_card *pc;
};

static void tapi_pcm_card_free(struct snd_card *snd)
{
	struct tapi_pcm_card *pc = snd->private_data;

	tapi_pcm_hook_card_put(pc->card);
}

/* Called under the hook's mutex (tapi_pcm_hook_ops.card_add). */
static int tapi_pcm_card_add(struct tapi_card *card)
{
	struct tapi_pcm_card_node *entry;
	struct tapi_pcm_card *pc;
	struct snd_card *snd;
	unsigned int i;
	int ret;

	entry = kzalloc(sizeof(*entry), GFP_KERNEL);
	if (!entry)
		return -ENOMEM;
	ret = snd_card_new(card->parent ? card->parent : &tapi_pcm_parent->dev,
			   -1, card->name, THIS_MODULE,
			   struct_size(pc, chans, card->nchannels), &snd);
	if (ret)
		goto err_free_entry;
	pc = snd->private_data;
	pc->snd = snd;
	pc->card = card;
	pc->nchannels = card->nchannels;
	tapi_pcm_hook_card_get(card);
	snd->private_free = tapi_pcm_card_free;

	strscpy(snd->driver, "tapi", sizeof(snd->driver));
	strscpy(snd->shortname, card->name, sizeof(snd->shortname));
	snprintf(snd->longname, sizeof(snd->longname),
		 "%s %s (tapi card %d)", card->driver, card->name,
		 card->number);
	for (i = 0; i < pc->nchannels; i++) {
		struct tapi_pcm_chan *pch = &pc->chans[i];

		pch->ch = &card->channels[i];
		if (!(pch->ch->caps & TAPI_CAP_MEDIA))
			continue;
		ret = tapi_pcm_chan_new(pc, pch);
		if (ret)
			goto err_free_card;
	}
	ret = snd_card_register(snd);
	if (ret)
		goto err_free_card;

	for (i = 0; i < pc->nchannels; i++)
		if (pc->chans[i].pcm)
			tapi_pcm_hook_attach(pc->chans[i].ch, &pc->chans[i]);
	entry->pc = pc;
	list_add_tail(&entry->node, &tapi_pcm_cards);
	return 0;

err_free_card:
	snd_card_free(snd);
err_free_entry:
	kfree(entry);
	return ret;
}

/* Called under the hook's mutex (tapi_pcm_hook_ops.card_remove). */
static void tapi_pcm_card_remove(struct tapi_card *card)
{
	struct tapi_pcm_card_node *entry;
	struct tapi_pcm_card *pc;
	unsigned int i;

	list_for_each_entry(entry, &tapi_pcm_cards, node)
		if (entry->pc->card == card)
			break;
	if (WARN_ON(list_entry_is_head(entry, &tapi_pcm_cards, node)))
		return;
	pc = entry->pc;
	list_del(&entry->node);
	kfree(entry);

	/* No frame reaches the streams any more ... */
	for (i = 0; i < pc->nchannels; i++)
		tapi_pcm_hook_attach(pc->chans[i].ch, NULL);
	/* ... and every open stream ends in DISCONNECTED. */
	snd_card_disconnect(pc->snd);
	snd_card_free_when_closed(pc->snd);
}

static const struct tapi_pcm_hook_ops tapi_pcm_hook_ops = {
	.owner = THIS_MODULE,
	.card_add = tapi_pcm_card_add,
	.card_remove = tapi_pcm_card_remove,
	.rx = tapi_pcm_frame_rx,
	.tx = tapi_pcm_frame_tx,
};

static int __init tapi_pcm_init(void)
{
	int ret;

	tapi_pcm_parent = platform_device_register_simple("tapi_pcm", -1,
							  NULL, 0);
	if (IS_ERR(tapi_pcm_parent))
		return PTR_ERR(tapi_pcm_parent);
	ret = tapi_pcm_hook_register(&tapi_pcm_hook_ops);
	if (ret)
		platform_device_unregister(tapi_pcm_parent);
	return ret;
}

/* ALSA pins this module while a PCM is open, so no stream runs here. */
static void __exit tapi_pcm_exit(void)
{
	tapi_pcm_hook_unregister(&tapi_pcm_hook_ops);
	platform_device_unregister(tapi_pcm_parent);
}

module_init(tapi_pcm_init);
module_exit(tapi_pcm_exit);

MODULE_DESCRIPTION("Telephony channels as ALSA PCMs: 8 kHz mono S16_LE/MU_LAW/A_LAW on the 1 ms media clock");
MODULE_AUTHOR("linux-tapi");
MODULE_LICENSE("GPL");
