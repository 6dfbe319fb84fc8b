// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl watch: print channel events live.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tapictl.h"

static volatile sig_atomic_t tc_interrupted;

static void tc_on_signal(int sig)
{
	tc_interrupted = 1;
}

int tc_cmd_watch(int argc, char **argv)
{
	unsigned int seconds = 0, max_events = 0, seen = 0, index, channel;
	struct sigaction sa;
	struct tapi_event ev;
	struct tc_watch w;
	uint64_t end_ns = 0;
	int opt, ret, i;

	optind = 0;
	while ((opt = getopt(argc, argv, "t:n:")) != -1) {
		switch (opt) {
		case 't':
			if (tc_parse_uint(optarg, 86400, &seconds) || !seconds)
				return tc_error("-t: seconds, 1..86400");
			break;
		case 'n':
			if (tc_parse_uint(optarg, 1000000, &max_events) ||
			    !max_events)
				return tc_error("-n: a number of events, from 1");
			break;
		default:
			return tc_usage("watch");
		}
	}

	tc_watch_init(&w);
	if (optind == argc) {
		unsigned int *numbers;
		size_t count, k;

		if (tc_channel_numbers(&numbers, &count))
			return 1;
		if (!count)
			return tc_error("no channels to watch");
		for (k = 0; k < count && w.n < TC_WATCH_MAX; k++)
			if (tc_watch_add(&w, numbers[k]))
				break;
		free(numbers);
		if (k < count)
			goto fail;
	}
	for (i = optind; i < argc; i++) {
		if (tc_parse_channel(argv[i], &channel) ||
		    tc_watch_add(&w, channel))
			goto fail;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tc_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	printf("watching %u channel%s%s\n", w.n, w.n == 1 ? "" : "s",
	       seconds ? "" : " (Ctrl-C stops)");
	fflush(stdout);
	if (seconds)
		end_ns = w.start_ns + (uint64_t)seconds * 1000000000ULL;
	while (!tc_interrupted) {
		int timeout_ms = -1;

		if (end_ns) {
			uint64_t now = tc_now_ns();

			if (now >= end_ns)
				break;
			timeout_ms = (end_ns - now) / 1000000 + 1;
		}
		ret = tc_watch_next(&w, timeout_ms, &index, &ev);
		if (ret == -EINTR || ret == 0)
			continue;
		if (ret < 0)
			goto fail;
		tc_watch_print(&w, index, &ev);
		if (max_events && ++seen == max_events)
			break;
	}
	tc_watch_close(&w);
	return 0;

fail:
	tc_watch_close(&w);
	return 1;
}
