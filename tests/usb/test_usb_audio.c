// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated CM109 handset's audio (tests/usb/cm109-emu.c: a USB audio
 * class 1 function next to the HID one, on the iso-capable dummy_hcd of
 * tests/usb/dummy_hcd-iso.patch).
 *
 * The handset is two things on one USB device: tapi_usb's channel (the
 * HID interface) and snd-usb-audio's sound card (the audio interfaces,
 * 48 kHz mono 16-bit).  The tests find the card the way libtapi does (the
 * sound card with the channel's USB device as parent, through libudev),
 * stream 8 kHz audio through alsa-lib's plug layer both ways and check
 * it on the gadget side (f_uac1's own ALSA card, "UAC1Gadget") by
 * frequency and level, and unplug the handset while streaming.
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <alsa/asoundlib.h>
#include "../kernel/test_core_util.h"
#include "kselftest_harness.h"
#include "usb_util.h"

#define HW_RATE			48000	/* the handset's converters */
#define CALL_RATE		8000	/* what telephony software uses */
#define TONE_AMPLITUDE		8192	/* -12 dBFS */
#define CARD_TIMEOUT_MS		20000
#define STREAM_TIMEOUT_MS	20000
/* How long an unplugged stream may take to fail. */
#define UNPLUG_TIMEOUT_MS	15000
#define LEVEL_TOLERANCE_DB	2.0
/* The share of the received power that must be in the tone's bin. */
#define TONE_PURITY		0.8

FIXTURE(audio) {
	struct emu emu;
	int channel;
	int card;		/* the handset's, host side */
	int gadget_card;	/* f_uac1's, device side */
	char card_id[64];
};

FIXTURE_SETUP(audio)
{
	self->emu.pid = 0;
	if (access(UDC_DIR, F_OK))
		SKIP(return, "no %s: dummy_hcd is not loaded", UDC_DIR);
	if (access("/sys/module/" USB_DRIVER, F_OK))
		SKIP(return, "%s is not loaded", USB_DRIVER);
	if (access("/sys/module/usb_f_uac1", F_OK) ||
	    access("/sys/module/snd_usb_audio", F_OK))
		SKIP(return, "usb_f_uac1 or snd-usb-audio is not loaded");
	ASSERT_EQ(-ETIMEDOUT, usb_channel_wait(true, 0))
		TH_LOG("a handset is plugged in already");

	ASSERT_EQ(0, emu_start(&self->emu));
	ASSERT_EQ(0, emu_expect(&self->emu, "plugged", PLUG_TIMEOUT_MS,
				NULL, 0))
		TH_LOG("the emulator did not plug the gadget");
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel) TH_LOG("no %s channel appeared", USB_DRIVER);
	self->card = usb_handset_card_wait(self->channel, true, CARD_TIMEOUT_MS);
	ASSERT_LE(0, self->card)
		TH_LOG("no sound card with the USB parent of tapi%d",
		       self->channel);
	ASSERT_EQ(0, sound_card_attr(self->card, "id", self->card_id,
				     sizeof(self->card_id)));
	self->gadget_card = sound_card_by_id_wait(GADGET_CARD_ID, true,
						  CARD_TIMEOUT_MS);
	ASSERT_LE(0, self->gadget_card) TH_LOG("no %s card", GADGET_CARD_ID);
	ASSERT_EQ(0, sound_card_nodes_wait(self->card, CARD_TIMEOUT_MS));
	ASSERT_EQ(0, sound_card_nodes_wait(self->gadget_card, CARD_TIMEOUT_MS));
}

FIXTURE_TEARDOWN(audio)
{
	emu_stop(&self->emu);
	usb_channel_wait(false, PLUG_TIMEOUT_MS);
	sound_card_by_id_wait(GADGET_CARD_ID, false, PLUG_TIMEOUT_MS);
}

/* The realpath of @fmt's directory's parent into @buf. */
static int parent_dir(char *buf, size_t size, const char *fmt, ...)
{
	char path[256], *real;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	real = realpath(path, NULL);
	if (!real)
		return -errno;
	*strrchr(real, '/') = '\0';
	snprintf(buf, size, "%s", real);
	free(real);
	return 0;
}

/* The name of the driver bound to USB interface directory @intf. */
static int intf_driver(const char *intf, char *buf, size_t size)
{
	char path[600], *real;

	snprintf(path, sizeof(path), "%s/driver", intf);
	real = realpath(path, NULL);
	if (!real)
		return -errno;
	snprintf(buf, size, "%s", strrchr(real, '/') + 1);
	free(real);
	return 0;
}

TEST_F(audio, card_and_channel_share_the_usb_device)
{
	char chan_usb[256], card_usb[256], path[512], buf[64];
	unsigned int i;

	/* Both are interfaces of one USB device. */
	ASSERT_EQ(0, parent_dir(chan_usb, sizeof(chan_usb),
				"/sys/class/tapi/tapi%d/device", self->channel));
	ASSERT_EQ(0, parent_dir(card_usb, sizeof(card_usb),
				"/sys/class/sound/card%d/device", self->card));
	EXPECT_STREQ(chan_usb, card_usb);
	/* The CM109's interfaces: audio control, two audio streaming, HID;
	 * tapi_usb takes only the HID one.
	 */
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s:1.%u", chan_usb,
			 strrchr(chan_usb, '/') + 1, i);
		ASSERT_EQ(0, intf_driver(path, buf, sizeof(buf)))
			TH_LOG("interface %s has no driver", path);
		EXPECT_STREQ(i < 3 ? "snd-usb-audio" : USB_DRIVER, buf)
			TH_LOG("interface %u", i);
	}
	TH_LOG("tapi%d and card %d (%s) on %s", self->channel, self->card,
	       self->card_id, chan_usb);
}

/* Open a PCM for S16_LE mono at @rate, non-blocking; 0 or -errno. */
static int pcm_open_mono(snd_pcm_t **pcm, const char *name,
			 snd_pcm_stream_t stream, unsigned int rate)
{
	int ret = snd_pcm_open(pcm, name, stream, SND_PCM_NONBLOCK);

	if (ret < 0)
		return ret;
	/* 20 ms periods, 200 ms of buffer: room for a loaded TCG VM. */
	ret = snd_pcm_set_params(*pcm, SND_PCM_FORMAT_S16_LE,
				 SND_PCM_ACCESS_RW_INTERLEAVED, 1, rate, 1,
				 200000);
	if (ret < 0)
		snd_pcm_close(*pcm);
	return ret;
}

static void pcm_name(char *buf, size_t size, const char *plugin,
		     const char *card_id)
{
	snprintf(buf, size, "%s:CARD=%s,DEV=0", plugin, card_id);
}

TEST_F(audio, hardware_runs_at_48khz_mono)
{
	unsigned int rate_min, rate_max, ch_min, ch_max;
	snd_pcm_hw_params_t *hw;
	snd_pcm_stream_t dir;
	char name[128];
	snd_pcm_t *pcm;
	int dummy;

	pcm_name(name, sizeof(name), "hw", self->card_id);
	snd_pcm_hw_params_alloca(&hw);
	for (dir = SND_PCM_STREAM_PLAYBACK; dir <= SND_PCM_STREAM_CAPTURE;
	     dir++) {
		ASSERT_EQ(0, snd_pcm_open(&pcm, name, dir, SND_PCM_NONBLOCK))
			TH_LOG("%s %s", name, snd_pcm_stream_name(dir));
		ASSERT_LE(0, snd_pcm_hw_params_any(pcm, hw));
		ASSERT_EQ(0, snd_pcm_hw_params_get_rate_min(hw, &rate_min, &dummy));
		ASSERT_EQ(0, snd_pcm_hw_params_get_rate_max(hw, &rate_max, &dummy));
		ASSERT_EQ(0, snd_pcm_hw_params_get_channels_min(hw, &ch_min));
		ASSERT_EQ(0, snd_pcm_hw_params_get_channels_max(hw, &ch_max));
		EXPECT_EQ(HW_RATE, rate_min);
		EXPECT_EQ(HW_RATE, rate_max);
		EXPECT_EQ(1, ch_min);
		EXPECT_EQ(1, ch_max);
		EXPECT_EQ(0, snd_pcm_hw_params_test_format(pcm, hw,
							   SND_PCM_FORMAT_S16_LE));
		/* Not 8 kHz: the plug layer (or the library) resamples. */
		EXPECT_GT(0, snd_pcm_hw_params_test_rate(pcm, hw, CALL_RATE, 0));
		snd_pcm_close(pcm);
	}
}

/*
 * Move @frames frames through @pcm (non-blocking: waits in poll, so a
 * stalled stream ends at @deadline_ms instead of hanging).  A stream
 * that runs dry or over is restarted.  Frames moved, or -errno.
 */
static long pcm_transfer(snd_pcm_t *pcm, int16_t *buf, long frames,
			 int64_t deadline_ms, atomic_bool *stop)
{
	bool playback = snd_pcm_stream(pcm) == SND_PCM_STREAM_PLAYBACK;
	long done = 0, n;

	while (done < frames && !(stop && atomic_load(stop))) {
		if (now_ms() > deadline_ms)
			return done ? done : -ETIMEDOUT;
		n = playback ? snd_pcm_writei(pcm, buf + done, frames - done) :
			       snd_pcm_readi(pcm, buf + done, frames - done);
		if (n == -EAGAIN) {
			snd_pcm_wait(pcm, 100);
			continue;
		}
		if (n == -EPIPE) {
			n = snd_pcm_prepare(pcm);
			if (!n && !playback)
				n = snd_pcm_start(pcm);
			if (n < 0)
				return n;
			continue;
		}
		if (n < 0)
			return n;
		done += n;
	}
	return done;
}

/* A tone of @freq Hz at @rate, @frames long. */
static int16_t *make_tone(double freq, unsigned int rate, long frames)
{
	int16_t *buf = malloc(frames * sizeof(*buf));
	long i;

	for (i = 0; buf && i < frames; i++)
		buf[i] = lrint(TONE_AMPLITUDE * sin(2 * M_PI * freq * i / rate));
	return buf;
}

/* Power of @freq in @x (Goertzel) in mean-square units, at @rate. */
static double tone_power(const int16_t *x, long n, double freq,
			 unsigned int rate)
{
	double coef = 2 * cos(2 * M_PI * freq / rate), s, s1 = 0, s2 = 0;
	long i;

	for (i = 0; i < n; i++) {
		s = x[i] + coef * s1 - s2;
		s2 = s1;
		s1 = s;
	}
	return (s1 * s1 + s2 * s2 - coef * s1 * s2) * 2 / ((double)n * n);
}

static double power(const int16_t *x, long n)
{
	double sum = 0;
	long i;

	for (i = 0; i < n; i++)
		sum += (double)x[i] * x[i];
	return n ? sum / n : 0;
}

/*
 * Check a received tone: in a window of 100 ms after @skip frames the
 * power is at @freq (not at a rate-converted frequency) and its level
 * is the sent one.
 */
static void check_tone(struct __test_metadata *_metadata, const int16_t *x,
		       long frames, long skip, double freq, unsigned int rate)
{
	double sent = (double)TONE_AMPLITUDE * TONE_AMPLITUDE / 2;
	long n = rate / 10;
	double p_tone, p_all, level_db;

	ASSERT_LE(skip + n, frames);
	x += skip;
	p_tone = tone_power(x, n, freq, rate);
	p_all = power(x, n);
	level_db = 10 * log10((p_tone + 1e-9) / sent);
	TH_LOG("%.0f Hz at %u Hz: level %+.2f dB, %.1f%% of the power in the tone",
	       freq, rate, level_db, p_all ? 100 * p_tone / p_all : 0);
	EXPECT_LE(TONE_PURITY * p_all, p_tone);
	EXPECT_GE(LEVEL_TOLERANCE_DB, fabs(level_db));
	/* And not the tone moved by a wrong rate conversion. */
	EXPECT_GT(p_tone / 100, tone_power(x, n, freq * HW_RATE / CALL_RATE,
					   rate));
}

struct player {
	snd_pcm_t *pcm;
	int16_t *buf;
	long frames;
	long done;
	atomic_bool stop;
	pthread_t thread;
};

static void *player_run(void *arg)
{
	struct player *p = arg;

	p->done = pcm_transfer(p->pcm, p->buf, p->frames,
			       now_ms() + STREAM_TIMEOUT_MS, &p->stop);
	return NULL;
}

/* Host plays at 8 kHz through the plug layer; the gadget records 48 kHz. */
TEST_F(audio, played_8khz_arrives_at_the_handset)
{
	const double freq = 1000;
	long play_frames = 3 * CALL_RATE, rec_frames = HW_RATE;
	struct player p = { .frames = play_frames };
	snd_pcm_t *host, *gadget;
	char name[128];
	int16_t *rec;
	long got;

	rec = calloc(rec_frames, sizeof(*rec));
	p.buf = make_tone(freq, CALL_RATE, play_frames);
	ASSERT_TRUE(rec && p.buf);
	pcm_name(name, sizeof(name), "hw", GADGET_CARD_ID);
	ASSERT_EQ(0, pcm_open_mono(&gadget, name, SND_PCM_STREAM_CAPTURE,
				   HW_RATE)) TH_LOG("%s", name);
	pcm_name(name, sizeof(name), "plughw", self->card_id);
	ASSERT_EQ(0, pcm_open_mono(&host, name, SND_PCM_STREAM_PLAYBACK,
				   CALL_RATE)) TH_LOG("%s", name);
	ASSERT_EQ(0, snd_pcm_start(gadget));
	p.pcm = host;
	atomic_init(&p.stop, false);
	ASSERT_EQ(0, pthread_create(&p.thread, NULL, player_run, &p));
	/* One second at 48 kHz, while the host plays three. */
	got = pcm_transfer(gadget, rec, rec_frames,
			   now_ms() + STREAM_TIMEOUT_MS, NULL);
	atomic_store(&p.stop, true);
	pthread_join(p.thread, NULL);
	snd_pcm_drop(host);
	snd_pcm_close(host);
	snd_pcm_close(gadget);
	ASSERT_EQ(rec_frames, got) TH_LOG("recorded %ld: %s", got,
					  got < 0 ? snd_strerror(got) : "");
	ASSERT_LT(0, p.done) TH_LOG("played: %s", snd_strerror(p.done));
	/* Past the start (silence the host sends before the tone). */
	check_tone(_metadata, rec, rec_frames, rec_frames / 2, freq, HW_RATE);
	free(rec);
	free(p.buf);
}

/* The gadget plays 48 kHz (the microphone); the host records 8 kHz. */
TEST_F(audio, handset_microphone_records_at_8khz)
{
	const double freq = 600;
	long play_frames = 3 * HW_RATE, rec_frames = CALL_RATE;
	struct player p = { .frames = play_frames };
	snd_pcm_t *host, *gadget;
	char name[128];
	int16_t *rec;
	long got;

	rec = calloc(rec_frames, sizeof(*rec));
	p.buf = make_tone(freq, HW_RATE, play_frames);
	ASSERT_TRUE(rec && p.buf);
	pcm_name(name, sizeof(name), "hw", GADGET_CARD_ID);
	ASSERT_EQ(0, pcm_open_mono(&gadget, name, SND_PCM_STREAM_PLAYBACK,
				   HW_RATE)) TH_LOG("%s", name);
	pcm_name(name, sizeof(name), "plughw", self->card_id);
	ASSERT_EQ(0, pcm_open_mono(&host, name, SND_PCM_STREAM_CAPTURE,
				   CALL_RATE)) TH_LOG("%s", name);
	p.pcm = gadget;
	atomic_init(&p.stop, false);
	ASSERT_EQ(0, pthread_create(&p.thread, NULL, player_run, &p));
	ASSERT_EQ(0, snd_pcm_start(host));
	got = pcm_transfer(host, rec, rec_frames,
			   now_ms() + STREAM_TIMEOUT_MS, NULL);
	atomic_store(&p.stop, true);
	pthread_join(p.thread, NULL);
	snd_pcm_drop(gadget);
	snd_pcm_close(gadget);
	snd_pcm_close(host);
	ASSERT_EQ(rec_frames, got) TH_LOG("recorded %ld: %s", got,
					  got < 0 ? snd_strerror(got) : "");
	ASSERT_LT(0, p.done) TH_LOG("played: %s", snd_strerror(p.done));
	check_tone(_metadata, rec, rec_frames, rec_frames / 2, freq, CALL_RATE);
	free(rec);
	free(p.buf);
}

/*
 * Step a stream after the unplug: 1 while it still runs, 0 once it has
 * failed (its error in *err), never blocking.
 */
static int step_until_error(snd_pcm_t *pcm, int16_t *buf, long frames,
			    int *err)
{
	bool playback = snd_pcm_stream(pcm) == SND_PCM_STREAM_PLAYBACK;
	long n;

	if (*err)
		return 0;
	n = playback ? snd_pcm_writei(pcm, buf, frames) :
		       snd_pcm_readi(pcm, buf, frames);
	if (n == -EPIPE) {
		/* An xrun is no end: preparing a removed device fails. */
		n = snd_pcm_prepare(pcm);
		if (!n && !playback)
			n = snd_pcm_start(pcm);
	}
	if (n >= 0 || n == -EAGAIN)
		return 1;
	*err = n;
	return 0;
}

TEST_F(audio, unplug_while_streaming_ends_the_streams)
{
	int play_err = 0, rec_err = 0, running;
	snd_pcm_t *play, *rec;
	int16_t buf[CALL_RATE / 50];
	int64_t start, end;
	char name[128];

	memset(buf, 0, sizeof(buf));
	pcm_name(name, sizeof(name), "plughw", self->card_id);
	ASSERT_EQ(0, pcm_open_mono(&play, name, SND_PCM_STREAM_PLAYBACK,
				   CALL_RATE));
	ASSERT_EQ(0, pcm_open_mono(&rec, name, SND_PCM_STREAM_CAPTURE,
				   CALL_RATE));
	ASSERT_EQ(0, snd_pcm_start(rec));
	/* Half a second of streaming, then the cable goes. */
	start = now_ms();
	while (now_ms() - start < 500) {
		ASSERT_EQ(1, step_until_error(play, buf, ARRAY_SIZE(buf),
					      &play_err))
			TH_LOG("playback before the unplug: %s",
			       snd_strerror(play_err));
		ASSERT_EQ(1, step_until_error(rec, buf, ARRAY_SIZE(buf),
					      &rec_err))
			TH_LOG("capture before the unplug: %s",
			       snd_strerror(rec_err));
		sleep_ms(10);
	}
	ASSERT_EQ(0, emu_cmd(&self->emu, "unplug"));
	start = now_ms();
	end = start + UNPLUG_TIMEOUT_MS;
	do {
		running = step_until_error(play, buf, ARRAY_SIZE(buf), &play_err);
		running |= step_until_error(rec, buf, ARRAY_SIZE(buf), &rec_err);
		if (running)
			sleep_ms(10);
	} while (running && now_ms() < end);
	TH_LOG("after the unplug: playback %s, capture %s, in %lld ms",
	       snd_strerror(play_err), snd_strerror(rec_err),
	       (long long)(now_ms() - start));
	EXPECT_GT(0, play_err);
	EXPECT_GT(0, rec_err);
	/* Closing a removed device's streams returns. */
	snd_pcm_close(play);
	snd_pcm_close(rec);
	ASSERT_EQ(0, usb_channel_wait(false, PLUG_TIMEOUT_MS));
	ASSERT_EQ(-ENOENT, usb_handset_card(self->channel));

	/* Plugged again, the handset has its card again. */
	ASSERT_EQ(0, emu_cmd(&self->emu, "plug"));
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel);
	self->card = usb_handset_card_wait(self->channel, true, CARD_TIMEOUT_MS);
	ASSERT_LE(0, self->card);
	EXPECT_EQ(0, sound_card_nodes_wait(self->card, CARD_TIMEOUT_MS));
}

TEST_HARNESS_MAIN
