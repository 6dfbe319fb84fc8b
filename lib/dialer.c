// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Executing a dial plan (dialstring.c) on a line: the steps in order,
 * each one waiting for what it needs before the next begins.
 *
 *   digits  handed to the kernel in one TAPI_IOC_DIAL (LINEDIALPARAMS
 *           dwDigitDuration and dwDialSpeed as tone and pause lengths);
 *           the next step waits for TAPI_EV_DIAL_DONE
 *   ','     dwDialPause ms
 *   'W'     dial tone heard since the last digits were sent (at once if
 *           so), else up to dwWaitForDialtone ms; none: the plan fails
 *           and the call is disconnected with LINEDISCONNECTMODE_NODIALTONE
 *   '@'     ring-back, then silence (or the answer); up to
 *           TAPI_DIALER_QUIET_MS for each
 *   '!'     a hook flash, then TAPI_DIALER_FLASH_MS
 *
 * No I/O of its own: the caller feeds inputs and deadlines, and the
 * dialer drives the line through its ops, so the unit tests run it
 * against a fake line and a fake clock.
 */
#include <string.h>

#include "engine.h"

/**
 * tapi_dialer_init() - an idle dialer
 * @d: the dialer
 * @ops: how it drives the line
 * @ctx: passed to @ops
 */
void tapi_dialer_init(struct tapi_dialer *d, const struct tapi_dialer_ops *ops,
		      void *ctx)
{
	memset(d, 0, sizeof(*d));
	d->ops = ops;
	d->ctx = ctx;
}

static enum tapi_dialer_status fail(struct tapi_dialer *d, LONG error,
				    DWORD mode)
{
	d->error = error;
	d->fail_mode = mode;
	d->wait = TAPI_DIALER_IDLE;
	d->deadline_ms = 0;
	tapi_dialplan_release(&d->plan);
	return TAPI_DIALER_FAILED;
}

static enum tapi_dialer_status wait_for(struct tapi_dialer *d,
					enum tapi_dialer_wait wait,
					uint64_t now_ms, uint64_t ms)
{
	d->wait = wait;
	d->deadline_ms = now_ms + ms;
	return TAPI_DIALER_RUNNING;
}

/* Run steps until one has to wait, or the plan is done. */
static enum tapi_dialer_status advance(struct tapi_dialer *d, uint64_t now_ms)
{
	const LINEDIALPARAMS *p = &d->params;

	d->wait = TAPI_DIALER_IDLE;
	d->deadline_ms = 0;
	while (d->next < d->plan.nsteps) {
		const struct tapi_dial_step *s = &d->plan.steps[d->next++];
		size_t len;

		switch (s->kind) {
		case TAPI_STEP_DIGITS:
			if (s->mode != TAPI_DIAL_TONE)
				return fail(d, LINEERR_INVALADDRESS,
					    LINEDISCONNECTMODE_UNKNOWN);
			if (d->ops->dial(d->ctx, s->digits, p->dwDigitDuration,
					 p->dwDialSpeed))
				return fail(d, LINEERR_OPERATIONFAILED,
					    LINEDISCONNECTMODE_UNKNOWN);
			d->dialtone = false;
			len = strlen(s->digits);
			return wait_for(d, TAPI_DIALER_DIAL_DONE, now_ms,
					len * (p->dwDigitDuration +
					       p->dwDialSpeed) +
					TAPI_DIALER_RUN_SLACK_MS);
		case TAPI_STEP_PAUSE:
			if (p->dwDialPause)
				return wait_for(d, TAPI_DIALER_PAUSE, now_ms,
						p->dwDialPause);
			break;
		case TAPI_STEP_WAIT_DIALTONE:
			if (!d->dialtone)
				return wait_for(d, TAPI_DIALER_DIALTONE, now_ms,
						p->dwWaitForDialtone);
			break;
		case TAPI_STEP_WAIT_QUIET:
			return wait_for(d, TAPI_DIALER_RINGBACK, now_ms,
					TAPI_DIALER_QUIET_MS);
		case TAPI_STEP_FLASH:
			if (d->ops->flash(d->ctx))
				return fail(d, LINEERR_OPERATIONFAILED,
					    LINEDISCONNECTMODE_UNKNOWN);
			d->dialtone = false;
			return wait_for(d, TAPI_DIALER_FLASH, now_ms,
					TAPI_DIALER_FLASH_MS);
		case TAPI_STEP_WAIT_BILLING:
		default:	/* no detector for the billing tone */
			return fail(d, LINEERR_DIALBILLING,
				    LINEDISCONNECTMODE_UNKNOWN);
		}
	}
	tapi_dialplan_release(&d->plan);
	return TAPI_DIALER_DONE;
}

/**
 * tapi_dialer_start() - begin executing a plan
 * @d: an idle dialer (tapi_dialer_note_dialtone() may have been called)
 * @plan: the plan; the dialer takes it over and leaves @plan empty
 * @params: the dialing parameters, already within the line's limits
 * @now_ms: the time
 *
 * Return: the dialer's status; RUNNING means it waits for an input or
 * for tapi_dialer_timeout() at d->deadline_ms.
 */
enum tapi_dialer_status tapi_dialer_start(struct tapi_dialer *d,
					  struct tapi_dialplan *plan,
					  const LINEDIALPARAMS *params,
					  uint64_t now_ms)
{
	tapi_dialplan_release(&d->plan);
	d->plan = *plan;
	memset(plan, 0, sizeof(*plan));
	d->next = 0;
	d->params = *params;
	d->error = 0;
	d->fail_mode = 0;
	return advance(d, now_ms);
}

/**
 * tapi_dialer_input() - the dialer hears something
 * @d: the dialer
 * @in: what
 * @now_ms: the time
 *
 * Return: the dialer's status (DONE also when it was idle).
 */
enum tapi_dialer_status tapi_dialer_input(struct tapi_dialer *d,
					  enum tapi_dialer_input in,
					  uint64_t now_ms)
{
	if (in == TAPI_DIALER_IN_DIALTONE)
		d->dialtone = true;
	switch (d->wait) {
	case TAPI_DIALER_IDLE:
		return TAPI_DIALER_DONE;
	case TAPI_DIALER_DIALTONE:
		if (in == TAPI_DIALER_IN_DIALTONE)
			return advance(d, now_ms);
		break;
	case TAPI_DIALER_DIAL_DONE:
		if (in == TAPI_DIALER_IN_DIAL_DONE)
			return advance(d, now_ms);
		/*
		 * Answered while the plan's last digits still play (an
		 * exchange completes a number at its last digit's onset):
		 * the plan is done, so the call is free for lineGenerate*,
		 * whose output the kernel plays after those digits.
		 */
		if (in == TAPI_DIALER_IN_ANSWERED &&
		    d->next == d->plan.nsteps)
			return advance(d, now_ms);
		break;
	case TAPI_DIALER_RINGBACK:
		if (in == TAPI_DIALER_IN_ANSWERED)
			return advance(d, now_ms);
		if (in == TAPI_DIALER_IN_RINGBACK)
			return wait_for(d, TAPI_DIALER_QUIET, now_ms,
					TAPI_DIALER_QUIET_MS);
		break;
	case TAPI_DIALER_QUIET:
		if (in == TAPI_DIALER_IN_QUIET || in == TAPI_DIALER_IN_ANSWERED)
			return advance(d, now_ms);
		break;
	case TAPI_DIALER_PAUSE:
	case TAPI_DIALER_FLASH:
		break;
	}
	return TAPI_DIALER_RUNNING;
}

/**
 * tapi_dialer_timeout() - time passed
 * @d: the dialer
 * @now_ms: the time; nothing happens before d->deadline_ms
 *
 * Return: the dialer's status.
 */
enum tapi_dialer_status tapi_dialer_timeout(struct tapi_dialer *d,
					    uint64_t now_ms)
{
	if (d->wait == TAPI_DIALER_IDLE)
		return TAPI_DIALER_DONE;
	if (now_ms < d->deadline_ms)
		return TAPI_DIALER_RUNNING;
	switch (d->wait) {
	case TAPI_DIALER_PAUSE:
	case TAPI_DIALER_FLASH:
		return advance(d, now_ms);
	case TAPI_DIALER_DIALTONE:
		return fail(d, LINEERR_OPERATIONFAILED,
			    LINEDISCONNECTMODE_NODIALTONE);
	case TAPI_DIALER_RINGBACK:
	case TAPI_DIALER_QUIET:
		return fail(d, LINEERR_OPERATIONFAILED,
			    LINEDISCONNECTMODE_NOANSWER);
	default:	/* the kernel never finished the digits */
		return fail(d, LINEERR_OPERATIONFAILED,
			    LINEDISCONNECTMODE_UNKNOWN);
	}
}

/**
 * tapi_dialer_note_dialtone() - whether dial tone is on the line now
 * @d: the dialer
 * @present: dial tone is heard
 *
 * Lets a plan that begins with 'W' go on at once when the line already
 * has dial tone.
 */
void tapi_dialer_note_dialtone(struct tapi_dialer *d, bool present)
{
	d->dialtone = present;
}

/**
 * tapi_dialer_busy() - is a plan being executed
 * @d: the dialer
 *
 * Return: true while the dialer waits for something.
 */
bool tapi_dialer_busy(const struct tapi_dialer *d)
{
	return d->wait != TAPI_DIALER_IDLE;
}

/**
 * tapi_dialer_cancel() - stop, forgetting the rest of the plan
 * @d: the dialer; idle afterwards
 */
void tapi_dialer_cancel(struct tapi_dialer *d)
{
	tapi_dialplan_release(&d->plan);
	d->wait = TAPI_DIALER_IDLE;
	d->deadline_ms = 0;
}
