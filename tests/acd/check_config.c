// SPDX-License-Identifier: GPL-2.0
/*
 * Check suite acd_config: tapi-acd's configuration parser accepts the
 * documented format and rejects every error with a "file:line: message".
 */
#include <stdio.h>
#include <string.h>

#include "acd_config.h"
#include "check_acd.h"

static struct acd_config cfg;
static char err[ACD_ERROR_MAX];

static int parse(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ck_assert_ptr_nonnull(f);
	err[0] = '\0';
	ret = acd_config_parse(f, "t.conf", &cfg, err);
	fclose(f);
	return ret;
}

/* Parsing fails with exactly @msg. */
static void fails_with(const char *text, const char *msg)
{
	ck_assert_int_eq(parse(text), -1);
	ck_assert_str_eq(err, msg);
}

static const char good[] =
	"# a small call center\n"
	"period 900\n"
	"\n"
	"agent 101 name \"Alice Smith\" pin 1234 station sim0/fxs0\n"
	"agent 102 station sim0/fxs1   # no PIN, named by its ID\n"
	"group 7 name sales agents 101,102\n"
	"group 8 agents 102\n"
	"queue 1 name \"sales line\" group 7 trunks sim0/fxo0,sim0/fxo1 "
	"rna 15 wrapup 10 announce 20\n"
	"queue 2 group 8 trunks sim1/fxo0\n"
	"activity 3 name lunch\n";

START_TEST(test_acd_config_good)
{
	ck_assert_int_eq(parse(good), 0);
	ck_assert_uint_eq(cfg.period_s, 900);
	ck_assert_uint_eq(cfg.num_agents, 2);
	ck_assert_str_eq(cfg.agents[0].id, "101");
	ck_assert_str_eq(cfg.agents[0].name, "Alice Smith");
	ck_assert_str_eq(cfg.agents[0].pin, "1234");
	ck_assert_str_eq(cfg.agents[0].station, "sim0/fxs0");
	ck_assert_str_eq(cfg.agents[1].name, "102");
	ck_assert_str_eq(cfg.agents[1].pin, "");
	ck_assert_uint_eq(cfg.agents[0].groups, 1);
	ck_assert_uint_eq(cfg.agents[1].groups, 3);
	ck_assert_uint_eq(cfg.num_groups, 2);
	ck_assert_uint_eq(cfg.groups[0].id, 7);
	ck_assert_str_eq(cfg.groups[1].name, "group 8");
	ck_assert_uint_eq(cfg.num_queues, 2);
	ck_assert_str_eq(cfg.queues[0].name, "sales line");
	ck_assert_uint_eq(cfg.queues[0].group, 0);
	ck_assert_uint_eq(cfg.queues[0].num_trunks, 2);
	ck_assert_str_eq(cfg.queues[0].trunks[1], "sim0/fxo1");
	ck_assert_uint_eq(cfg.queues[0].rna_s, 15);
	ck_assert_uint_eq(cfg.queues[0].wrapup_s, 10);
	ck_assert_uint_eq(cfg.queues[0].announce_s, 20);
	ck_assert_uint_eq(cfg.queues[1].group, 1);
	ck_assert_uint_eq(cfg.queues[1].rna_s, 0);
	ck_assert_uint_eq(cfg.num_activities, 1);
	ck_assert_str_eq(cfg.activities[0].name, "lunch");
}
END_TEST

START_TEST(test_acd_config_defaults_and_forward_refs)
{
	/* a group may name agents defined after it */
	ck_assert_int_eq(parse("queue 1 group 2 trunks a\n"
			       "group 2 agents x\n"
			       "agent x station s\n"), 0);
	ck_assert_uint_eq(cfg.period_s, ACD_DEFAULT_PERIOD);
	ck_assert_uint_eq(cfg.agents[0].groups, 1);
	ck_assert_str_eq(cfg.queues[0].name, "queue 1");
}
END_TEST

START_TEST(test_acd_config_example_file)
{
	/* the example installed with the daemon must parse */
	ck_assert_msg(acd_config_load(ACD_EXAMPLE, &cfg, err) == 0, "%s", err);
	ck_assert_uint_ge(cfg.num_agents, 2);
}
END_TEST

START_TEST(test_acd_config_missing_file)
{
	ck_assert_int_eq(acd_config_load("/nonexistent/acd.conf", &cfg, err),
			 -1);
	ck_assert_str_eq(err, "/nonexistent/acd.conf: No such file or directory");
}
END_TEST

START_TEST(test_acd_config_errors)
{
	const char *q = "queue 1 group 1 trunks t\ngroup 1\n";
	char text[512];

	fails_with("\n\nfoo bar\n", "t.conf:3: unknown keyword \"foo\"");
	fails_with("agent\n", "t.conf:1: agent needs an ID");
	fails_with("agent a\n", "t.conf:1: agent a has no station");
	fails_with("agent a station\n", "t.conf:1: \"station\" needs a value");
	fails_with("agent a station s color red\n",
		   "t.conf:1: unknown agent setting \"color\"");
	fails_with("agent a station s\nagent a station t\n",
		   "t.conf:2: agent a is defined twice");
	fails_with("agent a station s\nagent b station s\n",
		   "t.conf:2: line s is already in use");
	fails_with("agent a name \"Al station s\n",
		   "t.conf:1: unterminated quote");
	fails_with("agent a name \"\" station s\n", "t.conf:1: empty name");
	fails_with("agent "
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   " station s\n",
		   "t.conf:1: agent ID \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""
		   " is longer than 63 characters");
	fails_with("group x\n", "t.conf:1: group ID \"x\" is not a number");
	fails_with("group 0\n", "t.conf:1: group ID 0 is out of range 1..4294967295");
	fails_with("group 1\ngroup 1\n", "t.conf:2: group 1 is defined twice");
	fails_with("group 1 agents a,,b\n",
		   "t.conf:1: empty item in agents list \"a,,b\"");
	fails_with("group 1 agents a,a\n",
		   "t.conf:1: agents \"a\" listed twice");
	fails_with("group 1 agents nobody\nqueue 1 group 1 trunks t\n",
		   "t.conf:1: group 1: no agent nobody");
	fails_with("group 1 size 3\n", "t.conf:1: unknown group setting \"size\"");
	fails_with("queue 1 trunks t\n", "t.conf:1: queue 1 has no group");
	fails_with("queue 1 group 1\n", "t.conf:1: queue 1 has no trunks");
	fails_with("group 1\n\nqueue 1 group 2 trunks t\n",
		   "t.conf:3: queue 1: no group 2");
	fails_with("group 1\nqueue 1 group 1 trunks t rna 3601\n",
		   "t.conf:2: rna 3601 is out of range 0..3600");
	fails_with("group 1\nqueue 1 group 1 trunks t wrapup -1\n",
		   "t.conf:2: wrapup \"-1\" is not a number");
	fails_with("group 1\nqueue 1 group 1 trunks t announce 5s\n",
		   "t.conf:2: announce \"5s\" is not a number");
	fails_with("group 1\nqueue 1 group 1 trunks t\nqueue 1 group 1 trunks u\n",
		   "t.conf:3: queue 1 is defined twice");
	fails_with("group 1\nqueue 1 group 1 trunks t\nqueue 2 group 1 trunks t\n",
		   "t.conf:3: line t is already in use");
	snprintf(text, sizeof(text), "%sagent a station t\n", q);
	fails_with(text, "t.conf:3: line t is already in use");
	fails_with("group 1\nqueue 1 group 1 trunks t queue 2\n",
		   "t.conf:2: unknown queue setting \"queue\"");
	fails_with("period 0\n", "t.conf:1: period 0 is out of range 1..604800");
	fails_with("period\n", "t.conf:1: period needs one value, in seconds");
	fails_with("period 60\nperiod 60\n", "t.conf:2: period is set twice");
	fails_with("activity 1\n", "t.conf:1: activity 1 has no name");
	fails_with("activity 1 name a\nactivity 1 name b\n",
		   "t.conf:2: activity 1 is defined twice");
	fails_with("activity 1 label a\n",
		   "t.conf:1: unknown activity setting \"label\"");
	fails_with("# nothing\n", "t.conf: no queue is defined");
}
END_TEST

START_TEST(test_acd_config_long_line)
{
	char text[1200];

	memset(text, 'x', sizeof(text) - 2);
	text[sizeof(text) - 2] = '\n';
	text[sizeof(text) - 1] = '\0';
	fails_with(text, "t.conf:1: line longer than 1024 characters");
}
END_TEST

Suite *acd_config_suite(void)
{
	Suite *s = suite_create("acd_config");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_acd_config_good);
	tcase_add_test(tc, test_acd_config_defaults_and_forward_refs);
	tcase_add_test(tc, test_acd_config_example_file);
	tcase_add_test(tc, test_acd_config_missing_file);
	tcase_add_test(tc, test_acd_config_errors);
	tcase_add_test(tc, test_acd_config_long_line);
	suite_add_tcase(s, tc);
	return s;
}
