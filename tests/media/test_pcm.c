// SPDX-License-Identifier: GPL-2.0
/*
 * test_pcm - every channel an ALSA PCM (tapi_pcm), through alsa-lib: the
 * ALSA card and its devices, a tone played into one channel's PCM
 * recorded on another one patched to it (TAPI_SIM_IOC_CONNECT) in every
 * format and down to 1 ms periods, silence, refused hw_params, the one
 * tx owner shared with the char device (write() and poll() of its files
 * while playback is open), capture shared with it, xruns the ALSA way,
 * and removal of the card while streaming.
 *
 * Each test adds its own card (2 FXS + 2 FXO) and removes it.  Waits are
 * bounded only to fail instead of hanging; nothing asserts a duration.
 */
#include <poll.h>
#include <pthread.h>
#include "kselftest_harness.h"
#include "pcm_util.h"

#define TONE_AMP	8000.0
#define WINDOW		400	/* 50 ms analysis windows */
#define CAPTURE		8000	/* 1 s */

/* Channels a, b (FXS 0 and 1, PCM devices 0 and 1) patched together. */
FIXTURE(pcm) {
	int sim;
	struct tapi_sim_card card;
	int alsa;
	unsigned int a, b;
	int16_t got[CAPTURE * 2];
};

FIXTURE_SETUP(pcm)
{
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 2, &self->card));
	self->a = self->card.first_channel;
	self->b = self->card.first_channel + 1;
	self->alsa = alsa_card_of(self->card.card);
	ASSERT_LE(0, self->alsa) TH_LOG("no ALSA card for tapi card %u (tapi_pcm loaded?)",
					 self->card.card);
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT, self->a, self->b));
}

FIXTURE_TEARDOWN(pcm)
{
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

/* The tone at the level played, in most 50 ms windows that are loud. */
static void check_tone(struct __test_metadata *_metadata, const int16_t *got,
		       size_t n, double freq, double amp)
{
	double x[WINDOW], want_ms = amp * amp / 2;
	unsigned int pure = 0, at_level = 0, loud = 0;
	size_t start;
	int i;

	for (start = 0; start + WINDOW <= n; start += WINDOW) {
		double ms, tone;

		for (i = 0; i < WINDOW; i++)
			x[i] = got[start + i];
		ms = mean_square(x, WINDOW);
		if (ms < want_ms / 100)
			continue;	/* before the tone arrived */
		loud++;
		/* within 1.5 dB of the level played */
		if (ms < want_ms / 1.413 || ms > want_ms * 1.413)
			continue;
		at_level++;
		tone = goertzel_power(x, WINDOW, freq);
		if (tone > 0.95 * ms)
			pure++;
	}
	EXPECT_LE(10, pure) TH_LOG("%u of %u windows at the level are the %.0f Hz tone, %u loud",
				   pure, at_level, freq, loud);
	EXPECT_LE(at_level * 9, pure * 10) TH_LOG("%u of %u windows at the level are the tone",
						  pure, at_level);
}

TEST_F(pcm, card_has_one_pcm_per_channel)
{
	snd_ctl_t *ctl;
	snd_pcm_info_t *info;
	char name[16], want[64];
	unsigned int i;
	int dev = -1, ndev = 0;

	snd_pcm_info_alloca(&info);
	snprintf(name, sizeof(name), "hw:%d", self->alsa);
	ASSERT_EQ(0, snd_ctl_open(&ctl, name, 0));
	while (snd_ctl_pcm_next_device(ctl, &dev) == 0 && dev >= 0)
		ndev++;
	EXPECT_EQ(4, ndev);
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, sysfs_attr(self->card.first_channel + i, "name",
					want, sizeof(want)));
		snd_pcm_info_set_device(info, i);
		snd_pcm_info_set_subdevice(info, 0);
		snd_pcm_info_set_stream(info, SND_PCM_STREAM_PLAYBACK);
		ASSERT_EQ(0, snd_ctl_pcm_info(ctl, info));
		EXPECT_STREQ(want, snd_pcm_info_get_name(info));
		snd_pcm_info_set_stream(info, SND_PCM_STREAM_CAPTURE);
		ASSERT_EQ(0, snd_ctl_pcm_info(ctl, info));
	}
	snd_ctl_close(ctl);
}

FIXTURE(tone) {
	int sim;
	struct tapi_sim_card card;
	int alsa;
	int16_t got[CAPTURE * 2];
};

FIXTURE_VARIANT(tone) {
	snd_pcm_format_t format;
	snd_pcm_uframes_t period;
	unsigned int periods;
	double freq;
};

FIXTURE_VARIANT_ADD(tone, s16_period_8) {
	.format = SND_PCM_FORMAT_S16_LE, .period = 8, .periods = 128,
	.freq = 1000,
};

FIXTURE_VARIANT_ADD(tone, s16_period_160) {
	.format = SND_PCM_FORMAT_S16_LE, .period = 160, .periods = 8,
	.freq = 400,
};

FIXTURE_VARIANT_ADD(tone, mu_law_period_80) {
	.format = SND_PCM_FORMAT_MU_LAW, .period = 80, .periods = 16,
	.freq = 1000,
};

/* 1 ms periods of one byte a sample: the smallest period in bytes. */
FIXTURE_VARIANT_ADD(tone, mu_law_period_8) {
	.format = SND_PCM_FORMAT_MU_LAW, .period = 8, .periods = 128,
	.freq = 600,
};

FIXTURE_VARIANT_ADD(tone, a_law_period_40) {
	.format = SND_PCM_FORMAT_A_LAW, .period = 40, .periods = 32,
	.freq = 800,
};

FIXTURE_SETUP(tone)
{
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 2, &self->card));
	self->alsa = alsa_card_of(self->card.card);
	ASSERT_LE(0, self->alsa);
}

FIXTURE_TEARDOWN(tone)
{
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

/* Through a patch cord: FXS 0 plays, FXS 1 records. */
TEST_F(tone, played_on_a_is_recorded_on_b)
{
	struct pcm_params p = { variant->format, variant->period,
				variant->periods };
	struct pcm_stream play = { .format = p.format };
	struct pcm_stream cap = { .format = p.format, .got = self->got,
				  .want = CAPTURE * 2 };
	unsigned int a = self->card.first_channel;

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT, a, a + 1));
	play.tone = pcm_tone(p.format, variant->freq, TONE_AMP);
	ASSERT_NE(NULL, play.tone);
	ASSERT_EQ(0, pcm_open(&play.pcm, self->alsa, 0,
			      SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(0, pcm_open(&cap.pcm, self->alsa, 1, SND_PCM_STREAM_CAPTURE,
			      &p));
	EXPECT_EQ(0, pcm_stream_run(&play, 1, &cap, 1, 20000));
	check_tone(_metadata, self->got, cap.ngot, variant->freq, TONE_AMP);
	snd_pcm_close(play.pcm);
	snd_pcm_close(cap.pcm);
	free((void *)play.tone);
}

/* Through the simulated CO: FXO 0 calls FXO 1, then plays into the call. */
TEST_F(tone, played_into_a_call_is_heard_on_the_far_end)
{
	struct pcm_params p = { variant->format, variant->period,
				variant->periods };
	struct pcm_stream play = { .format = p.format };
	struct pcm_stream cap = { .format = p.format, .got = self->got,
				  .want = CAPTURE * 2 };
	unsigned int a = self->card.first_channel + 2, b = a + 1;
	struct tapi_sim_status st;
	struct tapi_event ev;
	int fa, fb;

	ASSERT_EQ(0, sim_status(self->sim, b, &st));
	fa = chan_open(a, O_NONBLOCK);
	fb = chan_open(b, O_NONBLOCK);
	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_u32(fa, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_wait_status(self->sim, a, co_state,
				     TAPI_SIM_CO_DIALTONE, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, dial(fa, st.number, 0, 0, 0));
	ASSERT_EQ(0, ev_wait_type(fa, TAPI_EV_DIAL_DONE, ~0u, EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, sim_wait_status(self->sim, b, co_state,
				     TAPI_SIM_CO_RINGING, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, set_u32(fb, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_wait_status(self->sim, a, co_state,
				     TAPI_SIM_CO_CONNECTED, EVENT_TIMEOUT_MS));

	play.tone = pcm_tone(p.format, variant->freq, TONE_AMP);
	ASSERT_NE(NULL, play.tone);
	ASSERT_EQ(0, pcm_open(&play.pcm, self->alsa, a - self->card.first_channel,
			      SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(0, pcm_open(&cap.pcm, self->alsa, b - self->card.first_channel,
			      SND_PCM_STREAM_CAPTURE, &p));
	EXPECT_EQ(0, pcm_stream_run(&play, 1, &cap, 1, 20000));
	check_tone(_metadata, self->got, cap.ngot, variant->freq, TONE_AMP);
	snd_pcm_close(play.pcm);
	snd_pcm_close(cap.pcm);
	free((void *)play.tone);
	close(fa);
	close(fb);
}

TEST_F(pcm, silence_stays_silence)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 80, 16 };
	struct pcm_stream play = { .format = p.format };
	struct pcm_stream cap = { .format = p.format, .got = self->got,
				  .want = CAPTURE };
	size_t i, loud = 0;

	/* A playback stream that is open but plays silence. */
	play.tone = calloc(PCM_RATE, 2);
	ASSERT_NE(NULL, play.tone);
	ASSERT_EQ(0, pcm_open(&play.pcm, self->alsa, 0,
			      SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(0, pcm_open(&cap.pcm, self->alsa, 1, SND_PCM_STREAM_CAPTURE,
			      &p));
	ASSERT_EQ(0, pcm_stream_run(&play, 1, &cap, 1, 20000));
	for (i = 0; i < cap.ngot; i++)
		if (self->got[i])
			loud++;
	EXPECT_EQ(0, loud) TH_LOG("%zu of %zu samples not zero", loud, cap.ngot);
	snd_pcm_close(play.pcm);
	snd_pcm_close(cap.pcm);
	free((void *)play.tone);
}

TEST_F(pcm, bad_hw_params_are_refused)
{
	snd_pcm_hw_params_t *hw;
	snd_pcm_uframes_t min;
	snd_pcm_t *pcm;
	char name[32];
	unsigned int rate;
	int dir = 0;

	snd_pcm_hw_params_alloca(&hw);
	snprintf(name, sizeof(name), "hw:%d,0", self->alsa);
	ASSERT_EQ(0, snd_pcm_open(&pcm, name, SND_PCM_STREAM_PLAYBACK, 0));
	ASSERT_EQ(0, snd_pcm_hw_params_any(pcm, hw));
	EXPECT_GT(0, snd_pcm_hw_params_test_rate(pcm, hw, 16000, 0));
	EXPECT_GT(0, snd_pcm_hw_params_test_rate(pcm, hw, 44100, 0));
	EXPECT_GT(0, snd_pcm_hw_params_test_channels(pcm, hw, 2));
	EXPECT_GT(0, snd_pcm_hw_params_test_format(pcm, hw, SND_PCM_FORMAT_S24_LE));
	EXPECT_GT(0, snd_pcm_hw_params_test_format(pcm, hw, SND_PCM_FORMAT_S16_BE));
	EXPECT_GT(0, snd_pcm_hw_params_test_format(pcm, hw, SND_PCM_FORMAT_FLOAT_LE));
	EXPECT_EQ(0, snd_pcm_hw_params_test_format(pcm, hw, SND_PCM_FORMAT_S16_LE));
	EXPECT_EQ(0, snd_pcm_hw_params_test_format(pcm, hw, SND_PCM_FORMAT_MU_LAW));
	EXPECT_EQ(0, snd_pcm_hw_params_test_format(pcm, hw, SND_PCM_FORMAT_A_LAW));
	EXPECT_EQ(0, snd_pcm_hw_params_get_rate_min(hw, &rate, &dir));
	EXPECT_EQ(8000, rate);
	EXPECT_EQ(0, snd_pcm_hw_params_get_rate_max(hw, &rate, &dir));
	EXPECT_EQ(8000, rate);
	/* Periods are whole 1 ms frames, from one frame up. */
	EXPECT_EQ(0, snd_pcm_hw_params_get_period_size_min(hw, &min, &dir));
	EXPECT_EQ(8, min);
	EXPECT_GT(0, snd_pcm_hw_params_test_period_size(pcm, hw, 4, 0));
	EXPECT_GT(0, snd_pcm_hw_params_test_period_size(pcm, hw, 12, 0));
	EXPECT_EQ(0, snd_pcm_hw_params_test_period_size(pcm, hw, 8, 0));
	/* The whole set, as an application asks for it. */
	ASSERT_EQ(0, snd_pcm_hw_params_set_access(pcm, hw, SND_PCM_ACCESS_RW_INTERLEAVED));
	EXPECT_GT(0, snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE,
					SND_PCM_ACCESS_RW_INTERLEAVED, 1, 16000, 0, 100000));
	EXPECT_GT(0, snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE,
					SND_PCM_ACCESS_RW_INTERLEAVED, 2, 8000, 0, 100000));
	EXPECT_EQ(0, snd_pcm_set_params(pcm, SND_PCM_FORMAT_MU_LAW,
					SND_PCM_ACCESS_RW_INTERLEAVED, 1, 8000, 0, 100000));
	snd_pcm_close(pcm);
}

/* A poll() for POLLOUT of up to 20 s, in a thread: its revents. */
static void *poll_out(void *arg)
{
	struct pollfd pfd = { .fd = *(int *)arg, .events = POLLOUT };

	return (void *)(long)(poll(&pfd, 1, 20000) == 1 ? pfd.revents : 0);
}

/* One tx owner: the char device's writer or the ALSA playback stream. */
TEST_F(pcm, one_tx_owner_at_a_time)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 160, 4 };
	struct pollfd pfd = { .events = POLLOUT };
	int16_t block[160] = { 0 };
	snd_pcm_t *pcm = NULL;
	pthread_t poller;
	void *revents;
	int fd;

	fd = chan_open(self->a, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, 160));
	ASSERT_EQ(sizeof(block), write(fd, block, sizeof(block)));
	EXPECT_EQ(-EBUSY, pcm_open(&pcm, self->alsa, 0,
				   SND_PCM_STREAM_PLAYBACK, &p));
	/* Capture is not a tx: it opens. */
	ASSERT_EQ(0, pcm_open(&pcm, self->alsa, 0, SND_PCM_STREAM_CAPTURE, &p));
	snd_pcm_close(pcm);
	close(fd);

	ASSERT_EQ(0, pcm_open(&pcm, self->alsa, 0, SND_PCM_STREAM_PLAYBACK, &p));
	fd = chan_open(self->a, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, 160));
	EXPECT_EQ(-1, write(fd, block, sizeof(block)));
	EXPECT_EQ(EBUSY, errno);
	/* poll() offers no write then, and wakes when playback closes. */
	pfd.fd = fd;
	EXPECT_EQ(0, poll(&pfd, 1, 0));
	ASSERT_EQ(0, pthread_create(&poller, NULL, poll_out, &fd));
	sleep_ms(100);	/* (the poller is likely asleep by now) */
	snd_pcm_close(pcm);
	ASSERT_EQ(0, pthread_join(poller, &revents));
	EXPECT_TRUE((long)revents & POLLOUT) TH_LOG("revents %#lx", (long)revents);
	EXPECT_EQ(sizeof(block), write(fd, block, sizeof(block)));
	close(fd);
}

/* Capture: the ALSA stream and a char device reader both get the tone. */
TEST_F(pcm, capture_is_shared_with_the_char_device)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 80, 16 };
	struct pcm_stream play = { .format = p.format };
	struct pcm_stream cap = { .format = p.format, .got = self->got,
				  .want = CAPTURE };
	int16_t *rd = calloc(CAPTURE, 2);
	size_t nrd = 0;
	ssize_t n;
	int fd;

	ASSERT_NE(NULL, rd);
	fd = chan_open(self->b, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, 80));
	play.tone = pcm_tone(p.format, 1000, TONE_AMP);
	ASSERT_NE(NULL, play.tone);
	ASSERT_EQ(0, pcm_open(&play.pcm, self->alsa, 0,
			      SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(0, pcm_open(&cap.pcm, self->alsa, 1, SND_PCM_STREAM_CAPTURE,
			      &p));
	ASSERT_EQ(0, pcm_stream_run(&play, 1, &cap, 1, 20000));
	/* The file captured the same second (its buffer holds one). */
	while (nrd < CAPTURE &&
	       (n = read(fd, rd + nrd, (CAPTURE - nrd) * 2 / 160 * 160)) > 0)
		nrd += n / 2;
	check_tone(_metadata, self->got, cap.ngot, 1000, TONE_AMP);
	check_tone(_metadata, rd, nrd, 1000, TONE_AMP);
	snd_pcm_close(play.pcm);
	snd_pcm_close(cap.pcm);
	free((void *)play.tone);
	free(rd);
	close(fd);
}

/* Wait (bounded) for a stream to reach @state. */
static int wait_state(snd_pcm_t *pcm, snd_pcm_state_t state)
{
	int64_t end = now_ms() + 10000;

	while (now_ms() < end) {
		snd_pcm_avail_update(pcm);
		if (snd_pcm_state(pcm) == state)
			return 0;
		sleep_ms(10);
	}
	return -ETIMEDOUT;
}

TEST_F(pcm, capture_not_read_overruns)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 8, 4 };
	int16_t buf[8];
	snd_pcm_t *pcm;

	ASSERT_EQ(0, pcm_open(&pcm, self->alsa, 1, SND_PCM_STREAM_CAPTURE, &p));
	ASSERT_EQ(0, snd_pcm_start(pcm));
	EXPECT_EQ(0, wait_state(pcm, SND_PCM_STATE_XRUN));
	EXPECT_EQ(-EPIPE, snd_pcm_readi(pcm, buf, 8));
	/* And it recovers. */
	ASSERT_EQ(0, snd_pcm_prepare(pcm));
	ASSERT_EQ(0, snd_pcm_start(pcm));
	EXPECT_EQ(SND_PCM_STATE_RUNNING, snd_pcm_state(pcm));
	snd_pcm_close(pcm);
}

TEST_F(pcm, playback_not_fed_underruns)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 8, 4 };
	int16_t buf[8] = { 0 };
	snd_pcm_t *pcm;

	ASSERT_EQ(0, pcm_open(&pcm, self->alsa, 0, SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(8, snd_pcm_writei(pcm, buf, 8));	/* starts it */
	EXPECT_EQ(0, wait_state(pcm, SND_PCM_STATE_XRUN));
	EXPECT_EQ(-EPIPE, snd_pcm_writei(pcm, buf, 8));
	snd_pcm_close(pcm);
}

/* The card goes while both streams run: they end in an error. */
TEST_F(pcm, removal_while_streaming_ends_the_streams)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 80, 16 };
	struct pcm_stream play = { .format = p.format };
	struct pcm_stream cap = { .format = p.format, .want = CAPTURE / 4 };
	snd_pcm_sframes_t n;
	int ret;

	play.tone = pcm_tone(p.format, 1000, TONE_AMP);
	ASSERT_NE(NULL, play.tone);
	ASSERT_EQ(0, pcm_open(&play.pcm, self->alsa, 0,
			      SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(0, pcm_open(&cap.pcm, self->alsa, 1, SND_PCM_STREAM_CAPTURE,
			      &p));
	ASSERT_EQ(0, pcm_stream_run(&play, 1, &cap, 1, 20000));

	ASSERT_EQ(0, sim_card_remove(self->sim, self->card.card));
	cap.want = SIZE_MAX;
	ret = pcm_stream_run(&play, 1, &cap, 1, 20000);
	EXPECT_TRUE(ret == -ENODEV || ret == -EBADFD) TH_LOG("streaming after removal: %d (%s)",
							     ret, snd_strerror(ret));
	n = snd_pcm_readi(cap.pcm, self->got, 80);
	EXPECT_TRUE(n == -ENODEV || n == -EBADFD) TH_LOG("read after removal: %ld", (long)n);
	EXPECT_EQ(SND_PCM_STATE_DISCONNECTED, snd_pcm_state(cap.pcm));
	EXPECT_EQ(SND_PCM_STATE_DISCONNECTED, snd_pcm_state(play.pcm));
	snd_pcm_close(play.pcm);
	snd_pcm_close(cap.pcm);
	free((void *)play.tone);
	/* Its ALSA card is gone. */
	EXPECT_EQ(-ENOENT, alsa_card_of(self->card.card));
}

TEST_HARNESS_MAIN
