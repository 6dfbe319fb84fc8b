/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: caller ID (calling line identity) generation and
 * decoding.
 *
 *  - Telcordia GR-30 (Bellcore): Bell 202 FSK, single data message format
 *    (SDMF, type 0x04: date/time and number) and multiple data message
 *    format (MDMF, type 0x80: parameters date/time 0x01, number 0x02,
 *    reason for no number 0x04, name 0x07, reason for no name 0x08).
 *  - ETSI EN 300 659-1/-3: V.23 FSK, call set-up message 0x80 with the
 *    same parameter codes.
 *  - DTMF caller ID (EN 300 659-1 annex B and national variants):
 *    "A<number>C", "B00C" (number unavailable), "B10C" (withheld),
 *    "D<number>C" (Taiwan), "A<number>#", "D1#"/"D2#"/"D3#", "<number>#".
 *
 * An FSK transmission is a channel seizure (300 bits of alternating 0 and
 * 1), a mark signal (180 bits of 1), the message (type, length, data,
 * checksum: the two's complement of the modulo-256 sum of the rest), each
 * byte sent as start bit, 8 data bits LSB first, stop bit.
 *
 * Shaped like spandsp's adsi.h: state structs, _init, _tx(s, amp, n),
 * _rx(s, amp, n) and a callback with each message received.
 */
#ifndef _TAPI_DSP_CALLERID_H
#define _TAPI_DSP_CALLERID_H

#include "dsp_types.h"
#include "dtmf.h"
#include "fsk.h"

enum tapi_cid_standard {
	TAPI_CID_BELL_SDMF = 1,	/* Bell 202, SDMF (sent); any type received */
	TAPI_CID_BELL_MDMF = 2,	/* Bell 202, MDMF (sent); any type received */
	TAPI_CID_ETSI_FSK = 3,	/* V.23, ETSI call set-up message */
	TAPI_CID_DTMF = 4,	/* DTMF, "A<number>C" / "B..C" (received: all) */
	TAPI_CID_DTMF_D = 5,	/* DTMF, "D<number>C" (received: all) */
};

#define TAPI_CID_NUMBER_MAX	20	/* digits (ETSI: 20; SDMF sends 10) */
#define TAPI_CID_NAME_MAX	50	/* characters (ETSI: 50) */
/* Message types (first byte) */
#define TAPI_CID_MSG_SDMF	0x04
#define TAPI_CID_MSG_MDMF	0x80	/* Telcordia MDMF, ETSI call set-up */
/* Reasons for absence (Telcordia and ETSI alike) */
#define TAPI_CID_ABSENT_PRIVATE		'P'	/* withheld by the caller */
#define TAPI_CID_ABSENT_UNAVAILABLE	'O'	/* out of area, unavailable */

/* Default sending levels, dBm0 */
#define TAPI_CID_FSK_LEVEL	(-13)
#define TAPI_CID_DTMF_LEVEL	(-10)

/**
 * struct tapi_cid_info - one caller ID message, parsed
 * @msg_type: TAPI_CID_MSG_SDMF, TAPI_CID_MSG_MDMF, other FSK types as
 *	received; 0 for DTMF
 * @has_datetime: @month, @day, @hour, @minute are valid
 * @month: 1..12
 * @day: 1..31
 * @hour: 0..23
 * @minute: 0..59
 * @number_absent: 0, or why there is no number: TAPI_CID_ABSENT_PRIVATE
 *	or TAPI_CID_ABSENT_UNAVAILABLE
 * @name_absent: the same for the name
 * @number: the calling number, NUL-terminated, "" if none
 * @name: the calling name, NUL-terminated, "" if none (characters
 *	outside printable ASCII are received as '?')
 */
struct tapi_cid_info {
	uint8_t msg_type;
	bool has_datetime;
	uint8_t month;
	uint8_t day;
	uint8_t hour;
	uint8_t minute;
	char number_absent;
	char name_absent;
	char number[TAPI_CID_NUMBER_MAX + 1];
	char name[TAPI_CID_NAME_MAX + 1];
};

/* Largest encoded message: FSK bytes or DTMF digits. */
#define TAPI_CID_MSG_MAX	96
/* Largest FSK message received: type, length up to 255, checksum. */
#define TAPI_CID_RX_MAX		258

int tapi_cid_encode(enum tapi_cid_standard std,
		    const struct tapi_cid_info *info, uint8_t *msg, int max);
int tapi_cid_decode(enum tapi_cid_standard std, const uint8_t *msg, int len,
		    struct tapi_cid_info *info);

/* Transmitter state, embedded by its user. */
struct tapi_cid_tx_state {
	uint8_t std;
	uint8_t len;			/* bytes or digits in msg */
	uint8_t msg[TAPI_CID_MSG_MAX];
	/* FSK: bits still to send of each part */
	uint16_t seizure_bits;
	uint16_t mark_bits;
	uint16_t byte;			/* next byte of msg */
	uint8_t bit;			/* next bit of it: 0 start .. 9 stop */
	uint8_t post_bits;		/* marks after the checksum */
	union {
		struct tapi_fsk_tx_state fsk;
		struct tapi_dtmf_tx_state dtmf;
	};
};

int tapi_cid_tx_init(struct tapi_cid_tx_state *s, enum tapi_cid_standard std,
		     const struct tapi_cid_info *info, int level_dbm0);
int tapi_cid_tx_set_preamble(struct tapi_cid_tx_state *s,
			     unsigned int seizure_bits, unsigned int mark_bits);
int tapi_cid_tx(struct tapi_cid_tx_state *s, int16_t *amp, int n);

/**
 * typedef tapi_cid_fn - a caller ID message received
 * @user: the pointer given to tapi_cid_rx_init()
 * @info: the message, or NULL when @err is not 0
 * @err: 0; -EBADMSG for a message with a bad checksum, a framing error,
 *	lost carrier or (DTMF) no end marker; -EPROTO for a message whose
 *	checksum is right but whose contents do not parse
 */
typedef void (*tapi_cid_fn)(void *user, const struct tapi_cid_info *info,
			    int err);

/* Receiver state, embedded by its user. */
struct tapi_cid_rx_state {
	tapi_cid_fn fn;
	void *user;
	uint8_t std;
	union {
		struct {
			struct tapi_fsk_rx_state fsk;
			uint16_t marks;		/* consecutive mark bits */
			uint16_t len;		/* bytes in msg */
			uint8_t bit;		/* 0: waiting for a start bit */
			uint8_t byte;		/* being received */
			bool armed;		/* mark signal heard */
			uint8_t msg[TAPI_CID_RX_MAX];
		} f;
		struct {
			struct tapi_dtmf_rx_state dtmf;
			uint32_t idle;		/* samples since the last digit */
			uint8_t len;
			char msg[TAPI_CID_MSG_MAX];
		} d;
	};
};

int tapi_cid_rx_init(struct tapi_cid_rx_state *s, enum tapi_cid_standard std,
		     tapi_cid_fn fn, void *user);
void tapi_cid_rx(struct tapi_cid_rx_state *s, const int16_t *amp, int n);

#endif /* _TAPI_DSP_CALLERID_H */
