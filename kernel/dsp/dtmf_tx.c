// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: DTMF generator (ITU-T Q.23).
 *
 * Each digit is a row tone (697, 770, 852, 941 Hz) plus a column tone
 * (1209, 1336, 1477, 1633 Hz), both at the same level, for on_ms, then
 * silence for off_ms.  Frequencies are exact at 8 kHz (see osc.h), both
 * tones start at phase 0 so every digit is the same waveform, and tone and
 * pause lengths are exact sample counts.  Q.23 asks for the frequencies
 * within 1.8 %; these are within 0.0001 %.
 */
#include "dtmf.h"

#define DEFAULT_ON_MS		100
#define DEFAULT_OFF_MS		100
#define DEFAULT_LEVEL_DBM0	(-10)
/* Lengths accepted here; the DIAL ioctl checks its narrower 40..1000. */
#define MAX_MS			8000
/* Levels accepted here, dBm0 per tone; the ioctl allows -30..0. */
#define MIN_LEVEL_DBM0		(-60)
#define MAX_LEVEL_DBM0		3
#define SAMPLES_PER_MS		(TAPI_OSC_RATE / 1000)

static const char dtmf_keys[] = "123A456B789C*0#D";
static const uint16_t row_hz[4] = { 697, 770, 852, 941 };
static const uint16_t col_hz[4] = { 1209, 1336, 1477, 1633 };

/* Position of a key in the 4x4 keypad, or -1 if it is not a DTMF key. */
static int dtmf_key_index(char key)
{
	int i;

	for (i = 0; i < 16; i++)
		if (dtmf_keys[i] == key)
			return i;
	return -1;
}

static unsigned int ms_to_samples(unsigned int ms, unsigned int def)
{
	if (ms == 0)
		ms = def;
	if (ms > MAX_MS)
		ms = MAX_MS;
	return ms * SAMPLES_PER_MS;
}

/**
 * tapi_dtmf_tx_init() - set up a generator with an empty queue
 * @s: generator state
 * @on_ms: tone length per digit, 0 for 100 ms; at most 8000
 * @off_ms: pause after each digit, 0 for 100 ms; at most 8000
 * @level_dbm0: level of each of the two tones, 0 for -10 dBm0;
 *	-60..+3 (out-of-range values are clamped)
 *
 * Also stops a generator that is sending: its queue is emptied.
 */
void tapi_dtmf_tx_init(struct tapi_dtmf_tx_state *s, unsigned int on_ms,
		       unsigned int off_ms, int level_dbm0)
{
	memset(s, 0, sizeof(*s));
	s->on_samples = ms_to_samples(on_ms, DEFAULT_ON_MS);
	s->off_samples = ms_to_samples(off_ms, DEFAULT_OFF_MS);
	if (level_dbm0 == 0)
		level_dbm0 = DEFAULT_LEVEL_DBM0;
	if (level_dbm0 < MIN_LEVEL_DBM0)
		level_dbm0 = MIN_LEVEL_DBM0;
	if (level_dbm0 > MAX_LEVEL_DBM0)
		level_dbm0 = MAX_LEVEL_DBM0;
	s->level_cdbm0 = TAPI_OSC_DBM0(level_dbm0);
}
TAPI_DSP_EXPORT(tapi_dtmf_tx_init);

/**
 * tapi_dtmf_tx_put() - queue digits behind those not yet sent
 * @s: generator state
 * @digits: NUL-terminated string of '0'-'9', '*', '#', 'A'-'D'
 *
 * Return: 0; -EINVAL if a character is not a DTMF key, -ENOSPC if the
 * queue (TAPI_DTMF_TX_QUEUE digits) cannot take them all.  On error
 * nothing is queued.
 */
int tapi_dtmf_tx_put(struct tapi_dtmf_tx_state *s, const char *digits)
{
	size_t i, len = strlen(digits);

	for (i = 0; i < len; i++)
		if (dtmf_key_index(digits[i]) < 0)
			return -EINVAL;
	if (len > (size_t)(TAPI_DTMF_TX_QUEUE - s->count))
		return -ENOSPC;
	for (i = 0; i < len; i++)
		s->queue[(s->head + s->count++) % TAPI_DTMF_TX_QUEUE] = digits[i];
	return 0;
}
TAPI_DSP_EXPORT(tapi_dtmf_tx_put);

/* Take the next digit off the queue and start its two tones. */
static void start_digit(struct tapi_dtmf_tx_state *s)
{
	int key = dtmf_key_index(s->queue[s->head]);

	s->head = (s->head + 1) % TAPI_DTMF_TX_QUEUE;
	s->count--;
	tapi_osc_init(&s->low, TAPI_OSC_HZ(row_hz[key / 4]), s->level_cdbm0);
	tapi_osc_init(&s->high, TAPI_OSC_HZ(col_hz[key % 4]), s->level_cdbm0);
	s->in_tone = true;
	s->left = s->on_samples;
}

/**
 * tapi_dtmf_tx() - generate the queued digits
 * @s: generator state
 * @amp: where to write up to @n samples
 * @n: number of samples wanted
 *
 * Return: the number of samples written: @n while digits or the pause
 * after the last one remain, fewer when the queue ends in this block,
 * 0 when idle.
 */
int tapi_dtmf_tx(struct tapi_dtmf_tx_state *s, int16_t *amp, int n)
{
	int done = 0, chunk;

	while (done < n) {
		if (s->left == 0) {
			if (s->in_tone) {
				s->in_tone = false;
				s->left = s->off_samples;
			} else if (s->count) {
				start_digit(s);
			} else {
				break;
			}
			continue;
		}
		chunk = n - done;
		if ((unsigned int)chunk > s->left)
			chunk = s->left;
		if (s->in_tone) {
			tapi_osc_gen(&s->low, amp + done, chunk);
			tapi_osc_mix(&s->high, amp + done, chunk);
		} else {
			memset(amp + done, 0, chunk * sizeof(*amp));
		}
		s->left -= chunk;
		done += chunk;
	}
	return done;
}
TAPI_DSP_EXPORT(tapi_dtmf_tx);

/**
 * tapi_dtmf_tx_busy() - whether digits or their pauses remain to be sent
 * @s: generator state
 *
 * Return: true until the pause after the last queued digit has been
 * generated.
 */
bool tapi_dtmf_tx_busy(const struct tapi_dtmf_tx_state *s)
{
	return s->in_tone || s->left || s->count;
}
TAPI_DSP_EXPORT(tapi_dtmf_tx_busy);
