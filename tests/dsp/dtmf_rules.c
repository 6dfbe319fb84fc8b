// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * DTMF receiver conformance rules (issue 4, ITU-T Q.24); see dtmf_rules.h.
 *
 * Every case builds a signal from key presses and pauses, starting after
 * a random 20..25 ms of silence so that onsets fall anywhere in a
 * receiver's analysis blocks, runs a fresh receiver over it (8-sample
 * chunks, as the kernel feeds it) and compares the digits reported with
 * the digits expected.  Signals are reproducible: each rule seeds the
 * generator.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf_rules.h"
#include "dtmf_sig.h"

#define CHUNK		8
#define KEYS		DTMFSIG_KEYS

struct sig {
	int16_t *x;
	long n, cap;
};

static void sig_grow(struct sig *s, long more)
{
	if (s->n + more <= s->cap)
		return;
	s->cap = (s->n + more) * 2;
	s->x = realloc(s->x, s->cap * sizeof(*s->x));
	if (!s->x)
		abort();
}

static void sig_silence(struct sig *s, double ms)
{
	long n = lrint(ms * DTMFSIG_RATE / 1000.0);

	sig_grow(s, n);
	memset(s->x + s->n, 0, n * sizeof(*s->x));
	s->n += n;
}

/* Start a signal: 20 ms of silence plus 0..39 samples. */
static void sig_begin(struct sig *s)
{
	s->n = 0;
	sig_silence(s, 20);
	sig_silence(s, dtmfsig_range(0, 39) / 8.0);
}

static long sig_tone(struct sig *s, const struct dtmfsig_tone *t)
{
	long at = s->n, n = lrint(t->ms * DTMFSIG_RATE / 1000.0);

	sig_grow(s, n);
	memset(s->x + s->n, 0, n * sizeof(*s->x));
	dtmfsig_add_tone(s->x + s->n, t);
	s->n += n;
	return at;
}

static void report_case(struct dtmf_rule_report *rep, bool ok,
			const char *fmt, ...)
{
	va_list ap;

	rep->cases++;
	if (ok)
		return;
	if (!rep->failed++) {
		va_start(ap, fmt);
		vsnprintf(rep->detail, sizeof(rep->detail), fmt, ap);
		va_end(ap);
	}
	rep->pass = false;
}

static struct dtmf_result result;

/* Run the receiver over s and compare its digits with expect. */
static void check(enum dtmf_impl impl, struct sig *s, const char *expect,
		  struct dtmf_rule_report *rep, const char *what)
{
	char got[256];

	dtmf_impl_run(impl, s->x, s->n, CHUNK, &result);
	dtmf_result_digits(&result, got, sizeof(got));
	report_case(rep, strcmp(got, expect) == 0,
		    "%s: expected \"%s\", got \"%s\"", what, expect, got);
}

static void begin_rule(struct dtmf_rule_report *rep, uint64_t seed)
{
	memset(rep, 0, sizeof(*rep));
	rep->pass = true;
	dtmfsig_seed(seed);
}

double dtmf_rules_floor(enum dtmf_impl impl)
{
	/* Ours: dtmf_rx.c; spandsp: its default threshold (dtmf_rx_parms). */
	return impl == DTMF_OURS ? -36.0 : -42.0;
}

/* Every key, each level from 0 down to -30 dBm0 per tone. */
static void rule_levels(enum dtmf_impl impl, struct dtmf_rule_report *rep)
{
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64];
	int level, k;

	begin_rule(rep, 1);
	for (level = 0; level >= -30; level--) {
		sig_begin(&s);
		for (k = 0; k < 16; k++) {
			t = dtmfsig_key(KEYS[k], level, 50);
			sig_tone(&s, &t);
			sig_silence(&s, 60);
		}
		snprintf(what, sizeof(what), "%d dBm0", level);
		check(impl, &s, KEYS, rep, what);
	}
	free(s.x);
}

/* Nothing below the floor. */
static void rule_floor(enum dtmf_impl impl, struct dtmf_rule_report *rep)
{
	static const double below[] = { 2, 4, 8, 14 };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64];
	unsigned int i;
	int k;

	begin_rule(rep, 2);
	for (i = 0; i < sizeof(below) / sizeof(below[0]); i++) {
		double level = dtmf_rules_floor(impl) - below[i];

		sig_begin(&s);
		for (k = 0; k < 16; k++) {
			t = dtmfsig_key(KEYS[k], level, 100);
			sig_tone(&s, &t);
			sig_silence(&s, 100);
		}
		snprintf(what, sizeof(what), "%.0f dBm0", level);
		check(impl, &s, "", rep, what);
	}
	free(s.x);
}

/* Frequency offsets of +-1.5 % on either tone or both: detected. */
static void rule_freq_accept(enum dtmf_impl impl,
			     struct dtmf_rule_report *rep)
{
	static const double dev[][2] = {
		{ 0.015, 0 }, { -0.015, 0 }, { 0, 0.015 }, { 0, -0.015 },
		{ 0.015, 0.015 }, { -0.015, -0.015 },
		{ 0.015, -0.015 }, { -0.015, 0.015 },
	};
	static const double levels[] = { -3, -10, -25 };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[96];
	unsigned int i, l;
	int k;

	begin_rule(rep, 3);
	for (l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
		for (i = 0; i < sizeof(dev) / sizeof(dev[0]); i++) {
			sig_begin(&s);
			for (k = 0; k < 16; k++) {
				t = dtmfsig_key(KEYS[k], levels[l], 50);
				t.row_dev = dev[i][0];
				t.col_dev = dev[i][1];
				sig_tone(&s, &t);
				sig_silence(&s, 60);
			}
			snprintf(what, sizeof(what),
				 "row %+.1f %%, column %+.1f %%, %.0f dBm0",
				 dev[i][0] * 100, dev[i][1] * 100, levels[l]);
			check(impl, &s, KEYS, rep, what);
		}
	}
	free(s.x);
}

/* Offsets of 3.5 % and more on either tone: rejected. */
static void rule_freq_reject(enum dtmf_impl impl,
			     struct dtmf_rule_report *rep)
{
	/*
	 * Up to 6.5 %: the DTMF tones of a group are 10.5 % apart, so 7 %
	 * off one is within 3.5 % of its neighbour.
	 */
	static const double dev[] = {
		0.035, -0.035, 0.04, -0.04, 0.05, -0.05, 0.06, -0.06,
		0.065, -0.065,
	};
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[96];
	unsigned int i;
	int k, which;

	begin_rule(rep, 4);
	for (which = 0; which < 2; which++) {
		for (i = 0; i < sizeof(dev) / sizeof(dev[0]); i++) {
			sig_begin(&s);
			for (k = 0; k < 16; k++) {
				t = dtmfsig_key(KEYS[k], -10, 100);
				if (which)
					t.col_dev = dev[i];
				else
					t.row_dev = dev[i];
				sig_tone(&s, &t);
				sig_silence(&s, 100);
			}
			snprintf(what, sizeof(what), "%s tone %+.1f %%",
				 which ? "column" : "row", dev[i] * 100);
			check(impl, &s, "", rep, what);
		}
	}
	free(s.x);
}

/* Tones of 40 ms and longer: detected, once each. */
static void rule_duration_accept(enum dtmf_impl impl,
				 struct dtmf_rule_report *rep)
{
	static const double ms[] = { 40, 41, 43, 45, 50 };
	static const double levels[] = { -5, -20, -30 };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64], expect[64];
	unsigned int i, l;
	int k, rep3;

	begin_rule(rep, 5);
	snprintf(expect, sizeof(expect), "%s%s%s", KEYS, KEYS, KEYS);
	for (l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
		for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
			sig_begin(&s);
			for (rep3 = 0; rep3 < 3; rep3++) {
				for (k = 0; k < 16; k++) {
					t = dtmfsig_key(KEYS[k], levels[l],
							ms[i]);
					sig_tone(&s, &t);
					/* Vary the alignment of each onset. */
					sig_silence(&s, 60 + dtmfsig_range(0, 39) / 8.0);
				}
			}
			snprintf(what, sizeof(what), "%.0f ms at %.0f dBm0",
				 ms[i], levels[l]);
			check(impl, &s, expect, rep, what);
		}
	}
	free(s.x);
}

/* Tones of 20 ms and shorter: rejected. */
static void rule_duration_reject(enum dtmf_impl impl,
				 struct dtmf_rule_report *rep)
{
	static const double ms[] = { 20, 18, 15, 10, 5 };
	static const double levels[] = { 0, -10, -25 };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64];
	unsigned int i, l;
	int k, rep3;

	begin_rule(rep, 6);
	for (l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
		for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
			sig_begin(&s);
			for (rep3 = 0; rep3 < 3; rep3++) {
				for (k = 0; k < 16; k++) {
					t = dtmfsig_key(KEYS[k], levels[l],
							ms[i]);
					sig_tone(&s, &t);
					sig_silence(&s, 80 + dtmfsig_range(0, 39) / 8.0);
				}
			}
			snprintf(what, sizeof(what), "%.0f ms at %.0f dBm0",
				 ms[i], levels[l]);
			check(impl, &s, "", rep, what);
		}
	}
	free(s.x);
}

/* 40 ms pauses separate digits, also the same key pressed again. */
static void rule_pause(enum dtmf_impl impl, struct dtmf_rule_report *rep)
{
	static const char *const seqs[] = {
		KEYS, "1111", "55555", "0#0#", "*D*D", "99",
	};
	static const double on[] = { 40, 50, 100 };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[96];
	unsigned int i, o;
	const char *p;

	begin_rule(rep, 7);
	for (o = 0; o < sizeof(on) / sizeof(on[0]); o++) {
		for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
			sig_begin(&s);
			for (p = seqs[i]; *p; p++) {
				t = dtmfsig_key(*p, -10, on[o]);
				sig_tone(&s, &t);
				sig_silence(&s, 40);
			}
			sig_silence(&s, 60);
			snprintf(what, sizeof(what), "\"%s\", %.0f ms on, 40 ms off",
				 seqs[i], on[o]);
			check(impl, &s, seqs[i], rep, what);
		}
	}
	free(s.x);
}

/* A long tone is one digit; a 10 ms interruption does not split it. */
static void rule_long(enum dtmf_impl impl, struct dtmf_rule_report *rep)
{
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64], key[2] = { 0 };
	int k;

	begin_rule(rep, 8);
	for (k = 0; k < 16; k++) {
		sig_begin(&s);
		t = dtmfsig_key(KEYS[k], -10, k < 4 ? 3000 : 700);
		sig_tone(&s, &t);
		sig_silence(&s, 100);
		key[0] = KEYS[k];
		snprintf(what, sizeof(what), "%c for %.0f ms", KEYS[k], t.ms);
		check(impl, &s, key, rep, what);
	}
	free(s.x);
}

static void rule_interruption(enum dtmf_impl impl,
			      struct dtmf_rule_report *rep)
{
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64], key[2] = { 0 };
	int k, i;

	begin_rule(rep, 9);
	for (i = 0; i < 3; i++) {
		for (k = 0; k < 16; k++) {
			sig_begin(&s);
			t = dtmfsig_key(KEYS[k], -10, 100);
			sig_tone(&s, &t);
			sig_silence(&s, 10);
			sig_tone(&s, &t);
			sig_silence(&s, 100);
			key[0] = KEYS[k];
			snprintf(what, sizeof(what),
				 "%c 100 ms, 10 ms break, 100 ms", KEYS[k]);
			check(impl, &s, key, rep, what);
		}
	}
	free(s.x);
}

static void twist_case(enum dtmf_impl impl, struct dtmf_rule_report *rep,
		       double row_dbm0, double col_dbm0, const char *expect)
{
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[96];
	int k;

	sig_begin(&s);
	for (k = 0; k < 16; k++) {
		t = dtmfsig_key(KEYS[k], 0, 50);
		t.row_dbm0 = row_dbm0;
		t.col_dbm0 = col_dbm0;
		sig_tone(&s, &t);
		sig_silence(&s, 60);
	}
	snprintf(what, sizeof(what), "row %.0f dBm0, column %.0f dBm0",
		 row_dbm0, col_dbm0);
	check(impl, &s, expect, rep, what);
	free(s.x);
}

/*
 * Twist: 8 dB normal (row tone louder, as a long line leaves it) and 4 dB
 * reverse (column tone louder) detected.
 */
static void rule_twist_accept(enum dtmf_impl impl,
			      struct dtmf_rule_report *rep)
{
	static const double row[] = { -2, -10, -22 };
	static const double col[] = { -2, -10, -26 };
	unsigned int i;

	begin_rule(rep, 10);
	for (i = 0; i < 3; i++) {
		twist_case(impl, rep, row[i], row[i] - 8, KEYS);
		twist_case(impl, rep, col[i] - 4, col[i], KEYS);
	}
}

/* Twist: 10 dB normal and 6 dB reverse rejected, and beyond. */
static void rule_twist_reject(enum dtmf_impl impl,
			      struct dtmf_rule_report *rep)
{
	static const double normal[] = { 10, 12, 16 };
	static const double reverse[] = { 6, 8, 12 };
	unsigned int i;

	begin_rule(rep, 11);
	for (i = 0; i < 3; i++) {
		twist_case(impl, rep, -6, -6 - normal[i], "");
		twist_case(impl, rep, -6 - reverse[i], -6, "");
	}
}

/* White noise 15 dB below each tone. */
static void rule_noise(enum dtmf_impl impl, struct dtmf_rule_report *rep)
{
	static const double levels[] = { -5, -15, -25 };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64];
	unsigned int l;
	int k, i;

	begin_rule(rep, 12);
	for (l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
		for (i = 0; i < 5; i++) {
			sig_begin(&s);
			for (k = 0; k < 16; k++) {
				t = dtmfsig_key(KEYS[k], levels[l], 50);
				sig_tone(&s, &t);
				sig_silence(&s, 60);
			}
			dtmfsig_add_noise(s.x, s.n, levels[l] - 15);
			snprintf(what, sizeof(what),
				 "tones %.0f dBm0, noise %.0f dBm0, run %d",
				 levels[l], levels[l] - 15, i);
			check(impl, &s, KEYS, rep, what);
		}
	}
	free(s.x);
}

/* Noise alone, at any level, gives no digits. */
static void rule_noise_alone(enum dtmf_impl impl,
			     struct dtmf_rule_report *rep)
{
	static const double levels[] = { 0, -10, -20, -30, -40 };
	struct sig s = { 0 };
	char what[64];
	unsigned int l;

	begin_rule(rep, 13);
	for (l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
		s.n = 0;
		sig_silence(&s, 10000);
		dtmfsig_add_noise(s.x, s.n, levels[l]);
		snprintf(what, sizeof(what), "10 s of noise at %.0f dBm0",
			 levels[l]);
		check(impl, &s, "", rep, what);
	}
	free(s.x);
}

/* Through G.711 mu-law and A-law, every level down to -30 dBm0. */
static void rule_g711(enum dtmf_impl impl, struct dtmf_rule_report *rep)
{
	static const char laws[] = { 'u', 'a' };
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	char what[64];
	unsigned int i;
	int level, k;

	begin_rule(rep, 14);
	for (i = 0; i < sizeof(laws); i++) {
		for (level = 0; level >= -30; level -= 5) {
			sig_begin(&s);
			for (k = 0; k < 16; k++) {
				t = dtmfsig_key(KEYS[k], level, 50);
				sig_tone(&s, &t);
				sig_silence(&s, 60);
			}
			dtmfsig_g711(s.x, s.n, laws[i]);
			snprintf(what, sizeof(what), "%s-law, %d dBm0",
				 laws[i] == 'u' ? "mu" : "A", level);
			check(impl, &s, KEYS, rep, what);
		}
	}
	free(s.x);
}

const struct dtmf_rule dtmf_rules[] = {
	{ "levels", "0..-30 dBm0 per tone detected", rule_levels },
	{ "floor", "none 2 dB and more below the floor", rule_floor },
	{ "freq-accept", "+-1.5 % detected", rule_freq_accept },
	{ "freq-reject", "+-3.5 % and beyond rejected", rule_freq_reject },
	{ "dur-accept", ">= 40 ms detected once", rule_duration_accept },
	{ "dur-reject", "<= 20 ms rejected", rule_duration_reject },
	{ "pause", "40 ms pauses separate digits", rule_pause },
	{ "long", "a long tone is one digit", rule_long },
	{ "interrupt", "10 ms break does not split", rule_interruption },
	{ "twist-accept", "8 dB normal, 4 dB reverse", rule_twist_accept },
	{ "twist-reject", "10 dB normal, 6 dB reverse", rule_twist_reject },
	{ "noise", "15 dB SNR white noise", rule_noise },
	{ "noise-alone", "no digits from noise", rule_noise_alone },
	{ "g711", "through mu-law and A-law", rule_g711 },
};
const int dtmf_rule_count = sizeof(dtmf_rules) / sizeof(dtmf_rules[0]);

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void dtmf_rules_delay(enum dtmf_impl impl, double *median, double *max)
{
	static const double levels[] = { -3, -10, -20, -30 };
	double delays[16 * 4 * 8];
	long onset[16];
	struct sig s = { 0 };
	struct dtmfsig_tone t;
	int n = 0, k, i, e, l;

	dtmfsig_seed(99);
	for (l = 0; l < 4; l++) {
		for (i = 0; i < 8; i++) {
			sig_begin(&s);
			for (k = 0; k < 16; k++) {
				t = dtmfsig_key(KEYS[k], levels[l], 100);
				onset[k] = sig_tone(&s, &t);
				sig_silence(&s, 100 + dtmfsig_range(0, 39) / 8.0);
			}
			/* One-sample chunks: report times exact. */
			dtmf_impl_run(impl, s.x, s.n, 1, &result);
			for (e = 0, k = 0; e < result.n && k < 16; k++) {
				if (result.ev[e].digit != KEYS[k])
					continue;
				delays[n++] = (result.ev[e].start - onset[k]) /
					      8.0;
				e++;
			}
		}
	}
	free(s.x);
	qsort(delays, n, sizeof(delays[0]), cmp_double);
	*median = n ? delays[n / 2] : -1;
	*max = n ? delays[n - 1] : -1;
}
