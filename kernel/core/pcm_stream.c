// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pcm: the PCM ops of a channel and its 1 ms frame path.
 *
 * The hardware of these PCMs is the channel's media clock: every frame
 * the core gives (rx, capture) or takes (tx, playback) TAPI_FRAME_SAMPLES
 * samples, and the running stream copies them into or out of its ring at
 * the hardware position, converting between 16-bit linear and the stream's
 * format (S16_LE, MU_LAW, A_LAW).  The position moves only there, so the
 * pointer op returns it exactly.  Periods are whole frames (multiples of
 * TAPI_FRAME_SAMPLES, from 8 = 1 ms); at each period boundary the frame
 * path calls snd_pcm_period_elapsed(), with the channel's lock held but
 * none of ours: the frame path runs in softirq (the core's clock) or a
 * driver's hard interrupt, where that call is allowed.
 *
 * xruns are ALSA's own accounting: the position keeps moving whether or
 * not the application keeps up, and snd_pcm_period_elapsed() stops the
 * stream with XRUN once a capture ring overflows or a playback ring runs
 * dry (the stop threshold).  Until then a late playback application
 * replays at most one period of old samples, as on any DMA hardware.
 *
 * Playback owns the channel's tx (tapi_pcm_hook.h): open fails with
 * -EBUSY while a char device file owns it (from its first write() until
 * it is closed), and write() on the char device fails with -EBUSY while
 * the playback substream is open (poll() reports no POLLOUT then, and
 * wakes the file when the substream closes).  Capture always works and
 * shares the frames with the char device's readers.
 */
#include <linux/minmax.h>
#include <sound/pcm_params.h>
#include "pcm.h"
#include "g711.h"
#include "tapi_pcm_hook.h"

static const struct snd_pcm_hardware tapi_pcm_hardware = {
	.info = SNDRV_PCM_INFO_MMAP | SNDRV_PCM_INFO_MMAP_VALID |
		SNDRV_PCM_INFO_INTERLEAVED | SNDRV_PCM_INFO_BLOCK_TRANSFER,
	.formats = SNDRV_PCM_FMTBIT_S16_LE | SNDRV_PCM_FMTBIT_MU_LAW |
		   SNDRV_PCM_FMTBIT_A_LAW,
	.rates = SNDRV_PCM_RATE_8000,
	.rate_min = TAPI_SAMPLE_RATE,
	.rate_max = TAPI_SAMPLE_RATE,
	.channels_min = 1,
	.channels_max = 1,
	/* 8 s of S16: more than any telephony application buffers. */
	.buffer_bytes_max = 128 * 1024,
	/* One 1 ms frame of a G.711 format; the step constraint does S16. */
	.period_bytes_min = TAPI_FRAME_SAMPLES,
	.period_bytes_max = 64 * 1024,
	.periods_min = 2,
	.periods_max = 1024,
};

static struct tapi_pcm_stream *tapi_pcm_stream_of(struct snd_pcm_substream *ss)
{
	struct tapi_pcm_chan *pch = snd_pcm_substream_chip(ss);

	return &pch->stream[ss->stream];
}

static int tapi_pcm_open(struct snd_pcm_substream *ss)
{
	struct tapi_pcm_chan *pch = snd_pcm_substream_chip(ss);
	struct tapi_pcm_stream *s = tapi_pcm_stream_of(ss);
	struct snd_pcm_runtime *rt = ss->runtime;
	int ret;

	rt->hw = tapi_pcm_hardware;
	ret = snd_pcm_hw_constraint_integer(rt, SNDRV_PCM_HW_PARAM_PERIODS);
	if (ret < 0)
		return ret;
	/* Period boundaries fall on frame boundaries. */
	ret = snd_pcm_hw_constraint_step(rt, 0, SNDRV_PCM_HW_PARAM_PERIOD_SIZE,
					 TAPI_FRAME_SAMPLES);
	if (ret < 0)
		return ret;
	if (ss->stream == SNDRV_PCM_STREAM_PLAYBACK) {
		ret = tapi_pcm_hook_claim_tx(pch->ch);
		if (ret)
			return ret;
	}
	spin_lock_irq(&s->lock);
	s->substream = ss;
	s->running = false;
	spin_unlock_irq(&s->lock);
	return 0;
}

static int tapi_pcm_close(struct snd_pcm_substream *ss)
{
	struct tapi_pcm_chan *pch = snd_pcm_substream_chip(ss);
	struct tapi_pcm_stream *s = tapi_pcm_stream_of(ss);

	spin_lock_irq(&s->lock);
	s->substream = NULL;
	s->running = false;
	spin_unlock_irq(&s->lock);
	/* A frame that saw the substream is over before its runtime goes. */
	tapi_pcm_hook_sync(pch->ch);
	if (ss->stream == SNDRV_PCM_STREAM_PLAYBACK)
		tapi_pcm_hook_release_tx(pch->ch);
	return 0;
}

static int tapi_pcm_prepare(struct snd_pcm_substream *ss)
{
	struct tapi_pcm_stream *s = tapi_pcm_stream_of(ss);

	spin_lock_irq(&s->lock);
	s->pos = 0;
	s->period_pos = 0;
	spin_unlock_irq(&s->lock);
	return 0;
}

/* Context: the stream lock held, irqs off. */
static int tapi_pcm_trigger(struct snd_pcm_substream *ss, int cmd)
{
	struct tapi_pcm_stream *s = tapi_pcm_stream_of(ss);
	bool run;

	switch (cmd) {
	case SNDRV_PCM_TRIGGER_START:
	case SNDRV_PCM_TRIGGER_RESUME:
		run = true;
		break;
	case SNDRV_PCM_TRIGGER_STOP:
	case SNDRV_PCM_TRIGGER_SUSPEND:
		run = false;
		break;
	default:
		return -EINVAL;
	}
	spin_lock(&s->lock);
	s->running = run;
	spin_unlock(&s->lock);
	return 0;
}

/* Context: the stream lock held, irqs off. */
static snd_pcm_uframes_t tapi_pcm_pointer(struct snd_pcm_substream *ss)
{
	struct tapi_pcm_stream *s = tapi_pcm_stream_of(ss);
	snd_pcm_uframes_t pos;

	spin_lock(&s->lock);
	pos = s->pos;
	spin_unlock(&s->lock);
	return pos;
}

/* After a stop: no frame still moves samples of the stopped stream. */
static int tapi_pcm_sync_stop(struct snd_pcm_substream *ss)
{
	struct tapi_pcm_chan *pch = snd_pcm_substream_chip(ss);

	tapi_pcm_hook_sync(pch->ch);
	return 0;
}

static const struct snd_pcm_ops tapi_pcm_ops = {
	.open = tapi_pcm_open,
	.close = tapi_pcm_close,
	.prepare = tapi_pcm_prepare,
	.trigger = tapi_pcm_trigger,
	.pointer = tapi_pcm_pointer,
	.sync_stop = tapi_pcm_sync_stop,
};

/**
 * tapi_pcm_chan_new() - create the PCM device of a channel with media
 * @pc: the card being built (not registered yet)
 * @pch: the channel's entry, @pch->ch set
 *
 * Context: process context.
 * Return: 0 or a negative errno from ALSA.
 */
int tapi_pcm_chan_new(struct tapi_pcm_card *pc, struct tapi_pcm_chan *pch)
{
	struct tapi_channel *ch = pch->ch;
	struct snd_pcm *pcm;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(pch->stream); i++)
		spin_lock_init(&pch->stream[i].lock);
	ret = snd_pcm_new(pc->snd, ch->name, ch->index, 1, 1, &pcm);
	if (ret)
		return ret;
	pcm->private_data = pch;
	strscpy(pcm->name, ch->name, sizeof(pcm->name));
	snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_PLAYBACK, &tapi_pcm_ops);
	snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_CAPTURE, &tapi_pcm_ops);
	/* The ring is only touched by the CPU: vmalloc, sized at hw_params. */
	snd_pcm_set_managed_buffer_all(pcm, SNDRV_DMA_TYPE_VMALLOC, NULL, 0, 0);
	pch->pcm = pcm;
	return 0;
}

/* Linear samples into the ring at @pos, in the runtime's format. */
static void tapi_pcm_encode(struct snd_pcm_runtime *rt,
			    snd_pcm_uframes_t pos, const s16 *samples,
			    unsigned int n)
{
	u8 *dst = rt->dma_area + frames_to_bytes(rt, pos);
	__le16 *dst16 = (__le16 *)dst;
	unsigned int i;

	switch (rt->format) {
	case SNDRV_PCM_FORMAT_MU_LAW:
		for (i = 0; i < n; i++)
			dst[i] = tapi_linear_to_ulaw(samples[i]);
		break;
	case SNDRV_PCM_FORMAT_A_LAW:
		for (i = 0; i < n; i++)
			dst[i] = tapi_linear_to_alaw(samples[i]);
		break;
	default:
		for (i = 0; i < n; i++)
			dst16[i] = cpu_to_le16(samples[i]);
		break;
	}
}

/* Samples of the ring at @pos, in the runtime's format, to linear. */
static void tapi_pcm_decode(struct snd_pcm_runtime *rt,
			    snd_pcm_uframes_t pos, s16 *samples,
			    unsigned int n)
{
	const u8 *src = rt->dma_area + frames_to_bytes(rt, pos);
	const __le16 *src16 = (const __le16 *)src;
	unsigned int i;

	switch (rt->format) {
	case SNDRV_PCM_FORMAT_MU_LAW:
		for (i = 0; i < n; i++)
			samples[i] = tapi_ulaw_to_linear(src[i]);
		break;
	case SNDRV_PCM_FORMAT_A_LAW:
		for (i = 0; i < n; i++)
			samples[i] = tapi_alaw_to_linear(src[i]);
		break;
	default:
		for (i = 0; i < n; i++)
			samples[i] = le16_to_cpu(src16[i]);
		break;
	}
}

/*
 * Move one frame into the ring of a running stream from @in (capture) or
 * out of it to @out (playback) and advance the position.  Returns the substream if a period boundary was
 * crossed (the caller reports it with our lock dropped), else NULL;
 * *@moved says whether the stream was running.
 */
static struct snd_pcm_substream *tapi_pcm_move(struct tapi_pcm_stream *s,
					       const s16 *in, s16 *out,
					       unsigned int n, bool *moved)
{
	struct snd_pcm_substream *elapsed = NULL;
	struct snd_pcm_runtime *rt;
	unsigned int done, chunk;

	spin_lock(&s->lock);
	*moved = s->running;
	if (!s->running)
		goto out;
	rt = s->substream->runtime;
	for (done = 0; done < n; done += chunk) {
		chunk = min_t(snd_pcm_uframes_t, n - done,
			      rt->buffer_size - s->pos);
		if (in)
			tapi_pcm_encode(rt, s->pos, in + done, chunk);
		else
			tapi_pcm_decode(rt, s->pos, out + done, chunk);
		s->pos += chunk;
		if (s->pos >= rt->buffer_size)
			s->pos = 0;
	}
	s->period_pos += n;
	if (s->period_pos >= rt->period_size) {
		s->period_pos %= rt->period_size;
		elapsed = s->substream;
	}
out:
	spin_unlock(&s->lock);
	return elapsed;
}

/**
 * tapi_pcm_frame_rx() - the hook's rx op: a received frame to capture
 * @ch: the channel
 * @data: its struct tapi_pcm_chan
 * @samples: the frame
 * @n: its length
 *
 * Context: any; the channel's lock held (tapi_pcm_hook.h).
 */
void tapi_pcm_frame_rx(struct tapi_channel *ch, void *data,
		       const s16 *samples, unsigned int n)
{
	struct tapi_pcm_chan *pch = data;
	struct snd_pcm_substream *elapsed;
	bool moved;

	elapsed = tapi_pcm_move(&pch->stream[SNDRV_PCM_STREAM_CAPTURE],
				samples, NULL, n, &moved);
	if (elapsed)
		snd_pcm_period_elapsed(elapsed);
}

/**
 * tapi_pcm_frame_tx() - the hook's tx op: a frame to send from playback
 * @ch: the channel, whose tx the playback substream owns
 * @data: its struct tapi_pcm_chan
 * @samples: filled with @n samples, silence while not running
 * @n: the frame length
 *
 * Context: any; the channel's lock held (tapi_pcm_hook.h).
 */
void tapi_pcm_frame_tx(struct tapi_channel *ch, void *data, s16 *samples,
		       unsigned int n)
{
	struct tapi_pcm_chan *pch = data;
	struct snd_pcm_substream *elapsed;
	bool moved;

	elapsed = tapi_pcm_move(&pch->stream[SNDRV_PCM_STREAM_PLAYBACK],
				NULL, samples, n, &moved);
	if (!moved)
		memset(samples, 0, n * sizeof(*samples));
	if (elapsed)
		snd_pcm_period_elapsed(elapsed);
}
