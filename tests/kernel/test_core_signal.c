// SPDX-License-Identifier: GPL-2.0
/*
 * test_core_signal - the signalling policy of tapi_core, driven from the
 * far side by tapi_sim: hook off/on, flash and bounce detection on FXS
 * ports, the ring cadence and ring trip, and on FXO ports hook control,
 * flash, ring detection and polarity reversal seen through the simulated
 * central office.
 *
 * No test decides by how long something took: waits have generous
 * timeouts, and "nothing happens" is only asserted for a span shorter
 * than the earliest moment the kernel may act.
 */
#include "kselftest_harness.h"
#include "test_core_util.h"

/* The hook timing tapi_core documents (kernel/core/core.h). */
#define HOOK_BOUNCE_MS		80
#define HOOK_FLASH_MAX_MS	750

FIXTURE(line) {
	int sim;
	struct tapi_sim_card card;
	unsigned int fxs, fxo;
	int fxs_fd, fxo_fd;
};

FIXTURE_SETUP(line)
{
	self->fxs_fd = self->fxo_fd = -1;
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 1, 1, &self->card));
	self->fxs = self->card.first_channel;
	self->fxo = self->card.first_channel + 1;
	self->fxs_fd = chan_open(self->fxs, 0);
	ASSERT_LE(0, self->fxs_fd);
	self->fxo_fd = chan_open(self->fxo, 0);
	ASSERT_LE(0, self->fxo_fd);
}

FIXTURE_TEARDOWN(line)
{
	if (self->fxs_fd >= 0)
		close(self->fxs_fd);
	if (self->fxo_fd >= 0)
		close(self->fxo_fd);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

static int phone_hook(FIXTURE_DATA(line) *self, int offhook)
{
	return sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, offhook);
}

TEST_F(line, offhook_at_once_onhook_after_the_flash_window)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	uint64_t hung_up;

	ASSERT_EQ(0, phone_hook(self, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(TAPI_HOOK_OFF, ev.value);
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);

	ASSERT_EQ(0, phone_hook(self, 0));
	hung_up = now_ns();
	/* It might still be a flash: nothing yet, and still off-hook. */
	EXPECT_TRUE(ev_none_within(self->fxs_fd, HOOK_FLASH_MAX_MS / 3, &ev))
		TH_LOG("early event %s", ev_name(ev.type));
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);

	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(TAPI_HOOK_ON, ev.value);
	/* Stamped when the on-hook began, not when it was decided. */
	EXPECT_GE(hung_up, ev.timestamp_ns);
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(TAPI_HOOK_ON, info.hook);

	/* And off-hook again after a real hang-up. */
	ASSERT_EQ(0, phone_hook(self, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(TAPI_HOOK_OFF, ev.value);
	EXPECT_EQ(3, ev.seq);
}

TEST_F(line, flash_is_reported_as_flash)
{
	struct tapi_chan_info info;
	struct tapi_event ev;

	ASSERT_EQ(0, phone_hook(self, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	/* The simulated phone holds the hook down for 300 ms. */
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_FLASH, self->fxs, 0));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_FLASH, ev.type);
	EXPECT_LE(HOOK_BOUNCE_MS, ev.duration_ms);
	EXPECT_GE(HOOK_FLASH_MAX_MS, ev.duration_ms);
	/* No hook change at all: the call goes on. */
	EXPECT_TRUE(ev_none_within(self->fxs_fd, HOOK_FLASH_MAX_MS + 500, &ev))
		TH_LOG("unexpected %s %u", ev_name(ev.type), ev.value);
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);
}

TEST_F(line, hook_bounce_is_ignored)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	int64_t start, took;

	ASSERT_EQ(0, phone_hook(self, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	start = now_ms();
	ASSERT_EQ(0, phone_hook(self, 0));
	ASSERT_EQ(0, phone_hook(self, 1));
	took = now_ms() - start;
	if (took >= HOOK_BOUNCE_MS / 2)
		SKIP(return, "the bounce took %lld ms: the VM is too slow to make one",
		     (long long)took);
	EXPECT_TRUE(ev_none_within(self->fxs_fd, HOOK_FLASH_MAX_MS + 500, &ev))
		TH_LOG("unexpected %s %u", ev_name(ev.type), ev.value);
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);
}

/* Ringing: RING 1/0 at each step, RING_DONE after count cycles. */
static void expect_cadence(struct __test_metadata *_metadata, int fd,
			   unsigned int count, unsigned int nsteps)
{
	struct tapi_event ev;
	unsigned int cycle, step;

	for (cycle = 0; cycle < count; cycle++) {
		for (step = 0; step < nsteps; step++) {
			ASSERT_EQ(0, ev_wait(fd, EVENT_TIMEOUT_MS, &ev));
			ASSERT_EQ(TAPI_EV_RING, ev.type)
				TH_LOG("cycle %u step %u: %s", cycle, step,
				       ev_name(ev.type));
			EXPECT_EQ(step % 2 == 0, ev.value);
		}
	}
	ASSERT_EQ(0, ev_wait(fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING_DONE, ev.type);
}

TEST_F(line, ring_cadence_runs_count_cycles)
{
	static const uint16_t two[] = { 100, 150 };
	static const uint16_t uk[] = { 400, 200, 400, 500 };
	struct tapi_sim_status st;
	struct tapi_chan_info info;

	ASSERT_EQ(0, ring_start(self->fxs_fd, 2, 2, two));
	/* The ringer is on from the start. */
	ASSERT_EQ(0, sim_status(self->sim, self->fxs, &st));
	EXPECT_EQ(1, st.ringing);
	expect_cadence(_metadata, self->fxs_fd, 2, 2);
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxs, ringing, 0,
				     EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(0, info.ringing);

	ASSERT_EQ(0, ring_start(self->fxs_fd, 1, 4, uk));
	expect_cadence(_metadata, self->fxs_fd, 1, 4);
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxs, ringing, 0,
				     EVENT_TIMEOUT_MS));
}

TEST_F(line, ring_trip_when_the_phone_answers)
{
	static const uint16_t us[] = { 2000, 4000 };
	struct tapi_chan_info info;
	struct tapi_event ev;

	ASSERT_EQ(0, ring_start(self->fxs_fd, 0, 2, us));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(1, ev.value);
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxs, ringing, 1,
				     EVENT_TIMEOUT_MS));

	ASSERT_EQ(0, phone_hook(self, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(TAPI_HOOK_OFF, ev.value);
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(0, ev.value);
	/* The ringer goes off and the cadence is over: no RING_DONE. */
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxs, ringing, 0,
				     EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, chan_info(self->fxs_fd, &info));
	EXPECT_EQ(0, info.ringing);
	EXPECT_TRUE(ev_none_within(self->fxs_fd, 500, &ev))
		TH_LOG("unexpected %s %u", ev_name(ev.type), ev.value);
}

TEST_F(line, ring_stop_and_busy_station)
{
	static const uint16_t us[] = { 2000, 4000 };
	struct tapi_sim_status st;
	struct tapi_event ev;

	ASSERT_EQ(0, ring_start(self->fxs_fd, 0, 2, us));
	ASSERT_EQ(0, ev_get(self->fxs_fd, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(1, ev.value);
	ASSERT_EQ(0, xioctl(self->fxs_fd, TAPI_IOC_RING_STOP, NULL));
	/* RING_STOP switched the ringer off before returning. */
	ASSERT_EQ(0, sim_status(self->sim, self->fxs, &st));
	EXPECT_EQ(0, st.ringing);
	ASSERT_EQ(0, ev_get(self->fxs_fd, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(0, ev.value);
	/* Stopping what does not ring is fine and says nothing. */
	EXPECT_EQ(0, xioctl(self->fxs_fd, TAPI_IOC_RING_STOP, NULL));
	EXPECT_EQ(-EAGAIN, ev_get(self->fxs_fd, &ev));

	/* An off-hook station cannot be rung. */
	ASSERT_EQ(0, phone_hook(self, 1));
	ASSERT_EQ(0, ev_wait(self->fxs_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(-EBUSY, ring_start(self->fxs_fd, 0, 2, us));
	ASSERT_EQ(0, sim_status(self->sim, self->fxs, &st));
	EXPECT_EQ(0, st.ringing);
	EXPECT_EQ(-EAGAIN, ev_get(self->fxs_fd, &ev));
}

TEST_F(line, fxo_hook_seizes_and_releases_the_line)
{
	struct tapi_sim_status st;

	ASSERT_EQ(0, set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_status(self->sim, self->fxo, &st));
	EXPECT_EQ(1, st.hook);
	EXPECT_EQ(TAPI_SIM_CO_DIALTONE, st.co_state);
	ASSERT_EQ(0, set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	ASSERT_EQ(0, sim_status(self->sim, self->fxo, &st));
	EXPECT_EQ(0, st.hook);
	/* The CO releases the line once it stays on-hook. */
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxo, co_state,
				     TAPI_SIM_CO_IDLE, EVENT_TIMEOUT_MS));
}

TEST_F(line, fxo_flash_releases_briefly)
{
	struct tapi_sim_status st;
	int64_t start;
	int second;

	ASSERT_EQ(0, set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	start = now_ms();
	ASSERT_EQ(0, set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_FLASH));
	second = set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_FLASH);
	/* The line is released at once ... */
	ASSERT_EQ(0, sim_status(self->sim, self->fxo, &st));
	if (now_ms() - start < 200) {
		EXPECT_EQ(0, st.hook);
		EXPECT_EQ(-EBUSY, second);
	}
	/* ... and seized again, too soon for the CO to release the call. */
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxo, hook, 1,
				     EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, sim_status(self->sim, self->fxo, &st));
	EXPECT_EQ(TAPI_SIM_CO_DIALTONE, st.co_state);
}

TEST_F(line, fxo_ring_detect_and_answer)
{
	struct tapi_chan_info info;
	struct tapi_sim_status st;
	struct tapi_event ev;

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CO_RING, self->fxo, 0));
	ASSERT_EQ(0, ev_wait(self->fxo_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(1, ev.value);
	ASSERT_EQ(0, chan_info(self->fxo_fd, &info));
	EXPECT_EQ(1, info.ringing);

	ASSERT_EQ(0, set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_status(self->sim, self->fxo, &st));
	EXPECT_EQ(TAPI_SIM_CO_CONNECTED, st.co_state);
	ASSERT_EQ(0, ev_wait(self->fxo_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(0, ev.value);
	ASSERT_EQ(0, chan_info(self->fxo_fd, &info));
	EXPECT_EQ(0, info.ringing);
}

TEST_F(line, fxo_ring_cadence_ends_when_the_caller_gives_up)
{
	struct tapi_event ev;

	/* One cycle: 2 s on, 4 s off, then the outside caller gives up. */
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CO_RING, self->fxo, 1));
	ASSERT_EQ(0, ev_wait(self->fxo_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(1, ev.value);
	ASSERT_EQ(0, ev_wait(self->fxo_fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(0, ev.value);
	EXPECT_EQ(0, sim_wait_status(self->sim, self->fxo, co_state,
				     TAPI_SIM_CO_IDLE, 3 * EVENT_TIMEOUT_MS));
	EXPECT_EQ(-EAGAIN, ev_get(self->fxo_fd, &ev));
}

TEST_F(line, fxo_polarity_pulse_when_the_far_end_hangs_up)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	uint32_t skip = TAPI_EV_MASK(TAPI_EV_RING);

	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CO_RING, self->fxo, 0));
	ASSERT_EQ(0, ev_wait_type(self->fxo_fd, TAPI_EV_RING, 0,
				  EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, set_u32(self->fxo_fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_CO_HANGUP, self->fxo, 0));
	ASSERT_EQ(0, ev_wait_type(self->fxo_fd, TAPI_EV_POLARITY, skip,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_POLARITY, ev.type);
	EXPECT_EQ(1, ev.value);
	ASSERT_EQ(0, ev_wait_type(self->fxo_fd, TAPI_EV_POLARITY, skip,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_POLARITY, ev.type);
	EXPECT_EQ(0, ev.value);
	ASSERT_EQ(0, chan_info(self->fxo_fd, &info));
	EXPECT_EQ(0, info.polarity);
}

TEST_HARNESS_MAIN
