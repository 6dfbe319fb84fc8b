// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The engine thread: one per process while an application is
 * initialized.  It waits in poll() on
 *   - a wake-up eventfd (API functions queued messages or armed timers),
 *   - the netlink monitor (cards and channels come and go; channel events
 *     of lines this process cannot open for control),
 *   - the handoff socket (other processes hand calls to our apps),
 *   - the proxy relay (call-center requests, answers, messages),
 *   - every open channel's descriptor (POLLPRI: an event is queued),
 * with the nearest timer as timeout, and turns what it reads into state
 * changes and messages.  Messages go through the outbox (see engine.h),
 * which this thread empties after each round.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "proxy.h"

struct outbox_entry {
	struct tapi_app *app;		/* referenced */
	LINEMESSAGE msg;
};

static struct {
	pthread_mutex_t lock;		/* the engine lock */
	pthread_mutex_t start_lock;	/* serialises start/stop */
	pthread_mutex_t flush_lock;	/* keeps outbox batches in order */
	unsigned int users;		/* (start_lock) started minus stopped */
	pthread_t thread;
	bool running;			/* (start_lock) */
	bool stop;			/* (E) */
	int wake_fd;
	struct tapi_nl_monitor *monitor;	/* engine thread only */
	bool refresh_due;		/* (E) the device list changed */
	struct tapi_timer *timers;	/* (E) armed, by deadline */
	struct outbox_entry *outbox;	/* (E) */
	size_t outbox_count, outbox_cap;	/* (E) */
	bool outbox_failed;		/* (E) a message was lost to ENOMEM */
} engine = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.start_lock = PTHREAD_MUTEX_INITIALIZER,
	.flush_lock = PTHREAD_MUTEX_INITIALIZER,
	.wake_fd = -1,
};

static __thread bool on_engine_thread;
static __thread bool engine_locked;

/**
 * tapi_debug() - a line of diagnostics on stderr when $TAPI_DEBUG is set
 * @fmt: printf format
 *
 * For users chasing a problem: what the engine reads from the kernel
 * and what it tells the applications.
 */
void tapi_debug(const char *fmt, ...)
{
	static int enabled = -1;
	va_list ap;

	if (enabled < 0)
		enabled = getenv("TAPI_DEBUG") && *getenv("TAPI_DEBUG");
	if (!enabled)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "libtapi[%d] %llu: ", (int)getpid(),
		(unsigned long long)tapi_now_ms());
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/**
 * tapi_engine_lock() - take the engine lock
 */
void tapi_engine_lock(void)
{
	pthread_mutex_lock(&engine.lock);
	engine_locked = true;
}

/**
 * tapi_engine_unlock() - release the engine lock
 *
 * Wakes the engine thread when messages wait in the outbox.
 */
void tapi_engine_unlock(void)
{
	bool wake = engine.outbox_count && !on_engine_thread;

	engine_locked = false;
	pthread_mutex_unlock(&engine.lock);
	if (wake)
		tapi_engine_wake();
}

/**
 * tapi_engine_assert_locked() - abort when the caller lacks the lock
 *
 * A programming error in the library, never the application's.
 */
void tapi_engine_assert_locked(void)
{
	if (!engine_locked)
		abort();
}

/**
 * tapi_engine_hears_events() - do channel events reach us by netlink
 *
 * Engine lock held.
 *
 * Return: true when the engine's netlink monitor joined the "events"
 * group (CAP_NET_ADMIN), so lines can be followed without their device.
 */
bool tapi_engine_hears_events(void)
{
	return engine.monitor && tapi_nl_monitor_hears_events(engine.monitor);
}

/**
 * tapi_engine_wake() - make the engine thread run a round
 */
void tapi_engine_wake(void)
{
	uint64_t one = 1;

	if (engine.wake_fd >= 0 &&
	    write(engine.wake_fd, &one, sizeof(one)) < 0) {
		/* EAGAIN: already woken */
	}
}

/**
 * tapi_now_ms() - CLOCK_MONOTONIC in milliseconds
 *
 * Return: milliseconds since an arbitrary point, never decreasing.
 */
uint64_t tapi_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/**
 * tapi_tick_count() - the "tick count" of TAPI messages (dwParam3)
 *
 * Return: tapi_now_ms() truncated to 32 bits, like GetTickCount().
 */
DWORD tapi_tick_count(void)
{
	return (DWORD)tapi_now_ms();
}

/**
 * tapi_timer_init() - prepare an unarmed timer
 * @t: the timer
 * @fn: what to do at its deadline; runs on the engine thread with the
 *	engine lock held, after the timer was disarmed
 */
void tapi_timer_init(struct tapi_timer *t, void (*fn)(struct tapi_timer *t))
{
	memset(t, 0, sizeof(*t));
	t->fn = fn;
}

/**
 * tapi_timer_cancel() - disarm a timer; harmless when it is not armed
 * @t: the timer
 *
 * Engine lock held.
 */
void tapi_timer_cancel(struct tapi_timer *t)
{
	struct tapi_timer **pp;

	if (!t->armed)
		return;
	for (pp = &engine.timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->armed = false;
	t->next = NULL;
}

/**
 * tapi_timer_arm() - (re)arm a timer
 * @t: the timer
 * @deadline_ms: when, on the tapi_now_ms() clock
 *
 * Engine lock held.
 */
void tapi_timer_arm(struct tapi_timer *t, uint64_t deadline_ms)
{
	struct tapi_timer **pp;

	tapi_timer_cancel(t);
	t->deadline_ms = deadline_ms;
	for (pp = &engine.timers; *pp && (*pp)->deadline_ms <= deadline_ms;
	     pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	t->armed = true;
	if (!on_engine_thread && engine.timers == t)
		tapi_engine_wake();	/* the thread sleeps too long */
}

/**
 * tapi_timers_run() - fire the timers whose deadline passed
 * @now_ms: the time
 *
 * Engine lock held.
 *
 * Return: ms until the next deadline, or -1 when no timer is armed.
 */
int tapi_timers_run(uint64_t now_ms)
{
	while (engine.timers && engine.timers->deadline_ms <= now_ms) {
		struct tapi_timer *t = engine.timers;

		engine.timers = t->next;
		t->next = NULL;
		t->armed = false;
		t->fn(t);
	}
	if (!engine.timers)
		return -1;
	if (engine.timers->deadline_ms - now_ms > 60000)
		return 60000;
	return (int)(engine.timers->deadline_ms - now_ms);
}

/**
 * tapi_post() - queue a message for an application
 * @app: the application
 * @device: hDevice
 * @message: LINE_ message
 * @instance: dwCallbackInstance
 * @p1: dwParam1
 * @p2: dwParam2
 * @p3: dwParam3
 *
 * Engine lock held.  The message reaches the application's queue when
 * the engine thread empties the outbox, after every message queued
 * before it.
 */
void tapi_post(struct tapi_app *app, DWORD device, DWORD message,
	       DWORD_PTR instance, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
	struct outbox_entry *e;

	if (engine.outbox_count == engine.outbox_cap) {
		size_t cap = engine.outbox_cap ? engine.outbox_cap * 2 : 32;

		e = realloc(engine.outbox, cap * sizeof(*e));
		if (!e) {
			engine.outbox_failed = true;
			return;
		}
		engine.outbox = e;
		engine.outbox_cap = cap;
	}
	tapi_debug("post app 0x%x msg %u dev 0x%x p1 0x%lx p2 0x%lx p3 0x%lx",
		   app->handle, message, device, (unsigned long)p1,
		   (unsigned long)p2, (unsigned long)p3);
	e = &engine.outbox[engine.outbox_count++];
	tapi_object_get(&app->obj);
	e->app = app;
	e->msg = (LINEMESSAGE){
		.hDevice = device,
		.dwMessageID = message,
		.dwCallbackInstance = instance,
		.dwParam1 = p1,
		.dwParam2 = p2,
		.dwParam3 = p3,
	};
}

/**
 * tapi_post_reply() - queue LINE_REPLY for an asynchronous request
 * @app: the application that made it
 * @request_id: what the function returned
 * @result: 0 or a LINEERR_ value
 * @instance: dwCallbackInstance of the line concerned
 *
 * Engine lock held.
 */
void tapi_post_reply(struct tapi_app *app, LONG request_id, LONG result,
		     DWORD_PTR instance)
{
	if (request_id <= 0 || result > 0)
		return;
	tapi_post(app, 0, LINE_REPLY, instance, (DWORD_PTR)request_id,
		  (DWORD_PTR)(intptr_t)result, 0);
}

/**
 * tapi_outbox_flush() - deliver the queued messages, in order
 *
 * Called without the engine lock.  Messages to applications that shut
 * down meanwhile are dropped.
 */
void tapi_outbox_flush(void)
{
	struct outbox_entry *batch;
	size_t n;

	pthread_mutex_lock(&engine.flush_lock);
	pthread_mutex_lock(&engine.lock);
	batch = engine.outbox;
	n = engine.outbox_count;
	engine.outbox = NULL;
	engine.outbox_count = engine.outbox_cap = 0;
	pthread_mutex_unlock(&engine.lock);

	for (size_t i = 0; i < n; i++) {
		tapi_msgq_post(&batch[i].app->queue, &batch[i].msg);
		tapi_app_put(batch[i].app);
	}
	free(batch);
	pthread_mutex_unlock(&engine.flush_lock);
}

/* ---------------------------------------------------------------------- */
/* Devices coming and going                                                */

static void note_received(void *ctx, const struct tapi_nl_note *note)
{
	struct tapi_linedev *ld;

	switch (note->cmd) {
	case TAPI_CMD_CARD_NEW:
	case TAPI_CMD_CARD_DEL:
	case TAPI_CMD_CHANNEL_NEW:
	case TAPI_CMD_CHANNEL_DEL:
		engine.refresh_due = true;
		if (note->cmd != TAPI_CMD_CHANNEL_DEL || !note->has_channel)
			break;
		ld = tapi_linedev_find_channel(note->channel);
		if (ld)
			tapi_linedev_removed(ld);
		break;
	case TAPI_CMD_EVENT:
		/* Lines we control hear events on their own descriptor. */
		ld = note->has_channel ?
		     tapi_linedev_find_channel(note->channel) : NULL;
		if (ld && !ld->chan && !ld->removed)
			tapi_linedev_event(ld, &note->event);
		break;
	case TAPI_CMD_CALL_STATE:
		ld = note->has_channel ?
		     tapi_linedev_find_channel(note->channel) : NULL;
		if (ld && !ld->chan && !ld->removed)
			tapi_linedev_kcall(ld, &note->call, note->call.state,
					   note->call.cause);
		break;
	default:
		break;
	}
}

/* Apps with a reference each, so they can be told without the table lock. */
static size_t collect_apps(struct tapi_app ***apps_out)
{
	size_t n = tapi_handle_count(&tapi_apps) + 8, got;
	struct tapi_object **objs = calloc(n, sizeof(*objs));

	*apps_out = (struct tapi_app **)objs;
	if (!objs)
		return 0;
	got = tapi_handle_collect(&tapi_apps, objs, n);
	for (size_t i = 0; i < got; i++)
		(*apps_out)[i] = (struct tapi_app *)((char *)objs[i] -
				 offsetof(struct tapi_app, obj));
	return got;
}

/*
 * Enumerate again and tell applications about line devices that came
 * (LINE_CREATE, TAPI 1.4) and went (LINE_REMOVE, TAPI 2.0).  Without the
 * engine lock: enumeration talks to the kernel.
 */
static void refresh_devices(void)
{
	uint32_t n_before, n_after;
	bool *before = NULL, *after = NULL;
	struct tapi_app **apps;
	size_t napps;

	n_before = tapi_registry_present(NULL, 0);
	before = calloc(n_before + 1, sizeof(*before));
	if (!before)
		return;
	tapi_registry_present(before, n_before);
	if (tapi_registry_refresh(&n_after))
		goto out;
	after = calloc(n_after + 1, sizeof(*after));
	if (!after)
		goto out;
	n_after = tapi_registry_present(after, n_after);

	napps = collect_apps(&apps);
	tapi_engine_lock();
	/* an administrator may have changed a number or a tone zone */
	for (struct tapi_linedev *ld = tapi_linedev_first(); ld; ld = ld->next) {
		struct tapi_dev_info info;

		if (!ld->removed && !tapi_registry_lookup(ld->device_id, &info) &&
		    info.channel == ld->info.channel) {
			memcpy(ld->info.number, info.number,
			       sizeof(info.number));
			memcpy(ld->info.tone_zone, info.tone_zone,
			       sizeof(info.tone_zone));
		}
	}
	for (uint32_t id = 0; id < n_after; id++) {
		bool was = id < n_before && before[id];

		if (was == after[id])
			continue;
		if (!after[id]) {
			for (struct tapi_linedev *ld = tapi_linedev_first(); ld;
			     ld = ld->next)
				if (ld->device_id == id)
					tapi_linedev_removed(ld);
		}
		for (size_t i = 0; i < napps; i++) {
			struct tapi_app *app = apps[i];

			if (after[id] && app->api_version >= TAPI_VERSION_1_4) {
				if (app->num_devs < id + 1)
					app->num_devs = id + 1;
				tapi_post(app, 0, LINE_CREATE, 0, id, 0, 0);
			} else if (!after[id] &&
				   app->api_version >= TAPI_VERSION_2_0) {
				tapi_post(app, 0, LINE_REMOVE, 0, id, 0, 0);
			}
		}
	}
	/* the stations among them are phones too */
	tapi_phones_devices_changed(before, n_before, after, n_after);
	tapi_engine_unlock();
	for (size_t i = 0; i < napps; i++)
		tapi_app_put(apps[i]);
	free(apps);
out:
	free(before);
	free(after);
}

/* ---------------------------------------------------------------------- */
/* The thread                                                              */

#define FIXED_FDS 4	/* wake, monitor, handoff socket, proxy relay */

static void *engine_main(void *arg)
{
	struct pollfd *pfd = NULL;
	struct tapi_linedev **lds = NULL;
	size_t cap = 0;

	(void)arg;
	on_engine_thread = true;
	for (;;) {
		size_t n = 0, nld = 0;
		int timeout;
		bool refresh, resync = false;

		tapi_engine_lock();
		if (engine.stop) {
			tapi_engine_unlock();
			break;
		}
		for (struct tapi_linedev *ld = tapi_linedev_first(); ld;
		     ld = ld->next)
			nld++;
		if (nld + FIXED_FDS > cap) {
			size_t c = nld + FIXED_FDS + 8;
			struct pollfd *p = realloc(pfd, c * sizeof(*p));
			struct tapi_linedev **l = p ?
				realloc(lds, c * sizeof(*l)) : NULL;

			if (p)
				pfd = p;
			if (l) {
				lds = l;
				cap = c;
			}
		}
		pfd[n++] = (struct pollfd){ .fd = engine.wake_fd,
					    .events = POLLIN };
		pfd[n++] = (struct pollfd){
			.fd = engine.monitor ?
			      tapi_nl_monitor_fd(engine.monitor) : -1,
			.events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = tapi_handoff_socket_fd(),
					    .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = tapi_proxy_relay_fd(),
					    .events = POLLIN };
		for (struct tapi_linedev *ld = tapi_linedev_first(); ld &&
		     n < cap; ld = ld->next) {
			if (!ld->chan || ld->chan->poll_fd < 0)
				continue;
			ld->refs++;
			lds[n] = ld;
			pfd[n++] = (struct pollfd){ .fd = ld->chan->poll_fd,
						    .events =
						    ld->chan->poll_events };
		}
		timeout = tapi_timers_run(tapi_now_ms());
		tapi_engine_unlock();

		tapi_outbox_flush();
		if (poll(pfd, n, timeout) < 0 && errno != EINTR)
			usleep(1000);	/* ENOMEM: do not spin */

		tapi_engine_lock();
		if (pfd[0].revents) {
			uint64_t v;

			if (read(engine.wake_fd, &v, sizeof(v)) < 0) {
				/* EAGAIN: someone else read it */
			}
		}
		if (pfd[1].revents && engine.monitor &&
		    tapi_nl_monitor_read(engine.monitor, note_received,
					 NULL) == -ENOBUFS) {
			/* Notifications were lost: ask for everything. */
			engine.refresh_due = true;
			resync = true;
		}
		if (pfd[2].revents)
			tapi_handoff_socket_read();
		if (pfd[3].revents)
			tapi_proxy_relay_read();
		for (size_t i = FIXED_FDS; i < n; i++) {
			if (pfd[i].revents && lds[i]->chan &&
			    lds[i]->chan->poll_fd == pfd[i].fd)
				tapi_linedev_drain(lds[i]);
			tapi_linedev_put(lds[i]);
		}
		if (resync)
			for (struct tapi_linedev *ld = tapi_linedev_first(); ld;
			     ld = ld->next)
				tapi_linedev_resync(ld);
		tapi_timers_run(tapi_now_ms());
		refresh = engine.refresh_due;
		engine.refresh_due = false;
		tapi_engine_unlock();
		if (refresh)
			refresh_devices();
	}
	free(pfd);
	free(lds);
	tapi_outbox_flush();
	return NULL;
}

/**
 * tapi_engine_start() - start the engine thread, or count one more user
 *
 * Called by lineInitializeEx; each successful call is matched by one
 * tapi_engine_stop().
 *
 * Return: 0 or a negative errno (no eventfd, no thread).
 */
int tapi_engine_start(void)
{
	sigset_t all, old;
	int err = 0;

	pthread_mutex_lock(&engine.start_lock);
	if (engine.users++) {
		pthread_mutex_unlock(&engine.start_lock);
		return 0;
	}
	engine.wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (engine.wake_fd < 0) {
		err = -errno;
		goto fail;
	}
	engine.stop = false;
	if (tapi_backend_get()->monitor_open &&
	    tapi_backend_get()->monitor_open(&engine.monitor))
		engine.monitor = NULL;	/* no netlink: no hotplug messages */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = -pthread_create(&engine.thread, NULL, engine_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		goto fail_thread;
	pthread_setname_np(engine.thread, "tapi-engine");
	engine.running = true;
	pthread_mutex_unlock(&engine.start_lock);
	return 0;

fail_thread:
	tapi_nl_monitor_close(engine.monitor);
	engine.monitor = NULL;
	close(engine.wake_fd);
	engine.wake_fd = -1;
fail:
	engine.users--;
	pthread_mutex_unlock(&engine.start_lock);
	return err;
}

/**
 * tapi_engine_stop() - one user less; the last one stops the thread
 *
 * Never called with the engine lock held, nor from the engine thread.
 */
void tapi_engine_stop(void)
{
	pthread_mutex_lock(&engine.start_lock);
	if (!engine.users || --engine.users) {
		pthread_mutex_unlock(&engine.start_lock);
		return;
	}
	tapi_engine_lock();
	engine.stop = true;
	tapi_engine_unlock();
	tapi_engine_wake();
	pthread_join(engine.thread, NULL);
	engine.running = false;
	tapi_nl_monitor_close(engine.monitor);
	engine.monitor = NULL;
	tapi_handoff_socket_close();
	tapi_proxy_relay_close();
	close(engine.wake_fd);
	engine.wake_fd = -1;
	pthread_mutex_unlock(&engine.start_lock);
}
