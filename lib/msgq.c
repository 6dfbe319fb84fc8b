// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * An application's message queue: LINEMESSAGEs in the order they were
 * posted, fetched by lineGetMessage (event mode) or by the callback
 * thread (callback mode).
 *
 * In event mode the queue owns an eventfd that polls readable exactly
 * while messages are queued, like the Windows event TAPI sets and resets:
 * it is written when the queue goes from empty to non-empty and drained
 * when the last message is taken.  Closing the queue (lineShutdown) wakes
 * every waiter, and makes the eventfd readable so pollers wake as well.
 */
#include <errno.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "private.h"

#define MSGQ_INITIAL_CAP 16

static void event_set(struct tapi_msgq *q)
{
	uint64_t one = 1;

	if (q->event_fd >= 0 && write(q->event_fd, &one, sizeof(one)) < 0) {
		/* EAGAIN only: the counter is already non-zero */
	}
}

static void event_reset(struct tapi_msgq *q)
{
	uint64_t v;

	if (q->event_fd >= 0 && read(q->event_fd, &v, sizeof(v)) < 0) {
		/* EAGAIN only: it was not set */
	}
}

/**
 * tapi_msgq_init() - set up an empty queue
 * @q: the queue
 * @with_event_fd: create the eventfd of event mode
 *
 * Return: 0, -ENOMEM, or the errno of eventfd().
 */
int tapi_msgq_init(struct tapi_msgq *q, bool with_event_fd)
{
	pthread_condattr_t attr;

	memset(q, 0, sizeof(*q));
	q->event_fd = -1;
	q->ring = calloc(MSGQ_INITIAL_CAP, sizeof(*q->ring));
	if (!q->ring)
		return -ENOMEM;
	q->cap = MSGQ_INITIAL_CAP;
	if (with_event_fd) {
		q->event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (q->event_fd < 0) {
			int err = -errno;

			free(q->ring);
			return err;
		}
	}
	pthread_mutex_init(&q->lock, NULL);
	/* Timeouts must not jump with the wall clock. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&q->cond, &attr);
	pthread_condattr_destroy(&attr);
	return 0;
}

/**
 * tapi_msgq_destroy() - free the queue and close its eventfd
 * @q: the queue; nobody may wait on it any more
 */
void tapi_msgq_destroy(struct tapi_msgq *q)
{
	if (q->event_fd >= 0)
		close(q->event_fd);
	free(q->ring);
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
	q->ring = NULL;
	q->event_fd = -1;
}

/* Double the ring, unwrapping it; called with q->lock held. */
static int grow(struct tapi_msgq *q)
{
	size_t cap = q->cap * 2;
	LINEMESSAGE *ring;

	if (q->cap >= TAPI_MSGQ_MAX)
		return -ENOBUFS;
	ring = malloc(cap * sizeof(*ring));
	if (!ring)
		return -ENOMEM;
	for (size_t i = 0; i < q->count; i++)
		ring[i] = q->ring[(q->head + i) & (q->cap - 1)];
	free(q->ring);
	q->ring = ring;
	q->cap = cap;
	q->head = 0;
	return 0;
}

/**
 * tapi_msgq_post() - queue a message
 * @q: the queue
 * @msg: the message, copied
 *
 * Return: 0; -ESHUTDOWN once the queue is closed; -ENOBUFS when
 * TAPI_MSGQ_MAX messages wait (the message is dropped and counted);
 * -ENOMEM.
 */
int tapi_msgq_post(struct tapi_msgq *q, const LINEMESSAGE *msg)
{
	int err = 0;

	pthread_mutex_lock(&q->lock);
	if (q->closed) {
		err = -ESHUTDOWN;
		goto out;
	}
	if (q->count == q->cap) {
		err = grow(q);
		if (err) {
			q->dropped++;
			goto out;
		}
	}
	q->ring[(q->head + q->count) & (q->cap - 1)] = *msg;
	if (q->count++ == 0)
		event_set(q);
	pthread_cond_signal(&q->cond);
out:
	pthread_mutex_unlock(&q->lock);
	return err;
}

static void deadline_after(struct timespec *ts, DWORD ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/**
 * tapi_msgq_get() - take the oldest message, waiting for one
 * @q: the queue
 * @msg: out: the message
 * @timeout_ms: 0 to poll, INFINITE to wait for ever, else milliseconds
 *
 * Return: 0; -EAGAIN (timeout 0) or -ETIMEDOUT when no message came;
 * -ESHUTDOWN when the queue is or gets closed (queued messages are then
 * discarded).
 */
int tapi_msgq_get(struct tapi_msgq *q, LINEMESSAGE *msg, DWORD timeout_ms)
{
	struct timespec deadline;
	int err = 0;

	if (timeout_ms != 0 && timeout_ms != INFINITE)
		deadline_after(&deadline, timeout_ms);

	pthread_mutex_lock(&q->lock);
	while (!q->count && !q->closed) {
		if (timeout_ms == 0) {
			err = -EAGAIN;
			goto out;
		}
		if (timeout_ms == INFINITE) {
			pthread_cond_wait(&q->cond, &q->lock);
		} else if (pthread_cond_timedwait(&q->cond, &q->lock,
						  &deadline) == ETIMEDOUT &&
			   !q->count && !q->closed) {
			err = -ETIMEDOUT;
			goto out;
		}
	}
	if (q->closed) {
		err = -ESHUTDOWN;
		goto out;
	}
	*msg = q->ring[q->head];
	q->head = (q->head + 1) & (q->cap - 1);
	if (--q->count == 0)
		event_reset(q);
out:
	pthread_mutex_unlock(&q->lock);
	return err;
}

/**
 * tapi_msgq_close() - refuse new messages and wake every waiter
 * @q: the queue
 *
 * Waiters in tapi_msgq_get() return -ESHUTDOWN; the eventfd is left
 * readable so a thread polling it wakes and learns the same.
 */
void tapi_msgq_close(struct tapi_msgq *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	event_set(q);
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

/**
 * tapi_msgq_count() - messages waiting
 * @q: the queue
 *
 * Return: how many messages are queued.
 */
size_t tapi_msgq_count(struct tapi_msgq *q)
{
	size_t n;

	pthread_mutex_lock(&q->lock);
	n = q->count;
	pthread_mutex_unlock(&q->lock);
	return n;
}
