/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the tapi_pci tests in the VM: find the emulated card (an
 * ivshmem-doorbell function bound to tapi_pci), map its BAR2 through
 * sysfs to drive the far ends of its lines (the card program's control
 * page, <linux/tapi_pcicard.h>), and find its channels.
 */
#ifndef TEST_PCI_UTIL_H
#define TEST_PCI_UTIL_H

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <linux/tapi_pcicard.h>
#include "../kernel/test_core_util.h"

#define PCI_DEVICES	"/sys/bus/pci/devices"
#define PCI_DRIVER_DIR	"/sys/bus/pci/drivers/tapi_pci"

struct pcicard {
	char addr[32];			/* e.g. 0000:00:04.0 */
	int fd;
	size_t len;
	volatile uint8_t *mem;
	volatile struct tapi_pcicard_header *hdr;
	volatile struct tapi_pcicard_port *ports;
	volatile struct tapi_pcicard_control *ctl;
	unsigned int nports;
	int chan[TAPI_PCICARD_PORTS_MAX];	/* channel number per port */
};

static inline int pci_read_attr(const char *addr, const char *attr,
				char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/%s", addr, attr);
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

static inline long long pci_attr_num(const char *addr, const char *attr)
{
	char buf[64];

	if (pci_read_attr(addr, attr, buf, sizeof(buf)))
		return -1;
	return strtoll(buf, NULL, 0);
}

/* Write a sysfs file; 0 or -errno of the write. */
static inline int sysfs_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* The driver bound to a PCI function, "" for none. */
static inline void pci_driver_of(const char *addr, char *buf, size_t size)
{
	char path[PATH_MAX], link[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver", addr);
	n = readlink(path, link, sizeof(link) - 1);
	buf[0] = '\0';
	if (n > 0) {
		link[n] = '\0';
		snprintf(buf, size, "%s", strrchr(link, '/') + 1);
	}
}

/*
 * The ivshmem functions: @want_signature picks ours (the signature in
 * BAR2) or the others.  Returns how many, with the first one's address.
 */
static inline int ivshmem_find(bool want_signature, char *addr, size_t size)
{
	DIR *d = opendir(PCI_DEVICES);
	struct dirent *de;
	int found = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[PATH_MAX];
		uint32_t sig = 0;
		int fd;

		if (de->d_name[0] == '.' ||
		    pci_attr_num(de->d_name, "vendor") != TAPI_PCICARD_VENDOR ||
		    pci_attr_num(de->d_name, "device") != TAPI_PCICARD_DEVICE)
			continue;
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/resource2",
			 de->d_name);
		fd = open(path, O_RDONLY);
		if (fd >= 0) {
			void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);

			if (m != MAP_FAILED) {
				sig = *(volatile uint32_t *)m;
				munmap(m, 4096);
			}
			close(fd);
		}
		if ((sig == TAPI_PCICARD_SIGNATURE) != want_signature)
			continue;
		if (!found++)
			snprintf(addr, size, "%s", de->d_name);
	}
	closedir(d);
	return found;
}

/* Channels of the card at @addr, by port; 0 or -ENODEV. */
static inline int pcicard_channels(struct pcicard *c)
{
	char want[TAPI_NAME_LEN];
	unsigned int n, found = 0;

	snprintf(want, sizeof(want), "tpci-%s", c->addr);
	for (n = 0; n < TAPI_PCICARD_PORTS_MAX; n++)
		c->chan[n] = -1;
	for (n = 0; n < 256; n++) {
		struct tapi_chan_info info;
		int fd = chan_open(n, O_RDONLY);

		if (fd < 0)
			continue;
		if (!chan_info(fd, &info) && !strcmp(info.card_name, want) &&
		    info.card_channel < TAPI_PCICARD_PORTS_MAX) {
			c->chan[info.card_channel] = n;
			found++;
		}
		close(fd);
	}
	return found ? (int)found : -ENODEV;
}

static inline int pcicard_open(struct pcicard *c)
{
	char path[PATH_MAX];
	struct stat st;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	if (ivshmem_find(true, c->addr, sizeof(c->addr)) < 1)
		return -ENODEV;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/resource2", c->addr);
	c->fd = open(path, O_RDWR | O_SYNC);
	if (c->fd < 0 || fstat(c->fd, &st))
		return -errno;
	c->len = st.st_size;
	c->mem = mmap(NULL, c->len, PROT_READ | PROT_WRITE, MAP_SHARED,
		      c->fd, 0);
	if (c->mem == MAP_FAILED)
		return -errno;
	c->hdr = (volatile void *)c->mem;
	c->nports = c->hdr->nports;
	c->ports = (volatile void *)(c->mem + c->hdr->ports_offset);
	c->ctl = (volatile void *)(c->mem + c->hdr->control_offset);
	return 0;
}

static inline void pcicard_close(struct pcicard *c)
{
	if (c->mem && c->mem != MAP_FAILED)
		munmap((void *)c->mem, c->len);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->mem = NULL;
}

/*
 * Run a command of the card program (tools/tapi-pcicard) through the
 * control page; 0 or its -errno, -ETIMEDOUT if it never answered.
 */
static inline int pcicard_cmd(struct pcicard *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int pcicard_cmd(struct pcicard *c, const char *fmt, ...)
{
	volatile struct tapi_pcicard_control *ctl = c->ctl;
	char text[TAPI_PCICARD_TEXT_LEN];
	uint32_t seq = ctl->done_seq + 1;
	int64_t end = now_ms() + EVENT_TIMEOUT_MS;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	memcpy((void *)ctl->text, text, sizeof(text));
	__atomic_thread_fence(__ATOMIC_RELEASE);
	ctl->cmd_seq = seq;
	while (ctl->done_seq != seq) {
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(1);
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return ctl->result;
}

static inline uint64_t pcicard_frames(struct pcicard *c)
{
	return c->hdr->card_frames;
}

/* Wait until @cond holds (polled every ms); false on timeout. */
#define WAIT_FOR(cond, ms) ({						\
	int64_t __end = now_ms() + (ms);				\
	bool __ok;							\
	while (!(__ok = (cond)) && now_ms() < __end)			\
		sleep_ms(1);						\
	__ok; })

#endif /* TEST_PCI_UTIL_H */
