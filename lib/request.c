// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Asynchronous requests.  A TAPI function that completes later returns a
 * positive request ID at once; the result arrives as LINE_REPLY with the
 * ID in dwParam1 and the result (0 or a LINEERR_) in dwParam2.
 *
 * IDs are process-wide, positive and increasing; after 0x7FFFFFFF they
 * wrap to 1, long after any reply to an old ID has been delivered.
 */
#include <errno.h>

#include "private.h"

static atomic_uint request_counter;

/**
 * tapi_request_new() - a fresh request ID
 *
 * Return: a value in 1..0x7FFFFFFF, larger than the previous one until
 * the counter wraps.
 */
LONG tapi_request_new(void)
{
	unsigned int n = atomic_fetch_add_explicit(&request_counter, 1,
						   memory_order_relaxed);

	return (LONG)(n % 0x7FFFFFFFU) + 1;
}

/**
 * tapi_request_complete() - deliver LINE_REPLY for a request
 * @app: the application that made the request
 * @request_id: what the function returned
 * @result: 0 or a LINEERR_ value
 * @instance: dwCallbackInstance (that of the line the request concerned)
 *
 * dwParam2 carries @result sign-extended, so applications can compare it
 * with LINEERR_ constants directly or cast it to LONG.
 *
 * Return: 0, -EINVAL for a non-positive ID or a positive result, or the
 * error of tapi_app_post().
 */
int tapi_request_complete(struct tapi_app *app, LONG request_id,
			  LONG result, DWORD_PTR instance)
{
	if (request_id <= 0 || result > 0)
		return -EINVAL;
	return tapi_app_post(app, 0, LINE_REPLY, instance,
			     (DWORD_PTR)request_id,
			     (DWORD_PTR)(intptr_t)result, 0);
}
