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
 *  - device_nl.c: the generic netlink family "tapi", through libnl-genl:
 *    the channel dump (which also carries each channel's directory
 *    number, tone zone and call), and a socket on the multicast groups
 *    "config" (cards and channels come and go) and "events" whose
 *    notifications the engine thread reads next to the channels'
 *    descriptors.  libnl's -NLE_ codes become -errno here.
 *  - device_backend.c: what the call engine opens and enumerates through
 *    (struct tapi_backend): the real one uses the three files above; the
 *    unit tests install a fake with the same interface.
 *
 * Enumeration comes from the netlink dump; when the module has no
 * netlink family (an older tapi_core) it falls back to sysfs via libudev
 * and channels then have no directory number.
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
#define TAPI_TONE_ZONE_LEN 8

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
	/* From netlink only; empty/false when enumerated through sysfs. */
	char name[TAPI_NAME_LEN];	/* "sim0/fxo0" */
	char number[TAPI_DIGITS_LEN];	/* directory number, may be "" */
	char tone_zone[TAPI_TONE_ZONE_LEN];	/* "us", ... */
	bool call_known;		/* @call holds the kernel's call */
	struct tapi_call_info call;
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
int tapi_dev_get_call(struct tapi_dev *dev, struct tapi_call_info *call);
int tapi_dev_set_call_state(struct tapi_dev *dev, enum tapi_call_state state);
int tapi_tone_prepare(struct tapi_tone_req *req, enum tapi_tone tone,
		      unsigned int duration_ms, const unsigned int freq[2],
		      int level, unsigned int on_ms, unsigned int off_ms);
int tapi_dev_tone_start(struct tapi_dev *dev, const struct tapi_tone_req *req);
int tapi_dev_tone_stop(struct tapi_dev *dev);

/* device_nl.c */

/* One notification of the "config" or "events" group, parsed. */
struct tapi_nl_note {
	uint8_t cmd;			/* TAPI_CMD_ */
	bool has_channel, has_card;
	uint32_t channel;		/* TAPI_A_CHANNEL_ID */
	uint32_t card;			/* TAPI_A_CARD_ID */
	uint32_t seq;			/* TAPI_A_SEQ, 0 if absent */
	struct tapi_event event;	/* TAPI_CMD_EVENT */
	struct tapi_call_info call;	/* TAPI_CMD_CALL_STATE */
};

typedef void (*tapi_nl_note_fn)(void *ctx, const struct tapi_nl_note *note);

struct tapi_nl_monitor;

int tapi_nl_errno(int nle);
int tapi_nl_enumerate(struct tapi_dev_list *list);
int tapi_nl_channel_get(unsigned int channel, struct tapi_dev_info *info);
int tapi_nl_monitor_open(struct tapi_nl_monitor **mon_out);
void tapi_nl_monitor_close(struct tapi_nl_monitor *mon);
int tapi_nl_monitor_fd(const struct tapi_nl_monitor *mon);
bool tapi_nl_monitor_hears_events(const struct tapi_nl_monitor *mon);
int tapi_nl_monitor_read(struct tapi_nl_monitor *mon, tapi_nl_note_fn fn,
			 void *ctx);

/* device_relay.c - the proxy relay (TAPI_CMD_PROXY_* of <linux/tapi.h>) */

/* One message the relay brought this process, parsed. */
struct tapi_relay_note {
	uint8_t cmd;		/* TAPI_CMD_PROXY_REQUEST/RESPONSE/MESSAGE/STATUS */
	uint32_t channel;
	uint32_t types;		/* STATUS: the channel's proxy types now */
	uint32_t type;		/* REQUEST: the request type */
	uint32_t req_id;	/* REQUEST, RESPONSE: the kernel's id */
	uint32_t cookie;	/* RESPONSE: what the requester gave */
	uint32_t status;	/* RESPONSE: enum tapi_proxy_status */
	int32_t result;		/* RESPONSE, ANSWERED: the proxy's result */
	uint32_t msg;		/* MESSAGE: LINE_ message */
	uint32_t param[3];	/* MESSAGE */
	const void *data;	/* REQUEST, RESPONSE: valid during the call */
	size_t data_len;
};

typedef void (*tapi_relay_note_fn)(void *ctx, const struct tapi_relay_note *n);

struct tapi_relay;

/*
 * What a relay does.  Every op returns 0 or a negative errno.  The ops
 * that wait for the kernel's answer (@wait true, or no such flag) must not
 * be called on the thread that runs @read, which is where the answers are
 * read, nor with a lock that thread takes.
 */
struct tapi_relay_ops {
	/* become the proxy of @types (bit n: request type n) on @channel */
	int (*register_types)(struct tapi_relay *r, uint32_t channel,
			      uint32_t types);
	/* stop serving @types (0: all) on @channel */
	int (*unregister_types)(struct tapi_relay *r, uint32_t channel,
				uint32_t types, bool wait);
	/* the types some proxy serves on @channel */
	int (*get_types)(struct tapi_relay *r, uint32_t channel,
			 uint32_t *types);
	/* -ENOENT: no proxy for @type; the answer comes as a RESPONSE */
	int (*request)(struct tapi_relay *r, uint32_t channel, uint32_t type,
		       uint32_t cookie, const void *data, size_t len);
	int (*respond)(struct tapi_relay *r, uint32_t req_id, int32_t result,
		       const void *data, size_t len, bool wait);
	int (*message)(struct tapi_relay *r, uint32_t channel, uint32_t msg,
		       const uint32_t param[3]);
	/* hand every queued note to @fn; never blocks */
	int (*read)(struct tapi_relay *r, tapi_relay_note_fn fn, void *ctx);
	void (*close)(struct tapi_relay *r);
};

/**
 * struct tapi_relay - this process's end of the relay
 * @ops: what it can do
 * @poll_fd: polls POLLIN while notes wait for @ops->read
 */
struct tapi_relay {
	const struct tapi_relay_ops *ops;
	int poll_fd;
};

int tapi_nl_relay_open(struct tapi_relay **out);

/* device_backend.c */

struct tapi_chan;

/*
 * What the call engine does to a channel.  Every op returns 0 or a
 * negative errno and never blocks.  Called with the engine lock held.
 */
struct tapi_chan_ops {
	int (*set_hook)(struct tapi_chan *c, enum tapi_hook hook);
	int (*ring_start)(struct tapi_chan *c, const struct tapi_ring *ring);
	int (*ring_stop)(struct tapi_chan *c);
	int (*dial)(struct tapi_chan *c, const struct tapi_dial *d);
	/* -EAGAIN when no event waits */
	int (*get_event)(struct tapi_chan *c, struct tapi_event *ev);
	int (*get_call)(struct tapi_chan *c, struct tapi_call_info *call);
	int (*set_call_state)(struct tapi_chan *c, enum tapi_call_state state);
	int (*tone_start)(struct tapi_chan *c, const struct tapi_tone_req *req);
	int (*tone_stop)(struct tapi_chan *c);
	void (*close)(struct tapi_chan *c);
};

/**
 * struct tapi_chan - an open channel as the engine sees it
 * @ops: what it can do
 * @poll_fd: descriptor that reports queued events, or -1
 * @poll_events: the poll() events meaning "an event is queued"
 */
struct tapi_chan {
	const struct tapi_chan_ops *ops;
	int poll_fd;
	short poll_events;
};

/**
 * struct tapi_backend - where channels come from
 * @enumerate: the channels present now, sorted by channel
 * @query: optional: a fresh description of one channel (number, call)
 * @open: open a channel for control
 * @monitor_open: optional: the notification socket (netlink)
 */
struct tapi_backend {
	int (*enumerate)(struct tapi_dev_list *list);
	int (*query)(const struct tapi_dev_info *known,
		     struct tapi_dev_info *info);
	int (*open)(const struct tapi_dev_info *info, struct tapi_chan **out);
	int (*monitor_open)(struct tapi_nl_monitor **mon_out);
	/* the channel's ALSA PCM name (device_pcm.c); NULL: none */
	int (*pcm_name)(const struct tapi_dev_info *info, char *buf,
			size_t size);
	/*
	 * optional: the ALSA card that belongs to the channel's own USB
	 * device (a handset's snd-usb-audio), as its id and number
	 * (device_sound.c); -ENOENT: none
	 */
	int (*sound_card)(const struct tapi_dev_info *info, char *id,
			  size_t size, int *number);
	/*
	 * optional: this process's end of the kernel's proxy relay
	 * (device_relay.c: tapi_nl_relay_open); -ENOENT: none
	 */
	int (*relay_open)(struct tapi_relay **out);
};

extern const struct tapi_backend tapi_real_backend;
const struct tapi_backend *tapi_backend_get(void);
void tapi_backend_set(const struct tapi_backend *backend);

/* device_pcm.c */

#define TAPI_PCM_NAME_MAX 96

int tapi_pcm_name_in(const char *root, const char *card_name,
		     unsigned int index, char *buf, size_t size);
int tapi_pcm_name(const struct tapi_dev_info *info, char *buf, size_t size);

/* device_media.c */

int tapi_media_pcm_name(const struct tapi_dev_info *info, char *buf,
			size_t size);

/* device_sound.c */

int tapi_sound_card_of(const struct tapi_dev_info *info, char *id,
		       size_t size, int *number);

/* registry.c */

int tapi_registry_update(const struct tapi_dev_list *list, uint32_t *count);
int tapi_registry_refresh(uint32_t *count);
int tapi_registry_lookup(uint32_t device_id, struct tapi_dev_info *info);
int tapi_registry_find_channel(unsigned int channel, uint32_t *device_id);
int tapi_registry_phone_id(uint32_t device_id, uint32_t *phone_id);
int tapi_registry_phone_line(uint32_t phone_id, uint32_t *device_id);
uint32_t tapi_registry_phone_count(void);
uint32_t tapi_registry_present(bool *present, uint32_t max);
void tapi_registry_reset(void);

#endif /* TAPI_LIB_DEVICE_H */
