// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's proxy relay (the TAPI_CMD_PROXY_* commands of the generic
 * netlink family "tapi"), through libnl-genl.
 *
 * One socket per process.  The kernel ties a proxy registration and the
 * answers to a request to the socket that sent them, so everything goes
 * through this one socket: commands from the API threads, and what comes
 * back: the kernel's acks and replies, requests for the proxies of this
 * process, responses for its requesters, and the "proxy" group's
 * messages and status changes.  Only the engine thread reads it
 * (relay_read); a thread that sends a command waits, without the engine
 * lock, for the engine thread to read the ack of that sequence number.
 * A command that must not wait (sent from the engine thread itself) is
 * sent and forgotten.
 *
 * libnl's -NLE_ codes become -errno here, as in device_nl.c.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "private.h"
#include "device.h"

#define RELAY_RCVBUF		(512 * 1024)
/* How long a command waits for the kernel's ack: only a kernel that
 * stopped answering (or an engine thread that stopped reading) hits it. */
#define RELAY_ACK_TIMEOUT_S	10

/* A command waiting for its ack. */
struct relay_waiter {
	uint32_t seq;
	bool done;
	int err;		/* the ack's -errno */
	uint32_t types;		/* PROXY_GET's reply */
	struct relay_waiter *next;
};

struct nl_relay {
	struct tapi_relay relay;
	struct nl_sock *sock;
	int family;
	pthread_mutex_t lock;		/* sending; every field below */
	pthread_cond_t cond;		/* a waiter is done */
	struct relay_waiter *waiters;
	/* valid during relay_read(), engine thread only */
	tapi_relay_note_fn fn;
	void *ctx;
};

static struct nla_policy relay_policy[TAPI_A_MAX + 1] = {
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
	[TAPI_A_PROXY_TYPES] = { .type = NLA_U32 },
	[TAPI_A_PROXY_TYPE] = { .type = NLA_U32 },
	[TAPI_A_PROXY_REQ_ID] = { .type = NLA_U32 },
	[TAPI_A_PROXY_COOKIE] = { .type = NLA_U32 },
	[TAPI_A_PROXY_RESULT] = { .type = NLA_U32 },
	[TAPI_A_PROXY_STATUS] = { .type = NLA_U32 },
	[TAPI_A_PROXY_DATA] = { .type = NLA_UNSPEC },
	[TAPI_A_PROXY_MSG] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PARAM1] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PARAM2] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PARAM3] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PID] = { .type = NLA_U32 },
};

static struct nl_relay *nr_of(struct tapi_relay *r)
{
	return (struct nl_relay *)r;
}

static uint32_t get_u32(struct nlattr *a, uint32_t dflt)
{
	return a ? nla_get_u32(a) : dflt;
}

/* The waiter of @seq, lock held. */
static struct relay_waiter *waiter_find(struct nl_relay *nr, uint32_t seq)
{
	for (struct relay_waiter *w = nr->waiters; w; w = w->next)
		if (w->seq == seq)
			return w;
	return NULL;
}

static void waiter_unlink(struct nl_relay *nr, struct relay_waiter *w)
{
	for (struct relay_waiter **pp = &nr->waiters; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

static void waiter_done(struct nl_relay *nr, uint32_t seq, int err)
{
	struct relay_waiter *w;

	pthread_mutex_lock(&nr->lock);
	w = waiter_find(nr, seq);
	if (w && !w->done) {
		w->done = true;
		w->err = err;
		pthread_cond_broadcast(&nr->cond);
	}
	pthread_mutex_unlock(&nr->lock);
}

/* A message for @cmd, or NULL (-ENOMEM). */
static struct nl_msg *relay_msg(struct nl_relay *nr, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nr->family, 0,
				0, cmd, TAPI_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/*
 * Send @msg (consumed) and, with @wait, wait until the engine thread read
 * its ack.  @types_out: PROXY_GET's answer.
 */
static int relay_send(struct nl_relay *nr, struct nl_msg *msg, bool wait,
		      uint32_t *types_out)
{
	struct relay_waiter w = { 0 };
	struct timespec until;
	int err;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += RELAY_ACK_TIMEOUT_S;
	pthread_mutex_lock(&nr->lock);
	w.seq = nl_socket_use_seq(nr->sock);
	nlmsg_hdr(msg)->nlmsg_seq = w.seq;
	if (wait) {
		w.next = nr->waiters;
		nr->waiters = &w;
	}
	err = tapi_nl_errno(nl_send_auto(nr->sock, msg));
	nlmsg_free(msg);
	if (!wait) {
		pthread_mutex_unlock(&nr->lock);
		return err;
	}
	while (!err && !w.done) {
		int rc = pthread_cond_timedwait(&nr->cond, &nr->lock, &until);

		if (rc == ETIMEDOUT && !w.done)
			err = -ETIMEDOUT;
	}
	waiter_unlink(nr, &w);
	pthread_mutex_unlock(&nr->lock);
	if (!err)
		err = w.err;
	if (!err && types_out)
		*types_out = w.types;
	return err;
}

static int relay_register(struct tapi_relay *r, uint32_t channel,
			  uint32_t types)
{
	struct nl_relay *nr = nr_of(r);
	struct nl_msg *msg = relay_msg(nr, TAPI_CMD_PROXY_REGISTER);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel) ||
	    nla_put_u32(msg, TAPI_A_PROXY_TYPES, types)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return relay_send(nr, msg, true, NULL);
}

static int relay_unregister(struct tapi_relay *r, uint32_t channel,
			    uint32_t types, bool wait)
{
	struct nl_relay *nr = nr_of(r);
	struct nl_msg *msg = relay_msg(nr, TAPI_CMD_PROXY_UNREGISTER);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel) ||
	    (types && nla_put_u32(msg, TAPI_A_PROXY_TYPES, types))) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return relay_send(nr, msg, wait, NULL);
}

static int relay_get_types(struct tapi_relay *r, uint32_t channel,
			   uint32_t *types)
{
	struct nl_relay *nr = nr_of(r);
	struct nl_msg *msg = relay_msg(nr, TAPI_CMD_PROXY_GET);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*types = 0;
	return relay_send(nr, msg, true, types);
}

static int relay_request(struct tapi_relay *r, uint32_t channel,
			 uint32_t type, uint32_t cookie, const void *data,
			 size_t len)
{
	struct nl_relay *nr = nr_of(r);
	struct nl_msg *msg;

	if (len > TAPI_PROXY_DATA_MAX)
		return -EMSGSIZE;
	msg = relay_msg(nr, TAPI_CMD_PROXY_REQUEST);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel) ||
	    nla_put_u32(msg, TAPI_A_PROXY_TYPE, type) ||
	    nla_put_u32(msg, TAPI_A_PROXY_COOKIE, cookie) ||
	    nla_put(msg, TAPI_A_PROXY_DATA, (int)len, data)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return relay_send(nr, msg, true, NULL);
}

static int relay_respond(struct tapi_relay *r, uint32_t req_id,
			 int32_t result, const void *data, size_t len,
			 bool wait)
{
	struct nl_relay *nr = nr_of(r);
	struct nl_msg *msg;

	if (len > TAPI_PROXY_DATA_MAX)
		return -EMSGSIZE;
	msg = relay_msg(nr, TAPI_CMD_PROXY_RESPONSE);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TAPI_A_PROXY_REQ_ID, req_id) ||
	    nla_put_u32(msg, TAPI_A_PROXY_RESULT, (uint32_t)result) ||
	    (len && nla_put(msg, TAPI_A_PROXY_DATA, (int)len, data))) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return relay_send(nr, msg, wait, NULL);
}

static int relay_message(struct tapi_relay *r, uint32_t channel,
			 uint32_t message, const uint32_t param[3])
{
	struct nl_relay *nr = nr_of(r);
	struct nl_msg *msg = relay_msg(nr, TAPI_CMD_PROXY_MESSAGE);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel) ||
	    nla_put_u32(msg, TAPI_A_PROXY_MSG, message) ||
	    nla_put_u32(msg, TAPI_A_PROXY_PARAM1, param[0]) ||
	    nla_put_u32(msg, TAPI_A_PROXY_PARAM2, param[1]) ||
	    nla_put_u32(msg, TAPI_A_PROXY_PARAM3, param[2])) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return relay_send(nr, msg, true, NULL);
}

/*
 * A reply to one of our commands (PROXY_GET's types, PROXY_REQUEST's id)
 * carries our sequence number and no request data; everything else the
 * kernel sends on its own becomes a note.
 */
static int relay_valid(struct nl_msg *msg, void *arg)
{
	struct nl_relay *nr = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct nlattr *tb[TAPI_A_MAX + 1];
	struct tapi_relay_note n;

	if (genlmsg_parse(nlh, 0, tb, TAPI_A_MAX, relay_policy))
		return NL_SKIP;
	memset(&n, 0, sizeof(n));
	n.cmd = gnlh->cmd;
	if (n.cmd == TAPI_CMD_PROXY_GET) {
		struct relay_waiter *w;

		pthread_mutex_lock(&nr->lock);
		w = waiter_find(nr, nlh->nlmsg_seq);
		if (w)
			w->types = get_u32(tb[TAPI_A_PROXY_TYPES], 0);
		pthread_mutex_unlock(&nr->lock);
		return NL_OK;
	}
	if (n.cmd == TAPI_CMD_PROXY_REQUEST && !tb[TAPI_A_PROXY_DATA])
		return NL_OK;		/* the reply to our request */
	if (!tb[TAPI_A_CHANNEL_ID])
		return NL_SKIP;
	n.channel = nla_get_u32(tb[TAPI_A_CHANNEL_ID]);
	n.types = get_u32(tb[TAPI_A_PROXY_TYPES], 0);
	n.type = get_u32(tb[TAPI_A_PROXY_TYPE], 0);
	n.req_id = get_u32(tb[TAPI_A_PROXY_REQ_ID], 0);
	n.cookie = get_u32(tb[TAPI_A_PROXY_COOKIE], 0);
	n.status = get_u32(tb[TAPI_A_PROXY_STATUS], TAPI_PROXY_GONE);
	n.result = (int32_t)get_u32(tb[TAPI_A_PROXY_RESULT],
				    (uint32_t)LINEERR_OPERATIONFAILED);
	n.msg = get_u32(tb[TAPI_A_PROXY_MSG], 0);
	n.param[0] = get_u32(tb[TAPI_A_PROXY_PARAM1], 0);
	n.param[1] = get_u32(tb[TAPI_A_PROXY_PARAM2], 0);
	n.param[2] = get_u32(tb[TAPI_A_PROXY_PARAM3], 0);
	if (tb[TAPI_A_PROXY_DATA]) {
		n.data = nla_data(tb[TAPI_A_PROXY_DATA]);
		n.data_len = (size_t)nla_len(tb[TAPI_A_PROXY_DATA]);
	}
	switch (n.cmd) {
	case TAPI_CMD_PROXY_REQUEST:
	case TAPI_CMD_PROXY_RESPONSE:
	case TAPI_CMD_PROXY_MESSAGE:
	case TAPI_CMD_PROXY_STATUS:
		nr->fn(nr->ctx, &n);
		return NL_OK;
	default:
		return NL_SKIP;
	}
}

static int relay_ack(struct nl_msg *msg, void *arg)
{
	waiter_done(arg, nlmsg_hdr(msg)->nlmsg_seq, 0);
	return NL_OK;
}

static int relay_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)nla;
	waiter_done(arg, e->msg.nlmsg_seq, e->error < 0 ? e->error : -EPROTO);
	return NL_SKIP;		/* keep reading: more may be queued */
}

static int relay_read(struct tapi_relay *r, tapi_relay_note_fn fn, void *ctx)
{
	struct nl_relay *nr = nr_of(r);
	int err;

	nr->fn = fn;
	nr->ctx = ctx;
	for (;;) {
		err = nl_recvmsgs_default(nr->sock);
		if (err == -NLE_AGAIN)
			return 0;
		if (err == -NLE_NOMEM)		/* receive buffer overrun */
			return -ENOBUFS;
		if (err < 0)
			return tapi_nl_errno(err);
	}
}

static void relay_close(struct tapi_relay *r)
{
	struct nl_relay *nr = nr_of(r);

	nl_socket_free(nr->sock);	/* the kernel drops our registrations */
	pthread_cond_destroy(&nr->cond);
	pthread_mutex_destroy(&nr->lock);
	free(nr);
}

static const struct tapi_relay_ops nl_relay_ops = {
	.register_types = relay_register,
	.unregister_types = relay_unregister,
	.get_types = relay_get_types,
	.request = relay_request,
	.respond = relay_respond,
	.message = relay_message,
	.read = relay_read,
	.close = relay_close,
};

/**
 * tapi_nl_relay_open() - this process's socket on the proxy relay
 * @out: out: the relay; its descriptor polls POLLIN
 *
 * It joins the "proxy" group when the kernel lets it (messages of the
 * lines' proxies, their status); requests work either way.
 *
 * Return: 0; -ENOENT when the kernel has no family or no proxy relay (a
 * tapi_core before ABI 1.1); another -errno.
 */
int tapi_nl_relay_open(struct tapi_relay **out)
{
	pthread_condattr_t ca;
	struct nl_relay *nr;
	int err, grp;

	nr = calloc(1, sizeof(*nr));
	if (!nr)
		return -ENOMEM;
	nr->sock = nl_socket_alloc();
	if (!nr->sock) {
		free(nr);
		return -ENOMEM;
	}
	err = genl_connect(nr->sock);
	if (!err) {
		err = genl_ctrl_resolve(nr->sock, TAPI_GENL_NAME);
		if (err >= 0) {
			nr->family = err;
			err = 0;
		}
	}
	grp = err ? err : genl_ctrl_resolve_grp(nr->sock, TAPI_GENL_NAME,
						TAPI_GENL_MCGRP_PROXY);
	if (grp < 0) {
		err = grp;
		goto fail;
	}
	/* Refused (no privilege): no proxy messages, requests still work. */
	(void)nl_socket_add_membership(nr->sock, grp);
	nl_socket_disable_seq_check(nr->sock);
	err = nl_socket_modify_cb(nr->sock, NL_CB_VALID, NL_CB_CUSTOM,
				  relay_valid, nr);
	if (!err)
		err = nl_socket_modify_cb(nr->sock, NL_CB_ACK, NL_CB_CUSTOM,
					  relay_ack, nr);
	if (!err)
		err = nl_socket_modify_err_cb(nr->sock, NL_CB_CUSTOM,
					      relay_error, nr);
	if (!err)
		err = nl_socket_set_nonblocking(nr->sock);
	if (!err)
		err = nl_socket_set_buffer_size(nr->sock, RELAY_RCVBUF, 0);
	if (err)
		goto fail;
	pthread_mutex_init(&nr->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&nr->cond, &ca);
	pthread_condattr_destroy(&ca);
	nr->relay.ops = &nl_relay_ops;
	nr->relay.poll_fd = nl_socket_get_fd(nr->sock);
	*out = &nr->relay;
	return 0;
fail:
	nl_socket_free(nr->sock);
	free(nr);
	err = tapi_nl_errno(err);
	return err == -EPROTO || err == -EOPNOTSUPP ? -ENOENT : err;
}
