/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/usb: what the USB handset tests share: the emulator
 * (tests/usb/cm109-emu.c) run as a child and driven line by line, and
 * finding tapi_usb's channel.  Include after test_core_util.h.
 */
#ifndef USB_UTIL_H
#define USB_UTIL_H

#include <dirent.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <libudev.h>

#define USB_DRIVER		"tapi_usb"
#define EMU_PROGRAM		"cm109-emu"
#define UDC_DIR			"/sys/class/udc"
#define PLUG_TIMEOUT_MS		15000
#define BY_PATH_DIR		"/dev/tapi/by-path"

/* The emulator as a child with a pipe each way. */
struct emu {
	pid_t pid;
	int to;
	int from;
	char buf[8192];
	size_t have;
	/* "buzzer" lines seen while waiting for something else */
	char buzz[64][64];
	unsigned int nbuzz;
};

static inline int emu_start(struct emu *e)
{
	int in[2], out[2];

	if (pipe(in) || pipe(out))
		return -errno;
	e->have = 0;
	e->nbuzz = 0;
	e->pid = fork();
	if (e->pid < 0)
		return -errno;
	if (!e->pid) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp(EMU_PROGRAM, EMU_PROGRAM, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	e->to = in[1];
	e->from = out[0];
	return 0;
}

/* The next line from the emulator starting with @prefix; others are
 * skipped.  0, or -ETIMEDOUT, -EPIPE if it exited.
 */
static inline int emu_expect(struct emu *e, const char *prefix, int timeout_ms,
		      char *line, size_t size)
{
	int64_t end = now_ms() + timeout_ms;

	for (;;) {
		char *nl = memchr(e->buf, '\n', e->have);
		struct pollfd pfd = { .fd = e->from, .events = POLLIN };
		ssize_t n;
		int left;

		if (nl) {
			size_t len = nl - e->buf;
			bool match = !strncmp(e->buf, prefix, strlen(prefix));

			if (match && line)
				snprintf(line, size, "%.*s", (int)len, e->buf);
			/* Kept: the buzzer's changes are checked in order. */
			if (!match && !strncmp(e->buf, "buzzer ", 7) &&
			    e->nbuzz < sizeof(e->buzz) / sizeof(e->buzz[0]))
				snprintf(e->buzz[e->nbuzz++], sizeof(e->buzz[0]),
					 "%.*s", (int)len, e->buf);
			e->have -= len + 1;
			memmove(e->buf, nl + 1, e->have);
			if (match)
				return 0;
			continue;
		}
		left = end - now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, left) <= 0)
			continue;
		n = read(e->from, e->buf + e->have, sizeof(e->buf) - e->have);
		if (n <= 0)
			return -EPIPE;
		e->have += n;
		if (e->have == sizeof(e->buf))
			e->have = 0;
	}
}

/* Send a command and wait for its "ok". */
static inline int emu_cmd(struct emu *e, const char *fmt, ...)
{
	char cmd[128], ok[160];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(cmd, sizeof(cmd) - 1, fmt, ap);
	va_end(ap);
	snprintf(ok, sizeof(ok), "ok %s", cmd);
	cmd[len++] = '\n';
	if (write(e->to, cmd, len) != len)
		return -EPIPE;
	return emu_expect(e, ok, EVENT_TIMEOUT_MS, NULL, 0);
}

static inline void emu_stop(struct emu *e)
{
	int64_t end = now_ms() + EVENT_TIMEOUT_MS;
	int status;

	if (e->pid <= 0)
		return;
	if (write(e->to, "quit\n", 5) != 5)
		kill(e->pid, SIGTERM);
	while (waitpid(e->pid, &status, WNOHANG) == 0) {
		if (now_ms() > end) {
			kill(e->pid, SIGKILL);
			waitpid(e->pid, &status, 0);
			break;
		}
		sleep_ms(10);
	}
	close(e->to);
	close(e->from);
	e->pid = 0;
}

/* The channel of the handset tapi_usb has, or -1. */
static inline int usb_channel(void)
{
	char path[300], driver[64];
	struct dirent *de;
	int channel = -1;
	DIR *dir;

	dir = opendir("/sys/class/tapi");
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		unsigned int n;

		if (sscanf(de->d_name, "tapi%u", &n) != 1)
			continue;
		snprintf(path, sizeof(path), "%s", de->d_name);
		if (!sysfs_attr(n, "driver", driver, sizeof(driver)) &&
		    !strcmp(driver, USB_DRIVER)) {
			channel = n;
			break;
		}
	}
	closedir(dir);
	return channel;
}

static inline int usb_channel_wait(bool present, int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	int channel;

	for (;;) {
		channel = usb_channel();
		if ((channel >= 0) == present)
			return present ? channel : 0;
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(20);
	}
}

/* Open /dev/tapi/<n> once devtmpfs has made it. */
static inline int usb_channel_open(unsigned int channel)
{
	int64_t end = now_ms() + EVENT_TIMEOUT_MS;
	int fd;

	while ((fd = chan_open(channel, 0)) < 0 && now_ms() < end)
		sleep_ms(20);
	return fd;
}

static inline bool udev_running(void)
{
	return access("/run/udev/control", F_OK) == 0;
}

/*
 * Wait (bounded) until udevd has handled every event queued so far.
 * Needed before judging what udevd made of a device: channel numbers are
 * reused, so a lagging udevd may still be handling the "add" of the
 * previous handset on /dev/tapi/<n> after it was unplugged - with the
 * USB parents gone, path_id then gives only "platform-dummy_hcd.0" - and
 * that event's node mode, group and by-path link look like the result
 * for the new one until udevd catches up.  0 once settled.
 */
static inline int udev_settle(void)
{
	int status = system("udevadm settle --timeout=60");

	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -ETIMEDOUT;
}

static inline int open_files(void)
{
	struct dirent *de;
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;

	if (!dir)
		return -errno;
	while ((de = readdir(dir)))
		n += de->d_name[0] != '.';
	closedir(dir);
	return n;
}

/* The by-path link in /dev/tapi/by-path/ to /dev/tapi/<channel>. */
static inline int by_path_link(int channel, char *name, size_t size)
{
	char path[512], target[64], *real;
	struct dirent *de;
	int found = -ENOENT;
	DIR *dir;

	dir = opendir(BY_PATH_DIR);
	if (!dir)
		return -errno;
	snprintf(target, sizeof(target), "/dev/tapi/%d", channel);
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), BY_PATH_DIR "/%s", de->d_name);
		real = realpath(path, NULL);
		if (real && !strcmp(real, target)) {
			snprintf(name, size, "%s", de->d_name);
			found = 0;
		}
		free(real);
	}
	closedir(dir);
	return found;
}

/* --- the handset's sound card ----------------------------------------- */

/* The gadget side of the emulator's audio function (f_uac1's card). */
#define GADGET_CARD_ID		"UAC1Gadget"

/* Read /sys/class/sound/card<card>/<attr> without the newline. */
static inline int sound_card_attr(int card, const char *attr, char *buf,
				  size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/sound/card%d/%s", card, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/*
 * The ALSA card of the handset whose channel is /dev/tapi/<channel>,
 * found the way libtapi finds it with libudev: the sound card on an audio
 * interface (class 01) whose USB device (its parent of devtype
 * usb_device) is the channel's.  The interface class matters: tapi_pcm's
 * card of the channel's TAPI card hangs off the HID interface of the same
 * USB device.  The card number, or -ENOENT.
 */
static inline int usb_handset_card(unsigned int channel)
{
	struct udev_device *chan, *chan_usb;
	struct udev_list_entry *entry;
	struct udev_enumerate *en;
	struct udev *udev;
	int card = -ENOENT;
	char name[32];

	udev = udev_new();
	if (!udev)
		return -ENOMEM;
	snprintf(name, sizeof(name), "tapi%u", channel);
	chan = udev_device_new_from_subsystem_sysname(udev, "tapi", name);
	chan_usb = chan ? udev_device_get_parent_with_subsystem_devtype(chan,
						"usb", "usb_device") : NULL;
	en = udev_enumerate_new(udev);
	if (chan_usb && en && !udev_enumerate_add_match_subsystem(en, "sound") &&
	    !udev_enumerate_add_match_sysname(en, "card*") &&
	    !udev_enumerate_scan_devices(en)) {
		udev_list_entry_foreach(entry,
					udev_enumerate_get_list_entry(en)) {
			struct udev_device *snd, *snd_usb, *snd_intf;
			const char *class;

			snd = udev_device_new_from_syspath(udev,
					udev_list_entry_get_name(entry));
			if (!snd)
				continue;
			snd_intf = udev_device_get_parent_with_subsystem_devtype(
					snd, "usb", "usb_interface");
			class = snd_intf ? udev_device_get_sysattr_value(snd_intf,
					"bInterfaceClass") : NULL;
			snd_usb = udev_device_get_parent_with_subsystem_devtype(
					snd, "usb", "usb_device");
			if (class && !strcmp(class, "01") && snd_usb &&
			    !strcmp(udev_device_get_syspath(snd_usb),
				    udev_device_get_syspath(chan_usb)))
				sscanf(udev_device_get_sysname(snd), "card%d",
				       &card);
			udev_device_unref(snd);
		}
	}
	udev_enumerate_unref(en);
	udev_device_unref(chan);
	udev_unref(udev);
	return card;
}

/* Poll until the handset's card is there (its number) or gone (0). */
static inline int usb_handset_card_wait(unsigned int channel, bool present,
					int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	int card;

	for (;;) {
		card = usb_handset_card(channel);
		if ((card >= 0) == present)
			return present ? card : 0;
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(20);
	}
}

/*
 * A card's sysfs directory comes before its devices: poll until its
 * control device and PCM 0's playback and capture nodes are there.
 */
static inline int sound_card_nodes_wait(int card, int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	char path[3][64];
	unsigned int i;

	snprintf(path[0], sizeof(path[0]), "/dev/snd/controlC%d", card);
	snprintf(path[1], sizeof(path[1]), "/dev/snd/pcmC%dD0p", card);
	snprintf(path[2], sizeof(path[2]), "/dev/snd/pcmC%dD0c", card);
	for (;;) {
		for (i = 0; i < 3 && !access(path[i], F_OK); i++)
			;
		if (i == 3)
			return 0;
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(20);
	}
}

/* The card whose ALSA id is @id, or -ENOENT. */
static inline int sound_card_by_id(const char *id)
{
	char buf[64];
	int card;

	for (card = 0; card < 32; card++)
		if (!sound_card_attr(card, "id", buf, sizeof(buf)) &&
		    !strcmp(buf, id))
			return card;
	return -ENOENT;
}

static inline int sound_card_by_id_wait(const char *id, bool present,
					int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	int card;

	for (;;) {
		card = sound_card_by_id(id);
		if ((card >= 0) == present)
			return present ? card : 0;
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(20);
	}
}

#endif /* USB_UTIL_H */
