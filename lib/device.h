/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The device layer: how libtapi finds and drives telephony channels.
 *
 * The call engine (the TAPI line functions) uses only this interface.
 * Three parts, one file each:
 *
 *  - device_enum.c: enumeration.  Channels are the kernel's
 *    /sys/class/tapi/tapi<N> devices, walked with libudev; their sysfs
 *    attributes (signalling, card, card_name, driver, index, caps, hook,
 *    ringing, polarity) become struct tapi_dev_info.
 *  - device_chan.c: one open channel, /dev/tapi/<N>: thin, checked
 *    wrappers around the ioctls of <linux/tapi.h>, and the descriptor to
 *    poll for POLLPRI (events) and POLLIN/POLLOUT (media).
 *  - registry.c: the process-wide map from TAPI line device IDs to
 *    channels.  IDs are handed out in channel order the first time a
 *    channel is seen and are never reused for another channel.
 *
 * The generic netlink family "tapi" (card/channel dumps, per-channel
 * state shared between processes, multicast events, hotplug) is added
 * next, as a fourth file behind this same header: enumeration then comes
 * from its dump, and its multicast socket becomes a second event source
 * next to the channels' descriptors.
 *
 * All functions return 0 or a negative errno.
 */
#ifndef TAPI_LIB_DEVICE_H
#define TAPI_LIB_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tapi.h>

#define TAPI_DEVNODE_MAX 64

/* One channel as sysfs describes it. */
struct tapi_dev_info {
	unsigned int channel;		/* the <N> of tapi<N>, /dev/tapi/<N> */
	unsigned int card;
	unsigned int index;		/* position on its card, from 0 */
	enum tapi_signalling signalling;
	uint32_t caps;			/* TAPI_CAP_ bits */
	enum tapi_hook hook;
	bool ringing;
	bool polarity_reversed;
	char card_name[TAPI_NAME_LEN];
	char driver[TAPI_NAME_LEN];
	char devnode[TAPI_DEVNODE_MAX];
};

struct tapi_dev_list {
	struct tapi_dev_info *devs;	/* sorted by channel */
	size_t count;
};

/* device_enum.c */

/* Returns the value of sysfs attribute @name, or NULL if it is absent. */
typedef const char *(*tapi_dev_attr_fn)(void *ctx, const char *name);

int tapi_dev_info_parse(struct tapi_dev_info *info, const char *sysname,
			tapi_dev_attr_fn get_attr, void *ctx);
int tapi_dev_enumerate(struct tapi_dev_list *list);
void tapi_dev_list_release(struct tapi_dev_list *list);

/* device_chan.c */

struct tapi_dev;

int tapi_dev_open(const char *devnode, struct tapi_dev **dev_out);
void tapi_dev_close(struct tapi_dev *dev);
int tapi_dev_event_fd(const struct tapi_dev *dev);
const struct tapi_chan_info *tapi_dev_chan_info(const struct tapi_dev *dev);
int tapi_dev_refresh_info(struct tapi_dev *dev);
int tapi_dev_set_hook(struct tapi_dev *dev, enum tapi_hook hook);
int tapi_dev_ring_start(struct tapi_dev *dev, const struct tapi_ring *ring);
int tapi_dev_ring_stop(struct tapi_dev *dev);
int tapi_dev_set_polarity(struct tapi_dev *dev, bool reversed);
int tapi_dial_prepare(struct tapi_dial *d, const char *digits,
		      unsigned int on_ms, unsigned int off_ms, int level);
int tapi_dev_dial(struct tapi_dev *dev, const struct tapi_dial *d);
int tapi_dev_get_event(struct tapi_dev *dev, struct tapi_event *ev);
int tapi_dev_set_event_mask(struct tapi_dev *dev, uint32_t mask);
int tapi_dev_set_media(struct tapi_dev *dev,
		       const struct tapi_media_config *cfg);
int tapi_dev_get_media(struct tapi_dev *dev, struct tapi_media_config *cfg);

/* registry.c */

int tapi_registry_update(const struct tapi_dev_list *list, uint32_t *count);
int tapi_registry_refresh(uint32_t *count);
int tapi_registry_lookup(uint32_t device_id, struct tapi_dev_info *info);
void tapi_registry_reset(void);

#endif /* TAPI_LIB_DEVICE_H */
