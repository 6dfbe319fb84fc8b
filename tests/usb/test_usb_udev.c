// SPDX-License-Identifier: GPL-2.0
/*
 * udev and the emulated CM109 handset (tests/usb/cm109-emu.c):
 *
 *  - the hand-over from Linux's own cm109 input driver, which matches the
 *    same HID interface: with cm109 loaded the handset still ends up on
 *    tapi_usb, by udev/61-tapi-usb-handset.rules - whether tapi_usb is
 *    loaded before the plug or not loaded at all yet (then udev's kmod
 *    builtin loads it for the interface's modalias while handling the
 *    "add" event, which udevd handles before the "bind" event the rule
 *    acts on);
 *  - what udev makes of the handset's /dev/tapi node, as `udevadm test`
 *    shows the rules acting (GROUP tapi, MODE 0660, the by-path link,
 *    the tag) and as `udevadm info` shows the result in udev's database.
 *
 * Needs systemd-udevd running in the VM (VM_UDEV) with the rules
 * installed, and cm109.ko in the image.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/stat.h>
#include "../kernel/test_core_util.h"
#include "kselftest_harness.h"
#include "usb_util.h"

#define CM109_DRIVER		"cm109"
#define TAPI_GROUP		"tapi"
#define HANDOVER_TIMEOUT_MS	20000
#define UDEV_TIMEOUT_MS		20000
#define KEY_1_SCANCODE		"14"	/* the KIP1000's '1' */

/* Run @cmd with the shell; its exit status, or -1. */
static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The output of @cmd (at most @size - 1 bytes); 0 or -errno. */
static int capture(char *buf, size_t size, const char *fmt, ...)
{
	char cmd[512];
	size_t len = 0;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	if (!f)
		return -errno;
	while (len < size - 1 && fgets(buf + len, size - len, f))
		len += strlen(buf + len);
	buf[len] = '\0';
	return pclose(f) == -1 ? -errno : 0;
}

static bool module_loaded(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

/* The driver bound to the handset's HID interface ("" if none). */
static int hid_interface_driver(char *buf, size_t size)
{
	char path[300], *real;
	struct dirent *de;
	DIR *dir;
	int ret = -ENOENT;

	/* 0d8c:000e's interface 3 on dummy_hcd's only port. */
	dir = opendir("/sys/bus/usb/devices");
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		char class[8] = "";
		FILE *f;

		if (!strchr(de->d_name, ':'))
			continue;
		snprintf(path, sizeof(path),
			 "/sys/bus/usb/devices/%s/bInterfaceClass", de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(class, sizeof(class), f))
			class[0] = '\0';
		fclose(f);
		if (strncmp(class, "03", 2))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/driver",
			 de->d_name);
		real = realpath(path, NULL);
		snprintf(buf, size, "%s", real ? strrchr(real, '/') + 1 : "");
		free(real);
		ret = 0;
		break;
	}
	closedir(dir);
	return ret;
}

FIXTURE(handover) {
	struct emu emu;
	int channel;
};

FIXTURE_SETUP(handover)
{
	self->emu.pid = 0;
	if (access(UDC_DIR, F_OK))
		SKIP(return, "no %s: dummy_hcd is not loaded", UDC_DIR);
	if (!udev_running())
		SKIP(return, "systemd-udevd is not running");
	if (!module_loaded(USB_DRIVER))
		SKIP(return, "%s is not loaded", USB_DRIVER);
	if (!module_loaded(CM109_DRIVER) &&
	    run("modprobe " CM109_DRIVER " 2>/dev/null"))
		SKIP(return, "no %s module", CM109_DRIVER);
	ASSERT_EQ(-ETIMEDOUT, usb_channel_wait(true, 0))
		TH_LOG("a handset is plugged in already");
}

FIXTURE_TEARDOWN(handover)
{
	emu_stop(&self->emu);
	usb_channel_wait(false, PLUG_TIMEOUT_MS);
	/* The other tests run as the VM booted: tapi_usb, no cm109. */
	if (module_loaded(CM109_DRIVER))
		run("rmmod " CM109_DRIVER);
	if (!module_loaded(USB_DRIVER))
		run("modprobe " USB_DRIVER);
}

/* Plug, wait for tapi_usb's channel, type a key on it. */
static void plug_and_expect_tapi_usb(struct __test_metadata *_metadata,
				     FIXTURE_DATA(handover) *self)
{
	struct tapi_event ev;
	char driver[64];
	int fd;

	/* udevd may still be busy with earlier plugs: it does the work. */
	ASSERT_EQ(0, udev_settle());
	ASSERT_EQ(0, emu_start(&self->emu));
	ASSERT_EQ(0, emu_expect(&self->emu, "plugged", PLUG_TIMEOUT_MS,
				NULL, 0));
	EXPECT_EQ(0, udev_settle());
	self->channel = usb_channel_wait(true, HANDOVER_TIMEOUT_MS);
	ASSERT_EQ(0, hid_interface_driver(driver, sizeof(driver)));
	ASSERT_LE(0, self->channel)
		TH_LOG("no channel; the HID interface's driver is \"%s\"",
		       driver);
	EXPECT_STREQ(USB_DRIVER, driver);
	fd = usb_channel_open(self->channel);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, emu_cmd(&self->emu, "press " KEY_1_SCANCODE));
	ASSERT_EQ(0, ev_wait(fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_KEY, ev.type);
	EXPECT_EQ('1', ev.value);
	ASSERT_EQ(0, emu_cmd(&self->emu, "release " KEY_1_SCANCODE));
	close(fd);
}

/* cm109 registered before tapi_usb, so it binds first; udev moves it. */
TEST_F(handover, cm109_binds_first_and_udev_hands_over)
{
	ASSERT_EQ(0, run("rmmod " USB_DRIVER));
	ASSERT_TRUE(module_loaded(CM109_DRIVER));
	ASSERT_EQ(0, run("modprobe " USB_DRIVER));
	plug_and_expect_tapi_usb(_metadata, self);
}

/*
 * Only cm109 loaded: it binds at once; udevd loads tapi_usb for the
 * interface's "add" event and hands the handset over at its "bind".
 */
TEST_F(handover, cm109_alone_and_udev_loads_tapi_usb)
{
	ASSERT_EQ(0, run("rmmod " USB_DRIVER));
	ASSERT_FALSE(module_loaded(USB_DRIVER));
	plug_and_expect_tapi_usb(_metadata, self);
	EXPECT_TRUE(module_loaded(USB_DRIVER));
}

/* --- udevadm on the handset's node ------------------------------------ */

FIXTURE(node) {
	struct emu emu;
	int channel;
	char link[256];
};

FIXTURE_SETUP(node)
{
	int64_t end;

	self->emu.pid = 0;
	if (access(UDC_DIR, F_OK))
		SKIP(return, "no %s: dummy_hcd is not loaded", UDC_DIR);
	if (!udev_running())
		SKIP(return, "systemd-udevd is not running");
	if (!module_loaded(USB_DRIVER))
		SKIP(return, "%s is not loaded", USB_DRIVER);
	ASSERT_EQ(0, emu_start(&self->emu));
	ASSERT_EQ(0, emu_expect(&self->emu, "plugged", PLUG_TIMEOUT_MS,
				NULL, 0));
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel);
	ASSERT_EQ(0, udev_settle());
	end = now_ms() + UDEV_TIMEOUT_MS;
	while (by_path_link(self->channel, self->link, sizeof(self->link))) {
		ASSERT_GT(end, now_ms()) TH_LOG("udevd made no by-path link");
		sleep_ms(20);
	}
}

FIXTURE_TEARDOWN(node)
{
	emu_stop(&self->emu);
	usb_channel_wait(false, PLUG_TIMEOUT_MS);
}

/* The by-path link udev should make: ID_PATH of the HID interface. */
#define HANDSET_BY_PATH	"tapi/by-path/platform-dummy_hcd.0-usb-0:1:1.3-0"

TEST_F(node, udevadm_test_shows_the_rules_at_work)
{
	static char out[65536];
	struct group *grp = getgrnam(TAPI_GROUP);
	char want[128];

	ASSERT_NE(NULL, grp);
	ASSERT_EQ(0, capture(out, sizeof(out),
			     "udevadm test --action=add /sys/class/tapi/tapi%d 2>&1",
			     self->channel));
	/* The rule lines that act, and the resulting properties. */
	snprintf(want, sizeof(want), "GROUP %u", (unsigned int)grp->gr_gid);
	EXPECT_NE(NULL, strstr(out, want)) TH_LOG("no \"%s\" in:\n%s", want, out);
	EXPECT_NE(NULL, strstr(out, "MODE 0660")) TH_LOG("no MODE 0660");
	EXPECT_NE(NULL, strstr(out, "60-tapi.rules")) TH_LOG("60-tapi.rules not used");
	EXPECT_NE(NULL, strstr(out, "ID_PATH=platform-dummy_hcd.0-usb-0:1:1.3"))
		TH_LOG("no ID_PATH of the USB interface");
	EXPECT_NE(NULL, strstr(out, HANDSET_BY_PATH)) TH_LOG("no link " HANDSET_BY_PATH);
	EXPECT_NE(NULL, strstr(out, ":tapi:")) TH_LOG("not tagged tapi");
}

TEST_F(node, udevadm_info_has_link_and_tag)
{
	char out[8192], want[300];
	struct group *grp = getgrnam(TAPI_GROUP);
	struct stat st;

	ASSERT_EQ(0, capture(out, sizeof(out),
			     "udevadm info --query=all --name=/dev/tapi/%d 2>&1",
			     self->channel));
	snprintf(want, sizeof(want), "S: %s\n", HANDSET_BY_PATH);
	EXPECT_NE(NULL, strstr(out, want)) TH_LOG("no \"%s\" in:\n%s", want, out);
	/* systemd 252 lists tags as a property (later ones also as "G:"). */
	EXPECT_NE(NULL, strstr(out, "E: TAGS=")) TH_LOG("no tags:\n%s", out);
	EXPECT_NE(NULL, strstr(strstr(out, "E: TAGS=") ?: "", ":tapi:"))
		TH_LOG("not tagged tapi:\n%s", out);
	EXPECT_NE(NULL, strstr(out, "E: ID_PATH=platform-dummy_hcd.0-usb-0:1:1.3\n"));
	/* And the node as it is. */
	snprintf(want, sizeof(want), "/dev/tapi/%d", self->channel);
	ASSERT_EQ(0, stat(want, &st));
	ASSERT_NE(NULL, grp);
	EXPECT_EQ(grp->gr_gid, st.st_gid);
	EXPECT_EQ(0660, st.st_mode & 07777);
	EXPECT_STREQ(HANDSET_BY_PATH + strlen("tapi/by-path/"), self->link);
}

TEST_HARNESS_MAIN
