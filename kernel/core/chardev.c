// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the file operations of /dev/tapi/<n>.
 *
 * Each open file gets its own event queue and media settings.  Once the
 * channel's card is unregistered every call fails with -ENODEV, except
 * TAPI_IOC_GET_EVENT, which hands out the queued events (the last one
 * TAPI_EV_REMOVED) first; poll() then reports EPOLLERR | EPOLLHUP |
 * EPOLLPRI.
 */
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "core.h"

static int tapi_open(struct inode *inode, struct file *file)
{
	struct tapi_channel *ch = tapi_channel_get_by_minor(iminor(inode));
	struct module *owner;
	struct tapi_file *f;
	unsigned long flags;
	int ret;

	if (!ch)
		return -ENODEV;
	owner = ch->card->owner;

	ret = -ENOMEM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		goto err_put;
	f->ch = ch;
	init_waitqueue_head(&f->wait);
	mutex_init(&f->event_mutex);
	mutex_init(&f->rx_mutex);
	mutex_init(&f->tx_mutex);
	tapi_event_queue_init(&f->events);
	ret = tapi_media_open(f);
	if (ret)
		goto err_free;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else {
		list_add_tail(&f->node, &ch->files);
		ret = 0;
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	if (ret)
		goto err_media;

	file->private_data = f;
	stream_open(inode, file);
	return 0;

err_media:
	tapi_media_release(f);
err_free:
	kfree(f);
err_put:
	tapi_card_put(ch->card);
	module_put(owner);
	return ret;
}

static int tapi_release(struct inode *inode, struct file *file)
{
	struct tapi_file *f = file->private_data;
	struct tapi_channel *ch = f->ch;
	struct module *owner = ch->card->owner;
	struct tapi_file *other;
	unsigned long flags;

	tapi_bridge_file_release(f);
	spin_lock_irqsave(&ch->lock, flags);
	list_del(&f->node);
	if (ch->tx_owner == f) {
		ch->tx_owner = NULL;
		/* Pollers of the other files may write now. */
		list_for_each_entry(other, &ch->files, node)
			wake_up_interruptible_poll(&other->wait, EPOLLOUT);
	}
	spin_unlock_irqrestore(&ch->lock, flags);

	tapi_media_release(f);
	kfree(f);
	tapi_card_put(ch->card);
	module_put(owner);
	return 0;
}

static void tapi_get_info(struct tapi_channel *ch, struct tapi_chan_info *info)
{
	struct tapi_card *card = ch->card;
	unsigned long flags;

	memset(info, 0, sizeof(*info));
	info->abi_version = TAPI_ABI_VERSION;
	info->channel = ch->number;
	info->card = card->number;
	info->card_channel = ch->index;
	info->signalling = ch->sig;
	info->caps = ch->caps;
	spin_lock_irqsave(&ch->lock, flags);
	info->hook = tapi_signal_hook_state(ch);
	info->ringing = tapi_signal_ringing(ch);
	info->polarity = ch->reversed;
	spin_unlock_irqrestore(&ch->lock, flags);
	strscpy(info->card_name, card->name, sizeof(info->card_name));
	strscpy(info->driver, card->driver, sizeof(info->driver));
	strscpy(info->name, ch->name, sizeof(info->name));
}

static int tapi_ring_validate(const struct tapi_ring *ring)
{
	unsigned int i;

	if (ring->nsteps < 2 || ring->nsteps > TAPI_CADENCE_STEPS_MAX ||
	    ring->nsteps % 2)
		return -EINVAL;
	for (i = 0; i < ring->nsteps; i++)
		if (ring->step_ms[i] < TAPI_CADENCE_STEP_MIN_MS ||
		    ring->step_ms[i] > TAPI_CADENCE_STEP_MAX_MS)
			return -EINVAL;
	return 0;
}

static bool tapi_dial_ms_valid(unsigned int ms, unsigned int min,
			       unsigned int max)
{
	return ms == 0 || (ms >= min && ms <= max);
}

static int tapi_dial_validate(const struct tapi_dial *dial)
{
	size_t len = strnlen(dial->digits, sizeof(dial->digits));
	size_t i;

	if (!len || len == sizeof(dial->digits) || dial->reserved)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!strchr("0123456789*#ABCD", dial->digits[i]))
			return -EINVAL;
	if (!tapi_dial_ms_valid(dial->on_ms, TAPI_DTMF_ON_MIN_MS,
				TAPI_DTMF_ON_MAX_MS) ||
	    !tapi_dial_ms_valid(dial->off_ms, TAPI_DTMF_OFF_MIN_MS,
				TAPI_DTMF_OFF_MAX_MS) ||
	    dial->level < TAPI_DTMF_LEVEL_MIN ||
	    dial->level > TAPI_DTMF_LEVEL_MAX)
		return -EINVAL;
	return 0;
}

static long tapi_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tapi_file *f = file->private_data;
	struct tapi_channel *ch = f->ch;
	void __user *argp = (void __user *)arg;
	union {
		struct tapi_chan_info info;
		struct tapi_ring ring;
		struct tapi_dial dial;
		struct tapi_media_config media;
		struct tapi_call_info call;
		struct tapi_tone_req tone;
		struct tapi_bridge bridge;
		u32 value;
	} u;
	int ret;

	if (_IOC_TYPE(cmd) != TAPI_IOC_MAGIC)
		return -ENOTTY;
	/* Queued events outlive the channel; everything else does not. */
	if (cmd == TAPI_IOC_GET_EVENT)
		return tapi_file_get_event(f, argp);
	if (READ_ONCE(ch->dead))
		return -ENODEV;

	switch (cmd) {
	case TAPI_IOC_GET_INFO:
		tapi_get_info(ch, &u.info);
		return copy_to_user(argp, &u.info, sizeof(u.info)) ?
		       -EFAULT : 0;

	case TAPI_IOC_SET_HOOK:
		if (get_user(u.value, (u32 __user *)argp))
			return -EFAULT;
		return tapi_signal_set_hook(ch, u.value);

	case TAPI_IOC_RING_START:
		if (copy_from_user(&u.ring, argp, sizeof(u.ring)))
			return -EFAULT;
		ret = tapi_ring_validate(&u.ring);
		if (ret)
			return ret;
		return tapi_signal_ring_start(ch, &u.ring);

	case TAPI_IOC_RING_STOP:
		return tapi_signal_ring_stop(ch);

	case TAPI_IOC_SET_POLARITY:
		if (get_user(u.value, (u32 __user *)argp))
			return -EFAULT;
		return tapi_signal_set_polarity(ch, u.value);

	case TAPI_IOC_DIAL:
		if (copy_from_user(&u.dial, argp, sizeof(u.dial)))
			return -EFAULT;
		ret = tapi_dial_validate(&u.dial);
		if (ret)
			return ret;
		return tapi_dsp_dial(ch, &u.dial);

	case TAPI_IOC_SET_EVENT_MASK:
		if (get_user(u.value, (u32 __user *)argp))
			return -EFAULT;
		return tapi_file_set_event_mask(f, u.value);

	case TAPI_IOC_SET_MEDIA:
		if (copy_from_user(&u.media, argp, sizeof(u.media)))
			return -EFAULT;
		return tapi_media_set(f, &u.media);

	case TAPI_IOC_GET_MEDIA:
		tapi_media_get(f, &u.media);
		return copy_to_user(argp, &u.media, sizeof(u.media)) ?
		       -EFAULT : 0;

	case TAPI_IOC_GET_CALL:
		tapi_call_get(ch, &u.call);
		return copy_to_user(argp, &u.call, sizeof(u.call)) ?
		       -EFAULT : 0;

	case TAPI_IOC_SET_CALL_STATE:
		if (get_user(u.value, (u32 __user *)argp))
			return -EFAULT;
		return tapi_call_set_state(ch, u.value);

	case TAPI_IOC_TONE_START:
		if (copy_from_user(&u.tone, argp, sizeof(u.tone)))
			return -EFAULT;
		return tapi_tone_start(ch, &u.tone);

	case TAPI_IOC_TONE_STOP:
		return tapi_tone_stop(ch);

	case TAPI_IOC_BRIDGE:
		if (copy_from_user(&u.bridge, argp, sizeof(u.bridge)))
			return -EFAULT;
		return tapi_bridge_make(f, &u.bridge);

	case TAPI_IOC_UNBRIDGE:
		return tapi_bridge_unmake(f);
	}
	return -ENOTTY;
}

static __poll_t tapi_poll(struct file *file, poll_table *wait)
{
	struct tapi_file *f = file->private_data;

	poll_wait(file, &f->wait, wait);
	if (READ_ONCE(f->ch->dead))
		return EPOLLERR | EPOLLHUP | EPOLLPRI;
	return (tapi_file_has_events(f) ? EPOLLPRI : 0) | tapi_media_poll(f);
}

static ssize_t tapi_read(struct file *file, char __user *buf, size_t count,
			 loff_t *ppos)
{
	struct tapi_file *f = file->private_data;

	if (READ_ONCE(f->ch->dead))
		return -ENODEV;
	return tapi_media_read(f, buf, count, file->f_flags & O_NONBLOCK);
}

static ssize_t tapi_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *ppos)
{
	struct tapi_file *f = file->private_data;

	if (READ_ONCE(f->ch->dead))
		return -ENODEV;
	return tapi_media_write(f, buf, count, file->f_flags & O_NONBLOCK);
}

const struct file_operations tapi_fops = {
	.owner = THIS_MODULE,
	.open = tapi_open,
	.release = tapi_release,
	.unlocked_ioctl = tapi_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.poll = tapi_poll,
	.read = tapi_read,
	.write = tapi_write,
};
