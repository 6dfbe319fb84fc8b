/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libnl-genl tests (test_netlink, test_proxy) read from the
 * kernel's answers: the error of an ACK with its extack message, and the
 * error a dump ends with.
 */
#ifndef TEST_NL_UTIL_H
#define TEST_NL_UTIL_H

#include <stdio.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

/*
 * nl_test_ack() - an ACK (struct nlmsgerr, as libnl's error callback gets
 * it): its error, and in @extack (may be "") the kernel's message.
 * NETLINK_CAP_ACK: the TLVs follow the bare error.
 */
static inline int nl_test_ack(struct nlmsgerr *e, char *extack, size_t size)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *a;
	int len, rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return e->error;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)sizeof(*e);
	nla_for_each_attr(a, (struct nlattr *)(e + 1), len, rem)
		if (nla_type(a) == NLMSGERR_ATTR_MSG)
			snprintf(extack, size, "%s", (const char *)nla_data(a));
	return e->error;
}

/* A dump that failed on the way says so in its DONE message: that error. */
static inline int nl_test_done_error(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (nlh->nlmsg_type == NLMSG_DONE && nlmsg_datalen(nlh) >= 4)
		return *(int *)nlmsg_data(nlh);
	return 0;
}

#endif /* TEST_NL_UTIL_H */
