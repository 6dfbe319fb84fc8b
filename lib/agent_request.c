// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The requester's side of call-center control.  Every agent, session,
 * queue and group function checks its arguments, builds the flat
 * LINEPROXYREQUEST of its type (struct tapi_agent_req), and sends it
 * through the relay to the proxy that serves the type on the line's
 * channel.  The function returns a positive request ID; when the answer
 * comes the engine thread copies what the proxy filled in into the
 * caller's structure (which TAPI says stays valid until LINE_REPLY) and
 * posts LINE_REPLY with the proxy's result.
 *
 *  - No proxy for the type: the function fails with
 *    LINEERR_OPERATIONUNAVAIL at once.
 *  - The proxy goes away first (TAPI_PROXY_GONE), or its answer cannot
 *    be read: LINE_REPLY with LINEERR_OPERATIONFAILED.
 *  - The line is closed first: LINE_REPLY with LINEERR_OPERATIONFAILED
 *    then, and nothing is written to the caller's buffer afterwards.
 *  - No answer within TAPI_PROXY_REQUEST_TIMEOUT_MS (the kernel's
 *    TAPI_PROXY_GONE was lost to a full receive buffer, say): the same,
 *    on the engine's timer; a late answer is ignored.
 *  - The relay socket overran (ENOBUFS: the kernel dropped messages for
 *    us): which answers were lost cannot be known, so every request of
 *    this process still waiting fails the same way at once.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "proxy.h"

/* Bytes kept free after the embedded structure for the strings. */
#define STRINGS_RESERVE	768
#define NAME_MAX_BYTES	256

/* A request sent and not answered yet. */
struct agent_pending {
	struct agent_pending *next;
	LONG id;			/* request ID, the relay's cookie */
	struct tapi_app *app;		/* referenced */
	HLINE hline;			/* 0: none, or closed */
	DWORD_PTR instance;
	bool returned;			/* the function returned @id */
	bool answered;			/* @result is final */
	bool orphaned;			/* write nothing to the caller */
	struct tapi_timer timeout;	/* TAPI_PROXY_REQUEST_TIMEOUT_MS */
	LONG result;
	size_t out_off;
	void *out;
	DWORD out_fixed, sent_total;
	size_t handle_off;
	DWORD *handle_out;
	size_t bytes_off;
	void *bytes_out;
	DWORD bytes_len;
};

static struct agent_pending *pendings;	/* (E) */

static pthread_once_t names_once = PTHREAD_ONCE_INIT;
static char machine_name[NAME_MAX_BYTES];
static char user_name[NAME_MAX_BYTES];

static void names_init(void)
{
	struct passwd pw, *res = NULL;
	char buf[1024];

	if (gethostname(machine_name, sizeof(machine_name) - 1))
		machine_name[0] = '\0';
	if (!getpwuid_r(geteuid(), &pw, buf, sizeof(buf), &res) && res)
		snprintf(user_name, sizeof(user_name), "%s", res->pw_name);
}

/* Make room for @end bytes, zeroed. */
static int reserve(struct tapi_agent_req *r, size_t end)
{
	if (end > TAPI_PROXY_DATA_MAX)
		return -EMSGSIZE;
	if (end > r->cap) {
		size_t cap = end < 256 ? 256 : end;
		unsigned char *p = realloc(r->buf, cap);

		if (!p)
			return -ENOMEM;
		memset(p + r->cap, 0, cap - r->cap);
		r->buf = p;
		r->cap = cap;
	}
	if (end > r->len)
		r->len = end;
	return 0;
}

/* The whole union is sent, so the strings appended go after it. */
static LONG req_start(struct tapi_agent_req *r, DWORD type)
{
	r->type = type;
	return reserve(r, sizeof(LINEPROXYREQUEST)) ? LINEERR_NOMEM : 0;
}

/**
 * tapi_agent_req_line() - begin a request about an open line
 * @r: the request, zeroed by this call
 * @hline: the application's line
 * @type: LINEPROXYREQUEST_
 * @min_version: the TAPI version that defines the function
 *
 * Return: 0; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INCOMPATIBLEAPIVERSION (the line was opened at a version
 * before the function), LINEERR_NOMEM.  Either way finish with
 * tapi_agent_req_send().
 */
LONG tapi_agent_req_line(struct tapi_agent_req *r, HLINE hline, DWORD type,
			 DWORD min_version)
{
	struct tapi_line *line;
	LONG err;

	memset(r, 0, sizeof(*r));
	err = tapi_line_begin(hline, &line);
	if (err)
		return err;
	if (line->version < min_version) {
		tapi_line_end(line);
		return LINEERR_INCOMPATIBLEAPIVERSION;
	}
	tapi_object_get(&line->app->obj);
	r->app = line->app;
	r->hline = hline;
	r->instance = line->instance;
	r->version = line->version;
	r->channel = line->dev->info.channel;
	tapi_line_end(line);
	return req_start(r, type);
}

/**
 * tapi_agent_req_device() - begin a request about a line device
 * @r: the request, zeroed by this call
 * @happ: the application
 * @device_id: the line device
 * @version: the version the application asks for (2.0 .. its own)
 * @type: LINEPROXYREQUEST_
 *
 * For lineGetAgentCaps, which needs no open line.
 *
 * Return: 0; LINEERR_INVALAPPHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_BADDEVICEID, LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_NODEVICE,
 * LINEERR_NOMEM.  Either way finish with tapi_agent_req_send().
 */
LONG tapi_agent_req_device(struct tapi_agent_req *r, HLINEAPP happ,
			   DWORD device_id, DWORD version, DWORD type)
{
	struct tapi_dev_info info;
	struct tapi_app *app;
	LONG err;

	memset(r, 0, sizeof(*r));
	err = tapi_app_lookup(happ, &app);
	if (err)
		return err;
	r->app = app;
	if (device_id >= app->num_devs)
		return LINEERR_BADDEVICEID;
	if (!tapi_version_is_known(version) || version < TAPI_VERSION_2_0 ||
	    version > app->api_version)
		return LINEERR_INCOMPATIBLEAPIVERSION;
	if (tapi_registry_lookup(device_id, &info))
		return LINEERR_NODEVICE;
	r->version = version;
	r->channel = info.channel;
	return req_start(r, type);
}

/**
 * tapi_agent_req_put() - write bytes of the request
 * @r: the request
 * @off: where, from the start of the LINEPROXYREQUEST
 * @data: the bytes
 * @len: their number
 *
 * Return: 0, -ENOMEM, -EMSGSIZE beyond TAPI_PROXY_DATA_MAX.
 */
int tapi_agent_req_put(struct tapi_agent_req *r, size_t off,
		       const void *data, size_t len)
{
	int err = reserve(r, off + len);

	if (!err && len)
		memcpy(r->buf + off, data, len);
	return err;
}

/**
 * tapi_agent_req_put32() - write a DWORD of the request
 * @r: the request
 * @off: where, from the start of the LINEPROXYREQUEST
 * @v: the value
 *
 * Return: as tapi_agent_req_put().
 */
int tapi_agent_req_put32(struct tapi_agent_req *r, size_t off, DWORD v)
{
	return tapi_agent_req_put(r, off, &v, sizeof(v));
}

/**
 * tapi_agent_req_out() - the caller's structure the answer fills
 * @r: the request
 * @off: where its copy sits in the LINEPROXYREQUEST
 * @out: the caller's structure (dwTotalSize set)
 * @fixed: its fixed part at the caller's version
 *
 * The request offers the proxy the caller's dwTotalSize (at most what
 * fits the relay).  Call before tapi_agent_req_string().
 *
 * Return: 0, LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_NOMEM.
 */
LONG tapi_agent_req_out(struct tapi_agent_req *r, size_t off, void *out,
			DWORD fixed)
{
	size_t room_max = TAPI_PROXY_DATA_MAX - STRINGS_RESERVE - off;
	DWORD total, room;
	LONG err = tapi_check_out_struct(out);

	if (err)
		return err;
	memcpy(&total, out, sizeof(total));
	if (total < fixed)
		return LINEERR_STRUCTURETOOSMALL;
	room = total < room_max ? total : (DWORD)room_max;
	if (reserve(r, off + room) || tapi_agent_req_put32(r, off, room))
		return LINEERR_NOMEM;
	r->out_off = off;
	r->out = out;
	r->out_total = total;
	r->out_fixed = fixed;
	return 0;
}

/**
 * tapi_agent_req_in() - a variable structure the caller passes in
 * @r: the request
 * @off: where its copy sits in the LINEPROXYREQUEST
 * @in: the structure
 * @len: its bytes to copy; its copy's dwTotalSize becomes @len
 *
 * Return: 0, LINEERR_INVALPARAM when it does not fit the relay,
 * LINEERR_NOMEM.
 */
LONG tapi_agent_req_in(struct tapi_agent_req *r, size_t off, const void *in,
		       DWORD len)
{
	int err;

	if (off + len > TAPI_PROXY_DATA_MAX - STRINGS_RESERVE)
		return LINEERR_INVALPARAM;
	err = tapi_agent_req_put(r, off, in, len);
	if (!err)
		err = tapi_agent_req_put32(r, off, len);
	return err ? LINEERR_NOMEM : 0;
}

/**
 * tapi_agent_req_string() - append a string and point a Size/Offset at it
 * @r: the request
 * @size_field: offset of the dwXxxSize field (dwXxxOffset follows it)
 * @s: the string, NUL included in its size; NULL: absent
 *
 * Return: 0, -ENOMEM, -EMSGSIZE.
 */
int tapi_agent_req_string(struct tapi_agent_req *r, size_t size_field,
			  const char *s)
{
	size_t off = (r->len + 3) & ~(size_t)3, n;
	int err;

	if (!s)
		return 0;
	n = strlen(s) + 1;
	err = tapi_agent_req_put(r, off, s, n);
	if (!err)
		err = tapi_agent_req_put32(r, size_field, (DWORD)n);
	if (!err)
		err = tapi_agent_req_put32(r, size_field + sizeof(DWORD),
					   (DWORD)off);
	return err;
}

/**
 * tapi_agent_req_handle_out() - a handle the answer returns
 * @r: the request
 * @off: where the proxy writes it in the LINEPROXYREQUEST
 * @out: the caller's HAGENT or HAGENTSESSION, written before LINE_REPLY
 */
void tapi_agent_req_handle_out(struct tapi_agent_req *r, size_t off,
			       DWORD *out)
{
	r->handle_off = off;
	r->handle_out = out;
}

/**
 * tapi_agent_req_bytes() - parameters passed in and returned in place
 * @r: the request
 * @off: where they sit in the LINEPROXYREQUEST
 * @data: the caller's bytes (rewritten before LINE_REPLY)
 * @len: their number
 *
 * Return: 0, LINEERR_INVALPARAM when they do not fit, LINEERR_NOMEM.
 */
LONG tapi_agent_req_bytes(struct tapi_agent_req *r, size_t off, void *data,
			  DWORD len)
{
	int err;

	if (off + len > TAPI_PROXY_DATA_MAX - STRINGS_RESERVE)
		return LINEERR_INVALPARAM;
	err = tapi_agent_req_put(r, off, data, len);
	if (err)
		return LINEERR_NOMEM;
	r->bytes_off = off;
	r->bytes_out = data;
	r->bytes_len = len;
	return 0;
}

static struct agent_pending *pending_find(LONG id)
{
	for (struct agent_pending *p = pendings; p; p = p->next)
		if (p->id == id)
			return p;
	return NULL;
}

static void pending_unlink(struct agent_pending *p)
{
	for (struct agent_pending **pp = &pendings; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			return;
		}
	}
}

/* Unlink and free @p without a reply.  Engine lock held. */
static void pending_free(struct agent_pending *p)
{
	tapi_timer_cancel(&p->timeout);
	pending_unlink(p);
	tapi_app_put(p->app);
	free(p);
}

/* LINE_REPLY, and the entry goes.  Engine lock held. */
static void pending_finish(struct agent_pending *p)
{
	tapi_post_reply(p->app, p->id, p->result, p->instance);
	pending_free(p);
}

/* Settle @p with @result: now if the function returned, else by it. */
static void pending_settle(struct agent_pending *p, LONG result)
{
	tapi_timer_cancel(&p->timeout);
	p->result = result;
	p->answered = true;
	if (p->returned)
		pending_finish(p);
}

/* No answer in time: fail it as a gone proxy; a late answer is ignored. */
static void pending_timed_out(struct tapi_timer *t)
{
	struct agent_pending *p = (struct agent_pending *)
		((char *)t - offsetof(struct agent_pending, timeout));

	tapi_debug("agent: request %d: no answer in %d ms", p->id,
		   TAPI_PROXY_REQUEST_TIMEOUT_MS);
	p->orphaned = true;
	pending_settle(p, LINEERR_OPERATIONFAILED);
}

/**
 * tapi_agent_req_send() - send a request built by the functions above
 * @r: the request; released by this call
 * @err: 0, or the error the caller found while building it
 *
 * Called without the engine lock.
 *
 * Return: @err if non-zero; else the request ID, or
 * LINEERR_OPERATIONUNAVAIL (no proxy serves the type, or no relay),
 * LINEERR_RESOURCEUNAVAIL (too many requests outstanding),
 * LINEERR_NOMEM, LINEERR_OPERATIONFAILED.
 */
LONG tapi_agent_req_send(struct tapi_agent_req *r, LONG err)
{
	struct agent_pending *p = NULL;
	struct tapi_relay *relay = NULL;
	LINEPROXYREQUEST head;
	LONG id = 0;
	int rc;

	pthread_once(&names_once, names_init);
	if (!err) {
		if (tapi_agent_req_string(r, offsetof(LINEPROXYREQUEST,
					  dwClientMachineNameSize),
					  machine_name) ||
		    tapi_agent_req_string(r, offsetof(LINEPROXYREQUEST,
					  dwClientUserNameSize), user_name))
			err = LINEERR_NOMEM;
	}
	if (!err) {
		memcpy(&head, r->buf, TAPI_PROXY_UNION_OFF);
		head.dwSize = (DWORD)r->len;
		head.dwClientAppAPIVersion = r->version;
		head.dwRequestType = r->type;
		memcpy(r->buf, &head, TAPI_PROXY_UNION_OFF);
		relay = tapi_proxy_relay_get();
		if (!relay)
			err = LINEERR_OPERATIONUNAVAIL;
	}
	if (!err && !(p = calloc(1, sizeof(*p))))
		err = LINEERR_NOMEM;
	if (err)
		goto out;

	id = tapi_request_new();
	p->id = id;
	p->app = r->app;		/* the request's reference */
	r->app = NULL;
	p->hline = r->hline;
	p->instance = r->instance;
	p->out_off = r->out_off;
	p->out = r->out;
	p->out_fixed = r->out_fixed;
	if (r->out)
		memcpy(&p->sent_total, r->buf + r->out_off, sizeof(DWORD));
	p->handle_off = r->handle_off;
	p->handle_out = r->handle_out;
	p->bytes_off = r->bytes_off;
	p->bytes_out = r->bytes_out;
	p->bytes_len = r->bytes_len;
	tapi_timer_init(&p->timeout, pending_timed_out);
	tapi_engine_lock();
	p->next = pendings;
	pendings = p;
	tapi_timer_arm(&p->timeout,
		       tapi_now_ms() + TAPI_PROXY_REQUEST_TIMEOUT_MS);
	tapi_engine_unlock();

	rc = relay->ops->request(relay, r->channel, r->type, (uint32_t)id,
				 r->buf, r->len);
	tapi_engine_lock();
	/* Looked up again: a closing line may have settled it meanwhile. */
	p = pending_find(id);
	if (rc) {
		tapi_debug("agent: request type %u channel %u: %d", r->type,
			   r->channel, rc);
		err = tapi_proxy_lineerr(rc);
		if (p)
			pending_free(p);
	} else if (p) {
		p->returned = true;
		if (p->answered)
			pending_finish(p);
	}
	tapi_engine_unlock();
out:
	if (r->app)
		tapi_app_put(r->app);
	free(r->buf);
	memset(r, 0, sizeof(*r));
	return err ? err : id;
}

/* Copy the proxy's answer into the caller's memory; false: unreadable. */
static bool copy_back(struct agent_pending *p, const unsigned char *data,
		      size_t len)
{
	if (p->out) {
		const unsigned char *emb = data + p->out_off;
		DWORD needed, used;

		if (p->out_off + 3 * sizeof(DWORD) > len)
			return false;
		memcpy(&needed, emb + sizeof(DWORD), sizeof(needed));
		memcpy(&used, emb + 2 * sizeof(DWORD), sizeof(used));
		if (used < 3 * sizeof(DWORD) || used > p->sent_total ||
		    p->out_off + used > len)
			return false;
		/* the caller's dwTotalSize stays; the rest is the proxy's */
		memcpy((unsigned char *)p->out + sizeof(DWORD),
		       emb + sizeof(DWORD), used - sizeof(DWORD));
		if (used < p->out_fixed) {
			memset((unsigned char *)p->out + used, 0,
			       p->out_fixed - used);
			used = p->out_fixed;
			memcpy((unsigned char *)p->out + 2 * sizeof(DWORD),
			       &used, sizeof(used));
		}
		if (needed < used)
			memcpy((unsigned char *)p->out + sizeof(DWORD), &used,
			       sizeof(used));
	}
	if (p->handle_out) {
		if (p->handle_off + sizeof(DWORD) > len)
			return false;
		memcpy(p->handle_out, data + p->handle_off, sizeof(DWORD));
	}
	if (p->bytes_out && p->bytes_len) {
		if (p->bytes_off + p->bytes_len > len)
			return false;
		memcpy(p->bytes_out, data + p->bytes_off, p->bytes_len);
	}
	return true;
}

/**
 * tapi_agent_request_answered() - the relay's PROXY_RESPONSE
 * @n: the note: our cookie (the request ID), status, result, data
 *
 * Engine thread, engine lock held.
 */
void tapi_agent_request_answered(const struct tapi_relay_note *n)
{
	struct agent_pending *p = pending_find((LONG)n->cookie);
	struct tapi_object *alive;
	LONG result;

	if (!p || p->answered)
		return;	/* settled already (line closed, overrun, timeout) */
	if (n->status != TAPI_PROXY_ANSWERED)
		result = LINEERR_OPERATIONFAILED;
	else if (n->result > 0)
		result = LINEERR_OPERATIONFAILED;
	else
		result = n->result;
	/* An application that shut down may have freed its buffers. */
	alive = tapi_handle_get(&tapi_apps, p->app->handle);
	if (!alive)
		p->orphaned = true;
	tapi_object_put(alive);
	if (!result && !p->orphaned && !copy_back(p, n->data, n->data_len))
		result = LINEERR_OPERATIONFAILED;
	pending_settle(p, result);
}

/* Settle every request (of @hline, or all when 0) with a failure. */
static void fail_where(HLINE hline, bool all)
{
	struct agent_pending *p = pendings, *next;

	for (; p; p = next) {
		next = p->next;
		if (p->answered || (!all && (!hline || p->hline != hline)))
			continue;
		p->orphaned = true;
		pending_settle(p, LINEERR_OPERATIONFAILED);
	}
}

/**
 * tapi_agent_requests_line_closed() - a line closes with requests out
 * @hline: the line
 *
 * Engine lock held.  They get LINE_REPLY with LINEERR_OPERATIONFAILED;
 * their late answers are ignored.
 */
void tapi_agent_requests_line_closed(HLINE hline)
{
	fail_where(hline, false);
}

/**
 * tapi_agent_requests_fail_all() - answers may have been lost
 *
 * Engine lock held.  The relay socket overran (ENOBUFS): which answers
 * the kernel dropped cannot be known, so every request waiting gets
 * LINE_REPLY with LINEERR_OPERATIONFAILED rather than maybe none, and
 * nothing is written to its caller's buffer afterwards; answers that
 * still come for them are ignored.
 */
void tapi_agent_requests_fail_all(void)
{
	fail_where(0, true);
}

/**
 * tapi_agent_check_string() - an agent ID or PIN argument
 * @s: the string, or NULL (absent)
 * @err: the error TAPI names for it (LINEERR_INVALAGENTID,
 *	LINEERR_INVALPASSWORD)
 *
 * Return: 0, or @err for a string that is no UTF-8 or too long.
 */
LONG tapi_agent_check_string(const char *s, LONG err)
{
	if (!s)
		return 0;
	return tapi_utf8_check(s, NAME_MAX_BYTES, false) < 0 ? err : 0;
}

/**
 * tapi_agent_check_state() - a state and next state argument pair
 * @state: 0 (unchanged) or one bit of @allowed
 * @next: likewise
 * @allowed: the state bits of the function
 * @err: LINEERR_INVALAGENTSTATE or LINEERR_INVALAGENTSESSIONSTATE
 *
 * Return: 0, or @err when a value has several bits, an unknown bit, or
 * both are 0 (nothing to change).
 */
LONG tapi_agent_check_state(DWORD state, DWORD next, DWORD allowed,
			    LONG err)
{
	if (!state && !next)
		return err;
	if ((state & (state - 1)) || (state & ~allowed) ||
	    (next & (next - 1)) || (next & ~allowed))
		return err;
	return 0;
}
