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
#include "osc.h"
#include <linux/tapi.h>

#define TAPI_TONE_STEPS_MAX	8	/* cadence steps per tone */
/* Tones a zone defines for generation: TAPI_TONE_DIAL..TAPI_TONE_SIT. */
#define TAPI_TONE_ZONE_TONES	(TAPI_TONE_SIT + 1)
/* Depth of amplitude modulation (f1*f2 tones), percent (Asterisk's 90). */
#define TAPI_TONE_AM_DEPTH	90

/**
 * struct tapi_tone_step - one step of a cadence
 * @freq: Hz; freq[0] == 0 is a silent step.  freq[1] is a second tone
 *	added to the first, or with @am the frequency modulating freq[0];
 *	0 for a single tone
 * @level: dBm0 of each component (of the unmodulated carrier with @am)
 * @am: freq[0] amplitude modulated by freq[1] (E.180 "f1 x f2")
 * @ms: duration; 0 means "until stopped" (only as a tone's last step)
 */
struct tapi_tone_step {
	uint16_t freq[2];
	int8_t level;
	uint8_t am;
	uint16_t ms;
};

/**
 * struct tapi_tone_desc - a call-progress tone: its cadence
 * @tone: enum tapi_tone; TAPI_TONE_NONE marks a tone the zone lacks
 * @nsteps: steps used in @step, 1..TAPI_TONE_STEPS_MAX
 * @repeat: times the whole cadence plays; 0 repeats until stopped
 * @step: the cadence
 */
struct tapi_tone_desc {
	uint8_t tone;
	uint8_t nsteps;
	uint8_t repeat;
	struct tapi_tone_step step[TAPI_TONE_STEPS_MAX];
};

/**
 * struct tapi_tone_zone - the tones of one country
 * @code: ISO 3166 code, lower case ("uk" for the United Kingdom)
 * @name: the country in English
 * @tone: descriptors indexed by enum tapi_tone (DIAL..SIT)
 */
struct tapi_tone_zone {
	const char *code;
	const char *name;
	struct tapi_tone_desc tone[TAPI_TONE_ZONE_TONES];
};

/* Zone by ISO 3166 code, lower case ("us", "uk", "de", ...); NULL if unknown. */
const struct tapi_tone_zone *tapi_tone_zone_find(const char *code);
const char *tapi_tone_zone_code(const struct tapi_tone_zone *zone);
/* Zones in table order, for listing: NULL past the last. */
const struct tapi_tone_zone *tapi_tone_zone_at(unsigned int index);
/* A zone's descriptor of a tone; NULL if the zone defines no such tone. */
const struct tapi_tone_desc *
tapi_tone_zone_tone(const struct tapi_tone_zone *zone, enum tapi_tone tone);

/* Per-channel generator state, embedded by its user. */
struct tapi_tone_gen_state {
	const struct tapi_tone_desc *desc;	/* NULL: idle */
	struct tapi_osc_state osc[2];		/* tones, or carrier and modulator */
	uint32_t left;		/* samples left in this step; 0 with ms 0 */
	uint8_t step;		/* current step */
	uint8_t cycles;		/* cadences completed */
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
