// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl hook, ring, dial: signalling on a channel through its own
 * ioctls, as an application would.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "tapictl.h"

int tc_cmd_hook(int argc, char **argv)
{
	unsigned int channel;
	uint32_t hook;
	int fd, ret = 0;

	if (argc != 3)
		return tc_usage("hook");
	if (tc_parse_channel(argv[1], &channel))
		return 1;
	if (!strcmp(argv[2], "on"))
		hook = TAPI_HOOK_ON;
	else if (!strcmp(argv[2], "off"))
		hook = TAPI_HOOK_OFF;
	else if (!strcmp(argv[2], "flash"))
		hook = TAPI_HOOK_FLASH;
	else
		return tc_error("hook: on, off or flash, not '%s'", argv[2]);

	fd = tc_open_channel(channel);
	if (fd < 0)
		return 1;
	if (ioctl(fd, TAPI_IOC_SET_HOOK, &hook))
		ret = tc_errno(errno, "channel %u: hook %s%s", channel, argv[2],
			       errno == EOPNOTSUPP ?
			       " (FXO ports only; a simulated phone: tapictl sim phone-hook)" :
			       "");
	close(fd);
	return ret;
}

/* "on,off[,on,off...]" in ms into ring; 0 or -1 after printing why. */
static int tc_parse_cadence(const char *s, struct tapi_ring *ring)
{
	char *copy = strdup(s), *tok, *save = NULL;
	unsigned int ms, n = 0;
	int ret = 0;

	if (!copy)
		return tc_error("out of memory"), -1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (n == TAPI_CADENCE_STEPS_MAX ||
		    tc_parse_uint(tok, TAPI_CADENCE_STEP_MAX_MS, &ms) ||
		    ms < TAPI_CADENCE_STEP_MIN_MS) {
			ret = -1;
			break;
		}
		ring->step_ms[n++] = ms;
	}
	free(copy);
	if (ret || n < 2 || n % 2) {
		tc_error("cadence '%s': 2, 4, 6 or 8 comma-separated steps of %d..%d ms",
			 s, TAPI_CADENCE_STEP_MIN_MS, TAPI_CADENCE_STEP_MAX_MS);
		return -1;
	}
	ring->nsteps = n;
	return 0;
}

int tc_cmd_ring(int argc, char **argv)
{
	struct tapi_ring ring = {
		.nsteps = 2,
		.step_ms = { 2000, 4000 },
	};
	unsigned int channel;
	int opt, fd, ret = 0;
	bool stop = false;

	optind = 0;
	while ((opt = getopt(argc, argv, "c:")) != -1) {
		switch (opt) {
		case 'c':
			if (tc_parse_uint(optarg, 1000000, &ring.count))
				return tc_error("-c: a number of ring cycles, 0 = until answered");
			break;
		default:
			return tc_usage("ring");
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return tc_usage("ring");
	if (tc_parse_channel(argv[optind], &channel))
		return 1;
	if (argc - optind == 2) {
		if (!strcmp(argv[optind + 1], "stop"))
			stop = true;
		else if (tc_parse_cadence(argv[optind + 1], &ring))
			return 1;
	}

	fd = tc_open_channel(channel);
	if (fd < 0)
		return 1;
	if (stop ? ioctl(fd, TAPI_IOC_RING_STOP) :
		   ioctl(fd, TAPI_IOC_RING_START, &ring))
		ret = tc_errno(errno, "channel %u: %s", channel,
			       stop ? "ring stop" : "ring");
	close(fd);
	return ret;
}

int tc_cmd_dial(int argc, char **argv)
{
	struct tapi_dial dial;
	struct tapi_event ev;
	struct tc_watch w;
	unsigned int channel, v, index;
	unsigned int per_digit_ms;
	int opt, ret, level;
	bool verbose = false;

	memset(&dial, 0, sizeof(dial));
	optind = 0;
	while ((opt = getopt(argc, argv, "o:f:l:v")) != -1) {
		switch (opt) {
		case 'o':
			if (tc_parse_uint(optarg, TAPI_DTMF_ON_MAX_MS, &v) ||
			    v < TAPI_DTMF_ON_MIN_MS)
				return tc_error("-o: tone length, %d..%d ms",
						TAPI_DTMF_ON_MIN_MS, TAPI_DTMF_ON_MAX_MS);
			dial.on_ms = v;
			break;
		case 'f':
			if (tc_parse_uint(optarg, TAPI_DTMF_OFF_MAX_MS, &v) ||
			    v < TAPI_DTMF_OFF_MIN_MS)
				return tc_error("-f: pause length, %d..%d ms",
						TAPI_DTMF_OFF_MIN_MS, TAPI_DTMF_OFF_MAX_MS);
			dial.off_ms = v;
			break;
		case 'l':
			level = atoi(optarg);
			if (level < TAPI_DTMF_LEVEL_MIN || level > TAPI_DTMF_LEVEL_MAX)
				return tc_error("-l: level per tone, %d..%d dBm0",
						TAPI_DTMF_LEVEL_MIN, TAPI_DTMF_LEVEL_MAX);
			dial.level = level;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			return tc_usage("dial");
		}
	}
	if (argc - optind != 2)
		return tc_usage("dial");
	if (tc_parse_channel(argv[optind], &channel))
		return 1;
	if (!argv[optind + 1][0] ||
	    strlen(argv[optind + 1]) >= sizeof(dial.digits))
		return tc_error("dial: 1..%zu digits", sizeof(dial.digits) - 1);
	strcpy(dial.digits, argv[optind + 1]);

	tc_watch_init(&w);
	w.quiet = !verbose;
	if (tc_watch_add(&w, channel))
		return 1;
	if (ioctl(w.fd[0], TAPI_IOC_DIAL, &dial)) {
		ret = tc_errno(errno, "channel %u: dial '%s'", channel,
			       dial.digits);
		goto out;
	}
	/* Stay until the digits are out, in case closing would cut them off. */
	per_digit_ms = (dial.on_ms ? dial.on_ms : 100) +
		       (dial.off_ms ? dial.off_ms : 100);
	for (;;) {
		ret = tc_watch_next(&w, 5000 + per_digit_ms * strlen(dial.digits),
				    &index, &ev);
		if (ret <= 0) {
			ret = ret ? 1 : tc_error("channel %u: no DIAL_DONE", channel);
			break;
		}
		tc_watch_print(&w, index, &ev);
		if (ev.type == TAPI_EV_DIAL_DONE) {
			ret = 0;
			break;
		}
		if (ev.type == TAPI_EV_REMOVED) {
			ret = tc_error("channel %u was removed", channel);
			break;
		}
	}
out:
	tc_watch_close(&w);
	return ret;
}
