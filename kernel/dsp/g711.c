// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: G.711 companding (ITU-T G.711, tables 1 and 2).
 *
 * 16-bit linear samples carry mu-law's 14-bit and A-law's 13-bit range in
 * their top bits.  Encoding picks the code whose decision interval holds
 * the sample; decoding gives the interval's reconstruction value, so
 * decode(encode(decode(c))) == c for every code (mu-law's -0, 0x7f,
 * re-encodes as +0, 0xff).  Codes are the transmitted octets: mu-law with
 * all bits inverted, A-law with the even bits inverted (0x55).
 */
#include "g711.h"

/* mu-law: segment e covers biased magnitudes [2^(e+7), 2^(e+8)) / 4. */
#define ULAW_BIAS	0x84	/* 33 in 14-bit units, times 4 */
#define ULAW_CLIP	32635	/* 8158.75 * 4: the top decision value */
#define ALAW_INVERT	0x55
#define SIGN_BIT	0x80

/* Index of the highest set bit of v (v > 0). */
static inline int top_bit(unsigned int v)
{
	return 31 - __builtin_clz(v);
}

/**
 * tapi_linear_to_ulaw() - encode one sample as mu-law
 * @linear: 16-bit linear sample
 *
 * Return: the mu-law octet.
 */
uint8_t tapi_linear_to_ulaw(int16_t linear)
{
	unsigned int mag;
	uint8_t sign = 0;
	int seg;

	if (linear < 0) {
		mag = -(int)linear;
		sign = SIGN_BIT;
	} else {
		mag = linear;
	}
	if (mag > ULAW_CLIP)
		mag = ULAW_CLIP;
	mag += ULAW_BIAS;
	/* Biased magnitudes 0x84..0x7fff: segments 0..7 from bit 7 up. */
	seg = top_bit(mag) - 7;
	return (uint8_t)~(sign | (seg << 4) | ((mag >> (seg + 3)) & 0x0f));
}
TAPI_DSP_EXPORT(tapi_linear_to_ulaw);

/**
 * tapi_ulaw_to_linear() - decode one mu-law octet
 * @ulaw: the mu-law octet
 *
 * Return: the 16-bit linear reconstruction value (-32124..32124).
 */
int16_t tapi_ulaw_to_linear(uint8_t ulaw)
{
	unsigned int code = (uint8_t)~ulaw;
	int mag;

	mag = ((((code & 0x0f) << 3) + ULAW_BIAS) << ((code >> 4) & 7)) -
	      ULAW_BIAS;
	return (int16_t)((code & SIGN_BIT) ? -mag : mag);
}
TAPI_DSP_EXPORT(tapi_ulaw_to_linear);

/**
 * tapi_linear_to_alaw() - encode one sample as A-law
 * @linear: 16-bit linear sample
 *
 * Return: the A-law octet.
 */
uint8_t tapi_linear_to_alaw(int16_t linear)
{
	unsigned int mag;
	uint8_t sign;
	int seg;

	/*
	 * A-law has no zero code: the sign splits at 0 and negative
	 * magnitudes count from -1 (one's complement), which keeps the
	 * decision intervals symmetric.
	 */
	if (linear >= 0) {
		mag = linear;
		sign = SIGN_BIT;
	} else {
		mag = ~(int)linear;
		sign = 0;
	}
	/* Segment 0 and 1 share a step of 16; then the step doubles. */
	if (mag < 0x100)
		return (uint8_t)((sign | (mag >> 4)) ^ ALAW_INVERT);
	/* mag <= 32767: segments 1..7 from bit 8 up. */
	seg = top_bit(mag) - 7;
	return (uint8_t)((sign | (seg << 4) | ((mag >> (seg + 3)) & 0x0f)) ^
			 ALAW_INVERT);
}
TAPI_DSP_EXPORT(tapi_linear_to_alaw);

/**
 * tapi_alaw_to_linear() - decode one A-law octet
 * @alaw: the A-law octet
 *
 * Return: the 16-bit linear reconstruction value (-32256..32256).
 */
int16_t tapi_alaw_to_linear(uint8_t alaw)
{
	unsigned int code = alaw ^ ALAW_INVERT;
	unsigned int seg = (code >> 4) & 7;
	int mag = (code & 0x0f) << 4;

	if (seg)
		mag = (mag + 0x108) << (seg - 1);
	else
		mag += 8;
	return (int16_t)((code & SIGN_BIT) ? mag : -mag);
}
TAPI_DSP_EXPORT(tapi_alaw_to_linear);
