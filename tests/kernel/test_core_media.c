// SPDX-License-Identifier: GPL-2.0
/*
 * test_core_media - media through tapi_core: a tone written on one channel
 * is read back on another one wired to it (TAPI_SIM_IOC_CONNECT, or a
 * call through the simulated CO) and checked by frequency and level, in
 * every sample format and down to 1 ms blocks; read()/write() block
 * rules, O_NONBLOCK, poll(), transmit ownership, overrun and underrun
 * reports, and DTMF replacing the voice while it plays.
 */
#include "kselftest_harness.h"
#include "test_core_util.h"

#define TONE_AMP	8000.0
#define CAPTURE_MS	1000

/* --- the streaming loop ------------------------------------------------ */

struct stream {
	int wfd, rfd;		/* writer (or -1), reader */
	uint32_t wfmt, rfmt;
	uint32_t wblock, rblock;
	double freq, amp;
	uint64_t written;	/* samples of the tone written so far */
	int16_t *got;		/* what the reader read, linear */
	size_t ngot, want;
	unsigned int xruns;	/* MEDIA_XRUN events seen */
	uint32_t seen;		/* TAPI_EV_MASK() of every event seen */
};

static unsigned int fmt_bytes(uint32_t fmt)
{
	return fmt == TAPI_FMT_S16 ? 2 : 1;
}

static void encode(uint32_t fmt, const int16_t *x, uint8_t *out, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (fmt == TAPI_FMT_S16)
			memcpy(out + 2 * i, &x[i], 2);
		else if (fmt == TAPI_FMT_ULAW)
			out[i] = test_encode(x[i], test_ulaw_decode);
		else
			out[i] = test_encode(x[i], test_alaw_decode);
	}
}

static void decode(uint32_t fmt, const uint8_t *in, int16_t *x, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (fmt == TAPI_FMT_S16)
			memcpy(&x[i], in + 2 * i, 2);
		else if (fmt == TAPI_FMT_ULAW)
			x[i] = test_ulaw_decode(in[i]);
		else
			x[i] = test_alaw_decode(in[i]);
	}
}

static int stream_write_block(struct stream *s)
{
	int16_t x[TAPI_BLOCK_MAX];
	uint8_t bytes[2 * TAPI_BLOCK_MAX];
	unsigned int i, len = s->wblock * fmt_bytes(s->wfmt);
	ssize_t n;

	for (i = 0; i < s->wblock; i++)
		x[i] = lrint(s->amp * sin(2 * M_PI * s->freq *
					  (double)(s->written + i) /
					  TAPI_SAMPLE_RATE));
	encode(s->wfmt, x, bytes, s->wblock);
	n = write(s->wfd, bytes, len);
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (n != len)
		return -EIO;
	s->written += s->wblock;
	return 1;
}

static int stream_read(struct stream *s)
{
	uint8_t bytes[8 * 2 * TAPI_BLOCK_MAX];
	unsigned int bb = s->rblock * fmt_bytes(s->rfmt);
	size_t room = sizeof(bytes) / bb * bb;
	ssize_t n;

	n = read(s->rfd, bytes, room);
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (n == 0 || n % bb)
		return -EIO;	/* whole blocks only */
	n /= fmt_bytes(s->rfmt);
	if ((size_t)n > s->want - s->ngot)
		n = s->want - s->ngot;
	decode(s->rfmt, bytes, s->got + s->ngot, n);
	s->ngot += n;
	return 1;
}

static void stream_count_xruns(struct stream *s, int fd)
{
	struct tapi_event ev;

	while (ev_get(fd, &ev) == 0) {
		s->seen |= TAPI_EV_MASK(ev.type);
		if (ev.type == TAPI_EV_MEDIA_XRUN)
			s->xruns++;
	}
}

/* Write the tone and read until @s->want samples arrived; 0 or -errno. */
static int stream_run(struct stream *s, int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	struct pollfd pfd[2];
	int ret, n;

	while (s->ngot < s->want) {
		if (now_ms() > end)
			return -ETIMEDOUT;
		n = 0;
		pfd[n++] = (struct pollfd){ .fd = s->rfd,
					    .events = POLLIN | POLLPRI };
		if (s->wfd >= 0)
			pfd[n++] = (struct pollfd){ .fd = s->wfd,
						    .events = POLLOUT | POLLPRI };
		if (poll(pfd, n, 1000) < 0)
			return -errno;
		if (pfd[0].revents & (POLLERR | POLLHUP))
			return -ENODEV;
		if (pfd[0].revents & POLLPRI)
			stream_count_xruns(s, s->rfd);
		if (n > 1 && (pfd[1].revents & POLLPRI))
			stream_count_xruns(s, s->wfd);
		if (n > 1 && (pfd[1].revents & POLLOUT)) {
			do
				ret = stream_write_block(s);
			while (ret == 1);
			if (ret < 0)
				return ret;
		}
		if (pfd[0].revents & POLLIN) {
			ret = stream_read(s);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

/*
 * Check the tone in what was read.  Windows of 400 samples (a whole
 * number of periods of the test frequencies) at the expected level are
 * the tone; at least three quarters of them, and at least five, must be
 * nothing but the tone (the others may straddle its start or a gap of a
 * late test process).  So a wrong level or a wrong signal fails.
 * Windows at another level are silence before the tone arrived.
 */
#define WINDOW 400

static void check_tone(struct __test_metadata *_metadata,
		       const struct stream *s, double freq, double amp)
{
	double x[WINDOW], want_ms = amp * amp / 2;
	unsigned int pure = 0, at_level = 0, loud = 0;
	size_t start;
	int i;

	for (start = 0; start + WINDOW <= s->ngot; start += WINDOW) {
		double ms, tone;

		for (i = 0; i < WINDOW; i++)
			x[i] = s->got[start + i];
		ms = mean_square(x, WINDOW);
		if (ms < want_ms / 100)
			continue;	/* silence */
		loud++;
		/* within 1.5 dB of the level written */
		if (ms < want_ms / 1.413 || ms > want_ms * 1.413)
			continue;
		at_level++;
		tone = goertzel_power(x, WINDOW, freq);
		if (tone > 0.95 * ms)
			pure++;
		else
			TH_LOG("window at %zu: %.0f of %.0f is %.0f Hz", start,
			       tone, ms, freq);
	}
	EXPECT_LE(5, pure) TH_LOG("%u of %u windows at the level are the tone, %u loud, %zu samples",
				  pure, at_level, loud, s->ngot);
	EXPECT_LE(at_level * 3, pure * 4) TH_LOG("%u of %u windows at the level are the tone",
						 pure, at_level);
}

/* --- the tone through a patch, in every format -------------------------- */

FIXTURE(tone) {
	int sim;
	struct tapi_sim_card card;
	unsigned int a, b;
	int afd, bfd;
	int16_t got[CAPTURE_MS * 8];
};

FIXTURE_VARIANT(tone) {
	uint32_t wfmt, rfmt, block;
	double freq;
};

FIXTURE_VARIANT_ADD(tone, s16_to_s16) {
	.wfmt = TAPI_FMT_S16, .rfmt = TAPI_FMT_S16, .block = 160, .freq = 1000,
};

FIXTURE_VARIANT_ADD(tone, ulaw_to_ulaw) {
	.wfmt = TAPI_FMT_ULAW, .rfmt = TAPI_FMT_ULAW, .block = 160, .freq = 400,
};

FIXTURE_VARIANT_ADD(tone, alaw_to_alaw) {
	.wfmt = TAPI_FMT_ALAW, .rfmt = TAPI_FMT_ALAW, .block = 160, .freq = 2000,
};

FIXTURE_VARIANT_ADD(tone, s16_to_ulaw) {
	.wfmt = TAPI_FMT_S16, .rfmt = TAPI_FMT_ULAW, .block = 80, .freq = 1000,
};

FIXTURE_VARIANT_ADD(tone, alaw_to_s16) {
	.wfmt = TAPI_FMT_ALAW, .rfmt = TAPI_FMT_S16, .block = 320, .freq = 600,
};

FIXTURE_VARIANT_ADD(tone, s16_1ms_blocks) {
	.wfmt = TAPI_FMT_S16, .rfmt = TAPI_FMT_S16, .block = 8, .freq = 1000,
};

FIXTURE_SETUP(tone)
{
	self->afd = self->bfd = -1;
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 0, &self->card));
	self->a = self->card.first_channel;
	self->b = self->card.first_channel + 1;
	self->afd = chan_open(self->a, O_NONBLOCK);
	ASSERT_LE(0, self->afd);
	self->bfd = chan_open(self->b, O_NONBLOCK);
	ASSERT_LE(0, self->bfd);
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT, self->a, self->b));
}

FIXTURE_TEARDOWN(tone)
{
	if (self->afd >= 0)
		close(self->afd);
	if (self->bfd >= 0)
		close(self->bfd);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

TEST_F(tone, written_tone_is_read_back)
{
	struct stream s = {
		.wfd = self->afd, .rfd = self->bfd,
		.wfmt = variant->wfmt, .rfmt = variant->rfmt,
		.wblock = variant->block, .rblock = variant->block,
		.freq = variant->freq, .amp = TONE_AMP,
		.got = self->got, .want = CAPTURE_MS * 8,
	};

	ASSERT_EQ(0, set_media(self->afd, variant->wfmt, variant->block));
	ASSERT_EQ(0, set_media(self->bfd, variant->rfmt, variant->block));
	ASSERT_EQ(0, stream_run(&s, 30000));
	check_tone(_metadata, &s, variant->freq, TONE_AMP);
}

/* --- the rest ------------------------------------------------------------ */

FIXTURE(media) {
	int sim;
	struct tapi_sim_card card;
	unsigned int fxs[2], fxo[2];
	int16_t got[CAPTURE_MS * 8];
};

FIXTURE_SETUP(media)
{
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 2, &self->card));
	self->fxs[0] = self->card.first_channel;
	self->fxs[1] = self->card.first_channel + 1;
	self->fxo[0] = self->card.first_channel + 2;
	self->fxo[1] = self->card.first_channel + 3;
}

FIXTURE_TEARDOWN(media)
{
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

TEST_F(media, tone_through_a_call_on_the_co)
{
	struct tapi_sim_status called;
	struct tapi_event ev;
	int a = chan_open(self->fxo[0], O_NONBLOCK);
	int b = chan_open(self->fxo[1], O_NONBLOCK);
	struct stream s = {
		.wfd = a, .rfd = b,
		.wfmt = TAPI_FMT_ULAW, .rfmt = TAPI_FMT_ALAW,
		.wblock = 160, .rblock = 160, .freq = 1000, .amp = TONE_AMP,
		.got = self->got, .want = CAPTURE_MS * 8,
	};

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, sim_status(self->sim, self->fxo[1], &called));
	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, dial(a, called.number, 60, 60, 0));
	ASSERT_EQ(0, ev_wait_type(b, TAPI_EV_RING, 0, 4 * EVENT_TIMEOUT_MS, &ev));
	/* The last digit is still playing: answer once it is out. */
	ASSERT_EQ(0, ev_wait_type(a, TAPI_EV_DIAL_DONE, 0, EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_wait_status(self->sim, self->fxo[0], co_state,
				     TAPI_SIM_CO_CONNECTED, EVENT_TIMEOUT_MS));

	ASSERT_EQ(0, set_media(a, s.wfmt, s.wblock));
	ASSERT_EQ(0, set_media(b, s.rfmt, s.rblock));
	ASSERT_EQ(0, stream_run(&s, 30000));
	check_tone(_metadata, &s, 1000, TONE_AMP);
	close(a);
	close(b);
}

TEST_F(media, one_ms_blocks_and_whole_block_counts)
{
	int fd = chan_open(self->fxs[0], 0);
	uint8_t buf[100];
	ssize_t n;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, TAPI_BLOCK_MIN));
	/* Blocking: at least one block, only whole ones. */
	n = read(fd, buf, sizeof(buf));
	ASSERT_LT(0, n);
	EXPECT_EQ(0, n % 16);
	EXPECT_GE(96, n);
	n = read(fd, buf, 16);
	EXPECT_EQ(16, n);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(16, write(fd, buf, 16));
	/* Writes take whole blocks only; the rest of the count is left. */
	n = write(fd, buf, 20);
	EXPECT_EQ(16, n);

	/* One byte per sample in the G.711 formats. */
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_ALAW, TAPI_BLOCK_MIN));
	n = read(fd, buf, 12);
	EXPECT_EQ(8, n);
	close(fd);
}

TEST_F(media, counts_smaller_than_a_block_are_einval)
{
	int fd = chan_open(self->fxs[0], O_NONBLOCK);
	uint8_t buf[2 * TAPI_BLOCK_MAX] = { 0 };

	ASSERT_LE(0, fd);
	/* default: S16, 160 samples = 320 bytes */
	EXPECT_EQ(-1, read(fd, buf, 319));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(fd, buf, 319));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, read(fd, buf, 0));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_ULAW, 160));
	EXPECT_EQ(-1, read(fd, buf, 159));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(fd, buf, 159));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(160, write(fd, buf, 160));
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, TAPI_BLOCK_MAX));
	EXPECT_EQ(-1, write(fd, buf, 2 * TAPI_BLOCK_MAX - 2));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_F(media, nonblocking_read_and_poll)
{
	struct pollfd pfd;
	uint8_t buf[320];
	int fd = chan_open(self->fxs[0], O_NONBLOCK);

	ASSERT_LE(0, fd);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	/* Not capturing yet: nothing to read; the transmit side is free. */
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLOUT, pfd.revents);
	/* The first read starts capture and finds nothing yet. */
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	pfd.events = POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, EVENT_TIMEOUT_MS));
	EXPECT_EQ(POLLIN, pfd.revents);
	EXPECT_EQ(320, read(fd, buf, sizeof(buf)));
	close(fd);
}

TEST_F(media, one_writer_owns_the_transmit_side)
{
	uint8_t buf[320] = { 0 };
	struct pollfd pfd;
	int a = chan_open(self->fxs[0], O_NONBLOCK);
	int b = chan_open(self->fxs[0], O_NONBLOCK);

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	EXPECT_EQ(320, write(a, buf, sizeof(buf)));
	EXPECT_EQ(-1, write(b, buf, sizeof(buf)));
	EXPECT_EQ(EBUSY, errno);
	pfd = (struct pollfd){ .fd = b, .events = POLLOUT };
	EXPECT_EQ(0, poll(&pfd, 1, 0));
	/* Reading is not exclusive. */
	ASSERT_EQ(0, set_media(b, TAPI_FMT_S16, 160));
	/* When the owner closes, another file may write. */
	close(a);
	EXPECT_EQ(1, poll(&pfd, 1, EVENT_TIMEOUT_MS));
	EXPECT_EQ(320, write(b, buf, sizeof(buf)));
	close(b);
}

TEST_F(media, rx_overrun_is_reported_once_with_the_count)
{
	int fd = chan_open(self->fxs[0], O_NONBLOCK);
	int other = chan_open(self->fxs[0], O_NONBLOCK);
	uint8_t buf[320];
	struct tapi_event ev;
	uint64_t start;
	int round, ret;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, set_media(fd, TAPI_FMT_S16, 160));
	start = now_ns();
	/*
	 * The buffer holds one second.  Read far less than the channel
	 * delivers until it overflowed; the report comes when samples fit
	 * again, after a read.  (Rounds, so a slow VM only takes longer.)
	 */
	for (round = 0; round < 20; round++) {
		sleep_ms(1200);
		if (round == 0)
			EXPECT_EQ(-EAGAIN, ev_get(fd, &ev));
		ASSERT_EQ(320, read(fd, buf, sizeof(buf)));
		ret = ev_wait(fd, 200, &ev);
		if (ret != -ETIMEDOUT)
			break;
	}
	ASSERT_EQ(0, ret);
	EXPECT_EQ(TAPI_EV_MEDIA_XRUN, ev.type);
	/* Some samples were lost, not more than the time that passed. */
	EXPECT_LT(0, ev.value);
	EXPECT_EQ(0, ev.value % TAPI_FRAME_SAMPLES);
	EXPECT_GE((now_ns() - start) / 125000, ev.value);
	/* Once per episode. */
	EXPECT_TRUE(ev_none_within(fd, 100, &ev));
	/* The file that does not capture knows nothing of it. */
	EXPECT_EQ(-EAGAIN, ev_get(other, &ev));
	close(fd);
	close(other);
}

TEST_F(media, tx_underrun_is_reported_when_writing_resumes)
{
	int fd = chan_open(self->fxs[0], O_NONBLOCK);
	uint8_t buf[320] = { 0 };
	struct tapi_event ev;
	int round, ret;

	ASSERT_LE(0, fd);
	/* Nothing written yet: silence is not an underrun. */
	sleep_ms(100);
	EXPECT_EQ(-EAGAIN, ev_get(fd, &ev));
	EXPECT_EQ(320, write(fd, buf, sizeof(buf)));
	/* 20 ms written, then a pause: the rest is padded. */
	for (round = 0; round < 10; round++) {
		sleep_ms(300);
		if (round == 0)
			EXPECT_EQ(-EAGAIN, ev_get(fd, &ev));
		EXPECT_EQ(320, write(fd, buf, sizeof(buf)));
		ret = ev_wait(fd, 500, &ev);
		if (ret != -ETIMEDOUT)
			break;
	}
	ASSERT_EQ(0, ret);
	EXPECT_EQ(TAPI_EV_MEDIA_XRUN, ev.type);
	EXPECT_LT(0, ev.value);
	EXPECT_EQ(0, ev.value % TAPI_FRAME_SAMPLES);
	close(fd);
}

/*
 * DTMF dialled during a loud voice replaces it while it plays: the phone
 * still decodes the digits (a receiver fails when speech is mixed in at
 * this level), and the voice resumes afterwards.
 */
TEST_F(media, dialled_digits_replace_the_voice)
{
	int a = chan_open(self->fxs[0], O_NONBLOCK);
	int b = chan_open(self->fxs[1], O_NONBLOCK);
	struct tapi_sim_status st;
	int rounds;
	struct stream s = {
		.wfd = a, .rfd = b,
		.wfmt = TAPI_FMT_S16, .rfmt = TAPI_FMT_S16,
		.wblock = 160, .rblock = 160, .freq = 440, .amp = 16000,
		.got = self->got, .want = 200 * 8,
	};

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CONNECT, self->fxs[0],
			     self->fxs[1]));
	ASSERT_EQ(0, set_media(b, TAPI_FMT_S16, 160));
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CLEAR, self->fxs[0], 0));
	ASSERT_EQ(0, stream_run(&s, 30000));

	ASSERT_EQ(0, dial(a, "58", 80, 80, -6));
	/* Keep talking until the digits are out (about 320 ms). */
	for (rounds = 0; !(s.seen & TAPI_EV_MASK(TAPI_EV_DIAL_DONE)); rounds++) {
		ASSERT_GT(50, rounds) TH_LOG("no DIAL_DONE after 10 s of voice");
		s.ngot = 0;
		ASSERT_EQ(0, stream_run(&s, 30000));
	}
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_STREQ("58", st.heard);

	/* The voice is back. */
	s.ngot = 0;
	s.want = CAPTURE_MS * 8;
	ASSERT_EQ(0, stream_run(&s, 30000));
	check_tone(_metadata, &s, 440, 16000);
	close(a);
	close(b);
}

TEST_HARNESS_MAIN
