// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: caller ID receiver.
 *
 * FSK: the demodulated bits go through an asynchronous character
 * receiver.  A message may begin only after at least 40 mark bits (the
 * mark signal is 180 bits, 80 for call waiting; the channel seizure
 * before it is ignored) ending in a steady mark tone, so neither noise
 * nor speech starts messages.  The first byte after the marks is the
 * message type: one of the caller ID and message waiting types, else it
 * was no message.  The second byte is the length; with the checksum the
 * message is complete and parsed.  Each message begun is reported once:
 * parsed, or as an error (bad checksum, framing error, carrier lost
 * before the end).
 *
 * DTMF: digits are collected from a start marker (A, B, D, or a digit
 * for the "<number>#" variant) to the end marker (C or #).  A message
 * begun with a marker and silent for 3 s is reported as an error; digits
 * without a marker are forgotten.
 */
#include "callerid.h"

#define MARKS_BEFORE_MESSAGE	40
#define DTMF_TIMEOUT_SAMPLES	(3 * 8000)

static void cid_report(struct tapi_cid_rx_state *s,
		       const struct tapi_cid_info *info, int err)
{
	if (s->fn)
		s->fn(s->user, info, err);
}

/* Telcordia GR-30 and ETSI EN 300 659-3 message types. */
static bool cid_known_type(uint8_t type)
{
	switch (type) {
	case 0x04:	/* SDMF caller ID */
	case 0x06:	/* SDMF message waiting */
	case 0x80:	/* MDMF caller ID, ETSI call set-up */
	case 0x82:	/* MDMF / ETSI message waiting */
	case 0x86:	/* ETSI advice of charge */
	case 0x89:	/* ETSI short message service */
		return true;
	}
	return false;
}

/* Forget the message; report it if one had begun. */
static void cid_fsk_reset(struct tapi_cid_rx_state *s, bool report)
{
	if (report && s->f.len)
		cid_report(s, NULL, -EBADMSG);
	s->f.len = 0;
	s->f.bit = 0;
	s->f.marks = 0;
	s->f.armed = false;
}

static void cid_fsk_message(struct tapi_cid_rx_state *s)
{
	struct tapi_cid_info info;
	int err = tapi_cid_decode(s->std, s->f.msg, s->f.len, &info);

	cid_report(s, err ? NULL : &info, err);
	cid_fsk_reset(s, false);
}

static void cid_fsk_put_bit(void *user, int b)
{
	struct tapi_cid_rx_state *s = user;

	if (b == TAPI_FSK_CARRIER_UP || b == TAPI_FSK_CARRIER_DOWN) {
		cid_fsk_reset(s, true);
		return;
	}
	if (s->f.bit == 0) {		/* between characters */
		if (b) {
			if (s->f.marks < 0xffff)
				s->f.marks++;
			if (s->f.marks >= MARKS_BEFORE_MESSAGE &&
			    tapi_fsk_rx_mark_heard(&s->f.fsk))
				s->f.armed = true;
		} else if (s->f.armed) {
			s->f.bit = 1;	/* a start bit */
			s->f.byte = 0;
		} else {
			s->f.marks = 0;	/* seizure or noise */
		}
		return;
	}
	if (s->f.bit <= 8) {
		s->f.byte |= (b ? 1 : 0) << (s->f.bit - 1);
		s->f.bit++;
		return;
	}
	if (!b) {			/* no stop bit */
		cid_fsk_reset(s, true);
		return;
	}
	s->f.bit = 0;
	if (!s->f.len && !cid_known_type(s->f.byte)) {
		cid_fsk_reset(s, false);	/* not a message after all */
		return;
	}
	s->f.msg[s->f.len++] = s->f.byte;
	if (s->f.len >= 2 && s->f.len == s->f.msg[1] + 3)
		cid_fsk_message(s);
}

static void cid_dtmf_reset(struct tapi_cid_rx_state *s, bool report)
{
	if (report && s->d.len && !(s->d.msg[0] >= '0' && s->d.msg[0] <= '9'))
		cid_report(s, NULL, -EBADMSG);
	s->d.len = 0;
}

static void cid_dtmf_digit(void *user, char digit, bool end,
			   unsigned int duration_ms)
{
	struct tapi_cid_rx_state *s = user;
	struct tapi_cid_info info;
	int err;

	if (end)
		return;
	s->d.idle = 0;
	if (!s->d.len && digit != 'A' && digit != 'B' && digit != 'D' &&
	    !(digit >= '0' && digit <= '9'))
		return;		/* not the start of a message */
	if (s->d.len == sizeof(s->d.msg)) {
		cid_dtmf_reset(s, true);
		return;
	}
	s->d.msg[s->d.len++] = digit;
	if (digit != 'C' && digit != '#')
		return;
	err = tapi_cid_decode(s->std, (const uint8_t *)s->d.msg, s->d.len,
			      &info);
	cid_report(s, err ? NULL : &info, err);
	cid_dtmf_reset(s, false);
}

/**
 * tapi_cid_rx_init() - prepare a caller ID receiver
 * @s: receiver state
 * @std: TAPI_CID_BELL_SDMF or TAPI_CID_BELL_MDMF (Bell 202, any message
 *	type), TAPI_CID_ETSI_FSK (V.23), TAPI_CID_DTMF or TAPI_CID_DTMF_D
 *	(every DTMF variant)
 * @fn: called with each message received, or its error
 * @user: passed to @fn
 *
 * Return: 0, or -EINVAL for an unknown standard.
 */
int tapi_cid_rx_init(struct tapi_cid_rx_state *s, enum tapi_cid_standard std,
		     tapi_cid_fn fn, void *user)
{
	memset(s, 0, sizeof(*s));
	s->fn = fn;
	s->user = user;
	s->std = std;
	switch (std) {
	case TAPI_CID_BELL_SDMF:
	case TAPI_CID_BELL_MDMF:
		return tapi_fsk_rx_init(&s->f.fsk, TAPI_FSK_BELL202,
					cid_fsk_put_bit, s);
	case TAPI_CID_ETSI_FSK:
		return tapi_fsk_rx_init(&s->f.fsk, TAPI_FSK_V23,
					cid_fsk_put_bit, s);
	case TAPI_CID_DTMF:
	case TAPI_CID_DTMF_D:
		tapi_dtmf_rx_init(&s->d.dtmf, cid_dtmf_digit, s);
		return 0;
	}
	s->std = 0;
	return -EINVAL;
}
TAPI_DSP_EXPORT(tapi_cid_rx_init);

/**
 * tapi_cid_rx() - feed audio to the receiver
 * @s: receiver state from tapi_cid_rx_init()
 * @amp: 8 kHz 16-bit linear samples
 * @n: number of samples, any block size
 *
 * Messages are reported through the callback as they complete.
 */
void tapi_cid_rx(struct tapi_cid_rx_state *s, const int16_t *amp, int n)
{
	if (!amp || n <= 0)
		return;
	switch (s->std) {
	case TAPI_CID_BELL_SDMF:
	case TAPI_CID_BELL_MDMF:
	case TAPI_CID_ETSI_FSK:
		tapi_fsk_rx(&s->f.fsk, amp, n);
		break;
	case TAPI_CID_DTMF:
	case TAPI_CID_DTMF_D:
		tapi_dtmf_rx(&s->d.dtmf, amp, n);
		if (!s->d.len)
			break;
		s->d.idle += n;
		if (s->d.idle > DTMF_TIMEOUT_SAMPLES)
			cid_dtmf_reset(s, true);
		break;
	}
}
TAPI_DSP_EXPORT(tapi_cid_rx);
