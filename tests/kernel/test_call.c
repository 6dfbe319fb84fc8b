// SPDX-License-Identifier: GPL-2.0
/*
 * test_call - the call state every channel keeps (TAPI_IOC_GET_CALL,
 * TAPI_EV_CALL_STATE, TAPI_IOC_SET_CALL_STATE), driven through the
 * simulated card:
 *  - FXO lines of the simulated central office: outgoing calls from one
 *    line to another (dial tone, dialling, ringback, answer by polarity
 *    reversal, clear-down), busy, congestion for a number nobody has,
 *    calls from an outside caller answered or left ringing;
 *  - FXS ports with simulated phones: the station dials, the application
 *    as the exchange moves the call on; ringing the station offers a call;
 *  - argument checking, several files, call IDs, removal mid-call.
 *
 * Every state change is checked in sequence: next_call_state() returns
 * the next TAPI_EV_CALL_STATE, so a missing or extra state fails.  Waits
 * are bounded only to fail instead of hanging.
 */
#include "kselftest_harness.h"
#include "test_call_util.h"
#include "test_call_fsk.h"

#define EXPECT_STATE(fd, state, cause) do {				\
	struct tapi_event __ev;						\
	ASSERT_EQ(0, next_call_state(fd, CALL_TIMEOUT_MS, &__ev))	\
		TH_LOG("waiting for %s", call_state_name(state));	\
	ASSERT_STREQ(call_state_name(state),				\
		     call_state_name(__ev.value));			\
	ASSERT_EQ((uint32_t)(cause), __ev.duration_ms);			\
} while (0)

FIXTURE(call) {
	struct line_card lc;
};

FIXTURE_SETUP(call)
{
	int ret;

	line_card_init(&self->lc);
	ret = line_card_add(&self->lc, 2, 2);
	if (ret == -ENOENT)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, ret);
}

FIXTURE_TEARDOWN(call)
{
	line_card_remove(&self->lc);
}

/* FXO: go off-hook and wait for the call that dial tone starts. */
static void fxo_seize(struct __test_metadata *_metadata, int fd)
{
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_STATE(fd, TAPI_CALL_DIALTONE, TAPI_CAUSE_NONE);
}

TEST_F(call, idle_channels_have_no_call)
{
	struct tapi_call_info call;
	unsigned int i;
	int fds[4] = { self->lc.fxs_fd[0], self->lc.fxs_fd[1],
		       self->lc.fxo_fd[0], self->lc.fxo_fd[1] };

	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, get_call(fds[i], &call));
		EXPECT_EQ(0, call.call_id);
		EXPECT_EQ(TAPI_CALL_IDLE, call.state);
		EXPECT_EQ(TAPI_CAUSE_NONE, call.cause);
		EXPECT_EQ(TAPI_CALL_NONE, call.direction);
		EXPECT_EQ(0, call.caller_flags);
		EXPECT_STREQ("", call.caller_number);
		EXPECT_STREQ("", call.called_number);
		EXPECT_EQ(0, call.reserved[0] | call.reserved[1] |
			     call.reserved[2] | call.reserved[3]);
	}
	EXPECT_EQ(-EFAULT, xioctl(fds[0], TAPI_IOC_GET_CALL, BAD_PTR));
}

/*
 * Line A calls line B through the CO: A hears dial tone, dials B's
 * number, hears ringback while B is offered the call; B answers, A's
 * polarity reverses (answer supervision); B hangs up, A's polarity
 * returns (clear-down).
 */
TEST_F_TIMEOUT(call, fxo_outgoing_call_answered_then_far_end_clears, 120)
{
	int a = self->lc.fxo_fd[0], b = self->lc.fxo_fd[1];
	struct tapi_call_info ca, cb;

	fxo_seize(_metadata, a);
	ASSERT_EQ(0, get_call(a, &ca));
	EXPECT_NE(0, ca.call_id);
	EXPECT_EQ(TAPI_CALL_OUTGOING, ca.direction);
	EXPECT_STREQ("", ca.called_number);

	ASSERT_EQ(0, dial(a, self->lc.number[1], 0, 0, 0));
	EXPECT_STATE(a, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_PROCEEDING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, get_call(a, &ca));
	EXPECT_STREQ(self->lc.number[1], ca.called_number);

	EXPECT_STATE(b, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, get_call(b, &cb));
	EXPECT_EQ(TAPI_CALL_INCOMING, cb.direction);
	EXPECT_NE(0, cb.call_id);
	EXPECT_NE(ca.call_id, cb.call_id);

	/* The US ringback cadence is recognised after one whole cycle. */
	EXPECT_STATE(a, TAPI_CALL_RINGBACK, TAPI_CAUSE_NONE);

	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_STATE(b, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);

	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(b, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL);
	EXPECT_STATE(a, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL);
	ASSERT_EQ(0, get_call(a, &cb));
	EXPECT_EQ(ca.call_id, cb.call_id);

	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(a, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
	ASSERT_EQ(0, get_call(a, &ca));
	EXPECT_EQ(0, ca.call_id);
	EXPECT_STREQ("", ca.called_number);
	ASSERT_EQ(0, get_call(b, &cb));
	EXPECT_EQ(0, cb.call_id);
}

/*
 * B answers while A is still proceeding; then A hangs up first and B,
 * the called side, sees the CO's disconnect (a polarity pulse).
 */
TEST_F_TIMEOUT(call, fxo_caller_clears_first, 120)
{
	int a = self->lc.fxo_fd[0], b = self->lc.fxo_fd[1];
	struct tapi_event ev;

	fxo_seize(_metadata, a);
	ASSERT_EQ(0, dial(a, self->lc.number[1], 0, 0, 0));
	EXPECT_STATE(b, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_STATE(b, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);

	EXPECT_STATE(a, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	/* PROCEEDING (and RINGBACK, if recognised in time) before the answer. */
	do {
		ASSERT_EQ(0, next_call_state(a, CALL_TIMEOUT_MS, &ev));
	} while (ev.value == TAPI_CALL_PROCEEDING ||
		 ev.value == TAPI_CALL_RINGBACK);
	ASSERT_STREQ("CONNECTED", call_state_name(ev.value));

	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(a, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL);
	EXPECT_STATE(b, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL);
	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(b, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
}

TEST_F_TIMEOUT(call, fxo_busy_line, 90)
{
	int a = self->lc.fxo_fd[0], b = self->lc.fxo_fd[1];
	struct tapi_call_info call;

	/* B is off-hook: busy to whoever calls it. */
	fxo_seize(_metadata, b);
	fxo_seize(_metadata, a);
	ASSERT_EQ(0, dial(a, self->lc.number[1], 0, 0, 0));
	EXPECT_STATE(a, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_PROCEEDING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_BUSY, TAPI_CAUSE_BUSY);
	ASSERT_EQ(0, get_call(a, &call));
	EXPECT_STREQ(self->lc.number[1], call.called_number);

	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(a, TAPI_CALL_IDLE, TAPI_CAUSE_BUSY);
	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(b, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL);
}

TEST_F_TIMEOUT(call, fxo_unknown_number_is_congestion, 90)
{
	int a = self->lc.fxo_fd[0];

	fxo_seize(_metadata, a);
	/* CO numbers are "2" and a channel number: nobody has 9999. */
	ASSERT_EQ(0, dial(a, "9999", 0, 0, 0));
	EXPECT_STATE(a, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_PROCEEDING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_CONGESTION);
	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(a, TAPI_CALL_IDLE, TAPI_CAUSE_CONGESTION);
}

TEST_F_TIMEOUT(call, fxo_incoming_answered_far_end_hangs_up, 90)
{
	int b = self->lc.fxo_fd[1];
	struct tapi_sim_port port;
	struct tapi_call_info call;

	memset(&port, 0, sizeof(port));
	port.channel = self->lc.fxo[1];
	snprintf(port.digits, sizeof(port.digits), "5551234");
	snprintf(port.name, sizeof(port.name), "ALICE");
	ASSERT_EQ(0, xioctl(self->lc.sim, TAPI_SIM_IOC_CO_RING, &port));
	EXPECT_STATE(b, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, get_call(b, &call));
	EXPECT_EQ(TAPI_CALL_INCOMING, call.direction);
	EXPECT_NE(0, call.call_id);

	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_STATE(b, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CO_HANGUP,
			     self->lc.fxo[1], 0));
	EXPECT_STATE(b, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL);
	ASSERT_EQ(0, set_u32(b, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(b, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
}

TEST_F_TIMEOUT(call, fxo_incoming_unanswered_ends_without_answer, 90)
{
	int b = self->lc.fxo_fd[1];
	struct tapi_call_info call;

	/* One ring cycle, then the outside caller gives up. */
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CO_RING,
			     self->lc.fxo[1], 1));
	EXPECT_STATE(b, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	EXPECT_STATE(b, TAPI_CALL_IDLE, TAPI_CAUSE_NOANSWER);
	ASSERT_EQ(0, get_call(b, &call));
	EXPECT_EQ(0, call.call_id);
	EXPECT_EQ(TAPI_CALL_NONE, call.direction);
}

/*
 * Answer without answer supervision: someone speaks while A hears
 * ringback.  An FXS port patched to line A plays the "voice" (noise at
 * -10 dBm0) before B answers, so no polarity reversal comes.
 */
TEST_F_TIMEOUT(call, fxo_voice_after_ringback_connects, 120)
{
	int a = self->lc.fxo_fd[0], s = self->lc.fxs_fd[0];
	static int16_t noise[8000 * 3];
	uint32_t x = 12345;
	size_t i;

	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CONNECT,
			     self->lc.fxs[0], self->lc.fxo[0]));
	fxo_seize(_metadata, a);
	ASSERT_EQ(0, dial(a, self->lc.number[1], 0, 0, 0));
	EXPECT_STATE(a, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_PROCEEDING, TAPI_CAUSE_NONE);
	EXPECT_STATE(a, TAPI_CALL_RINGBACK, TAPI_CAUSE_NONE);

	/* Uniform noise: RMS = peak / sqrt(3) = 5104, -10 dBm0. */
	for (i = 0; i < sizeof(noise) / sizeof(noise[0]); i++) {
		x = x * 1103515245u + 12345u;
		noise[i] = (int16_t)((int32_t)(x >> 16 & 0x7fff) * 2 * 8841 /
				     0x7fff - 8841);
	}
	ASSERT_EQ(0, set_media(s, TAPI_FMT_S16, 160));
	ASSERT_EQ(0, play_samples(s, noise, sizeof(noise) / sizeof(noise[0])));
	EXPECT_STATE(a, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);

	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(a, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL);
}

/* FXO without answer supervision: the application connects the call. */
TEST_F_TIMEOUT(call, fxo_application_connects_and_clears, 90)
{
	int a = self->lc.fxo_fd[0];

	fxo_seize(_metadata, a);
	ASSERT_EQ(0, dial(a, "9", 0, 0, 0));
	EXPECT_STATE(a, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_CONNECTED));
	EXPECT_STATE(a, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_CALL_STATE,
			     TAPI_CALL_DISCONNECTED));
	EXPECT_STATE(a, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL);
	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_STATE(a, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
}

/*
 * A station goes off-hook and dials; the application, the exchange,
 * moves the call through ringback to connected and clears it.
 */
TEST_F(call, fxs_station_dials_and_exchange_connects)
{
	int s = self->lc.fxs_fd[0];
	struct tapi_call_info call;
	uint32_t id;

	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 1));
	EXPECT_STATE(s, TAPI_CALL_DIALTONE, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, get_call(s, &call));
	EXPECT_EQ(TAPI_CALL_OUTGOING, call.direction);
	EXPECT_NE(0, call.call_id);
	id = call.call_id;

	ASSERT_EQ(0, sim_phone_dial(self->lc.sim, self->lc.fxs[0], "2048#",
				    0, 0));
	EXPECT_STATE(s, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, wait_called_number(s, "2048#", CALL_TIMEOUT_MS));

	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_PROCEEDING));
	EXPECT_STATE(s, TAPI_CALL_PROCEEDING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_RINGBACK));
	EXPECT_STATE(s, TAPI_CALL_RINGBACK, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_CONNECTED));
	EXPECT_STATE(s, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);
	/* In-call digits are not the called number. */
	ASSERT_EQ(0, sim_phone_dial(self->lc.sim, self->lc.fxs[0], "5", 0, 0));
	ASSERT_EQ(0, next_event(s, TAPI_EV_DIGIT_END, CALL_TIMEOUT_MS,
				&(struct tapi_event){ 0 }));
	ASSERT_EQ(0, get_call(s, &call));
	EXPECT_STREQ("2048#", call.called_number);
	EXPECT_EQ(id, call.call_id);

	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE,
			     TAPI_CALL_DISCONNECTED));
	EXPECT_STATE(s, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_NORMAL);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 0));
	EXPECT_STATE(s, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
}

TEST_F(call, fxs_station_busy_then_hangs_up)
{
	int s = self->lc.fxs_fd[1];

	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[1], 1));
	EXPECT_STATE(s, TAPI_CALL_DIALTONE, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_BUSY));
	EXPECT_STATE(s, TAPI_CALL_BUSY, TAPI_CAUSE_BUSY);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[1], 0));
	EXPECT_STATE(s, TAPI_CALL_IDLE, TAPI_CAUSE_BUSY);
}

TEST_F(call, fxs_ringing_station_answers)
{
	static const uint16_t cadence[] = { 1000, 2000 };
	int s = self->lc.fxs_fd[0];
	struct tapi_call_info call;

	ASSERT_EQ(0, ring_start(s, 0, 2, cadence));
	EXPECT_STATE(s, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, get_call(s, &call));
	EXPECT_EQ(TAPI_CALL_INCOMING, call.direction);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 1));
	EXPECT_STATE(s, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 0));
	EXPECT_STATE(s, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
}

TEST_F(call, fxs_ringing_ends_unanswered_or_withdrawn)
{
	static const uint16_t cadence[] = { 100, 100 };
	int s = self->lc.fxs_fd[0];

	ASSERT_EQ(0, ring_start(s, 2, 2, cadence));
	EXPECT_STATE(s, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	EXPECT_STATE(s, TAPI_CALL_IDLE, TAPI_CAUSE_NOANSWER);

	ASSERT_EQ(0, ring_start(s, 0, 2, cadence));
	EXPECT_STATE(s, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	ASSERT_EQ(0, xioctl(s, TAPI_IOC_RING_STOP, NULL));
	EXPECT_STATE(s, TAPI_CALL_IDLE, TAPI_CAUSE_LOCAL);
}

TEST_F(call, set_call_state_checks_its_argument_and_the_call)
{
	static const uint16_t cadence[] = { 1000, 2000 };
	static const uint32_t settable[] = {
		TAPI_CALL_PROCEEDING, TAPI_CALL_RINGBACK, TAPI_CALL_BUSY,
		TAPI_CALL_CONNECTED, TAPI_CALL_DISCONNECTED,
	};
	static const uint32_t never[] = {
		TAPI_CALL_IDLE, TAPI_CALL_OFFERING, TAPI_CALL_DIALTONE,
		TAPI_CALL_DIALING, __TAPI_CALL_CNT, 0x80000000u, 0xffffffffu,
	};
	int s = self->lc.fxs_fd[0];
	struct tapi_event ev;
	unsigned int i;

	/* No call: nothing to move on. */
	for (i = 0; i < sizeof(settable) / sizeof(settable[0]); i++)
		EXPECT_EQ(-EINVAL, set_u32(s, TAPI_IOC_SET_CALL_STATE,
					   settable[i]));
	EXPECT_EQ(-EFAULT, xioctl(s, TAPI_IOC_SET_CALL_STATE, BAD_PTR));

	/* An offered call is answered by the station, not by the ioctl. */
	ASSERT_EQ(0, ring_start(s, 0, 2, cadence));
	EXPECT_STATE(s, TAPI_CALL_OFFERING, TAPI_CAUSE_NONE);
	for (i = 0; i < sizeof(settable) / sizeof(settable[0]); i++)
		EXPECT_EQ(-EINVAL, set_u32(s, TAPI_IOC_SET_CALL_STATE,
					   settable[i]));
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 1));
	EXPECT_STATE(s, TAPI_CALL_CONNECTED, TAPI_CAUSE_NONE);

	for (i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		EXPECT_EQ(-EINVAL, set_u32(s, TAPI_IOC_SET_CALL_STATE,
					   never[i]));
	/* The state it is in: accepted, nothing changes. */
	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_CONNECTED));
	ASSERT_EQ(0, set_u32(s, TAPI_IOC_SET_CALL_STATE, TAPI_CALL_BUSY));
	EXPECT_STATE(s, TAPI_CALL_BUSY, TAPI_CAUSE_BUSY);
	EXPECT_EQ(-ETIMEDOUT, next_call_state(s, 300, &ev));
}

TEST_F(call, every_file_sees_the_same_call)
{
	int s1 = self->lc.fxs_fd[0], s2 = line_open(self->lc.fxs[0]);
	struct tapi_call_info c1, c2;
	struct tapi_event e1, e2;

	ASSERT_LE(0, s2);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 1));
	ASSERT_EQ(0, next_call_state(s1, CALL_TIMEOUT_MS, &e1));
	ASSERT_EQ(0, next_call_state(s2, CALL_TIMEOUT_MS, &e2));
	EXPECT_EQ(TAPI_CALL_DIALTONE, e1.value);
	EXPECT_EQ(e1.value, e2.value);
	EXPECT_EQ(e1.timestamp_ns, e2.timestamp_ns);
	ASSERT_EQ(0, get_call(s1, &c1));
	ASSERT_EQ(0, get_call(s2, &c2));
	EXPECT_EQ(0, memcmp(&c1, &c2, sizeof(c1)));
	close(s2);
}

TEST_F(call, call_ids_are_new_and_seq_counts_changes)
{
	int s = self->lc.fxs_fd[0];
	struct tapi_call_info call;
	uint32_t last_id = 0, last_seq;
	int i;

	ASSERT_EQ(0, get_call(s, &call));
	last_seq = call.seq;
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
				     self->lc.fxs[0], 1));
		EXPECT_STATE(s, TAPI_CALL_DIALTONE, TAPI_CAUSE_NONE);
		ASSERT_EQ(0, get_call(s, &call));
		EXPECT_NE(0, call.call_id);
		EXPECT_NE(last_id, call.call_id);
		EXPECT_GT(call.seq, last_seq);
		last_id = call.call_id;
		last_seq = call.seq;

		/* Each digit recorded is a change of the call. */
		ASSERT_EQ(0, sim_phone_dial(self->lc.sim, self->lc.fxs[0],
					    "12", 0, 0));
		ASSERT_EQ(0, wait_called_number(s, "12", CALL_TIMEOUT_MS));
		ASSERT_EQ(0, get_call(s, &call));
		EXPECT_EQ(last_seq + 2, call.seq);	/* DIALING, then "2" */
		last_seq = call.seq;

		ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
				     self->lc.fxs[0], 0));
		EXPECT_STATE(s, TAPI_CALL_DIALING, TAPI_CAUSE_NONE);
		EXPECT_STATE(s, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL);
		ASSERT_EQ(0, get_call(s, &call));
		EXPECT_EQ(last_seq + 1, call.seq);
		last_seq = call.seq;
	}
}

/* The card goes away mid-call: the call ends before the file is told. */
TEST_F(call, removal_disconnects_the_call_before_removed)
{
	int s = self->lc.fxs_fd[0], a = self->lc.fxo_fd[0];
	struct tapi_call_info call;
	struct tapi_event ev;
	int fd;

	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK,
			     self->lc.fxs[0], 1));
	EXPECT_STATE(s, TAPI_CALL_DIALTONE, TAPI_CAUSE_NONE);
	fxo_seize(_metadata, a);

	ASSERT_EQ(0, sim_card_remove(self->lc.sim, self->lc.card.card));
	self->lc.card.name[0] = '\0';	/* removed already */
	for (fd = 0; fd < 2; fd++) {
		int f = fd ? a : s;

		EXPECT_STATE(f, TAPI_CALL_DISCONNECTED, TAPI_CAUSE_REMOVED);
		ASSERT_EQ(0, ev_wait(f, CALL_TIMEOUT_MS, &ev));
		EXPECT_EQ(TAPI_EV_REMOVED, ev.type);
		EXPECT_EQ(-ENODEV, ev_get(f, &ev));
		EXPECT_EQ(-ENODEV, get_call(f, &call));
	}
}

TEST_HARNESS_MAIN
