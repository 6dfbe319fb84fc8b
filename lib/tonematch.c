// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineMonitorTones describes tones by their frequencies (up to three, all
 * zero for silence); the kernel's detector names the tones it recognises
 * (enum tapi_tone) with the cadences of the channel's tone zone.  An
 * application's entry matches a detected tone when its frequencies are
 * those of the tone in the zone: the frequencies of one step of the
 * tone's cadence, or of all its steps together (SIT's three tones), in
 * any order, each within TONE_TOLERANCE.  Fax calling tone (1100 Hz) and
 * answer tone (2100 Hz) are the same everywhere.  Voice has no
 * frequencies and never matches.
 *
 * The zone table is the DSP's (kernel/dsp/tone_zones.c, built into the
 * library).
 */
#include <stdlib.h>

#include "engine.h"
#include "tone.h"

#define MAX_FREQS	8	/* distinct frequencies of one tone */

static bool close_enough(DWORD a, DWORD b)
{
	DWORD diff = a > b ? a - b : b - a;
	DWORD tolerance = a / 50 > 5 ? a / 50 : 5;	/* 2 %, at least 5 Hz */

	return diff <= tolerance;
}

/* Does the multiset @want (n entries) equal @have (m entries)? */
static bool same_set(const DWORD *want, size_t n, const DWORD *have, size_t m)
{
	bool used[MAX_FREQS] = { false };

	if (n != m || n > MAX_FREQS)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < m; j++)
			if (!used[j] && close_enough(want[i], have[j]))
				break;
		if (j == m)
			return false;
		used[j] = true;
	}
	return true;
}

static size_t add_freq(DWORD *set, size_t n, DWORD f)
{
	if (!f || n == MAX_FREQS)
		return n;
	for (size_t i = 0; i < n; i++)
		if (set[i] == f)
			return n;
	set[n] = f;
	return n + 1;
}

/**
 * tapi_tone_entry_matches() - does a detected tone match an entry
 * @entry: one LINEMONITORTONE of the application
 * @zone: the channel's tone zone code; NULL or "" means "us"
 * @detected: the tone of TAPI_EV_TONE
 *
 * Return: true when @entry describes @detected.
 */
bool tapi_tone_entry_matches(const LINEMONITORTONE *entry,
			     const char *zone, enum tapi_tone detected)
{
	const struct tapi_tone_desc *desc;
	DWORD want[3], all[MAX_FREQS];
	size_t n = 0, nall = 0;

	n = add_freq(want, n, entry->dwFrequency1);
	n = add_freq(want, n, entry->dwFrequency2);
	n = add_freq(want, n, entry->dwFrequency3);
	switch (detected) {
	case TAPI_TONE_SILENCE:
		return n == 0;
	case TAPI_TONE_FAX_CNG:
		all[0] = 1100;
		return same_set(want, n, all, 1);
	case TAPI_TONE_ANSWER:
		all[0] = 2100;
		return same_set(want, n, all, 1);
	default:
		break;
	}
	if (!n)
		return false;
	desc = tapi_tone_zone_tone(tapi_tone_zone_find(zone && *zone ?
						       zone : "us"),
				   detected);
	if (!desc)
		return false;
	for (unsigned int i = 0; i < desc->nsteps; i++) {
		const struct tapi_tone_step *s = &desc->step[i];
		DWORD step[2];
		size_t ns = 0;

		if (!s->freq[0])
			continue;	/* a pause of the cadence */
		ns = add_freq(step, ns, s->freq[0]);
		if (!s->am)	/* a modulating frequency is no tone of its own */
			ns = add_freq(step, ns, s->freq[1]);
		if (same_set(want, n, step, ns))
			return true;
		for (size_t k = 0; k < ns; k++)
			nall = add_freq(all, nall, step[k]);
	}
	return same_set(want, n, all, nall);
}

/**
 * tapi_tone_entry_check() - is an entry of lineMonitorTones valid
 * @entry: the entry
 *
 * Return: 0 or LINEERR_INVALTONELIST (a frequency out of range, or a gap
 * before a later frequency).
 */
LONG tapi_tone_entry_check(const LINEMONITORTONE *entry)
{
	const DWORD f[3] = { entry->dwFrequency1, entry->dwFrequency2,
			     entry->dwFrequency3 };

	for (int i = 0; i < 3; i++) {
		if (f[i] && (f[i] < TAPI_TONE_FREQ_MIN ||
			     f[i] > TAPI_TONE_FREQ_MAX))
			return LINEERR_INVALTONELIST;
		if (i && f[i] && !f[i - 1])
			return LINEERR_INVALTONELIST;
	}
	return 0;
}
