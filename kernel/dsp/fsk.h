/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: 1200 baud FSK modulator and demodulator for caller ID,
 * Bell 202 (mark 1200 Hz, space 2200 Hz; Telcordia GR-30) and ITU-T V.23
 * forward channel (mark 1300 Hz, space 2100 Hz; ETSI EN 300 659-1).
 *
 * Shaped like spandsp's fsk.h: the modulator pulls bits from a callback,
 * the demodulator pushes bits (and carrier changes) to one.  Both take
 * any block size.
 */
#ifndef _TAPI_DSP_FSK_H
#define _TAPI_DSP_FSK_H

#include "dsp_types.h"
#include "osc.h"

enum tapi_fsk_modem {
	TAPI_FSK_BELL202 = 0,
	TAPI_FSK_V23 = 1,
};

#define TAPI_FSK_BAUD		1200
/* Correlator length in samples: one bit (6.67 samples), rounded up. */
#define TAPI_FSK_WINDOW		7

/* tapi_fsk_put_bit_fn special values */
#define TAPI_FSK_CARRIER_UP	(-1)
#define TAPI_FSK_CARRIER_DOWN	(-2)

/**
 * typedef tapi_fsk_get_bit_fn - next bit for the modulator
 * @user: the pointer given to tapi_fsk_tx_init()
 *
 * Return: 1 (mark) or 0 (space); negative when there are no more bits,
 * which ends the transmission.
 */
typedef int (*tapi_fsk_get_bit_fn)(void *user);

/**
 * typedef tapi_fsk_put_bit_fn - demodulated bit
 * @user: the pointer given to tapi_fsk_rx_init()
 * @bit: 1 (mark), 0 (space), TAPI_FSK_CARRIER_UP or TAPI_FSK_CARRIER_DOWN
 *
 * Bits come at the baud rate while a carrier is present, sampled in the
 * middle of each bit; the clock follows the bit edges.
 */
typedef void (*tapi_fsk_put_bit_fn)(void *user, int bit);

/* Modulator state, embedded by its user. */
struct tapi_fsk_tx_state {
	struct tapi_osc_state osc;	/* phase-continuous carrier */
	tapi_fsk_get_bit_fn get_bit;
	void *user;
	uint32_t freq_chz[2];		/* space, mark */
	uint16_t baud_phase;		/* 0..TAPI_OSC_RATE: next bit at the top */
	bool done;
};

int tapi_fsk_tx_init(struct tapi_fsk_tx_state *s, enum tapi_fsk_modem modem,
		     int level_dbm0, tapi_fsk_get_bit_fn get_bit, void *user);
int tapi_fsk_tx(struct tapi_fsk_tx_state *s, int16_t *amp, int n);

/* Demodulator state, embedded by its user. */
struct tapi_fsk_rx_state {
	tapi_fsk_put_bit_fn put_bit;
	void *user;
	uint32_t lo_phase[2];		/* local oscillators: space, mark */
	uint32_t lo_step[2];
	/* Last TAPI_FSK_WINDOW correlator products and their sums: I, Q. */
	int16_t prod[2][2][TAPI_FSK_WINDOW];
	int32_t sum[2][2];
	uint8_t pos;			/* oldest product in prod[] */
	uint8_t decision;		/* mark (1) or space (0) now */
	bool carrier;
	uint8_t carrier_count;		/* samples beyond the other threshold */
	uint16_t baud_phase;		/* 0..TAPI_OSC_RATE: bit middle at half */
	uint16_t since_edge;		/* samples since the last bit edge */
	/* Mark tone purity over 20 ms blocks: coherent sums, energy. */
	int32_t block_sum[2];
	uint64_t block_energy;
	uint8_t block_fill;
	uint16_t mark_age;		/* samples since a pure-mark block */
};

int tapi_fsk_rx_init(struct tapi_fsk_rx_state *s, enum tapi_fsk_modem modem,
		     tapi_fsk_put_bit_fn put_bit, void *user);
void tapi_fsk_rx(struct tapi_fsk_rx_state *s, const int16_t *amp, int n);
bool tapi_fsk_rx_mark_heard(const struct tapi_fsk_rx_state *s);

#endif /* _TAPI_DSP_FSK_H */
