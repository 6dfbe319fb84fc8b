// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the call-center proxy relay (TAPI_CMD_PROXY_* of the generic
 * netlink family; include/uapi/linux/tapi.h has the contract).
 *
 * TAPI's call-center functions (lineCreateAgent, lineSetAgentStateEx...)
 * are served by an ACD proxy application.  Applications and proxy are
 * different processes, so the kernel relays: a proxy's netlink socket
 * registers for request types on a channel; a request from any socket is
 * given an id, remembered as pending and unicast to that proxy; the
 * proxy's response is unicast back to the requester with the requester's
 * cookie.  The kernel never looks into the data.
 *
 * Nothing hangs on a socket that went away: a netlink notifier
 * (NETLINK_URELEASE) drops the registrations of a closed socket, answers
 * the requests pending with it as TAPI_PROXY_GONE, and forgets the
 * requests it made; removing a channel does the same for the channel.
 * A request that cannot be delivered to the proxy (socket gone, receive
 * buffer full) fails at once with an error to the requester.
 *
 * Locking: tapi_proxy_mutex guards the registrations
 * (tapi_proxy_channels), the pending requests (tapi_proxy_requests) and
 * their counters.  Everything here runs in process context: the genl
 * operations, the netlink notifier (a blocking chain, called from the
 * socket's release) and channel removal.  Messages go out with the mutex
 * held, so that a request's message reaches its proxy before the same
 * proxy's TAPI_PROXY_GONE can be decided; netlink unicasts never block
 * (the sockets are not waited for) and never call back into us.
 */
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include "core.h"
#include "proxy.h"

/* Request types are bits 1..31 of TAPI_A_PROXY_TYPES. */
#define TAPI_PROXY_TYPE_BITS	32

/* Payload of a message without its data. */
#define TAPI_PROXY_MSG_SIZE	128

/**
 * struct tapi_proxy_owner - the socket serving one request type
 * @portid: its netlink port id; 0 (the kernel's) means none
 * @net: its network namespace
 */
struct tapi_proxy_owner {
	u32 portid;
	struct net *net;
};

/**
 * struct tapi_proxy_channel - the proxies of one channel
 * @types: the request types served (bit n: type n)
 * @owner: who serves type n, for each bit of @types
 */
struct tapi_proxy_channel {
	u32 types;
	struct tapi_proxy_owner owner[TAPI_PROXY_TYPE_BITS];
};

/**
 * struct tapi_proxy_request - a request waiting for its proxy's response
 * @id: the kernel's id, TAPI_A_PROXY_REQ_ID
 * @channel: the channel it is for
 * @type: its request type
 * @cookie: the requester's own id, echoed
 * @requester: the requester's socket
 * @proxy: the proxy's socket it was sent to
 */
struct tapi_proxy_request {
	u32 id;
	u32 channel;
	u32 type;
	u32 cookie;
	struct tapi_proxy_owner requester;
	struct tapi_proxy_owner proxy;
};

static DEFINE_MUTEX(tapi_proxy_mutex);
/* Channel number -> struct tapi_proxy_channel, for channels with a proxy. */
static DEFINE_XARRAY(tapi_proxy_channels);
/* Request id -> struct tapi_proxy_request. */
static DEFINE_IDR(tapi_proxy_requests);

static bool tapi_proxy_same(const struct tapi_proxy_owner *a,
			    const struct tapi_proxy_owner *b)
{
	return a->portid == b->portid && net_eq(a->net, b->net);
}

/* The socket that sent the request being handled. */
static void tapi_proxy_sender(struct genl_info *info,
			      struct tapi_proxy_owner *who)
{
	who->portid = info->snd_portid;
	who->net = genl_info_net(info);
}

/* Drop what tapi_channel_get_by_minor() took. */
static void tapi_proxy_channel_put(struct tapi_channel *ch)
{
	struct module *owner = ch->card->owner;

	tapi_card_put(ch->card);
	module_put(owner);
}

/* Is there a live channel numbered @number? */
static bool tapi_proxy_channel_exists(u32 number)
{
	struct tapi_channel *ch = tapi_channel_get_by_minor(number);

	if (!ch)
		return false;
	tapi_proxy_channel_put(ch);
	return true;
}

/* --- messages ----------------------------------------------------------- */

/* Tell the "proxy" group the request types @channel is served for now. */
static void tapi_proxy_send_status(u32 channel, u32 types)
{
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&tapi_proxy_mutex);
	skb = genlmsg_new(TAPI_PROXY_MSG_SIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = tapi_genl_put_hdr(skb, 0, 0, 0, TAPI_CMD_PROXY_STATUS);
	if (!hdr || nla_put_u32(skb, TAPI_A_CHANNEL_ID, channel) ||
	    nla_put_u32(skb, TAPI_A_PROXY_TYPES, types)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	/* Nobody listening is no error. */
	tapi_genl_proxy_multicast(skb);
}

/*
 * Answer @req to its requester: TAPI_PROXY_ANSWERED with @result and
 * @data (may be NULL), or TAPI_PROXY_GONE.
 *
 * Return: 0, -ENOMEM, or the error of the unicast (the skb is gone then).
 */
static int tapi_proxy_send_response(const struct tapi_proxy_request *req,
				    u32 status, u32 result,
				    const struct nlattr *data)
{
	size_t size = TAPI_PROXY_MSG_SIZE;
	struct sk_buff *skb;
	void *hdr;

	if (data)
		size += nla_total_size(nla_len(data));
	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = tapi_genl_put_hdr(skb, 0, 0, 0, TAPI_CMD_PROXY_RESPONSE);
	if (!hdr || nla_put_u32(skb, TAPI_A_CHANNEL_ID, req->channel) ||
	    nla_put_u32(skb, TAPI_A_PROXY_REQ_ID, req->id) ||
	    nla_put_u32(skb, TAPI_A_PROXY_COOKIE, req->cookie) ||
	    nla_put_u32(skb, TAPI_A_PROXY_STATUS, status) ||
	    (status == TAPI_PROXY_ANSWERED &&
	     nla_put_u32(skb, TAPI_A_PROXY_RESULT, result)) ||
	    (data && nla_put(skb, TAPI_A_PROXY_DATA, nla_len(data),
			     nla_data(data)))) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return genlmsg_unicast(req->requester.net, skb, req->requester.portid);
}

/* --- bookkeeping -------------------------------------------------------- */

static void tapi_proxy_forget(struct tapi_proxy_request *req)
{
	lockdep_assert_held(&tapi_proxy_mutex);
	idr_remove(&tapi_proxy_requests, req->id);
	kfree(req);
}

/*
 * Answer TAPI_PROXY_GONE to the requests pending for @channel whose type
 * is in @types, and, if @proxy is given, that were sent to it.
 */
static void tapi_proxy_fail(u32 channel, u32 types,
			    const struct tapi_proxy_owner *proxy)
{
	struct tapi_proxy_request *req;
	int id;

	lockdep_assert_held(&tapi_proxy_mutex);
	idr_for_each_entry(&tapi_proxy_requests, req, id) {
		if (req->channel != channel || !(types & BIT(req->type)) ||
		    (proxy && !tapi_proxy_same(&req->proxy, proxy)))
			continue;
		/* A requester that cannot take it any more is gone too. */
		tapi_proxy_send_response(req, TAPI_PROXY_GONE, 0, NULL);
		tapi_proxy_forget(req);
	}
}

/*
 * Take the types in @types that @proxy serves on @channel (all owners if
 * @proxy is NULL) away, fail their pending requests and tell the group.
 *
 * Return: the types taken away.
 */
static u32 tapi_proxy_drop(u32 channel, u32 types,
			   const struct tapi_proxy_owner *proxy)
{
	struct tapi_proxy_channel *pc;
	u32 dropped = 0;
	unsigned int t;

	lockdep_assert_held(&tapi_proxy_mutex);
	pc = xa_load(&tapi_proxy_channels, channel);
	if (!pc)
		return 0;
	for (t = 1; t < TAPI_PROXY_TYPE_BITS; t++) {
		if (!(types & pc->types & BIT(t)) ||
		    (proxy && !tapi_proxy_same(&pc->owner[t], proxy)))
			continue;
		pc->owner[t].portid = 0;
		pc->owner[t].net = NULL;
		dropped |= BIT(t);
	}
	if (!dropped)
		return 0;
	pc->types &= ~dropped;
	tapi_proxy_fail(channel, dropped, proxy);
	tapi_proxy_send_status(channel, pc->types);
	if (!pc->types) {
		xa_erase(&tapi_proxy_channels, channel);
		kfree(pc);
	}
	return dropped;
}

/* How many requests @requester has pending. */
static unsigned int tapi_proxy_pending(const struct tapi_proxy_owner *requester)
{
	struct tapi_proxy_request *req;
	unsigned int n = 0;
	int id;

	lockdep_assert_held(&tapi_proxy_mutex);
	idr_for_each_entry(&tapi_proxy_requests, req, id)
		if (tapi_proxy_same(&req->requester, requester))
			n++;
	return n;
}

/* --- operations --------------------------------------------------------- */

/**
 * tapi_proxy_register_doit() - TAPI_CMD_PROXY_REGISTER
 * @skb: the request
 * @info: its attributes: TAPI_A_CHANNEL_ID, TAPI_A_PROXY_TYPES
 *
 * The sending socket becomes the channel's proxy for the types; types it
 * already serves stay.  Needs CAP_NET_ADMIN (GENL_ADMIN_PERM).
 *
 * Context: process context.
 * Return: 0, -EINVAL (missing attribute, no type), -ENODEV (no such
 * channel), -EBUSY (another socket serves one of the types), -ENOMEM.
 */
int tapi_proxy_register_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct tapi_proxy_channel *pc, *new_pc = NULL;
	struct tapi_proxy_owner me;
	struct tapi_channel *ch;
	u32 number, types;
	unsigned int t;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID) ||
	    GENL_REQ_ATTR_CHECK(info, TAPI_A_PROXY_TYPES))
		return -EINVAL;
	number = nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]);
	types = nla_get_u32(info->attrs[TAPI_A_PROXY_TYPES]);
	if (!types) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_PROXY_TYPES],
				    "no request type given");
		return -EINVAL;
	}
	tapi_proxy_sender(info, &me);

	ch = tapi_channel_get_by_minor(number);
	if (!ch) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_CHANNEL_ID],
				    "no such channel");
		return -ENODEV;
	}
	/* Allocated outside the lock; freed if the channel has one. */
	new_pc = kzalloc(sizeof(*new_pc), GFP_KERNEL);
	if (!new_pc) {
		err = -ENOMEM;
		goto out_put;
	}

	mutex_lock(&tapi_proxy_mutex);
	/*
	 * Removal marks the channel dead before it drops its registrations
	 * under this mutex: seen alive here, it is dropped after us.
	 */
	if (READ_ONCE(ch->dead)) {
		err = -ENODEV;
		goto out_unlock;
	}
	pc = xa_load(&tapi_proxy_channels, number);
	if (pc) {
		for (t = 1; t < TAPI_PROXY_TYPE_BITS; t++)
			if ((types & pc->types & BIT(t)) &&
			    !tapi_proxy_same(&pc->owner[t], &me)) {
				NL_SET_ERR_MSG_ATTR(info->extack,
						    info->attrs[TAPI_A_PROXY_TYPES],
						    "another socket is the proxy for a type");
				err = -EBUSY;
				goto out_unlock;
			}
	} else {
		err = xa_err(xa_store(&tapi_proxy_channels, number, new_pc,
				      GFP_KERNEL));
		if (err)
			goto out_unlock;
		pc = new_pc;
		new_pc = NULL;
	}
	if ((pc->types | types) != pc->types) {
		for (t = 1; t < TAPI_PROXY_TYPE_BITS; t++)
			if (types & BIT(t))
				pc->owner[t] = me;
		pc->types |= types;
		tapi_proxy_send_status(number, pc->types);
	}
out_unlock:
	mutex_unlock(&tapi_proxy_mutex);
	kfree(new_pc);
out_put:
	tapi_proxy_channel_put(ch);
	return err;
}

/**
 * tapi_proxy_unregister_doit() - TAPI_CMD_PROXY_UNREGISTER
 * @skb: the request
 * @info: its attributes: TAPI_A_CHANNEL_ID [, TAPI_A_PROXY_TYPES]
 *
 * The sending socket stops serving the types (all it serves without
 * TAPI_A_PROXY_TYPES); the requests pending with it for them are answered
 * TAPI_PROXY_GONE.
 *
 * Context: process context.
 * Return: 0, -EINVAL (bad attributes), -ENOENT (the socket serves none
 * of them on that channel).
 */
int tapi_proxy_unregister_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *types_attr = info->attrs[TAPI_A_PROXY_TYPES];
	struct tapi_proxy_owner me;
	u32 number, types = U32_MAX;
	u32 dropped;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID))
		return -EINVAL;
	number = nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]);
	if (types_attr) {
		types = nla_get_u32(types_attr);
		if (!types) {
			NL_SET_ERR_MSG_ATTR(info->extack, types_attr,
					    "no request type given");
			return -EINVAL;
		}
	}
	tapi_proxy_sender(info, &me);

	mutex_lock(&tapi_proxy_mutex);
	dropped = tapi_proxy_drop(number, types, &me);
	mutex_unlock(&tapi_proxy_mutex);
	if (!dropped) {
		GENL_SET_ERR_MSG(info, "not the proxy of the channel for these types");
		return -ENOENT;
	}
	return 0;
}

static int tapi_proxy_fill_get(struct sk_buff *skb, u32 channel, u32 types,
			       u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = tapi_genl_put_hdr(skb, portid, seq, flags, TAPI_CMD_PROXY_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TAPI_A_CHANNEL_ID, channel) ||
	    nla_put_u32(skb, TAPI_A_PROXY_TYPES, types)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * tapi_proxy_get_doit() - TAPI_CMD_PROXY_GET of one channel
 * @skb: the request
 * @info: its attributes: TAPI_A_CHANNEL_ID
 *
 * Context: process context.
 * Return: 0 after replying TAPI_A_PROXY_TYPES (0 when the channel has no
 * proxy), -EINVAL, -ENODEV (no such channel), -ENOMEM.
 */
int tapi_proxy_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct tapi_proxy_channel *pc;
	struct sk_buff *msg;
	u32 number, types;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID))
		return -EINVAL;
	number = nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]);
	if (!tapi_proxy_channel_exists(number)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_CHANNEL_ID],
				    "no such channel");
		return -ENODEV;
	}
	mutex_lock(&tapi_proxy_mutex);
	pc = xa_load(&tapi_proxy_channels, number);
	types = pc ? pc->types : 0;
	mutex_unlock(&tapi_proxy_mutex);

	msg = genlmsg_new(TAPI_PROXY_MSG_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = tapi_proxy_fill_get(msg, number, types, info->snd_portid,
				  info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/**
 * tapi_proxy_get_start() - refuse a TAPI_CMD_PROXY_GET dump with a channel
 * @cb: the dump
 *
 * Return: 0, or -EINVAL when TAPI_A_CHANNEL_ID was given.
 */
int tapi_proxy_get_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);

	if (info->attrs && info->attrs[TAPI_A_CHANNEL_ID]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, info->attrs[TAPI_A_CHANNEL_ID],
				    "a dump takes no TAPI_A_CHANNEL_ID: ask for the channel");
		return -EINVAL;
	}
	return 0;
}

/**
 * tapi_proxy_get_dumpit() - TAPI_CMD_PROXY_GET of every channel with a proxy
 * @skb: the reply being filled
 * @cb: the dump; args[0] is the next channel number
 *
 * Context: process context.
 * Return: the length of @skb, 0 at the end.
 */
int tapi_proxy_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long number = cb->args[0];
	struct tapi_proxy_channel *pc;

	mutex_lock(&tapi_proxy_mutex);
	xa_for_each_start(&tapi_proxy_channels, number, pc, cb->args[0]) {
		if (tapi_proxy_fill_get(skb, number, pc->types,
					NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI))
			break;
		cb->args[0] = number + 1;
	}
	mutex_unlock(&tapi_proxy_mutex);
	return skb->len;
}

/* The PROXY_REQUEST message for the proxy. */
static struct sk_buff *
tapi_proxy_request_msg(const struct tapi_proxy_request *req,
		       const struct nlattr *data)
{
	size_t len = data ? nla_len(data) : 0;
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(TAPI_PROXY_MSG_SIZE + nla_total_size(len),
			  GFP_KERNEL);
	if (!skb)
		return NULL;
	hdr = tapi_genl_put_hdr(skb, 0, 0, 0, TAPI_CMD_PROXY_REQUEST);
	/* The data goes even when empty: it marks the proxy's message. */
	if (!hdr || nla_put_u32(skb, TAPI_A_CHANNEL_ID, req->channel) ||
	    nla_put_u32(skb, TAPI_A_PROXY_TYPE, req->type) ||
	    nla_put_u32(skb, TAPI_A_PROXY_REQ_ID, req->id) ||
	    nla_put_u32(skb, TAPI_A_PROXY_PID, req->requester.portid) ||
	    nla_put(skb, TAPI_A_PROXY_DATA, len,
		    data ? nla_data(data) : NULL)) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

/**
 * tapi_proxy_request_doit() - TAPI_CMD_PROXY_REQUEST: relay to the proxy
 * @skb: the request
 * @info: its attributes: TAPI_A_CHANNEL_ID, TAPI_A_PROXY_TYPE,
 *	TAPI_A_PROXY_COOKIE [, TAPI_A_PROXY_DATA]
 *
 * The request becomes pending and goes to the proxy's socket; the reply
 * carries its TAPI_A_PROXY_REQ_ID.  The response comes later as a
 * TAPI_CMD_PROXY_RESPONSE message.
 *
 * Context: process context.
 * Return: 0, -EINVAL (missing attribute), -ENODEV (no such channel),
 * -ENOENT (no proxy for the type, or its socket is gone), -EAGAIN (the
 * requester has TAPI_PROXY_PENDING_MAX requests pending), -ENOBUFS (the
 * proxy's receive buffer is full), -ENOMEM.
 */
int tapi_proxy_request_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *data = info->attrs[TAPI_A_PROXY_DATA];
	struct tapi_proxy_request *req;
	struct tapi_proxy_channel *pc;
	u32 channel, cookie;
	struct sk_buff *msg;
	bool no_proxy;
	void *hdr;
	int id, err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID) ||
	    GENL_REQ_ATTR_CHECK(info, TAPI_A_PROXY_TYPE) ||
	    GENL_REQ_ATTR_CHECK(info, TAPI_A_PROXY_COOKIE))
		return -EINVAL;
	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	channel = nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]);
	cookie = nla_get_u32(info->attrs[TAPI_A_PROXY_COOKIE]);
	req->channel = channel;
	req->cookie = cookie;
	req->type = nla_get_u32(info->attrs[TAPI_A_PROXY_TYPE]);
	tapi_proxy_sender(info, &req->requester);

	mutex_lock(&tapi_proxy_mutex);
	pc = xa_load(&tapi_proxy_channels, channel);
	no_proxy = !pc;
	if (!pc || !(pc->types & BIT(req->type))) {
		err = -ENOENT;
		goto err_unlock;
	}
	if (tapi_proxy_pending(&req->requester) >= TAPI_PROXY_PENDING_MAX) {
		GENL_SET_ERR_MSG(info, "too many requests pending");
		err = -EAGAIN;
		goto err_unlock;
	}
	req->proxy = pc->owner[req->type];
	id = idr_alloc_cyclic(&tapi_proxy_requests, req, 1, INT_MAX,
			      GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto err_unlock;
	}
	req->id = id;
	msg = tapi_proxy_request_msg(req, data);
	if (!msg) {
		err = -ENOMEM;
		goto err_remove;
	}
	err = genlmsg_unicast(req->proxy.net, msg, req->proxy.portid);
	if (err) {
		/* Never a request that nobody will answer. */
		if (err == -EAGAIN || err == -ENOBUFS) {
			GENL_SET_ERR_MSG(info, "the proxy's receive buffer is full");
			err = -ENOBUFS;
		} else {
			GENL_SET_ERR_MSG(info, "the proxy's socket is gone");
			err = -ENOENT;
		}
		goto err_remove;
	}
	/* From here on @req belongs to the table (and may go at once). */
	mutex_unlock(&tapi_proxy_mutex);

	/*
	 * The request stands even if this reply is lost: the response names
	 * the requester's cookie.
	 */
	msg = genlmsg_new(TAPI_PROXY_MSG_SIZE, GFP_KERNEL);
	if (!msg)
		return 0;
	hdr = tapi_genl_put_hdr(msg, info->snd_portid, info->snd_seq, 0,
				TAPI_CMD_PROXY_REQUEST);
	if (!hdr || nla_put_u32(msg, TAPI_A_CHANNEL_ID, channel) ||
	    nla_put_u32(msg, TAPI_A_PROXY_REQ_ID, id) ||
	    nla_put_u32(msg, TAPI_A_PROXY_COOKIE, cookie)) {
		nlmsg_free(msg);
		return 0;
	}
	genlmsg_end(msg, hdr);
	genlmsg_reply(msg, info);
	return 0;

err_remove:
	idr_remove(&tapi_proxy_requests, req->id);
err_unlock:
	mutex_unlock(&tapi_proxy_mutex);
	kfree(req);
	if (err != -ENOENT)
		return err;
	/* Registrations exist for live channels only. */
	if (no_proxy && !tapi_proxy_channel_exists(channel)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_CHANNEL_ID],
				    "no such channel");
		return -ENODEV;
	}
	if (!info->extack || !info->extack->_msg)
		GENL_SET_ERR_MSG(info, "no proxy serves this request type");
	return -ENOENT;
}

/**
 * tapi_proxy_response_doit() - TAPI_CMD_PROXY_RESPONSE: back to the requester
 * @skb: the response
 * @info: its attributes: TAPI_A_PROXY_REQ_ID, TAPI_A_PROXY_RESULT
 *	[, TAPI_A_PROXY_DATA]
 *
 * Only the socket the request was sent to may answer it.  The requester
 * gets TAPI_PROXY_ANSWERED with the result, the data and its cookie.
 *
 * Context: process context.
 * Return: 0 (also when the requester's socket is gone: its requests are
 * forgotten), -EINVAL, -ENOENT (no such request pending with this
 * socket), -ENOBUFS (the requester's receive buffer is full: the request
 * stays pending and the response may be sent again), -ENOMEM.
 */
int tapi_proxy_response_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct tapi_proxy_request *req;
	struct tapi_proxy_owner me;
	u32 id;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_PROXY_REQ_ID) ||
	    GENL_REQ_ATTR_CHECK(info, TAPI_A_PROXY_RESULT))
		return -EINVAL;
	id = nla_get_u32(info->attrs[TAPI_A_PROXY_REQ_ID]);
	tapi_proxy_sender(info, &me);

	mutex_lock(&tapi_proxy_mutex);
	req = id <= INT_MAX ? idr_find(&tapi_proxy_requests, id) : NULL;
	if (!req || !tapi_proxy_same(&req->proxy, &me)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_PROXY_REQ_ID],
				    "no such request pending with this socket");
		err = -ENOENT;
		goto out;
	}
	err = tapi_proxy_send_response(req, TAPI_PROXY_ANSWERED,
				       nla_get_u32(info->attrs[TAPI_A_PROXY_RESULT]),
				       info->attrs[TAPI_A_PROXY_DATA]);
	if (err == -EAGAIN || err == -ENOBUFS) {
		GENL_SET_ERR_MSG(info, "the requester's receive buffer is full; try again");
		err = -ENOBUFS;
		goto out;
	}
	if (err == -ENOMEM || err == -EMSGSIZE)
		goto out;
	/* Delivered, or the requester is gone. */
	tapi_proxy_forget(req);
	err = 0;
out:
	mutex_unlock(&tapi_proxy_mutex);
	return err;
}

/**
 * tapi_proxy_message_doit() - TAPI_CMD_PROXY_MESSAGE: to the "proxy" group
 * @skb: the message
 * @info: its attributes: TAPI_A_CHANNEL_ID, TAPI_A_PROXY_MSG
 *	[, TAPI_A_PROXY_PARAM1..3]
 *
 * Only a socket registered as a proxy of the channel (for any type) may
 * send.  Absent parameters go out as 0.
 *
 * Context: process context.
 * Return: 0 (also when nobody listens), -EINVAL, -EPERM (not a proxy of
 * the channel), -ENOMEM.
 */
int tapi_proxy_message_doit(struct sk_buff *skb, struct genl_info *info)
{
	static const int params[] = {
		TAPI_A_PROXY_PARAM1, TAPI_A_PROXY_PARAM2, TAPI_A_PROXY_PARAM3,
	};
	struct tapi_proxy_channel *pc;
	struct tapi_proxy_owner me;
	bool allowed = false;
	struct sk_buff *msg;
	unsigned int i, t;
	u32 number;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID) ||
	    GENL_REQ_ATTR_CHECK(info, TAPI_A_PROXY_MSG))
		return -EINVAL;
	number = nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]);
	tapi_proxy_sender(info, &me);

	mutex_lock(&tapi_proxy_mutex);
	pc = xa_load(&tapi_proxy_channels, number);
	for (t = 1; pc && t < TAPI_PROXY_TYPE_BITS && !allowed; t++)
		allowed = (pc->types & BIT(t)) &&
			  tapi_proxy_same(&pc->owner[t], &me);
	mutex_unlock(&tapi_proxy_mutex);
	if (!allowed) {
		GENL_SET_ERR_MSG(info, "not a proxy of the channel");
		return -EPERM;
	}

	msg = genlmsg_new(TAPI_PROXY_MSG_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = tapi_genl_put_hdr(msg, 0, 0, 0, TAPI_CMD_PROXY_MESSAGE);
	err = !hdr || nla_put_u32(msg, TAPI_A_CHANNEL_ID, number) ||
	      nla_put_u32(msg, TAPI_A_PROXY_MSG,
			  nla_get_u32(info->attrs[TAPI_A_PROXY_MSG]));
	for (i = 0; !err && i < ARRAY_SIZE(params); i++)
		err = nla_put_u32(msg, params[i],
				  info->attrs[params[i]] ?
				  nla_get_u32(info->attrs[params[i]]) : 0);
	if (err) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	err = tapi_genl_proxy_multicast(msg);
	return err == -ESRCH ? 0 : err;
}

/* --- sockets and channels going away ------------------------------------ */

/* A netlink socket closed: drop what it served and what it asked. */
static int tapi_proxy_netlink_event(struct notifier_block *nb,
				    unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct tapi_proxy_owner gone = { .portid = n->portid, .net = n->net };
	struct tapi_proxy_request *req;
	struct tapi_proxy_channel *pc;
	unsigned long number;
	int id;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;

	mutex_lock(&tapi_proxy_mutex);
	/* First forget its requests, so none is answered to it. */
	idr_for_each_entry(&tapi_proxy_requests, req, id)
		if (tapi_proxy_same(&req->requester, &gone))
			tapi_proxy_forget(req);
	xa_for_each(&tapi_proxy_channels, number, pc)
		tapi_proxy_drop(number, U32_MAX, &gone);
	mutex_unlock(&tapi_proxy_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block tapi_proxy_notifier = {
	.notifier_call = tapi_proxy_netlink_event,
};

/**
 * tapi_proxy_channel_removed() - a channel is gone: drop its proxies
 * @number: its channel number, not yet free for reuse
 *
 * Its registrations go (TAPI_CMD_PROXY_STATUS with no types) and its
 * pending requests are answered TAPI_PROXY_GONE.
 *
 * Context: process context, after the channel was marked dead.
 */
void tapi_proxy_channel_removed(unsigned int number)
{
	mutex_lock(&tapi_proxy_mutex);
	tapi_proxy_drop(number, U32_MAX, NULL);
	/* Requests whose proxy already went are gone with it; be sure. */
	tapi_proxy_fail(number, U32_MAX, NULL);
	mutex_unlock(&tapi_proxy_mutex);
}

/**
 * tapi_proxy_init() - start watching netlink sockets close
 *
 * Called before the family is registered.
 *
 * Return: 0 or the notifier's registration error.
 */
int tapi_proxy_init(void)
{
	return netlink_register_notifier(&tapi_proxy_notifier);
}

/**
 * tapi_proxy_exit() - stop, and free every registration and request
 *
 * Called after the family was unregistered: no operation runs any more,
 * and once the notifier is off nothing else reaches the tables.
 */
void tapi_proxy_exit(void)
{
	struct tapi_proxy_request *req;
	struct tapi_proxy_channel *pc;
	unsigned long number;
	int id;

	netlink_unregister_notifier(&tapi_proxy_notifier);
	mutex_lock(&tapi_proxy_mutex);
	idr_for_each_entry(&tapi_proxy_requests, req, id)
		kfree(req);
	idr_destroy(&tapi_proxy_requests);
	xa_for_each(&tapi_proxy_channels, number, pc)
		kfree(pc);
	xa_destroy(&tapi_proxy_channels);
	mutex_unlock(&tapi_proxy_mutex);
}
