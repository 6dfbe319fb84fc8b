/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: call-progress tones by tone zone (ITU-T E.180
 * supplement 2 and national specifications): the zone table, the
 * generator and the detector.
 *
 * This header is the contract the core and the drivers build on.  Tone
 * ids are enum tapi_tone from the uapi header.
 */
#ifndef _TAPI_DSP_TONE_H
#define _TAPI_DSP_TONE_H

#include "dsp_types.h"
#include <linux/tapi.h>

struct tapi_tone_zone;

/* Zone by ISO 3166 code, lower case ("us", "uk", "de", ...); NULL if unknown. */
const struct tapi_tone_zone *tapi_tone_zone_find(const char *code);
const char *tapi_tone_zone_code(const struct tapi_tone_zone *zone);

/* Per-channel generator state, embedded by its user. */
struct tapi_tone_gen_state {
	/* TODO(dsp): fields */
};

/* -EINVAL if the zone defines no such tone. */
int tapi_tone_gen_init(struct tapi_tone_gen_state *s,
		       const struct tapi_tone_zone *zone, enum tapi_tone tone);
/*
 * Write up to n samples of the tone into amp.  Returns n while the tone
 * lasts (cadenced tones repeat forever), fewer at its end, 0 when done.
 */
int tapi_tone_gen(struct tapi_tone_gen_state *s, int16_t *amp, int n);

/**
 * typedef tapi_tone_det_fn - tone report from the detector
 * @user: the pointer given to tapi_tone_det_init()
 * @tone: the tone now recognised (TAPI_TONE_NONE when it stopped)
 */
typedef void (*tapi_tone_det_fn)(void *user, enum tapi_tone tone);

/* Per-channel detector state, embedded by its user. */
struct tapi_tone_det_state {
	/* TODO(dsp): fields */
};

void tapi_tone_det_init(struct tapi_tone_det_state *s,
			const struct tapi_tone_zone *zone,
			tapi_tone_det_fn fn, void *user);
void tapi_tone_det(struct tapi_tone_det_state *s, const int16_t *amp, int n);

#endif /* _TAPI_DSP_TONE_H */
