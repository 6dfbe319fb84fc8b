// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pci against the emulated card (tools/tapi-pcicard behind QEMU's
 * ivshmem-doorbell): probe, the card's frame interrupts as the media
 * clock, signalling both ways on FXS and FXO ports, DTMF both ways, audio
 * through the rings, ring overruns, and a BAR2 without our signature.
 *
 * The card program serves the line side: this test drives it through
 * the control page of BAR2 (tests/pci/pci_util.h).  The card has two FXS
 * ports then two FXO ports (its defaults, tests/pci/pci.mk).
 */
#include "pci_util.h"
#include "kselftest_harness.h"

/* Events a card under emulation may add at any time. */
#define SKIP_NOISE	(TAPI_EV_MASK(TAPI_EV_ALARM) | \
			 TAPI_EV_MASK(TAPI_EV_MEDIA_XRUN))
#define CLOCK_FRAMES	10000	/* 10 s of card time */

FIXTURE(pci) {
	struct pcicard card;
	int fxs;		/* first FXS port */
	int fxo;		/* first FXO port */
};

FIXTURE_SETUP(pci)
{
	unsigned int i;

	ASSERT_EQ(0, pcicard_open(&self->card)) {
		TH_LOG("no ivshmem function with the tapi card's signature: is tools/tapi-pcicard running (tests/pci/pci.mk)?");
	}
	ASSERT_EQ((int)self->card.nports, pcicard_channels(&self->card));
	self->fxs = self->fxo = -1;
	for (i = 0; i < self->card.nports; i++) {
		if (self->card.ports[i].type == TAPI_SIG_FXS && self->fxs < 0)
			self->fxs = i;
		if (self->card.ports[i].type == TAPI_SIG_FXO && self->fxo < 0)
			self->fxo = i;
	}
	ASSERT_LE(0, self->fxs);
	ASSERT_LE(0, self->fxo);
}

FIXTURE_TEARDOWN(pci)
{
	if (self->card.mem) {
		pcicard_cmd(&self->card, "hook %d on", self->fxs);
		pcicard_cmd(&self->card, "ring %d off", self->fxo);
		pcicard_cmd(&self->card, "polarity %d normal", self->fxo);
		pcicard_cmd(&self->card, "loop %d off", self->fxs);
		pcicard_cmd(&self->card, "clear %d", self->fxo);
	}
	pcicard_close(&self->card);
}

static int open_port(struct pcicard *c, int port)
{
	int fd = chan_open(c->chan[port], O_NONBLOCK);

	if (fd >= 0)
		ev_drain(fd);
	return fd;
}

TEST_F(pci, probe)
{
	char buf[64], drv[64];
	unsigned int i;

	pci_driver_of(self->card.addr, drv, sizeof(drv));
	EXPECT_STREQ("tapi_pci", drv);
	ASSERT_EQ(0, pci_read_attr(self->card.addr, "irq_mode", buf, sizeof(buf)));
	EXPECT_STREQ("msix 2", buf);
	ASSERT_EQ(0, pci_read_attr(self->card.addr, "card_state", buf, sizeof(buf)));
	EXPECT_STREQ("running", buf);
	EXPECT_EQ(4u, self->card.nports);

	for (i = 0; i < self->card.nports; i++) {
		struct tapi_chan_info info;
		uint32_t type = self->card.ports[i].type;
		char name[TAPI_NAME_LEN];
		int fd = chan_open(self->card.chan[i], 0);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, chan_info(fd, &info));
		EXPECT_EQ(type, info.signalling);
		EXPECT_STREQ("tapi_pci", info.driver);
		snprintf(name, sizeof(name), "tpci-%s/%s%u", self->card.addr,
			 type == TAPI_SIG_FXS ? "fxs" : "fxo", i);
		EXPECT_STREQ(name, info.name);
		EXPECT_TRUE(info.caps & TAPI_CAP_HW_CLOCK);
		EXPECT_TRUE(info.caps & TAPI_CAP_MEDIA);
		if (type == TAPI_SIG_FXS) {
			EXPECT_EQ(TAPI_CAP_HOOK_DETECT | TAPI_CAP_RING |
				  TAPI_CAP_POLARITY,
				  info.caps & (TAPI_CAP_HOOK_DETECT |
					       TAPI_CAP_RING | TAPI_CAP_POLARITY |
					       TAPI_CAP_HOOK_CONTROL));
		} else {
			EXPECT_EQ(TAPI_CAP_HOOK_CONTROL | TAPI_CAP_RING_DETECT |
				  TAPI_CAP_POLARITY_DETECT,
				  info.caps & (TAPI_CAP_HOOK_CONTROL |
					       TAPI_CAP_RING_DETECT |
					       TAPI_CAP_POLARITY_DETECT |
					       TAPI_CAP_RING));
		}
		close(fd);
	}
}

/* Someone else's ivshmem (pci.mk adds an ivshmem-plain): left alone. */
TEST_F(pci, foreign_ivshmem_not_claimed)
{
	char addr[32], drv[64];

	ASSERT_LE(1, ivshmem_find(false, addr, sizeof(addr)));
	pci_driver_of(addr, drv, sizeof(drv));
	EXPECT_STREQ("", drv);
}

/*
 * The card's frames are the media clock: over CLOCK_FRAMES of the card's
 * ticks, the driver handled every frame the card did not drop, and a
 * capturing file got 8 samples per frame, within 0.1 %.  Counted, not
 * timed, so a slow emulated guest passes as long as it keeps up.
 */
TEST_F(pci, media_clock)
{
	struct tapi_media_config cfg = { TAPI_FMT_S16, TAPI_FRAME_SAMPLES };
	long long f0, f1, o0, o1;
	uint64_t c0, c1, samples = 0;
	int64_t expect, got;
	int16_t block[TAPI_FRAME_SAMPLES];
	int fd = chan_open(self->card.chan[self->fxs], 0);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_SET_MEDIA, &cfg));
	c0 = pcicard_frames(&self->card);
	f0 = pci_attr_num(self->card.addr, "frames");
	o0 = pci_attr_num(self->card.addr, "rx_overruns");
	while (pcicard_frames(&self->card) - c0 < CLOCK_FRAMES) {
		ASSERT_EQ((ssize_t)sizeof(block), read(fd, block, sizeof(block)));
		samples += TAPI_FRAME_SAMPLES;
	}
	c1 = pcicard_frames(&self->card);
	f1 = pci_attr_num(self->card.addr, "frames");
	o1 = pci_attr_num(self->card.addr, "rx_overruns");
	close(fd);

	expect = (int64_t)(c1 - c0) - (o1 - o0);
	got = f1 - f0;
	TH_LOG("card %llu frames, %lld dropped; driver %lld; file %llu samples",
	       (unsigned long long)(c1 - c0), o1 - o0, (long long)got,
	       (unsigned long long)samples);
	EXPECT_LE(llabs(expect - got), (int64_t)(c1 - c0) / 1000);
	EXPECT_LE(llabs(expect - (int64_t)samples / TAPI_FRAME_SAMPLES),
		  (int64_t)(c1 - c0) / 1000);
}

TEST_F(pci, fxs_hook_and_flash)
{
	struct tapi_event ev;
	int fd = open_port(&self->card, self->fxs);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "hook %d off", self->fxs));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_HOOK, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_HOOK_OFF, ev.value);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "flash %d 300", self->fxs));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_FLASH, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_LE(250u, ev.duration_ms);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "hook %d on", self->fxs));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_HOOK, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(TAPI_HOOK_ON, ev.value);
	/* An FXS port has no hook of its own to set. */
	EXPECT_EQ(-EOPNOTSUPP, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	close(fd);
}

TEST_F(pci, fxs_ring_cadence_and_polarity)
{
	volatile struct tapi_pcicard_line *line =
		&self->card.ctl->line[self->fxs];
	uint32_t bursts = line->ring_bursts, reversals = line->reversals;
	struct tapi_event ev;
	int fd = open_port(&self->card, self->fxs);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ring_start(fd, 2, 2, (const uint16_t[]){ 200, 200 }));
	ASSERT_TRUE(WAIT_FOR(self->card.ports[self->fxs].control &
			     TAPI_PCICARD_CTL_RING, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_RING_DONE,
				  SKIP_NOISE | TAPI_EV_MASK(TAPI_EV_RING),
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(bursts + 2, line->ring_bursts);
	EXPECT_FALSE(self->card.ports[self->fxs].control & TAPI_PCICARD_CTL_RING);

	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_POLARITY, 1));
	EXPECT_TRUE(WAIT_FOR(self->card.ports[self->fxs].control &
			     TAPI_PCICARD_CTL_REVERSE, EVENT_TIMEOUT_MS));
	EXPECT_TRUE(WAIT_FOR(line->reversals == reversals + 1,
			     EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_POLARITY, 0));
	EXPECT_FALSE(self->card.ports[self->fxs].control &
		     TAPI_PCICARD_CTL_REVERSE);
	close(fd);
}

TEST_F(pci, fxo_ring_and_polarity_detect)
{
	struct tapi_event ev;
	int fd = open_port(&self->card, self->fxo);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "ring %d on", self->fxo));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_RING, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(1u, ev.value);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "ring %d off", self->fxo));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_RING, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(0u, ev.value);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "polarity %d reversed",
				 self->fxo));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_POLARITY, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(1u, ev.value);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "polarity %d normal", self->fxo));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_POLARITY, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	EXPECT_EQ(0u, ev.value);
	/* The card refuses what an FXO line cannot do. */
	EXPECT_EQ(-EINVAL, pcicard_cmd(&self->card, "hook %d off", self->fxo));
	close(fd);
}

TEST_F(pci, fxo_seize_flash_release)
{
	volatile struct tapi_pcicard_line *line =
		&self->card.ctl->line[self->fxo];
	volatile struct tapi_pcicard_port *port = &self->card.ports[self->fxo];
	uint32_t seizures = line->seizures, releases = line->releases;
	int fd = open_port(&self->card, self->fxo);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_TRUE(port->control & TAPI_PCICARD_CTL_OFFHOOK);
	EXPECT_TRUE(WAIT_FOR(line->seizures == seizures + 1, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_FLASH));
	/* The core times the flash: on-hook, then seized again. */
	EXPECT_TRUE(WAIT_FOR(line->releases == releases + 1 &&
			     line->seizures == seizures + 2, EVENT_TIMEOUT_MS));
	EXPECT_TRUE(WAIT_FOR(port->control & TAPI_PCICARD_CTL_OFFHOOK,
			     EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	EXPECT_FALSE(port->control & TAPI_PCICARD_CTL_OFFHOOK);
	EXPECT_TRUE(WAIT_FOR(line->releases == releases + 2, EVENT_TIMEOUT_MS));
	close(fd);
}

/* The card's DTMF, through the rx ring, heard by the core's receiver. */
TEST_F(pci, dtmf_card_to_core)
{
	const char *digits = "159#";
	struct tapi_event ev;
	int i, fd = open_port(&self->card, self->fxs);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "hook %d off", self->fxs));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_HOOK, SKIP_NOISE,
				  EVENT_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, pcicard_cmd(&self->card, "dial %d %s", self->fxs, digits));
	for (i = 0; digits[i]; i++) {
		ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_DIGIT_END,
					  SKIP_NOISE |
					  TAPI_EV_MASK(TAPI_EV_DIGIT_START),
					  EVENT_TIMEOUT_MS, &ev));
		EXPECT_EQ((uint32_t)digits[i], ev.value);
	}
	close(fd);
}

/* The core's DTMF, through the tx ring, heard by the card. */
TEST_F(pci, dtmf_core_to_card)
{
	volatile struct tapi_pcicard_line *line =
		&self->card.ctl->line[self->fxo];
	struct tapi_event ev;
	int fd = open_port(&self->card, self->fxo);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pcicard_cmd(&self->card, "clear %d", self->fxo));
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, dial(fd, "2468*", 0, 0, 0));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_DIAL_DONE, SKIP_NOISE |
				  TAPI_EV_MASK(TAPI_EV_DIGIT_START) |
				  TAPI_EV_MASK(TAPI_EV_DIGIT_END),
				  EVENT_TIMEOUT_MS, &ev));
	/* The tx ring runs ahead of the card: its last digit comes later. */
	EXPECT_TRUE(WAIT_FOR(!strcmp((const char *)line->heard, "2468*"),
			     EVENT_TIMEOUT_MS)) {
		TH_LOG("the card heard \"%s\"", (const char *)line->heard);
	}
	ASSERT_EQ(0, set_u32(fd, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	close(fd);
}

/*
 * Audio written to a channel goes out through the tx ring, the card loops
 * it back into the rx ring, and it is read back sample for sample.
 */
TEST_F(pci, audio_round_trip)
{
	enum { BLOCK = 160, BLOCKS = 25, READS = 120, PREFILL = 5 };
	struct tapi_media_config cfg = { TAPI_FMT_S16, BLOCK };
	static int16_t sent[BLOCK * BLOCKS], heard[BLOCK * READS];
	uint32_t x = 12345;
	int i, start = -1, fd;

	for (i = 0; i < BLOCK * BLOCKS; i++) {
		x = x * 1103515245 + 12345;
		sent[i] = (int16_t)((x >> 16) % 16001) - 8000;
	}
	ASSERT_EQ(0, pcicard_cmd(&self->card, "loop %d %d", self->fxs,
				 self->fxs));
	fd = chan_open(self->card.chan[self->fxs], 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, xioctl(fd, TAPI_IOC_SET_MEDIA, &cfg));
	/* PREFILL blocks ahead, then one written per block read: the tx
	 * buffer never runs dry, so what is sent is one unbroken stretch.
	 */
	for (i = 0; i < READS; i++) {
		int w = i ? i + PREFILL - 1 : 0;

		for (; w < BLOCKS && w < i + PREFILL; w++)
			ASSERT_EQ((ssize_t)sizeof(int16_t) * BLOCK,
				  write(fd, sent + w * BLOCK,
					sizeof(int16_t) * BLOCK));
		ASSERT_EQ((ssize_t)sizeof(int16_t) * BLOCK,
			  read(fd, heard + i * BLOCK, sizeof(int16_t) * BLOCK));
	}
	close(fd);
	for (i = 0; i + BLOCK * BLOCKS <= BLOCK * READS; i++)
		if (!memcmp(heard + i, sent, sizeof(sent))) {
			start = i;
			break;
		}
	EXPECT_LE(0, start) {
		for (i = 0; i < BLOCK * READS && heard[i] != sent[0]; i++)
			;
		TH_LOG("the %d samples sent never came back whole; the first at %d",
		       BLOCK * BLOCKS, i);
		for (start = 0; i < BLOCK * READS && start < BLOCK * BLOCKS &&
		     heard[i] == sent[start]; i++, start++)
			;
		TH_LOG("%d samples match, then %d for %d", start,
		       i < BLOCK * READS ? heard[i] : 0,
		       start < BLOCK * BLOCKS ? sent[start] : 0);
		start = -1;
	}
	TH_LOG("round trip: %d samples (%.1f ms)", start, start / 8.0);
}

/* A driver late by more than a ring: counted and raised as an alarm. */
TEST_F(pci, ring_overrun_reported)
{
	long long o0 = pci_attr_num(self->card.addr, "rx_overruns"), o1;
	uint32_t card0 = self->card.hdr->rx_overruns;
	uint32_t ring = self->card.hdr->ring_frames;
	struct tapi_event ev;
	int fd = open_port(&self->card, self->fxo);

	ASSERT_LE(0, fd);
	ASSERT_LE(0, o0);
	/* Three rings' worth of frames in one tick, one interrupt. */
	ASSERT_EQ(0, pcicard_cmd(&self->card, "burst %u", 3 * ring));
	ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_ALARM, 0, EVENT_TIMEOUT_MS, &ev));
	EXPECT_TRUE(ev.value & TAPI_PCI_ALARM_RX_OVERRUN);
	o1 = pci_attr_num(self->card.addr, "rx_overruns");
	EXPECT_LE(o0 + ring, o1);
	EXPECT_EQ(o1 - o0, (long long)(self->card.hdr->rx_overruns - card0));
	/* Cleared once the ring runs clean again. */
	do {
		ASSERT_EQ(0, ev_wait_type(fd, TAPI_EV_ALARM, 0,
					  EVENT_TIMEOUT_MS, &ev));
	} while (ev.value);
	close(fd);
}

/*
 * Our card with the signature damaged is someone else's: bind refuses
 * it with -ENODEV; with the signature back, it binds again.  Last: the
 * channels come back with new numbers.
 */
TEST_F(pci, bad_signature_refused)
{
	char path[PATH_MAX], drv[64];
	volatile uint32_t *sig = &self->card.hdr->signature;

	snprintf(path, sizeof(path), PCI_DRIVER_DIR "/unbind");
	ASSERT_EQ(0, sysfs_write(path, self->card.addr));
	EXPECT_EQ(-ENODEV, pcicard_channels(&self->card));
	*sig = 0x5a5a5a5a;
	snprintf(path, sizeof(path), PCI_DRIVER_DIR "/bind");
	EXPECT_EQ(-ENODEV, sysfs_write(path, self->card.addr));
	pci_driver_of(self->card.addr, drv, sizeof(drv));
	EXPECT_STREQ("", drv);
	*sig = TAPI_PCICARD_SIGNATURE;
	ASSERT_EQ(0, sysfs_write(path, self->card.addr));
	pci_driver_of(self->card.addr, drv, sizeof(drv));
	EXPECT_STREQ("tapi_pci", drv);
	EXPECT_EQ((int)self->card.nports, pcicard_channels(&self->card));
}

TEST_HARNESS_MAIN
