// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the channel bridge, TAPI_IOC_BRIDGE and TAPI_IOC_UNBRIDGE
 * (struct tapi_bridge in include/uapi/linux/tapi.h).
 *
 * A bridge joins the media of two channels in the kernel, every 1 ms
 * frame: what one channel receives (tapi_channel_rx()) is added to what
 * the other sends (tapi_channel_tx()), on top of the samples of its
 * transmit owner, before the channel's own tones and dialled digits go
 * in.  Each direction is a short ring of samples: the two channels may
 * be on cards ticking in any order, so a frame received is sent at the
 * next transmit of the other channel; the ring keeps at most
 * TAPI_BRIDGE_KEEP samples, older ones are dropped so the delay stays
 * bounded when one side runs ahead.
 *
 * A bridge ends at TAPI_IOC_UNBRIDGE on either channel, at the close of
 * the file that made it, or when either channel's card is unregistered;
 * both channels then get TAPI_EV_BRIDGE_END with the other's number.
 *
 * Locking: tapi_bridge_mutex serialises making and ending bridges
 * (process context).  tapi_channel.bridge is written under the channel
 * lock with the mutex held and read under the channel lock, so a frame
 * sees a bridge whole or not at all; once both channels dropped their
 * pointer no frame can reach it and it is freed.  The rings are guarded
 * by tapi_bridge_link.lock, taken inside a channel lock (which has
 * interrupts off already).  Nothing is allocated in the frame path.
 */
#include <linux/file.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "core.h"

/* One direction's ring, in samples, and how many of them it keeps. */
#define TAPI_BRIDGE_RING	(8 * TAPI_FRAME_SAMPLES)
#define TAPI_BRIDGE_KEEP	(4 * TAPI_FRAME_SAMPLES)

/**
 * struct tapi_bridge_ring - samples one channel received, for the other
 * @buf: the samples
 * @head: index of the oldest
 * @count: how many are queued
 */
struct tapi_bridge_ring {
	s16 buf[TAPI_BRIDGE_RING];
	unsigned int head;
	unsigned int count;
};

/**
 * struct tapi_bridge_link - two channels whose media are joined
 * @ch: the two channels; @ch[0] is the one TAPI_IOC_BRIDGE was called on
 * @maker: the file that made the bridge; its close ends it
 * @lock: guards @rx
 * @rx: @rx[i] holds what @ch[i] received, for @ch[1 - i] to send
 */
struct tapi_bridge_link {
	struct tapi_channel *ch[2];
	struct tapi_file *maker;
	spinlock_t lock;		/* the rings */
	struct tapi_bridge_ring rx[2];
};

static DEFINE_MUTEX(tapi_bridge_mutex);

static unsigned int tapi_bridge_side(const struct tapi_bridge_link *b,
				     const struct tapi_channel *ch)
{
	return b->ch[0] == ch ? 0 : 1;
}

/* Is @ch still registered (not being removed)?  Takes no reference. */
static bool tapi_bridge_registered(struct tapi_channel *ch)
{
	struct tapi_channel *found = tapi_channel_get_by_minor(ch->number);
	struct module *owner;

	if (!found)
		return false;
	owner = found->card->owner;
	tapi_card_put(found->card);
	module_put(owner);
	return found == ch;
}

/* Unlink @b from both channels, tell them, free it.  Mutex held. */
static void tapi_bridge_end(struct tapi_bridge_link *b)
{
	unsigned long flags;
	unsigned int i;

	lockdep_assert_held(&tapi_bridge_mutex);
	for (i = 0; i < 2; i++) {
		struct tapi_channel *ch = b->ch[i];

		spin_lock_irqsave(&ch->lock, flags);
		ch->bridge = NULL;
		/* A dead channel's last event stays TAPI_EV_REMOVED. */
		if (!ch->dead)
			tapi_channel_event(ch, TAPI_EV_BRIDGE_END,
					   b->ch[1 - i]->number, 0);
		spin_unlock_irqrestore(&ch->lock, flags);
	}
	kfree(b);
}

/* The bridge of @ch, or NULL.  Mutex held, so it cannot go meanwhile. */
static struct tapi_bridge_link *tapi_bridge_of(struct tapi_channel *ch)
{
	struct tapi_bridge_link *b;
	unsigned long flags;

	lockdep_assert_held(&tapi_bridge_mutex);
	spin_lock_irqsave(&ch->lock, flags);
	b = ch->bridge;
	spin_unlock_irqrestore(&ch->lock, flags);
	return b;
}

/* Both sides checked and free: link them.  Mutex held. */
static void tapi_bridge_link_up(struct tapi_bridge_link *b)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		spin_lock_irqsave(&b->ch[i]->lock, flags);
		b->ch[i]->bridge = b;
		spin_unlock_irqrestore(&b->ch[i]->lock, flags);
	}
}

/**
 * tapi_bridge_make() - TAPI_IOC_BRIDGE: join @f's channel with another
 * @f: the file the ioctl came on; its close ends the bridge
 * @req: the request, copied from userspace
 *
 * Context: process context.
 * Return: 0; -EINVAL for flags, or an fd that is no open file of another
 * channel; -EOPNOTSUPP when either channel carries no media; -EBUSY when
 * either is in a bridge already; -ENODEV when either is gone; -ENOMEM.
 */
int tapi_bridge_make(struct tapi_file *f, const struct tapi_bridge *req)
{
	struct tapi_channel *ch = f->ch, *peer;
	struct tapi_bridge_link *b;
	struct fd other;
	int ret;

	if (req->flags)
		return -EINVAL;
	/* The channel ABI's errors: a bad fd is bad input like any other. */
	other = fdget(req->fd);
	if (!other.file)
		return -EINVAL;
	ret = -EINVAL;
	if (other.file->f_op != &tapi_fops)
		goto out_fdput;
	peer = ((struct tapi_file *)other.file->private_data)->ch;
	if (peer == ch)
		goto out_fdput;
	ret = -EOPNOTSUPP;
	if (!(ch->caps & TAPI_CAP_MEDIA) || !(peer->caps & TAPI_CAP_MEDIA))
		goto out_fdput;
	ret = -ENOMEM;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		goto out_fdput;
	b->ch[0] = ch;
	b->ch[1] = peer;
	b->maker = f;
	spin_lock_init(&b->lock);

	mutex_lock(&tapi_bridge_mutex);
	/*
	 * Removal takes a card's channels out of the table before it ends
	 * their bridges under this mutex: both found here, a removal ends
	 * this bridge after us.
	 */
	if (!tapi_bridge_registered(ch) || !tapi_bridge_registered(peer))
		ret = -ENODEV;
	else if (tapi_bridge_of(ch) || tapi_bridge_of(peer))
		ret = -EBUSY;
	else
		ret = 0;
	if (!ret)
		tapi_bridge_link_up(b);
	mutex_unlock(&tapi_bridge_mutex);
	if (ret)
		kfree(b);
out_fdput:
	fdput(other);
	return ret;
}

/**
 * tapi_bridge_unmake() - TAPI_IOC_UNBRIDGE: end the bridge of @f's channel
 * @f: a file of either channel of the bridge
 *
 * Context: process context.
 * Return: 0, or -EINVAL when the channel is in no bridge.
 */
int tapi_bridge_unmake(struct tapi_file *f)
{
	struct tapi_bridge_link *b;

	mutex_lock(&tapi_bridge_mutex);
	b = tapi_bridge_of(f->ch);
	if (b)
		tapi_bridge_end(b);
	mutex_unlock(&tapi_bridge_mutex);
	return b ? 0 : -EINVAL;
}

/**
 * tapi_bridge_file_release() - a file is being closed: end its bridge
 * @f: the file; if it made its channel's bridge, the bridge ends
 *
 * Context: process context, before @f leaves its channel's file list.
 */
void tapi_bridge_file_release(struct tapi_file *f)
{
	struct tapi_bridge_link *b;

	/* A file of a channel never bridged costs one unlocked read. */
	if (!READ_ONCE(f->ch->bridge))
		return;
	mutex_lock(&tapi_bridge_mutex);
	b = tapi_bridge_of(f->ch);
	if (b && b->maker == f)
		tapi_bridge_end(b);
	mutex_unlock(&tapi_bridge_mutex);
}

/**
 * tapi_bridge_channel_removed() - a channel's card is being unregistered
 * @ch: the channel, already out of the channel table, not yet dead
 *
 * Ends its bridge; both channels get TAPI_EV_BRIDGE_END before the
 * removed one's TAPI_EV_REMOVED.
 *
 * Context: process context.
 */
void tapi_bridge_channel_removed(struct tapi_channel *ch)
{
	struct tapi_bridge_link *b;

	mutex_lock(&tapi_bridge_mutex);
	b = tapi_bridge_of(ch);
	if (b)
		tapi_bridge_end(b);
	mutex_unlock(&tapi_bridge_mutex);
}

/**
 * tapi_bridge_rx() - samples a bridged channel received, for its peer
 * @ch: the channel
 * @samples: the samples
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_bridge_rx(struct tapi_channel *ch, const s16 *samples,
		    unsigned int n)
{
	struct tapi_bridge_link *b = ch->bridge;
	struct tapi_bridge_ring *r;
	unsigned int i, tail;

	lockdep_assert_held(&ch->lock);
	if (!b)
		return;
	r = &b->rx[tapi_bridge_side(b, ch)];
	if (n > TAPI_BRIDGE_KEEP) {
		samples += n - TAPI_BRIDGE_KEEP;
		n = TAPI_BRIDGE_KEEP;
	}
	spin_lock(&b->lock);
	/* Keep the delay bounded: the oldest go first. */
	if (r->count + n > TAPI_BRIDGE_KEEP) {
		unsigned int drop = r->count + n - TAPI_BRIDGE_KEEP;

		r->head = (r->head + drop) % TAPI_BRIDGE_RING;
		r->count -= drop;
	}
	tail = (r->head + r->count) % TAPI_BRIDGE_RING;
	for (i = 0; i < n; i++)
		r->buf[(tail + i) % TAPI_BRIDGE_RING] = samples[i];
	r->count += n;
	spin_unlock(&b->lock);
}

/**
 * tapi_bridge_tx() - add what the peer received to what a channel sends
 * @ch: the channel
 * @samples: what it sends so far; the peer's samples are added, clipped
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_bridge_tx(struct tapi_channel *ch, s16 *samples, unsigned int n)
{
	struct tapi_bridge_link *b = ch->bridge;
	struct tapi_bridge_ring *r;
	unsigned int i, got;

	lockdep_assert_held(&ch->lock);
	if (!b)
		return;
	r = &b->rx[1 - tapi_bridge_side(b, ch)];
	spin_lock(&b->lock);
	got = min(n, r->count);
	for (i = 0; i < got; i++) {
		int sum = samples[i] + r->buf[(r->head + i) % TAPI_BRIDGE_RING];

		samples[i] = clamp(sum, S16_MIN, S16_MAX);
	}
	r->head = (r->head + got) % TAPI_BRIDGE_RING;
	r->count -= got;
	spin_unlock(&b->lock);
}
