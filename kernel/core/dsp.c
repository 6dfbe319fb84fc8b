// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the per-channel DSP: a DTMF receiver on what the channel
 * receives, a DTMF generator on what it sends.
 *
 * The DSP itself lives in kernel/dsp/ and is linked into this module; its
 * entry points are exported (TAPI_DSP_EXPORT) so that drivers such as
 * tapi_sim use the same code.
 *
 * TAPI_IOC_DIAL requests queue here, each with its own timing and level;
 * the generator sends one request at a time and the next starts when it
 * is idle.  Everything runs under the channel lock, from the frame path.
 */
#include "core.h"

static void tapi_dsp_digit(void *user, char digit, bool end,
			   unsigned int duration_ms)
{
	struct tapi_channel *ch = user;

	lockdep_assert_held(&ch->lock);
	tapi_channel_event(ch, end ? TAPI_EV_DIGIT_END : TAPI_EV_DIGIT_START,
			   (u8)digit, end ? duration_ms : 0);
}

/**
 * tapi_dsp_init() - set up a channel's DTMF receiver and generator
 * @ch: the channel, not yet visible to anyone
 */
void tapi_dsp_init(struct tapi_channel *ch)
{
	tapi_dtmf_rx_init(&ch->dtmf_rx, tapi_dsp_digit, ch);
	tapi_dtmf_tx_init(&ch->dtmf_tx, 0, 0, 0);
}

/**
 * tapi_dsp_rx() - run the DTMF receiver on received samples
 * @ch: the channel
 * @samples: linear samples
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_dsp_rx(struct tapi_channel *ch, const s16 *samples, unsigned int n)
{
	lockdep_assert_held(&ch->lock);
	if (ch->caps & TAPI_CAP_MEDIA) {
		tapi_dtmf_rx(&ch->dtmf_rx, samples, n);
		/* Call-progress tones and caller ID (line.c). */
		tapi_line_rx(ch, samples, n);
	}
}

/* Load the oldest waiting request into the idle generator. */
static bool tapi_dsp_next_dial(struct tapi_channel *ch)
{
	struct tapi_dial_request *req;

	lockdep_assert_held(&ch->lock);
	if (!ch->dial_count)
		return false;
	req = &ch->dial_queue[ch->dial_head];
	ch->dial_head = (ch->dial_head + 1) % TAPI_DIAL_QUEUE_LEN;
	ch->dial_count--;
	tapi_dtmf_tx_init(&ch->dtmf_tx, req->on_ms, req->off_ms, req->level);
	/* Validated at the ioctl; one request always fits the generator. */
	WARN_ON_ONCE(tapi_dtmf_tx_put(&ch->dtmf_tx, req->digits));
	return true;
}

/* Chunk of generated samples kept on the stack. */
#define TAPI_DSP_CHUNK	32

/**
 * tapi_dsp_tx() - put digits being dialled into the samples to send
 * @ch: the channel
 * @samples: the samples, replaced by the generator's while it sends
 * @n: how many
 *
 * Reports TAPI_EV_DIAL_DONE when the last request is sent.
 *
 * Context: any; @ch->lock held.
 */
void tapi_dsp_tx(struct tapi_channel *ch, s16 *samples, unsigned int n)
{
	s16 chunk[TAPI_DSP_CHUNK];
	unsigned int done = 0;

	lockdep_assert_held(&ch->lock);
	/* A tone of TAPI_IOC_TONE_START is added first; DTMF replaces it. */
	tapi_tone_tx(ch, samples, n);
	while (ch->dialing && done < n) {
		unsigned int want = min_t(unsigned int, n - done,
					  TAPI_DSP_CHUNK);
		int got = tapi_dtmf_tx(&ch->dtmf_tx, chunk, want);

		memcpy(samples + done, chunk, got * sizeof(*chunk));
		done += got;
		if (tapi_dtmf_tx_busy(&ch->dtmf_tx))
			continue;
		if (!tapi_dsp_next_dial(ch)) {
			ch->dialing = false;
			tapi_channel_event(ch, TAPI_EV_DIAL_DONE, 0, 0);
		}
	}
}

/**
 * tapi_dsp_dial() - TAPI_IOC_DIAL: queue digits to send
 * @ch: the channel
 * @dial: a request already validated
 *
 * Return: 0; -EOPNOTSUPP on a channel without media; -EBUSY when
 * TAPI_DIAL_QUEUE_LEN requests wait already; -ENODEV.
 */
int tapi_dsp_dial(struct tapi_channel *ch, const struct tapi_dial *dial)
{
	struct tapi_dial_request *req;
	unsigned long flags;
	int ret = 0;

	if (!(ch->caps & TAPI_CAP_MEDIA))
		return -EOPNOTSUPP;
	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else if (ch->dial_count == TAPI_DIAL_QUEUE_LEN) {
		ret = -EBUSY;
	} else {
		req = &ch->dial_queue[(ch->dial_head + ch->dial_count) %
				      TAPI_DIAL_QUEUE_LEN];
		req->on_ms = dial->on_ms;
		req->off_ms = dial->off_ms;
		req->level = dial->level;
		strscpy(req->digits, dial->digits, sizeof(req->digits));
		ch->dial_count++;
		if (!ch->dialing)
			ch->dialing = tapi_dsp_next_dial(ch);
		tapi_call_dial(ch, dial->digits);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	return ret;
}

/**
 * tapi_dsp_kill() - forget the digits still to send of a dead channel
 * @ch: the channel
 *
 * Context: @ch->lock held.
 */
void tapi_dsp_kill(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	ch->dialing = false;
	ch->dial_count = 0;
	tapi_dtmf_tx_init(&ch->dtmf_tx, 0, 0, 0);
}
