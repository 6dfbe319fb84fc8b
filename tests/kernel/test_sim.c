// SPDX-License-Identifier: GPL-2.0
/*
 * test_sim - the simulated card (tapi_sim) through /dev/tapi/sim and the
 * channel devices, with tapi_core doing its part: cards added and removed
 * at run time, argument checking of every simulator ioctl, the simulated
 * phones (hook, flash, keypad, ringer, ear) and the simulated central
 * office (dial tone, routing, ringing, answer, audio, disconnect, outside
 * callers).
 *
 * Each test adds its own card (2 FXS + 2 FXO ports) and removes it, so
 * tests do not share state with each other or with other programs using
 * the card created at load.  Waits are bounded (EVENT_TIMEOUT_MS) only to
 * fail instead of hanging; nothing asserts how long anything took.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <linux/tapi.h>

#include "kselftest_harness.h"
/* The DSP's own caller ID receiver, built for userspace (libtapidsp.a). */
#include "callerid.h"

#define SIM_DEV			"/dev/tapi/sim"
#define EVENT_TIMEOUT_MS	15000

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ioctl returning 0 or -errno. */
static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static int port_cmd(int sim, unsigned long cmd, unsigned int channel,
		    unsigned int arg, const char *digits)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	port.channel = channel;
	port.arg = arg;
	if (digits)
		snprintf(port.digits, sizeof(port.digits), "%s", digits);
	return xioctl(sim, cmd, &port);
}

static int sim_status(int sim, unsigned int channel,
		      struct tapi_sim_status *st)
{
	memset(st, 0, sizeof(*st));
	st->channel = channel;
	return xioctl(sim, TAPI_SIM_IOC_STATUS, st);
}

/* Poll the CO state of a line until it is @state: 0 or -ETIMEDOUT. */
static int wait_co_state(int sim, unsigned int channel, unsigned int state)
{
	long long end = now_ms() + EVENT_TIMEOUT_MS;
	struct tapi_sim_status st;

	do {
		if (sim_status(sim, channel, &st))
			return -errno;
		if (st.co_state == state)
			return 0;
		sleep_ms(5);
	} while (now_ms() < end);
	return -ETIMEDOUT;
}

/* Poll until the port heard exactly @digits: 0 or -ETIMEDOUT. */
static int wait_heard(int sim, unsigned int channel, const char *digits)
{
	long long end = now_ms() + EVENT_TIMEOUT_MS;
	struct tapi_sim_status st;

	do {
		if (sim_status(sim, channel, &st))
			return -errno;
		if (!strcmp(st.heard, digits))
			return 0;
		sleep_ms(5);
	} while (now_ms() < end);
	return -ETIMEDOUT;
}

static int open_channel(unsigned int channel)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/tapi/%u", channel);
	return open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

/*
 * Wait for an event of @type (and @value unless negative), skipping
 * others: 0 with *out set, -ETIMEDOUT, or -errno of GET_EVENT.
 */
static int wait_event(int fd, unsigned int type, long value,
		      struct tapi_event *out)
{
	long long end = now_ms() + EVENT_TIMEOUT_MS;
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };
	struct tapi_event ev;

	for (;;) {
		while (!ioctl(fd, TAPI_IOC_GET_EVENT, &ev)) {
			if (ev.type == type &&
			    (value < 0 || ev.value == (unsigned int)value)) {
				if (out)
					*out = ev;
				return 0;
			}
		}
		if (errno != EAGAIN)
			return -errno;
		if (now_ms() >= end)
			return -ETIMEDOUT;
		poll(&pfd, 1, end - now_ms());
	}
}

/*
 * Wait until @fd_dialer's digits are sent (DIAL_DONE), then collect the
 * digits of the DIGIT_START events queued on @fd_digits, in order.  A
 * receiver reports a digit while its tone lasts, so a digit that reached
 * @fd_digits is there by then; one that is not never arrived.
 */
static int digits_before_dial_done(int fd_digits, int fd_dialer,
				   char *digits, size_t size)
{
	struct tapi_event ev;
	size_t n = 0;
	int ret;

	ret = wait_event(fd_dialer, TAPI_EV_DIAL_DONE, -1, NULL);
	if (ret)
		return ret;
	while (!ioctl(fd_digits, TAPI_IOC_GET_EVENT, &ev))
		if (ev.type == TAPI_EV_DIGIT_START && n + 1 < size)
			digits[n++] = ev.value;
	digits[n] = '\0';
	return 0;
}

static int set_hook(int fd, unsigned int hook)
{
	return xioctl(fd, TAPI_IOC_SET_HOOK, &hook);
}

static int dial(int fd, const char *digits)
{
	struct tapi_dial d;

	memset(&d, 0, sizeof(d));
	snprintf(d.digits, sizeof(d.digits), "%s", digits);
	return xioctl(fd, TAPI_IOC_DIAL, &d);
}

/* Discard queued events. */
static void drain_events(int fd)
{
	struct tapi_event ev;

	while (!ioctl(fd, TAPI_IOC_GET_EVENT, &ev))
		;
}

/* The first line of a channel's sysfs attribute, without the newline. */
static int read_attr(unsigned int channel, const char *attr, char *buf,
		     size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/tapi/tapi%u/%s", channel, attr);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (!fgets(buf, size, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static bool path_exists(const char *fmt, unsigned int n)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), fmt, n);
	return !stat(path, &st);
}

/* Poll until a path exists (@want) or not: true if it got there. */
static bool wait_path(const char *fmt, unsigned int n, bool want)
{
	long long end = now_ms() + EVENT_TIMEOUT_MS;

	do {
		if (path_exists(fmt, n) == want)
			return true;
		sleep_ms(10);
	} while (now_ms() < end);
	return false;
}

FIXTURE(sim) {
	int sim;
	bool added;
	struct tapi_sim_card card;
	unsigned int fxs[2];
	unsigned int fxo[2];
	char number[2][TAPI_DIGITS_LEN];
};

FIXTURE_SETUP(sim)
{
	int i;

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
	for (i = 0; i < 2; i++) {
		self->fxs[i] = self->card.first_channel + i;
		self->fxo[i] = self->card.first_channel + 2 + i;
		snprintf(self->number[i], sizeof(self->number[i]), "2%03u",
			 self->fxo[i]);
	}
	/* devtmpfs creates the nodes asynchronously to the ioctl. */
	for (i = 0; i < 4; i++)
		ASSERT_TRUE(wait_path("/dev/tapi/%u",
				      self->card.first_channel + i, true));
}

FIXTURE_TEARDOWN(sim)
{
	if (self->added)
		EXPECT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE,
				    &self->card.card));
	if (self->sim >= 0)
		close(self->sim);
}

/* The channels of a new card: devices, sysfs, what GET_INFO says. */
TEST_F(sim, card_add_creates_channels)
{
	struct tapi_chan_info info;
	char want[TAPI_NAME_LEN + 16];
	unsigned int i, ch;
	int fd;

	ASSERT_EQ(0, strncmp(self->card.name, "sim", 3));
	for (i = 0; i < 4; i++) {
		ch = self->card.first_channel + i;
		EXPECT_TRUE(path_exists("/sys/class/tapi/tapi%u", ch));
		fd = open_channel(ch);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, xioctl(fd, TAPI_IOC_GET_INFO, &info));
		EXPECT_EQ(ch, info.channel);
		EXPECT_EQ(self->card.card, info.card);
		EXPECT_EQ(i, info.card_channel);
		EXPECT_STREQ(self->card.name, info.card_name);
		EXPECT_STREQ("tapi_sim", info.driver);
		EXPECT_EQ((unsigned int)(i < 2 ? TAPI_SIG_FXS : TAPI_SIG_FXO),
			  info.signalling);
		snprintf(want, sizeof(want), "%s/%s%u", self->card.name,
			 i < 2 ? "fxs" : "fxo", i % 2);
		EXPECT_STREQ(want, info.name);
		EXPECT_TRUE(!!(info.caps & TAPI_CAP_MEDIA));
		EXPECT_FALSE(!!(info.caps & TAPI_CAP_HW_CLOCK));
		if (i < 2) {
			EXPECT_TRUE(info.caps & TAPI_CAP_HOOK_DETECT &&
				    info.caps & TAPI_CAP_RING);
		} else {
			EXPECT_TRUE(info.caps & TAPI_CAP_HOOK_CONTROL &&
				    info.caps & TAPI_CAP_RING_DETECT);
		}
		EXPECT_EQ(TAPI_HOOK_ON, (int)info.hook);
		close(fd);
	}
}

/* Idle ports: on-hook, not ringing, no peer; FXO lines have numbers. */
TEST_F(sim, status_of_idle_ports)
{
	struct tapi_sim_status st;
	char number[TAPI_DIGITS_LEN];
	int i;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, sim_status(self->sim, self->fxs[i], &st));
		EXPECT_EQ(self->fxs[i], st.channel);
		EXPECT_EQ(0, (int)st.hook);
		EXPECT_EQ(0, (int)st.ringing);
		EXPECT_EQ(-1, st.peer);
		EXPECT_STREQ("", st.number);
		EXPECT_STREQ("", st.heard);

		ASSERT_EQ(0, sim_status(self->sim, self->fxo[i], &st));
		EXPECT_EQ(0, (int)st.hook);
		EXPECT_EQ(TAPI_SIM_CO_IDLE, (int)st.co_state);
		EXPECT_EQ(-1, st.peer);
		EXPECT_STREQ(self->number[i], st.number);

		/* The core knows the line's number too; a phone has none. */
		ASSERT_EQ(0, read_attr(self->fxo[i], "number", number,
				       sizeof(number)));
		EXPECT_STREQ(self->number[i], number);
		ASSERT_EQ(0, read_attr(self->fxs[i], "number", number,
				       sizeof(number)));
		EXPECT_STREQ("", number);
	}
}

/* A removed card's devices and sysfs entries go; its number is unknown after. */
TEST_F(sim, card_remove_removes_channels)
{
	struct tapi_sim_card card = { .nfxs = 1, .nfxo = 1 };
	struct tapi_sim_status st;
	unsigned int i;

	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &card));
	for (i = 0; i < 2; i++) {
		EXPECT_TRUE(wait_path("/dev/tapi/%u", card.first_channel + i, true));
		EXPECT_TRUE(path_exists("/sys/class/tapi/tapi%u",
					card.first_channel + i));
	}
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, &card.card));
	for (i = 0; i < 2; i++) {
		EXPECT_FALSE(path_exists("/sys/class/tapi/tapi%u",
					 card.first_channel + i));
		EXPECT_TRUE(wait_path("/dev/tapi/%u", card.first_channel + i, false));
		EXPECT_EQ(-ENODEV, sim_status(self->sim, card.first_channel + i, &st));
	}
	EXPECT_EQ(-ENODEV, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, &card.card));
}

/* Removing a card under an open file: REMOVED event, then -ENODEV, no crash. */
TEST_F(sim, card_remove_with_open_files)
{
	struct tapi_sim_card card = { .nfxs = 1, .nfxo = 1 };
	struct pollfd pfd[2];
	struct tapi_chan_info info;
	int fd[2], i;

	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &card));
	for (i = 0; i < 2; i++) {
		ASSERT_TRUE(wait_path("/dev/tapi/%u", card.first_channel + i, true));
		fd[i] = open_channel(card.first_channel + i);
		ASSERT_LE(0, fd[i]);
	}
	/* Activity on both ports while the card goes. */
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK,
			      card.first_channel, 1, NULL));
	ASSERT_EQ(0, set_hook(fd[1], TAPI_HOOK_OFF));
	ASSERT_EQ(0, dial(fd[1], "123"));
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, &card.card));

	for (i = 0; i < 2; i++) {
		pfd[i].fd = fd[i];
		pfd[i].events = POLLPRI | POLLIN;
		EXPECT_EQ(1, poll(&pfd[i], 1, EVENT_TIMEOUT_MS));
		EXPECT_EQ(0, wait_event(fd[i], TAPI_EV_REMOVED, -1, NULL));
		EXPECT_EQ(-ENODEV, xioctl(fd[i], TAPI_IOC_GET_INFO, &info));
		EXPECT_EQ(-ENODEV, set_hook(fd[i], TAPI_HOOK_ON));
		EXPECT_EQ(0, close(fd[i]));
	}
}

TEST_F(sim, card_add_bad_arguments)
{
	struct tapi_sim_card card;
	unsigned int number = 0xfffff;

	memset(&card, 0, sizeof(card));
	card.nfxs = 33;
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &card));
	card.nfxs = 1;
	card.nfxo = 33;
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &card));
	card.nfxs = 0;
	card.nfxo = 0;
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &card));
	EXPECT_EQ(-EFAULT, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, NULL));
	EXPECT_EQ(-EFAULT, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, (void *)8));
	EXPECT_EQ(-EFAULT, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, NULL));
	EXPECT_EQ(-ENODEV, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, &number));
}

/* Every port command rejects what it cannot do, with the documented errno. */
TEST_F(sim, port_commands_bad_arguments)
{
	static const unsigned long port_cmds[] = {
		TAPI_SIM_IOC_PHONE_HOOK, TAPI_SIM_IOC_PHONE_FLASH,
		TAPI_SIM_IOC_PHONE_DIAL, TAPI_SIM_IOC_CO_RING,
		TAPI_SIM_IOC_CO_HANGUP, TAPI_SIM_IOC_CONNECT,
		TAPI_SIM_IOC_CLEAR,
	};
	unsigned int fxs = self->fxs[0], fxo = self->fxo[0];
	struct tapi_sim_status st;
	struct tapi_sim_port port;
	struct tapi_chan_info info;
	size_t i;

	/* Not a simulator command. */
	EXPECT_EQ(-ENOTTY, xioctl(self->sim, _IOW(TAPI_SIM_IOC_MAGIC, 0x7f,
						  struct tapi_sim_port), &port));
	EXPECT_EQ(-ENOTTY, xioctl(self->sim, TAPI_IOC_GET_INFO, &info));

	for (i = 0; i < sizeof(port_cmds) / sizeof(port_cmds[0]); i++) {
		EXPECT_EQ(-EFAULT, xioctl(self->sim, port_cmds[i], NULL));
		/* No simulated port has this number. */
		EXPECT_EQ(-ENODEV, port_cmd(self->sim, port_cmds[i], 100000, 0,
					    "1"));
		/* Reserved field set. */
		memset(&port, 0, sizeof(port));
		port.channel = fxs;
		port.reserved = 1;
		EXPECT_EQ(-EINVAL, xioctl(self->sim, port_cmds[i], &port));
	}
	EXPECT_EQ(-EFAULT, xioctl(self->sim, TAPI_SIM_IOC_STATUS, NULL));
	EXPECT_EQ(-ENODEV, sim_status(self->sim, 100000, &st));

	/* Phone commands on a line, CO commands on a phone. */
	EXPECT_EQ(-EOPNOTSUPP, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, fxo, 1, NULL));
	EXPECT_EQ(-EOPNOTSUPP, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_FLASH, fxo, 0, NULL));
	EXPECT_EQ(-EOPNOTSUPP, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_DIAL, fxo, 0, "1"));
	EXPECT_EQ(-EOPNOTSUPP, port_cmd(self->sim, TAPI_SIM_IOC_CO_RING, fxs, 0, ""));
	EXPECT_EQ(-EOPNOTSUPP, port_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, fxs, 0, NULL));

	/* Values out of range, strings that are not. */
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, fxs, 2, NULL));
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_DIAL, fxs, 0, ""));
	memset(&port, 0, sizeof(port));
	port.channel = fxs;
	memset(port.digits, '1', sizeof(port.digits));
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_PHONE_DIAL, &port));
	memset(&port, 0, sizeof(port));
	port.channel = fxs;
	strcpy(port.digits, "1");
	port.on_ms = TAPI_DTMF_ON_MIN_MS - 1;
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_PHONE_DIAL, &port));
	port.on_ms = 0;
	port.off_ms = TAPI_DTMF_OFF_MAX_MS + 1;
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_PHONE_DIAL, &port));

	memset(&port, 0, sizeof(port));
	port.channel = fxo;
	strcpy(port.digits, "555x");
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));
	strcpy(port.digits, "555");
	strcpy(port.name, "new\nline");
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));
	memset(port.name, 'A', sizeof(port.name));
	EXPECT_EQ(-EINVAL, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));

	/* Not in this state: the phone is on-hook, the line has no outside call. */
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_DIAL, fxs, 0, "1"));
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_FLASH, fxs, 0, NULL));
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, fxo, 0, NULL));

	/* A bad DTMF character, caught by the generator, queues nothing. */
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, fxs, 1, NULL));
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_DIAL, fxs, 0, "12x"));

	/* Patching a port to itself or to nothing that exists. */
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, fxs, fxs, NULL));
	EXPECT_EQ(-ENODEV, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, fxs, 100000, NULL));

	/* None of that changed anything. */
	ASSERT_EQ(0, sim_status(self->sim, fxo, &st));
	EXPECT_EQ(TAPI_SIM_CO_IDLE, (int)st.co_state);
	EXPECT_EQ(-1, st.peer);
}

/* The phone's hook reaches the channel as HOOK events and GET_INFO. */
TEST_F(sim, phone_hook_gives_hook_events)
{
	struct tapi_sim_status st;
	struct tapi_chan_info info;
	int fd = open_channel(self->fxs[0]);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[0], 1, NULL));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_HOOK, TAPI_HOOK_OFF, NULL));
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_GET_INFO, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, (int)info.hook);
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_EQ(1, (int)st.hook);
	/* The same hook again is no change. */
	EXPECT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[0], 1, NULL));

	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[0], 0, NULL));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_HOOK, TAPI_HOOK_ON, NULL));
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_GET_INFO, &info));
	EXPECT_EQ(TAPI_HOOK_ON, (int)info.hook);
	/* The other phone did nothing. */
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[1], &st));
	EXPECT_EQ(0, (int)st.hook);
	close(fd);
}

/* A flash of the phone is a FLASH event, not a hang-up. */
TEST_F(sim, phone_flash_gives_flash_event)
{
	struct tapi_sim_status st;
	struct tapi_event ev;
	int fd = open_channel(self->fxs[0]);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[0], 1, NULL));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_HOOK, TAPI_HOOK_OFF, NULL));
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_FLASH, self->fxs[0], 0, NULL));
	/* The finger is still on the switch. */
	EXPECT_EQ(-EBUSY, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_FLASH, self->fxs[0], 0, NULL));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_FLASH, -1, &ev));
	EXPECT_LT(0, (int)ev.duration_ms);
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_EQ(1, (int)st.hook);
	/* No HOOK event came with the flash. */
	EXPECT_EQ(-EAGAIN, xioctl(fd, TAPI_IOC_GET_EVENT, &ev));
	close(fd);
}

/* Keys of the phone are DTMF audio the core decodes into DIGIT events. */
TEST_F(sim, phone_dial_gives_digit_events)
{
	const char *digits = "159#*0D";
	struct tapi_event ev;
	const char *p;
	int fd = open_channel(self->fxs[1]);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[1], 1, NULL));
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_DIAL, self->fxs[1], 0, digits));
	for (p = digits; *p; p++) {
		ASSERT_EQ(0, wait_event(fd, TAPI_EV_DIGIT_START, -1, &ev));
		EXPECT_EQ(*p, (char)ev.value);
		ASSERT_EQ(0, wait_event(fd, TAPI_EV_DIGIT_END, -1, &ev));
		EXPECT_EQ(*p, (char)ev.value);
		EXPECT_LT(0, (int)ev.duration_ms);
	}
	close(fd);
}

/* The phone hears DTMF the application sends (TAPI_IOC_DIAL). */
TEST_F(sim, phone_hears_dialed_digits)
{
	struct tapi_sim_status st;
	int fd = open_channel(self->fxs[0]);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[0], 1, NULL));
	ASSERT_EQ(0, dial(fd, "2468"));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_DIAL_DONE, -1, NULL));
	EXPECT_EQ(0, wait_heard(self->sim, self->fxs[0], "2468"));
	/* The other phone heard nothing. */
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[1], &st));
	EXPECT_STREQ("", st.heard);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CLEAR, self->fxs[0], 0, NULL));
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_STREQ("", st.heard);
	close(fd);
}

/* The core's ring control reaches the phone's ringer; answering trips it. */
TEST_F(sim, phone_rings_until_answered)
{
	struct tapi_ring ring = { .count = 0, .nsteps = 2,
				  .step_ms = { 1000, 1000 } };
	struct tapi_sim_status st;
	int fd = open_channel(self->fxs[0]);
	long long end;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_RING_START, &ring));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_EQ(1, (int)st.ringing);
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_RING_STOP, NULL));
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_EQ(0, (int)st.ringing);

	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_RING_START, &ring));
	ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
	EXPECT_EQ(1, (int)st.ringing);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs[0], 1, NULL));
	ASSERT_EQ(0, wait_event(fd, TAPI_EV_HOOK, TAPI_HOOK_OFF, NULL));
	/* The core switches the ringer off from a work item. */
	end = now_ms() + EVENT_TIMEOUT_MS;
	do {
		ASSERT_EQ(0, sim_status(self->sim, self->fxs[0], &st));
		if (!st.ringing)
			break;
		sleep_ms(5);
	} while (now_ms() < end);
	EXPECT_EQ(0, (int)st.ringing);
	close(fd);
}

/* Mean absolute amplitude of the next @blocks blocks read, or -1. */
static int read_level(int fd, int blocks)
{
	struct tapi_media_config cfg = { .format = TAPI_FMT_S16,
					 .block_samples = 160 };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int16_t buf[160];
	long long sum = 0, n = 0;
	int i, got = 0;

	if (xioctl(fd, TAPI_IOC_SET_MEDIA, &cfg))
		return -1;
	while (got < blocks) {
		if (poll(&pfd, 1, EVENT_TIMEOUT_MS) != 1)
			return -1;
		if (read(fd, buf, sizeof(buf)) != sizeof(buf)) {
			if (errno == EAGAIN)
				continue;
			return -1;
		}
		got++;
		for (i = 0; i < 160; i++, n++)
			sum += abs(buf[i]);
	}
	return sum / n;
}

/* Off-hook gives audible dial tone; an idle line is silent. */
TEST_F(sim, line_offhook_hears_dial_tone)
{
	int fd = open_channel(self->fxo[0]);
	int level;

	ASSERT_LE(0, fd);
	level = read_level(fd, 5);
	ASSERT_LE(0, level);
	EXPECT_GT(50, level) TH_LOG("idle line level %d", level);

	ASSERT_EQ(0, set_hook(fd, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, self->fxo[0], TAPI_SIM_CO_DIALTONE));
	level = read_level(fd, 5);
	EXPECT_LT(500, level) TH_LOG("dial tone level %d", level);

	ASSERT_EQ(0, set_hook(fd, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, self->fxo[0], TAPI_SIM_CO_IDLE));
	level = read_level(fd, 5);
	EXPECT_GT(50, level) TH_LOG("released line level %d", level);
	close(fd);
}

/* Dial B from A, answer, audio both ways, B hangs up, A hangs up. */
TEST_F(sim, line_to_line_call)
{
	unsigned int a = self->fxo[0], b = self->fxo[1];
	struct tapi_sim_status st;
	struct tapi_event ev;
	char heard[TAPI_DIGITS_LEN + 2];
	int fa = open_channel(a), fb = open_channel(b);

	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, self->number[1]));

	/* B rings, A hears ringback. */
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_RINGBACK));
	ASSERT_EQ(0, sim_status(self->sim, b, &st));
	EXPECT_EQ(TAPI_SIM_CO_RINGING, (int)st.co_state);
	EXPECT_EQ(1, (int)st.ringing);
	EXPECT_EQ((int)a, st.peer);
	ASSERT_EQ(0, sim_status(self->sim, a, &st));
	EXPECT_EQ((int)b, st.peer);
	EXPECT_STREQ(self->number[1], st.heard);

	/* B answers: both connected, A sees answer supervision. */
	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_CONNECTED));
	ASSERT_EQ(0, sim_status(self->sim, b, &st));
	EXPECT_EQ(TAPI_SIM_CO_CONNECTED, (int)st.co_state);
	EXPECT_EQ(0, (int)st.ringing);
	ASSERT_EQ(0, wait_event(fa, TAPI_EV_POLARITY, 1, NULL));

	/* Audio both ways: each side's DTMF reaches the other's receiver. */
	drain_events(fb);
	ASSERT_EQ(0, dial(fa, "5"));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_DIGIT_END, '5', &ev));
	drain_events(fa);
	ASSERT_EQ(0, dial(fb, "9"));
	ASSERT_EQ(0, wait_event(fa, TAPI_EV_DIGIT_END, '9', &ev));
	snprintf(heard, sizeof(heard), "%s5", self->number[1]);
	EXPECT_EQ(0, wait_heard(self->sim, a, heard));
	EXPECT_EQ(0, wait_heard(self->sim, b, "9"));

	/* B hangs up: A is disconnected, polarity back to normal. */
	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DISCONNECTED));
	ASSERT_EQ(0, wait_event(fa, TAPI_EV_POLARITY, 0, NULL));
	ASSERT_EQ(0, sim_status(self->sim, a, &st));
	EXPECT_EQ(-1, st.peer);
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));

	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_IDLE));
	close(fa);
	close(fb);
}

/* Samples written on one line are read on the other during a call. */
TEST_F(sim, line_call_carries_media)
{
	struct tapi_media_config cfg = { .format = TAPI_FMT_S16,
					 .block_samples = 160 };
	unsigned int a = self->fxo[0], b = self->fxo[1];
	int fa = open_channel(a), fb = open_channel(b);
	int16_t tone[160], buf[160];
	long long end;
	int i, level, best = 0, quiet;

	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, self->number[1]));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_RINGING));
	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_CONNECTED));
	/* The last digit's tone may still be on its way to B. */
	ASSERT_EQ(0, wait_event(fa, TAPI_EV_DIAL_DONE, -1, NULL));

	/* Nobody talks yet: B hears (almost) nothing. */
	quiet = read_level(fb, 5);
	ASSERT_LE(0, quiet);
	EXPECT_GT(50, quiet);

	/* A square wave of 1 kHz at +-8000 for as long as it takes. */
	for (i = 0; i < 160; i++)
		tone[i] = (i / 4) % 2 ? 8000 : -8000;
	ASSERT_EQ(0, xioctl(fa, TAPI_IOC_SET_MEDIA, &cfg));
	ASSERT_EQ(0, xioctl(fb, TAPI_IOC_SET_MEDIA, &cfg));
	end = now_ms() + EVENT_TIMEOUT_MS;
	while (now_ms() < end && best < 4000) {
		struct pollfd pfd = { .fd = fb, .events = POLLIN };

		/* Keep A's queue filled; a full queue says EAGAIN. */
		while (write(fa, tone, sizeof(tone)) == sizeof(tone))
			;
		if (poll(&pfd, 1, 100) != 1)
			continue;
		if (read(fb, buf, sizeof(buf)) != sizeof(buf))
			continue;
		for (level = 0, i = 0; i < 160; i++)
			level += abs(buf[i]);
		level /= 160;
		if (level > best)
			best = level;
	}
	EXPECT_LE(4000, best) TH_LOG("loudest block on B: %d", best);
	close(fa);
	close(fb);
}

/* Hanging up during ringback stops the called line ringing. */
TEST_F(sim, caller_hangs_up_while_ringing)
{
	unsigned int a = self->fxo[0], b = self->fxo[1];
	int fa = open_channel(a), fb = open_channel(b);
	struct tapi_chan_info info;

	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, self->number[1]));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_IDLE));
	/* The ringing seen on B stopped (it may have been in a pause). */
	ASSERT_EQ(0, xioctl(fb, TAPI_IOC_GET_INFO, &info));
	EXPECT_EQ(0, (int)info.ringing);
	close(fa);
	close(fb);
}

/* Calling a line that is off-hook gives busy; the called line is left alone. */
TEST_F(sim, busy_line)
{
	unsigned int a = self->fxo[0], b = self->fxo[1];
	struct tapi_sim_status st;
	int fa = open_channel(a), fb = open_channel(b);

	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, self->number[1]));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_BUSY));
	ASSERT_EQ(0, sim_status(self->sim, a, &st));
	EXPECT_EQ(-1, st.peer);
	ASSERT_EQ(0, sim_status(self->sim, b, &st));
	EXPECT_EQ(TAPI_SIM_CO_DIALTONE, (int)st.co_state);
	EXPECT_EQ(-1, st.peer);
	close(fa);
	close(fb);
}

/* Numbers nobody has: congestion, whether ended by '#' or by waiting. */
TEST_F(sim, unknown_number_gives_congestion)
{
	unsigned int a = self->fxo[0];
	int fa = open_channel(a);

	ASSERT_LE(0, fa);
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, "9999"));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_CONGESTION));
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_IDLE));

	/* '#' ends the number at once. */
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, "9#"));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_CONGESTION));
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_IDLE));

	/* Two digits and nothing more: the inter-digit timeout ends it. */
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, "20"));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALING));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_CONGESTION));
	close(fa);
}

/* '#' also completes a short number that exists: "2nnn#" still rings. */
TEST_F(sim, hash_after_number_rings)
{
	unsigned int a = self->fxo[0], b = self->fxo[1];
	char number[TAPI_DIGITS_LEN + 2];
	int fa = open_channel(a), fb = open_channel(b);

	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	snprintf(number, sizeof(number), "%s#", self->number[1]);
	ASSERT_EQ(0, dial(fa, number));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_RINGBACK));
	close(fa);
	close(fb);
}

/* An outside caller rings, is answered, hangs up. */
TEST_F(sim, outside_call_answered_then_far_end_hangs_up)
{
	unsigned int b = self->fxo[1];
	struct tapi_sim_port port;
	struct tapi_sim_status st;
	int fb = open_channel(b);

	ASSERT_LE(0, fb);
	memset(&port, 0, sizeof(port));
	port.channel = b;
	strcpy(port.digits, "5551234");
	strcpy(port.name, "Alice");
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, sim_status(self->sim, b, &st));
	EXPECT_EQ(TAPI_SIM_CO_RINGING, (int)st.co_state);
	EXPECT_EQ(1, (int)st.ringing);
	EXPECT_EQ(-1, st.peer);
	/* One caller at a time. */
	EXPECT_EQ(-EBUSY, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));

	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_CONNECTED));
	ASSERT_EQ(0, sim_status(self->sim, b, &st));
	EXPECT_EQ(-1, st.peer);
	EXPECT_EQ(0, (int)st.ringing);
	EXPECT_EQ(-EBUSY, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));

	drain_events(fb);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, b, 0, NULL));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_DISCONNECTED));
	/* The disconnect pulse. */
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_POLARITY, 1, NULL));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_POLARITY, 0, NULL));
	EXPECT_EQ(-EINVAL, port_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, b, 0, NULL));

	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));
	close(fb);
}

/**
 * struct cid_capture - caller ID decoded from what a line receives
 * @n: messages decoded
 * @errors: messages begun but broken
 * @info: the last message
 */
struct cid_capture {
	int n;
	int errors;
	struct tapi_cid_info info;
};

static void cid_received(void *user, const struct tapi_cid_info *info,
			 int err)
{
	struct cid_capture *c = user;

	if (err) {
		c->errors++;
		return;
	}
	c->n++;
	c->info = *info;
}

/*
 * Read what the (ringing, on-hook) line receives and decode Bell 202
 * caller ID in it, until a message arrived or the second ring began.
 * 0, or -errno.
 */
static int capture_caller_id(int fd, struct cid_capture *c)
{
	struct tapi_media_config cfg = { .format = TAPI_FMT_S16,
					 .block_samples = 160 };
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLPRI };
	long long end = now_ms() + EVENT_TIMEOUT_MS;
	struct tapi_cid_rx_state rx;
	struct tapi_event ev;
	int16_t buf[160];
	int rings = 0;

	memset(c, 0, sizeof(*c));
	if (tapi_cid_rx_init(&rx, TAPI_CID_BELL_MDMF, cid_received, c))
		return -EINVAL;
	if (xioctl(fd, TAPI_IOC_SET_MEDIA, &cfg))
		return -errno;
	while (!c->n && rings < 2) {
		if (now_ms() >= end)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, 1000) < 0)
			return -errno;
		while (!ioctl(fd, TAPI_IOC_GET_EVENT, &ev))
			if (ev.type == TAPI_EV_RING && ev.value)
				rings++;
		while (read(fd, buf, sizeof(buf)) == sizeof(buf))
			tapi_cid_rx(&rx, buf, 160);
	}
	return 0;
}

/* Between the first and the second ring the line hears the caller's identity. */
TEST_F(sim, outside_call_sends_caller_id)
{
	unsigned int b = self->fxo[1];
	struct tapi_sim_port port;
	struct cid_capture c;
	int fb = open_channel(b);

	ASSERT_LE(0, fb);
	memset(&port, 0, sizeof(port));
	port.channel = b;
	strcpy(port.digits, "5551234");
	strcpy(port.name, "Alice Example");
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));
	ASSERT_EQ(0, capture_caller_id(fb, &c));
	ASSERT_EQ(1, c.n) TH_LOG("%d broken messages", c.errors);
	EXPECT_EQ(TAPI_CID_MSG_MDMF, c.info.msg_type);
	EXPECT_STREQ("5551234", c.info.number);
	EXPECT_STREQ("Alice Example", c.info.name);
	EXPECT_TRUE(c.info.has_datetime);
	EXPECT_LE(1, c.info.month);
	EXPECT_GE(12, c.info.month);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, b, 0, NULL));
	close(fb);
}

/* A called line learns the calling line's number; no name, no number withheld. */
TEST_F(sim, line_call_sends_caller_id)
{
	unsigned int a = self->fxo[0], b = self->fxo[1];
	int fa = open_channel(a), fb = open_channel(b);
	struct tapi_sim_port port;
	struct cid_capture c;

	ASSERT_LE(0, fa);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, a, TAPI_SIM_CO_DIALTONE));
	ASSERT_EQ(0, dial(fa, self->number[1]));
	ASSERT_EQ(0, capture_caller_id(fb, &c));
	ASSERT_EQ(1, c.n) TH_LOG("%d broken messages", c.errors);
	EXPECT_STREQ(self->number[0], c.info.number);
	EXPECT_STREQ("", c.info.name);
	EXPECT_EQ(TAPI_CID_ABSENT_UNAVAILABLE, c.info.name_absent);
	EXPECT_EQ(0, c.info.number_absent);

	/* An outside caller without a number: "unavailable". */
	ASSERT_EQ(0, set_hook(fa, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));
	memset(&port, 0, sizeof(port));
	port.channel = b;
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CO_RING, &port));
	ASSERT_EQ(0, capture_caller_id(fb, &c));
	ASSERT_EQ(1, c.n);
	EXPECT_STREQ("", c.info.number);
	EXPECT_EQ(TAPI_CID_ABSENT_UNAVAILABLE, c.info.number_absent);
	close(fa);
	close(fb);
}

/* An outside caller that rings a given number of cycles gives up. */
TEST_F(sim, outside_call_unanswered_gives_up)
{
	unsigned int b = self->fxo[1];
	struct tapi_chan_info info;
	int fb = open_channel(b);

	ASSERT_LE(0, fb);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CO_RING, b, 1, "123"));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 0, NULL));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));
	ASSERT_EQ(0, xioctl(fb, TAPI_IOC_GET_INFO, &info));
	EXPECT_EQ(0, (int)info.ringing);
	close(fb);
}

/* An outside caller that gives up before an answer: CO_HANGUP while ringing. */
TEST_F(sim, outside_call_hangs_up_while_ringing)
{
	unsigned int b = self->fxo[1];
	int fb = open_channel(b);

	ASSERT_LE(0, fb);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CO_RING, b, 0, ""));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, b, 0, NULL));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 0, NULL));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));
	close(fb);
}

/* CONNECT wires two ports: each hears the other's tx; -1 unwires. */
TEST_F(sim, connect_patches_audio)
{
	unsigned int p0 = self->fxs[0], p1 = self->fxs[1];
	struct tapi_sim_status st;
	char digits[16];
	int f0 = open_channel(p0), f1 = open_channel(p1);

	ASSERT_LE(0, f0);
	ASSERT_LE(0, f1);
	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, p0, p1, NULL));
	/* Again is fine; elsewhere is not. */
	EXPECT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, p1, p0, NULL));
	EXPECT_EQ(-EBUSY, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, p0,
				   self->fxo[0], NULL));
	ASSERT_EQ(0, sim_status(self->sim, p0, &st));
	EXPECT_EQ((int)p1, st.peer);
	ASSERT_EQ(0, sim_status(self->sim, p1, &st));
	EXPECT_EQ((int)p0, st.peer);

	/* What channel p0 sends arrives in channel p1's receiver. */
	drain_events(f1);
	ASSERT_EQ(0, dial(f0, "37"));
	ASSERT_EQ(0, digits_before_dial_done(f1, f0, digits, sizeof(digits)));
	EXPECT_STREQ("37", digits);

	ASSERT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, p0, (unsigned int)-1, NULL));
	ASSERT_EQ(0, sim_status(self->sim, p1, &st));
	EXPECT_EQ(-1, st.peer);
	/* Unwired: a digit sent completely never shows up. */
	drain_events(f1);
	ASSERT_EQ(0, dial(f0, "9"));
	ASSERT_EQ(0, digits_before_dial_done(f1, f0, digits, sizeof(digits)));
	EXPECT_STREQ("", digits);
	/* Unpatching a port without a patch is not an error. */
	EXPECT_EQ(0, port_cmd(self->sim, TAPI_SIM_IOC_CONNECT, p0, (unsigned int)-1, NULL));
	close(f0);
	close(f1);
}

/* A card removed mid-call disconnects the line on the other card. */
TEST_F(sim, card_removal_disconnects_peer)
{
	struct tapi_sim_card card = { .nfxs = 0, .nfxo = 1 };
	unsigned int b = self->fxo[1], c;
	char number[TAPI_DIGITS_LEN];
	int fb, fc;

	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_ADD, &card));
	c = card.first_channel;
	ASSERT_TRUE(wait_path("/dev/tapi/%u", c, true));
	fb = open_channel(b);
	fc = open_channel(c);
	ASSERT_LE(0, fb);
	ASSERT_LE(0, fc);

	/* C, on the new card, calls B; B answers. */
	ASSERT_EQ(0, set_hook(fc, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, c, TAPI_SIM_CO_DIALTONE));
	snprintf(number, sizeof(number), "%s", self->number[1]);
	ASSERT_EQ(0, dial(fc, number));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_RING, 1, NULL));
	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_OFF));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_CONNECTED));

	drain_events(fb);
	ASSERT_EQ(0, xioctl(self->sim, TAPI_SIM_IOC_CARD_REMOVE, &card.card));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_DISCONNECTED));
	ASSERT_EQ(0, wait_event(fb, TAPI_EV_POLARITY, 1, NULL));
	ASSERT_EQ(0, wait_event(fc, TAPI_EV_REMOVED, -1, NULL));
	ASSERT_EQ(0, set_hook(fb, TAPI_HOOK_ON));
	ASSERT_EQ(0, wait_co_state(self->sim, b, TAPI_SIM_CO_IDLE));
	close(fb);
	close(fc);
}

TEST_HARNESS_MAIN
