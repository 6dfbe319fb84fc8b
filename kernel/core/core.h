/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_core: private definitions shared by the files of the core.
 *
 * Objects and their lifetimes:
 *  - struct tapi_card: created by a driver (tapi_card_create()), holds its
 *    channels.  Reference counted: the driver holds one reference from
 *    create to tapi_card_free(), every open file of one of its channels
 *    holds another, so channel memory outlives a hot unplug until the
 *    last file is closed.
 *  - struct tapi_channel: one port, embedded in the card's channel array.
 *    Registered channels are in tapi_channel_table[] (card.c) where
 *    open() finds them by minor number, and have a device in the tapi
 *    class.  tapi_card_unregister() takes them out of the table, marks
 *    them dead and removes their devices; the memory stays.
 *  - struct tapi_file: one open file of a channel: its event queue, its
 *    media settings and buffers.
 *
 * Locks, outermost first:
 *  - tapi_registry_mutex (card.c): the channel table and the channel
 *    number bitmap; registration, unregistration, open().
 *  - tapi_channel.ctl_mutex: serialises the calls of the channel's ops
 *    (set_hook, set_ring, set_polarity), so the hardware sees them in the
 *    order the core decided them.  Process context only.
 *  - tapi_file.event_mutex, rx_mutex, tx_mutex: serialise the readers
 *    of one file's event queue, its media readers and its media writers.
 *  - tapi_channel.lock: a spinlock, taken with irqsave because drivers
 *    report from any context.  Guards the channel's signalling state and
 *    the event queues and media buffers of every file of the channel (see
 *    the field comments).  Never held while calling a driver op.
 */
#ifndef _TAPI_CORE_H
#define _TAPI_CORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/ktime.h>
#include <linux/version.h>
#include <linux/tapi.h>
#include "tapi_driver.h"
#include "dtmf.h"
#include "line.h"

/*
 * The module is built out of tree against whatever kernel the machine
 * runs; this follows the few API changes it meets (devnode 6.2,
 * class_create 6.4, hrtimer_setup 6.13).
 */
#define TAPI_KERNEL_SINCE(a, b, c) (KERNEL_VERSION(a, b, c) <= LINUX_VERSION_CODE)

/* One chrdev region: channel numbers are minors 0..TAPI_MAX_CHANNELS-1. */
#define TAPI_MAX_CHANNELS	1024

/*
 * Hook switch timing of FXS ports and handsets (cf. Telcordia GR-506:
 * a flash is a 300..1000 ms on-hook, a disconnect is longer).  An on-hook
 * shorter than TAPI_HOOK_BOUNCE_MS is contact bounce and is ignored; one
 * ending in off-hook within TAPI_HOOK_FLASH_MAX_MS is a flash; one that
 * lasts longer is a hang-up, reported when that window closes.
 */
#define TAPI_HOOK_BOUNCE_MS	80
#define TAPI_HOOK_FLASH_MAX_MS	750

/* How long an FXO port releases the line for TAPI_HOOK_FLASH. */
#define TAPI_FXO_FLASH_MS	250

/* Events an open file keeps before it counts losses. */
#define TAPI_EVENT_QUEUE_LEN	128

/*
 * Media buffers, in samples: each reading file gets one second of
 * capture.  The tx buffer of the writing file has the same size, but a
 * write only fills it to TAPI_TX_QUEUE_BLOCKS blocks (at least
 * TAPI_TX_QUEUE_MIN samples), which bounds the playback latency.
 */
#define TAPI_RX_BUFFER_SAMPLES	TAPI_SAMPLE_RATE
#define TAPI_TX_BUFFER_SAMPLES	TAPI_SAMPLE_RATE
#define TAPI_TX_QUEUE_BLOCKS	4
#define TAPI_TX_QUEUE_MIN	400	/* 50 ms */

/* TAPI_IOC_DIAL requests waiting behind the one being sent. */
#define TAPI_DIAL_QUEUE_LEN	8

/*
 * The media clock: one frame per TAPI_CLOCK_PERIOD_NS.  When the timer
 * runs late (slow emulation, long interrupt latency) it catches up the
 * frames it missed, at most TAPI_CLOCK_MAX_CATCHUP per tick; the rest are
 * dropped so that a long stall does not turn into a burst.
 */
#define TAPI_CLOCK_PERIOD_NS	NSEC_PER_MSEC
#define TAPI_CLOCK_MAX_CATCHUP	20

/**
 * struct tapi_sample_fifo - a ring of 16-bit linear samples
 * @buf: @size samples, NULL until the buffer is needed
 * @size: capacity
 * @head: index of the oldest sample
 * @count: samples queued
 */
struct tapi_sample_fifo {
	s16 *buf;
	unsigned int size;
	unsigned int head;
	unsigned int count;
};

/**
 * struct tapi_event_queue - the events waiting for one open file
 * @ev: ring of events
 * @head: index of the oldest event
 * @count: events queued
 * @next_seq: seq of the next event queued, from 1
 * @lost: events dropped because the ring was full, not reported yet
 * @removed_pending: TAPI_EV_REMOVED did not fit yet
 * @mask: TAPI_EV_MASK() bits of the events the file wants
 */
struct tapi_event_queue {
	struct tapi_event ev[TAPI_EVENT_QUEUE_LEN];
	unsigned int head;
	unsigned int count;
	u32 next_seq;
	u32 lost;
	bool removed_pending;
	u32 mask;
};

/**
 * struct tapi_file - one open file of a channel
 * @ch: the channel (its card is referenced while the file is open)
 * @node: in @ch->files, under @ch->lock
 * @wait: readers, writers and pollers of this file: events, media data,
 *	media space and removal all wake it
 * @event_mutex: serialises TAPI_IOC_GET_EVENT on this file, so an event
 *	leaves the queue only once it reached userspace
 * @rx_mutex: serialises the readers of this file (taking samples out of
 *	@rx) and guards @rx_block; not held while sleeping
 * @tx_mutex: serialises the writers of this file (putting samples into
 *	@tx) and guards @tx_block; not held while sleeping
 * @events: under @ch->lock
 * @media: format and block size; written under @rx_mutex, @tx_mutex and
 *	@ch->lock, read under any of them
 * @rx: captured samples; under @ch->lock (@rx.buf is allocated under
 *	@rx_mutex and freed at release)
 * @rx_capturing: tapi_channel_rx() fills @rx; under @ch->lock
 * @rx_dropped: samples dropped in the current overflow episode
 * @tx: samples to play if this file owns the channel's tx; as @rx, with
 *	@tx_mutex
 * @tx_started: the file wrote since it became owner or SET_MEDIA
 * @tx_padded: silence samples padded in the current underrun episode
 * @rx_block: one block on its way to userspace, converted in place
 * @tx_block: one block on its way from userspace, converted in place
 */
struct tapi_file {
	struct tapi_channel *ch;
	struct list_head node;
	wait_queue_head_t wait;
	struct mutex event_mutex;	/* GET_EVENT callers */
	struct mutex rx_mutex;		/* readers, rx_block */
	struct mutex tx_mutex;		/* writers, tx_block */

	struct tapi_event_queue events;

	struct tapi_media_config media;
	struct tapi_sample_fifo rx;
	bool rx_capturing;
	u32 rx_dropped;
	struct tapi_sample_fifo tx;
	bool tx_started;
	u32 tx_padded;

	s16 *rx_block;
	s16 *tx_block;
};

/**
 * struct tapi_dial_request - a TAPI_IOC_DIAL waiting for the generator
 * @on_ms: as in struct tapi_dial
 * @off_ms: as in struct tapi_dial
 * @level: as in struct tapi_dial
 * @digits: as in struct tapi_dial
 */
struct tapi_dial_request {
	u16 on_ms;
	u16 off_ms;
	s16 level;
	char digits[TAPI_DIGITS_LEN];
};

/**
 * struct tapi_channel - one port of a card
 * @card: the card it belongs to
 * @index: index on the card
 * @number: global channel number (minor), valid while registered
 * @sig: enum tapi_signalling, set by tapi_channel_setup()
 * @caps: TAPI_CAP_* bits
 * @ops: the driver's ops (never NULL once set up)
 * @name: "card/port"
 * @drvdata: the driver's pointer
 * @dev: the device in the tapi class, while registered
 *
 * @ctl_mutex: serialises driver op calls; guards @ring_hw_on and
 *	@flash_pending
 * @ring_hw_on: what the last set_ring() call asked for
 * @flash_pending: an FXO flash released the line and waits to seize it
 * @hook_work: closes the on-hook window of flash detection
 * @ring_work: steps the ring cadence; also turns the ringer off after a
 *	ring trip
 * @flash_work: ends an FXO flash
 *
 * @lock: guards everything below, and the queues and buffers of the
 *	files in @files
 * @dead: the card was unregistered; nothing reaches the driver any more
 * @files: the open files, struct tapi_file.node
 * @tx_owner: the file whose writes the channel plays, or NULL
 * @hook_raw_off: the hook state the hardware reported last
 * @hook_off: the hook state reported to userspace: FXS/handset the
 *	station's after flash detection, FXO our own
 * @onhook_pending: FXS/handset: on-hook seen, its window is open
 * @onhook_since: when that on-hook began
 * @ring: FXS/handset: the cadence being run
 * @ring_active: the cadence runs
 * @ring_on: a ring burst is on (TAPI_EV_RING 1 was reported)
 * @ring_step: index in @ring.step_ms of the current step
 * @ring_cycles: cycles completed
 * @ring_next: jiffies when the next cadence step is due
 * @ring_detected: FXO: ringing seen on the line
 * @reversed: line polarity: set (FXS) or detected (FXO)
 * @alarms: alarm bits last reported
 * @dir_number: the line's directory number, "" if unknown
 * @key_since: when the key being held went down
 * @dtmf_rx: the DTMF receiver on the channel's rx samples
 * @dtmf_tx: the DTMF generator mixed into its tx samples
 * @dialing: @dtmf_tx holds digits, or requests wait in @dial_queue
 * @dial_queue: TAPI_IOC_DIAL requests waiting behind the current one
 * @dial_head: index of the oldest request
 * @dial_count: requests queued
 * @line: call state, tones, caller ID, number, zone, notifications
 *	(line.h); under @lock
 * @pcm: the ALSA PCM module's data for the channel, or NULL
 *	(pcm_hook.c); under @lock
 * @bridge: the bridge joining its media with another channel's, or NULL
 *	(bridge.c); under @lock
 */
struct tapi_channel {
	struct tapi_card *card;
	unsigned int index;
	unsigned int number;
	enum tapi_signalling sig;
	u32 caps;
	const struct tapi_channel_ops *ops;
	char name[TAPI_NAME_LEN];
	void *drvdata;
	struct device *dev;

	struct mutex ctl_mutex;		/* op calls and the two below */
	bool ring_hw_on;
	bool flash_pending;
	struct delayed_work hook_work;
	struct delayed_work ring_work;
	struct delayed_work flash_work;

	spinlock_t lock;		/* all below, and the files' queues */
	bool dead;
	struct list_head files;
	struct tapi_file *tx_owner;

	bool hook_raw_off;
	bool hook_off;
	bool onhook_pending;
	ktime_t onhook_since;

	struct tapi_ring ring;
	bool ring_active;
	bool ring_on;
	unsigned int ring_step;
	unsigned int ring_cycles;
	unsigned long ring_next;
	bool ring_detected;

	bool reversed;
	u32 alarms;
	char dir_number[TAPI_DIGITS_LEN];
	ktime_t key_since;

	struct tapi_dtmf_rx_state dtmf_rx;
	struct tapi_dtmf_tx_state dtmf_tx;
	bool dialing;
	struct tapi_dial_request dial_queue[TAPI_DIAL_QUEUE_LEN];
	unsigned int dial_head;
	unsigned int dial_count;

	struct tapi_line line;
	void *pcm;
	struct tapi_bridge_link *bridge;
};

/**
 * struct tapi_card - a driver's card
 * @ref: references: the driver's, and one per open file
 * @parent: the driver's device, parent of the channel devices
 * @ops: the card ops (may be NULL)
 * @owner: the driver module, pinned while a channel is open
 * @driver: the driver's name
 * @name: the card's name
 * @number: card number from tapi_card_ida, -1 once released
 * @registered: between tapi_card_register() and tapi_card_unregister()
 * @clocked: on the clock's card list
 * @clock_node: in the clock's card list (RCU)
 * @priv: the driver's private area
 * @nchannels: number of channels
 * @first_channel: channel number of channel 0 while registered
 * @channels: the channels
 */
struct tapi_card {
	struct kref ref;
	struct device *parent;
	const struct tapi_card_ops *ops;
	struct module *owner;
	char driver[TAPI_NAME_LEN];
	char name[TAPI_NAME_LEN];
	int number;
	bool registered;
	bool clocked;
	struct list_head clock_node;
	void *priv;
	unsigned int nchannels;
	unsigned int first_channel;
	struct tapi_channel *channels;
};

/* main.c */
extern dev_t tapi_devt;
extern struct class *tapi_class;

/* card.c */
struct tapi_channel *tapi_channel_get_by_minor(unsigned int minor);
void tapi_card_put(struct tapi_card *card);

/* chardev.c */
extern const struct file_operations tapi_fops;

/* event.c */
void tapi_event_queue_init(struct tapi_event_queue *q);
void tapi_channel_event_at(struct tapi_channel *ch, u32 type, u32 value,
			   u32 duration_ms, ktime_t when);
void tapi_channel_event(struct tapi_channel *ch, u32 type, u32 value,
			u32 duration_ms);
void tapi_file_event(struct tapi_file *f, u32 type, u32 value,
		     u32 duration_ms);
void tapi_file_removed(struct tapi_file *f);
bool tapi_file_has_events(struct tapi_file *f);
int tapi_file_get_event(struct tapi_file *f, struct tapi_event __user *uev);
int tapi_file_set_event_mask(struct tapi_file *f, u32 mask);

/* media.c */
int tapi_media_open(struct tapi_file *f);
void tapi_media_release(struct tapi_file *f);
int tapi_media_set(struct tapi_file *f, const struct tapi_media_config *cfg);
void tapi_media_get(struct tapi_file *f, struct tapi_media_config *cfg);
ssize_t tapi_media_read(struct tapi_file *f, char __user *buf, size_t count,
			bool nonblock);
ssize_t tapi_media_write(struct tapi_file *f, const char __user *buf,
			 size_t count, bool nonblock);
__poll_t tapi_media_poll(struct tapi_file *f);

/* signal.c */
void tapi_signal_init(struct tapi_channel *ch);
void tapi_signal_kill(struct tapi_channel *ch);
int tapi_signal_set_hook(struct tapi_channel *ch, u32 hook);
int tapi_signal_ring_start(struct tapi_channel *ch,
			   const struct tapi_ring *ring);
int tapi_signal_ring_stop(struct tapi_channel *ch);
int tapi_signal_set_polarity(struct tapi_channel *ch, u32 reversed);
u32 tapi_signal_hook_state(struct tapi_channel *ch);
bool tapi_signal_ringing(struct tapi_channel *ch);

/* clock.c */
void tapi_clock_init(void);
void tapi_clock_add(struct tapi_card *card);
void tapi_clock_remove(struct tapi_card *card);

/* sysfs.c */
extern const struct attribute_group *tapi_channel_groups[];

/* dsp.c */
void tapi_dsp_init(struct tapi_channel *ch);
void tapi_dsp_rx(struct tapi_channel *ch, const s16 *samples,
		 unsigned int n);
void tapi_dsp_tx(struct tapi_channel *ch, s16 *samples, unsigned int n);
int tapi_dsp_dial(struct tapi_channel *ch, const struct tapi_dial *dial);
void tapi_dsp_kill(struct tapi_channel *ch);

/* bridge.c */
struct tapi_bridge_link;
int tapi_bridge_make(struct tapi_file *f, const struct tapi_bridge *req);
int tapi_bridge_unmake(struct tapi_file *f);
void tapi_bridge_file_release(struct tapi_file *f);
void tapi_bridge_channel_removed(struct tapi_channel *ch);
void tapi_bridge_rx(struct tapi_channel *ch, const s16 *samples,
		    unsigned int n);
void tapi_bridge_tx(struct tapi_channel *ch, s16 *samples, unsigned int n);

/* pcm_hook.c: the ALSA PCM module's hook (tapi_pcm_hook.h) */
extern struct tapi_file tapi_pcm_tx_owner;
void tapi_pcm_hook_card_registered(struct tapi_card *card);
void tapi_pcm_hook_card_unregistering(struct tapi_card *card);
void tapi_pcm_hook_rx(struct tapi_channel *ch, const s16 *samples,
		      unsigned int n);
void tapi_pcm_hook_tx(struct tapi_channel *ch, s16 *samples, unsigned int n);

#endif /* _TAPI_CORE_H */
