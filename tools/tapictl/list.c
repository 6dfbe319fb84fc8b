// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl list, tapictl info: what channels there are.
 */
#include <stdio.h>
#include <stdlib.h>
#include "tapictl.h"

static void tc_list_header(void)
{
	printf("%-4s %-14s %-8s %-6s %-5s %-5s %s\n", "CH", "NAME", "TYPE",
	       "CARD", "HOOK", "RING", "CAPS");
}

static void tc_list_line(const struct tapi_chan_info *info)
{
	char caps[160];

	tc_caps_string(info->caps, caps, sizeof(caps));
	printf("%-4u %-14s %-8s %-6s %-5s %-5s %s\n", info->channel, info->name,
	       tc_signalling_name(info->signalling), info->card_name,
	       tc_hook_name(info->hook), info->ringing ? "yes" : "no", caps);
}

int tc_cmd_list(int argc, char **argv)
{
	struct tapi_chan_info info;
	unsigned int *numbers;
	size_t count, i;
	int failed = 0;

	if (argc != 1)
		return tc_usage("list");
	if (tc_channel_numbers(&numbers, &count))
		return 1;
	if (!count) {
		printf("no channels (is tapi_core loaded, with a card?)\n");
		return 0;
	}
	tc_list_header();
	for (i = 0; i < count; i++) {
		if (tc_channel_info(numbers[i], &info)) {
			failed = 1;
			continue;
		}
		tc_list_line(&info);
	}
	free(numbers);
	return failed;
}

int tc_cmd_info(int argc, char **argv)
{
	struct tapi_chan_info info;
	unsigned int channel;
	char caps[160];

	if (argc != 2)
		return tc_usage("info");
	if (tc_parse_channel(argv[1], &channel))
		return 1;
	if (tc_channel_info(channel, &info))
		return 1;
	tc_caps_string(info.caps, caps, sizeof(caps));
	printf("channel:      %u (%s/%u)\n", info.channel, TAPI_DEV_DIR,
	       info.channel);
	printf("name:         %s\n", info.name);
	printf("type:         %s\n", tc_signalling_name(info.signalling));
	printf("card:         %u (%s), port %u\n", info.card, info.card_name,
	       info.card_channel);
	printf("driver:       %s\n", info.driver);
	printf("hook:         %s\n", tc_hook_name(info.hook));
	printf("ringing:      %s\n", info.ringing ? "yes" : "no");
	printf("polarity:     %s\n", info.polarity ? "reversed" : "normal");
	printf("capabilities: %s\n", caps);
	printf("ABI:          %u.%u%s\n", info.abi_version >> 16,
	       info.abi_version & 0xffff,
	       info.abi_version >> 16 != TAPI_ABI_MAJOR ?
	       " (tapictl was built for another major version)" : "");
	return 0;
}
