// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the event queue of each open file.
 *
 * Every event of a channel goes to every open file of the channel whose
 * mask has its type (media xruns go only to the file concerned).  A file
 * whose ring is full counts the events it loses; as soon as the reader
 * makes room, a TAPI_EV_OVERFLOW event carrying that count takes the
 * freed slot, so events never vanish silently.  TAPI_EV_OVERFLOW and
 * TAPI_EV_REMOVED cannot be masked off: they describe the file itself.
 */
#include <linux/poll.h>
#include <linux/uaccess.h>
#include "core.h"

/* Events the mask cannot filter out. */
#define TAPI_EV_MASK_FORCED (TAPI_EV_MASK(TAPI_EV_OVERFLOW) | \
			     TAPI_EV_MASK(TAPI_EV_REMOVED))

/**
 * tapi_event_queue_init() - an empty queue with the default mask
 * @q: the queue
 */
void tapi_event_queue_init(struct tapi_event_queue *q)
{
	memset(q, 0, sizeof(*q));
	q->next_seq = 1;
	q->mask = TAPI_EV_MASK_DEFAULT;
}

static bool tapi_event_store(struct tapi_event_queue *q, u32 type, u32 value,
			     u32 duration_ms, u64 timestamp_ns)
{
	struct tapi_event *ev;

	if (q->count == TAPI_EVENT_QUEUE_LEN)
		return false;
	ev = &q->ev[(q->head + q->count) % TAPI_EVENT_QUEUE_LEN];
	ev->type = type;
	ev->value = value;
	ev->duration_ms = duration_ms;
	ev->seq = q->next_seq++;
	ev->timestamp_ns = timestamp_ns;
	q->count++;
	return true;
}

/* Put what did not fit earlier into the room there is now, oldest first. */
static void tapi_event_store_pending(struct tapi_event_queue *q)
{
	if (q->lost && tapi_event_store(q, TAPI_EV_OVERFLOW, q->lost, 0,
					ktime_get_ns()))
		q->lost = 0;
	if (!q->lost && q->removed_pending &&
	    tapi_event_store(q, TAPI_EV_REMOVED, 0, 0, ktime_get_ns()))
		q->removed_pending = false;
}

/* Queue one event for a file and wake it; returns false if masked off. */
static bool tapi_event_push(struct tapi_file *f, u32 type, u32 value,
			    u32 duration_ms, u64 timestamp_ns)
{
	struct tapi_event_queue *q = &f->events;

	lockdep_assert_held(&f->ch->lock);
	if (!((q->mask | TAPI_EV_MASK_FORCED) & TAPI_EV_MASK(type)))
		return false;
	tapi_event_store_pending(q);
	if (q->lost || q->removed_pending ||
	    !tapi_event_store(q, type, value, duration_ms, timestamp_ns)) {
		if (type == TAPI_EV_REMOVED)
			q->removed_pending = true;
		else
			q->lost++;
	}
	wake_up_interruptible_poll(&f->wait, EPOLLPRI);
	return true;
}

/**
 * tapi_channel_event_at() - report an event to every open file of a channel
 * @ch: the channel
 * @type: enum tapi_event_type
 * @value: the event's value
 * @duration_ms: the event's duration
 * @when: CLOCK_MONOTONIC time the event happened
 *
 * Context: any; @ch->lock held.
 */
void tapi_channel_event_at(struct tapi_channel *ch, u32 type, u32 value,
			   u32 duration_ms, ktime_t when)
{
	struct tapi_file *f;

	lockdep_assert_held(&ch->lock);
	list_for_each_entry(f, &ch->files, node)
		tapi_event_push(f, type, value, duration_ms, ktime_to_ns(when));
	/* Netlink listeners, caller ID and the call state (line.c). */
	tapi_line_event(ch, type, value, duration_ms, when);
}

/**
 * tapi_channel_event() - report an event that happens now to every file
 * @ch: the channel
 * @type: enum tapi_event_type
 * @value: the event's value
 * @duration_ms: the event's duration
 *
 * Context: any; @ch->lock held.
 */
void tapi_channel_event(struct tapi_channel *ch, u32 type, u32 value,
			u32 duration_ms)
{
	tapi_channel_event_at(ch, type, value, duration_ms, ktime_get());
}

/**
 * tapi_file_event() - report an event that concerns one open file only
 * @f: the file
 * @type: enum tapi_event_type
 * @value: the event's value
 * @duration_ms: the event's duration
 *
 * Context: any; @f->ch->lock held.
 */
void tapi_file_event(struct tapi_file *f, u32 type, u32 value,
		     u32 duration_ms)
{
	tapi_event_push(f, type, value, duration_ms, ktime_get_ns());
}

/**
 * tapi_file_removed() - tell a file its channel is gone, wake all waiters
 * @f: the file
 *
 * Context: any; @f->ch->lock held.
 */
void tapi_file_removed(struct tapi_file *f)
{
	tapi_event_push(f, TAPI_EV_REMOVED, 0, 0, ktime_get_ns());
	wake_up_interruptible_all(&f->wait);
}

/**
 * tapi_file_has_events() - whether TAPI_IOC_GET_EVENT has something to pop
 * @f: the file
 *
 * Return: true if an event is queued.
 */
bool tapi_file_has_events(struct tapi_file *f)
{
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&f->ch->lock, flags);
	ret = f->events.count != 0;
	spin_unlock_irqrestore(&f->ch->lock, flags);
	return ret;
}

/**
 * tapi_file_get_event() - TAPI_IOC_GET_EVENT: pop the oldest event
 * @f: the file
 * @uev: where to copy it
 *
 * The event leaves the queue only once it is copied, so a bad pointer
 * loses nothing.  Never blocks (beyond a concurrent reader of the file).
 *
 * Return: 0; -EAGAIN if the queue is empty; -ENODEV if it is empty and the
 * channel is gone; -EFAULT.
 */
int tapi_file_get_event(struct tapi_file *f, struct tapi_event __user *uev)
{
	struct tapi_channel *ch = f->ch;
	struct tapi_event_queue *q = &f->events;
	struct tapi_event ev;
	unsigned long flags;
	int ret = 0;

	mutex_lock(&f->event_mutex);
	spin_lock_irqsave(&ch->lock, flags);
	if (!q->count) {
		ret = ch->dead ? -ENODEV : -EAGAIN;
		spin_unlock_irqrestore(&ch->lock, flags);
		goto out;
	}
	ev = q->ev[q->head];
	spin_unlock_irqrestore(&ch->lock, flags);

	if (copy_to_user(uev, &ev, sizeof(ev))) {
		ret = -EFAULT;
		goto out;
	}

	/* Only event_mutex holders remove events: the head is still ev. */
	spin_lock_irqsave(&ch->lock, flags);
	q->head = (q->head + 1) % TAPI_EVENT_QUEUE_LEN;
	q->count--;
	tapi_event_store_pending(q);
	spin_unlock_irqrestore(&ch->lock, flags);
out:
	mutex_unlock(&f->event_mutex);
	return ret;
}

/**
 * tapi_file_set_event_mask() - TAPI_IOC_SET_EVENT_MASK
 * @f: the file
 * @mask: TAPI_EV_MASK() bits; events already queued stay queued
 *
 * Return: 0, or -EINVAL if @mask has a bit that is no event type.
 */
int tapi_file_set_event_mask(struct tapi_file *f, u32 mask)
{
	unsigned long flags;

	if (mask & ~TAPI_EV_MASK_ALL)
		return -EINVAL;
	spin_lock_irqsave(&f->ch->lock, flags);
	f->events.mask = mask;
	spin_unlock_irqrestore(&f->ch->lock, flags);
	return 0;
}
