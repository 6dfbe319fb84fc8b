// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: call-progress tone detector for FXO dialing.
 *
 * Recognises, for the channel's tone zone, dial tone, busy, ringback,
 * congestion and SIT by frequency and cadence; fax calling tone (CNG,
 * 1100 Hz 0.5 s on, 3 s off, ITU-T T.30) and the answer tone (2100 Hz,
 * ITU-T V.25) in every zone; silence; and voice, the sign that a call was
 * answered.  Each change is reported once through the callback, with
 * TAPI_TONE_NONE when the reported tone stops.
 *
 * How:
 *  1. Every 20 ms frame (160 samples) is classified by its energy and by
 *     Goertzel filters at the zone's tone frequencies (frequencies closer
 *     than 30 Hz share one filter: 413+438 Hz and 425 Hz are one band at
 *     20 ms resolution): a tone (the set of filters each holding at least
 *     20 % of the frame's energy, together at least half of it), silence
 *     (below -45 dBm0, or below -35 dBm0 without a tone: line noise), or
 *     other sound.
 *  2. Frames join into segments; a change needs two frames in a row, so
 *     a single odd frame (a phase reversal, a 15 ms gap) is ignored.
 *  3. Each candidate tone's cadence is matched against the newest
 *     segments at every phase.  Durations match within 12.5 % + 40 ms;
 *     burst levels must keep the cadence's relative levels within 4 dB
 *     (Australian congestion is busy with every other burst 10 dB down).
 *     A candidate is reported once a whole cadence matched, unless an
 *     unfinished candidate explains as many segments (Spanish busy is
 *     reported only once a third short gap shows it is not congestion).
 *     Continuous tones are reported once longer than any burst of the
 *     same frequencies.  Identical cadences (Japan uses busy for
 *     congestion) report the lower enum tapi_tone value.
 *  4. The reported tone stops when the newest segments break its cadence
 *     (a gap longer than the cadence's, other sound, another frequency).
 *  5. Voice: non-tonal sound adds up over 200 ms; it ends after about a
 *     second without.  Silence: longer than every gap of the zone's
 *     cadences (5.6 s in Sweden), so ringback pauses are not silence.
 *
 * Cost: one Goertzel filter per frequency (up to 10) per sample; the
 * state is 760 bytes on 64-bit.
 */
#include "tone.h"

#define FRAME			160	/* samples, 20 ms */
#define FRAME_MS		20
#define SIG_SILENCE		0
#define SIG_OTHER		0xffff
/* Frames of the same new kind before a segment change. */
#define DEBOUNCE_FRAMES		2
/* Frequencies closer than this share a filter (20 ms resolves ~50 Hz). */
#define MERGE_HZ		30
/* Filters without neighbours this close may be wide (det_set_wide()). */
#define WIDE_HZ			150
/* Cadence steps shorter than this vanish in the frame grid (UK SIT gaps). */
#define STEP_MIN_MS		40
/*
 * Frame energies (a 0 dBm0 sine has RMS 16141): below -45 dBm0,
 * 160 * 16141^2 * 10^-4.5, a frame is silent; a frame without a tone is
 * silent below -35 dBm0 too, so line noise does not fill cadence gaps.
 */
#define SILENCE_ENERGY		1318199ULL
#define SOUND_ENERGY		13181986ULL
/* log2 of energy, Q8, per dB: 256 / (10 log10 2). */
#define LOG2Q8_PER_DB		85
#define LEVEL_TOL		(4 * LOG2Q8_PER_DB)
/* Voice: 2 per non-tonal frame, -1 per other frame; report at 20. */
#define VOICE_ON		20
#define VOICE_MAX		60
/* Continuous tones: at least this long before they are reported. */
#define CONT_MIN_MS		500
/* Silence is reported after this at least (and after any cadence gap). */
#define SILENCE_MIN_MS		1000

static int step_max_ms(unsigned int ms)
{
	return ms + ms / 8 + 40;
}

static int step_min_ms(unsigned int ms)
{
	return (int)ms - (int)(ms / 8) - 40;
}

/* log2(x) in Q8, x > 0; log2(1 + f) ~ f + 0.3466 f (1 - f). */
static int ilog2_q8(uint64_t x)
{
	int e = 0, f;

	if (!x)
		return 0;
	while (x >= (1ULL << 32)) {
		x >>= 16;
		e += 16;
	}
	while (x >= 512) {
		x >>= 1;
		e++;
	}
	while (x < 256) {
		x <<= 1;
		e--;
	}
	f = (int)x - 256;
	return (e + 8) * 256 + f + ((f * (256 - f) * 89) >> 16);
}

/*
 * Filter index for a frequency, adding a filter if needed; -1 if full.
 * bin_hz holds each filter's lowest and highest member frequency.
 */
static int det_bin(struct tapi_tone_det_state *s, uint16_t (*bin_hz)[2],
		   int hz)
{
	int i;

	for (i = 0; i < s->nbins; i++)
		if (hz + MERGE_HZ > bin_hz[i][1] && hz < bin_hz[i][0] + MERGE_HZ) {
			if (hz < bin_hz[i][0])
				bin_hz[i][0] = hz;
			if (hz > bin_hz[i][1])
				bin_hz[i][1] = hz;
			return i;
		}
	if (s->nbins >= TAPI_TONE_DET_BINS)
		return -1;
	bin_hz[s->nbins][0] = hz;
	bin_hz[s->nbins][1] = hz;
	return s->nbins++;
}

/* Signature of a generated step: its filters; SIG_SILENCE when silent. */
static int step_sig(struct tapi_tone_det_state *s, uint16_t (*bin_hz)[2],
		    const struct tapi_tone_step *st)
{
	int b0, b1;

	if (!st->freq[0])
		return SIG_SILENCE;
	b0 = det_bin(s, bin_hz, st->freq[0]);
	if (b0 < 0)
		return -1;
	if (!st->freq[1] || st->am)	/* AM sidebands fall in the carrier's */
		return 1 << b0;
	b1 = det_bin(s, bin_hz, st->freq[1]);
	if (b1 < 0)
		return -1;
	if (b1 == b0)		/* two tones one filter: they beat */
		s->wide |= 1 << b0;
	return (1 << b0) | (1 << b1);
}

/* Turn a generator descriptor into a detector pattern; false if unfit. */
static bool det_add_pattern(struct tapi_tone_det_state *s,
			    uint16_t (*bin_hz)[2],
			    const struct tapi_tone_desc *d)
{
	struct tapi_tone_det_pattern *p = &s->pattern[s->npatterns];
	struct tapi_tone_det_step *prev;
	uint16_t saved_hz[TAPI_TONE_DET_BINS][2];
	uint8_t nbins = s->nbins;
	int i, sig;

	if (!d || s->npatterns >= TAPI_TONE_DET_PATTERNS)
		return false;
	memset(p, 0, sizeof(*p));
	memcpy(saved_hz, bin_hz, sizeof(saved_hz));
	for (i = 0; i < d->nsteps; i++) {
		const struct tapi_tone_step *st = &d->step[i];

		sig = step_sig(s, bin_hz, st);
		if (sig < 0) {		/* out of filters: leave them as they were */
			s->nbins = nbins;
			memcpy(bin_hz, saved_hz, sizeof(saved_hz));
			return false;
		}
		prev = p->nsteps ? &p->step[p->nsteps - 1] : NULL;
		/* Too short to see, or the same as the step before: merge. */
		if (prev && prev->ms &&
		    ((st->ms && st->ms < STEP_MIN_MS) || prev->sig == sig)) {
			prev->ms = st->ms ? prev->ms + st->ms : 0;
			continue;
		}
		p->step[p->nsteps].sig = sig;
		p->step[p->nsteps].ms = st->ms;
		p->step[p->nsteps].level = st->level * LOG2Q8_PER_DB;
		p->nsteps++;
	}
	p->tone = d->tone;
	p->cyclic = d->repeat != 1 && p->step[p->nsteps - 1].ms;
	/*
	 * A cadence played once is recognised in the silence after it and
	 * has stopped when that silence outlasts SILENCE_MIN_MS.
	 */
	if (!p->cyclic && p->step[p->nsteps - 1].ms) {
		if (p->step[p->nsteps - 1].sig != SIG_SILENCE) {
			if (p->nsteps >= TAPI_TONE_STEPS_MAX)
				return false;
			p->nsteps++;	/* zeroed: silence */
		}
		p->step[p->nsteps - 1].ms = SILENCE_MIN_MS;
	}
	p->need = p->nsteps;
	/*
	 * Once-only cadences, SIT and CNG are known before their trailing
	 * gap has passed.
	 */
	if ((!p->cyclic || p->tone == TAPI_TONE_SIT ||
	     p->tone == TAPI_TONE_FAX_CNG) &&
	    p->step[p->nsteps - 1].sig == SIG_SILENCE)
		p->need = p->nsteps - 1;
	s->npatterns++;
	return true;
}

static bool pattern_is_continuous(const struct tapi_tone_det_pattern *p)
{
	return p->nsteps == 1 && !p->step[0].ms;
}

/* The fax tones, the same in every zone. */
static const struct tapi_tone_desc fax_cng = {
	.tone = TAPI_TONE_FAX_CNG, .nsteps = 2,
	.step = { { .freq = { 1100 }, .ms = 500 }, { .ms = 3000 } },
};

static const struct tapi_tone_desc fax_answer = {
	.tone = TAPI_TONE_ANSWER, .nsteps = 1,
	.step = { { .freq = { 2100 } } },
};

/* Timing that depends on the whole set of patterns. */
static void det_derive_timing(struct tapi_tone_det_state *s)
{
	struct tapi_tone_det_pattern *p, *q;
	int i, j, k, ms, longest_gap = SILENCE_MIN_MS;

	for (i = 0; i < s->npatterns; i++) {
		p = &s->pattern[i];
		for (k = 0; k < p->nsteps; k++)
			if (p->step[k].sig == SIG_SILENCE && p->step[k].ms &&
			    step_max_ms(p->step[k].ms) > longest_gap)
				longest_gap = step_max_ms(p->step[k].ms);
		if (!pattern_is_continuous(p))
			continue;
		/* Longer than any burst of the same frequencies. */
		ms = CONT_MIN_MS;
		for (j = 0; j < s->npatterns; j++) {
			q = &s->pattern[j];
			for (k = 0; q != p && k < q->nsteps; k++)
				if (q->step[k].sig == p->step[0].sig &&
				    q->step[k].ms &&
				    step_max_ms(q->step[k].ms) + FRAME_MS > ms)
					ms = step_max_ms(q->step[k].ms) +
					     FRAME_MS;
		}
		p->cont_ms = ms;
	}
	s->silence_ms = longest_gap + FRAME_MS;
}

/*
 * Filters that may be wide: 10 ms halves (100 Hz wide) summed by power
 * instead of one 20 ms (50 Hz) sum.  Two tones sharing a filter (413+438
 * Hz) beat, their sum reversing phase 25 times a second, and a 20 ms sum
 * would cancel.  A filter with no neighbour within WIDE_HZ (SIT, the fax
 * tones, 425 Hz in most of Europe) tolerates frequency errors better.
 */
static void det_set_wide(struct tapi_tone_det_state *s, uint16_t (*bin_hz)[2])
{
	int i, j;

	for (i = 0; i < s->nbins; i++) {
		for (j = 0; j < s->nbins; j++)
			if (j != i && bin_hz[j][0] < bin_hz[i][1] + WIDE_HZ &&
			    bin_hz[j][1] + WIDE_HZ > bin_hz[i][0])
				break;
		if (j == s->nbins)
			s->wide |= 1 << i;
	}
}

static void det_reset_history(struct tapi_tone_det_state *s)
{
	s->nhist = 0;
	s->cur.trunc = 1;
}

/**
 * tapi_tone_det_init() - prepare a call-progress tone detector
 * @s: detector state
 * @zone: tone zone whose dial, busy, ringback, congestion and SIT are
 *	recognised; NULL for fax tones, silence and voice only
 * @fn: called on each change of the recognised tone; may be NULL
 * @user: passed to @fn
 */
void tapi_tone_det_init(struct tapi_tone_det_state *s,
			const struct tapi_tone_zone *zone,
			tapi_tone_det_fn fn, void *user)
{
	static const enum tapi_tone zone_tones[] = {
		TAPI_TONE_DIAL, TAPI_TONE_BUSY, TAPI_TONE_RINGBACK,
		TAPI_TONE_CONGESTION, TAPI_TONE_SIT,
	};
	uint16_t bin_hz[TAPI_TONE_DET_BINS][2];
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->fn = fn;
	s->user = user;
	/* Fax tones first: they must fit whatever the zone needs. */
	det_add_pattern(s, bin_hz, &fax_cng);
	det_add_pattern(s, bin_hz, &fax_answer);
	for (i = 0; zone && i < ARRAY_SIZE(zone_tones); i++)
		det_add_pattern(s, bin_hz, tapi_tone_zone_tone(zone,
							       zone_tones[i]));
	for (i = 0; i < s->nbins; i++)
		/* at the middle of its members; cos in Q15 is 2 cos in Q14 */
		s->coef[i] = tapi_osc_sin((bin_hz[i][0] + bin_hz[i][1]) * 50 +
					  TAPI_OSC_CYCLE / 4);
	det_set_wide(s, bin_hz);
	det_derive_timing(s);
	s->cur.sig = SIG_SILENCE;
	s->pend_sig = SIG_SILENCE;
	det_reset_history(s);
}
TAPI_DSP_EXPORT(tapi_tone_det_init);

static int seg_ms(const struct tapi_tone_det_seg *g)
{
	return g->frames * FRAME_MS;
}

/* Does a complete segment fit a step?  *ref carries the level offset. */
static bool seg_fits(const struct tapi_tone_det_seg *g,
		     const struct tapi_tone_det_step *st, int *ref, bool *have_ref)
{
	int off;

	if (g->sig != st->sig)
		return false;
	if (st->ms && (seg_ms(g) > step_max_ms(st->ms) ||
		       seg_ms(g) < step_min_ms(st->ms)))
		return false;
	if (st->sig == SIG_SILENCE)
		return true;
	off = g->level - st->level;
	if (!*have_ref) {
		*ref = off;
		*have_ref = true;
		return true;
	}
	return off >= *ref - LEVEL_TOL && off <= *ref + LEVEL_TOL;
}

/*
 * How many complete segments, newest first, fit the pattern when the
 * current segment is its step ph; -1 if the current one does not fit.
 */
static int pattern_phase_run(const struct tapi_tone_det_state *s,
			     const struct tapi_tone_det_pattern *p, int ph)
{
	const struct tapi_tone_det_step *st = &p->step[ph];
	const struct tapi_tone_det_seg *g;
	struct tapi_tone_det_seg cur = s->cur;
	int idx = ph, run = 0, i, ref = 0;
	bool have_ref = false;

	if (cur.sig != st->sig || (st->ms && seg_ms(&cur) > step_max_ms(st->ms)))
		return -1;
	if (cur.sig != SIG_SILENCE) {
		/* Its level counts; its length is still open. */
		struct tapi_tone_det_step open = { .sig = st->sig,
						   .level = st->level };

		cur.level = s->cur_level_n ?
			    s->cur_level_sum / s->cur_level_n : 0;
		cur.frames = 0;
		seg_fits(&cur, &open, &ref, &have_ref);
	}
	for (i = s->nhist - 1; i >= 0; i--) {
		g = &s->hist[i];
		/* Heard from its middle, or before a once-only cadence began. */
		if (g->trunc || (!p->cyclic && idx == 0))
			break;
		idx = idx ? idx - 1 : p->nsteps - 1;
		if (!seg_fits(g, &p->step[idx], &ref, &have_ref))
			break;
		run++;
	}
	return run;
}

/*
 * Evidence for a pattern: the longest run of segments it explains (-1 if
 * the current segment contradicts it), and whether that is enough.
 */
static int pattern_run(const struct tapi_tone_det_state *s,
		       const struct tapi_tone_det_pattern *p, bool *covered)
{
	int ph, run, best = -1;

	if (pattern_is_continuous(p)) {
		if (s->cur.sig != p->step[0].sig) {
			*covered = false;
			return -1;
		}
		*covered = seg_ms(&s->cur) >= p->cont_ms;
		return 0;
	}
	for (ph = 0; ph < p->nsteps; ph++) {
		run = pattern_phase_run(s, p, ph);
		if (run > best)
			best = run;
	}
	*covered = best >= p->need;
	return best;
}

static void det_report(struct tapi_tone_det_state *s, enum tapi_tone tone)
{
	if (s->reported == tone)
		return;
	s->reported = tone;
	if (s->fn)
		s->fn(s->user, tone);
}

static const struct tapi_tone_det_pattern *
det_pattern_of(const struct tapi_tone_det_state *s, unsigned int tone)
{
	int i;

	for (i = 0; i < s->npatterns; i++)
		if (s->pattern[i].tone == tone)
			return &s->pattern[i];
	return NULL;
}

/*
 * After each frame: what do we hear now?  Of the tones whose cadence
 * matched in full, the one explaining the most segments wins (ties: the
 * lower enum value); it is held back while another tone, not yet
 * complete, explains as many segments, as Spanish congestion does for
 * the first five segments of busy.
 */
static void det_decide(struct tapi_tone_det_state *s)
{
	const struct tapi_tone_det_pattern *p = det_pattern_of(s, s->reported);
	int run[TAPI_TONE_DET_PATTERNS], best = -1, i;
	bool covered[TAPI_TONE_DET_PATTERNS];

	/* Maybe a seam between steps (det_new_segment()): wait and see. */
	if (s->cur.sig == SIG_OTHER && s->cur.frames <= DEBOUNCE_FRAMES)
		return;
	if (p) {
		pattern_run(s, p, &covered[0]);
		if (covered[0])
			return;
		/* Its cadence broke: it stopped. */
		det_report(s, TAPI_TONE_NONE);
		det_reset_history(s);
	}
	for (i = 0; i < s->npatterns; i++) {
		run[i] = pattern_run(s, &s->pattern[i], &covered[i]);
		if (covered[i] && (best < 0 || run[i] > run[best] ||
				   (run[i] == run[best] &&
				    s->pattern[i].tone < s->pattern[best].tone)))
			best = i;
	}
	for (i = 0; best >= 0 && i < s->npatterns; i++)
		if (!covered[i] && run[i] > 0 && run[i] >= run[best])
			best = -1;
	if (best >= 0) {
		det_report(s, s->pattern[best].tone);
		return;
	}
	if (s->reported == TAPI_TONE_VOICE && !s->voice)
		det_report(s, TAPI_TONE_NONE);
	else if (s->voice >= VOICE_ON)
		det_report(s, TAPI_TONE_VOICE);
	if (s->reported == TAPI_TONE_SILENCE && s->cur.sig != SIG_SILENCE)
		det_report(s, TAPI_TONE_NONE);
	else if (s->reported == TAPI_TONE_NONE &&
		 s->cur.sig == SIG_SILENCE && seg_ms(&s->cur) >= s->silence_ms)
		det_report(s, TAPI_TONE_SILENCE);
}

static int64_t goertzel_power(const struct tapi_tone_det_state *s, int i)
{
	int64_t a = s->s1[i], b = s->s2[i];

	return a * a + b * b - ((s->coef[i] * a) >> 14) * b;
}

/* Classify the frame just completed. */
static uint16_t det_classify(struct tapi_tone_det_state *s)
{
	int64_t pwr[TAPI_TONE_DET_BINS], tonal = 0;
	/* 2 |X|^2 / N is the energy a filter holds; compare against N E. */
	int64_t ne = (int64_t)s->energy * FRAME;
	uint16_t sig = 0;
	int i, k;

	if (s->energy < SILENCE_ENERGY)
		return SIG_SILENCE;
	for (i = 0; i < s->nbins; i++) {
		pwr[i] = goertzel_power(s, i);
		/* two 10 ms halves, scaled to a 20 ms frame */
		if (s->wide & (1 << i))
			pwr[i] = 2 * (pwr[i] + s->half_pwr[i]);
		/* at least 20 % of the energy: 2 P / N >= E / 5 */
		if (10 * pwr[i] >= ne) {
			sig |= 1 << i;
			tonal += pwr[i];
		}
	}
	/* together at least half of it */
	if (sig && 4 * tonal >= ne)
		for (i = 0; i < s->npatterns; i++)
			for (k = 0; k < s->pattern[i].nsteps; k++)
				if (s->pattern[i].step[k].sig == sig)
					return sig;
	return s->energy < SOUND_ENERGY ? SIG_SILENCE : SIG_OTHER;
}

static void det_push_history(struct tapi_tone_det_state *s)
{
	struct tapi_tone_det_seg *g;

	if (s->nhist == TAPI_TONE_DET_HISTORY) {
		memmove(&s->hist[0], &s->hist[1],
			sizeof(s->hist[0]) * (TAPI_TONE_DET_HISTORY - 1));
		s->nhist--;
	}
	g = &s->hist[s->nhist++];
	*g = s->cur;
	if (s->cur_level_n)
		g->level = s->cur_level_sum / s->cur_level_n;
}

/*
 * Start a new segment of kind sig.  A segment of other sound of one or
 * two frames is the seam between two cadence steps (a gap shorter than
 * a frame, Swedish SIT), not a step: it joins the segment before.
 */
static void det_new_segment(struct tapi_tone_det_state *s, uint16_t sig)
{
	struct tapi_tone_det_seg *prev = s->nhist ? &s->hist[s->nhist - 1] : NULL;

	if (prev && s->cur.sig == SIG_OTHER && s->cur.frames <= DEBOUNCE_FRAMES &&
	    !s->cur.trunc) {
		if (prev->sig == sig) {
			/* The seam split one step: resume it. */
			s->cur_level_sum = prev->level + s->pend_level_sum;
			s->cur_level_n = 1 + s->pend_frames;
			s->cur.frames += prev->frames + s->pend_frames;
			s->cur.sig = sig;
			s->cur.trunc = prev->trunc;
			s->nhist--;
			return;
		}
		prev->frames += s->cur.frames;
	} else {
		det_push_history(s);
	}
	s->cur.sig = sig;
	s->cur.frames = s->pend_frames;
	s->cur.trunc = 0;
	s->cur_level_sum = s->pend_level_sum;
	s->cur_level_n = s->pend_frames;
}

static void det_frame(struct tapi_tone_det_state *s)
{
	uint16_t sig = det_classify(s);
	int level = ilog2_q8(s->energy);

	if (sig == SIG_OTHER)
		s->voice = s->voice + 2 > VOICE_MAX ? VOICE_MAX : s->voice + 2;
	else if (s->voice)
		s->voice--;

	if (sig == s->cur.sig) {
		/* A lone odd frame belongs to the segment, not to its level. */
		s->cur.frames += 1 + s->pend_frames;
		s->cur_level_sum += level;
		s->cur_level_n++;
		s->pend_frames = 0;
		s->pend_level_sum = 0;
	} else if (s->pend_frames && sig == s->pend_sig) {
		s->pend_frames++;
		s->pend_level_sum += level;
		if (s->pend_frames >= DEBOUNCE_FRAMES) {
			det_new_segment(s, sig);
			s->pend_frames = 0;
			s->pend_level_sum = 0;
		}
	} else {
		s->cur.frames += s->pend_frames;
		s->pend_sig = sig;
		s->pend_frames = 1;
		s->pend_level_sum = level;
	}
	/* 20 minutes: keep the counts bounded */
	if (s->cur.frames > 60000)
		s->cur.frames = 60000;
	if (s->cur_level_n >= 1024) {
		s->cur_level_sum /= 2;
		s->cur_level_n /= 2;
	}
	det_decide(s);
}

/**
 * tapi_tone_det() - feed audio to the detector
 * @s: detector state from tapi_tone_det_init()
 * @amp: 8 kHz 16-bit linear samples
 * @n: number of samples, any block size
 *
 * Reports through the callback as decisions are made (every 20 ms).
 */
void tapi_tone_det(struct tapi_tone_det_state *s, const int16_t *amp, int n)
{
	int i, b;
	int32_t x, v;

	for (i = 0; amp && i < n; i++) {
		x = amp[i];
		s->energy += x * x;
		for (b = 0; b < s->nbins; b++) {
			v = x + (int32_t)(((int64_t)s->coef[b] * s->s1[b]) >> 14) -
			    s->s2[b];
			s->s2[b] = s->s1[b];
			s->s1[b] = v;
		}
		if (++s->nsamples == FRAME / 2 && s->wide) {
			/* Wide filters: power of two 10 ms halves. */
			for (b = 0; b < s->nbins; b++) {
				if (!(s->wide & (1 << b)))
					continue;
				s->half_pwr[b] = goertzel_power(s, b);
				s->s1[b] = 0;
				s->s2[b] = 0;
			}
		}
		if (s->nsamples < FRAME)
			continue;
		det_frame(s);
		s->nsamples = 0;
		s->energy = 0;
		memset(s->s1, 0, sizeof(s->s1));
		memset(s->s2, 0, sizeof(s->s2));
	}
}
TAPI_DSP_EXPORT(tapi_tone_det);

/**
 * tapi_tone_det_current() - the tone the detector last reported
 * @s: detector state
 *
 * Return: enum tapi_tone, TAPI_TONE_NONE when nothing is recognised.
 */
enum tapi_tone tapi_tone_det_current(const struct tapi_tone_det_state *s)
{
	return s->reported;
}
TAPI_DSP_EXPORT(tapi_tone_det_current);
