// SPDX-License-Identifier: GPL-2.0
/*
 * test_core_dtmf - DTMF through tapi_core: digits sent with TAPI_IOC_DIAL
 * are heard by the simulated phone or central office (their own DTMF
 * receivers, TAPI_SIM_IOC_STATUS "heard"), digits keyed on a simulated
 * phone arrive as TAPI_EV_DIGIT_START/END with their durations, and a
 * call between two FXO lines is dialled and answered through the CO.
 */
#include "kselftest_harness.h"
#include "test_core_util.h"

FIXTURE(dtmf) {
	int sim;
	struct tapi_sim_card card;
	unsigned int fxs, fxo[2];
	int fxs_fd, fxo_fd[2];
};

FIXTURE_SETUP(dtmf)
{
	int i;

	self->fxs_fd = self->fxo_fd[0] = self->fxo_fd[1] = -1;
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 1, 2, &self->card));
	self->fxs = self->card.first_channel;
	self->fxs_fd = chan_open(self->fxs, 0);
	ASSERT_LE(0, self->fxs_fd);
	for (i = 0; i < 2; i++) {
		self->fxo[i] = self->card.first_channel + 1 + i;
		self->fxo_fd[i] = chan_open(self->fxo[i], 0);
		ASSERT_LE(0, self->fxo_fd[i]);
	}
}

FIXTURE_TEARDOWN(dtmf)
{
	int i;

	if (self->fxs_fd >= 0)
		close(self->fxs_fd);
	for (i = 0; i < 2; i++)
		if (self->fxo_fd[i] >= 0)
			close(self->fxo_fd[i]);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

/* Wait for DIAL_DONE, failing on any other event. */
static int wait_dial_done(int fd)
{
	struct tapi_event ev;
	int ret = ev_wait(fd, 4 * EVENT_TIMEOUT_MS, &ev);

	if (ret)
		return ret;
	return ev.type == TAPI_EV_DIAL_DONE ? 0 : -EPROTO;
}

static int heard(int sim, unsigned int channel, char *buf, size_t size)
{
	struct tapi_sim_status st;
	int ret = sim_status(sim, channel, &st);

	if (ret)
		return ret;
	snprintf(buf, size, "%s", st.heard);
	return 0;
}

TEST_F(dtmf, dialled_digits_are_heard_by_the_phone)
{
	char got[TAPI_DIGITS_LEN];

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CLEAR, self->fxs, 0));
	ASSERT_EQ(0, dial(self->fxs_fd, "147*0#", 60, 60, 0));
	ASSERT_EQ(0, wait_dial_done(self->fxs_fd));
	/* The phone decodes one frame after the channel sent it. */
	sleep_ms(50);
	ASSERT_EQ(0, heard(self->sim, self->fxs, got, sizeof(got)));
	EXPECT_STREQ("147*0#", got);
}

TEST_F(dtmf, all_sixteen_digits_at_the_limits)
{
	char got[TAPI_DIGITS_LEN];

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CLEAR, self->fxs, 0));
	ASSERT_EQ(0, dial(self->fxs_fd, "0123456789*#ABCD", TAPI_DTMF_ON_MIN_MS,
			  TAPI_DTMF_OFF_MIN_MS, -20));
	ASSERT_EQ(0, wait_dial_done(self->fxs_fd));
	sleep_ms(50);
	ASSERT_EQ(0, heard(self->sim, self->fxs, got, sizeof(got)));
	EXPECT_STREQ("0123456789*#ABCD", got);
}

TEST_F(dtmf, dialled_digits_are_heard_by_the_co)
{
	struct tapi_sim_status st;

	ASSERT_EQ(0, set_u32(self->fxo_fd[0], TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CLEAR, self->fxo[0], 0));
	ASSERT_EQ(0, dial(self->fxo_fd[0], "99", 0, 0, 0));
	ASSERT_EQ(0, wait_dial_done(self->fxo_fd[0]));
	sleep_ms(50);
	ASSERT_EQ(0, sim_status(self->sim, self->fxo[0], &st));
	EXPECT_STREQ("99", st.heard);
	EXPECT_EQ(TAPI_SIM_CO_DIALING, st.co_state);
}

TEST_F(dtmf, dial_requests_queue_with_their_own_timing)
{
	char got[TAPI_DIGITS_LEN];
	struct tapi_event ev;

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CLEAR, self->fxs, 0));
	ASSERT_EQ(0, dial(self->fxs_fd, "12", 50, 50, 0));
	ASSERT_EQ(0, dial(self->fxs_fd, "34", 120, 60, -15));
	ASSERT_EQ(0, dial(self->fxs_fd, "5", 0, 0, 0));
	/* One DIAL_DONE, after the last digit. */
	ASSERT_EQ(0, wait_dial_done(self->fxs_fd));
	sleep_ms(50);
	ASSERT_EQ(0, heard(self->sim, self->fxs, got, sizeof(got)));
	EXPECT_STREQ("12345", got);
	EXPECT_EQ(-EAGAIN, ev_get(self->fxs_fd, &ev));
}

TEST_F(dtmf, dial_queue_full_is_ebusy)
{
	int i, ret = 0;

	/* Two minutes of digits: the queue cannot move during the test. */
	ASSERT_EQ(0, dial(self->fxs_fd,
			  "111111111111111111111111111111111111111111111111111111111111111",
			  1000, 1000, 0));
	/* The first request is being sent; eight more can wait. */
	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, dial(self->fxs_fd, "2", 1000, 1000, 0))
			TH_LOG("request %d", i + 2);
	ret = dial(self->fxs_fd, "3", 0, 0, 0);
	EXPECT_EQ(-EBUSY, ret);
}

TEST_F(dtmf, keyed_digits_arrive_as_digit_events)
{
	static const char keys[] = "159#";
	struct tapi_event ev;
	const char *k;

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(TAPI_EV_HOOK, ev.type);
	ASSERT_EQ(0, sim_phone_dial(self->sim, self->fxs, keys, 80, 80));
	for (k = keys; *k; k++) {
		ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
		EXPECT_EQ(TAPI_EV_DIGIT_START, ev.type);
		EXPECT_EQ(*k, (char)ev.value);
		EXPECT_EQ(0, ev.duration_ms);
		ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
		EXPECT_EQ(TAPI_EV_DIGIT_END, ev.type);
		EXPECT_EQ(*k, (char)ev.value);
		/* 80 ms keyed; the receiver measures in blocks of ~13 ms. */
		EXPECT_LE(40, ev.duration_ms);
		EXPECT_GE(140, ev.duration_ms);
	}
	EXPECT_EQ(-EAGAIN, ev_get(self->fxs_fd, &ev));
}

TEST_F(dtmf, digit_duration_follows_the_key)
{
	struct tapi_event ev;

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, sim_phone_dial(self->sim, self->fxs, "*", 400, 0));
	ASSERT_EQ(0, ev_wait_type(self->fxs_fd, TAPI_EV_DIGIT_END, 
				  TAPI_EV_MASK(TAPI_EV_DIGIT_START),
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ('*', (char)ev.value);
	EXPECT_LE(350, ev.duration_ms);
	EXPECT_GE(450, ev.duration_ms);
}

/*
 * A call between the two FXO lines: the first seizes its line and dials
 * the second's number; the CO rings the second; it answers and the
 * caller's polarity reverses (answer supervision).
 */
TEST_F(dtmf, call_dialled_between_two_lines)
{
	struct tapi_sim_status st, called;
	struct tapi_event ev;
	uint32_t skip = TAPI_EV_MASK(TAPI_EV_DIAL_DONE);

	ASSERT_EQ(0, sim_status(self->sim, self->fxo[1], &called));
	ASSERT_EQ(4, strlen(called.number));

	ASSERT_EQ(0, set_u32(self->fxo_fd[0], TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, dial(self->fxo_fd[0], called.number, 80, 80, 0));
	ASSERT_EQ(0, ev_wait(self->fxo_fd[1], 4 * EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(1, ev.value);
	ASSERT_EQ(0, sim_status(self->sim, self->fxo[0], &st));
	EXPECT_EQ(TAPI_SIM_CO_RINGBACK, st.co_state);
	EXPECT_STREQ(called.number, st.heard);

	ASSERT_EQ(0, set_u32(self->fxo_fd[1], TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, ev_wait_type(self->fxo_fd[0], TAPI_EV_POLARITY, skip,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_POLARITY, ev.type);
	EXPECT_EQ(1, ev.value);
	ASSERT_EQ(0, sim_status(self->sim, self->fxo[0], &st));
	EXPECT_EQ(TAPI_SIM_CO_CONNECTED, st.co_state);
	EXPECT_EQ((int)self->fxo[1], st.peer);
}

TEST_HARNESS_MAIN
