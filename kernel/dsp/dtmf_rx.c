// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: DTMF receiver (ITU-T Q.24), fixed point.
 *
 * Limits met (tests/dsp/test_dtmf_rx.c checks each one):
 *   - all 16 digits from 0 dBm0 down to -30 dBm0 per tone; sensitivity
 *     floor -36 dBm0 per tone: nothing is detected at -38 dBm0;
 *   - frequency deviation: accepted within +-1.5 %, rejected from +-3.5 %;
 *   - twist: accepted up to 8 dB normal (row tone louder, as long lines
 *     leave it) and 4 dB reverse (column tone louder), rejected from
 *     10 dB normal and 6 dB reverse;
 *   - duration: tones of 40 ms detected, of 20 ms or less rejected;
 *     pauses of 40 ms separate digits, interruptions of 10 ms do not;
 *   - white noise: detected at 15 dB SNR (noise power over the whole
 *     band against the power of each tone); noise alone gives nothing.
 *
 * How.  Samples are collected into blocks of 40 (5 ms).  For each block,
 * eight Goertzel filters give the complex amplitude of each DTMF tone:
 * the column tones at 8 kHz, the row tones after a [1 2 1] low-pass and
 * 2:1 decimation to 4 kHz (their aliases above 3 kHz are 18 dB down, and
 * half the multiplies are saved).  A block's 200 Hz wide bins cannot tell
 * neighbouring row tones apart, so the last four blocks are combined
 * coherently, each rotated by the phase its tone advances per block, into
 * a 20 ms window with 50 Hz resolution; that is what names the digit.
 * The phase change of each tone between the two halves of the window (or
 * between consecutive blocks for the two highest tones, whose change
 * would wrap) measures its frequency offset to well under 1 %, which is
 * what rejects a tone 3.5 % off: a window alone would lose only 2 dB
 * there.  The energy of each block tells how long the tone has been on,
 * to a fraction of a block, so a digit is reported as soon as it has
 * lasted 24 ms: tone onset to report 24 to 29 ms (median 27), where two
 * whole 12.75 ms blocks (the classic design) take 25.5 to 38 ms.
 *
 * A window names a digit when its strongest row and column tones are
 * each 8 dB above the other tones of their group, within 2.5 % of their
 * nominal frequency, above the floor, within the twist limits, and
 * together carry at least 80 % of the window's energy (which rejects
 * speech and music, whose energy is spread).  For the last three tests
 * each tone's power is taken at its own frequency (the best of five
 * coherent sums 1 % apart) after removing the other tone's leakage into
 * its bin, which otherwise moves a measured twist by up to 1.5 dB.  The
 * window's four blocks must hold the tones steadily (none below half
 * the strongest), and a tone that failed the twist test stays rejected
 * until it stops, since windows cut by its end misjudge the twist.  A digit then lasts while
 * each block still carries its two tones, each within 6 dB of its level
 * at the start, with 70 % of the block's energy; it ends after 20 ms
 * without them, which bridges interruptions of 10 ms.
 *
 * Any block size from 1 sample gives the same reports: samples are
 * buffered to the 40-sample grid.  Cost: about 40 instructions per sample
 * on x86-64 (24 of them the Goertzel steps), half of spandsp's dtmf_rx;
 * state: 408 bytes per channel.
 */
#include "dtmf.h"

#define BLOCK		TAPI_DTMF_BLOCK
#define WINDOW		TAPI_DTMF_WINDOW
#define HISTORY		TAPI_DTMF_HISTORY
#define ROWS		4

/* Goertzel coefficients 2 cos(w) in Q14: rows at 4 kHz, columns at 8 kHz. */
#define ROW0_COEF	15014	/* 697 Hz */
#define ROW1_COEF	11583	/* 770 Hz */
#define ROW2_COEF	7549	/* 852 Hz */
#define ROW3_COEF	3032	/* 941 Hz */
#define COL0_COEF	19073	/* 1209 Hz */
#define COL1_COEF	16325	/* 1336 Hz */
#define COL2_COEF	13085	/* 1477 Hz */
#define COL3_COEF	9315	/* 1633 Hz */

#define GRID		5	/* frequencies tried per tone: -2..+2 % */
#define GRID_NOMINAL	2

/**
 * struct dtmf_tone - constants of one tone's analysis, Q14 unless noted
 * @y_v1: complex amplitude from the Goertzel state: re = y_v1 v1 - y_v2_re
 * @y_v2_re: v2, im = y_v2_im v2.  For rows this includes the inverse gain
 * @y_v2_im: of the [1 2 1] low-pass, so that every tone has |y| = 20 A.
 * @rot: e^(j 2 pi f' 40 / 8000), the phase a tone at f' advances per
 *	block, for f' = f - 2 %, -1 %, 0, +1 %, +2 %
 * @rot2: rot[GRID_NOMINAL] squared: two blocks
 * @lag: blocks over which the phase change is measured: 2, or 1 for 1477
 *	and 1633 Hz, whose change over two blocks would wrap past pi at
 *	3.5 % off
 * @tan_limit: Q12 tan of that change at 2.5 % off; when @obtuse (the
 *	change exceeds pi/2), tan of pi minus it
 * @obtuse: see @tan_limit
 */
struct dtmf_tone {
	int16_t y_v1, y_v2_re, y_v2_im;
	int16_t rot[GRID][2];
	int16_t rot2[2];
	uint8_t lag;
	bool obtuse;
	int32_t tan_limit;
};

static const struct dtmf_tone tones[TAPI_DTMF_TONES] = {
	{ 8838, 4049, 7855,
	  { { -14118, 8314 }, { -15587, 5048 }, { -16311, 1542 },
	    { -16257, -2038 }, { -15426, -5521 } },
	  { 16094, -3070 }, 2, false, 7946 },
	{ 8989, 3177, 8409,
	  { { 2359, -16213 }, { 6175, -15176 }, { 9630, -13255 },
	    { 12525, -10562 }, { 14691, -7254 } },
	  { -5063, -15582 }, 2, false, 10840 },
	{ 9182, 2115, 8935,
	  { { 7457, 14589 }, { 3333, 16041 }, { -1029, 16352 },
	    { -5317, 15497 }, { -9226, 13539 } },
	  { -16255, -2053 }, 2, false, 17300 },
	{ 9421, 872, 9381,
	  { { -12565, -10515 }, { -8956, -13719 }, { -4571, -15733 },
	    { 211, -16383 }, { 4975, -15610 } },
	  { -13833, 8779 }, 2, false, 44070 },
	{ 16384, 9536, 13323,
	  { { 14556, -7521 }, { 16307, -1588 }, { 15733, 4571 },
	    { 12917, 10078 }, { 8260, 14149 } },
	  { 13833, 8779 }, 2, true, 12025 },
	{ 16384, 8162, 14206,
	  { { -15693, -4709 }, { -12412, -10695 }, { -6976, -14825 },
	    { -329, -16381 }, { 6374, -15093 } },
	  { -10444, 12624 }, 2, true, 7026 },
	{ 16384, 6542, 15021,
	  { { 1306, 16332 }, { -6141, 15189 }, { -12290, 10835 },
	    { -15839, 4189 }, { -16039, -3343 } },
	  { 2053, -16255 }, 1, false, 9404 },
	{ 16384, 4657, 15708,
	  { { 16383, 175 }, { 14188, 8193 }, { 8340, 14102 },
	    { 345, 16380 }, { -7739, 14441 } },
	  { -7893, 14357 }, 1, false, 13815 },
};

/*
 * A tone leaks into the other group's bins (a block is only 5 ms): by
 * up to -14 dB, and -25 dB over the window, enough to move a measured
 * twist by 1.5 dB.  leak_*[row][col] is that leakage relative to the
 * tone's own bin (complex, Q14), computed from the filters; subtracting
 * it leaves the twist within 0.4 dB.
 */
static const int16_t leak_col_to_row[4][4][2] = {
	{ { -1178, -1301 }, { 316, -725 }, { -323, 77 }, { -641, -316 } },
	{ { 419, -1135 }, { -795, 56 }, { -777, -896 }, { -18, -769 } },
	{ { -1641, -10 }, { -729, -1641 }, { 254, -455 }, { -281, 109 } },
	{ { -732, -3039 }, { -143, 111 }, { -1314, -358 }, { -668, -949 } },
};

static const int16_t leak_row_to_col[4][4][2] = {
	{ { -1027, 1733 }, { 583, 748 }, { -419, 31 }, { -653, 707 } },
	{ { 689, 1187 }, { -935, 143 }, { -629, 1346 }, { 319, 979 } },
	{ { -1813, 267 }, { -474, 2046 }, { 442, 470 }, { -398, -26 } },
	{ { -447, 3387 }, { -182, -101 }, { -1471, 760 }, { -507, 1426 } },
};

static const char dtmf_keys[] = "123A456B789C*0#D";

/*
 * Levels.  A tone of peak A gives |y|^2 = 400 A^2 per block (energy 20 A^2)
 * and (|A| + |B|)^2 = 6400 A^2 over the window.
 */
/* Block energies are kept divided by 32 so that they fit 32 bits. */
#define ENERGY_SHIFT		5
/* Blocks quieter than two tones at -37 dBm0 (peak 322) are not analysed. */
#define MIN_BLOCK_ENERGY	4158000LL
/* The sensitivity floor: each tone at least -36 dBm0 (peak 362). */
#define MIN_TONE_POWER		837600000LL
/* Strongest tone of a group 8 dB above the others (power ratio x100). */
#define REL_PEAK_X100		631
/* Twist limits, power ratio x100: 9 dB normal, 5 dB reverse. */
#define TWIST_NORMAL_X100	794
#define TWIST_REVERSE_X100	316
/* Window: both tones carry 80 % of its energy. */
#define WINDOW_SHARE_X100	80
/* Newest block before the window is examined: 60 % in its two bins. */
#define QUICK_SHARE_X100	60
/* A digit goes on while a block has 70 % of its energy in the two tones. */
#define PRESENT_SHARE_X100	70
/*
 * Each block of the window holds the two tones at 50 % or more of the
 * power of the strongest block: none is cut by the tone's start or end
 * (whose spread spectrum leaks more than the twist measurement allows).
 */
#define STEADY_X100		50
/* Report a digit once it has lasted 24 ms. */
#define MIN_ON_SAMPLES		(24 * 8)
/* End it after 4 blocks (20 ms) without it. */
#define GAP_BLOCKS		4

struct cplx {
	int64_t re, im;
};

/**
 * tapi_dtmf_rx_init() - set up a receiver
 * @s: receiver state
 * @fn: called for each digit start and end, may be NULL
 * @user: passed to @fn
 */
void tapi_dtmf_rx_init(struct tapi_dtmf_rx_state *s, tapi_dtmf_digit_fn fn,
		       void *user)
{
	memset(s, 0, sizeof(*s));
	s->fn = fn;
	s->user = user;
}
TAPI_DSP_EXPORT(tapi_dtmf_rx_init);

/*
 * Two Goertzel steps, v[n] = x[n] + c v[n-1] - v[n-2], with the state in
 * (a, b) = (v[n-1], v[n-2]) and the coefficient c in Q14.  Written so
 * that each step is four instructions on x86 (the sum lands in place).
 */
#define GOERTZEL2(a, b, c, x0, x1)				\
	do {							\
		int64_t t_;					\
		t_ = (((c) * (a)) >> 14) - (b);			\
		(b) = t_ + (x0);				\
		t_ = (((c) * (b)) >> 14) - (a);			\
		(a) = t_ + (x1);				\
	} while (0)

/* A tone's complex amplitude from its Goertzel state (a, b). */
#define AMPLITUDE(re, im, k, a, b)					\
	do {								\
		(re)[k] = (int32_t)((tones[k].y_v1 * (a) -		\
				     tones[k].y_v2_re * (b)) >> 14);	\
		(im)[k] = (int32_t)((tones[k].y_v2_im * (b)) >> 14);	\
	} while (0)

/*
 * Row tones: d[m] = x[2m-1] + 2 x[2m] + x[2m+1] at 4 kHz, 20 samples per
 * block.  Writes their complex amplitudes to re[0..3], im[0..3].
 */
static void goertzel_rows(const int16_t *x, int64_t prev, int32_t *re,
			  int32_t *im)
{
	int64_t a0 = 0, b0 = 0, a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0;
	int64_t x0, x1, x2, x3, d0, d1;
	int i;

	for (i = 0; i < BLOCK; i += 4) {
		x0 = x[i];
		x1 = x[i + 1];
		x2 = x[i + 2];
		x3 = x[i + 3];
		d0 = prev + 2 * x0 + x1;
		d1 = x1 + 2 * x2 + x3;
		prev = x3;
		GOERTZEL2(a0, b0, ROW0_COEF, d0, d1);
		GOERTZEL2(a1, b1, ROW1_COEF, d0, d1);
		GOERTZEL2(a2, b2, ROW2_COEF, d0, d1);
		GOERTZEL2(a3, b3, ROW3_COEF, d0, d1);
	}
	AMPLITUDE(re, im, 0, a0, b0);
	AMPLITUDE(re, im, 1, a1, b1);
	AMPLITUDE(re, im, 2, a2, b2);
	AMPLITUDE(re, im, 3, a3, b3);
}

/*
 * Column tones at 8 kHz, 40 samples: their complex amplitudes to
 * re[4..7], im[4..7].  Returns the block's energy.
 */
static int64_t goertzel_cols(const int16_t *x, int32_t *re, int32_t *im)
{
	int64_t a0 = 0, b0 = 0, a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0;
	int64_t x0, x1, energy = 0;
	int i;

	for (i = 0; i < BLOCK; i += 2) {
		x0 = x[i];
		x1 = x[i + 1];
		GOERTZEL2(a0, b0, COL0_COEF, x0, x1);
		GOERTZEL2(a1, b1, COL1_COEF, x0, x1);
		GOERTZEL2(a2, b2, COL2_COEF, x0, x1);
		GOERTZEL2(a3, b3, COL3_COEF, x0, x1);
		energy += x0 * x0 + x1 * x1;
	}
	AMPLITUDE(re, im, 4, a0, b0);
	AMPLITUDE(re, im, 5, a1, b1);
	AMPLITUDE(re, im, 6, a2, b2);
	AMPLITUDE(re, im, 7, a3, b3);
	return energy;
}

static int64_t power(int64_t re, int64_t im)
{
	return re * re + im * im;
}

/* y * e^(j angle) with e^(j angle) = (c + j s) in Q14. */
static struct cplx rotate(int64_t re, int64_t im, int c, int s)
{
	struct cplx r = {
		.re = (re * c - im * s) >> 14,
		.im = (re * s + im * c) >> 14,
	};
	return r;
}

/* Index into y_re/y_im of block i of the window, 0 the oldest. */
static int window_block(const struct tapi_dtmf_rx_state *s, int i)
{
	return (s->newest + 1 + i) % WINDOW;
}

static uint32_t block_energy(const struct tapi_dtmf_rx_state *s, int age)
{
	return s->energy[(s->newest_energy + HISTORY - age) % HISTORY];
}

/*
 * How long the tone in the newest block has been on, in samples: its
 * blocks counted back while they hold at least half the steady energy
 * (the newest three blocks' mean), plus the fraction of the block where
 * it began.
 */
static unsigned int tone_samples(const struct tapi_dtmf_rx_state *s)
{
	uint32_t ref, e, frac;
	unsigned int age, samples = 0;

	ref = block_energy(s, 0) / 3 + block_energy(s, 1) / 3 +
	      block_energy(s, 2) / 3;
	ref = (ref >> 8) + 1;
	for (age = 0; age < HISTORY; age++) {
		e = block_energy(s, age);
		frac = e / ref;			/* 256: the steady energy */
		if (frac > 256)
			frac = 256;
		samples += frac * BLOCK / 256;
		if (frac < 128)
			break;
	}
	return samples;
}

static struct cplx cmul(struct cplx a, const int16_t *c)
{
	return rotate(a.re, a.im, c[0], c[1]);
}

/* Whether the tone's phase advances as its nominal frequency +-2.5 %. */
static bool tone_on_frequency(const struct dtmf_tone *t,
			      const struct cplx *y)
{
	struct cplx z = { 0, 0 }, a, b;
	int64_t re, im;
	int i;

	if (t->lag == 2) {
		/* Each half of the window aligned to its later block. */
		a = cmul(y[0], t->rot[GRID_NOMINAL]);
		a.re += y[1].re;
		a.im += y[1].im;
		b = cmul(y[2], t->rot[GRID_NOMINAL]);
		b.re += y[3].re;
		b.im += y[3].im;
		z.re = b.re * a.re + b.im * a.im;	/* b conj(a) */
		z.im = b.im * a.re - b.re * a.im;
		z = rotate(z.re, z.im, t->rot2[0], -t->rot2[1]);
	} else {
		for (i = 1; i < WINDOW; i++) {
			z.re += y[i].re * y[i - 1].re + y[i].im * y[i - 1].im;
			z.im += y[i].im * y[i - 1].re - y[i].re * y[i - 1].im;
		}
		z = rotate(z.re, z.im, t->rot[GRID_NOMINAL][0],
			   -t->rot[GRID_NOMINAL][1]);
	}
	/* z's angle is the offset's phase change: compare with the limit. */
	re = z.re;
	im = z.im < 0 ? -z.im : z.im;
	if (!t->obtuse)
		return re > 0 && im * 4096 <= re * t->tan_limit;
	return re >= 0 || im * 4096 >= -re * t->tan_limit;
}

/*
 * The tone's power over the window at its own frequency: the best of the
 * coherent sums for offsets of -2..+2 % (at most 0.4 dB below the peak
 * for offsets up to 2.5 %).
 */
static int64_t tone_power(const struct dtmf_tone *t, const struct cplx *y)
{
	int64_t best = 0, p;
	struct cplx sum;
	int g, i;

	for (g = 0; g < GRID; g++) {
		sum = y[0];
		for (i = 1; i < WINDOW; i++) {
			sum = cmul(sum, t->rot[g]);
			sum.re += y[i].re;
			sum.im += y[i].im;
		}
		p = power(sum.re, sum.im);
		if (p > best)
			best = p;
	}
	return best;
}

/* Strongest of four powers, if the other three are REL_PEAK below it. */
static int strongest(const int64_t *p)
{
	int i, best = 0;

	for (i = 1; i < 4; i++)
		if (p[i] > p[best])
			best = i;
	for (i = 0; i < 4; i++)
		if (i != best && p[i] * REL_PEAK_X100 > p[best] * 100)
			return -1;
	return best;
}

/*
 * The digit (key index + 1) the last 20 ms name, 0 if none, or
 * TWIST_FAILED if they hold a clean pair of tones outside the twist
 * limits.
 */
#define TWIST_FAILED	(-1)
static int window_digit(const struct tapi_dtmf_rx_state *s)
{
	struct cplx yr[WINDOW], yc[WINDOW], sum, raw_r, raw_c;
	int64_t p[TAPI_DTMF_TONES], pr, pc, energy = 0;
	int k, i, b, row, col;

	/* Nominal coherent power of every tone: which digit, if any. */
	for (k = 0; k < TAPI_DTMF_TONES; k++) {
		b = window_block(s, 0);
		sum.re = s->y_re[b][k];
		sum.im = s->y_im[b][k];
		for (i = 1; i < WINDOW; i++) {
			b = window_block(s, i);
			sum = cmul(sum, tones[k].rot[GRID_NOMINAL]);
			sum.re += s->y_re[b][k];
			sum.im += s->y_im[b][k];
		}
		p[k] = power(sum.re, sum.im);
	}
	row = strongest(p);
	col = strongest(p + ROWS);
	if (row < 0 || col < 0)
		return 0;
	/* The two tones, each without the other's leakage. */
	for (i = 0; i < WINDOW; i++) {
		b = window_block(s, i);
		raw_r.re = s->y_re[b][row];
		raw_r.im = s->y_im[b][row];
		raw_c.re = s->y_re[b][ROWS + col];
		raw_c.im = s->y_im[b][ROWS + col];
		sum = cmul(raw_c, leak_col_to_row[row][col]);
		yr[i].re = raw_r.re - sum.re;
		yr[i].im = raw_r.im - sum.im;
		sum = cmul(raw_r, leak_row_to_col[row][col]);
		yc[i].re = raw_c.re - sum.re;
		yc[i].im = raw_c.im - sum.im;
	}
	for (i = 0, pr = 0; i < WINDOW; i++) {
		p[i] = power(yr[i].re, yr[i].im) + power(yc[i].re, yc[i].im);
		if (p[i] > pr)
			pr = p[i];
	}
	for (i = 0; i < WINDOW; i++)
		if (p[i] * 100 < pr * STEADY_X100)
			return 0;
	if (!tone_on_frequency(&tones[row], yr) ||
	    !tone_on_frequency(&tones[ROWS + col], yc))
		return 0;
	pr = tone_power(&tones[row], yr);
	pc = tone_power(&tones[ROWS + col], yc);
	if (pr < MIN_TONE_POWER || pc < MIN_TONE_POWER)
		return 0;
	if (pr * 100 > pc * TWIST_NORMAL_X100 ||
	    pc * 100 > pr * TWIST_REVERSE_X100)
		return TWIST_FAILED;
	for (i = 0; i < WINDOW; i++)
		energy += (int64_t)block_energy(s, i) << ENERGY_SHIFT;
	/* Tone energy over the window is power / 80. */
	if ((pr + pc) * 100 < energy * 80 * WINDOW_SHARE_X100)
		return 0;
	return row * 4 + col + 1;
}

static void look_for_digit(struct tapi_dtmf_rx_state *s, int64_t energy)
{
	int64_t p[TAPI_DTMF_TONES];
	int k, row = 0, col = ROWS, digit, w = s->newest;

	if (energy < MIN_BLOCK_ENERGY)
		return;
	/* Cheap test first: the newest block's strongest two bins. */
	for (k = 0; k < TAPI_DTMF_TONES; k++) {
		p[k] = power(s->y_re[w][k], s->y_im[w][k]);
		if (k < ROWS && p[k] > p[row])
			row = k;
		if (k >= ROWS && p[k] > p[col])
			col = k;
	}
	/* A block's bin power is 20 times the tone's energy in it. */
	if ((p[row] + p[col]) * 100 < energy * 20 * QUICK_SHARE_X100)
		return;
	if (tone_samples(s) < MIN_ON_SAMPLES) {
		s->vetoed = false;	/* a new tone may start */
		return;
	}
	/*
	 * A tone whose twist failed while it was steady is not taken later
	 * when it stops: a window cut by its end (the newest block part
	 * silent) spreads its leakage and can misjudge the twist by 1 dB.
	 */
	if (s->vetoed)
		return;
	digit = window_digit(s);
	if (digit == TWIST_FAILED)
		s->vetoed = true;
	if (digit <= 0)
		return;
	row = (digit - 1) / 4;
	col = ROWS + (digit - 1) % 4;
	s->digit = digit;
	s->ref_row = p[row] >> 8;
	s->ref_col = p[col] >> 8;
	s->on_samples = tone_samples(s);
	s->edge_samples = 0;
	s->absent = 0;
	if (s->fn)
		s->fn(s->user, dtmf_keys[digit - 1], false, 0);
}

static void track_digit(struct tapi_dtmf_rx_state *s, int64_t energy)
{
	int row = (s->digit - 1) / 4, col = ROWS + (s->digit - 1) % 4;
	int w = s->newest;
	int64_t pr = 0, pc = 0, ref;
	bool present = false;

	if (energy >= MIN_BLOCK_ENERGY) {
		pr = power(s->y_re[w][row], s->y_im[w][row]);
		pc = power(s->y_re[w][col], s->y_im[w][col]);
		present = (pr + pc) * 100 >= energy * 20 * PRESENT_SHARE_X100 &&
			  (pr >> 8) >= s->ref_row / 4 &&
			  (pc >> 8) >= s->ref_col / 4;
	}
	if (present) {
		s->on_samples += (s->absent + 1) * BLOCK;
		s->absent = 0;
		s->edge_samples = 0;
		return;
	}
	if (s->absent == 0) {
		/* The tone's share of the block where it stopped. */
		ref = ((int64_t)s->ref_row + s->ref_col) << 8;
		if (energy * 20 >= ref)
			s->edge_samples = BLOCK;
		else
			s->edge_samples = (uint32_t)(energy * 20 * BLOCK / ref);
	}
	if (++s->absent < GAP_BLOCKS)
		return;
	if (s->fn)
		s->fn(s->user, dtmf_keys[s->digit - 1], true,
		      (s->on_samples + s->edge_samples) / 8);
	s->digit = 0;
}

/*
 * A block is complete: analyse it and update the digit state.  Kept out
 * of line so that the per-call path stays small.
 */
static noinline void block_done(struct tapi_dtmf_rx_state *s)
{
	int64_t energy;
	int w;

	w = s->newest = (s->newest + 1) % WINDOW;
	goertzel_rows(s->buf, s->prev, s->y_re[w], s->y_im[w]);
	energy = goertzel_cols(s->buf, s->y_re[w], s->y_im[w]);
	s->prev = s->buf[BLOCK - 1];
	s->fill = 0;
	s->newest_energy = (s->newest_energy + 1) % HISTORY;
	s->energy[s->newest_energy] = (uint32_t)(energy >> ENERGY_SHIFT);
	if (s->digit)
		track_digit(s, energy);
	else
		look_for_digit(s, energy);
}

/* Any number of samples: fill and analyse blocks. */
static noinline void
feed_samples(struct tapi_dtmf_rx_state *s, const int16_t *amp, int n)
{
	int room;

	while (n >= (room = BLOCK - s->fill)) {
		memcpy(s->buf + s->fill, amp, room * sizeof(*amp));
		amp += room;
		n -= room;
		block_done(s);
	}
	memcpy(s->buf + s->fill, amp, n * sizeof(*amp));
	s->fill += n;
}

/**
 * tapi_dtmf_rx() - feed samples to a receiver
 * @s: receiver state
 * @amp: 8 kHz 16-bit linear samples
 * @n: number of samples, any count from 1 up (0 or less: nothing)
 *
 * Calls the digit function from inside, in sample order.
 */
void tapi_dtmf_rx(struct tapi_dtmf_rx_state *s, const int16_t *amp, int n)
{
	/* The core's 1 ms calls, mostly: a fixed-size copy and return. */
	if (n == 8 && s->fill + 8 <= BLOCK) {
		memcpy(s->buf + s->fill, amp, 8 * sizeof(*amp));
		s->fill += 8;
		if (s->fill == BLOCK)
			block_done(s);
		return;
	}
	if (n > 0)
		feed_samples(s, amp, n);
}
TAPI_DSP_EXPORT(tapi_dtmf_rx);
