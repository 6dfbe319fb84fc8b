// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Call-progress tones: the zone table, the generator measured back with
 * independent floating-point measurements, and the detector classifying
 * every zone's tones (ITU-T E.180 Supplement 2 cadences) under level,
 * frequency, timing, noise, G.711 and block-size variations; silence,
 * voice (espeak-ng speech), fax CNG and answer tone.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tone.h"
#include "testsig.h"

static const char *const required_zones[] = {
	"us", "uk", "de", "fr", "it", "es", "nl",
	"se", "jp", "au", "in", "br", "cn", "ru",
};

/* The tones the detector recognises by zone cadence. */
static const enum tapi_tone detected_tones[] = {
	TAPI_TONE_DIAL, TAPI_TONE_BUSY, TAPI_TONE_RINGBACK,
	TAPI_TONE_CONGESTION, TAPI_TONE_SIT,
};

static const char *tone_name(int t)
{
	static const char *const names[] = {
		"none", "dial", "busy", "ringback", "congestion",
		"callwaiting", "sit", "silence", "voice", "fax-cng", "answer",
	};

	return t >= 0 && t < (int)(sizeof(names) / sizeof(names[0])) ?
	       names[t] : "?";
}

static const struct tapi_tone_zone *zone_n(int i)
{
	const struct tapi_tone_zone *z = tapi_tone_zone_find(required_zones[i]);

	ck_assert_msg(z, "zone %s missing", required_zones[i]);
	return z;
}

/* ---------------------------------------------------------------- */
/* The table                                                        */

START_TEST(test_tone_zones_complete)
{
	const struct tapi_tone_zone *z = zone_n(_i);
	int t, k, sounding;

	ck_assert_str_eq(tapi_tone_zone_code(z), required_zones[_i]);
	ck_assert_ptr_nonnull(z->name);
	for (t = TAPI_TONE_DIAL; t <= TAPI_TONE_SIT; t++) {
		const struct tapi_tone_desc *d = tapi_tone_zone_tone(z, t);

		ck_assert_msg(d, "%s lacks %s", z->code, tone_name(t));
		ck_assert_int_eq(d->tone, t);
		ck_assert_int_ge(d->nsteps, 1);
		ck_assert_int_le(d->nsteps, TAPI_TONE_STEPS_MAX);
		sounding = 0;
		for (k = 0; k < d->nsteps; k++) {
			const struct tapi_tone_step *st = &d->step[k];

			/* "until stopped" only as the last step */
			if (!st->ms)
				ck_assert_int_eq(k, d->nsteps - 1);
			if (!st->freq[0])
				continue;
			sounding++;
			ck_assert_int_ge(st->freq[0], 300);
			ck_assert_int_le(st->freq[0], 3400);
			ck_assert_int_le(st->level, 0);
			ck_assert_int_ge(st->level, -30);
			if (st->am)
				ck_assert_int_lt(st->freq[1], st->freq[0] / 4);
		}
		ck_assert_msg(sounding, "%s %s is silent", z->code,
			      tone_name(t));
	}
}
END_TEST

START_TEST(test_tone_zones_lookup)
{
	struct tapi_tone_gen_state g;
	const struct tapi_tone_zone *z;
	int16_t buf[16];
	unsigned int i, j;

	ck_assert_ptr_eq(tapi_tone_zone_find("gb"), tapi_tone_zone_find("uk"));
	ck_assert_ptr_null(tapi_tone_zone_find("xx"));
	ck_assert_ptr_null(tapi_tone_zone_find(""));
	ck_assert_ptr_null(tapi_tone_zone_find(NULL));
	for (i = 0; (z = tapi_tone_zone_at(i)); i++)
		for (j = 0; j < i; j++)
			ck_assert_str_ne(z->code, tapi_tone_zone_at(j)->code);
	ck_assert_uint_ge(i, sizeof(required_zones) / sizeof(required_zones[0]));

	z = tapi_tone_zone_find("us");
	ck_assert_ptr_null(tapi_tone_zone_tone(z, TAPI_TONE_NONE));
	ck_assert_ptr_null(tapi_tone_zone_tone(z, TAPI_TONE_VOICE));
	ck_assert_ptr_null(tapi_tone_zone_tone(z, 1000));
	ck_assert_ptr_null(tapi_tone_zone_tone(NULL, TAPI_TONE_DIAL));
	ck_assert_int_eq(tapi_tone_gen_init(&g, z, TAPI_TONE_ANSWER), -EINVAL);
	ck_assert_int_eq(tapi_tone_gen(&g, buf, 16), 0);
	ck_assert_int_eq(tapi_tone_gen_init(&g, NULL, TAPI_TONE_DIAL), -EINVAL);
	ck_assert_int_eq(tapi_tone_gen_init(&g, z, TAPI_TONE_DIAL), 0);
	ck_assert_int_eq(tapi_tone_gen(&g, NULL, 16), -EINVAL);
	ck_assert_int_eq(tapi_tone_gen(&g, buf, -1), -EINVAL);
	ck_assert_int_eq(tapi_tone_gen(&g, buf, 0), 0);
}
END_TEST

/* ---------------------------------------------------------------- */
/* The generator, measured back                                     */

static long cycle_samples(const struct tapi_tone_desc *d, long cont)
{
	long n = 0;
	int k;

	for (k = 0; k < d->nsteps; k++)
		n += d->step[k].ms ? d->step[k].ms * 8L : cont;
	return n;
}

/* Generate up to n samples in blocks of `block` (0: random sizes). */
static long gen_blocks(const struct tapi_tone_zone *z, int tone, int16_t *x,
		       long n, int block)
{
	struct tapi_tone_gen_state g;
	long done = 0;
	int want, got;

	ck_assert_int_eq(tapi_tone_gen_init(&g, z, tone), 0);
	while (done < n) {
		want = block ? block : testsig_range(1, 333);
		if (want > n - done)
			want = n - done;
		got = tapi_tone_gen(&g, x + done, want);
		ck_assert_int_ge(got, 0);
		ck_assert_int_le(got, want);
		done += got;
		if (got < want) {
			/* ended: and stays ended */
			ck_assert_int_eq(tapi_tone_gen(&g, x + done, 8), 0);
			break;
		}
	}
	return done;
}

/* Zero crossings: an estimate of a single tone's frequency. */
static double crossing_hz(const int16_t *x, long n)
{
	long i, first = -1, last = -1, count = 0;

	for (i = 1; i < n; i++)
		if ((x[i - 1] < 0) != (x[i] < 0)) {
			if (first < 0)
				first = i;
			last = i;
			count++;
		}
	if (count < 3)
		return 0;
	return (count - 1) / 2.0 * 8000.0 / (last - first);
}

static void check_step(const struct tapi_tone_zone *z, int tone, int k,
		       const struct tapi_tone_step *st, const int16_t *x,
		       long n)
{
	double f[3], share, lvl;
	int nf = 1;
	long i;

	if (!st->freq[0]) {
		for (i = 0; i < n; i++)
			ck_assert_msg(!x[i], "%s %s step %d: not silent",
				      z->code, tone_name(tone), k);
		return;
	}
	/* Sound from its first to its last millisecond: exact cadence. */
	ck_assert_msg(testsig_level(x, 8) > st->level - 15 &&
		      testsig_level(x + n - 8, 8) > st->level - 15,
		      "%s %s step %d: edges silent", z->code, tone_name(tone), k);
	f[0] = st->freq[0];
	if (st->freq[1] && st->am) {
		f[1] = st->freq[0] - st->freq[1];
		f[2] = st->freq[0] + st->freq[1];
		nf = 3;
	} else if (st->freq[1]) {
		f[1] = st->freq[1];
		nf = 2;
	}
	share = testsig_tone_share(x, n, f, nf);
	ck_assert_msg(share > 0.97, "%s %s step %d: %.3f of energy at its tones",
		      z->code, tone_name(tone), k, share);
	lvl = testsig_tone_level(x, n, f[0]);
	ck_assert_msg(fabs(lvl - st->level) < 0.3, "%s %s step %d: %.2f dBm0",
		      z->code, tone_name(tone), k, lvl);
	if (nf == 2) {
		lvl = testsig_tone_level(x, n, f[1]);
		ck_assert_msg(fabs(lvl - st->level) < 0.3,
			      "%s %s step %d: 2nd %.2f dBm0", z->code,
			      tone_name(tone), k, lvl);
	}
	if (nf == 3) {
		/* sidebands at depth/2 below the carrier */
		double sb = st->level + 20 * log10(TAPI_TONE_AM_DEPTH / 200.0);

		ck_assert_msg(fabs(testsig_tone_level(x, n, f[1]) - sb) < 0.5 &&
			      fabs(testsig_tone_level(x, n, f[2]) - sb) < 0.5,
			      "%s %s step %d: AM sidebands", z->code,
			      tone_name(tone), k);
	}
	if (nf == 1 && n >= 2400) {
		double hz = crossing_hz(x, n);

		ck_assert_msg(fabs(hz - st->freq[0]) < st->freq[0] * 0.005,
			      "%s %s step %d: %.1f Hz", z->code,
			      tone_name(tone), k, hz);
	}
}

START_TEST(test_tone_gen_measured)
{
	const struct tapi_tone_zone *z = zone_n(_i);
	int t, k, c, ncycles;
	long cycle, total, pos, len, got;
	int16_t *x, *y;

	testsig_seed(100 + _i);
	for (t = TAPI_TONE_DIAL; t <= TAPI_TONE_SIT; t++) {
		const struct tapi_tone_desc *d = tapi_tone_zone_tone(z, t);

		/* a continuous last step: measure one second of it */
		cycle = cycle_samples(d, 8000);
		ncycles = d->repeat ? d->repeat : 2;
		if (!d->step[d->nsteps - 1].ms)
			ncycles = 1;
		total = cycle * ncycles;
		x = calloc(total + 800, sizeof(*x));
		y = calloc(total + 800, sizeof(*y));
		got = gen_blocks(z, t, x, total + 800, 0);
		/* played exactly `repeat` times, or on and on */
		ck_assert_int_eq(got, d->repeat ? total : total + 800);
		/* any block size, the same samples */
		ck_assert_int_eq(gen_blocks(z, t, y, total + 800, 160), got);
		ck_assert_mem_eq(x, y, got * sizeof(*x));

		pos = 0;
		for (c = 0; c < ncycles; c++)
			for (k = 0; k < d->nsteps; k++) {
				len = d->step[k].ms ? d->step[k].ms * 8L : 8000;
				check_step(z, t, k, &d->step[k], x + pos, len);
				pos += len;
			}
		free(x);
		free(y);
	}
}
END_TEST

/* ---------------------------------------------------------------- */
/* The detector                                                     */

#define REC_MAX 64

struct rec {
	long now;		/* samples fed so far */
	int n;
	int tone[REC_MAX];
	long at_ms[REC_MAX];
};

static void rec_cb(void *user, enum tapi_tone tone)
{
	struct rec *r = user;

	if (r->n < REC_MAX) {
		r->tone[r->n] = tone;
		r->at_ms[r->n] = r->now / 8;
		r->n++;
	}
}

/* Feed in blocks of `block` samples (0: random 1..400). */
static void feed(struct tapi_tone_det_state *d, struct rec *r,
		 const int16_t *x, long n, int block)
{
	long pos = 0;
	int len;

	while (pos < n) {
		len = block ? block : testsig_range(1, 400);
		if (len > n - pos)
			len = n - pos;
		r->now = pos + len;
		tapi_tone_det(d, x + pos, len);
		pos += len;
	}
}

static void rec_print(const char *what, const struct rec *r)
{
	int i;

	fprintf(stderr, "%s:", what);
	for (i = 0; i < r->n; i++)
		fprintf(stderr, " %s@%ld", tone_name(r->tone[i]), r->at_ms[i]);
	fprintf(stderr, "\n");
}

/* A copy of a zone with frequencies and durations scaled. */
static void zone_scaled(struct tapi_tone_zone *out,
			const struct tapi_tone_zone *in, double fscale,
			double tscale)
{
	int t, k;

	*out = *in;
	for (t = 0; t < TAPI_TONE_ZONE_TONES; t++)
		for (k = 0; k < out->tone[t].nsteps; k++) {
			struct tapi_tone_step *st = &out->tone[t].step[k];

			if (!st->am || !st->freq[1])
				st->freq[1] = lrint(st->freq[1] * fscale);
			st->freq[0] = lrint(st->freq[0] * fscale);
			st->ms = lrint(st->ms * tscale);
		}
}

/* The tone the detector must name: Japan's congestion is its busy. */
static int expected_tone(const struct tapi_tone_zone *z, int tone)
{
	const struct tapi_tone_desc *d = tapi_tone_zone_tone(z, tone), *e;
	unsigned int i;

	for (i = 0; i < sizeof(detected_tones) / sizeof(detected_tones[0]); i++) {
		if ((int)detected_tones[i] >= tone)
			break;
		e = tapi_tone_zone_tone(z, detected_tones[i]);
		if (e->nsteps == d->nsteps && e->repeat == d->repeat &&
		    !memcmp(e->step, d->step, d->nsteps * sizeof(d->step[0])))
			return detected_tones[i];
	}
	return tone;
}

/* The longest gap; a cadence played once ends with a 1 s one. */
static long longest_gap_ms(const struct tapi_tone_desc *d)
{
	long gap = d->repeat == 1 ? 1000 : 0;
	int k;

	for (k = 0; k < d->nsteps; k++)
		if (!d->step[k].freq[0] && d->step[k].ms > gap)
			gap = d->step[k].ms;
	return gap;
}

struct variant {
	const char *name;
	double gain_db;		/* on the tone */
	double fscale, tscale;	/* frequency and cadence deviation */
	double noise_dbm0;	/* 0: none */
	char law;		/* G.711 'u', 'a' */
	int block;		/* 0: random */
};

static const struct variant variants[] = {
	{ "nominal", 0, 1, 1, 0, 0, 0 },
	{ "-15 dB, 8-sample blocks", -15, 1, 1, 0, 0, 8 },
	{ "+5 dB, 160-sample blocks", 5, 1, 1, 0, 0, 160 },
	{ "+1.5 % Hz, +10 % time", 0, 1.015, 1.1, 0, 0, 0 },
	{ "-1.5 % Hz, -10 % time", 0, 0.985, 0.9, 0, 0, 0 },
	{ "noise -40 dBm0, mu-law", 0, 1, 1, -40, 'u', 0 },
	{ "-10 dB, noise -50 dBm0, A-law, 1600-sample blocks",
	  -10, 1, 1, -50, 'a', 1600 },
};

/*
 * Play a tone of a zone after some silence, then silence: the detector
 * names it (once), says NONE when it stops and SILENCE after.
 */
static void check_detect(const struct tapi_tone_zone *zone, int tone,
			 const struct variant *v)
{
	struct tapi_tone_zone scaled;
	const struct tapi_tone_desc *d;
	struct tapi_tone_det_state det;
	struct rec r = { 0 };
	long lead_ms, play_ms, tail_ms, period_ms, end_ms, n, got;
	int16_t *x;
	int want = expected_tone(zone, tone);
	char what[160];

	zone_scaled(&scaled, zone, v->fscale, v->tscale);
	d = tapi_tone_zone_tone(&scaled, tone);
	period_ms = cycle_samples(d, 0) / 8;
	lead_ms = testsig_range(200, 1500);
	play_ms = 3 * period_ms + 1000;
	if (play_ms < 5000)
		play_ms = 5000;
	tail_ms = longest_gap_ms(d) + 9000;
	n = (lead_ms + play_ms + tail_ms) * 8;
	x = calloc(n, sizeof(*x));
	got = gen_blocks(&scaled, tone, x + lead_ms * 8, play_ms * 8, 0);
	end_ms = lead_ms + got / 8;
	testsig_gain(x, n, v->gain_db);
	if (v->noise_dbm0)
		testsig_add_noise(x, n, v->noise_dbm0);
	testsig_g711(x, n, v->law);

	/* the detector knows the zone's nominal tones, not the deviations */
	tapi_tone_det_init(&det, zone, rec_cb, &r);
	feed(&det, &r, x, n, v->block);
	free(x);

	snprintf(what, sizeof(what), "%s %s (%s), tone %ld..%ld ms",
		 zone->code, tone_name(tone), v->name, lead_ms, end_ms);
	if (r.n != 3 || r.tone[0] != want || r.tone[1] != TAPI_TONE_NONE ||
	    r.tone[2] != TAPI_TONE_SILENCE)
		rec_print(what, &r);
	ck_assert_msg(r.n == 3, "%s: %d reports", what, r.n);
	ck_assert_msg(r.tone[0] == want, "%s: heard %s", what,
		      tone_name(r.tone[0]));
	/*
	 * named while it plays, within two cadences and a half (a cadence
	 * played once: in the silence after it)
	 */
	ck_assert_msg(r.at_ms[0] > lead_ms &&
		      r.at_ms[0] < end_ms + (d->repeat == 1 ? 300 : 0) &&
		      r.at_ms[0] - lead_ms < 2.5 * period_ms + 2500,
		      "%s: named at %ld ms", what, r.at_ms[0]);
	/* stopped: not before the end, no later than its longest gap */
	ck_assert_msg(r.tone[1] == TAPI_TONE_NONE && r.at_ms[1] >= end_ms &&
		      r.at_ms[1] <= end_ms + longest_gap_ms(d) * 1.15 + 1300,
		      "%s: stop reported at %ld ms", what, r.at_ms[1]);
	ck_assert_msg(r.tone[2] == TAPI_TONE_SILENCE &&
		      r.at_ms[2] <= end_ms + longest_gap_ms(d) + 7000,
		      "%s: silence at %ld ms", what, r.at_ms[2]);
}

START_TEST(test_tone_det_zone)
{
	const struct tapi_tone_zone *z = zone_n(_i);
	unsigned int t, v;

	testsig_seed(1000 + _i);
	for (t = 0; t < sizeof(detected_tones) / sizeof(detected_tones[0]); t++)
		for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
			check_detect(z, detected_tones[t], &variants[v]);
}
END_TEST

/* Busy turning into congestion (same frequency, other cadence). */
START_TEST(test_tone_det_busy_to_congestion)
{
	const struct tapi_tone_zone *z = tapi_tone_zone_find("de");
	struct tapi_tone_det_state det;
	struct rec r = { 0 };
	long n = 12 * 8000;
	int16_t *x = calloc(n, sizeof(*x));

	gen_blocks(z, TAPI_TONE_BUSY, x + 4000, 5 * 8000, 0);
	gen_blocks(z, TAPI_TONE_CONGESTION, x + 4000 + 5 * 8000, 4 * 8000, 0);
	tapi_tone_det_init(&det, z, rec_cb, &r);
	feed(&det, &r, x, n, 0);
	rec_print("de busy then congestion", &r);
	ck_assert_int_ge(r.n, 3);
	ck_assert_int_eq(r.tone[0], TAPI_TONE_BUSY);
	ck_assert_int_eq(r.tone[1], TAPI_TONE_NONE);
	ck_assert_int_eq(r.tone[2], TAPI_TONE_CONGESTION);
	ck_assert_int_ge(r.at_ms[1], 5500);
	ck_assert_int_le(r.at_ms[2], 7000);
	free(x);
}
END_TEST

/* Block size changes nothing: the same reports at the same samples. */
START_TEST(test_tone_det_block_sizes)
{
	static const int blocks[] = { 1, 7, 8, 160, 333, 1600 };
	const struct tapi_tone_zone *z = tapi_tone_zone_find("uk");
	struct tapi_tone_det_state det;
	struct rec ref = { 0 }, r;
	long n = 16 * 8000, i;
	int16_t *x = calloc(n, sizeof(*x));
	unsigned int b;

	gen_blocks(z, TAPI_TONE_CONGESTION, x + 3000, 6 * 8000, 0);
	gen_blocks(z, TAPI_TONE_RINGBACK, x + 3000 + 6 * 8000, 6 * 8000, 0);
	tapi_tone_det_init(&det, z, rec_cb, &ref);
	feed(&det, &ref, x, n, 1);
	rec_print("uk congestion then ringback", &ref);
	ck_assert_int_ge(ref.n, 4);
	ck_assert_int_eq(ref.tone[0], TAPI_TONE_CONGESTION);
	for (b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
		memset(&r, 0, sizeof(r));
		tapi_tone_det_init(&det, z, rec_cb, &r);
		feed(&det, &r, x, n, blocks[b]);
		ck_assert_int_eq(r.n, ref.n);
		for (i = 0; i < r.n; i++) {
			ck_assert_int_eq(r.tone[i], ref.tone[i]);
			/* reported in the block holding the deciding frame */
			ck_assert_int_ge(r.at_ms[i], ref.at_ms[i]);
			ck_assert_int_lt(r.at_ms[i], ref.at_ms[i] + blocks[b] / 8 + 1);
		}
	}
	free(x);
}
END_TEST

START_TEST(test_tone_det_silence)
{
	static const double noise[] = { 0, -60, -45 };
	struct tapi_tone_det_state det;
	long n = 10 * 8000;
	int16_t *x = malloc(n * sizeof(*x));
	unsigned int i;
	struct rec r;

	testsig_seed(7);
	for (i = 0; i < sizeof(noise) / sizeof(noise[0]); i++) {
		memset(x, 0, n * sizeof(*x));
		if (noise[i])
			testsig_add_noise(x, n, noise[i]);
		memset(&r, 0, sizeof(r));
		tapi_tone_det_init(&det, tapi_tone_zone_find("se"), rec_cb, &r);
		feed(&det, &r, x, n, 0);
		ck_assert_int_eq(r.n, 1);
		ck_assert_int_eq(r.tone[0], TAPI_TONE_SILENCE);
		/* longer than Sweden's 5 s ringback gap, not much longer */
		ck_assert_int_gt(r.at_ms[0], 5600);
		ck_assert_int_lt(r.at_ms[0], 6200);
		ck_assert_int_eq(tapi_tone_det_current(&det), TAPI_TONE_SILENCE);
	}
	free(x);
}
END_TEST

/* Ringback, then the called party answers: voice. */
START_TEST(test_tone_det_answer_voice)
{
	const struct tapi_tone_zone *z = tapi_tone_zone_find("us");
	struct tapi_tone_det_state det;
	struct rec r = { 0 };
	long ns, n, start;
	int16_t *speech, *x;

	speech = testsig_speech("en-us",
				"Hello, this is Alice speaking. Who is calling?",
				&ns);
	ck_assert_msg(speech, "espeak-ng and sox are needed (make deps)");
	start = 13 * 8000;
	n = start + ns + 8 * 8000;
	x = calloc(n, sizeof(*x));
	gen_blocks(z, TAPI_TONE_RINGBACK, x + 8000, 12 * 8000, 0);
	memcpy(x + start, speech, ns * sizeof(*x));
	tapi_tone_det_init(&det, z, rec_cb, &r);
	feed(&det, &r, x, n, 0);
	rec_print("us ringback then speech", &r);
	ck_assert_int_ge(r.n, 3);
	ck_assert_int_eq(r.tone[0], TAPI_TONE_RINGBACK);
	ck_assert_int_eq(r.tone[1], TAPI_TONE_NONE);
	ck_assert_int_eq(r.tone[2], TAPI_TONE_VOICE);
	/* answered: voice within a second of the first word */
	ck_assert_int_lt(r.at_ms[2], start / 8 + 1000);
	free(speech);
	free(x);
}
END_TEST

/* Speech in several voices: voice, never a call-progress tone. */
START_TEST(test_tone_det_talkoff)
{
	static const char *const voices[][2] = {
		{ "en-us", "Please hold the line. Your call is important to us, "
			   "an agent will be with you in a moment. Thank you." },
		{ "de", "Guten Tag, Sie sind verbunden mit der Zentrale. Bitte "
			"warten Sie, der Anschluss ist besetzt." },
		{ "fr", "Bonjour, vous etes bien chez nous. Laissez un message "
			"apres le bip sonore, merci beaucoup." },
		{ "en-gb+f3", "The number you have dialled has not been "
			      "recognised. Please check and try again." },
	};
	struct tapi_tone_det_state det;
	unsigned int v, zi;
	long ns;
	int16_t *speech;
	struct rec r;
	int i, voice;

	for (v = 0; v < sizeof(voices) / sizeof(voices[0]); v++) {
		speech = testsig_speech(voices[v][0], voices[v][1], &ns);
		ck_assert_msg(speech, "espeak-ng and sox are needed (make deps)");
		for (zi = 0; zi < sizeof(required_zones) / sizeof(required_zones[0]);
		     zi++) {
			memset(&r, 0, sizeof(r));
			tapi_tone_det_init(&det, zone_n(zi), rec_cb, &r);
			feed(&det, &r, speech, ns, 0);
			voice = 0;
			for (i = 0; i < r.n; i++) {
				if (r.tone[i] == TAPI_TONE_VOICE)
					voice++;
				ck_assert_msg(r.tone[i] == TAPI_TONE_VOICE ||
					      r.tone[i] == TAPI_TONE_NONE ||
					      r.tone[i] == TAPI_TONE_SILENCE,
					      "%s speech in zone %s: %s",
					      voices[v][0], required_zones[zi],
					      tone_name(r.tone[i]));
			}
			ck_assert_msg(voice >= 1, "%s speech: no voice",
				      voices[v][0]);
		}
		free(speech);
	}
}
END_TEST

/* Oscillator bursts for the fax tones; reversal_ms: phase flips (ANSam). */
static void fax_tone(int16_t *x, long n, int hz, int level, int on_ms,
		     int off_ms, int reversal_ms)
{
	struct tapi_osc_state o;
	long i, period = (on_ms + off_ms) * 8L;

	tapi_osc_init(&o, TAPI_OSC_HZ(hz), TAPI_OSC_DBM0(level));
	for (i = 0; i < n; i++) {
		if (reversal_ms && i && i % (reversal_ms * 8) == 0)
			o.phase = (o.phase + TAPI_OSC_CYCLE / 2) % TAPI_OSC_CYCLE;
		x[i] = off_ms && i % period >= on_ms * 8 ? 0 : tapi_osc_next(&o);
	}
}

START_TEST(test_tone_det_fax_cng)
{
	static const char *const zones[] = { NULL, "us", "uk", "de", "au" };
	struct tapi_tone_det_state det;
	long n = 14 * 8000;
	int16_t *x = calloc(n, sizeof(*x));
	struct rec r;

	/* 1 s of silence, three CNG cycles, silence */
	fax_tone(x + 8000, 3 * 3500 * 8, 1100, -12, 500, 3000, 0);
	memset(&r, 0, sizeof(r));
	tapi_tone_det_init(&det, zones[_i] ? tapi_tone_zone_find(zones[_i]) :
			   NULL, rec_cb, &r);
	feed(&det, &r, x, n, 0);
	rec_print("fax CNG", &r);
	ck_assert_int_ge(r.n, 2);
	ck_assert_int_eq(r.tone[0], TAPI_TONE_FAX_CNG);
	/* after the first burst, before the second */
	ck_assert_int_ge(r.at_ms[0], 1500);
	ck_assert_int_lt(r.at_ms[0], 1800);
	ck_assert_int_eq(r.tone[1], TAPI_TONE_NONE);
	ck_assert_int_ge(r.at_ms[1], 8000 / 8 + 3 * 3500);
	free(x);
}
END_TEST

START_TEST(test_tone_det_fax_answer)
{
	struct tapi_tone_det_state det;
	long n = 6 * 8000;
	int16_t *x = calloc(n, sizeof(*x));
	struct rec r = { 0 };

	/* V.25 answer tone, 3.3 s; _i: with ANSam's 450 ms phase reversals */
	fax_tone(x + 4000, 3300 * 8, 2100, -12, 3300, 0, _i ? 450 : 0);
	testsig_add_noise(x, n, -50);
	tapi_tone_det_init(&det, tapi_tone_zone_find("fr"), rec_cb, &r);
	feed(&det, &r, x, n, 0);
	rec_print("answer tone", &r);
	ck_assert_int_eq(r.n, 2);
	ck_assert_int_eq(r.tone[0], TAPI_TONE_ANSWER);
	ck_assert_int_lt(r.at_ms[0], 500 + 700);
	ck_assert_int_eq(r.tone[1], TAPI_TONE_NONE);
	ck_assert_int_ge(r.at_ms[1], 500 + 3300);
	ck_assert_int_lt(r.at_ms[1], 500 + 3300 + 150);
	free(x);
}
END_TEST

/* Noise bursts are sound without tone: voice, then it ends. */
START_TEST(test_tone_det_noise_is_voice)
{
	struct tapi_tone_det_state det;
	long n = 6 * 8000;
	int16_t *x = calloc(n, sizeof(*x));
	struct rec r = { 0 };

	testsig_seed(3);
	testsig_add_noise(x + 8000, 2 * 8000, -20);
	tapi_tone_det_init(&det, tapi_tone_zone_find("jp"), rec_cb, &r);
	feed(&det, &r, x, n, 0);
	rec_print("noise burst", &r);
	ck_assert_int_ge(r.n, 2);
	ck_assert_int_eq(r.tone[0], TAPI_TONE_VOICE);
	ck_assert_int_lt(r.at_ms[0], 1000 + 400);
	ck_assert_int_eq(r.tone[1], TAPI_TONE_NONE);
	ck_assert_int_ge(r.at_ms[1], 3000);
	ck_assert_int_lt(r.at_ms[1], 3000 + 1500);
}
END_TEST

START_TEST(test_tone_det_bad_input)
{
	struct tapi_tone_det_state det;
	struct rec r = { 0 };
	int16_t x[8] = { 0 };

	tapi_tone_det_init(&det, NULL, NULL, NULL);
	tapi_tone_det(&det, NULL, 100);
	tapi_tone_det(&det, x, 0);
	tapi_tone_det(&det, x, -5);
	ck_assert_int_eq(tapi_tone_det_current(&det), TAPI_TONE_NONE);
	tapi_tone_det_init(&det, NULL, rec_cb, &r);
	tapi_tone_det(&det, x, 8);
	ck_assert_int_eq(r.n, 0);
}
END_TEST

static Suite *tone_suite(void)
{
	int nz = sizeof(required_zones) / sizeof(required_zones[0]);
	Suite *s = suite_create("tone");
	TCase *tc;

	tc = tcase_create("zones");
	tcase_add_loop_test(tc, test_tone_zones_complete, 0, nz);
	tcase_add_test(tc, test_tone_zones_lookup);
	suite_add_tcase(s, tc);

	tc = tcase_create("generator");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_tone_gen_measured, 0, nz);
	suite_add_tcase(s, tc);

	tc = tcase_create("detector");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_tone_det_zone, 0, nz);
	tcase_add_test(tc, test_tone_det_busy_to_congestion);
	tcase_add_test(tc, test_tone_det_block_sizes);
	tcase_add_test(tc, test_tone_det_silence);
	tcase_add_test(tc, test_tone_det_noise_is_voice);
	tcase_add_test(tc, test_tone_det_bad_input);
	suite_add_tcase(s, tc);

	tc = tcase_create("voice");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_tone_det_answer_voice);
	tcase_add_test(tc, test_tone_det_talkoff);
	suite_add_tcase(s, tc);

	tc = tcase_create("fax");
	tcase_add_loop_test(tc, test_tone_det_fax_cng, 0, 5);
	tcase_add_loop_test(tc, test_tone_det_fax_answer, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tone_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
