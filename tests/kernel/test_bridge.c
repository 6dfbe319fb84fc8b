// SPDX-License-Identifier: GPL-2.0
/*
 * test_bridge - TAPI_IOC_BRIDGE / TAPI_IOC_UNBRIDGE on the simulated
 * card: DTMF a simulated phone sends into its channel is heard by the
 * phone on the bridged channel, both ways, and by nobody else nor once
 * unbridged; a channel's own TAPI_IOC_DIAL digits still reach its own
 * phone while bridged; every error; the bridge ends at UNBRIDGE, at the
 * close of the file that made it (not of the other one), and when a card
 * is removed, with TAPI_EV_BRIDGE_END naming the other channel on both.
 */
#include "kselftest_harness.h"
#include "test_call_util.h"

#define HEAR_TIMEOUT_MS		20000

static int bridge(int fd, int other_fd, uint32_t flags)
{
	struct tapi_bridge b = { .fd = other_fd, .flags = flags };

	return xioctl(fd, TAPI_IOC_BRIDGE, &b);
}

static int unbridge(int fd)
{
	return ioctl(fd, TAPI_IOC_UNBRIDGE) ? -errno : 0;
}

/* Poll until the port heard exactly @digits: 0 or -ETIMEDOUT. */
static int wait_heard(int sim, unsigned int channel, const char *digits)
{
	int64_t end = now_ms() + HEAR_TIMEOUT_MS;
	struct tapi_sim_status st;

	while (sim_status(sim, channel, &st) == 0) {
		if (!strcmp(st.heard, digits))
			return 0;
		if (now_ms() > end)
			break;
		sleep_ms(20);
	}
	return -ETIMEDOUT;
}

static int heard(int sim, unsigned int channel, char *out)
{
	struct tapi_sim_status st;
	int ret = sim_status(sim, channel, &st);

	snprintf(out, TAPI_DIGITS_LEN, "%s", ret ? "?" : st.heard);
	return ret;
}

/* The channel's own DTMF receiver got @digit from its phone. */
static int wait_digit(int fd, char digit)
{
	struct tapi_event ev;
	int ret;

	do {
		ret = next_event(fd, TAPI_EV_DIGIT_END, CALL_TIMEOUT_MS, &ev);
	} while (!ret && ev.value != (uint32_t)digit);
	return ret;
}

/* The next TAPI_EV_BRIDGE_END of @fd: its value, or -errno. */
static int64_t bridge_end(int fd)
{
	struct tapi_event ev;
	int ret = next_event(fd, TAPI_EV_BRIDGE_END, EVENT_TIMEOUT_MS, &ev);

	return ret ? ret : ev.value;
}

/* No TAPI_EV_BRIDGE_END queued now (all other events are dropped). */
static bool no_bridge_end(int fd)
{
	struct tapi_event ev;

	while (ev_get(fd, &ev) == 0)
		if (ev.type == TAPI_EV_BRIDGE_END)
			return false;
	return true;
}

FIXTURE(br) {
	struct line_card lc;
	unsigned int a, b, c;
	int fa, fb, fc;
};

FIXTURE_SETUP(br)
{
	int ret, i;

	line_card_init(&self->lc);
	ret = line_card_add(&self->lc, 3, 1);
	if (ret == -ENOENT)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, ret);
	self->a = self->lc.fxs[0];
	self->b = self->lc.fxs[1];
	self->c = self->lc.fxs[2];
	self->fa = self->lc.fxs_fd[0];
	self->fb = self->lc.fxs_fd[1];
	self->fc = self->lc.fxs_fd[2];
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
				     self->lc.fxs[i], 1));
		ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CLEAR,
				     self->lc.fxs[i], 0));
	}
}

FIXTURE_TEARDOWN(br)
{
	line_card_remove(&self->lc);
}

TEST_F(br, errors)
{
	struct tapi_chan_info info;
	int null_fd, sim_fd, a2;

	ASSERT_EQ(0, chan_info(self->fa, &info));
	ASSERT_TRUE(info.caps & TAPI_CAP_MEDIA);
	EXPECT_EQ(-EINVAL, unbridge(self->fa));
	EXPECT_EQ(-EINVAL, bridge(self->fa, self->fb, 1));
	EXPECT_EQ(-EINVAL, bridge(self->fa, self->fb, 0x80000000));
	EXPECT_EQ(-EINVAL, bridge(self->fa, -1, 0));
	EXPECT_EQ(-EINVAL, bridge(self->fa, 1000, 0));
	EXPECT_EQ(-EFAULT, xioctl(self->fa, TAPI_IOC_BRIDGE, BAD_PTR));
	null_fd = open("/dev/null", O_RDWR);
	ASSERT_LE(0, null_fd);
	EXPECT_EQ(-EINVAL, bridge(self->fa, null_fd, 0));
	close(null_fd);
	sim_fd = sim_open();
	ASSERT_LE(0, sim_fd);
	EXPECT_EQ(-EINVAL, bridge(self->fa, sim_fd, 0));
	close(sim_fd);
	/* Not with itself, through the same or another file. */
	EXPECT_EQ(-EINVAL, bridge(self->fa, self->fa, 0));
	a2 = line_open(self->a);
	ASSERT_LE(0, a2);
	EXPECT_EQ(-EINVAL, bridge(self->fa, a2, 0));
	EXPECT_EQ(-EINVAL, bridge(a2, self->fa, 0));
	close(a2);
	EXPECT_EQ(-EINVAL, unbridge(self->fa));
	EXPECT_TRUE(no_bridge_end(self->fa));

	/* One bridge per channel. */
	ASSERT_EQ(0, bridge(self->fa, self->fb, 0));
	EXPECT_EQ(-EBUSY, bridge(self->fa, self->fc, 0));
	EXPECT_EQ(-EBUSY, bridge(self->fc, self->fb, 0));
	EXPECT_EQ(-EBUSY, bridge(self->fb, self->fa, 0));
	EXPECT_EQ(-EBUSY, bridge(self->fc, self->fa, 0));
	EXPECT_EQ(-EINVAL, unbridge(self->fc));

	/* Either side ends it; both hear of it, naming the other. */
	ASSERT_EQ(0, unbridge(self->fb));
	EXPECT_EQ(self->b, bridge_end(self->fa));
	EXPECT_EQ(self->a, bridge_end(self->fb));
	EXPECT_TRUE(no_bridge_end(self->fc));
	EXPECT_EQ(-EINVAL, unbridge(self->fa));
	EXPECT_EQ(-EINVAL, unbridge(self->fb));
	/* Free again, for anyone. */
	ASSERT_EQ(0, bridge(self->fc, self->fa, 0));
	ASSERT_EQ(0, unbridge(self->fa));
	EXPECT_EQ(self->a, bridge_end(self->fc));
	EXPECT_EQ(self->c, bridge_end(self->fa));
}

TEST_F_TIMEOUT(br, phones_hear_each_other_only_while_bridged, 180)
{
	int sim = self->lc.sim;
	char got[TAPI_DIGITS_LEN];

	/* Unbridged, a digit stays on its own channel. */
	ASSERT_EQ(0, sim_phone_dial(sim, self->a, "3", 0, 0));
	ASSERT_EQ(0, wait_digit(self->fa, '3'));
	ASSERT_EQ(0, heard(sim, self->b, got));
	EXPECT_STREQ("", got);

	ASSERT_EQ(0, bridge(self->fa, self->fb, 0));
	ASSERT_EQ(0, sim_phone_dial(sim, self->a, "159#", 0, 0));
	EXPECT_EQ(0, wait_heard(sim, self->b, "159#"));
	ASSERT_EQ(0, sim_phone_dial(sim, self->b, "*2468", 0, 0));
	EXPECT_EQ(0, wait_heard(sim, self->a, "*2468"));
	ASSERT_EQ(0, wait_digit(self->fb, '8'));
	/* Nobody else heard anything; nobody heard himself. */
	ASSERT_EQ(0, heard(sim, self->c, got));
	EXPECT_STREQ("", got);
	ASSERT_EQ(0, heard(sim, self->b, got));
	EXPECT_STREQ("159#", got);

	/* The channel's own digits still go to its own phone, mixed in. */
	ASSERT_EQ(0, sim_cmd(sim, TAPI_SIM_IOC_CLEAR, self->a, 0));
	ASSERT_EQ(0, sim_cmd(sim, TAPI_SIM_IOC_CLEAR, self->b, 0));
	ASSERT_EQ(0, dial(self->fa, "07", 0, 0, 0));
	EXPECT_EQ(0, wait_heard(sim, self->a, "07"));
	ASSERT_EQ(0, heard(sim, self->b, got));
	EXPECT_STREQ("", got);

	ASSERT_EQ(0, unbridge(self->fa));
	EXPECT_EQ(self->b, bridge_end(self->fa));
	EXPECT_EQ(self->a, bridge_end(self->fb));
	ASSERT_EQ(0, sim_cmd(sim, TAPI_SIM_IOC_CLEAR, self->b, 0));
	ASSERT_EQ(0, sim_phone_dial(sim, self->a, "6", 0, 0));
	ASSERT_EQ(0, wait_digit(self->fa, '6'));
	/* A's own receiver decoded it: B would have heard it by now. */
	ASSERT_EQ(0, heard(sim, self->b, got));
	EXPECT_STREQ("", got);
}

TEST_F(br, close_of_the_making_file_ends_it)
{
	int a2, b2;

	a2 = line_open(self->a);
	b2 = line_open(self->b);
	ASSERT_LE(0, a2);
	ASSERT_LE(0, b2);
	ASSERT_EQ(0, bridge(a2, b2, 0));
	/* The other side's file is not the bridge's. */
	close(b2);
	EXPECT_EQ(-EBUSY, bridge(self->fc, self->fb, 0));
	EXPECT_TRUE(no_bridge_end(self->fa));
	EXPECT_TRUE(no_bridge_end(self->fb));
	close(a2);
	EXPECT_EQ(self->b, bridge_end(self->fa));
	EXPECT_EQ(self->a, bridge_end(self->fb));
	EXPECT_EQ(-EINVAL, unbridge(self->fb));
	ASSERT_EQ(0, bridge(self->fc, self->fb, 0));
	/* A bridge made through it ends with the fixture's files. */
}

TEST_F_TIMEOUT(br, card_removal_ends_the_bridge, 120)
{
	struct line_card other;
	struct tapi_sim_card card;
	struct tapi_event ev;
	unsigned int d;
	int fd_d, ret;

	line_card_init(&other);
	ret = line_card_add(&other, 1, 0);
	ASSERT_EQ(0, ret);
	d = other.fxs[0];
	fd_d = dup(other.fxs_fd[0]);
	ASSERT_LE(0, fd_d);
	ASSERT_EQ(0, sim_cmd(other.sim, TAPI_SIM_IOC_PHONE_HOOK, d, 1));

	/* Across cards, audio crosses too. */
	ASSERT_EQ(0, bridge(fd_d, self->fa, 0));
	ASSERT_EQ(0, sim_phone_dial(other.sim, d, "42", 0, 0));
	EXPECT_EQ(0, wait_heard(self->lc.sim, self->a, "42"));

	line_card_remove(&other);
	EXPECT_EQ(d, bridge_end(self->fa));
	/* The removed side hears of it before its TAPI_EV_REMOVED. */
	ASSERT_EQ(0, ev_wait_type(fd_d, TAPI_EV_BRIDGE_END,
				  ~(TAPI_EV_MASK(TAPI_EV_BRIDGE_END) |
				    TAPI_EV_MASK(TAPI_EV_REMOVED)),
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_BRIDGE_END, ev.type);
	EXPECT_EQ(self->a, ev.value);
	ASSERT_EQ(0, next_event(fd_d, TAPI_EV_REMOVED, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(-EINVAL, unbridge(self->fa));
	EXPECT_EQ(-ENODEV, bridge(self->fa, fd_d, 0));
	EXPECT_EQ(-ENODEV, bridge(fd_d, self->fa, 0));
	EXPECT_EQ(-ENODEV, unbridge(fd_d));
	close(fd_d);

	/* The survivor bridges again; removing its own card mid-bridge. */
	ASSERT_EQ(0, bridge(self->fa, self->fb, 0));
	card = self->lc.card;
	ASSERT_EQ(0, sim_card_remove(self->lc.sim, card.card));
	/* The teardown closes the files but removes nothing more. */
	memset(self->lc.card.name, 0, sizeof(self->lc.card.name));
	EXPECT_EQ(self->b, bridge_end(self->fa));
	EXPECT_EQ(self->a, bridge_end(self->fb));
	EXPECT_EQ(-ENODEV, unbridge(self->fa));
}

/*
 * A process keeps bridging, unbridging and closing while the other card
 * goes: every call gets a documented answer and the kernel stays sane.
 */
TEST_F_TIMEOUT(br, bridging_races_with_removal, 180)
{
	struct line_card other;
	int ready[2], status;
	unsigned int d;
	pid_t pid;
	char c;

	line_card_init(&other);
	ASSERT_EQ(0, line_card_add(&other, 1, 0));
	d = other.fxs[0];
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd_d = line_open(d), i, ret;
		bool gone = false;

		close(ready[0]);
		if (fd_d < 0)
			_exit(100);
		for (i = 0; i < 200000 && !gone; i++) {
			int maker = i % 3 ? self->fa : fd_d;
			int peer = maker == fd_d ? self->fa : fd_d;

			if (i == 50 && write(ready[1], "g", 1) != 1)
				_exit(101);
			ret = bridge(maker, peer, 0);
			if (ret && ret != -ENODEV && ret != -EBUSY)
				_exit(102);
			gone = ret == -ENODEV;
			ret = unbridge(i % 2 ? self->fa : fd_d);
			if (ret && ret != -ENODEV && ret != -EINVAL)
				_exit(103);
			if (i % 7 == 0) {
				/* The close of a making file ends its bridge. */
				int again = line_open(self->b);

				if (again >= 0) {
					ret = bridge(again, fd_d, 0);
					close(again);
					if (ret && ret != -ENODEV &&
					    ret != -EBUSY)
						_exit(105);
				}
			}
		}
		_exit(gone ? 0 : 104);
	}
	close(ready[1]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	line_card_remove(&other);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("100 open, 101 pipe, 102 BRIDGE, 103 UNBRIDGE, 104 card never gone, 105 BRIDGE from B");
	/* Whatever was left, A and B are free and work. */
	ASSERT_EQ(0, bridge(self->fa, self->fb, 0));
	ASSERT_EQ(0, unbridge(self->fb));
}

TEST_HARNESS_MAIN
