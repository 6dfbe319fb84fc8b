// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Callback mode: one thread per application that takes messages from its
 * queue and calls the application's LINECALLBACK with each, in order.
 *
 * This stands in for Windows' hidden window: the callback never runs on
 * two threads at once for one hLineApp, and it may call TAPI, including
 * lineShutdown of its own hLineApp (the thread then detaches itself and
 * ends when the callback returns).  The thread holds a reference on its
 * owner so the queue outlives it however the application shuts down.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "private.h"

static void *dispatch_main(void *arg)
{
	struct tapi_dispatcher *d = arg;
	struct tapi_object *owner = d->owner;
	LINEMESSAGE m;

	while (tapi_msgq_get(d->queue, &m, INFINITE) == 0)
		d->callback(m.hDevice, m.dwMessageID, m.dwCallbackInstance,
			    m.dwParam1, m.dwParam2, m.dwParam3);
	/* May free *d: nothing below may touch it. */
	tapi_object_put(owner);
	return NULL;
}

/**
 * tapi_dispatcher_start() - start the callback thread
 * @d: the dispatcher, embedded in @owner
 * @q: the queue to drain
 * @callback: the application's callback
 * @owner: the object holding @d and @q; referenced until the thread ends
 *
 * The thread runs with every signal blocked so the application's signal
 * handling is not disturbed.
 *
 * Return: 0 or the negative errno of pthread_create().
 */
int tapi_dispatcher_start(struct tapi_dispatcher *d, struct tapi_msgq *q,
			  LINECALLBACK callback, struct tapi_object *owner)
{
	sigset_t all, old;
	int err;

	d->queue = q;
	d->callback = callback;
	d->owner = owner;
	tapi_object_get(owner);

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&d->thread, NULL, dispatch_main, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		tapi_object_put(owner);
		return -err;
	}
	pthread_setname_np(d->thread, "tapi-callback");
	d->running = true;
	return 0;
}

/**
 * tapi_dispatcher_is_current() - is the caller the callback thread
 * @d: the dispatcher
 *
 * Return: true when called from within the application's callback.
 */
bool tapi_dispatcher_is_current(const struct tapi_dispatcher *d)
{
	return d->running && pthread_equal(d->thread, pthread_self());
}

/**
 * tapi_dispatcher_stop() - end the callback thread
 * @d: the dispatcher; its queue must already be closed
 *
 * Waits for a callback in progress to return, unless called from that
 * callback, in which case the thread is detached and ends on its own.
 */
void tapi_dispatcher_stop(struct tapi_dispatcher *d)
{
	if (!d->running)
		return;
	if (tapi_dispatcher_is_current(d))
		pthread_detach(d->thread);
	else
		pthread_join(d->thread, NULL);
	d->running = false;
}
