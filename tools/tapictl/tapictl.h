/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapictl: command-line control of linux-tapi channels and of the
 * simulated card.  One file per group of subcommands; this header holds
 * what they share (util.c, events.c).
 */
#ifndef TAPICTL_H
#define TAPICTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tapi.h>

#define TAPI_DEV_DIR	"/dev/tapi"
#define TAPI_SIM_DEV	"/dev/tapi/sim"
#define TAPI_SIM_DRIVER	"tapi_sim"

/**
 * struct tc_command - a subcommand
 * @name: what the user types
 * @args: argument synopsis for the usage text
 * @help: one line of description
 * @run: the subcommand; argv[0] is @name; returns the exit status
 */
struct tc_command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* list.c */
int tc_cmd_list(int argc, char **argv);
int tc_cmd_info(int argc, char **argv);
/* watch.c */
int tc_cmd_watch(int argc, char **argv);
/* line.c */
int tc_cmd_hook(int argc, char **argv);
int tc_cmd_ring(int argc, char **argv);
int tc_cmd_dial(int argc, char **argv);
/* sim.c */
int tc_cmd_sim(int argc, char **argv);
/* demo.c */
int tc_cmd_demo(int argc, char **argv);
/* demo_tapi.c: the same call through libtapi's TAPI 2.2 line API */
int tc_cmd_tapi_call(int argc, char **argv);
int tc_demo_tapi(unsigned int line_a, unsigned int line_b, int timeout_ms);

/* util.c: errors; each returns the exit status 1 for convenience. */
int tc_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tc_errno(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int tc_usage(const char *command);

/* util.c: parsing */
int tc_parse_uint(const char *s, unsigned int max, unsigned int *out);
int tc_parse_channel(const char *s, unsigned int *out);

/* util.c: devices */
int tc_open_channel(unsigned int channel);
int tc_open_sim(void);
int tc_channel_info(unsigned int channel, struct tapi_chan_info *info);
int tc_channel_numbers(unsigned int **numbers, size_t *count);

/* util.c: names */
const char *tc_signalling_name(uint32_t sig);
const char *tc_hook_name(uint32_t hook);
const char *tc_event_name(uint32_t type);
const char *tc_tone_name(uint32_t tone);
const char *tc_co_state_name(uint32_t state);
const char *tc_call_state_name(uint32_t state);
const char *tc_call_cause_name(uint32_t cause);
void tc_caps_string(uint32_t caps, char *buf, size_t size);
int tc_co_state_parse(const char *name);

/* util.c: time */
uint64_t tc_now_ns(void);

/*
 * events.c: watching the events of several channels at once, printing
 * each as it arrives.
 */
#define TC_WATCH_MAX	64

/**
 * struct tc_watch - channels being watched
 * @n: channels in use
 * @fd: their open files
 * @channel: their numbers
 * @name: their names
 * @start_ns: CLOCK_MONOTONIC origin of the printed times
 * @quiet: do not print events
 */
struct tc_watch {
	unsigned int n;
	int fd[TC_WATCH_MAX];
	unsigned int channel[TC_WATCH_MAX];
	char name[TC_WATCH_MAX][TAPI_NAME_LEN];
	uint64_t start_ns;
	bool quiet;
};

void tc_watch_init(struct tc_watch *w);
int tc_watch_add(struct tc_watch *w, unsigned int channel);
void tc_watch_close(struct tc_watch *w);
int tc_watch_next(struct tc_watch *w, int timeout_ms, unsigned int *index,
		  struct tapi_event *ev);
void tc_event_describe(const struct tapi_event *ev, char *buf, size_t size);
void tc_watch_print(struct tc_watch *w, unsigned int index,
		    const struct tapi_event *ev);
void tc_watch_note(struct tc_watch *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* TAPICTL_H */
