// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineGatherDigits: digits detected on a call collected into the
 * application's buffer until it is full, a termination digit comes (it
 * is stored too), or a timeout expires: the first-digit timeout runs
 * from the start, the inter-digit timeout from each digit.  The buffer
 * is NUL-terminated when a digit slot is left over, as TAPI describes
 * (a first-digit timeout leaves just the NUL).
 *
 * Pure bookkeeping: the caller feeds digits and deadlines and posts
 * LINE_GATHERDIGITS with the termination reason returned.
 */
#include <ctype.h>
#include <string.h>

#include "engine.h"

#define DTMF_DIGITS "0123456789ABCD*#"

/**
 * tapi_gather_check_digits() - are these DTMF digits
 * @s: the string (termination digits, digits to generate)
 * @allow_empty: "" is acceptable
 *
 * a-d count as A-D.
 *
 * Return: 0 or LINEERR_INVALDIGITS.
 */
LONG tapi_gather_check_digits(const char *s, bool allow_empty)
{
	if (!*s)
		return allow_empty ? 0 : LINEERR_INVALDIGITS;
	for (; *s; s++)
		if (!strchr(DTMF_DIGITS, toupper((unsigned char)*s)))
			return LINEERR_INVALDIGITS;
	return 0;
}

/**
 * tapi_gather_start() - begin gathering
 * @g: the gather state; a gathering in progress is simply replaced
 *	(the caller reports its cancellation first)
 * @buf: the application's buffer
 * @size: its room in digits, at least 1
 * @term: termination digits, checked, may be NULL or ""
 * @first_ms: first-digit timeout, 0 for none
 * @inter_ms: inter-digit timeout, 0 for none
 * @now_ms: the time
 */
void tapi_gather_start(struct tapi_gather *g, char *buf, DWORD size,
		       const char *term, DWORD first_ms, DWORD inter_ms,
		       uint64_t now_ms)
{
	size_t i = 0;

	memset(g, 0, sizeof(*g));
	g->active = true;
	g->buf = buf;
	g->size = size;
	for (; term && term[i] && i < sizeof(g->term) - 1; i++)
		g->term[i] = toupper((unsigned char)term[i]);
	g->term[i] = '\0';
	g->first_timeout_ms = first_ms;
	g->inter_timeout_ms = inter_ms;
	g->deadline_ms = first_ms ? now_ms + first_ms : 0;
}

/**
 * tapi_gather_digit() - a digit was detected
 * @g: the gather state
 * @digit: the digit, as the kernel reports it
 * @now_ms: the time
 *
 * Return: 0 while gathering goes on, else the LINEGATHERTERM_ reason it
 * ended for (call tapi_gather_finish() then).
 */
DWORD tapi_gather_digit(struct tapi_gather *g, char digit, uint64_t now_ms)
{
	if (!g->active || g->count >= g->size)
		return 0;
	g->buf[g->count++] = digit;
	if (strchr(g->term, digit) && digit)
		return LINEGATHERTERM_TERMDIGIT;
	if (g->count == g->size)
		return LINEGATHERTERM_BUFFERFULL;
	g->deadline_ms = g->inter_timeout_ms ? now_ms + g->inter_timeout_ms : 0;
	return 0;
}

/**
 * tapi_gather_timeout() - time passed
 * @g: the gather state
 * @now_ms: the time
 *
 * Return: 0, or LINEGATHERTERM_FIRSTTIMEOUT / INTERTIMEOUT when the
 * running timeout expired.
 */
DWORD tapi_gather_timeout(struct tapi_gather *g, uint64_t now_ms)
{
	if (!g->active || !g->deadline_ms || now_ms < g->deadline_ms)
		return 0;
	return g->count ? LINEGATHERTERM_INTERTIMEOUT :
			  LINEGATHERTERM_FIRSTTIMEOUT;
}

/**
 * tapi_gather_finish() - end gathering, terminating the buffer
 * @g: the gather state; inactive afterwards
 */
void tapi_gather_finish(struct tapi_gather *g)
{
	if (g->active && g->count < g->size)
		g->buf[g->count] = '\0';
	g->active = false;
	g->deadline_ms = 0;
}
