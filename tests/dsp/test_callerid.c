// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Caller ID: message building and parsing (Telcordia SDMF/MDMF, ETSI
 * call set-up, DTMF variants), checksum validation, the FSK modem, round
 * trips through audio with level, noise, G.711, speed and block-size
 * variations, and the independent cross-check with spandsp: our signals
 * decoded by its ADSI receiver, its ADSI transmitter's decoded by ours.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

#include "callerid.h"
#include "testsig.h"

static const char *const std_names[] = {
	[TAPI_CID_BELL_SDMF] = "Bell SDMF", [TAPI_CID_BELL_MDMF] = "Bell MDMF",
	[TAPI_CID_ETSI_FSK] = "ETSI FSK", [TAPI_CID_DTMF] = "DTMF A..C",
	[TAPI_CID_DTMF_D] = "DTMF D..C",
};

static bool std_is_fsk(int std)
{
	return std == TAPI_CID_BELL_SDMF || std == TAPI_CID_BELL_MDMF ||
	       std == TAPI_CID_ETSI_FSK;
}

static struct tapi_cid_info make_info(const char *number, char number_absent,
				      const char *name, char name_absent,
				      int month, int day, int hour, int minute)
{
	struct tapi_cid_info info = {
		.number_absent = number_absent, .name_absent = name_absent,
		.has_datetime = month != 0, .month = month, .day = day,
		.hour = hour, .minute = minute,
	};

	strcpy(info.number, number);
	strcpy(info.name, name);
	return info;
}

/* What a format carries of info: what must come back. */
static struct tapi_cid_info carried(int std, const struct tapi_cid_info *in)
{
	struct tapi_cid_info out = *in;

	out.msg_type = std == TAPI_CID_BELL_SDMF ? TAPI_CID_MSG_SDMF :
		       std_is_fsk(std) ? TAPI_CID_MSG_MDMF : 0;
	if (!std_is_fsk(std)) {
		out.has_datetime = false;
		out.month = out.day = out.hour = out.minute = 0;
		out.name[0] = '\0';
		out.name_absent = 0;
	}
	return out;
}

static void assert_info_eq(const struct tapi_cid_info *a,
			   const struct tapi_cid_info *b, const char *what)
{
	ck_assert_msg(a->msg_type == b->msg_type, "%s: type %#x, not %#x",
		      what, a->msg_type, b->msg_type);
	ck_assert_msg(!strcmp(a->number, b->number), "%s: number '%s' not '%s'",
		      what, a->number, b->number);
	ck_assert_msg(!strcmp(a->name, b->name), "%s: name '%s' not '%s'",
		      what, a->name, b->name);
	ck_assert_msg(a->number_absent == b->number_absent &&
		      a->name_absent == b->name_absent, "%s: absence", what);
	ck_assert_msg(a->has_datetime == b->has_datetime &&
		      a->month == b->month && a->day == b->day &&
		      a->hour == b->hour && a->minute == b->minute,
		      "%s: date/time", what);
}

/* ---------------------------------------------------------------- */
/* Messages                                                         */

static uint8_t checksum(const uint8_t *m, int len)
{
	unsigned int sum = 0;
	int i;

	for (i = 0; i < len; i++)
		sum += m[i];
	return (uint8_t)(256 - (sum & 0xff));
}

START_TEST(test_cid_encode_sdmf)
{
	struct tapi_cid_info in = make_info("5551234567", 0, "", 0, 3, 14, 15, 9);
	/* Telcordia GR-30: type, length, MMDDHHMM, number, checksum */
	uint8_t want[] = { 0x04, 18, '0', '3', '1', '4', '1', '5', '0', '9',
			   '5', '5', '5', '1', '2', '3', '4', '5', '6', '7', 0 };
	uint8_t msg[TAPI_CID_MSG_MAX];

	want[20] = checksum(want, 20);
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_BELL_SDMF, &in, msg,
					 sizeof(msg)), sizeof(want));
	ck_assert_mem_eq(msg, want, sizeof(want));

	/* withheld: 'P' in place of the number */
	in = make_info("", 'P', "", 0, 12, 31, 23, 59);
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_BELL_SDMF, &in, msg,
					 sizeof(msg)), 12);
	ck_assert_int_eq(msg[1], 9);
	ck_assert_mem_eq(msg + 2, "12312359P", 9);
	ck_assert_int_eq(msg[11], checksum(msg, 11));
}
END_TEST

START_TEST(test_cid_encode_mdmf)
{
	struct tapi_cid_info in = make_info("0123456789", 0, "Bob", 0,
					    1, 2, 3, 4);
	uint8_t want[] = { 0x80, 27, 0x01, 8, '0', '1', '0', '2', '0', '3', '0',
			   '4', 0x02, 10, '0', '1', '2', '3', '4', '5', '6',
			   '7', '8', '9', 0x07, 3, 'B', 'o', 'b', 0 };
	uint8_t msg[TAPI_CID_MSG_MAX];
	int std;

	want[sizeof(want) - 1] = checksum(want, sizeof(want) - 1);
	/* Telcordia MDMF and the ETSI call set-up message are the same */
	for (std = TAPI_CID_BELL_MDMF; std <= TAPI_CID_ETSI_FSK; std++) {
		ck_assert_int_eq(tapi_cid_encode(std, &in, msg, sizeof(msg)),
				 sizeof(want));
		ck_assert_mem_eq(msg, want, sizeof(want));
	}
	/* reasons for absence: parameters 0x04 and 0x08 */
	in = make_info("", 'O', "", 'P', 0, 0, 0, 0);
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_ETSI_FSK, &in, msg,
					 sizeof(msg)), 9);
	ck_assert_mem_eq(msg, ((uint8_t[]){ 0x80, 6, 0x04, 1, 'O', 0x08, 1, 'P' }),
			 8);
	ck_assert_int_eq(msg[8], checksum(msg, 8));
}
END_TEST

START_TEST(test_cid_encode_dtmf)
{
	struct tapi_cid_info in = make_info("0612345678", 0, "", 0, 0, 0, 0, 0);
	uint8_t msg[TAPI_CID_MSG_MAX];

	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_DTMF, &in, msg, sizeof(msg)), 12);
	ck_assert_mem_eq(msg, "A0612345678C", 12);
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_DTMF_D, &in, msg, sizeof(msg)),
			 12);
	ck_assert_mem_eq(msg, "D0612345678C", 12);
	in = make_info("", 'P', "", 0, 0, 0, 0, 0);
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_DTMF, &in, msg, sizeof(msg)), 4);
	ck_assert_mem_eq(msg, "B10C", 4);
	in.number_absent = 'O';
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_DTMF, &in, msg, sizeof(msg)), 4);
	ck_assert_mem_eq(msg, "B00C", 4);
	/* the D form has no code for an absent number */
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_DTMF_D, &in, msg, sizeof(msg)),
			 -EINVAL);
}
END_TEST

START_TEST(test_cid_encode_errors)
{
	struct tapi_cid_info in = make_info("5551234567", 0, "", 0, 3, 14, 15, 9);
	struct tapi_cid_info bad;
	uint8_t msg[TAPI_CID_MSG_MAX];
	int std;

	/* SDMF: date required, no name, at most 10 digits */
	bad = in;
	bad.has_datetime = false;
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_BELL_SDMF, &bad, msg, 96), -EINVAL);
	bad = in;
	strcpy(bad.name, "X");
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_BELL_SDMF, &bad, msg, 96), -EINVAL);
	bad = in;
	strcpy(bad.number, "12345678901");
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_BELL_SDMF, &bad, msg, 96), -EINVAL);
	ck_assert_int_gt(tapi_cid_encode(TAPI_CID_BELL_MDMF, &bad, msg, 96), 0);
	for (std = TAPI_CID_BELL_SDMF; std <= TAPI_CID_DTMF_D; std++) {
		/* a number and a reason for its absence */
		bad = in;
		bad.number_absent = 'P';
		ck_assert_int_eq(tapi_cid_encode(std, &bad, msg, 96), -EINVAL);
		/* reasons are P or O */
		bad = in;
		bad.number[0] = '\0';
		bad.number_absent = 'X';
		ck_assert_int_eq(tapi_cid_encode(std, &bad, msg, 96), -EINVAL);
		/* 21 digits */
		bad = in;
		memset(bad.number, '1', TAPI_CID_NUMBER_MAX);
		bad.number[TAPI_CID_NUMBER_MAX] = '1';
		ck_assert_int_eq(tapi_cid_encode(std, &bad, msg, 96), -EINVAL);
		/* 13th month (even where the date is not sent) */
		bad = in;
		bad.month = 13;
		ck_assert_int_eq(tapi_cid_encode(std, &bad, msg, 96), -EINVAL);
		/* too little room */
		ck_assert_int_eq(tapi_cid_encode(std, &in, msg, 5), -ENOSPC);
		ck_assert_int_eq(tapi_cid_encode(std, NULL, msg, 96), -EINVAL);
	}
	/* DTMF carries digits only */
	bad = in;
	strcpy(bad.number, "555*123");
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_DTMF, &bad, msg, 96), -EINVAL);
	ck_assert_int_eq(tapi_cid_encode(99, &in, msg, 96), -EINVAL);
	/* nothing to send */
	bad = make_info("", 0, "", 0, 0, 0, 0, 0);
	ck_assert_int_eq(tapi_cid_encode(TAPI_CID_ETSI_FSK, &bad, msg, 96), -EINVAL);
}
END_TEST

/* Every single bit error in a message is caught by the checksum. */
START_TEST(test_cid_decode_checksum)
{
	struct tapi_cid_info in = make_info("5551234567", 0, "Carol", 0,
					    6, 30, 8, 45);
	struct tapi_cid_info out, want;
	uint8_t msg[TAPI_CID_MSG_MAX], bad[TAPI_CID_MSG_MAX];
	int len, i, b, std;

	for (std = TAPI_CID_BELL_SDMF; std <= TAPI_CID_ETSI_FSK; std++) {
		if (std == TAPI_CID_BELL_SDMF)
			in.name[0] = '\0';
		len = tapi_cid_encode(std, &in, msg, sizeof(msg));
		ck_assert_int_gt(len, 0);
		ck_assert_int_eq(tapi_cid_decode(std, msg, len, &out), 0);
		want = carried(std, &in);
		assert_info_eq(&out, &want, "decoded");
		for (i = 0; i < len; i++)
			for (b = 0; b < 8; b++) {
				memcpy(bad, msg, len);
				bad[i] ^= 1 << b;
				ck_assert_int_eq(tapi_cid_decode(std, bad, len,
								 &out), -EBADMSG);
				/* nothing half-parsed left behind */
				ck_assert_str_eq(out.number, "");
				ck_assert_int_eq(out.has_datetime, 0);
			}
		/* cut short, or with a byte too many */
		ck_assert_int_eq(tapi_cid_decode(std, msg, len - 1, &out), -EBADMSG);
		msg[len] = 0;
		ck_assert_int_eq(tapi_cid_decode(std, msg, len + 1, &out), -EBADMSG);
	}
}
END_TEST

/* A right checksum over wrong contents: -EPROTO. */
START_TEST(test_cid_decode_malformed)
{
	/* number parameter claiming 9 bytes where 3 are left */
	uint8_t overrun[] = { 0x80, 5, 0x02, 9, '1', '2', '3', 0 };
	/* date with a 13th month */
	uint8_t month13[] = { 0x80, 10, 0x01, 8, '1', '3', '0', '1', '0', '0',
			      '0', '0', 0 };
	/* unknown parameters are skipped, odd characters become '?' */
	uint8_t extra[] = { 0x80, 8, 0x11, 1, 0x01, 0x07, 3, 'A', 0x01, 'B', 0 };
	struct tapi_cid_info out;

	overrun[7] = checksum(overrun, 7);
	month13[12] = checksum(month13, 12);
	extra[10] = checksum(extra, 10);
	ck_assert_int_eq(tapi_cid_decode(TAPI_CID_BELL_MDMF, overrun, 8, &out),
			 -EPROTO);
	ck_assert_int_eq(tapi_cid_decode(TAPI_CID_ETSI_FSK, month13, 13, &out),
			 -EPROTO);
	ck_assert_int_eq(tapi_cid_decode(TAPI_CID_ETSI_FSK, extra, 11, &out), 0);
	ck_assert_str_eq(out.name, "A?B");
	ck_assert_int_eq(tapi_cid_decode(TAPI_CID_ETSI_FSK, NULL, 5, &out), -EINVAL);
	ck_assert_int_eq(tapi_cid_decode(TAPI_CID_ETSI_FSK, extra, 11, NULL),
			 -EINVAL);
}
END_TEST

START_TEST(test_cid_decode_dtmf_variants)
{
	static const struct {
		const char *msg;
		int err;
		const char *number;
		char absent;
	} cases[] = {
		{ "A0612345678C", 0, "0612345678", 0 },
		{ "A0612345678#", 0, "0612345678", 0 },
		{ "D0612345678C", 0, "0612345678", 0 },	/* Taiwan */
		{ "0612345678#", 0, "0612345678", 0 },	/* Denmark */
		{ "A0612345678D0201234567C", 0, "0612345678", 0 },
		{ "B10C", 0, "", 'P' },
		{ "B00C", 0, "", 'O' },
		{ "D1#", 0, "", 'P' },
		{ "D2#", 0, "", 'O' },
		{ "D3#", 0, "", 'O' },
		{ "A0612345678", -EBADMSG, "", 0 },	/* no end */
		{ "AC", -EPROTO, "", 0 },		/* no number */
		{ "B20C", -EPROTO, "", 0 },
		{ "A06*12C", -EPROTO, "", 0 },
		{ "A123456789012345678901C", -EPROTO, "", 0 },
	};
	struct tapi_cid_info out;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(tapi_cid_decode(TAPI_CID_DTMF,
					      (const uint8_t *)cases[i].msg,
					      strlen(cases[i].msg), &out) ==
			      cases[i].err, "%s", cases[i].msg);
		ck_assert_str_eq(out.number, cases[i].number);
		ck_assert_int_eq(out.number_absent, cases[i].absent);
	}
}
END_TEST

/* ---------------------------------------------------------------- */
/* Through audio                                                    */

#define REPORTS_MAX 8

struct reports {
	int n;
	int err[REPORTS_MAX];
	struct tapi_cid_info info[REPORTS_MAX];
};

static void report_cb(void *user, const struct tapi_cid_info *info, int err)
{
	struct reports *r = user;

	if (r->n >= REPORTS_MAX)
		return;
	r->err[r->n] = err;
	ck_assert_msg(!err == !!info, "info only with err 0");
	if (info)
		r->info[r->n] = *info;
	r->n++;
}

/* Transmit into a buffer with `lead` and 0.5 s of silence after. */
static int16_t *transmit(struct tapi_cid_tx_state *tx, long lead, long *n)
{
	long cap = lead + 8000 * 6, len = lead;
	int16_t *x = calloc(cap, sizeof(*x));
	int got;

	while ((got = tapi_cid_tx(tx, x + len, testsig_range(1, 300))) > 0) {
		len += got;
		ck_assert_int_lt(len + 300, cap);
	}
	ck_assert_int_eq(tapi_cid_tx(tx, x + len, 10), 0);
	*n = len + 4000;
	return x;
}

static void receive(int std, const int16_t *x, long n, int block,
		    struct reports *r)
{
	struct tapi_cid_rx_state rx;
	long pos = 0;
	int len;

	memset(r, 0, sizeof(*r));
	ck_assert_int_eq(tapi_cid_rx_init(&rx, std, report_cb, r), 0);
	while (pos < n) {
		len = block ? block : testsig_range(1, 400);
		if (len > n - pos)
			len = n - pos;
		tapi_cid_rx(&rx, x + pos, len);
		pos += len;
	}
}

static const struct tapi_cid_info *messages(int i)
{
	static struct tapi_cid_info m[6];

	m[0] = make_info("5551234567", 0, "ALICE SMITH", 0, 3, 14, 15, 9);
	m[1] = make_info("", 'P', "", 'P', 12, 31, 23, 59);
	m[2] = make_info("", 'O', "", 'O', 1, 1, 0, 0);
	m[3] = make_info("00441234567890123456", 0,
			 "Abcdefghij Klmnopqrst Uvwxyz 0123456789 ,.-'&()+/!",
			 0, 7, 4, 12, 30);
	m[4] = make_info("0612345678", 0, "", 'O', 0, 0, 0, 0);
	m[5] = make_info("911", 0, "", 0, 2, 29, 1, 2);
	return &m[i];
}

#define NMESSAGES 6

/* Can the standard send message i at all (SDMF: no names, 10 digits)? */
static bool sendable(int std, const struct tapi_cid_info *m)
{
	uint8_t buf[TAPI_CID_MSG_MAX];

	return tapi_cid_encode(std, m, buf, sizeof(buf)) > 0;
}

struct condition {
	const char *name;
	int level;		/* dBm0 sent */
	double noise;		/* dBm0 added, 0: none */
	double speed;		/* 1.01: 1 % fast */
	char law;
	int block;
};

static const struct condition conditions[] = {
	{ "nominal", 0, 0, 1, 0, 0 },
	{ "-5 dBm0, 1-sample blocks", -5, 0, 1, 0, 1 },
	{ "-30 dBm0, 160-sample blocks", -30, 0, 1, 0, 160 },
	{ "-20 dBm0, noise -45 dBm0, mu-law", -20, -45, 1, 'u', 0 },
	{ "-13 dBm0, noise -33 dBm0 (20 dB SNR), A-law", -13, -33, 1, 'a', 0 },
	{ "1 % fast", 0, 0, 1.01, 0, 0 },
	{ "1 % slow, noise -40 dBm0", 0, -40, 0.99, 0, 8 },
};

START_TEST(test_cid_round_trip)
{
	int std = TAPI_CID_BELL_SDMF + _i;
	struct tapi_cid_tx_state tx;
	struct tapi_cid_info want;
	struct reports r;
	unsigned int c;
	int16_t *x, *y;
	long n, ny;
	int m, level;
	char what[200];

	testsig_seed(500 + _i);
	for (m = 0; m < NMESSAGES; m++) {
		if (!sendable(std, messages(m)))
			continue;
		want = carried(std, messages(m));
		for (c = 0; c < sizeof(conditions) / sizeof(conditions[0]); c++) {
			const struct condition *k = &conditions[c];

			/* DTMF caller ID: per tone, within the DTMF range */
			level = k->level;
			if (!std_is_fsk(std) && level < -25)
				level = -25;
			ck_assert_int_eq(tapi_cid_tx_init(&tx, std, messages(m),
							  level), 0);
			x = transmit(&tx, testsig_range(0, 4000), &n);
			y = testsig_speed(x, n, k->speed, &ny);
			if (k->noise)
				testsig_add_noise(y, ny, k->noise);
			testsig_g711(y, ny, k->law);
			receive(std, y, ny, k->block, &r);
			snprintf(what, sizeof(what), "%s message %d, %s",
				 std_names[std], m, k->name);
			ck_assert_msg(r.n == 1, "%s: %d reports", what, r.n);
			ck_assert_msg(r.err[0] == 0, "%s: error %d", what, r.err[0]);
			assert_info_eq(&r.info[0], &want, what);
			free(x);
			free(y);
		}
	}
}
END_TEST

/* Call-waiting caller ID: no seizure, 80 marks. */
START_TEST(test_cid_short_preamble)
{
	int std = _i ? TAPI_CID_ETSI_FSK : TAPI_CID_BELL_MDMF;
	struct tapi_cid_info want = carried(std, messages(0));
	struct tapi_cid_tx_state tx;
	struct reports r;
	int16_t *x;
	long n;

	ck_assert_int_eq(tapi_cid_tx_init(&tx, std, messages(0), 0), 0);
	ck_assert_int_eq(tapi_cid_tx_set_preamble(&tx, 0, 80), 0);
	ck_assert_int_eq(tapi_cid_tx_set_preamble(&tx, 0, 0), -EINVAL);
	x = transmit(&tx, 800, &n);
	receive(std, x, n, 0, &r);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.err[0], 0);
	assert_info_eq(&r.info[0], &want, "call waiting");
	free(x);
}
END_TEST

/* A damaged message is reported as an error, once, never in part. */
START_TEST(test_cid_bad_checksum_on_air)
{
	int std = TAPI_CID_BELL_SDMF + _i;
	struct tapi_cid_tx_state tx;
	struct reports r;
	int16_t *x;
	long n;

	ck_assert_int_eq(tapi_cid_tx_init(&tx, std, messages(5), 0), 0);
	tx.msg[4] ^= 0x10;		/* a data bit flipped after the sum */
	x = transmit(&tx, 1000, &n);
	testsig_add_noise(x, n, -50);
	receive(std, x, n, 0, &r);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.err[0], -EBADMSG);
	free(x);
}
END_TEST

/* Carrier lost in the middle of the message. */
START_TEST(test_cid_cut_short)
{
	int std = TAPI_CID_BELL_SDMF + _i;
	struct tapi_cid_tx_state tx;
	struct reports r;
	int16_t *x;
	long n, msg_start;

	ck_assert_int_eq(tapi_cid_tx_init(&tx, std, messages(5), 0), 0);
	x = transmit(&tx, 800, &n);
	/* seizure and marks: 480 bits; cut 6 bytes into the message */
	msg_start = 800 + 480 * 8000 / 1200;
	memset(x + msg_start + 60 * 8000 / 1200, 0,
	       (n - msg_start - 60 * 8000 / 1200) * sizeof(*x));
	receive(std, x, n, 0, &r);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.err[0], -EBADMSG);
	free(x);
}
END_TEST

/* DTMF caller ID without its end marker: an error after 3 s. */
START_TEST(test_cid_dtmf_unterminated)
{
	struct tapi_dtmf_tx_state dt;
	struct reports r;
	long n = 6 * 8000;
	int16_t *x = calloc(n, sizeof(*x));

	tapi_dtmf_tx_init(&dt, 70, 70, -10);
	ck_assert_int_eq(tapi_dtmf_tx_put(&dt, "A5551234"), 0);
	tapi_dtmf_tx(&dt, x + 800, n - 800);
	receive(TAPI_CID_DTMF, x, n, 0, &r);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.err[0], -EBADMSG);
	/* digits with no start marker are not a message: nothing */
	memset(x, 0, n * sizeof(*x));
	tapi_dtmf_tx_init(&dt, 70, 70, -10);
	ck_assert_int_eq(tapi_dtmf_tx_put(&dt, "*5551234"), 0);
	tapi_dtmf_tx(&dt, x + 800, n - 800);
	receive(TAPI_CID_DTMF, x, n, 0, &r);
	ck_assert_int_eq(r.n, 0);
	free(x);
}
END_TEST

/* Noise and speech make no messages and no errors. */
START_TEST(test_cid_no_false_messages)
{
	int std = TAPI_CID_BELL_SDMF + _i;
	struct reports r;
	long n = 20 * 8000, ns;
	int16_t *x = calloc(n, sizeof(*x)), *speech;

	testsig_seed(77 + _i);
	testsig_add_noise(x, n, -15);
	receive(std, x, n, 0, &r);
	ck_assert_msg(r.n == 0, "%s: %d reports from noise", std_names[std], r.n);
	speech = testsig_speech("en-us", "Caller ID is sent between the first "
				"and the second ring. One two three four five six "
				"seven eight nine zero.", &ns);
	ck_assert_msg(speech, "espeak-ng and sox are needed (make deps)");
	receive(std, speech, ns, 0, &r);
	ck_assert_msg(r.n == 0, "%s: %d reports from speech", std_names[std],
		      r.n);
	free(speech);
	free(x);
}
END_TEST

START_TEST(test_cid_bad_arguments)
{
	struct tapi_cid_tx_state tx;
	struct tapi_cid_rx_state rx;
	int16_t x[16];

	ck_assert_int_eq(tapi_cid_tx_init(&tx, 42, messages(0), 0), -EINVAL);
	ck_assert_int_eq(tapi_cid_tx(&tx, x, 16), 0);
	ck_assert_int_eq(tapi_cid_tx_init(&tx, TAPI_CID_BELL_MDMF, messages(0),
					  10), -EINVAL);
	ck_assert_int_eq(tapi_cid_tx_init(&tx, TAPI_CID_DTMF, messages(0), 0), 0);
	ck_assert_int_eq(tapi_cid_tx_set_preamble(&tx, 0, 80), -EINVAL);
	ck_assert_int_eq(tapi_cid_tx(&tx, NULL, 16), -EINVAL);
	ck_assert_int_eq(tapi_cid_tx(&tx, x, -1), -EINVAL);
	ck_assert_int_eq(tapi_cid_rx_init(&rx, 0, NULL, NULL), -EINVAL);
	tapi_cid_rx(&rx, x, 16);
	ck_assert_int_eq(tapi_cid_rx_init(&rx, TAPI_CID_ETSI_FSK, NULL, NULL), 0);
	tapi_cid_rx(&rx, NULL, 16);
	tapi_cid_rx(&rx, x, 0);
}
END_TEST

/* ---------------------------------------------------------------- */
/* The FSK modem alone                                              */

struct bits {
	int n, pos, up, down;
	uint8_t b[4096];
};

static int bits_get(void *user)
{
	struct bits *s = user;

	return s->pos < s->n ? s->b[s->pos++] : -1;
}

static void bits_put(void *user, int bit)
{
	struct bits *s = user;

	if (bit == TAPI_FSK_CARRIER_UP)
		s->up++;
	else if (bit == TAPI_FSK_CARRIER_DOWN)
		s->down++;
	else if (s->n < (int)sizeof(s->b))
		s->b[s->n++] = bit;
}

/* Random bits after a training pattern come out as they went in. */
START_TEST(test_fsk_modem_bits)
{
	enum tapi_fsk_modem modem = _i ? TAPI_FSK_V23 : TAPI_FSK_BELL202;
	static const double hz[2][2] = { { 2200, 1200 }, { 2100, 1300 } };
	struct tapi_fsk_tx_state tx;
	struct tapi_fsk_rx_state rx;
	struct bits in = { 0 }, out = { 0 };
	int16_t *x = calloc(8000 * 4, sizeof(*x));
	int len = 800, got, i, off, errors;

	testsig_seed(9 + _i);
	for (i = 0; i < 3000; i++)
		in.b[i] = i < 100 ? i & 1 : i < 150 ? 1 : testsig_rand() & 1;
	in.n = 3000;
	ck_assert_int_eq(tapi_fsk_tx_init(&tx, modem, -13, bits_get, &in), 0);
	while ((got = tapi_fsk_tx(&tx, x + len, 97)) > 0)
		len += got;
	/* exact baud: 3000 bits are 20000 samples */
	ck_assert_int_eq(len - 800, 20000);
	/* continuous phase at -13 dBm0, all power at mark and space */
	ck_assert_double_eq_tol(testsig_level(x + 800, 20000), -13, 0.1);
	/* continuous phase: no step larger than the faster tone's */
	for (i = 801; i < len; i++)
		ck_assert_int_le(abs(x[i] - x[i - 1]),
				 lrint(2 * 5110 * sin(M_PI * hz[_i][0] / 8000) *
				       1.02) + 2);
	testsig_add_noise(x, len + 800, -45);
	ck_assert_int_eq(tapi_fsk_rx_init(&rx, modem, bits_put, &out), 0);
	tapi_fsk_rx(&rx, x, len + 800);
	ck_assert_int_eq(out.up, 1);
	ck_assert_int_eq(out.down, 1);
	/* the last 2800 bits, allowing for a few lost while locking */
	for (off = 0; off < 10; off++) {
		errors = 0;
		for (i = 200; i < 3000; i++)
			errors += i - off >= out.n || out.b[i - off] != in.b[i];
		if (!errors)
			break;
	}
	ck_assert_msg(!errors, "bits differ");
	free(x);
}
END_TEST

/* ---------------------------------------------------------------- */
/* spandsp                                                          */

static int spandsp_standard(int std)
{
	switch (std) {
	case TAPI_CID_BELL_SDMF:
	case TAPI_CID_BELL_MDMF:
		return ADSI_STANDARD_CLASS;
	case TAPI_CID_ETSI_FSK:
		return ADSI_STANDARD_CLIP;
	default:
		return ADSI_STANDARD_CLIP_DTMF;
	}
}

struct span_msgs {
	int n;
	int len[4];
	uint8_t msg[4][256];
};

static void span_put_msg(void *user, const uint8_t *msg, int len)
{
	struct span_msgs *s = user;

	if (s->n < 4 && len >= 0 && len <= 256) {
		memcpy(s->msg[s->n], msg, len);
		s->len[s->n++] = len;
	}
}

/* Ours sent, spandsp's adsi_rx receives exactly the bytes we built. */
START_TEST(test_cid_spandsp_decodes_ours)
{
	int std = TAPI_CID_BELL_SDMF + _i;
	struct tapi_cid_tx_state tx;
	struct span_msgs got;
	adsi_rx_state_t *rx;
	uint8_t want[TAPI_CID_MSG_MAX];
	int m, len, level;
	int16_t *x;
	long n;

	testsig_seed(300 + _i);
	for (m = 0; m < NMESSAGES; m++) {
		if (!sendable(std, messages(m)))
			continue;
		for (level = -5; level >= -25; level -= 10) {
			len = tapi_cid_encode(std, messages(m), want, sizeof(want));
			ck_assert_int_eq(tapi_cid_tx_init(&tx, std, messages(m),
							  level), 0);
			x = transmit(&tx, 800, &n);
			testsig_add_noise(x, n, level - 25);
			memset(&got, 0, sizeof(got));
			rx = adsi_rx_init(NULL, spandsp_standard(std),
					  span_put_msg, &got);
			adsi_rx(rx, x, n);
			adsi_rx_free(rx);
			ck_assert_msg(got.n == 1, "%s message %d at %d dBm0: "
				      "spandsp got %d messages", std_names[std],
				      m, level, got.n);
			/* spandsp delivers FSK messages without the checksum */
			if (std_is_fsk(std))
				len--;
			ck_assert_int_eq(got.len[0], len);
			ck_assert_mem_eq(got.msg[0], want, len);
			free(x);
		}
	}
}
END_TEST

/* spandsp's adsi_tx sends, ours decodes. */
START_TEST(test_cid_ours_decodes_spandsp)
{
	int std = TAPI_CID_BELL_SDMF + _i;
	adsi_tx_state_t *stx;
	struct reports r;
	uint8_t msg[256];
	int len, got, m, level;
	int16_t *x;
	long n;

	testsig_seed(400 + _i);
	x = calloc(8000 * 6, sizeof(*x));
	for (m = 0; m < NMESSAGES; m++) {
		const struct tapi_cid_info *in = messages(m);
		struct tapi_cid_info want = carried(std, in);

		if (!sendable(std, in))
			continue;
		for (level = 0; level < 2; level++) {
			stx = adsi_tx_init(NULL, spandsp_standard(std));
			/* built with spandsp's own field functions */
			if (std == TAPI_CID_BELL_SDMF) {
				uint8_t body[64];

				len = adsi_add_field(stx, msg, -1,
						     CLASS_SDMF_CALLERID, NULL, 0);
				snprintf((char *)body, sizeof(body),
					 "%02d%02d%02d%02d%s", in->month,
					 in->day, in->hour, in->minute,
					 in->number[0] ? in->number :
					 (char[]){ in->number_absent, 0 });
				len = adsi_add_field(stx, msg, len, 0, body,
						     strlen((char *)body));
			} else if (std_is_fsk(std)) {
				char dt[16];

				len = adsi_add_field(stx, msg, -1,
						     CLASS_MDMF_CALLERID, NULL, 0);
				if (in->has_datetime) {
					snprintf(dt, sizeof(dt), "%02d%02d%02d%02d",
						 in->month, in->day, in->hour,
						 in->minute);
					len = adsi_add_field(stx, msg, len,
							     MCLASS_DATETIME,
							     (uint8_t *)dt, 8);
				}
				if (in->number[0])
					len = adsi_add_field(stx, msg, len,
						MCLASS_CALLER_NUMBER,
						(const uint8_t *)in->number,
						strlen(in->number));
				else
					len = adsi_add_field(stx, msg, len,
						MCLASS_ABSENCE1,
						(const uint8_t *)&in->number_absent, 1);
				if (in->name[0])
					len = adsi_add_field(stx, msg, len,
						MCLASS_CALLER_NAME,
						(const uint8_t *)in->name,
						strlen(in->name));
				else if (in->name_absent)
					len = adsi_add_field(stx, msg, len,
						MCLASS_ABSENCE2,
						(const uint8_t *)&in->name_absent, 1);
			} else {
				len = adsi_add_field(stx, msg, -1,
						     CLIP_DTMF_C_TERMINATED, NULL, 0);
				if (in->number[0])
					len = adsi_add_field(stx, msg, len,
						std == TAPI_CID_DTMF ?
						CLIP_DTMF_C_CALLER_NUMBER : 'D',
						(const uint8_t *)in->number,
						strlen(in->number));
				else	/* sendable(): A..C form only */
					len = adsi_add_field(stx, msg, len,
						CLIP_DTMF_C_ABSENCE,
						(const uint8_t *)(in->number_absent
						== 'P' ? "10" : "00"), 2);
			}
			ck_assert_int_eq(adsi_tx_put_message(stx, msg, len), len);
			n = 800;
			memset(x, 0, 8000 * 6 * sizeof(*x));
			while ((got = adsi_tx(stx, x + n, 160)) > 0)
				n += got;
			adsi_tx_free(stx);
			n += 4000;
			testsig_gain(x, n, level ? -15 : 0);
			testsig_add_noise(x, n, -45);
			receive(std, x, n, 0, &r);
			ck_assert_msg(r.n == 1 && r.err[0] == 0,
				      "%s message %d from spandsp: %d reports, "
				      "error %d", std_names[std], m, r.n,
				      r.n ? r.err[0] : 0);
			assert_info_eq(&r.info[0], &want, "from spandsp");
		}
	}
	free(x);
}
END_TEST

static Suite *callerid_suite(void)
{
	Suite *s = suite_create("callerid");
	TCase *tc;

	tc = tcase_create("messages");
	tcase_add_test(tc, test_cid_encode_sdmf);
	tcase_add_test(tc, test_cid_encode_mdmf);
	tcase_add_test(tc, test_cid_encode_dtmf);
	tcase_add_test(tc, test_cid_encode_errors);
	tcase_add_test(tc, test_cid_decode_checksum);
	tcase_add_test(tc, test_cid_decode_malformed);
	tcase_add_test(tc, test_cid_decode_dtmf_variants);
	suite_add_tcase(s, tc);

	tc = tcase_create("fsk");
	tcase_add_loop_test(tc, test_fsk_modem_bits, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("audio");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_cid_round_trip, 0, 5);
	tcase_add_loop_test(tc, test_cid_short_preamble, 0, 2);
	tcase_add_loop_test(tc, test_cid_bad_checksum_on_air, 0, 3);
	tcase_add_loop_test(tc, test_cid_cut_short, 0, 3);
	tcase_add_test(tc, test_cid_dtmf_unterminated);
	tcase_add_loop_test(tc, test_cid_no_false_messages, 0, 5);
	tcase_add_test(tc, test_cid_bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("spandsp");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_cid_spandsp_decodes_ours, 0, 5);
	tcase_add_loop_test(tc, test_cid_ours_decodes_spandsp, 0, 5);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(callerid_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
