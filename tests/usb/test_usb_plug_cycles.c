// SPDX-License-Identifier: GPL-2.0
/*
 * Endurance: the emulated CM109 handset (tests/usb/cm109-emu.c, HID and
 * USB audio) unplugged and plugged PLUG_CYCLES times.  Each cycle goes
 * all the way through the kernel and udev: the unplug waits until
 * tapi_usb's channel and snd-usb-audio's card are gone, the plug until
 * both are back and udevd has made the channel's by-path link.
 *
 * Afterwards nothing may have grown:
 *  - the test's own open files, exactly;
 *  - the system's allocated file handles (/proc/sys/fs/file-nr, first
 *    field), within FILES_TOLERANCE (udevd and its workers come and go);
 *  - kernel memory in the slab caches that a leaked device, URB, request
 *    or card would stay in: the kmalloc caches (bytes; not kmalloc-cg-*,
 *    which user space's pipes and buffers use) and the kernfs
 *    node cache (objects: every sysfs file of a device is one).  Each
 *    cache is shrunk first (/sys/kernel/slab/<cache>/shrink), which
 *    empties the per-CPU slabs so "objects" counts what is in use.
 *    Tolerance: KMALLOC_TOLERANCE bytes and KERNFS_TOLERANCE nodes over
 *    the whole run, i.e. less than one leaked 330-byte object or one
 *    kernfs node per cycle; a leaked channel or card (dozens of sysfs
 *    nodes, kilobytes) fails at once.  Objects freed through RCU are
 *    waited for: the measurement is repeated (bounded) until it is back
 *    within the tolerance.
 *
 *    One known leak is the kernel's, not ours, and is allowed for
 *    exactly: Debian's 6.1 ALSA core loses a hot-unplugged card's
 *    /proc/asound entries (sound/core/info.c: snd_info_card_disconnect()
 *    sets card->proc_root to NULL after removing the proc files, so
 *    snd_info_card_free() frees nothing).  Each struct snd_info_entry is
 *    a kmalloc-192 object plus its kstrdup'ed name; slub_debug=U showed
 *    them as the whole growth (206 of each per card entry after 206
 *    cycles).  Both cards of a cycle leak: snd-usb-audio's and f_uac1's
 *    gadget card.  The allowance is counted from /proc/asound: the
 *    card's own entries, i.e. its directory, its id link and the files
 *    directly in it (subdirectories such as pcm0p belong to components
 *    that free their own entries).
 *  - and no oops (the VM harness checks the kernel log after each test).
 *
 * WARMUP_CYCLES come first, so one-time allocations (the first card's
 * ALSA state, udevd's caches, workqueue threads) are not counted.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include "../kernel/test_core_util.h"
#include "kselftest_harness.h"
#include "usb_util.h"

#ifndef PLUG_CYCLES
#define PLUG_CYCLES		200
#endif
#define WARMUP_CYCLES		5
#define CARD_TIMEOUT_MS		20000
#define UDEV_TIMEOUT_MS		20000
#define FILES_TOLERANCE		16
#define KMALLOC_TOLERANCE	(64 * 1024)
#define KERNFS_TOLERANCE	(PLUG_CYCLES / 2)
#define SETTLE_TRIES		60
#define SLAB_DIR		"/sys/kernel/slab"
#define SND_INFO_ENTRY_BYTES	192	/* kmalloc-192 on x86_64 */

struct usage {
	long files;		/* this process's open files */
	long file_handles;	/* the system's, /proc/sys/fs/file-nr */
	long kmalloc_bytes;
	long kernfs_nodes;
};

static long read_long(const char *fmt, const char *name)
{
	char path[300], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), fmt, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

static void write_one(const char *fmt, const char *name)
{
	char path[300];
	int fd;

	snprintf(path, sizeof(path), fmt, name);
	fd = open(path, O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "1", 1) != 1)
			perror(path);
		close(fd);
	}
}

#define MAX_CACHES	128

/* A cache counted: its directory (merged caches share one) and usage. */
struct cache {
	char real[128];
	char name[NAME_MAX + 1];
	long bytes;
};

static struct cache caches_before[MAX_CACHES], caches_after[MAX_CACHES];

/*
 * Shrink and sum the caches whose name (or an alias's) is kmalloc-*,
 * each merged cache once; the kernfs node cache's objects.
 */
static int slab_usage(struct usage *u, struct cache *caches)
{
	unsigned int ncaches = 0, i;
	char path[300], *real;
	struct dirent *de;
	DIR *dir;

	u->kmalloc_bytes = 0;
	memset(caches, 0, MAX_CACHES * sizeof(*caches));
	write_one(SLAB_DIR "/%s/shrink", "kernfs_node_cache");
	u->kernfs_nodes = read_long(SLAB_DIR "/%s/objects", "kernfs_node_cache");
	if (u->kernfs_nodes < 0)
		return u->kernfs_nodes;
	dir = opendir(SLAB_DIR);
	if (!dir)
		return -errno;
	while ((de = readdir(dir)) && ncaches < MAX_CACHES) {
		long objects, size;

		/* kmalloc-cg-*: memory charged to user space's cgroups
		 * (pipe buffers and the like of udevd and this test).
		 */
		if (strncmp(de->d_name, "kmalloc-", 8) ||
		    !strncmp(de->d_name, "kmalloc-cg-", 11))
			continue;
		snprintf(path, sizeof(path), SLAB_DIR "/%s", de->d_name);
		real = realpath(path, NULL);
		if (!real)
			continue;
		for (i = 0; i < ncaches && strcmp(caches[i].real, real); i++)
			;
		if (i == ncaches) {
			write_one(SLAB_DIR "/%s/shrink", de->d_name);
			objects = read_long(SLAB_DIR "/%s/objects", de->d_name);
			size = read_long(SLAB_DIR "/%s/object_size", de->d_name);
			if (objects >= 0 && size >= 0) {
				snprintf(caches[i].real, sizeof(caches[i].real),
					 "%s", real);
				snprintf(caches[i].name, sizeof(caches[i].name),
					 "%s", de->d_name);
				caches[i].bytes = objects * size;
				u->kmalloc_bytes += objects * size;
				ncaches++;
			}
		}
		free(real);
	}
	closedir(dir);
	return 0;
}

/* Say which caches grew by more than a page. */
static void log_growth(struct __test_metadata *_metadata)
{
	unsigned int i, j;

	for (i = 0; i < MAX_CACHES && caches_after[i].real[0]; i++) {
		long before = 0;

		for (j = 0; j < MAX_CACHES && caches_before[j].real[0]; j++)
			if (!strcmp(caches_before[j].real, caches_after[i].real))
				before = caches_before[j].bytes;
		if (caches_after[i].bytes - before > 4096)
			TH_LOG("  %s: %+ld bytes", caches_after[i].name,
			       caches_after[i].bytes - before);
	}
}

static int measure(struct usage *u, struct cache *caches)
{
	FILE *f = fopen("/proc/sys/fs/file-nr", "r");
	int ret;

	if (!f)
		return -errno;
	ret = fscanf(f, "%ld", &u->file_handles) == 1 ? 0 : -EIO;
	fclose(f);
	u->files = open_files();
	return ret ? ret : slab_usage(u, caches);
}

/* kmalloc's size class of @n bytes (8, 16, 32, 64, 96, 128, 192, ...). */
static long kmalloc_size(long n)
{
	long size = 8;

	if (n > 64 && n <= 96)
		return 96;
	if (n > 128 && n <= 192)
		return 192;
	while (size < n)
		size *= 2;
	return size;
}

/* One snd_info entry named @name. */
static long snd_info_entry_bytes(const char *name)
{
	return SND_INFO_ENTRY_BYTES + kmalloc_size(strlen(name) + 1);
}

/* What the ALSA core loses when @card goes (see the top). */
static long card_unplug_leak(int card)
{
	long bytes;
	char path[512], id[64];
	struct dirent *de;
	struct stat st;
	DIR *dir;

	if (card < 0 || sound_card_attr(card, "id", id, sizeof(id)))
		return 0;
	snprintf(path, sizeof(path), "card%d", card);
	bytes = snd_info_entry_bytes(path) + snd_info_entry_bytes(id);
	snprintf(path, sizeof(path), "/proc/asound/card%d", card);
	dir = opendir(path);
	if (!dir)
		return bytes;
	while ((de = readdir(dir))) {
		snprintf(path, sizeof(path), "/proc/asound/card%d/%s", card,
			 de->d_name);
		if (de->d_name[0] != '.' && !lstat(path, &st) &&
		    !S_ISDIR(st.st_mode))
			bytes += snd_info_entry_bytes(de->d_name);
	}
	closedir(dir);
	return bytes;
}

/* The kernel's own per-cycle loss, set once the handset is plugged. */
static long alsa_leak_per_cycle;

static bool within(const struct usage *before, const struct usage *after)
{
	long allowed = KMALLOC_TOLERANCE + PLUG_CYCLES * alsa_leak_per_cycle;

	return after->files == before->files &&
	       after->file_handles - before->file_handles <= FILES_TOLERANCE &&
	       after->kmalloc_bytes - before->kmalloc_bytes <= allowed &&
	       after->kernfs_nodes - before->kernfs_nodes <= KERNFS_TOLERANCE;
}

FIXTURE(cycles) {
	struct emu emu;
	int channel;
	char card_id[64];
};

/* Plugged: the channel, its sound card and udevd's link are there. */
static int wait_plugged(FIXTURE_DATA(cycles) *self)
{
	int64_t end = now_ms() + UDEV_TIMEOUT_MS;
	char link[256];
	int card;

	self->channel = usb_channel_wait(true, PLUG_TIMEOUT_MS);
	if (self->channel < 0)
		return -ENODEV;
	card = usb_handset_card_wait(self->channel, true, CARD_TIMEOUT_MS);
	if (card < 0)
		return -ENOENT;
	if (sound_card_attr(card, "id", self->card_id, sizeof(self->card_id)))
		return -EIO;
	if (!udev_running())
		return 0;
	while (by_path_link(self->channel, link, sizeof(link))) {
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(10);
	}
	return 0;
}

/* Unplugged: channel and card gone. */
static int wait_unplugged(FIXTURE_DATA(cycles) *self)
{
	if (usb_channel_wait(false, PLUG_TIMEOUT_MS))
		return -EBUSY;
	return sound_card_by_id_wait(self->card_id, false, CARD_TIMEOUT_MS);
}

FIXTURE_SETUP(cycles)
{
	self->emu.pid = 0;
	if (access(UDC_DIR, F_OK))
		SKIP(return, "no %s: dummy_hcd is not loaded", UDC_DIR);
	if (access("/sys/module/" USB_DRIVER, F_OK) ||
	    access("/sys/module/snd_usb_audio", F_OK))
		SKIP(return, "%s or snd-usb-audio is not loaded", USB_DRIVER);
	ASSERT_EQ(-ETIMEDOUT, usb_channel_wait(true, 0))
		TH_LOG("a handset is plugged in already");
	ASSERT_EQ(0, emu_start(&self->emu));
	ASSERT_EQ(0, emu_expect(&self->emu, "plugged", PLUG_TIMEOUT_MS,
				NULL, 0));
	ASSERT_EQ(0, wait_plugged(self));
}

FIXTURE_TEARDOWN(cycles)
{
	emu_stop(&self->emu);
	usb_channel_wait(false, PLUG_TIMEOUT_MS);
}

static int cycle(FIXTURE_DATA(cycles) *self)
{
	int ret = emu_cmd(&self->emu, "unplug");

	if (!ret)
		ret = wait_unplugged(self);
	if (!ret)
		ret = emu_cmd(&self->emu, "plug");
	if (!ret)
		ret = wait_plugged(self);
	return ret;
}

TEST_F_TIMEOUT(cycles, plug_unplug_leaks_nothing, 1800)
{
	struct usage before, after;
	int64_t start;
	long allowed;
	int fd;
	int i, tries;

	for (i = 0; i < WARMUP_CYCLES; i++) {
		ASSERT_EQ(0, cycle(self)) TH_LOG("warm-up cycle %d", i);
	}
	alsa_leak_per_cycle = card_unplug_leak(usb_handset_card(self->channel)) +
			      card_unplug_leak(sound_card_by_id(GADGET_CARD_ID));
	TH_LOG("allowed for the ALSA core's proc entries: %ld bytes a cycle",
	       alsa_leak_per_cycle);
	ASSERT_EQ(0, measure(&before, caches_before)) TH_LOG("no %s?", SLAB_DIR);

	start = now_ms();
	for (i = 0; i < PLUG_CYCLES; i++) {
		ASSERT_EQ(0, cycle(self)) TH_LOG("cycle %d", i);
	}
	TH_LOG("%d cycles in %lld ms (%lld ms each)", PLUG_CYCLES,
	       (long long)(now_ms() - start),
	       (long long)(now_ms() - start) / PLUG_CYCLES);

	/* RCU and deferred work free some of it a little later. */
	for (tries = 0; tries < SETTLE_TRIES; tries++) {
		ASSERT_EQ(0, measure(&after, caches_after));
		if (within(&before, &after))
			break;
		sleep_ms(500);
	}
	TH_LOG("own files %ld -> %ld, file handles %ld -> %ld",
	       before.files, after.files, before.file_handles,
	       after.file_handles);
	TH_LOG("kmalloc %ld -> %ld bytes (%+ld), kernfs nodes %ld -> %ld (%+ld)",
	       before.kmalloc_bytes, after.kmalloc_bytes,
	       after.kmalloc_bytes - before.kmalloc_bytes,
	       before.kernfs_nodes, after.kernfs_nodes,
	       after.kernfs_nodes - before.kernfs_nodes);
	log_growth(_metadata);
	allowed = KMALLOC_TOLERANCE + PLUG_CYCLES * alsa_leak_per_cycle;
	EXPECT_EQ(before.files, after.files);
	EXPECT_GE(FILES_TOLERANCE, after.file_handles - before.file_handles);
	EXPECT_GE(allowed, after.kmalloc_bytes - before.kmalloc_bytes);
	EXPECT_GE(KERNFS_TOLERANCE, after.kernfs_nodes - before.kernfs_nodes);

	/* And the handset still works. */
	fd = usb_channel_open(self->channel);
	ASSERT_LE(0, fd);
	close(fd);
}

TEST_HARNESS_MAIN
