/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-tapi: the hook through which the ALSA PCM module (tapi_pcm) sees
 * every card and taps every channel's 1 ms frames.
 *
 * Why a separate module: tapi_core must load on a machine without sound
 * support, so it references no snd_* symbol.  tapi_pcm (which needs
 * snd-pcm) registers one struct tapi_pcm_hook_ops; from then on the core
 * tells it about every registered card, including those registered
 * before, and hands it each channel's rx and tx frames.  At most one hook
 * is registered at a time.
 *
 * Media sharing rules (the char device path is media.c):
 *  - capture: the hook gets a copy of every rx frame, exactly as every
 *    capturing open file does; neither path takes samples from the other.
 *  - playback: a channel has one tx owner.  tapi_pcm_hook_claim_tx()
 *    makes the hook the owner (an ALSA playback stream open) and fails
 *    with -EBUSY while an open file owns tx (it wrote); while the hook
 *    owns tx, write() on the char device fails with -EBUSY and poll()
 *    reports no EPOLLOUT, as for any other owner.  DTMF being dialled
 *    replaces the hook's samples as it replaces a file's.
 */
#ifndef _TAPI_PCM_HOOK_H
#define _TAPI_PCM_HOOK_H

#include <linux/types.h>

struct module;
struct tapi_card;
struct tapi_channel;

/**
 * struct tapi_pcm_hook_ops - what the core asks of the PCM module
 * @owner: the module (THIS_MODULE)
 * @card_add: required: a card was registered (or was registered when the
 *	hook was).  Process context, may sleep, tapi_pcm_hook_mutex held;
 *	the channels are numbered and named.  An error is logged and the
 *	card works without PCMs; @card_remove is not called for it.
 * @card_remove: required: the card is being unregistered (or the hook
 *	is).  Process context, may sleep; called after the card's frames
 *	stopped if the core clocks it.  The hook must detach its channels
 *	(tapi_pcm_hook_attach(ch, NULL)) before returning.
 * @rx: required: one received frame of a channel with hook data
 *	attached.  Any context, the channel's lock held (irqs off): must not
 *	sleep nor take a lock that is held around a call into the core.
 * @tx: required: fill one frame to send of a channel whose tx the hook
 *	owns.  Same context as @rx.
 */
struct tapi_pcm_hook_ops {
	struct module *owner;
	int (*card_add)(struct tapi_card *card);
	void (*card_remove)(struct tapi_card *card);
	void (*rx)(struct tapi_channel *ch, void *data, const s16 *samples,
		   unsigned int n);
	void (*tx)(struct tapi_channel *ch, void *data, s16 *samples,
		   unsigned int n);
};

int tapi_pcm_hook_register(const struct tapi_pcm_hook_ops *ops);
void tapi_pcm_hook_unregister(const struct tapi_pcm_hook_ops *ops);
void tapi_pcm_hook_attach(struct tapi_channel *ch, void *data);
int tapi_pcm_hook_claim_tx(struct tapi_channel *ch);
void tapi_pcm_hook_release_tx(struct tapi_channel *ch);
void tapi_pcm_hook_sync(struct tapi_channel *ch);
void tapi_pcm_hook_card_get(struct tapi_card *card);
void tapi_pcm_hook_card_put(struct tapi_card *card);

#endif /* _TAPI_PCM_HOOK_H */
