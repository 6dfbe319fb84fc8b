// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The backend the call engine uses: enumeration, per-channel queries and
 * channel control, behind struct tapi_backend so the unit tests can put a
 * simulated channel in place of /dev/tapi/<N>.
 *
 * The real backend enumerates through netlink (numbers, tone zones and
 * calls included) and falls back to sysfs when the module has no netlink
 * family; it controls channels through their character devices.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "private.h"
#include "device.h"

/* A real channel: the chardev wrapper behind the engine's interface. */
struct real_chan {
	struct tapi_chan chan;
	struct tapi_dev *dev;
};

static struct tapi_dev *dev_of(struct tapi_chan *c)
{
	return ((struct real_chan *)c)->dev;
}

static int real_set_hook(struct tapi_chan *c, enum tapi_hook hook)
{
	return tapi_dev_set_hook(dev_of(c), hook);
}

static int real_ring_start(struct tapi_chan *c, const struct tapi_ring *ring)
{
	return tapi_dev_ring_start(dev_of(c), ring);
}

static int real_ring_stop(struct tapi_chan *c)
{
	return tapi_dev_ring_stop(dev_of(c));
}

static int real_dial(struct tapi_chan *c, const struct tapi_dial *d)
{
	return tapi_dev_dial(dev_of(c), d);
}

static int real_get_event(struct tapi_chan *c, struct tapi_event *ev)
{
	return tapi_dev_get_event(dev_of(c), ev);
}

static int real_get_call(struct tapi_chan *c, struct tapi_call_info *call)
{
	return tapi_dev_get_call(dev_of(c), call);
}

static int real_set_call_state(struct tapi_chan *c,
			       enum tapi_call_state state)
{
	return tapi_dev_set_call_state(dev_of(c), state);
}

static int real_tone_start(struct tapi_chan *c,
			   const struct tapi_tone_req *req)
{
	return tapi_dev_tone_start(dev_of(c), req);
}

static int real_tone_stop(struct tapi_chan *c)
{
	return tapi_dev_tone_stop(dev_of(c));
}

static void real_close(struct tapi_chan *c)
{
	tapi_dev_close(dev_of(c));
	free(c);
}

static const struct tapi_chan_ops real_chan_ops = {
	.set_hook = real_set_hook,
	.ring_start = real_ring_start,
	.ring_stop = real_ring_stop,
	.dial = real_dial,
	.get_event = real_get_event,
	.get_call = real_get_call,
	.set_call_state = real_set_call_state,
	.tone_start = real_tone_start,
	.tone_stop = real_tone_stop,
	.close = real_close,
};

static int real_open(const struct tapi_dev_info *info, struct tapi_chan **out)
{
	struct real_chan *rc = calloc(1, sizeof(*rc));
	int err;

	if (!rc)
		return -ENOMEM;
	err = tapi_dev_open(info->devnode, &rc->dev);
	if (err) {
		free(rc);
		return err;
	}
	/* A file starts without the line events (tones, call state, caller
	 * ID): the engine lives on them. */
	err = tapi_dev_set_event_mask(rc->dev, TAPI_EV_MASK_ALL);
	if (err) {
		tapi_dev_close(rc->dev);
		free(rc);
		return err;
	}
	rc->chan.ops = &real_chan_ops;
	rc->chan.poll_fd = tapi_dev_event_fd(rc->dev);
	rc->chan.poll_events = POLLPRI;
	*out = &rc->chan;
	return 0;
}

static int real_enumerate(struct tapi_dev_list *list)
{
	int err = tapi_nl_enumerate(list);

	if (err == -ENOENT)	/* no netlink family: sysfs has the rest */
		err = tapi_dev_enumerate(list);
	return err;
}

static int real_query(const struct tapi_dev_info *known,
		      struct tapi_dev_info *info)
{
	int err = tapi_nl_channel_get(known->channel, info);

	if (!err && strcmp(info->card_name, known->card_name))
		return -ENODEV;	/* the number now belongs to another card */
	if (!err)
		strcpy(info->devnode, known->devnode);
	return err;
}

const struct tapi_backend tapi_real_backend = {
	.enumerate = real_enumerate,
	.query = real_query,
	.open = real_open,
	.monitor_open = tapi_nl_monitor_open,
	.pcm_name = tapi_pcm_name,
	.sound_card = tapi_sound_card_of,
	.relay_open = tapi_nl_relay_open,
};

static const struct tapi_backend *_Atomic current_backend = &tapi_real_backend;

/**
 * tapi_backend_get() - the backend in use
 *
 * Return: &tapi_real_backend unless a test installed another.
 */
const struct tapi_backend *tapi_backend_get(void)
{
	return current_backend;
}

/**
 * tapi_backend_set() - install a backend (unit tests)
 * @backend: the backend, or NULL for the real one; must outlive its use
 */
void tapi_backend_set(const struct tapi_backend *backend)
{
	current_backend = backend ? backend : &tapi_real_backend;
}
