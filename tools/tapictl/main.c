// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl: command-line control of linux-tapi channels and of the
 * simulated card.  Subcommands are listed in tc_commands[].
 */
#include <stdio.h>
#include <string.h>
#include "tapictl.h"

static const struct tc_command tc_commands[] = {
	{ "list", "", "list the channels", tc_cmd_list },
	{ "info", "N", "show everything about channel N", tc_cmd_info },
	{ "watch", "[-t SECONDS] [-n COUNT] [N...]",
	  "print events of channels (default all) as they arrive", tc_cmd_watch },
	{ "hook", "N on|off|flash", "seize, release or flash FXO line N",
	  tc_cmd_hook },
	{ "ring", "[-c COUNT] N [ON,OFF,...|stop]",
	  "ring the station on FXS port N (default 2000,4000 ms)", tc_cmd_ring },
	{ "dial", "[-o MS] [-f MS] [-l DBM0] [-v] N DIGITS",
	  "send DTMF digits into channel N", tc_cmd_dial },
	{ "sim", "COMMAND ...", "drive the simulated card (tapictl sim help)",
	  tc_cmd_sim },
	{ "demo", "[-t SECONDS]",
	  "a phone dials, one line calls another, on the simulated card",
	  tc_cmd_demo },
	{ "tapi-call", "[-t SECONDS] [A B]",
	  "TAPI: line A calls line B, digits both ways (default: simulated)",
	  tc_cmd_tapi_call },
};

#define TC_NCOMMANDS (sizeof(tc_commands) / sizeof(tc_commands[0]))

static void tc_print_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: tapictl COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < TC_NCOMMANDS; i++)
		fprintf(out, "  %-9s %-38s %s\n", tc_commands[i].name,
			tc_commands[i].args, tc_commands[i].help);
	fprintf(out, "\nChannels are numbered as /dev/tapi/N.  See tapictl(1).\n");
}

/* Usage of one command on stderr; returns the exit status 2. */
int tc_usage(const char *command)
{
	size_t i;

	for (i = 0; i < TC_NCOMMANDS; i++)
		if (!strcmp(tc_commands[i].name, command)) {
			fprintf(stderr, "usage: tapictl %s %s\n", command,
				tc_commands[i].args);
			return 2;
		}
	tc_print_usage(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		tc_print_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		tc_print_usage(stdout);
		return 0;
	}
	for (i = 0; i < TC_NCOMMANDS; i++)
		if (!strcmp(argv[1], tc_commands[i].name))
			return tc_commands[i].run(argc - 1, argv + 1);
	tc_error("unknown command '%s'", argv[1]);
	tc_print_usage(stderr);
	return 2;
}
