// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The generic netlink family "tapi" of <linux/tapi.h>, through libnl-genl.
 *
 * Two uses:
 *  - requests: the channel dump (enumeration, with each channel's
 *    directory number, tone zone and current call) and the "do" form of
 *    the same command for one channel.  One socket per request: they are
 *    rare (lineInitializeEx, caps and status queries) and a socket of our
 *    own keeps them independent of other threads.
 *  - the monitor: a non-blocking socket on the multicast groups "config"
 *    and "events", read by the engine thread when poll() says so.  A
 *    notification becomes a struct tapi_nl_note; when the socket buffer
 *    overran (ENOBUFS) the reader is told with an -ENOBUFS return so it
 *    resynchronises with a dump, as the uapi header asks.
 *
 * Attributes are parsed by libnl against a policy; libnl's -NLE_ codes are
 * turned into -errno by tapi_nl_errno() before leaving this file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "private.h"
#include "device.h"

#define MONITOR_RCVBUF	(256 * 1024)	/* bursts of events on many lines */

struct tapi_nl_monitor {
	struct nl_sock *sock;
	int family;
	bool events;		/* joined "events" too */
	tapi_nl_note_fn fn;	/* valid during tapi_nl_monitor_read() */
	void *ctx;
};

static struct nla_policy tapi_policy[TAPI_A_MAX + 1] = {
	[TAPI_A_CARD_ID] = { .type = NLA_U32 },
	[TAPI_A_CARD_NAME] = { .type = NLA_STRING, .maxlen = TAPI_NAME_LEN },
	[TAPI_A_DRIVER] = { .type = NLA_STRING, .maxlen = TAPI_NAME_LEN },
	[TAPI_A_CARD_CHANNELS] = { .type = NLA_U32 },
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
	[TAPI_A_CHANNEL_INDEX] = { .type = NLA_U32 },
	[TAPI_A_CHANNEL_NAME] = { .type = NLA_STRING, .maxlen = TAPI_NAME_LEN },
	[TAPI_A_SIGNALLING] = { .type = NLA_U32 },
	[TAPI_A_CAPS] = { .type = NLA_U32 },
	[TAPI_A_HOOK] = { .type = NLA_U32 },
	[TAPI_A_RINGING] = { .type = NLA_U32 },
	[TAPI_A_POLARITY] = { .type = NLA_U32 },
	[TAPI_A_NUMBER] = { .type = NLA_STRING, .maxlen = TAPI_DIGITS_LEN },
	[TAPI_A_TONE_ZONE] = { .type = NLA_STRING, .maxlen = TAPI_NAME_LEN },
	[TAPI_A_LAW] = { .type = NLA_U32 },
	[TAPI_A_SEQ] = { .type = NLA_U32 },
	[TAPI_A_EVENT_TYPE] = { .type = NLA_U32 },
	[TAPI_A_EVENT_VALUE] = { .type = NLA_U32 },
	[TAPI_A_EVENT_DURATION] = { .type = NLA_U32 },
	[TAPI_A_EVENT_TIMESTAMP] = { .type = NLA_U64 },
	[TAPI_A_CALL_ID] = { .type = NLA_U32 },
	[TAPI_A_CALL_STATE] = { .type = NLA_U32 },
	[TAPI_A_CALL_CAUSE] = { .type = NLA_U32 },
	[TAPI_A_CALL_DIRECTION] = { .type = NLA_U32 },
	[TAPI_A_CALLER_NUMBER] = { .type = NLA_STRING, .maxlen = TAPI_NAME_LEN },
	[TAPI_A_CALLER_NAME] = { .type = NLA_STRING, .maxlen = TAPI_NAME_LEN },
	[TAPI_A_CALLER_FLAGS] = { .type = NLA_U32 },
	[TAPI_A_CALLED_NUMBER] = { .type = NLA_STRING,
				   .maxlen = TAPI_DIGITS_LEN },
	[TAPI_A_CALLER_DATETIME] = { .type = NLA_STRING, .maxlen = 16 },
	[TAPI_A_CALL_SEQ] = { .type = NLA_U32 },
};

/**
 * tapi_nl_errno() - the errno for a libnl error
 * @nle: a libnl return value: 0, a positive count, or -NLE_*
 *
 * Return: 0 for success values, else a negative errno.
 */
int tapi_nl_errno(int nle)
{
	if (nle >= 0)
		return 0;
	switch (-nle) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_INVAL:
	case NLE_RANGE:
		return -EINVAL;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NODEV:
		return -ENODEV;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_EXIST:
		return -EEXIST;
	case NLE_MSG_OVERFLOW:
	case NLE_MSG_TRUNC:
	case NLE_DUMP_INTR:
		return -ENOBUFS;
	case NLE_PROTO_MISMATCH:
	case NLE_AF_NOSUPPORT:
	case NLE_NOADDR:
		return -EPROTONOSUPPORT;
	default:
		return -EPROTO;
	}
}

/* Copy a string attribute, if present, into a fixed buffer. */
static void attr_string(struct nlattr *a, char *dst, size_t size)
{
	if (a)
		snprintf(dst, size, "%s", nla_get_string(a));
}

static uint32_t attr_u32(struct nlattr *a, uint32_t dflt)
{
	return a ? nla_get_u32(a) : dflt;
}

static int parse(struct nl_msg *msg, struct nlattr **tb, uint8_t *cmd)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gnlh = nlmsg_data(nlh);
	int err;

	err = genlmsg_parse(nlh, 0, tb, TAPI_A_MAX, tapi_policy);
	if (err)
		return tapi_nl_errno(err);
	if (cmd)
		*cmd = gnlh->cmd;
	return 0;
}

/* The call attributes of a channel reply or a CALL_STATE notification. */
static bool parse_call(struct nlattr **tb, struct tapi_call_info *call)
{
	memset(call, 0, sizeof(*call));
	if (!tb[TAPI_A_CALL_STATE])
		return false;
	call->call_id = attr_u32(tb[TAPI_A_CALL_ID], 0);
	call->state = attr_u32(tb[TAPI_A_CALL_STATE], TAPI_CALL_IDLE);
	call->cause = attr_u32(tb[TAPI_A_CALL_CAUSE], TAPI_CAUSE_NONE);
	call->direction = attr_u32(tb[TAPI_A_CALL_DIRECTION], TAPI_CALL_NONE);
	call->caller_flags = attr_u32(tb[TAPI_A_CALLER_FLAGS], 0);
	call->seq = attr_u32(tb[TAPI_A_CALL_SEQ], 0);
	attr_string(tb[TAPI_A_CALLER_NUMBER], call->caller_number,
		    sizeof(call->caller_number));
	attr_string(tb[TAPI_A_CALLER_NAME], call->caller_name,
		    sizeof(call->caller_name));
	attr_string(tb[TAPI_A_CALLED_NUMBER], call->called_number,
		    sizeof(call->called_number));
	attr_string(tb[TAPI_A_CALLER_DATETIME], call->caller_datetime,
		    sizeof(call->caller_datetime));
	return true;
}

/* A channel reply (dump entry or do): required attributes, then the rest. */
static int parse_channel(struct nlattr **tb, struct tapi_dev_info *info)
{
	uint32_t sig;

	memset(info, 0, sizeof(*info));
	if (!tb[TAPI_A_CHANNEL_ID] || !tb[TAPI_A_SIGNALLING] ||
	    !tb[TAPI_A_CARD_ID])
		return -EPROTO;
	sig = nla_get_u32(tb[TAPI_A_SIGNALLING]);
	if (sig < TAPI_SIG_FXS || sig > TAPI_SIG_HANDSET)
		return -EPROTO;
	info->channel = nla_get_u32(tb[TAPI_A_CHANNEL_ID]);
	info->card = nla_get_u32(tb[TAPI_A_CARD_ID]);
	info->index = attr_u32(tb[TAPI_A_CHANNEL_INDEX], 0);
	info->signalling = sig;
	info->caps = attr_u32(tb[TAPI_A_CAPS], 0);
	info->hook = attr_u32(tb[TAPI_A_HOOK], TAPI_HOOK_ON) == TAPI_HOOK_OFF ?
		     TAPI_HOOK_OFF : TAPI_HOOK_ON;
	info->ringing = attr_u32(tb[TAPI_A_RINGING], 0) != 0;
	info->polarity_reversed = attr_u32(tb[TAPI_A_POLARITY], 0) != 0;
	attr_string(tb[TAPI_A_CARD_NAME], info->card_name,
		    sizeof(info->card_name));
	attr_string(tb[TAPI_A_DRIVER], info->driver, sizeof(info->driver));
	attr_string(tb[TAPI_A_CHANNEL_NAME], info->name, sizeof(info->name));
	attr_string(tb[TAPI_A_NUMBER], info->number, sizeof(info->number));
	attr_string(tb[TAPI_A_TONE_ZONE], info->tone_zone,
		    sizeof(info->tone_zone));
	info->call_known = parse_call(tb, &info->call);
	snprintf(info->devnode, sizeof(info->devnode), "/dev/tapi/%u",
		 info->channel);
	return 0;
}

/* A connected socket and the family's id. */
static int connect_family(struct nl_sock **sock_out, int *family_out)
{
	struct nl_sock *sock = nl_socket_alloc();
	int err;

	if (!sock)
		return -ENOMEM;
	err = genl_connect(sock);
	if (err)
		goto fail;
	err = genl_ctrl_resolve(sock, TAPI_GENL_NAME);
	if (err < 0)
		goto fail;
	*family_out = err;
	*sock_out = sock;
	return 0;
fail:
	nl_socket_free(sock);
	return tapi_nl_errno(err);
}

struct dump_ctx {
	struct tapi_dev_list *list;
	size_t cap;
	int err;
	bool done;		/* NLMSG_DONE, the ack, or an error came */
};

static int request_finished(struct nl_msg *msg, void *arg)
{
	struct dump_ctx *d = arg;

	(void)msg;
	d->done = true;
	return NL_STOP;
}

static int request_failed(struct sockaddr_nl *nla, struct nlmsgerr *e,
			  void *arg)
{
	struct dump_ctx *d = arg;

	(void)nla;
	if (!d->err)
		d->err = e->error < 0 ? e->error : -EPROTO;	/* -errno */
	d->done = true;
	return NL_STOP;
}

static int dump_valid(struct nl_msg *msg, void *arg)
{
	struct dump_ctx *d = arg;
	struct nlattr *tb[TAPI_A_MAX + 1];
	struct tapi_dev_info info;

	if (d->err || parse(msg, tb, NULL) || parse_channel(tb, &info))
		return NL_SKIP;		/* a channel we cannot describe */
	if (d->list->count == d->cap) {
		size_t n = d->cap ? d->cap * 2 : 8;
		struct tapi_dev_info *p = realloc(d->list->devs,
						  n * sizeof(*p));

		if (!p) {
			d->err = -ENOMEM;
			return NL_SKIP;
		}
		d->list->devs = p;
		d->cap = n;
	}
	d->list->devs[d->list->count++] = info;
	return NL_OK;
}

static int by_channel(const void *a, const void *b)
{
	const struct tapi_dev_info *x = a, *y = b;

	return (x->channel > y->channel) - (x->channel < y->channel);
}

/*
 * Send one CHANNEL_GET (dump, or do for @channel) and collect replies.
 * Replies, the dump's NLMSG_DONE, the ack and errors may come in one
 * read or several: receive until one of the last three was seen.  A
 * kernel that never answers costs REQUEST_TIMEOUT_S, not a hang.
 */
#define REQUEST_TIMEOUT_S 5

static int channel_request(bool dump, unsigned int channel,
			   struct dump_ctx *d)
{
	struct timeval tv = { .tv_sec = REQUEST_TIMEOUT_S };
	struct nl_sock *sock;
	struct nl_msg *msg;
	struct nl_cb *cb;
	int family, err;

	err = connect_family(&sock, &family);
	if (err)
		return err;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	msg = nlmsg_alloc();
	if (!msg || !cb) {
		err = -ENOMEM;
		goto out;
	}
	if (setsockopt(nl_socket_get_fd(sock), SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv)) < 0) {
		err = -errno;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 dump ? NLM_F_DUMP : 0, TAPI_CMD_CHANNEL_GET,
			 TAPI_GENL_VERSION) ||
	    (!dump && nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel))) {
		err = -ENOMEM;
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, dump_valid, d);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, request_finished, d);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, request_finished, d);
	nl_cb_err(cb, NL_CB_CUSTOM, request_failed, d);
	err = tapi_nl_errno(nl_send_auto(sock, msg));
	while (!err && !d->done)
		err = tapi_nl_errno(nl_recvmsgs(sock, cb));
out:
	nlmsg_free(msg);
	nl_cb_put(cb);
	nl_socket_free(sock);
	return err ? err : d->err;
}

/**
 * tapi_nl_enumerate() - the channels, from the family's dump
 * @list: out: sorted by channel; release with tapi_dev_list_release()
 *
 * Return: 0; -ENOENT when the kernel has no "tapi" family (module not
 * loaded, or one without netlink); another -errno on failure.
 */
int tapi_nl_enumerate(struct tapi_dev_list *list)
{
	struct dump_ctx d = { .list = list };
	int err;

	list->devs = NULL;
	list->count = 0;
	err = channel_request(true, 0, &d);
	if (err) {
		tapi_dev_list_release(list);
		return err;
	}
	if (list->count)
		qsort(list->devs, list->count, sizeof(*list->devs), by_channel);
	return 0;
}

/**
 * tapi_nl_channel_get() - one channel, now
 * @channel: its number
 * @info: out
 *
 * Return: 0, -ENOENT without the family, -ENODEV (or what the kernel
 * answered) for a channel that does not exist.
 */
int tapi_nl_channel_get(unsigned int channel, struct tapi_dev_info *info)
{
	struct tapi_dev_list list = { 0 };
	struct dump_ctx d = { .list = &list };
	int err;

	err = channel_request(false, channel, &d);
	if (!err && (list.count != 1 || list.devs[0].channel != channel))
		err = -ENODEV;
	if (!err)
		*info = list.devs[0];
	tapi_dev_list_release(&list);
	return err;
}

static int monitor_valid(struct nl_msg *msg, void *arg)
{
	struct tapi_nl_monitor *mon = arg;
	struct nlattr *tb[TAPI_A_MAX + 1];
	struct tapi_nl_note note;

	memset(&note, 0, sizeof(note));
	if (parse(msg, tb, &note.cmd))
		return NL_SKIP;
	note.has_channel = tb[TAPI_A_CHANNEL_ID] != NULL;
	note.channel = attr_u32(tb[TAPI_A_CHANNEL_ID], 0);
	note.has_card = tb[TAPI_A_CARD_ID] != NULL;
	note.card = attr_u32(tb[TAPI_A_CARD_ID], 0);
	note.seq = attr_u32(tb[TAPI_A_SEQ], 0);
	switch (note.cmd) {
	case TAPI_CMD_EVENT:
		if (!tb[TAPI_A_EVENT_TYPE])
			return NL_SKIP;
		note.event.type = nla_get_u32(tb[TAPI_A_EVENT_TYPE]);
		note.event.value = attr_u32(tb[TAPI_A_EVENT_VALUE], 0);
		note.event.duration_ms = attr_u32(tb[TAPI_A_EVENT_DURATION], 0);
		note.event.seq = note.seq;
		if (tb[TAPI_A_EVENT_TIMESTAMP])
			note.event.timestamp_ns =
				nla_get_u64(tb[TAPI_A_EVENT_TIMESTAMP]);
		break;
	case TAPI_CMD_CALL_STATE:
		if (!parse_call(tb, &note.call))
			return NL_SKIP;
		break;
	default:
		break;
	}
	mon->fn(mon->ctx, &note);
	return NL_OK;
}

/**
 * tapi_nl_monitor_open() - a socket on the "config" and "events" groups
 * @mon_out: out: the monitor; its descriptor polls POLLIN
 *
 * "events" carries digits and numbers and needs CAP_NET_ADMIN: without
 * it the monitor has "config" only (lines are then followed through
 * their character devices alone).
 *
 * Return: 0, -ENOENT without the family or its groups, another -errno.
 */
int tapi_nl_monitor_open(struct tapi_nl_monitor **mon_out)
{
	static const char *const groups[] = {
		TAPI_GENL_MCGRP_CONFIG, TAPI_GENL_MCGRP_EVENTS,
	};
	struct tapi_nl_monitor *mon;
	int err;

	mon = calloc(1, sizeof(*mon));
	if (!mon)
		return -ENOMEM;
	err = connect_family(&mon->sock, &mon->family);
	if (err) {
		free(mon);
		return err;
	}
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(groups); i++) {
		int grp = genl_ctrl_resolve_grp(mon->sock, TAPI_GENL_NAME,
						groups[i]);

		if (grp < 0) {
			err = grp;
			goto fail;
		}
		err = nl_socket_add_membership(mon->sock, grp);
		if (err && i > 0)
			err = 0;	/* "events": not allowed to us */
		else if (i > 0)
			mon->events = true;
		if (err)
			goto fail;
	}
	/* Notifications carry their own sequence numbers, not ours. */
	nl_socket_disable_seq_check(mon->sock);
	err = nl_socket_modify_cb(mon->sock, NL_CB_VALID, NL_CB_CUSTOM,
				  monitor_valid, mon);
	if (!err)
		err = nl_socket_set_nonblocking(mon->sock);
	if (!err)
		err = nl_socket_set_buffer_size(mon->sock, MONITOR_RCVBUF, 0);
	if (err)
		goto fail;
	*mon_out = mon;
	return 0;
fail:
	nl_socket_free(mon->sock);
	free(mon);
	return tapi_nl_errno(err);
}

/**
 * tapi_nl_monitor_close() - close the monitor
 * @mon: the monitor, or NULL
 */
void tapi_nl_monitor_close(struct tapi_nl_monitor *mon)
{
	if (!mon)
		return;
	nl_socket_free(mon->sock);
	free(mon);
}

/**
 * tapi_nl_monitor_fd() - the descriptor to poll for POLLIN
 * @mon: the monitor
 *
 * Return: the socket's descriptor, owned by @mon.
 */
int tapi_nl_monitor_fd(const struct tapi_nl_monitor *mon)
{
	return nl_socket_get_fd(mon->sock);
}

/**
 * tapi_nl_monitor_hears_events() - did the monitor join "events"
 * @mon: the monitor
 *
 * Return: true when channel events and calls come through it.
 */
bool tapi_nl_monitor_hears_events(const struct tapi_nl_monitor *mon)
{
	return mon->events;
}

/**
 * tapi_nl_monitor_read() - hand every queued notification to @fn
 * @mon: the monitor
 * @fn: called once per notification, in order
 * @ctx: passed to @fn
 *
 * Never blocks.
 *
 * Return: 0 when the socket is drained; -ENOBUFS when notifications were
 * lost (resynchronise); another -errno.
 */
int tapi_nl_monitor_read(struct tapi_nl_monitor *mon, tapi_nl_note_fn fn,
			 void *ctx)
{
	int err;

	mon->fn = fn;
	mon->ctx = ctx;
	for (;;) {
		err = nl_recvmsgs_default(mon->sock);
		if (err == -NLE_AGAIN)
			return 0;
		/* libnl reports a receive buffer overrun as NLE_NOMEM */
		if (err == -NLE_NOMEM)
			return -ENOBUFS;
		if (err < 0)
			return tapi_nl_errno(err);
	}
}
