/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the tapi_core kernel tests: the channel and sim control
 * device calls (returning 0 or -errno), waiting for events, and the
 * signal analysis the media tests use.
 *
 * Each test fixture makes a card of its own with TAPI_SIM_IOC_CARD_ADD,
 * so tests do not depend on the channel numbers of other cards or on
 * state another test left behind.
 */
#ifndef TEST_CORE_UTIL_H
#define TEST_CORE_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/tapi.h>

#define SIM_DEV			"/dev/tapi/sim"
#define SIM_DRIVER		"tapi_sim"
/* An address nothing is mapped at, hidden from the compiler's checks. */
static void *volatile test_bad_ptr = (void *)8;
#define BAD_PTR ((void *)test_bad_ptr)

/* Generous: the VM runs under software emulation. */
#define EVENT_TIMEOUT_MS	5000

static inline int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static inline void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ioctl() as 0 or -errno. */
static inline int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static inline int chan_open(unsigned int channel, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/tapi/%u", channel);
	return open(path, O_RDWR | flags);
}

static inline int sim_open(void)
{
	return open(SIM_DEV, O_RDWR);
}

static inline int sim_card_add(int sim, unsigned int nfxs, unsigned int nfxo,
			       struct tapi_sim_card *card)
{
	memset(card, 0, sizeof(*card));
	card->nfxs = nfxs;
	card->nfxo = nfxo;
	return xioctl(sim, TAPI_SIM_IOC_CARD_ADD, card);
}

static inline int sim_card_remove(int sim, uint32_t card)
{
	return xioctl(sim, TAPI_SIM_IOC_CARD_REMOVE, &card);
}

/* A port command with only channel and arg. */
static inline int sim_cmd(int sim, unsigned long cmd, unsigned int channel,
			  uint32_t arg)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	port.channel = channel;
	port.arg = arg;
	return xioctl(sim, cmd, &port);
}

static inline int sim_phone_dial(int sim, unsigned int channel,
				 const char *digits, unsigned int on_ms,
				 unsigned int off_ms)
{
	struct tapi_sim_port port;

	memset(&port, 0, sizeof(port));
	port.channel = channel;
	port.on_ms = on_ms;
	port.off_ms = off_ms;
	snprintf(port.digits, sizeof(port.digits), "%s", digits);
	return xioctl(sim, TAPI_SIM_IOC_PHONE_DIAL, &port);
}

static inline int sim_status(int sim, unsigned int channel,
			     struct tapi_sim_status *st)
{
	memset(st, 0, sizeof(*st));
	st->channel = channel;
	return xioctl(sim, TAPI_SIM_IOC_STATUS, st);
}

/*
 * Poll the sim's status until @field of it equals @want; for state the
 * simulator applies on its own 1 ms frames.  0 or -ETIMEDOUT.
 */
#define sim_wait_status(sim, channel, field, want, timeout_ms) ({	\
	struct tapi_sim_status __st;					\
	int64_t __end = now_ms() + (timeout_ms);			\
	int __ret = -ETIMEDOUT;						\
	while (sim_status(sim, channel, &__st) == 0) {			\
		if (__st.field == (want)) {				\
			__ret = 0;					\
			break;						\
		}							\
		if (now_ms() > __end)					\
			break;						\
		sleep_ms(10);						\
	}								\
	__ret; })

static inline int chan_info(int fd, struct tapi_chan_info *info)
{
	memset(info, 0xa5, sizeof(*info));
	return xioctl(fd, TAPI_IOC_GET_INFO, info);
}

static inline int set_u32(int fd, unsigned long cmd, uint32_t value)
{
	return xioctl(fd, cmd, &value);
}

static inline int ring_start(int fd, uint32_t count, unsigned int nsteps,
			     const uint16_t *steps)
{
	struct tapi_ring ring;
	unsigned int i;

	memset(&ring, 0, sizeof(ring));
	ring.count = count;
	ring.nsteps = nsteps;
	for (i = 0; i < nsteps && i < TAPI_CADENCE_STEPS_MAX; i++)
		ring.step_ms[i] = steps[i];
	return xioctl(fd, TAPI_IOC_RING_START, &ring);
}

static inline int dial(int fd, const char *digits, unsigned int on_ms,
		       unsigned int off_ms, int level)
{
	struct tapi_dial d;

	memset(&d, 0, sizeof(d));
	d.on_ms = on_ms;
	d.off_ms = off_ms;
	d.level = level;
	snprintf(d.digits, sizeof(d.digits), "%s", digits);
	return xioctl(fd, TAPI_IOC_DIAL, &d);
}

static inline int set_media(int fd, uint32_t format, uint32_t block)
{
	struct tapi_media_config cfg = { .format = format,
					 .block_samples = block };

	return xioctl(fd, TAPI_IOC_SET_MEDIA, &cfg);
}

/* Pop one event without waiting: 0, -EAGAIN, -ENODEV, ... */
static inline int ev_get(int fd, struct tapi_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	return xioctl(fd, TAPI_IOC_GET_EVENT, ev);
}

/* Wait up to @timeout_ms for an event and pop it; -ETIMEDOUT if none. */
static inline int ev_wait(int fd, int timeout_ms, struct tapi_event *ev)
{
	int64_t end = now_ms() + timeout_ms;
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };
	int ret;

	for (;;) {
		ret = ev_get(fd, ev);
		if (ret != -EAGAIN)
			return ret;
		timeout_ms = end - now_ms();
		if (timeout_ms <= 0)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, timeout_ms) < 0 && errno != EINTR)
			return -errno;
	}
}

/*
 * Wait for the next event of @type, skipping events of the types in
 * @skip_mask (TAPI_EV_MASK bits); any other event is returned as it is,
 * so the caller sees unexpected ones.
 */
static inline int ev_wait_type(int fd, uint32_t type, uint32_t skip_mask,
			       int timeout_ms, struct tapi_event *ev)
{
	int64_t end = now_ms() + timeout_ms;
	int ret;

	do {
		ret = ev_wait(fd, end - now_ms(), ev);
		if (ret)
			return ret;
	} while (ev->type != type && (skip_mask & TAPI_EV_MASK(ev->type)));
	return 0;
}

/* Pop every queued event; returns how many. */
static inline int ev_drain(int fd)
{
	struct tapi_event ev;
	int n = 0;

	while (ev_get(fd, &ev) == 0)
		n++;
	return n;
}

/* True if no event arrives within @ms. */
static inline bool ev_none_within(int fd, int ms, struct tapi_event *ev)
{
	return ev_wait(fd, ms, ev) == -ETIMEDOUT;
}

static inline const char *ev_name(uint32_t type)
{
	static const char *const names[] = {
		"NONE", "HOOK", "FLASH", "RING", "RING_DONE", "DIGIT_START",
		"DIGIT_END", "DIAL_DONE", "TONE", "POLARITY", "ALARM",
		"REMOVED", "OVERFLOW", "KEY", "MEDIA_XRUN",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

/* Read a sysfs attribute of channel @channel, without the newline. */
static inline int sysfs_attr(unsigned int channel, const char *attr,
			     char *buf, size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/tapi/tapi%u/%s", channel,
		 attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/*
 * What the registry should hand out next, from the devices in the tapi
 * class: the lowest run of @n free channel numbers, the lowest free card
 * number.
 */
#define TEST_MAX_CHANNELS 1024

static inline int scan_class(bool *chan_used, bool *card_used)
{
	char buf[32];
	struct dirent *de;
	unsigned int ch;
	DIR *dir = opendir("/sys/class/tapi");

	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (sscanf(de->d_name, "tapi%u", &ch) != 1 ||
		    ch >= TEST_MAX_CHANNELS)
			continue;
		chan_used[ch] = true;
		if (sysfs_attr(ch, "card", buf, sizeof(buf)) == 0 &&
		    strtoul(buf, NULL, 10) < TEST_MAX_CHANNELS)
			card_used[strtoul(buf, NULL, 10)] = true;
	}
	closedir(dir);
	return 0;
}

static inline int lowest_free_run(unsigned int n)
{
	bool chan_used[TEST_MAX_CHANNELS] = { false };
	bool card_used[TEST_MAX_CHANNELS] = { false };
	unsigned int start, i;

	if (scan_class(chan_used, card_used))
		return -1;
	for (start = 0; start + n <= TEST_MAX_CHANNELS; start++) {
		for (i = 0; i < n && !chan_used[start + i]; i++)
			;
		if (i == n)
			return start;
	}
	return -1;
}

static inline int lowest_free_card(void)
{
	bool chan_used[TEST_MAX_CHANNELS] = { false };
	bool card_used[TEST_MAX_CHANNELS] = { false };
	int card;

	if (scan_class(chan_used, card_used))
		return -1;
	for (card = 0; card < TEST_MAX_CHANNELS && card_used[card]; card++)
		;
	return card;
}

/* --- G.711, decoded as the standard defines it ----------------------- */

static inline int16_t test_ulaw_decode(uint8_t u)
{
	int mag;

	u = ~u;
	mag = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
	return (u & 0x80) ? 0x84 - mag : mag - 0x84;
}

static inline int16_t test_alaw_decode(uint8_t a)
{
	int seg, mag;

	a ^= 0x55;
	seg = (a & 0x70) >> 4;
	mag = (a & 0x0f) << 4;
	if (seg == 0)
		mag += 8;
	else
		mag = (mag + 0x108) << (seg - 1);
	return (a & 0x80) ? mag : -mag;
}

/* Encoding by search: the code whose decoded value is nearest. */
static inline uint8_t test_encode(int16_t x, int16_t (*decode)(uint8_t))
{
	int best = 0, best_err = 1 << 30, code;

	for (code = 0; code < 256; code++) {
		int err = abs(decode(code) - x);

		if (err < best_err) {
			best_err = err;
			best = code;
		}
	}
	return best;
}

/* --- signal analysis -------------------------------------------------- */

/* Power of @freq in @x (Goertzel), normalised to mean square units. */
static inline double goertzel_power(const double *x, int n, double freq)
{
	double coef = 2 * cos(2 * M_PI * freq / TAPI_SAMPLE_RATE);
	double s1 = 0, s2 = 0, s;
	int i;

	for (i = 0; i < n; i++) {
		s = x[i] + coef * s1 - s2;
		s2 = s1;
		s1 = s;
	}
	/* |X(f)|^2 * 2 / n^2: the mean square of a sine at @freq. */
	return (s1 * s1 + s2 * s2 - coef * s1 * s2) * 2 / ((double)n * n);
}

static inline double mean_square(const double *x, int n)
{
	double sum = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += x[i] * x[i];
	return n ? sum / n : 0;
}

#endif /* TEST_CORE_UTIL_H */
