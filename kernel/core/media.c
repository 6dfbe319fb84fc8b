// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: media buffers, format conversion, read() and write().
 *
 * The 1 ms frame: every millisecond the driver (from its own frame
 * interrupt, or from tapi_card_ops.frame called by the core's clock)
 * pushes the TAPI_FRAME_SAMPLES it received with tapi_channel_rx() and
 * pulls the ones to send with tapi_channel_tx().
 *
 *  - rx: the samples feed the channel's DTMF receiver, then are appended
 *    to the rx buffer of every open file that captures (after
 *    TAPI_IOC_SET_MEDIA or its first read()).  A full buffer drops the new
 *    samples; when samples fit again the file gets TAPI_EV_MEDIA_XRUN with
 *    the number dropped in that episode.
 *  - tx: the samples come from the tx buffer of the file that owns the
 *    channel's transmit direction (the first file that wrote, until it
 *    closes).  Missing samples are silence; once that file has written,
 *    an underrun episode ends with TAPI_EV_MEDIA_XRUN carrying the number
 *    of samples padded.  While DTMF digits are being dialled the
 *    generated tones replace those samples.
 *
 * Userspace moves whole blocks of block_samples in the file's format;
 * buffers hold 16-bit linear samples and the conversion happens on the
 * way in and out, in place in a one-block bounce buffer.
 */
#include <linux/minmax.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "core.h"
#include "g711.h"

static int tapi_fifo_alloc(struct tapi_sample_fifo *fifo, unsigned int size)
{
	if (fifo->buf)
		return 0;
	fifo->buf = kvmalloc_array(size, sizeof(*fifo->buf), GFP_KERNEL);
	if (!fifo->buf)
		return -ENOMEM;
	fifo->size = size;
	fifo->head = 0;
	fifo->count = 0;
	return 0;
}

static void tapi_fifo_free(struct tapi_sample_fifo *fifo)
{
	kvfree(fifo->buf);
	fifo->buf = NULL;
	fifo->count = 0;
}

/* Append up to n samples; returns how many fit. */
static unsigned int tapi_fifo_put(struct tapi_sample_fifo *fifo,
				  const s16 *samples, unsigned int n)
{
	unsigned int tail, first;

	n = min(n, fifo->size - fifo->count);
	tail = (fifo->head + fifo->count) % fifo->size;
	first = min(n, fifo->size - tail);
	memcpy(fifo->buf + tail, samples, first * sizeof(*samples));
	memcpy(fifo->buf, samples + first, (n - first) * sizeof(*samples));
	fifo->count += n;
	return n;
}

/* Copy the n oldest samples (n <= count) without removing them. */
static void tapi_fifo_peek(const struct tapi_sample_fifo *fifo, s16 *samples,
			   unsigned int n)
{
	unsigned int first = min(n, fifo->size - fifo->head);

	memcpy(samples, fifo->buf + fifo->head, first * sizeof(*samples));
	memcpy(samples + first, fifo->buf, (n - first) * sizeof(*samples));
}

static void tapi_fifo_drop(struct tapi_sample_fifo *fifo, unsigned int n)
{
	fifo->head = (fifo->head + n) % fifo->size;
	fifo->count -= n;
}

static unsigned int tapi_format_bytes(u32 format)
{
	return format == TAPI_FMT_S16 ? sizeof(s16) : 1;
}

static unsigned int tapi_block_bytes(const struct tapi_media_config *cfg)
{
	return cfg->block_samples * tapi_format_bytes(cfg->format);
}

/* Linear to the file's format, in place (the output never overtakes). */
static void tapi_encode_block(u32 format, s16 *block, unsigned int n)
{
	u8 *out = (u8 *)block;
	unsigned int i;

	switch (format) {
	case TAPI_FMT_ULAW:
		for (i = 0; i < n; i++)
			out[i] = tapi_linear_to_ulaw(block[i]);
		break;
	case TAPI_FMT_ALAW:
		for (i = 0; i < n; i++)
			out[i] = tapi_linear_to_alaw(block[i]);
		break;
	}
}

/* The file's format to linear, in place, backwards for the same reason. */
static void tapi_decode_block(u32 format, s16 *block, unsigned int n)
{
	const u8 *in = (const u8 *)block;
	unsigned int i;

	switch (format) {
	case TAPI_FMT_ULAW:
		for (i = n; i-- > 0;)
			block[i] = tapi_ulaw_to_linear(in[i]);
		break;
	case TAPI_FMT_ALAW:
		for (i = n; i-- > 0;)
			block[i] = tapi_alaw_to_linear(in[i]);
		break;
	}
}

/* How far a write may fill the tx buffer: a few blocks, see core.h. */
static unsigned int tapi_tx_limit(const struct tapi_file *f)
{
	return clamp_t(unsigned int,
		       f->media.block_samples * TAPI_TX_QUEUE_BLOCKS,
		       TAPI_TX_QUEUE_MIN, TAPI_TX_BUFFER_SAMPLES);
}

static bool tapi_tx_has_room(const struct tapi_file *f)
{
	lockdep_assert_held(&f->ch->lock);
	return f->tx.count + f->media.block_samples <= tapi_tx_limit(f);
}

static bool tapi_rx_has_block(const struct tapi_file *f)
{
	lockdep_assert_held(&f->ch->lock);
	return f->rx_capturing && f->rx.count >= f->media.block_samples;
}

/**
 * tapi_media_open() - media state of a new file: S16, TAPI_BLOCK_DEFAULT
 * @f: the file
 *
 * Return: 0 or -ENOMEM.
 */
int tapi_media_open(struct tapi_file *f)
{
	f->media.format = TAPI_FMT_S16;
	f->media.block_samples = TAPI_BLOCK_DEFAULT;
	f->rx_block = kmalloc_array(TAPI_BLOCK_MAX, sizeof(s16), GFP_KERNEL);
	f->tx_block = kmalloc_array(TAPI_BLOCK_MAX, sizeof(s16), GFP_KERNEL);
	if (!f->rx_block || !f->tx_block) {
		tapi_media_release(f);
		return -ENOMEM;
	}
	return 0;
}

/**
 * tapi_media_release() - free a file's media buffers
 * @f: a file no longer on its channel's file list
 */
void tapi_media_release(struct tapi_file *f)
{
	tapi_fifo_free(&f->rx);
	tapi_fifo_free(&f->tx);
	kfree(f->rx_block);
	kfree(f->tx_block);
	f->rx_block = NULL;
	f->tx_block = NULL;
}

/* Start capturing into a (new or emptied) rx buffer. */
static int tapi_media_start_capture(struct tapi_file *f)
{
	struct tapi_channel *ch = f->ch;
	unsigned long flags;
	int ret;

	lockdep_assert_held(&f->rx_mutex);
	ret = tapi_fifo_alloc(&f->rx, TAPI_RX_BUFFER_SAMPLES);
	if (ret)
		return ret;
	spin_lock_irqsave(&ch->lock, flags);
	if (!f->rx_capturing) {
		f->rx.head = 0;
		f->rx.count = 0;
		f->rx_dropped = 0;
		f->rx_capturing = true;
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	return 0;
}

/**
 * tapi_media_set() - TAPI_IOC_SET_MEDIA
 * @f: the file
 * @cfg: the new format and block size
 *
 * Starts capture for the file and discards the media it has queued in
 * either direction.
 *
 * Return: 0; -EINVAL for an unknown format or a block size that is not a
 * multiple of TAPI_FRAME_SAMPLES in TAPI_BLOCK_MIN..TAPI_BLOCK_MAX;
 * -EOPNOTSUPP on a channel without media; -ENODEV; -ENOMEM; -EINTR.
 */
int tapi_media_set(struct tapi_file *f, const struct tapi_media_config *cfg)
{
	struct tapi_channel *ch = f->ch;
	unsigned long flags;
	int ret;

	if (cfg->format > TAPI_FMT_ALAW ||
	    cfg->block_samples < TAPI_BLOCK_MIN ||
	    cfg->block_samples > TAPI_BLOCK_MAX ||
	    cfg->block_samples % TAPI_FRAME_SAMPLES)
		return -EINVAL;
	if (!(ch->caps & TAPI_CAP_MEDIA))
		return -EOPNOTSUPP;

	if (mutex_lock_interruptible(&f->rx_mutex))
		return -EINTR;
	if (mutex_lock_interruptible(&f->tx_mutex)) {
		mutex_unlock(&f->rx_mutex);
		return -EINTR;
	}
	ret = tapi_fifo_alloc(&f->rx, TAPI_RX_BUFFER_SAMPLES);
	if (ret)
		goto out;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else {
		f->media = *cfg;
		f->rx.head = 0;
		f->rx.count = 0;
		f->rx_dropped = 0;
		f->rx_capturing = true;
		f->tx.head = 0;
		f->tx.count = 0;
		f->tx_started = false;
		f->tx_padded = 0;
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	/* Room for writers may have appeared. */
	wake_up_interruptible_poll(&f->wait, EPOLLOUT);
out:
	mutex_unlock(&f->tx_mutex);
	mutex_unlock(&f->rx_mutex);
	return ret;
}

/**
 * tapi_media_get() - TAPI_IOC_GET_MEDIA
 * @f: the file
 * @cfg: filled with the file's format and block size
 */
void tapi_media_get(struct tapi_file *f, struct tapi_media_config *cfg)
{
	unsigned long flags;

	spin_lock_irqsave(&f->ch->lock, flags);
	*cfg = f->media;
	spin_unlock_irqrestore(&f->ch->lock, flags);
}

/*
 * Take one block out of the rx buffer into userspace.  Returns the bytes
 * copied, 0 if no block is ready, or an error.
 */
static ssize_t tapi_media_read_block(struct tapi_file *f, char __user *buf,
				     size_t room)
{
	struct tapi_channel *ch = f->ch;
	unsigned int samples, bytes;
	unsigned long flags;
	u32 format;
	ssize_t ret;

	if (mutex_lock_interruptible(&f->rx_mutex))
		return -EINTR;
	samples = f->media.block_samples;
	format = f->media.format;
	bytes = tapi_block_bytes(&f->media);
	if (room < bytes) {
		ret = -EINVAL;
		goto out;
	}
	ret = tapi_media_start_capture(f);
	if (ret)
		goto out;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else if (f->rx.count >= samples) {
		tapi_fifo_peek(&f->rx, f->rx_block, samples);
		ret = bytes;
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	if (ret <= 0)
		goto out;

	tapi_encode_block(format, f->rx_block, samples);
	if (copy_to_user(buf, f->rx_block, bytes)) {
		ret = -EFAULT;
		goto out;
	}
	/* Only rx_mutex holders take samples out: these are still there. */
	spin_lock_irqsave(&ch->lock, flags);
	tapi_fifo_drop(&f->rx, samples);
	spin_unlock_irqrestore(&ch->lock, flags);
out:
	mutex_unlock(&f->rx_mutex);
	return ret;
}

static bool tapi_media_read_ready(struct tapi_file *f)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&f->ch->lock, flags);
	ready = f->ch->dead || tapi_rx_has_block(f);
	spin_unlock_irqrestore(&f->ch->lock, flags);
	return ready;
}

/**
 * tapi_media_read() - read(): whole blocks of captured media
 * @f: the file
 * @buf: user buffer
 * @count: its size; at least one block
 * @nonblock: O_NONBLOCK
 *
 * Starts capture if needed.  Waits for one block (unless @nonblock), then
 * returns as many whole blocks as are ready and fit.
 *
 * Return: bytes read; -EINVAL if @count is smaller than a block;
 * -EAGAIN; -ENODEV; -EOPNOTSUPP without media; -EFAULT; -ERESTARTSYS.
 */
ssize_t tapi_media_read(struct tapi_file *f, char __user *buf, size_t count,
			bool nonblock)
{
	size_t done = 0;
	ssize_t ret;

	if (!(f->ch->caps & TAPI_CAP_MEDIA))
		return -EOPNOTSUPP;
	for (;;) {
		ret = tapi_media_read_block(f, buf + done, count - done);
		if (ret > 0) {
			done += ret;
			continue;
		}
		if (done)
			return done;
		if (ret < 0)
			return ret;
		if (nonblock)
			return -EAGAIN;
		ret = wait_event_interruptible(f->wait,
					       tapi_media_read_ready(f));
		if (ret)
			return ret;
	}
}

/*
 * Put one block from userspace into the tx buffer, taking ownership of
 * the channel's tx.  Returns the bytes taken, 0 if the buffer is full, or
 * an error.
 */
static ssize_t tapi_media_write_block(struct tapi_file *f,
				      const char __user *buf, size_t room)
{
	struct tapi_channel *ch = f->ch;
	unsigned int samples, bytes;
	unsigned long flags;
	ssize_t ret;

	if (mutex_lock_interruptible(&f->tx_mutex))
		return -EINTR;
	samples = f->media.block_samples;
	bytes = tapi_block_bytes(&f->media);
	if (room < bytes) {
		ret = -EINVAL;
		goto out;
	}
	ret = tapi_fifo_alloc(&f->tx, TAPI_TX_BUFFER_SAMPLES);
	if (ret)
		goto out;
	if (copy_from_user(f->tx_block, buf, bytes)) {
		ret = -EFAULT;
		goto out;
	}
	tapi_decode_block(f->media.format, f->tx_block, samples);

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else if (ch->tx_owner && ch->tx_owner != f) {
		ret = -EBUSY;
	} else {
		ch->tx_owner = f;
		if (tapi_tx_has_room(f)) {
			tapi_fifo_put(&f->tx, f->tx_block, samples);
			f->tx_started = true;
			ret = bytes;
		}
	}
	spin_unlock_irqrestore(&ch->lock, flags);
out:
	mutex_unlock(&f->tx_mutex);
	return ret;
}

static bool tapi_media_write_ready(struct tapi_file *f)
{
	struct tapi_channel *ch = f->ch;
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&ch->lock, flags);
	ready = ch->dead || (ch->tx_owner && ch->tx_owner != f) ||
		tapi_tx_has_room(f);
	spin_unlock_irqrestore(&ch->lock, flags);
	return ready;
}

/**
 * tapi_media_write() - write(): whole blocks of media to send
 * @f: the file
 * @buf: user buffer
 * @count: its size; at least one block
 * @nonblock: O_NONBLOCK
 *
 * The first file that writes owns the channel's tx until it closes.
 * Waits for room for one block (unless @nonblock), then takes as many
 * whole blocks as fit.
 *
 * Return: bytes written; -EINVAL if @count is smaller than a block;
 * -EBUSY if another file owns the tx; -EAGAIN; -ENODEV; -EOPNOTSUPP
 * without media; -EFAULT; -ERESTARTSYS.
 */
ssize_t tapi_media_write(struct tapi_file *f, const char __user *buf,
			 size_t count, bool nonblock)
{
	size_t done = 0;
	ssize_t ret;

	if (!(f->ch->caps & TAPI_CAP_MEDIA))
		return -EOPNOTSUPP;
	for (;;) {
		ret = tapi_media_write_block(f, buf + done, count - done);
		if (ret > 0) {
			done += ret;
			continue;
		}
		if (done)
			return done;
		if (ret < 0)
			return ret;
		if (nonblock)
			return -EAGAIN;
		ret = wait_event_interruptible(f->wait,
					       tapi_media_write_ready(f));
		if (ret)
			return ret;
	}
}

/**
 * tapi_media_poll() - the media part of poll()
 * @f: the file
 *
 * Return: EPOLLIN if a block can be read, EPOLLOUT if one can be written.
 */
__poll_t tapi_media_poll(struct tapi_file *f)
{
	struct tapi_channel *ch = f->ch;
	unsigned long flags;
	__poll_t mask = 0;

	if (!(ch->caps & TAPI_CAP_MEDIA))
		return 0;
	spin_lock_irqsave(&ch->lock, flags);
	if (tapi_rx_has_block(f))
		mask |= EPOLLIN | EPOLLRDNORM;
	if ((!ch->tx_owner || ch->tx_owner == f) && tapi_tx_has_room(f))
		mask |= EPOLLOUT | EPOLLWRNORM;
	spin_unlock_irqrestore(&ch->lock, flags);
	return mask;
}

static void tapi_media_capture(struct tapi_file *f, const s16 *samples,
			       unsigned int n)
{
	unsigned int stored = tapi_fifo_put(&f->rx, samples, n);

	if (stored < n) {
		f->rx_dropped += n - stored;
	} else if (f->rx_dropped) {
		tapi_file_event(f, TAPI_EV_MEDIA_XRUN, f->rx_dropped, 0);
		f->rx_dropped = 0;
	}
	if (tapi_rx_has_block(f))
		wake_up_interruptible_poll(&f->wait, EPOLLIN);
}

/**
 * tapi_channel_rx() - samples the channel received
 * @ch: the channel
 * @samples: 8 kHz 16-bit linear samples
 * @n: how many, normally TAPI_FRAME_SAMPLES
 *
 * Feeds the DTMF receiver and the rx buffer of every capturing file.
 * Ignored once the card is unregistered.
 *
 * Context: any.
 */
void tapi_channel_rx(struct tapi_channel *ch, const s16 *samples,
		     unsigned int n)
{
	struct tapi_file *f;
	unsigned long flags;

	if (!n)
		return;
	spin_lock_irqsave(&ch->lock, flags);
	if (!ch->dead) {
		tapi_dsp_rx(ch, samples, n);
		tapi_bridge_rx(ch, samples, n);
		list_for_each_entry(f, &ch->files, node)
			if (f->rx_capturing)
				tapi_media_capture(f, samples, n);
		tapi_pcm_hook_rx(ch, samples, n);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_rx);

static void tapi_media_play(struct tapi_file *f, s16 *samples,
			    unsigned int n)
{
	unsigned int got = 0;

	if (f->tx.buf && f->tx.count) {
		got = min(n, f->tx.count);
		tapi_fifo_peek(&f->tx, samples, got);
		tapi_fifo_drop(&f->tx, got);
	}
	memset(samples + got, 0, (n - got) * sizeof(*samples));
	if (!f->tx_started)
		return;
	if (got < n) {
		f->tx_padded += n - got;
	} else if (f->tx_padded) {
		tapi_file_event(f, TAPI_EV_MEDIA_XRUN, f->tx_padded, 0);
		f->tx_padded = 0;
	}
	if (tapi_tx_has_room(f))
		wake_up_interruptible_poll(&f->wait, EPOLLOUT);
}

/**
 * tapi_channel_tx() - samples the channel is to send
 * @ch: the channel
 * @samples: filled with @n 8 kHz 16-bit linear samples
 * @n: how many, normally TAPI_FRAME_SAMPLES
 *
 * Takes the samples from the file that owns the tx (silence when there is
 * none or it is late), with DTMF being dialled replacing them.  Silence
 * once the card is unregistered.
 *
 * Context: any.
 */
void tapi_channel_tx(struct tapi_channel *ch, s16 *samples, unsigned int n)
{
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		memset(samples, 0, n * sizeof(*samples));
	} else {
		if (ch->tx_owner == &tapi_pcm_tx_owner)
			tapi_pcm_hook_tx(ch, samples, n);
		else if (ch->tx_owner)
			tapi_media_play(ch->tx_owner, samples, n);
		else
			memset(samples, 0, n * sizeof(*samples));
		/* A bridged peer's audio, then our own tones and digits. */
		tapi_bridge_tx(ch, samples, n);
		tapi_dsp_tx(ch, samples, n);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_tx);
