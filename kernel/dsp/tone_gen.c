// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: call-progress tone generator.
 *
 * Plays a tone zone descriptor (tone_zones.c): each step is silence, one
 * tone, the sum of two tones, or a tone amplitude modulated by another,
 * for a number of milliseconds (exact: 8 samples per ms).  Oscillators
 * restart at phase 0 after a silent step so every burst begins at a zero
 * crossing, and keep their phase across tone-to-tone steps (SIT) so the
 * change clicks as little as possible.
 */
#include "tone.h"

/* Modulation depth in Q15. */
#define AM_DEPTH_Q15	(TAPI_TONE_AM_DEPTH * 32768 / 100)

static int step_chz(uint16_t hz)
{
	return TAPI_OSC_HZ((int)hz);
}

static void tone_gen_start_step(struct tapi_tone_gen_state *s, bool after_tone)
{
	const struct tapi_tone_step *st = &s->desc->step[s->step];
	int level = TAPI_OSC_DBM0(st->level);

	s->left = st->ms * (TAPI_OSC_RATE / 1000);
	if (!st->freq[0])
		return;
	if (!after_tone) {
		tapi_osc_init(&s->osc[0], step_chz(st->freq[0]), level);
		tapi_osc_init(&s->osc[1], step_chz(st->freq[1]),
			      st->am ? TAPI_OSC_LEVEL_MAX : level);
		return;
	}
	tapi_osc_set_freq(&s->osc[0], step_chz(st->freq[0]));
	tapi_osc_set_level(&s->osc[0], level);
	tapi_osc_set_freq(&s->osc[1], step_chz(st->freq[1]));
	tapi_osc_set_level(&s->osc[1], st->am ? TAPI_OSC_LEVEL_MAX : level);
}

/**
 * tapi_tone_gen_init() - start generating a tone of a zone
 * @s: generator state
 * @zone: tone zone from tapi_tone_zone_find()
 * @tone: TAPI_TONE_DIAL..TAPI_TONE_SIT
 *
 * Return: 0, or -EINVAL if @zone is NULL or does not define @tone (then
 * tapi_tone_gen() produces nothing).
 */
int tapi_tone_gen_init(struct tapi_tone_gen_state *s,
		       const struct tapi_tone_zone *zone, enum tapi_tone tone)
{
	memset(s, 0, sizeof(*s));
	s->desc = tapi_tone_zone_tone(zone, tone);
	if (!s->desc)
		return -EINVAL;
	tone_gen_start_step(s, false);
	return 0;
}
TAPI_DSP_EXPORT(tapi_tone_gen_init);

static void tone_gen_fill(struct tapi_tone_gen_state *s, int16_t *amp, int n)
{
	const struct tapi_tone_step *st = &s->desc->step[s->step];
	int i, c, g, v;

	if (!st->freq[0]) {
		memset(amp, 0, n * sizeof(*amp));
		return;
	}
	if (!st->am) {
		tapi_osc_gen(&s->osc[0], amp, n);
		if (st->freq[1])
			tapi_osc_mix(&s->osc[1], amp, n);
		return;
	}
	for (i = 0; i < n; i++) {
		c = tapi_osc_next(&s->osc[0]);
		/* Envelope 1 + m sin(), Q15; |c * g| < 2^31. */
		g = 32768 + ((tapi_osc_next(&s->osc[1]) * AM_DEPTH_Q15) >> 15);
		v = (c * g) >> 15;
		amp[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
	}
}

/* Next step; false when the cadence has played its last repeat. */
static bool tone_gen_next_step(struct tapi_tone_gen_state *s)
{
	bool after_tone = s->desc->step[s->step].freq[0] != 0;

	if (++s->step >= s->desc->nsteps) {
		s->step = 0;
		if (s->cycles < 255)
			s->cycles++;
		if (s->desc->repeat && s->cycles >= s->desc->repeat) {
			s->desc = NULL;
			return false;
		}
	}
	tone_gen_start_step(s, after_tone);
	return true;
}

/**
 * tapi_tone_gen() - generate the next samples of the tone
 * @s: generator state from tapi_tone_gen_init()
 * @amp: where to write
 * @n: samples wanted
 *
 * Return: @n while the tone lasts (cadences with repeat 0 never end),
 * fewer when it ends within this block, 0 once it has ended, -EINVAL if
 * @amp is NULL or @n negative.
 */
int tapi_tone_gen(struct tapi_tone_gen_state *s, int16_t *amp, int n)
{
	int done = 0, chunk;

	if (!amp || n < 0)
		return -EINVAL;
	while (done < n && s->desc) {
		chunk = n - done;
		if (s->left && (uint32_t)chunk > s->left)
			chunk = s->left;
		tone_gen_fill(s, amp + done, chunk);
		done += chunk;
		if (!s->left)		/* a step that lasts until stopped */
			break;
		s->left -= chunk;
		if (!s->left && !tone_gen_next_step(s))
			break;
	}
	return done;
}
TAPI_DSP_EXPORT(tapi_tone_gen);
