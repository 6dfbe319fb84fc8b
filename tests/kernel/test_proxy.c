// SPDX-License-Identifier: GPL-2.0
/*
 * test_proxy - the call-center proxy relay of tapi_core (TAPI_CMD_PROXY_*,
 * include/uapi/linux/tapi.h), through libnl-genl, with several sockets of
 * this process and forked ones: registration, get and dump, their errors
 * and privileges; a request relayed to the proxy with its data intact and
 * the response back to the requester with result, data and cookie; the
 * per-requester limit; a full proxy socket; TAPI_PROXY_GONE when the
 * proxy unregisters, closes its socket, is killed or its channel is
 * removed; forgotten requests of a closed requester; proxy messages and
 * status on the "proxy" group; strict attribute validation.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

#include "kselftest_harness.h"
#include "test_call_util.h"
#include "test_nl_util.h"

#define PX_RECS_MAX	256
#define PX_WAIT_MS	10000

/* One message of the family, every attribute decoded. */
struct px_rec {
	uint8_t cmd;
	bool has[TAPI_A_MAX + 1];
	uint32_t u[TAPI_A_MAX + 1];
	uint8_t *data;			/* TAPI_A_PROXY_DATA, malloc'd */
	int data_len;
};

/* One socket: replies to its last request, and what the kernel sent. */
struct px_sock {
	struct nl_sock *sk;
	int family;
	int err;			/* of the last request */
	char extack[256];
	bool done;
	int nreply;
	struct px_rec reply[8];
	int ninbox;
	struct px_rec inbox[PX_RECS_MAX];
};

static void rec_clear(struct px_rec *r)
{
	free(r->data);
	memset(r, 0, sizeof(*r));
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct px_sock *ps = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[TAPI_A_MAX + 1];
	struct px_rec *r;
	int i;

	if (genlmsg_parse(nlh, 0, tb, TAPI_A_MAX, NULL))
		return NL_SKIP;
	/* The kernel's own messages have sequence number 0. */
	if (nlh->nlmsg_seq == 0) {
		if (ps->ninbox >= PX_RECS_MAX)
			return NL_SKIP;
		r = &ps->inbox[ps->ninbox++];
	} else {
		if (ps->nreply >= 8)
			return NL_SKIP;
		r = &ps->reply[ps->nreply++];
	}
	rec_clear(r);
	r->cmd = gh->cmd;
	for (i = 1; i <= TAPI_A_MAX; i++) {
		if (!tb[i])
			continue;
		r->has[i] = true;
		if (i == TAPI_A_PROXY_DATA) {
			r->data_len = nla_len(tb[i]);
			r->data = malloc(r->data_len + 1);
			if (r->data)
				memcpy(r->data, nla_data(tb[i]), r->data_len);
		} else if (nla_len(tb[i]) == 4) {
			r->u[i] = nla_get_u32(tb[i]);
		}
	}
	return NL_OK;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct px_sock *ps = arg;

	ps->err = nl_test_ack(e, ps->extack, sizeof(ps->extack));
	ps->done = true;
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct px_sock *ps = arg;
	int err = nl_test_done_error(msg);

	if (err)
		ps->err = err;
	ps->done = true;
	return NL_STOP;
}

static void inbox_clear(struct px_sock *ps)
{
	int i;

	for (i = 0; i < ps->ninbox; i++)
		rec_clear(&ps->inbox[i]);
	ps->ninbox = 0;
}

static void px_close(struct px_sock *ps)
{
	int i;

	if (!ps)
		return;
	if (ps->sk)
		nl_socket_free(ps->sk);
	inbox_clear(ps);
	for (i = 0; i < 8; i++)
		rec_clear(&ps->reply[i]);
	free(ps);
}

/* A socket of the family, in the "proxy" group if @listen. */
static struct px_sock *px_open(bool listen)
{
	struct px_sock *ps = calloc(1, sizeof(*ps));
	int one = 1, grp;

	if (!ps)
		return NULL;
	ps->sk = nl_socket_alloc();
	if (!ps->sk || genl_connect(ps->sk))
		goto fail;
	setsockopt(nl_socket_get_fd(ps->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(ps->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl_socket_set_buffer_size(ps->sk, 1 << 21, 1 << 17);
	nl_socket_enable_msg_peek(ps->sk);
	nl_socket_disable_seq_check(ps->sk);
	nl_socket_modify_cb(ps->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, ps);
	nl_socket_modify_cb(ps->sk, NL_CB_ACK, NL_CB_CUSTOM, on_done, ps);
	nl_socket_modify_cb(ps->sk, NL_CB_FINISH, NL_CB_CUSTOM, on_done, ps);
	nl_socket_modify_err_cb(ps->sk, NL_CB_CUSTOM, on_error, ps);
	ps->family = genl_ctrl_resolve(ps->sk, TAPI_GENL_NAME);
	if (ps->family <= 0)
		goto fail;
	if (listen) {
		grp = genl_ctrl_resolve_grp(ps->sk, TAPI_GENL_NAME,
					    TAPI_GENL_MCGRP_PROXY);
		if (grp < 0 || nl_socket_add_membership(ps->sk, grp))
			goto fail;
	}
	return ps;
fail:
	px_close(ps);
	return NULL;
}

static uint32_t px_port(struct px_sock *ps)
{
	return nl_socket_get_local_port(ps->sk);
}

static struct nl_msg *px_msg(struct px_sock *ps, uint8_t cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc_size(TAPI_PROXY_DATA_MAX + 4096);

	if (m && !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, ps->family, 0,
			      flags, cmd, TAPI_GENL_VERSION)) {
		nlmsg_free(m);
		m = NULL;
	}
	return m;
}

/* Send @m and read until its ack: 0 or the kernel's -errno. */
static int px_send(struct px_sock *ps, struct nl_msg *m)
{
	int i, ret;

	ps->err = 0;
	ps->extack[0] = '\0';
	ps->done = false;
	for (i = 0; i < ps->nreply; i++)
		rec_clear(&ps->reply[i]);
	ps->nreply = 0;
	ret = nl_send_auto(ps->sk, m);
	nlmsg_free(m);
	if (ret < 0)
		return -EIO;
	while (!ps->done) {
		ret = nl_recvmsgs_default(ps->sk);
		if (ret < 0 && !ps->done)
			return -EIO;
	}
	return ps->err;
}

/* Read what the kernel sends until @n messages of @cmd are in, or time out. */
static int px_wait(struct px_sock *ps, uint8_t cmd, int n, int timeout_ms)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(ps->sk), .events = POLLIN };
	int64_t end = now_ms() + timeout_ms;
	int i, got;

	for (;;) {
		for (i = 0, got = 0; i < ps->ninbox; i++)
			got += ps->inbox[i].cmd == cmd;
		if (got >= n || now_ms() > end)
			return got;
		if (poll(&pfd, 1, 100) > 0)
			nl_recvmsgs_default(ps->sk);
	}
}

/* The @idx-th message of @cmd in the inbox, or NULL. */
static struct px_rec *px_find(struct px_sock *ps, uint8_t cmd, int idx)
{
	int i;

	for (i = 0; i < ps->ninbox; i++)
		if (ps->inbox[i].cmd == cmd && idx-- == 0)
			return &ps->inbox[i];
	return NULL;
}

/* The last PROXY_STATUS of @channel that arrived within the wait. */
static struct px_rec *px_status(struct px_sock *ps, uint32_t channel,
				uint32_t types)
{
	int64_t end = now_ms() + PX_WAIT_MS;
	struct px_rec *r;
	int i, n = 0;

	for (;;) {
		for (i = 0; (r = px_find(ps, TAPI_CMD_PROXY_STATUS, i)); i++)
			if (r->u[TAPI_A_CHANNEL_ID] == channel &&
			    r->has[TAPI_A_PROXY_TYPES] &&
			    r->u[TAPI_A_PROXY_TYPES] == types)
				return r;
		if (now_ms() > end)
			return NULL;
		n = px_wait(ps, TAPI_CMD_PROXY_STATUS, n + 1, 200);
	}
}

static int px_register(struct px_sock *ps, uint32_t channel, uint32_t types)
{
	struct nl_msg *m = px_msg(ps, TAPI_CMD_PROXY_REGISTER, 0);

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	nla_put_u32(m, TAPI_A_PROXY_TYPES, types);
	return px_send(ps, m);
}

/* @types 0: all. */
static int px_unregister(struct px_sock *ps, uint32_t channel,
			 uint32_t types)
{
	struct nl_msg *m = px_msg(ps, TAPI_CMD_PROXY_UNREGISTER, 0);

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	if (types)
		nla_put_u32(m, TAPI_A_PROXY_TYPES, types);
	return px_send(ps, m);
}

/* The channel's types, or -errno. */
static int64_t px_get(struct px_sock *ps, uint32_t channel)
{
	struct nl_msg *m = px_msg(ps, TAPI_CMD_PROXY_GET, 0);
	int ret;

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	ret = px_send(ps, m);
	if (ret)
		return ret;
	if (ps->nreply != 1 || ps->reply[0].cmd != TAPI_CMD_PROXY_GET ||
	    !ps->reply[0].has[TAPI_A_PROXY_TYPES] ||
	    ps->reply[0].u[TAPI_A_CHANNEL_ID] != channel)
		return -EPROTO;
	return ps->reply[0].u[TAPI_A_PROXY_TYPES];
}

/* A request; its id in *id.  @len < 0: no data attribute. */
static int px_request(struct px_sock *ps, uint32_t channel, uint32_t type,
		      uint32_t cookie, const void *data, int len, uint32_t *id)
{
	struct nl_msg *m = px_msg(ps, TAPI_CMD_PROXY_REQUEST, 0);
	int ret;

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	nla_put_u32(m, TAPI_A_PROXY_TYPE, type);
	nla_put_u32(m, TAPI_A_PROXY_COOKIE, cookie);
	if (len >= 0)
		nla_put(m, TAPI_A_PROXY_DATA, len, data);
	ret = px_send(ps, m);
	if (ret)
		return ret;
	if (ps->nreply != 1 || !ps->reply[0].has[TAPI_A_PROXY_REQ_ID] ||
	    ps->reply[0].u[TAPI_A_PROXY_COOKIE] != cookie)
		return -EPROTO;
	if (id)
		*id = ps->reply[0].u[TAPI_A_PROXY_REQ_ID];
	return 0;
}

static int px_respond(struct px_sock *ps, uint32_t id, uint32_t result,
		      const void *data, int len)
{
	struct nl_msg *m = px_msg(ps, TAPI_CMD_PROXY_RESPONSE, 0);

	nla_put_u32(m, TAPI_A_PROXY_REQ_ID, id);
	nla_put_u32(m, TAPI_A_PROXY_RESULT, result);
	if (len >= 0)
		nla_put(m, TAPI_A_PROXY_DATA, len, data);
	return px_send(ps, m);
}

static int px_message(struct px_sock *ps, uint32_t channel, uint32_t msg,
		      uint32_t p1, uint32_t p2, uint32_t p3)
{
	struct nl_msg *m = px_msg(ps, TAPI_CMD_PROXY_MESSAGE, 0);

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	nla_put_u32(m, TAPI_A_PROXY_MSG, msg);
	nla_put_u32(m, TAPI_A_PROXY_PARAM1, p1);
	nla_put_u32(m, TAPI_A_PROXY_PARAM2, p2);
	nla_put_u32(m, TAPI_A_PROXY_PARAM3, p3);
	return px_send(ps, m);
}

/* Drop every capability of this process (a forked child). */
static int drop_capabilities(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

static void fill_pattern(uint8_t *buf, int len, unsigned int seed)
{
	int i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 31 + seed + (i >> 8));
}

FIXTURE(px) {
	struct line_card lc;
	uint32_t ch, ch2;
	struct px_sock *proxy;		/* the ACD's socket */
	struct px_sock *app;		/* an application's */
	struct px_sock *mon;		/* a listener of the "proxy" group */
};

FIXTURE_SETUP(px)
{
	int ret;

	line_card_init(&self->lc);
	self->proxy = px_open(false);
	self->app = px_open(false);
	self->mon = px_open(true);
	ASSERT_NE(NULL, self->proxy) TH_LOG("family \"tapi\" or its proxy group missing");
	ASSERT_NE(NULL, self->app);
	ASSERT_NE(NULL, self->mon);
	ret = line_card_add(&self->lc, 1, 1);
	if (ret == -ENOENT)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, ret);
	self->ch = self->lc.fxs[0];
	self->ch2 = self->lc.fxo[0];
}

FIXTURE_TEARDOWN(px)
{
	line_card_remove(&self->lc);
	px_close(self->proxy);
	px_close(self->app);
	px_close(self->mon);
}

TEST_F(px, register_get_unregister_with_status)
{
	struct px_rec *r;
	struct nl_msg *m;
	int i, seen = 0;

	ASSERT_EQ(0, px_get(self->app, self->ch));
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 0x6));
	EXPECT_EQ(0x6, px_get(self->app, self->ch));
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0x6));
	/* Registering again adds types. */
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 0x10));
	EXPECT_EQ(0x16, px_get(self->app, self->ch));
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0x16));
	ASSERT_EQ(0, px_register(self->app, self->ch2, 0x80000000));

	/* The dump lists both channels with a proxy. */
	m = px_msg(self->app, TAPI_CMD_PROXY_GET, NLM_F_DUMP);
	ASSERT_EQ(0, px_send(self->app, m));
	for (i = 0; i < self->app->nreply; i++) {
		r = &self->app->reply[i];
		if (r->u[TAPI_A_CHANNEL_ID] == self->ch) {
			seen |= 1;
			EXPECT_EQ(0x16, r->u[TAPI_A_PROXY_TYPES]);
		}
		if (r->u[TAPI_A_CHANNEL_ID] == self->ch2) {
			seen |= 2;
			EXPECT_EQ(0x80000000, r->u[TAPI_A_PROXY_TYPES]);
		}
	}
	EXPECT_EQ(3, seen);

	/* Only one's own types go; the rest stays. */
	EXPECT_EQ(-ENOENT, px_unregister(self->app, self->ch, 0x2));
	ASSERT_EQ(0, px_unregister(self->proxy, self->ch, 0x2));
	EXPECT_EQ(0x14, px_get(self->app, self->ch));
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0x14));
	ASSERT_EQ(0, px_unregister(self->proxy, self->ch, 0));
	EXPECT_EQ(0, px_get(self->app, self->ch));
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0));
	EXPECT_EQ(-ENOENT, px_unregister(self->proxy, self->ch, 0));
	ASSERT_EQ(0, px_unregister(self->app, self->ch2, 0));
}

TEST_F(px, register_errors_and_privileges)
{
	struct nl_msg *m;
	int status;
	pid_t pid;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 0x6));
	/* Another socket for a type taken, in part or whole. */
	EXPECT_EQ(-EBUSY, px_register(self->app, self->ch, 0x2));
	EXPECT_EQ(-EBUSY, px_register(self->app, self->ch, 0xc));
	EXPECT_EQ(0x6, px_get(self->app, self->ch));
	EXPECT_EQ(0, px_register(self->app, self->ch, 0x8));
	EXPECT_EQ(0xe, px_get(self->app, self->ch));
	EXPECT_EQ(0, px_register(self->proxy, self->ch, 0x6));

	EXPECT_EQ(-EINVAL, px_register(self->proxy, self->ch, 0));
	EXPECT_EQ(-EINVAL, px_register(self->proxy, self->ch, 0x1));
	EXPECT_EQ(-EINVAL, px_register(self->proxy, self->ch, 0x3));
	EXPECT_EQ(-ENODEV, px_register(self->proxy, 4000, 0x2));
	EXPECT_EQ(-ENODEV, px_get(self->proxy, 4000));
	EXPECT_EQ(-EINVAL, px_unregister(self->proxy, self->ch, 0x1));
	m = px_msg(self->proxy, TAPI_CMD_PROXY_REGISTER, 0);
	nla_put_u32(m, TAPI_A_PROXY_TYPES, 0x2);
	EXPECT_EQ(-EINVAL, px_send(self->proxy, m));

	/* Without CAP_NET_ADMIN: no proxy, but requests and the group. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct px_sock *ps;

		if (drop_capabilities())
			_exit(100);
		ps = px_open(true);
		if (!ps)
			_exit(101);
		if (px_register(ps, self->ch, 0x20) != -EPERM)
			_exit(102);
		if (px_get(ps, self->ch) != 0xe)
			_exit(103);
		if (px_request(ps, self->ch, 5, 1, "x", 1, NULL) != -ENOENT)
			_exit(104);
		if (px_unregister(ps, self->ch, 0) != -ENOENT)
			_exit(105);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("100 capset, 101 socket or group, 102 REGISTER not EPERM, 103 GET, 104 REQUEST, 105 UNREGISTER");
}

TEST_F(px, request_without_proxy)
{
	uint32_t id;

	EXPECT_EQ(-ENOENT, px_request(self->app, self->ch, 3, 1, "a", 1, &id));
	EXPECT_EQ(-ENODEV, px_request(self->app, 4000, 3, 1, "a", 1, &id));
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 4));
	EXPECT_EQ(-ENOENT, px_request(self->app, self->ch, 3, 1, "a", 1, &id));
	EXPECT_EQ(0, px_request(self->app, self->ch, 4, 1, "a", 1, &id));
}

TEST_F(px, bad_attributes)
{
	static uint8_t big[TAPI_PROXY_DATA_MAX + 1];
	struct nl_msg *m;
	uint32_t id;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 0xfffffffe));
	EXPECT_EQ(-ERANGE, px_request(self->app, self->ch, 0, 1, "a", 1, &id));
	EXPECT_EQ(-ERANGE, px_request(self->app, self->ch, 32, 1, "a", 1, &id));
	EXPECT_EQ(-ERANGE, px_request(self->app, self->ch, 3, 1, big,
				      sizeof(big), &id));

	/* Missing cookie, type, channel. */
	m = px_msg(self->app, TAPI_CMD_PROXY_REQUEST, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->ch);
	nla_put_u32(m, TAPI_A_PROXY_TYPE, 3);
	EXPECT_EQ(-EINVAL, px_send(self->app, m));
	m = px_msg(self->app, TAPI_CMD_PROXY_REQUEST, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->ch);
	nla_put_u32(m, TAPI_A_PROXY_COOKIE, 3);
	EXPECT_EQ(-EINVAL, px_send(self->app, m));
	/* A u32 of two bytes; an attribute the command does not take. */
	m = px_msg(self->app, TAPI_CMD_PROXY_REQUEST, 0);
	nla_put_u16(m, TAPI_A_CHANNEL_ID, self->ch);
	nla_put_u32(m, TAPI_A_PROXY_TYPE, 3);
	nla_put_u32(m, TAPI_A_PROXY_COOKIE, 3);
	EXPECT_EQ(-EINVAL, px_send(self->app, m));
	m = px_msg(self->app, TAPI_CMD_PROXY_REQUEST, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->ch);
	nla_put_u32(m, TAPI_A_PROXY_TYPE, 3);
	nla_put_u32(m, TAPI_A_PROXY_COOKIE, 3);
	nla_put_u32(m, TAPI_A_PROXY_PID, 3);
	EXPECT_EQ(-EINVAL, px_send(self->app, m));
	m = px_msg(self->app, TAPI_CMD_PROXY_REQUEST, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->ch);
	nla_put_u32(m, TAPI_A_PROXY_TYPE, 3);
	nla_put_u32(m, TAPI_A_PROXY_COOKIE, 3);
	nla_put_u32(m, TAPI_A_MAX + 1, 3);
	EXPECT_EQ(-EINVAL, px_send(self->app, m));

	/* Response: missing result, oversize data. */
	ASSERT_EQ(0, px_request(self->app, self->ch, 3, 9, "a", 1, &id));
	m = px_msg(self->proxy, TAPI_CMD_PROXY_RESPONSE, 0);
	nla_put_u32(m, TAPI_A_PROXY_REQ_ID, id);
	EXPECT_EQ(-EINVAL, px_send(self->proxy, m));
	EXPECT_EQ(-ERANGE, px_respond(self->proxy, id, 0, big, sizeof(big)));
	/* Message: missing number. */
	m = px_msg(self->proxy, TAPI_CMD_PROXY_MESSAGE, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->ch);
	EXPECT_EQ(-EINVAL, px_send(self->proxy, m));
	/* A dump names no channel. */
	m = px_msg(self->proxy, TAPI_CMD_PROXY_GET, NLM_F_DUMP);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->ch);
	EXPECT_EQ(-EINVAL, px_send(self->proxy, m));
	/* The request survived all that. */
	EXPECT_EQ(0, px_respond(self->proxy, id, 0, "b", 1));
}

TEST_F(px, request_and_response_round_trip)
{
	static uint8_t data[TAPI_PROXY_DATA_MAX], answer[5000];
	struct px_rec *r;
	uint32_t id, id2;

	fill_pattern(data, sizeof(data), 7);
	fill_pattern(answer, sizeof(answer), 99);
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 3));
	ASSERT_EQ(0, px_request(self->app, self->ch, 3, 0xc0ffee, data,
				sizeof(data), &id));
	EXPECT_NE(0, id);

	ASSERT_EQ(1, px_wait(self->proxy, TAPI_CMD_PROXY_REQUEST, 1,
			     PX_WAIT_MS));
	r = px_find(self->proxy, TAPI_CMD_PROXY_REQUEST, 0);
	EXPECT_EQ(self->ch, r->u[TAPI_A_CHANNEL_ID]);
	EXPECT_EQ(3, r->u[TAPI_A_PROXY_TYPE]);
	EXPECT_EQ(id, r->u[TAPI_A_PROXY_REQ_ID]);
	EXPECT_EQ(px_port(self->app), r->u[TAPI_A_PROXY_PID]);
	EXPECT_FALSE(r->has[TAPI_A_PROXY_COOKIE]);
	ASSERT_EQ(sizeof(data), r->data_len);
	EXPECT_EQ(0, memcmp(r->data, data, sizeof(data)));

	/* Only the proxy it went to may answer, and an id it knows. */
	EXPECT_EQ(-ENOENT, px_respond(self->app, id, 1, "x", 1));
	EXPECT_EQ(-ENOENT, px_respond(self->mon, id, 1, "x", 1));
	EXPECT_EQ(-ENOENT, px_respond(self->proxy, id + 1000, 1, "x", 1));
	ASSERT_EQ(0, px_respond(self->proxy, id, 0x80000048, answer,
				sizeof(answer)));
	EXPECT_EQ(-ENOENT, px_respond(self->proxy, id, 0, "x", 1));

	ASSERT_EQ(1, px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 1,
			     PX_WAIT_MS));
	r = px_find(self->app, TAPI_CMD_PROXY_RESPONSE, 0);
	EXPECT_EQ(self->ch, r->u[TAPI_A_CHANNEL_ID]);
	EXPECT_EQ(id, r->u[TAPI_A_PROXY_REQ_ID]);
	EXPECT_EQ(0xc0ffee, r->u[TAPI_A_PROXY_COOKIE]);
	EXPECT_EQ(TAPI_PROXY_ANSWERED, r->u[TAPI_A_PROXY_STATUS]);
	EXPECT_TRUE(r->has[TAPI_A_PROXY_RESULT]);
	EXPECT_EQ(0x80000048, r->u[TAPI_A_PROXY_RESULT]);
	ASSERT_EQ(sizeof(answer), r->data_len);
	EXPECT_EQ(0, memcmp(r->data, answer, sizeof(answer)));

	/* Empty data both ways, a new id. */
	ASSERT_EQ(0, px_request(self->app, self->ch, 3, 5, NULL, -1, &id2));
	EXPECT_NE(id, id2);
	ASSERT_EQ(2, px_wait(self->proxy, TAPI_CMD_PROXY_REQUEST, 2,
			     PX_WAIT_MS));
	r = px_find(self->proxy, TAPI_CMD_PROXY_REQUEST, 1);
	EXPECT_TRUE(r->has[TAPI_A_PROXY_DATA]);
	EXPECT_EQ(0, r->data_len);
	ASSERT_EQ(0, px_respond(self->proxy, id2, 7, NULL, -1));
	ASSERT_EQ(2, px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 2,
			     PX_WAIT_MS));
	r = px_find(self->app, TAPI_CMD_PROXY_RESPONSE, 1);
	EXPECT_EQ(5, r->u[TAPI_A_PROXY_COOKIE]);
	EXPECT_EQ(7, r->u[TAPI_A_PROXY_RESULT]);
	EXPECT_FALSE(r->has[TAPI_A_PROXY_DATA]);
}

/* The requester is another process; the proxy answers it. */
TEST_F(px, request_from_another_process)
{
	struct px_rec *r;
	int status;
	pid_t pid;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 9));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct px_sock *ps = px_open(false);

		if (!ps)
			_exit(100);
		if (px_request(ps, self->ch, 9, 4242, "ping", 4, NULL))
			_exit(101);
		if (px_wait(ps, TAPI_CMD_PROXY_RESPONSE, 1, 30000) != 1)
			_exit(102);
		r = px_find(ps, TAPI_CMD_PROXY_RESPONSE, 0);
		if (r->u[TAPI_A_PROXY_COOKIE] != 4242 ||
		    r->u[TAPI_A_PROXY_STATUS] != TAPI_PROXY_ANSWERED ||
		    r->u[TAPI_A_PROXY_RESULT] != 17 || r->data_len != 4 ||
		    memcmp(r->data, "pong", 4))
			_exit(103);
		_exit(0);
	}
	ASSERT_EQ(1, px_wait(self->proxy, TAPI_CMD_PROXY_REQUEST, 1, 30000));
	r = px_find(self->proxy, TAPI_CMD_PROXY_REQUEST, 0);
	ASSERT_EQ(4, r->data_len);
	EXPECT_EQ(0, memcmp(r->data, "ping", 4));
	EXPECT_NE(px_port(self->app), r->u[TAPI_A_PROXY_PID]);
	EXPECT_EQ(0, px_respond(self->proxy, r->u[TAPI_A_PROXY_REQ_ID], 17,
				"pong", 4));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("100 socket, 101 request, 102 no response, 103 response wrong");
}

TEST_F(px, pending_limit_per_requester)
{
	uint32_t id, first = 0;
	int i;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 2));
	for (i = 0; i < TAPI_PROXY_PENDING_MAX; i++) {
		ASSERT_EQ(0, px_request(self->app, self->ch, 2, i, "r", 1,
					&id));
		if (!i)
			first = id;
	}
	EXPECT_EQ(-EAGAIN, px_request(self->app, self->ch, 2, 99, "r", 1,
				      &id));
	/* Another requester is not limited by it. */
	EXPECT_EQ(0, px_request(self->mon, self->ch, 2, 1, "r", 1, &id));
	/* One answered, one more may go. */
	ASSERT_EQ(0, px_respond(self->proxy, first, 0, NULL, -1));
	EXPECT_EQ(0, px_request(self->app, self->ch, 2, 100, "r", 1, &id));
	EXPECT_EQ(-EAGAIN, px_request(self->app, self->ch, 2, 101, "r", 1,
				      &id));
	EXPECT_EQ(TAPI_PROXY_PENDING_MAX + 2,
		  px_wait(self->proxy, TAPI_CMD_PROXY_REQUEST,
			  TAPI_PROXY_PENDING_MAX + 2, PX_WAIT_MS));
}

/* A proxy that does not read: the request fails, nothing is pending. */
TEST_F(px, full_proxy_socket_fails_the_request)
{
	static uint8_t data[TAPI_PROXY_DATA_MAX];
	int i, ok = 0, ret = 0;
	uint32_t id;

	nl_socket_set_buffer_size(self->proxy->sk, 4096, 0);
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 2));
	for (i = 0; i < TAPI_PROXY_PENDING_MAX; i++) {
		ret = px_request(self->app, self->ch, 2, i, data,
				 sizeof(data), &id);
		if (ret)
			break;
		ok++;
	}
	EXPECT_EQ(-ENOBUFS, ret);
	EXPECT_LT(0, ok);
	EXPECT_EQ(ok, px_wait(self->proxy, TAPI_CMD_PROXY_REQUEST, ok + 1,
			      2000));
	nl_socket_set_buffer_size(self->proxy->sk, 1 << 21, 1 << 17);
	/* The refused one was not left pending: the limit counts ok only. */
	for (i = ok; i < TAPI_PROXY_PENDING_MAX; i++)
		ASSERT_EQ(0, px_request(self->app, self->ch, 2, i, "s", 1,
					&id)) TH_LOG("request %d", i);
	EXPECT_EQ(-EAGAIN, px_request(self->app, self->ch, 2, 0, "s", 1,
				      &id));
}

static void expect_gone(struct __test_metadata *_metadata,
			struct px_sock *app, int n, uint32_t cookie_base)
{
	bool seen[TAPI_PROXY_PENDING_MAX] = { false };
	struct px_rec *r;
	int i;

	ASSERT_EQ(n, px_wait(app, TAPI_CMD_PROXY_RESPONSE, n, PX_WAIT_MS));
	for (i = 0; (r = px_find(app, TAPI_CMD_PROXY_RESPONSE, i)); i++) {
		uint32_t c = r->u[TAPI_A_PROXY_COOKIE] - cookie_base;

		EXPECT_EQ(TAPI_PROXY_GONE, r->u[TAPI_A_PROXY_STATUS]);
		EXPECT_FALSE(r->has[TAPI_A_PROXY_RESULT]);
		ASSERT_LT(c, (uint32_t)n);
		EXPECT_FALSE(seen[c]);
		seen[c] = true;
	}
	EXPECT_EQ(n, i);
}

TEST_F(px, proxy_socket_closed_fails_pending_requests)
{
	uint32_t id;
	int i;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 0x6));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, px_request(self->app, self->ch, 1 + i % 2,
					500 + i, "q", 1, &id));
	px_close(self->proxy);
	self->proxy = NULL;
	expect_gone(_metadata, self->app, 3, 500);
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0));
	EXPECT_EQ(0, px_get(self->app, self->ch));
}

TEST_F(px, unregister_fails_pending_requests_of_its_types)
{
	uint32_t id, keep[2];
	int i;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 0x6));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, px_request(self->app, self->ch, 1, 10 + i, "q", 1,
					&id));
		ASSERT_EQ(0, px_request(self->app, self->ch, 2, 20 + i, "k", 1,
					&keep[i]));
	}
	/* Type 1 goes with its two requests; type 2 and its own stay. */
	ASSERT_EQ(0, px_unregister(self->proxy, self->ch, 0x2));
	expect_gone(_metadata, self->app, 2, 10);
	EXPECT_EQ(0x4, px_get(self->app, self->ch));
	EXPECT_EQ(-ENOENT, px_request(self->app, self->ch, 1, 1, "q", 1, &id));
	inbox_clear(self->app);
	for (i = 0; i < 2; i++)
		EXPECT_EQ(0, px_respond(self->proxy, keep[i], i, NULL, -1));
	ASSERT_EQ(2, px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 2,
			     PX_WAIT_MS));
	for (i = 0; i < 2; i++) {
		struct px_rec *r = px_find(self->app, TAPI_CMD_PROXY_RESPONSE,
					   i);

		EXPECT_EQ(TAPI_PROXY_ANSWERED, r->u[TAPI_A_PROXY_STATUS]);
		EXPECT_EQ(20 + i, r->u[TAPI_A_PROXY_COOKIE]);
	}
}

TEST_F_TIMEOUT(px, killed_proxy_process_fails_pending_requests, 120)
{
	int ready[2], status;
	char c;
	struct pollfd pfd;
	uint32_t id;
	pid_t pid;
	int i;

	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct px_sock *ps = px_open(false);

		close(ready[0]);
		if (!ps || px_register(ps, self->ch, 1 << 7))
			_exit(100);
		if (write(ready[1], "r", 1) != 1)
			_exit(101);
		/* Say when both requests arrived, then never answer. */
		if (px_wait(ps, TAPI_CMD_PROXY_REQUEST, 2, 60000) != 2)
			_exit(102);
		if (write(ready[1], "q", 1) != 1)
			_exit(103);
		for (;;)
			pause();
	}
	close(ready[1]);
	pfd.fd = ready[0];
	pfd.events = POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, 30000));
	ASSERT_EQ(1, read(ready[0], &c, 1));
	ASSERT_EQ('r', c);
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 1 << 7));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, px_request(self->app, self->ch, 7, 70 + i, "k", 1,
					&id));
	ASSERT_EQ(1, poll(&pfd, 1, 30000));
	ASSERT_EQ(1, read(ready[0], &c, 1));
	ASSERT_EQ('q', c);
	EXPECT_EQ(0, px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 1, 200));

	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status));
	close(ready[0]);
	expect_gone(_metadata, self->app, 2, 70);
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0));
	EXPECT_EQ(0, px_get(self->app, self->ch));
}

TEST_F(px, closed_requester_is_forgotten)
{
	struct px_sock *other = px_open(false);
	uint32_t id, kept;

	ASSERT_NE(NULL, other);
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 5));
	ASSERT_EQ(0, px_request(other, self->ch, 5, 1, "gone", 4, &id));
	ASSERT_EQ(0, px_request(self->app, self->ch, 5, 2, "here", 4, &kept));
	px_close(other);
	EXPECT_EQ(-ENOENT, px_respond(self->proxy, id, 0, NULL, -1));
	EXPECT_EQ(0, px_respond(self->proxy, kept, 0, NULL, -1));
	ASSERT_EQ(1, px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 1,
			     PX_WAIT_MS));
	EXPECT_EQ(2, px_find(self->app, TAPI_CMD_PROXY_RESPONSE, 0)->u[TAPI_A_PROXY_COOKIE]);
}

TEST_F(px, proxy_messages_reach_the_group)
{
	struct px_rec *r;

	EXPECT_EQ(-EPERM, px_message(self->app, self->ch, 1, 2, 3, 4));
	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 6));
	EXPECT_EQ(-EPERM, px_message(self->app, self->ch, 1, 2, 3, 4));
	/* A proxy of one channel is not one of another. */
	EXPECT_EQ(-EPERM, px_message(self->proxy, self->ch2, 1, 2, 3, 4));
	ASSERT_EQ(0, px_message(self->proxy, self->ch, 0x20000, 7, 0xffffffff,
				9));
	ASSERT_EQ(1, px_wait(self->mon, TAPI_CMD_PROXY_MESSAGE, 1,
			     PX_WAIT_MS));
	r = px_find(self->mon, TAPI_CMD_PROXY_MESSAGE, 0);
	EXPECT_EQ(self->ch, r->u[TAPI_A_CHANNEL_ID]);
	EXPECT_EQ(0x20000, r->u[TAPI_A_PROXY_MSG]);
	EXPECT_EQ(7, r->u[TAPI_A_PROXY_PARAM1]);
	EXPECT_EQ(0xffffffff, r->u[TAPI_A_PROXY_PARAM2]);
	EXPECT_EQ(9, r->u[TAPI_A_PROXY_PARAM3]);
	/* Not in the group: nothing for the application's socket. */
	EXPECT_EQ(0, px_wait(self->app, TAPI_CMD_PROXY_MESSAGE, 1, 200));
}

TEST_F_TIMEOUT(px, channel_removal_fails_pending_requests, 120)
{
	uint32_t id;
	int i;

	ASSERT_EQ(0, px_register(self->proxy, self->ch, 1 << 8));
	ASSERT_EQ(0, px_register(self->proxy, self->ch2, 1 << 8));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, px_request(self->app, self->ch, 8, 80 + i, "z", 1,
					&id));
	line_card_remove(&self->lc);
	expect_gone(_metadata, self->app, 2, 80);
	EXPECT_NE(NULL, px_status(self->mon, self->ch, 0));
	EXPECT_NE(NULL, px_status(self->mon, self->ch2, 0));
	EXPECT_EQ(-ENODEV, px_get(self->app, self->ch));
	EXPECT_EQ(-ENOENT, px_unregister(self->proxy, self->ch, 0));
	EXPECT_EQ(-ENODEV, px_request(self->app, self->ch, 8, 1, "z", 1, &id));
	EXPECT_EQ(-ENOENT, px_respond(self->proxy, id, 0, NULL, -1));
}

/* Count the responses in @ps's inbox per cookie, then empty it. */
static void take_responses(struct px_sock *ps, int *answers, int n)
{
	struct px_rec *r;
	int i;

	for (i = 0; (r = px_find(ps, TAPI_CMD_PROXY_RESPONSE, i)); i++)
		if (r->u[TAPI_A_PROXY_COOKIE] < (uint32_t)n)
			answers[r->u[TAPI_A_PROXY_COOKIE]]++;
	inbox_clear(ps);
}

/*
 * A proxy process that keeps registering, answering and unregistering,
 * requests all the while, and the card goes in the middle: every request
 * the kernel took gets exactly one response, answered or gone.
 */
TEST_F_TIMEOUT(px, no_request_hangs_under_churn, 240)
{
	enum { NREQ = 400 };
	int answers[NREQ] = { 0 }, ok[NREQ] = { 0 };
	int i, ret, status, taken = 0, total;
	int64_t end;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct px_sock *ps = px_open(false);
		int64_t stop = now_ms() + 120000;
		bool registered = false;
		int answered = 0;
		struct px_rec *r;

		if (!ps)
			_exit(100);
		while (now_ms() < stop) {
			if (!registered) {
				ret = px_register(ps, self->ch, 1 << 3);
				if (ret == -ENODEV)
					_exit(0);
				if (ret)
					_exit(101);
				registered = true;
			} else if (px_get(ps, self->ch) == -ENODEV) {
				_exit(0);
			}
			px_wait(ps, TAPI_CMD_PROXY_REQUEST, 1, 20);
			for (i = 0; (r = px_find(ps, TAPI_CMD_PROXY_REQUEST, i)); i++) {
				ret = px_respond(ps, r->u[TAPI_A_PROXY_REQ_ID],
						 0, "a", 1);
				if (ret && ret != -ENOENT)
					_exit(102);
				answered++;
			}
			inbox_clear(ps);
			if (answered >= 5) {
				ret = px_unregister(ps, self->ch, 0);
				if (ret && ret != -ENOENT)
					_exit(103);
				registered = false;
				answered = 0;
			}
		}
		_exit(104);
	}

	/* Once the proxy is up, the requests start. */
	end = now_ms() + 30000;
	while (px_get(self->app, self->ch) <= 0 && now_ms() < end)
		sleep_ms(10);
	for (i = 0; i < NREQ; i++) {
		if (i == NREQ / 2)
			line_card_remove(&self->lc);
		ret = px_request(self->app, self->ch, 3, i, "q", 1, NULL);
		if (ret == -EAGAIN) {
			px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 1, 100);
			take_responses(self->app, answers, NREQ);
			continue;
		}
		ASSERT_TRUE(ret == 0 || ret == -ENOENT || ret == -ENODEV)
			TH_LOG("request %d: %d", i, ret);
		if (i >= NREQ / 2)
			ASSERT_EQ(-ENODEV, ret);
		ok[i] = !ret;
		taken += !ret;
		take_responses(self->app, answers, NREQ);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("100 socket, 101 register, 102 respond, 103 unregister, 104 card never gone");
	end = now_ms() + PX_WAIT_MS;
	for (;;) {
		take_responses(self->app, answers, NREQ);
		for (i = 0, total = 0; i < NREQ; i++)
			total += answers[i];
		if (total >= taken || now_ms() > end)
			break;
		px_wait(self->app, TAPI_CMD_PROXY_RESPONSE, 1, 100);
	}
	TH_LOG("%d requests taken", taken);
	EXPECT_LT(0, taken);
	for (i = 0; i < NREQ; i++)
		EXPECT_EQ(ok[i], answers[i]) TH_LOG("request %d", i);
}

TEST_HARNESS_MAIN
