/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_core: the call-center proxy relay (proxy.c), the TAPI_CMD_PROXY_*
 * commands of the generic netlink family, and what netlink.c lends it.
 */
#ifndef _TAPI_PROXY_H
#define _TAPI_PROXY_H

#include <net/genetlink.h>

/* netlink.c: the family's header and the "proxy" group, for proxy.c. */
void *tapi_genl_put_hdr(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			u8 cmd);
int tapi_genl_proxy_multicast(struct sk_buff *skb);

/* proxy.c */
int tapi_proxy_init(void);
void tapi_proxy_exit(void);
void tapi_proxy_channel_removed(unsigned int number);
int tapi_proxy_register_doit(struct sk_buff *skb, struct genl_info *info);
int tapi_proxy_unregister_doit(struct sk_buff *skb, struct genl_info *info);
int tapi_proxy_get_doit(struct sk_buff *skb, struct genl_info *info);
int tapi_proxy_get_start(struct netlink_callback *cb);
int tapi_proxy_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int tapi_proxy_request_doit(struct sk_buff *skb, struct genl_info *info);
int tapi_proxy_response_doit(struct sk_buff *skb, struct genl_info *info);
int tapi_proxy_message_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _TAPI_PROXY_H */
