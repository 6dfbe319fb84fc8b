// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Run our DTMF receiver or spandsp's over a signal; see dtmf_impl.h. */
#include <spandsp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtmf.h"
#include "dtmf_impl.h"

struct run_ctx {
	struct dtmf_result *r;
	long pos;		/* samples fed so far, including this chunk */
};

static void add_start(struct run_ctx *c, char digit)
{
	struct dtmf_event *e;

	if (c->r->n >= DTMF_IMPL_MAX_EVENTS)
		return;
	e = &c->r->ev[c->r->n++];
	e->digit = digit;
	e->start = c->pos;
	e->end = -1;
	e->duration_ms = -1;
}

static void add_end(struct run_ctx *c, int duration_ms)
{
	if (c->r->n == 0 || c->r->ev[c->r->n - 1].end >= 0)
		return;
	c->r->ev[c->r->n - 1].end = c->pos;
	c->r->ev[c->r->n - 1].duration_ms = duration_ms;
}

static void ours_digit(void *user, char digit, bool end,
		       unsigned int duration_ms)
{
	if (end)
		add_end(user, (int)duration_ms);
	else
		add_start(user, digit);
}

static void spandsp_digit(void *user, int code, int level, int delay)
{
	if (code)
		add_start(user, (char)code);
	else
		add_end(user, -1);
}

const char *dtmf_impl_name(enum dtmf_impl impl)
{
	return impl == DTMF_OURS ? "linux-tapi" : "spandsp";
}

void dtmf_impl_run(enum dtmf_impl impl, const int16_t *x, long n, int chunk,
		   struct dtmf_result *r)
{
	struct run_ctx c = { .r = r, .pos = 0 };
	struct tapi_dtmf_rx_state ours;
	dtmf_rx_state_t *sp = NULL;
	long i;
	int len;

	r->n = 0;
	if (impl == DTMF_OURS) {
		tapi_dtmf_rx_init(&ours, ours_digit, &c);
	} else {
		sp = dtmf_rx_init(NULL, NULL, NULL);
		dtmf_rx_set_realtime_callback(sp, spandsp_digit, &c);
	}
	for (i = 0; i < n; i += len) {
		len = n - i < chunk ? (int)(n - i) : chunk;
		c.pos = i + len;
		if (impl == DTMF_OURS)
			tapi_dtmf_rx(&ours, x + i, len);
		else
			dtmf_rx(sp, x + i, len);
	}
	if (sp)
		dtmf_rx_free(sp);
}

void dtmf_result_digits(const struct dtmf_result *r, char *buf, int max)
{
	int i;

	for (i = 0; i < r->n && i < max - 1; i++)
		buf[i] = r->ev[i].digit;
	buf[i] = '\0';
}
