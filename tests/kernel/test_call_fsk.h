/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A caller ID FSK modulator of the tests' own (not the DSP's, so that the
 * kernel's receiver is checked against an independent sender): 1200 baud,
 * phase-continuous, Bell 202 (Telcordia GR-30) or V.23 (ETSI EN 300
 * 659-1), with channel seizure, mark signal, message and checksum.
 */
#ifndef TEST_CALL_FSK_H
#define TEST_CALL_FSK_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define FSK_BAUD	1200.0
#define FSK_PEAK	5110.0		/* -13 dBm0 */
#define FSK_MAX_SAMPLES	16000

struct fsk_modem {
	double mark_hz;
	double space_hz;
};

static const struct fsk_modem fsk_bell202 = { 1200.0, 2200.0 };
static const struct fsk_modem fsk_v23 = { 1300.0, 2100.0 };

struct fsk_signal {
	int16_t s[FSK_MAX_SAMPLES];
	size_t n;
	double phase;
	double bit_end;		/* sample position where the current bit ends */
	const struct fsk_modem *modem;
};

static inline void fsk_silence(struct fsk_signal *f, unsigned int ms)
{
	unsigned int i;

	for (i = 0; i < ms * 8 && f->n < FSK_MAX_SAMPLES; i++)
		f->s[f->n++] = 0;
	f->bit_end = f->n;
}

/* One bit, phase-continuous. */
static inline void fsk_bit(struct fsk_signal *f, int bit)
{
	double step = 2 * M_PI *
		      (bit ? f->modem->mark_hz : f->modem->space_hz) / 8000;

	f->bit_end += 8000 / FSK_BAUD;
	while (f->n < f->bit_end && f->n < FSK_MAX_SAMPLES) {
		f->s[f->n++] = (int16_t)lrint(FSK_PEAK * sin(f->phase));
		f->phase = fmod(f->phase + step, 2 * M_PI);
	}
}

/* Start bit, eight data bits LSB first, stop bit. */
static inline void fsk_byte(struct fsk_signal *f, uint8_t byte)
{
	int i;

	fsk_bit(f, 0);
	for (i = 0; i < 8; i++)
		fsk_bit(f, (byte >> i) & 1);
	fsk_bit(f, 1);
}

/* Channel seizure, mark signal, the message and its checksum. */
static inline void fsk_message(struct fsk_signal *f,
			       const struct fsk_modem *modem,
			       const uint8_t *msg, size_t len,
			       bool bad_checksum)
{
	uint8_t sum = 0;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->modem = modem;
	fsk_silence(f, 100);
	for (i = 0; i < 300; i++)
		fsk_bit(f, i & 1);
	for (i = 0; i < 180; i++)
		fsk_bit(f, 1);
	for (i = 0; i < len; i++) {
		fsk_byte(f, msg[i]);
		sum += msg[i];
	}
	fsk_byte(f, (uint8_t)(-sum + (bad_checksum ? 1 : 0)));
	for (i = 0; i < 10; i++)
		fsk_bit(f, 1);
	fsk_silence(f, 100);
}

/* Append an MDMF (or ETSI) parameter; returns the new length. */
static inline size_t mdmf_param(uint8_t *msg, size_t len, uint8_t type,
				const char *body)
{
	size_t n = strlen(body);

	msg[len++] = type;
	msg[len++] = (uint8_t)n;
	memcpy(msg + len, body, n);
	return len + n;
}

/*
 * Play samples through a channel (its tx; S16 media set), as fast as its
 * tx queue takes them: 0, -EIO or -ETIMEDOUT.
 */
static inline int play_samples(int fd, const int16_t *s, size_t n)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	size_t done = 0;

	/* Whole 20 ms blocks: the end is padded with silence. */
	while (done < n) {
		int16_t block[160] = { 0 };
		size_t k = n - done < 160 ? n - done : 160;
		ssize_t w;

		memcpy(block, s + done, k * sizeof(*s));
		w = write(fd, block, sizeof(block));
		if (w == sizeof(block)) {
			done += k;
			continue;
		}
		if (w >= 0 || errno != EAGAIN)
			return -EIO;
		if (poll(&pfd, 1, 5000) <= 0)
			return -ETIMEDOUT;
	}
	return 0;
}

#endif /* TEST_CALL_FSK_H */
