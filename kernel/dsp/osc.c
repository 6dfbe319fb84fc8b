// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: fixed-point sine oscillator (direct digital synthesis).
 *
 * The phase accumulator counts 1/800000 of a cycle so that any frequency
 * given in 0.01 Hz is represented exactly at 8 kHz; see osc.h for the
 * level reference.
 */
#include "osc.h"

/* sin(i * pi / 512) * 32767 for i = 0..257: a quarter wave plus a guard. */
static const int16_t quarter_sine[258] = {
	0, 201, 402, 603, 804, 1005, 1206, 1407,
	1608, 1809, 2009, 2210, 2410, 2611, 2811, 3012,
	3212, 3412, 3612, 3811, 4011, 4210, 4410, 4609,
	4808, 5007, 5205, 5404, 5602, 5800, 5998, 6195,
	6393, 6590, 6786, 6983, 7179, 7375, 7571, 7767,
	7962, 8157, 8351, 8545, 8739, 8933, 9126, 9319,
	9512, 9704, 9896, 10087, 10278, 10469, 10659, 10849,
	11039, 11228, 11417, 11605, 11793, 11980, 12167, 12353,
	12539, 12725, 12910, 13094, 13279, 13462, 13645, 13828,
	14010, 14191, 14372, 14553, 14732, 14912, 15090, 15269,
	15446, 15623, 15800, 15976, 16151, 16325, 16499, 16673,
	16846, 17018, 17189, 17360, 17530, 17700, 17869, 18037,
	18204, 18371, 18537, 18703, 18868, 19032, 19195, 19357,
	19519, 19680, 19841, 20000, 20159, 20317, 20475, 20631,
	20787, 20942, 21096, 21250, 21403, 21554, 21705, 21856,
	22005, 22154, 22301, 22448, 22594, 22739, 22884, 23027,
	23170, 23311, 23452, 23592, 23731, 23870, 24007, 24143,
	24279, 24413, 24547, 24680, 24811, 24942, 25072, 25201,
	25329, 25456, 25582, 25708, 25832, 25955, 26077, 26198,
	26319, 26438, 26556, 26674, 26790, 26905, 27019, 27133,
	27245, 27356, 27466, 27575, 27683, 27790, 27896, 28001,
	28105, 28208, 28310, 28411, 28510, 28609, 28706, 28803,
	28898, 28992, 29085, 29177, 29268, 29358, 29447, 29534,
	29621, 29706, 29791, 29874, 29956, 30037, 30117, 30195,
	30273, 30349, 30424, 30498, 30571, 30643, 30714, 30783,
	30852, 30919, 30985, 31050, 31113, 31176, 31237, 31297,
	31356, 31414, 31470, 31526, 31580, 31633, 31685, 31736,
	31785, 31833, 31880, 31926, 31971, 32014, 32057, 32098,
	32137, 32176, 32213, 32250, 32285, 32318, 32351, 32382,
	32412, 32441, 32469, 32495, 32521, 32545, 32567, 32589,
	32609, 32628, 32646, 32663, 32678, 32692, 32705, 32717,
	32728, 32737, 32745, 32752, 32757, 32761, 32765, 32766,
	32767, 32766,};

/* 32767 * 65536 * 10^(-d/20): whole-dB attenuation, d = 0..96. */
static const uint32_t atten_db[97] = {
	2147418112, 1913888407, 1705754838, 1520255600, 1354929229,
	1207581947, 1076258543, 959216436, 854902549, 761932698,
	679073232, 605224655, 539407042, 480747032, 428466243,
	381870941, 340342835, 303330871, 270343923, 240944275,
	214741811, 191388841, 170575484, 152025560, 135492923,
	120758195, 107625854, 95921644, 85490255, 76193270,
	67907323, 60522466, 53940704, 48074703, 42846624,
	38187094, 34034283, 30333087, 27034392, 24094428,
	21474181, 19138884, 17057548, 15202556, 13549292,
	12075819, 10762585, 9592164, 8549025, 7619327,
	6790732, 6052247, 5394070, 4807470, 4284662,
	3818709, 3403428, 3033309, 2703439, 2409443,
	2147418, 1913888, 1705755, 1520256, 1354929,
	1207582, 1076259, 959216, 854903, 761933,
	679073, 605225, 539407, 480747, 428466,
	381871, 340343, 303331, 270344, 240944,
	214742, 191389, 170575, 152026, 135493,
	120758, 107626, 95922, 85490, 76193,
	67907, 60522, 53941, 48075, 42847,
	38187, 34034,};

/* 65536 * 10^(-h/2000): the remaining 0.01 dB steps, h = 0..99. */
static const uint32_t atten_cdb[100] = {
	65536, 65461, 65385, 65310, 65235, 65160, 65085, 65010,
	64935, 64860, 64786, 64711, 64637, 64562, 64488, 64414,
	64340, 64266, 64192, 64118, 64044, 63971, 63897, 63823,
	63750, 63677, 63603, 63530, 63457, 63384, 63311, 63238,
	63165, 63093, 63020, 62948, 62875, 62803, 62731, 62658,
	62586, 62514, 62442, 62371, 62299, 62227, 62156, 62084,
	62013, 61941, 61870, 61799, 61728, 61657, 61586, 61515,
	61444, 61373, 61303, 61232, 61162, 61091, 61021, 60951,
	60881, 60811, 60741, 60671, 60601, 60531, 60462, 60392,
	60323, 60253, 60184, 60115, 60045, 59976, 59907, 59838,
	59770, 59701, 59632, 59563, 59495, 59426, 59358, 59290,
	59222, 59153, 59085, 59017, 58949, 58882, 58814, 58746,
	58679, 58611, 58544, 58476,};

/**
 * tapi_osc_peak() - peak amplitude of a sine at a given level
 * @level_cdbm0: level in 0.01 dBm0, at most TAPI_OSC_LEVEL_MAX (+3.14 dBm0)
 *
 * Return: the peak in 16-bit linear (22826 at 0 dBm0, 0 at or below
 * TAPI_OSC_LEVEL_MIN), or -EINVAL above TAPI_OSC_LEVEL_MAX.
 */
int tapi_osc_peak(int level_cdbm0)
{
	unsigned int atten, db;

	if (level_cdbm0 > TAPI_OSC_LEVEL_MAX)
		return -EINVAL;
	if (level_cdbm0 <= TAPI_OSC_LEVEL_MIN)
		return 0;
	/* Attenuation below a full-scale sine, 0.01 dB. */
	atten = TAPI_OSC_LEVEL_MAX - level_cdbm0;
	db = atten / 100;
	if (db >= ARRAY_SIZE(atten_db))
		return 0;
	return (int)(((uint64_t)atten_db[db] * atten_cdb[atten % 100] +
		      (1ULL << 31)) >> 32);
}
TAPI_DSP_EXPORT(tapi_osc_peak);

/**
 * tapi_osc_sin() - sine of a phase
 * @phase: phase in 1/TAPI_OSC_CYCLE of a cycle (reduced modulo a cycle)
 *
 * Return: sin(2 pi phase / TAPI_OSC_CYCLE) * 32767, rounded.
 */
int16_t tapi_osc_sin(uint32_t phase)
{
	uint32_t angle, pos;
	unsigned int i, frac;
	int v;

	/* 2^52 / 800000 = 5629499534.2: phase to a 32-bit angle. */
	angle = (uint32_t)(((uint64_t)(phase % TAPI_OSC_CYCLE) *
			    5629499534ULL) >> 20);
	/* 8 bits of table index and 16 bits of interpolation fraction. */
	pos = (angle >> 6) & 0xffffff;
	if (angle & (1U << 30))		/* 2nd and 4th quarters run backwards */
		pos = 0x1000000 - pos;
	i = pos >> 16;
	frac = pos & 0xffff;
	v = quarter_sine[i] +
	    (((quarter_sine[i + 1] - quarter_sine[i]) * (int)frac + 0x8000) >> 16);
	return (int16_t)((angle & (1U << 31)) ? -v : v);
}
TAPI_DSP_EXPORT(tapi_osc_sin);

/**
 * tapi_osc_init() - start an oscillator at phase 0
 * @s: the oscillator
 * @freq_chz: frequency in 0.01 Hz, 0..TAPI_OSC_FREQ_MAX
 * @level_cdbm0: level in 0.01 dBm0, at most TAPI_OSC_LEVEL_MAX
 *
 * Return: 0, or -EINVAL (and @s silent) if an argument is out of range.
 */
int tapi_osc_init(struct tapi_osc_state *s, unsigned int freq_chz,
		  int level_cdbm0)
{
	s->phase = 0;
	s->step = 0;
	s->peak = 0;
	if (freq_chz > TAPI_OSC_FREQ_MAX || level_cdbm0 > TAPI_OSC_LEVEL_MAX)
		return -EINVAL;
	s->step = freq_chz;
	s->peak = tapi_osc_peak(level_cdbm0);
	return 0;
}
TAPI_DSP_EXPORT(tapi_osc_init);

/**
 * tapi_osc_set_freq() - change the frequency without a phase jump
 * @s: the oscillator
 * @freq_chz: frequency in 0.01 Hz, 0..TAPI_OSC_FREQ_MAX
 *
 * Phase-continuous, as FSK modulation needs.
 *
 * Return: 0, or -EINVAL (frequency unchanged).
 */
int tapi_osc_set_freq(struct tapi_osc_state *s, unsigned int freq_chz)
{
	if (freq_chz > TAPI_OSC_FREQ_MAX)
		return -EINVAL;
	s->step = freq_chz;
	return 0;
}
TAPI_DSP_EXPORT(tapi_osc_set_freq);

/**
 * tapi_osc_set_level() - change the level, keeping the phase
 * @s: the oscillator
 * @level_cdbm0: level in 0.01 dBm0, at most TAPI_OSC_LEVEL_MAX
 *
 * Return: 0, or -EINVAL (level unchanged).
 */
int tapi_osc_set_level(struct tapi_osc_state *s, int level_cdbm0)
{
	if (level_cdbm0 > TAPI_OSC_LEVEL_MAX)
		return -EINVAL;
	s->peak = tapi_osc_peak(level_cdbm0);
	return 0;
}
TAPI_DSP_EXPORT(tapi_osc_set_level);

/**
 * tapi_osc_next() - the next sample
 * @s: the oscillator
 *
 * Return: peak * sin(phase), then the phase advances one sample.
 */
int16_t tapi_osc_next(struct tapi_osc_state *s)
{
	int v = (tapi_osc_sin(s->phase) * s->peak + 0x4000) >> 15;

	s->phase += s->step;
	if (s->phase >= TAPI_OSC_CYCLE)
		s->phase -= TAPI_OSC_CYCLE;
	return (int16_t)v;
}
TAPI_DSP_EXPORT(tapi_osc_next);

/**
 * tapi_osc_gen() - write samples
 * @s: the oscillator
 * @amp: where to write @n samples
 * @n: number of samples
 */
void tapi_osc_gen(struct tapi_osc_state *s, int16_t *amp, int n)
{
	int i;

	for (i = 0; i < n; i++)
		amp[i] = tapi_osc_next(s);
}
TAPI_DSP_EXPORT(tapi_osc_gen);

/**
 * tapi_osc_mix() - add samples to a signal, saturating at full scale
 * @s: the oscillator
 * @amp: @n samples to add to
 * @n: number of samples
 */
void tapi_osc_mix(struct tapi_osc_state *s, int16_t *amp, int n)
{
	int i, v;

	for (i = 0; i < n; i++) {
		v = amp[i] + tapi_osc_next(s);
		if (v > 32767)
			v = 32767;
		else if (v < -32768)
			v = -32768;
		amp[i] = (int16_t)v;
	}
}
TAPI_DSP_EXPORT(tapi_osc_mix);
