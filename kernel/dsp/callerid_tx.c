// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: caller ID transmitter.
 *
 * FSK: channel seizure (300 alternating bits, starting with 0), mark
 * signal (180 bits of 1; both per Telcordia GR-30 and ETSI EN 300 659-1,
 * changeable for call-waiting caller ID), the message bytes with one
 * start and one stop bit each, then 10 mark bits so the last byte leaves
 * the receiver's filters before the carrier stops.
 *
 * DTMF: the digit string, each digit 70 ms with 70 ms pauses, by the
 * shared DTMF generator.
 */
#include "callerid.h"

#define SEIZURE_BITS	300
#define MARK_BITS	180
#define POST_BITS	10
#define PREAMBLE_MAX	1000	/* bits, for tapi_cid_tx_set_preamble() */
#define DTMF_ON_MS	70
#define DTMF_OFF_MS	70

static bool cid_tx_is_fsk(const struct tapi_cid_tx_state *s)
{
	return s->std == TAPI_CID_BELL_SDMF || s->std == TAPI_CID_BELL_MDMF ||
	       s->std == TAPI_CID_ETSI_FSK;
}

/* The FSK bit stream: seizure, marks, framed bytes, marks. */
static int cid_tx_get_bit(void *user)
{
	struct tapi_cid_tx_state *s = user;
	int bit;

	if (s->seizure_bits)
		return s->seizure_bits-- & 1;	/* 0, 1, 0, ... */
	if (s->mark_bits) {
		s->mark_bits--;
		return 1;
	}
	if (s->byte < s->len) {
		if (s->bit == 0)
			bit = 0;				/* start */
		else if (s->bit <= 8)
			bit = (s->msg[s->byte] >> (s->bit - 1)) & 1;
		else
			bit = 1;				/* stop */
		if (++s->bit == 10) {
			s->bit = 0;
			s->byte++;
		}
		return bit;
	}
	if (s->post_bits) {
		s->post_bits--;
		return 1;
	}
	return -1;
}

/**
 * tapi_cid_tx_init() - prepare a caller ID transmission
 * @s: transmitter state
 * @std: the format
 * @info: what to send (see tapi_cid_encode())
 * @level_dbm0: sending level (per tone for DTMF), -60..+3 dBm0; 0 for
 *	the default, TAPI_CID_FSK_LEVEL or TAPI_CID_DTMF_LEVEL
 *
 * Return: 0, or -EINVAL if the message cannot be built or a parameter is
 * out of range (then tapi_cid_tx() sends nothing).
 */
int tapi_cid_tx_init(struct tapi_cid_tx_state *s, enum tapi_cid_standard std,
		     const struct tapi_cid_info *info, int level_dbm0)
{
	int len, err;

	memset(s, 0, sizeof(*s));
	len = tapi_cid_encode(std, info, s->msg, sizeof(s->msg) - 1);
	if (len < 0)
		return -EINVAL;
	s->std = std;
	s->len = len;
	if (!cid_tx_is_fsk(s)) {
		s->msg[len] = '\0';
		if (level_dbm0 < -60 || level_dbm0 > 3)
			goto err_level;
		tapi_dtmf_tx_init(&s->dtmf, DTMF_ON_MS, DTMF_OFF_MS,
				  level_dbm0 ? level_dbm0 : TAPI_CID_DTMF_LEVEL);
		err = tapi_dtmf_tx_put(&s->dtmf, (const char *)s->msg);
		if (err)
			goto err_level;
		return 0;
	}
	s->seizure_bits = SEIZURE_BITS;
	s->mark_bits = MARK_BITS;
	s->post_bits = POST_BITS;
	err = tapi_fsk_tx_init(&s->fsk, std == TAPI_CID_ETSI_FSK ?
			       TAPI_FSK_V23 : TAPI_FSK_BELL202,
			       level_dbm0 ? level_dbm0 : TAPI_CID_FSK_LEVEL,
			       cid_tx_get_bit, s);
	if (err)
		goto err_level;
	return 0;

err_level:
	memset(s, 0, sizeof(*s));
	return -EINVAL;
}
TAPI_DSP_EXPORT(tapi_cid_tx_init);

/**
 * tapi_cid_tx_set_preamble() - change the FSK preamble
 * @s: transmitter state, before the first tapi_cid_tx()
 * @seizure_bits: channel seizure bits, 0..1000 (0 for call-waiting
 *	caller ID, which starts with marks)
 * @mark_bits: mark bits before the message, 1..1000 (80 for call waiting)
 *
 * Return: 0, or -EINVAL for DTMF or a value out of range.
 */
int tapi_cid_tx_set_preamble(struct tapi_cid_tx_state *s,
			     unsigned int seizure_bits, unsigned int mark_bits)
{
	if (!cid_tx_is_fsk(s) || seizure_bits > PREAMBLE_MAX || !mark_bits ||
	    mark_bits > PREAMBLE_MAX)
		return -EINVAL;
	s->seizure_bits = seizure_bits;
	s->mark_bits = mark_bits;
	return 0;
}
TAPI_DSP_EXPORT(tapi_cid_tx_set_preamble);

/**
 * tapi_cid_tx() - generate the next samples of the transmission
 * @s: transmitter state from tapi_cid_tx_init()
 * @amp: where to write
 * @n: samples wanted
 *
 * Return: @n while the transmission lasts, fewer at its end, then 0;
 * -EINVAL if @amp is NULL or @n negative.
 */
int tapi_cid_tx(struct tapi_cid_tx_state *s, int16_t *amp, int n)
{
	if (!amp || n < 0)
		return -EINVAL;
	if (!s->len)
		return 0;
	if (cid_tx_is_fsk(s))
		return tapi_fsk_tx(&s->fsk, amp, n);
	return tapi_dtmf_tx(&s->dtmf, amp, n);
}
TAPI_DSP_EXPORT(tapi_cid_tx);
