// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl: watching the event queues of several channels with poll(),
 * and printing events with their time.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "tapictl.h"

void tc_watch_init(struct tc_watch *w)
{
	memset(w, 0, sizeof(*w));
	w->start_ns = tc_now_ns();
}

/* Open a channel and watch all its events.  0, or -1 after printing why. */
int tc_watch_add(struct tc_watch *w, unsigned int channel)
{
	struct tapi_chan_info info;
	uint32_t mask = TAPI_EV_MASK_ALL;
	int fd;

	if (w->n == TC_WATCH_MAX)
		return tc_error("at most %d channels at once", TC_WATCH_MAX), -1;
	fd = tc_open_channel(channel);
	if (fd < 0)
		return -1;
	if (ioctl(fd, TAPI_IOC_GET_INFO, &info) ||
	    ioctl(fd, TAPI_IOC_SET_EVENT_MASK, &mask)) {
		tc_errno(errno, "channel %u", channel);
		close(fd);
		return -1;
	}
	w->fd[w->n] = fd;
	w->channel[w->n] = channel;
	snprintf(w->name[w->n], sizeof(w->name[w->n]), "%s", info.name);
	w->n++;
	return 0;
}

void tc_watch_close(struct tc_watch *w)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		close(w->fd[i]);
	w->n = 0;
}

/* Pop a queued event of channel index i: 1, 0 if none, -errno. */
static int tc_watch_pop(struct tc_watch *w, unsigned int i,
			struct tapi_event *ev)
{
	if (!ioctl(w->fd[i], TAPI_IOC_GET_EVENT, ev))
		return 1;
	return errno == EAGAIN ? 0 : -errno;
}

/*
 * Wait up to timeout_ms (negative: forever) for the next event of any
 * watched channel.  Returns 1 with *index and *ev set, 0 on timeout,
 * -EINTR when a signal arrived, another -errno on failure (printed).
 */
int tc_watch_next(struct tc_watch *w, int timeout_ms, unsigned int *index,
		  struct tapi_event *ev)
{
	uint64_t deadline = timeout_ms < 0 ? 0 :
			    tc_now_ns() + (uint64_t)timeout_ms * 1000000;
	struct pollfd pfd[TC_WATCH_MAX];
	unsigned int i;
	int ret, wait_ms;

	for (;;) {
		for (i = 0; i < w->n; i++) {
			ret = tc_watch_pop(w, i, ev);
			if (ret == 1) {
				*index = i;
				return 1;
			}
			if (ret < 0) {
				tc_errno(-ret, "channel %u: TAPI_IOC_GET_EVENT",
					 w->channel[i]);
				return ret;
			}
		}
		if (timeout_ms < 0) {
			wait_ms = -1;
		} else {
			uint64_t now = tc_now_ns();

			if (now >= deadline)
				return 0;
			wait_ms = (deadline - now + 999999) / 1000000;
		}
		for (i = 0; i < w->n; i++) {
			pfd[i].fd = w->fd[i];
			pfd[i].events = POLLPRI;
			pfd[i].revents = 0;
		}
		ret = poll(pfd, w->n, wait_ms);
		if (ret < 0) {
			if (errno == EINTR)
				return -EINTR;
			tc_errno(errno, "poll");
			return -errno;
		}
		for (i = 0; i < w->n; i++) {
			/* A removed channel is reported by its REMOVED event, then -ENODEV. */
			if ((pfd[i].revents & (POLLERR | POLLHUP | POLLNVAL)) &&
			    !(pfd[i].revents & POLLPRI)) {
				ret = tc_watch_pop(w, i, ev);
				if (ret == 1) {
					*index = i;
					return 1;
				}
				tc_error("channel %u is gone", w->channel[i]);
				return -ENODEV;
			}
		}
	}
}

void tc_event_describe(const struct tapi_event *ev, char *buf, size_t size)
{
	const char *name = tc_event_name(ev->type);
	char c = (char)ev->value;

	switch (ev->type) {
	case TAPI_EV_HOOK:
		snprintf(buf, size, "%s %s-hook", name, tc_hook_name(ev->value));
		break;
	case TAPI_EV_RING:
		snprintf(buf, size, "%s %s", name, ev->value ? "on" : "off");
		break;
	case TAPI_EV_DIGIT_START:
		snprintf(buf, size, "%s '%c'", name, c);
		break;
	case TAPI_EV_DIGIT_END:
		snprintf(buf, size, "%s '%c' (%u ms)", name, c,
			 ev->duration_ms);
		break;
	case TAPI_EV_KEY:
		if (ev->duration_ms)
			snprintf(buf, size, "%s '%c' released (%u ms)", name, c,
				 ev->duration_ms);
		else
			snprintf(buf, size, "%s '%c' pressed", name, c);
		break;
	case TAPI_EV_TONE:
		snprintf(buf, size, "%s %s", name, tc_tone_name(ev->value));
		break;
	case TAPI_EV_POLARITY:
		snprintf(buf, size, "%s %s", name,
			 ev->value ? "reversed" : "normal");
		break;
	case TAPI_EV_ALARM:
		snprintf(buf, size, "%s 0x%x", name, ev->value);
		break;
	case TAPI_EV_OVERFLOW:
		snprintf(buf, size, "%s (%u events lost)", name, ev->value);
		break;
	case TAPI_EV_CALL_STATE:
		if (ev->duration_ms)
			snprintf(buf, size, "%s %s (%s)", name,
				 tc_call_state_name(ev->value),
				 tc_call_cause_name(ev->duration_ms));
		else
			snprintf(buf, size, "%s %s", name,
				 tc_call_state_name(ev->value));
		break;
	case TAPI_EV_MEDIA_XRUN:
		snprintf(buf, size, "%s (%u samples)", name, ev->value);
		break;
	default:
		if (ev->value || ev->duration_ms)
			snprintf(buf, size, "%s value=%u duration=%u ms", name,
				 ev->value, ev->duration_ms);
		else
			snprintf(buf, size, "%s", name);
		break;
	}
}

static void tc_print_time(struct tc_watch *w, uint64_t when_ns)
{
	int64_t rel = (int64_t)(when_ns - w->start_ns);
	const char *sign = rel < 0 ? "-" : " ";

	if (rel < 0)
		rel = -rel;
	printf("[%s%4lld.%03lld] ", sign, (long long)(rel / 1000000000),
	       (long long)(rel / 1000000 % 1000));
}

/* One line per event: time of the event, channel, what happened. */
void tc_watch_print(struct tc_watch *w, unsigned int index,
		    const struct tapi_event *ev)
{
	char what[96];

	if (w->quiet)
		return;
	tc_event_describe(ev, what, sizeof(what));
	tc_print_time(w, ev->timestamp_ns);
	printf("ch %-3u %-14s %s\n", w->channel[index], w->name[index], what);
	fflush(stdout);
}

/* A line about what the caller does, with the current time. */
void tc_watch_note(struct tc_watch *w, const char *fmt, ...)
{
	va_list ap;

	tc_print_time(w, tc_now_ns());
	fputs("-> ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}
