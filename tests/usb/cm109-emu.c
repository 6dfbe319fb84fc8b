// SPDX-License-Identifier: GPL-2.0
/*
 * cm109-emu: a CM109 USB handset, emulated with a configfs USB gadget.
 *
 * Makes the gadget /sys/kernel/config/usb_gadget/<name> with the CM109's
 * USB ID 0d8c:000e and, as on the chip, a USB audio class 1 function
 * (interfaces 0-2: control, speaker and microphone streaming; 48 kHz mono
 * 16-bit each way, with volume and mute) followed by the HID function at
 * interface 3 (4-byte input and output reports, no report IDs; output
 * reports come as HID SET_REPORT on the control pipe, as the chip takes
 * them).  It binds the gadget to a UDC (dummy_hcd's in the test VM; the
 * audio needs the isochronous endpoints of tests/usb/dummy_hcd-iso.patch)
 * and then plays the handset's keypad and buzzer:
 *
 *  - every output report the host sends (read from /dev/hidgN) is
 *    answered with one input report, as the chip answers its interrupt
 *    endpoint's polls: byte 0 the buttons held, byte 1 the keypad rows
 *    that read high given the columns the report drives, and the driven
 *    columns in the low nibble (the GPIO pins read back);
 *  - with no output report for EMU_IDLE_REPORT_MS it reports anyway,
 *    as the chip does on every poll;
 *  - the buzzer bit (byte 0, 0x20) of the output reports is printed at
 *    each change.
 *
 * Commands, one a line on stdin (each answered with a line "ok <cmd>"
 * or "error <text>" on stdout):
 *   press <scancode>     hold the matrix key at row bit | column bit, hex
 *                        (e.g. 22: row 0x20, column 0x02)
 *   release <scancode>   let it go ("release all" lets every key go)
 *   buttons <bits>       the chip's own buttons held, hex (0x01 volume
 *                        up, 0x02 down, 0x04/0x08 the mute toggles)
 *   unplug               unbind the gadget from the UDC (USB disconnect)
 *   plug                 bind it again
 *   quit                 unbind, remove the gadget, exit
 * Other lines on stdout:
 *   plugged <udc>        the gadget is bound (also at start)
 * The audio function's gadget side is an ALSA card of its own (id
 * "UAC1Gadget"): what the host plays is captured there, what is played
 * there the host records.
 *   buzzer <0|1> <ms> or0=<hex>   the buzzer bit changed; CLOCK_MONOTONIC
 *                        ms; the output report's byte 0
 *
 * Usage: cm109-emu [-g gadget-name] [-u udc]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#define GADGET_ROOT		"/sys/kernel/config/usb_gadget"
#define EMU_VENDOR		"0x0d8c"	/* C-Media */
#define EMU_PRODUCT		"0x000e"	/* CM109 */
#define EMU_REPORT_LEN		4
#define EMU_OUT0_BUZZER		0x20
#define EMU_IDLE_REPORT_MS	50
#define EMU_HIDG_WAIT_MS	5000
/* The chip's converters: 48 kHz, mono, 16-bit, both ways. */
#define EMU_AUDIO_RATE		"48000"
#define EMU_AUDIO_CHMASK	"1"
#define EMU_AUDIO_SAMPLE_BYTES	"2"

/*
 * Vendor-defined usage page; one collection with a 4-byte input and a
 * 4-byte output report.
 */
static const uint8_t emu_report_desc[] = {
	0x06, 0x00, 0xff,	/* Usage Page (vendor 0xff00) */
	0x09, 0x01,		/* Usage (1) */
	0xa1, 0x01,		/* Collection (Application) */
	0x15, 0x00,		/*   Logical Minimum (0) */
	0x26, 0xff, 0x00,	/*   Logical Maximum (255) */
	0x75, 0x08,		/*   Report Size (8) */
	0x95, EMU_REPORT_LEN,	/*   Report Count (4) */
	0x09, 0x01,		/*   Usage (1) */
	0x81, 0x02,		/*   Input (Data, Var, Abs) */
	0x95, EMU_REPORT_LEN,	/*   Report Count (4) */
	0x09, 0x01,		/*   Usage (1) */
	0x91, 0x02,		/*   Output (Data, Var, Abs) */
	0xc0,			/* End Collection */
};

struct emu {
	char gadget[256];	/* the gadget's configfs directory */
	char udc[256];
	int hidg;		/* /dev/hidgN, -1 while unplugged */
	uint8_t matrix[4];	/* rows held, per column 0..3 */
	uint8_t buttons;
	uint8_t driven;		/* columns the last output report drove */
	int buzzer;		/* last buzzer bit seen, -1 before any */
	int64_t last_report_ms;
};

static int64_t emu_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void emu_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* write_attr(value, len, fmt, ...): write a configfs attribute. */
static int write_attr(const void *value, size_t len, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	ssize_t n;
	int fd;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "cm109-emu: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	n = write(fd, value, len);
	if (n < 0)
		fprintf(stderr, "cm109-emu: write %s: %s\n", path,
			strerror(errno));
	close(fd);
	return n < 0 ? -errno : 0;
}

#define write_str(str, ...) write_attr(str, strlen(str), __VA_ARGS__)

static int make_dir(const char *fmt, ...)
{
	char path[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	if (mkdir(path, 0755) && errno != EEXIST) {
		fprintf(stderr, "cm109-emu: mkdir %s: %s\n", path,
			strerror(errno));
		return -errno;
	}
	return 0;
}

static int emu_first_udc(char *udc, size_t size)
{
	struct dirent *de;
	DIR *dir = opendir("/sys/class/udc");

	if (!dir)
		return -errno;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.') {
			snprintf(udc, size, "%s", de->d_name);
			closedir(dir);
			return 0;
		}
	closedir(dir);
	return -ENODEV;
}

/* Link a function into the configuration (its interfaces come next). */
static int emu_link(const char *g, const char *function)
{
	char from[512], to[512];

	snprintf(from, sizeof(from), "%s/functions/%s", g, function);
	snprintf(to, sizeof(to), "%s/configs/c.1/%s", g, function);
	if (symlink(from, to) && errno != EEXIST) {
		fprintf(stderr, "cm109-emu: link %s: %s\n", to, strerror(errno));
		return -errno;
	}
	return 0;
}

/* The USB audio function: c_ is the speaker (host plays), p_ the mic. */
static int emu_make_audio(const char *g)
{
	int ret = make_dir("%s/functions/uac1.usb0", g);

	if (ret)
		return ret;
	ret |= write_str(EMU_AUDIO_RATE, "%s/functions/uac1.usb0/c_srate", g);
	ret |= write_str(EMU_AUDIO_CHMASK, "%s/functions/uac1.usb0/c_chmask", g);
	ret |= write_str(EMU_AUDIO_SAMPLE_BYTES,
			 "%s/functions/uac1.usb0/c_ssize", g);
	ret |= write_str(EMU_AUDIO_RATE, "%s/functions/uac1.usb0/p_srate", g);
	ret |= write_str(EMU_AUDIO_CHMASK, "%s/functions/uac1.usb0/p_chmask", g);
	ret |= write_str(EMU_AUDIO_SAMPLE_BYTES,
			 "%s/functions/uac1.usb0/p_ssize", g);
	return ret ? -EIO : emu_link(g, "uac1.usb0");
}

static int emu_make_gadget(struct emu *e)
{
	const char *g = e->gadget;
	int ret = 0;

	ret |= make_dir("%s", g);
	ret |= write_str(EMU_VENDOR, "%s/idVendor", g);
	ret |= write_str(EMU_PRODUCT, "%s/idProduct", g);
	ret |= write_str("0x0200", "%s/bcdUSB", g);
	ret |= write_str("0x0100", "%s/bcdDevice", g);
	ret |= make_dir("%s/strings/0x409", g);
	ret |= write_str("C-Media Electronics Inc.",
			 "%s/strings/0x409/manufacturer", g);
	ret |= write_str("CM109 handset (emulated)",
			 "%s/strings/0x409/product", g);
	ret |= make_dir("%s/configs/c.1", g);
	ret |= make_dir("%s/configs/c.1/strings/0x409", g);
	ret |= write_str("handset", "%s/configs/c.1/strings/0x409/configuration",
			 g);
	ret |= write_str("100", "%s/configs/c.1/MaxPower", g);
	/* Audio first: the chip's HID interface is number 3. */
	if (ret || emu_make_audio(g))
		return -EIO;
	ret |= make_dir("%s/functions/hid.usb0", g);
	/* Set before linking: the function is busy once in a config. */
	ret |= write_str("0", "%s/functions/hid.usb0/protocol", g);
	ret |= write_str("0", "%s/functions/hid.usb0/subclass", g);
	ret |= write_str("4", "%s/functions/hid.usb0/report_length", g);
	ret |= write_attr(emu_report_desc, sizeof(emu_report_desc),
			  "%s/functions/hid.usb0/report_desc", g);
	/* SET_REPORT output reports are then readable on /dev/hidgN. */
	ret |= write_str("1", "%s/functions/hid.usb0/no_out_endpoint", g);
	if (ret)
		return -EIO;
	return emu_link(g, "hid.usb0");
}

static void emu_remove_gadget(struct emu *e)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/configs/c.1/hid.usb0", e->gadget);
	unlink(path);
	snprintf(path, sizeof(path), "%s/configs/c.1/uac1.usb0", e->gadget);
	unlink(path);
	snprintf(path, sizeof(path), "%s/configs/c.1/strings/0x409", e->gadget);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/configs/c.1", e->gadget);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/functions/hid.usb0", e->gadget);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/functions/uac1.usb0", e->gadget);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/strings/0x409", e->gadget);
	rmdir(path);
	rmdir(e->gadget);
}

/* The /dev/hidgN of our function, by the device number configfs shows. */
static int emu_open_hidg(struct emu *e)
{
	int64_t end = emu_now_ms() + EMU_HIDG_WAIT_MS;
	unsigned int maj, min;
	char path[512], buf[32];
	struct dirent *de;
	struct stat st;
	ssize_t n;
	DIR *dir;
	int fd;

	snprintf(path, sizeof(path), "%s/functions/hid.usb0/dev", e->gadget);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	if (sscanf(buf, "%u:%u", &maj, &min) != 2)
		return -EIO;
	do {
		dir = opendir("/dev");
		while (dir && (de = readdir(dir))) {
			if (strncmp(de->d_name, "hidg", 4))
				continue;
			snprintf(path, sizeof(path), "/dev/%s", de->d_name);
			if (stat(path, &st) || !S_ISCHR(st.st_mode) ||
			    st.st_rdev != makedev(maj, min))
				continue;
			closedir(dir);
			fd = open(path, O_RDWR | O_NONBLOCK);
			return fd < 0 ? -errno : fd;
		}
		if (dir)
			closedir(dir);
		emu_sleep_ms(20);
	} while (emu_now_ms() < end);
	return -ENOENT;
}

static int emu_plug(struct emu *e)
{
	int ret = write_str(e->udc, "%s/UDC", e->gadget);

	if (ret)
		return ret;
	e->hidg = emu_open_hidg(e);
	if (e->hidg < 0) {
		ret = e->hidg;
		e->hidg = -1;
		write_str("", "%s/UDC", e->gadget);
		return ret;
	}
	e->buzzer = -1;
	e->driven = 0;
	e->last_report_ms = emu_now_ms();
	say("plugged %s", e->udc);
	return 0;
}

static void emu_unplug(struct emu *e)
{
	/* What `echo "" > UDC` writes: an empty name unbinds. */
	write_str("\n", "%s/UDC", e->gadget);
	if (e->hidg >= 0)
		close(e->hidg);
	e->hidg = -1;
}

/* The input report for the current keys and the columns driven. */
static void emu_send_report(struct emu *e)
{
	uint8_t report[EMU_REPORT_LEN] = { 0 };
	uint8_t rows = 0;
	unsigned int col;

	for (col = 0; col < 4; col++)
		if (e->driven & (1u << col))
			rows |= e->matrix[col];
	report[0] = e->buttons;
	report[1] = (rows & 0xf0) | (e->driven & 0x0f);
	/* Busy (the host has not taken the last one): the chip's next
	 * poll answer replaces it.
	 */
	if (write(e->hidg, report, sizeof(report)) < 0 && errno != EAGAIN &&
	    errno != ESHUTDOWN)
		fprintf(stderr, "cm109-emu: write report: %s\n",
			strerror(errno));
	e->last_report_ms = emu_now_ms();
}

static void emu_output_report(struct emu *e, const uint8_t *out, size_t n)
{
	int buzzer;

	if (n < 3)
		return;
	buzzer = !!(out[0] & EMU_OUT0_BUZZER);
	if (buzzer != e->buzzer) {
		e->buzzer = buzzer;
		say("buzzer %d %lld or0=%02x", buzzer, (long long)emu_now_ms(),
		    out[0]);
	}
	/* A column is driven when set high and set as an output. */
	e->driven = out[1] & out[2] & 0x0f;
	emu_send_report(e);
}

static int emu_key(struct emu *e, const char *arg, bool down)
{
	unsigned int code, col;
	char *end;

	if (!strcmp(arg, "all") && !down) {
		memset(e->matrix, 0, sizeof(e->matrix));
		return 0;
	}
	code = strtoul(arg, &end, 16);
	if (*end || !(code & 0xf0) || !(code & 0x0f) ||
	    __builtin_popcount(code & 0xf0) != 1 ||
	    __builtin_popcount(code & 0x0f) != 1)
		return -EINVAL;
	col = __builtin_ctz(code & 0x0f);
	if (down)
		e->matrix[col] |= code & 0xf0;
	else
		e->matrix[col] &= ~(code & 0xf0);
	return 0;
}

/* One command line; false on "quit". */
static bool emu_command(struct emu *e, char *line)
{
	char cmd[256], *arg;
	int ret = 0;

	line[strcspn(line, "\r\n")] = '\0';
	snprintf(cmd, sizeof(cmd), "%s", line);
	arg = strchr(line, ' ');
	if (arg)
		*arg++ = '\0';
	else
		arg = "";
	if (!strcmp(line, "quit")) {
		return false;
	} else if (!strcmp(line, "press")) {
		ret = emu_key(e, arg, true);
	} else if (!strcmp(line, "release")) {
		ret = emu_key(e, arg, false);
	} else if (!strcmp(line, "buttons")) {
		e->buttons = strtoul(arg, NULL, 16) & 0x0f;
	} else if (!strcmp(line, "unplug")) {
		if (e->hidg < 0)
			ret = -EALREADY;
		else
			emu_unplug(e);
	} else if (!strcmp(line, "plug")) {
		ret = e->hidg >= 0 ? -EALREADY : emu_plug(e);
	} else if (*line) {
		ret = -EINVAL;
	}
	if (ret)
		say("error %s: %s", cmd, strerror(-ret));
	else if (*line)
		say("ok %s", cmd);
	return true;
}

int main(int argc, char **argv)
{
	struct emu e = { .hidg = -1, .buzzer = -1 };
	const char *name = "cm109";
	char line[256];
	size_t have = 0;
	bool running = true;
	int opt, ret;

	while ((opt = getopt(argc, argv, "g:u:")) != -1) {
		switch (opt) {
		case 'g':
			name = optarg;
			break;
		case 'u':
			snprintf(e.udc, sizeof(e.udc), "%s", optarg);
			break;
		default:
			fprintf(stderr, "usage: cm109-emu [-g gadget] [-u udc]\n");
			return 2;
		}
	}
	if (!e.udc[0] && emu_first_udc(e.udc, sizeof(e.udc))) {
		fprintf(stderr, "cm109-emu: no UDC in /sys/class/udc (load dummy_hcd)\n");
		return 1;
	}
	snprintf(e.gadget, sizeof(e.gadget), GADGET_ROOT "/%s", name);
	ret = emu_make_gadget(&e);
	if (!ret)
		ret = emu_plug(&e);
	if (ret) {
		fprintf(stderr, "cm109-emu: cannot make the gadget: %s\n",
			strerror(-ret));
		emu_remove_gadget(&e);
		return 1;
	}

	while (running) {
		struct pollfd pfd[2] = {
			{ .fd = 0, .events = POLLIN },
			{ .fd = e.hidg, .events = POLLIN },
		};
		int timeout = -1;
		uint8_t out[64];
		ssize_t n;

		if (e.hidg >= 0 && e.driven) {
			timeout = e.last_report_ms + EMU_IDLE_REPORT_MS -
				  emu_now_ms();
			if (timeout < 0)
				timeout = 0;
		}
		if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
			break;
		if (pfd[0].revents & (POLLIN | POLLHUP)) {
			char *nl;

			/* read(), not stdio: poll() must see what is left. */
			n = read(0, line + have, sizeof(line) - 1 - have);
			if (n <= 0)
				break;
			have += n;
			line[have] = '\0';
			while (running && (nl = strchr(line, '\n'))) {
				*nl = '\0';
				running = emu_command(&e, line);
				have -= nl + 1 - line;
				memmove(line, nl + 1, have + 1);
			}
			if (have == sizeof(line) - 1)
				have = 0;	/* a line too long: dropped */
		}
		if (e.hidg < 0)
			continue;
		if (pfd[1].revents & POLLIN) {
			n = read(e.hidg, out, sizeof(out));
			if (n > 0)
				emu_output_report(&e, out, n);
		} else if (e.driven &&
			   emu_now_ms() - e.last_report_ms >= EMU_IDLE_REPORT_MS) {
			/* Once the host has configured the handset. */
			emu_send_report(&e);
		}
	}
	if (e.hidg >= 0)
		emu_unplug(&e);
	emu_remove_gadget(&e);
	return 0;
}
