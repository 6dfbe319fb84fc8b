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
/* Analysis block: 40 samples, 5 ms, the receiver's time resolution. */
#define TAPI_DTMF_BLOCK		40
/* Blocks combined coherently into one 20 ms analysis window. */
#define TAPI_DTMF_WINDOW	4
/* Block energies kept for the duration estimate: 40 ms. */
#define TAPI_DTMF_HISTORY	8

/*
 * Per-channel receiver state, embedded by its user (416 bytes on 64-bit;
 * see dtmf_rx.c for the meaning of the analysis values).
 */
struct tapi_dtmf_rx_state {
	tapi_dtmf_digit_fn fn;
	void *user;
	/* Each tone's complex amplitude in the last TAPI_DTMF_WINDOW blocks. */
	int32_t y_re[TAPI_DTMF_WINDOW][TAPI_DTMF_TONES];
	int32_t y_im[TAPI_DTMF_WINDOW][TAPI_DTMF_TONES];
	/* Energy of the last TAPI_DTMF_HISTORY blocks, sum of squares / 32. */
	uint32_t energy[TAPI_DTMF_HISTORY];
	/* Digit being reported: its tone powers when it started, / 256. */
	uint32_t ref_row;
	uint32_t ref_col;
	uint32_t on_samples;		/* its length up to the last block heard */
	uint32_t edge_samples;		/* its part of the first block missed */
	int16_t buf[TAPI_DTMF_BLOCK];	/* samples of the block being filled */
	int16_t prev;			/* last sample of the previous block */
	uint8_t fill;			/* samples in buf */
	uint8_t newest;			/* y_re/y_im row of the newest block */
	uint8_t newest_energy;		/* energy[] entry of the newest block */
	uint8_t digit;			/* key index + 1 being reported, 0: none */
	uint8_t absent;			/* blocks since the digit was last heard */
	bool vetoed;			/* this tone failed the twist test */
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
