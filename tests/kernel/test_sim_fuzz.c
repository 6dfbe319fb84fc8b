// SPDX-License-Identifier: GPL-2.0
/*
 * test_sim_fuzz - random and racing use of the simulated card must end in
 * documented errors, never in an oops (the VM harness fails the run on
 * any BUG/WARNING/Oops in the kernel log).
 *
 *  - random_ioctls: a bounded number of /dev/tapi/sim ioctls with random
 *    command numbers, random (partly plausible) arguments and bad
 *    pointers, mixed with hook changes and dialling on the channels, so
 *    that the CO's state machine runs meanwhile;
 *  - cards_come_and_go_during_calls: one process adds and removes cards
 *    while another calls their lines, patches audio to their ports and
 *    uses their channel files.
 *
 * Only cards this test adds are touched (random channel numbers are
 * either theirs or too large to exist), so the card created at load and
 * other tests are left alone.  The PRNG is seeded with a constant: a
 * failure repeats.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/tapi.h>

#include "kselftest_harness.h"

#define SIM_DEV		"/dev/tapi/sim"
#define FUZZ_IOCTLS	20000
#define RACE_ROUNDS	150
#define NO_CHANNEL	100000	/* no channel has a number this large */
#define MAX_CARDS	8
#define WAIT_MS		15000

static uint64_t rng_state = 0x7a91c3d5e1f02468ULL;

static uint32_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL) >> 32;
}

static uint32_t rnd_below(uint32_t n)
{
	return rnd() % n;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

/* What the simulator may answer, per the ABI. */
static bool errno_documented(int ret)
{
	switch (-ret) {
	case 0:
	case EINVAL:
	case EFAULT:
	case ENOTTY:
	case ENODEV:
	case EOPNOTSUPP:
	case EBUSY:
	case ENOSPC:
		return true;
	default:
		return false;
	}
}

static const char dtmf_chars[] = "0123456789*#ABCD";

static void random_digits(char *s, size_t size)
{
	size_t n = rnd_below(6), i;

	for (i = 0; i < n && i + 1 < size; i++)
		s[i] = rnd_below(10) ? dtmf_chars[rnd_below(16)] : (char)rnd_below(256);
	s[i] = '\0';
	if (!rnd_below(50))
		memset(s, '1', size);	/* no terminating NUL */
}

/* A channel number: mostly one of @chans, sometimes one that cannot exist. */
static uint32_t random_channel(const unsigned int *chans, unsigned int n)
{
	if (n && rnd_below(8))
		return chans[rnd_below(n)];
	return NO_CHANNEL + rnd_below(1000);
}

static int open_channel(unsigned int channel)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/tapi/%u", channel);
	return open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

static void drain(int fd)
{
	struct tapi_event ev;

	while (!ioctl(fd, TAPI_IOC_GET_EVENT, &ev))
		;
}

static int wait_co_state(int sim, unsigned int channel, unsigned int state)
{
	struct tapi_sim_status st;
	long long end = now_ms() + WAIT_MS;
	struct timespec tick = { 0, 5000000 };

	do {
		memset(&st, 0, sizeof(st));
		st.channel = channel;
		if (ioctl(sim, TAPI_SIM_IOC_STATUS, &st))
			return -errno;
		if (st.co_state == state)
			return 0;
		nanosleep(&tick, NULL);
	} while (now_ms() < end);
	return -ETIMEDOUT;
}

FIXTURE(fuzz) {
	int sim;
	bool added;
	struct tapi_sim_card card;
};

FIXTURE_SETUP(fuzz)
{
	self->added = false;
	self->sim = open(SIM_DEV, O_RDWR | O_CLOEXEC);
	if (self->sim < 0)
		SKIP(return, "no %s (tapi_sim not loaded?): %s", SIM_DEV,
		     strerror(errno));
	memset(&self->card, 0, sizeof(self->card));
	self->card.nfxs = 2;
	self->card.nfxo = 2;
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &self->card));
	self->added = true;
}

FIXTURE_TEARDOWN(fuzz)
{
	if (self->added)
		EXPECT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE,
				    &self->card.card));
	if (self->sim >= 0)
		close(self->sim);
}

/* After the storm the fixture's first FXO line still gets dial tone. */
static int world_still_works(int sim, unsigned int fxo)
{
	uint32_t hook = TAPI_HOOK_OFF;
	int fd = open_channel(fxo), ret;

	if (fd < 0)
		return -errno;
	ret = xioctl(fd, TAPI_IOC_SET_HOOK, &hook);
	if (!ret)
		ret = wait_co_state(sim, fxo, TAPI_SIM_CO_DIALTONE);
	hook = TAPI_HOOK_ON;
	ioctl(fd, TAPI_IOC_SET_HOOK, &hook);
	close(fd);
	return ret;
}

TEST_F_TIMEOUT(fuzz, random_ioctls, 240)
{
	static const unsigned long sim_cmds[] = {
		TAPI_SIM_IOC_CARD_ADD, TAPI_SIM_IOC_CARD_REMOVE,
		TAPI_SIM_IOC_PHONE_HOOK, TAPI_SIM_IOC_PHONE_FLASH,
		TAPI_SIM_IOC_PHONE_DIAL, TAPI_SIM_IOC_CO_RING,
		TAPI_SIM_IOC_CO_HANGUP, TAPI_SIM_IOC_CONNECT,
		TAPI_SIM_IOC_STATUS, TAPI_SIM_IOC_CLEAR,
	};
	unsigned int chans[4 + 3 * MAX_CARDS], nchans = 4, ncards = 0, i, j;
	uint32_t cards[MAX_CARDS];
	unsigned int results[256] = { 0 };
	int fds[4], bad = 0;
	union {
		struct tapi_sim_card card;
		struct tapi_sim_port port;
		struct tapi_sim_status status;
		uint32_t number;
		unsigned char raw[256];
	} arg;

	for (i = 0; i < 4; i++) {
		chans[i] = self->card.first_channel + i;
		fds[i] = open_channel(chans[i]);
		ASSERT_LE(0, fds[i]);
	}

	for (i = 0; i < FUZZ_IOCTLS; i++) {
		unsigned long cmd;
		void *ptr = &arg;
		int ret;

		/* Keep the channels busy: hook changes and digits on the lines. */
		if (!rnd_below(50)) {
			uint32_t hook = rnd_below(3);
			int fd = fds[2 + rnd_below(2)];

			ioctl(fd, TAPI_IOC_SET_HOOK, &hook);
			if (!rnd_below(2)) {
				struct tapi_dial d = { 0 };

				snprintf(d.digits, sizeof(d.digits), "2%03u",
					 chans[rnd_below(nchans)]);
				ioctl(fd, TAPI_IOC_DIAL, &d);
			}
			for (j = 0; j < 4; j++)
				drain(fds[j]);
		}

		if (rnd_below(16)) {
			cmd = sim_cmds[rnd_below(sizeof(sim_cmds) / sizeof(sim_cmds[0]))];
		} else {
			/* A command number the simulator does not have. */
			cmd = _IOC(rnd_below(4),
				   rnd_below(2) ? TAPI_SIM_IOC_MAGIC : rnd_below(256),
				   rnd_below(256), rnd_below(256));
			for (j = 0; j < sizeof(sim_cmds) / sizeof(sim_cmds[0]); j++)
				if (cmd == sim_cmds[j])
					break;
			/* By chance a real one: its arguments would be random. */
			if (j < sizeof(sim_cmds) / sizeof(sim_cmds[0]))
				continue;
		}

		for (j = 0; j < sizeof(arg.raw); j++)
			arg.raw[j] = rnd();
		switch (cmd) {
		case TAPI_SIM_IOC_CARD_ADD:
			arg.card.nfxs = rnd_below(4);
			arg.card.nfxo = rnd_below(4);
			if (!rnd_below(10))
				arg.card.nfxs = rnd();
			if (ncards == MAX_CARDS)
				continue;
			break;
		case TAPI_SIM_IOC_CARD_REMOVE:
			/* Only our own cards, or numbers no card has. */
			if (ncards && rnd_below(2)) {
				j = rnd_below(ncards);
				arg.number = cards[j];
			} else {
				arg.number = NO_CHANNEL + rnd_below(1000);
			}
			break;
		case TAPI_SIM_IOC_STATUS:
			arg.status.channel = random_channel(chans, nchans);
			break;
		default:
			arg.port.channel = random_channel(chans, nchans);
			if (rnd_below(3))
				arg.port.arg = rnd_below(3) ? rnd_below(3) :
					       random_channel(chans, nchans);
			if (rnd_below(8))
				arg.port.reserved = 0;
			if (rnd_below(3))
				arg.port.on_ms = rnd_below(3) ? 0 : 40 + rnd_below(100);
			if (rnd_below(3))
				arg.port.off_ms = rnd_below(3) ? 0 : 40 + rnd_below(100);
			random_digits(arg.port.digits, sizeof(arg.port.digits));
			if (rnd_below(4))
				snprintf(arg.port.name, sizeof(arg.port.name), "n%u", rnd());
			break;
		}
		switch (rnd_below(40)) {
		case 0:
			ptr = NULL;
			break;
		case 1:
			ptr = (void *)8;
			break;
		case 2:
			ptr = (void *)-4096L;
			break;
		}

		ret = xioctl(self->sim, cmd, ptr);
		results[-ret & 255]++;
		if (!errno_documented(ret)) {
			TH_LOG("ioctl %#lx: undocumented error %d (%s)", cmd, ret,
			       strerror(-ret));
			bad++;
		}
		if (cmd == TAPI_SIM_IOC_CARD_ADD && !ret && ptr == &arg) {
			cards[ncards++] = arg.card.card;
			for (j = 0; j < arg.card.nfxs + arg.card.nfxo &&
			     nchans < sizeof(chans) / sizeof(chans[0]); j++)
				chans[nchans++] = arg.card.first_channel + j;
		}
		if (cmd == TAPI_SIM_IOC_CARD_REMOVE && !ret && ptr == &arg) {
			for (j = 0; j < ncards; j++)
				if (cards[j] == arg.number)
					cards[j] = cards[--ncards];
			/* Its channel numbers may come back on a later card. */
		}
	}
	EXPECT_EQ(0, bad);
	for (j = 0; j < 256; j++)
		if (results[j])
			TH_LOG("%u calls: %s", results[j], j ? strerror(j) : "success");

	for (i = 0; i < ncards; i++)
		EXPECT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, &cards[i]));
	for (i = 0; i < 4; i++) {
		uint32_t on = TAPI_HOOK_ON;

		ioctl(fds[i], TAPI_IOC_SET_HOOK, &on);
		close(fds[i]);
	}
	ASSERT_EQ(0, wait_co_state(self->sim, chans[2], TAPI_SIM_CO_IDLE));
	EXPECT_EQ(0, world_still_works(self->sim, chans[2]));
}

/* The child: add a card of 1 FXS + 2 FXO ports, remove it, again. */
static int churn_cards(int rounds)
{
	struct tapi_sim_card card;
	struct timespec pause = { 0, 0 };
	int sim = open(SIM_DEV, O_RDWR | O_CLOEXEC), i;

	if (sim < 0)
		return 1;
	for (i = 0; i < rounds; i++) {
		memset(&card, 0, sizeof(card));
		card.nfxs = 1;
		card.nfxo = 2;
		if (ioctl(sim, TAPI_SIM_IOC_CARD_ADD, &card))
			return 2;
		pause.tv_nsec = rnd_below(20) * 1000000L;
		nanosleep(&pause, NULL);
		if (ioctl(sim, TAPI_SIM_IOC_CARD_REMOVE, &card.card))
			return 3;
	}
	close(sim);
	return 0;
}

TEST_F_TIMEOUT(fuzz, cards_come_and_go_during_calls, 240)
{
	unsigned int fxs = self->card.first_channel;
	unsigned int fxo = self->card.first_channel + 2;
	unsigned int base = self->card.first_channel + 4;
	struct tapi_sim_port port;
	uint32_t hook;
	int status, fd, bad = 0, ret, rounds = 0, patched = 0, rung = 0;
	pid_t child;

	fd = open_channel(fxo);
	ASSERT_LE(0, fd);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		_exit(churn_cards(RACE_ROUNDS));

	/*
	 * The churned card's channels come right after ours unless other
	 * cards are in the way: aim at that range.
	 */
	while (waitpid(child, &status, WNOHANG) == 0) {
		unsigned int target = base + rnd_below(3);
		struct tapi_dial d = { 0 };
		int tfd;

		/* Call its lines through the CO. */
		hook = TAPI_HOOK_OFF;
		ioctl(fd, TAPI_IOC_SET_HOOK, &hook);
		snprintf(d.digits, sizeof(d.digits), "2%03u#", target);
		ioctl(fd, TAPI_IOC_DIAL, &d);

		/* Patch our phone to its ports, ring its lines, use its files. */
		memset(&port, 0, sizeof(port));
		port.channel = fxs;
		port.arg = target;
		ret = xioctl(self->sim, TAPI_SIM_IOC_CONNECT, &port);
		bad += !errno_documented(ret);
		patched += !ret;
		port.channel = target;
		ret = xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port);
		bad += !errno_documented(ret);
		rung += !ret;
		rounds++;
		tfd = open_channel(target);
		if (tfd >= 0) {
			hook = rnd_below(2);
			ioctl(tfd, TAPI_IOC_SET_HOOK, &hook);
			drain(tfd);
			close(tfd);
		}
		port.channel = fxs;
		port.arg = (uint32_t)-1;
		ret = xioctl(self->sim, TAPI_SIM_IOC_CONNECT, &port);
		bad += !errno_documented(ret);
		if (!rnd_below(4)) {
			hook = TAPI_HOOK_ON;
			ioctl(fd, TAPI_IOC_SET_HOOK, &hook);
		}
		drain(fd);
	}
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, bad);
	TH_LOG("%d rounds against %d cards: %d patches, %d rings made",
	       rounds, RACE_ROUNDS, patched, rung);

	hook = TAPI_HOOK_ON;
	ioctl(fd, TAPI_IOC_SET_HOOK, &hook);
	close(fd);
	ASSERT_EQ(0, wait_co_state(self->sim, fxo, TAPI_SIM_CO_IDLE));
	EXPECT_EQ(0, world_still_works(self->sim, fxo));
}

TEST_HARNESS_MAIN
