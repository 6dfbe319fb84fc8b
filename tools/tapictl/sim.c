// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl sim ...: drive the simulated card through /dev/tapi/sim: cards,
 * the phones on FXS ports, the central office behind FXO ports.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "tapictl.h"

/* What an error of a port command means, as tapi_sim documents it. */
static const char *tc_sim_hint(unsigned long cmd, int err)
{
	bool phone = cmd == TAPI_SIM_IOC_PHONE_HOOK ||
		     cmd == TAPI_SIM_IOC_PHONE_FLASH ||
		     cmd == TAPI_SIM_IOC_PHONE_DIAL;

	switch (err) {
	case ENODEV:
		return "not a port of a simulated card";
	case EOPNOTSUPP:
		return phone ? "phone commands need an FXS port" :
			       "CO commands need an FXO port";
	case EINVAL:
		if (cmd == TAPI_SIM_IOC_PHONE_DIAL)
			return "the phone must be off-hook; digits are 0-9 * # A-D";
		if (cmd == TAPI_SIM_IOC_PHONE_FLASH)
			return "the phone must be off-hook";
		if (cmd == TAPI_SIM_IOC_CO_HANGUP)
			return "no outside caller on this line";
		if (cmd == TAPI_SIM_IOC_CO_RING)
			return "the number takes digits only, the name printable characters";
		return NULL;
	case EBUSY:
		if (cmd == TAPI_SIM_IOC_PHONE_FLASH)
			return "a flash is in progress";
		if (cmd == TAPI_SIM_IOC_CO_RING)
			return "the line is off-hook or in a call";
		if (cmd == TAPI_SIM_IOC_CONNECT)
			return "a port is patched to another already";
		return NULL;
	default:
		return NULL;
	}
}

/* Run one port command; 0 or 1 after printing why. */
static int tc_sim_port_ioctl(unsigned long cmd, const char *what,
			     struct tapi_sim_port *port)
{
	const char *hint;
	int fd = tc_open_sim();
	int ret = 0, err;

	if (fd < 0)
		return 1;
	if (ioctl(fd, cmd, port)) {
		err = errno;
		hint = tc_sim_hint(cmd, err);
		if (hint)
			ret = tc_error("channel %u: %s: %s (%s)", port->channel,
				       what, strerror(err), hint);
		else
			ret = tc_errno(err, "channel %u: %s", port->channel,
				       what);
	}
	close(fd);
	return ret;
}

static int tc_sim_card_add(int argc, char **argv)
{
	struct tapi_sim_card card;
	unsigned int i;
	int fd;

	memset(&card, 0, sizeof(card));
	if (argc != 3 || tc_parse_uint(argv[1], 32, &card.nfxs) ||
	    tc_parse_uint(argv[2], 32, &card.nfxo) || !(card.nfxs + card.nfxo))
		return tc_error("usage: tapictl sim card-add NFXS NFXO (0..32 each, not both 0)");
	fd = tc_open_sim();
	if (fd < 0)
		return 1;
	if (ioctl(fd, TAPI_SIM_IOC_CARD_ADD, &card)) {
		close(fd);
		return tc_errno(errno, "card-add");
	}
	close(fd);
	printf("card %u %s: channels", card.card, card.name);
	for (i = 0; i < card.nfxs + card.nfxo; i++)
		printf(" %u", card.first_channel + i);
	printf(" (FXS %u, FXO %u)\n", card.nfxs, card.nfxo);
	return 0;
}

static int tc_sim_card_remove(int argc, char **argv)
{
	unsigned int number;
	int fd, ret = 0;

	if (argc != 2 || tc_parse_uint(argv[1], 0xffffffffu, &number))
		return tc_error("usage: tapictl sim card-remove CARD");
	fd = tc_open_sim();
	if (fd < 0)
		return 1;
	if (ioctl(fd, TAPI_SIM_IOC_CARD_REMOVE, &number))
		ret = tc_errno(errno, "card-remove %u", number);
	close(fd);
	return ret;
}

static int tc_sim_phone_hook(int argc, char **argv)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	if (argc != 3 || tc_parse_channel(argv[1], &port.channel))
		return tc_error("usage: tapictl sim phone-hook N on|off");
	if (!strcmp(argv[2], "off"))
		port.arg = 1;
	else if (strcmp(argv[2], "on"))
		return tc_error("phone-hook: on or off, not '%s'", argv[2]);
	return tc_sim_port_ioctl(TAPI_SIM_IOC_PHONE_HOOK, "phone-hook", &port);
}

static int tc_sim_phone_flash(int argc, char **argv)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	if (argc != 2 || tc_parse_channel(argv[1], &port.channel))
		return tc_error("usage: tapictl sim phone-flash N");
	return tc_sim_port_ioctl(TAPI_SIM_IOC_PHONE_FLASH, "phone-flash", &port);
}

static int tc_sim_phone_dial(int argc, char **argv)
{
	struct tapi_sim_port port;
	unsigned int v;
	int opt;

	memset(&port, 0, sizeof(port));
	optind = 0;
	while ((opt = getopt(argc, argv, "o:f:")) != -1) {
		if ((opt != 'o' && opt != 'f') ||
		    tc_parse_uint(optarg, TAPI_DTMF_ON_MAX_MS, &v) ||
		    v < TAPI_DTMF_ON_MIN_MS)
			return tc_error("usage: tapictl sim phone-dial [-o ON_MS] [-f OFF_MS] N DIGITS (%d..%d ms)",
					TAPI_DTMF_ON_MIN_MS, TAPI_DTMF_ON_MAX_MS);
		if (opt == 'o')
			port.on_ms = v;
		else
			port.off_ms = v;
	}
	if (argc - optind != 2 || tc_parse_channel(argv[optind], &port.channel))
		return tc_error("usage: tapictl sim phone-dial [-o ON_MS] [-f OFF_MS] N DIGITS");
	if (!argv[optind + 1][0] ||
	    strlen(argv[optind + 1]) >= sizeof(port.digits))
		return tc_error("phone-dial: 1..%zu digits", sizeof(port.digits) - 1);
	strcpy(port.digits, argv[optind + 1]);
	return tc_sim_port_ioctl(TAPI_SIM_IOC_PHONE_DIAL, "phone-dial", &port);
}

static int tc_sim_co_ring(int argc, char **argv)
{
	struct tapi_sim_port port;
	int opt;

	memset(&port, 0, sizeof(port));
	optind = 0;
	while ((opt = getopt(argc, argv, "c:n:N:")) != -1) {
		switch (opt) {
		case 'c':
			if (tc_parse_uint(optarg, 1000000, &port.arg))
				return tc_error("-c: ring cycles, 0 = until answered");
			break;
		case 'n':
			if (strlen(optarg) >= sizeof(port.digits))
				return tc_error("-n: at most %zu digits",
						sizeof(port.digits) - 1);
			strcpy(port.digits, optarg);
			break;
		case 'N':
			if (strlen(optarg) >= sizeof(port.name))
				return tc_error("-N: at most %zu characters",
						sizeof(port.name) - 1);
			strcpy(port.name, optarg);
			break;
		default:
			return tc_error("usage: tapictl sim co-ring [-c CYCLES] [-n NUMBER] [-N NAME] N");
		}
	}
	if (argc - optind != 1 || tc_parse_channel(argv[optind], &port.channel))
		return tc_error("usage: tapictl sim co-ring [-c CYCLES] [-n NUMBER] [-N NAME] N");
	return tc_sim_port_ioctl(TAPI_SIM_IOC_CO_RING, "co-ring", &port);
}

static int tc_sim_co_hangup(int argc, char **argv)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	if (argc != 2 || tc_parse_channel(argv[1], &port.channel))
		return tc_error("usage: tapictl sim co-hangup N");
	return tc_sim_port_ioctl(TAPI_SIM_IOC_CO_HANGUP, "co-hangup", &port);
}

static int tc_sim_connect(int argc, char **argv)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	if (argc != 3 || tc_parse_channel(argv[1], &port.channel))
		return tc_error("usage: tapictl sim connect N PEER|none");
	if (!strcmp(argv[2], "none"))
		port.arg = (uint32_t)-1;
	else if (tc_parse_channel(argv[2], &port.arg))
		return 1;
	return tc_sim_port_ioctl(TAPI_SIM_IOC_CONNECT, "connect", &port);
}

static int tc_sim_clear(int argc, char **argv)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	if (argc != 2 || tc_parse_channel(argv[1], &port.channel))
		return tc_error("usage: tapictl sim clear N");
	return tc_sim_port_ioctl(TAPI_SIM_IOC_CLEAR, "clear", &port);
}

/* STATUS of one port: 0, -ENODEV if not simulated, -1 after printing. */
static int tc_sim_get_status(int fd, unsigned int channel,
			     struct tapi_sim_status *st)
{
	memset(st, 0, sizeof(*st));
	st->channel = channel;
	if (!ioctl(fd, TAPI_SIM_IOC_STATUS, st))
		return 0;
	if (errno == ENODEV)
		return -ENODEV;
	tc_errno(errno, "channel %u: status", channel);
	return -1;
}

static void tc_sim_status_line(unsigned int channel,
			       const struct tapi_sim_status *st)
{
	struct tapi_chan_info info;
	char peer[16], path[64];
	int fd;

	/* The name is the channel's; a port on a dying card may have none. */
	memset(&info, 0, sizeof(info));
	snprintf(info.name, sizeof(info.name), "-");
	snprintf(path, sizeof(path), TAPI_DEV_DIR "/%u", channel);
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		if (ioctl(fd, TAPI_IOC_GET_INFO, &info))
			snprintf(info.name, sizeof(info.name), "-");
		close(fd);
	}
	if (st->peer < 0)
		snprintf(peer, sizeof(peer), "-");
	else
		snprintf(peer, sizeof(peer), "%d", st->peer);
	printf("%-4u %-14s %-4s %-4s %-5s %-12s %-5s %-7s %s\n", channel,
	       info.name, info.signalling == TAPI_SIG_FXO ? "FXO" :
	       info.signalling == TAPI_SIG_FXS ? "FXS" : "?",
	       st->hook ? "off" : "on", st->ringing ? "yes" : "no",
	       info.signalling == TAPI_SIG_FXO ? tc_co_state_name(st->co_state) : "-",
	       peer, st->number[0] ? st->number : "-",
	       st->heard[0] ? st->heard : "-");
}

static int tc_sim_status(int argc, char **argv)
{
	struct tapi_sim_status st;
	unsigned int *numbers = NULL, channel;
	size_t count = 0, i;
	int fd, ret = 0, r;

	fd = tc_open_sim();
	if (fd < 0)
		return 1;
	printf("%-4s %-14s %-4s %-4s %-5s %-12s %-5s %-7s %s\n", "CH", "NAME",
	       "TYPE", "HOOK", "RING", "CO-STATE", "PEER", "NUMBER", "HEARD");
	if (argc == 1) {
		if (tc_channel_numbers(&numbers, &count)) {
			close(fd);
			return 1;
		}
		for (i = 0; i < count; i++) {
			r = tc_sim_get_status(fd, numbers[i], &st);
			if (!r)
				tc_sim_status_line(numbers[i], &st);
			else if (r != -ENODEV)
				ret = 1;
		}
		free(numbers);
	} else {
		for (i = 1; i < (size_t)argc; i++) {
			if (tc_parse_channel(argv[i], &channel)) {
				ret = 1;
				continue;
			}
			r = tc_sim_get_status(fd, channel, &st);
			if (!r)
				tc_sim_status_line(channel, &st);
			else
				ret = r == -ENODEV ?
				      tc_error("channel %u is not a simulated port",
					       channel) : 1;
		}
	}
	close(fd);
	return ret;
}

/* tapictl sim wait [-t SECONDS] N STATE: until the CO line is in STATE. */
static int tc_sim_wait(int argc, char **argv)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct tapi_sim_status st;
	unsigned int seconds = 10, channel;
	uint64_t end_ns;
	int opt, state, fd, r;

	optind = 0;
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't' || tc_parse_uint(optarg, 86400, &seconds))
			return tc_error("usage: tapictl sim wait [-t SECONDS] N STATE");
	}
	if (argc - optind != 2 || tc_parse_channel(argv[optind], &channel))
		return tc_error("usage: tapictl sim wait [-t SECONDS] N STATE");
	state = tc_co_state_parse(argv[optind + 1]);
	if (state < 0)
		return tc_error("no CO state '%s' (IDLE, DIALTONE, DIALING, RINGBACK, BUSY, CONGESTION, RINGING, CONNECTED, DISCONNECTED)",
				argv[optind + 1]);
	fd = tc_open_sim();
	if (fd < 0)
		return 1;
	end_ns = tc_now_ns() + (uint64_t)seconds * 1000000000ULL;
	for (;;) {
		r = tc_sim_get_status(fd, channel, &st);
		if (r) {
			close(fd);
			return r == -ENODEV ?
			       tc_error("channel %u is not a simulated port", channel) : 1;
		}
		if (st.co_state == (uint32_t)state)
			break;
		if (tc_now_ns() >= end_ns) {
			close(fd);
			return tc_error("channel %u: still %s after %u s", channel,
					tc_co_state_name(st.co_state), seconds);
		}
		nanosleep(&tick, NULL);
	}
	close(fd);
	return 0;
}

static const struct tc_command tc_sim_commands[] = {
	{ "card-add", "NFXS NFXO", "add a simulated card", tc_sim_card_add },
	{ "card-remove", "CARD", "remove a simulated card", tc_sim_card_remove },
	{ "phone-hook", "N on|off", "the phone on FXS port N goes on/off-hook",
	  tc_sim_phone_hook },
	{ "phone-flash", "N", "the phone flashes its hook", tc_sim_phone_flash },
	{ "phone-dial", "[-o MS] [-f MS] N DIGITS", "the phone keys DTMF digits",
	  tc_sim_phone_dial },
	{ "co-ring", "[-c CYCLES] [-n NUMBER] [-N NAME] N",
	  "an outside caller rings FXO line N", tc_sim_co_ring },
	{ "co-hangup", "N", "the outside caller hangs up", tc_sim_co_hangup },
	{ "connect", "N PEER|none", "patch two ports' audio, or unpatch",
	  tc_sim_connect },
	{ "status", "[N...]", "state of simulated ports", tc_sim_status },
	{ "clear", "N", "forget the digits a port heard", tc_sim_clear },
	{ "wait", "[-t SECONDS] N STATE", "wait until FXO line N is in a CO state",
	  tc_sim_wait },
};

static void tc_sim_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: tapictl sim COMMAND [ARGS]\n\nsim commands:\n");
	for (i = 0; i < sizeof(tc_sim_commands) / sizeof(tc_sim_commands[0]); i++)
		fprintf(out, "  %-12s %-36s %s\n", tc_sim_commands[i].name,
			tc_sim_commands[i].args, tc_sim_commands[i].help);
}

int tc_cmd_sim(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		tc_sim_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "--help")) {
		tc_sim_usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(tc_sim_commands) / sizeof(tc_sim_commands[0]); i++)
		if (!strcmp(argv[1], tc_sim_commands[i].name))
			return tc_sim_commands[i].run(argc - 1, argv + 1);
	tc_error("unknown sim command '%s'", argv[1]);
	tc_sim_usage(stderr);
	return 2;
}
