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

#define TAPI_TONE_DET_BINS		10	/* frequencies watched */
#define TAPI_TONE_DET_PATTERNS		7	/* tones recognised by cadence */
#define TAPI_TONE_DET_HISTORY		16	/* segments remembered */

/* A stretch of audio of one kind: silence, one tone (set of bins), other. */
struct tapi_tone_det_seg {
	uint16_t sig;		/* bins present; 0 silence, 0xffff other */
	uint16_t frames;	/* length in 20 ms frames */
	int16_t level;		/* mean log2 of frame energy, Q8 */
	uint8_t trunc;		/* began before we listened: length unknown */
};

/* One step of a cadence as the detector sees it. */
struct tapi_tone_det_step {
	uint16_t sig;
	uint16_t ms;		/* 0: unbounded */
	int16_t level;		/* expected level, log2 Q8 (relative) */
};

struct tapi_tone_det_pattern {
	uint8_t tone;		/* enum tapi_tone */
	uint8_t nsteps;
	uint8_t need;		/* complete steps seen before reporting */
	uint8_t cyclic;
	uint16_t cont_ms;	/* continuous tone: report after this long */
	struct tapi_tone_det_step step[TAPI_TONE_STEPS_MAX];
};

/* Per-channel detector state, embedded by its user. */
struct tapi_tone_det_state {
	tapi_tone_det_fn fn;
	void *user;
	/* Goertzel filters over 160-sample frames, one per bin. */
	int16_t coef[TAPI_TONE_DET_BINS];	/* 2 cos(w), Q14 */
	int32_t s1[TAPI_TONE_DET_BINS];
	int32_t s2[TAPI_TONE_DET_BINS];
	int64_t half_pwr[TAPI_TONE_DET_BINS];	/* first half, wide filters */
	uint16_t wide;				/* filters 100 Hz wide */
	uint64_t energy;			/* of the frame so far */
	uint16_t nsamples;			/* in the frame so far */
	uint8_t nbins;
	uint8_t npatterns;
	struct tapi_tone_det_pattern pattern[TAPI_TONE_DET_PATTERNS];
	/* Segmentation: history (oldest first), current, pending change. */
	struct tapi_tone_det_seg hist[TAPI_TONE_DET_HISTORY];
	uint8_t nhist;
	struct tapi_tone_det_seg cur;
	int32_t cur_level_sum;	/* frame levels of the current segment */
	uint16_t cur_level_n;	/* and their number */
	uint16_t pend_sig;
	uint8_t pend_frames;
	int32_t pend_level_sum;
	uint16_t silence_ms;	/* silence longer than any cadence gap */
	uint8_t voice;		/* leaky count of non-tonal sound */
	uint8_t reported;	/* enum tapi_tone last reported */
};

void tapi_tone_det_init(struct tapi_tone_det_state *s,
			const struct tapi_tone_zone *zone,
			tapi_tone_det_fn fn, void *user);
void tapi_tone_det(struct tapi_tone_det_state *s, const int16_t *amp, int n);
/* The tone last reported (TAPI_TONE_NONE if none is present). */
enum tapi_tone tapi_tone_det_current(const struct tapi_tone_det_state *s);

#endif /* _TAPI_DSP_TONE_H */
