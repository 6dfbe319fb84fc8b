// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the generic netlink family "tapi" (include/uapi/linux/tapi.h,
 * kernel/core/tapi-genl.yaml): dumps of cards and channels with their
 * call, the administrator's channel settings, and multicast notifications
 * of cards and channels coming and going ("config") and of channel events
 * and call changes ("events").
 *
 * Requests: every operation has a strict policy of its own; attributes
 * outside it are refused.  TAPI_CMD_CHANNEL_SET needs CAP_NET_ADMIN.
 * Who a call is with (caller and called numbers, caller name and time)
 * is private: dumps include it only for a requester with CAP_NET_ADMIN,
 * and only CAP_NET_ADMIN may join the "events" group, which carries it
 * and every digit dialled.  The character devices' permissions decide who
 * sees the events of a channel otherwise.
 *
 * Notifications: channel events happen in any context (timers, frame
 * interrupts) under the channel lock, so each notification is built
 * there, with GFP_ATOMIC, numbered with the channel's TAPI_A_SEQ, and
 * appended to one FIFO; a work item multicasts the FIFO in order.  So
 * every listener sees the notifications of a channel in TAPI_A_SEQ order,
 * and those of different channels and cards in the order they were made
 * (line.c lists the order of registration and removal).  When nobody
 * listens, nothing is built but TAPI_A_SEQ still counts; when the FIFO is
 * full (TAPI_GENL_QUEUE_MAX) notifications are dropped, and the gap in
 * TAPI_A_SEQ tells the listener to dump again.
 *
 * The TAPI_CMD_PROXY_* commands and the "proxy" group (open to everyone)
 * are the call-center proxy relay of proxy.c; their policies are here.
 */
#include <linux/capability.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include "core.h"
#include "proxy.h"

/* Notifications waiting to be multicast, at most. */
#define TAPI_GENL_QUEUE_MAX	4096

/* Payload sizes of notifications: a channel with its call, an event. */
#define TAPI_GENL_CHANNEL_SIZE	1024
#define TAPI_GENL_EVENT_SIZE	256

enum tapi_genl_group {
	TAPI_GENL_GROUP_CONFIG,
	TAPI_GENL_GROUP_EVENTS,
	TAPI_GENL_GROUP_PROXY,
};

static const struct genl_multicast_group tapi_genl_mcgrps[] = {
	[TAPI_GENL_GROUP_CONFIG] = { .name = TAPI_GENL_MCGRP_CONFIG },
	[TAPI_GENL_GROUP_EVENTS] = {
		.name = TAPI_GENL_MCGRP_EVENTS,
#ifdef GENL_MCAST_CAP_NET_ADMIN
		.flags = GENL_MCAST_CAP_NET_ADMIN,
#endif
	},
	/* Proxy messages and status carry no private data: open to all. */
	[TAPI_GENL_GROUP_PROXY] = { .name = TAPI_GENL_MCGRP_PROXY },
};

static const struct nla_policy tapi_card_get_policy[TAPI_A_CARD_ID + 1] = {
	[TAPI_A_CARD_ID] = { .type = NLA_U32 },
};

static const struct nla_policy
tapi_channel_get_policy[TAPI_A_CHANNEL_ID + 1] = {
	[TAPI_A_CARD_ID] = { .type = NLA_U32 },
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
};

static const struct nla_policy tapi_channel_set_policy[TAPI_A_LAW + 1] = {
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
	[TAPI_A_NUMBER] = { .type = NLA_NUL_STRING, .len = TAPI_NUMBER_MAX },
	[TAPI_A_TONE_ZONE] = { .type = NLA_NUL_STRING, .len = 15 },
	[TAPI_A_LAW] = NLA_POLICY_RANGE(NLA_U32, TAPI_FMT_ULAW, TAPI_FMT_ALAW),
};

/* Proxy relay (proxy.c): request types are 1..31, bit 0 unused. */
static const struct nla_policy
tapi_proxy_register_policy[TAPI_A_PROXY_TYPES + 1] = {
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
	[TAPI_A_PROXY_TYPES] = NLA_POLICY_MASK(NLA_U32, 0xfffffffe),
};

static const struct nla_policy
tapi_proxy_get_policy[TAPI_A_CHANNEL_ID + 1] = {
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
};

static const struct nla_policy
tapi_proxy_request_policy[TAPI_A_PROXY_DATA + 1] = {
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
	[TAPI_A_PROXY_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 31),
	[TAPI_A_PROXY_COOKIE] = { .type = NLA_U32 },
	[TAPI_A_PROXY_DATA] = { .type = NLA_BINARY,
				.len = TAPI_PROXY_DATA_MAX },
};

static const struct nla_policy
tapi_proxy_response_policy[TAPI_A_PROXY_DATA + 1] = {
	[TAPI_A_PROXY_REQ_ID] = { .type = NLA_U32 },
	[TAPI_A_PROXY_RESULT] = { .type = NLA_U32 },
	[TAPI_A_PROXY_DATA] = { .type = NLA_BINARY,
				.len = TAPI_PROXY_DATA_MAX },
};

static const struct nla_policy
tapi_proxy_message_policy[TAPI_A_PROXY_PARAM3 + 1] = {
	[TAPI_A_CHANNEL_ID] = { .type = NLA_U32 },
	[TAPI_A_PROXY_MSG] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PARAM1] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PARAM2] = { .type = NLA_U32 },
	[TAPI_A_PROXY_PARAM3] = { .type = NLA_U32 },
};

static int tapi_genl_card_get_doit(struct sk_buff *skb,
				   struct genl_info *info);
static int tapi_genl_card_get_dumpit(struct sk_buff *skb,
				     struct netlink_callback *cb);
static int tapi_genl_channel_get_doit(struct sk_buff *skb,
				      struct genl_info *info);
static int tapi_genl_channel_get_start(struct netlink_callback *cb);
static int tapi_genl_channel_get_dumpit(struct sk_buff *skb,
					struct netlink_callback *cb);
static int tapi_genl_channel_set_doit(struct sk_buff *skb,
				      struct genl_info *info);

static const struct genl_ops tapi_genl_ops[] = {
	{
		.cmd = TAPI_CMD_CARD_GET,
		.doit = tapi_genl_card_get_doit,
		.dumpit = tapi_genl_card_get_dumpit,
		.policy = tapi_card_get_policy,
		.maxattr = ARRAY_SIZE(tapi_card_get_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_CHANNEL_GET,
		.doit = tapi_genl_channel_get_doit,
		.start = tapi_genl_channel_get_start,
		.dumpit = tapi_genl_channel_get_dumpit,
		.policy = tapi_channel_get_policy,
		.maxattr = ARRAY_SIZE(tapi_channel_get_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_CHANNEL_SET,
		.doit = tapi_genl_channel_set_doit,
		.flags = GENL_ADMIN_PERM,
		.policy = tapi_channel_set_policy,
		.maxattr = ARRAY_SIZE(tapi_channel_set_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_PROXY_REGISTER,
		.doit = tapi_proxy_register_doit,
		.flags = GENL_ADMIN_PERM,
		.policy = tapi_proxy_register_policy,
		.maxattr = ARRAY_SIZE(tapi_proxy_register_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_PROXY_UNREGISTER,
		.doit = tapi_proxy_unregister_doit,
		.policy = tapi_proxy_register_policy,
		.maxattr = ARRAY_SIZE(tapi_proxy_register_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_PROXY_GET,
		.doit = tapi_proxy_get_doit,
		.start = tapi_proxy_get_start,
		.dumpit = tapi_proxy_get_dumpit,
		.policy = tapi_proxy_get_policy,
		.maxattr = ARRAY_SIZE(tapi_proxy_get_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_PROXY_REQUEST,
		.doit = tapi_proxy_request_doit,
		.policy = tapi_proxy_request_policy,
		.maxattr = ARRAY_SIZE(tapi_proxy_request_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_PROXY_RESPONSE,
		.doit = tapi_proxy_response_doit,
		.policy = tapi_proxy_response_policy,
		.maxattr = ARRAY_SIZE(tapi_proxy_response_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_PROXY_MESSAGE,
		.doit = tapi_proxy_message_doit,
		.policy = tapi_proxy_message_policy,
		.maxattr = ARRAY_SIZE(tapi_proxy_message_policy) - 1,
	},
};

static struct genl_family tapi_genl_family __ro_after_init = {
	.name = TAPI_GENL_NAME,
	.version = TAPI_GENL_VERSION,
	.module = THIS_MODULE,
	.ops = tapi_genl_ops,
	.n_ops = ARRAY_SIZE(tapi_genl_ops),
	/* A new family: the header's reserved fields are checked for all. */
	.resv_start_op = 0,
	.mcgrps = tapi_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(tapi_genl_mcgrps),
};

/* The family is registered: notifications may be built. */
static bool tapi_genl_up;
static struct sk_buff_head tapi_genl_queue;
static struct work_struct tapi_genl_work;

/* --- messages ----------------------------------------------------------- */

static int tapi_genl_put_card(struct sk_buff *skb, struct tapi_card *card)
{
	if (nla_put_u32(skb, TAPI_A_CARD_ID, card->number) ||
	    nla_put_string(skb, TAPI_A_CARD_NAME, card->name) ||
	    nla_put_string(skb, TAPI_A_DRIVER, card->driver) ||
	    nla_put_u32(skb, TAPI_A_CARD_CHANNELS, card->nchannels))
		return -EMSGSIZE;
	return 0;
}

/* The call's attributes; who it is with only if @private. */
static int tapi_genl_put_call(struct sk_buff *skb, struct tapi_channel *ch,
			      bool private)
{
	const struct tapi_call_info *call = &ch->line.call;

	lockdep_assert_held(&ch->lock);
	if (nla_put_u32(skb, TAPI_A_CALL_ID, call->call_id) ||
	    nla_put_u32(skb, TAPI_A_CALL_STATE, call->state) ||
	    nla_put_u32(skb, TAPI_A_CALL_CAUSE, call->cause) ||
	    nla_put_u32(skb, TAPI_A_CALL_DIRECTION, call->direction) ||
	    nla_put_u32(skb, TAPI_A_CALLER_FLAGS, call->caller_flags) ||
	    nla_put_u32(skb, TAPI_A_CALL_SEQ, call->seq))
		return -EMSGSIZE;
	if (!private)
		return 0;
	if (nla_put_string(skb, TAPI_A_CALLER_NUMBER, call->caller_number) ||
	    nla_put_string(skb, TAPI_A_CALLER_NAME, call->caller_name) ||
	    nla_put_string(skb, TAPI_A_CALLED_NUMBER, call->called_number) ||
	    nla_put_string(skb, TAPI_A_CALLER_DATETIME,
			   call->caller_datetime))
		return -EMSGSIZE;
	return 0;
}

/* Where a notification or reply about @ch comes from. */
static int tapi_genl_put_channel_id(struct sk_buff *skb,
				    struct tapi_channel *ch)
{
	if (nla_put_u32(skb, TAPI_A_CHANNEL_ID, ch->number) ||
	    nla_put_u32(skb, TAPI_A_CARD_ID, ch->card->number) ||
	    nla_put_u32(skb, TAPI_A_SEQ, ch->line.genl_seq))
		return -EMSGSIZE;
	return 0;
}

static int tapi_genl_put_channel(struct sk_buff *skb, struct tapi_channel *ch,
				 bool private)
{
	struct tapi_card *card = ch->card;

	lockdep_assert_held(&ch->lock);
	if (tapi_genl_put_channel_id(skb, ch) ||
	    nla_put_u32(skb, TAPI_A_CHANNEL_INDEX, ch->index) ||
	    nla_put_string(skb, TAPI_A_CHANNEL_NAME, ch->name) ||
	    nla_put_string(skb, TAPI_A_CARD_NAME, card->name) ||
	    nla_put_string(skb, TAPI_A_DRIVER, card->driver) ||
	    nla_put_u32(skb, TAPI_A_SIGNALLING, ch->sig) ||
	    nla_put_u32(skb, TAPI_A_CAPS, ch->caps) ||
	    nla_put_u32(skb, TAPI_A_HOOK, tapi_signal_hook_state(ch)) ||
	    nla_put_u32(skb, TAPI_A_RINGING, tapi_signal_ringing(ch)) ||
	    nla_put_u32(skb, TAPI_A_POLARITY, ch->reversed) ||
	    nla_put_string(skb, TAPI_A_NUMBER, ch->dir_number) ||
	    nla_put_string(skb, TAPI_A_TONE_ZONE,
			   tapi_tone_zone_code(ch->line.zone)) ||
	    nla_put_u32(skb, TAPI_A_LAW, ch->line.law))
		return -EMSGSIZE;
	return tapi_genl_put_call(skb, ch, private);
}

/**
 * tapi_genl_put_hdr() - start a message of the family
 * @skb: the message buffer
 * @portid: destination port id (0 for notifications)
 * @seq: sequence number (the request's for a reply)
 * @flags: netlink message flags
 * @cmd: enum tapi_genl_cmd
 *
 * Return: the start of the payload, or NULL when @skb has no room.
 */
void *tapi_genl_put_hdr(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			u8 cmd)
{
	return genlmsg_put(skb, portid, seq, &tapi_genl_family, flags, cmd);
}

/**
 * tapi_genl_proxy_multicast() - send a finished message to the "proxy" group
 * @skb: the message, consumed
 *
 * Context: process context.
 * Return: 0, -ESRCH when nobody listens, or another error of the send.
 */
int tapi_genl_proxy_multicast(struct sk_buff *skb)
{
	return genlmsg_multicast(&tapi_genl_family, skb, 0,
				 TAPI_GENL_GROUP_PROXY, GFP_KERNEL);
}

/* --- notifications ------------------------------------------------------ */

static void tapi_genl_send_work(struct work_struct *work)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&tapi_genl_queue))) {
		u32 group = NETLINK_CB(skb).dst_group;

		/* -ESRCH when the listeners left meanwhile: nothing lost. */
		genlmsg_multicast(&tapi_genl_family, skb, 0, group, GFP_KERNEL);
	}
}

/* A notification for @group, or NULL when nobody listens or no memory. */
static struct sk_buff *tapi_genl_new(enum tapi_genl_group group, u8 cmd,
				     size_t size, void **hdr)
{
	struct sk_buff *skb;

	if (!READ_ONCE(tapi_genl_up) ||
	    skb_queue_len(&tapi_genl_queue) >= TAPI_GENL_QUEUE_MAX ||
	    !genl_has_listeners(&tapi_genl_family, &init_net, group))
		return NULL;
	skb = genlmsg_new(size, GFP_ATOMIC);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &tapi_genl_family, 0, cmd);
	if (!*hdr) {
		dev_kfree_skb_any(skb);
		return NULL;
	}
	return skb;
}

/* Queue a finished notification; drop it if it did not fit (@err). */
static void tapi_genl_queue_msg(struct sk_buff *skb, void *hdr,
				enum tapi_genl_group group, int err)
{
	if (WARN_ON_ONCE(err)) {
		dev_kfree_skb_any(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	NETLINK_CB(skb).dst_group = group;
	skb_queue_tail(&tapi_genl_queue, skb);
	schedule_work(&tapi_genl_work);
}

/**
 * tapi_genl_card() - notify the config group of a card
 * @card: a registered card (numbers valid)
 * @cmd: TAPI_CMD_CARD_NEW or TAPI_CMD_CARD_DEL
 *
 * A card's TAPI_A_SEQ is 1 for its TAPI_CMD_CARD_NEW, 2 for its
 * TAPI_CMD_CARD_DEL.
 *
 * Context: any.
 */
void tapi_genl_card(struct tapi_card *card, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = tapi_genl_new(TAPI_GENL_GROUP_CONFIG, cmd, TAPI_GENL_EVENT_SIZE,
			    &hdr);
	if (!skb)
		return;
	err = tapi_genl_put_card(skb, card) ||
	      nla_put_u32(skb, TAPI_A_SEQ, cmd == TAPI_CMD_CARD_NEW ? 1 : 2);
	tapi_genl_queue_msg(skb, hdr, TAPI_GENL_GROUP_CONFIG, err);
}

/**
 * tapi_genl_channel() - notify the config group of a channel
 * @ch: an announced channel
 * @cmd: TAPI_CMD_CHANNEL_NEW (also after a configuration change) or
 *	TAPI_CMD_CHANNEL_DEL
 *
 * Carries the channel's attributes and its call without the private
 * parts, as a dump does for an unprivileged requester.
 *
 * Context: any; @ch->lock held.
 */
void tapi_genl_channel(struct tapi_channel *ch, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&ch->lock);
	ch->line.genl_seq++;
	skb = tapi_genl_new(TAPI_GENL_GROUP_CONFIG, cmd,
			    TAPI_GENL_CHANNEL_SIZE, &hdr);
	if (skb)
		tapi_genl_queue_msg(skb, hdr, TAPI_GENL_GROUP_CONFIG,
				    tapi_genl_put_channel(skb, ch, false));
}

/**
 * tapi_genl_event() - notify the events group of a channel event
 * @ch: the channel
 * @type: enum tapi_event_type
 * @value: the event's value
 * @duration_ms: the event's duration
 * @when: when it happened
 *
 * Context: any; @ch->lock held.
 */
void tapi_genl_event(struct tapi_channel *ch, u32 type, u32 value,
		     u32 duration_ms, ktime_t when)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	lockdep_assert_held(&ch->lock);
	if (!ch->line.announced)
		return;
	ch->line.genl_seq++;
	skb = tapi_genl_new(TAPI_GENL_GROUP_EVENTS, TAPI_CMD_EVENT,
			    TAPI_GENL_EVENT_SIZE, &hdr);
	if (!skb)
		return;
	err = tapi_genl_put_channel_id(skb, ch) ||
	      nla_put_u32(skb, TAPI_A_EVENT_TYPE, type) ||
	      nla_put_u32(skb, TAPI_A_EVENT_VALUE, value) ||
	      nla_put_u32(skb, TAPI_A_EVENT_DURATION, duration_ms) ||
	      nla_put_u64_64bit(skb, TAPI_A_EVENT_TIMESTAMP, ktime_to_ns(when),
				TAPI_A_PAD);
	tapi_genl_queue_msg(skb, hdr, TAPI_GENL_GROUP_EVENTS, err);
}

/**
 * tapi_genl_call() - notify the events group of a change of the call
 * @ch: the channel
 *
 * Carries the whole call, private parts included (the group is for
 * CAP_NET_ADMIN).
 *
 * Context: any; @ch->lock held.
 */
void tapi_genl_call(struct tapi_channel *ch)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	lockdep_assert_held(&ch->lock);
	if (!ch->line.announced)
		return;
	ch->line.genl_seq++;
	skb = tapi_genl_new(TAPI_GENL_GROUP_EVENTS, TAPI_CMD_CALL_STATE,
			    TAPI_GENL_CHANNEL_SIZE, &hdr);
	if (!skb)
		return;
	err = tapi_genl_put_channel_id(skb, ch) ||
	      tapi_genl_put_call(skb, ch, true);
	tapi_genl_queue_msg(skb, hdr, TAPI_GENL_GROUP_EVENTS, err);
}

/* --- requests ----------------------------------------------------------- */

/* Drop what tapi_channel_get_by_minor() took. */
static void tapi_genl_channel_put(struct tapi_channel *ch)
{
	struct module *owner = ch->card->owner;

	tapi_card_put(ch->card);
	module_put(owner);
}

/* The next registered channel from *minor on, referenced; NULL at the end. */
static struct tapi_channel *tapi_genl_next_channel(unsigned int *minor)
{
	struct tapi_channel *ch;

	for (; *minor < TAPI_MAX_CHANNELS; (*minor)++) {
		ch = tapi_channel_get_by_minor(*minor);
		if (ch)
			return ch;
	}
	return NULL;
}

static int tapi_genl_fill_card(struct sk_buff *skb, struct tapi_card *card,
			       u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &tapi_genl_family, flags,
			  TAPI_CMD_CARD_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (tapi_genl_put_card(skb, card)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int tapi_genl_fill_channel(struct sk_buff *skb,
				  struct tapi_channel *ch, bool private,
				  u32 portid, u32 seq, int flags)
{
	unsigned long irqflags;
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, portid, seq, &tapi_genl_family, flags,
			  TAPI_CMD_CHANNEL_GET);
	if (!hdr)
		return -EMSGSIZE;
	spin_lock_irqsave(&ch->lock, irqflags);
	err = tapi_genl_put_channel(skb, ch, private);
	spin_unlock_irqrestore(&ch->lock, irqflags);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int tapi_genl_card_get_doit(struct sk_buff *skb,
				   struct genl_info *info)
{
	struct tapi_channel *ch;
	struct sk_buff *msg;
	unsigned int minor = 0;
	u32 card_id;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CARD_ID))
		return -EINVAL;
	card_id = nla_get_u32(info->attrs[TAPI_A_CARD_ID]);

	/* A card is found through its first channel. */
	for (; (ch = tapi_genl_next_channel(&minor)); minor++) {
		if (ch->index == 0 && ch->card->number == card_id)
			break;
		tapi_genl_channel_put(ch);
	}
	if (!ch) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[TAPI_A_CARD_ID],
				    "no such card");
		return -ENODEV;
	}

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	err = tapi_genl_fill_card(msg, ch->card, info->snd_portid,
				  info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	err = genlmsg_reply(msg, info);
out:
	tapi_genl_channel_put(ch);
	return err;
}

static int tapi_genl_card_get_dumpit(struct sk_buff *skb,
				     struct netlink_callback *cb)
{
	unsigned int minor = cb->args[0];
	struct tapi_channel *ch;
	int err = 0;

	for (; (ch = tapi_genl_next_channel(&minor)); minor++) {
		if (ch->index == 0)
			err = tapi_genl_fill_card(skb, ch->card,
						  NETLINK_CB(cb->skb).portid,
						  cb->nlh->nlmsg_seq,
						  NLM_F_MULTI);
		tapi_genl_channel_put(ch);
		if (err)
			break;
	}
	cb->args[0] = minor;
	return skb->len;
}

static int tapi_genl_channel_get_doit(struct sk_buff *skb,
				      struct genl_info *info)
{
	struct tapi_channel *ch;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID))
		return -EINVAL;
	if (info->attrs[TAPI_A_CARD_ID]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[TAPI_A_CARD_ID],
				    "TAPI_A_CARD_ID filters dumps only");
		return -EINVAL;
	}
	ch = tapi_channel_get_by_minor(nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]));
	if (!ch) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_CHANNEL_ID],
				    "no such channel");
		return -ENODEV;
	}

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	err = tapi_genl_fill_channel(msg, ch,
				     netlink_capable(skb, CAP_NET_ADMIN),
				     info->snd_portid, info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	err = genlmsg_reply(msg, info);
out:
	tapi_genl_channel_put(ch);
	return err;
}

/* Refuse a bad dump request at once, as an error rather than in DONE. */
static int tapi_genl_channel_get_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);

	if (info->attrs && info->attrs[TAPI_A_CHANNEL_ID]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, info->attrs[TAPI_A_CHANNEL_ID],
				    "a dump takes no TAPI_A_CHANNEL_ID: ask for the channel");
		return -EINVAL;
	}
	return 0;
}

static int tapi_genl_channel_get_dumpit(struct sk_buff *skb,
					struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct nlattr *card_attr = info->attrs ? info->attrs[TAPI_A_CARD_ID] :
				   NULL;
	bool private = netlink_capable(cb->skb, CAP_NET_ADMIN);
	unsigned int minor = cb->args[0];
	struct tapi_channel *ch;
	int err = 0;

	for (; (ch = tapi_genl_next_channel(&minor)); minor++) {
		if (!card_attr || ch->card->number == nla_get_u32(card_attr))
			err = tapi_genl_fill_channel(skb, ch, private,
						     NETLINK_CB(cb->skb).portid,
						     cb->nlh->nlmsg_seq,
						     NLM_F_MULTI);
		tapi_genl_channel_put(ch);
		if (err)
			break;
	}
	cb->args[0] = minor;
	return skb->len;
}

static int tapi_genl_channel_set_doit(struct sk_buff *skb,
				      struct genl_info *info)
{
	struct nlattr *zone_attr = info->attrs[TAPI_A_TONE_ZONE];
	struct nlattr *number_attr = info->attrs[TAPI_A_NUMBER];
	struct nlattr *law_attr = info->attrs[TAPI_A_LAW];
	const struct tapi_tone_zone *zone = NULL;
	const char *number = NULL;
	struct tapi_channel *ch;
	u32 law;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CHANNEL_ID))
		return -EINVAL;
	if (!zone_attr && !number_attr && !law_attr) {
		GENL_SET_ERR_MSG(info,
				 "nothing to set: give TAPI_A_TONE_ZONE, TAPI_A_NUMBER or TAPI_A_LAW");
		return -EINVAL;
	}
	if (zone_attr) {
		zone = tapi_tone_zone_find(nla_data(zone_attr));
		if (!zone) {
			NL_SET_ERR_MSG_ATTR(info->extack, zone_attr,
					    "unknown tone zone (ISO 3166 code in lower case: us, uk, de, ...)");
			return -EINVAL;
		}
	}
	if (number_attr) {
		number = nla_data(number_attr);
		if (!tapi_number_valid(number)) {
			NL_SET_ERR_MSG_ATTR(info->extack, number_attr,
					    "a number is printable ASCII without spaces");
			return -EINVAL;
		}
	}
	if (law_attr)
		law = nla_get_u32(law_attr);

	ch = tapi_channel_get_by_minor(nla_get_u32(info->attrs[TAPI_A_CHANNEL_ID]));
	if (!ch) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TAPI_A_CHANNEL_ID],
				    "no such channel");
		return -ENODEV;
	}
	err = tapi_config_set(ch, zone, number, law_attr ? &law : NULL);
	if (err == -EBUSY)
		NL_SET_ERR_MSG_ATTR(info->extack, number_attr,
				    "the driver set this line's number");
	else if (err == -ENODEV)
		GENL_SET_ERR_MSG(info, "the channel is gone");
	tapi_genl_channel_put(ch);
	return err;
}

/**
 * tapi_genl_init() - register the family
 *
 * Return: 0 or the error of genl_register_family().
 */
int tapi_genl_init(void)
{
	int ret;

	skb_queue_head_init(&tapi_genl_queue);
	INIT_WORK(&tapi_genl_work, tapi_genl_send_work);
	ret = tapi_proxy_init();
	if (ret)
		return ret;
	ret = genl_register_family(&tapi_genl_family);
	if (ret) {
		tapi_proxy_exit();
		return ret;
	}
	WRITE_ONCE(tapi_genl_up, true);
	return 0;
}

/**
 * tapi_genl_exit() - unregister the family, drop what was not sent
 *
 * Runs when no card is left, so no notification is being made.
 */
void tapi_genl_exit(void)
{
	WRITE_ONCE(tapi_genl_up, false);
	flush_work(&tapi_genl_work);
	skb_queue_purge(&tapi_genl_queue);
	genl_unregister_family(&tapi_genl_family);
	tapi_proxy_exit();
}
