// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One open channel, /dev/tapi/<N>.
 *
 * Wrappers check their arguments against the limits of <linux/tapi.h>
 * before the ioctl, so a bad request is refused with -EINVAL here with
 * the same meaning the kernel would give it.  The descriptor is
 * non-blocking: TAPI_IOC_GET_EVENT returns -EAGAIN when no event waits,
 * and poll() on tapi_dev_event_fd() reports POLLPRI when one does.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "private.h"
#include "device.h"

struct tapi_dev {
	int fd;
	struct tapi_chan_info info;	/* as of open or the last refresh */
};

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

/**
 * tapi_dev_open() - open a channel and read its description
 * @devnode: its device node, /dev/tapi/<N>
 * @dev_out: out: the open channel
 *
 * Return: 0; the errno of open(); -ENOTTY when @devnode is not a channel;
 * -EPROTO when the kernel speaks another TAPI_ABI_MAJOR; -ENOMEM.
 */
int tapi_dev_open(const char *devnode, struct tapi_dev **dev_out)
{
	struct tapi_dev *dev;
	int err;

	if (!devnode)
		return -EINVAL;
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return -ENOMEM;
	dev->fd = open(devnode, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (dev->fd < 0) {
		err = -errno;
		goto err_free;
	}
	err = xioctl(dev->fd, TAPI_IOC_GET_INFO, &dev->info);
	if (err)
		goto err_close;
	if (dev->info.abi_version >> 16 != TAPI_ABI_MAJOR) {
		err = -EPROTO;
		goto err_close;
	}
	*dev_out = dev;
	return 0;

err_close:
	close(dev->fd);
err_free:
	free(dev);
	return err;
}

/**
 * tapi_dev_close() - close a channel
 * @dev: the channel, or NULL
 */
void tapi_dev_close(struct tapi_dev *dev)
{
	if (!dev)
		return;
	close(dev->fd);
	free(dev);
}

/**
 * tapi_dev_event_fd() - the descriptor to poll
 * @dev: the channel
 *
 * Return: a descriptor reporting POLLPRI when an event is queued and
 * POLLIN/POLLOUT for media; owned by @dev.
 */
int tapi_dev_event_fd(const struct tapi_dev *dev)
{
	return dev->fd;
}

/**
 * tapi_dev_chan_info() - the channel's description
 * @dev: the channel
 *
 * Return: what TAPI_IOC_GET_INFO said at open or the last refresh.
 */
const struct tapi_chan_info *tapi_dev_chan_info(const struct tapi_dev *dev)
{
	return &dev->info;
}

/**
 * tapi_dev_refresh_info() - read the description again
 * @dev: the channel
 *
 * Return: 0 or the ioctl's errno (-ENODEV once the hardware is gone).
 */
int tapi_dev_refresh_info(struct tapi_dev *dev)
{
	return xioctl(dev->fd, TAPI_IOC_GET_INFO, &dev->info);
}

/**
 * tapi_dev_set_hook() - seize, release or flash an FXO line
 * @dev: the channel
 * @hook: TAPI_HOOK_ON, TAPI_HOOK_OFF or TAPI_HOOK_FLASH
 *
 * Return: 0, -EINVAL, or the kernel's errno (-EOPNOTSUPP on FXS).
 */
int tapi_dev_set_hook(struct tapi_dev *dev, enum tapi_hook hook)
{
	__u32 v = hook;

	if (hook != TAPI_HOOK_ON && hook != TAPI_HOOK_OFF &&
	    hook != TAPI_HOOK_FLASH)
		return -EINVAL;
	return xioctl(dev->fd, TAPI_IOC_SET_HOOK, &v);
}

/**
 * tapi_dev_ring_start() - ring the station
 * @dev: the channel
 * @ring: cadence and count, within the limits of struct tapi_ring
 *
 * Return: 0, -EINVAL, or the kernel's errno.
 */
int tapi_dev_ring_start(struct tapi_dev *dev, const struct tapi_ring *ring)
{
	struct tapi_ring r;

	if (!ring || ring->nsteps < 2 ||
	    ring->nsteps > TAPI_CADENCE_STEPS_MAX || ring->nsteps % 2)
		return -EINVAL;
	for (unsigned int i = 0; i < ring->nsteps; i++)
		if (ring->step_ms[i] < TAPI_CADENCE_STEP_MIN_MS ||
		    ring->step_ms[i] > TAPI_CADENCE_STEP_MAX_MS)
			return -EINVAL;
	r = *ring;
	return xioctl(dev->fd, TAPI_IOC_RING_START, &r);
}

/**
 * tapi_dev_ring_stop() - stop ringing
 * @dev: the channel
 *
 * Return: 0 or the kernel's errno.
 */
int tapi_dev_ring_stop(struct tapi_dev *dev)
{
	return xioctl(dev->fd, TAPI_IOC_RING_STOP, NULL);
}

/**
 * tapi_dev_set_polarity() - set an FXS port's line polarity
 * @dev: the channel
 * @reversed: true for reversed polarity
 *
 * Return: 0 or the kernel's errno.
 */
int tapi_dev_set_polarity(struct tapi_dev *dev, bool reversed)
{
	__u32 v = reversed;

	return xioctl(dev->fd, TAPI_IOC_SET_POLARITY, &v);
}

/**
 * tapi_dial_prepare() - build a TAPI_IOC_DIAL request
 * @d: out
 * @digits: 0-9 * # A-D, 1 to TAPI_DIGITS_LEN - 1 of them
 * @on_ms: tone length, 0 (default) or TAPI_DTMF_ON_MIN_MS..MAX
 * @off_ms: pause, 0 (default) or TAPI_DTMF_OFF_MIN_MS..MAX
 * @level: dBm0 per tone, 0 (default) or TAPI_DTMF_LEVEL_MIN..MAX
 *
 * Return: 0 or -EINVAL.
 */
int tapi_dial_prepare(struct tapi_dial *d, const char *digits,
		      unsigned int on_ms, unsigned int off_ms, int level)
{
	size_t len;

	if (!digits)
		return -EINVAL;
	len = strlen(digits);
	if (!len || len >= TAPI_DIGITS_LEN)
		return -EINVAL;
	if (strspn(digits, "0123456789*#ABCD") != len)
		return -EINVAL;
	if (on_ms && (on_ms < TAPI_DTMF_ON_MIN_MS || on_ms > TAPI_DTMF_ON_MAX_MS))
		return -EINVAL;
	if (off_ms &&
	    (off_ms < TAPI_DTMF_OFF_MIN_MS || off_ms > TAPI_DTMF_OFF_MAX_MS))
		return -EINVAL;
	if (level < TAPI_DTMF_LEVEL_MIN || level > TAPI_DTMF_LEVEL_MAX)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->on_ms = on_ms;
	d->off_ms = off_ms;
	d->level = level;
	memcpy(d->digits, digits, len + 1);
	return 0;
}

/**
 * tapi_dev_dial() - send DTMF digits into the line
 * @dev: the channel
 * @d: from tapi_dial_prepare()
 *
 * Return: 0 or the kernel's errno; TAPI_EV_DIAL_DONE follows the last
 * digit.
 */
int tapi_dev_dial(struct tapi_dev *dev, const struct tapi_dial *d)
{
	struct tapi_dial copy = *d;

	return xioctl(dev->fd, TAPI_IOC_DIAL, &copy);
}

/**
 * tapi_dev_get_event() - pop the oldest event
 * @dev: the channel
 * @ev: out
 *
 * Return: 0, -EAGAIN when none is queued, or the kernel's errno.
 */
int tapi_dev_get_event(struct tapi_dev *dev, struct tapi_event *ev)
{
	return xioctl(dev->fd, TAPI_IOC_GET_EVENT, ev);
}

/**
 * tapi_dev_set_event_mask() - choose the events this descriptor gets
 * @dev: the channel
 * @mask: TAPI_EV_MASK() bits, within TAPI_EV_MASK_ALL
 *
 * Return: 0, -EINVAL, or the kernel's errno.
 */
int tapi_dev_set_event_mask(struct tapi_dev *dev, uint32_t mask)
{
	__u32 v = mask;

	if (mask & ~TAPI_EV_MASK_ALL)
		return -EINVAL;
	return xioctl(dev->fd, TAPI_IOC_SET_EVENT_MASK, &v);
}

/**
 * tapi_dev_set_media() - choose the media format and block size
 * @dev: the channel
 * @cfg: format and samples per block
 *
 * Return: 0, -EINVAL, or the kernel's errno.
 */
int tapi_dev_set_media(struct tapi_dev *dev,
		       const struct tapi_media_config *cfg)
{
	struct tapi_media_config c;

	if (!cfg || cfg->format > TAPI_FMT_ALAW ||
	    cfg->block_samples < TAPI_BLOCK_MIN ||
	    cfg->block_samples > TAPI_BLOCK_MAX ||
	    cfg->block_samples % TAPI_FRAME_SAMPLES)
		return -EINVAL;
	c = *cfg;
	return xioctl(dev->fd, TAPI_IOC_SET_MEDIA, &c);
}

/**
 * tapi_dev_get_media() - read the media settings
 * @dev: the channel
 * @cfg: out
 *
 * Return: 0 or the kernel's errno.
 */
int tapi_dev_get_media(struct tapi_dev *dev, struct tapi_media_config *cfg)
{
	return xioctl(dev->fd, TAPI_IOC_GET_MEDIA, cfg);
}

/**
 * tapi_dev_get_call() - the channel's current call, as the kernel keeps it
 * @dev: the channel
 * @call: out
 *
 * Return: 0 or the kernel's errno.
 */
int tapi_dev_get_call(struct tapi_dev *dev, struct tapi_call_info *call)
{
	return xioctl(dev->fd, TAPI_IOC_GET_CALL, call);
}

/**
 * tapi_dev_set_call_state() - move a station's call on (FXS, handset)
 * @dev: the channel
 * @state: TAPI_CALL_PROCEEDING, RINGBACK, BUSY, CONNECTED or DISCONNECTED
 *
 * Return: 0, -EINVAL for another state, or the kernel's errno (-EINVAL
 * when the channel is idle, -EOPNOTSUPP on FXO).
 */
int tapi_dev_set_call_state(struct tapi_dev *dev, enum tapi_call_state state)
{
	__u32 v = state;

	switch (state) {
	case TAPI_CALL_PROCEEDING:
	case TAPI_CALL_RINGBACK:
	case TAPI_CALL_BUSY:
	case TAPI_CALL_CONNECTED:
	case TAPI_CALL_DISCONNECTED:
		return xioctl(dev->fd, TAPI_IOC_SET_CALL_STATE, &v);
	default:
		return -EINVAL;
	}
}

/**
 * tapi_tone_prepare() - build a TAPI_IOC_TONE_START request
 * @req: out
 * @tone: TAPI_TONE_DIAL..TAPI_TONE_SIT from the channel's zone, or
 *	TAPI_TONE_NONE for the custom tone of the remaining arguments
 * @duration_ms: stop after this long; 0 plays until stopped
 * @freq: custom: one or two frequencies, TAPI_TONE_FREQ_MIN..MAX Hz,
 *	unused ones 0; ignored for zone tones
 * @level: custom: dBm0 per frequency, TAPI_TONE_LEVEL_MIN..MAX
 * @on_ms: custom: cadence on time, 0 for a continuous tone, else
 *	TAPI_CADENCE_STEP_MIN_MS..MAX
 * @off_ms: custom: cadence off time, 0 with @on_ms 0, else as @on_ms
 *
 * Return: 0 or -EINVAL.
 */
int tapi_tone_prepare(struct tapi_tone_req *req, enum tapi_tone tone,
		      unsigned int duration_ms, const unsigned int freq[2],
		      int level, unsigned int on_ms, unsigned int off_ms)
{
	memset(req, 0, sizeof(*req));
	req->tone = tone;
	req->duration_ms = duration_ms;
	if (tone != TAPI_TONE_NONE)
		return tone >= TAPI_TONE_DIAL && tone <= TAPI_TONE_SIT ?
		       0 : -EINVAL;
	if (!freq || !freq[0])
		return -EINVAL;
	for (unsigned int i = 0; i < 2; i++) {
		if (freq[i] && (freq[i] < TAPI_TONE_FREQ_MIN ||
				freq[i] > TAPI_TONE_FREQ_MAX))
			return -EINVAL;
		req->freq[i] = freq[i];
	}
	if (level < TAPI_TONE_LEVEL_MIN || level > TAPI_TONE_LEVEL_MAX ||
	    (!on_ms && off_ms))
		return -EINVAL;
	if (on_ms && (on_ms < TAPI_CADENCE_STEP_MIN_MS ||
		      on_ms > TAPI_CADENCE_STEP_MAX_MS ||
		      off_ms < TAPI_CADENCE_STEP_MIN_MS ||
		      off_ms > TAPI_CADENCE_STEP_MAX_MS))
		return -EINVAL;
	req->level = level;
	req->on_ms = on_ms;
	req->off_ms = off_ms;
	return 0;
}

/**
 * tapi_dev_tone_start() - play a tone into the line
 * @dev: the channel
 * @req: from tapi_tone_prepare()
 *
 * Return: 0 or the kernel's errno; TAPI_EV_TONE_DONE follows when a
 * duration was given and it elapsed.
 */
int tapi_dev_tone_start(struct tapi_dev *dev, const struct tapi_tone_req *req)
{
	struct tapi_tone_req copy = *req;

	return xioctl(dev->fd, TAPI_IOC_TONE_START, &copy);
}

/**
 * tapi_dev_tone_stop() - stop the tone being played
 * @dev: the channel
 *
 * Return: 0 or the kernel's errno.
 */
int tapi_dev_tone_stop(struct tapi_dev *dev)
{
	return xioctl(dev->fd, TAPI_IOC_TONE_STOP, NULL);
}
