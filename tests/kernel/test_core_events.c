// SPDX-License-Identifier: GPL-2.0
/*
 * test_core_events - the per-file event queues of tapi_core: sequence
 * numbers and timestamps, every open file getting every event, the event
 * mask, GET_EVENT never blocking, poll() waking with POLLPRI, and a full
 * queue reporting exactly how many events it lost.
 *
 * RING_START / RING_STOP on an FXS port make one event each at once
 * (TAPI_EV_RING 1 and 0), which makes event counts exact.
 */
#include <pthread.h>

#include "kselftest_harness.h"
#include "test_core_util.h"

/* The queue length tapi_core documents (kernel/core/core.h). */
#define QUEUE_LEN 128

static const uint16_t long_cadence[] = { 10000, 10000 };

FIXTURE(events) {
	int sim;
	struct tapi_sim_card card;
	unsigned int fxs;
	int fd;
};

FIXTURE_SETUP(events)
{
	self->fd = -1;
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 1, 1, &self->card));
	self->fxs = self->card.first_channel;
	self->fd = chan_open(self->fxs, 0);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(events)
{
	if (self->fd >= 0)
		close(self->fd);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

/* @n ring bursts started and stopped: 2 * @n events. */
static int ring_pulses(int fd, int n)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		ret = ring_start(fd, 0, 2, long_cadence);
		if (ret)
			return ret;
		ret = xioctl(fd, TAPI_IOC_RING_STOP, NULL);
		if (ret)
			return ret;
	}
	return 0;
}

TEST_F(events, get_event_on_empty_queue_is_eagain_at_once)
{
	struct tapi_event ev;
	int64_t start = now_ms();
	int i;

	for (i = 0; i < 100; i++)
		ASSERT_EQ(-EAGAIN, ev_get(self->fd, &ev));
	/* 100 calls that never block take nowhere near a second. */
	EXPECT_GT(start + 1000 * 100, now_ms());
	EXPECT_EQ(0, ev.type);
}

TEST_F(events, seq_counts_from_one_and_timestamps_are_monotonic)
{
	struct tapi_event ev;
	uint64_t before = now_ns(), last = 0, after;
	uint32_t seq;

	ASSERT_EQ(0, ring_pulses(self->fd, 5));
	after = now_ns();
	for (seq = 1; seq <= 10; seq++) {
		ASSERT_EQ(0, ev_get(self->fd, &ev));
		EXPECT_EQ(seq, ev.seq);
		EXPECT_EQ(TAPI_EV_RING, ev.type);
		EXPECT_EQ(seq % 2, ev.value);
		EXPECT_LE(before, ev.timestamp_ns);
		EXPECT_GE(after, ev.timestamp_ns);
		EXPECT_LE(last, ev.timestamp_ns);
		last = ev.timestamp_ns;
	}
	EXPECT_EQ(-EAGAIN, ev_get(self->fd, &ev));
}

TEST_F(events, every_open_file_gets_every_event)
{
	struct tapi_event ev1, ev2;
	int fd2 = chan_open(self->fxs, 0);
	int fd3 = chan_open(self->fxs, O_NONBLOCK);

	ASSERT_LE(0, fd2);
	ASSERT_LE(0, fd3);
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	ASSERT_EQ(0, ev_wait(self->fd, EVENT_TIMEOUT_MS, &ev1));
	ASSERT_EQ(0, ev_wait(fd2, EVENT_TIMEOUT_MS, &ev2));
	EXPECT_EQ(TAPI_EV_HOOK, ev1.type);
	EXPECT_EQ(TAPI_HOOK_OFF, ev1.value);
	EXPECT_EQ(ev1.type, ev2.type);
	EXPECT_EQ(ev1.value, ev2.value);
	EXPECT_EQ(ev1.timestamp_ns, ev2.timestamp_ns);
	EXPECT_EQ(1, ev1.seq);
	EXPECT_EQ(1, ev2.seq);
	/* Each file pops its own copy. */
	ASSERT_EQ(0, ev_get(fd3, &ev2));
	EXPECT_EQ(TAPI_EV_HOOK, ev2.type);
	EXPECT_EQ(-EAGAIN, ev_get(fd3, &ev2));
	/* A file opened later does not see what happened before. */
	close(fd3);
	fd3 = chan_open(self->fxs, 0);
	ASSERT_LE(0, fd3);
	EXPECT_EQ(-EAGAIN, ev_get(fd3, &ev2));
	close(fd2);
	close(fd3);
}

TEST_F(events, mask_filters_per_file)
{
	struct tapi_event ev;
	int fd2 = chan_open(self->fxs, 0);

	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, set_u32(self->fd, TAPI_IOC_SET_EVENT_MASK,
			     TAPI_EV_MASK(TAPI_EV_HOOK)));
	ASSERT_EQ(0, ring_pulses(self->fd, 2));
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	/* This file wanted only the hook ... */
	ASSERT_EQ(0, ev_wait(self->fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(1, ev.seq);
	EXPECT_EQ(-EAGAIN, ev_get(self->fd, &ev));
	/* ... the other one gets everything. */
	EXPECT_EQ(5, ev_drain(fd2));

	/* An empty mask: nothing at all. */
	ASSERT_EQ(0, set_u32(self->fd, TAPI_IOC_SET_EVENT_MASK, 0));
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_FLASH, self->fxs, 0));
	ASSERT_EQ(0, ev_wait(fd2, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_FLASH, ev.type);
	EXPECT_EQ(-EAGAIN, ev_get(self->fd, &ev));
	close(fd2);
}

/*
 * More events than the queue holds: the first QUEUE_LEN stay, the rest
 * are counted, and as soon as one is popped TAPI_EV_OVERFLOW says how
 * many were lost, with the next sequence number.
 */
TEST_F(events, overflow_reports_the_exact_number_lost)
{
	const int pulses = 100, total = 2 * pulses;
	const int lost = total - QUEUE_LEN;
	struct tapi_event ev;
	int i;

	ASSERT_EQ(0, ring_pulses(self->fd, pulses));
	for (i = 1; i <= QUEUE_LEN; i++) {
		ASSERT_EQ(0, ev_get(self->fd, &ev));
		ASSERT_EQ(i, ev.seq);
		ASSERT_EQ(TAPI_EV_RING, ev.type);
		ASSERT_EQ(i % 2, ev.value);
	}
	ASSERT_EQ(0, ev_get(self->fd, &ev));
	EXPECT_EQ(TAPI_EV_OVERFLOW, ev.type);
	EXPECT_EQ(lost, ev.value);
	EXPECT_EQ(QUEUE_LEN + 1, ev.seq);
	EXPECT_EQ(-EAGAIN, ev_get(self->fd, &ev));

	/* Events after the overflow come normally again. */
	ASSERT_EQ(0, ring_pulses(self->fd, 1));
	ASSERT_EQ(0, ev_get(self->fd, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(QUEUE_LEN + 2, ev.seq);
}

/* The overflow report takes the first free slot, before newer events. */
TEST_F(events, overflow_report_comes_before_later_events)
{
	struct tapi_event ev;
	int i;

	ASSERT_EQ(0, ring_pulses(self->fd, QUEUE_LEN / 2 + 3));	/* 6 lost */
	ASSERT_EQ(0, ev_get(self->fd, &ev));			/* room for 1 */
	EXPECT_EQ(1, ev.seq);
	ASSERT_EQ(0, ring_pulses(self->fd, 1));			/* 2 more lost */
	for (i = 2; i <= QUEUE_LEN; i++)
		ASSERT_EQ(0, ev_get(self->fd, &ev));
	ASSERT_EQ(0, ev_get(self->fd, &ev));
	EXPECT_EQ(TAPI_EV_OVERFLOW, ev.type);
	EXPECT_EQ(6, ev.value);
	/*
	 * The first report filled the slot the first pop freed, so the two
	 * pulses after it were lost as well; their report took the slot the
	 * next pop freed.
	 */
	ASSERT_EQ(0, ev_get(self->fd, &ev));
	EXPECT_EQ(TAPI_EV_OVERFLOW, ev.type);
	EXPECT_EQ(2, ev.value);
	EXPECT_EQ(-EAGAIN, ev_get(self->fd, &ev));
}

/* OVERFLOW cannot be masked off: losses are always reported. */
TEST_F(events, overflow_is_reported_whatever_the_mask)
{
	struct tapi_event ev;

	ASSERT_EQ(0, set_u32(self->fd, TAPI_IOC_SET_EVENT_MASK,
			     TAPI_EV_MASK(TAPI_EV_RING)));
	ASSERT_EQ(0, ring_pulses(self->fd, QUEUE_LEN / 2 + 1));
	ASSERT_EQ(QUEUE_LEN + 1, ev_drain(self->fd));
	ASSERT_EQ(0, set_u32(self->fd, TAPI_IOC_SET_EVENT_MASK, 0));
	/* Masked events are not queued, so none is lost either. */
	ASSERT_EQ(0, ring_pulses(self->fd, QUEUE_LEN));
	EXPECT_EQ(-EAGAIN, ev_get(self->fd, &ev));
}

struct poller {
	int fd;
	int timeout_ms;
	int ret;
	short revents;
	int64_t woke_ms;
};

static void *poll_thread(void *arg)
{
	struct poller *p = arg;
	struct pollfd pfd = { .fd = p->fd, .events = POLLPRI };

	p->ret = poll(&pfd, 1, p->timeout_ms);
	p->revents = pfd.revents;
	p->woke_ms = now_ms();
	return NULL;
}

TEST_F(events, poll_wakes_with_pollpri_on_an_event)
{
	struct pollfd pfd = { .fd = self->fd, .events = POLLPRI | POLLIN };
	struct poller p = { .fd = self->fd, .timeout_ms = 20000 };
	struct tapi_event ev;
	pthread_t thread;
	int64_t sent;

	/* Nothing queued: nothing to report. */
	EXPECT_EQ(0, poll(&pfd, 1, 0));

	ASSERT_EQ(0, pthread_create(&thread, NULL, poll_thread, &p));
	sleep_ms(200);	/* let it sleep in poll(); correctness does not depend on it */
	sent = now_ms();
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	EXPECT_EQ(1, p.ret);
	EXPECT_EQ(POLLPRI, p.revents);
	/* It woke because of the event, not its 20 s timeout. */
	EXPECT_GT(sent + 15000, p.woke_ms);

	EXPECT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLPRI, pfd.revents);
	ASSERT_EQ(0, ev_get(self->fd, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(0, poll(&pfd, 1, 0));
}

/* An event made by a thread of the same process from an ioctl. */
static void *ring_thread(void *arg)
{
	int fd = *(int *)arg;

	sleep_ms(100);
	ring_start(fd, 0, 2, long_cadence);
	return NULL;
}

TEST_F(events, poll_wakes_on_an_event_from_another_thread)
{
	struct pollfd pfd = { .fd = self->fd, .events = POLLPRI };
	struct tapi_event ev;
	pthread_t thread;
	int fd2 = chan_open(self->fxs, 0);

	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, pthread_create(&thread, NULL, ring_thread, &fd2));
	EXPECT_EQ(1, poll(&pfd, 1, 20000));
	EXPECT_EQ(POLLPRI, pfd.revents);
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_EQ(0, ev_get(self->fd, &ev));
	EXPECT_EQ(TAPI_EV_RING, ev.type);
	EXPECT_EQ(1, ev.value);
	EXPECT_EQ(0, xioctl(fd2, TAPI_IOC_RING_STOP, NULL));
	close(fd2);
}

TEST_HARNESS_MAIN
