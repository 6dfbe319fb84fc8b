// SPDX-License-Identifier: GPL-2.0
/*
 * test_chardev_remove - hot unplug and module lifetime of tapi_core's
 * character devices: a card removed while its channels are open wakes
 * every waiter, queues TAPI_EV_REMOVED and turns every later call into
 * ENODEV; its device nodes go and its numbers come back; and a driver
 * module cannot be unloaded while one of its channels is open, but can
 * after, and loads again (from /lib/modules/<release>/extra/, where the
 * VM harness installs our modules).
 */
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#include "kselftest_harness.h"
#include "test_core_util.h"

#define QUEUE_LEN 128

FIXTURE(removal) {
	int sim;
	struct tapi_sim_card card;
	bool removed;
	unsigned int fxs, fxo;
};

FIXTURE_SETUP(removal)
{
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, 1, 1, &self->card));
	self->fxs = self->card.first_channel;
	self->fxo = self->card.first_channel + 1;
}

FIXTURE_TEARDOWN(removal)
{
	if (self->sim < 0)
		return;
	if (!self->removed)
		sim_card_remove(self->sim, self->card.card);
	close(self->sim);
}

struct waiter {
	int fd;
	short events;
	int ret;		/* poll()'s or read()'s result */
	int err;
	short revents;
};

static void *poll_waiter(void *arg)
{
	struct waiter *w = arg;
	struct pollfd pfd = { .fd = w->fd, .events = w->events };

	w->ret = poll(&pfd, 1, 60000);
	w->err = errno;
	w->revents = pfd.revents;
	return NULL;
}

static void *read_waiter(void *arg)
{
	struct waiter *w = arg;
	char buf[320];

	/* Blocks: its capture starts now and the card is about to go. */
	do {
		w->ret = read(w->fd, buf, sizeof(buf));
		w->err = errno;
	} while (w->ret > 0);
	return NULL;
}

TEST_F(removal, open_files_are_woken_and_cut_off)
{
	int reader = chan_open(self->fxs, 0);
	int poller = chan_open(self->fxs, 0);
	int fxo = chan_open(self->fxo, 0);
	struct waiter r = { .fd = reader };
	struct waiter p = { .fd = poller, .events = POLLPRI | POLLIN };
	struct tapi_chan_info info;
	struct tapi_event ev;
	pthread_t rt, pt;
	struct stat st;
	char path[64];
	uint8_t buf[320] = { 0 };

	ASSERT_LE(0, reader);
	ASSERT_LE(0, poller);
	ASSERT_LE(0, fxo);
	/* The poller wants no events, so only the removal wakes it. */
	ASSERT_EQ(0, set_u32(poller, TAPI_IOC_SET_EVENT_MASK, 0));
	/* Something queued before the removal is still handed out. */
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	ASSERT_EQ(0, pthread_create(&rt, NULL, read_waiter, &r));
	ASSERT_EQ(0, pthread_create(&pt, NULL, poll_waiter, &p));
	sleep_ms(300);	/* let them block; the result does not depend on it */

	ASSERT_EQ(0, sim_card_remove(self->sim, self->card.card));
	self->removed = true;
	ASSERT_EQ(0, pthread_join(rt, NULL));
	ASSERT_EQ(0, pthread_join(pt, NULL));
	EXPECT_EQ(-1, r.ret);
	EXPECT_EQ(ENODEV, r.err);
	EXPECT_EQ(1, p.ret);
	EXPECT_TRUE(p.revents & POLLHUP) TH_LOG("revents 0x%x", p.revents);
	EXPECT_TRUE(p.revents & POLLERR) TH_LOG("revents 0x%x", p.revents);

	/* Queued events first, REMOVED last, then ENODEV. */
	ASSERT_EQ(0, ev_get(reader, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	ASSERT_EQ(0, ev_get(reader, &ev));
	EXPECT_EQ(TAPI_EV_REMOVED, ev.type);
	EXPECT_EQ(-ENODEV, ev_get(reader, &ev));
	ASSERT_EQ(0, ev_get(poller, &ev));	/* masked, but still told */
	EXPECT_EQ(TAPI_EV_REMOVED, ev.type);
	EXPECT_EQ(-ENODEV, ev_get(poller, &ev));
	ASSERT_EQ(0, ev_get(fxo, &ev));
	EXPECT_EQ(TAPI_EV_REMOVED, ev.type);
	EXPECT_EQ(-ENODEV, ev_get(fxo, &ev));

	/* Every other call: ENODEV. */
	EXPECT_EQ(-ENODEV, chan_info(reader, &info));
	EXPECT_EQ(-ENODEV, ring_start(reader, 1, 2, (uint16_t[]){ 100, 100 }));
	EXPECT_EQ(-ENODEV, xioctl(reader, TAPI_IOC_RING_STOP, NULL));
	EXPECT_EQ(-ENODEV, set_u32(reader, TAPI_IOC_SET_POLARITY, 1));
	EXPECT_EQ(-ENODEV, set_u32(fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_EQ(-ENODEV, dial(reader, "1", 0, 0, 0));
	EXPECT_EQ(-ENODEV, set_u32(reader, TAPI_IOC_SET_EVENT_MASK, 0));
	EXPECT_EQ(-ENODEV, set_media(reader, TAPI_FMT_S16, 160));
	EXPECT_EQ(-ENODEV, xioctl(reader, TAPI_IOC_GET_MEDIA, buf));
	EXPECT_EQ(-1, read(reader, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, write(fxo, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	p.revents = 0;
	poll_waiter(&p);
	EXPECT_EQ(POLLERR | POLLHUP | POLLPRI, p.revents);

	/* The nodes and sysfs directories are gone. */
	snprintf(path, sizeof(path), "/dev/tapi/%u", self->fxs);
	EXPECT_EQ(-1, stat(path, &st));
	EXPECT_EQ(ENOENT, errno);
	snprintf(path, sizeof(path), "/sys/class/tapi/tapi%u", self->fxs);
	EXPECT_EQ(-1, stat(path, &st));
	EXPECT_EQ(ENOENT, errno);

	EXPECT_EQ(0, close(reader));
	EXPECT_EQ(0, close(poller));
	EXPECT_EQ(0, close(fxo));
}

/* A full queue still gets OVERFLOW, then REMOVED: nothing vanishes. */
TEST_F(removal, removed_event_survives_a_full_queue)
{
	static const uint16_t cadence[] = { 10000, 10000 };
	int fd = chan_open(self->fxs, 0);
	struct tapi_event ev;
	int i;

	ASSERT_LE(0, fd);
	for (i = 0; i < QUEUE_LEN / 2 + 5; i++) {
		ASSERT_EQ(0, ring_start(fd, 0, 2, cadence));
		ASSERT_EQ(0, xioctl(fd, TAPI_IOC_RING_STOP, NULL));
	}
	ASSERT_EQ(0, sim_card_remove(self->sim, self->card.card));
	self->removed = true;
	for (i = 1; i <= QUEUE_LEN; i++) {
		ASSERT_EQ(0, ev_get(fd, &ev));
		ASSERT_EQ(TAPI_EV_RING, ev.type);
	}
	ASSERT_EQ(0, ev_get(fd, &ev));
	EXPECT_EQ(TAPI_EV_OVERFLOW, ev.type);
	EXPECT_EQ(10, ev.value);
	ASSERT_EQ(0, ev_get(fd, &ev));
	EXPECT_EQ(TAPI_EV_REMOVED, ev.type);
	EXPECT_EQ(QUEUE_LEN + 2, ev.seq);
	EXPECT_EQ(-ENODEV, ev_get(fd, &ev));
	EXPECT_EQ(0, close(fd));
}

/* The numbers come back, and the old file still belongs to the old card. */
TEST_F(removal, numbers_are_reused_by_a_new_card_not_by_old_files)
{
	struct tapi_sim_card again;
	struct tapi_chan_info info;
	struct tapi_event ev_scratch;
	int old = chan_open(self->fxs, 0), fresh;
	char path[64];

	ASSERT_LE(0, old);
	ASSERT_EQ(0, sim_card_remove(self->sim, self->card.card));
	self->removed = true;
	snprintf(path, sizeof(path), "/dev/tapi/%u", self->fxs);
	EXPECT_EQ(-1, open(path, O_RDWR));
	EXPECT_EQ(ENOENT, errno);

	ASSERT_EQ(0, sim_card_add(self->sim, 1, 1, &again));
	if (again.first_channel != self->fxs) {
		sim_card_remove(self->sim, again.card);
		SKIP(return, "another card took the numbers");
	}
	fresh = chan_open(self->fxs, 0);
	ASSERT_LE(0, fresh);
	EXPECT_EQ(0, chan_info(fresh, &info));
	EXPECT_EQ(again.card, info.card);
	EXPECT_EQ(-ENODEV, chan_info(old, &info));
	/* Events of the new card do not reach the old file. */
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	EXPECT_EQ(0, ev_wait(fresh, EVENT_TIMEOUT_MS, &ev_scratch));
	close(fresh);
	EXPECT_EQ(0, ev_get(old, &ev_scratch));
	EXPECT_EQ(TAPI_EV_REMOVED, ev_scratch.type);
	EXPECT_EQ(-ENODEV, ev_get(old, &ev_scratch));
	close(old);
	EXPECT_EQ(0, sim_card_remove(self->sim, again.card));
}

/* --- module lifetime ------------------------------------------------------ */

static int delete_module(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

static bool module_loaded(const char *name)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	return stat(path, &st) == 0;
}

static int load_module(const char *name, const char *params)
{
	struct utsname uts;
	char path[256];
	int fd, ret;

	uname(&uts);
	snprintf(path, sizeof(path), "/lib/modules/%s/extra/%s.ko", uts.release,
		 name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	return ret;
}

/* "nfxs=2 nfxo=2": the parameters the sim runs with, to load it again alike. */
static void sim_params(char *buf, size_t size)
{
	char v1[16] = "2", v2[16] = "2";
	FILE *f;

	f = fopen("/sys/module/tapi_sim/parameters/nfxs", "r");
	if (f) {
		if (!fscanf(f, "%15s", v1))
			strcpy(v1, "2");
		fclose(f);
	}
	f = fopen("/sys/module/tapi_sim/parameters/nfxo", "r");
	if (f) {
		if (!fscanf(f, "%15s", v2))
			strcpy(v2, "2");
		fclose(f);
	}
	snprintf(buf, size, "nfxs=%s nfxo=%s", v1, v2);
}

/* How many channels of the tapi class belong to @driver. */
static int class_devices_of(const char *driver)
{
	char buf[64];
	struct dirent *de;
	unsigned int ch;
	int n = 0;
	DIR *dir = opendir("/sys/class/tapi");

	if (!dir)
		return 0;
	while ((de = readdir(dir)))
		if (sscanf(de->d_name, "tapi%u", &ch) == 1 &&
		    sysfs_attr(ch, "driver", buf, sizeof(buf)) == 0 &&
		    !strcmp(buf, driver))
			n++;
	closedir(dir);
	return n;
}

static bool only_holder_is(const char *module, const char *holder)
{
	char path[128];
	struct dirent *de;
	bool only = true;
	DIR *dir;

	snprintf(path, sizeof(path), "/sys/module/%s/holders", module);
	dir = opendir(path);
	if (!dir)
		return false;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.' && strcmp(de->d_name, holder))
			only = false;
	closedir(dir);
	return only;
}

TEST(unload_is_refused_while_a_channel_is_open)
{
	struct tapi_sim_card card;
	struct tapi_chan_info info;
	char params[64];
	int sim, fd, ret;

	if (!module_loaded("tapi_sim"))
		SKIP(return, "tapi_sim is not loaded");
	sim_params(params, sizeof(params));
	sim = sim_open();
	ASSERT_LE(0, sim);
	ASSERT_EQ(0, sim_card_add(sim, 1, 0, &card));
	fd = chan_open(card.first_channel, 0);
	ASSERT_LE(0, fd);
	close(sim);

	ret = delete_module("tapi_sim");
	EXPECT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY) TH_LOG("%s", strerror(-ret));
	EXPECT_TRUE(module_loaded("tapi_sim"));
	/* The core is in use by the driver. */
	ret = delete_module("tapi_core");
	EXPECT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY) TH_LOG("%s", strerror(-ret));
	/* The channel still works. */
	EXPECT_EQ(0, chan_info(fd, &info));
	EXPECT_EQ(card.card, info.card);

	EXPECT_EQ(0, close(fd));
	ASSERT_EQ(0, delete_module("tapi_sim"));
	EXPECT_FALSE(module_loaded("tapi_sim"));
	EXPECT_EQ(-1, access(SIM_DEV, F_OK));
	/* The sim's cards went with it. */
	EXPECT_EQ(0, class_devices_of(SIM_DRIVER));

	/* The core itself unloads and loads again when nothing else uses it. */
	if (only_holder_is("tapi_core", "")) {
		EXPECT_EQ(0, delete_module("tapi_core"));
		EXPECT_FALSE(module_loaded("tapi_core"));
		EXPECT_EQ(0, load_module("tapi_core", ""));
	} else {
		TH_LOG("tapi_core has other users: not reloading it");
	}

	ASSERT_EQ(0, load_module("tapi_sim", params)) TH_LOG("insmod tapi_sim %s", params);
	EXPECT_TRUE(module_loaded("tapi_sim"));
	sim = sim_open();
	ASSERT_LE(0, sim);
	close(sim);
}

/* After the reload the default card is back and works. */
TEST(reloaded_driver_works)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	struct tapi_sim_card card;
	int sim, fd;

	sim = sim_open();
	if (sim < 0)
		SKIP(return, "no %s", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(sim, 1, 0, &card));
	fd = chan_open(card.first_channel, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, chan_info(fd, &info));
	EXPECT_EQ(TAPI_ABI_VERSION, info.abi_version);
	ASSERT_EQ(0, sim_cmd(sim, TAPI_SIM_IOC_PHONE_HOOK, card.first_channel, 1));
	ASSERT_EQ(0, ev_wait(fd, EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	close(fd);
	EXPECT_EQ(0, sim_card_remove(sim, card.card));
	close(sim);
}

TEST_HARNESS_MAIN
