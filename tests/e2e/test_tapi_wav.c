// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The example tools/examples/tapi-wav end to end on the simulated card:
 * one tapi-wav answers line B and records it, another calls B from line A
 * and plays a 1 kHz WAV file at 16 kHz (alsa-lib's plug layer brings it
 * to the channel's 8 kHz).  The recording must hold the tone: a 20 ms
 * block whose energy is nearly all at 1 kHz, at a level near the one
 * played, and such blocks for most of the file's length.
 */
#include <math.h>
#include <sys/wait.h>

#include "e2e_util.h"
#include "kselftest_harness.h"

#define PLAY_RATE	16000
#define PLAY_MS		2000
#define TONE_HZ		1000
#define TONE_AMPLITUDE	8231	/* -12 dBFS */
#define BLOCK		160	/* 20 ms at 8 kHz */
#define PLAY_WAV	"/tmp/tapi-wav-play.wav"
#define REC_WAV		"/tmp/tapi-wav-rec.wav"

static void put_le(unsigned char *p, uint32_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = v >> (8 * i);
}

static bool write_tone_wav(const char *path)
{
	unsigned int n = PLAY_RATE * PLAY_MS / 1000;
	unsigned char h[44];
	bool ok;
	FILE *f = fopen(path, "wb");

	if (!f)
		return false;
	memcpy(h, "RIFF", 4);
	put_le(h + 4, 36 + 2 * n, 4);
	memcpy(h + 8, "WAVEfmt ", 8);
	put_le(h + 16, 16, 4);
	put_le(h + 20, 1, 2);
	put_le(h + 22, 1, 2);
	put_le(h + 24, PLAY_RATE, 4);
	put_le(h + 28, 2 * PLAY_RATE, 4);
	put_le(h + 32, 2, 2);
	put_le(h + 34, 16, 2);
	memcpy(h + 36, "data", 4);
	put_le(h + 40, 2 * n, 4);
	ok = fwrite(h, 1, sizeof(h), f) == sizeof(h);
	for (unsigned int i = 0; ok && i < n; i++) {
		unsigned char s[2];

		put_le(s, (uint16_t)(int16_t)lrint(TONE_AMPLITUDE *
			sin(2 * M_PI * TONE_HZ * i / PLAY_RATE)), 2);
		ok = fwrite(s, 1, 2, f) == 2;
	}
	return fclose(f) == 0 && ok;
}

/* The samples of tapi-wav's recording (8 kHz mono, 44-byte header). */
static int16_t *read_rec(const char *path, size_t *n)
{
	unsigned char h[44];
	int16_t *x = NULL;
	uint32_t bytes;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	if (fread(h, 1, 44, f) == 44 && !memcmp(h, "RIFF", 4) &&
	    h[22] == 1 && (h[24] | h[25] << 8) == 8000) {
		bytes = h[40] | h[41] << 8 | h[42] << 16 | (uint32_t)h[43] << 24;
		x = malloc(bytes + 2);
		*n = x ? fread(x, 2, bytes / 2, f) : 0;
	}
	fclose(f);
	return x;
}

/* Mean power at @hz in a block (Goertzel): A^2/2 for a sine of A. */
static double power_at(const int16_t *x, int n, double hz)
{
	double k = 2 * cos(2 * M_PI * hz / 8000), s1 = 0, s2 = 0;

	for (int i = 0; i < n; i++) {
		double s = x[i] + k * s1 - s2;

		s2 = s1;
		s1 = s;
	}
	return (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / ((double)n * n);
}

static pid_t run(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int wait_exit(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

FIXTURE(wav) {
	struct e2e_card card;
	struct e2e_app a;
};

FIXTURE_SETUP(wav)
{
	ASSERT_EQ(0, e2e_card_add(&self->card, 0, 2));
	ASSERT_EQ(0, e2e_app_init(&self->a, "tapi-wav-test"));
}

FIXTURE_TEARDOWN(wav)
{
	lineShutdown(self->a.h);
	e2e_card_release(&self->card);
}

TEST_F_TIMEOUT(wav, tone_played_into_a_call_is_recorded_at_the_far_end, 240)
{
	union { LINEDEVSTATUS s; char buf[4096]; } u;
	char number[TAPI_DIGITS_LEN], dest[TAPI_DIGITS_LEN + 1];
	char id_a[16], id_b[16];
	long dev_a, dev_b, end;
	double best = 0, best_level = 0;
	unsigned int tone_blocks = 0;
	HLINE watch;
	int16_t *x;
	size_t n = 0;
	pid_t answerer, caller;

	dev_a = e2e_device_of(&self->a, e2e_fxo(&self->card, 0));
	dev_b = e2e_device_of(&self->a, e2e_fxo(&self->card, 1));
	ASSERT_GE(dev_a, 0);
	ASSERT_GE(dev_b, 0);
	ASSERT_TRUE(e2e_address_of(&self->a, dev_b, number, sizeof(number)));
	ASSERT_TRUE(write_tone_wav(PLAY_WAV));
	snprintf(id_a, sizeof(id_a), "%ld", dev_a);
	snprintf(id_b, sizeof(id_b), "%ld", dev_b);
	snprintf(dest, sizeof(dest), "W%s", number);

	answerer = run((char *const[]){ "tapi-wav", "-d", id_b, "-a", "-r",
					REC_WAV, "-t", "6", NULL });
	ASSERT_GT(answerer, 0);
	/* call only once the answerer has B open: B's opens count it */
	ASSERT_EQ(0, e2e_open(&self->a, dev_b, LINECALLPRIVILEGE_NONE, &watch));
	end = e2e_now_ms() + E2E_TIMEOUT_MS;
	do {
		memset(&u, 0, sizeof(u));
		u.s.dwTotalSize = sizeof(u);
		ASSERT_EQ(0, lineGetLineDevStatus(watch, &u.s));
		if (u.s.dwNumOpens < 2)
			e2e_sleep_ms(50);
	} while (u.s.dwNumOpens < 2 && e2e_now_ms() < end);
	ASSERT_GE(u.s.dwNumOpens, 2);
	caller = run((char *const[]){ "tapi-wav", "-d", id_a, "-c", dest,
				      "-p", PLAY_WAV, "-t", "3", NULL });
	ASSERT_GT(caller, 0);
	EXPECT_EQ(0, wait_exit(caller));
	EXPECT_EQ(0, wait_exit(answerer));

	x = read_rec(REC_WAV, &n);
	ASSERT_NE(NULL, x);
	TH_LOG("recorded %zu samples", n);
	ASSERT_GE(n, (size_t)8000);
	for (size_t i = 0; i + BLOCK <= n; i += BLOCK) {
		double energy = 0, tone = power_at(x + i, BLOCK, TONE_HZ);

		for (int j = 0; j < BLOCK; j++)
			energy += (double)x[i + j] * x[i + j];
		energy /= BLOCK;
		if (tone > 0.9 * energy &&
		    energy > 32768.0 * 32768.0 * pow(10, -2.4))
			tone_blocks++;
		if (energy > 0 && tone / energy > best) {
			best = tone / energy;
			best_level = 10 * log10(energy / (32768.0 * 32768.0));
		}
	}
	free(x);
	TH_LOG("best block: %.3f of its energy at %d Hz, %.1f dBFS; %u ms of tone",
	       best, TONE_HZ, best_level, tone_blocks * 20);
	/* the tone, nearly pure, within 9 dB of the -15 dBFS played (rms) */
	EXPECT_GT(best, 0.9);
	EXPECT_GT(best_level, -24.0);
	EXPECT_LT(best_level, -6.0);
	/* and all of the file: at least 3/4 of its 2 s */
	EXPECT_GE(tone_blocks * 20, PLAY_MS * 3 / 4);
}

TEST_HARNESS_MAIN
