/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_pcm: every tapi card is an ALSA sound card, every channel with
 * media one of its PCM devices (device number = channel index on the
 * card), with one playback and one capture substream.
 *
 *  - pcm_card.c: the module, the hook (tapi_pcm_hook.h), the ALSA card's
 *    life from card_add to hot unplug.
 *  - pcm_stream.c: the PCM ops and the 1 ms frame path.
 *
 * Objects: struct tapi_pcm_card lives in the snd_card's private area
 * and holds a reference on the tapi card (tapi_pcm_hook_card_get()) until
 * the snd_card is freed, i.e. after the last ALSA file of the card closed,
 * so ALSA callbacks after a hot unplug still find the channel's memory.
 *
 * Locks, outermost first: the channel's lock (held by the core around
 * the rx and tx ops), the ALSA stream lock (taken by
 * snd_pcm_period_elapsed(), held by ALSA around trigger and pointer),
 * tapi_pcm_stream.lock.  ALSA callbacks that run under the stream lock
 * (trigger, pointer) therefore never take the channel's lock.
 */
#ifndef _TAPI_PCM_H
#define _TAPI_PCM_H

#include <linux/spinlock.h>
#include <sound/core.h>
#include <sound/pcm.h>
#include "core.h"

/**
 * struct tapi_pcm_stream - one direction of a channel's PCM
 * @lock: guards everything below
 * @substream: the open substream, or NULL
 * @running: between trigger START and STOP: the frame path moves samples
 * @pos: the hardware position in the ring, in frames (samples)
 * @period_pos: samples moved since the last period boundary
 */
struct tapi_pcm_stream {
	spinlock_t lock;	/* the fields below */
	struct snd_pcm_substream *substream;
	bool running;
	snd_pcm_uframes_t pos;
	snd_pcm_uframes_t period_pos;
};

/**
 * struct tapi_pcm_chan - a channel's PCM device
 * @ch: the tapi channel
 * @pcm: its PCM device, NULL for a channel without media
 * @stream: indexed by SNDRV_PCM_STREAM_PLAYBACK / _CAPTURE
 */
struct tapi_pcm_chan {
	struct tapi_channel *ch;
	struct snd_pcm *pcm;
	struct tapi_pcm_stream stream[2];
};

/**
 * struct tapi_pcm_card - a tapi card's ALSA card
 * @snd: the ALSA card
 * @card: the tapi card, referenced
 * @nchannels: entries of @chans
 * @chans: one per channel
 */
struct tapi_pcm_card {
	struct snd_card *snd;
	struct tapi_card *card;
	unsigned int nchannels;
	struct tapi_pcm_chan chans[];
};

/* pcm_stream.c */
int tapi_pcm_chan_new(struct tapi_pcm_card *pc, struct tapi_pcm_chan *pch);
void tapi_pcm_frame_rx(struct tapi_channel *ch, void *data,
		       const s16 *samples, unsigned int n);
void tapi_pcm_frame_tx(struct tapi_channel *ch, void *data, s16 *samples,
		       unsigned int n);

#endif /* _TAPI_PCM_H */
