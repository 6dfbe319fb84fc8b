// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: the tone zones, as data.
 *
 * Frequencies and cadences follow ITU-T E.180 Supplement 2 (the ITU list
 * of national tones) and the national specifications it cites: BT SIN 350
 * for the UK, ACIF S002 for Australia, the Precise Tone Plan for North
 * America.  "f1+f2" is the sum of two tones; "f1*f2" (E.180's "f1 x f2")
 * is f1 amplitude modulated by f2 at TAPI_TONE_AM_DEPTH.
 *
 * Levels: the Precise Tone Plan gives the North American ones (dial -13,
 * ringback -19, busy and reorder -24 dBm0 per component).  E.180 leaves
 * levels to the operators; elsewhere we send -10 dBm0 per component, a
 * common national value within the -3..-24 dBm0 range operators use.
 *
 * Where a country uses its busy tone for congestion too (Japan), both
 * entries are the same and no detector can tell them apart.
 */
#include "tone.h"

#define T1(f, lvl, d)		{ .freq = { f, 0 }, .level = lvl, .ms = d }
#define T2(f1, f2, lvl, d)	{ .freq = { f1, f2 }, .level = lvl, .ms = d }
#define AM(f, fm, lvl, d)	{ .freq = { f, fm }, .level = lvl, .am = 1, .ms = d }
#define OFF(d)			{ .ms = d }

#define NSTEPS(...)	(sizeof((struct tapi_tone_step[]){ __VA_ARGS__ }) / \
			 sizeof(struct tapi_tone_step))
/* Tone t of a zone: cadence played rep times (0: until stopped). */
#define TONE(t, rep, ...) \
	[t] = { .tone = t, .repeat = rep, .nsteps = NSTEPS(__VA_ARGS__), \
		.step = { __VA_ARGS__ } }

/* The usual E.180 SIT: 950, 1400, 1800 Hz for 330 ms each, 1 s pause. */
#define SIT_ITU(lvl)	TONE(TAPI_TONE_SIT, 0, T1(950, lvl, 330), \
			     T1(1400, lvl, 330), T1(1800, lvl, 330), OFF(1000))

static const struct tapi_tone_zone tone_zones[] = {
	{
		.code = "us", .name = "United States / North America",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T2(350, 440, -13, 0)),
			TONE(TAPI_TONE_BUSY, 0, T2(480, 620, -24, 500), OFF(500)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T2(440, 480, -19, 2000), OFF(4000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T2(480, 620, -24, 250), OFF(250)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(440, -13, 300), OFF(9700)),
			/* Once, before the intercept announcement. */
			TONE(TAPI_TONE_SIT, 1, T1(950, -24, 330),
			     T1(1400, -24, 330), T1(1800, -24, 330)),
		},
	},
	{
		.code = "uk", .name = "United Kingdom",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T2(350, 440, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(400, -10, 375), OFF(375)),
			TONE(TAPI_TONE_RINGBACK, 0, T2(400, 450, -10, 400),
			     OFF(200), T2(400, 450, -10, 400), OFF(2000)),
			/* SIN 350 "congestion": a two-burst cadence. */
			TONE(TAPI_TONE_CONGESTION, 0, T1(400, -10, 400),
			     OFF(350), T1(400, -10, 225), OFF(525)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(400, -10, 100), OFF(4000)),
			TONE(TAPI_TONE_SIT, 0, T1(950, -10, 330), OFF(15),
			     T1(1400, -10, 330), OFF(15),
			     T1(1800, -10, 330), OFF(1000)),
		},
	},
	{
		.code = "de", .name = "Germany",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 480), OFF(480)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1000), OFF(4000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(425, -10, 240), OFF(240)),
			TONE(TAPI_TONE_CALLWAITING, 5, T1(425, -10, 200),
			     OFF(200), T1(425, -10, 200), OFF(5000)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "fr", .name = "France",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(440, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(440, -10, 500), OFF(500)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(440, -10, 1500), OFF(3500)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(440, -10, 250), OFF(250)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(440, -10, 300), OFF(10000)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "it", .name = "Italy",
		.tone = {
			/* Italian dial tone is cadenced. */
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 200), OFF(200),
			     T1(425, -10, 600), OFF(1000)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 500), OFF(500)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1000), OFF(4000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(425, -10, 200), OFF(200)),
			TONE(TAPI_TONE_CALLWAITING, 0, T1(425, -10, 400),
			     OFF(100), T1(425, -10, 250), OFF(100),
			     T1(425, -10, 150), OFF(14000)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "es", .name = "Spain",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 200), OFF(200)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1500), OFF(3000)),
			/* Busy's bursts, every third gap longer. */
			TONE(TAPI_TONE_CONGESTION, 0, T1(425, -10, 200),
			     OFF(200), T1(425, -10, 200), OFF(200),
			     T1(425, -10, 200), OFF(600)),
			TONE(TAPI_TONE_CALLWAITING, 0, T1(425, -10, 175),
			     OFF(175), T1(425, -10, 175), OFF(3500)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "nl", .name = "Netherlands",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 500), OFF(500)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1000), OFF(4000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(425, -10, 250), OFF(250)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(425, -10, 500), OFF(9500)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "se", .name = "Sweden",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 250), OFF(250)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1000), OFF(5000)),
			/* Busy's bursts with longer gaps. */
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(425, -10, 250), OFF(750)),
			TONE(TAPI_TONE_CALLWAITING, 0, T1(425, -10, 200),
			     OFF(500), T1(425, -10, 200), OFF(9100)),
			TONE(TAPI_TONE_SIT, 0, T1(950, -10, 332), OFF(24),
			     T1(1400, -10, 332), OFF(24),
			     T1(1800, -10, 332), OFF(2024)),
		},
	},
	{
		.code = "jp", .name = "Japan",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(400, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(400, -10, 500), OFF(500)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     AM(400, 16, -10, 1000), OFF(2000)),
			/* The busy tone. */
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(400, -10, 500), OFF(500)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     AM(400, 16, -10, 500), OFF(8000)),
			/* Once, before the announcement. */
			TONE(TAPI_TONE_SIT, 1, T1(950, -10, 330),
			     T1(1400, -10, 330), T1(1800, -10, 330)),
		},
	},
	{
		.code = "au", .name = "Australia",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T2(413, 438, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 375), OFF(375)),
			TONE(TAPI_TONE_RINGBACK, 0, T2(413, 438, -10, 400),
			     OFF(200), T2(413, 438, -10, 400), OFF(2000)),
			/* Busy's cadence, every other burst 10 dB lower. */
			TONE(TAPI_TONE_CONGESTION, 0, T1(425, -10, 375),
			     OFF(375), T1(425, -20, 375), OFF(375)),
			TONE(TAPI_TONE_CALLWAITING, 0, T1(425, -10, 200),
			     OFF(200), T1(425, -10, 200), OFF(4400)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "in", .name = "India",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, AM(400, 25, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(400, -10, 750), OFF(750)),
			TONE(TAPI_TONE_RINGBACK, 0, AM(400, 25, -10, 400),
			     OFF(200), AM(400, 25, -10, 400), OFF(2000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(400, -10, 250), OFF(250)),
			TONE(TAPI_TONE_CALLWAITING, 0, T1(400, -10, 200),
			     OFF(100), T1(400, -10, 200), OFF(7500)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "br", .name = "Brazil",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 250), OFF(250)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1000), OFF(4000)),
			/* Busy's cadence with every other burst long. */
			TONE(TAPI_TONE_CONGESTION, 0, T1(425, -10, 250),
			     OFF(250), T1(425, -10, 750), OFF(250)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(425, -10, 50), OFF(1000)),
			SIT_ITU(-10),
		},
	},
	{
		.code = "cn", .name = "China",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(450, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(450, -10, 350), OFF(350)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(450, -10, 1000), OFF(4000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(450, -10, 700), OFF(700)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(450, -10, 400), OFF(4000)),
			/* The Chinese "vacant number" tone. */
			TONE(TAPI_TONE_SIT, 0, T1(450, -10, 100), OFF(100),
			     T1(450, -10, 100), OFF(100), T1(450, -10, 100),
			     OFF(100), T1(450, -10, 400), OFF(400)),
		},
	},
	{
		.code = "ru", .name = "Russian Federation",
		.tone = {
			TONE(TAPI_TONE_DIAL, 0, T1(425, -10, 0)),
			TONE(TAPI_TONE_BUSY, 0, T1(425, -10, 350), OFF(350)),
			TONE(TAPI_TONE_RINGBACK, 0,
			     T1(425, -10, 1000), OFF(4000)),
			TONE(TAPI_TONE_CONGESTION, 0,
			     T1(425, -10, 175), OFF(175)),
			TONE(TAPI_TONE_CALLWAITING, 0,
			     T1(425, -10, 200), OFF(5000)),
			SIT_ITU(-10),
		},
	},
};

/* ISO 3166 spells the United Kingdom "gb"; "uk" is what users type. */
static const char *const zone_aliases[][2] = {
	{ "gb", "uk" },
};

/**
 * tapi_tone_zone_find() - a tone zone by country code
 * @code: ISO 3166 alpha-2 code in lower case ("us", "uk" or "gb", ...)
 *
 * Return: the zone, or NULL if @code is NULL or names no zone we have.
 */
const struct tapi_tone_zone *tapi_tone_zone_find(const char *code)
{
	unsigned int i;

	if (!code)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(zone_aliases); i++)
		if (!strcmp(code, zone_aliases[i][0]))
			code = zone_aliases[i][1];
	for (i = 0; i < ARRAY_SIZE(tone_zones); i++)
		if (!strcmp(code, tone_zones[i].code))
			return &tone_zones[i];
	return NULL;
}
TAPI_DSP_EXPORT(tapi_tone_zone_find);

/**
 * tapi_tone_zone_code() - the country code of a zone
 * @zone: a zone from tapi_tone_zone_find() or tapi_tone_zone_at()
 *
 * Return: its code, e.g. "us".
 */
const char *tapi_tone_zone_code(const struct tapi_tone_zone *zone)
{
	return zone->code;
}
TAPI_DSP_EXPORT(tapi_tone_zone_code);

/**
 * tapi_tone_zone_at() - zones in table order
 * @index: 0 for the first zone
 *
 * Return: the zone, or NULL past the last one.
 */
const struct tapi_tone_zone *tapi_tone_zone_at(unsigned int index)
{
	return index < ARRAY_SIZE(tone_zones) ? &tone_zones[index] : NULL;
}
TAPI_DSP_EXPORT(tapi_tone_zone_at);

/**
 * tapi_tone_zone_tone() - a zone's descriptor of a tone
 * @zone: the zone
 * @tone: TAPI_TONE_DIAL..TAPI_TONE_SIT
 *
 * Return: the descriptor, or NULL if @tone is not a generated tone or the
 * zone does not define it.
 */
const struct tapi_tone_desc *
tapi_tone_zone_tone(const struct tapi_tone_zone *zone, enum tapi_tone tone)
{
	const struct tapi_tone_desc *d;

	if (!zone || tone <= TAPI_TONE_NONE || tone >= TAPI_TONE_ZONE_TONES)
		return NULL;
	d = &zone->tone[tone];
	return d->tone == tone && d->nsteps ? d : NULL;
}
TAPI_DSP_EXPORT(tapi_tone_zone_tone);
