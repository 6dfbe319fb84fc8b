// SPDX-License-Identifier: GPL-2.0
/*
 * test_netlink - the generic netlink family "tapi", through libnl-genl:
 * the family and its groups resolve; dumps and gets of cards and channels
 * agree with the character devices; strict policies and extack messages;
 * TAPI_CMD_CHANNEL_SET of tone zone, number and law, behind
 * CAP_NET_ADMIN (a child drops its capabilities to check); the privacy
 * rules; config notifications when a simulated card comes and goes, in
 * the documented order; event and call-state notifications with a
 * per-channel sequence; a zone change reaching generator and detector.
 */
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
#include "test_call_fsk.h"

#define NL_STR_MAX	72
#define NL_RECS_MAX	1024

/* One message of the family, every attribute decoded. */
struct rec {
	uint8_t cmd;
	bool has[TAPI_A_MAX + 1];
	uint64_t u[TAPI_A_MAX + 1];
	char s[TAPI_A_MAX + 1][NL_STR_MAX];
};

/* What a request or a listener got. */
struct nl_result {
	int err;			/* 0 or -errno from the kernel */
	char extack[256];
	bool done;
	int n;
	struct rec *recs;		/* NL_RECS_MAX */
};

static bool attr_is_string(int type)
{
	switch (type) {
	case TAPI_A_CARD_NAME:
	case TAPI_A_DRIVER:
	case TAPI_A_CHANNEL_NAME:
	case TAPI_A_NUMBER:
	case TAPI_A_TONE_ZONE:
	case TAPI_A_CALLER_NUMBER:
	case TAPI_A_CALLER_NAME:
	case TAPI_A_CALLED_NUMBER:
	case TAPI_A_CALLER_DATETIME:
		return true;
	}
	return false;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nl_result *res = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[TAPI_A_MAX + 1];
	struct rec *r;
	int i;

	if (res->n >= NL_RECS_MAX ||
	    genlmsg_parse(nlh, 0, tb, TAPI_A_MAX, NULL))
		return NL_SKIP;
	r = &res->recs[res->n++];
	memset(r, 0, sizeof(*r));
	r->cmd = gh->cmd;
	for (i = 1; i <= TAPI_A_MAX; i++) {
		if (!tb[i] || i == TAPI_A_PAD)
			continue;
		r->has[i] = true;
		if (attr_is_string(i))
			snprintf(r->s[i], NL_STR_MAX, "%s",
				 (const char *)nla_data(tb[i]));
		else if (i == TAPI_A_EVENT_TIMESTAMP)
			r->u[i] = nla_get_u64(tb[i]);
		else
			r->u[i] = nla_get_u32(tb[i]);
	}
	return NL_OK;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nl_result *res = arg;

	res->err = nl_test_ack(e, res->extack, sizeof(res->extack));
	res->done = true;
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct nl_result *res = arg;
	int err = nl_test_done_error(msg);

	if (err)
		res->err = err;
	res->done = true;
	return NL_STOP;
}

static void result_reset(struct nl_result *res)
{
	res->err = 0;
	res->extack[0] = '\0';
	res->done = false;
	res->n = 0;
}

static struct nl_sock *nl_open(struct nl_result *res, int *family)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1;

	if (!sk)
		return NULL;
	if (genl_connect(sk)) {
		nl_socket_free(sk);
		return NULL;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one,
		   sizeof(one));
	nl_socket_set_buffer_size(sk, 1 << 20, 1 << 16);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, res);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_done, res);
	nl_socket_modify_cb(sk, NL_CB_FINISH, NL_CB_CUSTOM, on_done, res);
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, res);
	if (family)
		*family = genl_ctrl_resolve(sk, TAPI_GENL_NAME);
	return sk;
}

static struct nl_msg *req_new(int family, uint8_t cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (m && !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			      cmd, TAPI_GENL_VERSION)) {
		nlmsg_free(m);
		m = NULL;
	}
	return m;
}

/* Send a request and take its replies; returns the kernel's -errno. */
static int req_send(struct nl_sock *sk, struct nl_msg *m,
		    struct nl_result *res)
{
	int ret;

	result_reset(res);
	ret = nl_send_auto(sk, m);
	nlmsg_free(m);
	if (ret < 0)
		return -EIO;
	while (!res->done) {
		ret = nl_recvmsgs_default(sk);
		if (ret < 0 && !res->done)
			return -EIO;
	}
	return res->err;
}

/* The channels of a dump (optionally of one card). */
static int dump_channels(struct nl_sock *sk, int family, int card,
			 struct nl_result *res)
{
	struct nl_msg *m = req_new(family, TAPI_CMD_CHANNEL_GET, NLM_F_DUMP);

	if (card >= 0)
		nla_put_u32(m, TAPI_A_CARD_ID, card);
	return req_send(sk, m, res);
}

static struct rec *find_rec(struct nl_result *res, uint8_t cmd, int attr,
			    uint64_t value)
{
	int i;

	for (i = 0; i < res->n; i++)
		if (res->recs[i].cmd == cmd && res->recs[i].has[attr] &&
		    res->recs[i].u[attr] == value)
			return &res->recs[i];
	return NULL;
}

/* CHANNEL_SET with the attributes given (NULL/negative: left out). */
static int channel_set(struct nl_sock *sk, int family, uint32_t channel,
		       const char *zone, const char *number, int law,
		       struct nl_result *res)
{
	struct nl_msg *m = req_new(family, TAPI_CMD_CHANNEL_SET, 0);

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	if (zone)
		nla_put_string(m, TAPI_A_TONE_ZONE, zone);
	if (number)
		nla_put_string(m, TAPI_A_NUMBER, number);
	if (law >= 0)
		nla_put_u32(m, TAPI_A_LAW, law);
	return req_send(sk, m, res);
}

static int channel_get(struct nl_sock *sk, int family, uint32_t channel,
		       struct nl_result *res)
{
	struct nl_msg *m = req_new(family, TAPI_CMD_CHANNEL_GET, 0);

	nla_put_u32(m, TAPI_A_CHANNEL_ID, channel);
	return req_send(sk, m, res);
}

/* A socket in the groups; listens until @until says so or time is up. */
static struct nl_sock *listener_open(struct nl_result *res, bool events)
{
	struct nl_sock *sk = nl_open(res, NULL);
	int grp;

	if (!sk)
		return NULL;
	nl_socket_disable_seq_check(sk);
	grp = genl_ctrl_resolve_grp(sk, TAPI_GENL_NAME, TAPI_GENL_MCGRP_CONFIG);
	if (grp < 0 || nl_socket_add_membership(sk, grp))
		goto fail;
	if (events) {
		grp = genl_ctrl_resolve_grp(sk, TAPI_GENL_NAME,
					    TAPI_GENL_MCGRP_EVENTS);
		if (grp < 0 || nl_socket_add_membership(sk, grp))
			goto fail;
	}
	nl_socket_set_nonblocking(sk);
	result_reset(res);
	return sk;
fail:
	nl_socket_free(sk);
	return NULL;
}

/* Take notifications until one matches (cmd, attr == value) or time out. */
static struct rec *listen_for(struct nl_sock *sk, struct nl_result *res,
			      uint8_t cmd, int attr, uint64_t value,
			      int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
	struct rec *r;
	int from = 0, i;

	for (;;) {
		for (i = from; i < res->n; i++) {
			r = &res->recs[i];
			if (r->cmd == cmd && r->has[attr] && r->u[attr] == value)
				return r;
		}
		from = res->n;
		if (now_ms() > end)
			return NULL;
		if (poll(&pfd, 1, 100) > 0)
			nl_recvmsgs_default(sk);
	}
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

FIXTURE(nl) {
	struct line_card lc;
	struct nl_sock *sk;
	int family;
	struct nl_result res;
};

FIXTURE_SETUP(nl)
{
	int ret;

	self->sk = NULL;
	line_card_init(&self->lc);
	self->res.recs = calloc(NL_RECS_MAX, sizeof(struct rec));
	ASSERT_NE(NULL, self->res.recs);
	self->sk = nl_open(&self->res, &self->family);
	ASSERT_NE(NULL, self->sk);
	ASSERT_LT(0, self->family) TH_LOG("family \"tapi\" not registered");
	ret = line_card_add(&self->lc, 2, 2);
	if (ret == -ENOENT)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, ret);
}

FIXTURE_TEARDOWN(nl)
{
	line_card_remove(&self->lc);
	if (self->sk)
		nl_socket_free(self->sk);
	free(self->res.recs);
}

TEST_F(nl, family_and_groups_resolve)
{
	struct nl_cache *cache;
	struct genl_family *fam;

	ASSERT_EQ(0, genl_ctrl_alloc_cache(self->sk, &cache));
	fam = genl_ctrl_search_by_name(cache, TAPI_GENL_NAME);
	ASSERT_NE(NULL, fam);
	EXPECT_EQ(TAPI_GENL_VERSION, genl_family_get_version(fam));
	EXPECT_EQ(self->family, genl_family_get_id(fam));
	genl_family_put(fam);
	nl_cache_free(cache);
	EXPECT_LT(0, genl_ctrl_resolve_grp(self->sk, TAPI_GENL_NAME,
					   TAPI_GENL_MCGRP_CONFIG));
	EXPECT_LT(0, genl_ctrl_resolve_grp(self->sk, TAPI_GENL_NAME,
					   TAPI_GENL_MCGRP_EVENTS));
}

/* Every channel of /sys/class/tapi, as its character device sees it. */
TEST_F(nl, channel_dump_agrees_with_the_devices)
{
	bool used[TEST_MAX_CHANNELS] = { false }, cards[TEST_MAX_CHANNELS];
	struct tapi_chan_info info;
	unsigned int ch, seen = 0;
	struct rec *r;
	int fd, i;

	ASSERT_EQ(0, dump_channels(self->sk, self->family, -1, &self->res));
	ASSERT_EQ(0, scan_class(used, cards));
	for (ch = 0; ch < TEST_MAX_CHANNELS; ch++) {
		if (!used[ch])
			continue;
		fd = chan_open(ch, O_CLOEXEC);
		if (fd < 0)
			continue;	/* another test's card, just gone */
		ASSERT_EQ(0, chan_info(fd, &info));
		close(fd);
		r = find_rec(&self->res, TAPI_CMD_CHANNEL_GET,
			     TAPI_A_CHANNEL_ID, ch);
		ASSERT_NE(NULL, r) TH_LOG("channel %u not in the dump", ch);
		seen++;
		EXPECT_EQ(info.card, r->u[TAPI_A_CARD_ID]);
		EXPECT_EQ(info.card_channel, r->u[TAPI_A_CHANNEL_INDEX]);
		EXPECT_EQ(info.signalling, r->u[TAPI_A_SIGNALLING]);
		EXPECT_EQ(info.caps, r->u[TAPI_A_CAPS]);
		EXPECT_EQ(info.hook, r->u[TAPI_A_HOOK]);
		EXPECT_EQ(info.ringing, r->u[TAPI_A_RINGING]);
		EXPECT_EQ(info.polarity, r->u[TAPI_A_POLARITY]);
		EXPECT_STREQ(info.name, r->s[TAPI_A_CHANNEL_NAME]);
		EXPECT_STREQ(info.card_name, r->s[TAPI_A_CARD_NAME]);
		EXPECT_STREQ(info.driver, r->s[TAPI_A_DRIVER]);
		EXPECT_TRUE(r->has[TAPI_A_NUMBER]);
		EXPECT_TRUE(r->has[TAPI_A_TONE_ZONE]);
		EXPECT_TRUE(r->has[TAPI_A_LAW]);
		EXPECT_TRUE(r->has[TAPI_A_SEQ]);
		EXPECT_TRUE(r->has[TAPI_A_CALL_STATE]);
	}
	EXPECT_EQ(seen, self->res.n);

	/* This test's card: the CO's numbers, the default zone and law. */
	for (i = 0; i < 2; i++) {
		r = find_rec(&self->res, TAPI_CMD_CHANNEL_GET,
			     TAPI_A_CHANNEL_ID, self->lc.fxo[i]);
		ASSERT_NE(NULL, r);
		EXPECT_STREQ(self->lc.number[i], r->s[TAPI_A_NUMBER]);
		EXPECT_STREQ("us", r->s[TAPI_A_TONE_ZONE]);
		EXPECT_EQ(TAPI_FMT_ULAW, r->u[TAPI_A_LAW]);
		EXPECT_EQ(TAPI_CALL_IDLE, r->u[TAPI_A_CALL_STATE]);
		EXPECT_EQ(0, r->u[TAPI_A_CALL_ID]);
		r = find_rec(&self->res, TAPI_CMD_CHANNEL_GET,
			     TAPI_A_CHANNEL_ID, self->lc.fxs[i]);
		ASSERT_NE(NULL, r);
		EXPECT_STREQ("", r->s[TAPI_A_NUMBER]);
	}
}

TEST_F(nl, dump_filtered_by_card)
{
	int i;

	ASSERT_EQ(0, dump_channels(self->sk, self->family, self->lc.card.card,
				   &self->res));
	ASSERT_EQ(4, self->res.n);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(self->lc.card.card, self->res.recs[i].u[TAPI_A_CARD_ID]);
		EXPECT_EQ(self->lc.card.first_channel + i,
			  self->res.recs[i].u[TAPI_A_CHANNEL_ID]);
		EXPECT_EQ(i, self->res.recs[i].u[TAPI_A_CHANNEL_INDEX]);
	}
	/* A card nobody has: an empty dump. */
	ASSERT_EQ(0, dump_channels(self->sk, self->family, 0x7fffffff,
				   &self->res));
	EXPECT_EQ(0, self->res.n);
}

TEST_F(nl, channel_get_and_its_errors)
{
	struct nl_msg *m;

	ASSERT_EQ(0, channel_get(self->sk, self->family, self->lc.fxo[1],
				 &self->res));
	ASSERT_EQ(1, self->res.n);
	EXPECT_EQ(TAPI_CMD_CHANNEL_GET, self->res.recs[0].cmd);
	EXPECT_EQ(self->lc.fxo[1], self->res.recs[0].u[TAPI_A_CHANNEL_ID]);
	EXPECT_STREQ(self->lc.number[1], self->res.recs[0].s[TAPI_A_NUMBER]);
	EXPECT_EQ(TAPI_SIG_FXO, self->res.recs[0].u[TAPI_A_SIGNALLING]);

	EXPECT_EQ(-ENODEV, channel_get(self->sk, self->family, 100000,
				       &self->res));
	EXPECT_STREQ("no such channel", self->res.extack);

	m = req_new(self->family, TAPI_CMD_CHANNEL_GET, 0);
	EXPECT_EQ(-EINVAL, req_send(self->sk, m, &self->res));

	m = req_new(self->family, TAPI_CMD_CHANNEL_GET, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->lc.fxo[1]);
	nla_put_u32(m, TAPI_A_CARD_ID, self->lc.card.card);
	EXPECT_EQ(-EINVAL, req_send(self->sk, m, &self->res));
	EXPECT_NE(0, self->res.extack[0]);

	/* Strict: an attribute the operation does not take. */
	m = req_new(self->family, TAPI_CMD_CHANNEL_GET, 0);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->lc.fxo[1]);
	nla_put_u32(m, TAPI_A_HOOK, 1);
	EXPECT_EQ(-EINVAL, req_send(self->sk, m, &self->res));

	/* A u32 attribute of the wrong size. */
	m = req_new(self->family, TAPI_CMD_CHANNEL_GET, 0);
	nla_put_u16(m, TAPI_A_CHANNEL_ID, 1);
	EXPECT_EQ(-EINVAL, req_send(self->sk, m, &self->res));

	/* A dump names no channel. */
	m = req_new(self->family, TAPI_CMD_CHANNEL_GET, NLM_F_DUMP);
	nla_put_u32(m, TAPI_A_CHANNEL_ID, self->lc.fxo[1]);
	EXPECT_EQ(-EINVAL, req_send(self->sk, m, &self->res));

	/* Notifications are no requests. */
	m = req_new(self->family, TAPI_CMD_EVENT, 0);
	EXPECT_EQ(-EOPNOTSUPP, req_send(self->sk, m, &self->res));
}

TEST_F(nl, card_get_and_dump)
{
	struct nl_msg *m;
	struct rec *r;

	m = req_new(self->family, TAPI_CMD_CARD_GET, 0);
	nla_put_u32(m, TAPI_A_CARD_ID, self->lc.card.card);
	ASSERT_EQ(0, req_send(self->sk, m, &self->res));
	ASSERT_EQ(1, self->res.n);
	r = &self->res.recs[0];
	EXPECT_EQ(TAPI_CMD_CARD_GET, r->cmd);
	EXPECT_EQ(self->lc.card.card, r->u[TAPI_A_CARD_ID]);
	EXPECT_STREQ(self->lc.card.name, r->s[TAPI_A_CARD_NAME]);
	EXPECT_STREQ(SIM_DRIVER, r->s[TAPI_A_DRIVER]);
	EXPECT_EQ(4, r->u[TAPI_A_CARD_CHANNELS]);

	m = req_new(self->family, TAPI_CMD_CARD_GET, NLM_F_DUMP);
	ASSERT_EQ(0, req_send(self->sk, m, &self->res));
	r = find_rec(&self->res, TAPI_CMD_CARD_GET, TAPI_A_CARD_ID,
		     self->lc.card.card);
	ASSERT_NE(NULL, r);
	EXPECT_STREQ(self->lc.card.name, r->s[TAPI_A_CARD_NAME]);

	m = req_new(self->family, TAPI_CMD_CARD_GET, 0);
	nla_put_u32(m, TAPI_A_CARD_ID, 0x7fffffff);
	EXPECT_EQ(-ENODEV, req_send(self->sk, m, &self->res));
	EXPECT_STREQ("no such card", self->res.extack);
}

TEST_F(nl, channel_set_zone_and_law)
{
	uint32_t ch = self->lc.fxs[0];
	struct rec *r;

	ASSERT_EQ(0, channel_set(self->sk, self->family, ch, "de", NULL, -1,
				 &self->res));
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	r = &self->res.recs[0];
	EXPECT_STREQ("de", r->s[TAPI_A_TONE_ZONE]);
	EXPECT_EQ(TAPI_FMT_ALAW, r->u[TAPI_A_LAW]);	/* follows the zone */

	/* A law set by hand stays when the zone changes. */
	ASSERT_EQ(0, channel_set(self->sk, self->family, ch, NULL, NULL,
				 TAPI_FMT_ULAW, &self->res));
	ASSERT_EQ(0, channel_set(self->sk, self->family, ch, "fr", NULL, -1,
				 &self->res));
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_STREQ("fr", self->res.recs[0].s[TAPI_A_TONE_ZONE]);
	EXPECT_EQ(TAPI_FMT_ULAW, self->res.recs[0].u[TAPI_A_LAW]);

	/* Refused as a whole: nothing of it is applied. */
	EXPECT_EQ(-EINVAL, channel_set(self->sk, self->family, ch, "xx", NULL,
				       TAPI_FMT_ALAW, &self->res));
	EXPECT_EQ(0, strncmp("unknown tone zone", self->res.extack, 17))
		TH_LOG("extack: \"%s\"", self->res.extack);
	EXPECT_EQ(-EINVAL, channel_set(self->sk, self->family, ch, "US", NULL,
				       -1, &self->res));
	/* The policy's range check. */
	EXPECT_EQ(-ERANGE, channel_set(self->sk, self->family, ch, NULL, NULL,
				       TAPI_FMT_S16, &self->res));
	EXPECT_EQ(-EINVAL, channel_set(self->sk, self->family, ch, NULL, NULL,
				       -1, &self->res));
	EXPECT_NE(0, self->res.extack[0]);
	EXPECT_EQ(-ENODEV, channel_set(self->sk, self->family, 100000, "de",
				       NULL, -1, &self->res));
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_STREQ("fr", self->res.recs[0].s[TAPI_A_TONE_ZONE]);
	EXPECT_EQ(TAPI_FMT_ULAW, self->res.recs[0].u[TAPI_A_LAW]);
}

TEST_F(nl, channel_set_number)
{
	uint32_t ch = self->lc.fxs[1];
	char buf[TAPI_DIGITS_LEN];

	ASSERT_EQ(0, channel_set(self->sk, self->family, ch, NULL, "4711",
				 -1, &self->res));
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_STREQ("4711", self->res.recs[0].s[TAPI_A_NUMBER]);
	ASSERT_EQ(0, sysfs_attr(ch, "number", buf, sizeof(buf)));
	EXPECT_STREQ("4711", buf);
	/* The administrator's own number may change or go. */
	ASSERT_EQ(0, channel_set(self->sk, self->family, ch, NULL, "+4930123",
				 -1, &self->res));
	ASSERT_EQ(0, channel_set(self->sk, self->family, ch, NULL, "", -1,
				 &self->res));
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_STREQ("", self->res.recs[0].s[TAPI_A_NUMBER]);

	EXPECT_EQ(-EINVAL, channel_set(self->sk, self->family, ch, NULL,
				       "12 34", -1, &self->res));
	/* A CO line's number is the simulator's. */
	EXPECT_EQ(-EBUSY, channel_set(self->sk, self->family,
				      self->lc.fxo[0], NULL, "999", -1,
				      &self->res));
	EXPECT_NE(0, self->res.extack[0]);
	ASSERT_EQ(0, channel_get(self->sk, self->family, self->lc.fxo[0],
				 &self->res));
	EXPECT_STREQ(self->lc.number[0], self->res.recs[0].s[TAPI_A_NUMBER]);
}

/*
 * Without CAP_NET_ADMIN: CHANNEL_SET is refused, the events group cannot
 * be joined, and dumps leave out who a call is with.
 */
TEST_F(nl, unprivileged_callers)
{
	uint32_t ch = self->lc.fxs[0];
	struct rec *r;
	int status;
	pid_t pid;

	/* A call with a number, visible to root. */
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK, ch, 1));
	ASSERT_EQ(0, sim_phone_dial(self->lc.sim, ch, "42", 0, 0));
	ASSERT_EQ(0, wait_called_number(self->lc.fxs_fd[0], "42",
					CALL_TIMEOUT_MS));
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_STREQ("42", self->res.recs[0].s[TAPI_A_CALLED_NUMBER]);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct nl_result res = { .recs = self->res.recs };
		struct nl_sock *sk;
		int family, grp;

		if (drop_capabilities())
			_exit(100);
		sk = nl_open(&res, &family);
		if (!sk || family <= 0)
			_exit(101);
		if (channel_set(sk, family, ch, "de", NULL, -1, &res) != -EPERM)
			_exit(102);
		if (channel_get(sk, family, ch, &res) || res.n != 1)
			_exit(103);
		r = &res.recs[0];
		if (r->has[TAPI_A_CALLED_NUMBER] ||
		    r->has[TAPI_A_CALLER_NUMBER] ||
		    r->u[TAPI_A_CALL_STATE] != TAPI_CALL_DIALING)
			_exit(104);
		grp = genl_ctrl_resolve_grp(sk, TAPI_GENL_NAME,
					    TAPI_GENL_MCGRP_CONFIG);
		if (grp < 0 || nl_socket_add_membership(sk, grp))
			_exit(105);
		grp = genl_ctrl_resolve_grp(sk, TAPI_GENL_NAME,
					    TAPI_GENL_MCGRP_EVENTS);
		if (grp < 0 || nl_socket_add_membership(sk, grp) == 0)
			_exit(106);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("100 capset, 101 socket, 102 SET not EPERM, 103 GET, 104 private parts shown, 105 config group, 106 events group joined");
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_STREQ("us", self->res.recs[0].s[TAPI_A_TONE_ZONE]);
}

/*
 * A card appears: CARD_NEW, then each CHANNEL_NEW.  It goes with a call
 * up: the call ends (REMOVED) and each channel's TAPI_EV_REMOVED, before
 * any CHANNEL_DEL; CARD_DEL last.
 */
TEST_F(nl, config_notifications_in_order)
{
	struct nl_result res = { .recs = calloc(NL_RECS_MAX,
						sizeof(struct rec)) };
	struct tapi_sim_card card;
	int first_del = -1, last_removed = -1, card_del = -1, i, fd;
	struct nl_sock *ls;
	struct rec *r;
	uint32_t c0, c1;

	ASSERT_NE(NULL, res.recs);
	ls = listener_open(&res, true);
	ASSERT_NE(NULL, ls);
	ASSERT_EQ(0, sim_card_add(self->lc.sim, 1, 1, &card));
	c0 = card.first_channel;
	c1 = c0 + 1;

	r = listen_for(ls, &res, TAPI_CMD_CARD_NEW, TAPI_A_CARD_ID, card.card,
		       CALL_TIMEOUT_MS);
	ASSERT_NE(NULL, r);
	EXPECT_STREQ(card.name, r->s[TAPI_A_CARD_NAME]);
	EXPECT_EQ(2, r->u[TAPI_A_CARD_CHANNELS]);
	EXPECT_EQ(1, r->u[TAPI_A_SEQ]);
	i = r - res.recs;
	ASSERT_NE(NULL, listen_for(ls, &res, TAPI_CMD_CHANNEL_NEW,
				   TAPI_A_CHANNEL_ID, c1, CALL_TIMEOUT_MS));
	/* Right after CARD_NEW, in channel order. */
	EXPECT_EQ(TAPI_CMD_CHANNEL_NEW, res.recs[i + 1].cmd);
	EXPECT_EQ(c0, res.recs[i + 1].u[TAPI_A_CHANNEL_ID]);
	EXPECT_EQ(1, res.recs[i + 1].u[TAPI_A_SEQ]);
	EXPECT_EQ(TAPI_SIG_FXS, res.recs[i + 1].u[TAPI_A_SIGNALLING]);
	EXPECT_EQ(TAPI_CMD_CHANNEL_NEW, res.recs[i + 2].cmd);
	EXPECT_EQ(c1, res.recs[i + 2].u[TAPI_A_CHANNEL_ID]);
	EXPECT_EQ(card.card, res.recs[i + 2].u[TAPI_A_CARD_ID]);

	/* A call on the FXS port when the card goes. */
	fd = line_open(c0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK, c0, 1));
	ASSERT_NE(NULL, listen_for(ls, &res, TAPI_CMD_CALL_STATE,
				   TAPI_A_CALL_STATE, TAPI_CALL_DIALTONE,
				   CALL_TIMEOUT_MS));
	ASSERT_EQ(0, sim_card_remove(self->lc.sim, card.card));
	close(fd);
	ASSERT_NE(NULL, listen_for(ls, &res, TAPI_CMD_CARD_DEL,
				   TAPI_A_CARD_ID, card.card, CALL_TIMEOUT_MS));

	for (i = 0; i < res.n; i++) {
		r = &res.recs[i];
		if (r->u[TAPI_A_CARD_ID] != card.card)
			continue;
		if (r->cmd == TAPI_CMD_CALL_STATE &&
		    r->u[TAPI_A_CALL_STATE] == TAPI_CALL_DISCONNECTED) {
			EXPECT_EQ(TAPI_CAUSE_REMOVED, r->u[TAPI_A_CALL_CAUSE]);
			EXPECT_EQ(-1, last_removed);	/* before REMOVED */
		}
		if (r->cmd == TAPI_CMD_EVENT &&
		    r->u[TAPI_A_EVENT_TYPE] == TAPI_EV_REMOVED)
			last_removed = i;
		if (r->cmd == TAPI_CMD_CHANNEL_DEL && first_del < 0)
			first_del = i;
		if (r->cmd == TAPI_CMD_CARD_DEL)
			card_del = i;
	}
	ASSERT_LE(0, last_removed);
	ASSERT_LE(0, first_del);
	EXPECT_LT(last_removed, first_del);
	EXPECT_EQ(card_del, res.n - 1);
	EXPECT_EQ(2, res.recs[card_del].u[TAPI_A_SEQ]);
	EXPECT_EQ(TAPI_CMD_CHANNEL_DEL, res.recs[card_del - 2].cmd);
	EXPECT_EQ(c0, res.recs[card_del - 2].u[TAPI_A_CHANNEL_ID]);
	EXPECT_EQ(TAPI_CMD_CHANNEL_DEL, res.recs[card_del - 1].cmd);
	EXPECT_EQ(c1, res.recs[card_del - 1].u[TAPI_A_CHANNEL_ID]);
	nl_socket_free(ls);
	free(res.recs);
}

/* Events and call changes of a channel, numbered one by one. */
TEST_F(nl, event_and_call_notifications_count_up)
{
	struct nl_result res = { .recs = calloc(NL_RECS_MAX,
						sizeof(struct rec)) };
	uint32_t ch = self->lc.fxs[0], seq = 0;
	uint64_t ts = 0;
	struct nl_sock *ls;
	struct rec *r;
	int i, state_events = 0, calls = 0;

	ASSERT_NE(NULL, res.recs);
	ls = listener_open(&res, true);
	ASSERT_NE(NULL, ls);
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_PHONE_HOOK, ch, 1));
	ASSERT_EQ(0, sim_phone_dial(self->lc.sim, ch, "7", 0, 0));
	ASSERT_NE(NULL, listen_for(ls, &res, TAPI_CMD_EVENT,
				   TAPI_A_EVENT_TYPE, TAPI_EV_DIGIT_END,
				   CALL_TIMEOUT_MS));

	for (i = 0; i < res.n; i++) {
		r = &res.recs[i];
		if (r->u[TAPI_A_CHANNEL_ID] != ch)
			continue;
		ASSERT_TRUE(r->has[TAPI_A_SEQ]);
		if (seq)
			EXPECT_EQ(seq + 1, r->u[TAPI_A_SEQ]);
		seq = r->u[TAPI_A_SEQ];
		EXPECT_EQ(self->lc.card.card, r->u[TAPI_A_CARD_ID]);
		if (r->cmd == TAPI_CMD_EVENT) {
			EXPECT_LE(ts, r->u[TAPI_A_EVENT_TIMESTAMP]);
			ts = r->u[TAPI_A_EVENT_TIMESTAMP];
			if (r->u[TAPI_A_EVENT_TYPE] == TAPI_EV_CALL_STATE)
				state_events++;
		} else if (r->cmd == TAPI_CMD_CALL_STATE) {
			calls++;
			EXPECT_NE(0, r->u[TAPI_A_CALL_ID]);
			EXPECT_EQ(TAPI_CALL_OUTGOING,
				  r->u[TAPI_A_CALL_DIRECTION]);
		}
	}
	/* HOOK, CALL_STATE DIALTONE (+ its event), DIGIT_START, DIALING. */
	EXPECT_EQ(2, state_events);
	EXPECT_EQ(2, calls);
	r = find_rec(&res, TAPI_CMD_EVENT, TAPI_A_EVENT_TYPE, TAPI_EV_HOOK);
	ASSERT_NE(NULL, r);
	EXPECT_EQ(TAPI_HOOK_OFF, r->u[TAPI_A_EVENT_VALUE]);
	r = find_rec(&res, TAPI_CMD_CALL_STATE, TAPI_A_CALL_STATE,
		     TAPI_CALL_DIALING);
	ASSERT_NE(NULL, r);
	EXPECT_STREQ("7", r->s[TAPI_A_CALLED_NUMBER]);
	r = find_rec(&res, TAPI_CMD_EVENT, TAPI_A_EVENT_TYPE,
		     TAPI_EV_DIGIT_START);
	ASSERT_NE(NULL, r);
	EXPECT_EQ('7', r->u[TAPI_A_EVENT_VALUE]);

	/* A dump carries the sequence number of the last notification. */
	ASSERT_EQ(0, channel_get(self->sk, self->family, ch, &self->res));
	EXPECT_LE(seq, self->res.recs[0].u[TAPI_A_SEQ]);
	nl_socket_free(ls);
	free(res.recs);
}

/* A configuration change goes out as CHANNEL_NEW. */
TEST_F(nl, channel_set_notifies_the_config_group)
{
	struct nl_result res = { .recs = calloc(NL_RECS_MAX,
						sizeof(struct rec)) };
	struct nl_sock *ls;
	struct rec *r;

	ASSERT_NE(NULL, res.recs);
	ls = listener_open(&res, false);
	ASSERT_NE(NULL, ls);
	ASSERT_EQ(0, channel_set(self->sk, self->family, self->lc.fxs[1], "it",
				 "100", -1, &self->res));
	r = listen_for(ls, &res, TAPI_CMD_CHANNEL_NEW, TAPI_A_CHANNEL_ID,
		       self->lc.fxs[1], CALL_TIMEOUT_MS);
	ASSERT_NE(NULL, r);
	EXPECT_STREQ("it", r->s[TAPI_A_TONE_ZONE]);
	EXPECT_STREQ("100", r->s[TAPI_A_NUMBER]);
	/* Config notifications never say who a call is with. */
	EXPECT_FALSE(r->has[TAPI_A_CALLED_NUMBER]);
	nl_socket_free(ls);
	free(res.recs);
}

/* The zone decides what TAPI_IOC_TONE_START plays and what is heard. */
TEST_F_TIMEOUT(nl, zone_change_reaches_generator_and_detector, 60)
{
	int play = self->lc.fxs_fd[0], hear = self->lc.fxs_fd[1];
	struct tapi_tone_req req = { .tone = TAPI_TONE_BUSY };
	struct tapi_event ev;

	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CONNECT,
			     self->lc.fxs[0], self->lc.fxs[1]));
	/* UK busy: 400 Hz, 375 ms on and off; not a US tone at all. */
	ASSERT_EQ(0, channel_set(self->sk, self->family, self->lc.fxs[0], "uk",
				 NULL, -1, &self->res));
	ASSERT_EQ(0, channel_set(self->sk, self->family, self->lc.fxs[1], "uk",
				 NULL, -1, &self->res));
	ev_drain(hear);
	ASSERT_EQ(0, xioctl(play, TAPI_IOC_TONE_START, &req));
	ASSERT_EQ(0, next_event(hear, TAPI_EV_TONE, CALL_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_TONE_BUSY, ev.value);
	ASSERT_EQ(0, xioctl(play, TAPI_IOC_TONE_STOP, NULL));
}

/*
 * The zone decides the caller ID modem: in Germany V.23 (ETSI), which is
 * decoded; Bell 202 is not heard there.
 */
TEST_F_TIMEOUT(nl, caller_id_modem_follows_the_zone, 60)
{
	struct fsk_signal *f = calloc(1, sizeof(*f));
	int fxo = self->lc.fxo_fd[0], fxs = self->lc.fxs_fd[0];
	struct tapi_call_info call;
	struct tapi_event ev;
	uint8_t msg[64];
	size_t len = 2;

	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, channel_set(self->sk, self->family, self->lc.fxo[0], "de",
				 NULL, -1, &self->res));
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CONNECT,
			     self->lc.fxs[0], self->lc.fxo[0]));
	ASSERT_EQ(0, set_media(fxs, TAPI_FMT_S16, 160));
	msg[0] = 0x80;		/* ETSI call set-up */
	len = mdmf_param(msg, len, 0x01, "11251200");
	len = mdmf_param(msg, len, 0x02, "0301234567");
	len = mdmf_param(msg, len, 0x07, "ERIKA");
	msg[1] = (uint8_t)(len - 2);

	fsk_message(f, &fsk_bell202, msg, len, false);
	ASSERT_EQ(0, play_samples(fxs, f->s, f->n));
	EXPECT_EQ(-ETIMEDOUT, next_event(fxo, TAPI_EV_CALLER_ID, 1500, &ev));

	fsk_message(f, &fsk_v23, msg, len, false);
	ASSERT_EQ(0, play_samples(fxs, f->s, f->n));
	ASSERT_EQ(0, next_event(fxo, TAPI_EV_CALLER_ID, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, get_call(fxo, &call));
	EXPECT_EQ(TAPI_CALL_OFFERING, call.state);
	EXPECT_STREQ("0301234567", call.caller_number);
	EXPECT_STREQ("ERIKA", call.caller_name);
	EXPECT_STREQ("11251200", call.caller_datetime);
	free(f);
}

TEST_HARNESS_MAIN
