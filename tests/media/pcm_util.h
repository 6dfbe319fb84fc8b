/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the ALSA PCM tests and benchmark (tapi_pcm): finding the
 * ALSA card of a tapi card, opening a channel's PCM with given hw/sw
 * parameters, tones in every format, and a streaming loop that plays on
 * one PCM while it captures from another.
 *
 * The ALSA card of tapi card N has the long name "... (tapi card N)";
 * channel index i on the card is PCM device i.
 */
#ifndef PCM_UTIL_H
#define PCM_UTIL_H

#include <alsa/asoundlib.h>
#include "test_core_util.h"

#define PCM_RATE	8000

/* The ALSA card index of tapi card @tapi_card, or -ENOENT. */
static inline int alsa_card_of(unsigned int tapi_card)
{
	char want[40], *longname;
	int card = -1, found = -ENOENT;

	snprintf(want, sizeof(want), "(tapi card %u)", tapi_card);
	while (snd_card_next(&card) == 0 && card >= 0) {
		if (snd_card_get_longname(card, &longname) < 0)
			continue;
		if (strstr(longname, want))
			found = card;
		free(longname);
		if (found >= 0)
			break;
	}
	return found;
}

/**
 * struct pcm_params - what a test asks of a PCM
 * @format: SND_PCM_FORMAT_S16_LE, _MU_LAW or _A_LAW
 * @period: frames per period
 * @periods: periods in the buffer
 */
struct pcm_params {
	snd_pcm_format_t format;
	snd_pcm_uframes_t period;
	unsigned int periods;
};

/*
 * Open PCM device @dev of ALSA card @card in direction @dir with
 * exactly @p (non-blocking: the loops below poll), 0 or a negative errno.
 * Playback starts by itself once a period is queued; capture when
 * started with snd_pcm_start().
 */
static inline int pcm_open(snd_pcm_t **pcm, int card, unsigned int dev,
			   snd_pcm_stream_t dir, const struct pcm_params *p)
{
	snd_pcm_hw_params_t *hw;
	snd_pcm_sw_params_t *sw;
	snd_pcm_uframes_t period = p->period;
	snd_pcm_uframes_t buffer = p->period * p->periods;
	char name[32];
	int ret;

	snprintf(name, sizeof(name), "hw:%d,%u", card, dev);
	ret = snd_pcm_open(pcm, name, dir, SND_PCM_NONBLOCK);
	if (ret < 0)
		return ret;
	snd_pcm_hw_params_alloca(&hw);
	snd_pcm_sw_params_alloca(&sw);
	if ((ret = snd_pcm_hw_params_any(*pcm, hw)) < 0 ||
	    (ret = snd_pcm_hw_params_set_access(*pcm, hw,
			SND_PCM_ACCESS_RW_INTERLEAVED)) < 0 ||
	    (ret = snd_pcm_hw_params_set_format(*pcm, hw, p->format)) < 0 ||
	    (ret = snd_pcm_hw_params_set_channels(*pcm, hw, 1)) < 0 ||
	    (ret = snd_pcm_hw_params_set_rate(*pcm, hw, PCM_RATE, 0)) < 0 ||
	    (ret = snd_pcm_hw_params_set_period_size(*pcm, hw, period, 0)) < 0 ||
	    (ret = snd_pcm_hw_params_set_buffer_size(*pcm, hw, buffer)) < 0 ||
	    (ret = snd_pcm_hw_params(*pcm, hw)) < 0)
		goto err;
	if ((ret = snd_pcm_sw_params_current(*pcm, sw)) < 0 ||
	    (ret = snd_pcm_sw_params_set_avail_min(*pcm, sw, period)) < 0 ||
	    (ret = snd_pcm_sw_params_set_start_threshold(*pcm, sw,
			dir == SND_PCM_STREAM_PLAYBACK ? period : buffer + 1)) < 0 ||
	    (ret = snd_pcm_sw_params(*pcm, sw)) < 0)
		goto err;
	return 0;
err:
	snd_pcm_close(*pcm);
	*pcm = NULL;
	return ret;
}

static inline unsigned int pcm_format_bytes(snd_pcm_format_t format)
{
	return format == SND_PCM_FORMAT_S16_LE ? 2 : 1;
}

/* One linear sample to @format at @out. */
static inline void pcm_encode(snd_pcm_format_t format, int16_t x, void *out)
{
	switch (format) {
	case SND_PCM_FORMAT_MU_LAW:
		*(uint8_t *)out = test_encode(x, test_ulaw_decode);
		break;
	case SND_PCM_FORMAT_A_LAW:
		*(uint8_t *)out = test_encode(x, test_alaw_decode);
		break;
	default:
		memcpy(out, &x, 2);
		break;
	}
}

static inline int16_t pcm_decode(snd_pcm_format_t format, const void *in)
{
	int16_t x;

	switch (format) {
	case SND_PCM_FORMAT_MU_LAW:
		return test_ulaw_decode(*(const uint8_t *)in);
	case SND_PCM_FORMAT_A_LAW:
		return test_alaw_decode(*(const uint8_t *)in);
	default:
		memcpy(&x, in, 2);
		return x;
	}
}

/*
 * One second of a sine of integer frequency @freq (so it repeats
 * seamlessly) in @format: PCM_RATE * bytes, malloc'ed.
 */
static inline uint8_t *pcm_tone(snd_pcm_format_t format, double freq,
				double amp)
{
	unsigned int bytes = pcm_format_bytes(format), i;
	uint8_t *buf = malloc(PCM_RATE * bytes);

	for (i = 0; buf && i < PCM_RATE; i++)
		pcm_encode(format, (int16_t)lrint(amp * sin(2 * M_PI * freq *
						      i / PCM_RATE)),
			   buf + i * bytes);
	return buf;
}

/**
 * struct pcm_stream - one PCM of a streaming loop
 * @pcm: the PCM, NULL for none
 * @format: its format
 * @tone: playback: one second of what to play (pcm_tone())
 * @offset: playback: frames of @tone played so far, modulo PCM_RATE
 * @got: capture: where captured samples go, linear
 * @want: capture: how many to capture
 * @ngot: capture: how many were captured
 * @frames: frames moved
 * @xruns: -EPIPE seen (recovered)
 * @error: the first other error, which ends the loop
 */
struct pcm_stream {
	snd_pcm_t *pcm;
	snd_pcm_format_t format;
	const uint8_t *tone;
	unsigned int offset;
	int16_t *got;
	size_t want, ngot;
	uint64_t frames;
	unsigned int xruns;
	int error;
};

/* Move what can be moved now; 0, or the error that ended the stream. */
static inline int pcm_stream_step(struct pcm_stream *s, bool playback)
{
	unsigned int bytes = pcm_format_bytes(s->format);
	uint8_t buf[4096];
	snd_pcm_sframes_t n;

	if (!s->pcm || s->error)
		return s->error;
	for (;;) {
		snd_pcm_uframes_t room = sizeof(buf) / bytes;

		if (playback) {
			if (room > PCM_RATE - s->offset)
				room = PCM_RATE - s->offset;
			n = snd_pcm_writei(s->pcm, s->tone + s->offset * bytes,
					   room);
		} else {
			if (s->ngot >= s->want)
				return 0;
			if (s->got && room > s->want - s->ngot)
				room = s->want - s->ngot;
			n = snd_pcm_readi(s->pcm, buf, room);
		}
		if (n == -EAGAIN)
			return 0;
		if (n == -EPIPE) {
			s->xruns++;
			n = snd_pcm_recover(s->pcm, n, 1);
			if (!n && !playback)
				n = snd_pcm_start(s->pcm);
			if (!n)
				continue;
		}
		if (n < 0) {
			s->error = n;
			return n;
		}
		s->frames += n;
		if (playback) {
			s->offset = (s->offset + n) % PCM_RATE;
		} else if (s->got) {
			snd_pcm_sframes_t i;

			for (i = 0; i < n; i++)
				s->got[s->ngot++] = pcm_decode(s->format,
							       buf + i * bytes);
		} else {
			s->ngot += n;
		}
	}
}

/*
 * Run @nplay playback and @ncap capture streams until every capture has
 * what it wants, an error ends one, or @timeout_ms passes (0 or -ETIMEDOUT
 * or the error).
 */
static inline int pcm_stream_run(struct pcm_stream *play, int nplay,
				 struct pcm_stream *cap, int ncap,
				 int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	int i, ret;

	for (i = 0; i < nplay; i++)
		if ((ret = pcm_stream_step(&play[i], true)))
			return ret;
	/* Start the captures not running yet (a run may continue another). */
	for (i = 0; i < ncap; i++)
		if (cap[i].pcm &&
		    snd_pcm_state(cap[i].pcm) == SND_PCM_STATE_PREPARED &&
		    (ret = snd_pcm_start(cap[i].pcm)) < 0)
			return ret;
	for (;;) {
		bool done = true;

		for (i = 0; i < ncap; i++)
			if (cap[i].pcm && cap[i].ngot < cap[i].want)
				done = false;
		if (done)
			return 0;
		if (now_ms() > end)
			return -ETIMEDOUT;
		/* Wake on the first capture with a period ready. */
		if (ncap && cap[0].pcm)
			snd_pcm_wait(cap[0].pcm, 100);
		else
			sleep_ms(5);
		for (i = 0; i < nplay; i++)
			if ((ret = pcm_stream_step(&play[i], true)))
				return ret;
		for (i = 0; i < ncap; i++)
			if ((ret = pcm_stream_step(&cap[i], false)))
				return ret;
	}
}

#endif /* PCM_UTIL_H */
