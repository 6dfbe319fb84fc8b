// SPDX-License-Identifier: GPL-2.0
/*
 * tapi-acd - an ACD (automatic call distributor) and TAPI call-center
 * proxy on libtapi.  See tapi-acd(8).
 *
 * The main loop waits in lineGetMessage no longer than the ACD core's
 * next timer (ring-no-answer, wrap-up, announcements), feeds the core
 * what the lines report, serves proxy requests, and after every step
 * carries out the core's actions.  SIGTERM or SIGINT ends it: lines
 * closed (the kernel answers requests still pending with
 * LINEERR_OPERATIONFAILED), bridges undone.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tapi_acd.h"

#ifndef ACD_DEFAULT_CONFIG
#define ACD_DEFAULT_CONFIG	"/etc/tapi-acd.conf"
#endif
#define MAX_WAIT_MS		250	/* how soon a signal is noticed */

static volatile sig_atomic_t stop;
static bool line_lost;		/* stopped because a line went: exit 1 */

static void on_signal(int sig)
{
	stop = sig;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t acd_now(const struct acd_daemon *d)
{
	return mono_ms() - d->clock_base;
}

void acd_log(const struct acd_daemon *d, int level, const char *fmt, ...)
{
	va_list ap;

	if (level > d->verbose)
		return;
	fprintf(stderr, "tapi-acd: [%llu.%03llu] ",
		(unsigned long long)acd_now(d) / 1000,
		(unsigned long long)acd_now(d) % 1000);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void run_actions(struct acd_daemon *d)
{
	struct acd_action a;

	while (acd_core_next_action(d->core, &a)) {
		if (a.kind == ACD_AGENT || a.kind == ACD_QUEUE ||
		    a.kind == ACD_SESSION)
			acd_notify_action(d, &a);
		else
			acd_calls_action(d, &a);
	}
}

static void handle(struct acd_daemon *d, const LINEMESSAGE *m)
{
	switch (m->dwMessageID) {
	case LINE_PROXYREQUEST:
		acd_proxy_request(d, m->hDevice,
				  (LINEPROXYREQUEST *)m->dwParam1);
		break;
	case LINE_CLOSE:	/* one of ours, closed under us */
		if (acd_line_by_hline(d, m->hDevice)) {
			acd_log(d, 0, "a line closed: stopping");
			stop = SIGTERM;
			line_lost = true;
		}
		break;
	case LINE_REMOVE:	/* any device: only ours matter */
		for (unsigned int i = 0; i < d->num_lines; i++) {
			if (d->lines[i].device_id != m->dwParam1)
				continue;
			acd_log(d, 0, "%s went away: stopping",
				d->lines[i].name);
			stop = SIGTERM;
			line_lost = true;
		}
		break;
	default:
		acd_calls_message(d, m);
		break;
	}
}

static int serve(struct acd_daemon *d)
{
	LINEINITIALIZEEXPARAMS params = {
		.dwTotalSize = sizeof(params),
		.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT,
	};
	DWORD version = ACD_API_VERSION;
	LINEMESSAGE m;
	LONG err;
	int ret = 0;

	err = lineInitializeEx(&d->app, NULL, NULL, "tapi-acd", &d->num_devs,
			       &version, &params);
	if (err) {
		fprintf(stderr, "tapi-acd: lineInitializeEx: 0x%08x\n",
			(unsigned int)err);
		return 1;
	}
	if (acd_lines_open(d)) {
		ret = 1;
		goto out;
	}
	for (unsigned int i = 0; i < d->num_lines; i++)
		acd_calls_adopt(d, &d->lines[i]);
	acd_notify_groups(d);
	acd_log(d, 0, "serving %u agents, %u queues", d->cfg.num_agents,
		d->cfg.num_queues);
	while (!stop) {
		uint64_t now = acd_now(d), next = acd_core_next_timer(d->core);
		DWORD wait = MAX_WAIT_MS;

		if (next != ACD_NEVER)
			wait = next <= now ? 0 : next - now < MAX_WAIT_MS ?
			       (DWORD)(next - now) : MAX_WAIT_MS;
		if (!lineGetMessage(d->app, &m, wait))
			handle(d, &m);
		acd_core_advance(d->core, acd_now(d));
		run_actions(d);
	}
	if (line_lost)
		ret = 1;
	else
		acd_log(d, 0, "stopping on signal %d", (int)stop);
out:
	acd_lines_close(d);
	lineShutdown(d->app);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tapi-acd [-v]... [-c FILE]\n"
		"       tapi-acd -t [-c FILE]\n"
		"  -c FILE  configuration (default " ACD_DEFAULT_CONFIG ")\n"
		"  -t       check the configuration and exit\n"
		"  -v       say more on stderr (twice: every call step)\n"
		"  -h       this help\n");
}

int main(int argc, char **argv)
{
	const char *config = ACD_DEFAULT_CONFIG;
	static struct acd_daemon d;
	char err[ACD_ERROR_MAX];
	struct sigaction sa;
	bool check = false;
	int opt, ret;

	while ((opt = getopt(argc, argv, "c:tvh")) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 't':
			check = true;
			break;
		case 'v':
			d.verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (acd_config_load(config, &d.cfg, err)) {
		fprintf(stderr, "tapi-acd: %s\n", err);
		return 1;
	}
	if (check) {
		printf("%s: %u agents, %u groups, %u queues\n", config,
		       d.cfg.num_agents, d.cfg.num_groups, d.cfg.num_queues);
		return 0;
	}
	d.clock_base = mono_ms();
	/* OLE DATE: days since 1899-12-30; 25569 days before 1970-01-01 */
	d.date_base = 25569.0 + (double)time(NULL) / 86400.0;
	d.core = acd_core_new(&d.cfg, 0);
	if (!d.core) {
		fprintf(stderr, "tapi-acd: out of memory\n");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	ret = serve(&d);
	acd_core_free(d.core);
	return ret;
}
