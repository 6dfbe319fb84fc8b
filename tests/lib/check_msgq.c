// SPDX-License-Identifier: LGPL-2.1-or-later
/* msgq.c and dispatch.c: message queues, eventfd, callback thread. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "check_libtapi.h"

static LINEMESSAGE msg(DWORD id, DWORD_PTR p1)
{
	LINEMESSAGE m = { .hDevice = 0x1234, .dwMessageID = id,
			  .dwParam1 = p1 };
	return m;
}

static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

START_TEST(test_msgq_fifo_order_and_growth)
{
	struct tapi_msgq q;
	LINEMESSAGE m;

	ck_assert_int_eq(tapi_msgq_init(&q, false), 0);
	for (DWORD i = 0; i < 1000; i++) {
		LINEMESSAGE in = msg(LINE_CALLSTATE, i);

		ck_assert_int_eq(tapi_msgq_post(&q, &in), 0);
		if (i % 3 == 0) {	/* interleave, so the ring wraps */
			ck_assert_int_eq(tapi_msgq_get(&q, &m, 0), 0);
			ck_assert_uint_eq(m.dwParam1, i / 3);
		}
	}
	for (DWORD i = 334; i < 1000; i++) {
		ck_assert_int_eq(tapi_msgq_get(&q, &m, 0), 0);
		ck_assert_uint_eq(m.dwParam1, i);
		ck_assert_uint_eq(m.hDevice, 0x1234);
	}
	ck_assert_uint_eq(tapi_msgq_count(&q), 0);
	tapi_msgq_destroy(&q);
}
END_TEST

START_TEST(test_msgq_timeouts)
{
	struct tapi_msgq q;
	LINEMESSAGE m;

	ck_assert_int_eq(tapi_msgq_init(&q, false), 0);
	ck_assert_int_eq(tapi_msgq_get(&q, &m, 0), -EAGAIN);
	ck_assert_int_eq(tapi_msgq_get(&q, &m, 30), -ETIMEDOUT);
	m = msg(LINE_REPLY, 5);
	tapi_msgq_post(&q, &m);
	memset(&m, 0, sizeof(m));
	ck_assert_int_eq(tapi_msgq_get(&q, &m, 30), 0);
	ck_assert_uint_eq(m.dwMessageID, LINE_REPLY);
	tapi_msgq_destroy(&q);
}
END_TEST

struct delayed_post {
	struct tapi_msgq *q;
	int delay_ms;
	bool close_instead;
};

static void *poster(void *arg)
{
	struct delayed_post *d = arg;
	LINEMESSAGE m = msg(LINE_LINEDEVSTATE, 99);

	usleep(d->delay_ms * 1000);
	if (d->close_instead)
		tapi_msgq_close(d->q);
	else
		tapi_msgq_post(d->q, &m);
	return NULL;
}

START_TEST(test_msgq_infinite_wait_gets_later_post)
{
	struct tapi_msgq q;
	struct delayed_post d = { .q = &q, .delay_ms = 50 };
	pthread_t th;
	LINEMESSAGE m;

	ck_assert_int_eq(tapi_msgq_init(&q, false), 0);
	pthread_create(&th, NULL, poster, &d);
	ck_assert_int_eq(tapi_msgq_get(&q, &m, INFINITE), 0);
	ck_assert_uint_eq(m.dwParam1, 99);
	pthread_join(th, NULL);
	tapi_msgq_destroy(&q);
}
END_TEST

START_TEST(test_msgq_close_wakes_waiter)
{
	struct tapi_msgq q;
	struct delayed_post d = { .q = &q, .delay_ms = 50,
				  .close_instead = true };
	pthread_t th;
	LINEMESSAGE m = msg(1, 1);

	ck_assert_int_eq(tapi_msgq_init(&q, true), 0);
	pthread_create(&th, NULL, poster, &d);
	ck_assert_int_eq(tapi_msgq_get(&q, &m, INFINITE), -ESHUTDOWN);
	pthread_join(th, NULL);
	ck_assert_int_eq(tapi_msgq_post(&q, &m), -ESHUTDOWN);
	ck_assert(readable(q.event_fd));	/* pollers wake too */
	tapi_msgq_destroy(&q);
}
END_TEST

START_TEST(test_msgq_event_fd_level)
{
	struct tapi_msgq q;
	LINEMESSAGE m = msg(2, 2);

	ck_assert_int_eq(tapi_msgq_init(&q, true), 0);
	ck_assert_int_ge(q.event_fd, 0);
	ck_assert(!readable(q.event_fd));
	tapi_msgq_post(&q, &m);
	ck_assert(readable(q.event_fd));
	tapi_msgq_post(&q, &m);
	ck_assert_int_eq(tapi_msgq_get(&q, &m, 0), 0);
	ck_assert(readable(q.event_fd));	/* one still queued */
	ck_assert_int_eq(tapi_msgq_get(&q, &m, 0), 0);
	ck_assert(!readable(q.event_fd));
	tapi_msgq_destroy(&q);
}
END_TEST

START_TEST(test_msgq_no_event_fd_in_callback_mode)
{
	struct tapi_msgq q;

	ck_assert_int_eq(tapi_msgq_init(&q, false), 0);
	ck_assert_int_eq(q.event_fd, -1);
	tapi_msgq_destroy(&q);
}
END_TEST

START_TEST(test_msgq_full_drops_and_counts)
{
	struct tapi_msgq q;
	LINEMESSAGE m = msg(3, 3);

	ck_assert_int_eq(tapi_msgq_init(&q, false), 0);
	for (int i = 0; i < TAPI_MSGQ_MAX; i++)
		ck_assert_int_eq(tapi_msgq_post(&q, &m), 0);
	ck_assert_int_eq(tapi_msgq_post(&q, &m), -ENOBUFS);
	ck_assert_uint_eq(q.dropped, 1);
	ck_assert_int_eq(tapi_msgq_get(&q, &m, 0), 0);
	ck_assert_int_eq(tapi_msgq_post(&q, &m), 0);	/* room again */
	tapi_msgq_destroy(&q);
}
END_TEST

/* The callback thread. */

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int n;
	DWORD_PTR seen[8];
	pthread_t thread;
} cb = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
};

static void record(DWORD dev, DWORD id, DWORD_PTR inst, DWORD_PTR p1,
		   DWORD_PTR p2, DWORD_PTR p3)
{
	pthread_mutex_lock(&cb.lock);
	if (cb.n < 8)
		cb.seen[cb.n] = p1;
	cb.n++;
	cb.thread = pthread_self();
	pthread_cond_broadcast(&cb.cond);
	pthread_mutex_unlock(&cb.lock);
}

static int released;

static void owner_release(struct tapi_object *o)
{
	released++;
}

START_TEST(test_msgq_dispatcher_runs_callback_in_order)
{
	struct tapi_object owner;
	struct tapi_dispatcher d = { 0 };
	struct tapi_msgq q;

	tapi_object_init(&owner, owner_release);
	ck_assert_int_eq(tapi_msgq_init(&q, false), 0);
	ck_assert_int_eq(tapi_dispatcher_start(&d, &q, record, &owner), 0);
	ck_assert(!tapi_dispatcher_is_current(&d));
	for (DWORD_PTR i = 1; i <= 5; i++) {
		LINEMESSAGE m = msg(LINE_CALLSTATE, i);

		tapi_msgq_post(&q, &m);
	}
	pthread_mutex_lock(&cb.lock);
	while (cb.n < 5)
		pthread_cond_wait(&cb.cond, &cb.lock);
	pthread_mutex_unlock(&cb.lock);
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(cb.seen[i], (DWORD_PTR)i + 1);
	ck_assert(!pthread_equal(cb.thread, pthread_self()));

	tapi_msgq_close(&q);
	tapi_dispatcher_stop(&d);
	ck_assert_int_eq(released, 0);	/* the thread's ref is gone... */
	tapi_object_put(&owner);	/* ...ours is the last */
	ck_assert_int_eq(released, 1);
	tapi_msgq_destroy(&q);
}
END_TEST

Suite *msgq_suite(void)
{
	Suite *s = suite_create("msgq");

	ADD_TEST(s, test_msgq_fifo_order_and_growth);
	ADD_TEST(s, test_msgq_timeouts);
	ADD_TEST(s, test_msgq_infinite_wait_gets_later_post);
	ADD_TEST(s, test_msgq_close_wakes_waiter);
	ADD_TEST(s, test_msgq_event_fd_level);
	ADD_TEST(s, test_msgq_no_event_fd_in_callback_mode);
	ADD_TEST(s, test_msgq_full_drops_and_counts);
	ADD_TEST(s, test_msgq_dispatcher_runs_callback_in_order);
	return s;
}
