// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: tones a channel plays (TAPI_IOC_TONE_START/STOP) and tones it
 * hears (the call-progress detector, TAPI_EV_TONE).
 *
 * Playing: a zone tone (dial, busy, ringback, congestion, call waiting,
 * SIT of the channel's tone zone) or a custom one- or two-frequency tone
 * with an optional on/off cadence is added to what the channel sends,
 * with saturation, so it can sound over speech (a call-waiting beep); the
 * DTMF generator, which runs after it, replaces both while it dials.  A
 * new request replaces the tone playing; TAPI_EV_TONE_DONE (value: the
 * tone requested, TAPI_TONE_NONE for a custom one) reports the end of
 * the requested duration or of a zone tone that stops by itself (SIT),
 * never an explicit TAPI_IOC_TONE_STOP.
 *
 * Hearing: every channel that carries media runs the detector on what it
 * receives, with the tones of its zone; each change of the recognised
 * tone is TAPI_EV_TONE (TAPI_TONE_NONE when it stops), which the FXO call
 * state machine (call.c) takes as call progress.
 *
 * Both run in the frame path under the channel lock.
 */
#include <linux/minmax.h>
#include "core.h"

/* Samples generated on the stack at a time. */
#define TAPI_TONE_CHUNK		32

static void tapi_tone_heard(void *user, enum tapi_tone tone)
{
	struct tapi_channel *ch = user;

	lockdep_assert_held(&ch->lock);
	tapi_channel_event(ch, TAPI_EV_TONE, tone, 0);
}

/**
 * tapi_tone_init() - a silent channel listening in the default zone
 * @ch: the channel, not yet visible to anyone
 */
void tapi_tone_init(struct tapi_channel *ch)
{
	ch->line.zone = tapi_default_zone;
	ch->line.gen_on = false;
	tapi_tone_det_init(&ch->line.det, ch->line.zone, tapi_tone_heard, ch);
}

/**
 * tapi_tone_set_zone() - change the channel's tone zone
 * @ch: the channel
 * @zone: the new zone
 *
 * The detector starts over with the new zone's tones; a tone being
 * played finishes as it began.
 *
 * Context: any; @ch->lock held.
 */
void tapi_tone_set_zone(struct tapi_channel *ch,
			const struct tapi_tone_zone *zone)
{
	lockdep_assert_held(&ch->lock);
	if (zone == ch->line.zone)
		return;
	ch->line.zone = zone;
	tapi_tone_det_init(&ch->line.det, zone, tapi_tone_heard, ch);
}

static bool tapi_tone_freq_valid(unsigned int hz)
{
	return hz >= TAPI_TONE_FREQ_MIN && hz <= TAPI_TONE_FREQ_MAX;
}

static bool tapi_tone_cadence_ms_valid(unsigned int ms)
{
	return ms >= TAPI_CADENCE_STEP_MIN_MS && ms <= TAPI_CADENCE_STEP_MAX_MS;
}

/* Every field of a request, as the uapi header documents them. */
static int tapi_tone_req_validate(const struct tapi_tone_req *req)
{
	if (req->reserved)
		return -EINVAL;
	if (req->tone != TAPI_TONE_NONE) {
		/* A zone tone: its zone says how it sounds. */
		if (req->tone > TAPI_TONE_SIT)
			return -EINVAL;
		if (req->freq[0] || req->freq[1] || req->level ||
		    req->on_ms || req->off_ms)
			return -EINVAL;
		return 0;
	}
	if (!tapi_tone_freq_valid(req->freq[0]) ||
	    (req->freq[1] && !tapi_tone_freq_valid(req->freq[1])))
		return -EINVAL;
	if (req->level < TAPI_TONE_LEVEL_MIN || req->level > TAPI_TONE_LEVEL_MAX)
		return -EINVAL;
	if (!req->on_ms)
		return req->off_ms ? -EINVAL : 0;
	if (!tapi_tone_cadence_ms_valid(req->on_ms) ||
	    !tapi_tone_cadence_ms_valid(req->off_ms))
		return -EINVAL;
	return 0;
}

/*
 * The generator plays descriptors of a zone: a custom tone becomes the
 * TAPI_TONE_DIAL descriptor of the channel's private one-tone zone.
 */
static void tapi_tone_make_custom(struct tapi_tone_zone *zone,
				  const struct tapi_tone_req *req)
{
	struct tapi_tone_desc *d = &zone->tone[TAPI_TONE_DIAL];

	memset(zone, 0, sizeof(*zone));
	zone->code = "custom";
	zone->name = "TAPI_IOC_TONE_START custom tone";
	d->tone = TAPI_TONE_DIAL;
	d->nsteps = 1;
	d->step[0].freq[0] = req->freq[0];
	d->step[0].freq[1] = req->freq[1];
	d->step[0].level = req->level;
	d->step[0].ms = req->on_ms;
	if (req->on_ms) {
		d->step[1].ms = req->off_ms;	/* silent */
		d->nsteps = 2;
	}
}

/**
 * tapi_tone_start() - TAPI_IOC_TONE_START
 * @ch: the channel
 * @req: the request, from userspace, not validated yet
 *
 * Return: 0; -EINVAL for a bad field or a tone the channel's zone does
 * not define; -EOPNOTSUPP on a channel without media; -ENODEV.
 */
int tapi_tone_start(struct tapi_channel *ch, const struct tapi_tone_req *req)
{
	struct tapi_line *line = &ch->line;
	const struct tapi_tone_zone *zone;
	enum tapi_tone tone = req->tone;
	unsigned long flags;
	int ret;

	ret = tapi_tone_req_validate(req);
	if (ret)
		return ret;
	if (!(ch->caps & TAPI_CAP_MEDIA))
		return -EOPNOTSUPP;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
		goto out;
	}
	if (tone == TAPI_TONE_NONE) {
		tapi_tone_make_custom(&line->custom, req);
		zone = &line->custom;
		tone = TAPI_TONE_DIAL;
	} else {
		zone = line->zone;
		if (!tapi_tone_zone_tone(zone, tone)) {
			ret = -EINVAL;	/* the zone has no such tone */
			goto out;
		}
	}
	ret = tapi_tone_gen_init(&line->gen, zone, tone);
	line->gen_on = !ret;
	line->gen_tone = req->tone;
	line->gen_left = (u64)req->duration_ms * (TAPI_SAMPLE_RATE / 1000);
out:
	spin_unlock_irqrestore(&ch->lock, flags);
	return ret;
}

/**
 * tapi_tone_stop() - TAPI_IOC_TONE_STOP
 * @ch: the channel
 *
 * Return: 0, also when no tone plays; -EOPNOTSUPP on a channel without
 * media; -ENODEV.
 */
int tapi_tone_stop(struct tapi_channel *ch)
{
	unsigned long flags;
	int ret = 0;

	if (!(ch->caps & TAPI_CAP_MEDIA))
		return -EOPNOTSUPP;
	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead)
		ret = -ENODEV;
	else
		ch->line.gen_on = false;
	spin_unlock_irqrestore(&ch->lock, flags);
	return ret;
}

static void tapi_tone_mix(s16 *dst, const s16 *src, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		dst[i] = clamp_t(int, dst[i] + src[i], S16_MIN, S16_MAX);
}

/**
 * tapi_tone_tx() - add the tone being played to the samples to send
 * @ch: the channel
 * @samples: the samples
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_tone_tx(struct tapi_channel *ch, s16 *samples, unsigned int n)
{
	struct tapi_line *line = &ch->line;
	s16 chunk[TAPI_TONE_CHUNK];
	unsigned int done = 0;

	lockdep_assert_held(&ch->lock);
	while (line->gen_on && done < n) {
		unsigned int want = min_t(unsigned int, n - done,
					  TAPI_TONE_CHUNK);
		int got;
		bool over;

		if (line->gen_left && line->gen_left < want)
			want = line->gen_left;
		got = tapi_tone_gen(&line->gen, chunk, want);
		if (got < 0)
			got = 0;
		tapi_tone_mix(samples + done, chunk, got);
		done += got;
		/* The duration is up, or the tone ended by itself. */
		over = got < want;
		if (line->gen_left) {
			line->gen_left -= got;
			over |= !line->gen_left;
		}
		if (over) {
			line->gen_on = false;
			tapi_channel_event(ch, TAPI_EV_TONE_DONE,
					   line->gen_tone, 0);
		}
	}
}

/**
 * tapi_tone_rx() - run the call-progress detector on received samples
 * @ch: the channel
 * @samples: the samples
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_tone_rx(struct tapi_channel *ch, const s16 *samples,
		  unsigned int n)
{
	lockdep_assert_held(&ch->lock);
	tapi_tone_det(&ch->line.det, samples, n);
}

/**
 * tapi_tone_kill() - silence a dead channel
 * @ch: the channel
 *
 * Context: any; @ch->lock held.
 */
void tapi_tone_kill(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	ch->line.gen_on = false;
}
