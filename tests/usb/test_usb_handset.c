// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_usb with an emulated CM109 handset (tests/usb/cm109-emu.c) on
 * dummy_hcd: plug and unplug, the udev-made node, keys, hook, buzzer.
 *
 * Each test starts the emulator (which makes and plugs the gadget), waits
 * for the handset's channel and opens it; teardown quits the emulator,
 * which unplugs and removes the gadget.  tapi_usb is loaded with its
 * default model, the Komunikate KIP1000, whose keypad matrix is below as
 * the handset's maker wired it (row bit | column bit).
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdarg.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include "../kernel/test_core_util.h"
#include "kselftest_harness.h"
#include "usb_util.h"

#define TAPI_GROUP		"tapi"
#define UDEV_TIMEOUT_MS		15000
/* The core takes an on-hook as a hang-up only after the flash time. */
#define HOOK_TIMEOUT_MS		(EVENT_TIMEOUT_MS + 2000)

/* The KIP1000's matrix: row 0x10..0x80 | column 0x1..0x8. */
static const struct {
	const char *scancode;
	char key;
} kip1000_keys[] = {
	{ "14", '1' }, { "12", '2' }, { "11", '3' },
	{ "24", '4' }, { "22", '5' }, { "21", '6' },
	{ "44", '7' }, { "42", '8' }, { "41", '9' },
	{ "84", '*' }, { "82", '0' }, { "81", '#' },
	{ "28", 'l' }, { "18", 'r' },	/* arrows: IN, OUT */
};
#define KIP1000_PICKUP	"88"	/* OK, green */
#define KIP1000_HANGUP	"48"	/* END, red */

FIXTURE(handset) {
	struct emu emu;
	int channel;
	int fd;
};

FIXTURE_SETUP(handset)
{
	DIR *udcs = opendir(UDC_DIR);
	int ret;

	self->fd = -1;
	self->emu.pid = 0;
	if (!udcs)
		SKIP(return, "no %s: dummy_hcd is not loaded", UDC_DIR);
	closedir(udcs);
	if (access("/sys/module/" USB_DRIVER, F_OK))
		SKIP(return, "%s is not loaded", USB_DRIVER);
	ASSERT_EQ(-ETIMEDOUT, usb_channel_wait(true, 0))
		TH_LOG("a handset is plugged in already");

	ASSERT_EQ(0, emu_start(&self->emu));
	ret = emu_expect(&self->emu, "plugged", PLUG_TIMEOUT_MS, NULL, 0);
	ASSERT_EQ(0, ret) TH_LOG("the emulator did not plug the gadget");
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel) TH_LOG("no %s channel appeared", USB_DRIVER);
	self->fd = usb_channel_open(self->channel);
	ASSERT_LE(0, self->fd) TH_LOG("open /dev/tapi/%d: %s", self->channel,
				      strerror(-self->fd));
}

FIXTURE_TEARDOWN(handset)
{
	if (self->fd >= 0)
		close(self->fd);
	emu_stop(&self->emu);
	/* The next test starts without a handset. */
	usb_channel_wait(false, PLUG_TIMEOUT_MS);
}

static int key_scancode(char key, const char **scancode)
{
	unsigned int i;

	for (i = 0; i < sizeof(kip1000_keys) / sizeof(kip1000_keys[0]); i++)
		if (kip1000_keys[i].key == key) {
			*scancode = kip1000_keys[i].scancode;
			return 0;
		}
	return -ENOENT;
}

/* Wait for TAPI_EV_KEY of @key: a press (duration 0) or a release. */
#define EXPECT_KEY(fd, key, down) do {					\
	struct tapi_event __ev;						\
	ASSERT_EQ(0, ev_wait(fd, EVENT_TIMEOUT_MS, &__ev))		\
		TH_LOG("no event for key '%c' %s", key,			\
		       (down) ? "down" : "up");				\
	ASSERT_EQ(TAPI_EV_KEY, __ev.type)				\
		TH_LOG("got %s, value %u", ev_name(__ev.type), __ev.value); \
	EXPECT_EQ((uint32_t)(key), __ev.value)				\
		TH_LOG("key '%c', expected '%c'", __ev.value, key);	\
	if (down) {							\
		EXPECT_EQ(0, __ev.duration_ms);				\
	} else {							\
		EXPECT_LE(1, __ev.duration_ms);				\
	}								\
} while (0)

TEST_F(handset, plug_makes_a_handset_channel)
{
	struct tapi_chan_info info;
	char buf[128];

	ASSERT_EQ(0, chan_info(self->fd, &info));
	EXPECT_EQ(TAPI_SIG_HANDSET, info.signalling);
	EXPECT_EQ(TAPI_CAP_KEYPAD | TAPI_CAP_HOOK_DETECT | TAPI_CAP_RING,
		  info.caps & (TAPI_CAP_KEYPAD | TAPI_CAP_HOOK_DETECT |
			       TAPI_CAP_RING));
	/* The handset's audio is snd-usb-audio's. */
	EXPECT_EQ(0, info.caps & TAPI_CAP_MEDIA);
	EXPECT_EQ(TAPI_HOOK_ON, info.hook);
	EXPECT_EQ(0, info.ringing);
	EXPECT_STREQ(USB_DRIVER, info.driver);
	EXPECT_EQ(0, strncmp(info.card_name, "cm109-", 6)) TH_LOG("%s", info.card_name);
	EXPECT_EQ(0, info.card_channel);

	/* The USB interface says which model and where the hook comes from. */
	ASSERT_EQ(0, sysfs_attr(self->channel, "device/model", buf,
				sizeof(buf)));
	EXPECT_STREQ("kip1000", buf);
	ASSERT_EQ(0, sysfs_attr(self->channel, "device/hook_source", buf,
				sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "pick-up")) TH_LOG("hook_source: %s", buf);
	ASSERT_EQ(0, sysfs_attr(self->channel, "device/bInterfaceClass", buf,
				sizeof(buf)));
	EXPECT_STREQ("03", buf);
}

TEST_F(handset, udev_names_and_permissions_the_node)
{
	int64_t end = now_ms() + UDEV_TIMEOUT_MS;
	char node[64], link[256], tag[128];
	struct group *grp;
	struct stat st;
	bool ok = false;
	size_t len;

	if (!udev_running())
		SKIP(return, "systemd-udevd is not running");
	grp = getgrnam(TAPI_GROUP);
	ASSERT_NE(NULL, grp);
	snprintf(node, sizeof(node), "/dev/tapi/%d", self->channel);
	/* Not the previous handset's events, still queued (usb_util.h). */
	ASSERT_EQ(0, udev_settle());
	/* udevd works on the event by itself: wait for its result. */
	while (!ok && now_ms() < end) {
		ok = !stat(node, &st) && (st.st_mode & 07777) == 0660 &&
		     st.st_gid == grp->gr_gid &&
		     !by_path_link(self->channel, link, sizeof(link));
		if (!ok)
			sleep_ms(50);
	}
	ASSERT_EQ(0, stat(node, &st));
	EXPECT_EQ(0660, st.st_mode & 07777);
	EXPECT_EQ(grp->gr_gid, st.st_gid);
	ASSERT_EQ(0, by_path_link(self->channel, link, sizeof(link)))
		TH_LOG("no link to %s in %s", node, BY_PATH_DIR);
	/*
	 * <ID_PATH of the USB interface>-<index on the card>: ID_PATH is
	 * "platform-dummy_hcd.0-usb-0:1:1.3" (HID is interface 3).
	 */
	len = strlen(link);
	EXPECT_EQ(0, strncmp(link, "platform-dummy_hcd.0-usb-0:1:1.3-", 33))
		TH_LOG("%s", link);
	EXPECT_EQ(0, strcmp(link + len - 2, "-0")) TH_LOG("%s", link);
	/* Tagged, for libudev's enumeration by tag. */
	snprintf(tag, sizeof(tag), "/run/udev/tags/tapi/c%u:%u",
		 major(st.st_rdev), minor(st.st_rdev));
	EXPECT_EQ(0, access(tag, F_OK)) TH_LOG("no %s", tag);
	TH_LOG("%s: %s/%s", node, BY_PATH_DIR, link);
	/* The sim's control device, when tapi_sim is loaded. */
	if (!stat(SIM_DEV, &st)) {
		EXPECT_EQ(0660, st.st_mode & 07777);
		EXPECT_EQ(grp->gr_gid, st.st_gid);
	}
}

TEST_F(handset, every_key_goes_down_and_up)
{
	unsigned int i;

	for (i = 0; i < sizeof(kip1000_keys) / sizeof(kip1000_keys[0]); i++) {
		ASSERT_EQ(0, emu_cmd(&self->emu, "press %s",
				     kip1000_keys[i].scancode));
		EXPECT_KEY(self->fd, kip1000_keys[i].key, true);
		ASSERT_EQ(0, emu_cmd(&self->emu, "release %s",
				     kip1000_keys[i].scancode));
		EXPECT_KEY(self->fd, kip1000_keys[i].key, false);
	}
}

TEST_F(handset, two_keys_held_together)
{
	const char *five, *four, *nine;

	ASSERT_EQ(0, key_scancode('5', &five));
	ASSERT_EQ(0, key_scancode('4', &four));
	ASSERT_EQ(0, key_scancode('9', &nine));
	/* 5 and 4 share a row; the scan still tells them apart. */
	ASSERT_EQ(0, emu_cmd(&self->emu, "press %s", five));
	EXPECT_KEY(self->fd, '5', true);
	ASSERT_EQ(0, emu_cmd(&self->emu, "press %s", four));
	EXPECT_KEY(self->fd, '4', true);
	ASSERT_EQ(0, emu_cmd(&self->emu, "press %s", nine));
	EXPECT_KEY(self->fd, '9', true);
	ASSERT_EQ(0, emu_cmd(&self->emu, "release %s", five));
	EXPECT_KEY(self->fd, '5', false);
	ASSERT_EQ(0, emu_cmd(&self->emu, "release all"));
	/* Released in one scan: in matrix order, column 0 first. */
	EXPECT_KEY(self->fd, '9', false);
	EXPECT_KEY(self->fd, '4', false);
}

TEST_F(handset, chip_buttons_are_keys)
{
	/* Volume keys are held; the mute keys toggle, one press each. */
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 01"));
	EXPECT_KEY(self->fd, '+', true);
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 00"));
	EXPECT_KEY(self->fd, '+', false);
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 02"));
	EXPECT_KEY(self->fd, '-', true);
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 00"));
	EXPECT_KEY(self->fd, '-', false);
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 04"));
	EXPECT_KEY(self->fd, 'm', true);
	EXPECT_KEY(self->fd, 'm', false);
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 00"));
	EXPECT_KEY(self->fd, 'm', true);
	EXPECT_KEY(self->fd, 'm', false);
	ASSERT_EQ(0, emu_cmd(&self->emu, "buttons 08"));
	EXPECT_KEY(self->fd, 'M', true);
	EXPECT_KEY(self->fd, 'M', false);
}

/*
 * Press a hook key and hold it until the channel reports the hook it
 * sets (a person holds a key longer than a keypad scan takes).
 */
static int press_hook_key(struct emu *e, int fd, const char *scancode,
			  uint32_t hook, struct tapi_event *ev)
{
	int ret = emu_cmd(e, "press %s", scancode);

	if (ret)
		return ret;
	ret = ev_wait_type(fd, TAPI_EV_HOOK, TAPI_EV_MASK_ALL &
			   ~TAPI_EV_MASK(TAPI_EV_KEY), HOOK_TIMEOUT_MS, ev);
	if (!ret && ev->type == TAPI_EV_HOOK && ev->value != hook)
		ret = -EPROTO;
	if (!ret && ev->type != TAPI_EV_HOOK)
		ret = -EBADMSG;
	return ret ? ret : emu_cmd(e, "release %s", scancode);
}

/* Press a key, see it go down, let it go, see it go up. */
#define TYPE_KEY(emu, fd, scancode, key) do {				\
	ASSERT_EQ(0, emu_cmd(emu, "press %s", scancode));		\
	EXPECT_KEY(fd, key, true);					\
	ASSERT_EQ(0, emu_cmd(emu, "release %s", scancode));		\
	EXPECT_KEY(fd, key, false);					\
} while (0)

TEST_F(handset, pickup_and_hangup_keys_move_the_hook)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	char buf[16];

	/* The hook, not a key: anything else first fails here. */
	ASSERT_EQ(0, press_hook_key(&self->emu, self->fd, KIP1000_PICKUP,
				    TAPI_HOOK_OFF, &ev));
	ASSERT_EQ(0, chan_info(self->fd, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);
	ASSERT_EQ(0, sysfs_attr(self->channel, "hook", buf, sizeof(buf)));
	EXPECT_STREQ("off", buf);

	/* Dialling off-hook. */
	TYPE_KEY(&self->emu, self->fd, "22", '5');
	/* Pick-up held with a key while off-hook changes nothing. */
	ASSERT_EQ(0, emu_cmd(&self->emu, "press " KIP1000_PICKUP));
	TYPE_KEY(&self->emu, self->fd, "21", '6');
	ASSERT_EQ(0, emu_cmd(&self->emu, "release " KIP1000_PICKUP));
	TYPE_KEY(&self->emu, self->fd, "11", '3');

	ASSERT_EQ(0, press_hook_key(&self->emu, self->fd, KIP1000_HANGUP,
				    TAPI_HOOK_ON, &ev));
	ASSERT_EQ(0, chan_info(self->fd, &info));
	EXPECT_EQ(TAPI_HOOK_ON, info.hook);
	ASSERT_EQ(0, sysfs_attr(self->channel, "hook", buf, sizeof(buf)));
	EXPECT_STREQ("on", buf);
}

/* The next buzzer change the emulator saw: 0/1, its time, byte 0. */
static int next_buzzer(struct emu *e, int *on, long long *ms, unsigned int *or0)
{
	char line[128];
	int ret;

	if (e->nbuzz) {
		snprintf(line, sizeof(line), "%s", e->buzz[0]);
		memmove(e->buzz[0], e->buzz[1], --e->nbuzz * sizeof(e->buzz[0]));
	} else {
		ret = emu_expect(e, "buzzer ", HOOK_TIMEOUT_MS, line,
				 sizeof(line));
		if (ret)
			return ret;
	}
	return sscanf(line, "buzzer %d %lld or0=%x", on, ms, or0) == 3 ? 0 : -EIO;
}

TEST_F(handset, ring_cadence_reaches_the_buzzer)
{
	static const uint16_t steps[] = { 200, 400 };
	long long ms[4];
	unsigned int or0, i;
	struct tapi_event ev;
	int on;

	ASSERT_EQ(0, ring_start(self->fd, 2, 2, steps));
	/* On, off, on, off: the core's cadence, bit 0x20 of byte 0. */
	for (i = 0; i < 4; i++) {
		do {
			ASSERT_EQ(0, next_buzzer(&self->emu, &on, &ms[i], &or0));
		} while (i == 0 && !on);	/* the "off" seen at plug-in */
		EXPECT_EQ(i % 2 == 0, on) TH_LOG("change %u", i);
		EXPECT_EQ(on ? 0x20 : 0x00, or0);
	}
	TH_LOG("buzzer on %lld ms, off %lld ms, on %lld ms (cadence 200/400)",
	       ms[1] - ms[0], ms[2] - ms[1], ms[3] - ms[2]);
	ASSERT_EQ(0, ev_wait_type(self->fd, TAPI_EV_RING_DONE,
				  TAPI_EV_MASK(TAPI_EV_RING), HOOK_TIMEOUT_MS,
				  &ev));
	{
		struct tapi_chan_info info;

		ASSERT_EQ(0, chan_info(self->fd, &info));
		EXPECT_EQ(0, info.ringing);
	}
}

TEST_F(handset, ring_stop_and_pickup_silence_the_buzzer)
{
	static const uint16_t steps[] = { 1000, 200 };
	struct tapi_chan_info info;
	unsigned int or0;
	struct tapi_event ev;
	long long ms;
	int on;

	ASSERT_EQ(0, ring_start(self->fd, 0, 2, steps));
	do {
		ASSERT_EQ(0, next_buzzer(&self->emu, &on, &ms, &or0));
	} while (!on);
	ASSERT_EQ(0, xioctl(self->fd, TAPI_IOC_RING_STOP, NULL));
	ASSERT_EQ(0, next_buzzer(&self->emu, &on, &ms, &or0));
	EXPECT_EQ(0, on);

	/* Picking up answers: the ringing stops. */
	ASSERT_EQ(0, ring_start(self->fd, 0, 2, steps));
	do {
		ASSERT_EQ(0, next_buzzer(&self->emu, &on, &ms, &or0));
	} while (!on);
	ASSERT_EQ(0, press_hook_key(&self->emu, self->fd, KIP1000_PICKUP,
				    TAPI_HOOK_OFF, &ev));
	ASSERT_EQ(0, chan_info(self->fd, &info));
	EXPECT_EQ(0, info.ringing);
	/* The cadence may have switched it before: it ends off. */
	do {
		ASSERT_EQ(0, next_buzzer(&self->emu, &on, &ms, &or0));
	} while (on);
}

/* Unplug with the channel open: REMOVED, then -ENODEV; replug works. */
static void unplug_and_check(struct __test_metadata *_metadata,
			     FIXTURE_DATA(handset) *self)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	char node[64];
	int ret;

	ASSERT_EQ(0, emu_cmd(&self->emu, "unplug"));
	ret = ev_wait_type(self->fd, TAPI_EV_REMOVED, ~0u, PLUG_TIMEOUT_MS, &ev);
	ASSERT_EQ(0, ret) TH_LOG("no TAPI_EV_REMOVED: %s", strerror(-ret));
	EXPECT_EQ(-ENODEV, chan_info(self->fd, &info));
	EXPECT_EQ(-ENODEV, ev_get(self->fd, &ev));
	EXPECT_EQ(-ENODEV, ring_start(self->fd, 1, 2,
				      (const uint16_t[]){ 100, 100 }));
	ASSERT_EQ(0, usb_channel_wait(false, PLUG_TIMEOUT_MS));
	snprintf(node, sizeof(node), "/dev/tapi/%d", self->channel);
	close(self->fd);
	self->fd = -1;
	/* A new open finds nothing (or another device, later). */
	ret = chan_open(self->channel, 0);
	EXPECT_GT(0, ret);
	if (ret >= 0)
		close(ret);
}

static void replug_and_check(struct __test_metadata *_metadata,
			     FIXTURE_DATA(handset) *self)
{
	ASSERT_EQ(0, emu_cmd(&self->emu, "plug"));
	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	ASSERT_LE(0, self->channel);
	self->fd = usb_channel_open(self->channel);
	ASSERT_LE(0, self->fd);
	TYPE_KEY(&self->emu, self->fd, "81", '#');
}

TEST_F(handset, unplug_mid_call_then_replug)
{
	struct tapi_event ev;
	uint32_t mask = TAPI_EV_MASK_DEFAULT | TAPI_EV_MASK(TAPI_EV_CALL_STATE);
	struct tapi_call_info call;

	ASSERT_EQ(0, set_u32(self->fd, TAPI_IOC_SET_EVENT_MASK, mask));
	ASSERT_EQ(0, press_hook_key(&self->emu, self->fd, KIP1000_PICKUP,
				    TAPI_HOOK_OFF, &ev));
	ASSERT_EQ(0, ev_wait_type(self->fd, TAPI_EV_CALL_STATE, 0,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_CALL_DIALTONE, ev.value);
	ASSERT_EQ(0, set_u32(self->fd, TAPI_IOC_SET_EVENT_MASK,
			     TAPI_EV_MASK_DEFAULT));
	TYPE_KEY(&self->emu, self->fd, "14", '1');
	ASSERT_EQ(0, xioctl(self->fd, TAPI_IOC_GET_CALL, &call));
	EXPECT_NE(TAPI_CALL_IDLE, call.state);

	unplug_and_check(_metadata, self);
	replug_and_check(_metadata, self);
}

TEST_F(handset, unplug_while_ringing)
{
	static const uint16_t steps[] = { 50, 50 };
	unsigned int or0;
	long long ms;
	int on;

	/* The buzzer switching every 50 ms races the disconnect. */
	ASSERT_EQ(0, ring_start(self->fd, 0, 2, steps));
	do {
		ASSERT_EQ(0, next_buzzer(&self->emu, &on, &ms, &or0));
	} while (!on);
	unplug_and_check(_metadata, self);
	replug_and_check(_metadata, self);
}

#define PLUG_CYCLES	50

TEST_F_TIMEOUT(handset, plug_cycles, 600)
{
	int files, i;

	close(self->fd);
	self->fd = -1;
	files = open_files();
	for (i = 0; i < PLUG_CYCLES; i++) {
		ASSERT_EQ(0, emu_cmd(&self->emu, "unplug")) TH_LOG("cycle %d", i);
		ASSERT_EQ(0, usb_channel_wait(false, PLUG_TIMEOUT_MS))
			TH_LOG("cycle %d", i);
		ASSERT_EQ(0, emu_cmd(&self->emu, "plug")) TH_LOG("cycle %d", i);
		self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
		ASSERT_LE(0, self->channel) TH_LOG("cycle %d", i);
	}
	EXPECT_EQ(files, open_files());
	self->fd = usb_channel_open(self->channel);
	ASSERT_LE(0, self->fd);
	TYPE_KEY(&self->emu, self->fd, "82", '0');
}

TEST_HARNESS_MAIN
