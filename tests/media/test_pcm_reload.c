// SPDX-License-Identifier: GPL-2.0
/*
 * test_pcm_reload - tapi_pcm unloaded and loaded again while tapi_core
 * and tapi_sim stay: refused while one of its PCMs is open (the stream
 * goes on), and without streams the ALSA cards go with it, the channels
 * keep working through their char devices, and on reload every card -
 * those added while it was away too - is an ALSA card again whose PCMs
 * carry a tone.
 *
 * The module is /lib/modules/<release>/extra/tapi_pcm.ko (the VM image
 * puts our modules there); the teardown loads it again if a test left it
 * out, so the tests after this one find it.
 */
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "kselftest_harness.h"
#include "pcm_util.h"

#define PCM_MODULE	"tapi_pcm"
#define TONE_AMP	8000.0
#define WINDOW		400
#define CAPTURE		8000

static int delete_module(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

static bool module_loaded(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	return access(path, F_OK) == 0;
}

static int load_module(const char *name)
{
	struct utsname uts;
	char path[256];
	int fd, ret;

	uname(&uts);
	snprintf(path, sizeof(path), "/lib/modules/%s/extra/%s.ko",
		 uts.release, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

/* Unload, waiting (bounded) for references of closed files to go. */
static int unload_pcm_module(void)
{
	int64_t end = now_ms() + 10000;
	int ret;

	while ((ret = delete_module(PCM_MODULE)) == -EWOULDBLOCK &&
	       now_ms() < end)
		sleep_ms(50);
	return ret;
}

/* Wait (bounded) for the ALSA card of tapi card @card; its index. */
static int wait_alsa_card(unsigned int card)
{
	int64_t end = now_ms() + 10000;
	int alsa;

	while ((alsa = alsa_card_of(card)) < 0 && now_ms() < end)
		sleep_ms(50);
	return alsa;
}

FIXTURE(reload) {
	int sim;
	struct tapi_sim_card card;
	int alsa;
	int16_t got[CAPTURE * 2];
};

FIXTURE_SETUP(reload)
{
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	if (!module_loaded(PCM_MODULE))
		SKIP(return, "%s not loaded", PCM_MODULE);
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 0, &self->card));
	self->alsa = alsa_card_of(self->card.card);
	ASSERT_LE(0, self->alsa);
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT,
			     self->card.first_channel,
			     self->card.first_channel + 1));
}

FIXTURE_TEARDOWN(reload)
{
	if (!module_loaded(PCM_MODULE) && load_module(PCM_MODULE))
		TH_LOG("could not load %s again", PCM_MODULE);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

/* 1 kHz played on PCM 0 of @alsa is recorded on PCM 1 (patched). */
static void check_tone_through(struct __test_metadata *_metadata,
			       FIXTURE_DATA(reload) *self, int alsa)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 80, 16 };
	struct pcm_stream play = { .format = p.format };
	struct pcm_stream cap = { .format = p.format, .got = self->got,
				  .want = CAPTURE };
	double x[WINDOW];
	unsigned int pure = 0, start, i;

	play.tone = pcm_tone(p.format, 1000, TONE_AMP);
	ASSERT_NE(NULL, play.tone);
	ASSERT_EQ(0, pcm_open(&play.pcm, alsa, 0, SND_PCM_STREAM_PLAYBACK, &p));
	ASSERT_EQ(0, pcm_open(&cap.pcm, alsa, 1, SND_PCM_STREAM_CAPTURE, &p));
	EXPECT_EQ(0, pcm_stream_run(&play, 1, &cap, 1, 20000));
	for (start = 0; start + WINDOW <= cap.ngot; start += WINDOW) {
		double ms;

		for (i = 0; i < WINDOW; i++)
			x[i] = self->got[start + i];
		ms = mean_square(x, WINDOW);
		if (ms > TONE_AMP * TONE_AMP / 2 / 1.413 &&
		    ms < TONE_AMP * TONE_AMP / 2 * 1.413 &&
		    goertzel_power(x, WINDOW, 1000) > 0.95 * ms)
			pure++;
	}
	/* Half of the second captured (the start may be before the tone). */
	EXPECT_LE(10, pure) TH_LOG("%u windows of the tone", pure);
	snd_pcm_close(play.pcm);
	snd_pcm_close(cap.pcm);
	free((void *)play.tone);
}

TEST_F(reload, unload_refused_while_a_stream_is_open)
{
	struct pcm_params p = { SND_PCM_FORMAT_S16_LE, 80, 16 };
	int16_t buf[80];
	snd_pcm_t *pcm;
	snd_pcm_sframes_t n = -EAGAIN;
	int64_t end;
	int ret;

	ASSERT_EQ(0, pcm_open(&pcm, self->alsa, 1, SND_PCM_STREAM_CAPTURE, &p));
	ASSERT_EQ(0, snd_pcm_start(pcm));
	ret = delete_module(PCM_MODULE);
	EXPECT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY) TH_LOG("unload with a stream open: %d", ret);
	EXPECT_TRUE(module_loaded(PCM_MODULE));
	/* The stream goes on. */
	end = now_ms() + 10000;
	while (n == -EAGAIN && now_ms() < end) {
		snd_pcm_wait(pcm, 100);
		n = snd_pcm_readi(pcm, buf, 80);
	}
	EXPECT_EQ(80, n);
	EXPECT_EQ(SND_PCM_STATE_RUNNING, snd_pcm_state(pcm));
	snd_pcm_close(pcm);

	/* A playback stream pins it as well. */
	ASSERT_EQ(0, pcm_open(&pcm, self->alsa, 0, SND_PCM_STREAM_PLAYBACK, &p));
	ret = delete_module(PCM_MODULE);
	EXPECT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY) TH_LOG("unload with playback open: %d", ret);
	EXPECT_TRUE(module_loaded(PCM_MODULE));
	snd_pcm_close(pcm);
}

TEST_F(reload, unload_and_reload_without_streams)
{
	struct tapi_sim_card late;
	struct tapi_chan_info info;
	int16_t block[80] = { 0 };
	int late_alsa, fd, fd2;
	ssize_t n = -1;
	int64_t end;

	ASSERT_EQ(0, unload_pcm_module());
	EXPECT_FALSE(module_loaded(PCM_MODULE));
	/* Its ALSA cards went with it ... */
	EXPECT_EQ(-ENOENT, alsa_card_of(self->card.card));

	/* ... and the channels work on: media through the char devices. */
	fd = chan_open(self->card.first_channel, O_NONBLOCK);
	fd2 = chan_open(self->card.first_channel + 1, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd2);
	EXPECT_EQ(0, chan_info(fd, &info));
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, 80));
	ASSERT_EQ(0, set_media(fd2, TAPI_FMT_S16, 80));
	EXPECT_EQ(sizeof(block), write(fd, block, sizeof(block)));
	end = now_ms() + 10000;
	while (n < 0 && now_ms() < end) {
		n = read(fd2, block, sizeof(block));
		if (n < 0)
			sleep_ms(10);
	}
	EXPECT_EQ(sizeof(block), n);
	close(fd);
	close(fd2);

	/* A card added meanwhile has no ALSA card yet. */
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 0, &late));
	EXPECT_EQ(-ENOENT, alsa_card_of(late.card));

	ASSERT_EQ(0, load_module(PCM_MODULE));
	EXPECT_TRUE(module_loaded(PCM_MODULE));
	self->alsa = wait_alsa_card(self->card.card);
	late_alsa = wait_alsa_card(late.card);
	EXPECT_LE(0, self->alsa);
	EXPECT_LE(0, late_alsa);
	/* Both stream again. */
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT, late.first_channel,
			     late.first_channel + 1));
	if (self->alsa >= 0)
		check_tone_through(_metadata, self, self->alsa);
	if (late_alsa >= 0)
		check_tone_through(_metadata, self, late_alsa);
	EXPECT_EQ(0, sim_card_remove(self->sim, late.card));
}

TEST_HARNESS_MAIN
