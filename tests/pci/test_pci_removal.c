// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pci losing its card mid-call: the PCI function removed through
 * sysfs (then found again by a rescan), and the card program vanishing
 * without a word.  Open files get TAPI_EV_REMOVED and -ENODEV, and
 * nothing oopses (the VM harness scans the kernel log).
 *
 * The card program is gone after the last test, so this runs after every
 * other test of the card (tests/pci/pci.mk).
 */
#include "pci_util.h"
#include "kselftest_harness.h"

#define SKIP_NOISE	(TAPI_EV_MASK(TAPI_EV_ALARM) | \
			 TAPI_EV_MASK(TAPI_EV_MEDIA_XRUN) | \
			 TAPI_EV_MASK(TAPI_EV_CALL_STATE) | \
			 TAPI_EV_MASK(TAPI_EV_TONE))
/* The driver's watchdog gives a silent card 2 s; emulation is slow. */
#define LOST_TIMEOUT_MS	15000

FIXTURE(removal) {
	struct pcicard card;
};

FIXTURE_SETUP(removal)
{
	ASSERT_EQ(0, pcicard_open(&self->card));
	ASSERT_EQ((int)self->card.nports, pcicard_channels(&self->card));
}

FIXTURE_TEARDOWN(removal)
{
	pcicard_close(&self->card);
}

static int first_port(struct pcicard *c, uint32_t type)
{
	unsigned int i;

	for (i = 0; i < c->nports; i++)
		if (c->ports[i].type == type)
			return i;
	return -1;
}

/* A file's channel is gone: the event, then -ENODEV. */
static void expect_removed(struct __test_metadata *_metadata, int fd,
			   int timeout_ms)
{
	struct tapi_chan_info info;
	struct tapi_event ev;
	char buf[16];

	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_REMOVED, SKIP_NOISE, timeout_ms,
				  &ev));
	EXPECT_EQ(-ENODEV, chan_info(fd, &info));
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
}

TEST_F(removal, pci_remove_mid_call_then_rescan)
{
	int port = first_port(&self->card, TAPI_SIG_FXS);
	uint32_t mask = TAPI_EV_MASK_ALL;
	struct tapi_call_info call;
	struct tapi_event ev;
	char path[PATH_MAX], drv[64];
	int fd;

	ASSERT_LE(0, port);
	fd = chan_open(self->card.chan[port], O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_SET_EVENT_MASK, &mask));
	ev_drain(fd);
	/* A call: the station off-hook hears dial tone, dials a digit. */
	ASSERT_EQ(0, pcicard_cmd(&self->card, "hook %d off", port));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_HOOK, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, pcicard_cmd(&self->card, "dial %d 7", port));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_DIGIT_END, SKIP_NOISE |
				  TAPI_EV_MASK(TAPI_EV_DIGIT_START),
				  EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_GET_CALL, &call));
	EXPECT_EQ(TAPI_CALL_DIALING, call.state);

	pcicard_close(&self->card);
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/remove",
		 self->card.addr);
	ASSERT_EQ(0, sysfs_write(path, "1"));
	expect_removed(_metadata, fd, EVENT_TIMEOUT_MS);
	close(fd);

	/* Found again, bound again, and still the line side's card. */
	ASSERT_EQ(0, sysfs_write("/sys/bus/pci/rescan", "1"));
	ASSERT_EQ(0, pcicard_open(&self->card));
	pci_driver_of(self->card.addr, drv, sizeof(drv));
	EXPECT_STREQ("tapi_pci", drv);
	ASSERT_EQ((int)self->card.nports, pcicard_channels(&self->card));
	fd = chan_open(self->card.chan[port], O_NONBLOCK);
	ASSERT_LE(0, fd);
	ev_drain(fd);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "hook %d on", port));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_HOOK, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_HOOK_ON, ev.value);
	close(fd);
}

/* Last: the card program exits as if killed, in a call on an FXO line. */
TEST_F(removal, card_vanishes_mid_call)
{
	int port = first_port(&self->card, TAPI_SIG_FXO);
	char path[PATH_MAX], buf[64], drv[64];
	int fd;

	ASSERT_LE(0, port);
	fd = chan_open(self->card.chan[port], O_NONBLOCK);
	ASSERT_LE(0, fd);
	ev_drain(fd);
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, dial(fd, "5", 0, 0, 0));
	/* It never answers this one. */
	EXPECT_EQ(-ETIMEDOUT, pcicard_cmd(&self->card, "vanish"));
	expect_removed(_metadata, fd, LOST_TIMEOUT_MS);
	EXPECT_EQ(-ENODEV, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	close(fd);

	ASSERT_EQ(0, pci_read_attr(self->card.addr, "card_state", buf,
				   sizeof(buf)));
	EXPECT_STREQ("lost", buf);
	pci_driver_of(self->card.addr, drv, sizeof(drv));
	EXPECT_STREQ("tapi_pci", drv);
	EXPECT_EQ(-ENODEV, pcicard_channels(&self->card));
	/* Removing the function of a lost card is quiet too. */
	pcicard_close(&self->card);
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/remove",
		 self->card.addr);
	EXPECT_EQ(0, sysfs_write(path, "1"));
}

TEST_HARNESS_MAIN
