// SPDX-License-Identifier: GPL-2.0
/*
 * test_core_info - the channel ABI of tapi_core: what a channel says about
 * itself (TAPI_IOC_GET_INFO, sysfs, device nodes), how channels and cards
 * are numbered, and that every ioctl rejects bad arguments with the
 * documented error: EFAULT for bad pointers, EINVAL for bad values,
 * ENOTTY for unknown commands, EOPNOTSUPP for the wrong channel type.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "kselftest_harness.h"
#include "test_core_util.h"

#define NFXS 2
#define NFXO 2
#define NCHAN (NFXS + NFXO)

FIXTURE(card) {
	int sim;
	struct tapi_sim_card card;
	int fd[NCHAN];
	unsigned int fxs, fxo;	/* channel numbers of the first of each */
};

FIXTURE_SETUP(card)
{
	int i;

	for (i = 0; i < NCHAN; i++)
		self->fd[i] = -1;
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, sim_card_add(self->sim, NFXS, NFXO, &self->card));
	self->fxs = self->card.first_channel;
	self->fxo = self->card.first_channel + NFXS;
	for (i = 0; i < NCHAN; i++) {
		self->fd[i] = chan_open(self->card.first_channel + i, 0);
		ASSERT_LE(0, self->fd[i]) TH_LOG("open channel %u: %s",
			self->card.first_channel + i, strerror(errno));
	}
}

FIXTURE_TEARDOWN(card)
{
	int i;

	for (i = 0; i < NCHAN; i++)
		if (self->fd[i] >= 0)
			close(self->fd[i]);
	if (self->sim >= 0) {
		sim_card_remove(self->sim, self->card.card);
		close(self->sim);
	}
}

TEST_F(card, info_describes_each_channel)
{
	struct tapi_chan_info info;
	char prefix[TAPI_NAME_LEN + 1];
	int i, j;

	snprintf(prefix, sizeof(prefix), "%s/", self->card.name);
	for (i = 0; i < NCHAN; i++) {
		ASSERT_EQ(0, chan_info(self->fd[i], &info));
		EXPECT_EQ(TAPI_ABI_VERSION, info.abi_version);
		EXPECT_EQ(TAPI_ABI_MAJOR, info.abi_version >> 16);
		EXPECT_EQ(self->card.first_channel + i, info.channel);
		EXPECT_EQ(self->card.card, info.card);
		EXPECT_EQ(i, info.card_channel);
		EXPECT_EQ(i < NFXS ? TAPI_SIG_FXS : TAPI_SIG_FXO,
			  info.signalling);
		EXPECT_TRUE(info.caps & TAPI_CAP_MEDIA);
		if (i < NFXS) {
			EXPECT_TRUE(info.caps & TAPI_CAP_RING);
			EXPECT_TRUE(info.caps & TAPI_CAP_HOOK_DETECT);
		} else {
			EXPECT_TRUE(info.caps & TAPI_CAP_HOOK_CONTROL);
			EXPECT_TRUE(info.caps & TAPI_CAP_RING_DETECT);
		}
		EXPECT_EQ(TAPI_HOOK_ON, info.hook);
		EXPECT_EQ(0, info.ringing);
		EXPECT_EQ(0, info.polarity);
		for (j = 0; j < 7; j++)
			EXPECT_EQ(0, info.reserved[j]);
		EXPECT_STREQ(self->card.name, info.card_name);
		EXPECT_STREQ(SIM_DRIVER, info.driver);
		EXPECT_EQ(0, strncmp(info.name, prefix, strlen(prefix)))
			TH_LOG("name %s, card %s", info.name, self->card.name);
		/* NUL-terminated within the arrays */
		EXPECT_GT(sizeof(info.name), strnlen(info.name, sizeof(info.name)));
	}
}

TEST_F(card, sysfs_attributes_match_info)
{
	static const char *const sig_names[] = { "?", "fxs", "fxo", "handset" };
	struct tapi_chan_info info;
	char buf[128], want[128];
	unsigned int ch;
	int i;

	for (i = 0; i < NCHAN; i++) {
		ch = self->card.first_channel + i;
		ASSERT_EQ(0, chan_info(self->fd[i], &info));
		ASSERT_EQ(0, sysfs_attr(ch, "signalling", buf, sizeof(buf)));
		EXPECT_STREQ(sig_names[info.signalling], buf);
		ASSERT_EQ(0, sysfs_attr(ch, "card", buf, sizeof(buf)));
		EXPECT_EQ(info.card, strtoul(buf, NULL, 10));
		ASSERT_EQ(0, sysfs_attr(ch, "card_name", buf, sizeof(buf)));
		EXPECT_STREQ(info.card_name, buf);
		ASSERT_EQ(0, sysfs_attr(ch, "driver", buf, sizeof(buf)));
		EXPECT_STREQ(info.driver, buf);
		ASSERT_EQ(0, sysfs_attr(ch, "name", buf, sizeof(buf)));
		EXPECT_STREQ(info.name, buf);
		ASSERT_EQ(0, sysfs_attr(ch, "index", buf, sizeof(buf)));
		EXPECT_EQ(info.card_channel, strtoul(buf, NULL, 10));
		ASSERT_EQ(0, sysfs_attr(ch, "channel", buf, sizeof(buf)));
		EXPECT_EQ(info.channel, strtoul(buf, NULL, 10));
		ASSERT_EQ(0, sysfs_attr(ch, "caps", buf, sizeof(buf)));
		snprintf(want, sizeof(want), "0x%x", info.caps);
		EXPECT_STREQ(want, buf);
		ASSERT_EQ(0, sysfs_attr(ch, "hook", buf, sizeof(buf)));
		EXPECT_STREQ(info.hook == TAPI_HOOK_OFF ? "off" : "on", buf);
		ASSERT_EQ(0, sysfs_attr(ch, "ringing", buf, sizeof(buf)));
		EXPECT_EQ(info.ringing, strtoul(buf, NULL, 10));
		ASSERT_EQ(0, sysfs_attr(ch, "polarity", buf, sizeof(buf)));
		EXPECT_EQ(info.polarity, strtoul(buf, NULL, 10));
	}
}

TEST_F(card, sysfs_and_info_follow_the_line)
{
	static const uint16_t cadence[] = { 5000, 5000 };
	struct tapi_chan_info info;
	char buf[32];
	int fxs = self->fd[0], fxo = self->fd[NFXS];

	/* Ringing, then the phone answers. */
	ASSERT_EQ(0, ring_start(fxs, 0, 2, cadence));
	ASSERT_EQ(0, chan_info(fxs, &info));
	EXPECT_EQ(1, info.ringing);
	ASSERT_EQ(0, sysfs_attr(self->fxs, "ringing", buf, sizeof(buf)));
	EXPECT_STREQ("1", buf);
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	ASSERT_EQ(0, chan_info(fxs, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);
	EXPECT_EQ(0, info.ringing);
	ASSERT_EQ(0, sysfs_attr(self->fxs, "hook", buf, sizeof(buf)));
	EXPECT_STREQ("off", buf);
	ASSERT_EQ(0, sysfs_attr(self->fxs, "ringing", buf, sizeof(buf)));
	EXPECT_STREQ("0", buf);

	ASSERT_EQ(0, set_u32(fxs, TAPI_IOC_SET_POLARITY, 1));
	ASSERT_EQ(0, chan_info(fxs, &info));
	EXPECT_EQ(1, info.polarity);
	ASSERT_EQ(0, sysfs_attr(self->fxs, "polarity", buf, sizeof(buf)));
	EXPECT_STREQ("1", buf);
	ASSERT_EQ(0, set_u32(fxs, TAPI_IOC_SET_POLARITY, 0));
	ASSERT_EQ(0, chan_info(fxs, &info));
	EXPECT_EQ(0, info.polarity);

	/* FXO: our own hook. */
	ASSERT_EQ(0, set_u32(fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, chan_info(fxo, &info));
	EXPECT_EQ(TAPI_HOOK_OFF, info.hook);
	ASSERT_EQ(0, sysfs_attr(self->fxo, "hook", buf, sizeof(buf)));
	EXPECT_STREQ("off", buf);
	ASSERT_EQ(0, set_u32(fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
	ASSERT_EQ(0, chan_info(fxo, &info));
	EXPECT_EQ(TAPI_HOOK_ON, info.hook);
}

TEST_F(card, device_nodes_match_sysfs)
{
	struct stat st;
	char path[64], buf[32];
	unsigned int major, minor;
	int i;

	for (i = 0; i < NCHAN; i++) {
		unsigned int ch = self->card.first_channel + i;

		snprintf(path, sizeof(path), "/dev/tapi/%u", ch);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_TRUE(S_ISCHR(st.st_mode));
		ASSERT_EQ(0, sysfs_attr(ch, "dev", buf, sizeof(buf)));
		ASSERT_EQ(2, sscanf(buf, "%u:%u", &major, &minor));
		EXPECT_EQ(major, major(st.st_rdev));
		EXPECT_EQ(minor, minor(st.st_rdev));
		EXPECT_EQ(ch, minor);
	}
}

/*
 * Cards and channels get the lowest free numbers, a card's channels a
 * consecutive run, and numbers freed by a removal are used again.  What
 * is free is read from the devices of the tapi class.
 */
TEST_F(card, numbers_are_lowest_free_and_consecutive)
{
	struct tapi_sim_card a, b, c;
	struct tapi_chan_info info;
	int want_run, want_card, fd, i;

	want_run = lowest_free_run(3);
	want_card = lowest_free_card();
	ASSERT_LE(0, want_run);
	ASSERT_EQ(0, sim_card_add(self->sim, 1, 2, &a));
	EXPECT_EQ(want_run, a.first_channel);
	EXPECT_EQ(want_card, a.card);
	for (i = 0; i < 3; i++) {
		fd = chan_open(a.first_channel + i, 0);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, chan_info(fd, &info));
		EXPECT_EQ(a.card, info.card);
		EXPECT_EQ(i, info.card_channel);
		EXPECT_EQ(a.first_channel + i, info.channel);
		close(fd);
	}

	want_run = lowest_free_run(1);
	ASSERT_EQ(0, sim_card_add(self->sim, 1, 0, &b));
	EXPECT_EQ(want_run, b.first_channel);
	EXPECT_NE(a.card, b.card);

	ASSERT_EQ(0, sim_card_remove(self->sim, a.card));
	/* a's numbers are free again: a smaller card reuses them. */
	want_run = lowest_free_run(2);
	want_card = lowest_free_card();
	EXPECT_LE(want_run, (int)a.first_channel);
	EXPECT_LE(want_card, (int)a.card);
	ASSERT_EQ(0, sim_card_add(self->sim, 2, 0, &c));
	EXPECT_EQ(want_run, c.first_channel);
	EXPECT_EQ(want_card, c.card);
	ASSERT_EQ(0, sim_card_remove(self->sim, c.card));

	/* A bigger card needs a run that fits. */
	want_run = lowest_free_run(6);
	ASSERT_EQ(0, sim_card_add(self->sim, 3, 3, &c));
	EXPECT_EQ(want_run, c.first_channel);
	ASSERT_EQ(0, sim_card_remove(self->sim, c.card));
	ASSERT_EQ(0, sim_card_remove(self->sim, b.card));
}

/* Every ioctl with an argument: EFAULT for a pointer it cannot use. */
TEST_F(card, bad_pointers_give_efault)
{
	int fxs = self->fd[0], fxo = self->fd[NFXS];
	struct pollfd pfd = { .fd = fxs, .events = POLLIN };
	struct tapi_event ev;

	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_GET_INFO, NULL));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_GET_INFO, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxo, TAPI_IOC_SET_HOOK, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_RING_START, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_SET_POLARITY, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_DIAL, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_SET_EVENT_MASK, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_SET_MEDIA, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_GET_MEDIA, BAD_PTR));
	/* A read-only mapping cannot take GET_INFO's answer. */
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_GET_INFO, (void *)"const"));

	/* GET_EVENT: EFAULT, and the event stays queued. */
	ASSERT_EQ(0, sim_cmd(self->sim, TAPI_SIM_IOC_PHONE_HOOK, self->fxs, 1));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_GET_EVENT, BAD_PTR));
	EXPECT_EQ(-EFAULT, xioctl(fxs, TAPI_IOC_GET_EVENT, NULL));
	ASSERT_EQ(0, ev_get(fxs, &ev));
	EXPECT_EQ(TAPI_EV_HOOK, ev.type);
	EXPECT_EQ(TAPI_HOOK_OFF, ev.value);
	EXPECT_EQ(1, ev.seq);

	/* read() and write() with bad buffers */
	ASSERT_EQ(0, set_media(fxs, TAPI_FMT_S16, 8));
	EXPECT_EQ(-1, write(fxs, BAD_PTR, 16));
	EXPECT_EQ(EFAULT, errno);
	/* ... the failed write took nothing: a good one still fits. */
	EXPECT_EQ(16, write(fxs, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	/* Wait for a block of capture, then fail to take it. */
	ASSERT_EQ(1, poll(&pfd, 1, EVENT_TIMEOUT_MS));
	EXPECT_EQ(-1, read(fxs, BAD_PTR, 16));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(card, unknown_commands_give_enotty)
{
	struct tapi_sim_status st;
	uint8_t buf[256];
	int fxs = self->fd[0];

	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IO(TAPI_IOC_MAGIC, 0x3f), buf));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IOWR(TAPI_IOC_MAGIC, 0x0a, uint32_t), buf));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IOWR(TAPI_IOC_MAGIC, 0xff, uint64_t), buf));
	/* A known number with the wrong size or direction is another command. */
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IOR(TAPI_IOC_MAGIC, 0x00, uint32_t), buf));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IOW(TAPI_IOC_MAGIC, 0x00, struct tapi_chan_info), buf));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IO(TAPI_IOC_MAGIC, 0x06), buf));
	/* Other subsystems' and the simulator's commands */
	EXPECT_EQ(-ENOTTY, xioctl(fxs, _IO('T', 0x01), buf));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, TAPI_SIM_IOC_STATUS, &st));
	EXPECT_EQ(-ENOTTY, xioctl(fxs, FIONREAD, buf));
	/* ... and the simulator does not take channel commands */
	EXPECT_EQ(-ENOTTY, xioctl(self->sim, TAPI_IOC_GET_INFO, buf));
}

TEST_F(card, wrong_channel_type_gives_eopnotsupp)
{
	static const uint16_t cadence[] = { 100, 100 };
	int fxs = self->fd[0], fxo = self->fd[NFXS];

	/* Hook control is FXO's; ringing and polarity are FXS's. */
	EXPECT_EQ(-EOPNOTSUPP, set_u32(fxs, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	EXPECT_EQ(-EOPNOTSUPP, set_u32(fxs, TAPI_IOC_SET_HOOK, TAPI_HOOK_FLASH));
	EXPECT_EQ(-EOPNOTSUPP, ring_start(fxo, 1, 2, cadence));
	EXPECT_EQ(-EOPNOTSUPP, xioctl(fxo, TAPI_IOC_RING_STOP, NULL));
	EXPECT_EQ(-EOPNOTSUPP, set_u32(fxo, TAPI_IOC_SET_POLARITY, 1));
	/* Nothing happened on the FXO line. */
	EXPECT_EQ(-EAGAIN, xioctl(fxo, TAPI_IOC_GET_EVENT, &(struct tapi_event){}));
}

TEST_F(card, set_hook_rejects_bad_values)
{
	struct tapi_sim_status st;
	int fxo = self->fd[NFXS];

	EXPECT_EQ(-EINVAL, set_u32(fxo, TAPI_IOC_SET_HOOK, 3));
	EXPECT_EQ(-EINVAL, set_u32(fxo, TAPI_IOC_SET_HOOK, 0xffffffff));
	/* A flash needs the line seized. */
	EXPECT_EQ(-EINVAL, set_u32(fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_FLASH));
	ASSERT_EQ(0, sim_status(self->sim, self->fxo, &st));
	EXPECT_EQ(0, st.hook);
	EXPECT_EQ(TAPI_SIM_CO_IDLE, st.co_state);
}

TEST_F(card, ring_start_rejects_bad_cadences)
{
	static const uint16_t ok[8] = { 50, 10000, 50, 10000, 50, 10000, 50, 10000 };
	uint16_t steps[8];
	int fxs = self->fd[0];
	unsigned int n;

	for (n = 0; n <= 10; n++) {
		if (n >= 2 && n <= 8 && n % 2 == 0)
			continue;
		EXPECT_EQ(-EINVAL, ring_start(fxs, 1, n, ok)) TH_LOG("nsteps %u", n);
	}
	memcpy(steps, ok, sizeof(steps));
	steps[3] = 49;
	EXPECT_EQ(-EINVAL, ring_start(fxs, 1, 4, steps));
	steps[3] = 10001;
	EXPECT_EQ(-EINVAL, ring_start(fxs, 1, 4, steps));
	steps[3] = 0;
	EXPECT_EQ(-EINVAL, ring_start(fxs, 1, 4, steps));
	steps[3] = 1000;
	steps[0] = 0xffff;
	EXPECT_EQ(-EINVAL, ring_start(fxs, 1, 8, steps));
	/* nothing started */
	EXPECT_EQ(-EAGAIN, xioctl(fxs, TAPI_IOC_GET_EVENT, &(struct tapi_event){}));

	/* The limits themselves are fine. */
	EXPECT_EQ(0, ring_start(fxs, 1, 8, ok));
	EXPECT_EQ(0, xioctl(fxs, TAPI_IOC_RING_STOP, NULL));
}

TEST_F(card, set_polarity_rejects_bad_values)
{
	int fxs = self->fd[0];

	EXPECT_EQ(-EINVAL, set_u32(fxs, TAPI_IOC_SET_POLARITY, 2));
	EXPECT_EQ(-EINVAL, set_u32(fxs, TAPI_IOC_SET_POLARITY, 0x80000001));
	EXPECT_EQ(0, set_u32(fxs, TAPI_IOC_SET_POLARITY, 1));
	EXPECT_EQ(0, set_u32(fxs, TAPI_IOC_SET_POLARITY, 0));
}

TEST_F(card, dial_rejects_bad_requests)
{
	struct tapi_dial d;
	int fxs = self->fd[0];

	EXPECT_EQ(-EINVAL, dial(fxs, "", 0, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "12E", 0, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1a", 0, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1 2", 0, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "+1", 0, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1", 39, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1", 1001, 0, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1", 0, 39, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1", 0, 1001, 0));
	EXPECT_EQ(-EINVAL, dial(fxs, "1", 0, 0, -31));
	EXPECT_EQ(-EINVAL, dial(fxs, "1", 0, 0, 1));

	/* Not NUL-terminated within the array */
	memset(&d, 0, sizeof(d));
	memset(d.digits, '1', sizeof(d.digits));
	EXPECT_EQ(-EINVAL, xioctl(fxs, TAPI_IOC_DIAL, &d));
	/* reserved must be zero */
	memset(&d, 0, sizeof(d));
	strcpy(d.digits, "1");
	d.reserved = 1;
	EXPECT_EQ(-EINVAL, xioctl(fxs, TAPI_IOC_DIAL, &d));
	/* Nothing was queued: no DIAL_DONE comes. */
	EXPECT_EQ(-EAGAIN, xioctl(fxs, TAPI_IOC_GET_EVENT, &(struct tapi_event){}));

	/* The limits themselves are fine: 63 digits, 40 ms, -30 dBm0. */
	memset(&d, 0, sizeof(d));
	memset(d.digits, '#', sizeof(d.digits) - 1);
	d.on_ms = TAPI_DTMF_ON_MIN_MS;
	d.off_ms = TAPI_DTMF_OFF_MIN_MS;
	d.level = TAPI_DTMF_LEVEL_MIN;
	EXPECT_EQ(0, xioctl(fxs, TAPI_IOC_DIAL, &d));
	EXPECT_EQ(0, dial(fxs, "0123456789*#ABCD", 1000, 1000, 0));
}

TEST_F(card, media_settings_validated_and_kept_per_file)
{
	struct tapi_media_config cfg;
	static const uint32_t bad_blocks[] = { 0, 1, 4, 7, 12, 1601, 1608, 16000,
					      0xfffffff8 };
	unsigned int i;
	int fxs = self->fd[0], other;

	ASSERT_EQ(0, xioctl(fxs, TAPI_IOC_GET_MEDIA, &cfg));
	EXPECT_EQ(TAPI_FMT_S16, cfg.format);
	EXPECT_EQ(TAPI_BLOCK_DEFAULT, cfg.block_samples);

	for (i = 0; i < sizeof(bad_blocks) / sizeof(bad_blocks[0]); i++)
		EXPECT_EQ(-EINVAL, set_media(fxs, TAPI_FMT_S16, bad_blocks[i]))
			TH_LOG("block %u", bad_blocks[i]);
	EXPECT_EQ(-EINVAL, set_media(fxs, 3, 160));
	EXPECT_EQ(-EINVAL, set_media(fxs, 0xffffffff, 160));
	/* unchanged after the failures */
	ASSERT_EQ(0, xioctl(fxs, TAPI_IOC_GET_MEDIA, &cfg));
	EXPECT_EQ(TAPI_FMT_S16, cfg.format);
	EXPECT_EQ(TAPI_BLOCK_DEFAULT, cfg.block_samples);

	EXPECT_EQ(0, set_media(fxs, TAPI_FMT_ALAW, TAPI_BLOCK_MIN));
	EXPECT_EQ(0, set_media(fxs, TAPI_FMT_ULAW, TAPI_BLOCK_MAX));
	ASSERT_EQ(0, xioctl(fxs, TAPI_IOC_GET_MEDIA, &cfg));
	EXPECT_EQ(TAPI_FMT_ULAW, cfg.format);
	EXPECT_EQ(TAPI_BLOCK_MAX, cfg.block_samples);

	/* Another file of the channel has its own settings. */
	other = chan_open(self->fxs, 0);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, xioctl(other, TAPI_IOC_GET_MEDIA, &cfg));
	EXPECT_EQ(TAPI_FMT_S16, cfg.format);
	EXPECT_EQ(TAPI_BLOCK_DEFAULT, cfg.block_samples);
	close(other);
}

TEST_F(card, event_mask_rejects_unknown_bits)
{
	int fxs = self->fd[0];

	EXPECT_EQ(-EINVAL, set_u32(fxs, TAPI_IOC_SET_EVENT_MASK, 1));
	EXPECT_EQ(-EINVAL, set_u32(fxs, TAPI_IOC_SET_EVENT_MASK,
				   TAPI_EV_MASK(__TAPI_EV_CNT)));
	EXPECT_EQ(-EINVAL, set_u32(fxs, TAPI_IOC_SET_EVENT_MASK, 1u << 31));
	EXPECT_EQ(-EINVAL, set_u32(fxs, TAPI_IOC_SET_EVENT_MASK, 0xffffffff));
	EXPECT_EQ(0, set_u32(fxs, TAPI_IOC_SET_EVENT_MASK, TAPI_EV_MASK_ALL));
	EXPECT_EQ(0, set_u32(fxs, TAPI_IOC_SET_EVENT_MASK, 0));
}

TEST_HARNESS_MAIN
