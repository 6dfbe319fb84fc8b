// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: 1200 baud FSK (Bell 202, V.23) for caller ID.
 *
 * Modulator: the shared oscillator, its frequency switched between mark
 * and space without a phase jump (continuous-phase FSK, as both
 * recommendations require).  Bit timing is exact: 3 bits every 20
 * samples, by a phase accumulator.
 *
 * Demodulator: the input is mixed with mark and space local oscillators
 * and each product summed over the last TAPI_FSK_WINDOW samples (about
 * one bit); whichever frequency holds more power is the bit.  The carrier
 * is present while that power is above -40 dBm0 (down below -46 dBm0).
 * A bit clock samples the decision in the middle of each bit; it snaps to
 * an edge after a long run without one (the start bit after the mark
 * signal, Telcordia and ETSI allowing a 1 % baud error) and otherwise
 * moves half-way towards each edge, so a noise spike cannot throw it.
 *
 * The correlators are one bit long and so about 1 kHz wide: speech gives
 * "bits" too.  A steady mark tone is told apart over 20 ms blocks: at
 * least 70 % of a block's energy must be coherent at the mark frequency
 * (tapi_fsk_rx_mark_heard(), for the caller-ID receiver's mark signal).
 */
#include "fsk.h"

/* Hz, [modem][space, mark] */
static const uint16_t fsk_hz[2][2] = {
	[TAPI_FSK_BELL202] = { 2200, 1200 },
	[TAPI_FSK_V23] = { 2100, 1300 },
};

/* (TAPI_FSK_WINDOW * A / 2)^2 for a sine of peak A at -40 and -46 dBm0. */
#define CARRIER_ON_POWER	638257LL
#define CARRIER_OFF_POWER	160323LL
/* Samples beyond a threshold before the carrier changes: 2 ms. */
#define CARRIER_SAMPLES		16
/* An edge after this long without one resets the clock: 9 bits. */
#define HARD_SYNC_SAMPLES	60

#define BAUD_CYCLE		TAPI_OSC_RATE	/* baud phase units per bit */
/* Mark purity: blocks of 20 ms, 70 % of the energy at the mark. */
#define BLOCK			160
#define MARK_PURITY_NUM		7
#define MARK_PURITY_DEN		10
/* A pure-mark block counts as recent for 40 ms after it ends. */
#define MARK_RECENT		(2 * BLOCK)

/**
 * tapi_fsk_tx_init() - prepare a modulator
 * @s: modulator state
 * @modem: TAPI_FSK_BELL202 or TAPI_FSK_V23
 * @level_dbm0: sending level, -60..+3 dBm0 (caller ID: -13)
 * @get_bit: bit source
 * @user: passed to @get_bit
 *
 * Return: 0, or -EINVAL (and a modulator that sends nothing).
 */
int tapi_fsk_tx_init(struct tapi_fsk_tx_state *s, enum tapi_fsk_modem modem,
		     int level_dbm0, tapi_fsk_get_bit_fn get_bit, void *user)
{
	memset(s, 0, sizeof(*s));
	s->done = true;
	if ((modem != TAPI_FSK_BELL202 && modem != TAPI_FSK_V23) || !get_bit ||
	    level_dbm0 < -60 || level_dbm0 > 3)
		return -EINVAL;
	s->get_bit = get_bit;
	s->user = user;
	s->freq_chz[0] = TAPI_OSC_HZ(fsk_hz[modem][0]);
	s->freq_chz[1] = TAPI_OSC_HZ(fsk_hz[modem][1]);
	tapi_osc_init(&s->osc, s->freq_chz[1], TAPI_OSC_DBM0(level_dbm0));
	s->baud_phase = BAUD_CYCLE;	/* fetch the first bit at once */
	s->done = false;
	return 0;
}
TAPI_DSP_EXPORT(tapi_fsk_tx_init);

/**
 * tapi_fsk_tx() - modulate the next samples
 * @s: modulator state
 * @amp: where to write
 * @n: samples wanted
 *
 * Return: @n while the bit source gives bits, fewer when it ends within
 * this block, then 0; -EINVAL if @amp is NULL or @n negative.
 */
int tapi_fsk_tx(struct tapi_fsk_tx_state *s, int16_t *amp, int n)
{
	int i, bit;

	if (!amp || n < 0)
		return -EINVAL;
	for (i = 0; i < n && !s->done; i++) {
		if (s->baud_phase >= BAUD_CYCLE) {
			s->baud_phase -= BAUD_CYCLE;
			bit = s->get_bit(s->user);
			if (bit < 0) {
				s->done = true;
				break;
			}
			tapi_osc_set_freq(&s->osc, s->freq_chz[bit ? 1 : 0]);
		}
		amp[i] = tapi_osc_next(&s->osc);
		s->baud_phase += TAPI_FSK_BAUD;
	}
	return i;
}
TAPI_DSP_EXPORT(tapi_fsk_tx);

/**
 * tapi_fsk_rx_init() - prepare a demodulator
 * @s: demodulator state
 * @modem: TAPI_FSK_BELL202 or TAPI_FSK_V23
 * @put_bit: where bits go
 * @user: passed to @put_bit
 *
 * Return: 0, or -EINVAL (and a demodulator that reports nothing).
 */
int tapi_fsk_rx_init(struct tapi_fsk_rx_state *s, enum tapi_fsk_modem modem,
		     tapi_fsk_put_bit_fn put_bit, void *user)
{
	memset(s, 0, sizeof(*s));
	if ((modem != TAPI_FSK_BELL202 && modem != TAPI_FSK_V23) || !put_bit)
		return -EINVAL;
	s->put_bit = put_bit;
	s->user = user;
	s->lo_step[0] = TAPI_OSC_HZ(fsk_hz[modem][0]);
	s->lo_step[1] = TAPI_OSC_HZ(fsk_hz[modem][1]);
	s->mark_age = 0xffff;
	return 0;
}
TAPI_DSP_EXPORT(tapi_fsk_rx_init);

/* Accumulate the mark correlation; judge each 20 ms block. */
static void fsk_mark_purity(struct tapi_fsk_rx_state *s, int x, int c, int q)
{
	int64_t coherent, spread;

	s->block_sum[0] += c;
	s->block_sum[1] += q;
	s->block_energy += (uint32_t)(x * x);
	if (s->mark_age < 0xffff)
		s->mark_age++;
	if (++s->block_fill < BLOCK)
		return;
	/* pure tone: |sum|^2 = (N A / 2)^2 = N / 2 * energy */
	coherent = (int64_t)s->block_sum[0] * s->block_sum[0] +
		   (int64_t)s->block_sum[1] * s->block_sum[1];
	spread = (int64_t)s->block_energy * (BLOCK / 2);
	if (coherent * MARK_PURITY_DEN >= spread * MARK_PURITY_NUM &&
	    s->block_energy)
		s->mark_age = 0;
	s->block_sum[0] = 0;
	s->block_sum[1] = 0;
	s->block_energy = 0;
	s->block_fill = 0;
}

/* Mix one sample down at both frequencies; the power at each. */
static void fsk_correlate(struct tapi_fsk_rx_state *s, int x, int64_t *pwr)
{
	int k, c, q;

	for (k = 0; k < 2; k++) {
		c = (x * tapi_osc_sin(s->lo_phase[k] + TAPI_OSC_CYCLE / 4)) >> 15;
		q = (x * tapi_osc_sin(s->lo_phase[k])) >> 15;
		s->lo_phase[k] += s->lo_step[k];
		if (s->lo_phase[k] >= TAPI_OSC_CYCLE)
			s->lo_phase[k] -= TAPI_OSC_CYCLE;
		s->sum[k][0] += c - s->prod[k][0][s->pos];
		s->sum[k][1] += q - s->prod[k][1][s->pos];
		s->prod[k][0][s->pos] = (int16_t)c;
		s->prod[k][1][s->pos] = (int16_t)q;
		pwr[k] = (int64_t)s->sum[k][0] * s->sum[k][0] +
			 (int64_t)s->sum[k][1] * s->sum[k][1];
		if (k == 1)
			fsk_mark_purity(s, x, c, q);
	}
	if (++s->pos == TAPI_FSK_WINDOW)
		s->pos = 0;
}

/* Carrier detection with hysteresis; true while a carrier is present. */
static bool fsk_carrier(struct tapi_fsk_rx_state *s, int64_t power)
{
	bool beyond = s->carrier ? power < CARRIER_OFF_POWER :
				   power >= CARRIER_ON_POWER;

	if (!beyond) {
		s->carrier_count = 0;
		return s->carrier;
	}
	if (++s->carrier_count < CARRIER_SAMPLES)
		return s->carrier;
	s->carrier_count = 0;
	s->carrier = !s->carrier;
	if (s->carrier) {
		s->baud_phase = 0;
		s->since_edge = HARD_SYNC_SAMPLES;
		s->put_bit(s->user, TAPI_FSK_CARRIER_UP);
	} else {
		s->put_bit(s->user, TAPI_FSK_CARRIER_DOWN);
	}
	return s->carrier;
}

/**
 * tapi_fsk_rx() - demodulate samples
 * @s: demodulator state
 * @amp: 8 kHz 16-bit linear samples
 * @n: number of samples, any block size
 *
 * Bits and carrier changes are reported through the callback.
 */
void tapi_fsk_rx(struct tapi_fsk_rx_state *s, const int16_t *amp, int n)
{
	int64_t pwr[2];
	uint8_t decision;
	uint16_t before;
	int i;

	if (!s->put_bit)
		return;
	for (i = 0; amp && i < n; i++) {
		fsk_correlate(s, amp[i], pwr);
		if (!fsk_carrier(s, pwr[0] + pwr[1]))
			continue;
		decision = pwr[1] > pwr[0];
		if (s->since_edge < 0xffff)
			s->since_edge++;
		if (decision != s->decision) {
			s->decision = decision;
			/* An edge: this is where a bit begins. */
			if (s->since_edge >= HARD_SYNC_SAMPLES)
				s->baud_phase = 0;
			else if (s->baud_phase < BAUD_CYCLE / 2)
				s->baud_phase /= 2;
			else
				s->baud_phase += (BAUD_CYCLE - s->baud_phase) / 2;
			s->since_edge = 0;
		}
		before = s->baud_phase;
		s->baud_phase += TAPI_FSK_BAUD;
		if (before < BAUD_CYCLE / 2 && s->baud_phase >= BAUD_CYCLE / 2)
			s->put_bit(s->user, s->decision);
		if (s->baud_phase >= BAUD_CYCLE)
			s->baud_phase -= BAUD_CYCLE;
	}
}
TAPI_DSP_EXPORT(tapi_fsk_rx);

/**
 * tapi_fsk_rx_mark_heard() - was a steady mark tone heard just now?
 * @s: demodulator state
 *
 * For a put_bit callback deciding whether a run of mark bits is a real
 * mark signal: true if one of the 20 ms blocks ending in the last 40 ms
 * held at least 70 % of its energy at the mark frequency.
 *
 * Return: true if so.
 */
bool tapi_fsk_rx_mark_heard(const struct tapi_fsk_rx_state *s)
{
	return s->mark_age <= MARK_RECENT;
}
TAPI_DSP_EXPORT(tapi_fsk_rx_mark_heard);
