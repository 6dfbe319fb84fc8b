// SPDX-License-Identifier: GPL-2.0
/*
 * test_alsa_utils - the standard ALSA tools on a live call: two lines of
 * a simulated card (FXO A and FXO B) are in a call through the simulated
 * central office; `aplay -D <A's PCM>` plays a WAV file into it and
 * `arecord -D <B's PCM>` records the far end, as a user would.  The PCM
 * names are the ones libtapi's lineGetID "wave/out" / "wave/in" give:
 * "plughw:CARD=<tapi card name>,DEV=<channel index on the card>".
 *
 * Checked: the recording holds the tone played at its frequency and
 * level (Goertzel over 50 ms windows), both directions at once, silence
 * stays silence, and the tools' other formats and period sizes: a CD
 * format WAV through plughw, MU_LAW and A_LAW recorded from hw:, 1 ms
 * periods; removing the card (an unplug) ends both tools with an
 * error.  The tools run as child processes; every wait is a bounded
 * poll, so a hang fails the test instead of stalling it.
 */
#include <signal.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "pcm_util.h"

#define TONE_AMP	8231.0	/* -12 dBFS */
#define WINDOW		400	/* 50 ms */
#define PLAY_MS		3000
#define REC_S		"5"
#define TOOL_TIMEOUT_MS	60000
#define WAV_MAX		(PCM_RATE * 10)

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v);
	put_le16(p + 2, v >> 16);
}

static uint16_t get_le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t get_le32(const uint8_t *p)
{
	return get_le16(p) | (uint32_t)get_le16(p + 2) << 16;
}

/* The first line of @path, without its newline; 0 or -errno. */
static int read_text(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	if (!fgets(buf, size, f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* A WAV file of @ms of a sine (@amp 0: silence) in 16-bit PCM. */
static int write_wav(const char *path, unsigned int rate, unsigned int chans,
		     double freq, double amp, unsigned int ms)
{
	unsigned int n = rate * ms / 1000, i, c;
	uint32_t bytes = n * chans * 2;
	uint8_t h[44];
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return -errno;
	memcpy(h, "RIFF", 4);
	put_le32(h + 4, 36 + bytes);
	memcpy(h + 8, "WAVEfmt ", 8);
	put_le32(h + 16, 16);
	put_le16(h + 20, 1);
	put_le16(h + 22, chans);
	put_le32(h + 24, rate);
	put_le32(h + 28, rate * chans * 2);
	put_le16(h + 32, chans * 2);
	put_le16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	put_le32(h + 40, bytes);
	ok = fwrite(h, 1, sizeof(h), f) == sizeof(h);
	for (i = 0; ok && i < n; i++) {
		int16_t x = lrint(amp * sin(2 * M_PI * freq * i / rate));
		uint8_t s[2] = { (uint16_t)x & 0xff, (uint16_t)x >> 8 };

		for (c = 0; c < chans; c++)
			ok = ok && fwrite(s, 1, 2, f) == 2;
	}
	return fclose(f) == 0 && ok ? 0 : -EIO;
}

/*
 * The samples of an 8 kHz mono WAV file in 16-bit PCM, A-law or mu-law
 * (what arecord writes), as linear samples into @x; their count or a
 * negative errno.
 */
static long read_wav(const char *path, int16_t *x, size_t max)
{
	uint8_t h[12], ch[8], fmt[16] = { 0 }, *data;
	unsigned int tag = 0, bits = 0;
	uint32_t size;
	long n = -EINVAL, i;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -errno;
	if (fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4) ||
	    memcmp(h + 8, "WAVE", 4))
		goto out;
	while (fread(ch, 1, 8, f) == 8) {
		size = get_le32(ch + 4);
		if (!memcmp(ch, "fmt ", 4)) {
			if (size < 16 || fread(fmt, 1, 16, f) != 16)
				goto out;
			fseek(f, size - 16 + (size & 1), SEEK_CUR);
			tag = get_le16(fmt);
			bits = get_le16(fmt + 14);
			if (get_le16(fmt + 2) != 1 ||
			    get_le32(fmt + 4) != PCM_RATE)
				goto out;
			continue;
		}
		if (memcmp(ch, "data", 4)) {
			fseek(f, size + (size & 1), SEEK_CUR);
			continue;
		}
		/* arecord may leave the size at its maximum: read what is there. */
		data = malloc(max * 2);
		if (!data)
			goto out;
		n = fread(data, 1, max * 2, f);
		if (tag == 1 && bits == 16) {
			n /= 2;
			for (i = 0; i < n; i++)
				x[i] = (int16_t)get_le16(data + 2 * i);
		} else if (tag == 6 && bits == 8) {
			for (i = 0; i < n && i < (long)max; i++)
				x[i] = test_alaw_decode(data[i]);
		} else if (tag == 7 && bits == 8) {
			for (i = 0; i < n && i < (long)max; i++)
				x[i] = test_ulaw_decode(data[i]);
		} else {
			n = -EINVAL;
		}
		if (n > (long)max)
			n = max;
		free(data);
		break;
	}
out:
	fclose(f);
	return n;
}

/*
 * The samples of a raw recording in @fmt ("MU_LAW" or "A_LAW": arecord
 * writes WAV files in 16-bit linear only), linear into @x; their count
 * or a negative errno.
 */
static long read_raw_g711(const char *path, const char *fmt, int16_t *x,
			  size_t max)
{
	bool ulaw = !strcmp(fmt, "MU_LAW");
	uint8_t *data = malloc(max);
	long n, i;
	FILE *f;

	if (!data)
		return -ENOMEM;
	f = fopen(path, "rb");
	if (!f) {
		free(data);
		return -errno;
	}
	n = fread(data, 1, max, f);
	for (i = 0; i < n; i++)
		x[i] = ulaw ? test_ulaw_decode(data[i]) :
			      test_alaw_decode(data[i]);
	fclose(f);
	free(data);
	return n;
}

/* Start @argv with its output in @log; the child's pid or -errno. */
static pid_t spawn(char *const argv[], const char *log)
{
	pid_t pid = fork();
	int fd;

	if (pid)
		return pid < 0 ? -errno : pid;
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	execvp(argv[0], argv);
	_exit(127);
}

/* The exit status of @pid, or -ETIMEDOUT (then it is killed). */
static int reap(pid_t pid, int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	int status;

	while (now_ms() < end) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) :
						   128 + WTERMSIG(status);
		if (r < 0)
			return -errno;
		sleep_ms(20);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -ETIMEDOUT;
}

/* What a tool printed, for the log of a failed check. */
static const char *tool_log(const char *log)
{
	static char buf[512];
	ssize_t n;
	int fd = open(log, O_RDONLY);

	buf[0] = '\0';
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	return buf;
}

/* Has capture of PCM device @dev of ALSA card @alsa started? */
static bool capture_running(int alsa, unsigned int dev)
{
	char path[96], line[128];
	bool running = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/asound/card%d/pcm%uc/sub0/status",
		 alsa, dev);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "state: RUNNING", 14))
			running = true;
	fclose(f);
	return running;
}

static int wait_capture_running(int alsa, unsigned int dev)
{
	int64_t end = now_ms() + TOOL_TIMEOUT_MS;

	while (now_ms() < end) {
		if (capture_running(alsa, dev))
			return 0;
		sleep_ms(20);
	}
	return -ETIMEDOUT;
}

/* The tone at the level played, in most 50 ms windows that are loud. */
static void check_tone(struct __test_metadata *_metadata, const int16_t *got,
		       long n, double freq, double amp)
{
	double x[WINDOW], want_ms = amp * amp / 2;
	unsigned int pure = 0, at_level = 0, loud = 0;
	long start;
	int i;

	for (start = 0; start + WINDOW <= n; start += WINDOW) {
		double ms, tone;

		for (i = 0; i < WINDOW; i++)
			x[i] = got[start + i];
		ms = mean_square(x, WINDOW);
		if (ms < want_ms / 100)
			continue;	/* before or after the tone */
		loud++;
		/* within 1.5 dB of the level played */
		if (ms < want_ms / 1.413 || ms > want_ms * 1.413)
			continue;
		at_level++;
		tone = goertzel_power(x, WINDOW, freq);
		if (tone > 0.95 * ms)
			pure++;
	}
	/* At least a second of the three played, nearly all of it pure. */
	EXPECT_LE(20, pure) TH_LOG("%u of %u windows at the level are the %.0f Hz tone, %u loud, %ld samples",
				   pure, at_level, freq, loud, n);
	EXPECT_LE(at_level * 9, pure * 10) TH_LOG("%u of %u windows at the level are the tone",
						  pure, at_level);
}

/* Lines A and B (FXO 0 and 1 of a card of its own) in a call. */
struct call {
	int sim;
	struct tapi_sim_card card;
	int alsa;
	unsigned int a, b;	/* channel indexes on the card = PCM devices */
	int fa, fb;
	char pcm_a[64], pcm_b[64];
	int16_t rec[WAV_MAX];
};

static void live_call_setup(struct __test_metadata *_metadata, struct call *self)
{
	struct tapi_sim_status st;
	struct tapi_event ev;
	char path[64], id[32];
	unsigned int ca, cb;

	self->fa = self->fb = -1;
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	if (access("/usr/bin/aplay", X_OK) || access("/usr/bin/arecord", X_OK))
		SKIP(return, "no aplay/arecord in this image");
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 2, &self->card));
	self->alsa = alsa_card_of(self->card.card);
	ASSERT_LE(0, self->alsa) TH_LOG("no ALSA card for tapi card %u (tapi_pcm loaded?)",
					 self->card.card);
	/* libtapi's name: the ALSA card's id is the tapi card's name. */
	snprintf(path, sizeof(path), "/sys/class/sound/card%d/id", self->alsa);
	ASSERT_EQ(0, read_text(path, id, sizeof(id)));
	ASSERT_STREQ(self->card.name, id);
	self->a = 2;
	self->b = 3;
	snprintf(self->pcm_a, sizeof(self->pcm_a), "plughw:CARD=%s,DEV=%u",
		 id, self->a);
	snprintf(self->pcm_b, sizeof(self->pcm_b), "plughw:CARD=%s,DEV=%u",
		 id, self->b);

	ca = self->card.first_channel + self->a;
	cb = self->card.first_channel + self->b;
	ASSERT_EQ(0, sim_status(self->sim, cb, &st));
	self->fa = chan_open(ca, O_NONBLOCK);
	self->fb = chan_open(cb, O_NONBLOCK);
	ASSERT_LE(0, self->fa);
	ASSERT_LE(0, self->fb);
	ASSERT_EQ(0, set_u32(self->fa, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_wait_status(self->sim, ca, co_state,
				     TAPI_SIM_CO_DIALTONE, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, dial(self->fa, st.number, 0, 0, 0));
	ASSERT_EQ(0, ev_wait_type(self->fa, TAPI_EV_DIAL_DONE, ~0u,
				  EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, sim_wait_status(self->sim, cb, co_state,
				     TAPI_SIM_CO_RINGING, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, set_u32(self->fb, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_wait_status(self->sim, ca, co_state,
				     TAPI_SIM_CO_CONNECTED, EVENT_TIMEOUT_MS));
}

static void live_call_teardown(struct call *self)
{
	if (self->fa >= 0)
		close(self->fa);
	if (self->fb >= 0)
		close(self->fb);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

/*
 * arecord on @rec_dev (@rec_pcm, @rec_fmt: S16_LE into a WAV file, else
 * raw) while aplay plays @wav on @play_pcm with the options @play_opts
 * (NULL-terminated, or NULL); the number of samples recorded into
 * self->rec, or a negative errno.
 */
static long play_and_record(struct __test_metadata *_metadata,
			    struct call *self, const char *play_pcm,
			    const char *wav, const char *const *play_opts,
			    const char *rec_pcm, unsigned int rec_dev,
			    const char *rec_fmt, const char *rec_wav)
{
	bool linear = !strcmp(rec_fmt, "S16_LE");
	char *rec_argv[] = { "arecord", "-q", "-D", (char *)rec_pcm, "-f",
			     (char *)rec_fmt, "-r", "8000", "-c", "1", "-d",
			     REC_S, "-t", linear ? "wav" : "raw",
			     (char *)rec_wav, NULL };
	char *play_argv[12] = { "aplay", "-q", "-D", (char *)play_pcm };
	unsigned int i, argc = 4;
	pid_t rec, play;
	int ret;

	for (i = 0; play_opts && play_opts[i] && argc < 10; i++)
		play_argv[argc++] = (char *)play_opts[i];
	play_argv[argc++] = (char *)wav;
	play_argv[argc] = NULL;

	rec = spawn(rec_argv, "/tmp/arecord.log");
	if (rec < 0)
		return rec;
	ret = wait_capture_running(self->alsa, rec_dev);
	EXPECT_EQ(0, ret) TH_LOG("arecord did not start: %s", tool_log("/tmp/arecord.log"));
	play = spawn(play_argv, "/tmp/aplay.log");
	if (play < 0) {
		reap(rec, 0);
		return play;
	}
	ret = reap(play, TOOL_TIMEOUT_MS);
	EXPECT_EQ(0, ret) TH_LOG("aplay: %d: %s", ret, tool_log("/tmp/aplay.log"));
	ret = reap(rec, TOOL_TIMEOUT_MS);
	EXPECT_EQ(0, ret) TH_LOG("arecord: %d: %s", ret, tool_log("/tmp/arecord.log"));
	if (!linear)
		return read_raw_g711(rec_wav, rec_fmt, self->rec, WAV_MAX);
	return read_wav(rec_wav, self->rec, WAV_MAX);
}

FIXTURE(tone) {
	struct call c;
};

FIXTURE_VARIANT(tone) {
	unsigned int play_rate, play_channels;
	const char *play_opts[3];
	bool rec_hw;
	const char *rec_fmt;
	double freq;
};

/* The channel's own format, aplay's default buffering. */
FIXTURE_VARIANT_ADD(tone, s16_8k_mono) {
	.play_rate = 8000, .play_channels = 1, .rec_fmt = "S16_LE",
	.freq = 1000,
};

/* 1 ms periods (8 frames) in a 128 ms buffer. */
FIXTURE_VARIANT_ADD(tone, s16_1ms_periods) {
	.play_rate = 8000, .play_channels = 1,
	.play_opts = { "--period-size=8", "--buffer-size=1024" },
	.rec_fmt = "S16_LE", .freq = 1000,
};

/* CD format converted by plughw. */
FIXTURE_VARIANT_ADD(tone, cd_44k1_stereo) {
	.play_rate = 44100, .play_channels = 2, .rec_fmt = "S16_LE",
	.freq = 800,
};

/* mu-law straight from the channel (hw:, no conversion). */
FIXTURE_VARIANT_ADD(tone, mu_law_recorded_on_hw) {
	.play_rate = 16000, .play_channels = 1, .rec_hw = true,
	.rec_fmt = "MU_LAW", .freq = 1000,
};

FIXTURE_VARIANT_ADD(tone, a_law_recorded_on_hw) {
	.play_rate = 8000, .play_channels = 1, .rec_hw = true,
	.rec_fmt = "A_LAW", .freq = 600,
};

FIXTURE(call) {
	struct call c;
};

FIXTURE_SETUP(call)
{
	live_call_setup(_metadata, &self->c);
}

FIXTURE_TEARDOWN(call)
{
	live_call_teardown(&self->c);
}

FIXTURE_SETUP(tone)
{
	live_call_setup(_metadata, &self->c);
}

FIXTURE_TEARDOWN(tone)
{
	live_call_teardown(&self->c);
}

/* aplay into A's PCM, arecord from B's: the tone at its level. */
TEST_F_TIMEOUT(tone, aplay_on_a_is_recorded_by_arecord_on_b, 200)
{
	struct call *c = &self->c;
	char rec_pcm[64];
	long n;

	ASSERT_EQ(0, write_wav("/tmp/tone.wav", variant->play_rate,
			       variant->play_channels, variant->freq, TONE_AMP,
			       PLAY_MS));
	if (variant->rec_hw)
		snprintf(rec_pcm, sizeof(rec_pcm), "hw:CARD=%s,DEV=%u",
			 c->card.name, c->b);
	else
		snprintf(rec_pcm, sizeof(rec_pcm), "%s", c->pcm_b);
	n = play_and_record(_metadata, c, c->pcm_a, "/tmp/tone.wav",
			    variant->play_opts, rec_pcm, c->b, variant->rec_fmt,
			    "/tmp/rec");
	ASSERT_LT(0, n) TH_LOG("reading arecord's file: %ld", n);
	/* arecord -d 5 recorded 5 s. */
	EXPECT_EQ(5 * PCM_RATE, n);
	check_tone(_metadata, c->rec, n, variant->freq, TONE_AMP);
}

/* Both ways at once: A plays 1 kHz and hears B's 600 Hz, and back. */
TEST_F_TIMEOUT(call, both_directions_at_once, 200)
{
	struct call *c = &self->c;
	char *rec_a[] = { "arecord", "-q", "-D", c->pcm_a, "-f", "S16_LE",
			  "-r", "8000", "-c", "1", "-d", REC_S, "/tmp/rec_a.wav",
			  NULL };
	char *rec_b[] = { "arecord", "-q", "-D", c->pcm_b, "-f", "S16_LE",
			  "-r", "8000", "-c", "1", "-d", REC_S, "/tmp/rec_b.wav",
			  NULL };
	char *play_a[] = { "aplay", "-q", "-D", c->pcm_a, "/tmp/tone_a.wav",
			   NULL };
	char *play_b[] = { "aplay", "-q", "-D", c->pcm_b, "/tmp/tone_b.wav",
			   NULL };
	pid_t ra, rb, pa, pb;
	long n;

	ASSERT_EQ(0, write_wav("/tmp/tone_a.wav", 8000, 1, 1000, TONE_AMP,
			       PLAY_MS));
	ASSERT_EQ(0, write_wav("/tmp/tone_b.wav", 8000, 1, 600, TONE_AMP,
			       PLAY_MS));
	ra = spawn(rec_a, "/tmp/arecord_a.log");
	rb = spawn(rec_b, "/tmp/arecord_b.log");
	ASSERT_LT(0, ra);
	ASSERT_LT(0, rb);
	EXPECT_EQ(0, wait_capture_running(c->alsa, c->a));
	EXPECT_EQ(0, wait_capture_running(c->alsa, c->b));
	pa = spawn(play_a, "/tmp/aplay_a.log");
	pb = spawn(play_b, "/tmp/aplay_b.log");
	ASSERT_LT(0, pa);
	ASSERT_LT(0, pb);
	EXPECT_EQ(0, reap(pa, TOOL_TIMEOUT_MS)) TH_LOG("%s", tool_log("/tmp/aplay_a.log"));
	EXPECT_EQ(0, reap(pb, TOOL_TIMEOUT_MS)) TH_LOG("%s", tool_log("/tmp/aplay_b.log"));
	EXPECT_EQ(0, reap(ra, TOOL_TIMEOUT_MS)) TH_LOG("%s", tool_log("/tmp/arecord_a.log"));
	EXPECT_EQ(0, reap(rb, TOOL_TIMEOUT_MS)) TH_LOG("%s", tool_log("/tmp/arecord_b.log"));

	n = read_wav("/tmp/rec_b.wav", c->rec, WAV_MAX);
	ASSERT_LT(0, n);
	check_tone(_metadata, c->rec, n, 1000, TONE_AMP);
	n = read_wav("/tmp/rec_a.wav", c->rec, WAV_MAX);
	ASSERT_LT(0, n);
	check_tone(_metadata, c->rec, n, 600, TONE_AMP);
}

/* A silent WAV played into the call is silence on the far end. */
TEST_F_TIMEOUT(call, silence_stays_silence, 200)
{
	struct call *c = &self->c;
	long n, i, loud = 0;
	int peak = 0;

	ASSERT_EQ(0, write_wav("/tmp/silence.wav", 8000, 1, 0, 0, PLAY_MS));
	n = play_and_record(_metadata, c, c->pcm_a, "/tmp/silence.wav",
			    NULL, c->pcm_b, c->b, "S16_LE",
			    "/tmp/rec.wav");
	ASSERT_EQ(5 * PCM_RATE, n);
	for (i = 0; i < n; i++) {
		if (abs(c->rec[i]) > peak)
			peak = abs(c->rec[i]);
		if (c->rec[i])
			loud++;
	}
	EXPECT_EQ(0, loud) TH_LOG("%ld of %ld samples not zero, peak %d", loud, n, peak);
}

/*
 * The card goes (an unplug) while aplay plays into the call and arecord
 * records it: both end with an error soon, neither hangs.
 */
TEST_F_TIMEOUT(call, card_removal_ends_aplay_and_arecord, 200)
{
	struct call *c = &self->c;
	char *rec[] = { "arecord", "-q", "-D", c->pcm_b, "-f", "S16_LE",
			"-r", "8000", "-c", "1", "-d", "60", "/tmp/rec_gone.wav",
			NULL };
	char *play[] = { "aplay", "-q", "-D", c->pcm_a, "/tmp/long.wav",
			 NULL };
	pid_t pr, pp;
	int ret;

	ASSERT_EQ(0, write_wav("/tmp/long.wav", 8000, 1, 1000, TONE_AMP,
			       60000));
	pr = spawn(rec, "/tmp/arecord_gone.log");
	ASSERT_LT(0, pr);
	EXPECT_EQ(0, wait_capture_running(c->alsa, c->b));
	pp = spawn(play, "/tmp/aplay_gone.log");
	ASSERT_LT(0, pp);
	/* Both stream for a moment, then the card is removed. */
	sleep_ms(500);
	ASSERT_EQ(0, sim_card_remove(c->sim, c->card.card));
	ret = reap(pp, TOOL_TIMEOUT_MS);
	EXPECT_TRUE(ret > 0 && ret < 128) TH_LOG("aplay after removal: %d: %s", ret,
						 tool_log("/tmp/aplay_gone.log"));
	ret = reap(pr, TOOL_TIMEOUT_MS);
	EXPECT_TRUE(ret > 0 && ret < 128) TH_LOG("arecord after removal: %d: %s", ret,
						 tool_log("/tmp/arecord_gone.log"));
	/* What arecord had recorded until then is a valid file. */
	EXPECT_LT(0, read_wav("/tmp/rec_gone.wav", c->rec, WAV_MAX));
	/* The teardown has no card left to remove. */
	c->card.card = ~0u;
}

TEST_HARNESS_MAIN
