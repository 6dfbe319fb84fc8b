// SPDX-License-Identifier: GPL-2.0
/*
 * test_pcm_all - every channel of a simulated card streams through its
 * ALSA PCM at once, both ways, for 60 s of simulated time (480000 frames
 * captured per channel), without an xrun; at the end each channel still
 * hears the tone its partner plays.
 *
 * The card has the shape of the one tapi_sim makes at load, doubled
 * (4 FXS + 4 FXO = 8 channels, patched in pairs).  Periods are 20 ms and
 * buffers 1 s, so that an xrun means the PCM path lost or stalled frames,
 * not that the emulated VM scheduled the test a few periods late.  The
 * wall time is about the simulated time (the media clock is real time);
 * the bound below only turns a hang into a failure.
 */
#include "kselftest_harness.h"
#include "pcm_util.h"

#define NCHAN		8
#define STREAM_S	60
#define TONE_AMP	6000.0
#define WINDOW		400

FIXTURE(all) {
	int sim;
	struct tapi_sim_card card;
	int alsa;
	int16_t got[NCHAN][PCM_RATE];
};

FIXTURE_SETUP(all)
{
	unsigned int i;

	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, NCHAN / 2, NCHAN / 2, &self->card));
	self->alsa = alsa_card_of(self->card.card);
	ASSERT_LE(0, self->alsa);
	for (i = 0; i < NCHAN; i += 2)
		ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT,
				     self->card.first_channel + i,
				     self->card.first_channel + i + 1));
}

FIXTURE_TEARDOWN(all)
{
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

static double tone_of(unsigned int chan)
{
	return 400 + 100 * chan;
}

TEST_F_TIMEOUT(all, every_channel_streams_60s_without_xrun, 280)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 160, 50 };
	struct pcm_stream play[NCHAN], cap[NCHAN];
	double x[WINDOW];
	unsigned int i, w;

	memset(play, 0, sizeof(play));
	memset(cap, 0, sizeof(cap));
	for (i = 0; i < NCHAN; i++) {
		play[i].format = cap[i].format = p.format;
		play[i].tone = pcm_tone(p.format, tone_of(i), TONE_AMP);
		ASSERT_NE(NULL, play[i].tone);
		ASSERT_EQ(0, pcm_open(&play[i].pcm, self->alsa, i,
				      SND_PCM_STREAM_PLAYBACK, &p));
		ASSERT_EQ(0, pcm_open(&cap[i].pcm, self->alsa, i,
				      SND_PCM_STREAM_CAPTURE, &p));
		cap[i].want = (STREAM_S - 1) * PCM_RATE;
	}
	/* 59 s counted, then the last second kept for analysis. */
	ASSERT_EQ(0, pcm_stream_run(play, NCHAN, cap, NCHAN, 240000));
	for (i = 0; i < NCHAN; i++) {
		cap[i].got = self->got[i];
		cap[i].ngot = 0;
		cap[i].want = PCM_RATE;
	}
	ASSERT_EQ(0, pcm_stream_run(play, NCHAN, cap, NCHAN, 30000));

	for (i = 0; i < NCHAN; i++) {
		double want = tone_of(i ^ 1), ms, tone;

		EXPECT_EQ(0, play[i].xruns) TH_LOG("channel %u playback", i);
		EXPECT_EQ(0, cap[i].xruns) TH_LOG("channel %u capture", i);
		EXPECT_LE(STREAM_S * PCM_RATE, cap[i].frames);
		for (w = 0; w + WINDOW <= PCM_RATE; w += WINDOW) {
			unsigned int k;

			for (k = 0; k < WINDOW; k++)
				x[k] = self->got[i][w + k];
			ms = mean_square(x, WINDOW);
			tone = goertzel_power(x, WINDOW, want);
			EXPECT_LT(TONE_AMP * TONE_AMP / 2 / 1.413, ms)
				TH_LOG("channel %u window %u too quiet", i, w);
			EXPECT_LT(0.95 * ms, tone)
				TH_LOG("channel %u window %u: not %.0f Hz", i, w, want);
		}
		snd_pcm_close(play[i].pcm);
		snd_pcm_close(cap[i].pcm);
		free((void *)play[i].tone);
	}
}

TEST_HARNESS_MAIN
