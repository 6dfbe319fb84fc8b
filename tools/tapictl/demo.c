// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl demo: the simulated card at work.
 *
 * 1. Lists the channels.
 * 2. A simulated phone on an FXS port goes off-hook, dials a number and
 *    hangs up; the core's events on the port's channel are printed as
 *    they arrive (HOOK, DIGIT_START/DIGIT_END with durations, HOOK).
 * 3. One FXO line calls another through the simulated central office:
 *    dial tone, DTMF dialling, ringing, answer, digits both ways through
 *    the call, hang-up and disconnect.
 * 4. An outside caller rings an FXO line, with caller ID between the
 *    first and second ring; the line answers; the caller hangs up.
 *
 * Every step waits for the events it causes; if one does not arrive in
 * time the demo says which and exits with status 1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "tapictl.h"

/**
 * struct tc_demo - what the demo uses
 * @w: the watched channels: the phone's, line A's, line B's
 * @sim: /dev/tapi/sim
 * @timeout_ms: how long any one expected event may take
 * @added_card: card number of the card the demo added, or -1
 * @phone: channel of the FXS port
 * @line_a: channel of the calling FXO line
 * @line_b: channel of the called FXO line
 * @number_b: line B's directory number
 * @seen: events of the current step printed but not expected yet: a step
 *	expects several events whose order is not fixed (line B may ring
 *	before line A's DIAL_DONE)
 * @seen_index: the watched channel of each entry of @seen
 * @nseen: entries in @seen
 */
struct tc_demo {
	struct tc_watch w;
	struct tapi_event seen[64];
	unsigned int seen_index[64];
	unsigned int nseen;
	int sim;
	int timeout_ms;
	long added_card;
	unsigned int phone, line_a, line_b;
	char number_b[TAPI_DIGITS_LEN];
};

enum { TC_PHONE, TC_LINE_A, TC_LINE_B };

static int tc_demo_status(struct tc_demo *d, unsigned int channel,
			  struct tapi_sim_status *st)
{
	memset(st, 0, sizeof(*st));
	st->channel = channel;
	if (ioctl(d->sim, TAPI_SIM_IOC_STATUS, st))
		return tc_errno(errno, "channel %u: status", channel), -1;
	return 0;
}

static int tc_demo_port(struct tc_demo *d, unsigned long cmd,
			const char *what, unsigned int channel, uint32_t arg,
			const char *digits)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	port.channel = channel;
	port.arg = arg;
	if (digits)
		snprintf(port.digits, sizeof(port.digits), "%s", digits);
	if (ioctl(d->sim, cmd, &port))
		return tc_errno(errno, "channel %u: %s", channel, what), -1;
	return 0;
}

static bool tc_demo_match(const struct tapi_event *ev, uint32_t type,
			  long value)
{
	return ev->type == type && (value < 0 || ev->value == (uint32_t)value);
}

/*
 * Print an event; for a caller ID the core decoded, also what it says
 * (TAPI_IOC_GET_CALL; nothing if the module has no call state).
 */
static void tc_demo_show(struct tc_demo *d, unsigned int index,
			 const struct tapi_event *ev)
{
	struct tapi_call_info call;

	tc_watch_print(&d->w, index, ev);
	if (ev->type != TAPI_EV_CALLER_ID)
		return;
	memset(&call, 0, sizeof(call));
	if (!ioctl(d->w.fd[index], TAPI_IOC_GET_CALL, &call))
		tc_watch_note(&d->w, "caller ID on line %u: number \"%s\", name \"%s\"",
			      d->w.channel[index], call.caller_number,
			      call.caller_name);
}

/* An event printed before the step expects it. */
static void tc_demo_remember(struct tc_demo *d, unsigned int index,
			     const struct tapi_event *ev)
{
	if (d->nseen == sizeof(d->seen) / sizeof(d->seen[0]))
		return;
	d->seen[d->nseen] = *ev;
	d->seen_index[d->nseen++] = index;
}

/* A new step, said as it starts: events seen so far are no longer waited for. */
#define tc_demo_step(d, ...) do {				\
		(d)->nseen = 0;					\
		tc_watch_note(&(d)->w, __VA_ARGS__);		\
	} while (0)

/*
 * Wait for an event of type (and value, unless negative) on watched
 * channel index, printing every event as it arrives.  An event printed
 * earlier in the same step counts, once.  0, or -1 when it did not come
 * in time.
 */
static int tc_demo_expect(struct tc_demo *d, unsigned int index,
			  uint32_t type, long value, struct tapi_event *out)
{
	uint64_t deadline = tc_now_ns() + (uint64_t)d->timeout_ms * 1000000;
	struct tapi_event ev;
	unsigned int i;
	int ret;

	for (i = 0; i < d->nseen; i++) {
		if (d->seen_index[i] != index ||
		    !tc_demo_match(&d->seen[i], type, value))
			continue;
		if (out)
			*out = d->seen[i];
		d->nseen--;
		memmove(&d->seen[i], &d->seen[i + 1],
			(d->nseen - i) * sizeof(d->seen[0]));
		memmove(&d->seen_index[i], &d->seen_index[i + 1],
			(d->nseen - i) * sizeof(d->seen_index[0]));
		return 0;
	}

	for (;;) {
		uint64_t now = tc_now_ns();

		if (now >= deadline)
			break;
		ret = tc_watch_next(&d->w, (deadline - now) / 1000000 + 1, &i,
				    &ev);
		if (ret < 0)
			return -1;
		if (ret == 0)
			break;
		tc_demo_show(d, i, &ev);
		if (i == index && tc_demo_match(&ev, type, value)) {
			if (out)
				*out = ev;
			return 0;
		}
		tc_demo_remember(d, i, &ev);
	}
	tc_error("demo: no %s event on channel %u within %d s",
		 tc_event_name(type), d->w.channel[index], d->timeout_ms / 1000);
	return -1;
}

/* Print events while waiting for a CO line to reach a state. */
static int tc_demo_expect_co(struct tc_demo *d, unsigned int channel,
			     uint32_t state)
{
	uint64_t deadline = tc_now_ns() + (uint64_t)d->timeout_ms * 1000000;
	struct tapi_sim_status st;
	struct tapi_event ev;
	unsigned int i;
	int ret;

	for (;;) {
		if (tc_demo_status(d, channel, &st))
			return -1;
		if (st.co_state == state) {
			tc_watch_note(&d->w, "CO: line %u (%s) is %s", channel,
				      st.number, tc_co_state_name(state));
			return 0;
		}
		if (tc_now_ns() >= deadline)
			break;
		ret = tc_watch_next(&d->w, 10, &i, &ev);
		if (ret < 0)
			return -1;
		if (ret) {
			tc_demo_show(d, i, &ev);
			tc_demo_remember(d, i, &ev);
		}
	}
	tc_error("demo: line %u is %s, not %s, after %d s", channel,
		 tc_co_state_name(st.co_state), tc_co_state_name(state),
		 d->timeout_ms / 1000);
	return -1;
}

static int tc_demo_dial(struct tc_demo *d, unsigned int index,
			const char *digits)
{
	struct tapi_dial dial;

	memset(&dial, 0, sizeof(dial));
	snprintf(dial.digits, sizeof(dial.digits), "%s", digits);
	if (ioctl(d->w.fd[index], TAPI_IOC_DIAL, &dial))
		return tc_errno(errno, "channel %u: dial", d->w.channel[index]), -1;
	return 0;
}

static int tc_demo_hook(struct tc_demo *d, unsigned int index, uint32_t hook)
{
	if (ioctl(d->w.fd[index], TAPI_IOC_SET_HOOK, &hook))
		return tc_errno(errno, "channel %u: hook", d->w.channel[index]), -1;
	return 0;
}

/* Expect DIGIT_START and DIGIT_END of every digit, in order. */
static int tc_demo_expect_digits(struct tc_demo *d, unsigned int index,
				 const char *digits)
{
	for (; *digits; digits++) {
		if (tc_demo_expect(d, index, TAPI_EV_DIGIT_START, *digits, NULL) ||
		    tc_demo_expect(d, index, TAPI_EV_DIGIT_END, *digits, NULL))
			return -1;
	}
	return 0;
}

/* Simulated ports the demo may use: idle ones of the running cards. */
static int tc_demo_find_ports(struct tc_demo *d)
{
	unsigned int *numbers, found_fxo = 0;
	struct tapi_sim_status st;
	bool found_fxs = false;
	size_t count, i;

	if (tc_channel_numbers(&numbers, &count))
		return -1;
	for (i = 0; i < count; i++) {
		memset(&st, 0, sizeof(st));
		st.channel = numbers[i];
		if (ioctl(d->sim, TAPI_SIM_IOC_STATUS, &st) || st.hook ||
		    st.peer >= 0)
			continue;
		if (!st.number[0]) {
			if (!found_fxs) {
				d->phone = numbers[i];
				found_fxs = true;
			}
		} else if (st.co_state == TAPI_SIM_CO_IDLE && found_fxo < 2) {
			if (found_fxo++)
				d->line_b = numbers[i];
			else
				d->line_a = numbers[i];
		}
	}
	free(numbers);
	return found_fxs && found_fxo == 2 ? 0 : -1;
}

static int tc_demo_setup(struct tc_demo *d)
{
	struct tapi_sim_card card;

	if (!tc_demo_find_ports(d))
		return 0;
	printf("\n== No idle simulated FXS port and two FXO lines: adding a card\n");
	memset(&card, 0, sizeof(card));
	card.nfxs = 1;
	card.nfxo = 2;
	if (ioctl(d->sim, TAPI_SIM_IOC_CARD_ADD, &card))
		return tc_errno(errno, "card-add"), -1;
	d->added_card = card.card;
	d->phone = card.first_channel;
	d->line_a = card.first_channel + 1;
	d->line_b = card.first_channel + 2;
	printf("card %u %s: channels %u-%u\n", card.card, card.name,
	       card.first_channel, card.first_channel + 2);
	return 0;
}

static int tc_demo_phone(struct tc_demo *d)
{
	unsigned int ch = d->phone;

	printf("\n== A phone on FXS channel %u goes off-hook, dials %s, hangs up\n",
	       ch, d->number_b);
	printf("   (the phone keys DTMF audio; the core's receiver reports the digits)\n");
	tc_demo_step(d, "phone %u: off-hook", ch);
	if (tc_demo_port(d, TAPI_SIM_IOC_PHONE_HOOK, "phone-hook", ch, 1, NULL) ||
	    tc_demo_expect(d, TC_PHONE, TAPI_EV_HOOK, TAPI_HOOK_OFF, NULL))
		return -1;
	tc_demo_step(d, "phone %u: keys %s", ch, d->number_b);
	if (tc_demo_port(d, TAPI_SIM_IOC_PHONE_DIAL, "phone-dial", ch, 0,
			 d->number_b) ||
	    tc_demo_expect_digits(d, TC_PHONE, d->number_b))
		return -1;
	tc_demo_step(d, "phone %u: on-hook", ch);
	if (tc_demo_port(d, TAPI_SIM_IOC_PHONE_HOOK, "phone-hook", ch, 0, NULL) ||
	    tc_demo_expect(d, TC_PHONE, TAPI_EV_HOOK, TAPI_HOOK_ON, NULL))
		return -1;
	return 0;
}

static int tc_demo_call(struct tc_demo *d)
{
	unsigned int a = d->line_a, b = d->line_b;

	printf("\n== FXO line %u calls line %u (number %s) through the simulated CO\n",
	       a, b, d->number_b);
	tc_demo_step(d, "line %u: off-hook", a);
	if (tc_demo_hook(d, TC_LINE_A, TAPI_HOOK_OFF) ||
	    tc_demo_expect_co(d, a, TAPI_SIM_CO_DIALTONE))
		return -1;
	tc_demo_step(d, "line %u: dials %s", a, d->number_b);
	if (tc_demo_dial(d, TC_LINE_A, d->number_b) ||
	    tc_demo_expect(d, TC_LINE_A, TAPI_EV_DIAL_DONE, -1, NULL) ||
	    tc_demo_expect(d, TC_LINE_B, TAPI_EV_RING, 1, NULL) ||
	    tc_demo_expect_co(d, a, TAPI_SIM_CO_RINGBACK))
		return -1;
	tc_demo_step(d, "line %u: answers (off-hook)", b);
	if (tc_demo_hook(d, TC_LINE_B, TAPI_HOOK_OFF) ||
	    tc_demo_expect(d, TC_LINE_A, TAPI_EV_POLARITY, 1, NULL) ||
	    tc_demo_expect_co(d, b, TAPI_SIM_CO_CONNECTED) ||
	    tc_demo_expect_co(d, a, TAPI_SIM_CO_CONNECTED))
		return -1;
	tc_demo_step(d, "line %u: sends 42 through the call", a);
	if (tc_demo_dial(d, TC_LINE_A, "42") ||
	    tc_demo_expect_digits(d, TC_LINE_B, "42"))
		return -1;
	tc_demo_step(d, "line %u: sends 7 back", b);
	if (tc_demo_dial(d, TC_LINE_B, "7") ||
	    tc_demo_expect_digits(d, TC_LINE_A, "7"))
		return -1;
	tc_demo_step(d, "line %u: hangs up", b);
	if (tc_demo_hook(d, TC_LINE_B, TAPI_HOOK_ON) ||
	    tc_demo_expect(d, TC_LINE_A, TAPI_EV_POLARITY, 0, NULL) ||
	    tc_demo_expect_co(d, a, TAPI_SIM_CO_DISCONNECTED))
		return -1;
	tc_demo_step(d, "line %u: hangs up", a);
	if (tc_demo_hook(d, TC_LINE_A, TAPI_HOOK_ON) ||
	    tc_demo_expect_co(d, a, TAPI_SIM_CO_IDLE) ||
	    tc_demo_expect_co(d, b, TAPI_SIM_CO_IDLE))
		return -1;
	return 0;
}

static int tc_demo_outside_call(struct tc_demo *d)
{
	unsigned int b = d->line_b;
	struct tapi_sim_port port;

	printf("\n== An outside caller, 5551234 \"Alice\", rings line %u; caller ID comes\n"
	       "   between the first and second ring; the line answers, the caller hangs up\n",
	       b);
	tc_demo_step(d, "CO: outside call for line %u", b);
	memset(&port, 0, sizeof(port));
	port.channel = b;
	snprintf(port.digits, sizeof(port.digits), "5551234");
	snprintf(port.name, sizeof(port.name), "Alice");
	if (ioctl(d->sim, TAPI_SIM_IOC_CO_RING, &port))
		return tc_errno(errno, "channel %u: co-ring", b), -1;
	if (tc_demo_expect(d, TC_LINE_B, TAPI_EV_RING, 1, NULL) ||
	    tc_demo_expect(d, TC_LINE_B, TAPI_EV_RING, 0, NULL) ||
	    tc_demo_expect(d, TC_LINE_B, TAPI_EV_RING, 1, NULL))
		return -1;
	tc_demo_step(d, "line %u: answers (off-hook)", b);
	if (tc_demo_hook(d, TC_LINE_B, TAPI_HOOK_OFF) ||
	    tc_demo_expect_co(d, b, TAPI_SIM_CO_CONNECTED))
		return -1;
	tc_demo_step(d, "CO: the outside caller hangs up");
	if (tc_demo_port(d, TAPI_SIM_IOC_CO_HANGUP, "co-hangup", b, 0, NULL) ||
	    tc_demo_expect(d, TC_LINE_B, TAPI_EV_POLARITY, 1, NULL) ||
	    tc_demo_expect(d, TC_LINE_B, TAPI_EV_POLARITY, 0, NULL) ||
	    tc_demo_expect_co(d, b, TAPI_SIM_CO_DISCONNECTED))
		return -1;
	tc_demo_step(d, "line %u: hangs up", b);
	if (tc_demo_hook(d, TC_LINE_B, TAPI_HOOK_ON) ||
	    tc_demo_expect_co(d, b, TAPI_SIM_CO_IDLE))
		return -1;
	return 0;
}

/* Leave the ports as found, whatever happened. */
static void tc_demo_cleanup(struct tc_demo *d)
{
	uint32_t card;

	if (d->w.n > TC_PHONE)
		tc_demo_port(d, TAPI_SIM_IOC_PHONE_HOOK, "phone-hook", d->phone,
			     0, NULL);
	if (d->w.n > TC_LINE_B) {
		struct tapi_sim_port port = { .channel = d->line_b };
		uint32_t on = TAPI_HOOK_ON;

		ioctl(d->w.fd[TC_LINE_A], TAPI_IOC_SET_HOOK, &on);
		ioctl(d->w.fd[TC_LINE_B], TAPI_IOC_SET_HOOK, &on);
		/* An outside call may still ring (EINVAL if none: fine). */
		ioctl(d->sim, TAPI_SIM_IOC_CO_HANGUP, &port);
	}
	tc_watch_close(&d->w);
	if (d->added_card >= 0) {
		card = d->added_card;
		if (ioctl(d->sim, TAPI_SIM_IOC_CARD_REMOVE, &card))
			tc_errno(errno, "card-remove %u", card);
	}
}

int tc_cmd_demo(int argc, char **argv)
{
	struct tapi_sim_status st;
	struct tc_demo d;
	unsigned int seconds = 20;
	char *list_argv[] = { "list", NULL };
	int opt, ret = 1;

	optind = 0;
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't' || tc_parse_uint(optarg, 3600, &seconds) || !seconds)
			return tc_usage("demo");
	}
	if (optind != argc)
		return tc_usage("demo");

	memset(&d, 0, sizeof(d));
	d.timeout_ms = seconds * 1000;
	d.added_card = -1;
	tc_watch_init(&d.w);
	d.sim = tc_open_sim();
	if (d.sim < 0)
		return 1;

	printf("== Channels\n");
	if (tc_cmd_list(1, list_argv) || tc_demo_setup(&d))
		goto out;
	if (tc_demo_status(&d, d.line_b, &st))
		goto out;
	snprintf(d.number_b, sizeof(d.number_b), "%s", st.number);

	d.w.start_ns = tc_now_ns();
	if (tc_watch_add(&d.w, d.phone) || tc_watch_add(&d.w, d.line_a) ||
	    tc_watch_add(&d.w, d.line_b))
		goto out;
	printf("\nEvents as they arrive: [seconds] channel name event\n");
	if (tc_demo_phone(&d) || tc_demo_call(&d) || tc_demo_outside_call(&d))
		goto out;
	/* The same lines once more, through libtapi (demo_tapi.c). */
	if (tc_demo_tapi(d.line_a, d.line_b, d.timeout_ms))
		goto out;
	printf("\ndemo: every expected event arrived\n");
	ret = 0;
out:
	tc_demo_cleanup(&d);
	close(d.sim);
	if (ret)
		fprintf(stderr, "tapictl: demo failed\n");
	return ret;
}
