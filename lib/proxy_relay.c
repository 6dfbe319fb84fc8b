// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * This process's end of the proxy relay.  It is opened the first time a
 * line is opened or an agent function runs, polled by the engine thread
 * from then on, and closed with the engine (lineShutdown of the last
 * application): closing the socket makes the kernel drop this process's
 * proxy registrations and answer requests pending with them.
 *
 * What the engine thread reads goes to proxy_request.c (requests for our
 * proxies), agent_request.c (answers to our requests), proxy_message.c
 * and proxy_line.c (the "proxy" group).
 */
#include <errno.h>
#include <string.h>

#include "proxy.h"

static pthread_mutex_t relay_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tapi_relay *relay;	/* (relay_lock) to set; then stable */
static bool relay_failed;		/* (relay_lock) the backend has none */

/**
 * tapi_proxy_relay_get() - the relay, opened on first use
 *
 * Called without the engine lock (opening talks to the kernel).  The
 * engine thread is woken so that it polls the new socket.
 *
 * Return: the relay, or NULL when the kernel has none (a tapi_core
 * before the proxy relay, or the fake backend of a test without one).
 */
struct tapi_relay *tapi_proxy_relay_get(void)
{
	const struct tapi_backend *be = tapi_backend_get();
	struct tapi_relay *r;
	bool opened = false;

	pthread_mutex_lock(&relay_lock);
	if (!relay && !relay_failed) {
		if (!be->relay_open || be->relay_open(&relay)) {
			relay = NULL;
			relay_failed = true;
		} else {
			opened = true;
		}
	}
	r = relay;
	pthread_mutex_unlock(&relay_lock);
	if (opened)
		tapi_engine_wake();
	return r;
}

/**
 * tapi_proxy_relay_fd() - what the engine thread polls for POLLIN
 *
 * Return: the relay's descriptor, or -1 before it is opened.
 */
int tapi_proxy_relay_fd(void)
{
	struct tapi_relay *r;

	pthread_mutex_lock(&relay_lock);
	r = relay;
	pthread_mutex_unlock(&relay_lock);
	return r ? r->poll_fd : -1;
}

static void note_received(void *ctx, const struct tapi_relay_note *n)
{
	(void)ctx;
	tapi_debug("relay: cmd %u channel %u type %u req %u cookie %u",
		   n->cmd, n->channel, n->type, n->req_id, n->cookie);
	switch (n->cmd) {
	case TAPI_CMD_PROXY_REQUEST:
		tapi_proxy_request_received(n);
		break;
	case TAPI_CMD_PROXY_RESPONSE:
		tapi_agent_request_answered(n);
		break;
	case TAPI_CMD_PROXY_MESSAGE:
		tapi_proxy_message_received(n);
		break;
	case TAPI_CMD_PROXY_STATUS:
		tapi_proxy_status_changed(n);
		break;
	default:
		break;
	}
}

/**
 * tapi_proxy_relay_read() - handle what the relay brought
 *
 * Engine thread, engine lock held.  When the socket overran, answers may
 * have been lost: the requests still waiting fail (LINE_REPLY with
 * LINEERR_OPERATIONFAILED) rather than wait for ever.
 */
void tapi_proxy_relay_read(void)
{
	struct tapi_relay *r;

	tapi_engine_assert_locked();
	pthread_mutex_lock(&relay_lock);
	r = relay;
	pthread_mutex_unlock(&relay_lock);
	if (r && r->ops->read(r, note_received, NULL) == -ENOBUFS)
		tapi_agent_requests_fail_all();
}

/**
 * tapi_proxy_relay_close() - close the relay (the engine stopped)
 *
 * Called after the engine thread ended; the next application opens a
 * new one.
 */
void tapi_proxy_relay_close(void)
{
	pthread_mutex_lock(&relay_lock);
	if (relay)
		relay->ops->close(relay);
	relay = NULL;
	relay_failed = false;
	pthread_mutex_unlock(&relay_lock);
}

/**
 * tapi_proxy_lineerr() - a relay command's -errno as TAPI says it
 * @err: 0 or a negative errno from a struct tapi_relay_ops command
 *
 * Return: 0 or a LINEERR_ value: no proxy serves the type (-ENOENT):
 * LINEERR_OPERATIONUNAVAIL; too many requests outstanding (-EAGAIN):
 * LINEERR_RESOURCEUNAVAIL; no privilege to be a proxy:
 * LINEERR_OPERATIONFAILED; the rest as tapi_lineerr_from_errno().
 */
LONG tapi_proxy_lineerr(int err)
{
	switch (-err) {
	case 0:
		return 0;
	case ENOENT:
		return LINEERR_OPERATIONUNAVAIL;
	case EAGAIN:
		return LINEERR_RESOURCEUNAVAIL;
	case EPERM:
	case EACCES:
	case ETIMEDOUT:
		return LINEERR_OPERATIONFAILED;
	default:
		return tapi_lineerr_from_errno(err);
	}
}
