// SPDX-License-Identifier: GPL-2.0
/*
 * test_tone - tones a channel plays (TAPI_IOC_TONE_START/STOP,
 * TAPI_EV_TONE_DONE) and tones it hears (the call-progress detector,
 * TAPI_EV_TONE).
 *
 * Two FXS ports of a simulated card are patched together
 * (TAPI_SIM_IOC_CONNECT): what one plays, the other captures, and this
 * test measures it - frequencies and levels with Goertzel filters,
 * cadences by the length of the bursts in the samples (never by the
 * clock).  The zone is the default "us" (E.180: dial 350+440 Hz -13 dBm0
 * continuous, busy 480+620 Hz -24 dBm0 0.5 s on 0.5 s off).
 */
#include "kselftest_harness.h"
#include "test_call_util.h"

#define DBM0_MS		(16141.0 * 16141.0)	/* mean square of 0 dBm0 */

/* A measurement within a tolerance (the harness of 6.1 has none). */
#define EXPECT_NEAR(want, seen, tol)					\
	EXPECT_TRUE(fabs((double)(seen) - (double)(want)) <= (tol))	\
		TH_LOG("%s: expected %g +- %g, got %g", #seen,		\
		       (double)(want), (double)(tol), (double)(seen))
#define BLOCK		160

static double dbm0(double mean_sq)
{
	return 10 * log10(mean_sq / DBM0_MS + 1e-12);
}

FIXTURE(tone) {
	struct line_card lc;
	int play, hear;		/* FXS 0 plays, FXS 1 hears it */
};

FIXTURE_SETUP(tone)
{
	int ret;

	line_card_init(&self->lc);
	ret = line_card_add(&self->lc, 2, 1);
	if (ret == -ENOENT)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, ret);
	self->play = self->lc.fxs_fd[0];
	self->hear = self->lc.fxs_fd[1];
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CONNECT,
			     self->lc.fxs[0], self->lc.fxs[1]));
}

FIXTURE_TEARDOWN(tone)
{
	line_card_remove(&self->lc);
}

static int tone_start(int fd, uint32_t tone, uint32_t duration_ms)
{
	struct tapi_tone_req req;

	memset(&req, 0, sizeof(req));
	req.tone = tone;
	req.duration_ms = duration_ms;
	return xioctl(fd, TAPI_IOC_TONE_START, &req);
}

static int tone_custom(int fd, uint16_t f0, uint16_t f1, int16_t level,
		       uint16_t on_ms, uint16_t off_ms, uint32_t duration_ms)
{
	struct tapi_tone_req req;

	memset(&req, 0, sizeof(req));
	req.tone = TAPI_TONE_NONE;
	req.freq[0] = f0;
	req.freq[1] = f1;
	req.level = level;
	req.on_ms = on_ms;
	req.off_ms = off_ms;
	req.duration_ms = duration_ms;
	return xioctl(fd, TAPI_IOC_TONE_START, &req);
}

/* Start capturing on @fd: what was heard before is discarded. */
static int capture_start(int fd)
{
	return set_media(fd, TAPI_FMT_S16, BLOCK);
}

/* Read @n samples (a multiple of BLOCK) into @x. */
static int capture(int fd, double *x, size_t n)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int16_t block[BLOCK];
	size_t got = 0, i;

	while (got < n) {
		ssize_t r = read(fd, block, sizeof(block));

		if (r == sizeof(block)) {
			for (i = 0; i < BLOCK; i++)
				x[got + i] = block[i];
			got += BLOCK;
			continue;
		}
		if (r >= 0 || errno != EAGAIN)
			return -EIO;
		if (poll(&pfd, 1, EVENT_TIMEOUT_MS) <= 0)
			return -ETIMEDOUT;
	}
	return 0;
}

/* Index of the first sample louder than @level, or @n. */
static size_t onset(const double *x, size_t n, double level)
{
	size_t i;

	for (i = 0; i < n && fabs(x[i]) < level; i++)
		;
	return i;
}

/* Level at @freq over n samples, dBm0. */
static double level_at(const double *x, size_t n, double freq)
{
	return dbm0(goertzel_power(x, n, freq));
}

/*
 * Lengths of the bursts and gaps of a cadenced signal, in 10 ms blocks,
 * from the first burst on; the last (cut-off) run is left out.  Returns
 * the number of runs; runs[0] is a burst.
 */
static int cadence_runs(const double *x, size_t n, int *runs, int max)
{
	size_t blocks = n / 80, b;
	int nruns = 0, len = 0;
	bool on = false, started = false;

	for (b = 0; b < blocks; b++) {
		bool loud = dbm0(mean_square(x + b * 80, 80)) > -40;

		if (!started) {
			if (!loud)
				continue;
			started = true;
			on = true;
		}
		if (loud == on) {
			len++;
			continue;
		}
		if (nruns < max)
			runs[nruns++] = len;
		on = loud;
		len = 1;
	}
	return nruns;
}

TEST_F(tone, start_rejects_bad_requests)
{
	struct {
		struct tapi_tone_req req;
		const char *why;
	} bad[] = {
		{ { .tone = TAPI_TONE_SILENCE }, "detected only" },
		{ { .tone = TAPI_TONE_VOICE }, "detected only" },
		{ { .tone = TAPI_TONE_ANSWER }, "detected only" },
		{ { .tone = __TAPI_TONE_CNT }, "no such tone" },
		{ { .tone = 0xffffffffu }, "no such tone" },
		{ { .tone = TAPI_TONE_DIAL, .freq = { 400 } }, "zone tone with a frequency" },
		{ { .tone = TAPI_TONE_BUSY, .level = -10 }, "zone tone with a level" },
		{ { .tone = TAPI_TONE_BUSY, .on_ms = 100, .off_ms = 100 }, "zone tone with a cadence" },
		{ { .tone = TAPI_TONE_DIAL, .reserved = 1 }, "reserved" },
		{ { .freq = { 0 } }, "custom without a frequency" },
		{ { .freq = { 49 } }, "below 50 Hz" },
		{ { .freq = { 3901 } }, "above 3900 Hz" },
		{ { .freq = { 1000, 20 } }, "second frequency below 50 Hz" },
		{ { .freq = { 1000, 4000 } }, "second frequency above 3900 Hz" },
		{ { .freq = { 1000 }, .level = -31 }, "level below -30" },
		{ { .freq = { 1000 }, .level = 1 }, "level above 0" },
		{ { .freq = { 1000 }, .off_ms = 100 }, "off time without on time" },
		{ { .freq = { 1000 }, .on_ms = 49, .off_ms = 100 }, "on time too short" },
		{ { .freq = { 1000 }, .on_ms = 100 }, "on time without off time" },
		{ { .freq = { 1000 }, .on_ms = 100, .off_ms = 10001 }, "off time too long" },
		{ { .freq = { 1000 }, .on_ms = 10001, .off_ms = 100 }, "on time too long" },
		{ { .freq = { 1000 }, .reserved = 7 }, "reserved" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = bad[i].why;

		EXPECT_EQ(-EINVAL, xioctl(self->play, TAPI_IOC_TONE_START,
					  &bad[i].req))
			TH_LOG("%s", why);
	}
	EXPECT_EQ(-EFAULT, xioctl(self->play, TAPI_IOC_TONE_START, BAD_PTR));
	/* The limits themselves are accepted. */
	EXPECT_EQ(0, tone_custom(self->play, 50, 3900, -30, 50, 10000, 0));
	EXPECT_EQ(0, tone_custom(self->play, 1000, 0, 0, 10000, 50, 0));
	EXPECT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
	EXPECT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
}

TEST_F(tone, dial_tone_has_the_zone_frequencies_and_level)
{
	static double x[8000];
	size_t start;

	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_DIAL, 0));
	ASSERT_EQ(0, capture(self->hear, x, 8000));
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));

	start = onset(x, 8000, 500) + 80;
	ASSERT_GE(8000 - 4000, start);
	EXPECT_NEAR(-13.0, level_at(x + start, 4000, 350), 1.0);
	EXPECT_NEAR(-13.0, level_at(x + start, 4000, 440), 1.0);
	EXPECT_GT(-50.0, level_at(x + start, 4000, 480));
	EXPECT_GT(-50.0, level_at(x + start, 4000, 620));
	EXPECT_GT(-50.0, level_at(x + start, 4000, 1000));
	/* Continuous: as loud at the end as at the beginning. */
	EXPECT_NEAR(dbm0(mean_square(x + start, 800)),
		    dbm0(mean_square(x + 7200, 800)), 0.5);
}

TEST_F(tone, busy_tone_has_the_zone_cadence)
{
	static double x[8000 * 3];
	int runs[8], n, i;
	size_t start;

	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_BUSY, 0));
	ASSERT_EQ(0, capture(self->hear, x, 8000 * 3));
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));

	start = onset(x, 8000 * 3, 200) + 80;
	EXPECT_NEAR(-24.0, level_at(x + start, 3200, 480), 1.0);
	EXPECT_NEAR(-24.0, level_at(x + start, 3200, 620), 1.0);
	n = cadence_runs(x, 8000 * 3, runs, 8);
	ASSERT_LE(3, n);
	for (i = 0; i < n; i++)		/* 500 ms in 10 ms blocks, +-1 */
		EXPECT_NEAR(50, runs[i], 1);
}

TEST_F(tone, custom_tones_sound_as_requested)
{
	static double x[8000 * 2];
	int runs[8], n, i;
	size_t start;

	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, tone_custom(self->play, 1000, 0, -10, 0, 0, 0));
	ASSERT_EQ(0, capture(self->hear, x, 8000));
	start = onset(x, 8000, 500) + 80;
	EXPECT_NEAR(-10.0, level_at(x + start, 4000, 1000), 0.5);
	EXPECT_GT(-50.0, level_at(x + start, 4000, 2000));

	/* Two frequencies, 200 ms on, 300 ms off. */
	ASSERT_EQ(0, tone_custom(self->play, 697, 1336, -20, 200, 300, 0));
	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, capture(self->hear, x, 8000 * 2));
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
	start = onset(x, 8000 * 2, 300) + 80;
	EXPECT_NEAR(-20.0, level_at(x + start, 1280, 697), 1.0);
	EXPECT_NEAR(-20.0, level_at(x + start, 1280, 1336), 1.0);
	EXPECT_GT(-50.0, level_at(x + start, 1280, 1000));
	n = cadence_runs(x, 8000 * 2, runs, 8);
	ASSERT_LE(3, n);
	for (i = 0; i < n; i++)
		EXPECT_NEAR(i % 2 ? 30 : 20, runs[i], 1);
}

TEST_F(tone, tone_done_after_the_duration_then_silence)
{
	static double x[8000];
	struct tapi_event ev;
	size_t start, i, loud = 0;

	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_DIAL, 300));
	ASSERT_EQ(0, next_event(self->play, TAPI_EV_TONE_DONE, EVENT_TIMEOUT_MS,
				&ev));
	EXPECT_EQ(TAPI_TONE_DIAL, ev.value);
	ASSERT_EQ(0, capture(self->hear, x, 8000));
	/* 300 ms of tone, 2400 samples, and nothing after it. */
	start = onset(x, 8000, 500);
	ASSERT_GT(8000, start);
	for (i = start; i < 8000; i++)
		if (fabs(x[i]) > 50)
			loud = i;
	EXPECT_NEAR(2400, (double)(loud + 1 - start), 16);

	/* A custom tone reports TAPI_TONE_NONE. */
	ASSERT_EQ(0, tone_custom(self->play, 1500, 0, -10, 0, 0, 100));
	ASSERT_EQ(0, next_event(self->play, TAPI_EV_TONE_DONE, EVENT_TIMEOUT_MS,
				&ev));
	EXPECT_EQ(TAPI_TONE_NONE, ev.value);
}

/* The US SIT plays once (three 330 ms tones) and ends by itself. */
TEST_F(tone, a_tone_that_ends_by_itself_is_done)
{
	struct tapi_event ev;

	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_SIT, 0));
	ASSERT_EQ(0, next_event(self->play, TAPI_EV_TONE_DONE, EVENT_TIMEOUT_MS,
				&ev));
	EXPECT_EQ(TAPI_TONE_SIT, ev.value);
}

TEST_F(tone, stop_silences_without_tone_done)
{
	static double x[4000];
	struct tapi_event ev;

	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_DIAL, 2000));
	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, capture(self->hear, x, 1600));
	EXPECT_LT(-20.0, dbm0(mean_square(x + 800, 800)));
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, capture(self->hear, x, 4000));
	EXPECT_GT(-70.0, dbm0(mean_square(x + 800, 3200)));
	/* The 2 s would be up by now; a stopped tone is not "done". */
	ev_drain(self->play);
	EXPECT_EQ(-ETIMEDOUT, next_event(self->play, TAPI_EV_TONE_DONE, 2500,
					 &ev));
}

TEST_F(tone, a_new_tone_replaces_the_one_playing)
{
	static double x[8000];
	size_t start;

	ASSERT_EQ(0, tone_custom(self->play, 1000, 0, -10, 0, 0, 0));
	ASSERT_EQ(0, tone_custom(self->play, 2000, 0, -10, 0, 0, 0));
	ASSERT_EQ(0, capture_start(self->hear));
	ASSERT_EQ(0, capture(self->hear, x, 8000));
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
	start = onset(x, 8000, 500) + 80;
	EXPECT_NEAR(-10.0, level_at(x + start, 4000, 2000), 0.5);
	EXPECT_GT(-50.0, level_at(x + start, 4000, 1000));
}

/* The tone is added to what the application writes, not put instead. */
TEST_F(tone, the_tone_sounds_over_the_written_audio)
{
	static double x[8000];
	int16_t block[BLOCK];
	size_t start, i;
	double phase = 0;
	int blocks;

	ASSERT_EQ(0, set_media(self->play, TAPI_FMT_S16, BLOCK));
	ASSERT_EQ(0, tone_custom(self->play, 2000, 0, -10, 0, 0, 0));
	ASSERT_EQ(0, capture_start(self->hear));
	/* 700 Hz at -10 dBm0 written while the tone plays. */
	for (blocks = 0; blocks < 50; blocks++) {
		struct pollfd pfd = { .fd = self->play, .events = POLLOUT };

		for (i = 0; i < BLOCK; i++) {
			block[i] = (int16_t)lrint(16141 * M_SQRT2 *
						  pow(10, -0.5) * sin(phase));
			phase += 2 * M_PI * 700 / TAPI_SAMPLE_RATE;
		}
		while (write(self->play, block, sizeof(block)) < 0) {
			ASSERT_EQ(EAGAIN, errno);
			ASSERT_LT(0, poll(&pfd, 1, EVENT_TIMEOUT_MS));
		}
	}
	ASSERT_EQ(0, capture(self->hear, x, 8000));
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
	start = onset(x, 8000, 500) + 800;
	ASSERT_GE(8000 - 2400, start);
	EXPECT_NEAR(-10.0, level_at(x + start, 2400, 2000), 1.0);
	EXPECT_NEAR(-10.0, level_at(x + start, 2400, 700), 1.0);
}

/* The detector of the hearing port recognises what the other plays. */
TEST_F_TIMEOUT(tone, detector_reports_tones_and_their_end, 60)
{
	struct tapi_event ev;

	ev_drain(self->hear);
	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_BUSY, 0));
	ASSERT_EQ(0, next_event(self->hear, TAPI_EV_TONE, CALL_TIMEOUT_MS,
				&ev));
	EXPECT_EQ(TAPI_TONE_BUSY, ev.value);
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
	ASSERT_EQ(0, next_event(self->hear, TAPI_EV_TONE, CALL_TIMEOUT_MS,
				&ev));
	EXPECT_EQ(TAPI_TONE_NONE, ev.value);

	ASSERT_EQ(0, tone_start(self->play, TAPI_TONE_CONGESTION, 0));
	ASSERT_EQ(0, next_event(self->hear, TAPI_EV_TONE, CALL_TIMEOUT_MS,
				&ev));
	EXPECT_EQ(TAPI_TONE_CONGESTION, ev.value);
	ASSERT_EQ(0, xioctl(self->play, TAPI_IOC_TONE_STOP, NULL));
}

/* An FXO line hears the CO's dial tone, which stops at the first digit. */
TEST_F_TIMEOUT(tone, fxo_hears_dial_tone_until_the_first_digit, 60)
{
	int fd = self->lc.fxo_fd[0];
	struct tapi_event ev;

	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, next_event(fd, TAPI_EV_TONE, CALL_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_TONE_DIAL, ev.value);
	ASSERT_EQ(0, dial(fd, "5", 0, 0, 0));
	ASSERT_EQ(0, next_event(fd, TAPI_EV_TONE, CALL_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_TONE_NONE, ev.value);
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
}

TEST_HARNESS_MAIN
