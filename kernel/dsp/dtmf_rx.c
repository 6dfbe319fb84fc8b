// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: DTMF receiver (ITU-T Q.24).
 *
 * Eight Goertzel filters run over blocks of 102 samples (12.75 ms).  A
 * block names a digit when its strongest row and column tones are above
 * the sensitivity floor, within the twist limits, clearly stronger than
 * the other tones of their group, and carry most of the block's energy.
 * Two consecutive blocks naming the same digit start it; two blocks
 * without it end it.  Samples are handled one at a time, so any block
 * size the caller uses gives the same reports.
 */
#include "dtmf.h"

#define BLOCK		102
/* 2 cos(2 pi f / 8000) in Q14 for the row then the column tones. */
static const int32_t goertzel_coef[TAPI_DTMF_TONES] = {
	27980, 26956, 25701, 24219, 19073, 16325, 13085, 9315,
};
static const char dtmf_keys[] = "123A456B789C*0#D";

/*
 * Goertzel power of a tone of peak A at the filter frequency is about
 * (A * BLOCK / 2)^2.  Floor: -34 dBm0 per tone, peak 455.
 */
#define MIN_TONE_POWER	((int64_t)455 * 455 * BLOCK * BLOCK / 4)
/* Normal twist (column louder) up to 8 dB, reverse twist up to 4 dB. */
#define TWIST_NORMAL_X100	631
#define TWIST_REVERSE_X100	251
/* The other tones of a group at least 8 dB below the strongest one. */
#define PEAK_RATIO_X100		631
/* Both tones together carry at least 70 % of the block's energy. */
#define TONE_SHARE_X100		70

/**
 * tapi_dtmf_rx_init() - set up a receiver
 * @s: receiver state
 * @fn: called for each digit start and end, may be NULL
 * @user: passed to @fn
 */
void tapi_dtmf_rx_init(struct tapi_dtmf_rx_state *s, tapi_dtmf_digit_fn fn,
		       void *user)
{
	memset(s, 0, sizeof(*s));
	s->fn = fn;
	s->user = user;
}
TAPI_DSP_EXPORT(tapi_dtmf_rx_init);

static int64_t goertzel_power(const struct tapi_dtmf_rx_state *s, int k)
{
	int64_t v1 = s->v1[k], v2 = s->v2[k];

	return v1 * v1 + v2 * v2 - ((goertzel_coef[k] * v1) >> 14) * v2;
}

/* Index of the strongest of four tones, if the others are well below. */
static int strongest(const int64_t *p)
{
	int i, best = 0;

	for (i = 1; i < 4; i++)
		if (p[i] > p[best])
			best = i;
	for (i = 0; i < 4; i++)
		if (i != best && p[i] * PEAK_RATIO_X100 > p[best] * 100)
			return -1;
	return best;
}

/* The digit (1..16, key index + 1) this block names, or 0. */
static int block_digit(const struct tapi_dtmf_rx_state *s)
{
	int64_t p[TAPI_DTMF_TONES];
	int k, row, col;

	for (k = 0; k < TAPI_DTMF_TONES; k++)
		p[k] = goertzel_power(s, k);
	row = strongest(p);
	col = strongest(p + 4);
	if (row < 0 || col < 0)
		return 0;
	if (p[row] < MIN_TONE_POWER || p[4 + col] < MIN_TONE_POWER)
		return 0;
	if (p[4 + col] * 100 > p[row] * TWIST_NORMAL_X100 ||
	    p[row] * 100 > p[4 + col] * TWIST_REVERSE_X100)
		return 0;
	/* Tone energy is 2 p / BLOCK; compare with the block's energy. */
	if ((p[row] + p[4 + col]) * 2 * 100 <
	    s->energy * BLOCK * TONE_SHARE_X100)
		return 0;
	return row * 4 + col + 1;
}

static void block_done(struct tapi_dtmf_rx_state *s)
{
	int hit = block_digit(s);

	if (s->digit) {
		if (hit == s->digit) {
			s->misses = 0;
			s->digit_samples += BLOCK;
		} else if (++s->misses >= 2) {
			if (s->fn)
				s->fn(s->user, dtmf_keys[s->digit - 1], true,
				      s->digit_samples / 8);
			s->digit = 0;
		}
	}
	if (!s->digit && hit && hit == s->last_hit) {
		s->digit = hit;
		s->misses = 0;
		s->digit_samples = 2 * BLOCK;
		if (s->fn)
			s->fn(s->user, dtmf_keys[hit - 1], false, 0);
	}
	s->last_hit = hit;
	memset(s->v1, 0, sizeof(s->v1));
	memset(s->v2, 0, sizeof(s->v2));
	s->energy = 0;
	s->block_fill = 0;
}

/**
 * tapi_dtmf_rx() - feed samples to a receiver
 * @s: receiver state
 * @amp: 8 kHz 16-bit linear samples
 * @n: number of samples, any count from 1 up
 *
 * Calls the digit function from inside, in sample order.
 */
void tapi_dtmf_rx(struct tapi_dtmf_rx_state *s, const int16_t *amp, int n)
{
	int i, k;
	int32_t x, v0;

	for (i = 0; i < n; i++) {
		x = amp[i];
		for (k = 0; k < TAPI_DTMF_TONES; k++) {
			v0 = x + (int32_t)(((int64_t)goertzel_coef[k] *
					    s->v1[k]) >> 14) - s->v2[k];
			s->v2[k] = s->v1[k];
			s->v1[k] = v0;
		}
		s->energy += x * x;
		if (++s->block_fill == BLOCK)
			block_done(s);
	}
}
TAPI_DSP_EXPORT(tapi_dtmf_rx);
