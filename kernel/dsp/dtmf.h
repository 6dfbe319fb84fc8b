/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: DTMF receiver and generator (ITU-T Q.23/Q.24).
 *
 * This header is the contract the core and the drivers build on; see
 * dtmf_rx.c and dtmf_tx.c for the algorithms and the limits they meet.
 */
#ifndef _TAPI_DSP_DTMF_H
#define _TAPI_DSP_DTMF_H

#include "dsp_types.h"
#include "osc.h"

/**
 * typedef tapi_dtmf_digit_fn - digit report from the receiver
 * @user: the pointer given to tapi_dtmf_rx_init()
 * @digit: '0'-'9', '*', '#', 'A'-'D'
 * @end: false when the digit starts, true when it ends
 * @duration_ms: when @end, how long the digit lasted; 0 at the start
 *
 * Called from inside tapi_dtmf_rx(), once at the start and once at the
 * end of each key press.
 */
typedef void (*tapi_dtmf_digit_fn)(void *user, char digit, bool end,
				   unsigned int duration_ms);

/* Goertzel filters: 4 row (low group) and 4 column (high group) tones. */
#define TAPI_DTMF_TONES		8

/* Per-channel receiver state, embedded by its user (kept small). */
struct tapi_dtmf_rx_state {
	tapi_dtmf_digit_fn fn;
	void *user;
	int32_t v1[TAPI_DTMF_TONES];	/* Goertzel filter states */
	int32_t v2[TAPI_DTMF_TONES];
	int64_t energy;			/* sum of squares in this block */
	uint32_t digit_samples;		/* length of the digit being reported */
	uint16_t block_fill;		/* samples in this block so far */
	uint8_t last_hit;		/* digit of the previous block, 0: none */
	uint8_t digit;			/* digit being reported, 0: none */
	uint8_t misses;			/* blocks since the digit was last seen */
};

void tapi_dtmf_rx_init(struct tapi_dtmf_rx_state *s, tapi_dtmf_digit_fn fn,
		       void *user);
/* Feed any number of 8 kHz 16-bit linear samples, from 1 up. */
void tapi_dtmf_rx(struct tapi_dtmf_rx_state *s, const int16_t *amp, int n);

/* Digits the generator can queue: one full TAPI_IOC_DIAL string. */
#define TAPI_DTMF_TX_QUEUE	64

/* Per-channel generator state, embedded by its user. */
struct tapi_dtmf_tx_state {
	struct tapi_osc_state low;	/* row tone */
	struct tapi_osc_state high;	/* column tone */
	uint32_t left;			/* samples left in this tone or pause */
	uint16_t on_samples;
	uint16_t off_samples;
	int16_t level_cdbm0;		/* per tone */
	uint8_t head;			/* next digit in queue[] */
	uint8_t count;			/* digits queued */
	bool in_tone;			/* in a tone, not in a pause */
	char queue[TAPI_DTMF_TX_QUEUE];
};

/* on_ms/off_ms/level_dbm0 as in struct tapi_dial, 0 for defaults. */
void tapi_dtmf_tx_init(struct tapi_dtmf_tx_state *s, unsigned int on_ms,
		       unsigned int off_ms, int level_dbm0);
/* Queue digits; -EINVAL on a non-DTMF character (nothing queued), -ENOSPC. */
int tapi_dtmf_tx_put(struct tapi_dtmf_tx_state *s, const char *digits);
/*
 * Write up to n samples of the queued digits and pauses into amp.
 * Returns the number written (n while digits remain, fewer at the end of
 * the queue, 0 when idle).
 */
int tapi_dtmf_tx(struct tapi_dtmf_tx_state *s, int16_t *amp, int n);
bool tapi_dtmf_tx_busy(const struct tapi_dtmf_tx_state *s);

#endif /* _TAPI_DSP_DTMF_H */
